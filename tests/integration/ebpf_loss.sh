#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Nothing is lost silently: with a 4 KiB ring buffer and a reader that cannot
# keep up (its output is a pipe nobody reads for a second), events are lost,
# and then produced (counted in the kernel, --verbose) = delivered + lost,
# exactly; the loss is reported ("N events lost") and in the JSON summary.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf

n=100000
"$SW" trace --engine ebpf --verbose --buffer-size 4k -e trace=getppid -o /dev/stdout -- "$FX/bpf_getppid" $n \
	2>"$T/err" | { sleep 1; cat >"$T/out"; }
read -r produced delivered lost < <(sed -n 's/^syswatch: ebpf: \([0-9]*\) events produced in the kernel, \([0-9]*\) delivered, \([0-9]*\) lost$/\1 \2 \3/p' "$T/err")
[ -n "${lost:-}" ] || fail "no counts in: $(cat "$T/err")"
[ "$lost" -gt 0 ] || fail "nothing was lost with a 4k buffer and a stalled reader (produced $produced)"
[ "$produced" -eq $((delivered + lost)) ] || fail "produced $produced != delivered $delivered + lost $lost"
# every getppid the kernel saw was produced: n calls plus the exit
[ "$produced" -eq $((n + 1)) ] || fail "produced $produced, expected $((n + 1))"
events=$(grep -vc '^syswatch: ' "$T/out")
[ "$events" -eq "$delivered" ] || fail "$events lines written, $delivered delivered"
grep -qx "syswatch: $lost events lost" "$T/err" "$T/out" || fail "no 'syswatch: $lost events lost' line"

"$SW" trace --engine ebpf --verbose --json --buffer-size 4k -e trace=getppid -o /dev/stdout -- "$FX/bpf_getppid" $n \
	2>"$T/jerr" | { sleep 1; cat >"$T/jout"; }
read -r produced delivered lost < <(sed -n 's/^syswatch: ebpf: \([0-9]*\) events produced in the kernel, \([0-9]*\) delivered, \([0-9]*\) lost$/\1 \2 \3/p' "$T/jerr")
[ -n "${lost:-}" ] && [ "$lost" -gt 0 ] || fail "json: no loss counted: $(cat "$T/jerr")"
[ "$produced" -eq $((delivered + lost)) ] || fail "json: produced $produced != delivered $delivered + lost $lost"
$PY - "$T/jout" "$lost" "$delivered" <<'PY' || fail "JSON summary"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
summary = [o for o in lines if o.get('type') == 'summary']
assert len(summary) == 1 and summary[0]['lost'] == int(sys.argv[2]), summary
# every event the kernel made and syswatch got is written (the command's
# "attach" is made by syswatch itself)
events = [o for o in lines if o.get('type') not in ('summary', 'attach')]
assert len(events) == int(sys.argv[3]), (len(events), sys.argv[3])
PY
echo ok
