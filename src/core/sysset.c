#include "core/sysset.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

void sw_sysset_clear(struct sw_sysset *s)
{
	memset(s, 0, sizeof(*s));
}

void sw_sysset_fill(struct sw_sysset *s)
{
	memset(s, 0xff, sizeof(*s));
}

void sw_sysset_add(struct sw_sysset *s, int nr)
{
	if (nr >= 0 && nr < SW_NR_MAX)
		s->bits[nr / 64] |= 1ull << (nr % 64);
}

void sw_sysset_del(struct sw_sysset *s, int nr)
{
	if (nr >= 0 && nr < SW_NR_MAX)
		s->bits[nr / 64] &= ~(1ull << (nr % 64));
}

bool sw_sysset_has(const struct sw_sysset *s, int nr)
{
	return nr >= 0 && nr < SW_NR_MAX && (s->bits[nr / 64] >> (nr % 64)) & 1;
}

bool sw_sysset_is_full(const struct sw_sysset *s)
{
	for (size_t i = 0; i < SW_NR_MAX / 64; i++)
		if (s->bits[i] != ~0ull)
			return false;
	return true;
}

unsigned sw_sysset_count(const struct sw_sysset *s)
{
	unsigned n = 0;

	for (size_t i = 0; i < SW_NR_MAX / 64; i++)
		n += (unsigned)__builtin_popcountll(s->bits[i]);
	return n;
}

static int add_regex(struct sw_sysset *set, const char *re, struct sw_err *err)
{
	regex_t rx;
	int matched = 0;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return sw_err_set(err, "invalid regular expression '%s' in syscall set", re);
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		if (regexec(&rx, sw_syscall_rows[i].name, 0, NULL, 0) == 0) {
			sw_sysset_add(set, sw_syscall_rows[i].nr);
			matched++;
		}
	}
	regfree(&rx);
	if (!matched)
		return sw_err_set(err, "regular expression '%s' matches no syscall", re);
	return 0;
}

static int add_element(struct sw_sysset *set, const char *el, struct sw_err *err)
{
	bool optional = false;
	const struct sw_syscall *sc;

	if (*el == '?') {
		optional = true;
		el++;
	}
	if (!*el)
		return sw_err_set(err, "empty element in syscall set");
	if (strcmp(el, "all") == 0) {
		sw_sysset_fill(set);
		return 0;
	}
	if (strcmp(el, "none") == 0)
		return 0;
	if (*el == '/')
		return add_regex(set, el + 1, err) && !optional ? -1 : 0;
	if (*el == '%') {
		uint32_t bits = sw_class_by_name(el + 1);

		if (!bits)
			return optional ? 0 : sw_err_set(err, "unknown syscall class '%s'", el);
		for (size_t i = 0; i < sw_syscall_nrows; i++)
			if (sw_syscall_rows[i].classes & bits)
				sw_sysset_add(set, sw_syscall_rows[i].nr);
		return 0;
	}
	sc = sw_syscall_by_name(el);
	if (!sc)
		return optional ? 0 : sw_err_set(err, "unknown syscall '%s'", el);
	sw_sysset_add(set, sc->nr);
	return 0;
}

int sw_sysset_parse(struct sw_sysset *set, const char *expr, struct sw_err *err)
{
	bool negate = false;
	char *copy, *save = NULL;
	int rc = 0;

	sw_sysset_clear(set);
	if (*expr == '!') {
		negate = true;
		expr++;
	}
	if (!*expr)
		return sw_err_set(err, "empty syscall set");
	copy = sw_xstrdup(expr);
	for (char *el = strtok_r(copy, ",", &save); el; el = strtok_r(NULL, ",", &save)) {
		rc = add_element(set, el, err);
		if (rc)
			break;
	}
	free(copy);
	if (rc)
		return rc;
	if (negate)
		for (size_t i = 0; i < SW_NR_MAX / 64; i++)
			set->bits[i] = ~set->bits[i];
	return 0;
}
