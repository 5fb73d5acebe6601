#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A stop request is obeyed under any load: with two processes calling getppid
# as fast as they can (one per CPU), the eBPF engine's reader never runs dry,
# yet trace -a (text to a file, JSON to /dev/null, SIGINT, SIGTERM and
# --duration), stat -a and the monitor (SIGTERM) exit within STOP_MS of the
# request while the flood goes on. A trace into a FIFO nobody reads ends too,
# with a message; -p of a zombie (it will never make a syscall nor exit) is
# refused, naming the pid.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf

# generous for a loaded machine: on an idle one it takes well under a second
STOP_MS=3000
FLOOD_S=8
trap flood_cleanup EXIT

# stop_within WHAT SIGNAL: sends SIGNAL to $SWP (started with the flood
# running, if any), checks that it exits within STOP_MS while the flood still
# runs; sets RC and MS.
stop_within() {
	local what=$1 sig=$2 start
	start=$(date +%s%N)
	kill -"$sig" "$SWP"
	MS=0
	while kill -0 "$SWP" 2>/dev/null; do
		MS=$((($(date +%s%N) - start) / 1000000))
		[ $MS -le $STOP_MS ] || fail "$what: still running ${MS} ms after SIG$sig"
		sleep 0.02
	done
	MS=$((($(date +%s%N) - start) / 1000000))
	wait "$SWP"
	RC=$?
	SWP=
	[ -z "$F1" ] || kill -0 "$F1" 2>/dev/null || fail "$what: the flood ended before the stop was measured"
	echo "$what: exited $RC, ${MS} ms after SIG$sig"
}

# engine_up ERRFILE: waits until a --verbose run says its engine runs (loading
# the programs can take seconds on a loaded machine)
engine_up() {
	for _ in $(seq 600); do
		grep -q 'with the ebpf engine' "$1" && return 0
		kill -0 "$SWP" 2>/dev/null || break
		sleep 0.05
	done
	fail "the engine did not start: $(cat "$1")"
}

# trace -a, text to a file, SIGINT: produced = delivered + lost as well
flood
"$SW" trace --engine ebpf -a --verbose -o "$T/a.txt" 2>"$T/a.err" &
SWP=$!
started "$T/a.txt" 100
sleep 1
stop_within "trace -a -o FILE" INT
unflood
[ $RC -eq 0 ] || fail "trace -a exited $RC: $(cat "$T/a.err")"
grep -q 'getppid()' "$T/a.txt" || fail "no getppid in the trace"
read -r produced delivered lost < <(sed -n 's/^syswatch: ebpf: \([0-9]*\) events produced in the kernel, \([0-9]*\) delivered, \([0-9]*\) lost$/\1 \2 \3/p' "$T/a.err")
[ -n "${lost:-}" ] || fail "no counts: $(cat "$T/a.err")"
[ "$produced" -eq $((delivered + lost)) ] || fail "produced $produced != delivered $delivered + lost $lost"

# trace -a --json -o /dev/null --duration 1: ends about a second after its
# engine began
flood
"$SW" trace --engine ebpf -a --json --verbose --duration 1 -o /dev/null 2>"$T/d.err" &
SWP=$!
engine_up "$T/d.err"
start=$(date +%s%N)
while kill -0 $SWP 2>/dev/null; do
	ms=$((($(date +%s%N) - start) / 1000000))
	[ $ms -le $((1000 + STOP_MS)) ] || fail "--duration 1: still running after ${ms} ms"
	sleep 0.02
done
wait $SWP || fail "--duration 1 exited $?: $(cat "$T/d.err")"
SWP=
echo "trace -a --json --duration 1: ended after $((($(date +%s%N) - start) / 1000000)) ms"
kill -0 "$F1" 2>/dev/null || fail "--duration: the flood ended first"
unflood

# trace -a --json to /dev/null, SIGTERM
flood
"$SW" trace --engine ebpf -a --json --verbose -o /dev/null 2>"$T/j.err" &
SWP=$!
engine_up "$T/j.err"
sleep 1
stop_within "trace -a --json -o /dev/null" TERM
unflood
[ $RC -eq 0 ] || fail "trace --json exited $RC: $(cat "$T/j.err")"

# trace -a text on stderr (a file here), SIGINT
flood
"$SW" trace --engine ebpf -a 2>"$T/e.txt" &
SWP=$!
started "$T/e.txt" 100
sleep 1
stop_within "trace -a (stderr)" INT
unflood

# stat -a, SIGINT: the table is printed and its totals add up
flood
"$SW" stat --engine ebpf -a --json --verbose -o "$T/s.json" 2>"$T/s.err" &
SWP=$!
engine_up "$T/s.err"
sleep 1
stop_within "stat -a" INT
unflood
[ $RC -eq 0 ] || fail "stat -a exited $RC: $(cat "$T/s.err")"
$PY - "$T/s.json" <<'PY' || fail "stat -a JSON"
import json, sys
o = json.load(open(sys.argv[1]))
names = {s['name']: s for s in o['syscalls']}
assert names['getppid']['calls'] > 1000, names.get('getppid')
PY

# full_fifo PATH: a FIFO whose pipe is already full and that nobody reads
# (held open for reading, so writers open it at once); sets READER
full_fifo() {
	rm -f "$1" "$1.full"
	mkfifo "$1"
	$PY - "$1" <<'PY' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NONBLOCK)
fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 4096)
try:
    while True:
        os.write(fd, b'x' * 4096)
except BlockingIOError:
    pass
open(sys.argv[1] + '.full', 'w').close()
time.sleep(60)
PY
	READER=$!
	for _ in $(seq 200); do [ -e "$1.full" ] && return 0; sleep 0.05; done
	fail "could not fill the pipe of $1"
}

# a FIFO that is full and never read: SIGINT still ends the trace (within
# the write grace of a second, plus the stop time), with a message
full_fifo "$T/fifo"
reader=$READER
flood
"$SW" trace --engine ebpf -a --verbose -o "$T/fifo" 2>"$T/f.err" &
SWP=$!
engine_up "$T/f.err"
sleep 1
stop_within "trace -a -o FIFO (not read)" INT
unflood
kill $reader 2>/dev/null
wait $reader 2>/dev/null
[ $RC -eq 1 ] || fail "FIFO: exited $RC, expected 1"
grep -q "^syswatch: cannot write the trace to $T/fifo: it was not read for 1000 ms after the stop request\$" "$T/f.err" ||
	fail "FIFO: no message: $(cat "$T/f.err")"

# stat into a full FIFO nobody reads: its first table blocks
full_fifo "$T/fifo"
reader=$READER
"$SW" stat --engine ebpf -a --per-process --histogram --interval 0.05 --verbose -o "$T/fifo" 2>"$T/sf.err" &
SWP=$!
engine_up "$T/sf.err"
sleep 1
stop_within "stat --interval -o FIFO (not read)" INT
kill $reader 2>/dev/null
wait $reader 2>/dev/null
[ $RC -eq 1 ] || fail "stat FIFO: exited $RC, expected 1"
grep -q "^syswatch: cannot write the tables to $T/fifo: it was not read for 1000 ms after the stop request\$" "$T/sf.err" ||
	fail "stat FIFO: no message: $(cat "$T/sf.err")"

# the monitor, SIGTERM
cat >"$T/mon.yaml" <<YAML
syscalls: {include: [getppid]}
builtin_rules: none
outputs: {events: $T/mon.jsonl, stdout: false}
YAML
flood
"$SW" monitor --config "$T/mon.yaml" >"$T/mon.out" 2>"$T/mon.log" &
SWP=$!
for _ in $(seq 200); do grep -q "started with" "$T/mon.log" && break; sleep 0.05; done
grep -q "started with" "$T/mon.log" || fail "the monitor did not start: $(cat "$T/mon.log")"
sleep 1
stop_within "monitor" TERM
unflood
[ $RC -eq 0 ] || fail "monitor exited $RC: $(tail -n 3 "$T/mon.log")"
grep -q "stopped: " "$T/mon.log" || fail "the monitor did not say it stopped"

# -p of a zombie: refused at once, for both commands
$PY -c '
import os, sys, time
p = os.fork()
if p == 0:
    os._exit(0)
print(p, flush=True)
time.sleep(20)' >"$T/zpid" &
zparent=$!
for _ in $(seq 100); do [ -s "$T/zpid" ] && break; sleep 0.05; done
z=$(cat "$T/zpid")
for _ in $(seq 100); do grep -q '^State:.Z' "/proc/$z/status" && break; sleep 0.05; done
for cmd in trace stat; do
	out=$(timeout 10 "$SW" $cmd --engine ebpf -p "$z" -o "$T/z.out" 2>&1)
	rc=$?
	[ $rc -eq 1 ] || fail "$cmd -p zombie: exited $rc ($out)"
	[ "$out" = "syswatch: cannot attach to pid $z: it is a zombie (it has exited; its parent has not reaped it yet)" ] ||
		fail "$cmd -p zombie: $out"
done
kill $zparent 2>/dev/null
wait $zparent 2>/dev/null
echo ok
