/*
 * x87-arith.c - x87 arithmetic on edge values in every precision-control and rounding mode:
 * fadd/fsub/fsubr/fmul/fdiv/fdivr (register, P and memory forms incl. the integer ones),
 * fsqrt, frndint, fscale, fxtract, fprem, fprem1, fchs, fabs. Prints the exact 80-bit result
 * and the status word (exception flags, C0-C3; TOP masked) so the native run is the oracle.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef union { long double ld; struct { uint64_t mant; uint16_t sexp; } b; } X80;

static X80 mk(uint16_t sexp, uint64_t mant) { X80 x; memset(&x, 0, sizeof(x)); x.b.sexp = sexp; x.b.mant = mant; return x; }

static void show(const char *what, X80 r, unsigned sw)
{
    printf("%-10s %04x:%016llx sw=%04x\n", what, r.b.sexp, (unsigned long long)r.b.mant,
           sw & ~0x3800u);
}

static void set_cw(unsigned cw)
{
    unsigned short c = cw;
    __asm__ volatile("fldcw %0" :: "m"(c));
}

static unsigned get_sw(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return sw;
}

/* a op b on the register stack; op selects the instruction form. */
static void binop(int op, X80 a, X80 b, X80 *r, unsigned *sw)
{
    long double res;
    __asm__ volatile("fnclex");
    switch (op) {
    case 0: __asm__ volatile("faddp" : "=t"(res) : "0"(a.ld), "u"(b.ld) : "st(1)"); break;
    case 1: __asm__ volatile("fsubrp" : "=t"(res) : "0"(a.ld), "u"(b.ld) : "st(1)"); break;
    case 2: __asm__ volatile("fmulp" : "=t"(res) : "0"(a.ld), "u"(b.ld) : "st(1)"); break;
    case 3: __asm__ volatile("fdivrp" : "=t"(res) : "0"(a.ld), "u"(b.ld) : "st(1)"); break;
    /* non-popping register forms: st0 = st0 op st1, and st1 = st1 op st0 */
    case 4: __asm__ volatile("fsub %%st(1), %%st\n\tfstp %%st(1)" : "=t"(res) : "0"(a.ld), "u"(b.ld)); break;
    case 5: __asm__ volatile("fdiv %%st(1), %%st\n\tfstp %%st(1)" : "=t"(res) : "0"(a.ld), "u"(b.ld)); break;
    case 6: __asm__ volatile("fxch\n\tfsub %%st, %%st(1)\n\tfstp %%st(0)" : "=t"(res) : "0"(a.ld), "u"(b.ld)); break;
    case 7: __asm__ volatile("fxch\n\tfdivr %%st, %%st(1)\n\tfstp %%st(0)" : "=t"(res) : "0"(a.ld), "u"(b.ld)); break;
    }
    *sw = get_sw();
    r->ld = res;
    r->b.sexp = r->b.sexp;
}

static const char *const binop_names[] = { "fadd", "fsub", "fmul", "fdiv", "fsub_r", "fdiv_r", "fsub_i", "fdivr_i" };

static X80 vals[24];
static int nvals;

static void add_val(uint16_t sexp, uint64_t mant) { vals[nvals++] = mk(sexp, mant); }

static void unop_tests(void)
{
    for (int i = 0; i < nvals; i++) {
        X80 a = vals[i], r;
        long double res;
        __asm__ volatile("fnclex");
        __asm__ volatile("fsqrt" : "=t"(res) : "0"(a.ld));
        r.ld = res;
        show("fsqrt", r, get_sw());
        __asm__ volatile("fnclex");
        __asm__ volatile("frndint" : "=t"(res) : "0"(a.ld));
        r.ld = res;
        show("frndint", r, get_sw());
        __asm__ volatile("fnclex");
        __asm__ volatile("fchs" : "=t"(res) : "0"(a.ld));
        r.ld = res;
        show("fchs", r, get_sw());
        __asm__ volatile("fnclex");
        __asm__ volatile("fabs" : "=t"(res) : "0"(a.ld));
        r.ld = res;
        show("fabs", r, get_sw());
        long double e, sig;
        __asm__ volatile("fnclex");
        __asm__ volatile("fxtract" : "=t"(sig), "=u"(e) : "0"(a.ld));
        r.ld = sig;
        show("fxtract.s", r, get_sw());
        r.ld = e;
        show("fxtract.e", r, 0);
    }
}

static void scale_rem_tests(void)
{
    static const long double scales[] = { 0.0L, 1.0L, -1.0L, 3.7L, -3.7L, 16384.0L, -16500.0L, 1e10L };
    for (int i = 0; i < nvals; i++)
        for (unsigned j = 0; j < sizeof(scales) / sizeof(scales[0]); j++) {
            long double res;
            X80 r;
            __asm__ volatile("fnclex");
            __asm__ volatile("fscale" : "=t"(res) : "0"(vals[i].ld), "u"(scales[j]));
            r.ld = res;
            show("fscale", r, get_sw());
        }
    static const long double nums[] = { 10.0L, -10.0L, 7.5L, 1e30L, -3.0L, 5.0L, 1e300L * 1e300L * 1e-300L };
    static const long double dens[] = { 3.0L, -3.0L, 2.5L, 0.1L, 4.0L, 1e-3L, 7.0L };
    for (unsigned i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
        for (unsigned j = 0; j < sizeof(dens) / sizeof(dens[0]); j++) {
            long double res;
            X80 r;
            __asm__ volatile("fnclex");
            __asm__ volatile("fprem" : "=t"(res) : "0"(nums[i]), "u"(dens[j]));
            r.ld = res;
            show("fprem", r, get_sw());
            __asm__ volatile("fnclex");
            __asm__ volatile("fprem1" : "=t"(res) : "0"(nums[i]), "u"(dens[j]));
            r.ld = res;
            show("fprem1", r, get_sw());
        }
}

static void memory_forms(void)
{
    static const float f32s[] = { 1.5f, -0.1f, 3e38f, 1e-40f };
    static const double f64s[] = { 1.5, -0.1, 1e308, 4.9e-324 };
    static const int32_t i32s[] = { 3, -7, 0x7fffffff, -0x7fffffff - 1 };
    static const int16_t i16s[] = { 3, -7, 32767, -32768 };
    long double base[] = { 1.0L, -2.5L, 1e4000L };
    for (unsigned b = 0; b < 3; b++)
        for (int k = 0; k < 4; k++) {
            long double r;
            X80 x;
#define MEMOP(insn, mem) \
            __asm__ volatile("fnclex"); \
            __asm__ volatile(insn " %1" : "=t"(r) : "m"(mem), "0"(base[b])); \
            x.ld = r; show(insn, x, get_sw());
            MEMOP("fadds", f32s[k]) MEMOP("fsubs", f32s[k]) MEMOP("fsubrs", f32s[k])
            MEMOP("fmuls", f32s[k]) MEMOP("fdivs", f32s[k]) MEMOP("fdivrs", f32s[k])
            MEMOP("faddl", f64s[k]) MEMOP("fsubl", f64s[k]) MEMOP("fsubrl", f64s[k])
            MEMOP("fmull", f64s[k]) MEMOP("fdivl", f64s[k]) MEMOP("fdivrl", f64s[k])
            MEMOP("fiaddl", i32s[k]) MEMOP("fisubl", i32s[k]) MEMOP("fisubrl", i32s[k])
            MEMOP("fimull", i32s[k]) MEMOP("fidivl", i32s[k]) MEMOP("fidivrl", i32s[k])
            MEMOP("fiadds", i16s[k]) MEMOP("fisubs", i16s[k]) MEMOP("fisubrs", i16s[k])
            MEMOP("fimuls", i16s[k]) MEMOP("fidivs", i16s[k]) MEMOP("fidivrs", i16s[k])
#undef MEMOP
        }
}

int main(void)
{
    add_val(0x3fff, 0x8000000000000000ull);          /* 1 */
    add_val(0xbfff, 0xc000000000000000ull);          /* -1.5 */
    add_val(0x4000, 0xc90fdaa22168c235ull);          /* pi */
    add_val(0x3ffb, 0xcccccccccccccccdull);          /* 0.1 */
    add_val(0x3fff, 0xffffffffffffffffull);          /* 2 - ulp */
    add_val(0x0000, 0x0000000000000000ull);          /* +0 */
    add_val(0x8000, 0x0000000000000000ull);          /* -0 */
    add_val(0x7fff, 0x8000000000000000ull);          /* +inf */
    add_val(0xffff, 0x8000000000000000ull);          /* -inf */
    add_val(0x7fff, 0xc000000000000001ull);          /* qNaN */
    add_val(0x7fff, 0xa000000000000000ull);          /* sNaN */
    add_val(0x0000, 0x0000000000000123ull);          /* denormal */
    add_val(0x0001, 0x8000000000000000ull);          /* min normal */
    add_val(0x7ffe, 0xffffffffffffffffull);          /* max */
    add_val(0x403e, 0xfffffffffffffffeull);          /* large integer */
    add_val(0x3ffe, 0x8000000000000000ull);          /* 0.5 */
    add_val(0x4000, 0xa000000000000000ull);          /* 2.5 */
    add_val(0xc000, 0xe000000000000000ull);          /* -3.5 */

    static const unsigned pcs[] = { 0x000, 0x200, 0x300 };
    for (int rc = 0; rc < 4; rc++)
        for (int p = 0; p < 3; p++) {
            unsigned cw = 0x7f | pcs[p] | (rc << 10);
            set_cw(cw);
            printf("== cw %04x\n", cw);
            for (int op = 0; op < 8; op++)
                for (int i = 0; i < nvals; i++)
                    for (int j = 0; j < nvals; j++) {
                        X80 r;
                        unsigned sw;
                        binop(op, vals[i], vals[j], &r, &sw);
                        show(binop_names[op], r, sw);
                    }
            unop_tests();
        }
    set_cw(0x37f);
    scale_rem_tests();
    memory_forms();
    return 0;
}
