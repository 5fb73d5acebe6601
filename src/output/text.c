// SPDX-License-Identifier: GPL-2.0-only
/* strace's text format, line for line:
 *
 *   [pid  1234] 12:00:01.123456 openat(AT_FDCWD, "x", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000012>
 *
 * The " = " is aligned on column 40 of the whole line, as strace does. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "output/output_impl.h"
#include "util/error.h"

#define SW_RET_COLUMN 40 /* strace pads the line to this column less one before " = " (-a) */

static void add_prefix(struct sw_output *out, const struct sw_event *ev)
{
	struct sw_strbuf *sb = &out->line;

	switch (out->o.pid_prefix) {
	case SW_PID_AUTO:
		if (out->nlive > 1)
			sw_strbuf_printf(sb, "[pid %5u] ", ev->tid);
		break;
	case SW_PID_COLUMN:
		sw_strbuf_printf(sb, "%-5u ", ev->tid);
		break;
	case SW_PID_COMM: {
		char comm[SW_COMM_ESC_SIZE];

		/* the comm is the tracee's choice: escaped, so it cannot drive a terminal */
		sw_comm_escape(comm, sizeof(comm), ev->comm);
		sw_strbuf_printf(sb, "%-5u %-15s ", ev->tid, comm);
		break;
	}
	case SW_PID_ALWAYS:
		sw_strbuf_printf(sb, "[pid %5u] ", ev->tid);
		break;
	default:
		break;
	}
}

/* The digits after the second a precision shows (strace's s, ms, us, ns). */
static unsigned prec_digits(uint8_t prec)
{
	return prec == SW_PREC_S ? 0 : prec == SW_PREC_MS ? 3 : prec == SW_PREC_NS ? 9 : 6;
}

/* ".fff" of the nanoseconds ns (< 1 s) at prec, nothing for seconds. */
static void add_frac(struct sw_strbuf *sb, uint64_t ns, uint8_t prec)
{
	unsigned digits = prec_digits(prec);
	uint64_t div = 1;

	for (unsigned i = digits; i < 9; i++)
		div *= 10;
	if (digits)
		sw_strbuf_printf(sb, ".%0*llu", (int)digits, (unsigned long long)(ns / div));
}

static void add_time(struct sw_output *out, const struct sw_event *ev)
{
	time_t sec = (time_t)(ev->ts_ns / 1000000000u);

	if (out->o.ts_mode == SW_TS_NONE)
		return;
	if (out->o.ts_mode == SW_TS_UNIX) {
		sw_strbuf_printf(&out->line, "%lld", (long long)sec);
	} else {
		if (sec != out->clock_sec) {
			struct tm tm;

			localtime_r(&sec, &tm);
			strftime(out->clock_text, sizeof(out->clock_text), "%H:%M:%S", &tm);
			out->clock_sec = sec;
		}
		sw_strbuf_puts(&out->line, out->clock_text);
	}
	add_frac(&out->line, ev->ts_ns % 1000000000u, out->o.ts_prec);
	sw_strbuf_putc(&out->line, ' ');
}

/* -r: seconds since the previous line; "(+ ...)" after an absolute time.
 * Lines come in the order calls end, so a call that began before the
 * previous line's shows 0. */
static void add_relative(struct sw_output *out, const struct sw_event *ev)
{
	uint64_t d = out->prev_ts_ns && ev->ts_ns > out->prev_ts_ns ? ev->ts_ns - out->prev_ts_ns : 0;
	bool after_time = out->o.ts_mode != SW_TS_NONE;

	if (!out->o.relative)
		return;
	if (ev->ts_ns > out->prev_ts_ns)
		out->prev_ts_ns = ev->ts_ns;
	sw_strbuf_printf(&out->line, after_time ? "(+%6llu" : "%6llu", (unsigned long long)(d / 1000000000u));
	add_frac(&out->line, d % 1000000000u, out->o.rel_prec);
	sw_strbuf_puts(&out->line, after_time ? ") " : " ");
}

/* -n: a signal or exit line shows the number of the thread's last syscall,
 * as strace does. */
static int32_t *last_nr_slot(struct sw_output *out, uint32_t tid)
{
	for (size_t i = 0; i < out->nlast_nr; i++)
		if (out->last_nr[i].tid == tid)
			return &out->last_nr[i].nr;
	if (out->nlast_nr == out->last_nr_cap) {
		out->last_nr_cap = out->last_nr_cap ? out->last_nr_cap * 2 : 16;
		out->last_nr = sw_xrealloc(out->last_nr, out->last_nr_cap * sizeof(*out->last_nr));
	}
	out->last_nr[out->nlast_nr].tid = tid;
	out->last_nr[out->nlast_nr].nr = -1;
	return &out->last_nr[out->nlast_nr++].nr;
}

static void add_nr(struct sw_output *out, const struct sw_event *ev)
{
	int32_t *last;

	if (!out->o.show_nr)
		return;
	last = last_nr_slot(out, ev->tid);
	if (ev->kind == SW_EV_SYSCALL)
		*last = ev->nr;
	if (*last >= 0)
		sw_strbuf_printf(&out->line, "[%4d] ", *last);
	else
		sw_strbuf_puts(&out->line, "[????] ");
}

/* -i: [%016llx], or question marks when the engine could not tell (exit lines) */
static void add_ip(struct sw_output *out, const struct sw_event *ev)
{
	if (!out->o.show_ip)
		return;
	if (ev->ip && (ev->kind == SW_EV_SYSCALL || ev->kind == SW_EV_SIGNAL))
		sw_strbuf_printf(&out->line, "[%016llx] ", (unsigned long long)ev->ip);
	else
		sw_strbuf_puts(&out->line, "[????????????????] ");
}

static const char *signame(int sig, char *buf, size_t size)
{
	const char *n = sw_signal_name_abbrev(sig, buf, size);

	if (!n)
		snprintf(buf, size, "%d", sig);
	return n ? n : buf;
}

static void add_syscall(struct sw_output *out, const struct sw_event *ev)
{
	struct sw_strbuf *sb = &out->line;
	const char *tags = sw_decode_tags(ev);
	size_t ntags = strlen(tags);
	size_t column = (out->o.column ? out->o.column : SW_RET_COLUMN) - 1;

	sw_decode_call(sb, ev, &out->o.dec);
	if (ev->flags & SW_EVF_DETACHED) {
		/* strace: the arguments, then the mark instead of ") = ..." */
		if (sb->len && sb->buf[sb->len - 1] == ')')
			sb->len--;
		sw_strbuf_puts(sb, " <detached ...>");
		return;
	}
	while (sb->len < column)
		sw_strbuf_putc(sb, ' ');
	sw_strbuf_puts(sb, " = ");
	sw_strbuf_reset(&out->part);
	sw_decode_ret(&out->part, ev, &out->o.dec);
	sw_strbuf_add(sb, out->part.buf ? out->part.buf : "", out->part.len);
	if (ntags && !(out->part.len >= ntags && strcmp(out->part.buf + out->part.len - ntags, tags) == 0))
		sw_strbuf_puts(sb, tags);
	if (out->o.show_dur && !(ev->flags & (SW_EVF_NORET | SW_EVF_NO_DUR)))
	{
		sw_strbuf_printf(sb, " <%llu", (unsigned long long)(ev->dur_ns / 1000000000u));
		add_frac(sb, ev->dur_ns % 1000000000u, out->o.dur_prec);
		sw_strbuf_putc(sb, '>');
	}
}

/* -e read=/write=: strace's hex dump, 16 bytes a line:
 *  | 00000  68 69 0a                                          hi.              | */
static void dump_bytes(struct sw_strbuf *sb, const uint8_t *p, size_t n)
{
	for (size_t off = 0; off < n; off += 16) {
		char ascii[17];
		size_t k;

		sw_strbuf_printf(sb, "\n | %05zx  ", off);
		for (k = 0; k < 16; k++) {
			if (off + k < n)
				sw_strbuf_printf(sb, "%02x ", p[off + k]);
			else
				sw_strbuf_puts(sb, "   ");
			if (k == 7)
				sw_strbuf_putc(sb, ' ');
			ascii[k] = off + k < n && p[off + k] >= 0x20 && p[off + k] < 0x7f ? (char)p[off + k]
			           : off + k < n ? '.' : ' ';
		}
		ascii[16] = '\0';
		sw_strbuf_printf(sb, " %s |", ascii);
	}
}

/* The calls strace dumps (SW_TRAIT_READBUF, SW_TRAIT_WRITEBUF): the data is
 * argument 1; read-like calls dump what they returned, write-like ones what
 * they were given. */
static void add_dump(struct sw_output *out, const struct sw_event *ev)
{
	const struct sw_syscall *sc = sw_syscall_by_nr(ev->nr);
	const struct sw_capture *c;
	bool reading;
	uint64_t n;

	if (!sc || ev->arch != SW_ARCH_X86_64 || (ev->flags & SW_EVF_NORET) || sw_ret_is_error(ev))
		return;
	if (!(sc->traits & (SW_TRAIT_READBUF | SW_TRAIT_WRITEBUF)))
		return;
	reading = sc->traits & SW_TRAIT_READBUF;
	if (!sw_fd_set_has(reading ? &out->o.filter.dump_read : &out->o.filter.dump_write, ev->args[0]))
		return;
	c = sw_event_capture(ev, 1);
	if (!c || c->kind != SW_CAP_MEM || c->status == SW_CAPS_FAULT)
		return;
	n = reading ? (uint64_t)ev->ret : ev->args[2];
	if (n > c->len)
		n = c->len; /* what the engine captured */
	dump_bytes(&out->line, sw_capture_data(ev, c), (size_t)n);
}

/* -k: the frames, one line each, under the call (without a pid prefix, as strace) */
static void add_stack(struct sw_output *out, const struct sw_event *ev)
{
	const struct sw_capture *c = sw_event_capture(ev, SW_CAPARG_STACK);
	size_t n;

	if (!c || c->kind != SW_CAP_STACK || !c->len)
		return;
	n = c->len;
	if (sw_capture_data(ev, c)[n - 1] == '\n')
		n--;
	sw_strbuf_putc(&out->line, '\n');
	sw_strbuf_add(&out->line, (const char *)sw_capture_data(ev, c), n);
}

int sw_text_format(struct sw_output *out, const struct sw_event *ev)
{
	struct sw_strbuf *sb = &out->line;
	char name[32];

	switch (ev->kind) {
	case SW_EV_SYSCALL:
	case SW_EV_SIGNAL:
	case SW_EV_EXIT:
	case SW_EV_KILLED:
	case SW_EV_SUPERSEDED:
	case SW_EV_STOPPED:
		break;
	default:
		return 0; /* attach/detach: strace says those on its own stderr, not in the trace */
	}
	add_prefix(out, ev);
	add_time(out, ev);
	add_relative(out, ev);
	add_nr(out, ev);
	add_ip(out, ev);
	switch (ev->kind) {
	case SW_EV_SYSCALL:
		add_syscall(out, ev);
		if (out->o.filter.dump_read.any || out->o.filter.dump_write.any)
			add_dump(out, ev);
		add_stack(out, ev);
		break;
	case SW_EV_SIGNAL:
		sw_strbuf_puts(sb, "--- ");
		sw_decode_signal(sb, ev, &out->o.dec);
		sw_strbuf_puts(sb, " ---");
		break;
	case SW_EV_EXIT:
		sw_strbuf_printf(sb, "+++ exited with %lld +++", (long long)ev->ret);
		break;
	case SW_EV_STOPPED:
		sw_strbuf_printf(sb, "--- stopped by %s ---", signame(ev->sig, name, sizeof(name)));
		break;
	case SW_EV_SUPERSEDED:
		sw_strbuf_printf(sb, "+++ superseded by execve in pid %lld +++", (long long)ev->ret);
		break;
	case SW_EV_KILLED:
		sw_strbuf_printf(sb, "+++ killed by %s%s +++", signame(ev->sig, name, sizeof(name)),
				 ev->flags & SW_EVF_CORE ? " (core dumped)" : "");
		break;
	}
	sw_strbuf_putc(sb, '\n');
	return 1;
}
