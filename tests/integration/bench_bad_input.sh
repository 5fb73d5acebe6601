#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch bench rejects bad input with one clear line, and measures a
# command given after --.
set -u
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail=0

expect_error() { # WANT ARGS...: exit 2 and WANT on stderr
	local want=$1
	shift
	"$SYSWATCH" bench -q "$@" >"$d/out" 2>"$d/err"
	local rc=$?
	if [ $rc -ne 2 ] || ! grep -qF -- "$want" "$d/err" || [ "$(wc -l <"$d/err")" -ne 1 ]; then
		echo "bench $*: exit $rc, wanted 2 and '$want'; stderr:"
		cat "$d/err"
		fail=1
	fi
}

expect_error "syswatch: unknown workload 'nope'" --workload nope
expect_error "syswatch: unknown mode 'warp-drive'" --modes native,warp-drive
expect_error "syswatch: --runs must be a number from 1 to 1000, not '0'" --runs 0
expect_error "syswatch: --size must be small, medium, large or a number" --size -5
expect_error "name the file .png or .svg" --plot "$d/chart.gif"
expect_error "syswatch: bad CPU list 'x'" --cpu x

# a command that cannot run: native fails, so there is nothing to compare
"$SYSWATCH" bench -q --modes native --runs 1 -- "$d/no-such-prog" >"$d/out" 2>"$d/err"
rc=$?
if [ $rc -ne 1 ] || ! grep -Eq "native +failed: .*cannot run .*/no-such-prog" "$d/out"; then
	echo "missing command: exit $rc"; cat "$d/out" "$d/err"; fail=1
fi

# a command after --: measured, the filtered mode gets its hot syscalls from the counts
"$SYSWATCH" bench -q --modes native,ptrace-filtered --runs 1 --json "$d/r.json" -- /bin/true >"$d/out" 2>"$d/err"
rc=$?
cat "$d/out"
if [ $rc -ne 0 ] || ! grep -Eq "^cmd +native +1 " "$d/out" || ! grep -Eq "^cmd +ptrace-filtered +1 " "$d/out"; then
	echo "bench -- /bin/true: exit $rc"; cat "$d/err"; fail=1
fi
if command -v python3 >/dev/null; then
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
assert r[0]["workload"] == "cmd" and r[0]["runs"][0]["ops"] == 1, r[0]
if r[0]["syscalls"]["counted"]:
    assert r[0]["syscalls"]["measured"] > 10, r[0]["syscalls"]
    assert r[1]["hot"], r[1]
' "$d/r.json" || fail=1
fi
exit $fail
