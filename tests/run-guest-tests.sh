#!/usr/bin/env bash
# run-guest-tests.sh - run every guest test natively and under loongbt and compare the two runs.
#
# Usage: tests/run-guest-tests.sh LOONGBT_BINARY [extra loongbt args...]
#
# For each program in tests/guest/bin (built by `make guest-tests`), and for each of its runs,
# the native run is the oracle: stdout, stderr and exit status (a signal death included, as
# bash's 128+signal) must be identical under loongbt.  Per-test spec files, looked up by the
# program name with any "-O0" suffix removed (tests/guest/<name>.<kind>), all optional:
#   <name>.args          one run per non-empty line (shell words, '#' starts a comment line,
#                        a line "(no args)" is a run without arguments); no file = one run
#                        without arguments
#   <name>.stdin         fed to both runs as standard input (default /dev/null)
#   <name>.loongbt-opts  loongbt options placed before the program (e.g. -tb-size 256K)
#   <name>.compare       an executable comparing stdout instead of cmp: called as
#                        `<name>.compare NATIVE_STDOUT LOONGBT_STDOUT`, exit 0 = equivalent,
#                        its stdout (one line) is shown after PASS/FAIL. Used where a CPU
#                        model's results are only matched to a documented tolerance (x87
#                        transcendentals under the AMD model: ulp-compare.py); stderr and
#                        the exit status are still compared exactly
# Environment: GUEST_TIMEOUT (seconds per run, default 60), GUEST_TESTS (space-separated
# program names to run, default all), GUEST_BIN_DIR (default tests/guest/bin).
# Prints "PASS name" or "FAIL name (why)" plus a short diff per run, then one final line
# "N passed, N failed"; exits 1 if anything failed or nothing ran, 2 on bad usage.

set -u

if [ $# -lt 1 ]; then
    echo "usage: $0 LOONGBT_BINARY [extra loongbt args...]" >&2
    exit 2
fi
LOONGBT=$1
shift
EXTRA_ARGS=("$@")

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/native-cpu.sh"
SPEC_DIR=$HERE/guest
BIN_DIR=${GUEST_BIN_DIR:-$SPEC_DIR/bin}
TIMEOUT=${GUEST_TIMEOUT:-60}

case $LOONGBT in */*) ;; *) LOONGBT=./$LOONGBT ;; esac
if [ ! -x "$LOONGBT" ]; then
    echo "run-guest-tests: loongbt binary '$LOONGBT' not found or not executable" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
LOONGBT=$(cd "$(dirname "$LOONGBT")" && pwd)/$(basename "$LOONGBT")

# No core files from the deliberate SIGSEGV/SIGFPE/SIGILL tests (and no "dumped core" notes
# from timeout that would only appear on one side).
ulimit -c 0

WORK=$(mktemp -d "${TMPDIR:-/tmp}/loongbt-guest.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

pass=0
fail=0
failed_names=()

# ---- helpers ------------------------------------------------------------------------

# run_capture PREFIX STDIN CMD...: run CMD with a timeout; PREFIX.out/.err/.status get stdout,
# stderr and bash's exit status (124 = timed out).  The inner subshell does the waiting, so
# bash's own "Segmentation fault" notice goes to /dev/null and not to our output.
run_capture() {
    local prefix=$1 input=$2
    shift 2
    ( timeout -k 5 "$TIMEOUT" "$@" >"$prefix.out" 2>"$prefix.err" <"$input"
      echo $? >"$prefix.status" ) 2>/dev/null
}

describe_status() {
    local st=$1
    if [ "$st" = 124 ]; then echo "timeout";
    elif [ "$st" -gt 128 ] 2>/dev/null; then echo "$st=signal $((st - 128))";
    else echo "$st"; fi
}

short_diff() {
    diff -u --label native --label loongbt "$1" "$2" | head -n 20 | sed 's/^/    /'
}

# run_test NAME PROGRAM INPUT OPTS_ARRAY_NAME ARGS...: one native + one loongbt run.
run_test() {
    local name=$1 prog=$2 input=$3 optsvar=$4
    shift 4
    local -n run_opts=$optsvar
    local n=$WORK/native t=$WORK/loongbt
    rm -f "$n".* "$t".*

    run_capture "$n" "$input" "$prog" "$@"
    run_capture "$t" "$input" "$LOONGBT" "${run_opts[@]}" "${EXTRA_ARGS[@]}" "$prog" "$@"
    # Under a host emulator (qemu-loongarch64 for a cross-built loongbt) the emulator itself
    # reports the signal that ends loongbt; that line is the harness's, not the guest's.
    if [ -n "${GUEST_STDERR_FILTER:-}" ] && [ -f "$t.err" ]; then
        grep -v -E "$GUEST_STDERR_FILTER" "$t.err" >"$t.err.f" || true
        mv "$t.err.f" "$t.err"
    fi
    local ns ts
    ns=$(cat "$n.status" 2>/dev/null || echo missing)
    ts=$(cat "$t.status" 2>/dev/null || echo missing)

    local why=() note=
    if [ "$ns" = 124 ]; then
        why+=("native run timed out")
    else
        if [ -n "$compare_hook" ]; then
            note=$("$compare_hook" "$n.out" "$t.out" 2>&1) || why+=("stdout differs: $compare_hook")
        else
            cmp -s "$n.out" "$t.out" || why+=("stdout differs")
        fi
        cmp -s "$n.err" "$t.err" || why+=("stderr differs")
        [ "$ns" = "$ts" ] || why+=("status $(describe_status "$ns") vs $(describe_status "$ts")")
    fi

    if [ ${#why[@]} -eq 0 ]; then
        echo "PASS $name${note:+ ($(basename "$compare_hook"): $note)}"
        pass=$((pass + 1))
        return
    fi
    local reason=${why[0]} w
    for w in "${why[@]:1}"; do reason+=", $w"; done
    echo "FAIL $name ($reason)"
    fail=$((fail + 1))
    failed_names+=("$name")
    [ -n "$note" ] && echo "$note" | head -n 20 | sed 's/^/    /'
    if ! cmp -s "$n.out" "$t.out"; then echo "  stdout:"; short_diff "$n.out" "$t.out"; fi
    if ! cmp -s "$n.err" "$t.err"; then echo "  stderr:"; short_diff "$n.err" "$t.err"; fi
}

# ---- main loop ----------------------------------------------------------------------

echo "guest tests: $LOONGBT ${EXTRA_ARGS[*]:-}"
shopt -s nullglob
progs=()
for p in "$BIN_DIR"/*; do
    [ -f "$p" ] && [ -x "$p" ] || continue
    progs+=("$p")
done
if [ ${#progs[@]} -eq 0 ]; then
    echo "run-guest-tests: no guest programs in $BIN_DIR (run 'make guest-tests')" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

for prog in "${progs[@]}"; do
    name=$(basename "$prog")
    if [ -n "${GUEST_TESTS:-}" ]; then
        case " $GUEST_TESTS " in *" $name "*) ;; *) continue ;; esac
    fi
    base=${name%-O0}
    input=/dev/null
    [ -f "$SPEC_DIR/$base.stdin" ] && input=$SPEC_DIR/$base.stdin
    compare_hook=
    [ -x "$SPEC_DIR/$base.compare" ] && compare_hook=$SPEC_DIR/$base.compare
    test_opts=()
    if [ -f "$SPEC_DIR/$base.loongbt-opts" ]; then
        read -r -a test_opts < <(grep -v '^#' "$SPEC_DIR/$base.loongbt-opts" | tr '\n' ' ')
    fi
    if [ -f "$SPEC_DIR/$base.args" ]; then
        mapfile -t arglines < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$SPEC_DIR/$base.args")
    else
        arglines=()
    fi
    if [ ${#arglines[@]} -eq 0 ]; then
        run_test "$name" "$prog" "$input" test_opts
    else
        i=0
        for line in "${arglines[@]}"; do
            i=$((i + 1))
            if [ "$line" = "(no args)" ]; then args=(); else eval "args=($line)"; fi
            run_test "$name#$i" "$prog" "$input" test_opts "${args[@]}"
        done
    fi
done

[ $fail -gt 0 ] && echo "failed: ${failed_names[*]}"
if [ $((pass + fail)) -eq 0 ]; then
    echo "run-guest-tests: no test matched GUEST_TESTS='${GUEST_TESTS:-}'" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
