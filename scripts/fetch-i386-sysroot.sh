#!/usr/bin/env bash
# fetch-i386-sysroot.sh - unpack Debian 12 i386 packages (real programs nobody here wrote) into
# sysroots/i386 for the real-program workloads, without touching the system's apt configuration.
# Idempotent: a stamp file records the package list; nothing is fetched when it is unchanged.
# Usage: scripts/fetch-i386-sysroot.sh [DEST]      (default DEST: sysroots/i386)
set -euo pipefail
DEST=${1:-sysroots/i386}
# The first block is the original set; the second adds dash (/bin/sh for #! scripts), gawk,
# make, tar, coreutils (ls), gnuplot-nox and python3.11 (with its test suite for
# `python3 -m test`); the third block is every i386 shared library those programs and python's
# lib-dynload modules load (found with `apt-cache depends --recurse` on this private
# configuration, then checked with `ld-linux.so.2 --list` on each program: nothing "not
# found").  No fonts, perl modules, debconf or dpkg: gnuplot's dumb and svg terminals need none.
# About 45 MB downloaded (8 s here), 166 MB unpacked.
PKGS="busybox-static bzip2 libbz2-1.0 xz-utils liblzma5 gzip lua5.4 liblua5.4-0 sqlite3
      libsqlite3-0 libreadline8 libtinfo6 libncursesw6 zlib1g perl-base libcrypt1 libc6
      libgcc-s1 libstdc++6 libmd0 libselinux1 libpcre2-8-0
      dash gawk make tar coreutils gnuplot-nox python3.11-minimal libpython3.11-minimal
      libpython3.11-stdlib python3.11 libpython3.11-testsuite
      libabsl20220623 libacl1 libaom3 libattr1 libavif15 libblkid1 libbrotli1 libbsd0
      libcairo2 libcom-err2 libdatrie1 libdav1d6 libdb5.3 libde265-0 libdeflate0 libedit2
      libexpat1 libffi8 libfontconfig1 libfreetype6 libfribidi0 libgav1-1 libgd3 libglib2.0-0
      libgmp10 libgraphite2-3 libgssapi-krb5-2 libharfbuzz0b libheif1 libjbig0 libjpeg62-turbo
      libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 liblerc4 libmount1 libmpfr6 libnsl2
      libnuma1 libpango-1.0-0 libpangocairo-1.0-0 libpangoft2-1.0-0 libpixman-1-0 libpng16-16
      librav1e0 libsigsegv2 libssl3 libthai0 libtiff6 libtirpc3 libuuid1 libwebp7 libx11-6
      libx11-data libx265-199 libxau6 libxcb-render0 libxcb-shm0 libxcb1 libxdmcp6 libxext6
      libxpm4 libxrender1 libyuv0 libzstd1"
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
      -o Dir::Cache::Archives="$A/debs" -o Debug::NoLocking=1
      -o Dir::State::status=/dev/null -o Dir::Cache::pkgcache="$A/pkgcache.bin"
      -o Dir::Cache::srcpkgcache="$A/srcpkgcache.bin" -o APT::Sandbox::User=root)
# Private package caches: the system's /var/cache/apt/*.bin (amd64) must not be reused.
apt-get "${opts[@]}" update -qq
( cd "$A/debs" && apt-get -q "${opts[@]}" download $PKGS | { grep -v "^Get:" || true; } )
for d in "$A"/debs/*.deb; do
  case $d in *_i386.deb|*_all.deb) ;; *) echo "fetch-i386-sysroot: not i386: $d" >&2; exit 1 ;; esac
done
mkdir -p "$DEST"
for d in "$A"/debs/*.deb; do dpkg -x "$d" "$DEST"; done
echo "$want" > "$STAMP"
echo "i386 sysroot: unpacked $(ls "$A"/debs/*.deb | wc -l) packages into $DEST"
