# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tests/integration/trace_*.sh scripts (sourced, not run).
# Gives: $SW (syswatch), $FX (fixtures), $T (a temporary dir removed on exit),
# fail MESSAGE, skip REASON, need_ptrace, json_check FILE, refused WANT ARGS...
. "$(dirname "${BASH_SOURCE[0]}")/../lib/prelude.bash" trace
FX=${FIXTURES:?FIXTURES not set}

# Skips when this machine does not let us ptrace our own children.
need_ptrace() {
	local out
	[ -x "$SW" ] || fail "no syswatch binary at $SW"
	out=$("$SW" trace --engine ptrace -o /dev/null -- /bin/true 2>&1) ||
		skip "ptrace is not usable here: $out"
}

# Every line of FILE must be one valid JSON object.
json_check() {
	$PY - "$1" <<'PY' || fail "invalid JSON Lines in $1"
import json, sys
with open(sys.argv[1], 'rb') as f:
    for n, raw in enumerate(f, 1):
        line = raw.decode('utf-8')  # must be valid UTF-8 too
        obj = json.loads(line)
        assert isinstance(obj, dict), "line %d is not an object" % n
PY
}

# Prints one field of the JSON objects of FILE matching a python condition on o.
json_select() {
	$PY - "$1" "$2" "$3" <<'PY'
import json, sys
path, cond, field = sys.argv[1:4]
try:
    for line in open(path, encoding='utf-8'):
        o = json.loads(line)
        if eval(cond, {}, {'o': o}):
            print(o.get(field), flush=True)
except BrokenPipeError:
    sys.stderr.close()
PY
}

# `syswatch trace ARGS...` must be refused: exit 2, one line that says WANT.
#   refused WANT ARGS...
refused() {
	local want=$1 out
	shift
	out=$("$SW" trace "$@" 2>&1)
	[ $? -eq 2 ] || fail "$* did not exit 2: $out"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "$*: more than one line: $out"
	printf '%s\n' "$out" | grep -qF -- "$want" || fail "$*: '$out' does not say '$want'"
}
