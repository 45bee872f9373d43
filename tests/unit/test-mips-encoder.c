/*
 * test-mips-encoder.c - checks the MIPS back end's instruction encoders and its disassembler,
 * on the x86_64 build (no MIPS host needed).
 *
 * The truth is tests/unit/mips-encodings.txt, written by gen-mips-encodings.sh from llvm-mc-19
 * (--triple=mips64el -mcpu=mips64r2). Each line is
 *     <assembler input> | 0x<word>
 * The test parses the assembler input itself (mnemonic -> MIPS_INSN_LIST entry -> format ->
 * operands), encodes it with the format's encode_<fmt>() from tcg/mips/tcg-insn-defs.h and
 * compares the word. Then it disassembles every word with tcg/mips/tcg-target-disas.c and
 * assembles that text again: the decoder must pick the right entry and print operands that
 * mean the same word. Every instruction of the table must appear in the file.
 *
 * Only static functions are pulled in (the disassembler is included with MIPS_DISAS_NO_PUBLIC),
 * so nothing clashes with the x86_64 back end linked into the test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define MIPS_DISAS_NO_PUBLIC
#include "tcg/mips/tcg-target-disas.c"

/* ------------------------------------------------------------------ reference file */
#include "encoding-ref.h"

static int load_reference(void **state)
{
    (void)state;
    return ref_load("mips-encodings.txt", "MIPS_ENCODINGS", __FILE__);
}

/* ------------------------------------------------------------------ a tiny assembler */
static const MIPSInsnInfo *find_mnemonic(const char *m)
{
    for (size_t i = 0; i < ARRAY_SIZE(mips_insn_info); i++) {
        if (strcmp(mips_insn_info[i].mnemonic, m) == 0) {
            return &mips_insn_info[i];
        }
    }
    return NULL;
}

/* "$N" or an n64 ABI name (what the disassembler prints); -1 otherwise. */
static int parse_reg(const char *s)
{
    char *end;
    long n;

    for (int i = 0; i < 32; i++) {
        if (strcmp(mips_reg_names[i], s) == 0) {
            return i;
        }
    }
    if (s[0] != '$') {
        return -1;
    }
    n = strtol(s + 1, &end, 10);
    return *end == 0 && end != s + 1 && n >= 0 && n < 32 ? (int)n : -1;
}

/* Encode "mnemonic op, op, ..." ("rt, off(base)" for loads and stores) with the encoder of the
 * instruction's format. Branch offsets are in bytes from the delay slot and jump targets are
 * absolute byte addresses; the encoders take words. "nop" is sll $zero, $zero, 0. */
static bool assemble(const char *text, uint32_t *word)
{
    char buf[96], *save = NULL, *tok;
    int n = 0, r[4] = { -1, -1, -1, -1 };
    int64_t imm[4] = { 0 };
    const MIPSInsnInfo *info;
    MIPSInsn opc;

    if (strcmp(text, "nop") == 0) {
        *word = encode_sa(OPC_SLL, 0, 0, 0);
        return true;
    }
    snprintf(buf, sizeof(buf), "%.95s", text);
    tok = strtok_r(buf, " ", &save);
    info = tok ? find_mnemonic(tok) : NULL;
    if (!info) {
        return false;
    }
    opc = (MIPSInsn)info->bits;
    while ((tok = strtok_r(NULL, ", ()", &save)) != NULL && n < 4) {
        r[n] = parse_reg(tok);
        imm[n] = strtoll(tok, NULL, 0);
        n++;
    }

    switch (info->fmt) {
    case MIPS_FMT_R3:   *word = encode_r3(opc, r[0], r[1], r[2]); break;
    case MIPS_FMT_RV:   *word = encode_rv(opc, r[0], r[1], r[2]); break;
    case MIPS_FMT_SA:   *word = encode_sa(opc, r[0], r[1], imm[2]); break;
    case MIPS_FMT_MD:   *word = encode_md(opc, r[0], r[1]); break;
    case MIPS_FMT_MF:   *word = encode_mf(opc, r[0]); break;
    case MIPS_FMT_RT:   *word = encode_rt(opc, r[0], r[1]); break;
    case MIPS_FMT_CLZ:  *word = encode_clz(opc, r[0], r[1]); break;
    case MIPS_FMT_IS:   *word = encode_is(opc, r[0], r[1], imm[2]); break;
    case MIPS_FMT_IU:   *word = encode_iu(opc, r[0], r[1], imm[2]); break;
    case MIPS_FMT_LUI:  *word = encode_lui(opc, r[0], imm[1]); break;
    case MIPS_FMT_MEM:  *word = encode_mem(opc, r[0], imm[1], r[2]); break;
    case MIPS_FMT_BR:   *word = encode_br(opc, r[0], r[1], imm[2] / 4); break;
    case MIPS_FMT_BZ:   *word = encode_bz(opc, r[0], imm[1] / 4); break;
    case MIPS_FMT_J:    *word = encode_j(opc, (imm[0] >> 2) & 0x3ffffff); break;
    case MIPS_FMT_JR:   *word = encode_jr(opc, r[0]); break;
    case MIPS_FMT_JALR: *word = encode_jalr(opc, r[0], r[1]); break;
    case MIPS_FMT_BFX:  *word = encode_bfx(opc, r[0], r[1], imm[2], imm[3]); break;
    case MIPS_FMT_BFI:  *word = encode_bfi(opc, r[0], r[1], imm[2], imm[3]); break;
    default:
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ tests */
/* Every reference line encodes to llvm-mc's word. */
static void test_encoders_match_llvm_mc(void **state)
{
    (void)state;
    ref_check_assembler(assemble);
}

/* Every reference word disassembles to text that assembles back to the same word. */
static void test_disassembler_round_trip(void **state)
{
    int bad = 0;

    (void)state;
    for (int i = 0; i < nb_ref_lines; i++) {
        const RefLine *r = &ref_lines[i];
        char text[96];
        uint32_t word = 0;

        if (!mips_disas_insn(r->word, text, sizeof(text))) {
            print_error("line %d: 0x%08x not decoded\n", r->line_no, r->word);
            bad++;
            continue;
        }
        for (char *p = text; *p; p++) {
            if (*p == '\t') {
                *p = ' ';
            }
        }
        if (!assemble(text, &word) || word != r->word) {
            print_error("line %d: 0x%08x prints '%s', which is 0x%08x\n", r->line_no, r->word,
                        text, word);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The decode table as encoding-ref.h sees it. */
static uint32_t mips_entry_bits(size_t i) { return mips_insn_info[i].bits; }
static uint32_t mips_entry_mask(size_t i) { return mips_format_mask[mips_insn_info[i].fmt]; }
static const char *mips_entry_mnemonic(size_t i) { return mips_insn_info[i].mnemonic; }

/* The reference covers every instruction the back end can emit, and the decode table has no
 * two entries matching the same word. */
static void test_table_fully_covered(void **state)
{
    static const EncodingTable table = {
        ARRAY_SIZE(mips_insn_info), mips_entry_bits, mips_entry_mask, mips_entry_mnemonic,
        "mips-encodings.txt",
    };

    (void)state;
    ref_check_table_covered(&table);
}

/* Field placement by hand from the manual: the offset is in words from the delay slot, j keeps
 * 26 bits of the word address, clz repeats rd in rt, ext stores size - 1, ins pos + size - 1. */
static void test_fields_by_hand(void **state)
{
    (void)state;
    assert_int_equal(encode_br(OPC_BEQ, 0, 0, -1), 0x1000ffff);
    assert_int_equal(encode_bz(OPC_BGEZ, 4, 1), 0x04810001);
    assert_int_equal(encode_j(OPC_J, 0x3ffffff), 0x0bffffff);
    assert_int_equal(encode_clz(OPC_CLZ, 2, 3), 0x70621020);
    assert_int_equal(encode_bfx(OPC_EXT, 2, 3, 4, 8), 0x7c623900);
    assert_int_equal(encode_bfi(OPC_INS, 2, 3, 4, 8), 0x7c625904);
    assert_int_equal(encode_sa(OPC_ROTR, 2, 3, 5), 0x00231142);
}

/* Words outside the table are reported as unknown, not misprinted. */
static void test_unknown_words(void **state)
{
    char text[96];

    (void)state;
    assert_false(mips_disas_insn(0x0000000cu, text, sizeof(text)));   /* syscall */
    assert_string_equal(text, "<unknown>");
    assert_false(mips_disas_insn(0x7c03e83bu, text, sizeof(text)));   /* rdhwr $3, $29 */
    assert_true(mips_disas_insn(0x00000000u, text, sizeof(text)));
    assert_string_equal(text, "nop");
}

/* The range helpers the field assertions rely on. */
static void test_field_ranges(void **state)
{
    (void)state;
    assert_true(mips_fits_signed(-32768, 16) && mips_fits_signed(32767, 16));
    assert_false(mips_fits_signed(32768, 16) || mips_fits_signed(-32769, 16));
    assert_true(mips_fits_unsigned(65535, 16) && !mips_fits_unsigned(65536, 16));
    assert_false(mips_fits_unsigned(-1, 16));
    assert_true(mips_fits_unsigned(31, 5) && !mips_fits_unsigned(32, 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encoders_match_llvm_mc),
        cmocka_unit_test(test_disassembler_round_trip),
        cmocka_unit_test(test_table_fully_covered),
        cmocka_unit_test(test_fields_by_hand),
        cmocka_unit_test(test_unknown_words),
        cmocka_unit_test(test_field_ranges),
    };
    return cmocka_run_group_tests(tests, load_reference, NULL);
}
