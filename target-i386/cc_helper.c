/*
 * cc_helper.c - the lazy condition codes of the i386 front end: computing EFLAGS from
 * (cc_op, cc_dst, cc_src, cc_src2), reading/writing the full EFLAGS register, and the
 * rotate-through-carry helpers (rcl/rcr) that consume and produce CF/OF.
 *
 * The meaning of cc_dst/cc_src/cc_src2 for each cc_op is the contract written in cpu.h; every
 * flag computation below works on one operand size given as a bit count (8/16/32) so that the
 * per-cc_op switch stays a list of one-line calls. The functions are small and static inline
 * so the compiler specialises them for each size.
 */
#include "cpu.h"
#include "helper-proto.h"
#include "cpu-model.h"

/* ------------------------------------------------------------------ size arithmetic */

static inline uint32_t size_mask(int bits)
{
    return bits == 32 ? 0xffffffffu : (1u << bits) - 1;
}

static inline uint32_t size_msb(uint32_t v, int bits)
{
    return (v >> (bits - 1)) & 1;
}

/* CC_P when the low byte has an even number of set bits. */
static inline uint32_t parity_flag(uint32_t v)
{
    return (__builtin_parity(v & 0xff) ^ 1) ? CC_P : 0;
}

/* ZF, SF and PF of a result of the given size. */
static inline uint32_t szp_flags(uint32_t result, int bits)
{
    uint32_t r = result & size_mask(bits);
    return (r == 0 ? CC_Z : 0) | (size_msb(r, bits) ? CC_S : 0) | parity_flag(r);
}

/* AF: the carry/borrow out of bit 3, visible as bit 4 of (a ^ b ^ result). */
static inline uint32_t aux_flag(uint32_t a, uint32_t b, uint32_t result)
{
    return (a ^ b ^ result) & CC_A;
}

/* ------------------------------------------------------------------ flags per cc_op group */

/* add/adc: dst = src1 + src2 + carry_in. */
static inline uint32_t flags_add(uint32_t dst, uint32_t src2, uint32_t carry_in, int bits)
{
    uint32_t m = size_mask(bits);
    uint32_t d = dst & m, s2 = src2 & m;
    uint32_t s1 = (d - s2 - carry_in) & m;
    /* Unsigned overflow: the sum wrapped below src1 (or equals it with a carry in). */
    bool cf = carry_in ? d <= s1 : d < s1;
    /* Signed overflow: both operands have the same sign and the result's differs. */
    bool of = size_msb(~(s1 ^ s2) & (s1 ^ d), bits);
    return (cf ? CC_C : 0) | (of ? CC_O : 0) | aux_flag(s1, s2, d) | szp_flags(d, bits);
}

/* sub/sbb/cmp/neg: dst = src1 - src2 - borrow_in. */
static inline uint32_t flags_sub(uint32_t dst, uint32_t src2, uint32_t borrow_in, int bits)
{
    uint32_t m = size_mask(bits);
    uint32_t d = dst & m, s2 = src2 & m;
    uint32_t s1 = (d + s2 + borrow_in) & m;
    bool cf = borrow_in ? s1 <= s2 : s1 < s2;
    /* Signed overflow: operands of different sign and the result's sign differs from src1. */
    bool of = size_msb((s1 ^ s2) & (s1 ^ d), bits);
    return (cf ? CC_C : 0) | (of ? CC_O : 0) | aux_flag(s1, s2, d) | szp_flags(d, bits);
}

static inline uint32_t flags_logic(uint32_t dst, int bits)
{
    return szp_flags(dst, bits);
}

/* inc: dst = src1 + 1, CF kept from before (old_cf). */
static inline uint32_t flags_inc(uint32_t dst, uint32_t old_cf, int bits)
{
    uint32_t d = dst & size_mask(bits);
    bool of = d == (1u << (bits - 1));                 /* 0x7f.. + 1 */
    return (old_cf & 1 ? CC_C : 0) | (of ? CC_O : 0) | aux_flag(d - 1, 1, d) | szp_flags(d, bits);
}

/* dec: dst = src1 - 1, CF kept from before (old_cf). */
static inline uint32_t flags_dec(uint32_t dst, uint32_t old_cf, int bits)
{
    uint32_t d = dst & size_mask(bits);
    bool of = d == (1u << (bits - 1)) - 1;             /* 0x80.. - 1 */
    return (old_cf & 1 ? CC_C : 0) | (of ? CC_O : 0) | aux_flag(d + 1, 1, d) | szp_flags(d, bits);
}

/* mul/imul: see cpu.h for the undefined SF/ZF/AF/PF choice (modern Intel behaviour). */
static inline uint32_t flags_mul(uint32_t low, uint32_t overflow, int bits)
{
    uint32_t l = low & size_mask(bits);
    uint32_t cf_of = overflow ? (CC_C | CC_O) : 0;
    return cf_of | (size_msb(l, bits) ? CC_S : 0) | parity_flag(l);
}

/* shl: shifted_less_one = value << (count-1); its MSB is the last bit shifted out. */
static inline uint32_t flags_shl(uint32_t dst, uint32_t shifted_less_one, int bits)
{
    bool cf = size_msb(shifted_less_one, bits);
    bool of = size_msb(dst, bits) ^ cf;
    return (cf ? CC_C : 0) | (of ? CC_O : 0) | szp_flags(dst, bits);
}

/* sar (and old-style shr): shifted_less_one = value >> (count-1); bit 0 is the last bit out. */
static inline uint32_t flags_sar(uint32_t dst, uint32_t shifted_less_one, int bits)
{
    bool cf = shifted_less_one & 1;
    bool of = size_msb(shifted_less_one ^ dst, bits);
    return (cf ? CC_C : 0) | (of ? CC_O : 0) | szp_flags(dst, bits);
}

/* shr: as sar, OF = MSB of the original operand. */
static inline uint32_t flags_shr(uint32_t dst, uint32_t shifted_less_one, uint32_t original,
                                 int bits)
{
    bool cf = shifted_less_one & 1;
    bool of = size_msb(original, bits);
    return (cf ? CC_C : 0) | (of ? CC_O : 0) | szp_flags(dst, bits);
}

/* ------------------------------------------------------------------ CF only */

static inline uint32_t carry_add(uint32_t dst, uint32_t src2, uint32_t carry_in, int bits)
{
    uint32_t m = size_mask(bits);
    uint32_t d = dst & m, s1 = (dst - src2 - carry_in) & m;
    return carry_in ? d <= s1 : d < s1;
}

static inline uint32_t carry_sub(uint32_t dst, uint32_t src2, uint32_t borrow_in, int bits)
{
    uint32_t m = size_mask(bits);
    uint32_t s2 = src2 & m, s1 = (dst + src2 + borrow_in) & m;
    return borrow_in ? s1 <= s2 : s1 < s2;
}

/* ------------------------------------------------------------------ dispatch */

/* Three cases (B, W, L) for one cc_op group, each a call with the size in bits. Groups whose
 * answer does not depend on the size use a case range instead (the enum keeps B, W, L and the
 * INC/DEC and SAR/SHR groups adjacent; see the static asserts). */
QEMU_BUILD_BUG_ON(CC_OP_DECB != CC_OP_INCL + 1 || CC_OP_SHRB != CC_OP_SARL + 1);
#define CASE_SIZED(group, call) \
    case CC_OP_##group##B: { const int bits = 8; return call; } \
    case CC_OP_##group##W: { const int bits = 16; return call; } \
    case CC_OP_##group##L: { const int bits = 32; return call; }

static QEMU_NORETURN void bad_cc_op(int32_t op)
{
    fprintf(stderr, "loongbt-i386: flags requested for invalid cc_op %d\n", op);
    tcg_abort();
}

uint32_t helper_cc_compute_all(uint32_t dst, uint32_t src1, uint32_t src2, int32_t op)
{
    switch (op) {
    case CC_OP_EFLAGS: return src1 & CC_ALL;
    case CC_OP_CLR: return CC_Z | CC_P;
    CASE_SIZED(MUL, flags_mul(dst, src1, bits))
    CASE_SIZED(ADD, flags_add(dst, src1, 0, bits))
    CASE_SIZED(ADC, flags_add(dst, src1, src2 & 1, bits))
    CASE_SIZED(SUB, flags_sub(dst, src1, 0, bits))
    CASE_SIZED(SBB, flags_sub(dst, src1, src2 & 1, bits))
    CASE_SIZED(LOGIC, flags_logic(dst, bits))
    CASE_SIZED(INC, flags_inc(dst, src1, bits))
    CASE_SIZED(DEC, flags_dec(dst, src1, bits))
    CASE_SIZED(SHL, flags_shl(dst, src1, bits))
    CASE_SIZED(SAR, flags_sar(dst, src1, bits))
    CASE_SIZED(SHR, flags_shr(dst, src1, src2, bits))
    default: bad_cc_op(op);
    }
}

uint32_t helper_cc_compute_c(uint32_t dst, uint32_t src1, uint32_t src2, int32_t op)
{
    switch (op) {
    case CC_OP_EFLAGS: return src1 & CC_C;
    case CC_OP_CLR: return 0;
    case CC_OP_LOGICB ... CC_OP_LOGICL: return 0;
    case CC_OP_MULB ... CC_OP_MULL: return src1 != 0;
    case CC_OP_INCB ... CC_OP_DECL: return src1 & 1;         /* CF saved before inc/dec */
    case CC_OP_SARB ... CC_OP_SHRL: return src1 & 1;         /* last bit shifted out */
    CASE_SIZED(ADD, carry_add(dst, src1, 0, bits))
    CASE_SIZED(ADC, carry_add(dst, src1, src2 & 1, bits))
    CASE_SIZED(SUB, carry_sub(dst, src1, 0, bits))
    CASE_SIZED(SBB, carry_sub(dst, src1, src2 & 1, bits))
    CASE_SIZED(SHL, size_msb(src1, bits))
    default: bad_cc_op(op);
    }
}

/* ------------------------------------------------------------------ EFLAGS as a whole */

/* The arithmetic flags of the current lazy state. */
static inline uint32_t env_cc_all(CPUX86State *env)
{
    return helper_cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2, env->cc_op);
}

uint32_t cpu_compute_eflags(CPUX86State *env)
{
    return (env->eflags & ~(CC_ALL | DF_MASK)) | env_cc_all(env) |
           (env->df < 0 ? DF_MASK : 0) | 0x2;
}

void cpu_load_eflags(CPUX86State *env, uint32_t eflags, uint32_t update_mask)
{
    env->cc_src = eflags & CC_ALL;
    env->cc_op = CC_OP_EFLAGS;
    env->df = (eflags & DF_MASK) ? -1 : 1;
    /* env->eflags never holds the arithmetic flags or DF; bit 1 reads as 1 on every CPU. */
    update_mask &= ~(CC_ALL | DF_MASK);
    env->eflags = ((env->eflags & ~update_mask) | (eflags & update_mask)) & ~(CC_ALL | DF_MASK);
    env->eflags |= 0x2;
    /* TF changes how code is translated (one instruction per TB, then a debug trap). */
    env->hflags = (env->hflags & ~HF_TF_MASK) | (env->eflags & HF_TF_MASK);
}

uint32_t helper_read_eflags(CPUX86State *env)
{
    return cpu_compute_eflags(env);
}

/* popf from user mode: the arithmetic flags and DF always come from value, the other bits
 * where update_mask allows, and never the privileged ones (filtered here regardless of the
 * mask). Not for sahf: it would clobber OF and DF (sahf is CC_OP_EFLAGS built inline). */
void helper_write_eflags(CPUX86State *env, uint32_t value, uint32_t update_mask)
{
    cpu_load_eflags(env, value, update_mask & EFLAGS_USER_WRITABLE);
}

/* ------------------------------------------------------------------ rcl / rcr */

/*
 * Rotate the (bits+1)-bit quantity CF:value left by count (1..bits). Done in 64 bits so the
 * 33-bit case of rcl/rcr l needs no special handling. Returns the new value; *new_cf gets the
 * bit that ends up in CF.
 */
static inline uint32_t rotate_through_carry_left(uint32_t value, uint32_t cf, unsigned count,
                                                 int bits, uint32_t *new_cf)
{
    unsigned width = bits + 1;
    uint64_t wide_mask = (1ull << width) - 1;
    uint64_t x = (uint64_t)(value & size_mask(bits)) | ((uint64_t)cf << bits);
    uint64_t r = ((x << count) | (x >> (width - count))) & wide_mask;
    *new_cf = (uint32_t)(r >> bits) & 1;
    return (uint32_t)r & size_mask(bits);
}

/* Store CF and OF into the flags (cc_op becomes CC_OP_EFLAGS); the other flags keep their
 * current values. */
static inline void set_cf_of(CPUX86State *env, uint32_t flags, uint32_t cf, uint32_t of)
{
    env->cc_src = (flags & ~(CC_C | CC_O)) | (cf ? CC_C : 0) | (of ? CC_O : 0);
    env->cc_op = CC_OP_EFLAGS;
}

/* The CPU masks the count to 5 bits; for 8/16-bit operands it then rotates modulo bits+1. */
static inline unsigned rc_count(uint32_t count, int bits)
{
    count &= 0x1f;
    return bits == 32 ? count : count % (unsigned)(bits + 1);
}

/* AMD rotates 8/16-bit operands by a count that is a nonzero multiple of bits+1 like any
 * other count: value and CF stay, OF follows the result (measured); Intel leaves the flags. */
static inline bool rc_amd_rotates_by_zero(uint32_t count)
{
    return (count & 0x1f) != 0 && x86_cpu_is_amd();
}

static inline uint32_t do_rcl(CPUX86State *env, uint32_t value, uint32_t count, int bits)
{
    unsigned n = rc_count(count, bits);
    if (n == 0 && !rc_amd_rotates_by_zero(count)) {
        return value;
    }
    uint32_t flags = env_cc_all(env), cf;
    uint32_t r = rotate_through_carry_left(value, flags & CC_C, n, bits, &cf);   /* n may be 0 */
    /* OF is defined for count 1: MSB(result) ^ CF, i.e. the XOR of the operand's two top bits.
     * Intel reports that same value (from the original operand) for every count; AMD applies
     * MSB(result) ^ CF to the result of every count (measured). */
    uint32_t of = x86_cpu_is_amd() ? size_msb(r, bits) ^ cf
                                   : size_msb(value, bits) ^ size_msb(value, bits - 1);
    set_cf_of(env, flags, cf, of);
    return r;
}

static inline uint32_t do_rcr(CPUX86State *env, uint32_t value, uint32_t count, int bits)
{
    unsigned n = rc_count(count, bits);
    if (n == 0 && !rc_amd_rotates_by_zero(count)) {
        return value;
    }
    uint32_t flags = env_cc_all(env), cf;
    /* Rotating right by n within bits+1 is rotating left by bits+1-n. */
    uint32_t r = rotate_through_carry_left(value, flags & CC_C, bits + 1 - n, bits, &cf);
    /* OF is defined for count 1: XOR of the result's two top bits, i.e. MSB(operand) ^ old CF.
     * Intel reports that same value (from the original operand and CF) for every count; AMD
     * takes the XOR of the result's two top bits for every count (measured). */
    uint32_t of = x86_cpu_is_amd() ? size_msb(r, bits) ^ size_msb(r, bits - 1)
                                   : size_msb(value, bits) ^ (flags & CC_C);
    set_cf_of(env, flags, cf, of);
    return r;
}

uint32_t helper_rclb(CPUX86State *env, uint32_t t0, uint32_t count) { return do_rcl(env, t0, count, 8); }
uint32_t helper_rclw(CPUX86State *env, uint32_t t0, uint32_t count) { return do_rcl(env, t0, count, 16); }
uint32_t helper_rcll(CPUX86State *env, uint32_t t0, uint32_t count) { return do_rcl(env, t0, count, 32); }
uint32_t helper_rcrb(CPUX86State *env, uint32_t t0, uint32_t count) { return do_rcr(env, t0, count, 8); }
uint32_t helper_rcrw(CPUX86State *env, uint32_t t0, uint32_t count) { return do_rcr(env, t0, count, 16); }
uint32_t helper_rcrl(CPUX86State *env, uint32_t t0, uint32_t count) { return do_rcr(env, t0, count, 32); }
