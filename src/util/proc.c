// SPDX-License-Identifier: GPL-2.0-only
#include "util/proc.h"

#include <stdio.h>
#include <string.h>

uint64_t sw_now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The number after "KEY:" in /proc/TID/status, or -1. */
static pid_t status_number(pid_t tid, const char *key)
{
	char path[64], line[256];
	size_t klen = strlen(key);
	pid_t n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			if (sscanf(line + klen + 1, "%d", &n) != 1)
				n = -1;
			break;
		}
	fclose(f);
	return n;
}

pid_t sw_proc_tgid(pid_t tid)
{
	return status_number(tid, "Tgid");
}

pid_t sw_proc_tracer(pid_t tid)
{
	return status_number(tid, "TracerPid");
}
