// SPDX-License-Identifier: GPL-2.0-only
/* The generic decoder: prints any argument from its type in the signature
 * table (through the printers of core/argtypes.def), the return value, and
 * hands syscalls with a decoder of their own (sw_syscall.dec) to it. */
#include "decode/decode.h"

#include <inttypes.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "decode/dec.h"
#include "resolve/resolve.h"

/* The row of an event's syscall, whatever the event's architecture. */
static const struct sw_syscall *event_syscall(const struct sw_event *ev)
{
	if (ev->arch == SW_ARCH_I386)
		return NULL; /* no table of the 32-bit numbers: shown raw rather than misnamed */
	if (ev->arch == SW_ARCH_AARCH64) {
		for (size_t i = 0; i < sw_syscall_nrows; i++)
			if (sw_syscall_rows[i].nr_aarch64 == ev->nr && ev->nr >= 0)
				return &sw_syscall_rows[i];
		return NULL;
	}
	return sw_syscall_by_nr(ev->nr);
}

const char *sw_syscall_name(int nr)
{
	const struct sw_syscall *sc = sw_syscall_by_nr(nr);

	return sc ? sc->name : NULL;
}

static void dec_init(struct sw_dec *d, struct sw_strbuf *sb, const struct sw_event *ev,
		     const struct sw_decode_opts *o)
{
	d->sb = sb;
	d->ev = ev;
	d->sc = event_syscall(ev);
	d->strlimit = o && o->strlimit ? o->strlimit : SW_DEFAULT_STRLIMIT;
	d->verbose = o ? o->verbose : false;
	d->fd_detail = o ? o->fd_detail : 0;
	d->xflag = o ? o->xflag : 0;
	d->xstyle = o ? o->xstyle : 0;
	/* -e verbose=SET: structures of other syscalls as addresses; -e abbrev=SET: abbreviated for those */
	d->no_deref = o && o->verbose_set && ev->arch == SW_ARCH_X86_64 && !sw_sysset_has(o->verbose_set, ev->nr);
	if (o && o->abbrev_set && ev->arch == SW_ARCH_X86_64)
		d->verbose = !sw_sysset_has(o->abbrev_set, ev->nr);
	d->nout = 0;
	for (unsigned i = 0; i < SW_NARGS; i++) {
		bool typed = d->sc && d->sc->nargs >= 0 && i < (unsigned)d->sc->nargs;

		d->args[i] = typed ? sw_arg_value(&d->sc->args[i], ev->args[i]) : ev->args[i];
	}
}

/* ---- captures ---- */

const struct sw_capture *dec_cap(const struct sw_dec *d, unsigned arg, int when)
{
	const struct sw_event *ev = d->ev;

	for (unsigned i = ev->ncap; i-- > 0;) {
		const struct sw_capture *c = &ev->cap[i];

		if (c->arg != arg || c->kind == SW_CAP_FD || c->kind == SW_CAP_DEREF)
			continue;
		if (when == SW_AT_ENTER && c->at_exit)
			continue;
		if (when == SW_AT_EXIT && !c->at_exit)
			continue;
		if (c->status == SW_CAPS_FAULT || (uint64_t)c->off + c->len > ev->data_len)
			return NULL;
		return c;
	}
	return NULL;
}

bool dec_deref_open(const struct sw_dec *d, unsigned arg, int when, unsigned tag, struct dec_deref *it)
{
	const struct sw_event *ev = d->ev;

	memset(it, 0, sizeof(*it));
	if (d->no_deref)
		return false;
	for (unsigned i = ev->ncap; i-- > 0;) {
		const struct sw_capture *c = &ev->cap[i];

		if (c->arg != arg || c->kind != SW_CAP_DEREF || c->tag != tag || (when == SW_AT_EXIT) != !!c->at_exit ||
		    (uint64_t)c->off + c->len > ev->data_len)
			continue;
		it->p = sw_capture_data(ev, c);
		it->end = it->p + c->len;
		it->left = c->count;
		return true;
	}
	return false;
}

bool dec_deref_next(struct dec_deref *it, struct sw_iov_rec *rec, const uint8_t **bytes)
{
	if (!it->left || (size_t)(it->end - it->p) < sizeof(*rec))
		return false;
	memcpy(rec, it->p, sizeof(*rec));
	it->p += sizeof(*rec);
	if (rec->stored > (size_t)(it->end - it->p))
		rec->stored = (uint32_t)(it->end - it->p);
	*bytes = it->p;
	it->p += rec->stored;
	it->left--;
	return true;
}

bool dec_get(const struct sw_dec *d, unsigned arg, int when, void *out, size_t size)
{
	const struct sw_capture *c = d->no_deref ? NULL : dec_cap(d, arg, when);

	if (!c || c->len < size)
		return false;
	memcpy(out, sw_capture_data(d->ev, c), size);
	return true;
}

bool dec_get_or_addr(struct sw_dec *d, unsigned arg, int when, void *out, size_t size)
{
	if ((when == SW_AT_EXIT && dec_failed(d)) || !dec_get(d, arg, when, out, size)) {
		dec_addr(d, d->args[arg]);
		return false;
	}
	return true;
}

bool dec_failed(const struct sw_dec *d)
{
	return sw_ret_is_error(d->ev);
}

/* ---- numbers and flags ---- */

void dec_printf(struct sw_dec *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sw_strbuf_vprintf(d->sb, fmt, ap);
	va_end(ap);
}

void dec_sep(struct sw_dec *d)
{
	if (d->nout++)
		dec_puts(d, ", ");
}

void dec_addr(struct sw_dec *d, uint64_t addr)
{
	if (addr)
		dec_printf(d, "%#" PRIx64, addr);
	else
		dec_puts(d, "NULL");
}

void dec_hex(struct sw_dec *d, uint64_t v)
{
	dec_printf(d, "%#" PRIx64, v);
}

void dec_mode(struct sw_dec *d, uint64_t mode)
{
	dec_printf(d, "%#03o", (unsigned)mode);
}

static void fmode_names(struct sw_dec *d, uint64_t mode)
{
	const char *type = sw_xlat_name(&sw_xlat_file_type, mode & 0170000);
	unsigned rest = (unsigned)mode & ~0170000u;

	if (type)
		dec_printf(d, "%s|", type);
	else if (mode & 0170000)
		rest = (unsigned)mode;
	if (rest & 04000)
		dec_puts(d, "S_ISUID|");
	if (rest & 02000)
		dec_puts(d, "S_ISGID|");
	if (rest & 01000)
		dec_puts(d, "S_ISVTX|");
	dec_mode(d, rest & ~07000u);
}

void dec_fmode(struct sw_dec *d, uint64_t mode)
{
	char number[24];

	snprintf(number, sizeof(number), "%#" PRIo64, mode);
	dec_styled(d, number, fmode_names, mode);
}

void dec_styled(struct sw_dec *d, const char *number, void (*names)(struct sw_dec *, uint64_t), uint64_t v)
{
	struct sw_strbuf text = SW_STRBUF_INIT, *sb = d->sb;
	uint8_t style = d->xstyle;

	if (style != SW_XSTYLE_RAW && style != SW_XSTYLE_VERBOSE) {
		names(d, v);
		return;
	}
	d->sb = &text;
	d->xstyle = SW_XSTYLE_ABBREV;
	names(d, v);
	d->sb = sb;
	d->xstyle = style;
	if (strcmp(sw_strbuf_str(&text), number) == 0)
		dec_puts(d, number);
	else
		dec_named(d, sw_strbuf_str(&text), number);
	sw_strbuf_release(&text);
}

void dec_dev(struct sw_dec *d, uint64_t dev)
{
	unsigned major = (unsigned)(((dev >> 32) & 0xfffff000u) | ((dev >> 8) & 0xfffu));
	unsigned minor = (unsigned)(((dev >> 12) & 0xffffff00u) | (dev & 0xffu));

	dec_printf(d, "makedev(%#x, %#x)", major, minor);
}

void dec_dirfd(struct sw_dec *d, int fd)
{
	if (fd == -100)
		dec_named(d, "AT_FDCWD", "-100");
	else
		dec_printf(d, "%d", fd);
}

void dec_fd_path(struct sw_dec *d, unsigned target)
{
	struct sw_fdinfo fi;
	const char *path;

	if (!d->fd_detail || !sw_event_fdinfo(d->ev, target, &fi, &path))
		return;
	size_t before = d->sb->len;

	sw_strbuf_putc(d->sb, '<');
	sw_fd_format(d->sb, &fi, path, d->fd_detail);
	if (d->sb->len == before + 1)
		d->sb->len = before; /* nothing of this kind is shown (--decode-fds) */
	else
		sw_strbuf_putc(d->sb, '>');
}

void dec_uid(struct sw_dec *d, uint32_t uid)
{
	if (uid == UINT32_MAX)
		dec_puts(d, "-1");
	else
		dec_printf(d, "%u", uid);
}

/* An interface index (net.c, netlink.c, sockopt.c) as strace shows it: if_nametoindex("lo") when this
 * host has an interface of that index, else the number. */
void dec_ifindex(struct sw_dec *d, unsigned idx)
{
	char name[IF_NAMESIZE];

	if (idx && if_indextoname(idx, name))
		dec_printf(d, "if_nametoindex(\"%s\")", name);
	else
		dec_printf(d, "%u", idx);
}

/* What strace-style output says for a value a table does not name:
 * "SEEK_???" from the table's first name, unless the table is odd. */
static const struct {
	const struct sw_xlat *x;
	const char *text;
} unknown_texts[] = {
	{ &sw_xlat_access_mode, "?_OK" },
	{ &sw_xlat_rename_flags, "RENAME_??" },
	{ &sw_xlat_wait4_options, "W???" },
	{ &sw_xlat_socket_levels, "SOL_??" },
	{ &sw_xlat_open_flags, "O_???" },
	{ &sw_xlat_statfs_magic, "???" },
	{ &sw_xlat_io_uring_setup_flags, "IORING_SETUP_???" },
	{ &sw_xlat_io_uring_features, "IORING_FEAT_???" },
	{ &sw_xlat_sched_flags, "SCHED_FLAG_???" },
	{ &sw_xlat_ptrace_options, "PTRACE_O_???" },
	{ &sw_xlat_ioprio_class, "IOPRIO_CLASS_???" },
	{ &sw_xlat_perf_attr_size, "PERF_ATTR_SIZE_???" },
	{ &sw_xlat_perf_type, "PERF_TYPE_???" },
};

static void unknown_comment(struct sw_dec *d, const struct sw_xlat *x, const char *text)
{
	dec_puts(d, " /* ");
	for (size_t i = 0; !text && i < sizeof(unknown_texts) / sizeof(unknown_texts[0]); i++)
		if (unknown_texts[i].x == x)
			text = unknown_texts[i].text;
	if (text) {
		dec_puts(d, text);
	} else {
		const char *first = x->n ? x->e[0].name : "";
		const char *us = strchr(first, '_');

		sw_strbuf_add(d->sb, first, us ? (size_t)(us - first + 1) : 0);
		dec_puts(d, "???");
	}
	dec_puts(d, " */");
}

void dec_named(struct sw_dec *d, const char *name, const char *number)
{
	switch (d->xstyle) {
	case SW_XSTYLE_RAW:
		dec_puts(d, number);
		break;
	case SW_XSTYLE_VERBOSE:
		dec_printf(d, "%s /* %s */", number, name);
		break;
	default:
		dec_puts(d, name);
		break;
	}
}

void dec_flags(struct sw_dec *d, const struct sw_xlat *x, uint64_t v)
{
	bool named = false;
	struct sw_strbuf names;
	char number[24];

	for (unsigned i = 0; i < x->n && !named; i++)
		named = x->e[i].val ? (v & x->e[i].val) == x->e[i].val : v == 0;
	if (v && !named) {
		dec_printf(d, "%#" PRIx64, v);
		unknown_comment(d, x, NULL);
		return;
	}
	if (d->xstyle == SW_XSTYLE_ABBREV) {
		sw_xlat_print_flags(d->sb, x, v);
		return;
	}
	sw_strbuf_init(&names);
	sw_xlat_print_flags(&names, x, v);
	snprintf(number, sizeof(number), "%#" PRIx64, v);
	if (v == 0 && strcmp(names.buf, "0") == 0)
		dec_puts(d, "0"); /* no name for 0: nothing to comment */
	else
		dec_named(d, names.buf, number);
	sw_strbuf_release(&names);
}

/* v by its name in x (with number, v as written, where -e const-print-style
 * asks for it), or number with a comment that it is unknown. */
static void enum_named(struct sw_dec *d, const struct sw_xlat *x, uint64_t v, const char *number, const char *unknown)
{
	const char *name = sw_xlat_name(x, v);

	if (name) {
		dec_named(d, name, number);
		return;
	}
	dec_puts(d, number);
	unknown_comment(d, x, unknown);
}

void dec_enum(struct sw_dec *d, const struct sw_xlat *x, uint64_t v, const char *unknown)
{
	char number[24];

	snprintf(number, sizeof(number), "%#" PRIx64, v);
	enum_named(d, x, v, number, unknown);
}

void dec_enum_dec(struct sw_dec *d, const struct sw_xlat *x, int64_t v, const char *unknown)
{
	char number[24];

	snprintf(number, sizeof(number), "%" PRId64, v);
	enum_named(d, x, (uint64_t)v, number, unknown);
}

/* ---- strings ---- */

void sw_comm_escape(char *buf, size_t size, const char *comm)
{
	struct sw_strbuf sb = SW_STRBUF_INIT;

	sw_strbuf_escaped(&sb, (const uint8_t *)comm, strnlen(comm, SW_COMM_LEN - 1));
	snprintf(buf, size, "%s", sw_strbuf_str(&sb));
	sw_strbuf_release(&sb);
}

/* -x: a string with a byte that is neither printable ASCII nor one of
 * \t\n\v\f\r is shown all in hex, as strace decides it. */
static bool wants_hex(const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] > 0x7e || (s[i] < ' ' && (s[i] < '\t' || s[i] > '\r')))
			return true;
	return false;
}

/* --strings-in-hex=non-ascii-chars: the bytes strace would escape in
 * octal, as \xNN instead */
static void quoted_hex_escapes(struct sw_strbuf *sb, const uint8_t *s, size_t len, bool more)
{
	sw_strbuf_putc(sb, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] > 0x7e || (s[i] < ' ' && (s[i] < '\t' || s[i] > '\r')))
			sw_strbuf_printf(sb, "\\x%02x", s[i]);
		else
			sw_strbuf_escaped_byte(sb, s[i], -1);
	}
	sw_strbuf_putc(sb, '"');
	if (more)
		sw_strbuf_add(sb, "...", 3);
}

void dec_quoted(struct sw_dec *d, const uint8_t *s, size_t len, bool more)
{
	if (d->xflag == SW_XFLAG_ESCAPES)
		quoted_hex_escapes(d->sb, s, len, more);
	else if (d->xflag >= 2 || (d->xflag == 1 && wants_hex(s, len)))
		dec_quoted_hex(d, s, len, more);
	else
		sw_strbuf_quoted(d->sb, s, len, more);
}

void dec_quoted_hex(struct sw_dec *d, const uint8_t *s, size_t len, bool more)
{
	sw_strbuf_putc(d->sb, '"');
	for (size_t i = 0; i < len; i++)
		dec_printf(d, "\\x%02x", s[i]);
	sw_strbuf_putc(d->sb, '"');
	if (more)
		dec_puts(d, "...");
}

/* strace shows at most PATH_MAX - 1 bytes of a path */
#define SW_PATH_SHOWN 4095

void dec_str(struct sw_dec *d, unsigned arg, bool whole)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_ENTER);
	size_t len;
	bool more;

	if (!c) {
		dec_addr(d, d->args[arg]);
		return;
	}
	len = c->len;
	more = c->status == SW_CAPS_TRUNC;
	if (whole && more && len >= SW_PATH_SHOWN)
		len = SW_PATH_SHOWN; /* a path without its NUL in PATH_MAX bytes */
	if (!whole && len > d->strlimit) {
		len = d->strlimit;
		more = true;
	}
	dec_quoted(d, sw_capture_data(d->ev, c), len, more);
}

void dec_buf(struct sw_dec *d, unsigned arg, int when, uint64_t len)
{
	const struct sw_capture *c = dec_cap(d, arg, when);
	uint64_t shown;

	if (len == 0 && d->args[arg]) { /* nothing to read: no capture either */
		dec_puts(d, "\"\"");
		return;
	}
	if (!c) {
		dec_addr(d, d->args[arg]);
		return;
	}
	shown = len < d->strlimit ? len : d->strlimit;
	if (shown > c->len)
		shown = c->len;
	dec_quoted(d, sw_capture_data(d->ev, c), (size_t)shown, len > shown);
}

void dec_field_str(struct sw_dec *d, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	dec_quoted(d, (const uint8_t *)s, n, false);
}

/* A string the kernel wrote: getcwd (length with its NUL) and readlink. */
static void dec_path_out(struct sw_dec *d, unsigned arg, bool cut)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_EXIT);
	const uint8_t *s;
	size_t len;

	if (!c || dec_failed(d)) {
		dec_addr(d, d->args[arg]);
		return;
	}
	s = sw_capture_data(d->ev, c);
	len = strnlen((const char *)s, c->len);
	if (cut && len > d->strlimit)
		dec_quoted(d, s, d->strlimit, true);
	else
		dec_quoted(d, s, len, false);
}

/* ["a", "b", ...] of an execve argv capture: -s entries, all with -v as strace. */
static void dec_argv(struct sw_dec *d, unsigned arg)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_ENTER);
	const uint8_t *p, *end;
	uint32_t shown = 0;

	if (!c || c->kind != SW_CAP_STRARRAY) {
		dec_addr(d, d->args[arg]);
		return;
	}
	p = sw_capture_data(d->ev, c);
	end = p + c->len;
	dec_puts(d, "[");
	for (uint32_t i = 0; i < c->count && p < end && (shown < d->strlimit || d->verbose); i++, shown++) {
		size_t n = strnlen((const char *)p, (size_t)(end - p));
		bool more = n > d->strlimit;

		if (i)
			dec_puts(d, ", ");
		dec_quoted(d, p, more ? d->strlimit : n, more);
		p += n + 1;
	}
	if (c->total > shown || c->status == SW_CAPS_TRUNC)
		dec_puts(d, shown ? ", ..." : "...");
	dec_puts(d, "]");
}

static void dec_envp(struct sw_dec *d, unsigned arg)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_ENTER);
	uint64_t addr = d->args[arg];

	/* -v: the strings, when the engine read them (-v asks it to) */
	if (d->verbose && c && c->kind == SW_CAP_STRARRAY && (c->count > 0 || c->total == 0)) {
		dec_argv(d, arg);
		return;
	}
	dec_addr(d, addr);
	if (c && addr)
		dec_printf(d, " /* %" PRIu64 " var%s */", c->total, c->total == 1 ? "" : "s");
}

void dec_iov_elem(struct sw_dec *d, const struct sw_iov_rec *r, const uint8_t *data, uint64_t *left,
		  bool (*show)(struct sw_dec *d, const uint8_t *p, size_t len))
{
	uint64_t n = r->len < *left ? r->len : *left;

	*left -= n;
	dec_puts(d, "{iov_base=");
	if (r->status == SW_CAPS_FAULT) {
		dec_addr(d, r->base);
	} else if (!show || r->stored < n || !show(d, data, (size_t)n)) {
		uint64_t bytes = n < d->strlimit ? n : d->strlimit;

		if (bytes > r->stored)
			bytes = r->stored;
		dec_quoted(d, data, (size_t)bytes, n > bytes);
	}
	dec_printf(d, ", iov_len=%" PRIu64 "}", r->len);
}

void dec_iov_arg(struct sw_dec *d, unsigned arg, int when, uint64_t count, int64_t data_limit)
{
	const struct sw_capture *c = dec_cap(d, arg, when);
	const uint8_t *p, *end;
	uint64_t left = data_limit < 0 ? UINT64_MAX : (uint64_t)data_limit;
	uint32_t shown = 0;

	if (!c || c->kind != SW_CAP_IOV) {
		dec_addr(d, d->args[arg]);
		return;
	}
	p = sw_capture_data(d->ev, c);
	end = p + c->len;
	dec_puts(d, "[");
	for (; shown < c->count && shown < d->strlimit; shown++) {
		struct sw_iov_rec r;

		if ((size_t)(end - p) < sizeof(r))
			break;
		memcpy(&r, p, sizeof(r));
		p += sizeof(r);
		if (r.stored > (size_t)(end - p))
			r.stored = (uint32_t)(end - p);
		if (shown)
			dec_puts(d, ", ");
		dec_iov_elem(d, &r, p, &left, NULL);
		p += r.stored;
	}
	/* elements beyond -s, or beyond what the engine could store */
	if (c->total > shown)
		dec_puts(d, shown ? ", ..." : "...");
	dec_puts(d, "]");
	(void)count;
}

/* [5] of an int * argument. */
static void dec_int_ptr(struct sw_dec *d, unsigned arg, int when)
{
	int32_t v;

	if (!dec_get_or_addr(d, arg, when, &v, sizeof(v)))
		return;
	dec_printf(d, "[%d]", v);
}

static void dec_ulong_ptr(struct sw_dec *d, unsigned arg)
{
	uint64_t v;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &v, sizeof(v)))
		return;
	dec_printf(d, "[%#" PRIx64 "]", v);
}

static void dec_fdpair(struct sw_dec *d, unsigned arg)
{
	int32_t fds[2];

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, fds, sizeof(fds)))
		return;
	dec_printf(d, "[%d", fds[0]);
	dec_fd_path(d, SW_FDT_PAIR0);
	dec_printf(d, ", %d", fds[1]);
	dec_fd_path(d, SW_FDT_PAIR1);
	dec_puts(d, "]");
}

uint64_t dec_aux(const struct sw_dec *d, unsigned aux)
{
	if (aux == SW_AUX_RET)
		return d->ev->ret > 0 ? (uint64_t)d->ev->ret : 0;
	return aux < SW_NARGS ? d->args[aux] : 0;
}

/* ---- the printers of the plain types (core/argtypes.def) ---- */

DEC_PRINTER(dec_p_addr)
{
	dec_addr(d, d->args[i]);
}

DEC_PRINTER(dec_p_int)
{
	dec_printf(d, "%d", (int)d->args[i]);
}

DEC_PRINTER(dec_p_uint)
{
	dec_printf(d, "%u", (unsigned)d->args[i]);
}

DEC_PRINTER(dec_p_long)
{
	dec_printf(d, "%" PRId64, (int64_t)d->args[i]);
}

DEC_PRINTER(dec_p_ulong)
{
	dec_printf(d, "%" PRIu64, d->args[i]);
}

DEC_PRINTER(dec_p_hex)
{
	dec_hex(d, d->args[i]);
}

DEC_PRINTER(dec_p_mode)
{
	dec_mode(d, (unsigned)d->args[i]);
}

DEC_PRINTER(dec_p_fmode)
{
	dec_fmode(d, (unsigned)d->args[i]);
}

DEC_PRINTER(dec_p_dev)
{
	dec_dev(d, d->args[i]);
}

DEC_PRINTER(dec_p_fd)
{
	dec_printf(d, "%d", (int)d->args[i]);
	dec_fd_path(d, i);
}

DEC_PRINTER(dec_p_dirfd)
{
	dec_dirfd(d, (int)d->args[i]);
	dec_fd_path(d, i);
}

DEC_PRINTER(dec_p_uid)
{
	dec_uid(d, (uint32_t)d->args[i]);
}

DEC_PRINTER(dec_p_flags)
{
	if (a->xlat)
		dec_flags(d, a->xlat, d->args[i]);
	else
		dec_hex(d, d->args[i]);
}

DEC_PRINTER(dec_p_enum)
{
	if (a->xlat)
		dec_enum(d, a->xlat, d->args[i], NULL);
	else
		dec_printf(d, "%d", (int)d->args[i]);
}

DEC_PRINTER(dec_p_path)
{
	dec_str(d, i, true);
}

DEC_PRINTER(dec_p_str)
{
	dec_str(d, i, false);
}

DEC_PRINTER(dec_p_buf_in)
{
	dec_buf(d, i, SW_AT_ENTER, dec_aux(d, a->aux));
}

DEC_PRINTER(dec_p_buf_out)
{
	if (dec_failed(d))
		dec_addr(d, d->args[i]);
	else
		dec_buf(d, i, SW_AT_EXIT, dec_aux(d, a->aux));
}

DEC_PRINTER(dec_p_path_out)
{
	dec_path_out(d, i, false);
}

DEC_PRINTER(dec_p_argv)
{
	dec_argv(d, i);
}

DEC_PRINTER(dec_p_envp)
{
	dec_envp(d, i);
}

DEC_PRINTER(dec_p_iov_in)
{
	dec_iov_arg(d, i, SW_AT_ENTER, dec_aux(d, a->aux), -1);
}

DEC_PRINTER(dec_p_iov_out)
{
	if (dec_failed(d))
		dec_addr(d, d->args[i]);
	else
		dec_iov_arg(d, i, SW_AT_EXIT, dec_aux(d, a->aux), d->ev->ret);
}

DEC_PRINTER(dec_p_int_ptr_in)
{
	dec_int_ptr(d, i, SW_AT_ENTER);
}

DEC_PRINTER(dec_p_int_ptr_out)
{
	if (dec_failed(d))
		dec_addr(d, d->args[i]);
	else
		dec_int_ptr(d, i, SW_AT_EXIT);
}

DEC_PRINTER(dec_p_fdpair_out)
{
	dec_fdpair(d, i);
}

DEC_PRINTER(dec_p_ulong_ptr_out)
{
	dec_ulong_ptr(d, i);
}

/* ---- printing by type ---- */

static dec_printer *const printers[SW_T_NTYPES] = {
#define SW_TYPE(name, printer, ...) [SW_T_##name] = printer,
#include "core/argtypes.def"
#undef SW_TYPE
};

void dec_value(struct sw_dec *d, unsigned i, unsigned type, unsigned aux, const struct sw_xlat *x)
{
	struct sw_arg a = { .type = (uint8_t)type, .aux = (uint8_t)aux, .xlat = x };

	if (type < SW_T_NTYPES)
		printers[type](d, i, &a);
	else
		dec_addr(d, d->args[i]);
}

void dec_arg_as(struct sw_dec *d, unsigned i, unsigned type, unsigned aux, const struct sw_xlat *x)
{
	dec_sep(d);
	dec_value(d, i, type, aux, x);
}

void dec_arg(struct sw_dec *d, unsigned i)
{
	const struct sw_arg *a;

	if (!d->sc || d->sc->nargs < 0 || i >= (unsigned)d->sc->nargs) {
		dec_sep(d);
		dec_hex(d, d->args[i]);
		return;
	}
	a = &d->sc->args[i];
	dec_arg_as(d, i, a->type, a->aux, a->xlat);
}

void dec_args(struct sw_dec *d, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to; i++)
		dec_arg(d, i);
}

/* ---- the entry points ---- */

/* -e raw=SET: the call is shown as the registers hold it. */
static bool is_raw(const struct sw_event *ev, const struct sw_decode_opts *o)
{
	return o && o->raw && ev->arch == SW_ARCH_X86_64 && sw_sysset_has(o->raw, ev->nr);
}

void sw_decode_call(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o)
{
	struct sw_dec d;

	dec_init(&d, sb, ev, o);
	if (!d.sc) {
		sw_strbuf_printf(sb, "syscall_%#x(", (unsigned)ev->nr);
		for (unsigned i = 0; i < SW_NARGS; i++)
			sw_strbuf_printf(sb, "%s%#" PRIx64, i ? ", " : "", ev->args[i]);
		sw_strbuf_putc(sb, ')');
		return;
	}
	sw_strbuf_puts(sb, d.sc->name);
	sw_strbuf_putc(sb, '(');
	if (is_raw(ev, o)) {
		for (unsigned i = 0; i < (d.sc->nargs < 0 ? SW_NARGS : (unsigned)d.sc->nargs); i++)
			sw_strbuf_printf(sb, "%s%#" PRIx64, i ? ", " : "", ev->args[i]);
		sw_strbuf_putc(sb, ')');
		return;
	}
	if (d.sc->dec && d.sc->dec->call)
		d.sc->dec->call(&d);
	else
		dec_args(&d, 0, d.sc->nargs < 0 ? SW_NARGS : (unsigned)d.sc->nargs);
	sw_strbuf_putc(sb, ')');
}

bool sw_ret_is_error(const struct sw_event *ev)
{
	return ev->ret < 0 && ev->ret >= -4095;
}

static void ret_error(struct sw_dec *d, int err)
{
	const char *name = sw_errno_name(err);
	const char *msg = dec_errno_msg(err);

	if (!name) {
		dec_printf(d, "-1 (errno %d)", err);
		return;
	}
	dec_printf(d, "%s %s (", dec_errno_restart(err) ? "?" : "-1", name);
	if (msg)
		dec_puts(d, msg);
	else
		dec_printf(d, "Unknown error %d", err);
	dec_puts(d, ")");
}

static void ret_plain(struct sw_dec *d)
{
	int64_t r = d->ev->ret;

	switch (d->sc ? d->sc->ret : SW_R_INT) {
	case SW_R_HEX:
		dec_hex(d, (uint64_t)r);
		break;
	case SW_R_OCT:
		dec_mode(d, (uint64_t)r);
		break;
	case SW_R_UINT:
		dec_printf(d, "%" PRIu64, (uint64_t)r);
		break;
	default:
		dec_printf(d, "%" PRId64, r);
		break;
	}
}

void sw_decode_ret(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o)
{
	struct sw_dec d;
	const struct sw_decoder *e;

	dec_init(&d, sb, ev, o);
	if ((ev->flags & SW_EVF_NORET) || (d.sc && d.sc->ret == SW_R_NORET)) {
		dec_puts(&d, "?");
	} else if (sw_ret_is_error(ev)) {
		ret_error(&d, (int)-ev->ret);
	} else if (is_raw(ev, o)) {
		dec_printf(&d, "%#" PRIx64, (uint64_t)ev->ret);
	} else {
		e = d.sc ? d.sc->dec : NULL;
		if (!e || !e->ret || !e->ret(&d))
			ret_plain(&d);
		if (d.sc && d.sc->ret == SW_R_FD)
			dec_fd_path(&d, SW_FDT_RET);
	}
	dec_puts(&d, sw_decode_tags(ev));
}

const char *sw_decode_tags(const struct sw_event *ev)
{
	static const char *const tags[8] = {
		"", " (INJECTED)", " (INJECTED: args)", " (INJECTED: args, retval)",
		" (DELAYED)", " (INJECTED) (DELAYED)", " (INJECTED: args) (DELAYED)", " (INJECTED: args, retval) (DELAYED)",
	};

	return tags[(ev->flags & SW_EVF_INJECTED ? 1 : 0) + (ev->flags & SW_EVF_POKED ? 2 : 0) +
		    (ev->flags & SW_EVF_DELAYED ? 4 : 0)];
}
