// SPDX-License-Identifier: GPL-2.0-only
/* Resolution of descriptors and paths (src/resolve/): strace's -y/-yy text
 * for each kind of descriptor, the absolute path a path argument names, and
 * -P's matching. Expected strings come from strace 6.1. */
#include "test_decode.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/socket.h>

#include "resolve/resolve.h"

/* Adds the resolution of target: a struct sw_fdinfo and its path. */
static void cap_fd(struct sw_event *ev, unsigned target, const struct sw_fdinfo *fi, const char *path)
{
	uint8_t buf[sizeof(*fi) + 256];
	struct sw_fdinfo f = *fi;

	f.path_len = (uint16_t)strlen(path);
	memcpy(buf, &f, sizeof(f));
	memcpy(buf + sizeof(f), path, f.path_len);
	cap_add(ev, target, SW_CAP_FD, EXIT, buf, sizeof(f) + f.path_len);
}

static void check_y(struct sw_event *ev, unsigned detail, const char *want)
{
	struct sw_decode_opts o = { .strlimit = SW_DEFAULT_STRLIMIT, .fd_detail = (uint8_t)detail };

	check_opts(ev, &o, want);
}

static const struct sw_fdinfo file_fi = { .type = SW_FD_FILE };

static void files_and_dirfds(void **state)
{
	struct sw_event *ev;
	struct sw_fdinfo fi = file_fi;

	(void)state;
	ev = EV("openat", 5, 4, 0x1000, O_RDONLY, 0);
	cap_str(ev, 1, "hostname");
	cap_fd(ev, 0, &fi, "/etc");
	cap_fd(ev, SW_FDT_RET, &fi, "/etc/hostname");
	check_y(ev, SW_FDD_PATH, "openat(4</etc>, \"hostname\", O_RDONLY) = 5</etc/hostname>");

	ev = EV("openat", 3, (uint64_t)-100, 0x1000, O_RDONLY, 0);
	cap_str(ev, 1, "x");
	cap_fd(ev, 0, &fi, "/tmp");
	cap_fd(ev, SW_FDT_RET, &fi, "/tmp/x");
	check_y(ev, SW_FDD_ALL, "openat(AT_FDCWD</tmp>, \"x\", O_RDONLY) = 3</tmp/x>");

	/* without -y nothing changes */
	ev = EV("read", 3, 3, 0x1000, 10);
	cap_mem(ev, 1, EXIT, "abc", 3);
	cap_fd(ev, 0, &fi, "/etc/hostname");
	check(ev, "read(3, \"abc\", 10) = 3");

	/* an unlinked file, a name with a newline */
	fi.flags = SW_FDF_DELETED;
	ev = EV("close", 0, 3);
	cap_fd(ev, 0, &fi, "/tmp/a\nb");
	check_y(ev, SW_FDD_PATH, "close(3</tmp/a\\nb (deleted)>) = 0");

	/* a descriptor that was not open: no annotation */
	ev = EV("close", -9, 7);
	check_y(ev, SW_FDD_PATH, "close(7) = -1 EBADF (Bad file descriptor)");
}

static void pseudo_files(void **state)
{
	struct sw_event *ev;
	struct sw_fdinfo pipe = { .type = SW_FD_PIPE, .ino = 136994 };
	struct sw_fdinfo anon = { .type = SW_FD_ANON };
	struct sw_fdinfo null = { .type = SW_FD_CHR, .rdev_major = 1, .rdev_minor = 3 };
	int32_t fds[2] = { 5, 6 };

	(void)state;
	ev = EV("pipe2", 0, 0x1000, 0);
	cap_mem(ev, 0, EXIT, fds, sizeof(fds));
	cap_fd(ev, SW_FDT_PAIR0, &pipe, "");
	cap_fd(ev, SW_FDT_PAIR1, &pipe, "");
	check_y(ev, SW_FDD_PATH, "pipe2([5<pipe:[136994]>, 6<pipe:[136994]>], 0) = 0");

	ev = EV("eventfd2", 7, 0, 0);
	cap_fd(ev, SW_FDT_RET, &anon, "[eventfd]");
	check_y(ev, SW_FDD_PATH, "eventfd2(0, 0) = 7<anon_inode:[eventfd]>");

	ev = EV("write", 1, 8, 0x1000, 1);
	cap_mem(ev, 1, ENTER, "x", 1);
	cap_fd(ev, 0, &null, "/dev/null");
	check_y(ev, SW_FDD_PATH, "write(8</dev/null>, \"x\", 1) = 1");
	ev = EV("write", 1, 8, 0x1000, 1);
	cap_mem(ev, 1, ENTER, "x", 1);
	cap_fd(ev, 0, &null, "/dev/null");
	check_y(ev, SW_FDD_ALL, "write(8</dev/null<char 1:3>>, \"x\", 1) = 1");
}

static void sockets(void **state)
{
	struct sw_event *ev;
	struct sw_fdinfo tcp = { .type = SW_FD_SOCKET, .ino = 43316, .family = AF_INET, .proto_name = "TCP",
				 .flags = SW_FDF_DETAIL | SW_FDF_LOCAL | SW_FDF_PEER, .lport = 56085, .rport = 50264 };
	struct sw_fdinfo udp6 = { .type = SW_FD_SOCKET, .ino = 1, .family = AF_INET6, .proto_name = "UDPv6",
				  .flags = SW_FDF_DETAIL | SW_FDF_LOCAL | SW_FDF_PEER, .lport = 56728, .rport = 9 };
	struct sw_fdinfo unx = { .type = SW_FD_SOCKET, .ino = 43322, .family = AF_UNIX, .proto_name = "UNIX-STREAM",
				 .flags = SW_FDF_DETAIL | SW_FDF_ABSTRACT, .peer_ino = 43323 };
	struct sw_fdinfo nl = { .type = SW_FD_SOCKET, .ino = 43323, .family = AF_NETLINK, .proto_name = "NETLINK",
				.flags = SW_FDF_DETAIL, .portid = 24630 };
	struct sw_fdinfo fresh = { .type = SW_FD_SOCKET, .ino = 43317, .family = AF_INET, .proto_name = "TCP",
				   .flags = SW_FDF_DETAIL };

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", tcp.laddr);
	inet_pton(AF_INET, "127.0.0.1", tcp.raddr);
	inet_pton(AF_INET6, "::1", udp6.laddr);
	inet_pton(AF_INET6, "::1", udp6.raddr);

	ev = EV("close", 0, 12);
	cap_fd(ev, 0, &tcp, "");
	check_y(ev, SW_FDD_PATH, "close(12<socket:[43316]>) = 0");
	ev = EV("close", 0, 12);
	cap_fd(ev, 0, &tcp, "");
	check_y(ev, SW_FDD_ALL, "close(12<TCP:[127.0.0.1:56085->127.0.0.1:50264]>) = 0");
	tcp.flags &= (uint8_t)~SW_FDF_PEER;
	ev = EV("close", 0, 9);
	cap_fd(ev, 0, &tcp, "");
	check_y(ev, SW_FDD_ALL, "close(9<TCP:[127.0.0.1:56085]>) = 0");
	ev = EV("close", 0, 11);
	cap_fd(ev, 0, &fresh, "");
	check_y(ev, SW_FDD_ALL, "close(11<TCP:[43317]>) = 0");
	ev = EV("close", 0, 18);
	cap_fd(ev, 0, &udp6, "");
	check_y(ev, SW_FDD_ALL, "close(18<UDPv6:[[::1]:56728->[::1]:9]>) = 0");
	ev = EV("close", 0, 16);
	cap_fd(ev, 0, &unx, "fdpathtest");
	check_y(ev, SW_FDD_ALL, "close(16<UNIX-STREAM:[43322->43323,@\"fdpathtest\"]>) = 0");
	ev = EV("close", 0, 17);
	cap_fd(ev, 0, &nl, "");
	check_y(ev, SW_FDD_ALL, "close(17<NETLINK:[ROUTE:24630]>) = 0");
}

static void joins(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(sw_path_join("/etc", "hostname", 8, out, sizeof(out)), 13);
	assert_string_equal(out, "/etc/hostname");
	sw_path_join("/usr/lib", "../../etc//./hostname", 21, out, sizeof(out));
	assert_string_equal(out, "/etc/hostname");
	sw_path_join("/tmp", "/etc/../../etc/hostname/", 24, out, sizeof(out));
	assert_string_equal(out, "/etc/hostname");
	sw_path_join("/", "..", 2, out, sizeof(out));
	assert_string_equal(out, "/");
	sw_path_join("/a/b", "", 0, out, sizeof(out));
	assert_string_equal(out, "/a/b");
	assert_int_equal(sw_path_join("/a", "bcdefgh", 7, out, 6), -1);
}

static void resolved_paths_and_P(void **state)
{
	struct sw_event *ev;
	struct sw_fdinfo fi = file_fi;
	char out[256];
	char *paths[] = { "/etc/hostname" };
	char *dirs[] = { "/etc" };

	(void)state;
	/* cd /etc; cat ../etc/hostname: joined to the cwd */
	ev = EV("openat", 3, (uint64_t)-100, 0x1000, O_RDONLY, 0);
	cap_str(ev, 1, "../etc/hostname");
	cap_fd(ev, 0, &fi, "/etc");
	assert_int_equal(sw_event_resolved_path(ev, 1, out, sizeof(out)), 13);
	assert_string_equal(out, "/etc/hostname");
	assert_true(sw_event_touches_path(ev, paths, 1));
	assert_false(sw_event_touches_path(ev, dirs, 1)); /* AT_FDCWD is not a use of the cwd */
	sw_event_free(ev);

	/* a path argument of a call without dirfd: the cwd resolution */
	ev = EV("unlink", 0, 0x1000);
	cap_str(ev, 0, "hostname");
	cap_fd(ev, SW_FDT_CWD, &fi, "/etc");
	assert_true(sw_event_touches_path(ev, paths, 1));
	sw_event_free(ev);

	/* a read on a descriptor of the file */
	ev = EV("read", 1, 5, 0x1000, 1);
	cap_fd(ev, 0, &fi, "/etc/hostname");
	assert_int_equal(sw_event_resolved_path(ev, 0, out, sizeof(out)), 13);
	assert_true(sw_event_touches_path(ev, paths, 1));
	assert_false(sw_event_touches_path(ev, dirs, 1));
	sw_event_free(ev);

	/* nothing resolved: only the name as written can match */
	ev = EV("openat", 3, 4, 0x1000, O_RDONLY, 0);
	cap_str(ev, 1, "hostname");
	assert_int_equal(sw_event_resolved_path(ev, 1, out, sizeof(out)), -1);
	assert_false(sw_event_touches_path(ev, paths, 1));
	sw_event_free(ev);
}

static void plans(void **state)
{
	struct sw_capture_plan p;
	unsigned fd = 0, enter = 0;

	(void)state;
	p.n = 0;
	sw_capture_plan_fds(sw_syscall_by_name("close"), &p, SW_PLAN_FDS);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.rule[0].when, SW_AT_ENTER); /* gone after the call */
	sw_capture_plan_for(sw_syscall_by_name("openat"), &p);
	sw_capture_plan_fds(sw_syscall_by_name("openat"), &p, SW_PLAN_FDS);
	for (unsigned i = 0; i < p.n; i++)
		if (p.rule[i].kind == SW_CAP_FD) {
			fd++;
			enter += p.rule[i].when == SW_AT_ENTER;
		}
	assert_int_equal(fd, 2); /* the dirfd and the returned descriptor */
	assert_int_equal(enter, 0);
	sw_capture_plan_for(sw_syscall_by_name("unlink"), &p);
	assert_int_equal(sw_capture_plan_fds(sw_syscall_by_name("unlink"), &p, SW_PLAN_CWD), 2);
	assert_int_equal(p.rule[1].arg, SW_FDT_CWD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(files_and_dirfds),
		cmocka_unit_test(pseudo_files),
		cmocka_unit_test(sockets),
		cmocka_unit_test(joins),
		cmocka_unit_test(resolved_paths_and_P),
		cmocka_unit_test(plans),
	};
	return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}
