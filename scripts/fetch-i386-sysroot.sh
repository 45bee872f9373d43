#!/usr/bin/env bash
# fetch-i386-sysroot.sh - unpack Debian 12 i386 packages (real programs nobody here wrote) into
# sysroots/i386 for the real-program workloads, without touching the system's apt configuration.
# Idempotent: a stamp file records the package list; nothing is fetched when it is unchanged.
# Usage: scripts/fetch-i386-sysroot.sh [DEST]      (default DEST: sysroots/i386)
set -euo pipefail
DEST=${1:-sysroots/i386}
PKGS="busybox-static bzip2 libbz2-1.0 xz-utils liblzma5 gzip lua5.4 liblua5.4-0 sqlite3
      libsqlite3-0 libreadline8 libtinfo6 libncursesw6 zlib1g perl-base libcrypt1 libc6
      libgcc-s1 libstdc++6 libmd0 libselinux1 libpcre2-8-0
      gawk libgmp10 libmpfr6 libsigsegv2"
STAMP=$DEST/.packages
want=$(echo $PKGS | tr ' ' '\n' | sort | tr '\n' ' ')
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  echo "i386 sysroot: up to date in $DEST"; exit 0
fi
uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
[ -n "$uri" ] || uri=$(awk '/^deb / && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^http/) {print $i; exit}}' /etc/apt/sources.list)
A=$(mktemp -d)
trap 'rm -rf "$A"' EXIT
mkdir -p "$A/lists/partial" "$A/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri bookworm main" > "$A/sources.list"
opts=(-o Dir::Etc::SourceList="$A/sources.list" -o Dir::Etc::SourceParts=/nonexistent
      -o Dir::State::Lists="$A/lists" -o APT::Architecture=i386 -o APT::Architectures=i386
      -o Dir::Cache::Archives="$A/debs" -o Debug::NoLocking=1)
apt-get "${opts[@]}" update -qq
( cd "$A/debs" && apt-get "${opts[@]}" download $PKGS )
mkdir -p "$DEST"
for d in "$A"/debs/*.deb; do dpkg -x "$d" "$DEST"; done
echo "$want" > "$STAMP"
echo "i386 sysroot: unpacked $(ls "$A"/debs/*.deb | wc -l) packages into $DEST"
