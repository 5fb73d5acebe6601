#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A recorded profile in a real OCI runtime: runc runs a bundle whose root
# file system is a static busybox. `syswatch trace -f --record-profile`
# records the container's run (the runtime's own calls after it loads the
# filter included); with that profile in config.json's linux.seccomp the
# same command runs, and a command needing one syscall more (busybox ionice:
# ioprio_get) is refused with EPERM, which it is not without the profile.
# Skipped, with the reason, where runc or a static busybox is missing or
# runc cannot run containers here.
. "$(dirname "$0")/run_lib/common.bash"
[ "$(id -u)" = 0 ] || skip "runc needs root here"
busybox_bundle
ids=()
cleanup() {
	for id in "${ids[@]}"; do runc --root "$RR" delete -f "$id" >/dev/null 2>&1; done
	rm -rf "$T"
}
trap cleanup EXIT
(cd "$B" && runc spec) || fail "runc spec failed"

# config.json for ARGS..., with the profile PROFILE ("" for none)
config() {
	local profile=$1
	shift
	"$PY" - "$B/config.json" "$profile" "$@" <<'PY'
import json, sys
path, profile, args = sys.argv[1], sys.argv[2], sys.argv[3:]
c = json.load(open(path))
c["process"]["terminal"] = False
c["process"]["args"] = args
c["root"]["readonly"] = True
c["linux"].pop("seccomp", None)
if profile:
    c["linux"]["seccomp"] = json.load(open(profile))
json.dump(c, open(path, "w"), indent=1)
PY
}
n=0
crun() {
	local id=syswatch-test-$$-$((n += 1))
	ids+=("$id")
	timeout -k 5 60 runc --root "$RR" run --bundle "$B" "$id" </dev/null
}

config "" /bin/busybox ionice
out=$(crun 2>&1) || skip "runc cannot run a container here: $out"
[ "$out" = "none: prio 0" ] || fail "busybox ionice without a profile said: $out"

config "" /bin/busybox echo hello
out=$(timeout -k 5 120 "$SW" trace -f -o /dev/null --record-profile "$T/p.json" -- \
	runc --root "$RR" run --bundle "$B" syswatch-test-$$-rec </dev/null) || fail "the recorded run exited $?: $out"
ids+=(syswatch-test-$$-rec)
[ "$out" = hello ] || fail "the recorded run said: $out"
grep -q '"ioprio_get"' "$T/p.json" && fail "the recording allows ioprio_get, which nothing made"

config "$T/p.json" /bin/busybox echo hello
out=$(crun 2>&1) || fail "under the recorded profile, echo exited $?: $out"
[ "$out" = hello ] || fail "under the recorded profile, echo said: $out"

config "$T/p.json" /bin/busybox ionice
out=$(crun 2>&1) && fail "under the recorded profile, ionice ran: $out"
grep -q 'ioprio_get: Operation not permitted' <<<"$out" || fail "under the recorded profile, ionice said: $out"
echo ok
