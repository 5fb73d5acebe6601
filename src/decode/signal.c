// SPDX-License-Identifier: GPL-2.0-only
/* Signals: names, sets, sigaction, siginfo, kill and the rt_sig* calls, and
 * the signal events themselves. */
#include <inttypes.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "decode/dec.h"

#define SW_NSIG 64 /* signals a kernel sigset_t holds on x86-64 */

static const char *const signames[32] = {
	[1] = "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO", "SIGPWR", "SIGSYS",
};

/* Real-time signals, which the C library numbers from its own SIGRTMIN, are
 * named from the kernel's first one: 32 is SIGRTMIN, 33 SIGRT_1. */
static const char *const rtnames[SW_NSIG - 31] = {
	"SIGRTMIN", "SIGRT_1", "SIGRT_2", "SIGRT_3", "SIGRT_4", "SIGRT_5", "SIGRT_6",
	"SIGRT_7", "SIGRT_8", "SIGRT_9", "SIGRT_10", "SIGRT_11", "SIGRT_12", "SIGRT_13",
	"SIGRT_14", "SIGRT_15", "SIGRT_16", "SIGRT_17", "SIGRT_18", "SIGRT_19", "SIGRT_20",
	"SIGRT_21", "SIGRT_22", "SIGRT_23", "SIGRT_24", "SIGRT_25", "SIGRT_26", "SIGRT_27",
	"SIGRT_28", "SIGRT_29", "SIGRT_30", "SIGRT_31", "SIGRT_32",
};

const char *sw_signal_name(int sig)
{
	if (sig > 0 && sig < 32)
		return signames[sig];
	if (sig >= 32 && sig <= SW_NSIG)
		return rtnames[sig - 32];
	return NULL;
}

const char *sw_signal_name_abbrev(int sig, char *buf, size_t size)
{
	const char *n = sw_signal_name(sig);
	const char *abbrev;

	if (n)
		return n;
	abbrev = sigabbrev_np(sig);
	if (!abbrev)
		return NULL;
	snprintf(buf, size, "SIG%s", abbrev);
	return buf;
}

void dec_signame(struct sw_dec *d, int sig)
{
	const char *name = sw_signal_name(sig);
	char number[16];

	snprintf(number, sizeof(number), "%d", sig);
	if (name)
		dec_named(d, name, number);
	else
		dec_puts(d, number);
}

/* [INT TERM]; more than half the signals set reads as the complement: ~[RTMIN RT_1]. */
void dec_sigset(struct sw_dec *d, const uint8_t *set, size_t bytes)
{
	unsigned nsig = (unsigned)(bytes * 8), count = 0;
	bool invert, first = true;

	for (unsigned i = 0; i < nsig; i++)
		count += (set[i / 8] >> (i % 8)) & 1;
	invert = count > nsig / 2;
	dec_puts(d, invert ? "~[" : "[");
	for (unsigned i = 0; i < nsig; i++) {
		bool on = (set[i / 8] >> (i % 8)) & 1;
		const char *name = sw_signal_name((int)i + 1);

		if (on == invert)
			continue;
		if (!first)
			dec_puts(d, " ");
		first = false;
		if (name) {
			char number[16];

			snprintf(number, sizeof(number), "%u", i + 1);
			dec_named(d, name + 3, number);
		} else {
			dec_printf(d, "%u", i + 1);
		}
	}
	dec_puts(d, "]");
}

void dec_sigset_arg(struct sw_dec *d, unsigned arg, int when, uint64_t size)
{
	const struct sw_capture *c = dec_cap(d, arg, when);

	if ((when == SW_AT_EXIT && dec_failed(d)) || !c || size == 0 || size % 8 || size > 128 ||
	    c->len < size) {
		dec_addr(d, d->args[arg]);
		return;
	}
	dec_sigset(d, sw_capture_data(d->ev, c), size > 8 ? 8 : (size_t)size);
}

/* The kernel's struct sigaction on x86-64. */
struct k_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

static void dec_handler(struct sw_dec *d, uint64_t h)
{
	if (h == 0)
		dec_puts(d, "SIG_DFL");
	else if (h == 1)
		dec_puts(d, "SIG_IGN");
	else if (h == UINT64_MAX)
		dec_puts(d, "SIG_ERR");
	else
		dec_hex(d, h);
}

void dec_sigaction_arg(struct sw_dec *d, unsigned arg, int when)
{
	struct k_sigaction sa;

	if (!dec_get_or_addr(d, arg, when, &sa, sizeof(sa)))
		return;
	dec_puts(d, "{sa_handler=");
	dec_handler(d, sa.handler);
	dec_puts(d, ", sa_mask=");
	dec_sigset(d, (const uint8_t *)&sa.mask, sizeof(sa.mask));
	dec_puts(d, ", sa_flags=");
	dec_flags(d, &sw_xlat_sa_flags, sa.flags);
	if (sa.flags & SWX_SA_RESTORER) {
		dec_puts(d, ", sa_restorer=");
		dec_addr(d, sa.restorer);
	}
	dec_puts(d, "}");
}

void dec_stack_arg(struct sw_dec *d, unsigned arg, int when)
{
	stack_t ss;

	if (!dec_get_or_addr(d, arg, when, &ss, sizeof(ss)))
		return;
	dec_puts(d, "{ss_sp=");
	dec_addr(d, (uint64_t)(uintptr_t)ss.ss_sp);
	dec_puts(d, ", ss_flags=");
	if (ss.ss_flags == 0)
		dec_puts(d, "0");
	else if (ss.ss_flags == SS_ONSTACK)
		dec_puts(d, "SS_ONSTACK");
	else if (ss.ss_flags == SS_DISABLE)
		dec_puts(d, "SS_DISABLE");
	else
		dec_printf(d, "%#x", (unsigned)ss.ss_flags);
	DEC_FIELD_U(d, ", ", ss, ss_size);
	dec_puts(d, "}");
}

/* ---- siginfo ---- */

static const struct sw_xlat *code_table(int sig)
{
	switch (sig) {
	case SIGCHLD: return &sw_xlat_sigchld_codes;
	case SIGSEGV: return &sw_xlat_sigsegv_codes;
	case SIGBUS: return &sw_xlat_sigbus_codes;
	case SIGILL: return &sw_xlat_sigill_codes;
	case SIGFPE: return &sw_xlat_sigfpe_codes;
	case SIGTRAP: return &sw_xlat_sigtrap_codes;
	case SIGIO: return &sw_xlat_sigpoll_codes;
	case SIGSYS: return &sw_xlat_sigsys_codes;
	}
	return NULL;
}

void dec_siginfo(struct sw_dec *d, const void *p)
{
	siginfo_t si;
	const struct sw_xlat *codes;
	const char *code = NULL;
	int sig;

	memcpy(&si, p, sizeof(si));
	sig = si.si_signo;
	dec_puts(d, "{si_signo=");
	dec_signame(d, sig);
	dec_puts(d, ", si_code=");
	if (si.si_code <= 0 || si.si_code == SI_KERNEL)
		code = sw_xlat_name(&sw_xlat_si_codes, (uint64_t)(int64_t)si.si_code);
	else if ((codes = code_table(sig)))
		code = sw_xlat_name(codes, (uint64_t)si.si_code);
	if (code) {
		char number[16];

		snprintf(number, sizeof(number), "%#x", (unsigned)si.si_code);
		dec_named(d, code, number);
	} else {
		dec_printf(d, "%d", si.si_code);
	}
	if (si.si_errno) {
		const char *e = sw_errno_name(si.si_errno);

		if (e)
			dec_printf(d, ", si_errno=%s", e);
		else
			dec_printf(d, ", si_errno=%d", si.si_errno);
	}
	if (si.si_code <= 0) { /* sent by a process */
		switch (si.si_code) {
		case SI_TIMER:
			dec_printf(d, ", si_timerid=%d, si_overrun=%d, si_int=%d, si_ptr=",
				   si.si_timerid, si.si_overrun, si.si_int);
			dec_addr(d, (uint64_t)(uintptr_t)si.si_ptr);
			break;
		case SI_QUEUE:
		case SI_MESGQ:
			dec_printf(d, ", si_pid=%d, si_uid=%u, si_int=%d, si_ptr=", si.si_pid,
				   si.si_uid, si.si_int);
			dec_addr(d, (uint64_t)(uintptr_t)si.si_ptr);
			break;
		case SI_SIGIO:
			dec_printf(d, ", si_band=%ld, si_fd=%d", si.si_band, si.si_fd);
			break;
		default:
			dec_printf(d, ", si_pid=%d, si_uid=%u", si.si_pid, si.si_uid);
			break;
		}
	} else if (si.si_code != SI_KERNEL) {
		switch (sig) {
		case SIGCHLD:
			dec_printf(d, ", si_pid=%d, si_uid=%u, si_status=", si.si_pid, si.si_uid);
			if (si.si_code == CLD_EXITED)
				dec_printf(d, "%d", si.si_status);
			else
				dec_signame(d, si.si_status);
			dec_printf(d, ", si_utime=%ld, si_stime=%ld", (long)si.si_utime,
				   (long)si.si_stime);
			break;
		case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
			dec_puts(d, ", si_addr=");
			dec_addr(d, (uint64_t)(uintptr_t)si.si_addr);
			break;
		case SIGIO:
			dec_printf(d, ", si_band=%ld, si_fd=%d", si.si_band, si.si_fd);
			break;
		case SIGSYS:
			dec_puts(d, ", si_call_addr=");
			dec_addr(d, (uint64_t)(uintptr_t)si.si_call_addr);
			dec_printf(d, ", si_syscall=");
			if (sw_syscall_name(si.si_syscall))
				dec_printf(d, "__NR_%s", sw_syscall_name(si.si_syscall));
			else
				dec_printf(d, "%d", si.si_syscall);
			dec_printf(d, ", si_arch=%s", si.si_arch == AUDIT_ARCH_X86_64 ?
				   "AUDIT_ARCH_X86_64" : "AUDIT_ARCH_I386");
			break;
		}
	}
	dec_puts(d, "}");
}

void dec_siginfo_arg(struct sw_dec *d, unsigned arg, int when)
{
	siginfo_t si;

	if (!dec_get_or_addr(d, arg, when, &si, sizeof(si)))
		return;
	dec_siginfo(d, &si);
}

void sw_decode_signal(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o)
{
	struct sw_dec d = {
		.sb = sb,
		.ev = ev,
		.strlimit = o && o->strlimit ? o->strlimit : SW_DEFAULT_STRLIMIT,
		.verbose = o ? o->verbose : false,
		.xflag = o ? o->xflag : 0,
		.xstyle = o ? o->xstyle : 0,
	};
	const struct sw_capture *c = NULL;

	/* the line's head names the signal whatever -X says, as strace's */
	if (sw_signal_name(ev->sig))
		dec_puts(&d, sw_signal_name(ev->sig));
	else
		dec_printf(&d, "%d", ev->sig);
	for (unsigned i = 0; i < ev->ncap && !c; i++)
		if (ev->cap[i].kind == SW_CAP_MEM && ev->cap[i].status != SW_CAPS_FAULT &&
		    ev->cap[i].len >= sizeof(siginfo_t) &&
		    (uint64_t)ev->cap[i].off + ev->cap[i].len <= ev->data_len)
			c = &ev->cap[i];
	if (!c)
		return;
	dec_puts(&d, " ");
	dec_siginfo(&d, sw_capture_data(ev, c));
}

/* ---- syscalls ---- */

/* rt_sigreturn({mask=[]}): the mask the signal frame restores, when the
 * engine attached it as a capture of argument 0. */
static void decode_rt_sigreturn(struct sw_dec *d)
{
	uint64_t mask;

	if (dec_get(d, 0, 0, &mask, sizeof(mask))) {
		dec_puts(d, "{mask=");
		dec_sigset(d, (const uint8_t *)&mask, sizeof(mask));
		dec_puts(d, "}");
	}
}

/* restart_syscall: which call it resumes is known only to whoever saw that
 * call's interruption; the event does not say. */
static void decode_restart_syscall(struct sw_dec *d)
{
	dec_puts(d, "<... resuming interrupted call ...>");
}

/* rt_sigtimedwait: the signal taken, 14 (SIGALRM) */
static bool ret_rt_sigtimedwait(struct sw_dec *d)
{
	const char *name = sw_signal_name((int)d->ev->ret);

	if (!name)
		return false;
	dec_printf(d, "%" PRId64 " (%s)", d->ev->ret, name);
	return true;
}

/* ---- the printers of this family's types (core/argtypes.def) ---- */

DEC_PRINTER(dec_p_sig)
{
	dec_signame(d, (int)d->args[i]);
}

DEC_PRINTER_AT(dec_p_sigaction_in, dec_sigaction_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_sigaction_out, dec_sigaction_arg, SW_AT_EXIT)

DEC_PRINTER(dec_p_sigset_in)
{
	dec_sigset_arg(d, i, SW_AT_ENTER, dec_aux(d, a->aux));
}

DEC_PRINTER(dec_p_sigset_out)
{
	dec_sigset_arg(d, i, SW_AT_EXIT, dec_aux(d, a->aux));
}

DEC_PRINTER_AT(dec_p_siginfo_in, dec_siginfo_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_siginfo_out, dec_siginfo_arg, SW_AT_EXIT)
DEC_PRINTER_AT(dec_p_stack_in, dec_stack_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_stack_out, dec_stack_arg, SW_AT_EXIT)

DEC_SYSCALL(restart_syscall, decode_restart_syscall, NULL);
DEC_SYSCALL(rt_sigreturn, decode_rt_sigreturn, NULL);
DEC_SYSCALL(rt_sigtimedwait, NULL, ret_rt_sigtimedwait);
