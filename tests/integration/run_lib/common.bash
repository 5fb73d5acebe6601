# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tests/integration/run_*.sh scripts (sourced, not run).
# Gives: $SW (syswatch), $T (a temporary dir removed on exit), $PY, fail,
# skip, sw_run ARGS... (syswatch run under a timeout: a hang fails the test),
# need_seccomp (skips where seccomp user notification is missing), jget.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/prelude.bash" run

# Every run ends within 60 s, whatever happens to the supervisor.
sw_run() { timeout -k 5 60 "$SW" run "$@"; }

need_seccomp() {
	local out
	[ -x "$SW" ] || fail "no syswatch binary at $SW"
	grep -qw user_notif /proc/sys/kernel/seccomp/actions_avail 2>/dev/null ||
		skip "the kernel has no seccomp user notification (/proc/sys/kernel/seccomp/actions_avail)"
	out=$(sw_run --deny uname -o "$T/probe" -- /bin/true 2>&1) || skip "syswatch run is not usable here: $out"
	grep -q 'not counted' "$T/probe" &&
		skip "syswatch runs under a seccomp listener already: $(cat "$T/probe")"
	return 0
}

# jget FILE EXPR: a Python expression over the JSON object o in FILE.
jget() { "$PY" -c 'import json,sys; o=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# An OCI bundle in $B holding a static busybox as /bin/sh, and runc's state
# directory $RR; skips where runc or a static busybox is missing.
busybox_bundle() {
	command -v runc >/dev/null || skip "no runc (Debian package runc)"
	BB=$(command -v busybox || true)
	[ -n "$BB" ] && ldd "$BB" 2>&1 | grep -q 'not a dynamic' || skip "no static busybox (Debian package busybox-static)"
	B=$T/bundle
	mkdir -p "$B/rootfs/bin" "$B/rootfs/proc" "$B/rootfs/dev" "$B/rootfs/sys" "$B/rootfs/tmp"
	cp "$BB" "$B/rootfs/bin/busybox"
	ln -s busybox "$B/rootfs/bin/sh"
	RR=$T/runc-root
}
