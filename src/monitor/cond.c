// SPDX-License-Identifier: GPL-2.0-only
#include "monitor/cond.h"

#include <arpa/inet.h>
#include <fnmatch.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "core/syscalls.h"
#include "decode/decode.h"
#include "decode/xlat.h"
#include "monitor/cgroups.h"
#include "monitor/evfields.h"
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

/* ---- what tests share: the cgroup, the decoded arguments ------------------------- */

void sw_mon_evctx_release(struct sw_mon_evctx *x)
{
	if (!x)
		return;
	free(x->cgroup);
	sw_strbuf_release(&x->text);
	x->cgroup = NULL;
	x->cg_done = x->text_done = false;
}

const char *sw_mon_evctx_cgroup(struct sw_mon_evctx *x, const struct sw_event *ev)
{
	if (!x->cg_done) {
		const char *p = (ev->flags & SW_EVF_CONTEXT) && x->cgroups
					? sw_mon_cgroups_path(x->cgroups, ev->cgroup_id)
					: NULL;

		x->cg_done = true;
		x->container[0] = '\0';
		if (p) {
			x->cgroup = sw_xstrdup(p);
			sw_mon_container_id(p, x->container);
		}
	}
	return x->cgroup;
}

/* Names of argument types a condition may use (the signature table's words). */
static const char *const type_names[SW_T_NTYPES] = {
	[SW_T_FD] = "fd", [SW_T_DIRFD] = "dirfd", [SW_T_PID] = "pid", [SW_T_UID] = "uid",
	[SW_T_GID] = "gid", [SW_T_SIG] = "signal", [SW_T_MODE] = "mode", [SW_T_FMODE] = "mode",
	[SW_T_DEV] = "dev", [SW_T_FLAGS] = "flags", [SW_T_ENUM] = "enum", [SW_T_CLOCKID] = "clockid",
	[SW_T_PATH] = "path", [SW_T_STR] = "string", [SW_T_ARGV] = "argv", [SW_T_ENVP] = "envp",
	[SW_T_SOCKADDR] = "addr", [SW_T_SIZE] = "size", [SW_T_OFF] = "offset", [SW_T_OPEN_HOW] = "how",
	[SW_T_MSGHDR] = "msg", [SW_T_BUF_IN] = "buf",
};

bool sw_mon_arg_named(const struct sw_event *ev, unsigned i, const char *name)
{
	const struct sw_syscall *sc;
	const struct sw_arg *a;

	if (strncmp(name, "arg", 3) == 0 && name[3] >= '0' && name[3] <= '5' && !name[4])
		return (unsigned)(name[3] - '0') == i;
	sc = sw_mon_event_row(ev);
	if (!sc || sc->nargs < 0 || i >= (unsigned)sc->nargs)
		return false;
	a = &sc->args[i];
	if (a->type < SW_T_NTYPES && type_names[a->type] && strcmp(type_names[a->type], name) == 0)
		return true;
	return a->xlat && a->xlat->name && strcmp(a->xlat->name, name) == 0;
}

bool sw_mon_arg_name_known(const char *name)
{
	if (strncmp(name, "arg", 3) == 0 && name[3] >= '0' && name[3] <= '5' && !name[4])
		return true;
	for (int t = 0; t < SW_T_NTYPES; t++)
		if (type_names[t] && strcmp(type_names[t], name) == 0)
			return true;
	for (size_t r = 0; r < sw_syscall_nrows; r++)
		for (int i = 0; i < sw_syscall_rows[r].nargs && i < SW_NARGS; i++) {
			const struct sw_xlat *x = sw_syscall_rows[r].args[i].xlat;

			if (x && x->name && strcmp(x->name, name) == 0)
				return true;
		}
	return false;
}

/* Splits the decoded call "name(a, {b, c}, \"d, e\")" at its top-level commas. */
static void split_args(struct sw_mon_evctx *x)
{
	const char *t = sw_strbuf_str(&x->text), *p = strchr(t, '(');
	int depth = 0;
	bool quoted = false;
	size_t start;

	x->nshown = 0;
	if (!p)
		return;
	start = (size_t)(p + 1 - t);
	for (p++; *p && x->nshown < SW_NARGS; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = false;
			continue;
		}
		if (*p == '"') {
			quoted = true;
		} else if (*p == '(' || *p == '[' || *p == '{') {
			depth++;
		} else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0) {
			depth--;
		} else if (depth == 0 && (*p == ',' || *p == ')')) {
			size_t end = (size_t)(p - t);

			if (end > start || *p == ',') {
				x->arg_off[x->nshown] = (uint32_t)start;
				x->arg_len[x->nshown++] = (uint32_t)(end - start);
			}
			if (*p == ')')
				break;
			start = end + 1;
			while (t[start] == ' ')
				start++;
		}
	}
}

static bool test_decoded(const struct sw_mon_cond *c, const struct sw_event *ev, struct sw_mon_evctx *x)
{
	char *buf;
	bool hit = false;

	if (!x->text_done) {
		struct sw_decode_opts dec = { .strlimit = SW_DEFAULT_STRLIMIT };

		x->text_done = true;
		sw_decode_call(&x->text, ev, &dec);
		split_args(x);
	}
	buf = sw_xmalloc(x->text.len + 1);
	for (unsigned i = 0; i < x->nshown && !hit; i++) {
		if (!sw_mon_arg_named(ev, i, c->name))
			continue;
		memcpy(buf, sw_strbuf_str(&x->text) + x->arg_off[i], x->arg_len[i]);
		buf[x->arg_len[i]] = '\0';
		hit = any_glob(c->strs, c->nstrs, buf);
	}
	free(buf);
	return hit;
}

static bool test_field(const struct sw_mon_cond *c, const struct sw_event *ev, struct sw_mon_evctx *x)
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
			if (sw_cidr_has(&c->cidrs[i], family, addr))
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
	case SW_CF_DECODED:
		return test_decoded(c, ev, x);
	case SW_CF_CGROUP: {
		const char *p = sw_mon_evctx_cgroup(x, ev);

		return p && any_glob(c->strs, c->nstrs, p);
	}
	case SW_CF_CONTAINER:
		return sw_mon_evctx_cgroup(x, ev) && x->container[0] && any_glob(c->strs, c->nstrs, x->container);
	case SW_CF_ARG:
		for (size_t i = 0; i < c->nnums; i++)
			if (ev->args[c->arg] == c->nums[i] ||
			    (c->nums[i] <= UINT32_MAX && (uint32_t)ev->args[c->arg] == c->nums[i]))
				return true;
		return false;
	}
	return false;
}

static bool eval(const struct sw_mon_cond *c, const struct sw_event *ev, struct sw_mon_evctx *x)
{
	if (!c)
		return true;
	switch (c->op) {
	case SW_COND_ALL:
		for (size_t i = 0; i < c->nkids; i++)
			if (!eval(&c->kids[i], ev, x))
				return false;
		return true;
	case SW_COND_ANY:
		for (size_t i = 0; i < c->nkids; i++)
			if (eval(&c->kids[i], ev, x))
				return true;
		return false;
	case SW_COND_NOT:
		return c->nkids == 1 && !eval(&c->kids[0], ev, x);
	case SW_COND_MACRO:
		return eval(c->ref, ev, x);
	case SW_COND_TEST:
		return test_field(c, ev, x);
	}
	return false;
}

bool sw_mon_cond_eval(const struct sw_mon_cond *c, const struct sw_event *ev, struct sw_mon_evctx *x)
{
	struct sw_mon_evctx own = { 0 };
	bool r;

	if (x)
		return eval(c, ev, x);
	r = eval(c, ev, &own);
	sw_mon_evctx_release(&own);
	return r;
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
	free(c->name);
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

