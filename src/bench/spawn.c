// SPDX-License-Identifier: GPL-2.0-only
/* One measured run of a command. */
#include "bench/spawn.h"
#include "util/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HWM_PERIOD_MS 10

uint64_t sw_bench_proc_hwm_kb(int pid)
{
	char path[64], line[256];
	unsigned long long kb = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void child_exec(char *const *argv, const struct sw_bench_spawn_opts *o)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	int errfd = o->stderr_path ? open(o->stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;

	setpgid(0, 0);
	if (o->pin)
		sched_setaffinity(0, sizeof(o->cpus), &o->cpus);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
	}
	if (errfd >= 0)
		dup2(errfd, 2);
	execvp(argv[0], argv);
	fprintf(stderr, "syswatch: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static uint64_t tv_us(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

/* Waits for pid to end, sampling its peak RSS; kills its group at the deadline. */
static void wait_sampling(pid_t pid, const struct sw_bench_spawn_opts *o, uint64_t deadline,
			  struct sw_bench_spawn_result *r)
{
	int pfd = (int)pidfd_open(pid, 0);

	for (;;) {
		struct pollfd p = { .fd = pfd, .events = POLLIN };
		uint64_t now = sw_now_ns(CLOCK_MONOTONIC);
		int ms, rc;

		if (o->stop && *o->stop && !r->stopped) {
			r->stopped = true;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
		if (now >= deadline && !r->timed_out) {
			r->timed_out = true;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
		ms = r->timed_out || r->stopped ? 1000 : (int)((deadline - now) / 1000000 + 1);
		if (o->sample_hwm && ms > HWM_PERIOD_MS)
			ms = HWM_PERIOD_MS;
		if (pfd < 0) {
			/* no pidfd: poll with waitid(WNOWAIT) */
			siginfo_t si = { 0 };

			if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid)
				break;
			usleep(ms * 1000);
			rc = 0;
		} else {
			rc = poll(&p, 1, ms);
			if (rc > 0)
				break;
		}
		if (o->sample_hwm) {
			uint64_t kb = sw_bench_proc_hwm_kb(pid);

			if (kb > r->hwm_kb)
				r->hwm_kb = kb;
		}
	}
	if (pfd >= 0)
		close(pfd);
}

int sw_bench_spawn(char *const *argv, const struct sw_bench_spawn_opts *o, struct sw_bench_spawn_result *r,
		struct sw_err *err)
{
	uint64_t t0, deadline;
	struct rusage ru;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	t0 = sw_now_ns(CLOCK_MONOTONIC);
	deadline = t0 + (uint64_t)(o->timeout_s ? o->timeout_s : 3600) * 1000000000u;
	pid = fork();
	if (pid < 0)
		return sw_err_set(err, "fork failed: %s", strerror(errno));
	if (pid == 0)
		child_exec(argv, o);
	setpgid(pid, pid);
	wait_sampling(pid, o, deadline, r);
	while (wait4(pid, &r->status, 0, &ru) < 0) {
		if (errno != EINTR)
			return sw_err_set(err, "wait4 failed: %s", strerror(errno));
	}
	r->wall_ns = sw_now_ns(CLOCK_MONOTONIC) - t0;
	/* anything the command left behind in its group goes too */
	kill(-pid, SIGKILL);
	r->total.user_us = tv_us(ru.ru_utime);
	r->total.sys_us = tv_us(ru.ru_stime);
	r->total.maxrss_kb = (uint64_t)ru.ru_maxrss;
	r->total.minflt = (uint64_t)ru.ru_minflt;
	return 0;
}
