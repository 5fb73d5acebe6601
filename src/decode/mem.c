// SPDX-License-Identifier: GPL-2.0-only
/* Memory: mmap's flags (a mapping type, bits, and a huge page size). */
#include <inttypes.h>
#include <stdio.h>
#include <sys/mman.h>

#include "decode/dec.h"

#define MAP_TYPE_MASK 0xfu
#define HUGE_SHIFT 26
#define HUGE_MASK 0x3fu

static void mmap_flag_names(struct sw_dec *d, uint64_t flags)
{
	uint64_t type = flags & MAP_TYPE_MASK;
	uint64_t huge = (flags >> HUGE_SHIFT) & HUGE_MASK;
	uint64_t rest = flags & ~(uint64_t)MAP_TYPE_MASK & ~((uint64_t)HUGE_MASK << HUGE_SHIFT);
	const char *name = sw_xlat_name(&sw_xlat_map_type, type);

	if (name)
		dec_puts(d, name);
	else
		dec_printf(d, "%#" PRIx64 " /* MAP_??? */", type);
	if (rest) {
		dec_puts(d, "|");
		sw_xlat_print_flags(d->sb, &sw_xlat_mmap_flags, rest);
	}
	if (huge)
		dec_printf(d, "|%" PRIu64 "<<MAP_HUGE_SHIFT", huge);
}

static void mmap_flags(struct sw_dec *d, uint64_t flags)
{
	char number[24];

	snprintf(number, sizeof(number), "%#" PRIx64, flags);
	dec_styled(d, number, mmap_flag_names, flags);
}

static void decode_mmap(struct sw_dec *d)
{
	dec_args(d, 0, 3);
	dec_sep(d);
	mmap_flags(d, (uint32_t)d->args[3]);
	dec_arg_as(d, 4, SW_T_FD, 0, NULL);
	dec_arg_as(d, 5, SW_T_HEX, 0, NULL);
}

DEC_SYSCALL(mmap, decode_mmap, NULL);
