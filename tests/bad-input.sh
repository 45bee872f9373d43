#!/usr/bin/env bash
# bad-input.sh LOONGBT - files loongbt cannot run must give exactly one line on stderr naming the
# file and the reason, nothing on stdout, and exit status 1 (never a crash or a signal).
# Cases: missing file, directory, empty file, text file, x86_64 ELF, ARM ELF (an i386 ELF with
# e_machine patched to EM_ARM), ELF64 with EM_386, truncated ELF header, ELF whose program
# headers point past the end of the file. Prints PASS/FAIL per case and "N passed, N failed".
set -u
LOONGBT=${1:?usage: bad-input.sh LOONGBT [guest-binary]}
GUEST=${2:-tests/guest/bin/hello}
W=$(mktemp -d "${TMPDIR:-/tmp}/loongbt-bad.XXXXXX")
trap 'rm -rf "$W"' EXIT
pass=0 fail=0

# patch FILE OFFSET BYTE...: overwrite bytes at OFFSET
patch_bytes() { local f=$1 off=$2; shift 2; printf "$(printf '\\x%02x' "$@")" |
                dd of="$f" bs=1 seek="$off" conv=notrunc status=none; }

mkdir "$W/dir"
: > "$W/empty"
echo "just text" > "$W/text"
cp /bin/true "$W/x86_64-elf"
cp "$GUEST" "$W/arm-elf";      patch_bytes "$W/arm-elf" 18 40 0          # e_machine = EM_ARM
cp "$GUEST" "$W/elf64-i386";   patch_bytes "$W/elf64-i386" 4 2           # EI_CLASS = ELFCLASS64
head -c 40 "$GUEST" > "$W/trunc-header"
# Keep the ELF and program headers but cut the file before the segments' data.
phoff=$(od -An -tu4 -j28 -N4 "$GUEST" | tr -d ' ')
head -c $((phoff + 32 * 4)) "$GUEST" > "$W/trunc-segments"

check() {   # check NAME FILE EXPECTED-REASON-REGEX
    local name=$1 file=$2 want=$3 out err st nl
    out=$("$LOONGBT" "$file" 2>"$W/err" </dev/null); st=$?
    err=$(cat "$W/err"); nl=$(grep -c '' "$W/err")
    if [ "$st" = 1 ] && [ -z "$out" ] && [ "$nl" = 1 ] &&
       grep -qE "^loongbt-i386: .*${file##*/}: .*$want" "$W/err"; then
        echo "PASS bad-input $name: $err"; pass=$((pass + 1))
    else
        echo "FAIL bad-input $name: status $st, $nl stderr lines: $err"; fail=$((fail + 1))
    fi
}
check missing        "$W/no-such-file"    "No such file"
check directory      "$W/dir"             "Is a directory"
check empty          "$W/empty"           "not an ELF"
check text           "$W/text"            "not an ELF"
check x86_64-elf     "$W/x86_64-elf"      "x86_64"
check arm-elf        "$W/arm-elf"         "ARM"
check elf64-i386     "$W/elf64-i386"      "(64-bit|ELFCLASS64|not i386|class)"
check trunc-header   "$W/trunc-header"    "truncated"
check trunc-segments "$W/trunc-segments"  "truncated"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
