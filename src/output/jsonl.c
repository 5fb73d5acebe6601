// SPDX-License-Identifier: GPL-2.0-only
/* JSON Lines: one object per event. Every string goes through
 * sw_json_string, so no byte a tracee used can break a line. */
#include <stdio.h>
#include <string.h>

#include "output/output_impl.h"

static const char *kind_name(unsigned kind)
{
	switch (kind) {
	case SW_EV_SYSCALL: return "syscall";
	case SW_EV_SIGNAL: return "signal";
	case SW_EV_EXIT: return "exit";
	case SW_EV_KILLED: return "killed";
	case SW_EV_ATTACH: return "attach";
	case SW_EV_DETACH: return "detach";
	case SW_EV_SUPERSEDED: return "superseded";
	case SW_EV_STOPPED: return "stopped";
	default: return NULL;
	}
}

/* The decoded text in part, as a JSON string under key. */
static void add_part(struct sw_output *out, const char *key)
{
	sw_json_str(&out->line, key, out->part.buf ? out->part.buf : "", out->part.len);
}

/* -k: "stack": the frames, strace's text of each without " > " */
static void add_stack(struct sw_output *out, const struct sw_event *ev)
{
	const struct sw_capture *c = sw_event_capture(ev, SW_CAPARG_STACK);
	const char *p, *end, *nl;

	if (!c || c->kind != SW_CAP_STACK)
		return;
	p = (const char *)sw_capture_data(ev, c);
	end = p + c->len;
	sw_json_key(&out->line, "stack");
	sw_strbuf_putc(&out->line, '[');
	for (bool first = true; p < end; p = nl + 1, first = false) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl - p > 3 && strncmp(p, " > ", 3) == 0)
			p += 3;
		if (!first)
			sw_strbuf_putc(&out->line, ',');
		sw_json_string(&out->line, p, (size_t)(nl - p));
	}
	sw_strbuf_putc(&out->line, ']');
}

static void add_syscall(struct sw_output *out, const struct sw_event *ev)
{
	struct sw_strbuf *sb = &out->line;
	bool failed = !(ev->flags & SW_EVF_NORET) && sw_ret_is_error(ev);

	sw_json_event_call(sb, ev, sw_syscall_name(ev->nr));
	sw_json_i64(sb, "ret", ev->ret);
	sw_json_name(sb, "errno", failed ? sw_json_errno_name((int)-ev->ret) : NULL);
	sw_json_u64(sb, "dur_ns", ev->dur_ns);
	if (ev->flags & SW_EVF_NORET)
		sw_json_bool(sb, "noret", true);
	if (ev->flags & SW_EVF_INJECTED)
		sw_json_bool(sb, "injected", true);
	if (ev->flags & SW_EVF_POKED)
		sw_json_bool(sb, "poked", true);
	if (ev->flags & SW_EVF_DELAYED)
		sw_json_bool(sb, "delayed", true);
	sw_strbuf_reset(&out->part);
	sw_decode_call(&out->part, ev, &out->o.dec);
	add_part(out, "text");
	sw_strbuf_reset(&out->part);
	sw_decode_ret(&out->part, ev, &out->o.dec);
	add_part(out, "ret_text");
	add_stack(out, ev);
}

int sw_jsonl_format(struct sw_output *out, const struct sw_event *ev)
{
	struct sw_strbuf *sb = &out->line;
	const char *kind = kind_name(ev->kind);
	char name[32];

	if (!kind)
		return 0;
	sw_strbuf_putc(sb, '{');
	sw_json_name(sb, "type", kind);
	sw_json_event_task(sb, ev);
	sw_json_event_comm(sb, "comm", ev->comm);
	switch (ev->kind) {
	case SW_EV_SYSCALL:
		add_syscall(out, ev);
		break;
	case SW_EV_SIGNAL:
		sw_json_i64(sb, "sig", ev->sig);
		sw_json_name(sb, "signal", sw_signal_name_abbrev(ev->sig, name, sizeof(name)));
		sw_strbuf_reset(&out->part);
		sw_decode_signal(&out->part, ev, &out->o.dec);
		add_part(out, "text");
		break;
	case SW_EV_EXIT:
		sw_json_i64(sb, "status", ev->ret);
		break;
	case SW_EV_SUPERSEDED:
		sw_json_i64(sb, "by", ev->ret);
		break;
	case SW_EV_STOPPED:
	case SW_EV_KILLED:
		sw_json_i64(sb, "sig", ev->sig);
		sw_json_name(sb, "signal", sw_signal_name_abbrev(ev->sig, name, sizeof(name)));
		if (ev->kind == SW_EV_KILLED)
			sw_json_bool(sb, "core", ev->flags & SW_EVF_CORE);
		break;
	}
	sw_strbuf_puts(sb, "}\n");
	return 1;
}

void sw_jsonl_summary(struct sw_output *out, uint64_t lost)
{
	struct sw_strbuf *sb = &out->line;

	sw_strbuf_putc(sb, '{');
	sw_json_name(sb, "type", "summary");
	sw_json_u64(sb, "events", out->written);
	sw_json_u64(sb, "lost", lost);
	sw_strbuf_puts(sb, "}\n");
}
