#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# --check-config: the article's Chinese-key example and the shipped example
# pass; errors are "file:line:column: message" with exit status 1; a few
# hundred malformed YAML files get errors, never a crash.
. "$(dirname "$0")/monitor_lib/common.bash"
command -v "$PY" >/dev/null || skip "needs python3 to write the malformed files"

seed="$SRCDIR/tests/fixtures/mon_seed.yaml"
out=$("$SYSWATCH" monitor --config "$seed" --check-config 2>"$T/err") || { cat "$T/err"; fail "the seed example fails --check-config"; }
echo "$out" | grep -q ": ok$" || fail "no 'ok' for the seed example"
echo "$out" | grep -q "短时间内多次文件删除: more than 5 in 60s (key: process) -> warning" || fail "seed rule 1: $out"
echo "$out" | grep -q "异常网络连接: more than 100 in 60s (key: process) -> critical" || fail "seed rule 2: $out"
echo "$out" | grep -q "sampling: 1 event in 10" || fail "seed sampling"
echo "$out" | grep -q "ring buffer: 32MB (buffer_size 128MB)" || fail "seed buffer within the memory limit"
grep -q "mon_seed.yaml:11:12: warning: performance.buffer_size 128MB does not fit" "$T/err" ||
	fail "no warning that the buffer was reduced"
if ! id mysql >/dev/null 2>&1; then
	grep -q "mon_seed.yaml:7:32: warning: user 'mysql'" "$T/err" || fail "no warning for the missing user mysql"
fi

# the article lost its indentation: readers paste 告警规则 nested in 监控配置 or
# beside it; both load, with exactly the two rules (no built-ins added)
awk '/^  告警规则:/ { top = 1 } { if (top) sub(/^  /, ""); print }' "$seed" >"$T/seed_top.yaml"
grep -q "^告警规则:" "$T/seed_top.yaml" || fail "the top-level layout was not written"
for f in "$seed" "$T/seed_top.yaml"; do
	out=$("$SYSWATCH" monitor --config "$f" --check-config 2>"$T/err") || { cat "$T/err"; fail "$f fails --check-config"; }
	echo "$out" | grep -q "rules (2):" || fail "$f: not exactly two rules: $out"
	echo "$out" | grep -q "短时间内多次文件删除: more than 5 in 60s" || fail "$f: rule 1: $out"
	echo "$out" | grep -q "异常网络连接: more than 100 in 60s" || fail "$f: rule 2: $out"
	echo "$out" | grep -q "sampling: 1 event in 10" || fail "$f: the wrapped sections were lost: $out"
done
# a section in both places is given twice
{ cat "$seed"; printf '告警规则:\n  - 规则: "异常网络连接"\n'; } >"$T/seed_twice.yaml"
"$SYSWATCH" monitor --config "$T/seed_twice.yaml" --check-config >/dev/null 2>"$T/err" && fail "告警规则 twice accepted"
grep -qE "seed_twice.yaml:[0-9]+:[0-9]+: 'rules' is given twice" "$T/err" || fail "告警规则 twice: $(cat "$T/err")"
printf 'monitor:\n  monitor:\n    rules: []\n' >"$T/nested.yaml"
"$SYSWATCH" monitor --config "$T/nested.yaml" --check-config >/dev/null 2>"$T/err" && fail "a nested wrapper accepted"
grep -q "nested.yaml:2:3: 'monitor' may only wrap the top level" "$T/err" || fail "nested wrapper: $(cat "$T/err")"

# negative thresholds are refused (not read as a label and a positive count)
for t in -1 '"-5/min"'; do
	printf 'rules: [{name: x, syscalls: [openat], threshold: %s}]\n' "$t" >"$T/neg.yaml"
	"$SYSWATCH" monitor --config "$T/neg.yaml" --check-config >/dev/null 2>"$T/err" && fail "threshold $t accepted"
	grep -q "neg.yaml:1:50: threshold '.*': a threshold cannot be negative" "$T/err" || fail "threshold $t: $(cat "$T/err")"
done
# every warning carries line:column, also those about the config as a whole
printf 'syscalls: {exclude: [unlinkat, unlink, rmdir]}\nrules: [{name: mass-file-deletion}]\noutputs: {stdout: false}\n' >"$T/warn.yaml"
"$SYSWATCH" monitor --config "$T/warn.yaml" --check-config >/dev/null 2>"$T/err" || fail "warn.yaml refused: $(cat "$T/err")"
grep -q "warn.yaml:2:16: warning: rule 'mass-file-deletion' watches rmdir, which syscalls.exclude leaves out: it can never fire" \
	"$T/err" || fail "excluded rule warning: $(cat "$T/err")"
grep -q "warn.yaml:3:10: warning: no output is enabled" "$T/err" || fail "no-output warning: $(cat "$T/err")"
[ "$(grep -cvE "^$T/warn.yaml:[0-9]+:[0-9]+: warning: " "$T/err")" = 0 ] || fail "a warning without a position: $(cat "$T/err")"
# --help lists every built-in rule
help=$("$SYSWATCH" monitor --help) || fail "monitor --help"
for r in mass-file-deletion abnormal-network-connections shadow-file-read exec-from-temp-dir exec-deleted-binary \
	setid-to-root ptrace-attach; do
	echo "$help" | grep -q "^  $r" || fail "--help does not list the built-in rule $r"
done

"$SYSWATCH" monitor --config "$SRCDIR/packaging/syswatch.yaml" --check-config >/dev/null 2>"$T/err" ||
	{ cat "$T/err"; fail "packaging/syswatch.yaml fails --check-config"; }
[ ! -s "$T/err" ] || { cat "$T/err"; fail "packaging/syswatch.yaml has warnings"; }

# errors: position, message, status 1, nothing on stdout
printf 'rules:\n  - name: x\n    syscalls: [openat]\n    severity: apocalyptic\n' >"$T/bad.yaml"
"$SYSWATCH" monitor --config "$T/bad.yaml" --check-config >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] || fail "exit status $rc for an invalid config, want 1"
grep -qx "$T/bad.yaml:4:15: severity must be info, warning or critical (信息, 警告, 危险), not 'apocalyptic'" "$T/err" ||
	fail "error message: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "output on stdout for an invalid config"
"$SYSWATCH" monitor --config "$T/missing.yaml" --check-config 2>"$T/err"
[ $? = 1 ] && grep -q "missing.yaml: cannot open: No such file" "$T/err" || fail "missing file: $(cat "$T/err")"

# malformed files: mutations of the two examples, and structures no config has
# (tests/unit/test_monitor_config.c runs thousands more in one process)
mkdir "$T/fuzz"
"$PY" - "$seed" "$SRCDIR/packaging/syswatch.yaml" "$T/fuzz" <<'PY'
import random, sys
rng = random.Random(20240601)
seeds = [open(p, "rb").read() for p in sys.argv[1:3]]
tokens = [b":", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!binary ", b"\"", b"'", b"\n", b"  ", b"\t",
          b"%YAML 1.1\n", b"#", b"|", b">", b"---\n", b"...\n", b"\xff\xfe", b"\xe5\x91", b"? ", b",", b"\\",
          b"1e999", b"-1", b"~", b"<<: *a\n", b"\x00", b"9" * 40, "阈值: ".encode(), b"!!python/object "]
fixed = [b"", b"\xef\xbb\xbf", b"[" * 5000, b"{a: " * 3000, b"- " * 4000 + b"x", b"a: &a [*a]\n",
         b"\x00\x01\x02", b"rules: !!map {}", b"rules:\n  - name: " + b"n" * 100000 + b"\n",
         b"syscalls: {include: [" + b"openat," * 20000 + b"]}\n", "监控配置: 监控配置".encode(),
         b"performance: {sample_rate: 1e-400}\n", b"limits: {memory_limit: 99999999999999999999TB}\n"]
files = list(fixed)
for i in range(40):
    b = bytearray(rng.choice(seeds))
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(b) + 1)
        op = rng.randrange(4)
        if op == 0 and b:
            b[min(at, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            del b[at:]
        elif op == 2:
            b[at:at] = rng.choice(tokens)
        else:
            del b[at:at + rng.randrange(1, 12)]
    files.append(bytes(b))
for i, data in enumerate(files):
    open("%s/%03d.yaml" % (sys.argv[3], i), "wb").write(data)
PY
ok=0 refused=0
for f in "$T"/fuzz/*.yaml; do
	"$SYSWATCH" monitor --config "$f" --check-config >/dev/null 2>"$T/err"
	rc=$?
	case $rc in
	0) ok=$((ok + 1)) ;;
	1)
		refused=$((refused + 1))
		head -n 1 "$T/err" | grep -qE "^$f:[0-9]+:[0-9]+: ." || fail "$f: error without a position: $(head -c 300 "$T/err")"
		;;
	*) fail "$f: exit status $rc (a crash?): $(head -c 300 "$T/err")" ;;
	esac
done
[ $refused -gt 25 ] || fail "only $refused of the malformed files were refused"
echo "ok: examples pass; $refused malformed files refused with a position, $ok accepted, none crashed"
