# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tests/integration/stat_*.sh scripts (sourced, not run).
# Gives: $SW (syswatch), $FX (fixtures), $T (a temporary dir removed on exit),
# $LIB (this folder), fail MESSAGE, skip REASON, need_ptrace, need_ebpf,
# check_json FILE EXPECTED (stat --json objects against st_known's lines),
# check_table FILE EXPECTED (a strace -c style table against them).
. "$(dirname "${BASH_SOURCE[0]}")/../lib/prelude.bash" stat
FX=${FIXTURES:?FIXTURES not set}
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Skips when this machine does not let us ptrace our own children.
need_ptrace() {
	local out
	out=$("$SW" stat --engine ptrace -o /dev/null -- /bin/true 2>&1) ||
		skip "ptrace is not usable here: $out"
}

# Skips when the ebpf engine cannot run here (not built, no root, no BTF).
need_ebpf() {
	local out
	out=$("$SW" stat --engine ebpf -o /dev/null -- /bin/true 2>&1) ||
		skip "the ebpf engine is not usable here: ${out##*syswatch: }"
}

# The per-syscall numbers of the last (or only) JSON object in FILE must be
# st_known's expected lines (EXPECTED: "name calls errors"), exactly.
check_json() {
	python3 "$LIB/check.py" json "$1" "$2" || fail "counts in $1 (see above)"
}

# The same for a text table (strace -c layout).
check_table() {
	python3 "$LIB/check.py" table "$1" "$2" || fail "counts in $1 (see above)"
}
