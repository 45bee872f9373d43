/*
 * sse-int.c - directed test of the SSE2 integer instructions on xmm registers and of the
 * vector moves, shuffles, inserts/extracts and masks: each instruction runs on edge and
 * pseudo-random operands, in register and (16-byte aligned) memory source form, and the
 * result bytes are printed. Expected output = the same program run natively.
 */
#pragma GCC target("sse2")
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct { uint8_t b[16]; } __attribute__((aligned(16))) V16;

static V16 data[8];

static void fill(void)
{
    static const uint8_t edge[4] = { 0x00, 0x7f, 0x80, 0xff };
    uint32_t x = 12345;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 16; j++) {
            x = x * 1103515245u + 12345u;
            data[i].b[j] = i < 2 ? edge[(j + i) & 3] : i == 2 ? (uint8_t)(j * 17) : (uint8_t)(x >> 16);
        }
}

static void print(const char *name, int form, const V16 *r)
{
    printf("%-11s %c ", name, form);
    for (int j = 15; j >= 0; j--)
        printf("%02x", r->b[j]);
    printf("\n");
}

/* d = d op s, register form (r) and memory form (m). */
#define BIN(insn) \
    static void reg_##insn(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm0\n\tmovdqu (%1), %%xmm1\n\t" #insn " %%xmm1, %%xmm0\n\t" \
                         "movdqu %%xmm0, (%0)" :: "r"(d), "r"(s) : "xmm0", "xmm1", "memory"); } \
    static void mem_##insn(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm2\n\t" #insn " (%1), %%xmm2\n\t" \
                         "movdqu %%xmm2, (%0)" :: "r"(d), "r"(s) : "xmm2", "memory"); }

#define INT_OPS(X) \
    X(paddb) X(paddw) X(paddd) X(paddq) X(psubb) X(psubw) X(psubd) X(psubq) \
    X(paddsb) X(paddsw) X(paddusb) X(paddusw) X(psubsb) X(psubsw) X(psubusb) X(psubusw) \
    X(pmullw) X(pmulhw) X(pmulhuw) X(pmuludq) X(pmaddwd) X(psadbw) X(pavgb) X(pavgw) \
    X(pminub) X(pmaxub) X(pminsw) X(pmaxsw) X(pcmpeqb) X(pcmpeqw) X(pcmpeqd) \
    X(pcmpgtb) X(pcmpgtw) X(pcmpgtd) X(pand) X(pandn) X(por) X(pxor) \
    X(packsswb) X(packuswb) X(packssdw) X(punpcklbw) X(punpcklwd) X(punpckldq) X(punpcklqdq) \
    X(punpckhbw) X(punpckhwd) X(punpckhdq) X(punpckhqdq) \
    X(andps) X(andnps) X(orps) X(xorps) X(andpd) X(andnpd) X(orpd) X(xorpd) \
    X(unpcklps) X(unpckhps) X(unpcklpd) X(unpckhpd)
INT_OPS(BIN)

#define SHIFT_OPS(X) X(psllw) X(pslld) X(psllq) X(psrlw) X(psrld) X(psrlq) X(psraw) X(psrad)
SHIFT_OPS(BIN)

/* Immediate shifts: one function per (insn, count). */
#define SHIFT_IMM(insn, n) \
    static void imm_##insn##_##n(V16 *d) { \
        __asm__ volatile("movdqu (%0), %%xmm3\n\t" #insn " $" #n ", %%xmm3\n\tmovdqu %%xmm3, (%0)" \
                         :: "r"(d) : "xmm3", "memory"); }
#define SHIFT_COUNTS(X, insn) X(insn, 0) X(insn, 1) X(insn, 7) X(insn, 15) X(insn, 16) X(insn, 31) \
    X(insn, 32) X(insn, 63) X(insn, 64) X(insn, 200)
#define SHIFT_IMM_ALL(X) \
    SHIFT_COUNTS(X, psllw) SHIFT_COUNTS(X, pslld) SHIFT_COUNTS(X, psllq) SHIFT_COUNTS(X, psrlw) \
    SHIFT_COUNTS(X, psrld) SHIFT_COUNTS(X, psrlq) SHIFT_COUNTS(X, psraw) SHIFT_COUNTS(X, psrad) \
    SHIFT_COUNTS(X, pslldq) SHIFT_COUNTS(X, psrldq)
SHIFT_IMM_ALL(SHIFT_IMM)

/* Shuffles with an immediate. */
#define SHUF(insn, n) \
    static void shuf_##insn##_##n(V16 *d, const V16 *s) { \
        __asm__ volatile("movdqu (%0), %%xmm4\n\tmovdqu (%1), %%xmm5\n\t" #insn " $" #n ", %%xmm5, %%xmm4\n\t" \
                         "movdqu %%xmm4, (%0)" :: "r"(d), "r"(s) : "xmm4", "xmm5", "memory"); \
        __asm__ volatile("movdqu (%0), %%xmm4\n\t" #insn " $" #n ", (%1), %%xmm4\n\t" \
                         "movdqu %%xmm4, 16(%0)" :: "r"(d), "r"(s) : "xmm4", "memory"); }
#define SHUF_ALL(X) \
    X(pshufd, 0x1b) X(pshufd, 0xe4) X(pshufd, 0x00) X(pshufhw, 0x1b) X(pshufhw, 0x93) \
    X(pshuflw, 0x1b) X(pshuflw, 0x4e) X(shufps, 0x1b) X(shufps, 0xb1) X(shufps, 0x44) \
    X(shufpd, 0) X(shufpd, 1) X(shufpd, 2) X(shufpd, 3)
SHUF_ALL(SHUF)

static void test_binops(void)
{
    V16 r;
#define RUN(insn) \
    for (int i = 0; i < 8; i++) { \
        V16 s = data[(i + 3) & 7]; \
        r = data[i]; reg_##insn(&r, &s); print(#insn, 'r', &r); \
        r = data[i]; mem_##insn(&r, &s); print(#insn, 'm', &r); \
    }
    INT_OPS(RUN)
#undef RUN
}

static void test_shifts(void)
{
    static const uint32_t counts[] = { 0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 0x100, 0xffffffffu };
    V16 r, c;
    for (unsigned k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
        memset(&c, 0, sizeof(c));
        memcpy(c.b, &counts[k], 4);
        if (k == 15)
            c.b[5] = 1;              /* count above 2^32: still "too big" */
        printf("count %u%s\n", counts[k], k == 15 ? "+2^40" : "");
#define RUN(insn) \
        for (int i = 0; i < 4; i++) { \
            r = data[i * 2 + 1]; reg_##insn(&r, &c); print(#insn, 'r', &r); \
            r = data[i * 2 + 1]; mem_##insn(&r, &c); print(#insn, 'm', &r); \
        }
        SHIFT_OPS(RUN)
#undef RUN
    }
#define RUN(insn, n) \
    for (int i = 0; i < 3; i++) { r = data[i + 2]; imm_##insn##_##n(&r); print(#insn " $" #n, 'i', &r); }
    SHIFT_IMM_ALL(RUN)
#undef RUN
}

static void test_shuffles(void)
{
    V16 r[2];
#define RUN(insn, n) \
    for (int i = 0; i < 3; i++) { \
        r[0] = data[i + 2]; shuf_##insn##_##n(&r[0], &data[i + 5]); \
        print(#insn " " #n, 'r', &r[0]); print(#insn " " #n, 'm', &r[1]); \
    }
    SHUF_ALL(RUN)
#undef RUN
}

/* Moves: scalar, half, quad and dword moves between registers and memory. */
static void test_moves(void)
{
    V16 out[12];
    const V16 *a = &data[3], *b = &data[4];
    memset(out, 0xcc, sizeof(out));
    __asm__ volatile(
        "movdqa (%1), %%xmm0\n\tmovdqa (%2), %%xmm1\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovss %%xmm1, %%xmm2\n\tmovdqu %%xmm2, 0(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovsd %%xmm1, %%xmm2\n\tmovdqu %%xmm2, 16(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovss 4(%2), %%xmm2\n\tmovdqu %%xmm2, 32(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovsd 8(%2), %%xmm2\n\tmovdqu %%xmm2, 48(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovlps 8(%2), %%xmm2\n\tmovdqu %%xmm2, 64(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovhps (%2), %%xmm2\n\tmovdqu %%xmm2, 80(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovhlps %%xmm1, %%xmm2\n\tmovdqu %%xmm2, 96(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovlhps %%xmm1, %%xmm2\n\tmovdqu %%xmm2, 112(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovq %%xmm1, %%xmm2\n\tmovdqu %%xmm2, 128(%0)\n\t"
        "movdqa %%xmm0, %%xmm2\n\tmovq 4(%2), %%xmm2\n\tmovdqu %%xmm2, 144(%0)\n\t"
        "movss %%xmm1, 160(%0)\n\tmovsd %%xmm1, 164(%0)\n\tmovlps %%xmm0, 172(%0)\n\t"
        "movhps %%xmm0, 180(%0)\n\tmovq %%xmm1, 188(%0)\n\t"
        "movlpd 8(%2), %%xmm0\n\tmovhpd (%2), %%xmm0\n\tmovupd %%xmm0, 1+176(%0)\n\t"
        :: "r"(out), "r"(a), "r"(b) : "xmm0", "xmm1", "xmm2", "memory");
    for (int i = 0; i < 12; i++)
        print("moves", '0' + i % 10, &out[i]);

    /* movd / movnti / pextrw / pinsrw / pmovmskb / movmskps / movmskpd */
    uint32_t g[12];
    V16 x;
    __asm__ volatile(
        "movdqa (%1), %%xmm0\n\t"
        "movd %%xmm0, %%eax\n\tmovl %%eax, 0(%0)\n\t"
        "movd %%xmm0, 4(%0)\n\t"
        "pextrw $0, %%xmm0, %%eax\n\tmovl %%eax, 8(%0)\n\t"
        "pextrw $5, %%xmm0, %%eax\n\tmovl %%eax, 12(%0)\n\t"
        "pextrw $15, %%xmm0, %%eax\n\tmovl %%eax, 16(%0)\n\t"
        "pmovmskb %%xmm0, %%eax\n\tmovl %%eax, 20(%0)\n\t"
        "movmskps %%xmm0, %%eax\n\tmovl %%eax, 24(%0)\n\t"
        "movmskpd %%xmm0, %%eax\n\tmovl %%eax, 28(%0)\n\t"
        "movl $0x89abcdef, %%eax\n\tmovnti %%eax, 32(%0)\n\t"
        "movd %%eax, %%xmm1\n\tmovd %%xmm1, 36(%0)\n\t"
        "movd 32(%0), %%xmm2\n\tpextrw $1, %%xmm2, %%eax\n\tmovl %%eax, 40(%0)\n\t"
        "pinsrw $3, %%eax, %%xmm0\n\tpinsrw $10, 2(%1), %%xmm0\n\tmovdqu %%xmm0, (%2)\n\t"
        :: "r"(g), "r"(a), "r"(&x) : "eax", "xmm0", "xmm1", "xmm2", "memory");
    for (int i = 0; i < 11; i++)
        printf("gpr %d %08x\n", i, g[i]);
    print("pinsrw", 'x', &x);

    /* maskmovdqu: bytes of xmm0 whose xmm1 byte has bit 7 set go to [edi] */
    V16 m = data[0];
    __asm__ volatile("movdqa (%1), %%xmm0\n\tmovdqa (%2), %%xmm1\n\tmaskmovdqu %%xmm1, %%xmm0"
                     :: "D"(&m), "r"(&data[5]), "r"(&data[6]) : "xmm0", "xmm1", "memory");
    print("maskmovdqu", 'm', &m);
}

static void test_convert_int(void)
{
    /* cvtdq2ps / cvtdq2pd / cvtps2dq etc. live in sse-fp.c; here: packed moves of lanes */
    V16 r;
    __asm__ volatile("movdqa (%1), %%xmm0\n\tpshufd $0x39, %%xmm0, %%xmm1\n\tmovdqa %%xmm1, (%0)"
                     :: "r"(&r), "r"(&data[7]) : "xmm0", "xmm1", "memory");
    print("pshufd 39", 'r', &r);
    /* the zeroing idioms (op x,x) */
    V16 z[3];
    __asm__ volatile("movdqa (%1), %%xmm3\n\tmovdqa %%xmm3, %%xmm4\n\tmovdqa %%xmm3, %%xmm5\n\t"
                     "pxor %%xmm3, %%xmm3\n\txorps %%xmm4, %%xmm4\n\txorpd %%xmm5, %%xmm5\n\t"
                     "movdqu %%xmm3, (%0)\n\tmovdqu %%xmm4, 16(%0)\n\tmovdqu %%xmm5, 32(%0)"
                     :: "r"(z), "r"(&data[7]) : "xmm3", "xmm4", "xmm5", "memory");
    for (int i = 0; i < 3; i++)
        print("zero idiom", '0' + i, &z[i]);
    uint64_t mz[2];
    __asm__ volatile("movq (%1), %%mm6\n\tmovq %%mm6, %%mm7\n\tpxor %%mm6, %%mm6\n\tpxor %%mm6, %%mm7\n\t"
                     "movq %%mm6, (%0)\n\tmovq %%mm7, 8(%0)\n\temms"
                     :: "r"(mz), "r"(&data[6]) : "mm6", "mm7", "memory");
    printf("mmx zero idiom %016llx %016llx\n", (unsigned long long)mz[0], (unsigned long long)mz[1]);
}

/* Many pseudo-random operands per instruction, one hash line each (a broad sweep on top of
 * the printed cases above). */
static uint32_t rng = 2024;
static uint32_t next(void) { rng = rng * 1664525u + 1013904223u; return rng ^ (rng >> 15); }

static void test_random(void)
{
    V16 d, s, r;
#define HASH(insn, form, fn, count_mask) { \
        uint32_t h = 2166136261u; \
        for (int n = 0; n < 3000; n++) { \
            for (int j = 0; j < 16; j += 4) { \
                uint32_t a = next(), b = next(); \
                memcpy(&d.b[j], &a, 4); \
                memcpy(&s.b[j], &b, 4); \
            } \
            if (count_mask) \
                memset(&s.b[1], 0, 15), s.b[0] &= (count_mask); \
            r = d; \
            fn(&r, &s); \
            for (int j = 0; j < 16; j++) \
                h = (h ^ r.b[j]) * 16777619u; \
        } \
        printf("random %-11s %c %08x\n", #insn, form, h); }
#define RUN(insn) HASH(insn, 'r', reg_##insn, 0) HASH(insn, 'm', mem_##insn, 0)
    INT_OPS(RUN)
#undef RUN
#define RUN(insn) HASH(insn, 'r', reg_##insn, 0x7f) HASH(insn, 'm', mem_##insn, 0x7f)
    SHIFT_OPS(RUN)
#undef RUN
#undef HASH
}

int main(void)
{
    fill();
    test_random();
    test_binops();
    test_shifts();
    test_shuffles();
    test_moves();
    test_convert_int();
    return 0;
}
