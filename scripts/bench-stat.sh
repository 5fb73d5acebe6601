#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The cost of `syswatch stat` on a getppid loop, side by side in one run:
#
#   native          the loop alone
#   floor           empty eBPF programs on sys_enter and sys_exit (the least
#                   any eBPF syscall counter with latency costs)
#   floor-enter     one empty program on sys_enter (the least a counter costs)
#   stat-ebpf       syswatch stat --engine ebpf (calls, errors, latency, in the kernel)
#   stat-ebpf-nolat syswatch stat --engine ebpf --no-latency (calls, at sys_enter)
#   stat-ptrace     syswatch stat --engine ptrace
#   strace-c        strace -c
#   bpftrace        bpftrace '@[comm] = count()' on sys_enter (when installed)
#   perf-trace-s    perf trace -s (when installed)
#
# Every run measures the cost per getppid. The eBPF modes and native are
# compared on the loop's own CPU time per call, measured inside the loop:
# it holds what eBPF programs add (they run in the process's syscalls) and
# not the waits for a CPU that a busy machine adds, nor start-up and attach.
# The modes that stop the process at each syscall (ptrace, strace, perf
# trace) are compared on the CPU time of the tracer and the loop together
# (what the whole run used, divided by the calls), since a tracer's work is
# spent in the tracer. Wall-clock time per call (inside the loop) is shown
# too. Modes alternate run by run; the median of RUNS runs is reported, with
# the ratio to native and to the floor.
#
#   O=build RUNS=7 N=2000000 NP=20000 scripts/bench-stat.sh
#
# N: calls per run in the cheap modes; NP: in the modes that stop the process
# at every syscall (ptrace, strace, perf trace). MODES limits the modes.
set -u
O=${O:-build}
RUNS=${RUNS:-7}
N=${N:-2000000}
NP=${NP:-20000}
SW=$O/syswatch
LOOP=$O/tests/fixtures/st_getppid
BENCH=$O/tests/fixtures/bpf_bench
TMP=$(mktemp -d /tmp/syswatch-bench-stat.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

for f in "$SW" "$LOOP" "$BENCH"; do
	[ -x "$f" ] || { echo "bench-stat: $f is missing (make O=$O bench-stat builds it)" >&2; exit 1; }
done

all="native floor floor-enter stat-ebpf stat-ebpf-nolat stat-ptrace strace-c bpftrace perf-trace-s"
modes=()
for m in ${MODES:-$all}; do
	case $m in
	strace-c) command -v strace >/dev/null || { echo "bench-stat: strace is not installed: $m left out"; continue; } ;;
	bpftrace) command -v bpftrace >/dev/null || { echo "bench-stat: bpftrace is not installed: $m left out"; continue; } ;;
	perf-trace-s) command -v perf >/dev/null || { echo "bench-stat: perf is not installed: $m left out"; continue; } ;;
	esac
	modes+=("$m")
done

# Runs one mode once; prints "WALL CPU" nanoseconds per call (nothing on
# failure). For the tracers that stop the process, CPU is that of the whole
# run: bash's time reports the tracer and, reaped by it, the loop.
run_mode() {
	local m=$1 out=$TMP/$1.out err=$TMP/$1.err v t TIMEFORMAT='%3U %3S'
	case $m in
	stat-ptrace | strace-c | perf-trace-s)
		{ time run_tracer "$m" >"$TMP/loop"; } 2>"$TMP/time"
		v=$(cat "$TMP/loop")
		t=$(tail -n 1 "$TMP/time")
		[[ "$v" =~ ^[0-9.]+\ [0-9.]+$ && "$t" =~ ^[0-9.]+\ [0-9.]+$ ]] || return 0
		echo "${v% *} $(awk -v t="$t" -v n="$NP" 'BEGIN { split(t, a, " "); printf "%.1f", (a[1] + a[2]) * 1e9 / n }')"
		;;
	*) run_cheap "$m" ;;
	esac
}

run_tracer() {
	local m=$1 out=$TMP/$1.out err=$TMP/$1.err
	case $m in
	stat-ptrace) "$SW" stat --engine ptrace -o "$out" -- "$LOOP" "$NP" 2>"$err" ;;
	strace-c) strace -c -o "$out" "$LOOP" "$NP" 2>"$err" ;;
	perf-trace-s) perf trace -s -o "$out" -- "$LOOP" "$NP" 2>"$err" ;;
	esac
}

run_cheap() {
	local m=$1 out=$TMP/$1.out err=$TMP/$1.err
	case $m in
	native) "$LOOP" "$N" ;;
	floor | floor-enter) "$BENCH" "$m" -- "$LOOP" "$N" 2>"$err" ;;
	stat-ebpf) "$SW" stat --engine ebpf -o "$out" -- "$LOOP" "$N" 2>"$err" ;;
	stat-ebpf-nolat) "$SW" stat --engine ebpf --no-latency -o "$out" -- "$LOOP" "$N" 2>"$err" ;;
	bpftrace) bpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }' \
		-c "$LOOP $N" 2>"$err" | grep -E '^[0-9.]+ [0-9.]+$' ;;
	esac
}

# The counters must have counted the loop exactly: N (or NP) getppid calls.
check_counts() {
	local m=$1 want=$N got
	case $m in
	stat-ebpf | stat-ebpf-nolat | stat-ptrace | strace-c) ;;
	*) return 0 ;;
	esac
	[ "$m" = stat-ptrace ] || [ "$m" = strace-c ] && want=$NP
	# "% time seconds usecs/call calls [errors] name" or "% calls calls [errors] name"
	got=$(awk '$NF == "getppid" { print (NF <= 4 ? $2 : $4) }' "$TMP/$m.out" | head -n 1)
	[ "$got" = "$want" ] || echo "bench-stat: warning: $m counted ${got:-no} getppid calls, not $want" >&2
}

echo "bench-stat: getppid loop, $RUNS runs per mode (modes alternate), N=$N (NP=$NP under ptrace)"
for ((r = 1; r <= RUNS; r++)); do
	for m in "${modes[@]}"; do
		v=$(run_mode "$m")
		if [[ "$v" =~ ^[0-9.]+\ [0-9.]+$ ]]; then
			echo "$m $v" >>"$TMP/results"
			check_counts "$m"
		else
			echo "bench-stat: $m failed: $(tail -n 1 "$TMP/$m.err" 2>/dev/null)" >&2
		fi
	done
done

python3 - "$TMP/results" <<'PY'
import statistics, sys
runs, order = {}, []
for line in open(sys.argv[1]):
    m, wall, cpu = line.split()
    if m not in runs:
        order.append(m)
        runs[m] = ([], [])
    runs[m][0].append(float(wall))
    runs[m][1].append(float(cpu))
wall = {m: statistics.median(v[0]) for m, v in runs.items()}
cpu = {m: statistics.median(v[1]) for m, v in runs.items()}
cost = cpu
native_of = lambda m: cpu.get('native')
floor_of = {'stat-ebpf': 'floor', 'stat-ebpf-nolat': 'floor-enter', 'floor': 'floor', 'floor-enter': 'floor-enter'}

def x(a, b):
    return '%.2fx' % (a / b) if a is not None and b else '-'

print()
print('ns per getppid, median of %d runs; cost = CPU time (of the loop, or of tracer + loop for the tracers that stop it)' %
      max(len(v[0]) for v in runs.values()))
print()
print('| mode | wall ns | cpu ns | cost ns (min-max) | x native | x floor | added ns |')
print('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for m in order:
    vals = runs[m][1]
    nat = native_of(m)
    f = floor_of.get(m)
    print('| %s | %.0f | %.0f | %.0f (%.0f-%.0f) | %s | %s | %s |' % (
        m, wall[m], cpu[m], cost[m], min(vals), max(vals), x(cost[m], nat),
        x(cost[m], cost.get(f)) if f else '-', '%.0f' % (cost[m] - nat) if nat is not None else '-'))
print()

def verdict(name, a, b, limit):
    if a not in cost or b not in cost:
        return
    r = cost[a] / cost[b]
    extra = ''
    nat = native_of(a)
    if nat is not None and cost[b] > nat:
        extra = '; added time %.2fx the %s\'s' % ((cost[a] - nat) / (cost[b] - nat), b)
    print('%s: %.2fx %s (%s%s): %s' % (name, r, b, 'target at most %.2fx' % limit, extra,
                                       'ok' if r <= limit else 'over the target'))

verdict('stat --engine ebpf', 'stat-ebpf', 'floor', 1.5)
verdict('stat --engine ebpf --no-latency', 'stat-ebpf-nolat', 'floor-enter', 1.3)
verdict('stat --engine ptrace', 'stat-ptrace', 'strace-c', 1.0)
PY
