// SPDX-License-Identifier: GPL-2.0-only
/* Loads the monitor's YAML config with libyaml's document API, so every
 * error can name the file, line and column it comes from.
 *
 * The schema accepts English keys and the Chinese keys of the article the
 * project started from ("监控配置: 系统调用过滤: - 包含: [...]"), including
 * its habit of writing a section as a list of one-key maps. Unknown keys are
 * errors: a typo must not silently disable a filter. */
#include "monitor/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "core/syscalls.h"
#include "monitor/value.h"
#include "util/strbuf.h"

#define MAX_VISITS 200000 /* nodes looked at: bounds what aliases can multiply */
#define MAX_ITEMS 4096    /* entries in one list */
#define MAX_DEPTH 64      /* nested mappings and lists; a config needs about 6 */

struct loader {
	const char *file;
	yaml_document_t *doc;
	struct sw_mon_config *cfg;
	struct sw_err *err;
	unsigned long visits;
	bool include_given, rules_given, builtin_given;
	bool builtin_all;
	bool builtin_pick[32];
	yaml_node_t *builtin_node;
	yaml_node_t *memory_node, *buffer_node;
	yaml_node_t **rule_nodes; /* where each rule was defined */
	size_t nrule_nodes;       /* rules defined in the file (built-ins added after have none) */
	yaml_node_t *exclude_node, *outputs_node, *verify_node;
	/* sections loaded after the others, in this order: lists, macros, rules */
	yaml_node_t *lists_node, *macros_node, *rules_node;
	struct sw_mon_strs *lists; /* lists: name -> values */
	char **list_names;
	size_t nlists;
	bool in_macros;
};

/* ---- messages --------------------------------------------------------------- */

static int fail_at(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(struct loader *l, const yaml_mark_t *m, const char *fmt, ...)
{
	char msg[SW_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sw_err_set(l->err, "%s:%zu:%zu: %s", l->file, m->line + 1, m->column + 1, msg);
}

#define fail(l, node, ...) fail_at((l), &(node)->start_mark, __VA_ARGS__)

static void strs_push(struct sw_mon_strs *s, char *str)
{
	s->v = sw_xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n++] = str;
}

static void warn(struct loader *l, yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(struct loader *l, yaml_node_t *n, const char *fmt, ...)
{
	struct sw_strbuf sb = SW_STRBUF_INIT;
	va_list ap;

	if (n)
		sw_strbuf_printf(&sb, "%s:%zu:%zu: ", l->file, n->start_mark.line + 1, n->start_mark.column + 1);
	else
		sw_strbuf_printf(&sb, "%s: ", l->file);
	va_start(ap, fmt);
	sw_strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	strs_push(&l->cfg->warnings, sw_xstrdup(sw_strbuf_str(&sb)));
	sw_strbuf_release(&sb);
}

/* ---- nodes -------------------------------------------------------------------- */

static yaml_node_t *node_at(struct loader *l, int index)
{
	return yaml_document_get_node(l->doc, index);
}

static bool is_null(const yaml_node_t *n)
{
	const char *v;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	v = (const char *)n->data.scalar.value;
	return *v == '\0' || strcmp(v, "~") == 0 || strcasecmp(v, "null") == 0;
}

static int visit(struct loader *l, yaml_node_t *n)
{
	if (++l->visits > MAX_VISITS)
		return fail(l, n, "the config is too large (more than %d values, counting aliases)", MAX_VISITS);
	return 0;
}

/* The text of a scalar node, or NULL after an error naming what was expected. */
static const char *scalar(struct loader *l, yaml_node_t *n, const char *what)
{
	if (visit(l, n) < 0)
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		fail(l, n, "%s must be a single value, not a %s", what,
		     n->type == YAML_MAPPING_NODE ? "mapping" : "list");
		return NULL;
	}
	if (strlen((const char *)n->data.scalar.value) != n->data.scalar.length) {
		fail(l, n, "%s contains a NUL byte", what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

/* ---- keys ----------------------------------------------------------------------- */

#define MAX_NAMES 8

/* A key and its spellings; names[0] is the one messages use. */
struct keydef {
	int id;
	const char *names[MAX_NAMES];
};

static const struct keydef *find_key(const struct keydef *defs, const char *key)
{
	for (const struct keydef *d = defs; d->names[0]; d++)
		for (int i = 0; i < MAX_NAMES && d->names[i]; i++)
			if (strcasecmp(key, d->names[i]) == 0)
				return d;
	return NULL;
}

typedef int (*field_fn)(struct loader *l, int id, yaml_node_t *key, yaml_node_t *val, void *ctx);

/* Calls fn for each key of a section. A section is a mapping, or (as the
 * article writes it) a list of mappings whose keys are merged. A key may
 * appear once. */
static int walk_maps(struct loader *l, yaml_node_t *const *maps, size_t nmaps, const char *section,
		     const struct keydef *defs, field_fn fn, void *ctx);

static int walk_section(struct loader *l, yaml_node_t *node, const char *section, const struct keydef *defs,
			field_fn fn, void *ctx)
{
	yaml_node_item_t *item;
	yaml_node_t *maps[MAX_ITEMS];
	size_t nmaps = 0;

	if (node->type == YAML_MAPPING_NODE) {
		maps[nmaps++] = node;
	} else if (node->type == YAML_SEQUENCE_NODE) {
		for (item = node->data.sequence.items.start; item < node->data.sequence.items.top; item++) {
			yaml_node_t *m = node_at(l, *item);

			if (visit(l, m) < 0)
				return -1;
			if (m->type != YAML_MAPPING_NODE)
				return fail(l, m, "the entries of %s must be 'key: value' mappings", section);
			if (nmaps == MAX_ITEMS)
				return fail(l, m, "%s has too many entries", section);
			maps[nmaps++] = m;
		}
	} else if (is_null(node)) {
		return 0;
	} else {
		return fail(l, node, "%s must be a mapping of keys to values", section);
	}
	return walk_maps(l, maps, nmaps, section, defs, fn, ctx);
}

/* The keys of several mappings as one section: a key may appear once in all. */
static int walk_maps(struct loader *l, yaml_node_t *const *maps, size_t nmaps, const char *section,
		     const struct keydef *defs, field_fn fn, void *ctx)
{
	uint64_t seen = 0;

	for (size_t i = 0; i < nmaps; i++) {
		yaml_node_pair_t *p;

		for (p = maps[i]->data.mapping.pairs.start; p < maps[i]->data.mapping.pairs.top; p++) {
			yaml_node_t *k = node_at(l, p->key), *v = node_at(l, p->value);
			const struct keydef *d;
			const char *name;

			if (!(name = scalar(l, k, "a key")))
				return -1;
			if (!(d = find_key(defs, name)))
				return fail(l, k, "unknown key '%s' in %s", name, section);
			if (seen & (1ull << d->id))
				return fail(l, k, "'%s' is given twice in %s", d->names[0], section);
			seen |= 1ull << d->id;
			if (visit(l, v) < 0 || fn(l, d->id, k, v, ctx) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- values ---------------------------------------------------------------------- */

typedef int (*item_fn)(struct loader *l, yaml_node_t *n, const char *s, void *ctx);

/* Calls fn for each entry of a list: a YAML list of values, or one value
 * with entries separated by commas. Entries are trimmed; empty ones skipped. */
static int each_item(struct loader *l, yaml_node_t *n, const char *what, item_fn fn, void *ctx)
{
	yaml_node_t *items[MAX_ITEMS];
	size_t nitems = 0;

	if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			if (nitems == MAX_ITEMS)
				return fail(l, n, "%s has more than %d entries", what, MAX_ITEMS);
			items[nitems++] = node_at(l, *it);
		}
	} else if (is_null(n)) {
		return 0;
	} else {
		items[nitems++] = n;
	}
	for (size_t i = 0; i < nitems; i++) {
		const char *s = scalar(l, items[i], what);
		char *copy, *save = NULL;
		int rc = 0;

		if (!s)
			return -1;
		copy = sw_xstrdup(s);
		for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
			char *end;

			while (*tok == ' ' || *tok == '\t' || *tok == '\n')
				tok++;
			end = tok + strlen(tok);
			while (end > tok && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
				*--end = '\0';
			if (*tok)
				rc = fn(l, items[i], tok, ctx);
		}
		free(copy);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int get_bool(struct loader *l, yaml_node_t *n, const char *what, bool *out)
{
	const char *s = scalar(l, n, what);

	if (!s)
		return -1;
	if (sw_mon_parse_bool(s, out) < 0)
		return fail(l, n, "%s must be true or false (or on/off, 开启/关闭), not '%s'", what, s);
	return 0;
}

static int get_size(struct loader *l, yaml_node_t *n, const char *what, uint64_t *out)
{
	const char *s = scalar(l, n, what), *why;

	if (!s)
		return -1;
	if (sw_mon_parse_size(s, out, &why) < 0)
		return fail(l, n, "%s: '%s': %s", what, s, why);
	return 0;
}

static int get_duration(struct loader *l, yaml_node_t *n, const char *what, uint64_t *out)
{
	const char *s = scalar(l, n, what), *why;

	if (!s)
		return -1;
	if (sw_mon_parse_duration(s, false, out, &why) < 0)
		return fail(l, n, "%s: '%s': %s", what, s, why);
	if (*out == 0)
		return fail(l, n, "%s must be longer than zero", what);
	return 0;
}

/* An optional absolute path: NULL for null, "off" or "none". */
static int get_path(struct loader *l, yaml_node_t *n, const char *what, char **out)
{
	struct stat st;
	const char *s;

	free(*out);
	*out = NULL;
	if (is_null(n))
		return 0;
	if (!(s = scalar(l, n, what)))
		return -1;
	if (strcasecmp(s, "off") == 0 || strcasecmp(s, "none") == 0 || strcasecmp(s, "false") == 0)
		return 0;
	if (s[0] != '/')
		return fail(l, n, "%s must be an absolute path, not '%s'", what, s);
	if (stat(s, &st) == 0 && S_ISDIR(st.st_mode))
		return fail(l, n, "%s '%s' is a directory, not a file", what, s);
	*out = sw_xstrdup(s);
	return 0;
}

/* ---- syscall sets --------------------------------------------------------------- */

static void sysset_or(struct sw_sysset *dst, const struct sw_sysset *src)
{
	for (size_t i = 0; i < SW_NR_MAX / 64; i++)
		dst->bits[i] |= src->bits[i];
}

static void sysset_andnot(struct sw_sysset *dst, const struct sw_sysset *src)
{
	for (size_t i = 0; i < SW_NR_MAX / 64; i++)
		dst->bits[i] &= ~src->bits[i];
}

static int add_syscalls(struct loader *l, yaml_node_t *n, const char *s, void *ctx)
{
	struct sw_sysset *set = ctx, one;
	struct sw_err e;

	if (s[0] == '!')
		return fail(l, n, "'%s': list syscalls to leave out under exclude instead of with '!'", s);
	if (sw_sysset_parse(&one, s, &e) < 0)
		return fail(l, n, "%s", e.msg);
	sysset_or(set, &one);
	return 0;
}

static int get_syscalls(struct loader *l, yaml_node_t *n, const char *what, struct sw_sysset *set)
{
	sw_sysset_clear(set);
	return each_item(l, n, what, add_syscalls, set);
}

/* ---- users and commands ------------------------------------------------------------- */

struct uid_ctx {
	struct sw_mon_uids *uids;
	const char *what;
};

static int resolve_user(const char *name, uint32_t *uid)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	long v;

	if (sw_parse_long(name, 0, 4294967294L, &v) == 0) {
		*uid = (uint32_t)v;
		return 0;
	}
	if (getpwnam_r(name, &pw, buf, sizeof(buf), &res) != 0 || !res)
		return -1;
	*uid = res->pw_uid;
	return 0;
}

static int add_user(struct loader *l, yaml_node_t *n, const char *s, void *ctx)
{
	struct uid_ctx *c = ctx;
	uint32_t uid;

	if (resolve_user(s, &uid) < 0) {
		warn(l, n, "warning: user '%s' in %s does not exist on this system; it is left out", s, c->what);
		return 0;
	}
	for (size_t i = 0; i < c->uids->n; i++)
		if (c->uids->v[i] == uid)
			return 0;
	c->uids->v = sw_xrealloc(c->uids->v, (c->uids->n + 1) * sizeof(uint32_t));
	c->uids->v[c->uids->n++] = uid;
	return 0;
}

/* Resolves user names (or numbers) to uids. A name that does not exist is a
 * warning, not an error: an example pasted from elsewhere names users this
 * machine may not have. An include list none of whose users exist is an
 * error, since it would otherwise silently widen to everybody. */
static int get_users(struct loader *l, yaml_node_t *n, const char *what, struct sw_mon_uids *uids, bool include)
{
	struct uid_ctx c = { uids, what };
	bool listed = false;

	free(uids->v);
	uids->v = NULL;
	uids->n = 0;
	if (each_item(l, n, what, add_user, &c) < 0)
		return -1;
	if (n->type == YAML_SEQUENCE_NODE)
		listed = n->data.sequence.items.top > n->data.sequence.items.start;
	else
		listed = !is_null(n) && n->data.scalar.length > 0;
	if (include && listed && uids->n == 0)
		return fail(l, n, "none of the users in %s exist on this system", what);
	return 0;
}

static int add_comm(struct loader *l, yaml_node_t *n, const char *s, void *ctx)
{
	struct sw_mon_strs *comms = ctx;
	char comm[SW_COMM_LEN];

	if (strlen(s) >= SW_COMM_LEN)
		warn(l, n, "warning: the kernel keeps %d bytes of a command name: '%s' is matched as '%.*s'",
		     SW_COMM_LEN - 1, s, SW_COMM_LEN - 1, s);
	snprintf(comm, sizeof(comm), "%s", s);
	strs_push(comms, sw_xstrdup(comm));
	return 0;
}

static void strs_free(struct sw_mon_strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static int get_comms(struct loader *l, yaml_node_t *n, const char *what, struct sw_mon_strs *comms)
{
	strs_free(comms);
	return each_item(l, n, what, add_comm, comms);
}

static int add_string(struct loader *l, yaml_node_t *n, const char *s, void *ctx)
{
	strs_push(ctx, sw_xstrdup(s));
	return 0;
}

/* ---- syscalls: ------------------------------------------------------------------- */

enum { K_INCLUDE, K_EXCLUDE };

static const struct keydef syscall_keys[] = {
	{ K_INCLUDE, { "include", "包含" } },
	{ K_EXCLUDE, { "exclude", "排除" } },
	{ 0, { NULL } },
};

static int syscall_field(struct loader *l, int id, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
	struct sw_mon_config *c = l->cfg;

	switch (id) {
	case K_INCLUDE:
		l->include_given = !is_null(v);
		return get_syscalls(l, v, "syscalls.include", &c->record);
	case K_EXCLUDE:
		l->exclude_node = v;
		return get_syscalls(l, v, "syscalls.exclude", &c->exclude);
	}
	return 0;
}

/* ---- processes: ------------------------------------------------------------------ */

enum { K_USERS, K_XUSERS, K_COMMS, K_XCOMMS };

static const struct keydef process_keys[] = {
	{ K_USERS, { "users", "user", "用户" } },
	{ K_XUSERS, { "exclude_users", "exclude_user", "排除用户" } },
	{ K_COMMS, { "comms", "comm", "进程名", "命令" } },
	{ K_XCOMMS, { "exclude_comms", "exclude_comm", "排除进程名", "排除命令" } },
	{ 0, { NULL } },
};

static int process_field(struct loader *l, int id, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
	struct sw_mon_config *c = l->cfg;

	switch (id) {
	case K_USERS:
		return get_users(l, v, "processes.users", &c->users, true);
	case K_XUSERS:
		return get_users(l, v, "processes.exclude_users", &c->exclude_users, false);
	case K_COMMS:
		return get_comms(l, v, "processes.comms", &c->comms);
	case K_XCOMMS:
		return get_comms(l, v, "processes.exclude_comms", &c->exclude_comms);
	}
	return 0;
}

/* ---- performance: ----------------------------------------------------------------- */

enum { K_SAMPLE, K_BUFFER, K_BATCH, K_FLUSH, K_LOSTRATIO, K_LOSTINTERVAL };

static const struct keydef perf_keys[] = {
	{ K_SAMPLE, { "sample_rate", "sampling", "采样率" } },
	{ K_BUFFER, { "buffer_size", "ring_buffer_size", "缓冲区大小" } },
	{ K_BATCH, { "batching", "batch", "事件批处理", "批处理" } },
	{ K_FLUSH, { "flush_interval", "batch_flush_interval", "刷新间隔" } },
	{ K_LOSTRATIO, { "lost_warn_ratio", "丢失告警比例" } },
	{ K_LOSTINTERVAL, { "lost_report_interval", "丢失统计间隔" } },
	{ 0, { NULL } },
};

static int perf_field(struct loader *l, int id, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
	struct sw_mon_config *c = l->cfg;
	const char *s, *why;

	switch (id) {
	case K_SAMPLE:
		if (!(s = scalar(l, v, "performance.sample_rate")))
			return -1;
		if (sw_mon_parse_ratio(s, &c->sample_rate, &why) < 0)
			return fail(l, v, "performance.sample_rate: '%s': %s", s, why);
		c->sample_every = (uint32_t)lround(1.0 / c->sample_rate);
		if (fabs(1.0 / c->sample_rate - c->sample_every) > 0.01 * c->sample_every)
			warn(l, v, "warning: sampling keeps one event in %u, a rate of %.4g rather than %g",
			     c->sample_every, 1.0 / c->sample_every, c->sample_rate);
		return 0;
	case K_BUFFER:
		l->buffer_node = v;
		return get_size(l, v, "performance.buffer_size", &c->buffer_size);
	case K_BATCH:
		return get_bool(l, v, "performance.batching", &c->batching);
	case K_FLUSH:
		return get_duration(l, v, "performance.flush_interval", &c->flush_interval_ns);
	case K_LOSTRATIO:
		if (!(s = scalar(l, v, "performance.lost_warn_ratio")))
			return -1;
		if (sw_mon_parse_ratio(s, &c->lost_warn_ratio, &why) < 0)
			return fail(l, v, "performance.lost_warn_ratio: '%s': %s", s, why);
		return 0;
	case K_LOSTINTERVAL:
		return get_duration(l, v, "performance.lost_report_interval", &c->lost_report_interval_ns);
	}
	return 0;
}

/* ---- limits: ------------------------------------------------------------------------ */

enum { K_MEMORY, K_PROGSIZE, K_VERIFIER };

static const struct keydef limit_keys[] = {
	{ K_MEMORY, { "memory_limit", "内存限制" } },
	{ K_PROGSIZE, { "max_program_size", "最大程序大小" } },
	{ K_VERIFIER, { "verifier_level", "验证器级别" } },
	{ 0, { NULL } },
};

static int limit_field(struct loader *l, int id, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
	static const struct {
		const char *name;
		unsigned level;
	} levels[] = {
		{ "off", SW_VERIFIER_OFF }, { "0", SW_VERIFIER_OFF }, { "关闭", SW_VERIFIER_OFF },
		{ "normal", SW_VERIFIER_NORMAL }, { "1", SW_VERIFIER_NORMAL }, { "普通", SW_VERIFIER_NORMAL },
		{ "标准", SW_VERIFIER_NORMAL }, { "正常", SW_VERIFIER_NORMAL },
		{ "strict", SW_VERIFIER_STRICT }, { "2", SW_VERIFIER_STRICT }, { "严格", SW_VERIFIER_STRICT },
	};
	struct sw_mon_config *c = l->cfg;
	const char *s;

	switch (id) {
	case K_MEMORY:
		l->memory_node = v;
		return get_size(l, v, "limits.memory_limit", &c->memory_limit);
	case K_PROGSIZE:
		if (get_size(l, v, "limits.max_program_size", &c->max_program_size) < 0)
			return -1;
		if (c->max_program_size < 4096)
			return fail(l, v, "limits.max_program_size must be at least 4KB");
		return 0;
	case K_VERIFIER:
		if (!(s = scalar(l, v, "limits.verifier_level")))
			return -1;
		for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			if (strcasecmp(s, levels[i].name) == 0) {
				c->verifier_level = levels[i].level;
				return 0;
			}
		return fail(l, v, "limits.verifier_level must be off, normal or strict, not '%s'", s);
	}
	return 0;
}

/* ---- outputs: ----------------------------------------------------------------------- */

enum { K_EVENTS, K_ALERTS, K_STDOUT, K_SYSLOG, K_SYSLOGSOCK, K_METRICS, K_MAXSIZE, K_KEEP, K_VERIFYDIR, K_MAXVERIFY };

static const struct keydef output_keys[] = {
	{ K_EVENTS, { "events", "events_file", "事件文件", "事件" } },
	{ K_ALERTS, { "alerts", "alerts_file", "告警文件", "告警" } },
	{ K_STDOUT, { "stdout", "标准输出" } },
	{ K_SYSLOG, { "syslog", "系统日志" } },
	{ K_SYSLOGSOCK, { "syslog_socket" } },
	{ K_METRICS, { "metrics", "metrics_listen", "指标", "指标地址" } },
	{ K_MAXSIZE, { "events_max_size", "max_size", "事件文件大小上限" } },
	{ K_KEEP, { "events_keep", "keep", "保留文件数" } },
	{ K_VERIFYDIR, { "verify_dir", "验证日志目录" } },
	{ K_MAXVERIFY, { "max_verifications", "最大验证数" } },
	{ 0, { NULL } },
};

/* "127.0.0.1:9464", "[::1]:9464", "localhost:9464": loopback only, since the
 * endpoint has no authentication. Port 0 takes any free port. */
static int parse_metrics_addr(struct loader *l, yaml_node_t *n, const char *s)
{
	struct sw_mon_config *c = l->cfg;
	char host[128];
	const char *colon;
	long port;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (!close || close[1] != ':' || (size_t)(close - s - 1) >= sizeof(host))
			return fail(l, n, "outputs.metrics: '%s' is not an address like [::1]:9464", s);
		snprintf(host, sizeof(host), "%.*s", (int)(close - s - 1), s + 1);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon || (size_t)(colon - s) >= sizeof(host))
			return fail(l, n, "outputs.metrics: '%s' is not an address like 127.0.0.1:9464", s);
		snprintf(host, sizeof(host), "%.*s", (int)(colon - s), s);
	}
	if (sw_parse_long(colon + 1, 0, 65535, &port) < 0)
		return fail(l, n, "outputs.metrics: '%s' has no valid port", s);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof(host), "127.0.0.1");

	memset(&c->metrics_sa, 0, sizeof(c->metrics_sa));
	struct sockaddr_in *sin = (struct sockaddr_in *)&c->metrics_sa;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&c->metrics_sa;

	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		if ((ntohl(sin->sin_addr.s_addr) >> 24) != 127)
			return fail(l, n, "outputs.metrics: %s is not a loopback address (the endpoint has "
				    "no authentication; use 127.0.0.1 or ::1)", host);
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		c->metrics_salen = sizeof(*sin);
	} else if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		if (!IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr))
			return fail(l, n, "outputs.metrics: %s is not a loopback address (the endpoint has "
				    "no authentication; use 127.0.0.1 or ::1)", host);
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		c->metrics_salen = sizeof(*sin6);
	} else {
		return fail(l, n, "outputs.metrics: '%s' is not an IP address", host);
	}
	c->metrics_addr = sw_xstrdup(s);
	return 0;
}

static int output_field(struct loader *l, int id, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
	struct sw_mon_config *c = l->cfg;
	const char *s;

	switch (id) {
	case K_EVENTS:
		return get_path(l, v, "outputs.events", &c->events_path);
	case K_ALERTS:
		return get_path(l, v, "outputs.alerts", &c->alerts_path);
	case K_STDOUT:
		return get_bool(l, v, "outputs.stdout", &c->alerts_stdout);
	case K_SYSLOG:
		return get_bool(l, v, "outputs.syslog", &c->syslog);
	case K_SYSLOGSOCK:
		if (get_path(l, v, "outputs.syslog_socket", &c->syslog_socket) < 0)
			return -1;
		if (!c->syslog_socket)
			return fail(l, v, "outputs.syslog_socket must be a path");
		return 0;
	case K_METRICS:
		free(c->metrics_addr);
		c->metrics_addr = NULL;
		if (is_null(v))
			return 0;
		if (!(s = scalar(l, v, "outputs.metrics")))
			return -1;
		if (strcasecmp(s, "off") == 0 || strcasecmp(s, "none") == 0 || strcasecmp(s, "false") == 0)
			return 0;
		return parse_metrics_addr(l, v, s);
	case K_MAXSIZE:
		if (get_size(l, v, "outputs.events_max_size", &c->events_max_size) < 0)
			return -1;
		if (c->events_max_size && c->events_max_size < SW_MON_MIN_ROTATE)
			return fail(l, v, "outputs.events_max_size must be 0 (no rotation) or at least 64KB");
		return 0;
	case K_KEEP: {
		long n;

		if (!(s = scalar(l, v, "outputs.events_keep")))
			return -1;
		if (sw_parse_long(s, 1, 1000, &n) < 0)
			return fail(l, v, "outputs.events_keep must be a number of files from 1 to 1000, not '%s'", s);
		c->events_keep = (unsigned)n;
		return 0;
	}
	case K_VERIFYDIR: {
		struct stat st;

		free(c->verify_dir);
		c->verify_dir = NULL;
		if (!(s = scalar(l, v, "outputs.verify_dir")))
			return -1;
		if (s[0] != '/')
			return fail(l, v, "outputs.verify_dir must be an absolute path, not '%s'", s);
		if (stat(s, &st) < 0 || !S_ISDIR(st.st_mode))
			return fail(l, v, "outputs.verify_dir '%s' is not a directory", s);
		c->verify_dir = sw_xstrdup(s);
		return 0;
	}
	case K_MAXVERIFY: {
		long n;

		if (!(s = scalar(l, v, "outputs.max_verifications")))
			return -1;
		if (sw_parse_long(s, 1, 64, &n) < 0)
			return fail(l, v, "outputs.max_verifications must be 1 to 64, not '%s'", s);
		c->max_verifications = (unsigned)n;
		return 0;
	}
	}
	return 0;
}

/* ---- conditions ------------------------------------------------------------------ */

/* A condition is a mapping of tests, all of which must hold:
 *   {comm: [curl, wget], not: {user: root}, any: [{port: 22}, {dest: 10.0.0.0/8}]}
 * a list of conditions (all of them), or a macro's name. */
#define MAX_COND_DEPTH 16

static int parse_number(const char *s, uint64_t *out);

enum {
	C_ALL, C_ANY, C_NOT, C_MACRO, C_COMM, C_PCOMM, C_PATH, C_USER, C_EUID, C_FAILED, C_DEST, C_PORT,
	C_ARG0, C_ARG1, C_ARG2, C_ARG3, C_ARG4, C_ARG5, C_EXE, C_EXE_DIR, C_EXE_DELETED, C_FILE, C_ACOMM,
	C_DECODED, C_CGROUP, C_CONTAINER,
};

static const struct keydef cond_keys[] = {
	{ C_ALL, { "all", "全部" } },
	{ C_ANY, { "any", "任一" } },
	{ C_NOT, { "not", "非" } },
	{ C_MACRO, { "macro", "宏" } },
	{ C_COMM, { "comm", "comms", "进程名" } },
	{ C_PCOMM, { "parent_comm", "parent_comms", "父进程名" } },
	{ C_PATH, { "path", "paths", "路径" } },
	{ C_USER, { "user", "users", "用户" } },
	{ C_EUID, { "euid", "effective_user", "有效用户" } },
	{ C_FAILED, { "failed", "失败" } },
	{ C_DEST, { "dest", "destination", "目标地址" } },
	{ C_PORT, { "port", "ports", "端口" } },
	{ C_ARG0, { "arg0" } }, { C_ARG1, { "arg1" } }, { C_ARG2, { "arg2" } },
	{ C_ARG3, { "arg3" } }, { C_ARG4, { "arg4" } }, { C_ARG5, { "arg5" } },
	{ C_EXE, { "exe", "program", "程序" } },
	{ C_EXE_DIR, { "exe_dir", "program_dir", "程序目录" } },
	{ C_EXE_DELETED, { "exe_deleted", "program_deleted", "程序已删除" } },
	{ C_FILE, { "file", "files", "文件" } },
	{ C_ACOMM, { "ancestor_comm", "ancestor_comms", "祖先进程名" } },
	{ C_DECODED, { "decoded", "decoded_args", "解码参数" } },
	{ C_CGROUP, { "cgroup", "cgroups", "控制组" } },
	{ C_CONTAINER, { "container", "container_id", "容器" } },
	{ 0, { NULL } },
};

static int parse_cond(struct loader *l, yaml_node_t *n, unsigned depth, struct sw_mon_cond *out);

static const struct sw_mon_strs *find_list(struct loader *l, const char *name)
{
	for (size_t i = 0; i < l->nlists; i++)
		if (strcmp(l->list_names[i], name) == 0)
			return &l->lists[i];
	return NULL;
}

/* An entry that names a list (lists:) stands for the list's entries. */
static int add_value(struct loader *l, yaml_node_t *n, const char *s, void *ctx)
{
	const struct sw_mon_strs *list = find_list(l, s);

	if (!list) {
		strs_push(ctx, sw_xstrdup(s));
		return 0;
	}
	for (size_t i = 0; i < list->n; i++)
		strs_push(ctx, sw_xstrdup(list->v[i]));
	return 0;
}

static int cond_values(struct loader *l, yaml_node_t *v, const char *what, struct sw_mon_strs *out)
{
	if (each_item(l, v, what, add_value, out) < 0)
		return -1;
	if (out->n == 0)
		return fail(l, v, "%s needs at least one value", what);
	return 0;
}

static void push_num(struct sw_mon_cond *c, uint64_t v)
{
	c->nums = sw_xrealloc(c->nums, (c->nnums + 1) * sizeof(*c->nums));
	c->nums[c->nnums++] = v;
}

/* The values of one test, by kind: globs, users, networks, ports, numbers. */
static int cond_test(struct loader *l, int id, const char *key, yaml_node_t *v, struct sw_mon_cond *out)
{
	static const uint8_t fields[] = {
		[C_COMM] = SW_CF_COMM, [C_PCOMM] = SW_CF_PCOMM, [C_PATH] = SW_CF_PATH, [C_USER] = SW_CF_USER,
		[C_EUID] = SW_CF_EUID, [C_DEST] = SW_CF_DEST, [C_PORT] = SW_CF_PORT, [C_ACOMM] = SW_CF_ACOMM,
		[C_CGROUP] = SW_CF_CGROUP, [C_CONTAINER] = SW_CF_CONTAINER,
	};
	struct sw_mon_strs vals = { NULL, 0 };
	int rc = 0;

	out->op = SW_COND_TEST;
	if (id == C_FAILED || id == C_EXE_DELETED) {
		out->field = id == C_FAILED ? SW_CF_FAILED : SW_CF_EXE_DELETED;
		return get_bool(l, v, key, &out->flag);
	}
	if (cond_values(l, v, key, &vals) < 0) {
		strs_free(&vals);
		return -1;
	}
	if (id == C_EXE || id == C_EXE_DIR || id == C_FILE) {
		/* by identity: the files are looked up now (and on every reload) */
		out->field = id == C_EXE ? SW_CF_EXE : id == C_EXE_DIR ? SW_CF_EXE_DIR : SW_CF_FILE;
		for (size_t i = 0; i < vals.n; i++)
			if (sw_mon_cond_add_file(out, vals.v[i]) < 0)
				warn(l, v, "warning: %s '%s' cannot be looked up (%s); it is left out", key, vals.v[i],
				     strerror(errno));
		strs_free(&vals);
		if (out->nnums == 0)
			return fail(l, v, "none of the files in %s exist on this system", key);
		return 0;
	}
	out->field = id >= C_ARG0 && id <= C_ARG5 ? SW_CF_ARG : fields[id];
	out->arg = id >= C_ARG0 && id <= C_ARG5 ? (uint8_t)(id - C_ARG0) : 0;
	for (size_t i = 0; i < vals.n && rc == 0; i++) {
		const char *s = vals.v[i];
		uint32_t uid;
		uint64_t num;
		long lo, hi;
		char *dash;

		switch (out->field) {
		case SW_CF_COMM:
		case SW_CF_PCOMM:
		case SW_CF_ACOMM:
		case SW_CF_PATH:
		case SW_CF_CGROUP:
		case SW_CF_CONTAINER:
			out->strs = sw_xrealloc(out->strs, (out->nstrs + 1) * sizeof(*out->strs));
			out->strs[out->nstrs++] = sw_xstrdup(s);
			break;
		case SW_CF_USER:
		case SW_CF_EUID:
			if (resolve_user(s, &uid) < 0)
				warn(l, v, "warning: user '%s' in %s does not exist on this system; it is left out", s,
				     key);
			else
				push_num(out, uid);
			break;
		case SW_CF_DEST:
			out->cidrs = sw_xrealloc(out->cidrs, (out->ncidrs + 1) * sizeof(*out->cidrs));
			if (sw_cidr_parse(s, &out->cidrs[out->ncidrs]) < 0)
				rc = fail(l, v, "%s: '%s' is not an address or network (10.0.0.0/8, fd00::/8)", key, s);
			else
				out->ncidrs++;
			break;
		case SW_CF_PORT:
			dash = strchr(s, '-');
			if (dash) {
				char lo_s[16];

				snprintf(lo_s, sizeof(lo_s), "%.*s", (int)(dash - s), s);
				if (sw_parse_long(lo_s, 0, 65535, &lo) < 0 || sw_parse_long(dash + 1, lo, 65535, &hi) < 0)
					rc = fail(l, v, "%s: '%s' is not a port or a range (22, 1000-2000)", key, s);
			} else if (sw_parse_long(s, 0, 65535, &lo) < 0) {
				rc = fail(l, v, "%s: '%s' is not a port or a range (22, 1000-2000)", key, s);
			} else {
				hi = lo;
			}
			if (rc == 0)
				push_num(out, (uint64_t)lo << 16 | (uint64_t)hi);
			break;
		case SW_CF_ARG:
			if (parse_number(s, &num) < 0)
				rc = fail(l, v, "%s must be numbers, not '%s'", key, s);
			else
				push_num(out, num);
			break;
		}
	}
	strs_free(&vals);
	if (rc == 0 && (out->field == SW_CF_USER || out->field == SW_CF_EUID) && out->nnums == 0)
		rc = fail(l, v, "none of the users in %s exist on this system", key);
	return rc;
}

static const struct sw_mon_cond *find_macro(struct loader *l, const char *name)
{
	for (size_t i = 0; i < l->cfg->nmacros; i++)
		if (strcmp(l->cfg->macros[i].name, name) == 0)
			return &l->cfg->macros[i].cond;
	return NULL;
}

static int cond_macro(struct loader *l, yaml_node_t *v, struct sw_mon_cond *out)
{
	const char *s = scalar(l, v, "a macro name");

	if (!s)
		return -1;
	if (!(out->ref = find_macro(l, s)))
		return fail(l, v, "no macro is named '%s'%s", s,
			    l->in_macros ? " (a macro may use only the macros defined before it)" : "");
	out->op = SW_COND_MACRO;
	return 0;
}

/* decoded: {flags: "*O_CREAT*", signal: SIGKILL}: each named argument's
 * decoded text matches one of its globs (all of the names). */
static int cond_decoded(struct loader *l, yaml_node_t *v, struct sw_mon_cond *out)
{
	size_t n;

	if (v->type != YAML_MAPPING_NODE)
		return fail(l, v, "decoded takes a mapping of argument names to globs ({flags: \"*O_CREAT*\"})");
	n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
	if (n == 0)
		return fail(l, v, "decoded needs at least one argument name");
	out->op = SW_COND_ALL;
	out->kids = sw_xcalloc(n, sizeof(*out->kids));
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key), *g = node_at(l, p->value);
		struct sw_mon_cond *kid = &out->kids[out->nkids++];
		struct sw_mon_strs vals = { NULL, 0 };
		const char *name = scalar(l, k, "an argument name");

		if (!name || visit(l, g) < 0)
			return -1;
		if (!sw_mon_arg_name_known(name))
			return fail(l, k, "decoded: no syscall has an argument named '%s' (arg0..arg5, fd, dirfd, path, "
				    "flags, mode, pid, uid, gid, signal, addr, size, ... or a flag table's name)", name);
		if (cond_values(l, g, name, &vals) < 0) {
			strs_free(&vals);
			return -1;
		}
		kid->op = SW_COND_TEST;
		kid->field = SW_CF_DECODED;
		kid->name = sw_xstrdup(name);
		kid->strs = vals.v;
		kid->nstrs = vals.n;
	}
	return 0;
}

static int cond_pair(struct loader *l, yaml_node_t *k, yaml_node_t *v, unsigned depth, struct sw_mon_cond *out)
{
	const char *key = scalar(l, k, "a condition");
	const struct keydef *d;

	if (!key || visit(l, v) < 0)
		return -1;
	if (!(d = find_key(cond_keys, key)))
		return fail(l, k, "unknown condition '%s' (all, any, not, macro, comm, parent_comm, path, user, "
			    "ancestor_comm, euid, failed, dest, port, arg0..arg5, exe, exe_dir, exe_deleted, file, "
			    "decoded, cgroup, container)", key);
	switch (d->id) {
	case C_ALL:
	case C_ANY:
		if (v->type != YAML_SEQUENCE_NODE)
			return fail(l, v, "'%s' takes a list of conditions", key);
		if (parse_cond(l, v, depth + 1, out) < 0)
			return -1;
		out->op = d->id == C_ALL ? SW_COND_ALL : SW_COND_ANY;
		return 0;
	case C_NOT:
		out->op = SW_COND_NOT;
		out->kids = sw_xcalloc(1, sizeof(*out->kids));
		out->nkids = 1;
		return parse_cond(l, v, depth + 1, &out->kids[0]);
	case C_MACRO:
		return cond_macro(l, v, out);
	case C_DECODED:
		return cond_decoded(l, v, out);
	default:
		return cond_test(l, d->id, key, v, out);
	}
}

static int parse_cond(struct loader *l, yaml_node_t *n, unsigned depth, struct sw_mon_cond *out)
{
	memset(out, 0, sizeof(*out));
	if (depth > MAX_COND_DEPTH)
		return fail(l, n, "conditions nest deeper than %d levels", MAX_COND_DEPTH);
	if (visit(l, n) < 0)
		return -1;
	if (n->type == YAML_SCALAR_NODE)
		return cond_macro(l, n, out);
	out->op = SW_COND_ALL;
	if (n->type == YAML_SEQUENCE_NODE) {
		size_t cnt = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);

		out->kids = sw_xcalloc(cnt ? cnt : 1, sizeof(*out->kids));
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
			if (parse_cond(l, node_at(l, *it), depth + 1, &out->kids[out->nkids++]) < 0)
				return -1;
		return 0;
	}
	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "a condition must be a mapping of tests, a list of conditions or a macro's name");
	if (n->data.mapping.pairs.top - n->data.mapping.pairs.start == 1) {
		yaml_node_pair_t *p = n->data.mapping.pairs.start;

		return cond_pair(l, node_at(l, p->key), node_at(l, p->value), depth, out);
	}
	out->kids = sw_xcalloc((size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start) + 1,
			       sizeof(*out->kids));
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
		if (cond_pair(l, node_at(l, p->key), node_at(l, p->value), depth + 1, &out->kids[out->nkids++]) < 0)
			return -1;
	return 0;
}

/* lists: {shells: [bash, sh, zsh]}: a name used as a value in a condition
 * stands for the list. */
static int load_lists(struct loader *l, yaml_node_t *n)
{
	if (is_null(n))
		return 0;
	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "lists must map names to lists of values");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key), *v = node_at(l, p->value);
		const char *name = scalar(l, k, "a list name");
		struct sw_mon_strs items = { NULL, 0 };

		if (!name || visit(l, v) < 0)
			return -1;
		if (find_list(l, name))
			return fail(l, k, "list '%s' is defined twice", name);
		/* a list may name lists defined before it */
		if (each_item(l, v, "a list", add_value, &items) < 0) {
			strs_free(&items);
			return -1;
		}
		l->lists = sw_xrealloc(l->lists, (l->nlists + 1) * sizeof(*l->lists));
		l->list_names = sw_xrealloc(l->list_names, (l->nlists + 1) * sizeof(*l->list_names));
		l->lists[l->nlists] = items;
		l->list_names[l->nlists++] = sw_xstrdup(name);
	}
	return 0;
}

/* macros: {from_shell: {parent_comm: [shells]}}: conditions rules name. */
static int load_macros(struct loader *l, yaml_node_t *n)
{
	struct sw_mon_config *c = l->cfg;
	size_t cnt;

	if (is_null(n))
		return 0;
	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "macros must map names to conditions");
	cnt = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	/* allocated once: rules point into it */
	c->macros = sw_xcalloc(cnt ? cnt : 1, sizeof(*c->macros));
	l->in_macros = true;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key), *v = node_at(l, p->value);
		const char *name = scalar(l, k, "a macro name");
		struct sw_mon_macro *m;

		if (!name)
			return -1;
		if (find_macro(l, name))
			return fail(l, k, "macro '%s' is defined twice", name);
		m = &c->macros[c->nmacros];
		if (parse_cond(l, v, 0, &m->cond) < 0) {
			sw_mon_cond_release(&m->cond);
			return -1;
		}
		m->name = sw_xstrdup(name);
		c->nmacros++;
	}
	l->in_macros = false;
	return 0;
}

static int get_cond(struct loader *l, yaml_node_t *v, struct sw_mon_cond **out)
{
	if (*out) {
		sw_mon_cond_release(*out);
		free(*out);
	}
	*out = sw_xcalloc(1, sizeof(**out));
	return parse_cond(l, v, 0, *out);
}

/* exceptions: a list of conditions; an event matching any is not counted. */
static int get_exceptions(struct loader *l, yaml_node_t *v, struct sw_mon_rule *r)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return fail(l, v, "exceptions must be a list of conditions");
	return get_cond(l, v, &r->exceptions) < 0 ? -1 : (r->exceptions->op = SW_COND_ANY, 0);
}

/* ---- rules ----------------------------------------------------------------------- */

enum {
	R_NAME, R_ENABLED, R_DESC, R_SYSCALLS, R_COMMS, R_XCOMMS, R_USERS, R_XUSERS, R_PATHS,
	R_FAILED, R_TOROOT, R_ARGS, R_THRESHOLD, R_WINDOW, R_KEY, R_SEVERITY, R_COND, R_EXCEPT, R_ACTION,
	R_VERIFY_SECS,
};

static const struct keydef rule_keys[] = {
	{ R_NAME, { "name", "rule", "规则", "名称" } },
	{ R_ENABLED, { "enabled", "启用" } },
	{ R_DESC, { "description", "描述" } },
	{ R_SYSCALLS, { "syscalls", "syscall", "系统调用" } },
	{ R_COMMS, { "comms", "comm", "进程名" } },
	{ R_XCOMMS, { "exclude_comms", "exclude_comm", "排除进程名" } },
	{ R_USERS, { "users", "user", "用户" } },
	{ R_XUSERS, { "exclude_users", "exclude_user", "排除用户" } },
	{ R_PATHS, { "path_prefixes", "path_prefix", "paths", "路径前缀", "路径" } },
	{ R_FAILED, { "failed_only", "仅失败" } },
	{ R_TOROOT, { "to_root" } },
	{ R_ARGS, { "args", "参数" } },
	{ R_THRESHOLD, { "threshold", "阈值" } },
	{ R_WINDOW, { "window", "窗口", "时间窗口" } },
	{ R_KEY, { "key", "by", "per", "键", "按" } },
	{ R_SEVERITY, { "severity", "level", "级别", "严重性" } },
	{ R_COND, { "condition", "when", "条件" } },
	{ R_EXCEPT, { "exceptions", "exception", "except", "例外" } },
	{ R_ACTION, { "action", "动作", "响应" } },
	{ R_VERIFY_SECS, { "verify_seconds", "验证时长" } },
	{ 0, { NULL } },
};

struct rule_ctx {
	struct sw_mon_rule *rule;
	bool enabled;
	yaml_node_t *threshold_node, *window_node;
	uint64_t rate_window_ns, window_ns;
	bool syscalls_given;
};

static int parse_severity(const char *s, uint8_t *out)
{
	static const struct {
		const char *name;
		uint8_t sev;
	} names[] = {
		{ "info", SW_SEV_INFO }, { "notice", SW_SEV_INFO }, { "low", SW_SEV_INFO },
		{ "信息", SW_SEV_INFO }, { "提示", SW_SEV_INFO }, { "低", SW_SEV_INFO },
		{ "warning", SW_SEV_WARNING }, { "warn", SW_SEV_WARNING }, { "medium", SW_SEV_WARNING },
		{ "警告", SW_SEV_WARNING }, { "中", SW_SEV_WARNING },
		{ "critical", SW_SEV_CRITICAL }, { "crit", SW_SEV_CRITICAL }, { "high", SW_SEV_CRITICAL },
		{ "danger", SW_SEV_CRITICAL }, { "危险", SW_SEV_CRITICAL }, { "严重", SW_SEV_CRITICAL },
		{ "紧急", SW_SEV_CRITICAL }, { "高", SW_SEV_CRITICAL },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0)
			return *out = names[i].sev, 0;
	return -1;
}

static int parse_keyby(const char *s, uint8_t *out)
{
	static const struct {
		const char *name;
		uint8_t key;
	} names[] = {
		{ "process", SW_KEY_PROCESS }, { "pid", SW_KEY_PROCESS }, { "进程", SW_KEY_PROCESS },
		{ "user", SW_KEY_USER }, { "uid", SW_KEY_USER }, { "用户", SW_KEY_USER },
		{ "comm", SW_KEY_COMM }, { "command", SW_KEY_COMM }, { "进程名", SW_KEY_COMM },
		{ "命令", SW_KEY_COMM },
		{ "global", SW_KEY_GLOBAL }, { "all", SW_KEY_GLOBAL }, { "全局", SW_KEY_GLOBAL },
		{ "parent", SW_KEY_PARENT }, { "ppid", SW_KEY_PARENT }, { "父进程", SW_KEY_PARENT },
		{ "session", SW_KEY_SESSION }, { "sid", SW_KEY_SESSION }, { "会话", SW_KEY_SESSION },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0)
			return *out = names[i].key, 0;
	return -1;
}

static int parse_number(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	if (*s == '-' || *s == '\0')
		return -1;
	*out = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

/* args: {0: [16, 0x4206]} — the argument at that index is one of the values. */
static int get_args(struct loader *l, yaml_node_t *n, struct sw_mon_rule *r)
{
	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "args must map argument indexes to values, like {0: [16, 0x4206]}");
	r->nargs = 0;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key), *v = node_at(l, p->value);
		struct sw_mon_argcond *a;
		const char *s;
		long idx;

		if (!(s = scalar(l, k, "an argument index")))
			return -1;
		if (sw_parse_long(s, 0, SW_NARGS - 1, &idx) < 0)
			return fail(l, k, "argument index must be 0 to %d, not '%s'", SW_NARGS - 1, s);
		for (unsigned i = 0; i < r->nargs; i++)
			if (r->args[i].index == idx)
				return fail(l, k, "argument %ld is given twice", idx);
		a = &r->args[r->nargs++];
		a->index = (uint8_t)idx;
		a->n = 0;
		yaml_node_t *items[SW_MON_MAX_ARGVALS];
		size_t ni = 0;

		if (v->type == YAML_SEQUENCE_NODE) {
			for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
				if (ni == SW_MON_MAX_ARGVALS)
					return fail(l, v, "at most %d values per argument", SW_MON_MAX_ARGVALS);
				items[ni++] = node_at(l, *it);
			}
		} else {
			items[ni++] = v;
		}
		if (ni == 0)
			return fail(l, v, "argument %ld needs at least one value", idx);
		for (size_t i = 0; i < ni; i++) {
			if (!(s = scalar(l, items[i], "an argument value")))
				return -1;
			if (parse_number(s, &a->values[a->n++]) < 0)
				return fail(l, items[i], "argument value must be a number, not '%s'", s);
		}
	}
	return 0;
}

static int rule_field(struct loader *l, int id, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
	struct rule_ctx *rc = ctx;
	struct sw_mon_rule *r = rc->rule;
	const char *s, *why;
	uint64_t thr, win;

	switch (id) {
	case R_NAME:
		return 0; /* read before the other keys */
	case R_ENABLED:
		return get_bool(l, v, "enabled", &rc->enabled);
	case R_DESC:
		if (!(s = scalar(l, v, "description")))
			return -1;
		free(r->description);
		r->description = sw_xstrdup(s);
		return 0;
	case R_SYSCALLS:
		rc->syscalls_given = true;
		if (get_syscalls(l, v, "syscalls", &r->syscalls) < 0)
			return -1;
		if (sw_sysset_count(&r->syscalls) == 0)
			return fail(l, v, "a rule needs at least one syscall");
		return 0;
	case R_COMMS:
		return get_comms(l, v, "comms", &r->comms);
	case R_XCOMMS:
		return get_comms(l, v, "exclude_comms", &r->exclude_comms);
	case R_USERS:
		return get_users(l, v, "users", &r->users, true);
	case R_XUSERS:
		return get_users(l, v, "exclude_users", &r->exclude_users, false);
	case R_PATHS:
		strs_free(&r->path_prefixes);
		return each_item(l, v, "path_prefixes", add_string, &r->path_prefixes);
	case R_FAILED:
		return get_bool(l, v, "failed_only", &r->failed_only);
	case R_TOROOT:
		return get_bool(l, v, "to_root", &r->to_root);
	case R_ARGS:
		return get_args(l, v, r);
	case R_COND:
		return get_cond(l, v, &r->cond);
	case R_EXCEPT:
		return get_exceptions(l, v, r);
	case R_ACTION:
		if (!(s = scalar(l, v, "action")))
			return -1;
		if (strcasecmp(s, "alert") == 0 || strcmp(s, "告警") == 0)
			r->action = SW_ACT_ALERT;
		else if (strcasecmp(s, "verify") == 0 || strcmp(s, "验证") == 0)
			r->action = SW_ACT_VERIFY;
		else if (strcasecmp(s, "kill") == 0 || strcmp(s, "终止") == 0)
			r->action = SW_ACT_KILL;
		else
			return fail(l, v, "action must be alert, verify or kill (告警, 验证, 终止), not '%s'", s);
		if (r->action == SW_ACT_VERIFY)
			l->verify_node = v;
		return 0;
	case R_VERIFY_SECS: {
		long n;

		if (!(s = scalar(l, v, "verify_seconds")))
			return -1;
		if (sw_parse_long(s, 1, SW_MON_MAX_VERIFY_SECONDS, &n) < 0)
			return fail(l, v, "verify_seconds must be 1 to %d, not '%s'", SW_MON_MAX_VERIFY_SECONDS, s);
		r->verify_seconds = (unsigned)n;
		return 0;
	}
	case R_THRESHOLD:
		if (!(s = scalar(l, v, "threshold")))
			return -1;
		if (sw_mon_parse_rate(s, &thr, &win, &why) < 0)
			return fail(l, v, "threshold '%s': %s", s, why);
		if (thr > SW_MON_MAX_THRESHOLD)
			return fail(l, v, "threshold %llu is above the largest supported, %u",
				    (unsigned long long)thr, SW_MON_MAX_THRESHOLD);
		r->threshold = thr;
		rc->threshold_node = v;
		rc->rate_window_ns = win;
		return 0;
	case R_WINDOW:
		rc->window_node = v;
		return get_duration(l, v, "window", &rc->window_ns);
	case R_KEY:
		if (!(s = scalar(l, v, "key")))
			return -1;
		if (parse_keyby(s, &r->key) < 0)
			return fail(l, v, "key must be process, parent, session, user, comm or global, not '%s'", s);
		return 0;
	case R_SEVERITY:
		if (!(s = scalar(l, v, "severity")))
			return -1;
		if (parse_severity(s, &r->severity) < 0)
			return fail(l, v, "severity must be info, warning or critical (信息, 警告, 危险), not '%s'", s);
		return 0;
	}
	return 0;
}

static void rule_free(struct sw_mon_rule *r)
{
	free(r->name);
	free(r->group);
	free(r->description);
	strs_free(&r->comms);
	strs_free(&r->exclude_comms);
	strs_free(&r->path_prefixes);
	free(r->users.v);
	free(r->exclude_users.v);
	sw_mon_cond_release(r->cond);
	free(r->cond);
	sw_mon_cond_release(r->exceptions);
	free(r->exceptions);
}

static struct sw_mon_cond *cond_add_kid(struct sw_mon_cond *parent, uint8_t op, uint8_t field)
{
	struct sw_mon_cond *k;

	parent->kids = sw_xrealloc(parent->kids, (parent->nkids + 1) * sizeof(*parent->kids));
	k = &parent->kids[parent->nkids++];
	memset(k, 0, sizeof(*k));
	k->op = op;
	k->field = field;
	return k;
}

static void cond_add_globs(struct sw_mon_cond *c, const char *const *globs, const char *suffix)
{
	for (const char *const *p = globs; *p; p++) {
		size_t n = strlen(*p) + strlen(suffix) + 1;

		c->strs = sw_xrealloc(c->strs, (c->nstrs + 1) * sizeof(*c->strs));
		c->strs[c->nstrs] = sw_xmalloc(n);
		snprintf(c->strs[c->nstrs++], n, "%s%s", *p, suffix);
	}
}

/* A built-in rule's condition and exceptions, from the table's fields. Files
 * that do not exist on this system are left out silently: the table names
 * programs a distribution may not ship. */
static void builtin_cond(struct sw_mon_rule *r, const struct sw_mon_builtin *b)
{
	static const char *const bindirs[] = { "/usr/sbin", "/usr/bin", "/sbin", "/bin" };
	struct sw_mon_cond *c = sw_xcalloc(1, sizeof(*c)), *k;

	c->op = SW_COND_ALL;
	if (b->succeeded_only)
		cond_add_kid(c, SW_COND_TEST, SW_CF_FAILED)->flag = false;
	if (b->paths) {
		/* the files themselves (hard links, bind mounts, /proc/PID/root,
		 * any spelling), or their paths (resolved, or as written) */
		struct sw_mon_cond *any = cond_add_kid(c, SW_COND_ANY, 0);

		k = cond_add_kid(any, SW_COND_TEST, SW_CF_FILE);
		for (const char *const *p = b->paths; *p; p++)
			sw_mon_cond_add_file(k, *p);
		cond_add_globs(cond_add_kid(any, SW_COND_TEST, SW_CF_PATH), b->paths, "");
	}
	if (b->exe_dirs) {
		struct sw_mon_cond *any = cond_add_kid(c, SW_COND_ANY, 0);

		k = cond_add_kid(any, SW_COND_TEST, SW_CF_EXE_DIR);
		for (const char *const *p = b->exe_dirs; *p; p++)
			sw_mon_cond_add_file(k, *p);
		cond_add_globs(cond_add_kid(any, SW_COND_TEST, SW_CF_PATH), b->exe_dirs, "/*");
	}
	if (b->exe_deleted)
		cond_add_kid(c, SW_COND_TEST, SW_CF_EXE_DELETED)->flag = true;
	r->cond = c;
	if (b->exempt_exes) {
		r->exceptions = sw_xcalloc(1, sizeof(*r->exceptions));
		r->exceptions->op = SW_COND_ANY;
		k = cond_add_kid(r->exceptions, SW_COND_TEST, SW_CF_EXE);
		for (const char *const *p = b->exempt_exes; *p; p++) {
			for (size_t i = 0; i < sizeof(bindirs) / sizeof(bindirs[0]); i++) {
				char path[256];

				snprintf(path, sizeof(path), "%s/%s", bindirs[i], *p);
				sw_mon_cond_add_file(k, path); /* the same file twice (/bin -> /usr/bin) is harmless */
			}
		}
	}
}

static void rule_from_builtin(struct sw_mon_rule *r, const struct sw_mon_builtin *b)
{
	struct sw_err e;

	r->builtin = true;
	r->description = sw_xstrdup(b->description);
	if (sw_sysset_parse(&r->syscalls, b->syscalls, &e) < 0)
		sw_sysset_clear(&r->syscalls); /* cannot happen: the table names real syscalls */
	for (const char *const *p = b->path_prefixes; p && *p; p++)
		strs_push(&r->path_prefixes, sw_xstrdup(*p));
	for (const char *const *p = b->exclude_comms; p && *p; p++)
		strs_push(&r->exclude_comms, sw_xstrdup(*p));
	if (b->exclude_root) {
		r->exclude_users.v = sw_xcalloc(1, sizeof(uint32_t));
		r->exclude_users.n = 1;
	}
	r->to_root = b->to_root;
	builtin_cond(r, b);
	if (b->arg_index >= 0) {
		r->nargs = 1;
		r->args[0].index = (uint8_t)b->arg_index;
		r->args[0].n = (uint8_t)b->narg_values;
		memcpy(r->args[0].values, b->arg_values, sizeof(b->arg_values));
	}
	r->threshold = b->threshold;
	r->window_ns = (uint64_t)b->window_s * SW_NS_PER_SEC;
	r->key = b->key;
	r->severity = b->severity;
}

static struct sw_mon_rule *new_rule(struct loader *l, yaml_node_t *where)
{
	struct sw_mon_config *c = l->cfg;

	c->rules = sw_xrealloc(c->rules, (c->nrules + 1) * sizeof(*c->rules));
	l->rule_nodes = sw_xrealloc(l->rule_nodes, (c->nrules + 1) * sizeof(*l->rule_nodes));
	l->rule_nodes[c->nrules] = where;
	l->nrule_nodes = c->nrules + 1;
	memset(&c->rules[c->nrules], 0, sizeof(c->rules[0]));
	return &c->rules[c->nrules++];
}

/* The builtin a rule stands for (by its name or its alias), or NULL. */
static const struct sw_mon_builtin *rule_builtin(const struct sw_mon_rule *r)
{
	return r->builtin ? sw_mon_builtin_by_name(r->name) : NULL;
}

/* One rule: a mapping, possibly named by the key it was listed under. */
static int load_rule(struct loader *l, yaml_node_t *n, const char *group, yaml_node_t *name_node)
{
	struct sw_mon_config *c = l->cfg;
	struct rule_ctx rc = { .enabled = true };
	const struct sw_mon_builtin *b;
	const char *name = NULL;

	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "a rule must be a mapping with at least a name (规则)");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key);
		const struct keydef *d;

		if (k->type == YAML_SCALAR_NODE && (d = find_key(rule_keys, (const char *)k->data.scalar.value)) &&
		    d->id == R_NAME) {
			if (name_node)
				return fail(l, k, "this rule is already named by its key");
			name_node = node_at(l, p->value);
		}
	}
	if (!name_node)
		return fail(l, n, "a rule needs a name (name: or 规则:)");
	if (!(name = scalar(l, name_node, "a rule name")))
		return -1;
	if (*name == '\0')
		return fail(l, name_node, "a rule name cannot be empty");
	if (c->nrules >= SW_MON_MAX_RULES)
		return fail(l, n, "more than %d rules", SW_MON_MAX_RULES);

	b = sw_mon_builtin_by_name(name);
	for (size_t i = 0; i < c->nrules; i++) {
		const struct sw_mon_builtin *ob = rule_builtin(&c->rules[i]);

		if (strcmp(c->rules[i].name, name) == 0 || (b && ob == b)) {
			yaml_node_t *prev = l->rule_nodes[i];

			return fail(l, name_node, "rule '%s' is defined twice (first at line %zu)", name,
				    prev->start_mark.line + 1);
		}
	}
	rc.rule = new_rule(l, name_node);
	rc.rule->name = sw_xstrdup(name);
	rc.rule->group = group ? sw_xstrdup(group) : NULL;
	rc.rule->window_ns = 60 * SW_NS_PER_SEC;
	rc.rule->severity = SW_SEV_WARNING;
	rc.rule->key = SW_KEY_PROCESS;
	rc.rule->verify_seconds = SW_MON_VERIFY_SECONDS;
	if (b)
		rule_from_builtin(rc.rule, b);

	if (walk_section(l, n, "a rule", rule_keys, rule_field, &rc) < 0)
		return -1;
	if (!b && !rc.syscalls_given)
		return fail(l, name_node, "rule '%s' is not a built-in rule, so it needs syscalls (built-ins: "
			    "mass-file-deletion, abnormal-network-connections, shadow-file-read, "
			    "exec-from-temp-dir, exec-deleted-binary, setid-to-root, ptrace-attach)", name);
	if (rc.rate_window_ns && rc.window_ns && rc.rate_window_ns != rc.window_ns)
		return fail(l, rc.window_node, "the window differs from the one the threshold gives");
	if (rc.rate_window_ns)
		rc.rule->window_ns = rc.rate_window_ns;
	else if (rc.window_ns)
		rc.rule->window_ns = rc.window_ns;
	if (!rc.enabled) {
		/* validated, then dropped; its name still counts as listed */
		rule_free(rc.rule);
		memset(rc.rule, 0, sizeof(*rc.rule));
		rc.rule->name = sw_xstrdup(name);
		rc.rule->builtin = b != NULL;
		rc.rule->threshold = UINT64_MAX; /* marks a disabled entry, removed at the end */
	}
	return 0;
}

/* rules: a list of rules; or a mapping of groups (名称: [rules]) and of
 * named rules (name: {fields}). */
static int load_rules(struct loader *l, yaml_node_t *n)
{
	l->rules_given = true;
	if (is_null(n))
		return 0;
	if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			yaml_node_t *r = node_at(l, *it);

			if (visit(l, r) < 0 || load_rule(l, r, NULL, NULL) < 0)
				return -1;
		}
		return 0;
	}
	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "rules must be a list of rules, or a mapping of groups to lists of rules");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key), *v = node_at(l, p->value);
		const char *key = scalar(l, k, "a rule group or name");

		if (!key || visit(l, v) < 0)
			return -1;
		if (v->type == YAML_SEQUENCE_NODE) {
			for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
				yaml_node_t *r = node_at(l, *it);

				if (visit(l, r) < 0 || load_rule(l, r, key, NULL) < 0)
					return -1;
			}
		} else if (v->type == YAML_MAPPING_NODE) {
			if (load_rule(l, v, NULL, k) < 0)
				return -1;
		} else {
			return fail(l, v, "'%s' must be a list of rules (a group) or a rule's fields", key);
		}
	}
	return 0;
}

static int add_builtin_pick(struct loader *l, yaml_node_t *n, const char *s, void *ctx)
{
	const struct sw_mon_builtin *b;

	if (strcasecmp(s, "all") == 0 || strcmp(s, "全部") == 0) {
		l->builtin_all = true;
		return 0;
	}
	if (strcasecmp(s, "none") == 0 || strcmp(s, "无") == 0)
		return 0;
	if (!(b = sw_mon_builtin_by_name(s)))
		return fail(l, n, "no built-in rule is named '%s'", s);
	l->builtin_pick[b - sw_mon_builtins] = true;
	return 0;
}

/* ---- the top level ------------------------------------------------------------------ */

enum { T_SYSCALLS, T_PROCESSES, T_PERF, T_LIMITS, T_RULES, T_BUILTIN, T_OUTPUTS, T_WRAPPER, T_LISTS, T_MACROS };

static const struct keydef top_keys[] = {
	{ T_SYSCALLS, { "syscalls", "系统调用过滤" } },
	{ T_PROCESSES, { "processes", "进程过滤" } },
	{ T_PERF, { "performance", "性能设置" } },
	{ T_LIMITS, { "limits", "安全限制" } },
	{ T_RULES, { "rules", "alert_rules", "告警规则" } },
	{ T_BUILTIN, { "builtin_rules", "内置规则" } },
	{ T_OUTPUTS, { "outputs", "output", "输出" } },
	{ T_WRAPPER, { "monitor", "监控配置" } },
	{ T_LISTS, { "lists", "列表" } },
	{ T_MACROS, { "macros", "宏" } },
	{ 0, { NULL } },
};

static int top_field(struct loader *l, int id, yaml_node_t *k, yaml_node_t *v, void *ctx)
{
	switch (id) {
	case T_SYSCALLS:
		return walk_section(l, v, "syscalls", syscall_keys, syscall_field, NULL);
	case T_PROCESSES:
		return walk_section(l, v, "processes", process_keys, process_field, NULL);
	case T_PERF:
		return walk_section(l, v, "performance", perf_keys, perf_field, NULL);
	case T_LIMITS:
		return walk_section(l, v, "limits", limit_keys, limit_field, NULL);
	case T_RULES: /* after lists and macros, which rules use */
		l->rules_node = v;
		return 0;
	case T_LISTS:
		l->lists_node = v;
		return 0;
	case T_MACROS:
		l->macros_node = v;
		return 0;
	case T_BUILTIN:
		l->builtin_given = true;
		l->builtin_node = v;
		return each_item(l, v, "builtin_rules", add_builtin_pick, NULL);
	case T_OUTPUTS:
		l->outputs_node = v;
		return walk_section(l, v, "outputs", output_keys, output_field, NULL);
	case T_WRAPPER: /* its sections are walked with the top level's (load_document) */
		return 0;
	}
	return 0;
}

static void set_defaults(struct sw_mon_config *c)
{
	sw_sysset_fill(&c->record);
	sw_sysset_clear(&c->exclude);
	c->sample_rate = 1.0;
	c->sample_every = 1;
	c->buffer_size = SW_MON_DEFAULT_BUFFER;
	c->batching = true;
	c->flush_interval_ns = SW_NS_PER_SEC;
	c->lost_warn_ratio = 0.01;
	c->lost_report_interval_ns = 10 * SW_NS_PER_SEC;
	c->memory_limit = SW_MON_DEFAULT_MEMORY;
	c->max_program_size = SW_MON_DEFAULT_PROG_SIZE;
	c->verifier_level = SW_VERIFIER_NORMAL;
	c->maps_estimate = SW_MON_MAPS_ESTIMATE;
	c->alerts_stdout = true;
	c->events_keep = 5;
	c->max_verifications = SW_MON_MAX_VERIFICATIONS;
	c->syslog_socket = sw_xstrdup("/dev/log");
}

/* The ring buffer is one buffer shared by all CPUs (a BPF ring buffer), and
 * its size must be a power of two. It has to fit in memory_limit together
 * with the other BPF maps and the rules' windows; a buffer_size that does
 * not fit is reduced to the largest power of two that does, with a warning,
 * and the config is refused only when even the smallest buffer cannot fit. */
static int fit_memory(struct loader *l)
{
	struct sw_mon_config *c = l->cfg;
	yaml_node_t *where = l->memory_node ? l->memory_node : l->buffer_node;
	char lim[32], buf[32], ring[32], maps[32], rules[32];
	uint64_t avail, pow2;

	c->rule_memory = c->memory_limit / 8;
	if (c->rule_memory < (256u << 10))
		c->rule_memory = 256u << 10;
	if (c->rule_memory > (64ull << 20))
		c->rule_memory = 64ull << 20;
	sw_mon_format_size(c->memory_limit, lim, sizeof(lim));
	sw_mon_format_size(c->maps_estimate, maps, sizeof(maps));
	sw_mon_format_size(c->rule_memory, rules, sizeof(rules));
	if (c->buffer_size < SW_MON_MIN_RING) {
		sw_mon_format_size(SW_MON_MIN_RING, ring, sizeof(ring));
		return where == l->buffer_node && where
			       ? fail(l, where, "performance.buffer_size must be at least %s", ring)
			       : sw_err_set(l->err, "%s: performance.buffer_size must be at least %s", l->file, ring);
	}
	if (c->memory_limit < c->maps_estimate + c->rule_memory + SW_MON_MIN_RING) {
		sw_mon_format_size(SW_MON_MIN_RING, ring, sizeof(ring));
		if (!where)
			return sw_err_set(l->err, "%s: memory_limit is too small", l->file);
		return fail(l, where, "limits.memory_limit %s cannot hold the BPF maps (about %s), the rules' "
			    "windows (%s) and the smallest ring buffer (%s)", lim, maps, rules, ring);
	}
	avail = c->memory_limit - c->maps_estimate - c->rule_memory;
	for (pow2 = SW_MON_MIN_RING; pow2 * 2 <= c->buffer_size; pow2 *= 2)
		;
	sw_mon_format_size(c->buffer_size, buf, sizeof(buf));
	if (pow2 != c->buffer_size) {
		sw_mon_format_size(pow2, ring, sizeof(ring));
		warn(l, l->buffer_node, "warning: the ring buffer's size must be a power of two: %s is rounded "
		     "down to %s", buf, ring);
	}
	c->ring_size = pow2;
	if (c->ring_size > avail) {
		for (pow2 = SW_MON_MIN_RING; pow2 * 2 <= avail; pow2 *= 2)
			;
		c->ring_size = pow2;
		sw_mon_format_size(c->ring_size, ring, sizeof(ring));
		warn(l, l->buffer_node ? l->buffer_node : l->memory_node,
		     "warning: performance.buffer_size %s does not fit in limits.memory_limit %s with the BPF "
		     "maps (about %s) and the rules' windows (%s): the ring buffer will be %s", buf, lim, maps,
		     rules, ring);
	}
	return 0;
}

/* Enabled rules: the listed ones, plus the built-ins builtin_rules selects
 * (all of them when the config lists no rules and does not say). */
static void finish_rules(struct loader *l)
{
	struct sw_mon_config *c = l->cfg;
	size_t kept = 0;
	bool listed[32] = { false };

	for (size_t i = 0; i < c->nrules; i++) {
		const struct sw_mon_builtin *b = rule_builtin(&c->rules[i]);

		if (b)
			listed[b - sw_mon_builtins] = true;
	}
	for (size_t i = 0; i < c->nrules; i++) {
		if (c->rules[i].threshold == UINT64_MAX) {
			rule_free(&c->rules[i]);
			continue;
		}
		l->rule_nodes[kept] = l->rule_nodes[i];
		c->rules[kept++] = c->rules[i];
	}
	c->nrules = kept;
	l->nrule_nodes = kept;
	for (size_t i = 0; i < sw_mon_nbuiltins; i++) {
		bool pick = l->builtin_given ? (l->builtin_all || l->builtin_pick[i]) : !l->rules_given;
		struct sw_mon_rule *r;

		if (!pick || listed[i] || c->nrules >= SW_MON_MAX_RULES)
			continue;
		c->rules = sw_xrealloc(c->rules, (c->nrules + 1) * sizeof(*c->rules));
		r = &c->rules[c->nrules++];
		memset(r, 0, sizeof(*r));
		r->name = sw_xstrdup(sw_mon_builtins[i].id);
		rule_from_builtin(r, &sw_mon_builtins[i]);
	}
}

/* What the engine traces: the recorded set plus what the rules need, minus
 * what is excluded (an exclusion wins over a rule, and says so). */
static void finish_syscalls(struct loader *l)
{
	struct sw_mon_config *c = l->cfg;

	sysset_andnot(&c->record, &c->exclude);
	c->traced = c->record;
	for (size_t i = 0; i < c->nrules; i++) {
		struct sw_mon_rule *r = &c->rules[i];
		struct sw_sysset lost = r->syscalls;

		sysset_or(&c->traced, &r->syscalls);
		for (size_t w = 0; w < SW_NR_MAX / 64; w++)
			lost.bits[w] &= c->exclude.bits[w];
		if (sw_sysset_count(&lost)) {
			const char *first = NULL;

			for (int nr = 0; nr < SW_NR_MAX && !first; nr++)
				if (sw_sysset_has(&lost, nr) && sw_syscall_by_nr(nr))
					first = sw_syscall_by_nr(nr)->name;
			warn(l, i < l->nrule_nodes ? l->rule_nodes[i] : l->exclude_node,
			     "warning: rule '%s' watches %s, which syscalls.exclude leaves out%s",
			     r->name, first ? first : "a syscall",
			     sw_sysset_count(&lost) == sw_sysset_count(&r->syscalls) ? ": it can never fire" : "");
		}
	}
	sysset_andnot(&c->traced, &c->exclude);
}

static bool c_has_no_output(const struct sw_mon_config *c)
{
	return !c->alerts_path && !c->alerts_stdout && !c->syslog;
}

static bool is_wrapper(const yaml_node_t *k)
{
	const struct keydef *d;

	return k->type == YAML_SCALAR_NODE && (d = find_key(top_keys, (const char *)k->data.scalar.value)) &&
	       d->id == T_WRAPPER;
}

static int load_document(struct loader *l)
{
	yaml_node_t *root = yaml_document_get_root_node(l->doc);
	yaml_node_t *maps[2];
	size_t nmaps = 0;
	yaml_node_pair_t *p;

	if (!root)
		return sw_err_set(l->err, "%s:1:1: the config is empty", l->file);
	if (root->type != YAML_MAPPING_NODE)
		return fail(l, root, "the config must be a mapping of sections (syscalls:, rules:, outputs:, ...)");
	/* An optional wrapper, monitor: or 监控配置:, holding some or all of the
	 * sections; the article's readers also put 告警规则: next to it, so the
	 * sections beside it count too (each section still given once). */
	maps[nmaps++] = root;
	for (size_t i = 0; i < nmaps; i++) {
		for (p = maps[i]->data.mapping.pairs.start; p < maps[i]->data.mapping.pairs.top; p++) {
			yaml_node_t *k = node_at(l, p->key), *v = node_at(l, p->value);

			if (!is_wrapper(k))
				continue;
			if (i > 0)
				return fail(l, k, "'%s' may only wrap the top level", (char *)k->data.scalar.value);
			if (nmaps > 1)
				return fail(l, k, "'%s' is given twice in the config", (char *)k->data.scalar.value);
			if (v->type == YAML_MAPPING_NODE)
				maps[nmaps++] = v;
			else if (!is_null(v))
				return fail(l, v, "'%s' must be a mapping of sections", (char *)k->data.scalar.value);
		}
	}
	if (walk_maps(l, maps, nmaps, "the config", top_keys, top_field, NULL) < 0)
		return -1;
	if ((l->lists_node && load_lists(l, l->lists_node) < 0) ||
	    (l->macros_node && load_macros(l, l->macros_node) < 0) ||
	    (l->rules_node && load_rules(l, l->rules_node) < 0))
		return -1;
	finish_rules(l);
	finish_syscalls(l);
	if (fit_memory(l) < 0)
		return -1;
	if (l->verify_node && !l->cfg->verify_dir)
		return fail(l, l->verify_node, "action: verify needs outputs.verify_dir, where its logs go");
	if (l->cfg->nrules && c_has_no_output(l->cfg))
		warn(l, l->outputs_node ? l->outputs_node : yaml_document_get_root_node(l->doc),
		     "warning: no output is enabled: alerts are only counted in the metrics");
	return 0;
}

/* Refuses nesting deeper than MAX_DEPTH before the document is built:
 * libyaml's time grows with the square of the depth (10^5 levels take most
 * of a minute), while the event parser reads only as far as it is asked, so
 * this pass stops at the first level too deep. Syntax errors are left to the
 * real load, which reports them. */
static int check_depth(const char *name, const char *text, size_t len, struct sw_err *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int depth = 0, rc = 0;

	if (!yaml_parser_initialize(&parser))
		return sw_err_set(err, "%s: cannot initialize the YAML parser", name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (rc == 0 && yaml_parser_parse(&parser, &ev)) {
		yaml_event_type_t type = ev.type;

		if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
			if (++depth > MAX_DEPTH)
				rc = sw_err_set(err, "%s:%zu:%zu: nested deeper than %d levels", name,
						ev.start_mark.line + 1, ev.start_mark.column + 1, MAX_DEPTH);
		} else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
			depth--;
		}
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return rc;
}

int sw_mon_config_parse(struct sw_mon_config **out, const char *name, const char *text, size_t len,
			struct sw_err *err)
{
	struct loader l = { .file = name, .err = err };
	yaml_parser_t parser;
	yaml_document_t doc;
	int rc = -1;

	*out = NULL;
	l.cfg = sw_xcalloc(1, sizeof(*l.cfg));
	l.cfg->path = sw_xstrdup(name);
	set_defaults(l.cfg);
	if (check_depth(name, text, len, err) < 0)
		goto out;
	if (!yaml_parser_initialize(&parser)) {
		sw_err_set(err, "%s: cannot initialize the YAML parser", name);
		goto out;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		const yaml_mark_t *m = &parser.problem_mark;

		sw_err_set(err, "%s:%zu:%zu: %s%s%s", name, m->line + 1, m->column + 1,
			   parser.problem ? parser.problem : "invalid YAML", parser.context ? " " : "",
			   parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		goto out;
	}
	l.doc = &doc;
	rc = load_document(&l);
	if (rc == 0) {
		/* a second document would be silently ignored: refuse it */
		yaml_document_t next;

		if (yaml_parser_load(&parser, &next)) {
			yaml_node_t *r = yaml_document_get_root_node(&next);

			if (r)
				rc = fail_at(&l, &r->start_mark, "only one YAML document is allowed");
			yaml_document_delete(&next);
		} else {
			rc = fail_at(&l, &parser.problem_mark, "%s", parser.problem ? parser.problem : "invalid YAML");
		}
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
out:
	free(l.rule_nodes);
	for (size_t i = 0; i < l.nlists; i++) {
		strs_free(&l.lists[i]);
		free(l.list_names[i]);
	}
	free(l.lists);
	free(l.list_names);
	if (rc < 0) {
		sw_mon_config_free(l.cfg);
		return -1;
	}
	*out = l.cfg;
	return 0;
}

int sw_mon_config_load(struct sw_mon_config **out, const char *path, struct sw_err *err)
{
	FILE *f = fopen(path, "re");
	struct sw_strbuf sb = SW_STRBUF_INIT;
	char chunk[8192];
	size_t n;
	int rc;

	*out = NULL;
	if (!f)
		return sw_err_set(err, "%s: cannot open: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		sw_strbuf_add(&sb, chunk, n);
		if (sb.len > (4u << 20)) {
			fclose(f);
			sw_strbuf_release(&sb);
			return sw_err_set(err, "%s: the config is larger than 4MB", path);
		}
	}
	if (ferror(f)) {
		rc = sw_err_set(err, "%s: cannot read: %s", path, strerror(errno));
		fclose(f);
		sw_strbuf_release(&sb);
		return rc;
	}
	fclose(f);
	rc = sw_mon_config_parse(out, path, sb.buf ? sb.buf : "", sb.len, err);
	sw_strbuf_release(&sb);
	return rc;
}

void sw_mon_config_free(struct sw_mon_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nrules; i++)
		rule_free(&c->rules[i]);
	free(c->rules);
	for (size_t i = 0; i < c->nmacros; i++) {
		free(c->macros[i].name);
		sw_mon_cond_release(&c->macros[i].cond);
	}
	free(c->macros);
	free(c->users.v);
	free(c->exclude_users.v);
	strs_free(&c->comms);
	strs_free(&c->exclude_comms);
	strs_free(&c->warnings);
	free(c->events_path);
	free(c->verify_dir);
	free(c->alerts_path);
	free(c->syslog_socket);
	free(c->metrics_addr);
	free(c->path);
	free(c);
}

bool sw_mon_strs_has_comm(const struct sw_mon_strs *s, const char *comm)
{
	for (size_t i = 0; i < s->n; i++)
		if (strncmp(s->v[i], comm, SW_COMM_LEN - 1) == 0)
			return true;
	return false;
}

bool sw_mon_uids_has(const struct sw_mon_uids *u, uint32_t uid)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i] == uid)
			return true;
	return false;
}

const char *sw_mon_severity_name(unsigned sev)
{
	static const char *const names[] = { "info", "warning", "critical" };

	return sev < SW_SEV_COUNT ? names[sev] : "unknown";
}

const char *sw_mon_keyby_name(unsigned key)
{
	static const char *const names[] = { "process", "user", "comm", "global", "parent", "session" };

	return key <= SW_KEY_SESSION ? names[key] : "unknown";
}

const struct sw_mon_rule *sw_mon_config_rule(const struct sw_mon_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nrules; i++)
		if (strcmp(cfg->rules[i].name, name) == 0)
			return &cfg->rules[i];
	return NULL;
}
