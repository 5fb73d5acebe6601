#include "monitor/cond.h"

#include <arpa/inet.h>
#include <fnmatch.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "monitor/rules.h"
#include "resolve/fdinfo.h"
#include "util/error.h"

static bool any_glob(char *const *globs, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(globs[i], s, 0) == 0)
			return true;
	return false;
}

static bool any_num(const uint64_t *v, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static bool in_cidr(const struct sw_mon_cidr *c, int family, const uint8_t *addr)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	unsigned bits = c->prefix;

	if (c->family == AF_INET && family == AF_INET6 && memcmp(addr, mapped, 12) == 0) {
		addr += 12;
		family = AF_INET;
	}
	if (c->family != family)
		return false;
	for (unsigned i = 0; bits; i++) {
		unsigned take = bits < 8 ? bits : 8;
		uint8_t mask = (uint8_t)(0xff00 >> take);

		if ((addr[i] & mask) != (c->addr[i] & mask))
			return false;
		bits -= take;
	}
	return true;
}

static bool test_field(const struct sw_mon_cond *c, const struct sw_event *ev)
{
	char comm[SW_COMM_LEN];
	uint8_t addr[16];
	int family, port;

	switch (c->field) {
	case SW_CF_COMM:
	case SW_CF_PCOMM:
		if (c->field == SW_CF_PCOMM && !(ev->flags & SW_EVF_CONTEXT))
			return false;
		memcpy(comm, c->field == SW_CF_COMM ? ev->comm : ev->pcomm, SW_COMM_LEN);
		comm[SW_COMM_LEN - 1] = '\0';
		return any_glob(c->strs, c->nstrs, comm);
	case SW_CF_ACOMM:
		if (!(ev->flags & SW_EVF_CONTEXT))
			return false;
		for (int i = -1; i < SW_ANCESTORS; i++) {
			memcpy(comm, i < 0 ? ev->pcomm : ev->acomm[i], SW_COMM_LEN);
			comm[SW_COMM_LEN - 1] = '\0';
			if (comm[0] && any_glob(c->strs, c->nstrs, comm))
				return true;
		}
		return false;
	case SW_CF_PATH: {
		size_t len;
		const char *p = sw_mon_event_path(ev, &len);
		char *buf = sw_xmalloc(SW_FDPATH_MAX + 1);
		bool hit = false;

		/* as written, or as resolved (absolute, normalised) */
		if (p && len <= SW_FDPATH_MAX) {
			memcpy(buf, p, len);
			buf[len] = '\0';
			hit = strlen(buf) == len && any_glob(c->strs, c->nstrs, buf);
		}
		if (!hit && sw_mon_event_resolved(ev, buf, SW_FDPATH_MAX + 1) >= 0)
			hit = any_glob(c->strs, c->nstrs, buf);
		free(buf);
		return hit;
	}
	case SW_CF_FILE:
		for (size_t i = 0; i + 1 < c->nnums; i += 2)
			if (sw_mon_event_touches_file(ev, c->nums[i], c->nums[i + 1]))
				return true;
		return false;
	case SW_CF_USER:
		return any_num(c->nums, c->nnums, sw_mon_event_caller(ev));
	case SW_CF_EUID:
		return ev->flags & SW_EVF_CONTEXT ? any_num(c->nums, c->nnums, ev->enter_euid) : false;
	case SW_CF_FAILED:
		return !!sw_mon_event_failed(ev) == c->flag;
	case SW_CF_DEST:
		if (sw_mon_event_inet(ev, &family, addr, &port) < 0)
			return false;
		for (size_t i = 0; i < c->ncidrs; i++)
			if (in_cidr(&c->cidrs[i], family, addr))
				return true;
		return false;
	case SW_CF_PORT:
		if (sw_mon_event_inet(ev, &family, addr, &port) < 0)
			return false;
		for (size_t i = 0; i < c->nnums; i++)
			if ((uint64_t)port >= c->nums[i] >> 16 && (uint64_t)port <= (c->nums[i] & 0xffff))
				return true;
		return false;
	case SW_CF_EXE:
		if (!(ev->flags & SW_EVF_CONTEXT) || !ev->exe_ino)
			return false;
		for (size_t i = 0; i + 1 < c->nnums; i += 2)
			if (ev->exe_dev == c->nums[i] && ev->exe_ino == c->nums[i + 1])
				return true;
		return false;
	case SW_CF_EXE_DIR:
		if (!(ev->flags & SW_EVF_CONTEXT))
			return false;
		for (int d = 0; d < SW_EXE_DIRS && ev->exe_dir_ino[d]; d++)
			for (size_t i = 0; i + 1 < c->nnums; i += 2)
				if (ev->exe_dir_dev[d] == c->nums[i] && ev->exe_dir_ino[d] == c->nums[i + 1])
					return true;
		return false;
	case SW_CF_EXE_DELETED:
		if (!(ev->flags & SW_EVF_CONTEXT) || !ev->exe_ino)
			return false;
		return (ev->exe_nlink == 0) == c->flag;
	case SW_CF_ARG:
		for (size_t i = 0; i < c->nnums; i++)
			if (ev->args[c->arg] == c->nums[i] ||
			    (c->nums[i] <= UINT32_MAX && (uint32_t)ev->args[c->arg] == c->nums[i]))
				return true;
		return false;
	}
	return false;
}

bool sw_mon_cond_eval(const struct sw_mon_cond *c, const struct sw_event *ev)
{
	if (!c)
		return true;
	switch (c->op) {
	case SW_COND_ALL:
		for (size_t i = 0; i < c->nkids; i++)
			if (!sw_mon_cond_eval(&c->kids[i], ev))
				return false;
		return true;
	case SW_COND_ANY:
		for (size_t i = 0; i < c->nkids; i++)
			if (sw_mon_cond_eval(&c->kids[i], ev))
				return true;
		return false;
	case SW_COND_NOT:
		return c->nkids == 1 && !sw_mon_cond_eval(&c->kids[0], ev);
	case SW_COND_MACRO:
		return sw_mon_cond_eval(c->ref, ev);
	case SW_COND_TEST:
		return test_field(c, ev);
	}
	return false;
}

void sw_mon_cond_release(struct sw_mon_cond *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nkids; i++)
		sw_mon_cond_release(&c->kids[i]);
	free(c->kids);
	for (size_t i = 0; i < c->nstrs; i++)
		free(c->strs[i]);
	free(c->strs);
	free(c->nums);
	free(c->cidrs);
	memset(c, 0, sizeof(*c));
}

int sw_mon_cond_add_file(struct sw_mon_cond *c, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	c->nums = sw_xrealloc(c->nums, (c->nnums + 2) * sizeof(*c->nums));
	/* as the kernel encodes it (what the event carries) */
	c->nums[c->nnums++] = (uint64_t)major(st.st_dev) << 20 | minor(st.st_dev);
	c->nums[c->nnums++] = st.st_ino;
	return 0;
}

int sw_mon_cidr_parse(const char *s, struct sw_mon_cidr *out)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t hlen = slash ? (size_t)(slash - s) : strlen(s);
	long prefix;

	if (hlen == 0 || hlen >= sizeof(host))
		return -1;
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, host, out->addr) == 1)
		out->family = AF_INET;
	else if (inet_pton(AF_INET6, host, out->addr) == 1)
		out->family = AF_INET6;
	else
		return -1;
	prefix = out->family == AF_INET ? 32 : 128;
	if (slash && sw_parse_long(slash + 1, 0, prefix, &prefix) < 0)
		return -1;
	out->prefix = (uint8_t)prefix;
	return 0;
}
