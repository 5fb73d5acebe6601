#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# stat --engine ptrace: exact calls and errors of known syscalls (some
# failing), in the table, in JSON and with -f across a child; the process
# table; the command's exit status; the histogram adds up.
. "$(dirname "$0")/stat_lib/common.bash"
need_ptrace

# the table (to stderr by default, like strace -c), the fixture's own output apart
"$SW" stat --engine ptrace -- "$FX/st_known" --rounds 3 >"$T/want" 2>"$T/table" || fail "stat failed: $(cat "$T/table")"
check_table "$T/table" "$T/want"
head -n 2 "$T/table" | grep -q '^% time     seconds  usecs/call     calls    errors syscall$' || fail "header: $(head -n 1 "$T/table")"
grep -q '^100.00 .* total$' "$T/table" || fail "no total line"
grep -Eq '^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ +[0-9]+ [0-9]' "$T/table" && fail "a syscall shown as a number"

# JSON, following a child, with the process table and histograms
"$SW" stat --engine ptrace -f --json --histogram --per-process -o "$T/j.json" -- "$FX/st_known" --child >"$T/want2" ||
	fail "stat --json failed"
check_json "$T/j.json" "$T/want2"
python3 - "$T/j.json" <<'PY' || fail "JSON processes/histograms"
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert o['type'] == 'stat' and o['engine'] == 'ptrace' and o['final'] is True, o
assert o['lost'] == 0, o['lost']
assert o['totals']['calls'] == sum(s['calls'] for s in o['syscalls']), o['totals']
assert o['totals']['errors'] == sum(s['errors'] for s in o['syscalls'])
assert o['processes_seen'] == 2 == len(o['processes']), o['processes']
assert all(p['comm'] == 'st_known' for p in o['processes']), o['processes']
assert sum(p['calls'] for p in o['processes']) == o['totals']['calls']
# the child made 50 getppid calls (and libc's set_robust_list after fork)
# then exited (exit_group is never counted)
child = max(o['processes'], key=lambda p: p['pid'])
assert 50 <= child['calls'] <= 55 and child['errors'] == 0, child
for s in o['syscalls']:
    assert sum(b['count'] for b in s['hist']) == s['calls'], s
    assert s['max_ns'] <= s['total_ns'], s
    assert all(b['lo_ns'] <= s['max_ns'] for b in s['hist']), s
PY

# -e trace= keeps only those; the exit status is the command's
"$SW" stat --engine ptrace -f -e trace=chdir,getcwd -o "$T/t2" -- sh -c "$FX/st_known >/dev/null; exit 7"
rc=$?
[ "$rc" -eq 7 ] || fail "exit status $rc, want 7"
rows=$(python3 "$LIB/check.py" rows "$T/t2" | awk '{print $1}' | tr '\n' ' ')
[ "$rows" = "chdir getcwd " ] || fail "rows with -e trace=chdir,getcwd: $rows"

# --no-latency: the count-only table, same numbers
"$SW" stat --engine ptrace --no-latency --sort calls -o "$T/t3" -- "$FX/st_known" >"$T/want3" || fail "--no-latency failed"
head -n 1 "$T/t3" | grep -q '^% calls     calls    errors syscall$' || fail "count-only header: $(head -n 1 "$T/t3")"
check_table "$T/t3" "$T/want3"
echo ok
