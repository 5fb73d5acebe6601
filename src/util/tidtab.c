// SPDX-License-Identifier: GPL-2.0-only
/* A table of per-thread entries by tid (see tidtab.h). */
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/tidtab.h"

static uint32_t tid_at(const struct sw_tidtab *t, size_t i)
{
	uint32_t tid;

	memcpy(&tid, t->slot + i * t->size, sizeof(tid));
	return tid;
}

static size_t home(const struct sw_tidtab *t, uint32_t tid)
{
	return (tid * 2654435761u) & (t->cap - 1);
}

/* The slot of tid, or the free slot where it would go. */
static size_t probe(const struct sw_tidtab *t, uint32_t tid)
{
	size_t mask = t->cap - 1, i = home(t, tid);

	while (tid_at(t, i) && tid_at(t, i) != tid)
		i = (i + 1) & mask;
	return i;
}

static void grow(struct sw_tidtab *t)
{
	struct sw_tidtab old = *t;

	t->cap = old.cap ? old.cap * 2 : 64;
	t->slot = sw_xcalloc(t->cap, t->size);
	for (size_t i = 0; i < old.cap; i++)
		if (tid_at(&old, i))
			memcpy(t->slot + probe(t, tid_at(&old, i)) * t->size, old.slot + i * t->size, t->size);
	free(old.slot);
}

void sw_tidtab_init(struct sw_tidtab *t, size_t entry_size)
{
	memset(t, 0, sizeof(*t));
	t->size = entry_size;
}

void sw_tidtab_release(struct sw_tidtab *t)
{
	free(t->slot);
	t->slot = NULL;
	t->cap = t->count = 0;
}

void *sw_tidtab_find(const struct sw_tidtab *t, uint32_t tid)
{
	size_t i;

	if (!t->count || !tid)
		return NULL;
	i = probe(t, tid);
	return tid_at(t, i) ? t->slot + i * t->size : NULL;
}

void *sw_tidtab_get(struct sw_tidtab *t, uint32_t tid)
{
	size_t i;

	if ((t->count + 1) * 2 > t->cap)
		grow(t);
	i = probe(t, tid);
	if (!tid_at(t, i)) {
		memset(t->slot + i * t->size, 0, t->size);
		memcpy(t->slot + i * t->size, &tid, sizeof(tid));
		t->count++;
	}
	return t->slot + i * t->size;
}

bool sw_tidtab_take(struct sw_tidtab *t, uint32_t tid, void *out)
{
	size_t mask = t->cap - 1, i, j;
	const uint32_t zero = 0;

	if (!t->count || !tid)
		return false;
	i = probe(t, tid);
	if (!tid_at(t, i))
		return false;
	memcpy(out, t->slot + i * t->size, t->size);
	memcpy(t->slot + i * t->size, &zero, sizeof(zero));
	t->count--;
	/* close the gap so later probes still find their entries */
	for (j = (i + 1) & mask; tid_at(t, j); j = (j + 1) & mask) {
		size_t h = home(t, tid_at(t, j));

		if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
			memcpy(t->slot + i * t->size, t->slot + j * t->size, t->size);
			memcpy(t->slot + j * t->size, &zero, sizeof(zero));
			i = j;
		}
	}
	return true;
}

void *sw_tidtab_at(const struct sw_tidtab *t, size_t i)
{
	return i < t->cap && tid_at(t, i) ? t->slot + i * t->size : NULL;
}
