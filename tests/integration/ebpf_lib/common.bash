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

# A flood: two processes calling getppid as fast as they can (one per CPU)
# for FLOOD_S seconds (6 unless set); F1 and F2 are their pids. A test that
# floods sets SWP to the syswatch it starts and `trap flood_cleanup EXIT`.
F1= F2= SWP=
flood() {
	"$FX/hd_flood" "${FLOOD_S:-6}" &
	F1=$!
	"$FX/hd_flood" "${FLOOD_S:-6}" &
	F2=$!
}
unflood() {
	kill $F1 $F2 2>/dev/null
	wait $F1 $F2 2>/dev/null
	F1= F2=
}
# kills the flood, the syswatch under test and READER, if any, then removes $T
flood_cleanup() {
	kill -9 $F1 $F2 $SWP ${READER:-} 2>/dev/null
	wait 2>/dev/null
	rm -rf "$T"
}
# started FILE [TRIES]: waits TRIES times 50 ms (200 unless given) until FILE
# has data: the programs are attached and events flow
started() {
	for _ in $(seq "${2:-200}"); do
		[ -s "$1" ] && return 0
		sleep 0.05
	done
	fail "nothing written to $1"
}
