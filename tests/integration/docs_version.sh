#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch --version: the version of debian/changelog, the commit built (when
# built from git), the engines, and one line per feature saying yes or no.
set -u
SRCDIR=${SRCDIR:-$PWD}
cd "$SRCDIR" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

v=$("$SYSWATCH" --version) || bad "syswatch --version exited $?"
[ "$("$SYSWATCH" -V)" = "$v" ] || bad "-V and --version differ"
echo "$v"

want=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog | sed 's/-[^-]*$//')
[ -n "$want" ] || bad "no version in debian/changelog"
[ "$(head -1 <<<"$v")" = "syswatch $want" ] || bad "first line '$(head -1 <<<"$v")', expected 'syswatch $want' (debian/changelog)"
if commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
	# the binary may be older than HEAD only if make was not rerun; the
	# test target builds it first
	grep -qE "^commit: $commit(-dirty)?$" <<<"$v" || bad "no 'commit: $commit' line"
fi
engines=$(sed -n 's/^engines: //p' <<<"$v")
for e in $("$SYSWATCH" --complete engines | grep -vx auto); do
	grep -qw "$e" <<<"$engines" || bad "engine $e missing from '$engines'"
done
for f in ebpf seccomp metrics "stack traces"; do
	grep -qE "^  $f +(yes|no) " <<<"$v" || bad "no feature line for '$f'"
done
# what the features say is what the binary links
grep -qE '^  seccomp +yes +libseccomp [0-9]+\.[0-9]+\.[0-9]+' <<<"$v" || bad "seccomp line lacks the library version"
grep -qE '^  ebpf +yes +libbpf [0-9]+\.[0-9]+' <<<"$v" || bad "ebpf line lacks the libbpf version"

[ $fail -eq 0 ] || exit 1
