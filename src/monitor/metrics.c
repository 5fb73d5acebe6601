// SPDX-License-Identifier: GPL-2.0-only
/* Prometheus exposition of the monitor's counters, and the HTTP endpoint
 * (libmicrohttpd, its own thread) that serves it. */
#include "monitor/metrics.h"

#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "monitor/config.h"

/* ---- counters -------------------------------------------------------------------- */

static struct sw_mon_alert_count *alert_entry(struct sw_mon_counters *c, const char *rule, unsigned severity)
{
	for (size_t i = 0; i < c->nalerts; i++)
		if (c->alerts[i].severity == severity && strcmp(c->alerts[i].rule, rule) == 0)
			return &c->alerts[i];
	c->alerts = sw_xrealloc(c->alerts, (c->nalerts + 1) * sizeof(*c->alerts));
	c->alerts[c->nalerts].rule = sw_xstrdup(rule);
	c->alerts[c->nalerts].severity = (uint8_t)severity;
	c->alerts[c->nalerts].n = 0;
	return &c->alerts[c->nalerts++];
}

void sw_mon_counters_count_alert(struct sw_mon_counters *c, const char *rule, unsigned severity)
{
	alert_entry(c, rule, severity)->n++;
}

void sw_mon_counters_declare_rule(struct sw_mon_counters *c, const char *rule, unsigned severity)
{
	alert_entry(c, rule, severity);
}

void sw_mon_counters_copy(struct sw_mon_counters *dst, const struct sw_mon_counters *src)
{
	struct sw_mon_alert_count *alerts = dst->alerts;
	size_t have = dst->nalerts;

	/* entries are only ever appended, in the same order, so the names
	 * already copied stay valid */
	memcpy(dst, src, sizeof(*dst));
	dst->alerts = sw_xrealloc(alerts, (src->nalerts ? src->nalerts : 1) * sizeof(*alerts));
	for (size_t i = 0; i < src->nalerts; i++) {
		if (i >= have)
			dst->alerts[i].rule = sw_xstrdup(src->alerts[i].rule);
		dst->alerts[i].severity = src->alerts[i].severity;
		dst->alerts[i].n = src->alerts[i].n;
	}
	dst->nalerts = src->nalerts;
}

void sw_mon_counters_release(struct sw_mon_counters *c)
{
	for (size_t i = 0; i < c->nalerts; i++)
		free(c->alerts[i].rule);
	free(c->alerts);
	c->alerts = NULL;
	c->nalerts = 0;
}

/* ---- exposition -------------------------------------------------------------------- */

static void head(struct sw_strbuf *sb, const char *name, const char *type, const char *help)
{
	sw_strbuf_printf(sb, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void label_value(struct sw_strbuf *sb, const char *s)
{
	sw_strbuf_putc(sb, '"');
	for (; *s; s++) {
		if (*s == '\\')
			sw_strbuf_puts(sb, "\\\\");
		else if (*s == '"')
			sw_strbuf_puts(sb, "\\\"");
		else if (*s == '\n')
			sw_strbuf_puts(sb, "\\n");
		else
			sw_strbuf_putc(sb, *s);
	}
	sw_strbuf_putc(sb, '"');
}

static void one_u64(struct sw_strbuf *sb, const char *name, const char *type, const char *help, uint64_t v)
{
	head(sb, name, type, help);
	sw_strbuf_printf(sb, "%s %llu\n", name, (unsigned long long)v);
}

static void one_double(struct sw_strbuf *sb, const char *name, const char *help, double v)
{
	head(sb, name, "gauge", help);
	sw_strbuf_printf(sb, "%s %.17g\n", name, v);
}

/* The standard process metrics, read when scraped. */
static void process_metrics(struct sw_strbuf *sb)
{
	struct rusage ru;
	unsigned long long size, resident;
	FILE *f;

	if (getrusage(RUSAGE_SELF, &ru) == 0) {
		head(sb, "process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.");
		sw_strbuf_printf(sb, "process_cpu_seconds_total %.6f\n",
				 (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
					 ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6);
	}
	if ((f = fopen("/proc/self/statm", "re"))) {
		if (fscanf(f, "%llu %llu", &size, &resident) == 2)
			one_u64(sb, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
				(uint64_t)resident * (uint64_t)sysconf(_SC_PAGESIZE));
		fclose(f);
	}
}

void sw_mon_metrics_render(struct sw_strbuf *sb, const struct sw_mon_counters *c)
{
	one_u64(sb, "syswatch_events_received_total", "counter",
		"Events the engine delivered to the monitor.", c->events_received);
	one_u64(sb, "syswatch_events_filtered_total", "counter",
		"Events dropped by the process filters.", c->events_filtered);
	one_u64(sb, "syswatch_events_recorded_total", "counter",
		"Events written to the events file.", c->events_recorded);
	one_u64(sb, "syswatch_events_lost_total", "counter",
		"Events the kernel produced but could not deliver (ring buffer full).", c->events_lost);
	one_double(sb, "syswatch_events_lost_ratio",
		   "Share of events lost over the last report interval.", c->lost_ratio);

	head(sb, "syswatch_syscall_events_total", "counter", "Events that passed the filters, by syscall.");
	for (int nr = 0; nr < SW_NR_MAX; nr++) {
		const struct sw_syscall *sc;

		if (!c->syscalls[nr])
			continue;
		if ((sc = sw_syscall_by_nr(nr)))
			sw_strbuf_printf(sb, "syswatch_syscall_events_total{syscall=\"%s\"} %llu\n", sc->name,
					 (unsigned long long)c->syscalls[nr]);
		else
			sw_strbuf_printf(sb, "syswatch_syscall_events_total{syscall=\"syscall_%d\"} %llu\n", nr,
					 (unsigned long long)c->syscalls[nr]);
	}

	head(sb, "syswatch_alerts_total", "counter", "Alerts fired, by rule and severity.");
	for (size_t i = 0; i < c->nalerts; i++) {
		sw_strbuf_puts(sb, "syswatch_alerts_total{rule=");
		label_value(sb, c->alerts[i].rule);
		sw_strbuf_printf(sb, ",severity=\"%s\"} %llu\n", sw_mon_severity_name(c->alerts[i].severity),
				 (unsigned long long)c->alerts[i].n);
	}

	one_u64(sb, "syswatch_config_reloads_total", "counter", "Configuration reloads that applied.",
		c->reloads);
	one_u64(sb, "syswatch_config_reload_failures_total", "counter",
		"Configuration reloads refused (the previous configuration stayed).", c->reload_failures);
	one_u64(sb, "syswatch_config_last_reload_successful", "gauge",
		"1 if the last reload (or the start) applied its configuration, 0 if it was refused.",
		(uint64_t)c->last_reload_ok);
	one_double(sb, "syswatch_config_last_reload_success_timestamp_seconds",
		   "When a configuration was last applied.", c->last_reload_time);
	one_u64(sb, "syswatch_output_errors_total", "counter", "Writes to an output that failed.",
		c->output_errors);
	one_u64(sb, "syswatch_rule_keys", "gauge", "Keys (processes, users, commands) with a live rule window.",
		c->rule_keys);
	one_u64(sb, "syswatch_rule_memory_bytes", "gauge", "Memory the rule windows use.", c->rule_bytes);
	one_u64(sb, "syswatch_rule_keys_evicted_total", "counter",
		"Rule windows forgotten to stay within the memory limit.", c->rule_evictions);
	one_u64(sb, "syswatch_ring_buffer_bytes", "gauge", "Size of the kernel ring buffer.", c->ring_bytes);
	one_double(sb, "syswatch_sample_ratio", "Share of events the engine keeps (1 = all).", c->sample_ratio);
	one_u64(sb, "syswatch_bpf_map_bytes", "gauge", "Kernel memory of the BPF maps, ring buffer included.",
		c->bpf_map_bytes);
	one_u64(sb, "syswatch_bpf_program_bytes", "gauge", "Size of the largest loaded BPF program.",
		c->bpf_prog_bytes);
	one_double(sb, "syswatch_start_time_seconds", "When the monitor started, in seconds since the epoch.",
		   c->start_time);
	one_u64(sb, "syswatch_verifications_total", "counter", "Processes traced by action: verify.",
		c->verifications);
	one_u64(sb, "syswatch_verifications_skipped_total", "counter",
		"Verifications not started: outputs.max_verifications were running.", c->verify_skipped);
	one_u64(sb, "syswatch_kills_total", "counter", "Processes marked for SIGKILL by action: kill.", c->kills);
	head(sb, "syswatch_build_info", "gauge", "The version and commit this monitor was built from (always 1).");
	sw_strbuf_puts(sb, "syswatch_build_info{version=");
	label_value(sb, sw_version());
	sw_strbuf_puts(sb, ",commit=");
	label_value(sb, sw_git_commit()[0] ? sw_git_commit() : "unknown");
	sw_strbuf_puts(sb, "} 1\n");
	process_metrics(sb);
}

/* ---- published copy ------------------------------------------------------------------ */

struct sw_mon_metrics {
	pthread_mutex_t lock;
	struct sw_mon_counters c;
};

struct sw_mon_metrics *sw_mon_metrics_new(void)
{
	struct sw_mon_metrics *m = sw_xcalloc(1, sizeof(*m));

	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void sw_mon_metrics_free(struct sw_mon_metrics *m)
{
	if (!m)
		return;
	sw_mon_counters_release(&m->c);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

void sw_mon_metrics_publish(struct sw_mon_metrics *m, const struct sw_mon_counters *c)
{
	pthread_mutex_lock(&m->lock);
	sw_mon_counters_copy(&m->c, c);
	pthread_mutex_unlock(&m->lock);
}

/* ---- HTTP ---------------------------------------------------------------------------- */

struct sw_mon_http {
	struct MHD_Daemon *d;
	struct sw_mon_metrics *m;
	unsigned port;
};

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *type, const char *body,
			     size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **state)
{
	static const char text[] = "text/plain; charset=utf-8";
	struct sw_mon_http *h = cls;
	struct sw_strbuf sb = SW_STRBUF_INIT;
	enum MHD_Result rc;

	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, text, "only GET and HEAD\n", 18);
	if (*upload_size)
		return MHD_NO;
	if (strcmp(url, "/") == 0)
		return reply(conn, MHD_HTTP_OK, text, "syswatch monitor: metrics at /metrics\n", 38);
	if (strcmp(url, "/metrics") != 0)
		return reply(conn, MHD_HTTP_NOT_FOUND, text, "not found\n", 10);
	pthread_mutex_lock(&h->m->lock);
	sw_mon_metrics_render(&sb, &h->m->c);
	pthread_mutex_unlock(&h->m->lock);
	rc = reply(conn, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", sw_strbuf_str(&sb), sb.len);
	sw_strbuf_release(&sb);
	return rc;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	/* the endpoint's own complaints (a client hanging up) are not the monitor's errors */
}

int sw_mon_http_start(struct sw_mon_http **out, struct sw_mon_metrics *m, const struct sockaddr *sa,
		      socklen_t salen, struct sw_err *err)
{
	struct sw_mon_http *h = sw_xcalloc(1, sizeof(*h));
	struct sockaddr_storage bound;
	socklen_t blen = sizeof(bound);
	int one = 1, fd;

	/* the socket is ours, so bind errors name their cause and port 0 works */
	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		free(h);
		return sw_err_set(err, "cannot create the metrics socket: %s", strerror(errno));
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, sa, salen) < 0 || listen(fd, 16) < 0 || getsockname(fd, (struct sockaddr *)&bound, &blen) < 0) {
		int e = errno;

		close(fd);
		free(h);
		return sw_err_set(err, "cannot listen for metrics: %s", strerror(e));
	}
	h->port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
						    : ((struct sockaddr_in *)&bound)->sin_port);
	h->m = m;
	h->d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | (sa->sa_family == AF_INET6 ? MHD_USE_IPv6 : 0),
				0, NULL, NULL, on_request, h,
				MHD_OPTION_LISTEN_SOCKET, fd,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)32,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
				MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
				MHD_OPTION_END);
	if (!h->d) {
		close(fd);
		free(h);
		return sw_err_set(err, "cannot start the metrics endpoint");
	}
	*out = h;
	return 0;
}

unsigned sw_mon_http_port(const struct sw_mon_http *h)
{
	return h->port;
}

void sw_mon_http_stop(struct sw_mon_http *h)
{
	if (!h)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
