#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# --inject makes the syscall fail without running it: the program sees the
# error, the trace marks it (INJECTED); when= picks which calls.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

out=$("$SW" trace --engine ptrace -o "$T/i.txt" --inject open:error=ENOENT -e trace=open -- "$FX/pt_inject" | tr '\n' ' ')
[ "$out" = "ENOENT ENOENT ENOENT " ] || fail "the program saw: $out"
[ "$(grep -c '(INJECTED)$' "$T/i.txt")" -eq 3 ] || fail "INJECTED lines: $(cat "$T/i.txt")"

# when=2: only the second call; -e inject= is the same option
out=$("$SW" trace --engine ptrace -o "$T/w.txt" -e inject=open:error=EACCES:when=2 -e trace=open -- "$FX/pt_inject" | tr '\n' ' ')
[ "$out" = "ok EACCES ok " ] || fail "when=2, the program saw: $out"
[ "$(grep -c '(INJECTED)$' "$T/w.txt")" -eq 1 ] || fail "when=2 INJECTED lines: $(cat "$T/w.txt")"

# when=2+ : the second and every later call
out=$("$SW" trace --engine ptrace -o /dev/null --inject open:error=EPERM:when=2+ -- "$FX/pt_inject" | tr '\n' ' ')
[ "$out" = "ok EPERM EPERM " ] || fail "when=2+, the program saw: $out"

# retval: the call "succeeds" with the given value and is not run
out=$("$SW" trace --engine ptrace --json -o "$T/r.jsonl" --inject close:retval=0 -e trace=close -- "$FX/pt_inject" | tr '\n' ' ')
[ "$out" = "ok ok ok " ] || fail "retval run, the program saw: $out"
json_check "$T/r.jsonl"
n=$(json_select "$T/r.jsonl" 'o["type"]=="syscall" and o.get("injected")' ret | grep -cx 0)
[ "$n" -ge 3 ] || fail "injected close events: $n"

# JSON marks errno and injection
"$SW" trace --engine ptrace --json -o "$T/j.jsonl" --inject open:error=ENOENT -e trace=open -- "$FX/pt_inject" >/dev/null
json_check "$T/j.jsonl"
[ "$(json_select "$T/j.jsonl" 'o["type"]=="syscall" and o.get("injected")' errno | sort -u)" = ENOENT ] ||
	fail "JSON errno of injected calls"

# without the seccomp filter too
out=$("$SW" trace --engine ptrace --no-seccomp -o /dev/null --inject open:error=ENOENT -e trace=open -- "$FX/pt_inject" | tr '\n' ' ')
[ "$out" = "ENOENT ENOENT ENOENT " ] || fail "--no-seccomp: the program saw: $out"
echo ok
