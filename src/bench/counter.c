// SPDX-License-Identifier: GPL-2.0-only
/* Loader of counter.bpf.c, the exact syscall counter. */
#include "bench/counter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "bench/counter_shared.h"

#if __has_include("counter.skel.h")
#include <bpf/libbpf.h>

#include "counter.skel.h"

#define LINKS_MAX 4

struct sw_bench_counter {
	struct counter *skel;
	struct bpf_link *links[LINKS_MAX];
};

bool sw_bench_bpf_built(void)
{
	return true;
}

static int silent(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

/* Opens the object with only the named programs loaded, and attaches them. */
static int load(struct counter **skelp, struct bpf_link **links, const char *const *names,
		const char *comm, struct sw_err *err)
{
	struct bpf_program *prog;
	struct counter *skel;
	int rc;

	libbpf_set_print(silent);
	skel = counter__open();
	if (!skel)
		return sw_err_set(err, "cannot open the bench BPF object: %s", strerror(errno));
	*skelp = skel;
	bpf_object__for_each_program(prog, skel->obj)
		bpf_program__set_autoload(prog, false);
	for (unsigned i = 0; names[i]; i++)
		bpf_program__set_autoload(bpf_object__find_program_by_name(skel->obj, names[i]), true);
	if (comm)
		strncpy((char *)skel->rodata->targ_comm, comm, SWBC_COMM_LEN - 1);
	skel->rodata->targ_mark_nr = SYS_prctl;
	rc = counter__load(skel);
	if (rc)
		return sw_err_set(err, "cannot load the bench BPF programs: %s", strerror(-rc));
	for (unsigned i = 0; names[i] && i < LINKS_MAX; i++) {
		prog = bpf_object__find_program_by_name(skel->obj, names[i]);
		links[i] = bpf_program__attach(prog);
		if (!links[i])
			return sw_err_set(err, "cannot attach %s: %s", names[i], strerror(errno));
	}
	return 0;
}

static void unload(struct counter *skel, struct bpf_link **links)
{
	for (unsigned i = 0; i < LINKS_MAX; i++)
		bpf_link__destroy(links[i]);
	counter__destroy(skel);
}

int sw_bench_counter_open(struct sw_bench_counter **out, const char *comm, struct sw_err *err)
{
	static const char *const names[] = { "count_exec", "count_fork", "count_sys_enter", NULL };
	struct sw_bench_counter *c = sw_xcalloc(1, sizeof(*c));

	if (load(&c->skel, c->links, names, comm, err) < 0) {
		sw_bench_counter_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void sw_bench_counter_read(struct sw_bench_counter *c, struct sw_bench_counts *out)
{
	_Static_assert(SW_BENCH_NR_MAX == SWBC_NR_MAX, "counter sizes differ");
	out->total = c->skel->bss->total;
	out->measured = c->skel->bss->measured;
	memcpy(out->by_nr, (const void *)c->skel->bss->by_nr, sizeof(out->by_nr));
}

void sw_bench_counter_close(struct sw_bench_counter *c)
{
	if (!c)
		return;
	unload(c->skel, c->links);
	free(c);
}

#else /* built without eBPF support */

struct sw_bench_counter {
	int unused;
};

bool sw_bench_bpf_built(void)
{
	return false;
}

int sw_bench_counter_open(struct sw_bench_counter **out, const char *comm, struct sw_err *err)
{
	*out = NULL;
	return sw_err_set(err, "syswatch was built without eBPF support");
}

void sw_bench_counter_read(struct sw_bench_counter *c, struct sw_bench_counts *out)
{
	memset(out, 0, sizeof(*out));
}

void sw_bench_counter_close(struct sw_bench_counter *c)
{
}

#endif
