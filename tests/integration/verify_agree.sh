#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# verify on runs both engines see the same way: exit 0, every call matched,
# the fixture's own calls matched exactly as many times as it made them, and
# the command's exit status reported. With -f: a forked child and a thread,
# each lined up on its own.
. "$(dirname "$0")/verify_lib/common.bash"
need_engines

check() { # REPORT EXPECTED EXIT_CODE
	$PY - "$@" <<'PY' || fail "report $1 (see above)"
import json, sys
rep, want, code = sys.argv[1], sys.argv[2], int(sys.argv[3])
o = json.load(open(rep))
assert o['agree'] is True and o['verdict'] == 'the engines agree', o['verdict']
assert o['exit_code'] == code, ('exit_code', o['exit_code'], code)
n = o['ptrace']['syscalls']
assert n == o['ebpf']['syscalls'] == o['matched'] > 0, (n, o['ebpf']['syscalls'], o['matched'])
for k in ('mismatched', 'only_ptrace', 'only_ebpf', 'injected', 'differences'):
    assert o[k] == 0, (k, o[k])
assert o['ebpf']['lost'] == 0 and o['first_differences'] == []
by = o['by_syscall']
assert sum(v['matched'] for v in by.values()) == n
assert by['execve']['matched'] >= 1, by.get('execve')
for line in open(want):
    name, calls = line.split()
    assert by[name] == {'matched': int(calls), 'mismatched': 0, 'only_ptrace': 0,
                        'only_ebpf': 0, 'injected': 0}, (name, calls, by.get(name))
PY
}

"$SW" verify --json -o "$T/r1.json" -- "$FX/vf_known" --exit 7 >"$T/want1"
rc=$?
[ $rc = 0 ] || { cat "$T/r1.json"; fail "verify exited $rc on an identical run"; }
check "$T/r1.json" "$T/want1" 7

# -f: a child process and a thread, matched per thread
"$SW" verify -f --json -o "$T/r2.json" -- "$FX/vf_known" --child --thread >"$T/want2"
rc=$?
[ $rc = 0 ] || { cat "$T/r2.json"; fail "verify -f exited $rc"; }
check "$T/r2.json" "$T/want2" 0
grep -q '^getppid 180$' "$T/want2" || fail "the fixture did not make its child's and thread's calls"

# the text report says the same
"$SW" verify -o "$T/r3.txt" -- "$FX/vf_known" >/dev/null || fail "text report run: exit $?"
grep -q '^syswatch verify: the engines agree$' "$T/r3.txt" || fail "text verdict: $(head -n 1 "$T/r3.txt")"
grep -Eq '^command exit status: 0$' "$T/r3.txt" || fail "text exit status missing"
grep -Eq '^matched +([0-9]+) +\1$' "$T/r3.txt" || fail "text matched row: $(grep matched "$T/r3.txt")"
grep -Eq '^only in ptrace +0 ' "$T/r3.txt" || fail "text only-in-ptrace row"
echo ok
