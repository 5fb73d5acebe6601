// SPDX-License-Identifier: GPL-2.0-only
/* The monitor's config loader: the article's Chinese example, the English
 * schema, errors with file:line:column, and malformed input that must be
 * refused without crashing. */
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/syscalls.h"
#include "monitor/config.h"
#include "monitor/value.h"

#define SEED_PATH "tests/fixtures/mon_seed.yaml"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static struct sw_mon_config *parse_ok(const char *text)
{
	struct sw_mon_config *cfg = NULL;
	struct sw_err err = { 0 };

	if (sw_mon_config_parse(&cfg, "t.yaml", text, strlen(text), &err) < 0)
		fail_msg("unexpected error: %s", err.msg);
	return cfg;
}

/* The error message of a config that must be refused. */
static const char *parse_err(const char *text)
{
	static struct sw_err err;
	struct sw_mon_config *cfg = NULL;

	if (sw_mon_config_parse(&cfg, "t.yaml", text, strlen(text), &err) == 0) {
		sw_mon_config_free(cfg);
		fail_msg("config was accepted: %s", text);
	}
	assert_null(cfg);
	return err.msg;
}

static void expect_err(const char *text, const char *pos, const char *words)
{
	const char *msg = parse_err(text);

	if (strncmp(msg, pos, strlen(pos)) != 0 || !strstr(msg, words))
		fail_msg("wanted '%s...%s', got '%s'", pos, words, msg);
}

static uint32_t uid_of(const char *name)
{
	struct passwd *pw = getpwnam(name);

	return pw ? pw->pw_uid : UINT32_MAX;
}

static bool has_warning(const struct sw_mon_config *c, const char *words)
{
	for (size_t i = 0; i < c->warnings.n; i++)
		if (strstr(c->warnings.v[i], words))
			return true;
	return false;
}

static int nr(const char *name)
{
	const struct sw_syscall *sc = sw_syscall_by_name(name);

	assert_non_null(sc);
	return sc->nr;
}

/* ---- the article's example --------------------------------------------------- */

static void seed_example_loads(void **state)
{
	struct sw_mon_config *c = NULL;
	struct sw_err err;
	const struct sw_mon_rule *r;

	if (sw_mon_config_load(&c, SEED_PATH, &err) < 0)
		fail_msg("%s", err.msg);
	/* 系统调用过滤: lists of one-key maps */
	assert_true(sw_sysset_has(&c->record, nr("open")));
	assert_true(sw_sysset_has(&c->record, nr("execve")));
	assert_true(sw_sysset_has(&c->record, nr("connect")));
	assert_true(sw_sysset_has(&c->record, nr("accept")));
	assert_false(sw_sysset_has(&c->record, nr("read")));
	assert_int_equal(sw_sysset_count(&c->record), 4);
	assert_true(sw_sysset_has(&c->exclude, nr("close")));
	/* the rules' syscalls are traced even though the include list omits them */
	assert_true(sw_sysset_has(&c->traced, nr("unlinkat")));
	assert_false(sw_sysset_has(&c->record, nr("unlinkat")));
	assert_false(sw_sysset_has(&c->traced, nr("write")));
	/* 进程过滤 */
	assert_int_equal(c->users.v[0], 0);
	if (uid_of("www-data") != UINT32_MAX) {
		assert_int_equal(c->users.n, 2 + (uid_of("mysql") != UINT32_MAX));
		assert_int_equal(c->users.v[1], uid_of("www-data"));
	}
	if (uid_of("mysql") == UINT32_MAX)
		assert_true(has_warning(c, "user 'mysql'"));
	assert_int_equal(c->exclude_users.n, 1);
	assert_int_equal(c->exclude_users.v[0], uid_of("nobody"));
	/* 性能设置 */
	assert_int_equal(c->sample_every, 10);
	assert_true(c->batching);
	assert_int_equal(c->buffer_size, 128ull << 20);
	/* 安全限制: the 128MB buffer does not fit in 64MB; it is reduced, with a warning */
	assert_int_equal(c->memory_limit, 64ull << 20);
	assert_int_equal(c->max_program_size, 512ull << 10);
	assert_int_equal(c->verifier_level, SW_VERIFIER_STRICT);
	assert_true(c->ring_size <= c->memory_limit - c->maps_estimate - c->rule_memory);
	assert_int_equal(c->ring_size & (c->ring_size - 1), 0);
	assert_int_equal(c->ring_size, 32ull << 20);
	assert_true(has_warning(c, "does not fit"));
	/* 告警规则: only the two rules it names */
	assert_int_equal(c->nrules, 2);
	r = sw_mon_config_rule(c, "短时间内多次文件删除");
	assert_non_null(r);
	assert_true(r->builtin);
	assert_string_equal(r->group, "可疑行为");
	assert_int_equal(r->threshold, 5);
	assert_int_equal(r->window_ns, 60 * SW_NS_PER_SEC);
	assert_int_equal(r->severity, SW_SEV_WARNING);
	assert_true(sw_sysset_has(&r->syscalls, nr("unlink")));
	assert_true(sw_sysset_has(&r->syscalls, nr("unlinkat")));
	assert_true(sw_sysset_has(&r->syscalls, nr("rmdir")));
	r = sw_mon_config_rule(c, "异常网络连接");
	assert_non_null(r);
	assert_int_equal(r->threshold, 100);
	assert_int_equal(r->window_ns, 60 * SW_NS_PER_SEC);
	assert_int_equal(r->severity, SW_SEV_CRITICAL);
	assert_true(sw_sysset_has(&r->syscalls, nr("connect")));
	sw_mon_config_free(c);
}

/* ---- the English schema --------------------------------------------------------- */

static const char full_config[] =
	"syscalls:\n"
	"  include: [openat, \"%network\"]\n"
	"  exclude: sendto, recvfrom\n"
	"processes:\n"
	"  users: [root, 4242]\n"
	"  exclude_users: nobody\n"
	"  comms: [nginx, a-very-long-command-name]\n"
	"  exclude_comms: [backup]\n"
	"performance:\n"
	"  sample_rate: 25%\n"
	"  buffer_size: 8MB\n"
	"  batching: off\n"
	"  flush_interval: 250ms\n"
	"  lost_warn_ratio: 0.05\n"
	"  lost_report_interval: 30s\n"
	"limits:\n"
	"  memory_limit: 256MB\n"
	"  max_program_size: 1MB\n"
	"  verifier_level: normal\n"
	"builtin_rules: [shadow-file-read]\n"
	"rules:\n"
	"  - name: mass-file-deletion\n"
	"    threshold: 20\n"
	"    window: 30s\n"
	"    key: user\n"
	"  - name: mine\n"
	"    description: failed opens under /srv\n"
	"    syscalls: [openat]\n"
	"    path_prefixes: [/srv/]\n"
	"    failed_only: yes\n"
	"    users: [root]\n"
	"    args: {2: [0, 1]}\n"
	"    threshold: \">= 3 per 2m\"\n"
	"    key: comm\n"
	"    severity: info\n"
	"  - name: ptrace-attach\n"
	"    enabled: false\n"
	"outputs:\n"
	"  events: /var/log/syswatch/events.jsonl\n"
	"  alerts: /var/log/syswatch/alerts.jsonl\n"
	"  stdout: false\n"
	"  syslog: true\n"
	"  syslog_socket: /run/test.sock\n"
	"  metrics: \"[::1]:9464\"\n";

static void english_schema(void **state)
{
	struct sw_mon_config *c = parse_ok(full_config);
	const struct sw_mon_rule *r;

	assert_true(sw_sysset_has(&c->record, nr("openat")));
	for (size_t i = 0; i < sw_syscall_nrows; i++) /* %network: what the table files under it */
		if ((sw_syscall_rows[i].classes & SW_CLASS_NETWORK) && strcmp(sw_syscall_rows[i].name, "sendto") &&
		    strcmp(sw_syscall_rows[i].name, "recvfrom"))
			assert_true(sw_sysset_has(&c->record, sw_syscall_rows[i].nr));
	assert_false(sw_sysset_has(&c->record, nr("sendto")));
	assert_false(sw_sysset_has(&c->record, nr("read")));
	assert_int_equal(c->users.n, 2);
	assert_int_equal(c->users.v[1], 4242);
	assert_int_equal(c->exclude_users.v[0], uid_of("nobody"));
	assert_int_equal(c->comms.n, 2);
	assert_string_equal(c->comms.v[1], "a-very-long-com"); /* what the kernel keeps */
	assert_true(has_warning(c, "15 bytes"));
	assert_int_equal(c->sample_every, 4);
	assert_int_equal(c->ring_size, 8ull << 20);
	assert_false(c->batching);
	assert_int_equal(c->flush_interval_ns, 250000000ull);
	assert_int_equal(c->lost_report_interval_ns, 30 * SW_NS_PER_SEC);
	assert_true(c->lost_warn_ratio > 0.049 && c->lost_warn_ratio < 0.051);
	assert_int_equal(c->verifier_level, SW_VERIFIER_NORMAL);
	assert_int_equal(c->max_program_size, 1ull << 20);
	/* listed rules, plus the built-in builtin_rules picks; the disabled one is gone */
	assert_int_equal(c->nrules, 3);
	assert_null(sw_mon_config_rule(c, "ptrace-attach"));
	assert_non_null(sw_mon_config_rule(c, "shadow-file-read"));
	r = sw_mon_config_rule(c, "mass-file-deletion");
	assert_int_equal(r->threshold, 20);
	assert_int_equal(r->window_ns, 30 * SW_NS_PER_SEC);
	assert_int_equal(r->key, SW_KEY_USER);
	assert_int_equal(r->severity, SW_SEV_WARNING); /* kept from the built-in */
	r = sw_mon_config_rule(c, "mine");
	assert_false(r->builtin);
	assert_int_equal(r->threshold, 2);
	assert_int_equal(r->window_ns, 120 * SW_NS_PER_SEC);
	assert_int_equal(r->key, SW_KEY_COMM);
	assert_int_equal(r->severity, SW_SEV_INFO);
	assert_true(r->failed_only);
	assert_int_equal(r->nargs, 1);
	assert_int_equal(r->args[0].index, 2);
	assert_int_equal(r->args[0].n, 2);
	assert_string_equal(r->path_prefixes.v[0], "/srv/");
	assert_string_equal(c->events_path, "/var/log/syswatch/events.jsonl");
	assert_false(c->alerts_stdout);
	assert_true(c->syslog);
	assert_string_equal(c->syslog_socket, "/run/test.sock");
	assert_int_equal(c->metrics_sa.ss_family, AF_INET6);
	sw_mon_config_free(c);
}

static void defaults_and_builtins(void **state)
{
	struct sw_mon_config *c = parse_ok("outputs: {stdout: true}\n");

	/* no rules listed: every built-in runs */
	assert_int_equal(c->nrules, sw_mon_nbuiltins);
	assert_non_null(sw_mon_config_rule(c, "setid-to-root"));
	assert_int_equal(c->sample_every, 1);
	assert_true(sw_sysset_is_full(&c->record));
	assert_int_equal(c->ring_size, SW_MON_DEFAULT_BUFFER);
	assert_null(c->metrics_addr);
	sw_mon_config_free(c);

	c = parse_ok("builtin_rules: none\n");
	assert_int_equal(c->nrules, 0);
	sw_mon_config_free(c);

	/* rules listed, builtin_rules not said: only the listed ones */
	c = parse_ok("rules:\n  - name: exec-from-temp-dir\n");
	assert_int_equal(c->nrules, 1);
	sw_mon_config_free(c);

	/* named rules as a mapping; and the monitor: wrapper */
	c = parse_ok("monitor:\n  rules:\n    my-rule: {syscalls: kill, threshold: 2/10s, severity: 警告}\n");
	assert_int_equal(c->nrules, 1);
	assert_int_equal(c->rules[0].threshold, 2);
	assert_int_equal(c->rules[0].window_ns, 10 * SW_NS_PER_SEC);
	sw_mon_config_free(c);

	/* exclusion wins over a rule, and says so */
	c = parse_ok("syscalls: {exclude: [unlink, unlinkat, rmdir]}\nrules: [{name: mass-file-deletion}]\n");
	assert_false(sw_sysset_has(&c->traced, nr("unlink")));
	assert_true(has_warning(c, "can never fire"));
	sw_mon_config_free(c);
}

/* ---- errors name the place ------------------------------------------------------ */

static void errors_have_positions(void **state)
{
	expect_err("syscalls:\n  include: [openat]\n  bogus: 1\n", "t.yaml:3:3:", "unknown key 'bogus' in syscalls");
	expect_err("performance:\n  sample_rate: 0\n", "t.yaml:2:16:", "sample_rate");
	expect_err("performance:\n  sample_rate: 1.5\n", "t.yaml:2:16:", "(0, 1]");
	expect_err("performance:\n  buffer_size: 12 parsecs\n", "t.yaml:2:16:", "unknown size unit");
	expect_err("syscalls:\n  include: [openat, not_a_syscall]\n", "t.yaml:2:21:", "not_a_syscall");
	expect_err("rules:\n  - name: x\n    syscalls: [openat]\n    severity: apocalyptic\n", "t.yaml:4:15:",
		   "severity");
	expect_err("rules:\n  - name: x\n    syscalls: [openat]\n    threshold: lots\n", "t.yaml:4:16:", "threshold");
	expect_err("rules:\n  - name: custom\n", "t.yaml:2:11:", "needs syscalls");
	expect_err("rules:\n  - threshold: 3\n", "t.yaml:2:5:", "needs a name");
	expect_err("rules:\n  - name: a\n    syscalls: kill\n  - name: a\n    syscalls: kill\n", "t.yaml:4:11:",
		   "defined twice (first at line 2)");
	expect_err("rules:\n  - name: 异常网络连接\n  - name: abnormal-network-connections\n", "t.yaml:3:11:",
		   "defined twice");
	expect_err("rules:\n  - name: x\n    syscalls: kill\n    threshold: 5/min\n    window: 30s\n", "t.yaml:5:13:",
		   "window differs");
	expect_err("limits:\n  memory_limit: 1MB\n", "t.yaml:2:17:", "cannot hold");
	expect_err("limits:\n  verifier_level: paranoid\n", "t.yaml:2:19:", "off, normal or strict");
	expect_err("outputs:\n  metrics: 0.0.0.0:9464\n", "t.yaml:2:12:", "not a loopback address");
	expect_err("outputs:\n  metrics: 10.1.2.3:9464\n", "t.yaml:2:12:", "not a loopback address");
	expect_err("outputs:\n  metrics: 127.0.0.1\n", "t.yaml:2:12:", "not an address");
	expect_err("outputs:\n  alerts: relative/alerts.jsonl\n", "t.yaml:2:11:", "absolute path");
	expect_err("outputs:\n  stdout: maybe\n", "t.yaml:2:11:", "true or false");
	expect_err("processes:\n  users: [no-such-user-xyz]\n", "t.yaml:2:10:", "none of the users");
	expect_err("syscalls:\n  include: [openat]\nsyscalls:\n  include: [read]\n", "t.yaml:3:1:", "given twice");
	expect_err("syscalls:\n  - include: [openat]\n  - include: [read]\n", "t.yaml:3:5:", "given twice");
	expect_err("builtin_rules: [no-such-rule]\n", "t.yaml:1:17:", "no built-in rule");
	expect_err("syscalls: [openat]\n", "t.yaml:1:12:", "entries of syscalls");
	expect_err("- just\n- a list\n", "t.yaml:1:1:", "must be a mapping");
	expect_err("", "t.yaml:1:1:", "empty");
	expect_err("rules: []\n---\nrules: []\n", "t.yaml:3:1:", "only one YAML document");
	/* syntax errors come from libyaml, with its position */
	expect_err("syscalls:\n  include: [openat\n", "t.yaml:3:1:", "flow sequence");
	expect_err("a: b\n  c: d\n", "t.yaml:2:4:", "mapping values are not allowed");
	expect_err("syscalls: {include: *nowhere}\n", "t.yaml:1:", "undefined alias");
	/* a value with a NUL byte cannot hide text from the check */
	expect_err("outputs:\n  alerts: \"/tmp/a\\0b\"\n", "t.yaml:2:11:", "NUL");
}

static void user_lookups(void **state)
{
	struct sw_mon_config *c = parse_ok("processes:\n  users: [root, no-such-user-xyz]\n  exclude_users: [ghost-xyz]\n");

	assert_int_equal(c->users.n, 1);
	assert_int_equal(c->exclude_users.n, 0);
	assert_true(has_warning(c, "t.yaml:2:17: warning: user 'no-such-user-xyz'"));
	assert_true(has_warning(c, "user 'ghost-xyz'"));
	sw_mon_config_free(c);
}

/* ---- values ------------------------------------------------------------------ */

static void values(void **state)
{
	static const struct {
		const char *s;
		uint64_t thr, win_s;
		bool ok;
	} rates[] = {
		{ "5", 5, 0, true },
		{ "5次/分钟", 5, 60, true },
		{ "连接数 > 100/分钟", 100, 60, true },
		{ "> 100/min", 100, 60, true },
		{ ">= 3 per 2m", 2, 120, true },
		{ "10/30s", 10, 30, true },
		{ "7 times per hour", 7, 3600, true },
		{ "0", 0, 0, true },
		{ "≥ 2/秒", 1, 1, true },
		{ "", 0, 0, false },
		{ "five", 0, 0, false },
		{ ">= 0", 0, 0, false },
		{ "5/fortnight", 0, 0, false },
		{ "5/0s", 0, 0, false },
		{ "2.5/min", 0, 0, false },
		{ "5 apples", 0, 0, false },
	};
	static const struct {
		const char *s;
		uint64_t v;
		bool ok;
	} sizes[] = {
		{ "128MB", 128ull << 20, true }, { "512KB", 512ull << 10, true }, { "4096", 4096, true },
		{ "1.5G", 3ull << 29, true },    { "64 MiB", 64ull << 20, true }, { "1k", 1024, true },
		{ "MB", 0, false },              { "-1MB", 0, false },           { "1.3B", 0, false },
		{ "99999999999TB", 0, false },   { "12 parsecs", 0, false },
	};
	static const struct {
		const char *s;
		uint64_t ns;
		bool ok;
	} durations[] = {
		{ "30s", 30 * SW_NS_PER_SEC, true },   { "1m", 60 * SW_NS_PER_SEC, true },
		{ "1m30s", 90 * SW_NS_PER_SEC, true }, { "500ms", 500000000, true },
		{ "2h", 7200 * SW_NS_PER_SEC, true },  { "45", 45 * SW_NS_PER_SEC, true },
		{ "1分钟", 60 * SW_NS_PER_SEC, true },  { "10秒", 10 * SW_NS_PER_SEC, true },
		{ "soon", 0, false },                  { "5 fortnights", 0, false },
		{ "", 0, false },
	};
	const char *why;
	bool b;
	double r;

	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		uint64_t thr = 99, win = 99;
		int rc = sw_mon_parse_rate(rates[i].s, &thr, &win, &why);

		if ((rc == 0) != rates[i].ok)
			fail_msg("rate '%s': rc %d", rates[i].s, rc);
		if (rc == 0 && (thr != rates[i].thr || win != rates[i].win_s * SW_NS_PER_SEC))
			fail_msg("rate '%s': %llu per %llu ns", rates[i].s, (unsigned long long)thr,
				 (unsigned long long)win);
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint64_t v = 0;
		int rc = sw_mon_parse_size(sizes[i].s, &v, &why);

		if ((rc == 0) != sizes[i].ok || (rc == 0 && v != sizes[i].v))
			fail_msg("size '%s': rc %d, %llu", sizes[i].s, rc, (unsigned long long)v);
	}
	for (size_t i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
		uint64_t v = 0;
		int rc = sw_mon_parse_duration(durations[i].s, false, &v, &why);

		if ((rc == 0) != durations[i].ok || (rc == 0 && v != durations[i].ns))
			fail_msg("duration '%s': rc %d, %llu", durations[i].s, rc, (unsigned long long)v);
	}
	assert_int_equal(sw_mon_parse_bool("开启", &b), 0);
	assert_true(b);
	assert_int_equal(sw_mon_parse_bool("Off", &b), 0);
	assert_false(b);
	assert_int_equal(sw_mon_parse_bool("perhaps", &b), -1);
	assert_int_equal(sw_mon_parse_ratio("10%", &r, &why), 0);
	assert_true(r > 0.0999 && r < 0.1001);
	assert_int_equal(sw_mon_parse_ratio("0", &r, &why), -1);
	assert_int_equal(sw_mon_parse_ratio("nan", &r, &why), -1);
}

/* ---- hostile input -------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)rng_state;
}

/* Mutates the seed example thousands of ways; every result is either
 * accepted or refused with a "file:line:column: " message, never a crash. */
static void mutations_never_crash(void **state)
{
	static const char *const tokens[] = { ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!binary ", "\"", "'",
					      "\n", "  ", "\t", "%", "#", "|", ">", "---\n", "...\n", "\xff",
					      "\xe5", "?", ",", "\\", "0", "1e999", "-1", "~", "<<: *a\n" };
	size_t len;
	char *seed = read_file(SEED_PATH, &len);
	char *buf = malloc(len * 2 + 64);
	unsigned accepted = 0, refused = 0;

	for (int iter = 0; iter < 4000; iter++) {
		size_t n = len;
		struct sw_mon_config *cfg = NULL;
		struct sw_err err = { 0 };
		int edits = 1 + (int)(rnd() % 4);

		memcpy(buf, seed, len);
		for (int e = 0; e < edits; e++) {
			size_t at = n ? rnd() % n : 0;

			switch (rnd() % 4) {
			case 0: /* flip a byte */
				if (n)
					buf[at] = (char)rnd();
				break;
			case 1: /* cut */
				n = at;
				break;
			case 2: { /* insert a YAML token */
				const char *t = tokens[rnd() % (sizeof(tokens) / sizeof(tokens[0]))];
				size_t tl = strlen(t);

				if (n + tl < len * 2 + 32) {
					memmove(buf + at + tl, buf + at, n - at);
					memcpy(buf + at, t, tl);
					n += tl;
				}
				break;
			}
			case 3: /* delete a run */
				if (n) {
					size_t k = rnd() % 8;

					if (at + k > n)
						k = n - at;
					memmove(buf + at, buf + at + k, n - at - k);
					n -= k;
				}
				break;
			}
		}
		if (sw_mon_config_parse(&cfg, "fuzz.yaml", buf, n, &err) == 0) {
			accepted++;
			assert_non_null(cfg);
			assert_true(cfg->sample_every >= 1);
			sw_mon_config_free(cfg);
		} else {
			unsigned line, col;

			refused++;
			assert_null(cfg);
			if (sscanf(err.msg, "fuzz.yaml:%u:%u: ", &line, &col) != 2)
				fail_msg("error without a position: '%s'", err.msg);
			assert_true(line >= 1 && col >= 1);
		}
	}
	/* the mutations must exercise both paths */
	assert_true(accepted > 50);
	assert_true(refused > 1000);
	free(buf);
	free(seed);
}

/* Aliases that multiply (a "billion laughs") are bounded, not expanded. */
static void alias_bomb_is_bounded(void **state)
{
	const char *bomb =
		"a: &a [openat, openat, openat, openat, openat, openat, openat, openat, openat, openat]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"syscalls:\n  include: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
	const char *msg = parse_err(bomb);

	/* a: is not a known key; either way it must stop, not expand */
	assert_non_null(strstr(msg, "t.yaml:1:1:"));
	msg = parse_err("syscalls:\n  include: &x [openat, *x]\n");
	assert_non_null(strstr(msg, "t.yaml:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_example_loads),
		cmocka_unit_test(english_schema),
		cmocka_unit_test(defaults_and_builtins),
		cmocka_unit_test(errors_have_positions),
		cmocka_unit_test(user_lookups),
		cmocka_unit_test(values),
		cmocka_unit_test(mutations_never_crash),
		cmocka_unit_test(alias_bomb_is_bounded),
	};
	return cmocka_run_group_tests_name("monitor_config", tests, NULL, NULL);
}
