#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# strace's formatting flags on both engines, line for line against strace:
# -x, -xx, -n, -r (with -t), -A, -ff, --seccomp-bpf; --always-show-pid; and
# the combinations strace refuses.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
. "$(dirname "$0")/trace_lib/strace_compare.bash"

FL=$FX/fl_format
SET=-e\ trace=write,access,close,exit_group

compare_strace "$SET -x" "$FL"
grep -q 'write(3, "hi\\n", 3)' "$T/ptrace.txt" || fail "-x put a printable string in hex"
grep -q 'write(3, "\\x68\\x01\\x69\\x09\\x0a", 5)' "$T/ptrace.txt" || fail "-x did not put a control string in hex"
compare_strace "$SET -xx" "$FL"
grep -q 'write(3, "\\x68\\x69\\x0a", 3)' "$T/ptrace.txt" || fail "-xx left a string as text"
compare_strace "$SET --strings-in-hex=non-ascii" "$FL"
compare_strace "$SET -n" "$FL"
grep -Eq '^[0-9]+ +\[   1\] write\(3, "hi\\n", 3\)' "$T/ptrace.txt" || fail "-n: no [   1] before write"
compare_strace "$SET -r" "$FL"
grep -Eq '^[0-9]+ +0\.[0-9]{6} access' "$T/ptrace.txt" || fail "-r: no relative time"
compare_strace "$SET -tt -r -n" "$FL"
grep -Eq '^[0-9]+ +[0-9:]{8}\.[0-9]{6} \(\+ +[0-9]+\.[0-9]{6}\) \[' "$T/ptrace.txt" || fail "-tt -r: not strace's '(+ ...)'"
compare_strace "$SET --seccomp-bpf" "$FL"

# -i: the instruction pointer of each call; a signal raised by a call comes
# where that call returns
compare_strace "-i -n -e trace=close,tgkill,exit_group" "$FX/fl_status"
for eng in $ENGINES; do
	ips=$(grep -E 'tgkill|--- SIGUSR' "$T/$eng.txt" | grep -oE '\[[0-9a-f]{16}\]' | sort -u | wc -l)
	[ "$ips" -eq 1 ] || fail "$eng -i: tgkill and its signal at different places: $(cat "$T/$eng.txt")"
done
if [ "${ENGINES#*ebpf}" != "$ENGINES" ]; then
	SYSWATCH_EBPF_RAW_TP=1 "$SW" trace --engine ebpf -i -o "$T/raw.txt" -e trace=tgkill -- "$FX/fl_status"
	grep -qE '^\[[0-9a-f]{16}\] --- SIGUSR1' "$T/raw.txt" || fail "-i with the raw_tp programs: $(cat "$T/raw.txt")"
fi

# -X raw|verbose|abbrev: named constants as numbers, both, or names
XSET="-e trace=access,openat,close,tgkill,exit_group"
compare_strace "-X raw $XSET" "$FX/fl_status"
grep -q 'openat(-100, "/dev/null", 0) *= 3' "$T/ptrace.txt" || fail "-X raw: $(cat "$T/ptrace.txt")"
compare_strace "-X verbose $XSET" "$FX/fl_status"
grep -q 'si_code=0xfffffffa /\* SI_TKILL \*/' "$T/ptrace.txt" || fail "-X verbose: $(cat "$T/ptrace.txt")"
compare_strace "--const-print-style=abbrev $XSET" "$FX/fl_status"

# -e verbose=SET (structures of other calls as addresses), -e abbrev=SET
# (these abbreviated, the others in full)
VSET="-e trace=rt_sigaction,prlimit64,newfstatat"
compare_strace "-e verbose=none $VSET" "$FX/fl_status"
grep -Eq 'rt_sigaction\(SIGUSR1, 0x[0-9a-f]+, 0x[0-9a-f]+, 8\)' "$T/ptrace.txt" || fail "-e verbose=none: $(cat "$T/ptrace.txt")"
compare_strace "-e verbose=prlimit64 $VSET" "$FX/fl_status"
grep -q 'rlim_cur=' "$T/ptrace.txt" || fail "-e verbose=prlimit64 did not decode prlimit64"
compare_strace "-e abbrev=none $VSET" "$FX/fl_status"
grep -q 'st_ino=' "$T/ptrace.txt" || fail "-e abbrev=none: stat not in full"
compare_strace "-e abbrev=rt_sigaction $VSET" "$FX/fl_status"

# -e raw=SET: those calls as the registers hold them
compare_strace "$SET -e raw=openat,write,access,exit_group" "$FL"
grep -q 'write(0x3, 0x[0-9a-f]*, 0x3) *= 0x3$' "$T/ptrace.txt" || fail "-e raw=write: $(cat "$T/ptrace.txt")"

# -e write=FDS / -e read=FDS: hex dumps after the call (lines without a pid)
dumps() { grep '^ | ' "$1"; }
compare_strace "-e trace=write -e write=3" "$FL"
dumps "$T/strace.txt" >"$T/dump.want"
[ "$(wc -l <"$T/dump.want")" -eq 3 ] || fail "strace -e write=3 dumped $(wc -l <"$T/dump.want") lines, not 3"
for eng in $ENGINES; do
	dumps "$T/$eng.txt" | diff "$T/dump.want" - || fail "$eng: -e write=3 dumps differ from strace's"
done
printf 'the quick brown fox jumps over the lazy dog, 0123456789\n' >"$T/in.txt"
compare_strace "-e trace=read -e read=3" /bin/cat "$T/in.txt"
dumps "$T/strace.txt" >"$T/dump.want"
# (fd 3 also carries what the loader and the locale code read: all dumped, as strace does)
grep -q ' | 00000  74 68 65 20 71 75 69 63  6b 20 62 72 6f 77 6e 20  the quick brown  |' "$T/dump.want" ||
	fail "strace -e read=3 did not dump the file"
for eng in $ENGINES; do
	dumps "$T/$eng.txt" | diff "$T/dump.want" - || fail "$eng: -e read=3 dumps differ from strace's"
done
compare_strace "-e trace=write -e write=!3" "$FL"
[ "$(dumps "$T/ptrace.txt" | wc -l)" -eq 0 ] || fail "-e write=!3 dumped fd 3"

# -A: a second run appends to what the first wrote (a process more)
compare_strace "-e trace=write" "$FL"
compare_strace "-A -e trace=write" "$FL"
[ "$(cut -d' ' -f1 "$T/ptrace.txt" | sort -u | wc -l)" -eq 2 ] || fail "-A: the first run's lines are gone"

# -ff: one file per process, FILE.PID, without a pid column
SP=$FX/fl_format
strace -ff -o "$T/ff-strace" -e trace=getppid,exit_group -e signal=none "$SP" 2 >/dev/null 2>&1
join_ff() { # PREFIX: the files as one trace with a pid column, in pid order
	local f pid
	for f in "$1".*; do echo "${f##*.}"; done | sort -n | while read -r pid; do
		sed "s/^/$pid /" "$1.$pid"
	done
}
[ "$(ls "$T"/ff-strace.* | wc -l)" -eq 3 ] || fail "strace -ff did not write 3 files"
join_ff "$T/ff-strace" > "$T/joined-strace.txt"
for eng in $ENGINES; do
	"$SW" trace --engine "$eng" -ff -o "$T/ff-$eng" -e trace=getppid,exit_group -e signal=none -- "$SP" 2 ||
		fail "$eng -ff: exit $?"
	n=$(ls "$T/ff-$eng".* | wc -l)
	[ "$n" -eq 3 ] || fail "$eng -ff wrote $n files, not 3"
	grep -q '^[0-9]' "$T/ff-$eng".* && fail "$eng -ff: a pid column in a per-process file"
	join_ff "$T/ff-$eng" > "$T/joined-$eng.txt"
	python3 "$SRCDIR/scripts/strace-compare.py" --exact "$T/joined-strace.txt" "$T/joined-$eng.txt" >"$T/cmp.txt" ||
		{ cat "$T/cmp.txt"; fail "$eng -ff differs from strace -ff"; }
done

# --always-show-pid: [pid N] on every line, even for one process
for eng in $ENGINES; do
	"$SW" trace --engine "$eng" --always-show-pid -e trace=write -- "$FL" 2>"$T/pid.txt" || fail "$eng --always-show-pid: exit $?"
	[ "$(grep -c . "$T/pid.txt")" -ge 4 ] || fail "$eng --always-show-pid: too few lines"
	grep -vq '^\[pid  *[0-9]*\] ' "$T/pid.txt" && fail "$eng --always-show-pid: a line without [pid N]: $(cat "$T/pid.txt")"
done
# (strace 6.1 has no --always-show-pid: with [pid N] read as strace -f -o's
# pid column, the lines of three processes must be strace's)
strace -f -o "$T/strace.txt" -e trace=getppid,write,exit_group -e signal=none "$SP" 2 >/dev/null 2>&1
for eng in $ENGINES; do
	"$SW" trace --engine "$eng" -f --always-show-pid -e trace=getppid,write,exit_group -e signal=none -- "$SP" 2 \
		2>"$T/pid.txt" >/dev/null || fail "$eng -f --always-show-pid: exit $?"
	grep -vq '^\[pid [ 0-9]\{4\}[0-9]\] ' "$T/pid.txt" && fail "$eng -f --always-show-pid: not [pid %5d]: $(cat "$T/pid.txt")"
	sed -E 's/^\[pid +([0-9]+)\] /\1 /' "$T/pid.txt" >"$T/pid.$eng"
	python3 "$SRCDIR/scripts/strace-compare.py" --exact --show 8 "$T/strace.txt" "$T/pid.$eng" >"$T/cmp.txt" ||
		{ cat "$T/cmp.txt"; fail "$eng --always-show-pid: the lines differ from strace's"; }
done
# and strace's own [pid N] lines (once it has several processes) are among them, byte for byte
strace -f -e trace=getppid,write,exit_group -e signal=none "$SP" 2 2>&1 >/dev/null |
	grep '^\[pid ' | sed -E 's/[0-9]{2,}/N/g' | sort >"$T/pid.want"
[ "$(wc -l <"$T/pid.want")" -ge 6 ] || fail "strace -f showed few [pid N] lines: $(cat "$T/pid.want")"
for eng in $ENGINES; do
	"$SW" trace --engine "$eng" -f --always-show-pid -e trace=getppid,write,exit_group -e signal=none -- "$SP" 2 \
		2>&1 >/dev/null | sed -E 's/[0-9]{2,}/N/g' | sort >"$T/pid.got"
	comm -23 "$T/pid.want" "$T/pid.got" | grep . && fail "$eng --always-show-pid: strace's [pid N] lines above are not among syswatch's"
done

# what strace refuses to combine (strace 6.1 says it and goes on; syswatch stops)
bad() {
	local want=$1 out
	shift
	out=$("$SW" trace "$@" -- /bin/true 2>&1)
	[ $? -eq 2 ] || fail "$* did not exit 2"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "$*: more than one line: $out"
	printf '%s\n' "$out" | grep -qF -- "$want" || fail "$*: '$out' does not say '$want'"
}
bad "-A/--output-append-mode has no effect without -o/--output" -A
bad "-ff/--output-separately has no effect without -o/--output" -ff
bad "-ff/--output-separately has no effect without -o/--output" --output-separately
strace_refuses --strings-in-hex=some
strace_refuses -X long
strace_refuses -s -1
bad "invalid read 'x'" -e read=x
bad "invalid -X argument: 'long'" -X long
bad "invalid -e raw='nosuchcall'" -e raw=nosuchcall
echo ok
