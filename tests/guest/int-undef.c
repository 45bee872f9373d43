/*
 * int-undef.c - guest test: the flags the SDM/APM leave undefined (and what each CPU vendor
 * does with them) for mul/imul (all forms), div/idiv, bsf/bsr, bt/bts/btr/btc, lzcnt, popcnt
 * and the BCD adjustments aaa/aas/daa/das/aam/aad, from eight flag states. The native run is
 * the oracle, so this pins down the CPU model loongbt imitates (target-i386/cpu-model.h).
 * Every result enters a per-instruction checksum; with an argument "-v" every line is printed
 * (how the AMD rules were measured), without it a sample of lines plus the checksums.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define FLAG_MASK 0x8d5u   /* OF SF ZF AF PF CF */

static int verbose;
static const uint32_t flag_states[] = { 0x000, 0x8d5, 0x001, 0x004, 0x010, 0x040, 0x080, 0x800 };
#define NFLAGS (sizeof(flag_states) / sizeof(flag_states[0]))

static const uint32_t values[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0x81, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff,
    0x80000000, 0xffffffff, 0x12345678, 0x9abcdef0, 0x00c0ffee, 0xdeadbeef, 0x55aa55aa, 0x0f0f0f0f,
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

typedef struct Group { const char *name; uint32_t sum; unsigned lines; } Group;

static void note(Group *g, uint32_t in1, uint32_t in2, uint32_t fin, uint32_t r1, uint32_t r2,
                 uint32_t f)
{
    f &= FLAG_MASK;
    g->sum = (g->sum * 0x01000193u) ^ r1;
    g->sum = (g->sum * 0x01000193u) ^ r2;
    g->sum = (g->sum * 0x01000193u) ^ f;
    if (verbose || g->lines++ % 37 == 0)
        printf("%-6s %08x %08x fin=%03x -> %08x %08x f=%03x\n", g->name, in1, in2, fin, r1, r2, f);
}

/* One-operand mul/imul/div/idiv: EDX:EAX (or AX) in, EDX:EAX out. */
#define ONE_OP(fn, insn, reg)                                                            \
    static uint32_t fn(uint32_t *a, uint32_t *d, uint32_t src, uint32_t fin)             \
    {                                                                                    \
        uint32_t fl;                                                                     \
        __asm__ volatile("push %4\n\tpopf\n\t" insn " %" reg "3\n\tpushf\n\tpop %2"       \
                         : "+a"(*a), "+d"(*d), "=r"(fl) : "c"(src), "r"(fin) : "cc");    \
        return fl;                                                                       \
    }
ONE_OP(mulb, "mulb", "b") ONE_OP(mulw, "mulw", "w") ONE_OP(mull, "mull", "k")
ONE_OP(imulb, "imulb", "b") ONE_OP(imulw, "imulw", "w") ONE_OP(imull, "imull", "k")
ONE_OP(divb, "divb", "b") ONE_OP(divw, "divw", "w") ONE_OP(divl, "divl", "k")
ONE_OP(idivb, "idivb", "b") ONE_OP(idivw, "idivw", "w") ONE_OP(idivl, "idivl", "k")

/* "insn src, dst" (two-operand forms). */
#define TWO_OP(fn, insn, reg)                                                            \
    static uint32_t fn(uint32_t *dst, uint32_t src, uint32_t fin)                        \
    {                                                                                    \
        uint32_t fl;                                                                     \
        __asm__ volatile("push %3\n\tpopf\n\t" insn " %" reg "2, %" reg "0\n\t"          \
                         "pushf\n\tpop %1"                                               \
                         : "+r"(*dst), "=r"(fl) : "r"(src), "r"(fin) : "cc");            \
        return fl;                                                                       \
    }
TWO_OP(imul2w, "imulw", "w") TWO_OP(imul2l, "imull", "k")
TWO_OP(bsfw, "bsfw", "w") TWO_OP(bsfl, "bsfl", "k") TWO_OP(bsrw, "bsrw", "w") TWO_OP(bsrl, "bsrl", "k")
TWO_OP(lzcntw, "lzcntw", "w") TWO_OP(lzcntl, "lzcntl", "k")
TWO_OP(popcntw, "popcntw", "w") TWO_OP(popcntl, "popcntl", "k")
TWO_OP(btw, "btw", "w") TWO_OP(btl, "btl", "k") TWO_OP(btsl, "btsl", "k")
TWO_OP(btrl, "btrl", "k") TWO_OP(btcl, "btcl", "k")

static uint32_t imul3l(uint32_t *dst, uint32_t src, uint32_t fin)
{
    uint32_t fl;
    __asm__ volatile("push %3\n\tpopf\n\timull $-3, %2, %0\n\tpushf\n\tpop %1"
                     : "=r"(*dst), "=r"(fl) : "r"(src), "r"(fin) : "cc");
    return fl;
}

static uint32_t btl_imm(uint32_t *dst, uint32_t src, uint32_t fin)
{
    uint32_t fl;
    (void)src;
    __asm__ volatile("push %2\n\tpopf\n\tbtl $13, %0\n\tpushf\n\tpop %1"
                     : "+r"(*dst), "=r"(fl) : "r"(fin) : "cc");
    return fl;
}

/* BCD adjustments on AX. */
#define BCD(fn, insn)                                                                    \
    static uint32_t fn(uint32_t *ax, uint32_t fin)                                       \
    {                                                                                    \
        uint32_t fl;                                                                     \
        __asm__ volatile("push %2\n\tpopf\n\t" insn "\n\tpushf\n\tpop %1"                \
                         : "+a"(*ax), "=r"(fl) : "r"(fin) : "cc");                       \
        return fl;                                                                       \
    }
BCD(aaa, "aaa") BCD(aas, "aas") BCD(daa, "daa") BCD(das, "das")
BCD(aam10, "aam") BCD(aad10, "aad") BCD(aam7, "aam $7") BCD(aad7, "aad $7")

static void run_one_op(void)
{
    static const struct { const char *name; uint32_t (*fn)(uint32_t *, uint32_t *, uint32_t, uint32_t); int div; } ops[] = {
        { "mulb", mulb, 0 }, { "mulw", mulw, 0 }, { "mull", mull, 0 },
        { "imulb", imulb, 0 }, { "imulw", imulw, 0 }, { "imull", imull, 0 },
        { "divb", divb, 1 }, { "divw", divw, 2 }, { "divl", divl, 4 },
        { "idivb", idivb, -1 }, { "idivw", idivw, -2 }, { "idivl", idivl, -4 },
    };
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        Group g = { ops[i].name, 0, 0 };
        for (unsigned x = 0; x < NVALUES; x++)
            for (unsigned y = 0; y < NVALUES; y++)
                for (unsigned k = 0; k < NFLAGS; k++) {
                    uint32_t a = values[x], d = values[(x + 7) % NVALUES], src = values[y];
                    int div = ops[i].div;
                    if (div) {
                        /* Only divisions that cannot raise #DE: a dividend below half the
                         * operand range (so every quotient fits, signed or not). */
                        int size = div < 0 ? -div : div;
                        uint32_t m = size == 1 ? 0xff : size == 2 ? 0xffff : 0xffffffff;
                        if ((src & m) == 0)
                            continue;
                        d = 0;
                        a = size == 1 ? (a & 0x7f) : size == 2 ? (a & 0x7fff) : (a & 0x7fffffff);
                    }
                    uint32_t f = ops[i].fn(&a, &d, src, flag_states[k]);
                    note(&g, values[x], src, flag_states[k], a, d, f);
                }
        printf("%-6s sum=%08x\n", g.name, g.sum);
    }
}

static void run_two_op(void)
{
    static const struct { const char *name; uint32_t (*fn)(uint32_t *, uint32_t, uint32_t); } ops[] = {
        { "imul2w", imul2w }, { "imul2l", imul2l }, { "imul3l", imul3l },
        { "bsfw", bsfw }, { "bsfl", bsfl }, { "bsrw", bsrw }, { "bsrl", bsrl },
        { "lzcntw", lzcntw }, { "lzcntl", lzcntl }, { "popcntw", popcntw }, { "popcntl", popcntl },
        { "btw", btw }, { "btl", btl }, { "btsl", btsl }, { "btrl", btrl }, { "btcl", btcl },
        { "bt$13", btl_imm },
    };
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        Group g = { ops[i].name, 0, 0 };
        for (unsigned x = 0; x < NVALUES; x++)
            for (unsigned y = 0; y < NVALUES; y++)
                for (unsigned k = 0; k < NFLAGS; k++) {
                    uint32_t dst = values[x] ^ 0x5a5a5a5a, src = values[y];
                    uint32_t f = ops[i].fn(&dst, src, flag_states[k]);
                    note(&g, values[x] ^ 0x5a5a5a5a, src, flag_states[k], dst, 0, f);
                }
        printf("%-6s sum=%08x\n", g.name, g.sum);
    }
}

static void run_bcd(void)
{
    static const struct { const char *name; uint32_t (*fn)(uint32_t *, uint32_t); } ops[] = {
        { "aaa", aaa }, { "aas", aas }, { "daa", daa }, { "das", das },
        { "aam", aam10 }, { "aad", aad10 }, { "aam7", aam7 }, { "aad7", aad7 },
    };
    static const uint32_t ah_values[] = { 0x00, 0x01, 0x09, 0x7f, 0x80, 0xff };
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        Group g = { ops[i].name, 0, 0 };
        for (unsigned al = 0; al < 256; al++)
            for (unsigned h = 0; h < sizeof(ah_values) / sizeof(ah_values[0]); h++)
                for (unsigned k = 0; k < NFLAGS; k++) {
                    uint32_t ax = 0x5a5a0000 | ah_values[h] << 8 | al, in = ax;
                    uint32_t f = ops[i].fn(&ax, flag_states[k]);
                    note(&g, in, 0, flag_states[k], ax, 0, f);
                }
        printf("%-6s sum=%08x\n", g.name, g.sum);
    }
}

int main(int argc, char **argv)
{
    verbose = argc > 1 && !strcmp(argv[1], "-v");
    run_one_op();
    run_two_op();
    run_bcd();
    return 0;
}
