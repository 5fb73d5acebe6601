// SPDX-License-Identifier: GPL-2.0-only
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

void sw_strbuf_init(struct sw_strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void sw_strbuf_release(struct sw_strbuf *sb)
{
	free(sb->buf);
	sw_strbuf_init(sb);
}

void sw_strbuf_reset(struct sw_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static void grow(struct sw_strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t cap = sb->cap ? sb->cap : 128;

	if (need <= sb->cap)
		return;
	while (cap < need)
		cap *= 2;
	sb->buf = sw_xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sw_strbuf_add(struct sw_strbuf *sb, const char *s, size_t n)
{
	grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sw_strbuf_puts(struct sw_strbuf *sb, const char *s)
{
	sw_strbuf_add(sb, s, strlen(s));
}

void sw_strbuf_putc(struct sw_strbuf *sb, char c)
{
	grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void sw_strbuf_vprintf(struct sw_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	grow(sb, 64);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sw_strbuf_printf(struct sw_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sw_strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

const char *sw_strbuf_str(const struct sw_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

/* ---- strace's escapes ---- */

void sw_strbuf_escaped_byte(struct sw_strbuf *sb, uint8_t c, int next)
{
	char tmp[5];
	int n = 0;

	switch (c) {
	case '"':  sw_strbuf_add(sb, "\\\"", 2); return;
	case '\\': sw_strbuf_add(sb, "\\\\", 2); return;
	case '\t': sw_strbuf_add(sb, "\\t", 2); return;
	case '\n': sw_strbuf_add(sb, "\\n", 2); return;
	case '\v': sw_strbuf_add(sb, "\\v", 2); return;
	case '\f': sw_strbuf_add(sb, "\\f", 2); return;
	case '\r': sw_strbuf_add(sb, "\\r", 2); return;
	}
	if (c >= 0x20 && c < 0x7f) {
		sw_strbuf_putc(sb, (char)c);
		return;
	}
	/* Octal, as short as possible unless an octal digit follows, which
	 * would then read as part of the escape. */
	tmp[n++] = '\\';
	if (next >= '0' && next <= '7') {
		tmp[n++] = (char)('0' + (c >> 6));
		tmp[n++] = (char)('0' + ((c >> 3) & 7));
	} else if (c >> 3) {
		if (c >> 6)
			tmp[n++] = (char)('0' + (c >> 6));
		tmp[n++] = (char)('0' + ((c >> 3) & 7));
	}
	tmp[n++] = (char)('0' + (c & 7));
	sw_strbuf_add(sb, tmp, (size_t)n);
}

void sw_strbuf_escaped(struct sw_strbuf *sb, const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		sw_strbuf_escaped_byte(sb, s[i], i + 1 < len ? s[i + 1] : -1);
}

void sw_strbuf_quoted(struct sw_strbuf *sb, const uint8_t *s, size_t len, bool more_follow)
{
	sw_strbuf_putc(sb, '"');
	sw_strbuf_escaped(sb, s, len);
	sw_strbuf_putc(sb, '"');
	if (more_follow)
		sw_strbuf_add(sb, "...", 3);
}
