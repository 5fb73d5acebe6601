/* SPDX-License-Identifier: GPL-2.0-only */
/* Where the trace goes: one output (stderr, or -o FILE, -A to append), or
 * with -ff one output per thread in FILE.TID, as strace writes them. */
#ifndef SW_OUTPUT_FILES_H
#define SW_OUTPUT_FILES_H

#include <stdbool.h>
#include <stdint.h>

#include "output/output.h"

struct sw_output_files;

/* path NULL: o->out (stderr when NULL). split: one file per thread
 * (path required). Returns NULL with errno set when the file cannot be
 * opened; *failed_path then names it. */
struct sw_output_files *sw_output_files_new(const struct sw_output_opts *o, const char *path, bool append,
					    bool split, const char **failed_path);
/* Writes one event; -1 with errno set when a write or an open failed. */
int sw_output_files_event(struct sw_output_files *fs, const struct sw_event *ev);
int sw_output_files_flush(struct sw_output_files *fs);
/* Flushes everything and reports lost events (when > 0). */
int sw_output_files_finish(struct sw_output_files *fs, uint64_t lost);
/* Closes the files; -1 with errno set when closing one failed. */
int sw_output_files_close(struct sw_output_files *fs);
/* Where text after the trace goes (trace -C's summary): the single output's
 * file, or stderr with -ff. Call after sw_output_files_finish. */
FILE *sw_output_files_stream(struct sw_output_files *fs);
/* The file that last failed to open (split mode), for the message. */
const char *sw_output_files_failed(const struct sw_output_files *fs);

#endif
