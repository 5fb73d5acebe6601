#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# When syswatch run's supervisor dies (SIGKILL), the kernel fails the calls
# it was to answer with ENOSYS: a call waiting for an answer at that moment,
# and every later supervised call. The program goes on; other calls run.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp

cat >"$T/prog.py" <<'PY'
import os, sys, time
d = sys.argv[1]
def wait_for(name):
    end = time.monotonic() + 50
    while not os.path.exists(os.path.join(d, name)):
        if time.monotonic() > end:
            sys.exit("timed out waiting for " + name)
        time.sleep(0.01)
def attempt():
    try:
        os.close(os.open(os.path.join(d, "file"), os.O_RDONLY)); return "ok"
    except OSError as e:
        return "errno=%d" % e.errno
first = attempt()
open(os.path.join(d, "ready"), "w").write(str(os.getpid()))
wait_for("go")
pending = attempt()          # made while the supervisor is stopped, answered by its death
later = attempt()
print(first, pending, later, os.getppid() > 0, flush=True)
PY
touch "$T/file"
timeout -k 5 60 "$SW" run --supervise "path=$T/none* deny" -o /dev/null -- "$PY" "$T/prog.py" "$T" >"$T/out" 2>&1 &
sw=$!
for _ in $(seq 500); do [ -s "$T/ready" ] && break; sleep 0.1; done
[ -s "$T/ready" ] || fail "the program never got going: $(cat "$T/out")"
pid=$(cat "$T/ready")
# the supervisor is the timeout's child
svc=$(pgrep -P "$sw" -x syswatch || pgrep -P "$sw" | head -1)
[ -n "$svc" ] || fail "no supervisor process under $sw"
kill -STOP "$svc"
touch "$T/go"
# wait until the program waits in the kernel for the stopped supervisor
for _ in $(seq 500); do
	grep -q seccomp "/proc/$pid/wchan" 2>/dev/null && break
	sleep 0.1
done
grep -q seccomp "/proc/$pid/wchan" 2>/dev/null || { kill -CONT "$svc"; fail "the program is not waiting for the supervisor ($(cat "/proc/$pid/wchan" 2>&1))"; }
kill -KILL "$svc"
for _ in $(seq 500); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
wait "$sw" 2>/dev/null
out=$(cat "$T/out")
[ "$out" = "ok errno=38 errno=38 True" ] || fail "after the supervisor died, the program saw: $out"
echo ok
