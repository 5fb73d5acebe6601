#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench-flags: what -y and -k cost the eBPF engine, against plain
# streaming (ebpf-trace) and the floor (empty programs). Runs syswatch bench
# with the modes alternating run by run, writes the JSON, then prints per
# workload the median workload time of each mode, the ratio to streaming
# (targets: -y 1.3x, -k 2x) and the nanoseconds each adds per syscall over
# the floor; the tracee's CPU time too, which a busy machine disturbs less.
#   SYSWATCH=build/syswatch RUNS=5 WORKLOADS=getppid,dd,openclose OUT=FILE.json
set -eu
SW=${SYSWATCH:-build/syswatch}
RUNS=${RUNS:-5}
WORKLOADS=${WORKLOADS:-getppid,dd,openclose}
OUT=${OUT:-bench/flags.json}
mkdir -p "$(dirname "$OUT")"
"$SW" bench --modes ebpf-floor,ebpf-trace,ebpf-trace-y,ebpf-trace-k --workload "$WORKLOADS" \
	--runs "$RUNS" --json "$OUT" >/dev/null
python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows = {}
for r in d['results']:
    if r['state'] == 'ok':
        rows[(r['workload'], r['mode'])] = r['summary']
targets = {'ebpf-trace-y': 1.3, 'ebpf-trace-k': 2.0}
print('| workload | mode | time (median) | x streaming | target | +ns/call over floor | tracee CPU | CPU x streaming | lost |')
print('| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |')
for w in dict.fromkeys(k[0] for k in rows):
    base = rows.get((w, 'ebpf-trace'))
    floor = rows.get((w, 'ebpf-floor'))
    for m in ('ebpf-floor', 'ebpf-trace', 'ebpf-trace-y', 'ebpf-trace-k'):
        s = rows.get((w, m))
        if not s:
            continue
        x = s['work_ns_median'] / base['work_ns_median'] if base else None
        cx = s['tracee_cpu_us'] / base['tracee_cpu_us'] if base and base['tracee_cpu_us'] else None
        add = s['ns_per_syscall'] - floor['ns_per_syscall'] if floor and m != 'ebpf-floor' else None
        t = targets.get(m)
        verdict = '' if t is None or x is None else ('%.1fx: %s' % (t, 'met' if x <= t else 'missed'))
        print('| %s | %s | %.0f ms | %s | %s | %s | %.0f ms | %s | %s |' % (
            w, m, s['work_ns_median'] / 1e6, '%.2fx' % x if x else '-', verdict,
            '%+.0f' % add if add is not None else '-', s['tracee_cpu_us'] / 1e3,
            '%.2fx' % cx if cx else '-', s['lost'] if s['lost'] is not None else '-'))
PY
