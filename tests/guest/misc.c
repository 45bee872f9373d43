/*
 * misc.c - guest test: the less common integer instructions: bswap, xadd, cmpxchg,
 * cmpxchg8b, xchg, lahf/sahf, all 16 conditions through setcc/cmovcc/jcc, enter/leave (with
 * nesting levels), pusha/popa, pushf/popf of DF and AC, lea addressing forms, movzx/movsx,
 * div/idiv at their edges (never dividing by zero or overflowing), loop/loope/loopne/jecxz,
 * xlat and the BCD adjustments (daa das aaa aas aam aad, defined flags only).
 * CPUID is deliberately absent: its results are the host CPU's, not something to compare.
 */
#include <stdio.h>
#include <stdint.h>

#define CF 0x001u
#define PF 0x004u
#define AF 0x010u
#define ZF 0x040u
#define SF 0x080u
#define OF 0x800u
#define DF 0x400u
#define AC 0x40000u

static uint32_t checksum;
static void out(const char *what, uint32_t a, uint32_t b, uint32_t c)
{
    printf("%-10s %08x %08x %08x\n", what, a, b, c);
    checksum = checksum * 41 + a * 7 + b * 3 + c;
}

static const uint32_t vals[] = {
    0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
    0xffffffff, 0x12345678, 0xfedcba98, 0x00010001,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

/* ===================================================================================== */
/* Exchange and atomic-style instructions                                                 */
/* ===================================================================================== */

static void test_exchange(void)
{
    for (unsigned i = 0; i < NVALS; i++) {
        uint32_t x = vals[i], y = vals[(i + 5) % NVALS], m = vals[(i + 9) % NVALS];
        uint32_t r = x;
        asm("bswap %0" : "+r"(r));
        out("bswap", x, r, 0);

        uint32_t a = x, b = y;
        asm("xchgl %0, %1" : "+r"(a), "+r"(b));
        out("xchg-rr", a, b, 0);
        a = x;
        uint32_t mem = m;
        asm("xchgl %0, %1" : "+r"(a), "+m"(mem));
        out("xchg-rm", a, mem, 0);
        uint32_t w = x;
        asm("xchgb %b0, %h0" : "+q"(w));
        out("xchg-bh", w, 0, 0);

        /* xadd: dst += src, src = old dst; flags as add */
        uint32_t f, s = y;
        mem = m;
        asm("lock xaddl %0, %1\n\tpushf\n\tpop %2" : "+r"(s), "+m"(mem), "=r"(f) : : "cc");
        out("xadd32", s, mem, f & 0x8d5);
        s = y; a = x;
        asm("xaddw %w0, %w1\n\tpushf\n\tpop %2" : "+r"(s), "+r"(a), "=r"(f) : : "cc");
        out("xadd16", s, a, f & 0x8d5);
        s = y; a = x;
        asm("xaddb %b0, %b1\n\tpushf\n\tpop %2" : "+q"(s), "+q"(a), "=r"(f) : : "cc");
        out("xadd8", s, a, f & 0x8d5);

        /* cmpxchg: if eax == dst then dst = src, ZF=1 else eax = dst, ZF=0 (flags as cmp) */
        for (int hit = 0; hit < 2; hit++) {
            uint32_t eax = hit ? m : x;
            mem = m;
            asm("lock cmpxchgl %3, %1\n\tpushf\n\tpop %2"
                : "+a"(eax), "+m"(mem), "=r"(f) : "r"(y) : "cc");
            out(hit ? "cmpxchg-h" : "cmpxchg-m", eax, mem, f & 0x8d5);
            uint32_t e8 = hit ? m : x, d8 = m;
            asm("cmpxchgb %b3, %b1\n\tpushf\n\tpop %2"
                : "+a"(e8), "+q"(d8), "=r"(f) : "q"(y) : "cc");
            out(hit ? "cmpxchg8-h" : "cmpxchg8-m", e8, d8, f & 0x8d5);
        }

        /* cmpxchg8b: if edx:eax == m64 then m64 = ecx:ebx (ZF=1) else edx:eax = m64 */
        for (int hit = 0; hit < 2; hit++) {
            uint64_t m64 = ((uint64_t)m << 32) | x;
            uint32_t lo = hit ? x : y, hi = hit ? m : x;
            asm("lock cmpxchg8b %2\n\tpushf\n\tpop %3"
                : "+a"(lo), "+d"(hi), "+m"(m64), "=r"(f)
                : "b"(y ^ 0x5a5a5a5a), "c"(x + 1) : "cc");
            out(hit ? "cx8b-hit" : "cx8b-miss", lo, hi, f & ZF);
            out("cx8b-mem", (uint32_t)m64, (uint32_t)(m64 >> 32), 0);
        }
    }
}

/* ===================================================================================== */
/* Conditions: setcc, cmovcc and jcc on every combination of CF PF ZF SF OF               */
/* ===================================================================================== */

#define CONDS(X) X(o) X(no) X(b) X(ae) X(e) X(ne) X(be) X(a) X(s) X(ns) X(p) X(np) \
                 X(l) X(ge) X(le) X(g)

#define COND_FN(cc)                                                                         \
    static uint32_t cond_##cc(uint32_t fin)                                                 \
    {                                                                                       \
        uint32_t s = 0x1234ff00, cm = 1, j;                                                 \
        asm("push %[fin]\n\tpopf\n\t"                                                        \
            "set" #cc " %b[s]\n\t"                                                          \
            "cmov" #cc "l %[two], %[cm]\n\t"                                                \
            "j" #cc " 1f\n\t"                                                               \
            "mov $0, %[j]\n\t"                                                              \
            "jmp 2f\n"                                                                      \
            "1:\tmov $1, %[j]\n"                                                            \
            "2:"                                                                            \
            : [s] "+q"(s), [cm] "+r"(cm), [j] "=&r"(j) : [fin] "r"(fin), [two] "r"(2)      \
            : "cc");                                                                        \
        return (s & 0xffffff01) ^ (cm << 4) ^ (j << 8);                                     \
    }
CONDS(COND_FN)

typedef uint32_t (*cond_fn)(uint32_t);
#define COND_ENTRY(cc) { #cc, cond_##cc },
static const struct { const char *name; cond_fn fn; } conds[] = { CONDS(COND_ENTRY) };

static void test_conditions(void)
{
    static const uint32_t bits[] = { CF, PF, ZF, SF, OF };
    for (unsigned pat = 0; pat < 32; pat++) {
        uint32_t fin = 0x2;
        for (unsigned b = 0; b < 5; b++)
            if (pat & (1u << b))
                fin |= bits[b];
        printf("flags %03x:", fin);
        for (unsigned c = 0; c < 16; c++) {
            uint32_t r = conds[c].fn(fin);
            printf(" %s=%x", conds[c].name, r);
            checksum = checksum * 3 + r;
        }
        printf("\n");

        /* lahf copies SF ZF AF PF CF (+ bit 1) into AH; sahf loads them back */
        uint32_t a = 0x11111111, f;
        asm("push %1\n\tpopf\n\tlahf" : "+a"(a) : "r"(fin | AF) : "cc");
        out("lahf", fin | AF, a, 0);
        a = (pat * 0x2b) << 8 | 0x77;
        asm("sahf\n\tpushf\n\tpop %1" : "+a"(a), "=r"(f) : : "cc");
        out("sahf", a, f & (SF | ZF | AF | PF | CF), 0);
    }
}

/* ===================================================================================== */
/* Stack frames: enter/leave, pusha/popa, pushf/popf                                      */
/* ===================================================================================== */

uint32_t frame_buf[32], frame_out[10];
uint32_t pa_in[8] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444,
                      0x55555555, 0x66666666, 0x77777777, 0x88888888 };
uint32_t pa_block[8], pa_after[8];

static void test_frames(void)
{
    /* enter with nesting level 0, 1 and 2 on a private frame chain; the results are stack
     * deltas and copied frame words, never addresses */
    frame_buf[15] = 0xcafe0001;                   /* [fp - 4]: what level 2 copies */
    asm volatile(
        "push %%ebp\n\t"
        "lea frame_buf+64, %%ebp\n\t"
        "mov %%esp, %%eax\n\t"
        "enter $12, $0\n\t"
        "mov %%eax, %%edx\n\tsub %%esp, %%edx\n\tmov %%edx, frame_out\n\t"
        "leave\n\t"
        "mov %%eax, %%edx\n\tsub %%esp, %%edx\n\tmov %%edx, frame_out+4\n\t"
        "enter $8, $1\n\t"
        "mov %%eax, %%edx\n\tsub %%esp, %%edx\n\tmov %%edx, frame_out+8\n\t"
        "mov %%eax, %%edx\n\tsub -4(%%ebp), %%edx\n\tmov %%edx, frame_out+12\n\t"
        "leave\n\t"
        "enter $4, $2\n\t"
        "mov %%eax, %%edx\n\tsub %%esp, %%edx\n\tmov %%edx, frame_out+16\n\t"
        "mov -4(%%ebp), %%edx\n\tmov %%edx, frame_out+20\n\t"
        "mov %%eax, %%edx\n\tsub -8(%%ebp), %%edx\n\tmov %%edx, frame_out+24\n\t"
        "leave\n\t"
        "mov %%ebp, %%edx\n\tsub $frame_buf, %%edx\n\tmov %%edx, frame_out+28\n\t"
        "mov %%eax, %%edx\n\tsub %%esp, %%edx\n\tmov %%edx, frame_out+32\n\t"
        "pop %%ebp"
        : : : "eax", "edx", "memory");
    for (int i = 0; i < 10; i += 2)
        out("enter", frame_out[i], frame_out[i + 1], i);

    /* pusha: look at the pushed block, change it, popa loads everything but ESP */
    asm volatile(
        "push %%ebp\n\t"
        "mov pa_in+4, %%ecx\n\tmov pa_in+8, %%edx\n\tmov pa_in+12, %%ebx\n\t"
        "mov pa_in+20, %%ebp\n\tmov pa_in+24, %%esi\n\tmov pa_in+28, %%edi\n\t"
        "mov pa_in, %%eax\n\t"
        "pusha\n\t"
        "mov 12(%%esp), %%eax\n\tsub %%esp, %%eax\n\tmov %%eax, 12(%%esp)\n\t"
        "mov 0(%%esp), %%eax\n\tmov %%eax, pa_block\n\t"
        "mov 4(%%esp), %%eax\n\tmov %%eax, pa_block+4\n\t"
        "mov 8(%%esp), %%eax\n\tmov %%eax, pa_block+8\n\t"
        "mov 12(%%esp), %%eax\n\tmov %%eax, pa_block+12\n\t"
        "mov 16(%%esp), %%eax\n\tmov %%eax, pa_block+16\n\t"
        "mov 20(%%esp), %%eax\n\tmov %%eax, pa_block+20\n\t"
        "mov 24(%%esp), %%eax\n\tmov %%eax, pa_block+24\n\t"
        "mov 28(%%esp), %%eax\n\tmov %%eax, pa_block+28\n\t"
        "notl 0(%%esp)\n\tnotl 8(%%esp)\n\tnotl 12(%%esp)\n\tnotl 16(%%esp)\n\tnotl 28(%%esp)\n\t"
        "popa\n\t"
        "mov %%eax, pa_after\n\tmov %%ecx, pa_after+4\n\tmov %%edx, pa_after+8\n\t"
        "mov %%ebx, pa_after+12\n\tmov %%ebp, pa_after+20\n\tmov %%esi, pa_after+24\n\t"
        "mov %%edi, pa_after+28\n\t"
        "pop %%ebp"
        : : : "eax", "ecx", "edx", "ebx", "esi", "edi", "memory");
    for (int i = 0; i < 8; i++)
        out("pusha", i, pa_block[i], pa_after[i]);

    /* pushf/popf of DF and AC (both user-settable); restore the original flags right away.
     * No memory access in between may be unaligned (AC=1 can enable alignment checks). */
    uint32_t with, without;
    asm volatile(
        "pushf\n\t"
        "pushf\n\torl $0x40400, (%%esp)\n\tpopf\n\t"
        "pushf\n\tpop %0\n\t"
        "popf\n\t"
        "pushf\n\tpop %1"
        : "=r"(with), "=r"(without) : : "cc");
    out("pushf-df", with & (DF | AC), without & (DF | AC), 0);
    uint32_t d;
    asm volatile("std\n\tpushf\n\tpop %0\n\tcld" : "=r"(d));
    out("std", d & DF, 0, 0);
}

/* ===================================================================================== */
/* Addressing, extension, division                                                        */
/* ===================================================================================== */

static void test_lea_ext(void)
{
    for (unsigned i = 0; i < NVALS; i++) {
        uint32_t a = vals[i], b = vals[(i + 3) % NVALS], r1, r2, r3, r4;
        asm("leal 0x12(%2,%3,4), %0\n\tleal (,%3,8), %1" : "=&r"(r1), "=&r"(r2) : "r"(a), "r"(b));
        asm("leal -1(%2), %0\n\tleal 0x7fffffff(%2,%2,2), %1" : "=&r"(r3), "=&r"(r4) : "r"(a));
        out("lea", r1, r2, r3 ^ r4);
        asm("leal (%2,%3), %0\n\tleaw 5(%2,%3,2), %w1" : "=&r"(r1), "=r"(r2) : "r"(a), "r"(b), "1"(0x99990000));
        out("lea2", r1, r2, 0);

        uint32_t w = a;
        asm("movzbl %b1, %0" : "=r"(r1) : "q"(w));
        asm("movsbl %b1, %0" : "=r"(r2) : "q"(w));
        asm("movzbl %h1, %0" : "=r"(r3) : "q"(w));
        asm("movsbl %h1, %0" : "=r"(r4) : "q"(w));
        out("movx-b", r1, r2, r3 ^ (r4 << 1));
        uint16_t h = (uint16_t)b;
        asm("movzwl %1, %0" : "=r"(r1) : "m"(h));
        asm("movswl %1, %0" : "=r"(r2) : "m"(h));
        int8_t sb = (int8_t)a;
        asm("movsbw %1, %w0" : "=r"(r3) : "m"(sb), "0"(0xabcd0000));
        out("movx-m", r1, r2, r3);
    }
}

static void test_division(void)
{
    static const uint32_t divisors[] = { 1, 2, 3, 7, 10, 0x7f, 0x80, 0xff, 0x100, 0xffff,
                                         0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
                                         0xfffffff9 };
    for (unsigned i = 0; i < NVALS; i++)
        for (unsigned j = 0; j < NVALS; j++)
            for (unsigned k = 0; k < sizeof(divisors) / sizeof(divisors[0]); k++) {
                uint32_t lo = vals[i], hi = vals[j] & 0xff, d = divisors[k];
                if (hi < d) {                          /* unsigned quotient fits */
                    uint32_t q = lo, r = hi;
                    asm("divl %2" : "+a"(q), "+d"(r) : "rm"(d) : "cc");
                    out("divl", q, r, d);
                }
                /* dividend: lo sign-extended (as after cdq), or a big negative one */
                int64_t n = (j & 1) ? (int64_t)((uint64_t)0xffffffffu << 32 | lo)
                                    : (int64_t)(int32_t)lo;
                int64_t qq = n / (int32_t)d;
                if (qq >= INT32_MIN && qq <= INT32_MAX) {
                    uint32_t q = (uint32_t)n, r = (uint32_t)((uint64_t)n >> 32);
                    asm("idivl %2" : "+a"(q), "+d"(r) : "rm"(d) : "cc");
                    out("idivl", q, r, d);
                }
                /* 8-bit: ax / r8 -> al quotient, ah remainder */
                uint32_t ax = lo & 0xffff, d8 = d & 0xff;
                if (d8 != 0 && (ax >> 8) < d8) {
                    uint32_t q = ax | 0xabcd0000;
                    asm("divb %b1" : "+a"(q) : "q"(d8) : "cc");
                    out("divb", q, ax, d8);
                }
                if (d8 != 0) {
                    int q8 = (int16_t)ax / (int8_t)d8;
                    if (q8 >= -128 && q8 <= 127) {
                        uint32_t q = ax | 0x12340000;
                        asm("idivb %b1" : "+a"(q) : "q"(d8) : "cc");
                        out("idivb", q, ax, d8);
                    }
                }
            }
}

/* ===================================================================================== */
/* Loops, xlat, BCD                                                                       */
/* ===================================================================================== */

static void test_loops_xlat(void)
{
    static const uint32_t counts[] = { 0, 1, 2, 5, 100 };
    for (unsigned i = 0; i < 5; i++) {
        uint32_t c = counts[i], acc = 0;
        asm("jecxz 2f\n"
            "1:\taddl %%ecx, %0\n\t"
            "loop 1b\n"
            "2:" : "+r"(acc), "+c"(c) : : "cc");
        out("loop", counts[i], acc, c);
        /* loope: continue while ZF=1 (acc stays below 10), loopne the opposite */
        c = counts[i]; acc = 0;
        asm("jecxz 2f\n"
            "1:\tincl %0\n\t"
            "cmpl $10, %0\n\t"
            "loopne 1b\n"
            "2:" : "+r"(acc), "+c"(c) : : "cc");
        out("loopne", counts[i], acc, c);
        c = counts[i]; acc = 0;
        asm("jecxz 2f\n"
            "1:\tincl %0\n\t"
            "testl $0, %0\n\t"
            "loope 1b\n"
            "2:" : "+r"(acc), "+c"(c) : : "cc");
        out("loope", counts[i], acc, c);
    }
    static const uint8_t table[256] = { [0] = 0x99, [1] = 0x11, [0x7f] = 0x7e, [0x80] = 0xee,
                                        [0xff] = 0x42, [0x42] = 0x24 };
    for (unsigned i = 0; i < NVALS; i++) {
        uint32_t a = vals[i];
        asm("xlat" : "+a"(a) : "b"(table) : "memory");
        out("xlat", vals[i], a, 0);
    }
}

#define BCD_FN(name, insn)                                                                  \
    static uint32_t name(uint32_t ax, uint32_t fin, uint32_t *fo)                           \
    {                                                                                       \
        uint32_t f;                                                                         \
        asm("push %[fin]\n\tpopf\n\t" insn "\n\tpushf\n\tpop %[f]"                          \
            : "+a"(ax), [f] "=r"(f) : [fin] "r"(fin) : "cc");                               \
        *fo = f;                                                                            \
        return ax;                                                                          \
    }
BCD_FN(do_daa, "daa") BCD_FN(do_das, "das") BCD_FN(do_aaa, "aaa") BCD_FN(do_aas, "aas")
BCD_FN(do_aam, "aam") BCD_FN(do_aam16, "aam $16") BCD_FN(do_aad, "aad") BCD_FN(do_aad7, "aad $7")

static void test_bcd(void)
{
    static const struct { const char *name; uint32_t (*fn)(uint32_t, uint32_t, uint32_t *);
                          uint32_t mask; } bcd[] = {
        { "daa", do_daa, CF | AF | SF | ZF | PF }, { "das", do_das, CF | AF | SF | ZF | PF },
        { "aaa", do_aaa, CF | AF }, { "aas", do_aas, CF | AF },
        { "aam", do_aam, SF | ZF | PF }, { "aam16", do_aam16, SF | ZF | PF },
        { "aad", do_aad, SF | ZF | PF }, { "aad7", do_aad7, SF | ZF | PF },
    };
    static const uint32_t fins[] = { 0x2, 0x2 | CF, 0x2 | AF, 0x2 | CF | AF };
    for (unsigned o = 0; o < 8; o++) {
        uint32_t sum = 0;
        for (uint32_t al = 0; al < 256; al++)
            for (unsigned k = 0; k < 4; k++) {
                uint32_t ax = 0x55660300 | al, f;
                uint32_t r = bcd[o].fn(ax, fins[k], &f);
                if ((al & 0x3f) == 0x09 || al == 0x99 || al == 0xfa)
                    out(bcd[o].name, ax ^ (fins[k] << 16), r, f & bcd[o].mask);
                sum = sum * 31 + r + (f & bcd[o].mask);
            }
        out(bcd[o].name, 0xffffffff, sum, 0);
    }
}

int main(void)
{
    test_exchange();
    test_conditions();
    test_frames();
    test_lea_ext();
    test_division();
    test_loops_xlat();
    test_bcd();
    printf("checksum %08x\n", checksum);
    return 0;
}
