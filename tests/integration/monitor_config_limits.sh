#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Configs that used to stall the daemon: 10^5 nested "{a:" is refused at
# once with file:line:column (it took most of a minute), and a reload reads
# its config off the event loop: while a slow config trickles in, events keep
# being recorded, and SIGTERM during such a read ends the daemon promptly.
. "$(dirname "$0")/monitor_lib/common.bash"

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# ---- deep nesting: refused fast, with where --------------------------------------
"$PY" -c "print('{a: ' * 100000)" >"$T/deep.yaml"
start=$(date +%s%N)
out=$(timeout 60 "$SYSWATCH" monitor --config "$T/deep.yaml" --check-config 2>&1)
rc=$?
ms=$(ms_since "$start")
[ $rc != 0 ] && [ $rc != 124 ] || fail "10^5 nested mappings: exit $rc"
[ "$ms" -lt 3000 ] || fail "10^5 nested mappings took $ms ms to refuse"
echo "$out" | grep -Eq "^(syswatch: )?$T/deep.yaml:1:[0-9]+: nested deeper than 64 levels$" ||
	fail "10^5 nested mappings: $out"
# block style, and lists, count the same
"$PY" -c "print('a:\n' + ''.join('  ' * i + '- b:\n' for i in range(1, 70)))" >"$T/deep2.yaml"
out=$("$SYSWATCH" monitor --config "$T/deep2.yaml" --check-config 2>&1) && fail "70 nested block levels accepted"
echo "$out" | grep -Eq "^(syswatch: )?$T/deep2.yaml:[0-9]+:[0-9]+: nested deeper than 64 levels$" || fail "block nesting: $out"
# a config nested as deep as configs go is fine
cat >"$T/ok.yaml" <<'YAML'
monitor:
  rules:
    - name: r
      syscalls: [openat]
      args: {1: [1, 2]}
      threshold: 1
YAML
out=$("$SYSWATCH" monitor --config "$T/ok.yaml" --check-config 2>&1) || fail "a plain config refused: $out"

# ---- a slow reload does not stop the loop ---------------------------------------------
mon_need_root
"$FIXTURES/pt_sleeper" >"$T/sleeper.pid" &
sleeper=$!
writer=
trap 'kill -9 $sleeper $writer 2>/dev/null; cleanup' EXIT
wait_for 10 test -s "$T/sleeper.pid" || fail "pt_sleeper did not start"

config() {
	cat <<YAML
syscalls: {include: [getppid]}
processes: {comms: [pt_sleeper]}
performance: {batching: off}
builtin_rules: none
outputs: {events: $T/events.jsonl, stdout: false}
YAML
}
config >"$T/monitor.yaml"
mon_start "$T/monitor.yaml"
events() { mon_count "$T/events.jsonl" pid="$sleeper"; }
mon_wait_count 5 "$T/events.jsonl" pid="$sleeper" || fail "no events of the sleeper"

# the config becomes a pipe that a writer fills slowly: 40 pieces over 4 s
# (a file on a slow disk or a network mount reads like this)
config >"$T/good.yaml"
rm "$T/monitor.yaml"
mkfifo "$T/monitor.yaml"
"$PY" - "$T/monitor.yaml" "$T/good.yaml" 40 <<'PY' &
import sys, time
path, src, pieces = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, 'w') as out:
    for i in range(pieces):
        out.write('# padding %d %s\n' % (i, 'x' * 1000))
        out.flush()
        time.sleep(0.1)
    out.write(open(src).read())
PY
writer=$!
kill -HUP "$MON_PID"
sleep 0.5
n0=$(events)
sleep 1.5
n1=$(events)
[ "$n1" -gt $((n0 + 10)) ] || fail "events stopped during the reload: $n0 then $n1 1.5 s later"
kill -0 "$MON_PID" 2>/dev/null || fail "the monitor died during the reload"
wait_for 20 grep -q "reloaded $T/monitor.yaml" "$T/log" || fail "the slow config was not applied"
wait "$writer"
writer=

# a read that never ends: SIGTERM still stops the daemon at once
"$PY" - "$T/monitor.yaml" <<'PY' &
import sys, time
with open(sys.argv[1], 'w') as out:
    out.write('syscalls:\n')
    out.flush()
    time.sleep(120)
PY
writer=$!
kill -HUP "$MON_PID"
sleep 1
n0=$(events)
mon_wait_count $((n0 + 10)) "$T/events.jsonl" pid="$sleeper" || fail "events stopped during an endless reload"
start=$(date +%s%N)
kill -TERM "$MON_PID"
for _ in $(seq 100); do kill -0 "$MON_PID" 2>/dev/null || break; sleep 0.05; done
ms=$(ms_since "$start")
kill -0 "$MON_PID" 2>/dev/null && fail "SIGTERM ignored for $ms ms while a config was being read"
wait "$MON_PID"
rc=$?
MON_PID=
[ $rc = 0 ] || fail "the monitor exited $rc after SIGTERM"
[ "$ms" -lt 3000 ] || fail "SIGTERM took $ms ms"
echo ok
