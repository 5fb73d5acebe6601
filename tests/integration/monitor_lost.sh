#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Lost events: a tiny ring buffer and a slow consumer (an unbatched events
# file) against a burst of syscalls. What was lost is reported in the log as a
# count, a rate and a share (a warning above lost_warn_ratio) and in the
# metrics, and in the alerts file as an events_lost record (at most one per
# report interval), and nothing vanishes silently: events written + events lost
# covers every syscall the burst made.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
N=300000
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [getppid]}
processes: {comms: [mon_load]}
performance:
  buffer_size: 64KB
  batching: off
  lost_warn_ratio: 0.001
  lost_report_interval: 1s
builtin_rules: none
outputs: {events: $T/events.jsonl, alerts: $T/alerts.jsonl, stdout: false, metrics: "127.0.0.1:0"}
YAML
mon_start "$T/monitor.yaml"
start=$(date +%s)
url=$(mon_metrics_url)
pid=$("$FIXTURES/mon_load" getppid $N) || fail "mon_load"
# let the reports of the burst come out
prev=-1
for i in $(seq 100); do
	n=$(mon_count "$T/events.jsonl" pid="$pid")
	[ "$n" = "$prev" ] && break
	prev=$n
	sleep 0.3
done
sleep 1.2
lost=$(mon_scrape "$url" | sed -n 's/^syswatch_events_lost_total //p')
[ -n "$lost" ] || fail "no syswatch_events_lost_total"
mon_stop
written=$(mon_count "$T/events.jsonl" pid="$pid" syscall=getppid)
[ "$lost" -gt 0 ] || skip "the engine kept up with $N syscalls into a 64KB ring buffer: nothing lost to report"
grep -qE "warning: lost [0-9]+ events in the last [0-9]+s \([0-9]+/s, [0-9.]+% of events\): raise performance.buffer_size" "$T/log" ||
	fail "no warning about lost events in the log"
# lost also counts records other than syscalls (process exits) that the
# kernel dropped, so the sum may exceed the burst, never fall short of it
[ "$written" -le $N ] || fail "$written events written for $N syscalls"
[ $((written + lost)) -ge $N ] || fail "written $written + lost $lost: events vanished without being counted"
# the alert sinks were told, rate-limited to one record per report interval
secs=$(( $(date +%s) - start + 1 ))
total=$(sed -n 's/.*stopped: .* \([0-9]*\) lost,.*/\1/p' "$T/log")
[ -n "$total" ] || fail "no stop line with the lost total"
"$PY" - "$T/alerts.jsonl" "$total" "$secs" <<'PY' || fail "events_lost records: $(head -c 600 "$T/alerts.jsonl")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], "rb")]
recs = [r for r in recs if r.get("type") == "events_lost"]
assert recs, "no events_lost record"
assert all(r["lost"] > 0 and 0 < r["lost_ratio"] <= 1 and r["time"].endswith("Z") for r in recs), recs
assert sum(r["lost"] for r in recs) <= int(sys.argv[2]), (sum(r["lost"] for r in recs), sys.argv[2])
assert len(recs) <= int(sys.argv[3]) + 1, "%d records in %s s" % (len(recs), sys.argv[3])
PY
echo "ok: $lost of $N events lost, reported in the log and the metrics; $written written"
