/* SPDX-License-Identifier: GPL-2.0-only */
/* What the trace shows, as strace decides it: syscalls by return status
 * (-z, -Z, -e status=), signals by number (-e signal=), and the messages
 * -q/-qq/-e quiet= leave out. Word sets use strace's syntax: comma-separated,
 * case-insensitive, `all`, `none`, a leading `!` for the complement. */
#ifndef SW_OUTPUT_FILTER_H
#define SW_OUTPUT_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event.h"
#include "util/error.h"

/* the return status of a syscall event: one bit each */
#define SW_STATUS_SUCCESSFUL  0x01u /* returned, not an error */
#define SW_STATUS_FAILED      0x02u /* returned an error */
#define SW_STATUS_UNFINISHED  0x04u /* did not return (exit_group, a thread killed in it): "= ?" */
#define SW_STATUS_UNAVAILABLE 0x08u /* returned, but the value could not be read */
#define SW_STATUS_DETACHED    0x10u /* the tracer let the process go in it (-b execve) */
#define SW_STATUS_ALL         0x1fu

/* messages -e quiet= leaves out */
#define SW_QUIET_ATTACH       0x01u /* "process N attached/detached" */
#define SW_QUIET_EXIT         0x02u /* "+++ exited with N +++" */
#define SW_QUIET_PATH         0x04u /* path-resolution: what -P resolved a path into */
#define SW_QUIET_PERSONALITY  0x08u /* a process switching between 64 and 32 bits */
#define SW_QUIET_SUPERSEDED   0x10u /* thread-execve: "+++ superseded by execve in pid N +++" */
#define SW_QUIET_ALL          0x1fu

#define SW_FILTER_NSIG 128 /* signals 0..127 can be named in -e signal= */


#define SW_FILTER_NFD 1024 /* descriptors 0..1023 can be named in -e read=/write= */
#define SW_DUMP_CAPTURE 4096 /* -e read=/write=: bytes of data engines capture for the dump */

/* -e read=SET / -e write=SET: descriptors whose data is dumped in hex. */
struct sw_fd_set {
	uint64_t bits[SW_FILTER_NFD / 64];
	bool any;   /* some descriptor is in the set */
};

/* All zero: everything is shown. */
struct sw_output_filter {
	uint8_t status_hide;                       /* SW_STATUS_* bits of syscalls not shown */
	uint8_t quiet;                             /* SW_QUIET_* messages not shown */
	uint64_t signals_hide[SW_FILTER_NSIG / 64]; /* signals not shown (SIGNAL and KILLED events) */
	struct sw_fd_set dump_read;                 /* -e read=: data read from these, in hex */
	struct sw_fd_set dump_write;                /* -e write=: data written to these */
};

/* The SW_STATUS_* bit of a syscall event. */
unsigned sw_event_status(const struct sw_event *ev);
/* Whether ev is shown (syscalls by status, signals and kills by signal, exits by quiet). */
bool sw_filter_shows(const struct sw_output_filter *f, const struct sw_event *ev);

/* -e status=SET, -e signal=SET, -e quiet=SET: replace the current setting.
 * On a bad word, err says which and -1 is returned. */
int sw_filter_parse_status(struct sw_output_filter *f, const char *set, struct sw_err *err);
int sw_filter_parse_signals(struct sw_output_filter *f, const char *set, struct sw_err *err);
int sw_filter_parse_quiet(struct sw_output_filter *f, const char *set, struct sw_err *err);
/* -e read=SET, -e write=SET: descriptor numbers; what names the qualifier. */
int sw_filter_parse_fds(struct sw_fd_set *fds, const char *what, const char *set, struct sw_err *err);
static inline bool sw_fd_set_has(const struct sw_fd_set *fds, uint64_t fd)
{
	return fd < SW_FILTER_NFD && ((fds->bits[fd / 64] >> (fd % 64)) & 1);
}

#endif
