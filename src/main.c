// SPDX-License-Identifier: GPL-2.0-only
/* syswatch: subcommand dispatch only. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/error.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "trace", cmd_trace, "trace syscalls of a command or processes, strace-style or as JSON Lines" },
	{ "stat", cmd_stat, "count syscalls, errors and latency" },
	{ "bench", cmd_bench, "measure the cost of each interception mode side by side" },
	{ "monitor", cmd_monitor, "run as a monitoring daemon with alert rules" },
	{ "run", cmd_run, "run a command under a seccomp policy and count what it denied" },
	{ "verify", cmd_verify, "run a command under both engines and compare what they saw" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: syswatch COMMAND [OPTIONS] [-- CMD [ARG...]]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\noptions:\n"
		   "  -V, --version  the version, the git commit and the engines and features built in\n"
		   "  -h, --help     this help\n"
		   "\n'syswatch COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		return cmd_version();
	}
	if (strcmp(argv[1], "--complete") == 0) {
		if (argc == 3 && strcmp(argv[2], "commands") == 0) {
			for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
				puts(commands[i].name);
			return 0;
		}
		return cmd_complete(argc == 3 ? argv[2] : NULL);
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	error("unknown command '%s' (see 'syswatch --help')", argv[1]);
	return 2;
}
