// SPDX-License-Identifier: GPL-2.0-only
/* Processes: clone and friends, wait4, resource limits, uname, sysinfo,
 * times, arch_prctl, futex, CPU affinity, getrandom. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <asm/prctl.h>
#include <linux/futex.h>
#include <linux/sched.h>

#include "decode/dec.h"

/* ---- structures ---- */

void dec_wstatus(struct sw_dec *d, int s)
{
	dec_puts(d, "[{");
	if (WIFEXITED(s)) {
		dec_printf(d, "WIFEXITED(s) && WEXITSTATUS(s) == %d", WEXITSTATUS(s));
	} else if (WIFSIGNALED(s)) {
		dec_puts(d, "WIFSIGNALED(s) && WTERMSIG(s) == ");
		dec_signame(d, WTERMSIG(s));
		if (WCOREDUMP(s))
			dec_puts(d, " && WCOREDUMP(s)");
	} else if (WIFSTOPPED(s)) {
		dec_puts(d, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
		dec_signame(d, WSTOPSIG(s));
	} else if (WIFCONTINUED(s)) {
		dec_puts(d, "WIFCONTINUED(s)");
	} else {
		dec_printf(d, "%#x", (unsigned)s);
	}
	dec_puts(d, "}");
	if (WIFSTOPPED(s) && (s >> 16)) {
		static const char *const events[] = {
			NULL, "PTRACE_EVENT_FORK", "PTRACE_EVENT_VFORK", "PTRACE_EVENT_CLONE",
			"PTRACE_EVENT_EXEC", "PTRACE_EVENT_VFORK_DONE", "PTRACE_EVENT_EXIT",
			"PTRACE_EVENT_SECCOMP",
		};
		unsigned ev = (unsigned)s >> 16;

		if (ev < sizeof(events) / sizeof(events[0]) && events[ev])
			dec_printf(d, " | %s << 16", events[ev]);
		else
			dec_printf(d, " | %#x << 16", ev);
	}
	dec_puts(d, "]");
}

void dec_wstatus_arg(struct sw_dec *d, unsigned arg)
{
	int32_t s;

	/* wait4 returning 0 (WNOHANG, nobody ready) wrote no status */
	if (d->ev->ret <= 0 || !dec_get(d, arg, SW_AT_EXIT, &s, sizeof(s))) {
		dec_addr(d, d->args[arg]);
		return;
	}
	dec_wstatus(d, s);
}

void dec_rusage_arg(struct sw_dec *d, unsigned arg)
{
	struct rusage ru;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &ru, sizeof(ru)))
		return;
	dec_puts(d, "{ru_utime=");
	dec_timeval(d, &ru.ru_utime);
	dec_puts(d, ", ru_stime=");
	dec_timeval(d, &ru.ru_stime);
	if (!d->verbose) {
		dec_puts(d, ", ...}");
		return;
	}
	DEC_FIELD_D(d, ", ", ru, ru_maxrss);
	DEC_FIELD_D(d, ", ", ru, ru_ixrss);
	DEC_FIELD_D(d, ", ", ru, ru_idrss);
	DEC_FIELD_D(d, ", ", ru, ru_isrss);
	DEC_FIELD_D(d, ", ", ru, ru_minflt);
	DEC_FIELD_D(d, ", ", ru, ru_majflt);
	DEC_FIELD_D(d, ", ", ru, ru_nswap);
	DEC_FIELD_D(d, ", ", ru, ru_inblock);
	DEC_FIELD_D(d, ", ", ru, ru_oublock);
	DEC_FIELD_D(d, ", ", ru, ru_msgsnd);
	DEC_FIELD_D(d, ", ", ru, ru_msgrcv);
	DEC_FIELD_D(d, ", ", ru, ru_nsignals);
	DEC_FIELD_D(d, ", ", ru, ru_nvcsw);
	DEC_FIELD_D(d, ", ", ru, ru_nivcsw);
	dec_puts(d, "}");
}

static void rlim_names(struct sw_dec *d, uint64_t v)
{
	if (v == UINT64_MAX)
		dec_puts(d, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		dec_printf(d, "%" PRIu64 "*1024", v / 1024);
	else
		dec_printf(d, "%" PRIu64, v);
}

static void rlim(struct sw_dec *d, uint64_t v)
{
	char number[24];

	snprintf(number, sizeof(number), "%" PRIu64, v);
	dec_styled(d, number, rlim_names, v);
}

void dec_rlimit_arg(struct sw_dec *d, unsigned arg, int when)
{
	uint64_t rl[2];

	if (!dec_get_or_addr(d, arg, when, rl, sizeof(rl)))
		return;
	dec_puts(d, "{rlim_cur=");
	rlim(d, rl[0]);
	dec_puts(d, ", rlim_max=");
	rlim(d, rl[1]);
	dec_puts(d, "}");
}

void dec_utsname_arg(struct sw_dec *d, unsigned arg)
{
	struct utsname u;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &u, sizeof(u)))
		return;
	DEC_FIELD_STR(d, "{", u, sysname);
	DEC_FIELD_STR(d, ", ", u, nodename);
	if (!d->verbose) {
		dec_puts(d, ", ...}");
		return;
	}
	DEC_FIELD_STR(d, ", ", u, release);
	DEC_FIELD_STR(d, ", ", u, version);
	DEC_FIELD_STR(d, ", ", u, machine);
	DEC_FIELD_STR(d, ", ", u, domainname);
	dec_puts(d, "}");
}

void dec_sysinfo_arg(struct sw_dec *d, unsigned arg)
{
	struct sysinfo si;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &si, sizeof(si)))
		return;
	DEC_FIELD_D(d, "{", si, uptime);
	dec_printf(d, ", loads=[%lu, %lu, %lu]", si.loads[0], si.loads[1], si.loads[2]);
	DEC_FIELD_U(d, ", ", si, totalram);
	DEC_FIELD_U(d, ", ", si, freeram);
	DEC_FIELD_U(d, ", ", si, sharedram);
	DEC_FIELD_U(d, ", ", si, bufferram);
	DEC_FIELD_U(d, ", ", si, totalswap);
	DEC_FIELD_U(d, ", ", si, freeswap);
	DEC_FIELD_U(d, ", ", si, procs);
	DEC_FIELD_U(d, ", ", si, totalhigh);
	DEC_FIELD_U(d, ", ", si, freehigh);
	DEC_FIELD_U(d, ", ", si, mem_unit);
	dec_puts(d, "}");
}

/* Clock ticks, with the seconds they make: 31 /\* 0.31 s *\/ */
static void ticks(struct sw_dec *d, const char *name, clock_t t)
{
	const long hz = 100; /* USER_HZ, what times(2) counts in */

	dec_printf(d, "%s=%ld", name, (long)t);
	if (t)
		dec_printf(d, " /* %ld.%02ld s */", (long)t / hz, ((long)t % hz) * 100 / hz);
}

void dec_tms_arg(struct sw_dec *d, unsigned arg)
{
	struct tms t;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &t, sizeof(t)))
		return;
	ticks(d, "{tms_utime", t.tms_utime);
	ticks(d, ", tms_stime", t.tms_stime);
	ticks(d, ", tms_cutime", t.tms_cutime);
	ticks(d, ", tms_cstime", t.tms_cstime);
	dec_puts(d, "}");
}

void dec_sched_param_arg(struct sw_dec *d, unsigned arg)
{
	int32_t prio;

	if (!dec_get_or_addr(d, arg, SW_AT_ENTER, &prio, sizeof(prio)))
		return;
	dec_printf(d, "[%d]", prio);
}

/* clone flags with the exit signal in the low byte: CLONE_VM|...|SIGCHLD */
static void clone_flags(struct sw_dec *d, uint64_t flags)
{
	uint64_t rest = flags & ~(uint64_t)0xff;
	unsigned sig = (unsigned)(flags & 0xff);

	if (rest)
		dec_flags(d, &sw_xlat_clone_flags, rest);
	if (sig) {
		if (rest)
			dec_puts(d, "|");
		dec_signame(d, (int)sig);
	}
	if (!flags)
		dec_puts(d, "0");
}

void dec_clone_args_arg(struct sw_dec *d, unsigned arg, uint64_t size)
{
	struct clone_args ca;
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_ENTER);

	if (!c || size < 64 || c->len < 64) {
		dec_addr(d, d->args[arg]);
		return;
	}
	memset(&ca, 0, sizeof(ca));
	memcpy(&ca, sw_capture_data(d->ev, c), c->len < sizeof(ca) ? c->len : sizeof(ca));
	dec_puts(d, "{flags=");
	if (ca.flags)
		dec_flags(d, &sw_xlat_clone_flags, ca.flags);
	else
		dec_puts(d, "0");
	if (ca.flags & CLONE_PIDFD)
		DEC_FIELD(d, ", ", ca, pidfd, dec_addr);
	if (ca.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		DEC_FIELD(d, ", ", ca, child_tid, dec_addr);
	if (ca.flags & CLONE_PARENT_SETTID)
		DEC_FIELD(d, ", ", ca, parent_tid, dec_addr);
	DEC_FIELD(d, ", ", ca, exit_signal, dec_signame);
	DEC_FIELD(d, ", ", ca, stack, dec_addr);
	DEC_FIELD(d, ", ", ca, stack_size, dec_hex);
	if (ca.flags & CLONE_SETTLS)
		DEC_FIELD(d, ", ", ca, tls, dec_addr);
	if (size >= 80 && ca.set_tid_size) {
		DEC_FIELD(d, ", ", ca, set_tid, dec_addr);
		DEC_FIELD_U(d, ", ", ca, set_tid_size);
	}
	if (size >= 88 && (ca.flags & CLONE_INTO_CGROUP))
		DEC_FIELD_U(d, ", ", ca, cgroup);
	dec_puts(d, "}");
	/* The kernel writes the child's id where parent_tid points: the
	 * return value. */
	if ((ca.flags & CLONE_PARENT_SETTID) && d->ev->ret > 0)
		dec_printf(d, " => {parent_tid=[%" PRId64 "]}", d->ev->ret);
}

/* ---- syscalls ---- */

/* x86-64: clone(flags, stack, parent_tid, child_tid, tls) */
static void decode_clone(struct sw_dec *d)
{
	const uint64_t *a = d->args;

	dec_puts(d, "child_stack=");
	dec_addr(d, a[1]);
	dec_puts(d, ", flags=");
	clone_flags(d, a[0]);
	d->nout = 2;
	if (a[0] & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		dec_puts(d, ", parent_tid=");
		if ((a[0] & CLONE_PARENT_SETTID) && !(a[0] & CLONE_PIDFD) && d->ev->ret > 0)
			dec_printf(d, "[%" PRId64 "]", d->ev->ret);
		else
			dec_addr(d, a[2]);
	}
	if (a[0] & CLONE_SETTLS) {
		dec_puts(d, ", tls=");
		dec_addr(d, a[4]);
	}
	if (a[0] & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		dec_puts(d, ", child_tidptr=");
		dec_addr(d, a[3]);
	}
}

static void decode_arch_prctl(struct sw_dec *d)
{
	uint64_t code = d->args[0], v;

	dec_sep(d);
	dec_enum(d, &sw_xlat_arch_prctl_codes, code, NULL);
	dec_sep(d);
	switch (code) {
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		if (!dec_failed(d) && dec_get(d, 1, SW_AT_EXIT, &v, sizeof(v)))
			dec_printf(d, "[%#" PRIx64 "]", v);
		else
			dec_addr(d, d->args[1]);
		break;
	default:
		dec_hex(d, d->args[1]);
		break;
	}
}

static void futex_op(struct sw_dec *d, uint32_t op)
{
	uint32_t cmd = op & FUTEX_CMD_MASK;
	const char *name = sw_xlat_name(&sw_xlat_futex_ops, cmd);

	if (!name) {
		dec_printf(d, "%#x /* FUTEX_??? */", op);
		return;
	}
	dec_puts(d, name);
	if (op & FUTEX_PRIVATE_FLAG)
		dec_puts(d, "_PRIVATE");
	if (op & FUTEX_CLOCK_REALTIME)
		dec_puts(d, "|FUTEX_CLOCK_REALTIME");
}

static void futex_bitset(struct sw_dec *d, uint32_t v)
{
	if (v == FUTEX_BITSET_MATCH_ANY)
		dec_puts(d, "FUTEX_BITSET_MATCH_ANY");
	else
		dec_printf(d, "%#x", v);
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3): which arguments mean
 * something depends on the operation. */
static void decode_futex(struct sw_dec *d)
{
	const uint64_t *a = d->args;
	uint32_t op = (uint32_t)a[1];

	dec_sep(d);
	dec_addr(d, a[0]);
	dec_sep(d);
	futex_op(d, op);
	if (!sw_xlat_name(&sw_xlat_futex_ops, op & FUTEX_CMD_MASK)) {
		dec_printf(d, ", %d, ", (int)a[2]);
		dec_addr(d, a[3]);
		dec_puts(d, ", ");
		dec_addr(d, a[4]);
		dec_printf(d, ", %d", (int)a[5]);
		return;
	}
	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
		dec_printf(d, ", %u", (unsigned)a[2]);
		dec_arg_as(d, 3, SW_T_TIMESPEC_IN, 0, NULL);
		break;
	case FUTEX_WAKE:
	case FUTEX_FD:
		dec_printf(d, ", %d", (int)a[2]);
		break;
	case FUTEX_REQUEUE:
		dec_printf(d, ", %d, %d, ", (int)a[2], (int)a[3]);
		dec_addr(d, a[4]);
		break;
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
		dec_printf(d, ", %d, %d, ", (int)a[2], (int)a[3]);
		dec_addr(d, a[4]);
		dec_printf(d, ", %u", (unsigned)a[5]);
		break;
	case FUTEX_WAKE_OP:
		dec_printf(d, ", %d, %d, ", (int)a[2], (int)a[3]);
		dec_addr(d, a[4]);
		dec_printf(d, ", %#x", (unsigned)a[5]);
		break;
	case FUTEX_LOCK_PI:
	case 13: /* FUTEX_LOCK_PI2 */
		dec_arg_as(d, 3, SW_T_TIMESPEC_IN, 0, NULL);
		break;
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	case FUTEX_WAIT_BITSET:
		dec_printf(d, ", %u", (unsigned)a[2]);
		dec_arg_as(d, 3, SW_T_TIMESPEC_IN, 0, NULL);
		dec_puts(d, ", ");
		futex_bitset(d, (uint32_t)a[5]);
		break;
	case FUTEX_WAKE_BITSET:
		dec_printf(d, ", %d, ", (int)a[2]);
		futex_bitset(d, (uint32_t)a[5]);
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		dec_printf(d, ", %u", (unsigned)a[2]);
		dec_arg_as(d, 3, SW_T_TIMESPEC_IN, 0, NULL);
		dec_puts(d, ", ");
		dec_addr(d, a[4]);
		break;
	}
}

/* [0 1]: the CPUs of an affinity mask the kernel wrote (ret bytes). */
static void decode_sched_getaffinity(struct sw_dec *d)
{
	const struct sw_capture *c = dec_cap(d, 2, SW_AT_EXIT);

	dec_args(d, 0, 2);
	dec_sep(d);
	if (dec_failed(d) || !c) {
		dec_addr(d, d->args[2]);
		return;
	}
	const uint8_t *m = sw_capture_data(d->ev, c);
	bool first = true;

	dec_puts(d, "[");
	for (uint32_t i = 0; i < c->len * 8; i++) {
		if (!((m[i / 8] >> (i % 8)) & 1))
			continue;
		dec_printf(d, "%s%u", first ? "" : " ", i);
		first = false;
	}
	dec_puts(d, "]");
}

static void decode_getrandom(struct sw_dec *d)
{
	const struct sw_capture *c = dec_cap(d, 0, SW_AT_EXIT);

	dec_sep(d);
	if (!dec_failed(d) && d->ev->ret == 0 && d->args[0]) {
		dec_puts(d, "\"\"");
	} else if (dec_failed(d) || !c) {
		dec_addr(d, d->args[0]);
	} else {
		uint64_t len = (uint64_t)d->ev->ret;
		uint64_t shown = len < d->strlimit ? len : d->strlimit;

		if (shown > c->len)
			shown = c->len;
		dec_quoted_hex(d, sw_capture_data(d->ev, c), (size_t)shown, len > shown);
	}
	dec_args(d, 1, 3);
}

/* ---- prctl ---- */

/* prctl's arguments: how many there are and what they mean depend on the option. */
static void decode_prctl(struct sw_dec *d)
{
	const uint64_t *a = d->args;
	uint64_t opt = (uint32_t)a[0];
	int32_t v;

	dec_sep(d);
	dec_enum(d, &sw_xlat_prctl_option, opt, NULL);
	switch (opt) {
	case PR_GET_DUMPABLE: case PR_GET_KEEPCAPS: case PR_GET_SECCOMP: case PR_GET_TIMERSLACK:
		return;
	case PR_SET_PDEATHSIG:
		dec_sep(d);
		dec_signame(d, (int)a[1]);
		return;
	case PR_GET_PDEATHSIG:
	case PR_GET_CHILD_SUBREAPER:
		dec_sep(d);
		if (!dec_failed(d) && dec_get(d, 1, SW_AT_EXIT, &v, sizeof(v))) {
			dec_puts(d, "[");
			if (opt == PR_GET_PDEATHSIG)
				dec_signame(d, v);
			else
				dec_printf(d, "%d", v);
			dec_puts(d, "]");
		} else {
			dec_addr(d, a[1]);
		}
		return;
	case PR_SET_DUMPABLE:
		dec_sep(d);
		dec_enum(d, &sw_xlat_suid_dump, a[1], NULL);
		return;
	case PR_SET_KEEPCAPS: case PR_SET_TIMERSLACK: case PR_SET_CHILD_SUBREAPER:
		dec_printf(d, ", %" PRIu64, a[1]);
		return;
	case PR_SET_NAME:
		dec_sep(d);
		dec_str(d, 1, false);
		return;
	case PR_GET_NAME: {
		const struct sw_capture *c = dec_cap(d, 1, SW_AT_EXIT);

		dec_sep(d);
		if (dec_failed(d) || !c)
			dec_addr(d, a[1]);
		else
			dec_field_str(d, (const char *)sw_capture_data(d->ev, c), c->len);
		return;
	}
	case PR_CAPBSET_READ:
	case PR_CAPBSET_DROP:
		dec_sep(d);
		dec_enum(d, &sw_xlat_capabilities, a[1], NULL);
		return;
	case PR_SET_SECCOMP:
		dec_sep(d);
		dec_enum(d, &sw_xlat_seccomp_modes, a[1], NULL);
		for (unsigned i = 2; i < 5; i++) {
			dec_sep(d);
			dec_hex(d, a[i]);
		}
		return;
	case PR_CAP_AMBIENT:
		dec_sep(d);
		dec_enum(d, &sw_xlat_cap_ambient_ops, a[1], NULL);
		dec_sep(d);
		dec_enum(d, &sw_xlat_capabilities, a[2], NULL);
		dec_printf(d, ", %" PRIu64 ", %" PRIu64, a[3], a[4]);
		return;
	case PR_SET_MM:
		dec_sep(d);
		dec_enum(d, &sw_xlat_set_mm_ops, a[1], NULL);
		for (unsigned i = 2; i < 5; i++) {
			dec_sep(d);
			dec_hex(d, a[i]);
		}
		return;
	}
	if (opt == PR_SET_VMA && a[1] == PR_SET_VMA_ANON_NAME) { /* the name is not captured */
		dec_puts(d, ", PR_SET_VMA_ANON_NAME, ");
		dec_addr(d, a[2]);
		dec_printf(d, ", %" PRIu64 ", ", a[3]);
		dec_addr(d, a[4]);
		return;
	}
	if (sw_xlat_name(&sw_xlat_prctl_option, opt) && opt != PR_SET_VMA) {
		dec_printf(d, ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64, a[1], a[2], a[3], a[4]);
		return;
	}
	for (unsigned i = 1; i < 5; i++) {
		dec_sep(d);
		dec_hex(d, a[i]);
	}
}

static bool ret_prctl(struct sw_dec *d)
{
	switch ((uint32_t)d->args[0]) {
	case PR_GET_DUMPABLE:
		dec_printf(d, "%" PRId64 " (", d->ev->ret);
		dec_enum(d, &sw_xlat_suid_dump, (uint64_t)d->ev->ret, NULL);
		break;
	case PR_MCE_KILL_GET:
		dec_printf(d, "%" PRId64 " (", d->ev->ret);
		dec_enum(d, &sw_xlat_mce_kill_policies, (uint64_t)d->ev->ret, NULL);
		break;
	default:
		return false;
	}
	dec_puts(d, ")");
	return true;
}

/* ---- the printers of this family's types (core/argtypes.def) ---- */

DEC_PRINTER_AT(dec_p_rlimit_in, dec_rlimit_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_rlimit_out, dec_rlimit_arg, SW_AT_EXIT)
DEC_PRINTER_OF(dec_p_rusage_out, dec_rusage_arg)
DEC_PRINTER_OF(dec_p_utsname_out, dec_utsname_arg)
DEC_PRINTER_OF(dec_p_sysinfo_out, dec_sysinfo_arg)
DEC_PRINTER_OF(dec_p_tms_out, dec_tms_arg)
DEC_PRINTER_OF(dec_p_wstatus_out, dec_wstatus_arg)
DEC_PRINTER_LEN(dec_p_clone_args, dec_clone_args_arg)
DEC_PRINTER_OF(dec_p_sched_param_in, dec_sched_param_arg)

DEC_SYSCALL(arch_prctl, decode_arch_prctl, NULL);
DEC_SYSCALL(clone, decode_clone, NULL);
DEC_SYSCALL(futex, decode_futex, NULL);
DEC_SYSCALL(getrandom, decode_getrandom, NULL);
DEC_SYSCALL(prctl, decode_prctl, ret_prctl);
DEC_SYSCALL(sched_getaffinity, decode_sched_getaffinity, NULL);
