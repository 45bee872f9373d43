/*
 * softfloat.c - loongbt's software IEEE-754 arithmetic with x86 semantics (API: softfloat.h).
 *
 * Every operation goes through one pipeline, whatever the format:
 *   unpack (fp_parts: class, sign, exponent, 64-bit significand with the integer bit at 63)
 *   -> special cases (invalid encodings, NaNs, infinities, zeros) in shared helpers
 *   -> exact arithmetic on integer significands (unsigned __int128; a lost tail is "jammed"
 *      into bit 0 as a sticky bit)
 *   -> round_parts(): one rounder for binary32, binary64 and the x87's 80-bit format with its
 *      precision control (24/53/64 significand bits, always the 15-bit exponent range)
 *   -> pack.
 * The x86 choices (each one observed on the host CPU by tests/unit/test-softfloat.c):
 *  - tininess is detected after rounding (to the precision in force, unbounded exponent), for
 *    x87 and SSE alike, FTZ included; underflow is only flagged when the tiny result is also
 *    inexact (the masked-exception behaviour);
 *  - a denormal result under reduced x87 precision is rounded at the same bit position as a
 *    normal one (so it keeps fewer bits);
 *  - the denormal-operand flag is raised by arithmetic, compares and widening conversions, but
 *    not when the operation is invalid or divides by zero, and never by FST/FIST/FISTTP,
 *    CVT*2SI or ROUNDSS/SD;
 *  - NaN operands are quieted and chosen by float_status.nan_rule; invalid operations give the
 *    negative default NaN; integer conversions give the "integer indefinite";
 *  - FPREM/FPREM1 with an exponent difference D >= 64 reduce by 2^(D - N), N = 32 + D mod 32.
 * Only C integer arithmetic is used, so every host computes the same bits.
 */
#include <stddef.h>
#include "softfloat.h"

typedef unsigned __int128 u128;

/* ======================================================================================
 * Unpacked numbers and formats
 * ====================================================================================== */

#define FP_CLASSES(X) \
    X(CLS_ZERO)     /* +-0 (also a denormal read as zero under DAZ) */ \
    X(CLS_NORMAL)   /* finite non-zero: value = sig * 2^(exp - 63), sig bit 63 set */ \
    X(CLS_INF)      /* +-infinity */ \
    X(CLS_NAN)      /* quiet or signaling NaN; sig holds the fraction left-aligned at bit 62 */ \
    X(CLS_INVALID)  /* floatx80 encodings the x87 rejects: unnormal, pseudo-NaN, pseudo-inf */
#define FP_CLASS_ENUM(name) name,
typedef enum { FP_CLASSES(FP_CLASS_ENUM) } fp_class;

typedef struct fp_parts {
    fp_class cls;
    bool sign;
    bool snan;        /* CLS_NAN: signaling */
    bool denormal;    /* the input was a denormal (or an x87 pseudo-denormal) */
    int32_t exp;      /* CLS_NORMAL: unbiased exponent of bit 63 of sig */
    uint64_t sig;     /* CLS_NORMAL: bit 63 set, or clear for a rounded denormal (exp == emin) */
} fp_parts;

/* What the rounder needs to know about a destination format. */
typedef struct fp_format {
    int prec;         /* significand bits, integer bit included */
    int32_t emin;     /* exponent of the smallest normal */
    int32_t emax;     /* exponent of the largest finite number */
} fp_format;

static const fp_format fmt_f32 = { 24, -126, 127 };
static const fp_format fmt_f64 = { 53, -1022, 1023 };
static const fp_format fmt_x80 = { 64, -16382, 16383 };

/* The x87 precision control narrows the significand but keeps the 15-bit exponent range. */
static fp_format fmt_x80_pc(const float_status *s)
{
    fp_format f = fmt_x80;
    f.prec = s->floatx80_precision == 32 ? 24 : s->floatx80_precision == 64 ? 53 : 64;
    return f;
}

#define SIGN64 0x8000000000000000ull
#define QUIET_BIT (1ull << 62)   /* in fp_parts.sig and in the floatx80 significand */

static inline void raise_flags(float_status *s, int flags) { s->flags |= flags; }

static int clz64(uint64_t v) { return __builtin_clzll(v); }
static int clz128(u128 v)
{
    uint64_t hi = (uint64_t)(v >> 64);
    return hi ? clz64(hi) : 64 + clz64((uint64_t)v);
}

/* v >> n, with any 1 shifted out ORed into bit 0 ("sticky"), so rounding still sees it. */
static u128 shift_right_jam(u128 v, int32_t n)
{
    if (n <= 0) {
        return v;
    }
    if (n >= 128) {
        return v != 0;
    }
    return (v >> n) | ((v << (128 - n)) != 0);
}

static fp_parts make_zero(bool sign) { return (fp_parts){ .cls = CLS_ZERO, .sign = sign }; }
static fp_parts make_inf(bool sign) { return (fp_parts){ .cls = CLS_INF, .sign = sign }; }
/* The x86 default NaN ("real indefinite"): negative, quiet, zero payload. */
static fp_parts make_default_nan(void)
{
    return (fp_parts){ .cls = CLS_NAN, .sign = true, .sig = SIGN64 | QUIET_BIT };
}

/* Give a denormal significand an integer bit at 63, moving the exponent down. */
static void normalize(fp_parts *p)
{
    int lz = clz64(p->sig);
    p->sig <<= lz;
    p->exp -= lz;
}

/* ======================================================================================
 * Unpack and pack
 * ====================================================================================== */

static fp_parts unpack_x80(floatx80 a)
{
    fp_parts p = { .sign = a.sexp >> 15 };
    int32_t e = a.sexp & 0x7fff;
    uint64_t m = a.mant;
    if (e == 0x7fff) {
        if (!(m & SIGN64)) {
            p.cls = CLS_INVALID;                   /* pseudo-infinity / pseudo-NaN */
        } else if (!(m << 1)) {
            p.cls = CLS_INF;
        } else {
            p.cls = CLS_NAN;
            p.snan = !(m & QUIET_BIT);
            p.sig = m;
        }
    } else if (e == 0) {
        if (!m) {
            p.cls = CLS_ZERO;
        } else {                                   /* denormal or pseudo-denormal */
            p.cls = CLS_NORMAL;
            p.denormal = true;
            p.exp = fmt_x80.emin;
            p.sig = m;
            normalize(&p);
        }
    } else if (!(m & SIGN64)) {
        p.cls = CLS_INVALID;                       /* unnormal */
    } else {
        p.cls = CLS_NORMAL;
        p.exp = e - 16383;
        p.sig = m;
    }
    return p;
}

/* binary32/binary64 share one decoder: frac_bits and bias describe the format. */
static fp_parts unpack_ieee(uint64_t bits, int frac_bits, int exp_bits, const float_status *s)
{
    int32_t emax_field = (1 << exp_bits) - 1, bias = emax_field >> 1;
    fp_parts p = { .sign = (bits >> (frac_bits + exp_bits)) & 1 };
    int32_t e = (bits >> frac_bits) & emax_field;
    uint64_t frac = bits & ((1ull << frac_bits) - 1);
    uint64_t aligned = frac << (63 - frac_bits);   /* fraction's top bit at 62 */
    if (e == emax_field) {
        if (!frac) {
            p.cls = CLS_INF;
        } else {
            p.cls = CLS_NAN;
            p.snan = !(aligned & QUIET_BIT);
            p.sig = SIGN64 | aligned;
        }
    } else if (e == 0) {
        if (!frac || s->denormals_are_zero) {
            p.cls = CLS_ZERO;                      /* DAZ: read as zero, no denormal flag */
        } else {
            p.cls = CLS_NORMAL;
            p.denormal = true;
            p.exp = 1 - bias;
            p.sig = aligned;
            normalize(&p);
        }
    } else {
        p.cls = CLS_NORMAL;
        p.exp = e - bias;
        p.sig = SIGN64 | aligned;
    }
    return p;
}

static fp_parts unpack_f32(float32 a, const float_status *s) { return unpack_ieee(a, 23, 8, s); }
static fp_parts unpack_f64(float64 a, const float_status *s) { return unpack_ieee(a, 52, 11, s); }

/* Parts must be rounded for the format already (CLS_NORMAL with bit 63 clear = denormal). */
static floatx80 pack_x80(fp_parts p)
{
    uint16_t sign = p.sign ? 0x8000 : 0;
    switch (p.cls) {
    case CLS_ZERO:
        return (floatx80){ 0, sign };
    case CLS_NORMAL:
        return (floatx80){ p.sig, sign | (p.sig & SIGN64 ? p.exp + 16383 : 0) };
    case CLS_INF:
        return (floatx80){ SIGN64, sign | 0x7fff };
    default:
        return (floatx80){ p.sig | SIGN64 | QUIET_BIT, sign | 0x7fff };
    }
}

static uint64_t pack_ieee(fp_parts p, int frac_bits, int exp_bits)
{
    int32_t emax_field = (1 << exp_bits) - 1, bias = emax_field >> 1;
    uint64_t sign = (uint64_t)p.sign << (frac_bits + exp_bits);
    uint64_t frac_mask = (1ull << frac_bits) - 1;
    switch (p.cls) {
    case CLS_ZERO:
        return sign;
    case CLS_NORMAL:
        if (!(p.sig & SIGN64)) {
            return sign | (p.sig >> (63 - frac_bits));               /* denormal */
        }
        return sign | ((uint64_t)(p.exp + bias) << frac_bits) | ((p.sig >> (63 - frac_bits)) & frac_mask);
    case CLS_INF:
        return sign | ((uint64_t)emax_field << frac_bits);
    default:
        return sign | ((uint64_t)emax_field << frac_bits) | (((p.sig | QUIET_BIT) >> (63 - frac_bits)) & frac_mask);
    }
}

static float32 pack_f32(fp_parts p) { return (float32)pack_ieee(p, 23, 8); }
static float64 pack_f64(fp_parts p) { return pack_ieee(p, 52, 11); }

/* ======================================================================================
 * Rounding
 * ====================================================================================== */

/* Does rounding add one unit in the last place?  rem: the discarded bits, half: their midpoint. */
static bool round_up_needed(int mode, bool sign, u128 rem, u128 half, bool lsb_odd)
{
    switch (mode) {
    case float_round_nearest_even:
        return rem > half || (rem == half && lsb_odd);
    case float_round_down:
        return sign && rem;
    case float_round_up:
        return !sign && rem;
    default:
        return false;
    }
}

/*
 * Round sign * sig * 2^lsb_exp (exact, or with a sticky bit 0 below at least two guard bits) to
 * the format: precision, exponent range, denormals, overflow, FTZ and the flags. Tininess is
 * detected after rounding: the value is tiny if, rounded to prec bits with an unbounded exponent,
 * it is still below 2^emin (x87 and SSE both do this).
 */
static fp_parts round_parts(bool sign, int32_t lsb_exp, u128 sig, const fp_format *f, float_status *s)
{
    if (!sig) {
        return make_zero(sign);
    }
    int lz = clz128(sig);
    sig <<= lz;
    int32_t exp = lsb_exp - lz + 127;              /* exponent of bit 127 */
    int shift = 128 - f->prec;
    u128 lsb = (u128)1 << shift, half = lsb >> 1, mask = lsb - 1;
    int mode = s->rounding_mode;
    bool tiny = false;

    if (exp < f->emin) {
        tiny = true;
        if (exp == f->emin - 1) {
            /* rounding at full precision may carry up to exactly 2^emin: then it is not tiny */
            u128 q = sig >> shift;
            if (q == ((u128)1 << f->prec) - 1 &&
                round_up_needed(mode, sign, sig & mask, half, true)) {
                tiny = false;
            }
        }
        if (tiny && s->flush_to_zero) {
            raise_flags(s, float_flag_underflow | float_flag_inexact);
            return make_zero(sign);
        }
        sig = shift_right_jam(sig, f->emin - exp);
        exp = f->emin;
    }

    u128 rem = sig & mask, q = sig >> shift;
    if (rem) {
        raise_flags(s, float_flag_inexact | (tiny ? float_flag_underflow : 0));
        if (round_up_needed(mode, sign, rem, half, q & 1)) {
            q++;
            if (q >> f->prec) {                    /* 1.11..1 rounded up to 10.00..0 */
                q >>= 1;
                exp++;
            }
        }
    }
    if (exp > f->emax) {
        raise_flags(s, float_flag_overflow | float_flag_inexact);
        if (mode == float_round_nearest_even || (mode == float_round_up && !sign) ||
            (mode == float_round_down && sign)) {
            return make_inf(sign);
        }
        q = ((u128)1 << f->prec) - 1;              /* largest finite */
        exp = f->emax;
    }
    if (!q) {
        return make_zero(sign);
    }
    return (fp_parts){ .cls = CLS_NORMAL, .sign = sign, .exp = exp,
                       .sig = (uint64_t)q << (64 - f->prec) };
}

/* Round an already unpacked finite number (or pass a special class through). */
static fp_parts round_parts_of(fp_parts p, const fp_format *f, float_status *s)
{
    if (p.cls != CLS_NORMAL) {
        return p;
    }
    return round_parts(p.sign, p.exp - 63, p.sig, f, s);
}

/* ======================================================================================
 * Special operands: invalid encodings, NaNs, the denormal-operand flag
 * ====================================================================================== */

static bool is_nan_or_invalid(const fp_parts *p) { return p->cls == CLS_NAN || p->cls == CLS_INVALID; }

static fp_parts invalid_op(float_status *s)
{
    raise_flags(s, float_flag_invalid);
    return make_default_nan();
}

static fp_parts quiet(fp_parts p)
{
    p.sig |= QUIET_BIT;
    p.snan = false;
    return p;
}

/* One operand only: an invalid encoding gives the default NaN, a NaN comes back quieted. */
static fp_parts propagate_nan1(fp_parts a, float_status *s)
{
    if (a.cls == CLS_INVALID) {
        return invalid_op(s);
    }
    if (a.snan) {
        raise_flags(s, float_flag_invalid);
    }
    return quiet(a);
}

/* At least one operand is a NaN or an invalid encoding: the result by the x86 rules. */
static fp_parts propagate_nan2(fp_parts a, fp_parts b, float_status *s)
{
    if (a.cls == CLS_INVALID || b.cls == CLS_INVALID) {
        return invalid_op(s);
    }
    if (a.snan || b.snan) {
        raise_flags(s, float_flag_invalid);
    }
    if (a.cls != CLS_NAN) {
        return quiet(b);
    }
    if (b.cls != CLS_NAN) {
        return quiet(a);
    }
    if (s->nan_rule == nan_rule_sse) {
        return quiet(a);                           /* first source operand */
    }
    /* x87: a QNaN beats an SNaN; otherwise the larger significand; a tie goes to the positive */
    if (a.snan != b.snan) {
        return quiet(a.snan ? b : a);
    }
    uint64_t fa = a.sig & ~SIGN64, fb = b.sig & ~SIGN64;
    if (fa != fb) {
        return quiet(fa > fb ? a : b);
    }
    return quiet(a.sign ? b : a);
}

static void raise_denormal_operands(const fp_parts *a, const fp_parts *b, float_status *s)
{
    if (a->denormal || (b && b->denormal)) {
        raise_flags(s, float_flag_denormal);
    }
}

/* ======================================================================================
 * Arithmetic on parts (shared by all formats)
 * ====================================================================================== */

static fp_parts add_parts(fp_parts a, fp_parts b, bool subtract, const fp_format *f, float_status *s)
{
    if (is_nan_or_invalid(&a) || is_nan_or_invalid(&b)) {
        return propagate_nan2(a, b, s);
    }
    raise_denormal_operands(&a, &b, s);
    b.sign ^= subtract;
    if (a.cls == CLS_INF) {
        return b.cls == CLS_INF && a.sign != b.sign ? invalid_op(s) : a;
    }
    if (b.cls == CLS_INF) {
        return b;
    }
    if (a.cls == CLS_ZERO && b.cls == CLS_ZERO) {
        /* (+0) + (-0) is +0, except -0 when rounding down */
        return make_zero(a.sign == b.sign ? a.sign : s->rounding_mode == float_round_down);
    }
    if (a.cls == CLS_ZERO) {
        return round_parts_of(b, f, s);
    }
    if (b.cls == CLS_ZERO) {
        return round_parts_of(a, f, s);
    }
    if (a.exp < b.exp) {
        fp_parts t = a;
        a = b;
        b = t;
    }
    /* significands at bit 125: room for a carry above and 62 guard bits below */
    u128 sa = (u128)a.sig << 62;
    u128 sb = shift_right_jam((u128)b.sig << 62, a.exp - b.exp);
    int32_t lsb_exp = a.exp - 63 - 62;
    if (a.sign == b.sign) {
        return round_parts(a.sign, lsb_exp, sa + sb, f, s);
    }
    if (sa == sb) {
        return make_zero(s->rounding_mode == float_round_down);
    }
    return sa > sb ? round_parts(a.sign, lsb_exp, sa - sb, f, s)
                   : round_parts(b.sign, lsb_exp, sb - sa, f, s);
}

static fp_parts mul_parts(fp_parts a, fp_parts b, const fp_format *f, float_status *s)
{
    if (is_nan_or_invalid(&a) || is_nan_or_invalid(&b)) {
        return propagate_nan2(a, b, s);
    }
    raise_denormal_operands(&a, &b, s);
    bool sign = a.sign ^ b.sign;
    if (a.cls == CLS_INF || b.cls == CLS_INF) {
        return a.cls == CLS_ZERO || b.cls == CLS_ZERO ? invalid_op(s) : make_inf(sign);
    }
    if (a.cls == CLS_ZERO || b.cls == CLS_ZERO) {
        return make_zero(sign);
    }
    return round_parts(sign, a.exp - 63 + b.exp - 63, (u128)a.sig * b.sig, f, s);
}

static fp_parts div_parts(fp_parts a, fp_parts b, const fp_format *f, float_status *s)
{
    if (is_nan_or_invalid(&a) || is_nan_or_invalid(&b)) {
        return propagate_nan2(a, b, s);
    }
    bool sign = a.sign ^ b.sign;
    if (b.cls == CLS_ZERO && a.cls == CLS_NORMAL) {
        raise_flags(s, float_flag_divbyzero);            /* takes precedence over the denormal flag */
        return make_inf(sign);
    }
    raise_denormal_operands(&a, &b, s);
    if (a.cls == CLS_INF) {
        return b.cls == CLS_INF ? invalid_op(s) : make_inf(sign);
    }
    if (b.cls == CLS_INF) {
        return make_zero(sign);
    }
    if (b.cls == CLS_ZERO) {
        return a.cls == CLS_ZERO ? invalid_op(s) : make_inf(sign);
    }
    if (a.cls == CLS_ZERO) {
        return make_zero(sign);
    }
    /* 128-bit quotient of (a.sig << 63) / b.sig in two 64-bit steps, remainder as sticky */
    u128 num = (u128)a.sig << 63;
    uint64_t q1 = (uint64_t)(num / b.sig);
    u128 r = num % b.sig;
    u128 num2 = r << 64;
    uint64_t q2 = (uint64_t)(num2 / b.sig);
    bool sticky = (num2 % b.sig) != 0;
    u128 q = ((u128)q1 << 64) | q2 | sticky;
    return round_parts(sign, a.exp - b.exp - 127, q, f, s);
}

static fp_parts sqrt_parts(fp_parts a, const fp_format *f, float_status *s)
{
    if (is_nan_or_invalid(&a)) {
        return propagate_nan1(a, s);
    }
    if (a.cls == CLS_ZERO) {
        return a;                                  /* sqrt(-0) = -0 */
    }
    if (a.sign) {
        return invalid_op(s);                      /* no denormal flag with invalid */
    }
    raise_denormal_operands(&a, NULL, s);
    if (a.cls == CLS_INF) {
        return a;
    }
    /*
     * value = m * 2^exp with m = sig / 2^63 in [1, 2). Make the exponent even (m in [1, 4)),
     * then take the root bit by bit: each step brings down two bits of m (bit pairs from the top
     * of `in`, zeros after it), so 67 steps give a 67-bit root; the remainder is the sticky bit.
     */
    bool odd = a.exp & 1;
    int32_t half_exp = (a.exp - odd) / 2;
    u128 in = (u128)a.sig << (odd ? 64 : 63);
    u128 root = 0, rem = 0;
    const int steps = 67;
    for (int i = 0; i < steps; i++) {
        rem = (rem << 2) | (uint64_t)(in >> 126);
        in <<= 2;
        u128 trial = (root << 2) | 1;
        root <<= 1;
        if (rem >= trial) {
            rem -= trial;
            root |= 1;
        }
    }
    return round_parts(false, half_exp - (steps - 1), root | (rem != 0), f, s);
}

/* Compare two unpacked numbers; quiet: only signaling NaNs raise invalid. */
static FloatRelation compare_parts(fp_parts a, fp_parts b, bool quiet_cmp, float_status *s)
{
    if (a.cls == CLS_INVALID || b.cls == CLS_INVALID) {
        raise_flags(s, float_flag_invalid);
        return float_relation_unordered;
    }
    if (a.cls == CLS_NAN || b.cls == CLS_NAN) {
        if (!quiet_cmp || a.snan || b.snan) {
            raise_flags(s, float_flag_invalid);
        }
        return float_relation_unordered;
    }
    raise_denormal_operands(&a, &b, s);
    if (a.cls == CLS_ZERO && b.cls == CLS_ZERO) {
        return float_relation_equal;
    }
    if (a.sign != b.sign) {
        return a.sign ? float_relation_less : float_relation_greater;
    }
    /* same sign: order the magnitudes (zero < normal < inf), then flip for negatives */
    int ka = a.cls == CLS_ZERO ? 0 : a.cls == CLS_NORMAL ? 1 : 2;
    int kb = b.cls == CLS_ZERO ? 0 : b.cls == CLS_NORMAL ? 1 : 2;
    int cmp;
    if (ka != kb) {
        cmp = ka < kb ? -1 : 1;
    } else if (ka != 1 || (a.exp == b.exp && a.sig == b.sig)) {
        cmp = 0;
    } else if (a.exp != b.exp) {
        cmp = a.exp < b.exp ? -1 : 1;
    } else {
        cmp = a.sig < b.sig ? -1 : 1;
    }
    return (FloatRelation)(a.sign ? -cmp : cmp);
}

/*
 * Round |value| (sig * 2^(exp - 63)) to an integer with the given mode.  Returns the magnitude;
 * *too_big is set when it does not fit in 64 bits, *inexact when a fraction was dropped.
 */
static uint64_t round_to_integer(const fp_parts *p, int mode, bool *inexact, bool *too_big)
{
    *inexact = false;
    *too_big = false;
    if (p->cls != CLS_NORMAL) {
        return 0;
    }
    if (p->exp >= 64) {
        *too_big = true;
        return 0;
    }
    if (p->exp == 63) {
        return p->sig;
    }
    int32_t shift = 63 - p->exp;                   /* fraction bits, >= 1 */
    u128 v = shift_right_jam((u128)p->sig << 64, shift);  /* integer part in the high half */
    uint64_t ipart = (uint64_t)(v >> 64), frac = (uint64_t)v;
    if (!frac) {
        return ipart;
    }
    *inexact = true;
    if (round_up_needed(mode, p->sign, frac, SIGN64, ipart & 1)) {
        ipart++;
    }
    return ipart;
}

/*
 * Signed integer conversion: out of range (for `bits`) or NaN -> invalid, integer indefinite.
 * Neither FIST/FISTTP nor CVTSD2SI & co. flag a denormal operand.
 */
static int64_t parts_to_int(fp_parts p, int bits, int mode, float_status *s)
{
    int64_t indefinite = (int64_t)((uint64_t)-1 << (bits - 1));
    if (p.cls == CLS_NAN || p.cls == CLS_INVALID || p.cls == CLS_INF) {
        raise_flags(s, float_flag_invalid);
        return indefinite;
    }
    bool inexact, too_big;
    uint64_t mag = round_to_integer(&p, mode, &inexact, &too_big);
    uint64_t limit = (1ull << (bits - 1)) - (p.sign ? 0 : 1);
    if (too_big || mag > limit) {
        raise_flags(s, float_flag_invalid);
        return indefinite;
    }
    if (inexact) {
        raise_flags(s, float_flag_inexact);
    }
    return p.sign ? (int64_t)(0 - mag) : (int64_t)mag;
}

/* Exact conversion of an integer magnitude to parts. */
static fp_parts parts_from_uint(bool sign, uint64_t mag)
{
    if (!mag) {
        return make_zero(sign);
    }
    fp_parts p = { .cls = CLS_NORMAL, .sign = sign, .exp = 63, .sig = mag };
    normalize(&p);
    return p;
}

static fp_parts parts_from_int64(int64_t v)
{
    return parts_from_uint(v < 0, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

/* Round to an integral value in the same format (FRNDINT, ROUNDSS/SD). */
static fp_parts round_to_int_parts(fp_parts a, float_status *s)
{
    if (is_nan_or_invalid(&a)) {
        return propagate_nan1(a, s);
    }
    if (a.cls != CLS_NORMAL || a.exp >= 63) {
        return a;
    }
    bool inexact, too_big;
    uint64_t mag = round_to_integer(&a, s->rounding_mode, &inexact, &too_big);
    if (inexact) {
        raise_flags(s, float_flag_inexact);
    }
    return parts_from_uint(a.sign, mag);
}

/* ======================================================================================
 * floatx80 (x87)
 * ====================================================================================== */

floatx80 floatx80_default_nan(void) { return pack_x80(make_default_nan()); }

bool floatx80_is_nan(floatx80 a) { return unpack_x80(a).cls == CLS_NAN; }
bool floatx80_is_signaling_nan(floatx80 a) { fp_parts p = unpack_x80(a); return p.cls == CLS_NAN && p.snan; }
bool floatx80_invalid_encoding(floatx80 a) { return unpack_x80(a).cls == CLS_INVALID; }

floatx80 floatx80_add(floatx80 a, floatx80 b, float_status *s)
{
    fp_format f = fmt_x80_pc(s);
    return pack_x80(add_parts(unpack_x80(a), unpack_x80(b), false, &f, s));
}

floatx80 floatx80_sub(floatx80 a, floatx80 b, float_status *s)
{
    fp_format f = fmt_x80_pc(s);
    return pack_x80(add_parts(unpack_x80(a), unpack_x80(b), true, &f, s));
}

floatx80 floatx80_mul(floatx80 a, floatx80 b, float_status *s)
{
    fp_format f = fmt_x80_pc(s);
    return pack_x80(mul_parts(unpack_x80(a), unpack_x80(b), &f, s));
}

floatx80 floatx80_div(floatx80 a, floatx80 b, float_status *s)
{
    fp_format f = fmt_x80_pc(s);
    return pack_x80(div_parts(unpack_x80(a), unpack_x80(b), &f, s));
}

floatx80 floatx80_sqrt(floatx80 a, float_status *s)
{
    fp_format f = fmt_x80_pc(s);
    return pack_x80(sqrt_parts(unpack_x80(a), &f, s));
}

floatx80 floatx80_round_to_int(floatx80 a, float_status *s)
{
    fp_parts p = unpack_x80(a);
    raise_denormal_operands(&p, NULL, s);
    if (p.cls == CLS_NORMAL && p.exp >= 63) {
        return a;
    }
    return pack_x80(round_to_int_parts(p, s));
}

FloatRelation floatx80_compare(floatx80 a, floatx80 b, bool quiet_cmp, float_status *s)
{
    return compare_parts(unpack_x80(a), unpack_x80(b), quiet_cmp, s);
}

/*
 * FPREM / FPREM1. With D = exp(a) - exp(b) < 64 the remainder is complete: Q = a / b rounded
 * toward zero (FPREM) or to nearest-even (FPREM1), result a - Q*b (exact). Otherwise one partial
 * step reduces a by b * QQ * 2^(D - N), QQ = trunc(a / b / 2^(D - N)), and C2 says "again".
 */
/* N: the SDM allows 32..63; the hardware takes 32 + (D mod 32), so D - N is a multiple of 32 */
static int fprem_partial_bits(int32_t d) { return 32 + (d & 31); }
floatx80 floatx80_rem(floatx80 a, floatx80 b, bool ieee, uint64_t *quot, bool *incomplete,
                      float_status *s)
{
    fp_parts pa = unpack_x80(a), pb = unpack_x80(b);
    *quot = 0;
    *incomplete = false;
    if (is_nan_or_invalid(&pa) || is_nan_or_invalid(&pb)) {
        return pack_x80(propagate_nan2(pa, pb, s));
    }
    if (pa.cls == CLS_INF || pb.cls == CLS_ZERO) {
        return pack_x80(invalid_op(s));
    }
    raise_denormal_operands(&pa, &pb, s);
    if (pa.cls == CLS_ZERO || pb.cls == CLS_INF) {
        return pack_x80(round_parts_of(pa, &fmt_x80, s));
    }
    int32_t d = pa.exp - pb.exp;
    if (d < -1 || (d < 0 && !ieee)) {
        return pack_x80(round_parts_of(pa, &fmt_x80, s));  /* |a| < |b| / 2 (or < |b|): Q = 0 */
    }
    bool sign = pa.sign;
    if (d >= 64) {
        int n = fprem_partial_bits(d);
        u128 num = (u128)pa.sig << n;
        u128 r = num % pb.sig;
        *incomplete = true;
        return pack_x80(round_parts(sign, pa.exp - 63 - n, r, &fmt_x80, s));
    }
    /* units of 2^(min(exp) - 63): A = a, B = b as integers */
    int32_t base = d < 0 ? pa.exp : pb.exp;
    u128 num = (u128)pa.sig << (d < 0 ? 0 : d);
    u128 den = (u128)pb.sig << (d < 0 ? 1 : 0);
    u128 q = num / den, r = num % den;
    if (ieee && (2 * r > den || (2 * r == den && (q & 1)))) {
        r = den - r;
        q++;
        sign = !sign;
    }
    *quot = (uint64_t)q;
    if (!r) {
        return pack_x80(make_zero(pa.sign));
    }
    return pack_x80(round_parts(sign, base - 63, r, &fmt_x80, s));
}

/* FSCALE: a * 2^trunc(b), rounded like a store to the 80-bit format. */
floatx80 floatx80_scale(floatx80 a, floatx80 b, float_status *s)
{
    fp_parts pa = unpack_x80(a), pb = unpack_x80(b);
    if (is_nan_or_invalid(&pa) || is_nan_or_invalid(&pb)) {
        return pack_x80(propagate_nan2(pa, pb, s));
    }
    raise_denormal_operands(&pa, &pb, s);
    if (pb.cls == CLS_INF) {
        if (pb.sign) {
            return pack_x80(pa.cls == CLS_INF ? invalid_op(s) : pa.cls == CLS_ZERO ? pa : make_zero(pa.sign));
        }
        return pack_x80(pa.cls == CLS_ZERO ? invalid_op(s) : make_inf(pa.sign));
    }
    if (pa.cls != CLS_NORMAL) {
        return pack_x80(pa);
    }
    /* trunc(b), clamped: beyond +-2^17 the result saturates anyway */
    int32_t n = 0;
    if (pb.cls == CLS_NORMAL && pb.exp >= 0) {
        n = pb.exp >= 17 ? 1 << 17 : (int32_t)(pb.sig >> (63 - pb.exp));
        n = pb.sign ? -n : n;
    }
    return pack_x80(round_parts(pa.sign, pa.exp - 63 + n, pa.sig, &fmt_x80, s));
}

/* FXTRACT: *exp = unbiased exponent (as a number), *sig = significand with exponent 0. */
void floatx80_xtract(floatx80 a, floatx80 *exp, floatx80 *sig, float_status *s)
{
    fp_parts p = unpack_x80(a);
    if (is_nan_or_invalid(&p)) {
        *exp = *sig = pack_x80(propagate_nan1(p, s));
        return;
    }
    raise_denormal_operands(&p, NULL, s);
    switch (p.cls) {
    case CLS_ZERO:
        raise_flags(s, float_flag_divbyzero);
        *exp = pack_x80(make_inf(true));
        *sig = pack_x80(p);
        return;
    case CLS_INF:
        *exp = pack_x80(make_inf(false));
        *sig = pack_x80(p);
        return;
    default:
        *exp = int32_to_floatx80(p.exp);
        *sig = (floatx80){ p.sig, (uint16_t)((p.sign ? 0x8000 : 0) | 16383) };
        return;
    }
}

/* ---- conversions ---- */

floatx80 int32_to_floatx80(int32_t v) { return pack_x80(parts_from_int64(v)); }
floatx80 int64_to_floatx80(int64_t v) { return pack_x80(parts_from_int64(v)); }

/* Widening loads are exact; only NaNs (quieted, invalid if signaling) and denormals flag. */
static floatx80 widen_to_x80(fp_parts p, float_status *s)
{
    if (p.cls == CLS_NAN) {
        return pack_x80(propagate_nan1(p, s));
    }
    raise_denormal_operands(&p, NULL, s);
    return pack_x80(p);
}

floatx80 float32_to_floatx80(float32 a, float_status *s) { return widen_to_x80(unpack_f32(a, s), s); }
floatx80 float64_to_floatx80(float64 a, float_status *s) { return widen_to_x80(unpack_f64(a, s), s); }

/*
 * Narrowing: NaNs keep the top of their payload; finite values round with the rounding mode.
 * A denormal operand is flagged by CVTSD2SS/CVTSS2SD (flag_denormal) but not by FST.
 */
static fp_parts narrow(fp_parts p, const fp_format *f, bool flag_denormal, float_status *s)
{
    if (is_nan_or_invalid(&p)) {
        return propagate_nan1(p, s);
    }
    if (flag_denormal) {
        raise_denormal_operands(&p, NULL, s);
    }
    return round_parts_of(p, f, s);
}

float32 floatx80_to_float32(floatx80 a, float_status *s) { return pack_f32(narrow(unpack_x80(a), &fmt_f32, false, s)); }
float64 floatx80_to_float64(floatx80 a, float_status *s) { return pack_f64(narrow(unpack_x80(a), &fmt_f64, false, s)); }

int16_t floatx80_to_int16(floatx80 a, float_status *s)
{
    return (int16_t)parts_to_int(unpack_x80(a), 16, s->rounding_mode, s);
}
int32_t floatx80_to_int32(floatx80 a, float_status *s)
{
    return (int32_t)parts_to_int(unpack_x80(a), 32, s->rounding_mode, s);
}
int64_t floatx80_to_int64(floatx80 a, float_status *s)
{
    return parts_to_int(unpack_x80(a), 64, s->rounding_mode, s);
}
int16_t floatx80_to_int16_round_to_zero(floatx80 a, float_status *s)
{
    return (int16_t)parts_to_int(unpack_x80(a), 16, float_round_to_zero, s);
}
int32_t floatx80_to_int32_round_to_zero(floatx80 a, float_status *s)
{
    return (int32_t)parts_to_int(unpack_x80(a), 32, float_round_to_zero, s);
}
int64_t floatx80_to_int64_round_to_zero(floatx80 a, float_status *s)
{
    return parts_to_int(unpack_x80(a), 64, float_round_to_zero, s);
}

/* ======================================================================================
 * float64 / float32 (SSE)
 * ====================================================================================== */

/* One definition per operation and format; F = f32/f64, T = the C type. */
#define DEF_BINOP(T, F, op, call) \
T T##_##op(T a, T b, float_status *s) \
{ \
    return pack_##F(call(unpack_##F(a, s), unpack_##F(b, s), &fmt_##F, s)); \
}
#define ADD_CALL(a, b, f, s) add_parts(a, b, false, f, s)
#define SUB_CALL(a, b, f, s) add_parts(a, b, true, f, s)

DEF_BINOP(float64, f64, add, ADD_CALL)
DEF_BINOP(float64, f64, sub, SUB_CALL)
DEF_BINOP(float64, f64, mul, mul_parts)
DEF_BINOP(float64, f64, div, div_parts)
DEF_BINOP(float32, f32, add, ADD_CALL)
DEF_BINOP(float32, f32, sub, SUB_CALL)
DEF_BINOP(float32, f32, mul, mul_parts)
DEF_BINOP(float32, f32, div, div_parts)

float64 float64_sqrt(float64 a, float_status *s) { return pack_f64(sqrt_parts(unpack_f64(a, s), &fmt_f64, s)); }
float32 float32_sqrt(float32 a, float_status *s) { return pack_f32(sqrt_parts(unpack_f32(a, s), &fmt_f32, s)); }

FloatRelation float64_compare(float64 a, float64 b, bool quiet_cmp, float_status *s)
{
    return compare_parts(unpack_f64(a, s), unpack_f64(b, s), quiet_cmp, s);
}
FloatRelation float32_compare(float32 a, float32 b, bool quiet_cmp, float_status *s)
{
    return compare_parts(unpack_f32(a, s), unpack_f32(b, s), quiet_cmp, s);
}

float64 float32_to_float64(float32 a, float_status *s) { return pack_f64(narrow(unpack_f32(a, s), &fmt_f64, true, s)); }
float32 float64_to_float32(float64 a, float_status *s) { return pack_f32(narrow(unpack_f64(a, s), &fmt_f32, true, s)); }

float64 int32_to_float64(int32_t v, float_status *s) { return pack_f64(round_parts_of(parts_from_int64(v), &fmt_f64, s)); }
float32 int32_to_float32(int32_t v, float_status *s) { return pack_f32(round_parts_of(parts_from_int64(v), &fmt_f32, s)); }
float64 int64_to_float64(int64_t v, float_status *s) { return pack_f64(round_parts_of(parts_from_int64(v), &fmt_f64, s)); }
float32 int64_to_float32(int64_t v, float_status *s) { return pack_f32(round_parts_of(parts_from_int64(v), &fmt_f32, s)); }

int32_t float64_to_int32(float64 a, float_status *s) { return (int32_t)parts_to_int(unpack_f64(a, s), 32, s->rounding_mode, s); }
int32_t float64_to_int32_round_to_zero(float64 a, float_status *s) { return (int32_t)parts_to_int(unpack_f64(a, s), 32, float_round_to_zero, s); }
int32_t float32_to_int32(float32 a, float_status *s) { return (int32_t)parts_to_int(unpack_f32(a, s), 32, s->rounding_mode, s); }
int32_t float32_to_int32_round_to_zero(float32 a, float_status *s) { return (int32_t)parts_to_int(unpack_f32(a, s), 32, float_round_to_zero, s); }
int64_t float64_to_int64(float64 a, float_status *s) { return parts_to_int(unpack_f64(a, s), 64, s->rounding_mode, s); }
int64_t float64_to_int64_round_to_zero(float64 a, float_status *s) { return parts_to_int(unpack_f64(a, s), 64, float_round_to_zero, s); }

static const float_status no_daz;  /* classification helpers look at the raw encoding */
bool float64_is_nan(float64 a) { return unpack_f64(a, &no_daz).cls == CLS_NAN; }
bool float32_is_nan(float32 a) { return unpack_f32(a, &no_daz).cls == CLS_NAN; }
bool float64_is_signaling_nan(float64 a) { return unpack_f64(a, &no_daz).snan; }
bool float32_is_signaling_nan(float32 a) { return unpack_f32(a, &no_daz).snan; }

/*
 * MINSS/MAXSS/MINSD/MAXSD: any NaN operand (quiet too) raises invalid and returns the second
 * operand unchanged; so does a pair of zeros of either sign. Otherwise the smaller (larger).
 * The operand is returned as it is, except that under DAZ a denormal comes back as a zero.
 */
static bool minmax_picks_b(fp_parts a, fp_parts b, bool want_max, float_status *s)
{
    if (a.cls == CLS_NAN || b.cls == CLS_NAN) {
        raise_flags(s, float_flag_invalid);
        return true;
    }
    FloatRelation r = compare_parts(a, b, true, s);   /* also raises the denormal flag */
    return r == float_relation_equal || (r == float_relation_greater) != want_max;
}

static uint64_t minmax_ieee(uint64_t a, uint64_t b, bool want_max, int frac_bits, int exp_bits,
                            float_status *s)
{
    fp_parts pa = unpack_ieee(a, frac_bits, exp_bits, s), pb = unpack_ieee(b, frac_bits, exp_bits, s);
    bool pick_b = minmax_picks_b(pa, pb, want_max, s);
    uint64_t raw = pick_b ? b : a;
    fp_parts p = pick_b ? pb : pa;
    return p.cls == CLS_ZERO ? raw & (1ull << (frac_bits + exp_bits)) : raw;
}

float32 float32_min_x86(float32 a, float32 b, float_status *s) { return (float32)minmax_ieee(a, b, false, 23, 8, s); }
float32 float32_max_x86(float32 a, float32 b, float_status *s) { return (float32)minmax_ieee(a, b, true, 23, 8, s); }
float64 float64_min_x86(float64 a, float64 b, float_status *s) { return minmax_ieee(a, b, false, 52, 11, s); }
float64 float64_max_x86(float64 a, float64 b, float_status *s) { return minmax_ieee(a, b, true, 52, 11, s); }

/* ROUNDSS/ROUNDSD: no denormal flag; under DAZ a denormal rounds as a zero. */
float32 float32_round_to_int(float32 a, float_status *s)
{
    fp_parts p = unpack_f32(a, s);
    if (p.cls == CLS_NORMAL && p.exp >= 23) {
        return a;
    }
    return pack_f32(round_to_int_parts(p, s));
}
float64 float64_round_to_int(float64 a, float_status *s)
{
    fp_parts p = unpack_f64(a, s);
    if (p.cls == CLS_NORMAL && p.exp >= 52) {
        return a;
    }
    return pack_f64(round_to_int_parts(p, s));
}
