#!/usr/bin/env bash
# race-stress.sh - run the thread-race guest programs many times under loongbt and compare each
# run with the native one (stdout, stderr, exit status). A race shows as an occasional guest
# SIGSEGV or a wrong sum, so one run proves little: `make check-race` does a few runs per
# configuration, `make fuzz-race` (part of `make fuzz`) many.
#
# Usage: tests/race/race-stress.sh LOONGBT RUNS ROUNDS [loongbt options...]
#   RUNS    runs per program; ROUNDS is passed to each program as its first argument
# Programs: tests/guest/bin/lu-race-* (built by `make guest-tests`). Environment:
# RACE_TIMEOUT (seconds per run, default 120), RACE_STDERR_FILTER (regex of emulator lines).
# Prints one line per program "race: NAME OPTS: N/RUNS runs differ" and at the end
# "race: N passed, N failed" (one pass or fail per program and configuration).
set -u
if [ $# -lt 3 ]; then echo "usage: $0 LOONGBT RUNS ROUNDS [options...]" >&2; exit 2; fi
LOONGBT=$1 RUNS=$2 ROUNDS=$3
shift 3
HERE=$(cd "$(dirname "$0")/.." && pwd)
TIMEOUT=${RACE_TIMEOUT:-120}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loongbt-race.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0

# run PREFIX CMD...: stdout, stderr and status of one run into PREFIX.{out,err,status}
run() {
    local p=$1; shift
    ( timeout -k 5 "$TIMEOUT" "$@" >"$p.out" 2>"$p.err" </dev/null; echo $? >"$p.status" ) 2>/dev/null
    if [ -n "${RACE_STDERR_FILTER:-}" ]; then
        grep -v -E "$RACE_STDERR_FILTER" "$p.err" >"$p.err.f" || true
        mv "$p.err.f" "$p.err"
    fi
}

pass=0 fail=0
for prog in "$HERE"/guest/bin/lu-race-*; do
    [ -x "$prog" ] || continue
    name=$(basename "$prog")
    run "$WORK/native" "$prog" "$ROUNDS"
    bad=0 first=
    for ((i = 1; i <= RUNS; i++)); do
        run "$WORK/bt" "$LOONGBT" "$@" "$prog" "$ROUNDS"
        if ! cmp -s "$WORK/native.out" "$WORK/bt.out" || ! cmp -s "$WORK/native.err" "$WORK/bt.err" ||
           ! cmp -s "$WORK/native.status" "$WORK/bt.status"; then
            bad=$((bad + 1))
            [ -n "$first" ] || first="run $i: status $(cat "$WORK/bt.status") (native $(cat "$WORK/native.status")), stderr: $(head -c 200 "$WORK/bt.err")"
        fi
    done
    echo "race: $name ${*:-(no options)}: $bad/$RUNS runs differ${first:+ - first: $first}"
    if [ "$bad" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ $((pass + fail)) -gt 0 ] || { echo "race: no tests/guest/bin/lu-race-* programs (make guest-tests)"; fail=1; }
echo "race: $pass passed, $fail failed"
[ "$fail" = 0 ]
