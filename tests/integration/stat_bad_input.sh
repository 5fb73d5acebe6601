#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Bad input: one clear line on stderr ("syswatch: ..."), a non-zero exit,
# nothing started and nothing on stdout.
. "$(dirname "$0")/stat_lib/common.bash"

# "args|what the line must mention"
cases=(
	"--duration 0 -a|--duration"
	"--duration -1 -a|--duration"
	"--duration abc -a|--duration"
	"--duration 1e3 -a|--duration"
	"--duration 0.0 -a|--duration"
	"--duration= -a|--duration"
	"--interval 0 -a|--interval"
	"--interval -2 -a|--interval"
	"--interval 1s -a|--interval"
	"--interval nan -a|--interval"
	"--top 0 -a|--top"
	"--top -3 -a|--top"
	"--top x -a|--top"
	"--sort size -a|--sort"
	"-S bogus -a|--sort"
	"--engine dtrace -a|engine"
	"--uid no-such-user-syswatch -a|--uid"
	"--comm 0123456789abcdefg -a|--comm"
	"-e trace=no_such_syscall -- /bin/true|no_such_syscall"
	"-e signal=nosuchsig -- /bin/true|nosuchsig"
	"-e kvm=vcpu -- /bin/true|-e"
	"-p 0|pid"
	"-p abc|pid"
	"-p 2147483647|pid 2147483647"
	"--bogus -a|--bogus"
	"-A -a|-A"
	"--top|--top"
	"|nothing to count"
	"-a -- /bin/true|not several"
	"-p 1 -- /bin/true|not several"
	"--engine ptrace -a|-a needs the ebpf engine"
	"--histogram --no-latency -a|--no-latency"
	"--engine ebpf --inject getppid:error=EPERM -- /bin/true|ptrace"
	"-- /nonexistent/syswatch-no-such-program|/nonexistent/syswatch-no-such-program"
)
for c in "${cases[@]}"; do
	args=${c%%|*}
	want=${c#*|}
	# shellcheck disable=SC2086
	"$SW" stat $args >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" -ne 0 ] || fail "'stat $args' exited 0"
	# 127: a command not found, as shells and trace say it; anything else that high is a crash
	case $args in
	*/nonexistent/*) [ "$rc" -eq 127 ] || fail "'stat $args' exited $rc, not 127" ;;
	*) [ "$rc" -lt 126 ] || fail "'stat $args' exited $rc (crash?)" ;;
	esac
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "'stat $args' said: $(cat "$T/err")"
	grep -q '^syswatch: ' "$T/err" || fail "'stat $args' said: $(cat "$T/err")"
	grep -qF -- "$want" "$T/err" || fail "'stat $args' said '$(cat "$T/err")', not about '$want'"
	[ ! -s "$T/out" ] || fail "'stat $args' wrote to stdout: $(cat "$T/out")"
done

# usage errors are 2, like trace's
"$SW" stat --duration 0 -a 2>/dev/null
[ $? -eq 2 ] || fail "a usage error does not exit 2"
"$SW" stat --help | grep -q 'wall-clock time from syscall entry to exit' || fail "--help does not say what time means"
echo ok
