// SPDX-License-Identifier: GPL-2.0-only
/* The generated signature table, checked against the running kernel (the
 * argument count of every syscall's tracepoint), against syscalls.tbl (class
 * names) and against its own rules (a %file syscall takes a path, a length
 * argument exists, ...). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/syscalls.h"

static void table_every_syscall_has_a_signature(void **state)
{
	size_t missing = 0;

	(void)state;
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		if (sw_syscall_rows[i].nargs < 0) {
			print_message("no signature: %s\n", sw_syscall_rows[i].name);
			missing++;
		}
	}
	assert_int_equal(missing, sw_syscall_nmissing);
	assert_int_equal(sw_syscall_nmissing, 0);
}

/* ---- the kernel's view: /sys/kernel/tracing/events/syscalls ---------------- */

/* Tracepoints named after the kernel function rather than the syscall. */
static const struct {
	const char *name, *event;
} event_names[] = {
	{ "stat", "newstat" },       { "lstat", "newlstat" },     { "fstat", "newfstat" },
	{ "uname", "newuname" },     { "sendfile", "sendfile64" }, { "umount2", "umount" },
};

static const char *event_name(const char *name)
{
	for (size_t i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++)
		if (strcmp(event_names[i].name, name) == 0)
			return event_names[i].event;
	return name;
}

/* Rows that show fewer arguments than the kernel records, on purpose. */
static const char *const fewer_args_than_kernel[] = {
	/* The offset comes in two halves (pos_l, pos_h); on 64-bit pos_l holds
	 * all of it, and strace shows it as one argument. */
	"preadv", "pwritev", NULL,
};

static bool in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

static const char *find_syscall_events_dir(void)
{
	static const char *const dirs[] = {
		"/sys/kernel/tracing/events/syscalls",
		"/sys/kernel/debug/tracing/events/syscalls",
	};
	char path[256];

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/sys_enter_read/format", dirs[i]);
		if (access(path, R_OK) == 0)
			return dirs[i];
	}
	return NULL;
}

/* Mounts tracefs on /sys/kernel/tracing in a mount namespace of this test's
 * own (mount -t tracefs nodev /sys/kernel/tracing, seen by nobody else), so
 * the check runs where tracefs is not mounted. 0, or -1 with why in why. */
static int mount_tracefs(char *why, size_t len)
{
	if (unshare(CLONE_NEWNS) < 0) {
		snprintf(why, len, "cannot make a mount namespace: %s", strerror(errno));
		return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		snprintf(why, len, "cannot make mounts private: %s", strerror(errno));
		return -1;
	}
	if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) < 0) {
		snprintf(why, len, "cannot mount tracefs on /sys/kernel/tracing: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The tracepoints' directory, mounting tracefs when it is not mounted;
 * NULL with the reason in why when neither works. */
static const char *syscall_events_dir(char *why, size_t len)
{
	const char *dir = find_syscall_events_dir();

	if (dir)
		return dir;
	if (mount_tracefs(why, len) < 0)
		return NULL;
	dir = find_syscall_events_dir();
	if (!dir)
		snprintf(why, len, "tracefs mounted, but it has no syscall tracepoints (CONFIG_FTRACE_SYSCALLS off?)");
	return dir;
}

/* The number of arguments the kernel's sys_enter_NAME tracepoint records
 * (the fields after __syscall_nr), or -1 when it has none. */
static int tracefs_nargs(const char *dir, const char *name)
{
	char path[512], line[512];
	int n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/sys_enter_%s/format", dir, event_name(name));
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, " __syscall_nr;"))
			n = 0;
		else if (n >= 0 && strstr(line, "field:"))
			n++;
	}
	fclose(f);
	return n;
}

static void table_nargs_match_kernel(void **state)
{
	char why[256] = "";
	const char *dir = syscall_events_dir(why, sizeof(why));
	int checked = 0, absent = 0, wrong = 0;

	(void)state;
	if (!dir) {
		print_message("skipped: syscall tracepoints not readable: %s\n", why);
		skip();
	}
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		const struct sw_syscall *sc = &sw_syscall_rows[i];
		int n;

		if (sc->nargs < 0)
			continue;
		n = tracefs_nargs(dir, sc->name);
		if (n < 0) {
			absent++; /* not built into this kernel, or never implemented */
			continue;
		}
		checked++;
		if (n != sc->nargs && !(n > sc->nargs && in_list(sc->name, fewer_args_than_kernel))) {
			print_message("%s: %d arguments in the table, %d in the kernel\n", sc->name, sc->nargs, n);
			wrong++;
		}
	}
	print_message("argument counts checked against the kernel: %d (%d without a tracepoint)\n",
		      checked, absent);
	assert_int_equal(wrong, 0);
	assert_true(checked > 300);
}

/* ---- rules the table keeps ------------------------------------------------- */

static bool has_arg_type(const struct sw_syscall *sc, int type)
{
	for (int i = 0; i < sc->nargs; i++)
		if (sc->args[i].type == type)
			return true;
	return false;
}

/* %file means "takes a file name". */
static void table_file_class_takes_a_path(void **state)
{
	/* fsconfig takes a path only as the value of FSCONFIG_SET_PATH, an
	 * argument that is a string, a blob or a path depending on the command. */
	static const char *const file_without_path[] = { "fsconfig", NULL };
	/* Message queue names live under /dev/mqueue but are not file names. */
	static const char *const path_without_file[] = { "mq_open", "mq_unlink", NULL };
	int wrong = 0;

	(void)state;
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		const struct sw_syscall *sc = &sw_syscall_rows[i];
		bool path = has_arg_type(sc, SW_T_PATH) || has_arg_type(sc, SW_T_PATH_OUT);
		bool file = sc->classes & SW_CLASS_FILE;

		if (file && !path && !in_list(sc->name, file_without_path)) {
			print_message("%s: class file without a path argument\n", sc->name);
			wrong++;
		}
		if (has_arg_type(sc, SW_T_PATH) && !file && !in_list(sc->name, path_without_file)) {
			print_message("%s: takes a path but is not in class file\n", sc->name);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

/* %desc means "takes or returns a file descriptor"; socket calls are %network
 * instead, as in strace. */
static void table_descriptors_are_desc_or_network(void **state)
{
	int wrong = 0;

	(void)state;
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		const struct sw_syscall *sc = &sw_syscall_rows[i];
		bool fd = sc->ret == SW_R_FD || has_arg_type(sc, SW_T_FD) || has_arg_type(sc, SW_T_DIRFD);

		if (fd && !(sc->classes & (SW_CLASS_DESC | SW_CLASS_NETWORK))) {
			print_message("%s: uses a descriptor but is neither desc nor network\n", sc->name);
			wrong++;
		}
		if ((sc->classes & SW_CLASS_PURE) && sc->nargs != 0) {
			print_message("%s: class pure with arguments\n", sc->name);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

static bool is_count_type(int type)
{
	switch (type) {
	case SW_T_INT:
	case SW_T_UINT:
	case SW_T_LONG:
	case SW_T_ULONG:
	case SW_T_SIZE:
	case SW_T_SOCKLEN_PTR:
		return true;
	}
	return false;
}

/* Types whose aux is the index of the argument holding their length or count. */
static bool takes_count_arg(int type)
{
	switch (type) {
	case SW_T_BUF_IN:
	case SW_T_IOV_IN:
	case SW_T_IOV_OUT:
	case SW_T_SOCKADDR:
	case SW_T_SOCKADDR_OUT:
	case SW_T_SIGSET_IN:
	case SW_T_SIGSET_OUT:
	case SW_T_POLLFD:
	case SW_T_CLONE_ARGS:
	case SW_T_OPEN_HOW:
	case SW_T_FDSET_IN:
	case SW_T_FDSET_INOUT:
	case SW_T_SOCKOPT_IN:
		return true;
	}
	return false;
}

static void table_arguments_well_formed(void **state)
{
	int wrong = 0;

	(void)state;
	for (size_t i = 0; i < sw_syscall_nrows; i++) {
		const struct sw_syscall *sc = &sw_syscall_rows[i];

		assert_true(sc->nargs <= 6);
		for (int a = 0; a < sc->nargs; a++) {
			const struct sw_arg *arg = &sc->args[a];

			if (arg->type == SW_T_NONE || arg->type >= SW_T_NTYPES) {
				print_message("%s: argument %d has no type\n", sc->name, a);
				wrong++;
			}
			if ((arg->type == SW_T_FLAGS || arg->type == SW_T_ENUM) != (arg->xlat != NULL)) {
				print_message("%s: argument %d: flags and enum need a table, nothing else has one\n",
					      sc->name, a);
				wrong++;
			}
			if (takes_count_arg(arg->type) &&
			    (arg->aux >= sc->nargs || arg->aux == a || !is_count_type(sc->args[arg->aux].type))) {
				print_message("%s: argument %d: its length (argument %d) is not a number argument\n",
					      sc->name, a, arg->aux);
				wrong++;
			}
		}
	}
	assert_int_equal(wrong, 0);
}

/* ---- widths: the decoders read what the kernel reads ----------------------- */

static void table_argument_widths(void **state)
{
	const struct sw_syscall *fa = sw_syscall_by_name("faccessat2");
	const struct sw_syscall *mm = sw_syscall_by_name("mmap");
	const struct sw_syscall *ch = sw_syscall_by_name("chmod");
	const uint64_t hi = 0xdefaced00000000ull;

	(void)state;
	assert_non_null(fa);
	assert_non_null(mm);
	assert_non_null(ch);
	/* int dirfd: sign-extended from 32 bits; mode flags: the low 32 bits */
	assert_int_equal(sw_arg_bits(&fa->args[0]), 32);
	assert_true(sw_arg_value(&fa->args[0], hi | 0xffffff9cull) == (uint64_t)-100);
	assert_true(sw_arg_value(&fa->args[2], hi | 4) == 4);
	/* unsigned long prot keeps every bit; int flags and fd do not; size_t and off_t do */
	assert_int_equal(sw_arg_bits(&mm->args[2]), 64);
	assert_true(sw_arg_value(&mm->args[2], hi | 1) == (hi | 1));
	assert_true(sw_arg_value(&mm->args[3], hi | 2) == 2);
	assert_true(sw_arg_value(&mm->args[4], hi | 0xffffffffull) == (uint64_t)-1);
	assert_true(sw_arg_value(&mm->args[1], hi | 1) == (hi | 1));
	/* umode_t: 16 bits */
	assert_true(sw_arg_value(&ch->args[1], hi | 0x10000 | 0644) == 0644);
}

/* ---- class names: syscalls.tbl's vocabulary is the parser's ----------------- */

static uint32_t classes_of(const char *list, int line)
{
	char buf[128], *save = NULL;
	uint32_t bits = 0;

	if (strcmp(list, "-") == 0)
		return 0;
	snprintf(buf, sizeof(buf), "%s", list);
	for (char *c = strtok_r(buf, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
		uint32_t bit = sw_class_by_name(c);

		if (!bit)
			fail_msg("syscalls.tbl:%d: class '%s' unknown to sw_class_by_name", line, c);
		bits |= bit;
	}
	return bits;
}

static void table_class_names_parse(void **state)
{
	const char *srcdir = getenv("SRCDIR");
	char path[512], line[512];
	int lineno = 0, rows = 0;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/src/core/syscalls.tbl", srcdir ? srcdir : ".");
	f = fopen(path, "r");
	if (!f) {
		print_message("skipped: cannot read %s (run from the source tree or set SRCDIR)\n", path);
		skip();
	}
	while (fgets(line, sizeof(line), f)) {
		char name[64], classes[128];
		const struct sw_syscall *sc;

		lineno++;
		if (line[0] == '#' || sscanf(line, "%63s %127s", name, classes) != 2)
			continue;
		sc = sw_syscall_by_name(name);
		assert_non_null(sc);
		if (classes_of(classes, lineno) != sc->classes)
			fail_msg("syscalls.tbl:%d: %s: classes '%s' differ from the generated table", lineno,
				 name, classes);
		rows++;
	}
	fclose(f);
	assert_int_equal(rows, sw_syscall_nrows - sw_syscall_nmissing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_every_syscall_has_a_signature),
		cmocka_unit_test(table_nargs_match_kernel),
		cmocka_unit_test(table_file_class_takes_a_path),
		cmocka_unit_test(table_descriptors_are_desc_or_network),
		cmocka_unit_test(table_arguments_well_formed),
		cmocka_unit_test(table_argument_widths),
		cmocka_unit_test(table_class_names_parse),
	};
	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
