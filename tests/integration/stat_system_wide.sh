#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# stat -a --duration 1 sees a fixture running in the background, with its
# comm and its pid, and reports totals, processes seen and events lost.
. "$(dirname "$0")/stat_lib/common.bash"
need_ebpf

"$FX/st_known" --for 20 --pause 5 >/dev/null &
bg=$!
trap 'kill $bg 2>/dev/null; rm -rf "$T"' EXIT
sleep 0.1

start=$(date +%s%N)
"$SW" stat -a --duration 1 --per-process -o "$T/a.txt" 2>"$T/a.err" || fail "stat -a failed: $(cat "$T/a.err")"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 6000 ] || fail "--duration 1 took ${ms} ms"
grep -Eq '^total syscalls: [1-9][0-9]*, errors: [0-9]+, processes seen: [1-9][0-9]*, events lost: [0-9]+$' "$T/a.txt" ||
	fail "no totals line: $(head -n 3 "$T/a.txt")"
grep -q '^most active processes:$' "$T/a.txt" || fail "no process table"
grep -Eq "^ .* $bg st_known\$" "$T/a.txt" || fail "the fixture ($bg st_known) is not among the processes: $(cat "$T/a.txt")"

"$SW" stat -a --duration 1 --json -o "$T/a.json" 2>"$T/a.err" || fail "stat -a --json failed: $(cat "$T/a.err")"
python3 - "$T/a.json" "$bg" <<'PY' || fail "system-wide JSON"
import json, sys
o = json.loads(open(sys.argv[1]).read())
bg = int(sys.argv[2])
assert o['scope'] == 'system-wide' and o['engine'] == 'ebpf', o
assert 0.9e9 < o['elapsed_ns'] < 3e9, o['elapsed_ns']
me = [p for p in o['processes'] if p['pid'] == bg]
assert me and me[0]['comm'] == 'st_known', me
# the fixture runs rounds of 100 getppid, 7 chdir, 10 faccessat, 5 getcwd
assert me[0]['calls'] >= 122 and me[0]['errors'] >= 16, me
names = {s['name']: s for s in o['syscalls']}
for n in ('getppid', 'chdir', 'faccessat', 'getcwd'):
    assert n in names, n
assert names['chdir']['errors'] >= 7, names['chdir']
assert o['processes_seen'] >= len(o['processes']) >= 1
assert o['totals']['calls'] == sum(s['calls'] for s in o['syscalls'])
assert isinstance(o['lost'], int)
PY

# --comm keeps only that name, in the kernel
"$SW" stat -a --duration 0.5 --comm st_known --json -o "$T/c.json" || fail "stat -a --comm failed"
python3 - "$T/c.json" "$bg" <<'PY' || fail "--comm"
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert o['processes'] and all(p['comm'] == 'st_known' for p in o['processes']), o['processes']
PY
echo ok
