#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# outputs.events_max_size and events_keep: the events file rotates before it
# grows past the size, into events.jsonl.1 .. .KEEP; older ones go; every file
# holds whole JSON lines. A size under 64KB is refused.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root

printf 'outputs: {events: /tmp/x.jsonl, events_max_size: 1KB}\n' >"$T/bad.yaml"
"$SYSWATCH" monitor --config "$T/bad.yaml" --check-config >/dev/null 2>"$T/err" && fail "events_max_size 1KB accepted"
grep -q "bad.yaml:1:50: outputs.events_max_size must be 0 (no rotation) or at least 64KB" "$T/err" ||
	fail "events_max_size 1KB: $(cat "$T/err")"

# a program name of its own: no other run's load reaches this daemon
load=rot$$
cp "$FIXTURES/mon_load" "$T/$load"
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [getppid]}
processes: {comms: [$load]}
builtin_rules: none
outputs: {events: $T/events.jsonl, events_max_size: 64KB, events_keep: 2, stdout: false}
YAML
mon_start "$T/monitor.yaml"
pid=$("$T/$load" getppid 2000) || fail "mon_load"
# until the daemon has written them all: two rotations done and the current
# file no longer growing
prev=-1
for _ in $(seq 150); do
	if [ -f "$T/events.jsonl.2" ]; then
		n=$(mon_count "$T/events.jsonl" pid="$pid" syscall=getppid 2>/dev/null) || n=-1
		[ "$n" -ge 1 ] && [ "$n" = "$prev" ] && break
		prev=$n
	fi
	sleep 0.2
done
mon_stop
[ -f "$T/events.jsonl" ] && [ -f "$T/events.jsonl.1" ] && [ -f "$T/events.jsonl.2" ] ||
	fail "rotated files missing: $(ls "$T")"
[ ! -e "$T/events.jsonl.3" ] || fail "more files than events_keep"
for f in "$T/events.jsonl" "$T/events.jsonl.1" "$T/events.jsonl.2"; do
	size=$(stat -c %s "$f")
	[ "$size" -le 65536 ] || fail "$f has $size bytes, more than events_max_size"
	mon_count "$f" >/dev/null || fail "$f does not hold whole JSON lines"
done
# the newest events are in the current file
n=$(mon_count "$T/events.jsonl" pid="$pid" syscall=getppid)
[ "$n" -ge 1 ] || fail "no events in the current file"
echo "ok: the events file rotated within 64KB, keeping 2 old files"
