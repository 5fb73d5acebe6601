// SPDX-License-Identifier: GPL-2.0-only
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

/* Bounds on a /regex element: glibc's regcomp takes time and memory
 * exponential in stacked repeats ("a+++", "(a*)*b", "((ab)+c)*"), so those
 * are refused, with patterns longer than SW_REGEX_MAX and counts in {m,n}
 * above SW_REGEX_DUP_MAX. A syscall name needs none of that. */
#define SW_REGEX_MAX 256
#define SW_REGEX_DUP_MAX 255
#define SW_REGEX_DEPTH 32

/* Skips a bracket expression starting at p ('['); returns its last
 * character (']'), or NULL when it does not end (regcomp says so). */
static const char *skip_bracket(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	for (; *p && *p != ']'; p++) {
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			char end = p[1];

			for (p += 2; *p && !(*p == end && p[1] == ']'); p++)
				;
			if (!*p)
				return NULL;
			p++;
		}
	}
	return *p ? p : NULL;
}

/* Parses an interval "{m}", "{m,}", "{m,n}" at p; returns its '}' and the
 * largest count in *max, or NULL when p does not start one. */
static const char *parse_interval(const char *p, unsigned long *max)
{
	char *end;

	if (p[1] < '0' || p[1] > '9')
		return NULL;
	*max = strtoul(p + 1, &end, 10);
	if (*end == ',') {
		if (end[1] >= '0' && end[1] <= '9')
			*max = strtoul(end + 1, &end, 10);
		else
			end++;
	}
	return *end == '}' ? end : NULL;
}

static int check_regex(const char *re, struct sw_err *err)
{
	enum { ATOM, REPEAT, REPEATED_GROUP } prev = ATOM;
	bool has_repeat[SW_REGEX_DEPTH + 1] = { false };
	int depth = 0;

	if (strlen(re) > SW_REGEX_MAX)
		return sw_err_set(err, "regular expression in syscall set is %zu characters long: at most %d", strlen(re),
				  SW_REGEX_MAX);
	for (const char *p = re; *p; p++) {
		unsigned long max = 0;
		const char *q;

		switch (*p) {
		case '\\':
			if (p[1])
				p++;
			prev = ATOM;
			break;
		case '[':
			if (!(q = skip_bracket(p)))
				return 0; /* unterminated: regcomp refuses it */
			p = q;
			prev = ATOM;
			break;
		case '(':
			if (depth == SW_REGEX_DEPTH)
				return sw_err_set(err, "invalid regular expression '%s' in syscall set: groups nested deeper than %d",
						  re, SW_REGEX_DEPTH);
			has_repeat[++depth] = false;
			prev = ATOM;
			break;
		case ')':
			if (depth == 0) {
				prev = ATOM;
				break;
			}
			prev = has_repeat[depth] ? REPEATED_GROUP : ATOM;
			has_repeat[depth - 1] |= has_repeat[depth];
			depth--;
			break;
		case '{':
			if (!(q = parse_interval(p, &max))) {
				prev = ATOM;
				break;
			}
			if (max > SW_REGEX_DUP_MAX)
				return sw_err_set(err, "invalid regular expression '%s' in syscall set: a count above %d", re,
						  SW_REGEX_DUP_MAX);
			p = q;
			/* fall through */
		case '*':
		case '+':
		case '?':
			if (prev != ATOM)
				return sw_err_set(err,
						  "invalid regular expression '%s' in syscall set: a repeat of a repeat "
						  "(like a** or (a*)*) is refused",
						  re);
			prev = REPEAT;
			has_repeat[depth] = true;
			break;
		default:
			prev = ATOM;
		}
	}
	return 0;
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

/* strace's personality suffix: "@64" is the x86-64 calls the set names,
 * "@32" and "@x32" the i386 and x32 ones, which a syscall set (x86-64
 * numbers) never holds; the name is checked all the same. */
static int strip_personality(char *el, bool *native, struct sw_err *err)
{
	char *at = strrchr(el, '@');

	*native = true;
	if (!at || el[0] == '/')
		return 0;
	if (strcmp(at, "@32") == 0 || strcmp(at, "@x32") == 0)
		*native = false;
	else if (strcmp(at, "@64") != 0)
		return sw_err_set(err, "unknown personality '%s' in syscall set (@64, @32 or @x32)", at);
	*at = '\0';
	return 0;
}

static int add_element(struct sw_sysset *set, char *el, struct sw_err *err)
{
	bool optional = false, native;
	struct sw_sysset only;
	const struct sw_syscall *sc;

	if (*el == '?') {
		optional = true;
		el++;
	}
	if (strip_personality(el, &native, err) < 0)
		return -1;
	if (!native) {
		/* checked as a name of this table, then dropped */
		sw_sysset_clear(&only);
		return add_element(&only, el - optional, err);
	}
	if (!*el)
		return sw_err_set(err, "empty element in syscall set");
	if (strcmp(el, "all") == 0) {
		sw_sysset_fill(set);
		return 0;
	}
	if (strcmp(el, "none") == 0)
		return 0;
	if (*el == '/') {
		/* a pattern too costly to compile is refused even after '?' */
		if (check_regex(el + 1, err) < 0)
			return -1;
		return add_regex(set, el + 1, err) && !optional ? -1 : 0;
	}
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
	int rc = 0, nel = 0;

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
		nel++;
	}
	free(copy);
	if (rc)
		return rc;
	/* only commas: no element at all, so "!," would silently mean every syscall */
	if (!nel)
		return sw_err_set(err, "empty syscall set '%s%s'", negate ? "!" : "", expr);
	if (negate)
		for (size_t i = 0; i < SW_NR_MAX / 64; i++)
			set->bits[i] = ~set->bits[i];
	return 0;
}
