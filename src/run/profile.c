// SPDX-License-Identifier: GPL-2.0-only
/* OCI / Docker seccomp profiles, read with jansson. */
#include <errno.h>
#include <jansson.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "decode/decode.h"
#include "core/syscalls.h"
#include "run/profile.h"

#define CLONE_NS_FLAGS 0x7E020000ull /* CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET */

struct loader {
	struct run_policy *p;
	const char *path;
	struct sw_err *err;
	struct sw_strbuf *skipped;
	int default_errno;
};

/* A field's path ("syscalls[3].args[0].op"), cut to size if it must be. */
static void pathf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void pathf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

static int bad(struct loader *l, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(struct loader *l, const char *field, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return sw_err_set(l->err, "%s: %s: %s", l->path, field, why);
}

static const struct {
	const char *name;
	enum run_act_kind kind;
} actions[] = {
	{ "SCMP_ACT_ALLOW", RUN_ALLOW },       { "SCMP_ACT_LOG", RUN_LOG },
	{ "SCMP_ACT_ERRNO", RUN_ERRNO },       { "SCMP_ACT_TRAP", RUN_TRAP },
	{ "SCMP_ACT_KILL", RUN_KILL_THREAD },  { "SCMP_ACT_KILL_THREAD", RUN_KILL_THREAD },
	{ "SCMP_ACT_KILL_PROCESS", RUN_KILL },
};

static int parse_action(struct loader *l, const char *field, json_t *v, json_t *errno_ret, struct run_action *a)
{
	const char *s = json_string_value(v);

	if (!s)
		return bad(l, field, "expected a string such as \"SCMP_ACT_ERRNO\"");
	memset(a, 0, sizeof(*a));
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		if (strcmp(s, actions[i].name) != 0)
			continue;
		a->kind = actions[i].kind;
		a->err = l->default_errno;
		if (errno_ret) {
			json_int_t e = json_integer_value(errno_ret);

			if (!json_is_integer(errno_ret) || e < 1 || e > 4095)
				return bad(l, field, "errnoRet must be an errno number (1 to 4095)");
			a->err = (int)e;
		}
		return 0;
	}
	if (strcmp(s, "SCMP_ACT_TRACE") == 0 || strcmp(s, "SCMP_ACT_NOTIFY") == 0)
		return bad(l, field, "action '%s' needs a tracer or a listener, which syswatch run does not offer", s);
	return bad(l, field, "unknown action '%s'", s);
}

static const struct {
	const char *name;
	uint32_t arch;
} arches[] = {
	{ "SCMP_ARCH_X86_64", SCMP_ARCH_X86_64 }, { "SCMP_ARCH_X86", SCMP_ARCH_X86 },
	{ "SCMP_ARCH_X32", SCMP_ARCH_X32 },       { "SCMP_ARCH_AARCH64", SCMP_ARCH_AARCH64 },
	{ "SCMP_ARCH_ARM", SCMP_ARCH_ARM },       { "SCMP_ARCH_PPC64LE", SCMP_ARCH_PPC64LE },
	{ "SCMP_ARCH_S390X", SCMP_ARCH_S390X },   { "SCMP_ARCH_RISCV64", SCMP_ARCH_RISCV64 },
	{ "SCMP_ARCH_MIPS64", SCMP_ARCH_MIPS64 }, { "SCMP_ARCH_MIPSEL64", SCMP_ARCH_MIPSEL64 },
	{ "SCMP_ARCH_PPC64", SCMP_ARCH_PPC64 },   { "SCMP_ARCH_PPC", SCMP_ARCH_PPC },
	{ "SCMP_ARCH_S390", SCMP_ARCH_S390 },     { "SCMP_ARCH_MIPS", SCMP_ARCH_MIPS },
	{ "SCMP_ARCH_MIPSEL", SCMP_ARCH_MIPSEL }, { "SCMP_ARCH_MIPS64N32", SCMP_ARCH_MIPS64N32 },
	{ "SCMP_ARCH_MIPSEL64N32", SCMP_ARCH_MIPSEL64N32 },
};

/* Docker's short names too (includes.arches: "amd64", "x86", "x32", ...). */
static int arch_of(const char *s, uint32_t *arch)
{
	static const struct { const char *name; uint32_t arch; } docker[] = {
		{ "amd64", SCMP_ARCH_X86_64 }, { "x86_64", SCMP_ARCH_X86_64 }, { "x86", SCMP_ARCH_X86 },
		{ "386", SCMP_ARCH_X86 },      { "x32", SCMP_ARCH_X32 },       { "arm64", SCMP_ARCH_AARCH64 },
		{ "aarch64", SCMP_ARCH_AARCH64 }, { "arm", SCMP_ARCH_ARM },    { "ppc64le", SCMP_ARCH_PPC64LE },
		{ "s390x", SCMP_ARCH_S390X },  { "riscv64", SCMP_ARCH_RISCV64 }, { "mips64", SCMP_ARCH_MIPS64 },
		{ "mipsel64", SCMP_ARCH_MIPSEL64 }, { "s390", SCMP_ARCH_S390 }, { "ppc64", SCMP_ARCH_PPC64 },
		{ "mips", SCMP_ARCH_MIPS }, { "mipsel", SCMP_ARCH_MIPSEL }, { "loong64", SCMP_ARCH_NATIVE + 1 },
	};

	for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (strcmp(s, arches[i].name) == 0)
			return *arch = arches[i].arch, 0;
	for (size_t i = 0; i < sizeof(docker) / sizeof(docker[0]); i++)
		if (strcmp(s, docker[i].name) == 0)
			return *arch = docker[i].arch, 0;
	return -1;
}

static int parse_arches(struct loader *l, json_t *v)
{
	bool native = false;
	size_t i;
	json_t *a;
	char field[64];

	if (!json_is_array(v))
		return bad(l, "architectures", "expected an array of \"SCMP_ARCH_...\"");
	json_array_foreach(v, i, a) {
		uint32_t arch;

		pathf(field, sizeof(field), "architectures[%zu]", i);
		if (!json_is_string(a) || arch_of(json_string_value(a), &arch) < 0)
			return bad(l, field, "unknown architecture %s%s%s", json_is_string(a) ? "'" : "",
				   json_is_string(a) ? json_string_value(a) : "(not a string)", json_is_string(a) ? "'" : "");
		if (arch == seccomp_arch_native()) {
			native = true;
		} else if ((arch == SCMP_ARCH_X86 || arch == SCMP_ARCH_X32) && seccomp_arch_native() == SCMP_ARCH_X86_64 &&
			   l->p->narches < sizeof(l->p->arches) / sizeof(l->p->arches[0])) {
			l->p->arches[l->p->narches++] = arch; /* the ABIs this machine also runs */
		}
	}
	if (json_array_size(v) && !native)
		return bad(l, "architectures", "wrong architecture: this machine's (%s) is not listed",
			   seccomp_arch_native() == SCMP_ARCH_X86_64 ? "SCMP_ARCH_X86_64" : "native");
	return 0;
}

/* Whether syswatch (and so the command it starts) has the capability in
 * its effective set; -1 for an unknown name. */
static int have_cap(const char *name)
{
#define CAP(n) { "CAP_" #n, CAP_##n }
	static const struct { const char *name; int nr; } caps[] = {
		CAP(CHOWN),
		CAP(DAC_OVERRIDE),
		CAP(DAC_READ_SEARCH),
		CAP(FOWNER),
		CAP(FSETID),
		CAP(KILL),
		CAP(SETGID),
		CAP(SETUID),
		CAP(SETPCAP),
		CAP(LINUX_IMMUTABLE),
		CAP(NET_BIND_SERVICE),
		CAP(NET_BROADCAST),
		CAP(NET_ADMIN),
		CAP(NET_RAW),
		CAP(IPC_LOCK),
		CAP(IPC_OWNER),
		CAP(SYS_MODULE),
		CAP(SYS_RAWIO),
		CAP(SYS_CHROOT),
		CAP(SYS_PTRACE),
		CAP(SYS_PACCT),
		CAP(SYS_ADMIN),
		CAP(SYS_BOOT),
		CAP(SYS_NICE),
		CAP(SYS_RESOURCE),
		CAP(SYS_TIME),
		CAP(SYS_TTY_CONFIG),
		CAP(MKNOD),
		CAP(LEASE),
		CAP(AUDIT_WRITE),
		CAP(AUDIT_CONTROL),
		CAP(SETFCAP),
		CAP(MAC_OVERRIDE),
		CAP(MAC_ADMIN),
		CAP(SYSLOG),
		CAP(WAKE_ALARM),
		CAP(BLOCK_SUSPEND),
		CAP(AUDIT_READ),
		CAP(PERFMON),
		CAP(BPF),
		CAP(CHECKPOINT_RESTORE),
	};
#undef CAP
	unsigned long long eff = 0;
	char line[128];
	FILE *f;

	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		if (strcmp(caps[i].name, name) != 0)
			continue;
		f = fopen("/proc/self/status", "re");
		while (f && fgets(line, sizeof(line), f))
			if (sscanf(line, "CapEff: %llx", &eff) == 1)
				break;
		if (f)
			fclose(f);
		return (int)((eff >> caps[i].nr) & 1);
	}
	return -1;
}

/* includes/excludes: whether this machine and these capabilities match. */
static int matches(struct loader *l, const char *field, json_t *v, bool *out)
{
	const char *key;
	json_t *val;
	char sub[256];

	*out = true;
	if (!json_is_object(v))
		return bad(l, field, "expected an object (arches, caps, minKernel)");
	json_object_foreach(v, key, val) {
		size_t i;
		json_t *x;
		bool any = false;

		pathf(sub, sizeof(sub), "%s.%s", field, key);
		if (strcmp(key, "arches") == 0 || strcmp(key, "caps") == 0) {
			if (!json_is_array(val))
				return bad(l, sub, "expected an array of strings");
			json_array_foreach(val, i, x) {
				const char *s = json_string_value(x);
				uint32_t arch;

				if (!s)
					return bad(l, sub, "expected an array of strings");
				if (key[0] == 'a') {
					any |= arch_of(s, &arch) == 0 && arch == seccomp_arch_native();
				} else {
					int have = have_cap(s);

					if (have < 0)
						return bad(l, sub, "unknown capability '%s'", s);
					any |= have == 1;
				}
			}
			if (json_array_size(val) && !any)
				*out = false;
		} else if (strcmp(key, "minKernel") == 0) {
			struct utsname u;
			unsigned want[2] = { 0, 0 }, have[2] = { 0, 0 };

			if (!json_is_string(val) || sscanf(json_string_value(val), "%u.%u", &want[0], &want[1]) < 1)
				return bad(l, sub, "expected a kernel version such as \"5.8\"");
			if (uname(&u) == 0)
				sscanf(u.release, "%u.%u", &have[0], &have[1]);
			if (have[0] < want[0] || (have[0] == want[0] && have[1] < want[1]))
				*out = false;
		} else {
			return bad(l, sub, "unknown field");
		}
	}
	return 0;
}

static const struct {
	const char *name;
	int op;
} ops[] = {
	{ "SCMP_CMP_NE", SCMP_CMP_NE }, { "SCMP_CMP_LT", SCMP_CMP_LT }, { "SCMP_CMP_LE", SCMP_CMP_LE },
	{ "SCMP_CMP_EQ", SCMP_CMP_EQ }, { "SCMP_CMP_GE", SCMP_CMP_GE }, { "SCMP_CMP_GT", SCMP_CMP_GT },
	{ "SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ },
};

static int parse_u64(json_t *v, uint64_t *out)
{
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		*out = (uint64_t)json_integer_value(v);
		return 0;
	}
	/* above INT64_MAX jansson gives a real: exact for the values profiles use */
	if (json_is_real(v) && json_real_value(v) >= 0 && json_real_value(v) < 18446744073709551616.0) {
		*out = (uint64_t)json_real_value(v);
		return 0;
	}
	return -1;
}

static int parse_args(struct loader *l, const char *field, json_t *v, struct run_entry *e)
{
	size_t i;
	json_t *a;
	char sub[256];

	if (!json_is_array(v))
		return bad(l, field, "expected an array of {index, value, valueTwo, op}");
	if (json_array_size(v) > 6)
		return bad(l, field, "more than 6 comparisons");
	json_array_foreach(v, i, a) {
		struct run_cond *c = &e->cond[e->ncond];
		const char *key, *op = NULL;
		json_t *val;
		bool have_index = false, have_value = false;

		pathf(sub, sizeof(sub), "%s[%zu]", field, i);
		if (!json_is_object(a))
			return bad(l, sub, "expected an object {index, value, valueTwo, op}");
		memset(c, 0, sizeof(*c));
		c->op = -1;
		json_object_foreach(a, key, val) {
			char f[512];

			pathf(f, sizeof(f), "%s.%s", sub, key);
			if (strcmp(key, "index") == 0) {
				if (!json_is_integer(val) || json_integer_value(val) < 0 || json_integer_value(val) > 5)
					return bad(l, f, "expected an argument index (0 to 5)");
				c->arg = (unsigned)json_integer_value(val);
				have_index = true;
			} else if (strcmp(key, "value") == 0) {
				if (parse_u64(val, &c->a) < 0)
					return bad(l, f, "expected an unsigned 64-bit number");
				have_value = true;
			} else if (strcmp(key, "valueTwo") == 0) {
				if (parse_u64(val, &c->b) < 0)
					return bad(l, f, "expected an unsigned 64-bit number");
			} else if (strcmp(key, "op") == 0) {
				op = json_string_value(val);
				for (size_t k = 0; op && k < sizeof(ops) / sizeof(ops[0]); k++)
					if (strcmp(op, ops[k].name) == 0)
						c->op = ops[k].op;
				if (c->op < 0)
					return bad(l, f, "unknown operator %s%s%s", op ? "'" : "", op ? op : "(not a string)",
						   op ? "'" : "");
			} else {
				return bad(l, f, "unknown field");
			}
		}
		if (!have_index || !have_value || c->op < 0)
			return bad(l, sub, "needs index, value and op");
		e->ncond++;
	}
	return 0;
}

/* One syscalls[] element: its names each become an entry. */
static int parse_syscall(struct loader *l, size_t idx, json_t *o)
{
	json_t *names = NULL, *action = NULL, *errno_ret = NULL, *args = NULL, *val;
	struct run_entry tmpl = { 0 };
	const char *key;
	char field[64], sub[256], spec[160];
	bool applies = true;
	size_t i;

	pathf(field, sizeof(field), "syscalls[%zu]", idx);
	if (!json_is_object(o))
		return bad(l, field, "expected an object {names, action, ...}");
	json_object_foreach(o, key, val) {
		pathf(sub, sizeof(sub), "%s.%s", field, key);
		if (strcmp(key, "names") == 0 || strcmp(key, "name") == 0) {
			names = val;
		} else if (strcmp(key, "action") == 0) {
			action = val;
		} else if (strcmp(key, "errnoRet") == 0) {
			errno_ret = val;
		} else if (strcmp(key, "args") == 0) {
			args = val;
		} else if (strcmp(key, "includes") == 0 || strcmp(key, "excludes") == 0) {
			bool m;

			if (matches(l, sub, val, &m) < 0)
				return -1;
			if (key[0] == 'i' ? !m : (m && json_object_size(val)))
				applies = false;
		} else if (strcmp(key, "comment") != 0) {
			return bad(l, sub, "unknown field");
		}
	}
	pathf(sub, sizeof(sub), "%s.action", field);
	if (!action)
		return bad(l, field, "no action");
	if (parse_action(l, sub, action, errno_ret, &tmpl.act) < 0)
		return -1;
	pathf(sub, sizeof(sub), "%s.args", field);
	if (args && !json_is_null(args) && parse_args(l, sub, args, &tmpl) < 0)
		return -1;
	pathf(sub, sizeof(sub), "%s.names", field);
	if (!names || !(json_is_array(names) || json_is_string(names)))
		return bad(l, sub, "expected an array of syscall names");
	if (!applies)
		return 0;
	snprintf(spec, sizeof(spec), "profile %s", field);
	tmpl.rule = run_policy_add_rule(l->p, spec, &tmpl.act);
	for (i = 0; i < (json_is_string(names) ? 1 : json_array_size(names)); i++) {
		json_t *n = json_is_string(names) ? names : json_array_get(names, i);
		const char *name = json_string_value(n);
		int nr;

		pathf(sub, sizeof(sub), "%s.names[%zu]", field, i);
		if (!name)
			return bad(l, sub, "expected a string");
		nr = seccomp_syscall_resolve_name(name);
		if (nr == __NR_SCMP_ERROR && sw_syscall_by_name(name))
			nr = sw_syscall_by_name(name)->nr;
		if (nr == __NR_SCMP_ERROR || nr >= SW_NR_MAX) {
			/* newer than this system, or a typo: skipped, as runc does */
			if (l->skipped)
				sw_strbuf_printf(l->skipped, "%s%s", l->skipped->len ? ", " : "", name);
			continue;
		}
		if (nr < 0)
			continue; /* a syscall of another architecture */
		tmpl.nr = nr;
		run_policy_add_entry(l->p, &tmpl);
	}
	return 0;
}

/* archMap (Docker's form): the sub-architectures of this machine's entry. */
static int parse_archmap(struct loader *l, json_t *v)
{
	size_t i, k;
	json_t *m, *sub;

	if (!json_is_array(v))
		return bad(l, "archMap", "expected an array of {architecture, subArchitectures}");
	json_array_foreach(v, i, m) {
		json_t *arch = json_object_get(m, "architecture"), *subs = json_object_get(m, "subArchitectures");
		uint32_t a;
		char field[64];

		pathf(field, sizeof(field), "archMap[%zu]", i);
		if (!json_is_object(m) || !json_is_string(arch) || arch_of(json_string_value(arch), &a) < 0)
			return bad(l, field, "expected {\"architecture\": \"SCMP_ARCH_...\", \"subArchitectures\": [...]}");
		if (a != seccomp_arch_native() || !json_is_array(subs))
			continue;
		json_array_foreach(subs, k, sub) {
			uint32_t sa;

			if (json_is_string(sub) && arch_of(json_string_value(sub), &sa) == 0 &&
			    (sa == SCMP_ARCH_X86 || sa == SCMP_ARCH_X32) && a == SCMP_ARCH_X86_64 &&
			    l->p->narches < sizeof(l->p->arches) / sizeof(l->p->arches[0]))
				l->p->arches[l->p->narches++] = sa;
		}
	}
	return 0;
}

int run_profile_load(struct run_policy *p, const char *path, struct sw_strbuf *skipped, struct sw_err *err)
{
	struct loader l = { .p = p, .path = path, .err = err, .skipped = skipped, .default_errno = EPERM };
	json_t *root, *val, *dflt = NULL, *syscalls = NULL, *dflt_errno = NULL;
	json_error_t jerr;
	const char *key;
	int rc = -1;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		if (jerr.line < 0)
			return sw_err_set(err, "%s: %s", path, jerr.text);
		return sw_err_set(err, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
	}
	if (!json_is_object(root)) {
		bad(&l, "(top level)", "expected an object {defaultAction, syscalls, ...}");
		goto out;
	}
	json_object_foreach(root, key, val) {
		if (strcmp(key, "defaultAction") == 0) {
			dflt = val;
		} else if (strcmp(key, "defaultErrnoRet") == 0) {
			dflt_errno = val;
		} else if (strcmp(key, "architectures") == 0) {
			if (parse_arches(&l, val) < 0)
				goto out;
		} else if (strcmp(key, "syscalls") == 0) {
			syscalls = val;
		} else if (strcmp(key, "archMap") == 0) {
			if (parse_archmap(&l, val) < 0)
				goto out;
		} else if (strcmp(key, "flags") == 0 || strcmp(key, "listenerMetadata") == 0) {
			/* filter flags (SECCOMP_FILTER_FLAG_LOG, ...): syswatch sets its own */
		} else if (strcmp(key, "listenerPath") == 0) {
			bad(&l, "listenerPath", "a profile handing calls to another listener cannot run under syswatch run");
			goto out;
		} else {
			bad(&l, key, "unknown field");
			goto out;
		}
	}
	if (!dflt) {
		bad(&l, "defaultAction", "missing");
		goto out;
	}
	if (parse_action(&l, "defaultAction", dflt, dflt_errno, &p->dflt) < 0)
		goto out;
	p->dflt_given = true;
	if (syscalls && !json_is_null(syscalls)) {
		size_t i;
		json_t *o;

		if (!json_is_array(syscalls)) {
			bad(&l, "syscalls", "expected an array");
			goto out;
		}
		json_array_foreach(syscalls, i, o)
			if (parse_syscall(&l, i, o) < 0)
				goto out;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* ---- writing ---------------------------------------------------------------- */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int run_profile_write(const struct run_usage *u, const char *path, struct sw_err *err)
{
	const char *names[SW_NR_MAX];
	size_t n = 0;
	FILE *f;

	for (int nr = 0; nr < SW_NR_MAX; nr++) {
		const char *name = sw_syscall_name(nr);

		if (!sw_sysset_has(&u->used, nr) || !name || nr == SYS_clone || nr == SYS_personality)
			continue;
		names[n++] = name;
	}
	qsort(names, n, sizeof(names[0]), cmp_names);
	f = fopen(path, "we");
	if (!f)
		return sw_err_set(err, "cannot write '%s': %s", path, strerror(errno));
	fprintf(f, "{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"defaultErrnoRet\": %d,\n", EPERM);
	fprintf(f, "\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\"\n\t],\n\t\"syscalls\": [\n");
	fprintf(f, "\t\t{\n\t\t\t\"names\": [");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n\t\t\t\t\"%s\"", i ? "," : "", names[i]);
	fprintf(f, "\n\t\t\t],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}");
	/* clone and personality as Docker constrains them: no new namespaces
	 * (unless the run made some), the personalities seen */
	if (sw_sysset_has(&u->used, SYS_clone)) {
		if (u->clone_ns)
			fprintf(f, ",\n\t\t{\n\t\t\t\"names\": [\"clone\"],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}");
		else
			fprintf(f,
				",\n\t\t{\n\t\t\t\"names\": [\"clone\"],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\",\n"
				"\t\t\t\"args\": [\n\t\t\t\t{\n\t\t\t\t\t\"index\": 0,\n\t\t\t\t\t\"value\": %llu,\n"
				"\t\t\t\t\t\"valueTwo\": 0,\n\t\t\t\t\t\"op\": \"SCMP_CMP_MASKED_EQ\"\n\t\t\t\t}\n\t\t\t]\n\t\t}",
				(unsigned long long)CLONE_NS_FLAGS);
	}
	if (sw_sysset_has(&u->used, SYS_personality)) {
		if (u->persona_other) {
			fprintf(f, ",\n\t\t{\n\t\t\t\"names\": [\"personality\"],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}");
		}
		for (unsigned i = 0; !u->persona_other && i < u->npersonas; i++)
			fprintf(f,
				",\n\t\t{\n\t\t\t\"names\": [\"personality\"],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\",\n"
				"\t\t\t\"args\": [\n\t\t\t\t{\n\t\t\t\t\t\"index\": 0,\n\t\t\t\t\t\"value\": %llu,\n"
				"\t\t\t\t\t\"valueTwo\": 0,\n\t\t\t\t\t\"op\": \"SCMP_CMP_EQ\"\n\t\t\t\t}\n\t\t\t]\n\t\t}",
				(unsigned long long)u->personas[i]);
	}
	fprintf(f, "\n\t]\n}\n");
	if (fclose(f) != 0)
		return sw_err_set(err, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}
