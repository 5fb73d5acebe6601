#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A signal is shown when delivered and still reaches the tracee (the fixture
# exits 0 only if its handler ran); an ignored one is shown too, like strace.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

out=$("$SW" trace --engine ptrace --json -o "$T/s.jsonl" -- "$FX/pt_signal") || fail "pt_signal failed: $out"
[ "$out" = "handler ran" ] || fail "the tracee did not get its signal: $out"
json_check "$T/s.jsonl"
sigs=$(json_select "$T/s.jsonl" 'o["type"]=="signal"' signal | tr '\n' ' ')
[ "$sigs" = "SIGUSR1 " ] || [ "$sigs" = "SIGUSR1 SIGUSR2 " ] || fail "signals seen: '$sigs'"
"$SW" trace --engine ptrace -o "$T/s.txt" -- "$FX/pt_signal" >/dev/null || fail "text run failed"
grep -q '^--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER' "$T/s.txt" || grep -q '^--- .*10.* ---$' "$T/s.txt" ||
	fail "no '--- SIGUSR1 ... ---' line: $(grep -- --- "$T/s.txt")"
echo ok
