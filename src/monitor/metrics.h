/* SPDX-License-Identifier: GPL-2.0-only */
/* The monitor's counters and their Prometheus text exposition, served over
 * HTTP by libmicrohttpd on a loopback address.
 *
 * The daemon's loop counts in its own struct sw_mon_counters without locks
 * and publishes a copy after each batch of events; the HTTP thread renders
 * from the published copy under a mutex. */
#ifndef SW_MONITOR_METRICS_H
#define SW_MONITOR_METRICS_H

#include <stdint.h>
#include <sys/socket.h>

#include "core/syscalls.h"
#include "util/error.h"
#include "util/strbuf.h"

struct sw_mon_alert_count {
	char *rule;
	uint8_t severity;
	uint64_t n;
};

struct sw_mon_counters {
	uint64_t events_received;   /* delivered by the engine */
	uint64_t events_filtered;   /* dropped by the process filters (and the daemon's own) */
	uint64_t events_recorded;   /* written to the events file */
	uint64_t events_lost;       /* produced in the kernel, never delivered */
	double lost_ratio;          /* lost / (lost + received) over the last report interval */
	uint64_t syscalls[SW_NR_MAX]; /* events that passed the filters, by syscall */
	struct sw_mon_alert_count *alerts; /* by rule and severity; entries are never removed */
	size_t nalerts;
	uint64_t reloads, reload_failures;
	int last_reload_ok;         /* 1 when the last reload (or the start) applied */
	double last_reload_time;    /* seconds since the epoch */
	uint64_t output_errors;
	uint64_t rule_keys, rule_bytes, rule_evictions;
	uint64_t ring_bytes;
	double sample_ratio;
	uint64_t bpf_map_bytes, bpf_prog_bytes;
	double start_time;
	uint64_t verifications, verify_skipped, kills; /* actions taken, and verifications over the cap */
};

void sw_mon_counters_count_alert(struct sw_mon_counters *c, const char *rule, unsigned severity);
/* A zero-valued series for a configured rule, so it exists before it fires. */
void sw_mon_counters_declare_rule(struct sw_mon_counters *c, const char *rule, unsigned severity);
/* dst becomes a deep copy of src (dst's own alert list is reused). */
void sw_mon_counters_copy(struct sw_mon_counters *dst, const struct sw_mon_counters *src);
void sw_mon_counters_release(struct sw_mon_counters *c);

/* The Prometheus text format (version 0.0.4). */
void sw_mon_metrics_render(struct sw_strbuf *sb, const struct sw_mon_counters *c);

struct sw_mon_metrics;

struct sw_mon_metrics *sw_mon_metrics_new(void);
void sw_mon_metrics_free(struct sw_mon_metrics *m);
void sw_mon_metrics_publish(struct sw_mon_metrics *m, const struct sw_mon_counters *c);

/* An HTTP endpoint serving m at /metrics. */
struct sw_mon_http;

int sw_mon_http_start(struct sw_mon_http **out, struct sw_mon_metrics *m, const struct sockaddr *sa,
		      socklen_t salen, struct sw_err *err);
/* The port it listens on (useful when it was asked for port 0). */
unsigned sw_mon_http_port(const struct sw_mon_http *h);
void sw_mon_http_stop(struct sw_mon_http *h);

#endif
