#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# strace's syscall tampering on the ptrace engine, against strace 6.1: every
# form of -e inject= (error=, retval=, signal=, syscall=, delay_enter=,
# delay_exit=, poke_enter=, poke_exit=, when=FIRST[..LAST][+[STEP]], sets by
# name, class and regex), -e fault=, and -P narrowing what is tampered with. The program must see the same results (its stdout) and the
# trace must have the same lines; with and without the seccomp pre-filter.
# The eBPF engine refuses them in one line; bad specs are refused as strace
# refuses them.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
command -v strace >/dev/null || skip "strace is not installed"
SRCDIR=${SRCDIR:-$PWD}
FL=$FX/fl_inject

# same_as_strace "OPTIONS" [syswatch-only options] (the program: $PROG, or fl_inject)
same_as_strace() {
	local opts=$1 extra=${2:-} prog=${PROG:-$FL}
	# shellcheck disable=SC2086
	strace -f -o "$T/strace.txt" $opts "$prog" >"$T/strace.out" 2>&1 </dev/null
	# shellcheck disable=SC2086
	"$SW" trace --engine ptrace -f -o "$T/sw.txt" $extra $opts -- "$prog" >"$T/sw.out" 2>&1 </dev/null ||
		fail "syswatch $extra $opts: exit $? ($(cat "$T/sw.out"))"
	diff "$T/strace.out" "$T/sw.out" >"$T/d.txt" || fail "the program saw other results with $extra $opts: $(cat "$T/d.txt")"
	python3 "$SRCDIR/scripts/strace-compare.py" --exact --show 8 "$T/strace.txt" "$T/sw.txt" >"$T/cmp.txt" ||
		{ cat "$T/cmp.txt"; fail "the trace differs from strace's with $extra $opts"; }
}

for pre in "" --no-seccomp; do
	S="-e trace=open,chdir,getppid"
	same_as_strace "$S -e inject=open:error=ENOENT" $pre
	grep -q 'open -1 ENOENT' "$T/sw.out" || fail "error=ENOENT did not reach the program"
	[ "$(grep -c '(INJECTED)$' "$T/sw.txt")" -eq 6 ] || fail "(INJECTED) lines: $(cat "$T/sw.txt")"
	for w in 2 2+ 2+2 2..4 2..4+ 2..5+2 3..3; do
		same_as_strace "$S -e inject=open:error=EACCES:when=$w" $pre
	done
	same_as_strace "$S -e inject=open:retval=42:when=1" $pre
	grep -q '^open 42 -' "$T/sw.out" || fail "retval=42 did not reach the program"
	same_as_strace "$S -e inject=open:signal=USR1:when=2" $pre
	grep -q '^sig 10' "$T/sw.out" || fail "signal=USR1 was not delivered"
	grep -q 'SIGUSR1 {si_signo=SIGUSR1, si_code=SI_KERNEL}' "$T/sw.txt" || fail "no SI_KERNEL signal line"
	same_as_strace "$S -e inject=open:retval=7:signal=SIGUSR2:when=1..2" $pre
	same_as_strace "$S -e inject=open:syscall=getpid:retval=5:when=1" $pre
	same_as_strace "$S -e inject=open:syscall=gettid:error=EIO:when=3" $pre
	same_as_strace "$S -e inject=open:delay_enter=2ms:when=1" $pre
	grep -q '(DELAYED)$' "$T/sw.txt" || fail "no (DELAYED) line"
	same_as_strace "$S -e inject=open:error=EIO:delay_exit=1000:when=2" $pre
	grep -q '(INJECTED) (DELAYED)$' "$T/sw.txt" || fail "no (INJECTED) (DELAYED) line"
	same_as_strace "$S -e fault=open:when=2..5+2" $pre
	grep -q 'open -1 ENOSYS' "$T/sw.out" || fail "-e fault= did not default to ENOSYS"
	same_as_strace "$S -e fault=chdir:error=eperm" $pre
	same_as_strace "$S -e inject=%file:error=EIO:when=2" $pre
	same_as_strace "$S -e inject=/^ch:error=EXDEV" $pre
	same_as_strace "$S -e inject=?nosuch,getppid:retval=0" $pre
	# the last expression naming a syscall wins
	same_as_strace "$S -e inject=open:error=EIO:when=1 -e inject=open:retval=7:when=2" $pre
	# as strace: calls that are not traced are not tampered with
	same_as_strace "-e trace=chdir -e inject=open:error=EPERM" $pre
done
# poke_enter=/poke_exit=: bytes written where an argument points; with -P
# only the calls that touch its path are tampered with (and counted)
PROG=$FX/fl_poke
for pre in "" --no-seccomp; do
	same_as_strace "-e trace=write,recvfrom -e inject=write:poke_enter=@arg2=6869:when=1" $pre
	grep -qx 'hi' "$T/sw.out" || fail "poke_enter= did not reach the program: $(cat "$T/sw.out")"
	grep -q 'write(1, "hi\\n", 3) *= 3 (INJECTED: args)$' "$T/sw.txt" || fail "poke_enter= line: $(cat "$T/sw.txt")"
	same_as_strace "-e trace=write,recvfrom -e inject=recvfrom:poke_exit=@arg2=7a7a" $pre
	grep -qx 'read zzcd' "$T/sw.out" || fail "poke_exit= did not reach the program: $(cat "$T/sw.out")"
	same_as_strace "-e trace=write -e inject=write:error=EIO:poke_enter=@arg2=4142:when=3" $pre
	grep -q '(INJECTED: args, retval)$' "$T/sw.txt" || fail "no (INJECTED: args, retval): $(cat "$T/sw.txt")"
	same_as_strace "-e trace=openat -e inject=openat:poke_enter=@arg2=2f6574632f706173737764:when=3" $pre
	grep -qx 'open ENOENT ok' "$T/sw.out" || fail "poke_enter= on a path: $(cat "$T/sw.out")"
	same_as_strace "-P /etc/passwd -e inject=openat:error=EACCES" $pre
	grep -qx 'open ok EACCES' "$T/sw.out" || fail "-P /etc/passwd: $(cat "$T/sw.out")"
	same_as_strace "-P /etc/passwd -e inject=openat:error=EACCES:when=2" $pre
	grep -qx 'open ok ok' "$T/sw.out" || fail "-P: when=2 counted calls that do not touch the path"
	same_as_strace "-P /etc/hostname -e inject=openat:poke_enter=@arg2=2f6574632f706173737764" $pre
done
# a poke that cannot be made is said, and the call goes on
"$SW" trace --engine ptrace -o "$T/sw.txt" -e trace=write -e inject=write:poke_enter=@arg7=41:when=1 -- "$PROG" \
	>"$T/sw.out" 2>&1 || fail "poke_enter=@arg7 failed"
grep -q 'cannot poke process [0-9]*: write has no argument #7' "$T/sw.out" || fail "@arg7: $(cat "$T/sw.out")"
grep -qx xx "$T/sw.out" || fail "@arg7: the write did not go on"
PROG=

# --inject and --fault are -e inject= and -e fault=
"$SW" trace --engine ptrace -o /dev/null --fault=open:when=1 -- "$FL" | grep -q '^open -1 ENOSYS' || fail "--fault"
"$SW" trace --engine ptrace -o /dev/null --inject=open:retval=3:when=1 -- "$FL" | grep -q '^open 3 -' || fail "--inject="

# a delay holds the thread for that long
start=$(date +%s%N)
"$SW" trace --engine ptrace -o /dev/null -e inject=chdir:delay_exit=0.4s -- "$FL" >/dev/null
[ $(($(date +%s%N) - start)) -ge 400000000 ] || fail "delay_exit=0.4s took less than 0.4 s"

# refused as strace refuses them: one line, exit 2
bad() {
	local want=$1 out
	shift
	out=$("$SW" trace --engine ptrace "$@" -- /bin/true 2>&1)
	[ $? -eq 2 ] || fail "$* did not exit 2: $out"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "$*: more than one line: $out"
	printf '%s\n' "$out" | grep -qF -- "$want" || fail "$*: '$out' does not say '$want'"
	# shellcheck disable=SC2086
	strace -o /dev/null "$@" /bin/true >/dev/null 2>&1 && fail "strace takes $* (syswatch refuses it)"
	return 0
}
bad "needs error=, retval=, signal=" -e inject=open
bad "unknown syscall 'nosuch'" -e inject=nosuch:error=EIO
bad "empty syscall set" -e inject=:error=EIO
bad "exclude each other" -e inject=open:error=EIO:retval=1
bad "signal= is given twice" -e inject=open:signal=1:signal=2
bad "not a pure syscall" -e inject=open:syscall=chdir:error=EIO
bad "needs error=, retval=" -e inject=open:syscall=getpid
bad "bad when '3..2'" -e inject=open:error=EIO:when=3..2
bad "bad when '0'" -e inject=open:error=EIO:when=0
bad "bad when '65536'" -e inject=open:error=EIO:when=65536
bad "bad when '1..65535'" -e inject=open:error=EIO:when=1..65535
bad "unknown error '4096'" -e inject=open:error=4096
bad "unknown signal '0'" -e inject=open:signal=0
bad "unknown signal '65'" -e inject=open:signal=65
bad "bad delay '-1'" -e inject=open:delay_enter=-1
bad "bad delay '1h'" -e inject=open:delay_enter=1h
bad "unknown option 'bogus=1'" -e inject=open:error=EIO:bogus=1
bad "unknown option 'retval=1'" -e fault=open:retval=1
bad "unknown option 'signal=USR1'" -e fault=open:signal=USR1
bad "bad poke data in '@arg2=686'" -e inject=write:poke_enter=@arg2=686
bad "bad poke data in '@arg2='" -e inject=write:poke_enter=@arg2=
bad "bad poke data in '@arg2=zz'" -e inject=write:poke_enter=@arg2=zz
bad "bad poke '@arg0=68'" -e inject=write:poke_enter=@arg0=68
bad "bad poke 'arg2=68'" -e inject=write:poke_enter=arg2=68
bad "@arg2 is poked twice" -e inject=write:poke_enter=@arg2=68,@arg2=41
bad "poke_enter= is given twice" -e inject=write:poke_enter=@arg2=68:poke_enter=@arg3=41
bad "1 to 1024 bytes" -e inject=write:poke_enter=@arg2=$(printf '41%.0s' $(seq 1025))
bad "unknown option 'poke_enter=@arg2=68'" -e fault=write:poke_enter=@arg2=68

# strace's reasons, word for word (then syswatch's details)
. "$(dirname "$0")/trace_lib/strace_compare.bash"
for e in inject=open inject=open:error=EIO:retval=1 fault=open:when=0 fault=open:retval=1; do
	strace_refuses -e $e
done

# the eBPF engine cannot change what a syscall does: one line naming both
for o in -e\ inject=open:error=EIO -e\ fault=open --inject=open:signal=1 --fault=open --inject=write:poke_enter=@arg2=41; do
	# shellcheck disable=SC2086
	out=$("$SW" trace --engine ebpf $o -- /bin/true 2>&1)
	[ $? -eq 2 ] || fail "--engine ebpf $o did not exit 2: $out"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "--engine ebpf $o: more than one line: $out"
	case $out in *ptrace*) ;; *) fail "--engine ebpf $o does not name the engine: $out" ;; esac
	case $out in *--inject* | *fault*) ;; *) fail "--engine ebpf $o does not name the option: $out" ;; esac
done
echo ok
