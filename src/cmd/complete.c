// SPDX-License-Identifier: GPL-2.0-only
/* syswatch --complete WHAT: the words shell completion offers, one a line,
 * printed from the tables the commands themselves use (so completion cannot
 * offer a name the parser refuses, nor miss one it accepts). Not in --help:
 * it is for the completion scripts (packaging/syswatch.bash). */
#include <stdio.h>
#include <string.h>

#include "bench/mode.h"
#include "bench/workload.h"
#include "cmd/cmd.h"
#include "core/syscalls.h"
#include "engine/engine.h"
#include "monitor/config.h"
#include "util/error.h"

static void syscalls(void)
{
	for (size_t i = 0; i < sw_syscall_nrows; i++)
		if (sw_syscall_rows[i].name)
			puts(sw_syscall_rows[i].name);
}

static void classes(void)
{
	for (size_t i = 0; sw_class_name_at(i); i++)
		printf("%%%s\n", sw_class_name_at(i));
}

static void engines(void)
{
	for (size_t i = 0; sw_engine_at(i); i++)
		puts(sw_engine_at(i)->name);
	puts("auto");
}

static void workloads(void)
{
	for (unsigned i = 0; i < sw_bench_nworkloads; i++)
		puts(sw_bench_workloads[i].name);
	puts("all");
}

static void modes(void)
{
	for (unsigned i = 0; i < sw_bench_nmodes; i++)
		puts(sw_bench_modes[i].name);
	puts("all");
}

static void rules(void)
{
	for (size_t i = 0; i < sw_mon_nbuiltins; i++) {
		puts(sw_mon_builtins[i].id);
		if (sw_mon_builtins[i].alias)
			puts(sw_mon_builtins[i].alias);
	}
}

static const struct {
	const char *what;
	void (*print)(void);
} lists[] = {
	{ "syscalls", syscalls }, { "classes", classes },     { "engines", engines },
	{ "workloads", workloads }, { "modes", modes },       { "rules", rules },
};

int cmd_complete(const char *what)
{
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (what && strcmp(what, lists[i].what) == 0) {
			lists[i].print();
			return 0;
		}
	error("--complete: expected commands, syscalls, classes, engines, workloads, modes or rules, not '%s'",
	      what ? what : "");
	return 2;
}
