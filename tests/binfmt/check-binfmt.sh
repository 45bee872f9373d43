#!/usr/bin/env bash
# check-binfmt.sh - scripts/binfmt.sh against a private binfmt_misc instance: a user and mount
# namespace (unshare -U -r -m) gets its own binfmt_misc since Linux 6.7, so nothing is
# registered on the machine itself. Registers (--force: this host runs i386 natively), checks
# the entries in the mount, runs an i386 program directly (through loongbt: a bad
# LOONGBT_TB_SIZE makes loongbt, not the program, answer), checks that argv[0] is kept (P),
# unregisters and checks the entries are gone. Where the private mount is impossible (old
# kernel, no user namespaces) it prints "not run: <reason>" and counts nothing.
#
# Usage: tests/binfmt/check-binfmt.sh LOONGBT ARGV0_PROGRAM
# Last line: "binfmt: N passed, N failed".
set -u
LOONGBT=$(readlink -f "$1") PROG=$(readlink -f "$2")
HERE=$(cd "$(dirname "$0")/../.." && pwd)

if ! unshare --user --map-root-user --mount true 2>/dev/null; then
    echo "binfmt: not run: cannot create a user and mount namespace (unshare -U -r -m)"
    echo "binfmt: 0 passed, 0 failed"; exit 0
fi
if ! unshare --user --map-root-user --mount sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc' 2>/dev/null; then
    echo "binfmt: not run: binfmt_misc cannot be mounted in a user namespace (Linux < 6.7?)"
    echo "binfmt: 0 passed, 0 failed"; exit 0
fi

# Everything below runs inside the namespace; each check prints PASS/FAIL.
unshare --user --map-root-user --mount bash -s "$LOONGBT" "$PROG" "$HERE" <<'INNER'
LOONGBT=$1 PROG=$2 HERE=$3 D=/proc/sys/fs/binfmt_misc
pass=0 fail=0
check() { if eval "$2"; then echo "PASS $1"; pass=$((pass+1)); else echo "FAIL $1"; fail=$((fail+1)); fi; }
mount -t binfmt_misc binfmt_misc $D
cfg=$(mktemp)
check "refused without --force on $(uname -m)" "! bash $HERE/scripts/binfmt.sh register --binary $LOONGBT --config $cfg 2>/dev/null"
check "register" "bash $HERE/scripts/binfmt.sh register --force --binary $LOONGBT --ld-prefix / --config $cfg >/dev/null"
check "entry loongbt-i386 enabled" "grep -qx enabled $D/loongbt-i386"
check "interpreter is loongbt" "grep -qx 'interpreter $LOONGBT' $D/loongbt-i386"
check "flags POCF" "grep -qx 'flags: POCF' $D/loongbt-i386"
check "EM_386 magic and mask" "grep -qx 'magic 7f454c4601010100000000000000000002000300' $D/loongbt-i386 && grep -qx 'mask fffffffffffefe00fffffffffffffffffeffffff' $D/loongbt-i386"
check "EM_486 entry" "grep -qx 'magic 7f454c4601010100000000000000000002000600' $D/loongbt-i486"
check "ld-prefix file written" "[ \"\$(cat $cfg)\" = / ]"
check "an i386 program runs through loongbt" "LOONGBT_TB_SIZE=bogus $PROG 2>&1 | grep -q 'bad LOONGBT_TB_SIZE'"
check "argv[0] preserved (P)" "(exec -a custom-argv0 $PROG a b) | head -1 | grep -qx 'argv\[0\]=custom-argv0'"
check "arguments passed" "$PROG a 'b c' | sed -n 3p | grep -qx 'argv\[2\]=b c'"
check "unregister" "bash $HERE/scripts/binfmt.sh unregister >/dev/null"
check "entries gone" "[ ! -e $D/loongbt-i386 ] && [ ! -e $D/loongbt-i486 ]"
rm -f "$cfg"
echo "binfmt: $pass passed, $fail failed"
INNER
