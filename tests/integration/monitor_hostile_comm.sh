#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A process renamed to terminal escapes ("\e]0;PWNED\a\n\e[2J"): the monitor's
# events, alerts (file, stdout) and syslog messages carry its comm as JSON \u
# escapes, byte for byte, and no raw control byte of it.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
JSON='"comm":"\u001b]0;PWNED\u0007\n\u001b[2J"'

# a syslog socket: each datagram is written out on a line of its own
"$PY" - "$T/log.sock" "$T/syslog" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], 'ab', buffering=0) as out:
    while True:
        out.write(s.recv(65536) + b'\n')
PY
syslogd=$!
trap 'kill $syslogd 2>/dev/null; cleanup' EXIT
wait_for 10 test -S "$T/log.sock" || fail "the test's syslog socket did not appear"

cat >"$T/monitor.yaml" <<YAML
syscalls:
  include: [openat]
builtin_rules: none
rules:
  - name: hostile-marker
    syscalls: [openat]
    path_prefixes: [/nonexistent-syswatch-dir/hostile-comm]
    threshold: 0
    key: comm
    severity: warning
outputs:
  events: $T/events.jsonl
  alerts: $T/alerts.jsonl
  stdout: true
  syslog: true
  syslog_socket: $T/log.sock
YAML
mon_start "$T/monitor.yaml"
pid=$("$FIXTURES/hostile_comm" 5) || fail "hostile_comm"
mon_wait_count 1 "$T/alerts.jsonl" rule=hostile-marker || fail "no alert for the renamed process $pid"
mon_wait_count 5 "$T/events.jsonl" pid="$pid" syscall=openat || fail "the events of pid $pid are missing"
wait_for 10 grep -qF hostile-marker "$T/syslog" || fail "no alert on syslog"
mon_stop

for f in alerts.jsonl stdout syslog; do
	grep -F hostile-marker "$T/$f" | grep -qF "$JSON" || fail "$f: the alert has no $JSON: $(grep -aF hostile-marker "$T/$f" | head -n 1)"
done
n=$(grep -F "\"pid\":$pid," "$T/events.jsonl" | grep -cF "$JSON")
[ "$n" -ge 5 ] || fail "events: $n lines of pid $pid with $JSON"
for f in events.jsonl alerts.jsonl stdout syslog; do
	! grep -q $'[\033\a]' "$T/$f" || fail "$f: a raw escape byte: $(grep -a $'[\033\a]' "$T/$f" | head -n 1 | cat -A)"
done
echo ok
