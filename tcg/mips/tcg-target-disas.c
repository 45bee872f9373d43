/*
 * tcg-target-disas.c - table-driven MIPS64r2 disassembler for -d out_asm (the build's capstone
 * is the host's x86 one, so the MIPS build carries its own). It decodes every instruction of
 * MIPS_INSN_LIST (tcg-insn-defs.h), i.e. everything the back end emits, with n64 register names
 * and decimal immediates; branch offsets are printed in bytes from the delay slot, as the
 * assembler takes them, and the branch target as a comment.
 *
 * The decoder (mips_disas_insn) is static and needs no MIPS host: the unit test includes this
 * file with MIPS_DISAS_NO_PUBLIC defined to get only the decoder, on the x86_64 build.
 */
#include <inttypes.h>
#include "tcg-insn-defs.h"

/* ------------------------------------------------------------------ decode table */
typedef struct MIPSInsnInfo {
    uint32_t bits;              /* fixed opcode bits */
    MIPSFormat fmt;
    const char *mnemonic;
} MIPSInsnInfo;

static const MIPSInsnInfo mips_insn_info[] = {
#define X(NAME, name, mnem, fmt, bits) { bits, MIPS_FMT_##fmt, mnem },
    MIPS_INSN_LIST(X)
#undef X
};

static const uint32_t mips_format_mask[MIPS_FMT_COUNT] = {
#define X(fmt, mask) [MIPS_FMT_##fmt] = mask,
    MIPS_FORMAT_LIST(X)
#undef X
};

/* n64 ABI register names. */
static const char *const mips_reg_names[32] = {
    "$zero", "$at", "$v0", "$v1", "$a0", "$a1", "$a2", "$a3",
    "$a4", "$a5", "$a6", "$a7", "$t0", "$t1", "$t2", "$t3",
    "$s0", "$s1", "$s2", "$s3", "$s4", "$s5", "$s6", "$s7",
    "$t8", "$t9", "$k0", "$k1", "$gp", "$sp", "$fp", "$ra",
};

static const MIPSInsnInfo *mips_decode(uint32_t insn)
{
    for (size_t i = 0; i < ARRAY_SIZE(mips_insn_info); i++) {
        if ((insn & mips_format_mask[mips_insn_info[i].fmt]) == mips_insn_info[i].bits) {
            return &mips_insn_info[i];
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ field extraction */
static inline int mips_field_s(uint32_t insn) { return (insn >> 21) & 0x1f; }
static inline int mips_field_t(uint32_t insn) { return (insn >> 16) & 0x1f; }
static inline int mips_field_d(uint32_t insn) { return (insn >> 11) & 0x1f; }
static inline int mips_field_sa(uint32_t insn) { return (insn >> 6) & 0x1f; }
static inline int64_t mips_field_si16(uint32_t insn) { return (int16_t)(insn & 0xffff); }

/* Branch displacement in bytes from the delay slot for BR/BZ, or false if insn is none. */
static bool mips_branch_offset(const MIPSInsnInfo *info, uint32_t insn, int64_t *bytes)
{
    if (info->fmt != MIPS_FMT_BR && info->fmt != MIPS_FMT_BZ) {
        return false;
    }
    *bytes = mips_field_si16(insn) * 4;
    return true;
}

/* ------------------------------------------------------------------ printing */
/* Print one instruction ("mnemonic\toperands") into buf; false for a word outside the table. */
static bool mips_disas_insn(uint32_t insn, char *buf, size_t len)
{
    const MIPSInsnInfo *info = mips_decode(insn);
    const char *m, *rs, *rt, *rd;
    int64_t off = 0;

    if (!info) {
        snprintf(buf, len, "<unknown>");
        return false;
    }
    if (insn == 0) {                                               /* sll $zero, $zero, 0 */
        snprintf(buf, len, "nop");
        return true;
    }
    m = info->mnemonic;
    rs = mips_reg_names[mips_field_s(insn)];
    rt = mips_reg_names[mips_field_t(insn)];
    rd = mips_reg_names[mips_field_d(insn)];
    mips_branch_offset(info, insn, &off);

    switch (info->fmt) {
    case MIPS_FMT_R3:   snprintf(buf, len, "%s\t%s, %s, %s", m, rd, rs, rt); break;
    case MIPS_FMT_RV:   snprintf(buf, len, "%s\t%s, %s, %s", m, rd, rt, rs); break;
    case MIPS_FMT_SA:   snprintf(buf, len, "%s\t%s, %s, %d", m, rd, rt, mips_field_sa(insn)); break;
    case MIPS_FMT_MD:   snprintf(buf, len, "%s\t%s, %s", m, rs, rt); break;
    case MIPS_FMT_MF:   snprintf(buf, len, "%s\t%s", m, rd); break;
    case MIPS_FMT_RT:   snprintf(buf, len, "%s\t%s, %s", m, rd, rt); break;
    case MIPS_FMT_CLZ:  snprintf(buf, len, "%s\t%s, %s", m, rd, rs); break;
    case MIPS_FMT_IS:
        snprintf(buf, len, "%s\t%s, %s, %" PRId64, m, rt, rs, mips_field_si16(insn));
        break;
    case MIPS_FMT_IU:   snprintf(buf, len, "%s\t%s, %s, %u", m, rt, rs, insn & 0xffff); break;
    case MIPS_FMT_LUI:  snprintf(buf, len, "%s\t%s, %u", m, rt, insn & 0xffff); break;
    case MIPS_FMT_MEM:
        snprintf(buf, len, "%s\t%s, %" PRId64 "(%s)", m, rt, mips_field_si16(insn), rs);
        break;
    case MIPS_FMT_BR:   snprintf(buf, len, "%s\t%s, %s, %" PRId64, m, rs, rt, off); break;
    case MIPS_FMT_BZ:   snprintf(buf, len, "%s\t%s, %" PRId64, m, rs, off); break;
    case MIPS_FMT_J:    snprintf(buf, len, "%s\t0x%x", m, (insn & 0x3ffffff) << 2); break;
    case MIPS_FMT_JR:   snprintf(buf, len, "%s\t%s", m, rs); break;
    case MIPS_FMT_JALR: snprintf(buf, len, "%s\t%s, %s", m, rd, rs); break;
    case MIPS_FMT_BFX:                                  /* pos = lsb, size = msbd + 1 */
        snprintf(buf, len, "%s\t%s, %s, %d, %d", m, rt, rs, mips_field_sa(insn),
                 mips_field_d(insn) + 1);
        break;
    case MIPS_FMT_BFI:                                  /* pos = lsb, size = msb - lsb + 1 */
        snprintf(buf, len, "%s\t%s, %s, %d, %d", m, rt, rs, mips_field_sa(insn),
                 mips_field_d(insn) - mips_field_sa(insn) + 1);
        break;
    default:
        snprintf(buf, len, "<unknown>");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ -d out_asm */
#ifndef MIPS_DISAS_NO_PUBLIC
#include "tcg.h"

/* One line per instruction: host address, the word, the text, and a branch's target. */
void tcg_target_disas(FILE *f, const void *code, size_t size)
{
    const uint8_t *p = code;
    char text[96];

    for (size_t i = 0; i + 4 <= size; i += 4) {
        uint32_t insn;
        const MIPSInsnInfo *info;
        int64_t off;

        memcpy(&insn, p + i, 4);
        mips_disas_insn(insn, text, sizeof(text));
        info = mips_decode(insn);
        if (info && mips_branch_offset(info, insn, &off)) {
            fprintf(f, "0x%016" PRIxPTR ":  %08x  %s  # 0x%" PRIxPTR "\n",
                    (uintptr_t)(p + i), insn, text, (uintptr_t)(p + i) + 4 + (uintptr_t)off);
        } else {
            fprintf(f, "0x%016" PRIxPTR ":  %08x  %s\n", (uintptr_t)(p + i), insn, text);
        }
    }
}

/* Fixed-width instructions: one per 32-bit word (delay-slot nops count as executed). */
long tcg_target_insn_count(const void *code, size_t size)
{
    (void)code;
    return (long)(size / 4);
}
#endif
