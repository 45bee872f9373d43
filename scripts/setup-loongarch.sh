#!/usr/bin/env bash
# setup-loongarch.sh - fetch what a Debian 12 x86_64 machine needs to build and run loongbt's
# LoongArch64 host back end: a loong64 glibc/libgcc sysroot and a QEMU that can run it.
#
# Debian 12 has no LoongArch gcc and its qemu-loongarch64 (7.2) dies in glibc 2.41's ld.so, so
# both come from Debian 13 (trixie) through a PRIVATE apt configuration under
# sysroots/.apt-trixie (the system's apt sources are never touched: adding trixie there would
# upgrade libc). The .debs are unpacked with `dpkg -x`, nothing is installed system-wide.
#   sysroots/loongarch64/      libc6-dev-loong64-cross libc6-loong64-cross
#                              linux-libc-dev-loong64-cross libgcc-14-dev-loong64-cross
#                              libgcc-s1-loong64-cross (arch-all cross packages)
#   sysroots/qemu-trixie/      qemu-user 10.x (static-pie, runs on Debian 12)
#                              -> sysroots/qemu-trixie/usr/bin/qemu-loongarch64
# The compiler is Debian 12's clang-19 + lld-19 (installed by scripts/deps.sh).
#
# Toolchain flags (checked by the self-test at the end of this script):
#   LAROOT=sysroots/loongarch64            (absolute path)
#   CC = clang-19 --target=loongarch64-linux-gnu -fuse-ld=lld --sysroot=$LAROOT
#   That is enough: clang's Linux driver finds the Debian multiarch layout by itself
#   ($LAROOT/usr/loongarch64-linux-gnu/{include,lib}: crt1.o crti.o crtn.o libc.so, and
#   $LAROOT/usr/lib/gcc-cross/loongarch64-linux-gnu/14: crtbeginS.o crtendS.o libgcc.a
#   libgcc_s.so). No -B, -L or --gcc-toolchain is needed.
#   Link DYNAMICALLY: lld-19 + glibc static binaries crash in IFUNC resolvers (memset_ifunc).
#   Run: sysroots/qemu-trixie/usr/bin/qemu-loongarch64 -L $LAROOT/usr/loongarch64-linux-gnu ./prog
#   (the program's interpreter /lib64/ld-linux-loongarch-lp64d.so.1 is found under -L).
#   clang-19 enables LSX by default for loongarch64 (harmless: the back end emits none).
#
# Idempotent: already unpacked packages are skipped; run with --force to refetch.
# Usage: scripts/setup-loongarch.sh [--force]      (invoked by `make deps`)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SYSROOTS=$ROOT/sysroots
LAROOT=$SYSROOTS/loongarch64
QEMUROOT=$SYSROOTS/qemu-trixie
APTDIR=$SYSROOTS/.apt-trixie
QEMU_LA=$QEMUROOT/usr/bin/qemu-loongarch64

LA_PKGS=(libc6-dev-loong64-cross libc6-loong64-cross linux-libc-dev-loong64-cross
         libgcc-14-dev-loong64-cross libgcc-s1-loong64-cross)
QEMU_PKGS=(qemu-user)

FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

# ---- private apt configuration for trixie main ----
# The mirror is the one the system already uses for Debian 12 (URIs: line of debian.sources).
mirror_uri() {
  local uri=
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources | head -n1)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

APT_OPTS=(-o "Dir::Etc::SourceList=$APTDIR/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
          -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache"
          -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")

apt_private_update() {
  [ -n "${APT_UPDATED:-}" ] && return 0
  mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(mirror_uri) trixie main" \
    > "$APTDIR/sources.list"
  echo "setup-loongarch: apt update (private trixie configuration)"
  apt-get "${APT_OPTS[@]}" -qq update
  APT_UPDATED=1
}

# Download each package (once) and unpack it into dest; a stamp per package makes reruns free.
fetch_unpack() {
  local dest=$1; shift
  mkdir -p "$dest/.stamps"
  local p deb
  for p in "$@"; do
    if [ $FORCE = 0 ] && [ -e "$dest/.stamps/$p" ]; then
      continue
    fi
    apt_private_update
    (cd "$APTDIR/debs" && rm -f "${p}"_*.deb && apt-get "${APT_OPTS[@]}" -qq download "$p")
    deb=$(ls "$APTDIR/debs/${p}"_*.deb | head -n1)
    echo "setup-loongarch: unpack $(basename "$deb") -> ${dest#$ROOT/}"
    dpkg -x "$deb" "$dest"
    basename "$deb" > "$dest/.stamps/$p"
  done
}

fetch_unpack "$LAROOT" "${LA_PKGS[@]}"
fetch_unpack "$QEMUROOT" "${QEMU_PKGS[@]}"

# ---- self-test: dynamic hello world built with clang-19/lld-19, run under trixie's QEMU ----
for tool in clang-19 ld.lld-19; do
  command -v $tool >/dev/null || { echo "setup-loongarch: $tool missing (run scripts/deps.sh)" >&2; exit 1; }
done
[ -x "$QEMU_LA" ] || { echo "setup-loongarch: $QEMU_LA missing" >&2; exit 1; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat > "$T/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { printf("hello from loongarch64\n"); return 0; }
EOF
clang-19 --target=loongarch64-linux-gnu -fuse-ld=lld --sysroot="$LAROOT" -O2 -o "$T/hello" "$T/hello.c"
out=$("$QEMU_LA" -L "$LAROOT/usr/loongarch64-linux-gnu" "$T/hello")
if [ "$out" != "hello from loongarch64" ]; then
  echo "setup-loongarch: self-test failed: got '$out'" >&2
  exit 1
fi
echo "setup-loongarch: ok ($("$QEMU_LA" --version | head -n1))"
echo "  CC=clang-19 --target=loongarch64-linux-gnu -fuse-ld=lld --sysroot=$LAROOT"
echo "  run: $QEMU_LA -L $LAROOT/usr/loongarch64-linux-gnu ./prog"
