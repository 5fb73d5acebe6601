/* JSON string escaping shared by every JSON writer (trace --json, stat --json,
 * monitor sinks). Whatever bytes a tracee used, the result is one valid JSON
 * string on one line. */
#include <stddef.h>
#include <stdint.h>

#include "output/output.h"
#include "util/strbuf.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if the bytes there are
 * not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF are not). */
static size_t utf8_len(const unsigned char *s, size_t left)
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
		n = utf8_len(s + i, len - i);
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
