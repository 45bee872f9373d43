/*
 * tcg-insn-defs.h - MIPS64r2 instruction table and pure encoders for the MIPS back end.
 *
 * One X-macro list (MIPS_INSN_LIST) names every instruction the back end emits, with its format
 * and its fixed opcode bits. It builds three things:
 *   - the OPC_* constants (enum MIPSInsn),
 *   - the disassembler's decode table (tcg-target-disas.c: opcode bits + format + mnemonic),
 *   - the one-line tcg_out_opc_<insn>() emitters (tcg-target.c.inc, MIPS_OUT_<fmt> macros).
 * The encode_<format>() functions below place each field and assert its range; they need no
 * MIPS host and no TCG context, so the x86_64 unit test (tests/unit/test-mips-encoder.c) checks
 * them against llvm-mc's encodings.
 *
 * ISA revision: MIPS64 release 2, pre-r6 encodings. That choice is folded into the constants:
 * rotr/drotr are srl/dsrl with bit 21 set, rotrv/drotrv srlv/dsrlv with bit 6 set (r2); mul and
 * clz live in SPECIAL2 (moved in r6); products go through mult/multu and HI/LO (r6 removed
 * them); branches and jumps have a delay slot (r6 compact branches are not used).
 *
 * Formats (s = rs [25:21], t = rt [20:16], d = rd [15:11], sa [10:6]; assembler operand order):
 *   R3   d, s, t          op | funct (addu, and, slt, movz, mul ...)
 *   RV   d, t, s          variable shifts: the amount is rs
 *   SA   d, t, sa         immediate shifts, sa 0..31 (dsll32 & co add 32)
 *   MD   s, t             mult/multu (result in HI/LO)
 *   MF   d                mflo/mfhi
 *   RT   d, t             bshfl/dbshfl: seb, seh, wsbh, dsbh, dshd
 *   CLZ  d, s             clz/dclz: pre-r6 wants rt = rd as well
 *   IS   t, s, si16       signed immediate (addiu, slti ...)
 *   IU   t, s, ui16       unsigned immediate (andi, ori, xori)
 *   LUI  t, ui16
 *   MEM  t, si16(s)       loads and stores
 *   BR   s, t, off        beq/bne: off = (target - (pc + 4)) / 4, signed 16 bits
 *   BZ   s, off           compare with zero (bltz, bgez: REGIMM rt sub-opcode; blez, bgtz)
 *   J    index            j: target = (pc + 4)[63:28] | index << 2
 *   JR   s                jr
 *   JALR d, s             jalr
 *   BFX  t, s, pos, size  ext/dext: fields msbd = size - 1, lsb = pos
 *   BFI  t, s, pos, size  ins/dins: fields msb = pos + size - 1, lsb = pos
 *
 * The opcode bits come from the MIPS64 architecture manual (volume II) and are checked against
 * `llvm-mc-19 --triple=mips64el -mcpu=mips64r2 --show-encoding` by the unit test.
 */
#ifndef TCG_MIPS_INSN_DEFS_H
#define TCG_MIPS_INSN_DEFS_H

#include "loongbt-common.h"

/* ------------------------------------------------------------------ the instruction list */
/* X(NAME,     name,     "mnemonic", format, fixed opcode bits) */
#define MIPS_INSN_LIST(X) \
    /* SPECIAL, three registers */ \
    X(ADDU,     addu,     "addu",     R3,   0x00000021) \
    X(SUBU,     subu,     "subu",     R3,   0x00000023) \
    X(DADDU,    daddu,    "daddu",    R3,   0x0000002d) \
    X(DSUBU,    dsubu,    "dsubu",    R3,   0x0000002f) \
    X(AND,      and,      "and",      R3,   0x00000024) \
    X(OR,       or,       "or",       R3,   0x00000025) \
    X(XOR,      xor,      "xor",      R3,   0x00000026) \
    X(NOR,      nor,      "nor",      R3,   0x00000027) \
    X(SLT,      slt,      "slt",      R3,   0x0000002a) \
    X(SLTU,     sltu,     "sltu",     R3,   0x0000002b) \
    X(MOVZ,     movz,     "movz",     R3,   0x0000000a) \
    X(MOVN,     movn,     "movn",     R3,   0x0000000b) \
    X(MUL,      mul,      "mul",      R3,   0x70000002) \
    /* variable shifts and rotates */ \
    X(SLLV,     sllv,     "sllv",     RV,   0x00000004) \
    X(SRLV,     srlv,     "srlv",     RV,   0x00000006) \
    X(SRAV,     srav,     "srav",     RV,   0x00000007) \
    X(ROTRV,    rotrv,    "rotrv",    RV,   0x00000046) \
    X(DSLLV,    dsllv,    "dsllv",    RV,   0x00000014) \
    X(DSRLV,    dsrlv,    "dsrlv",    RV,   0x00000016) \
    X(DSRAV,    dsrav,    "dsrav",    RV,   0x00000017) \
    /* immediate shifts and rotates */ \
    X(SLL,      sll,      "sll",      SA,   0x00000000) \
    X(SRL,      srl,      "srl",      SA,   0x00000002) \
    X(SRA,      sra,      "sra",      SA,   0x00000003) \
    X(ROTR,     rotr,     "rotr",     SA,   0x00200002) \
    X(DSLL,     dsll,     "dsll",     SA,   0x00000038) \
    X(DSRL,     dsrl,     "dsrl",     SA,   0x0000003a) \
    X(DSRA,     dsra,     "dsra",     SA,   0x0000003b) \
    X(DSLL32,   dsll32,   "dsll32",   SA,   0x0000003c) \
    X(DSRL32,   dsrl32,   "dsrl32",   SA,   0x0000003e) \
    X(DSRA32,   dsra32,   "dsra32",   SA,   0x0000003f) \
    /* products through HI/LO */ \
    X(MULT,     mult,     "mult",     MD,   0x00000018) \
    X(MULTU,    multu,    "multu",    MD,   0x00000019) \
    X(MFHI,     mfhi,     "mfhi",     MF,   0x00000010) \
    X(MFLO,     mflo,     "mflo",     MF,   0x00000012) \
    /* byte shuffles, sign extensions, leading zeros */ \
    X(SEB,      seb,      "seb",      RT,   0x7c000420) \
    X(SEH,      seh,      "seh",      RT,   0x7c000620) \
    X(WSBH,     wsbh,     "wsbh",     RT,   0x7c0000a0) \
    X(DSBH,     dsbh,     "dsbh",     RT,   0x7c0000a4) \
    X(DSHD,     dshd,     "dshd",     RT,   0x7c000164) \
    X(CLZ,      clz,      "clz",      CLZ,  0x70000020) \
    /* immediates */ \
    X(ADDIU,    addiu,    "addiu",    IS,   0x24000000) \
    X(DADDIU,   daddiu,   "daddiu",   IS,   0x64000000) \
    X(SLTI,     slti,     "slti",     IS,   0x28000000) \
    X(SLTIU,    sltiu,    "sltiu",    IS,   0x2c000000) \
    X(ANDI,     andi,     "andi",     IU,   0x30000000) \
    X(ORI,      ori,      "ori",      IU,   0x34000000) \
    X(XORI,     xori,     "xori",     IU,   0x38000000) \
    X(LUI,      lui,      "lui",      LUI,  0x3c000000) \
    /* loads and stores */ \
    X(LB,       lb,       "lb",       MEM,  0x80000000) \
    X(LH,       lh,       "lh",       MEM,  0x84000000) \
    X(LW,       lw,       "lw",       MEM,  0x8c000000) \
    X(LBU,      lbu,      "lbu",      MEM,  0x90000000) \
    X(LHU,      lhu,      "lhu",      MEM,  0x94000000) \
    X(LWU,      lwu,      "lwu",      MEM,  0x9c000000) \
    X(LD,       ld,       "ld",       MEM,  0xdc000000) \
    X(SB,       sb,       "sb",       MEM,  0xa0000000) \
    X(SH,       sh,       "sh",       MEM,  0xa4000000) \
    X(SW,       sw,       "sw",       MEM,  0xac000000) \
    X(SD,       sd,       "sd",       MEM,  0xfc000000) \
    /* unaligned halves (guest accesses need no alignment): little-endian pairs */ \
    X(LWL,      lwl,      "lwl",      MEM,  0x88000000) \
    X(LWR,      lwr,      "lwr",      MEM,  0x98000000) \
    X(LDL,      ldl,      "ldl",      MEM,  0x68000000) \
    X(LDR,      ldr,      "ldr",      MEM,  0x6c000000) \
    X(SWL,      swl,      "swl",      MEM,  0xa8000000) \
    X(SWR,      swr,      "swr",      MEM,  0xb8000000) \
    X(SDL,      sdl,      "sdl",      MEM,  0xb0000000) \
    X(SDR,      sdr,      "sdr",      MEM,  0xb4000000) \
    /* branches and jumps (one delay slot each) */ \
    X(BEQ,      beq,      "beq",      BR,   0x10000000) \
    X(BNE,      bne,      "bne",      BR,   0x14000000) \
    X(BLEZ,     blez,     "blez",     BZ,   0x18000000) \
    X(BGTZ,     bgtz,     "bgtz",     BZ,   0x1c000000) \
    X(BLTZ,     bltz,     "bltz",     BZ,   0x04000000) \
    X(BGEZ,     bgez,     "bgez",     BZ,   0x04010000) \
    X(J,        j,        "j",        J,    0x08000000) \
    X(JR,       jr,       "jr",       JR,   0x00000008) \
    X(JALR,     jalr,     "jalr",     JALR, 0x00000009) \
    /* bit fields */ \
    X(EXT,      ext,      "ext",      BFX,  0x7c000000) \
    X(DEXT,     dext,     "dext",     BFX,  0x7c000003) \
    X(INS,      ins,      "ins",      BFI,  0x7c000004) \
    X(DINS,     dins,     "dins",     BFI,  0x7c000007)

/* The formats, as an X-macro: X(format, mask of the fixed opcode bits). */
#define MIPS_FORMAT_LIST(X) \
    X(R3,   0xfc0007ff) \
    X(RV,   0xfc0007ff) \
    X(SA,   0xffe0003f) \
    X(MD,   0xfc00ffff) \
    X(MF,   0xffff07ff) \
    X(RT,   0xffe007ff) \
    X(CLZ,  0xfc0007ff) \
    X(IS,   0xfc000000) \
    X(IU,   0xfc000000) \
    X(LUI,  0xffe00000) \
    X(MEM,  0xfc000000) \
    X(BR,   0xfc000000) \
    X(BZ,   0xfc1f0000) \
    X(J,    0xfc000000) \
    X(JR,   0xfc1fffff) \
    X(JALR, 0xfc1f07ff) \
    X(BFX,  0xfc00003f) \
    X(BFI,  0xfc00003f)

typedef enum MIPSFormat {
#define X(fmt, mask) MIPS_FMT_##fmt,
    MIPS_FORMAT_LIST(X)
#undef X
    MIPS_FMT_COUNT
} MIPSFormat;

typedef enum MIPSInsn {
#define X(NAME, name, mnem, fmt, bits) OPC_##NAME = bits,
    MIPS_INSN_LIST(X)
#undef X
} MIPSInsn;

/* ------------------------------------------------------------------ field helpers */
static inline bool mips_fits_signed(int64_t v, unsigned bits)
{
    return v >= -((int64_t)1 << (bits - 1)) && v < ((int64_t)1 << (bits - 1));
}

static inline bool mips_fits_unsigned(int64_t v, unsigned bits)
{
    return v >= 0 && v < ((int64_t)1 << bits);
}

static inline bool mips_is_reg(int r)
{
    return r >= 0 && r < 32;
}

/* The three register fields in their places. */
static inline uint32_t mips_regs(int s, int t, int d)
{
    tcg_debug_assert(mips_is_reg(s) && mips_is_reg(t) && mips_is_reg(d));
    return (uint32_t)s << 21 | (uint32_t)t << 16 | (uint32_t)d << 11;
}

/* ------------------------------------------------------------------ encoders, one per format */
/* rd = rs op rt */
static inline uint32_t encode_r3(MIPSInsn opc, int d, int s, int t)
{
    return (uint32_t)opc | mips_regs(s, t, d);
}

/* rd = rt shifted by rs */
static inline uint32_t encode_rv(MIPSInsn opc, int d, int t, int s)
{
    return (uint32_t)opc | mips_regs(s, t, d);
}

/* rd = rt shifted by sa (0..31) */
static inline uint32_t encode_sa(MIPSInsn opc, int d, int t, int64_t sa)
{
    tcg_debug_assert(mips_fits_unsigned(sa, 5));
    return (uint32_t)opc | mips_regs(0, t, d) | (uint32_t)sa << 6;
}

/* HI:LO = rs * rt */
static inline uint32_t encode_md(MIPSInsn opc, int s, int t)
{
    return (uint32_t)opc | mips_regs(s, t, 0);
}

/* rd = HI or LO */
static inline uint32_t encode_mf(MIPSInsn opc, int d)
{
    return (uint32_t)opc | mips_regs(0, 0, d);
}

/* rd = f(rt) */
static inline uint32_t encode_rt(MIPSInsn opc, int d, int t)
{
    return (uint32_t)opc | mips_regs(0, t, d);
}

/* rd = clz(rs); the rt field repeats rd (required before release 6) */
static inline uint32_t encode_clz(MIPSInsn opc, int d, int s)
{
    return (uint32_t)opc | mips_regs(s, d, d);
}

/* rt = rs op SignExtend(si16) */
static inline uint32_t encode_is(MIPSInsn opc, int t, int s, int64_t si16)
{
    tcg_debug_assert(mips_fits_signed(si16, 16));
    return (uint32_t)opc | mips_regs(s, t, 0) | ((uint32_t)si16 & 0xffff);
}

/* rt = rs op ZeroExtend(ui16) */
static inline uint32_t encode_iu(MIPSInsn opc, int t, int s, int64_t ui16)
{
    tcg_debug_assert(mips_fits_unsigned(ui16, 16));
    return (uint32_t)opc | mips_regs(s, t, 0) | (uint32_t)ui16;
}

/* rt = SignExtend(ui16 << 16) */
static inline uint32_t encode_lui(MIPSInsn opc, int t, int64_t ui16)
{
    return encode_iu(opc, t, 0, ui16);
}

/* rt <-> *(base + si16) */
static inline uint32_t encode_mem(MIPSInsn opc, int t, int64_t si16, int base)
{
    return encode_is(opc, t, base, si16);
}

/* if (rs cond rt) pc = pc + 4 + off * 4 */
static inline uint32_t encode_br(MIPSInsn opc, int s, int t, int64_t off)
{
    return encode_is(opc, t, s, off);
}

/* if (rs cond 0) pc = pc + 4 + off * 4 (the rt field is part of the opcode) */
static inline uint32_t encode_bz(MIPSInsn opc, int s, int64_t off)
{
    return encode_is(opc, 0, s, off);
}

/* pc = (pc + 4)[63:28] | index << 2 */
static inline uint32_t encode_j(MIPSInsn opc, int64_t index)
{
    tcg_debug_assert(mips_fits_unsigned(index, 26));
    return (uint32_t)opc | (uint32_t)index;
}

/* pc = rs */
static inline uint32_t encode_jr(MIPSInsn opc, int s)
{
    return (uint32_t)opc | mips_regs(s, 0, 0);
}

/* rd = pc + 8; pc = rs */
static inline uint32_t encode_jalr(MIPSInsn opc, int d, int s)
{
    return (uint32_t)opc | mips_regs(s, 0, d);
}

/* Bit-field fields: msb-ish value in [15:11], lsb in [10:6]. */
static inline uint32_t mips_bitfield(MIPSInsn opc, int t, int s, int64_t msb, int64_t lsb)
{
    tcg_debug_assert(mips_fits_unsigned(msb, 5) && mips_fits_unsigned(lsb, 5));
    return (uint32_t)opc | mips_regs(s, t, (int)msb) | (uint32_t)lsb << 6;
}

/* ext/dext rt, rs, pos, size: rt = zero-extended rs[pos + size - 1 .. pos]; size 1..32 and
 * pos 0..31 (ext: pos + size <= 32) */
static inline uint32_t encode_bfx(MIPSInsn opc, int t, int s, int64_t pos, int64_t size)
{
    tcg_debug_assert(size >= 1 && size <= 32 && pos >= 0 && pos <= 31);
    tcg_debug_assert(opc != OPC_EXT || pos + size <= 32);
    return mips_bitfield(opc, t, s, size - 1, pos);
}

/* ins/dins rt, rs, pos, size: rt[pos + size - 1 .. pos] = rs[size - 1 .. 0]; pos + size <= 32 */
static inline uint32_t encode_bfi(MIPSInsn opc, int t, int s, int64_t pos, int64_t size)
{
    tcg_debug_assert(size >= 1 && pos >= 0 && pos + size <= 32);
    return mips_bitfield(opc, t, s, pos + size - 1, pos);
}

#endif
