/* SPDX-License-Identifier: GPL-2.0-only */
/* The monitor daemon: loads the config, runs the eBPF engine system-wide,
 * feeds events to the outputs and the rules, serves metrics, and handles
 * reloads (SIGHUP) and shutdown (SIGTERM/SIGINT) through the flags a signal
 * handler sets. */
#ifndef SW_MONITOR_DAEMON_H
#define SW_MONITOR_DAEMON_H

#include <signal.h>

/* Runs until *stop is set; *reload asks for a reload. Returns the exit
 * status: 0 after a clean stop, 1 when it could not start or the engine
 * failed. Messages go to stderr, one line each. */
int sw_mon_daemon_run(const char *config_path, volatile sig_atomic_t *stop, volatile sig_atomic_t *reload);

#endif
