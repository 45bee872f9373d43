/*
 * int_helper.c - i386 integer helpers too big or too rare to inline in translated code:
 * division (with #DE), the BCD adjust instructions, cpuid, rdtsc, exceptions, segment loads,
 * cmpxchg8b and bound.
 *
 * Helpers declared with flags 0 in helper.h may raise: translate.c stores eip and cc_op (and
 * the cc_* values) before calling them, so raise_exception() can leave through cpu_loop_exit()
 * with a precise guest state. Helpers that change flags leave cc_op = CC_OP_EFLAGS.
 */
#include <time.h>
#include "cpu.h"
#include "helper-proto.h"
#include "qemu.h"
#include "log.h"
#include "cpu-model.h"

/* ------------------------------------------------------------------ flag utilities */

static inline uint32_t current_cc_flags(CPUX86State *env)
{
    return helper_cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2, env->cc_op);
}

static inline void store_cc_flags(CPUX86State *env, uint32_t flags)
{
    env->cc_src = flags & CC_ALL;
    env->cc_op = CC_OP_EFLAGS;
}

/* ZF, SF, PF of an 8-bit result. */
static inline uint32_t byte_szp(uint32_t v)
{
    v &= 0xff;
    return (v == 0 ? CC_Z : 0) | ((v & 0x80) ? CC_S : 0) |
           (__builtin_parity(v) ? 0 : CC_P);
}

static inline void set_al(CPUX86State *env, uint32_t al)
{
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffu) | (al & 0xff);
}

static inline void set_ax(CPUX86State *env, uint32_t ax)
{
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffu) | (ax & 0xffff);
}

/* ------------------------------------------------------------------ exceptions */

void raise_exception_err(CPUX86State *env, int excp, int error_code)
{
    env->exception_index = excp;
    env->error_code = error_code;
    cpu_loop_exit(env);
}

void raise_exception(CPUX86State *env, int excp)
{
    raise_exception_err(env, excp, 0);
}

void helper_raise_exception(CPUX86State *env, int32_t excp)
{
    raise_exception(env, excp);
}

void helper_raise_exception_err(CPUX86State *env, int32_t excp, int32_t error_code)
{
    raise_exception_err(env, excp, error_code);
}

/* ------------------------------------------------------------------ division */
/* Quotient too large for the destination raises #DE exactly like a zero divisor. The
 * arithmetic flags are undefined after div/idiv; loongbt leaves them unchanged. */

void helper_divb_AL(CPUX86State *env, uint32_t divisor)
{
    uint32_t num = env->regs[R_EAX] & 0xffff, den = divisor & 0xff;
    if (den == 0 || num / den > 0xff) {
        raise_exception(env, EXCP00_DIVZ);
    }
    set_ax(env, ((num % den) << 8) | (num / den));
}

void helper_idivb_AL(CPUX86State *env, uint32_t divisor)
{
    int32_t num = (int16_t)env->regs[R_EAX], den = (int8_t)divisor;
    if (den == 0) {
        raise_exception(env, EXCP00_DIVZ);
    }
    int32_t q = num / den, r = num % den;      /* no C overflow: num is only 16 bits */
    if (q != (int8_t)q) {
        raise_exception(env, EXCP00_DIVZ);
    }
    set_ax(env, ((uint32_t)(r & 0xff) << 8) | (q & 0xff));
}

void helper_divw_AX(CPUX86State *env, uint32_t divisor)
{
    uint32_t num = ((env->regs[R_EDX] & 0xffff) << 16) | (env->regs[R_EAX] & 0xffff);
    uint32_t den = divisor & 0xffff;
    if (den == 0 || num / den > 0xffff) {
        raise_exception(env, EXCP00_DIVZ);
    }
    set_ax(env, num / den);
    env->regs[R_EDX] = (env->regs[R_EDX] & ~0xffffu) | (num % den);
}

void helper_idivw_AX(CPUX86State *env, uint32_t divisor)
{
    int32_t num = (int32_t)(((env->regs[R_EDX] & 0xffff) << 16) | (env->regs[R_EAX] & 0xffff));
    int32_t den = (int16_t)divisor;
    if (den == 0) {
        raise_exception(env, EXCP00_DIVZ);
    }
    int64_t q = (int64_t)num / den, r = (int64_t)num % den;  /* 64-bit: INT32_MIN / -1 is fine */
    if (q != (int16_t)q) {
        raise_exception(env, EXCP00_DIVZ);
    }
    set_ax(env, (uint32_t)q);
    env->regs[R_EDX] = (env->regs[R_EDX] & ~0xffffu) | ((uint32_t)r & 0xffff);
}

void helper_divl_EAX(CPUX86State *env, uint32_t divisor)
{
    uint64_t num = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    if (divisor == 0 || num / divisor > 0xffffffffu) {
        raise_exception(env, EXCP00_DIVZ);
    }
    env->regs[R_EAX] = (uint32_t)(num / divisor);
    env->regs[R_EDX] = (uint32_t)(num % divisor);
}

void helper_idivl_EAX(CPUX86State *env, uint32_t divisor)
{
    int64_t num = (int64_t)(((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX]);
    int64_t den = (int32_t)divisor;
    /* INT64_MIN / -1 would trap in C; its quotient does not fit in 32 bits anyway. */
    if (den == 0 || (den == -1 && num == INT64_MIN)) {
        raise_exception(env, EXCP00_DIVZ);
    }
    int64_t q = num / den, r = num % den;
    if (q != (int32_t)q) {
        raise_exception(env, EXCP00_DIVZ);
    }
    env->regs[R_EAX] = (uint32_t)q;
    env->regs[R_EDX] = (uint32_t)r;
}

/* ------------------------------------------------------------------ BCD adjust */
/* Defined flags follow the SDM pseudo-code; for the flags the SDM calls undefined, the choice
 * noted at each helper reproduces what an Intel Xeon does (checked exhaustively against a
 * native i386 run over AL 0..255, several AH values and CF/AF/other flag inputs), and in the
 * AMD model what an AMD EPYC does (tests/guest/int-undef.c, all lines of its "-v" output):
 * daa/das set OF as for the 8-bit add/sub of the whole adjustment, aaa/aas set SF ZF PF OF
 * as for the 16-bit add/sub of AX and 0x106 (or 0). aam/aad agree with Intel. */

/* OF of the 8- or 16-bit add (sub = false) or subtraction of b from a, giving r. */
static inline bool bcd_overflow(uint32_t a, uint32_t b, uint32_t r, bool sub, uint32_t msb)
{
    return (sub ? (a ^ b) & (a ^ r) : ~(a ^ b) & (a ^ r)) & msb;
}

/* AMD aaa/aas: AX was adjusted by delta (0 or 0x106) from ax to t; AF = CF = adjust. */
static uint32_t bcd_ascii_flags_amd(uint32_t ax, uint32_t delta, uint32_t t, bool sub)
{
    t &= 0xffff;
    return (delta ? (CC_A | CC_C) : 0) | (bcd_overflow(ax, delta, t, sub, 0x8000) ? CC_O : 0) |
           (t & 0x8000 ? CC_S : 0) | (t == 0 ? CC_Z : 0) | (byte_szp(t & 0xff) & CC_P);
}

void helper_daa(CPUX86State *env)
{
    uint32_t flags = current_cc_flags(env);
    uint32_t old_al = env->regs[R_EAX] & 0xff, al = old_al;
    bool old_cf = flags & CC_C, cf = false, af = false;
    if ((al & 0xf) > 9 || (flags & CC_A)) {
        cf = old_cf || al + 6 > 0xff;
        al = (al + 6) & 0xff;
        af = true;
    }
    if (old_al > 0x99 || old_cf) {
        al = (al + 0x60) & 0xff;
        cf = true;
    }
    set_al(env, al);
    /* OF (undefined): 0, as Intel does; AMD: the overflow of AL + the whole adjustment. */
    bool of = x86_cpu_is_amd() && bcd_overflow(old_al, (al - old_al) & 0xff, al, false, 0x80);
    store_cc_flags(env, (cf ? CC_C : 0) | (af ? CC_A : 0) | (of ? CC_O : 0) | byte_szp(al));
}

void helper_das(CPUX86State *env)
{
    uint32_t flags = current_cc_flags(env);
    uint32_t old_al = env->regs[R_EAX] & 0xff, al = old_al;
    bool old_cf = flags & CC_C, cf = false, af = false;
    if ((al & 0xf) > 9 || (flags & CC_A)) {
        cf = old_cf || al < 6;
        al = (al - 6) & 0xff;
        af = true;
    }
    if (old_al > 0x99 || old_cf) {
        al = (al - 0x60) & 0xff;
        cf = true;
    }
    set_al(env, al);
    /* OF (undefined): 0, as Intel does; AMD: the overflow of AL - the whole adjustment. */
    bool of = x86_cpu_is_amd() && bcd_overflow(old_al, (old_al - al) & 0xff, al, true, 0x80);
    store_cc_flags(env, (cf ? CC_C : 0) | (af ? CC_A : 0) | (of ? CC_O : 0) | byte_szp(al));
}

void helper_aaa(CPUX86State *env)
{
    uint32_t flags = current_cc_flags(env);
    uint32_t ax = env->regs[R_EAX] & 0xffff;
    bool adjust = (ax & 0xf) > 9 || (flags & CC_A);
    uint32_t old_ax = ax;
    if (adjust) {
        ax += 0x106;            /* both add to all of AX: AL's carry reaches AH */
    }
    set_ax(env, ax & 0xff0f);
    if (x86_cpu_is_amd()) {
        store_cc_flags(env, bcd_ascii_flags_amd(old_ax, adjust ? 0x106 : 0, ax, false));
        return;
    }
    /* OF (undefined): 0; SF ZF PF (undefined): from the final AL, as Intel does. */
    store_cc_flags(env, (adjust ? (CC_A | CC_C) : 0) | byte_szp(ax & 0x0f));
}

void helper_aas(CPUX86State *env)
{
    uint32_t flags = current_cc_flags(env);
    uint32_t ax = env->regs[R_EAX] & 0xffff;
    bool adjust = (ax & 0xf) > 9 || (flags & CC_A);
    uint32_t old_ax = ax;
    if (adjust) {
        /* Both subtract 6 from all of AX (AL's borrow reaches AH), then 1 from AH. */
        ax = (ax - 6 - 0x100) & 0xffff;
    }
    set_ax(env, ax & 0xff0f);
    if (x86_cpu_is_amd()) {
        store_cc_flags(env, bcd_ascii_flags_amd(old_ax, adjust ? 0x106 : 0, ax, true));
        return;
    }
    /* OF (undefined): 0; SF ZF PF (undefined): from the final AL, as Intel does. */
    store_cc_flags(env, (adjust ? (CC_A | CC_C) : 0) | byte_szp(ax & 0x0f));
}

void helper_aam(CPUX86State *env, int32_t base)
{
    uint32_t al = env->regs[R_EAX] & 0xff, b = base & 0xff;
    if (b == 0) {
        raise_exception(env, EXCP00_DIVZ);
    }
    uint32_t quot = al / b, rem = al % b;
    set_ax(env, (quot << 8) | rem);
    /* OF AF CF (undefined): 0, as Intel does. */
    store_cc_flags(env, byte_szp(rem));
}

void helper_aad(CPUX86State *env, int32_t base)
{
    uint32_t ax = env->regs[R_EAX] & 0xffff, b = base & 0xff;
    uint32_t addend = ((ax >> 8) * b) & 0xff;
    uint32_t al = ((ax & 0xff) + addend) & 0xff;
    set_ax(env, al);
    /* OF AF CF (undefined): Intel sets all flags as for the 8-bit add AL + (AH * base). */
    store_cc_flags(env, helper_cc_compute_all(al, addend, 0, CC_OP_ADDB));
}

/* ------------------------------------------------------------------ cpuid, rdtsc */

/* Four characters of the brand string (leaves 0x80000002-4: 16 bytes each, NUL padded). */
static uint32_t cpuid_brand_word(unsigned index)
{
    static const char brand[48] = CPUID_BRAND_STRING;
    uint32_t w;
    memcpy(&w, brand + 4 * index, 4);
    return w;                                  /* guest and hosts are little-endian here */
}

/* The AMD model's leaves (cpu.h); false for a leaf above the maximum (all zero). */
static bool cpuid_amd(uint32_t leaf, uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    if (leaf == 0 || leaf == 0x80000000) {
        *eax = leaf ? CPUID_MAX_EXT_LEAF : CPUID_MAX_BASIC_LEAF;
        *ebx = CPUID_AMD_VENDOR_EBX;
        *ecx = CPUID_AMD_VENDOR_ECX;
        *edx = CPUID_AMD_VENDOR_EDX;
    } else if (leaf == 1) {
        *eax = CPUID_AMD_1_EAX_SIGNATURE;
        *ebx = CPUID_1_EBX;
        *ecx = LOONGBT_CPUID_1_ECX;
        *edx = LOONGBT_CPUID_1_EDX;
    } else if (leaf == 0x80000001) {
        *eax = CPUID_AMD_1_EAX_SIGNATURE;
        *ecx = LOONGBT_CPUID_8000_0001_ECX;
        *edx = LOONGBT_CPUID_AMD_8000_0001_EDX;
    } else if (leaf >= 0x80000002 && leaf <= 0x80000004) {
        unsigned base = (leaf - 0x80000002) * 4;
        *eax = cpuid_brand_word(base);
        *ebx = cpuid_brand_word(base + 1);
        *ecx = cpuid_brand_word(base + 2);
        *edx = cpuid_brand_word(base + 3);
    } else {
        return false;
    }
    return true;
}

void helper_cpuid(CPUX86State *env)
{
    uint32_t leaf = env->regs[R_EAX];
    uint32_t eax = 0, ebx = 0, ecx = 0, edx = 0;

    if (x86_cpu_is_amd()) {
        cpuid_amd(leaf, &eax, &ebx, &ecx, &edx);
    } else if (leaf == 0) {
        eax = CPUID_MAX_BASIC_LEAF;
        ebx = CPUID_VENDOR_EBX;
        ecx = CPUID_VENDOR_ECX;
        edx = CPUID_VENDOR_EDX;
    } else if (leaf == 0x80000000) {
        eax = CPUID_MAX_EXT_LEAF;              /* Intel: EBX ECX EDX reserved (0) */
    } else if (leaf == 0x80000001) {
        ecx = LOONGBT_CPUID_8000_0001_ECX;     /* signature and EDX: 0 on Intel in 32-bit mode */
    } else if (leaf >= 0x80000002 && leaf <= 0x80000004) {
        unsigned base = (leaf - 0x80000002) * 4;
        eax = cpuid_brand_word(base);
        ebx = cpuid_brand_word(base + 1);
        ecx = cpuid_brand_word(base + 2);
        edx = cpuid_brand_word(base + 3);
    } else {
        /* Leaf 1, and (as on Intel) any leaf above the maximum basic or extended leaf returns
         * the highest basic leaf. */
        eax = CPUID_1_EAX_SIGNATURE;
        ebx = CPUID_1_EBX;
        ecx = LOONGBT_CPUID_1_ECX;
        edx = LOONGBT_CPUID_1_EDX;
    }
    env->regs[R_EAX] = eax;
    env->regs[R_EBX] = ebx;
    env->regs[R_ECX] = ecx;
    env->regs[R_EDX] = edx;
}

/* A monotonic nanosecond count: portable to every host (no host rdtsc) and never goes back. */
void helper_rdtsc(CPUX86State *env)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    env->regs[R_EAX] = (uint32_t)ns;
    env->regs[R_EDX] = (uint32_t)(ns >> 32);
}

/* ------------------------------------------------------------------ segments */

void helper_load_seg(CPUX86State *env, int32_t seg, uint32_t selector)
{
    selector &= 0xffff;
    /* A null selector is fine for DS/ES/FS/GS but faults in SS. */
    if (seg == R_SS && (selector & ~3u) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    int excp = cpu_x86_try_load_seg(env, seg, selector);
    if (excp) {
        raise_exception_err(env, excp, selector & ~3u);
    }
}

/* ------------------------------------------------------------------ cmpxchg8b, bound */

void helper_cmpxchg8b(CPUX86State *env, uint32_t addr)
{
    uint32_t flags = current_cc_flags(env);
    uint64_t expected = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    uint64_t desired = ((uint64_t)env->regs[R_ECX] << 32) | env->regs[R_EBX];
    void *host = g2h(addr);
    uint64_t old;
    bool equal;

    if (((uintptr_t)host & 7) == 0) {
        /* Aligned: atomic against other guest threads, as the locked instruction is. */
        old = expected;
        equal = __atomic_compare_exchange_n((uint64_t *)host, &old, desired, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        memcpy(&old, host, 8);
        equal = old == expected;
        if (equal) {
            memcpy(host, &desired, 8);
        }
    }
    if (!equal) {
        env->regs[R_EAX] = (uint32_t)old;
        env->regs[R_EDX] = (uint32_t)(old >> 32);
    }
    store_cc_flags(env, equal ? (flags | CC_Z) : (flags & ~CC_Z));
}

void helper_boundw(CPUX86State *env, uint32_t addr, int32_t index)
{
    int16_t bounds[2];
    memcpy(bounds, g2h(addr), sizeof(bounds));
    int32_t i = (int16_t)index;
    if (i < bounds[0] || i > bounds[1]) {
        raise_exception(env, EXCP05_BOUND);
    }
}

void helper_boundl(CPUX86State *env, uint32_t addr, int32_t index)
{
    int32_t bounds[2];
    memcpy(bounds, g2h(addr), sizeof(bounds));
    if (index < bounds[0] || index > bounds[1]) {
        raise_exception(env, EXCP05_BOUND);
    }
}

/* ------------------------------------------------------------------ integer extensions */

uint32_t helper_popcnt(uint32_t v)
{
    return (uint32_t)__builtin_popcount(v);
}

/* Far jmp/call/ret and iret are only possible to the current code segment in flat user mode;
 * any other selector faults before anything changes, as it does natively (#GP, error code =
 * the selector without its RPL bits). */
void helper_check_code_selector(CPUX86State *env, uint32_t selector)
{
    selector &= 0xffff;
    if (selector != env->segs[R_CS].selector) {
        raise_exception_err(env, EXCP0D_GPF, selector & ~3u);
    }
}

/*
 * 16-bit shld/shrd with a count above 16: the SDM leaves the result undefined; Intel cores
 * shift the 48-bit quantity dst:src:dst (measured on a Xeon for every count 1..31); AMD
 * (measured on an EPYC) rotates src by count - 16 and clears CF. The two agree up to 16.
 * packed = dst | src << 16; count is 0..31.
 */
static inline uint32_t shd16_amd_above_16(uint32_t packed, uint32_t count, bool left)
{
    uint32_t src = packed >> 16, n = count - 16;
    return (left ? src << n | src >> (16 - n) : src >> n | src << (16 - n)) & 0xffff;
}

static inline uint64_t shd16_wide(uint32_t packed)
{
    uint64_t dst = packed & 0xffff;
    return (dst << 32) | ((uint64_t)(packed >> 16) << 16) | dst;
}

uint32_t helper_shld16(uint32_t packed, uint32_t count)
{
    if (count > 16 && x86_cpu_is_amd()) {
        return shd16_amd_above_16(packed, count, true);
    }
    uint64_t x = shd16_wide(packed);
    uint32_t result = (uint32_t)((x << count) >> 32) & 0xffff;
    uint32_t cf = (uint32_t)(x >> (48 - count)) & 1;
    return result | cf << 16;
}

uint32_t helper_shrd16(uint32_t packed, uint32_t count)
{
    if (count == 0) {
        return packed & 0xffff;                /* CL = 0 at run time: nothing changes */
    }
    if (count > 16 && x86_cpu_is_amd()) {
        return shd16_amd_above_16(packed, count, false);
    }
    uint64_t x = shd16_wide(packed);
    uint32_t result = (uint32_t)(x >> count) & 0xffff;
    uint32_t cf = (uint32_t)(x >> (count - 1)) & 1;
    return result | cf << 16;
}

/* ------------------------------------------------------------------ locked read-modify-write */
/*
 * The guest address is accessed directly (g2h): a fault lands in the host SIGSEGV handler,
 * which finds the guest state synced by translate.c (eip and cc_op of this instruction,
 * nothing else changed yet) and raises the guest page fault; a write to a page holding
 * translated code is unprotected and retried there. Naturally aligned operands use the host's
 * atomic instructions, so a locked instruction is atomic even against plain guest stores of
 * other threads; a misaligned one (legal on x86, not atomic-capable on every host) falls back
 * to a plain read and write, still serialised against the other locked instructions by the
 * guest-atomic lock translate.c holds around them.
 */

static inline uint32_t lock_rmw_apply(int op, uint32_t old, uint32_t val)
{
    switch (op) {
    case LOCK_RMW_ADD: return old + val;
    case LOCK_RMW_OR:  return old | val;
    case LOCK_RMW_AND: return old & val;
    case LOCK_RMW_XOR: return old ^ val;
    case LOCK_RMW_SUB: return old - val;
    case LOCK_RMW_NEG: return -old;
    default:           return val;               /* XCHG */
    }
}

#define LOCK_RMW_SIZED(type, ptr, op, val, old_out)                                       \
    do {                                                                                 \
        type *p_ = (type *)(ptr);                                                        \
        type v_ = (type)(val);                                                           \
        switch (op) {                                                                    \
        case LOCK_RMW_ADD: old_out = __atomic_fetch_add(p_, v_, __ATOMIC_SEQ_CST); break; \
        case LOCK_RMW_OR:  old_out = __atomic_fetch_or(p_, v_, __ATOMIC_SEQ_CST); break;  \
        case LOCK_RMW_AND: old_out = __atomic_fetch_and(p_, v_, __ATOMIC_SEQ_CST); break; \
        case LOCK_RMW_XOR: old_out = __atomic_fetch_xor(p_, v_, __ATOMIC_SEQ_CST); break; \
        case LOCK_RMW_SUB: old_out = __atomic_fetch_sub(p_, v_, __ATOMIC_SEQ_CST); break; \
        case LOCK_RMW_XCHG: old_out = __atomic_exchange_n(p_, v_, __ATOMIC_SEQ_CST); break; \
        default: {                                                    /* NEG */          \
            type o_ = __atomic_load_n(p_, __ATOMIC_SEQ_CST);                             \
            while (!__atomic_compare_exchange_n(p_, &o_, (type)-o_, false,               \
                                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {   \
            }                                                                            \
            old_out = o_;                                                                \
            break;                                                                       \
        }                                                                                \
        }                                                                                \
    } while (0)

uint32_t helper_lock_rmw(CPUX86State *env, uint32_t addr, uint32_t val, uint32_t code)
{
    int op = code >> 2, size_log2 = code & 3;
    unsigned size = 1u << size_log2;
    void *host = g2h(addr);
    uint32_t old = 0;

    if (((uintptr_t)host & (size - 1)) != 0) {
        memcpy(&old, host, size);                 /* little-endian hosts: low bytes first */
        uint32_t nv = lock_rmw_apply(op, old, val);
        memcpy(host, &nv, size);
        return old;
    }
    switch (size_log2) {
    case 0: { uint8_t o; LOCK_RMW_SIZED(uint8_t, host, op, val, o); old = o; break; }
    case 1: { uint16_t o; LOCK_RMW_SIZED(uint16_t, host, op, val, o); old = o; break; }
    default: LOCK_RMW_SIZED(uint32_t, host, op, val, old); break;
    }
    return old;
}

uint32_t helper_lock_cmpxchg(CPUX86State *env, uint32_t addr, uint32_t expected,
                             uint32_t newv, uint32_t size_log2)
{
    unsigned size = 1u << size_log2;
    void *host = g2h(addr);
    uint32_t old = 0;

    if (((uintptr_t)host & (size - 1)) != 0) {
        memcpy(&old, host, size);
        /* The CPU writes the destination in both cases (the old value when unequal). */
        uint32_t nv = old == (expected & (size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1)) ? newv : old;
        memcpy(host, &nv, size);
        return old;
    }
    switch (size_log2) {
    case 0: {
        uint8_t e = expected;
        __atomic_compare_exchange_n((uint8_t *)host, &e, (uint8_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    case 1: {
        uint16_t e = expected;
        __atomic_compare_exchange_n((uint16_t *)host, &e, (uint16_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    default: {
        uint32_t e = expected;
        __atomic_compare_exchange_n((uint32_t *)host, &e, newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    }
}
