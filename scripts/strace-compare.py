#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compares a syswatch trace with a strace trace of the same command.

Both files must come from `-f -o FILE` runs (a pid column on every line).
Values that differ from run to run (pids, addresses, random bytes, clocks) are
normalised; strace's <unfinished ...> / <... resumed> pairs are joined into
one line. Lines are then matched process by process, in order, and the share
of strace's lines that syswatch printed identically is reported.

usage: strace-compare.py STRACE_FILE SYSWATCH_FILE [--min PERCENT] [--show N] [--exact]
exit: 0 when the match is at least --min percent (default 0), 1 otherwise.
--exact: every line the same (syswatch's extra lines and extra processes
count as differences too; two empty traces are the same).
--summary: compare the strace -c tables the files hold instead (strace -c,
-C, -U, -S): the same header, dashes, column widths, rows in the same order
with the same names, calls and errors; times (%, seconds, shortest, longest,
usecs/call) only have to be numbers.
"""
import argparse
import difflib
import re
import sys

LINE = re.compile(r'^(\d+)\s+(.*)$')
UNFINISHED = re.compile(r'^(.*?)\s*<unfinished \.\.\.>$')
# (after the prefixes -t, -r, -i, -n put before it, which the unfinished half has too)
RESUMED = re.compile(r'^(?:[^<]*? )?<\.\.\. (\S+) resumed>\s?(.*)$')


def read_lines(path):
    """Yields (pid, text) with unfinished/resumed pairs joined."""
    pending = {}
    out = []
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        for raw in f:
            raw = raw.rstrip('\n')
            m = LINE.match(raw)
            if not m:
                continue
            pid, text = m.group(1), m.group(2)
            u = UNFINISHED.match(text)
            if u:
                pending[pid] = (len(out), u.group(1))
                out.append((pid, None))
                continue
            r = RESUMED.match(text)
            if r and pid in pending:
                idx, head = pending.pop(pid)
                rest = r.group(2)
                sep = '' if head.endswith(('(', ' ')) or rest.startswith(')') else ' '
                out[idx] = (pid, head + sep + rest)
                continue
            out.append((pid, text))
    return [(p, t) for p, t in out if t is not None]


HEX = re.compile(r'0x[0-9a-f]{5,}')
RANDOM = re.compile(r'^getrandom\("[^"]*"')
SYSINFO = re.compile(r'^sysinfo\(\{.*\}\)')
ALIGN = re.compile(r'\s+= ')
DURATION = re.compile(r' <\d+(?:\.\d+)?>$')
# -t/-tt/-ttt, --absolute-timestamps and -r prefixes at any precision:
# "12:00:01.123456 ", "1700000000.123 ", "     0.000123 ", "(+     0.000123) "
CLOCKS = re.compile(r'^(?:(?:\d\d:\d\d:\d\d(?:\.\d+)?|\s*\d+(?:\.\d+)?|\(\+\s*\d+(?:\.\d+)?\)) )+')


IP = re.compile(r'^((?:TIME |\[ *\d+\] )*)\[[0-9a-f]{16}\] ')


def normalise(text, pidmap):
    text = CLOCKS.sub('TIME ', text)
    text = IP.sub(r'\1[IP] ', text)  # -i: addresses differ from run to run
    for pid, name in pidmap.items():
        text = re.sub(r'\b%s\b' % pid, name, text)
    text = HEX.sub('0xADDR', text)
    text = RANDOM.sub('getrandom("RANDOM"', text)
    text = SYSINFO.sub('sysinfo({...})', text)
    text = re.sub(r'^(clock_gettime|gettimeofday|times|clock_nanosleep|nanosleep)\(.*', r'\1(TIME)', text)
    # CPU times of a child depend on the run
    text = re.sub(r'si_utime=\d+(?: /\* [^*]* \*/)?, si_stime=\d+(?: /\* [^*]* \*/)?', 'si_utime=T, si_stime=T', text)
    # the first traced process's parent is the tracer itself
    text = re.sub(r'^getppid\(\)\s+= \d+$', 'getppid() = PPID', text)
    text = DURATION.sub('', text)
    text = ALIGN.sub(' = ', text)
    return text


def by_process(lines):
    order = []
    procs = {}
    for pid, text in lines:
        if pid not in procs:
            procs[pid] = []
            order.append(pid)
        procs[pid].append(text)
    pidmap = {pid: 'PID%d' % i for i, pid in enumerate(order)}
    return [[normalise(t, pidmap) for t in procs[pid]] for pid in order]


DASHES = re.compile(r'^-+( -+)*$')
TIMED = {'% time', 'seconds', 'shortest', 'longest', 'usecs/call'}


def read_table(path):
    """(header, dashes, rows as lists of cells) of the first summary table."""
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        lines = [l.rstrip('\n') for l in f]
    for i, line in enumerate(lines):
        if DASHES.match(line) and i > 0:
            spans = [(m.start(), m.end()) for m in re.finditer(r'-+', line)]
            spans[-1] = (spans[-1][0], None)  # the last column runs to the end
            rows = []
            for raw in lines[i + 1:]:
                if DASHES.match(raw):
                    continue
                if not raw.strip():
                    break
                rows.append([raw[a:b].strip() if b else raw[a:].strip() for a, b in spans])
            titles = [lines[i - 1][a:b].strip() if b else lines[i - 1][a:].strip() for a, b in spans]
            return lines[i - 1], line, titles, rows
    return None


def compare_summary(ref_path, got_path):
    ref, got = read_table(ref_path), read_table(got_path)
    if ref is None and got is None:
        print('match: no table in either file')
        return 0
    if ref is None or got is None:
        print('only one file has a table: %s' % (ref_path if ref else got_path))
        return 1
    bad = 0
    for what, a, b in (('header', ref[0], got[0]), ('dashes', ref[1], got[1])):
        if a != b:
            print('%s differs:\n  strace:   %s\n  syswatch: %s' % (what, a, b))
            bad += 1
    number = re.compile(r'^\d+(\.\d+)?$')
    norm = lambda titles, row: [('TIME' if number.match(c) else c) if t in TIMED else c
                                for t, c in zip(titles, row)]
    a_rows = [norm(ref[2], r) for r in ref[3]]
    b_rows = [norm(got[2], r) for r in got[3]]
    for k in range(max(len(a_rows), len(b_rows))):
        a = a_rows[k] if k < len(a_rows) else None
        b = b_rows[k] if k < len(b_rows) else None
        if a != b:
            print('row %d differs:\n  strace:   %s\n  syswatch: %s' % (k + 1, a, b))
            bad += 1
    print('match: %d rows, %d differences' % (len(a_rows), bad))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('strace_file')
    ap.add_argument('syswatch_file')
    ap.add_argument('--min', type=float, default=0.0)
    ap.add_argument('--show', type=int, default=10)
    ap.add_argument('--exact', action='store_true')
    ap.add_argument('--summary', action='store_true')
    a = ap.parse_args()
    if a.summary:
        return compare_summary(a.strace_file, a.syswatch_file)

    ref = by_process(read_lines(a.strace_file))
    got = by_process(read_lines(a.syswatch_file))
    total = sum(len(p) for p in ref)
    matched = 0
    shown = 0
    extra = sum(len(p) for p in got[len(ref):])
    for i, ref_lines in enumerate(ref):
        got_lines = got[i] if i < len(got) else []
        sm = difflib.SequenceMatcher(None, ref_lines, got_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == 'equal':
                matched += i2 - i1
                continue
            extra += max(0, (j2 - j1) - (i2 - i1))
            for k in range(max(i2 - i1, j2 - j1)):
                if shown >= a.show:
                    break
                r = ref_lines[i1 + k] if i1 + k < i2 else ''
                g = got_lines[j1 + k] if j1 + k < j2 else ''
                print('  strace:   %s\n  syswatch: %s' % (r, g))
                shown += 1
    pct = 100.0 * matched / total if total else 0.0
    print('match: %d of %d strace lines (%.1f%%), %d processes' % (matched, total, pct, len(ref)))
    if a.exact:
        for extra_proc in got[len(ref):]:
            for g in extra_proc[:max(0, a.show - shown)]:
                print('  strace:   \n  syswatch: %s' % g)
                shown += 1
        if extra:
            print('syswatch printed %d lines strace did not' % extra)
        return 0 if matched == total and extra == 0 else 1
    return 0 if pct >= a.min else 1


if __name__ == '__main__':
    sys.exit(main())
