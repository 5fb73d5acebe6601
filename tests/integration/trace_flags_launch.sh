#!/usr/bin/env bash
# How syswatch starts the command, as strace does, on both engines: -E
# VAR=VAL / -E VAR (the command's environment), -u USER (its user); and
# their bad input.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
. "$(dirname "$0")/trace_lib/strace_compare.bash"
[ "$(id -u)" -eq 0 ] || skip "-u needs root"
id nobody >/dev/null 2>&1 || skip "no user 'nobody' here"

export SW_FLAGS_KEEP=kept SW_FLAGS_GONE=there
PROG='echo "$SW_FLAGS_NEW-${SW_FLAGS_GONE:-removed}-$SW_FLAGS_KEEP-$(id -u)"'
compare_strace "-e trace=write -e signal=none -E SW_FLAGS_NEW=added -E SW_FLAGS_GONE -u nobody" /bin/sh -c "$PROG"
for eng in $ENGINES; do
	grep -q "write(1, \"added-removed-kept-$(id -u nobody)\\\\n\"" "$T/$eng.txt" ||
		fail "$eng: -E/-u not applied: $(cat "$T/$eng.txt")"
done
compare_strace "-e trace=write -e signal=none --env=SW_FLAGS_KEEP=changed" /bin/sh -c "$PROG"
grep -q 'write(1, "-there-changed-0\\n"' "$T/ptrace.txt" || fail "--env=VAR=VAL: $(cat "$T/ptrace.txt")"

bad() {
	local want=$1 out
	shift
	out=$("$SW" trace "$@" 2>&1)
	[ $? -eq 2 ] || fail "$* did not exit 2"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "$*: more than one line: $out"
	printf '%s\n' "$out" | grep -qF -- "$want" || fail "$*: '$out' does not say '$want'"
}
bad "Cannot find user 'no-such-user-sw'" -u no-such-user-sw -- /bin/true
bad "invalid -E '=x'" -E =x -- /bin/true
bad "-u and -E apply to a command" -E A=1 -p $$
echo ok
