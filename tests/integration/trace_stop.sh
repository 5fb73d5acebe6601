#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Ending a trace early: SIGTERM to syswatch ends the command it launched
# (exit 128+15, "+++ killed by SIGTERM +++"), a second signal kills it; with
# -p, --duration detaches after that time and the process runs on. A syscall
# that never returns (a child killed in pause()) is shown as "= ?".
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

"$SW" trace --engine ptrace -o "$T/term.txt" -- "$FX/pt_exit" sleep &
tracer=$!
child=
for _ in $(seq 100); do child=$(pgrep -P "$tracer" pt_exit) && break; sleep 0.05; done
[ -n "$child" ] || fail "no traced child"
# wait until the child sleeps in nanosleep (its line is written when the call returns)
for _ in $(seq 100); do
	grep -q 'nanosleep' "/proc/$child/wchan" 2>/dev/null && break
	[ "$(awk '/^State:/ {print $2}' /proc/$child/status 2>/dev/null)" = S ] &&
		[ "$(cat /proc/$child/comm 2>/dev/null)" = pt_exit ] && break
	sleep 0.05
done
kill -TERM "$tracer"
wait "$tracer"
rc=$?
[ $rc -eq 143 ] || fail "SIGTERM: syswatch exited $rc, not 143"
[ "$(tail -n 1 "$T/term.txt")" = "+++ killed by SIGTERM +++" ] || fail "last line: $(tail -n 1 "$T/term.txt")"
kill -0 "$child" 2>/dev/null && fail "the command outlived syswatch"

# -p with --duration: detach after the time, the process runs on
"$FX/pt_sleeper" >"$T/pid" &
sleeper=$!
trap 'kill -9 $sleeper 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do [ -s "$T/pid" ] && break; sleep 0.05; done
start=$(date +%s%N)
"$SW" trace --engine ptrace -o "$T/d.txt" --duration 0.5 -p "$sleeper" 2>/dev/null || fail "--duration -p exited $?"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $ms -ge 450 ] && [ $ms -lt 5000 ] || fail "--duration 0.5 took $ms ms"
grep -q '^getppid()' "$T/d.txt" || fail "nothing traced in 0.5 s"
kill -0 "$sleeper" || fail "the sleeper died"
[ "$(awk '/^TracerPid:/ {print $2}' /proc/$sleeper/status)" = 0 ] || fail "still traced after --duration"

# a syscall that never returns
"$SW" trace --engine ptrace -f -e trace=pause -o "$T/k.txt" -- "$FX/pt_exit" killchild || fail "killchild exited $?"
grep -Eq '^[0-9]+ +pause\(.*\) += \?$' "$T/k.txt" || fail "no 'pause() = ?': $(cat "$T/k.txt")"
grep -Eq '^[0-9]+ +\+\+\+ killed by SIGKILL \+\+\+$' "$T/k.txt" || fail "no killed line: $(cat "$T/k.txt")"
echo ok
