#!/usr/bin/env bash
# check-ab.sh - make check's test of the A/B harness: `make ab` in quick mode (one small
# workload, one round, the default build against CONFIG_TB_CHAIN=n), then its report.json,
# report.csv and ratios.svg must parse (python3 json / csv / xml.etree) and hold the workload's
# row with a ratio, and every run's output must have matched the native one.
# Last line: "check-ab: N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
out=build/ab/check-ab
rm -rf "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
make --no-print-directory ab A="" B="CONFIG_TB_CHAIN=n" BENCH=quick ROUNDS=1 \
    AB_EXTRA="--out $out" > "$log" 2>&1
status=$?
sed 's/^/  /' "$log" | tail -n 30
python3 - "$out" "$status" <<'PY'
import csv, json, sys, xml.etree.ElementTree as ET
out, status = sys.argv[1], int(sys.argv[2])
passed = failed = 0
def check(name, fn):
    global passed, failed
    try:
        ok = fn()
    except Exception as e:          # a missing or malformed file is a failure, not a crash
        ok, name = False, "%s (%s: %s)" % (name, type(e).__name__, e)
    print("%s %s" % ("PASS" if ok else "FAIL", name))
    passed, failed = passed + bool(ok), failed + (not ok)
WL = "quick-callret"
check("make ab exit status 0 (outputs identical to native)", lambda: status == 0)
def js():
    rep = json.load(open(out + "/report.json"))
    w = [x for x in rep["workloads"] if x["name"] == WL]
    return (len(w) == 1 and w[0]["ratios"]["B"]["ratio"] > 0 and not w[0]["mismatches"]
            and [r["name"] for r in rep["runners"]] == ["A", "B"] and rep["geomean"]["B"] > 0)
check("report.json parses, has the %s row with a B/A ratio" % WL, js)
def cv():
    rows = list(csv.DictReader(open(out + "/report.csv")))
    return len(rows) == 1 and rows[0]["workload"] == WL and float(rows[0]["B_ratio"]) > 0
check("report.csv parses, has the %s row" % WL, cv)
def svg():
    root = ET.parse(out + "/ratios.svg").getroot()
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    rects = list(root.iter("{http://www.w3.org/2000/svg}rect"))
    return WL in texts and "geomean" in texts and len(rects) >= 3
check("ratios.svg parses, has the %s bar" % WL, svg)
def txt():
    t = open(out + "/report.txt").read()
    return WL in t and "geomean" in t
check("report.txt has the %s row" % WL, txt)
# The counters exist once the tree has CONFIG_PROFILE: unchained B has no chained transfers
# where A has them, and takes the main loop for direct jumps instead.
has_profile = any(l.startswith("CONFIG_PROFILE") for l in open("configs.mk"))
if has_profile:
    def counters():
        w = [x for x in json.load(open(out + "/report.json"))["workloads"] if x["name"] == WL][0]
        a, b = w["runs"]["A"]["counters"], w["runs"]["B"]["counters"]
        return (a["guest_insns"] > 0 and a["chained"] > 0 and b["chained"] < a["chained"] and
                b["direct_via_loop"] > a["direct_via_loop"])
    check("counters: B (no chaining) has fewer chained and more main-loop transfers", counters)
else:
    print("NOT RUN counters check (no CONFIG_PROFILE in this tree; counters are n/a)")
print("check-ab: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
