/*
 * sse-sse3.c - directed test of SSE3 (addsub, horizontal add/sub, movsldup/movshdup/movddup,
 * lddqu) and SSSE3 (pshufb, phadd/phsub, pmaddubsw, pmulhrsw, psign, pabs, palignr) on xmm and
 * MMX registers, register and memory forms, printing result bits and MXCSR flags.
 * Expected output = the same program run natively.
 */
#pragma GCC target("ssse3")
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct { uint8_t b[16]; } __attribute__((aligned(16))) V16;

static V16 data[9];             /* data[8] stays zero: the unaligned loads read into it */

static void fill(void)
{
    static const uint32_t fl[8] = { 0x3f800000, 0x40490fdb, 0xbf800000, 0x7f7fffff,
                                    0x00000001, 0x7fc00000, 0x7f800000, 0xff800000 };
    uint32_t x = 99;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 16; j++) {
            x = x * 1103515245u + 12345u;
            data[i].b[j] = i == 0 ? (uint8_t)(0x80 + j * 9) : (uint8_t)(x >> 16);
        }
    memcpy(&data[6], fl, 16);
    memcpy(&data[7], fl + 4, 16);
}

static void print(const char *name, int form, const V16 *r, uint32_t f)
{
    printf("%-10s %c ", name, form);
    for (int j = 15; j >= 0; j--)
        printf("%02x", r->b[j]);
    printf(" f=%02x\n", f);
}

static uint32_t get_mxcsr(void) { uint32_t m; __asm__ volatile("stmxcsr %0" : "=m"(m)); return m; }
static void set_mxcsr(uint32_t m) { __asm__ volatile("ldmxcsr %0" :: "m"(m)); }

#define BIN(insn) \
    static void reg_##insn(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm0\n\tmovdqu (%1), %%xmm1\n\t" #insn " %%xmm1, %%xmm0\n\t" \
                         "movdqu %%xmm0, (%0)" :: "r"(d), "r"(s) : "xmm0", "xmm1", "memory"); } \
    static void mem_##insn(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm2\n\t" #insn " (%1), %%xmm2\n\t" \
                         "movdqu %%xmm2, (%0)" :: "r"(d), "r"(s) : "xmm2", "memory"); } \
    static void mmx_##insn(V16 *d, const V16 *s) { \
        __asm__ volatile("movq (%0), %%mm0\n\tmovq (%1), %%mm1\n\t" #insn " %%mm1, %%mm0\n\tmovq %%mm0, (%0)\n\t" \
                         "movq 8(%0), %%mm2\n\t" #insn " 8(%1), %%mm2\n\tmovq %%mm2, 8(%0)\n\temms" \
                         :: "r"(d), "r"(s) : "mm0", "mm1", "mm2", "memory"); }
#define FBIN(insn) \
    static void reg_##insn(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm0\n\tmovdqu (%1), %%xmm1\n\t" #insn " %%xmm1, %%xmm0\n\t" \
                         "movdqu %%xmm0, (%0)" :: "r"(d), "r"(s) : "xmm0", "xmm1", "memory"); } \
    static void mem_##insn(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm2\n\t" #insn " (%1), %%xmm2\n\t" \
                         "movdqu %%xmm2, (%0)" :: "r"(d), "r"(s) : "xmm2", "memory"); }

#define SSSE3_OPS(X) X(pshufb) X(phaddw) X(phaddd) X(phaddsw) X(phsubw) X(phsubd) X(phsubsw) \
    X(pmaddubsw) X(pmulhrsw) X(psignb) X(psignw) X(psignd) X(pabsb) X(pabsw) X(pabsd)
#define SSE3_OPS(X) X(addsubps) X(addsubpd) X(haddps) X(haddpd) X(hsubps) X(hsubpd) \
    X(movsldup) X(movshdup)
SSSE3_OPS(BIN)
SSE3_OPS(FBIN)

#define PALIGNR(n) \
    static void palignr_##n(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm0\n\tpalignr $" #n ", (%1), %%xmm0\n\tmovdqu %%xmm0, (%0)\n\t" \
                         "movq (%0), %%mm0\n\tpalignr $" #n ", 8(%1), %%mm0\n\tmovq %%mm0, (%0)\n\temms" \
                         :: "r"(d), "r"(s) : "xmm0", "mm0", "memory"); }
PALIGNR(0) PALIGNR(1) PALIGNR(5) PALIGNR(8) PALIGNR(15) PALIGNR(16) PALIGNR(17) PALIGNR(31) PALIGNR(32)
PALIGNR(200)

int main(void)
{
    fill();
    V16 r;
#define RUN(insn) \
    for (int i = 0; i < 8; i++) { \
        V16 s = data[(i + 3) & 7]; \
        r = data[i]; reg_##insn(&r, &s); print(#insn, 'r', &r, 0); \
        r = data[i]; mem_##insn(&r, &s); print(#insn, 'm', &r, 0); \
        r = data[i]; mmx_##insn(&r, &s); print(#insn, 'q', &r, 0); \
    }
    SSSE3_OPS(RUN)
#undef RUN
    static const uint32_t cfg[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0 };
#define RUN(insn) \
    for (int c = 0; c < 5; c++) \
        for (int i = 0; i < 8; i++) { \
            V16 s = data[(i + 1) & 7]; \
            r = data[i]; set_mxcsr(cfg[c]); reg_##insn(&r, &s); \
            uint32_t f = get_mxcsr() & 0x3f; set_mxcsr(0x1f80); print(#insn, 'r', &r, f); \
            r = data[i]; set_mxcsr(cfg[c]); mem_##insn(&r, &s); \
            f = get_mxcsr() & 0x3f; set_mxcsr(0x1f80); print(#insn, 'm', &r, f); \
        }
    SSE3_OPS(RUN)
#undef RUN
    for (int i = 0; i < 8; i++) {
        __asm__ volatile("movddup (%1), %%xmm0\n\tmovdqu %%xmm0, (%0)" :: "r"(&r), "r"(&data[i].b[3]) : "xmm0", "memory");
        print("movddup", 'm', &r, 0);
        __asm__ volatile("movdqu (%1), %%xmm1\n\tmovddup %%xmm1, %%xmm0\n\tmovdqu %%xmm0, (%0)"
                         :: "r"(&r), "r"(&data[i]) : "xmm0", "xmm1", "memory");
        print("movddup", 'r', &r, 0);
        __asm__ volatile("lddqu (%1), %%xmm0\n\tmovdqu %%xmm0, (%0)" :: "r"(&r), "r"(&data[i].b[5]) : "xmm0", "memory");
        print("lddqu", 'm', &r, 0);
    }
#define RUN(n) for (int i = 0; i < 4; i++) { r = data[i]; palignr_##n(&r, &data[i + 4]); print("palignr " #n, 'x', &r, 0); }
    RUN(0) RUN(1) RUN(5) RUN(8) RUN(15) RUN(16) RUN(17) RUN(31) RUN(32) RUN(200)
#undef RUN
    return 0;
}
