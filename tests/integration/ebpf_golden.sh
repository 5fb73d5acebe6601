#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The eBPF engine prints what the ptrace engine prints: every golden fixture
# (a fixture that prints the lines a tracer must show, with expect()) and the
# engine-behaviour fixtures (exit codes, kills, signals, threads and a child,
# hostile bytes) run under both engines with -f; the traces must be the same
# once pids are renamed and random bytes blanked. Address randomization is off
# (setarch -R) so the addresses match too. No timings are asked for. A few
# run again with the raw_tp programs, the fallback where tp_btf is refused.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf
need_ptrace
command -v setarch >/dev/null || skip "setarch (util-linux) is missing"

runs=("demo" "pt_exit 3" "pt_exit kill" "pt_exit segv" "pt_family" "pt_signal" "pt_hostile" "bpf_fault")
for src in "$SRC"/tests/fixtures/*.c; do
	name=$(basename "$src" .c)
	grep -q '\bexpect(' "$src" && [ -x "$FX/$name" ] && runs+=("$name")
done

# pid_widths TRACE: the number of digits of each pid, in order of first appearance
pid_widths() {
	sed -nE 's/^([0-9]+) .*/\1/p' "$1" | awk '!seen[$0]++ { printf "%d ", length($0) }'
}

# compare RUN [VAR=VALUE...]: both engines run RUN with the variables given
compare() {
	local run=$1 eng try
	shift
	read -r -a cmd <<<"$run"
	[ -x "$FX/${cmd[0]}" ] || fail "fixture ${cmd[0]} not built"
	# both runs get the variables (the ptrace engine ignores them), so the
	# environments, and so the stacks, are the same
	[ $# -gt 0 ] && export "$@"
	# Fixtures print their pids, so the lengths of their writes follow the
	# pids' digits. Other processes on the machine move the next pid on
	# (pid_max may be 32768: it wraps too), so the two runs may get pids of
	# different widths: then the pair runs again, up to 5 times.
	for try in 1 2 3 4 5; do
		for eng in ptrace ebpf; do
			setarch "$(uname -m)" -R "$SW" trace --engine "$eng" -f -o "$T/$eng.txt" -- "$FX/${cmd[@]}" \
				>"$T/$eng.out" 2>"$T/$eng.err"
			echo "exit $?" >>"$T/$eng.txt"
		done
		[ "$(pid_widths "$T/ptrace.txt")" = "$(pid_widths "$T/ebpf.txt")" ] && break
	done
	unset SYSWATCH_EBPF_RAW_TP
	same_trace "$T/ptrace.txt" "$T/ebpf.txt" || fail "'$run' $*: the engines differ"
	cmp -s <(sed -E 's/[0-9]+/N/g' "$T/ptrace.out") <(sed -E 's/[0-9]+/N/g' "$T/ebpf.out") ||
		fail "'$run': the program printed something else under ebpf"
}

n=0
for run in "${runs[@]}"; do
	compare "$run"
	n=$((n + 1))
done
# the raw_tp programs (used where the kernel refuses tp_btf) print the same
for run in demo pt_signal bpf_fault "pt_exit kill"; do
	compare "$run" SYSWATCH_EBPF_RAW_TP=1
done
echo "ok: $n fixtures, and 4 with the raw_tp programs"
