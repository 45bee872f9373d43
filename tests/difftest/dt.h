/*
 * dt.h - shared definitions of the differential tester (tests/difftest): the instruction
 * families, the fixed guest memory layout, and the record that describes one random sequence.
 *
 * The tester is one static i386 program (difftest) with two modes: `gen` writes a batch of
 * sequences (run natively only, so the batch never depends on loongbt), `run` executes a batch
 * and prints one result line per sequence. tests/difftest/difftest.sh runs `run` natively and
 * under loongbt on the same batch and compares the lines: the native run is the oracle.
 */
#ifndef DIFFTEST_DT_H
#define DIFFTEST_DT_H

#include <stdint.h>
#include <stdbool.h>

/* Families: name, needs the x87/SSE state loaded and saved (fxrstor/fxsave), one-line scope.
 * Order matters only for the output of `difftest families`. */
#define DT_FAMILIES(X) \
    X(alu,     0, "add..cmp/test/inc/dec/neg/not/mov/xchg/movsx/movzx/cbw..cdq, 8/16/32, lock") \
    X(shift,   0, "rol/ror/rcl/rcr/shl/sal/shr/sar by 1/imm/cl, shld/shrd, every count")        \
    X(muldiv,  0, "mul/imul (1/2/3 operands), div/idiv with operands that do not fault")       \
    X(bitops,  0, "bt/bts/btr/btc reg+mem, bsf/bsr, bswap, xadd, cmpxchg, cmpxchg8b, popcnt, movbe") \
    X(cond,    0, "setcc/cmovcc/jcc/jecxz/loop, lahf/sahf, pushf/popf, clc/stc/cmc/cld/std")   \
    X(string,  0, "movs/cmps/stos/lods/scas b/w/d with rep/repe/repne and DF=0/1")             \
    X(bcd,     0, "daa/das/aaa/aas/aam/aad after 8-bit adds and subs")                         \
    X(misc,    0, "lea (32- and 16-bit forms), xlat, push/pop, pusha/popa, enter/leave, nops")  \
    X(fault,   0, "#DE (div, aam 0), int3, ud2, into, hlt, in/out, cli, int n, bound: signals") \
    X(lockud,  0, "lock prefix on instructions that do not allow it: #UD -> SIGILL")          \
    X(x87,     1, "x87 loads/stores/arithmetic/compares/fcmov/fldcw, all precisions/roundings") \
    X(x87trans,1, "x87 fsin/fcos/fsincos/fptan/fpatan/f2xm1/fyl2x/fyl2xp1/fscale/fprem")       \
    X(x87env,  1, "fnstenv/fldenv, fnsave/frstor, fxsave/fxrstor (instruction/data pointers cleared)") \
    X(mmx,     1, "MMX integer ops, movd/movq, pack/unpack, shifts, emms")                     \
    X(sse,     1, "SSE packed/scalar single, compares, conversions, shuffles, MMX extensions") \
    X(sse2,    1, "SSE2 double and 128-bit integer ops, conversions, shuffles, shifts")  \
    X(sse3,    1, "SSE3 addsub/hadd/hsub, movshdup/movsldup/movddup, lddqu, fisttp")         \
    X(ssse3,   1, "SSSE3 pshufb/phadd/phsub/pmaddubsw/psign/pmulhrsw/pabs/palignr, mm+xmm")

enum {
#define DT_FAMILY_ENUM(name, fpu, doc) DT_FAM_##name,
    DT_FAMILIES(DT_FAMILY_ENUM)
#undef DT_FAMILY_ENUM
    DT_FAM_NB
};

/* Fixed addresses (the same natively and under loongbt, so addresses in registers, pushed
 * return addresses and fault eips compare equal). */
#define DT_BUF        0x30000000u   /* test buffer: one page, hashed after each sequence */
#define DT_BUF_SIZE   4096u
#define DT_BASE_OFF   0x400u        /* base registers point near here */
#define DT_STACK_OFF  0xf00u        /* initial %esp (the stack grows into the buffer) */
#define DT_CODE       0x30100000u   /* executable buffer: sequence + jump to the epilogue */
#define DT_CODE_SIZE  8192u
#define DT_MAX_CODE   512           /* bytes of one sequence */

/* EFLAGS bits the tester sets and compares. */
#define DT_CF 0x0001u
#define DT_PF 0x0004u
#define DT_AF 0x0010u
#define DT_ZF 0x0040u
#define DT_SF 0x0080u
#define DT_DF 0x0400u
#define DT_OF 0x0800u
#define DT_ID 0x200000u
#define DT_STATUS (DT_CF | DT_PF | DT_AF | DT_ZF | DT_SF | DT_OF)
/* x87 status word condition codes */
#define DT_C0 0x0100u
#define DT_C1 0x0200u
#define DT_C2 0x0400u
#define DT_C3 0x4000u
#define DT_CALL (DT_C0 | DT_C1 | DT_C2 | DT_C3)
/* Flag in DtRecord.fsw_mask (above the 16 status word bits): the sequence ends with a
 * transcendental (fsin fcos fsincos fptan fpatan f2xm1 fyl2x fyl2xp1). Its inputs are exact;
 * the issue allows its result to be within 1 ulp of the CPU's, so the comparison (difftest
 * compare) accepts ST0/ST1 within 1 ulp and C1 (the rounding direction) different. */
#define DT_TOL_TRANS 0x10000u

typedef struct DtRecord {
    int family;
    uint32_t seed;          /* buffer contents and x87/SSE state come from it */
    uint32_t regs[8];       /* initial eax ecx edx ebx esp ebp esi edi */
    uint32_t eflags;        /* initial status flags + DF + ID */
    uint32_t flag_mask;     /* EFLAGS bits defined at the end of the sequence */
    uint32_t reg_mask;      /* bit r: register r is defined at the end */
    uint32_t fsw_mask;      /* x87 status word bits defined at the end */
    int len;
    uint8_t code[DT_MAX_CODE];
} DtRecord;

/* gen.c */
int dt_family_by_name(const char *name);        /* -1 if unknown */
const char *dt_family_name(int family);
bool dt_family_uses_fpu(int family);
const char *dt_family_doc(int family);
/* Fill rec with sequence number index of the stream (family, seed). */
void dt_generate(int family, uint32_t seed, uint32_t index, DtRecord *rec);
/* If set, called after each generated step (the `gen --trace` option). */
extern void (*dt_trace)(const uint8_t *code, int len, uint32_t flags_def);

#endif
