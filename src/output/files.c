// SPDX-License-Identifier: GPL-2.0-only
/* The trace's files: one, or one per thread with -ff (see files.h). */
#include "output/files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

#define SPLIT_BUFFER (64u << 10) /* -ff: many files, each with a smaller buffer */

struct per_thread {
	uint32_t tid;
	FILE *f;
	struct sw_output *out;
};

struct sw_output_files {
	struct sw_output_opts o;
	const char *path;
	bool append, split;
	FILE *f;                  /* the single output's file (not split) */
	struct sw_output *out;    /* the single output (not split) */
	struct per_thread *per;   /* split: open files */
	size_t nper, per_cap;
	char failed[4096];        /* the file that could not be opened */
};

static FILE *open_file(struct sw_output_files *fs, const char *path)
{
	FILE *f = fopen(path, fs->append ? "ae" : "we");

	if (!f)
		snprintf(fs->failed, sizeof(fs->failed), "%s", path);
	return f;
}

struct sw_output_files *sw_output_files_new(const struct sw_output_opts *o, const char *path, bool append,
					    bool split, const char **failed_path)
{
	struct sw_output_files *fs = sw_xcalloc(1, sizeof(*fs));

	fs->o = *o;
	fs->path = path;
	fs->append = append;
	fs->split = split && path;
	if (fs->split)
		return fs;
	fs->f = path ? open_file(fs, path) : o->out ? o->out : stderr;
	if (!fs->f) {
		int err = errno;

		*failed_path = path;
		free(fs);
		errno = err;
		return NULL;
	}
	fs->o.out = fs->f;
	fs->out = sw_output_new(&fs->o);
	return fs;
}

static int close_file(FILE *f)
{
	return f != stderr && f != stdout && fclose(f) != 0 ? -1 : 0;
}

/* The output of ev's thread, opened at its first line. */
static struct sw_output *thread_output(struct sw_output_files *fs, uint32_t tid)
{
	char path[4096];
	struct sw_output_opts o = fs->o;
	FILE *f;

	for (size_t i = 0; i < fs->nper; i++)
		if (fs->per[i].tid == tid)
			return fs->per[i].out;
	snprintf(path, sizeof(path), "%s.%u", fs->path, tid);
	f = open_file(fs, path);
	if (!f)
		return NULL;
	if (fs->nper == fs->per_cap) {
		fs->per_cap = fs->per_cap ? fs->per_cap * 2 : 8;
		fs->per = sw_xrealloc(fs->per, fs->per_cap * sizeof(*fs->per));
	}
	o.out = f;
	o.buffer = SPLIT_BUFFER;
	fs->per[fs->nper] = (struct per_thread){ tid, f, sw_output_new(&o) };
	return fs->per[fs->nper++].out;
}

/* A thread that exited has written its last line: its file is closed. */
static int end_thread(struct sw_output_files *fs, uint32_t tid)
{
	for (size_t i = 0; i < fs->nper; i++) {
		struct per_thread *p = &fs->per[i];
		int rc;

		if (p->tid != tid)
			continue;
		rc = sw_output_flush(p->out);
		sw_output_free(p->out);
		if (close_file(p->f) < 0)
			rc = -1;
		*p = fs->per[--fs->nper];
		return rc;
	}
	return 0;
}

int sw_output_files_event(struct sw_output_files *fs, const struct sw_event *ev)
{
	struct sw_output *out = fs->out;

	if (fs->split) {
		/* attach/detach events print nothing: no file for them alone */
		if (ev->kind == SW_EV_ATTACH || ev->kind == SW_EV_DETACH)
			return 0;
		out = thread_output(fs, ev->tid);
		if (!out)
			return -1;
	}
	if (sw_output_event(out, ev) < 0)
		return -1;
	if (fs->split && (ev->kind == SW_EV_EXIT || ev->kind == SW_EV_KILLED))
		return end_thread(fs, ev->tid);
	return 0;
}

int sw_output_files_flush(struct sw_output_files *fs)
{
	int rc = 0;

	if (fs->out)
		rc = sw_output_flush(fs->out);
	for (size_t i = 0; i < fs->nper; i++)
		if (sw_output_flush(fs->per[i].out) < 0)
			rc = -1;
	return rc;
}

int sw_output_files_finish(struct sw_output_files *fs, uint64_t lost)
{
	int rc = 0;

	if (fs->out)
		return sw_output_finish(fs->out, lost);
	for (size_t i = 0; i < fs->nper; i++)
		if (sw_output_finish(fs->per[i].out, 0) < 0)
			rc = -1;
	if (lost)
		fprintf(stderr, "syswatch: %llu events lost\n", (unsigned long long)lost);
	return rc;
}

int sw_output_files_close(struct sw_output_files *fs)
{
	int rc = 0;

	if (!fs)
		return 0;
	sw_output_free(fs->out);
	if (fs->f && close_file(fs->f) < 0)
		rc = -1;
	while (fs->nper)
		if (end_thread(fs, fs->per[0].tid) < 0)
			rc = -1;
	free(fs->per);
	free(fs);
	return rc;
}

const char *sw_output_files_failed(const struct sw_output_files *fs)
{
	return fs->failed;
}

FILE *sw_output_files_stream(struct sw_output_files *fs)
{
	return fs->f ? fs->f : stderr;
}
