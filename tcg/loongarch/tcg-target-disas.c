/*
 * tcg-target-disas.c - table-driven LoongArch64 disassembler for -d out_asm (capstone 4 has no
 * LoongArch support). It decodes every instruction of LA_INSN_LIST (tcg-insn-defs.h), i.e.
 * everything the back end emits, and prints it the way llvm-objdump-19 does (same mnemonics,
 * register names, decimal immediates, byte offsets for branches, and the aliases move / nop /
 * ret / jr), so its text can be compared with llvm-objdump in the unit test.
 *
 * The decoder (la_disas_insn) is static and needs no LoongArch host: the unit test includes
 * this file with LA_DISAS_NO_PUBLIC defined to get only the decoder, on the x86_64 build.
 */
#include <inttypes.h>
#include "tcg-insn-defs.h"

/* ------------------------------------------------------------------ decode table */
typedef struct LoongArchInsnInfo {
    uint32_t bits;              /* fixed opcode bits */
    LoongArchFormat fmt;
    const char *mnemonic;
} LoongArchInsnInfo;

static const LoongArchInsnInfo la_insn_info[] = {
#define X(NAME, name, mnem, fmt, bits) { bits, LA_FMT_##fmt, mnem },
    LA_INSN_LIST(X)
#undef X
};

static const uint32_t la_format_mask[LA_FMT_COUNT] = {
#define X(fmt, mask) [LA_FMT_##fmt] = mask,
    LA_FORMAT_LIST(X)
#undef X
};

/* ABI register names, as llvm-objdump prints them ($r21 has no ABI name). */
static const char *const la_reg_names[32] = {
    "$zero", "$ra", "$tp", "$sp", "$a0", "$a1", "$a2", "$a3",
    "$a4", "$a5", "$a6", "$a7", "$t0", "$t1", "$t2", "$t3",
    "$t4", "$t5", "$t6", "$t7", "$t8", "$r21", "$fp", "$s0",
    "$s1", "$s2", "$s3", "$s4", "$s5", "$s6", "$s7", "$s8",
};

static const LoongArchInsnInfo *la_decode(uint32_t insn)
{
    for (size_t i = 0; i < ARRAY_SIZE(la_insn_info); i++) {
        if ((insn & la_format_mask[la_insn_info[i].fmt]) == la_insn_info[i].bits) {
            return &la_insn_info[i];
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ field extraction */
static inline int la_field_d(uint32_t insn) { return insn & 0x1f; }
static inline int la_field_j(uint32_t insn) { return (insn >> 5) & 0x1f; }
static inline int la_field_k(uint32_t insn) { return (insn >> 10) & 0x1f; }

static inline int64_t la_sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static inline int64_t la_field_si(uint32_t insn, unsigned pos, unsigned bits)
{
    return la_sext((insn >> pos) & ((1u << bits) - 1), bits);
}

/* Branch displacement in bytes for a decoded branch, or false if insn is no pc-relative
 * branch. Used for the "# target" annotation of -d out_asm. */
static bool la_branch_offset(const LoongArchInsnInfo *info, uint32_t insn, int64_t *bytes)
{
    switch (info->fmt) {
    case LA_FMT_BR16:
        *bytes = la_field_si(insn, 10, 16) * 4;
        return true;
    case LA_FMT_1RI21:
        *bytes = la_sext(((insn >> 10) & 0xffff) | (uint64_t)(insn & 0x1f) << 16, 21) * 4;
        return true;
    case LA_FMT_I26:
        *bytes = la_sext(((insn >> 10) & 0xffff) | (uint64_t)(insn & 0x3ff) << 16, 26) * 4;
        return true;
    default:
        return false;
    }
}

/* ------------------------------------------------------------------ printing */
/* Aliases llvm-objdump prints instead of the base instruction; true if one applied. */
static bool la_disas_alias(const LoongArchInsnInfo *info, uint32_t insn, char *buf, size_t len)
{
    int d = la_field_d(insn), j = la_field_j(insn), k = la_field_k(insn);

    if (info->bits == OPC_OR && k == 0) {                          /* or rd, rj, $zero */
        snprintf(buf, len, "move\t%s, %s", la_reg_names[d], la_reg_names[j]);
        return true;
    }
    if (info->bits == OPC_ANDI && insn == OPC_ANDI) {              /* andi $zero, $zero, 0 */
        snprintf(buf, len, "nop");
        return true;
    }
    if (info->bits == OPC_JIRL && d == 0 && ((insn >> 10) & 0xffff) == 0) {
        if (j == 1) {                                               /* jirl $zero, $ra, 0 */
            snprintf(buf, len, "ret");
        } else {                                                    /* jirl $zero, rj, 0 */
            snprintf(buf, len, "jr\t%s", la_reg_names[j]);
        }
        return true;
    }
    return false;
}

/* Print one instruction as llvm-objdump-19 does ("mnemonic\toperands", no branch target
 * annotation) into buf; returns false for a word outside the table ("<unknown>"). */
static bool la_disas_insn(uint32_t insn, char *buf, size_t len)
{
    const LoongArchInsnInfo *info = la_decode(insn);
    const char *m;
    const char *rd, *rj, *rk;
    int64_t off;

    if (!info) {
        snprintf(buf, len, "<unknown>");
        return false;
    }
    if (la_disas_alias(info, insn, buf, len)) {
        return true;
    }
    m = info->mnemonic;
    rd = la_reg_names[la_field_d(insn)];
    rj = la_reg_names[la_field_j(insn)];
    rk = la_reg_names[la_field_k(insn)];

    switch (info->fmt) {
    case LA_FMT_2R:
        snprintf(buf, len, "%s\t%s, %s", m, rd, rj);
        break;
    case LA_FMT_3R:
        snprintf(buf, len, "%s\t%s, %s, %s", m, rd, rj, rk);
        break;
    case LA_FMT_2RI5:
        snprintf(buf, len, "%s\t%s, %s, %u", m, rd, rj, (insn >> 10) & 0x1f);
        break;
    case LA_FMT_2RI6:
        snprintf(buf, len, "%s\t%s, %s, %u", m, rd, rj, (insn >> 10) & 0x3f);
        break;
    case LA_FMT_2RI12S:
        snprintf(buf, len, "%s\t%s, %s, %" PRId64, m, rd, rj, la_field_si(insn, 10, 12));
        break;
    case LA_FMT_2RI12U:
        snprintf(buf, len, "%s\t%s, %s, %u", m, rd, rj, (insn >> 10) & 0xfff);
        break;
    case LA_FMT_2RI14:
        snprintf(buf, len, "%s\t%s, %s, %" PRId64, m, rd, rj, la_field_si(insn, 10, 14) * 4);
        break;
    case LA_FMT_2RI16:
        snprintf(buf, len, "%s\t%s, %s, %" PRId64, m, rd, rj, la_field_si(insn, 10, 16) * 4);
        break;
    case LA_FMT_BR16:
        la_branch_offset(info, insn, &off);
        snprintf(buf, len, "%s\t%s, %s, %" PRId64, m, rj, rd, off);
        break;
    case LA_FMT_1RI20:
        snprintf(buf, len, "%s\t%s, %" PRId64, m, rd, la_field_si(insn, 5, 20));
        break;
    case LA_FMT_1RI21:
        la_branch_offset(info, insn, &off);
        snprintf(buf, len, "%s\t%s, %" PRId64, m, rj, off);
        break;
    case LA_FMT_I26:
        la_branch_offset(info, insn, &off);
        snprintf(buf, len, "%s\t%" PRId64, m, off);
        break;
    case LA_FMT_BSTRW:
        snprintf(buf, len, "%s\t%s, %s, %u, %u", m, rd, rj, (insn >> 16) & 0x1f,
                 (insn >> 10) & 0x1f);
        break;
    case LA_FMT_BSTRD:
        snprintf(buf, len, "%s\t%s, %s, %u, %u", m, rd, rj, (insn >> 16) & 0x3f,
                 (insn >> 10) & 0x3f);
        break;
    case LA_FMT_I15:
        snprintf(buf, len, "%s\t%u", m, insn & 0x7fff);
        break;
    default:
        snprintf(buf, len, "<unknown>");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ -d out_asm */
#ifndef LA_DISAS_NO_PUBLIC
#include "tcg.h"

/* One line per instruction: host address, the word, the text, and a branch's target. */
void tcg_target_disas(FILE *f, const void *code, size_t size)
{
    const uint8_t *p = code;
    char text[96];

    for (size_t i = 0; i + 4 <= size; i += 4) {
        uint32_t insn;
        const LoongArchInsnInfo *info;
        int64_t off;

        memcpy(&insn, p + i, 4);
        la_disas_insn(insn, text, sizeof(text));
        info = la_decode(insn);
        if (info && la_branch_offset(info, insn, &off)) {
            fprintf(f, "0x%016" PRIxPTR ":  %08x  %s  # 0x%" PRIxPTR "\n",
                    (uintptr_t)(p + i), insn, text, (uintptr_t)(p + i) + (uintptr_t)off);
        } else {
            fprintf(f, "0x%016" PRIxPTR ":  %08x  %s\n", (uintptr_t)(p + i), insn, text);
        }
    }
}

/* Fixed-width instructions: one per 32-bit word. */
long tcg_target_insn_count(const void *code, size_t size)
{
    (void)code;
    return (long)(size / 4);
}
#endif
