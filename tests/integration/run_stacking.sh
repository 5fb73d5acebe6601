#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch run inside a process that has a seccomp filter already: the
# kernel runs both filters, the stricter action wins. Under a filter with
# no listener (--no-count, or any program's own filter) the inner run counts
# as usual; under one with a listener (an outer syswatch run counting) the
# kernel refuses a second listener, and the inner run applies its policy in
# the kernel and says it did not count. Every run has a timeout.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp

cat >"$T/calls.sh" <<'SH'
uname >/dev/null 2>&1 && echo uname=ok || echo uname=denied
mkdir "$1/a" 2>/dev/null && echo mkdir=ok || echo mkdir=denied
rmdir "$1/nonexistent" 2>/dev/null; [ $? = 0 ] && echo rmdir=ok || echo rmdir=fails
SH

# outer --no-count (a filter without listener), inner counting
out=$(sw_run --no-count -o "$T/outer1.txt" --deny uname:errno=EACCES -- \
	"$SW" run --json -o "$T/inner1.json" --deny mkdir:errno=EROFS -- sh "$T/calls.sh" "$T" | tr '\n' ' ')
[ "$out" = "uname=denied mkdir=denied rmdir=fails " ] || fail "stacked under --no-count, the program saw: $out"
[ "$(jget "$T/inner1.json" 'o["counted"]')" = True ] || fail "inner run did not count: $(cat "$T/inner1.json")"
[ "$(jget "$T/inner1.json" 'o["rules"][1]["calls"]["mkdir"]')" = 1 ] || fail "inner count: $(cat "$T/inner1.json")"
grep -q 'not counted: --no-count' "$T/outer1.txt" || fail "outer summary: $(cat "$T/outer1.txt")"

# outer counting (a listener): the inner filter is the kernel's alone
out=$(sw_run --json -o "$T/outer2.json" --deny uname:errno=EACCES -- \
	"$SW" run --json -o "$T/inner2.json" --deny mkdir:errno=EROFS -- sh "$T/calls.sh" "$T" | tr '\n' ' ')
[ "$out" = "uname=denied mkdir=denied rmdir=fails " ] || fail "stacked under a listener, the program saw: $out"
[ "$(jget "$T/inner2.json" 'o["counted"]')" = False ] || fail "inner run counted under a listener: $(cat "$T/inner2.json")"
jget "$T/inner2.json" 'o["why_uncounted"]' | grep -q 'listener already' || fail "why: $(cat "$T/inner2.json")"
[ "$(jget "$T/outer2.json" 'o["rules"][1]["calls"]["uname"]')" = 1 ] || fail "outer count: $(cat "$T/outer2.json")"

# the stricter action wins: outer errno, inner kill of the same call
sw_run -o /dev/null --deny mkdir:errno=EACCES -- "$SW" run -o /dev/null --deny mkdir:kill -- mkdir "$T/b"
rc=$?
[ $rc = 159 ] || fail "inner kill under outer errno: exit $rc, want 159"
[ -e "$T/b" ] && fail "the directory was created"
# --supervise needs the listener: under another one it refuses to run
sw_run -o /dev/null --deny uname -- "$SW" run --supervise "path=$T/x deny" -- touch "$T/started" 2>"$T/sup.err"
rc=$?
[ $rc != 0 ] || fail "--supervise under a listener ran"
[ -e "$T/started" ] && fail "--supervise under a listener started the command"
grep -q 'cannot supervise: .*listener already' "$T/sup.err" || fail "--supervise under a listener: $(cat "$T/sup.err")"
echo ok
