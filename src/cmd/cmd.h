/* SPDX-License-Identifier: GPL-2.0-only */
/* Subcommands: each parses its options and wires engine, filters and outputs. */
#ifndef SW_CMD_CMD_H
#define SW_CMD_CMD_H

#include <stdbool.h>

int cmd_trace(int argc, char **argv);
int cmd_stat(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_run(int argc, char **argv);

/* syswatch --version */
int cmd_version(void);
/* The version and the git commit built ("" outside git). */
const char *sw_version(void);
const char *sw_git_commit(void);
/* syswatch --complete WHAT (except commands, which main knows) */
int cmd_complete(const char *what);

/* Whether trace's arguments ask for counts (-c, as with strace -c): trace
 * then hands them, as they are, to cmd_stat. */
bool cmd_stat_wanted(int argc, char **argv);

#endif
