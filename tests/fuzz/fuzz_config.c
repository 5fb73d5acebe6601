// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer harness: the monitor's YAML config and rule loader, and the rules
 * it builds. Input: the YAML text up to the first NUL byte; after it, random
 * events (fuzz.h) fed to the rules of a config that loaded. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "monitor/config.h"
#include "monitor/rules.h"

static void on_alert(const struct sw_mon_alert *a, void *ctx)
{
	if (!a->rule || !a->first || !a->last)
		abort();
	++*(unsigned *)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sw_event *ev;
	const uint8_t *nul = memchr(data, 0, size);
	size_t text_len = nul ? (size_t)(nul - data) : size;
	struct fz_in in = { data + text_len, size - text_len };
	struct sw_mon_config *cfg = NULL;
	struct sw_mon_rules *rules;
	struct sw_err err = { 0 };
	unsigned alerts = 0;

	if (!ev)
		ev = sw_event_new(FZ_EVENT_DATA);
	if (sw_mon_config_parse(&cfg, "fuzz.yaml", (const char *)data, text_len, &err) < 0) {
		if (!err.msg[0] || cfg)
			abort();
		return 0;
	}
	if (in.left)
		fz_u8(&in); /* the NUL */
	rules = sw_mon_rules_new(cfg);
	for (int i = 0; i < 256 && in.left; i++) {
		fz_event(&in, ev);
		sw_mon_rules_feed(rules, ev, 1 + fz_u8(&in) % 8, on_alert, &alerts);
	}
	sw_mon_rules_expire(rules, UINT64_MAX);
	sw_mon_rules_free(rules);
	sw_mon_config_free(cfg);
	return 0;
}
