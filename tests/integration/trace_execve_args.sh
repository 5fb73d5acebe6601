#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# execve's argument and environment arrays as strace shows them: with
# -s 65536, all 10000 arguments (not a bare pointer); with -v, the
# environment's strings and every entry (both engines); -e abbrev= as strace
# takes it (abbrev=none or !execve: the environment shown, -v -e abbrev=all: not). The eBPF engine stores at most 64
# arguments of a call (see src/engine/ebpf/README.md): it must show those
# and "...", never a bare pointer.
. "$(dirname "$0")/trace_lib/common.bash"
need_ptrace
command -v strace >/dev/null && strace -o /dev/null /bin/true 2>/dev/null || skip "strace is not installed or cannot trace here"

engines=ptrace
"$SW" trace --engine ebpf -o /dev/null -- /bin/true 2>/dev/null && engines="ptrace ebpf"

# the fixture's own execve line (the first one's environment names the
# tracer in "_="), addresses and padding normalised
execs() {
	grep '^execve(' "$1" | tail -n 1 | sed -E 's/0x[0-9a-f]+/ADDR/g; s/\) += /) = /'
}

fx=$FX/pt_execve_many
strace -s 65536 -e trace=execve -o "$T/st" -- "$fx" || fail "strace failed"
strace -v -e trace=execve -o "$T/stv" -- "$fx" 40 || fail "strace -v failed"
[ "$(execs "$T/st" | grep -c '"a10000"\]')" = 1 ] || fail "strace did not show the 10000 arguments"
for eng in $engines; do
	"$SW" trace --engine "$eng" -s 65536 -e trace=execve -o "$T/$eng" -- "$fx" ||
		fail "--engine $eng -s 65536: exit $?"
	if [ "$eng" = ptrace ]; then
		diff <(execs "$T/st") <(execs "$T/$eng") >/dev/null ||
			fail "--engine ptrace -s 65536: execve differs from strace's"
	else
		execs "$T/$eng" | grep -q '^execve("[^"]*", \["[^"]*", "a1", .*"a63", \.\.\.\], ADDR /\* 3 vars \*/) = 0$' ||
			fail "--engine ebpf -s 65536: argv not shown: $(execs "$T/$eng" | tail -n 1 | cut -c 1-200)"
	fi
	"$SW" trace --engine "$eng" -v -e trace=execve -o "$T/$eng.v" -- "$fx" 40 || fail "--engine $eng -v: exit $?"
	diff -u <(execs "$T/stv") <(execs "$T/$eng.v") || fail "--engine $eng -v: execve differs from strace's"
	execs "$T/$eng.v" | grep -qF '["A=1", "B=\"two\"", "C=3"]) = 0' || fail "--engine $eng -v: no environment"
	for a in "-e abbrev=none" "-e abbrev=!execve" "-e abbrev=execve" "-v -e abbrev=all"; do
		# shellcheck disable=SC2086
		strace $a -e trace=execve -o "$T/sta" -- "$fx" 5 || fail "strace $a failed"
		# shellcheck disable=SC2086
		"$SW" trace --engine "$eng" $a -e trace=execve -o "$T/$eng.a" -- "$fx" 5 || fail "--engine $eng $a: exit $?"
		diff -u <(execs "$T/sta") <(execs "$T/$eng.a") || fail "--engine $eng $a: execve differs from strace's"
	done
done
echo "ok: $engines"
