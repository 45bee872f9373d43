/*
 * test-x86-encoder.c - unit tests of the x86_64 back end (tcg/x86_64/tcg-target.c.inc).
 *
 * Two halves:
 *  - encodings: every instruction form the back end emits is produced through its own encoder
 *    helpers (or tcg_out_op) and compared byte for byte with x86-encodings.txt, which
 *    gen-x86-encodings.sh generates with llvm-mc-19 (the assembler is the oracle). Fixup bytes
 *    ("A") of pc-relative fields are skipped there;
 *  - execution: the prologue, ops, branches, calls and TB chaining are emitted into an
 *    executable buffer and run, checking results against C (this covers the displacements).
 *
 * The back end is included directly so its static helpers are reachable; this file provides
 * the few tcg.c services it uses (tcg_set_frame, tcg_out_reloc) and guest_base, and links
 * nothing else from loongbt.
 */
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "tcg-be.h"
#include "tcg-target.c.inc"

/* ================================================================== stand-ins for tcg.c / linux-user */

uintptr_t guest_base;

void tcg_abort_msg(const char *file, int line, const char *msg)
{
    fprintf(stderr, "%s:%d: %s\n", file, line, msg);
    abort();
}

static intptr_t frame_start, frame_size;
static int frame_reg = -1;

static void tcg_set_frame(TCGContext *s, int reg, intptr_t start, intptr_t size)
{
    (void)s;
    frame_reg = reg, frame_start = start, frame_size = size;
}

/* Pending label references, resolved by test_set_label like tcg.c does. */
static TCGRelocation test_relocs[64];
static int nb_test_relocs;

static void tcg_out_reloc(TCGContext *s, tcg_insn_unit *code_ptr, int type, TCGLabel *l,
                          intptr_t addend)
{
    TCGRelocation *r;

    (void)s;
    assert_true(nb_test_relocs < (int)ARRAY_SIZE(test_relocs));
    r = &test_relocs[nb_test_relocs++];
    r->ptr = code_ptr, r->type = type, r->addend = addend;
    r->next = l->relocs;
    l->relocs = r;
}

static void test_set_label(TCGContext *s, TCGLabel *l)
{
    l->has_value = true;
    l->value = s->code_ptr;
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        assert_true(patch_reloc(r->ptr, r->type, (intptr_t)l->value, r->addend));
    }
    l->relocs = NULL;
}

static TCGContext ctx;          /* big: static, not on the stack */
static TCGLabel labels[8];

static TCGLabel *new_label(int i)
{
    memset(&labels[i], 0, sizeof(labels[i]));
    labels[i].id = i;
    return &labels[i];
}

/* ================================================================== short names */

enum { RAX = TCG_REG_RAX, RCX = TCG_REG_RCX, RDX = TCG_REG_RDX, RBX = TCG_REG_RBX,
       RSP = TCG_REG_RSP, RBP = TCG_REG_RBP, RSI = TCG_REG_RSI, RDI = TCG_REG_RDI,
       R8 = TCG_REG_R8, R9 = TCG_REG_R9, R10 = TCG_REG_R10, R11 = TCG_REG_R11,
       R12 = TCG_REG_R12, R13 = TCG_REG_R13, R14 = TCG_REG_R14, R15 = TCG_REG_R15 };

/* Emit one op: args and const flags in TCGOp.args order (outputs, inputs, constants). */
#define OP(opc, ...) emit_op(s, INDEX_op_##opc, (const TCGArg[]){ __VA_ARGS__ })
#define OPC(opc, consts, ...) emit_op_c(s, INDEX_op_##opc, consts, (const TCGArg[]){ __VA_ARGS__ })
#define K(v) ((TCGArg)(int64_t)(v))

static void emit_op_c(TCGContext *s, TCGOpcode opc, unsigned const_mask, const TCGArg *args)
{
    int const_args[TCG_MAX_OP_ARGS];
    for (int i = 0; i < TCG_MAX_OP_ARGS; i++) {
        const_args[i] = (const_mask >> i) & 1;
    }
    tcg_out_op(s, opc, args, const_args);
}

static void emit_op(TCGContext *s, TCGOpcode opc, const TCGArg *args)
{
    emit_op_c(s, opc, 0, args);
}

/* ================================================================== encoding cases */

/* X(id, statement): the id names the reference line in x86-encodings.txt. */
#define ENCODING_CASES(X) \
    X(add_rr32,        tcg_out_alu_rr(s, ARITH_ADD, RAX, RCX)) \
    X(add_rr64,        tcg_out_alu_rr(s, ARITH_ADD | P_REXW, R8, R15)) \
    X(sub_rr32,        tcg_out_alu_rr(s, ARITH_SUB, R9, RDX)) \
    X(and_rr32,        tcg_out_alu_rr(s, ARITH_AND, RSI, R12)) \
    X(or_rr64,         tcg_out_alu_rr(s, ARITH_OR | P_REXW, RDI, RBX)) \
    X(xor_rr32,        tcg_out_alu_rr(s, ARITH_XOR, R13, R13)) \
    X(cmp_rr32,        tcg_out_alu_rr(s, ARITH_CMP, RAX, RCX)) \
    X(add_ri8,         tcg_out_alu_ri(s, ARITH_ADD, RCX, 5)) \
    X(sub_ri8_64,      tcg_out_alu_ri(s, ARITH_SUB | P_REXW, RSP, 8)) \
    X(and_ri8_neg,     tcg_out_alu_ri(s, ARITH_AND, R10, -16)) \
    X(or_ri8_r15,      tcg_out_alu_ri(s, ARITH_OR, R15, 1)) \
    X(add_ri32,        tcg_out_alu_ri(s, ARITH_ADD, RCX, 0x1000)) \
    X(add_ri32_rax,    tcg_out_alu_ri(s, ARITH_ADD, RAX, 0x1000)) \
    X(cmp_ri32_64,     tcg_out_alu_ri(s, ARITH_CMP | P_REXW, R12, 0x12345)) \
    X(xor_ri32_rax64,  tcg_out_alu_ri(s, ARITH_XOR | P_REXW, RAX, -0x10000)) \
    X(sub_ri32_rsp64,  tcg_out_alu_ri(s, ARITH_SUB | P_REXW, RSP, 2184)) \
    X(shl_1,           tcg_out_shifti(s, SHIFT_SHL, RAX, 1)) \
    X(shr_imm,         tcg_out_shifti(s, SHIFT_SHR, R11, 5)) \
    X(sar_imm,         tcg_out_shifti(s, SHIFT_SAR, RDX, 31)) \
    X(rol_imm,         tcg_out_shifti(s, SHIFT_ROL, RDI, 3)) \
    X(ror_imm,         tcg_out_shifti(s, SHIFT_ROR, R8, 7)) \
    X(shr_imm64,       tcg_out_shifti(s, SHIFT_SHR | P_REXW, RAX, 32)) \
    X(shl_imm64,       tcg_out_shifti(s, SHIFT_SHL | P_REXW, R9, 12)) \
    X(rolw_8,          tcg_out_shifti(s, SHIFT_ROL | P_DATA16, RAX, 8)) \
    X(rolw_8_r9,       tcg_out_shifti(s, SHIFT_ROL | P_DATA16, R9, 8)) \
    X(shl_cl,          tcg_out_shift_cl(s, SHIFT_SHL, RSI)) \
    X(sar_cl,          tcg_out_shift_cl(s, SHIFT_SAR, R13)) \
    X(ror_cl,          tcg_out_shift_cl(s, SHIFT_ROR, RBX)) \
    X(shr_cl64,        tcg_out_shift_cl(s, SHIFT_SHR | P_REXW, R10)) \
    X(mov_rr32,        tcg_out_mov(s, TCG_TYPE_I32, RAX, RCX)) \
    X(mov_rr64,        tcg_out_mov(s, TCG_TYPE_I64, R14, RSI)) \
    X(mov_rr64_hi,     tcg_out_mov(s, TCG_TYPE_I64, RDI, R12)) \
    X(movi_zero,       tcg_out_movi(s, TCG_TYPE_I32, RBX, 0)) \
    X(movi_zero_r12,   tcg_out_movi(s, TCG_TYPE_I64, R12, 0)) \
    X(movi_u32,        tcg_out_movi(s, TCG_TYPE_I32, R8, 0x12345678)) \
    X(movi_i32_neg,    tcg_out_movi(s, TCG_TYPE_I32, RAX, -1)) \
    X(movi_s32_64,     tcg_out_movi(s, TCG_TYPE_I64, RAX, -1)) \
    X(movi_u32_64,     tcg_out_movi(s, TCG_TYPE_I64, RCX, 0x80000000)) \
    X(movi_imm64,      tcg_out_movi(s, TCG_TYPE_I64, R10, 0x123456789abcdef0)) \
    X(movi_rip,        tcg_out_movi(s, TCG_TYPE_I64, RAX, (intptr_t)s->code_ptr + 7 + 0x100)) \
    X(movi_rip_r9,     tcg_out_movi(s, TCG_TYPE_I64, R9, (intptr_t)s->code_ptr + 7 - 0x1000)) \
    X(ld32_disp8,      tcg_out_ld(s, TCG_TYPE_I32, RAX, R14, 0x10)) \
    X(ld32_disp32,     tcg_out_ld(s, TCG_TYPE_I32, RCX, R14, 0x1234)) \
    X(ld32_negdisp,    tcg_out_ld(s, TCG_TYPE_I32, R9, RBX, -8)) \
    X(ld64_rsp,        tcg_out_ld(s, TCG_TYPE_I64, RDX, RSP, 8)) \
    X(ld64_rsp0,       tcg_out_ld(s, TCG_TYPE_I64, RDX, RSP, 0)) \
    X(ld32_rbp0,       tcg_out_ld(s, TCG_TYPE_I32, RAX, RBP, 0)) \
    X(ld32_r13_0,      tcg_out_ld(s, TCG_TYPE_I32, R12, R13, 0)) \
    X(ld32_r12_0,      tcg_out_ld(s, TCG_TYPE_I32, RAX, R12, 0)) \
    X(ld64_r12_disp32, tcg_out_ld(s, TCG_TYPE_I64, R15, R12, 0x200)) \
    X(st64_rsp,        tcg_out_st(s, TCG_TYPE_I64, RAX, RSP, 0x100)) \
    X(st32_r14,        tcg_out_st(s, TCG_TYPE_I32, R9, R14, -8)) \
    X(st8_sil,         tcg_out_st_host(s, 0, RSI, false, R14, 0x20)) \
    X(st8_al,          tcg_out_st_host(s, 0, RAX, false, RBX, 0)) \
    X(st8_r8b,         tcg_out_st_host(s, 0, R8, false, R14, 1)) \
    X(st8_dil_rsp,     tcg_out_st_host(s, 0, RDI, false, RSP, 4)) \
    X(st16_dx,         tcg_out_st_host(s, 1, RDX, false, R14, 6)) \
    X(st16_r11w,       tcg_out_st_host(s, 1, R11, false, RAX, 0x300)) \
    X(sti8,            tcg_out_sti(s, 0, 0x7f, R14, 2)) \
    X(sti16,           tcg_out_sti(s, 1, 0x1234, R14, 4)) \
    X(sti32,           tcg_out_sti(s, 2, 0x11223344, R14, 0x30)) \
    X(sti64,           tcg_out_sti(s, 3, -2, R14, 8)) \
    X(sti32_rbp,       tcg_out_sti(s, 2, 7, RBP, 0)) \
    X(sib_r13_base,    tcg_out_modrm_sib_offset(s, OPC_MOVL_GvEv, RCX, R13, RAX, 0, 0)) \
    X(sib_rbp_scale,   tcg_out_modrm_sib_offset(s, OPC_MOVL_GvEv, RDX, RBP, R9, 3, 0x10)) \
    X(sib_abs,         tcg_out_modrm_sib_offset(s, OPC_MOVL_GvEv, RAX, -1, -1, 0, 0x1000)) \
    X(movzbl_sil,      tcg_out_ext8u(s, RSI, RSI)) \
    X(movzbl_al_r8,    tcg_out_ext8u(s, R8, RAX)) \
    X(movzbl_r9b,      tcg_out_ext8u(s, RAX, R9)) \
    X(movsbl_dil,      tcg_out_ext8s(s, RAX, RDI)) \
    X(movsbl_bl,       tcg_out_ext8s(s, RCX, RBX)) \
    X(movzwl,          tcg_out_ext16u(s, RDX, RCX)) \
    X(movswl,          tcg_out_ext16s(s, R11, R10)) \
    X(movslq,          tcg_out_ext32s(s, RDX, RAX)) \
    X(movslq_hi,       tcg_out_ext32s(s, R8, R15)) \
    X(ext32u,          tcg_out_ext32u(s, R11, RAX)) \
    X(op_ld8u,         OP(ld8u_i32, RAX, R14, 3)) \
    X(op_ld8s,         OP(ld8s_i32, RSI, R14, 0x100)) \
    X(op_ld16u,        OP(ld16u_i32, RDI, RBX, 2)) \
    X(op_ld16s,        OP(ld16s_i32, R12, R14, K(-4))) \
    X(op_ld_i64,       OP(ld_i64, RAX, R14, 0x50)) \
    X(op_st8_reg,      OP(st8_i32, RSI, R14, 0x21)) \
    X(op_st_i32_imm,   OPC(st_i32, 1, 5, R14, 0x40)) \
    X(op_st_i64_imm,   OPC(st_i64, 1, K(-1), R14, 0x48)) \
    X(qld_ub,          OP(qemu_ld_i32, RCX, RAX, MO_UB)) \
    X(qld_sb,          OP(qemu_ld_i32, RSI, RDX, MO_SB)) \
    X(qld_uw,          OP(qemu_ld_i32, RAX, RAX, MO_UW)) \
    X(qld_sw,          OP(qemu_ld_i32, R9, RBX, MO_SW)) \
    X(qld_ul,          OP(qemu_ld_i32, R12, R13, MO_UL)) \
    X(qld64_sl,        OP(qemu_ld_i64, RDX, RCX, MO_SL)) \
    X(qld64_q,         OP(qemu_ld_i64, R10, RDI, MO_Q)) \
    X(qld64_sw,        OP(qemu_ld_i64, RAX, RSI, MO_SW)) \
    X(qst_b,           OP(qemu_st_i32, RSI, RAX, MO_UB)) \
    X(qst_w,           OP(qemu_st_i32, RCX, RDX, MO_UW)) \
    X(qst_l,           OP(qemu_st_i32, R8, R9, MO_UL)) \
    X(qst_q,           OP(qemu_st_i64, RBX, RAX, MO_Q)) \
    X(sete_al,         tcg_out_setcc(s, JCC_E, RAX)) \
    X(setl_sil,        tcg_out_setcc(s, JCC_L, RSI)) \
    X(setb_r9b,        tcg_out_setcc(s, JCC_B, R9)) \
    X(seta_bl,         tcg_out_setcc(s, JCC_A, RBX)) \
    X(setle_dil,       tcg_out_setcc(s, JCC_LE, RDI)) \
    X(cmovg,           tcg_out_cmov(s, JCC_G, 0, RAX, RCX)) \
    X(cmovb_hi,        tcg_out_cmov(s, JCC_B, 0, R12, R8)) \
    X(cmovne64,        tcg_out_cmov(s, JCC_NE, P_REXW, RDX, RSI)) \
    X(jcc_rel32,       tcg_out_jxx(s, JCC_NE, new_label(0))) \
    X(jcc_rel32_be,    tcg_out_jxx(s, JCC_BE, new_label(0))) \
    X(jmp_rel32,       OP(br, (TCGArg)new_label(0))) \
    X(call_near,       tcg_out_call(s, s->code_ptr + 0x100)) \
    X(call_far,        tcg_out_call(s, (const void *)(uintptr_t)0x123456789abcull)) \
    X(jmp_reg,         OP(goto_ptr, RSI)) \
    X(jmp_reg_hi,      OP(goto_ptr, R11)) \
    X(jmp_mem_r11,     tcg_out_modrm_offset(s, OPC_GRP5, EXT5_JMPN, R11, 0)) \
    X(jmp_rip,         tcg_out_modrm_rip(s, OPC_GRP5, EXT5_JMPN, (uintptr_t)s->code_ptr + 6 + 0x100)) \
    X(push_rbp,        tcg_out_push(s, RBP)) \
    X(push_r15,        tcg_out_push(s, R15)) \
    X(pop_rbx,         tcg_out_pop(s, RBX)) \
    X(pop_r12,         tcg_out_pop(s, R12)) \
    X(bswap_eax,       OP(bswap32_i32, RAX, RAX)) \
    X(bswap_r10d,      OP(bswap32_i32, R10, R10)) \
    X(imul_rr,         OP(mul_i32, RAX, RAX, RCX)) \
    X(imul_ri8,        OPC(mul_i32, 4, RDX, RDX, 5)) \
    X(imul_ri32,       OPC(mul_i32, 4, R9, R9, 1000)) \
    X(mulu2,           OP(mulu2_i32, RAX, RDX, RAX, RCX)) \
    X(muls2,           OP(muls2_i32, RAX, RDX, RAX, R8)) \
    X(neg,             OP(neg_i32, RAX, RAX)) \
    X(not_r13,         OP(not_i32, R13, R13)) \
    X(add_lea_imm,     OPC(add_i32, 4, RDX, RAX, 5)) \
    X(add_lea_reg,     OP(add_i32, RDX, RAX, RCX)) \
    X(add_lea64,       OP(add_i64, RCX, RBX, R12)) \
    X(add_lea_rbp,     OP(add_i32, RAX, RBP, RCX)) \
    X(add_inplace_rax, OPC(add_i32, 4, RAX, RAX, K(-1000))) \
    X(add_lea64_neg,   OPC(add_i64, 4, RAX, R10, K(-1000))) \
    X(add_swap,        OP(add_i32, RAX, RCX, RAX)) \
    X(brcond_test,     OPC(brcond_i32, 2, RAX, 0, TCG_COND_EQ, (TCGArg)new_label(0))) \
    X(setcond_lt0,     OPC(setcond_i32, 4, RSI, RDI, 0, TCG_COND_LT)) \
    X(setcond_geu,     OP(setcond_i32, RAX, RCX, RDX, TCG_COND_GEU)) \
    X(brcond_gtu,      OP(brcond_i32, RAX, RCX, TCG_COND_GTU, (TCGArg)new_label(0))) \
    X(brcond_imm,      OPC(brcond_i32, 2, R8, 100, TCG_COND_LE, (TCGArg)new_label(0))) \
    X(movcond_eq,      OPC(movcond_i32, 4, RAX, RDX, 7, RBX, RAX, TCG_COND_EQ)) \
    X(bswap16_op,      OP(bswap16_i32, RCX, RCX)) \
    X(extrh,           OP(extrh_i64_i32, RAX, RAX)) \
    X(and64_u32,       OPC(and_i64, 4, RAX, RAX, 0xffff0000u)) \
    X(and64_ffffffff,  OPC(and_i64, 4, RAX, RAX, 0xffffffffu)) \
    X(or64_imm,        OPC(or_i64, 4, RDX, RDX, 0x10)) \
    X(shl64_imm,       OPC(shl_i64, 4, RDI, RDI, 3)) \
    X(exit_tb_val,     OP(exit_tb, (TCGArg)0x7f1234567891ull)) \
    X(exit_tb_zero,    OP(exit_tb, 0)) \
    X(ret,             tcg_out_opc(s, OPC_RET, -1, -1, -1)) \
    X(bsr,             tcg_out_modrm(s, OPC_BSR, R11, RAX)) \
    X(bsf,             tcg_out_modrm(s, OPC_BSF, R11, R9)) \
    X(deposit_al,      OP(deposit_i32, RAX, RAX, RSI, 0, 8)) \
    X(deposit_r9b,     OP(deposit_i32, R9, R9, RBX, 0, 8)) \
    X(deposit_ax,      OP(deposit_i32, RCX, RCX, R10, 0, 16)) \
    X(deposit_ah,      OP(deposit_i32, RAX, RAX, RBX, 8, 8)) \
    X(deposit_gen,     OP(deposit_i32, RDI, RDI, RDX, 4, 4)) \
    X(extract_ah,      OP(extract_i32, RDX, RCX, 8, 8)) \
    X(sextract_ah,     OP(sextract_i32, RSI, RBX, 8, 8)) \
    X(extract_gen,     OP(extract_i32, RAX, RBX, 3, 5)) \
    X(sextract_gen,    OP(sextract_i32, RCX, RCX, 4, 12)) \
    X(clz_reg,         OP(clz_i32, RAX, RCX, RDX)) \
    X(ctz_imm,         OPC(ctz_i32, 4, RBX, RSI, 32)) \
    X(andc_reg,        OP(andc_i32, RAX, RAX, RCX)) \
    X(andc_imm,        OPC(andc_i32, 4, RDX, RDX, 0xff))

typedef struct EncodingCase {
    const char *id;
    void (*emit)(TCGContext *s);
} EncodingCase;

#define X(id, stmt) static void emit_##id(TCGContext *s) { stmt; }
ENCODING_CASES(X)
#undef X

static const EncodingCase encoding_cases[] = {
#define X(id, stmt) { #id, emit_##id },
    ENCODING_CASES(X)
#undef X
};

/* One reference line: bytes, -1 for a fixup byte ("A"). */
typedef struct RefEncoding {
    char id[64];
    char asm_text[160];
    int bytes[32];
    int nb_bytes;
    bool used;
} RefEncoding;

static RefEncoding refs[256];
static int nb_refs;

static const char *reference_path(void)
{
    static char path[1024];
    const char *env = getenv("LOONGBT_X86_ENCODINGS");
    const char *slash;

    if (env) {
        return env;
    }
    /* Next to this source file (tests run from the repository root). */
    slash = strrchr(__FILE__, '/');
    snprintf(path, sizeof(path), "%.*sx86-encodings.txt",
             slash ? (int)(slash - __FILE__ + 1) : 0, __FILE__);
    return path;
}

static int load_references(void **state)
{
    const char *path = reference_path();
    FILE *f = fopen(path, "r");
    char line[512];

    (void)state;
    if (!f) {
        fprintf(stderr, "test-x86-encoder: cannot open %s\n", path);
        return -1;
    }
    while (fgets(line, sizeof(line), f)) {
        char *tab1, *tab2, *tok, *save;
        RefEncoding *r;

        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        tab1 = strchr(line, '\t');
        tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2 || nb_refs == (int)ARRAY_SIZE(refs)) {
            fprintf(stderr, "test-x86-encoder: bad line in %s: %s", path, line);
            fclose(f);
            return -1;
        }
        r = &refs[nb_refs++];
        *tab1 = *tab2 = '\0';
        snprintf(r->id, sizeof(r->id), "%.63s", line);
        snprintf(r->asm_text, sizeof(r->asm_text), "%.159s", tab2 + 1 + (strncmp(tab2 + 1, "# ", 2) == 0 ? 2 : 0));
        r->asm_text[strcspn(r->asm_text, "\n")] = '\0';
        for (tok = strtok_r(tab1 + 1, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            if (r->nb_bytes == (int)ARRAY_SIZE(r->bytes)) {
                break;
            }
            r->bytes[r->nb_bytes++] = strcmp(tok, "A") == 0 ? -1 : (int)strtol(tok, NULL, 16);
        }
    }
    fclose(f);
    return nb_refs > 0 ? 0 : -1;
}

static RefEncoding *find_reference(const char *id)
{
    for (int i = 0; i < nb_refs; i++) {
        if (strcmp(refs[i].id, id) == 0) {
            return &refs[i];
        }
    }
    return NULL;
}

static uint8_t enc_buf[4096];

static void print_bytes(const char *what, const uint8_t *p, int n)
{
    fprintf(stderr, "  %s:", what);
    for (int i = 0; i < n; i++) {
        fprintf(stderr, " %02x", p[i]);
    }
    fprintf(stderr, "\n");
}

/* Emit every case and compare with the assembler's bytes; report all mismatches, then fail. */
static void test_encodings(void **state)
{
    TCGContext *s = &ctx;
    int failures = 0;

    (void)state;
    s->code_gen_epilogue = enc_buf + 0x800;
    tb_ret_addr = enc_buf + 0x802;
    for (size_t i = 0; i < ARRAY_SIZE(encoding_cases); i++) {
        const EncodingCase *c = &encoding_cases[i];
        RefEncoding *r = find_reference(c->id);
        int n;
        bool same;

        if (!r) {
            fprintf(stderr, "encoding %s: no reference line (rerun gen-x86-encodings.sh)\n", c->id);
            failures++;
            continue;
        }
        r->used = true;
        memset(enc_buf, 0xcc, sizeof(enc_buf));
        s->code_buf = s->code_ptr = enc_buf;
        c->emit(s);
        n = (int)(s->code_ptr - enc_buf);
        same = n == r->nb_bytes;
        for (int j = 0; same && j < n; j++) {
            same = r->bytes[j] < 0 || r->bytes[j] == enc_buf[j];
        }
        if (!same) {
            uint8_t want[32];
            for (int j = 0; j < r->nb_bytes; j++) {
                want[j] = r->bytes[j] < 0 ? 0 : (uint8_t)r->bytes[j];
            }
            fprintf(stderr, "encoding %s (%s) differs:\n", c->id, r->asm_text);
            print_bytes("emitted  ", enc_buf, n);
            print_bytes("llvm-mc  ", want, r->nb_bytes);
            failures++;
        }
    }
    for (int i = 0; i < nb_refs; i++) {
        if (!refs[i].used) {
            fprintf(stderr, "reference %s (%s) has no test case\n", refs[i].id, refs[i].asm_text);
            failures++;
        }
    }
    fprintf(stderr, "encodings: %zu cases, %d failures\n", ARRAY_SIZE(encoding_cases), failures);
    assert_int_equal(failures, 0);
}

/* ================================================================== execution harness */

/* What generated code sees through env (R14). */
typedef struct TestEnv {
    uint64_t in[4];
    uint64_t out[2];
    uint64_t mem[4];
} TestEnv;

#define CODE_SIZE (256 * 1024)
static uint8_t *code;           /* RWX buffer: prologue at the start, then test TBs */
static uint8_t *code_tb_start;  /* first byte after the prologue */
static uint8_t guest_mem[256];  /* guest_base points here */

static int setup_exec(void **state)
{
    TCGContext *s = &ctx;

    (void)state;
    code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        return -1;
    }
    s->code_buf = s->code_ptr = code;
    tcg_target_qemu_prologue(s);
    code_tb_start = (uint8_t *)QEMU_ALIGN_UP((uintptr_t)s->code_ptr, 64);
    guest_base = (uintptr_t)guest_mem;
    return 0;
}

static int teardown_exec(void **state)
{
    (void)state;
    munmap(code, CODE_SIZE);
    return 0;
}

/* Start a TB at the next 64-byte boundary; wraps to the start of the buffer when full (each
 * test uses only its last few TBs). */
static uint8_t *tb_begin(TCGContext *s)
{
    uint8_t *start = code_tb_start;

    if (s->code_buf >= code_tb_start && s->code_buf < code + CODE_SIZE) {
        start = (uint8_t *)QEMU_ALIGN_UP((uintptr_t)s->code_ptr, 64);
    }
    if (start + 4096 > code + CODE_SIZE) {
        start = code_tb_start;
    }
    s->code_buf = s->code_ptr = start;
    nb_test_relocs = 0;
    return start;
}

static uintptr_t run(const void *tb, TestEnv *env)
{
    return ((tcg_prologue_fn)ctx.code_gen_prologue)(env, tb);
}

static void test_prologue_frame(void **state)
{
    (void)state;
    assert_int_equal(frame_reg, TCG_REG_CALL_STACK);
    assert_int_equal(frame_start, TCG_STATIC_CALL_ARGS_SIZE);
    assert_true(frame_size >= 128 * 8);
    assert_non_null(ctx.code_gen_epilogue);
    /* The prologue's own return path: entering at the epilogue returns 0. */
    TestEnv env = { 0 };
    assert_int_equal(run(ctx.code_gen_epilogue, &env), 0);
}

#define ENV_IN(i)  (intptr_t)offsetof(TestEnv, in[i])
#define ENV_OUT(i) (intptr_t)offsetof(TestEnv, out[i])
#define ENV_MEM(i) (intptr_t)offsetof(TestEnv, mem[i])

/* Load env->in[i] into reg (64-bit, so i32 inputs carry garbage in bits 63..32 if the
 * test puts some there). */
static void load_in(TCGContext *s, int reg, int i)
{
    tcg_out_ld(s, TCG_TYPE_I64, reg, TCG_AREG0, ENV_IN(i));
}

static void store_out(TCGContext *s, int reg, int i)
{
    tcg_out_st(s, TCG_TYPE_I64, reg, TCG_AREG0, ENV_OUT(i));
}

static void test_exit_tb(void **state)
{
    TCGContext *s = &ctx;
    TestEnv env = { 0 };
    uint8_t *tb;

    (void)state;
    tb = tb_begin(s);
    OP(exit_tb, 0);
    assert_int_equal(run(tb, &env), 0);

    tb = tb_begin(s);
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_RAX, 0x5555);    /* exit_tb(0) must clear it */
    OP(exit_tb, 0);
    assert_int_equal(run(tb, &env), 0);

    tb = tb_begin(s);
    OP(exit_tb, (TCGArg)0x7f0012345679ull);
    assert_int_equal(run(tb, &env), 0x7f0012345679ull);
}

static const uint32_t cmp_values[] = {
    0, 1, 2, 5, 0x7f, 0x80, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
};
static const TCGCond all_conds[] = {
    TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE,
    TCG_COND_LE, TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

static bool eval_cond(TCGCond c, uint32_t a, uint32_t b)
{
    switch (c) {
    case TCG_COND_NEVER:  return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ:  return a == b;
    case TCG_COND_NE:  return a != b;
    case TCG_COND_LT:  return (int32_t)a < (int32_t)b;
    case TCG_COND_GE:  return (int32_t)a >= (int32_t)b;
    case TCG_COND_LE:  return (int32_t)a <= (int32_t)b;
    case TCG_COND_GT:  return (int32_t)a > (int32_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    return false;
}

/* setcond/brcond/movcond for every condition, register and immediate second operand. */
/* count_exec (CONFIG_PROFILE): +1 per run on a 64-bit counter, registers untouched. */
static void test_count_exec(void **state)
{
    TCGContext *s = &ctx;
    TestEnv env = { 0 };
    static uint64_t counter = 41;
    uint8_t *tb;

    (void)state;
    tb = tb_begin(s);
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_RBX, 0x1234);
    tcg_out_count_exec(s, &counter);
    tcg_out_count_exec(s, &counter);
    store_out(s, TCG_REG_RBX, 0);
    OP(exit_tb, 5);
    assert_int_equal(run(tb, &env), 5);
    assert_int_equal(run(tb, &env), 5);
    assert_int_equal(counter, 45);
    assert_int_equal(env.out[0], 0x1234);
}

static void test_conditions(void **state)
{
    TCGContext *s = &ctx;
    const uint64_t garbage = 0xdead000000000000ull;

    (void)state;
    for (size_t ci = 0; ci < ARRAY_SIZE(all_conds); ci++) {
        TCGCond c = all_conds[ci];
        for (size_t ia = 0; ia < ARRAY_SIZE(cmp_values); ia++) {
            for (size_t ib = 0; ib < ARRAY_SIZE(cmp_values); ib++) {
                uint32_t a = cmp_values[ia], b = cmp_values[ib];
                bool want = eval_cond(c, a, b);
                for (int imm = 0; imm < 2; imm++) {
                    TestEnv env = { .in = { a | garbage, b | garbage, 111, 222 } };
                    TCGLabel *l;
                    uint8_t *tb;

                    /* setcond into a register that is also an input */
                    tb = tb_begin(s);
                    load_in(s, RSI, 0);
                    load_in(s, RDI, 1);
                    if (imm) {
                        OPC(setcond_i32, 4, RSI, RSI, b, c);
                    } else {
                        OP(setcond_i32, RSI, RSI, RDI, c);
                    }
                    store_out(s, RSI, 0);
                    OP(exit_tb, 0);
                    run(tb, &env);
                    assert_int_equal((uint32_t)env.out[0], want);

                    /* brcond forward to a label placed later */
                    tb = tb_begin(s);
                    l = new_label(1);
                    load_in(s, R12, 0);
                    load_in(s, R9, 1);
                    if (imm) {
                        OPC(brcond_i32, 2, R12, b, c, (TCGArg)l);
                    } else {
                        OP(brcond_i32, R12, R9, c, (TCGArg)l);
                    }
                    OP(exit_tb, 10);
                    test_set_label(s, l);
                    OP(exit_tb, 20);
                    assert_int_equal(run(tb, &env), want ? 20 : 10);

                    /* movcond: ret aliased to v2 */
                    tb = tb_begin(s);
                    load_in(s, RAX, 0);
                    load_in(s, RCX, 1);
                    load_in(s, RBX, 2);
                    load_in(s, RDX, 3);
                    if (imm) {
                        OPC(movcond_i32, 4, RDX, RAX, b, RBX, RDX, c);
                    } else {
                        OP(movcond_i32, RDX, RAX, RCX, RBX, RDX, c);
                    }
                    store_out(s, RDX, 0);
                    OP(exit_tb, 0);
                    run(tb, &env);
                    assert_int_equal((uint32_t)env.out[0], want ? 111 : 222);
                }
            }
        }
    }
}

/* A backward branch (label already placed: no relocation) counting to 10. */
static void test_backward_branch(void **state)
{
    TCGContext *s = &ctx;
    TestEnv env = { 0 };
    TCGLabel *l = new_label(2);
    uint8_t *tb;

    (void)state;
    tb = tb_begin(s);
    tcg_out_movi(s, TCG_TYPE_I32, RBP, 0);
    test_set_label(s, l);
    OPC(add_i32, 4, RBP, RBP, 1);
    OPC(brcond_i32, 2, RBP, 10, TCG_COND_LTU, (TCGArg)l);
    store_out(s, RBP, 0);
    OP(br, (TCGArg)new_label(3));
    tcg_out_movi(s, TCG_TYPE_I32, RBP, 99);       /* skipped */
    test_set_label(s, &labels[3]);
    OP(exit_tb, 0);
    run(tb, &env);
    assert_int_equal(env.out[0], 10);
    assert_int_equal(nb_test_relocs, 1);         /* only the forward br needed one */
}

/* Run a one-output op with inputs in[0..1] loaded into ra, rb (or rb = constant). */
static uint32_t run_binop(TCGOpcode opc, int rd, int ra, int rb, uint64_t a, uint64_t b,
                          bool b_const)
{
    TCGContext *s = &ctx;
    TestEnv env = { .in = { a, b } };
    const TCGArg args[3] = { (TCGArg)rd, (TCGArg)ra, b_const ? (TCGArg)b : (TCGArg)rb };
    const int consts[3] = { 0, 0, b_const };
    uint8_t *tb = tb_begin(s);

    load_in(s, ra, 0);
    if (!b_const) {
        load_in(s, rb, 1);
    }
    tcg_out_op(s, opc, args, consts);
    store_out(s, rd, 0);
    OP(exit_tb, 0);
    run(tb, &env);
    return (uint32_t)env.out[0];
}

static uint64_t run_binop64(TCGOpcode opc, int rd, int ra, int rb, uint64_t a, uint64_t b,
                            bool b_const)
{
    TCGContext *s = &ctx;
    TestEnv env = { .in = { a, b } };
    const TCGArg args[3] = { (TCGArg)rd, (TCGArg)ra, b_const ? (TCGArg)b : (TCGArg)rb };
    const int consts[3] = { 0, 0, b_const };
    uint8_t *tb = tb_begin(s);

    load_in(s, ra, 0);
    if (!b_const) {
        load_in(s, rb, 1);
    }
    tcg_out_op(s, opc, args, consts);
    store_out(s, rd, 0);
    OP(exit_tb, 0);
    run(tb, &env);
    return env.out[0];
}

static uint32_t rol32(uint32_t v, unsigned n) { n &= 31; return n ? (v << n) | (v >> (32 - n)) : v; }
static uint32_t ror32(uint32_t v, unsigned n) { n &= 31; return n ? (v >> n) | (v << (32 - n)) : v; }

static void test_arith(void **state)
{
    static const uint32_t vals[] = { 0, 1, 3, 0x7f, 0x1234, 0x7fffffff, 0x80000000, 0xdeadbeef,
                                     0xffffffff };
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(vals); j++) {
            uint32_t a = vals[i], b = vals[j];
            unsigned sh = b & 31;
            uint64_t ga = a | 0xabcd000000000000ull;
            for (int k = 0; k < 2; k++) {
                bool bc = k == 1;
                /* the shift count: register cl or an immediate */
                uint64_t cnt = bc ? sh : b;
                assert_int_equal(run_binop(INDEX_op_add_i32, RDX, RAX, RCX, ga, b, bc), a + b);
                assert_int_equal(run_binop(INDEX_op_add_i32, RAX, RAX, RCX, ga, b, bc), a + b);
                assert_int_equal(run_binop(INDEX_op_sub_i32, RBX, RBX, R8, ga, b, bc), a - b);
                assert_int_equal(run_binop(INDEX_op_mul_i32, R13, R13, RAX, ga, b, bc), a * b);
                assert_int_equal(run_binop(INDEX_op_and_i32, RAX, RAX, R9, ga, b, bc), a & b);
                assert_int_equal(run_binop(INDEX_op_or_i32, R10, R10, RSI, ga, b, bc), a | b);
                assert_int_equal(run_binop(INDEX_op_xor_i32, RDI, RDI, RBP, ga, b, bc), a ^ b);
                assert_int_equal(run_binop(INDEX_op_shl_i32, RAX, RAX, RCX, ga, cnt, bc), a << sh);
                assert_int_equal(run_binop(INDEX_op_shr_i32, RSI, RSI, RCX, ga, cnt, bc), a >> sh);
                assert_int_equal(run_binop(INDEX_op_sar_i32, R12, R12, RCX, ga, cnt, bc),
                                 (uint32_t)((int32_t)a >> sh));
                assert_int_equal(run_binop(INDEX_op_rotl_i32, RDX, RDX, RCX, ga, cnt, bc), rol32(a, sh));
                assert_int_equal(run_binop(INDEX_op_rotr_i32, RBX, RBX, RCX, ga, cnt, bc), ror32(a, sh));
            }
            /* 64-bit ops on pointer-sized values */
            uint64_t A = ((uint64_t)b << 32) | a, B = ((uint64_t)a << 20) ^ b;
            assert_true(run_binop64(INDEX_op_add_i64, RCX, RBX, R12, A, B, false) == A + B);
            assert_true(run_binop64(INDEX_op_and_i64, RAX, RAX, RDX, A, B, false) == (A & B));
            assert_true(run_binop64(INDEX_op_or_i64, RAX, RAX, RDX, A, B, false) == (A | B));
            assert_true(run_binop64(INDEX_op_shl_i64, RAX, RAX, RCX, A, b & 63, false) == A << (b & 63));
            assert_true(run_binop64(INDEX_op_shr_i64, RDI, RDI, RCX, A, b & 63, true) == A >> (b & 63));
            assert_true(run_binop64(INDEX_op_and_i64, RAX, RAX, 0, A, b, true) ==
                        (A & (uint64_t)b));
        }
    }
    /* add_i64 / and_i64 with sign-extended immediates */
    assert_true(run_binop64(INDEX_op_add_i64, RAX, R10, 0, 0x100000000ull, (uint64_t)-1000, true)
                == 0x100000000ull - 1000);
    assert_true(run_binop64(INDEX_op_and_i64, RAX, RAX, 0, ~0ull, (uint64_t)-16, true) == ~15ull);
    assert_true(run_binop64(INDEX_op_and_i64, RBX, RBX, 0, ~0ull, 0xffffffffull, true) == 0xffffffffull);
}

static void test_unary(void **state)
{
    static const uint32_t vals[] = { 0, 1, 0x7f, 0x80, 0xff, 0x1234, 0x8000, 0xffff, 0x12345678,
                                     0x80000000, 0xdeadbeef, 0xffffffff };
    TCGContext *s = &ctx;

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
        uint32_t a = vals[i];
        struct { TCGOpcode opc; int rd, ra; uint32_t want; } cases[] = {
            { INDEX_op_neg_i32, RAX, RAX, -a },
            { INDEX_op_not_i32, R13, R13, ~a },
            { INDEX_op_ext8s_i32, RSI, RDI, (uint32_t)(int8_t)a },
            { INDEX_op_ext8u_i32, R8, RSI, (uint8_t)a },
            { INDEX_op_ext16s_i32, RAX, R10, (uint32_t)(int16_t)a },
            { INDEX_op_ext16u_i32, RDI, RDI, (uint16_t)a },
            { INDEX_op_bswap16_i32, RCX, RCX, (uint32_t)(((a & 0xff) << 8) | ((a >> 8) & 0xff)) },
            { INDEX_op_bswap32_i32, R9, R9, __builtin_bswap32(a) },
            { INDEX_op_extrl_i64_i32, RDX, RAX, a },
            { INDEX_op_extrh_i64_i32, RAX, RAX, ~a },
        };
        for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
            TestEnv env = { .in = { ((uint64_t)~a << 32) | a } };
            uint8_t *tb = tb_begin(s);
            load_in(s, cases[k].ra, 0);
            emit_op(s, cases[k].opc, (const TCGArg[]){ cases[k].rd, cases[k].ra });
            store_out(s, cases[k].rd, 0);
            OP(exit_tb, 0);
            run(tb, &env);
            if ((uint32_t)env.out[0] != cases[k].want) {
                fprintf(stderr, "unary op #%d(0x%x) = 0x%x, want 0x%x\n", (int)cases[k].opc, a,
                        (uint32_t)env.out[0], cases[k].want);
            }
            assert_int_equal((uint32_t)env.out[0], cases[k].want);
        }
        /* 64-bit extensions: full 64-bit results */
        for (int sext = 0; sext < 2; sext++) {
            TestEnv env = { .in = { 0x5555555500000000ull | a } };
            uint8_t *tb = tb_begin(s);
            load_in(s, R15 - 2, 0);
            emit_op(s, sext ? INDEX_op_ext_i32_i64 : INDEX_op_extu_i32_i64,
                    (const TCGArg[]){ RBX, R13 });
            store_out(s, RBX, 0);
            OP(exit_tb, 0);
            run(tb, &env);
            assert_true(env.out[0] == (sext ? (uint64_t)(int64_t)(int32_t)a : (uint64_t)a));
        }
    }
}

/* deposit/extract/sextract over many fields and register pairs (incl. the ah forms), and
 * andc/clz/ctz with register and immediate operands. */
static void test_bitfields(void **state)
{
    static const uint32_t vals[] = { 0, 1, 0x80, 0x8000, 0x12345678, 0x80000000, 0xdeadbeef,
                                     0xffffffff, 0x00f0ff00 };
    static const int fields[][2] = { { 0, 8 }, { 8, 8 }, { 0, 16 }, { 16, 16 }, { 0, 1 },
                                     { 31, 1 }, { 4, 4 }, { 3, 5 }, { 4, 12 }, { 1, 30 },
                                     { 24, 8 }, { 8, 16 }, { 0, 31 } };
    static const int reg_pairs[][2] = { { RAX, RBX }, { RCX, RDX }, { RBX, RBX }, { R9, RSI },
                                        { RAX, R12 }, { RSI, RCX }, { R13, R8 }, { RDX, RAX } };
    TCGContext *s = &ctx;

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(vals); j++) {
            uint32_t a = vals[i], b = vals[j] ^ 0x5a5a5a5a;
            for (size_t f = 0; f < ARRAY_SIZE(fields); f++) {
                int ofs = fields[f][0], len = fields[f][1];
                uint32_t mask = (len == 32 ? ~0u : (1u << len) - 1);
                uint32_t want_dep = (a & ~(mask << ofs)) | ((b & mask) << ofs);
                uint32_t want_ext = (a >> ofs) & mask;
                uint32_t want_sext = (uint32_t)((int32_t)(a << (32 - ofs - len)) >> (32 - len));
                for (size_t p = 0; p < ARRAY_SIZE(reg_pairs); p++) {
                    int r0 = reg_pairs[p][0], r1 = reg_pairs[p][1];
                    TestEnv env = { .in = { 0x7777777700000000ull | a,
                                            0x3333333300000000ull | b } };
                    uint8_t *tb = tb_begin(s);
                    if (r0 != r1) {
                        load_in(s, r0, 0);
                        load_in(s, r1, 1);
                        OP(deposit_i32, r0, r0, r1, ofs, len);
                        store_out(s, r0, 0);
                    }
                    load_in(s, r0, 0);
                    OP(extract_i32, r1, r0, ofs, len);
                    store_out(s, r1, 1);
                    OP(exit_tb, 0);
                    run(tb, &env);
                    if (r0 != r1) {
                        assert_int_equal((uint32_t)env.out[0], want_dep);
                    }
                    assert_int_equal((uint32_t)env.out[1], want_ext);

                    tb = tb_begin(s);
                    load_in(s, r0, 0);
                    OP(sextract_i32, r1, r0, ofs, len);
                    store_out(s, r1, 0);
                    OP(exit_tb, 0);
                    run(tb, &env);
                    assert_int_equal((uint32_t)env.out[0], want_sext);
                }
            }
            for (int k = 0; k < 2; k++) {
                bool bc = k == 1;
                assert_int_equal(run_binop(INDEX_op_andc_i32, RAX, RAX, RCX, a, b, bc), a & ~b);
                assert_int_equal(run_binop(INDEX_op_clz_i32, RDX, RSI, RDI, a, b, bc),
                                 a ? (uint32_t)__builtin_clz(a) : b);
                assert_int_equal(run_binop(INDEX_op_ctz_i32, RSI, RSI, RDI, a, b, bc),
                                 a ? (uint32_t)__builtin_ctz(a) : b);
                assert_int_equal(run_binop(INDEX_op_clz_i32, RBX, R8, RBX, a, 32, bc),
                                 a ? (uint32_t)__builtin_clz(a) : 32);
            }
        }
    }
}

static void test_mul2(void **state)
{
    static const uint32_t vals[] = { 0, 1, 7, 0x7fffffff, 0x80000000, 0xdeadbeef, 0xffffffff };
    TCGContext *s = &ctx;

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(vals); j++) {
            uint32_t a = vals[i], b = vals[j];
            for (int sign = 0; sign < 2; sign++) {
                TestEnv env = { .in = { a, b } };
                uint8_t *tb = tb_begin(s);
                uint64_t want = sign ? (uint64_t)((int64_t)(int32_t)a * (int32_t)b)
                                     : (uint64_t)a * b;
                load_in(s, RAX, 0);
                load_in(s, R10, 1);
                emit_op(s, sign ? INDEX_op_muls2_i32 : INDEX_op_mulu2_i32,
                        (const TCGArg[]){ RAX, RDX, RAX, R10 });
                store_out(s, RAX, 0);
                store_out(s, RDX, 1);
                OP(exit_tb, 0);
                run(tb, &env);
                assert_int_equal((uint32_t)env.out[0], (uint32_t)want);
                assert_int_equal((uint32_t)env.out[1], (uint32_t)(want >> 32));
            }
        }
    }
}

/* Host memory ops against env->mem, and guest memory ops against guest_mem via guest_base. */
static void test_memory(void **state)
{
    TCGContext *s = &ctx;
    TestEnv env = { .in = { 0x8899aabbccddeeffull } };
    uint8_t *tb;

    (void)state;
    env.mem[0] = 0x1122334455667788ull;
    env.mem[1] = 0xf0e0d0c0b0a09080ull;
    tb = tb_begin(s);
    OP(ld8u_i32, RAX, R14, ENV_MEM(1));
    OP(ld8s_i32, RCX, R14, ENV_MEM(1));
    store_out(s, RAX, 0);
    store_out(s, RCX, 1);
    OP(exit_tb, 0);
    run(tb, &env);
    assert_int_equal((uint32_t)env.out[0], 0x80);
    assert_int_equal((uint32_t)env.out[1], 0xffffff80);

    tb = tb_begin(s);
    OP(ld16u_i32, RSI, R14, ENV_MEM(1));
    OP(ld16s_i32, RDI, R14, ENV_MEM(1));
    store_out(s, RSI, 0);
    store_out(s, RDI, 1);
    OP(exit_tb, 0);
    run(tb, &env);
    assert_int_equal((uint32_t)env.out[0], 0x9080);
    assert_int_equal((uint32_t)env.out[1], 0xffff9080);

    tb = tb_begin(s);
    OP(ld_i32, R12, R14, ENV_MEM(0));
    OP(ld_i64, R13, R14, ENV_MEM(1));
    store_out(s, R12, 0);
    store_out(s, R13, 1);
    OP(exit_tb, 0);
    run(tb, &env);
    assert_int_equal((uint32_t)env.out[0], 0x55667788);
    assert_true(env.out[1] == 0xf0e0d0c0b0a09080ull);

    /* stores: registers (sil needs a REX) and immediates */
    env.mem[0] = env.mem[1] = env.mem[2] = env.mem[3] = 0;
    tb = tb_begin(s);
    load_in(s, RSI, 0);
    OP(st8_i32, RSI, R14, ENV_MEM(0));
    OP(st16_i32, RSI, R14, ENV_MEM(0) + 2);
    OP(st_i32, RSI, R14, ENV_MEM(0) + 4);
    OP(st_i64, RSI, R14, ENV_MEM(1));
    OPC(st8_i32, 1, 0xab, R14, ENV_MEM(2));
    OPC(st16_i32, 1, 0xbeef, R14, ENV_MEM(2) + 2);
    OPC(st_i32, 1, 0xcafebabe, R14, ENV_MEM(2) + 4);
    OPC(st_i64, 1, K(-5), R14, ENV_MEM(3));
    OP(exit_tb, 0);
    run(tb, &env);
    assert_true(env.mem[0] == 0xccddeeffeeff00ffull);
    assert_true(env.mem[1] == 0x8899aabbccddeeffull);
    assert_true(env.mem[2] == 0xcafebabebeef00abull);
    assert_true(env.mem[3] == (uint64_t)-5);

    /* guest memory: the address register carries garbage in bits 63..32 */
    memset(guest_mem, 0, sizeof(guest_mem));
    memcpy(guest_mem + 0x10, "\x81\x92\xa3\xb4\xc5\xd6\xe7\xf8", 8);
    static const struct { MemOp mo; bool is64; uint64_t want; } loads[] = {
        { MO_UB, false, 0x81 }, { MO_SB, false, 0xffffff81 },
        { MO_UW, false, 0x9281 }, { MO_SW, false, 0xffff9281 },
        { MO_UL, false, 0xb4a39281 }, { MO_SL, false, 0xb4a39281 },
        { MO_SB, true, 0xffffffffffffff81ull }, { MO_SW, true, 0xffffffffffff9281ull },
        { MO_UL, true, 0xb4a39281 }, { MO_SL, true, 0xffffffffb4a39281ull },
        { MO_Q, true, 0xf8e7d6c5b4a39281ull },
    };
    for (size_t i = 0; i < ARRAY_SIZE(loads); i++) {
        TestEnv genv = { .in = { 0xffffffff00000010ull } };
        tb = tb_begin(s);
        load_in(s, RBP, 0);
        emit_op(s, loads[i].is64 ? INDEX_op_qemu_ld_i64 : INDEX_op_qemu_ld_i32,
                (const TCGArg[]){ RDI, RBP, loads[i].mo });
        store_out(s, RDI, 0);
        OP(exit_tb, 0);
        run(tb, &genv);
        if (loads[i].is64) {
            assert_true(genv.out[0] == loads[i].want);
        } else {
            assert_int_equal((uint32_t)genv.out[0], (uint32_t)loads[i].want);
        }
    }

    TestEnv senv = { .in = { 0x0123456789abcdefull, 0x1234567800000040ull } };
    tb = tb_begin(s);
    load_in(s, RSI, 0);
    load_in(s, R13, 1);
    OP(qemu_st_i64, RSI, R13, MO_Q);
    OPC(add_i32, 4, RBX, R13, 8);
    OP(qemu_st_i32, RSI, RBX, MO_UL);
    OPC(add_i32, 4, RBX, R13, 12);
    OP(qemu_st_i32, RSI, RBX, MO_UW);
    OPC(add_i32, 4, RBX, R13, 14);
    OP(qemu_st_i32, RSI, RBX, MO_UB);
    OP(exit_tb, 0);
    run(tb, &senv);
    assert_memory_equal(guest_mem + 0x40,
                        "\xef\xcd\xab\x89\x67\x45\x23\x01\xef\xcd\xab\x89\xef\xcd\xef\x00", 16);
}

/* A C helper for the call tests: checks all six register arguments. */
static uint64_t helper_args6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                             uint64_t f)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

static void test_calls(void **state)
{
    TCGContext *s = &ctx;
    TestEnv env = { 0 };
    uint8_t *tb, *stub;

    (void)state;
    /* far call (the helper lives in the test binary, the code buffer in an mmap) or near,
     * whichever tcg_out_call picks: either must work, with a 16-byte aligned stack */
    tb = tb_begin(s);
    for (int i = 0; i < 6; i++) {
        tcg_out_movi(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[i], i + 1);
    }
    tcg_out_movi(s, TCG_TYPE_I64, RBX, 77);                  /* callee-saved: survives */
    tcg_out_call(s, (const void *)helper_args6);
    store_out(s, tcg_target_call_oarg_regs[0], 0);
    store_out(s, RBX, 1);
    OP(exit_tb, 0);
    run(tb, &env);
    assert_true(env.out[0] == 1 + 4 + 9 + 16 + 25 + 36);
    assert_true(env.out[1] == 77);

    /* near call (rel32) to a stub inside the buffer: eax = edi + esi; ret */
    stub = tb_begin(s);
    OP(add_i32, RAX, RDI, RSI);
    tcg_out_opc(s, OPC_RET, -1, -1, -1);
    tb = tb_begin(s);
    tcg_out_movi(s, TCG_TYPE_I32, RDI, 40);
    tcg_out_movi(s, TCG_TYPE_I32, RSI, 2);
    tcg_out_call(s, stub);
    assert_int_equal(tb[10], OPC_CALL_Jz);                   /* two 5-byte movs, then e8 */
    store_out(s, RAX, 0);
    OP(exit_tb, 0);
    run(tb, &env);
    assert_int_equal((uint32_t)env.out[0], 42);
}

/* goto_tb, direct method: patchable aligned jmp; then the indirect method; then goto_ptr. */
static void test_chaining(void **state)
{
    TCGContext *s = &ctx;
    TestEnv env = { 0 };
    uint16_t jmp_offset[2], next_offset[2];
    uintptr_t tb_next[2];
    uint8_t *a, *b;

    (void)state;
    s->code_buf = s->code_ptr = code;      /* next TB at code_tb_start: no wrap mid-test */
    b = tb_begin(s);
    OP(exit_tb, 0x22);

    for (int pad = 0; pad < 4; pad++) {
        a = tb_begin(s);
        for (int i = 0; i < pad; i++) {
            x86_out8(s, OPC_NOP);
        }
        s->tb_jmp_offset = jmp_offset;
        s->tb_next_offset = next_offset;
        s->tb_next = NULL;
        OP(goto_tb, 1);
        OP(exit_tb, 0x11);
        assert_int_equal(((uintptr_t)a + jmp_offset[1]) % 4, 0);
        assert_int_equal(a[jmp_offset[1] - 1], OPC_JMP_Jz);
        assert_int_equal(next_offset[1], jmp_offset[1] + 4);
        assert_int_equal(run(a, &env), 0x11);                /* unchained: falls through */
        tb_target_set_jmp_target((uintptr_t)a + jmp_offset[1], (uintptr_t)b);
        assert_int_equal(run(a, &env), 0x22);                /* chained */
        tb_target_set_jmp_target((uintptr_t)a + jmp_offset[1], (uintptr_t)a + next_offset[1]);
        assert_int_equal(run(a, &env), 0x11);                /* reset */
    }

    /* indirect: jmp *tb_next[n] */
    a = tb_begin(s);
    s->tb_jmp_offset = NULL;
    s->tb_next = tb_next;
    OP(goto_tb, 0);
    OP(exit_tb, 0x33);
    tb_next[0] = (uintptr_t)a + next_offset[0];
    assert_int_equal(run(a, &env), 0x33);
    tb_next[0] = (uintptr_t)b;
    assert_int_equal(run(a, &env), 0x22);

    /* goto_ptr: to a TB, and to the epilogue (returns 0) */
    env.in[0] = (uintptr_t)b;
    env.in[1] = (uintptr_t)ctx.code_gen_epilogue;
    a = tb_begin(s);
    load_in(s, RCX, 0);
    OP(goto_ptr, RCX);
    assert_int_equal(run(a, &env), 0x22);
    a = tb_begin(s);
    load_in(s, R9, 1);
    tcg_out_movi(s, TCG_TYPE_I64, RAX, 0x77);
    OP(goto_ptr, R9);
    assert_int_equal(run(a, &env), 0);
    s->tb_jmp_offset = NULL;
    s->tb_next_offset = NULL;
    s->tb_next = NULL;
}

/* The constraint table: every back-end op has one, letters parse, constant classes match. */
static void test_constraints(void **state)
{
    static const TCGOpcode needed[] = {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg-opc.h"
#undef DEF
    };
    static const uint8_t flags_of[] = {
#define DEF(name, oargs, iargs, cargs, flags) (flags),
#include "tcg-opc.h"
#undef DEF
    };
    static const uint8_t nargs_of[] = {
#define DEF(name, oargs, iargs, cargs, flags) (oargs) + (iargs),
#include "tcg-opc.h"
#undef DEF
    };
    TCGArgConstraint ct;

    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(needed); i++) {
        const TCGTargetOpDef *d = tcg_target_op_def(needed[i]);
        if (flags_of[i] & TCG_OPF_NOT_PRESENT) {
            continue;
        }
        if (!d) {
            /* optional ops the header says are absent may lack an entry */
            continue;
        }
        for (int k = 0; k < nargs_of[i]; k++) {
            const char *p = d->args_ct_str[k];
            assert_non_null(p);
            while (*p) {
                if (strchr("ri0123456789&", *p)) {
                    p++;
                    continue;
                }
                memset(&ct, 0, sizeof(ct));
                p = target_parse_constraint(&ct, p, TCG_TYPE_I32);
                assert_non_null(p);
            }
        }
    }
    /* every mandatory op and every HAS=1 optional op has an entry */
    static const TCGOpcode must[] = {
        INDEX_op_br, INDEX_op_brcond_i32, INDEX_op_exit_tb, INDEX_op_goto_tb, INDEX_op_goto_ptr,
        INDEX_op_setcond_i32, INDEX_op_movcond_i32, INDEX_op_add_i32, INDEX_op_rotl_i32,
        INDEX_op_ext8s_i32, INDEX_op_bswap16_i32, INDEX_op_mulu2_i32, INDEX_op_muls2_i32,
        INDEX_op_andc_i32, INDEX_op_deposit_i32, INDEX_op_extract_i32, INDEX_op_sextract_i32,
        INDEX_op_clz_i32, INDEX_op_ctz_i32,
        INDEX_op_qemu_ld_i32, INDEX_op_qemu_st_i32, INDEX_op_qemu_ld_i64, INDEX_op_qemu_st_i64,
        INDEX_op_ld_i64, INDEX_op_st_i64, INDEX_op_add_i64, INDEX_op_shl_i64, INDEX_op_shr_i64,
        INDEX_op_and_i64, INDEX_op_or_i64, INDEX_op_extu_i32_i64, INDEX_op_ext_i32_i64,
        INDEX_op_extrl_i64_i32, INDEX_op_extrh_i64_i32,
    };
    for (size_t i = 0; i < ARRAY_SIZE(must); i++) {
        assert_non_null(tcg_target_op_def(must[i]));
    }
    assert_null(tcg_target_op_def(INDEX_op_mov_i32));
    assert_null(target_parse_constraint(&ct, "x", TCG_TYPE_I32));

    memset(&ct, 0, sizeof(ct));
    target_parse_constraint(&ct, "e", TCG_TYPE_I64);
    assert_true(tcg_target_const_match(-1, TCG_TYPE_I64, &ct));
    assert_true(tcg_target_const_match(0x7fffffff, TCG_TYPE_I64, &ct));
    assert_false(tcg_target_const_match(0x80000000, TCG_TYPE_I64, &ct));
    memset(&ct, 0, sizeof(ct));
    target_parse_constraint(&ct, "Z", TCG_TYPE_I64);
    assert_true(tcg_target_const_match(0xffffffff, TCG_TYPE_I64, &ct));
    assert_false(tcg_target_const_match(-1, TCG_TYPE_I64, &ct));
    memset(&ct, 0, sizeof(ct));
    target_parse_constraint(&ct, "c", TCG_TYPE_I32);
    assert_true(ct.ct & TCG_CT_REG);
    assert_true(ct.regs == REG_BIT(TCG_REG_RCX));

    /* register sets */
    tcg_target_init(&ctx);
    assert_true(ctx.reserved_regs & REG_BIT(TCG_AREG0));
    assert_true(ctx.reserved_regs & REG_BIT(TCG_REG_RSP));
    assert_true(ctx.reserved_regs & REG_BIT(TCG_REG_GUEST_BASE));
    assert_true(ctx.reserved_regs & REG_BIT(TCG_REG_TMP));
    assert_true(ctx.available_regs[TCG_TYPE_I64] & REG_BIT(TCG_AREG0));   /* env as a base */
    for (size_t i = 0; i < ARRAY_SIZE(tcg_target_reg_alloc_order); i++) {
        assert_false(ctx.reserved_regs & REG_BIT(tcg_target_reg_alloc_order[i]));
    }
    assert_int_equal(tcg_target_nb_call_iarg_regs(), 6);
}

int main(void)
{
    const struct CMUnitTest encoding_tests[] = {
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_constraints),
    };
    const struct CMUnitTest exec_tests[] = {
        cmocka_unit_test(test_prologue_frame),
        cmocka_unit_test(test_exit_tb),
        cmocka_unit_test(test_count_exec),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_backward_branch),
        cmocka_unit_test(test_arith),
        cmocka_unit_test(test_unary),
        cmocka_unit_test(test_bitfields),
        cmocka_unit_test(test_mul2),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_chaining),
    };
    int failed = cmocka_run_group_tests_name("x86_64 encodings", encoding_tests,
                                             load_references, NULL);
    failed += cmocka_run_group_tests_name("x86_64 generated code", exec_tests,
                                          setup_exec, teardown_exec);
    return failed ? 1 : 0;
}
