#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# strace's syscall tampering on the ptrace engine, against strace 6.1: every
# form of -e inject= (error=, retval=, signal=, syscall=, delay_enter=,
# delay_exit=, when=FIRST[..LAST][+[STEP]], sets by name, class and regex)
# and -e fault=. The program must see the same results (its stdout) and the
# trace must have the same lines; with and without the seccomp pre-filter.
# The eBPF engine refuses them in one line; bad specs are refused as strace
# refuses them.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
command -v strace >/dev/null || skip "strace is not installed"
SRCDIR=${SRCDIR:-$PWD}
FL=$FX/fl_inject

# same_as_strace "OPTIONS" [syswatch-only options]
same_as_strace() {
	local opts=$1 extra=${2:-}
	# shellcheck disable=SC2086
	strace -f -o "$T/strace.txt" $opts "$FL" >"$T/strace.out" 2>&1 </dev/null
	# shellcheck disable=SC2086
	"$SW" trace --engine ptrace -f -o "$T/sw.txt" $extra $opts -- "$FL" >"$T/sw.out" 2>&1 </dev/null ||
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

# the eBPF engine cannot change what a syscall does: one line naming both
for o in -e\ inject=open:error=EIO -e\ fault=open --inject=open:signal=1 --fault=open; do
	# shellcheck disable=SC2086
	out=$("$SW" trace --engine ebpf $o -- /bin/true 2>&1)
	[ $? -eq 2 ] || fail "--engine ebpf $o did not exit 2: $out"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "--engine ebpf $o: more than one line: $out"
	case $out in *ptrace*) ;; *) fail "--engine ebpf $o does not name the engine: $out" ;; esac
	case $out in *--inject* | *fault*) ;; *) fail "--engine ebpf $o does not name the option: $out" ;; esac
done
echo ok
