#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# trace -c is stat on the same command, like strace -c; a "c" inside an
# option's value does not turn a trace into a count.
. "$(dirname "$0")/stat_lib/common.bash"
need_ptrace

"$SW" trace -c --engine ptrace -- "$FX/st_known" >"$T/want" 2>"$T/table" || fail "trace -c failed: $(cat "$T/table")"
check_table "$T/table" "$T/want"
head -n 1 "$T/table" | grep -q '^% time     seconds  usecs/call     calls    errors syscall$' || fail "not a table: $(head -n 3 "$T/table")"

# combined short options, -e, -o, -s and long options before the command
"$SW" trace --engine ptrace -fc -s 64 -e trace=chdir,getppid -o "$T/t2" -- "$FX/st_known" --child >"$T/want2" ||
	fail "trace -fc failed"
rows=$(python3 "$LIB/check.py" rows "$T/t2" | tr '\n' ' ')
[ "$rows" = "chdir 7 7 getppid 150 0 " ] || fail "trace -fc -e trace=chdir,getppid: $rows"

# the same as stat, row for row
"$SW" stat --engine ptrace -f -e trace=chdir,getppid -o "$T/t3" -- "$FX/st_known" --child >/dev/null || fail "stat failed"
diff <(cut -c 31- "$T/t2") <(cut -c 31- "$T/t3") || fail "trace -c and stat differ"

# "c" in values: still a trace
"$SW" trace --engine ptrace -e trace=chdir -o "$T/c" -- "$FX/st_known" >/dev/null || fail "trace failed"
grep -q '^chdir("/nonexistent-syswatch-st-known") = -1 ENOENT' "$T/c" || fail "not a trace: $(head -n 3 "$T/c")"
# the command's own -c (no "--": the first word that is not an option ends ours)
"$SW" trace --engine ptrace -f -e chdir -o "$T/c2" sh -c "$FX/st_known >/dev/null" || fail "trace sh -c failed"
grep -q 'chdir(' "$T/c2" || fail "the command's -c made a count: $(head -n 3 "$T/c2")"
echo ok
