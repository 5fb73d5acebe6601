// SPDX-License-Identifier: GPL-2.0-only
/* The verify report, as text for people or one JSON object for programs. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "output/output.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "verify/report.h"

static const char *const kind_key[VF_NKINDS] = {
	[VF_MATCHED] = "matched",
	[VF_MISMATCHED] = "mismatched",
	[VF_ONLY_PTRACE] = "only_ptrace",
	[VF_ONLY_EBPF] = "only_ebpf",
	[VF_INJECTED] = "injected",
};

static const char *const kind_label[VF_NKINDS] = {
	[VF_MATCHED] = "matched",
	[VF_MISMATCHED] = "mismatch",
	[VF_ONLY_PTRACE] = "only in ptrace",
	[VF_ONLY_EBPF] = "only in ebpf",
	[VF_INJECTED] = "injected by ptrace",
};

void vf_report_note(const struct vf_diff *d, void *ctx)
{
	struct vf_report *r = ctx;
	struct vf_diff_rec *rec;

	if (r->ndiffs >= r->max_diffs)
		return;
	r->diffs = sw_xrealloc(r->diffs, (r->ndiffs + 1) * sizeof(*r->diffs));
	rec = &r->diffs[r->ndiffs++];
	rec->kind = d->kind;
	rec->what = d->what;
	rec->tid = d->tid;
	rec->seq = d->p ? d->p->seq : d->e->seq;
	rec->ptrace_text = d->p ? sw_xstrdup(d->p->text) : NULL;
	rec->ebpf_text = d->e ? sw_xstrdup(d->e->text) : NULL;
}

uint64_t vf_report_differences(const struct vf_report *r)
{
	const uint64_t *k = r->totals->kind;

	return k[VF_MISMATCHED] + k[VF_ONLY_PTRACE] + k[VF_ONLY_EBPF] + k[VF_INJECTED];
}

bool vf_report_agree(const struct vf_report *r)
{
	return vf_report_differences(r) == 0 && r->lost == 0;
}

void vf_report_release(struct vf_report *r)
{
	for (size_t i = 0; i < r->ndiffs; i++) {
		free(r->diffs[i].ptrace_text);
		free(r->diffs[i].ebpf_text);
	}
	free(r->diffs);
	r->diffs = NULL;
	r->ndiffs = 0;
}

/* One line saying what the comparison found. */
static void verdict(const struct vf_report *r, struct sw_strbuf *sb)
{
	const uint64_t *k = r->totals->kind;
	uint64_t n = vf_report_differences(r);

	if (vf_report_agree(r)) {
		sw_strbuf_puts(sb, "the engines agree");
		return;
	}
	if (n == 0) {
		sw_strbuf_printf(sb, "inconclusive: the ebpf engine lost %" PRIu64 " events", r->lost);
		return;
	}
	sw_strbuf_printf(sb, "the engines differ on %" PRIu64 " call%s", n, n == 1 ? "" : "s");
	if (r->lost)
		sw_strbuf_printf(sb, " (the ebpf engine lost %" PRIu64 " events: calls missing from it"
				     " may be those, not evasion)", r->lost);
	else if (k[VF_INJECTED] == n)
		sw_strbuf_puts(sb, " (all injected by ptrace: the kernel did not run them)");
}

static void exit_text(const struct vf_report *r, struct sw_strbuf *sb)
{
	if (r->exit_code < 0)
		sw_strbuf_puts(sb, "unknown");
	else if (r->exit_code > 128)
		sw_strbuf_printf(sb, "%d (killed by %s)", r->exit_code,
				 sw_signal_name(r->exit_code - 128) ? sw_signal_name(r->exit_code - 128) : "a signal");
	else
		sw_strbuf_printf(sb, "%d", r->exit_code);
}

void vf_report_text(const struct vf_report *r, FILE *f)
{
	const struct vf_totals *t = r->totals;
	struct sw_strbuf sb = SW_STRBUF_INIT;
	uint64_t n = vf_report_differences(r);

	verdict(r, &sb);
	fprintf(f, "syswatch verify: %s\n", sw_strbuf_str(&sb));
	sw_strbuf_reset(&sb);
	exit_text(r, &sb);
	fprintf(f, "command exit status: %s%s\n", sw_strbuf_str(&sb), r->interrupted ? " (interrupted)" : "");
	fprintf(f, "%-22s %12s %12s\n", "", "ptrace", "ebpf");
	fprintf(f, "%-22s %12" PRIu64 " %12" PRIu64 "\n", "syscalls seen", t->seen[VF_PTRACE], t->seen[VF_EBPF]);
	fprintf(f, "%-22s %12" PRIu64 " %12" PRIu64 "\n", "matched", t->kind[VF_MATCHED], t->kind[VF_MATCHED]);
	fprintf(f, "%-22s %12" PRIu64 " %12" PRIu64 "\n", "mismatched", t->kind[VF_MISMATCHED],
		t->kind[VF_MISMATCHED]);
	fprintf(f, "%-22s %12" PRIu64 " %12s\n", "only in ptrace", t->kind[VF_ONLY_PTRACE], "-");
	fprintf(f, "%-22s %12s %12" PRIu64 "\n", "only in ebpf", "-", t->kind[VF_ONLY_EBPF]);
	fprintf(f, "%-22s %12" PRIu64 " %12s\n", "injected (ptrace)", t->kind[VF_INJECTED], "-");
	fprintf(f, "%-22s %12s %12" PRIu64 "\n", "events lost", "0", r->lost);
	fprintf(f, "%-22s %12" PRIu64 " %12" PRIu64 "\n", "before exec (skipped)", r->before_exec[VF_PTRACE],
		r->before_exec[VF_EBPF]);
	if (r->ndiffs) {
		fprintf(f, "differences (the first %zu of %" PRIu64 "):\n", r->ndiffs, n);
		for (size_t i = 0; i < r->ndiffs; i++) {
			const struct vf_diff_rec *d = &r->diffs[i];

			fprintf(f, "  tid %u call %" PRIu64 ": %s%s%s%s\n", d->tid, d->seq, kind_label[d->kind],
				d->what ? " (" : "", d->what ? d->what : "", d->what ? ")" : "");
			fprintf(f, "    ptrace: %s\n", d->ptrace_text ? d->ptrace_text : "-");
			fprintf(f, "    ebpf:   %s\n", d->ebpf_text ? d->ebpf_text : "-");
		}
	}
	sw_strbuf_release(&sb);
}

static void json_str_or_null(struct sw_strbuf *sb, const char *s)
{
	if (s)
		sw_json_string(sb, s, strlen(s));
	else
		sw_strbuf_puts(sb, "null");
}

static void json_by_syscall(const struct vf_report *r, struct sw_strbuf *sb)
{
	bool first = true;

	sw_strbuf_puts(sb, "\"by_syscall\":{");
	for (int nr = 0; nr < SW_NR_MAX; nr++) {
		const uint32_t *c = r->totals->by_nr[nr];
		const char *name = sw_syscall_name(nr);
		char fallback[32];
		bool any = false;

		for (int k = 0; k < VF_NKINDS; k++)
			any |= c[k] != 0;
		if (!any)
			continue;
		if (!name) {
			snprintf(fallback, sizeof(fallback), "syscall_%d", nr);
			name = fallback;
		}
		sw_strbuf_puts(sb, first ? "" : ",");
		first = false;
		sw_json_string(sb, name, strlen(name));
		sw_strbuf_putc(sb, ':');
		for (int k = 0; k < VF_NKINDS; k++)
			sw_strbuf_printf(sb, "%s\"%s\":%u", k ? "," : "{", kind_key[k], c[k]);
		sw_strbuf_putc(sb, '}');
	}
	sw_strbuf_putc(sb, '}');
}

void vf_report_json(const struct vf_report *r, FILE *f)
{
	const struct vf_totals *t = r->totals;
	struct sw_strbuf sb = SW_STRBUF_INIT, v = SW_STRBUF_INIT;

	verdict(r, &v);
	sw_strbuf_printf(&sb, "{\"agree\":%s,\"verdict\":", vf_report_agree(r) ? "true" : "false");
	sw_json_string(&sb, sw_strbuf_str(&v), v.len);
	sw_strbuf_puts(&sb, ",\"command\":[");
	for (size_t i = 0; r->argv && r->argv[i]; i++) {
		sw_strbuf_puts(&sb, i ? "," : "");
		sw_json_string(&sb, r->argv[i], strlen(r->argv[i]));
	}
	sw_strbuf_puts(&sb, "],\"exit_code\":");
	if (r->exit_code < 0)
		sw_strbuf_puts(&sb, "null");
	else
		sw_strbuf_printf(&sb, "%d", r->exit_code);
	sw_strbuf_printf(&sb, ",\"interrupted\":%s", r->interrupted ? "true" : "false");
	sw_strbuf_printf(&sb, ",\"ptrace\":{\"syscalls\":%" PRIu64 ",\"before_exec\":%" PRIu64 ",\"lost\":0}",
			 t->seen[VF_PTRACE], r->before_exec[VF_PTRACE]);
	sw_strbuf_printf(&sb, ",\"ebpf\":{\"syscalls\":%" PRIu64 ",\"before_exec\":%" PRIu64 ",\"lost\":%" PRIu64 "}",
			 t->seen[VF_EBPF], r->before_exec[VF_EBPF], r->lost);
	for (int k = 0; k < VF_NKINDS; k++)
		sw_strbuf_printf(&sb, ",\"%s\":%" PRIu64, kind_key[k], t->kind[k]);
	sw_strbuf_printf(&sb, ",\"differences\":%" PRIu64 ",", vf_report_differences(r));
	json_by_syscall(r, &sb);
	sw_strbuf_puts(&sb, ",\"first_differences\":[");
	for (size_t i = 0; i < r->ndiffs; i++) {
		const struct vf_diff_rec *d = &r->diffs[i];

		sw_strbuf_printf(&sb, "%s{\"kind\":\"%s\",\"what\":", i ? "," : "", kind_key[d->kind]);
		json_str_or_null(&sb, d->what);
		sw_strbuf_printf(&sb, ",\"tid\":%u,\"seq\":%" PRIu64 ",\"ptrace\":", d->tid, d->seq);
		json_str_or_null(&sb, d->ptrace_text);
		sw_strbuf_puts(&sb, ",\"ebpf\":");
		json_str_or_null(&sb, d->ebpf_text);
		sw_strbuf_putc(&sb, '}');
	}
	sw_strbuf_puts(&sb, "]}\n");
	fputs(sw_strbuf_str(&sb), f);
	sw_strbuf_release(&sb);
	sw_strbuf_release(&v);
}
