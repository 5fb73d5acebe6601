#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The capabilities the systemd unit grants are enough: the daemon runs as
# root with its bounding set cut to the unit's CapabilityBoundingSet, no new
# privileges and umask 0077, and still loads its programs, sees a process's
# deletions and alerts.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"
unit="$SRCDIR/packaging/syswatch.service"
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$unit")
[ -n "$caps" ] || fail "the unit has no CapabilityBoundingSet"
# "CAP_BPF CAP_PERFMON" -> "+bpf,+perfmon"
set_=$(for c in $caps; do printf ',+%s' "$(echo "${c#CAP_}" | tr 'A-Z' 'a-z')"; done)
mkdir "$T/victims"
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [unlinkat]}
processes: {comms: [mon_load]}
rules: [{name: mass-file-deletion}]
outputs: {events: $T/events.jsonl, alerts: $T/alerts.jsonl, stdout: false, metrics: "127.0.0.1:0"}
YAML
# sh and setpriv exec in turn: MON_PID ends up being the daemon
mon_start "$T/monitor.yaml" sh -c 'umask 0077; exec "$@"' sh \
	setpriv --no-new-privs --bounding-set="-all$set_" --inh-caps="-all$set_" --
eff=$(sed -n 's/^CapEff:[[:space:]]*//p' "/proc/$MON_PID/status")
bnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' "/proc/$MON_PID/status")
[ "$eff" = "$bnd" ] || fail "effective capabilities $eff are not the bounding set $bnd"
[ "$(sed -n 's/^NoNewPrivs:[[:space:]]*//p' "/proc/$MON_PID/status")" = 1 ] || fail "no_new_privs is not set"
pid=$("$FIXTURES/mon_load" unlink "$T/victims" 6) || fail "mon_load"
mon_wait_count 1 "$T/alerts.jsonl" pid="$pid" || fail "no alert with the unit's capabilities ($caps)"
[ "$(stat -c %a "$T/alerts.jsonl")" = 600 ] || fail "alerts file not 0600"
url=$(mon_metrics_url)
mon_scrape "$url" | grep -q '^syswatch_bpf_program_bytes [1-9]' || fail "metrics under the unit's capabilities"
mon_stop

# limits are enforced on what was really loaded: programs above
# max_program_size make the daemon refuse to run
sed -i 's/^syscalls:/limits: {max_program_size: 4KB}\nsyscalls:/' "$T/monitor.yaml"
"$SYSWATCH" monitor --config "$T/monitor.yaml" >/dev/null 2>"$T/log2"
rc=$?
[ $rc = 1 ] || fail "exit status $rc with programs above max_program_size, want 1"
grep -qE "BPF program [a-z_]+ is [0-9]+ bytes, more than limits.max_program_size 4KB" "$T/log2" ||
	fail "no refusal naming the program: $(cat "$T/log2")"

# without root: a user with no privilege but the two capabilities, ambient
# (what User=/DynamicUser= with AmbientCapabilities= gives), loads, sees and
# alerts, resolving paths and program identities in the kernel
nobody_uid=$(id -u nobody 2>/dev/null) || skip "no user 'nobody' for the non-root run"
mkdir -m 0777 "$T/nonroot"
chmod 0755 "$T"
cat >"$T/nonroot/monitor.yaml" <<YAML
syscalls: {include: [unlinkat]}
processes: {comms: [mon_load]}
rules:
  - name: mass-file-deletion
  - name: victims
    syscalls: [unlinkat]
    condition: {path: "$T/victims/*"}
outputs: {alerts: $T/nonroot/alerts.jsonl, stdout: false}
YAML
chmod 0644 "$T/nonroot/monitor.yaml"
mon_start "$T/nonroot/monitor.yaml" setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups \
	--no-new-privs --bounding-set="-all$set_" --inh-caps="-all$set_" --ambient-caps="${set_#,}" --
uids=$(sed -n 's/^Uid:[[:space:]]*//p' "/proc/$MON_PID/status" | tr -s ' \t' ' ')
[ "$uids" = "$nobody_uid $nobody_uid $nobody_uid $nobody_uid" ] || fail "the daemon does not run as nobody (Uid: $uids)"
pid=$("$FIXTURES/mon_load" unlink "$T/victims" 6) || fail "mon_load"
mon_wait_count 1 "$T/nonroot/alerts.jsonl" pid="$pid" rule=mass-file-deletion || fail "no alert as nobody with $caps"
mon_wait_count 1 "$T/nonroot/alerts.jsonl" pid="$pid" rule=victims || fail "no resolved-path alert as nobody"
mon_stop
echo "ok: runs and alerts with only $caps, as root and as nobody; refuses programs above max_program_size"
