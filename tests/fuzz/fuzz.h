/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c) and the seed
 * generator (tests/fuzz/gen-seeds.c): reading fuzz input as a stream of
 * fields, and the input format of a random event, so the seeds and the
 * harnesses cannot drift apart.
 *
 * Every read past the end of the input gives zeros: any input is a valid
 * event, however short. */
#ifndef SW_FUZZ_H
#define SW_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/event.h"
#include "core/sysset.h"
#include "decode/decode.h"
#include "util/strbuf.h"

/* Room for captured bytes in a fuzzed event: more than any engine stores. */
#define FZ_EVENT_DATA (64u * 1024)

struct fz_in {
	const uint8_t *p;
	size_t left;
};

static inline void fz_bytes(struct fz_in *in, void *out, size_t n)
{
	size_t k = n < in->left ? n : in->left;

	memcpy(out, in->p, k);
	memset((uint8_t *)out + k, 0, n - k);
	in->p += k;
	in->left -= k;
}

static inline uint8_t fz_u8(struct fz_in *in)
{
	uint8_t v;

	fz_bytes(in, &v, sizeof(v));
	return v;
}

static inline uint16_t fz_u16(struct fz_in *in)
{
	uint16_t v;

	fz_bytes(in, &v, sizeof(v));
	return v;
}

static inline uint32_t fz_u32(struct fz_in *in)
{
	uint32_t v;

	fz_bytes(in, &v, sizeof(v));
	return v;
}

static inline uint64_t fz_u64(struct fz_in *in)
{
	uint64_t v;

	fz_bytes(in, &v, sizeof(v));
	return v;
}

/* The next n bytes (fewer at the end) without copying. */
static inline const uint8_t *fz_take(struct fz_in *in, size_t *n)
{
	const uint8_t *p = in->p;

	if (*n > in->left)
		*n = in->left;
	in->p += *n;
	in->left -= *n;
	return p;
}

/* ---- decoder options ------------------------------------------------------------
 *
 *   u32 strlimit (-s, taken modulo 2^20 + 1), u8 bits: 0 -v, 1-2 -y/-yy,
 *   3-4 -x/-xx, 5 -e raw= (for a fixed half of the syscalls: odd numbers). */
static inline void fz_decode_opts(struct fz_in *in, struct sw_decode_opts *o)
{
	static struct sw_sysset odd;
	uint8_t bits;

	if (!sw_sysset_has(&odd, 1))
		for (int nr = 1; nr < SW_NR_MAX; nr += 2)
			sw_sysset_add(&odd, nr);
	memset(o, 0, sizeof(*o));
	o->strlimit = fz_u32(in) % ((1u << 20) + 1);
	bits = fz_u8(in);
	o->verbose = bits & 1;
	o->fd_detail = (bits >> 1) & 3;
	o->xflag = (bits >> 3) & 3;
	o->raw = bits & 0x20 ? &odd : NULL;
}

/* ---- a random event -----------------------------------------------------------
 *
 *   u8 kind, u8 arch, u32 flags, u16 nr (as int16), u64 args[6], i64 ret,
 *   u64 ts, u64 dur, u32 pid, u32 tid, u32 uid, i32 sig, char comm[16],
 *   u8 ncap, then per capture:
 *   u8 arg, u8 kind, u8 status, u8 at_exit, u32 count, u64 total, u16 len, bytes[len]
 *
 * kind, arch, arg and capture kind/status are taken modulo a little more than
 * their range, so invalid values come up too. */

struct fz_cap_head {
	uint8_t arg, kind, status, at_exit;
	uint32_t count;
	uint64_t total;
	uint16_t len;
} __attribute__((packed));

struct fz_event_head {
	uint8_t kind, arch;
	uint32_t flags;
	int16_t nr;
	uint64_t args[SW_NARGS];
	int64_t ret;
	uint64_t ts, dur;
	uint32_t pid, tid, uid;
	int32_t sig;
	char comm[SW_COMM_LEN];
	uint8_t ncap;
} __attribute__((packed));

/* Fills ev (data_cap >= FZ_EVENT_DATA) from the input. */
static inline void fz_event(struct fz_in *in, struct sw_event *ev)
{
	struct fz_event_head h;
	unsigned ncap;

	fz_bytes(in, &h, sizeof(h));
	sw_event_reset(ev);
	ev->kind = h.kind % 8;
	ev->arch = h.arch % 4;
	ev->flags = h.flags;
	ev->nr = h.nr;
	memcpy(ev->args, h.args, sizeof(ev->args));
	ev->ret = h.ret;
	ev->ts_ns = h.ts;
	ev->dur_ns = h.dur;
	ev->pid = h.pid;
	ev->tid = h.tid;
	ev->uid = h.uid;
	ev->sig = h.sig;
	memcpy(ev->comm, h.comm, sizeof(ev->comm));
	ev->comm[SW_COMM_LEN - 1] = '\0'; /* as every engine leaves it */
	ncap = h.ncap % (SW_MAX_CAPS + 2);
	for (unsigned i = 0; i < ncap && in->left; i++) {
		struct fz_cap_head c;
		struct sw_capture *cap;
		const uint8_t *bytes;
		uint8_t *buf;
		size_t n;

		fz_bytes(in, &c, sizeof(c));
		n = c.len;
		bytes = fz_take(in, &n);
		cap = sw_event_add_capture(ev, c.arg % (SW_NARGS + 1), c.kind % (SW_CAP_DEREF + 1), (uint32_t)n, &buf);
		if (!cap)
			break;
		memcpy(buf, bytes, n);
		cap->status = c.status % 4;
		cap->at_exit = c.at_exit & 1;
		cap->count = c.count;
		cap->tag = (uint8_t)(c.arg / (SW_NARGS + 1)); /* SW_CAP_DEREF: which (enum sw_deref_tag) */
		cap->total = c.total;
	}
}

/* Appends the input form of ev to sb (the seed generator's side). */
static inline void fz_event_encode(struct sw_strbuf *sb, const struct sw_event *ev)
{
	struct fz_event_head h = {
		.kind = (uint8_t)ev->kind, .arch = (uint8_t)ev->arch, .flags = ev->flags, .nr = (int16_t)ev->nr,
		.ret = ev->ret, .ts = ev->ts_ns, .dur = ev->dur_ns, .pid = ev->pid, .tid = ev->tid,
		.uid = ev->uid, .sig = ev->sig, .ncap = (uint8_t)ev->ncap,
	};

	memcpy(h.args, ev->args, sizeof(h.args));
	memcpy(h.comm, ev->comm, sizeof(h.comm));
	sw_strbuf_add(sb, (const char *)&h, sizeof(h));
	for (unsigned i = 0; i < ev->ncap; i++) {
		const struct sw_capture *c = &ev->cap[i];
		struct fz_cap_head ch = {
			.arg = (uint8_t)(c->arg + (SW_NARGS + 1) * c->tag), .kind = c->kind, .status = c->status,
			.at_exit = c->at_exit,
			.count = c->count, .total = c->total, .len = (uint16_t)c->len,
		};

		sw_strbuf_add(sb, (const char *)&ch, sizeof(ch));
		sw_strbuf_add(sb, (const char *)ev->data + c->off, c->len);
	}
}

#endif
