#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run --supervise decides a relative name on the file it leads to from the
# caller's working directory, as it is at that call: the one the command
# started in, then after chdir, after fchdir, after another thread's chdir
# (threads share it), in a child that moved and in a program started
# elsewhere. Every file holds its own path, so an open of the wrong one
# shows. Every run has a timeout.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp

for d in a b; do
	mkdir "$T/$d"
	for f in secret ok; do echo "$d/$f" >"$T/$d/$f"; done
done
rule=(--supervise "path=$T/a/secret deny:EACCES")
cat >"$T/cwd.py" <<'PY'
import os, subprocess, sys, threading
T = sys.argv[1]
out = []
def attempt(p, dirfd=None):
    try:
        fd = os.open(p, os.O_RDONLY, dir_fd=dirfd)
        data = os.read(fd, 100).decode().strip()
        os.close(fd)
        return data
    except OSError as e:
        return "errno=%d" % e.errno
def say(tag, *names):
    out.append(tag + ":" + ",".join(attempt(n) for n in names))
say("start", "secret", "ok", "../b/secret", "./../a/secret")
os.chdir("../b")
say("chdir", "secret", "ok", "../a/secret")
fd = os.open(T + "/a", os.O_RDONLY | os.O_DIRECTORY)
os.fchdir(fd)
say("fchdir", "secret", "ok")
t = threading.Thread(target=os.chdir, args=(T + "/b",))
t.start(); t.join()
say("thread", "secret", "ok")
os.chdir(T + "/a")
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    res = [attempt("secret")]
    os.chdir(T + "/b")
    res.append(attempt("secret"))
    os.write(w, ",".join(res).encode())
    os._exit(0)
os.close(w)
child = os.read(r, 200).decode()
os.waitpid(pid, 0)
out.append("child:" + child)
say("parent", "secret")
out.append("spawned:" + subprocess.run(["cat", "secret"], cwd=T + "/b", capture_output=True, text=True).stdout.strip())
out.append("dirfd:" + attempt("secret", fd) + "," + attempt("ok", fd))
print(" ".join(out))
PY
want="start:errno=13,a/ok,b/secret,errno=13 chdir:b/secret,b/ok,errno=13 fchdir:errno=13,a/ok"
want+=" thread:b/secret,b/ok child:errno=13,b/secret parent:errno=13 spawned:b/secret dirfd:errno=13,a/ok"
out=$(cd "$T/a" && sw_run "${rule[@]}" --json -o "$T/s.json" -- "$PY" "$T/cwd.py" "$T") || fail "run exited $?: $out"
[ "$out" = "$want" ] || fail "relative names: got '$out', want '$want'"
n=$(jget "$T/s.json" '[r for r in o["rules"] if r["rule"].startswith("--supervise")][0]["total"]')
[ "$n" = 7 ] || fail "the rule acted $n times, 7 denied opens were made: $(cat "$T/s.json")"

# a program that never moves: its relative names are decided from where it started
out=$(cd "$T/b" && sw_run "${rule[@]}" -o /dev/null -- cat secret ../a/ok ../a/secret 2>&1)
[ $? = 1 ] || fail "cat from $T/b: exit status: $out"
[ "$out" = "b/secret
a/ok
cat: ../a/secret: Permission denied" ] || fail "cat from $T/b: $out"

# a mount namespace of its own (unshare -m) with a file system mounted in
# it: names are resolved in the caller's view of the mounts, relative or
# absolute, never in syswatch's (where the file would land under the mount)
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
	mkdir "$T/m"
	out=$(cd "$T" && sw_run "${rule[@]}" -o /dev/null -- unshare -m --propagation private sh -c \
		'mount -t tmpfs none m && echo rel >m/r && echo abs >"$1/m/a" && cat m/r "$1/m/a"' sh "$T" 2>&1 | tr '\n' ' ')
	case $out in
	*"Operation not permitted"* | *"Permission denied"*) echo "note: unshare -m and mount are refused here: $out" ;;
	*)
		[ "$out" = "rel abs " ] || fail "in a mount namespace of its own: $out"
		[ -e "$T/m/r" ] || [ -e "$T/m/a" ] && fail "files were created under the mount point in syswatch's namespace"
		;;
	esac
else
	echo "note: the mount namespace case needs root and unshare(1): not run"
fi
echo ok
