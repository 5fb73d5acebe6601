# SPDX-License-Identifier: GPL-2.0-only
# Sourced after a common.bash: compares syswatch trace with strace 6.1 for
# the same options (tests/integration/trace_flags_*.sh). Gives:
#   compare_strace "OPTIONS" CMD [ARG...]
# strace -f -o and syswatch trace -f -o with OPTIONS, on the ptrace engine
# and, when it can run here, the ebpf engine; every line must be the same
# after scripts/strace-compare.py normalises pids, addresses and times.
# The files are left in $T/strace.txt, $T/ptrace.txt, $T/ebpf.txt.
#   compare_summary "OPTIONS" CMD [ARG...]
# the same runs (OPTIONS has -c or -C), and the strace -c tables must match
# too (header, columns, rows, names, calls, errors; times only as numbers).
#   strace_refuses ARGS...
# strace 6.1 refuses `strace ARGS /bin/true` (exit not 0, "strace: REASON");
# syswatch trace ARGS -- /bin/true must too: exit 2, one line holding REASON.
#   strace_warns ARGS...
# strace says something and runs /bin/true; syswatch must say the same words
# (each of strace's lines) and run it too.
command -v strace >/dev/null || skip "strace is not installed"
SRCDIR=${SRCDIR:-$PWD}
ENGINES=ptrace
if "$SW" trace --engine ebpf -o /dev/null -- /bin/true >/dev/null 2>&1; then
	ENGINES="ptrace ebpf"
else
	echo "note: the ebpf engine cannot run here; ptrace only"
fi

compare_strace() {
	local opts=$1 eng mode
	shift
	COMPARE_MODES=${COMPARE_MODES:---exact}
	# shellcheck disable=SC2086 # (a subshell: the shell's "Killed" note stays quiet)
	(strace -f -o "$T/strace.txt" $opts "$@" >/dev/null 2>"$T/strace.err" </dev/null) 2>/dev/null
	for eng in $ENGINES; do
		# shellcheck disable=SC2086
		"$SW" trace --engine "$eng" -f -o "$T/$eng.txt" $opts -- "$@" >/dev/null 2>"$T/$eng.err" </dev/null
		for mode in $COMPARE_MODES; do
			python3 "$SRCDIR/scripts/strace-compare.py" "$mode" --show 8 "$T/strace.txt" "$T/$eng.txt" \
				>"$T/cmp.txt" || { cat "$T/cmp.txt"; fail "$eng differs from strace ($mode) with: $opts $*"; }
		done
	done
	COMPARE_MODES=
}

compare_summary() {
	COMPARE_MODES="--exact --summary" compare_strace "$@"
}

strace_refuses() {
	local why
	why=$(strace -o /dev/null "$@" /bin/true 2>&1 >/dev/null </dev/null) && fail "strace takes $*: $why"
	why=$(printf '%s\n' "$why" | sed -n '1s/^strace: //p')
	[ -n "$why" ] || fail "strace gave no reason for refusing $*"
	refused "$why" "$@" -- /bin/true
}

strace_warns() {
	local said out line
	said=$(strace -o /dev/null "$@" /bin/true 2>&1 >/dev/null </dev/null) || fail "strace refuses $*: $said"
	[ -n "$said" ] || fail "strace says nothing with $*"
	out=$("$SW" trace -o /dev/null "$@" -- /bin/true 2>&1 >/dev/null </dev/null) || fail "syswatch trace $*: exit $?: $out"
	while IFS= read -r line; do
		printf '%s\n' "$out" | grep -qF -- "${line#strace: }" || fail "syswatch trace $*: '$out' does not say '${line#strace: }'"
	done <<<"$said"
}
