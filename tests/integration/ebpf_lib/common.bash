# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tests/integration/ebpf_*.sh scripts (sourced, not run).
# Gives: $SW (syswatch), $FX (fixtures), $SRC (source tree), $T (a temporary
# dir removed on exit), $PY, fail MESSAGE, skip REASON, need_ebpf, need_ptrace.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/prelude.bash" ebpf
FX=${FIXTURES:?FIXTURES not set}
SRC=${SRCDIR:-$PWD}
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
chmod 755 "$T"

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
