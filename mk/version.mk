# SPDX-License-Identifier: GPL-2.0-only
# The version syswatch --version prints (included by the Makefile).
#
#   VERSION     the upstream part of debian/changelog's first entry, else
#               `git describe`, else 0.0.0
#   GIT_COMMIT  the commit built, "-dirty" when the tree has changes; empty
#               outside git (make deb passes it into the package build)
#
# $(O)/gen/version.h is rewritten only when one of them changes, so only
# src/cmd/version.c is recompiled after a commit.

VERSION    := $(or $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog 2>/dev/null | sed 's/-[^-]*$$//'),$(shell git describe --tags --always 2>/dev/null),0.0.0)
GIT_COMMIT := $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD -- 2>/dev/null && echo $$c || echo $$c-dirty; })

.PHONY: FORCE
FORCE:

$(GEN_DIR)/version.h: FORCE | $(GEN_DIR)
	$(Q)printf '#define SW_VERSION "%s"\n#define SW_GIT_COMMIT "%s"\n' '$(VERSION)' '$(GIT_COMMIT)' > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; echo "  GEN      $@ ($(VERSION) $(GIT_COMMIT))"; fi

$(O)/obj/cmd/version.o: $(GEN_DIR)/version.h
