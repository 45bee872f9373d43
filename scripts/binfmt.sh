#!/usr/bin/env bash
# binfmt.sh - register loongbt with binfmt_misc so i386 ELF programs run directly (./prog).
#
#   scripts/binfmt.sh register   [--force] [--binary PATH] [--ld-prefix DIR] [--dir D] [--config F]
#   scripts/binfmt.sh unregister [--dir D]
#   scripts/binfmt.sh status     [--dir D] [--config F]
#
# Entries: "loongbt-i386" (e_machine EM_386) and "loongbt-i486" (EM_486, old toolchains), with
# the magic/mask qemu-user uses for i386: the ELF ident of a 32-bit little-endian file (the
# OS/ABI byte and padding ignored, the version's low bit ignored), e_type ET_EXEC or ET_DYN
# (the mask's 0xfe folds 2 and 3), e_machine 3 or 6.
#
# Flags "POCF":
#   F  fix binary: the kernel opens loongbt at registration, so it works in chroots and
#      containers that do not have it at the registered path;
#   P  preserve argv[0]: loongbt gets the program's own argv[0] (it reads the kernel's
#      AT_FLAGS_PRESERVE_ARGV0 and acts as with -0);
#   O  the kernel passes an open descriptor of the program (unreadable programs work);
#   C  credentials from the program, not loongbt (setuid i386 programs keep their meaning;
#      implies O).
# The sysroot (interpreter and libraries of dynamically linked programs): --ld-prefix DIR is
# written to /etc/loongbt/ld-prefix, which loongbt reads when neither -L nor LOONGBT_LD_PREFIX
# is given (binfmt_misc passes no options). A host that runs i386 code natively (x86_64, i686)
# is refused unless --force: registering there would send native programs through loongbt.
# --dir uses another binfmt_misc mount (the tests use a private one; default
# /proc/sys/fs/binfmt_misc), --config another file than /etc/loongbt/ld-prefix.
set -eu

BINFMT_DIR=/proc/sys/fs/binfmt_misc
BINARY=
LD_PREFIX=
FORCE=0
CONFIG=/etc/loongbt/ld-prefix
NAMES=(loongbt-i386 loongbt-i486)
MAGIC_PREFIX='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00'
MASK='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
MACHINES=('\x03\x00' '\x06\x00')
FLAGS=POCF

die() { echo "binfmt.sh: $*" >&2; exit 1; }
usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

[ $# -ge 1 ] || usage
cmd=$1; shift
while [ $# -gt 0 ]; do
    case $1 in
        --force) FORCE=1 ;;
        --binary) BINARY=${2:?--binary needs a path}; shift ;;
        --ld-prefix) LD_PREFIX=${2:?--ld-prefix needs a folder}; shift ;;
        --dir) BINFMT_DIR=${2:?--dir needs a folder}; shift ;;
        --config) CONFIG=${2:?--config needs a file}; shift ;;
        -h|--help) usage ;;
        *) die "unknown argument '$1'" ;;
    esac
    shift
done

mounted() { [ -w "$BINFMT_DIR/register" ]; }
need_mount() {
    mounted && return
    [ "$BINFMT_DIR" = /proc/sys/fs/binfmt_misc ] && mount -t binfmt_misc binfmt_misc "$BINFMT_DIR" 2>/dev/null && return
    die "binfmt_misc is not mounted at $BINFMT_DIR (or not writable: run as root)"
}

find_binary() {
    local here
    here=$(cd "$(dirname "$0")/.." && pwd)
    for b in "$BINARY" "$(command -v loongbt-i386 2>/dev/null || true)" "$here/build/$(uname -m)/loongbt-i386"; do
        [ -n "$b" ] && [ -x "$b" ] && { readlink -f "$b"; return; }
    done
    die "no loongbt-i386 found (make install, or --binary PATH)"
}

do_register() {
    case $(uname -m) in
        x86_64|i?86) [ "$FORCE" = 1 ] || die "this host runs i386 programs natively ($(uname -m)); not registering (use --force to do it anyway)" ;;
    esac
    need_mount
    local bin
    bin=$(find_binary)
    if [ -n "$LD_PREFIX" ]; then
        [ -d "$LD_PREFIX" ] || die "--ld-prefix '$LD_PREFIX' is not a folder"
        mkdir -p "$(dirname "$CONFIG")"
        readlink -f "$LD_PREFIX" > "$CONFIG"
    fi
    for i in 0 1; do
        [ -e "$BINFMT_DIR/${NAMES[$i]}" ] && echo -1 > "$BINFMT_DIR/${NAMES[$i]}"
        printf ':%s:M::%s%s:%s:%s:%s' "${NAMES[$i]}" "$MAGIC_PREFIX" "${MACHINES[$i]}" "$MASK" "$bin" "$FLAGS" \
            > "$BINFMT_DIR/register" || die "the kernel refused the ${NAMES[$i]} entry"
        echo "registered ${NAMES[$i]}: $bin (flags $FLAGS)"
    done
}

do_unregister() {
    mounted || die "binfmt_misc is not mounted at $BINFMT_DIR"
    for n in "${NAMES[@]}"; do
        if [ -e "$BINFMT_DIR/$n" ]; then echo -1 > "$BINFMT_DIR/$n"; echo "unregistered $n"; fi
    done
}

do_status() {
    [ -e "$BINFMT_DIR/status" ] || { echo "binfmt_misc not mounted at $BINFMT_DIR"; return 0; }
    for n in "${NAMES[@]}"; do
        if [ -e "$BINFMT_DIR/$n" ]; then echo "$n:"; sed 's/^/  /' "$BINFMT_DIR/$n"; else echo "$n: not registered"; fi
    done
    [ -f "$CONFIG" ] && echo "ld-prefix ($CONFIG): $(cat "$CONFIG")"
    return 0
}

case $cmd in
    register) do_register ;;
    unregister) do_unregister ;;
    status) do_status ;;
    *) usage ;;
esac
