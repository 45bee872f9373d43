#!/usr/bin/env bash
# difftest.sh - differential test driver: random i386 sequences run natively and under loongbt.
#
# Usage: tests/difftest/difftest.sh --loongbt CMD [--seed S] [--count N] [--start I]
#                                   [--family F[,F...]|all] [--strict] [--show K] [--harness BIN]
#
# For each family: `difftest gen` writes N sequences (seed S, indices I..I+N-1) natively, the
# batch runs natively (the oracle) and under loongbt (CMD may be a wrapper such as
# build/loongarch64/loongbt-i386.run), and the result lines are compared. Prints per family
# "family: N sequences, M differences" and, for the first K differences (default 3), the
# reproducer (family, seed, index), the instruction bytes with their disassembly (llvm-mc-19)
# and the fields that differ. Families not selected are listed as "not run".
# Reproduce one sequence: --family F --seed S --start INDEX --count 1.
# Environment: DIFFTEST_FAMILIES (default family list), DIFFTEST_TIMEOUT (seconds per batch
# run, default 600). Exit status: 0 no difference, 1 differences or a failed run, 2 usage.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../native-cpu.sh"
ROOT=$(cd "$HERE/../.." && pwd)
HARNESS=$ROOT/build/difftest/difftest
LOONGBT=
SEED=1
COUNT=1000
START=0
FAMILIES=${DIFFTEST_FAMILIES:-all}
STRICT=
SHOW=3
TIMEOUT=${DIFFTEST_TIMEOUT:-600}

usage() { sed -n '4,6p' "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
    --loongbt) LOONGBT=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --count) COUNT=$2; shift 2 ;;
    --start) START=$2; shift 2 ;;
    --family) FAMILIES=$2; shift 2 ;;
    --strict) STRICT=--strict; shift ;;
    --show) SHOW=$2; shift 2 ;;
    --harness) HARNESS=$2; shift 2 ;;
    *) usage ;;
    esac
done
[ -n "$LOONGBT" ] || usage
[ -x "$HARNESS" ] || { echo "difftest: harness $HARNESS not built (make check-difftest builds it)" >&2; exit 2; }

ALL=$("$HARNESS" families | awk '{print $1}')
[ "$FAMILIES" = all ] && FAMILIES=$(echo $ALL | tr ' ' ',')
for f in ${FAMILIES//,/ }; do
    echo "$ALL" | grep -qx "$f" || { echo "difftest: unknown family '$f' (known: $(echo $ALL))" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/loongbt-difftest.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0

disasm() {   # hex bytes -> one line of llvm-mc disassembly (best effort)
    command -v llvm-mc-19 >/dev/null || return 0
    echo "$1" | sed 's/../0x& /g' | llvm-mc-19 --disassemble -triple=i386 -output-asm-variant=1 2>/dev/null |
        sed -n 's/^\t\+//p' | sed 's/[[:space:]]*#.*//' | grep -v '^\.text' | tr '\n' ';' | sed 's/\t/ /g; s/;$//'
}

# Print the fields (name=value) that differ between two result lines.
field_diff() {
    paste <(echo "$1" | tr ' ' '\n') <(echo "$2" | tr ' ' '\n') |
        awk -F'\t' '$1 != $2 { printf "      native: %-40s loongbt: %s\n", $1, $2 }'
}

total_diff=0
failed=0
for f in $ALL; do
    case ",$FAMILIES," in *",$f,"*) ;; *) echo "$f: not run"; continue ;; esac
    "$HARNESS" gen --family "$f" --seed "$SEED" --count "$COUNT" --start "$START" > "$WORK/$f.batch"
    "$HARNESS" run $STRICT < "$WORK/$f.batch" > "$WORK/$f.native" 2> "$WORK/$f.native.err"
    if [ $? != 0 ]; then
        echo "$f: native run FAILED (a harness or generator bug):"; tail -3 "$WORK/$f.native.err"
        failed=1; continue
    fi
    timeout "$TIMEOUT" $LOONGBT "$HARNESS" run $STRICT < "$WORK/$f.batch" > "$WORK/$f.loongbt" 2> "$WORK/$f.loongbt.err"
    rc=$?
    # Compare line by line (difftest compare: exact, but 1 ulp on the result of a final
    # transcendental, lines marked tol=trans); lines missing under loongbt count as differences.
    "$HARNESS" compare "$WORK/$f.native" "$WORK/$f.loongbt" > "$WORK/$f.diffidx"
    ndiff=$(wc -l < "$WORK/$f.diffidx")
    nlb=$(wc -l < "$WORK/$f.loongbt")
    nnat=$(wc -l < "$WORK/$f.native")
    echo "$f: $nnat sequences, $ndiff differences"
    if [ "$rc" != 0 ] || [ "$nlb" != "$nnat" ]; then
        echo "  loongbt run ended with status $rc after $nlb of $nnat sequences; stderr:"
        tail -3 "$WORK/$f.loongbt.err" | sed 's/^/    /'
        failed=1
    fi
    total_diff=$((total_diff + ndiff))
    shown=0
    while [ "$shown" -lt "$SHOW" ] && IFS= read -r idx; do
        nat=$(sed -n "$((idx + 1))p" "$WORK/$f.native")
        lb=$(sed -n "$((idx + 1))p" "$WORK/$f.loongbt")
        code=$(echo "$nat" | awk '{print $3}')
        echo "  DIFF $f seed $SEED index $((START + idx)): $code"
        echo "    asm: $(disasm "$code")"
        echo "    repro: $0 --loongbt '$LOONGBT' --family $f --seed $SEED --start $((START + idx)) --count 1 $STRICT"
        field_diff "$nat" "${lb:-<no output>}"
        shown=$((shown + 1))
    done < "$WORK/$f.diffidx"
done
echo "difftest: $total_diff differences in total (seed $SEED, $COUNT per family, loongbt: $LOONGBT)"
[ "$total_diff" = 0 ] && [ "$failed" = 0 ]
