#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Rule actions against the real kernel. action: verify traces the offending
# process with the ptrace engine (whichever engine trace would choose) for
# verify_seconds, counted from the attach, into a strace-format log
# named after the rule, pid and time (the alert names it); the process runs
# on and exits with its own status. action: kill sends SIGKILL from the
# kernel at the process's next syscall entry.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
# the tracer runs in a child of the daemon; LeakSanitizer cannot run under ptrace
export ASAN_OPTIONS=detect_leaks=0
mkdir "$T/logs"
# workloads named for this run: other tests' mon_load floods are not this daemon's
mon_own_load
touch "$T/verify-me" "$T/kill-me"
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [getppid]}
processes: {comms: [$MON_COMM]}
rules:
  - name: verify me
    syscalls: [openat]
    condition: {path: "$T/verify-me"}
    action: verify
    verify_seconds: 1
  - name: kill-me
    syscalls: [openat]
    condition: {path: "$T/kill-me"}
    action: kill
outputs: {alerts: $T/alerts.jsonl, stdout: false, verify_dir: $T/logs}
YAML
mon_start "$T/monitor.yaml"

"$MON_LOAD" linger 6 "$T/verify-me" >"$T/v.pid" &
job_v=$!
wait_for 10 test -s "$T/v.pid" || fail "mon_load linger did not start"
pid_v=$(cat "$T/v.pid")
# the ptrace engine: the process gets a tracer (the eBPF engine gives it none)
traced() { [ "$(awk '/^TracerPid:/ { print $2 }' "/proc/$pid_v/status")" -gt 0 ]; }
wait_for 6 traced || fail "the verified process never had a ptracer"
wait "$job_v"
status_v=$?
"$MON_LOAD" linger 10 "$T/kill-me" >"$T/k.pid"
status_k=$?
pid_k=$(cat "$T/k.pid")
[ "$status_v" = 3 ] || fail "the verified process exited $status_v, not 3: verification harmed it"
[ "$status_k" = 137 ] || fail "the process to kill exited $status_k, not 137 (SIGKILL)"
mon_wait_count 1 "$T/alerts.jsonl" rule="verify me" pid="$pid_v" action=verify || fail "no verify alert"
mon_wait_count 1 "$T/alerts.jsonl" rule=kill-me pid="$pid_k" action=kill killed=True || fail "no kill alert"
mon_stop

log=$("$PY" - "$T/alerts.jsonl" "$pid_v" "$MON_COMM" <<'PY'
import json, sys
a = [x for x in map(json.loads, open(sys.argv[1], "rb")) if x.get("rule") == "verify me"][0]
assert a["target_pid"] == int(sys.argv[2]) and a["target_comm"] == sys.argv[3], a
print(a["verify_log"])
PY
) || fail "the verify alert does not name its log"
case $log in "$T/logs/verify_me-$pid_v-"*Z.log) ;; *) fail "verify log named '$log'" ;; esac
[ -s "$log" ] || fail "verify log $log is empty"
# strace's format with -f -tt -T: "PID HH:MM:SS.uuuuuu getppid() = N <0.000010>"
grep -qE "^($pid_v +)?[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} getppid\(\) += [0-9]+ <[0-9]+\.[0-9]{6}>\$" "$log" ||
	fail "no timed getppid line in the verify log: $(head -n 5 "$log")"
n=$(grep -c 'getppid()' "$log")
[ "$n" -lt 60 ] || fail "$n getppid lines: the tracer did not detach after verify_seconds"
echo "ok: verify traced pid $pid_v ($n calls in $log) and it exited 3; kill stopped pid $pid_k with SIGKILL"
