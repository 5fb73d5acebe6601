/* SPDX-License-Identifier: GPL-2.0-only */
/* Syscall sets: the -e trace=SET expressions, in strace's syntax. */
#ifndef SW_CORE_SYSSET_H
#define SW_CORE_SYSSET_H

#include <stdbool.h>
#include <stdint.h>

#include "core/syscalls.h"
#include "util/error.h"

struct sw_sysset {
	uint64_t bits[SW_NR_MAX / 64];
};

void sw_sysset_clear(struct sw_sysset *s);
void sw_sysset_fill(struct sw_sysset *s);
void sw_sysset_add(struct sw_sysset *s, int nr);
void sw_sysset_del(struct sw_sysset *s, int nr);
bool sw_sysset_has(const struct sw_sysset *s, int nr);
bool sw_sysset_is_full(const struct sw_sysset *s);
unsigned sw_sysset_count(const struct sw_sysset *s);

/* Parses a comma-separated list of syscall names, %classes (%file, %network, ...),
 * /regex (extended, matched against names), "all" and "none"; a leading "!"
 * negates the whole set, a "?" before an element ignores it when unknown.
 * An unknown name or class is an error naming it. */
int sw_sysset_parse(struct sw_sysset *set, const char *expr, struct sw_err *err);

#endif
