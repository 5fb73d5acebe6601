// SPDX-License-Identifier: GPL-2.0-only
/* ptrace: which arguments a request uses, and what they hold. */
#include <inttypes.h>
#include <sys/ptrace.h>

#include "decode/dec.h"

/* How a request's arguments read after the pid. */
enum pt_args {
	PTA_NONE,   /* no pid either (PTRACE_TRACEME) */
	PTA_PID,    /* the pid alone */
	PTA_PEEK,   /* an address, and the word read there: [0x...] */
	PTA_POKE,   /* an address and the word to write */
	PTA_SIG,    /* an address (unused) and a signal to deliver */
	PTA_OPTS,   /* an address (unused) and PTRACE_O_* options */
	PTA_DATA,   /* the data pointer alone (x86's register requests take no address) */
	PTA_MSG,    /* an address (unused) and where the event message goes: [N] */
	PTA_ADDRS,  /* an address and a data pointer */
};

static unsigned request_args(uint32_t req)
{
	switch (req) {
	case PTRACE_TRACEME:
		return PTA_NONE;
	case PTRACE_ATTACH:
	case PTRACE_INTERRUPT:
	case PTRACE_KILL:
	case PTRACE_LISTEN:
		return PTA_PID;
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
	case PTRACE_PEEKUSER:
		return PTA_PEEK;
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
	case PTRACE_POKEUSER:
		return PTA_POKE;
	case PTRACE_CONT:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
	case PTRACE_DETACH:
	case PTRACE_SYSEMU:
	case PTRACE_SYSEMU_SINGLESTEP:
	case PTRACE_SINGLEBLOCK:
		return PTA_SIG;
	case PTRACE_SEIZE:
	case PTRACE_SETOPTIONS:
		return PTA_OPTS;
	case PTRACE_GETREGS:
	case PTRACE_SETREGS:
	case PTRACE_GETFPREGS:
	case PTRACE_SETFPREGS:
	case PTRACE_GETFPXREGS:
	case PTRACE_SETFPXREGS:
		return PTA_DATA;
	case PTRACE_GETEVENTMSG:
		return PTA_MSG;
	default:
		return PTA_ADDRS;
	}
}

/* PTRACE_PEEKUSER/POKEUSER offsets into struct user: its registers by name
 * (8*RAX), anything else as a number. */
static void user_offset(struct sw_dec *d, uint64_t off)
{
	static const char *const regs[] = {
		"R15", "R14", "R13", "R12", "RBP", "RBX", "R11", "R10", "R9", "R8",
		"RAX", "RCX", "RDX", "RSI", "RDI", "ORIG_RAX", "RIP", "CS", "EFLAGS",
		"RSP", "SS", "FS_BASE", "GS_BASE", "DS", "ES", "FS", "GS",
	};

	if (off % 8 == 0 && off / 8 < sizeof(regs) / sizeof(regs[0]))
		dec_printf(d, "8*%s", regs[off / 8]);
	else
		dec_hex(d, off);
}

/* The word the kernel stored at the data pointer (PEEK*, GETEVENTMSG). */
static void word_out(struct sw_dec *d, bool hex)
{
	uint64_t v;

	if (dec_failed(d) || !dec_get(d, 3, SW_AT_EXIT, &v, sizeof(v))) {
		dec_addr(d, d->args[3]);
		return;
	}
	if (hex)
		dec_printf(d, "[%#" PRIx64 "]", v);
	else
		dec_printf(d, "[%" PRIu64 "]", v);
}

static void decode_ptrace(struct sw_dec *d)
{
	uint32_t req = (uint32_t)d->args[0];
	unsigned how = sw_xlat_name(&sw_xlat_ptrace_request, req) ? request_args(req) : PTA_ADDRS;
	const uint64_t *a = d->args;

	dec_arg(d, 0);
	if (how == PTA_NONE)
		return;
	dec_arg(d, 1);
	switch (how) {
	case PTA_PID:
		return;
	case PTA_DATA:
		dec_sep(d);
		dec_addr(d, a[3]);
		return;
	case PTA_PEEK:
	case PTA_POKE:
		dec_sep(d);
		if (req == PTRACE_PEEKUSER || req == PTRACE_POKEUSER)
			user_offset(d, a[2]);
		else
			dec_addr(d, a[2]);
		dec_sep(d);
		if (how == PTA_PEEK)
			word_out(d, true);
		else
			dec_hex(d, a[3]);
		return;
	}
	dec_sep(d);
	dec_addr(d, a[2]);
	dec_sep(d);
	switch (how) {
	case PTA_SIG:
		if ((uint32_t)a[3])
			dec_signame(d, (int)(uint32_t)a[3]);
		else
			dec_puts(d, "0");
		break;
	case PTA_OPTS:
		dec_flags(d, &sw_xlat_ptrace_options, a[3]);
		break;
	case PTA_MSG:
		word_out(d, false);
		break;
	default:
		if (sw_xlat_name(&sw_xlat_ptrace_request, req))
			dec_addr(d, a[3]);
		else
			dec_hex(d, a[3]);
		break;
	}
}

DEC_SYSCALL(ptrace, decode_ptrace, NULL);
