#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The built-in rules security teams expect, against the real kernel: a read
# of /etc/shadow, an exec from /dev/shm, setuid(0) by a non-root process
# (refused, or granted by CAP_SETUID) and a ptrace attach each give one alert for that process; the same actions by
# the exempt (root asking for root, an exec from /usr) give none.
. "$(dirname "$0")/monitor_lib/common.bash"
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
grep -q "started with $T/monitor.yaml: 7 rules" "$T/log" || fail "the seven built-in rules are not all running"

pid_shadow=$("$FIXTURES/mon_load" shadow) || fail "mon_load shadow"
pid_exec=$("$FIXTURES/mon_load" exec "$shm/mon_load" | head -n 1) || fail "mon_load exec"
pid_exec_ok=$("$FIXTURES/mon_load" exec "$run/mon_load" | head -n 1) || fail "mon_load exec"
pid_setuid=$(setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups "$FIXTURES/mon_load" setuid0) ||
	fail "mon_load setuid0 as nobody"
pid_setuid_root=$("$FIXTURES/mon_load" setuid0) || fail "mon_load setuid0"
# a successful escalation: nobody with CAP_SETUID becomes root (the uid is 0
# when the call returns; the rule judges the caller by its uid at entry)
pid_setuid_ok=$(setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups --inh-caps=+setuid \
	--ambient-caps=+setuid "$FIXTURES/mon_load" setuid0) || fail "mon_load setuid0 as nobody with CAP_SETUID"
pid_ptrace=$("$FIXTURES/mon_load" ptrace) || fail "mon_load ptrace"

expect_one() { # pid rule severity
	mon_wait_count 1 "$T/alerts.jsonl" pid="$1" rule="$2" severity="$3" || fail "no $2 alert for pid $1"
}
expect_one "$pid_shadow" shadow-file-read critical
expect_one "$pid_exec" exec-from-temp-dir warning
expect_one "$pid_setuid" setid-to-root critical
expect_one "$pid_setuid_ok" setid-to-root critical
expect_one "$pid_ptrace" ptrace-attach warning
sleep 1
mon_stop
for pid in "$pid_shadow" "$pid_exec" "$pid_setuid" "$pid_setuid_ok" "$pid_ptrace"; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$pid")" = 1 ] || fail "not exactly one alert for pid $pid"
done
[ "$(mon_count "$T/alerts.jsonl" pid="$pid_exec_ok")" = 0 ] || fail "an alert for an exec outside the temp dirs"
[ "$(mon_count "$T/alerts.jsonl" pid="$pid_setuid_root")" = 0 ] || fail "an alert for root asking for root"
"$PY" - "$T/alerts.jsonl" "$pid_shadow" "$pid_exec" "$shm" "$pid_setuid" "$nobody_uid" "$pid_setuid_ok" "$pid_ptrace" <<'PY' || fail "alert content"
import json, sys
alerts = {a["pid"]: a for a in map(json.loads, open(sys.argv[1], "rb"))}
a = alerts[int(sys.argv[2])]
assert a["last"]["path"] == "/etc/shadow" and a["last"]["syscall"] in ("open", "openat", "openat2"), a
a = alerts[int(sys.argv[3])]
assert a["last"]["path"] == sys.argv[4] + "/mon_load" and a["last"]["syscall"] == "execve", a
a = alerts[int(sys.argv[5])]
e = a["last"]
assert e["uid"] == int(sys.argv[6]) and e["syscall"] == "setuid" and e["ret"] == -1, a
assert e["user"] == "nobody" and e["euid"] == int(sys.argv[6]) and "enter_uid" not in e, e
e = alerts[int(sys.argv[7])]["last"]
assert e["syscall"] == "setuid" and e["ret"] == 0, e
assert e["uid"] == 0 and e["euid"] == 0 and e["user"] == "root", e
assert e["enter_uid"] == int(sys.argv[6]) and e["enter_euid"] == int(sys.argv[6]) and e["enter_user"] == "nobody", e
# ptrace names its target (the attacker's child here)
e = alerts[int(sys.argv[8])]["last"]
assert e["syscall"] == "ptrace" and e["target_pid"] > 0 and e["target_pid"] != int(sys.argv[8]), e
PY
echo "ok: shadow read, exec from /dev/shm, setuid(0) by nobody (refused and successful) and ptrace attach each alerted once"
