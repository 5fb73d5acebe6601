// SPDX-License-Identifier: GPL-2.0-only
/* Parsers for the values the monitor's config is written in. The config
 * accepts English and the Chinese spellings of the original article, so
 * units come in both. */
#include "monitor/value.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct unit {
	const char *name;
	uint64_t mult;
};

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The unit of the table that the text at p starts with (longest match,
 * ASCII case-insensitive), followed by a non-letter; sets *end past it. */
static const struct unit *match_unit(const struct unit *units, const char *p, const char **end)
{
	const struct unit *best = NULL;
	size_t best_len = 0;

	for (const struct unit *u = units; u->name; u++) {
		size_t n = strlen(u->name);

		if (n <= best_len || strncasecmp(p, u->name, n) != 0)
			continue;
		/* "m" must not match the start of "ms" or "min": a letter may not follow */
		if (isalpha((unsigned char)p[n]))
			continue;
		best = u, best_len = n;
	}
	if (best)
		*end = p + best_len;
	return best;
}

static const struct unit size_units[] = {
	{ "b", 1 }, { "byte", 1 }, { "bytes", 1 }, { "字节", 1 },
	{ "k", 1ull << 10 }, { "kb", 1ull << 10 }, { "kib", 1ull << 10 },
	{ "m", 1ull << 20 }, { "mb", 1ull << 20 }, { "mib", 1ull << 20 }, { "兆", 1ull << 20 },
	{ "g", 1ull << 30 }, { "gb", 1ull << 30 }, { "gib", 1ull << 30 },
	{ "t", 1ull << 40 }, { "tb", 1ull << 40 }, { "tib", 1ull << 40 },
	{ NULL, 0 },
};

int sw_mon_parse_size(const char *s, uint64_t *out, const char **why)
{
	const char *p = skip_space(s), *end;
	const struct unit *u;
	char *num_end;
	double v;

	if (!isdigit((unsigned char)*p)) {
		*why = "a size is a number with an optional unit, like 128MB";
		return -1;
	}
	errno = 0;
	v = strtod(p, &num_end);
	if (errno || num_end == p || !isfinite(v)) {
		*why = "a size is a number with an optional unit, like 128MB";
		return -1;
	}
	p = skip_space(num_end);
	if (*p == '\0') {
		u = &size_units[0];
		end = p;
	} else if (!(u = match_unit(size_units, p, &end))) {
		*why = "unknown size unit (use B, KB, MB, GB or TB)";
		return -1;
	}
	if (*skip_space(end) != '\0') {
		*why = "unexpected text after the size";
		return -1;
	}
	v *= (double)u->mult;
	if (v >= 18446744073709551616.0) {
		*why = "size too large";
		return -1;
	}
	if (v != floor(v)) {
		*why = "a size must be a whole number of bytes";
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

void sw_mon_format_size(uint64_t bytes, char *buf, unsigned len)
{
	static const char *const names[] = { "B", "KB", "MB", "GB", "TB" };
	unsigned i = 0;

	while (i < 4 && bytes && bytes % 1024 == 0)
		bytes /= 1024, i++;
	snprintf(buf, len, "%llu%s", (unsigned long long)bytes, names[i]);
}

static const struct unit time_units[] = {
	{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "毫秒", 1000000 },
	{ "s", SW_NS_PER_SEC }, { "sec", SW_NS_PER_SEC }, { "secs", SW_NS_PER_SEC },
	{ "second", SW_NS_PER_SEC }, { "seconds", SW_NS_PER_SEC }, { "秒", SW_NS_PER_SEC },
	{ "秒钟", SW_NS_PER_SEC },
	{ "m", 60 * SW_NS_PER_SEC }, { "min", 60 * SW_NS_PER_SEC }, { "mins", 60 * SW_NS_PER_SEC },
	{ "minute", 60 * SW_NS_PER_SEC }, { "minutes", 60 * SW_NS_PER_SEC },
	{ "分钟", 60 * SW_NS_PER_SEC }, { "分", 60 * SW_NS_PER_SEC },
	{ "h", 3600 * SW_NS_PER_SEC }, { "hr", 3600 * SW_NS_PER_SEC }, { "hour", 3600 * SW_NS_PER_SEC },
	{ "hours", 3600 * SW_NS_PER_SEC }, { "小时", 3600 * SW_NS_PER_SEC }, { "时", 3600 * SW_NS_PER_SEC },
	{ "d", 86400 * SW_NS_PER_SEC }, { "day", 86400 * SW_NS_PER_SEC }, { "days", 86400 * SW_NS_PER_SEC },
	{ "天", 86400 * SW_NS_PER_SEC },
	{ NULL, 0 },
};

int sw_mon_parse_duration(const char *s, bool implicit_one, uint64_t *ns, const char **why)
{
	const char *p = skip_space(s);
	uint64_t total = 0;
	unsigned parts = 0;

	*why = "a duration is a number with a unit, like 30s, 1m or 1h";
	if (*p == '\0')
		return -1;
	while (*p) {
		const struct unit *u;
		const char *end;
		double v = 1;

		if (isdigit((unsigned char)*p)) {
			char *num_end;

			errno = 0;
			v = strtod(p, &num_end);
			if (errno || !isfinite(v))
				return -1;
			p = skip_space(num_end);
			if (*p == '\0' && parts == 0) {
				/* a bare number: seconds */
				u = &time_units[4];
				end = p;
			} else if (!(u = match_unit(time_units, p, &end))) {
				*why = "unknown time unit (use ms, s, m, h or d)";
				return -1;
			}
		} else if (implicit_one && parts == 0 && (u = match_unit(time_units, p, &end))) {
			v = 1;
		} else {
			return -1;
		}
		v *= (double)u->mult;
		if (v < 0 || v > 366.0 * 86400 * SW_NS_PER_SEC) {
			*why = "duration too long";
			return -1;
		}
		total += (uint64_t)v;
		parts++;
		p = skip_space(end);
	}
	*ns = total;
	return 0;
}

static bool starts(const char *p, const char *prefix)
{
	return strncasecmp(p, prefix, strlen(prefix)) == 0;
}

/* Words that may follow the count: "5次", "5 times". */
static const char *const count_words[] = { "次", "个", "times", "time", "events", "event",
					   "calls", "call", "x", NULL };
/* What separates the count from the window: "5/min", "5 per minute", "每分钟5次" is not accepted. */
static const char *const per_words[] = { "/", "per ", "every ", "a ", "每", NULL };

int sw_mon_parse_rate(const char *s, uint64_t *threshold, uint64_t *window_ns, const char **why)
{
	const char *p = skip_space(s);
	bool ge = false;
	unsigned long long n;
	char *end;

	*why = "a threshold is a count, optionally per a window: 5, \"5/min\", \"> 100/分钟\"";
	/* a label such as "连接数" or "connections": everything before the count */
	while (*p && !isdigit((unsigned char)*p) && *p != '>' && !starts(p, "≥"))
		p++;
	if (*p == '>') {
		p++;
		if (*p == '=')
			ge = true, p++;
	} else if (starts(p, "≥")) {
		ge = true;
		p += strlen("≥");
	}
	p = skip_space(p);
	if (!isdigit((unsigned char)*p))
		return -1;
	/* "-1" or "> -3/min": the label skipping must not swallow a sign */
	for (const char *q = p; q > s;) {
		q--;
		if (*q == ' ' || *q == '\t')
			continue;
		if (*q == '-') {
			*why = "a threshold cannot be negative";
			return -1;
		}
		break;
	}
	errno = 0;
	n = strtoull(p, &end, 10);
	if (errno || n > 1000000000ull) {
		*why = "threshold too large";
		return -1;
	}
	if (*end == '.') {
		*why = "a threshold is a whole number of events";
		return -1;
	}
	if (ge && n == 0) {
		*why = "\">= 0\" is always true; use 0 to fire on every event";
		return -1;
	}
	p = skip_space(end);
	for (const char *const *w = count_words; *w; w++)
		if (starts(p, *w) && (!isalpha((unsigned char)*w[0]) || !isalpha((unsigned char)p[strlen(*w)]))) {
			p = skip_space(p + strlen(*w));
			break;
		}
	*threshold = ge ? n - 1 : n;
	*window_ns = 0;
	if (*p == '\0')
		return 0;
	for (const char *const *w = per_words; *w; w++)
		if (starts(p, *w)) {
			p = skip_space(p + strlen(*w));
			if (sw_mon_parse_duration(p, true, window_ns, why) < 0)
				return -1;
			if (*window_ns == 0) {
				*why = "the window must be longer than zero";
				return -1;
			}
			return 0;
		}
	return -1;
}

int sw_mon_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1", "y", "enabled", "enable",
					   "开启", "启用", "打开", "是", "开", NULL };
	static const char *const no[] = { "false", "no", "off", "0", "n", "disabled", "disable",
					  "关闭", "禁用", "否", "关", NULL };

	for (const char *const *w = yes; *w; w++)
		if (strcasecmp(s, *w) == 0)
			return *out = true, 0;
	for (const char *const *w = no; *w; w++)
		if (strcasecmp(s, *w) == 0)
			return *out = false, 0;
	return -1;
}

int sw_mon_parse_ratio(const char *s, double *out, const char **why)
{
	const char *p = skip_space(s);
	char *end;
	double v;

	*why = "expected a number in (0, 1], like 0.1, or a percentage like 10%";
	errno = 0;
	v = strtod(p, &end);
	if (errno || end == p || !isfinite(v))
		return -1;
	p = skip_space(end);
	if (*p == '%') {
		v /= 100;
		p = skip_space(p + 1);
	}
	if (*p != '\0')
		return -1;
	if (!(v > 0 && v <= 1))
		return -1;
	*out = v;
	return 0;
}
