/*
 * sse-fp.c - directed test of the SSE/SSE2 floating-point instructions: arithmetic, min/max,
 * sqrt, the 8 compare predicates, (u)comis flags, every conversion (including the MMX-register
 * forms), rcp/rsqrt, under all four MXCSR rounding modes and with FTZ/DAZ, on edge values
 * (zeros, denormals, extremes, infinities, quiet and signaling NaNs). Prints the result bits
 * and the MXCSR flags of every operation; also checks ldmxcsr's #GP, the alignment #GP of
 * movaps/addps and SIGFPE from an unmasked exception. Expected output = the native run.
 */
#pragma GCC target("sse2")
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

typedef struct { uint32_t l[4]; } __attribute__((aligned(16))) V4;
typedef struct { uint64_t q[2]; } __attribute__((aligned(16))) V2;

static const uint32_t f32v[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40400000, 0x3eaaaaab,
    0x7f7fffff, 0x00800000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000, 0x7fc00000,
    0x7f800001, 0xffc12345, 0x0d800000, 0x7149f2ca,
};
#define N32 (sizeof(f32v) / sizeof(f32v[0]))

static const uint64_t f64v[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x3ff8000000000000ull, 0x3fd5555555555555ull, 0x7fefffffffffffffull, 0x0010000000000000ull,
    0x0000000000000001ull, 0x800fffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0x7ff0000000000001ull, 0xfff8000000012345ull, 0x3ff0000000000001ull,
    0x47efffffe0000000ull, 0x36a0000000000000ull,
};
#define N64 (sizeof(f64v) / sizeof(f64v[0]))

/* MXCSR settings under test: all masked; RC 0-3; FTZ (bit 15), DAZ (bit 6). */
static const uint32_t configs[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9f80, 0x1fc0, 0x9fc0 };
#define NCFG (sizeof(configs) / sizeof(configs[0]))

static inline void set_mxcsr(uint32_t m) { __asm__ volatile("ldmxcsr %0" :: "m"(m)); }
static inline uint32_t get_mxcsr(void) { uint32_t m; __asm__ volatile("stmxcsr %0" : "=m"(m)); return m; }

typedef void OpFn(void *d, const void *s);

/* d = d op s on xmm registers. */
#define OP(insn) \
    static void f_##insn(void *d, const void *s) { \
        __asm__ volatile("movups (%0), %%xmm0\n\tmovups (%1), %%xmm1\n\t" #insn " %%xmm1, %%xmm0\n\t" \
                         "movups %%xmm0, (%0)" :: "r"(d), "r"(s) : "xmm0", "xmm1", "memory"); }
/* same with the source in memory */
#define OPM(insn) \
    static void m_##insn(void *d, const void *s) { \
        __asm__ volatile("movups (%0), %%xmm0\n\t" #insn " (%1), %%xmm0\n\t" \
                         "movups %%xmm0, (%0)" :: "r"(d), "r"(s) : "xmm0", "memory"); }

#define SS_OPS(X) X(addss) X(subss) X(mulss) X(divss) X(minss) X(maxss) X(sqrtss)
#define PS_OPS(X) X(addps) X(subps) X(mulps) X(divps) X(minps) X(maxps) X(sqrtps)
#define SD_OPS(X) X(addsd) X(subsd) X(mulsd) X(divsd) X(minsd) X(maxsd) X(sqrtsd)
#define PD_OPS(X) X(addpd) X(subpd) X(mulpd) X(divpd) X(minpd) X(maxpd) X(sqrtpd)
SS_OPS(OP) PS_OPS(OP) SD_OPS(OP) PD_OPS(OP)
SS_OPS(OPM) PS_OPS(OPM) SD_OPS(OPM)


static uint32_t run(OpFn *fn, void *d, const void *s, uint32_t mx)
{
    set_mxcsr(mx);
    fn(d, s);
    uint32_t r = get_mxcsr();
    set_mxcsr(0x1f80);
    return r & 0x3f;
}

static void test_arith32(void)
{
    static const struct { const char *name; OpFn *reg, *mem; } ops[] = {
#define E(insn) { #insn, f_##insn, m_##insn },
        SS_OPS(E)
#undef E
    };
    static const struct { const char *name; OpFn *reg, *mem; } pops[] = {
#define E(insn) { #insn, f_##insn, m_##insn },
        PS_OPS(E)
#undef E
    };
    for (unsigned c = 0; c < NCFG; c++)
        for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++)
            for (unsigned i = 0; i < N32; i++)
                for (unsigned j = 0; j < N32; j++) {
                    V4 d = { { f32v[i], 0x11111111, 0x22222222, 0x33333333 } };
                    uint32_t src[6] = { 0, f32v[j], 0x44444444, 0x55555555, 0x66666666, 0 };
                    V4 s;
                    memcpy(&s, &src[1], 16);
                    uint32_t f = run(ops[o].reg, &d, &s, configs[c]);
                    printf("%s %04x %08x %08x -> %08x %08x %08x %08x f=%02x", ops[o].name, configs[c],
                           f32v[i], f32v[j], d.l[0], d.l[1], d.l[2], d.l[3], f);
                    d.l[0] = f32v[i];
                    f = run(ops[o].mem, &d, &src[1], configs[c]);   /* unaligned m32 */
                    printf(" m %08x f=%02x\n", d.l[0], f);
                }
    /* packed: four consecutive pairs per instruction */
    for (unsigned c = 0; c < NCFG; c++)
        for (unsigned o = 0; o < sizeof(pops) / sizeof(pops[0]); o++)
            for (unsigned i = 0; i + 3 < N32 * N32; i += 4) {
                V4 d, s;
                for (int k = 0; k < 4; k++) {
                    d.l[k] = f32v[(i + k) / N32];
                    s.l[k] = f32v[(i + k) % N32];
                }
                V4 dm = d;
                uint32_t f = run(pops[o].reg, &d, &s, configs[c]);
                uint32_t fm = run(pops[o].mem, &dm, &s, configs[c]);
                printf("%s %04x #%u -> %08x %08x %08x %08x f=%02x %s\n", pops[o].name, configs[c], i,
                       d.l[0], d.l[1], d.l[2], d.l[3], f, memcmp(&d, &dm, 16) || f != fm ? "MEMDIFF" : "");
            }
}

static void test_arith64(void)
{
    static const struct { const char *name; OpFn *reg, *mem; } ops[] = {
#define E(insn) { #insn, f_##insn, m_##insn },
        SD_OPS(E)
#undef E
    };
    static const struct { const char *name; OpFn *reg; } pops[] = {
#define E(insn) { #insn, f_##insn },
        PD_OPS(E)
#undef E
    };
    for (unsigned c = 0; c < NCFG; c++)
        for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++)
            for (unsigned i = 0; i < N64; i++)
                for (unsigned j = 0; j < N64; j++) {
                    V2 d = { { f64v[i], 0x1111111122222222ull } };
                    uint32_t src[4] = { 0 };
                    memcpy(&src[1], &f64v[j], 8);
                    V2 s = { { f64v[j], 0x3333333344444444ull } };
                    uint32_t f = run(ops[o].reg, &d, &s, configs[c]);
                    printf("%s %04x %016llx %016llx -> %016llx %016llx f=%02x", ops[o].name, configs[c],
                           (unsigned long long)f64v[i], (unsigned long long)f64v[j],
                           (unsigned long long)d.q[0], (unsigned long long)d.q[1], f);
                    d.q[0] = f64v[i];
                    f = run(ops[o].mem, &d, &src[1], configs[c]);
                    printf(" m %016llx f=%02x\n", (unsigned long long)d.q[0], f);
                }
    for (unsigned c = 0; c < NCFG; c += 3)
        for (unsigned o = 0; o < sizeof(pops) / sizeof(pops[0]); o++)
            for (unsigned i = 0; i + 1 < N64 * N64; i += 2) {
                V2 d, s;
                for (int k = 0; k < 2; k++) {
                    d.q[k] = f64v[(i + k) / N64];
                    s.q[k] = f64v[(i + k) % N64];
                }
                uint32_t f = run(pops[o].reg, &d, &s, configs[c]);
                printf("%s %04x #%u -> %016llx %016llx f=%02x\n", pops[o].name, configs[c], i,
                       (unsigned long long)d.q[0], (unsigned long long)d.q[1], f);
            }
}

/* ---- compares ---- */
#define CMPFN(insn, n) \
    static void c_##insn##_##n(void *d, const void *s) { \
        __asm__ volatile("movups (%0), %%xmm0\n\tmovups (%1), %%xmm1\n\t" #insn " $" #n ", %%xmm1, %%xmm0\n\t" \
                         "movups %%xmm0, (%0)" :: "r"(d), "r"(s) : "xmm0", "xmm1", "memory"); }
#define PREDS(X, insn) X(insn, 0) X(insn, 1) X(insn, 2) X(insn, 3) X(insn, 4) X(insn, 5) X(insn, 6) X(insn, 7)
PREDS(CMPFN, cmpss) PREDS(CMPFN, cmpsd) PREDS(CMPFN, cmpps) PREDS(CMPFN, cmppd)
#define PTR(insn, n) c_##insn##_##n,
static OpFn *const cmpss_fn[8] = { PREDS(PTR, cmpss) };
static OpFn *const cmpsd_fn[8] = { PREDS(PTR, cmpsd) };
static OpFn *const cmpps_fn[8] = { PREDS(PTR, cmpps) };
static OpFn *const cmppd_fn[8] = { PREDS(PTR, cmppd) };

/* comis/ucomis: the six arithmetic flags after the compare */
#define COMI(insn, mov) \
    static uint32_t k_##insn(const void *a, const void *b) { \
        uint32_t fl; \
        __asm__ volatile(mov " (%1), %%xmm0\n\t" mov " (%2), %%xmm1\n\t" \
                         "movl $0x8d5, %%eax\n\tpushl %%eax\n\tpopfl\n\t" \
                         #insn " %%xmm1, %%xmm0\n\tpushfl\n\tpopl %0" \
                         : "=r"(fl) : "r"(a), "r"(b) : "eax", "xmm0", "xmm1", "cc", "memory"); \
        return fl & 0x8d5; }
COMI(comiss, "movss") COMI(ucomiss, "movss") COMI(comisd, "movsd") COMI(ucomisd, "movsd")

static void test_compares(void)
{
    static const uint32_t cfg[] = { 0x1f80, 0x1fc0 };
    for (unsigned c = 0; c < 2; c++) {
        for (unsigned i = 0; i < N32; i++)
            for (unsigned j = 0; j < N32; j++) {
                printf("cmpss %04x %08x %08x:", cfg[c], f32v[i], f32v[j]);
                for (int p = 0; p < 8; p++) {
                    V4 d = { { f32v[i], 1, 2, 3 } }, s = { { f32v[j], 4, 5, 6 } };
                    uint32_t f = run(cmpss_fn[p], &d, &s, cfg[c]);
                    printf(" %x/%02x", d.l[0] & 0xf, f);
                    if (d.l[1] != 1 || d.l[3] != 3)
                        printf("!");
                }
                set_mxcsr(cfg[c]);
                uint32_t fa = k_comiss(&f32v[i], &f32v[j]), ma = get_mxcsr() & 0x3f;
                set_mxcsr(cfg[c]);
                uint32_t fb = k_ucomiss(&f32v[i], &f32v[j]), mb = get_mxcsr() & 0x3f;
                set_mxcsr(0x1f80);
                printf(" comi %03x/%02x ucomi %03x/%02x\n", fa, ma, fb, mb);
            }
        for (unsigned i = 0; i < N64; i++)
            for (unsigned j = 0; j < N64; j++) {
                printf("cmpsd %04x %016llx %016llx:", cfg[c], (unsigned long long)f64v[i],
                       (unsigned long long)f64v[j]);
                for (int p = 0; p < 8; p++) {
                    V2 d = { { f64v[i], 7 } }, s = { { f64v[j], 8 } };
                    uint32_t f = run(cmpsd_fn[p], &d, &s, cfg[c]);
                    printf(" %x/%02x", (unsigned)d.q[0] & 0xf, f);
                    if (d.q[1] != 7)
                        printf("!");
                }
                set_mxcsr(cfg[c]);
                uint32_t fa = k_comisd(&f64v[i], &f64v[j]), ma = get_mxcsr() & 0x3f;
                set_mxcsr(cfg[c]);
                uint32_t fb = k_ucomisd(&f64v[i], &f64v[j]), mb = get_mxcsr() & 0x3f;
                set_mxcsr(0x1f80);
                printf(" comi %03x/%02x ucomi %03x/%02x\n", fa, ma, fb, mb);
            }
    }
    for (int p = 0; p < 8; p++) {
        for (unsigned i = 0; i + 3 < N32 * N32; i += 20) {
            V4 d, s;
            for (int k = 0; k < 4; k++) {
                d.l[k] = f32v[(i + k) / N32];
                s.l[k] = f32v[(i + k) % N32];
            }
            uint32_t f = run(cmpps_fn[p], &d, &s, 0x1f80);
            printf("cmpps %d #%u %08x %08x %08x %08x f=%02x\n", p, i, d.l[0], d.l[1], d.l[2], d.l[3], f);
        }
        for (unsigned i = 0; i + 1 < N64 * N64; i += 10) {
            V2 d, s;
            for (int k = 0; k < 2; k++) {
                d.q[k] = f64v[(i + k) / N64];
                s.q[k] = f64v[(i + k) % N64];
            }
            uint32_t f = run(cmppd_fn[p], &d, &s, 0x1f80);
            printf("cmppd %d #%u %016llx %016llx f=%02x\n", p, i, (unsigned long long)d.q[0],
                   (unsigned long long)d.q[1], f);
        }
    }
}

/* ---- conversions ---- */
OP(cvtss2sd) OP(cvtsd2ss) OP(cvtps2pd) OP(cvtpd2ps) OP(cvtdq2ps) OP(cvtps2dq) OP(cvttps2dq)
OP(cvtdq2pd) OP(cvtpd2dq) OP(cvttpd2dq)

#define TO_GPR(insn, mov) \
    static void g_##insn(void *d, const void *s) { \
        __asm__ volatile(mov " (%1), %%xmm0\n\t" #insn " %%xmm0, %%eax\n\tmovl %%eax, (%0)\n\t" \
                         #insn " (%1), %%eax\n\tmovl %%eax, 4(%0)" \
                         :: "r"(d), "r"(s) : "eax", "xmm0", "memory"); }
TO_GPR(cvtss2si, "movss") TO_GPR(cvttss2si, "movss") TO_GPR(cvtsd2si, "movsd") TO_GPR(cvttsd2si, "movsd")

#define FROM_GPR(insn) \
    static void i_##insn(void *d, const void *s) { \
        __asm__ volatile("movups (%0), %%xmm0\n\tmovl (%1), %%eax\n\t" #insn " %%eax, %%xmm0\n\t" \
                         "movups %%xmm0, (%0)\n\tmovups 16(%0), %%xmm1\n\t" #insn " (%1), %%xmm1\n\t" \
                         "movups %%xmm1, 16(%0)" :: "r"(d), "r"(s) : "eax", "xmm0", "xmm1", "memory"); }
FROM_GPR(cvtsi2ss) FROM_GPR(cvtsi2sd)

/* MMX-register forms */
#define MMX_FROM(insn) \
    static void x_##insn(void *d, const void *s) { \
        __asm__ volatile("movups (%0), %%xmm0\n\tmovq (%1), %%mm1\n\t" #insn " %%mm1, %%xmm0\n\t" \
                         "movups %%xmm0, (%0)\n\tmovups 16(%0), %%xmm1\n\t" #insn " (%1), %%xmm1\n\t" \
                         "movups %%xmm1, 16(%0)\n\temms" :: "r"(d), "r"(s) : "xmm0", "xmm1", "mm1", "memory"); }
#define MMX_TO(insn) \
    static void x_##insn(void *d, const void *s) { \
        __asm__ volatile("movups (%1), %%xmm0\n\t" #insn " %%xmm0, %%mm2\n\tmovq %%mm2, (%0)\n\temms" \
                         :: "r"(d), "r"(s) : "xmm0", "mm2", "memory"); }
MMX_FROM(cvtpi2ps) MMX_FROM(cvtpi2pd) MMX_TO(cvtps2pi) MMX_TO(cvttps2pi) MMX_TO(cvtpd2pi) MMX_TO(cvttpd2pi)

static void test_conversions(void)
{
    static const uint32_t cfg[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0 };
    static const uint32_t ints[] = { 0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x01000001, 123456789,
                                     0xfedcba98, 16777217, 0x40000001 };
    static const uint32_t f32x[] = { 0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0xbf000000,
                                     0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x3f7fffff };
    static const uint64_t f64x[] = { 0x3fe0000000000000ull, 0x4004000000000000ull, 0xc004000000000000ull,
                                     0x41dfffffffc00000ull, 0x41dfffffffe00000ull, 0xc1e0000000000000ull,
                                     0xc1e0000000100000ull, 0x3fefffffffffffffull, 0x41e0000000000000ull };
    for (unsigned c = 0; c < 5; c++) {
        for (unsigned i = 0; i < 10; i++) {
            uint32_t d[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
            uint32_t f = run(i_cvtsi2ss, d, &ints[i], cfg[c]);
            printf("cvtsi2ss %04x %08x -> %08x %08x %08x f=%02x\n", cfg[c], ints[i], d[0], d[1], d[4], f);
            f = run(i_cvtsi2sd, d, &ints[i], cfg[c]);
            printf("cvtsi2sd %04x %08x -> %08x%08x %08x f=%02x\n", cfg[c], ints[i], d[1], d[0], d[2], f);
        }
        for (unsigned i = 0; i < N32 + 10; i++) {
            uint32_t v = i < N32 ? f32v[i] : f32x[i - N32], r[2];
            uint32_t f = run(g_cvtss2si, r, &v, cfg[c]);
            printf("cvtss2si %04x %08x -> %08x %08x f=%02x", cfg[c], v, r[0], r[1], f);
            f = run(g_cvttss2si, r, &v, cfg[c]);
            printf(" t %08x %08x f=%02x", r[0], r[1], f);
            uint32_t d[4] = { 0, 0, 9, 9 }, s[4] = { v, v ^ 0x80000000, 0, 0 };
            f = run(f_cvtss2sd, d, s, cfg[c]);
            printf(" sd %08x%08x f=%02x", d[1], d[0], f);
            f = run(f_cvtps2pd, d, s, cfg[c]);
            printf(" pd %08x%08x %08x%08x f=%02x\n", d[1], d[0], d[3], d[2], f);
        }
        for (unsigned i = 0; i < N64 + 9; i++) {
            uint64_t v = i < N64 ? f64v[i] : f64x[i - N64];
            uint32_t r[2];
            uint32_t f = run(g_cvtsd2si, r, &v, cfg[c]);
            printf("cvtsd2si %04x %016llx -> %08x %08x f=%02x", cfg[c], (unsigned long long)v, r[0], r[1], f);
            f = run(g_cvttsd2si, r, &v, cfg[c]);
            printf(" t %08x %08x f=%02x", r[0], r[1], f);
            uint64_t d[2] = { 0x5555555555555555ull, 0x6666666666666666ull }, s[2] = { v, ~v };
            f = run(f_cvtsd2ss, d, s, cfg[c]);
            printf(" ss %016llx f=%02x", (unsigned long long)d[0], f);
            f = run(f_cvtpd2ps, d, s, cfg[c]);
            printf(" ps %016llx %016llx f=%02x", (unsigned long long)d[0], (unsigned long long)d[1], f);
            f = run(f_cvtpd2dq, d, s, cfg[c]);
            printf(" dq %016llx %016llx f=%02x", (unsigned long long)d[0], (unsigned long long)d[1], f);
            f = run(f_cvttpd2dq, d, s, cfg[c]);
            printf(" tdq %016llx f=%02x", (unsigned long long)d[0], f);
            uint32_t m[2];
            f = run(x_cvtpd2pi, m, s, cfg[c]);
            printf(" pi %08x %08x f=%02x", m[0], m[1], f);
            f = run(x_cvttpd2pi, m, s, cfg[c]);
            printf(" tpi %08x %08x f=%02x\n", m[0], m[1], f);
        }
        for (unsigned i = 0; i + 3 < N32 + 10; i += 2) {
            V4 s, d = { { 9, 9, 9, 9 } };
            for (int k = 0; k < 4; k++)
                s.l[k] = i + k < N32 ? f32v[i + k] : f32x[i + k - N32];
            uint32_t f = run(f_cvtps2dq, &d, &s, cfg[c]);
            printf("cvtps2dq %04x #%u -> %08x %08x %08x %08x f=%02x", cfg[c], i, d.l[0], d.l[1], d.l[2], d.l[3], f);
            f = run(f_cvttps2dq, &d, &s, cfg[c]);
            printf(" t %08x %08x %08x %08x f=%02x", d.l[0], d.l[1], d.l[2], d.l[3], f);
            uint32_t m[2];
            f = run(x_cvtps2pi, m, &s, cfg[c]);
            printf(" pi %08x %08x f=%02x", m[0], m[1], f);
            f = run(x_cvttps2pi, m, &s, cfg[c]);
            printf(" tpi %08x %08x f=%02x\n", m[0], m[1], f);
        }
        for (unsigned i = 0; i + 3 < 10; i++) {
            V4 d = { { 9, 9, 9, 9 } }, s = { { ints[i], ints[i + 1], ints[i + 2], ints[i + 3] } };
            uint32_t f = run(f_cvtdq2ps, &d, &s, cfg[c]);
            printf("cvtdq2ps %04x -> %08x %08x %08x %08x f=%02x", cfg[c], d.l[0], d.l[1], d.l[2], d.l[3], f);
            f = run(f_cvtdq2pd, &d, &s, cfg[c]);
            printf(" pd %08x%08x %08x%08x f=%02x", d.l[1], d.l[0], d.l[3], d.l[2], f);
            uint32_t x[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
            f = run(x_cvtpi2ps, x, s.l, cfg[c]);
            printf(" pi2ps %08x %08x %08x %08x %08x %08x f=%02x", x[0], x[1], x[2], x[3], x[4], x[6], f);
            f = run(x_cvtpi2pd, x, s.l, cfg[c]);
            printf(" pi2pd %08x%08x %08x%08x %08x%08x f=%02x\n", x[1], x[0], x[3], x[2], x[5], x[4], f);
        }
    }
}

/* ---- rcp / rsqrt: model specific approximations (the SDM bounds the relative error by
 * 1.5 * 2^-12); loongbt reproduces the measured Intel tables, so the bits are compared too
 * (plus the bound, and a hash over random inputs of every exponent and sign) ---- */
OP(rcpps) OP(rsqrtps) OP(rcpss) OP(rsqrtss)

static float as_float(uint32_t v) { float f; memcpy(&f, &v, 4); return f; }

static void test_approx(void)
{
    uint32_t x = 777, bad = 0, n = 0, hash = 2166136261u;
    for (int i = 0; i < 20000; i++) {
        x = x * 1664525u + 1013904223u;
        uint32_t v = x ^ (x >> 13);
        V4 d, s = { { v, v & 0x7fffffff, v ^ 0x00400000, (v & 0x807fffff) | 0x3f000000 } };
        f_rcpps(&d, &s);
        for (int k = 0; k < 4; k++) {
            uint32_t e = (s.l[k] >> 23) & 0xff;
            if (e >= 1 && e <= 252) {
                double exact = 1.0 / as_float(s.l[k]);
                if (fabs(as_float(d.l[k]) - exact) > fabs(exact) * 1.5 / 4096)
                    bad++;
                n++;
            }
            hash = (hash ^ d.l[k]) * 16777619u;
            if (i < 16)
                printf("rcp %08x -> %08x\n", s.l[k], d.l[k]);
        }
        f_rsqrtps(&d, &s);
        for (int k = 0; k < 4; k++) {
            uint32_t e = (s.l[k] >> 23) & 0xff;
            if (e >= 1 && e <= 254 && !(s.l[k] >> 31)) {
                double exact = 1.0 / sqrt(as_float(s.l[k]));
                if (fabs(as_float(d.l[k]) - exact) > exact * 1.5 / 4096)
                    bad++;
                n++;
            }
            hash = (hash ^ d.l[k]) * 16777619u;
            if (i < 16)
                printf("rsqrt %08x -> %08x\n", s.l[k], d.l[k]);
        }
    }
    printf("rcp/rsqrt: %u of %u results outside 1.5*2^-12, hash %08x\n", bad, n, hash);
    static const uint32_t special[] = { 0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000,
                                        0x7f800001, 0xffc00001, 0x00000001, 0x807fffff, 0xbf800000,
                                        0x7e800000, 0x7e7fffff, 0x7f000000, 0x00800000, 0x7f7fffff };
    for (unsigned i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
        V4 d = { { 0, 1, 2, 3 } }, s = { { special[i], 0, 0, 0 } };
        uint32_t f = run(f_rcpss, &d, &s, 0x1f80);
        printf("rcpss %08x -> %08x %08x f=%02x", special[i], d.l[0], d.l[1], f);
        f = run(f_rsqrtss, &d, &s, 0x9fc0);
        printf(" rsqrtss %08x f=%02x\n", d.l[0], f);
    }
}

/* ---- faults ---- */
static sigjmp_buf jb;
static volatile int last_sig, last_code;

static void handler(int sig, siginfo_t *si, void *uc)
{
    last_sig = sig;
    last_code = si->si_code;
    siglongjmp(jb, 1);
}

static void test_faults(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    static char buf[64] __attribute__((aligned(16)));

    static const uint32_t bad_mxcsr[] = { 0x10000, 0x80000000, 0xffff, 0x1f80 };
    for (int i = 0; i < 4; i++) {
        last_sig = 0;
        if (!sigsetjmp(jb, 1)) {
            uint32_t m = bad_mxcsr[i];
            __asm__ volatile("ldmxcsr %0" :: "m"(m));
        }
        printf("ldmxcsr %08x: sig %d mxcsr %08x\n", bad_mxcsr[i], last_sig, get_mxcsr());
        set_mxcsr(0x1f80);
    }
    for (int off = 0; off < 16; off += 4) {
        last_sig = 0;
        if (!sigsetjmp(jb, 1))
            __asm__ volatile("movaps (%0), %%xmm0" :: "r"(buf + off) : "xmm0");
        printf("movaps +%d: sig %d\n", off, last_sig);
        last_sig = 0;
        if (!sigsetjmp(jb, 1))
            __asm__ volatile("addps (%0), %%xmm0" :: "r"(buf + off) : "xmm0");
        printf("addps +%d: sig %d\n", off, last_sig);
        last_sig = 0;
        if (!sigsetjmp(jb, 1))
            __asm__ volatile("movdqa %%xmm0, (%0)" :: "r"(buf + off) : "memory");
        printf("movdqa store +%d: sig %d\n", off, last_sig);
        last_sig = 0;
        if (!sigsetjmp(jb, 1))
            __asm__ volatile("movups (%0), %%xmm0\n\tmovdqu %%xmm0, (%0)" :: "r"(buf + off) : "xmm0", "memory");
        printf("movups +%d: sig %d\n", off, last_sig);
    }
    /* unmasked exceptions: SIGFPE, the destination unchanged, the flag set */
    static const struct { uint32_t mxcsr, a, b; } xm[] = {
        { 0x1d80, 0x3f800000, 0x00000000 },   /* ZE unmasked: 1/0 */
        { 0x1f00, 0x7f800001, 0x3f800000 },   /* IE unmasked: SNaN */
        { 0x1d80, 0x3f800000, 0x40000000 },   /* ZE unmasked, no exception */
        { 0x1f00, 0x00000000, 0x00000000 },   /* IE: 0/0 */
        { 0x1780, 0x7f7fffff, 0x00800000 },   /* OE unmasked: overflow */
        { 0x0f80, 0x3f800000, 0x40400000 },   /* PE unmasked: inexact 1/3 */
    };
    for (int i = 0; i < 6; i++) {
        V4 d = { { xm[i].a, 0, 0, 0 } }, s = { { xm[i].b, 0, 0, 0 } };
        last_sig = 0;
        last_code = 0;
        if (!sigsetjmp(jb, 1)) {
            set_mxcsr(xm[i].mxcsr);
            f_divss(&d, &s);
        }
        /* no MXCSR print: Linux gives the handler a fresh MXCSR, which siglongjmp keeps */
        set_mxcsr(0x1f80);
        printf("divss unmasked %04x: sig %d code %d d %08x\n", xm[i].mxcsr, last_sig, last_code, d.l[0]);
    }
}

/* Pseudo-random operands: sign, an exponent from a distribution biased to the edges
 * (denormal, tiny, near 1, huge, inf/NaN), random fraction; hash of results and flags per
 * instruction and MXCSR setting. */
static uint32_t rng = 99;
static uint32_t next(void) { rng = rng * 1664525u + 1013904223u; return rng ^ (rng >> 15); }

static uint32_t rand_f32(void)
{
    static const uint8_t exps[] = { 0, 0, 1, 2, 20, 100, 126, 127, 128, 150, 230, 253, 254, 255 };
    uint32_t r = next(), e = (r >> 8) & 15;
    uint32_t exp = e < sizeof(exps) ? exps[e] : 64 + (r >> 16) % 128;
    return (r & 0x80000000u) | exp << 23 | (next() & 0x7fffff);
}

static uint64_t rand_f64(void)
{
    static const uint16_t exps[] = { 0, 0, 1, 2, 100, 800, 1022, 1023, 1024, 1100, 1500, 2045, 2046, 2047 };
    uint32_t r = next(), e = (r >> 8) & 15;
    uint64_t exp = e < sizeof(exps) / 2 ? exps[e] : 512 + (r >> 16) % 1024;
    return (uint64_t)(r & 0x80000000u) << 32 | exp << 52 | ((uint64_t)next() << 32 | next()) >> 12;
}

static void test_random(void)
{
    static const struct { const char *name; OpFn *fn; int dbl; } ops[] = {
#define E(insn) { #insn, f_##insn, 0 },
        SS_OPS(E) PS_OPS(E)
#undef E
#define E(insn) { #insn, f_##insn, 1 },
        SD_OPS(E) PD_OPS(E)
#undef E
    };
    for (unsigned c = 0; c < NCFG; c++)
        for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
            uint32_t h = 2166136261u;
            for (int n = 0; n < 1500; n++) {
                V4 d, s;
                for (int k = 0; k < 4; k += ops[o].dbl + 1) {
                    if (ops[o].dbl) {
                        uint64_t a = rand_f64(), b = rand_f64();
                        memcpy(&d.l[k], &a, 8);
                        memcpy(&s.l[k], &b, 8);
                    } else {
                        d.l[k] = rand_f32();
                        s.l[k] = rand_f32();
                    }
                }
                uint32_t f = run(ops[o].fn, &d, &s, configs[c]);
                for (int k = 0; k < 4; k++)
                    h = (h ^ d.l[k]) * 16777619u;
                h = (h ^ f) * 16777619u;
            }
            printf("random %s %04x %08x\n", ops[o].name, configs[c], h);
        }
    for (unsigned c = 0; c < NCFG; c++) {
        uint32_t h = 2166136261u;
        for (int n = 0; n < 1500; n++)
            for (int p = 0; p < 8; p++) {
                V4 d = { { rand_f32(), rand_f32(), rand_f32(), rand_f32() } };
                V4 s = { { n & 1 ? d.l[0] : rand_f32(), rand_f32(), rand_f32(), rand_f32() } };
                uint32_t f = run(cmpps_fn[p], &d, &s, configs[c]);
                for (int k = 0; k < 4; k++)
                    h = (h ^ d.l[k]) * 16777619u;
                h = (h ^ f) * 16777619u;
                V2 e = { { rand_f64(), rand_f64() } }, t = { { rand_f64(), rand_f64() } };
                f = run(cmppd_fn[p], &e, &t, configs[c]);
                h = (h ^ (uint32_t)e.q[0] ^ (uint32_t)(e.q[1] >> 7) ^ f) * 16777619u;
            }
        printf("random cmpps/cmppd %04x %08x\n", configs[c], h);
    }
}

int main(void)
{
    test_random();
    test_arith32();
    test_arith64();
    test_compares();
    test_conversions();
    test_approx();
    test_faults();
    return 0;
}
