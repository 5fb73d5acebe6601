#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Sampling thins the recorded events only: with sample_rate 0.1, 60 processes
# deleting 1 to 5 files never raise mass deletion (threshold 5), 10 deleting 6
# raise it once each with the exact count, and the events file still keeps
# about one deletion in ten.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root

mkdir "$T/victims"
cat >"$T/monitor.yaml" <<YAML
syscalls:
  include: [unlinkat]
processes:
  comms: [mon_load]
performance:
  sample_rate: 0.1
rules:
  - name: 短时间内多次文件删除
    threshold: 5次/分钟
outputs:
  events: $T/events.jsonl
  alerts: $T/alerts.jsonl
  stdout: false
YAML
mon_start "$T/monitor.yaml"

under= total=0
for i in $(seq 60); do
	n=$(( (i - 1) % 5 + 1 ))
	under="$under $("$FIXTURES/mon_load" unlink "$T/victims" $n)" || fail "mon_load unlink $n"
	total=$((total + n))
done
over=
for i in $(seq 10); do
	over="$over $("$FIXTURES/mon_load" unlink "$T/victims" 6)" || fail "mon_load unlink 6"
	total=$((total + 6))
done
last=${over##* }
mon_wait_count 1 "$T/alerts.jsonl" pid="$last" || fail "no alert for the 6 deletions of pid $last"
sleep 1
mon_stop

for p in $under; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p")" = 0 ] || fail "an alert below the threshold for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
for p in $over; do
	n=$(mon_count "$T/alerts.jsonl" pid="$p" count=6) || fail "alerts file"
	[ "$n" = 1 ] || fail "$n alerts with count 6 for the 6 deletions of pid $p, want 1"
done
grep -q '"estimated"' "$T/alerts.jsonl" && fail "an alert says it is estimated"
# recorded: about one in ten of the $total deletions (one in ten of all
# mon_load deletions, lost events would make it fewer)
# (other tests may run mon_load meanwhile: only these processes count)
rec=$("$PY" - "$T/events.jsonl" $under $over <<'PY'
import json, sys
pids = set(int(p) for p in sys.argv[2:])
print(sum(1 for l in open(sys.argv[1], "rb") if json.loads(l).get("pid") in pids))
PY
) || fail "events file"
[ "$rec" -ge 1 ] && [ "$rec" -le $((total / 4)) ] || fail "$rec of $total deletions recorded with sample_rate 0.1"
echo "ok: 70 processes, $total deletions, $rec recorded, alerts only above the threshold"
