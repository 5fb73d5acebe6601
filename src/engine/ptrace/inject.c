// SPDX-License-Identifier: GPL-2.0-only
/* -e inject= and -e fault=: strace's syscall tampering syntax, parsed into
 * struct sw_inject (one rule per expression). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/syscalls.h"
#include "decode/decode.h"
#include "engine/ptrace/ptrace.h"

#define WHEN_MAX 65535      /* first and step: 1..65535 */
#define WHEN_LAST_MAX 65534 /* last: 1..65534 */
#define INJ_NSIG 64         /* signals 1..64 (x86-64) */
#define SPEC_SHOWN 80       /* characters of a spec an error shows */

struct inject_parse {
	const char *what; /* "inject argument" or "fault argument", as strace says */
	const char *spec;
	bool fault;       /* only error= and when= */
	struct sw_err *err;
};

__attribute__((format(printf, 2, 3))) static int bad(const struct inject_parse *p, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* a long spec (poke data) is cut, so the reason still fits the line */
	if (strlen(p->spec) > SPEC_SHOWN)
		return sw_err_set(p->err, "invalid %s '%.*s...': %s", p->what, SPEC_SHOWN, p->spec, why);
	return sw_err_set(p->err, "invalid %s '%s': %s", p->what, p->spec, why);
}

/* SIGUSR1, USR1, usr1 or a number 1..INJ_NSIG, as strace takes them */
static int signal_by_name(const char *name)
{
	long v;

	if (sw_parse_long(name, 1, INJ_NSIG, &v) == 0)
		return (int)v;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int sig = 1; sig <= INJ_NSIG; sig++) {
		const char *n = sw_signal_name(sig);

		if (n && strcasecmp(name, n + 3) == 0)
			return sig;
	}
	return -1;
}

static int parse_uint(const char *s, char **end, unsigned long max, uint16_t *out)
{
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, end, 10);
	if (errno || v == 0 || v > max)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

/* when=FIRST[..LAST][+[STEP]]: FIRST alone is that call only; a LAST or a
 * "+" without STEP means every call from FIRST (up to LAST). */
static int parse_when(const char *s, struct sw_inject *in)
{
	char *end;

	if (parse_uint(s, &end, WHEN_MAX, &in->first) < 0)
		return -1;
	in->last = 0;
	in->step = 0;
	if (end[0] == '.') {
		if (end[1] != '.' || parse_uint(end + 2, &end, WHEN_LAST_MAX, &in->last) < 0 || in->last < in->first)
			return -1;
		in->step = 1;
	}
	if (*end == '\0')
		return 0;
	if (*end != '+')
		return -1;
	in->step = 1;
	if (end[1] == '\0')
		return 0;
	return parse_uint(end + 1, &end, WHEN_MAX, &in->step) < 0 || *end ? -1 : 0;
}

/* strace's time format: a decimal number and a unit (s, ms, us, ns;
 * microseconds when none). */
static int parse_delay(const char *s, uint64_t *ns)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "", 1e3 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 }, { "ns", 1 },
	};
	char *end;
	double v;

	if ((*s < '0' || *s > '9') && *s != '.')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit) == 0) {
			v *= units[i].ns;
			if (v >= 9.2e18)
				return -1;
			*ns = (uint64_t)v;
			return 0;
		}
	}
	return -1;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* One "@argN=HEXDATA" of poke_enter=/poke_exit=, added to in->pokes. */
static int parse_poke(const struct inject_parse *p, struct sw_inject *in, const char *item, bool at_exit)
{
	const char *hex = strchr(item, '=');
	size_t n = hex ? strlen(hex + 1) : 0;
	struct sw_poke *pk;
	char *end;
	long arg;

	if (strncmp(item, "@arg", 4) != 0 || !hex || item[4] < '1' || item[4] > '9')
		return bad(p, "bad poke '%s' (@argN=DATA, N 1 to 7)", item);
	arg = strtol(item + 4, &end, 10);
	if (end != hex || arg < 1 || arg > 7)
		return bad(p, "bad poke '%s' (@argN=DATA, N 1 to 7)", item);
	if (n == 0 || n % 2 || n / 2 > SW_POKE_MAX)
		return bad(p, "bad poke data in '%.20s%s' (an even number of hex digits, 1 to %d bytes)", item,
			   strlen(item) > 20 ? "..." : "", SW_POKE_MAX);
	for (unsigned i = 0; i < in->npokes; i++)
		if (in->pokes[i].at_exit == at_exit && in->pokes[i].arg == arg)
			return bad(p, "@arg%ld is poked twice at %s", arg, at_exit ? "exit" : "entry");
	in->pokes = sw_xrealloc(in->pokes, (in->npokes + 1) * sizeof(*in->pokes));
	pk = &in->pokes[in->npokes++];
	pk->arg = (uint8_t)arg;
	pk->at_exit = at_exit;
	pk->len = (uint16_t)(n / 2);
	pk->data = sw_xcalloc(pk->len, 1);
	for (size_t i = 0; i < pk->len; i++) {
		int hi = hex_digit(hex[1 + 2 * i]), lo = hex_digit(hex[2 + 2 * i]);

		if (hi < 0 || lo < 0)
			return bad(p, "bad poke data in '%s' (hex digits)", item);
		pk->data[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* poke_enter=@argN=DATA[,@argM=DATA...] (or poke_exit=), once each per rule */
static int parse_pokes(const struct inject_parse *p, struct sw_inject *in, const char *v, bool at_exit)
{
	unsigned flag = at_exit ? SW_INJ_POKE_EXIT : SW_INJ_POKE_ENTER;
	char *copy, *save = NULL;
	int rc = 0;

	if (in->flags & flag)
		return bad(p, "%s= is given twice", at_exit ? "poke_exit" : "poke_enter");
	in->flags |= flag;
	copy = sw_xstrdup(v);
	for (char *item = strtok_r(copy, ",", &save); item && !rc; item = strtok_r(NULL, ",", &save))
		rc = parse_poke(p, in, item, at_exit);
	free(copy);
	if (!rc && !(in->npokes && in->pokes[in->npokes - 1].at_exit == at_exit))
		rc = bad(p, "%s= needs @argN=DATA", at_exit ? "poke_exit" : "poke_enter");
	return rc;
}

static int set_result(const struct inject_parse *p, struct sw_inject *in, unsigned flag, int64_t ret)
{
	if (in->flags & (SW_INJ_ERROR | SW_INJ_RETVAL))
		return bad(p, "%s", "error= and retval= exclude each other, and each is given once");
	in->flags |= flag;
	in->ret = ret;
	return 0;
}

static int parse_token(const struct inject_parse *p, const char *o, struct sw_inject *in)
{
	const char *v = strchr(o, '=');
	size_t len = v ? (size_t)(v - o) : strlen(o);

#define IS(name) (len == strlen(name) && strncmp(o, name, len) == 0)
	if (!v)
		return bad(p, "unknown option '%s'", o);
	v++;
	if (IS("when"))
		return parse_when(v, in) < 0 ? bad(p, "bad when '%s' (FIRST[..LAST][+[STEP]]: FIRST and STEP 1 to 65535, LAST FIRST to 65534)", v) : 0;
	if (IS("error")) {
		int e = sw_errno_by_name(v);

		return e < 0 ? bad(p, "unknown error '%s'", v) : set_result(p, in, SW_INJ_ERROR, -e);
	}
	if (p->fault)
		return bad(p, "unknown option '%s' (fault takes error= and when=)", o);
	if (IS("retval")) {
		char *end;
		long long r;

		errno = 0;
		r = strtoll(v, &end, 0);
		if (errno || end == v || *end || r < 0)
			return bad(p, "bad retval '%s'", v);
		return set_result(p, in, SW_INJ_RETVAL, r);
	}
	if (IS("signal")) {
		if (in->flags & SW_INJ_SIGNAL)
			return bad(p, "%s", "signal= is given twice");
		if ((in->sig = signal_by_name(v)) < 0)
			return bad(p, "unknown signal '%s'", v);
		in->flags |= SW_INJ_SIGNAL;
		return 0;
	}
	if (IS("syscall")) {
		const struct sw_syscall *sc = sw_syscall_by_name(v);

		if (in->flags & SW_INJ_SYSCALL)
			return bad(p, "%s", "syscall= is given twice");
		if (!sc)
			return bad(p, "unknown syscall '%s'", v);
		if (!(sc->classes & SW_CLASS_PURE))
			return bad(p, "syscall=%s is not a pure syscall (%%pure: getpid, gettid, getuid, ...)", v);
		in->scno = sc->nr;
		in->flags |= SW_INJ_SYSCALL;
		return 0;
	}
	if (IS("delay_enter") || IS("delay_exit")) {
		bool enter = IS("delay_enter");
		unsigned flag = enter ? SW_INJ_DELAY_ENTER : SW_INJ_DELAY_EXIT;

		if (in->flags & flag)
			return bad(p, "%s is given twice", enter ? "delay_enter=" : "delay_exit=");
		if (parse_delay(v, enter ? &in->delay_enter_ns : &in->delay_exit_ns) < 0)
			return bad(p, "bad delay '%s' (a number of microseconds, or with s, ms, us, ns)", v);
		in->flags |= flag;
		return 0;
	}
	if (IS("poke_enter") || IS("poke_exit"))
		return parse_pokes(p, in, v, IS("poke_exit"));
	return bad(p, "unknown option '%s'", o);
#undef IS
}

static int parse_rule(const struct inject_parse *p, struct sw_inject *in)
{
	char *copy = sw_xstrdup(p->spec), *colon = strchr(copy, ':'), *save = NULL;
	struct sw_err why = { 0 };
	int rc = -1;

	memset(in, 0, sizeof(*in));
	in->first = 1;
	in->step = 1;
	if (colon)
		*colon = '\0';
	if (sw_sysset_parse(&in->set, copy, &why) < 0) {
		sw_err_set(p->err, "invalid %s '%s': %s", p->what, p->spec, why.msg);
		goto out;
	}
	if (colon)
		for (char *o = strtok_r(colon + 1, ":", &save); o; o = strtok_r(NULL, ":", &save))
			if (parse_token(p, o, in) < 0)
				goto out;
	if (p->fault && !(in->flags & SW_INJ_ERROR)) {
		in->flags |= SW_INJ_ERROR;
		in->ret = -ENOSYS;
	}
	if (!(in->flags & ~SW_INJ_SYSCALL)) {
		sw_err_set(p->err,
			   "invalid %s '%s': needs error=, retval=, signal=, delay_enter=, delay_exit=, poke_enter= or "
			   "poke_exit=",
			   p->what, p->spec);
		goto out;
	}
	if ((in->flags & SW_INJ_SYSCALL) && !(in->flags & (SW_INJ_ERROR | SW_INJ_RETVAL))) {
		sw_err_set(p->err, "invalid %s '%s': syscall= needs error= or retval=", p->what, p->spec);
		goto out;
	}
	rc = 0;
out:
	free(copy);
	if (rc)
		sw_inject_release(in, 1);
	return rc;
}

void sw_inject_release(struct sw_inject *inj, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		for (unsigned k = 0; k < inj[i].npokes; k++)
			free(inj[i].pokes[k].data);
		free(inj[i].pokes);
		inj[i].pokes = NULL;
		inj[i].npokes = 0;
	}
}

static int add_rule(const struct inject_parse *p, struct sw_inject *inj, unsigned *n, unsigned max)
{
	if (*n >= max)
		return sw_err_set(p->err, "invalid %s '%s': at most %u inject and fault expressions", p->what, p->spec,
				  max);
	if (parse_rule(p, &inj[*n]) < 0)
		return -1;
	(*n)++;
	return 0;
}

int sw_inject_parse(const char *spec, struct sw_inject *inj, unsigned *n, unsigned max, struct sw_err *err)
{
	struct inject_parse p = { "inject argument", spec, false, err };

	return add_rule(&p, inj, n, max);
}

int sw_fault_parse(const char *spec, struct sw_inject *inj, unsigned *n, unsigned max, struct sw_err *err)
{
	struct inject_parse p = { "fault argument", spec, true, err };

	return add_rule(&p, inj, n, max);
}

int sw_inject_rule_of(const struct sw_inject *inj, unsigned n, int nr)
{
	for (unsigned i = n; i-- > 0;)
		if (sw_sysset_has(&inj[i].set, nr))
			return (int)i;
	return -1;
}
