# SPDX-License-Identifier: GPL-2.0-only
# syswatch stat (included by the Makefile).
#
#   make bench-stat   stat's cost on a getppid loop, side by side with the
#                     eBPF attach floor, strace -c and peers (scripts/bench-stat.sh;
#                     RUNS=, N=, NP=, MODES= tune it)

.PHONY: bench-stat
bench-stat: $(O)/syswatch $(O)/tests/fixtures/bpf_bench $(O)/tests/fixtures/st_getppid
	$(Q)O=$(O) scripts/bench-stat.sh
