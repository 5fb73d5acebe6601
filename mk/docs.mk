# SPDX-License-Identifier: GPL-2.0-only
# Man pages and shell completion (included by the Makefile).
#
#   man/NAME.SECTION.scd --scdoc--> $(O)/man/NAME.SECTION
#
# Built by `make`, installed by `make install` under $(MANDIR), checked by
# tests/integration/docs_man.sh (man -l, lexgrog, and every option that a
# command's --help prints must have an entry in its page).

SCDOC     ?= scdoc
MANDIR    ?= $(PREFIX)/share/man
MAN_SRCS  := $(sort $(wildcard man/*.scd))
MAN_PAGES := $(patsubst man/%.scd,$(O)/man/%,$(MAN_SRCS))

all: $(MAN_PAGES)
TEST_DEPS += $(MAN_PAGES)

$(O)/man/%: man/%.scd
	$(call msg,SCDOC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)command -v $(SCDOC) >/dev/null || { echo "man: $(SCDOC) is missing (apt-get install scdoc, or scripts/install-deps.sh)" >&2; exit 1; }
	$(Q)$(SCDOC) < $< > $@

.PHONY: man install-man
man: $(MAN_PAGES)
install: install-man

install-man: $(MAN_PAGES)
	@for p in $(MAN_PAGES); do \
		s=$${p##*.}; \
		install -d $(DESTDIR)$(MANDIR)/man$$s || exit 1; \
		echo "install -m 0644 $$p $(DESTDIR)$(MANDIR)/man$$s/"; \
		install -m 0644 $$p $(DESTDIR)$(MANDIR)/man$$s/ || exit 1; \
	done

# Bash completion (and zsh's, which runs it through bashcompinit): a script that asks the binary for its words
# (`syswatch --complete WHAT`, each command's --help), so it needs no rebuild
# when commands gain options. Checked by tests/integration/docs_completion.sh.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions

.PHONY: install-completion
install: install-completion

install-completion:
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 0644 packaging/completion/syswatch.bash $(DESTDIR)$(BASHCOMPDIR)/syswatch
	install -d $(DESTDIR)$(ZSHCOMPDIR)
	sed 's|@BASHCOMPDIR@|$(BASHCOMPDIR)|' packaging/completion/_syswatch > $(O)/_syswatch
	install -m 0644 $(O)/_syswatch $(DESTDIR)$(ZSHCOMPDIR)/_syswatch
