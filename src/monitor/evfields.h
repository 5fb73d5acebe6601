/* SPDX-License-Identifier: GPL-2.0-only */
/* The fields of an event that rules (rules.c), their conditions (cond.c) and
 * the sinks (sink.c) read: its row, path, resolved path, program, socket
 * address, caller and outcome. Below all three, so none calls back into
 * another. */
#ifndef SW_MONITOR_EVFIELDS_H
#define SW_MONITOR_EVFIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

/* The event's path argument (a SW_CAP_STR capture of a path), or NULL. */
const char *sw_mon_event_path(const struct sw_event *ev, size_t *len);
struct sw_syscall;
/* The signature table's row of the event's syscall, or NULL. */
const struct sw_syscall *sw_mon_event_row(const struct sw_event *ev);
/* The absolute path of what the event names, resolved by the engine: for a
 * successful open the file the kernel opened (symlinks and all), else the
 * path argument joined to its directory descriptor or the working directory
 * and normalised. Written to out (NUL-terminated); its length, or -1. */
int sw_mon_event_resolved(const struct sw_event *ev, char *out, size_t size);
/* Exec calls: the path of the program file the process now runs (an
 * interpreter for a script; "/memfd:NAME (deleted)" for a memfd; " (deleted)"
 * appended for a file removed since), into out; its length, or -1. */
int sw_mon_event_exe(const struct sw_event *ev, char *out, size_t size);
/* Whether the event touches the file (kernel dev_t, inode): the descriptor
 * it returned, or a descriptor argument, refers to it. */
bool sw_mon_event_touches_file(const struct sw_event *ev, uint64_t dev, uint64_t ino);
/* The event's IPv4/IPv6 socket address: family (AF_INET, AF_INET6), 16
 * address bytes (IPv4 in the first 4), port; 0 if it has one, else -1. */
int sw_mon_event_inet(const struct sw_event *ev, int *family, uint8_t addr[16], int *port);
/* The event's socket address as text into buf; 0 if it has one, else -1. */
int sw_mon_event_addr(const struct sw_event *ev, char *buf, size_t len);
/* The uid of the process when it made the call: at syscall entry when the
 * engine says, else when the call returned. Rules' user conditions and the
 * user key use it. */
uint32_t sw_mon_event_caller(const struct sw_event *ev);
/* Whether the call made the process root: it had uid, euid or gid other
 * than 0 at entry, and 0 at exit. */
bool sw_mon_event_became_root(const struct sw_event *ev);
/* Whether the event's return value is an error (-4095..-1). */
int sw_mon_event_failed(const struct sw_event *ev);

#endif
