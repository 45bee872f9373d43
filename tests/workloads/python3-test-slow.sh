# python3-test-slow: the slow tests of the list (threads, child processes, signals and
# timers): minutes under loongbt, so run by `make check-workloads-long` (not make check).
. "$WORKLOAD_DIR/python3-lib.sh"
run_python_tests test_threading test_subprocess test_signal
