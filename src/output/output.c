/* The output front door: picks the format, decides what is shown, writes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "output/output_impl.h"
#include "util/error.h"

struct sw_output *sw_output_new(const struct sw_output_opts *o)
{
	struct sw_output *out = sw_xcalloc(1, sizeof(*out));

	out->o = *o;
	if (!out->o.out)
		out->o.out = stderr;
	if (!out->o.dec.strlimit)
		out->o.dec.strlimit = SW_DEFAULT_STRLIMIT;
	out->clock_sec = (time_t)-1;
	sw_strbuf_init(&out->line);
	sw_strbuf_init(&out->part);
	return out;
}

void sw_output_note_process(struct sw_output *out, uint32_t tid)
{
	if (!out->first_tid)
		out->first_tid = tid;
	else if (tid != out->first_tid)
		out->several = true;
}

bool sw_output_wanted(const struct sw_output *out, const struct sw_event *ev)
{
	if (ev->kind != SW_EV_SYSCALL || !out->o.failed_only)
		return true;
	return !(ev->flags & SW_EVF_NORET) && sw_ret_is_error(ev);
}

int sw_output_event(struct sw_output *out, const struct sw_event *ev)
{
	int shown;

	sw_output_note_process(out, ev->tid);
	if (!sw_output_wanted(out, ev))
		return 0;
	sw_strbuf_reset(&out->line);
	shown = out->o.json ? sw_jsonl_format(out, ev) : sw_text_format(out, ev);
	if (!shown)
		return 0;
	out->written++;
	if (fwrite(out->line.buf, 1, out->line.len, out->o.out) != out->line.len)
		return -1;
	return 0;
}

int sw_output_finish(struct sw_output *out, uint64_t lost)
{
	if (out->o.json) {
		sw_strbuf_reset(&out->line);
		sw_jsonl_summary(out, lost);
		fwrite(out->line.buf, 1, out->line.len, out->o.out);
	} else if (lost) {
		fprintf(out->o.out, "syswatch: %llu events lost\n", (unsigned long long)lost);
	}
	if (fflush(out->o.out) != 0 || ferror(out->o.out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

void sw_output_free(struct sw_output *out)
{
	if (!out)
		return;
	sw_strbuf_release(&out->line);
	sw_strbuf_release(&out->part);
	free(out);
}
