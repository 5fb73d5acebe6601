// SPDX-License-Identifier: GPL-2.0-only
/* The output front door: picks the format, decides what is shown, writes.
 *
 * Lines are collected in a large buffer and written with one write(2) per
 * many events (to a terminal, one per line); the writes go to the FILE's
 * descriptor directly and are retried when a signal interrupts them, so the
 * tracer's timer and stop signals never cost a line. Once a stop was asked
 * for, a write that cannot proceed (a pipe or terminal nobody reads) is
 * given up after a grace time: a stop request is never ignored. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/output_impl.h"
#include "util/error.h"
#include "util/stopwrite.h"

#define SW_OUTPUT_BUFFER (1u << 20)

struct sw_output *sw_output_new(const struct sw_output_opts *o)
{
	struct sw_output *out = sw_xcalloc(1, sizeof(*out));

	out->o = *o;
	if (!out->o.out)
		out->o.out = stderr;
	if (!out->o.dec.strlimit)
		out->o.dec.strlimit = SW_DEFAULT_STRLIMIT;
	out->clock_sec = (time_t)-1;
	fflush(out->o.out);
	out->fd = fileno(out->o.out);
	out->line_mode = isatty(out->fd);
	out->buf_cap = o->buffer ? o->buffer : SW_OUTPUT_BUFFER;
	out->buf = sw_xmalloc(out->buf_cap);
	sw_strbuf_init(&out->line);
	sw_strbuf_init(&out->part);
	return out;
}

void sw_output_note_process(struct sw_output *out, uint32_t tid)
{
	for (size_t i = 0; i < out->nlive; i++)
		if (out->live[i] == tid)
			return;
	if (out->nlive == out->live_cap) {
		out->live_cap = out->live_cap ? out->live_cap * 2 : 16;
		out->live = sw_xrealloc(out->live, out->live_cap * sizeof(*out->live));
	}
	out->live[out->nlive++] = tid;
}

/* strace shows "[pid N] " while more than one thread is traced: a thread
 * counts from its first event (or attach) to its exit. */
static void forget_process(struct sw_output *out, uint32_t tid)
{
	for (size_t i = 0; i < out->nlive; i++)
		if (out->live[i] == tid) {
			out->live[i] = out->live[--out->nlive];
			return;
		}
}

bool sw_output_wanted(const struct sw_output *out, const struct sw_event *ev)
{
	if (out->o.failed_only && ev->kind == SW_EV_SYSCALL && sw_event_status(ev) != SW_STATUS_FAILED)
		return false;
	return sw_filter_shows(&out->o.filter, ev);
}

int sw_output_flush(struct sw_output *out)
{
	struct sw_stop_write w = { out->o.stop, out->stop_deadline };
	size_t done = 0;
	int rc = sw_stop_write(&w, out->fd, out->buf, out->buf_len, &done);

	out->stop_deadline = w.deadline;
	if (rc < 0) {
		int e = errno;

		memmove(out->buf, out->buf + done, out->buf_len - done);
		out->buf_len -= done;
		errno = e;
		return -1;
	}
	out->buf_len = 0;
	return 0;
}

static int emit(struct sw_output *out, const char *s, size_t len)
{
	if (len > out->buf_cap - out->buf_len && sw_output_flush(out) < 0)
		return -1;
	if (len > out->buf_cap) {
		out->buf_cap = len;
		out->buf = sw_xrealloc(out->buf, out->buf_cap);
	}
	memcpy(out->buf + out->buf_len, s, len);
	out->buf_len += len;
	return out->line_mode ? sw_output_flush(out) : 0;
}

int sw_output_event(struct sw_output *out, const struct sw_event *ev)
{
	int shown = 0;

	if (ev->kind != SW_EV_DETACH)
		sw_output_note_process(out, ev->tid);
	if (sw_output_wanted(out, ev)) {
		sw_strbuf_reset(&out->line);
		shown = out->o.json ? sw_jsonl_format(out, ev) : sw_text_format(out, ev);
	}
	if (ev->kind == SW_EV_EXIT || ev->kind == SW_EV_KILLED || ev->kind == SW_EV_DETACH)
		forget_process(out, ev->tid);
	if (!shown)
		return 0;
	out->written++;
	return emit(out, out->line.buf, out->line.len);
}

int sw_output_finish(struct sw_output *out, uint64_t lost)
{
	sw_strbuf_reset(&out->line);
	if (out->o.json)
		sw_jsonl_summary(out, lost);
	else if (lost)
		sw_strbuf_printf(&out->line, "syswatch: %llu events lost\n", (unsigned long long)lost);
	if (emit(out, out->line.buf ? out->line.buf : "", out->line.len) < 0)
		return -1;
	/* a loss is said on stderr too, where whoever ran syswatch sees it */
	if (lost && (out->o.json || out->o.out != stderr))
		fprintf(stderr, "syswatch: %llu events lost\n", (unsigned long long)lost);
	return sw_output_flush(out);
}

void sw_output_free(struct sw_output *out)
{
	if (!out)
		return;
	sw_strbuf_release(&out->line);
	sw_strbuf_release(&out->part);
	free(out->live);
	free(out->last_nr);
	free(out->buf);
	free(out);
}
