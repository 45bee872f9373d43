/*
 * x87-status.c - x87 status and stack behaviour the SDM leaves open or states differently from
 * the hardware, found by the differential tester (tests/difftest): C1 after fcomi/fucomi(p),
 * fcmovcc, ffree and fld st(i); stack faults of fxtract/fsincos/fptan (both results become the
 * indefinite NaN); fprem/fprem1 condition codes on NaN results; FCW reserved bits on every
 * load; #D hidden by #Z and by NaN/unsupported operands; a QNaN in ST0 beating an SNaN memory
 * operand; fyl2xp1 with x <= -1; unmasked #I aborting stores, pops and compares; ftst of an
 * empty register; unmasked #O/#U of fst m32/m64 and unmasked #I/#D/#Z of arithmetic.
 *
 * Each case loads a full fxrstor image (FCW, FSW, tags, ST0-7), runs a few bytes of code and
 * prints FCW/FSW/tags/ST0-7 and a memory word from fxsave. The native run is the oracle.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

static uint8_t img_in[512] __attribute__((aligned(16)));
static uint8_t img_out[512] __attribute__((aligned(16)));
static uint64_t mem_slot[4];     /* memory operand (address patched in); fnstenv needs 28 bytes */

typedef struct Case {
    const char *name;
    uint16_t fcw, fsw;
    uint8_t ftw;                 /* abridged tags, physical registers (TOP = fsw bits 11-13) */
    const char *st[8];           /* ST(i) as 20 hex digits (sign/exponent first), NULL = zero */
    const char *code;            /* hex; "MMMMMMMM" is replaced by &mem_slot */
    uint64_t mem;                /* mem_slot before the code */
} Case;

#define ONE   "3fff8000000000000000"
#define TWO   "40008000000000000000"
#define MTWO  "c0008000000000000000"
#define ZERO  "00000000000000000000"
#define DEN   "00000000000000000001"
#define INF   "7fff8000000000000000"
#define MINF  "ffff8000000000000000"
#define QNAN  "7fffc000000000000001"
#define UNNORMAL "40004000000000000000"

static const Case cases[] = {
    /* C1 is left alone by fcomi/fucomi(p) and fcmov, cleared by ffree/ffreep */
    { "fcomi keeps C1", 0x037f, 0x0200, 0x03, { ONE, TWO }, "dbf1" },
    { "fucomip keeps C1", 0x037f, 0x0200, 0x03, { ONE, TWO }, "dfe9" },
    { "fcmovb keeps C1", 0x037f, 0x0200, 0x03, { ONE, TWO }, "f9dac1" },        /* stc */
    { "ffree clears C1 only", 0x037f, 0x4700, 0xff, { ONE, ONE, ONE, ONE, ONE, ONE, ONE, ONE }, "ddc5" },
    { "ffreep clears C1 only", 0x037f, 0x4700, 0xff, { ONE, ONE, ONE, ONE, ONE, ONE, ONE, ONE }, "dfc5" },
    /* fld st(i): an empty source is an underflow (C1 = 0) even with ST7 full */
    { "fld st(1) empty, st7 full", 0x037f, 0x0200, 0x81, { ONE, NULL, NULL, NULL, NULL, NULL, NULL, ONE }, "d9c1" },
    { "fld st(1) overflow", 0x037f, 0x0000, 0x83, { ONE, ONE, NULL, NULL, NULL, NULL, NULL, ONE }, "d9c1" },
    /* pushing two results: overflow / underflow put the indefinite NaN in ST0 and ST1 */
    { "fxtract overflow", 0x037f, 0x0000, 0x81, { ONE, NULL, NULL, NULL, NULL, NULL, NULL, ONE }, "d9f4" },
    { "fsincos overflow", 0x037f, 0x0000, 0x81, { ONE, NULL, NULL, NULL, NULL, NULL, NULL, ONE }, "d9fb" },
    { "fptan overflow", 0x037f, 0x0000, 0x81, { ONE, NULL, NULL, NULL, NULL, NULL, NULL, ONE }, "d9f2" },
    { "fptan underflow", 0x037f, 0x0000, 0x00, { NULL }, "d9f2" },
    { "fxtract underflow, st7 full", 0x037f, 0x0000, 0x80, { NULL, NULL, NULL, NULL, NULL, NULL, NULL, ONE }, "d9f4" },
    /* trig ops clear C2 for NaN operands and push the NaN twice */
    { "fsincos qnan", 0x037f, 0x0700, 0x03, { QNAN, ONE }, "d9fb" },
    { "fptan inf", 0x037f, 0x0700, 0x03, { INF, ONE }, "d9f2" },
    /* |x| < 2^-68: sin x = tan x = x, cos x = 1 unrounded in every rounding mode */
    { "fsin 2^-69 RZ", 0x0f7f, 0x0000, 0x01, { "3fba8000000000000001" }, "d9fe" },
    { "fcos 2^-69 RZ", 0x0f7f, 0x0000, 0x01, { "3fba8000000000000001" }, "d9ff" },
    { "fsincos -2^-16382 RD", 0x077f, 0x0000, 0x01, { "80018000000000000001" }, "d9fb" },
    { "fptan denormal RU", 0x0b7f, 0x0000, 0x01, { DEN }, "d9f2" },
    /* fprem/fprem1 with a NaN result: C1 = C2 = 0, C0 and C3 kept */
    { "fprem underflow", 0x037f, 0x4700, 0x01, { ONE }, "d9f8" },
    { "fprem qnan", 0x037f, 0x4700, 0x03, { QNAN, ONE }, "d9f8" },
    { "fprem1 inf", 0x037f, 0x4700, 0x03, { INF, ONE }, "d9f5" },
    { "fprem x/0", 0x037f, 0x4700, 0x03, { ONE, ZERO }, "d9f8" },
    /* #D hidden: denormal / 0 gives #Z only (registers and fyl2x) */
    { "fdivr den/0", 0x037f, 0x0000, 0x03, { ZERO, DEN }, "d8f9" },
    { "fyl2x 0, den", 0x037f, 0x0000, 0x03, { ZERO, DEN }, "d9f1" },
    { "fyl2x -1, den: #I only", 0x037f, 0x0000, 0x03, { "bfff8000000000000000", DEN }, "d9f1" },
    /* fyl2xp1 with x <= -1 */
    { "fyl2xp1 x=-2 y=2", 0x037f, 0x0000, 0x03, { MTWO, TWO }, "d9f9" },
    { "fyl2xp1 x=-2 y=-inf", 0x037f, 0x0000, 0x03, { MTWO, MINF }, "d9f9" },
    { "fyl2xp1 x=-2 y=-0", 0x037f, 0x0000, 0x03, { MTWO, "80000000000000000000" }, "d9f9" },
    /* a QNaN in ST0 beats an SNaN m32 operand; an unsupported ST0 hides #D of the operand */
    { "fadd qnan, snan m32", 0x037f, 0x0000, 0x01, { QNAN }, "d805MMMMMMMM", 0x7f800001 },
    { "fdiv unnormal, den m32", 0x037f, 0x0000, 0x01, { UNNORMAL }, "d835MMMMMMMM", 0x00000001 },
    /* FCW reserved bits on fldcw, fxrstor (the image's FCW is loaded as is) */
    { "fldcw 2455", 0x037f, 0x0000, 0x00, { NULL }, "66c705MMMMMMMM5524d92dMMMMMMMM" },
    { "fldcw c000", 0x037f, 0x0000, 0x00, { NULL }, "66c705MMMMMMMM00c0d92dMMMMMMMM" },
    { "fxrstor fcw ff3f", 0xff3f, 0x0000, 0x00, { NULL }, "" },
    /* unmasked #I: no store, no pop; compares still report unordered */
    { "fstp m64 empty, IM=0", 0x037e, 0x0000, 0x00, { NULL }, "dd1dMMMMMMMM", 0x1122334455667788ull },
    { "fistp m32 nan, IM=0", 0x037e, 0x0000, 0x01, { QNAN }, "db1dMMMMMMMM", 0x1122334455667788ull },
    { "faddp empty, IM=0", 0x037e, 0x0000, 0x01, { ONE }, "dec1" },
    { "fucompp empty, IM=0", 0x037e, 0x0000, 0x01, { ONE }, "dae9" },
    { "fcompp empty, IM=0", 0x037e, 0x0000, 0x00, { NULL }, "ded9" },
    /* ftst of an empty ST0 reports unordered whether #I is masked or not */
    { "ftst empty, IM=0", 0x037e, 0x0000, 0x00, { NULL }, "d9e4" },
    /* unmasked #U/#O of fst m32/m64: no store, #U/#O alone (no #P, C1 = 0); unmasked, an
     * exactly representable denormal underflows too */
    { "fst m32 exact den, UM=0", 0x036f, 0x0000, 0x01, { "3f7d8000000000000000" }, "d915MMMMMMMM", 0x1122334455667788ull },
    { "fst m32 inexact tiny, UM=0", 0x036f, 0x0000, 0x01, { "3f7d8000000000000001" }, "d915MMMMMMMM", 0x1122334455667788ull },
    { "fst m32 exact den, UM=1", 0x037f, 0x0000, 0x01, { "3f7d8000000000000000" }, "d915MMMMMMMM", 0x1122334455667788ull },
    { "fstp m64 2^2000, OM=0", 0x0377, 0x0000, 0x01, { "47cf8000000000000000" }, "dd1dMMMMMMMM", 0x1122334455667788ull },
    { "fst m32 2^200 RU, OM=0", 0x0b77, 0x0000, 0x01, { "40c78000000000000001" }, "d915MMMMMMMM", 0x1122334455667788ull },
    /* unmasked #D/#Z/#I of arithmetic: the destination is left alone, the flag reported alone */
    { "fsub st1,st den, DM=0", 0x037d, 0x0000, 0x03, { ONE, DEN }, "dce9" },
    { "faddp den, DM=0", 0x037d, 0x0000, 0x03, { ONE, DEN }, "dec1" },
    { "fadd m32 den, DM=0", 0x037d, 0x0000, 0x01, { ONE }, "d805MMMMMMMM", 0x00000123 },
    { "fdiv 1/0, ZM=0", 0x037b, 0x0000, 0x03, { ONE, ZERO }, "d8f1" },
    { "fsqrt -1, IM=0", 0x037e, 0x0000, 0x01, { "bfff8000000000000000" }, "d9fa" },
    { "fsqrt den, DM=0", 0x037d, 0x0000, 0x01, { DEN }, "d9fa" },
    { "frndint den, DM=0", 0x037d, 0x0000, 0x01, { DEN }, "d9fc" },
    { "fscale den, DM=0", 0x037d, 0x0000, 0x03, { DEN, ONE }, "d9fd" },
    { "fprem 1 rem den, DM=0", 0x037d, 0x0000, 0x03, { ONE, DEN }, "d9f8" },
    { "fxtract den, DM=0", 0x037d, 0x0000, 0x01, { DEN }, "d9f4" },
    { "fprem1 inf, IM=0", 0x037e, 0x4700, 0x03, { INF, ONE }, "d9f5" },
    { "fprem x/0, IM=0", 0x037e, 0x4700, 0x03, { ONE, ZERO }, "d9f8" },
    { "fxtract snan, IM=0", 0x037e, 0x0200, 0x01, { "7fffa000000000000000" }, "d9f4" },
    { "frndint snan, IM=0", 0x037e, 0x0200, 0x01, { "7fffa000000000000000" }, "d9fc" },
    { "fscale 0*2^inf, IM=0", 0x037e, 0x0200, 0x03, { ZERO, INF }, "d9fd" },
    { "fcom -1, den, DM=0", 0x037d, 0x0000, 0x03, { "bfff8000000000000000", DEN }, "d8d1" },
    { "fcomp m32 den, DM=0", 0x037d, 0x0000, 0x01, { "bfff8000000000000000" }, "d81dMMMMMMMM", 0x00000123 },
    { "fucomip -1, den, DM=0", 0x037d, 0x0000, 0x03, { "bfff8000000000000000", DEN }, "dfe9" },
    /* fnstenv masks everything: ES and B are cleared with it */
    { "fnstenv clears ES", 0x037e, 0x0001, 0x00, { NULL }, "d935MMMMMMMM" },
};

static void put_f80(uint8_t *p, const char *hex)
{
    memset(p, 0, 10);
    if (!hex)
        return;
    for (int k = 0; k < 10; k++) {
        unsigned v;
        sscanf(hex + 2 * k, "%2x", &v);
        p[9 - k] = (uint8_t)v;
    }
}

static void run(const Case *c, uint8_t *code)
{
    memset(img_in, 0, sizeof(img_in));
    memcpy(img_in + 0, &c->fcw, 2);
    memcpy(img_in + 2, &c->fsw, 2);
    img_in[4] = c->ftw;
    uint32_t mxcsr = 0x1f80;
    memcpy(img_in + 24, &mxcsr, 4);
    for (int i = 0; i < 8; i++)
        put_f80(img_in + 32 + 16 * i, c->st[i]);
    memset(mem_slot, 0, sizeof(mem_slot));
    mem_slot[0] = c->mem;

    /* fxrstor img_in; <code>; fxsave img_out; fninit; ret */
    int n = 0;
    uint32_t a = (uint32_t)(uintptr_t)img_in;
    code[n++] = 0x0f; code[n++] = 0xae; code[n++] = 0x0d;
    memcpy(code + n, &a, 4); n += 4;
    for (const char *h = c->code; h[0] && h[1];) {
        if (h[0] == 'M') {
            uint32_t m = (uint32_t)(uintptr_t)mem_slot;
            memcpy(code + n, &m, 4);
            n += 4;
            h += 8;
            continue;
        }
        unsigned v;
        sscanf(h, "%2x", &v);
        code[n++] = (uint8_t)v;
        h += 2;
    }
    a = (uint32_t)(uintptr_t)img_out;
    code[n++] = 0x0f; code[n++] = 0xae; code[n++] = 0x05;
    memcpy(code + n, &a, 4); n += 4;
    code[n++] = 0xdb; code[n++] = 0xe3;          /* fninit */
    code[n++] = 0xc3;
    ((void (*)(void))code)();

    uint16_t fcw, fsw;
    memcpy(&fcw, img_out, 2);
    memcpy(&fsw, img_out + 2, 2);
    printf("%-28s fcw=%04x fsw=%04x ftw=%02x", c->name, fcw, fsw, img_out[4]);
    int top = (fsw >> 11) & 7;
    for (int i = 0; i < 8; i++) {
        if (!(img_out[4] & (1 << ((top + i) & 7))))
            continue;
        printf(" st%d=", i);
        for (int k = 9; k >= 0; k--)
            printf("%02x", img_out[32 + 16 * i + k]);
    }
    printf(" mem=%016llx\n", (unsigned long long)mem_slot[0]);
}

int main(void)
{
    uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memset(code, 0xcc, 4096);
        run(&cases[i], code);
    }
    return 0;
}
