#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SIGHUP keeps the windows of the rules it leaves unchanged: 3 deletions
# before a reload and 3 after trip a rule of threshold 5 that the reload kept
# (count 6), while a rule the reload changed starts afresh (its 3 events
# after the reload stay under its new threshold of 4).
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
mkdir "$T/victims" "$T/victims2"

config() { # threshold of the changed rule
	cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [unlinkat]}
processes: {comms: [mon_load]}
rules:
  - name: kept
    syscalls: [unlinkat]
    condition: {path: "$T/victims/*"}
    threshold: 5
    key: global
  - name: changed
    syscalls: [unlinkat]
    condition: {path: "$T/victims/*"}
    threshold: $1
    key: global
outputs: {alerts: $T/alerts.jsonl, stdout: false}
YAML
}
config 5
mon_start "$T/monitor.yaml"
"$FIXTURES/mon_load" unlink "$T/victims" 3 >/dev/null || fail "mon_load"
# let the events in before the reload
sleep 1
config 4
kill -HUP "$MON_PID"
wait_for 20 grep -q "reloaded" "$T/log" || fail "no reload"
pid=$("$FIXTURES/mon_load" unlink "$T/victims" 3) || fail "mon_load"
mon_wait_count 1 "$T/alerts.jsonl" rule=kept || fail "the kept rule forgot its window across SIGHUP"
sleep 1
mon_stop
[ "$(mon_count "$T/alerts.jsonl" rule=kept count=6)" = 1 ] || fail "kept: not one alert counting 6: $(cat "$T/alerts.jsonl")"
"$PY" - "$T/alerts.jsonl" "$pid" <<'PY' || fail "kept: the window does not span the reload"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], "rb")][0]
assert a["last"]["pid"] == int(sys.argv[2]) and a["first"]["pid"] != a["last"]["pid"], a
PY
[ "$(mon_count "$T/alerts.jsonl" rule=changed)" = 0 ] || fail "the changed rule kept its old window"
echo "ok: an unchanged rule's window survived SIGHUP, a changed one started afresh"
