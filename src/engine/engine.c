#include "engine/engine.h"

#include <stddef.h>
#include <string.h>

extern const struct sw_engine_ops sw_engine_ebpf; /* engine/ebpf/ebpf.c */ const struct sw_engine_ops *const sw_engine_ebpf_ops = &sw_engine_ebpf;

const struct sw_engine_ops *sw_engine_at(size_t i)
{
	const struct sw_engine_ops *const all[] = { &sw_engine_ptrace, sw_engine_ebpf_ops };

	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
		if (all[k] && i-- == 0)
			return all[k];
	return NULL;
}

const struct sw_engine_ops *sw_engine_by_name(const char *name)
{
	for (size_t i = 0; sw_engine_at(i); i++)
		if (strcmp(sw_engine_at(i)->name, name) == 0)
			return sw_engine_at(i);
	return NULL;
}
