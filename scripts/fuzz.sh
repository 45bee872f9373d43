#!/usr/bin/env bash
# fuzz.sh - long randomised testing, run by `make fuzz`:
#   1. the differential tester (tests/difftest) per family, for FUZZ_SECONDS per family or
#      FUZZ_COUNT sequences per family, in batches with consecutive seeds from FUZZ_SEED;
#   2. the libFuzzer target on the decoder/translator (build/fuzz/fuzz-translate) for
#      FUZZ_SECONDS; crash reproducers are written to tests/fuzz/crashes/.
# Prints "family: N sequences, M differences" per family (a family left out is "not run"),
# with the reproducer of the first differences of each batch in $FUZZ_LOG.
#
# Environment: LOONGBT (loongbt command, default build/x86_64/loongbt-i386), FUZZ_SECONDS
# (default 60), FUZZ_COUNT (overrides the time limit), FUZZ_FAMILIES (comma list, default
# all), FUZZ_SEED (default: from the clock, printed), FUZZ_BATCH (sequences per batch, 20000),
# FUZZ_LOG (default build/fuzz/fuzz.log), FUZZ_LIBFUZZER=0 skips step 2.
set -u
cd "$(dirname "$0")/.."
LOONGBT=${LOONGBT:-build/x86_64/loongbt-i386}
SECONDS_PER=${FUZZ_SECONDS:-60}
COUNT=${FUZZ_COUNT:-}
SEED=${FUZZ_SEED:-$(( $(date +%s) % 1000000 ))}
BATCH=${FUZZ_BATCH:-20000}
LOG=${FUZZ_LOG:-build/fuzz/fuzz.log}
HARNESS=build/difftest/difftest
mkdir -p "$(dirname "$LOG")" tests/fuzz/crashes
: > "$LOG"

ALL=$("$HARNESS" families | awk '{print $1}')
FAMILIES=${FUZZ_FAMILIES:-$(echo $ALL | tr ' ' ',')}
limit="$SECONDS_PER s"; [ -n "$COUNT" ] && limit="$COUNT sequences"
echo "fuzz: loongbt '$LOONGBT', seed $SEED, $limit per family; details in $LOG"

total_diff=0
summary=()
for f in $ALL; do
    case ",$FAMILIES," in *",$f,"*) ;; *) summary+=("$f: not run"); continue ;; esac
    n=0; d=0; s=$SEED; start=$(date +%s); failed=
    while :; do
        if [ -n "$COUNT" ]; then
            [ "$n" -ge "$COUNT" ] && break
            b=$(( COUNT - n < BATCH ? COUNT - n : BATCH ))
        else
            [ $(( $(date +%s) - start )) -ge "$SECONDS_PER" ] && break
            b=$(( BATCH / 10 ))        # short batches so the time limit is kept
        fi
        out=$(bash tests/difftest/difftest.sh --loongbt "$LOONGBT" --family "$f" --seed "$s" --count "$b" --show 2)
        echo "$out" >> "$LOG"
        line=$(echo "$out" | grep -E "^$f: [0-9]+ sequences, [0-9]+ differences$")
        [ -n "$line" ] || { failed=" (a batch failed, see $LOG)"; break; }
        bn=${line#*: }; bn=${bn%% *}; bd=${line#*, }; bd=${bd%% *}
        n=$((n + bn)); d=$((d + bd))
        echo "$out" | grep -q "loongbt run ended" && failed=" (loongbt died in a batch, see $LOG)"
        s=$((s + 1))
    done
    summary+=("$f: $n sequences, $d differences (seeds $SEED..$((s - 1)))$failed")
    echo "${summary[-1]}"
    total_diff=$((total_diff + d))
done

crashes=0
if [ "${FUZZ_LIBFUZZER:-1}" != 0 ]; then
    corpus=build/fuzz/corpus
    mkdir -p "$corpus"
    # Seed the corpus with generated sequences (first byte: the target's option byte).
    if [ -z "$(ls -A "$corpus")" ]; then
        for f in $ALL; do
            "$HARNESS" gen --family "$f" --seed 1 --count 50 | awk '{print $NF}' |
            while read -r hex; do
                [ "$hex" = - ] && continue
                printf '00%s' "$hex" | xxd -r -p > "$corpus/$f-$RANDOM$RANDOM"
            done
        done
    fi
    before=$(ls tests/fuzz/crashes | wc -l)
    echo "fuzz: libFuzzer on the translator for $SECONDS_PER s (corpus $corpus)"
    build/fuzz/fuzz-translate -max_total_time="$SECONDS_PER" -artifact_prefix=tests/fuzz/crashes/ \
        -print_final_stats=1 "$corpus" > build/fuzz/libfuzzer.log 2>&1
    rc=$?
    grep -E '^stat::number_of_executed_units|^Done' build/fuzz/libfuzzer.log | sed 's/^/  /'
    crashes=$(( $(ls tests/fuzz/crashes | wc -l) - before ))
    [ "$rc" != 0 ] && [ "$crashes" = 0 ] && crashes=1
    echo "translator fuzzing: exit status $rc, $crashes new crash reproducers in tests/fuzz/crashes/"
    [ "$rc" != 0 ] && grep -m5 -E 'ERROR|SUMMARY|Assert|assert' build/fuzz/libfuzzer.log | sed 's/^/  /'
fi

echo "==== fuzz summary (seed $SEED) ===="
printf '%s\n' "${summary[@]}"
[ "$total_diff" = 0 ] && [ "$crashes" = 0 ]
