// SPDX-License-Identifier: GPL-2.0-only
/* Decoders of files and descriptors. Expected strings come from strace 6.1
 * tracing the same calls. */
#include "test_decode.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <stdlib.h>
#include <time.h>

#define AT_FDCWD_ARG ((uint64_t)(int64_t)-100)

static void open_flags_and_mode(void **state)
{
	struct sw_event *ev;

	(void)state;
	ev = EV("open", 3, 0x1000, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cap_str(ev, 0, "/tmp/dec-f1");
	check(ev, "open(\"/tmp/dec-f1\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3");
	/* the mode means nothing without O_CREAT or O_TMPFILE */
	ev = EV("open", 4, 0x1000, O_RDWR | O_APPEND, 0644);
	cap_str(ev, 0, "/tmp/dec-f1");
	check(ev, "open(\"/tmp/dec-f1\", O_RDWR|O_APPEND) = 4");
	ev = EV("open", 5, 0x1000, O_RDWR | O_TMPFILE, 0600);
	cap_str(ev, 0, "/tmp");
	check(ev, "open(\"/tmp\", O_RDWR|O_TMPFILE, 0600) = 5");
	ev = EV("open", 6, 0x1000, O_WRONLY | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_SYNC | O_ASYNC |
				      O_DIRECT | O_NOCTTY | O_EXCL | O_NONBLOCK | O_PATH, 0);
	cap_str(ev, 0, "/tmp");
	check(ev, "open(\"/tmp\", O_WRONLY|O_EXCL|O_NOCTTY|O_NONBLOCK|O_SYNC|O_DIRECT|O_NOFOLLOW|O_NOATIME|"
		  "O_PATH|O_DIRECTORY|FASYNC) = 6");
	ev = EV("open", -21, 0x1000, 3 | 0x80000000u, 0);
	cap_str(ev, 0, "/tmp");
	check(ev, "open(\"/tmp\", O_ACCMODE|0x80000000) = -1 EISDIR (Is a directory)");
	ev = EV("open", -21, 0x1000, O_CREAT, 0);
	cap_str(ev, 0, "/tmp");
	check(ev, "open(\"/tmp\", O_RDONLY|O_CREAT, 000) = -1 EISDIR (Is a directory)");
	ev = EV("open", -21, 0x1000, O_CREAT, 0107777);
	cap_str(ev, 0, "/tmp");
	check(ev, "open(\"/tmp\", O_RDONLY|O_CREAT, 0107777) = -1 EISDIR (Is a directory)");
	ev = EV("open", -2, 0x1000, 0x7fffffff & ~3, 0);
	cap_str(ev, 0, "/nonexistent");
	check(ev, "open(\"/nonexistent\", O_RDONLY|O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|O_SYNC|"
		  "O_DIRECT|O_LARGEFILE|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|O_PATH|O_TMPFILE|FASYNC|0x7f80003c, 000)"
		  " = -1 ENOENT (No such file or directory)");
}

static void openat_family(void **state)
{
	struct sw_event *ev;
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH };
	struct open_how how2 = { .flags = O_WRONLY | O_CREAT, .mode = 0644 };
	struct open_how how3 = { .flags = O_RDONLY, .mode = 0644, .resolve = 0x40 };

	(void)state;
	ev = EV("openat", 7, AT_FDCWD_ARG, 0x1000, O_RDONLY | O_CLOEXEC, 0777);
	cap_str(ev, 1, "/tmp/dec-f1");
	check(ev, "openat(AT_FDCWD, \"/tmp/dec-f1\", O_RDONLY|O_CLOEXEC) = 7");
	ev = EV("openat", -20, 5, 0x1000, O_CREAT | O_EXCL, 0400);
	cap_str(ev, 1, "x");
	check(ev, "openat(5, \"x\", O_RDONLY|O_CREAT|O_EXCL, 0400) = -1 ENOTDIR (Not a directory)");
	ev = EV("openat", -14, AT_FDCWD_ARG, 1, O_RDONLY);
	cap_fault(ev, 1, SW_CAP_STR, ENTER);
	check(ev, "openat(AT_FDCWD, 0x1, O_RDONLY) = -1 EFAULT (Bad address)");
	ev = EV("creat", 8, 0x1000, 0600);
	cap_str(ev, 0, "/tmp/dec-f2");
	check(ev, "creat(\"/tmp/dec-f2\", 0600) = 8");

	ev = EV("openat2", -18, AT_FDCWD_ARG, 0x1000, 0x2000, 24);
	cap_str(ev, 1, "/tmp/dec-f1");
	cap_mem(ev, 2, ENTER, &how, sizeof(how));
	check(ev, "openat2(AT_FDCWD, \"/tmp/dec-f1\", {flags=O_RDONLY|O_CLOEXEC, "
		  "resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24) = -1 EXDEV (Invalid cross-device link)");
	ev = EV("openat2", 9, AT_FDCWD_ARG, 0x1000, 0x2000, 24);
	cap_str(ev, 1, "/tmp/dec-f3");
	cap_mem(ev, 2, ENTER, &how2, sizeof(how2));
	check(ev, "openat2(AT_FDCWD, \"/tmp/dec-f3\", {flags=O_WRONLY|O_CREAT, mode=0644, resolve=0}, 24) = 9");
	ev = EV("openat2", -22, AT_FDCWD_ARG, 0x1000, 0x2000, 24);
	cap_str(ev, 1, "/tmp");
	cap_mem(ev, 2, ENTER, &how3, sizeof(how3));
	check(ev, "openat2(AT_FDCWD, \"/tmp\", {flags=O_RDONLY, mode=0644, resolve=0x40 /* RESOLVE_??? */}, 24)"
		  " = -1 EINVAL (Invalid argument)");
	ev = EV("openat2", -22, AT_FDCWD_ARG, 0x1000, 0x7fffda189da0, 8);
	cap_str(ev, 1, "/tmp");
	check(ev, "openat2(AT_FDCWD, \"/tmp\", 0x7fffda189da0, 8) = -1 EINVAL (Invalid argument)");
}

static void stat_family(void **state)
{
	struct sw_event *ev;
	struct stat st;
	struct statx sx;
	struct sw_decode_opts verbose = { .strlimit = 32, .verbose = true };

	(void)state;
	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFREG | 0644;
	st.st_size = 1221;
	ev = EV("newfstatat", 0, AT_FDCWD_ARG, 0x1000, 0x2000, 0);
	cap_str(ev, 1, "/etc/passwd");
	cap_mem(ev, 2, EXIT, &st, sizeof(st));
	check(ev, "newfstatat(AT_FDCWD, \"/etc/passwd\", {st_mode=S_IFREG|0644, st_size=1221, ...}, 0) = 0");

	st.st_mode = S_IFDIR | S_ISVTX | 0777;
	st.st_size = 4096;
	ev = EV("newfstatat", 0, AT_FDCWD_ARG, 0x1000, 0x2000, AT_SYMLINK_NOFOLLOW);
	cap_str(ev, 1, "/tmp");
	cap_mem(ev, 2, EXIT, &st, sizeof(st));
	check(ev, "newfstatat(AT_FDCWD, \"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}, "
		  "AT_SYMLINK_NOFOLLOW) = 0");

	st.st_mode = S_IFCHR | 0666;
	st.st_rdev = makedev(1, 3);
	ev = EV("newfstatat", 0, AT_FDCWD_ARG, 0x1000, 0x2000, 0);
	cap_str(ev, 1, "/dev/null");
	cap_mem(ev, 2, EXIT, &st, sizeof(st));
	check(ev, "newfstatat(AT_FDCWD, \"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, 0)"
		  " = 0");

	/* failed: the buffer's address; 0x200 reads AT_REMOVEDIR as strace 6.1 has it */
	ev = EV("newfstatat", -22, AT_FDCWD_ARG, 0x1000, 0x7fffaa6acc40, 0x100 | 0x200 | 0x800);
	cap_str(ev, 1, "/dev/null");
	check(ev, "newfstatat(AT_FDCWD, \"/dev/null\", 0x7fffaa6acc40, AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR|"
		  "AT_NO_AUTOMOUNT) = -1 EINVAL (Invalid argument)");

	memset(&st, 0, sizeof(st));
	st.st_dev = makedev(0xfe, 0);
	st.st_ino = 2;
	st.st_mode = S_IFDIR | 0755;
	st.st_nlink = 21;
	st.st_blksize = 4096;
	st.st_blocks = 8;
	st.st_size = 4096;
	st.st_atim.tv_sec = 1795747266;
	st.st_atim.tv_nsec = 48848512;
	st.st_mtim.tv_sec = 1777320873;
	st.st_ctim.tv_sec = 1777320873;
	ev = EV("newfstatat", 0, AT_FDCWD_ARG, 0x1000, 0x2000, 0);
	cap_str(ev, 1, "/");
	cap_mem(ev, 2, EXIT, &st, sizeof(st));
	check_opts(ev, &verbose, "newfstatat(AT_FDCWD, \"/\", {st_dev=makedev(0xfe, 0), st_ino=2, "
		   "st_mode=S_IFDIR|0755, st_nlink=21, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, "
		   "st_size=4096, st_atime=1795747266 /* 2026-11-27T02:41:06.048848512+0000 */, "
		   "st_atime_nsec=48848512, st_mtime=1777320873 /* 2026-04-27T20:14:33+0000 */, "
		   "st_mtime_nsec=0, st_ctime=1777320873 /* 2026-04-27T20:14:33+0000 */, st_ctime_nsec=0}, 0) = 0");

	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = 0xfff | 0x1000;
	sx.stx_mode = S_IFREG | 0644;
	sx.stx_size = 1221;
	ev = EV("statx", 0, AT_FDCWD_ARG, 0x1000, 0, 0xfff, 0x2000);
	cap_str(ev, 1, "/etc/passwd");
	cap_mem(ev, 4, EXIT, &sx, sizeof(sx));
	check(ev, "statx(AT_FDCWD, \"/etc/passwd\", AT_STATX_SYNC_AS_STAT, STATX_ALL, {stx_mask=STATX_ALL|"
		  "STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=1221, ...}) = 0");
	sx.stx_mask = 0x7ff | 0x1000;
	sx.stx_attributes = 0x2000;
	ev = EV("statx", 0, AT_FDCWD_ARG, 0x1000, 0x4000 | 0x100, 0x7ff, 0x2000);
	cap_str(ev, 1, "/");
	cap_mem(ev, 4, EXIT, &sx, sizeof(sx));
	check(ev, "statx(AT_FDCWD, \"/\", AT_STATX_DONT_SYNC|AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, "
		  "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_MOUNT_ROOT, "
		  "stx_mode=S_IFREG|0644, stx_size=1221, ...}) = 0");
	ev = EV("statx", -22, AT_FDCWD_ARG, 0x1000, 0x10000, 0x40000000, 0);
	cap_str(ev, 1, "/x");
	check(ev, "statx(AT_FDCWD, \"/x\", AT_STATX_SYNC_AS_STAT|0x10000, 0x40000000 /* STATX_??? */, NULL)"
		  " = -1 EINVAL (Invalid argument)");
}

static void statfs_full(void **state)
{
	struct sw_event *ev;
	struct statfs sf;

	(void)state;
	memset(&sf, 0, sizeof(sf));
	sf.f_type = 0xEF53;
	sf.f_bsize = 4096;
	sf.f_blocks = 66053021;
	sf.f_bfree = 61892876;
	sf.f_bavail = 20924152;
	sf.f_files = 16777216;
	sf.f_ffree = 16365316;
	sf.f_fsid.__val[0] = (int)0xd7eec6ca;
	sf.f_fsid.__val[1] = (int)0xc9c08616;
	sf.f_namelen = 255;
	sf.f_frsize = 4096;
	sf.f_flags = 0x20 | 0x1000;
	ev = EV("statfs", 0, 0x1000, 0x2000);
	cap_str(ev, 0, "/");
	cap_mem(ev, 1, EXIT, &sf, sizeof(sf));
	check(ev, "statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, f_bfree=61892876, "
		  "f_bavail=20924152, f_files=16777216, f_ffree=16365316, f_fsid={val=[0xd7eec6ca, 0xc9c08616]}, "
		  "f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0");
}

static void paths_and_flags(void **state)
{
	struct sw_event *ev;

	(void)state;
	ev = EV("access", 0, 0x1000, R_OK | W_OK);
	cap_str(ev, 0, "/etc/passwd");
	check(ev, "access(\"/etc/passwd\", R_OK|W_OK) = 0");
	ev = EV("access", -2, 0x1000, F_OK);
	cap_str(ev, 0, "/nonexist");
	check(ev, "access(\"/nonexist\", F_OK) = -1 ENOENT (No such file or directory)");
	ev = EV("access", -22, 0x1000, 8);
	cap_str(ev, 0, "/x");
	check(ev, "access(\"/x\", 0x8 /* ?_OK */) = -1 EINVAL (Invalid argument)");
	/* faccessat2: there 0x200 is AT_EACCESS */
	ev = EV("faccessat2", 0, AT_FDCWD_ARG, 0x1000, W_OK, 0x200 | 0x100 | 0x1000);
	cap_str(ev, 1, "/etc");
	check(ev, "faccessat2(AT_FDCWD, \"/etc\", W_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS|AT_EMPTY_PATH) = 0");
	ev = EV("unlinkat", -2, AT_FDCWD_ARG, 0x1000, 0x200);
	cap_str(ev, 1, "/tmp/dec-nodir");
	check(ev, "unlinkat(AT_FDCWD, \"/tmp/dec-nodir\", AT_REMOVEDIR) = -1 ENOENT (No such file or directory)");
	ev = EV("unlinkat", -22, AT_FDCWD_ARG, 0x1000, 0x10000);
	cap_str(ev, 1, "/x");
	check(ev, "unlinkat(AT_FDCWD, \"/x\", 0x10000 /* AT_??? */) = -1 EINVAL (Invalid argument)");
	ev = EV("renameat2", -22, AT_FDCWD_ARG, 0x1000, AT_FDCWD_ARG, 0x2000, 2 | 4 | 8);
	cap_str(ev, 1, "/tmp/a");
	cap_str(ev, 3, "/tmp/b");
	check(ev, "renameat2(AT_FDCWD, \"/tmp/a\", AT_FDCWD, \"/tmp/b\", RENAME_EXCHANGE|RENAME_WHITEOUT|0x8)"
		  " = -1 EINVAL (Invalid argument)");
	ev = EV("renameat2", -22, AT_FDCWD_ARG, 0x1000, AT_FDCWD_ARG, 0x2000, 8);
	cap_str(ev, 1, "/a");
	cap_str(ev, 3, "/b");
	check(ev, "renameat2(AT_FDCWD, \"/a\", AT_FDCWD, \"/b\", 0x8 /* RENAME_?? */) = -1 EINVAL (Invalid argument)");
	ev = EV("mkdirat", 0, AT_FDCWD_ARG, 0x1000, 0);
	cap_str(ev, 1, "/tmp/dec-d2");
	check(ev, "mkdirat(AT_FDCWD, \"/tmp/dec-d2\", 000) = 0");
	ev = EV("fchmod", 0, 3, 04755);
	check(ev, "fchmod(3, 04755) = 0");
	ev = EV("fchown", 0, 3, 0xffffffff, 0xffffffff);
	check(ev, "fchown(3, -1, -1) = 0");
	ev = EV("fchownat", 0, 3, 0x1000, 0, 0, 0x1000);
	cap_str(ev, 1, "");
	check(ev, "fchownat(3, \"\", 0, 0, AT_EMPTY_PATH) = 0");
	ev = EV("lseek", -22, 3, 0, 7);
	check(ev, "lseek(3, 0, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)");
	ev = EV("lseek", 4, 3, (uint64_t)-2, SEEK_END);
	check(ev, "lseek(3, -2, SEEK_END) = 4");
	ev = EV("fadvise64", 0, 4, 10, 100, 4);
	check(ev, "fadvise64(4, 10, 100, POSIX_FADV_DONTNEED) = 0");
	ev = EV("ftruncate", 0, 3, 100);
	check(ev, "ftruncate(3, 100) = 0");
}

static void descriptors(void **state)
{
	struct sw_event *ev;
	int32_t fds[2] = { 15, 16 };

	(void)state;
	ev = EV("pipe2", 0, 0x1000, O_CLOEXEC | O_NONBLOCK);
	cap_mem(ev, 0, EXIT, fds, sizeof(fds));
	check(ev, "pipe2([15, 16], O_NONBLOCK|O_CLOEXEC) = 0");
	ev = EV("pipe2", -22, 0, 4);
	check(ev, "pipe2(NULL, 0x4 /* O_??? */) = -1 EINVAL (Invalid argument)");
	ev = EV("pipe", -14, 0);
	check(ev, "pipe(NULL) = -1 EFAULT (Bad address)");
	ev = EV("dup3", 11, 3, 11, O_CLOEXEC);
	check(ev, "dup3(3, 11, O_CLOEXEC) = 11");
	ev = EV("dup3", 12, 3, 12, 0);
	check(ev, "dup3(3, 12, 0) = 12");
}

static void fcntl_commands(void **state)
{
	struct sw_event *ev;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 5, .l_len = 0 };
	struct f_owner_ex own = { F_OWNER_PID, 0 };

	(void)state;
	ev = EV("fcntl", 20, 3, F_DUPFD, 20);
	check(ev, "fcntl(3, F_DUPFD, 20) = 20");
	ev = EV("fcntl", 21, 3, F_DUPFD_CLOEXEC, 20);
	check(ev, "fcntl(3, F_DUPFD_CLOEXEC, 20) = 21");
	ev = EV("fcntl", 0, 3, F_GETFD);
	check(ev, "fcntl(3, F_GETFD) = 0");
	ev = EV("fcntl", 1, 3, F_GETFD);
	check(ev, "fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
	ev = EV("fcntl", 0, 3, F_SETFD, FD_CLOEXEC);
	check(ev, "fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
	ev = EV("fcntl", 0, 0, F_SETFD, 0x10);
	check(ev, "fcntl(0, F_SETFD, 0x10 /* FD_??? */) = 0");
	ev = EV("fcntl", 0x8002, 3, F_GETFL);
	check(ev, "fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)");
	ev = EV("fcntl", 0, 3, F_SETFL, O_NONBLOCK | O_APPEND);
	check(ev, "fcntl(3, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK) = 0");
	ev = EV("fcntl", 0, 3, F_SETLK, 0x1000);
	cap_mem(ev, 2, ENTER, &fl, sizeof(fl));
	check(ev, "fcntl(3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=5, l_len=0}) = 0");
	fl.l_type = F_UNLCK;
	ev = EV("fcntl", 0, 3, F_GETLK, 0x1000);
	cap_mem(ev, 2, EXIT, &fl, sizeof(fl));
	check(ev, "fcntl(3, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_CUR, l_start=5, l_len=0, l_pid=0}) = 0");
	ev = EV("fcntl", -14, 3, F_SETLK, 0);
	cap_fault(ev, 2, SW_CAP_MEM, ENTER);
	check(ev, "fcntl(3, F_SETLK, NULL) = -1 EFAULT (Bad address)");
	ev = EV("fcntl", -14, 3, F_GETLK, 8);
	cap_fault(ev, 2, SW_CAP_MEM, ENTER);
	check(ev, "fcntl(3, F_GETLK, 0x8) = -1 EFAULT (Bad address)");
	ev = EV("fcntl", 0, 3, F_SETOWN_EX, 0x1000);
	cap_mem(ev, 2, ENTER, &own, sizeof(own));
	check(ev, "fcntl(3, F_SETOWN_EX, {type=F_OWNER_PID, pid=0}) = 0");
	ev = EV("fcntl", 29, 3, F_GETSIG);
	check(ev, "fcntl(3, F_GETSIG) = 29 (SIGIO)");
	ev = EV("fcntl", 0, 3, F_SETSIG, 29);
	check(ev, "fcntl(3, F_SETSIG, SIGIO) = 0");
	ev = EV("fcntl", 2, 3, F_GETLEASE);
	check(ev, "fcntl(3, F_GETLEASE) = 0x2 (F_UNLCK)");
	ev = EV("fcntl", -20, 3, F_NOTIFY, DN_CREATE | DN_MULTISHOT);
	check(ev, "fcntl(3, F_NOTIFY, DN_CREATE|DN_MULTISHOT) = -1 ENOTDIR (Not a directory)");
	ev = EV("fcntl", 6, 5, F_GET_SEALS);
	check(ev, "fcntl(5, F_GET_SEALS) = 0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)");
	ev = EV("fcntl", 65536, 17, F_SETPIPE_SZ, 65536);
	check(ev, "fcntl(17, F_SETPIPE_SZ, 65536) = 65536");
	ev = EV("fcntl", -22, 3, 1000, 5);
	check(ev, "fcntl(3, 0x3e8 /* F_??? */, 0x5) = -1 EINVAL (Invalid argument)");
}

static void ioctls(void **state)
{
	struct sw_event *ev;
	uint32_t termios[9] = { 0x500, 0x5, 0xbf, 0x8a3b, 0 }; /* a terminal's defaults */
	uint16_t ws[4] = { 24, 80, 0, 0 };
	int32_t n = 17;

	(void)state;
	ev = EV("ioctl", 0, 0, 0x5401, 0x1000);
	cap_mem(ev, 2, EXIT, termios, sizeof(termios));
	check(ev, "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
		  "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}) = 0");
	ev = EV("ioctl", -25, 0, 0x5401, 0x7fffaa6acad0);
	check(ev, "ioctl(0, TCGETS, 0x7fffaa6acad0) = -1 ENOTTY (Inappropriate ioctl for device)");
	/* strace's own quirk: empty flag words and a dangling "|" */
	memset(termios, 0, sizeof(termios));
	ev = EV("ioctl", -25, 1, 0x5402, 0x1000);
	cap_mem(ev, 2, ENTER, termios, sizeof(termios));
	check(ev, "ioctl(1, SNDCTL_TMR_START or TCSETS, {c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, "
		  "c_cflag=B0|CS5|, c_lflag=, ...}) = -1 ENOTTY (Inappropriate ioctl for device)");
	ev = EV("ioctl", 0, 1, 0x5413, 0x1000);
	cap_mem(ev, 2, EXIT, ws, sizeof(ws));
	check(ev, "ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
	ev = EV("ioctl", 0, 3, 0x541b, 0x1000);
	cap_mem(ev, 2, EXIT, &n, sizeof(n));
	check(ev, "ioctl(3, FIONREAD, [17]) = 0");
	ev = EV("ioctl", 0, 3, 0x5451, 0);
	check(ev, "ioctl(3, FIOCLEX) = 0");
	ev = EV("ioctl", 0, 0, 0x540b, 2);
	check(ev, "ioctl(0, TCFLSH, TCIOFLUSH) = 0");
	ev = EV("ioctl", -95, 4, 0x40049409, 3);
	check(ev, "ioctl(4, BTRFS_IOC_CLONE or FICLONE, 3) = -1 EOPNOTSUPP (Operation not supported)");
	ev = EV("ioctl", -9, (uint64_t)-1, 0x541c, 9);
	check(ev, "ioctl(-1, TIOCLINUX, 0x9) = -1 EBADF (Bad file descriptor)");
	ev = EV("ioctl", -25, 3, 0x1234, 5);
	check(ev, "ioctl(3, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0x5) = -1 ENOTTY (Inappropriate ioctl for device)");
	ev = EV("ioctl", -25, 3, 0x80047803, 0);
	check(ev, "ioctl(3, _IOC(_IOC_READ, 0x78, 0x3, 0x4), 0) = -1 ENOTTY (Inappropriate ioctl for device)");
}

static void directories(void **state)
{
	struct sw_event *ev;
	uint8_t buf[72];

	(void)state;
	/* three linux_dirent64 records of 24 bytes */
	memset(buf, 0, sizeof(buf));
	for (int i = 0; i < 3; i++)
		buf[i * 24 + 16] = 24;
	ev = EV("getdents64", 72, 4, 0x7ffc29597910, 32768);
	cap_mem(ev, 1, EXIT, buf, sizeof(buf));
	check(ev, "getdents64(4, 0x7ffc29597910 /* 3 entries */, 32768) = 72");
	ev = EV("getdents64", 24, 4, 0x7ffc29597910, 32768);
	cap_mem(ev, 1, EXIT, buf, 24);
	check(ev, "getdents64(4, 0x7ffc29597910 /* 1 entry */, 32768) = 24");
	/* part of the buffer only (an engine's limit): no count rather than a wrong one */
	ev = EV("getdents64", 29744, 4, 0x7ffc29597910, 32768);
	cap_mem(ev, 1, EXIT, buf, sizeof(buf))->status = SW_CAPS_TRUNC;
	check(ev, "getdents64(4, 0x7ffc29597910, 32768) = 29744");
	ev = EV("getdents64", 0, 4, 0x7ffc29597910, 32768);
	check(ev, "getdents64(4, 0x7ffc29597910 /* 0 entries */, 32768) = 0");
	ev = EV("getdents64", -9, 99, 0x7ffc29597910, 32768);
	check(ev, "getdents64(99, 0x7ffc29597910, 32768) = -1 EBADF (Bad file descriptor)");
}

static void utimensat_times(void **state)
{
	struct sw_event *ev;
	struct timespec ts[2] = { { 1, 2 }, { 0, UTIME_NOW } };

	(void)state;
	ev = EV("utimensat", 0, AT_FDCWD_ARG, 0x1000, 0x2000, 0);
	cap_str(ev, 1, "/tmp/dec-m1");
	cap_mem(ev, 2, ENTER, ts, sizeof(ts));
	check(ev, "utimensat(AT_FDCWD, \"/tmp/dec-m1\", [{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000"
		  " */, UTIME_NOW], 0) = 0");
	ts[0].tv_nsec = UTIME_OMIT;
	ev = EV("utimensat", 0, AT_FDCWD_ARG, 0x1000, 0x2000, AT_SYMLINK_NOFOLLOW);
	cap_str(ev, 1, "/tmp/dec-m1");
	cap_mem(ev, 2, ENTER, ts, sizeof(ts));
	check(ev, "utimensat(AT_FDCWD, \"/tmp/dec-m1\", [UTIME_OMIT, UTIME_NOW], AT_SYMLINK_NOFOLLOW) = 0");
	ev = EV("utimensat", -22, AT_FDCWD_ARG, 0x1000, 0, 0xffffffff);
	cap_str(ev, 1, "/nonexistent");
	check(ev, "utimensat(AT_FDCWD, \"/nonexistent\", NULL, AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR|AT_SYMLINK_FOLLOW|"
		  "AT_NO_AUTOMOUNT|AT_EMPTY_PATH|AT_RECURSIVE|0xffff60ff) = -1 EINVAL (Invalid argument)");
}

static int utc(void **state)
{
	(void)state;
	if (setenv("TZ", "UTC", 1))
		return -1;
	tzset();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_flags_and_mode),
		cmocka_unit_test(openat_family),
		cmocka_unit_test(stat_family),
		cmocka_unit_test(statfs_full),
		cmocka_unit_test(paths_and_flags),
		cmocka_unit_test(descriptors),
		cmocka_unit_test(fcntl_commands),
		cmocka_unit_test(ioctls),
		cmocka_unit_test(directories),
		cmocka_unit_test(utimensat_times),
	};
	return cmocka_run_group_tests_name("decode_file", tests, utc, NULL);
}
