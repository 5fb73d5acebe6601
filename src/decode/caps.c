// SPDX-License-Identifier: GPL-2.0-only
/* Capabilities: capget and capset's header and sets. */
#include <inttypes.h>
#include <linux/capability.h>

#include "decode/dec.h"

/* {version=_LINUX_CAPABILITY_VERSION_3, pid=0} */
DEC_PRINTER(dec_p_cap_header)
{
	struct __user_cap_header_struct h;

	if (!dec_get_or_addr(d, i, SW_AT_ENTER, &h, sizeof(h)))
		return;
	dec_puts(d, "{version=");
	dec_enum(d, &sw_xlat_cap_versions, h.version, "_LINUX_CAPABILITY_VERSION_???");
	dec_printf(d, ", pid=%d}", h.pid);
}

/* 1<<CAP_CHOWN|1<<CAP_KILL, 0 when empty */
static void cap_set(struct sw_dec *d, uint64_t set)
{
	uint64_t rest = 0;
	bool first = true;

	if (!set) {
		dec_puts(d, "0");
		return;
	}
	for (unsigned b = 0; b < 64; b++) {
		const char *name;

		if (!(set >> b & 1))
			continue;
		name = sw_xlat_name(&sw_xlat_capabilities, b);
		if (!name) {
			rest |= UINT64_C(1) << b;
			continue;
		}
		dec_printf(d, "%s1<<%s", first ? "" : "|", name);
		first = false;
	}
	if (rest)
		dec_printf(d, "%s%#" PRIx64, first ? "" : "|", rest);
}

/* {effective=..., permitted=..., inheritable=...}: one 32-bit set of each
 * (version 1) or two halves of 64 bits (versions 2 and 3), by the header's
 * version; an unknown version, as an address */
static void cap_data(struct sw_dec *d, unsigned i, int when)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct c[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
	unsigned n;

	if (!dec_get(d, 0, SW_AT_ENTER, &h, sizeof(h)) ||
	    (h.version != _LINUX_CAPABILITY_VERSION_1 && h.version != _LINUX_CAPABILITY_VERSION_2 &&
	     h.version != _LINUX_CAPABILITY_VERSION_3)) {
		dec_addr(d, d->args[i]);
		return;
	}
	n = h.version == _LINUX_CAPABILITY_VERSION_1 ? 1 : 2;
	if (!dec_get_or_addr(d, i, when, c, n * sizeof(c[0])))
		return;
	dec_puts(d, "{effective=");
	cap_set(d, c[0].effective | (uint64_t)c[1].effective << 32);
	dec_puts(d, ", permitted=");
	cap_set(d, c[0].permitted | (uint64_t)c[1].permitted << 32);
	dec_puts(d, ", inheritable=");
	cap_set(d, c[0].inheritable | (uint64_t)c[1].inheritable << 32);
	dec_puts(d, "}");
}

DEC_PRINTER_AT(dec_p_cap_data_in, cap_data, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_cap_data_out, cap_data, SW_AT_EXIT)
