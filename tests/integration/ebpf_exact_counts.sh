#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Counts add up exactly, also when the run is stopped in the middle of a
# flood (events in flight at the stop are read, or counted lost):
# - trace -a: events produced in the kernel = delivered + lost, and every
#   delivered event is a line of the JSON output (the summary says the same);
# - stat -a: the syscall table's total calls = the process table's total,
#   in the JSON and in the text tables.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf

trap flood_cleanup EXIT

# stop SIGNAL: stops $SWP, waiting at most 10 s (ebpf_stop.sh times it)
stop() {
	kill -"$1" "$SWP"
	for _ in $(seq 200); do kill -0 "$SWP" 2>/dev/null || break; sleep 0.05; done
	kill -0 "$SWP" 2>/dev/null && fail "still running 10 s after SIG$1"
	wait "$SWP"
	RC=$?
	SWP=
}

for run in 1 2 3; do
	rm -f "$T/t.json" "$T/t.err"
	flood
	"$SW" trace --engine ebpf -a --json --verbose -o "$T/t.json" 2>"$T/t.err" &
	SWP=$!
	started "$T/t.json"
	sleep 0.5
	stop INT
	unflood
	[ $RC -eq 0 ] || fail "run $run: trace exited $RC: $(cat "$T/t.err")"
	read -r produced delivered lost < <(sed -n 's/^syswatch: ebpf: \([0-9]*\) events produced in the kernel, \([0-9]*\) delivered, \([0-9]*\) lost$/\1 \2 \3/p' "$T/t.err")
	[ -n "${lost:-}" ] || fail "run $run: no counts: $(cat "$T/t.err")"
	echo "run $run: produced $produced, delivered $delivered, lost $lost"
	[ "$produced" -gt 10000 ] || fail "run $run: only $produced events under a flood"
	[ "$produced" -eq $((delivered + lost)) ] ||
		fail "run $run: produced $produced != delivered $delivered + lost $lost"
	$PY - "$T/t.json" "$delivered" "$lost" <<'PY' || fail "run $run: JSON output"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
summary = [o for o in lines if o.get('type') == 'summary']
assert len(summary) == 1 and lines[-1] is summary[0], 'one summary, last'
assert summary[0]['lost'] == int(sys.argv[3]), (summary[0], sys.argv[3])
assert len(lines) - 1 == int(sys.argv[2]) == summary[0]['events'], (len(lines) - 1, sys.argv[2], summary[0])
PY
done

flood
"$SW" stat --engine ebpf -a --json --verbose -o "$T/s.json" 2>"$T/s.err" &
SWP=$!
for _ in $(seq 200); do grep -q 'counting with' "$T/s.err" && break; sleep 0.05; done
sleep 1
stop INT
unflood
[ $RC -eq 0 ] || fail "stat -a --json exited $RC: $(cat "$T/s.err")"
$PY - "$T/s.json" <<'PY' || fail "stat -a JSON totals"
import json, sys
o = json.load(open(sys.argv[1]))
sc = sum(s['calls'] for s in o['syscalls'])
pr = sum(p['calls'] for p in o['processes'])
print('stat -a --json: syscalls %d, processes %d, totals %d' % (sc, pr, o['totals']['calls']))
assert sc > 10000, sc
assert o['processes_seen'] == len(o['processes']), (o['processes_seen'], len(o['processes']))
assert sc == o['totals']['calls'] == pr, (sc, o['totals']['calls'], pr)
PY

flood
"$SW" stat --engine ebpf -a --duration 1.5 -o "$T/s.txt" 2>"$T/s.err" || fail "stat -a --duration exited $?: $(cat "$T/s.err")"
unflood
# the total row of each table: "% seconds usecs/call calls [errors] total" and
# "% calls [errors] seconds total (N)"; the errors column is blank when there are none
sc=$(awk 'NF >= 5 && $NF == "total" { print $4 }' "$T/s.txt")
pr=$(awk 'NF >= 5 && $(NF - 1) == "total" && $NF ~ /^\([0-9]+\)$/ { print $2 }' "$T/s.txt")
head=$(sed -n 's/^total syscalls: \([0-9]*\),.*/\1/p' "$T/s.txt")
echo "stat -a text: syscalls $sc, processes $pr, heading $head"
[ -n "$sc" ] && [ -n "$pr" ] || fail "no total rows: $(cat "$T/s.txt")"
[ "$sc" = "$pr" ] && [ "$sc" = "$head" ] || fail "totals differ: syscalls $sc, processes $pr, heading $head"
echo ok
