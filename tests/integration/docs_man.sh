#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The man pages: one page per command that 'syswatch --help' lists, plus
# syswatch(1) and syswatch.yaml(5); each renders without a warning (man -l),
# has a NAME line lexgrog can index, and has an entry for every option its
# command's --help prints (and no entry for an option --help does not know).
set -u
SRCDIR=${SRCDIR:-$PWD}
case ${O:-build} in /*) MANOUT=${O:-build}/man ;; *) MANOUT=$SRCDIR/${O:-build}/man ;; esac

for t in man lexgrog; do
	command -v "$t" >/dev/null || { echo "SKIP: $t is not installed (man-db)"; exit 77; }
done

fail=0
bad() { echo "FAIL: $*"; fail=1; }

# Options a --help text offers: the option column of lines that start with
# a dash (up to two spaces), and the [-x ...] items of the usage lines.
help_options() {
	awk '
	/^usage:/ { usage = 1 }
	/^$/ { usage = 0 }
	usage {
		s = $0
		while (match(s, /\[--?[A-Za-z0-9][-A-Za-z0-9]*/)) {
			print substr(s, RSTART + 1, RLENGTH - 1)
			s = substr(s, RSTART + RLENGTH)
		}
		next
	}
	/^ {1,8}-/ {
		spec = $0
		sub(/^ +/, "", spec)
		if ((i = index(spec, "  ")) > 0) spec = substr(spec, 1, i - 1)
		n = split(spec, w, /[ ,\/|\[=]+/)
		for (k = 1; k <= n; k++)
			if (w[k] ~ /^--?[A-Za-z0-9][-A-Za-z0-9]*$/) print w[k]
	}' | sort -u
}

# Options a page source has an entry for: *-x* on the lines that start an
# entry (a line beginning with *-).
page_options() {
	grep -E '^\*-' "$1" | grep -oE '\*--?[A-Za-z0-9][-A-Za-z0-9]*\*' | tr -d '*' | sort -u
}

check_rendering() {
	local page=$1 name=$2 out warn what
	[ -s "$page" ] || { bad "$page was not built (make builds the man pages)"; return; }
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	[ -z "$warn" ] || bad "man -l $page warns: $warn"
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null)
	grep -q '^NAME' <<<"$out" || bad "man -l $page: no NAME section in the output"
	what=$(lexgrog "$page" 2>&1) || bad "lexgrog $page: $what"
	grep -qF ": \"$name - " <<<"$what" || bad "lexgrog $page: expected a whatis line for $name, got: $what"
}

check_options() { # SOURCE COMMAND-WORDS...
	local src=$1 helpcmd=$2 opt missing=0
	shift 2
	local help
	help=$("$SYSWATCH" "$@" --help 2>&1) || { bad "'$helpcmd --help' failed"; return; }
	local have want
	have=$(page_options "$src")
	want=$(help_options <<<"$help")
	[ -n "$want" ] || bad "no options found in '$helpcmd --help'"
	for opt in $want; do
		grep -qxF -- "$opt" <<<"$have" && continue
		bad "$src has no entry for option $opt (printed by '$helpcmd --help'); add a line '*$opt* ...' to its OPTIONS"
		missing=1
	done
	for opt in $have; do
		grep -qxF -- "$opt" <<<"$want" && continue
		case $opt in -h | --help) continue ;; esac # every command takes them
		bad "$src has an entry for option $opt, which '$helpcmd --help' does not print (stale page, or --help misses it)"
	done
	[ $missing -eq 0 ] && echo "ok: $src covers the $(wc -w <<<"$want") options of '$helpcmd --help'"
}

commands=$("$SYSWATCH" --help | awk '/^commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } /^$/ { c = 0 }')
[ -n "$commands" ] || bad "'syswatch --help' lists no commands"

check_rendering "$MANOUT/syswatch.1" syswatch
check_rendering "$MANOUT/syswatch.yaml.5" syswatch.yaml
cd "$SRCDIR" || exit 1
check_options man/syswatch.1.scd syswatch
for c in $commands; do
	src=man/syswatch-$c.1.scd
	if [ ! -f "$src" ]; then
		bad "command '$c' has no man page: write $src (see man/syswatch-trace.1.scd)"
		continue
	fi
	check_rendering "$MANOUT/syswatch-$c.1" "syswatch-$c"
	check_options "$src" "syswatch $c" "$c"
	grep -q "syswatch-$c" man/syswatch.1.scd || bad "man/syswatch.1.scd does not mention syswatch-$c(1)"
done

# Every page source is built and installed under its section.
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
make -s -C "$SRCDIR" O="${O:-build}" DESTDIR="$dest" PREFIX=/usr install-man >/dev/null || bad "make install-man failed"
for src in "$SRCDIR"/man/*.scd; do
	page=$(basename "$src" .scd)
	[ -f "$dest/usr/share/man/man${page##*.}/$page" ] || bad "make install-man did not install $page in man${page##*.}"
done

[ $fail -eq 0 ] || exit 1
echo "man pages: all checks passed"
