// SPDX-License-Identifier: GPL-2.0-only
/* Decoders of processes, signals, memory and time. Expected strings come
 * from strace 6.1 tracing the same calls. */
#include "test_decode.h"

#include <linux/sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

static void execve_arrays(void **state)
{
	struct sw_event *ev;
	struct sw_capture *c;
	char argv[] = "/bin/true\0a b\0\"q\"";
	struct sw_decode_opts s3 = { .strlimit = 3, .verbose = false };

	(void)state;
	ev = EV("execve", 0, 0x1000, 0x2000, 0x7ffc72c73368);
	cap_str(ev, 0, "/bin/true");
	c = cap_add(ev, 1, SW_CAP_STRARRAY, ENTER, argv, sizeof(argv));
	c->count = c->total = 3;
	c = cap_add(ev, 2, SW_CAP_STRARRAY, ENTER, "", 0);
	c->count = 0;
	c->total = 41;
	check(ev, "execve(\"/bin/true\", [\"/bin/true\", \"a b\", \"\\\"q\\\"\"], 0x7ffc72c73368 /* 41 vars */) = 0");

	ev = EV("execve", -2, 0x1000, 0, 0x7ffc72c6b0d0);
	cap_str(ev, 0, "/nonexist");
	c = cap_add(ev, 2, SW_CAP_STRARRAY, ENTER, "", 0);
	c->total = 1;
	check(ev, "execve(\"/nonexist\", NULL, 0x7ffc72c6b0d0 /* 1 var */) = -1 ENOENT (No such file or directory)");

	/* strings cut at -s, and at most -s of them */
	ev = EV("execve", -2, 0x1000, 0x2000, 0);
	cap_str(ev, 0, "/nonexist");
	c = cap_add(ev, 1, SW_CAP_STRARRAY, ENTER, "0123\0abc\0d\0e", 13);
	c->count = 4;
	c->total = 5;
	check_opts(ev, &s3, "execve(\"/nonexist\", [\"012\"..., \"abc\", \"d\", ...], NULL) = -1 ENOENT (No such file "
		   "or directory)");
}

static void clone_family(void **state)
{
	struct sw_event *ev;
	struct clone_args ca;

	(void)state;
	ev = EV("clone", 6841, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, 0, 0, 0x7f76d42dba10, 0);
	check(ev, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
		  "child_tidptr=0x7f76d42dba10) = 6841");
	ev = EV("clone", 20203, 0, 0, 0, 0, 0);
	check(ev, "clone(child_stack=NULL, flags=0) = 20203");
	ev = EV("clone", 20201, 0x400000, 0, 0, 0, 0);
	check(ev, "clone(child_stack=NULL, flags=0x400000 /* CLONE_??? */) = 20201");
	ev = EV("clone", -22, 0x3fffffff00ull | 17, 0, 0, 0, 0);
	check(ev, "clone(child_stack=NULL, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_PIDFD|"
		  "CLONE_PTRACE|CLONE_VFORK|CLONE_PARENT|CLONE_THREAD|CLONE_NEWNS|CLONE_SYSVSEM|CLONE_SETTLS|"
		  "CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|CLONE_UNTRACED|CLONE_CHILD_SETTID|CLONE_NEWCGROUP|"
		  "CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|CLONE_IO|0x3f00400000|SIGCHLD, "
		  "parent_tid=NULL, tls=NULL, child_tidptr=NULL) = -1 EINVAL (Invalid argument)");

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
		   CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	ca.child_tid = ca.parent_tid = 0x7f3fe9157990;
	ca.stack = 0x7f3fe8957000;
	ca.stack_size = 0x7fff80;
	ca.tls = 0x7f3fe91576c0;
	ev = EV("clone3", 9987, 0x1000, 88);
	cap_mem(ev, 0, ENTER, &ca, 88);
	check(ev, "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
		  "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f3fe9157990, "
		  "parent_tid=0x7f3fe9157990, exit_signal=0, stack=0x7f3fe8957000, stack_size=0x7fff80, "
		  "tls=0x7f3fe91576c0} => {parent_tid=[9987]}, 88) = 9987");
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	ev = EV("clone3", 6850, 0x1000, 88);
	cap_mem(ev, 0, ENTER, &ca, 88);
	check(ev, "clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = 6850");
}

static void wait_statuses(void **state)
{
	struct sw_event *ev;
	int32_t st;
	struct rusage ru;

	(void)state;
	st = 0;
	ev = EV("wait4", 6841, 6841, 0x1000, 0, 0);
	cap_mem(ev, 1, EXIT, &st, sizeof(st));
	check(ev, "wait4(6841, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 6841");
	st = SIGTERM;
	ev = EV("wait4", 6843, 6843, 0x1000, 2 | 0x40000000, 0);
	cap_mem(ev, 1, EXIT, &st, sizeof(st));
	check(ev, "wait4(6843, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}], WSTOPPED|__WALL, NULL) = 6843");
	st = SIGABRT | 0x80;
	ev = EV("wait4", 6844, 6844, 0x1000, 0, 0);
	cap_mem(ev, 1, EXIT, &st, sizeof(st));
	check(ev, "wait4(6844, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGABRT && WCOREDUMP(s)}], 0, NULL) = 6844");
	st = (SIGSTOP << 8) | 0x7f;
	ev = EV("wait4", 6845, 6845, 0x1000, 2, 0);
	cap_mem(ev, 1, EXIT, &st, sizeof(st));
	check(ev, "wait4(6845, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = 6845");
	st = 0xffff;
	ev = EV("wait4", 6845, 6845, 0x1000, 8, 0);
	cap_mem(ev, 1, EXIT, &st, sizeof(st));
	check(ev, "wait4(6845, [{WIFCONTINUED(s)}], WCONTINUED, NULL) = 6845");
	ev = EV("wait4", -10, (uint64_t)-1, 0x7ffca2e877e8, 1, 0);
	check(ev, "wait4(-1, 0x7ffca2e877e8, WNOHANG, NULL) = -1 ECHILD (No child processes)");
	ev = EV("wait4", -22, (uint64_t)-1, 0, 0x100, 0);
	check(ev, "wait4(-1, NULL, 0x100 /* W??? */, NULL) = -1 EINVAL (Invalid argument)");
	memset(&ru, 0, sizeof(ru));
	ru.ru_utime.tv_usec = 749;
	st = 1 << 8;
	ev = EV("wait4", 6846, 6846, 0x1000, 0, 0x2000);
	cap_mem(ev, 1, EXIT, &st, sizeof(st));
	cap_mem(ev, 3, EXIT, &ru, sizeof(ru));
	check(ev, "wait4(6846, [{WIFEXITED(s) && WEXITSTATUS(s) == 1}], 0, {ru_utime={tv_sec=0, tv_usec=749}, "
		  "ru_stime={tv_sec=0, tv_usec=0}, ...}) = 6846");
}

static void limits_and_info(void **state)
{
	struct sw_event *ev;
	uint64_t rl[2] = { 8192 * 1024, UINT64_MAX };
	struct utsname u;
	struct sysinfo si;
	struct tms t = { 4, 31, 0, 0 };

	(void)state;
	ev = EV("prlimit64", 0, 0, RLIMIT_STACK, 0, 0x1000);
	cap_mem(ev, 3, EXIT, rl, sizeof(rl));
	check(ev, "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0");
	rl[0] = 1024;
	rl[1] = 2048;
	ev = EV("prlimit64", 0, 0, RLIMIT_NOFILE, 0x1000, 0);
	cap_mem(ev, 2, ENTER, rl, sizeof(rl));
	check(ev, "prlimit64(0, RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=2*1024}, NULL) = 0");
	ev = EV("prlimit64", -22, 0, 99, 0, 0x7ffd0244fb10);
	check(ev, "prlimit64(0, 0x63 /* RLIMIT_??? */, NULL, 0x7ffd0244fb10) = -1 EINVAL (Invalid argument)");

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, "vm");
	ev = EV("uname", 0, 0x1000);
	cap_mem(ev, 0, EXIT, &u, sizeof(u));
	check(ev, "uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0");

	memset(&si, 0, sizeof(si));
	si.uptime = 8463;
	si.loads[1] = 608;
	si.totalram = 25276026880ul;
	si.procs = 92;
	si.mem_unit = 1;
	ev = EV("sysinfo", 0, 0x1000);
	cap_mem(ev, 0, EXIT, &si, sizeof(si));
	check(ev, "sysinfo({uptime=8463, loads=[0, 608, 0], totalram=25276026880, freeram=0, sharedram=0, "
		  "bufferram=0, totalswap=0, freeswap=0, procs=92, totalhigh=0, freehigh=0, mem_unit=1}) = 0");
	ev = EV("times", 1718975987, 0x1000);
	cap_mem(ev, 0, EXIT, &t, sizeof(t));
	check(ev, "times({tms_utime=4 /* 0.04 s */, tms_stime=31 /* 0.31 s */, tms_cutime=0, tms_cstime=0})"
		  " = 1718975987");
}

static void process_misc(void **state)
{
	struct sw_event *ev;
	uint64_t fs = 0x7fb4458ad740;
	uint8_t cpus[32] = { 3 };
	struct timespec ts = { 0, 1 };
	uint8_t rnd[4] = { 0x61, 0xde, 0xbe, 0xe2 };

	(void)state;
	ev = EV("arch_prctl", 0, 0x1002, 0x7f76d42db740);
	check(ev, "arch_prctl(ARCH_SET_FS, 0x7f76d42db740) = 0");
	ev = EV("arch_prctl", 0, 0x1003, 0x1000);
	cap_mem(ev, 1, EXIT, &fs, sizeof(fs));
	check(ev, "arch_prctl(ARCH_GET_FS, [0x7fb4458ad740]) = 0");
	ev = EV("arch_prctl", -22, 0x3001, 0);
	check(ev, "arch_prctl(0x3001 /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)");
	ev = EV("set_tid_address", 6840, 0x7f76d42dba10);
	check(ev, "set_tid_address(0x7f76d42dba10) = 6840");
	ev = EV("set_robust_list", 0, 0x7f76d42dba20, 24);
	check(ev, "set_robust_list(0x7f76d42dba20, 24) = 0");
	ev = EV("rseq", 0, 0x7f76d42dc060, 0x20, 0, 0x53053053);
	check(ev, "rseq(0x7f76d42dc060, 0x20, 0, 0x53053053) = 0");
	ev = EV("sched_getaffinity", 32, 0, 128, 0x1000);
	cap_mem(ev, 2, EXIT, cpus, sizeof(cpus));
	check(ev, "sched_getaffinity(0, 128, [0 1]) = 32");
	ev = EV("futex", 0, 0x7ffd0244f844, 129, 1, 0, 0, 0);
	check(ev, "futex(0x7ffd0244f844, FUTEX_WAKE_PRIVATE, 1) = 0");
	ev = EV("futex", -11, 0x7ffd0244f844, 0, 1, 0, 0, 0);
	check(ev, "futex(0x7ffd0244f844, FUTEX_WAIT, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable)");
	ev = EV("futex", -110, 0x7ffd0244f844, 9 | 128 | 256, 0, 0x1000, 0, 0xffffffff);
	cap_mem(ev, 3, ENTER, &ts, sizeof(ts));
	check(ev, "futex(0x7ffd0244f844, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1}, "
		  "FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)");
	ev = EV("futex", -38, 0, 0xff, 0, 0, 0, 0);
	check(ev, "futex(NULL, 0xff /* FUTEX_??? */, 0, NULL, NULL, 0) = -1 ENOSYS (Function not implemented)");
	ev = EV("getrandom", 4, 0x1000, 4, 1);
	cap_mem(ev, 0, EXIT, rnd, sizeof(rnd));
	check(ev, "getrandom(\"\\x61\\xde\\xbe\\xe2\", 4, GRND_NONBLOCK) = 4");
	ev = EV("getrandom", 0, 0x1000, 0, 0);
	check(ev, "getrandom(\"\", 0, 0) = 0");
	ev = EV("getrandom", -22, 0, 0, 8);
	check(ev, "getrandom(NULL, 0, 0x8 /* GRND_??? */) = -1 EINVAL (Invalid argument)");
}

static void prctls(void **state)
{
	struct sw_event *ev;
	int32_t sig = SIGTERM;

	(void)state;
	ev = EV("prctl", 0, 15, 0x1000, 0, 0, 0);
	cap_str(ev, 1, "dec-name");
	check(ev, "prctl(PR_SET_NAME, \"dec-name\") = 0");
	ev = EV("prctl", 0, 16, 0x1000, 0, 0, 0);
	cap_mem(ev, 1, EXIT, "dec-name\0\0\0\0\0\0\0\0", 16);
	check(ev, "prctl(PR_GET_NAME, \"dec-name\") = 0");
	ev = EV("prctl", 0, 2, 0x1000, 0, 0, 0);
	cap_mem(ev, 1, EXIT, &sig, sizeof(sig));
	check(ev, "prctl(PR_GET_PDEATHSIG, [SIGTERM]) = 0");
	ev = EV("prctl", 1, 3, 0, 0, 0, 0);
	check(ev, "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
	ev = EV("prctl", 0, 4, 1, 0, 0, 0);
	check(ev, "prctl(PR_SET_DUMPABLE, SUID_DUMP_USER) = 0");
	ev = EV("prctl", 1, 23, 21, 0, 0, 0);
	check(ev, "prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) = 1");
	ev = EV("prctl", -22, 23, 60, 0, 0, 0);
	check(ev, "prctl(PR_CAPBSET_READ, 0x3c /* CAP_??? */) = -1 EINVAL (Invalid argument)");
	ev = EV("prctl", 0, 38, 1, 0, 0, 0);
	check(ev, "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
	ev = EV("prctl", 0, 47, 1, 13, 0, 0);
	check(ev, "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0) = 0");
	ev = EV("prctl", -22, 0x1234, 1, 2, 3, 4);
	check(ev, "prctl(0x1234 /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)");
	ev = EV("prctl", 2, 34, 0, 0, 0, 0);
	check(ev, "prctl(PR_MCE_KILL_GET, 0, 0, 0, 0) = 2 (PR_MCE_KILL_DEFAULT)");
	ev = EV("prctl", -22, 0x53564d41, 0, 0, 0, 0);
	check(ev, "prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, NULL, 0, NULL) = -1 EINVAL (Invalid argument)");
	ev = EV("restart_syscall", -4);
	check(ev, "restart_syscall(<... resuming interrupted call ...>) = -1 EINTR (Interrupted system call)");
}

static void signals(void **state)
{
	struct sw_event *ev;
	uint64_t sa[4] = { 0x560d5009f459, 0x04000000 | SA_RESTART | SA_SIGINFO, 0x7fb4458ec050,
			   (1ull << (SIGINT - 1)) | (1ull << (SIGTERM - 1)) };
	uint64_t old[4] = { 0, 0, 0, 0 };
	uint64_t set;

	(void)state;
	ev = EV("rt_sigaction", 0, SIGUSR1, 0x1000, 0, 8);
	cap_mem(ev, 1, ENTER, sa, sizeof(sa));
	check(ev, "rt_sigaction(SIGUSR1, {sa_handler=0x560d5009f459, sa_mask=[INT TERM], "
		  "sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7fb4458ec050}, NULL, 8) = 0");
	sa[0] = 1;
	sa[1] = 0x04000000;
	sa[3] = ~((1ull << 31) | (1ull << 32));
	ev = EV("rt_sigaction", 0, SIGUSR2, 0x1000, 0x2000, 8);
	cap_mem(ev, 1, ENTER, sa, sizeof(sa));
	cap_mem(ev, 2, EXIT, old, sizeof(old));
	check(ev, "rt_sigaction(SIGUSR2, {sa_handler=SIG_IGN, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER, "
		  "sa_restorer=0x7fb4458ec050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0");
	ev = EV("rt_sigaction", -22, SIGKILL, 0x1000, 0, 8);
	cap_mem(ev, 1, ENTER, old, sizeof(old));
	check(ev, "rt_sigaction(SIGKILL, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, NULL, 8) = -1 EINVAL "
		  "(Invalid argument)");

	set = (1ull << 31) | (1ull << 32) | (1ull << 63);
	ev = EV("rt_sigprocmask", 0, SIG_SETMASK, 0x1000, 0, 8);
	cap_mem(ev, 1, ENTER, &set, sizeof(set));
	check(ev, "rt_sigprocmask(SIG_SETMASK, [RTMIN RT_1 RT_32], NULL, 8) = 0");
	set = ~0ull;
	ev = EV("rt_sigprocmask", 0, SIG_SETMASK, 0x1000, 0x2000, 8);
	cap_mem(ev, 1, ENTER, &set, sizeof(set));
	cap_mem(ev, 2, EXIT, old, 8);
	check(ev, "rt_sigprocmask(SIG_SETMASK, ~[], [], 8) = 0");
	ev = EV("rt_sigprocmask", -22, 5, 0x1000, 0, 8);
	cap_mem(ev, 1, ENTER, &set, sizeof(set));
	check(ev, "rt_sigprocmask(0x5 /* SIG_??? */, ~[], NULL, 8) = -1 EINVAL (Invalid argument)");
	/* a size the kernel refuses: the set's address */
	ev = EV("rt_sigprocmask", -22, SIG_BLOCK, 0x7ffd0244fb28, 0, 4);
	cap_mem(ev, 1, ENTER, &set, 4);
	check(ev, "rt_sigprocmask(SIG_BLOCK, 0x7ffd0244fb28, NULL, 4) = -1 EINVAL (Invalid argument)");

	ev = EV("kill", 0, 6843, SIGTERM);
	check(ev, "kill(6843, SIGTERM) = 0");
	ev = EV("kill", 0, 6840, 40);
	check(ev, "kill(6840, SIGRT_8) = 0");
	ev = EV("kill", -22, 6840, 65);
	check(ev, "kill(6840, 65) = -1 EINVAL (Invalid argument)");
	ev = EV("tgkill", 0, 6840, 6840, 0);
	check(ev, "tgkill(6840, 6840, 0) = 0");
	assert_string_equal(sw_signal_name(32), "SIGRTMIN");
	assert_string_equal(sw_signal_name(64), "SIGRT_32");
	assert_null(sw_signal_name(65));
	assert_null(sw_signal_name(0));
}

static void signal_event(siginfo_t *si, int sig, const char *want)
{
	struct sw_event *ev = sw_event_new(512);
	struct sw_strbuf sb = SW_STRBUF_INIT;

	ev->kind = SW_EV_SIGNAL;
	ev->sig = sig;
	if (si)
		cap_mem(ev, 0, ENTER, si, sizeof(*si));
	sw_decode_signal(&sb, ev, NULL);
	assert_string_equal(sw_strbuf_str(&sb), want);
	sw_strbuf_release(&sb);
	sw_event_free(ev);
}

static void signal_events(void **state)
{
	siginfo_t si;

	(void)state;
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 2854;
	signal_event(&si, SIGCHLD, "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2854, si_uid=0, "
		     "si_status=0, si_utime=0, si_stime=0}");
	si.si_code = CLD_KILLED;
	si.si_status = SIGTERM;
	signal_event(&si, SIGCHLD, "SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=2854, si_uid=0, "
		     "si_status=SIGTERM, si_utime=0, si_stime=0}");
	memset(&si, 0, sizeof(si));
	si.si_signo = 40;
	si.si_code = SI_USER;
	si.si_pid = 6840;
	signal_event(&si, 40, "SIGRT_8 {si_signo=SIGRT_8, si_code=SI_USER, si_pid=6840, si_uid=0}");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGALRM;
	si.si_code = SI_KERNEL;
	signal_event(&si, SIGALRM, "SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL}");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSEGV;
	si.si_code = SEGV_MAPERR;
	si.si_addr = (void *)0x10;
	signal_event(&si, SIGSEGV, "SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10}");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = 27819;
	si.si_value.sival_int = 42;
	signal_event(&si, SIGUSR1, "SIGUSR1 {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=27819, si_uid=0, "
		     "si_int=42, si_ptr=0x2a}");
	signal_event(NULL, SIGTERM, "SIGTERM");
}

static void memory(void **state)
{
	struct sw_event *ev;

	(void)state;
	ev = EV("mmap", 0x7f76d44cb000, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		(uint64_t)-1, 0);
	check(ev, "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f76d44cb000");
	ev = EV("mmap", 0x7f76d4304000, 0x7f76d4304000, 1400832, PROT_READ | PROT_EXEC,
		MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, 3, 0x26000);
	check(ev, "mmap(0x7f76d4304000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, "
		  "0x26000) = 0x7f76d4304000");
	ev = EV("mmap", -9, 0, 1, 0, 0, 5, 4096);
	check(ev, "mmap(NULL, 1, PROT_NONE, MAP_FILE, 5, 0x1000) = -1 EBADF (Bad file descriptor)");
	ev = EV("mmap", -22, 0, 4096, 0, 0xf, (uint64_t)-1, 0);
	check(ev, "mmap(NULL, 4096, PROT_NONE, 0xf /* MAP_??? */, -1, 0) = -1 EINVAL (Invalid argument)");
	ev = EV("mmap", -9, 0, 0, 0, 0x02 | 0x3e00000, (uint64_t)-1, 0);
	check(ev, "mmap(NULL, 0, PROT_NONE, MAP_PRIVATE|0x3e00000, -1, 0) = -1 EBADF (Bad file descriptor)");
	ev = EV("mmap", -22, 0, 4096, 0, 0xfffffff0, (uint64_t)-1, 0);
	check(ev, "mmap(NULL, 4096, PROT_NONE, MAP_FILE|MAP_FIXED|MAP_ANONYMOUS|MAP_32BIT|MAP_NORESERVE|"
		  "MAP_POPULATE|MAP_NONBLOCK|MAP_GROWSDOWN|MAP_DENYWRITE|MAP_EXECUTABLE|MAP_LOCKED|MAP_STACK|"
		  "MAP_HUGETLB|MAP_SYNC|MAP_FIXED_NOREPLACE|0x3e00680|63<<MAP_HUGE_SHIFT, -1, 0) = -1 EINVAL "
		  "(Invalid argument)");
	ev = EV("mprotect", 0, 0x10000, 0, 0x10000);
	check(ev, "mprotect(0x10000, 0, 0x10000 /* PROT_??? */) = 0");
	ev = EV("madvise", 0, 0x7fb445a9b000, 8192, MADV_DONTNEED);
	check(ev, "madvise(0x7fb445a9b000, 8192, MADV_DONTNEED) = 0");
	ev = EV("madvise", -22, 0, 0, 0xffff);
	check(ev, "madvise(NULL, 0, 0xffff /* MADV_??? */) = -1 EINVAL (Invalid argument)");
	ev = EV("munmap", 0, 0x7fb445a9b000, 8192);
	check(ev, "munmap(0x7fb445a9b000, 8192) = 0");
}

static void time_calls(void **state)
{
	struct sw_event *ev;
	struct timespec ts = { 0, 1000 }, rem = { 1, 980043457 };
	int64_t now = 1795749803;
	int64_t tv[2] = { 1795748640, 943447 };
	int32_t tz[2] = { 0, 0 };

	(void)state;
	ev = EV("clock_nanosleep", 0, CLOCK_MONOTONIC, 0, 0x1000, 0x7ffd0244f8d0);
	cap_mem(ev, 2, ENTER, &ts, sizeof(ts));
	cap_mem(ev, 3, EXIT, &ts, sizeof(ts));
	check(ev, "clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, 0x7ffd0244f8d0) = 0");
	ts.tv_sec = 2;
	ts.tv_nsec = 0;
	ev = EV("nanosleep", -516, 0x1000, 0x2000);
	cap_mem(ev, 0, ENTER, &ts, sizeof(ts));
	cap_mem(ev, 1, EXIT, &rem, sizeof(rem));
	check(ev, "nanosleep({tv_sec=2, tv_nsec=0}, {tv_sec=1, tv_nsec=980043457}) = ? ERESTART_RESTARTBLOCK "
		  "(Interrupted by signal)");
	ev = EV("clock_gettime", -22, 77, 0x7ffd0244f8d0);
	check(ev, "clock_gettime(0x4d /* CLOCK_??? */, 0x7ffd0244f8d0) = -1 EINVAL (Invalid argument)");
	ev = EV("time", now, 0x1000);
	cap_mem(ev, 0, EXIT, &now, sizeof(now));
	check(ev, "time([1795749803 /* 2026-11-27T03:23:23+0000 */]) = 1795749803 (2026-11-27T03:23:23+0000)");
	ev = EV("gettimeofday", 0, 0x1000, 0x2000);
	cap_mem(ev, 0, EXIT, tv, sizeof(tv));
	cap_mem(ev, 1, EXIT, tz, sizeof(tz));
	check(ev, "gettimeofday({tv_sec=1795748640, tv_usec=943447}, {tz_minuteswest=0, tz_dsttime=0}) = 0");
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
		cmocka_unit_test(execve_arrays),
		cmocka_unit_test(clone_family),
		cmocka_unit_test(wait_statuses),
		cmocka_unit_test(limits_and_info),
		cmocka_unit_test(process_misc),
		cmocka_unit_test(prctls),
		cmocka_unit_test(signals),
		cmocka_unit_test(signal_events),
		cmocka_unit_test(memory),
		cmocka_unit_test(time_calls),
	};
	return cmocka_run_group_tests_name("decode_process", tests, utc, NULL);
}
