/* --inject: strace's fault injection syntax, parsed into struct sw_inject. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/syscalls.h"
#include "decode/decode.h"
#include "engine/ptrace/ptrace.h"

static int errno_by_name(const char *name)
{
	long v;

	if (sw_parse_long(name, 1, 4095, &v) == 0)
		return (int)v;
	for (int e = 1; e < 4096; e++) {
		const char *n = sw_errno_name(e);

		if (!n)
			n = strerrorname_np(e);
		if (n && strcmp(n, name) == 0)
			return e;
	}
	return -1;
}

static int parse_u32(const char *s, char **end, uint32_t *out)
{
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, end, 10);
	if (errno || v == 0 || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* when=N (the Nth call only), N+ (the Nth and every one after), N+M (the Nth
 * and every Mth after it). */
static int parse_when(const char *s, struct sw_inject *in)
{
	char *end;

	if (parse_u32(s, &end, &in->first) < 0)
		return -1;
	in->step = 0;
	if (*end == '\0')
		return 0;
	if (*end != '+')
		return -1;
	if (end[1] == '\0') {
		in->step = 1;
		return 0;
	}
	if (parse_u32(end + 1, &end, &in->step) < 0 || *end)
		return -1;
	return 0;
}

static int parse_options(char *opts, const char *spec, struct sw_inject *tmpl, struct sw_err *err)
{
	bool have_ret = false;
	char *save = NULL;

	tmpl->first = 1;
	tmpl->step = 1;
	for (char *o = strtok_r(opts, ":", &save); o; o = strtok_r(NULL, ":", &save)) {
		if (strncmp(o, "error=", 6) == 0) {
			int e = errno_by_name(o + 6);

			if (e < 0)
				return sw_err_set(err, "invalid --inject '%s': unknown error '%s'", spec, o + 6);
			if (have_ret)
				return sw_err_set(err, "invalid --inject '%s': error= and retval= exclude each other", spec);
			tmpl->ret = -e;
			have_ret = true;
		} else if (strncmp(o, "retval=", 7) == 0) {
			char *end;
			long long v;

			errno = 0;
			v = strtoll(o + 7, &end, 0);
			if (errno || end == o + 7 || *end || v < 0)
				return sw_err_set(err, "invalid --inject '%s': bad retval '%s'", spec, o + 7);
			if (have_ret)
				return sw_err_set(err, "invalid --inject '%s': error= and retval= exclude each other", spec);
			tmpl->ret = v;
			have_ret = true;
		} else if (strncmp(o, "when=", 5) == 0) {
			if (parse_when(o + 5, tmpl) < 0)
				return sw_err_set(err, "invalid --inject '%s': bad when '%s'", spec, o + 5);
		} else {
			return sw_err_set(err, "invalid --inject '%s': unknown option '%s'", spec, o);
		}
	}
	if (!have_ret)
		return sw_err_set(err, "invalid --inject '%s': needs error= or retval=", spec);
	return 0;
}

int sw_inject_parse(const char *spec, struct sw_inject *inj, unsigned *n, unsigned max, struct sw_err *err)
{
	char *copy = sw_xstrdup(spec), *colon = strchr(copy, ':'), *save = NULL;
	struct sw_inject tmpl = { 0 };
	unsigned added = 0;
	int rc = -1;

	if (!colon || colon == copy) {
		sw_err_set(err, "invalid --inject '%s': expected SYSCALL:error=ERRNO or SYSCALL:retval=N", spec);
		goto out;
	}
	*colon = '\0';
	if (parse_options(colon + 1, spec, &tmpl, err) < 0)
		goto out;
	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const struct sw_syscall *sc = sw_syscall_by_name(name);

		if (!sc) {
			sw_err_set(err, "invalid --inject '%s': unknown syscall '%s'", spec, name);
			goto out;
		}
		if (*n >= max) {
			sw_err_set(err, "invalid --inject '%s': at most %u injections", spec, max);
			goto out;
		}
		tmpl.nr = sc->nr;
		inj[(*n)++] = tmpl;
		added++;
	}
	/* only commas before the colon: nothing would be injected */
	if (!added) {
		sw_err_set(err, "invalid --inject '%s': no syscall named", spec);
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}
