#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# verify: bad input gives one clear line and exit 2; a command that cannot
# run, or an eBPF engine that cannot load (no privilege), one line and exit 3.
. "$(dirname "$0")/verify_lib/common.bash"

expect_error() { # WANT_RC PATTERN ARGS...
	local want=$1 pat=$2 rc
	shift 2
	"$SW" verify "$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc = "$want" ] || fail "verify $*: exit $rc, want $want ($(cat "$T/err"))"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "verify $*: want one line, got: $(cat "$T/err")"
	grep -Eq "^syswatch: $pat" "$T/err" || fail "verify $*: message: $(cat "$T/err")"
}

[ -x "$SW" ] || fail "no syswatch binary at $SW"
expect_error 2 "verify: nothing to run: give a command after '--'"
expect_error 2 "verify: nothing to run" -f
expect_error 2 "verify: unknown option '--bogus'" --bogus -- /bin/true
expect_error 2 "verify: unknown option '-x'" -x -- /bin/true
expect_error 2 "invalid --diffs 'many'" --diffs many -- /bin/true
expect_error 2 ".*nosuchcall" --inject nosuchcall:error=ENOENT -- /bin/true
expect_error 3 "cannot run 'no-such-program-syswatch': No such file or directory" -- no-such-program-syswatch
"$SW" verify --help | grep -q '^usage: syswatch verify' || fail "--help"

# without privilege the eBPF engine cannot load: one line naming what is missing
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all \
		"$SW" verify -- /bin/true >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc = 3 ] || fail "unprivileged: exit $rc, want 3 ($(cat "$T/err"))"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "unprivileged: want one line, got: $(cat "$T/err")"
	grep -Eiq '^syswatch: .*(root|CAP_BPF|privilege)' "$T/err" || fail "unprivileged message: $(cat "$T/err")"
fi
echo ok
