#include "engine/engine.h"

#include <stddef.h>
#include <string.h>

const struct sw_engine_ops *const sw_engine_ebpf_ops = NULL;

const struct sw_engine_ops *sw_engine_by_name(const char *name)
{
	if (strcmp(name, "ptrace") == 0)
		return &sw_engine_ptrace;
	if (strcmp(name, "ebpf") == 0)
		return sw_engine_ebpf_ops;
	return NULL;
}
