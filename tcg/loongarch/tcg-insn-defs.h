/*
 * tcg-insn-defs.h - LoongArch64 instruction table and pure encoders for the LoongArch back end.
 *
 * One X-macro list (LA_INSN_LIST) names every instruction the back end emits, with its format
 * and its fixed opcode bits. It builds three things:
 *   - the OPC_* constants (enum LoongArchInsn),
 *   - the disassembler's decode table (tcg-target-disas.c: opcode bits + format + mnemonic),
 *   - the one-line tcg_out_opc_<insn>() emitters (tcg-target.c.inc, LA_OUT_<fmt> macros).
 * The encode_<format>() functions below place each field and assert its range; they need no
 * LoongArch host and no TCG context, so the x86_64 unit test (tests/unit/
 * test-loongarch-encoder.c) checks them against llvm-mc's encodings.
 *
 * Formats (manual names; d = rd [4:0], j = rj [9:5], k = rk [14:10]):
 *   2R      op[31:10] j d                  3R      op[31:15] k j d
 *   2RI5    op[31:15] ui5[14:10] j d       2RI6    op[31:16] ui6[15:10] j d
 *   2RI12S  op[31:22] si12[21:10] j d      2RI12U  op[31:22] ui12[21:10] j d
 *   2RI14   op[31:24] si14[23:10] j d      2RI16   op[31:26] si16[25:10] j d   (jirl)
 *   BR16    as 2RI16, printed "rj, rd, offs" (beq & co compare rj with rd)
 *   1RI20   op[31:25] si20[24:5] d         1RI21   op[31:26] offs[15:0] j offs[20:16]
 *   I26     op[31:26] offs[15:0] offs[25:16]
 *   BSTRW   op[31:21] msbw[20:16] op[15] lsbw[14:10] j d
 *   BSTRD   op[31:22] msbd[21:16] lsbd[15:10] j d
 *   I15     op[31:15] hint[14:0]
 * Branch offsets (2RI16/BR16/1RI21/I26) are in instructions (bytes / 4); 2RI14's si14 is the
 * byte offset / 4 as well (ldptr/stptr).
 *
 * The opcode bits were taken from the LoongArch reference manual, volume 1, and are checked
 * against `llvm-mc-19 --triple=loongarch64 --show-encoding` by the unit test.
 */
#ifndef TCG_LOONGARCH_INSN_DEFS_H
#define TCG_LOONGARCH_INSN_DEFS_H

#include "loongbt-common.h"

/* ------------------------------------------------------------------ the instruction list */
/* X(NAME,       name,      "mnemonic", format, fixed opcode bits) */
#define LA_INSN_LIST(X) \
    /* 3R: integer arithmetic and logic */ \
    X(ADD_W,      add_w,     "add.w",      3R,     0x00100000) \
    X(ADD_D,      add_d,     "add.d",      3R,     0x00108000) \
    X(SUB_W,      sub_w,     "sub.w",      3R,     0x00110000) \
    X(SUB_D,      sub_d,     "sub.d",      3R,     0x00118000) \
    X(SLT,        slt,       "slt",        3R,     0x00120000) \
    X(SLTU,       sltu,      "sltu",       3R,     0x00128000) \
    X(MASKEQZ,    maskeqz,   "maskeqz",    3R,     0x00130000) \
    X(MASKNEZ,    masknez,   "masknez",    3R,     0x00138000) \
    X(NOR,        nor,       "nor",        3R,     0x00140000) \
    X(AND,        and,       "and",        3R,     0x00148000) \
    X(OR,         or,        "or",         3R,     0x00150000) \
    X(XOR,        xor,       "xor",        3R,     0x00158000) \
    X(ORN,        orn,       "orn",        3R,     0x00160000) \
    X(ANDN,       andn,      "andn",       3R,     0x00168000) \
    X(SLL_W,      sll_w,     "sll.w",      3R,     0x00170000) \
    X(SRL_W,      srl_w,     "srl.w",      3R,     0x00178000) \
    X(SRA_W,      sra_w,     "sra.w",      3R,     0x00180000) \
    X(SLL_D,      sll_d,     "sll.d",      3R,     0x00188000) \
    X(SRL_D,      srl_d,     "srl.d",      3R,     0x00190000) \
    X(SRA_D,      sra_d,     "sra.d",      3R,     0x00198000) \
    X(ROTR_W,     rotr_w,    "rotr.w",     3R,     0x001b0000) \
    X(ROTR_D,     rotr_d,    "rotr.d",     3R,     0x001b8000) \
    X(MUL_W,      mul_w,     "mul.w",      3R,     0x001c0000) \
    X(MULH_W,     mulh_w,    "mulh.w",     3R,     0x001c8000) \
    X(MULH_WU,    mulh_wu,   "mulh.wu",    3R,     0x001d0000) \
    X(MUL_D,      mul_d,     "mul.d",      3R,     0x001d8000) \
    /* 3R: indexed loads and stores (rd, rj = base, rk = index) */ \
    X(LDX_B,      ldx_b,     "ldx.b",      3R,     0x38000000) \
    X(LDX_H,      ldx_h,     "ldx.h",      3R,     0x38040000) \
    X(LDX_W,      ldx_w,     "ldx.w",      3R,     0x38080000) \
    X(LDX_D,      ldx_d,     "ldx.d",      3R,     0x380c0000) \
    X(STX_B,      stx_b,     "stx.b",      3R,     0x38100000) \
    X(STX_H,      stx_h,     "stx.h",      3R,     0x38140000) \
    X(STX_W,      stx_w,     "stx.w",      3R,     0x38180000) \
    X(STX_D,      stx_d,     "stx.d",      3R,     0x381c0000) \
    X(LDX_BU,     ldx_bu,    "ldx.bu",     3R,     0x38200000) \
    X(LDX_HU,     ldx_hu,    "ldx.hu",     3R,     0x38240000) \
    X(LDX_WU,     ldx_wu,    "ldx.wu",     3R,     0x38280000) \
    /* 2R: bit manipulation */ \
    X(CLZ_W,      clz_w,     "clz.w",      2R,     0x00001400) \
    X(CTZ_W,      ctz_w,     "ctz.w",      2R,     0x00001c00) \
    X(CLZ_D,      clz_d,     "clz.d",      2R,     0x00002400) \
    X(CTZ_D,      ctz_d,     "ctz.d",      2R,     0x00002c00) \
    X(REVB_2H,    revb_2h,   "revb.2h",    2R,     0x00003000) \
    X(REVB_2W,    revb_2w,   "revb.2w",    2R,     0x00003800) \
    X(REVB_D,     revb_d,    "revb.d",     2R,     0x00003c00) \
    X(EXT_W_H,    ext_w_h,   "ext.w.h",    2R,     0x00005800) \
    X(EXT_W_B,    ext_w_b,   "ext.w.b",    2R,     0x00005c00) \
    /* shifts and rotates by an immediate */ \
    X(SLLI_W,     slli_w,    "slli.w",     2RI5,   0x00408000) \
    X(SRLI_W,     srli_w,    "srli.w",     2RI5,   0x00448000) \
    X(SRAI_W,     srai_w,    "srai.w",     2RI5,   0x00488000) \
    X(ROTRI_W,    rotri_w,   "rotri.w",    2RI5,   0x004c8000) \
    X(SLLI_D,     slli_d,    "slli.d",     2RI6,   0x00410000) \
    X(SRLI_D,     srli_d,    "srli.d",     2RI6,   0x00450000) \
    X(SRAI_D,     srai_d,    "srai.d",     2RI6,   0x00490000) \
    X(ROTRI_D,    rotri_d,   "rotri.d",    2RI6,   0x004d0000) \
    /* bit-field insert / extract */ \
    X(BSTRINS_W,  bstrins_w, "bstrins.w",  BSTRW,  0x00600000) \
    X(BSTRPICK_W, bstrpick_w,"bstrpick.w", BSTRW,  0x00608000) \
    X(BSTRINS_D,  bstrins_d, "bstrins.d",  BSTRD,  0x00800000) \
    X(BSTRPICK_D, bstrpick_d,"bstrpick.d", BSTRD,  0x00c00000) \
    /* 12-bit immediates */ \
    X(SLTI,       slti,      "slti",       2RI12S, 0x02000000) \
    X(SLTUI,      sltui,     "sltui",      2RI12S, 0x02400000) \
    X(ADDI_W,     addi_w,    "addi.w",     2RI12S, 0x02800000) \
    X(ADDI_D,     addi_d,    "addi.d",     2RI12S, 0x02c00000) \
    X(LU52I_D,    lu52i_d,   "lu52i.d",    2RI12S, 0x03000000) \
    X(ANDI,       andi,      "andi",       2RI12U, 0x03400000) \
    X(ORI,        ori,       "ori",        2RI12U, 0x03800000) \
    X(XORI,       xori,      "xori",       2RI12U, 0x03c00000) \
    X(LD_B,       ld_b,      "ld.b",       2RI12S, 0x28000000) \
    X(LD_H,       ld_h,      "ld.h",       2RI12S, 0x28400000) \
    X(LD_W,       ld_w,      "ld.w",       2RI12S, 0x28800000) \
    X(LD_D,       ld_d,      "ld.d",       2RI12S, 0x28c00000) \
    X(ST_B,       st_b,      "st.b",       2RI12S, 0x29000000) \
    X(ST_H,       st_h,      "st.h",       2RI12S, 0x29400000) \
    X(ST_W,       st_w,      "st.w",       2RI12S, 0x29800000) \
    X(ST_D,       st_d,      "st.d",       2RI12S, 0x29c00000) \
    X(LD_BU,      ld_bu,     "ld.bu",      2RI12S, 0x2a000000) \
    X(LD_HU,      ld_hu,     "ld.hu",      2RI12S, 0x2a400000) \
    X(LD_WU,      ld_wu,     "ld.wu",      2RI12S, 0x2a800000) \
    /* 14-bit scaled offsets */ \
    X(LDPTR_W,    ldptr_w,   "ldptr.w",    2RI14,  0x24000000) \
    X(STPTR_W,    stptr_w,   "stptr.w",    2RI14,  0x25000000) \
    X(LDPTR_D,    ldptr_d,   "ldptr.d",    2RI14,  0x26000000) \
    X(STPTR_D,    stptr_d,   "stptr.d",    2RI14,  0x27000000) \
    /* 20-bit immediates: constants and pc-relative addresses */ \
    X(LU12I_W,    lu12i_w,   "lu12i.w",    1RI20,  0x14000000) \
    X(LU32I_D,    lu32i_d,   "lu32i.d",    1RI20,  0x16000000) \
    X(PCADDI,     pcaddi,    "pcaddi",     1RI20,  0x18000000) \
    X(PCADDU12I,  pcaddu12i, "pcaddu12i",  1RI20,  0x1c000000) \
    X(PCADDU18I,  pcaddu18i, "pcaddu18i",  1RI20,  0x1e000000) \
    /* branches and jumps */ \
    X(BEQZ,       beqz,      "beqz",       1RI21,  0x40000000) \
    X(BNEZ,       bnez,      "bnez",       1RI21,  0x44000000) \
    X(JIRL,       jirl,      "jirl",       2RI16,  0x4c000000) \
    X(B,          b,         "b",          I26,    0x50000000) \
    X(BL,         bl,        "bl",         I26,    0x54000000) \
    X(BEQ,        beq,       "beq",        BR16,   0x58000000) \
    X(BNE,        bne,       "bne",        BR16,   0x5c000000) \
    X(BLT,        blt,       "blt",        BR16,   0x60000000) \
    X(BGE,        bge,       "bge",        BR16,   0x64000000) \
    X(BLTU,       bltu,      "bltu",       BR16,   0x68000000) \
    X(BGEU,       bgeu,      "bgeu",       BR16,   0x6c000000) \
    /* barriers */ \
    X(DBAR,       dbar,      "dbar",       I15,    0x38720000) \
    X(IBAR,       ibar,      "ibar",       I15,    0x38728000)

/* The formats, as an X-macro: X(format, mask of the fixed opcode bits). */
#define LA_FORMAT_LIST(X) \
    X(2R,     0xfffffc00) \
    X(3R,     0xffff8000) \
    X(2RI5,   0xffff8000) \
    X(2RI6,   0xffff0000) \
    X(2RI12S, 0xffc00000) \
    X(2RI12U, 0xffc00000) \
    X(2RI14,  0xff000000) \
    X(2RI16,  0xfc000000) \
    X(BR16,   0xfc000000) \
    X(1RI20,  0xfe000000) \
    X(1RI21,  0xfc000000) \
    X(I26,    0xfc000000) \
    X(BSTRW,  0xffe08000) \
    X(BSTRD,  0xffc00000) \
    X(I15,    0xffff8000)

typedef enum LoongArchFormat {
#define X(fmt, mask) LA_FMT_##fmt,
    LA_FORMAT_LIST(X)
#undef X
    LA_FMT_COUNT
} LoongArchFormat;

typedef enum LoongArchInsn {
#define X(NAME, name, mnem, fmt, bits) OPC_##NAME = bits,
    LA_INSN_LIST(X)
#undef X
} LoongArchInsn;

/* ------------------------------------------------------------------ field helpers */
static inline bool la_fits_signed(int64_t v, unsigned bits)
{
    return v >= -((int64_t)1 << (bits - 1)) && v < ((int64_t)1 << (bits - 1));
}

static inline bool la_fits_unsigned(int64_t v, unsigned bits)
{
    return v >= 0 && v < ((int64_t)1 << bits);
}

static inline bool la_is_reg(int r)
{
    return r >= 0 && r < 32;
}

/* ------------------------------------------------------------------ encoders, one per format */
/* rd = op(rj) */
static inline uint32_t encode_2r(LoongArchInsn opc, int d, int j)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j));
    return (uint32_t)opc | (uint32_t)j << 5 | (uint32_t)d;
}

/* rd = rj op rk */
static inline uint32_t encode_3r(LoongArchInsn opc, int d, int j, int k)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j) && la_is_reg(k));
    return (uint32_t)opc | (uint32_t)k << 10 | (uint32_t)j << 5 | (uint32_t)d;
}

/* rd = rj op ui5 (32-bit shifts) */
static inline uint32_t encode_2ri5(LoongArchInsn opc, int d, int j, int64_t ui5)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j) && la_fits_unsigned(ui5, 5));
    return (uint32_t)opc | (uint32_t)ui5 << 10 | (uint32_t)j << 5 | (uint32_t)d;
}

/* rd = rj op ui6 (64-bit shifts) */
static inline uint32_t encode_2ri6(LoongArchInsn opc, int d, int j, int64_t ui6)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j) && la_fits_unsigned(ui6, 6));
    return (uint32_t)opc | (uint32_t)ui6 << 10 | (uint32_t)j << 5 | (uint32_t)d;
}

/* rd = rj op SignExtend(si12) (also loads/stores: address rj + si12) */
static inline uint32_t encode_2ri12s(LoongArchInsn opc, int d, int j, int64_t si12)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j) && la_fits_signed(si12, 12));
    return (uint32_t)opc | ((uint32_t)si12 & 0xfff) << 10 | (uint32_t)j << 5 | (uint32_t)d;
}

/* rd = rj op ZeroExtend(ui12) (andi/ori/xori) */
static inline uint32_t encode_2ri12u(LoongArchInsn opc, int d, int j, int64_t ui12)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j) && la_fits_unsigned(ui12, 12));
    return (uint32_t)opc | (uint32_t)ui12 << 10 | (uint32_t)j << 5 | (uint32_t)d;
}

/* ldptr/stptr: address rj + SignExtend(si14 << 2); si14 is the byte offset / 4 */
static inline uint32_t encode_2ri14(LoongArchInsn opc, int d, int j, int64_t si14)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j) && la_fits_signed(si14, 14));
    return (uint32_t)opc | ((uint32_t)si14 & 0x3fff) << 10 | (uint32_t)j << 5 | (uint32_t)d;
}

/* jirl rd, rj, offs: rd = pc + 4; pc = rj + SignExtend(offs16 << 2) */
static inline uint32_t encode_2ri16(LoongArchInsn opc, int d, int j, int64_t si16)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j) && la_fits_signed(si16, 16));
    return (uint32_t)opc | ((uint32_t)si16 & 0xffff) << 10 | (uint32_t)j << 5 | (uint32_t)d;
}

/* beq rj, rd, offs: if (rj cond rd) pc += SignExtend(offs16 << 2). Same fields as 2RI16. */
static inline uint32_t encode_br16(LoongArchInsn opc, int j, int d, int64_t si16)
{
    return encode_2ri16(opc, d, j, si16);
}

/* rd = f(si20): lu12i.w rd = SignExtend(si20 << 12); lu32i.d rd[63:32] = SignExtend(si20);
 * pcaddu12i rd = pc + SignExtend(si20 << 12); pcaddu18i rd = pc + SignExtend(si20 << 18) */
static inline uint32_t encode_1ri20(LoongArchInsn opc, int d, int64_t si20)
{
    tcg_debug_assert(la_is_reg(d) && la_fits_signed(si20, 20));
    return (uint32_t)opc | ((uint32_t)si20 & 0xfffff) << 5 | (uint32_t)d;
}

/* beqz/bnez rj, offs: offs21 split as [15:0] in bits 25..10 and [20:16] in bits 4..0 */
static inline uint32_t encode_1ri21(LoongArchInsn opc, int j, int64_t offs21)
{
    uint32_t v = (uint32_t)offs21;

    tcg_debug_assert(la_is_reg(j) && la_fits_signed(offs21, 21));
    return (uint32_t)opc | (v & 0xffff) << 10 | (uint32_t)j << 5 | ((v >> 16) & 0x1f);
}

/* b/bl offs: offs26 split as [15:0] in bits 25..10 and [25:16] in bits 9..0 */
static inline uint32_t encode_i26(LoongArchInsn opc, int64_t offs26)
{
    uint32_t v = (uint32_t)offs26;

    tcg_debug_assert(la_fits_signed(offs26, 26));
    return (uint32_t)opc | (v & 0xffff) << 10 | ((v >> 16) & 0x3ff);
}

/* bstrins.w/bstrpick.w rd, rj, msbw, lsbw (0 <= lsbw <= msbw <= 31) */
static inline uint32_t encode_bstrw(LoongArchInsn opc, int d, int j, int64_t msb, int64_t lsb)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j));
    tcg_debug_assert(la_fits_unsigned(msb, 5) && la_fits_unsigned(lsb, 5) && lsb <= msb);
    return (uint32_t)opc | (uint32_t)msb << 16 | (uint32_t)lsb << 10 | (uint32_t)j << 5 |
           (uint32_t)d;
}

/* bstrins.d/bstrpick.d rd, rj, msbd, lsbd (0 <= lsbd <= msbd <= 63) */
static inline uint32_t encode_bstrd(LoongArchInsn opc, int d, int j, int64_t msb, int64_t lsb)
{
    tcg_debug_assert(la_is_reg(d) && la_is_reg(j));
    tcg_debug_assert(la_fits_unsigned(msb, 6) && la_fits_unsigned(lsb, 6) && lsb <= msb);
    return (uint32_t)opc | (uint32_t)msb << 16 | (uint32_t)lsb << 10 | (uint32_t)j << 5 |
           (uint32_t)d;
}

/* dbar/ibar hint */
static inline uint32_t encode_i15(LoongArchInsn opc, int64_t hint)
{
    tcg_debug_assert(la_fits_unsigned(hint, 15));
    return (uint32_t)opc | (uint32_t)hint;
}

#endif
