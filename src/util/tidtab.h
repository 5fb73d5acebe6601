/* SPDX-License-Identifier: GPL-2.0-only */
/* A table of per-thread entries by tid: open addressing, linear probing,
 * kept at most half full. An entry is any struct whose first member is its
 * uint32_t tid; tid 0 marks a free slot, so 0 is not a key. Entries move
 * when the table grows: a pointer to one holds until the next insertion. */
#ifndef SW_UTIL_TIDTAB_H
#define SW_UTIL_TIDTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sw_tidtab {
	unsigned char *slot; /* cap entries of size bytes */
	size_t size;         /* of one entry */
	size_t cap;          /* a power of two, 0 before the first insertion */
	size_t count;
};

void sw_tidtab_init(struct sw_tidtab *t, size_t entry_size);
/* Frees the slots (not what entries point to: free that first, with sw_tidtab_at). */
void sw_tidtab_release(struct sw_tidtab *t);
/* The entry of tid, or NULL. */
void *sw_tidtab_find(const struct sw_tidtab *t, uint32_t tid);
/* The entry of tid, added zeroed (but for its tid) when there was none. */
void *sw_tidtab_get(struct sw_tidtab *t, uint32_t tid);
/* Removes the entry of tid, copying it to out; false when there was none. */
bool sw_tidtab_take(struct sw_tidtab *t, uint32_t tid, void *out);
/* Slot i (0 to cap - 1) when it holds an entry, else NULL: for walking the table. */
void *sw_tidtab_at(const struct sw_tidtab *t, size_t i);

#endif
