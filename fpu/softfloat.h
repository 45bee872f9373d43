/*
 * softfloat.h - loongbt's software IEEE-754 arithmetic: 80-bit extended (x87), binary64 and
 * binary32 (SSE), giving the same bits on every host (x86_64, LoongArch, MIPS).
 *
 * Semantics are the x86 ones where IEEE leaves a choice: the default NaN is the negative quiet
 * NaN (floatx80 0xffff:c000000000000000, f64 0xfff8000000000000, f32 0xffc00000); a signaling
 * NaN is quieted by setting the top fraction bit; when both operands are NaNs the x87 and SSE
 * propagation rules are applied by the caller-selected rule (see nan_rule). Exception flags use
 * the x86 bit order so they map 1:1 onto the x87 status word and MXCSR.
 * Implemented in fpu/softfloat.c; checked against the host x87/SSE in tests/unit/test-softfloat.c.
 */
#ifndef FPU_SOFTFLOAT_H
#define FPU_SOFTFLOAT_H

#include <stdint.h>
#include <stdbool.h>

typedef uint32_t float32;
typedef uint64_t float64;
typedef struct floatx80 {
    uint64_t mant;      /* explicit integer bit at bit 63 */
    uint16_t sexp;      /* sign (bit 15) and biased exponent (bias 16383) */
} floatx80;

/* Rounding modes: the values of the x87 RC field and MXCSR.RC. */
enum { float_round_nearest_even = 0, float_round_down = 1, float_round_up = 2, float_round_to_zero = 3 };
/* Exception flags in x86 order (x87 status word bits 0-5, MXCSR bits 0-5), raised as the masked
 * instruction raises them: float_flag_denormal comes from arithmetic, compares, FRNDINT and widening
 * conversions, not when the result is invalid/divide-by-zero, never from FST/FIST/CVT*2SI/ROUNDSS;
 * underflow needs a tiny (after rounding) AND inexact result. */
enum {
    float_flag_invalid = 0x01, float_flag_denormal = 0x02, float_flag_divbyzero = 0x04,
    float_flag_overflow = 0x08, float_flag_underflow = 0x10, float_flag_inexact = 0x20,
};
/* Which NaN a two-NaN operation returns. */
enum {
    nan_rule_x87,   /* larger significand wins (x87: FADD/FMUL... with two NaNs) */
    nan_rule_sse,   /* first source operand wins (SSE: ADDSS dest,src returns dest's NaN) */
};
/* Result of a comparison. */
typedef enum { float_relation_less = -1, float_relation_equal = 0, float_relation_greater = 1,
               float_relation_unordered = 2 } FloatRelation;

typedef struct float_status {
    uint8_t rounding_mode;       /* float_round_* */
    uint8_t floatx80_precision;  /* 32, 64 or 80: x87 precision control (mantissa 24/53/64 bits) */
    uint8_t flags;               /* accumulated float_flag_* (sticky) */
    uint8_t nan_rule;            /* nan_rule_* */
    bool flush_to_zero;          /* MXCSR.FZ: tiny results become zero (with underflow+inexact) */
    bool denormals_are_zero;     /* MXCSR.DAZ: denormal inputs read as zero (no denormal flag) */
} float_status;

/* ---- floatx80 (x87) ---- */
floatx80 floatx80_add(floatx80 a, floatx80 b, float_status *s);
floatx80 floatx80_sub(floatx80 a, floatx80 b, float_status *s);
floatx80 floatx80_mul(floatx80 a, floatx80 b, float_status *s);
floatx80 floatx80_div(floatx80 a, floatx80 b, float_status *s);
floatx80 floatx80_sqrt(floatx80 a, float_status *s);
floatx80 floatx80_round_to_int(floatx80 a, float_status *s);            /* FRNDINT */
/* FPREM (ieee = false: truncating quotient) / FPREM1 (ieee = true: nearest): partial remainder
 * as the instruction computes it (reduces by at most 2^63 per step); *quot gets the low 3 quotient
 * bits (C0 C3 C1), *incomplete is set when another iteration is needed (C2). */
floatx80 floatx80_rem(floatx80 a, floatx80 b, bool ieee, uint64_t *quot, bool *incomplete,
                      float_status *s);
floatx80 floatx80_scale(floatx80 a, floatx80 b, float_status *s);      /* FSCALE */
void floatx80_xtract(floatx80 a, floatx80 *exp, floatx80 *sig, float_status *s); /* FXTRACT */
FloatRelation floatx80_compare(floatx80 a, floatx80 b, bool quiet, float_status *s);
bool floatx80_is_nan(floatx80 a);
bool floatx80_is_signaling_nan(floatx80 a);
bool floatx80_invalid_encoding(floatx80 a);   /* unnormals, pseudo-NaN/inf: #IA on x87 */
floatx80 floatx80_default_nan(void);
/* Precision control applies to add/sub/mul/div/sqrt only, as on the x87. */

/* conversions (x87 loads are exact, stores round with s->rounding_mode) */
floatx80 int32_to_floatx80(int32_t v);
floatx80 int64_to_floatx80(int64_t v);
floatx80 float32_to_floatx80(float32 a, float_status *s);
floatx80 float64_to_floatx80(float64 a, float_status *s);
float32 floatx80_to_float32(floatx80 a, float_status *s);
float64 floatx80_to_float64(floatx80 a, float_status *s);
/* Integer stores: out of range or NaN -> invalid + the "integer indefinite" (0x80..0). */
int16_t floatx80_to_int16(floatx80 a, float_status *s);
int32_t floatx80_to_int32(floatx80 a, float_status *s);
int64_t floatx80_to_int64(floatx80 a, float_status *s);
int16_t floatx80_to_int16_round_to_zero(floatx80 a, float_status *s); /* FISTTP */
int32_t floatx80_to_int32_round_to_zero(floatx80 a, float_status *s);
int64_t floatx80_to_int64_round_to_zero(floatx80 a, float_status *s);

/* ---- float64 / float32 (SSE, SSE2) ---- */
float64 float64_add(float64 a, float64 b, float_status *s);
float64 float64_sub(float64 a, float64 b, float_status *s);
float64 float64_mul(float64 a, float64 b, float_status *s);
float64 float64_div(float64 a, float64 b, float_status *s);
float64 float64_sqrt(float64 a, float_status *s);
FloatRelation float64_compare(float64 a, float64 b, bool quiet, float_status *s);
float32 float32_add(float32 a, float32 b, float_status *s);
float32 float32_sub(float32 a, float32 b, float_status *s);
float32 float32_mul(float32 a, float32 b, float_status *s);
float32 float32_div(float32 a, float32 b, float_status *s);
float32 float32_sqrt(float32 a, float_status *s);
FloatRelation float32_compare(float32 a, float32 b, bool quiet, float_status *s);
float64 float32_to_float64(float32 a, float_status *s);
float32 float64_to_float32(float64 a, float_status *s);
float64 int32_to_float64(int32_t v, float_status *s);
float32 int32_to_float32(int32_t v, float_status *s);
float64 int64_to_float64(int64_t v, float_status *s);
float32 int64_to_float32(int64_t v, float_status *s);
/* out of range or NaN -> invalid + 0x80000000 (x86 "integer indefinite") */
int32_t float64_to_int32(float64 a, float_status *s);
int32_t float64_to_int32_round_to_zero(float64 a, float_status *s);
int32_t float32_to_int32(float32 a, float_status *s);
int32_t float32_to_int32_round_to_zero(float32 a, float_status *s);
int64_t float64_to_int64(float64 a, float_status *s);
int64_t float64_to_int64_round_to_zero(float64 a, float_status *s);
bool float64_is_nan(float64 a);
bool float32_is_nan(float32 a);
bool float64_is_signaling_nan(float64 a);
bool float32_is_signaling_nan(float32 a);
/* SSE MINSS/MAXSS semantics: if either is NaN or both are zero, the SECOND operand is returned. */
float32 float32_min_x86(float32 a, float32 b, float_status *s);
float32 float32_max_x86(float32 a, float32 b, float_status *s);
float64 float64_min_x86(float64 a, float64 b, float_status *s);
float64 float64_max_x86(float64 a, float64 b, float_status *s);
/* ROUNDSS-style rounding to an integral value (SSE4.1 later; used by cvt helpers). */
float32 float32_round_to_int(float32 a, float_status *s);
float64 float64_round_to_int(float64 a, float_status *s);

#endif
