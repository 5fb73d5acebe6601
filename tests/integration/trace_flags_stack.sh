#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -k: stack traces under each syscall, in strace's format, compared with
# strace -k frame by frame (file and function of each; offsets differ only
# where the unwinders do). ptrace unwinds with DWARF CFI like strace: every
# frame must be the same. eBPF walks frame pointers: the fixture is built
# with them, and the frames it finds (the syscall site, fl_leaf, fl_mid, main,
# then the first libc frame) must be strace's first frames. A binary without
# symbols gives FILE() [0xOFFSET] lines, as strace's.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
command -v strace >/dev/null || skip "strace is not installed"
strace -k -o /dev/null /bin/true 2>/dev/null || skip "this strace has no -k"
"$SW" trace --engine ptrace -k -o /dev/null -- /bin/true 2>"$T/k.err" ||
	skip "this syswatch has no -k: $(cat "$T/k.err")"
FL=$FX/fl_stack

# frames FILE: "syscall|file(function)|file(function)..." per syscall line
frames() {
	$PY - "$1" <<'PY'
import re, sys
cur = None
out = []
for line in open(sys.argv[1], encoding='utf-8', errors='replace'):
    line = line.rstrip('\n')
    m = re.match(r'^ > (.*?)\((.*?)(\+0x[0-9a-f]+)?\) \[0x[0-9a-f]+\]$', line)
    if m:
        if cur is not None:
            cur.append('%s(%s)' % (m.group(1), m.group(2)))
        continue
    m = re.match(r'^(?:\d+ +)?([a-z_0-9]+)\(', line)
    if cur is not None:
        out.append('|'.join(cur))
    cur = [m.group(1)] if m else None
if cur is not None:
    out.append('|'.join(cur))
print('\n'.join(out))
PY
}

SET=-e\ trace=getppid,close
for bin in "$FL" "$FX/fl_stack_stripped"; do
	# shellcheck disable=SC2086
	strace -f -k -o "$T/s.txt" $SET "$bin" </dev/null
	# shellcheck disable=SC2086
	"$SW" trace --engine ptrace -f -k -o "$T/p.txt" $SET -- "$bin" </dev/null || fail "ptrace -k $bin: exit $?"
	frames "$T/s.txt" >"$T/s.f"
	frames "$T/p.txt" >"$T/p.f"
	grep -q '^getppid|.*|' "$T/s.f" || fail "strace -k gave no frames for getppid: $(cat "$T/s.txt")"
	diff "$T/s.f" "$T/p.f" >"$T/d.txt" || fail "ptrace -k frames differ from strace's for $bin: $(cat "$T/d.txt")"
done
grep -q '^ > .*/fl_stack_stripped() \[0x[0-9a-f]*\]$' "$T/p.txt" ||
	fail "no FILE() [0x...] frame for the binary without symbols: $(cat "$T/p.txt")"
grep -q 'fl_stack_stripped(fl_' "$T/p.txt" && fail "names shown for a binary without symbols"
# the same with the seccomp pre-filter off, and without -f
# shellcheck disable=SC2086
"$SW" trace --engine ptrace --no-seccomp -k -o "$T/n.txt" $SET -- "$FL" </dev/null || fail "--no-seccomp -k: exit $?"
frames "$T/n.txt" | grep -q "^getppid|[^|]*(fl_leaf)|[^|]*(fl_mid)|[^|]*(main)|" || fail "--no-seccomp -k: $(cat "$T/n.txt")"
# JSON: the frames as a "stack" array
"$SW" trace --engine ptrace -k --json -o "$T/k.json" -e trace=getppid -- "$FL" </dev/null
json_check "$T/k.json"
$PY - "$T/k.json" <<'PY' || fail "JSON stack: $(cat "$T/k.json")"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
st = [e['stack'] for e in ev if e.get('syscall') == 'getppid']
assert st and any('(fl_leaf+0x' in f for f in st[0]) and not st[0][0].startswith(' > '), st
PY
# -c: strace's warning, and the count
"$SW" trace --engine ptrace -c -k -o "$T/c.txt" -- "$FL" </dev/null 2>"$T/c.err" || fail "-c -k: exit $?"
grep -q -- '-k/--stack-traces has no effect with -c' "$T/c.err" || fail "-c -k said: $(cat "$T/c.err")"

# eBPF: the fixture waits on its stdin until its last call's frames are in
# the trace (named while the process is alive), then ends
if "$SW" trace --engine ebpf -o /dev/null -- /bin/true >/dev/null 2>&1; then
	mkfifo "$T/in"
	# shellcheck disable=SC2086
	"$SW" trace --engine ebpf -f -k -o "$T/e.txt" $SET -- "$FL" wait <"$T/in" 2>"$T/e.err" &
	swp=$!
	exec 7>"$T/in"
	for _ in $(seq 300); do
		grep -q '^ > .*(__close' "$T/e.txt" 2>/dev/null && break
		kill -0 $swp 2>/dev/null || break
		sleep 0.1
	done
	exec 7>&-
	wait $swp || fail "ebpf -k: exit $? ($(cat "$T/e.err"))"
	frames "$T/e.txt" >"$T/e.f"
	# -f -o: the eBPF engine shows its own launch stub's calls too; keep the fixture's
	# shellcheck disable=SC2086
	strace -f -k -o "$T/s.txt" $SET "$FL" </dev/null
	frames "$T/s.txt" >"$T/s.f"
	$PY - "$T/s.f" "$T/e.f" <<'PY' || fail "ebpf -k frames are not strace's first ones: $(cat "$T/e.txt")"
import sys
def load(p):
    d = {}
    for l in open(p):
        parts = l.strip().split('|')
        d.setdefault(parts[0], []).append(parts[1:])
    return d
s, e = load(sys.argv[1]), load(sys.argv[2])
sg, eg = s['getppid'][-1], e['getppid'][-1]
# the syscall site, fl_leaf's caller chain and main's caller in libc, at least
assert len(eg) >= 4, eg
assert eg == sg[:len(eg)], (eg, sg)
assert [f.split('(')[1] for f in eg[:3]] == ['fl_leaf)', 'fl_mid)', 'main)'], eg
sc, ec = s['close'][-1], e['close'][-1]
assert ec and ec[0] == sc[0], (ec, sc)
PY
fi
echo ok
