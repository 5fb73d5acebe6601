/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers of the decoder tests: build events by hand, render them, compare
 * with the line strace 6.1 prints for the same call. Every expected string in
 * test_decode*.c was taken from strace's output for an equivalent call. */
#ifndef SW_TEST_DECODE_H
#define SW_TEST_DECODE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/event.h"
#include "core/syscalls.h"
#include "decode/decode.h"
#include "util/strbuf.h"

#define ENTER 0
#define EXIT 1

/* An event of syscall `name` with up to six arguments. */
static inline struct sw_event *ev_sys(const char *name, int64_t ret, uint64_t a0, uint64_t a1, uint64_t a2,
				      uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct sw_event *ev = sw_event_new(8192);
	const struct sw_syscall *sc = sw_syscall_by_name(name);

	assert_non_null(ev);
	assert_non_null(sc);
	ev->kind = SW_EV_SYSCALL;
	ev->nr = sc->nr;
	ev->ret = ret;
	ev->args[0] = a0;
	ev->args[1] = a1;
	ev->args[2] = a2;
	ev->args[3] = a3;
	ev->args[4] = a4;
	ev->args[5] = a5;
	return ev;
}

#define EV(name, ret, ...) ev_sys_va(name, ret, (uint64_t[6]){ __VA_ARGS__ })
static inline struct sw_event *ev_sys_va(const char *name, int64_t ret, const uint64_t *a)
{
	return ev_sys(name, ret, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* Adds a capture of argument arg holding len bytes. */
static inline struct sw_capture *cap_add(struct sw_event *ev, unsigned arg, unsigned kind, int at_exit,
					 const void *data, size_t len)
{
	uint8_t *buf;
	struct sw_capture *c = sw_event_add_capture(ev, arg, kind, (uint32_t)len, &buf);

	assert_non_null(c);
	memcpy(buf, data, len);
	c->at_exit = (uint8_t)at_exit;
	c->total = len;
	return c;
}

static inline struct sw_capture *cap_str(struct sw_event *ev, unsigned arg, const char *s)
{
	return cap_add(ev, arg, SW_CAP_STR, ENTER, s, strlen(s));
}

static inline struct sw_capture *cap_mem(struct sw_event *ev, unsigned arg, int at_exit, const void *p, size_t len)
{
	return cap_add(ev, arg, SW_CAP_MEM, at_exit, p, len);
}

/* A capture the engine could not read. */
static inline void cap_fault(struct sw_event *ev, unsigned arg, unsigned kind, int at_exit)
{
	struct sw_capture *c = cap_add(ev, arg, kind, at_exit, "", 0);

	c->status = SW_CAPS_FAULT;
}

/* "name(args) = ret" as the decoders render it. */
static inline void check_opts(struct sw_event *ev, const struct sw_decode_opts *o, const char *want)
{
	struct sw_strbuf sb = SW_STRBUF_INIT;

	sw_decode_call(&sb, ev, o);
	sw_strbuf_puts(&sb, " = ");
	sw_decode_ret(&sb, ev, o);
	assert_string_equal(sw_strbuf_str(&sb), want);
	sw_strbuf_release(&sb);
	sw_event_free(ev);
}

static inline void check(struct sw_event *ev, const char *want)
{
	struct sw_decode_opts o = { .strlimit = SW_DEFAULT_STRLIMIT, .verbose = false };

	check_opts(ev, &o, want);
}

#endif
