// SPDX-License-Identifier: GPL-2.0-only
/* The JSON writer every front end uses (trace --json, stat --json, the
 * monitor's events and alerts): string escaping, object members, and the
 * members event records share (docs/events.schema.json). Whatever bytes a
 * tracee used, the result is valid JSON on one line. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode/decode.h"
#include "output/output.h"
#include "util/strbuf.h"

size_t sw_utf8_len(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

void sw_json_string(struct sw_strbuf *sb, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	sw_strbuf_putc(sb, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		size_t n;

		switch (c) {
		case '"': sw_strbuf_puts(sb, "\\\""); i++; continue;
		case '\\': sw_strbuf_puts(sb, "\\\\"); i++; continue;
		case '\n': sw_strbuf_puts(sb, "\\n"); i++; continue;
		case '\r': sw_strbuf_puts(sb, "\\r"); i++; continue;
		case '\t': sw_strbuf_puts(sb, "\\t"); i++; continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f) {
			sw_strbuf_printf(sb, "\\u%04x", c);
			i++;
			continue;
		}
		n = sw_utf8_len(s + i, len - i);
		if (n == 0) {
			/* not UTF-8: keep the byte's value, as its Latin-1 reading */
			sw_strbuf_printf(sb, "\\u%04x", c);
			i++;
			continue;
		}
		/* U+2028/U+2029 end lines in some JavaScript readers */
		if (n == 3 && c == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
			sw_strbuf_printf(sb, "\\u%04x", s[i + 2] == 0xa8 ? 0x2028 : 0x2029);
			i += 3;
			continue;
		}
		sw_strbuf_add(sb, (const char *)s + i, n);
		i += n;
	}
	sw_strbuf_putc(sb, '"');
}

/* ---- object members ------------------------------------------------------------------ */

/* Keys are the program's own words: written as they are, no escaping. */
void sw_json_key(struct sw_strbuf *sb, const char *key)
{
	if (sb->len && sb->buf[sb->len - 1] != '{' && sb->buf[sb->len - 1] != '[')
		sw_strbuf_putc(sb, ',');
	sw_strbuf_putc(sb, '"');
	sw_strbuf_puts(sb, key);
	sw_strbuf_puts(sb, "\":");
}

void sw_json_str(struct sw_strbuf *sb, const char *key, const char *s, size_t len)
{
	sw_json_key(sb, key);
	if (s)
		sw_json_string(sb, s, len);
	else
		sw_strbuf_puts(sb, "null");
}

void sw_json_name(struct sw_strbuf *sb, const char *key, const char *name)
{
	sw_json_str(sb, key, name, name ? strlen(name) : 0);
}

void sw_json_u64(struct sw_strbuf *sb, const char *key, uint64_t v)
{
	sw_json_key(sb, key);
	sw_strbuf_printf(sb, "%llu", (unsigned long long)v);
}

void sw_json_i64(struct sw_strbuf *sb, const char *key, int64_t v)
{
	sw_json_key(sb, key);
	sw_strbuf_printf(sb, "%lld", (long long)v);
}

void sw_json_bool(struct sw_strbuf *sb, const char *key, bool v)
{
	sw_json_key(sb, key);
	sw_strbuf_puts(sb, v ? "true" : "false");
}

void sw_json_null(struct sw_strbuf *sb, const char *key)
{
	sw_json_key(sb, key);
	sw_strbuf_puts(sb, "null");
}

/* ---- events --------------------------------------------------------------------------- */

void sw_json_event_task(struct sw_strbuf *sb, const struct sw_event *ev)
{
	sw_json_u64(sb, "ts_ns", ev->ts_ns);
	sw_json_u64(sb, "pid", ev->pid);
	sw_json_u64(sb, "tid", ev->tid);
	sw_json_u64(sb, "uid", ev->uid);
}

void sw_json_event_comm(struct sw_strbuf *sb, const char *key, const char *comm)
{
	sw_json_str(sb, key, comm, strnlen(comm, SW_COMM_LEN - 1));
}

void sw_json_event_call(struct sw_strbuf *sb, const struct sw_event *ev, const char *name)
{
	sw_json_name(sb, "syscall", name);
	sw_json_i64(sb, "nr", ev->nr);
	sw_json_key(sb, "args");
	sw_strbuf_putc(sb, '[');
	for (int i = 0; i < SW_NARGS; i++)
		sw_strbuf_printf(sb, "%s%llu", i ? "," : "", (unsigned long long)ev->args[i]);
	sw_strbuf_putc(sb, ']');
}

const char *sw_json_errno_name(int err)
{
	const char *n = sw_errno_name(err);

	return n ? n : strerrorname_np(err);
}
