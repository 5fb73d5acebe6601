#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run --supervise opens as the caller would, after the caller changed what
# syswatch assumes of it at the start: a process that gives up root (the
# set*id calls) is refused a root-only file and still reads a public one; a
# process that changes its root (chroot) has its absolute names resolved
# there. Every run has a timeout.
. "$(dirname "$0")/run_lib/common.bash"
need_seccomp
[ "$(id -u)" = 0 ] || skip "changing identity and root needs root"
command -v setpriv >/dev/null || skip "no setpriv (util-linux)"

unrelated=(--supervise 'path=/nonexistent-syswatch-test/* deny')
chmod 755 "$T"
mkdir "$T/pub"
echo secret >"$T/pub/secret" && chmod 600 "$T/pub/secret"
echo public >"$T/pub/public" && chmod 644 "$T/pub/public"

# as root: both files
out=$(sw_run "${unrelated[@]}" -o /dev/null -- cat "$T/pub/secret" "$T/pub/public" | tr '\n' ' ') ||
	fail "root run exited $?"
[ "$out" = "secret public " ] || fail "as root: $out"

# after setresuid/setresgid/setgroups (setpriv): the public file only
sw_run "${unrelated[@]}" -o /dev/null -- setpriv --reuid=65534 --regid=65534 --clear-groups \
	cat "$T/pub/public" "$T/pub/secret" >"$T/nobody.out" 2>"$T/nobody.err" && fail "nobody read the root-only file"
[ "$(cat "$T/nobody.out")" = public ] || fail "as nobody, the public file: $(cat "$T/nobody.out" "$T/nobody.err")"
grep -q 'Permission denied' "$T/nobody.err" || fail "as nobody: $(cat "$T/nobody.err")"

# after a thread's own setresuid in a running program, and back (the saved uid)
out=$(sw_run "${unrelated[@]}" -o /dev/null -- "$PY" -c '
import os, sys
def attempt(p):
    try:
        os.close(os.open(p, os.O_RDONLY)); return "ok"
    except OSError as e:
        return "errno=%d" % e.errno
a = attempt(sys.argv[1])
os.setresuid(65534, 65534, 0)
b, c = attempt(sys.argv[1]), attempt(sys.argv[2])
os.setresuid(0, 0, 0)
print(a, b, c, attempt(sys.argv[1]))' "$T/pub/secret" "$T/pub/public") || fail "python run exited $?"
[ "$out" = "ok errno=13 ok ok" ] || fail "setresuid and back: $out"

# chroot: absolute names are the new root's
BB=$(command -v busybox || true)
if [ -n "$BB" ] && ldd "$BB" 2>&1 | grep -q 'not a dynamic'; then
	mkdir -p "$T/jail/etc" "$T/jail/bin"
	cp "$BB" "$T/jail/bin/busybox"
	echo inside-the-jail >"$T/jail/etc/hostname"
	out=$(sw_run "${unrelated[@]}" -o /dev/null -- chroot "$T/jail" /bin/busybox cat /etc/hostname) ||
		fail "chroot run exited $?"
	[ "$out" = inside-the-jail ] || fail "after chroot, /etc/hostname was read outside it: $out"
else
	echo "note: no static busybox (busybox-static): the chroot case was not run"
fi
echo ok
