/*
 * disas-i386.c - a table-driven i386 disassembler printing Intel syntax the way capstone does
 * ("mov eax, dword ptr [ebx + ecx*4 + 0x10]"), for -d in_asm on hosts without capstone.
 *
 * The opcode maps live in disas-i386-tables.inc in the Intel SDM's notation: each entry is a
 * mnemonic and up to three operands such as Eb, Gv, Iz (addressing method + operand type, see
 * the lists below). An entry may instead select among sub-entries by ModRM.reg (opcode groups),
 * by the mandatory prefix (none/66/F3/F2, the SSE maps), by ModRM.mod (memory or register form)
 * or by ModRM.rm. Decoding is: prefixes, walk the selections down to one instruction, read
 * ModRM/SIB/displacement, then print each operand, reading immediates as they come.
 *
 * Text follows capstone 4 (tests/unit/test-disas-i386.c compares the two over real binaries):
 * numbers above 9 in hex, signed immediates except for the instructions capstone prints
 * unsigned (mov, and/or/xor, 8-bit operations), branch targets as absolute addresses.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "disas-i386.h"

/* ================================================================== operand notation */

/*
 * Addressing methods (the capital letter of the SDM's operand notation), plus the fixed
 * operands the maps name directly. For the FIX* methods the type field holds a register number.
 */
#define DISAS_METHODS(DEF) \
    DEF(NONE)   /* no operand */ \
    DEF(E)      /* ModRM r/m: general register or memory */ \
    DEF(G)      /* ModRM reg: general register */ \
    DEF(M)      /* ModRM r/m, memory only */ \
    DEF(R)      /* ModRM r/m, general register only */ \
    DEF(I)      /* immediate, printed as the instruction's kind of number */ \
    DEF(IS)     /* imm8 sign-extended to the operand size */ \
    DEF(J)      /* relative branch target */ \
    DEF(O)      /* absolute offset (moffs) */ \
    DEF(A)      /* far pointer immediate seg:offset */ \
    DEF(S)      /* ModRM reg: segment register */ \
    DEF(C)      /* ModRM reg: control register */ \
    DEF(D)      /* ModRM reg: debug register */ \
    DEF(X)      /* string source [esi] (segment overridable) */ \
    DEF(Y)      /* string destination es:[edi] */ \
    DEF(P)      /* ModRM reg: MMX register */ \
    DEF(Q)      /* ModRM r/m: MMX register or memory */ \
    DEF(N)      /* ModRM r/m: MMX register only */ \
    DEF(V)      /* ModRM reg: XMM register */ \
    DEF(W)      /* ModRM r/m: XMM register or memory */ \
    DEF(U)      /* ModRM r/m: XMM register only */ \
    DEF(Z)      /* general register in the opcode's low 3 bits */ \
    DEF(STI)    /* x87 st(i), i = ModRM.rm */ \
    DEF(ONE)    /* the constant 1 (shift by one) */ \
    DEF(FIXB)   /* fixed 8-bit register */ \
    DEF(FIXW)   /* fixed 16-bit register */ \
    DEF(FIXV)   /* fixed register of the operand size */ \
    DEF(FIXSEG) /* fixed segment register */ \
    DEF(FIXST)  /* x87 st(n) */ \
    DEF(FIXX)   /* fixed XMM register (blendv's implicit xmm0) */

enum {
#define DISAS_METHOD_ENUM(name) M_##name,
    DISAS_METHODS(DISAS_METHOD_ENUM)
#undef DISAS_METHOD_ENUM
};

/*
 * Operand types (the lower-case part): register width in bits (0: by operand size) and the
 * size keyword of a memory operand (NULL: capstone prints none, e.g. lea, fnstenv).
 */
#define DISAS_TYPES(X) \
    X(none, 32, NULL)      /* no size: lea's M, fldenv's 28-byte block */ \
    X(b,    8,  "byte")   \
    X(w,    16, "word")   \
    X(d,    32, "dword")  \
    X(q,    64, "qword")  \
    X(v,    0,  NULL)      /* word or dword by operand size */ \
    X(z,    0,  NULL)      /* immediate of 16 or 32 bits by operand size */ \
    X(x,    128, "xmmword") \
    X(t,    80, "xword")   /* x87 extended real */ \
    X(tb,   80, "tbyte")   /* x87 packed BCD */ \
    X(p,    0,  NULL)      /* far pointer: fword, or dword with 16-bit operand size */ \
    X(s,    48, NULL)      /* sgdt/sidt pseudo-descriptor */ \
    X(vw,   0,  "word")    /* register by operand size, memory word (mov Ev,Sw) */ \
    X(db,   32, "byte")    /* 32-bit register, memory byte (pextrb) */ \
    X(dw,   32, "word")    /* 32-bit register, memory word (pinsrw) */ \
    X(a,    0,  "qword")   /* bound's pair of dwords */

enum {
#define DISAS_TYPE_ENUM(name, bits, keyword) T_##name,
    DISAS_TYPES(DISAS_TYPE_ENUM)
#undef DISAS_TYPE_ENUM
};

static const struct {
    unsigned reg_bits;
    const char *mem_keyword;
} disas_types[] = {
#define DISAS_TYPE_INFO(name, bits, keyword) [T_##name] = { bits, keyword },
    DISAS_TYPES(DISAS_TYPE_INFO)
#undef DISAS_TYPE_INFO
};

#define OPND(method, type) ((uint16_t)(((method) << 8) | (type)))
#define OPND_METHOD(o)     ((o) >> 8)
#define OPND_TYPE(o)       ((o) & 0xff)

/* The SDM's names for the operands the maps use. */
#define xx   OPND(M_NONE, T_none)
#define Eb   OPND(M_E, T_b)
#define Ew   OPND(M_E, T_w)
#define Ed   OPND(M_E, T_d)
#define Ev   OPND(M_E, T_v)
#define Evw  OPND(M_E, T_vw)
#define Edb  OPND(M_E, T_db)
#define Edw  OPND(M_E, T_dw)
#define Gb   OPND(M_G, T_b)
#define Gw   OPND(M_G, T_w)
#define Gd   OPND(M_G, T_d)
#define Gv   OPND(M_G, T_v)
#define M    OPND(M_M, T_none)
#define Mb   OPND(M_M, T_b)
#define Mw   OPND(M_M, T_w)
#define Md   OPND(M_M, T_d)
#define Mq   OPND(M_M, T_q)
#define Mv   OPND(M_M, T_v)
#define Mx   OPND(M_M, T_x)
#define Mt   OPND(M_M, T_t)
#define Mtb  OPND(M_M, T_tb)
#define Mp   OPND(M_M, T_p)
#define Ms   OPND(M_M, T_s)
#define Ma   OPND(M_M, T_a)
#define Rd   OPND(M_R, T_d)
#define Ib   OPND(M_I, T_b)
#define Iw   OPND(M_I, T_w)
#define Iz   OPND(M_I, T_z)
#define Ibs  OPND(M_IS, T_v)
#define Ibb  OPND(M_IS, T_b)     /* signed imm8 printed as such (xabort) */
#define Jb   OPND(M_J, T_b)
#define Jz   OPND(M_J, T_z)
#define Ob   OPND(M_O, T_b)
#define Ov   OPND(M_O, T_v)
#define Ap   OPND(M_A, T_p)
#define Sw   OPND(M_S, T_w)
#define Cd   OPND(M_C, T_d)
#define Dd   OPND(M_D, T_d)
#define Xb   OPND(M_X, T_b)
#define Xv   OPND(M_X, T_v)
#define Yb   OPND(M_Y, T_b)
#define Yv   OPND(M_Y, T_v)
#define Pq   OPND(M_P, T_q)
#define Qd   OPND(M_Q, T_d)
#define Qq   OPND(M_Q, T_q)
#define Nq   OPND(M_N, T_q)
#define Vx   OPND(M_V, T_x)
#define Wb   OPND(M_W, T_b)
#define Ww   OPND(M_W, T_w)
#define Wd   OPND(M_W, T_d)
#define Wq   OPND(M_W, T_q)
#define Wx   OPND(M_W, T_x)
#define Ux   OPND(M_U, T_x)
#define Zb   OPND(M_Z, T_b)
#define Zv   OPND(M_Z, T_v)
#define Zd   OPND(M_Z, T_d)
#define STi  OPND(M_STI, T_none)
#define ST0  OPND(M_FIXST, 0)
#define ONE  OPND(M_ONE, T_none)
#define AL   OPND(M_FIXB, 0)
#define CL   OPND(M_FIXB, 1)
#define AX   OPND(M_FIXW, 0)
#define DX   OPND(M_FIXW, 2)
#define eAX  OPND(M_FIXV, 0)
#define ES   OPND(M_FIXSEG, 0)
#define CS   OPND(M_FIXSEG, 1)
#define SS   OPND(M_FIXSEG, 2)
#define DS   OPND(M_FIXSEG, 3)
#define FS   OPND(M_FIXSEG, 4)
#define GS   OPND(M_FIXSEG, 5)
#define XMM0 OPND(M_FIXX, 0)

/* ================================================================== table entries */

/* What an entry is: an instruction, or a selection among sub-entries by some field. */
#define DISAS_ENTRY_KINDS(DEF) \
    DEF(INSN)   /* leaf: mnemonic and operands */ \
    DEF(BY_REG) /* 8 sub-entries by ModRM.reg (opcode groups) */ \
    DEF(BY_PFX) /* 4 sub-entries by mandatory prefix: none, 66, F3, F2 */ \
    DEF(BY_MOD) /* 2 sub-entries: memory form, register form */ \
    DEF(BY_RM)  /* 8 sub-entries by ModRM.rm (register forms of 0F 01, x87) */ \
    DEF(X87)    /* D8-DF: 8 memory forms by reg, then 8 register-form entries by reg */ \
    DEF(MAP)    /* 256 sub-entries by the next opcode byte (0F, 0F 38, 0F 3A) */

enum {
#define DISAS_KIND_ENUM(name) K_##name,
    DISAS_ENTRY_KINDS(DISAS_KIND_ENUM)
#undef DISAS_KIND_ENUM
};

/* Flags of an entry; a selection's flags are added to those of the entry it selects. */
enum {
    F_UNSIGNED = 1 << 0,  /* capstone prints the immediate unsigned, masked to operand size */
    F_REP      = 1 << 1,  /* F3 prints as "rep" (ins/outs/movs/lods/stos) */
    F_REPE     = 1 << 2,  /* F3/F2 print as "repe"/"repne" (cmps/scas) */
    F_SIZE_MN  = 1 << 3,  /* mnemonic "a/b": a with 16-bit operand size, b with 32-bit */
    F_ADDR_MN  = 1 << 4,  /* mnemonic "a/b" chosen by address size (jcxz/jecxz) */
    F_SSE_CMP  = 1 << 5,  /* cmpps & co: imm8 < 8 folds into the mnemonic (cmpltps) */
    F_LOCK     = 1 << 6,  /* takes a lock prefix (with a memory destination) */
    F_BND      = 1 << 7,  /* near branch: F2 prints as "bnd" (MPX) */
    F_MOD_REG  = 1 << 8,  /* ModRM.mod is ignored, r/m is a register (mov to/from cr, dr) */
};

typedef struct DisasEntry {
    const char *mnemonic;           /* INSN: NULL means undefined */
    uint16_t operands[3];
    uint8_t kind;
    uint16_t flags;
    const struct DisasEntry *sub;   /* the selection's sub-entries */
} DisasEntry;

#define O(mn, ...)          { .mnemonic = mn, .operands = { __VA_ARGS__ } }
#define OF(fl, mn, ...)     { .mnemonic = mn, .operands = { __VA_ARGS__ }, .flags = fl }
#define NIL                 { 0 }
#define SEL(k, fl, ...)     { .kind = K_##k, .flags = fl, \
                              .sub = (const DisasEntry[]){ __VA_ARGS__ } }
/* Group by ModRM.reg; operands given here apply to every member that names none. */
#define GRP(o1, o2, o3, ...) { .kind = K_BY_REG, .operands = { o1, o2, o3 }, \
                               .sub = (const DisasEntry[8]){ __VA_ARGS__ } }
#define PFX(none, p66, pF3, pF2) SEL(BY_PFX, 0, none, p66, pF3, pF2)
#define MOD(mem, reg)        SEL(BY_MOD, 0, mem, reg)
#define RM(...)              { .kind = K_BY_RM, .sub = (const DisasEntry[8]){ __VA_ARGS__ } }

#include "disas-i386-tables.inc"

/* ================================================================== decoder state */

typedef struct Disas {
    const uint8_t *code;
    size_t avail, len;          /* bytes readable; bytes consumed so far */
    uint32_t pc;
    bool truncated;

    int seg;                    /* segment override (0-5), -1 if none */
    bool lock, opsize16, addrsize16;
    uint8_t rep;                /* last F2/F3 prefix, 0 if none */
    bool rep_used;              /* F2/F3 consumed as a mandatory SSE prefix */

    bool has_modrm;
    uint8_t mod, reg, rm;
    char mem[64];               /* "[ebx + ecx*4 + 0x10]" with any segment, set if mod != 3 */

    uint8_t opcode;             /* last opcode byte (Z operands, pseudo-ops) */
    unsigned flags;
    char *out;
    size_t out_size, out_len;
} Disas;

static uint8_t read_u8(Disas *d)
{
    if (d->len >= d->avail || d->len >= I386_MAX_INSN_LEN) {
        d->truncated = true;
        return 0;
    }
    return d->code[d->len++];
}

static uint32_t read_le(Disas *d, int bytes)
{
    uint32_t v = 0;
    for (int i = 0; i < bytes; i++) {
        v |= (uint32_t)read_u8(d) << (8 * i);
    }
    return v;
}

static void emit(Disas *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit(Disas *d, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (d->out_len >= d->out_size) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(d->out + d->out_len, d->out_size - d->out_len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        d->out_len += (size_t)n;
        if (d->out_len >= d->out_size) {
            d->out_len = d->out_size - 1;
        }
    }
}

/* ================================================================== names and numbers */

static const char *const reg8_names[8] = { "al", "cl", "dl", "bl", "ah", "ch", "dh", "bh" };
static const char *const reg16_names[8] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di" };
static const char *const reg32_names[8] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"
};
static const char *const seg_names[8] = { "es", "cs", "ss", "ds", "fs", "gs", "?", "?" };

static const char *gpr_name(unsigned bits, unsigned n)
{
    return bits == 8 ? reg8_names[n] : bits == 16 ? reg16_names[n] : reg32_names[n];
}

/* capstone's number style: decimal up to 9, hex above. */
static void emit_unsigned(Disas *d, uint64_t v)
{
    emit(d, v > 9 ? "0x%llx" : "%llu", (unsigned long long)v);
}

static void emit_signed(Disas *d, int64_t v)
{
    if (v < 0) {
        emit(d, "-");
        v = -v;
    }
    emit_unsigned(d, (uint64_t)v);
}

static unsigned operand_bits(const Disas *d)
{
    return d->opsize16 ? 16 : 32;
}

/* ================================================================== ModRM and memory operands */

static void format_mem16(Disas *d, char *p, size_t size)
{
    static const char *const bases[8] = {
        "bx + si", "bx + di", "bp + si", "bp + di", "si", "di", "bp", "bx"
    };
    int32_t disp = 0;
    int n;

    if (d->mod == 0 && d->rm == 6) {
        /* [disp16] without base */
        uint32_t addr = read_le(d, 2);
        snprintf(p, size, addr > 9 ? "[0x%x]" : "[%u]", addr);
        return;
    }
    if (d->mod == 1) {
        disp = (int8_t)read_u8(d);
    } else if (d->mod == 2) {
        disp = (int16_t)read_le(d, 2);
    }
    n = snprintf(p, size, "[%s", bases[d->rm]);
    if (disp) {
        uint32_t mag = disp < 0 ? -(uint32_t)disp : (uint32_t)disp;
        n += snprintf(p + n, size - n, mag > 9 ? " %c 0x%x" : " %c %u", disp < 0 ? '-' : '+', mag);
    }
    snprintf(p + n, size - n, "]");
}

static void format_mem32(Disas *d, char *p, size_t size)
{
    int base = d->rm, index = -1, scale = 0;
    int32_t disp = 0;
    bool has_disp;
    int n;

    if (d->rm == 4) {
        uint8_t sib = read_u8(d);
        scale = sib >> 6;
        index = (sib >> 3) & 7;
        base = sib & 7;
        if (index == 4) {
            index = -1;                     /* no index */
        }
        if (base == 5 && d->mod == 0) {
            base = -1;                      /* [index*scale + disp32] */
        }
    } else if (d->rm == 5 && d->mod == 0) {
        base = -1;                          /* [disp32] */
    }
    if (d->mod == 1) {
        disp = (int8_t)read_u8(d);
    } else if (d->mod == 2 || base < 0) {
        disp = (int32_t)read_le(d, 4);
    }
    has_disp = disp != 0;

    n = snprintf(p, size, "[");
    if (base >= 0) {
        n += snprintf(p + n, size - n, "%s", reg32_names[base]);
    }
    if (index >= 0) {
        n += snprintf(p + n, size - n, "%s%s", base >= 0 ? " + " : "", reg32_names[index]);
        if (scale) {
            n += snprintf(p + n, size - n, "*%d", 1 << scale);
        }
    }
    if (base < 0 && index < 0) {
        /* absolute address: unsigned */
        n += snprintf(p + n, size - n, (uint32_t)disp > 9 ? "0x%x" : "%u", (uint32_t)disp);
    } else if (has_disp) {
        uint32_t mag = disp < 0 ? -(uint32_t)disp : (uint32_t)disp;
        n += snprintf(p + n, size - n, mag > 9 ? " %c 0x%x" : " %c %u", disp < 0 ? '-' : '+', mag);
    }
    snprintf(p + n, size - n, "]");
}

/* Reads ModRM and, for a memory operand, SIB and displacement into d->mem. */
static void read_modrm(Disas *d)
{
    uint8_t modrm;
    int n = 0;

    if (d->has_modrm) {
        return;
    }
    modrm = read_u8(d);
    d->has_modrm = true;
    d->mod = modrm >> 6;
    d->reg = (modrm >> 3) & 7;
    d->rm = modrm & 7;
    if (d->flags & F_MOD_REG) {
        d->mod = 3;
    }
    if (d->mod == 3) {
        return;
    }
    if (d->seg >= 0) {
        n = snprintf(d->mem, sizeof(d->mem), "%s:", seg_names[d->seg]);
    }
    if (d->addrsize16) {
        format_mem16(d, d->mem + n, sizeof(d->mem) - n);
    } else {
        format_mem32(d, d->mem + n, sizeof(d->mem) - n);
    }
}

/* ================================================================== operands */

static const char *mem_keyword(const Disas *d, unsigned type)
{
    switch (type) {
    case T_v:
        return d->opsize16 ? "word" : "dword";
    case T_p:
        return d->opsize16 ? "dword" : "fword";
    case T_a:
        return d->opsize16 ? "dword" : "qword";
    default:
        return disas_types[type].mem_keyword;
    }
}

static unsigned reg_bits(const Disas *d, unsigned type)
{
    unsigned bits = disas_types[type].reg_bits;
    return bits ? bits : operand_bits(d);
}

static void emit_mem(Disas *d, unsigned type)
{
    const char *kw = mem_keyword(d, type);
    emit(d, "%s%s%s", kw ? kw : "", kw ? " ptr " : "", d->mem);
}

/* ModRM.rm operand: a register of the method's bank, or memory. */
static void emit_rm(Disas *d, unsigned method, unsigned type)
{
    if (d->mod != 3) {
        emit_mem(d, type);
    } else if (method == M_Q || method == M_N) {
        emit(d, "mm%d", d->rm);
    } else if (method == M_W || method == M_U) {
        emit(d, "xmm%d", d->rm);
    } else {
        emit(d, "%s", gpr_name(reg_bits(d, type), d->rm));
    }
}

/*
 * Immediates as capstone prints them: full-size ones (imm8 of 8-bit operations, imm16/32)
 * unsigned; imm8 sign-extended to the operand size signed, except for F_UNSIGNED instructions.
 */
static void emit_immediate(Disas *d, unsigned method, unsigned type)
{
    unsigned bits = operand_bits(d);
    int64_t v;

    if (type == T_b && method == M_I) {
        emit_unsigned(d, read_u8(d));
        return;
    }
    if (type == T_w) {
        emit_unsigned(d, (uint16_t)read_le(d, 2));
        return;
    }
    if (method == M_I) {
        /* imm16/imm32 of the operand size: always unsigned */
        emit_unsigned(d, bits == 16 ? read_le(d, 2) : read_le(d, 4));
        return;
    }
    v = (int8_t)read_u8(d);
    if (type == T_b) {
        emit_signed(d, v);
        return;
    }
    if (d->flags & F_UNSIGNED) {
        emit_unsigned(d, (uint64_t)v & (bits == 16 ? 0xffffu : 0xffffffffu));
    } else {
        emit_signed(d, v);
    }
}

static void emit_branch_target(Disas *d, unsigned type)
{
    int32_t rel;
    uint32_t target;

    if (type == T_b) {
        rel = (int8_t)read_u8(d);
    } else {
        rel = d->opsize16 ? (int16_t)read_le(d, 2) : (int32_t)read_le(d, 4);
    }
    target = d->pc + (uint32_t)d->len + (uint32_t)rel;
    if (d->opsize16) {
        target &= 0xffff;
    }
    emit_unsigned(d, target);
}

/* String operands: [esi] takes a segment override, es:[edi] never does. */
static void emit_string_operand(Disas *d, unsigned method, unsigned type)
{
    const char *reg = method == M_X ? (d->addrsize16 ? "si" : "esi")
                                    : (d->addrsize16 ? "di" : "edi");

    if (method == M_Y) {
        emit(d, "%s ptr es:[%s]", mem_keyword(d, type), reg);
    } else if (d->seg >= 0) {
        emit(d, "%s ptr %s:[%s]", mem_keyword(d, type), seg_names[d->seg], reg);
    } else {
        emit(d, "%s ptr [%s]", mem_keyword(d, type), reg);
    }
}

static void emit_operand(Disas *d, uint16_t opnd)
{
    unsigned method = OPND_METHOD(opnd), type = OPND_TYPE(opnd);

    switch (method) {
    case M_E: case M_M: case M_R: case M_Q: case M_N: case M_W: case M_U:
        emit_rm(d, method, type);
        break;
    case M_G:
        emit(d, "%s", gpr_name(reg_bits(d, type), d->reg));
        break;
    case M_Z:
        emit(d, "%s", gpr_name(reg_bits(d, type), d->opcode & 7));
        break;
    case M_S:
        emit(d, "%s", seg_names[d->reg]);
        break;
    case M_C:
        emit(d, "cr%d", d->reg);
        break;
    case M_D:
        emit(d, "dr%d", d->reg);
        break;
    case M_P:
        emit(d, "mm%d", d->reg);
        break;
    case M_V:
        emit(d, "xmm%d", d->reg);
        break;
    case M_I: case M_IS:
        emit_immediate(d, method, type);
        break;
    case M_J:
        emit_branch_target(d, type);
        break;
    case M_O: {
        uint32_t addr = d->addrsize16 ? read_le(d, 2) : read_le(d, 4);
        const char *kw = mem_keyword(d, type);
        emit(d, "%s ptr %s%s[", kw, d->seg >= 0 ? seg_names[d->seg] : "", d->seg >= 0 ? ":" : "");
        emit_unsigned(d, addr);
        emit(d, "]");
        break;
    }
    case M_A: {
        uint32_t off = d->opsize16 ? read_le(d, 2) : read_le(d, 4);
        uint32_t sel = read_le(d, 2);
        emit(d, "0x%x:0x%x", sel, off);
        break;
    }
    case M_X: case M_Y:
        emit_string_operand(d, method, type);
        break;
    case M_STI:
        emit(d, "st(%d)", d->rm);
        break;
    case M_FIXST:
        emit(d, "st(%d)", type);
        break;
    case M_ONE:
        emit(d, "1");
        break;
    case M_FIXB:
        emit(d, "%s", reg8_names[type]);
        break;
    case M_FIXW:
        emit(d, "%s", reg16_names[type]);
        break;
    case M_FIXV:
        emit(d, "%s", gpr_name(operand_bits(d), type));
        break;
    case M_FIXSEG:
        emit(d, "%s", seg_names[type]);
        break;
    case M_FIXX:
        emit(d, "xmm%d", type);
        break;
    }
}

/* ================================================================== walking the maps */

static bool operand_uses_modrm(uint16_t opnd)
{
    switch (OPND_METHOD(opnd)) {
    case M_E: case M_G: case M_M: case M_R: case M_S: case M_C: case M_D:
    case M_P: case M_Q: case M_N: case M_V: case M_W: case M_U: case M_STI:
        return true;
    default:
        return false;
    }
}

static bool is_empty(const DisasEntry *e)
{
    return e->kind == K_INSN && !e->mnemonic;
}

/* Index of the mandatory prefix column (none, 66, F3, F2); marks the prefix as consumed. */
static int mandatory_prefix(Disas *d, const DisasEntry *e)
{
    int col = d->rep == 0xf3 ? 2 : d->rep == 0xf2 ? 3 : d->opsize16 ? 1 : 0;

    /* A prefix that selects nothing here is an ordinary prefix: fall back to 66, then none. */
    if (col >= 2 && is_empty(&e->sub[col])) {
        col = d->opsize16 ? 1 : 0;
    }
    if (col == 1 && is_empty(&e->sub[1])) {
        return 0;                   /* 66 stays an operand-size prefix (66 0F BC: bsf ax) */
    }
    if (col >= 2) {
        d->rep_used = true;
    } else if (col == 1) {
        d->opsize16 = false;        /* consumed: operands keep their 32-bit size */
    }
    return col;
}

/*
 * Follows selections from the opcode entry down to an instruction. Operands named on a group
 * entry are kept in *inherited for members that name none.
 */
static const DisasEntry *select_insn(Disas *d, const DisasEntry *e, const uint16_t **inherited)
{
    for (;;) {
        if (e->operands[0] && e->kind != K_INSN) {
            *inherited = e->operands;
        }
        d->flags |= e->flags;
        switch (e->kind) {
        case K_INSN:
            return e;
        case K_MAP:
            d->opcode = read_u8(d);
            e = &e->sub[d->opcode];
            break;
        case K_BY_REG:
            read_modrm(d);
            e = &e->sub[d->reg];
            break;
        case K_BY_PFX:
            e = &e->sub[mandatory_prefix(d, e)];
            break;
        case K_BY_MOD:
            read_modrm(d);
            e = &e->sub[d->mod == 3];
            break;
        case K_BY_RM:
            read_modrm(d);
            e = &e->sub[d->rm];
            break;
        case K_X87:
            read_modrm(d);
            e = &e->sub[(d->mod == 3 ? 8 : 0) + d->reg];
            break;
        default:
            return NULL;
        }
        if (d->truncated) {
            return NULL;
        }
    }
}

/* Legacy prefixes in any order; read_u8 stops at 15 bytes (the instruction is then cut short). */
static void read_prefixes(Disas *d)
{
    while (d->len < I386_MAX_INSN_LEN) {
        uint8_t b = d->len < d->avail ? d->code[d->len] : 0;
        switch (b) {
        case 0x26: case 0x2e: case 0x36: case 0x3e:
            d->seg = (b >> 3) & 3;
            break;
        case 0x64: case 0x65:
            d->seg = b - 0x60;
            break;
        case 0x66:
            d->opsize16 = true;
            break;
        case 0x67:
            d->addrsize16 = true;
            break;
        case 0xf0:
            d->lock = true;
            break;
        case 0xf2: case 0xf3:
            d->rep = b;
            break;
        default:
            return;
        }
        read_u8(d);
    }
}

/*
 * Encodings the CPU rejects with #UD although the maps name an instruction: register-only or
 * memory-only operands in the other form, segment registers 6 and 7, lock without a lockable
 * instruction writing memory.
 */
static bool encoding_valid(const Disas *d, const uint16_t *ops)
{
    for (int i = 0; i < 3 && d->has_modrm; i++) {
        unsigned m = OPND_METHOD(ops[i]);
        if ((d->mod == 3 && m == M_M) || (d->mod != 3 && (m == M_R || m == M_N || m == M_U))) {
            return false;
        }
        if (m == M_S && d->reg > 5) {
            return false;
        }
    }
    return !d->lock || ((d->flags & F_LOCK) && d->has_modrm && d->mod != 3);
}

static void emit_mnemonic(Disas *d, const DisasEntry *e)
{
    const char *mn = e->mnemonic, *slash = strchr(mn, '/');

    if (d->lock) {
        emit(d, "lock ");
    }
    /* Like capstone, an F2/F3 that means nothing for the instruction is not shown. */
    if (d->rep && !d->rep_used) {
        if (d->flags & F_REPE) {
            emit(d, d->rep == 0xf3 ? "repe " : "repne ");
        } else if (d->flags & F_REP) {
            emit(d, d->rep == 0xf3 ? "rep " : "repne ");
        } else if ((d->flags & F_BND) && d->rep == 0xf2) {
            emit(d, "bnd ");
        }
    }
    if (slash && (d->flags & (F_SIZE_MN | F_ADDR_MN))) {
        bool first = (d->flags & F_ADDR_MN) ? d->addrsize16 : d->opsize16;
        if (first) {
            emit(d, "%.*s", (int)(slash - mn), mn);
        } else {
            emit(d, "%s", slash + 1);
        }
    } else {
        emit(d, "%s", mn);
    }
}

/* cmpps/cmppd/cmpss/cmpsd: an imm8 predicate below 8 becomes part of the mnemonic. */
static bool emit_sse_compare(Disas *d, const DisasEntry *e, const uint16_t *ops)
{
    static const char *const predicates[8] = {
        "eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"
    };
    uint8_t imm;
    size_t imm_at;

    read_modrm(d);
    imm_at = d->len;
    imm = d->len < d->avail ? d->code[imm_at] : 0;
    if (imm >= 8) {
        return false;
    }
    emit(d, "cmp%s%s ", predicates[imm], e->mnemonic + 3);
    emit_operand(d, ops[0]);
    emit(d, ", ");
    emit_operand(d, ops[1]);
    read_u8(d);
    return true;
}

size_t i386_disas_insn(const uint8_t *code, size_t avail, uint32_t pc, char *text,
                       size_t text_size)
{
    Disas d = { .code = code, .avail = avail, .pc = pc, .seg = -1,
                .out = text, .out_size = text_size };
    const uint16_t *ops = NULL;
    const DisasEntry *e;

    if (!text_size) {
        return 0;
    }
    text[0] = 0;
    read_prefixes(&d);
    d.opcode = read_u8(&d);
    e = select_insn(&d, &one_byte_map[d.opcode], &ops);
    if (!e || !e->mnemonic || d.truncated) {
        goto invalid;
    }
    if (e->operands[0] || !ops) {
        ops = e->operands;
    }
    for (int i = 0; i < 3; i++) {
        if (operand_uses_modrm(ops[i])) {
            read_modrm(&d);
        }
    }
    if (!encoding_valid(&d, ops)) {
        goto invalid;
    }
    if ((d.flags & F_SSE_CMP) && emit_sse_compare(&d, e, ops)) {
        goto done;
    }
    emit_mnemonic(&d, e);
    for (int i = 0; i < 3 && ops[i]; i++) {
        emit(&d, i ? ", " : " ");
        emit_operand(&d, ops[i]);
    }
done:
    if (d.truncated) {
        goto invalid;
    }
    return d.len;

invalid:
    snprintf(text, text_size, ".byte 0x%02x", avail ? code[0] : 0);
    return 0;
}
