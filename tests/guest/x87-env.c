/*
 * x87-env.c - x87 machine state: register stack overflow/underflow (IE+SF, C1), TOP, tags,
 * ffree/ffreep, fincstp/fdecstp, fxch, fld st(i), fst/fstp st(i), fninit/fnclex, fldcw/fnstcw,
 * fnstsw to memory and AX, and the images written by fnstenv (32- and 16-bit), fnsave and
 * fxsave, loaded back by fldenv/frstor/fxrstor. Bytes the CPU fills with code/data pointers
 * (FIP, FCS, FOP, FDP, FDS) are masked: they hold addresses that differ between the runs.
 * The native run is the oracle.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static unsigned get_sw_full(void)
{
    unsigned short sw;
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return sw;
}

static void dump(const char *what, const unsigned char *p, int n, const int *masked)
{
    printf("%s:", what);
    for (int i = 0; i < n; i++) {
        if (i % 32 == 0)
            printf("\n ");
        if (masked && masked[i])
            printf(" ..");
        else
            printf(" %02x", p[i]);
    }
    printf("\n");
}

/* Fill the stack with a recognisable pattern: 1, 2, ... pushed in order. */
static void push_values(int n)
{
    for (int i = 1; i <= n; i++) {
        int v = i * 3;
        __asm__ volatile("fildl %0" :: "m"(v));
    }
}

static void stack_faults(void)
{
    unsigned sw;
    double d;
    __asm__ volatile("fninit");
    push_values(8);
    printf("8 pushed: sw %04x\n", get_sw_full());
    __asm__ volatile("fld1");                      /* overflow: IE SF C1, ST0 = indefinite */
    sw = get_sw_full();
    __asm__ volatile("fstl %0" : "=m"(d));
    printf("overflow: sw %04x st0 %g\n", sw, d);
    __asm__ volatile("fninit");
    __asm__ volatile("fld1\n\tfstp %st(0)");
    __asm__ volatile("fadd %st(1), %st");          /* underflow: IE SF, C1 = 0 */
    printf("underflow add: sw %04x\n", get_sw_full());
    __asm__ volatile("fninit\n\tfstpl %0" : "=m"(d)); /* store from an empty register */
    printf("underflow store: sw %04x d %g\n", get_sw_full(), d);
    int i32 = 0;
    __asm__ volatile("fninit\n\tfistpl %0" : "=m"(i32));
    printf("underflow fistp: sw %04x %08x\n", get_sw_full(), i32);
    __asm__ volatile("fninit\n\tfld1\n\tfxch %st(3)");
    printf("underflow fxch: sw %04x\n", get_sw_full());
    __asm__ volatile("fninit\n\tfld %st(2)");
    printf("underflow fld st(2): sw %04x\n", get_sw_full());
    __asm__ volatile("fninit\n\tfsqrt");
    printf("underflow fsqrt: sw %04x\n", get_sw_full());
    __asm__ volatile("fninit\n\tfcompp");
    printf("underflow fcompp: sw %04x\n", get_sw_full());
    __asm__ volatile("fninit");
}

static void top_and_tags(void)
{
    unsigned char env[28];
    __asm__ volatile("fninit");
    push_values(3);
    __asm__ volatile("fnstenv %0" : "=m"(env));
    printf("3 pushed: sw %04x tw %02x%02x\n", env[4] | env[5] << 8, env[9], env[8]);
    __asm__ volatile("fldcw %0" :: "m"(env));      /* fnstenv masked everything; restore */
    __asm__ volatile("ffree %%st(1)\n\tfnstenv %0" : "=m"(env));
    printf("ffree st1: tw %02x%02x\n", env[9], env[8]);
    __asm__ volatile("fincstp\n\tfnstenv %0" : "=m"(env));
    printf("fincstp: sw %04x tw %02x%02x\n", env[4] | env[5] << 8, env[9], env[8]);
    __asm__ volatile("fdecstp\n\tfdecstp\n\tfnstenv %0" : "=m"(env));
    printf("fdecstp x2: sw %04x tw %02x%02x\n", env[4] | env[5] << 8, env[9], env[8]);
    /* tags: zero, special (inf, NaN, denormal), valid */
    static const unsigned char denormal[10] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    __asm__ volatile("fninit\n\tfldz\n\tfld1\n\tfldt %1\n\tfldpi\n\tfld1\n\tfldz\n\tfdivr %%st, %%st(1)\n\tfnstenv %0"
                     : "=m"(env) : "m"(denormal));
    printf("tags zero/valid/special: sw %04x tw %02x%02x\n", env[4] | env[5] << 8, env[9], env[8]);
    __asm__ volatile("fninit");
    push_values(2);
    double a, b;
    __asm__ volatile("fxch\n\tfstpl %0\n\tfstpl %1" : "=m"(a), "=m"(b));
    printf("fxch: %g %g\n", a, b);
    push_values(3);
    __asm__ volatile("fst %%st(2)\n\tfstp %%st(1)\n\tfstpl %0\n\tfstpl %1" : "=m"(a), "=m"(b));
    printf("fst/fstp st(i): %g %g\n", a, b);
    __asm__ volatile("fninit");
    push_values(2);
    __asm__ volatile("ffreep %%st(0)\n\tfstpl %0" : "=m"(a));    /* DF C0: ffreep */
    printf("ffreep: %g sw %04x\n", a, get_sw_full());
}

static void control_word(void)
{
    unsigned short cw;
    static const unsigned short cws[] = { 0x037f, 0x0000, 0xffff, 0x0c3f, 0x1b7f, 0x0040 };
    for (unsigned i = 0; i < sizeof(cws) / sizeof(cws[0]); i++) {
        __asm__ volatile("fldcw %1\n\tfnstcw %0" : "=m"(cw) : "m"(cws[i]));
        printf("fldcw %04x -> %04x\n", cws[i], cw);
    }
    __asm__ volatile("fninit\n\tfnstcw %0" : "=m"(cw));
    printf("fninit cw %04x sw %04x\n", cw, get_sw_full());
    unsigned short ax;
    __asm__ volatile("fld1\n\tfldz\n\tfdivr %%st, %%st(1)\n\tfnstsw %%ax\n\tmovw %%ax, %0\n\tfnclex" : "=r"(ax) :: "eax");
    printf("fnstsw ax %04x, after fnclex %04x\n", ax, get_sw_full());
    __asm__ volatile("fninit");
}

static void env_images(void)
{
    unsigned char env32[28], env16[14], save[108], save2[108];
    static const int m32[28] = { [12] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    static const int m16[14] = { [6] = 1, 1, 1, 1, 1, 1, 1, 1 };
    static const int ms[108] = { [12] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    memset(env32, 0x5a, sizeof(env32));
    memset(env16, 0x5a, sizeof(env16));
    __asm__ volatile("fninit");
    push_values(3);
    __asm__ volatile("fldpi\n\tfld1\n\tfldz\n\tfdivr %st, %st(1)");     /* ZE pending (masked) */
    __asm__ volatile("fnstenv %0" : "=m"(env32));
    dump("fnstenv32", env32, 28, m32);
    __asm__ volatile("fldenv %0" :: "m"(env32));
    __asm__ volatile("data16 fnstenv %0" : "=m"(env16));
    dump("fnstenv16", env16, 14, m16);
    __asm__ volatile("fldenv %0" :: "m"(env32));
    memset(save, 0x5a, sizeof(save));
    __asm__ volatile("fnsave %0" : "=m"(save));
    dump("fnsave", save, 108, ms);
    printf("after fnsave: sw %04x\n", get_sw_full());
    __asm__ volatile("frstor %0" :: "m"(save));
    memset(save2, 0x5a, sizeof(save2));
    __asm__ volatile("fnsave %0" : "=m"(save2));
    printf("frstor round trip: %s\n", memcmp(save + 28, save2 + 28, 80) || memcmp(save, save2, 12) ? "differs" : "same");
    /* modify the image: new control word, TOP and a register, then load it */
    save[0] = 0x7f; save[1] = 0x0b;                /* RC down, PC 64 */
    __asm__ volatile("frstor %0" :: "m"(save));
    unsigned short cw;
    double d;
    __asm__ volatile("fnstcw %0\n\tfstpl %1" : "=m"(cw), "=m"(d));
    printf("after frstor: cw %04x st0 %g sw %04x\n", cw, d, get_sw_full());
    __asm__ volatile("fninit");
}

static void fxsave_image(void)
{
    static unsigned char area[512] __attribute__((aligned(16)));
    static int mask[512];
    for (int i = 6; i < 24; i++)
        mask[i] = 1;                               /* FOP FIP FCS FDP FDS */
    for (int i = 160; i < 288; i++)
        mask[i] = 1;                               /* XMM0-7: whatever libc's string code left */
    memset(area, 0xa5, sizeof(area));
    __asm__ volatile("fninit");
    push_values(3);
    __asm__ volatile("fldpi\n\tfld1\n\tfldz\n\tfdivr %st, %st(1)\n\tffree %st(2)");
    __asm__ volatile("fxsave %0" : "=m"(area));
    dump("fxsave", area, 512, mask);
    /* change FCW and ST0 in the image, restore and look */
    area[0] = 0x7f; area[1] = 0x0f;                /* RC toward zero */
    area[32 + 8] = 0xff; area[32 + 9] = 0x3f;     /* ST0 exponent 0x3fff */
    area[32 + 7] = 0x80;
    for (int i = 0; i < 7; i++)
        area[32 + i] = 0;
    __asm__ volatile("fxrstor %0" :: "m"(area));
    unsigned short cw;
    double d;
    __asm__ volatile("fnstcw %0\n\tfstl %1" : "=m"(cw), "=m"(d));
    printf("after fxrstor: cw %04x st0 %g sw %04x\n", cw, d, get_sw_full());
    __asm__ volatile("fninit");
}

int main(void)
{
    stack_faults();
    top_and_tags();
    control_word();
    env_images();
    fxsave_image();
    return 0;
}
