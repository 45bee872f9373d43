#!/bin/sh
# forms-to-asm.sh FORMS.txt > forms.S - the instruction forms as one i386 assembler file.
#
# Form k (counting "name | asm" lines; blank lines and '#' comments skipped, as insn-count.c
# does) starts at byte k * 256 of .text and is followed by the terminator `jmp .+2`; section
# .form_lengths gets two words per form: its length in bytes and its number of instructions
# (the ';'-separated statements of asm). `as` fails if a form and its terminator pass 256 bytes.
set -e
awk -F'|' '
BEGIN { print "\t.intel_syntax noprefix\n\t.code32\n\t.text"; k = 0 }
/^[ \t]*(#|$)/ { next }
{
    asm = $0; sub(/^[^|]*\|[ \t]*/, "", asm); sub(/[ \t]+$/, "", asm)
    n = split(asm, parts, ";"); insns = 0
    for (i = 1; i <= n; i++) if (parts[i] ~ /[^ \t]/) insns++
    printf "\t.org %d, 0xcc\nform_%d:\n\t%s\nform_%d_end:\n\tjmp .+2\n", k * 256, k, asm, k
    printf "\t.pushsection .form_lengths, \"a\"\n\t.long form_%d_end - form_%d, %d\n\t.popsection\n", k, k, insns
    k++
}' "$1"
