/*
 * test-cc-helper.c - checks the i386 lazy-flag helpers and the integer helpers against the
 * real CPU: each case runs an instruction on the x86_64 host in its 8/16/32-bit form (inline
 * asm, flags read back with pushfq), feeds the same operands in the cc_dst/cc_src/cc_src2
 * encoding documented in target-i386/cpu.h to helper_cc_compute_all/_c, and compares the
 * flags the SDM defines. On an Intel host the flags loongbt chooses to model "as Intel does"
 * (MUL's SF/ZF/AF/PF, AF after shifts and logic ops, OF of multi-bit shr/sar) are checked too.
 * Also: rcl/rcr, div/idiv including the #DE exit through cpu_loop_exit, eflags read/write,
 * cpuid, cmpxchg8b, bound and segment loads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <cpuid.h>
#include <cmocka.h>

#include "cpu.h"
#include "cpu-model.h"
#include "helper-proto.h"
#include "qemu.h"

#if !defined(__x86_64__)
#error "test-cc-helper compares against the host CPU: x86_64 hosts only"
#endif

/* ------------------------------------------------------------------ operands */

static const uint32_t edge_values[] = {
    0, 1, 2, 0xf, 0x10, 0x7f, 0x80, 0x81, 0xff, 0x100, 0x7fff, 0x8000, 0x8001, 0xffff,
    0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
};
#define NB_RANDOM 24
static uint32_t test_values[ARRAY_SIZE(edge_values) + NB_RANDOM];
static size_t nb_test_values;
static bool host_is_intel, host_is_amd;

static uint32_t xorshift32(void)
{
    static uint32_t state = 0x2545f491;
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static int setup_values(void **unused)
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    nb_test_values = 0;
    for (size_t i = 0; i < ARRAY_SIZE(edge_values); i++) {
        test_values[nb_test_values++] = edge_values[i];
    }
    for (int i = 0; i < NB_RANDOM; i++) {
        test_values[nb_test_values++] = xorshift32();
    }
    __get_cpuid(0, &a, &b, &c, &d);
    host_is_intel = b == CPUID_VENDOR_EBX && d == CPUID_VENDOR_EDX && c == CPUID_VENDOR_ECX;
    host_is_amd = b == CPUID_AMD_VENDOR_EBX && d == CPUID_AMD_VENDOR_EDX &&
                  c == CPUID_AMD_VENDOR_ECX;
    /* The helpers that depend on the CPU model (rcl/rcr) follow this host's. */
    x86_cpu_model = host_is_amd ? X86_CPU_MODEL_AMD : X86_CPU_MODEL_INTEL;
    return 0;
}

static const int sizes[3] = { 8, 16, 32 };

static uint32_t mask_of(int bits) { return bits == 32 ? 0xffffffffu : (1u << bits) - 1; }
static int32_t sext(uint32_t v, int bits) { return (int32_t)(v << (32 - bits)) >> (32 - bits); }
static int cc_op_sized(int group_b, int bits) { return group_b + (bits == 8 ? 0 : bits == 16 ? 1 : 2); }

/* ------------------------------------------------------------------ running host instructions */
/* The asm leaves the 128-byte red zone alone (pushfq/popfq write below %rsp). Flags in: the
 * value loaded with popfq before the instruction (CF for adc/sbb/rcl, etc.). */

#define ASM_WITH_FLAGS(insn) \
    "lea -128(%%rsp), %%rsp\n\tpushq %[f]\n\tpopfq\n\t" insn \
    "\n\tpushfq\n\tpopq %[f]\n\tlea 128(%%rsp), %%rsp"

#define DEF_HW_BINOP(name, insn, sfx, mod) \
static uint32_t hw_##name##_##sfx(uint32_t a, uint32_t b, uint64_t *flags) \
{ \
    uint64_t f = *flags; \
    __asm__ volatile(ASM_WITH_FLAGS(insn #sfx " %" mod "[b], %" mod "[a]") \
                     : [a] "+r"(a), [f] "+r"(f) : [b] "r"(b) : "cc", "memory"); \
    *flags = f; \
    return a; \
}
#define DEF_HW_UNOP(name, insn, sfx, mod) \
static uint32_t hw_##name##_##sfx(uint32_t a, uint32_t b, uint64_t *flags) \
{ \
    uint64_t f = *flags; \
    (void)b; \
    __asm__ volatile(ASM_WITH_FLAGS(insn #sfx " %" mod "[a]") \
                     : [a] "+r"(a), [f] "+r"(f) : : "cc", "memory"); \
    *flags = f; \
    return a; \
}
#define DEF_HW_SHIFT(name, insn, sfx, mod) \
static uint32_t hw_##name##_##sfx(uint32_t a, uint32_t count, uint64_t *flags) \
{ \
    uint64_t f = *flags; \
    __asm__ volatile(ASM_WITH_FLAGS(insn #sfx " %%cl, %" mod "[a]") \
                     : [a] "+r"(a), [f] "+r"(f) : "c"(count) : "cc", "memory"); \
    *flags = f; \
    return a; \
}
/* One-operand mul/imul: returns EAX, *edx gets EDX (the high half for w/l; AH for b). */
#define DEF_HW_MUL(name, insn, sfx, mod) \
static uint32_t hw_##name##_##sfx(uint32_t a, uint32_t b, uint64_t *flags, uint32_t *edx) \
{ \
    uint64_t f = *flags; \
    uint32_t d = 0; \
    __asm__ volatile(ASM_WITH_FLAGS(insn #sfx " %" mod "[b]") \
                     : "+a"(a), "+d"(d), [f] "+r"(f) : [b] "r"(b) : "cc", "memory"); \
    *flags = f; \
    *edx = d; \
    return a; \
}

#define DEF_HW_ALL_SIZES(kind, name, insn) \
    kind(name, insn, b, "b") kind(name, insn, w, "w") kind(name, insn, l, "k")

DEF_HW_ALL_SIZES(DEF_HW_BINOP, add, "add")
DEF_HW_ALL_SIZES(DEF_HW_BINOP, adc, "adc")
DEF_HW_ALL_SIZES(DEF_HW_BINOP, sub, "sub")
DEF_HW_ALL_SIZES(DEF_HW_BINOP, sbb, "sbb")
DEF_HW_ALL_SIZES(DEF_HW_BINOP, and, "and")
DEF_HW_ALL_SIZES(DEF_HW_BINOP, or, "or")
DEF_HW_ALL_SIZES(DEF_HW_BINOP, xor, "xor")
DEF_HW_ALL_SIZES(DEF_HW_UNOP, inc, "inc")
DEF_HW_ALL_SIZES(DEF_HW_UNOP, dec, "dec")
DEF_HW_ALL_SIZES(DEF_HW_UNOP, neg, "neg")
DEF_HW_ALL_SIZES(DEF_HW_SHIFT, shl, "shl")
DEF_HW_ALL_SIZES(DEF_HW_SHIFT, shr, "shr")
DEF_HW_ALL_SIZES(DEF_HW_SHIFT, sar, "sar")
DEF_HW_ALL_SIZES(DEF_HW_SHIFT, rcl, "rcl")
DEF_HW_ALL_SIZES(DEF_HW_SHIFT, rcr, "rcr")
DEF_HW_ALL_SIZES(DEF_HW_MUL, mul, "mul")
DEF_HW_ALL_SIZES(DEF_HW_MUL, imul, "imul")

typedef uint32_t (*hw_fn)(uint32_t, uint32_t, uint64_t *);
typedef uint32_t (*hw_mul_fn)(uint32_t, uint32_t, uint64_t *, uint32_t *);
#define HW_TABLE(name) { hw_##name##_b, hw_##name##_w, hw_##name##_l }

/* ------------------------------------------------------------------ comparing flags */

static int nb_failures;

/* Compare the helper's flags for (cc_op, dst, src, src2) with the host's under mask. */
static void check_flags(const char *what, int bits, uint32_t a, uint32_t b, uint32_t hw_flags,
                        int cc_op, uint32_t dst, uint32_t src, uint32_t src2, uint32_t mask)
{
    uint32_t all = helper_cc_compute_all(dst, src, src2, cc_op);
    uint32_t c = helper_cc_compute_c(dst, src, src2, cc_op);
    if ((all & mask) != (hw_flags & mask)) {
        if (nb_failures++ < 30) {
            print_error("%s%d a=%#x b=%#x: cpu flags %#05x, helper %#05x (%s, mask %#05x)\n",
                        what, bits, a, b, hw_flags & mask, all & mask, cc_op_name(cc_op), mask);
        }
    }
    if ((mask & CC_C) && c != (hw_flags & CC_C)) {
        if (nb_failures++ < 30) {
            print_error("%s%d a=%#x b=%#x: cpu CF %u, helper_cc_compute_c %u\n",
                        what, bits, a, b, hw_flags & CC_C, c);
        }
    }
    if ((all & CC_C) != c) {
        if (nb_failures++ < 30) {
            print_error("%s%d a=%#x b=%#x: compute_all CF %u != compute_c %u\n",
                        what, bits, a, b, all & CC_C, c);
        }
    }
}

static void check_result(const char *what, int bits, uint32_t a, uint32_t b, uint32_t want,
                         uint32_t got)
{
    if (want != got && nb_failures++ < 30) {
        print_error("%s%d a=%#x b=%#x: cpu result %#x, helper %#x\n", what, bits, a, b, want, got);
    }
}

static void expect_no_failures(void)
{
    int n = nb_failures;
    nb_failures = 0;
    assert_int_equal(n, 0);
}

/* Flags set before the instruction; bit 1 must be set, IF stays as is in user mode. */
static uint64_t flags_in(uint32_t cc)
{
    return 0x202 | cc;
}

/* ------------------------------------------------------------------ arithmetic and logic */

enum { ARITH_ADD, ARITH_ADC, ARITH_SUB, ARITH_SBB, ARITH_AND, ARITH_OR, ARITH_XOR };
static const hw_fn arith_hw[][3] = {
    HW_TABLE(add), HW_TABLE(adc), HW_TABLE(sub), HW_TABLE(sbb),
    HW_TABLE(and), HW_TABLE(or), HW_TABLE(xor),
};
static const char *const arith_names[] = { "add", "adc", "sub", "sbb", "and", "or", "xor" };

static void run_arith(int kind)
{
    for (int s = 0; s < 3; s++) {
        int bits = sizes[s];
        for (size_t i = 0; i < nb_test_values; i++) {
            for (size_t j = 0; j < nb_test_values; j++) {
                for (uint32_t cin = 0; cin < 2; cin++) {
                    uint32_t a = test_values[i], b = test_values[j];
                    uint64_t f = flags_in(cin ? CC_C | CC_A : CC_Z | CC_O);
                    uint32_t r = arith_hw[kind][s](a, b, &f) & mask_of(bits);
                    uint32_t mask = CC_ALL, op;
                    switch (kind) {
                    case ARITH_ADD: op = CC_OP_ADDB; break;
                    case ARITH_ADC: op = CC_OP_ADCB; break;
                    case ARITH_SUB: op = CC_OP_SUBB; break;
                    case ARITH_SBB: op = CC_OP_SBBB; break;
                    default:
                        op = CC_OP_LOGICB;
                        mask = host_is_intel ? CC_ALL : CC_ALL & ~CC_A;
                        break;
                    }
                    /* junk above the operand size must not matter */
                    uint32_t dst = r | (a & ~mask_of(bits));
                    check_flags(arith_names[kind], bits, a, b, (uint32_t)f,
                                cc_op_sized(op, bits), dst, b, cin, mask);
                }
            }
        }
    }
    expect_no_failures();
}

static void test_add(void **state) { run_arith(ARITH_ADD); }
static void test_adc(void **state) { run_arith(ARITH_ADC); }
static void test_sub(void **state) { run_arith(ARITH_SUB); }
static void test_sbb(void **state) { run_arith(ARITH_SBB); }
static void test_logic(void **state)
{
    run_arith(ARITH_AND);
    run_arith(ARITH_OR);
    run_arith(ARITH_XOR);
}

static void test_clr(void **state)
{
    uint64_t f = flags_in(CC_ALL);
    uint32_t r = hw_xor_l(0x1234, 0x1234, &f);
    assert_int_equal(r, 0);
    check_flags("clr", 32, 0x1234, 0x1234, (uint32_t)f, CC_OP_CLR, 0xdead, 0xbeef, 7, CC_ALL);
    expect_no_failures();
}

/* ------------------------------------------------------------------ inc, dec, neg */

static const hw_fn inc_hw[3] = HW_TABLE(inc), dec_hw[3] = HW_TABLE(dec), neg_hw[3] = HW_TABLE(neg);

static void test_inc_dec_neg(void **state)
{
    for (int s = 0; s < 3; s++) {
        int bits = sizes[s];
        for (size_t i = 0; i < nb_test_values; i++) {
            for (uint32_t cin = 0; cin < 2; cin++) {
                uint32_t a = test_values[i];
                uint64_t f = flags_in(cin ? CC_C : 0);
                uint32_t r = inc_hw[s](a, 0, &f);
                check_flags("inc", bits, a, 0, (uint32_t)f, cc_op_sized(CC_OP_INCB, bits),
                            r, cin, 0, CC_ALL);
                f = flags_in(cin ? CC_C : CC_Z);
                r = dec_hw[s](a, 0, &f);
                check_flags("dec", bits, a, 0, (uint32_t)f, cc_op_sized(CC_OP_DECB, bits),
                            r, cin, 0, CC_ALL);
                /* neg x is encoded as sub 0 - x */
                f = flags_in(cin ? CC_C : 0);
                r = neg_hw[s](a, 0, &f);
                check_flags("neg", bits, a, 0, (uint32_t)f, cc_op_sized(CC_OP_SUBB, bits),
                            r, a, 0, CC_ALL);
            }
        }
    }
    expect_no_failures();
}

/* ------------------------------------------------------------------ shifts */

enum { SHIFT_SHL, SHIFT_SHR, SHIFT_SAR };
static const hw_fn shift_hw[][3] = { HW_TABLE(shl), HW_TABLE(shr), HW_TABLE(sar) };
static const char *const shift_names[] = { "shl", "shr", "sar" };

/* Flags the SDM defines after a shift by count (1..31), plus the Intel-modelled ones. */
static uint32_t shift_mask(int kind, unsigned count, int bits)
{
    uint32_t mask = CC_S | CC_Z | CC_P;
    if ((int)count < bits || host_is_intel) {
        mask |= CC_C;              /* SDM: CF undefined once the count reaches the size */
    }
    if (count == 1) {
        mask |= CC_O;
    }
    if (host_is_intel) {
        mask |= CC_A;
        if (kind != SHIFT_SHL) {
            mask |= CC_O;          /* Intel: shr OF = MSB(original), sar OF = 0, any count */
        }
    }
    return mask;
}

static void run_shift(int kind)
{
    for (int s = 0; s < 3; s++) {
        int bits = sizes[s];
        for (size_t i = 0; i < nb_test_values; i++) {
            for (unsigned count = 1; count < 32; count++) {
                uint32_t a = test_values[i];
                uint64_t f = flags_in(count & 1 ? CC_ALL : 0);
                uint32_t r = shift_hw[kind][s](a, count, &f), src, src2 = 0, op;
                switch (kind) {
                case SHIFT_SHL:
                    src = a << (count - 1);
                    op = CC_OP_SHLB;
                    break;
                case SHIFT_SAR:
                    src = (uint32_t)(sext(a, bits) >> (count - 1));
                    op = CC_OP_SARB;
                    break;
                default:
                    src = (a & mask_of(bits)) >> (count - 1);
                    src2 = a;
                    op = CC_OP_SHRB;
                    break;
                }
                check_flags(shift_names[kind], bits, a, count, (uint32_t)f,
                            cc_op_sized(op, bits), r, src, src2, shift_mask(kind, count, bits));
                /* shr encoded the old way (CC_OP_SAR with a logical src) is exact for count 1 */
                if (kind == SHIFT_SHR && count == 1) {
                    check_flags("shr-as-sar", bits, a, count, (uint32_t)f,
                                cc_op_sized(CC_OP_SARB, bits), r, src, 0, CC_ALL & ~CC_A);
                }
            }
        }
    }
    expect_no_failures();
}

static void test_shl(void **state) { run_shift(SHIFT_SHL); }
static void test_shr(void **state) { run_shift(SHIFT_SHR); }
static void test_sar(void **state) { run_shift(SHIFT_SAR); }

/* ------------------------------------------------------------------ mul, imul */

static const hw_mul_fn mul_hw[3] = HW_TABLE(mul), imul_hw[3] = HW_TABLE(imul);

static void test_mul(void **state)
{
    uint32_t mask = CC_C | CC_O | (host_is_intel ? CC_S | CC_Z | CC_A | CC_P : 0);
    for (int s = 0; s < 3; s++) {
        int bits = sizes[s];
        for (size_t i = 0; i < nb_test_values; i++) {
            for (size_t j = 0; j < nb_test_values; j++) {
                uint32_t a = test_values[i], b = test_values[j], edx, low, high;
                uint64_t f = flags_in(CC_Z | CC_A);
                uint32_t eax = mul_hw[s](a, b, &f, &edx);
                low = eax & mask_of(bits);
                high = bits == 8 ? (eax >> 8) & 0xff : edx & mask_of(bits);
                check_flags("mul", bits, a, b, (uint32_t)f, cc_op_sized(CC_OP_MULB, bits),
                            low, high, 0, mask);

                f = flags_in(CC_Z | CC_A);
                eax = imul_hw[s](a, b, &f, &edx);
                low = eax & mask_of(bits);
                high = bits == 8 ? (eax >> 8) & 0xff : edx & mask_of(bits);
                /* cc_src = high half minus the sign extension of the low half */
                uint32_t src = high - (uint32_t)(sext(low, bits) >> (bits - 1));
                check_flags("imul", bits, a, b, (uint32_t)f, cc_op_sized(CC_OP_MULB, bits),
                            low, src & mask_of(bits), 0, mask);
            }
        }
    }
    expect_no_failures();
}

/* ------------------------------------------------------------------ rcl, rcr */

typedef uint32_t (*rc_helper_fn)(CPUX86State *, uint32_t, uint32_t);
static const hw_fn rcl_hw[3] = HW_TABLE(rcl), rcr_hw[3] = HW_TABLE(rcr);
static const rc_helper_fn rcl_helpers[3] = { helper_rclb, helper_rclw, helper_rcll };
static const rc_helper_fn rcr_helpers[3] = { helper_rcrb, helper_rcrw, helper_rcrl };

static CPUX86State test_env;

static void run_rotate(const char *what, const hw_fn hw[3], const rc_helper_fn helpers[3])
{
    CPUX86State *env = &test_env;
    for (int s = 0; s < 3; s++) {
        int bits = sizes[s];
        for (size_t i = 0; i < nb_test_values; i++) {
            for (unsigned count = 0; count < 40; count++) {
                for (uint32_t cin = 0; cin < 2; cin++) {
                    uint32_t a = test_values[i];
                    uint32_t in_cc = cin ? CC_C | CC_S | CC_O : CC_Z | CC_P;
                    uint64_t f = flags_in(in_cc);
                    uint32_t want = hw[s](a, count, &f) & mask_of(bits);
                    unsigned masked = count & 31;
                    unsigned eff = bits == 32 ? masked : masked % (bits + 1);

                    cpu_x86_init_user(env);
                    /* lazy input state: an ADD that produced exactly in_cc's CF */
                    env->cc_op = CC_OP_EFLAGS;
                    env->cc_src = in_cc;
                    uint32_t got = helpers[s](env, a & mask_of(bits), count) & mask_of(bits);
                    uint32_t out = helper_cc_compute_all(env->cc_dst, env->cc_src,
                                                         env->cc_src2, env->cc_op);
                    check_result(what, bits, a, count, want, got);
                    /* With the model of this host's vendor every flag is as the CPU gives
                     * it; on another vendor OF is checked where it is defined only. */
                    bool exact = host_is_intel || host_is_amd;
                    uint32_t mask;
                    if (eff == 0 && !(masked && host_is_amd)) {
                        /* no rotation: the lazy state must be untouched (Intel; AMD
                         * recomputes OF when the masked count is not 0) */
                        check_result(what, bits, a, count, in_cc, env->cc_src);
                        mask = masked && !exact ? CC_ALL & ~CC_O : CC_ALL;
                    } else {
                        /* CF and OF written, the rest kept; OF defined for count 1 only */
                        mask = CC_ALL & ~CC_O;
                        if (masked == 1 || exact) {
                            mask |= CC_O;
                        }
                    }
                    check_flags(what, bits, a, count, (uint32_t)f, CC_OP_EFLAGS, 0, out, 0,
                                mask);
                }
            }
        }
    }
    expect_no_failures();
}

static void test_rcl(void **state) { run_rotate("rcl", rcl_hw, rcl_helpers); }
static void test_rcr(void **state) { run_rotate("rcr", rcr_hw, rcr_helpers); }

/* ------------------------------------------------------------------ division */

static sigjmp_buf host_fpe_jmp;
static void host_fpe_handler(int sig) { siglongjmp(host_fpe_jmp, 1); }

/* Run div/idiv on the host: returns false when the CPU raised #DE (SIGFPE). */
#define DEF_HW_DIV(name, insn, sfx, mod) \
static bool hw_##name##_##sfx(uint32_t *eax, uint32_t *edx, uint32_t b) \
{ \
    volatile uint32_t a = *eax, d = *edx; \
    if (sigsetjmp(host_fpe_jmp, 1)) { \
        return false; \
    } \
    uint32_t ra = a, rd = d; \
    __asm__ volatile(insn #sfx " %" mod "[b]" : "+a"(ra), "+d"(rd) : [b] "r"(b) : "cc"); \
    *eax = ra; \
    *edx = rd; \
    return true; \
}
DEF_HW_ALL_SIZES(DEF_HW_DIV, div, "div")
DEF_HW_ALL_SIZES(DEF_HW_DIV, idiv, "idiv")

typedef bool (*hw_div_fn)(uint32_t *, uint32_t *, uint32_t);
typedef void (*div_helper_fn)(CPUX86State *, uint32_t);

/* Call a helper that may raise; true if it left through cpu_loop_exit. */
static __attribute__((noinline)) bool helper_raised(div_helper_fn helper, CPUX86State *env,
                                                    uint32_t arg)
{
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper(env, arg);
        return false;
    }
    return true;
}

static void run_div(const char *what, const hw_div_fn hw[3], const div_helper_fn helpers[3])
{
    CPUX86State *env = &test_env;
    struct sigaction sa = { .sa_handler = host_fpe_handler }, old;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGFPE, &sa, &old);

    for (int s = 0; s < 3; s++) {
        int bits = sizes[s];
        for (size_t i = 0; i < nb_test_values; i++) {
            for (size_t j = 0; j < nb_test_values; j++) {
                for (int hi = 0; hi < 3; hi++) {
                    /* high part of the dividend: 0, small, or a test value */
                    uint32_t eax = test_values[i];
                    uint32_t edx = hi == 0 ? 0 : hi == 1 ? 1 : test_values[(i + j) % nb_test_values];
                    uint32_t b = test_values[j];
                    if (bits == 8) {
                        eax = (eax & 0xffff00ffu) | ((edx & 0xff) << 8);
                    }
                    uint32_t heax = eax, hedx = edx;
                    bool ok = hw[s](&heax, &hedx, b);

                    cpu_x86_init_user(env);
                    env->regs[R_EAX] = eax;
                    env->regs[R_EDX] = edx;
                    env->exception_index = -1;
                    bool raised = helper_raised(helpers[s], env, b);
                    if (raised != !ok) {
                        if (nb_failures++ < 30) {
                            print_error("%s%d %#x:%#x / %#x: cpu %s, helper %s\n", what, bits,
                                        edx, eax, b, ok ? "ok" : "#DE",
                                        raised ? "raised" : "returned");
                        }
                        continue;
                    }
                    if (raised) {
                        if (env->exception_index != EXCP00_DIVZ && nb_failures++ < 30) {
                            print_error("%s%d: exception_index %d\n", what, bits,
                                        env->exception_index);
                        }
                        continue;
                    }
                    check_result(what, bits, eax, b, heax, env->regs[R_EAX]);
                    check_result(what, bits, edx, b, hedx, env->regs[R_EDX]);
                }
            }
        }
    }
    sigaction(SIGFPE, &old, NULL);
    expect_no_failures();
}

static void test_div(void **state)
{
    static const hw_div_fn hw[3] = HW_TABLE(div);
    static const div_helper_fn helpers[3] = { helper_divb_AL, helper_divw_AX, helper_divl_EAX };
    run_div("div", hw, helpers);
}

static void test_idiv(void **state)
{
    static const hw_div_fn hw[3] = HW_TABLE(idiv);
    static const div_helper_fn helpers[3] = { helper_idivb_AL, helper_idivw_AX,
                                              helper_idivl_EAX };
    run_div("idiv", hw, helpers);
}

static void test_div_by_zero_exits(void **state)
{
    CPUX86State *env = &test_env;
    cpu_x86_init_user(env);
    env->regs[R_EAX] = 10;
    env->exception_index = -1;
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper_divl_EAX(env, 0);
        fail_msg("helper_divl_EAX(0) returned");
    }
    assert_int_equal(env->exception_index, EXCP00_DIVZ);
    assert_int_equal(env->regs[R_EAX], 10);
}

/* ------------------------------------------------------------------ eflags, cpuid, misc */

static void test_eflags_roundtrip(void **state)
{
    CPUX86State *env = &test_env;
    cpu_x86_init_user(env);
    assert_int_equal(cpu_compute_eflags(env), 0x202);

    /* lazy state -> full flags */
    env->cc_op = CC_OP_SUBL;
    env->cc_dst = 0;
    env->cc_src = 5;       /* 5 - 5 */
    env->df = -1;
    assert_int_equal(helper_read_eflags(env), 0x202 | DF_MASK | CC_Z | CC_P);

    /* user popf: IF/IOPL/VM ignored, AC/ID/TF/NT taken, arithmetic flags and DF always */
    helper_write_eflags(env, CC_C | CC_O | ID_MASK | AC_MASK | IOPL_MASK | VM_MASK,
                        0xffffffffu);
    assert_int_equal(env->cc_op, CC_OP_EFLAGS);
    assert_int_equal(env->df, 1);
    assert_int_equal(helper_read_eflags(env), 0x202 | CC_C | CC_O | ID_MASK | AC_MASK);

    /* cpu_load_eflags obeys its mask only */
    cpu_load_eflags(env, DF_MASK | CC_S, IF_MASK);
    assert_int_equal(cpu_compute_eflags(env), 0x2 | DF_MASK | CC_S | ID_MASK | AC_MASK);
    cpu_load_eflags(env, IF_MASK, 0xffffffffu);
    assert_int_equal(cpu_compute_eflags(env), 0x202);
}

static void test_cpuid(void **state)
{
    CPUX86State *env = &test_env;
    cpu_x86_init_user(env);
    X86CPUModel host_model = x86_cpu_model;
    x86_cpu_model = X86_CPU_MODEL_INTEL;
    env->regs[R_EAX] = 0;
    helper_cpuid(env);
    assert_int_equal(env->regs[R_EAX], 1);
    assert_memory_equal(&env->regs[R_EBX], "Genu", 4);
    assert_memory_equal(&env->regs[R_EDX], "ineI", 4);
    assert_memory_equal(&env->regs[R_ECX], "ntel", 4);
    env->regs[R_EAX] = 1;
    helper_cpuid(env);
    assert_int_equal((env->regs[R_EAX] >> 8) & 0xf, 6);
    /* What is advertised is the one list in cpu.h (grown as instruction sets land); the
     * integer baseline glibc's i686 code relies on must always be there. */
    assert_int_equal(env->regs[R_EDX], LOONGBT_CPUID_1_EDX);
    assert_int_equal(env->regs[R_ECX], LOONGBT_CPUID_1_ECX);
    assert_true((env->regs[R_EDX] & (CPUID_EDX_TSC | CPUID_EDX_CX8 | CPUID_EDX_CMOV)) ==
                (CPUID_EDX_TSC | CPUID_EDX_CX8 | CPUID_EDX_CMOV));
    env->regs[R_EAX] = 0x80000000;
    helper_cpuid(env);
    assert_int_equal(env->regs[R_EAX], CPUID_MAX_EXT_LEAF);
    /* LZCNT (ABM) is advertised in leaf 0x80000001; the brand string is NUL-terminated. */
    env->regs[R_EAX] = 0x80000001;
    helper_cpuid(env);
    assert_int_equal(env->regs[R_ECX], LOONGBT_CPUID_8000_0001_ECX);
    char brand[49] = { 0 };
    for (uint32_t leaf = 0x80000002; leaf <= 0x80000004; leaf++) {
        env->regs[R_EAX] = leaf;
        helper_cpuid(env);
        uint32_t words[4] = { env->regs[R_EAX], env->regs[R_EBX], env->regs[R_ECX],
                              env->regs[R_EDX] };
        memcpy(brand + 16 * (leaf - 0x80000002), words, 16);
    }
    assert_string_equal(brand, CPUID_BRAND_STRING);
    /* Leaves above the maximum: Intel repeats the highest basic leaf. */
    env->regs[R_EAX] = 0x10;
    helper_cpuid(env);
    assert_int_equal(env->regs[R_EAX], CPUID_1_EAX_SIGNATURE);
    x86_cpu_model = host_model;
}

/* The AMD model: same features, AMD vendor and leaf layout (cpu.h). */
static void test_cpuid_amd(void **state)
{
    CPUX86State *env = &test_env;
    cpu_x86_init_user(env);
    X86CPUModel host_model = x86_cpu_model;
    x86_cpu_model = X86_CPU_MODEL_AMD;
    static const struct { uint32_t leaf, eax, ebx, ecx, edx; } expect[] = {
        { 0, 1, CPUID_AMD_VENDOR_EBX, CPUID_AMD_VENDOR_ECX, CPUID_AMD_VENDOR_EDX },
        { 1, CPUID_AMD_1_EAX_SIGNATURE, CPUID_1_EBX, LOONGBT_CPUID_1_ECX, LOONGBT_CPUID_1_EDX },
        { 0x10, 0, 0, 0, 0 },
        { 0x80000000, CPUID_MAX_EXT_LEAF, CPUID_AMD_VENDOR_EBX, CPUID_AMD_VENDOR_ECX,
          CPUID_AMD_VENDOR_EDX },
        { 0x80000001, CPUID_AMD_1_EAX_SIGNATURE, 0, LOONGBT_CPUID_8000_0001_ECX,
          LOONGBT_CPUID_AMD_8000_0001_EDX },
        { 0x80000005, 0, 0, 0, 0 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(expect); i++) {
        env->regs[R_EAX] = expect[i].leaf;
        helper_cpuid(env);
        assert_int_equal(env->regs[R_EAX], expect[i].eax);
        assert_int_equal(env->regs[R_EBX], expect[i].ebx);
        assert_int_equal(env->regs[R_ECX], expect[i].ecx);
        assert_int_equal(env->regs[R_EDX], expect[i].edx);
    }
    const uint32_t vendor[3] = { CPUID_AMD_VENDOR_EBX, CPUID_AMD_VENDOR_EDX, CPUID_AMD_VENDOR_ECX };
    assert_memory_equal(vendor, "AuthenticAMD", 12);
    /* 0x80000001 EDX mirrors FPU TSC CX8 CMOV MMX FXSR, not the SSE bits */
    assert_int_equal(LOONGBT_CPUID_AMD_8000_0001_EDX & (CPUID_EDX_SSE | CPUID_EDX_SSE2), 0);
    assert_true(LOONGBT_CPUID_AMD_8000_0001_EDX & CPUID_EDX_CMOV);
    x86_cpu_model = host_model;
}

static void test_rdtsc_monotonic(void **state)
{
    CPUX86State *env = &test_env;
    cpu_x86_init_user(env);
    helper_rdtsc(env);
    uint64_t t0 = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    helper_rdtsc(env);
    uint64_t t1 = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    assert_true(t1 >= t0);
}

static void test_cmpxchg8b(void **state)
{
    CPUX86State *env = &test_env;
    uint64_t mem[2] = { 0x1122334455667788ull, 0 };
    uintptr_t saved_base = guest_base;
    guest_base = (uintptr_t)mem - 0x1000;      /* guest address 0x1000 = mem[0] */

    cpu_x86_init_user(env);
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = CC_C | CC_S;
    env->regs[R_EDX] = 0x11223344;
    env->regs[R_EAX] = 0x55667788;
    env->regs[R_ECX] = 0xaabbccdd;
    env->regs[R_EBX] = 0xeeff0011;
    helper_cmpxchg8b(env, 0x1000);
    assert_int_equal(mem[0], 0xaabbccddeeff0011ull);
    assert_int_equal(cpu_compute_eflags(env) & CC_ALL, CC_C | CC_S | CC_Z);

    /* mismatch: EDX:EAX loaded, memory kept, ZF cleared; unaligned address */
    memcpy((char *)mem + 4, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    env->cc_op = CC_OP_CLR;
    helper_cmpxchg8b(env, 0x1004);
    assert_int_equal(env->regs[R_EAX], 0x04030201);
    assert_int_equal(env->regs[R_EDX], 0x08070605);
    assert_int_equal(cpu_compute_eflags(env) & CC_ALL, CC_P);
    guest_base = saved_base;
}

static void test_bound(void **state)
{
    CPUX86State *env = &test_env;
    int32_t bounds_l[2] = { -5, 100 };
    int16_t bounds_w[2] = { -5, 100 };
    uintptr_t saved_base = guest_base;
    volatile int raised = 0;
    cpu_x86_init_user(env);

    guest_base = (uintptr_t)bounds_l - 0x2000;
    helper_boundl(env, 0x2000, -5);
    helper_boundl(env, 0x2000, 100);
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper_boundl(env, 0x2000, 101);
    } else {
        raised++;
        assert_int_equal(env->exception_index, EXCP05_BOUND);
    }
    guest_base = (uintptr_t)bounds_w - 0x2000;
    helper_boundw(env, 0x2000, 0xfffb);       /* -5 as a 16-bit index */
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper_boundw(env, 0x2000, -6);
    } else {
        raised++;
    }
    guest_base = saved_base;
    assert_int_equal(raised, 2);
}

static void test_load_seg(void **state)
{
    CPUX86State *env = &test_env;
    volatile int raised = 0;
    cpu_x86_init_user(env);
    /* The 64-bit kernel's selectors for a 32-bit task (what a native run shows). */
    assert_int_equal(env->segs[R_CS].selector, 0x23);
    assert_int_equal(env->segs[R_DS].selector, 0x2b);
    assert_int_equal(env->segs[R_DS].limit, 0xffffffffu);

    helper_load_seg(env, R_GS, 0);                /* null selector is fine for GS */
    assert_int_equal(env->segs[R_GS].base, 0);
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper_load_seg(env, R_FS, 0xfff8 | 3);   /* a GDT slot nobody set up */
    } else {
        raised++;
        assert_int_equal(env->exception_index, EXCP0D_GPF);
        assert_int_equal(env->error_code, 0xfff8);
    }
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper_load_seg(env, R_SS, 0);            /* null SS faults */
    } else {
        raised++;
    }
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper_load_seg(env, R_FS, 0x18);         /* kernel data: DPL 0 */
    } else {
        raised++;
        assert_int_equal(env->exception_index, EXCP0D_GPF);
        assert_int_equal(env->error_code, 0x18);
    }
    if (sigsetjmp(env->jmp_env, 1) == 0) {
        helper_load_seg(env, R_FS, 0x0f);         /* LDT entry 1 with no LDT */
    } else {
        raised++;
        assert_int_equal(env->error_code, 0x0c);
    }
    helper_load_seg(env, R_FS, 0x2b);             /* user data: flat */
    assert_int_equal(env->segs[R_FS].base, 0);
    assert_int_equal(env->segs[R_FS].limit, 0xffffffffu);
    assert_int_equal(raised, 4);
}

static void test_cc_op_names(void **state)
{
    assert_string_equal(cc_op_name(CC_OP_ADDL), "ADDL");
    assert_string_equal(cc_op_name(CC_OP_SHRB), "SHRB");
    assert_string_equal(cc_op_name(CC_OP_CLR), "CLR");
    assert_string_equal(cc_op_name(CC_OP_NB), "?");
    for (int op = 0; op < CC_OP_NB; op++) {
        assert_string_not_equal(cc_op_name(op), "?");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add),
        cmocka_unit_test(test_adc),
        cmocka_unit_test(test_sub),
        cmocka_unit_test(test_sbb),
        cmocka_unit_test(test_logic),
        cmocka_unit_test(test_clr),
        cmocka_unit_test(test_inc_dec_neg),
        cmocka_unit_test(test_shl),
        cmocka_unit_test(test_shr),
        cmocka_unit_test(test_sar),
        cmocka_unit_test(test_mul),
        cmocka_unit_test(test_rcl),
        cmocka_unit_test(test_rcr),
        cmocka_unit_test(test_div),
        cmocka_unit_test(test_idiv),
        cmocka_unit_test(test_div_by_zero_exits),
        cmocka_unit_test(test_eflags_roundtrip),
        cmocka_unit_test(test_cpuid),
        cmocka_unit_test(test_cpuid_amd),
        cmocka_unit_test(test_rdtsc_monotonic),
        cmocka_unit_test(test_cmpxchg8b),
        cmocka_unit_test(test_bound),
        cmocka_unit_test(test_load_seg),
        cmocka_unit_test(test_cc_op_names),
    };
    return cmocka_run_group_tests(tests, setup_values, NULL);
}
