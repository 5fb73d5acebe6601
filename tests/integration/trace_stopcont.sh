#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Group-stop (SIGSTOP then SIGCONT from the parent) and vfork+exec under -f:
# the program behaves as without a tracer and the trace sees the vfork child;
# the stop is shown as strace shows it ("--- stopped by SIGSTOP ---" after the
# signal), on both engines.
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
json_select "$T/g.jsonl" 'o["type"]=="stopped"' signal | grep -qx SIGSTOP || fail "no stopped event in JSON"

engines=ptrace
"$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>/dev/null && engines="ptrace ebpf"
command -v strace >/dev/null && strace -o /dev/null /bin/true 2>/dev/null && engines="$engines strace"
for eng in $engines; do
	if [ "$eng" = strace ]; then
		timeout 20 strace -f -e trace=none -o "$T/$eng.txt" -- "$FX/pt_stopcont" >/dev/null
	else
		timeout 20 "$SW" trace --engine "$eng" -f -e trace=none -o "$T/$eng.txt" -- "$FX/pt_stopcont" >/dev/null
	fi
	child=$(awk '/--- SIGSTOP \{/ { print $1; exit }' "$T/$eng.txt")
	[ -n "$child" ] || fail "$eng: no SIGSTOP shown: $(cat "$T/$eng.txt")"
	# the child's own lines: the signal, then the stop
	awk -v p="$child" '$1 == p' "$T/$eng.txt" | grep -A1 -- '--- SIGSTOP {' | sed -n 2p |
		grep -qE '^[0-9]+ +--- stopped by SIGSTOP ---$' ||
		fail "$eng: no 'stopped by SIGSTOP' after the signal: $(cat "$T/$eng.txt")"
	[ "$(grep -c 'stopped by' "$T/$eng.txt")" = 1 ] || fail "$eng: more than one stop shown"
done
# -e signal=none hides it with the signals
"$SW" trace --engine ptrace -f -e trace=none -e signal=none -o "$T/none.txt" -- "$FX/pt_stopcont" >/dev/null
grep -q 'stopped by' "$T/none.txt" && fail "-e signal=none still shows the stop"
echo "ok: $engines"
