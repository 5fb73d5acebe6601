// SPDX-License-Identifier: GPL-2.0-only
/* The monitor's outputs: JSON Lines that hostile names cannot break, files
 * created 0600, batching that never splits a line, and syslog on a real
 * socket. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/syscalls.h"
#include "monitor/config.h"
#include "monitor/rules.h"
#include "monitor/sink.h"
#include "util/strbuf.h"
#include "test_monitor_json.h"

/* a comm and a path that try to end the line and start a forged alert */
static const char evil_comm[] = "x\"}\n{\"rule\x01\xff";
static const char evil_path[] = "/tmp/a\nb\"}\n{\"type\":\"alert\",\"rule\":\"fake\"}\x1b[31m\xc3\x28\xed\xa0\x80\\";

static struct sw_event *hostile_event(const char *syscall)
{
	const struct sw_syscall *sc = sw_syscall_by_name(syscall);
	struct sw_event *ev = sw_event_new(4096);
	unsigned arg = 0;
	uint8_t *buf;

	assert_non_null(sc);
	ev->kind = SW_EV_SYSCALL;
	ev->nr = sc->nr;
	ev->pid = ev->tid = 4242;
	ev->uid = 1000;
	ev->ts_ns = 1700000000123456789ull;
	ev->ret = -2;
	memcpy(ev->comm, evil_comm, sizeof(evil_comm) - 1);
	for (int i = 0; sc->nargs > 0 && i < sc->nargs; i++)
		if (sc->args[i].type == SW_T_PATH)
			arg = (unsigned)i, i = sc->nargs;
	assert_non_null(sw_event_add_capture(ev, arg, SW_CAP_STR, sizeof(evil_path) - 1, &buf));
	memcpy(buf, evil_path, sizeof(evil_path) - 1);
	return ev;
}

/* Every line of buf is one valid JSON object; returns the number of lines. */
static unsigned check_lines(const char *buf, size_t len)
{
	unsigned lines = 0;
	const char *p = buf, *end = buf + len;

	assert_true(len > 0 && buf[len - 1] == '\n');
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		assert_non_null(nl);
		if (!json_valid(p, (size_t)(nl - p), NULL, NULL, 0))
			fail_msg("not one JSON value: '%.*s'", (int)(nl - p), p);
		assert_int_equal(*p, '{');
		lines++;
		p = nl + 1;
	}
	return lines;
}

static void hostile_bytes_stay_in_their_field(void **state)
{
	struct sw_event *ev = hostile_event("openat");
	struct sw_strbuf sb = SW_STRBUF_INIT;
	char field[4096];

	sw_mon_format_event(&sb, ev, NULL);
	assert_null(memchr(sb.buf, '\n', sb.len));
	for (size_t i = 0; i < sb.len; i++)
		assert_true((unsigned char)sb.buf[i] >= 0x20);
	assert_true(json_valid(sb.buf, sb.len, "path", field, sizeof(field)));
	/* the bytes that were valid come back as they were */
	assert_int_equal(strncmp(field, "/tmp/a\nb\"}\n{\"type\":\"alert\",\"rule\":\"fake\"}\x1b[31m", 46), 0);
	assert_int_equal(field[46], '?'); /* \xc3 alone is not UTF-8: escaped as \u00c3 */
	assert_true(json_valid(sb.buf, sb.len, "comm", field, sizeof(field)));
	assert_int_equal(strncmp(field, "x\"}\n{\"rule\x01", 11), 0);
	assert_true(json_valid(sb.buf, sb.len, "syscall", field, sizeof(field)));
	assert_string_equal(field, "openat");
	assert_true(json_valid(sb.buf, sb.len, "errno", field, sizeof(field)));
	assert_string_equal(field, "ENOENT");
	sw_strbuf_release(&sb);
	sw_event_free(ev);
}

struct tmpdir {
	char path[64];
	char events[128], alerts[128], sock[128];
};

static void tmpdir_make(struct tmpdir *t)
{
	snprintf(t->path, sizeof(t->path), "/tmp/sw-sink-XXXXXX");
	assert_non_null(mkdtemp(t->path));
	snprintf(t->events, sizeof(t->events), "%s/events.jsonl", t->path);
	snprintf(t->alerts, sizeof(t->alerts), "%s/alerts.jsonl", t->path);
	snprintf(t->sock, sizeof(t->sock), "%s/log.sock", t->path);
}

static void tmpdir_remove(struct tmpdir *t)
{
	unlink(t->events);
	unlink(t->alerts);
	unlink(t->sock);
	rmdir(t->path);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	struct sw_strbuf sb = SW_STRBUF_INIT;
	char chunk[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sw_strbuf_add(&sb, chunk, n);
	fclose(f);
	*len = sb.len;
	return sb.buf ? sb.buf : calloc(1, 1);
}

static struct sw_mon_config *config_for(const struct tmpdir *t, bool batching, bool syslog)
{
	char yaml[1024];
	struct sw_mon_config *cfg = NULL;
	struct sw_err err;

	snprintf(yaml, sizeof(yaml),
		 "performance: {batching: %s}\n"
		 "rules: [{name: mass-file-deletion, threshold: 1}]\n"
		 "outputs: {events: %s, alerts: %s, stdout: false, syslog: %s, syslog_socket: %s}\n",
		 batching ? "on" : "off", t->events, t->alerts, syslog ? "on" : "off", t->sock);
	if (sw_mon_config_parse(&cfg, "t.yaml", yaml, strlen(yaml), &err) < 0)
		fail_msg("%s", err.msg);
	return cfg;
}

static void files_0600_and_batching(void **state)
{
	struct tmpdir t;
	struct sw_mon_config *cfg;
	struct sw_mon_sinks *s;
	struct sw_event *ev = hostile_event("openat");
	struct sw_err err;
	struct stat st;
	mode_t old = umask(0);
	char *text;
	size_t len;

	tmpdir_make(&t);
	cfg = config_for(&t, true, false);
	assert_int_equal(sw_mon_sinks_open(&s, cfg, &err), 0);
	umask(old);
	assert_int_equal(stat(t.events, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(stat(t.alerts, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* batched: nothing reaches the file before a flush, then every line whole */
	for (int i = 0; i < 100; i++)
		assert_int_equal(sw_mon_sinks_event(s, ev), 0);
	assert_int_equal(stat(t.events, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(sw_mon_sinks_flush(s), 0);
	text = slurp(t.events, &len);
	assert_int_equal(check_lines(text, len), 100);
	free(text);
	sw_mon_sinks_close(s);
	sw_mon_config_free(cfg);

	/* not batched: each line is written at once; files are appended to */
	cfg = config_for(&t, false, false);
	assert_int_equal(sw_mon_sinks_open(&s, cfg, &err), 0);
	assert_int_equal(sw_mon_sinks_event(s, ev), 0);
	text = slurp(t.events, &len);
	assert_int_equal(check_lines(text, len), 101);
	free(text);
	sw_mon_sinks_close(s);
	sw_mon_config_free(cfg);
	sw_event_free(ev);
	tmpdir_remove(&t);
}

struct one_alert {
	struct sw_mon_config *cfg;
	struct sw_mon_rules *rules;
	struct sw_mon_sinks *sinks;
	int rc;
};

static void write_alert_any(const struct sw_mon_alert *a, void *ctx)
{
	struct one_alert *o = ctx;

	o->rc = sw_mon_sinks_alert(o->sinks, a);
}

static void write_alert(const struct sw_mon_alert *a, void *ctx)
{
	struct one_alert *o = ctx;

	assert_int_equal(sw_mon_sinks_alert(o->sinks, a), 0);
}

static void alerts_to_file_and_syslog(void **state)
{
	struct tmpdir t;
	struct one_alert o;
	struct sw_event *ev = hostile_event("unlinkat");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct sw_mon_sink_stats st;
	struct sw_err err;
	char msg[8192], field[4096], buf[SW_ERR_MAX];
	const char *json;
	ssize_t n;
	size_t len;
	char *text;
	int fd;

	tmpdir_make(&t);
	/* a syslog daemon: a datagram socket at the configured path */
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	assert_true(strlen(t.sock) < sizeof(sun.sun_path));
	memcpy(sun.sun_path, t.sock, strlen(t.sock) + 1);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);

	o.cfg = config_for(&t, true, true);
	assert_int_equal(sw_mon_sinks_open(&o.sinks, o.cfg, &err), 0);
	o.rules = sw_mon_rules_new(o.cfg);
	assert_int_equal(sw_mon_rules_feed(o.rules, ev, 1, write_alert, &o), 0);
	ev->ts_ns += 1000;
	assert_int_equal(sw_mon_rules_feed(o.rules, ev, 1, write_alert, &o), 1);

	/* the alert is in the file at once, without a flush */
	text = slurp(t.alerts, &len);
	assert_int_equal(check_lines(text, len), 1);
	assert_true(json_valid(text, len - 1, "rule", field, sizeof(field)));
	assert_string_equal(field, "mass-file-deletion");
	assert_true(json_valid(text, len - 1, "severity", field, sizeof(field)));
	assert_string_equal(field, "warning");
	assert_true(json_valid(text, len - 1, "time", field, sizeof(field)));
	assert_int_equal(strncmp(field, "2023-11-14T22:13:20.", 20), 0);
	assert_non_null(strstr(text, "\"count\":2,"));
	assert_non_null(strstr(text, "\"first\":{"));
	assert_non_null(strstr(text, "\"pid\":4242"));
	free(text);

	/* syslog: daemon facility, warning priority, the same JSON */
	n = recv(fd, msg, sizeof(msg) - 1, MSG_DONTWAIT);
	assert_true(n > 0);
	msg[n] = '\0';
	assert_int_equal(strncmp(msg, "<28>", 4), 0);
	assert_non_null(strstr(msg, " syswatch["));
	json = strstr(msg, "]: ");
	assert_non_null(json);
	assert_true(json_valid(json + 3, strlen(json + 3), "rule", field, sizeof(field)));
	assert_null(strchr(msg, '\n'));

	/* the syslog daemon goes away: the alert still reaches the file, and the
	 * failure is counted and reported */
	close(fd);
	unlink(t.sock);
	sw_mon_rules_free(o.rules);
	o.rules = sw_mon_rules_new(o.cfg);
	o.rc = 0;
	sw_mon_rules_feed(o.rules, ev, 1, write_alert_any, &o);
	ev->ts_ns += 1000;
	assert_int_equal(sw_mon_rules_feed(o.rules, ev, 1, write_alert_any, &o), 1);
	assert_int_equal(o.rc, -1);
	sw_mon_sinks_stats(o.sinks, &st);
	assert_int_equal(st.errors, 1);
	assert_int_equal(st.alerts, 2);
	assert_true(sw_mon_sinks_take_error(o.sinks, buf, sizeof(buf)));
	assert_non_null(strstr(buf, "syslog"));
	assert_false(sw_mon_sinks_take_error(o.sinks, buf, sizeof(buf)));
	text = slurp(t.alerts, &len);
	assert_int_equal(check_lines(text, len), 2);
	free(text);

	sw_mon_rules_free(o.rules);
	sw_mon_sinks_close(o.sinks);
	sw_mon_config_free(o.cfg);
	sw_event_free(ev);
	tmpdir_remove(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostile_bytes_stay_in_their_field),
		cmocka_unit_test(files_0600_and_batching),
		cmocka_unit_test(alerts_to_file_and_syslog),
	};
	return cmocka_run_group_tests_name("monitor_sink", tests, NULL, NULL);
}
