#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# trace --engine ebpf takes ptrace's options and prints the same: -s, -e
# trace=SET (classes, negation), -Z, -T and -tt (timings removed before the
# comparison), --json (times and pids aside); --sample N reports about one
# call in N.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf
need_ptrace
command -v setarch >/dev/null || skip "setarch (util-linux) is missing"

# both engines, the same options; timestamps and durations cut off
both() {
	local eng
	for eng in ptrace ebpf; do
		setarch "$(uname -m)" -R "$SW" trace --engine "$eng" -f -o "$T/$eng.txt" "$@" >/dev/null 2>&1 ||
			fail "$eng $*: exit $?"
		sed -E -i 's/^([0-9]+ +)[0-9:.]+ /\1/; s/ <[0-9]+\.[0-9]{6}>$//' "$T/$eng.txt"
	done
	same_trace "$T/ptrace.txt" "$T/ebpf.txt" || fail "the engines differ with $*"
}

both -s 64 -- "$FX/bpf_fault"
both -s 8 -e trace=%file,write -- "$FX/bpf_fault"
both -e 'trace=!%memory,%desc' -- "$FX/demo"
both -Z -- "$FX/pt_hostile"
both -T -tt -e trace=%process,getppid -- "$FX/pt_family"
grep -q 'exit_group' "$T/ebpf.txt" || fail "-e trace=%process lost exit_group"

# JSON: the same objects once times and pids are set aside
for eng in ptrace ebpf; do
	setarch "$(uname -m)" -R "$SW" trace --engine "$eng" --json -o "$T/$eng.jsonl" -- "$FX/bpf_fault" >/dev/null 2>&1 ||
		fail "$eng --json: exit $?"
done
$PY - "$T/ptrace.jsonl" "$T/ebpf.jsonl" <<'PY' || fail "the JSON differs"
import json, re, sys
def load(path):
    out, names = [], {}
    for line in open(path):
        o = json.loads(line)
        for k in ('pid', 'tid'):
            if k in o:
                names.setdefault(str(o[k]), 'P%d' % (len(names) + 1))
        ren = lambda t: re.sub(r'\b\d+\b', lambda m: names.get(m.group(0), m.group(0)), t)
        for k in ('ts_ns', 'dur_ns', 'pid', 'tid'):
            o.pop(k, None)
        if o.get('syscall') == 'getrandom' or o.get('type') == 'summary':
            continue
        # the launched execve's pointers are in syswatch's memory, not the program's
        if o.get('syscall') == 'execve' and o.get('ret') == 0:
            o.pop('args')
            o.pop('text')
        for k in ('ret', 'ret_text', 'text'):
            if k in o:
                o[k] = ren(str(o[k]))
        out.append(json.dumps(o, sort_keys=True))
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
for i, (x, y) in enumerate(zip(a, b)):
    assert x == y, 'line %d:\n  %s\n  %s' % (i + 1, x, y)
assert len(a) == len(b), (len(a), len(b))
PY

# --sample 10: about 5000 of 50000 getppid calls (5 standard deviations: 4670..5330)
"$SW" trace --engine ebpf --sample 10 -e trace=getppid -o "$T/s.txt" -- "$FX/bpf_getppid" 50000 ||
	fail "--sample exited $?"
n=$(grep -c '^getppid()' "$T/s.txt")
[ "$n" -ge 4670 ] && [ "$n" -le 5330 ] || fail "--sample 10 reported $n of 50000 calls"
echo ok
