#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Signals are shown whatever -e trace= leaves out, as strace shows them: a
# SIGCHLD (default action) while the parent waits in a wait4 that is not
# traced, a handled SIGUSR1 and an ignored SIGUSR2 sent by a kill that is not
# traced, each at its place between the traced close(-N) markers; an ignored
# SIGUSR2 that reaches a thread spinning in user space before its close(-5);
# and a last SIGCHLD after which no traced syscall comes. Both engines (the
# eBPF one also with raw_tp programs) against strace, line for line; -e
# signal= still picks which of them are shown.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
. "$(dirname "$0")/trace_lib/strace_compare.bash"

FL=$FX/fl_sigchld

# the signals and markers of the parent (the first pid), or of the others
marks() {
	local pid
	pid=$(awk 'NR == 1 { print $1 }' "$1")
	awk -v p="$pid" -v w="$2" '(w == "parent") == ($1 == p) && ($2 == "---" || $2 ~ /^close\(-/) { print $2, $3 }' "$1" |
		tr '\n' ' '
}

check_order() {
	local eng got
	for eng in strace $ENGINES; do
		got=$(marks "$T/$eng.txt" parent)
		[ "$got" = "$1" ] || fail "$eng: the parent's signals and markers: '$got', not '$1'"
		got=$(marks "$T/$eng.txt" others)
		[ "$got" = "--- SIGUSR2 close(-5) = " ] || fail "$eng: the thread's signal and marker: '$got'"
	done
}

compare_strace "-e trace=close" "$FL"
check_order 'close(-1) = --- SIGCHLD close(-2) = --- SIGUSR1 close(-3) = --- SIGUSR2 close(-4) = --- SIGCHLD '
if [ "$ENGINES" != ptrace ]; then
	SYSWATCH_EBPF_RAW_TP=1 compare_strace "-e trace=close" "$FL"
fi

compare_strace "-e trace=none" "$FL"
[ "$(grep -c -- '--- SIG' "$T/ptrace.txt")" -eq 5 ] || fail "-e trace=none: not 5 signals: $(cat "$T/ptrace.txt")"

compare_strace "-e trace=close -e signal=chld" "$FL"
grep -q -- '--- SIGUSR' "$T/ptrace.txt" && fail "-e signal=chld showed SIGUSR*"
[ "$(grep -c -- '--- SIGCHLD' "$T/ptrace.txt")" -eq 2 ] || fail "-e signal=chld: not 2 SIGCHLD"

compare_strace "-e trace=close -e signal=none" "$FL"
grep -q -- '--- SIG' "$T/ptrace.txt" && fail "-e signal=none showed a signal"

compare_strace "-e trace=close -q" "$FL"
[ "$(grep -c -- '--- SIG' "$T/ptrace.txt")" -eq 5 ] || fail "-q hid a signal (strace shows them)"
echo ok
