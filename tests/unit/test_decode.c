// SPDX-License-Identifier: GPL-2.0-only
/* The generic decoder: quoting, buffers, strings, return values, errors,
 * faults, unknown syscalls. Expected strings come from strace 6.1. */
#include "test_decode.h"

#include "decode/dec.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

static void quote(const char *s, size_t len, bool more, const char *want)
{
	struct sw_strbuf sb = SW_STRBUF_INIT;

	sw_strbuf_quoted(&sb, (const uint8_t *)s, len, more);
	assert_string_equal(sw_strbuf_str(&sb), want);
	sw_strbuf_release(&sb);
}

static void quoting(void **state)
{
	(void)state;
	quote("\177ELF\2\1\1\0\0\0\0", 11, false, "\"\\177ELF\\2\\1\\1\\0\\0\\0\\0\"");
	/* an octal digit after an escape makes it three digits long; 8 does not */
	quote("a\0" "1b\0" "8c\0" "7\t\n\v\f\r\"\\ \x1b[0m\xc3\xa9\xff", 25, false,
	      "\"a\\0001b\\08c\\0007\\t\\n\\v\\f\\r\\\"\\\\ \\33[0m\\303\\251\\377\\0\"");
	quote("", 0, false, "\"\"");
	quote("abc", 3, true, "\"abc\"...");
}

static void write_buffers(void **state)
{
	struct sw_event *ev;
	const char *digits = "0123456789012345678901234567890123456789";

	(void)state;
	ev = EV("write", 11, 3, 0x1000, 11);
	cap_mem(ev, 1, ENTER, "\177ELF\2\1\1\0\0\0\0", 11);
	check(ev, "write(3, \"\\177ELF\\2\\1\\1\\0\\0\\0\\0\", 11) = 11");

	/* cut at -s 32, with "..." only when there is more */
	ev = EV("write", 40, 3, 0x1000, 40);
	cap_mem(ev, 1, ENTER, digits, 32)->status = SW_CAPS_TRUNC;
	check(ev, "write(3, \"01234567890123456789012345678901\"..., 40) = 40");
	ev = EV("write", 32, 3, 0x1000, 32);
	cap_mem(ev, 1, ENTER, digits, 32);
	check(ev, "write(3, \"01234567890123456789012345678901\", 32) = 32");
	ev = EV("write", 0, 3, 0x1000, 0);
	check(ev, "write(3, \"\", 0) = 0");

	/* NULL, and an address the engine could not read */
	ev = EV("write", 5, 3, 0, 5);
	check(ev, "write(3, NULL, 5) = 5");
	ev = EV("write", 5, 3, 1, 5);
	cap_fault(ev, 1, SW_CAP_MEM, ENTER);
	check(ev, "write(3, 0x1, 5) = 5");
}

static void strlimit_option(void **state)
{
	struct sw_decode_opts o = { .strlimit = 5, .verbose = false };
	struct sw_event *ev;

	(void)state;
	ev = EV("write", 11, 3, 0x1000, 11);
	cap_mem(ev, 1, ENTER, "\177ELF\2\1", 6);
	check_opts(ev, &o, "write(3, \"\\177ELF\\2\"..., 11) = 11");
	/* paths are never cut */
	ev = EV("openat", -2, (uint64_t)-100, 0x1000, O_RDONLY);
	cap_str(ev, 1, "/tmp/nonexistent-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n\1");
	check_opts(ev, &o, "openat(AT_FDCWD, \"/tmp/nonexistent-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			   "aaaaaaaa\\n\\1\", O_RDONLY) = -1 ENOENT (No such file or directory)");
}

static void read_buffers(void **state)
{
	struct sw_event *ev;

	(void)state;
	ev = EV("read", 6, 3, 0x1000, 64);
	cap_mem(ev, 1, EXIT, "hello\n", 6);
	check(ev, "read(3, \"hello\\n\", 64) = 6");
	ev = EV("read", 0, 3, 0x1000, 64);
	check(ev, "read(3, \"\", 64) = 0");
	/* a failed read shows the buffer's address */
	ev = EV("read", -9, (uint64_t)-1, 0x7fffaa6acd20, 10);
	check(ev, "read(-1, 0x7fffaa6acd20, 10) = -1 EBADF (Bad file descriptor)");
	ev = EV("pread64", 3, 3, 0x1000, 3, 2);
	cap_mem(ev, 1, EXIT, "llo", 3);
	check(ev, "pread64(3, \"llo\", 3, 2) = 3");
	/* readlink's target is cut at -s like a buffer */
	ev = EV("readlink", 11, 0x1000, 0x2000, 64);
	cap_str(ev, 0, "/tmp/dec-l");
	cap_mem(ev, 1, EXIT, "/etc/passwd", 11);
	check(ev, "readlink(\"/tmp/dec-l\", \"/etc/passwd\", 64) = 11");
	/* getcwd's is not; its length counts the NUL */
	ev = EV("getcwd", 5, 0x1000, 64);
	cap_mem(ev, 0, EXIT, "/tmp", 5);
	check(ev, "getcwd(\"/tmp\", 64) = 5");
	ev = EV("getcwd", -34, 0x7fffaa6acd20, 2);
	check(ev, "getcwd(0x7fffaa6acd20, 2) = -1 ERANGE (Numerical result out of range)");
}

static void iovecs(void **state)
{
	struct sw_event *ev;
	uint8_t buf[256];
	size_t n = 0;
	struct sw_iov_rec r;

	(void)state;
	/* writev: each element's data cut at -s on its own */
	r = (struct sw_iov_rec){ 0x1000, 3, 3, SW_CAPS_OK };
	memcpy(buf + n, &r, sizeof(r)), n += sizeof(r);
	memcpy(buf + n, "abc", 3), n += 3;
	r = (struct sw_iov_rec){ 0x2000, 39, 32, SW_CAPS_TRUNC };
	memcpy(buf + n, &r, sizeof(r)), n += sizeof(r);
	memcpy(buf + n, "defghijklmnopqrstuvwxyz012345678", 32), n += 32;
	r = (struct sw_iov_rec){ 0x3000, 0, 0, SW_CAPS_OK };
	memcpy(buf + n, &r, sizeof(r)), n += sizeof(r);
	ev = EV("writev", 42, 3, 0x4000, 3);
	{
		struct sw_capture *c = cap_add(ev, 1, SW_CAP_IOV, ENTER, buf, n);

		c->count = 3;
		c->total = 3;
	}
	check(ev, "writev(3, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"defghijklmnopqrstuvwxyz012345678\"..., "
		  "iov_len=39}, {iov_base=\"\", iov_len=0}], 3) = 42");

	/* readv: the data shown stops at the bytes the call returned */
	n = 0;
	r = (struct sw_iov_rec){ 0x1000, 3, 3, SW_CAPS_OK };
	memcpy(buf + n, &r, sizeof(r)), n += sizeof(r);
	memcpy(buf + n, "hel", 3), n += 3;
	r = (struct sw_iov_rec){ 0x2000, 40, 3, SW_CAPS_TRUNC };
	memcpy(buf + n, &r, sizeof(r)), n += sizeof(r);
	memcpy(buf + n, "lo\n", 3), n += 3;
	ev = EV("readv", 6, 3, 0x4000, 2);
	{
		struct sw_capture *c = cap_add(ev, 1, SW_CAP_IOV, EXIT, buf, n);

		c->count = 2;
		c->total = 2;
	}
	check(ev, "readv(3, [{iov_base=\"hel\", iov_len=3}, {iov_base=\"lo\\n\", iov_len=40}], 2) = 6");

	ev = EV("writev", -14, 3, 8, 2);
	cap_fault(ev, 1, SW_CAP_IOV, ENTER);
	check(ev, "writev(3, 0x8, 2) = -1 EFAULT (Bad address)");
	ev = EV("writev", 0, 3, 0, 0);
	check(ev, "writev(3, NULL, 0) = 0");
}

static void errors(void **state)
{
	struct sw_event *ev;

	(void)state;
	ev = EV("close", -9, (uint64_t)-1);
	check(ev, "close(-1) = -1 EBADF (Bad file descriptor)");
	ev = EV("getppid", -41);
	check(ev, "getppid() = -1 (errno 41)");
	ev = EV("getppid", -133);
	check(ev, "getppid() = -1 EHWPOISON (Memory page has hardware error)");
	/* the kernel's restart codes: the call did not really return */
	ev = EV("read", -512, 5, 0x7ffc72c6b10f, 1);
	check(ev, "read(5, 0x7ffc72c6b10f, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
	ev = EV("getppid", -513);
	check(ev, "getppid() = ? ERESTARTNOINTR (To be restarted)");
	ev = EV("getppid", -514);
	check(ev, "getppid() = ? ERESTARTNOHAND (To be restarted if no handler)");
	ev = EV("getppid", -516);
	check(ev, "getppid() = ? ERESTART_RESTARTBLOCK (Interrupted by signal)");
	ev = EV("getppid", -515);
	check(ev, "getppid() = -1 ENOIOCTLCMD (Unknown error 515)");
	ev = EV("getppid", -4095);
	check(ev, "getppid() = -1 (errno 4095)");
	ev = EV("getppid", -1);
	ev->flags |= SW_EVF_INJECTED;
	check(ev, "getppid() = -1 EPERM (Operation not permitted) (INJECTED)");
	assert_string_equal(sw_errno_name(2), "ENOENT");
	assert_string_equal(sw_errno_name(11), "EAGAIN");
	assert_null(sw_errno_name(0));
	assert_null(sw_errno_name(5000));
}

static void return_values(void **state)
{
	struct sw_event *ev;

	(void)state;
	ev = EV("brk", 0x5635dcec3000, 0);
	check(ev, "brk(NULL) = 0x5635dcec3000");
	ev = EV("umask", 022, 0);
	check(ev, "umask(000) = 022");
	ev = EV("umask", 0, 0777);
	check(ev, "umask(0777) = 000");
	ev = EV("exit_group", 0, 0);
	ev->flags |= SW_EVF_NORET;
	check(ev, "exit_group(0) = ?");
	ev = EV("getuid", 0);
	check(ev, "getuid() = 0");
}

static void unknown_syscalls(void **state)
{
	struct sw_event *ev = sw_event_new(0);
	struct sw_strbuf sb = SW_STRBUF_INIT;

	(void)state;
	ev->kind = SW_EV_SYSCALL;
	ev->nr = 0x1c7;
	ev->args[0] = 1;
	ev->args[1] = 2;
	sw_decode_call(&sb, ev, NULL);
	assert_string_equal(sw_strbuf_str(&sb), "syscall_0x1c7(0x1, 0x2, 0, 0, 0, 0)");
	/* a 32-bit process's numbers are not x86-64's: raw, not misnamed */
	sw_strbuf_reset(&sb);
	ev->arch = SW_ARCH_I386;
	ev->nr = 20; /* getpid on i386, writev on x86-64 */
	sw_decode_call(&sb, ev, NULL);
	assert_string_equal(sw_strbuf_str(&sb), "syscall_0x14(0x1, 0x2, 0, 0, 0, 0)");
	sw_strbuf_release(&sb);
	sw_event_free(ev);
	assert_null(sw_syscall_name(100000));
	assert_string_equal(sw_syscall_name(0), "read");
}

/* A truncated or lying capture never makes the decoder read out of bounds. */
static void hostile_captures(void **state)
{
	struct sw_event *ev;
	struct sw_capture *c;

	(void)state;
	ev = EV("newfstatat", 0, (uint64_t)-100, 0x1000, 0x2000, 0);
	cap_str(ev, 1, "/x");
	cap_mem(ev, 2, EXIT, "short", 5); /* far smaller than a struct stat */
	check(ev, "newfstatat(AT_FDCWD, \"/x\", 0x2000, 0) = 0");
	ev = EV("write", 5, 1, 0x1000, 5);
	c = cap_mem(ev, 1, ENTER, "hello", 5);
	c->len = 100000; /* past the event's data */
	check(ev, "write(1, 0x1000, 5) = 5");
}

/* The per-syscall decoders are declared with DEC_SYSCALL(NAME, ...) in the
 * family files of src/decode/, each file's in name order, and reached
 * through the syscall table (the row's "| dec"): each must name a syscall
 * the table knows, and that row must point to a decoder, or it would never
 * run. Every .c file of src/decode/ is read, so a new family is checked too. */
static void decoder_tables_sorted(void **state)
{
	const char *srcdir = getenv("SRCDIR");
	char dir[512];
	unsigned seen = 0;
	struct dirent *de;
	DIR *dp;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/src/decode", srcdir ? srcdir : ".");
	dp = opendir(dir);
	if (!dp) {
		print_message("skipped: cannot read %s (run from the source tree or set SRCDIR)\n", dir);
		skip();
	}
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		char path[1024], line[512], prev[64] = "";
		FILE *in;

		if (len < 3 || strcmp(de->d_name + len - 2, ".c") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		in = fopen(path, "r");
		assert_non_null(in);
		while (fgets(line, sizeof(line), in)) {
			char name[64];
			const struct sw_syscall *sc;

			if (sscanf(line, "DEC_SYSCALL(%63[a-z0-9_],", name) != 1)
				continue;
			sc = sw_syscall_by_name(name);
			if (!sc)
				fail_msg("%s: decoder for unknown syscall %s", de->d_name, name);
			if (!sc->dec)
				fail_msg("%s: decoder for %s, whose row in syscalls.tbl does not say \"| dec\"",
					 de->d_name, name);
			if (prev[0] && strcmp(prev, name) >= 0)
				fail_msg("%s: decoder table out of order at %s", de->d_name, name);
			snprintf(prev, sizeof(prev), "%s", name);
			seen++;
		}
		fclose(in);
	}
	closedir(dp);
	assert_true(seen > 0);
}

/* xorshift: deterministic garbage */
static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Every syscall, with arbitrary arguments, return values and captures (any
 * kind, length, status, count), renders without reading out of bounds
 * (this test runs under AddressSanitizer in `make asan`). */
static void any_event_renders(void **state)
{
	static const int64_t rets[] = { 0, 1, 5, 64, 4096, -1, -4, -14, -512, -516, -4095, -5000, INT64_MIN };
	uint64_t x = 0x9e3779b97f4a7c15ull;
	struct sw_strbuf sb = SW_STRBUF_INIT;
	struct sw_decode_opts opts[2] = { { .strlimit = 32, .verbose = false }, { .strlimit = 4, .verbose = true } };

	(void)state;
	for (size_t row = 0; row < sw_syscall_nrows; row++) {
		for (int round = 0; round < 12; round++) {
			struct sw_event *ev = sw_event_new(2048);
			unsigned ncap = (unsigned)(next(&x) % 6);

			ev->kind = SW_EV_SYSCALL;
			ev->nr = sw_syscall_rows[row].nr;
			for (int i = 0; i < SW_NARGS; i++) {
				uint64_t r = next(&x);

				ev->args[i] = (r & 3) == 0 ? 0 : (r & 3) == 1 ? (r >> 2) % 300 : r;
			}
			ev->ret = (next(&x) & 1) ? rets[next(&x) % (sizeof(rets) / sizeof(rets[0]))] : (int64_t)next(&x);
			ev->flags = (uint32_t)(next(&x) % 16);
			for (unsigned c = 0; c < ncap; c++) {
				uint32_t len = (uint32_t)(next(&x) % 400);
				uint8_t *buf;
				struct sw_capture *cap = sw_event_add_capture(ev, (unsigned)(next(&x) % SW_NARGS),
									      1 + (unsigned)(next(&x) % 4), len, &buf);

				if (!cap)
					break;
				for (uint32_t b = 0; b < len; b++)
					buf[b] = (uint8_t)next(&x);
				cap->status = (uint8_t)(next(&x) % 3);
				cap->at_exit = (uint8_t)(next(&x) & 1);
				cap->count = (uint32_t)(next(&x) % 64);
				cap->total = next(&x) % 100;
			}
			sw_strbuf_reset(&sb);
			sw_decode_call(&sb, ev, &opts[round & 1]);
			sw_strbuf_puts(&sb, " = ");
			sw_decode_ret(&sb, ev, &opts[round & 1]);
			assert_non_null(strchr(sw_strbuf_str(&sb), '('));
			ev->kind = SW_EV_SIGNAL;
			ev->sig = (int)(next(&x) % 70);
			sw_strbuf_reset(&sb);
			sw_decode_signal(&sb, ev, &opts[0]);
			sw_event_free(ev);
		}
	}
	sw_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting),
		cmocka_unit_test(write_buffers),
		cmocka_unit_test(strlimit_option),
		cmocka_unit_test(read_buffers),
		cmocka_unit_test(iovecs),
		cmocka_unit_test(errors),
		cmocka_unit_test(return_values),
		cmocka_unit_test(unknown_syscalls),
		cmocka_unit_test(hostile_captures),
		cmocka_unit_test(any_event_renders),
		cmocka_unit_test(decoder_tables_sorted),
	};
	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
