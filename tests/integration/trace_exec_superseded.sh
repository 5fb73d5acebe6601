#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A thread other than the leader calls execve while the leader has called
# exit(42) and two threads wait in pause(): as strace shows it, on both
# engines, the threads' calls end unfinished ("= ?") and they exit, the
# leader's exit is shown when made and never as "+++ exited with 42 +++", the
# leader is "+++ superseded by execve in pid N +++" (N the exec'ing thread),
# and the execve completes in the leader's pid, followed by the new image.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

engines=ptrace
"$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>/dev/null && engines="ptrace ebpf"
command -v strace >/dev/null && strace -o /dev/null /bin/true 2>/dev/null && engines="$engines strace"
set=pause,exit,execve,getppid,exit_group

# The lines of a -f trace with pids as L (the leader), T (a waiting thread),
# X (the exec'ing thread); strace's unfinished/resumed halves joined.
shape() {
	python3 - "$1" <<'PY'
import re, sys
lines = [l.rstrip('\n') for l in open(sys.argv[1])]
leader = lines[0].split()[0]
m = [re.search(r'superseded by execve in pid (\d+)', l) for l in lines]
x = next((g.group(1) for g in m if g), 'none')
pend, out = {}, []
for l in lines:
    pid, text = l.split(None, 1)
    text = re.sub(r'\s+= ', ' = ', text)
    if text.endswith('<unfinished ...>'):
        pend[pid] = text[:-len('<unfinished ...>')].rstrip(' ')
        continue
    r = re.match(r'<\.\.\. (\S+) resumed>\s?(.*)', text)
    if r:
        # (the exec'ing thread's half: by the superseded line's pid, or with
        # -e quiet=superseded the one execve left unfinished)
        head = pend.pop(pid, None) or pend.pop(x, None) or next(
            (pend.pop(k) for k, v in list(pend.items()) if v.startswith('execve(')), '')
        text = head + ('' if head.endswith('(') else ' ') + r.group(2).lstrip(' ') if not r.group(2).startswith(')') else head + r.group(2)
    name = 'L' if pid == leader else 'X' if pid == x else 'T'
    text = re.sub(r'"[^"]*"\.\.\.|"/[^"]*"', 'PATH', text)
    text = re.sub(r'0x[0-9a-f]+', 'ADDR', text)
    text = re.sub(r'\b%s\b' % x, 'X', text)
    text = re.sub(r'getppid\(\) = \d+', 'getppid() = PPID', text)
    out.append(name + ' ' + text)
print('\n'.join(sorted(out[1:])))
PY
}

cat >"$T/want" <<'W'
L +++ exited with 7 +++
L +++ superseded by execve in pid X +++
L execve(PATH, [PATH, "after"], ADDR /* 0 vars */) = 0
L exit(42) = ?
L exit_group(7) = ?
L getppid() = PPID
T +++ exited with 0 +++
T +++ exited with 0 +++
T pause() = ?
T pause() = ?
W
for eng in $engines; do
	rc=0
	if [ "$eng" = strace ]; then
		timeout 30 strace -f -e trace=$set -o "$T/$eng.txt" -- "$FX/pt_exec_superseded" || rc=$?
	else
		timeout 30 "$SW" trace --engine "$eng" -f -e trace=$set -o "$T/$eng.txt" -- "$FX/pt_exec_superseded" || rc=$?
	fi
	[ $rc -eq 7 ] || fail "$eng: exit status $rc, not 7"
	shape "$T/$eng.txt" >"$T/$eng.got"
	diff -u "$T/want" "$T/$eng.got" || fail "$eng: the trace is not what strace shows: $(cat "$T/$eng.txt")"
done
# -e quiet=superseded (and its other name thread-execve) leaves the line out,
# as strace does, on every engine
grep -v '+++ superseded' "$T/want" >"$T/want.q"
for q in superseded thread-execve; do
	for eng in $engines; do
		rc=0
		if [ "$eng" = strace ]; then
			timeout 30 strace -f -e quiet=$q -e trace=$set -o "$T/q.txt" -- "$FX/pt_exec_superseded" || rc=$?
		else
			timeout 30 "$SW" trace --engine "$eng" -f -e quiet=$q -e trace=$set -o "$T/q.txt" -- "$FX/pt_exec_superseded" || rc=$?
		fi
		[ $rc -eq 7 ] || fail "$eng -e quiet=$q: exit status $rc, not 7"
		grep -q "+++ superseded" "$T/q.txt" && fail "$eng -e quiet=$q still shows the line"
		shape "$T/q.txt" >"$T/q.got"
		diff -u "$T/want.q" "$T/q.got" || fail "$eng -e quiet=$q: not what strace shows: $(cat "$T/q.txt")"
	done
done
echo "ok: $engines"
