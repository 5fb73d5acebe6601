#!/usr/bin/env bash
# syswatch run: bad input gives one line naming the input and the reason,
# a non-zero exit, and nothing is started.
. "$(dirname "$0")/run_lib/common.bash"
[ -x "$SW" ] || fail "no syswatch binary at $SW"

expect_error() { # WANT_RC PATTERN ARGS...
	local want=$1 pat=$2 rc
	shift 2
	rm -f "$T/started"
	timeout -k 5 30 "$SW" run "$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc = "$want" ] || fail "run $*: exit $rc, want $want ($(cat "$T/err"))"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "run $*: want one line, got: $(cat "$T/err")"
	grep -Eq "^syswatch: $pat" "$T/err" || fail "run $*: message: $(cat "$T/err")"
	[ -e "$T/started" ] && fail "run $*: the command was started"
	return 0
}

start=(-- touch "$T/started")
expect_error 2 "run: nothing to run: give a command after '--'"
expect_error 2 "run: nothing to run" --deny mkdir
expect_error 2 "run: unknown option '--bogus'" --bogus "${start[@]}"
expect_error 2 "run: unknown option '-x'" -x "${start[@]}"
expect_error 2 "run: option '--deny' needs a value" --deny
expect_error 2 "invalid --deny 'nosuchcall': .*nosuchcall" --deny nosuchcall "${start[@]}"
expect_error 2 "invalid --deny 'mkdir:errno=ENOTANERRNO': unknown errno 'ENOTANERRNO'" --deny mkdir:errno=ENOTANERRNO "${start[@]}"
expect_error 2 "invalid --deny 'mkdir:explode': unknown action 'explode'" --deny mkdir:explode "${start[@]}"
expect_error 2 "invalid --deny ':kill': no syscalls before the action" --deny :kill "${start[@]}"
expect_error 2 "invalid --deny '%nosuchclass'" --deny %nosuchclass "${start[@]}"
expect_error 2 "invalid --allow 'mkdir,bogus'" --allow mkdir,bogus "${start[@]}"
expect_error 2 "invalid --default-action 'deny': unknown action 'deny'" --default-action deny "${start[@]}"
expect_error 2 "invalid --shown 'x'" --shown x "${start[@]}"
expect_error 2 "cannot open '/nonexistent/dir/summary'" -o /nonexistent/dir/summary "${start[@]}"
expect_error 127 "cannot run 'no-such-program-syswatch': No such file or directory" -- no-such-program-syswatch
"$SW" run --help | grep -q '^usage: syswatch run' || fail "--help"
echo ok
