#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# docs/events.schema.json describes what syswatch writes: trace --json's
# records (syscalls, signals, exits, kills, the summary) and the monitor's
# events and alerts, checked against the schema with python3-jsonschema.
. "$(dirname "$0")/trace_lib/common.bash"
SCHEMA="$SRCDIR/docs/events.schema.json"
$PY -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed (scripts/install-deps.sh)"
need_ptrace
check() {
	$PY "$SRCDIR/scripts/check-json-schema.py" "$SCHEMA" "$@" || fail "not valid against the schema: $*"
}

# the version the schema declares is the one the writer says it follows
v=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$SCHEMA")
grep -q "^#define SW_JSON_SCHEMA_VERSION $v\$" "$SRCDIR/src/output/output.h" ||
	fail "the schema's version $v is not SW_JSON_SCHEMA_VERSION"

# syscalls (failed, injected, noret), signals, exits, a kill, the summary
"$SW" trace --engine ptrace -f --json -o "$T/sig.jsonl" -- "$FX/pt_signal" || fail "pt_signal run failed"
"$SW" trace --engine ptrace --json --inject openat:error=ENOENT -o "$T/inj.jsonl" -- /bin/cat /nonexistent 2>/dev/null
"$SW" trace --engine ptrace --json -o "$T/kill.jsonl" -- /bin/sh -c 'kill -9 $$' 2>/dev/null
"$SW" trace --engine ptrace --json -o "$T/hostile.jsonl" -- "$FX/pt_hostile" || fail "pt_hostile run failed"
for t in syscall signal exit killed summary; do
	cat "$T"/*.jsonl | grep -q "\"type\":\"$t\"" || fail "no $t record to check"
done
grep -q '"injected":true' "$T/inj.jsonl" || fail "no injected record to check"
check "$T"/*.jsonl

# the schema rejects what it should: an unknown field, a wrong type
head -n 1 "$T/sig.jsonl" | sed 's/^{/{"surprise":1,/' >"$T/bad1.json"
head -n 1 "$T/sig.jsonl" | sed 's/"pid":[0-9]*/"pid":"1"/' >"$T/bad2.json"
for b in bad1 bad2; do
	$PY "$SRCDIR/scripts/check-json-schema.py" "$SCHEMA" "$T/$b.json" >/dev/null && fail "the schema accepts $b: $(cat "$T/$b.json")"
done

# the monitor's events and alerts (root and eBPF only)
[ "$(id -u)" = 0 ] || { echo "monitor part skipped: not root"; exit 0; }
"$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>/dev/null || { echo "monitor part skipped: no ebpf engine"; exit 0; }
rm -rf "$T" # the monitor part has its own temporary dir
. "$(dirname "$0")/monitor_lib/common.bash"
cat >"$T/monitor.yaml" <<YAML
syscalls:
  include: [openat]
builtin_rules: none
rules:
  - name: schema-marker
    syscalls: [openat]
    path_prefixes: [/nonexistent-syswatch-dir/schema]
    threshold: 0
    key: comm
    severity: warning
outputs:
  events: $T/events.jsonl
  alerts: $T/alerts.jsonl
YAML
mon_start "$T/monitor.yaml"
cat /nonexistent-syswatch-dir/schema-1 2>/dev/null
mon_wait_count 1 "$T/alerts.jsonl" rule=schema-marker || fail "no alert"
mon_stop
check "$T/events.jsonl" "$T/alerts.jsonl"
echo "ok: $(cat "$T"/*.jsonl | wc -l) records valid against schema version $v"
