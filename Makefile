# SPDX-License-Identifier: GPL-2.0-only
# syswatch — top-level build.
#
#   make                 build $(O)/syswatch
#   make test            unit + integration tests (prints "N passed, N failed, N skipped")
#   make asan            the same tests with AddressSanitizer + UBSan, in build-asan/
#   make fuzz            libFuzzer harnesses, FUZZ_SECONDS each (mk/fuzz.mk); fuzz-smoke: briefly
#   make demo            trace the built-in demo program
#   make install PREFIX=/usr/local
#
# O=DIR puts every build product in DIR (default: build), so several builds can
# live side by side (build/, build-asan/). V=1 shows the commands.

O        ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
ARCH     := $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')

CC       ?= gcc
CLANG    ?= clang
BPFTOOL  ?= $(firstword $(wildcard /usr/sbin/bpftool /usr/bin/bpftool /sbin/bpftool) bpftool)
OPT      ?= -O2 -g
SANITIZE ?=
WARN     := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS   += -std=gnu11 $(OPT) $(WARN) $(SANITIZE) -fno-strict-aliasing
CPPFLAGS += -D_GNU_SOURCE -Isrc -I$(O)/gen
LDFLAGS  += $(SANITIZE)
LDLIBS   += -lseccomp -lm

ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)"
endif

.DELETE_ON_ERROR:
.SUFFIXES:
.PHONY: all test unit-test integration-test asan demo install clean bench

all: $(O)/syswatch

# ---------------------------------------------------------------------------
# Generated sources: syscall table and flag tables (see docs/ARCHITECTURE.md).
GEN_DIR      := $(O)/gen
UNISTD_64    ?= $(firstword $(wildcard /usr/include/x86_64-linux-gnu/asm/unistd_64.h /usr/include/asm/unistd_64.h))
XLAT_INS     := $(sort $(wildcard src/decode/xlat/*.in))
GEN_SRCS     := $(GEN_DIR)/syscall_table.c $(GEN_DIR)/xlat_tables.c
GEN_HDRS     := $(GEN_DIR)/xlat_tables.h $(GEN_DIR)/sysnr_aarch64.h

$(GEN_DIR)/sysnr_aarch64.h: scripts/gen-sysnr-aarch64.c $(UNISTD_64) | $(GEN_DIR)
	$(call msg,GEN,$@)
	$(Q)$(CC) -std=gnu11 -O0 -o $(GEN_DIR)/gen-sysnr-aarch64 $< -lseccomp
	$(Q)awk '$$1 == "#define" && $$2 ~ /^__NR_/ { print substr($$2, 6) }' $(UNISTD_64) | $(GEN_DIR)/gen-sysnr-aarch64 > $@

$(GEN_DIR)/syscall_table.c: scripts/gen-syscalls.awk src/core/syscalls.tbl $(UNISTD_64) $(GEN_DIR)/sysnr_aarch64.h | $(GEN_DIR)
	$(call msg,GEN,$@)
	$(Q)awk -f scripts/gen-syscalls.awk $(UNISTD_64) src/core/syscalls.tbl > $@

$(GEN_DIR)/xlat_tables.c $(GEN_DIR)/xlat_tables.h &: scripts/gen-xlat.awk $(XLAT_INS) | $(GEN_DIR)
	$(call msg,GEN,$@)
	$(Q)awk -v mode=c -f scripts/gen-xlat.awk $(XLAT_INS) > $(GEN_DIR)/xlat_tables.c
	$(Q)awk -v mode=h -f scripts/gen-xlat.awk $(XLAT_INS) > $(GEN_DIR)/xlat_tables.h

$(GEN_DIR):
	$(Q)mkdir -p $@

# ---------------------------------------------------------------------------
# The program. Every .c under src/ is part of it (BPF programs excluded);
# main.c is kept out of the library so tests can link against the rest.
SRCS      := $(shell find src -name '*.c' ! -name '*.bpf.c' | sort)
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
LIB_OBJS  := $(patsubst src/%.c,$(O)/obj/%.o,$(LIB_SRCS)) \
             $(patsubst $(GEN_DIR)/%.c,$(O)/obj/gen/%.o,$(GEN_SRCS))
EXTRA_GEN :=

# Area fragments (mk/*.mk) may add to LDLIBS, EXTRA_GEN and TEST_DEPS.
include $(sort $(wildcard mk/*.mk))

$(O)/obj/%.o: src/%.c $(GEN_HDRS) $(EXTRA_GEN)
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/obj/gen/%.o: $(GEN_DIR)/%.c $(GEN_HDRS)
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc/decode -MMD -MP -c -o $@ $<

$(O)/libsyswatch.a: $(LIB_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(O)/syswatch: $(O)/obj/main.o $(O)/libsyswatch.a
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

-include $(shell find $(O)/obj -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------------------
# Tests. Unit tests: tests/unit/test_*.c, one cmocka program each.
# Fixtures: tests/fixtures/*.c, small programs the integration tests trace.
# Integration tests: tests/integration/*.sh (exit 0 pass, 77 skip, else fail).
UNIT_SRCS    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS    := $(patsubst tests/unit/%.c,$(O)/tests/unit/%,$(UNIT_SRCS))
FIXTURE_SRCS := $(sort $(wildcard tests/fixtures/*.c))
FIXTURE_BINS := $(patsubst tests/fixtures/%.c,$(O)/tests/fixtures/%,$(FIXTURE_SRCS))

$(O)/tests/unit/%: tests/unit/%.c $(O)/libsyswatch.a
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(O)/libsyswatch.a $(LDFLAGS) $(LDLIBS) -lcmocka

# Fixtures are built without sanitizers: they are the traced programs.
$(O)/tests/fixtures/%: tests/fixtures/%.c tests/fixtures/fixture.h
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -o $@ $< -lpthread

test: $(O)/syswatch $(UNIT_BINS) $(FIXTURE_BINS) $(TEST_DEPS)
	$(Q)O=$(O) scripts/run-tests.sh $(UNIT_BINS) -- $(sort $(wildcard tests/integration/*.sh))

unit-test: $(UNIT_BINS)
	$(Q)O=$(O) scripts/run-tests.sh $(UNIT_BINS) --

integration-test: $(O)/syswatch $(FIXTURE_BINS) $(TEST_DEPS)
	$(Q)O=$(O) scripts/run-tests.sh -- $(sort $(wildcard tests/integration/*.sh))

# Sanitizer reports go to build-asan/sanitizer/; a test during which one is
# written fails (scripts/run-tests.sh), whatever its own verdict.
ASAN_LOGS := $(CURDIR)/build-asan/sanitizer
asan:
	$(Q)rm -rf $(ASAN_LOGS) && mkdir -p $(ASAN_LOGS)
	$(Q)SANITIZER_LOGS=$(ASAN_LOGS) \
	ASAN_OPTIONS="$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}log_path=$(ASAN_LOGS)/asan" \
	UBSAN_OPTIONS="$${UBSAN_OPTIONS:+$$UBSAN_OPTIONS:}print_stacktrace=1:log_path=$(ASAN_LOGS)/ubsan" \
	$(MAKE) O=build-asan SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" OPT="-O1 -g" test

demo: $(O)/syswatch $(O)/tests/fixtures/demo
	$(O)/syswatch trace -- $(O)/tests/fixtures/demo

install: $(O)/syswatch
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(O)/syswatch $(DESTDIR)$(PREFIX)/bin/syswatch

clean:
	rm -rf build build-asan build-fuzz
