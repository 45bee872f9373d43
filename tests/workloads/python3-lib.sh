# python3-lib.sh - sourced by the python3-test* workloads: run_python_tests TEST... runs
# `python3.11 -m test --junit-xml FILE TEST` from the sysroot once per test (python finds its
# standard library and test suite from its own path: PYTHONHOME is not needed), each with its
# own time limit, and prints regrtest's summary, one line per test case from the XML report
# (name and result: ok, skipped and why, or the failure's last line) and the exit status.
#
# Filtered (they differ between two runs, even two native ones), nothing else:
#   - "0:01:02 load avg: 1.93 " prefixes of regrtest's progress lines (elapsed time, load);
#   - "Total duration: ..." lines, "test_x passed in 32.0 sec" (regrtest's note on a test that
#     took more than 30 s) and the "(1.2 sec)" / " in 5 min 14 sec" durations it appends;
#   - the XML's times and start date (not printed);
#   - -v output is not used: some tests print timings and thread interleavings there
#     (test_threading's test_various_ops).
PYTHON_TEST_TIMEOUT=${PYTHON_TEST_TIMEOUT:-900}
export LD_LIBRARY_PATH=$GUEST_LIBPATH
filter_python_test() {
    sed -E -e 's/^[0-9]+:[0-9]{2}:[0-9]{2} load avg: [0-9.]+ //' \
           -e '/^Total duration: /d' \
           -e '/^test_[a-z0-9_]+ passed in [0-9.]+ (sec|min)/d' \
           -e 's/ \(([0-9]+ min )?[0-9.]+ (sec|ms)\)$//' \
           -e 's/ in ([0-9]+ min )?[0-9.]+ (sec|ms)$//'
}
# junit_cases FILE: "name: result" per test case (host python3 reads the XML).
junit_cases() {
    python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception as e:
    print("no junit report:", type(e).__name__); sys.exit(0)
for tc in root.iter("testcase"):
    res = "ok"
    for kind in ("skipped", "failure", "error"):
        el = tc.find(kind)
        if el is not None:
            text = (el.text or el.get("message") or "").strip().splitlines()
            res = kind + (": " + text[-1].strip() if text else "")
    print(tc.get("name"), "-", res)
PY
}
run_python_tests() {
    local t st
    for t in "$@"; do
        echo "==== python3 -m test $t"
        timeout -k 5 "$PYTHON_TEST_TIMEOUT" bash -c '. "$WORKLOAD_DIR/lib.sh"; guest python3.11 -m test --junit-xml "$PWD/$1.xml" "$1"' \
            python-test "$t" > "$t.log" 2>&1
        st=$?
        filter_python_test < "$t.log"
        junit_cases "$t.xml"
        echo "==== $t status: $st"
    done
}
