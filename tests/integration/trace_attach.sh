#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -p attaches to every thread of a running process, and on SIGINT detaches:
# syswatch exits 0 and the process runs on, not stopped, not traced.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

"$FX/pt_sleeper" 3 >"$T/pid" &
sleeper=$!
cleanup() { kill -9 "$sleeper" 2>/dev/null; wait "$sleeper" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$T/pid" ] && break; sleep 0.05; done
[ "$(cat "$T/pid")" = "$sleeper" ] || fail "the sleeper did not start"
nthreads=$(ls /proc/$sleeper/task | wc -l)
[ "$nthreads" -eq 3 ] || fail "the sleeper has $nthreads threads"

"$SW" trace --engine ptrace --json -o "$T/a.jsonl" -p "$sleeper" 2>"$T/a.err" &
tracer=$!
# wait until events flow from all three threads
for _ in $(seq 100); do
	n=$(grep '"type":"syscall"' "$T/a.jsonl" | grep -o '"tid":[0-9]*' | sort -u | wc -l)
	[ "$n" -ge 3 ] && break
	sleep 0.05
done
[ "$n" -ge 3 ] || fail "events from $n threads, not 3"
tracer_of=$(awk '/^TracerPid:/ {print $2}' /proc/$sleeper/status)
[ "$tracer_of" = "$tracer" ] || fail "TracerPid is $tracer_of, not $tracer"
kill -INT "$tracer"
wait "$tracer"
rc=$?
[ $rc -eq 0 ] || fail "syswatch exited $rc after SIGINT: $(cat "$T/a.err")"
kill -0 "$sleeper" 2>/dev/null || fail "the sleeper died"
for task in /proc/$sleeper/task/*; do
	st=$(awk '/^State:/ {print $2}' "$task/status")
	tp=$(awk '/^TracerPid:/ {print $2}' "$task/status")
	[ "$tp" = 0 ] || fail "thread $(basename "$task") still traced by $tp"
	case $st in S|R) ;; *) fail "thread $(basename "$task") is in state $st after detach" ;; esac
done
# it still runs: it keeps making syscalls (its nanosleep counter goes up)
c1=$(awk '/^voluntary_ctxt_switches/ {print $2}' /proc/$sleeper/status)
sleep 0.2
c2=$(awk '/^voluntary_ctxt_switches/ {print $2}' /proc/$sleeper/status)
[ "$c2" -gt "$c1" ] || fail "the sleeper stopped running after detach"
json_check "$T/a.jsonl"
grep -q '"type":"attach"' "$T/a.jsonl" || fail "no attach events"
grep -q '"type":"detach"' "$T/a.jsonl" || fail "no detach events"
grep -q "^syswatch: Process $sleeper attached" "$T/a.err" || fail "no attach message: $(cat "$T/a.err")"

# a process another tracer holds cannot be traced: EPERM, one line, exit 1
"$SW" trace --engine ptrace -o /dev/null -p "$sleeper" 2>/dev/null &
holder=$!
for _ in $(seq 100); do
	tp=$(awk '/^TracerPid:/ {print $2}' /proc/$sleeper/status)
	[ "$tp" = "$holder" ] && break
	sleep 0.05
done
err=$("$SW" trace --engine ptrace -o /dev/null -p "$sleeper" 2>&1)
rc=$?
kill -TERM "$holder"
wait "$holder" || fail "the first tracer exited $? on SIGTERM"
[ $rc -ne 0 ] || fail "attaching to a traced process succeeded"
[ "$err" = "syswatch: cannot attach to pid $sleeper: Operation not permitted" ] || fail "message: $err"
st=$(awk '/^State:/ {print $2}' /proc/$sleeper/status)
case $st in S|R) ;; *) fail "sleeper in state $st after the failed attach" ;; esac

# a list where one pid is bad: error, and the good one is let go again
err=$("$SW" trace --engine ptrace -o /dev/null -p "$sleeper,999999" 2>&1)
rc=$?
[ $rc -ne 0 ] || fail "-p with a nonexistent pid succeeded"
[ "$err" = "syswatch: cannot attach to pid 999999: No such process" ] || fail "message: $err"
tp=$(awk '/^TracerPid:/ {print $2}' /proc/$sleeper/status)
[ "$tp" = 0 ] || fail "the sleeper stayed traced after a failed -p"
echo ok
