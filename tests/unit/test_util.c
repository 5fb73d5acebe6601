// SPDX-License-Identifier: GPL-2.0-only
/* The shared helpers of src/util/: the tid table against a plain model
 * (insertions, removals that close probe gaps, growth), and the launcher
 * holding a child until it is let go, networks written ADDR[/BITS]. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/socket.h>

#include "util/cidr.h"
#include "util/launch.h"
#include "util/tidtab.h"

struct entry {
	uint32_t tid;
	uint32_t value;
};

#define MODEL_TIDS 4096

static void tidtab_matches_a_model(void **state)
{
	static uint32_t model[MODEL_TIDS]; /* value + 1 by tid, 0: absent */
	struct sw_tidtab t;
	unsigned seed = 7, present = 0;

	(void)state;
	memset(model, 0, sizeof(model));
	sw_tidtab_init(&t, sizeof(struct entry));
	assert_null(sw_tidtab_find(&t, 5));
	for (int step = 0; step < 200000; step++) {
		uint32_t tid, r;
		struct entry out;

		seed = seed * 1103515245u + 12345u;
		r = seed >> 8;
		/* keys that collide: multiples of the table sizes, and small ones */
		tid = 1 + (r % 3 ? r % 300 : (r % 40) * 1024);
		if (tid >= MODEL_TIDS)
			tid = tid % (MODEL_TIDS - 1) + 1;
		if (r & 0x10000) {
			struct entry *e = sw_tidtab_get(&t, tid);

			assert_int_equal(e->tid, tid);
			if (!model[tid]) {
				assert_int_equal(e->value, 0); /* new entries are zeroed */
				present++;
			}
			e->value = r;
			model[tid] = r + 1;
		} else {
			bool had = sw_tidtab_take(&t, tid, &out);

			assert_int_equal(had, model[tid] != 0);
			if (had) {
				assert_int_equal(out.tid, tid);
				assert_int_equal(out.value + 1, model[tid]);
				model[tid] = 0;
				present--;
			}
		}
		assert_int_equal(t.count, present);
		if (step % 997 == 0) {
			size_t seen = 0;

			for (uint32_t k = 1; k < MODEL_TIDS; k++) {
				struct entry *e = sw_tidtab_find(&t, k);

				assert_int_equal(e != NULL, model[k] != 0);
				if (e)
					assert_int_equal(e->value + 1, model[k]);
			}
			for (size_t i = 0; i < t.cap; i++)
				seen += sw_tidtab_at(&t, i) != NULL;
			assert_int_equal(seen, present);
		}
	}
	assert_false(sw_tidtab_take(&t, 0, &(struct entry){ 0, 0 }));
	sw_tidtab_release(&t);
	assert_null(sw_tidtab_find(&t, 1));
}

/* The child does not run on before sw_launch_go, and what it reports
 * before its execve reaches the parent. */
static void launch_holds_and_reports(void **state)
{
	struct sw_launch l;
	struct sw_err err = { "", 0 };
	int status, e = 0, mark[2];
	char c;

	(void)state;
	assert_int_equal(pipe(mark), 0);
	l.pid = sw_launch_fork(&l, &err);
	assert_true(l.pid >= 0);
	if (l.pid == 0) {
		int why = ENOEXEC;

		close(mark[0]);
		sw_launch_hold(&l);
		if (write(mark[1], "r", 1) != 1)
			_exit(1);
		sw_launch_fail(&l, &why, sizeof(why));
	}
	close(mark[1]);
	assert_int_equal(l.report_fd, -1);
	/* held: nothing on the mark pipe yet (the child would write at once) */
	{
		struct timeval tv = { 0, 200000 };
		fd_set r;

		FD_ZERO(&r);
		FD_SET(mark[0], &r);
		assert_int_equal(select(mark[0] + 1, &r, NULL, NULL, &tv), 0);
	}
	assert_int_equal(sw_launch_go(&l, &err), 0);
	assert_int_equal(read(mark[0], &c, 1), 1);
	assert_int_equal(waitpid(l.pid, &status, 0), l.pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 127);
	assert_true(sw_launch_failure(&l, &e, sizeof(e)));
	assert_int_equal(e, ENOEXEC);
	sw_launch_close(&l);
	close(mark[0]);
}

/* A child let go without a byte (the parent gave up) exits instead of running on. */
static void launch_abort_ends_the_child(void **state)
{
	struct sw_launch l;
	struct sw_err err = { "", 0 };
	int e;

	(void)state;
	l.pid = sw_launch_fork(&l, &err);
	assert_true(l.pid >= 0);
	if (l.pid == 0) {
		sw_launch_hold(&l);
		_exit(0);
	}
	sw_launch_abort(&l);
	assert_int_equal(l.go_fd, -1);
	assert_false(sw_launch_failure(&l, &e, sizeof(e)));
	assert_int_equal(waitpid(l.pid, NULL, WNOHANG), -1); /* reaped */
}

static bool in(const char *net, const char *addr)
{
	struct sw_cidr c;
	uint8_t a[16];
	int family = strchr(addr, ':') ? AF_INET6 : AF_INET;

	assert_int_equal(sw_cidr_parse(net, &c), 0);
	assert_int_equal(inet_pton(family, addr, a), 1);
	return sw_cidr_has(&c, family, a);
}

static void cidr_parses_and_matches(void **state)
{
	struct sw_cidr c;

	(void)state;
	assert_int_equal(sw_cidr_parse("10.1.2.3", &c), 0);
	assert_int_equal(c.family, AF_INET);
	assert_int_equal(c.prefix, 32);
	assert_int_equal(sw_cidr_parse("fd00::/8", &c), 0);
	assert_int_equal(c.family, AF_INET6);
	assert_int_equal(c.prefix, 8);
	assert_int_equal(sw_cidr_parse("10.0.0.0/33", &c), -1);
	assert_int_equal(sw_cidr_parse("10.0.0.0/", &c), -1);
	assert_int_equal(sw_cidr_parse("/8", &c), -1);
	assert_int_equal(sw_cidr_parse("example.com", &c), -1);
	assert_true(in("10.0.0.0/8", "10.200.1.1"));
	assert_false(in("10.0.0.0/8", "11.0.0.1"));
	assert_true(in("192.168.0.0/23", "192.168.1.255"));
	assert_false(in("192.168.0.0/23", "192.168.2.0"));
	assert_true(in("0.0.0.0/0", "8.8.8.8"));
	assert_true(in("fe80::/10", "febf::1"));
	assert_false(in("fe80::/10", "fec0::1"));
	assert_true(in("10.0.0.0/8", "::ffff:10.0.0.1")); /* IPv4-mapped */
	assert_false(in("10.0.0.0/8", "::ffff:11.0.0.1"));
	assert_false(in("10.0.0.0/8", "::10.0.0.1")); /* not mapped */
	assert_false(in("::ffff:0:0/96", "10.0.0.1")); /* another family */
	assert_true(in("::1", "::1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tidtab_matches_a_model),
		cmocka_unit_test(launch_holds_and_reports),
		cmocka_unit_test(launch_abort_ends_the_child),
		cmocka_unit_test(cidr_parses_and_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
