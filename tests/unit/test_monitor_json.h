/* SPDX-License-Identifier: GPL-2.0-only */
/* A strict JSON checker for the monitor's tests: one value, RFC 8259
 * syntax, no raw control characters, valid UTF-8 (sw_utf8_len, the rule the
 * writers follow). Object string fields can be looked up (decoded) by key
 * at the top level. */
#ifndef TEST_MONITOR_JSON_H
#define TEST_MONITOR_JSON_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/output.h" /* sw_utf8_len: the writers' own UTF-8 rule */

struct jcheck {
	const char *p, *end;
	int depth;
	const char *want_key;   /* a top-level key whose string value to keep */
	char found[4096];
	bool have;
};

static bool j_value(struct jcheck *j);

static void j_ws(struct jcheck *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

/* Parses a string; decodes it into out (may be NULL). */
static bool j_string(struct jcheck *j, char *out, size_t cap)
{
	size_t o = 0;

	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;

		if (c < 0x20)
			return false;
		if (c == '\\') {
			char e;

			if (++j->p >= j->end)
				return false;
			e = *j->p++;
			if (e == 'u') {
				unsigned v = 0;

				for (int i = 0; i < 4; i++, j->p++) {
					char h = j->p < j->end ? *j->p : 0;

					if (h >= '0' && h <= '9')
						v = v * 16 + (unsigned)(h - '0');
					else if (h >= 'a' && h <= 'f')
						v = v * 16 + (unsigned)(h - 'a' + 10);
					else if (h >= 'A' && h <= 'F')
						v = v * 16 + (unsigned)(h - 'A' + 10);
					else
						return false;
				}
				if (out && o + 1 < cap)
					out[o++] = v < 0x80 ? (char)v : '?';
			} else if (strchr("\"\\/bfnrt", e)) {
				static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

				if (out && o + 1 < cap)
					out[o++] = to[strchr(from, e) - from];
			} else {
				return false;
			}
			continue;
		}
		size_t n = sw_utf8_len((const unsigned char *)j->p, (size_t)(j->end - j->p));

		if (!n)
			return false;
		for (size_t i = 0; i < n; i++, j->p++)
			if (out && o + 1 < cap)
				out[o++] = *j->p;
	}
	if (j->p >= j->end)
		return false;
	j->p++;
	if (out)
		out[o] = '\0';
	return true;
}

static bool j_number(struct jcheck *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end || *j->p < '0' || *j->p > '9')
		return false;
	if (*j->p == '0')
		j->p++;
	else
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static bool j_word(struct jcheck *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool j_value(struct jcheck *j)
{
	bool top = j->depth == 0;

	j_ws(j);
	if (j->p >= j->end || ++j->depth > 32)
		return false;
	switch (*j->p) {
	case '{':
		j->p++;
		j_ws(j);
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			break;
		}
		for (;;) {
			char key[256];
			bool want;

			j_ws(j);
			if (!j_string(j, key, sizeof(key)))
				return false;
			want = top && j->want_key && strcmp(key, j->want_key) == 0;
			j_ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return false;
			j_ws(j);
			if (want && j->p < j->end && *j->p == '"') {
				if (!j_string(j, j->found, sizeof(j->found)))
					return false;
				j->have = true;
			} else if (!j_value(j)) {
				return false;
			}
			j_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == '}') {
				j->p++;
				break;
			}
			return false;
		}
		break;
	case '[':
		j->p++;
		j_ws(j);
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			break;
		}
		for (;;) {
			if (!j_value(j))
				return false;
			j_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == ']') {
				j->p++;
				break;
			}
			return false;
		}
		break;
	case '"':
		if (!j_string(j, NULL, 0))
			return false;
		break;
	case 't':
		if (!j_word(j, "true"))
			return false;
		break;
	case 'f':
		if (!j_word(j, "false"))
			return false;
		break;
	case 'n':
		if (!j_word(j, "null"))
			return false;
		break;
	default:
		if (!j_number(j))
			return false;
	}
	j->depth--;
	return true;
}

/* Whether s[0..len) is exactly one JSON value; keeps the top-level string
 * field `key` (decoded) in found when key is not NULL. */
static inline bool json_valid(const char *s, size_t len, const char *key, char *found, size_t found_len)
{
	struct jcheck j = { .p = s, .end = s + len, .want_key = key };

	if (!j_value(&j))
		return false;
	j_ws(&j);
	if (j.p != j.end)
		return false;
	if (key && found) {
		if (!j.have)
			return false;
		snprintf(found, found_len, "%s", j.found);
	}
	return true;
}

#endif
