#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A program's CLONE_PARENT child is syswatch's child: every engine reaps it,
# with and without -f, as strace does, so a program waiting for it to go
# away does not wait forever (it gives up after 20 s and exits 1).
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace

engines=ptrace
"$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>/dev/null && engines="ptrace ebpf"
n=0
for eng in $engines; do
	for f in "" -f; do
		rc=0
		timeout 60 "$SW" trace --engine "$eng" $f -e trace=clone,wait4 -o "$T/out" -- "$FX/pt_clone_parent" \
			2>"$T/err" || rc=$?
		[ "$rc" = 0 ] || fail "--engine $eng $f: the program exited $rc: $(cat "$T/err")"
		# with -f, lines may have pid prefixes and the wait4 be cut in two
		grep -q 'clone(.*CLONE_PARENT|SIGCHLD' "$T/out" || fail "--engine $eng $f: no clone line"
		grep -q '= -1 ECHILD' "$T/out" || fail "--engine $eng $f: no failed wait4"
		if [ "$f" = -f ]; then
			grep -Eq '^[0-9]+ +\+\+\+ exited with 42 \+\+\+' "$T/out" ||
				fail "--engine $eng -f: the child's exit is missing: $(cat "$T/out")"
		fi
		n=$((n + 1))
	done
done
echo "ok: $n runs ($engines)"
