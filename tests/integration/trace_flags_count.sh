#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# strace's counting flags on both engines, against strace: trace -c and stat
# with -S (keys and aliases), -U (columns, in the order given), -w; trace -C
# (the trace, then the table); and their bad input.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
. "$(dirname "$0")/trace_lib/strace_compare.bash"

FL=$FX/fl_status
SET=-e\ trace=access,openat,close,tgkill   # 2, 3, 4 and 2 calls; 2, 0, 1, 0 errors
ALL=time-percent,total-time,min-time,max-time,avg-time,calls,errors,name

compare_summary "-c -w -S name -U $ALL $SET" "$FL"
head -n 1 "$T/ptrace.txt" | grep -q '^% time     seconds shortest  longest  usecs/call     calls    errors syscall$' ||
	fail "-U $ALL: header $(head -n 1 "$T/ptrace.txt")"
compare_summary "-c -w -S syscall_name -U name,max-time,calls $SET" "$FL"
compare_summary "-c -w -S nothing -U errors,count $SET" "$FL"
compare_summary "-c -w -S count -e trace=access,openat,close" "$FL"
compare_summary "-c -w -S error -U calls,errors,total-time $SET" "$FL"
compare_summary "-c -S name $SET" "$FL"

# stat is strace -c too: the same tables for the same -S, -U, -w
for o in "-w -S name -U $ALL" "-S calls -U name,calls,errors" "-S errors -U errors,name"; do
	# shellcheck disable=SC2086
	strace -f -c $o $SET -o "$T/strace.txt" "$FL" >/dev/null 2>&1
	for eng in $ENGINES; do
		# shellcheck disable=SC2086
		"$SW" stat --engine "$eng" -f $o $SET -o "$T/$eng.txt" -- "$FL" >/dev/null 2>&1
		python3 "$SRCDIR/scripts/strace-compare.py" --summary --show 8 "$T/strace.txt" "$T/$eng.txt" >"$T/cmp.txt" ||
			{ cat "$T/cmp.txt"; fail "$eng: stat $o differs from strace -c $o"; }
	done
done

# orders by time: rows sorted by that column, longest first (the times are the run's own)
for eng in $ENGINES; do
	for key in max-time:longest min-time:shortest avg-time:usecs/call; do
		"$SW" stat --engine "$eng" -S "${key%%:*}" -U "name,${key%%:*}" -o "$T/s.txt" $SET -- "$FL"
		[ $? -eq 3 ] || fail "$eng stat -S ${key%%:*}: not the command's exit status 3"
		head -n 1 "$T/s.txt" | grep -q "${key#*:}" || fail "$eng -U ${key%%:*}: no ${key#*:} column"
		sed -n '3,/^---/p' "$T/s.txt" | grep -v '^---' | awk '{ print $2 }' >"$T/col"
		[ "$(wc -l <"$T/col")" -eq 4 ] || fail "$eng -S ${key%%:*}: not 4 rows: $(cat "$T/s.txt")"
		sort -g -r "$T/col" | cmp -s - "$T/col" || fail "$eng -S ${key%%:*}: not longest first: $(cat "$T/s.txt")"
	done
done

# -C: the trace, then the table, into the -o file
compare_summary "-C -w -S name $SET" "$FL"
grep -q 'close(3) *= -1 EBADF' "$T/ptrace.txt" || fail "-C lost the trace"
tail -n 1 "$T/ptrace.txt" | grep -q ' total$' || fail "-C: the table is not last"
compare_summary "--summary -S calls -U name,calls,errors -e trace=access,openat,close" "$FL"

# bad input: one line, exit 2
bad() {
	local want=$1 out
	shift
	out=$("$SW" "$@" -- /bin/true 2>&1)
	[ $? -eq 2 ] || fail "$* did not exit 2"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "$*: more than one line: $out"
	printf '%s\n' "$out" | grep -qF -- "$want" || fail "$*: '$out' does not say '$want'"
}
bad "unknown column name: 'percent'" stat -U percent
bad "unknown column name: 'percent'" trace -C -U calls,percent
strace_refuses -c -S fastest
strace_refuses -C -S fastest
bad "need latency" stat --no-latency -U min-time

# the table's options without a table, or two tables: strace's reasons
strace_refuses -w
strace_refuses -U calls
strace_refuses -c -ff
strace_refuses -C -ff
strace_refuses -c -C
strace_refuses -C -c
strace_refuses -c --summary
strace_warns -S calls
# trace's output options with -c: strace's words where it says they do nothing,
# silence where it takes them quietly; the table all the same
strace_warns -c -i -r -tt -T -yy -n
strace_warns -c -k
"$SW" trace -c -x -xx -v -X raw -o "$T/x.txt" -- /bin/true >"$T/x.out" 2>&1 || fail "-c -x -v -X raw: $(cat "$T/x.out")"
[ -s "$T/x.out" ] && fail "-c -x -v -X raw said: $(cat "$T/x.out")"
tail -n 1 "$T/x.txt" | grep -q ' total$' || fail "-c -x -v -X raw: no table: $(cat "$T/x.txt")"
echo ok
