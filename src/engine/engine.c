#include "engine/engine.h"

#include <stddef.h>
#include <string.h>

extern const struct sw_engine_ops sw_engine_ebpf; /* engine/ebpf/ebpf.c */ const struct sw_engine_ops *const sw_engine_ebpf_ops = &sw_engine_ebpf;

const struct sw_engine_ops *sw_engine_by_name(const char *name)
{
	if (strcmp(name, "ptrace") == 0)
		return &sw_engine_ptrace;
	if (strcmp(name, "ebpf") == 0)
		return sw_engine_ebpf_ops;
	return NULL;
}
