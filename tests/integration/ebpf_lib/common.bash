# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tests/integration/ebpf_*.sh scripts (sourced, not run).
# Gives: $SW (syswatch), $FX (fixtures), $SRC (source tree), $T (a temporary
# dir removed on exit), $PY, fail MESSAGE, skip REASON, need_ebpf, need_ptrace.
set -u
SW=${SYSWATCH:?SYSWATCH not set}
FX=${FIXTURES:?FIXTURES not set}
SRC=${SRCDIR:-$PWD}
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
T=$(mktemp -d /tmp/syswatch-ebpf-test.XXXXXX)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "$*"; exit 77; }

# Skips unless the eBPF engine loads here (root, BTF, a recent kernel).
need_ebpf() {
	local out
	[ -x "$SW" ] || fail "no syswatch binary at $SW"
	out=$("$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>&1) ||
		skip "the ebpf engine is not usable here: $out"
}

need_ptrace() {
	local out
	out=$("$SW" trace --engine ptrace -o /dev/null -- /bin/true 2>&1) ||
		skip "ptrace is not usable here: $out"
}

# same_trace A B: the two traces (written with -f -o) are the same once pids
# are renamed by first appearance and what differs from run to run (random
# bytes) is blanked; compared process by process, so the interleaving of
# processes may differ.
same_trace() {
	$PY "$LIB/same.py" "$1" "$2"
}
