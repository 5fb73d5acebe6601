#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch run --supervise: decisions on decoded arguments. An open is
# decided on the file the name leads to (symbolic links and .. resolved, a
# hard link known by its identity) and made by syswatch, which hands the
# descriptor over: /etc/shadow is refused by every name, other files open;
# a thread flipping the path string 10^5 times never gets the denied file.
# Open flags, socket families, connection destinations and exec'd programs
# are decided too. Every run has a timeout.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp
FX=${FIXTURES:?FIXTURES not set}
[ "$(id -u)" = 0 ] || skip "the /etc/shadow cases need root (who may read it)"
[ -r /etc/shadow ] && [ -r /etc/passwd ] || skip "no /etc/shadow here"

deny_shadow=(--supervise 'path=/etc/shadow deny:EACCES')
cat >"$T/open.py" <<'PY'
import os, sys
for p in sys.argv[1:]:
    try:
        fd = os.open(p, os.O_RDONLY | os.O_CLOEXEC)
        st = os.fstat(fd)
        data = os.read(fd, 1)
        os.close(fd)
        print("ok", end=" ")
    except OSError as e:
        print("errno=%d" % e.errno, end=" ")
print()
PY
ln -s /etc/shadow "$T/sym"
ln -s "$T/sym" "$T/sym2"
hard=""
ln /etc/shadow "$T/hard" 2>/dev/null && hard="$T/hard"
mkdir "$T/sub"
out=$(cd "$T/sub" && sw_run "${deny_shadow[@]}" --json -o "$T/s.json" -- "$PY" "$T/open.py" /etc/shadow "$T/sym" "$T/sym2" \
	/etc/../etc/shadow /etc//shadow ../sub/../../../../etc/shadow /etc/passwd /etc/hostname ${hard:+"$hard"}) ||
	fail "run exited $?"
want="errno=13 errno=13 errno=13 errno=13 errno=13 errno=13 ok ok ${hard:+errno=13 }"
[ "$out" = "$want" ] || fail "opens: got '$out', want '$want'"
n=$(jget "$T/s.json" '[r for r in o["rules"] if r["rule"].startswith("--supervise")][0]["total"]')
want_n=6; [ -n "$hard" ] && want_n=7
[ "$n" = $want_n ] || fail "the rule acted $n times: $(cat "$T/s.json")"
jget "$T/s.json" 'o["denied"][0]["text"]' | grep -q '"/etc/shadow", O_RDONLY|O_CLOEXEC) = -1 EACCES' ||
	fail "the first denied open: $(jget "$T/s.json" 'o["denied"]')"
[ -z "$hard" ] && echo "note: /etc and $T are on different file systems: the hard link case was not run"
# cat and the shell's redirection are refused the same way
sw_run "${deny_shadow[@]}" -o /dev/null -- cat "$T/sym" >/dev/null 2>"$T/cat.err" && fail "cat through a symlink read /etc/shadow"
grep -q 'Permission denied' "$T/cat.err" || fail "cat: $(cat "$T/cat.err")"
sw_run "${deny_shadow[@]}" -o /dev/null -- cat /etc/passwd >/dev/null || fail "cat /etc/passwd was refused"

# names that mean the caller are the caller's, not the supervisor's
out=$(echo piped | sw_run "${deny_shadow[@]}" -o /dev/null -- "$PY" -c '
import os
pid = [l for l in open("/proc/self/status") if l.startswith("Pid:")][0].split()[1]
print(pid == str(os.getpid()), open("/dev/stdin").read().strip(), open("/proc/thread-self/comm").read().strip(),
      os.path.basename(os.readlink("/proc/self/exe")).startswith("python"), open("/dev/fd/0").read() == "")') ||
	fail "/proc/self run exited $?"
[ "$out" = "True piped python3 True True" ] || fail "/proc/self, /dev/stdin under supervision: $out"

# the path-swap race: never the denied file
out=$(sw_run "${deny_shadow[@]}" -o "$T/race.txt" -- "$FX/run_swap" /etc/shadow /etc/passwd 100000 2000) ||
	fail "race run exited $?: $(cat "$T/race.txt")"
set -- $(tr ' =' '\n\n' <<<"$out" | sed -n '2~2p')
[ $# = 4 ] || fail "the path-swap race printed: $out"
[ "$1" = 0 ] || fail "the path-swap race opened the denied file $1 times: $out"
[ $(($2 + $3)) -ge 2000 ] && [ "$4" -ge 100000 ] || fail "the path-swap race did not run its course: $out"

# the quick open (an absolute name, read-only) keeps the caller's flags
# and CPU mask: no O_NONBLOCK left on, none taken off; directories open;
# the mask, all CPUs or the one the program chose, is the one it reads
# right after every open (the hand-over holds it on one CPU for a moment)
cat >"$T/quick.py" <<'PY'
import fcntl, os
def nb(flags):
    fd = os.open("/etc/hostname", flags)
    try:
        return bool(fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_NONBLOCK)
    finally:
        os.close(fd)
res = [nb(os.O_RDONLY), nb(os.O_RDONLY | os.O_NONBLOCK)]
fd = os.open("/etc", os.O_RDONLY | os.O_DIRECTORY)
res.append(len(os.listdir(fd)) > 0)
os.close(fd)
masks = []
for want in (None, {max(os.sched_getaffinity(0))}):
    if want:
        os.sched_setaffinity(0, want)
    before, same = os.sched_getaffinity(0), 0
    for _ in range(200):
        os.close(os.open("/etc/hostname", os.O_RDONLY))
        same += os.sched_getaffinity(0) == before
    masks.append(same == 200)
print(*res, *masks)
PY
out=$(sw_run "${deny_shadow[@]}" -o /dev/null -- "$PY" "$T/quick.py") || fail "quick-open run exited $?"
[ "$out" = "False True True True True" ] || fail "quick opens (O_NONBLOCK off, on; a directory; masks kept): $out"

# flags: reading allowed, writing refused; creation decided on the path it would have
mkdir "$T/ro" && echo data >"$T/ro/f"
cat >"$T/flags.py" <<'PY'
import os, sys
d = sys.argv[1]
def attempt(p, flags):
    try:
        os.close(os.open(p, flags, 0o644)); return "ok"
    except OSError as e:
        return "errno=%d" % e.errno
print(attempt(d + "/ro/f", os.O_RDONLY), attempt(d + "/ro/f", os.O_WRONLY), attempt(d + "/ro/new", os.O_CREAT | os.O_WRONLY),
      attempt(d + "/rw-new", os.O_CREAT | os.O_WRONLY), os.path.exists(d + "/ro/new"), open(d + "/ro/f").read().strip())
PY
out=$(sw_run --supervise "path=$T/ro/* flags=O_WRONLY|O_RDWR|O_CREAT|O_TRUNC deny:EROFS" -o /dev/null -- "$PY" "$T/flags.py" "$T") ||
	fail "flags run exited $?"
[ "$out" = "ok errno=30 errno=30 ok False data" ] || fail "flags: $out"
[ -f "$T/rw-new" ] || fail "an allowed O_CREAT did not create the file"

# socket families and destinations
cat >"$T/net.py" <<'PY'
import socket, sys
def attempt(f):
    try:
        return f() or "ok"
    except OSError as e:
        return "errno=%d" % e.errno
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1); port = srv.getsockname()[1]
def conn(p):
    s = socket.socket(); s.settimeout(10)
    try:
        s.connect(("127.0.0.1", p))
    finally:
        s.close()
print(attempt(lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM).close()), attempt(lambda: conn(port)),
      attempt(lambda: conn(int(sys.argv[1]))))
PY
out=$(sw_run --supervise 'family=AF_INET6 deny:EAFNOSUPPORT' --supervise 'dest=127.0.0.0/8 port=9 deny:ENETUNREACH' \
	-o /dev/null -- "$PY" "$T/net.py" 9) || fail "net run exited $?"
[ "$out" = "errno=97 ok errno=101" ] || fail "socket/connect decisions: $out"
# an IPv6 socket reaching the same IPv4 peer by its mapped address meets the same rule
cat >"$T/net6.py" <<'PY'
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM); s.settimeout(10)
try:
    s.connect(("::ffff:127.0.0.1", 9))
    print("ok")
except OSError as e:
    print("errno=%d" % e.errno)
PY
out=$(sw_run --supervise 'dest=127.0.0.0/8 port=9 deny:ENETUNREACH' -o /dev/null -- "$PY" "$T/net6.py") ||
	fail "mapped-address run exited $?"
[ "$out" = "errno=101" ] || fail "connect to ::ffff:127.0.0.1 port 9 passed an IPv4 deny rule: $out"

# exec: the program file, whatever name leads to it
ln -s "$(command -v id)" "$T/myid"
out=$(sw_run --supervise "exec=$(readlink -f "$(command -v id)") deny:EACCES" -o /dev/null -- sh -c \
	"id >/dev/null 2>&1; echo \$?; $T/myid >/dev/null 2>&1; echo \$?; true; echo \$?" | tr '\n' ' ') ||
	fail "exec run exited $?"
[ "$out" = "126 126 0 " ] || fail "exec decisions: $out"
echo ok
