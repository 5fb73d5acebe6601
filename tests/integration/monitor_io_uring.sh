#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# io_uring is not a blind spot: operations submitted through it never pass the
# syscall tracepoints, but the monitor sees them from io_uring's own, as the
# syscalls they stand for. An io_uring openat of /etc/shadow (from the cwd,
# relative to a directory descriptor, run by an io-wq worker thread) raises
# shadow-file-read exactly once, naming the file opened; an io_uring connect
# matches a rule on its address and port; io_uring_setup is an event a rule
# can match. Quiet: a failed io_uring open of /etc/shadow (as nobody) and one
# of a file that does not exist.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
nobody_uid=$(id -u nobody 2>/dev/null) || skip "no user 'nobody'"
command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"
grep -qa btf_trace_io_uring_submit_req /sys/kernel/btf/vmlinux 2>/dev/null ||
	skip "this kernel has no io_uring tracepoints (CONFIG_IO_URING off, or no BTF)"
U=$FIXTURES/mon_uring
out=$("$U" openat /dev/null 2>&1) || skip "io_uring cannot be used here: $out"

# a listener, so that the connect succeeds (no fixed port: the kernel picks one)
"$PY" -c '
import signal, socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
signal.pause()
' >"$T/port" & lst=$!
trap 'kill $lst 2>/dev/null; cleanup' EXIT
wait_for 10 test -s "$T/port" || fail "the listener did not start"
port=$(cat "$T/port")

cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [openat, connect, io_uring_setup]}
# the workload only (a filter in the kernel): other processes' opens must
# not fill the ring on a busy machine
processes: {comms: [mon_uring]}
builtin_rules: [shadow-file-read]
rules:
  - name: uring-user
    syscalls: [io_uring_setup]
    condition: {comm: mon_uring}
  - name: uring-connect
    syscalls: [connect]
    condition: {comm: mon_uring, dest: 127.0.0.0/8, port: $port}
outputs: {alerts: $T/alerts.jsonl, events: $T/events.jsonl, stdout: false}
YAML
mon_start "$T/monitor.yaml"

first() { head -n 1; }
p_open=$("$U" openat /etc/shadow | first)
p_dir=$("$U" openat-dir /etc shadow | first)
p_async=$("$U" openat-async /etc/shadow | first)
p_conn=$("$U" connect 127.0.0.1 "$port" | first)
p_denied=$(setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups "$U" openat /etc/shadow | first)
p_none=$("$U" openat /etc/shadow-sw-test-none | first)
for p in $p_open $p_dir $p_async $p_conn $p_denied $p_none; do
	[ -n "$p" ] || fail "a workload did not start"
done
for p in $p_open $p_dir $p_async; do
	mon_wait_count 1 "$T/alerts.jsonl" pid="$p" rule=shadow-file-read ||
		fail "no shadow-file-read alert for the io_uring open of pid $p"
done
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_conn" rule=uring-connect || fail "no alert for the io_uring connect"
for p in $p_open $p_conn $p_denied; do
	mon_wait_count 1 "$T/alerts.jsonl" pid="$p" rule=uring-user || fail "no io_uring_setup alert for pid $p"
done
# the failed opens are recorded (so they have been seen) but raise nothing
mon_wait_count 1 "$T/events.jsonl" pid="$p_denied" via=io_uring errno=EACCES ||
	fail "the refused io_uring open was not recorded"
mon_wait_count 1 "$T/events.jsonl" pid="$p_none" via=io_uring errno=ENOENT ||
	fail "the io_uring open of a missing file was not recorded"
mon_stop

for p in $p_open $p_dir $p_async; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p" rule=shadow-file-read)" = 1 ] ||
		fail "not exactly one shadow alert for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
for p in $p_denied $p_none; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p" rule=shadow-file-read)" = 0 ] ||
		fail "a false shadow alert for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
"$PY" - "$T/alerts.jsonl" "$p_dir" "$p_async" "$p_conn" "$port" <<'PY' || fail "alert fields"
import json, sys
alerts = {(a["pid"], a["rule"]): a for a in map(json.loads, open(sys.argv[1], "rb")) if a["type"] == "alert"}
a = alerts[(int(sys.argv[2]), "shadow-file-read")]["last"]
assert a["via"] == "io_uring" and a["syscall"] == "openat", a
assert a["path"] == "shadow" and a["resolved_path"] == "/etc/shadow" and a["ret"] >= 0, a
# run by an io-wq worker: the event is still the process's
a = alerts[(int(sys.argv[3]), "shadow-file-read")]["last"]
assert a["comm"] == "mon_uring" and a["tid"] == int(sys.argv[3]), a
a = alerts[(int(sys.argv[4]), "uring-connect")]["last"]
assert a["via"] == "io_uring" and a["addr"] == "127.0.0.1:" + sys.argv[5] and a["ret"] == 0, a
PY
echo "ok: io_uring opens of /etc/shadow alerted once each (cwd, dirfd, io-wq), a connect matched its address, io_uring_setup matched; failed opens none"
