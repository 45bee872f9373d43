/*
 * disas-i386.h - loongbt's own i386 disassembler (disas-i386.c): one instruction to Intel-syntax
 * text in capstone's style. disas.c uses it for -d in_asm when capstone is missing (LoongArch
 * builds) or when LOONGBT_DISAS=builtin asks for it.
 */
#ifndef DISAS_I386_H
#define DISAS_I386_H

#include <stddef.h>
#include <stdint.h>

/* Longest i386 instruction; reading more bytes than this is #GP on the CPU. */
#define I386_MAX_INSN_LEN 15

/*
 * Decodes the instruction at code[0..avail), which sits at guest address pc (for branch
 * targets), and writes "mnemonic operands" to text. Returns the instruction's length, or 0
 * when the bytes are not an instruction this disassembler knows or are cut short (text is then
 * ".byte 0xNN" for the first byte).
 */
size_t i386_disas_insn(const uint8_t *code, size_t avail, uint32_t pc, char *text,
                       size_t text_size);

#endif
