// SPDX-License-Identifier: GPL-2.0-only
/* Summary tables (strace -c's layout), process tables, latency histograms and
 * the JSON form of a report. */
#include "output/summary.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output/output.h"
#include "util/error.h"

/* ---- cells and columns ------------------------------------------------------ */

#define CELL SW_COMM_ESC_SIZE /* an escaped comm fits */

enum { C_PCT, C_SECS, C_USECS, C_CALLS, C_ERRORS, C_NAME, C_MAX };
#define TABLE_COLS 8 /* at most: strace -U's eight columns */

struct column {
	const char *title;
	int min_width; /* strace's widths; wider when a value needs it */
	bool left;     /* left-aligned (the last column) */
};

struct row {
	char cell[TABLE_COLS][CELL];
};

struct table {
	struct column cols[TABLE_COLS];
	int ncols;
	int width[TABLE_COLS];
	struct row *rows; /* the data rows, then the total row */
	size_t nrows;
};

static void table_measure(struct table *t)
{
	for (int c = 0; c < t->ncols; c++) {
		int w = t->cols[c].min_width;

		for (size_t r = 0; r < t->nrows; r++) {
			int len = (int)strlen(t->rows[r].cell[c]);

			if (!t->cols[c].left && len > w)
				w = len;
		}
		t->width[c] = w;
	}
}

static void table_line(struct sw_strbuf *sb, const struct table *t, const struct row *r)
{
	for (int c = 0; c < t->ncols; c++) {
		const char *sep = c ? " " : "";

		if (t->cols[c].left && c == t->ncols - 1)
			sw_strbuf_printf(sb, "%s%s", sep, r->cell[c]);
		else if (t->cols[c].left)
			sw_strbuf_printf(sb, "%s%-*s", sep, t->width[c], r->cell[c]);
		else
			sw_strbuf_printf(sb, "%s%*s", sep, t->width[c], r->cell[c]);
	}
	sw_strbuf_putc(sb, '\n');
}

static void table_header(struct sw_strbuf *sb, const struct table *t)
{
	struct row h;

	for (int c = 0; c < t->ncols; c++)
		snprintf(h.cell[c], CELL, "%s", t->cols[c].title);
	table_line(sb, t, &h);
}

static void table_dashes(struct sw_strbuf *sb, const struct table *t)
{
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			sw_strbuf_putc(sb, ' ');
		for (int i = 0; i < t->width[c]; i++)
			sw_strbuf_putc(sb, '-');
	}
	sw_strbuf_putc(sb, '\n');
}

static void table_columns(struct table *t, const struct column *cols, int ncols)
{
	memcpy(t->cols, cols, (size_t)ncols * sizeof(*cols));
	t->ncols = ncols;
}

/* Leaves column c out (errors, when they are not known). */
static void table_drop(struct table *t, int c)
{
	memmove(&t->cols[c], &t->cols[c + 1], (size_t)(t->ncols - c - 1) * sizeof(t->cols[0]));
	for (size_t r = 0; r < t->nrows; r++)
		memmove(t->rows[r].cell[c], t->rows[r].cell[c + 1], (size_t)(t->ncols - c - 1) * CELL);
	t->ncols--;
}

/* Writes the rows: data rows, a dashes line, the total row (the last one). */
static void table_print(struct sw_strbuf *sb, struct table *t)
{
	table_measure(t);
	table_header(sb, t);
	table_dashes(sb, t);
	for (size_t r = 0; r + 1 < t->nrows; r++)
		table_line(sb, t, &t->rows[r]);
	table_dashes(sb, t);
	table_line(sb, t, &t->rows[t->nrows - 1]);
}

static void cell_u64(char *cell, uint64_t v)
{
	snprintf(cell, CELL, "%" PRIu64, v);
}

/* strace leaves the errors column empty when there are none */
static void cell_errors(char *cell, uint64_t v)
{
	if (v)
		cell_u64(cell, v);
	else
		cell[0] = '\0';
}

/* seconds with microseconds, truncated: 0.001234 */
static void cell_secs(char *cell, uint64_t ns)
{
	snprintf(cell, CELL, "%" PRIu64 ".%06" PRIu64, ns / 1000000000u, ns % 1000000000u / 1000u);
}

static void cell_pct(char *cell, uint64_t part, uint64_t whole)
{
	snprintf(cell, CELL, "%.2f", whole ? 100.0 * (double)part / (double)whole : 0.0);
}

/* ---- the syscall table ------------------------------------------------------ */

static const struct column time_cols[] = {
	[C_PCT] = { "% time", 6, false },
	[C_SECS] = { "seconds", 11, false },
	[C_USECS] = { "usecs/call", 11, false },
	[C_CALLS] = { "calls", 9, false },
	[C_ERRORS] = { "errors", 9, false },
	[C_NAME] = { "syscall", 16, true },
};

/* Without durations: % calls, calls, errors, syscall. */
enum { N_PCT, N_CALLS, N_ERRORS, N_NAME };
static const struct column count_cols[] = {
	[N_PCT] = { "% calls", 7, false },
	[N_CALLS] = { "calls", 9, false },
	[N_ERRORS] = { "errors", 9, false },
	[N_NAME] = { "syscall", 16, true },
};

static void fill_sc_row(struct row *r, const struct sw_sc_stats *sc, const char *name, bool latency,
			const struct sw_stats_totals *tot)
{
	if (latency) {
		cell_pct(r->cell[C_PCT], sc->total_ns, tot->total_ns);
		cell_secs(r->cell[C_SECS], sc->total_ns);
		cell_u64(r->cell[C_USECS], sc->calls ? sc->total_ns / sc->calls / 1000u : 0);
		cell_u64(r->cell[C_CALLS], sc->calls);
		cell_errors(r->cell[C_ERRORS], sc->errors);
		snprintf(r->cell[C_NAME], CELL, "%s", name);
	} else {
		cell_pct(r->cell[N_PCT], sc->calls, tot->calls);
		cell_u64(r->cell[N_CALLS], sc->calls);
		cell_errors(r->cell[N_ERRORS], sc->errors);
		snprintf(r->cell[N_NAME], CELL, "%s", name);
	}
}

/* The syscalls a table shows, in order (at most top), and the totals. */
struct table_sel {
	int *nrs;
	size_t n;
	struct sw_stats_totals tot;
	struct sw_sc_stats total; /* the total row */
};

/* Selects the rows and allocates them in t (one more for the total); false
 * when there is none. */
static bool table_select(const struct sw_stats *s, enum sw_stats_sort sort, size_t top, struct table_sel *sel,
			 struct table *t)
{
	memset(sel, 0, sizeof(*sel));
	sel->nrs = sw_xmalloc(SW_NR_MAX * sizeof(*sel->nrs));
	sel->n = sw_stats_sorted(s, sort, sel->nrs);
	if (sel->n == 0) {
		free(sel->nrs);
		return false;
	}
	if (top && sel->n > top)
		sel->n = top;
	sw_stats_totals(s, &sel->tot);
	t->nrows = sel->n + 1;
	t->rows = sw_xcalloc(t->nrows, sizeof(*t->rows));
	return true;
}

void sw_summary_table(struct sw_strbuf *sb, const struct sw_stats *s, enum sw_stats_sort sort, size_t top)
{
	struct table_sel sel;
	struct table t = { 0 };
	char buf[24];

	if (!table_select(s, sort, top, &sel, &t))
		return;
	if (s->have_latency)
		table_columns(&t, time_cols, C_MAX);
	else
		table_columns(&t, count_cols, N_NAME + 1);
	for (size_t i = 0; i < sel.n; i++)
		fill_sc_row(&t.rows[i], &s->sc[sel.nrs[i]], sw_stats_name(sel.nrs[i], buf, sizeof(buf)), s->have_latency,
			    &sel.tot);
	sel.total.calls = sel.tot.calls;
	sel.total.errors = sel.tot.errors;
	sel.total.total_ns = sel.tot.total_ns;
	fill_sc_row(&t.rows[sel.n], &sel.total, "total", s->have_latency, &sel.tot);
	/* like strace, the total is 100% even when no time was measured */
	snprintf(t.rows[sel.n].cell[0], CELL, "100.00");
	if (s->no_errors)
		table_drop(&t, s->have_latency ? C_ERRORS : N_ERRORS);
	table_print(sb, &t);
	free(t.rows);
	free(sel.nrs);
}

/* ---- the syscall table with -U's columns ----------------------------------- */

static const struct column any_cols[] = {
	[SW_COL_PCT] = { "% time", 6, false },
	[SW_COL_SECS] = { "seconds", 11, false },
	[SW_COL_MIN] = { "shortest", 8, false },
	[SW_COL_MAX] = { "longest", 8, false },
	[SW_COL_AVG] = { "usecs/call", 11, false },
	[SW_COL_CALLS] = { "calls", 9, false },
	[SW_COL_ERRORS] = { "errors", 9, false },
	[SW_COL_NAME] = { "syscall", 16, true },
};

static void fill_col(char *cell, unsigned col, const struct sw_sc_stats *sc, const char *name, uint64_t all_ns)
{
	switch (col) {
	case SW_COL_PCT: cell_pct(cell, sc->total_ns, all_ns); break;
	case SW_COL_SECS: cell_secs(cell, sc->total_ns); break;
	case SW_COL_MIN: cell_secs(cell, sc->min_ns); break;
	case SW_COL_MAX: cell_secs(cell, sc->max_ns); break;
	case SW_COL_AVG: cell_u64(cell, sc->calls ? sc->total_ns / sc->calls / 1000u : 0); break;
	case SW_COL_CALLS: cell_u64(cell, sc->calls); break;
	case SW_COL_ERRORS: cell_errors(cell, sc->errors); break;
	default: snprintf(cell, CELL, "%s", name); break;
	}
}

void sw_summary_table_cols(struct sw_strbuf *sb, const struct sw_stats *s, enum sw_stats_sort sort, size_t top,
			   const struct sw_summary_columns *cols)
{
	struct table_sel sel;
	struct table t = { 0 };
	char buf[24];

	if (!table_select(s, sort, top, &sel, &t))
		return;
	t.ncols = cols->n;
	for (int c = 0; c < t.ncols; c++)
		t.cols[c] = any_cols[cols->col[c]];
	/* the total row: all calls; the shortest and longest of all */
	for (int nr = 0; nr < SW_NR_MAX; nr++)
		sw_stats_add_sc_totals(&sel.total, &s->sc[nr]);
	for (size_t i = 0; i < sel.n; i++)
		for (int c = 0; c < t.ncols; c++)
			fill_col(t.rows[i].cell[c], cols->col[c], &s->sc[sel.nrs[i]], sw_stats_name(sel.nrs[i], buf, sizeof(buf)),
				 sel.tot.total_ns);
	for (int c = 0; c < t.ncols; c++)
		fill_col(t.rows[sel.n].cell[c], cols->col[c], &sel.total, "total", sel.tot.total_ns);
	for (int c = 0; c < t.ncols; c++)
		if (cols->col[c] == SW_COL_PCT)
			snprintf(t.rows[sel.n].cell[c], CELL, "100.00"); /* as strace, even with no time measured */
	table_print(sb, &t);
	free(t.rows);
	free(sel.nrs);
}

static const struct {
	const char *name;
	enum sw_summary_col col;
} col_words[] = {
	{ "time_percent", SW_COL_PCT }, { "time", SW_COL_PCT },
	{ "total_time", SW_COL_SECS }, { "time_total", SW_COL_SECS },
	{ "min_time", SW_COL_MIN }, { "time_min", SW_COL_MIN }, { "shortest", SW_COL_MIN },
	{ "max_time", SW_COL_MAX }, { "time_max", SW_COL_MAX }, { "longest", SW_COL_MAX },
	{ "avg_time", SW_COL_AVG }, { "time_avg", SW_COL_AVG },
	{ "calls", SW_COL_CALLS }, { "count", SW_COL_CALLS },
	{ "errors", SW_COL_ERRORS }, { "error", SW_COL_ERRORS },
	{ "name", SW_COL_NAME }, { "syscall", SW_COL_NAME }, { "syscall_name", SW_COL_NAME },
};

static int column_word(const char *w)
{
	char word[32];
	size_t len = strlen(w);

	if (len >= sizeof(word))
		return -1;
	for (size_t i = 0; i <= len; i++)
		word[i] = w[i] == '-' ? '_' : w[i];
	for (size_t i = 0; i < sizeof(col_words) / sizeof(col_words[0]); i++)
		if (strcmp(word, col_words[i].name) == 0)
			return col_words[i].col;
	return -1;
}

int sw_summary_columns_parse(const char *list, struct sw_summary_columns *cols, struct sw_err *err)
{
	char *copy = sw_xstrdup(list), *save = NULL;
	bool seen[SW_COL_NAME + 1] = { false };
	int rc = 0;

	memset(cols, 0, sizeof(*cols));
	for (char *w = strtok_r(copy, ",", &save); w && !rc; w = strtok_r(NULL, ",", &save)) {
		int col = column_word(w);

		if (col < 0)
			rc = sw_err_set(err, "unknown column name: '%s' (time-percent, total-time, min-time, max-time, "
					"avg-time, calls, errors, name)", w);
		else if (!seen[col]) {
			seen[col] = true;
			cols->col[cols->n++] = (uint8_t)col;
		}
	}
	free(copy);
	if (rc == 0 && cols->n == 0)
		rc = sw_err_set(err, "unknown column name: '%s'", list);
	if (rc == 0 && !seen[SW_COL_NAME])
		cols->col[cols->n++] = SW_COL_NAME; /* strace always names the syscall */
	return rc;
}

bool sw_summary_columns_timed(const struct sw_summary_columns *cols)
{
	for (unsigned i = 0; i < cols->n; i++)
		if (cols->col[i] != SW_COL_CALLS && cols->col[i] != SW_COL_ERRORS && cols->col[i] != SW_COL_NAME)
			return true;
	return false;
}

/* ---- the process table ------------------------------------------------------ */

enum { P_PCT, P_CALLS, P_ERRORS, P_SECS, P_PID, P_COMM, P_MAX };
static const struct column proc_cols[] = {
	[P_PCT] = { "% calls", 7, false },
	[P_CALLS] = { "calls", 9, false },
	[P_ERRORS] = { "errors", 9, false },
	[P_SECS] = { "seconds", 11, false },
	[P_PID] = { "pid", 7, false },
	[P_COMM] = { "comm", 16, true },
};

/* Without latency the seconds column is left out: shift pid and comm left. */
static void fill_proc_row(struct row *r, const struct sw_proc_stats *p, uint64_t all_calls, bool latency)
{
	int c = 0;

	cell_pct(r->cell[c++], p->calls, all_calls);
	cell_u64(r->cell[c++], p->calls);
	cell_errors(r->cell[c++], p->errors);
	if (latency)
		cell_secs(r->cell[c++], p->total_ns);
	if (p->pid)
		snprintf(r->cell[c++], CELL, "%" PRIu32, p->pid);
	else
		r->cell[c++][0] = '\0';
	if (p->pid)
		sw_comm_escape(r->cell[c], CELL, p->comm);
	else
		snprintf(r->cell[c], CELL, "%s", p->comm); /* "total (N)" */
}

void sw_summary_procs(struct sw_strbuf *sb, const struct sw_stats *s, size_t top)
{
	static const struct column proc_cols_nolat[] = {
		{ "% calls", 7, false }, { "calls", 9, false }, { "errors", 9, false },
		{ "pid", 7, false },     { "comm", 16, true },
	};
	struct sw_proc_stats total = { 0 };
	struct table t = { 0 };
	size_t *idx, n;

	if (s->nprocs == 0)
		return;
	idx = sw_xmalloc(s->nprocs * sizeof(*idx));
	n = sw_stats_procs_sorted(s, idx);
	for (size_t i = 0; i < n; i++) {
		total.calls += s->procs[idx[i]].calls;
		total.errors += s->procs[idx[i]].errors;
		total.total_ns += s->procs[idx[i]].total_ns;
	}
	if (top && n > top)
		n = top;
	if (s->have_latency)
		table_columns(&t, proc_cols, P_MAX);
	else
		table_columns(&t, proc_cols_nolat, P_MAX - 1);
	t.nrows = n + 1;
	t.rows = sw_xcalloc(t.nrows, sizeof(*t.rows));
	for (size_t i = 0; i < n; i++)
		fill_proc_row(&t.rows[i], &s->procs[idx[i]], total.calls, s->have_latency);
	snprintf(total.comm, sizeof(total.comm), "total (%zu)", s->nprocs);
	fill_proc_row(&t.rows[n], &total, total.calls, s->have_latency);
	snprintf(t.rows[n].cell[0], CELL, "100.00");
	if (s->no_errors)
		table_drop(&t, P_ERRORS);
	table_print(sb, &t);
	free(t.rows);
	free(idx);
}

/* ---- histograms --------------------------------------------------------------- */

#define BAR_WIDTH 40

/* 2^exp with K/M/G/T suffixes for powers of 1024: 512, 1K, 2K, ... 1M */
static void pow2_label(char *buf, size_t size, unsigned exp)
{
	static const char suffix[] = " KMGTPE";
	unsigned unit = exp / 10;

	if (unit == 0)
		snprintf(buf, size, "%llu", 1ull << exp);
	else
		snprintf(buf, size, "%llu%c", 1ull << (exp % 10), suffix[unit]);
}

static void hist_one(struct sw_strbuf *sb, const struct sw_sc_stats *sc, const char *name)
{
	unsigned lo = SW_HIST_BUCKETS, hi = 0;
	uint64_t peak = 0;

	for (unsigned b = 0; b < SW_HIST_BUCKETS; b++) {
		if (!sc->hist[b])
			continue;
		if (lo == SW_HIST_BUCKETS)
			lo = b;
		hi = b;
		if (sc->hist[b] > peak)
			peak = sc->hist[b];
	}
	sw_strbuf_printf(sb, "%s: %" PRIu64 " calls, latency in ns", name, sc->calls);
	if (sc->calls)
		sw_strbuf_printf(sb, " (avg %" PRIu64 ", max %" PRIu64 ")", sc->total_ns / sc->calls, sc->max_ns);
	sw_strbuf_putc(sb, '\n');
	if (!peak)
		return;
	for (unsigned b = lo; b <= hi; b++) {
		char from[16], to[16], range[40];
		unsigned bar = (unsigned)((sc->hist[b] * BAR_WIDTH + peak - 1) / peak);

		pow2_label(from, sizeof(from), b);
		if (b == 0)
			snprintf(from, sizeof(from), "0");
		if (b + 1 < SW_HIST_BUCKETS) {
			pow2_label(to, sizeof(to), b + 1);
			snprintf(range, sizeof(range), "[%s, %s)", from, to);
		} else {
			snprintf(range, sizeof(range), "[%s, ...)", from);
		}
		sw_strbuf_printf(sb, "  %-16s %10" PRIu64 " |", range, sc->hist[b]);
		for (unsigned i = 0; i < BAR_WIDTH; i++)
			sw_strbuf_putc(sb, i < bar ? '@' : ' ');
		sw_strbuf_puts(sb, "|\n");
	}
}

void sw_summary_hist(struct sw_strbuf *sb, const struct sw_stats *s, enum sw_stats_sort sort, size_t top)
{
	int *nrs = sw_xmalloc(SW_NR_MAX * sizeof(*nrs));
	size_t n = sw_stats_sorted(s, sort, nrs);
	char buf[24];

	if (top && n > top)
		n = top;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sw_strbuf_putc(sb, '\n');
		hist_one(sb, &s->sc[nrs[i]], sw_stats_name(nrs[i], buf, sizeof(buf)));
	}
	free(nrs);
}

/* ---- the report --------------------------------------------------------------- */

static void report_heading(struct sw_strbuf *sb, const struct sw_stats *s, const struct sw_summary_info *info)
{
	struct sw_stats_totals tot;
	char when[32] = "";

	sw_stats_totals(s, &tot);
	if (info->end_ns) {
		time_t t = (time_t)(info->end_ns / 1000000000u);
		struct tm tm;

		if (localtime_r(&t, &tm))
			strftime(when, sizeof(when), "%H:%M:%S ", &tm);
	}
	if (info->interval)
		sw_strbuf_printf(sb, "%sinterval %u: ", when, info->interval);
	else
		sw_strbuf_puts(sb, when);
	sw_strbuf_printf(sb, "%.3f s", (double)info->elapsed_ns / 1e9);
	if (info->scope)
		sw_strbuf_printf(sb, " %s", info->scope);
	if (info->engine)
		sw_strbuf_printf(sb, ", engine %s", info->engine);
	sw_strbuf_putc(sb, '\n');
	sw_strbuf_printf(sb, "total syscalls: %" PRIu64, tot.calls);
	if (!s->no_errors)
		sw_strbuf_printf(sb, ", errors: %" PRIu64, tot.errors);
	sw_strbuf_printf(sb, ", processes seen: %zu, events lost: %" PRIu64 "\n", s->nprocs, s->lost);
}

void sw_summary_report(struct sw_strbuf *sb, const struct sw_stats *s, const struct sw_summary_opts *o,
		       const struct sw_summary_info *info)
{
	size_t top_procs = o->top ? o->top : o->top_procs;
	bool heading = o->system_wide || info->interval;

	if (heading) {
		report_heading(sb, s, info);
		sw_strbuf_putc(sb, '\n');
		if (o->system_wide)
			sw_strbuf_puts(sb, o->top ? "top syscalls:\n" : "syscalls:\n");
	}
	if (o->cols.n)
		sw_summary_table_cols(sb, s, o->sort, o->top, &o->cols);
	else
		sw_summary_table(sb, s, o->sort, o->top);
	if ((o->system_wide || o->per_process) && s->nprocs) {
		sw_strbuf_puts(sb, o->system_wide ? "\nmost active processes:\n" : "\nprocesses:\n");
		sw_summary_procs(sb, s, top_procs);
	}
	if (o->histogram && s->have_latency) {
		sw_strbuf_putc(sb, '\n');
		sw_summary_hist(sb, s, o->sort, o->top);
	}
	if (!heading && s->lost)
		sw_strbuf_printf(sb, "events lost: %" PRIu64 "\n", s->lost);
}

/* ---- JSON ----------------------------------------------------------------------- */

static void json_str(struct sw_strbuf *sb, const char *s)
{
	sw_json_string(sb, s, strlen(s));
}

static void json_u64_or_null(struct sw_strbuf *sb, const char *key, uint64_t v, bool have)
{
	if (have)
		sw_strbuf_printf(sb, ",\"%s\":%" PRIu64, key, v);
	else
		sw_strbuf_printf(sb, ",\"%s\":null", key);
}

static void json_hist(struct sw_strbuf *sb, const struct sw_sc_stats *sc)
{
	bool first = true;

	sw_strbuf_puts(sb, ",\"hist\":[");
	for (unsigned b = 0; b < SW_HIST_BUCKETS; b++) {
		if (!sc->hist[b])
			continue;
		/* [lo_ns, hi_ns): bucket 0 also holds 0 */
		sw_strbuf_printf(sb, "%s{\"lo_ns\":%llu,", first ? "" : ",", b ? 1ull << b : 0ull);
		if (b + 1 < SW_HIST_BUCKETS)
			sw_strbuf_printf(sb, "\"hi_ns\":%llu,", 1ull << (b + 1));
		else
			sw_strbuf_puts(sb, "\"hi_ns\":null,");
		sw_strbuf_printf(sb, "\"count\":%" PRIu64 "}", sc->hist[b]);
		first = false;
	}
	sw_strbuf_putc(sb, ']');
}

static void json_syscalls(struct sw_strbuf *sb, const struct sw_stats *s, const struct sw_summary_opts *o)
{
	int *nrs = sw_xmalloc(SW_NR_MAX * sizeof(*nrs));
	size_t n = sw_stats_sorted(s, o->sort, nrs);
	char buf[24];

	if (o->top && n > o->top)
		n = o->top;
	sw_strbuf_puts(sb, "\"syscalls\":[");
	for (size_t i = 0; i < n; i++) {
		const struct sw_sc_stats *sc = &s->sc[nrs[i]];

		sw_strbuf_puts(sb, i ? ",{\"name\":" : "{\"name\":");
		json_str(sb, sw_stats_name(nrs[i], buf, sizeof(buf)));
		sw_strbuf_printf(sb, ",\"nr\":%d,\"calls\":%" PRIu64, nrs[i], sc->calls);
		json_u64_or_null(sb, "errors", sc->errors, !s->no_errors);
		json_u64_or_null(sb, "total_ns", sc->total_ns, s->have_latency);
		json_u64_or_null(sb, "max_ns", sc->max_ns, s->have_latency);
		if (o->histogram && s->have_latency)
			json_hist(sb, sc);
		sw_strbuf_putc(sb, '}');
	}
	sw_strbuf_putc(sb, ']');
	free(nrs);
}

static void json_procs(struct sw_strbuf *sb, const struct sw_stats *s, size_t top)
{
	size_t *idx = sw_xmalloc((s->nprocs ? s->nprocs : 1) * sizeof(*idx));
	size_t n = sw_stats_procs_sorted(s, idx);

	if (top && n > top)
		n = top;
	sw_strbuf_puts(sb, "\"processes\":[");
	for (size_t i = 0; i < n; i++) {
		const struct sw_proc_stats *p = &s->procs[idx[i]];

		sw_strbuf_printf(sb, "%s{\"pid\":%" PRIu32 ",\"comm\":", i ? "," : "", p->pid);
		sw_json_string(sb, p->comm, strnlen(p->comm, sizeof(p->comm)));
		sw_strbuf_printf(sb, ",\"calls\":%" PRIu64, p->calls);
		json_u64_or_null(sb, "errors", p->errors, !s->no_errors);
		json_u64_or_null(sb, "total_ns", p->total_ns, s->have_latency);
		sw_strbuf_putc(sb, '}');
	}
	sw_strbuf_putc(sb, ']');
	free(idx);
}

void sw_summary_json(struct sw_strbuf *sb, const struct sw_stats *s, const struct sw_summary_opts *o,
		     const struct sw_summary_info *info)
{
	struct sw_stats_totals tot;

	sw_stats_totals(s, &tot);
	sw_strbuf_puts(sb, "{\"type\":\"stat\"");
	if (info->engine) {
		sw_strbuf_puts(sb, ",\"engine\":");
		json_str(sb, info->engine);
	}
	if (info->scope) {
		sw_strbuf_puts(sb, ",\"scope\":");
		json_str(sb, info->scope);
	}
	if (info->interval)
		sw_strbuf_printf(sb, ",\"interval\":%u", info->interval);
	sw_strbuf_printf(sb, ",\"final\":%s,\"end_ns\":%" PRIu64 ",\"elapsed_ns\":%" PRIu64 ",\"latency\":%s,",
			 info->final ? "true" : "false", info->end_ns, info->elapsed_ns,
			 s->have_latency ? "true" : "false");
	json_syscalls(sb, s, o);
	sw_strbuf_printf(sb, ",\"totals\":{\"calls\":%" PRIu64, tot.calls);
	json_u64_or_null(sb, "errors", tot.errors, !s->no_errors);
	json_u64_or_null(sb, "total_ns", tot.total_ns, s->have_latency);
	sw_strbuf_printf(sb, ",\"syscalls\":%u,\"processes\":%zu},", tot.syscalls, s->nprocs);
	json_procs(sb, s, o->top);
	sw_strbuf_printf(sb, ",\"processes_seen\":%zu,\"lost\":%" PRIu64 "}", s->nprocs, s->lost);
}
