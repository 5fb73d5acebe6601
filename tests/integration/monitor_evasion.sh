#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Built-in rules that the spelling of a path cannot sidestep. A program in a
# temp dir alerts once however it is run: relative from its directory, as
# //tmp/..., /usr/../tmp/..., through a symlink from elsewhere, by fexecve;
# a memfd program alerts as fileless, named as the kernel names it; cat copied to a file named unix_chkpwd
# still alerts on /etc/shadow, and so does every spelling of /etc/shadow:
# relative to the cwd or to a directory descriptor, //, .., a symlink, a hard
# link, a bind mount, /proc/self/root. Quiet: a failed open of /etc/shadow,
# an open of /etc/shadowsocks/..., passwd reading the shadow file, newgrp
# (sg) reading gshadow, an exec from /run.
. "$(dirname "$0")/monitor_lib/common.bash"
mon_need_root
nobody_uid=$(id -u nobody 2>/dev/null) || skip "no user 'nobody'"
command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"
[ -x /usr/bin/passwd ] || skip "needs passwd"

tmpd=$(mktemp -d /tmp/sw-evasion-XXXXXX)
run=$(mktemp -d /run/sw-evasion-XXXXXX) || skip "cannot create a directory under /run"
hl=/etc/.sw-evasion-hl-$$
trap 'mountpoint -q "$run/bound" 2>/dev/null && umount "$run/bound"; rm -rf "$tmpd" "$run" "$hl" /etc/shadowsocks-sw-test; cleanup' EXIT
cp "$FIXTURES/mon_load" "$tmpd/mon_load"
cp "$FIXTURES/mon_load" "$run/mon_load"
ln -s "$tmpd/mon_load" "$run/innocent"
cp "$(command -v cat)" "$run/unix_chkpwd"
ln -s /etc/shadow "$run/sl"
ln /etc/shadow "$hl" 2>/dev/null || hl=
touch "$run/bound"
mount --bind /etc/shadow "$run/bound" 2>/dev/null || rm -f "$run/bound"
cat >"$T/monitor.yaml" <<YAML
syscalls: {include: [execve]}
builtin_rules: [exec-from-temp-dir, exec-deleted-binary, shadow-file-read]
outputs: {alerts: $T/alerts.jsonl, stdout: false}
YAML
mon_start "$T/monitor.yaml"

first() { head -n 1; }
p_rel=$(cd "$tmpd" && "$run/mon_load" exec ./mon_load | first)
p_dslash=$("$run/mon_load" exec "/$tmpd/mon_load" | first)
p_dotdot=$("$run/mon_load" exec "/usr/..$tmpd/mon_load" | first)
p_link=$("$run/mon_load" exec "$run/innocent" | first)
p_fexec=$("$run/mon_load" fexec "$tmpd/mon_load" | first)
p_memfd=$("$run/mon_load" memfd "$run/mon_load" | first)
p_ok=$("$run/mon_load" exec "$run/mon_load" | first)
for p in $p_rel $p_dslash $p_dotdot $p_link $p_fexec $p_ok; do
	[ -n "$p" ] || fail "a workload did not start"
done
"$run/unix_chkpwd" /etc/shadow >/dev/null & p_fakechk=$!
wait $p_fakechk
setpriv --reuid="$nobody_uid" --regid="$nobody_uid" --clear-groups cat /etc/shadow >/dev/null 2>&1 & p_denied=$!
wait $p_denied
cat /etc/shadowsocks-sw-test/config.json >/dev/null 2>&1 & p_socks=$!
wait $p_socks
mkdir -p /etc/shadowsocks-sw-test && echo '{}' >/etc/shadowsocks-sw-test/config.json
cat /etc/shadowsocks-sw-test/config.json >/dev/null & p_socks2=$!
wait $p_socks2
/usr/bin/passwd -S root >/dev/null & p_passwd=$!
wait $p_passwd
p_sg=
if command -v sg >/dev/null; then
	sg root -c true & p_sg=$!
	wait $p_sg
fi
# spellings of /etc/shadow: each process opens it once
spell() { # name command...
	"${@:2}" >/dev/null 2>&1 &
	local p=$!
	wait $p
	shadow_pids="$shadow_pids $p"
	eval "s_$1=$p"
}
shadow_pids=
spell cwd sh -c 'cd /etc && exec cat shadow'
spell dslash cat /etc//shadow
spell dotdot cat /etc/../etc/shadow
spell symlink cat "$run/sl"
spell procroot cat /proc/self/root/etc/shadow
spell dirfd "$PY" -c 'import os; d = os.open("/etc", os.O_RDONLY); os.close(os.open("shadow", os.O_RDONLY, dir_fd=d))'
[ -n "$hl" ] && spell hardlink cat "$hl"
[ -f "$run/bound" ] && spell bind cat "$run/bound"

for p in $p_rel $p_dslash $p_dotdot $p_link $p_fexec; do
	mon_wait_count 1 "$T/alerts.jsonl" pid="$p" rule=exec-from-temp-dir || fail "no exec-from-temp-dir alert for pid $p"
done
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_memfd" rule=exec-deleted-binary || fail "no alert for the memfd exec"
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_fakechk" rule=shadow-file-read || fail "no alert for cat named unix_chkpwd"
for p in $shadow_pids; do
	mon_wait_count 1 "$T/alerts.jsonl" pid="$p" rule=shadow-file-read ||
		fail "no shadow-file-read alert for pid $p ($(set | grep -m1 "^s_[a-z]*=$p\$"))"
done
sleep 1
mon_stop

for p in $p_rel $p_dslash $p_dotdot $p_link $p_fexec $p_memfd $p_fakechk $shadow_pids; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p")" = 1 ] || fail "not exactly one alert for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
for p in $p_ok $p_denied $p_socks $p_socks2 $p_passwd $p_sg; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p")" = 0 ] || fail "a false alert for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
# the alert names the file the kernel opened
"$PY" - "$T/alerts.jsonl" "$s_cwd" "$s_dotdot" "$p_link" "$tmpd" "$p_memfd" <<'PY' || fail "resolved paths in alerts"
import json, sys
alerts = {a["pid"]: a for a in map(json.loads, open(sys.argv[1], "rb")) if a["type"] == "alert"}
# an exec names the program the kernel loaded: the symlink's target
a = alerts[int(sys.argv[4])]["last"]
assert a["path"].endswith("/innocent") and a["exe"] == sys.argv[5] + "/mon_load", a
assert alerts[int(sys.argv[6])]["rule"] == "exec-deleted-binary"
# a memfd program is named as the kernel names it (/proc/PID/exe)
a = alerts[int(sys.argv[6])]["last"]
assert a["exe"] == "/memfd:payload (deleted)", a
a = alerts[int(sys.argv[2])]["last"]
assert a["path"] == "shadow" and a["resolved_path"] == "/etc/shadow", a
a = alerts[int(sys.argv[3])]["last"]
assert a["path"] == "/etc/../etc/shadow" and a["resolved_path"] == "/etc/shadow", a
PY
echo "ok: five spellings of an exec from /tmp, a memfd exec, a renamed cat and $(echo $shadow_pids | wc -w) spellings of /etc/shadow alerted once each; innocent actions none"
