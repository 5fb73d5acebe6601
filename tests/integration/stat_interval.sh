#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# --interval prints a table per interval, each for its own interval: several
# of them, and together they add up to the exact numbers of the run.
# --duration ends a run early, for a command and for -p.
. "$(dirname "$0")/stat_lib/common.bash"
need_ptrace

engines=ptrace
"$SW" stat --engine ebpf -o /dev/null -- /bin/true 2>/dev/null && engines="ptrace ebpf"

for eng in $engines; do
	# text: several tables, each with its interval heading
	"$SW" stat --engine $eng --interval 0.3 -o "$T/$eng.txt" -- "$FX/st_known" --for 1.3 --pause 20 >/dev/null ||
		fail "$eng: --interval run failed"
	n=$(grep -c '^[0-9:]* *interval [0-9]*: ' "$T/$eng.txt")
	[ "$n" -ge 3 ] || fail "$eng: $n interval tables: $(cat "$T/$eng.txt")"
	[ "$(grep -c '^% time' "$T/$eng.txt")" -ge 3 ] || fail "$eng: fewer than 3 tables"

	# JSON: one object per interval, numbered, the last one final; the sums are exact
	"$SW" stat --engine $eng --interval 0.3 --json -o "$T/$eng.json" -- "$FX/st_known" --for 1.3 --pause 20 >"$T/$eng.want" ||
		fail "$eng: --interval --json run failed"
	python3 - "$T/$eng.json" "$T/$eng.want" <<'PY' || fail "$eng: interval JSON"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
assert len(objs) >= 3, len(objs)
assert [o['interval'] for o in objs] == list(range(1, len(objs) + 1)), [o['interval'] for o in objs]
assert [o['final'] for o in objs] == [False] * (len(objs) - 1) + [True]
for o in objs[:-1]:
    assert 0.2e9 < o['elapsed_ns'] < 0.6e9, o['elapsed_ns']
sums = {}
for o in objs:
    for s in o['syscalls']:
        c, e = sums.get(s['name'], (0, 0))
        sums[s['name']] = (c + s['calls'], e + s['errors'])
busy = sum(1 for o in objs if any(s['name'] == 'getppid' for s in o['syscalls']))
assert busy >= 3, 'getppid in %d intervals only' % busy
for line in open(sys.argv[2]):
    name, calls, errors = line.split()
    assert sums.get(name) == (int(calls), int(errors)), (name, sums.get(name), calls, errors)
PY
done

# --duration stops early: a command is ended, its status says how
start=$(date +%s%N)
"$SW" stat --engine ptrace --duration 0.5 -o "$T/d.txt" -- "$FX/st_known" --for 30 --pause 10 >/dev/null
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 5000 ] || fail "--duration 0.5 took ${ms} ms"
[ "$rc" -eq 143 ] || fail "exit status $rc after --duration (want 128+SIGTERM)"
grep -q ' getppid$' "$T/d.txt" || fail "no counts after --duration: $(cat "$T/d.txt")"

# -p with --duration and --interval: detaches, the process runs on
"$FX/st_known" --for 30 --pause 10 >/dev/null &
pid=$!
sleep 0.2
"$SW" stat --engine ptrace -p $pid --duration 1 --interval 0.4 -o "$T/p.txt" 2>"$T/p.err" || fail "-p run failed: $(cat "$T/p.err")"
kill -0 $pid 2>/dev/null || fail "the process did not survive the detach"
kill $pid; wait $pid 2>/dev/null
n=$(grep -c 'interval [0-9]*: .* pid '"$pid" "$T/p.txt")
[ "$n" -ge 2 ] || fail "-p: $n interval tables: $(cat "$T/p.txt")"
grep -q ' getppid$' "$T/p.txt" || fail "-p: no getppid counted"
echo ok
