#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Counts are exact: a program that makes exactly N getppid calls is seen
# exactly N times, streamed (text and JSON, none lost) and counted in the
# kernel (stat, with and without latency); with -f, one getppid from each of
# a process's leader, thread and child.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf

n=20000
"$SW" trace --engine ebpf -e trace=getppid -o "$T/c.txt" -- "$FX/bpf_getppid" $n || fail "trace exited $?"
got=$(grep -c '^getppid() *= [0-9]*$' "$T/c.txt")
[ "$got" -eq $n ] || fail "text: saw $got getppid calls of $n"
grep -q 'events lost' "$T/c.txt" && fail "events lost: $(grep 'events lost' "$T/c.txt")"

"$SW" trace --engine ebpf --json -e trace=getppid -o "$T/c.jsonl" -- "$FX/bpf_getppid" $n || fail "json exited $?"
$PY - "$T/c.jsonl" $n <<'PY' || fail "json counts"
import json, sys
calls = lost = None
calls = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o.get('type') == 'summary':
        lost = o['lost']
    elif o.get('syscall') == 'getppid':
        calls += 1
assert calls == int(sys.argv[2]), calls
assert lost == 0, lost
PY

for lat in "" --no-latency; do
	"$SW" stat --engine ebpf $lat --json -e trace=getppid -o "$T/s.json" -- "$FX/bpf_getppid" $n ||
		fail "stat $lat exited $?"
	$PY - "$T/s.json" $n <<'PY' || fail "stat $lat counts"
import json, sys
o = json.loads(open(sys.argv[1]).read())
got = {s['name']: s['calls'] for s in o['syscalls']}
assert got.get('getppid') == int(sys.argv[2]), got
PY
done

ids=$("$SW" trace --engine ebpf -f -e trace=getppid -o "$T/f.txt" -- "$FX/pt_family") || fail "-f exited $?"
read -r _ leader _ thread _ child <<<"$ids"
for tid in "$leader" "$thread" "$child"; do
	[ "$(grep -Ec "^$tid +getppid\(\)" "$T/f.txt")" -eq 1 ] || fail "-f: no single getppid from $tid: $(cat "$T/f.txt")"
done
"$SW" trace --engine ebpf -e trace=getppid -o "$T/nf.txt" -- "$FX/pt_family" >/dev/null || fail "no -f exited $?"
[ "$(grep -c '^getppid()' "$T/nf.txt")" -eq 1 ] || fail "without -f: $(cat "$T/nf.txt")"
echo ok
