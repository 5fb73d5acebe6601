// SPDX-License-Identifier: GPL-2.0-only
#include "core/event.h"

#include <stdlib.h>
#include <string.h>

struct sw_event *sw_event_new(size_t data_cap)
{
	struct sw_event *ev = calloc(1, sizeof(*ev) + data_cap);

	if (ev)
		ev->data_cap = (uint32_t)data_cap;
	return ev;
}

void sw_event_free(struct sw_event *ev)
{
	free(ev);
}

void sw_event_reset(struct sw_event *ev)
{
	uint32_t cap = ev->data_cap;

	memset(ev, 0, offsetof(struct sw_event, data));
	ev->data_cap = cap;
}

struct sw_capture *sw_event_add_capture(struct sw_event *ev, unsigned arg, unsigned kind,
					 uint32_t len, uint8_t **buf)
{
	struct sw_capture *c;

	if (ev->ncap >= SW_MAX_CAPS || len > ev->data_cap - ev->data_len)
		return NULL;
	c = &ev->cap[ev->ncap++];
	memset(c, 0, sizeof(*c));
	c->arg = (uint8_t)arg;
	c->kind = (uint8_t)kind;
	c->off = ev->data_len;
	c->len = len;
	ev->data_len += len;
	*buf = ev->data + c->off;
	return c;
}

void sw_event_trim_capture(struct sw_event *ev, struct sw_capture *cap, uint32_t used)
{
	if (used < cap->len && cap->off + cap->len == ev->data_len) {
		ev->data_len -= cap->len - used;
		cap->len = used;
	}
}

const struct sw_capture *sw_event_capture(const struct sw_event *ev, unsigned arg)
{
	for (unsigned i = ev->ncap; i-- > 0;)
		if (ev->cap[i].arg == arg && ev->cap[i].kind != SW_CAP_DEREF)
			return &ev->cap[i];
	return NULL;
}

void sw_event_copy(struct sw_event *dst, const struct sw_event *src)
{
	uint32_t cap = dst->data_cap;

	memcpy(dst, src, offsetof(struct sw_event, data) + src->data_len);
	dst->data_cap = cap;
}
