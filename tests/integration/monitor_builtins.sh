#!/usr/bin/env bash
# The built-in rules security teams expect, against the real kernel: a read
# of /etc/shadow, an exec from /dev/shm, setuid(0) by a non-root process and
# a ptrace attach each give one alert for that process; the same actions by
# the exempt (root asking for root, an exec from /usr) give none.
. "$SRCDIR/tests/fixtures/mon_lib.sh"
mon_need_root
nobody_uid=$(id -u nobody 2>/dev/null) || skip "no user 'nobody' for the non-root case"
command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"
[ -d /dev/shm ] && [ -w /dev/shm ] || skip "no writable /dev/shm"

shm=$(mktemp -d /dev/shm/sw-monitor-XXXXXX)
# a directory that is not a temp dir (the build folder may be under /tmp)
run=$(mktemp -d /run/sw-monitor-XXXXXX) || skip "cannot create a directory under /run"
trap 'rm -rf "$shm" "$run"; cleanup' EXIT
cp "$FIXTURES/mon_load" "$shm/mon_load"
cp "$FIXTURES/mon_load" "$run/mon_load"
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [execve]}
processes: {comms: [mon_load]}
builtin_rules: all
outputs: {alerts: $T/alerts.jsonl, stdout: false}
YAML
mon_start "$T/monitor.yaml"
grep -q "started with $T/monitor.yaml: 6 rules" "$T/log" || fail "the six built-in rules are not all running"

pid_shadow=$("$FIXTURES/mon_load" shadow) || fail "mon_load shadow"
pid_exec=$("$FIXTURES/mon_load" exec "$shm/mon_load" | head -n 1) || fail "mon_load exec"
pid_exec_ok=$("$FIXTURES/mon_load" exec "$run/mon_load" | head -n 1) || fail "mon_load exec"
pid_setuid=$(setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups "$FIXTURES/mon_load" setuid0) ||
	fail "mon_load setuid0 as nobody"
pid_setuid_root=$("$FIXTURES/mon_load" setuid0) || fail "mon_load setuid0"
pid_ptrace=$("$FIXTURES/mon_load" ptrace) || fail "mon_load ptrace"

expect_one() { # pid rule severity
	mon_wait_count 1 "$T/alerts.jsonl" pid="$1" rule="$2" severity="$3" || fail "no $2 alert for pid $1"
}
expect_one "$pid_shadow" shadow-file-read critical
expect_one "$pid_exec" exec-from-temp-dir warning
expect_one "$pid_setuid" setid-to-root critical
expect_one "$pid_ptrace" ptrace-attach warning
sleep 1
mon_stop
for pid in "$pid_shadow" "$pid_exec" "$pid_setuid" "$pid_ptrace"; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$pid")" = 1 ] || fail "not exactly one alert for pid $pid"
done
[ "$(mon_count "$T/alerts.jsonl" pid="$pid_exec_ok")" = 0 ] || fail "an alert for an exec outside the temp dirs"
[ "$(mon_count "$T/alerts.jsonl" pid="$pid_setuid_root")" = 0 ] || fail "an alert for root asking for root"
"$PY" - "$T/alerts.jsonl" "$pid_shadow" "$pid_exec" "$shm" "$pid_setuid" "$nobody_uid" <<'PY' || fail "alert content"
import json, sys
alerts = {a["pid"]: a for a in map(json.loads, open(sys.argv[1], "rb"))}
a = alerts[int(sys.argv[2])]
assert a["last"]["path"] == "/etc/shadow" and a["last"]["syscall"] in ("open", "openat", "openat2"), a
a = alerts[int(sys.argv[3])]
assert a["last"]["path"] == sys.argv[4] + "/mon_load" and a["last"]["syscall"] == "execve", a
a = alerts[int(sys.argv[5])]
assert a["last"]["uid"] == int(sys.argv[6]) and a["last"]["syscall"] == "setuid" and a["last"]["ret"] == -1, a
PY
echo "ok: shadow read, exec from /dev/shm, setuid(0) by nobody and ptrace attach each alerted once"
