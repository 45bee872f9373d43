# lib.sh - sourced by every workload script (tests/workloads/<name>.sh) before it runs.
#
# A workload is a bash script that drives real Debian i386 programs through `guest PROG ARGS...`.
# The runner executes the same script twice in the same scratch folder: once with
# WORKLOAD_MODE=native (the i386 program runs on this CPU, the oracle) and once with
# WORKLOAD_MODE=loongbt (the program runs under loongbt); stdout, stderr and exit status of the
# two runs must be identical.  Everything that is not the program under test (data generation,
# checksums of the outputs) uses host tools, so it is the same in both runs by construction.
#
# Variables from the runner: WORKLOAD_MODE, WORKLOAD_ROOT (the i386 sysroot, absolute),
# LOONGBT (the loongbt command, absolute; may be a wrapper that runs it under an emulator),
# LOONGBT_OPTS (extra loongbt options), WORKLOAD_DIR (this folder, for scripts and data).

set -u
ROOT=$WORKLOAD_ROOT
GUEST_LIBPATH=$ROOT/lib/i386-linux-gnu:$ROOT/usr/lib/i386-linux-gnu

# guest_path PROG: the program's absolute path inside the sysroot (usr/bin first, then bin).
guest_path() {
    local d
    for d in usr/bin bin usr/sbin sbin; do
        if [ -f "$ROOT/$d/$1" ]; then echo "$ROOT/$d/$1"; return 0; fi
    done
    echo "workload: no program '$1' in $ROOT" >&2
    return 127
}

# guest PROG ARGS...: run an i386 program from the sysroot, natively or under loongbt.
# Dynamic programs run natively through the sysroot's own ld-linux.so.2 (so no i386 libraries
# need to be installed on the host); under loongbt, -L makes PT_INTERP and the libraries
# resolve inside the sysroot.
guest() {
    local prog
    prog=$(guest_path "$1") || return 127
    shift
    if [ "$WORKLOAD_MODE" = native ]; then
        if LC_ALL=C grep -q -m1 -a '/ld-linux.so.2' "$prog" 2>/dev/null; then
            "$ROOT/lib/ld-linux.so.2" --library-path "$GUEST_LIBPATH" "$prog" "$@"
        else
            "$prog" "$@"
        fi
    else
        # shellcheck disable=SC2086  (LOONGBT_OPTS: words, e.g. "-no-chain")
        "$LOONGBT" ${LOONGBT_OPTS:-} -L "$ROOT" "$prog" "$@"
    fi
}

# guest_in_root PROG ARGS...: like guest, but loongbt is given the program's path inside the
# sysroot (/usr/bin/prog), which it must resolve through -L.
guest_in_root() {
    local prog
    prog=$(guest_path "$1") || return 127
    shift
    if [ "$WORKLOAD_MODE" = native ]; then
        guest "$(basename "$prog")" "$@"
    else
        # shellcheck disable=SC2086
        "$LOONGBT" ${LOONGBT_OPTS:-} -L "$ROOT" "${prog#"$ROOT"}" "$@"
    fi
}

# gen_text SEED LINES: deterministic text with repetition (compresses well), host awk.
gen_text() {
    awk -v seed="$1" -v n="$2" 'BEGIN {
        split("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu", w, " ");
        x = seed;
        for (i = 1; i <= n; i++) {
            line = sprintf("%06d", i);
            for (j = 0; j < 8; j++) { x = (x * 1103515245 + 12345) % 2147483648; line = line " " w[1 + int(x / 65536) % 12]; }
            print line;
        }
    }'
}

# gen_binary SEED KBYTES: deterministic bytes, half random and half runs (host perl: its rand
# is drand48 since 5.20, so a seed gives the same bytes everywhere).
gen_binary() {
    perl -e 'srand($ARGV[0]); for (1 .. $ARGV[1]) {
        print pack("C*", map { int(rand(256)) } 1 .. 512), chr(int(rand(256))) x 512 }' "$1" "$2"
}

# sum FILE...: short checksums for the transcript (host tool: the same in both runs).
sum() { sha256sum "$@" | cut -c1-16; }

# guest_script SCRIPT ARGS...: run a #! script as the program: natively the kernel starts its
# interpreter; under loongbt the script is loongbt's program (its interpreter is looked up
# under -L and runs under loongbt, as a binfmt_misc-registered loongbt would run it).
guest_script() {
    if [ "$WORKLOAD_MODE" = native ]; then
        "$@"
    else
        # shellcheck disable=SC2086
        "$LOONGBT" ${LOONGBT_OPTS:-} -L "$ROOT" "$@"
    fi
}
