# SPDX-License-Identifier: GPL-2.0-only
# The ptrace engine's benchmark: make bench-ptrace [BENCH_CALLS=N] [BENCH_RUNS=N]
.PHONY: bench-ptrace
BENCH_CALLS ?= 200000
BENCH_RUNS ?= 5

bench-ptrace: $(O)/syswatch $(O)/tests/fixtures/pt_getppid_loop
	$(Q)SYSWATCH=$(abspath $(O))/syswatch FIXTURES=$(abspath $(O))/tests/fixtures \
		scripts/bench-ptrace.sh -n $(BENCH_CALLS) -r $(BENCH_RUNS)
