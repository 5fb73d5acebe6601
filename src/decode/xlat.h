/* SPDX-License-Identifier: GPL-2.0-only */
/* Lookup tables from constants to their names, generated from the lists in
 * the .in lists in src/decode/xlat/ (one constant per line). */
#ifndef SW_DECODE_XLAT_H
#define SW_DECODE_XLAT_H

#include <stdint.h>

struct sw_strbuf;

enum sw_xlat_kind {
	SW_XLAT_FLAGS = 0, /* bit flags, printed OR'd together */
	SW_XLAT_ENUM,      /* distinct values */
};

struct sw_xlat_entry {
	uint64_t val;
	const char *name;
};

struct sw_xlat {
	const char *name;
	uint8_t kind;
	uint16_t n;
	const struct sw_xlat_entry *e;
};

/* The name of val in an enum table, or NULL. */
const char *sw_xlat_name(const struct sw_xlat *x, uint64_t val);
/* The value of a name, or -1 when the table has no such name. */
int sw_xlat_value(const struct sw_xlat *x, const char *name, uint64_t *val);
/* Prints val as an enum: its name, else dflt_fmt with val (e.g. "%#llx"). */
void sw_xlat_print_enum(struct sw_strbuf *sb, const struct sw_xlat *x, uint64_t val, const char *dflt_fmt);
/* Prints val as flags: NAME|NAME|0x40; "0" when val is 0 and no entry is 0. */
void sw_xlat_print_flags(struct sw_strbuf *sb, const struct sw_xlat *x, uint64_t val);

#endif
