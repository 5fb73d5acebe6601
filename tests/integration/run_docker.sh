#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A recorded profile in docker (docker run --security-opt seccomp=FILE):
# the container's command is a static busybox in an image imported here
# (no registry, no network). The profile is recorded as run_oci_runc.sh
# does, from `syswatch trace -f --record-profile` of runc running the same
# command (the runtime's own calls after it loads the filter included). With
# it docker runs `busybox echo`, and refuses `busybox ionice`, which needs
# ioprio_get; without it ionice runs. Skipped, with the reason, where there
# is no docker daemon, no runc or no static busybox.
. "$(dirname "$0")/run_lib/common.bash"
[ "$(id -u)" = 0 ] || skip "docker and runc need root here"
command -v docker >/dev/null || skip "no docker client (Debian package docker.io)"
info=$(timeout -k 5 30 docker info --format '{{.DefaultRuntime}}' 2>&1) ||
	skip "no docker daemon to talk to: $(tail -n 1 <<<"$info")"
[ "$info" = runc ] || skip "docker's default runtime is $info, not runc (the profile is recorded from runc)"
busybox_bundle
IMAGE=syswatch-test-busybox:$$
cleanup() {
	runc --root "$RR" delete -f "syswatch-test-$$" >/dev/null 2>&1
	docker rmi -f "$IMAGE" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT

# the image: the bundle's root file system, imported (nothing is pulled)
tar -C "$B/rootfs" -c . | timeout -k 5 120 docker import - "$IMAGE" >/dev/null ||
	skip "docker cannot import an image here"
drun() { timeout -k 5 120 docker run --rm --pull never --network none "$@" </dev/null; }
out=$(drun "$IMAGE" /bin/busybox ionice 2>&1) || skip "docker cannot run a container here: $out"
[ "$out" = "none: prio 0" ] || fail "busybox ionice without a profile said: $out"

# the recording: runc running the same command in the same root file system
(cd "$B" && runc spec) || fail "runc spec failed"
"$PY" - "$B/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/busybox", "echo", "hello"]
c["root"]["readonly"] = True
c["linux"].pop("seccomp", None)
json.dump(c, open(sys.argv[1], "w"), indent=1)
PY
out=$(timeout -k 5 120 "$SW" trace -f -o /dev/null --record-profile "$T/p.json" -- \
	runc --root "$RR" run --bundle "$B" "syswatch-test-$$" </dev/null) || fail "the recorded run exited $?: $out"
[ "$out" = hello ] || fail "the recorded run said: $out"
"$PY" "$(dirname "$0")/run_lib/valid_profile.py" "$SRCDIR/docs/seccomp-profile.schema.json" "$T/p.json" ||
	fail "the recorded profile does not validate: $(cat "$T/p.json")"
grep -q '"ioprio_get"' "$T/p.json" && fail "the recording allows ioprio_get, which nothing made"

out=$(drun --security-opt seccomp="$T/p.json" "$IMAGE" /bin/busybox echo hello 2>&1) ||
	fail "docker with the recorded profile: echo exited $?: $out"
[ "$out" = hello ] || fail "docker with the recorded profile: echo said: $out"
out=$(drun --security-opt seccomp="$T/p.json" "$IMAGE" /bin/busybox ionice 2>&1) &&
	fail "docker with the recorded profile: ionice ran: $out"
grep -q 'ioprio_get: Operation not permitted' <<<"$out" || fail "docker with the recorded profile: ionice said: $out"
echo ok
