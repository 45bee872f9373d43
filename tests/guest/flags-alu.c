/*
 * flags-alu.c - guest test: every flag-setting ALU, shift/rotate, multiply and bit instruction
 * in its 8/16/32-bit forms over edge values, printing the result registers and EFLAGS.
 *
 * Each instruction has a tiny inline-asm wrapper that loads EFLAGS from an input value (so
 * "flags unchanged" and the carry-in of adc/sbb/rcl/rcr are tested with CF=0 and CF=1), runs
 * the one instruction and reads EFLAGS back.  The flags are masked to those the architecture
 * DEFINES for that instruction and operand (e.g. after a multi-bit shift OF is undefined, after
 * and/or/xor AF is), because the oracle is the host CPU and undefined flags may differ.
 * Operands are full 32-bit registers, so an 8/16-bit op that clobbers the upper bits shows up.
 */
#include <stdio.h>
#include <stdint.h>

/* ===================================================================================== */
/* Flag masks                                                                             */
/* ===================================================================================== */

#define CF 0x001u
#define PF 0x004u
#define AF 0x010u
#define ZF 0x040u
#define SF 0x080u
#define OF 0x800u
#define ALL_ARITH (CF | PF | AF | ZF | SF | OF)
#define LOGIC_DEFINED (CF | PF | ZF | SF | OF)       /* AF undefined after and/or/xor/test */

/* Two EFLAGS inputs: everything clear, and every arithmetic flag set (bit 1 is always 1). */
static const uint32_t flags_in[] = { 0x002, 0x002 | ALL_ARITH };

static const uint32_t edge[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
    0xffffffff, 0x12345678, 0xdeadbeef, 0x0badf00d, 0x80007f81, 0xfffe0001,
};
#define NEDGE (sizeof(edge) / sizeof(edge[0]))

static const uint32_t counts[] = { 0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33 };
#define NCOUNTS (sizeof(counts) / sizeof(counts[0]))

typedef uint32_t (*bin_fn)(uint32_t a, uint32_t b, uint32_t fin, uint32_t *fout);

static uint32_t checksum;

static void report(const char *name, uint32_t a, uint32_t b, uint32_t fin, uint32_t r,
                   uint32_t fout, uint32_t mask)
{
    printf("%-7s %08x %08x f%03x -> %08x f%03x\n", name, a, b, fin, r, fout & mask);
    checksum = (checksum * 33) ^ r ^ ((fout & mask) << 20);
}

/* ===================================================================================== */
/* Wrappers                                                                               */
/* ===================================================================================== */

#define FL_IN  "push %[fin]\n\tpopf\n\t"
#define FL_OUT "\n\tpushf\n\tpop %[f]"

/* two-operand: a = a OP b */
#define BIN(name, insn, m)                                                                  \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t fin, uint32_t *fo)               \
    {                                                                                       \
        uint32_t f;                                                                         \
        asm volatile(FL_IN insn " %" #m "[b], %" #m "[a]" FL_OUT                            \
                     : [a] "+q"(a), [f] "=&r"(f) : [b] "q"(b), [fin] "r"(fin) : "cc");      \
        *fo = f;                                                                            \
        return a;                                                                           \
    }
/* one-operand: a = OP a (b unused) */
#define UN(name, insn, m)                                                                   \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t fin, uint32_t *fo)               \
    {                                                                                       \
        uint32_t f;                                                                         \
        (void)b;                                                                            \
        asm volatile(FL_IN insn " %" #m "[a]" FL_OUT                                        \
                     : [a] "+q"(a), [f] "=&r"(f) : [fin] "r"(fin) : "cc");                  \
        *fo = f;                                                                            \
        return a;                                                                           \
    }
/* shift/rotate by %cl: a = a OP (b & 0xff) */
#define SHCL(name, insn, m)                                                                 \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t fin, uint32_t *fo)               \
    {                                                                                       \
        uint32_t f;                                                                         \
        asm volatile(FL_IN insn " %%cl, %" #m "[a]" FL_OUT                                  \
                     : [a] "+q"(a), [f] "=&r"(f) : "c"(b), [fin] "r"(fin) : "cc");          \
        *fo = f;                                                                            \
        return a;                                                                           \
    }
/* shift/rotate by an immediate (b unused; imm "1" picks the short D0/D1 encoding in gas) */
#define SHIMM(name, insn, m, imm)                                                           \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t fin, uint32_t *fo)               \
    {                                                                                       \
        uint32_t f;                                                                         \
        (void)b;                                                                            \
        asm volatile(FL_IN insn " $" #imm ", %" #m "[a]" FL_OUT                             \
                     : [a] "+q"(a), [f] "=&r"(f) : [fin] "r"(fin) : "cc");                  \
        *fo = f;                                                                            \
        return a;                                                                           \
    }
/* double shift: a = shld/shrd(a, src=b2, count=b) ; b2 is a fixed second source */
#define DSH(name, insn, m)                                                                  \
    static uint32_t name##_x(uint32_t a, uint32_t b, uint32_t src, uint32_t fin,           \
                             uint32_t *fo)                                                  \
    {                                                                                       \
        uint32_t f;                                                                         \
        asm volatile(FL_IN insn " %%cl, %" #m "[s], %" #m "[a]" FL_OUT                      \
                     : [a] "+r"(a), [f] "=&r"(f) : "c"(b), [s] "r"(src), [fin] "r"(fin)     \
                     : "cc");                                                               \
        *fo = f;                                                                            \
        return a;                                                                           \
    }                                                                                       \
    static uint32_t name##_i(uint32_t a, uint32_t src, uint32_t fin, uint32_t *fo)         \
    {                                                                                       \
        uint32_t f;                                                                         \
        asm volatile(FL_IN insn " $5, %" #m "[s], %" #m "[a]" FL_OUT                        \
                     : [a] "+r"(a), [f] "=&r"(f) : [s] "r"(src), [fin] "r"(fin) : "cc");    \
        *fo = f;                                                                            \
        return a;                                                                           \
    }

/* ---- arithmetic / logic ---- */
#define ALU_SIZES(X, op) X(op##8, #op "b", b) X(op##16, #op "w", w) X(op##32, #op "l", k)
#define ALU_OPS(X) X(add) X(adc) X(sub) X(sbb) X(cmp) X(and) X(or) X(xor) X(test)
#define DEF_ALU(op) ALU_SIZES(BIN, op)
ALU_OPS(DEF_ALU)

#define UN_OPS(X) X(inc) X(dec) X(neg) X(not)
#define DEF_UN(op) ALU_SIZES(UN, op)
UN_OPS(DEF_UN)

/* ---- shifts / rotates ---- */
#define SH_OPS(X) X(shl) X(shr) X(sar) X(rol) X(ror) X(rcl) X(rcr)
#define DEF_SH_SIZE(op, sz, m)                                                              \
    SHCL(op##sz##_cl, #op, m) SHIMM(op##sz##_1, #op, m, 1) SHIMM(op##sz##_3, #op, m, 3)     \
    SHIMM(op##sz##_8, #op, m, 8) SHIMM(op##sz##_31, #op, m, 31)
#define DEF_SH(op) DEF_SH_SIZE(op, 8, b) DEF_SH_SIZE(op, 16, w) DEF_SH_SIZE(op, 32, k)
SH_OPS(DEF_SH)

DSH(shld16, "shldw", w)
DSH(shld32, "shldl", k)
DSH(shrd16, "shrdw", w)
DSH(shrd32, "shrdl", k)

/* ---- bit tests (16/32 only) ---- */
BIN(bt16, "btw", w) BIN(bt32, "btl", k)
BIN(bts16, "btsw", w) BIN(bts32, "btsl", k)
BIN(btr16, "btrw", w) BIN(btr32, "btrl", k)
BIN(btc16, "btcw", w) BIN(btc32, "btcl", k)
SHIMM(bt32_i13, "btl", k, 13) SHIMM(bts32_i31, "btsl", k, 31) SHIMM(btr16_i13, "btrw", w, 13)
SHIMM(btc32_i0, "btcl", k, 0)

/* bsf/bsr: dst = scan(b); dst starts as a so "unchanged when src is 0" would be visible, but
 * only the ZF and the result for a non-zero source are defined, so only those are printed. */
BIN(bsf16, "bsfw", w) BIN(bsf32, "bsfl", k)
BIN(bsr16, "bsrw", w) BIN(bsr32, "bsrl", k)

/* ---- multiplies ---- */
/* one-operand mul/imul: edx:eax = eax * b; returns eax, *hi = edx */
#define MUL1(name, insn, m)                                                                 \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t fin, uint32_t *fo, uint32_t *hi) \
    {                                                                                       \
        uint32_t f, d = 0x5555aaaa;                                                         \
        asm volatile(FL_IN insn " %" #m "[b]" FL_OUT                                        \
                     : "+a"(a), "+d"(d), [f] "=&r"(f) : [b] "q"(b), [fin] "r"(fin) : "cc"); \
        *fo = f;                                                                            \
        *hi = d;                                                                            \
        return a;                                                                           \
    }
MUL1(mul8, "mulb", b) MUL1(mul16, "mulw", w) MUL1(mul32, "mull", k)
MUL1(imul8, "imulb", b) MUL1(imul16, "imulw", w) MUL1(imul32, "imull", k)

BIN(imul2_16, "imulw", w) BIN(imul2_32, "imull", k)
#define IMUL3(name, m, imm)                                                                 \
    static uint32_t name(uint32_t a, uint32_t b, uint32_t fin, uint32_t *fo)               \
    {                                                                                       \
        uint32_t f;                                                                         \
        asm volatile(FL_IN "imul $" #imm ", %" #m "[b], %" #m "[a]" FL_OUT                  \
                     : [a] "+r"(a), [f] "=&r"(f) : [b] "r"(b), [fin] "r"(fin) : "cc");      \
        *fo = f;                                                                            \
        return a;                                                                           \
    }
IMUL3(imul3_16_s8, w, -3) IMUL3(imul3_16_i16, w, 0x1234)
IMUL3(imul3_32_s8, k, 127) IMUL3(imul3_32_i32, k, -0x10001) IMUL3(imul3_32_big, k, 0x7fffffff)

/* ===================================================================================== */
/* Drivers                                                                                */
/* ===================================================================================== */

struct binop { const char *name; bin_fn fn; uint32_t mask; };

static void run_binops(const struct binop *ops, unsigned n)
{
    for (unsigned o = 0; o < n; o++)
        for (unsigned i = 0; i < NEDGE; i++)
            for (unsigned j = 0; j < NEDGE; j++)
                for (unsigned k = 0; k < 2; k++) {
                    uint32_t fo, r = ops[o].fn(edge[i], edge[j], flags_in[k], &fo);
                    report(ops[o].name, edge[i], edge[j], flags_in[k], r, fo, ops[o].mask);
                }
}

#define ALU_ENTRY(op, mask) { #op "8", op##8, mask }, { #op "16", op##16, mask }, \
                            { #op "32", op##32, mask },
static const struct binop alu_ops[] = {
    ALU_ENTRY(add, ALL_ARITH) ALU_ENTRY(adc, ALL_ARITH) ALU_ENTRY(sub, ALL_ARITH)
    ALU_ENTRY(sbb, ALL_ARITH) ALU_ENTRY(cmp, ALL_ARITH) ALU_ENTRY(and, LOGIC_DEFINED)
    ALU_ENTRY(or, LOGIC_DEFINED) ALU_ENTRY(xor, LOGIC_DEFINED) ALU_ENTRY(test, LOGIC_DEFINED)
    /* inc/dec leave CF alone (so CF is defined: it is the input CF); not changes no flag */
    ALU_ENTRY(inc, ALL_ARITH) ALU_ENTRY(dec, ALL_ARITH) ALU_ENTRY(neg, ALL_ARITH)
    ALU_ENTRY(not, ALL_ARITH)
    { "imul2_16", imul2_16, CF | OF }, { "imul2_32", imul2_32, CF | OF },
    { "imul3a", imul3_16_s8, CF | OF }, { "imul3b", imul3_16_i16, CF | OF },
    { "imul3c", imul3_32_s8, CF | OF }, { "imul3d", imul3_32_i32, CF | OF },
    { "imul3e", imul3_32_big, CF | OF },
    /* bt*: only CF is defined (ZF is "unaffected" on Intel but not promised everywhere) */
    { "bt16", bt16, CF }, { "bt32", bt32, CF }, { "bts16", bts16, CF }, { "bts32", bts32, CF },
    { "btr16", btr16, CF }, { "btr32", btr32, CF }, { "btc16", btc16, CF }, { "btc32", btc32, CF },
    { "bt32i", bt32_i13, CF }, { "bts32i", bts32_i31, CF }, { "btr16i", btr16_i13, CF },
    { "btc32i", btc32_i0, CF },
};

/* Defined flags of a shift/rotate, from the masked count (SDM pseudo-code). */
enum sh_kind { SH_SHIFT, SH_ROT, SH_RC };
static uint32_t shift_mask(enum sh_kind kind, unsigned bits, uint32_t count)
{
    unsigned c = count & 31;
    if (c == 0)
        return ALL_ARITH;                         /* no flag changes at all */
    uint32_t m = CF | (c == 1 ? OF : 0);
    if (kind == SH_SHIFT) {
        m |= SF | ZF | PF;                        /* AF undefined */
        if (c >= bits)
            m &= ~CF;                             /* CF undefined for count >= width */
    } else {
        m |= SF | ZF | PF | AF;                   /* rotates leave these untouched */
    }
    return m;
}

struct shop {
    const char *name; unsigned bits; enum sh_kind kind;
    bin_fn cl, one, three, eight, thirtyone;
};
#define SH_ENTRY(op, kind) \
    { #op "8", 8, kind, op##8_cl, op##8_1, op##8_3, op##8_8, op##8_31 },       \
    { #op "16", 16, kind, op##16_cl, op##16_1, op##16_3, op##16_8, op##16_31 }, \
    { #op "32", 32, kind, op##32_cl, op##32_1, op##32_3, op##32_8, op##32_31 },
static const struct shop sh_ops[] = {
    SH_ENTRY(shl, SH_SHIFT) SH_ENTRY(shr, SH_SHIFT) SH_ENTRY(sar, SH_SHIFT)
    SH_ENTRY(rol, SH_ROT) SH_ENTRY(ror, SH_ROT) SH_ENTRY(rcl, SH_RC) SH_ENTRY(rcr, SH_RC)
};

static void run_shifts(void)
{
    char name[32];
    for (unsigned o = 0; o < sizeof(sh_ops) / sizeof(sh_ops[0]); o++) {
        const struct shop *s = &sh_ops[o];
        for (unsigned i = 0; i < NEDGE; i++)
            for (unsigned k = 0; k < 2; k++) {
                uint32_t fo, r;
                for (unsigned c = 0; c < NCOUNTS; c++) {
                    r = s->cl(edge[i], counts[c], flags_in[k], &fo);
                    report(s->name, edge[i], counts[c], flags_in[k], r, fo,
                           shift_mask(s->kind, s->bits, counts[c]));
                }
                static const uint32_t imms[] = { 1, 3, 8, 31 };
                bin_fn fns[] = { s->one, s->three, s->eight, s->thirtyone };
                for (unsigned c = 0; c < 4; c++) {
                    snprintf(name, sizeof(name), "%s$%u", s->name, imms[c]);
                    r = fns[c](edge[i], 0, flags_in[k], &fo);
                    report(name, edge[i], imms[c], flags_in[k], r, fo,
                           shift_mask(s->kind, s->bits, imms[c]));
                }
            }
    }
}

static void run_double_shifts(void)
{
    static const uint32_t srcs[] = { 0, 0xffffffff, 0x80000001, 0x12345678 };
    for (unsigned i = 0; i < NEDGE; i++)
        for (unsigned s = 0; s < 4; s++)
            for (unsigned k = 0; k < 2; k++) {
                uint32_t fo, r, fin = flags_in[k];
                for (unsigned c = 0; c < NCOUNTS; c++) {
                    uint32_t cnt = counts[c], mc = cnt & 31;
                    uint32_t m32 = shift_mask(SH_SHIFT, 32, cnt), m16 = shift_mask(SH_SHIFT, 16, cnt);
                    r = shld32_x(edge[i], cnt, srcs[s], fin, &fo);
                    report("shld32", edge[i], srcs[s] ^ cnt, fin, r, fo, m32);
                    r = shrd32_x(edge[i], cnt, srcs[s], fin, &fo);
                    report("shrd32", edge[i], srcs[s] ^ cnt, fin, r, fo, m32);
                    if (mc <= 16) {               /* 16-bit counts above 16: result undefined */
                        if (mc == 16)
                            m16 &= ~CF;           /* and CF is murky right at the width */
                        r = shld16_x(edge[i], cnt, srcs[s], fin, &fo);
                        report("shld16", edge[i], srcs[s] ^ cnt, fin, r, fo, m16);
                        r = shrd16_x(edge[i], cnt, srcs[s], fin, &fo);
                        report("shrd16", edge[i], srcs[s] ^ cnt, fin, r, fo, m16);
                    }
                }
                r = shld32_i(edge[i], srcs[s], fin, &fo);
                report("shld32$5", edge[i], srcs[s], fin, r, fo, shift_mask(SH_SHIFT, 32, 5));
                r = shrd16_i(edge[i], srcs[s], fin, &fo);
                report("shrd16$5", edge[i], srcs[s], fin, r, fo, shift_mask(SH_SHIFT, 16, 5));
                r = shld16_i(edge[i], srcs[s], fin, &fo);
                report("shld16$5", edge[i], srcs[s], fin, r, fo, shift_mask(SH_SHIFT, 16, 5));
                r = shrd32_i(edge[i], srcs[s], fin, &fo);
                report("shrd32$5", edge[i], srcs[s], fin, r, fo, shift_mask(SH_SHIFT, 32, 5));
            }
}

static void run_muls(void)
{
    typedef uint32_t (*mul_fn)(uint32_t, uint32_t, uint32_t, uint32_t *, uint32_t *);
    static const struct { const char *name; mul_fn fn; } muls[] = {
        { "mul8", mul8 }, { "mul16", mul16 }, { "mul32", mul32 },
        { "imul8", imul8 }, { "imul16", imul16 }, { "imul32", imul32 },
    };
    for (unsigned o = 0; o < 6; o++)
        for (unsigned i = 0; i < NEDGE; i++)
            for (unsigned j = 0; j < NEDGE; j++) {
                uint32_t fo, hi, lo = muls[o].fn(edge[i], edge[j], 0x2, &fo, &hi);
                report(muls[o].name, edge[i], edge[j], 0x2, lo, fo, CF | OF);
                printf("        hi %08x\n", hi);
            }
}

static void run_bitscans(void)
{
    static const struct { const char *name; bin_fn fn; } scans[] = {
        { "bsf16", bsf16 }, { "bsf32", bsf32 }, { "bsr16", bsr16 }, { "bsr32", bsr32 },
    };
    for (unsigned o = 0; o < 4; o++)
        for (unsigned j = 0; j < NEDGE; j++)
            for (unsigned k = 0; k < 2; k++) {
                uint32_t fo, src = edge[j];
                uint32_t r = scans[o].fn(0xa5a5a5a5, src, flags_in[k], &fo);
                int is16 = (o % 2) == 0;
                int zero = (is16 ? (src & 0xffff) : src) == 0;
                /* a zero source leaves the destination undefined: print only ZF then */
                report(scans[o].name, 0, src, flags_in[k], zero ? 0 : r, fo, ZF);
            }
}

int main(void)
{
    run_binops(alu_ops, sizeof(alu_ops) / sizeof(alu_ops[0]));
    run_shifts();
    run_double_shifts();
    run_muls();
    run_bitscans();
    printf("checksum %08x\n", checksum);
    return 0;
}
