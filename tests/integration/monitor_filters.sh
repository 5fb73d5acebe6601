#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Filters in the real daemon: an excluded user's deletions and an excluded
# syscall produce no event and no alert; sampling 0.1 keeps about 10% of
# events, within bounds that cannot flake.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
nobody_uid=$(id -u nobody 2>/dev/null) || skip "no user 'nobody' to exclude"
command -v setpriv >/dev/null || skip "needs setpriv (util-linux) to run as nobody"

mkdir -m 0777 "$T/victims"

# 1. processes.exclude_users: nobody's 10 deletions are invisible
cat >"$T/users.yaml" <<YAML
syscalls: {include: [unlinkat, unlink]}
processes: {exclude_users: [nobody], comms: [mon_load]}
rules: [{name: mass-file-deletion}]
outputs: {events: $T/users-events.jsonl, alerts: $T/users-alerts.jsonl, stdout: false}
YAML
mon_start "$T/users.yaml"
pid_nobody=$(setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups \
	"$FIXTURES/mon_load" unlink "$T/victims" 10) || fail "mon_load as nobody"
pid_root=$("$FIXTURES/mon_load" unlink "$T/victims" 10) || fail "mon_load as root"
mon_wait_count 1 "$T/users-alerts.jsonl" pid="$pid_root" || fail "no alert for root's deletions (pid $pid_root)"
mon_wait_count 10 "$T/users-events.jsonl" pid="$pid_root" || fail "root's events missing"
sleep 0.5
mon_stop
[ "$(mon_count "$T/users-events.jsonl" pid="$pid_nobody")" = 0 ] || fail "events of an excluded user were recorded"
[ "$(mon_count "$T/users-events.jsonl" uid="$nobody_uid")" = 0 ] || fail "events of uid $nobody_uid were recorded"
[ "$(mon_count "$T/users-alerts.jsonl" pid="$pid_nobody")" = 0 ] || fail "an alert for an excluded user"

# 2. syscalls.exclude wins over the rule that watches them (and says so)
cat >"$T/syscalls.yaml" <<YAML
syscalls: {include: [unlinkat, openat], exclude: [unlinkat, unlink, rmdir]}
processes: {comms: [mon_load]}
rules: [{name: mass-file-deletion}]
outputs: {events: $T/sc-events.jsonl, alerts: $T/sc-alerts.jsonl, stdout: false}
YAML
mon_start "$T/syscalls.yaml"
grep -q "can never fire" "$T/log" || fail "no warning that the rule can never fire"
pid=$("$FIXTURES/mon_load" unlink "$T/victims" 10) || fail "mon_load"
# its openat calls are seen: proof that the daemon was looking
mon_wait_count 10 "$T/sc-events.jsonl" pid="$pid" syscall=openat || fail "the fixture's openat events are missing"
sleep 0.5
mon_stop
[ "$(mon_count "$T/sc-events.jsonl" pid="$pid" syscall=unlinkat)" = 0 ] || fail "an excluded syscall was recorded"
[ "$(mon_count "$T/sc-alerts.jsonl" pid="$pid")" = 0 ] || fail "an alert from an excluded syscall"

# 3. sample_rate 0.1: of 20000 getppid calls the engine keeps 1 in 10. The
# count is binomial (mean 2000, sd 42); [1500, 2500] is 12 sd wide each way.
cat >"$T/sample.yaml" <<YAML
syscalls: {include: [getppid]}
performance: {sample_rate: 0.1}
processes: {comms: [mon_load]}
builtin_rules: none
outputs: {events: $T/sample-events.jsonl, stdout: false}
YAML
mon_start "$T/sample.yaml"
pid=$("$FIXTURES/mon_load" getppid 20000) || fail "mon_load getppid"
# wait until the count stops growing
prev=-1
for i in $(seq 150); do
	n=$(mon_count "$T/sample-events.jsonl" pid="$pid" syscall=getppid)
	[ "$n" = "$prev" ] && [ "$n" -gt 0 ] && break
	prev=$n
	sleep 0.2
done
mon_stop
n=$(mon_count "$T/sample-events.jsonl" pid="$pid" syscall=getppid)
[ "$n" -ge 1500 ] && [ "$n" -le 2500 ] || fail "sampling 0.1 kept $n of 20000 events"
grep -q "lost [1-9]" "$T/log" && fail "events were lost, the sample is not meaningful"
echo "ok: excluded user and syscall produce nothing; sampling 0.1 kept $n of 20000"
