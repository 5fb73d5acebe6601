/* SPDX-License-Identifier: GPL-2.0-only */
/* Output of events: strace-compatible text, or JSON Lines. */
#ifndef SW_OUTPUT_OUTPUT_H
#define SW_OUTPUT_OUTPUT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/event.h"
#include "decode/decode.h"
#include "output/filter.h"

enum sw_ts_mode {
	SW_TS_NONE = 0,
	SW_TS_TIME,   /* -t, -tt: HH:MM:SS[.frac] */
	SW_TS_UNIX,   /* -ttt: seconds since the epoch[.frac] */
};

/* strace's PRECISION of --absolute-timestamps, -r and -T: the digits after
 * the second (microseconds unless said). */
enum sw_ts_prec {
	SW_PREC_US = 0,
	SW_PREC_S,
	SW_PREC_MS,
	SW_PREC_NS,
};

enum sw_pid_prefix {
	SW_PID_AUTO = 0,  /* "[pid N] " once several processes are traced (strace -f to a terminal) */
	SW_PID_COLUMN,    /* "N  " on every line (strace -f -o FILE) */
	SW_PID_NONE,
	SW_PID_COMM,      /* "N comm  " on every line (system-wide tracing) */
	SW_PID_ALWAYS,    /* "[pid N] " on every line (--always-show-pid) */
};

struct sw_output_opts {
	FILE *out;
	bool json;
	bool show_dur;      /* -T */
	bool failed_only;   /* only syscalls that failed (as filter.status_hide with all but failed) */
	struct sw_output_filter filter; /* -z, -Z, -e status=, -e signal=, -e quiet= */
	uint8_t ts_mode;    /* enum sw_ts_mode */
	uint8_t ts_prec;    /* enum sw_ts_prec: of ts_mode's time (-t: SW_PREC_S) */
	uint8_t rel_prec;   /* of -r's time */
	uint8_t dur_prec;   /* of -T's time */
	unsigned column;    /* -a/--columns: where " = " goes (0: strace's 40) */
	uint8_t pid_prefix; /* enum sw_pid_prefix */
	bool relative;      /* -r: time since the previous line */
	bool show_nr;       /* -n: the syscall number, [ 257] */
	bool show_ip;       /* -i: the instruction pointer, [00007f...] */
	size_t buffer;      /* bytes collected before a write, 0: the default (1 MiB) */
	struct sw_decode_opts dec;
	/* Set (by a signal handler) when the front end was asked to stop: from
	 * then on a write that cannot go on for SW_STOP_WRITE_GRACE_MS (nobody
	 * reads the pipe or terminal) fails with ETIMEDOUT instead of waiting
	 * (util/stopwrite.h). NULL: writes wait for as long as it takes. */
	volatile sig_atomic_t *stop;
};

struct sw_output;

struct sw_output *sw_output_new(const struct sw_output_opts *o);
/* Writes one event. Returns -1 when the output failed (errno set). */
int sw_output_event(struct sw_output *out, const struct sw_event *ev);
/* Tells the output that a process was seen (decides the [pid N] prefix). */
void sw_output_note_process(struct sw_output *out, uint32_t tid);
/* Flushes; lost events (when > 0) are reported. */
int sw_output_finish(struct sw_output *out, uint64_t lost);
/* Writes out what is buffered (lines are buffered unless the output is a
 * terminal); a front end calls it now and then so a file can be followed. */
int sw_output_flush(struct sw_output *out);
void sw_output_free(struct sw_output *out);

/* Appends s as a JSON string (with quotes), escaping control characters and
 * any byte that is not valid UTF-8 (\u00XX), so no input can break a line. */
struct sw_strbuf;
void sw_json_string(struct sw_strbuf *sb, const char *s, size_t len);
/* Length of the valid UTF-8 sequence at s (1-4), or 0 if the bytes there are
 * not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF are not). */
size_t sw_utf8_len(const unsigned char *s, size_t left);

/* Object members: each writes the comma (none right after '{' or '['), the
 * key (a plain word, written as it is), and the value. */
void sw_json_key(struct sw_strbuf *sb, const char *key);
void sw_json_str(struct sw_strbuf *sb, const char *key, const char *s, size_t len); /* s NULL: null */
void sw_json_name(struct sw_strbuf *sb, const char *key, const char *name);         /* NULL: null */
void sw_json_u64(struct sw_strbuf *sb, const char *key, uint64_t v);
void sw_json_i64(struct sw_strbuf *sb, const char *key, int64_t v);
void sw_json_bool(struct sw_strbuf *sb, const char *key, bool v);
void sw_json_null(struct sw_strbuf *sb, const char *key);

/* The members event records share (docs/events.schema.json, version
 * SW_JSON_SCHEMA_VERSION): who made the call (ts_ns, pid, tid, uid), a
 * command name (comm, parent_comm), and the call (syscall: name, or null
 * when NULL; nr; args: the six raw registers). */
#define SW_JSON_SCHEMA_VERSION 1
void sw_json_event_task(struct sw_strbuf *sb, const struct sw_event *ev);
void sw_json_event_comm(struct sw_strbuf *sb, const char *key, const char *comm);
void sw_json_event_call(struct sw_strbuf *sb, const struct sw_event *ev, const char *name);
/* An errno's name (ENOENT), the kernel's own first, or NULL. */
const char *sw_json_errno_name(int err);

#endif
