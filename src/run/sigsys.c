// SPDX-License-Identifier: GPL-2.0-only
/* syswatch run's kill and trap counter, user side: sigsys.bpf.c loaded,
 * attached and read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/sigsys.h"
#include "sigsys.skel.h"

struct run_sigsys {
	struct sigsys *skel;
};

struct run_sigsys *run_sigsys_open(char *why, size_t size)
{
	libbpf_print_fn_t old = libbpf_set_print(NULL);
	struct run_sigsys *s = calloc(1, sizeof(*s));
	int rc = -ENOMEM;

	if (s)
		s->skel = sigsys__open();
	if (s && s->skel) {
		s->skel->rodata->targ_parent = (__u32)getpid();
		rc = sigsys__load(s->skel);
		if (rc == 0)
			rc = sigsys__attach(s->skel);
	} else if (s) {
		rc = -errno;
	}
	libbpf_set_print(old);
	if (rc == 0)
		return s;
	snprintf(why, size, "the eBPF counter did not load (%s)%s", strerror(rc < 0 ? -rc : rc),
		 geteuid() ? ": it needs root" : "");
	run_sigsys_close(s);
	return NULL;
}

void run_sigsys_read(const struct run_sigsys *s, uint64_t *trapped, uint64_t *killed, size_t n)
{
	if (n > SIGSYS_NR_MAX)
		n = SIGSYS_NR_MAX;
	for (size_t i = 0; i < n; i++) {
		trapped[i] = __atomic_load_n(&s->skel->bss->trapped[i], __ATOMIC_RELAXED);
		killed[i] = __atomic_load_n(&s->skel->bss->killed[i], __ATOMIC_RELAXED);
	}
}

void run_sigsys_close(struct run_sigsys *s)
{
	if (!s)
		return;
	sigsys__destroy(s->skel);
	free(s);
}
