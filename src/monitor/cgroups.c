// SPDX-License-Identifier: GPL-2.0-only
/* An open-addressing table of id -> path, filled by walking the cgroup2
 * tree with nftw; a walk replaces the whole table, so ids of cgroups that
 * are gone do not pile up. */
#include "monitor/cgroups.h"

#include <ctype.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util/error.h"

#define MAX_CGROUPS 65536      /* entries kept from one walk */
#define WALK_INTERVAL_NS 200000000ull

struct entry {
	uint64_t id;   /* 0: free */
	char *path;
};

struct sw_mon_cgroups {
	char *root;
	size_t rootlen;
	struct entry *tab;
	size_t cap, n;          /* cap: a power of two */
	uint64_t last_walk_ns;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The first cgroup2 mount point in mountinfo, or NULL. */
static char *find_root(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096], *root = NULL;

	if (!f)
		return NULL;
	while (!root && fgets(line, sizeof(line), f)) {
		char *sep = strstr(line, " - ");
		char mnt[4096];

		if (!sep || strncmp(sep, " - cgroup2 ", 11) != 0)
			continue;
		if (sscanf(line, "%*s %*s %*s %*s %4095s", mnt) == 1)
			root = sw_xstrdup(mnt);
	}
	fclose(f);
	return root;
}

struct sw_mon_cgroups *sw_mon_cgroups_new(const char *root)
{
	struct sw_mon_cgroups *c = sw_xcalloc(1, sizeof(*c));

	c->root = root ? sw_xstrdup(root) : find_root();
	if (!c->root)
		c->root = sw_xstrdup("/sys/fs/cgroup");
	c->rootlen = strlen(c->root);
	while (c->rootlen > 1 && c->root[c->rootlen - 1] == '/')
		c->root[--c->rootlen] = '\0';
	return c;
}

static void clear(struct sw_mon_cgroups *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->tab[i].path);
	free(c->tab);
	c->tab = NULL;
	c->cap = c->n = 0;
}

void sw_mon_cgroups_free(struct sw_mon_cgroups *c)
{
	if (!c)
		return;
	clear(c);
	free(c->root);
	free(c);
}

static struct entry *slot(struct sw_mon_cgroups *c, uint64_t id)
{
	size_t i = (size_t)(id * 0x9e3779b97f4a7c15ull) & (c->cap - 1);

	while (c->tab[i].id && c->tab[i].id != id)
		i = (i + 1) & (c->cap - 1);
	return &c->tab[i];
}

static void put(struct sw_mon_cgroups *c, uint64_t id, const char *path)
{
	struct entry *e;

	if (c->n >= MAX_CGROUPS)
		return;
	if (2 * (c->n + 1) > c->cap) {
		struct entry *old = c->tab;
		size_t ocap = c->cap;

		c->cap = ocap ? 2 * ocap : 256;
		c->tab = sw_xcalloc(c->cap, sizeof(*c->tab));
		for (size_t i = 0; i < ocap; i++)
			if (old[i].id)
				*slot(c, old[i].id) = old[i];
		free(old);
	}
	e = slot(c, id);
	if (e->id)
		return;
	e->id = id;
	e->path = sw_xstrdup(path);
	c->n++;
}

/* nftw has no context argument: the walk in progress (one at a time). */
static __thread struct sw_mon_cgroups *walking;

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *rel = path + walking->rootlen;

	(void)ftw;
	if (type == FTW_D)
		put(walking, (uint64_t)st->st_ino, *rel ? rel : "/");
	return walking->n >= MAX_CGROUPS ? FTW_STOP : FTW_CONTINUE;
}

static void walk(struct sw_mon_cgroups *c)
{
	clear(c);
	walking = c;
	nftw(c->root, visit, 16, FTW_PHYS | FTW_MOUNT | FTW_ACTIONRETVAL);
	walking = NULL;
	c->last_walk_ns = now_ns();
}

const char *sw_mon_cgroups_path(struct sw_mon_cgroups *c, uint64_t id)
{
	struct entry *e;

	if (!c || !id)
		return NULL;
	if (c->cap && (e = slot(c, id))->id)
		return e->path;
	if (c->last_walk_ns && now_ns() - c->last_walk_ns < WALK_INTERVAL_NS)
		return NULL;
	walk(c);
	if (c->cap && (e = slot(c, id))->id)
		return e->path;
	return NULL;
}

static bool hex64(const char *s)
{
	for (int i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return false;
	return !isxdigit((unsigned char)s[64]);
}

size_t sw_mon_container_id(const char *path, char out[65])
{
	static const char *const prefixes[] = { "docker-", "cri-containerd-", "crio-", "libpod-", "" };
	const char *comp = path;

	/* the last component that carries one: a container's own cgroups may nest below it */
	size_t found = 0;

	while (comp && *comp) {
		const char *end;

		while (*comp == '/')
			comp++;
		end = strchr(comp, '/');
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
			size_t pl = strlen(prefixes[i]);
			const char *id = comp + pl;

			if (strncmp(comp, prefixes[i], pl) != 0 || (size_t)((end ? end : comp + strlen(comp)) - id) < 64)
				continue;
			if (hex64(id) && (id[64] == '\0' || id[64] == '/' || strncmp(id + 64, ".scope", 6) == 0)) {
				memcpy(out, id, 64);
				out[64] = '\0';
				found = 64;
				break;
			}
		}
		comp = end;
	}
	return found;
}
