#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Golden tests of the decoders: each tests/fixtures/dec_<family> program makes
# syscalls with known arguments and prints the exact lines a tracer must print
# for them (strace's golden-test style). syswatch must print those lines; so
# must strace when it is installed, which keeps the fixtures themselves honest.
# A fixture calls getppid() first: what the C library did before is dropped.
# Where the eBPF engine loads, it must print the same lines.
. "$(dirname "$0")/trace_lib/common.bash"
export TZ=UTC
need_ptrace

engines=ptrace
"$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>/dev/null && engines="ptrace ebpf"

# fixture[=exit status]: the syscalls it traces
cases=(
	"dec_edge=142:chdir,delete_module,writev,setitimer,pause"
	"dec_file:open,openat,creat,close,read,write,pread64,pwrite64,readv,writev,lseek,newfstatat,fstat,statx,access,faccessat2,unlink,unlinkat,rename,renameat2,mkdir,rmdir,symlink,readlink,chdir,fchdir,getcwd,dup,dup2,dup3,pipe2,fcntl,ioctl,getdents64,chmod,fchmod,fchownat,utimensat,ftruncate,fsync,umask"
	"dec_process:getpid,gettid,getuid,getpgid,clone,wait4,kill,tgkill,rt_sigaction,rt_sigprocmask,prlimit64,uname,arch_prctl,getrandom,sched_getaffinity,prctl,setpgid,execve"
	"dec_net:socket,setsockopt,getsockopt,bind,listen,connect,getsockname,accept4,sendto,recvfrom,poll,ppoll,pselect6,epoll_create1,epoll_ctl,epoll_wait,shutdown,socketpair"
	"dec_width:faccessat2,openat,lseek,flock,fcntl,epoll_create1,close,eventfd2,dup2,pipe2,madvise,getpriority,clock_gettime,rt_sigprocmask,shutdown,mprotect,mmap,unshare,kill,tgkill,fchown,setuid,chmod,umask,getpgid,listen"
	"dec_sockopt:setsockopt,getsockopt"
	"dec_netlink:sendto,recvfrom,recvmsg"
	"dec_msg:sendmsg,recvmsg,sendmmsg,recvmmsg"
	"dec_nested:io_submit,ioctl,bpf"
	"dec_sockaddr:connect"
	"dec_mem:mmap,mprotect,madvise,munmap,brk,clock_gettime,clock_getres,gettimeofday,nanosleep,clock_nanosleep,time"
	"dec_detail:rt_sigreturn,personality,rt_sigtimedwait,sched_getscheduler,ioprio_get,ioprio_set,ptrace,clock_nanosleep,mq_open,keyctl,request_key,ioctl,capget,sched_getattr,sched_setattr,mq_getsetattr,mq_notify,mount_setattr,io_uring_setup,waitid,bpf,perf_event_open"
)

# The lines after the getppid() marker, without the fixture's own printing
# (write(1, ...)), exit lines and the padding before " = ".
clean() {
	awk 'found { print } /^getppid\(\)/ { found = 1 }' "$1" |
		grep -Ev '^write\(1, |^\+\+\+ ' |
		sed -E 's/^(.*\)) +(= .*)$/\1 \2/'
}

strace_ok=0
command -v strace >/dev/null && strace -o /dev/null /bin/true 2>/dev/null && strace_ok=1
n=0
for c in "${cases[@]}"; do
	fx=${c%%:*}
	set=getppid,${c#*:}
	status=0
	case $fx in *=*) status=${fx#*=} fx=${fx%%=*} ;; esac
	[ -x "$FX/$fx" ] || fail "fixture $fx not built"
	for eng in $engines; do
		rc=0
		(cd "$T" && exec "$SW" trace --engine "$eng" -e trace="$set" -o "$T/$fx.sw" -- "$FX/$fx" \
			>"$T/$fx.want") || rc=$?
		[ "$rc" = "$status" ] || fail "$fx: syswatch trace --engine $eng exited $rc, not $status"
		clean "$T/$fx.sw" >"$T/$fx.got"
		[ -s "$T/$fx.want" ] || fail "$fx printed no expectations"
		diff -u "$T/$fx.want" "$T/$fx.got" ||
			fail "$fx: syswatch's trace (--engine $eng) differs from the expected lines"
	done
	if [ $strace_ok = 1 ]; then
		rc=0
		(cd "$T" && exec strace -e trace="$set" -o "$T/$fx.st" -- "$FX/$fx" >"$T/$fx.want2") 2>"$T/$fx.sterr" ||
			rc=$?
		[ "$rc" = "$status" ] || fail "$fx: strace exited $rc, not $status"
		clean "$T/$fx.st" >"$T/$fx.stgot"
		diff -u "$T/$fx.want2" "$T/$fx.stgot" || fail "$fx: strace disagrees with the fixture's expected lines"
	fi
	n=$((n + 1))
done
echo "ok: $n fixtures, engines: $engines$([ $strace_ok = 1 ] && echo ", checked against strace too")"
