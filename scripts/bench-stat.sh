#!/usr/bin/env bash
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
# Every run measures the nanoseconds per getppid inside the loop (so start-up
# and attach times do not count); modes alternate run by run, and the median
# of RUNS runs is reported, with the ratio to native and to the floor.
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
LOOP=$O/tests/fixtures/bpf_getppid
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

# Runs one mode once; prints the loop's nanoseconds per call (nothing on failure).
run_mode() {
	local m=$1 out=$TMP/$1.out err=$TMP/$1.err
	case $m in
	native) "$LOOP" "$N" -t ;;
	floor | floor-enter) "$BENCH" "$m" -- "$LOOP" "$N" -t 2>"$err" ;;
	stat-ebpf) "$SW" stat --engine ebpf -o "$out" -- "$LOOP" "$N" -t 2>"$err" ;;
	stat-ebpf-nolat) "$SW" stat --engine ebpf --no-latency -o "$out" -- "$LOOP" "$N" -t 2>"$err" ;;
	stat-ptrace) "$SW" stat --engine ptrace -o "$out" -- "$LOOP" "$NP" -t 2>"$err" ;;
	strace-c) strace -c -o "$out" "$LOOP" "$NP" -t 2>"$err" ;;
	bpftrace) bpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }' \
		-c "$LOOP $N -t" 2>"$err" | grep -E '^[0-9]+(\.[0-9]+)?$' ;;
	perf-trace-s) perf trace -s -o "$out" -- "$LOOP" "$NP" -t 2>"$err" ;;
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
		if [[ "$v" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
			echo "$m $v" >>"$TMP/results"
			check_counts "$m"
		else
			echo "bench-stat: $m failed: $(tail -n 1 "$TMP/$m.err" 2>/dev/null)" >&2
		fi
	done
done

python3 - "$TMP/results" <<'PY'
import statistics, sys
runs = {}
order = []
for line in open(sys.argv[1]):
    m, v = line.split()
    if m not in runs:
        order.append(m)
    runs.setdefault(m, []).append(float(v))
med = {m: statistics.median(v) for m, v in runs.items()}
nat = med.get('native')
floor = med.get('floor')
enter = med.get('floor-enter')

def ratio(a, b):
    return '%.2fx' % (a / b) if a is not None and b else '-'

print()
print('| mode | ns/call (median) | min | max | x native | x floor | added ns/call |')
print('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for m in order:
    v = runs[m]
    base = enter if m == 'stat-ebpf-nolat' else floor
    added = '%.0f' % (med[m] - nat) if nat is not None else '-'
    print('| %s | %.1f | %.1f | %.1f | %s | %s | %s |' % (m, med[m], min(v), max(v), ratio(med[m], nat),
          ratio(med[m], base) if m.startswith('stat-ebpf') or m.startswith('floor') else '-', added))
print()

def verdict(name, a, b, limit, what):
    if a not in med or b not in med:
        return
    r = med[a] / med[b]
    extra = ''
    if nat is not None and med[b] > nat:
        extra = ' (added time %.2fx the %s\'s)' % ((med[a] - nat) / (med[b] - nat), b)
    print('%s: %.2fx %s%s: %s (at most %.2fx)' % (name, r, what, extra, 'ok' if r <= limit else 'OVER', limit))

verdict('stat --engine ebpf', 'stat-ebpf', 'floor', 1.5, 'the floor')
verdict('stat --engine ebpf --no-latency', 'stat-ebpf-nolat', 'floor-enter', 1.3, 'the enter-only floor')
verdict('stat --engine ptrace', 'stat-ptrace', 'strace-c', 1.0, 'strace -c')
PY
