#!/bin/bash
# run-perf-tests.sh LOONGBT HOTLOOP [LOONGBT_WITHOUT_LIBPFM] - loongbt's perf integration.
#
# HOTLOOP (tests/perf/hotloop.c) spends nearly all its time in hot_function. Checks:
#   perfmap      perf record -e cpu-clock of loongbt -perfmap; perf report must put most of
#                the samples on guest:hot_function blocks (names from the guest's symbol table)
#   jitdump      the dump parses (jitdump-check.py: header, every record) and names hot_function;
#                perf record -k mono + perf inject -j + perf report must show it too
#   perf-count   -perf perf::TASK-CLOCK: total > 0 and the five shares sum to the total (the
#                guest closes its stderr first: the report is written to loongbt's own copy)
#   perf-bad     -perf with an unknown event: exactly one stderr line, the guest's output and
#                exit status as natively
#   perf-sample  -perf-sample perf::CPU-CLOCK: most sample weight on hot_function's blocks
#   perf-list    -perf list names the software events the tests use
#   no-libpfm    a build without libpfm4 (the LoongArch one): one line, the run goes on
# Every guest run's stdout and exit status are compared with the native run. Where perf cannot
# record (no perf, perf_event_paranoid, no libpfm4 in this build) the check prints
# "not run: <name>: <reason>" and is not counted as passed.
# Last line: "perf tests: N passed, N failed, N not run".

abs() { [ -n "$1" ] && echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
LOONGBT=$(abs "$1") HOTLOOP=$(abs "$2") NOPFM=$(abs "$3")   # the runs happen in a scratch folder
HERE=$(cd "$(dirname "$0")" && pwd)
ITER=200                                # millions of hot_function iterations (~0.3 s natively)
pass=0 fail=0 notrun=0
ok()      { echo "PASS $1"; pass=$((pass + 1)); }
bad()     { echo "FAIL $1: $2"; fail=$((fail + 1)); }
skip()    { echo "not run: $1: $2"; notrun=$((notrun + 1)); }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
native_out=$("$HOTLOOP" $ITER); native_rc=$?

# run NAME CMD...: runs CMD in $tmp, stdout to $tmp/out, stderr to $tmp/err; checks the guest
# output and status against the native run (returns 1 and reports on a difference).
run() {
    local name=$1; shift
    (cd "$tmp" && "$@") > "$tmp/out" 2> "$tmp/err"; local rc=$?
    if [ "$(cat "$tmp/out")" != "$native_out" ] || [ $rc != $native_rc ]; then
        bad "$name" "guest output or exit status ($rc) differs from the native run ($native_rc)"
        sed 's/^/    /' "$tmp/err" | head -5
        return 1
    fi
}

# ---- perf record available?
perf_reason=
if ! command -v perf >/dev/null; then
    perf_reason="perf is not installed (make deps)"
elif ! perf record -q -e cpu-clock -o "$tmp/probe.data" true >/dev/null 2>&1; then
    perf_reason="perf record -e cpu-clock fails here (kernel.perf_event_paranoid=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null))"
fi
rm -f "$tmp/probe.data"

# Share of perf report's sample overhead on symbols matching $2 in report file $1.
overhead_of() {
    awk -v pat="$2" '$0 !~ /^#/ && index($0, pat) { sub("%", "", $1); s += $1 } END { printf "%d\n", s }' "$1"
}

# ---- perfmap
if [ -n "$perf_reason" ]; then skip perfmap "$perf_reason"; else
    # sh execs loongbt: the pid it writes is loongbt's, the one in the map's name.
    if run perfmap perf record -q -e cpu-clock -o perf.data \
           sh -c 'echo $$ > pid; exec "$0" "$@"' "$LOONGBT" -perfmap "$HOTLOOP" $ITER; then
        pid=$(cat "$tmp/pid")
        map=/tmp/perf-$pid.map
        perf report -i "$tmp/perf.data" --stdio --sort sym > "$tmp/report" 2>/dev/null
        share=$(overhead_of "$tmp/report" "guest:hot_function")
        if [ -z "$pid" ] || [ ! -s "$map" ]; then bad perfmap "no /tmp/perf-<pid>.map from the run"
        elif grep -vqE '^[0-9a-f]+ [0-9a-f]+ guest:' "$map"; then bad perfmap "a line of $map is not 'START SIZE guest:name'"
        elif [ "$share" -lt 50 ]; then bad perfmap "perf report puts ${share}% on guest:hot_function (want most)"; head -20 "$tmp/report"
        else ok "perfmap (perf report: ${share}% of samples in guest:hot_function)"; fi
        [ -n "$pid" ] && rm -f "$map"
    fi
fi

# ---- jitdump
if run jitdump "$LOONGBT" -jitdump "$HOTLOOP" $ITER; then
    dump=$(ls "$tmp"/jit-*.dump 2>/dev/null | head -1)
    if [ -z "$dump" ]; then bad jitdump "no jit-<pid>.dump in the current folder"
    elif ! msg=$(python3 "$HERE/jitdump-check.py" "$dump" "$LOONGBT" hot_function); then bad jitdump "$msg"
    else ok "jitdump format ($msg)"; fi
    rm -f "$tmp"/jit-*.dump
fi
if [ -n "$perf_reason" ]; then skip "jitdump perf inject" "$perf_reason"; else
    if run "jitdump perf inject" perf record -q -k mono -e cpu-clock -o perf.data "$LOONGBT" -jitdump "$HOTLOOP" $ITER; then
        if ! (cd "$tmp" && perf inject -j -i perf.data -o perf.jit.data) > "$tmp/inject.log" 2>&1; then
            bad "jitdump perf inject" "perf inject -j failed: $(tail -1 "$tmp/inject.log")"
        else
            perf report -i "$tmp/perf.jit.data" --stdio --sort dso,sym > "$tmp/report" 2>/dev/null
            share=$(overhead_of "$tmp/report" "guest:hot_function")
            if [ "$share" -lt 50 ] || ! grep -q 'jitted-.*guest:hot_function' "$tmp/report"; then
                bad "jitdump perf inject" "perf report after inject: ${share}% on guest:hot_function in jitted-*.so"
            else ok "jitdump perf inject (perf report: ${share}% of samples in guest:hot_function)"; fi
        fi
    fi
    rm -f "$tmp"/jit* "$tmp"/perf*.data
fi

# ---- libpfm4
pfm_reason=
"$LOONGBT" -perf list > "$tmp/list" 2> "$tmp/err"
if grep -q "not built with libpfm4" "$tmp/err"; then pfm_reason="this build has no libpfm4 (CONFIG_LIBPFM=n or libpfm4-dev missing)"; fi

if [ -n "$pfm_reason" ]; then for t in perf-list perf-count perf-bad perf-sample; do skip $t "$pfm_reason"; done; else
    if grep -q '^perf::TASK-CLOCK' "$tmp/list" && grep -q '^perf::CPU-CLOCK' "$tmp/list"; then
        ok "perf-list ($(wc -l < "$tmp/list") events)"
    else bad perf-list "perf::TASK-CLOCK / perf::CPU-CLOCK not listed"; fi

    # The guest closes its stderr before exiting: the report must appear all the same.
    native_out=$("$HOTLOOP" $ITER close-stderr); native_rc=$?
    if run perf-count "$LOONGBT" -perf perf::TASK-CLOCK "$HOTLOOP" $ITER close-stderr; then
        if grep -q "cannot count" "$tmp/err"; then skip perf-count "$(grep "cannot count" "$tmp/err")"
        else
            total=$(sed -n 's/^perf: perf::TASK-CLOCK: \([0-9]*\) total.*/\1/p' "$tmp/err")
            sum=$(awk '/^perf:   / { s += $(NF-1) } END { printf "%d\n", s }' "$tmp/err")
            n=$(grep -c '^perf:   ' "$tmp/err")
            if [ -z "$total" ] || [ "$total" = 0 ] || [ "$n" != 5 ] || [ "$sum" != "$total" ]; then
                bad perf-count "total '$total', $n shares summing to $sum"; sed 's/^/    /' "$tmp/err"
            else ok "perf-count (TASK-CLOCK $total ns = sum of the 5 shares; $(grep 'translated code' "$tmp/err" | awk '{print $NF}') in translated code)"; fi
        fi
    fi

    native_out=$("$HOTLOOP" $ITER); native_rc=$?
    if run perf-bad "$LOONGBT" -perf no::SUCH-EVENT "$HOTLOOP" $ITER; then
        if [ "$(wc -l < "$tmp/err")" = 1 ] && grep -q "no::SUCH-EVENT" "$tmp/err"; then ok "perf-bad ($(cat "$tmp/err"))"
        else bad perf-bad "stderr is not one line naming the event:"; sed 's/^/    /' "$tmp/err"; fi
    fi

    if run perf-sample "$LOONGBT" -perf-sample perf::CPU-CLOCK "$HOTLOOP" $ITER; then
        if grep -q "cannot sample" "$tmp/err"; then skip perf-sample "$(grep "cannot sample" "$tmp/err")"
        else
            share=$(awk '/^perf-sample: .*block 0x[0-9a-f]+ hot_function/ { sub("%", "", $2); s += $2 } END { printf "%d\n", s }' "$tmp/err")
            if [ "$share" -lt 50 ]; then bad perf-sample "${share}% on hot_function's blocks"; sed 's/^/    /' "$tmp/err" | head -12
            else ok "perf-sample (${share}% of the samples in hot_function's blocks)"; fi
        fi
    fi
fi

# ---- a build without libpfm4
if [ -z "$NOPFM" ]; then skip no-libpfm "no build without libpfm4 given"; else
    native_out=$("$HOTLOOP" 1); native_rc=$?
    if run no-libpfm "$NOPFM" -perf perf::TASK-CLOCK "$HOTLOOP" 1; then
        if [ "$(grep -cv '^qemu: uncaught target signal' "$tmp/err")" = 1 ] && grep -q "not built with libpfm4" "$tmp/err"; then
            ok "no-libpfm ($(cat "$tmp/err"))"
        else bad no-libpfm "stderr is not the one 'not built with libpfm4' line"; sed 's/^/    /' "$tmp/err"; fi
    fi
fi

echo "perf tests: $pass passed, $fail failed, $notrun not run"
[ $fail = 0 ]
