#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -p without -f means every thread of the process, on both engines: a
# 5-thread process whose threads call getppid() 10, 20, 30, 40 and 50 times
# gives those counts per thread in trace (each line with its thread's id, as
# strace prints it: "TID " with -o FILE, "[pid TID] " otherwise) and 150 in
# stat, under ptrace and eBPF alike.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
engines=ptrace
out=$("$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>&1) && engines="ptrace ebpf" || echo "ebpf skipped: $out"
FXP=
trap 'kill -9 $FXP 2>/dev/null; rm -rf "$T"' EXIT

# attached NAME SYSWATCH-ARGS...: starts the fixture, attaches syswatch to it
# with the arguments (then -p PID), lets the threads run once all 5 are
# attached, and waits for both to end. Leaves $T/NAME.fx (the fixture's tids
# and counts), $T/NAME.err (syswatch's stderr), and the fixture's pid in $FXP.
attached() {
	local name=$1 sw i
	shift
	rm -f "$T/go"
	"$FX/threads_counted" "$T/go" >"$T/$name.fx" &
	FXP=$!
	for i in $(seq 200); do [ -s "$T/$name.fx" ] && break; sleep 0.05; done
	[ "$(head -n 1 "$T/$name.fx")" = "$FXP" ] || fail "$name: the fixture did not start"
	"$SW" "$@" -p "$FXP" 2>"$T/$name.err" &
	sw=$!
	for i in $(seq 400); do
		[ "$(cat "$T/$name.err" 2>/dev/null | grep -c '^syswatch: Process [0-9]* attached$')" -ge 5 ] && break
		kill -0 $sw 2>/dev/null || break
		sleep 0.05
	done
	[ "$(grep -c '^syswatch: Process [0-9]* attached$' "$T/$name.err")" = 5 ] ||
		{ kill -9 $FXP $sw; fail "$name: not 5 threads attached: $(head -n 20 "$T/$name.err")"; }
	touch "$T/go"
	wait $FXP || fail "$name: the fixture exited $?"
	wait $sw || fail "$name: syswatch exited $?: $(tail -n 5 "$T/$name.err")"
	tail -n 5 "$T/$name.fx" | sort >"$T/$name.want"
}

# per_tid FILE PREFIX-REGEX: "TID COUNT" of getppid lines, sorted; the
# regex captures the tid at the start of each line
per_tid() {
	sed -nE "s/^$2getppid\(\) += [0-9]+$/\1/p" "$1" | sort | uniq -c | awk '{print $2, $1}' | sort
}

for eng in $engines; do
	attached "$eng-o" trace --engine "$eng" -e trace=getppid -o "$T/$eng-o.txt"
	per_tid "$T/$eng-o.txt" '([0-9]+) +' >"$T/$eng-o.got"
	diff "$T/$eng-o.want" "$T/$eng-o.got" >/dev/null ||
		fail "$eng trace -p -o: per-thread getppid counts $(tr '\n' ',' <"$T/$eng-o.got"), want $(tr '\n' ',' <"$T/$eng-o.want")"
	bad=$(grep -Ev '^[0-9]+ +[^ ]' "$T/$eng-o.txt" | head -n 1)
	[ -z "$bad" ] || fail "$eng trace -p -o: a line without its thread id: $bad"

	attached "$eng-tty" trace --engine "$eng" -e trace=getppid
	per_tid "$T/$eng-tty.err" '\[pid +([0-9]+)\] ' >"$T/$eng-tty.got"
	diff "$T/$eng-tty.want" "$T/$eng-tty.got" >/dev/null ||
		fail "$eng trace -p: per-thread counts with [pid N] $(tr '\n' ',' <"$T/$eng-tty.got"), want $(tr '\n' ',' <"$T/$eng-tty.want")"

	attached "$eng-stat" stat --engine "$eng" -e trace=getppid --per-process -o "$T/$eng-stat.txt"
	grep -Eq '^ *100\.00 +[0-9.]+ +[0-9]+ +150 +getppid$' "$T/$eng-stat.txt" ||
		fail "$eng stat -p: not 150 getppid calls: $(cat "$T/$eng-stat.txt")"
	grep -Eq "^ *100\.00 +150 +[0-9.]+ +$FXP threads_counted$" "$T/$eng-stat.txt" ||
		fail "$eng stat -p: the process row does not count 150: $(cat "$T/$eng-stat.txt")"
done
echo ok
