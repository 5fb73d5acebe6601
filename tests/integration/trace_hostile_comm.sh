#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A process that renames itself to terminal escapes ("\e]0;PWNED\a\n\e[2J")
# cannot drive the reader's terminal: its comm comes out escaped in every
# output, byte for byte as expected (text: strace's escapes; JSON: \u), and no
# raw control byte of it reaches any output.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
HC="$FX/hostile_comm"
TEXT='\33]0;PWNED\7\n\33[2J'
JSON='"comm":"\u001b]0;PWNED\u0007\n\u001b[2J"'

# no_raw FILE: none of the name's raw bytes (ESC, BEL) is in FILE
no_raw() {
	! grep -q $'[\033\a]' "$1" || fail "$2: a raw escape byte of the name: $(grep -a $'[\033\a]' "$1" | head -n 1 | cat -A)"
}

# has_line FILE EXACT_LINE_PREFIX: a line of FILE starts with these bytes
has_line() {
	$PY - "$@" <<'PY'
import sys
path, want = sys.argv[1], sys.argv[2].encode()
sys.exit(0 if any(l.startswith(want) for l in open(path, 'rb')) else 1)
PY
}

# ptrace: JSON, and the stat process table
"$SW" trace --engine ptrace --json -e trace=openat -o "$T/p.json" -- "$HC" 3 >/dev/null 2>"$T/err" ||
	fail "trace --json exited $?: $(cat "$T/err")"
json_check "$T/p.json"
n=$(grep -cF "$JSON" "$T/p.json")
[ "$n" -ge 3 ] || fail "ptrace JSON: $n lines with $JSON: $(grep hostile-comm "$T/p.json" | head -n 1)"
no_raw "$T/p.json" "ptrace JSON"

"$SW" stat --engine ptrace --per-process -o "$T/p.stat" -- "$HC" 3 >"$T/pid" 2>"$T/err" ||
	fail "stat --per-process exited $?: $(cat "$T/err")"
pid=$(cat "$T/pid")
grep -Eq "^ +[0-9.]+ +[0-9]+ +[0-9]+ +[0-9.]+ +$pid " "$T/p.stat" || fail "stat: no row for pid $pid: $(cat "$T/p.stat")"
has_line "$T/p.stat" "$(grep -E " $pid " "$T/p.stat" | sed 's/ [^ ]*$//') $TEXT
" || fail "stat --per-process: the row of pid $pid does not end with $TEXT: $(grep -a " $pid " "$T/p.stat" | cat -A)"
no_raw "$T/p.stat" "stat --per-process"
"$SW" stat --engine ptrace --per-process --json -o "$T/p.sjson" -- "$HC" 3 >/dev/null 2>&1 || fail "stat --json exited $?"
grep -qF "$JSON" "$T/p.sjson" || fail "stat --json: no $JSON in $(cat "$T/p.sjson")"
no_raw "$T/p.sjson" "stat --json"

# eBPF, system-wide: text prefixes, JSON, the process table
if out=$("$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>&1); then
	"$HC" >"$T/hpid" &
	hc=$!
	trap 'kill -9 $hc 2>/dev/null; rm -rf "$T"' EXIT
	for _ in $(seq 100); do [ -s "$T/hpid" ] && break; sleep 0.05; done
	"$SW" trace --engine ebpf -a --duration 1 -e trace=openat -o "$T/a.txt" 2>"$T/err" || fail "trace -a exited $?: $(cat "$T/err")"
	has_line "$T/a.txt" "$(printf '%-5u' "$hc") $TEXT openat(AT_FDCWD, \"/nonexistent-syswatch-dir/hostile-comm\", O_RDONLY) = -1 ENOENT" ||
		fail "trace -a: no escaped prefix for pid $hc: $(grep -a hostile-comm "$T/a.txt" | head -n 1 | cat -A)"
	no_raw "$T/a.txt" "trace -a"
	"$SW" trace --engine ebpf -a --json --duration 1 -e trace=openat -o "$T/a.json" 2>"$T/err" || fail "trace -a --json exited $?: $(cat "$T/err")"
	json_check "$T/a.json"
	grep -F "\"pid\":$hc," "$T/a.json" | grep -qF "$JSON" || fail "trace -a --json: no $JSON for pid $hc"
	no_raw "$T/a.json" "trace -a --json"
	"$SW" stat --engine ebpf -a --per-process --top 100000 --duration 1 -e trace=openat -o "$T/a.stat" 2>"$T/err" || fail "stat -a exited $?: $(cat "$T/err")"
	grep -aE " $hc " "$T/a.stat" | grep -qF " $TEXT" || fail "stat -a --per-process: the row of pid $hc: $(grep -a " $hc " "$T/a.stat" | cat -A)"
	no_raw "$T/a.stat" "stat -a --per-process"
	kill -9 $hc 2>/dev/null
	wait $hc 2>/dev/null
else
	echo "ebpf part skipped: $out"
fi
echo ok
