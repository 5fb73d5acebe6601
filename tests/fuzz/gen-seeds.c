// SPDX-License-Identifier: GPL-2.0-only
/* Writes the binary seed corpora of the event harnesses (make fuzz-seeds):
 *
 *   DIR/decode/   events of every syscall of the signature table, eight
 *                 syscalls to an input, each as a success, an error, and
 *                 (when it has captures) with every capture faulted, then
 *                 truncated; the captures follow the syscall's capture plan
 *                 with strings the golden fixtures (tests/fixtures/dec_*.c) use;
 *   DIR/output/   the successes and faults, after the format bytes;
 *   DIR/records/  the same calls as eBPF ring buffer records (an ENTER half
 *                 joined by its exit when the plan reads at entry), with
 *                 signal, exit, rekey, retry and attach records.
 *
 * The seeds only have to reach every decoder; libFuzzer does the rest. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/syscalls.h"
#include "engine/ebpf/syswatch.h"
#include "fuzz.h"

/* strings the golden fixtures pass */
static const char *const strings[] = {
	"/dev/null", "/dec-missing", "/tmp/dec-file", "..", "dec_fixture", "hello\tworld\n", "\x01\xff\"quoted\"",
};

static const char *out_dir;

static void write_file(const char *sub, const char *name, const void *data, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", out_dir, sub);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s", out_dir, sub, name);
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "gen-seeds: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* The bytes a capture of rule r holds in a seed. */
static size_t cap_bytes(const struct sw_capture_rule *r, unsigned variant, uint8_t *buf, size_t cap, uint32_t *count)
{
	const char *s = strings[variant % (sizeof(strings) / sizeof(strings[0]))];
	size_t n;

	*count = 0;
	switch (r->kind) {
	case SW_CAP_STR:
		n = strlen(s);
		memcpy(buf, s, n);
		return n;
	case SW_CAP_STRARRAY:
		n = 0;
		for (unsigned i = 0; i < 3; i++) {
			size_t k = strlen(strings[i]) + 1;

			memcpy(buf + n, strings[i], k);
			n += k;
		}
		*count = 3;
		return n;
	case SW_CAP_IOV:
	case SW_CAP_DEREF: {
		struct sw_iov_rec rec = { .base = 0x7ffd0000, .len = 5, .stored = 5, .status = SW_CAPS_OK };

		memcpy(buf, &rec, sizeof(rec));
		memcpy(buf + sizeof(rec), "hello", 5);
		*count = 1;
		return sizeof(rec) + 5;
	}
	default:
		n = r->size ? r->size : 16;
		if (r->size_from == SW_SIZE_ARG_ELEM || r->size_from == SW_SIZE_RET_ELEM)
			n *= 2;
		if (n > cap)
			n = cap;
		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)(i * 7 + variant);
		return n;
	}
}

/* An event of sc as the engines would make it; variant 0: success, 1: an
 * error, 2: every capture faulted, 3: every capture truncated. */
static void make_event(struct sw_event *ev, const struct sw_syscall *sc, unsigned variant)
{
	struct sw_capture_plan plan;
	uint8_t tmp[4096];

	sw_event_reset(ev);
	ev->kind = SW_EV_SYSCALL;
	ev->nr = sc->nr;
	ev->ts_ns = 1700000000123456789ull;
	ev->dur_ns = 12345;
	ev->pid = ev->tid = 4242;
	strcpy(ev->comm, "dec_fixture");
	for (int i = 0; i < SW_NARGS; i++)
		ev->args[i] = i < sc->nargs ? (uint64_t)(i + 2) : 0;
	ev->ret = variant == 1 ? -ENOENT : 16;
	if (sc->ret == SW_R_NORET && variant == 0)
		ev->flags |= SW_EVF_NORET;
	sw_capture_plan_for(sc, &plan);
	for (unsigned i = 0; i < plan.n; i++) {
		const struct sw_capture_rule *r = &plan.rule[i];
		struct sw_capture *c;
		uint32_t count = 0;
		size_t n = variant == 2 ? 0 : cap_bytes(r, sc->nr + i, tmp, sizeof(tmp), &count);
		uint8_t *buf;

		ev->args[r->arg] = 0x7ffd1000 + 0x100 * r->arg;
		c = sw_event_add_capture(ev, r->arg, r->kind, (uint32_t)n, &buf);
		if (!c)
			break;
		memcpy(buf, tmp, n);
		c->at_exit = r->when == SW_AT_EXIT;
		c->count = variant == 2 ? 0 : count;
		c->total = r->kind == SW_CAP_STRARRAY || r->kind == SW_CAP_IOV || r->kind == SW_CAP_DEREF ? count : n;
		c->tag = r->tag;
		if (variant == 2)
			c->status = SW_CAPS_FAULT;
		if (variant == 3) {
			c->status = SW_CAPS_TRUNC;
			c->total = n + 100;
		}
	}
}

/* ---- ring buffer records -------------------------------------------------------- */

static void rec_begin(struct sw_strbuf *rec, const struct sw_event *ev, unsigned type, unsigned flags)
{
	struct swb_rec r = {
		.type = (uint16_t)type, .flags = flags, .pid = ev->pid, .tid = ev->tid, .nr = ev->nr,
		.uid = ev->uid, .ts = 5000000000ull, .dur = ev->dur_ns, .ret = ev->ret,
	};

	memcpy(r.args, ev->args, sizeof(r.args));
	memcpy(r.comm, ev->comm, sizeof(r.comm));
	sw_strbuf_reset(rec);
	sw_strbuf_add(rec, (const char *)&r, sizeof(r));
}

static void rec_cap(struct sw_strbuf *rec, const struct sw_event *ev, unsigned i)
{
	const struct sw_capture *c = &ev->cap[i];
	struct swb_cap bc = {
		.arg = c->arg, .kind = c->kind, .status = c->status, .at_exit = c->at_exit,
		.len = c->len, .count = c->count, .rule = i, .total = c->total,
	};
	static const char pad[8];

	sw_strbuf_add(rec, (const char *)&bc, sizeof(bc));
	sw_strbuf_add(rec, (const char *)ev->data + c->off, c->len);
	sw_strbuf_add(rec, pad, (8 - c->len % 8) % 8);
	((struct swb_rec *)rec->buf)->ncap++;
}

/* Appends a record to the input: u16 length then the bytes. */
static void rec_emit(struct sw_strbuf *in, const struct sw_strbuf *rec)
{
	uint16_t len = (uint16_t)rec->len;

	sw_strbuf_add(in, (const char *)&len, sizeof(len));
	sw_strbuf_add(in, rec->buf, rec->len);
}

/* The records of one syscall event. */
static void records_of(struct sw_strbuf *in, struct sw_strbuf *rec, const struct sw_event *ev)
{
	bool split = false;

	for (unsigned i = 0; i < ev->ncap; i++)
		split |= !ev->cap[i].at_exit;
	if (split) {
		rec_begin(rec, ev, SWB_REC_ENTER, 0);
		for (unsigned i = 0; i < ev->ncap; i++)
			if (!ev->cap[i].at_exit)
				rec_cap(rec, ev, i);
		rec_emit(in, rec);
	}
	rec_begin(rec, ev, ev->flags & SW_EVF_NORET ? SWB_REC_NORET : SWB_REC_SYSCALL, split ? SWB_F_JOIN : 0);
	for (unsigned i = 0; i < ev->ncap; i++)
		if (ev->cap[i].at_exit)
			rec_cap(rec, ev, i);
	rec_emit(in, rec);
}

/* Records of every other type, after one call of ev's tid. */
static void other_records(struct sw_strbuf *in, struct sw_strbuf *rec, struct sw_event *ev)
{
	struct sw_capture *c;
	uint8_t *buf;

	/* a signal with its siginfo */
	sw_event_reset(ev);
	ev->pid = ev->tid = 4242;
	ev->args[0] = 12;
	c = sw_event_add_capture(ev, 0, SW_CAP_MEM, SWB_SIGINFO_SIZE, &buf);
	memset(buf, 0, SWB_SIGINFO_SIZE);
	buf[0] = 12;
	c->total = SWB_SIGINFO_SIZE;
	rec_begin(rec, ev, SWB_REC_SIGNAL, 0);
	rec_cap(rec, ev, 0);
	rec_emit(in, rec);
	/* an attach, a rekey (exec from thread 4243), a retry, an exit */
	rec_begin(rec, ev, SWB_REC_ATTACH, 0);
	rec_emit(in, rec);
	ev->args[0] = 4243;
	rec_begin(rec, ev, SWB_REC_REKEY, 0);
	rec_emit(in, rec);
	rec_begin(rec, ev, SWB_REC_RETRY, 0);
	rec_emit(in, rec);
	ev->ret = 3 << 8;
	rec_begin(rec, ev, SWB_REC_EXIT, SWB_F_LEADER | SWB_F_GROUP);
	rec_emit(in, rec);
}

int main(int argc, char **argv)
{
	struct sw_event *ev = sw_event_new(FZ_EVENT_DATA);
	struct sw_strbuf sb = SW_STRBUF_INIT, out = SW_STRBUF_INIT, recs = SW_STRBUF_INIT, rec = SW_STRBUF_INIT;
	unsigned ndec = 0, nout = 0, nrec = 0;
	char name[64];

	if (argc != 2) {
		fprintf(stderr, "usage: gen-seeds DIR\n");
		return 2;
	}
	out_dir = argv[1];
	mkdir(out_dir, 0755);
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		const struct sw_syscall *sc = &sw_syscall_rows[i];

		for (unsigned v = 0; v < 4; v++) {
			/* faulted and truncated variants only where there are captures */
			make_event(ev, sc, v);
			if (v >= 2 && !ev->ncap)
				continue;
			if (sb.len == 0) {
				/* decode: options (fuzz.h), events */
				sw_strbuf_add(&sb, (const char *)&(uint32_t){ ndec % 3 ? 32 : 4 }, 4);
				sw_strbuf_putc(&sb, (char)(ndec * 5 % 64));
			}
			fz_event_encode(&sb, ev);
			if (v == 0 || v == 2) {
				if (out.len == 0) {
					/* output: u8 format, options (fuzz.h), u8 format, events */
					sw_strbuf_putc(&out, (char)(nout % 128));
					sw_strbuf_add(&out, (const char *)&(uint32_t){ 32 }, 4);
					sw_strbuf_putc(&out, (char)(nout * 3 % 64));
					sw_strbuf_putc(&out, (char)(nout % 8));
				}
				fz_event_encode(&out, ev);
				if (recs.len == 0)
					sw_strbuf_add(&recs, (const char *)&(int64_t){ 1700000000000000000ll }, 8);
				records_of(&recs, &rec, ev);
			}
		}
		if (out.len && (i % 8 == 7 || i + 1 == sw_syscall_nrows)) {
			snprintf(name, sizeof(name), "events.%03u", ndec++);
			write_file("decode", name, sb.buf, sb.len);
			sw_strbuf_reset(&sb);
			snprintf(name, sizeof(name), "events.%03u", nout++);
			write_file("output", name, out.buf, out.len);
			sw_strbuf_reset(&out);
			other_records(&recs, &rec, ev);
			snprintf(name, sizeof(name), "records.%03u", nrec++);
			write_file("records", name, recs.buf, recs.len);
			sw_strbuf_reset(&recs);
		}
	}
	sw_strbuf_release(&sb);
	sw_strbuf_release(&out);
	sw_strbuf_release(&recs);
	sw_strbuf_release(&rec);
	sw_event_free(ev);
	printf("gen-seeds: wrote %s/{decode,output,records}\n", out_dir);
	return 0;
}
