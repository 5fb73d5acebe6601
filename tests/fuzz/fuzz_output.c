// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer harness: the text and JSON Lines writers. Input: u8 format (json,
 * -T, -Z, timestamps, pid prefix), decoder options (fuzz.h), u8 more format
 * (-r, -n, -i), then events
 * (fuzz.h) until the input ends. Lines go to /dev/null; a JSON line must stay
 * one line whatever the event holds. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "output/output_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sw_event *ev;
	static FILE *devnull;
	struct fz_in in = { data, size };
	struct sw_output_opts o = { 0 };
	struct sw_output *out;
	uint8_t fmt;

	if (!ev) {
		ev = sw_event_new(FZ_EVENT_DATA);
		devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
	}
	fmt = fz_u8(&in);
	o.out = devnull;
	o.json = fmt & 1;
	o.show_dur = (fmt >> 1) & 1;
	o.failed_only = (fmt >> 2) & 1;
	o.ts_mode = (fmt >> 3) & 3;
	o.pid_prefix = (fmt >> 5) & 3;
	fz_decode_opts(&in, &o.dec);
	fmt = fz_u8(&in);
	o.relative = fmt & 1;
	o.show_nr = (fmt >> 1) & 1;
	o.show_ip = (fmt >> 2) & 1;
	out = sw_output_new(&o);
	for (int i = 0; i < 64 && in.left; i++) {
		fz_event(&in, ev);
		if (ev->kind == SW_EV_ATTACH)
			sw_output_note_process(out, ev->tid);
		/* the line as it would be written: a JSON line has no raw newline */
		sw_strbuf_reset(&out->line);
		if (o.json ? sw_jsonl_format(out, ev) : sw_text_format(out, ev)) {
			const char *line = sw_strbuf_str(&out->line);
			size_t len = out->line.len;

			if (o.json && (len < 3 || memchr(line, '\n', len - 1) || line[0] != '{' ||
				       line[len - 2] != '}' || line[len - 1] != '\n'))
				abort();
		}
		sw_strbuf_reset(&out->line);
		if (sw_output_event(out, ev) < 0)
			abort();
	}
	sw_output_finish(out, fz_u8(&in));
	sw_output_free(out);
	return 0;
}
