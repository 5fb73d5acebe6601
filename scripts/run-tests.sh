#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs unit test programs and integration test scripts, and prints one summary
# line: "tests: N passed, N failed, N skipped".
#   scripts/run-tests.sh UNIT_BIN... -- INTEGRATION_SCRIPT...
# Unit programs are cmocka programs: every test case counts. Integration
# scripts count as one test each: exit 0 passed, 77 skipped, anything else failed.
# Environment for the scripts: SYSWATCH (the binary), FIXTURES (fixture dir), O.
# SANITIZER_LOGS=DIR (set by `make asan`, with ASAN_OPTIONS=log_path=DIR/...):
# a sanitizer report written there during a test fails that test, even when
# the test itself passed (an error path that leaks still exits non-zero).
set -u
O=${O:-build}
case $O in /*) obase=$O ;; *) obase=$PWD/$O ;; esac
export O
export SYSWATCH=${SYSWATCH:-$obase/syswatch}
export FIXTURES=${FIXTURES:-$obase/tests/fixtures}
export SRCDIR=$PWD
pass=0 fail=0 skip=0
failed_names=()

# Prints and sets aside the sanitizer reports written since the last call;
# false if there were any.
sanitizer_clean() {
	local dir=${SANITIZER_LOGS:-} f found=0
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	for f in "$dir"/*.[0-9]*; do
		[ -f "$f" ] || continue
		found=1
		printf '    sanitizer report %s:\n' "$(basename "$f")"
		sed 's/^/    | /' "$f" | head -n 60
		mkdir -p "$dir/reported" && mv "$f" "$dir/reported/$1.$(basename "$f")"
	done
	[ $found -eq 0 ]
}

units=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do units+=("$1"); shift; done
[ $# -gt 0 ] && shift
scripts=("$@")

for u in "${units[@]}"; do
	out=$(CMOCKA_MESSAGE_OUTPUT=stdout "$u" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	s=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -1)
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0})); skip=$((skip + ${s:-0}))
	if ! sanitizer_clean "$(basename "$u")"; then
		fail=$((fail + 1)); failed_names+=("$u (sanitizer report)")
	elif [ $rc -ne 0 ] && [ -z "$f" ]; then
		fail=$((fail + 1)); failed_names+=("$u (exit $rc)")
	elif [ -n "$f" ] && [ "$f" != 0 ]; then
		failed_names+=("$u")
	fi
done

# Tests see the descriptors a clean CI job has (0, 1, 2) and no others: a
# descriptor inherited from an interactive shell or an editor would shift the
# numbers the traced programs get.
for fd in $(ls /proc/$$/fd); do
	case $fd in 0|1|2|255) ;; *) eval "exec $fd>&-" 2>/dev/null ;; esac
done

for t in "${scripts[@]}"; do
	name=$(basename "$t" .sh)
	log=$(mktemp)
	start=$(date +%s)
	timeout --kill-after=10 300 bash "$t" >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	if ! sanitizer_clean "$name" >>"$log"; then
		rc=99
		echo "sanitizer report(s) during this test (above)" >>"$log"
	fi
	case $rc in
	0) pass=$((pass + 1)); printf 'PASS  %s (%ss)\n' "$name" "$secs" ;;
	77) skip=$((skip + 1)); printf 'SKIP  %s: %s\n' "$name" "$(tail -n 1 "$log")" ;;
	*) fail=$((fail + 1)); failed_names+=("$name")
	   printf 'FAIL  %s (exit %s, %ss)\n' "$name" "$rc" "$secs"
	   sed 's/^/    | /' "$log" | tail -n 40 ;;
	esac
	rm -f "$log"
done

if [ ${#failed_names[@]} -gt 0 ]; then
	printf 'failed: %s\n' "${failed_names[*]}"
fi
printf 'tests: %d passed, %d failed, %d skipped\n' "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
