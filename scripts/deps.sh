#!/usr/bin/env bash
# deps.sh - install everything a fresh Debian 12 x86_64 machine needs to build and test loongbt.
# Idempotent: packages already present are skipped, apt runs only when something is missing.
# Usage: scripts/deps.sh          (invoked by `make deps`)
set -euo pipefail

PKGS=(
  build-essential make pkg-config git python3
  gcc-i686-linux-gnu libc6-dev-i386-cross       # i386 guest test programs (no gcc-multilib!)
  libcapstone-dev libpfm4-dev libcmocka-dev     # disassembly, perf counters, unit tests
  llvm-19 clang-19 lld-19                       # llvm-mc-19 / llvm-objdump-19 encoding oracle
  libclang-rt-19-dev                            # libFuzzer + ASan runtimes for `make fuzz`
  qemu-user                                     # qemu-i386 reference for `make bench`, qemu-mips64el
  gcc-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross binutils-mips64el-linux-gnuabi64
                                                # the MIPS64 host build (make HOST=mips64el)
  linux-perf                                    # perf stat for profiling
  librsvg2-bin                                  # rsvg-convert: the PNG copy of the make ab chart
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "deps: all packages present"
fi
