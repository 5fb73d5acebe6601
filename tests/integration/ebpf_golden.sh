#!/usr/bin/env bash
# The eBPF engine prints what the ptrace engine prints: every golden fixture
# (a fixture that prints the lines a tracer must show, with expect()) and the
# engine-behaviour fixtures (exit codes, kills, signals, threads and a child,
# hostile bytes) run under both engines with -f; the traces must be the same
# once pids are renamed and random bytes blanked. Address randomization is off
# (setarch -R) so the addresses match too. No timings are asked for.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf
need_ptrace
command -v setarch >/dev/null || skip "setarch (util-linux) is missing"

runs=("demo" "pt_exit 3" "pt_exit kill" "pt_exit segv" "pt_family" "pt_signal" "pt_hostile" "bpf_fault")
for src in "$SRC"/tests/fixtures/*.c; do
	name=$(basename "$src" .c)
	grep -q '\bexpect(' "$src" && [ -x "$FX/$name" ] && runs+=("$name")
done

n=0
for run in "${runs[@]}"; do
	read -r -a cmd <<<"$run"
	[ -x "$FX/${cmd[0]}" ] || fail "fixture ${cmd[0]} not built"
	for eng in ptrace ebpf; do
		setarch "$(uname -m)" -R "$SW" trace --engine "$eng" -f -o "$T/$eng.txt" -- "$FX/${cmd[@]}" \
			>"$T/$eng.out" 2>"$T/$eng.err"
		echo "exit $?" >>"$T/$eng.txt"
	done
	same_trace "$T/ptrace.txt" "$T/ebpf.txt" || fail "'$run': the engines differ"
	cmp -s <(sed -E 's/[0-9]+/N/g' "$T/ptrace.out") <(sed -E 's/[0-9]+/N/g' "$T/ebpf.out") ||
		fail "'$run': the program printed something else under ebpf"
	n=$((n + 1))
done
echo "ok: $n fixtures"
