// SPDX-License-Identifier: GPL-2.0-only
/* Scheduling and execution domains: personality, sched_getscheduler's
 * policy, ioprio_get/ioprio_set's IOPRIO_PRIO_VALUE. */
#include <inttypes.h>

#include "decode/dec.h"

/* ---- personality ---- */

#define PER_QUERY 0xffffffffu /* asks for the current one, changes nothing */
#define PER_DOMAIN 0xffu      /* PER_MASK: the execution domain; the rest are flags */

/* PER_LINUX32|ADDR_NO_RANDOMIZE; an unknown domain: 0x42 /\* PER_??? *\/|STICKY_TIMEOUTS */
static void personality_value(struct sw_dec *d, uint32_t v)
{
	if (v == PER_QUERY) {
		dec_printf(d, "%#x", v);
		return;
	}
	dec_enum(d, &sw_xlat_personality, v & PER_DOMAIN, NULL);
	if (v & ~PER_DOMAIN) {
		dec_puts(d, "|");
		dec_flags(d, &sw_xlat_personality_flags, v & ~PER_DOMAIN);
	}
}

static void decode_personality(struct sw_dec *d)
{
	dec_sep(d);
	personality_value(d, (uint32_t)d->args[0]);
}

/* the persona before the call: 0x40008 (PER_LINUX32|ADDR_NO_RANDOMIZE) */
static bool ret_personality(struct sw_dec *d)
{
	dec_hex(d, (uint64_t)d->ev->ret);
	dec_puts(d, " (");
	personality_value(d, (uint32_t)d->ev->ret);
	dec_puts(d, ")");
	return true;
}

/* ---- scheduling policies ---- */

/* 0 (SCHED_OTHER); a policy without a name (with SCHED_RESET_ON_FORK) bare */
static bool ret_sched_getscheduler(struct sw_dec *d)
{
	const char *name = sw_xlat_name(&sw_xlat_sched_policy, (uint64_t)d->ev->ret);

	if (!name)
		return false;
	dec_printf(d, "%" PRId64 " (%s)", d->ev->ret, name);
	return true;
}

/* ---- I/O priorities ---- */

#define IOPRIO_CLASS_SHIFT 13
#define IOPRIO_PRIO_MASK ((1u << IOPRIO_CLASS_SHIFT) - 1)

/* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
static void ioprio_value(struct sw_dec *d, uint32_t v)
{
	dec_puts(d, "IOPRIO_PRIO_VALUE(");
	dec_enum(d, &sw_xlat_ioprio_class, v >> IOPRIO_CLASS_SHIFT, NULL);
	dec_printf(d, ", %u)", v & IOPRIO_PRIO_MASK);
}

static void decode_ioprio_set(struct sw_dec *d)
{
	dec_args(d, 0, 2);
	dec_sep(d);
	ioprio_value(d, (uint32_t)d->args[2]);
}

static bool ret_ioprio_get(struct sw_dec *d)
{
	dec_printf(d, "%" PRId64 " (", d->ev->ret);
	ioprio_value(d, (uint32_t)d->ev->ret);
	dec_puts(d, ")");
	return true;
}

DEC_SYSCALL(ioprio_get, NULL, ret_ioprio_get);
DEC_SYSCALL(ioprio_set, decode_ioprio_set, NULL);
DEC_SYSCALL(personality, decode_personality, ret_personality);
DEC_SYSCALL(sched_getscheduler, NULL, ret_sched_getscheduler);

/* ---- struct sched_attr ---- */

struct sw_sched_attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max; /* SCHED_ATTR_SIZE_VER1 (56 bytes) */
};

#define SCHED_ATTR_SIZE_VER0 48

/* {size=48, sched_policy=SCHED_BATCH, ...}: the fields its size holds */
static void sched_attr(struct sw_dec *d, unsigned i, int when)
{
	struct sw_sched_attr s = { 0 };

	if (!dec_get_or_addr(d, i, when, &s, SCHED_ATTR_SIZE_VER0))
		return;
	dec_get(d, i, when, &s, sizeof(s));
	dec_printf(d, "{size=%u, sched_policy=", s.size);
	dec_enum_dec(d, &sw_xlat_sched_policy, s.policy, NULL);
	dec_puts(d, ", sched_flags=");
	dec_flags(d, &sw_xlat_sched_flags, s.flags);
	dec_printf(d, ", sched_nice=%d, sched_priority=%u, sched_runtime=%" PRIu64 ", sched_deadline=%" PRIu64
		   ", sched_period=%" PRIu64, s.nice, s.priority, s.runtime, s.deadline, s.period);
	if (s.size >= sizeof(s))
		dec_printf(d, ", sched_util_min=%u, sched_util_max=%u", s.util_min, s.util_max);
	dec_puts(d, "}");
}

DEC_PRINTER_AT(dec_p_sched_attr_in, sched_attr, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_sched_attr_out, sched_attr, SW_AT_EXIT)
