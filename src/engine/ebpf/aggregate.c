// SPDX-License-Identifier: GPL-2.0-only
/* The aggregate data path: counts the kernel keeps per syscall (per-CPU) and
 * per process, read into struct sw_stats (core/stats.h).
 *
 * Nothing is zeroed in the kernel, which would race with the programs: a
 * reset remembers the totals read, and the next snapshot adds what came
 * since. max_ns and min_ns are the exception: the longest and shortest call
 * since the engine started, whatever the resets. Without latency (opts.no_latency) only sys_enter
 * runs: calls are counted at entry, errors and times are not known. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "engine/ebpf/ebpf.h"
#include "syswatch.skel.h"

_Static_assert(SWB_HIST_BUCKETS == SW_HIST_BUCKETS, "histogram sizes differ");
_Static_assert(SWB_NR_MAX == SW_NR_MAX, "syscall ranges differ");

int eb_agg_init(struct eb_agg *a, uint32_t nprocs, struct sw_err *err)
{
	memset(a, 0, sizeof(*a));
	a->ncpu = libbpf_num_possible_cpus();
	if (a->ncpu <= 0)
		return sw_err_set(err, "cannot count the CPUs: %s", strerror(-a->ncpu));
	a->base = sw_xcalloc(SWB_NR_MAX, sizeof(*a->base));
	a->percpu = sw_xcalloc((size_t)a->ncpu, sizeof(*a->percpu));
	a->pbase = sw_xcalloc(nprocs, sizeof(*a->pbase));
	a->nprocs = nprocs;
	return 0;
}

void eb_agg_release(struct eb_agg *a)
{
	free(a->base);
	free(a->percpu);
	free(a->pbase);
	memset(a, 0, sizeof(*a));
}

/* The per-CPU values of one syscall, summed; max_ns is the largest. */
static int read_sc(struct eb_agg *a, int fd, uint32_t nr, struct swb_sc_stat *sum)
{
	static const struct swb_sc_stat none;

	memset(sum, 0, sizeof(*sum));
	if (bpf_map_lookup_elem(fd, &nr, a->percpu) < 0)
		return -1;
	for (int c = 0; c < a->ncpu; c++)
		SW_SC_STATS_ADD(sum, &a->percpu[c], &none);
	return 0;
}

static void add_proc(struct sw_stats *out, const struct swb_proc_stat *cur, const struct swb_proc_stat *base)
{
	char comm[SW_COMM_LEN];
	struct sw_proc_stats *p;

	if (cur->calls == base->calls)
		return;
	memcpy(comm, cur->comm, sizeof(comm));
	comm[SW_COMM_LEN - 1] = '\0';
	p = sw_stats_proc(out, cur->pid, comm);
	p->calls += cur->calls - base->calls;
	p->errors += cur->errors - base->errors;
	p->total_ns += cur->total_ns - base->total_ns;
}

/* Processes of the overflow table (only used when pid_max exceeds the main
 * table): read, and on reset deleted (a call counted between the two is lost). */
static void read_more(struct syswatch *skel, struct sw_stats *out, bool reset)
{
	int fd = bpf_map__fd(skel->maps.procs_more);
	struct swb_proc_stat v, zero;
	uint32_t key, next;
	bool first = true;

	memset(&zero, 0, sizeof(zero));
	while (bpf_map_get_next_key(fd, first ? NULL : &key, &next) == 0) {
		first = false;
		key = next;
		if (bpf_map_lookup_elem(fd, &key, &v) == 0)
			add_proc(out, &v, &zero);
		if (reset)
			bpf_map_delete_elem(fd, &key);
	}
}

static uint64_t read_lost(struct eb_agg *a, struct syswatch *skel)
{
	struct swb_counters *c = (void *)a->percpu; /* big enough: one counter pair per CPU */
	uint32_t zero = 0;
	uint64_t lost = 0;

	if (bpf_map_lookup_elem(bpf_map__fd(skel->maps.counters), &zero, c) < 0)
		return 0;
	for (int i = 0; i < a->ncpu; i++)
		lost += c[i].lost;
	return lost;
}

int eb_agg_snapshot(struct eb_agg *a, struct syswatch *skel, struct sw_stats *out, bool reset,
		    bool latency, struct sw_err *err)
{
	int fd = bpf_map__fd(skel->maps.sc_stats);
	size_t psize = (size_t)a->nprocs * sizeof(struct swb_proc_stat);
	const struct swb_proc_stat *procs;
	struct swb_sc_stat cur;
	uint64_t lost;

	for (uint32_t nr = 0; nr < SWB_NR_MAX; nr++) {
		if (read_sc(a, fd, nr, &cur) < 0)
			return sw_err_set(err, "cannot read the syscall counts: %s", strerror(errno));
		if (cur.calls == a->base[nr].calls)
			continue;
		SW_SC_STATS_ADD(&out->sc[nr], &cur, &a->base[nr]);
		if (reset)
			a->base[nr] = cur;
	}
	procs = mmap(NULL, psize, PROT_READ, MAP_SHARED, bpf_map__fd(skel->maps.procs), 0);
	if (procs == MAP_FAILED)
		return sw_err_set(err, "cannot read the process counts: %s", strerror(errno));
	for (uint32_t i = 0; i < a->nprocs; i++) {
		if (!procs[i].pid)
			continue;
		add_proc(out, &procs[i], &a->pbase[i]);
		if (reset)
			a->pbase[i] = procs[i];
	}
	munmap((void *)procs, psize);
	read_more(skel, out, reset);
	lost = read_lost(a, skel);
	out->lost += lost - a->lost_base;
	if (reset)
		a->lost_base = lost;
	out->have_latency = latency;
	return 0;
}
