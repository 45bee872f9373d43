/*
 * sse_helper.c - MMX, SSE, SSE2, SSE3 and SSSE3 helpers: the lane arithmetic behind
 * translate-sse.c.inc.
 *
 * Every vector helper works on (env, d, s[, imm]) where d and s point at guest registers in env
 * (env->xmm_regs[i], the MMX alias env->fpregs[i].mant) or at the scratch operands
 * env->xmm_t0 / env->mmx_t0 the translator loads memory sources into. The _mmx variant of an
 * integer operation works on 8 bytes, the _xmm variant on 16; both share one body.
 *
 * A helper computes its result into a local copy first and writes the destination last: an
 * unmasked SIMD floating-point exception (#XM) must leave the destination unchanged. Float
 * helpers run on env->sse_status (rounding, FTZ, DAZ from MXCSR; nan_rule_sse), collect the
 * exception flags of the instruction, OR them into MXCSR and raise #XM when one is unmasked.
 */
#include <stdlib.h>
#include <string.h>
#include "cpu.h"
#include "helper-proto.h"
#include "cpu-model.h"

/* ================================================================== MXCSR */

#define MXCSR_FLAGS   0x003f
#define MXCSR_DAZ     0x0040
#define MXCSR_MASKS   0x1f80
#define MXCSR_RC_SHIFT 13
#define MXCSR_FZ      0x8000

void cpu_set_mxcsr(CPUX86State *env, uint32_t mxcsr)
{
    env->mxcsr = mxcsr & x86_cpu_mxcsr_mask();
    env->sse_status.rounding_mode = (mxcsr >> MXCSR_RC_SHIFT) & 3;
    env->sse_status.flush_to_zero = (mxcsr & MXCSR_FZ) != 0;
    env->sse_status.denormals_are_zero = (mxcsr & MXCSR_DAZ) != 0;
    env->sse_status.nan_rule = nan_rule_sse;
    env->sse_status.flags = 0;
}

void helper_ldmxcsr(CPUX86State *env, uint32_t val)
{
    if (val & ~x86_cpu_mxcsr_mask())
        raise_exception(env, EXCP0D_GPF);
    cpu_set_mxcsr(env, val);
}

uint32_t helper_stmxcsr(CPUX86State *env)
{
    return env->mxcsr;
}

/* Start of a float instruction: collect its flags from zero. */
static inline void fp_begin(CPUX86State *env)
{
    env->sse_status.flags = 0;
    env->sse_status.nan_rule = nan_rule_sse;
}

/* End of a float instruction (before the destination is written): sticky flags into MXCSR,
 * #XM when one of them is unmasked. */
static inline void fp_end(CPUX86State *env)
{
    uint32_t f = env->sse_status.flags & MXCSR_FLAGS;
    env->mxcsr |= f;
    if (f & ~(env->mxcsr >> 7))
        raise_exception(env, EXCP13_XM);
}

void helper_sse_check_align16(CPUX86State *env, uint32_t addr)
{
    if (addr & 15)
        raise_exception(env, EXCP0D_GPF);
}

/* ================================================================== saturation */

static inline int8_t sat_s8(int v) { return v > 127 ? 127 : v < -128 ? -128 : v; }
static inline uint8_t sat_u8(int v) { return v > 255 ? 255 : v < 0 ? 0 : v; }
static inline int16_t sat_s16(int v) { return v > 32767 ? 32767 : v < -32768 ? -32768 : v; }
static inline uint16_t sat_u16(int v) { return v > 65535 ? 65535 : v < 0 ? 0 : v; }

/* ================================================================== the common frame */

/* Body of a vector operation: r starts as a copy of d; nb = operand bytes (8 or 16). */
typedef void VecBody(CPUX86State *env, XMMReg *r, const XMMReg *d, const XMMReg *s, int nb,
                     uint32_t imm);

static inline void vec_run(CPUX86State *env, VecBody *body, void *dp, const void *sp, int nb,
                           uint32_t imm)
{
    XMMReg d, s, r;
    memcpy(&d, dp, nb);
    memcpy(&s, sp, nb);
    if (nb < 16) {
        memset(&d.b[nb], 0, 16 - nb);
        memset(&s.b[nb], 0, 16 - nb);
    }
    r = d;
    body(env, &r, &d, &s, nb, imm);
    memcpy(dp, &r, nb);
}

/* helper_<name>_mmx and helper_<name>_xmm from one body. */
#define VEC_BOTH(name) \
    void helper_##name##_mmx(CPUX86State *env, void *d, void *s) { vec_run(env, body_##name, d, s, 8, 0); } \
    void helper_##name##_xmm(CPUX86State *env, void *d, void *s) { vec_run(env, body_##name, d, s, 16, 0); }
#define VEC_XMM(name) \
    void helper_##name(CPUX86State *env, void *d, void *s) { vec_run(env, body_##name, d, s, 16, 0); }
#define VEC_XMM_IMM(name) \
    void helper_##name(CPUX86State *env, void *d, void *s, uint32_t imm) { vec_run(env, body_##name, d, s, 16, imm); }
#define BODY(name) \
    static void body_##name(CPUX86State *env, XMMReg *r, const XMMReg *d, const XMMReg *s, \
                            int nb, uint32_t imm)
#define NLANES(lane) (nb / (int)sizeof(r->lane[0]))

/* r.lane[i] = expr(a = d.lane[i], b = s.lane[i]) for every lane. */
#define LANEWISE(name, lane, expr) \
    BODY(name) { \
        for (int i = 0; i < NLANES(lane); i++) { \
            __typeof__(d->lane[0]) a = d->lane[i], b = s->lane[i]; \
            (void)a;                                /* unary ops (pabs) read only b */ \
            r->lane[i] = (expr); \
        } \
    } \
    VEC_BOTH(name)

/* ================================================================== integer SIMD */

LANEWISE(paddb, b, a + b)
LANEWISE(paddw, w, a + b)
LANEWISE(paddd, l, a + b)
LANEWISE(paddq, q, a + b)
LANEWISE(psubb, b, a - b)
LANEWISE(psubw, w, a - b)
LANEWISE(psubd, l, a - b)
LANEWISE(psubq, q, a - b)
LANEWISE(paddsb, sb, sat_s8(a + b))
LANEWISE(paddsw, sw, sat_s16(a + b))
LANEWISE(paddusb, b, sat_u8(a + b))
LANEWISE(paddusw, w, sat_u16(a + b))
LANEWISE(psubsb, sb, sat_s8(a - b))
LANEWISE(psubsw, sw, sat_s16(a - b))
LANEWISE(psubusb, b, sat_u8(a - b))
LANEWISE(psubusw, w, sat_u16(a - b))
LANEWISE(pmullw, w, (uint16_t)((uint32_t)a * b))
LANEWISE(pmulhw, sw, (int16_t)(((int32_t)a * b) >> 16))
LANEWISE(pmulhuw, w, (uint16_t)(((uint32_t)a * b) >> 16))
LANEWISE(pmuludq, q, (uint64_t)(uint32_t)a * (uint32_t)b)
LANEWISE(pavgb, b, (a + b + 1) >> 1)
LANEWISE(pavgw, w, (a + b + 1) >> 1)
LANEWISE(pminub, b, a < b ? a : b)
LANEWISE(pmaxub, b, a > b ? a : b)
LANEWISE(pminsw, sw, a < b ? a : b)
LANEWISE(pmaxsw, sw, a > b ? a : b)
LANEWISE(pcmpeqb, b, a == b ? 0xff : 0)
LANEWISE(pcmpeqw, w, a == b ? 0xffff : 0)
LANEWISE(pcmpeqd, l, a == b ? 0xffffffffu : 0)
LANEWISE(pcmpgtb, sb, a > b ? -1 : 0)
LANEWISE(pcmpgtw, sw, a > b ? -1 : 0)
LANEWISE(pcmpgtd, sl, a > b ? -1 : 0)
LANEWISE(pand, q, a & b)
LANEWISE(pandn, q, ~a & b)
LANEWISE(por, q, a | b)
LANEWISE(pxor, q, a ^ b)

/* PMADDWD: dword i = d.w[2i]*s.w[2i] + d.w[2i+1]*s.w[2i+1] (0x8000^2 * 2 wraps to 0x80000000). */
BODY(pmaddwd)
{
    for (int i = 0; i < nb / 4; i++)
        r->l[i] = (uint32_t)((int32_t)d->sw[2 * i] * s->sw[2 * i]) +
                  (uint32_t)((int32_t)d->sw[2 * i + 1] * s->sw[2 * i + 1]);
}
VEC_BOTH(pmaddwd)

/* PSADBW: per 8-byte group, the sum of |d.b - s.b| in the group's low word; rest zero. */
BODY(psadbw)
{
    for (int g = 0; g < nb / 8; g++) {
        unsigned sum = 0;
        for (int i = 0; i < 8; i++)
            sum += abs((int)d->b[8 * g + i] - (int)s->b[8 * g + i]);
        r->q[g] = sum;
    }
}
VEC_BOTH(psadbw)

/* ---- packs: d's lanes narrowed into the low half, s's into the high half ---- */
BODY(packsswb)
{
    int n = nb / 2;
    for (int i = 0; i < n; i++) {
        r->sb[i] = sat_s8(d->sw[i]);
        r->sb[n + i] = sat_s8(s->sw[i]);
    }
}
VEC_BOTH(packsswb)

BODY(packuswb)
{
    int n = nb / 2;
    for (int i = 0; i < n; i++) {
        r->b[i] = sat_u8(d->sw[i]);
        r->b[n + i] = sat_u8(s->sw[i]);
    }
}
VEC_BOTH(packuswb)

BODY(packssdw)
{
    int n = nb / 4;
    for (int i = 0; i < n; i++) {
        r->sw[i] = sat_s16(d->sl[i]);
        r->sw[n + i] = sat_s16(s->sl[i]);
    }
}
VEC_BOTH(packssdw)

/* ---- unpacks: interleave the low (or high) halves of d and s ---- */
#define UNPACK(name, lane, high) \
    BODY(name) { \
        int n = NLANES(lane) / 2, base = (high) ? n : 0; \
        for (int i = 0; i < n; i++) { \
            r->lane[2 * i] = d->lane[base + i]; \
            r->lane[2 * i + 1] = s->lane[base + i]; \
        } \
    } \
    VEC_BOTH(name)

UNPACK(punpcklbw, b, 0)
UNPACK(punpcklwd, w, 0)
UNPACK(punpckldq, l, 0)
UNPACK(punpcklqdq, q, 0)
UNPACK(punpckhbw, b, 1)
UNPACK(punpckhwd, w, 1)
UNPACK(punpckhdq, l, 1)
UNPACK(punpckhqdq, q, 1)

/* ---- shifts: the count is the whole low quadword of s (imm forms load it there) ---- */
#define SHIFT(name, lane, bits, expr_in_range, expr_out) \
    BODY(name) { \
        uint64_t c = s->q[0]; \
        for (int i = 0; i < NLANES(lane); i++) { \
            __typeof__(d->lane[0]) a = d->lane[i]; \
            r->lane[i] = c < (bits) ? (expr_in_range) : (expr_out); \
        } \
    } \
    VEC_BOTH(name)

SHIFT(psllw, w, 16, a << c, 0)
SHIFT(pslld, l, 32, a << c, 0)
SHIFT(psllq, q, 64, a << c, 0)
SHIFT(psrlw, w, 16, a >> c, 0)
SHIFT(psrld, l, 32, a >> c, 0)
SHIFT(psrlq, q, 64, a >> c, 0)
SHIFT(psraw, sw, 16, a >> c, a >> 15)
SHIFT(psrad, sl, 32, a >> c, a >> 31)

/* PSLLDQ/PSRLDQ (xmm only): byte shifts of the whole register by the count in s. */
BODY(pslldq)
{
    uint64_t c = s->q[0] > 16 ? 16 : s->q[0];
    for (int i = 0; i < 16; i++)
        r->b[i] = i >= (int)c ? d->b[i - c] : 0;
}
VEC_XMM(pslldq)

BODY(psrldq)
{
    uint64_t c = s->q[0] > 16 ? 16 : s->q[0];
    for (int i = 0; i < 16; i++)
        r->b[i] = i + c < 16 ? d->b[i + c] : 0;
}
VEC_XMM(psrldq)

/* ---- shuffles with an immediate ---- */
BODY(pshufw)
{
    for (int i = 0; i < 4; i++)
        r->w[i] = s->w[(imm >> (2 * i)) & 3];
}
void helper_pshufw(CPUX86State *env, void *d, void *s, uint32_t imm)
{
    vec_run(env, body_pshufw, d, s, 8, imm);
}

BODY(pshufd)
{
    for (int i = 0; i < 4; i++)
        r->l[i] = s->l[(imm >> (2 * i)) & 3];
}
VEC_XMM_IMM(pshufd)

BODY(pshuflw)
{
    for (int i = 0; i < 4; i++)
        r->w[i] = s->w[(imm >> (2 * i)) & 3];
    r->q[1] = s->q[1];
}
VEC_XMM_IMM(pshuflw)

BODY(pshufhw)
{
    r->q[0] = s->q[0];
    for (int i = 0; i < 4; i++)
        r->w[4 + i] = s->w[4 + ((imm >> (2 * i)) & 3)];
}
VEC_XMM_IMM(pshufhw)

BODY(shufps)
{
    r->l[0] = d->l[imm & 3];
    r->l[1] = d->l[(imm >> 2) & 3];
    r->l[2] = s->l[(imm >> 4) & 3];
    r->l[3] = s->l[(imm >> 6) & 3];
}
VEC_XMM_IMM(shufps)

BODY(shufpd)
{
    r->q[0] = d->q[imm & 1];
    r->q[1] = s->q[(imm >> 1) & 1];
}
VEC_XMM_IMM(shufpd)

/* ---- masks and words to general registers ---- */
uint32_t helper_pmovmskb_mmx(CPUX86State *env, void *s)
{
    const MMXReg *m = s;
    uint32_t r = 0;
    for (int i = 0; i < 8; i++)
        r |= (uint32_t)(m->b[i] >> 7) << i;
    return r;
}

uint32_t helper_pmovmskb_xmm(CPUX86State *env, void *s)
{
    const XMMReg *x = s;
    uint32_t r = 0;
    for (int i = 0; i < 16; i++)
        r |= (uint32_t)(x->b[i] >> 7) << i;
    return r;
}

uint32_t helper_movmskps(CPUX86State *env, void *s)
{
    const XMMReg *x = s;
    uint32_t r = 0;
    for (int i = 0; i < 4; i++)
        r |= (x->l[i] >> 31) << i;
    return r;
}

uint32_t helper_movmskpd(CPUX86State *env, void *s)
{
    const XMMReg *x = s;
    return (uint32_t)(x->q[0] >> 63) | (uint32_t)(x->q[1] >> 63) << 1;
}

/* MASKMOVQ/MASKMOVDQU: mem holds the bytes at [EDI] (loaded by translated code, stored back
 * after the call); the bytes of src whose mask byte has its top bit set replace them. */
static void maskmov(uint8_t *mem, const uint8_t *src, const uint8_t *mask, int nb)
{
    for (int i = 0; i < nb; i++)
        if (mask[i] & 0x80)
            mem[i] = src[i];
}

void helper_maskmov_mmx(CPUX86State *env, void *mem, void *src, void *mask)
{
    maskmov(mem, src, mask, 8);
}

void helper_maskmov_xmm(CPUX86State *env, void *mem, void *src, void *mask)
{
    maskmov(mem, src, mask, 16);
}

/* ================================================================== floating point */

#define ST (&env->sse_status)

/* Packed (all lanes) and scalar (lane 0, the others kept) forms of a float32/float64 op. The
 * scalar forms are the hot ones in -mfpmath=sse code: they work in place on lane 0. */
#define FP_SCALAR(name, type, lane, expr) \
    void helper_##name(CPUX86State *env, void *dp, void *sp) \
    { \
        XMMReg *d = dp; \
        const XMMReg *s = sp; \
        fp_begin(env); \
        type v = (expr); \
        fp_end(env); \
        d->lane[0] = v; \
    }
#define FP_BINARY(name, f32op, f64op) \
    BODY(name##ps) { for (int i = 0; i < 4; i++) r->s[i] = f32op(d->s[i], s->s[i], ST); } \
    BODY(name##pd) { for (int i = 0; i < 2; i++) r->d[i] = f64op(d->d[i], s->d[i], ST); } \
    FP_HELPER(name##ps) FP_HELPER(name##pd) \
    FP_SCALAR(name##ss, float32, s, f32op(d->s[0], s->s[0], ST)) \
    FP_SCALAR(name##sd, float64, d, f64op(d->d[0], s->d[0], ST))

/* The float helpers bracket the body with fp_begin/fp_end (flags, #XM). */
static inline void fp_run(CPUX86State *env, VecBody *body, void *dp, const void *sp, uint32_t imm)
{
    XMMReg d, s, r;
    memcpy(&d, dp, 16);
    memcpy(&s, sp, 16);
    r = d;
    fp_begin(env);
    body(env, &r, &d, &s, 16, imm);
    fp_end(env);
    memcpy(dp, &r, 16);
}
#define FP_HELPER(name) \
    void helper_##name(CPUX86State *env, void *d, void *s) { fp_run(env, body_##name, d, s, 0); }

FP_BINARY(add, float32_add, float64_add)
FP_BINARY(sub, float32_sub, float64_sub)
FP_BINARY(mul, float32_mul, float64_mul)
FP_BINARY(div, float32_div, float64_div)
FP_BINARY(min, float32_min_x86, float64_min_x86)
FP_BINARY(max, float32_max_x86, float64_max_x86)

BODY(sqrtps) { for (int i = 0; i < 4; i++) r->s[i] = float32_sqrt(s->s[i], ST); }
BODY(sqrtpd) { for (int i = 0; i < 2; i++) r->d[i] = float64_sqrt(s->d[i], ST); }
FP_HELPER(sqrtps)
FP_HELPER(sqrtpd)
FP_SCALAR(sqrtss, float32, s, float32_sqrt(s->s[0], ST))
FP_SCALAR(sqrtsd, float64, d, float64_sqrt(s->d[0], ST))

/* ---- compares: CMPccPS/SS/PD/SD, predicate = imm & 7 ---- */

/* Predicates 0-7: EQ LT LE UNORD NEQ NLT NLE ORD; LT/LE/NLT/NLE signal on QNaN too. */
static bool cmp_predicate(FloatRelation rel, unsigned pred)
{
    switch (pred & 7) {
    case 0: return rel == float_relation_equal;
    case 1: return rel == float_relation_less;
    case 2: return rel == float_relation_less || rel == float_relation_equal;
    case 3: return rel == float_relation_unordered;
    case 4: return rel != float_relation_equal;
    case 5: return rel != float_relation_less;
    case 6: return rel != float_relation_less && rel != float_relation_equal;
    default: return rel != float_relation_unordered;
    }
}
static inline bool cmp_quiet(unsigned pred) { return (pred & 3) == 0 || (pred & 3) == 3; }

static uint32_t cmp32(CPUX86State *env, float32 a, float32 b, uint32_t pred)
{
    return cmp_predicate(float32_compare(a, b, cmp_quiet(pred), ST), pred) ? 0xffffffffu : 0;
}
static uint64_t cmp64(CPUX86State *env, float64 a, float64 b, uint32_t pred)
{
    return cmp_predicate(float64_compare(a, b, cmp_quiet(pred), ST), pred) ? ~0ull : 0;
}

BODY(cmpps) { for (int i = 0; i < 4; i++) r->l[i] = cmp32(env, d->s[i], s->s[i], imm); }
BODY(cmpss) { r->l[0] = cmp32(env, d->s[0], s->s[0], imm); }
BODY(cmppd) { for (int i = 0; i < 2; i++) r->q[i] = cmp64(env, d->d[i], s->d[i], imm); }
BODY(cmpsd) { r->q[0] = cmp64(env, d->d[0], s->d[0], imm); }
#define FP_HELPER_IMM(name) \
    void helper_##name(CPUX86State *env, void *d, void *s, uint32_t imm) { fp_run(env, body_##name, d, s, imm); }
FP_HELPER_IMM(cmpps)
FP_HELPER_IMM(cmpss)
FP_HELPER_IMM(cmppd)
FP_HELPER_IMM(cmpsd)

/* ---- COMISS/UCOMISS/COMISD/UCOMISD: flags ZF PF CF (OF SF AF clear) for CC_OP_EFLAGS ---- */
static uint32_t relation_eflags(FloatRelation rel)
{
    switch (rel) {
    case float_relation_less:    return CC_C;
    case float_relation_equal:   return CC_Z;
    case float_relation_greater: return 0;
    default:                     return CC_Z | CC_P | CC_C;
    }
}

#define COMIS(name, type, lane, quiet) \
    uint32_t helper_##name(CPUX86State *env, void *d, void *s) \
    { \
        const XMMReg *a = d, *b = s; \
        fp_begin(env); \
        uint32_t f = relation_eflags(type##_compare(a->lane[0], b->lane[0], quiet, ST)); \
        fp_end(env); \
        return f; \
    }
COMIS(comiss, float32, s, false)
COMIS(ucomiss, float32, s, true)
COMIS(comisd, float64, d, false)
COMIS(ucomisd, float64, d, true)

/* ---- conversions between float formats and packed integers ---- */
BODY(cvtps2pd) { float32 a = s->s[0], b = s->s[1];
                 r->d[0] = float32_to_float64(a, ST); r->d[1] = float32_to_float64(b, ST); }
BODY(cvtpd2ps) { r->s[0] = float64_to_float32(s->d[0], ST); r->s[1] = float64_to_float32(s->d[1], ST);
                 r->q[1] = 0; }
BODY(cvtss2sd) { r->d[0] = float32_to_float64(s->s[0], ST); }
BODY(cvtsd2ss) { r->s[0] = float64_to_float32(s->d[0], ST); }
BODY(cvtdq2ps) { for (int i = 0; i < 4; i++) r->s[i] = int32_to_float32(s->sl[i], ST); }
BODY(cvtps2dq) { for (int i = 0; i < 4; i++) r->sl[i] = float32_to_int32(s->s[i], ST); }
BODY(cvttps2dq) { for (int i = 0; i < 4; i++) r->sl[i] = float32_to_int32_round_to_zero(s->s[i], ST); }
BODY(cvtdq2pd) { int32_t a = s->sl[0], b = s->sl[1];
                 r->d[0] = int32_to_float64(a, ST); r->d[1] = int32_to_float64(b, ST); }
BODY(cvtpd2dq) { r->sl[0] = float64_to_int32(s->d[0], ST); r->sl[1] = float64_to_int32(s->d[1], ST);
                 r->q[1] = 0; }
BODY(cvttpd2dq) { r->sl[0] = float64_to_int32_round_to_zero(s->d[0], ST);
                  r->sl[1] = float64_to_int32_round_to_zero(s->d[1], ST); r->q[1] = 0; }
/* MMX-register forms: s or d is an 8-byte MMX value (zero-extended to 16 by fp_run_mmx). */
BODY(cvtpi2ps) { int32_t a = s->sl[0], b = s->sl[1];
                 r->s[0] = int32_to_float32(a, ST); r->s[1] = int32_to_float32(b, ST); }
BODY(cvtpi2pd) { int32_t a = s->sl[0], b = s->sl[1];
                 r->d[0] = int32_to_float64(a, ST); r->d[1] = int32_to_float64(b, ST); }
BODY(cvtps2pi) { r->sl[0] = float32_to_int32(s->s[0], ST); r->sl[1] = float32_to_int32(s->s[1], ST); }
BODY(cvttps2pi) { r->sl[0] = float32_to_int32_round_to_zero(s->s[0], ST);
                  r->sl[1] = float32_to_int32_round_to_zero(s->s[1], ST); }
BODY(cvtpd2pi) { r->sl[0] = float64_to_int32(s->d[0], ST); r->sl[1] = float64_to_int32(s->d[1], ST); }
BODY(cvttpd2pi) { r->sl[0] = float64_to_int32_round_to_zero(s->d[0], ST);
                  r->sl[1] = float64_to_int32_round_to_zero(s->d[1], ST); }
FP_HELPER(cvtps2pd)
FP_HELPER(cvtpd2ps)
FP_HELPER(cvtss2sd)
FP_HELPER(cvtsd2ss)
FP_HELPER(cvtdq2ps)
FP_HELPER(cvtps2dq)
FP_HELPER(cvttps2dq)
FP_HELPER(cvtdq2pd)
FP_HELPER(cvtpd2dq)
FP_HELPER(cvttpd2dq)

/* dbytes/sbytes: sizes of the destination and source registers (8 = MMX). */
static inline void fp_run_mixed(CPUX86State *env, VecBody *body, void *dp, const void *sp,
                                int dbytes, int sbytes)
{
    XMMReg d = {{0}}, s = {{0}}, r;
    memcpy(&d, dp, dbytes);
    memcpy(&s, sp, sbytes);
    r = d;
    fp_begin(env);
    body(env, &r, &d, &s, 16, 0);
    fp_end(env);
    memcpy(dp, &r, dbytes);
}
#define FP_HELPER_MIXED(name, dbytes, sbytes) \
    void helper_##name(CPUX86State *env, void *d, void *s) { fp_run_mixed(env, body_##name, d, s, dbytes, sbytes); }
FP_HELPER_MIXED(cvtpi2ps, 16, 8)
FP_HELPER_MIXED(cvtpi2pd, 16, 8)
FP_HELPER_MIXED(cvtps2pi, 8, 16)
FP_HELPER_MIXED(cvttps2pi, 8, 16)
FP_HELPER_MIXED(cvtpd2pi, 8, 16)
FP_HELPER_MIXED(cvttpd2pi, 8, 16)

/* ---- scalar conversions with general registers ---- */
void helper_cvtsi2ss(CPUX86State *env, void *d, uint32_t v)
{
    XMMReg *x = d;
    fp_begin(env);
    float32 f = int32_to_float32((int32_t)v, ST);
    fp_end(env);
    x->s[0] = f;
}

void helper_cvtsi2sd(CPUX86State *env, void *d, uint32_t v)
{
    XMMReg *x = d;
    x->d[0] = int32_to_float64((int32_t)v, ST);      /* exact: no flags */
}

#define CVT_TO_GPR(name, expr) \
    uint32_t helper_##name(CPUX86State *env, void *s) \
    { \
        const XMMReg *x = s; \
        fp_begin(env); \
        uint32_t v = (uint32_t)(expr); \
        fp_end(env); \
        return v; \
    }
CVT_TO_GPR(cvtss2si, float32_to_int32(x->s[0], ST))
CVT_TO_GPR(cvttss2si, float32_to_int32_round_to_zero(x->s[0], ST))
CVT_TO_GPR(cvtsd2si, float64_to_int32(x->d[0], ST))
CVT_TO_GPR(cvttsd2si, float64_to_int32_round_to_zero(x->d[0], ST))

/* ---- RCPPS/RCPSS/RSQRTPS/RSQRTSS ----
 * The CPU's approximations are model specific (the SDM only bounds the relative error by
 * 1.5 * 2^-12). loongbt reproduces the CPUs it was measured on: the result's 12 fraction
 * bits come from tables indexed by the top input fraction bits, generated and checked against
 * the CPU by scripts/gen-sse-approx.c: sse-approx-tables.inc (Intel: top 11 bits for rcp, 10
 * for rsqrt) and sse-approx-tables-amd.inc (AMD EPYC: 12 for both); the exponent is adjusted
 * arithmetically. On both, denormal inputs count as zero (-> +-inf) whatever DAZ says,
 * results too small for a normal float flush to zero, rsqrt of a negative number is the
 * default NaN; no MXCSR flags. */
#include "sse-approx-tables.inc"
#include "sse-approx-tables-amd.inc"

static inline uint32_t rcp_fraction(uint32_t m)
{
    return x86_cpu_is_amd() ? rcp_table_amd[m >> 11] : rcp_table[m >> 12];
}

static inline uint32_t rsqrt_fraction(int odd, uint32_t m)
{
    return x86_cpu_is_amd() ? rsqrt_table_amd[odd][m >> 11] : rsqrt_table[odd][m >> 13];
}

static float32 approx_rcp(float32 a)
{
    uint32_t sign = a & 0x80000000u, exp = (a >> 23) & 0xff, m = a & 0x7fffff;
    if (exp == 0xff)
        return m ? a | 0x400000 : sign;                      /* NaN quieted; 1/inf = 0 */
    if (exp == 0)
        return sign | 0x7f800000;                            /* 0 and denormals: inf */
    int e = 253 - (int)exp;                                  /* table values are in [0.5, 1) */
    if (e <= 0)
        return sign;
    return sign | (uint32_t)e << 23 | rcp_fraction(m) << 11;
}

static float32 approx_rsqrt(float32 a)
{
    uint32_t sign = a & 0x80000000u, exp = (a >> 23) & 0xff, m = a & 0x7fffff;
    if (exp == 0xff && m)
        return a | 0x400000;
    if (exp == 0)
        return sign | 0x7f800000;                            /* +-0, denormals: +-inf */
    if (sign)
        return 0xffc00000u;                                  /* negative: default NaN */
    if (exp == 0xff)
        return 0;                                            /* 1/sqrt(inf) = 0 */
    int odd = (exp - 127) & 1;                               /* table per exponent parity */
    int e = 126 - ((int)exp - 127 - odd) / 2;
    return (uint32_t)e << 23 | rsqrt_fraction(odd, m) << 11;
}

BODY(rcpps) { for (int i = 0; i < 4; i++) r->s[i] = approx_rcp(s->s[i]); }
BODY(rcpss) { r->s[0] = approx_rcp(s->s[0]); }
BODY(rsqrtps) { for (int i = 0; i < 4; i++) r->s[i] = approx_rsqrt(s->s[i]); }
BODY(rsqrtss) { r->s[0] = approx_rsqrt(s->s[0]); }
VEC_XMM(rcpps)
VEC_XMM(rcpss)
VEC_XMM(rsqrtps)
VEC_XMM(rsqrtss)

/* ================================================================== SSE3 */

BODY(addsubps) { for (int i = 0; i < 4; i++)
                     r->s[i] = (i & 1) ? float32_add(d->s[i], s->s[i], ST) : float32_sub(d->s[i], s->s[i], ST); }
BODY(addsubpd) { r->d[0] = float64_sub(d->d[0], s->d[0], ST); r->d[1] = float64_add(d->d[1], s->d[1], ST); }
/* horizontal: pairs of d give the low half, pairs of s the high half */
BODY(haddps) { float32 a0 = float32_add(d->s[0], d->s[1], ST), a1 = float32_add(d->s[2], d->s[3], ST);
               float32 b0 = float32_add(s->s[0], s->s[1], ST), b1 = float32_add(s->s[2], s->s[3], ST);
               r->s[0] = a0; r->s[1] = a1; r->s[2] = b0; r->s[3] = b1; }
BODY(hsubps) { float32 a0 = float32_sub(d->s[0], d->s[1], ST), a1 = float32_sub(d->s[2], d->s[3], ST);
               float32 b0 = float32_sub(s->s[0], s->s[1], ST), b1 = float32_sub(s->s[2], s->s[3], ST);
               r->s[0] = a0; r->s[1] = a1; r->s[2] = b0; r->s[3] = b1; }
BODY(haddpd) { float64 a = float64_add(d->d[0], d->d[1], ST), b = float64_add(s->d[0], s->d[1], ST);
               r->d[0] = a; r->d[1] = b; }
BODY(hsubpd) { float64 a = float64_sub(d->d[0], d->d[1], ST), b = float64_sub(s->d[0], s->d[1], ST);
               r->d[0] = a; r->d[1] = b; }
FP_HELPER(addsubps)
FP_HELPER(addsubpd)
FP_HELPER(haddps)
FP_HELPER(hsubps)
FP_HELPER(haddpd)
FP_HELPER(hsubpd)

BODY(movsldup) { r->l[0] = r->l[1] = s->l[0]; r->l[2] = r->l[3] = s->l[2]; }
BODY(movshdup) { r->l[0] = r->l[1] = s->l[1]; r->l[2] = r->l[3] = s->l[3]; }
BODY(movddup) { r->q[0] = r->q[1] = s->q[0]; }
VEC_XMM(movsldup)
VEC_XMM(movshdup)
VEC_XMM(movddup)

/* ================================================================== SSSE3 */

BODY(pshufb)
{
    for (int i = 0; i < nb; i++)
        r->b[i] = (s->b[i] & 0x80) ? 0 : d->b[s->b[i] & (nb - 1)];
}
VEC_BOTH(pshufb)

/* Horizontal integer ops: adjacent pairs of d, then of s. */
#define HORIZONTAL(name, lane, expr) \
    BODY(name) { \
        int half = NLANES(lane) / 2; \
        for (int i = 0; i < half; i++) { \
            __typeof__(d->lane[0]) a = d->lane[2 * i], b = d->lane[2 * i + 1]; \
            r->lane[i] = (expr); \
        } \
        for (int i = 0; i < half; i++) { \
            __typeof__(d->lane[0]) a = s->lane[2 * i], b = s->lane[2 * i + 1]; \
            r->lane[half + i] = (expr); \
        } \
    } \
    VEC_BOTH(name)

HORIZONTAL(phaddw, w, a + b)
HORIZONTAL(phaddd, l, a + b)
HORIZONTAL(phaddsw, sw, sat_s16(a + b))
HORIZONTAL(phsubw, w, a - b)
HORIZONTAL(phsubd, l, a - b)
HORIZONTAL(phsubsw, sw, sat_s16(a - b))

/* PMADDUBSW: unsigned bytes of d times signed bytes of s, adjacent products summed, saturated. */
BODY(pmaddubsw)
{
    for (int i = 0; i < nb / 2; i++)
        r->sw[i] = sat_s16(d->b[2 * i] * s->sb[2 * i] + d->b[2 * i + 1] * s->sb[2 * i + 1]);
}
VEC_BOTH(pmaddubsw)

LANEWISE(pmulhrsw, sw, (int16_t)(((((int32_t)a * b) >> 14) + 1) >> 1))
LANEWISE(psignb, sb, b < 0 ? -a : b == 0 ? 0 : a)
LANEWISE(psignw, sw, b < 0 ? -a : b == 0 ? 0 : a)
LANEWISE(psignd, sl, b < 0 ? (int32_t)(0u - (uint32_t)a) : b == 0 ? 0 : a)
LANEWISE(pabsb, sb, (int8_t)(b < 0 ? -b : b))
LANEWISE(pabsw, sw, (int16_t)(b < 0 ? -b : b))
LANEWISE(pabsd, l, (int32_t)b < 0 ? 0u - b : b)

/* PALIGNR: (d:s) shifted right by imm bytes, low half kept. */
BODY(palignr)
{
    uint8_t t[32];
    memcpy(t, s->b, nb);
    memcpy(t + nb, d->b, nb);
    for (int i = 0; i < nb; i++)
        r->b[i] = i + imm < 2u * nb ? t[i + imm] : 0;
}
void helper_palignr_mmx(CPUX86State *env, void *d, void *s, uint32_t imm) { vec_run(env, body_palignr, d, s, 8, imm); }
void helper_palignr_xmm(CPUX86State *env, void *d, void *s, uint32_t imm) { vec_run(env, body_palignr, d, s, 16, imm); }
