#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The seccomp pre-filter (-e trace=SET) never changes what the traced program
# does: a clone(CLONE_UNTRACED) child keeps its output, the program's own
# SECCOMP_RET_TRACE gives -ENOSYS as without a tracer (not 0), and calls its
# own filter fails with SECCOMP_RET_ERRNO are still in the trace. Each
# program prints the same traced as untraced, and the trace is strace's.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
P="$FX/sc_own_filter"
"$P" errno >/dev/null 2>&1
[ $? = 77 ] && skip "seccomp filters cannot be installed here"
have_strace=false
command -v strace >/dev/null && strace -o /dev/null /bin/true 2>/dev/null && have_strace=true
[ $have_strace = true ] || echo "strace missing: the traces are checked against the expected lines only"

# what changes from run to run: pids and the child's CPU times
norm() { sed -E 's/^[0-9]+ +/PID /; s/ += / = /; s/si_pid=[0-9]+/si_pid=PID/; s/si_utime=[0-9]+, si_stime=[0-9]+/si_utime=T, si_stime=T/' "$1"; }

for mode in untraced trace errno; do
	"$P" $mode >"$T/$mode.native" 2>&1 || fail "$mode: exited $? untraced"
	for set in write,getuid,getppid write; do
		for f in "" -f; do
			name="$mode $set $f"
			ASAN_OPTIONS=detect_leaks=0 "$SW" trace --engine ptrace $f -e trace=$set -o "$T/sw.txt" -- "$P" $mode \
				>"$T/sw.out" 2>"$T/sw.err" || fail "$name: exited $?: $(cat "$T/sw.err")"
			diff -u "$T/$mode.native" "$T/sw.out" >"$T/diff" || fail "$name: the program behaved differently: $(cat "$T/diff")"
			notes=$(grep -c 'installed a seccomp filter of its own: stopping at each of its syscalls$' "$T/sw.err")
			want=1
			[ $mode = untraced ] && want=0
			[ "$notes" = $want ] || fail "$name: $notes notices on stderr, want $want: $(cat "$T/sw.err")"
			if [ $have_strace = true ]; then
				strace $f -e trace=$set -o "$T/st.txt" "$P" $mode >/dev/null 2>&1
				diff -u <(norm "$T/st.txt") <(norm "$T/sw.txt") >"$T/diff" || fail "$name: not strace's trace: $(cat "$T/diff")"
			fi
		done
	done
done
# without strace: the lines that matter, as expected
ASAN_OPTIONS=detect_leaks=0 "$SW" trace --engine ptrace -e trace=getuid -o "$T/u.txt" -- "$P" trace >/dev/null 2>&1
[ "$(grep -c '^getuid() *= -1 ENOSYS (Function not implemented)$' "$T/u.txt")" = 3 ] || fail "RET_TRACE: $(cat "$T/u.txt")"
ASAN_OPTIONS=detect_leaks=0 "$SW" trace --engine ptrace -e trace=getppid -o "$T/p.txt" -- "$P" errno >/dev/null 2>&1
[ "$(grep -c '^getppid() *= -1 EPERM (Operation not permitted)$' "$T/p.txt")" = 3 ] || fail "RET_ERRNO: $(cat "$T/p.txt")"
# -b execve: a process let go at its execve runs on without the filter's stops
out=$(ASAN_OPTIONS=detect_leaks=0 "$SW" trace --engine ptrace -b execve -e trace=write -o "$T/b.txt" -- \
	sh -c '/bin/echo detached-writes; echo rc=$?' 2>&1)
[ "$out" = "detached-writes
rc=0" ] || fail "-b execve: a detached process behaved differently: $out"
echo ok
