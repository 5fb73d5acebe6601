#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SIGHUP: a broken config is refused (daemon and old rules stay, the failure
# is logged and counted); a good one applies new rules; output files are
# reopened for log rotation. The daemon tells systemd READY, RELOADING and
# STOPPING on $NOTIFY_SOCKET.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
mkdir "$T/victims"

# a notify socket, as systemd gives a Type=notify service
"$PY" - "$T/notify.sock" "$T/notify.log" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(60)
with open(sys.argv[2], "ab", buffering=0) as out:
    try:
        while True:
            msg = s.recv(4096)
            out.write(msg.replace(b"\n", b" ") + b"\n")
            if b"STOPPING=1" in msg:
                break
    except socket.timeout:
        pass
PY
listener=$!
wait_for 5 test -S "$T/notify.sock" || fail "notify listener"

config() { # threshold severity
	cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [unlinkat]}
processes: {comms: [mon_load]}
rules:
  - name: deletions
    syscalls: [unlinkat, unlink]
    threshold: $1
    severity: $2
outputs: {alerts: $T/alerts.jsonl, stdout: false, metrics: "127.0.0.1:0"}
YAML
}
config 5 warning
NOTIFY_SOCKET=$T/notify.sock mon_start "$T/monitor.yaml"
wait_for 5 grep -q "READY=1" "$T/notify.log" || fail "no READY=1 on the notify socket"
url=$(mon_metrics_url)
grep_metrics() { mon_scrape "$url" | grep -q "$1"; }

# a broken config: refused, the daemon runs on with the old rule
printf 'rules:\n  - name: deletions\n    syscalls: [unlinkat]\n    threshold: "lots"\n' >"$T/monitor.yaml"
kill -HUP "$MON_PID"
wait_for 10 grep -q "reload refused" "$T/log" || fail "no 'reload refused' in the log"
grep -q "monitor.yaml:4:16: threshold 'lots'" "$T/log" || fail "the refusal does not say where the error is"
kill -0 "$MON_PID" || fail "the daemon died on a broken config"
wait_for 5 grep_metrics '^syswatch_config_reload_failures_total 1$' ||
	fail "reload failure not counted in the metrics"
mon_scrape "$url" | grep -q '^syswatch_config_last_reload_successful 0$' || fail "last reload shown as successful"
pid=$("$FIXTURES/mon_load" unlink "$T/victims" 6) || fail "mon_load"
mon_wait_count 1 "$T/alerts.jsonl" pid="$pid" severity=warning count=6 ||
	fail "the old rule (threshold 5, warning) no longer fires"
pid3=$("$FIXTURES/mon_load" unlink "$T/victims" 3) || fail "mon_load"

# log rotation: the file is moved away, the reload opens a new one
mv "$T/alerts.jsonl" "$T/alerts.jsonl.1"
# a good config: threshold 2, critical
config 2 critical
kill -HUP "$MON_PID"
wait_for 10 grep -q "reloaded $T/monitor.yaml" "$T/log" || fail "no 'reloaded' in the log"
wait_for 5 test -f "$T/alerts.jsonl" || fail "the alerts file was not reopened"
[ "$(stat -c %a "$T/alerts.jsonl")" = 600 ] || fail "the new alerts file is not 0600"
pid=$("$FIXTURES/mon_load" unlink "$T/victims" 3) || fail "mon_load"
mon_wait_count 1 "$T/alerts.jsonl" pid="$pid" severity=critical count=3 || fail "the new rule does not fire"
wait_for 5 grep_metrics '^syswatch_config_reloads_total 1$' || fail "reload not counted"
mon_scrape "$url" | grep -q '^syswatch_config_last_reload_successful 1$' || fail "last reload not shown as successful"
mon_scrape "$url" | grep -q '^syswatch_alerts_total{rule="deletions",severity="critical"} [1-9][0-9]*$' ||
	fail "alerts by severity not in the metrics"
mon_scrape "$url" | grep -q '^syswatch_alerts_total{rule="deletions",severity="warning"} [1-9][0-9]*$' ||
	fail "the old rule's alerts left the metrics"

# a config with other syscalls: the engine is re-attached with them
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [connect]}
processes: {comms: [mon_load]}
rules: [{name: abnormal-network-connections, threshold: 3}]
outputs: {alerts: $T/alerts.jsonl, stdout: false, metrics: "127.0.0.1:0"}
YAML
kill -HUP "$MON_PID"
wait_for 10 sh -c "[ \$(grep -c 'reloaded $T/monitor.yaml' '$T/log') -ge 2 ]" || fail "the third config was not applied"
grep -q "rules, 1 syscalls traced" "$T/log" || fail "the engine does not trace the new set"
pid=$("$FIXTURES/mon_load" connect 4) || fail "mon_load connect"
mon_wait_count 1 "$T/alerts.jsonl" pid="$pid" rule=abnormal-network-connections count=4 ||
	fail "no alert from the re-attached engine"
mon_stop
wait "$listener"
# 3 deletions under the old rule gave nothing; the old file got the old alert only
[ "$(mon_count "$T/alerts.jsonl.1" pid="$pid3")" = 0 ] || fail "an alert for 3 deletions under the old rule"
[ "$(mon_count "$T/alerts.jsonl.1")" -ge 1 ] || fail "the rotated file lost its alert"
for m in READY=1 RELOADING=1 STOPPING=1; do
	grep -q "$m" "$T/notify.log" || fail "no $m on the notify socket"
done
[ "$(grep -c 'READY=1' "$T/notify.log")" -ge 4 ] || fail "READY=1 not sent again after each reload"
echo "ok: broken config refused and counted, good config applied, files reopened, systemd notified"
