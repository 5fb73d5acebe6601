# SPDX-License-Identifier: GPL-2.0-only
# -k stack traces (src/stack/): elfutils' libdw when it is installed
# (libdw-dev); without it syswatch builds and -k is refused.
LIBDW_CFLAGS := $(shell pkg-config --cflags libdw 2>/dev/null)
LIBDW_LIBS   := $(shell pkg-config --libs libdw 2>/dev/null)
ifneq ($(LIBDW_LIBS),)
CPPFLAGS += -DSW_HAVE_LIBDW $(LIBDW_CFLAGS)
LDLIBS   += $(LIBDW_LIBS)
endif

# -k's fixture has frame pointers (the eBPF engine's walk follows them), and
# a copy without symbols (-k then shows FILE() [0xOFFSET]).
$(O)/tests/fixtures/fl_stack: tests/fixtures/fl_stack.c
	$(call msg,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -std=gnu11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -o $@ $<

$(O)/tests/fixtures/fl_stack_stripped: $(O)/tests/fixtures/fl_stack
	$(call msg,STRIP,$@)
	$(Q)strip -o $@ $<

TEST_DEPS += $(O)/tests/fixtures/fl_stack_stripped
