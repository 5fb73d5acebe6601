#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Text output options: -o, -Z, -T, -t/-tt/-ttt (monotonic), the " = " column.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

# -o FILE: the trace goes there, nothing to stderr
"$SW" trace --engine ptrace -o "$T/o.txt" -- "$FX/pt_filter" >/dev/null 2>"$T/o.err" || fail "-o run failed"
[ -s "$T/o.err" ] && fail "stderr with -o: $(cat "$T/o.err")"
grep -q '^execve(' "$T/o.txt" || fail "-o file lacks execve"
# without -o the trace is on stderr, the program's output on stdout
"$SW" trace --engine ptrace -e trace=getppid -- "$FX/pt_filter" >"$T/stdout" 2>"$T/stderr" || fail "stderr run failed"
grep -q '^getppid()' "$T/stderr" || fail "no trace on stderr"
grep -q '^Seccomp:' "$T/stdout" || fail "program output missing"
grep -q 'getppid' "$T/stdout" && fail "trace on stdout"

# " = " starts at column 40 when the call is short (strace pads to 39)
line=$(grep -m1 '^getppid()' "$T/o.txt")
[ "${line:39:3}" = " = " ] || fail "misaligned: '$line'"

# -Z: failed calls only (pt_hostile's opens all fail)
"$SW" trace --engine ptrace -Z --json -o "$T/z.jsonl" -- "$FX/pt_hostile" || fail "-Z run failed"
json_check "$T/z.jsonl"
[ "$(json_select "$T/z.jsonl" 'o["type"]=="syscall" and o["errno"] is None' nr | wc -l)" -eq 0 ] ||
	fail "-Z reported successful calls"
[ "$(json_select "$T/z.jsonl" 'o["type"]=="syscall" and o["syscall"]=="openat"' errno | grep -c ENOENT)" -ge 4 ] ||
	fail "-Z lost the failed opens"
"$SW" trace --engine ptrace -Z -o "$T/z.txt" -- "$FX/pt_hostile" || fail "-Z text failed"
grep -v '^+++' "$T/z.txt" | grep -Ev ' = -1 ' | grep -q . && fail "-Z text shows: $(grep -Ev ' = -1 |^\+\+\+' "$T/z.txt" | head -2)"

# -T: a duration on every returning call, none on exit_group
"$SW" trace --engine ptrace -T -o "$T/T.txt" -- "$FX/pt_filter" >/dev/null || fail "-T failed"
grep -Ev '^\+\+\+|^exit_group' "$T/T.txt" | grep -Evq ' <[0-9]+\.[0-9]{6}>$' && fail "-T line without <s.us>: $(grep -Ev ' <[0-9]+\.[0-9]{6}>$' "$T/T.txt" | head -2)"
grep -q '^exit_group(.*= ?$' "$T/T.txt" || fail "-T: exit_group shows a duration"

# -ttt: epoch with microseconds, never going back; -t and -tt formats
"$SW" trace --engine ptrace -ttt -o "$T/ttt.txt" -- "$FX/pt_filter" >/dev/null || fail "-ttt failed"
grep -Evq '^[0-9]{10}\.[0-9]{6} ' "$T/ttt.txt" && fail "-ttt format: $(head -n 2 "$T/ttt.txt")"
awk '{ if ($1 < prev) { print "back: " prev " -> " $1; exit 1 } prev = $1 }' "$T/ttt.txt" || fail "-ttt not monotonic"
now=$(date +%s)
first=$(head -n 1 "$T/ttt.txt" | cut -d. -f1)
[ $((now - first)) -lt 60 ] && [ $((now - first)) -ge 0 ] || fail "-ttt is not wall-clock time ($first vs $now)"
"$SW" trace --engine ptrace -tt -o "$T/tt.txt" -- "$FX/pt_exit" 0 || fail "-tt failed"
grep -Evq '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{6} ' "$T/tt.txt" && fail "-tt format: $(head -n 1 "$T/tt.txt")"
"$SW" trace --engine ptrace -t -o "$T/t.txt" -- "$FX/pt_exit" 0 || fail "-t failed"
grep -Evq '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9] [a-z+]' "$T/t.txt" && fail "-t format: $(head -n 1 "$T/t.txt")"

# an output that cannot be written: an error, and the command does not linger
err=$("$SW" trace --engine ptrace -o /dev/full -- "$FX/pt_filter" 2>&1 >/dev/null)
rc=$?
[ $rc -ne 0 ] || fail "writing to /dev/full succeeded"
grep -q '^syswatch: cannot write the trace: No space left on device$' <<<"$err" || fail "message: $err"
echo ok
