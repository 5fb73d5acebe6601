#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# trace -y / -yy / -P on both engines: descriptors named as strace 6.1 names
# them (files, dirfds, pipes, eventfd, /dev/null, TCP/UDP/UNIX/netlink
# sockets on loopback), compared with strace after normalising inodes and
# ports; a descriptor replaced or closed by another thread right after each
# call still named right; -P by resolved path, and against strace where strace
# resolves the same (absolute names), with its note of what a path resolved into.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

engines=ptrace
if "$SW" trace --engine ebpf -o /dev/null -- /bin/true >/dev/null 2>&1; then
	engines="ptrace ebpf"
else
	echo "note: the ebpf engine is not usable here; ptrace only"
fi
have_strace=0
command -v strace >/dev/null && have_strace=1

echo hello > "$T/f.txt"
SET=openat,read,write,close,pipe2,eventfd2,socket,bind,listen,connect,accept,socketpair,newfstatat,fchdir,getsockname

# ports and inodes change from run to run
norm() {
	sed -E -e 's/(127\.0\.0\.1|::1\]):[0-9]+/\1:PORT/g' -e 's/htons\([0-9]+\)/htons(P)/g' \
		-e 's/:\[[0-9]+(\]|->|,)/:[INO\1/g' -e 's/->[0-9]+(\]|,)/->INO\1/g' \
		-e 's/ROUTE:[0-9]+/ROUTE:PID/' -e 's/nl_pid=[0-9]+/nl_pid=PID/' -e 's/ +=/ =/' "$1"
}

cd "$T" || fail "cannot enter $T"
for eng in $engines; do
	for y in -y -yy; do
		out=$T/kinds.$eng$y
		timeout 60 "$SW" trace --engine "$eng" $y -e trace=$SET -o "$out" -- "$FX/fd_kinds" "$T" ||
			fail "$eng $y: fd_kinds failed"
		sed -E 's/ +=/ =/' "$out" > "$out.n"
		out=$out.n
		# what must be there whatever strace says
		grep -qF "read(3<$T/f.txt>, \"hell\", 4) = 4" "$out" || fail "$eng $y: no path on read: $(head -3 "$out")"
		grep -qF "openat(4<$T>, \"f.txt\", O_RDONLY) = 5<$T/f.txt>" "$out" || fail "$eng $y: dirfd or returned fd not named"
		grep -qE '^pipe2\(\[5<pipe:\[([0-9]+)\]>, 6<pipe:\[\1\]>\], 0\) = 0$' "$out" || fail "$eng $y: pipe pair not named"
		grep -qF "= 7<anon_inode:[eventfd]>" "$out" || fail "$eng $y: eventfd not named"
		grep -qF "fchdir(4<$T>)" "$out" || fail "$eng $y: fchdir's descriptor not named"
		grep -qF "close(3<$T/f.txt>)" "$out" || fail "$eng $y: close's descriptor not named (resolved before the call)"
		if [ "$y" = -yy ]; then
			grep -qF "write(8</dev/null<char 1:3>>" "$out" || fail "$eng -yy: device numbers missing"
			grep -qE '^read\(11<TCP:\[127\.0\.0\.1:[0-9]+->127\.0\.0\.1:[0-9]+\]>' "$out" || fail "$eng -yy: TCP addresses missing"
			grep -qE "<UNIX-STREAM:\[[0-9]+->[0-9]+,\"$T/sock\"\]>" "$out" || fail "$eng -yy: UNIX peer and name missing"
		else
			grep -qE '^read\(11<socket:\[[0-9]+\]>' "$out" || fail "$eng -y: socket not named socket:[ino]"
		fi
		if [ $have_strace = 1 ]; then
			[ -s "$T/kinds.strace$y" ] ||
				timeout 60 strace $y -e trace=$SET -o "$T/kinds.strace$y" "$FX/fd_kinds" "$T" ||
				fail "strace $y failed"
			if ! diff <(norm "$T/kinds.strace$y") <(norm "$out") > "$T/diff"; then
				cat "$T/diff"
				fail "$eng $y: differs from strace $y"
			fi
		fi
	done
	echo "$eng: -y and -yy name every kind of descriptor$([ $have_strace = 1 ] && echo ', as strace does')"
	if [ "$eng" = ebpf ]; then
		# the raw_tp programs (kernels that refuse tp_btf) resolve the same
		SYSWATCH_EBPF_RAW_TP=1 timeout 60 "$SW" trace --engine ebpf -yy -e trace=$SET -o "$T/kinds.raw" -- "$FX/fd_kinds" "$T" ||
			fail "ebpf raw_tp -yy: fd_kinds failed"
		diff <(norm "$T/kinds.ebpf-yy") <(norm "$T/kinds.raw") > "$T/diff" || { cat "$T/diff"; fail "ebpf raw_tp -yy differs from tp_btf"; }
		echo "ebpf: the raw_tp programs name them the same"
	fi

	# Read i is on f.txt when i is even, on /dev/null when odd; the other
	# thread changes descriptor 42 right after each read returns.
	timeout 120 "$SW" trace -f --engine "$eng" -y -e trace=pread64 -o "$T/race.$eng" -- "$FX/fd_race" "$T/f.txt" 40 ||
		fail "$eng: fd_race failed"
	seq=$(awk -v f="pread64(42<$T/f.txt>" '
		index($0, "pread64(42<") { if (index($0, f)) printf "X"; else if (index($0, "pread64(42</dev/null>")) printf "Y"; else printf "?" }' "$T/race.$eng")
	want=$(printf 'XY%.0s' $(seq 20))
	[ "$seq" = "$want" ] || fail "$eng: descriptors changed after the call are named wrong: $seq (want $want)"
	echo "$eng: descriptors replaced or closed by another thread right after the call are named right"

	# the same descriptor after its directory is renamed and the file unlinked
	# (the kernel side caches paths it walked: renames must invalidate them)
	rm -rf "$T/d1" "$T/d2"; mkdir "$T/d1"; echo x > "$T/d1/g"
	timeout 60 "$SW" trace -f --engine "$eng" -y -e trace=read -o "$T/mv.$eng" -- /bin/sh -c \
		"exec 5<'$T/d1/g'; cat <&5 >/dev/null; cat <&5 >/dev/null; mv '$T/d1' '$T/d2'; cat <&5 >/dev/null; rm '$T/d2/g'; cat <&5 >/dev/null" ||
		fail "$eng: rename run failed"
	seq=$(grep -o "read(0<[^>]*>" "$T/mv.$eng" | sed "s|$T/||" | tr '\n' ' ')
	[ "$seq" = "read(0<d1/g> read(0<d1/g> read(0<d1/g> read(0<d2/g> read(0<d2/g (deleted)> " ] ||
		fail "$eng: paths after rename/unlink: $seq"
	echo "$eng: a renamed directory and an unlinked file are named as they are now"

	# -P by resolved path: the absolute open, the dirfd-relative open, and
	# calls on the descriptors; nothing else.
	timeout 60 "$SW" trace --engine "$eng" -P "$T/f.txt" -o "$T/p.$eng" -- "$FX/fd_kinds" "$T" || fail "$eng: -P run failed"
	got=$(grep -v '^+++' "$T/p.$eng" | sed -E 's/\(.*//' | tr '\n' ' ')
	[ "$got" = "openat read openat close newfstatat close " ] || fail "$eng -P file: got '$got'"
	grep -qE 'openat\(4, "f.txt", O_RDONLY\) += 5' "$T/p.$eng" || fail "$eng -P: openat(dirfd, \"f.txt\") not caught"
	timeout 60 "$SW" trace --engine "$eng" -P "$T" -o "$T/pd.$eng" -- "$FX/fd_kinds" "$T" || fail "$eng: -P dir run failed"
	got=$(grep -v '^+++' "$T/pd.$eng" | sed -E 's/\(.*//' | tr '\n' ' ')
	[ "$got" = "openat openat fchdir " ] || fail "$eng -P dir: got '$got'"
	# relative names, "..", "//" and a symlink given to -P
	ln -sf f.txt "$T/link"
	timeout 60 "$SW" trace -f --engine "$eng" -P "$T/link" -e trace=openat -o "$T/pr.$eng" -- \
		/bin/sh -c "cd '$T' && cat f.txt ../$(basename "$T")//f.txt > /dev/null" || fail "$eng: -P relative run failed"
	n=$(grep -cE "openat\(AT_FDCWD, \"(f.txt|\.\./$(basename "$T")//f.txt)\"" "$T/pr.$eng")
	[ "$n" = 2 ] || fail "$eng -P: relative names not resolved ($n of 2): $(cat "$T/pr.$eng")"
	grep -q 'ld.so' "$T/pr.$eng" && fail "$eng -P: unrelated opens kept"
	echo "$eng: -P catches a file by absolute, dirfd-relative, cwd-relative and symlinked names"
done

# -P against strace where strace catches the same calls (absolute names;
# strace does not resolve dirfd-relative names): one path, two, with -y
if [ $have_strace = 1 ]; then
	PROG="cat '$T/f.txt' /etc/passwd >/dev/null; cat '$T/f.txt'"
	for p in "-P $T/f.txt" "-P $T/f.txt -P /etc/passwd" "-y -P $T/link"; do
		# shellcheck disable=SC2086
		strace -f -o "$T/P.strace" $p /bin/sh -c "$PROG" >/dev/null 2>&1
		grep -q "f.txt" "$T/P.strace" || fail "strace $p caught nothing: $(cat "$T/P.strace")"
		for eng in $engines; do
			# shellcheck disable=SC2086
			"$SW" trace -f --engine "$eng" -o "$T/P.$eng" $p -- /bin/sh -c "$PROG" >/dev/null 2>&1 ||
				fail "$eng $p: exit $?"
			python3 "${SRCDIR:?}/scripts/strace-compare.py" --exact --show 8 "$T/P.strace" "$T/P.$eng" >"$T/cmp" ||
				{ cat "$T/cmp"; fail "$eng $p differs from strace"; }
		done
	done
	echo "-P: the same lines as strace's"
	# strace's note of what a -P path resolved into, and -e quiet=path-resolution
	for p in "-P link" "-P ./f.txt" "-P $T/f.txt" "-P link -e quiet=path-resolution" "-qqq -P link"; do
		# shellcheck disable=SC2086
		strace -o /dev/null $p /bin/true 2>&1 >/dev/null | sed 's/^strace: //' >"$T/res.want"
		# shellcheck disable=SC2086
		"$SW" trace -o /dev/null $p -- /bin/true 2>&1 >/dev/null | sed 's/^syswatch: warning: //' >"$T/res.got"
		diff "$T/res.want" "$T/res.got" || fail "$p: not strace's words"
	done
	grep -qF "Requested path \"link\" resolved into \"$T/f.txt\"" <("$SW" trace -o /dev/null -P link -- /bin/true 2>&1) ||
		fail "-P link: no note of what it resolved into"
fi

# bad input: one line, usage status
out=$("$SW" trace -P '' -- /bin/true 2>&1); rc=$?
[ $rc = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] || fail "-P '': status $rc, '$out'"
echo "-P '': $out"
exit 0
