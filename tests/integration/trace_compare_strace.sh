#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch trace -f against strace -f on ordinary programs: after normalising
# pids, addresses, random bytes and clocks, at least MIN percent of strace's
# lines must be printed identically by syswatch (per program).
set -u
MIN=${MIN:-95}
command -v strace >/dev/null || { echo "strace is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
[ "$(id -u)" -eq 0 ] || [ "$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo 0)" = 0 ] || { echo "ptrace is restricted (yama ptrace_scope) for non-root"; exit 77; }

tmp=$(mktemp -d)
trap 'kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
srv=
printf 'hello\nworld\n' > "$tmp/file.txt"
mkdir "$tmp/dir" && touch "$tmp/dir/a" "$tmp/dir/b"

# A loopback listener for the TCP client.
python3 - "$tmp/port" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(8)
open(sys.argv[1], 'w').write(str(s.getsockname()[1]))
while True:
    c, _ = s.accept(); c.recv(100); c.sendall(b'pong'); c.close()
PY
srv=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
PY3=$(python3 -c 'import sys; print(sys.executable)')

fail=0
run() {
	local name=$1; shift
	strace -f -o "$tmp/$name.strace" "$@" >/dev/null 2>&1 </dev/null
	"$SYSWATCH" trace -f -o "$tmp/$name.syswatch" -- "$@" >/dev/null 2>&1 </dev/null
	if ! python3 "$SRCDIR/scripts/strace-compare.py" --min "$MIN" --show 8 \
		"$tmp/$name.strace" "$tmp/$name.syswatch" > "$tmp/$name.cmp"; then
		echo "$name: below $MIN%"; fail=1
	fi
	echo "$name: $(tail -n 1 "$tmp/$name.cmp")"
	[ $fail -eq 0 ] || sed -n '1,16p' "$tmp/$name.cmp"
}

run cat /bin/cat "$tmp/file.txt"
run ls /bin/ls -la "$tmp/dir"
run sh /bin/sh -c "echo hi > $tmp/out.txt; cat $tmp/out.txt"
run python3 "$PY3" -c 'print(sum(range(10)))'
run tcp "$PY3" -c "import socket; s=socket.create_connection(('127.0.0.1', $port)); s.sendall(b'ping'); print(s.recv(10)); s.close()"
exit $fail
