#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -e trace=SET: only those syscalls are reported; for a launched command a
# seccomp filter makes sure the others never stop it (Seccomp: 2 in its
# /proc status), and without a set there is no filter.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

out=$("$SW" trace --engine ptrace -o "$T/f.txt" -e trace=getppid -- "$FX/pt_filter") || fail "filtered run failed"
[ "$(grep -c '^getppid()' "$T/f.txt")" -eq 3 ] || fail "getppid lines: $(cat "$T/f.txt")"
grep -q '^getpid()' "$T/f.txt" && fail "getpid was reported"
[ "$(grep -vc '^+++' "$T/f.txt")" -eq 3 ] || fail "lines other than getppid: $(cat "$T/f.txt")"
[ "$(printf '%s' "$out" | awk '{print $2}')" = 2 ] || fail "no seccomp filter in the tracee: '$out'"

out=$("$SW" trace --engine ptrace -o "$T/all.txt" -- "$FX/pt_filter") || fail "unfiltered run failed"
[ "$(printf '%s' "$out" | awk '{print $2}')" = 0 ] || fail "a filter without -e: '$out'"
[ "$(grep -c '^getpid()' "$T/all.txt")" -eq 3 ] || fail "getpid missing without a set"

# negation and classes; -e SET without trace=
"$SW" trace --engine ptrace -o "$T/neg.txt" -e '!getppid' -- "$FX/pt_filter" >/dev/null || fail "!getppid run failed"
grep -q '^getppid()' "$T/neg.txt" && fail "!getppid reported getppid"
[ "$(grep -c '^getpid()' "$T/neg.txt")" -eq 3 ] || fail "!getppid lost getpid"
"$SW" trace --engine ptrace -o "$T/cls.txt" -e trace=%file -- "$FX/pt_filter" >/dev/null || fail "%file run failed"
grep -q '^openat(' "$T/cls.txt" || fail "%file without openat"
grep -Eq '^(getppid|getpid|write|brk|mmap)\(' "$T/cls.txt" && fail "%file reported: $(grep -Ev '^openat' "$T/cls.txt" | head -3)"

# --no-seccomp: same report, no filter
out=$("$SW" trace --engine ptrace --no-seccomp -o "$T/ns.txt" -e trace=getppid -- "$FX/pt_filter") || fail "--no-seccomp failed"
[ "$(printf '%s' "$out" | awk '{print $2}')" = 0 ] || fail "--no-seccomp still filtered: '$out'"
cmp -s <(grep -v '^+++' "$T/ns.txt" | sed 's/= [0-9]*$//') <(grep -v '^+++' "$T/f.txt" | sed 's/= [0-9]*$//') ||
	fail "--no-seccomp reported differently"

# children under -f inherit the filter and are still followed
"$SW" trace --engine ptrace -f -o "$T/ff.txt" -e trace=getppid -- "$FX/pt_family" >/dev/null || fail "-f filtered failed"
[ "$(grep -c 'getppid()' "$T/ff.txt")" -eq 3 ] || fail "-f filtered getppid lines: $(cat "$T/ff.txt")"
# without -f, children inherit the filter too: they must still run normally
# (an untraced caller of a filtered syscall would get ENOSYS), unreported
"$SW" trace --engine ptrace -o "$T/nf.txt" -e trace=chdir,execve -- /bin/sh -c 'cd /; /bin/true && cd /tmp && exit 7' >/dev/null
rc=$?
[ $rc -eq 7 ] || fail "child under the filter without -f broke the command (exit $rc): $(cat "$T/nf.txt")"
[ "$(grep -c '^chdir(' "$T/nf.txt")" -eq 2 ] || fail "chdir lines without -f: $(cat "$T/nf.txt")"
grep -q 'execve("/bin/true"' "$T/nf.txt" && fail "a child was reported without -f"
echo ok
