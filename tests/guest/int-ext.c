/*
 * int-ext.c - guest test: the later integer additions and rarely used forms: popcnt, lzcnt,
 * movbe, bsf/bsr (zero source), bt/bts/btr/btc with register bit offsets reaching outside the
 * addressed dword, cmpxchg/xadd (with and without lock), mul/imul flags, arpl, les/lfs with a
 * valid selector, far call/ret and iret to the current code segment, the CPUID feature
 * bits that both this CPU and loongbt advertise, and the UMIP-emulated sgdt/sidt/smsw/sldt/
 * str. Expected output = the native run.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define FLAG_MASK 0x8d5u   /* OF SF ZF AF PF CF */

static const uint32_t values[] = {
    0, 1, 2, 0x80, 0x8000, 0x80000000, 0xff, 0xffff, 0xffffffff, 0x7fffffff, 0x12345678,
    0x00010000, 0xf0f0f0f0, 0x0000c000,
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

/* Run "insn src, dst" with flags preset to fin; dst in/out, flags out. */
#define OP2(fn, insn, cs, cd)                                                            \
    static uint32_t fn(uint32_t src, uint32_t dst, uint32_t fin, uint32_t *f)           \
    {                                                                                    \
        uint32_t fl;                                                                     \
        __asm__ volatile("push %3\n\tpopf\n\t" insn " %" cs "2, %" cd "0\n\t"            \
                         "pushf\n\tpop %1"                                               \
                         : "+r"(dst), "=r"(fl) : "r"(src), "r"(fin) : "cc");             \
        *f = fl & FLAG_MASK;                                                             \
        return dst;                                                                      \
    }
OP2(popcntl, "popcntl", "", "") OP2(popcntw, "popcntw", "w", "w")
OP2(lzcntl, "lzcntl", "", "") OP2(lzcntw, "lzcntw", "w", "w")
OP2(bsfl, "bsfl", "", "") OP2(bsrl, "bsrl", "", "") OP2(bsfw, "bsfw", "w", "w")
OP2(bsrw, "bsrw", "w", "w")
OP2(imull2, "imull", "", "") OP2(imulw2, "imulw", "w", "w")

static void test_bitcount(void)
{
    static const struct { const char *name; uint32_t (*fn)(uint32_t, uint32_t, uint32_t, uint32_t *); } ops[] = {
        { "popcntl", popcntl }, { "popcntw", popcntw }, { "lzcntl", lzcntl },
        { "lzcntw", lzcntw }, { "bsfl", bsfl }, { "bsrl", bsrl }, { "bsfw", bsfw },
        { "bsrw", bsrw }, { "imull", imull2 }, { "imulw", imulw2 },
    };
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        for (unsigned v = 0; v < NVALUES; v++)
            for (uint32_t fin = 0; fin <= 0x8d5; fin += 0x8d5) {
                uint32_t f, r = ops[i].fn(values[v], 0x5a5a5a5a ^ values[(v + 5) % NVALUES], fin, &f);
                printf("%-8s %08x fin=%03x -> %08x f=%03x\n", ops[i].name, values[v], fin, r, f);
            }
}

static void test_mul(void)
{
    for (unsigned a = 0; a < NVALUES; a++)
        for (unsigned b = 0; b < NVALUES; b += 3) {
            uint32_t lo, hi, f;
            __asm__ volatile("push $0\n\tpopf\n\tmull %3\n\tpushf\n\tpop %2"
                             : "=a"(lo), "=d"(hi), "=r"(f) : "r"(values[b]), "0"(values[a]) : "cc");
            printf("mull  %08x*%08x = %08x:%08x f=%03x\n", values[a], values[b], hi, lo, f & FLAG_MASK);
            __asm__ volatile("push $0\n\tpopf\n\timull %3\n\tpushf\n\tpop %2"
                             : "=a"(lo), "=d"(hi), "=r"(f) : "r"(values[b]), "0"(values[a]) : "cc");
            printf("imull %08x*%08x = %08x:%08x f=%03x\n", values[a], values[b], hi, lo, f & FLAG_MASK);
            uint32_t ax = values[a];
            __asm__ volatile("push $0\n\tpopf\n\tmulb %b2\n\tpushf\n\tpop %1"
                             : "+a"(ax), "=r"(f) : "q"(values[b]) : "cc");
            printf("mulb  %02x*%02x = %04x f=%03x\n", values[a] & 0xff, values[b] & 0xff, ax & 0xffff, f & FLAG_MASK);
            ax = values[a];
            __asm__ volatile("push $0\n\tpopf\n\timulb %b2\n\tpushf\n\tpop %1"
                             : "+a"(ax), "=r"(f) : "q"(values[b]) : "cc");
            printf("imulb %02x*%02x = %04x f=%03x\n", values[a] & 0xff, values[b] & 0xff, ax & 0xffff, f & FLAG_MASK);
            uint32_t r;
            __asm__ volatile("push $0\n\tpopf\n\timull $-3, %2, %0\n\tpushf\n\tpop %1"
                             : "=r"(r), "=r"(f) : "r"(values[a]) : "cc");
            printf("imul3 %08x*-3 = %08x f=%03x\n", values[a], r, f & FLAG_MASK);
        }
}

static void test_movbe(void)
{
    uint32_t mem = 0x11223344, r;
    uint16_t mem16 = 0xa1b2;
    __asm__ volatile("movbel %1, %0" : "=r"(r) : "m"(mem));
    printf("movbe load32 %08x\n", r);
    r = 0xdeadbeef;
    __asm__ volatile("movbew %1, %w0" : "+r"(r) : "m"(mem16));
    printf("movbe load16 %08x\n", r);
    __asm__ volatile("movbel %1, %0" : "=m"(mem) : "r"(0xcafef00du));
    printf("movbe store32 %08x\n", mem);
    __asm__ volatile("movbew %w1, %0" : "=m"(mem16) : "r"(0x1234u));
    printf("movbe store16 %04x\n", mem16);
}

/* bt family with a register bit offset: the offset is signed and selects any dword. */
static void test_bt_mem(void)
{
    static const int32_t offsets[] = { 0, 5, 31, 32, 63, 64, 100, -1, -32, -33, -64 };
    for (unsigned i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        uint32_t buf[40];                       /* offsets reach +-300 bits (btcw: 3x) */
        for (int k = 0; k < 40; k++)
            buf[k] = 0x9e3779b9u * (k + 1);
        uint32_t *p = &buf[20], f1, f2, f3, f4;
        __asm__ volatile("btl %2, %0\n\tpushf\n\tpop %1" : "+m"(*p), "=r"(f1) : "r"(offsets[i]) : "cc");
        __asm__ volatile("btsl %2, %0\n\tpushf\n\tpop %1" : "+m"(*p), "=r"(f2) : "r"(offsets[i]) : "cc");
        __asm__ volatile("lock btrl %2, %0\n\tpushf\n\tpop %1" : "+m"(*p), "=r"(f3) : "r"(offsets[i] + 1) : "cc");
        __asm__ volatile("btcw %w2, %0\n\tpushf\n\tpop %1" : "+m"(*(uint16_t *)p), "=r"(f4) : "r"(offsets[i] * 3) : "cc");
        printf("bt off=%d cf=%u%u%u%u buf=", offsets[i], f1 & 1, f2 & 1, f3 & 1, f4 & 1);
        for (int k = 0; k < 40; k++)
            if (buf[k] != 0x9e3779b9u * (k + 1))
                printf("[%d]=%08x ", k, buf[k]);
        printf("\n");
    }
}

static void test_cmpxchg(void)
{
    for (unsigned v = 0; v < NVALUES; v += 2) {
        uint32_t mem = values[v], acc = values[v], f;
        __asm__ volatile("lock cmpxchgl %3, %0\n\tpushf\n\tpop %2"
                         : "+m"(mem), "+a"(acc), "=r"(f) : "r"(0x5555u) : "cc");
        printf("cmpxchg eq  mem=%08x acc=%08x f=%03x\n", mem, acc, f & FLAG_MASK);
        acc = values[(v + 1) % NVALUES];
        __asm__ volatile("cmpxchgl %3, %0\n\tpushf\n\tpop %2"
                         : "+m"(mem), "+a"(acc), "=r"(f) : "r"(0x6666u) : "cc");
        printf("cmpxchg ne  mem=%08x acc=%08x f=%03x\n", mem, acc, f & FLAG_MASK);
        uint8_t m8 = values[v];
        acc = 0x12345600 | (values[v] & 0xff);
        __asm__ volatile("lock cmpxchgb %b3, %0\n\tpushf\n\tpop %2"
                         : "+m"(m8), "+a"(acc), "=r"(f) : "q"(0x77u) : "cc");
        printf("cmpxchgb    mem=%02x acc=%08x f=%03x\n", m8, acc, f & FLAG_MASK);
        uint32_t x = values[v], add = values[(v + 3) % NVALUES];
        __asm__ volatile("lock xaddl %1, %0\n\tpushf\n\tpop %2" : "+m"(x), "+r"(add), "=r"(f) : : "cc");
        printf("xadd        mem=%08x reg=%08x f=%03x\n", x, add, f & FLAG_MASK);
        uint16_t x16 = values[v];
        uint32_t add16 = 0xabcd0000 | (values[(v + 1) % NVALUES] & 0xffff);
        __asm__ volatile("xaddw %w1, %0\n\tpushf\n\tpop %2" : "+m"(x16), "+r"(add16), "=r"(f) : : "cc");
        printf("xaddw       mem=%04x reg=%08x f=%03x\n", x16, add16, f & FLAG_MASK);
        uint64_t q = ((uint64_t)values[v] << 32) | values[(v + 1) % NVALUES];
        uint32_t lo = (uint32_t)q, hi = (uint32_t)(q >> 32);
        __asm__ volatile("lock cmpxchg8b %0\n\tpushf\n\tpop %3"
                         : "+m"(q), "+a"(lo), "+d"(hi), "=r"(f) : "b"(1u), "c"(2u) : "cc");
        printf("cmpxchg8b   q=%016llx edx:eax=%08x:%08x zf=%u\n", (unsigned long long)q, hi, lo, (f >> 6) & 1);
    }
}

static void test_locked_alu(void)
{
    uint32_t m = 0x7fffffff, f;
    __asm__ volatile("lock addl $1, %0\n\tpushf\n\tpop %1" : "+m"(m), "=r"(f) : : "cc");
    printf("lock add  %08x f=%03x\n", m, f & FLAG_MASK);
    __asm__ volatile("stc\n\tlock adcl $5, %0\n\tpushf\n\tpop %1" : "+m"(m), "=r"(f) : : "cc");
    printf("lock adc  %08x f=%03x\n", m, f & FLAG_MASK);
    __asm__ volatile("stc\n\tlock sbbl $7, %0\n\tpushf\n\tpop %1" : "+m"(m), "=r"(f) : : "cc");
    printf("lock sbb  %08x f=%03x\n", m, f & FLAG_MASK);
    __asm__ volatile("lock orl $0xf0, %0\n\tlock andl $0xff0ff, %0\n\tlock xorl $3, %0\n\t"
                     "pushf\n\tpop %1" : "+m"(m), "=r"(f) : : "cc");
    printf("lock logic %08x f=%03x\n", m, f & FLAG_MASK);
    __asm__ volatile("lock incl %0\n\tlock decw %0\n\tlock negl %0\n\tlock notl %0\n\t"
                     "pushf\n\tpop %1" : "+m"(m), "=r"(f) : : "cc");
    printf("lock unary %08x f=%03x\n", m, f & FLAG_MASK);
    uint32_t r = 0x11111111;
    __asm__ volatile("lock xchgl %1, %0" : "+m"(m), "+r"(r));
    printf("lock xchg %08x %08x\n", m, r);
    __asm__ volatile("lock subb $0x12, %0\n\tpushf\n\tpop %1" : "+m"(m), "=r"(f) : : "cc");
    printf("lock subb %08x f=%03x\n", m, f & FLAG_MASK);
}

/* ARPL, segment loads, far transfers to the current code segment. */
static void test_segments(void)
{
    static const uint16_t pairs[][2] = { { 0x10, 0x13 }, { 0x13, 0x10 }, { 0x12, 0x12 },
                                         { 0xfff0, 0x0003 }, { 0x0001, 0xfffe } };
    for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        uint32_t d = 0xabcd0000 | pairs[i][0], f;
        __asm__ volatile("push $0\n\tpopf\n\tarpl %w2, %w0\n\tpushf\n\tpop %1"
                         : "+r"(d), "=r"(f) : "r"((uint32_t)pairs[i][1]) : "cc");
        uint16_t m = pairs[i][0];
        __asm__ volatile("arpl %w1, %0" : "+m"(m) : "r"((uint32_t)pairs[i][1]) : "cc");
        printf("arpl %04x,%04x -> %08x zf=%u mem %04x\n", pairs[i][0], pairs[i][1], d, (f >> 6) & 1, m);
    }
    uint32_t ds, es_after, fs_before, fs_after, off;
    struct __attribute__((packed)) { uint32_t off; uint16_t sel; } fp;
    __asm__ volatile("movl %%ds, %0" : "=r"(ds));
    fp.off = 0x12345678;
    fp.sel = ds;
    __asm__ volatile("movl %%fs, %0" : "=r"(fs_before));
    __asm__ volatile("les %2, %0\n\tmovl %%es, %1"   /* es = ds: nothing really changes */
                     : "=r"(off), "=r"(es_after) : "m"(fp));
    printf("les off=%08x es==ds %d\n", off, es_after == ds);
    fp.sel = fs_before;
    __asm__ volatile("lfs %2, %0\n\tmovl %%fs, %1" : "=r"(off), "=r"(fs_after) : "m"(fp));
    printf("lfs off=%08x fs kept %d\n", off, fs_after == fs_before);

    uint32_t result = 0, sp_before, sp_after;
    __asm__ volatile("movl %%esp, %1\n\t"
                     "movl %%cs, %%eax\n\t"
                     "pushl %%eax\n\t"
                     "pushl $1f\n\t"
                     "lcall *(%%esp)\n\t"
                     "addl $8, %%esp\n\t"
                     "jmp 2f\n"
                     "1:\tmovl $42, %0\n\t"
                     "lret\n"
                     "2:\tmovl %%esp, %2\n\t"
                     : "+r"(result), "=&r"(sp_before), "=&r"(sp_after) : : "eax", "memory");
    printf("lcall/lret through cs: result=%u esp balanced %d\n", result, sp_before == sp_after);
    result = 0;
    __asm__ volatile("pushfl\n\t"
                     "movl %%cs, %%eax\n\t"
                     "pushl %%eax\n\t"
                     "pushl $1f\n\t"
                     "iret\n\t"
                     "movl $1, %0\n"
                     "1:\taddl $7, %0\n\t"
                     : "+r"(result) : : "eax", "memory");
    printf("iret to cs: result=%u\n", result);
}

static void test_cpuid(void)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    /* only bits both this CPU and loongbt advertise */
    printf("cpuid.1 tsc=%u cx8=%u cmov=%u popcnt=%u movbe=%u\n", (d >> 4) & 1, (d >> 8) & 1,
           (d >> 15) & 1, (c >> 23) & 1, (c >> 22) & 1);
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u), "c"(0));
    printf("cpuid.80000000 brand string present=%d\n", a >= 0x80000004u);
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001u), "c"(0));
    printf("cpuid.80000001 abm=%u\n", (c >> 5) & 1);
    char brand[49] = { 0 };
    for (unsigned i = 0; i < 3; i++) {
        __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000002u + i), "c"(0));
        memcpy(brand + 16 * i, &a, 4);
        memcpy(brand + 16 * i + 4, &b, 4);
        memcpy(brand + 16 * i + 8, &c, 4);
        memcpy(brand + 16 * i + 12, &d, 4);
    }
    printf("brand non-empty %d\n", brand[0] != 0 || strlen(brand) > 0);
}

/* sgdt/sidt/smsw/sldt/str: UMIP makes them fault; Linux emulates them with fixed values. */
static void test_umip(void)
{
    unsigned char gdt[6] = { 1, 2, 3, 4, 5, 6 }, idt[6] = { 1, 2, 3, 4, 5, 6 };
    uint32_t msw = 0x12345678, ldt = 0x12345678, tr = 0x12345678;
    uint16_t msw16 = 0x1111;
    __asm__ volatile("sgdt %0" : "=m"(gdt));
    __asm__ volatile("sidt %0" : "=m"(idt));
    __asm__ volatile("smsw %0" : "+r"(msw));
    __asm__ volatile("smsw %0" : "+m"(msw16));
    __asm__ volatile("sldt %0" : "+r"(ldt));
    __asm__ volatile("str %0" : "+r"(tr));
    printf("sgdt %02x%02x:%02x%02x%02x%02x sidt %02x%02x:%02x%02x%02x%02x\n", gdt[1], gdt[0],
           gdt[5], gdt[4], gdt[3], gdt[2], idt[1], idt[0], idt[5], idt[4], idt[3], idt[2]);
    printf("smsw %08x mem %04x sldt %08x str %08x\n", msw, msw16, ldt, tr);
}

int main(void)
{
    test_bitcount();
    test_mul();
    test_movbe();
    test_bt_mem();
    test_cmpxchg();
    test_locked_alu();
    test_segments();
    test_cpuid();
    test_umip();
    return 0;
}
