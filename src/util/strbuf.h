/* SPDX-License-Identifier: GPL-2.0-only */
/* A growing string buffer, the output of every decoder and formatter. */
#ifndef SW_UTIL_STRBUF_H
#define SW_UTIL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sw_strbuf {
	char *buf;  /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define SW_STRBUF_INIT { NULL, 0, 0 }

void sw_strbuf_init(struct sw_strbuf *sb);
void sw_strbuf_release(struct sw_strbuf *sb);
void sw_strbuf_reset(struct sw_strbuf *sb);
void sw_strbuf_add(struct sw_strbuf *sb, const char *s, size_t n);
void sw_strbuf_puts(struct sw_strbuf *sb, const char *s);
void sw_strbuf_putc(struct sw_strbuf *sb, char c);
void sw_strbuf_printf(struct sw_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sw_strbuf_vprintf(struct sw_strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* The string, "" when empty (never NULL). */
const char *sw_strbuf_str(const struct sw_strbuf *sb);

/* Appends bytes as a C string in double quotes with strace's escapes; when
 * more_follow is true, appends "..." after the closing quote. */
void sw_strbuf_quoted(struct sw_strbuf *sb, const uint8_t *s, size_t len, bool more_follow);
/* The same escapes without the quotes: for bytes a tracee chose that are
 * printed bare, such as its comm, so none of them can drive a terminal. */
void sw_strbuf_escaped(struct sw_strbuf *sb, const uint8_t *s, size_t len);
/* One byte of that; next is the byte after it (-1: none), which decides
 * whether an octal escape must be written with three digits. */
void sw_strbuf_escaped_byte(struct sw_strbuf *sb, uint8_t c, int next);

#endif
