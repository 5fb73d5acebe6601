#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench measures the monitor's kernel path: the ebpf-monitor and
# ebpf-monitor-nores modes run (the workload under the engine with the
# monitor's options, with and without path resolution), count the workload's
# syscalls and are compared with the floor; the hidden runner they use keeps
# the command's exit status.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf

"$SW" bench --monitor-path -- sh -c 'exit 3'
rc=$?
[ $rc = 3 ] || fail "--monitor-path: exit status $rc, want the command's 3"
"$SW" bench --monitor-path-nores -- /bin/true || fail "--monitor-path-nores: /bin/true failed"
"$SW" bench --monitor-path 2>"$T/err" && fail "--monitor-path without a command succeeded"
grep -q 'needs a command' "$T/err" || fail "unclear error: $(cat "$T/err")"

"$SW" bench -q --workload openclose --size 2000 --runs 1 --modes ebpf-floor,ebpf-monitor,ebpf-monitor-nores \
	--json "$T/b.json" >"$T/out" 2>"$T/err" || fail "bench failed: $(tail -n 5 "$T/err")"
"$PY" - "$T/b.json" <<'PY' || fail "bench results: $(cat "$T/out")"
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc["results"] if isinstance(doc, dict) else doc
seen = {r["mode"]: r for r in rows}
for m in ("ebpf-monitor", "ebpf-monitor-nores"):
    r = seen[m]
    assert r["state"] == "ok", r
    assert r["summary"]["work_ns_median"] > 0, r
PY
echo ok
