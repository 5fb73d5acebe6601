# SPDX-License-Identifier: GPL-2.0-only
# Fuzzing (included by the Makefile): libFuzzer harnesses in tests/fuzz/,
# built with clang, ASan and UBSan (every finding is fatal) in build-fuzz/.
#
#   make fuzz          each harness for FUZZ_SECONDS (default 60)
#   make fuzz-smoke    each harness for FUZZ_SMOKE_SECONDS (default 15; CI runs it)
#   make fuzz-seeds    regenerates the binary seed corpora (tests/fuzz/corpus/)
#
# Before fuzzing, each harness replays its regression inputs
# (tests/fuzz/regress/NAME/) and its seeds (tests/fuzz/corpus/NAME/); see
# scripts/fuzz.sh and tests/fuzz/README.md. FUZZ=NAME,NAME runs only those.

FUZZ_O             := build-fuzz
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 15
FUZZ               ?=
FUZZ_CC            ?= clang
FUZZ_SANITIZE      := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_NAMES         := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS          := $(patsubst %,$(O)/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_ENV            = FUZZ="$(FUZZ)" SRCDIR=$(CURDIR)

.PHONY: fuzz fuzz-smoke fuzz-seeds fuzz-build

# The library is built again with clang and coverage instrumentation.
fuzz-build:
	$(Q)$(MAKE) --no-print-directory O=$(FUZZ_O) CC=$(FUZZ_CC) SANITIZE="$(FUZZ_SANITIZE)" OPT="-O1 -g" fuzz-bins

fuzz-bins: $(FUZZ_BINS) $(O)/fuzz/gen-seeds

fuzz: fuzz-build
	$(Q)$(FUZZ_ENV) scripts/fuzz.sh $(FUZZ_O) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	$(Q)$(FUZZ_ENV) scripts/fuzz.sh $(FUZZ_O) $(FUZZ_SMOKE_SECONDS)

fuzz-seeds: fuzz-build
	$(Q)$(FUZZ_O)/fuzz/gen-seeds tests/fuzz/corpus

$(O)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(O)/libsyswatch.a
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< $(O)/libsyswatch.a $(LDFLAGS) $(LDLIBS)

$(O)/fuzz/gen-seeds: tests/fuzz/gen-seeds.c tests/fuzz/fuzz.h $(O)/libsyswatch.a
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/fuzz -o $@ $< $(O)/libsyswatch.a $(LDFLAGS) $(LDLIBS)
