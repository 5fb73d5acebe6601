#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# -D/-DD/-DDD (ptrace), as strace's: the command is the caller's own child
# (syswatch's process becomes it) and the tracer a grandchild left to init,
# in the caller's process group, its own (-DD) or its own session (-DDD).
# The trace is the whole command's, from its execve, and strace -D's line for
# line; the exit status is the command's; bad combinations are refused as strace refuses them.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

# waits until FILE has a line matching RE (the detached tracer writes after
# the command has exited)
wait_for() {
	for _ in $(seq 300); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	fail "no '$2' in $1 after 30 s: $(cat "$1" 2>/dev/null)"
}

for d in -D -DD -DDD --daemonize --daemonize=pgroup --daemonize=session; do
	rm -f "$T/t.txt" "$T/ids"
	# the command writes its parent, its tracer and the tracer's process group and session
	"$SW" trace $d -o "$T/t.txt" -- sh -c '
		tp=$(sed -n "s/^TracerPid:[[:space:]]*//p" /proc/$$/status)
		echo "$PPID $tp $(ps -o pgid= -o sid= -p "$tp") $(ps -o pgid= -o sid= -p $$)" >"$0"
		exit 3' "$T/ids" 2>"$T/err"
	rc=$?
	[ $rc -eq 3 ] || fail "$d: exit $rc, not the command's 3 ($(cat "$T/err"))"
	read -r ppid tracer tpgid tsid cpgid csid <"$T/ids" || fail "$d: the command wrote: $(cat "$T/ids")"
	[ "$ppid" -eq $$ ] || fail "$d: the command's parent is $ppid, not the caller $$"
	[ "$tracer" -gt 0 ] && [ "$tracer" -ne $$ ] || fail "$d: tracer pid '$tracer'"
	case $d in
	-D | --daemonize)
		[ "$tpgid" -eq "$cpgid" ] || fail "$d: the tracer left the process group ($tpgid, not $cpgid)" ;;
	-DD | --daemonize=pgroup)
		[ "$tpgid" -eq "$tracer" ] || fail "$d: the tracer is not in its own process group ($tpgid)"
		[ "$tsid" -eq "$csid" ] || fail "$d: the tracer left the session" ;;
	*)
		[ "$tsid" -eq "$tracer" ] || fail "$d: the tracer is not in its own session ($tsid)" ;;
	esac
	wait_for "$T/t.txt" '^+++ exited with 3 +++$'
	head -1 "$T/t.txt" | grep -q '^execve("/usr/bin/sh", \["sh", "-c", ' ||
		fail "$d: the trace does not begin with the command's execve: $(head -2 "$T/t.txt")"
done

# the trace is strace -D's, -DD's and -DDD's, line for line
if command -v strace >/dev/null; then
	DSET=-e\ trace=access,openat,close,tgkill,exit_group
	for d in -D -DD -DDD; do
		rm -f "$T/s.txt" "$T/p.txt"
		# shellcheck disable=SC2086
		strace $d -f -o "$T/s.txt" $DSET "$FX/fl_status"
		# shellcheck disable=SC2086
		"$SW" trace $d -f -o "$T/p.txt" $DSET -- "$FX/fl_status"
		[ $? -eq 3 ] || fail "$d -f: not the command's exit status 3"
		wait_for "$T/s.txt" '+++ exited with 3 +++$'
		wait_for "$T/p.txt" '+++ exited with 3 +++$'
		python3 "${SRCDIR:-$PWD}/scripts/strace-compare.py" --exact --show 8 "$T/s.txt" "$T/p.txt" >"$T/cmp.txt" ||
			{ cat "$T/cmp.txt"; fail "$d: the trace differs from strace $d's"; }
	done
fi

# with -f and -o FILE, the children are in the trace too, with pids
"$SW" trace -D -f -o "$T/f.txt" -- sh -c '/bin/true; exit 0' || fail "-D -f: exit $?"
wait_for "$T/f.txt" '^[0-9]* *+++ exited with 0 +++$'
[ "$(grep -c 'execve(' "$T/f.txt")" -ge 2 ] || fail "-D -f: the child's execve is missing: $(cat "$T/f.txt")"

# -c -D: the table is the detached tracer's, written once the command is done
"$SW" trace -c -D -o "$T/c.txt" -- sh -c '/bin/true; exit 4'
[ $? -eq 4 ] || fail "-c -D: not the command's exit status"
wait_for "$T/c.txt" ' total$'
grep -q ' execve$' "$T/c.txt" || fail "-c -D: no execve row: $(cat "$T/c.txt")"

# bad input: one line, exit 2
refused "PROG [ARGS] must be specified with -D" -D -p $$
refused "Too many -D's (4)" -DDDD -- /bin/true
if command -v strace >/dev/null; then
	. "$(dirname "$0")/trace_lib/strace_compare.bash"
	strace_refuses -DDDD
fi
refused "invalid --daemonize argument: 'bogus'" --daemonize=bogus -- /bin/true
refused "-D/--daemonize needs the ptrace engine" --engine ebpf -D -- /bin/true
echo ok
