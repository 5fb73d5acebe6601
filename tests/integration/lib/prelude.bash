# SPDX-License-Identifier: GPL-2.0-only
# The start every test family shares, sourced by tests/integration/*_lib/
# common.bash as `. prelude.bash NAME` (not run). Gives: $SW (syswatch), $T (a
# temporary dir, /tmp/syswatch-NAME-test.*, removed on exit), $PY (the
# distribution's python, which starts faster than wrappers found first in
# PATH), fail MESSAGE, skip REASON (exit 77: skipped), wait_for SECONDS CMD...
set -u
SW=${SYSWATCH:?SYSWATCH not set}
T=$(mktemp -d "/tmp/syswatch-${1:?prelude.bash: give the family name}-test.XXXXXX")
trap 'rm -rf "$T"' EXIT

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "$*"; exit 77; }

# wait_for SECONDS CMD...: waits up to SECONDS for CMD to succeed (checked
# every 0.1 s); 1 if it never did.
wait_for() {
	local limit=$1 i=0
	shift
	while ! "$@" 2>/dev/null; do
		i=$((i + 1))
		[ $i -ge $((limit * 10)) ] && return 1
		sleep 0.1
	done
}
