# python3-test: CPython 3.11's own test suite (libpython3.11-testsuite), the quick tests of the
# issue's list, one `python3 -m test` per test; what is compared and filtered: python3-lib.sh.
. "$WORKLOAD_DIR/python3-lib.sh"
run_python_tests test_math test_re test_json test_unicode test_struct test_mmap
