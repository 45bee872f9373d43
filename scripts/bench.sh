#!/usr/bin/env bash
# bench.sh - wall-time benchmark: native vs loongbt vs qemu-i386 on tests/bench/bench.c.
#
# Usage: scripts/bench.sh [LOONGBT_BINARY] [bench args...]   (invoked by `make bench`)
# Builds the benchmark (i686-linux-gnu-gcc -O2 -static) into build/bench/, then runs the
# runners interleaved (A B C A B C ...) so machine noise hits them alike, RUNS times each
# (default 5), prints each runner's median wall time and its ratio to native, and checks that
# every run printed exactly the native output.  qemu-i386 is skipped when it is not installed.
# Environment: RUNS, GUEST_CC, BENCH_LOONGBT_OPTS (extra loongbt options).
set -euo pipefail

cd "$(dirname "$0")/.."
LOONGBT=${1:-build/$(uname -m)/loongbt-i386}
[ $# -gt 0 ] && shift
BENCH_ARGS=("$@")
RUNS=${RUNS:-5}
GUEST_CC=${GUEST_CC:-i686-linux-gnu-gcc}
OUT=build/bench
mkdir -p "$OUT"

# ---- build ----------------------------------------------------------------------------
if [ ! -x "$OUT/bench" ] || [ tests/bench/bench.c -nt "$OUT/bench" ]; then
    "$GUEST_CC" -O2 -static -Wall -o "$OUT/bench" tests/bench/bench.c
fi
if [ ! -x "$LOONGBT" ]; then
    echo "bench: loongbt binary '$LOONGBT' not found (run 'make' first)" >&2
    exit 1
fi

# ---- runners --------------------------------------------------------------------------
names=(native loongbt)
cmds=("" "$LOONGBT ${BENCH_LOONGBT_OPTS:-}")
if command -v qemu-i386 >/dev/null 2>&1; then
    names+=(qemu-i386)
    cmds+=("qemu-i386")
else
    echo "bench: qemu-i386 not installed, comparing native and loongbt only"
fi
n=${#names[@]}

# time_run INDEX OUTFILE: run one runner once, print its wall time in seconds
time_run() {
    local i=$1 outfile=$2 t0 t1 status=0
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086  # the runner command is deliberately word-split
    ${cmds[$i]} "$OUT/bench" "${BENCH_ARGS[@]}" >"$outfile" 2>&1 || status=$?
    t1=$(date +%s.%N)
    if [ $status -ne 0 ]; then
        echo "bench: ${names[$i]} exited with status $status" >&2
    fi
    echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
}

declare -A times
mismatch=0
"$OUT/bench" "${BENCH_ARGS[@]}" >"$OUT/expected.txt" 2>&1
echo "bench: $RUNS rounds of ${names[*]} (interleaved)"
for ((r = 1; r <= RUNS; r++)); do
    line="round $r:"
    for ((i = 0; i < n; i++)); do
        t=$(time_run "$i" "$OUT/out-${names[$i]}.txt")
        times[$i]="${times[$i]:-} $t"
        if ! cmp -s "$OUT/expected.txt" "$OUT/out-${names[$i]}.txt"; then
            echo "bench: OUTPUT MISMATCH for ${names[$i]} in round $r:" >&2
            diff "$OUT/expected.txt" "$OUT/out-${names[$i]}.txt" | head -n 10 >&2 || true
            mismatch=1
        fi
        line+=" ${names[$i]} ${t}s"
    done
    echo "$line"
done

# ---- report ---------------------------------------------------------------------------
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
native_med=$(echo "${times[0]}" | median)
printf '%-10s %10s %10s\n' runner median ratio
for ((i = 0; i < n; i++)); do
    m=$(echo "${times[$i]}" | median)
    ratio=$(awk -v a="$m" -v b="$native_med" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }')
    printf '%-10s %9ss %10s\n' "${names[$i]}" "$m" "$ratio"
done
if [ $mismatch -ne 0 ]; then
    echo "bench: outputs differ from native (see above)"
    exit 1
fi
echo "bench: all outputs identical to native"
