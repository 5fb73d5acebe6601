#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch bench with peers missing or failing: a missing peer is skipped with
# a one-line reason, a failing one is reported, and the other modes complete.
set -eu
command -v strace >/dev/null || { echo "strace is not installed"; exit 77; }
real_strace=$(command -v strace)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/none" "$d/broken" "$d/flaky"

bench() { "$SYSWATCH" bench -q --workload getppid --size 200 --runs 1 "$@"; }

# no peer installed
PATH="$d/none" bench --modes native,strace,strace-c,perf-trace,bpftrace-count >"$d/out" 2>&1
cat "$d/out"
for m in strace strace-c perf-trace bpftrace-count; do
	tool=${m%%-*}
	grep -Eq "^getppid +$m +skipped: $tool is not installed$" "$d/out" || { echo "no skip line for $m"; exit 1; }
done
grep -Eq "^getppid +native +200 " "$d/out"

# a peer that cannot even start: skipped with what it said
printf '#!/bin/sh\necho "strace: cannot start: simulated" >&2\nexit 1\n' >"$d/broken/strace"
chmod +x "$d/broken/strace"
PATH="$d/broken:$PATH" bench --modes native,strace >"$d/out" 2>&1
cat "$d/out"
grep -Eq "^getppid +strace +skipped: strace: cannot start: simulated$" "$d/out"

# a peer that starts (the probe runs size 1) but fails on the real runs:
# reported as failed, native still measured, bench still exits 0
cat >"$d/flaky/strace" <<SH
#!/bin/sh
case " \$* " in *" --size 1 "*) exec "$real_strace" "\$@" ;; esac
echo "strace: simulated failure mid-run" >&2
exit 3
SH
chmod +x "$d/flaky/strace"
PATH="$d/flaky:$PATH" bench --modes native,strace,ptrace-filtered --csv "$d/r.csv" >"$d/out" 2>"$d/err"
cat "$d/out" "$d/err"
grep -Eq "^getppid +strace +failed: strace: simulated failure mid-run$" "$d/out"
grep -Eq "^getppid +ptrace-filtered +200 " "$d/out"
grep -q "1 of 3 results failed" "$d/err"
grep -q '^getppid,strace,failed,,' "$d/r.csv"
