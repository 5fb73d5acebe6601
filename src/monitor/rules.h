/* SPDX-License-Identifier: GPL-2.0-only */
/* The rules engine: counts the events each rule matches per key (process,
 * user, comm or global) over a sliding window, and fires an alert when a
 * window holds more than the rule's threshold. A key fires at most once per
 * window: after an alert it stays quiet until every event that caused it
 * has left the window, so a sustained burst gives one alert per window, not
 * an alert per event.
 *
 * Memory is bounded: a key keeps at most threshold + 1 events, and when the
 * keys of all rules together reach the budget the least recently active key
 * is forgotten (and counted). */
#ifndef SW_MONITOR_RULES_H
#define SW_MONITOR_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "monitor/config.h"
#include "monitor/evfields.h"

/* What an alert says about one event. */
struct sw_mon_evsum {
	uint64_t ts_ns;
	uint32_t pid, tid, uid;
	bool uring;   /* submitted through io_uring (SW_EVF_IOURING) */
	bool creds;   /* the event's credentials are known: */
	uint32_t gid, euid, enter_uid, enter_gid, enter_euid;
	uint32_t ppid, sid;
	char pcomm[SW_COMM_LEN];
	uint64_t cgroup_id;
	int32_t nr;
	int64_t ret;
	uint64_t args[SW_NARGS];
	char comm[SW_COMM_LEN];
	char *path;   /* the event's path argument as captured, or NULL */
	size_t path_len;
	char *addr;   /* a socket address as text ("127.0.0.1:80"), or NULL */
	char *resolved; /* sw_mon_event_resolved, or NULL */
	char *exe;      /* sw_mon_event_exe, or NULL */
};

struct sw_mon_alert {
	const struct sw_mon_rule *rule;
	uint64_t ts_ns;           /* when it fired (the time of the last event) */
	uint8_t key;              /* enum sw_mon_keyby */
	uint64_t key_id;          /* pid or uid */
	char key_comm[SW_COMM_LEN]; /* comm key, or the process's comm */
	uint64_t count;           /* events in the window when it fired */
	const struct sw_mon_evsum *first, *last;
	/* what the rule's action did (filled by the daemon) */
	const char *verify_log;   /* action verify: the log being written, or NULL */
	const char *action_error; /* the action could not be taken: why */
	bool killed;              /* action kill: the process is marked for SIGKILL */
};

typedef void (*sw_mon_alert_fn)(const struct sw_mon_alert *a, void *ctx);

struct sw_mon_rules_stats {
	uint64_t keys;     /* keys with a live window */
	uint64_t bytes;    /* memory they use */
	uint64_t evicted;  /* keys forgotten to stay within the budget */
	uint64_t matched;  /* events that matched a rule */
};

struct sw_mon_rules;

/* The rules of cfg, which must outlive the result; memory per cfg->rule_memory. */
struct sw_mon_rules *sw_mon_rules_new(const struct sw_mon_config *cfg);
void sw_mon_rules_free(struct sw_mon_rules *r);
struct sw_mon_cgroups;
/* The cache cgroup and container tests look ids up in (the caller keeps it). */
void sw_mon_rules_set_cgroups(struct sw_mon_rules *r, struct sw_mon_cgroups *cg);
/* Feeds one event, which stands for weight events (the sampling rate);
 * calls fn for each alert it causes and returns their number. */
unsigned sw_mon_rules_feed(struct sw_mon_rules *r, const struct sw_event *ev, uint32_t weight,
			   sw_mon_alert_fn fn, void *ctx);
/* After a reload: the windows of from's rules that the new config kept
 * unchanged (same name and definition) move to to; from keeps the rest. */
void sw_mon_rules_adopt(struct sw_mon_rules *to, struct sw_mon_rules *from);
/* Forgets keys whose windows are empty at now_ns (same clock as events). */
void sw_mon_rules_expire(struct sw_mon_rules *r, uint64_t now_ns);
void sw_mon_rules_stats(const struct sw_mon_rules *r, struct sw_mon_rules_stats *st);

#endif
