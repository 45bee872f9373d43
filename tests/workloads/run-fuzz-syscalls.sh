#!/usr/bin/env bash
# run-fuzz-syscalls.sh - the syscall argument fuzzer (tests/workloads/fuzz-syscalls.c) natively
# (a sanity check of the fuzzer itself) and under loongbt. Random results cannot be compared
# with the native run; what must hold under loongbt: every child ends normally or by a guest
# signal, none by loongbt's own abort, and no "loongbt-i386: internal error" in any child log.
#
# Usage: tests/workloads/run-fuzz-syscalls.sh LOONGBT FUZZ_BINARY [SEED CHILDREN CALLS]
# Last line: "fuzz-syscalls: N passed, N failed" (one run natively, one under loongbt).
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 LOONGBT FUZZ_BINARY [SEED CHILDREN CALLS]" >&2; exit 2
fi
LOONGBT=$1 FUZZ=$2 SEED=${3:-1} CHILDREN=${4:-20} CALLS=${5:-500}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loongbt-fuzz.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0
pass=0 fail=0

# run NAME CMD...: one fuzzer run in a fresh scratch folder; logs kept for the report.
run() {
    local name=$1; shift
    rm -rf "$WORK/scratch" "$WORK/logs-$name"
    mkdir -p "$WORK/scratch" "$WORK/logs-$name"
    timeout -k 5 1800 "$@" "$FUZZ" "$SEED" "$CHILDREN" "$CALLS" "$WORK/scratch" "$WORK/logs-$name" \
        > "$WORK/$name.out" 2>&1 < /dev/null
    local st=$? bad
    bad=$(grep -l -a 'loongbt-i386: internal error' "$WORK/logs-$name"/* 2>/dev/null | head -3)
    sed 's/^/  /' "$WORK/$name.out" | tail -5
    if [ $st = 0 ] && [ -z "$bad" ] && ! grep -q -a 'loongbt-i386: internal error' "$WORK/$name.out"; then
        echo "PASS fuzz-syscalls ($name, seed $SEED)"; pass=$((pass + 1))
    else
        echo "FAIL fuzz-syscalls ($name, seed $SEED): status $st"; fail=$((fail + 1))
        for f in $bad; do echo "  $f:"; grep -a 'loongbt-i386' "$f" | head -3 | sed 's/^/    /'; done
    fi
}

echo "fuzz-syscalls: $CHILDREN children x $CALLS calls, seed $SEED"
run native
run loongbt "$LOONGBT"
echo "fuzz-syscalls: $pass passed, $fail failed"
[ $fail = 0 ]
