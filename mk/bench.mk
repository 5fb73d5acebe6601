# SPDX-License-Identifier: GPL-2.0-only
# syswatch bench (included by the Makefile).
#
#   make bench     runs the default comparison (every built-in workload under
#                  every mode available here) and writes bench/results.md,
#                  bench/results.json, bench/results.csv, the charts
#                  bench/results.png and bench/results.svg, and the
#                  "Benchmarks" section of README.md.
#
# BENCH_ARGS adds options (e.g. BENCH_ARGS="--runs 9 --cpu 1").

LDLIBS += -lcairo -lfontconfig

BENCH_DIR  ?= bench
BENCH_ARGS ?=

bench: $(O)/syswatch
	$(Q)mkdir -p $(BENCH_DIR)
	$(Q)$(O)/syswatch bench $(BENCH_ARGS) --markdown $(BENCH_DIR)/results.md \
		--json $(BENCH_DIR)/results.json --csv $(BENCH_DIR)/results.csv \
		--plot $(BENCH_DIR)/results.png --plot $(BENCH_DIR)/results.svg
	$(Q)awk -v md=$(BENCH_DIR)/results.md -v dir=$(BENCH_DIR) ' \
		/<!-- bench:begin -->/ { print; while ((getline l < md) > 0) { gsub(/\]\(results\./, "](" dir "/results.", l); print l }; skip = 1; next } \
		/<!-- bench:end -->/ { skip = 0 } !skip' README.md > README.md.tmp && mv README.md.tmp README.md
	@echo "bench: wrote $(BENCH_DIR)/results.{md,json,csv,png,svg} and README.md's Benchmarks section"
