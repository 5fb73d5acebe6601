// SPDX-License-Identifier: GPL-2.0-only
/* The metrics endpoint: the Prometheus text format, served by a real
 * libmicrohttpd on loopback, read with a plain socket client. Also the
 * measurement of real BPF objects the daemon checks against its limits. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <linux/bpf.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/syscalls.h"
#include "monitor/bpfinfo.h"
#include "monitor/config.h"
#include "monitor/metrics.h"
#include "util/strbuf.h"

/* One HTTP/1.0 request; returns the whole response. */
static char *http(int family, unsigned port, const char *request)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct sw_strbuf sb = SW_STRBUF_INIT;
	char buf[4096];
	ssize_t n;
	int fd = socket(family, SOCK_STREAM, 0);

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		s6->sin6_port = htons((uint16_t)port);
		len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		s4->sin_port = htons((uint16_t)port);
		len = sizeof(*s4);
	}
	assert_true(fd >= 0);
	if (connect(fd, (struct sockaddr *)&ss, len) < 0) {
		close(fd);
		return NULL;
	}
	assert_int_equal(write(fd, request, strlen(request)), (ssize_t)strlen(request));
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sw_strbuf_add(&sb, buf, (size_t)n);
	close(fd);
	return sb.buf ? sb.buf : calloc(1, 1);
}

static unsigned count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	unsigned n = 0;

	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static struct sw_mon_config *config(const char *yaml)
{
	struct sw_mon_config *cfg = NULL;
	struct sw_err err;

	if (sw_mon_config_parse(&cfg, "t.yaml", yaml, strlen(yaml), &err) < 0)
		fail_msg("%s", err.msg);
	return cfg;
}

/* Each line is a HELP, a TYPE, or a sample of the family announced last. */
static void check_exposition(const char *text)
{
	char family[128] = "";
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		char name[128];
		double v;
		int used = 0;

		assert_non_null(nl);
		if (strncmp(p, "# HELP ", 7) == 0) {
			assert_int_equal(sscanf(p + 7, "%127[a-zA-Z0-9_:] ", family), 1);
		} else if (strncmp(p, "# TYPE ", 7) == 0) {
			char type[32];

			assert_int_equal(sscanf(p + 7, "%127[a-zA-Z0-9_:] %31[a-z]", name, type), 2);
			assert_string_equal(name, family);
			assert_true(strcmp(type, "counter") == 0 || strcmp(type, "gauge") == 0);
		} else {
			assert_int_equal(sscanf(p, "%127[a-zA-Z0-9_:]%n", name, &used), 1);
			assert_string_equal(name, family);
			if (p[used] == '{') {
				const char *q = p + used + 1;

				while (*q != '}') { /* name="value" pairs, escapes \\ \" \n only */
					while ((*q >= 'a' && *q <= 'z') || *q == '_')
						q++;
					assert_int_equal(*q++, '=');
					assert_int_equal(*q++, '"');
					while (*q != '"') {
						assert_true(*q != '\n' && q < nl);
						if (*q == '\\') {
							q++;
							assert_non_null(strchr("\\\"n", *q));
						}
						q++;
					}
					q++;
					if (*q == ',')
						q++;
				}
				used = (int)(q + 1 - p);
			}
			assert_int_equal(p[used], ' ');
			assert_int_equal(sscanf(p + used + 1, "%lf", &v), 1);
		}
		p = nl + 1;
	}
}

static void exposition_format(void **state)
{
	struct sw_mon_counters c;
	struct sw_strbuf sb = SW_STRBUF_INIT;
	const struct sw_syscall *openat = sw_syscall_by_name("openat");

	memset(&c, 0, sizeof(c));
	c.events_received = 1234;
	c.events_lost = 5;
	c.lost_ratio = 0.004;
	c.syscalls[openat->nr] = 77;
	c.syscalls[SW_NR_MAX - 1] = 1; /* no name: shown by number */
	sw_mon_counters_count_alert(&c, "mass-file-deletion", SW_SEV_WARNING);
	sw_mon_counters_count_alert(&c, "mass-file-deletion", SW_SEV_WARNING);
	sw_mon_counters_count_alert(&c, "evil\"rule\\\nname", SW_SEV_CRITICAL);
	sw_mon_counters_count_alert(&c, "异常网络连接", SW_SEV_CRITICAL);
	sw_mon_metrics_render(&sb, &c);
	check_exposition(sb.buf);
	assert_non_null(strstr(sb.buf, "\nsyswatch_events_received_total 1234\n"));
	assert_non_null(strstr(sb.buf, "\nsyswatch_events_lost_total 5\n"));
	assert_non_null(strstr(sb.buf, "\nsyswatch_syscall_events_total{syscall=\"openat\"} 77\n"));
	assert_non_null(strstr(sb.buf, "syswatch_alerts_total{rule=\"mass-file-deletion\",severity=\"warning\"} 2\n"));
	assert_non_null(strstr(sb.buf, "syswatch_alerts_total{rule=\"evil\\\"rule\\\\\\nname\",severity=\"critical\"} 1\n"));
	assert_non_null(strstr(sb.buf, "syswatch_alerts_total{rule=\"异常网络连接\",severity=\"critical\"} 1\n"));
	assert_non_null(strstr(sb.buf, "# TYPE syswatch_config_reload_failures_total counter\n"));
	sw_strbuf_release(&sb);
	sw_mon_counters_release(&c);
}

static void serve_over_http(int family, const char *yaml)
{
	struct sw_mon_config *cfg = config(yaml);
	struct sw_mon_metrics *m = sw_mon_metrics_new();
	struct sw_mon_counters c;
	struct sw_mon_http *h;
	struct sw_err err;
	unsigned fds = count_fds(), port;
	char *resp;

	memset(&c, 0, sizeof(c));
	c.events_received = 42;
	sw_mon_metrics_publish(m, &c);
	assert_int_equal(sw_mon_http_start(&h, m, (struct sockaddr *)&cfg->metrics_sa, cfg->metrics_salen, &err), 0);
	port = sw_mon_http_port(h);
	assert_true(port > 0);

	resp = http(family, port, "GET /metrics HTTP/1.0\r\n\r\n");
	assert_non_null(resp);
	assert_int_equal(strncmp(resp, "HTTP/1.0 200", 12) == 0 || strncmp(resp, "HTTP/1.1 200", 12) == 0, 1);
	assert_non_null(strstr(resp, "text/plain; version=0.0.4"));
	assert_non_null(strstr(resp, "\nsyswatch_events_received_total 42\n"));
	check_exposition(strstr(resp, "\r\n\r\n") + 4);
	free(resp);

	/* a later publish is what the next scrape sees */
	c.events_received = 43;
	sw_mon_counters_count_alert(&c, "r", SW_SEV_INFO);
	sw_mon_metrics_publish(m, &c);
	resp = http(family, port, "GET /metrics HTTP/1.0\r\n\r\n");
	assert_non_null(strstr(resp, "\nsyswatch_events_received_total 43\n"));
	assert_non_null(strstr(resp, "syswatch_alerts_total{rule=\"r\",severity=\"info\"} 1\n"));
	free(resp);

	resp = http(family, port, "GET /nope HTTP/1.0\r\n\r\n");
	assert_non_null(strstr(resp, " 404 "));
	free(resp);
	resp = http(family, port, "POST /metrics HTTP/1.0\r\nContent-Length: 0\r\n\r\n");
	assert_non_null(strstr(resp, " 405 "));
	free(resp);

	/* stopping closes the socket: nothing answers, no descriptor is left */
	sw_mon_http_stop(h);
	assert_null(http(family, port, "GET /metrics HTTP/1.0\r\n\r\n"));
	assert_int_equal(count_fds(), fds);
	sw_mon_metrics_free(m);
	sw_mon_counters_release(&c);
	sw_mon_config_free(cfg);
}

static void http_ipv4(void **state)
{
	serve_over_http(AF_INET, "outputs: {metrics: 127.0.0.1:0}\n");
}

static void http_ipv6(void **state)
{
	int fd = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };

	if (fd < 0 || bind(fd, (struct sockaddr *)&s6, sizeof(s6)) < 0) {
		if (fd >= 0)
			close(fd);
		skip(); /* no IPv6 loopback here */
	}
	close(fd);
	serve_over_http(AF_INET6, "outputs: {metrics: \"[::1]:0\"}\n");
}

static void port_in_use(void **state)
{
	struct sw_mon_config *cfg = config("outputs: {metrics: 127.0.0.1:0}\n");
	struct sw_mon_metrics *m = sw_mon_metrics_new();
	struct sw_mon_http *h, *h2;
	struct sw_err err;
	char yaml[128];

	assert_int_equal(sw_mon_http_start(&h, m, (struct sockaddr *)&cfg->metrics_sa, cfg->metrics_salen, &err), 0);
	snprintf(yaml, sizeof(yaml), "outputs: {metrics: 127.0.0.1:%u}\n", sw_mon_http_port(h));
	sw_mon_config_free(cfg);
	cfg = config(yaml);
	assert_int_equal(sw_mon_http_start(&h2, m, (struct sockaddr *)&cfg->metrics_sa, cfg->metrics_salen, &err), -1);
	assert_non_null(strstr(err.msg, "Address already in use"));
	sw_mon_http_stop(h);
	sw_mon_metrics_free(m);
	sw_mon_config_free(cfg);
}

/* ---- BPF objects, measured from the kernel ------------------------------------- */

static int bpf(int cmd, union bpf_attr *attr)
{
	return (int)syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

static void bpf_objects_measured(void **state)
{
	struct bpf_insn prog[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct sw_mon_bpfinfo before, after;
	union bpf_attr attr;
	int map, pfd;

	assert_int_equal(sw_mon_bpfinfo_measure(&before), 0);
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4096;
	attr.max_entries = 256;
	map = bpf(BPF_MAP_CREATE, &attr);
	if (map < 0) {
		print_message("no BPF here (%s): skipped\n", strerror(errno));
		skip();
	}
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (uint64_t)(uintptr_t)prog;
	attr.insn_cnt = 2;
	attr.license = (uint64_t)(uintptr_t)"GPL";
	snprintf(attr.prog_name, sizeof(attr.prog_name), "sw_test_prog");
	pfd = bpf(BPF_PROG_LOAD, &attr);
	assert_true(pfd >= 0);
	assert_int_equal(sw_mon_bpfinfo_measure(&after), 0);
	assert_int_equal(after.maps, before.maps + 1);
	assert_int_equal(after.progs, before.progs + 1);
	/* 256 values of 4KB: at least 1MB charged */
	assert_true(after.map_bytes - before.map_bytes >= 256 * 4096);
	assert_true(after.largest_prog >= 2 * sizeof(struct bpf_insn));
	assert_string_equal(after.largest_name, "sw_test_prog");
	/* a descriptor duplicated is still one map */
	int dup_fd = dup(map);

	assert_int_equal(sw_mon_bpfinfo_measure(&after), 0);
	assert_int_equal(after.maps, before.maps + 1);
	close(dup_fd);
	close(pfd);
	close(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exposition_format),
		cmocka_unit_test(http_ipv4),
		cmocka_unit_test(http_ipv6),
		cmocka_unit_test(port_in_use),
		cmocka_unit_test(bpf_objects_measured),
	};
	return cmocka_run_group_tests_name("monitor_metrics", tests, NULL, NULL);
}
