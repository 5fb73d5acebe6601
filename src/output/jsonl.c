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

static void add_name(struct sw_strbuf *sb, const char *key, const char *name)
{
	sw_strbuf_printf(sb, ",\"%s\":", key);
	if (name)
		sw_json_string(sb, name, strlen(name));
	else
		sw_strbuf_puts(sb, "null");
}

/* The decoded text in part, as a JSON string under key. */
static void add_part(struct sw_output *out, const char *key)
{
	sw_strbuf_printf(&out->line, ",\"%s\":", key);
	sw_json_string(&out->line, out->part.buf ? out->part.buf : "", out->part.len);
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
	sw_strbuf_puts(&out->line, ",\"stack\":[");
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

static const char *errno_name(int err)
{
	const char *n = sw_errno_name(err);

	return n ? n : strerrorname_np(err);
}

static const char *signal_name(int sig, char *buf, size_t size)
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

static void add_syscall(struct sw_output *out, const struct sw_event *ev)
{
	struct sw_strbuf *sb = &out->line;
	bool failed = !(ev->flags & SW_EVF_NORET) && sw_ret_is_error(ev);

	add_name(sb, "syscall", sw_syscall_name(ev->nr));
	sw_strbuf_printf(sb, ",\"nr\":%d,\"args\":[", ev->nr);
	for (int i = 0; i < SW_NARGS; i++)
		sw_strbuf_printf(sb, "%s%llu", i ? "," : "", (unsigned long long)ev->args[i]);
	sw_strbuf_printf(sb, "],\"ret\":%lld", (long long)ev->ret);
	add_name(sb, "errno", failed ? errno_name((int)-ev->ret) : NULL);
	sw_strbuf_printf(sb, ",\"dur_ns\":%llu", (unsigned long long)ev->dur_ns);
	if (ev->flags & SW_EVF_NORET)
		sw_strbuf_puts(sb, ",\"noret\":true");
	if (ev->flags & SW_EVF_INJECTED)
		sw_strbuf_puts(sb, ",\"injected\":true");
	if (ev->flags & SW_EVF_DELAYED)
		sw_strbuf_puts(sb, ",\"delayed\":true");
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
	size_t comm_len = strnlen(ev->comm, SW_COMM_LEN);
	char name[32];

	if (!kind)
		return 0;
	sw_strbuf_printf(sb, "{\"type\":\"%s\",\"ts_ns\":%llu,\"pid\":%u,\"tid\":%u,\"uid\":%u,\"comm\":", kind,
			 (unsigned long long)ev->ts_ns, ev->pid, ev->tid, ev->uid);
	sw_json_string(sb, ev->comm, comm_len);
	switch (ev->kind) {
	case SW_EV_SYSCALL:
		add_syscall(out, ev);
		break;
	case SW_EV_SIGNAL:
		sw_strbuf_printf(sb, ",\"sig\":%d", ev->sig);
		add_name(sb, "signal", signal_name(ev->sig, name, sizeof(name)));
		sw_strbuf_reset(&out->part);
		sw_decode_signal(&out->part, ev, &out->o.dec);
		add_part(out, "text");
		break;
	case SW_EV_EXIT:
		sw_strbuf_printf(sb, ",\"status\":%lld", (long long)ev->ret);
		break;
	case SW_EV_SUPERSEDED:
		sw_strbuf_printf(sb, ",\"by\":%lld", (long long)ev->ret);
		break;
	case SW_EV_STOPPED:
	case SW_EV_KILLED:
		sw_strbuf_printf(sb, ",\"sig\":%d", ev->sig);
		add_name(sb, "signal", signal_name(ev->sig, name, sizeof(name)));
		if (ev->kind == SW_EV_KILLED)
			sw_strbuf_printf(sb, ",\"core\":%s", ev->flags & SW_EVF_CORE ? "true" : "false");
		break;
	}
	sw_strbuf_puts(sb, "}\n");
	return 1;
}

void sw_jsonl_summary(struct sw_output *out, uint64_t lost)
{
	sw_strbuf_printf(&out->line, "{\"type\":\"summary\",\"events\":%llu,\"lost\":%llu}\n",
			 (unsigned long long)out->written, (unsigned long long)lost);
}
