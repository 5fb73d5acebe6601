#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# verify catches a real disagreement: with --inject, ptrace hands the command
# a made-up result while the kernel never runs the call, so the eBPF engine
# (the kernel's view) has no such call. verify must exit 1, count exactly the
# injected calls as differences, show ptrace's line with no eBPF line, and
# still match everything else.
. "$(dirname "$0")/verify_lib/common.bash"
need_engines

# getppid calls 3, 13, ..., 93 of the main thread's 100: 10 injections
"$SW" verify --json --diffs 3 -o "$T/r.json" --inject getppid:retval=4242:when=3+10 -- "$FX/vf_known" >"$T/want"
rc=$?
[ $rc = 1 ] || { cat "$T/r.json"; fail "verify exited $rc, want 1 (the engines differ)"; }
$PY - "$T/r.json" <<'PY' || fail "report (see above)"
import json, sys
o = json.load(open(sys.argv[1]))
assert o['agree'] is False
assert o['injected'] == 10 and o['differences'] == 10, (o['injected'], o['differences'])
assert o['mismatched'] == o['only_ptrace'] == o['only_ebpf'] == 0
assert o['ptrace']['syscalls'] == o['ebpf']['syscalls'] + 10
assert o['matched'] == o['ebpf']['syscalls']
assert 'injected by ptrace' in o['verdict'], o['verdict']
g = o['by_syscall']['getppid']
assert g['matched'] == 90 and g['injected'] == 10, g
d = o['first_differences']
assert len(d) == 3, d  # --diffs 3
for x in d:
    assert x['kind'] == 'injected' and x['ebpf'] is None, x
    assert x['ptrace'].startswith('getppid() = 4242'), x
assert [x['seq'] for x in d] == sorted(x['seq'] for x in d)
assert d[1]['seq'] - d[0]['seq'] == 10, d
PY

# the text report shows both sides of a difference
"$SW" verify -o "$T/r.txt" --inject chdir:error=EACCES:when=2 -- "$FX/vf_known" >/dev/null
rc=$?
[ $rc = 1 ] || fail "text run exited $rc, want 1"
grep -q '^syswatch verify: the engines differ on 1 call' "$T/r.txt" || fail "verdict: $(head -n 1 "$T/r.txt")"
grep -Eq '^  tid [0-9]+ call [0-9]+: injected by ptrace$' "$T/r.txt" || fail "difference header missing"
grep -q '^    ptrace: chdir("/nonexistent-syswatch-vf-known") = -1 EACCES' "$T/r.txt" ||
	fail "ptrace line: $(grep 'ptrace:' "$T/r.txt")"
grep -q '^    ebpf:   -$' "$T/r.txt" || fail "ebpf side: $(grep 'ebpf:' "$T/r.txt")"
echo ok
