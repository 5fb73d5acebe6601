#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The rest of strace 6.1's --help on both engines, line for line against
# strace: the long spellings, the precisions of --absolute-timestamps,
# --relative-timestamps and --syscall-times, --columns (strace's -a),
# --strings-in-hex=non-ascii-chars, -X raw/verbose on modes, mmap flags and
# limits, -e decode-fds=, the %stat classes and NAME@64; and the options
# that mean nothing here, refused in one line that names them.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
. "$(dirname "$0")/trace_lib/strace_compare.bash"

FL=$FX/fl_format
SET=-e\ trace=write,access,close,exit_group

# long spellings of short options and -e qualifiers
compare_strace "--trace=write,access --string-limit=2 --no-abbrev" "$FL"
grep -q 'write(3, "hi"..., 3)' "$T/ptrace.txt" || fail "--string-limit=2: $(cat "$T/ptrace.txt")"
compare_strace "--trace=write --raw=write" "$FL"
compare_strace "--trace=write --write=3" "$FL"
compare_strace "--trace=access --abbrev=none --verbose=all" "$FL"

# precisions: strace's digits after the second
compare_strace "$SET --relative-timestamps=ns" "$FL"
grep -Eq '^[0-9]+ +0\.[0-9]{9} access' "$T/ptrace.txt" || fail "--relative-timestamps=ns: $(head -2 "$T/ptrace.txt")"
compare_strace "$SET --relative-timestamps=s" "$FL"
grep -Eq '^[0-9]+ +0 access' "$T/ptrace.txt" || fail "--relative-timestamps=s: $(head -2 "$T/ptrace.txt")"
compare_strace "$SET --absolute-timestamps=format:unix,precision:ms" "$FL"
grep -Eq '^[0-9]+ +[0-9]{10}\.[0-9]{3} access' "$T/ptrace.txt" || fail "--absolute-timestamps=unix,ms: $(head -2 "$T/ptrace.txt")"
compare_strace "$SET --absolute-timestamps=ns -r" "$FL"
grep -Eq '^[0-9]+ +[0-9:]{8}\.[0-9]{9} \(\+ +0\.[0-9]{6}\) access' "$T/ptrace.txt" ||
	fail "--absolute-timestamps=ns -r: $(head -2 "$T/ptrace.txt")"
compare_strace "$SET --absolute-timestamps" "$FL"
grep -Eq '^[0-9]+ +[0-9:]{8} access' "$T/ptrace.txt" || fail "--absolute-timestamps: $(head -2 "$T/ptrace.txt")"
compare_strace "$SET --absolute-timestamps=ms --absolute-timestamps=unix" "$FL"
grep -Eq '^[0-9]+ +[0-9]{10}\.[0-9]{3} access' "$T/ptrace.txt" || fail "a second --absolute-timestamps: $(head -2 "$T/ptrace.txt")"
compare_strace "$SET --syscall-times=ns" "$FL"
grep -Eq 'access\(.*<0\.[0-9]{9}>$' "$T/ptrace.txt" || fail "--syscall-times=ns: $(head -2 "$T/ptrace.txt")"
compare_strace "$SET --syscall-times=s" "$FL"
grep -Eq 'access\(.*<[0-9]+>$' "$T/ptrace.txt" || fail "--syscall-times=s: $(head -2 "$T/ptrace.txt")"

# strace's -a COLUMN is --columns here (-a traces the whole system)
compare_strace "$SET --columns=20" "$FL"
awk '/close\(3\)/ && index($0, " = 0") == 20 { ok = 1 } END { exit !ok }' "$T/ptrace.txt" ||
	fail "--columns=20: ' = ' not at column 20: $(cat "$T/ptrace.txt")"
compare_strace "$SET --strings-in-hex=non-ascii-chars" "$FL"
grep -qF 'write(3, "h\x01i\t\n", 5)' "$T/ptrace.txt" || fail "non-ascii-chars: $(cat "$T/ptrace.txt")"

# -X raw/verbose on what more than a table prints: modes, mmap flags, limits
XSET="-e trace=mmap,newfstatat,prlimit64"
compare_strace "-X raw $XSET" "$FL"
grep -q 'st_mode=0100' "$T/ptrace.txt" || fail "-X raw: st_mode not a number: $(cat "$T/ptrace.txt")"
compare_strace "-X verbose $XSET" "$FL"
grep -q 'rlim_cur=8388608 /\* 8192\*1024 \*/' "$T/ptrace.txt" || fail "-X verbose: rlim_cur: $(cat "$T/ptrace.txt")"

# syscall sets: %stat is stat only, newfstatat is %fstat; NAME@64, @32
compare_strace "-e trace=%stat,access" "$FL"
! grep -q newfstatat "$T/ptrace.txt" || fail "%stat took newfstatat"
compare_strace "-e trace=%fstat" "$FL"
grep -q newfstatat "$T/ptrace.txt" || fail "%fstat lacks newfstatat"
compare_strace "-e trace=access@64,write@32" "$FL"
grep -q '^[0-9]* *access' "$T/ptrace.txt" || fail "access@64 not traced"
! grep -q 'write(' "$T/ptrace.txt" || fail "write@32 traced the x86-64 write"

# -e decode-fds=: what -y/-yy show, by kind
echo hello >"$T/f.txt"
norm() {
	sed -E -e 's/(127\.0\.0\.1|::1\]):[0-9]+/\1:PORT/g' -e 's/htons\([0-9]+\)/htons(P)/g' \
		-e 's/:\[[0-9]+(\]|->|,)/:[INO\1/g' -e 's/->[0-9]+(\]|,)/->INO\1/g' -e 's/ +=/ =/' "$1"
}
KSET=openat,read,write,close,accept,getsockname
for kinds in socket dev path,dev '!path'; do
	timeout 60 strace -e trace=$KSET -e decode-fds="$kinds" -o "$T/k.strace" "$FX/fd_kinds" "$T" ||
		fail "strace -e decode-fds=$kinds failed"
	for eng in $ENGINES; do
		timeout 60 "$SW" trace --engine "$eng" -e trace=$KSET -e decode-fds="$kinds" -o "$T/k.$eng" -- \
			"$FX/fd_kinds" "$T" || fail "$eng -e decode-fds=$kinds failed"
		diff <(norm "$T/k.strace") <(norm "$T/k.$eng") >"$T/diff" ||
			{ cat "$T/diff"; fail "$eng -e decode-fds=$kinds differs from strace"; }
	done
done
grep -qF 'write(8</dev/null<char 1:3>>' "$T/k.ptrace" || fail "decode-fds=!path: no device: $(cat "$T/k.ptrace")"
grep -q 'close(5)' "$T/k.ptrace" || fail "decode-fds=!path named a file"
"$SW" trace --engine ptrace --decode-fds -e trace=close -o "$T/y.txt" -- "$FX/fd_kinds" "$T" ||
	fail "--decode-fds failed"
grep -qF "close(5<$T/f.txt>)" "$T/y.txt" || fail "--decode-fds alone is not -y: $(cat "$T/y.txt")"

# pidfds: pid:N with -yy and decode-fds=pidfd, anon_inode:[pidfd] with -y
for y in -yy -e\ decode-fds=pidfd -y; do
	compare_strace "$y -e trace=pidfd_open" "$PY" -c 'import os; os.pidfd_open(os.getpid())'
done
grep -q '= 3<anon_inode:\[pidfd\]>$' "$T/ptrace.txt" || fail "-y: pidfd: $(cat "$T/ptrace.txt")"
compare_strace "-yy -e trace=pidfd_open" "$PY" -c 'import os; os.pidfd_open(os.getpid())'
for eng in $ENGINES; do
	grep -Eq '^([0-9]+) +pidfd_open\(\1, 0\) += 3<pid:\1>$' "$T/$eng.txt" || fail "$eng -yy: pidfd: $(cat "$T/$eng.txt")"
done

# trace -c takes the qualifier as strace -c does (and counts every call)
"$SW" trace -c --engine ptrace -e decode-fds=path -e trace=close -o "$T/c.txt" -- "$FX/fd_kinds" "$T" ||
	fail "trace -c -e decode-fds=path: $(cat "$T/c.txt")"
grep -q ' close$' "$T/c.txt" || fail "trace -c -e decode-fds=path: no close row: $(cat "$T/c.txt")"

# refused as strace refuses them, and strace's options that mean nothing here
bad() {
	local want=$1
	shift
	refused "$want" --engine ptrace "$@" -- /bin/true
}
strace_refuses -y -e decode-fds=path
strace_refuses -t --absolute-timestamps=ms
strace_refuses -e decode-fds=foo
bad "-y and --decode-fds cannot be provided simultaneously" -y -e decode-fds=path
bad "-t and --absolute-timestamps cannot be provided simultaneously" -t --absolute-timestamps=ms
bad "invalid --absolute-timestamps argument: 'foo'" --absolute-timestamps=foo
bad "invalid --relative-timestamps argument: '10us'" --relative-timestamps=10us
bad "invalid --syscall-times argument: 'x'" --syscall-times=x
bad "invalid decode-fds 'foo'" -e decode-fds=foo
bad "unknown personality '@16'" -e trace=getuid@16
bad "-e kvm=vcpu is not supported" -e kvm=vcpu
bad "-e kvm=vcpu is not supported" --kvm=vcpu
bad "-I/--interruptible is not supported" -I 2
bad "-I/--interruptible is not supported" --interruptible=never
bad "-O/--summary-syscall-overhead is not supported" -O 1us
bad "-Y/--decode-pids=comm is not supported" -Y
bad "--decode-pids=pidns is not supported" --decode-pids=pidns
bad "--tips is not supported" --tips
"$SW" trace -V | grep -q '^syswatch ' || fail "-V does not print the version"
echo ok
