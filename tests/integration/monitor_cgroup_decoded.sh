#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Conditions on the cgroup, the container and decoded arguments, against the
# real kernel: a process moved into a cgroup matches a cgroup glob, one in a
# docker-ID.scope cgroup matches its container id (and `not: {container:
# "*"}` matches only processes outside containers); an open with O_CREAT
# matches {decoded: {open_flags: "*O_CREAT*"}}, one without does not; kill
# with SIGUSR1 matches {decoded: {signal: SIGUSR1}}, SIGUSR2 does not. Alerts
# carry the cgroup path and the container id. Unknown argument names are
# refused with their position.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
cg2=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
[ -n "$cg2" ] || skip "no cgroup2 hierarchy is mounted"
cg="$cg2/sw-cg-$$"
cid=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir "$cg" 2>/dev/null || skip "cannot create a cgroup under $cg2"
mkdir "$cg/docker-$cid.scope" || skip "cannot create a nested cgroup under $cg"
trap 'rmdir "$cg/docker-$cid.scope" "$cg" 2>/dev/null; cleanup' EXIT

# the process signalled: its pid is in the config
sh -c 'trap "" USR1 USR2; while :; do sleep 1; done' & victim=$!
trap 'kill $victim 2>/dev/null; rmdir "$cg/docker-$cid.scope" "$cg" 2>/dev/null; cleanup' EXIT
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [openat, kill]}
# room for a busy machine's opens
performance: {buffer_size: 64MB}
rules:
  - name: in-cgroup
    syscalls: [openat]
    condition: {cgroup: "*/sw-cg-$$", path: "$T/cg-file"}
  - name: in-container
    syscalls: [openat]
    condition: {container: "${cid:0:12}*", path: "$T/ct-file"}
  - name: outside-containers
    syscalls: [openat]
    condition: {path: "$T/ct-file", not: {container: "*"}}
  - name: creates
    syscalls: [openat]
    condition: {decoded: {open_flags: "*O_CREAT*"}, path: "$T/d-*"}
  - name: usr1
    syscalls: [kill]
    condition: {decoded: {signal: SIGUSR1, pid: "$victim"}}
outputs: {alerts: $T/alerts.jsonl, stdout: false}
YAML
"$SYSWATCH" monitor --config "$T/monitor.yaml" --check-config >"$T/check" 2>&1 || { cat "$T/check"; fail "the config is refused"; }
echo x >"$T/cg-file"
echo x >"$T/ct-file"
mon_start "$T/monitor.yaml"

# each in its own shell, moved into the cgroup before it execs cat
sh -c 'echo $$ >"$1/cgroup.procs" && exec cat "$2" >/dev/null' sh "$cg" "$T/cg-file" & p_cg=$!
wait $p_cg || fail "could not run a process in $cg"
cat "$T/cg-file" >/dev/null & p_nocg=$!
wait $p_nocg
sh -c 'echo $$ >"$1/cgroup.procs" && exec cat "$2" >/dev/null' sh "$cg/docker-$cid.scope" "$T/ct-file" & p_ct=$!
wait $p_ct || fail "could not run a process in the container's cgroup"
cat "$T/ct-file" >/dev/null & p_noct=$!
wait $p_noct
touch "$T/d-new" & p_creat=$!
wait $p_creat
cat "$T/d-new" >/dev/null & p_read=$!
wait $p_read
sendsig() { exec "$PY" -c 'import os, signal, sys; os.kill(int(sys.argv[1]), getattr(signal, sys.argv[2]))' "$@"; }
sendsig $victim SIGUSR2 & p_usr2=$!
wait $p_usr2
sendsig $victim SIGUSR1 & p_usr1=$!
wait $p_usr1
kill -KILL $victim 2>/dev/null
wait $victim 2>/dev/null

mon_wait_count 1 "$T/alerts.jsonl" pid="$p_cg" rule=in-cgroup || fail "no in-cgroup alert"
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_ct" rule=in-container || fail "no in-container alert"
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_noct" rule=outside-containers || fail "no outside-containers alert"
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_creat" rule=creates || fail "no alert for an open with O_CREAT"
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_usr1" rule=usr1 || fail "no alert for kill -USR1"
sleep 1
mon_stop

for p in $p_nocg $p_read $p_usr2; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p")" = 0 ] || fail "a false alert for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
[ "$(mon_count "$T/alerts.jsonl" pid="$p_ct")" = 1 ] || fail "the container's process matched more than its rule"
[ "$(mon_count "$T/alerts.jsonl" pid="$p_cg")" = 1 ] || fail "the cgroup's process matched more than its rule"
"$PY" - "$T/alerts.jsonl" "$p_cg" "$p_ct" "$cid" "$$" <<'PY' || fail "alert fields"
import json, sys
alerts = {(a["pid"], a["rule"]): a for a in map(json.loads, open(sys.argv[1], "rb")) if a["type"] == "alert"}
a = alerts[(int(sys.argv[2]), "in-cgroup")]["last"]
assert a["cgroup"].endswith("/sw-cg-" + sys.argv[5]) and "container_id" not in a, a
a = alerts[(int(sys.argv[3]), "in-container")]["last"]
assert a["cgroup"].endswith("/docker-%s.scope" % sys.argv[4]) and a["container_id"] == sys.argv[4], a
PY

# bad input: one line naming the position and the reason
printf 'rules:\n  - name: x\n    syscalls: [openat]\n    condition: {decoded: {flagz: "*"}}\n' >"$T/bad.yaml"
"$SYSWATCH" monitor --config "$T/bad.yaml" --check-config >"$T/bad" 2>&1 && fail "an unknown argument name was accepted"
grep -q "bad.yaml:4:.*no syscall has an argument named 'flagz'" "$T/bad" || fail "unclear error: $(cat "$T/bad")"
printf 'rules:\n  - name: x\n    syscalls: [openat]\n    condition: {decoded: [flags]}\n' >"$T/bad.yaml"
"$SYSWATCH" monitor --config "$T/bad.yaml" --check-config >"$T/bad" 2>&1 && fail "decoded as a list was accepted"
grep -q "bad.yaml:4:.*decoded takes a mapping" "$T/bad" || fail "unclear error: $(cat "$T/bad")"
echo "ok: cgroup, container (and not container), decoded open flags and signal each fired where they should and nowhere else"
