#!/usr/bin/env bash
# run-syscall-diff.sh - the differential system-call fuzzer (syscall-diff.c): for each seed, the
# same seeded random calls natively (twice: the transcript must be deterministic) and under
# loongbt, in the same scratch folder path, compared call by call.
#
# Usage: tests/syscall-diff/run-syscall-diff.sh LOONGBT FUZZ_BINARY "SEEDS" CALLS [THRESHOLD]
#   SEEDS: a list ("1 2"), THRESHOLD: the agreement a seed needs to pass, in percent (99.5).
# A seed passes when the two native runs agree, loongbt ends like the native run (status and
# the final "done" line: no crash), and the agreement is at least THRESHOLD.  Agreement is the
# share of call indices whose loongbt line is identical to the native one (a call after a
# loongbt crash counts as differing).  What the transcript leaves out (pids, times, addresses,
# inode numbers...) is listed at the top of syscall-diff.c.
# The differing calls, grouped by system call with the first examples, go to $SYSCALL_DIFF_REPORT
# (default: a file in the scratch folder, printed at the end when SYSCALL_DIFF_SHOW=1).
# Last line: "syscall-diff: N passed, N failed".
set -u
if [ $# -lt 4 ]; then
    echo "usage: $0 LOONGBT FUZZ_BINARY \"SEEDS\" CALLS [THRESHOLD]" >&2; exit 2
fi
LOONGBT=$1 FUZZ=$2 SEEDS=$3 CALLS=$4 THRESHOLD=${5:-99.5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loongbt-syscall-diff.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
REPORT=${SYSCALL_DIFF_REPORT:-$WORK/report.txt}
: > "$REPORT"
ulimit -c 0
pass=0 fail=0 total_same=0 total_calls=0

# run NAME CMD...: one run in a fresh scratch folder (always the same path: getcwd is compared).
run() {
    local name=$1; shift
    rm -rf "$WORK/scratch" && mkdir "$WORK/scratch"
    timeout -k 5 600 "$@" "$FUZZ" "$SEED" "$CALLS" "$WORK/scratch" > "$WORK/$name.out" 2> "$WORK/$name.err" < /dev/null
    echo $? > "$WORK/$name.status"
}

echo "syscall-diff: $CALLS calls per seed, seeds: $SEEDS, threshold $THRESHOLD%"
for SEED in $SEEDS; do
    run native1
    run native2
    run loongbt "$LOONGBT"
    ns=$(cat "$WORK/native1.status") ts=$(cat "$WORK/loongbt.status")
    why=()
    cmp -s "$WORK/native1.out" "$WORK/native2.out" || why+=("native runs differ (fuzzer not deterministic)")
    [ "$ns" = 0 ] || why+=("native status $ns")
    [ "$ts" = "$ns" ] || why+=("loongbt status $ts (native $ns)")
    tail -n 1 "$WORK/loongbt.out" | grep -q '^done ' || why+=("loongbt did not finish (crash?) after $(grep -c '^[0-9]' "$WORK/loongbt.out") calls")
    # same = call indices whose lines are identical; the others go to $WORK/diffs as
    # "seed <TAB> name <TAB> native line <TAB> loongbt line" for the report.
    same=$(awk -v calls="$CALLS" -v seed="$SEED" -v diffs="$WORK/diffs" '
        FNR == NR { if ($1 ~ /^[0-9]+$/) nat[$1] = $0; next }
        $1 ~ /^[0-9]+$/ { lb[$1] = $0 }
        END {
            for (i = 0; i < calls; i++) {
                if ((i in lb) && lb[i] == nat[i]) { same++; continue }
                name = nat[i]; sub(/^[0-9]+ /, "", name); sub(/\(.*/, "", name)
                if (!(i in lb)) name = "(not reached: loongbt stopped)"
                printf "%s\t%s\t%s\t%s\n", seed, name, nat[i], (i in lb) ? lb[i] : "-" >> diffs
            }
            print same + 0
        }' "$WORK/native1.out" "$WORK/loongbt.out")
    pct=$(awk -v s="$same" -v c="$CALLS" 'BEGIN { printf "%.2f", c ? 100 * s / c : 0 }')
    awk -v p="$pct" -v t="$THRESHOLD" 'BEGIN { exit !(p + 0 >= t + 0) }' || why+=("agreement below $THRESHOLD%")
    total_same=$((total_same + same)); total_calls=$((total_calls + CALLS))
    if [ ${#why[@]} -eq 0 ]; then
        echo "PASS seed $SEED: $pct% agreement ($same/$CALLS calls)"; pass=$((pass + 1))
    else
        reason=$(IFS=';'; echo "${why[*]}")
        echo "FAIL seed $SEED: $pct% agreement ($same/$CALLS calls): ${reason//;/; }"; fail=$((fail + 1))
    fi
done
echo "syscall-diff: overall $(awk -v s=$total_same -v c=$total_calls 'BEGIN { printf "%.2f", c ? 100 * s / c : 0 }')% agreement ($total_same/$total_calls calls)"
# The report: differing calls of all seeds grouped by system call, most frequent first, with
# the first two examples of each.
if [ -s "$WORK/diffs" ]; then
    {
        echo "differing calls by system call (count, then the first examples):"
        awk -F '\t' '{ n[$2]++; if (n[$2] <= 2) ex[$2] = ex[$2] "\001    seed " $1 " native:  " $3 "\001    seed " $1 " loongbt: " $4 }
            END { for (k in n) printf "%d\t%s\t%s\n", n[k], k, ex[k] }' "$WORK/diffs" |
        sort -t "$(printf '\t')" -k1,1nr -k2,2 |
        awk -F '\t' '{ printf "  %-32s %5d", $2, $1; gsub(/\001/, "\n", $3); print $3 }'
    } > "$REPORT"
fi
if [ "${SYSCALL_DIFF_SHOW:-0}" = 1 ] && [ -s "$REPORT" ]; then cat "$REPORT"; fi
echo "syscall-diff: $pass passed, $fail failed"
[ $fail = 0 ]
