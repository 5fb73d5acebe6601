#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/bench-ebpf.sh runs every mode and prints its table (a short run:
# the numbers are not checked here, make bench-ebpf measures them).
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf
[ -x "$FX/pt_sleeper" ] || fail "fixture pt_sleeper not built"

SYSWATCH=$SW FIXTURES=$FX "$SRC/scripts/bench-ebpf.sh" -n 20000 -r 1 --csv "$T/b.csv" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -le 1 ] || fail "bench-ebpf exited $rc: $(tail -n 3 "$T/err")"
for m in native floor floor-enter untraced filtered stream aggregate agg-nolat; do
	grep -Eq "^$m +[0-9.]+ +[0-9.]+ +[0-9.]+ +-?[0-9.]+ +[0-9.]+ +[0-9.]+ +0$" "$T/out" ||
		fail "no row for $m: $(cat "$T/out")"
done
grep -q '^goal: filtered' "$T/out" && grep -q '^goal: stream' "$T/out" || fail "no goals: $(cat "$T/out")"
[ "$(wc -l <"$T/b.csv")" -eq 9 ] || fail "csv: $(cat "$T/b.csv")"
echo ok
