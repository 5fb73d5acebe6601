#!/usr/bin/env bash
# Built-in rules that the spelling of a path cannot sidestep. A program in a
# temp dir alerts once however it is run: relative from its directory, as
# //tmp/..., /usr/../tmp/..., through a symlink from elsewhere, by fexecve;
# a memfd program alerts as fileless; cat copied to a file named unix_chkpwd
# still alerts on /etc/shadow. Quiet: a failed open of /etc/shadow, an open
# of /etc/shadowsocks/..., passwd reading the shadow file, an exec from /run.
. "$SRCDIR/tests/fixtures/mon_lib.sh"
mon_need_root
nobody_uid=$(id -u nobody 2>/dev/null) || skip "no user 'nobody'"
command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"
[ -x /usr/bin/passwd ] || skip "needs passwd"

tmpd=$(mktemp -d /tmp/sw-evasion-XXXXXX)
run=$(mktemp -d /run/sw-evasion-XXXXXX) || skip "cannot create a directory under /run"
trap 'rm -rf "$tmpd" "$run" /etc/shadowsocks-sw-test; cleanup' EXIT
cp "$FIXTURES/mon_load" "$tmpd/mon_load"
cp "$FIXTURES/mon_load" "$run/mon_load"
ln -s "$tmpd/mon_load" "$run/innocent"
cp "$(command -v cat)" "$run/unix_chkpwd"
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

for p in $p_rel $p_dslash $p_dotdot $p_link $p_fexec; do
	mon_wait_count 1 "$T/alerts.jsonl" pid="$p" rule=exec-from-temp-dir || fail "no exec-from-temp-dir alert for pid $p"
done
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_memfd" rule=exec-deleted-binary || fail "no alert for the memfd exec"
mon_wait_count 1 "$T/alerts.jsonl" pid="$p_fakechk" rule=shadow-file-read || fail "no alert for cat named unix_chkpwd"
sleep 1
mon_stop

for p in $p_rel $p_dslash $p_dotdot $p_link $p_fexec $p_memfd $p_fakechk; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p")" = 1 ] || fail "not exactly one alert for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
for p in $p_ok $p_denied $p_socks $p_socks2 $p_passwd; do
	[ "$(mon_count "$T/alerts.jsonl" pid="$p")" = 0 ] || fail "a false alert for pid $p: $(grep "\"pid\":$p," "$T/alerts.jsonl")"
done
echo "ok: five spellings of an exec from /tmp, a memfd exec and a renamed cat alerted once each; five innocent actions none"
