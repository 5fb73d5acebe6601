#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The Debian package: make deb builds it (debhelper, lintian without errors
# or warnings), it holds the binary, the man pages, the completion, the unit
# and the config as a conffile; it installs with dpkg -i, the installed
# syswatch --version names debian/changelog's version and this commit, the
# unit is not enabled, and dpkg --purge leaves nothing behind.
set -u
SRCDIR=${SRCDIR:-$PWD}
cd "$SRCDIR" || exit 1
O=${O:-build}

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (dpkg -i)"; exit 77; }
for t in dpkg dpkg-deb dh dpkg-checkbuilddeps lintian; do
	command -v "$t" >/dev/null || { echo "SKIP: $t is not installed (scripts/install-deps.sh installs the package tools)"; exit 77; }
done
dpkg-checkbuilddeps 2>/dev/null || { echo "SKIP: build dependencies missing: $(dpkg-checkbuilddeps 2>&1 | tail -1)"; exit 77; }

# dpkg knows a purged package as "not-installed"
pkg_present() {
	local st
	st=$(dpkg-query -W -f='${Status}' syswatch 2>/dev/null)
	[ -n "$st" ] && [ "${st##* }" != not-installed ]
}

fail=0
bad() { echo "FAIL: $*"; fail=1; }
installed=0
cleanup() { [ $installed -eq 1 ] && dpkg --purge syswatch >/dev/null 2>&1; }
trap cleanup EXIT

# Built as a user would, not with the settings of the make that runs the
# tests (make asan passes SANITIZE and OPT down through MAKEFLAGS).
log=$(mktemp)
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -j2 O="$O" deb >"$log" 2>&1; then
	tail -n 30 "$log"
	rm -f "$log"
	bad "make deb failed (lintian errors and warnings fail it too)"
	exit 1
fi
grep -E '^[EW]: ' "$log" && bad "lintian reported the errors or warnings above"
rm -f "$log"

version=$(dpkg-parsechangelog -S Version)
deb=$(ls "$O"/deb/syswatch_"$version"_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { bad "no $O/deb/syswatch_${version}_*.deb after make deb"; exit 1; }
echo "built $deb ($(stat -c %s "$deb") bytes)"

contents=$(dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./|/|')
want="/usr/bin/syswatch /usr/share/bash-completion/completions/syswatch /usr/share/zsh/vendor-completions/_syswatch
      /lib/systemd/system/syswatch.service /etc/syswatch/syswatch.yaml /usr/share/doc/syswatch/copyright"
for src in man/*.scd; do
	page=$(basename "$src" .scd)
	want="$want /usr/share/man/man${page##*.}/$page.gz"
done
for f in $want; do
	grep -qxF "$f" <<<"$contents" || bad "$deb does not contain $f"
done
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles 2>/dev/null)
grep -qxF /etc/syswatch/syswatch.yaml <<<"$conffiles" || bad "/etc/syswatch/syswatch.yaml is not a conffile (conffiles: $conffiles)"

# Install, use, purge: one run at a time on this machine (several trees may
# run the suite at once), and never over a syswatch installed otherwise.
exec 9>/var/lock/syswatch-deb-test.lock
flock -w 200 9 || { echo "SKIP: another package test held the lock for 200 s"; exit 77; }
if pkg_present; then
	echo "SKIP: a syswatch package is installed on this machine; not touching it"
	exit 77
fi
for f in /usr/bin/syswatch /etc/syswatch /lib/systemd/system/syswatch.service; do
	[ -e "$f" ] && { echo "SKIP: $f exists (installed by hand?); not overwriting it"; exit 77; }
done
if ! out=$(DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" 2>&1); then
	bad "dpkg -i $deb failed: $out"
	exit 1
fi
installed=1
v=$(/usr/bin/syswatch --version) || bad "the installed syswatch --version failed"
head -1 <<<"$v" | grep -qxF "syswatch $version" || bad "--version says '$(head -1 <<<"$v")', debian/changelog says $version"
if commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
	grep -qE "^commit: $commit(-dirty)?$" <<<"$v" || bad "--version does not name commit $commit: $v"
fi
grep -qE '^engines: ptrace ebpf$' <<<"$v" || bad "--version does not list both engines: $v"
[ "$(stat -c %a /etc/syswatch)" = 750 ] || bad "/etc/syswatch is $(stat -c %a /etc/syswatch), not 750"
# the service's user exists and its group (only) reads the config
getent passwd syswatch >/dev/null || bad "the package did not create the user syswatch"
[ "$(stat -c %a:%G /etc/syswatch/syswatch.yaml)" = 640:syswatch ] ||
	bad "/etc/syswatch/syswatch.yaml is $(stat -c %a:%G /etc/syswatch/syswatch.yaml), not 640:syswatch"
/usr/bin/syswatch monitor --config /etc/syswatch/syswatch.yaml --check-config >/dev/null 2>&1 ||
	bad "the installed example config does not pass --check-config"
[ "$(man -w syswatch-trace 2>/dev/null)" = /usr/share/man/man1/syswatch-trace.1.gz ] || bad "man -w syswatch-trace does not find the installed page"
ls /etc/systemd/system/*.wants/syswatch.service 2>/dev/null && bad "the unit was enabled on install"
words=$(bash -c '. /usr/share/bash-completion/completions/syswatch
	COMP_WORDS=(syswatch st); COMP_CWORD=1; _syswatch; printf "%s\n" "${COMPREPLY[@]}"' 2>&1)
[ "$words" = stat ] || bad "the installed completion completes 'syswatch st' to '$words'"

dpkg --purge syswatch >/dev/null 2>&1 || bad "dpkg --purge syswatch failed"
installed=0
pkg_present && bad "syswatch still installed after purge"
for f in $want /etc/syswatch; do
	[ -e "$f" ] && bad "$f is left after dpkg --purge"
done

[ $fail -eq 0 ] || exit 1
echo "package: built, installed, checked and purged"
