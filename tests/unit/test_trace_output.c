// SPDX-License-Identifier: GPL-2.0-only
/* The trace outputs (strace text, JSON Lines) and the --inject parser. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <cmocka.h>

#include "engine/ptrace/ptrace.h"
#include "output/output.h"

struct out_test {
	FILE *f;
	struct sw_output *out;
	char text[4096];
};

static void open_out(struct out_test *t, struct sw_output_opts *o)
{
	t->f = tmpfile();
	assert_non_null(t->f);
	o->out = t->f;
	t->out = sw_output_new(o);
}

/* Everything written so far (after a flush). */
static const char *written(struct out_test *t)
{
	size_t n;

	assert_int_equal(sw_output_flush(t->out), 0);
	rewind(t->f);
	n = fread(t->text, 1, sizeof(t->text) - 1, t->f);
	t->text[n] = '\0';
	return t->text;
}

static void close_out(struct out_test *t)
{
	sw_output_free(t->out);
	fclose(t->f);
}

static struct sw_event *syscall_event(int nr, int64_t ret, uint32_t tid)
{
	struct sw_event *ev = sw_event_new(64);

	ev->kind = SW_EV_SYSCALL;
	ev->nr = nr;
	ev->ret = ret;
	ev->pid = ev->tid = tid;
	ev->ts_ns = 1700000000123456789ull;
	ev->dur_ns = 12345;
	strcpy(ev->comm, "prog");
	return ev;
}

static void text_alignment_and_duration(void **state)
{
	struct sw_output_opts o = { .pid_prefix = SW_PID_NONE, .show_dur = true };
	struct out_test t;
	struct sw_event *ev = syscall_event(SYS_getppid, 42, 100);

	(void)state;
	open_out(&t, &o);
	assert_int_equal(sw_output_event(t.out, ev), 0);
	/* strace pads the line to 39 columns, so " = " starts at column 40 */
	assert_string_equal(written(&t), "getppid()                               = 42 <0.000012>\n");
	close_out(&t);
	sw_event_free(ev);
}

static void text_noret_and_injected(void **state)
{
	struct sw_output_opts o = { .pid_prefix = SW_PID_NONE, .show_dur = true };
	struct out_test t;
	struct sw_event *ev = syscall_event(SYS_exit_group, 0, 100);
	const char *s;

	(void)state;
	ev->args[0] = 3;
	ev->flags = SW_EVF_NORET | SW_EVF_NO_DUR;
	open_out(&t, &o);
	sw_output_event(t.out, ev);
	ev->nr = SYS_getppid;
	ev->flags = SW_EVF_INJECTED;
	ev->ret = -2;
	sw_output_event(t.out, ev);
	s = written(&t);
	assert_non_null(strstr(s, "exit_group(3)                           = ?\n"));
	assert_non_null(strstr(s, "getppid()                               = -1 ENOENT (No such file or directory) (INJECTED) <0.000012>\n"));
	close_out(&t);
	sw_event_free(ev);
}

static void text_exit_and_kill_lines(void **state)
{
	struct sw_output_opts o = { .pid_prefix = SW_PID_NONE };
	struct out_test t;
	struct sw_event *ev = syscall_event(-1, 3, 100);

	(void)state;
	open_out(&t, &o);
	ev->kind = SW_EV_EXIT;
	sw_output_event(t.out, ev);
	ev->kind = SW_EV_KILLED;
	ev->sig = 11;
	ev->flags = SW_EVF_CORE;
	sw_output_event(t.out, ev);
	assert_string_equal(written(&t), "+++ exited with 3 +++\n+++ killed by SIGSEGV (core dumped) +++\n");
	close_out(&t);
	sw_event_free(ev);
}

/* "[pid N] " while more than one thread is traced, as strace -f does */
static void text_pid_prefix_follows_live_threads(void **state)
{
	struct sw_output_opts o = { .pid_prefix = SW_PID_AUTO };
	struct out_test t;
	struct sw_event *a = syscall_event(SYS_getppid, 1, 100), *b = syscall_event(SYS_getppid, 1, 2345);

	(void)state;
	open_out(&t, &o);
	sw_output_event(t.out, a);
	sw_output_event(t.out, b);
	sw_output_event(t.out, a);
	b->kind = SW_EV_EXIT;
	b->ret = 0;
	sw_output_event(t.out, b);
	sw_output_event(t.out, a);
	assert_string_equal(written(&t),
			    "getppid()                               = 1\n"
			    "[pid  2345] getppid()                   = 1\n"
			    "[pid   100] getppid()                   = 1\n"
			    "[pid  2345] +++ exited with 0 +++\n"
			    "getppid()                               = 1\n");
	close_out(&t);
	sw_event_free(a);
	sw_event_free(b);
}

static void text_pid_column_and_timestamps(void **state)
{
	struct sw_output_opts o = { .pid_prefix = SW_PID_COLUMN, .ts_mode = SW_TS_UNIX };
	struct out_test t;
	struct sw_event *ev = syscall_event(SYS_getppid, 1, 100);

	(void)state;
	open_out(&t, &o);
	sw_output_event(t.out, ev);
	assert_string_equal(written(&t), "100   1700000000.123456 getppid()       = 1\n");
	close_out(&t);

	setenv("TZ", "UTC", 1);
	tzset();
	o.pid_prefix = SW_PID_NONE;
	o.ts_mode = SW_TS_TIME;
	open_out(&t, &o);
	sw_output_event(t.out, ev);
	assert_string_equal(written(&t), "22:13:20.123456 getppid()               = 1\n");
	close_out(&t);
	o.ts_prec = SW_PREC_S;
	open_out(&t, &o);
	sw_output_event(t.out, ev);
	assert_string_equal(written(&t), "22:13:20 getppid()                      = 1\n");
	close_out(&t);
	/* --absolute-timestamps=ms, =ns; --columns 20 */
	o.ts_prec = SW_PREC_MS;
	o.column = 20;
	open_out(&t, &o);
	sw_output_event(t.out, ev);
	assert_string_equal(written(&t), "22:13:20.123 getppid() = 1\n");
	close_out(&t);
	o.ts_mode = SW_TS_UNIX;
	o.ts_prec = SW_PREC_NS;
	o.column = 0;
	open_out(&t, &o);
	sw_output_event(t.out, ev);
	assert_string_equal(written(&t), "1700000000.123456789 getppid()          = 1\n");
	close_out(&t);
	sw_event_free(ev);
}

static void failed_only(void **state)
{
	struct sw_output_opts o = { .pid_prefix = SW_PID_NONE, .failed_only = true };
	struct out_test t;
	struct sw_event *ok = syscall_event(SYS_getppid, 1, 100), *bad = syscall_event(SYS_getppid, -13, 100);

	(void)state;
	open_out(&t, &o);
	sw_output_event(t.out, ok);
	sw_output_event(t.out, bad);
	assert_string_equal(written(&t), "getppid()                               = -1 EACCES (Permission denied)\n");
	close_out(&t);
	sw_event_free(ok);
	sw_event_free(bad);
}

static void json_fields_and_summary(void **state)
{
	struct sw_output_opts o = { .json = true };
	struct out_test t;
	struct sw_event *ev = syscall_event(SYS_getppid, -2, 100);
	const char *s;

	(void)state;
	ev->args[0] = UINT64_MAX;
	memcpy(ev->comm, "a\"b\n\xff", 6);
	open_out(&t, &o);
	sw_output_event(t.out, ev);
	assert_int_equal(sw_output_finish(t.out, 7), 0);
	s = written(&t);
	assert_non_null(strstr(s, "{\"type\":\"syscall\",\"ts_ns\":1700000000123456789,\"pid\":100,\"tid\":100,"
				  "\"uid\":0,\"comm\":\"a\\\"b\\n\\u00ff\",\"syscall\":\"getppid\",\"nr\":110,"
				  "\"args\":[18446744073709551615,0,0,0,0,0],\"ret\":-2,\"errno\":\"ENOENT\",\"dur_ns\":12345,"
				  "\"text\":\"getppid()\""));
	assert_non_null(strstr(s, "}\n{\"type\":\"summary\",\"events\":1,\"lost\":7}\n"));
	/* two objects, two lines: the newline in comm did not split one */
	{
		int lines = 0;

		for (const char *p = s; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 2);
	}
	close_out(&t);
	sw_event_free(ev);
}

static void inject_specs(void **state)
{
	struct sw_inject in[SW_MAX_INJECT];
	struct sw_err err;
	unsigned n = 0;

	(void)state;
	assert_int_equal(sw_inject_parse("openat:error=ENOENT", in, &n, SW_MAX_INJECT, &err), 0);
	assert_int_equal(n, 1);
	assert_true(sw_sysset_has(&in[0].set, SYS_openat));
	assert_int_equal(sw_sysset_count(&in[0].set), 1);
	assert_int_equal(in[0].flags, SW_INJ_ERROR);
	assert_int_equal(in[0].ret, -2);
	assert_int_equal(in[0].first, 1);
	assert_int_equal(in[0].step, 1);
	assert_int_equal(in[0].last, 0);
	assert_int_equal(sw_inject_parse("read,write:retval=5:when=3", in, &n, SW_MAX_INJECT, &err), 0);
	assert_int_equal(n, 2);
	assert_true(sw_sysset_has(&in[1].set, SYS_read));
	assert_true(sw_sysset_has(&in[1].set, SYS_write));
	assert_int_equal(in[1].flags, SW_INJ_RETVAL);
	assert_int_equal(in[1].ret, 5);
	assert_int_equal(in[1].first, 3);
	assert_int_equal(in[1].step, 0);
	assert_int_equal(sw_inject_parse("close:error=13:when=2+", in, &n, SW_MAX_INJECT, &err), 0);
	assert_int_equal(in[2].ret, -13);
	assert_int_equal(in[2].first, 2);
	assert_int_equal(in[2].step, 1);
	assert_int_equal(sw_inject_parse("close:when=4+3:error=EPERM", in, &n, SW_MAX_INJECT, &err), 0);
	assert_int_equal(in[3].first, 4);
	assert_int_equal(in[3].step, 3);
	/* the last rule whose set has a syscall is the one it takes */
	assert_int_equal(sw_inject_rule_of(in, 4, SYS_close), 3);
	assert_int_equal(sw_inject_rule_of(in, 4, SYS_read), 1);
	assert_int_equal(sw_inject_rule_of(in, 4, SYS_getpid), -1);
	assert_int_equal(sw_inject_parse("%file:signal=usr1:delay_enter=1.5ms:delay_exit=2:when=2..9+3", in, &n,
					 SW_MAX_INJECT, &err), 0);
	assert_int_equal(in[4].flags, SW_INJ_SIGNAL | SW_INJ_DELAY_ENTER | SW_INJ_DELAY_EXIT);
	assert_int_equal(in[4].sig, SIGUSR1);
	assert_int_equal(in[4].delay_enter_ns, 1500000);
	assert_int_equal(in[4].delay_exit_ns, 2000);
	assert_int_equal(in[4].first, 2);
	assert_int_equal(in[4].last, 9);
	assert_int_equal(in[4].step, 3);
	assert_true(sw_sysset_has(&in[4].set, SYS_openat));
	assert_int_equal(sw_inject_parse("open:syscall=getpid:retval=1:when=2..4", in, &n, SW_MAX_INJECT, &err), 0);
	assert_int_equal(in[5].flags, SW_INJ_SYSCALL | SW_INJ_RETVAL);
	assert_int_equal(in[5].scno, SYS_getpid);
	assert_int_equal(in[5].step, 1);
	assert_int_equal(sw_fault_parse("open", in, &n, SW_MAX_INJECT, &err), 0);
	assert_int_equal(in[6].flags, SW_INJ_ERROR);
	assert_int_equal(in[6].ret, -ENOSYS);
	assert_int_equal(n, 7);
}

static void inject_errors(void **state)
{
	static const char *bad[] = {
		"openat", "openat:", ":error=ENOENT", "nosuch:error=ENOENT", "openat:error=ENOSUCH",
		"openat:error=ENOENT:retval=1", "openat:when=0:error=ENOENT", "openat:when=x:error=ENOENT",
		"openat:when=2+0:error=ENOENT", "openat:retval=-1", "openat:error=ENOENT:bogus=1",
		"openat:error=EIO:when=3..2", "openat:error=EIO:when=1..65535", "openat:signal=0", "openat:signal=65",
		"openat:signal=1:signal=2", "openat:syscall=getpid", "openat:syscall=chdir:error=EIO",
		"openat:delay_enter=-1", "openat:delay_exit=1h", "openat:delay_enter=", "openat:poke_enter=@arg1=0", "openat:poke_exit=@arg8=00",
	};
	struct sw_inject in[2];
	struct sw_err err;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unsigned n = 0;

		err.msg[0] = '\0';
		assert_int_equal(sw_inject_parse(bad[i], in, &n, 2, &err), -1);
		assert_int_equal(n, 0);
		assert_non_null(strstr(err.msg, bad[i]));
	}
	{
		unsigned n = 0;

		assert_int_equal(sw_inject_parse("read:error=EIO", in, &n, 2, &err), 0);
		assert_int_equal(sw_fault_parse("write", in, &n, 2, &err), 0);
		assert_int_equal(sw_inject_parse("close:error=EIO", in, &n, 2, &err), -1);
		assert_non_null(strstr(err.msg, "at most 2"));
		assert_int_equal(n, 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_alignment_and_duration),
		cmocka_unit_test(text_noret_and_injected),
		cmocka_unit_test(text_exit_and_kill_lines),
		cmocka_unit_test(text_pid_prefix_follows_live_threads),
		cmocka_unit_test(text_pid_column_and_timestamps),
		cmocka_unit_test(failed_only),
		cmocka_unit_test(json_fields_and_summary),
		cmocka_unit_test(inject_specs),
		cmocka_unit_test(inject_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
