#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -a traces every process, each line prefixed with its pid and comm, and
# --duration ends it; filters apply in the kernel: --comm, --uid, -e trace=.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf

"$FX/pt_sleeper" >"$T/pid" &
sleeper=$!
disown
pids=$sleeper
trap 'kill -9 $pids 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 100); do [ -s "$T/pid" ] && break; sleep 0.05; done

start=$(date +%s%N)
"$SW" trace --engine ebpf -a --duration 1 -e trace=getppid -o "$T/a.txt" 2>"$T/a.err" || fail "-a exited $?: $(cat "$T/a.err")"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $ms -ge 900 ] && [ $ms -lt 5000 ] || fail "--duration 1 took $ms ms"
n=$(grep -Ec "^$sleeper +pt_sleeper +getppid\(\) += [0-9]+$" "$T/a.txt")
[ "$n" -ge 10 ] || fail "-a: $n getppid lines of the sleeper: $(head -n 3 "$T/a.txt")"
# "PID   COMM            rest": the pid, then the comm in 15 columns
bad=$(grep -Ev '^[0-9]+ +.{15} [^ ]' "$T/a.txt" | head -n 1)
[ -z "$bad" ] || fail "a line without its pid and comm: $bad"

# --comm: only that name
"$SW" trace --engine ebpf -a --comm pt_sleeper --duration 0.5 -o "$T/c.txt" 2>/dev/null || fail "--comm exited $?"
grep -q . "$T/c.txt" || fail "--comm: nothing"
awk '{print $2}' "$T/c.txt" | grep -vx pt_sleeper | grep -q . && fail "--comm let through: $(awk '{print $2}' "$T/c.txt" | sort -u | tr '\n' ' ')"

# --uid: a second sleeper runs as nobody; only its calls pass
setpriv --reuid=65534 --regid=65534 --clear-groups "$FX/pt_sleeper" >"$T/pid2" &
pids="$pids $!"
disown
for _ in $(seq 100); do [ -s "$T/pid2" ] && break; sleep 0.05; done
other=$(cat "$T/pid2")
"$SW" trace --engine ebpf -a --uid 65534 -e trace=getppid --duration 0.5 -o "$T/u.txt" 2>/dev/null || fail "--uid exited $?"
grep -Eq "^$other +pt_sleeper +getppid" "$T/u.txt" || fail "--uid: nobody's sleeper missing"
grep -Eq "^$sleeper " "$T/u.txt" && fail "--uid: root's sleeper got through"
echo ok
