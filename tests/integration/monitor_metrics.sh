#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The metrics endpoint answers on loopback and its text passes
# `promtool check metrics` (or, without promtool, a strict checker of the
# exposition format below). SIGTERM in the middle of a burst flushes and
# leaves complete, valid JSON Lines; the exit status is 0.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
mkdir "$T/victims"
# the workloads under a name of their own: another test's connects would
# fire abnormal-network-connections here, which must stay at 0
mon_own_load

cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [getppid, unlinkat]}
processes: {comms: [$MON_COMM]}
performance: {batching: on, flush_interval: 5s}
rules: [{name: mass-file-deletion}, {name: abnormal-network-connections}]
outputs:
  events: $T/events.jsonl
  alerts: $T/alerts.jsonl
  stdout: false
  metrics: 127.0.0.1:0
YAML
mon_start "$T/monitor.yaml"
url=$(mon_metrics_url)
case $url in http://127.0.0.1:[0-9]*/metrics) ;; *) fail "metrics URL '$url'" ;; esac
pid=$("$MON_LOAD" unlink "$T/victims" 8) || fail "mon_load"
mon_wait_count 1 "$T/alerts.jsonl" pid="$pid" || fail "no alert"
# the daemon publishes its counters between polls, after the alert is
# written: scrape until they show it
scraped() {
	mon_scrape "$url" >"$T/metrics.txt" &&
		grep -q '^syswatch_syscall_events_total{syscall="unlinkat"} [1-9]' "$T/metrics.txt" &&
		grep -q '^syswatch_alerts_total{rule="mass-file-deletion",severity="warning"} [1-9]' "$T/metrics.txt"
}
if ! wait_for 10 scraped; then
	[ -s "$T/metrics.txt" ] || fail "the endpoint does not answer"
	grep -q '^syswatch_syscall_events_total{syscall="unlinkat"} [1-9]' "$T/metrics.txt" ||
		fail "no per-syscall count"
	fail "no alert count"
fi
grep -q '^syswatch_events_lost_total [0-9]' "$T/metrics.txt" || fail "no lost-events counter"
# a rule that never fired has its series, at 0; the build and process metrics
grep -q '^syswatch_alerts_total{rule="abnormal-network-connections",severity="critical"} 0$' "$T/metrics.txt" ||
	fail "no zero series for a rule that has not fired"
grep -qE '^syswatch_build_info\{version="[^"]+",commit="[^"]+"\} 1$' "$T/metrics.txt" || fail "no syswatch_build_info"
grep -qE '^process_cpu_seconds_total [0-9.]+$' "$T/metrics.txt" || fail "no process_cpu_seconds_total"
grep -qE '^process_resident_memory_bytes [1-9][0-9]{5,}$' "$T/metrics.txt" || fail "no process_resident_memory_bytes"
grep -q '^syswatch_bpf_map_bytes [1-9]' "$T/metrics.txt" || fail "BPF map memory not measured"

if command -v promtool >/dev/null; then
	promtool check metrics <"$T/metrics.txt" || fail "promtool check metrics"
else
	"$PY" - "$T/metrics.txt" <<'PY' || fail "the exposition format is not valid"
# The Prometheus text format 0.0.4, strictly: HELP and TYPE once per family,
# before its samples; samples of a family together; valid names, labels and
# values; no duplicate series; counters named *_total.
import re, sys
NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"'
text = open(sys.argv[1], encoding="utf-8").read()
assert text.endswith("\n"), "no final newline"
help_, type_, seen, done, series = {}, {}, None, set(), set()
for n, line in enumerate(text.split("\n")[:-1], 1):
    where = "line %d: %r" % (n, line)
    m = re.fullmatch(r"# (HELP|TYPE) (" + NAME + r") (.*)", line)
    if m:
        kind, name, rest = m.groups()
        table = help_ if kind == "HELP" else type_
        assert name not in table, "second %s for %s (%s)" % (kind, name, where)
        assert name not in done, "family split: " + where
        if kind == "TYPE":
            assert rest in ("counter", "gauge", "histogram", "summary", "untyped"), where
            assert name not in series, "TYPE after samples: " + where
            if rest == "counter":
                assert name.endswith("_total"), "counter without _total: " + where
        else:
            assert rest.strip(), "empty HELP: " + where
        if seen and seen != name:
            done.add(seen)
        seen = name
        table[name] = rest
        continue
    assert not line.startswith("#"), "stray comment: " + where
    m = re.fullmatch("(" + NAME + r")(\{(.*)\})? ([^ ]+)( -?[0-9]+)?", line)
    assert m, "not a sample: " + where
    name, _, labels, value, _ = m.groups()
    assert name == seen and name in type_ and name in help_, "sample outside its family: " + where
    pairs = []
    if labels:
        pos = 0
        while pos < len(labels):
            lm = re.compile(LABEL).match(labels, pos)
            assert lm, "bad label: " + where
            pairs.append(lm.groups())
            pos = lm.end()
            if pos < len(labels):
                assert labels[pos] == ",", "bad label separator: " + where
                pos += 1
        assert len({k for k, _ in pairs}) == len(pairs), "repeated label: " + where
    key = (name, tuple(sorted(pairs)))
    assert key not in series, "duplicate series: " + where
    series.add(key)
    series.add(name)
    if value not in ("NaN", "+Inf", "-Inf"):
        float(value)
    if type_[name] == "counter":
        assert float(value) >= 0, "negative counter: " + where
assert help_.keys() == type_.keys(), "HELP and TYPE differ"
print("exposition ok: %d families" % len(type_))
PY
fi

# SIGTERM during a burst: everything flushed, every line whole and valid.
# The burst is far longer than the test; SIGTERM goes once the daemon
# counts its calls, so it comes in the middle of it whatever the load.
"$MON_LOAD" getppid 1000000000 >"$T/burst.pid" &
burst=$!
trap 'kill -KILL $burst 2>/dev/null; cleanup' EXIT
getppid_counted() {
	mon_scrape "$url" | grep -q '^syswatch_syscall_events_total{syscall="getppid"} [1-9]'
}
wait_for 30 getppid_counted || fail "the daemon does not count the burst's calls"
mon_stop
kill -KILL "$burst"
wait "$burst" 2>/dev/null
grep -q "stopped: [0-9]* events received" "$T/log" || fail "no summary at exit"
n=$(mon_count "$T/events.jsonl") || fail "the events file is not complete, valid JSON Lines"
[ "$n" -gt 0 ] || fail "no events were written"
nb=$(mon_count "$T/events.jsonl" pid="$(cat "$T/burst.pid")" syscall=getppid)
[ "$nb" -gt 0 ] || fail "none of the burst's events counted before SIGTERM were written"
tail -c 1 "$T/events.jsonl" | od -An -c | grep -q '\\n' || fail "the events file does not end with a newline"
mon_count "$T/alerts.jsonl" >/dev/null || fail "the alerts file is not valid JSON Lines"
[ "$(stat -c %a "$T/events.jsonl")" = 600 ] || fail "events file mode is not 0600"
echo "ok: metrics valid, $n complete event lines after SIGTERM"
