// SPDX-License-Identifier: GPL-2.0-only
#include "decode/xlat.h"

#include <string.h>

#include "util/strbuf.h"

const char *sw_xlat_name(const struct sw_xlat *x, uint64_t val)
{
	for (unsigned i = 0; i < x->n; i++)
		if (x->e[i].val == val)
			return x->e[i].name;
	return NULL;
}

int sw_xlat_value(const struct sw_xlat *x, const char *name, uint64_t *val)
{
	for (unsigned i = 0; i < x->n; i++) {
		if (strcmp(x->e[i].name, name) == 0) {
			*val = x->e[i].val;
			return 0;
		}
	}
	return -1;
}

void sw_xlat_print_enum(struct sw_strbuf *sb, const struct sw_xlat *x, uint64_t val, const char *dflt_fmt)
{
	const char *name = sw_xlat_name(x, val);

	if (name)
		sw_strbuf_puts(sb, name);
	else
		sw_strbuf_printf(sb, dflt_fmt, (unsigned long long)val);
}

void sw_xlat_print_flags(struct sw_strbuf *sb, const struct sw_xlat *x, uint64_t val)
{
	uint64_t rest = val;
	int printed = 0;

	if (val == 0) {
		const char *zero = sw_xlat_name(x, 0);

		sw_strbuf_puts(sb, zero ? zero : "0");
		return;
	}
	for (unsigned i = 0; i < x->n; i++) {
		uint64_t v = x->e[i].val;

		if (v && (rest & v) == v) {
			if (printed++)
				sw_strbuf_putc(sb, '|');
			sw_strbuf_puts(sb, x->e[i].name);
			rest &= ~v;
		}
	}
	if (rest) {
		if (printed)
			sw_strbuf_putc(sb, '|');
		sw_strbuf_printf(sb, "%#llx", (unsigned long long)rest);
	}
}
