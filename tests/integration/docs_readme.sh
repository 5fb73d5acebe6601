#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# README.md and README.zh-CN.md link to each other; every relative link and
# in-page anchor of both resolves; the Chinese README covers every command
# and uses the article's terms.
set -u
SRCDIR=${SRCDIR:-$PWD}
cd "$SRCDIR" || exit 1
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

grep -qF '](README.zh-CN.md)' README.md || bad "README.md does not link README.zh-CN.md"
grep -qF '](README.md)' README.zh-CN.md || bad "README.zh-CN.md does not link README.md"

python3 - README.md README.zh-CN.md <<'PY' || fail=1
import os, re, sys, unicodedata

def slug(title):
    # GitHub's anchors: lower case, punctuation dropped, spaces to dashes
    t = title.strip().lower()
    t = "".join(c for c in t if c in " -_" or unicodedata.category(c)[0] in "LN")
    return t.replace(" ", "-")

ok = True
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    body = re.sub(r"```.*?```", "", text, flags=re.S)
    anchors = {slug(m.group(1)) for m in re.finditer(r"^#+ +(.*)$", body, re.M)}
    for m in re.finditer(r"\]\(([^)\s]+)\)", body):
        target = m.group(1)
        if re.match(r"[a-z]+:", target):
            continue
        file, _, frag = target.partition("#")
        if file and not os.path.exists(file):
            print(f"FAIL: {path}: link to missing file {file}"); ok = False
        if frag and not file and frag not in anchors:
            print(f"FAIL: {path}: link to missing anchor #{frag}"); ok = False
sys.exit(0 if ok else 1)
PY

commands=$("$SYSWATCH" --help | awk '/^commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } /^$/ { c = 0 }')
for c in $commands; do
	grep -q "syswatch $c" README.zh-CN.md || bad "README.zh-CN.md never shows 'syswatch $c'"
done
for term in 系统调用拦截 内核态过滤 采样率 告警规则; do
	grep -qF "$term" README.zh-CN.md || bad "README.zh-CN.md does not use the article's term $term"
done

[ $fail -eq 0 ] || exit 1
echo "READMEs: links and coverage checked"
