#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# bench modes of syswatch run: seccomp-deny (getppid denied in the kernel),
# seccomp-supervise (getppid answered by the supervisor, opens made by it),
# and ptrace (every call traced) and ptrace-inject (the same denial by
# ptrace), which they are compared with, run every workload to its end and
# report their results; timings are not asserted (they depend on
# the machine), only that each mode ran what it was given.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp
[ "$(id -u)" = 0 ] || skip "bench counts the workloads' syscalls with eBPF: needs root"

timeout -k 5 200 "$SW" bench -q --workload getppid,openclose --size small --runs 1 \
	--modes native,ptrace,ptrace-inject,seccomp-deny,seccomp-supervise --json "$T/b.json" >"$T/out" 2>&1 ||
	fail "bench exited $?: $(cat "$T/out")"
"$PY" - "$T/b.json" <<'PY' || fail "bench results: $(cat "$T/out")"
import json, sys
o = json.load(open(sys.argv[1]))
seen = {}
for r in o["results"]:
    seen[(r["workload"], r["mode"])] = r
    if r["state"] != "ok":
        sys.exit("%s/%s: %s %s" % (r["workload"], r["mode"], r["state"], r["reason"]))
    if r["runs"][0]["ops"] != r["size"]:
        sys.exit("%s/%s did not run its %d operations" % (r["workload"], r["mode"], r["size"]))
for w in ("getppid", "openclose"):
    for m in ("native", "ptrace", "ptrace-inject", "seccomp-deny", "seccomp-supervise"):
        if (w, m) not in seen:
            sys.exit("no result for %s/%s" % (w, m))
PY
# the denial is real: under seccomp-deny's policy getppid fails with EPERM
out=$(sw_run --no-count --deny getppid:errno=EPERM -o /dev/null -- "$PY" -c 'import ctypes; l = ctypes.CDLL(None, use_errno=True); print(l.syscall(110), ctypes.get_errno())')
[ "$out" = "-1 1" ] || fail "getppid under seccomp-deny's policy: $out"
echo ok
