/*
 * mmx-int.c - directed test of the MMX integer instructions (and the SSE additions on MMX
 * registers: pshufw, pextrw, pinsrw, pmovmskb, pavg, pmin/pmax, psadbw, pmulhuw, maskmovq,
 * movq2dq/movdq2q), register and memory forms, plus the x87 state MMX code leaves behind:
 * tag word and TOP after an MMX instruction and after EMMS, and the aliased register image
 * (exponent 0xffff) as FSAVE stores it. Expected output = the same program run natively.
 */
#pragma GCC target("sse2")
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint64_t data[8];

static void fill(void)
{
    static const uint64_t edge[2] = { 0x807f00ff7f8001feull, 0xffff00007fff8000ull };
    uint32_t x = 4242;
    for (int i = 0; i < 8; i++) {
        uint64_t v = 0;
        for (int j = 0; j < 4; j++) {
            x = x * 1103515245u + 12345u;
            v = v << 16 | (x >> 16);
        }
        data[i] = i < 2 ? edge[i] : v;
    }
}

#define BIN(insn) \
    static uint64_t reg_##insn(uint64_t d, uint64_t s) { \
        __asm__ volatile("movq %0, %%mm0\n\tmovq %1, %%mm1\n\t" #insn " %%mm1, %%mm0\n\tmovq %%mm0, %0" \
                         : "+m"(d) : "m"(s) : "mm0", "mm1"); return d; } \
    static uint64_t mem_##insn(uint64_t d, uint64_t s) { \
        __asm__ volatile("movq %0, %%mm2\n\t" #insn " %1, %%mm2\n\tmovq %%mm2, %0" \
                         : "+m"(d) : "m"(s) : "mm2"); return d; }

#define MMX_OPS(X) \
    X(paddb) X(paddw) X(paddd) X(paddq) X(psubb) X(psubw) X(psubd) X(psubq) \
    X(paddsb) X(paddsw) X(paddusb) X(paddusw) X(psubsb) X(psubsw) X(psubusb) X(psubusw) \
    X(pmullw) X(pmulhw) X(pmulhuw) X(pmuludq) X(pmaddwd) X(psadbw) X(pavgb) X(pavgw) \
    X(pminub) X(pmaxub) X(pminsw) X(pmaxsw) X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) \
    X(pcmpgtb) X(pcmpgtw) X(pcmpgtd) X(pand) X(pandn) X(por) X(pxor) \
    X(packsswb) X(packuswb) X(packssdw) X(punpcklbw) X(punpcklwd) X(punpckldq) \
    X(punpckhbw) X(punpckhwd) X(punpckhdq) \
    X(psllw) X(pslld) X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad)
MMX_OPS(BIN)

#define SHIFT_IMM(insn, n) \
    static uint64_t imm_##insn##_##n(uint64_t d) { \
        __asm__ volatile("movq %0, %%mm3\n\t" #insn " $" #n ", %%mm3\n\tmovq %%mm3, %0" \
                         : "+m"(d) :: "mm3"); return d; }
#define COUNTS(X, insn) X(insn, 0) X(insn, 1) X(insn, 9) X(insn, 15) X(insn, 16) X(insn, 31) \
    X(insn, 32) X(insn, 63) X(insn, 64) X(insn, 255)
#define SHIFT_IMM_ALL(X) COUNTS(X, psllw) COUNTS(X, pslld) COUNTS(X, psllq) COUNTS(X, psrlw) \
    COUNTS(X, psrld) COUNTS(X, psrlq) COUNTS(X, psraw) COUNTS(X, psrad)
SHIFT_IMM_ALL(SHIFT_IMM)

#define PSHUFW(n) \
    static uint64_t pshufw_##n(uint64_t s) { \
        uint64_t d, e; \
        __asm__ volatile("movq %2, %%mm4\n\tpshufw $" #n ", %%mm4, %%mm5\n\tmovq %%mm5, %0\n\t" \
                         "pshufw $" #n ", %2, %%mm6\n\tmovq %%mm6, %1" \
                         : "=m"(d), "=m"(e) : "m"(s) : "mm4", "mm5", "mm6"); \
        return d ^ (e << 1); }
PSHUFW(0x1b) PSHUFW(0xe4) PSHUFW(0x00) PSHUFW(0xaa) PSHUFW(0x72)

static void test_binops(void)
{
#define RUN(insn) \
    for (int i = 0; i < 8; i++) { \
        uint64_t d = data[i], s = data[(i + 5) & 7]; \
        if (!strncmp(#insn, "ps", 2) && #insn[2] != 'u' && #insn[2] != 'a') \
            s = (uint64_t)(i * 9 % 70);                     /* shift counts 0..69 */ \
        printf("%-10s %016llx %016llx\n", #insn, (unsigned long long)reg_##insn(d, s), \
               (unsigned long long)mem_##insn(d, s)); \
    }
    MMX_OPS(RUN)
#undef RUN
#define RUN(insn, n) \
    for (int i = 0; i < 3; i++) \
        printf("%-10s $%-3d %016llx\n", #insn, n, (unsigned long long)imm_##insn##_##n(data[i]));
    SHIFT_IMM_ALL(RUN)
#undef RUN
    for (int i = 0; i < 4; i++)
        printf("pshufw %016llx %016llx %016llx %016llx %016llx\n",
               (unsigned long long)pshufw_0x1b(data[i]), (unsigned long long)pshufw_0xe4(data[i]),
               (unsigned long long)pshufw_0x00(data[i]), (unsigned long long)pshufw_0xaa(data[i]),
               (unsigned long long)pshufw_0x72(data[i]));
    __asm__ volatile("emms");
}

static void test_misc(void)
{
    uint32_t g[8];
    uint64_t q[4];
    uint8_t out[24];
    memset(out, 0xee, sizeof(out));
    __asm__ volatile(
        "movq (%2), %%mm0\n\t"
        "pextrw $0, %%mm0, %%eax\n\tmovl %%eax, 0(%0)\n\t"
        "pextrw $7, %%mm0, %%eax\n\tmovl %%eax, 4(%0)\n\t"
        "pmovmskb %%mm0, %%eax\n\tmovl %%eax, 8(%0)\n\t"
        "movd %%mm0, %%eax\n\tmovl %%eax, 12(%0)\n\t"
        "movd %%mm0, 16(%0)\n\t"
        "movl $0xdeadbeef, %%eax\n\tmovd %%eax, %%mm1\n\tmovq %%mm1, 0(%1)\n\t"
        "movd 8(%2), %%mm1\n\tmovq %%mm1, 8(%1)\n\t"
        "pinsrw $1, %%eax, %%mm0\n\tpinsrw $6, 12(%2), %%mm0\n\tmovq %%mm0, 16(%1)\n\t"
        "movq 8(%2), %%mm3\n\tmovq 16(%2), %%mm4\n\tmovq %%mm4, %%mm5\n\tmovq %%mm5, 24(%1)\n\t"
        "emms"
        :: "r"(g), "r"(q), "r"(data) : "eax", "mm0", "mm1", "mm3", "mm4", "mm5", "memory");
    for (int i = 0; i < 5; i++)
        printf("g%d %08x\n", i, g[i]);
    for (int i = 0; i < 4; i++)
        printf("q%d %016llx\n", i, (unsigned long long)q[i]);

    /* maskmovq: bytes of mm0 selected by the top bits of mm1 go to [edi] */
    __asm__ volatile("movq (%1), %%mm0\n\tmovq 8(%1), %%mm1\n\tmaskmovq %%mm1, %%mm0\n\temms"
                     :: "D"(out + 3), "r"(&data[4]) : "mm0", "mm1", "memory");
    printf("maskmovq");
    for (int i = 0; i < 16; i++)
        printf(" %02x", out[i]);
    printf("\n");

    /* movq2dq / movdq2q */
    uint64_t x[2] = { 0x1111111111111111ull, 0x2222222222222222ull }, y;
    __asm__ volatile("movdqu (%0), %%xmm0\n\tmovq 24(%2), %%mm2\n\tmovq2dq %%mm2, %%xmm0\n\t"
                     "movdqu %%xmm0, (%0)\n\tmovdqu 32(%2), %%xmm1\n\tmovdq2q %%xmm1, %%mm3\n\t"
                     "movq %%mm3, (%1)\n\temms"
                     :: "r"(x), "r"(&y), "r"(data) : "xmm0", "xmm1", "mm2", "mm3", "memory");
    printf("movq2dq %016llx %016llx movdq2q %016llx\n", (unsigned long long)x[0],
           (unsigned long long)x[1], (unsigned long long)y);
}

/* x87 view of MMX state: fnstenv's tag word and TOP, fsave's register image. */
static void test_x87_alias(void)
{
    uint16_t env[14];
    uint8_t image[108];
    __asm__ volatile("fninit\n\tfld1\n\tfldz\n\tfnstenv (%0)" :: "r"(env) : "memory");
    printf("x87: sw %04x tw %04x\n", env[2], env[4]);
    __asm__ volatile("movq (%1), %%mm2\n\tfnstenv (%0)" :: "r"(env), "r"(data) : "mm2", "memory");
    printf("after movq: sw %04x tw %04x\n", env[2] & 0x3800, env[4]);
    __asm__ volatile("movq (%1), %%mm3\n\tpaddb %%mm3, %%mm3\n\tfnsave (%0)\n\tfrstor (%0)"
                     :: "r"(image), "r"(data + 1) : "mm3", "memory");
    printf("fsave: sw %04x tw %04x\n", image[4] | image[5] << 8, image[8] | image[9] << 8);
    for (int r = 0; r < 8; r++) {
        printf("  st%d", r);
        for (int b = 9; b >= 0; b--)
            printf("%02x", image[28 + 10 * r + b]);
        printf("\n");
    }
    __asm__ volatile("emms\n\tfnstenv (%0)" :: "r"(env) : "memory");
    printf("after emms: sw %04x tw %04x\n", env[2] & 0x3800, env[4]);
    /* EMMS alone also resets TOP to 0 (one value pushed first: TOP = 7) */
    __asm__ volatile("fninit\n\tfld1\n\temms\n\tfnstenv (%0)" :: "r"(env) : "memory");
    printf("fld1; emms: sw %04x tw %04x\n", env[2], env[4]);
    __asm__ volatile("fninit");
}

/* Many pseudo-random operands per instruction, one hash line each. */
static uint32_t rng = 7;
static uint64_t next(void)
{
    rng = rng * 1664525u + 1013904223u;
    uint32_t hi = rng ^ (rng >> 15);
    rng = rng * 1664525u + 1013904223u;
    return (uint64_t)hi << 32 | (rng ^ (rng >> 15));
}

static void test_random(void)
{
#define RUN(insn) { \
        uint32_t h = 2166136261u; \
        for (int n = 0; n < 3000; n++) { \
            uint64_t d = next(), s = next(); \
            if (!strncmp(#insn, "ps", 2) && #insn[2] != 'u' && #insn[2] != 'a') \
                s &= 0x7f; \
            uint64_t r = reg_##insn(d, s) ^ (mem_##insn(d, s) << 1); \
            h = (h ^ (uint32_t)r ^ (uint32_t)(r >> 32)) * 16777619u; \
        } \
        printf("random %-10s %08x\n", #insn, h); }
    MMX_OPS(RUN)
#undef RUN
    __asm__ volatile("emms");
}

int main(void)
{
    fill();
    test_random();
    test_binops();
    test_misc();
    test_x87_alias();
    return 0;
}
