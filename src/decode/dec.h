/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside the decoders: the state of one rendering and the helpers the family
 * files (file.c, process.c, net.c with sockopt.c and netlink.c, mem.c, signal.c,
 * time.c, poll.c) share.
 * Not for use outside src/decode/. */
#ifndef SW_DECODE_DEC_H
#define SW_DECODE_DEC_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/syscalls.h"
#include "decode/decode.h"
#include "decode/xlat.h"
#include "util/strbuf.h"
#include "xlat_tables.h"

/* One rendering of one event. */
struct sw_dec {
	struct sw_strbuf *sb;
	const struct sw_event *ev;
	const struct sw_syscall *sc; /* NULL for an unknown number */
	/* the arguments as the kernel reads them: the raw registers cut to the
	 * width of each argument's C type (sw_arg_value); decoders read these */
	uint64_t args[SW_NARGS];
	unsigned strlimit;           /* -s */
	bool verbose;                /* -v */
	uint8_t xflag;               /* -x: 1, -xx: 2 */
	uint8_t xstyle;              /* -X: enum sw_xstyle */
	bool no_deref;               /* -e verbose=SET without this syscall: structures as addresses */
	unsigned nout;               /* arguments printed so far (for the ", ") */
	unsigned fd_detail;          /* -y/-yy */
};

/* A syscall's own decoder: call prints the arguments (between the
 * parentheses); ret, when set, prints a successful return value (after "= ")
 * and returns true, or returns false to leave it to the generic path. A
 * family file defines it with DEC_SYSCALL(NAME, call, ret), and the row of
 * NAME in src/core/syscalls.tbl says "| dec": the generated syscall table
 * then points to it (sw_syscall.dec). */
struct sw_decoder {
	void (*call)(struct sw_dec *d);
	bool (*ret)(struct sw_dec *d);
};
#define DEC_SYSCALL(name, call, ret)                              \
	extern const struct sw_decoder dec_sys_##name;            \
	const struct sw_decoder dec_sys_##name = { (call), (ret) }

/* ---- captures ---- */

/* The capture of argument arg read at entry (SW_AT_ENTER), at exit
 * (SW_AT_EXIT) or either (0), or NULL when there is none or it faulted. */
const struct sw_capture *dec_cap(const struct sw_dec *d, unsigned arg, int when);
/* Copies a whole object of size bytes from a capture; false when the capture
 * is missing, faulted or shorter. */
bool dec_get(const struct sw_dec *d, unsigned arg, int when, void *out, size_t size);
/* strace's umoven_or_printaddr: dec_get, and when that fails, or at exit
 * (SW_AT_EXIT) of a call that failed (the kernel wrote nothing), prints the
 * argument's address instead and returns false. */
bool dec_get_or_addr(struct sw_dec *d, unsigned arg, int when, void *out, size_t size);
/* The records of the SW_CAP_DEREF capture of arg with tag (enum
 * sw_deref_tag) made at when, one per element followed, in order: open it
 * (false when there is none), then take each with dec_deref_next (false
 * past the last). */
struct dec_deref {
	const uint8_t *p, *end;
	uint32_t left;
};
bool dec_deref_open(const struct sw_dec *d, unsigned arg, int when, unsigned tag, struct dec_deref *it);
bool dec_deref_next(struct dec_deref *it, struct sw_iov_rec *rec, const uint8_t **bytes);
/* Whether the syscall failed (-4095..-1) */
bool dec_failed(const struct sw_dec *d);

/* ---- printing ---- */

static inline void dec_puts(struct sw_dec *d, const char *s)
{
	sw_strbuf_puts(d->sb, s);
}
void dec_printf(struct sw_dec *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* ", " before every argument but the first. */
void dec_sep(struct sw_dec *d);
/* Prints argument i by its type in the signature table (with the separator). */
void dec_arg(struct sw_dec *d, unsigned i);
/* Prints arguments from..to-1 by type. */
void dec_args(struct sw_dec *d, unsigned from, unsigned to);
/* Prints argument i as the given type (with the separator). */
void dec_arg_as(struct sw_dec *d, unsigned i, unsigned type, unsigned aux, const struct sw_xlat *x);
/* Prints the value of argument i as a type, without separator. */
void dec_value(struct sw_dec *d, unsigned i, unsigned type, unsigned aux, const struct sw_xlat *x);

/* A type's printer (the printer column of core/argtypes.def): prints the
 * value of argument i, of type a->type with a->aux and a->xlat, without
 * separator. Define one as DEC_PRINTER(dec_p_NAME) { ... d, i, a ... }. */
typedef void dec_printer(struct sw_dec *d, unsigned i, const struct sw_arg *a);
#define DEC_PRINTER(fn) void fn(struct sw_dec *d, unsigned i, const struct sw_arg *a)
/* Printers that hand argument i to a family function: fn(d, i),
 * fn(d, i, when), fn(d, i, length or count named by aux). */
#define DEC_PRINTER_OF(name, fn) DEC_PRINTER(name) { fn(d, i); }
#define DEC_PRINTER_AT(name, fn, when) DEC_PRINTER(name) { fn(d, i, when); }
#define DEC_PRINTER_LEN(name, fn) DEC_PRINTER(name) { fn(d, i, dec_aux(d, a->aux)); }
#define SW_TYPE(name, printer, ...) dec_printer printer;
#include "core/argtypes.def"
#undef SW_TYPE
/* The length or count an argument's aux names: the value of another argument,
 * or the return value (SW_AUX_RET; 0 when not positive). */
uint64_t dec_aux(const struct sw_dec *d, unsigned aux);

void dec_addr(struct sw_dec *d, uint64_t addr);      /* NULL or 0x... */
void dec_hex(struct sw_dec *d, uint64_t v);          /* 0 or 0x... */
void dec_mode(struct sw_dec *d, uint64_t mode);      /* 0644, 000 */
/* What names() prints for v, under -X raw as number instead, under -X
 * verbose as "number /\* names *\/" (for values printed by more than a
 * table: modes, mmap's flags, limits). */
void dec_styled(struct sw_dec *d, const char *number, void (*names)(struct sw_dec *, uint64_t), uint64_t v);
void dec_fmode(struct sw_dec *d, uint64_t mode);     /* S_IFREG|0644 */
void dec_dev(struct sw_dec *d, uint64_t dev);        /* makedev(0x1, 0x3) */
void dec_dirfd(struct sw_dec *d, int fd);            /* AT_FDCWD or the number */
void dec_uid(struct sw_dec *d, uint32_t uid);        /* -1 or the number */
void dec_ifindex(struct sw_dec *d, unsigned idx);    /* if_nametoindex("lo"), or the number */
/* With -y: "<path>" after a descriptor, from the event's resolution of
 * target (an argument index or SW_FDT_*); nothing when it has none. */
void dec_fd_path(struct sw_dec *d, unsigned target);
/* Flags of a table: NAME|NAME|0x40, "0" for zero unless the table names 0,
 * "0x40 /\* X_??? *\/" when no bit has a name. */
void dec_flags(struct sw_dec *d, const struct sw_xlat *x, uint64_t v);
/* One value of a table, else "0x3e8 /\* F_??? *\/" (unknown: the text in the
 * comment; NULL: derived from the table). */
void dec_enum(struct sw_dec *d, const struct sw_xlat *x, uint64_t v, const char *unknown);
/* Like dec_enum with a number printed in decimal when unknown. */
void dec_enum_dec(struct sw_dec *d, const struct sw_xlat *x, int64_t v, const char *unknown);

/* A named constant as -X wants it: its name, its number (raw), or both. */
void dec_named(struct sw_dec *d, const char *name, const char *number);
/* Bytes quoted as strace quotes them; more: "..." after the quote. */
void dec_quoted(struct sw_dec *d, const uint8_t *s, size_t len, bool more);
/* Bytes as "\x12\x34" (getrandom). */
void dec_quoted_hex(struct sw_dec *d, const uint8_t *s, size_t len, bool more);
/* A NUL-terminated string stored in a capture of argument arg, cut at the
 * string limit unless whole is set; the address when not captured. */
void dec_str(struct sw_dec *d, unsigned arg, bool whole);
/* A buffer argument arg holding len bytes in the tracee, shown up to the
 * string limit; the address when not captured. */
void dec_buf(struct sw_dec *d, unsigned arg, int when, uint64_t len);
/* A string of a fixed-size field (utsname): up to the NUL. */
void dec_field_str(struct sw_dec *d, const char *s, size_t size);

/* ---- structure fields (strace's print_fields.h) ----
 * Each prints sep ("{" before a structure's first field, ", " before the
 * others), the field's name, "=" and its value; s is the structure itself
 * (not a pointer), f the field. */
#define DEC_FIELD_D(d, sep, s, f) dec_printf((d), "%s" #f "=%" PRId64, (sep), (int64_t)(s).f)
#define DEC_FIELD_U(d, sep, s, f) dec_printf((d), "%s" #f "=%" PRIu64, (sep), (uint64_t)(s).f)
#define DEC_FIELD_X(d, sep, s, f) dec_printf((d), "%s" #f "=%#" PRIx64, (sep), (uint64_t)(s).f)
/* the value printed by fn(d, value): dec_fmode, dec_dev, dec_mode, ... */
#define DEC_FIELD(d, sep, s, f, fn) (dec_printf((d), "%s" #f "=", (sep)), fn((d), (s).f))
#define DEC_FIELD_FLAGS(d, sep, s, f, x) \
	(dec_printf((d), "%s" #f "=", (sep)), dec_flags((d), (x), (uint64_t)(s).f))
/* a char array: up to its NUL */
#define DEC_FIELD_STR(d, sep, s, f) \
	(dec_printf((d), "%s" #f "=", (sep)), dec_field_str((d), (s).f, sizeof((s).f)))

/* ---- structures and values shared by the families ---- */

/* time.c */
void dec_timespec(struct sw_dec *d, const void *ts);  /* {tv_sec=1, tv_nsec=2} */
void dec_timeval(struct sw_dec *d, const void *tv);   /* {tv_sec=1, tv_usec=2} */
void dec_clockid(struct sw_dec *d, int clk);
void dec_timespec_arg(struct sw_dec *d, unsigned arg, int when);
void dec_timeval_arg(struct sw_dec *d, unsigned arg, int when);
void dec_timezone_arg(struct sw_dec *d, unsigned arg, int when);
void dec_itimerspec_arg(struct sw_dec *d, unsigned arg, int when);
void dec_itimerval_arg(struct sw_dec *d, unsigned arg, int when);
void dec_timespec2_arg(struct sw_dec *d, unsigned arg);
/* " /\* 2026-11-27T02:48:18.456848512+0000 *\/" (nsec < 0: none shown) */
void dec_time_comment(struct sw_dec *d, int64_t sec, long nsec);

/* signal.c */
void dec_signame(struct sw_dec *d, int sig);  /* SIGTERM, or 65 */
void dec_sigset(struct sw_dec *d, const uint8_t *set, size_t bytes); /* [INT TERM], ~[] */
void dec_sigset_arg(struct sw_dec *d, unsigned arg, int when, uint64_t size);
void dec_sigaction_arg(struct sw_dec *d, unsigned arg, int when);
void dec_siginfo(struct sw_dec *d, const void *si);
void dec_siginfo_arg(struct sw_dec *d, unsigned arg, int when);
void dec_stack_arg(struct sw_dec *d, unsigned arg, int when);

/* file.c */
void dec_open_flags(struct sw_dec *d, uint64_t flags); /* O_RDONLY|O_CLOEXEC */
void dec_stat_arg(struct sw_dec *d, unsigned arg);
void dec_statx_arg(struct sw_dec *d, unsigned arg);
void dec_statfs_arg(struct sw_dec *d, unsigned arg);
void dec_dirents_arg(struct sw_dec *d, unsigned arg);
void dec_open_how_arg(struct sw_dec *d, unsigned arg, uint64_t size);

/* process.c */
void dec_wstatus_arg(struct sw_dec *d, unsigned arg);
void dec_rusage_arg(struct sw_dec *d, unsigned arg);
void dec_rlimit_arg(struct sw_dec *d, unsigned arg, int when);
void dec_utsname_arg(struct sw_dec *d, unsigned arg);
void dec_sysinfo_arg(struct sw_dec *d, unsigned arg);
void dec_tms_arg(struct sw_dec *d, unsigned arg);
void dec_clone_args_arg(struct sw_dec *d, unsigned arg, uint64_t size);
void dec_sched_param_arg(struct sw_dec *d, unsigned arg);

/* ioctl.c: the command (and its argument) of an ioctl beyond the terminal's;
 * false when it has no name there */
bool dec_ioctl_more(struct sw_dec *d, uint32_t code);

/* net.c */
void dec_sockaddr(struct sw_dec *d, const uint8_t *sa, size_t len);
void dec_sockaddr_arg(struct sw_dec *d, unsigned arg, int when, uint64_t len);
void dec_sockaddr_out_arg(struct sw_dec *d, unsigned arg, unsigned len_arg);
void dec_socklen_arg(struct sw_dec *d, unsigned arg);
void dec_msghdr_arg(struct sw_dec *d, unsigned arg, bool out);
void dec_mmsghdr_arg(struct sw_dec *d, unsigned arg, bool out);

/* netlink.c: a buffer of a socket call (sendto, recvfrom) of len bytes:
 * netlink messages on a netlink socket (argument 0), else bytes */
void dec_sockbuf(struct sw_dec *d, unsigned arg, int when, uint64_t len);
/* The same for bytes of a message (an iovec of sendmsg/recvmsg): false when
 * the socket is not a netlink socket, nothing printed */
bool dec_netlink_bytes(struct sw_dec *d, const uint8_t *p, size_t len);

/* poll.c */
void dec_pollfd_arg(struct sw_dec *d, unsigned arg, uint64_t nfds);
void dec_epoll_event_arg(struct sw_dec *d, unsigned arg);
void dec_epoll_events_arg(struct sw_dec *d, unsigned arg);
void dec_fdset_arg(struct sw_dec *d, unsigned arg, int when, int nfds);
void dec_pselect_sigmask_arg(struct sw_dec *d, unsigned arg);

/* decode.c */
/* [{iov_base="...", iov_len=3}, ...]; data_limit: bytes of data in all (the
 * return value of readv), -1 for the iov_len of each */
void dec_iov_arg(struct sw_dec *d, unsigned arg, int when, uint64_t count, int64_t data_limit);
/* One element: {iov_base="...", iov_len=3} of r->len bytes, its data (r->stored
 * bytes read) shown up to *left bytes, which it takes off *left; show, when
 * set, prints data read whole in its own way (netlink) or returns false */
void dec_iov_elem(struct sw_dec *d, const struct sw_iov_rec *r, const uint8_t *data, uint64_t *left,
		  bool (*show)(struct sw_dec *d, const uint8_t *p, size_t len));

/* Errors and signals (errno.c). */
const char *dec_errno_msg(int err);
bool dec_errno_restart(int err); /* shown as "? ERESTARTSYS (...)" */

#endif
