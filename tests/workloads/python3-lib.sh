# python3-lib.sh - sourced by the python3-test* workloads: run_python_tests TEST... runs
# `python3.11 -m test -v TEST` from the sysroot once per test (python finds its standard library
# and test suite from its own path: PYTHONHOME is not needed), each with its own time limit,
# and prints the filtered transcript and the exit status.
#
# Filtered (they legitimately differ between two runs, even two native ones), nothing else:
#   - "0:01:02 load avg: 1.93 " prefixes of regrtest's progress lines (elapsed time, load);
#   - "== cwd: /tmp/test_python_<pid>..." (the test's temporary folder has the pid in its name);
#   - "Ran N tests in 1.234s" keeps N, drops the time; "Total duration: ..." lines are dropped;
#   - "(1.2 sec)" / "in 1.2 sec" durations regrtest appends to slow tests.
# stdout and stderr are merged (unittest's -v lines go to stderr, regrtest's to stdout) so the
# transcript keeps the order in which the test printed them.
PYTHON_TEST_TIMEOUT=${PYTHON_TEST_TIMEOUT:-900}
export LD_LIBRARY_PATH=$GUEST_LIBPATH
filter_python_test() {
    sed -E -e 's/^[0-9]+:[0-9]{2}:[0-9]{2} load avg: [0-9.]+ //' \
           -e 's/^(== cwd: .*test_python_)[0-9]+/\1<pid>/' \
           -e 's/^(Ran [0-9]+ tests?) in [0-9.]+s$/\1/' \
           -e '/^Total duration: /d' \
           -e 's/ \(?(in )?[0-9.]+ (sec|ms)\)?$//'
}
run_python_tests() {
    local t st
    for t in "$@"; do
        echo "==== python3 -m test $t"
        timeout -k 5 "$PYTHON_TEST_TIMEOUT" bash -c '. "$WORKLOAD_DIR/lib.sh"; guest python3.11 -m test -v "$1"' \
            python-test "$t" > "$t.log" 2>&1
        st=$?
        filter_python_test < "$t.log"
        echo "==== $t status: $st"
    done
}
