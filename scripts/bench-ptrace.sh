#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The cost ptrace adds to a syscall: a getppid() loop run natively, under
# syswatch trace (ptrace engine) and under strace, all writing their trace to
# /dev/null, plus the filtered variants where getppid is not in the traced
# set (syswatch's seccomp pre-filter; strace -f --seccomp-bpf, which needs
# -f) and syswatch with tracer and tracee pinned to one CPU. Modes alternate
# run by run; the table shows medians and the spread (min-max) of wall time.
#
#   scripts/bench-ptrace.sh [-n CALLS] [-r RUNS]
# Environment: SYSWATCH (binary), FIXTURES (dir with pt_getppid_loop).
set -u
CALLS=200000
RUNS=5
while getopts n:r: o; do
	case $o in
	n) CALLS=$OPTARG ;;
	r) RUNS=$OPTARG ;;
	*) echo "usage: $0 [-n CALLS] [-r RUNS]" >&2; exit 2 ;;
	esac
done
SW=${SYSWATCH:-build/syswatch}
LOOP=${FIXTURES:-build/tests/fixtures}/pt_getppid_loop
[ -x "$SW" ] && [ -x "$LOOP" ] || { echo "bench-ptrace: build first ($SW, $LOOP)" >&2; exit 1; }
have_strace=0
command -v strace >/dev/null && have_strace=1

# name|command (the workload's arguments are appended)
MODES=(
	"native|"
	"syswatch|$SW trace --engine ptrace -o /dev/null --"
	"syswatch --pin-cpu|$SW trace --engine ptrace --pin-cpu=0 -o /dev/null --"
	"syswatch -e trace=!getppid (no filter)|$SW trace --engine ptrace --no-seccomp -e trace=!getppid -o /dev/null --"
	"syswatch -e trace=!getppid (seccomp)|$SW trace --engine ptrace -e trace=!getppid -o /dev/null --"
)
if [ $have_strace = 1 ]; then
	MODES+=(
		"strace|strace -o /dev/null"
		"strace -e trace=!getppid|strace -e trace=!getppid -o /dev/null"
		"strace -f --seccomp-bpf -e trace=!getppid|strace -f --seccomp-bpf -e trace=!getppid -o /dev/null"
	)
fi

# Each mode runs the loop with CALLS calls and with none; the difference is
# what the calls cost, so start-up (syswatch, strace, exec under a tracer)
# does not count as per-call cost.
# Wall time is what a traced program feels; CPU time (user+sys of the tracer
# and the tracee) is steadier on a busy machine, so both are shown.
declare -A times empty cpu cpu_empty
TIMEFORMAT='%3U %3S'
for ((run = 0; run < RUNS; run++)); do
	for m in "${MODES[@]}"; do
		name=${m%%|*} cmd=${m#*|}
		for n in "$CALLS" 0; do
			start=$(date +%s%N)
			# shellcheck disable=SC2086
			us=$( { time $cmd "$LOOP" "$n" >/dev/null 2>/dev/null; } 2>&1) || { echo "bench-ptrace: '$name' failed" >&2; exit 1; }
			t=$(( $(date +%s%N) - start ))
			c=$(awk '{ printf "%d", ($1 + $2) * 1e9 }' <<<"$us")
			if [ "$n" = 0 ]; then
				empty[$name]+="$t " cpu_empty[$name]+="$c "
			else
				times[$name]+="$t " cpu[$name]+="$c "
			fi
		done
	done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
spread() { tr ' ' '\n' | grep . | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f-%.0f", lo / 1e6, hi / 1e6 }'; }
# ns per call of a mode: (median with calls - median without) / calls
per_call() { echo $(( ($(median <<<"${times[$1]}") - $(median <<<"${empty[$1]}")) / CALLS )); }
cpu_per_call() { echo $(( ($(median <<<"${cpu[$1]}") - $(median <<<"${cpu_empty[$1]}")) / CALLS )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b }'; }

native=$(per_call native) native_cpu=$(cpu_per_call native)
strace_added="" strace_cpu=""
if [ $have_strace = 1 ]; then
	strace_added=$(( $(per_call strace) - native ))
	strace_cpu=$(( $(cpu_per_call strace) - native_cpu ))
fi
printf 'getppid loop: %d calls, %d runs per mode, medians (%d CPUs, load %s)\n' "$CALLS" "$RUNS" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
printf 'added ns/call = (time with the calls - time with none) / calls - native; cpu = user+sys of tracer and tracee\n\n'
printf '%-42s %9s %11s %8s %10s %7s %10s %7s\n' mode "wall ms" "spread ms" "start ms" "added ns" "ratio" "cpu ns" "ratio"
for m in "${MODES[@]}"; do
	name=${m%%|*}
	added=$(( $(per_call "$name") - native ))
	cadded=$(( $(cpu_per_call "$name") - native_cpu ))
	vs="" cvs=""
	if [ -n "$strace_added" ] && [ "$name" != native ]; then
		vs=$(ratio "$added" "$strace_added")
		cvs=$(ratio "$cadded" "$strace_cpu")
	fi
	if [ "$name" = native ]; then
		added="($native)" cadded="($native_cpu)"
	fi
	printf '%-42s %9.1f %11s %8.1f %10s %7s %10s %7s\n' "$name" \
		"$(awk -v v="$(median <<<"${times[$name]}")" 'BEGIN { print v / 1e6 }')" \
		"$(spread <<<"${times[$name]}")" \
		"$(awk -v v="$(median <<<"${empty[$name]}")" 'BEGIN { print v / 1e6 }')" "$added" "$vs" "$cadded" "$cvs"
done
echo
echo "ratio: added cost relative to strace's (lower is better); native row: its own ns per call"
[ $have_strace = 1 ] || echo "(strace is not installed: no peer numbers)"
