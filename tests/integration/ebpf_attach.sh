#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -p attaches to a running process without stopping it (it is never ptraced
# and keeps its pace), says so, traces all its threads (and, with -f, the
# threads and children it starts later), and --duration
# ends the trace while the process runs on.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf

"$FX/pt_sleeper" 3 >"$T/pid" &
sleeper=$!
disown
trap 'kill -9 $sleeper 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 100); do [ -s "$T/pid" ] && break; sleep 0.05; done
[ -s "$T/pid" ] || fail "the sleeper did not start"

start=$(date +%s%N)
"$SW" trace --engine ebpf -e trace=getppid -o "$T/p.txt" --duration 1 -p "$sleeper" 2>"$T/p.err" &
tracer=$!
for _ in $(seq 200); do grep -q attached "$T/p.err" && break; sleep 0.05; done
[ "$(awk '/^TracerPid:/ {print $2}' "/proc/$sleeper/status")" = 0 ] || fail "the process is ptraced"
state=$(awk '/^State:/ {print $2}' "/proc/$sleeper/status")
[ "$state" = S ] || [ "$state" = R ] || fail "the process is in state $state while traced"
wait $tracer || fail "-p --duration exited $?"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $ms -ge 900 ] && [ $ms -lt 5000 ] || fail "--duration 1 took $ms ms"
kill -0 "$sleeper" || fail "the process died"
# without -f: every thread of the process (about 50 calls a second each),
# each line with its thread id as strace -p -o prints it
calls=$(grep -Ec '^[0-9]+ +getppid\(\)' "$T/p.txt")
[ "$calls" -ge 30 ] || fail "only $calls getppid calls in a second: $(cat "$T/p.txt")"
tids=$(awk '$2 ~ /^getppid/ {print $1}' "$T/p.txt" | sort -u | wc -l)
[ "$tids" -eq 3 ] || fail "-p: getppid from $tids threads, not 3"
grep -q "Process $sleeper attached" "$T/p.err" || fail "no 'attached' message: $(cat "$T/p.err")"
grep -q "Process $sleeper detached" "$T/p.err" || fail "no 'detached' message: $(cat "$T/p.err")"

# -f: all three threads
"$SW" trace --engine ebpf -f -e trace=getppid -o "$T/f.txt" --duration 1 -p "$sleeper" 2>/dev/null || fail "-f -p exited $?"
tids=$(awk '$2 ~ /^getppid/ {print $1}' "$T/f.txt" | sort -u | wc -l)
[ "$tids" -eq 3 ] || fail "-f -p: getppid from $tids threads, not 3"
kill -0 "$sleeper" || fail "the process died after -f"

# attached until the process ends: the trace ends with it
"$SW" trace --engine ebpf -e trace=getppid -o "$T/e.txt" -p "$sleeper" 2>"$T/e.err" &
tracer=$!
for _ in $(seq 200); do grep -q attached "$T/e.err" && break; sleep 0.05; done
sleep 0.1
kill -9 "$sleeper"
for _ in $(seq 100); do kill -0 $tracer 2>/dev/null || break; sleep 0.05; done
kill -0 $tracer 2>/dev/null && { kill $tracer; fail "the trace outlived the process"; }
wait $tracer || fail "ended with the process: exited $?: $(cat "$T/e.err")"
grep -q '+++ killed by SIGKILL +++' "$T/e.txt" || fail "no killed line: $(tail -n 2 "$T/e.txt")"
echo ok
