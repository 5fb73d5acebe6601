#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch never traces itself: -p with its own pid is refused in one line by
# trace and stat (both engines), and so is -p of an ancestor that reads
# syswatch's output (here the shell that reads a $(...) pipe; a terminal's
# master side counts too), since each line written would make more to trace.
# The same ancestor may be traced when the trace goes to a file.
. "$(dirname "$0")/ebpf_lib/common.bash"

engines="ptrace"
"$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>/dev/null && engines="ptrace ebpf"

for engine in $engines; do
	for cmd in trace stat; do
		# exec: the shell's pid becomes syswatch's
		out=$(timeout 10 bash -c 'exec "$0" "$1" --engine "$2" -p $$ -o /dev/null' "$SW" $cmd $engine 2>&1)
		rc=$?
		[ $rc -eq 1 ] || fail "$cmd --engine $engine -p self: exited $rc ($out)"
		echo "$out" | grep -Eqx "syswatch: cannot trace pid [0-9]+: it is syswatch itself \(it would trace its own work without end\)" ||
			fail "$cmd --engine $engine -p self: $out"
	done
	# this shell reads the output of $(...)
	out=$(timeout 10 "$SW" trace --engine $engine -p $$ --duration 2 2>&1)
	rc=$?
	[ $rc -eq 1 ] || fail "trace --engine $engine -p PARENT reading the output: exited $rc"
	[ "$out" = "syswatch: cannot trace pid $$ (bash): it reads syswatch's output, so each line would make more to trace without end; write the trace to a file (-o FILE)" ] ||
		fail "trace --engine $engine -p PARENT: $out"
	# to a file, the same shell is traced (it waits for syswatch meanwhile)
	timeout 10 "$SW" trace --engine $engine -p $$ --duration 0.3 -o "$T/p.txt" 2>"$T/p.err" ||
		fail "trace --engine $engine -p PARENT -o FILE: $(cat "$T/p.err")"
	grep -q "syswatch: Process $$ attached" "$T/p.err" || fail "$engine: not attached: $(cat "$T/p.err")"
done
echo ok
