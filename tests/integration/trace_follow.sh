#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -f follows threads and children: getppid events come from three tids, the
# pid of each is its thread group; without -f only the leader is traced.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

ids=$("$SW" trace --engine ptrace -f --json -o "$T/f.jsonl" -- "$FX/pt_family") || fail "pt_family failed under -f"
json_check "$T/f.jsonl"
read -r _ leader _ thread _ child <<<"$ids"
calls=$(json_select "$T/f.jsonl" 'o["type"]=="syscall" and o["syscall"]=="getppid"' tid | sort -u | tr '\n' ' ')
for t in "$leader" "$thread" "$child"; do
	grep -qw "$t" <<<"$calls" || fail "no getppid from tid $t (got: $calls)"
done
tpid=$(json_select "$T/f.jsonl" "o['type']=='syscall' and o['tid']==$thread" pid | sort -u)
[ "$tpid" = "$leader" ] || fail "the thread's events have pid '$tpid', not $leader"
cpid=$(json_select "$T/f.jsonl" "o['type']=='syscall' and o['tid']==$child" pid | sort -u)
[ "$cpid" = "$child" ] || fail "the child's events have pid '$cpid', not $child"
json_select "$T/f.jsonl" "o['type']=='exit' and o['tid']==$child" status | grep -qx 0 || fail "no exit event of the child"

# strace's text: "[pid N] " while several are traced; with -o a pid column
ids=$("$SW" trace --engine ptrace -f -e trace=getppid -o "$T/f.txt" -- "$FX/pt_family") || fail "-f -o failed"
read -r _ leader _ thread _ child <<<"$ids"
grep -Eq "^$child +getppid\(\) += $leader\$" "$T/f.txt" || fail "no '$child getppid() = $leader' line: $(cat "$T/f.txt")"
ids=$("$SW" trace --engine ptrace -f -e trace=getppid -- "$FX/pt_family" 2>"$T/f.err") || fail "-f to stderr failed"
read -r _ leader _ thread _ child <<<"$ids"
grep -Eq "^\[pid +$thread\] getppid\(\) += [0-9]+\$" "$T/f.err" || fail "no [pid $thread] prefix: $(cat "$T/f.err")"

# without -f: the leader only
ids=$("$SW" trace --engine ptrace --json -o "$T/nf.jsonl" -- "$FX/pt_family") || fail "pt_family failed without -f"
read -r _ leader _ thread _ child <<<"$ids"
tids=$(json_select "$T/nf.jsonl" 'o["type"]=="syscall"' tid | sort -u | tr '\n' ' ')
[ "$tids" = "$leader " ] || fail "without -f, events from tids: $tids"
echo ok
