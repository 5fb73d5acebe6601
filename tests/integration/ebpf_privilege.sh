#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# What is missing is named in one line and the exit status is not zero; with
# --engine auto, syswatch says why and traces with ptrace instead. Missing
# privilege: run as nobody. Missing BTF: /sys/kernel/btf hidden by a tmpfs in
# a private mount namespace.
. "$(dirname "$0")/ebpf_lib/common.bash"
need_ebpf
command -v setpriv >/dev/null || skip "setpriv (util-linux) is missing"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }
nobody test -x "$SW" || skip "nobody cannot run $SW (its directories are private)"

err=$(nobody "$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>&1)
rc=$?
[ $rc -ne 0 ] || fail "an unprivileged ebpf trace succeeded"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "more than one line: $err"
grep -Eq '^syswatch: .*(root|CAP_BPF)' <<<"$err" || fail "the message does not name the privilege: $err"

mkdir "$T/nobody" && chmod 777 "$T/nobody"
(cd "$T/nobody" && nobody "$SW" trace --engine auto -o "$T/nobody/auto.txt" -- /bin/true 2>"$T/auto.err") ||
	fail "auto as nobody exited $?: $(cat "$T/auto.err")"
grep -q '^execve(' "$T/nobody/auto.txt" || fail "auto as nobody traced nothing"
grep -Eq '^syswatch: .*ptrace.*(root|CAP_BPF)' "$T/auto.err" || fail "auto does not say why: $(cat "$T/auto.err")"

# CAP_BPF and CAP_PERFMON are enough: nobody with just those traces with eBPF
if setpriv --inh-caps=+bpf,+perfmon --ambient-caps=+bpf,+perfmon true 2>/dev/null; then
	(cd "$T/nobody" && setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all,+bpf,+perfmon \
		--ambient-caps=+bpf,+perfmon "$SW" trace --engine ebpf -o "$T/nobody/caps.txt" -- /bin/true 2>"$T/caps.err") ||
		fail "nobody with CAP_BPF and CAP_PERFMON: exit $?: $(cat "$T/caps.err")"
	grep -q '^execve(' "$T/nobody/caps.txt" || fail "nobody with CAP_BPF and CAP_PERFMON traced nothing"
fi

if unshare -m true 2>/dev/null; then
	err=$(unshare -m sh -c 'mount -t tmpfs none /sys/kernel/btf && exec "$0" trace --engine ebpf -o /dev/null -- /bin/true' "$SW" 2>&1)
	rc=$?
	[ $rc -ne 0 ] || fail "no BTF, yet the ebpf trace succeeded"
	[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "no BTF: more than one line: $err"
	grep -q 'BTF' <<<"$err" || fail "the message does not name BTF: $err"
	err=$(unshare -m sh -c 'mount -t tmpfs none /sys/kernel/btf && exec "$0" trace --engine auto -o /dev/null -- /bin/true' "$SW" 2>&1) ||
		fail "no BTF: auto did not fall back: $err"
	grep -q 'ptrace.*BTF' <<<"$err" || fail "no BTF: auto does not say why: $err"
fi
echo ok
