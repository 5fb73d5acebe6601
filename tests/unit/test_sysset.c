// SPDX-License-Identifier: GPL-2.0-only
/* The signature table and the syscall-set parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <cmocka.h>

#include "core/event.h"
#include "core/syscalls.h"
#include "core/sysset.h"

static void table_numbers_match_headers(void **state)
{
	(void)state;
	assert_int_equal(sw_syscall_by_name("read")->nr, SYS_read);
	assert_int_equal(sw_syscall_by_name("openat")->nr, SYS_openat);
	assert_int_equal(sw_syscall_by_name("getppid")->nr, SYS_getppid);
	assert_string_equal(sw_syscall_by_nr(SYS_close)->name, "close");
	assert_null(sw_syscall_by_nr(100000));
	assert_null(sw_syscall_by_name("no_such_syscall"));
}

static void table_has_aarch64_numbers(void **state)
{
	(void)state;
	/* aarch64 has openat (56) but no open */
	assert_int_equal(sw_syscall_by_name("openat")->nr_aarch64, 56);
	assert_int_equal(sw_syscall_by_name("open")->nr_aarch64, -1);
}

static void table_rows_sorted(void **state)
{
	(void)state;
	for (size_t i = 1; i < sw_syscall_nrows; i++)
		assert_true(sw_syscall_rows[i - 1].nr < sw_syscall_rows[i].nr);
}

static void set_names(void **state)
{
	struct sw_sysset s;
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_sysset_parse(&s, "open,close", &err), 0);
	assert_true(sw_sysset_has(&s, SYS_open));
	assert_true(sw_sysset_has(&s, SYS_close));
	assert_false(sw_sysset_has(&s, SYS_read));
	assert_int_equal(sw_sysset_count(&s), 2);
}

static void set_negation(void **state)
{
	struct sw_sysset s;
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_sysset_parse(&s, "!read", &err), 0);
	assert_false(sw_sysset_has(&s, SYS_read));
	assert_true(sw_sysset_has(&s, SYS_write));
}

static void set_classes(void **state)
{
	struct sw_sysset s;
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_sysset_parse(&s, "%file", &err), 0);
	assert_true(sw_sysset_has(&s, SYS_openat));
	assert_true(sw_sysset_has(&s, SYS_execve));
	assert_false(sw_sysset_has(&s, SYS_read));
	assert_int_equal(sw_sysset_parse(&s, "!%memory", &err), 0);
	assert_false(sw_sysset_has(&s, SYS_mmap));
	assert_true(sw_sysset_has(&s, SYS_read));
}

static void set_regex(void **state)
{
	struct sw_sysset s;
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_sysset_parse(&s, "/^get.*pid$", &err), 0);
	assert_true(sw_sysset_has(&s, SYS_getpid));
	assert_true(sw_sysset_has(&s, SYS_getppid));
	assert_false(sw_sysset_has(&s, SYS_read));
}

static void set_errors(void **state)
{
	struct sw_sysset s;
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_sysset_parse(&s, "open,bogus", &err), -1);
	assert_non_null(strstr(err.msg, "unknown syscall 'bogus'"));
	assert_int_equal(sw_sysset_parse(&s, "%bogus", &err), -1);
	assert_non_null(strstr(err.msg, "unknown syscall class '%bogus'"));
	assert_int_equal(sw_sysset_parse(&s, "", &err), -1);
	assert_int_equal(sw_sysset_parse(&s, "?bogus,read", &err), 0);
	assert_true(sw_sysset_has(&s, SYS_read));
	assert_int_equal(sw_sysset_parse(&s, "/(", &err), -1);
}

/* Found by fuzzing (tests/fuzz/regress/sysset/): glibc's regcomp took 11 s
 * and 700 MB on "/adv++++++++++++++++++++ise"; "!," meant every syscall. */
static void set_regex_guard(void **state)
{
	static const char *const refused[] = {
		"/adv++++++++++++++++++++ise", "/(a*)*b", "/a**", "/a+?", "/((ab)+c)*", "/(a{2})*", "/a{1000}",
		"?/(a*)*b", "/x{2}{3}",
	};
	static const char *const accepted[] = { "/^(open|close)$", "/a*b*", "/(ab)+", "/[*+]?x", "/get.{3}id", "/\\**" };
	char longre[300];
	struct sw_sysset s;
	struct sw_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		err.msg[0] = '\0';
		assert_int_equal(sw_sysset_parse(&s, refused[i], &err), -1);
		assert_true(strstr(err.msg, "repeat of a repeat") || strstr(err.msg, "count above 255"));
	}
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
		sw_sysset_parse(&s, accepted[i], &err); /* may match nothing; must not be refused as costly */
	assert_int_equal(sw_sysset_parse(&s, "/^(open|close)$", &err), 0);
	assert_true(sw_sysset_has(&s, SYS_open) && sw_sysset_count(&s) == 2);
	memset(longre, 'a', sizeof(longre) - 1);
	longre[0] = '/';
	longre[sizeof(longre) - 1] = '\0';
	assert_int_equal(sw_sysset_parse(&s, longre, &err), -1);
	assert_non_null(strstr(err.msg, "at most 256"));
	/* no element at all is an error, negated or not */
	assert_int_equal(sw_sysset_parse(&s, "!,", &err), -1);
	assert_non_null(strstr(err.msg, "empty syscall set"));
	assert_int_equal(sw_sysset_parse(&s, ",,", &err), -1);
	assert_int_equal(sw_sysset_parse(&s, "!", &err), -1);
}

static void capture_plan_from_types(void **state)
{
	struct sw_capture_plan p;
	uint64_t args[6] = { 3, 0x1000, 100, 0, 0, 0 };

	(void)state;
	/* read: one buffer read at exit, sized by the return value */
	assert_int_equal(sw_capture_plan_for(sw_syscall_by_name("read"), &p), 1);
	assert_int_equal(p.rule[0].arg, 1);
	assert_int_equal(p.rule[0].when, SW_AT_EXIT);
	assert_int_equal(sw_capture_rule_size(&p.rule[0], args, 10, 32), 10);
	assert_int_equal(sw_capture_rule_size(&p.rule[0], args, 100, 32), 32);
	assert_int_equal(sw_capture_rule_size(&p.rule[0], args, -2, 32), 0);
	/* openat: the path at entry */
	assert_int_equal(sw_capture_plan_for(sw_syscall_by_name("openat"), &p), 1);
	assert_int_equal(p.rule[0].arg, 1);
	assert_int_equal(p.rule[0].when, SW_AT_ENTER);
	args[1] = 0;
	assert_int_equal(sw_capture_rule_size(&p.rule[0], args, 0, 32), 0);
}

/* Pointers inside structures: sendmsg's msghdr, then its name, iovec array,
 * each iovec's bytes (from the array's capture) and control messages */
static void capture_plan_derefs(void **state)
{
	struct sw_capture_plan p;
	uint64_t args[6] = { 3, 0x8912 /* SIOCGIFCONF */, 0x1000, 0, 0, 0 }, total;

	(void)state;
	assert_int_equal(sw_capture_plan_for(sw_syscall_by_name("sendmsg"), &p), 6);
	assert_int_equal(p.rule[0].kind, SW_CAP_MEM);
	assert_int_equal(p.rule[1].kind, SW_CAP_DEREF);
	assert_int_equal(p.rule[1].tag, SW_DR_MSG_NAME);
	assert_int_equal(p.rule[1].parent, 0);
	assert_int_equal(p.rule[3].tag, SW_DR_MSG_IOV_DATA);
	assert_int_equal(p.rule[3].parent, 2); /* the iovec array's capture */
	assert_int_equal(p.rule[3].stride, 16);
	assert_int_equal(p.rule[4].tag, SW_DR_MSG_CONTROL);
	assert_int_equal(p.rule[5].kind, SW_CAP_FD); /* the socket, for netlink data */
	/* an iovec array of 100 elements: -s of them stored, all counted */
	assert_int_equal(sw_deref_want(&p.rule[2], 100, 32, &total), 32 * 16);
	assert_int_equal(total, 1600);
	assert_int_equal(sw_capture_rule_size(&p.rule[2], args, 0, 32), 0); /* not sized by arguments */
	/* ioctl: SIOCGIFCONF's buffer only for that command */
	sw_capture_plan_for(sw_syscall_by_name("ioctl"), &p);
	assert_int_equal(p.rule[2].tag, SW_DR_IFCONF);
	assert_true(sw_capture_rule_applies(&p.rule[2], args));
	args[1] = 0x5401; /* TCGETS */
	assert_false(sw_capture_rule_applies(&p.rule[2], args));
	assert_true(sw_capture_rule_applies(&p.rule[0], args));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_numbers_match_headers),
		cmocka_unit_test(table_has_aarch64_numbers),
		cmocka_unit_test(table_rows_sorted),
		cmocka_unit_test(set_names),
		cmocka_unit_test(set_negation),
		cmocka_unit_test(set_classes),
		cmocka_unit_test(set_regex),
		cmocka_unit_test(set_errors),
		cmocka_unit_test(set_regex_guard),
		cmocka_unit_test(capture_plan_from_types),
		cmocka_unit_test(capture_plan_derefs),
	};
	return cmocka_run_group_tests_name("sysset", tests, NULL, NULL);
}
