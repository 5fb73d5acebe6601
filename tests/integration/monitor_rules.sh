#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The daemon against the real kernel: 6 deletions in a minute give exactly one
# warning for that process (5 give none), 101 loopback connects one critical
# alert (100 none), and hostile file names cannot forge a JSON line.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root

mkdir "$T/victims"
cat >"$T/monitor.yaml" <<YAML
# the article's rule names and thresholds
syscalls:
  include: [unlinkat, unlink, connect]
# the kernel drops other programs' events: the machine may be busy
processes:
  comms: [mon_load]
rules:
  - name: 短时间内多次文件删除
    threshold: 5次/分钟
    severity: 警告
  - name: 异常网络连接
    threshold: "连接数 > 100/分钟"
    severity: 危险
outputs:
  events: $T/events.jsonl
  alerts: $T/alerts.jsonl
  stdout: false
YAML
mon_start "$T/monitor.yaml"

# 5 deletions: under the threshold
pid5=$("$FIXTURES/mon_load" unlink "$T/victims" 5) || fail "mon_load unlink 5"
# 6 deletions: one warning for that process, even with more events after it
pid6=$("$FIXTURES/mon_load" unlink "$T/victims" 6) || fail "mon_load unlink 6"
# 100 connects: under; 101: one critical alert
pidc100=$("$FIXTURES/mon_load" connect 100) || fail "mon_load connect 100"
pidc101=$("$FIXTURES/mon_load" connect 101) || fail "mon_load connect 101"
# 20 deletions of hostile names: one alert, and the names stay inside their strings
pidh=$("$FIXTURES/mon_load" unlink "$T/victims" 20 hostile) || fail "mon_load unlink hostile"

mon_wait_count 1 "$T/alerts.jsonl" pid="$pid6" || fail "no alert for the 6 deletions of pid $pid6"
mon_wait_count 1 "$T/alerts.jsonl" pid="$pidc101" || fail "no alert for the 101 connects of pid $pidc101"
mon_wait_count 1 "$T/alerts.jsonl" pid="$pidh" || fail "no alert for the hostile names of pid $pidh"
# the events of the last process are all in: it deleted 20 files
mon_wait_count 20 "$T/events.jsonl" pid="$pidh" syscall=unlinkat || fail "events of pid $pidh missing"
sleep 1
mon_stop

n=$(mon_count "$T/alerts.jsonl" pid="$pid6" rule=短时间内多次文件删除 severity=warning count=6) || fail "alerts file"
[ "$n" = 1 ] || fail "$n warning alerts for the 6 deletions, want exactly 1"
[ "$(mon_count "$T/alerts.jsonl" pid="$pid6")" = 1 ] || fail "other alerts for pid $pid6"
[ "$(mon_count "$T/alerts.jsonl" pid="$pid5")" = 0 ] || fail "an alert for 5 deletions"
n=$(mon_count "$T/alerts.jsonl" pid="$pidc101" rule=异常网络连接 severity=critical count=101) || fail "alerts file"
[ "$n" = 1 ] || fail "$n critical alerts for 101 connects, want exactly 1"
[ "$(mon_count "$T/alerts.jsonl" pid="$pidc100")" = 0 ] || fail "an alert for 100 connects"
[ "$(mon_count "$T/alerts.jsonl" pid="$pidh")" = 1 ] || fail "hostile names: not exactly one alert"
# every line of both files is one JSON object (mon_count checks), and no
# forged alert ("rule":"fake") appeared as a line of its own
[ "$(mon_count "$T/alerts.jsonl" rule=fake)" = 0 ] || fail "a file name forged an alert line"
[ "$(mon_count "$T/events.jsonl" rule=fake)" = 0 ] || fail "a file name forged an event line"

# what the alert says about the events: the process, its syscall, the path
"$PY" - "$T/alerts.jsonl" "$pid6" "$pidh" "$T/events.jsonl" "$pidc101" <<'PY' || fail "alert or event content"
import json, sys
alerts = [json.loads(l) for l in open(sys.argv[1], "rb")]
a = [x for x in alerts if x.get("pid") == int(sys.argv[2])][0]
assert a["key"] == "process" and a["comm"] == "mon_load" and a["threshold"] == 5 and a["window_s"] == 60, a
for end in ("first", "last"):
    e = a[end]
    assert e["pid"] == int(sys.argv[2]) and e["comm"] == "mon_load" and e["syscall"] == "unlinkat", e
    assert e["path"].startswith("file-"), e
assert a["first"]["ts_ns"] <= a["last"]["ts_ns"]
assert a["time"].endswith("Z") and a["type"] == "alert"
# hostile names: the valid bytes survive, the rest is escaped, one line each
h = [x for x in alerts if x.get("pid") == int(sys.argv[3])][0]
assert h["last"]["path"].startswith('evil\n{"rule":"fake"}"\\\x01\x1b[31m'), h["last"]
c = [x for x in alerts if x["rule"] == "异常网络连接" and x.get("pid") == int(sys.argv[5])][0]
assert c["first"]["addr"].startswith("127.0.0.1:") and c["first"]["syscall"] == "connect", c
events = [json.loads(l) for l in open(sys.argv[4], "rb")]
mine = [e for e in events if e.get("pid") == int(sys.argv[3]) and e["syscall"] == "unlinkat"]
assert len(mine) == 20, len(mine)
# credentials: the uid's name, gid and euid (the test runs as root)
assert all(e["uid"] == 0 and e["user"] == "root" and e["euid"] == 0 and e["gid"] == 0 for e in mine), mine[0]
assert a["first"]["user"] == "root", a
for e in mine:
    assert e["ret"] == 0 and e["errno"] is None and e["uid"] == 0, e
PY
echo "ok: one warning for 6 deletions (none for 5), one critical for 101 connects (none for 100), hostile names contained"
