#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The cost of the eBPF engine on a getppid loop (make bench-ebpf):
#
#   native       the loop alone
#   floor        empty programs on sys_enter and sys_exit: what any eBPF
#                syscall tracer costs at least
#   floor-enter  an empty program on sys_enter alone
#   untraced     the engine tracing another process (-p): the loop is not traced
#   filtered     the loop traced, but getppid filtered out in the kernel (-e trace=openat)
#   stream       every event streamed and written to a file (trace -o FILE)
#   aggregate    counted in the kernel (stat), with latency
#   agg-nolat    counted in the kernel at sys_enter only (stat --no-latency)
#
# Modes alternate run by run; the table gives, in nanoseconds per call, the
# best run of each mode (the least disturbed by whatever else the machine
# runs), the median run and the median CPU time of the loop, the ratios of
# the best runs to native and to the floor, and the events lost (stream).
# Goals: filtered <= 1.10x floor, stream <= 2.0x floor with nothing lost;
# the exit status is 1 when one is missed.
#
#   scripts/bench-ebpf.sh [-n CALLS] [-r ROUNDS] [-m MODE,...] [--csv FILE]
#
# Needs root (eBPF). O=DIR selects the build (default build).
set -u
O=${O:-build}
SW=${SYSWATCH:-$O/syswatch}
FX=${FIXTURES:-$O/tests/fixtures}
calls=1000000
rounds=5
modes="native floor floor-enter untraced filtered stream aggregate agg-nolat"
csv=""

while [ $# -gt 0 ]; do
	case $1 in
	-n) calls=$2; shift 2 ;;
	-r) rounds=$2; shift 2 ;;
	-m) modes=$(tr ',' ' ' <<<"$2"); shift 2 ;;
	--csv) csv=$2; shift 2 ;;
	-h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench-ebpf: unknown option $1" >&2; exit 2 ;;
	esac
done
for f in "$SW" "$FX/bpf_getppid" "$FX/bpf_bench"; do
	[ -x "$f" ] || { echo "bench-ebpf: $f is missing (make O=$O bench-ebpf builds it)" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "bench-ebpf: must run as root (eBPF)" >&2; exit 2; }

T=$(mktemp -d /tmp/syswatch-bench-ebpf.XXXXXX)
sleeper=""
cleanup() {
	if [ -n "$sleeper" ]; then
		kill -9 "$sleeper" 2>/dev/null
		wait "$sleeper" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT

loop=("$FX/bpf_getppid" "$calls" -t)

# One run of a mode: prints "CPU WALL LOST" (ns per call, events lost).
run_mode() {
	local out lost=0
	case $1 in
	native) out=$("${loop[@]}") ;;
	floor) out=$("$FX/bpf_bench" floor -- "${loop[@]}") ;;
	floor-enter) out=$("$FX/bpf_bench" floor-enter -- "${loop[@]}") ;;
	untraced)
		"$SW" trace --engine ebpf -o /dev/null -p "$sleeper" 2>"$T/u.err" &
		local tracer=$!
		for _ in $(seq 200); do grep -q attached "$T/u.err" && break; sleep 0.05; done
		out=$("${loop[@]}")
		kill -INT $tracer
		wait $tracer 2>/dev/null ;;
	filtered) out=$("$SW" trace --engine ebpf -e trace=openat -o /dev/null -- "${loop[@]}") ;;
	stream)
		out=$("$SW" trace --engine ebpf -o "$T/stream.txt" -- "${loop[@]}" 2>"$T/stream.err")
		lost=$(sed -n 's/^syswatch: \([0-9]*\) events lost$/\1/p' "$T/stream.txt" "$T/stream.err" | head -n 1)
		local seen
		seen=$(grep -c '^getppid()' "$T/stream.txt")
		[ -n "$lost" ] || lost=$((calls - seen))
		rm -f "$T/stream.txt" ;;
	aggregate) out=$("$SW" stat --engine ebpf -o /dev/null -- "${loop[@]}") ;;
	agg-nolat) out=$("$SW" stat --engine ebpf --no-latency -o /dev/null -- "${loop[@]}") ;;
	*) echo "bench-ebpf: unknown mode $1" >&2; exit 2 ;;
	esac
	set -- $out
	[ $# -ge 2 ] || { echo "bench-ebpf: mode failed: no timing" >&2; echo "nan nan $lost"; return; }
	echo "$1 $2 $lost"
}

if grep -qw untraced <<<"$modes"; then
	"$FX/pt_sleeper" >"$T/sleeper.pid" &
	sleeper=$!
fi

echo "bench-ebpf: $calls getppid calls, $rounds rounds, modes: $modes" >&2
echo "bench-ebpf: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)" >&2
for r in $(seq "$rounds"); do
	for m in $modes; do
		echo "$m $(run_mode "$m")" >>"$T/runs"
	done
	echo "bench-ebpf: round $r done" >&2
done

python3 - "$T/runs" "$modes" "$csv" <<'PY'
import math, statistics, sys
runs, modes, csv = sys.argv[1], sys.argv[2].split(), sys.argv[3]
data = {m: [] for m in modes}
for line in open(runs):
    m, cpu, wall, lost = line.split()
    data[m].append((float(cpu), float(wall), int(lost) if lost.isdigit() else 0))
# per mode: the best run (least disturbed by the rest of the machine), the
# median run, the median CPU time, the most events lost in a run
res = {}
for m in modes:
    ok = [r for r in data[m] if not math.isnan(r[1])]
    if ok:
        res[m] = dict(best=min(r[1] for r in ok), median=statistics.median(r[1] for r in ok),
                      cpu=statistics.median(r[0] for r in ok), lost=max(r[2] for r in ok))
def x(m, base, key='best'):
    return res[m][key] / res[base][key] if m in res and base in res else float('nan')
print('%-12s %9s %9s %9s %9s %8s %8s %7s' % ('mode', 'best ns', 'median', 'cpu ns', '+ns/call',
                                            'x native', 'x floor', 'lost'))
rows = []
for m in modes:
    if m not in res:
        print('%-12s failed' % m)
        continue
    r = res[m]
    added = r['best'] - res['native']['best'] if 'native' in res else float('nan')
    rows.append((m, r['best'], r['median'], r['cpu'], x(m, 'native'), x(m, 'floor'), r['lost']))
    print('%-12s %9.1f %9.1f %9.1f %9.1f %8.2f %8.2f %7d' % (m, r['best'], r['median'], r['cpu'], added,
          x(m, 'native'), x(m, 'floor'), r['lost']))
print('(ns per getppid call: best and median wall-clock of the runs, median CPU time of the loop;'
      ' ratios of the best runs)')
if csv:
    with open(csv, 'w') as f:
        f.write('mode,best_ns,median_ns,cpu_ns,x_native,x_floor,lost\n')
        for r in rows:
            f.write('%s,%.1f,%.1f,%.1f,%.3f,%.3f,%d\n' % r)
status = 0
for m, limit in (('filtered', 1.10), ('stream', 2.0)):
    if m in res and 'floor' in res:
        ratio = x(m, 'floor')
        good = ratio <= limit and (m != 'stream' or res[m]['lost'] == 0)
        print('goal: %-9s %.2fx floor (at most %.2fx%s): %s' % (m, ratio, limit,
              ', nothing lost' if m == 'stream' else '', 'met' if good else 'MISSED'))
        status |= not good
sys.exit(status)
PY
