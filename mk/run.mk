# syswatch run (included by the Makefile): profiles are read with jansson.
LDLIBS += -ljansson
