#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs the libFuzzer harnesses built in DIR/fuzz/ (make fuzz, make fuzz-smoke):
#   scripts/fuzz.sh DIR SECONDS
# For each harness NAME (FUZZ=NAME,NAME picks some):
#   1. replays tests/fuzz/regress/NAME/* (inputs that once crashed) and the
#      seeds tests/fuzz/corpus/NAME/*: any crash fails at once;
#   2. fuzzes for SECONDS, from the seeds plus what earlier runs found
#      (DIR/fuzz/corpus/NAME, outside the tree). A crash, leak, UB report or
#      a hang (-timeout) leaves its input in DIR/fuzz/crashes/ and fails.
# Prints one line per harness with the runs and exec/s, and the total time.
set -u
dir=${1:?usage: scripts/fuzz.sh DIR SECONDS}
secs=${2:?usage: scripts/fuzz.sh DIR SECONDS}
src=${SRCDIR:-$PWD}
only=${FUZZ:-}
# a UBSan report is fatal (built with -fno-sanitize-recover=all), and shows where
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

names=()
for bin in "$dir"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	if [ -n "$only" ] && [[ ",$only," != *",$name,"* ]]; then
		continue
	fi
	names+=("$name")
done
if [ ${#names[@]} -eq 0 ]; then
	echo "fuzz: no harness built in $dir/fuzz${only:+ named $only}" >&2
	exit 1
fi

failed=()
summary=()
start_all=$SECONDS
mkdir -p "$dir/fuzz/crashes" "$dir/fuzz/logs"
for name in "${names[@]}"; do
	bin=$dir/fuzz/fuzz_$name
	seeds=$src/tests/fuzz/corpus/$name
	regress=$src/tests/fuzz/regress/$name
	work=$dir/fuzz/corpus/$name
	log=$dir/fuzz/logs/$name.log
	dict=() seedargs=()
	[ -d "$seeds" ] && seedargs=("$seeds")
	[ -f "$src/tests/fuzz/$name.dict" ] && dict=(-dict="$src/tests/fuzz/$name.dict")
	mkdir -p "$work"

	# 1. replay: every file once (libFuzzer runs file arguments and exits)
	inputs=()
	for f in "$regress"/* "$seeds"/*; do
		[ -f "$f" ] && inputs+=("$f")
	done
	if [ ${#inputs[@]} -gt 0 ]; then
		if ! printf '%s\0' "${inputs[@]}" | xargs -0 -n 200 "$bin" -timeout=5 "${dict[@]}" >"$log" 2>&1; then
			echo "fuzz: $name: a regression input or a seed fails:"
			grep -E 'Running:|ERROR|runtime error|SUMMARY|timeout' "$log" | tail -n 20 | sed 's/^/    /'
			failed+=("$name")
			summary+=("$(printf '%-8s replay FAILED (%d inputs)' "$name" ${#inputs[@]})")
			continue
		fi
	fi

	# 2. fuzz
	t0=$SECONDS
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
		-artifact_prefix="$dir/fuzz/crashes/$name-" "${dict[@]}" "$work" "${seedargs[@]}" \
		>>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	ncorp=$(find "$work" -type f | wc -l)
	line=$(printf '%-8s %4ss %9s runs %7s exec/s  %5s corpus  replayed %d' "$name" $((SECONDS - t0)) \
		"${runs:-?}" "${eps:-?}" "$ncorp" ${#inputs[@]})
	if [ $rc -ne 0 ]; then
		failed+=("$name")
		line="$line  FAILED"
		echo "fuzz: $name found a problem (exit $rc):"
		grep -E 'ERROR|runtime error|SUMMARY|Test unit written|timeout' "$log" | tail -n 20 | sed 's/^/    /'
		echo "    the input is in $dir/fuzz/crashes/; once fixed, add it to tests/fuzz/regress/$name/"
	fi
	summary+=("$line")
done

echo "fuzz: ${#names[@]} harnesses, ${SECONDS}s in all (logs in $dir/fuzz/logs/):"
printf '    %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: failed: ${failed[*]}"
	exit 1
fi
exit 0
