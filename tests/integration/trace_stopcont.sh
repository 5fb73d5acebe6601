#!/usr/bin/env bash
# Group-stop (SIGSTOP then SIGCONT from the parent) and vfork+exec under -f:
# the program behaves as without a tracer and the trace sees the vfork child.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

out=$(timeout 20 "$SW" trace --engine ptrace -f --json -o "$T/g.jsonl" -- "$FX/pt_stopcont")
rc=$?
[ $rc -eq 0 ] || fail "pt_stopcont exited $rc under the tracer: $out"
[ "$out" = done ] || fail "output: $out"
json_check "$T/g.jsonl"
json_select "$T/g.jsonl" 'o["type"]=="signal"' signal | grep -q SIGSTOP || fail "no SIGSTOP seen"
json_select "$T/g.jsonl" 'o["type"]=="exit" and o["status"]==5' tid | grep -q . || fail "no exit 5 of the stopped child"
# the vfork child exec'ed /bin/true: an execve with ret 0 from a tid that is not the leader
leader=$(json_select "$T/g.jsonl" 'o["type"]=="syscall"' pid | head -n 1)
json_select "$T/g.jsonl" "o['type']=='syscall' and o['syscall']=='execve' and o['ret']==0 and o['tid']!=$leader" tid | grep -q . ||
	fail "the vfork child's execve is missing"
json_select "$T/g.jsonl" "o['type']=='syscall' and o['comm']=='true'" tid | grep -q . || fail "no events named 'true'"
echo ok
