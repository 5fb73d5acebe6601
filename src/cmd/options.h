/* SPDX-License-Identifier: GPL-2.0-only */
/* The options trace, stat and verify share, parsed in one place: strace's
 * -e qualifiers (trace=, inject=, status=, signal=, quiet=), -q, -z/-Z, and
 * the summary's -S/-U. Each front end keeps a struct sw_cli_common and hands
 * it the options it takes; what the words mean for events lives in
 * output/filter.h. */
#ifndef SW_CMD_OPTIONS_H
#define SW_CMD_OPTIONS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

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
	uint8_t fd_show;               /* -y, -yy, -e decode-fds=: what descriptors show (enum sw_fd_detail mask) */
	bool decode_fds_given;         /* -e decode-fds= (strace refuses it with -y) */
	char **env;                    /* -E: the command's environment (owned), NULL: syswatch's */
	size_t nenv;
	const char *ptrace_only;       /* an option only the ptrace engine has, if given */
	unsigned need;                 /* SW_ENGINE_CAN_* the options given need */
	const char *engine;            /* --engine: ptrace, ebpf or auto (the default) */
};

/* The long options that steer the engine, the same in every front end that
 * has them; a front end lists the ones it takes in its getopt table with
 * these values and hands them to sw_cli_engine_option(). */
enum sw_cli_engine_opt {
	SW_CLI_ENGINE = 0x1000, /* --engine ptrace|ebpf|auto */
	SW_CLI_UID,             /* --uid UID|NAME */
	SW_CLI_COMM,            /* --comm NAME */
	SW_CLI_SAMPLE,          /* --sample N */
	SW_CLI_BUFFER_SIZE,     /* --buffer-size SIZE */
	SW_CLI_PIN_CPU,         /* --pin-cpu[=N] */
	SW_CLI_NO_SECCOMP,      /* --no-seccomp */
	SW_CLI_VERBOSE,         /* --verbose */
};

/* The getopt_long entries of the engine options every front end with an
 * engine takes (trace adds --sample and --buffer-size; --verbose, which
 * trace's takes a value, is each one's own). */
#define SW_CLI_LONG_ENGINE_OPTIONS                                       \
	{ "engine", required_argument, NULL, SW_CLI_ENGINE },            \
	{ "uid", required_argument, NULL, SW_CLI_UID },                  \
	{ "comm", required_argument, NULL, SW_CLI_COMM },                \
	{ "pin-cpu", optional_argument, NULL, SW_CLI_PIN_CPU },          \
	{ "no-seccomp", no_argument, NULL, SW_CLI_NO_SECCOMP }

/* Sets what sw_cli_open_engine() and the other sw_cli_* need (eo, filt
 * and the defaults). */
void sw_cli_init(struct sw_cli_common *c, struct sw_engine_opts *eo, struct sw_output_filter *filt);
/* One of enum sw_cli_engine_opt with its value (NULL when it has none). */
int sw_cli_engine_option(struct sw_cli_common *c, int opt, const char *arg, struct sw_err *err);
/* -p PID[,PID...] (repeatable). */
int sw_cli_pids(struct sw_cli_common *c, const char *arg, struct sw_err *err);
/* --buffer-size SIZE: bytes with k, m or g, at most 1g. */
int sw_cli_buffer_size(const char *arg, uint64_t *out, struct sw_err *err);
/* After parsing: an option one engine lacks, with --engine naming the other. */
int sw_cli_check_engine(const struct sw_cli_common *c, struct sw_err *err);
/* Opens the engine --engine names; "auto" takes the first engine (ebpf,
 * then ptrace) that can do what the options need and opens here, saying on
 * stderr why it did not take the first (an error when none can). self_caps:
 * what the front end does itself when the engine cannot (stat filters
 * --uid/--comm itself); such options are not passed to an engine without
 * the capability. Prints the error and returns -1 on failure. */
int sw_cli_open_engine(const struct sw_cli_common *c, unsigned self_caps, struct sw_engine **e);

/* -e QUALIFIER=VALUE, or -e SET (trace=SET). */
int sw_cli_expr(struct sw_cli_common *c, const char *arg, struct sw_err *err);
/* -y (once per letter): -y paths, -yy everything (--decode-fds=all). */
int sw_cli_y(struct sw_cli_common *c, struct sw_err *err);
/* -e decode-fds=SET, --decode-fds[=SET] (NULL: path): path, socket, dev,
 * pidfd, all, none, !negation. */
int sw_cli_decode_fds(struct sw_cli_common *c, const char *set, struct sw_err *err);
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

/* One poll of e: what its poll returns (events delivered, 0 on timeout,
 * SW_ENGINE_DONE), or -1 after printing why it failed. */
int sw_cli_poll(struct sw_engine *e, int timeout_ms, sw_event_cb cb, void *ctx);
/* getopt_long's complaint about argv[optind - 1] as one line (error()):
 * opt ':' is a value missing, anything else an unknown option; cmd names
 * the command ("trace"). Returns -1. */
int sw_cli_bad_option(const char *cmd, int opt, char *const *argv);
/* The signals that ask a front end to stop: SIGINT, SIGTERM and SIGHUP set
 * *flag to the signal (negative when the terminal sent it, so the command
 * got it too), and a second one to SIGKILL; no SA_RESTART, so they end an
 * engine's wait. With alarm_each, each also starts SIGALRM (alarm(1)). */
void sw_cli_stop_signals(volatile sig_atomic_t *flag, bool alarm_each);

/* -S WORD: strace's sort keys and their aliases. */
int sw_cli_sort(const char *arg, enum sw_stats_sort *by, struct sw_err *err);
/* -U COL,COL...: strace's summary columns and their aliases. */
int sw_cli_columns(const char *arg, struct sw_summary_columns *cols, struct sw_err *err);
/* Refuses -S/-U on times when only calls are counted (--no-latency). */
int sw_cli_check_summary(const struct sw_summary_opts *so, bool no_latency, struct sw_err *err);

#endif
