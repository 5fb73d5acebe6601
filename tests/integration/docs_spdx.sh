#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Every source file (C, headers, BPF, shell, Python, awk, make fragments, the
# tables and flag lists the build reads) names its license with an SPDX line
# near its top, the license of LICENSE.
cd "$SRCDIR" || exit 1
command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1 ||
	{ echo "not a git checkout: the tracked files are unknown"; exit 77; }
grep -q "GNU GENERAL PUBLIC LICENSE" LICENSE && grep -q "Version 2" LICENSE || { echo "FAIL: LICENSE is not the GPL version 2"; exit 1; }
missing=0 n=0
while IFS= read -r f; do
	case $f in
	tests/fuzz/corpus/* | tests/fuzz/regress/*) continue ;;
	*.c | *.h | *.def | *.sh | *.bash | *.py | *.awk | *.mk | *.in | *.tbl | *.service | Makefile | .ci/run) ;;
	*) continue ;;
	esac
	[ -f "$f" ] || continue
	n=$((n + 1))
	if ! head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-only'; then
		echo "no SPDX line: $f"
		missing=$((missing + 1))
	fi
done < <(git ls-files)
[ $n -gt 100 ] || { echo "FAIL: only $n source files found"; exit 1; }
[ $missing = 0 ] || { echo "FAIL: $missing of $n source files have no SPDX line"; exit 1; }
echo "ok: $n source files carry SPDX-License-Identifier: GPL-2.0-only"
