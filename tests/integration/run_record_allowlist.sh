#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Allow-list mode from a recorded profile. `ls` recorded with
# run --record-profile runs again under run --profile with nothing denied;
# `ls -l`, which needs calls plain `ls` never made, is refused, and only
# calls the profile lacks are denied. clone and personality are recorded
# with argument rules as Docker writes them: clone without the namespace
# flags, personality with the values seen; a clone asking for a new
# namespace or another personality is refused on replay while the recorded
# ones run. Every profile validates against the runtime-spec schema.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp
SCHEMA=$SRCDIR/docs/seccomp-profile.schema.json
valid() { "$PY" "$(dirname "$0")/run_lib/valid_profile.py" "$SCHEMA" "$1" || fail "$1 does not validate: $(cat "$1")"; }

mkdir "$T/d" && touch "$T/d/one" "$T/d/two"
want=$(ls -a "$T/d")
out=$(timeout -k 5 120 "$SW" run --record-profile "$T/ls.json" -- ls -a "$T/d") || fail "record ls: exit $?"
[ "$out" = "$want" ] || fail "recorded ls said: $out"
valid "$T/ls.json"
[ "$(jget "$T/ls.json" 'o["defaultAction"], o["architectures"]')" = "('SCMP_ACT_ERRNO', ['SCMP_ARCH_X86_64'])" ] ||
	fail "not an allow-list profile for this architecture: $(head -5 "$T/ls.json")"
out=$(sw_run --profile "$T/ls.json" -o "$T/r1.txt" -- ls -a "$T/d") || fail "ls under its profile: exit $?: $(cat "$T/r1.txt")"
[ "$out" = "$want" ] || fail "ls under its profile said: $out"
grep -q 'no rule acted' "$T/r1.txt" || fail "ls under its profile was denied calls: $(cat "$T/r1.txt")"
sw_run --profile "$T/ls.json" --json -o "$T/r2.json" -- ls -l "$T/d" >/dev/null 2>&1
"$PY" - "$T/ls.json" "$T/r2.json" <<'PY' || fail "ls -l under the profile of ls"
import json, sys
allowed = {n for s in json.load(open(sys.argv[1]))["syscalls"] for n in s["names"]}
r = json.load(open(sys.argv[2]))
denied = {n for rule in r["rules"] if rule["action"] != "allow" for n in rule["calls"]}
if not denied:
    sys.exit("ls -l ran with nothing denied: %s" % r)
if denied & allowed:
    sys.exit("calls the profile allows were denied: %s" % sorted(denied & allowed))
PY

# clone and personality: argument rules, recorded and enforced
cat >"$T/cp.py" <<'PY'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
def call(nr, *args):
    r = libc.syscall(nr, *[ctypes.c_ulong(a) for a in args])
    return r, ctypes.get_errno()
out = []
r, e = call(135, 0xffffffff)               # personality: query
out.append("query=%s" % ("ok" if r >= 0 else e))
pid = os.fork()                            # clone(SIGCHLD|CLONE_CHILD_*), no namespace
if pid == 0:
    os._exit(3)
out.append("fork=%d" % os.WEXITSTATUS(os.waitpid(pid, 0)[1]))
if sys.argv[1] == "more":
    r, e = call(135, 0x0008)               # personality(PER_LINUX32)
    out.append("linux32=%s" % ("ok" if r >= 0 else e))
    if r >= 0:
        call(135, r)
    r, e = call(56, 0x04000000 | 17, 0, 0, 0, 0)  # clone(CLONE_NEWUTS|SIGCHLD)
    if r == 0:
        os._exit(0)
    if r > 0:
        os.waitpid(r, 0)
    out.append("newuts=%s" % ("ok" if r > 0 else e))
print(" ".join(out))
PY
out=$(timeout -k 5 120 "$SW" run --record-profile "$T/cp.json" -- "$PY" "$T/cp.py" same) || fail "record: exit $?"
[ "$out" = "query=ok fork=3" ] || fail "the recorded program said: $out"
valid "$T/cp.json"
"$PY" - "$T/cp.json" <<'PY' || fail "argument rules in $T/cp.json"
import json, sys
p = json.load(open(sys.argv[1]))
def rules(name):
    return [s for s in p["syscalls"] if name in s["names"]]
clone, pers = rules("clone"), rules("personality")
want_clone = [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]
if len(clone) != 1 or clone[0]["names"] != ["clone"] or clone[0]["action"] != "SCMP_ACT_ALLOW" or clone[0].get("args") != want_clone:
    sys.exit("clone: %s" % clone)
want_pers = [{"index": 0, "value": 4294967295, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]
if len(pers) != 1 or pers[0]["names"] != ["personality"] or pers[0].get("args") != want_pers:
    sys.exit("personality: %s" % pers)
PY
out=$(sw_run --profile "$T/cp.json" -o "$T/cp1.txt" -- "$PY" "$T/cp.py" same) || fail "replay: exit $?: $(cat "$T/cp1.txt")"
[ "$out" = "query=ok fork=3" ] || fail "replay said: $out"
grep -q 'no rule acted' "$T/cp1.txt" || fail "replay was denied calls: $(cat "$T/cp1.txt")"
out=$(sw_run --profile "$T/cp.json" --json -o "$T/cp2.json" -- "$PY" "$T/cp.py" more) || fail "replay more: exit $?"
[ "$out" = "query=ok fork=3 linux32=1 newuts=1" ] || fail "another personality and a new namespace under the profile: $out"
[ "$(jget "$T/cp2.json" '[r["calls"] for r in o["rules"] if r["rule"] == "default"][0]')" = "{'clone': 1, 'personality': 1}" ] ||
	fail "denials counted: $(cat "$T/cp2.json")"
# the same calls without the profile: the refusals above were the profile's
if [ "$(id -u)" = 0 ]; then
	out=$(sw_run -o /dev/null --deny getsid -- "$PY" "$T/cp.py" more) || fail "without the profile: exit $?"
	[ "$out" = "query=ok fork=3 linux32=ok newuts=ok" ] || fail "without the profile: $out"
fi
echo ok
