/*
 * test-loongarch-encoder.c - checks the LoongArch back end's instruction encoders and its
 * disassembler against the LLVM tools, on the x86_64 build (no LoongArch host needed).
 *
 * The truth is tests/unit/loongarch-encodings.txt, written by gen-loongarch-encodings.sh from
 * llvm-mc-19 (encodings) and llvm-objdump-19 (text). Each line is
 *     <assembler input> | 0x<word> | <llvm-objdump text>
 * The test parses the assembler input itself (mnemonic -> LA_INSN_LIST entry -> format ->
 * operands), encodes it with the format's encode_<fmt>() from tcg/loongarch/tcg-insn-defs.h,
 * and compares the word; then disassembles the word with tcg/loongarch/tcg-target-disas.c and
 * compares the text. Every instruction of the table must appear in the file.
 *
 * Only static functions are pulled in (the disassembler is included with LA_DISAS_NO_PUBLIC),
 * so nothing clashes with the x86_64 back end linked into the test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define LA_DISAS_NO_PUBLIC
#include "tcg/loongarch/tcg-target-disas.c"

/* ------------------------------------------------------------------ reference file */
#include "encoding-ref.h"

static int load_reference(void **state)
{
    (void)state;
    return ref_load("loongarch-encodings.txt", "LOONGARCH_ENCODINGS", __FILE__);
}

/* ------------------------------------------------------------------ a tiny assembler */
static const LoongArchInsnInfo *find_mnemonic(const char *m)
{
    for (size_t i = 0; i < ARRAY_SIZE(la_insn_info); i++) {
        if (strcmp(la_insn_info[i].mnemonic, m) == 0) {
            return &la_insn_info[i];
        }
    }
    return NULL;
}

static int parse_reg(const char *s)
{
    for (int i = 0; i < 32; i++) {
        if (strcmp(la_reg_names[i], s) == 0) {
            return i;
        }
    }
    return -1;
}

/* Encode "mnemonic op, op, ..." with the encoder of the instruction's format. Branch and
 * ldptr offsets are written in bytes; the encoders take them in instructions (bytes / 4). */
static bool assemble(const char *text, uint32_t *word)
{
    char buf[96], *save = NULL, *tok;
    int n = 0, r[4] = { -1, -1, -1, -1 };
    int64_t imm[4] = { 0 };
    const LoongArchInsnInfo *info;
    LoongArchInsn opc;

    snprintf(buf, sizeof(buf), "%.95s", text);
    tok = strtok_r(buf, " ", &save);
    info = tok ? find_mnemonic(tok) : NULL;
    if (!info) {
        return false;
    }
    opc = (LoongArchInsn)info->bits;
    while ((tok = strtok_r(NULL, ", ", &save)) != NULL && n < 4) {

        r[n] = parse_reg(tok);
        imm[n] = strtoll(tok, NULL, 0);
        n++;
    }

    switch (info->fmt) {
    case LA_FMT_2R:     *word = encode_2r(opc, r[0], r[1]); break;
    case LA_FMT_3R:     *word = encode_3r(opc, r[0], r[1], r[2]); break;
    case LA_FMT_2RI5:   *word = encode_2ri5(opc, r[0], r[1], imm[2]); break;
    case LA_FMT_2RI6:   *word = encode_2ri6(opc, r[0], r[1], imm[2]); break;
    case LA_FMT_2RI12S: *word = encode_2ri12s(opc, r[0], r[1], imm[2]); break;
    case LA_FMT_2RI12U: *word = encode_2ri12u(opc, r[0], r[1], imm[2]); break;
    case LA_FMT_2RI14:  *word = encode_2ri14(opc, r[0], r[1], imm[2] / 4); break;
    case LA_FMT_2RI16:  *word = encode_2ri16(opc, r[0], r[1], imm[2] / 4); break;
    case LA_FMT_BR16:   *word = encode_br16(opc, r[0], r[1], imm[2] / 4); break;
    case LA_FMT_1RI20:  *word = encode_1ri20(opc, r[0], imm[1]); break;
    case LA_FMT_1RI21:  *word = encode_1ri21(opc, r[0], imm[1] / 4); break;
    case LA_FMT_I26:    *word = encode_i26(opc, imm[0] / 4); break;
    case LA_FMT_BSTRW:  *word = encode_bstrw(opc, r[0], r[1], imm[2], imm[3]); break;
    case LA_FMT_BSTRD:  *word = encode_bstrd(opc, r[0], r[1], imm[2], imm[3]); break;
    case LA_FMT_I15:    *word = encode_i15(opc, imm[0]); break;
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

/* Every reference word disassembles to llvm-objdump's text. */
static void test_disassembler_matches_llvm_objdump(void **state)
{
    int bad = 0;

    (void)state;
    for (int i = 0; i < nb_ref_lines; i++) {
        const RefLine *r = &ref_lines[i];
        char text[96];

        la_disas_insn(r->word, text, sizeof(text));
        for (char *p = text; *p; p++) {
            if (*p == '\t') {
                *p = ' ';
            }
        }
        if (strcmp(text, r->dis_text) != 0) {
            print_error("line %d: 0x%08x prints '%s', llvm-objdump says '%s'\n",
                        r->line_no, r->word, text, r->dis_text);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The decode table as encoding-ref.h sees it. */
static uint32_t la_entry_bits(size_t i) { return la_insn_info[i].bits; }
static uint32_t la_entry_mask(size_t i) { return la_format_mask[la_insn_info[i].fmt]; }
static const char *la_entry_mnemonic(size_t i) { return la_insn_info[i].mnemonic; }

/* The reference covers every instruction the back end can emit, and the decode table has no
 * two entries matching the same word. */
static void test_table_fully_covered(void **state)
{
    static const EncodingTable table = {
        ARRAY_SIZE(la_insn_info), la_entry_bits, la_entry_mask, la_entry_mnemonic,
        "loongarch-encodings.txt",
    };

    (void)state;
    ref_check_table_covered(&table);
}

/* Field placement of the split-offset formats, by hand from the manual's pseudo-code:
 * b: offs[15:0] -> bits 25..10, offs[25:16] -> bits 9..0; beqz: offs[20:16] -> bits 4..0. */
static void test_split_offsets(void **state)
{
    (void)state;
    assert_int_equal(encode_i26(OPC_B, 1), 0x50000400);
    assert_int_equal(encode_i26(OPC_B, 0x10000), 0x50000001);
    assert_int_equal(encode_i26(OPC_B, -1), 0x53ffffff);
    assert_int_equal(encode_1ri21(OPC_BEQZ, 4, 0x10000), 0x40000081);
    assert_int_equal(encode_1ri21(OPC_BNEZ, 4, -1), 0x47fffc9f);
}

/* Words outside the table are reported as unknown, not misprinted. */
static void test_unknown_words(void **state)
{
    char text[96];

    (void)state;
    assert_false(la_disas_insn(0xffffffffu, text, sizeof(text)));
    assert_string_equal(text, "<unknown>");
    assert_false(la_disas_insn(0x00000000u, text, sizeof(text)));
}

/* The range helpers the field assertions rely on. */
static void test_field_ranges(void **state)
{
    (void)state;
    assert_true(la_fits_signed(-2048, 12) && la_fits_signed(2047, 12));
    assert_false(la_fits_signed(2048, 12) || la_fits_signed(-2049, 12));
    assert_true(la_fits_unsigned(4095, 12) && !la_fits_unsigned(4096, 12));
    assert_false(la_fits_unsigned(-1, 12));
    assert_true(la_fits_signed(-(1 << 25), 26) && !la_fits_signed(1 << 25, 26));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encoders_match_llvm_mc),
        cmocka_unit_test(test_disassembler_matches_llvm_objdump),
        cmocka_unit_test(test_table_fully_covered),
        cmocka_unit_test(test_split_offsets),
        cmocka_unit_test(test_unknown_words),
        cmocka_unit_test(test_field_ranges),
    };
    return cmocka_run_group_tests(tests, load_reference, NULL);
}
