/* SPDX-License-Identifier: GPL-2.0-only */
/* Error reporting, git style: error() prints "syswatch: ..." and returns -1,
 * die() prints and exits. Lower layers do not print: they fill a struct
 * sw_err the caller may show. */
#ifndef SW_UTIL_ERROR_H
#define SW_UTIL_ERROR_H

#include <stddef.h>
#include <stdint.h>

#define SW_ERR_MAX 512

/* The exit status a command given to syswatch gets when it cannot be run
 * (found, but its execve failed), as shells say it. */
#define SW_EXIT_CANNOT_RUN 126

struct sw_err {
	char msg[SW_ERR_MAX];
	int status; /* the exit status the error calls for, 0: the caller's default */
};

int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Fills err (may be NULL) and returns -1. */
int sw_err_set(struct sw_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, with the exit status the error calls for (err->status). */
int sw_err_exit(struct sw_err *err, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void *sw_xmalloc(size_t n);
void *sw_xcalloc(size_t n, size_t size);
void *sw_xrealloc(void *p, size_t n);
char *sw_xstrdup(const char *s);

/* Parses a whole decimal number in [min, max]; -1 if s is not one. */
int sw_parse_long(const char *s, long min, long max, long *out);
/* Parses a size in bytes: a whole number > 0 with an optional k, m or g
 * (KiB, MiB, GiB); -1 if s is not one or it does not fit. */
int sw_parse_size(const char *s, uint64_t *out);
/* Parses a user as a uid number or a user name; -1 if it is neither. */
int sw_parse_uid(const char *s, int *uid);

#endif
