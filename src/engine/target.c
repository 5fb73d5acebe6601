// SPDX-License-Identifier: GPL-2.0-only
/* Checks of -p targets made before any engine runs (engine/engine.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "engine/engine.h"

#define PTS_MAJOR_FIRST 136 /* UNIX98 pty slaves: majors 136..143 */
#define PTS_MAJOR_LAST 143

struct proc_status {
	char name[64];
	char state;
	pid_t tgid, ppid;
};

static int read_status(pid_t pid, const char *task, struct proc_status *st)
{
	char path[96], line[256];
	FILE *f;

	memset(st, 0, sizeof(*st));
	if (task)
		snprintf(path, sizeof(path), "/proc/%d/task/%s/status", (int)pid, task);
	else
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Name:\t", 6) == 0) {
			snprintf(st->name, sizeof(st->name), "%.63s", line + 6);
			st->name[strcspn(st->name, "\n")] = '\0';
		} else if (strncmp(line, "State:\t", 7) == 0) {
			st->state = line[7];
		} else if (strncmp(line, "Tgid:\t", 6) == 0) {
			st->tgid = (pid_t)atoi(line + 6);
		} else if (strncmp(line, "PPid:\t", 6) == 0) {
			st->ppid = (pid_t)atoi(line + 6);
		}
	}
	fclose(f);
	return st->tgid > 0 ? 0 : -1;
}

static bool dead_state(char state)
{
	return state == 'Z' || state == 'X';
}

/* Whether every thread of the process has exited (a zombie nobody reaped:
 * no syscall and no exit will ever come from it). */
static bool all_dead(pid_t tgid)
{
	char dir[64];
	struct dirent *d;
	bool dead = true;
	DIR *tasks;

	snprintf(dir, sizeof(dir), "/proc/%d/task", (int)tgid);
	tasks = opendir(dir);
	if (!tasks)
		return true;
	while (dead && (d = readdir(tasks))) {
		struct proc_status st;

		if (d->d_name[0] == '.')
			continue;
		if (read_status(tgid, d->d_name, &st) == 0 && !dead_state(st.state))
			dead = false;
	}
	closedir(tasks);
	return dead;
}

static long fdinfo_field(pid_t pid, const char *fd, const char *field, int base)
{
	char path[96], line[256];
	size_t n = strlen(field);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid, fd);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, base);
			break;
		}
	fclose(f);
	return v;
}

/* Whether pid can read what syswatch writes to out: it holds the same pipe
 * or socket open for reading, or the master of the terminal out is. */
static bool reads_output(pid_t pid, const struct stat *out)
{
	bool pts = S_ISCHR(out->st_mode) && major(out->st_rdev) >= PTS_MAJOR_FIRST &&
		   major(out->st_rdev) <= PTS_MAJOR_LAST;
	long pts_index = pts ? (long)(major(out->st_rdev) - PTS_MAJOR_FIRST) * 256 + (long)minor(out->st_rdev) : -1;
	char dir[64], path[64 + sizeof(((struct dirent *)0)->d_name)];
	struct dirent *d;
	bool reads = false;
	DIR *fds;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	fds = opendir(dir);
	if (!fds)
		return false;
	while (!reads && (d = readdir(fds))) {
		struct stat st;

		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (st.st_dev == out->st_dev && st.st_ino == out->st_ino && !S_ISCHR(out->st_mode)) {
			long flags = fdinfo_field(pid, d->d_name, "flags", 8);

			reads = flags >= 0 && (flags & O_ACCMODE) != O_WRONLY;
		} else if (pts && S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 && minor(st.st_rdev) == 2) {
			/* /dev/ptmx: the master side of a terminal */
			reads = fdinfo_field(pid, d->d_name, "tty-index", 10) == pts_index;
		}
	}
	closedir(fds);
	return reads;
}

int sw_engine_check_pid(pid_t pid, int output_fd, struct sw_err *err)
{
	struct proc_status st, anc;
	struct stat out;

	if (read_status(pid, NULL, &st) < 0)
		return sw_err_set(err, "cannot attach to pid %d: %s", (int)pid, strerror(ESRCH));
	if (st.tgid == getpid())
		return sw_err_set(err, "cannot trace pid %d: it is syswatch itself (it would trace its own work "
				       "without end)", (int)pid);
	if (dead_state(st.state) && all_dead(st.tgid))
		return sw_err_set(err, "cannot attach to pid %d: it is a zombie (it has exited; its parent has not "
				       "reaped it yet)", (int)pid);
	if (output_fd < 0 || fstat(output_fd, &out) < 0 || S_ISREG(out.st_mode))
		return 0;
	for (pid_t a = getppid(); a > 1 && read_status(a, NULL, &anc) == 0; a = anc.ppid)
		if (a == st.tgid && reads_output(a, &out))
			return sw_err_set(err, "cannot trace pid %d (%s): it reads syswatch's output, so each line "
					       "would make more to trace without end; write the trace to a file (-o FILE)",
					  (int)pid, anc.name);
	return 0;
}
