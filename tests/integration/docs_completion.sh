#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Bash completion (packaging/completion/syswatch.bash), driven as bash drives
# it: COMP_WORDS/COMP_CWORD set, _syswatch called, COMPREPLY checked. What it
# offers is compared with sources that do not go through it: the commands of
# 'syswatch --help', the option entries of the man pages, 'bench --list', and
# the parsers themselves (every syscall, class and built-in rule it offers is
# accepted by the command that takes it).
set -u
SRCDIR=${SRCDIR:-$PWD}
cd "$SRCDIR" || exit 1
. packaging/completion/syswatch.bash
complete -p syswatch >/dev/null || { echo "FAIL: the script did not register a completion for syswatch"; exit 1; }

fail=0
bad() { echo "FAIL: $*"; fail=1; }

# comp WORD... : completes the last word of "syswatch WORD..." into $reply
# (one candidate a line). Bash splits "opt=val" into "opt" "=" "val".
comp() {
	COMP_WORDS=("$SYSWATCH" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}" COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_syswatch
	reply=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort)
}
offers() { # WORD EXPECTED-WHY: $reply must hold WORD
	grep -qxF -- "$1" <<<"$reply" || bad "$2: '$1' not offered (got: $(tr '\n' ' ' <<<"$reply"))"
}
exactly() { # EXPECTED-LIST WHY
	[ "$reply" = "$(sort <<<"$1")" ] || bad "$2: offered '$(tr '\n' ' ' <<<"$reply")', expected '$(sort <<<"$1" | tr '\n' ' ')'"
}

# Commands: those of --help.
commands=$("$SYSWATCH" --help | awk '/^commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } /^$/ { c = 0 }')
comp ''
exactly "$commands" "syswatch <TAB>"
comp tr
exactly trace "syswatch tr<TAB>"

# Options: each command offers exactly the options its man page has entries for.
for c in $commands; do
	comp "$c" -
	page=$(grep -E '^\*-' "man/syswatch-$c.1.scd" | grep -oE '\*--?[A-Za-z0-9][-A-Za-z0-9]*\*' | tr -d '*' | grep -vxE -- '-h|--help' | sort -u)
	got=$(grep -vxE -- '-h|--help|--' <<<"$reply")
	[ "$got" = "$page" ] || bad "syswatch $c -<TAB> offers: $(diff <(echo "$page") <(echo "$got") | grep '^[<>]' | tr '\n' ' ') (< only in man/syswatch-$c.1.scd, > only offered)"
done
comp trace --
offers -- "syswatch trace --<TAB> (the command follows --)"
comp monitor --
grep -qx -- -- <<<"$reply" && bad "syswatch monitor --<TAB> offers --, which monitor does not take"
comp trace --eng
exactly --engine "syswatch trace --eng<TAB>"

# Values taken from the binary's tables.
comp trace --engine ''
exactly $'ptrace\nebpf\nauto' "--engine <TAB>"
comp stat --engine = eb
exactly ebpf "--engine=eb<TAB>"
comp trace -e ''
offers trace= "-e <TAB>"
comp trace -e trace = opena
offers openat "-e trace=opena<TAB>"
offers openat2 "-e trace=opena<TAB>"
comp stat -e trace = 'openat,%ne'
exactly $'openat,%net\nopenat,%network' "-e trace=openat,%ne<TAB>"
comp trace -e trace = '!%fi'
exactly '!%file' "-e trace=!%fi<TAB>"
# the same, when the shell did not split the word at "=" (zsh, or a
# COMP_WORDBREAKS without "="): the replies keep what precedes the value
comp trace -e 'trace=opena'
offers trace=openat "-e 'trace=opena'<TAB> as one word"
comp stat '--engine=pt'
exactly --engine=ptrace "'--engine=pt'<TAB> as one word"
comp trace --inject getpp
exactly getppid: "--inject getpp<TAB>"
comp stat --sort ''
exactly $'time\ncalls\nerrors\nname' "stat --sort <TAB>"

# zsh: packaging/completion/_syswatch (bashcompinit around the same
# function), in an interactive zsh on a pseudo-terminal, keys typed as a
# user types them; the line is echoed back after each completion.
if command -v zsh >/dev/null && zsh -f -c 'zmodload zsh/zpty' 2>/dev/null; then
	zdir=$(mktemp -d)
	mkdir -p "$zdir/bin" "$zdir/fpath"
	ln -s "$SYSWATCH" "$zdir/bin/syswatch"
	cp packaging/completion/syswatch.bash "$zdir/fpath/syswatch"
	sed "s|@BASHCOMPDIR@|$zdir/fpath|" packaging/completion/_syswatch >"$zdir/fpath/_syswatch"
	zout=$(ZDIR=$zdir ASAN_OPTIONS=detect_leaks=0 timeout 60 zsh -f -c '
		zmodload zsh/zpty
		zpty -b z "PATH=$ZDIR/bin:\$PATH zsh -f -i"
		zpty -w z "PS1=\"> \"; fpath=($ZDIR/fpath \$fpath); autoload -U compinit; compinit -u -d $ZDIR/dump; echo READY-\$((6*7))"
		zpty -r z out "*READY-42*"
		for keys in "syswatch stat --eng" "syswatch trace --engine eb" "syswatch trace -e trace=%netw" "syswatch bench --workload getp"; do
			zpty -w -n z "$keys"$'"'"'\t\C-a echo G""OT:\n'"'"'
			zpty -r z out "*GOT:*
*"
			print -r -- "${out//$'"'"'\r'"'"'/}" | grep -a "^GOT:"
		done
		zpty -d z' 2>&1)
	rm -rf "$zdir"
	for want in "syswatch stat --engine" "syswatch trace --engine ebpf" "syswatch trace -e trace=%network" "syswatch bench --workload getppid"; do
		grep -qxE "GOT:$want ?" <<<"$zout" || bad "zsh: expected the line '$want' after TAB, got: $zout"
	done
else
	echo "zsh (with zsh/zpty) not installed: its completion not checked"
fi

# bench: workloads and modes as 'bench --list' names them.
list=$("$SYSWATCH" bench --list 2>/dev/null)
workloads=$(awk '/^workloads:/ { s = 1; next } /^$/ { s = 0 } s { print $1 }' <<<"$list")
modes=$(awk '/^modes:/ { s = 1; next } /^$/ { s = 0 } s { print $1 }' <<<"$list")
[ -n "$workloads" ] && [ -n "$modes" ] || bad "bench --list printed no workloads or no modes"
comp bench --workload ''
exactly "$workloads"$'\nall' "bench --workload <TAB>"
comp bench --modes 'native,'
exactly "$(sed 's/^/native,/' <<<"$modes"$'\nall')" "bench --modes native,<TAB>"

# Files, and the command after --.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/trace-out.txt" "$tmp/other"
comp trace -o "$tmp/tra"
exactly "$tmp/trace-out.txt" "trace -o FILE<TAB>"
comp monitor --config "$tmp/oth"
exactly "$tmp/other" "monitor --config FILE<TAB>"
comp verify -f -- tru
offers true "verify -- tru<TAB>"

# What is offered is what the parsers accept.
syscalls=$("$SYSWATCH" --complete syscalls)
classes=$("$SYSWATCH" --complete classes)
[ "$(wc -l <<<"$syscalls")" -gt 300 ] || bad "--complete syscalls offers only $(wc -l <<<"$syscalls") names"
grep -qx openat <<<"$syscalls" || bad "--complete syscalls lacks openat"
grep -qx %network <<<"$classes" || bad "--complete classes lacks %network"
set_arg=$(printf '%s\n' $syscalls $classes | paste -sd,)
ASAN_OPTIONS=detect_leaks=0 "$SYSWATCH" stat --engine ptrace -e "trace=$set_arg" -o /dev/null -- true ||
	bad "stat -e trace= refused the syscalls and classes --complete offers"
rules=$("$SYSWATCH" --complete rules)
grep -qx mass-file-deletion <<<"$rules" || bad "--complete rules lacks mass-file-deletion"
printf 'builtin_rules: [%s]\n' "$(paste -sd, <<<"$rules" | sed 's/,/, /g')" >"$tmp/rules.yaml"
"$SYSWATCH" monitor --config "$tmp/rules.yaml" --check-config >"$tmp/check.out" 2>&1 ||
	bad "monitor refused the built-in rules --complete offers: $(cat "$tmp/check.out")"
"$SYSWATCH" --complete bogus 2>/dev/null && bad "--complete bogus succeeded"

[ $fail -eq 0 ] || exit 1
echo "completion: all checks passed"
