// SPDX-License-Identifier: GPL-2.0-only
/* The bench's reports: terminal table, JSON, CSV, Markdown, charts. */
#include "bench/report.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "bench/plot.h"
#include "output/output.h"
#include "util/strbuf.h"

static const char *state_name(enum sw_bench_state s)
{
	return s == SW_BENCH_OK ? "ok" : s == SW_BENCH_SKIPPED ? "skipped" : "failed";
}

/* ---- machine ---- */

static void read_field(const char *path, const char *key, char *out, size_t len)
{
	char line[256];
	size_t klen = strlen(key);
	FILE *f = fopen(path, "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, klen) != 0)
			continue;
		char *v = line + klen;

		v += strspn(v, " \t:=\"");
		v[strcspn(v, "\"\n")] = '\0';
		snprintf(out, len, "%s", v);
		break;
	}
	fclose(f);
}

void sw_bench_machine_get(struct sw_bench_machine *m)
{
	struct utsname u;
	char mem[64] = "";
	double load[3];
	time_t now = time(NULL);

	memset(m, 0, sizeof(*m));
	snprintf(m->cpu, sizeof(m->cpu), "unknown CPU");
	read_field("/proc/cpuinfo", "model name", m->cpu, sizeof(m->cpu));
	m->cores = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	read_field("/proc/meminfo", "MemTotal", mem, sizeof(mem));
	m->mem_mib = strtoull(mem, NULL, 10) / 1024;
	if (uname(&u) == 0)
		snprintf(m->kernel, sizeof(m->kernel), "%s %s", u.sysname, u.release);
	read_field("/etc/os-release", "PRETTY_NAME", m->os, sizeof(m->os));
	strftime(m->date, sizeof(m->date), "%Y-%m-%d %H:%M UTC", gmtime(&now));
	if (getloadavg(load, 3) == 3)
		snprintf(m->load, sizeof(m->load), "%.2f %.2f %.2f", load[0], load[1], load[2]);
}

static void machine_line(const struct sw_bench_machine *m, char *buf, size_t len)
{
	snprintf(buf, len, "%s, %u cores, %llu MiB, %s, %s", m->cpu, m->cores, m->mem_mib, m->kernel,
		 m->os[0] ? m->os : "unknown OS");
}

/* ---- number formatting ---- */

/* A duration in the unit that suits ref (its own value, or a median that
 * min and max are shown next to); with_unit false leaves the unit out. */
static void fmt_ns_as(double ns, double ref, bool with_unit, char *buf, size_t len)
{
	static const struct { double div; const char *unit; } units[] = {
		{ 1e9, "s" }, { 1e6, "ms" }, { 1e3, "µs" }, { 1, "ns" },
	};
	unsigned u = 0;

	if (isnan(ns)) {
		snprintf(buf, len, "-");
		return;
	}
	while (u < 3 && ref < units[u].div)
		u++;
	snprintf(buf, len, ns / units[u].div >= 100 ? "%.0f%s%s" : "%.3g%s%s", ns / units[u].div,
		 with_unit ? " " : "", with_unit ? units[u].unit : "");
}

static void fmt_ns(double ns, char *buf, size_t len)
{
	fmt_ns_as(ns, ns, true, buf, len);
}

static void fmt_num(double v, const char *unit, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		sw_plot_format(v, unit, buf, len);
}

static void fmt_ratio(double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, v >= 100 ? "%.0fx" : v >= 10 ? "%.1fx" : "%.2fx", v);
}

static void fmt_signed_ns(double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (fabs(v) < 1e4)
		snprintf(buf, len, "%+.0f", v);
	else if (fabs(v) < 1e5)
		snprintf(buf, len, "%+.1f µs", v / 1e3);
	else if (fabs(v) < 1e7)
		snprintf(buf, len, "%+.0f µs", v / 1e3);
	else
		snprintf(buf, len, "%+.1f ms", v / 1e6);
}

static void fmt_mib(double kb, char *buf, size_t len)
{
	if (isnan(kb))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f MiB", kb / 1024);
}

/* Every column of a summary row as text. */
struct row_text {
	char size[24], time[64], ratio[24], ns[24], added[24], floor[24], trace[24], rate[24], calls[24];
	char cpu_e[24], cpu_r[24], rss_e[24], rss_r[24], flt_e[24], flt_r[24], lost[24];
};

static void row_text(const struct sw_bench_result *r, struct row_text *t)
{
	const struct sw_bench_summary *s = &r->sum;
	char mn[24], mx[24];

	snprintf(t->size, sizeof(t->size), "%ld", r->size);
	fmt_ns(s->work_med, t->time, sizeof(t->time));
	fmt_ns_as(s->work_min, s->work_med, false, mn, sizeof(mn));
	fmt_ns_as(s->work_max, s->work_med, false, mx, sizeof(mx));
	if (!isnan(s->work_med))
		snprintf(t->time + strlen(t->time), sizeof(t->time) - strlen(t->time), " [%s-%s]", mn, mx);
	fmt_ratio(s->ratio, t->ratio, sizeof(t->ratio));
	fmt_num(s->ns_per_syscall, NULL, t->ns, sizeof(t->ns));
	fmt_signed_ns(s->added_ns_per_syscall, t->added, sizeof(t->added));
	fmt_ratio(s->ratio_floor, t->floor, sizeof(t->floor));
	fmt_ratio(s->ratio_trace, t->trace, sizeof(t->trace));
	fmt_num(s->syscalls_per_s, NULL, t->rate, sizeof(t->rate));
	fmt_num(r->counted ? (double)r->syscalls_measured : NAN, NULL, t->calls, sizeof(t->calls));
	fmt_ns(s->tracee_cpu_us * 1e3, t->cpu_e, sizeof(t->cpu_e));
	fmt_ns(s->tracer_cpu_us * 1e3, t->cpu_r, sizeof(t->cpu_r));
	fmt_mib(s->tracee_rss_kb, t->rss_e, sizeof(t->rss_e));
	fmt_mib(s->tracer_rss_kb, t->rss_r, sizeof(t->rss_r));
	fmt_num(s->tracee_minflt, NULL, t->flt_e, sizeof(t->flt_e));
	fmt_num(s->tracer_minflt, NULL, t->flt_r, sizeof(t->flt_r));
	fmt_num(s->lost, NULL, t->lost, sizeof(t->lost));
}

/* ---- options against plain streaming ---- */

/* Per mode that adds an option to ebpf-trace: its ratio to ebpf-trace on
 * each workload (time, and the tracee's CPU time, which load disturbs less)
 * and whether the ratio aimed at was met on every workload. */
static void report_targets(FILE *f, const struct sw_bench_results *res, bool md)
{
	bool any = false;

	for (unsigned m = 0; m < res->nmodes; m++) {
		const struct sw_bench_mode *mode = res->n ? res->r[m].mode : NULL;
		double target = sw_bench_mode_trace_target(mode);
		unsigned shown = 0, over = 0;

		if (!mode || target == 0)
			continue;
		for (unsigned w = 0; w < res->nworkloads; w++) {
			const struct sw_bench_result *r = &res->r[w * res->nmodes + m];
			char x[24], c[24];

			if (isnan(r->sum.ratio_trace))
				continue;
			if (!any)
				fprintf(f, md ? "\n**Options against plain streaming** (`x ebpf-trace`: the median "
						"over the rounds of the two runs' ratio; the tracee's CPU time in "
						"brackets):\n\n"
					      : "\nagainst ebpf-trace (median of the rounds' ratios; tracee CPU):\n");
			if (!shown)
				fprintf(f, md ? "- `%s`:" : "  %-15s", mode->name);
			any = true;
			fmt_ratio(r->sum.ratio_trace, x, sizeof(x));
			fmt_ratio(r->sum.cpu_ratio_trace, c, sizeof(c));
			fprintf(f, "%s %s %s (%s)", shown ? "," : "", r->wl->name, x, c);
			shown++;
			over += target > 0 && r->sum.ratio_trace > target;
		}
		if (!shown)
			continue;
		if (target > 0)
			fprintf(f, "; target %.1fx: %s", target,
				over ? "missed" : shown > 1 ? "met on every workload" : "met");
		fputc('\n', f);
	}
}

/* ---- terminal ---- */

/* Prints s padded to width characters (not bytes: "µs" is one character
 * wider than it looks to printf); width < 0 aligns right. */
static void col(FILE *f, const char *s, int width)
{
	int chars = 0, w = width < 0 ? -width : width;

	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (width < 0)
		fprintf(f, "%*s", w > chars ? w - chars : 0, "");
	fputs(s, f);
	if (width > 0)
		fprintf(f, "%*s", w > chars ? w - chars : 0, "");
	fputc(' ', f);
}

void sw_bench_report_table(FILE *f, const struct sw_bench_results *res)
{
	static const char *const head[] = { "workload", "mode", "size", "time [min-max]", "x native", "ns/call",
		"+ns/call", "x floor", "x trace", "calls/s", "syscalls", "cpu tracee/tracer", "rss tracee/tracer",
		"minflt ee/er", "lost" };
	static const int width[] = { 9, 15, -7, 22, -8, -8, -9, -7, -7, -8, -8, 17, 19, 13, 0 };

	for (unsigned c = 0; c < 15; c++)
		col(f, head[c], width[c]);
	fputc('\n', f);
	for (unsigned i = 0; i < res->n; i++) {
		const struct sw_bench_result *r = &res->r[i];
		struct row_text t;
		char cpu[64], rss[64], flt[64];

		if (i > 0 && i % res->nmodes == 0)
			fputc('\n', f);
		col(f, r->wl->name, width[0]);
		col(f, r->mode->name, width[1]);
		if (r->state != SW_BENCH_OK) {
			fprintf(f, "%*s %s: %s\n", -width[2], "", state_name(r->state), r->reason);
			continue;
		}
		row_text(r, &t);
		snprintf(cpu, sizeof(cpu), "%s/%s", t.cpu_e, t.cpu_r);
		snprintf(rss, sizeof(rss), "%s/%s", t.rss_e, t.rss_r);
		snprintf(flt, sizeof(flt), "%s/%s", t.flt_e, t.flt_r);
		const char *cells[] = { t.size, t.time, t.ratio, t.ns, t.added, t.floor, t.trace, t.rate, t.calls,
					cpu, rss, flt, t.lost };
		for (unsigned c = 0; c < 13; c++)
			col(f, cells[c], width[c + 2]);
		fputc('\n', f);
	}
	if (!res->counted)
		fprintf(f, "\nsyscall counts unavailable (%s): no per-syscall figures\n", res->count_note);
	report_targets(f, res, false);
}

/* ---- Markdown ---- */

static const char md_head[] =
	"| workload | mode | size | time, median [min-max] | x native | ns/syscall | +ns/syscall vs native "
	"| x floor | x ebpf-trace | syscalls/s | syscalls | CPU tracee | CPU tracer | peak RSS tracee | peak RSS tracer "
	"| minflt tracee | minflt tracer | lost |\n"
	"| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
	"| ---: | ---: | ---: |\n";

int sw_bench_report_markdown(const char *path, const struct sw_bench_results *res, const struct sw_bench_machine *m,
			  const char *chart, struct sw_err *err)
{
	FILE *f = fopen(path, "we");
	char machine[512];

	if (!f)
		return sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	machine_line(m, machine, sizeof(machine));
	fprintf(f, "Measured by `syswatch bench` on %s.\n\n", m->date);
	fprintf(f, "**Machine:** %s; load average at start %s.\n\n", machine, m->load);
	if (atof(m->load) > m->cores / 2.0)
		fprintf(f, "The machine was busy with other work while this ran (load average above half "
			   "its cores): times include waiting for a CPU, and vary more than on an idle machine; "
			   "the CPU columns are less affected.\n\n");
	fprintf(f, "**Method:** one warm-up run, then %u timed runs per mode, interleaved mode by mode. "
		   "Times are medians [min-max] of the workload's measured section; *x native* compares the "
		   "time per operation; syscalls are counted in the kernel (on the warm-up run, by a BPF "
		   "counter that is detached for the timed runs); *+ns/syscall* is the time each mode adds to "
		   "one syscall; *x ebpf-trace* compares the streaming modes with an option added (`-y`, `-yy`, "
		   "`-k`) with plain streaming, as the median over the rounds of the ratio of their two runs "
		   "in the same round. Modes that stop the tracee at every syscall run a tenth of the "
		   "operations.\n\n",
		res->runs);
	fputs(md_head, f);
	for (unsigned i = 0; i < res->n; i++) {
		const struct sw_bench_result *r = &res->r[i];
		struct row_text t;

		if (r->state != SW_BENCH_OK) {
			fprintf(f, "| %s | %s | | %s: %s | | | | | | | | | | | | | | |\n", r->wl->name, r->mode->name,
				state_name(r->state), r->reason);
			continue;
		}
		row_text(r, &t);
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r->wl->name, r->mode->name, t.size, t.time, t.ratio, t.ns, t.added, t.floor, t.trace, t.rate,
			t.calls,
			t.cpu_e, t.cpu_r, t.rss_e, t.rss_r, t.flt_e, t.flt_r, t.lost);
	}
	if (!res->counted)
		fprintf(f, "\nSyscall counts unavailable (%s): no per-syscall figures.\n", res->count_note);
	report_targets(f, res, true);
	if (chart)
		fprintf(f, "\n![bench charts](%s)\n", chart);
	if (fclose(f) != 0)
		return sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* ---- CSV: one row per run ---- */

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s == '\n' ? ' ' : *s, f);
	}
	fputc('"', f);
}

int sw_bench_report_csv(const char *path, const struct sw_bench_results *res, struct sw_err *err)
{
	FILE *f = fopen(path, "we");

	if (!f)
		return sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	fputs("workload,mode,state,run,size,ops,wall_ns,work_ns,syscalls,tracee_user_us,tracee_sys_us,"
	      "tracee_maxrss_kb,tracee_minflt,tracer_user_us,tracer_sys_us,tracer_maxrss_kb,tracer_minflt,"
	      "lost,reason\n", f);
	for (unsigned i = 0; i < res->n; i++) {
		const struct sw_bench_result *r = &res->r[i];
		char calls[24] = "";

		if (r->counted)
			snprintf(calls, sizeof(calls), "%" PRIu64, r->syscalls_measured);
		for (unsigned k = 0; k < r->nruns; k++) {
			const struct sw_bench_run *u = &r->runs[k];
			char lost[24] = "";

			if (u->lost >= 0)
				snprintf(lost, sizeof(lost), "%" PRId64, u->lost);
			fprintf(f, "%s,%s,%s,%u,%ld,%ld,%" PRIu64 ",%" PRIu64 ",%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64
				   ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%s,",
				r->wl->name, r->mode->name, state_name(r->state), k + 1, r->size, u->ops, u->wall_ns,
				u->work_ns, calls, u->tracee.user_us, u->tracee.sys_us, u->tracee.maxrss_kb,
				u->tracee.minflt, u->tracer.user_us, u->tracer.sys_us, u->tracer.maxrss_kb,
				u->tracer.minflt, lost);
			csv_field(f, r->state == SW_BENCH_OK ? "" : r->reason);
			fputc('\n', f);
		}
		if (r->state != SW_BENCH_OK && r->nruns == 0) {
			fprintf(f, "%s,%s,%s,,%ld,,,,,,,,,,,,,,", r->wl->name, r->mode->name, state_name(r->state),
				r->size);
			csv_field(f, r->reason);
			fputc('\n', f);
		}
	}
	if (fclose(f) != 0)
		return sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* ---- JSON ---- */

static void j_str(struct sw_strbuf *sb, const char *key, const char *v)
{
	sw_json_string(sb, key, strlen(key));
	sw_strbuf_putc(sb, ':');
	if (v)
		sw_json_string(sb, v, strlen(v));
	else
		sw_strbuf_puts(sb, "null");
}

static void j_num(struct sw_strbuf *sb, const char *key, double v)
{
	sw_json_string(sb, key, strlen(key));
	if (isnan(v) || isinf(v))
		sw_strbuf_puts(sb, ":null");
	else
		sw_strbuf_printf(sb, ":%.10g", v);
}

static void j_u64(struct sw_strbuf *sb, const char *key, uint64_t v)
{
	sw_json_string(sb, key, strlen(key));
	sw_strbuf_printf(sb, ":%" PRIu64, v);
}

static void j_usage(struct sw_strbuf *sb, const char *key, const struct sw_bench_usage *u)
{
	sw_json_string(sb, key, strlen(key));
	sw_strbuf_puts(sb, ":{");
	j_u64(sb, "user_us", u->user_us);
	sw_strbuf_putc(sb, ',');
	j_u64(sb, "sys_us", u->sys_us);
	sw_strbuf_putc(sb, ',');
	j_u64(sb, "maxrss_kb", u->maxrss_kb);
	sw_strbuf_putc(sb, ',');
	j_u64(sb, "minflt", u->minflt);
	sw_strbuf_putc(sb, '}');
}

static void j_result(struct sw_strbuf *sb, const struct sw_bench_result *r)
{
	const struct sw_bench_summary *s = &r->sum;
	bool native = sw_bench_mode_is_native(r->mode);
	double target = sw_bench_mode_trace_target(r->mode);

	sw_strbuf_putc(sb, '{');
	j_str(sb, "workload", r->wl->name);
	sw_strbuf_putc(sb, ',');
	j_str(sb, "mode", r->mode->name);
	sw_strbuf_putc(sb, ',');
	j_str(sb, "state", state_name(r->state));
	sw_strbuf_putc(sb, ',');
	j_str(sb, "reason", r->state == SW_BENCH_OK ? NULL : r->reason);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "size", (double)r->size);
	sw_strbuf_putc(sb, ',');
	j_str(sb, "hot", r->hot[0] ? r->hot : NULL);
	sw_strbuf_puts(sb, ",\"syscalls\":{");
	sw_strbuf_printf(sb, "\"counted\":%s,", r->counted ? "true" : "false");
	j_num(sb, "total", r->counted ? (double)r->syscalls_total : NAN);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "measured", r->counted ? (double)r->syscalls_measured : NAN);
	sw_strbuf_puts(sb, "},\"runs\":[");
	for (unsigned k = 0; k < r->nruns; k++) {
		const struct sw_bench_run *u = &r->runs[k];

		sw_strbuf_puts(sb, k ? ",{" : "{");
		j_u64(sb, "wall_ns", u->wall_ns);
		sw_strbuf_putc(sb, ',');
		j_u64(sb, "work_ns", u->work_ns);
		sw_strbuf_putc(sb, ',');
		j_num(sb, "ops", (double)u->ops);
		sw_strbuf_putc(sb, ',');
		j_usage(sb, "tracee", &u->tracee);
		sw_strbuf_putc(sb, ',');
		if (native)
			sw_strbuf_puts(sb, "\"tracer\":null");
		else
			j_usage(sb, "tracer", &u->tracer);
		sw_strbuf_putc(sb, ',');
		j_num(sb, "lost", u->lost < 0 ? NAN : (double)u->lost);
		sw_strbuf_putc(sb, '}');
	}
	sw_strbuf_puts(sb, "],\"summary\":{");
	j_num(sb, "work_ns_median", s->work_med);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "work_ns_min", s->work_min);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "work_ns_max", s->work_max);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "wall_ns_median", s->wall_med);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "ns_per_op", s->per_op_ns);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "ratio_to_native", s->ratio);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "ratio_to_floor", s->ratio_floor);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "ratio_to_trace", s->ratio_trace);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "tracee_cpu_ratio_to_trace", s->cpu_ratio_trace);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "trace_target", target > 0 ? target : NAN);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "ns_per_syscall", s->ns_per_syscall);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "added_ns_per_syscall", s->added_ns_per_syscall);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "syscalls_per_s", s->syscalls_per_s);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "tracee_cpu_us", s->tracee_cpu_us);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "tracer_cpu_us", s->tracer_cpu_us);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "tracee_maxrss_kb", s->tracee_rss_kb);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "tracer_maxrss_kb", s->tracer_rss_kb);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "tracee_minflt", s->tracee_minflt);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "tracer_minflt", s->tracer_minflt);
	sw_strbuf_putc(sb, ',');
	j_num(sb, "lost", s->lost);
	sw_strbuf_puts(sb, "}}");
}

int sw_bench_report_json(const char *path, const struct sw_bench_results *res, const struct sw_bench_machine *m,
		      struct sw_err *err)
{
	struct sw_strbuf sb = SW_STRBUF_INIT;
	FILE *f = fopen(path, "we");
	int rc = 0;

	if (!f)
		return sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	sw_strbuf_puts(&sb, "{\"machine\":{");
	j_str(&sb, "cpu", m->cpu);
	sw_strbuf_putc(&sb, ',');
	j_num(&sb, "cores", m->cores);
	sw_strbuf_putc(&sb, ',');
	j_num(&sb, "mem_mib", (double)m->mem_mib);
	sw_strbuf_putc(&sb, ',');
	j_str(&sb, "kernel", m->kernel);
	sw_strbuf_putc(&sb, ',');
	j_str(&sb, "os", m->os);
	sw_strbuf_putc(&sb, ',');
	j_str(&sb, "date", m->date);
	sw_strbuf_putc(&sb, ',');
	j_str(&sb, "load", m->load);
	sw_strbuf_puts(&sb, "},");
	j_num(&sb, "runs_per_mode", res->runs);
	sw_strbuf_printf(&sb, ",\"syscalls_counted\":%s,", res->counted ? "true" : "false");
	j_str(&sb, "count_note", res->counted ? NULL : res->count_note);
	sw_strbuf_puts(&sb, ",\"results\":[\n");
	for (unsigned i = 0; i < res->n; i++) {
		if (i)
			sw_strbuf_puts(&sb, ",\n");
		j_result(&sb, &res->r[i]);
	}
	sw_strbuf_puts(&sb, "\n]}\n");
	if (fwrite(sb.buf, 1, sb.len, f) != sb.len)
		rc = -1;
	if (fclose(f) != 0 || rc < 0)
		rc = sw_err_set(err, "cannot write %s: %s", path, strerror(errno));
	sw_strbuf_release(&sb);
	return rc;
}

/* ---- charts ---- */

/* Modes that have a result in some workload: the charts' categories. */
static unsigned chart_modes(const struct sw_bench_results *res, unsigned *idx)
{
	unsigned n = 0;

	for (unsigned m = 0; m < res->nmodes; m++)
		for (unsigned w = 0; w < res->nworkloads; w++)
			if (res->r[w * res->nmodes + m].state == SW_BENCH_OK) {
				idx[n++] = m;
				break;
			}
	return n;
}

static double geomean_ratio(const struct sw_bench_results *res, unsigned m, int what)
{
	double sum = 0;
	unsigned n = 0;

	for (unsigned w = 0; w < res->nworkloads; w++) {
		const struct sw_bench_summary *s = &res->r[w * res->nmodes + m].sum;
		const struct sw_bench_summary *nat = &res->r[w * res->nmodes].sum;
		double v, base;

		if (what == 0) {
			v = s->ratio;
			base = 1;
		} else if (what == 1) {
			/* CPU per operation, tracer + tracee */
			v = (s->tracee_cpu_us + (isnan(s->tracer_cpu_us) ? 0 : s->tracer_cpu_us)) /
			    (double)res->r[w * res->nmodes + m].size;
			base = nat->tracee_cpu_us / (double)res->r[w * res->nmodes].size;
		} else {
			v = s->tracee_rss_kb + (isnan(s->tracer_rss_kb) ? 0 : s->tracer_rss_kb);
			base = nat->tracee_rss_kb;
		}
		if (isnan(v) || isnan(base) || v <= 0 || base <= 0)
			continue;
		sum += log(v / base);
		n++;
	}
	return n ? exp(sum / n) : NAN;
}

int sw_bench_report_plot(const char *path, const struct sw_bench_results *res, const struct sw_bench_machine *m,
		      struct sw_err *err)
{
	unsigned idx[32], nm = chart_modes(res, idx), nw = res->nworkloads;
	const char *cats[32];
	double *v = sw_xcalloc((size_t)nm * (nw * 3 + 3) + 1, sizeof(*v));
	struct sw_plot_series *ws = sw_xcalloc((size_t)nw * 3 + 3, sizeof(*ws));
	struct sw_plot_panel panels[4];
	char machine[512], subtitle[700], note1[128];
	struct sw_plot plot = { "syswatch bench: the cost of intercepting syscalls", subtitle, panels, 4, 2 };
	static const char *const overall[] = { "time", "CPU (tracer + tracee)", "peak RSS (tracer + tracee)" };
	int rc;

	for (unsigned i = 0; i < nm; i++)
		cats[i] = res->r[idx[i]].mode->name;
	/* per workload: ratio, memory, syscalls/s; then the three overall series */
	for (unsigned k = 0; k < 3; k++)
		for (unsigned w = 0; w < nw; w++) {
			double *col = v + (size_t)(k * nw + w) * nm;

			for (unsigned i = 0; i < nm; i++) {
				const struct sw_bench_summary *s = &res->r[w * res->nmodes + idx[i]].sum;

				col[i] = k == 0 ? s->ratio
					 : k == 1 ? (s->tracee_rss_kb + (isnan(s->tracer_rss_kb) ? 0 : s->tracer_rss_kb)) / 1024
						  : s->syscalls_per_s;
			}
			ws[k * nw + w].name = res->r[w * res->nmodes].wl->name;
			ws[k * nw + w].v = col;
		}
	for (unsigned k = 0; k < 3; k++) {
		double *col = v + (size_t)(3 * nw + k) * nm;

		for (unsigned i = 0; i < nm; i++)
			col[i] = geomean_ratio(res, idx[i], (int)k);
		ws[3 * nw + k].name = overall[k];
		ws[3 * nw + k].v = col;
	}
	machine_line(m, machine, sizeof(machine));
	snprintf(subtitle, sizeof(subtitle), "%s; measured %s", machine, m->date);
	snprintf(note1, sizeof(note1), "time per operation / native's, median of %u runs", res->runs);
	panels[0] = (struct sw_plot_panel){ "Execution time relative to native", note1, "x native (log scale)", "x",
					    true, cats, nm, ws, nw };
	panels[1] = (struct sw_plot_panel){ "Memory: peak RSS", "tracer + tracee, median (native: the workload alone)",
					    "peak RSS (MiB)", " MiB", false, cats, nm, ws + nw, nw };
	panels[2] = (struct sw_plot_panel){ "Syscalls per second", "syscalls of the measured section / its time",
					    "syscalls per second (log scale)", "/s", true, cats, nm, ws + 2 * nw, nw };
	panels[3] = (struct sw_plot_panel){ "Overall comparison", "geometric mean over the workloads, relative to native",
					    "x native (log scale)", "x", true, cats, nm, ws + 3 * nw, 3 };
	rc = sw_plot_write(path, &plot, err);
	free(ws);
	free(v);
	return rc;
}
