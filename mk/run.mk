# SPDX-License-Identifier: GPL-2.0-only
# syswatch run (included by the Makefile): profiles are read with jansson.
LDLIBS += -ljansson
