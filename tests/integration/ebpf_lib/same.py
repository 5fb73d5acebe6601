# SPDX-License-Identifier: GPL-2.0-only
"""Compares two syswatch traces written with -f -o (each line "PID  text").

Pids are renamed P1, P2, ... in order of first appearance in each file, also
where they appear inside a line (clone's return, wait4, si_pid); getrandom's
bytes are blanked, and so is the environment's address in the first execve
(an address in syswatch's own stack, which moves with syswatch's arguments)
and getppid's result when it is syswatch. futex calls are left out: whether
a thread waits for another depends on timing (a traced program runs slower), and
SIGCHLD signals are compared as a set per process (before or after the parent's
wait4, by timing). Lines are compared process by process, so two runs whose
processes interleave differently still compare equal. A number that equals a
pid of one run but is no pid (a size, say) is renamed in that run only: two
numbers compare equal when their names or their digits do. Exit 0 when the same;
else prints the first difference and exits 1."""
import re
import sys


class Line(tuple):
    """A line as tokens: text between numbers, and (digits, name) pairs."""

    def __eq__(self, other):
        if len(self) != len(other):
            return False
        for a, b in zip(self, other):
            if isinstance(a, tuple) and isinstance(b, tuple):
                if a[0] != b[0] and a[1] != b[1]:
                    return False
            elif a != b:
                return False
        return True

    def __ne__(self, other):
        return not self == other

    __hash__ = tuple.__hash__

    def __str__(self):
        return ''.join(t[1] if isinstance(t, tuple) else t for t in self)


def tokens(text, names):
    out = []
    for i, part in enumerate(re.split(r'\b(\d+)\b', text)):
        out.append((part, names.get(part, part)) if i % 2 else part)
    return Line(out)


def load(path):
    lines = open(path, encoding='utf-8', errors='surrogateescape').read().splitlines()
    names, rows = {}, []
    for line in lines:
        m = re.match(r'^(\d+) +(.*)$', line)
        if not m:
            rows.append(('-', line))
            continue
        pid, text = m.group(1), m.group(2)
        names.setdefault(pid, 'P%d' % (len(names) + 1))
        rows.append((pid, text))
    byproc = {}
    for pid, text in rows:
        # whether a thread waits for another depends on timing, not the engine
        if text.startswith('futex('):
            continue
        text = re.sub(r'^getrandom\("[^"]*"', 'getrandom("..."', text)
        text = re.sub(r'0x[0-9a-f]+ (/\* \d+ vars? \*/)', r'ENVP \1', text)
        # syswatch's own pid when the parent is not traced
        text = re.sub(r'^(getppid\(\) += )(\d+)$', lambda m: m.group(1) + (m.group(2) if m.group(2) in names else 'PPID'), text)
        text = re.sub(r' +(= )', r' \1', text)
        text = tokens(text, names)
        # a SIGCHLD comes before or after the parent's wait4 depending on
        # whether the child exited before the parent waited: timing, not the
        # engine; such signals are compared as a set per process
        if str(text).startswith('--- SIGCHLD '):
            byproc.setdefault(names.get(pid, pid) + ' SIGCHLD', []).append(text)
            continue
        byproc.setdefault(names.get(pid, pid), []).append(text)
    for key in byproc:
        if key.endswith(' SIGCHLD'):
            byproc[key].sort(key=str)
    return byproc


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    for proc in sorted(set(a) | set(b)):
        la, lb = a.get(proc, []), b.get(proc, [])
        for i in range(max(len(la), len(lb))):
            x = la[i] if i < len(la) else '<nothing>'
            y = lb[i] if i < len(lb) else '<nothing>'
            if x != y:
                print('%s line %d differs:\n  %s: %s\n  %s: %s' % (proc, i + 1, sys.argv[1], x, sys.argv[2], y))
                return 1
    return 0


sys.exit(main())
