#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# trace --record-profile FILE writes the profile run --record-profile
# writes, from the trace's own events, with either engine: it validates
# against docs/seccomp-profile.schema.json, runs the program again under
# run --profile with nothing denied, and refuses the one syscall more a
# second path makes. A trace that does not see every syscall (-e trace=SET)
# is refused before anything runs.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp

cp "$(dirname "$0")/run_lib/rec.py" "$T/rec.py"

engines=(ptrace)
"$SW" trace --engine ebpf -o /dev/null -- /bin/true >/dev/null 2>&1 && engines+=(ebpf)
[ ${#engines[@]} = 1 ] && echo "note: the ebpf engine is not usable here: ptrace only"
for e in "${engines[@]}"; do
	out=$(timeout -k 5 120 "$SW" trace --engine "$e" -f -o "$T/$e.trace" --record-profile "$T/$e.json" -- \
		"$PY" "$T/rec.py" same) || fail "$e: trace exited $?: $out"
	[ "$out" = "pid True" ] || fail "$e: the program said: $out"
	grep -q 'getpid()' "$T/$e.trace" || fail "$e: the trace itself is missing: $(head -3 "$T/$e.trace")"
	"$PY" "$(dirname "$0")/run_lib/valid_profile.py" "$SRCDIR/docs/seccomp-profile.schema.json" "$T/$e.json" ||
		fail "$e: the recorded profile does not validate: $(cat "$T/$e.json")"
	grep -q '"getsid"' "$T/$e.json" && fail "$e: the profile allows getsid, which the run never made"
	out=$(sw_run --profile "$T/$e.json" -o "$T/$e.r1" -- "$PY" "$T/rec.py" same) ||
		fail "$e: replay exited $?: $(cat "$T/$e.r1")"
	grep -q 'no rule acted' "$T/$e.r1" || fail "$e: replay denied something: $(cat "$T/$e.r1")"
	out=$(sw_run --profile "$T/$e.json" -o /dev/null -- "$PY" "$T/rec.py" more | tr '\n' ' ') ||
		fail "$e: replay with one more syscall exited $?"
	[ "$out" = "pid True getsid errno=1 " ] || fail "$e: one more syscall: the program said: $out"
done
# both engines saw the same calls
if [ ${#engines[@]} = 2 ]; then
	names() { "$PY" -c 'import json,sys; print(sorted(n for s in json.load(open(sys.argv[1]))["syscalls"] for n in s["names"]))' "$1"; }
	[ "$(names "$T/ptrace.json")" = "$(names "$T/ebpf.json")" ] ||
		fail "the engines recorded different calls: $(names "$T/ptrace.json") vs $(names "$T/ebpf.json")"
fi

# refused before anything runs
"$SW" trace -e trace=openat --record-profile "$T/bad.json" -o /dev/null -- touch "$T/ran" 2>"$T/bad.err"
rc=$?
[ $rc = 2 ] || fail "--record-profile with -e trace=SET exited $rc"
grep -q 'record-profile' "$T/bad.err" || fail "--record-profile with -e trace=SET said: $(cat "$T/bad.err")"
"$SW" trace --record-profile "$T/no/such/dir/p.json" -o /dev/null -- touch "$T/ran" 2>"$T/bad2.err" &&
	fail "an unwritable profile path was accepted"
grep -q "cannot write '$T/no/such/dir/p.json'" "$T/bad2.err" || fail "unwritable profile: $(cat "$T/bad2.err")"
[ -e "$T/ran" ] && fail "the command ran although its options were refused"
echo ok
