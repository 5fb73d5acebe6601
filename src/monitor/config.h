/* SPDX-License-Identifier: GPL-2.0-only */
/* The monitor's configuration: a YAML file (English keys, or the Chinese keys
 * of the original article as aliases) loaded into one immutable struct. A
 * reload builds a new one and swaps it in only when it is valid. */
#ifndef SW_MONITOR_CONFIG_H
#define SW_MONITOR_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "core/event.h"
#include "core/sysset.h"
#include "monitor/cond.h"
#include "util/error.h"

enum sw_mon_severity {
	SW_SEV_INFO = 0,
	SW_SEV_WARNING,
	SW_SEV_CRITICAL,
	SW_SEV_COUNT
};

/* What a rule counts per: each key has its own window. */
enum sw_mon_keyby {
	SW_KEY_PROCESS = 0, /* thread group id */
	SW_KEY_USER,        /* uid */
	SW_KEY_COMM,        /* command name */
	SW_KEY_GLOBAL,      /* one window for everything */
	SW_KEY_PARENT,      /* the parent's thread group id: a shell loop of short commands */
	SW_KEY_SESSION,     /* session id: everything run from one login */
};

/* What a rule does when it fires, besides the alert. */
enum sw_mon_action {
	SW_ACT_ALERT = 0,
	SW_ACT_VERIFY,  /* trace the process with the ptrace engine for verify_seconds, into a log */
	SW_ACT_KILL,    /* SIGKILL from the kernel at the process's next syscall entry */
};

enum sw_mon_verifier {
	SW_VERIFIER_OFF = 0,    /* no verifier log */
	SW_VERIFIER_NORMAL = 1, /* the verifier's log when a program is rejected */
	SW_VERIFIER_STRICT = 2, /* the full log, and program statistics */
};

struct sw_mon_strs {
	char **v;
	size_t n;
};

struct sw_mon_uids {
	uint32_t *v;
	size_t n;
};

/* Whether comm (a process name, SW_COMM_LEN - 1 bytes at most) is one of s. */
bool sw_mon_strs_has_comm(const struct sw_mon_strs *s, const char *comm);
/* Whether uid is one of u. */
bool sw_mon_uids_has(const struct sw_mon_uids *u, uint32_t uid);

#define SW_MON_MAX_ARGVALS 8

/* "argument index equals one of values" */
struct sw_mon_argcond {
	uint8_t index;
	uint8_t n;
	uint64_t values[SW_MON_MAX_ARGVALS];
};

struct sw_mon_rule {
	char *name;
	char *group;        /* the group it was listed under (告警规则: 可疑行为:), or NULL */
	char *description;
	bool builtin;       /* defined by syswatch (possibly overridden) */
	struct sw_sysset syscalls;
	/* conditions: all must hold */
	struct sw_mon_strs comms, exclude_comms;
	struct sw_mon_uids users, exclude_users;
	struct sw_mon_strs path_prefixes; /* the event's path starts with one of them */
	bool failed_only;
	bool to_root;       /* a set*id call naming uid/gid 0 */
	struct sw_mon_argcond args[SW_NARGS];
	unsigned nargs;
	struct sw_mon_cond *cond;       /* condition: must hold (NULL: none) */
	struct sw_mon_cond *exceptions; /* exceptions: an ANY; an event matching it is not counted */
	/* the alert */
	uint64_t threshold; /* fires when the window holds more events than this */
	uint64_t window_ns;
	uint8_t key;        /* enum sw_mon_keyby */
	uint8_t severity;   /* enum sw_mon_severity */
	uint8_t action;     /* enum sw_mon_action */
	unsigned verify_seconds;
};

/* A named condition rules share (macros:). */
struct sw_mon_macro {
	char *name;
	struct sw_mon_cond cond;
};

struct sw_mon_config {
	char *path;
	/* syscalls */
	struct sw_sysset record;  /* recorded and counted: include minus exclude */
	struct sw_sysset exclude;
	struct sw_sysset traced;  /* asked of the engine: record plus the rules' syscalls, minus exclude */
	/* processes */
	struct sw_mon_uids users, exclude_users;
	struct sw_mon_strs comms, exclude_comms;
	/* performance */
	double sample_rate;
	uint32_t sample_every;    /* the engine keeps 1 event in sample_every */
	uint64_t buffer_size;     /* as written */
	uint64_t ring_size;       /* what the engine gets: a power of two within memory_limit */
	bool batching;
	uint64_t flush_interval_ns;
	double lost_warn_ratio;
	uint64_t lost_report_interval_ns;
	/* limits */
	uint64_t memory_limit;
	uint64_t max_program_size;
	unsigned verifier_level;  /* enum sw_mon_verifier */
	uint64_t maps_estimate;   /* BPF maps other than the ring buffer, before they are measured */
	uint64_t rule_memory;     /* the rules' windows may use this much */
	/* rules */
	struct sw_mon_rule *rules;
	size_t nrules;
	struct sw_mon_macro *macros; /* rules' conditions point into it */
	size_t nmacros;
	/* outputs */
	char *events_path;        /* NULL: events are not written */
	uint64_t events_max_size; /* rotate the events file before it grows past this; 0: never */
	char *verify_dir;         /* action: verify writes its logs here */
	unsigned max_verifications; /* at once; more are counted and logged, not run */
	unsigned events_keep;     /* rotated files kept: events_path.1 .. .N */
	char *alerts_path;
	bool alerts_stdout;
	bool syslog;
	char *syslog_socket;
	char *metrics_addr;       /* as written; NULL: no metrics endpoint */
	struct sockaddr_storage metrics_sa;
	socklen_t metrics_salen;
	/* warnings found while loading, each "file:line:column: text" */
	struct sw_mon_strs warnings;
};

/* Defaults and bounds (documented in README, "Monitor daemon"). */
#define SW_MON_DEFAULT_BUFFER      (16ull << 20)
#define SW_MON_DEFAULT_MEMORY      (128ull << 20)
#define SW_MON_DEFAULT_PROG_SIZE   (512ull << 10)
#define SW_MON_MIN_RING            (64ull << 10)
#define SW_MON_MAPS_ESTIMATE       (8ull << 20) /* measured: about 6MB besides the ring buffer */
#define SW_MON_MAX_RULES           256
#define SW_MON_MIN_ROTATE          (64ull << 10)
#define SW_MON_VERIFY_SECONDS      10
#define SW_MON_MAX_VERIFY_SECONDS  300
#define SW_MON_MAX_VERIFICATIONS   4
#define SW_MON_MAX_THRESHOLD       100000u

/* Loads a config file; on error fills err with "file:line:column: message"
 * and returns -1. Warnings are kept in cfg->warnings. */
int sw_mon_config_load(struct sw_mon_config **out, const char *path, struct sw_err *err);
/* The same from memory; name is used in messages. */
int sw_mon_config_parse(struct sw_mon_config **out, const char *name, const char *text, size_t len,
			struct sw_err *err);
void sw_mon_config_free(struct sw_mon_config *cfg);

const char *sw_mon_severity_name(unsigned sev);
const char *sw_mon_keyby_name(unsigned key);
/* The rule named name, or NULL. */
const struct sw_mon_rule *sw_mon_config_rule(const struct sw_mon_config *cfg, const char *name);

/* Built-in rules, selectable by name (English id or Chinese alias). */
struct sw_mon_builtin {
	const char *id;
	const char *alias;        /* the original article's name, or NULL */
	const char *description;
	const char *syscalls;     /* a syscall set expression */
	const char *const *path_prefixes;
	const char *const *exclude_comms;
	/* built into the rule's condition (all must hold) */
	bool succeeded_only;      /* failed: false */
	const char *const *paths; /* path: the event's path matches one of these globs */
	const char *const *exe_dirs; /* the loaded program is under one of these directories (identity),
	                              * or the written path is (for scripts: the loaded program is then
	                              * the interpreter) */
	bool exe_deleted;         /* the loaded program is deleted or a memfd */
	/* exceptions: the process runs one of these programs (by identity; each
	 * name is looked up in /usr/sbin, /usr/bin, /sbin, /bin) */
	const char *const *exempt_exes;
	bool exclude_root;        /* only processes whose uid is not 0 */
	bool to_root;
	int arg_index;            /* -1: no argument condition */
	uint64_t arg_values[SW_MON_MAX_ARGVALS];
	unsigned narg_values;
	uint64_t threshold;
	unsigned window_s;
	uint8_t key;
	uint8_t severity;
};

extern const struct sw_mon_builtin sw_mon_builtins[];
extern const size_t sw_mon_nbuiltins;
const struct sw_mon_builtin *sw_mon_builtin_by_name(const char *name);

#endif
