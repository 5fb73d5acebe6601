// SPDX-License-Identifier: GPL-2.0-only
/* trace -c: which argument lists ask trace for counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <cmocka.h>

#include "cmd/cmd.h"

static bool wanted(char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	return cmd_stat_wanted(argc, argv);
}

#define ARGV(...) ((char *[]){ "trace", __VA_ARGS__, NULL })

static void asks_for_counts(void **state)
{
	(void)state;
	assert_true(wanted(ARGV("-c", "--", "ls")));
	assert_true(wanted(ARGV("-fc", "ls")));
	assert_true(wanted(ARGV("-cf", "ls")));
	assert_true(wanted(ARGV("-f", "-e", "trace=open", "-c", "ls")));
	assert_true(wanted(ARGV("--engine", "ebpf", "-c", "ls")));
	assert_true(wanted(ARGV("--engine=ptrace", "-c", "ls")));
	assert_true(wanted(ARGV("-p", "12", "-c")));
	assert_true(wanted(ARGV("--json", "-c", "ls")));
}

static void does_not(void **state)
{
	(void)state;
	assert_false(wanted(ARGV("ls", "-c")));           /* the command's -c */
	assert_false(wanted(ARGV("--", "sh", "-c", "x"))); /* after "--" */
	assert_false(wanted(ARGV("-e", "c", "ls")));      /* a value */
	assert_false(wanted(ARGV("-ec", "ls")));          /* -e's value attached */
	assert_false(wanted(ARGV("-o", "-c", "ls")));     /* an odd file name */
	assert_false(wanted(ARGV("-s", "c", "ls")));
	assert_false(wanted(ARGV("--comm", "-c", "ls"))); /* a long option's value */
	assert_false(wanted(ARGV("--comm=-c", "ls")));
	assert_false(wanted(ARGV("-f", "-T", "ls")));
	assert_false(wanted(ARGV("-", "-c")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(asks_for_counts),
		cmocka_unit_test(does_not),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
