# SPDX-License-Identifier: GPL-2.0-only
"""Checks syswatch stat output against the lines st_known prints.

  check.py json FILE EXPECTED    the last JSON object of FILE (JSON Lines)
  check.py table FILE EXPECTED   a strace -c style table in FILE
  check.py rows FILE             prints "name calls errors" of a text table

EXPECTED holds "name calls errors" lines; "child ..." lines are ignored."""
import json
import sys


def expected(path):
    want = {}
    for line in open(path):
        f = line.split()
        if len(f) == 3 and f[0] != 'child':
            want[f[0]] = (int(f[1]), int(f[2]))
    assert want, 'no expected lines in %s' % path
    return want


def table_rows(path):
    """name -> (calls, errors) from a table: rows between the dashes lines."""
    rows, dashes = {}, 0
    header = None
    for line in open(path):
        line = line.rstrip('\n')
        if line.startswith('% time') or line.startswith('% calls'):
            if line.split()[-1] == 'comm':  # the process table
                header = None
                continue
            header = line.split()
            rows, dashes = {}, 0  # the last table wins
            continue
        if header and line.startswith('------'):
            dashes += 1
            continue
        if header and dashes == 1 and line.strip():
            f = line.split()
            name = f[-1]
            if header[1] == 'time':  # % time seconds usecs/call calls [errors] name
                nums = f[3:-1]
            else:                    # % calls calls [errors] name
                nums = f[1:-1]
            rows[name] = (int(nums[0]), int(nums[1]) if len(nums) > 1 else 0)
    return rows


def json_rows(path):
    objs = [json.loads(l) for l in open(path) if l.strip()]
    assert objs, 'no JSON object in %s' % path
    o = objs[-1]
    for s in o['syscalls']:
        for k in ('name', 'nr', 'calls', 'errors', 'total_ns', 'max_ns'):
            assert k in s, 'missing %s in %r' % (k, s)
    return {s['name']: (s['calls'], s['errors']) for s in o['syscalls']}


def compare(got, want, what):
    bad = 0
    for name, (calls, errors) in sorted(want.items()):
        g = got.get(name)
        if g != (calls, errors):
            print('%s: %s: got %s, want calls=%d errors=%d' % (what, name, g, calls, errors))
            bad += 1
    return bad


def main():
    mode = sys.argv[1]
    if mode == 'rows':
        for name, (c, e) in sorted(table_rows(sys.argv[2]).items()):
            print(name, c, e)
        return 0
    got = json_rows(sys.argv[2]) if mode == 'json' else table_rows(sys.argv[2])
    return 1 if compare(got, expected(sys.argv[3]), sys.argv[2]) else 0


sys.exit(main())
