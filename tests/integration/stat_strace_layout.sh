#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The table has strace -c's layout, line for line: the same header, dashes,
# column positions and total line, the same rows (names, calls, errors) for
# the same program, in the same order for the same sort key.
. "$(dirname "$0")/stat_lib/common.bash"
need_ptrace
command -v strace >/dev/null || skip "strace is not installed (the reference for the layout)"

set_="getppid,chdir,faccessat,getcwd"
strace -f -c -w -e trace=$set_ -o "$T/strace" "$FX/st_known" --rounds 2 --child >"$T/want" || fail "strace failed"
"$SW" stat --engine ptrace -f -e trace=$set_ -o "$T/sw" -- "$FX/st_known" --rounds 2 --child >/dev/null || fail "stat failed"

# header and dashes: identical
diff <(head -n 2 "$T/strace") <(head -n 2 "$T/sw") || fail "header or dashes differ"
[ "$(wc -l <"$T/strace")" -eq "$(wc -l <"$T/sw")" ] || fail "not as many lines: $(cat "$T/sw")"
# every line: the columns at the same places (numbers right-aligned in the
# same widths, names at the same column)
mask() { sed -E 's/[0-9]/9/g; s/[a-z_0-9]+$/NAME/' "$1"; }
# time-dependent digits vary in count only within a column's width; compare
# the position where each field ends, row by row under the row's name (rows
# sorted by time come in an order that depends on timing)
ends() { awk '{ line = $0; pos = 0; out = "";
	while (match(line, /[^ ]+/)) { pos += RSTART + RLENGTH - 1; out = out " " pos; line = substr(line, RSTART + RLENGTH) }
	sub(/ [0-9]+$/, "", out); print $NF ":" out }' "$1" | sort; }
diff <(ends "$T/strace") <(ends "$T/sw") >/dev/null ||
	fail "columns differ: $(diff <(ends "$T/strace") <(ends "$T/sw"))"
mask "$T/sw" | tail -n 1 | grep -q '^999.99 ' || fail "total line: $(tail -n 1 "$T/sw")"

# same rows, same order, by calls (time differs between tracers; calls do not)
strace -f -c -S calls -e trace=$set_ -o "$T/strace2" "$FX/st_known" >/dev/null || fail "strace -S calls failed"
"$SW" stat --engine ptrace -f -S calls -e trace=$set_ -o "$T/sw2" -- "$FX/st_known" >/dev/null || fail "stat -S calls failed"
cut -c 31- "$T/strace2" >"$T/a"
cut -c 31- "$T/sw2" >"$T/b"
diff "$T/a" "$T/b" || fail "calls/errors/names differ from strace -c"
# errors column empty when there are none, as strace leaves it
grep -q ' getppid$' "$T/sw2" && ! grep -Eq ' 0 getppid$' "$T/sw2" || fail "errors column not blank for getppid"
echo ok
