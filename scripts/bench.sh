#!/usr/bin/env bash
# bench.sh - wall-time benchmark: native vs loongbt vs qemu-i386 on tests/bench/bench.c (integer) and
# tests/bench/fpbench.c built for the x87 and for SSE2 (FP_SCALE, default 5).
#
# Usage: scripts/bench.sh [LOONGBT_COMMAND] [scale]
# Builds the benchmark (i686-linux-gnu-gcc -O2 -static) into build/bench/, then, depending on
# the loongbt command:
#  - a native build (make bench): native vs loongbt vs qemu-i386 on the whole benchmark, run
#    interleaved (A B C A B C ...) so machine noise hits them alike, RUNS times each (default 5);
#    prints each runner's median wall time and its ratio to native, then loongbt's -d stats.
#  - a cross build run under its emulator (a ".run" wrapper: make bench HOST=loongarch64): per
#    workload of bench.c, the static inflation from -d stats (host instructions on the blocks'
#    fast paths per guest instruction translated) and the median emulated wall time over RUNS
#    runs (default 3), native times beside it for reference.
# Every run must print exactly the native output.  qemu-i386 is skipped when not installed.
# Environment: RUNS, GUEST_CC, BENCH_LOONGBT_OPTS (extra loongbt options).
set -euo pipefail

cd "$(dirname "$0")/.."
LOONGBT=${1:-build/$(uname -m)/loongbt-i386}
SCALE=${2:-1}
GUEST_CC=${GUEST_CC:-i686-linux-gnu-gcc}
WORKLOADS=(sieve sort hash strings matrix)
OUT=build/bench
mkdir -p "$OUT"

# ---- build ----------------------------------------------------------------------------
if [ ! -x "$OUT/bench" ] || [ tests/bench/bench.c -nt "$OUT/bench" ]; then
    "$GUEST_CC" -O2 -static -Wall -o "$OUT/bench" tests/bench/bench.c
fi
if [ ! -x "$LOONGBT" ]; then
    echo "bench: loongbt command '$LOONGBT' not found (run 'make' first)" >&2
    exit 1
fi

# time_cmd OUTFILE CMD...: run once, print the wall time in seconds
time_cmd() {
    local outfile=$1 t0 t1 status=0
    shift
    t0=$(date +%s.%N)
    "$@" >"$outfile" 2>&1 || status=$?
    t1=$(date +%s.%N)
    [ $status -eq 0 ] || echo "bench: '$*' exited with status $status" >&2
    echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
}

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mismatch=0
# same_output EXPECTED GOT NAME: compare, report a difference
same_output() {
    if ! cmp -s "$1" "$2"; then
        echo "bench: OUTPUT MISMATCH for $3:" >&2
        diff "$1" "$2" | head -n 10 >&2 || true
        mismatch=1
    fi
}

# stat_field FILE REGEX: the number captured by the sed regex in the -d stats log
stat_field() { sed -n "s/^stats: $2.*/\1/p" "$1" | tail -1; }

# shellcheck disable=SC2206  # the options are deliberately word-split
LB=("$LOONGBT" ${BENCH_LOONGBT_OPTS:-})

# ---- cross build under its emulator: per workload -------------------------------------
if [[ $LOONGBT == *.run ]]; then
    RUNS=${RUNS:-3}
    echo "bench: $LOONGBT (emulated), scale $SCALE, $RUNS runs per workload (native and loongbt interleaved)"
    printf '%-8s %11s %11s %10s %10s %12s\n' workload guest-insns host-insns inflation native loongbt-emu
    for w in "${WORKLOADS[@]}"; do
        "$OUT/bench" "$SCALE" "$w" >"$OUT/expected-$w.txt"
        "${LB[@]}" -d stats -D "$OUT/stats-$w.txt" "$OUT/bench" "$SCALE" "$w" >"$OUT/out-$w.txt" 2>&1 || true
        same_output "$OUT/expected-$w.txt" "$OUT/out-$w.txt" "loongbt $w (stats run)"
        gi=$(stat_field "$OUT/stats-$w.txt" '[0-9]* TBs, \([0-9]*\) guest insns')
        hi=$(stat_field "$OUT/stats-$w.txt" 'host insns [0-9]*, fast path \([0-9]*\)')
        infl=$(stat_field "$OUT/stats-$w.txt" '.*static inflation \([0-9.]*\)')
        tn=""; tl=""
        for ((r = 1; r <= RUNS; r++)); do
            tn+=" $(time_cmd "$OUT/out-native-$w.txt" "$OUT/bench" "$SCALE" "$w")"
            tl+=" $(time_cmd "$OUT/out-$w.txt" "${LB[@]}" "$OUT/bench" "$SCALE" "$w")"
            same_output "$OUT/expected-$w.txt" "$OUT/out-$w.txt" "loongbt $w run $r"
        done
        printf '%-8s %11s %11s %10s %9ss %11ss\n' "$w" "${gi:-?}" "${hi:-?}" "${infl:-n/a}" \
            "$(echo "$tn" | median)" "$(echo "$tl" | median)"
    done
    echo "(inflation: host insns on each block's fast path - its code minus the exit_tb sequences -"
    echo " per guest insn, over all code translated by the run, libc start-up included)"
    [ $mismatch -eq 0 ] && echo "bench: all outputs identical to native" && exit 0
    echo "bench: outputs differ from native (see above)"
    exit 1
fi

# ---- native build: native vs loongbt vs qemu-i386 -------------------------------------
RUNS=${RUNS:-5}
names=(native loongbt)
cmds=("" "${LB[*]}")
if command -v qemu-i386 >/dev/null 2>&1; then
    names+=(qemu-i386)
    cmds+=("qemu-i386")
else
    echo "bench: qemu-i386 not installed, comparing native and loongbt only"
fi
n=${#names[@]}

# run_set LABEL PROGRAM ARGS...: RUNS interleaved rounds of every runner on one program,
# medians and ratios to native; outputs must be identical to the native one.
run_set() {
    local label=$1 prog=$2 r i t m ratio line native_med
    shift 2
    local -A times=()
    "$prog" "$@" >"$OUT/expected-$label.txt" 2>&1
    echo "bench[$label]: $RUNS rounds of ${names[*]} (interleaved), args $*"
    for ((r = 1; r <= RUNS; r++)); do
        line="round $r:"
        for ((i = 0; i < n; i++)); do
            # shellcheck disable=SC2086  # the runner command is deliberately word-split
            t=$(time_cmd "$OUT/out-$label-${names[$i]}.txt" ${cmds[$i]} "$prog" "$@")
            times[$i]="${times[$i]:-} $t"
            same_output "$OUT/expected-$label.txt" "$OUT/out-$label-${names[$i]}.txt" "${names[$i]} $label round $r"
            line+=" ${names[$i]} ${t}s"
        done
        echo "$line"
    done
    native_med=$(echo "${times[0]}" | median)
    printf '%-10s %-12s %10s %10s\n' runner workload median ratio
    for ((i = 0; i < n; i++)); do
        m=$(echo "${times[$i]}" | median)
        ratio=$(awk -v a="$m" -v b="$native_med" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }')
        printf '%-10s %-12s %9ss %10s\n' "${names[$i]}" "$label" "$m" "$ratio"
    done
}

run_set integer "$OUT/bench" "$SCALE"
# Floating point: one source, built for the x87 and for SSE2 (see tests/bench/fpbench.c).
FP_SCALE=${FP_SCALE:-5}
for fpu in x87 sse2; do
    flags=(-mfpmath=387); [ $fpu = sse2 ] && flags=(-msse2 -mfpmath=sse)
    if [ ! -x "$OUT/fpbench-$fpu" ] || [ tests/bench/fpbench.c -nt "$OUT/fpbench-$fpu" ]; then
        "$GUEST_CC" -O2 -static "${flags[@]}" -o "$OUT/fpbench-$fpu" tests/bench/fpbench.c -lm
    fi
    run_set "fp-$fpu" "$OUT/fpbench-$fpu" "$FP_SCALE"
done
"${LB[@]}" -d stats -D "$OUT/stats.txt" "$OUT/bench" "$SCALE" >/dev/null 2>&1 || true
sed 's/^/loongbt /' "$OUT/stats.txt"
if [ $mismatch -ne 0 ]; then
    echo "bench: outputs differ from native (see above)"
    exit 1
fi
echo "bench: all outputs identical to native"
