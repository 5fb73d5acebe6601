#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# strace's filters and quieting on both engines, line for line against strace:
# -z, -Z, -e status=, -e signal=, -q/-qq/-qqq, -e quiet=; and their bad input.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
. "$(dirname "$0")/trace_lib/strace_compare.bash"

FL=$FX/fl_status
SET=-e\ trace=access,openat,close,tgkill,exit_group

compare_strace "$SET -z" "$FL"
grep -q ' = -1 ' "$T/ptrace.txt" && fail "-z showed a failed call"
grep -q 'close(3) *= 0' "$T/ptrace.txt" || fail "-z lost a successful call"
compare_strace "$SET -Z" "$FL"
grep -q ' = -1 EBADF' "$T/ptrace.txt" || fail "-Z lost the failed close"
grep -q ' = 0$' "$T/ptrace.txt" && fail "-Z showed a successful call"
compare_strace "$SET --successful-only" "$FL"
compare_strace "$SET --failed-only" "$FL"
compare_strace "$SET -e status=failed" "$FL"
compare_strace "$SET -e status=unfinished" "$FL" kill
grep -q 'tgkill(.*SIGKILL) *= ?' "$T/ptrace.txt" || fail "status=unfinished lost tgkill(SIGKILL) = ?"
compare_strace "$SET -e status=!successful" "$FL"
compare_strace "$SET -e status=successful,unfinished" "$FL"
compare_strace "$SET -e status=unavailable,detached" "$FL"
compare_strace "$SET -e status=none" "$FL"

compare_strace "$SET -e signal=none" "$FL"
grep -q -- '--- SIG' "$T/ptrace.txt" && fail "-e signal=none showed a signal"
compare_strace "$SET -e signal=SIGUSR1" "$FL"
grep -q -- '--- SIGUSR1' "$T/ptrace.txt" || fail "-e signal=SIGUSR1 lost SIGUSR1"
grep -q -- '--- SIGUSR2' "$T/ptrace.txt" && fail "-e signal=SIGUSR1 showed SIGUSR2"
compare_strace "$SET -e signal=!usr1" "$FL"
compare_strace "$SET -e signals=12,chld" "$FL"
compare_strace "-e trace=none -e signal=none" "$FL" kill
grep -q 'killed by' "$T/ptrace.txt" && fail "-e signal=none showed the kill"
compare_strace "-e trace=none -e signal=all" "$FL" kill

compare_strace "$SET -q" "$FL"
compare_strace "-e trace=none -qq" "$FL"
grep -q 'exited' "$T/ptrace.txt" && fail "-qq showed the exit"
compare_strace "-e trace=none -qq" "$FL" kill
grep -q 'killed by SIGKILL' "$T/ptrace.txt" || fail "-qq hid the kill (strace shows it)"
compare_strace "-e trace=none -qqq" "$FL"
compare_strace "-e trace=none -e quiet=exit" "$FL"
compare_strace "-e trace=none -e silent=!exit" "$FL"
grep -q 'exited with 3' "$T/ptrace.txt" || fail "-e silent=!exit hid the exit"
compare_strace "-e trace=none -e quiet=none" "$FL"

# -p: strace's "Process N attached" and "... detached" on stderr; not with -q
# or -e quiet=attach
sleep 30 &
sl=$!
trap 'kill $sl 2>/dev/null; rm -rf "$T"' EXIT
timeout -s INT 1 strace -o /dev/null -p "$sl" 2>&1 | sed 's/^strace: //' >"$T/a.want"
[ "$(cat "$T/a.want")" = "Process $sl attached
Process $sl detached" ] || fail "strace -p said: $(cat "$T/a.want")"
for eng in $ENGINES; do
	"$SW" trace --engine "$eng" --duration 0.5 -o /dev/null -p "$sl" 2>"$T/a.err" || fail "$eng -p: exit $?"
	sed 's/^syswatch: //' "$T/a.err" | diff "$T/a.want" - || fail "$eng -p: not strace's words: $(cat "$T/a.err")"
	for q in -q "-e quiet=attach"; do
		# shellcheck disable=SC2086
		"$SW" trace --engine "$eng" --duration 0.5 $q -o /dev/null -p "$sl" 2>"$T/a.err" || fail "$eng $q -p: exit $?"
		grep -q "attached" "$T/a.err" && fail "$eng $q -p said: $(cat "$T/a.err")"
	done
done

# bad input: one line naming what is wrong, exit 2
bad() {
	local want=$1 out
	shift
	out=$("$SW" trace "$@" -- /bin/true 2>&1)
	[ $? -eq 2 ] || fail "$* did not exit 2"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "$*: more than one line: $out"
	printf '%s\n' "$out" | grep -q -- "$want" || fail "$*: '$out' does not say '$want'"
}
bad "invalid status 'ok'" -e status=ok
bad "invalid signal 'SIGNOPE'" -e signal=SIGNOPE
bad "invalid quiet 'exitt'" -e quiet=exitt
bad "-q and -e quiet" -q -e quiet=exit
bad "-q and -e quiet" -e quiet=exit -q
bad "invalid status '': empty set" -e status=
# in strace's words
for e in status=ok signal=SIGNOPE quiet=exitt status=; do
	strace_refuses -e $e
done
strace_refuses -q -e quiet=exit
echo ok
