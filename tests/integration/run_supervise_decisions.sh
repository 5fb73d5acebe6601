#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run --supervise decisions other than deny: allow lets the call through
# and ends the search (a later deny covering it does not apply), log lets
# it through and counts it; the first rule matching a call decides it, for
# opens and exec'd programs alike. Globs: *, ? and [...] match within one
# path component (a file in a subdirectory is not under dir/*). Counted exactly in --json; only denied
# calls are shown.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp

mkdir -p "$T/d/sub"
for f in pub priv open1 open2 sub/deep; do echo "$f" >"$T/d/$f"; done
mkdir "$T/bin"
for p in t1 t2 t3; do cp "$(readlink -f /bin/true)" "$T/bin/$p"; done
cat >"$T/prog.sh" <<'SH'
d=$1
for i in 1 2 3; do cat "$d/pub"; done
cat "$d/open1" "$d/open2" "$d/sub/deep"
cat "$d/priv" 2>/dev/null || echo "priv=$?"
"$2/t1"; echo "t1=$?"
"$2/t2"; echo "t2=$?"
"$2/t3" 2>/dev/null; echo "t3=$?"
SH
out=$(sw_run --supervise "path=$T/d/p[u]b log" --supervise "path=$T/d/open? allow" --supervise "path=$T/d/* deny:EACCES" \
	--supervise "exec=$T/bin/t1 log" --supervise "exec=$T/bin/t2 allow" --supervise "exec=$T/bin/* deny:EPERM" \
	--json -o "$T/s.json" -- /bin/sh "$T/prog.sh" "$T/d" "$T/bin" | tr '\n' ' ') || fail "run exited $?: $out"
[ "$out" = "pub pub pub open1 open2 sub/deep priv=1 t1=0 t2=0 t3=126 " ] || fail "the program saw: $out"
calls() { jget "$T/s.json" "[r for r in o['rules'] if r['rule'] == \"--supervise '$1'\"][0]['calls']"; }
[ "$(calls "path=$T/d/p[u]b log")" = "{'openat': 3}" ] || fail "log counted: $(cat "$T/s.json")"
[ "$(calls "path=$T/d/* deny:EACCES")" = "{'openat': 1}" ] || fail "deny counted: $(cat "$T/s.json")"
[ "$(calls "exec=$T/bin/t1 log")" = "{'execve': 1}" ] || fail "exec log counted: $(cat "$T/s.json")"
[ "$(calls "exec=$T/bin/* deny:EPERM")" = "{'execve': 1}" ] ||
	fail "the exec deny rule acted other than once (t3 only): $(cat "$T/s.json")"
jget "$T/s.json" '[d["text"] for d in o["denied"]]' | grep -q "priv" || fail "the denied open is not shown: $(cat "$T/s.json")"
jget "$T/s.json" '[d["text"] for d in o["denied"]]' | grep -q "t3" || fail "the denied exec is not shown: $(cat "$T/s.json")"
[ "$(jget "$T/s.json" 'len(o["denied"])')" = 2 ] || fail "allowed or logged calls are shown as denied: $(cat "$T/s.json")"

# without the allow rule, the same exec is denied by the later rule
out=$(sw_run --supervise "exec=$T/bin/t1 log" --supervise "exec=$T/bin/t1 deny:EPERM" -o /dev/null -- /bin/sh -c "'$T/bin/t1'; echo \$?")
[ "$out" = 0 ] || fail "log before deny: the exec was not let through: $out"
out=$(sw_run --supervise "exec=$T/bin/t1 deny:EPERM" --supervise "exec=$T/bin/t1 log" -o /dev/null -- /bin/sh -c "'$T/bin/t1' 2>/dev/null; echo \$?")
[ "$out" = 126 ] || fail "deny before log: the exec was not refused: $out"
echo ok
