#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# execve from a thread that is not the leader: the thread takes the leader's
# tid; its execve is reported once, completed (ret 0), on the leader's tid,
# and the new image is traced on (its getppid and exit status 7).
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

"$SW" trace --engine ptrace -f --json -o "$T/e.jsonl" -- "$FX/pt_exec_thread"
rc=$?
[ $rc -eq 7 ] || fail "exit status $rc, not 7"
json_check "$T/e.jsonl"
leader=$(json_select "$T/e.jsonl" 'o["type"]=="syscall"' pid | head -n 1)
execs=$(json_select "$T/e.jsonl" 'o["type"]=="syscall" and o["syscall"]=="execve" and o["ret"]==0' tid | tr '\n' ' ')
# the launch's own execve, then the thread's, which completes on the leader's tid
[ "$execs" = "$leader $leader " ] || fail "successful execve on tids '$execs', leader $leader"
json_select "$T/e.jsonl" "o['type']=='syscall' and o['syscall']=='getppid' and o['tid']==$leader" nr | grep -q . ||
	fail "the new image's getppid is missing"
status=$(json_select "$T/e.jsonl" "o['type']=='exit' and o['tid']==$leader" status)
[ "$status" = 7 ] || fail "exit event of the leader: '$status'"
echo ok
