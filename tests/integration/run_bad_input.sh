#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
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
# profiles: invalid JSON at FILE:LINE:COLUMN, other mistakes by field path
printf '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [ { "names": ["read"] "action": "SCMP_ACT_ALLOW" } ]\n}\n' >"$T/syntax.json"
expect_error 2 "invalid --profile: $T/syntax.json:3:[0-9]+: " --profile "$T/syntax.json" "${start[@]}"
echo '{"defaultAction": "SCMP_ACT_ERRNO", "bogus": 1}' >"$T/field.json"
expect_error 2 "invalid --profile: $T/field.json: bogus: unknown field" --profile "$T/field.json" "${start[@]}"
echo '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW"}, {"names": ["write"], "action": "SCMP_ACT_MAYBE"}]}' >"$T/action.json"
expect_error 2 "invalid --profile: $T/action.json: syscalls\\[1\\].action: unknown action 'SCMP_ACT_MAYBE'" --profile "$T/action.json" "${start[@]}"
echo '{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_AARCH64"]}' >"$T/arch.json"
expect_error 2 "invalid --profile: $T/arch.json: architectures: wrong architecture" --profile "$T/arch.json" "${start[@]}"
echo '{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_VAX"]}' >"$T/arch2.json"
expect_error 2 "invalid --profile: $T/arch2.json: architectures\\[0\\]: unknown architecture 'SCMP_ARCH_VAX'" --profile "$T/arch2.json" "${start[@]}"
echo '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_ABOUT"}]}]}' >"$T/op.json"
expect_error 2 "invalid --profile: $T/op.json: syscalls\\[0\\].args\\[0\\].op: unknown operator 'SCMP_CMP_ABOUT'" --profile "$T/op.json" "${start[@]}"
echo '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": -1, "op": "SCMP_CMP_EQ"}]}]}' >"$T/neg.json"
expect_error 2 "invalid --profile: $T/neg.json: syscalls\\[0\\].args\\[0\\].value: expected an unsigned 64-bit number" --profile "$T/neg.json" "${start[@]}"
echo '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 99999}]}' >"$T/errno.json"
expect_error 2 "invalid --profile: $T/errno.json: syscalls\\[0\\].action: errnoRet must be an errno number" --profile "$T/errno.json" "${start[@]}"
printf '{"defaultAction": "SCMP_ACT_ALLOW",\n "syscalls": [{"names": ["read"]' >"$T/cut.json"
expect_error 2 "invalid --profile: $T/cut.json:2:[0-9]+: " --profile "$T/cut.json" "${start[@]}"
expect_error 2 "invalid --default-action 'errno=EBOGUS': unknown errno 'EBOGUS'" --default-action errno=EBOGUS "${start[@]}"
echo '{"syscalls": []}' >"$T/nodefault.json"
expect_error 2 "invalid --profile: $T/nodefault.json: defaultAction: missing" --profile "$T/nodefault.json" "${start[@]}"
expect_error 2 "invalid --profile: $T/missing.json: unable to open" --profile "$T/missing.json" "${start[@]}"
# a syscall name this system does not know is skipped with a warning, as
# runc does (profiles name calls of newer kernels); the rest applies
echo '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["nosuchcall_syswatch", "mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 28}]}' >"$T/unknown.json"
timeout -k 5 30 "$SW" run --profile "$T/unknown.json" -o /dev/null -- mkdir "$T/made" 2>"$T/err"
[ $? = 1 ] || fail "mkdir under a profile denying it: $(cat "$T/err")"
[ -e "$T/made" ] && fail "mkdir under a profile denying it made the directory"
grep -q "^syswatch: warning: $T/unknown.json: syscalls this system does not know, skipped: nosuchcall_syswatch\$" "$T/err" ||
	fail "unknown syscall in a profile: $(cat "$T/err")"
grep -q 'No space left on device' "$T/err" || fail "errnoRet 28 not applied: $(cat "$T/err")"
expect_error 2 "run: --record-profile runs the command without a policy" --record-profile "$T/r.json" --deny mkdir "${start[@]}"
expect_error 2 "cannot write '/nonexistent/dir/p.json'" --record-profile /nonexistent/dir/p.json "${start[@]}"
expect_error 2 "invalid --supervise 'deny': expected CONDITION... DECISION" --supervise deny "${start[@]}"
expect_error 2 "invalid --supervise 'path=etc/shadow deny': path: the path must be absolute" --supervise 'path=etc/shadow deny' "${start[@]}"
expect_error 2 "invalid --supervise 'path=/x maybe': unknown decision 'maybe'" --supervise 'path=/x maybe' "${start[@]}"
expect_error 2 "invalid --supervise 'path=/x family=AF_INET deny': family: conditions on different calls" --supervise 'path=/x family=AF_INET deny' "${start[@]}"
expect_error 2 "invalid --supervise 'flags=O_BOGUS deny': flags: unknown open flag" --supervise 'flags=O_BOGUS deny' "${start[@]}"
expect_error 2 "invalid --supervise 'dest=300.1.1.1 deny': dest: expected an address or a CIDR" --supervise 'dest=300.1.1.1 deny' "${start[@]}"
expect_error 2 "invalid --supervise 'port=70000 deny': port: expected a port" --supervise 'port=70000 deny' "${start[@]}"
expect_error 2 "invalid --supervise 'color=red deny': color: unknown condition" --supervise 'color=red deny' "${start[@]}"
expect_error 2 "invalid --supervise 'path=/x deny:ENOPE': unknown decision 'deny:ENOPE'" --supervise 'path=/x deny:ENOPE' "${start[@]}"
expect_error 2 "run: --supervise needs syswatch to answer calls" --supervise 'path=/x deny' --no-count "${start[@]}"
"$SW" run --help | grep -q '^usage: syswatch run' || fail "--help"
echo ok
