#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch run --deny: a denied call fails with the rule's errno in the
# program, is counted exactly (the program counts its failures too) and
# shown decoded as trace prints it; :kill ends the program with SIGSYS, :trap
# sends a SIGSYS it can catch, :log lets the call through and counts it;
# --allow denies every other call with the default action.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp

# errno: exact counts, the program sees the errno, the first calls decoded
cat >"$T/mk.py" <<'PY'
import errno, os, sys
n = {}
for i in range(int(sys.argv[2])):
    try:
        os.mkdir(sys.argv[1])
    except OSError as e:
        n[errno.errorcode[e.errno]] = n.get(errno.errorcode[e.errno], 0) + 1
print(" ".join("%s=%d" % kv for kv in sorted(n.items())))
PY
out=$(sw_run --json -o "$T/s.json" --deny mkdir:errno=EACCES -- "$PY" "$T/mk.py" "$T/d" 1000) ||
	fail "run exited $?: $out"
[ "$out" = "EACCES=1000" ] || fail "the program saw: $out"
[ -e "$T/d" ] && fail "a denied mkdir created the directory"
[ "$(jget "$T/s.json" 'o["counted"]')" = True ] || fail "not counted: $(cat "$T/s.json")"
n=$(jget "$T/s.json" '[r for r in o["rules"] if r["rule"]=="--deny mkdir:errno=EACCES"][0]["calls"]["mkdir"]')
[ "$n" = 1000 ] || fail "counted $n mkdir calls, the program made 1000: $(cat "$T/s.json")"
jget "$T/s.json" 'o["denied"][0]["text"]' | grep -qxF "mkdir(\"$T/d\", 0777) = -1 EACCES (Permission denied)" ||
	fail "first denied call: $(jget "$T/s.json" 'o["denied"]')"
[ "$(jget "$T/s.json" 'len(o["denied"])')" = 5 ] || fail "want the first 5 denied calls shown"

# the default errno is EPERM; the text summary has a row per syscall and rule
out=$(sw_run -o "$T/s.txt" --deny 'mkdir,rmdir' -- "$PY" "$T/mk.py" "$T/d" 3) || fail "run exited $?"
[ "$out" = "EPERM=3" ] || fail "default errno: the program saw: $out"
grep -Eq '^ +3  mkdir +errno=EPERM +--deny mkdir,rmdir$' "$T/s.txt" || fail "text summary: $(cat "$T/s.txt")"

# classes and negation: %file denied, then every call but mkdir logged
sw_run -o "$T/c.txt" --deny '%file' --deny '!mkdir:log' -- "$PY" "$T/mk.py" "$T/d" 2 >"$T/c.out" ||
	fail "class run exited $?: $(cat "$T/c.txt")"
[ "$(cat "$T/c.out")" = "EPERM=2" ] || fail "%file: the program saw: $(cat "$T/c.out")"

# kill: SIGSYS ends the program, exit status 128+31
sw_run -o "$T/k.txt" --deny mkdir:kill -- mkdir "$T/k"
rc=$?
[ $rc = 159 ] || fail ":kill: exit $rc, want 159 (SIGSYS): $(cat "$T/k.txt")"
grep -q 'killed by SIGSYS' "$T/k.txt" || fail ":kill summary: $(cat "$T/k.txt")"
[ -e "$T/k" ] && fail ":kill: the directory was created"

# trap: a SIGSYS the program catches, with the syscall in si_syscall
cat >"$T/trap.py" <<'PY'
import ctypes, signal, os
seen = []
signal.signal(signal.SIGSYS, lambda s, f: seen.append(s))
r = ctypes.CDLL(None, use_errno=True).syscall(83, b"/nonexistent-dir/x", 0o755)  # mkdir
print("trapped" if seen else "not trapped", r)
PY
out=$(sw_run -o "$T/t.txt" --deny mkdir:trap -- "$PY" "$T/trap.py") || fail ":trap exited $?: $(cat "$T/t.txt")"
case $out in "trapped "*) ;; *) fail ":trap: the program says: $out" ;; esac

# log: the call runs and is counted
out=$(sw_run --json -o "$T/l.json" --deny mkdir:log -- "$PY" "$T/mk.py" "$T/l" 4) || fail ":log exited $?"
[ "$out" = "EEXIST=3" ] || fail ":log: the program saw: $out (the first mkdir must succeed)"
[ -d "$T/l" ] || fail ":log: the directory was not created"
[ "$(jget "$T/l.json" '[r for r in o["rules"] if r["action"]=="log"][0]["calls"]["mkdir"]')" = 4 ] ||
	fail ":log count: $(cat "$T/l.json")"

# allow-list mode: what is not allowed gets the default action
out=$(sw_run -o "$T/a.txt" --allow '!mkdir' -- "$PY" "$T/mk.py" "$T/d" 2) || fail "--allow exited $?"
[ "$out" = "EPERM=2" ] || fail "--allow: the program saw: $out"
grep -Eq '^ +2  mkdir +errno=EPERM +default$' "$T/a.txt" || fail "--allow summary: $(cat "$T/a.txt")"
out=$(sw_run -o /dev/null --allow '!mkdir' --default-action errno=ENOSPC -- "$PY" "$T/mk.py" "$T/d" 2) ||
	fail "--default-action exited $?"
[ "$out" = "ENOSPC=2" ] || fail "--default-action errno=ENOSPC: the program saw: $out"

# the last rule naming a syscall decides it
out=$(sw_run -o /dev/null --deny mkdir:errno=EACCES --deny '!mkdir:log' --deny '%file:errno=EROFS' --deny '!mkdir,rmdir:log' -- "$PY" "$T/mk.py" "$T/d" 1) ||
	fail "overlapping rules exited $?"
[ "$out" = "EROFS=1" ] || fail "overlapping rules: the program saw: $out"

# the command's exit status is passed on
sw_run -o /dev/null --deny mkdir -- sh -c 'exit 7'
[ $? = 7 ] || fail "exit status not passed on"
echo ok
