// SPDX-License-Identifier: GPL-2.0-only
/* Sliding windows per rule and key. Each key keeps the fewest recent events
 * whose weights still exceed the threshold (at most threshold + 1), in a
 * ring, so the count in the trailing window is exact for what the engine
 * delivered and memory per key is bounded. */
#include "monitor/rules.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "core/syscalls.h"
#include "monitor/evfields.h"
#include "resolve/resolve.h"
#include "util/error.h"
#include "util/strbuf.h"

#define PATH_KEEP 4096 /* bytes of a path an alert can quote */

struct wentry {
	uint32_t weight;
	struct sw_mon_evsum ev;
};

struct wkey {
	struct wkey *hnext;            /* hash chain */
	struct wkey *lru_prev, *lru_next;
	struct rule_state *rs;
	uint64_t id;
	char comm[SW_COMM_LEN];
	uint32_t hash;
	uint64_t last_ts;
	uint64_t mute_until;           /* no alert before this time */
	uint64_t sum;                  /* weights of the events in the ring */
	struct wentry *ring;
	uint32_t cap, head, n;
	size_t bytes;                  /* ring and strings */
};

struct rule_state {
	const struct sw_mon_rule *rule;
	struct wkey **buckets;
	size_t nbuckets, nkeys;
	uint8_t idargs[SW_NR_MAX];     /* to_root: how many leading uid/gid arguments each syscall has */
};

struct sw_mon_rules {
	struct rule_state *rs;
	size_t nrs;
	/* for each syscall number, the rules that watch it */
	uint16_t *by_nr_idx;
	uint32_t by_nr_start[SW_NR_MAX + 1];
	struct wkey lru;               /* sentinel: lru.lru_next is the least recently active */
	size_t bytes, budget;
	uint64_t nkeys, evicted, matched;
	uint64_t min_window;
	struct sw_mon_cgroups *cgroups; /* not owned; NULL: cgroup tests do not hold */
};

/* ---- rule conditions ------------------------------------------------------------ */

/* How many of a set*id call's leading arguments are ids (uid or gid). */
static uint8_t id_args(const struct sw_syscall *sc)
{
	uint8_t n = 0;

	if (!(sc->traits & SW_TRAIT_SETID))
		return 0;
	while (n < sc->nargs && (sc->args[n].type == SW_T_UID || sc->args[n].type == SW_T_GID))
		n++;
	return n;
}

static bool arg_matches(const struct sw_mon_argcond *a, uint64_t v)
{
	for (unsigned i = 0; i < a->n; i++)
		if (v == a->values[i] || (a->values[i] <= UINT32_MAX && (uint32_t)v == a->values[i]))
			return true;
	return false;
}

static bool rule_matches(const struct rule_state *rs, const struct sw_event *ev, const char *comm,
			 struct sw_mon_evctx *x)
{
	const struct sw_mon_rule *r = rs->rule;

	if (r->comms.n && !sw_mon_strs_has_comm(&r->comms, comm))
		return false;
	if (r->exclude_comms.n && sw_mon_strs_has_comm(&r->exclude_comms, comm))
		return false;
	if (r->users.n && !sw_mon_uids_has(&r->users, sw_mon_event_caller(ev)))
		return false;
	if (r->exclude_users.n && sw_mon_uids_has(&r->exclude_users, sw_mon_event_caller(ev)))
		return false;
	if (r->failed_only && !sw_mon_event_failed(ev))
		return false;
	for (unsigned i = 0; i < r->nargs; i++)
		if (!arg_matches(&r->args[i], ev->args[r->args[i].index]))
			return false;
	if (r->to_root) {
		uint8_t n = ev->nr >= 0 && ev->nr < SW_NR_MAX ? rs->idargs[ev->nr] : 0;
		bool zero = sw_mon_event_became_root(ev);

		/* the attempt (an id argument is 0), or the change itself */
		for (uint8_t i = 0; i < n; i++)
			zero |= (uint32_t)ev->args[i] == 0;
		if (!zero)
			return false;
	}
	if (r->cond && !sw_mon_cond_eval(r->cond, ev, x))
		return false;
	if (r->exceptions && sw_mon_cond_eval(r->exceptions, ev, x))
		return false;
	if (r->path_prefixes.n) {
		size_t len;
		const char *path = sw_mon_event_path(ev, &len);
		bool hit = false;

		if (!path)
			return false;
		for (size_t i = 0; i < r->path_prefixes.n && !hit; i++) {
			size_t plen = strlen(r->path_prefixes.v[i]);

			hit = plen <= len && memcmp(path, r->path_prefixes.v[i], plen) == 0;
		}
		if (!hit)
			return false;
	}
	return true;
}

/* ---- keys ------------------------------------------------------------------------ */

static uint32_t hash_key(uint64_t id, const char *comm)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < 8; i++)
		h = (h ^ (uint8_t)(id >> (8 * i))) * 16777619u;
	for (int i = 0; i < SW_COMM_LEN && comm[i]; i++)
		h = (h ^ (uint8_t)comm[i]) * 16777619u;
	return h;
}

static void lru_unlink(struct wkey *k)
{
	k->lru_prev->lru_next = k->lru_next;
	k->lru_next->lru_prev = k->lru_prev;
}

static void lru_append(struct sw_mon_rules *r, struct wkey *k)
{
	k->lru_prev = r->lru.lru_prev;
	k->lru_next = &r->lru;
	r->lru.lru_prev->lru_next = k;
	r->lru.lru_prev = k;
}

static size_t evsum_bytes(const struct sw_mon_evsum *e)
{
	return (e->path ? e->path_len + 1 : 0) + (e->addr ? strlen(e->addr) + 1 : 0) +
	       (e->resolved ? strlen(e->resolved) + 1 : 0) + (e->exe ? strlen(e->exe) + 1 : 0);
}

static void evsum_release(struct sw_mon_evsum *e)
{
	free(e->path);
	free(e->addr);
	free(e->resolved);
	free(e->exe);
	e->path = e->addr = e->resolved = e->exe = NULL;
}

static void key_free(struct sw_mon_rules *r, struct wkey *k)
{
	struct rule_state *rs = k->rs;
	struct wkey **pp = &rs->buckets[k->hash & (rs->nbuckets - 1)];

	while (*pp != k)
		pp = &(*pp)->hnext;
	*pp = k->hnext;
	rs->nkeys--;
	r->nkeys--;
	lru_unlink(k);
	for (uint32_t i = 0; i < k->n; i++)
		evsum_release(&k->ring[(k->head + i) % k->cap].ev);
	r->bytes -= k->bytes + sizeof(*k);
	free(k->ring);
	free(k);
}

/* Forgets the least recently active keys until `need` more bytes fit; never
 * the key `keep`. */
static void make_room(struct sw_mon_rules *r, size_t need, const struct wkey *keep)
{
	struct wkey *k = r->lru.lru_next;

	while (r->bytes + need > r->budget && k != &r->lru) {
		struct wkey *next = k->lru_next;

		if (k != keep) {
			key_free(r, k);
			r->evicted++;
		}
		k = next;
	}
}

static void grow_buckets(struct rule_state *rs)
{
	size_t n = rs->nbuckets ? rs->nbuckets * 2 : 64;
	struct wkey **b = sw_xcalloc(n, sizeof(*b));

	for (size_t i = 0; i < rs->nbuckets; i++) {
		struct wkey *k = rs->buckets[i], *next;

		for (; k; k = next) {
			next = k->hnext;
			k->hnext = b[k->hash & (n - 1)];
			b[k->hash & (n - 1)] = k;
		}
	}
	free(rs->buckets);
	rs->buckets = b;
	rs->nbuckets = n;
}

static struct wkey *key_get(struct sw_mon_rules *r, struct rule_state *rs, const struct sw_event *ev)
{
	uint64_t id = 0;
	char comm[SW_COMM_LEN] = "";
	uint32_t h;
	struct wkey *k;

	switch (rs->rule->key) {
	case SW_KEY_PROCESS:
		id = ev->pid;
		break;
	case SW_KEY_USER:
		id = sw_mon_event_caller(ev);
		break;
	case SW_KEY_COMM:
		memcpy(comm, ev->comm, SW_COMM_LEN - 1);
		break;
	case SW_KEY_PARENT:
		id = ev->ppid;
		break;
	case SW_KEY_SESSION:
		id = ev->sid;
		break;
	}
	h = hash_key(id, comm);
	if (rs->nbuckets)
		for (k = rs->buckets[h & (rs->nbuckets - 1)]; k; k = k->hnext)
			if (k->id == id && strcmp(k->comm, comm) == 0)
				return k;
	make_room(r, sizeof(*k), NULL);
	if (rs->nkeys >= rs->nbuckets)
		grow_buckets(rs);
	k = sw_xcalloc(1, sizeof(*k));
	k->rs = rs;
	k->id = id;
	k->hash = h;
	memcpy(k->comm, comm, sizeof(comm));
	k->hnext = rs->buckets[h & (rs->nbuckets - 1)];
	rs->buckets[h & (rs->nbuckets - 1)] = k;
	rs->nkeys++;
	r->nkeys++;
	r->bytes += sizeof(*k);
	lru_append(r, k);
	return k;
}

static void ring_pop(struct sw_mon_rules *r, struct wkey *k)
{
	struct wentry *e = &k->ring[k->head];
	size_t b = evsum_bytes(&e->ev);

	k->sum -= e->weight;
	evsum_release(&e->ev);
	k->bytes -= b;
	r->bytes -= b;
	k->head = (k->head + 1) % k->cap;
	k->n--;
}

static void ring_reserve(struct sw_mon_rules *r, struct wkey *k, uint32_t want)
{
	uint32_t cap = k->cap ? k->cap : 4;
	struct wentry *ring;

	if (want <= k->cap)
		return;
	while (cap < want)
		cap *= 2;
	make_room(r, (cap - k->cap) * sizeof(struct wentry), k);
	ring = sw_xcalloc(cap, sizeof(*ring));
	for (uint32_t i = 0; i < k->n; i++)
		ring[i] = k->ring[(k->head + i) % k->cap];
	free(k->ring);
	k->bytes += (cap - k->cap) * sizeof(struct wentry);
	r->bytes += (cap - k->cap) * sizeof(struct wentry);
	k->ring = ring;
	k->cap = cap;
	k->head = 0;
}

static void summarize(struct sw_mon_evsum *s, const struct sw_event *ev, uint64_t ts)
{
	const char *path;
	size_t len;
	char addr[160];

	memset(s, 0, sizeof(*s));
	s->ts_ns = ts;
	s->pid = ev->pid;
	s->tid = ev->tid;
	s->uid = ev->uid;
	s->uring = ev->flags & SW_EVF_IOURING;
	if (ev->flags & SW_EVF_CONTEXT) {
		s->creds = true;
		s->gid = ev->gid;
		s->euid = ev->euid;
		s->enter_uid = ev->enter_uid;
		s->enter_gid = ev->enter_gid;
		s->enter_euid = ev->enter_euid;
		s->ppid = ev->ppid;
		s->sid = ev->sid;
		s->cgroup_id = ev->cgroup_id;
		memcpy(s->pcomm, ev->pcomm, SW_COMM_LEN - 1);
	}
	s->nr = ev->nr;
	s->ret = ev->ret;
	memcpy(s->args, ev->args, sizeof(s->args));
	memcpy(s->comm, ev->comm, SW_COMM_LEN - 1);
	if ((path = sw_mon_event_path(ev, &len))) {
		if (len > PATH_KEEP)
			len = PATH_KEEP;
		s->path = sw_xmalloc(len + 1);
		memcpy(s->path, path, len);
		s->path[len] = '\0';
		s->path_len = len;
	}
	if (sw_mon_event_addr(ev, addr, sizeof(addr)) == 0)
		s->addr = sw_xstrdup(addr);
	if (s->path) {
		char *buf = sw_xmalloc(PATH_KEEP + 1);

		if (sw_mon_event_resolved(ev, buf, PATH_KEEP + 1) >= 0)
			s->resolved = sw_xstrdup(buf);
		if (sw_mon_event_exe(ev, buf, PATH_KEEP + 1) >= 0)
			s->exe = sw_xstrdup(buf);
		free(buf);
	}
}

/* One matching event for a key: slide the window, add the event, fire. */
static unsigned key_add(struct sw_mon_rules *r, struct wkey *k, const struct sw_event *ev, uint32_t weight,
			sw_mon_alert_fn fn, void *ctx)
{
	const struct sw_mon_rule *rule = k->rs->rule;
	uint64_t ts = ev->ts_ns > k->last_ts ? ev->ts_ns : k->last_ts; /* CPUs deliver slightly out of order */
	struct wentry *e;
	uint32_t want;
	size_t b;

	while (k->n && k->ring[k->head].ev.ts_ns + rule->window_ns <= ts)
		ring_pop(r, k);
	/* keep only the events needed to exceed the threshold */
	while (k->n && k->sum + weight - k->ring[k->head].weight > rule->threshold)
		ring_pop(r, k);
	want = k->n + 1;
	ring_reserve(r, k, want);
	e = &k->ring[(k->head + k->n) % k->cap];
	e->weight = weight;
	summarize(&e->ev, ev, ts);
	b = evsum_bytes(&e->ev);
	k->bytes += b;
	r->bytes += b;
	k->n++;
	k->sum += weight;
	k->last_ts = ts;
	lru_unlink(k);
	lru_append(r, k);

	if (k->sum > rule->threshold && ts >= k->mute_until) {
		struct sw_mon_alert a = {
			.rule = rule,
			.ts_ns = ts,
			.key = rule->key,
			.key_id = k->id,
			.count = k->sum,
			.first = &k->ring[k->head].ev,
			.last = &e->ev,
		};

		memcpy(a.key_comm, rule->key == SW_KEY_COMM ? k->comm : e->ev.comm, SW_COMM_LEN);
		k->mute_until = ts + rule->window_ns;
		if (fn)
			fn(&a, ctx);
		return 1;
	}
	return 0;
}

/* ---- the rule set ------------------------------------------------------------------- */

struct sw_mon_rules *sw_mon_rules_new(const struct sw_mon_config *cfg)
{
	struct sw_mon_rules *r = sw_xcalloc(1, sizeof(*r));
	size_t total = 0;

	r->lru.lru_next = r->lru.lru_prev = &r->lru;
	r->budget = cfg->rule_memory ? cfg->rule_memory : (8u << 20);
	r->nrs = cfg->nrules;
	r->rs = sw_xcalloc(r->nrs ? r->nrs : 1, sizeof(*r->rs));
	r->min_window = UINT64_MAX;
	for (size_t i = 0; i < r->nrs; i++) {
		struct rule_state *rs = &r->rs[i];

		rs->rule = &cfg->rules[i];
		if (rs->rule->window_ns < r->min_window)
			r->min_window = rs->rule->window_ns;
		for (int nr = 0; nr < SW_NR_MAX; nr++) {
			const struct sw_syscall *sc;

			if (!sw_sysset_has(&rs->rule->syscalls, nr))
				continue;
			total++;
			if (rs->rule->to_root && (sc = sw_syscall_by_nr(nr)))
				rs->idargs[nr] = id_args(sc);
		}
	}
	/* index: by_nr_idx[by_nr_start[nr] .. by_nr_start[nr + 1]) are the rules watching nr */
	r->by_nr_idx = sw_xcalloc(total ? total : 1, sizeof(*r->by_nr_idx));
	for (int nr = 0, pos = 0; nr < SW_NR_MAX; nr++) {
		r->by_nr_start[nr] = (uint32_t)pos;
		for (size_t i = 0; i < r->nrs; i++)
			if (sw_sysset_has(&r->rs[i].rule->syscalls, nr))
				r->by_nr_idx[pos++] = (uint16_t)i;
		r->by_nr_start[nr + 1] = (uint32_t)pos;
	}
	return r;
}

void sw_mon_rules_free(struct sw_mon_rules *r)
{
	if (!r)
		return;
	while (r->lru.lru_next != &r->lru)
		key_free(r, r->lru.lru_next);
	for (size_t i = 0; i < r->nrs; i++)
		free(r->rs[i].buckets);
	free(r->rs);
	free(r->by_nr_idx);
	free(r);
}

void sw_mon_rules_set_cgroups(struct sw_mon_rules *r, struct sw_mon_cgroups *cg)
{
	r->cgroups = cg;
}

unsigned sw_mon_rules_feed(struct sw_mon_rules *r, const struct sw_event *ev, uint32_t weight,
			   sw_mon_alert_fn fn, void *ctx)
{
	struct sw_mon_evctx x = { .cgroups = r->cgroups };
	char comm[SW_COMM_LEN];
	unsigned fired = 0;
	bool matched = false;

	if (ev->kind != SW_EV_SYSCALL || ev->nr < 0 || ev->nr >= SW_NR_MAX)
		return 0;
	if (r->by_nr_start[ev->nr] == r->by_nr_start[ev->nr + 1])
		return 0;
	if (weight == 0)
		weight = 1;
	memcpy(comm, ev->comm, SW_COMM_LEN - 1);
	comm[SW_COMM_LEN - 1] = '\0';
	for (uint32_t i = r->by_nr_start[ev->nr]; i < r->by_nr_start[ev->nr + 1]; i++) {
		struct rule_state *rs = &r->rs[r->by_nr_idx[i]];

		if (!rule_matches(rs, ev, comm, &x))
			continue;
		matched = true;
		fired += key_add(r, key_get(r, rs, ev), ev, weight, fn, ctx);
	}
	sw_mon_evctx_release(&x);
	r->matched += matched;
	return fired;
}

/* ---- reload ----------------------------------------------------------------------- */

static void sig_strs(struct sw_strbuf *sb, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sw_strbuf_printf(sb, "%zu:%s,", strlen(v[i]), v[i]);
	sw_strbuf_putc(sb, ';');
}

static void sig_cond(struct sw_strbuf *sb, const struct sw_mon_cond *c)
{
	if (!c) {
		sw_strbuf_puts(sb, "-;");
		return;
	}
	sw_strbuf_printf(sb, "(%u %u %u %d %s ", c->op, c->field, c->arg, c->flag, c->name ? c->name : "-");
	sig_strs(sb, c->strs, c->nstrs);
	for (size_t i = 0; i < c->nnums; i++)
		sw_strbuf_printf(sb, "%llx,", (unsigned long long)c->nums[i]);
	for (size_t i = 0; i < c->ncidrs; i++) {
		sw_strbuf_printf(sb, "%u/%u:", c->cidrs[i].family, c->cidrs[i].prefix);
		for (int b = 0; b < 16; b++)
			sw_strbuf_printf(sb, "%02x", c->cidrs[i].addr[b]);
	}
	if (c->op == SW_COND_MACRO)
		sig_cond(sb, c->ref); /* a changed macro changes the rule */
	for (size_t i = 0; i < c->nkids; i++)
		sig_cond(sb, &c->kids[i]);
	sw_strbuf_putc(sb, ')');
}

/* Everything that decides what a rule counts and when it fires. */
static void rule_sig(struct sw_strbuf *sb, const struct sw_mon_rule *r)
{
	sw_strbuf_printf(sb, "%zu:%s;%llu;%llu;%u;", strlen(r->name), r->name, (unsigned long long)r->threshold,
			 (unsigned long long)r->window_ns, r->key);
	for (size_t w = 0; w < SW_NR_MAX / 64; w++)
		sw_strbuf_printf(sb, "%llx,", (unsigned long long)r->syscalls.bits[w]);
	sig_strs(sb, r->comms.v, r->comms.n);
	sig_strs(sb, r->exclude_comms.v, r->exclude_comms.n);
	sig_strs(sb, r->path_prefixes.v, r->path_prefixes.n);
	for (size_t i = 0; i < r->users.n; i++)
		sw_strbuf_printf(sb, "u%u,", r->users.v[i]);
	for (size_t i = 0; i < r->exclude_users.n; i++)
		sw_strbuf_printf(sb, "x%u,", r->exclude_users.v[i]);
	sw_strbuf_printf(sb, ";%d%d;", r->failed_only, r->to_root);
	for (unsigned i = 0; i < r->nargs; i++) {
		sw_strbuf_printf(sb, "a%u:", r->args[i].index);
		for (unsigned j = 0; j < r->args[i].n; j++)
			sw_strbuf_printf(sb, "%llx,", (unsigned long long)r->args[i].values[j]);
	}
	sig_cond(sb, r->cond);
	sig_cond(sb, r->exceptions);
}

static bool same_rule(const struct sw_mon_rule *a, const struct sw_mon_rule *b)
{
	struct sw_strbuf x = SW_STRBUF_INIT, y = SW_STRBUF_INIT;
	bool same;

	rule_sig(&x, a);
	rule_sig(&y, b);
	same = x.len == y.len && memcmp(sw_strbuf_str(&x), sw_strbuf_str(&y), x.len) == 0;
	sw_strbuf_release(&x);
	sw_strbuf_release(&y);
	return same;
}

void sw_mon_rules_adopt(struct sw_mon_rules *to, struct sw_mon_rules *from)
{
	struct rule_state **map = sw_xcalloc(from->nrs ? from->nrs : 1, sizeof(*map));
	struct wkey *k, *next;
	bool any = false;

	/* which old rule becomes which new one */
	for (size_t i = 0; i < from->nrs; i++)
		for (size_t j = 0; j < to->nrs && !map[i]; j++)
			if (!to->rs[j].nkeys && same_rule(from->rs[i].rule, to->rs[j].rule)) {
				map[i] = &to->rs[j];
				any = true;
			}
	/* keys of the rules that changed or went are forgotten */
	for (k = from->lru.lru_next; any && k != &from->lru; k = next) {
		next = k->lru_next;
		if (!map[k->rs - from->rs])
			key_free(from, k);
	}
	if (!any) {
		free(map);
		return;
	}
	/* the others move, hash tables and all, in their order of activity */
	for (size_t i = 0; i < from->nrs; i++) {
		struct rule_state *o = &from->rs[i], *n = map[i];

		if (!n)
			continue;
		free(n->buckets);
		n->buckets = o->buckets;
		n->nbuckets = o->nbuckets;
		n->nkeys = o->nkeys;
		o->buckets = NULL;
		o->nbuckets = o->nkeys = 0;
	}
	for (k = from->lru.lru_next; k != &from->lru; k = next) {
		next = k->lru_next;
		k->rs = map[k->rs - from->rs];
		lru_append(to, k);
		to->nkeys++;
		to->bytes += k->bytes + sizeof(*k);
	}
	from->lru.lru_next = from->lru.lru_prev = &from->lru;
	from->nkeys = 0;
	from->bytes = 0;
	free(map);
}

void sw_mon_rules_expire(struct sw_mon_rules *r, uint64_t now_ns)
{
	struct wkey *k = r->lru.lru_next;

	while (k != &r->lru) {
		struct wkey *next = k->lru_next;
		uint64_t window = k->rs->rule->window_ns;

		if (k->last_ts + window <= now_ns && k->mute_until <= now_ns)
			key_free(r, k);
		else if (k->last_ts + r->min_window > now_ns)
			break; /* the keys after it were active more recently */
		k = next;
	}
}

void sw_mon_rules_stats(const struct sw_mon_rules *r, struct sw_mon_rules_stats *st)
{
	st->keys = r->nkeys;
	st->bytes = r->bytes;
	st->evicted = r->evicted;
	st->matched = r->matched;
}
