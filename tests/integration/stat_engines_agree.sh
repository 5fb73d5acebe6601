#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# stat --engine ebpf (counted in the kernel): exact calls and errors of known
# syscalls, also count-only (--no-latency, counted at sys_enter); and the two
# engines agree, syscall by syscall and process by process, on the same run.
. "$(dirname "$0")/stat_lib/common.bash"
need_ptrace
need_ebpf

"$SW" stat --engine ebpf --json --histogram -f -o "$T/ebpf.json" -- "$FX/st_known" --rounds 3 --child >"$T/want" ||
	fail "ebpf run failed"
check_json "$T/ebpf.json" "$T/want"
"$SW" stat --engine ptrace --json --histogram -f -o "$T/ptrace.json" -- "$FX/st_known" --rounds 3 --child >"$T/want.p" ||
	fail "ptrace run failed"
check_json "$T/ptrace.json" "$T/want"

python3 - "$T/ebpf.json" "$T/ptrace.json" <<'PY' || fail "the engines disagree"
import json, sys
e, p = (json.loads(open(f).read()) for f in sys.argv[1:3])
assert e['engine'] == 'ebpf' and p['engine'] == 'ptrace'
rows = lambda o: {s['name']: (s['calls'], s['errors']) for s in o['syscalls']}
re_, rp = rows(e), rows(p)
diff = {n: (re_.get(n), rp.get(n)) for n in set(re_) | set(rp) if re_.get(n) != rp.get(n)}
assert not diff, 'per syscall (ebpf, ptrace): %r' % diff
assert e['totals']['calls'] == p['totals']['calls'] and e['totals']['errors'] == p['totals']['errors']
procs = lambda o: sorted((q['calls'], q['errors'], q['comm']) for q in o['processes'])
assert procs(e) == procs(p), (procs(e), procs(p))
assert e['lost'] == 0, e['lost']
for s in e['syscalls']:  # the kernel's histograms and times add up too
    assert sum(b['count'] for b in s['hist']) == s['calls'], s
    assert s['total_ns'] >= s['max_ns'] > 0, s
PY

# count-only: one program at sys_enter, the same calls (errors are not known there)
"$SW" stat --engine ebpf --no-latency -o "$T/n.txt" -- "$FX/st_known" >/dev/null || fail "--no-latency table failed"
head -n 1 "$T/n.txt" | grep -q '^% calls     calls syscall$' || fail "count-only header: $(head -n 1 "$T/n.txt")"
"$SW" stat --engine ebpf --no-latency --json -o "$T/n.json" -- "$FX/st_known" --rounds 2 >"$T/want2" ||
	fail "--no-latency run failed"
python3 - "$T/n.json" "$T/want2" <<'PY' || fail "--no-latency counts"
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert o['latency'] is False, o['latency']
got = {s['name']: s for s in o['syscalls']}
for line in open(sys.argv[2]):
    name, calls, errors = line.split()
    assert got[name]['calls'] == int(calls), (name, got[name])
    assert got[name]['total_ns'] is None and got[name]['errors'] is None, got[name]
PY
echo ok
