// SPDX-License-Identifier: GPL-2.0-only
#include "engine/engine.h"

#include <grp.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

extern const struct sw_engine_ops sw_engine_ebpf; /* engine/ebpf/ebpf.c */ const struct sw_engine_ops *const sw_engine_ebpf_ops = &sw_engine_ebpf;

const struct sw_engine_ops *sw_engine_at(size_t i)
{
	const struct sw_engine_ops *const all[] = { &sw_engine_ptrace, sw_engine_ebpf_ops };

	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
		if (all[k] && i-- == 0)
			return all[k];
	return NULL;
}

unsigned sw_engine_needs(const struct sw_engine_opts *o)
{
	unsigned need = 0;

	if (o->system_wide)
		need |= SW_ENGINE_CAN_SYSTEM_WIDE;
	if (o->sample > 1)
		need |= SW_ENGINE_CAN_SAMPLE;
	if (o->buffer_size)
		need |= SW_ENGINE_CAN_RING_SIZE;
	if (o->uid >= 0 || o->comm[0])
		need |= SW_ENGINE_CAN_FILTER_USER;
	if (o->ninject)
		need |= SW_ENGINE_CAN_INJECT;
	if (o->pin_cpu)
		need |= SW_ENGINE_CAN_PIN_CPU;
	if (o->no_seccomp)
		need |= SW_ENGINE_CAN_NO_SECCOMP;
	if (o->daemonize)
		need |= SW_ENGINE_CAN_DAEMONIZE;
	return need;
}

const struct sw_engine_ops *sw_engine_by_name(const char *name)
{
	for (size_t i = 0; sw_engine_at(i); i++)
		if (strcmp(sw_engine_at(i)->name, name) == 0)
			return sw_engine_at(i);
	return NULL;
}

int sw_engine_child_identity(const struct sw_engine_opts *o)
{
	if (!o->run_user)
		return 0;
	if (initgroups(o->run_user, o->run_gid) < 0 || setgid(o->run_gid) < 0 || setuid(o->run_uid) < 0)
		return -1;
	return 0;
}

char *const *sw_engine_child_env(const struct sw_engine_opts *o)
{
	extern char **environ;

	return o->envp ? o->envp : environ;
}
