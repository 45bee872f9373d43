#!/usr/bin/env bash
# run-workloads.sh - real Debian i386 programs (busybox, gzip, bzip2, xz, sqlite3, lua, perl,
# make, tar, ls, gnuplot, python3, dash from the sysroot that scripts/fetch-i386-sysroot.sh
# unpacks) running scripted workloads natively and under loongbt; stdout, stderr and exit status
# must be identical.
#
# Usage: tests/workloads/run-workloads.sh [-subset|-long] LOONGBT [extra loongbt options...]
#
# Each workload is tests/workloads/<name>.sh (sourcing lib.sh), run by bash twice in the same
# scratch folder: first with WORKLOAD_MODE=native (the oracle), then, in a fresh copy of the
# folder, with WORKLOAD_MODE=loongbt.  Workloads in WORKLOADS_PENDING are listed as
# "PENDING name (not run: why)" and count neither as passed nor as failed.
# -subset runs only the SUBSET=y workloads (for slow hosts, e.g. loongbt under qemu).
# SUBSET=long marks a workload that takes minutes under loongbt: it runs only with -long (which
# runs only those) or when named in WORKLOADS; otherwise it is listed as "LONG name (not run)".
# Environment: WORKLOADS (names to run, default all), WORKLOADS_PENDING (overrides the default
# list below), WORKLOAD_ROOT (default sysroots/i386), WORKLOAD_TIMEOUT (seconds per run,
# default 300; 2700 for a SUBSET=long workload, whose three python3 -m test runs have their own
# 900 s limits and take minutes each under loongbt), WORKLOAD_STDERR_FILTER (ERE of lines dropped from loongbt's stderr, for an
# emulator's own messages).
# Last line: "workloads: N passed, N failed, N pending"; exit 1 on any failure or none run.

set -u

# WORKLOAD(name, in the -subset run, what it needs that may be missing)
WORKLOAD_LIST='
busybox-sh   y  -
gzip         y  -
bzip2        n  -
xz           n  -
xz-threads   n  -
sqlite3      n  x87 (REAL columns, printf, avg use double)
busybox-awk  n  x87 (awk, seq, sort -n use double)
lua          y  x87 (lua5.4 uses double)
perl         n  x87 (perl uses double)
make         n  set*id32 (posix_spawn: setresuid32)
tar          n  fchownat, mknodat, linkat, symlinkat, flistxattr, llistxattr
ls           n  lgetxattr, getxattr (the ACL + of ls -l)
gnuplot      n  setuid32 ("refusing to run at elevated privilege")
python3-test n  msync (test_mmap: mmap.flush)
python3-test-slow long  set*id32 (test_subprocess), signals with threads (test_signal crashes)
sh-script    n  #! script as the program (-L /bin/sh under loongbt)
'
# Workloads that cannot pass yet (names from the list above; the reason is the third column).
WORKLOADS_PENDING_DEFAULT=""
WORKLOADS_PENDING=${WORKLOADS_PENDING-$WORKLOADS_PENDING_DEFAULT}

subset=n
case ${1:-} in -subset) subset=y; shift ;; -long) subset=long; shift ;; esac
if [ $# -lt 1 ]; then
    echo "usage: $0 [-subset|-long] LOONGBT [extra loongbt options...]" >&2
    exit 2
fi
LOONGBT=$1
shift
LOONGBT_OPTS="$*"

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
. "$TOP/tests/native-cpu.sh"
WORKLOAD_ROOT=${WORKLOAD_ROOT:-$TOP/sysroots/i386}

case $LOONGBT in /*) ;; *) LOONGBT=$PWD/$LOONGBT ;; esac
if [ ! -x "$LOONGBT" ]; then
    echo "run-workloads: loongbt '$LOONGBT' not found or not executable" >&2
    echo "workloads: 0 passed, 1 failed, 0 pending"; exit 1
fi
if [ ! -x "$WORKLOAD_ROOT/lib/ld-linux.so.2" ] || [ ! -x "$WORKLOAD_ROOT/bin/busybox" ]; then
    echo "run-workloads: no i386 sysroot in $WORKLOAD_ROOT (run 'make deps' or" \
         "'bash scripts/fetch-i386-sysroot.sh')" >&2
    echo "workloads: 0 passed, 1 failed, 0 pending"; exit 1
fi
WORKLOAD_ROOT=$(cd "$WORKLOAD_ROOT" && pwd)
export WORKLOAD_ROOT LOONGBT LOONGBT_OPTS
export WORKLOAD_DIR=$HERE
export LC_ALL=C TZ=UTC

ulimit -c 0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loongbt-workloads.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# run_mode MODE PREFIX NAME TIMEOUT: one run of the workload script in $WORK/run (created fresh).
run_mode() {
    local mode=$1 prefix=$2 name=$3 timeout=$4
    rm -rf "$WORK/run" && mkdir -p "$WORK/run"
    ( cd "$WORK/run" &&
      WORKLOAD_MODE=$mode timeout -k 5 "$timeout" \
          bash -c '. "$WORKLOAD_DIR/lib.sh"; . "$WORKLOAD_DIR/$1.sh"' workload "$name" \
          > "$prefix.out" 2> "$prefix.err" < /dev/null
      echo $? > "$prefix.status" ) 2>/dev/null
    # The sysroot path appears in the programs' own messages; shorten it for readable diffs.
    sed -i "s#$WORKLOAD_ROOT#<root>#g" "$prefix.out" "$prefix.err"
}

short_diff() {
    diff -u --label native --label loongbt "$1" "$2" | head -n 30 | sed 's/^/    /'
}

echo "workloads: $LOONGBT $LOONGBT_OPTS (sysroot $WORKLOAD_ROOT)$([ $subset != n ] && echo ", $subset")"
pass=0; fail=0; pending=0; failed_names=()
while read -r name in_subset needs; do
    [ -n "$name" ] || continue
    if [ -n "${WORKLOADS:-}" ]; then
        case " $WORKLOADS " in *" $name "*) ;; *) continue ;; esac
    elif [ $subset = long ] && [ "$in_subset" != long ]; then
        continue
    elif [ $subset != long ] && [ "$in_subset" = long ]; then
        echo "LONG $name (not run here: make check-workloads-long)"; continue
    elif [ $subset = y ] && [ "$in_subset" != y ]; then
        continue
    fi
    case " $WORKLOADS_PENDING " in
    *" $name "*) echo "PENDING $name (not run: needs $needs)"; pending=$((pending + 1)); continue ;;
    esac
    n=$WORK/native t=$WORK/loongbt
    limit=${WORKLOAD_TIMEOUT:-$([ "$in_subset" = long ] && echo 2700 || echo 300)}
    start=$SECONDS
    run_mode native "$n" "$name" "$limit"
    run_mode loongbt "$t" "$name" "$limit"
    if [ -n "${WORKLOAD_STDERR_FILTER:-}" ]; then
        grep -v -E "$WORKLOAD_STDERR_FILTER" "$t.err" > "$t.err.f"; mv "$t.err.f" "$t.err"
    fi
    ns=$(cat "$n.status"); ts=$(cat "$t.status")
    why=()
    [ "$ns" = 124 ] && why+=("native run timed out")
    [ "$ts" = 124 ] && why+=("loongbt run timed out after ${limit}s")
    cmp -s "$n.out" "$t.out" || why+=("stdout differs")
    cmp -s "$n.err" "$t.err" || why+=("stderr differs")
    [ "$ns" = "$ts" ] || why+=("status $ns vs $ts")
    if [ ${#why[@]} -eq 0 ]; then
        echo "PASS $name ($((SECONDS - start))s, $(wc -l < "$n.out") lines of output)"
        pass=$((pass + 1))
    else
        reason=$(IFS=,; echo "${why[*]}")
        echo "FAIL $name (${reason//,/, })"
        fail=$((fail + 1)); failed_names+=("$name")
        cmp -s "$n.out" "$t.out" || { echo "  stdout:"; short_diff "$n.out" "$t.out"; }
        cmp -s "$n.err" "$t.err" || { echo "  stderr:"; short_diff "$n.err" "$t.err"; }
    fi
done <<< "$WORKLOAD_LIST"

[ $fail -gt 0 ] && echo "failed: ${failed_names[*]}"
if [ $((pass + fail)) -eq 0 ] && [ $pending -eq 0 ]; then
    echo "run-workloads: no workload matched WORKLOADS='${WORKLOADS:-}'" >&2
    echo "workloads: 0 passed, 1 failed, 0 pending"; exit 1
fi
echo "workloads: $pass passed, $fail failed, $pending pending"
[ $fail -eq 0 ] && [ $((pass + pending)) -gt 0 ]
