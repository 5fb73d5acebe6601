#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch run --profile: an OCI/Docker seccomp profile (a copy of Docker's
# default written here, run_lib/docker-default.json) runs coreutils and
# python3; its argument rules (personality) and errnoRet (clone3: ENOSYS
# without CAP_SYS_ADMIN) hold. --record-profile writes the profile of what a
# command used: it validates against docs/seccomp-profile.schema.json, runs
# the command again, and refuses a program that needs one more syscall.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp
SRCDIR=${SRCDIR:-$PWD}
DOCKER=$SRCDIR/tests/integration/run_lib/docker-default.json

# coreutils and python3 under Docker's default profile
out=$(sw_run --profile "$DOCKER" -o "$T/d.txt" -- sh -c '
	printf "b\na\n" | sort | head -1; ls / >/dev/null && echo ls=ok; cat /etc/hostname >/dev/null && echo cat=ok
	wc -l </etc/passwd >/dev/null && echo wc=ok; date +%Y >/dev/null && echo date=ok; cp /etc/hostname "$1/h" && echo cp=ok
	rm "$1/h" && echo rm=ok; mkdir "$1/x" && rmdir "$1/x" && echo dir=ok' sh "$T" | tr '\n' ' ') ||
	fail "coreutils under the Docker profile: exit $?: $out $(cat "$T/d.txt")"
[ "$out" = "a ls=ok cat=ok wc=ok date=ok cp=ok rm=ok dir=ok " ] || fail "coreutils under the Docker profile: $out"
out=$(sw_run --profile "$DOCKER" -o "$T/p.txt" -- "$PY" -c '
import json, os, subprocess, tempfile, threading
t = threading.Thread(target=lambda: None); t.start(); t.join()
with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, "f"), "w").write("x")
print(subprocess.run(["true"]).returncode, json.dumps({"ok": 1}))') ||
	fail "python3 under the Docker profile: exit $?: $out $(cat "$T/p.txt")"
[ "$out" = '0 {"ok": 1}' ] || fail "python3 under the Docker profile: $out"

# argument rules: personality(PER_LINUX) and 0xffffffff (query) allowed,
# another persona denied with the default errno (EPERM)
cat >"$T/pers.py" <<'PY'
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
for p in (0xffffffff, 0x0040000):
    r = libc.syscall(135, ctypes.c_ulong(p))
    print("ok" if r >= 0 else "errno=%d" % ctypes.get_errno(), end=" ")
PY
out=$(sw_run --profile "$DOCKER" --json -o "$T/pers.json" -- "$PY" "$T/pers.py") || fail "personality run: exit $?"
[ "$out" = "ok errno=1 " ] || fail "personality under the Docker profile: $out"
[ "$(jget "$T/pers.json" 'o["rules"][0]["calls"].get("personality")')" = 1 ] ||
	fail "the denied personality is not counted under the default action: $(cat "$T/pers.json")"

# errnoRet: without CAP_SYS_ADMIN clone3 fails with ENOSYS (glibc falls back to clone)
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	mkdir "$T/nb" && chmod 755 "$T" && chmod 777 "$T/nb"
	cat >"$T/nb/clone3.py" <<'PY'
import ctypes, os, subprocess
libc = ctypes.CDLL(None, use_errno=True)
r = libc.syscall(435, None, ctypes.c_size_t(0))
print("clone3", "ok" if r >= 0 else "errno=%d" % ctypes.get_errno(), subprocess.run(["true"]).returncode)
PY
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all \
		timeout -k 5 60 "$SW" run --profile "$DOCKER" -o "$T/nb/c3.txt" -- "$PY" "$T/nb/clone3.py") ||
		fail "clone3 run as nobody: exit $?: $out $(cat "$T/nb/c3.txt")"
	[ "$out" = "clone3 errno=38 0" ] || fail "clone3 without CAP_SYS_ADMIN: $out"
fi

# record, validate, replay; one more syscall is refused
cp "$(dirname "$0")/run_lib/rec.py" "$T/rec.py"
out=$(timeout -k 5 120 "$SW" run --record-profile "$T/rec.json" -- "$PY" "$T/rec.py" same) || fail "record: exit $?: $out"
[ "$out" = "pid True" ] || fail "record: the program said: $out"
"$PY" "$(dirname "$0")/run_lib/valid_profile.py" "$SRCDIR/docs/seccomp-profile.schema.json" "$T/rec.json" ||
	fail "the recorded profile does not validate: $(cat "$T/rec.json")"
grep -q '"getsid"' "$T/rec.json" && fail "the recorded profile allows getsid, which the run never made"
grep -q '"execve"' "$T/rec.json" || fail "the recorded profile lacks execve"
out=$(sw_run --profile "$T/rec.json" -o "$T/r1.txt" -- "$PY" "$T/rec.py" same) || fail "replay: exit $?: $(cat "$T/r1.txt")"
[ "$out" = "pid True" ] || fail "replay: the program said: $out"
grep -q 'no rule acted' "$T/r1.txt" || fail "replay denied something: $(cat "$T/r1.txt")"
out=$(sw_run --profile "$T/rec.json" --json -o "$T/r2.json" -- "$PY" "$T/rec.py" more | tr '\n' ' ') ||
	fail "replay with one more syscall: exit $?"
[ "$out" = "pid True getsid errno=1 " ] || fail "one more syscall: the program said: $out"
[ "$(jget "$T/r2.json" 'o["rules"][0]["calls"]')" = "{'getsid': 1}" ] ||
	fail "one more syscall: counts $(jget "$T/r2.json" 'o["rules"][0]')"
jget "$T/r2.json" 'o["denied"][0]["text"]' | grep -qx 'getsid(0) = -1 EPERM (Operation not permitted)' ||
	fail "the denied call: $(jget "$T/r2.json" 'o["denied"]')"

# a command-line rule overrides the profile
out=$(sw_run --profile "$T/rec.json" --deny getsid:log -o /dev/null -- "$PY" "$T/rec.py" more | tr '\n' ' ')
[ "$out" = "pid True getsid ok " ] || fail "--deny getsid:log over the profile: $out"
echo ok
