#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# How syswatch starts and lets go of the command, as strace does, on both
# engines: -E VAR=VAL / -E VAR (the command's environment), -u USER (its
# user), -b execve (let a process go at its execve); and their bad input.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
. "$(dirname "$0")/trace_lib/strace_compare.bash"
# -b execve: the command's own first execve stays traced, later ones are
# shown "<detached ...>" and nothing of the new program follows
B='/bin/true; echo hi; exec /bin/true'
compare_strace "-b execve -e trace=execve,exit_group,write -e signal=none" /bin/sh -c "$B"
for eng in $ENGINES; do
	[ "$(grep -c '<detached \.\.\.>$' "$T/$eng.txt")" -eq 2 ] || fail "$eng -b execve: $(cat "$T/$eng.txt")"
	grep -q 'exit_group' "$T/$eng.txt" && fail "$eng -b execve: a detached program was still traced"
done
# (strace 6.1 garbles its first line with status=detached alone)
compare_strace "--detach-on=execve -e status=detached,successful -e trace=execve -e signal=none" /bin/sh -c "$B"
for eng in $ENGINES; do
	"$SW" trace --engine "$eng" -b execve -e trace=none -- /bin/sh -c 'exec /bin/false' 2>/dev/null
	[ $? -eq 0 ] || fail "$eng -b execve: not 0 once the command was let go (strace's status)"
done

[ "$(id -u)" -eq 0 ] || { echo "ok (-u not tried: it needs root)"; exit 0; }
id nobody >/dev/null 2>&1 || { echo "ok (-u not tried: no user 'nobody')"; exit 0; }

export SW_FLAGS_KEEP=kept SW_FLAGS_GONE=there
PROG='echo "$SW_FLAGS_NEW-${SW_FLAGS_GONE:-removed}-$SW_FLAGS_KEEP-$(id -u)"'
compare_strace "-e trace=write -e signal=none -E SW_FLAGS_NEW=added -E SW_FLAGS_GONE -u nobody" /bin/sh -c "$PROG"
for eng in $ENGINES; do
	grep -q "write(1, \"added-removed-kept-$(id -u nobody)\\\\n\"" "$T/$eng.txt" ||
		fail "$eng: -E/-u not applied: $(cat "$T/$eng.txt")"
done
compare_strace "-e trace=write -e signal=none --env=SW_FLAGS_KEEP=changed" /bin/sh -c "$PROG"
grep -q 'write(1, "-there-changed-0\\n"' "$T/ptrace.txt" || fail "--env=VAR=VAL: $(cat "$T/ptrace.txt")"

strace_refuses -u no-such-user-sw
strace_refuses -b open
refused "Cannot find user 'no-such-user-sw'" -u no-such-user-sw -- /bin/true
refused "Syscall 'open' for -b isn't supported" -b open -- /bin/true
refused "invalid -E '=x'" -E =x -- /bin/true
refused "-u and -E apply to a command" -E A=1 -p $$
echo ok
