/* SPDX-License-Identifier: GPL-2.0-only */
/* Inside the output module: the state both formats share. */
#ifndef SW_OUTPUT_OUTPUT_IMPL_H
#define SW_OUTPUT_OUTPUT_IMPL_H

#include <stdint.h>
#include <time.h>

#include "output/output.h"
#include "util/strbuf.h"

struct sw_output {
	struct sw_output_opts o;
	int fd;                 /* where the lines go (the FILE's descriptor) */
	bool line_mode;         /* a terminal: each line is written at once */
	int64_t stop_deadline;  /* CLOCK_MONOTONIC ms: writes give up after it (0: not stopping) */
	char *buf;              /* lines not written yet */
	size_t buf_len, buf_cap;
	struct sw_strbuf line;  /* the line being built */
	struct sw_strbuf part;  /* a decoded piece of it */
	uint32_t *live;         /* threads traced now (seen, not yet exited) */
	size_t nlive, live_cap;
	uint64_t written;       /* events written */
	time_t clock_sec;       /* -t/-tt: the second clock_text holds */
	uint64_t prev_ts_ns;    /* -r: the time of the previous line, 0: none yet */
	struct sw_last_nr { uint32_t tid; int32_t nr; } *last_nr; /* -n: each thread's last syscall */
	size_t nlast_nr, last_nr_cap;
	char clock_text[16];
};

/* Appends the line for ev (without writing it); returns 0 when ev is not shown. */
int sw_text_format(struct sw_output *out, const struct sw_event *ev);
int sw_jsonl_format(struct sw_output *out, const struct sw_event *ev);
void sw_jsonl_summary(struct sw_output *out, uint64_t lost);

/* Whether ev is shown at all (-z, -Z, -e status=, signal=, quiet=). */
bool sw_output_wanted(const struct sw_output *out, const struct sw_event *ev);

#endif
