#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Bad input: one line naming the input and the reason, a non-zero exit, and
# nothing left running.
. "$(dirname "$0")/trace_lib/common.bash"

check() { # expected-exit expected-message-regex args...
	local want=$1 re=$2 out rc
	shift 2
	out=$("$SW" trace "$@" 2>&1 >/dev/null)
	rc=$?
	[ $rc -ne 0 ] || fail "'$*' succeeded"
	[ "$want" = any ] || [ $rc -eq "$want" ] || fail "'$*' exited $rc, not $want"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "'$*' printed several lines: $out"
	grep -Eq "$re" <<<"$out" || fail "'$*' said: $out"
}

check 2 "^syswatch: invalid -e trace='nosuchcall': .*nosuchcall" -e trace=nosuchcall -- /bin/true
check 2 "^syswatch: invalid -e trace='%nosuch'" -e trace=%nosuch -- /bin/true
check 2 "^syswatch: invalid -s argument: 'abc'" -s abc -- /bin/true
check 2 "^syswatch: invalid -s argument: '-3'" -s -3 -- /bin/true
check 2 "^syswatch: trace: nothing to trace" -f
check 2 "^syswatch: trace: unknown option '--frobnicate'" --frobnicate -- /bin/true
check 2 "^syswatch: trace: unknown option '-Q'" -Q -- /bin/true
check 2 "^syswatch: invalid pid 'abc'" -p abc
check 2 "^syswatch: unknown engine 'magic'" --engine magic -- /bin/true
check 2 "^syswatch: invalid inject argument 'open:error=EBOGUS': unknown error 'EBOGUS'" --inject open:error=EBOGUS -- /bin/true
check 2 "^syswatch: invalid inject argument 'nosuch:error=ENOENT'" --inject nosuch:error=ENOENT -- /bin/true
check 2 "^syswatch: invalid --duration 'x'" --duration x -- /bin/true
check 2 "^syswatch: trace: give a command, -p PID or -a, not several" -p 1 -- /bin/true
check 1 "^syswatch: cannot attach to pid 999999: No such process$" --engine ptrace -p 999999
check 127 "^syswatch: cannot run 'syswatch-no-such-command': No such file or directory$" -- syswatch-no-such-command
check 127 "^syswatch: cannot run '/nonexistent-syswatch-dir/prog': No such file or directory$" -- /nonexistent-syswatch-dir/prog
printf 'not a program\n' >"$T/noexec"
chmod 644 "$T/noexec"
check 126 "^syswatch: cannot run '$T/noexec': Permission denied$" -- "$T/noexec"
printf '\177ELF garbage\n' >"$T/badexec"
chmod 755 "$T/badexec"
check 126 "^syswatch: cannot run '$T/badexec': Exec format error$" --engine ptrace -- "$T/badexec"
check 1 "^syswatch: cannot open '/nonexistent-syswatch-dir/out': No such file or directory$" -o /nonexistent-syswatch-dir/out -- /bin/true
check 2 "^syswatch: --inject needs the ptrace engine$" --engine ebpf --inject open:error=EIO -- /bin/true
check 2 "^syswatch: --pin-cpu needs the ptrace engine$" --engine ebpf --pin-cpu -- /bin/true
check 1 "^syswatch: -a needs the ebpf engine$" --engine ptrace -a
check 1 "^syswatch: --sample needs the ebpf engine$" --engine ptrace --sample 10 -- /bin/true
check 1 "^syswatch: --uid needs the ebpf engine$" --engine ptrace --uid 0 -- /bin/true

# --help works and exits 0
"$SW" trace --help | grep -q '^usage: syswatch trace' || fail "--help"

# nothing left behind by the failed runs
sleep 0.1
left=$(ps -eo pid,ppid,stat,comm | awk -v me=$$ '$2 == me && $3 ~ /^[tTZ]/')
[ -z "$left" ] || fail "left behind: $left"
echo ok
