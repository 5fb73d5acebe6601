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
	SW_TS_TIME,   /* -t   HH:MM:SS */
	SW_TS_USEC,   /* -tt  HH:MM:SS.uuuuuu */
	SW_TS_EPOCH,  /* -ttt seconds.uuuuuu since the epoch */
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

#endif
