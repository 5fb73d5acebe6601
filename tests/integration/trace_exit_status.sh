#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch trace -- CMD exits with CMD's status, 128+N when N killed it, and
# the trace ends with strace's "+++ exited with N +++" / "+++ killed by ... +++".
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

"$SW" trace --engine ptrace -o "$T/t3" -- "$FX/pt_exit" 3
rc=$?
[ $rc -eq 3 ] || fail "exit 3 came back as $rc"
[ "$(tail -n 1 "$T/t3")" = "+++ exited with 3 +++" ] || fail "last line: $(tail -n 1 "$T/t3")"
grep -q '^exit_group(' "$T/t3" || fail "no exit_group line"
grep -q '^exit_group(.*= ?$' "$T/t3" || fail "exit_group not shown as not returning: $(grep exit_group "$T/t3")"

"$SW" trace --engine ptrace -o "$T/t0" -- "$FX/pt_exit" 0 || fail "exit 0 came back as $?"

"$SW" trace --engine ptrace -o "$T/kill" -- "$FX/pt_exit" kill
rc=$?
[ $rc -eq 137 ] || fail "SIGKILL came back as $rc, not 137"
[ "$(tail -n 1 "$T/kill")" = "+++ killed by SIGKILL +++" ] || fail "last line: $(tail -n 1 "$T/kill")"

"$SW" trace --engine ptrace -o "$T/segv" -- "$FX/pt_exit" segv
rc=$?
[ $rc -eq 139 ] || fail "SIGSEGV came back as $rc, not 139"
grep -q -- '--- SIGSEGV\|--- signal 11' "$T/segv" || grep -q 'SIGSEGV' "$T/segv" || fail "no SIGSEGV in the trace"
[ "$(tail -n 1 "$T/segv")" = "+++ killed by SIGSEGV +++" ] || fail "last line: $(tail -n 1 "$T/segv")"

# the command's own output is untouched (stdout is not the trace)
out=$("$SW" trace --engine ptrace -o /dev/null -- /bin/echo hello) || fail "echo failed"
[ "$out" = hello ] || fail "the command's stdout was '$out'"
echo ok
