// SPDX-License-Identifier: GPL-2.0-only
/* The rules engine, fed with real struct sw_event values: sliding windows,
 * one alert per window per key, keys, conditions, built-ins, sampling
 * weights and the memory bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <cmocka.h>

#include "core/syscalls.h"
#include "monitor/config.h"
#include "monitor/rules.h"
#include "monitor/value.h"

/* events are written as positional compound literals; trailing fields default to 0 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define SEC SW_NS_PER_SEC
#define T0 (1700000000ull * SEC)

struct got {
	unsigned n;
	char rule[64];
	uint64_t count, key_id;
	uint32_t first_pid, last_pid;
	uint64_t first_ts, last_ts;
	char last_path[256], key_comm[16], last_addr[64];
	uint8_t severity;
};

static void on_alert(const struct sw_mon_alert *a, void *ctx)
{
	struct got *g = ctx;

	g->n++;
	snprintf(g->rule, sizeof(g->rule), "%s", a->rule->name);
	g->count = a->count;
	g->key_id = a->key_id;
	g->first_pid = a->first->pid;
	g->last_pid = a->last->pid;
	g->first_ts = a->first->ts_ns;
	g->last_ts = a->last->ts_ns;
	g->severity = a->rule->severity;
	snprintf(g->last_path, sizeof(g->last_path), "%s", a->last->path ? a->last->path : "");
	snprintf(g->last_addr, sizeof(g->last_addr), "%s", a->last->addr ? a->last->addr : "");
	snprintf(g->key_comm, sizeof(g->key_comm), "%s", a->key_comm);
}

static struct sw_mon_config *config(const char *yaml)
{
	struct sw_mon_config *cfg = NULL;
	struct sw_err err;

	if (sw_mon_config_parse(&cfg, "t.yaml", yaml, strlen(yaml), &err) < 0)
		fail_msg("%s", err.msg);
	return cfg;
}

/* The argument index the table gives a syscall's first path, or dflt. */
static unsigned path_arg(const struct sw_syscall *sc, unsigned dflt)
{
	if (sc && sc->nargs > 0)
		for (int i = 0; i < sc->nargs; i++)
			if (sc->args[i].type == SW_T_PATH)
				return (unsigned)i;
	return dflt;
}

struct evspec {
	const char *syscall;
	uint32_t pid, uid;
	const char *comm;
	uint64_t ts;
	const char *path;
	int64_t ret;
	uint64_t args[SW_NARGS];
};

static struct sw_event *event(const struct evspec *s)
{
	const struct sw_syscall *sc = sw_syscall_by_name(s->syscall);
	struct sw_event *ev = sw_event_new(4096);

	assert_non_null(sc);
	ev->kind = SW_EV_SYSCALL;
	ev->arch = SW_ARCH_X86_64;
	ev->nr = sc->nr;
	ev->pid = ev->tid = s->pid;
	ev->uid = s->uid;
	ev->ts_ns = s->ts;
	ev->ret = s->ret;
	memcpy(ev->args, s->args, sizeof(ev->args));
	snprintf(ev->comm, sizeof(ev->comm), "%s", s->comm ? s->comm : "fixture");
	if (s->path) {
		uint8_t *buf;
		size_t len = strlen(s->path);
		struct sw_capture *c = sw_event_add_capture(ev, path_arg(sc, strncmp(s->syscall, "unlinkat", 8) == 0 ||
								 strncmp(s->syscall, "openat", 6) == 0 ? 1 : 0),
							SW_CAP_STR, (uint32_t)len, &buf);

		assert_non_null(c);
		memcpy(buf, s->path, len);
		c->total = len;
	}
	return ev;
}

static unsigned feed(struct sw_mon_rules *r, const struct evspec *s, uint32_t weight, struct got *g)
{
	struct sw_event *ev = event(s);
	unsigned n = sw_mon_rules_feed(r, ev, weight, on_alert, g);

	sw_event_free(ev);
	return n;
}

static const char deletion_only[] = "rules: [{name: 短时间内多次文件删除, threshold: 5次/分钟, 级别: 警告}]\n";

/* 6 deletions in the window: one warning; more in the same window: nothing. */
static void fires_once_per_window(void **state)
{
	struct sw_mon_config *cfg = config(deletion_only);
	struct sw_mon_rules *r = sw_mon_rules_new(cfg);
	struct got g = { 0 };
	char path[64];

	for (int i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "/tmp/victim/%d", i);
		assert_int_equal(feed(r, &(struct evspec){ "unlinkat", 100, 1000, "rm", T0 + i * SEC, path }, 1, &g), 0);
	}
	assert_int_equal(g.n, 0);
	assert_int_equal(feed(r, &(struct evspec){ "unlink", 100, 1000, "rm", T0 + 5 * SEC, "/tmp/victim/5" }, 1, &g), 1);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.rule, "短时间内多次文件删除");
	assert_int_equal(g.severity, SW_SEV_WARNING);
	assert_int_equal(g.count, 6);
	assert_int_equal(g.key_id, 100);
	assert_string_equal(g.key_comm, "rm");
	assert_int_equal(g.first_ts, T0);
	assert_int_equal(g.last_ts, T0 + 5 * SEC);
	assert_string_equal(g.last_path, "/tmp/victim/5");
	/* a storm in the same window stays one alert */
	for (int i = 6; i < 200; i++)
		feed(r, &(struct evspec){ "unlinkat", 100, 1000, "rm", T0 + 5 * SEC + (uint64_t)i * 1000000, "/x" }, 1, &g);
	assert_int_equal(g.n, 1);
	/* a window later, the storm goes on: a second alert */
	feed(r, &(struct evspec){ "unlinkat", 100, 1000, "rm", T0 + 66 * SEC, "/x" }, 1, &g);
	for (int i = 0; i < 6 && g.n == 1; i++)
		feed(r, &(struct evspec){ "unlinkat", 100, 1000, "rm", T0 + 66 * SEC + (uint64_t)i * SEC, "/x" }, 1, &g);
	assert_int_equal(g.n, 2);
	sw_mon_rules_free(r);
	sw_mon_config_free(cfg);
}

/* The window slides: events older than it no longer count. */
static void window_slides(void **state)
{
	struct sw_mon_config *cfg = config(deletion_only);
	struct sw_mon_rules *r = sw_mon_rules_new(cfg);
	struct got g = { 0 };

	for (int i = 0; i < 5; i++)
		feed(r, &(struct evspec){ "unlinkat", 7, 0, "a", T0 + i * SEC, "/f" }, 1, &g);
	/* the sixth comes 61 s after the first: only 5 in any minute */
	feed(r, &(struct evspec){ "unlinkat", 7, 0, "a", T0 + 61 * SEC, "/f" }, 1, &g);
	assert_int_equal(g.n, 0);
	/* each later one drops an old one: still 5 within any minute */
	feed(r, &(struct evspec){ "unlinkat", 7, 0, "a", T0 + 62 * SEC, "/f" }, 1, &g);
	assert_int_equal(g.n, 0);
	feed(r, &(struct evspec){ "unlinkat", 7, 0, "a", T0 + 63 * SEC, "/f" }, 1, &g);
	feed(r, &(struct evspec){ "unlinkat", 7, 0, "a", T0 + 64 * SEC, "/f" }, 1, &g);
	feed(r, &(struct evspec){ "unlinkat", 7, 0, "a", T0 + 65 * SEC, "/f" }, 1, &g);
	assert_int_equal(g.n, 0); /* 61..65: 5 events */
	feed(r, &(struct evspec){ "unlinkat", 7, 0, "a", T0 + 66 * SEC, "/f" }, 1, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.first_ts, T0 + 61 * SEC);
	sw_mon_rules_free(r);
	sw_mon_config_free(cfg);
}

/* Keys: per process, per user, per comm, global. */
static void keys(void **state)
{
	static const struct {
		const char *key;
		unsigned alerts; /* for the event mix below */
	} cases[] = { { "process", 0 }, { "user", 1 }, { "comm", 1 }, { "global", 1 } };

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		char yaml[256];
		struct sw_mon_config *cfg;
		struct sw_mon_rules *r;
		struct got g = { 0 };

		snprintf(yaml, sizeof(yaml), "rules: [{name: mass-file-deletion, threshold: 3, key: %s}]\n",
			 cases[c].key);
		cfg = config(yaml);
		r = sw_mon_rules_new(cfg);
		/* four processes of one user and one comm, each deleting once (twice for the last) */
		for (uint32_t pid = 1; pid <= 4; pid++)
			feed(r, &(struct evspec){ "unlinkat", pid, 1000, "worker", T0 + pid * SEC, "/f" }, 1, &g);
		if (strcmp(cases[c].key, "user") == 0 || strcmp(cases[c].key, "global") == 0) {
			/* another user's deletions are another user key */
			feed(r, &(struct evspec){ "unlinkat", 9, 2000, "other", T0 + 5 * SEC, "/f" }, 1, &g);
		}
		if ((size_t)g.n != cases[c].alerts)
			fail_msg("key %s: %u alerts", cases[c].key, g.n);
		if (strcmp(cases[c].key, "user") == 0)
			assert_int_equal(g.key_id, 1000);
		if (strcmp(cases[c].key, "comm") == 0)
			assert_string_equal(g.key_comm, "worker");
		sw_mon_rules_free(r);
		sw_mon_config_free(cfg);
	}
}

static void connections(void **state)
{
	struct sw_mon_config *cfg = config("rules: [{规则: 异常网络连接, 阈值: \"连接数 > 100/分钟\", 级别: 危险}]\n");
	struct sw_mon_rules *r = sw_mon_rules_new(cfg);
	const struct sw_syscall *sc = sw_syscall_by_name("connect");
	struct got g = { 0 };

	for (int i = 0; i < 100; i++)
		feed(r, &(struct evspec){ "connect", 55, 1000, "scanner", T0 + (uint64_t)i * 10000000 }, 1, &g);
	assert_int_equal(g.n, 0);
	feed(r, &(struct evspec){ "connect", 55, 1000, "scanner", T0 + 2 * SEC }, 1, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.severity, SW_SEV_CRITICAL);
	assert_int_equal(g.count, 101);
	/* the address is reported when the engine captured it */
	if (sc && sc->nargs >= 2 && sc->args[1].type == SW_T_SOCKADDR) {
		struct sw_event *ev = event(&(struct evspec){ "connect", 56, 0, "c", T0 });
		struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(8080) };
		char text[64];
		uint8_t *buf;

		inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
		assert_non_null(sw_event_add_capture(ev, 1, SW_CAP_MEM, sizeof(sin), &buf));
		memcpy(buf, &sin, sizeof(sin));
		assert_int_equal(sw_mon_event_addr(ev, text, sizeof(text)), 0);
		assert_string_equal(text, "127.0.0.1:8080");
		sw_event_free(ev);
	}
	sw_mon_rules_free(r);
	sw_mon_config_free(cfg);
}

/* Built-ins with conditions: paths, commands, users, arguments. */
static void builtin_conditions(void **state)
{
	struct sw_mon_config *cfg = config("builtin_rules: all\n");
	struct sw_mon_rules *r = sw_mon_rules_new(cfg);
	struct got g = { 0 };

	/* /etc/shadow opened: critical, whatever the command's name (the real
	 * readers are exempt by the file they run, which these events do not
	 * carry); a failed open, /etc/passwd or /etc/shadowsocks: nothing */
	feed(r, &(struct evspec){ "openat", 11, 0, "cat", T0, "/etc/passwd" }, 1, &g);
	feed(r, &(struct evspec){ "openat", 11, 0, "cat", T0, "/etc/shadowsocks/config.json", -2 }, 1, &g);
	feed(r, &(struct evspec){ "openat", 11, 0, "cat", T0, "/etc/shadowsocks/config.json" }, 1, &g);
	feed(r, &(struct evspec){ "openat", 11, 0, "cat", T0, "/etc/shadow", -13 }, 1, &g);
	assert_int_equal(g.n, 0);
	feed(r, &(struct evspec){ "openat", 10, 0, "unix_chkpwd", T0, "/etc/shadow" }, 1, &g);
	assert_int_equal(g.n, 1);
	feed(r, &(struct evspec){ "openat", 11, 0, "cat", T0, "/etc/shadow" }, 1, &g);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.rule, "shadow-file-read");
	assert_string_equal(g.last_path, "/etc/shadow");
	/* execs from /tmp and /dev/shm, not from /usr/bin */
	feed(r, &(struct evspec){ "execve", 12, 1000, "sh", T0, "/usr/bin/ls" }, 1, &g);
	assert_int_equal(g.n, 2);
	feed(r, &(struct evspec){ "execve", 12, 1000, "sh", T0, "/dev/shm/payload" }, 1, &g);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.rule, "exec-from-temp-dir");
	/* setuid(0) by uid 1000: critical; by root, or setuid(1000): nothing */
	feed(r, &(struct evspec){ "setuid", 13, 0, "su", T0, NULL, 0, { 0 } }, 1, &g);
	feed(r, &(struct evspec){ "setuid", 14, 1000, "x", T0, NULL, -1, { 1000 } }, 1, &g);
	feed(r, &(struct evspec){ "setresuid", 14, 1000, "x", T0, NULL, -1, { (uint64_t)-1, (uint64_t)-1, 1001 } }, 1, &g);
	assert_int_equal(g.n, 3);
	feed(r, &(struct evspec){ "setresuid", 15, 1000, "exploit", T0, NULL, -1, { (uint64_t)-1, 0, (uint64_t)-1 } }, 1, &g);
	assert_int_equal(g.n, 4);
	assert_string_equal(g.rule, "setid-to-root");
	/* ptrace: PTRACE_ATTACH and PTRACE_SEIZE, not PTRACE_TRACEME (0) or PEEKDATA (2) */
	feed(r, &(struct evspec){ "ptrace", 16, 1000, "dbg", T0, NULL, 0, { 0 } }, 1, &g);
	feed(r, &(struct evspec){ "ptrace", 16, 1000, "dbg", T0, NULL, 0, { 2, 99 } }, 1, &g);
	assert_int_equal(g.n, 4);
	feed(r, &(struct evspec){ "ptrace", 17, 1000, "dbg", T0, NULL, 0, { 0x4206, 99 } }, 1, &g);
	assert_int_equal(g.n, 5);
	assert_string_equal(g.rule, "ptrace-attach");
	sw_mon_rules_free(r);
	sw_mon_config_free(cfg);
}

static void failed_only_and_users(void **state)
{
	struct sw_mon_config *cfg = config("rules:\n  - name: denied\n    syscalls: openat\n    failed_only: true\n"
					   "    exclude_users: [root]\n    threshold: 1\n");
	struct sw_mon_rules *r = sw_mon_rules_new(cfg);
	struct got g = { 0 };

	feed(r, &(struct evspec){ "openat", 5, 1000, "p", T0, "/a", 3 }, 1, &g);
	feed(r, &(struct evspec){ "openat", 5, 1000, "p", T0, "/a", 4 }, 1, &g);
	feed(r, &(struct evspec){ "openat", 5, 0, "p", T0, "/a", -13 }, 1, &g);
	feed(r, &(struct evspec){ "openat", 5, 0, "p", T0, "/a", -13 }, 1, &g);
	assert_int_equal(g.n, 0);
	feed(r, &(struct evspec){ "openat", 5, 1000, "p", T0, "/a", -13 }, 1, &g);
	feed(r, &(struct evspec){ "openat", 5, 1000, "p", T0, "/a", -2 }, 1, &g);
	assert_int_equal(g.n, 1);
	sw_mon_rules_free(r);
	sw_mon_config_free(cfg);
}

/* With 1-in-10 sampling each event stands for 10. */
static void sampling_weights(void **state)
{
	struct sw_mon_config *cfg = config(deletion_only);
	struct sw_mon_rules *r = sw_mon_rules_new(cfg);
	struct got g = { 0 };

	feed(r, &(struct evspec){ "unlinkat", 3, 0, "rm", T0, "/f" }, 10, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.count, 10);
	sw_mon_rules_free(r);
	sw_mon_config_free(cfg);
}

/* Many processes: memory stays within the budget; old keys are forgotten,
 * and idle keys expire. */
static void memory_bound_and_expiry(void **state)
{
	struct sw_mon_config *cfg = config("limits: {memory_limit: 16MB}\n"
					   "performance: {buffer_size: 64KB}\n"
					   "rules: [{name: abnormal-network-connections}]\n");
	struct sw_mon_rules *r = sw_mon_rules_new(cfg);
	struct sw_mon_rules_stats st;
	struct got g = { 0 };

	assert_int_equal(cfg->rule_memory, 2u << 20);
	for (uint32_t pid = 1; pid <= 20000; pid++)
		for (int i = 0; i < 3; i++)
			feed(r, &(struct evspec){ "connect", pid, 0, "c", T0 + pid * 1000ull + (uint64_t)i }, 1, &g);
	sw_mon_rules_stats(r, &st);
	assert_true(st.bytes <= cfg->rule_memory);
	assert_true(st.evicted > 0);
	assert_true(st.keys > 100);
	assert_int_equal(g.n, 0);
	/* a minute after the last event every window is empty */
	sw_mon_rules_expire(r, T0 + 20001 * 1000ull + 61 * SEC);
	sw_mon_rules_stats(r, &st);
	assert_int_equal(st.keys, 0);
	assert_int_equal(st.bytes, 0);
	sw_mon_rules_free(r);
	sw_mon_config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fires_once_per_window),
		cmocka_unit_test(window_slides),
		cmocka_unit_test(keys),
		cmocka_unit_test(connections),
		cmocka_unit_test(builtin_conditions),
		cmocka_unit_test(failed_only_and_users),
		cmocka_unit_test(sampling_weights),
		cmocka_unit_test(memory_bound_and_expiry),
	};
	return cmocka_run_group_tests_name("monitor_rules", tests, NULL, NULL);
}
