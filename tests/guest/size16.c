/*
 * size16.c - guest test: 16-bit operand-size forms (0x66 prefix): add/sub/adc/and with
 * registers, immediates (imm8 sign-extended and imm16) and memory, mov/movzx/movsx to and
 * from 16-bit registers and memory, push/pop of 16-bit values, shifts, xchg, inc/dec, imul,
 * mul/div, the widening conversions cbw/cwde/cwd/cdq, and lea with 16-bit addressing (0x67).  Full 32-bit registers are printed
 * so writes that wrongly touch the upper half show up; flags are masked to defined bits.
 */
#include <stdio.h>
#include <stdint.h>

#define ARITH 0x8d5u
#define LOGIC 0x8c5u
#define CFOF 0x801u

static uint32_t checksum;

static void show(const char *what, uint32_t in1, uint32_t in2, uint32_t out1, uint32_t out2,
                 uint32_t flags, uint32_t mask)
{
    printf("%-10s %08x %08x -> %08x %08x f%03x\n", what, in1, in2, out1, out2, flags & mask);
    checksum = checksum * 37 + out1 * 3 + out2 + (flags & mask);
}

/* Generic wrapper: a and b are in/out registers, f gets EFLAGS after the code ran.
 * m16 is a 16-bit memory operand the code may use as %[m]. */
#define OP16(name, code)                                                                    \
    static void name(uint32_t *pa, uint32_t *pb, uint16_t *pm, uint32_t *pf)               \
    {                                                                                       \
        uint32_t a = *pa, b = *pb, f;                                                       \
        asm volatile("push $0x2\n\tpopf\n\t" code "\n\tpushf\n\tpop %[f]"                   \
                     : [a] "+q"(a), [b] "+q"(b), [m] "+m"(*pm), [f] "=&r"(f) : : "cc");    \
        *pa = a; *pb = b; *pf = f;                                                          \
    }

#define OPS16(X)                                                                            \
    X(add_rr, "addw %w[b], %w[a]", ARITH)                                                   \
    X(sub_rr, "subw %w[b], %w[a]", ARITH)                                                   \
    X(adc_ri8, "stc\n\tadcw $-5, %w[a]", ARITH)                                             \
    X(sbb_ri16, "stc\n\tsbbw $0x1234, %w[a]", ARITH)                                        \
    X(and_ri16, "andw $0xf0f0, %w[a]", LOGIC)                                               \
    X(or_rm, "orw %[m], %w[a]", LOGIC)                                                      \
    X(add_mr, "addw %w[a], %[m]\n\tmovzwl %[m], %[b]", ARITH)                               \
    X(sub_mi8, "subw $7, %[m]\n\tmovzwl %[m], %[b]", ARITH)                                 \
    X(cmp_rr, "cmpw %w[b], %w[a]", ARITH)                                                   \
    X(neg_r, "negw %w[a]", ARITH)                                                           \
    X(inc_r, "incw %w[a]", ARITH & ~1u)                                                     \
    X(dec_m, "decw %[m]\n\tmovzwl %[m], %[b]", ARITH & ~1u)                                 \
    X(mov_rr, "movw %w[b], %w[a]", 0)                                                       \
    X(mov_ri, "movw $0xbeef, %w[a]", 0)                                                     \
    X(mov_mr, "movw %w[a], %[m]\n\tmovswl %[m], %[b]", 0)                                   \
    X(movzx_b, "movzbw %b[b], %w[a]", 0)                                                    \
    X(movsx_b, "movsbw %b[b], %w[a]", 0)                                                    \
    X(movzwl, "movzwl %w[b], %[a]", 0)                                                      \
    X(movswl, "movswl %w[b], %[a]", 0)                                                      \
    X(pushw_pop, "pushw %w[a]\n\tpushw %w[b]\n\tpopl %[a]\n\tpushl %[b]\n\tpopw %w[b]\n\tpopw %w[b]", 0) \
    X(pushw_imm, "pushw $-2\n\tpushw $0x1234\n\tpopl %[a]", 0)                              \
    X(xchg_rr, "xchgw %w[a], %w[b]", 0)                                                     \
    X(xchg_rm, "xchgw %w[a], %[m]\n\tmovzwl %[m], %[b]", 0)                                 \
    X(shl_3, "shlw $3, %w[a]", 0x8c5u & ~0x800u)                                            \
    X(shr_1, "shrw %w[a]", LOGIC)                                                           \
    X(sar_5, "sarw $5, %w[a]", 0x0c5u)                                  \
    X(rol_4, "rolw $4, %w[a]", 0x001u)                                                      \
    X(imul_rr, "imulw %w[b], %w[a]", CFOF)                                                  \
    X(imul_rri, "imulw $-300, %w[b], %w[a]", CFOF)                                          \
    X(imul_rmi8, "imulw $9, %[m], %w[a]", CFOF)                                             \
    X(bswap_like, "xchgb %b[a], %h[a]", 0)                                                  \
    X(test_ri, "testw $0x8001, %w[a]", LOGIC)                                               \
    X(not_m, "notw %[m]\n\tmovzwl %[m], %[b]", 0)                                           \
    X(lea16, "leaw 3(%[a],%[b],2), %w[b]", 0)

#define DEF_OP(name, code, mask) OP16(name, code)
OPS16(DEF_OP)

typedef void (*op_fn)(uint32_t *, uint32_t *, uint16_t *, uint32_t *);
#define OP_ENTRY(name, code, mask) { #name, name, mask },
static const struct { const char *name; op_fn fn; uint32_t mask; } ops[] = { OPS16(OP_ENTRY) };

/* cbw/cwde/cwd/cdq work on fixed registers */
static void conversions(uint32_t v)
{
    uint32_t a = v, d = 0x33333333;
    asm("cbtw" : "+a"(a));
    show("cbw", v, 0, a, 0, 0, 0);
    a = v;
    asm("cwtl" : "+a"(a));
    show("cwde", v, 0, a, 0, 0, 0);
    a = v;
    asm("cwtd" : "+a"(a), "+d"(d));
    show("cwd", v, 0, a, d, 0, 0);
    a = v;
    asm("cltd" : "+a"(a), "=d"(d));
    show("cdq", v, 0, a, d, 0, 0);
}

/* 16-bit mul/div: dx:ax */
static void muldiv16(uint32_t x, uint32_t y)
{
    uint32_t a = x, d = 0x77770000;
    asm("mulw %w2" : "+a"(a), "+d"(d) : "q"(y) : "cc");
    show("mulw", x, y, a, d, 0, 0);
    if ((y & 0xffff) == 0)
        return;
    a = x; d = 0x77770001;                        /* dividend 0x0001:ax, quotient fits when y >= 2 */
    if ((y & 0xffff) >= 2) {
        asm("divw %w2" : "+a"(a), "+d"(d) : "q"(y) : "cc");
        show("divw", x, y, a, d, 0, 0);
    }
    a = x; d = (x & 0x8000) ? 0x4444ffff : 0x44440000;   /* dx:ax = ax sign-extended */
    if ((int16_t)y != -1 || (uint16_t)x != 0x8000) {
        asm("idivw %w2" : "+a"(a), "+d"(d) : "q"(y) : "cc");
        show("idivw", x, y, a, d, 0, 0);
    }
}

/* 0x67 address-size prefix on lea: the effective address is computed in 16 bits (wraps at
 * 64K) and zero-extended into a 32-bit destination.  lea never touches memory, so it is safe. */
static void addr16_lea(uint32_t x, uint32_t y)
{
    uint32_t r1, r2, r3;
    asm("leal 0x7ffe(%%bx,%%si), %0\n\t"
        "leaw -3(%%bx,%%di), %w1\n\t"
        "leal 0x1234(%%si), %2"
        : "=&r"(r1), "=&r"(r2), "=&r"(r3) : "b"(x), "S"(y), "D"(x ^ y), "1"(0x55550000u));
    show("addr16", x, y, r1, r2, r3, 0xffffffff);
}

int main(void)
{
    static const uint32_t vals[] = {
        0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x12345678, 0xffff8000, 0xabcd0001,
        0x0000fffe, 0x5a5aa5a5, 0x80000000,
    };
    const unsigned n = sizeof(vals) / sizeof(vals[0]);
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++)
        for (unsigned i = 0; i < n; i++)
            for (unsigned j = 0; j < n; j += 3) {
                uint32_t a = vals[i], b = vals[j], f;
                uint16_t m = (uint16_t)(vals[j] * 7 + 1);
                ops[o].fn(&a, &b, &m, &f);
                show(ops[o].name, vals[i], vals[j], a, b, f, ops[o].mask);
                printf("           mem %04x\n", m);
            }
    for (unsigned i = 0; i < n; i++) {
        conversions(vals[i]);
        for (unsigned j = 0; j < n; j++) {
            muldiv16(vals[i], vals[j]);
            addr16_lea(vals[i], vals[j]);
        }
    }
    printf("checksum %08x\n", checksum);
    return 0;
}
