/*
 * test-softfloat.c - checks fpu/softfloat.c against the host's real x87 and SSE units.
 *
 * Every operation of the softfloat API is paired with the x86_64 instruction it models (inline
 * asm: fldcw sets x87 precision/rounding control, ldmxcsr sets MXCSR rounding, FTZ and DAZ; all
 * exceptions masked; fnstsw / stmxcsr read the flags back). Both run on the same operands under
 * every control setting, and the result bits AND the exception flags must match. Operands: edge
 * values (zeros, denormals, pseudo-denormals, min normal, max, infinities, QNaN/SNaN, x87
 * invalid encodings, values at the 24/53/64-bit rounding boundaries, integers near 2^15/2^31/
 * 2^63) in all pairs, plus a seeded random set (SOFTFLOAT_TEST_COUNT random operands per
 * operation, default 1500; SOFTFLOAT_TEST_SEED changes the seed). One cmocka test per
 * operation; a mismatch prints the operands, the control setting and both results.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cpuid.h>
#include <cmocka.h>

#include "softfloat.h"

#if !defined(__x86_64__)
#error "test-softfloat compares against the host x87/SSE: x86_64 hosts only"
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ======================================================================================
 * Operands, control settings, results
 * ====================================================================================== */

/* One operand: an 80-bit value (x87 ops) or raw bits (binary32/64, integers). */
typedef struct operand {
    floatx80 x;
    uint64_t u;
} operand;

typedef struct control {
    int rc;             /* float_round_* = x87 RC = MXCSR.RC */
    int pc;             /* 32/64/80 (x87 only) */
    bool ftz, daz;      /* SSE only */
} control;

typedef struct result {
    uint64_t v[4];      /* result words (bits of up to two values, relation, quotient...) */
    unsigned flags;     /* float_flag_* = x87 SW / MXCSR bits 0-5 */
} result;

typedef void op_fn(const operand *a, const operand *b, const control *c, result *r);

/* ======================================================================================
 * Host x87
 * ====================================================================================== */

static uint16_t x87_cw(const control *c)
{
    int pc_field = c->pc == 32 ? 0 : c->pc == 64 ? 2 : 3;
    return 0x7f | pc_field << 8 | c->rc << 10;     /* all exceptions masked */
}

static float_status x87_status(const control *c)
{
    return (float_status){ .rounding_mode = c->rc, .floatx80_precision = c->pc,
                           .nan_rule = nan_rule_x87 };
}

/*
 * Save the caller's control word, reset the status word, run `code`, read the status word back.
 * fninit rather than fnclex: a masked invalid FPREM leaves C0-C3 alone, so stale condition codes
 * from the previous case would otherwise leak into the quotient bits.
 */
#define X87(code, ...) \
    do { \
        uint16_t cw_ = x87_cw(c), saved_cw_; \
        __asm__ volatile("fnstcw %[saved]\n\tfninit\n\tfldcw %[cw]\n\t" code \
                         "\n\tfnstsw %[sw]\n\tfldcw %[saved]" \
                         : [saved] "=m"(saved_cw_), [sw] "=m"(sw) __VA_ARGS__ \
                         : [cw] "m"(cw_), [a] "m"(*a), [b] "m"(*b) : "memory"); \
    } while (0)

static void put_x80(result *r, int i, floatx80 x) { r->v[i] = x.mant; r->v[i + 1] = x.sexp; }

/* x87 arithmetic: ST0 = a, ST1 = b; "op %st(1), %st" computes a op b. */
#define DEF_X87_BIN(name, insn, soft) \
static void hw_##name(const operand *op_a, const operand *op_b, const control *c, result *r) \
{ \
    const floatx80 *a = &op_a->x, *b = &op_b->x; \
    floatx80 out = { 0, 0 }; \
    uint16_t sw; \
    X87("fldt %[b]\n\tfldt %[a]\n\t" insn "\n\tfstpt %[out]\n\tfstp %%st(0)", , [out] "=m"(out)); \
    put_x80(r, 0, out); \
    r->flags = sw & 0x3f; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = x87_status(c); \
    put_x80(r, 0, soft(a->x, b->x, &s)); \
    r->flags = s.flags; \
}
DEF_X87_BIN(fadd, "fadd %%st(1), %%st", floatx80_add)
DEF_X87_BIN(fsub, "fsub %%st(1), %%st", floatx80_sub)
DEF_X87_BIN(fmul, "fmul %%st(1), %%st", floatx80_mul)
DEF_X87_BIN(fdiv, "fdiv %%st(1), %%st", floatx80_div)
DEF_X87_BIN(fscale, "fscale", floatx80_scale)

#define DEF_X87_UN(name, insn, soft) \
static void hw_##name(const operand *op_a, const operand *op_b, const control *c, result *r) \
{ \
    const floatx80 *a = &op_a->x, *b = &op_b->x; \
    floatx80 out = { 0, 0 }; \
    uint16_t sw; \
    X87("fldt %[a]\n\t" insn "\n\tfstpt %[out]", , [out] "=m"(out)); \
    put_x80(r, 0, out); \
    r->flags = sw & 0x3f; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = x87_status(c); \
    put_x80(r, 0, soft(a->x, &s)); \
    r->flags = s.flags; \
}
DEF_X87_UN(fsqrt, "fsqrt", floatx80_sqrt)
DEF_X87_UN(frndint, "frndint", floatx80_round_to_int)

/* FPREM/FPREM1: remainder, C2 (incomplete) and, when complete, the quotient bits C0 C3 C1. */
static uint64_t quotient_bits_of(uint16_t sw)
{
    return (uint64_t)((sw >> 8 & 1) << 2 | (sw >> 14 & 1) << 1 | (sw >> 9 & 1));
}
#define DEF_X87_REM(name, insn, ieee) \
static void hw_##name(const operand *op_a, const operand *op_b, const control *c, result *r) \
{ \
    const floatx80 *a = &op_a->x, *b = &op_b->x; \
    floatx80 out = { 0, 0 }; \
    uint16_t sw, cc; \
    X87("fldt %[b]\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[cc]\n\tfstpt %[out]\n\tfstp %%st(0)", \
        , [out] "=m"(out), [cc] "=m"(cc)); \
    put_x80(r, 0, out); \
    r->v[2] = cc >> 10 & 1; \
    r->v[3] = r->v[2] ? 0 : quotient_bits_of(cc); \
    r->flags = sw & 0x3f; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = x87_status(c); \
    uint64_t q; \
    bool incomplete; \
    put_x80(r, 0, floatx80_rem(a->x, b->x, ieee, &q, &incomplete, &s)); \
    r->v[2] = incomplete; \
    r->v[3] = incomplete ? 0 : (q & 7); \
    r->flags = s.flags; \
}
DEF_X87_REM(fprem, "fprem", false)
DEF_X87_REM(fprem1, "fprem1", true)

static void hw_fxtract(const operand *op_a, const operand *op_b, const control *c, result *r)
{
    const floatx80 *a = &op_a->x, *b = &op_b->x;
    floatx80 sig = { 0, 0 }, ex = { 0, 0 };
    uint16_t sw;
    X87("fldt %[a]\n\tfxtract\n\tfstpt %[sig]\n\tfstpt %[ex]", , [sig] "=m"(sig), [ex] "=m"(ex));
    put_x80(r, 0, ex);
    put_x80(r, 2, sig);
    r->flags = sw & 0x3f;
}
static void sf_fxtract(const operand *a, const operand *b, const control *c, result *r)
{
    float_status s = x87_status(c);
    floatx80 ex, sig;
    floatx80_xtract(a->x, &ex, &sig, &s);
    put_x80(r, 0, ex);
    put_x80(r, 2, sig);
    r->flags = s.flags;
}

/* FCOM/FUCOM: C3 C2 C0 = 000 greater, 001 less, 100 equal, 111 unordered. */
static uint64_t relation_of_sw(uint16_t sw)
{
    int c0 = sw >> 8 & 1, c2 = sw >> 10 & 1, c3 = sw >> 14 & 1;
    if (c2) {
        return (uint64_t)float_relation_unordered;
    }
    return (uint64_t)(int64_t)(c3 ? float_relation_equal : c0 ? float_relation_less : float_relation_greater);
}
#define DEF_X87_CMP(name, insn, quiet) \
static void hw_##name(const operand *op_a, const operand *op_b, const control *c, result *r) \
{ \
    const floatx80 *a = &op_a->x, *b = &op_b->x; \
    uint16_t sw, cc; \
    X87("fldt %[b]\n\tfldt %[a]\n\t" insn " %%st(1)\n\tfnstsw %[cc]\n\tfstp %%st(0)\n\tfstp %%st(0)", \
        , [cc] "=m"(cc)); \
    r->v[0] = relation_of_sw(cc); \
    r->flags = sw & 0x3f; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = x87_status(c); \
    r->v[0] = (uint64_t)(int64_t)floatx80_compare(a->x, b->x, quiet, &s); \
    r->flags = s.flags; \
}
DEF_X87_CMP(fcom, "fcom", false)
DEF_X87_CMP(fucom, "fucom", true)

/* Stores of ST0 to memory: FST m32/m64, FIST(P) m16/m32/m64, FISTTP. */
#define DEF_X87_STORE(name, insn, T, soft) \
static void hw_##name(const operand *op_a, const operand *op_b, const control *c, result *r) \
{ \
    const floatx80 *a = &op_a->x, *b = &op_b->x; \
    T out = 0; \
    uint16_t sw; \
    X87("fldt %[a]\n\t" insn " %[out]", , [out] "=m"(out)); \
    r->v[0] = (uint64_t)out; \
    r->flags = sw & 0x3f; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = x87_status(c); \
    r->v[0] = (uint64_t)(T)soft(a->x, &s); \
    r->flags = s.flags; \
}
DEF_X87_STORE(fst_m32, "fstps", uint32_t, floatx80_to_float32)
DEF_X87_STORE(fst_m64, "fstpl", uint64_t, floatx80_to_float64)
DEF_X87_STORE(fist_m16, "fistps", uint16_t, floatx80_to_int16)
DEF_X87_STORE(fist_m32, "fistpl", uint32_t, floatx80_to_int32)
DEF_X87_STORE(fist_m64, "fistpll", uint64_t, floatx80_to_int64)
DEF_X87_STORE(fisttp_m16, "fisttps", uint16_t, floatx80_to_int16_round_to_zero)
DEF_X87_STORE(fisttp_m32, "fisttpl", uint32_t, floatx80_to_int32_round_to_zero)
DEF_X87_STORE(fisttp_m64, "fisttpll", uint64_t, floatx80_to_int64_round_to_zero)

/* Loads into ST0 from memory: FLD m32/m64, FILD m32/m64 (operand bits in a->u). */
#define DEF_X87_LOAD(name, insn, T, soft_call) \
static void hw_##name(const operand *op_a, const operand *op_b, const control *c, result *r) \
{ \
    const T *a = (const T *)&op_a->u, *b = a; \
    floatx80 out = { 0, 0 }; \
    uint16_t sw; \
    X87(insn " %[a]\n\tfstpt %[out]", , [out] "=m"(out)); \
    put_x80(r, 0, out); \
    r->flags = sw & 0x3f; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = x87_status(c); \
    T v = (T)a->u; \
    put_x80(r, 0, soft_call); \
    r->flags = s.flags; \
}
DEF_X87_LOAD(fld_m32, "flds", uint32_t, float32_to_floatx80(v, &s))
DEF_X87_LOAD(fld_m64, "fldl", uint64_t, float64_to_floatx80(v, &s))
DEF_X87_LOAD(fild_m32, "fildl", int32_t, int32_to_floatx80(v))
DEF_X87_LOAD(fild_m64, "fildll", int64_t, int64_to_floatx80(v))

/* ======================================================================================
 * Host SSE
 * ====================================================================================== */

static uint32_t mxcsr_of(const control *c)
{
    return 0x1f80 | c->rc << 13 | (c->ftz ? 0x8000 : 0) | (c->daz ? 0x40 : 0);
}

static float_status sse_status(const control *c)
{
    return (float_status){ .rounding_mode = c->rc, .floatx80_precision = 80,
                           .nan_rule = nan_rule_sse, .flush_to_zero = c->ftz,
                           .denormals_are_zero = c->daz };
}

/* Load MXCSR, run `code` with the given operands, read the flags back, restore MXCSR. */
#define SSE(code, outs, ins) \
    do { \
        uint32_t m_ = mxcsr_of(c), saved_; \
        __asm__ volatile("stmxcsr %[saved]\n\tldmxcsr %[m]\n\t" code \
                         "\n\tstmxcsr %[m]\n\tldmxcsr %[saved]" \
                         : [saved] "=m"(saved_), [m] "+m"(m_) outs : ins : "memory"); \
        r->flags = m_ & 0x3f; \
    } while (0)
#define COMMA ,

/* Scalar binary op, "insn %src, %dst": dst = a op b, so a is the first source operand. */
#define DEF_SSE_BIN(name, insn, FT, UT, soft) \
static void hw_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    FT x, y; \
    UT ua = (UT)a->u, ub = (UT)b->u; \
    memcpy(&x, &ua, sizeof x); \
    memcpy(&y, &ub, sizeof y); \
    SSE(insn " %[y], %[x]", COMMA [x] "+x"(x), [y] "x"(y)); \
    memcpy(&ua, &x, sizeof ua); \
    r->v[0] = ua; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = sse_status(c); \
    r->v[0] = soft((UT)a->u, (UT)b->u, &s); \
    r->flags = s.flags; \
}
DEF_SSE_BIN(addss, "addss", float, uint32_t, float32_add)
DEF_SSE_BIN(subss, "subss", float, uint32_t, float32_sub)
DEF_SSE_BIN(mulss, "mulss", float, uint32_t, float32_mul)
DEF_SSE_BIN(divss, "divss", float, uint32_t, float32_div)
DEF_SSE_BIN(minss, "minss", float, uint32_t, float32_min_x86)
DEF_SSE_BIN(maxss, "maxss", float, uint32_t, float32_max_x86)
DEF_SSE_BIN(addsd, "addsd", double, uint64_t, float64_add)
DEF_SSE_BIN(subsd, "subsd", double, uint64_t, float64_sub)
DEF_SSE_BIN(mulsd, "mulsd", double, uint64_t, float64_mul)
DEF_SSE_BIN(divsd, "divsd", double, uint64_t, float64_div)
DEF_SSE_BIN(minsd, "minsd", double, uint64_t, float64_min_x86)
DEF_SSE_BIN(maxsd, "maxsd", double, uint64_t, float64_max_x86)

/* One-operand ops and conversions, "insn %src, %dst" with source type ST, result type DT. */
#define DEF_SSE_UN(name, insn, ST, SU, DT, DU, cons_in, cons_out, soft_call) \
static void hw_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    ST x; \
    DT y = 0; \
    SU ua = (SU)a->u; \
    DU uy; \
    memcpy(&x, &ua, sizeof x); \
    SSE(insn " %[x], %[y]", COMMA [y] cons_out(y), [x] cons_in(x)); \
    memcpy(&uy, &y, sizeof uy); \
    r->v[0] = (uint64_t)uy; \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = sse_status(c); \
    SU v = (SU)a->u; \
    r->v[0] = (uint64_t)(DU)(soft_call); \
    r->flags = s.flags; \
}
#define XIN "x"
#define XOUT "+x"
#define RIN "r"
#define ROUT "=r"
DEF_SSE_UN(sqrtss, "sqrtss", float, uint32_t, float, uint32_t, XIN, XOUT, float32_sqrt(v, &s))
DEF_SSE_UN(sqrtsd, "sqrtsd", double, uint64_t, double, uint64_t, XIN, XOUT, float64_sqrt(v, &s))
DEF_SSE_UN(roundss, "roundss $4,", float, uint32_t, float, uint32_t, XIN, XOUT, float32_round_to_int(v, &s))
DEF_SSE_UN(roundsd, "roundsd $4,", double, uint64_t, double, uint64_t, XIN, XOUT, float64_round_to_int(v, &s))
DEF_SSE_UN(cvtss2sd, "cvtss2sd", float, uint32_t, double, uint64_t, XIN, XOUT, float32_to_float64(v, &s))
DEF_SSE_UN(cvtsd2ss, "cvtsd2ss", double, uint64_t, float, uint32_t, XIN, XOUT, float64_to_float32(v, &s))
DEF_SSE_UN(cvtsi2sd, "cvtsi2sdl", int32_t, uint32_t, double, uint64_t, RIN, XOUT, int32_to_float64((int32_t)v, &s))
DEF_SSE_UN(cvtsi2ss, "cvtsi2ssl", int32_t, uint32_t, float, uint32_t, RIN, XOUT, int32_to_float32((int32_t)v, &s))
DEF_SSE_UN(cvtsi2sdq, "cvtsi2sdq", int64_t, uint64_t, double, uint64_t, RIN, XOUT, int64_to_float64((int64_t)v, &s))
DEF_SSE_UN(cvtsi2ssq, "cvtsi2ssq", int64_t, uint64_t, float, uint32_t, RIN, XOUT, int64_to_float32((int64_t)v, &s))
DEF_SSE_UN(cvtsd2si, "cvtsd2si", double, uint64_t, int32_t, uint32_t, XIN, ROUT, float64_to_int32(v, &s))
DEF_SSE_UN(cvttsd2si, "cvttsd2si", double, uint64_t, int32_t, uint32_t, XIN, ROUT, float64_to_int32_round_to_zero(v, &s))
DEF_SSE_UN(cvtss2si, "cvtss2si", float, uint32_t, int32_t, uint32_t, XIN, ROUT, float32_to_int32(v, &s))
DEF_SSE_UN(cvttss2si, "cvttss2si", float, uint32_t, int32_t, uint32_t, XIN, ROUT, float32_to_int32_round_to_zero(v, &s))
DEF_SSE_UN(cvtsd2siq, "cvtsd2si", double, uint64_t, int64_t, uint64_t, XIN, ROUT, float64_to_int64(v, &s))
DEF_SSE_UN(cvttsd2siq, "cvttsd2si", double, uint64_t, int64_t, uint64_t, XIN, ROUT, float64_to_int64_round_to_zero(v, &s))

/* COMISS/UCOMISS a, b: ZF PF CF = 111 unordered, 000 greater, 001 less, 100 equal. */
#define DEF_SSE_CMP(name, insn, FT, UT, soft, quiet) \
static void hw_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    FT x, y; \
    UT ua = (UT)a->u, ub = (UT)b->u; \
    uint8_t zf, pf, cf; \
    memcpy(&x, &ua, sizeof x); \
    memcpy(&y, &ub, sizeof y); \
    SSE(insn " %[y], %[x]\n\tsetz %[zf]\n\tsetp %[pf]\n\tsetc %[cf]", \
        COMMA [zf] "=q"(zf) COMMA [pf] "=q"(pf) COMMA [cf] "=q"(cf), [x] "x"(x) COMMA [y] "x"(y)); \
    r->v[0] = pf ? (uint64_t)float_relation_unordered \
                 : (uint64_t)(int64_t)(zf ? float_relation_equal : cf ? float_relation_less : float_relation_greater); \
} \
static void sf_##name(const operand *a, const operand *b, const control *c, result *r) \
{ \
    float_status s = sse_status(c); \
    r->v[0] = (uint64_t)(int64_t)soft((UT)a->u, (UT)b->u, quiet, &s); \
    r->flags = s.flags; \
}
DEF_SSE_CMP(comiss, "comiss", float, uint32_t, float32_compare, false)
DEF_SSE_CMP(ucomiss, "ucomiss", float, uint32_t, float32_compare, true)
DEF_SSE_CMP(comisd, "comisd", double, uint64_t, float64_compare, false)
DEF_SSE_CMP(ucomisd, "ucomisd", double, uint64_t, float64_compare, true)

/* ======================================================================================
 * Operand sets
 * ====================================================================================== */

#define X80(se, m) { .x = { (m), (se) } }
/* Positive values; each is also tested negated. */
static const operand x80_edges[] = {
    X80(0, 0), X80(0, 1), X80(0, 0x7fffffffffffffffull), X80(0, 0x4000000000000000ull),
    X80(0, 0x8000000000000000ull), X80(0, 0xc000000000000001ull),       /* pseudo-denormals */
    X80(1, 0x8000000000000000ull), X80(1, 0xffffffffffffffffull), X80(2, 0x8000000000000001ull),
    X80(0x3fff, 0x8000000000000000ull), X80(0x3fff, 0x8000000000000001ull),
    X80(0x3fff, 0xc000000000000000ull), X80(0x3fff, 0xffffffffffffffffull),
    X80(0x3fff, 0x8000000000000400ull), X80(0x3fff, 0x8000000000000c00ull),   /* 53-bit ties */
    X80(0x3fff, 0x8000008000000000ull), X80(0x3fff, 0x8000018000000000ull),   /* 24-bit ties */
    X80(0x3fff, 0xfffffffffffff800ull), X80(0x3fff, 0xffffff8000000000ull),
    X80(0x3ffe, 0x8000000000000000ull), X80(0x3ffd, 0xc000000000000000ull),   /* 0.5, 0.375 */
    X80(0x4000, 0xa000000000000000ull), X80(0x4000, 0xc000000000000000ull),   /* 2.5, 3 */
    X80(0x400d, 0xfffe000000000000ull), X80(0x400e, 0x8000000000000000ull),   /* 32767, 32768 */
    X80(0x400d, 0xffff000000000000ull),                                       /* 32767.5 */
    X80(0x401d, 0xfffffffe00000000ull), X80(0x401d, 0xffffffff00000000ull),   /* 2^31-1, -0.5 */
    X80(0x401e, 0x8000000000000000ull), X80(0x401e, 0x8000000100000000ull),   /* 2^31, +1 */
    X80(0x403d, 0xffffffffffffffffull), X80(0x403e, 0x8000000000000000ull),   /* 2^63-1, 2^63 */
    X80(0x403e, 0xffffffffffffffffull), X80(0x403f, 0x8000000000000000ull),
    X80(0x3f81, 0x8000000000000000ull), X80(0x3f80, 0xffffff8000000000ull),   /* f32 min normal */
    X80(0x3f6a, 0x8000000000000000ull), X80(0x3f69, 0xc000000000000000ull),   /* f32 denormals */
    X80(0x407e, 0xffffff0000000000ull), X80(0x407e, 0xffffff8000000000ull),   /* f32 max */
    X80(0x3c01, 0x8000000000000000ull), X80(0x3c00, 0xfffffffffffff800ull),   /* f64 min normal */
    X80(0x3bcd, 0x8000000000000000ull), X80(0x3bcc, 0xc000000000000000ull),   /* f64 denormals */
    X80(0x43fe, 0xfffffffffffff800ull), X80(0x43fe, 0xfffffffffffffc00ull),   /* f64 max */
    X80(0x7ffe, 0xffffffffffffffffull), X80(0x7ffe, 0x8000000000000000ull),   /* floatx80 max */
    X80(0x7fff, 0x8000000000000000ull),                                       /* infinity */
    X80(0x7fff, 0xc000000000000000ull), X80(0x7fff, 0xc000000000001234ull),   /* QNaNs */
    X80(0x7fff, 0xa000000000000000ull), X80(0x7fff, 0x8000000000000001ull),   /* SNaNs */
    X80(0x7fff, 0x0000000000000000ull), X80(0x7fff, 0x4000000000000000ull),   /* pseudo-inf/NaN */
    X80(0x3fff, 0x4000000000000000ull), X80(0x0001, 0x0000000000000000ull),   /* unnormals */
};

static const uint64_t f64_edges[] = {
    0, 1, 0x000fffffffffffffull, 0x0008000000000000ull, 0x0010000000000000ull,
    0x0010000000000001ull, 0x001fffffffffffffull, 0x0020000000000000ull,
    0x3ff0000000000000ull, 0x3ff0000000000001ull, 0x3fffffffffffffffull, 0x3ff8000000000000ull,
    0x3fe0000000000000ull, 0x3fe0000000000001ull, 0x4004000000000000ull, 0x4008000000000000ull,
    0x3ca0000000000000ull, 0x3c90000000000000ull, 0x36a0000000000000ull, 0x3690000000000000ull,
    0x380fffffffffffffull, 0x3810000000000000ull, 0x47efffffe0000000ull, 0x47efffffffffffffull,
    0x41dfffffffc00000ull, 0x41dfffffffe00000ull, 0x41e0000000000000ull, 0x41e0000000100000ull,
    0x43dfffffffffffffull, 0x43e0000000000000ull, 0x40dfffc000000000ull, 0x40e0000000000000ull,
    0x7fefffffffffffffull, 0x7fe0000000000000ull, 0x7ff0000000000000ull,
    0x7ff8000000000000ull, 0x7ff8000000001234ull, 0x7ff0000000000001ull, 0x7ff4000000000000ull,
};

static const uint32_t f32_edges[] = {
    0, 1, 0x007fffff, 0x00400000, 0x00800000, 0x00800001, 0x00ffffff, 0x01000000,
    0x3f800000, 0x3f800001, 0x3fffffff, 0x3fc00000, 0x3f000000, 0x3f000001, 0x40200000,
    0x40400000, 0x33800000, 0x33000000, 0x7f7fffff, 0x7f000000, 0x4effffff, 0x4f000000,
    0x46fffe00, 0x47000000, 0x5effffff, 0x5f000000, 0x7f800000,
    0x7fc00000, 0x7fc01234, 0x7f800001, 0x7fa00000,
};

static const uint64_t int_edges[] = {
    0, 1, 2, 3, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x1000001,
    0xffffff, 0x20000000000001ull, 0x1fffffffffffffull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0x7ffffffffffffc00ull, 0x7ffffffffffffe00ull, 0x123456789abcdefull,
};

/* xorshift64*: seeded, reproducible */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

/* A significand with a random run of ones or zeros at the bottom: rounding boundaries. */
static uint64_t rnd_sig(void)
{
    uint64_t m = rnd();
    int k = (int)(rnd() % 64), kind = (int)(rnd() % 4);
    if (kind == 1) {
        m |= (1ull << k) - 1;
    } else if (kind == 2) {
        m &= ~((1ull << k) - 1);
    }
    return m;
}

/* A random exponent: anywhere, near the bias, near the bottom or near the top of the range. */
static int rnd_exp(int bias, int emax_field)
{
    switch (rnd() % 5) {
    case 0:
        return (int)(rnd() % (emax_field + 1));
    case 1:
    case 2:
        return bias - 70 + (int)(rnd() % 141);
    case 3:
        return (int)(rnd() % 70);
    default:
        return emax_field - (int)(rnd() % 70);
    }
}

static operand rnd_x80(void)
{
    operand o = { { 0, 0 }, 0 };
    int e = rnd_exp(16383, 0x7fff);
    uint64_t m = rnd_sig();
    int shape = (int)(rnd() % 64);
    if (e != 0 && shape != 0) {
        m |= 1ull << 63;                        /* else an unnormal (1 in 64) */
    } else if (e == 0 && shape > 2) {
        m &= ~(1ull << 63);                     /* a denormal, rarely a pseudo-denormal */
    }
    o.x.mant = m;
    o.x.sexp = (uint16_t)(e | (rnd() & 1) << 15);
    return o;
}

static operand rnd_f64(void)
{
    operand o = { { 0, 0 }, 0 };
    o.u = (rnd() & 1) << 63 | (uint64_t)rnd_exp(1023, 0x7ff) << 52 | (rnd_sig() >> 12);
    return o;
}

static operand rnd_f32(void)
{
    operand o = { { 0, 0 }, 0 };
    o.u = (uint32_t)((rnd() & 1) << 31 | (uint64_t)rnd_exp(127, 0xff) << 23 | (rnd_sig() >> 41));
    return o;
}

static operand rnd_int(void)
{
    operand o = { { 0, 0 }, 0 };
    int bits = 1 + (int)(rnd() % 64);
    o.u = rnd() >> (64 - bits);
    if (rnd() & 1) {
        o.u = 0 - o.u;
    }
    return o;
}

typedef enum { VAL_X80, VAL_F64, VAL_F32, VAL_INT } value_kind;

/* The edge list of a kind, both signs: at most this many. */
#define MAX_EDGES 160
static size_t edges_of(value_kind k, operand *out)
{
    size_t n = 0;
    switch (k) {
    case VAL_X80:
        for (size_t i = 0; i < ARRAY_LEN(x80_edges); i++) {
            out[n++] = x80_edges[i];
            out[n] = x80_edges[i];
            out[n++].x.sexp ^= 0x8000;
        }
        break;
    case VAL_F64:
        for (size_t i = 0; i < ARRAY_LEN(f64_edges); i++) {
            out[n++].u = f64_edges[i];
            out[n++].u = f64_edges[i] ^ (1ull << 63);
        }
        break;
    case VAL_F32:
        for (size_t i = 0; i < ARRAY_LEN(f32_edges); i++) {
            out[n++].u = f32_edges[i];
            out[n++].u = f32_edges[i] ^ 0x80000000u;
        }
        break;
    case VAL_INT:
        for (size_t i = 0; i < ARRAY_LEN(int_edges); i++) {
            out[n++].u = int_edges[i];
            out[n++].u = 0 - int_edges[i];
        }
        break;
    }
    return n;
}

static operand rnd_value(value_kind k)
{
    switch (k) {
    case VAL_X80: return rnd_x80();
    case VAL_F64: return rnd_f64();
    case VAL_F32: return rnd_f32();
    default: return rnd_int();
    }
}

/* ======================================================================================
 * The operation table and the driver
 * ====================================================================================== */

typedef enum { UNIT_X87, UNIT_SSE } fp_unit;

/* X(name, unit, operand count, operand kind) */
#define OPS(X) \
    X(fadd, UNIT_X87, 2, VAL_X80) X(fsub, UNIT_X87, 2, VAL_X80) X(fmul, UNIT_X87, 2, VAL_X80) \
    X(fdiv, UNIT_X87, 2, VAL_X80) X(fsqrt, UNIT_X87, 1, VAL_X80) X(fcom, UNIT_X87, 2, VAL_X80) \
    X(fucom, UNIT_X87, 2, VAL_X80) X(fld_m32, UNIT_X87, 1, VAL_F32) X(fld_m64, UNIT_X87, 1, VAL_F64) \
    X(fild_m32, UNIT_X87, 1, VAL_INT) X(fild_m64, UNIT_X87, 1, VAL_INT) \
    X(fst_m32, UNIT_X87, 1, VAL_X80) X(fst_m64, UNIT_X87, 1, VAL_X80) \
    X(fist_m16, UNIT_X87, 1, VAL_X80) X(fist_m32, UNIT_X87, 1, VAL_X80) X(fist_m64, UNIT_X87, 1, VAL_X80) \
    X(fisttp_m16, UNIT_X87, 1, VAL_X80) X(fisttp_m32, UNIT_X87, 1, VAL_X80) \
    X(fisttp_m64, UNIT_X87, 1, VAL_X80) X(frndint, UNIT_X87, 1, VAL_X80) \
    X(fprem, UNIT_X87, 2, VAL_X80) X(fprem1, UNIT_X87, 2, VAL_X80) X(fscale, UNIT_X87, 2, VAL_X80) \
    X(fxtract, UNIT_X87, 1, VAL_X80) \
    X(addsd, UNIT_SSE, 2, VAL_F64) X(subsd, UNIT_SSE, 2, VAL_F64) X(mulsd, UNIT_SSE, 2, VAL_F64) \
    X(divsd, UNIT_SSE, 2, VAL_F64) X(sqrtsd, UNIT_SSE, 1, VAL_F64) X(comisd, UNIT_SSE, 2, VAL_F64) \
    X(ucomisd, UNIT_SSE, 2, VAL_F64) X(minsd, UNIT_SSE, 2, VAL_F64) X(maxsd, UNIT_SSE, 2, VAL_F64) \
    X(roundsd, UNIT_SSE, 1, VAL_F64) \
    X(addss, UNIT_SSE, 2, VAL_F32) X(subss, UNIT_SSE, 2, VAL_F32) X(mulss, UNIT_SSE, 2, VAL_F32) \
    X(divss, UNIT_SSE, 2, VAL_F32) X(sqrtss, UNIT_SSE, 1, VAL_F32) X(comiss, UNIT_SSE, 2, VAL_F32) \
    X(ucomiss, UNIT_SSE, 2, VAL_F32) X(minss, UNIT_SSE, 2, VAL_F32) X(maxss, UNIT_SSE, 2, VAL_F32) \
    X(roundss, UNIT_SSE, 1, VAL_F32) \
    X(cvtss2sd, UNIT_SSE, 1, VAL_F32) X(cvtsd2ss, UNIT_SSE, 1, VAL_F64) \
    X(cvtsi2sd, UNIT_SSE, 1, VAL_INT) X(cvtsi2ss, UNIT_SSE, 1, VAL_INT) \
    X(cvtsi2sdq, UNIT_SSE, 1, VAL_INT) X(cvtsi2ssq, UNIT_SSE, 1, VAL_INT) \
    X(cvtsd2si, UNIT_SSE, 1, VAL_F64) X(cvttsd2si, UNIT_SSE, 1, VAL_F64) \
    X(cvtss2si, UNIT_SSE, 1, VAL_F32) X(cvttss2si, UNIT_SSE, 1, VAL_F32) \
    X(cvtsd2siq, UNIT_SSE, 1, VAL_F64) X(cvttsd2siq, UNIT_SSE, 1, VAL_F64)

typedef struct op_desc {
    const char *name;
    fp_unit unit;
    int nargs;
    value_kind kind;
    op_fn *hw, *soft;
} op_desc;

#define OP_ENTRY(n, unit, nargs, kind) { #n, unit, nargs, kind, hw_##n, sf_##n },
static const op_desc ops[] = { OPS(OP_ENTRY) };

static size_t random_count = 1500;
#define MAX_REPORTS 12

typedef struct run_state {
    const op_desc *op;
    unsigned long cases, mismatches;
} run_state;

static void print_operand(const op_desc *op, const operand *o)
{
    if (op->kind == VAL_X80) {
        printf("%04x:%016llx", o->x.sexp, (unsigned long long)o->x.mant);
    } else {
        printf("%llx", (unsigned long long)o->u);
    }
}

static void print_result(const result *r)
{
    printf("[%llx %llx %llx %llx] flags %02x", (unsigned long long)r->v[0], (unsigned long long)r->v[1],
           (unsigned long long)r->v[2], (unsigned long long)r->v[3], r->flags);
}

static void check_one(run_state *st, const operand *a, const operand *b, const control *c)
{
    result hw = { { 0, 0, 0, 0 }, 0 }, soft = { { 0, 0, 0, 0 }, 0 };
    st->op->hw(a, b, c, &hw);
    st->op->soft(a, b, c, &soft);
    st->cases++;
    if (!memcmp(hw.v, soft.v, sizeof hw.v) && hw.flags == soft.flags) {
        return;
    }
    if (st->mismatches++ < MAX_REPORTS) {
        printf("  %s(", st->op->name);
        print_operand(st->op, a);
        if (st->op->nargs == 2) {
            printf(", ");
            print_operand(st->op, b);
        }
        printf(") rc=%d pc=%d ftz=%d daz=%d\n    host     ", c->rc, c->pc, c->ftz, c->daz);
        print_result(&hw);
        printf("\n    softfloat ");
        print_result(&soft);
        printf("\n");
    }
}

/* The control settings an operation runs under: RC x PC for the x87, RC x FTZ x DAZ for SSE. */
static size_t controls_of(fp_unit unit, control *out)
{
    size_t n = 0;
    for (int rc = 0; rc < 4; rc++) {
        for (int v = 0; v < (unit == UNIT_X87 ? 3 : 4); v++) {
            if (unit == UNIT_X87) {
                out[n++] = (control){ .rc = rc, .pc = v == 0 ? 32 : v == 1 ? 64 : 80 };
            } else {
                out[n++] = (control){ .rc = rc, .pc = 80, .ftz = v & 1, .daz = v >> 1 };
            }
        }
    }
    return n;
}

static void run_op(void **state)
{
    const op_desc *op = *state;
    run_state st = { op, 0, 0 };
    operand edges[MAX_EDGES];
    control controls[16];
    size_t ne = edges_of(op->kind, edges), nc = controls_of(op->unit, controls);
    if (op->name[0] == 'r' && op->name[1] == 'o') {      /* roundss/roundsd: SSE4.1 */
        unsigned a, b, c, d;
        if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1)) {
            skip();
        }
    }
    for (size_t ci = 0; ci < nc; ci++) {
        for (size_t i = 0; i < ne; i++) {
            for (size_t j = 0; j < (op->nargs == 2 ? ne : 1); j++) {
                check_one(&st, &edges[i], &edges[j], &controls[ci]);
            }
        }
    }
    for (size_t k = 0; k < random_count; k++) {
        operand a = rnd_value(op->kind), b = rnd_value(op->kind);
        for (size_t ci = 0; ci < nc; ci++) {
            check_one(&st, &a, &b, &controls[ci]);
        }
    }
    printf("  %-10s %lu cases, %lu mismatches\n", op->name, st.cases, st.mismatches);
    assert_int_equal(st.mismatches, 0);
}

int main(void)
{
    const char *count = getenv("SOFTFLOAT_TEST_COUNT"), *seed = getenv("SOFTFLOAT_TEST_SEED");
    if (count) {
        random_count = strtoull(count, NULL, 0);
    }
    rng_state = seed ? strtoull(seed, NULL, 0) | 1 : 0x9e3779b97f4a7c15ull;
    printf("test-softfloat: %zu random operands per operation, seed %#llx\n", random_count,
           (unsigned long long)rng_state);
    struct CMUnitTest tests[ARRAY_LEN(ops)];
    for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
        tests[i] = (struct CMUnitTest){ ops[i].name, run_op, NULL, NULL, (void *)&ops[i] };
    }
    return _cmocka_run_group_tests("softfloat", tests, ARRAY_LEN(ops), NULL, NULL);
}
