/* The options trace, stat and verify share, parsed in one place: strace's
 * -e qualifiers (trace=, inject=, status=, signal=, quiet=), -q, -z/-Z, and
 * the summary's -S/-U. Each front end keeps a struct sw_cli_common and hands
 * it the options it takes; what the words mean for events lives in
 * output/filter.h. */
#ifndef SW_CMD_OPTIONS_H
#define SW_CMD_OPTIONS_H

#include <stdbool.h>

#include "engine/engine.h"
#include "output/filter.h"
#include "output/summary.h"
#include "util/error.h"

struct sw_cli_common {
	struct sw_engine_opts *eo;     /* where trace=, inject= go */
	struct sw_output_filter *filt; /* where status=, signal=, quiet=, -q, -z, -Z go */
	bool set_seen;                 /* a trace= set was given (the next ones add to it) */
	bool quiet_given;              /* -e quiet= (strace refuses it with -q) */
	unsigned q_count;              /* -q, -qq, -qqq */
	bool status_only_seen;         /* -z or -Z was given */
	struct sw_sysset raw;          /* -e raw=SET */
	bool raw_given;
	struct sw_sysset verbose;      /* -e verbose=SET */
	bool verbose_given;
	struct sw_sysset abbrev;       /* -e abbrev=SET */
	bool abbrev_given;
	char **env;                    /* -E: the command's environment (owned), NULL: syswatch's */
	size_t nenv;
	const char *ptrace_only;       /* an option only the ptrace engine has, if given */
};

/* -e QUALIFIER=VALUE, or -e SET (trace=SET). */
int sw_cli_expr(struct sw_cli_common *c, const char *arg, struct sw_err *err);
/* -q (once per letter). */
int sw_cli_quiet_flag(struct sw_cli_common *c, struct sw_err *err);
/* -z (successful) or -Z (failed): the last one wins, as in strace. */
void sw_cli_status_only(struct sw_cli_common *c, bool failed);

/* -E VAR=VAL (set) or -E VAR (remove), in the launched command's
 * environment, which starts as syswatch's own. */
int sw_cli_env(struct sw_cli_common *c, const char *arg, struct sw_err *err);
/* -u USER: the launched command runs as USER (needs root). */
int sw_cli_user(struct sw_cli_common *c, const char *arg, struct sw_err *err);
/* After parsing: -E and -u need a command (not -p, not -a). */
int sw_cli_check_launch(const struct sw_cli_common *c, struct sw_err *err);
/* Frees what the options own (the -E environment). */
void sw_cli_release(struct sw_cli_common *c);

/* -S WORD: strace's sort keys and their aliases. */
int sw_cli_sort(const char *arg, enum sw_stats_sort *by, struct sw_err *err);
/* -U COL,COL...: strace's summary columns and their aliases. */
int sw_cli_columns(const char *arg, struct sw_summary_columns *cols, struct sw_err *err);
/* Refuses -S/-U on times when only calls are counted (--no-latency). */
int sw_cli_check_summary(const struct sw_summary_opts *so, bool no_latency, struct sw_err *err);

#endif
