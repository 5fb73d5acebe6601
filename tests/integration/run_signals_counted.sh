#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run: kill and trap act in the kernel, and are counted there exactly (an
# eBPF program on signal_generate and sched_process_exit): every trapped
# call, also when the program's SIGSYS handler carries on; one kill per
# process, in children and grandchildren, and a thread killed alone; two
# runs at once each count their own processes only. Without eBPF the summary says these are not counted.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp

cat >"$T/trap.py" <<'PY'
import os, signal, sys
n = 0
def handler(sig, frame):
    global n
    n += 1
signal.signal(signal.SIGSYS, handler)
for i in range(int(sys.argv[1])):
    try:
        os.getsid(0)
    except OSError:
        pass
print(n)
PY

out=$(sw_run --deny getsid:trap -o "$T/probe.txt" -- "$PY" "$T/trap.py" 3) || fail "trap run exited $?"
if grep -q 'kill and trap actions not counted' "$T/probe.txt"; then
	jout=$(sw_run --deny getsid:trap --json -o "$T/probe.json" -- "$PY" "$T/trap.py" 3) || fail "json run exited $?"
	[ "$(jget "$T/probe.json" 'o["uncounted_actions"]')" = "['kill', 'trap']" ] ||
		fail "the JSON does not say kill and trap were not counted: $(cat "$T/probe.json")"
	skip "kill and trap are not counted here: $(cat "$T/probe.txt")"
fi
[ "$out" = 3 ] || fail "the handler saw $out SIGSYS, not 3"

# two runs at once, each its own count: every SIGSYS the handler saw
sw_run --deny getsid:trap --json -o "$T/a.json" -- "$PY" "$T/trap.py" 3000 >"$T/a.out" &
a=$!
sw_run --deny getsid:trap --json -o "$T/b.json" -- "$PY" "$T/trap.py" 1234 >"$T/b.out" || fail "run b exited $?"
wait $a || fail "run a exited $?"
[ "$(cat "$T/a.out") $(cat "$T/b.out")" = "3000 1234" ] || fail "the handlers saw $(cat "$T/a.out") and $(cat "$T/b.out")"
[ "$(jget "$T/a.json" 'o["rules"][1]["calls"]')" = "{'getsid': 3000}" ] || fail "run a counted: $(cat "$T/a.json")"
[ "$(jget "$T/b.json" 'o["rules"][1]["calls"]')" = "{'getsid': 1234}" ] || fail "run b counted: $(cat "$T/b.json")"
[ "$(jget "$T/a.json" 'o["counted_by"]')" = "seccomp_user_notif+ebpf" ] || fail "counted_by: $(cat "$T/a.json")"

# kill: one per process, the command's children and grandchildren too
sw_run --deny getsid:kill --json -o "$T/k.json" -- sh -c \
	"$PY $T/trap.py 5; $PY $T/trap.py 5; sh -c '$PY $T/trap.py 5 & wait'; exit 7" >/dev/null 2>&1
rc=$?
[ $rc = 7 ] || fail "the shell exited $rc"
[ "$(jget "$T/k.json" 'o["rules"][1]["calls"]')" = "{'getsid': 3}" ] || fail "kills counted: $(cat "$T/k.json")"
sw_run --deny getsid:kill --json -o "$T/k1.json" -- "$PY" "$T/trap.py" 5 >/dev/null 2>&1
rc=$?
[ $rc = 159 ] || fail "the killed command exited $rc, not 159"
[ "$(jget "$T/k1.json" 'o["rules"][1]["total"]')" = 1 ] || fail "one kill counted as: $(cat "$T/k1.json")"

# kill-thread (a profile's SCMP_ACT_KILL_THREAD): the thread ends without a
# signal while the process goes on, and is counted at its end
echo '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["getsid"], "action": "SCMP_ACT_KILL_THREAD"}]}' \
	>"$T/kt.json"
out=$(sw_run --profile "$T/kt.json" --json -o "$T/kt.out" -- "${FIXTURES:?FIXTURES not set}/run_kill_thread") ||
	fail "kill-thread run exited $?: $out"
[ "$out" = alone ] || fail "the killed thread: $out"
[ "$(jget "$T/kt.out" 'o["rules"][1]["calls"]')" = "{'getsid': 1}" ] || fail "kill-thread counted: $(cat "$T/kt.out")"

# the default action counts too (allow-list mode, --default-action trap)
out=$(sw_run --allow '!getsid' --default-action trap --json -o "$T/d.json" -- "$PY" "$T/trap.py" 7) ||
	fail "default trap run exited $?"
[ "$out" = 7 ] || fail "default trap: the handler saw $out"
[ "$(jget "$T/d.json" 'o["rules"][0]["calls"]')" = "{'getsid': 7}" ] || fail "default trap counted: $(cat "$T/d.json")"
echo ok
