// SPDX-License-Identifier: GPL-2.0-only
/* syswatch run --record-profile: runs the command under the ptrace engine
 * (every call stops, so none is missed; nothing is lost as a ring buffer
 * could lose it), notes the syscalls it made, with the clone flags and the
 * personalities it asked for, and writes the profile allowing exactly those. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>

#include "engine/engine.h"
#include "run/profile.h"
#include "run/record.h"

#define CLONE_NS_FLAGS 0x7E020000ull

void run_usage_note(struct run_usage *u, const struct sw_event *ev)
{
	if (ev->kind != SW_EV_SYSCALL || ev->arch != SW_ARCH_X86_64 || ev->nr < 0 || ev->nr >= SW_NR_MAX)
		return;
	sw_sysset_add(&u->used, ev->nr);
	if (ev->nr == SYS_clone && (ev->args[0] & CLONE_NS_FLAGS))
		u->clone_ns = true;
	if (ev->nr == SYS_personality) {
		bool seen = false;

		for (unsigned i = 0; i < u->npersonas; i++)
			seen |= u->personas[i] == ev->args[0];
		if (!seen && u->npersonas < sizeof(u->personas) / sizeof(u->personas[0]))
			u->personas[u->npersonas++] = ev->args[0];
		else if (!seen)
			u->persona_other = true;
	}
}

static int on_event(const struct sw_event *ev, void *ctx)
{
	run_usage_note(ctx, ev);
	return 0;
}

int run_record(char *const *argv, const char *path, volatile sig_atomic_t *stop, int *exit_code, struct sw_err *err)
{
	struct sw_engine_opts o;
	struct run_usage u;
	struct sw_engine *e = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	memset(&u, 0, sizeof(u));
	o.argv = argv;
	o.follow = true;
	o.uid = -1;
	o.strlimit = 0;
	o.stop = stop;
	sw_sysset_fill(&o.set);
	*exit_code = 1;
	if (sw_engine_ptrace.open(&e, &o, err) < 0)
		return -1;
	rc = e->ops->start(e, err);
	while (rc >= 0) {
		rc = e->ops->poll(e, 100, on_event, &u, err);
		if (rc == SW_ENGINE_DONE)
			break;
	}
	if (rc >= 0) {
		*exit_code = e->ops->exit_code(e);
		rc = run_profile_write(&u, path, err);
	}
	e->ops->close(e);
	return rc < 0 ? -1 : 0;
}
