#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# syswatch bench, small and fast: every output format parses, the charts are
# images of the expected size, the syscall counts are exact, and the ratios
# and per-syscall costs are the ones the runs shown give.
set -eu
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
command -v strace >/dev/null || { echo "strace is not installed"; exit 77; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT

modes=native,ptrace-filtered,strace
[ "$(id -u)" = 0 ] && modes=$modes,ebpf-floor
"$SYSWATCH" bench -q --workload getppid,dd --modes "$modes" --size 300 --runs 3 \
	--json "$d/r.json" --csv "$d/r.csv" --markdown "$d/r.md" --plot "$d/r.png" --plot "$d/r.svg" \
	>"$d/table.txt" 2>"$d/err.txt" || { cat "$d/err.txt"; exit 1; }
cat "$d/table.txt"

python3 - "$d" "$(id -u)" <<'PY'
import csv, json, statistics, struct, sys, xml.etree.ElementTree as ET
d, uid = sys.argv[1], sys.argv[2]
fail = []
def check(cond, what):
    if not cond:
        fail.append(what)

# JSON, with a parser; ratios recomputed from the runs it shows
j = json.load(open(f"{d}/r.json"))
res = j["results"]
modes = ["native", "ebpf-floor", "ptrace-filtered", "strace"] if uid == "0" else ["native", "ptrace-filtered", "strace"]
check([r["mode"] for r in res] == modes * 2, f"modes in order: {[r['mode'] for r in res]}")
check(j["machine"]["cores"] >= 1 and j["machine"]["kernel"].startswith("Linux"), "machine")
per_op = {}
for r in res:
    key = (r["workload"], r["mode"])
    check(r["state"] == "ok", f"{key} ran: {r['reason']}")
    if r["state"] != "ok":
        continue
    runs = r["runs"]
    check(len(runs) == 3, f"{key}: 3 runs")
    ops = runs[0]["ops"]
    check(ops == (30 if r["mode"] == "strace" else 300), f"{key}: size {ops}")
    med = statistics.median(x["work_ns"] for x in runs)
    s = r["summary"]
    check(abs(s["work_ns_median"] - med) <= 1e-6 * med, f"{key}: median")
    check(s["work_ns_min"] == min(x["work_ns"] for x in runs), f"{key}: min")
    check(s["work_ns_max"] == max(x["work_ns"] for x in runs), f"{key}: max")
    per_op[key] = med / ops
    check((runs[0]["tracer"] is None) == (r["mode"] == "native"), f"{key}: tracer usage")
    if r["syscalls"]["counted"]:
        calls = r["syscalls"]["measured"]
        want = ops * (1 if r["workload"] == "getppid" else 2)
        check(calls == want, f"{key}: counted {calls} syscalls, the workload made {want}")
        added = (med / ops - per_op[(r["workload"], "native")]) * ops / calls
        check(abs(s["added_ns_per_syscall"] - added) <= 1e-6 * max(1, abs(added)), f"{key}: added ns")
        check(abs(s["syscalls_per_s"] - calls / (med / 1e9)) <= 1e-6 * s["syscalls_per_s"], f"{key}: rate")
for r in res:
    key = (r["workload"], r["mode"])
    if key in per_op:
        want = per_op[key] / per_op[(r["workload"], "native")]
        check(abs(r["summary"]["ratio_to_native"] - want) <= 1e-6 * want, f"{key}: ratio")

# CSV: one row per run, every row as wide as the header
rows = list(csv.reader(open(f"{d}/r.csv")))
check(len(rows[0]) == 19 and rows[0][0] == "workload", "csv header")
check(all(len(x) == len(rows[0]) for x in rows), "csv column count")
check(len(rows) == 1 + 3 * len(res), f"csv rows: {len(rows)}")

# Markdown: a table whose rows all have the header's cells
md = open(f"{d}/r.md").read().splitlines()
table = [l for l in md if l.startswith("|")]
cells = [len(l.strip().strip("|").split("|")) for l in table]
check(len(table) == 2 + len(res), f"markdown rows: {len(table)}")
check(len(set(cells)) == 1, f"markdown cells per row: {cells}")
check(set(table[1].replace("|", "").split()) <= {"---", "---:"}, "markdown separator")
check(any(l.startswith("**Machine:**") for l in md), "markdown machine line")
check("![bench charts](r.png)" in md, "markdown chart link")

# PNG and SVG: valid images of the same, expected size
png = open(f"{d}/r.png", "rb").read()
check(png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR", "png signature")
w, h = struct.unpack(">II", png[16:24])
check(w == 1800 and 600 <= h <= 4000, f"png size {w}x{h}")
root = ET.parse(f"{d}/r.svg").getroot()
check(root.tag.endswith("svg"), "svg root")
check(float(root.get("width").rstrip("pt")) == w and float(root.get("height").rstrip("pt")) == h,
      f"svg size {root.get('width')}x{root.get('height')}")
if fail:
    print("\n".join(fail))
    sys.exit(1)
PY
