/* SPDX-License-Identifier: GPL-2.0-only */
/* Decoders: render an event as strace renders it. They read events only, so
 * every engine's events print the same. The generic path (decode.c) prints
 * any argument from its type in the signature table (core/argtypes.def);
 * the families (file.c, process.c, net.c, mem.c, signal.c, time.c, poll.c)
 * hold their types' printers and the decoders of their syscalls. */
#ifndef SW_DECODE_DECODE_H
#define SW_DECODE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/sysset.h"
#include "util/strbuf.h"

#define SW_DEFAULT_STRLIMIT 32

#define SW_XFLAG_ESCAPES 3

struct sw_decode_opts {
	unsigned strlimit; /* -s: bytes of strings and buffers shown (default 32) */
	bool verbose;      /* -v: structures in full */
	uint8_t fd_detail; /* -y/-yy: descriptors with what they refer to (enum sw_fd_detail) */
	uint8_t xflag;     /* strings in hex: 1 (-x) those with non-ASCII bytes, 2 (-xx) all,
	                    * SW_XFLAG_ESCAPES (--strings-in-hex=non-ascii-chars) escapes in hex */
	const struct sw_sysset *raw; /* -e raw=: these syscalls undecoded, arguments and result in hex */
	uint8_t xstyle;    /* -X: enum sw_xstyle */
	const struct sw_sysset *verbose_set; /* -e verbose=: only these syscalls' structures decoded, NULL: all */
	const struct sw_sysset *abbrev_set;  /* -e abbrev=: these abbreviated (the others as -v), NULL: -v decides */
};

/* -X: how named constants print */
enum sw_xstyle {
	SW_XSTYLE_ABBREV = 0, /* the name: O_RDONLY (strace's default) */
	SW_XSTYLE_RAW,        /* the number: 0 */
	SW_XSTYLE_VERBOSE,    /* both: the number, then the name in a comment */
};

/* "name(arg, arg, ...)" of a syscall event; unknown numbers as syscall_0x1c7(...). */
void sw_decode_call(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o);
/* The return part, without the leading "= ": "3", "-1 ENOENT (No such file or directory)", "?". */
void sw_decode_ret(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o);
/* What syswatch did to the call, as strace marks it after the result:
 * " (INJECTED)", " (INJECTED: args[, retval])", " (DELAYED)", or "". */
const char *sw_decode_tags(const struct sw_event *ev);
/* A SW_EV_SIGNAL event as "SIGCHLD {si_signo=SIGCHLD, ...}" (no dashes). */
void sw_decode_signal(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o);

/* The name of a syscall number, or NULL. */
const char *sw_syscall_name(int nr);
/* "ENOENT", or NULL for an unknown errno. */
const char *sw_errno_name(int err);
/* The errno a name ("ENOENT", any case) or a number (1..4095) gives, or -1. */
int sw_errno_by_name(const char *name);
/* "SIGTERM", "SIGRT_3", or NULL. */
const char *sw_signal_name(int sig);
/* The same, or else "SIG" and the C library's abbreviation of sig (in buf),
 * or NULL. */
const char *sw_signal_name_abbrev(int sig, char *buf, size_t size);
/* Whether ret is an error return (-4095..-1) for this syscall. */
bool sw_ret_is_error(const struct sw_event *ev);

/* Escapes at most SW_COMM_LEN - 1 bytes of comm into buf (NUL-terminated);
 * size SW_COMM_ESC_SIZE is always enough. */
#define SW_COMM_ESC_SIZE (4 * SW_COMM_LEN)
void sw_comm_escape(char *buf, size_t size, const char *comm);

#endif
