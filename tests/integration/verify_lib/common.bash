# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tests/integration/verify_*.sh scripts (sourced, not run).
# Gives: $SW (syswatch), $FX (fixtures), $T (a temporary dir removed on exit),
# $PY, fail MESSAGE, skip REASON, need_engines (skips without ptrace or eBPF).
. "$(dirname "${BASH_SOURCE[0]}")/../lib/prelude.bash" verify
FX=${FIXTURES:?FIXTURES not set}

# verify needs both engines: skip (saying which is missing) when one cannot run.
need_engines() {
	local out
	[ -x "$SW" ] || fail "no syswatch binary at $SW"
	[ "$(id -u)" = 0 ] || skip "verify needs root for the ebpf engine"
	[ -r /sys/kernel/btf/vmlinux ] || skip "the kernel has no BTF (/sys/kernel/btf/vmlinux)"
	out=$("$SW" trace --engine ptrace -o /dev/null -- /bin/true 2>&1) ||
		skip "ptrace is not usable here: $out"
	out=$("$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>&1) ||
		skip "the ebpf engine is not usable here: ${out##*syswatch: }"
}
