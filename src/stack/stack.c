// SPDX-License-Identifier: GPL-2.0-only
/* -k stack traces (see stack.h). */
#include "stack/stack.h"

#include <stdbool.h>
#include <stdlib.h>

#include "util/error.h"

#ifndef SW_HAVE_LIBDW

struct sw_stack {
	int unused;
};

bool sw_stack_supported(void)
{
	return false;
}

struct sw_stack *sw_stack_new(void)
{
	return sw_xcalloc(1, sizeof(struct sw_stack));
}

void sw_stack_free(struct sw_stack *s)
{
	free(s);
}

void sw_stack_unwind(struct sw_stack *s, pid_t tgid, pid_t tid, struct sw_strbuf *out)
{
}

void sw_stack_symbolize(struct sw_stack *s, pid_t tgid, const uint64_t *ips, unsigned n, struct sw_strbuf *out)
{
	for (unsigned i = 0; i < n; i++)
		sw_strbuf_printf(out, " > ?() [0x%llx]\n", (unsigned long long)ips[i]);
}

void sw_stack_forget(struct sw_stack *s, pid_t tgid)
{
}

#else

#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STACK_PROCS 64   /* processes whose sessions / maps are kept */
#define STACK_FILES 1024 /* files kept open for symbols */
#define STACK_MAPS 512   /* file mappings kept per process */

/* ptrace: one libdw session per process, attached to its stopped threads. */
struct proc_session {
	pid_t tgid;
	Dwfl *dwfl;
};

/* eBPF: one libdw session per file, whatever process maps it. */
struct file_session {
	char *path;
	dev_t dev;
	ino_t ino;
	Dwfl *dwfl;
	Dwfl_Module *mod; /* NULL: not an ELF file we can read */
	Elf *elf;
};

struct map_range {
	uint64_t start, end, off;
	struct file_session *f;
	const char *path; /* as /proc/PID/maps names it */
};

#define STACK_MISSES 64 /* addresses in no mapping remembered per process */

struct proc_maps {
	pid_t tgid;
	struct map_range *r;
	size_t n;
	/* addresses found in no mapping even after reading the map again
	 * (what a frame-pointer walk finds past code without frame pointers):
	 * not a reason to read it again */
	uint64_t miss[STACK_MISSES];
};

static void session_end(Dwfl *d);

#define STACK_SEEN 256 /* stacks remembered with their text (loops repeat theirs) */

struct seen_stack {
	pid_t tgid;
	unsigned n;
	uint64_t hash;
	uint64_t *ips;
	char *text;
	size_t len;
};

struct sw_stack {
	struct seen_stack seen[STACK_SEEN];
	struct proc_session sess[STACK_PROCS];
	unsigned next_sess;
	struct proc_maps maps[STACK_PROCS];
	unsigned next_maps;
	struct file_session *files[STACK_FILES];
	unsigned nfiles;
};

bool sw_stack_supported(void)
{
	return true;
}

struct sw_stack *sw_stack_new(void)
{
	return sw_xcalloc(1, sizeof(struct sw_stack));
}

static void maps_clear(struct proc_maps *m)
{
	free(m->r);
	memset(m, 0, sizeof(*m));
}

static void file_free(struct file_session *f)
{
	if (!f)
		return;
	if (f->dwfl)
		session_end(f->dwfl);
	free(f->path);
	free(f);
}

void sw_stack_free(struct sw_stack *s)
{
	if (!s)
		return;
	for (unsigned i = 0; i < STACK_PROCS; i++) {
		if (s->sess[i].dwfl)
			session_end(s->sess[i].dwfl);
		maps_clear(&s->maps[i]);
	}
	for (unsigned i = 0; i < s->nfiles; i++)
		file_free(s->files[i]);
	for (unsigned i = 0; i < STACK_SEEN; i++) {
		free(s->seen[i].ips);
		free(s->seen[i].text);
	}
	free(s);
}

void sw_stack_forget(struct sw_stack *s, pid_t tgid)
{
	for (unsigned i = 0; i < STACK_PROCS; i++) {
		if (s->sess[i].tgid == tgid && s->sess[i].dwfl) {
			session_end(s->sess[i].dwfl);
			memset(&s->sess[i], 0, sizeof(s->sess[i]));
		}
		if (s->maps[i].tgid == tgid)
			maps_clear(&s->maps[i]);
	}
	for (unsigned i = 0; i < STACK_SEEN; i++)
		if (s->seen[i].tgid == tgid)
			s->seen[i].tgid = 0;
}

/* strace's line for one frame */
static void put_frame(struct sw_strbuf *out, const char *file, const char *sym, uint64_t sym_off, uint64_t addr)
{
	if (sym && sym[0])
		sw_strbuf_printf(out, " > %s(%s+0x%" PRIx64 ") [0x%" PRIx64 "]\n", file, sym, sym_off, addr);
	else
		sw_strbuf_printf(out, " > %s() [0x%" PRIx64 "]\n", file ? file : "?", addr);
}

/* A module's function symbols sorted by address (equal addresses in table
 * order), made at its first lookup and kept in the module's userdata. */
struct symtab {
	size_t n;
	struct sym_ent {
		uint64_t addr;
		const char *name; /* libdw's: lives as long as the module */
		int index;
	} e[];
};

static int sym_cmp(const void *a, const void *b)
{
	const struct sym_ent *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->index - y->index;
}

static struct symtab *module_symtab(Dwfl_Module *mod)
{
	void **ud;
	struct symtab *t;
	int n;

	dwfl_module_info(mod, &ud, NULL, NULL, NULL, NULL, NULL, NULL);
	if (*ud)
		return *ud;
	n = dwfl_module_getsymtab(mod);
	t = sw_xmalloc(sizeof(*t) + (size_t)(n > 0 ? n : 0) * sizeof(t->e[0]));
	t->n = 0;
	for (int i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr value;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &value, NULL, NULL, NULL);

		if (!name || !name[0] || GELF_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF)
			continue;
		t->e[t->n].addr = value;
		t->e[t->n].name = name;
		t->e[t->n].index = i;
		t->n++;
	}
	qsort(t->e, t->n, sizeof(t->e[0]), sym_cmp);
	*ud = t;
	return t;
}

static int free_symtab(Dwfl_Module *mod, void **ud, const char *name, Dwarf_Addr start, void *arg)
{
	free(*ud);
	*ud = NULL;
	return DWARF_CB_OK;
}

static void session_end(Dwfl *d)
{
	if (!d)
		return;
	dwfl_getmodules(d, free_symtab, NULL, 0);
	dwfl_end(d);
}

/* The name strace prints for addr (a module address): the function symbol
 * nearest below it, whatever its size says (the first of equals in table
 * order), as strace's unwinder looks it up; NULL when there is none. */
static const char *nearest_function(Dwfl_Module *mod, Dwarf_Addr addr, uint64_t *off)
{
	struct symtab *t = module_symtab(mod);
	size_t lo = 0, hi = t->n;

	/* the last entry with e.addr <= addr, then the first of its address */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->e[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0) {
		*off = 0;
		return NULL;
	}
	lo--;
	while (lo > 0 && t->e[lo - 1].addr == t->e[lo].addr)
		lo--;
	*off = addr - t->e[lo].addr;
	return t->e[lo].name;
}

/* ---- ptrace: libdw unwinds the stopped thread ---------------------------------- */

/* Symbols come from the files themselves (.symtab, else .dynsym), never from
 * separate debug files (/usr/lib/debug): the names strace prints. */
static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname, Dwarf_Addr base,
			const char *file_name, const char *debuglink_file, GElf_Word debuglink_crc,
			char **debuginfo_file_name)
{
	return -1;
}

static const Dwfl_Callbacks proc_callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = no_debuginfo,
};

static Dwfl *proc_session(struct sw_stack *s, pid_t tgid, bool fresh)
{
	struct proc_session *ps = NULL;
	Dwfl *d;

	for (unsigned i = 0; i < STACK_PROCS; i++)
		if (s->sess[i].tgid == tgid && s->sess[i].dwfl)
			ps = &s->sess[i];
	if (ps && !fresh)
		return ps->dwfl;
	if (!ps) {
		ps = &s->sess[s->next_sess];
		s->next_sess = (s->next_sess + 1) % STACK_PROCS;
	}
	if (ps->dwfl)
		session_end(ps->dwfl);
	memset(ps, 0, sizeof(*ps));
	d = dwfl_begin(&proc_callbacks);
	if (!d)
		return NULL;
	dwfl_report_begin(d);
	if (dwfl_linux_proc_report(d, tgid) != 0 || dwfl_report_end(d, NULL, NULL) != 0 ||
	    dwfl_linux_proc_attach(d, tgid, true) != 0) {
		session_end(d);
		return NULL;
	}
	ps->tgid = tgid;
	ps->dwfl = d;
	return d;
}

struct walk {
	Dwfl *dwfl;
	struct sw_strbuf *out;
	unsigned depth;
	bool unknown; /* a frame in no module: the session may be stale */
};

static int on_frame(Dwfl_Frame *state, void *arg)
{
	struct walk *w = arg;
	Dwarf_Addr pc, rel;
	bool activation;
	Dwfl_Module *mod;

	if (!dwfl_frame_pc(state, &pc, &activation))
		return -1;
	(void)activation; /* return addresses are shown as they are, as strace shows them */
	mod = dwfl_addrmodule(w->dwfl, pc);
	if (mod) {
		const char *file = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
		uint64_t off;
		const char *name = nearest_function(mod, pc, &off);

		rel = pc;
		dwfl_module_relocate_address(mod, &rel);
		put_frame(w->out, file, name, off, rel);
	} else {
		w->unknown = true;
	}
	return --w->depth == 0 ? DWARF_CB_ABORT : DWARF_CB_OK;
}

void sw_stack_unwind(struct sw_stack *s, pid_t tgid, pid_t tid, struct sw_strbuf *out)
{
	size_t start = out->len;

	/* a frame in no known module: the process mapped something since the
	 * session was made; once more with a new one */
	for (int attempt = 0; attempt < 2; attempt++) {
		struct walk w = { proc_session(s, tgid, attempt > 0), out, SW_STACK_DEPTH, false };

		if (!w.dwfl)
			return;
		out->len = start;
		if (out->buf)
			out->buf[start] = '\0';
		dwfl_getthread_frames(w.dwfl, tid, on_frame, &w);
		if (!w.unknown)
			return;
	}
}

/* ---- eBPF: return addresses named from /proc/PID/maps ---------------------------- */

static const Dwfl_Callbacks file_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static struct file_session *file_session(struct sw_stack *s, const char *path, dev_t dev, ino_t ino)
{
	struct file_session *f;
	GElf_Addr bias;
	unsigned slot;

	for (unsigned i = 0; i < s->nfiles; i++) {
		f = s->files[i];
		if (f->ino == ino && f->dev == dev && strcmp(f->path, path) == 0)
			return f;
	}
	f = sw_xcalloc(1, sizeof(*f));
	f->path = sw_xstrdup(path);
	f->dev = dev;
	f->ino = ino;
	f->dwfl = dwfl_begin(&file_callbacks);
	if (f->dwfl) {
		dwfl_report_begin(f->dwfl);
		/* at address 0: a module address is then the file's own vaddr */
		f->mod = dwfl_report_elf(f->dwfl, path, path, -1, 0, false);
		dwfl_report_end(f->dwfl, NULL, NULL);
		if (f->mod)
			f->elf = dwfl_module_getelf(f->mod, &bias);
		if (!f->elf)
			f->mod = NULL;
	}
	slot = s->nfiles++; /* room is made before each read of a map (flush_files) */
	s->files[slot] = f;
	return f;
}

/* Before reading a map: room for every file it may name. The sessions are
 * referred to by the maps read so far, so those go too. */
static void flush_files(struct sw_stack *s)
{
	if (s->nfiles + STACK_MAPS <= STACK_FILES)
		return;
	for (unsigned i = 0; i < STACK_PROCS; i++)
		maps_clear(&s->maps[i]);
	for (unsigned i = 0; i < s->nfiles; i++)
		file_free(s->files[i]);
	s->nfiles = 0;
}

static struct proc_maps *read_maps(struct sw_stack *s, pid_t tgid)
{
	struct proc_maps *m = NULL;
	char path[64], line[4352];
	size_t cap = 0;
	FILE *fp;

	flush_files(s);
	for (unsigned i = 0; i < STACK_PROCS; i++)
		if (s->maps[i].tgid == tgid)
			m = &s->maps[i];
	if (!m) {
		m = &s->maps[s->next_maps];
		s->next_maps = (s->next_maps + 1) % STACK_PROCS;
	}
	maps_clear(m);
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tgid);
	fp = fopen(path, "re");
	if (!fp)
		return NULL;
	m->tgid = tgid;
	while (fgets(line, sizeof(line), fp) && m->n < STACK_MAPS) {
		unsigned long long start, end, off, ino;
		unsigned maj, min;
		char perms[8];
		int name = 0;
		struct stat st;

		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &start, &end, perms, &off, &maj, &min, &ino,
			   &name) < 7 || !name || line[name] != '/' || perms[2] != 'x')
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (m->n == cap) {
			cap = cap ? cap * 2 : 16;
			m->r = sw_xrealloc(m->r, cap * sizeof(*m->r));
		}
		/* (the inode maps shows may be a lower layer's on overlayfs: not compared) */
		if (stat(line + name, &st) < 0)
			continue;
		m->r[m->n].start = start;
		m->r[m->n].end = end;
		m->r[m->n].off = off;
		m->r[m->n].f = file_session(s, line + name, st.st_dev, st.st_ino);
		m->r[m->n].path = m->r[m->n].f->path;
		m->n++;
	}
	fclose(fp);
	return m;
}

static const struct map_range *find_range(const struct proc_maps *m, uint64_t pc)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (pc >= m->r[i].start && pc < m->r[i].end)
			return &m->r[i];
	return NULL;
}

/* The file's own address for pc: through the PT_LOAD segment that maps the
 * file offset pc is at. */
static bool file_vaddr(const struct map_range *r, uint64_t pc, uint64_t *vaddr)
{
	uint64_t foff = r->off + (pc - r->start);
	size_t n;

	if (!r->f->elf || elf_getphdrnum(r->f->elf, &n) != 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(r->f->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (foff >= ph.p_offset && foff < ph.p_offset + ph.p_filesz) {
			*vaddr = ph.p_vaddr + (foff - ph.p_offset);
			return true;
		}
	}
	return false;
}

static void symbolize_one(const struct map_range *r, uint64_t pc, struct sw_strbuf *out)
{
	uint64_t vaddr, off;
	Dwarf_Addr rel;
	const char *name;

	if (!r->f->mod || !file_vaddr(r, pc, &vaddr)) {
		put_frame(out, r->path, NULL, 0, r->off + (pc - r->start));
		return;
	}
	name = nearest_function(r->f->mod, vaddr, &off);
	rel = vaddr;
	dwfl_module_relocate_address(r->f->mod, &rel);
	put_frame(out, r->path, name, off, rel);
}

static void symbolize(struct sw_stack *s, pid_t tgid, const uint64_t *ips, unsigned n, struct sw_strbuf *out);

/* A stack seen before in this process is given the text it had: the map
 * changes rarely, and a loop makes the same calls from the same place. */
void sw_stack_symbolize(struct sw_stack *s, pid_t tgid, const uint64_t *ips, unsigned n, struct sw_strbuf *out)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)tgid;
	struct seen_stack *e;
	size_t start = out->len;

	for (unsigned i = 0; i < n; i++)
		h = (h ^ ips[i]) * 1099511628211ull;
	e = &s->seen[h % STACK_SEEN];
	if (e->tgid == tgid && e->n == n && e->hash == h && memcmp(e->ips, ips, n * sizeof(*ips)) == 0) {
		sw_strbuf_add(out, e->text, e->len);
		return;
	}
	symbolize(s, tgid, ips, n, out);
	free(e->ips);
	free(e->text);
	e->tgid = tgid;
	e->n = n;
	e->hash = h;
	e->ips = sw_xmalloc(n * sizeof(*ips) + 1);
	memcpy(e->ips, ips, n * sizeof(*ips));
	e->len = out->len - start;
	e->text = sw_xmalloc(e->len + 1);
	memcpy(e->text, out->buf ? out->buf + start : "", e->len);
}

static void symbolize(struct sw_stack *s, pid_t tgid, const uint64_t *ips, unsigned n, struct sw_strbuf *out)
{
	struct proc_maps *m = NULL;
	bool reread = false;

	for (unsigned i = 0; i < STACK_PROCS; i++)
		if (s->maps[i].tgid == tgid)
			m = &s->maps[i];
	if (!m) {
		m = read_maps(s, tgid);
		reread = true;
	}
	for (unsigned i = 0; i < n && i < SW_STACK_DEPTH; i++) {
		uint64_t pc = ips[i];
		const struct map_range *r = find_range(m, pc);

		if (!r && !reread && m && m->miss[pc % STACK_MISSES] != pc) {
			/* mapped since the maps were read: read them again, once */
			m = read_maps(s, tgid);
			reread = true;
			r = find_range(m, pc);
			if (!r && m)
				m->miss[pc % STACK_MISSES] = pc;
		}
		if (r)
			symbolize_one(r, pc, out);
		else if (!m || !m->n)
			/* the process is gone, its map with it: the address at least */
			sw_strbuf_printf(out, " > ?() [0x%" PRIx64 "]\n", pc);
	}
}

#endif
