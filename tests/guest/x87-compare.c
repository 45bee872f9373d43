/*
 * x87-compare.c - x87 comparisons and classification: fcom/fcomp/fcompp, fucom/fucomp/
 * fucompp, ficom/ficomp, fcom m32/m64, fcomi/fcomip/fucomi/fucomip (EFLAGS ZF PF CF, and that
 * OF SF AF are cleared), ftst, fxam, and fcmovcc under every condition. Values include
 * zeros, infinities, denormals, quiet and signaling NaNs. Prints C0-C3/flags and the
 * exception bits (TOP masked); the native run is the oracle.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef union { long double ld; struct { uint64_t mant; uint16_t sexp; } b; } X80;

static X80 mk(uint16_t sexp, uint64_t mant) { X80 x; memset(&x, 0, sizeof(x)); x.b.sexp = sexp; x.b.mant = mant; return x; }

static unsigned get_sw(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return sw & ~0x3800u;
}

static X80 vals[16];
static int nvals;

static void st_compares(X80 a, X80 b)
{
    unsigned sw[6];
    unsigned fl[4];
    __asm__ volatile("fnclex\n\tfldt %1\n\tfldt %0\n\tfcom %%st(1)\n\tfstp %%st(0)\n\tfstp %%st(0)" :: "m"(a.ld), "m"(b.ld));
    sw[0] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfldt %0\n\tfucom %%st(1)\n\tfstp %%st(0)\n\tfstp %%st(0)" :: "m"(a.ld), "m"(b.ld));
    sw[1] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfldt %0\n\tfcompp" :: "m"(a.ld), "m"(b.ld));
    sw[2] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfldt %0\n\tfucompp" :: "m"(a.ld), "m"(b.ld));
    sw[3] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfldt %0\n\tfcomp %%st(1)\n\tfstp %%st(0)" :: "m"(a.ld), "m"(b.ld));
    sw[4] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfldt %0\n\tfucomp %%st(1)\n\tfstp %%st(0)" :: "m"(a.ld), "m"(b.ld));
    sw[5] = get_sw();
    /* fcomi family: start from all-ones arithmetic flags to see which are cleared */
    __asm__ volatile("fnclex\n\tpushl $0x8d5\n\tpopfl\n\tfldt %2\n\tfldt %1\n\tfcomi %%st(1)\n\tpushfl\n\tpopl %0\n\tfstp %%st(0)\n\tfstp %%st(0)"
                     : "=r"(fl[0]) : "m"(a.ld), "m"(b.ld) : "cc");
    __asm__ volatile("fnclex\n\tpushl $0x8d5\n\tpopfl\n\tfldt %2\n\tfldt %1\n\tfucomi %%st(1)\n\tpushfl\n\tpopl %0\n\tfstp %%st(0)\n\tfstp %%st(0)"
                     : "=r"(fl[1]) : "m"(a.ld), "m"(b.ld) : "cc");
    __asm__ volatile("fnclex\n\tfldt %2\n\tfldt %1\n\tfcomip %%st(1)\n\tpushfl\n\tpopl %0\n\tfstp %%st(0)"
                     : "=r"(fl[2]) : "m"(a.ld), "m"(b.ld) : "cc");
    __asm__ volatile("fnclex\n\tfldt %2\n\tfldt %1\n\tfucomip %%st(1)\n\tpushfl\n\tpopl %0\n\tfstp %%st(0)"
                     : "=r"(fl[3]) : "m"(a.ld), "m"(b.ld) : "cc");
    unsigned sw_i = get_sw();
    printf("%04x:%016llx vs %04x:%016llx: fcom %04x fucom %04x fcompp %04x fucompp %04x fcomp %04x fucomp %04x"
           " | fcomi %03x fucomi %03x fcomip %03x fucomip %03x sw %04x\n",
           a.b.sexp, (unsigned long long)a.b.mant, b.b.sexp, (unsigned long long)b.b.mant,
           sw[0], sw[1], sw[2], sw[3], sw[4], sw[5], fl[0] & 0x8d5, fl[1] & 0x8d5, fl[2] & 0x8d5,
           fl[3] & 0x8d5, sw_i);
}

static void mem_compares(X80 a)
{
    static const float f32s[] = { 0.0f, 1.0f, -1.0f, 1e-45f, __builtin_inff(), __builtin_nanf("") };
    static const double f64s[] = { 0.0, 1.0, -2.5, 5e-324, -__builtin_inf(), __builtin_nan("") };
    static const int32_t i32s[] = { 0, 1, -1, 0x7fffffff };
    static const int16_t i16s[] = { 0, 1, -1, -32768 };
    printf("%04x:%016llx:", a.b.sexp, (unsigned long long)a.b.mant);
    for (int i = 0; i < 6; i++) {
        __asm__ volatile("fnclex\n\tfldt %0\n\tfcoms %1\n\tfstp %%st(0)" :: "m"(a.ld), "m"(f32s[i]));
        printf(" s%04x", get_sw());
        __asm__ volatile("fnclex\n\tfldt %0\n\tfcompl %1" :: "m"(a.ld), "m"(f64s[i]));
        printf(" l%04x", get_sw());
    }
    for (int i = 0; i < 4; i++) {
        __asm__ volatile("fnclex\n\tfldt %0\n\tficoml %1\n\tfstp %%st(0)" :: "m"(a.ld), "m"(i32s[i]));
        printf(" il%04x", get_sw());
        __asm__ volatile("fnclex\n\tfldt %0\n\tficomps %1" :: "m"(a.ld), "m"(i16s[i]));
        printf(" is%04x", get_sw());
    }
    __asm__ volatile("fnclex\n\tfldt %0\n\tftst\n\tfstp %%st(0)" :: "m"(a.ld));
    printf(" ftst %04x", get_sw());
    __asm__ volatile("fnclex\n\tfldt %0\n\tfxam\n\tfstp %%st(0)" :: "m"(a.ld));
    printf(" fxam %04x\n", get_sw());
}

/* fcmovcc: set EFLAGS from an integer compare, then conditionally move st(1) into st0. */
static void fcmov_tests(void)
{
    static const unsigned flag_sets[] = { 0x000, 0x001, 0x040, 0x004, 0x041, 0x045, 0x005 };
    for (unsigned i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]); i++) {
        long double r[8];
        unsigned f = flag_sets[i] | 0x202;
#define FCMOV(k, insn) \
        __asm__ volatile("fld1\n\tfldz\n\tpushl %1\n\tpopfl\n\t" insn " %%st(1), %%st\n\tfstpt %0\n\tfstp %%st(0)" \
                         : "=m"(r[k]) : "r"(f) : "cc");
        FCMOV(0, "fcmovb") FCMOV(1, "fcmove") FCMOV(2, "fcmovbe") FCMOV(3, "fcmovu")
        FCMOV(4, "fcmovnb") FCMOV(5, "fcmovne") FCMOV(6, "fcmovnbe") FCMOV(7, "fcmovnu")
#undef FCMOV
        printf("fcmov flags %03x:", flag_sets[i]);
        for (int k = 0; k < 8; k++)
            printf(" %g", (double)r[k]);
        printf("\n");
    }
}

/* Classification of the empty register and of an unsupported encoding. */
static void fxam_specials(void)
{
    unsigned sw;
    __asm__ volatile("fninit\n\tfxam\n\tfnstsw %%ax\n\tmovl %%eax, %0" : "=r"(sw) :: "eax");
    printf("fxam empty %04x\n", sw & 0x4700);
    X80 unnormal = mk(0x4000, 0x4000000000000000ull);
    __asm__ volatile("fnclex\n\tfldt %0\n\tfxam\n\tfstp %%st(0)" :: "m"(unnormal.ld));
    printf("fxam unnormal %04x\n", get_sw());
    __asm__ volatile("fnclex\n\tfldt %0\n\tfldz\n\tfcompp" :: "m"(unnormal.ld));
    printf("fcom unnormal %04x\n", get_sw());
}

int main(void)
{
    vals[nvals++] = mk(0x3fff, 0x8000000000000000ull);   /* 1 */
    vals[nvals++] = mk(0xbfff, 0x8000000000000000ull);   /* -1 */
    vals[nvals++] = mk(0x4000, 0xc90fdaa22168c235ull);   /* pi */
    vals[nvals++] = mk(0x0000, 0);                       /* +0 */
    vals[nvals++] = mk(0x8000, 0);                       /* -0 */
    vals[nvals++] = mk(0x7fff, 0x8000000000000000ull);   /* +inf */
    vals[nvals++] = mk(0xffff, 0x8000000000000000ull);   /* -inf */
    vals[nvals++] = mk(0x7fff, 0xc000000000000000ull);   /* qNaN */
    vals[nvals++] = mk(0x7fff, 0x8000000000000001ull);   /* sNaN */
    vals[nvals++] = mk(0x0000, 0x0000000000000001ull);   /* denormal */
    vals[nvals++] = mk(0x8000, 0x4000000000000000ull);   /* -denormal */
    vals[nvals++] = mk(0x3ffe, 0xffffffffffffffffull);   /* 1 - ulp */
    for (int i = 0; i < nvals; i++)
        for (int j = 0; j < nvals; j++)
            st_compares(vals[i], vals[j]);
    for (int i = 0; i < nvals; i++)
        mem_compares(vals[i]);
    fcmov_tests();
    fxam_specials();
    return 0;
}
