#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Every built-in workload runs at --size small under native and ptrace, and
# makes exactly the syscalls it should (counted in the kernel, when it can).
set -eu
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

"$SYSWATCH" bench -q --size small --runs 1 --modes native,ptrace --json "$d/r.json" --plot "$d/r.png" \
	>"$d/out" 2>"$d/err" || { cat "$d/out" "$d/err"; exit 1; }
cat "$d/out"
python3 - "$d/r.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
res = j["results"]
# syscalls per operation in the measured section
per_op = {"getppid": 1, "dd": 2, "openclose": 2, "mixed": 6}
seen = set()
bad = []
for r in res:
    key = (r["workload"], r["mode"])
    seen.add(r["workload"])
    if r["state"] != "ok":
        bad.append(f"{key}: {r['state']}: {r['reason']}")
        continue
    ops = r["runs"][0]["ops"]
    if r["mode"] == "native":
        want_ops = {"getppid": 1000, "dd": 500, "openclose": 500, "forkexec": 1, "mixed": 100}[r["workload"]]
    else:
        want_ops = {"getppid": 100, "dd": 50, "openclose": 50, "forkexec": 1, "mixed": 10}[r["workload"]]
    if ops != want_ops:
        bad.append(f"{key}: {ops} operations, wanted {want_ops}")
    if not r["syscalls"]["counted"]:
        continue
    calls = r["syscalls"]["measured"]
    if r["workload"] in per_op:
        if calls != per_op[r["workload"]] * ops:
            bad.append(f"{key}: {calls} syscalls for {ops} operations")
    elif not 10 <= calls <= 200:   # fork, exec of /bin/true and its start-up, wait
        bad.append(f"{key}: {calls} syscalls for one fork+exec")
if seen != {"getppid", "dd", "openclose", "forkexec", "mixed"}:
    bad.append(f"workloads: {sorted(seen)}")
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
