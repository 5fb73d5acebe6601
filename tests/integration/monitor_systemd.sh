#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# packaging/syswatch.service passes `systemd-analyze verify` and has what the
# daemon relies on; `make install` puts the binary, the unit and the example
# config (0600, never over an existing one) in place.
. "$(dirname "$0")/monitor_lib/common.bash"
unit="$SRCDIR/packaging/syswatch.service"

for want in '^Type=notify$' '^ExecReload=/bin/kill -HUP \$MAINPID$' '^Restart=on-failure$' \
	'^CapabilityBoundingSet=CAP_BPF CAP_PERFMON$' '^NoNewPrivileges=yes$' '^ProtectSystem=strict$' \
	'^ProtectHome=yes$' '^PrivateTmp=yes$' '^UMask=0077$' '^LimitMEMLOCK=' '^LogsDirectory=syswatch$' \
	'^User=syswatch$' '^DynamicUser=yes$' '^AmbientCapabilities=CAP_BPF CAP_PERFMON$' '^PrivateDevices=yes$' \
	'^SystemCallFilter='; do
	grep -q "$want" "$unit" || fail "the unit lacks $want"
done
# the example config writes where the unit lets it (LogsDirectory)
grep -q '^  alerts: /var/log/syswatch/' "$SRCDIR/packaging/syswatch.yaml" || fail "example alerts path"

if command -v systemd-analyze >/dev/null; then
	# verify checks that ExecStart exists: point it at the binary under test
	sed "s|/usr/local/bin/syswatch|$SYSWATCH|g" "$unit" >"$T/syswatch.service"
	systemd-analyze verify "$T/syswatch.service" >"$T/verify" 2>&1 || { cat "$T/verify"; fail "systemd-analyze verify"; }
	[ ! -s "$T/verify" ] || { cat "$T/verify"; fail "systemd-analyze verify complained"; }
	verified=yes
	# the exposure score systemd computes for the unit: 2.0 or below
	if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
		systemd-analyze security --offline=true "$T/syswatch.service" >"$T/security" 2>&1 ||
			{ cat "$T/security"; fail "systemd-analyze security"; }
		score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$T/security")
		[ -n "$score" ] || { cat "$T/security"; fail "no exposure score"; }
		awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }' || { grep '✗' "$T/security"; fail "exposure $score, above 2.0"; }
		verified="yes, exposure $score"
	fi
else
	verified="no (systemd-analyze is not installed)"
fi

# make install into a staging root (the binary is built already: -o keeps make from rebuilding it)
O_DIR=${O:-build}
make -s -C "$SRCDIR" -o "$O_DIR/syswatch" O="$O_DIR" install DESTDIR="$T/root" PREFIX=/usr >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; fail "make install"; }
[ -x "$T/root/usr/bin/syswatch" ] || fail "binary not installed"
[ -f "$T/root/etc/systemd/system/syswatch.service" ] || fail "unit not installed"
grep -q '^ExecStart=/usr/bin/syswatch monitor --config /etc/syswatch/syswatch.yaml$' \
	"$T/root/etc/systemd/system/syswatch.service" || fail "the installed unit does not use PREFIX"
[ "$(stat -c %a "$T/root/etc/syswatch/syswatch.yaml")" = 640 ] || fail "config not installed 0640 (read by the service's group)"
[ "$(stat -c %a "$T/root/etc/syswatch")" = 750 ] || fail "config directory not installed 0750"
grep -q '^u syswatch ' "$T/root/usr/lib/sysusers.d/syswatch.conf" || fail "the service's user is not declared in sysusers.d"
cmp -s "$SRCDIR/packaging/syswatch.yaml" "$T/root/etc/syswatch/syswatch.yaml" || fail "config differs"
echo "# mine" >>"$T/root/etc/syswatch/syswatch.yaml"
make -s -C "$SRCDIR" -o "$O_DIR/syswatch" O="$O_DIR" install DESTDIR="$T/root" PREFIX=/usr >"$T/install.log" 2>&1 || fail "second make install"
grep -q '^# mine$' "$T/root/etc/syswatch/syswatch.yaml" || fail "make install overwrote an existing config"
"$T/root/usr/bin/syswatch" monitor --config "$T/root/etc/syswatch/syswatch.yaml" --check-config >/dev/null ||
	fail "the installed config does not pass --check-config"
echo "ok: unit verified: $verified; make install puts binary, unit and config in place"
