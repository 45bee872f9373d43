/*
 * x87-convert.c - x87 loads and stores in every rounding mode: fld/fst/fstp m32fp/m64fp/m80fp,
 * fild/fist/fistp/fisttp m16int/m32int/m64int, fbld/fbstp (packed BCD), and the constants
 * fld1/fldz/fldpi/fldl2e/fldl2t/fldlg2/fldln2 (rounded per RC). Prints the stored bits and
 * the status word (flags, C1 = rounded up; TOP masked). The native run is the oracle.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef union { long double ld; struct { uint64_t mant; uint16_t sexp; } b; } X80;

static X80 mk(uint16_t sexp, uint64_t mant) { X80 x; memset(&x, 0, sizeof(x)); x.b.sexp = sexp; x.b.mant = mant; return x; }

static void set_cw(unsigned cw)
{
    unsigned short c = cw;
    __asm__ volatile("fldcw %0" :: "m"(c));
}

static unsigned get_sw(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return sw & ~0x3800u;
}

static void stores(X80 a)
{
    float f;
    double d;
    int16_t w;
    int32_t l;
    int64_t q;
    unsigned char bcd[10];
    unsigned sw[10];

    __asm__ volatile("fnclex\n\tfldt %1\n\tfstps %0\n\t" : "=m"(f) : "m"(a.ld));
    sw[0] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfstpl %0\n\t" : "=m"(d) : "m"(a.ld));
    sw[1] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfistps %0\n\t" : "=m"(w) : "m"(a.ld));
    sw[2] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfistpl %0\n\t" : "=m"(l) : "m"(a.ld));
    sw[3] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfistpll %0\n\t" : "=m"(q) : "m"(a.ld));
    sw[4] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfbstp %0\n\t" : "=m"(bcd) : "m"(a.ld));
    sw[5] = get_sw();
    uint32_t fbits;
    uint64_t dbits;
    memcpy(&fbits, &f, 4);
    memcpy(&dbits, &d, 8);
    printf("  f32 %08x/%04x f64 %016llx/%04x i16 %04x/%04x i32 %08x/%04x i64 %016llx/%04x\n",
           fbits, sw[0], (unsigned long long)dbits, sw[1], (uint16_t)w, sw[2],
           (uint32_t)l, sw[3], (unsigned long long)q, sw[4]);
    printf("  bcd");
    for (int i = 9; i >= 0; i--)
        printf(" %02x", bcd[i]);
    printf("/%04x", sw[5]);
    __asm__ volatile("fnclex\n\tfldt %1\n\tfisttps %0\n\t" : "=m"(w) : "m"(a.ld));
    sw[6] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfisttpl %0\n\t" : "=m"(l) : "m"(a.ld));
    sw[7] = get_sw();
    __asm__ volatile("fnclex\n\tfldt %1\n\tfisttpll %0\n\t" : "=m"(q) : "m"(a.ld));
    sw[8] = get_sw();
    printf(" tt16 %04x/%04x tt32 %08x/%04x tt64 %016llx/%04x\n", (uint16_t)w, sw[6], (uint32_t)l,
           sw[7], (unsigned long long)q, sw[8]);
    /* non-popping forms leave the value */
    X80 back;
    __asm__ volatile("fnclex\n\tfldt %2\n\tfsts %0\n\tfistl %1\n\tfstpt %3" : "=m"(f), "=m"(l) : "m"(a.ld), "m"(back.ld));
    memcpy(&fbits, &f, 4);
    printf("  fst+fist %08x %08x sw=%04x\n", fbits, (uint32_t)l, get_sw());
}

static void loads(void)
{
    static const uint32_t f32s[] = { 0x3f800000, 0x80000000, 0x00000001, 0x007fffff, 0x7f800000,
                                     0xff800000, 0x7fc00000, 0x7fa00000, 0xffc00001, 0x3eaaaaab };
    static const uint64_t f64s[] = { 0x3ff0000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
                                     0x000fffffffffffffull, 0x7ff0000000000000ull, 0x7ff8000000000000ull,
                                     0x7ff4000000000000ull, 0xfff0000000000001ull, 0x3fd5555555555555ull };
    static const int16_t i16s[] = { 0, 1, -1, 32767, -32768 };
    static const int32_t i32s[] = { 0, -5, 0x7fffffff, (int32_t)0x80000000 };
    static const int64_t i64s[] = { 0, 123456789012345ll, 0x7fffffffffffffffll, (int64_t)0x8000000000000000ull };
    static const unsigned char bcds[][10] = {
        { 0x21, 0x43, 0x65, 0x87, 0x09, 0x21, 0x43, 0x65, 0x87, 0x00 },
        { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x80 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 },
        { 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
    };
    X80 r;
    for (unsigned i = 0; i < sizeof(f32s) / 4; i++) {
        __asm__ volatile("fnclex\n\tflds %1\n\tfstpt %0" : "=m"(r.ld) : "m"(f32s[i]));
        printf("flds %08x -> %04x:%016llx sw=%04x\n", f32s[i], r.b.sexp, (unsigned long long)r.b.mant, get_sw());
    }
    for (unsigned i = 0; i < sizeof(f64s) / 8; i++) {
        __asm__ volatile("fnclex\n\tfldl %1\n\tfstpt %0" : "=m"(r.ld) : "m"(f64s[i]));
        printf("fldl %016llx -> %04x:%016llx sw=%04x\n", (unsigned long long)f64s[i], r.b.sexp, (unsigned long long)r.b.mant, get_sw());
    }
    for (unsigned i = 0; i < sizeof(i16s) / 2; i++) {
        __asm__ volatile("fnclex\n\tfilds %1\n\tfstpt %0" : "=m"(r.ld) : "m"(i16s[i]));
        printf("filds %d -> %04x:%016llx sw=%04x\n", i16s[i], r.b.sexp, (unsigned long long)r.b.mant, get_sw());
    }
    for (unsigned i = 0; i < sizeof(i32s) / 4; i++) {
        __asm__ volatile("fnclex\n\tfildl %1\n\tfstpt %0" : "=m"(r.ld) : "m"(i32s[i]));
        printf("fildl %d -> %04x:%016llx sw=%04x\n", i32s[i], r.b.sexp, (unsigned long long)r.b.mant, get_sw());
    }
    for (unsigned i = 0; i < sizeof(i64s) / 8; i++) {
        __asm__ volatile("fnclex\n\tfildll %1\n\tfstpt %0" : "=m"(r.ld) : "m"(i64s[i]));
        printf("fildll %lld -> %04x:%016llx sw=%04x\n", (long long)i64s[i], r.b.sexp, (unsigned long long)r.b.mant, get_sw());
    }
    for (unsigned i = 0; i < sizeof(bcds) / 10; i++) {
        __asm__ volatile("fnclex\n\tfbld %1\n\tfstpt %0" : "=m"(r.ld) : "m"(bcds[i]));
        printf("fbld %u -> %04x:%016llx sw=%04x\n", i, r.b.sexp, (unsigned long long)r.b.mant, get_sw());
    }
}

static void constants(void)
{
    X80 r;
#define CONST(insn) \
    __asm__ volatile("fnclex\n\t" insn "\n\tfstpt %0" : "=m"(r.ld)); \
    printf("%-7s %04x:%016llx sw=%04x\n", insn, r.b.sexp, (unsigned long long)r.b.mant, get_sw());
    CONST("fld1") CONST("fldz") CONST("fldpi") CONST("fldl2e") CONST("fldl2t") CONST("fldlg2")
    CONST("fldln2")
#undef CONST
}

int main(void)
{
    static X80 vals[32];
    int n = 0;
    vals[n++] = mk(0x3fff, 0x8000000000000000ull);   /* 1 */
    vals[n++] = mk(0x3ffe, 0x8000000000000000ull);   /* 0.5 */
    vals[n++] = mk(0x3fff, 0xc000000000000000ull);   /* 1.5 */
    vals[n++] = mk(0xc000, 0xa000000000000000ull);   /* -2.5 */
    vals[n++] = mk(0xbffe, 0xc000000000000000ull);   /* -0.75 */
    vals[n++] = mk(0x3ffb, 0xcccccccccccccccdull);   /* 0.1 */
    vals[n++] = mk(0x400d, 0xfffe000000000000ull);   /* 32767 */
    vals[n++] = mk(0x400e, 0x8000000000000000ull);   /* 32768 */
    vals[n++] = mk(0xc00e, 0x8000000000000000ull);   /* -32768 */
    vals[n++] = mk(0xc00e, 0x8001000000000000ull);   /* -32769 */
    vals[n++] = mk(0x401d, 0xffffffff00000000ull);   /* 2^31 - 0.5 .. */
    vals[n++] = mk(0x401e, 0x8000000000000000ull);   /* 2^31 */
    vals[n++] = mk(0x403d, 0xffffffffffffffffull);   /* 2^63 - 0.5 */
    vals[n++] = mk(0x403e, 0x8000000000000000ull);   /* 2^63 */
    vals[n++] = mk(0xc03e, 0x8000000000000000ull);   /* -2^63 */
    vals[n++] = mk(0x4037, 0xde0b6b3a763ffff0ull);   /* ~1e18 - 1 */
    vals[n++] = mk(0x403a, 0xde0b6b3a76400000ull);   /* 1e18 */
    vals[n++] = mk(0x0000, 0);                       /* +0 */
    vals[n++] = mk(0x8000, 0);                       /* -0 */
    vals[n++] = mk(0x7fff, 0x8000000000000000ull);   /* +inf */
    vals[n++] = mk(0xffff, 0x8000000000000000ull);   /* -inf */
    vals[n++] = mk(0x7fff, 0xc000000000000123ull);   /* qNaN */
    vals[n++] = mk(0xffff, 0xa000000000000000ull);   /* sNaN */
    vals[n++] = mk(0x0000, 0x0000000000000001ull);   /* smallest denormal */
    vals[n++] = mk(0x3f80, 0x8000000000000001ull);   /* tiny for float */
    vals[n++] = mk(0x3c00, 0xfffffffffffff800ull);   /* tiny for double */
    vals[n++] = mk(0x407e, 0xffffff8000000000ull);   /* float overflow boundary */
    vals[n++] = mk(0x43fe, 0xfffffffffffffc00ull);   /* double overflow boundary */
    vals[n++] = mk(0x3fff, 0x8000008000000000ull);   /* float tie */
    vals[n++] = mk(0x3fff, 0x8000000000000400ull);   /* double tie */
    vals[n++] = mk(0x3fff, 0x8000000000000c00ull);   /* double tie, odd */

    loads();
    for (int rc = 0; rc < 4; rc++) {
        set_cw(0x37f | (rc << 10));
        printf("== rc %d\n", rc);
        constants();
        for (int i = 0; i < n; i++) {
            printf("%04x:%016llx\n", vals[i].b.sexp, (unsigned long long)vals[i].b.mant);
            stores(vals[i]);
        }
    }
    return 0;
}
