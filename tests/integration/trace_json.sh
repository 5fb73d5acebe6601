#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# --json: one valid JSON object per line with the documented fields, whatever
# bytes the tracee put in its paths; a summary object at the end.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

"$SW" trace --engine ptrace --json -o "$T/h.jsonl" -- "$FX/pt_hostile" || fail "hostile run failed"
json_check "$T/h.jsonl"
$PY - "$T/h.jsonl" <<'PY' || fail "JSON fields"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
calls = [o for o in objs if o['type'] == 'syscall']
assert calls, 'no syscall events'
for o in calls:
    for k in ('ts_ns', 'pid', 'tid', 'comm', 'syscall', 'nr', 'args', 'ret', 'errno', 'dur_ns', 'text'):
        assert k in o, 'missing %s in %r' % (k, o)
    assert len(o['args']) == 6 and all(isinstance(a, int) and a >= 0 for a in o['args'])
    assert o['comm'] == 'pt_hostile', o['comm']
    assert o['text'].startswith(o['syscall'] + '('), o['text']
opens = [o for o in calls if o['syscall'] == 'openat' and o['args'][2] == 0 and o['errno'] == 'ENOENT']
assert len(opens) >= 4, 'failed opens: %d' % len(opens)
for o in opens:
    assert o['ret'] == -2, o
named = [o for o in calls if '/nonexistent-syswatch-dir/' in o['text']]
assert len(named) in (0, 4), 'paths in text: %d' % len(named)  # 0: a decoder printing addresses
assert objs[-1] == {'type': 'summary', 'events': len(objs) - 1, 'lost': 0}, objs[-1]
assert any(o['type'] == 'exit' and o['status'] == 0 for o in objs)
PY
# each line is one line: the newline inside a path is escaped
[ "$(wc -l <"$T/h.jsonl")" -eq "$(grep -c '^{.*}$' "$T/h.jsonl")" ] || fail "a line is not a whole object"

# execve argv with hostile bytes, -s cutting strings
"$SW" trace --engine ptrace --json -s 4 -o "$T/a.jsonl" -- /bin/echo $'a\x01"b\\\xff' >/dev/null || fail "argv run failed"
json_check "$T/a.jsonl"
echo ok
