/*
 * fpu_helper.c - the x87 FPU: register stack, tags, status/control words, loads/stores,
 * arithmetic, compares, environment images (fnstenv/fnsave/fxsave) and the transcendentals.
 *
 * Translated code (translate-x87.c.inc) syncs eip/cc_op and calls one helper per instruction.
 * Arithmetic goes through fpu/softfloat (same bits on every host). The transcendentals
 * (fsin, fcos, fsincos, fptan, fpatan, f2xm1, fyl2x, fyl2xp1) are evaluated here in a private
 * 128-bit-mantissa format ("XF": integer arithmetic only, so host independent) and rounded
 * once to 64 bits with the current rounding mode; their argument reduction uses the 66-bit
 * pi of the hardware so large arguments reduce the way the CPU does.
 *
 * Exceptions: flags accumulate in the status word; an unmasked one sets ES/B and the next
 * "waiting" x87 instruction raises #MF (EXCP10_COPR -> SIGFPE). An unmasked exception aborts
 * memory stores and pops as on the CPU (fpu_aborted); an unmasked #I/#D/#Z of an arithmetic op
 * leaves its register destination unchanged (fpu_op_aborted), but an unmasked #O/#U still
 * writes the masked result to a register (the CPU would write it with a biased exponent).
 * Behaviour the SDM leaves open (C1 after fcomi/fcmov/ffree, results of fyl2xp1 far out of
 * range, ...) follows the CPU, measured with tests/difftest; such places say "measured".
 * C1 ("rounded up") of arithmetic results is computed lazily, when the status word is read.
 *
 * Sections: state helpers, C1, loads, arithmetic and compares, stores, register moves,
 * control, environment images, XF arithmetic, XF constants and series, transcendentals,
 * other no-operand ops, dispatch.
 */
#include "cpu.h"
#include "helper-proto.h"
#include "cpu-model.h"
#include "qemu.h"

/* ================================================================== state helpers */

#define ST(n) (env->fpregs[(env->fpstt + (n)) & 7])
#define STREG(n) ((env->fpstt + (n)) & 7)
#define FPUS_CC (FPUS_C0 | FPUS_C1 | FPUS_C2 | FPUS_C3)

static const floatx80 fx80_zero = { 0, 0 };
static const floatx80 fx80_one = { 0x8000000000000000ull, 0x3fff };

static inline bool fx80_is_zero(floatx80 a) { return (a.sexp & 0x7fff) == 0 && a.mant == 0; }
static inline bool fx80_is_inf(floatx80 a)
{
    return (a.sexp & 0x7fff) == 0x7fff && a.mant == 0x8000000000000000ull;
}
static inline bool fx80_sign(floatx80 a) { return a.sexp >> 15; }
static inline bool fx80_is_denormal(floatx80 a) { return (a.sexp & 0x7fff) == 0 && a.mant != 0; }
static inline floatx80 fx80_neg(floatx80 a) { a.sexp ^= 0x8000; return a; }

static void fpu_update_status_from_fpuc(CPUX86State *env)
{
    static const uint8_t precision[4] = { 32, 80, 64, 80 };   /* PC 01 is reserved */
    env->fp_status.rounding_mode = (env->fpuc >> 10) & 3;
    env->fp_status.floatx80_precision = precision[(env->fpuc >> 8) & 3];
    env->fp_status.nan_rule = nan_rule_x87;
}

/* Every FCW load (fldcw, fldenv, frstor, fxrstor): bit 6 reads as 1, the reserved bits 7 and
 * 13-15 as 0. */
static void fpu_load_control_word(CPUX86State *env, uint32_t cw)
{
    env->fpuc = (cw & 0x1f3f) | 0x40;
    fpu_update_status_from_fpuc(env);
}

void cpu_x86_fpu_init(CPUX86State *env)
{
    env->fpuc = FPUC_DEFAULT;
    env->fpus = 0;
    env->fpstt = 0;
    env->fpop = 0;
    env->fpip = env->fpdp = 0;
    for (int i = 0; i < 8; i++)
        env->fptags[i] = 1;
    env->fp_status.flags = 0;
    env->fp_c1_fn = NULL;
    fpu_update_status_from_fpuc(env);
}

/* Record exception flags; an unmasked one becomes pending (ES, B). */
static void fpu_raise(CPUX86State *env, int flags)
{
    env->fpus |= flags & (0x3f | FPUS_SF);
    if (flags & ~env->fpuc & 0x3f)
        env->fpus |= FPUS_ES | FPUS_B;
}

/* Move the flags softfloat accumulated into the status word. */
static void fpu_take_flags(CPUX86State *env)
{
    int f = env->fp_status.flags;
    env->fp_status.flags = 0;
    fpu_raise(env, f);
}

static inline bool fpu_invalid_masked(CPUX86State *env) { return env->fpuc & FPUS_IE; }

/*
 * Did an unmasked exception of `kinds` abort the current instruction (no store, no pop)?
 * A waiting instruction starts with no unmasked flag set (else fpu_check_pending raised #MF),
 * so any unmasked flag now is its own. Memory stores are aborted by #I #O #U, pops of
 * arithmetic and compares by #I #D #Z (#O #U #P complete them).
 */
#define FPU_ABORT_STORE (FPUS_IE | FPUS_OE | FPUS_UE)
#define FPU_ABORT_ARITH (FPUS_IE | FPUS_DE | FPUS_ZE)
static inline bool fpu_aborted(CPUX86State *env, int kinds)
{
    return env->fpus & ~env->fpuc & kinds;
}

static void fpu_pop(CPUX86State *env);
static void fpu_pop_unless_aborted(CPUX86State *env, int kinds)
{
    if (!fpu_aborted(env, kinds))
        fpu_pop(env);
}

/* Writing C1 (or all condition codes) supersedes a lazily computed C1 (fpu_binop_to). */
static inline void fpu_set_cc(CPUX86State *env, int cc)
{
    env->fpus = (env->fpus & ~FPUS_CC) | cc;
    env->fp_c1_fn = NULL;
}

static inline void fpu_set_c1(CPUX86State *env, bool c1)
{
    env->fpus = (env->fpus & ~FPUS_C1) | (c1 ? FPUS_C1 : 0);
    env->fp_c1_fn = NULL;
}

/* A waiting instruction: deliver a pending unmasked exception first (#MF). */
static void fpu_check_pending(CPUX86State *env)
{
    if (env->fpus & FPUS_ES)
        raise_exception(env, EXCP10_COPR);
}

static inline bool fpu_empty(CPUX86State *env, int i) { return env->fptags[STREG(i)]; }

/* Stack underflow: IE + SF, C1 = 0. Returns whether the masked response should be written. */
static bool fpu_underflow(CPUX86State *env)
{
    fpu_raise(env, FPUS_IE | FPUS_SF);
    fpu_set_c1(env, false);
    return fpu_invalid_masked(env);
}

static void fpu_pop(CPUX86State *env)
{
    env->fptags[env->fpstt] = 1;
    env->fpstt = (env->fpstt + 1) & 7;
}

/* Room for a push? If not: stack overflow (IE + SF, C1 = 1) and, when masked, the indefinite
 * NaN is pushed. Returns true when the caller may push its value. */
static bool fpu_push_check(CPUX86State *env)
{
    int top = (env->fpstt - 1) & 7;
    if (env->fptags[top])
        return true;
    fpu_raise(env, FPUS_IE | FPUS_SF);
    fpu_set_c1(env, true);
    if (fpu_invalid_masked(env)) {
        env->fpstt = top;
        env->fpregs[top] = floatx80_default_nan();
        env->fptags[top] = 0;
    }
    return false;
}

static void fpu_push(CPUX86State *env, floatx80 v)
{
    int top = (env->fpstt - 1) & 7;
    env->fpstt = top;
    env->fpregs[top] = v;
    env->fptags[top] = 0;
}

static void fpu_set_st(CPUX86State *env, int i, floatx80 v)
{
    ST(i) = v;
    env->fptags[STREG(i)] = 0;
}

/* FXTRACT, FSINCOS and FPTAN replace ST0 and push a second result. An empty ST0 is an
 * underflow (C1 = 0, even when ST7 is full), a full ST7 an overflow (C1 = 1); the masked
 * response of both puts the indefinite NaN in ST0 and ST1 (measured). Returns true when
 * the caller may compute. */
static bool fpu_replace_push_check(CPUX86State *env)
{
    bool under = fpu_empty(env, 0);
    if (!under && fpu_empty(env, 7))
        return true;
    fpu_raise(env, FPUS_IE | FPUS_SF);
    fpu_set_c1(env, !under);
    if (fpu_invalid_masked(env)) {
        fpu_set_st(env, 0, floatx80_default_nan());
        fpu_push(env, floatx80_default_nan());
    }
    return false;
}

/* An unmasked #I, #D or #Z among the flags of the operation just computed (fp_status) aborts
 * it before it writes anything: report that flag alone (no #P/#U of the discarded result),
 * C1 = 0, registers and TOP unchanged (measured). */
static bool fpu_op_aborted(CPUX86State *env)
{
    int aborting = env->fp_status.flags & ~env->fpuc & FPU_ABORT_ARITH;
    if (!aborting)
        return false;
    env->fp_status.flags = 0;
    fpu_set_c1(env, false);
    fpu_raise(env, aborting);
    return true;
}

/* ================================================================== rounding direction (C1) */

/*
 * C1 after a rounded result: 1 when the result was rounded away from zero. Found by redoing
 * the operation with truncation: if that gives other bits, the first result is the larger
 * one. Programs almost never look, so for add/sub/mul/div/sqrt the redo is deferred until the
 * status word is read (fpu_resolve_c1) or C1 is overwritten.
 */
typedef floatx80 (*X87BinOp)(floatx80, floatx80, float_status *);

static void fpu_resolve_c1(CPUX86State *env)
{
    X87BinOp fn = (X87BinOp)env->fp_c1_fn;
    if (!fn)
        return;
    float_status tz = env->fp_c1_status;
    tz.rounding_mode = float_round_to_zero;
    floatx80 t = fn(env->fp_c1_a, env->fp_c1_b, &tz);
    fpu_set_c1(env, t.mant != env->fp_c1_r.mant || t.sexp != env->fp_c1_r.sexp);
}

/* ST(i) = fn(a, b), unless an unmasked #I, #D or #Z aborts (fpu_op_aborted). */
static void fpu_binop_to(CPUX86State *env, int i, X87BinOp fn, floatx80 a, floatx80 b)
{
    env->fp_status.flags = 0;
    floatx80 r = fn(a, b, &env->fp_status);
    fpu_set_c1(env, false);
    if (fpu_op_aborted(env))
        return;
    if ((env->fp_status.flags & float_flag_inexact) &&
        env->fp_status.rounding_mode != float_round_to_zero) {
        env->fp_c1_fn = (void *)fn;
        env->fp_c1_a = a;
        env->fp_c1_b = b;
        env->fp_c1_r = r;
        env->fp_c1_status = env->fp_status;
    }
    fpu_take_flags(env);
    fpu_set_st(env, i, r);
}

/* ================================================================== loads */

/* A converting load: pending exceptions and stack overflow first, then the conversion's own
 * flags (denormal, invalid for SNaN), C1 = 0, push. */
static bool fpu_load_begin(CPUX86State *env)
{
    fpu_check_pending(env);
    if (!fpu_push_check(env))
        return false;
    env->fp_status.flags = 0;
    return true;
}

static void fpu_load_finish(CPUX86State *env, floatx80 x)
{
    fpu_take_flags(env);
    fpu_set_c1(env, false);
    fpu_push(env, x);
}

void helper_fld_f32(CPUX86State *env, uint32_t v)
{
    if (fpu_load_begin(env))
        fpu_load_finish(env, float32_to_floatx80(v, &env->fp_status));
}

void helper_fld_f64(CPUX86State *env, uint64_t v)
{
    if (fpu_load_begin(env))
        fpu_load_finish(env, float64_to_floatx80(v, &env->fp_status));
}

void helper_fild_i32(CPUX86State *env, int32_t v)
{
    fpu_check_pending(env);
    if (!fpu_push_check(env))
        return;
    fpu_set_c1(env, false);
    fpu_push(env, int32_to_floatx80(v));
}

void helper_fild_i64(CPUX86State *env, uint64_t v)
{
    fpu_check_pending(env);
    if (!fpu_push_check(env))
        return;
    fpu_set_c1(env, false);
    fpu_push(env, int64_to_floatx80((int64_t)v));
}

static floatx80 fx80_load(const uint8_t *p)
{
    floatx80 x;
    x.mant = 0;
    for (int i = 7; i >= 0; i--)
        x.mant = (x.mant << 8) | p[i];
    x.sexp = p[8] | (p[9] << 8);
    return x;
}

static void fx80_store(uint8_t *p, floatx80 x)
{
    for (int i = 0; i < 8; i++)
        p[i] = x.mant >> (8 * i);
    p[8] = x.sexp;
    p[9] = x.sexp >> 8;
}

void helper_fld_f80(CPUX86State *env, uint32_t addr)
{
    fpu_check_pending(env);
    floatx80 x = fx80_load(g2h(addr));    /* read first: a fault leaves the stack alone */
    if (!fpu_push_check(env))
        return;
    fpu_set_c1(env, false);
    fpu_push(env, x);                     /* m80 loads are exact, no flags */
}

void helper_fbld(CPUX86State *env, uint32_t addr)
{
    fpu_check_pending(env);
    const uint8_t *p = g2h(addr);
    int64_t v = 0;
    for (int i = 8; i >= 0; i--)
        v = v * 100 + (p[i] >> 4) * 10 + (p[i] & 15);
    bool neg = p[9] & 0x80;
    if (!fpu_push_check(env))
        return;
    floatx80 x = int64_to_floatx80(v);
    if (neg)
        x = fx80_neg(x);                  /* -0 stays -0 */
    fpu_set_c1(env, false);
    fpu_push(env, x);
}

void helper_fld_st(CPUX86State *env, int32_t i)
{
    fpu_check_pending(env);
    floatx80 x = ST(i);
    if (fpu_empty(env, i)) {
        /* an empty source is reported as underflow (C1 = 0) even when ST7 is full too */
        if (fpu_underflow(env))
            fpu_push(env, floatx80_default_nan());
        return;
    }
    if (!fpu_push_check(env))
        return;
    fpu_set_c1(env, false);
    fpu_push(env, x);
}

/* ================================================================== arithmetic and compares */

/* C3 C2 C0 of a comparison. */
static int fpu_relation_cc(FloatRelation r)
{
    switch (r) {
    case float_relation_less:    return FPUS_C0;
    case float_relation_equal:   return FPUS_C3;
    case float_relation_greater: return 0;
    default:                     return FPUS_C0 | FPUS_C2 | FPUS_C3;
    }
}

static void fpu_compare(CPUX86State *env, floatx80 a, floatx80 b, bool quiet)
{
    env->fp_status.flags = 0;
    FloatRelation r = floatx80_compare(a, b, quiet, &env->fp_status);
    fpu_take_flags(env);
    fpu_set_cc(env, fpu_relation_cc(r));
}

/* dst (ST(i)) op= src; compares leave dst alone and pop for the P forms. The caller checked
 * that dst is not empty. */
static void fpu_arith(CPUX86State *env, int op, int i, floatx80 src)
{
    floatx80 a = ST(i);
    switch (op) {
    case X87_COM: case X87_COMP:
        fpu_compare(env, a, src, false);
        break;
    case X87_UCOM: case X87_UCOMP:
        fpu_compare(env, a, src, true);
        break;
    case X87_ADD:  fpu_binop_to(env, i, floatx80_add, a, src); break;
    case X87_MUL:  fpu_binop_to(env, i, floatx80_mul, a, src); break;
    case X87_SUB:  fpu_binop_to(env, i, floatx80_sub, a, src); break;
    case X87_SUBR: fpu_binop_to(env, i, floatx80_sub, src, a); break;
    case X87_DIV:  fpu_binop_to(env, i, floatx80_div, a, src); break;
    case X87_DIVR: fpu_binop_to(env, i, floatx80_div, src, a); break;
    default: break;
    }
}

static bool x87_op_is_compare(int op)
{
    return op == X87_COM || op == X87_COMP || op == X87_UCOM || op == X87_UCOMP;
}

static bool x87_op_pops(int op) { return op == X87_COMP || op == X87_UCOMP; }

/* Stack underflow response of an arithmetic op writing ST(i): indefinite, or "unordered". */
static void fpu_arith_underflow(CPUX86State *env, int op, int i)
{
    bool masked = fpu_underflow(env);
    if (x87_op_is_compare(op))
        fpu_set_cc(env, FPUS_C0 | FPUS_C2 | FPUS_C3);   /* masked or not (measured) */
    else if (masked)
        fpu_set_st(env, i, floatx80_default_nan());
}

/* Memory-operand forms: ST0 op= converted operand. */
static void fpu_arith_mem(CPUX86State *env, int op, floatx80 src, int flags)
{
    if (fpu_empty(env, 0)) {
        fpu_arith_underflow(env, op, 0);
    } else {
        if (floatx80_is_nan(ST(0)) || floatx80_invalid_encoding(ST(0)))
            flags &= ~float_flag_denormal;         /* a NaN in ST0 hides #D of the operand */
        if (op == X87_DIVR && fx80_is_zero(ST(0)))
            flags &= ~float_flag_denormal;         /* denormal / 0: only #Z (measured) */
        fpu_raise(env, flags);
        if (x87_op_is_compare(op) || !(flags & ~env->fpuc & FPU_ABORT_ARITH))
            fpu_arith(env, op, 0, src);        /* an unmasked #D of the operand aborts */
    }
    if (x87_op_pops(op))
        fpu_pop_unless_aborted(env, FPU_ABORT_ARITH);
}

/* A NaN memory operand widened bit for bit: an SNaN must stay signalling until the
 * operation, where the x87 NaN rule prefers a QNaN in ST0 to it (a converting load would
 * quiet it first and then win on the larger significand). */
static floatx80 fx80_widen_nan(bool sign, uint64_t frac_top_aligned)
{
    floatx80 r = { frac_top_aligned | 1ull << 63, (uint16_t)((sign << 15) | 0x7fff) };
    return r;
}

void helper_farith_f32(CPUX86State *env, int32_t op, uint32_t v)
{
    fpu_check_pending(env);
    if ((v & 0x7f800000) == 0x7f800000 && (v & 0x7fffff)) {
        fpu_arith_mem(env, op, fx80_widen_nan(v >> 31, (uint64_t)(v & 0x7fffff) << 40), 0);
        return;
    }
    env->fp_status.flags = 0;
    floatx80 src = float32_to_floatx80(v, &env->fp_status);
    int flags = env->fp_status.flags;
    env->fp_status.flags = 0;
    fpu_arith_mem(env, op, src, flags);
}

void helper_farith_f64(CPUX86State *env, int32_t op, uint64_t v)
{
    fpu_check_pending(env);
    if ((v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (v & 0xfffffffffffffull)) {
        fpu_arith_mem(env, op, fx80_widen_nan(v >> 63, (v & 0xfffffffffffffull) << 11), 0);
        return;
    }
    env->fp_status.flags = 0;
    floatx80 src = float64_to_floatx80(v, &env->fp_status);
    int flags = env->fp_status.flags;
    env->fp_status.flags = 0;
    fpu_arith_mem(env, op, src, flags);
}

void helper_farith_int(CPUX86State *env, int32_t op, int32_t v)
{
    fpu_check_pending(env);
    fpu_arith_mem(env, op, int32_to_floatx80(v), 0);
}

void helper_farith_st(CPUX86State *env, int32_t op, int32_t i, int32_t j)
{
    fpu_check_pending(env);
    if (fpu_empty(env, i) || fpu_empty(env, j))
        fpu_arith_underflow(env, op, i);
    else
        fpu_arith(env, op, i, ST(j));
    if (x87_op_pops(op))
        fpu_pop_unless_aborted(env, FPU_ABORT_ARITH);
}

/* FCOMI/FUCOMI(P): ZF PF CF as C3 C2 C0 would be; OF SF AF cleared. */
uint32_t helper_fcomi(CPUX86State *env, int32_t i, int32_t quiet, int32_t pop)
{
    static const uint32_t eflags_of[4] = { CC_C, CC_Z, 0, CC_Z | CC_P | CC_C };
    fpu_check_pending(env);
    uint32_t flags;
    if (fpu_empty(env, 0) || fpu_empty(env, i)) {
        fpu_underflow(env);
        flags = CC_Z | CC_P | CC_C;
    } else {
        env->fp_status.flags = 0;
        FloatRelation r = floatx80_compare(ST(0), ST(i), quiet, &env->fp_status);
        fpu_take_flags(env);                 /* C1 stays as it was (measured; the SDM says 0) */
        flags = eflags_of[r + 1];
    }
    if (pop)
        fpu_pop_unless_aborted(env, FPU_ABORT_ARITH);
    return flags;
}

/* ================================================================== stores */

/* ST0 for a store, or NULL after the underflow response (C1 = 0, IE + SF). */
static const floatx80 *fpu_store_source(CPUX86State *env)
{
    if (fpu_empty(env, 0)) {
        fpu_underflow(env);
        return NULL;
    }
    return &ST(0);
}

/*
 * Flags and C1 of FST/FSTP m32fp/m64fp (the converted result's flags are in fp_status).
 * softfloat flags #U only for an inexact tiny result (the masked rule); unmasked, any tiny
 * result underflows, an exactly representable denormal included. An unmasked #U or #O aborts
 * the store and is reported alone: no #P, C1 = 0 (measured).
 */
static void fpu_store_narrowed(CPUX86State *env, bool denormal_result, bool up)
{
    int flags = env->fp_status.flags;
    env->fp_status.flags = 0;
    if (denormal_result)
        flags |= float_flag_underflow & ~env->fpuc;
    int aborting = flags & ~env->fpuc & (FPUS_OE | FPUS_UE);
    if (aborting) {
        flags = aborting;
        up = false;
    }
    fpu_set_c1(env, up);
    fpu_raise(env, flags);
}

uint32_t helper_fst_f32(CPUX86State *env, uint32_t old)
{
    fpu_check_pending(env);
    const floatx80 *x = fpu_store_source(env);
    if (!x)
        return fpu_invalid_masked(env) ? 0xffc00000 : old;
    env->fp_status.flags = 0;
    float32 r = floatx80_to_float32(*x, &env->fp_status);
    bool up = false;
    if (env->fp_status.flags & float_flag_inexact) {
        float_status tz = env->fp_status;
        tz.rounding_mode = float_round_to_zero;
        up = floatx80_to_float32(*x, &tz) != r;
    }
    fpu_store_narrowed(env, (r & 0x7f800000) == 0 && (r & 0x7fffff), up);
    return fpu_aborted(env, FPU_ABORT_STORE) ? old : r;
}

uint64_t helper_fst_f64(CPUX86State *env, uint64_t old)
{
    fpu_check_pending(env);
    const floatx80 *x = fpu_store_source(env);
    if (!x)
        return fpu_invalid_masked(env) ? 0xfff8000000000000ull : old;
    env->fp_status.flags = 0;
    float64 r = floatx80_to_float64(*x, &env->fp_status);
    bool up = false;
    if (env->fp_status.flags & float_flag_inexact) {
        float_status tz = env->fp_status;
        tz.rounding_mode = float_round_to_zero;
        up = floatx80_to_float64(*x, &tz) != r;
    }
    fpu_store_narrowed(env, (r & 0x7ff0000000000000ull) == 0 && (r & 0xfffffffffffffull), up);
    return fpu_aborted(env, FPU_ABORT_STORE) ? old : r;
}

/* Integer stores round with RC (or truncate for FISTTP). C1 = rounded up. */
static int64_t fpu_to_int(CPUX86State *env, floatx80 x, int bits, bool truncate)
{
    float_status st = env->fp_status;
    if (truncate)
        st.rounding_mode = float_round_to_zero;
    st.flags = 0;
    int64_t r;
    switch (bits) {
    case 16: r = floatx80_to_int16(x, &st); break;
    case 32: r = floatx80_to_int32(x, &st); break;
    default: r = floatx80_to_int64(x, &st); break;
    }
    bool up = false;
    if ((st.flags & (float_flag_inexact | float_flag_invalid)) == float_flag_inexact &&
        st.rounding_mode != float_round_to_zero) {
        float_status tz = st;
        tz.rounding_mode = float_round_to_zero;
        int64_t t = floatx80_to_int64_round_to_zero(x, &tz);
        up = t != r;
    }
    fpu_set_c1(env, up);
    fpu_raise(env, st.flags);
    return r;
}

uint32_t helper_fist_int(CPUX86State *env, int32_t bits, int32_t truncate, uint32_t old)
{
    fpu_check_pending(env);
    const floatx80 *x = fpu_store_source(env);
    uint32_t r = x ? (uint32_t)fpu_to_int(env, *x, bits, truncate)
                   : (bits == 16 ? 0x8000 : 0x80000000u);
    return fpu_aborted(env, FPU_ABORT_STORE) ? old : r;
}

uint64_t helper_fist_i64(CPUX86State *env, int32_t truncate, uint64_t old)
{
    fpu_check_pending(env);
    const floatx80 *x = fpu_store_source(env);
    uint64_t r = x ? (uint64_t)fpu_to_int(env, *x, 64, truncate) : 0x8000000000000000ull;
    return fpu_aborted(env, FPU_ABORT_STORE) ? old : r;
}

void helper_fst_f80(CPUX86State *env, uint32_t addr, int32_t pop)
{
    fpu_check_pending(env);
    const floatx80 *x = fpu_store_source(env);
    if (x) {
        fpu_set_c1(env, false);
        fx80_store(g2h(addr), *x);
    } else if (fpu_invalid_masked(env)) {
        fx80_store(g2h(addr), floatx80_default_nan());
    }
    if (pop)
        fpu_pop_unless_aborted(env, FPU_ABORT_STORE);
}

void helper_fbstp(CPUX86State *env, uint32_t addr)
{
    fpu_check_pending(env);
    const floatx80 *x = fpu_store_source(env);
    uint8_t img[10] = { [7] = 0xc0, [8] = 0xff, [9] = 0xff };   /* BCD indefinite */
    bool valid = false;
    if (x) {
        env->fp_status.flags = 0;
        floatx80 r = floatx80_round_to_int(*x, &env->fp_status);
        int64_t v = floatx80_to_int64(r, &env->fp_status);
        env->fp_status.flags &= ~float_flag_denormal;   /* FBSTP does not report #D */
        float_status scratch = env->fp_status;
        bool up = (env->fp_status.flags & float_flag_inexact) &&
                  floatx80_compare(fx80_sign(r) ? fx80_neg(r) : r,
                                   fx80_sign(*x) ? fx80_neg(*x) : *x, true, &scratch) ==
                  float_relation_greater;
        uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
        if (floatx80_is_nan(*x) || (env->fp_status.flags & float_flag_invalid) ||
            mag > 999999999999999999ull) {
            env->fp_status.flags = float_flag_invalid;
        } else {
            valid = true;
            for (int i = 0; i < 9; i++) {
                img[i] = (mag % 10) | ((mag / 10 % 10) << 4);
                mag /= 100;
            }
            img[9] = fx80_sign(*x) ? 0x80 : 0;
        }
        fpu_set_c1(env, valid && up);
        fpu_take_flags(env);
    }
    if (valid || fpu_invalid_masked(env))
        memcpy(g2h(addr), img, 10);
    fpu_pop_unless_aborted(env, FPU_ABORT_STORE);
}

/* The pop of a store (store != 0) or of an arithmetic DE-form instruction. */
void helper_fpop(CPUX86State *env, int32_t store)
{
    fpu_pop_unless_aborted(env, store ? FPU_ABORT_STORE : FPU_ABORT_ARITH);
}

void helper_fst_st(CPUX86State *env, int32_t i, int32_t pop)
{
    fpu_check_pending(env);
    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env))
            fpu_set_st(env, i, floatx80_default_nan());
    } else {
        fpu_set_c1(env, false);
        fpu_set_st(env, i, ST(0));
    }
    if (pop)
        fpu_pop_unless_aborted(env, FPU_ABORT_ARITH);
}

/* ================================================================== register moves */

void helper_fxch(CPUX86State *env, int32_t i)
{
    fpu_check_pending(env);
    if (fpu_empty(env, 0) || fpu_empty(env, i)) {
        if (!fpu_underflow(env))
            return;
        /* masked: empty registers read as the indefinite NaN */
        if (fpu_empty(env, 0))
            fpu_set_st(env, 0, floatx80_default_nan());
        if (fpu_empty(env, i))
            fpu_set_st(env, i, floatx80_default_nan());
    } else {
        fpu_set_c1(env, false);
    }
    floatx80 t = ST(0);
    ST(0) = ST(i);
    ST(i) = t;
}

void helper_ffree(CPUX86State *env, int32_t i, int32_t pop)
{
    fpu_check_pending(env);
    env->fptags[STREG(i)] = 1;
    fpu_set_c1(env, false);              /* measured: C1 cleared, C0 C2 C3 kept */
    if (pop)
        fpu_pop(env);
}

void helper_fcmov(CPUX86State *env, int32_t i, uint32_t cond)
{
    fpu_check_pending(env);
    if (fpu_empty(env, 0) || fpu_empty(env, i)) {
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return;
    }
    if (cond)                            /* C1 unchanged (measured; the SDM says 0) */
        fpu_set_st(env, 0, ST(i));
}

/* ================================================================== control */

void helper_fldcw(CPUX86State *env, uint32_t cw)
{
    fpu_check_pending(env);
    fpu_load_control_word(env, cw);
    /* unmasking a flag that is already set makes it pending (as the CPU does) */
    if (env->fpus & ~env->fpuc & 0x3f)
        env->fpus |= FPUS_ES | FPUS_B;
    else
        env->fpus &= ~(FPUS_ES | FPUS_B);
}

uint32_t helper_fnstcw(CPUX86State *env)
{
    return env->fpuc;
}

static uint16_t fpu_status_word(CPUX86State *env)
{
    fpu_resolve_c1(env);
    return (env->fpus & ~0x3800) | ((env->fpstt & 7) << 11);
}

uint32_t helper_fnstsw(CPUX86State *env)
{
    return fpu_status_word(env);
}

static void fpu_load_status_word(CPUX86State *env, uint16_t sw)
{
    env->fp_c1_fn = NULL;
    env->fpstt = (sw >> 11) & 7;
    env->fpus = sw & ~0x3800;
}

/* ================================================================== environment images */

/* Full tag word: 00 valid, 01 zero, 10 special (NaN, inf, denormal, unsupported), 11 empty. */
static int fpu_tag_of(CPUX86State *env, int phys)
{
    if (env->fptags[phys])
        return 3;
    floatx80 x = env->fpregs[phys];
    int e = x.sexp & 0x7fff;
    if (e == 0)
        return x.mant == 0 ? 1 : 2;
    if (e == 0x7fff || !(x.mant >> 63))
        return 2;
    return 0;
}

static uint16_t fpu_full_tags(CPUX86State *env)
{
    uint16_t t = 0;
    for (int i = 0; i < 8; i++)
        t |= fpu_tag_of(env, i) << (2 * i);
    return t;
}

static void put16(uint8_t *p, uint32_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }
static uint32_t get16(const uint8_t *p) { return p[0] | (p[1] << 8); }
static uint32_t get32(const uint8_t *p) { return get16(p) | (get16(p + 2) << 16); }

/* FNSTENV image, protected mode: 28 bytes (7 dwords) or 14 bytes (7 words) with a 16-bit
 * operand size. Reserved halves read as 0xffff on the CPU. Returns the image size. */
static int fpu_store_env(CPUX86State *env, uint8_t *p, bool data32)
{
    uint32_t w[7] = {
        env->fpuc, fpu_status_word(env), fpu_full_tags(env), env->fpip,
        (env->segs[R_CS].selector & 0xffff) | ((uint32_t)(env->fpop & 0x7ff) << 16),
        env->fpdp, env->segs[R_DS].selector & 0xffff,
    };
    if (!data32) {
        for (int i = 0; i < 7; i++)
            put16(p + 2 * i, i == 4 ? w[4] & 0xffff : w[i]);
        return 14;
    }
    for (int i = 0; i < 7; i++)
        put32(p + 4 * i, w[i] | (i < 3 || i == 6 ? 0xffff0000u : 0));
    return 28;
}

static int fpu_load_env(CPUX86State *env, const uint8_t *p, bool data32)
{
    int step = data32 ? 4 : 2;
    fpu_load_control_word(env, get16(p));
    fpu_load_status_word(env, get16(p + step));
    uint16_t tags = get16(p + 2 * step);
    for (int i = 0; i < 8; i++)
        env->fptags[i] = ((tags >> (2 * i)) & 3) == 3;
    if (data32) {
        env->fpip = get32(p + 12);
        env->fpop = (get32(p + 16) >> 16) & 0x7ff;
        env->fpdp = get32(p + 20);
    }
    if (env->fpus & ~env->fpuc & 0x3f)
        env->fpus |= FPUS_ES | FPUS_B;
    else
        env->fpus &= ~(FPUS_ES | FPUS_B);
    return data32 ? 28 : 14;
}

void helper_fldenv(CPUX86State *env, uint32_t addr, int32_t data32)
{
    fpu_check_pending(env);
    fpu_load_env(env, g2h(addr), data32);
}

void helper_fnstenv(CPUX86State *env, uint32_t addr, int32_t data32)
{
    fpu_store_env(env, g2h(addr), data32);
    env->fpuc |= 0x3f;             /* FNSTENV then masks every exception: nothing pending */
    fpu_update_status_from_fpuc(env);
    env->fpus &= ~(FPUS_ES | FPUS_B);
}

/* The register images of FNSAVE / FRSTOR follow the environment, ST0 first. */
static void fpu_save_regs(CPUX86State *env, uint8_t *p)
{
    for (int i = 0; i < 8; i++)
        fx80_store(p + 10 * i, ST(i));
}

static void fpu_load_regs(CPUX86State *env, const uint8_t *p)
{
    for (int i = 0; i < 8; i++)
        ST(i) = fx80_load(p + 10 * i);
}

void cpu_x86_fsave(CPUX86State *env, uint8_t *p)
{
    fpu_save_regs(env, p + fpu_store_env(env, p, true));
}

void cpu_x86_frstor(CPUX86State *env, const uint8_t *p)
{
    fpu_load_regs(env, p + fpu_load_env(env, p, true));
}

void helper_frstor(CPUX86State *env, uint32_t addr, int32_t data32)
{
    fpu_check_pending(env);
    const uint8_t *p = g2h(addr);
    fpu_load_regs(env, p + fpu_load_env(env, p, data32));
}

void helper_fnsave(CPUX86State *env, uint32_t addr, int32_t data32)
{
    uint8_t *p = g2h(addr);
    fpu_save_regs(env, p + fpu_store_env(env, p, data32));
    cpu_x86_fpu_init(env);
}

/* FXSAVE, 32-bit layout: FCW FSW FTW(abridged) FOP FIP FCS FDP FDS MXCSR MXCSR_MASK, ST0-7 in
 * 16-byte slots, XMM0-7. Bytes 288-511 (reserved / available) are not written. MXCSR_MASK
 * depends on the CPU model (cpu-model.h); so does the last-instruction pointer block: AMD
 * (measured on the EPYC) writes FOP FIP FCS FDP FDS as 0 unless an exception is pending
 * (FSW.ES), and FDS as 0 while FDP is (tests/guest/x87-fip.c); Intel always stores them. */

void cpu_x86_fxsave(CPUX86State *env, uint8_t *p)
{
    uint8_t ftw = 0;
    for (int i = 0; i < 8; i++)
        ftw |= !env->fptags[i] << i;
    put16(p + 0, env->fpuc);
    put16(p + 2, fpu_status_word(env));
    p[4] = ftw;
    p[5] = 0;
    put16(p + 6, env->fpop & 0x7ff);
    put32(p + 8, env->fpip);
    put32(p + 12, env->segs[R_CS].selector & 0xffff);
    put32(p + 16, env->fpdp);
    put32(p + 20, env->segs[R_DS].selector & 0xffff);
    if (x86_cpu_is_amd()) {
        if (!(fpu_status_word(env) & FPUS_ES))
            memset(p + 6, 0, 18);
        else if (!env->fpdp)
            put32(p + 20, 0);          /* no memory operand since fninit: FDS 0 too */
    }
    put32(p + 24, env->mxcsr);
    put32(p + 28, x86_cpu_mxcsr_mask());
    for (int i = 0; i < 8; i++) {
        memset(p + 32 + 16 * i, 0, 16);
        fx80_store(p + 32 + 16 * i, ST(i));
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 16; j++)
            p[160 + 16 * i + j] = env->xmm_regs[i].b[j];
}

bool cpu_x86_fxrstor(CPUX86State *env, const uint8_t *p)
{
    uint32_t mxcsr = get32(p + 24);
    if (mxcsr & ~x86_cpu_mxcsr_mask())
        return false;
    fpu_load_control_word(env, get16(p));
    fpu_load_status_word(env, get16(p + 2));
    for (int i = 0; i < 8; i++)
        env->fptags[i] = !((p[4] >> i) & 1);
    env->fpop = get16(p + 6) & 0x7ff;
    env->fpip = get32(p + 8);
    env->fpdp = get32(p + 16);
    for (int i = 0; i < 8; i++)
        ST(i) = fx80_load(p + 32 + 16 * i);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 16; j++)
            env->xmm_regs[i].b[j] = p[160 + 16 * i + j];
    cpu_set_mxcsr(env, mxcsr);                     /* sse_helper.c: MXCSR -> sse_status */
    if (env->fpus & ~env->fpuc & 0x3f)
        env->fpus |= FPUS_ES | FPUS_B;
    else
        env->fpus &= ~(FPUS_ES | FPUS_B);
    return true;
}

/* FXSAVE and FXRSTOR do not deliver a pending x87 exception (no #MF, SDM). */
void helper_fxsave(CPUX86State *env, uint32_t addr)
{
    if (addr & 15)
        raise_exception_err(env, EXCP0D_GPF, 0);
    cpu_x86_fxsave(env, g2h(addr));
}

void helper_fxrstor(CPUX86State *env, uint32_t addr)
{
    if ((addr & 15) || !cpu_x86_fxrstor(env, g2h(addr)))
        raise_exception_err(env, EXCP0D_GPF, 0);
}

/* ================================================================== XF: 128-bit working format */

/*
 * value = m * 2^(exp - 127), m normalised (bit 127 set) or 0. Operations truncate, so each
 * loses at most ~2^-126 relative; the transcendentals below need a few dozen of them and
 * round once to 64 bits at the end.
 */
typedef unsigned __int128 u128;
typedef struct XF {
    bool sign;
    int exp;
    u128 m;
} XF;

static int clz128(u128 v)
{
    uint64_t hi = v >> 64, lo = (uint64_t)v;
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll(lo);
}

static XF xf_norm(XF a)
{
    if (a.m == 0) {
        a.exp = 0;
        return a;
    }
    int n = clz128(a.m);
    a.m <<= n;
    a.exp -= n;
    return a;
}

static XF xf_from_int(int64_t v)
{
    XF r = { v < 0, 127, v < 0 ? -(u128)v : (u128)v };
    return xf_norm(r);
}

static XF xf_from_fx80(floatx80 a)
{
    int e = a.sexp & 0x7fff;
    XF r = { fx80_sign(a), (e ? e : 1) - 16383, (u128)a.mant << 64 };
    return xf_norm(r);
}

static XF xf_neg(XF a) { a.sign = !a.sign; return a; }

static XF xf_add(XF a, XF b)
{
    if (b.m == 0)
        return a;
    if (a.m == 0)
        return b;
    if (a.exp < b.exp || (a.exp == b.exp && a.m < b.m)) {
        XF t = a; a = b; b = t;                 /* |a| >= |b| */
    }
    int d = a.exp - b.exp;
    u128 bm = d >= 128 ? 0 : b.m >> d;
    if (d >= 128 || (d > 0 && (b.m << (128 - d)) != 0))
        bm |= 1;                                   /* sticky: keeps the direction of b */
    XF r = { a.sign, a.exp, 0 };
    if (a.sign == b.sign) {
        r.m = a.m + bm;
        if (r.m < a.m) {                        /* carry out of bit 127 */
            r.m = (r.m >> 1) | ((u128)1 << 127);
            r.exp++;
        }
        return r;
    }
    r.m = a.m - bm;
    return xf_norm(r);
}

static XF xf_sub(XF a, XF b) { return xf_add(a, xf_neg(b)); }

static u128 mul128_hi(u128 a, u128 b)
{
    uint64_t a0 = (uint64_t)a, a1 = a >> 64, b0 = (uint64_t)b, b1 = b >> 64;
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1, p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    return p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

static XF xf_mul(XF a, XF b)
{
    if (a.m == 0 || b.m == 0)
        return (XF){ a.sign != b.sign, 0, 0 };
    XF r = { a.sign != b.sign, a.exp + b.exp + 1, mul128_hi(a.m, b.m) };
    return xf_norm(r);
}

static XF xf_div(XF a, XF b)
{
    if (a.m == 0 || b.m == 0)
        return (XF){ a.sign != b.sign, 0, 0 };
    u128 r = a.m, q = 0;
    bool top = false;
    for (int i = 0; i < 128; i++) {             /* restoring division, one bit per step */
        q <<= 1;
        if (top || r >= b.m) {
            r -= b.m;
            q |= 1;
        }
        top = r >> 127;
        r <<= 1;
    }
    XF res = { a.sign != b.sign, a.exp - b.exp, q };
    return xf_norm(res);
}

static XF xf_div_int(XF a, int64_t n) { return xf_div(a, xf_from_int(n)); }

static XF xf_ldexp(XF a, int n)
{
    if (a.m)
        a.exp += n;
    return a;
}

/* A series stopped at a term below XF's precision: move the sum by one unit (2^-127 relative)
 * toward that term, so the final rounding sees that the value is not exact (C1, PE). */
static XF xf_sticky(XF sum, XF term)
{
    if (term.m == 0 || sum.m == 0)
        return sum;
    if (term.sign == sum.sign) {
        if (sum.m != ~(u128)0)
            sum.m++;
    } else {
        sum.m--;
        sum = xf_norm(sum);
    }
    return sum;
}

/* Round to floatx80 (64-bit mantissa) with rounding mode rm; adds PE/UE/OE to *flags, and
 * XF_ROUNDED_UP when the magnitude was rounded up (the x87 reports it in C1). */
#define XF_ROUNDED_UP 0x100
static floatx80 xf_to_fx80(XF a, int rm, int *flags)
{
    floatx80 r;
    if (a.m == 0) {
        r.mant = 0;
        r.sexp = a.sign << 15;
        return r;
    }
    int e = a.exp + 16383;
    u128 m = a.m;
    bool tiny = e <= 0;
    if (tiny) {
        int sh = 1 - e;
        u128 sticky = 0;
        if (sh >= 128) {
            sticky = m != 0;
            m = 0;
        } else {
            sticky = (m << (128 - sh)) != 0;
            m >>= sh;
        }
        m |= sticky;
        e = 0;
    }
    uint64_t hi = m >> 64, lo = (uint64_t)m;
    bool inc;
    switch (rm) {
    case float_round_nearest_even:
        inc = (lo >> 63) && ((lo << 1) || (hi & 1));
        break;
    case float_round_up:   inc = !a.sign && lo; break;
    case float_round_down: inc = a.sign && lo; break;
    default:               inc = false; break;
    }
    if (lo)
        *flags |= float_flag_inexact | (tiny ? float_flag_underflow : 0);
    if (inc) {
        *flags |= XF_ROUNDED_UP;
        hi++;
        if (hi == 0) {
            hi = 1ull << 63;
            e++;
        } else if (tiny && (hi >> 63)) {
            e = 1;                              /* rounded up to the smallest normal */
        }
    }
    if (e >= 0x7fff) {
        *flags |= float_flag_overflow | float_flag_inexact;
        bool to_inf = rm == float_round_nearest_even || (rm == float_round_up && !a.sign) ||
                      (rm == float_round_down && a.sign);
        *flags |= to_inf ? XF_ROUNDED_UP : 0;
        r.sexp = (a.sign << 15) | (to_inf ? 0x7fff : 0x7ffe);
        r.mant = to_inf ? 1ull << 63 : ~0ull;
        return r;
    }
    r.mant = hi;
    r.sexp = (a.sign << 15) | e;
    return r;
}

/* ================================================================== XF constants and series */

/* pi/4 to 128 bits (hex digits of pi: 3.243F6A8885A308D313198A2E03707344...). */
#define PI_OVER_4_HI 0xC90FDAA22168C234ull
#define PI_OVER_4_LO 0xC4C6628B80DC1CD1ull

static XF xf_pi_4(void)
{
    XF r = { false, -1, ((u128)PI_OVER_4_HI << 64) | PI_OVER_4_LO };
    return r;
}

/* atanh(t) = t + t^3/3 + t^5/5 + ... for |t| small. */
static XF xf_atanh_series(XF t)
{
    XF t2 = xf_mul(t, t), p = t, sum = t;
    for (int k = 3; k < 400; k += 2) {
        p = xf_mul(p, t2);
        XF term = xf_div_int(p, k);
        if (term.m == 0 || term.exp < sum.exp - 130)
            return xf_sticky(sum, term);
        sum = xf_add(sum, term);
    }
    return sum;
}

/* atan(z) = z - z^3/3 + z^5/5 - ... for |z| <= 0.27. */
static XF xf_atan_series(XF z)
{
    XF z2 = xf_mul(z, z), p = z, sum = z;
    for (int k = 3; k < 400; k += 2) {
        p = xf_neg(xf_mul(p, z2));
        XF term = xf_div_int(p, k);
        if (term.m == 0 || term.exp < sum.exp - 130)
            return xf_sticky(sum, term);
        sum = xf_add(sum, term);
    }
    return sum;
}

static XF xf_ln2(void)
{
    static XF ln2;
    static bool done;
    if (!done) {
        ln2 = xf_ldexp(xf_atanh_series(xf_div_int(xf_from_int(1), 3)), 1);  /* 2 atanh(1/3) */
        done = true;
    }
    return ln2;
}

static XF xf_sqrt3(void)
{
    static XF s;
    static bool done;
    if (!done) {
        XF three = xf_from_int(3);
        s = xf_div_int(xf_from_int(1732050807568877293ll), 1000000000000000000ll);
        for (int i = 0; i < 4; i++)                /* Newton: s = (s + 3/s) / 2 */
            s = xf_ldexp(xf_add(s, xf_div(three, s)), -1);
        done = true;
    }
    return s;
}

/* atan(z), z >= 0. */
static XF xf_atan(XF z)
{
    bool invert = z.m && z.exp >= 0;               /* z >= 1: atan z = pi/2 - atan(1/z) */
    if (invert)
        z = xf_div(xf_from_int(1), z);
    XF r;
    /* 2 - sqrt3 = 0.2679...: above it, atan z = pi/6 + atan((sqrt3 z - 1) / (sqrt3 + z)) */
    XF limit = xf_sub(xf_from_int(2), xf_sqrt3());
    if (z.m && (z.exp > limit.exp || (z.exp == limit.exp && z.m > limit.m))) {
        XF s3 = xf_sqrt3();
        XF w = xf_div(xf_sub(xf_mul(s3, z), xf_from_int(1)), xf_add(s3, z));
        XF pi_6 = xf_div_int(xf_ldexp(xf_pi_4(), 2), 6);
        r = xf_add(pi_6, xf_atan_series(w));
    } else {
        r = xf_atan_series(z);
    }
    if (invert)
        r = xf_sub(xf_ldexp(xf_pi_4(), 1), r);
    return r;
}

/* ln(x), x > 0: x = m 2^E with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh((m-1)/(m+1)). */
static XF xf_ln(XF x)
{
    int e = x.exp;
    XF m = x;
    m.exp = 0;                                     /* m in [1, 2) */
    /* sqrt(2) = 1.6A09E667F3BCC908...: compare the top bits */
    if ((uint64_t)(m.m >> 64) > 0xB504F333F9DE6484ull) {
        m.exp = -1;
        e++;
    }
    XF one = xf_from_int(1);
    XF t = xf_div(xf_sub(m, one), xf_add(m, one));
    XF r = xf_ldexp(xf_atanh_series(t), 1);
    return xf_add(r, xf_mul(xf_from_int(e), xf_ln2()));
}

/* expm1(y) = y + y^2/2! + ... (no cancellation for small y). */
static XF xf_expm1(XF y)
{
    XF term = y, sum = y;
    for (int k = 2; k < 200; k++) {
        term = xf_div_int(xf_mul(term, y), k);
        if (term.m == 0 || term.exp < sum.exp - 130)
            return xf_sticky(sum, term);
        sum = xf_add(sum, term);
    }
    return sum;
}

/* sin r and cos r for |r| <= pi/4 (Taylor). */
static XF xf_sin_series(XF r)
{
    XF r2 = xf_mul(r, r), term = r, sum = r;
    for (int k = 2; k < 200; k += 2) {
        term = xf_neg(xf_div_int(xf_mul(term, r2), (int64_t)k * (k + 1)));
        if (term.m == 0 || term.exp < sum.exp - 130)
            return xf_sticky(sum, term);
        sum = xf_add(sum, term);
    }
    return sum;
}

static XF xf_cos_series(XF r)
{
    XF r2 = xf_mul(r, r), term = xf_from_int(1), sum = term;
    for (int k = 1; k < 200; k += 2) {
        term = xf_neg(xf_div_int(xf_mul(term, r2), (int64_t)k * (k + 1)));
        if (term.m == 0 || term.exp < sum.exp - 130)
            return xf_sticky(sum, term);
        sum = xf_add(sum, term);
    }
    return sum;
}

/*
 * Argument reduction as the CPU does it: x - k P with P = pi/2 to 66 bits
 * (0x3243F6A8885A308D3 * 2^-65), |x| < 2^63. Exact: |x| 2^65 is an integer below 2^128 once
 * |x| > pi/4. Returns r (|r| <= P/2) and the quadrant k mod 4. (x = fl(pi/2) shows it: the
 * CPU's cos is then P - x, a number with few significant bits.)
 */
static XF xf_reduce_pi_2(floatx80 x, int *quadrant)
{
    XF a = xf_from_fx80(x);
    a.sign = false;
    *quadrant = 0;
    XF pi_4 = xf_pi_4();
    if (a.exp < pi_4.exp || (a.exp == pi_4.exp && a.m <= pi_4.m)) {
        a.sign = fx80_sign(x);
        return a;
    }
    const u128 P = ((u128)0x3 << 64) | 0x243F6A8885A308D3ull;
    int s = (x.sexp & 0x7fff) - 16383 - 63;       /* |x| = mant 2^s, s in [-64, -1] */
    u128 n = (u128)x.mant << (s + 65);
    u128 k = n / P, rem = n % P;
    bool neg = false;
    if (rem > P / 2) {
        rem = P - rem;
        k++;
        neg = true;
    }
    *quadrant = (int)(k & 3);
    XF r = { neg, 127 - 65, rem };
    r = xf_norm(r);
    if (fx80_sign(x)) {
        r.sign = !r.sign;
        *quadrant = (4 - *quadrant) & 3;
    }
    return r;
}

/* ================================================================== transcendentals */

/* Common front of the one-operand functions: NaN / invalid encodings / empty ST0 handled here;
 * returns false when the caller must not compute (result already in place). */
static bool fpu_unary_prologue(CPUX86State *env)
{
    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return false;
    }
    floatx80 x = ST(0);
    fpu_set_c1(env, false);
    if (floatx80_invalid_encoding(x)) {
        fpu_raise(env, FPUS_IE);
        fpu_set_st(env, 0, floatx80_default_nan());
        return false;
    }
    if (floatx80_is_nan(x)) {
        env->fp_status.flags = 0;
        fpu_set_st(env, 0, floatx80_add(x, x, &env->fp_status));   /* quiet, IE for SNaN */
        fpu_take_flags(env);
        return false;
    }
    if (fx80_is_denormal(x))
        fpu_raise(env, FPUS_DE);
    return true;
}

/* NaN operands of a two-operand function (ST0, ST1): the x87 NaN rule via an addition. */
static bool fpu_binary_nan(CPUX86State *env, floatx80 a, floatx80 b, floatx80 *res)
{
    if (floatx80_invalid_encoding(a) || floatx80_invalid_encoding(b)) {
        fpu_raise(env, FPUS_IE);
        *res = floatx80_default_nan();
        return true;
    }
    if (!floatx80_is_nan(a) && !floatx80_is_nan(b))
        return false;
    env->fp_status.flags = 0;
    *res = floatx80_add(a, b, &env->fp_status);
    fpu_take_flags(env);
    return true;
}

static floatx80 fpu_round_xf(CPUX86State *env, XF v)
{
    int flags = 0;
    floatx80 r = xf_to_fx80(v, env->fp_status.rounding_mode, &flags);
    if ((r.sexp & 0x7fff) == 0)                    /* tiny and (always) inexact */
        flags |= float_flag_underflow;
    else
        flags &= ~float_flag_underflow;            /* tininess after rounding (measured) */
    fpu_raise(env, flags | float_flag_inexact);    /* these results are never exact */
    fpu_set_c1(env, flags & XF_ROUNDED_UP);
    return r;
}

/* sin/cos/tan: infinities are invalid; |x| >= 2^63 leaves ST0 alone and sets C2. Returns
 * false when no result is to be computed. */
static bool fpu_trig_prologue(CPUX86State *env, int *quadrant, XF *r)
{
    env->fpus &= ~FPUS_C2;                         /* also after a stack fault or a NaN */
    if (!fpu_unary_prologue(env))
        return false;
    floatx80 x = ST(0);
    if (fx80_is_inf(x)) {
        fpu_raise(env, FPUS_IE);
        fpu_set_st(env, 0, floatx80_default_nan());
        return false;
    }
    if ((x.sexp & 0x7fff) >= 16383 + 63) {
        env->fpus |= FPUS_C2;
        return false;
    }
    if (fx80_is_zero(x))
        return false;                              /* sin/tan(+-0) = +-0: caller handles cos */
    *r = xf_reduce_pi_2(x, quadrant);
    return true;
}

/* |x| < 2^-68 (threshold measured): Intel gives sin x = tan x = x and cos x = 1 unrounded,
 * in every rounding mode, with PE (UE for a denormal x) and C1 = 0. A pseudo-denormal comes
 * back normalised. AMD (measured on an EPYC) rounds correctly in the current rounding mode,
 * C1 = rounded up: sin x as a value just below |x| in magnitude (x - x^3/6), cos x as one
 * just below 1, and tan x like sin x (not x + x^3/3). */
static bool fx80_trig_tiny(floatx80 x) { return (x.sexp & 0x7fff) <= 0x3fff - 69; }

/* AMD: v minus a tiny fraction of its last place, rounded. */
static floatx80 fpu_round_just_below(CPUX86State *env, floatx80 v)
{
    XF t = xf_from_fx80(v);
    t.m--;
    return fpu_round_xf(env, xf_norm(t));
}

/* Intel's tiny sin and tan: x itself. */
static floatx80 fpu_trig_tiny_x(CPUX86State *env, floatx80 x)
{
    if ((x.sexp & 0x7fff) == 0 && (x.mant >> 63))
        x.sexp |= 1;
    fpu_raise(env, FPUS_PE | ((x.sexp & 0x7fff) == 0 ? FPUS_UE : 0));
    fpu_set_c1(env, false);
    return x;
}

static floatx80 fpu_sin_tiny(CPUX86State *env, floatx80 x)
{
    return x86_cpu_is_amd() ? fpu_round_just_below(env, x) : fpu_trig_tiny_x(env, x);
}

/* AMD's tiny tan is x, or the number just below or just above it, depending on the bits of x
 * in a way not modelled (powers of two and denormals give x itself, C1 = 0); both models
 * use Intel's x, which is within 1 ulp. */
static floatx80 fpu_tan_tiny(CPUX86State *env, floatx80 x)
{
    return fpu_trig_tiny_x(env, x);
}

static floatx80 fpu_cos_tiny(CPUX86State *env)
{
    if (x86_cpu_is_amd())
        return fpu_round_just_below(env, fx80_one);
    fpu_raise(env, FPUS_PE);
    fpu_set_c1(env, false);
    return fx80_one;
}

static XF xf_sin_quadrant(XF r, int q)
{
    XF v = (q & 1) ? xf_cos_series(r) : xf_sin_series(r);
    return (q & 2) ? xf_neg(v) : v;
}

static XF xf_cos_quadrant(XF r, int q)
{
    XF v = (q & 1) ? xf_sin_series(r) : xf_cos_series(r);
    return ((q + 1) & 2) ? xf_neg(v) : v;
}

static void x87_fsin(CPUX86State *env)
{
    int q;
    XF r;
    if (!fpu_trig_prologue(env, &q, &r))
        return;
    if (fx80_trig_tiny(ST(0)))
        fpu_set_st(env, 0, fpu_sin_tiny(env, ST(0)));
    else
        fpu_set_st(env, 0, fpu_round_xf(env, xf_sin_quadrant(r, q)));
}

static void x87_fcos(CPUX86State *env)
{
    int q = 0;
    XF r;
    bool zero = !fpu_empty(env, 0) && fx80_is_zero(ST(0));
    if (fpu_trig_prologue(env, &q, &r))
        fpu_set_st(env, 0, fx80_trig_tiny(ST(0)) ? fpu_cos_tiny(env)
                                                 : fpu_round_xf(env, xf_cos_quadrant(r, q)));
    else if (zero)
        fpu_set_st(env, 0, fx80_one);
}

static void x87_fsincos(CPUX86State *env)
{
    int q = 0;
    XF r;
    env->fpus &= ~FPUS_C2;
    if (!fpu_replace_push_check(env))
        return;
    floatx80 x = ST(0);
    if (fpu_trig_prologue(env, &q, &r)) {
        bool tiny = fx80_trig_tiny(x);
        fpu_set_st(env, 0, tiny ? fpu_sin_tiny(env, x) : fpu_round_xf(env, xf_sin_quadrant(r, q)));
        bool sin_c1 = env->fpus & FPUS_C1;
        fpu_push(env, tiny ? fpu_cos_tiny(env) : fpu_round_xf(env, xf_cos_quadrant(r, q)));
        if (x86_cpu_is_amd())
            fpu_set_c1(env, sin_c1);       /* C1 of the sine on AMD, of the cosine on Intel */
    } else if (env->fpus & FPUS_C2) {
        return;                                    /* out of range: nothing changes */
    } else if (fx80_is_zero(x)) {
        fpu_push(env, fx80_one);
    } else {
        fpu_push(env, ST(0));                      /* NaN / invalid: both get the NaN */
    }
}

static void x87_fptan(CPUX86State *env)
{
    int q = 0;
    XF r;
    env->fpus &= ~FPUS_C2;
    if (!fpu_replace_push_check(env))
        return;
    floatx80 x = ST(0);
    if (fpu_trig_prologue(env, &q, &r)) {
        XF t;
        if (fx80_trig_tiny(x)) {                   /* tan x = x, as sin on Intel */
            fpu_set_st(env, 0, fpu_tan_tiny(env, x));
            fpu_push(env, fx80_one);
            return;
        }
        if (r.exp < -70) {
            /* tan r = r + r^3/3, cot r = 1/r - r/3: the correction is below XF's precision,
             * keep only its direction */
            t = (q & 1) ? xf_neg(xf_div(xf_from_int(1), r)) : r;
            t = xf_sticky(t, (q & 1) ? xf_neg(t) : t);
        } else {
            t = xf_div(xf_sin_quadrant(r, q), xf_cos_quadrant(r, q));
        }
        fpu_set_st(env, 0, fpu_round_xf(env, t));
        fpu_push(env, fx80_one);
    } else if (env->fpus & FPUS_C2) {
        return;
    } else if (fx80_is_zero(x)) {
        fpu_push(env, fx80_one);
    } else {
        fpu_push(env, ST(0));
    }
}

static void x87_f2xm1(CPUX86State *env)
{
    if (!fpu_unary_prologue(env))
        return;
    floatx80 x = ST(0);
    if (fx80_is_zero(x))
        return;
    if (fx80_is_inf(x)) {
        if (fx80_sign(x))
            fpu_set_st(env, 0, fx80_neg(fx80_one));
        return;
    }
    if ((x.sexp & 0x7fff) > 0x3fff || ((x.sexp & 0x7fff) == 0x3fff && x.mant << 1)) {
        fpu_raise(env, FPUS_PE);                   /* |x| > 1: the CPU leaves x (measured) */
        return;
    }
    if ((x.sexp & 0x7fff) == 0x3fff) {             /* x = +-1: exactly 1 or -1/2 */
        fpu_raise(env, FPUS_PE);
        floatx80 half = { 1ull << 63, 0xbffe };
        fpu_set_st(env, 0, fx80_sign(x) ? half : fx80_one);
        return;
    }
    XF y = xf_mul(xf_from_fx80(x), xf_ln2());
    fpu_set_st(env, 0, fpu_round_xf(env, xf_expm1(y)));
}

/* An invalid operation hides #D of a denormal operand: fpu_binary_prologue keeps it in
 * fpu_binary_de, fpu_binary_result adds it for every outcome but the invalid one. */
static __thread bool fpu_binary_de;      /* per guest thread */

/* ST1 = f(ST0, ST1), pop. Checks the stack and NaNs; returns false when done already. */
static bool fpu_binary_prologue(CPUX86State *env, floatx80 *a, floatx80 *b)
{
    if (fpu_empty(env, 0) || fpu_empty(env, 1)) {
        if (fpu_underflow(env)) {
            fpu_set_st(env, 1, floatx80_default_nan());
            fpu_pop(env);
        }
        return false;
    }
    *a = ST(0);
    *b = ST(1);
    fpu_set_c1(env, false);
    floatx80 res;
    if (fpu_binary_nan(env, *a, *b, &res)) {
        fpu_set_st(env, 1, res);
        fpu_pop(env);
        return false;
    }
    fpu_binary_de = fx80_is_denormal(*a) || fx80_is_denormal(*b);
    return true;
}

static void fpu_binary_result(CPUX86State *env, floatx80 v)
{
    if (fpu_binary_de)
        fpu_raise(env, FPUS_DE);
    fpu_binary_de = false;
    fpu_set_st(env, 1, v);
    fpu_pop(env);
}

static floatx80 fx80_inf(bool sign)
{
    floatx80 r = { 1ull << 63, (uint16_t)((sign << 15) | 0x7fff) };
    return r;
}

static floatx80 fpu_invalid_result(CPUX86State *env)
{
    fpu_raise(env, FPUS_IE);
    fpu_binary_de = false;
    return floatx80_default_nan();
}

/* FPATAN: ST1 = atan2(ST1, ST0). */
static void x87_fpatan(CPUX86State *env)
{
    floatx80 x, y;
    if (!fpu_binary_prologue(env, &x, &y))
        return;
    bool sy = fx80_sign(y), sx = fx80_sign(x);
    XF pi_4 = xf_pi_4();
    XF v;
    if (fx80_is_zero(y) && !fx80_is_inf(x)) {
        if (!sx) {
            fpu_binary_result(env, y);             /* +-0 */
            return;
        }
        v = xf_ldexp(pi_4, 2);                     /* +-pi */
    } else if (fx80_is_inf(y)) {
        if (fx80_is_inf(x))
            v = sx ? xf_mul(pi_4, xf_from_int(3)) : pi_4;
        else
            v = xf_ldexp(pi_4, 1);
    } else if (fx80_is_inf(x)) {
        if (!sx) {
            floatx80 z = { 0, (uint16_t)(sy << 15) };
            fpu_binary_result(env, z);
            return;
        }
        v = xf_ldexp(pi_4, 2);
    } else if (fx80_is_zero(x)) {
        v = xf_ldexp(pi_4, 1);
    } else {
        XF ax = xf_from_fx80(x), ay = xf_from_fx80(y);
        ax.sign = ay.sign = false;
        v = xf_atan(xf_div(ay, ax));
        if (sx)
            v = xf_sub(xf_ldexp(pi_4, 2), v);
    }
    v.sign = sy;
    fpu_binary_result(env, fpu_round_xf(env, v));
}

/* FYL2X: ST1 = ST1 * log2(ST0); FYL2XP1: ST1 = ST1 * log2(ST0 + 1). */
static void fpu_ylog2(CPUX86State *env, bool plus1)
{
    floatx80 x, y;
    if (!fpu_binary_prologue(env, &x, &y))
        return;
    bool sy = fx80_sign(y);
    XF lx;
    bool log2_exact = false;
    int log2_k = 0;
    if (plus1) {
        if (fx80_is_inf(x)) {                      /* +inf: y * inf; -inf: invalid */
            if (fx80_sign(x) || fx80_is_zero(y))
                fpu_binary_result(env, fpu_invalid_result(env));
            else
                fpu_binary_result(env, fx80_inf(sy));
            return;
        }
        if (fx80_is_zero(x)) {
            if (fx80_is_inf(y)) {
                fpu_binary_result(env, fpu_invalid_result(env));
                return;
            }
            floatx80 z = { 0, (uint16_t)((sy != fx80_sign(x)) << 15) };
            fpu_binary_result(env, z);
            return;
        }
        if (fx80_sign(x) && (x.sexp & 0x7fff) >= 0x3fff) {
            /* x <= -1 (far outside the documented range), measured: y = +-0 or +-inf gives
             * -y, any other y gives x itself with PE */
            if (fx80_is_zero(y) || fx80_is_inf(y)) {
                fpu_binary_result(env, fx80_neg(y));
                return;
            }
            fpu_raise(env, FPUS_PE);
            fpu_binary_result(env, x);
            return;
        }
        XF ax = xf_from_fx80(x);
        /* ln(1 + x) = 2 atanh(x / (x + 2)) */
        XF x1 = xf_add(ax, xf_from_int(1));
        if (ax.exp >= -1)                          /* |x| >= 1/2: the series would crawl */
            lx = xf_ln(x1);
        else
            lx = xf_ldexp(xf_atanh_series(xf_div(ax, xf_add(ax, xf_from_int(2)))), 1);
        if (!x1.sign && x1.m == (u128)1 << 127) {
            log2_exact = true;
            log2_k = x1.exp;
        }
        if (fx80_is_zero(y)) {
            floatx80 z = { 0, (uint16_t)((sy != lx.sign) << 15) };
            fpu_binary_result(env, z);
            return;
        }
    } else {
        if (fx80_sign(x) && !fx80_is_zero(x)) {
            fpu_binary_result(env, fpu_invalid_result(env));
            return;
        }
        if (fx80_is_zero(x)) {
            if (fx80_is_zero(y)) {
                fpu_binary_result(env, fpu_invalid_result(env));
                return;
            }
            if (!fx80_is_inf(y))
                fpu_raise(env, FPUS_ZE);
            fpu_binary_de = false;                 /* denormal y: only #Z (measured) */
            fpu_binary_result(env, fx80_inf(!sy));
            return;
        }
        if (fx80_is_inf(x)) {
            if (fx80_is_zero(y))
                fpu_binary_result(env, fpu_invalid_result(env));
            else
                fpu_binary_result(env, fx80_inf(sy));
            return;
        }
        lx = xf_ln(xf_from_fx80(x));
        XF xx = xf_from_fx80(x);
        if (xx.m == (u128)1 << 127) {
            log2_exact = true;
            log2_k = xx.exp;
        }
        if (lx.m == 0 || fx80_is_zero(y)) {         /* x == 1, or y == 0 */
            if (lx.m == 0 && fx80_is_inf(y)) {
                fpu_binary_result(env, fpu_invalid_result(env));
                return;
            }
            floatx80 z = { 0, (uint16_t)((sy != lx.sign) << 15) };
            fpu_binary_result(env, z);
            return;
        }
    }
    if (fx80_is_inf(y)) {
        fpu_binary_result(env, fx80_inf(sy != lx.sign));
        return;
    }
    XF v;
    if (log2_exact) {
        /* x (or 1 + x) a power of two 2^k: y k exactly for k >= 0; for k < 0 the CPU's
         * value is a hair smaller in magnitude (seen in the directed rounding modes). */
        v = xf_mul(xf_from_fx80(y), xf_from_int(log2_k));
        if (log2_k < 0)
            v = xf_sticky(v, xf_neg(v));
        fpu_binary_result(env, fpu_round_xf(env, v));
        return;
    }
    v = xf_mul(xf_from_fx80(y), xf_div(lx, xf_ln2()));
    fpu_binary_result(env, fpu_round_xf(env, v));
}

static void x87_fyl2x(CPUX86State *env) { fpu_ylog2(env, false); }
static void x87_fyl2xp1(CPUX86State *env) { fpu_ylog2(env, true); }

/* ================================================================== other no-operand ops */

static void x87_fchs(CPUX86State *env)
{
    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return;
    }
    fpu_set_c1(env, false);
    ST(0) = fx80_neg(ST(0));
}

static void x87_fabs(CPUX86State *env)
{
    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return;
    }
    fpu_set_c1(env, false);
    ST(0).sexp &= 0x7fff;
}

static void x87_ftst(CPUX86State *env)
{
    if (fpu_empty(env, 0)) {
        fpu_underflow(env);
        fpu_set_cc(env, FPUS_C0 | FPUS_C2 | FPUS_C3);   /* masked or not (measured) */
        return;
    }
    fpu_compare(env, ST(0), fx80_zero, false);
}

static void x87_fxam(CPUX86State *env)
{
    floatx80 x = ST(0);
    int e = x.sexp & 0x7fff, cc;
    if (fpu_empty(env, 0))
        cc = FPUS_C3 | FPUS_C0;                    /* empty */
    else if (floatx80_invalid_encoding(x))
        cc = 0;                                    /* unsupported */
    else if (e == 0x7fff)
        cc = (x.mant << 1) ? FPUS_C0 : FPUS_C2 | FPUS_C0;  /* NaN : infinity */
    else if (e == 0)
        cc = x.mant ? FPUS_C3 | FPUS_C2 : FPUS_C3;  /* denormal : zero */
    else
        cc = FPUS_C2;                              /* normal */
    if (fx80_sign(x))
        cc |= FPUS_C1;
    fpu_set_cc(env, cc);
}

/* Constants: exact values to 128 bits, rounded with RC as the CPU does. */
static void fpu_push_const(CPUX86State *env, XF v)
{
    if (!fpu_push_check(env))
        return;
    int flags = 0;
    floatx80 r = xf_to_fx80(v, env->fp_status.rounding_mode, &flags);   /* no PE: as the CPU */
    fpu_set_c1(env, false);
    fpu_push(env, r);
}

static void x87_fld1(CPUX86State *env) { fpu_push_const(env, xf_from_int(1)); }
static void x87_fldz(CPUX86State *env) { fpu_push_const(env, xf_from_int(0)); }
static void x87_fldpi(CPUX86State *env) { fpu_push_const(env, xf_ldexp(xf_pi_4(), 2)); }
static void x87_fldln2(CPUX86State *env) { fpu_push_const(env, xf_ln2()); }
static void x87_fldl2e(CPUX86State *env)
{
    fpu_push_const(env, xf_div(xf_from_int(1), xf_ln2()));
}
static XF xf_ln10(void)
{
    /* ln 10 = 3 ln 2 + ln 1.25 = 3 ln 2 + 2 atanh(1/9) */
    XF l = xf_ldexp(xf_atanh_series(xf_div_int(xf_from_int(1), 9)), 1);
    return xf_add(xf_mul(xf_from_int(3), xf_ln2()), l);
}
static void x87_fldl2t(CPUX86State *env) { fpu_push_const(env, xf_div(xf_ln10(), xf_ln2())); }
static void x87_fldlg2(CPUX86State *env) { fpu_push_const(env, xf_div(xf_ln2(), xf_ln10())); }

static void x87_fnop(CPUX86State *env) { (void)env; }

static void x87_fdecstp(CPUX86State *env)
{
    env->fpstt = (env->fpstt - 1) & 7;
    fpu_set_c1(env, false);
}

static void x87_fincstp(CPUX86State *env)
{
    env->fpstt = (env->fpstt + 1) & 7;
    fpu_set_c1(env, false);
}

/* floatx80_sqrt in fpu_binop_to's shape (b unused). */
static floatx80 fx80_sqrt_binop(floatx80 a, floatx80 b, float_status *s)
{
    (void)b;
    return floatx80_sqrt(a, s);
}

static void x87_fsqrt(CPUX86State *env)
{
    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return;
    }
    fpu_binop_to(env, 0, fx80_sqrt_binop, ST(0), ST(0));
}

static void x87_frndint(CPUX86State *env)
{
    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return;
    }
    env->fp_status.flags = 0;
    floatx80 x = ST(0);
    floatx80 r = floatx80_round_to_int(x, &env->fp_status);
    if (fpu_op_aborted(env))
        return;
    bool up = (env->fp_status.flags & float_flag_inexact) &&
              (r.sexp & 0x7fff) >= (x.sexp & 0x7fff) && (r.mant > x.mant ||
              (r.sexp & 0x7fff) > (x.sexp & 0x7fff));
    fpu_set_c1(env, up);
    fpu_take_flags(env);
    fpu_set_st(env, 0, r);
}

static void x87_fscale(CPUX86State *env)
{
    if (fpu_empty(env, 0) || fpu_empty(env, 1)) {
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return;
    }
    fpu_binop_to(env, 0, floatx80_scale, ST(0), ST(1));
}

static void x87_fxtract(CPUX86State *env)
{
    if (!fpu_replace_push_check(env))
        return;
    floatx80 e, sig;
    env->fp_status.flags = 0;
    floatx80_xtract(ST(0), &e, &sig, &env->fp_status);
    if (fpu_op_aborted(env))
        return;
    fpu_take_flags(env);
    fpu_set_c1(env, false);
    ST(0) = e;
    fpu_push(env, sig);
}

/* A NaN result (stack underflow included) clears C1 and C2 but leaves C0 and C3 as they
 * were (measured). */
static void fpu_prem(CPUX86State *env, bool ieee)
{
    if (fpu_empty(env, 0) || fpu_empty(env, 1)) {
        env->fpus &= ~FPUS_C2;
        if (fpu_underflow(env))
            fpu_set_st(env, 0, floatx80_default_nan());
        return;
    }
    uint64_t q = 0;
    bool incomplete = false;
    env->fp_status.flags = 0;
    floatx80 r = floatx80_rem(ST(0), ST(1), ieee, &q, &incomplete, &env->fp_status);
    if (fpu_op_aborted(env)) {
        env->fpus &= ~FPUS_C2;             /* like a NaN result: C1 C2 cleared (measured) */
        return;
    }
    fpu_take_flags(env);
    int cc = 0;
    if (floatx80_is_nan(r))
        cc = env->fpus & (FPUS_C0 | FPUS_C3);
    else if (incomplete)
        cc = FPUS_C2;
    else
        cc = ((q & 1) ? FPUS_C1 : 0) | ((q & 2) ? FPUS_C3 : 0) | ((q & 4) ? FPUS_C0 : 0);
    fpu_set_cc(env, cc);
    ST(0) = r;
}

static void x87_fprem(CPUX86State *env) { fpu_prem(env, false); }
static void x87_fprem1(CPUX86State *env) { fpu_prem(env, true); }

static void x87_fcompp(CPUX86State *env)
{
    helper_farith_st(env, X87_COMP, 0, 1);
    fpu_pop_unless_aborted(env, FPU_ABORT_ARITH);
}

static void x87_fucompp(CPUX86State *env)
{
    helper_farith_st(env, X87_UCOMP, 0, 1);
    fpu_pop_unless_aborted(env, FPU_ABORT_ARITH);
}

static void x87_fnclex(CPUX86State *env)
{
    env->fpus &= ~(0x3f | FPUS_SF | FPUS_ES | FPUS_B);
}

static void x87_fninit(CPUX86State *env) { cpu_x86_fpu_init(env); }
static void x87_fwait(CPUX86State *env) { (void)env; }

/* ================================================================== dispatch */

typedef struct X87NoArgOp {
    void (*fn)(CPUX86State *env);
    bool waits;
} X87NoArgOp;

static const X87NoArgOp x87_noarg_ops[X87_OP_COUNT] = {
#define X(name, fn, waits) [X87_OP_##name] = { x87_##fn, waits },
    X87_NOARG_OPS(X)
#undef X
};

void helper_x87_op(CPUX86State *env, int32_t op)
{
    const X87NoArgOp *o = &x87_noarg_ops[op];
    if (o->waits)
        fpu_check_pending(env);
    o->fn(env);
}
