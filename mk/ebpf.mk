# SPDX-License-Identifier: GPL-2.0-only
# The eBPF build pipeline (included by the Makefile).
#
#   src/**/NAME.bpf.c --clang -target bpf--> $(O)/gen/NAME.bpf.o
#                     --bpftool gen skeleton--> $(O)/gen/NAME.skel.h (struct NAME)
#
# Any NAME.bpf.c anywhere under src/ gets a skeleton; the skeletons are added to
# EXTRA_GEN, so every object is compiled after them. BPF programs include
# "vmlinux.h", generated from the running kernel's BTF (CO-RE: the object does
# not depend on kernel headers; libbpf relocates field offsets at load time).
#
#   make bench-ebpf      getppid loop: native, empty programs, filtered, stream,
#                        aggregate (scripts/bench-ebpf.sh)

VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
BPF_CFLAGS  ?= -O2 -g -Wall -Werror -Wno-unused-function
BPF_ARCH    := $(ARCH)
BPF_SRCS    := $(shell find src -name '*.bpf.c' | sort)
BPF_NAMES   := $(patsubst %.bpf.c,%,$(notdir $(BPF_SRCS)))
BPF_SKELS   := $(patsubst %,$(GEN_DIR)/%.skel.h,$(BPF_NAMES))

ifneq ($(words $(BPF_NAMES)),$(words $(sort $(BPF_NAMES))))
$(error two BPF programs share a name: $(BPF_SRCS))
endif

EXTRA_GEN += $(BPF_SKELS)
.SECONDARY: $(patsubst %,$(GEN_DIR)/%.bpf.o,$(BPF_NAMES)) $(BPF_SKELS)
LDLIBS    += -lbpf -lelf -lz

vpath %.bpf.c $(sort $(dir $(BPF_SRCS)))

# vmlinux.h: every kernel type, from the BTF of the kernel we build on. A
# missing BTF file stops the build with one line (no prerequisite on it then,
# so make reaches the check instead of "no rule to make target").
$(GEN_DIR)/vmlinux.h: $(wildcard $(VMLINUX_BTF)) | $(GEN_DIR)
	@test -r $(VMLINUX_BTF) || { echo "ebpf: $(VMLINUX_BTF) is missing: the eBPF engine needs a kernel with BTF (CONFIG_DEBUG_INFO_BTF=y)" >&2; exit 1; }
	$(call msg,GEN,$@)
	$(Q)$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@.tmp && mv $@.tmp $@

$(GEN_DIR)/%.bpf.o: %.bpf.c $(GEN_DIR)/vmlinux.h | $(GEN_DIR)
	$(call msg,BPF,$<)
	$(Q)$(CLANG) $(BPF_CFLAGS) -target bpf -mcpu=v3 -D__TARGET_ARCH_$(BPF_ARCH) \
		-I$(GEN_DIR) -Isrc -MMD -MP -MF $@.d -c $< -o $@

$(GEN_DIR)/%.skel.h: $(GEN_DIR)/%.bpf.o
	$(call msg,SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name $* > $@.tmp && mv $@.tmp $@

# only the current programs' dependencies: one that was renamed or removed leaves
# a stale file naming a source that is gone
-include $(wildcard $(patsubst %,$(GEN_DIR)/%.bpf.o.d,$(BPF_NAMES)))

# The benchmark driver: runs the getppid loop natively and under the engine's
# modes, in one process so the modes alternate (see scripts/bench-ebpf.sh).
# It links the library, so it gets its own rule (fixtures link nothing).
$(O)/tests/fixtures/bpf_bench: tests/fixtures/bpf_bench.c $(O)/libsyswatch.a
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(O)/libsyswatch.a $(LDFLAGS) $(LDLIBS)

.PHONY: bench-ebpf
bench-ebpf: $(O)/syswatch $(O)/tests/fixtures/bpf_bench $(O)/tests/fixtures/bpf_getppid $(O)/tests/fixtures/pt_sleeper
	$(Q)O=$(O) scripts/bench-ebpf.sh
