#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The rule language against the real kernel: a shell loop of six rm
# processes trips a parent-keyed rule (five do not); conditions on the
# command, parent command, path glob, user, destination network and port,
# with any/all/not, named lists, macros and exceptions, each fire exactly
# where they should; malformed conditions are refused with their position.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
nobody_uid=$(id -u nobody 2>/dev/null) || skip "no user 'nobody'"

mkdir "$T/v" "$T/victims"
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [unlinkat, connect]}
# io_uring_setup and io_uring_enter are events rules match like any other
lists:
  loaders: [mon_load]
  shells: [sh, dash, bash]
macros:
  is_loader: {comm: loaders}
  from_shell: {parent_comm: shells}
rules:
  - name: loop-deletion
    syscalls: [unlink, unlinkat]
    condition: [{comm: rm}, from_shell, {path: "$T/v/*"}]
    threshold: 5
    key: parent
  - name: loopback-connect
    syscalls: [connect]
    condition:
      all: [is_loader, {dest: [127.0.0.0/8, "::1"]}, {port: 1-65535}]
    threshold: 0
  - name: private-connect
    syscalls: [connect]
    condition: {dest: 10.0.0.0/8}
    threshold: 0
  - name: file-glob
    syscalls: [unlinkat]
    condition:
      any: [{path: "file-1?"}, {path: "nothing-*"}]
      not: {user: nobody}
    threshold: 0
  - name: io-uring
    syscalls: [io_uring_setup, io_uring_enter]
    condition: [is_loader, {failed: false}]
    threshold: 1
  - name: grandchild
    syscalls: [unlinkat]
    condition: [{comm: rm}, {ancestor_comm: sw-grandpa}, {not: {parent_comm: sw-grandpa}}]
    threshold: 0
  - name: excepted
    syscalls: [unlinkat]
    condition: is_loader
    exceptions: [{path: "file-*"}, {user: root}]
    threshold: 0
outputs: {alerts: $T/alerts.jsonl, events: $T/events.jsonl, stdout: false}
YAML
"$SYSWATCH" monitor --config "$T/monitor.yaml" --check-config >"$T/check" 2>&1 || { cat "$T/check"; fail "the config is refused"; }
mon_start "$T/monitor.yaml"

touch "$T/v/a" "$T/v/b" "$T/v/c" "$T/v/d" "$T/v/e" "$T/v/f" "$T/v/g" "$T/v/h" "$T/v/i" "$T/v/j" "$T/v/k"
# six rm processes under one shell; then five under another
sh6=$(sh -c 'echo $$; for f in a b c d e f; do rm "$0/$f"; done' "$T/v")
sh5=$(sh -c 'echo $$; for f in g h i j k; do rm "$0/$f"; done' "$T/v")
# rm under sh under sw-grandpa: an ancestor two levels up
cp "$(command -v sh)" "$T/sw-grandpa"
touch "$T/v/deep"
"$T/sw-grandpa" -c 'sh -c "rm $0/deep; true"; true' "$T/v"
pidc=$("$FIXTURES/mon_load" connect 3) || fail "mon_load connect"
pidr=$("$FIXTURES/mon_load" uring) || fail "mon_load uring"
# 12 files, deleted in order: file-10 is the first to match file-1?
pidu=$("$FIXTURES/mon_load" unlink "$T/victims" 12) || fail "mon_load unlink"
mon_wait_count 1 "$T/alerts.jsonl" rule=loop-deletion || fail "no alert for six rm under one shell"
mon_wait_count 1 "$T/alerts.jsonl" rule=loopback-connect pid="$pidc" || fail "no loopback-connect alert"
mon_wait_count 1 "$T/alerts.jsonl" rule=grandchild || fail "no alert for rm two levels under sw-grandpa"
mon_wait_count 1 "$T/alerts.jsonl" rule=io-uring pid="$pidr" count=2 || fail "no io-uring alert (setup and enter)"
mon_wait_count 1 "$T/alerts.jsonl" rule=file-glob pid="$pidu" || fail "no file-glob alert"
mon_wait_count 12 "$T/events.jsonl" pid="$pidu" syscall=unlinkat || fail "events of pid $pidu missing"
sleep 1
mon_stop

[ "$(mon_count "$T/alerts.jsonl" rule=loop-deletion)" = 1 ] || fail "not exactly one loop-deletion alert"
[ "$(mon_count "$T/alerts.jsonl" rule=loop-deletion key=parent ppid="$sh6" count=6)" = 1 ] ||
	fail "the loop-deletion alert is not for shell $sh6: $(cat "$T/alerts.jsonl")"
[ "$(mon_count "$T/alerts.jsonl" ppid="$sh5")" = 0 ] || fail "an alert for five rm"
[ "$(mon_count "$T/alerts.jsonl" rule=loopback-connect pid="$pidc")" = 1 ] || fail "not one loopback-connect alert"
[ "$(mon_count "$T/alerts.jsonl" rule=private-connect)" = 0 ] || fail "10.0.0.0/8 matched a loopback connect"
[ "$(mon_count "$T/alerts.jsonl" rule=file-glob pid="$pidu")" = 1 ] || fail "file-glob: not one alert"
[ "$(mon_count "$T/alerts.jsonl" rule=excepted)" = 0 ] || fail "an exception did not hold"
[ "$(mon_count "$T/alerts.jsonl" rule=grandchild)" = 1 ] || fail "not one grandchild alert (the loop's rm must not match)"
"$PY" - "$T/alerts.jsonl" "$sh6" <<'PY' || fail "alert content"
import json, sys
alerts = [json.loads(l) for l in open(sys.argv[1], "rb")]
a = [x for x in alerts if x["rule"] == "loop-deletion"][0]
assert a["parent_comm"] in ("sh", "dash", "bash") and a["last"]["comm"] == "rm", a
assert a["first"]["pid"] != a["last"]["pid"], a     # six processes, one window
assert a["last"]["ppid"] == int(sys.argv[2]), a
# file-1 (deleted before file-10) does not match file-1?; one alert per window
paths = [x["last"]["path"] for x in alerts if x["rule"] == "file-glob"]
assert paths == ["file-10"], paths
PY

# refused: each with its position
bad() { # yaml expected-message
	printf '%s\n' "$1" >"$T/bad.yaml"
	"$SYSWATCH" monitor --config "$T/bad.yaml" --check-config >/dev/null 2>"$T/err" && fail "accepted: $1"
	grep -qE "^$T/bad.yaml:[0-9]+:[0-9]+: $2" "$T/err" || fail "for '$1': $(cat "$T/err"), want '$2'"
}
bad 'rules: [{name: x, syscalls: [openat], condition: {colour: red}}]' "unknown condition 'colour'"
bad 'rules: [{name: x, syscalls: [openat], condition: nosuch}]' "no macro is named 'nosuch'"
bad 'macros: {a: b, b: {comm: x}}' "no macro is named 'b' \\(a macro may use only"
bad 'rules: [{name: x, syscalls: [connect], condition: {dest: 10.0.0.0/33}}]' "dest: '10.0.0.0/33' is not an address"
bad 'rules: [{name: x, syscalls: [connect], condition: {port: 70000}}]' "port: '70000' is not a port"
bad 'rules: [{name: x, syscalls: [openat], key: grandparent}]' "key must be process, parent, session"
bad "rules: [{name: x, syscalls: [openat], condition: $(printf '{not: %.0s' $(seq 20)){comm: a}$(printf '}%.0s' $(seq 20))}]" \
	"conditions nest deeper than 16 levels"
echo "ok: parent key, lists, macros, any/all/not, path glob, dest, port and exceptions"
