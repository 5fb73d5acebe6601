/* SPDX-License-Identifier: GPL-2.0-only */
/* Where the monitor writes: events and alerts as JSON Lines files (created
 * 0600), alerts on stdout and to syslog. Every string is JSON-escaped, so no
 * file name or command name, whatever its bytes, can break or forge a line.
 * A line is always written whole: batched lines are kept in memory and
 * written together at a flush, never split between two flushes. */
#ifndef SW_MONITOR_SINK_H
#define SW_MONITOR_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "monitor/config.h"
#include "monitor/rules.h"
#include "util/error.h"
#include "util/strbuf.h"

struct sw_mon_sinks;

struct sw_mon_sink_stats {
	uint64_t events;  /* event lines written */
	uint64_t alerts;  /* alerts written (to at least one output) */
	uint64_t errors;  /* writes that failed */
	uint64_t rotations; /* the events file rotated (outputs.events_max_size) */
};

/* Opens the outputs cfg names (files are created 0600, appended to); the
 * syslog socket is connected lazily and reconnected after errors. */
int sw_mon_sinks_open(struct sw_mon_sinks **out, const struct sw_mon_config *cfg, struct sw_err *err);
/* Flushes and closes; NULL ok. */
void sw_mon_sinks_close(struct sw_mon_sinks *s);
/* Writes an event line (buffered when cfg->batching). */
int sw_mon_sinks_event(struct sw_mon_sinks *s, const struct sw_event *ev);
/* Writes an alert to every alert output, at once. */
int sw_mon_sinks_alert(struct sw_mon_sinks *s, const struct sw_mon_alert *a);
/* An events_lost record to the alert sinks (the alerts file, stdout,
 * syslog): lost events in the last secs seconds, their share, the total. */
int sw_mon_sinks_lost(struct sw_mon_sinks *s, uint64_t lost, double secs, double ratio, uint64_t total);
/* Writes what batching holds. */
int sw_mon_sinks_flush(struct sw_mon_sinks *s);
void sw_mon_sinks_stats(const struct sw_mon_sinks *s, struct sw_mon_sink_stats *st);
/* Copies the last write error (one line) into buf and clears it; false if none. */
bool sw_mon_sinks_take_error(struct sw_mon_sinks *s, char *buf, size_t len);

struct sw_mon_users;
struct sw_mon_cgroups;
/* What gives ids their names: users (no "user" fields when NULL), cgroups
 * (no "cgroup" / "container_id" fields when NULL). */
struct sw_mon_names {
	struct sw_mon_users *users;
	struct sw_mon_cgroups *cgroups;
};
/* One JSON object, without the newline; names may be NULL. */
void sw_mon_format_event(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_mon_names *names);
void sw_mon_format_alert(struct sw_strbuf *sb, const struct sw_mon_alert *a, const char *host,
			 const struct sw_mon_names *names);
/* "2026-03-01T12:00:00.123Z" */
void sw_mon_format_time(struct sw_strbuf *sb, uint64_t ts_ns);

#endif
