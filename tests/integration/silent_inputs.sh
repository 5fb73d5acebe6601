#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Inputs that used to be accepted silently are refused in one line naming the
# input, with a non-zero exit: a ring buffer above 1g, an empty pid in a -p
# list, -a with -p, a bench CPU that does not exist, a bench output that
# cannot be written (before the run, not after it), a directory as the
# monitor's events file, a missing option value (in every command), and a
# command that cannot be found or run under stat (127/126, as under trace).
. "$(dirname "$0")/trace_lib/common.bash"

check() { # expected-exit expected-message (exact) command args...
	local want=$1 msg=$2 out rc start ms
	shift 2
	start=$(date +%s%N)
	out=$(timeout 20 "$SW" "$@" 2>&1 >/dev/null)
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	[ $rc -eq "$want" ] || fail "'$*' exited $rc, not $want ($out)"
	[ "$out" = "$msg" ] || fail "'$*' said: $out (expected: $msg)"
	# refused up front, not after a run
	[ $ms -lt 5000 ] || fail "'$*' took $ms ms to refuse"
}

check 2 "syswatch: invalid --buffer-size '100g': at most 1g" trace --buffer-size 100g -a
check 2 "syswatch: invalid --buffer-size '2g': at most 1g" trace --buffer-size 2g -a
check 2 "syswatch: invalid --buffer-size '18014398509481985k': expected bytes, with k, m or g" \
	trace --buffer-size 18014398509481985k -a
for cmd in trace stat; do
	check 2 "syswatch: invalid pid '' in -p '1,,2'" $cmd -p 1,,2
	check 2 "syswatch: invalid pid '' in -p '1,'" $cmd -p 1,
	check 2 "syswatch: $cmd: give a command, -p PID or -a, not several" $cmd -a -p 1
	check 2 "syswatch: $cmd: option '-o' needs a value" $cmd -o
	check 2 "syswatch: $cmd: option '-p' needs a value" $cmd -f -p
	check 2 "syswatch: $cmd: option '--duration' needs a value" $cmd -a --duration
	check 127 "syswatch: cannot run 'no-such-command-here': No such file or directory" $cmd -- no-such-command-here
	check 126 "syswatch: cannot run '/etc/passwd': Permission denied" $cmd -- /etc/passwd
done
check 2 "syswatch: verify: option '-o' needs a value" verify -o
check 2 "syswatch: bench: option '--json' needs a value" bench --json
check 2 "syswatch: monitor: option '--config' needs a value" monitor --config
check 2 "syswatch: bad CPU list '1000': CPU 1000 is not available here ($(nproc) usable)" bench --cpu 1000
check 2 "syswatch: bad CPU list '0-1000': CPU $(nproc) is not available here ($(nproc) usable)" bench --cpu 0-1000
check 1 "syswatch: cannot write --json '/proc/nope/x': No such file or directory" bench --json /proc/nope/x
check 1 "syswatch: cannot write --csv '$T': Is a directory" bench --csv "$T"
check 1 "syswatch: cannot write --plot '/etc/passwd/x.png': Not a directory" bench --plot /etc/passwd/x.png

printf 'outputs: {events: %s, stdout: false}\n' "$T" >"$T/dir.yaml"
check 1 "$T/dir.yaml:1:19: outputs.events '$T' is a directory, not a file" monitor --config "$T/dir.yaml" --check-config
echo ok
