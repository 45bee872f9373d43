/*
 * cpu.h - i386 guest CPU state (CPUX86State) as seen by the translator, the helpers and
 * linux-user, plus the lazy condition-code scheme (cc_op) and exception numbers.
 *
 * Lazy flags: arithmetic flags (CF PF AF ZF SF OF) are not computed when an instruction runs;
 * the instruction records its kind in cc_op and its operands/result in cc_dst/cc_src/cc_src2.
 * Flags are computed only when read (jcc, setcc, pushf, adc, ...). cc_op == CC_OP_EFLAGS means
 * cc_src holds the flags themselves. DF lives in df (+1/-1); all other EFLAGS bits in eflags.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include <setjmp.h>
#include "loongbt-common.h"
#include "softfloat.h"

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, R_NONE_SEG = -1 };

/* EFLAGS bits */
#define CC_C    0x0001
#define CC_P    0x0004
#define CC_A    0x0010
#define CC_Z    0x0040
#define CC_S    0x0080
#define CC_O    0x0800
#define TF_MASK 0x0100
#define IF_MASK 0x0200
#define DF_MASK 0x0400
#define IOPL_MASK 0x3000
#define NT_MASK 0x4000
#define RF_MASK 0x10000
#define VM_MASK 0x20000
#define AC_MASK 0x40000
#define VIF_MASK 0x80000
#define VIP_MASK 0x100000
#define ID_MASK 0x200000
#define CC_ALL (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O)

/* cc_op values: B/W/L = 8/16/32-bit operand size, in that order (code relies on it). */
enum {
    CC_OP_DYNAMIC,   /* translation time only: must read env->cc_op */
    CC_OP_EFLAGS,    /* cc_src = all flags */
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL,   /* cc_dst = low result, cc_src = high part != 0 test value */
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL,   /* cc_dst = result, cc_src = src2 */
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL,   /* cc_dst = result, cc_src = src2, cc_src2 = carry in */
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL,   /* cc_dst = result, cc_src = src2 */
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL,   /* cc_dst = result, cc_src = src2, cc_src2 = borrow in */
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, /* cc_dst = result */
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL,   /* cc_dst = result, cc_src = old CF */
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL,   /* cc_dst = result, cc_src = old CF */
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL,   /* cc_dst = result, cc_src = value shifted by count-1 */
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL,   /* cc_dst = result, cc_src = value shifted by count-1 */
    CC_OP_SHRB, CC_OP_SHRW, CC_OP_SHRL,   /* cc_dst = result, cc_src = value >> (count-1),
                                             cc_src2 = original value (for OF) */
    CC_OP_CLR,       /* Z and P set, all others clear (xor r,r) */
    CC_OP_NB,
};

/*
 * The cc_op contract in full (implemented by helper_cc_compute_all in cc_helper.c).
 * "size" is 8/16/32 from the B/W/L suffix; only the low "size" bits of cc_dst/cc_src/cc_src2
 * matter (the helper truncates itself, translate.c may leave junk above), EXCEPT MUL's cc_src
 * (tested as a whole 32-bit value) and the 0/1 carry/CF values (bit 0 only).
 * ZF/SF/PF always come from the size-truncated cc_dst (PF: even parity of its low byte) except
 * for EFLAGS, CLR and MUL (see there). "src1" is the first operand (the destination register's
 * old value), "src2" the second.
 *
 *   EFLAGS   cc_src = the flags themselves (only CC_ALL bits are used).
 *   MUL*     cc_dst = low half of the product (AL / AX / EAX), cc_src = nonzero iff the result
 *            did not fit: mul: high half; imul: high half - sign-extension of the low half
 *            (or (full product != sign-extended low) for the 2/3-operand forms).
 *            CF = OF = (cc_src != 0), all 32 bits (so imul8 may store product - ext8s(product),
 *            whose low 8 bits are always 0). The SDM leaves SF ZF AF PF undefined; loongbt does what
 *            modern Intel cores (measured on a Xeon) do: SF = MSB(cc_dst), PF = parity(cc_dst),
 *            ZF = 0 and AF = 0 always.
 *   ADD*     cc_dst = result, cc_src = src2 (src1 = dst - src2).
 *   ADC*     cc_dst = result, cc_src = src2, cc_src2 = carry in (0/1) (src1 = dst - src2 - cin).
 *   SUB*     cc_dst = result, cc_src = src2 (src1 = dst + src2). CMP and NEG use it too
 *            (neg x: dst = -x, src = x, i.e. 0 - x; CF = (x != 0)).
 *   SBB*     cc_dst = result, cc_src = src2, cc_src2 = borrow in (0/1) (src1 = dst + src2 + bin).
 *   LOGIC*   cc_dst = result; CF = OF = AF = 0 (AF is undefined on the CPU; 0 is what Intel does).
 *   INC*, DEC* cc_dst = result, cc_src = CF before the instruction (0/1, preserved);
 *            AF/OF as for an add/sub of 1.
 *   SHL*     cc_dst = result, cc_src = value << (count-1) (count = masked count, >= 1; a zero
 *            count must not touch the flags: translate.c keeps the old cc_op then).
 *            CF = MSB(cc_src), OF = MSB(cc_dst) ^ CF, AF = 0. OF is exact for count 1 only; for
 *            count > 1 Intel reports OF from the top two bits of the ORIGINAL operand, so
 *            translate.c now encodes shl (and shld/shrd) with CC_OP_SHR instead (below).
 *   SAR*     cc_dst = result, cc_src = value >> (count-1) (arithmetic, of the operand
 *            sign-extended from size: bit size-1 of cc_src must be the sign). CF = cc_src & 1, AF = 0,
 *            OF = MSB(cc_src ^ cc_dst), which is 0 for every sar (the SDM: OF = 0 for count 1;
 *            Intel also gives 0 for larger counts). The same formula makes SHR encoded the old
 *            way (CC_OP_SAR with a logically shifted cc_src) exact for count 1, but prefer:
 *   SHR*     cc_dst = result, cc_src = value >> (count-1) (logical, value zero-extended from
 *            size), cc_src2 = the original operand. CF = cc_src & 1, AF = 0,
 *            OF = MSB(cc_src2): exact for count 1 (SDM) and what Intel does for every count.
 *            shl, shld and shrd use the same encoding with cc_src = CF (0/1) and cc_src2 = a
 *            value whose MSB is this CPU's OF (shl/shld: MSB(v) ^ next bit of v; shrd:
 *            MSB(dst) ^ bit 0 of src), exact for every count.
 *   CLR      (xor r,r / sub r,r) ZF = PF = 1, all else 0; the cc_* values are ignored.
 *
 * Rotates (rol/ror) are not a cc_op: translate.c computes CF/OF itself and stores the flags
 * with CC_OP_EFLAGS. rcl/rcr helpers read the lazy flags and leave cc_op = CC_OP_EFLAGS.
 */

/* EFLAGS bits a user-mode popf (helper_write_eflags) may change besides CC_ALL and DF; IF,
 * IOPL, VM, VIF, VIP stay as they are (a user-mode popf silently ignores them). RF is not
 * listed: popf leaves it clear. */
#define EFLAGS_USER_WRITABLE (TF_MASK | NT_MASK | AC_MASK | ID_MASK)

/* env->hflags bits (part of a TB's identity). HF_TF: EFLAGS.TF is set; such TBs hold one
 * instruction and end with a debug trap (SIGTRAP TRAP_TRACE) after it. Kept equal to TF_MASK
 * and maintained by cpu_load_eflags. */
#define HF_TF_MASK TF_MASK

/* Operations of helper_lock_rmw (int_helper.c): the new memory value from the old one. */
enum { LOCK_RMW_ADD, LOCK_RMW_OR, LOCK_RMW_AND, LOCK_RMW_XOR, LOCK_RMW_SUB, LOCK_RMW_XCHG,
       LOCK_RMW_NEG };

/*
 * CPUID as seen by the guest (helper_cpuid in int_helper.c): a plain i686-class
 * "GenuineIntel" family 6 model 15. Feature bits are advertised only for what the translator
 * implements; the x87/MMX/SSE work adds its bits to LOONGBT_CPUID_1_EDX/ECX.
 */
#define CPUID_VENDOR_EBX 0x756e6547  /* "Genu" */
#define CPUID_VENDOR_EDX 0x49656e69  /* "ineI" */
#define CPUID_VENDOR_ECX 0x6c65746e  /* "ntel" */
#define CPUID_MAX_BASIC_LEAF 1
#define CPUID_1_EAX_SIGNATURE 0x000006f6   /* family 6, model 15, stepping 6 */
#define CPUID_1_EBX ((1u << 16) | (8u << 8)) /* 1 logical processor, clflush 8*8 = 64 bytes */

#define CPUID_EDX_FPU   (1u << 0)
#define CPUID_EDX_TSC   (1u << 4)
#define CPUID_EDX_CX8   (1u << 8)
#define CPUID_EDX_CMOV  (1u << 15)
#define CPUID_EDX_CLFSH (1u << 19)
#define CPUID_EDX_MMX   (1u << 23)
#define CPUID_EDX_FXSR  (1u << 24)
#define CPUID_EDX_SSE   (1u << 25)
#define CPUID_EDX_SSE2  (1u << 26)
#define CPUID_ECX_SSE3  (1u << 0)
#define CPUID_ECX_SSSE3 (1u << 9)

#define LOONGBT_CPUID_1_EDX (CPUID_EDX_FPU | CPUID_EDX_TSC | CPUID_EDX_CX8 | CPUID_EDX_CMOV | \
                             CPUID_EDX_MMX | CPUID_EDX_FXSR | CPUID_EDX_SSE | CPUID_EDX_SSE2)
#define LOONGBT_CPUID_1_ECX (CPUID_ECX_SSE3 | CPUID_ECX_SSSE3 | LOONGBT_CPUID_1_ECX_INT)

/* Integer extensions (issue 3). Advertised: MOVBE and POPCNT (leaf 1 ECX), LZCNT (ABM, leaf
 * 0x80000001 ECX). Not advertised, so they run as on a CPU without them: BMI1 (f3 0f bc is bsf),
 * SSE4.2 (crc32 is #UD). Extended leaves go up to the brand string (0x80000002-4). */
#define CPUID_ECX_MOVBE  (1u << 22)
#define CPUID_ECX_POPCNT (1u << 23)
#define CPUID_8000_0001_ECX_ABM (1u << 5)
#define LOONGBT_CPUID_1_ECX_INT (CPUID_ECX_MOVBE | CPUID_ECX_POPCNT)
#define LOONGBT_CPUID_8000_0001_ECX CPUID_8000_0001_ECX_ABM
#define CPUID_MAX_EXT_LEAF 0x80000004u
#define CPUID_BRAND_STRING "loongbt i386 virtual CPU"   /* up to 47 characters */

/* The AMD model (cpu-model.h): the same features as "AuthenticAMD" family 0x14 (Bobcat: SSSE3,
 * POPCNT, ABM and no SSE4.1, the AMD core closest to what loongbt implements) in AMD's leaf
 * layout as measured on the EPYC: leaf 0x80000000 repeats the vendor; 0x80000001 repeats the
 * signature and the leaf-1 EDX bits AMD mirrors there, plus MmxExt (the SSE integer
 * instructions on MMX registers, part of loongbt's SSE); leaves above the maximum basic or
 * extended leaf read as 0. The brand string is the same. */
#define CPUID_AMD_VENDOR_EBX 0x68747541  /* "Auth" */
#define CPUID_AMD_VENDOR_EDX 0x69746e65  /* "enti" */
#define CPUID_AMD_VENDOR_ECX 0x444d4163  /* "cAMD" */
#define CPUID_AMD_1_EAX_SIGNATURE 0x00500f20   /* family 0xf + 0x5 = 0x14, model 2, stepping 0 */
#define CPUID_AMD_MIRRORED_EDX 0x0183f3ff      /* leaf-1 EDX bits 0-9, 12-17, 23, 24 */
#define CPUID_8000_0001_EDX_MMXEXT (1u << 22)
#define LOONGBT_CPUID_AMD_8000_0001_EDX \
    ((LOONGBT_CPUID_1_EDX & CPUID_AMD_MIRRORED_EDX) | CPUID_8000_0001_EDX_MMXEXT)

/* Exceptions raised by translated code / helpers (vector numbers as on the CPU), and
 * loongbt-internal exits to the main loop. */
#define EXCP00_DIVZ   0
#define EXCP01_DB     1   /* error_code 0: single step (TF); EXCP01_ICEBP: int1 (f1) */
#define EXCP01_ICEBP  1   /* error_code of EXCP01_DB raised by int1: Linux reports TRAP_BRKPT */
#define EXCP03_INT3   3
#define EXCP04_INTO   4
#define EXCP05_BOUND  5
#define EXCP06_ILLOP  6
#define EXCP0B_NOSEG  11      /* segment not present (segment register load) */
#define EXCP0C_STACK  12      /* stack segment fault (SS load of a not-present segment) */
#define EXCP0D_GPF    13
#define EXCP0E_PAGE   14
#define EXCP10_COPR   16
#define EXCP13_XM     19      /* SIMD floating-point exception (unmasked MXCSR flag) */
#define EXCP_SYSCALL  0x100   /* int $0x80: eip already points after the instruction */
#define EXCP_INTERRUPT 0x101  /* asynchronous exit request (signal pending) */
#define EXCP_HLT      0x102

typedef struct SegmentCache {
    uint32_t selector;
    uint32_t base;
    uint32_t limit;
    uint32_t flags;
} SegmentCache;

#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1 << TB_JMP_CACHE_BITS)

struct TranslationBlock;

/* SSE and MMX registers, viewed as lanes (little-endian lane order on every host). */
typedef union XMMReg {
    uint8_t b[16]; uint16_t w[8]; uint32_t l[4]; uint64_t q[2];
    int8_t sb[16]; int16_t sw[8]; int32_t sl[4]; int64_t sq[2];
    float32 s[4]; float64 d[2];
} XMMReg;
typedef union MMXReg {
    uint8_t b[8]; uint16_t w[4]; uint32_t l[2]; uint64_t q;
    int8_t sb[8]; int16_t sw[4]; int32_t sl[2]; int64_t sq;
    float32 s[2];
} MMXReg;

typedef struct CPUX86State {
    /* ---- state read and written by translated code (keep at the front: short offsets) ---- */
    uint32_t regs[8];
    uint32_t eip;
    uint32_t eflags;          /* everything except CC_ALL and DF */
    uint32_t cc_dst, cc_src, cc_src2;
    uint32_t cc_op;
    int32_t df;               /* 1 or -1 */
    uint32_t hflags;          /* translation-time flags: HF_* below */
    SegmentCache segs[6];

    /* ---- x87 / MMX / SSE: filled in by the instruction-set issue ---- */
    /* x87: physical registers fpregs[0..7]; ST(i) = fpregs[(fpstt + i) & 7]. MMX register i
     * aliases fpregs[i].mant (an MMX write sets that register's sexp to 0xffff, TOP to 0 and
     * every tag to valid, as on the CPU). */
    floatx80 fpregs[8];
    uint32_t fpstt;           /* TOP of the register stack (0..7) */
    uint16_t fpus;            /* status word, with TOP kept in fpstt (bits 11-13 read as 0 here) */
    uint16_t fpuc;            /* control word: masks, PC (bits 8-9), RC (bits 10-11) */
    uint8_t fptags[8];        /* 1 = empty, per physical register (the full tag word is derived) */
    uint16_t fpop;            /* last x87 opcode (11 bits) */
    uint32_t fpip, fpdp;      /* last x87 instruction and data pointers (fnstenv/fsave) */
    float_status fp_status;   /* rounding/precision from fpuc, sticky flags merged into fpus */
    /* C1 after an inexact add/sub/mul/div/sqrt ("rounded up") is computed only when the status
     * word is read: the operation and operands are kept here (fpu_helper.c, fpu_binop). */
    void *fp_c1_fn;           /* NULL: C1 in fpus is current */
    floatx80 fp_c1_a, fp_c1_b, fp_c1_r;
    float_status fp_c1_status;

    /* SSE: xmm0-7 and MXCSR (RC, FZ, DAZ, masks, flags); sse_status mirrors MXCSR. */
    XMMReg xmm_regs[8] __attribute__((aligned(16)));
    XMMReg xmm_t0;            /* scratch operand for translated code (memory source loaded here) */
    MMXReg mmx_t0;            /* scratch MMX operand */
    uint32_t mxcsr;
    float_status sse_status;

    /* ---- exceptions ---- */
    int exception_index;      /* EXCP* that ended cpu_exec */
    int error_code;
    uint32_t exception_addr;  /* faulting guest data address (si_addr) */
    int exception_is_write;

    /* ---- not guest-visible ---- */
    sigjmp_buf jmp_env;       /* cpu_loop_exit() lands in cpu_exec */
    struct TranslationBlock *tb_jmp_cache[TB_JMP_CACHE_SIZE];  /* per-CPU lookup cache by pc */
    int exit_request;         /* set from signal handlers: leave at the next block boundary */
    int singlestep;           /* -one-insn-per-tb */
    void *opaque;             /* linux-user TaskState */
} CPUX86State;

/* Flags: full EFLAGS value from the lazy state, and loading an EFLAGS value back (update_mask
 * says which non-arithmetic bits may change). Implemented in cc_helper.c. */
uint32_t cpu_compute_eflags(CPUX86State *env);
void cpu_load_eflags(CPUX86State *env, uint32_t eflags, uint32_t update_mask);
/* Set up a flat user-mode CPU: segments, eflags, cc_op; zero registers. */
void cpu_x86_init_user(CPUX86State *env);
/* Load a segment register in user mode (selector from the LDT/GDT managed by linux-user). */
void cpu_x86_load_seg(CPUX86State *env, int seg, uint32_t selector);
/* Print registers for -d cpu. */
void cpu_dump_state(CPUX86State *env, FILE *f);
/* Same load as cpu_x86_load_seg with the CPU's checks: returns 0, or the exception the load
 * raises (EXCP0D_GPF, EXCP0B_NOSEG, EXCP0C_STACK; error code selector & ~3) with the state
 * untouched. cpu_x86_load_seg itself never raises: on a bad selector it loads base 0 / limit 0
 * and logs under -d int (it runs outside cpu_exec, e.g. sigreturn). */
int cpu_x86_try_load_seg(CPUX86State *env, int seg, uint32_t selector);
/* "ADDL", "EFLAGS", ... for dumps; "?" for an out-of-range value. */
const char *cc_op_name(uint32_t cc_op);

/* Leave translated code / a helper and return to cpu_exec with env->exception_index set. */
void QEMU_NORETURN cpu_loop_exit(CPUX86State *env);
void QEMU_NORETURN raise_exception(CPUX86State *env, int excp);
void QEMU_NORETURN raise_exception_err(CPUX86State *env, int excp, int error_code);

/* Segment descriptor lookup for user mode: linux-user owns the GDT/LDT (set_thread_area,
 * modify_ldt) and answers base/limit for a non-null selector loaded into segment register seg,
 * or the exception the CPU raises (as cpu_x86_try_load_seg). */
int linux_user_load_segment(uint32_t selector, int seg, uint32_t *base, uint32_t *limit);


/* ---- x87 (fpu_helper.c, translate-x87.c.inc) ---- */

/* Status word bits (fpus; TOP lives in fpstt and is merged in by fnstsw/fnstenv/...). */
#define FPUS_IE 0x0001
#define FPUS_DE 0x0002
#define FPUS_ZE 0x0004
#define FPUS_OE 0x0008
#define FPUS_UE 0x0010
#define FPUS_PE 0x0020
#define FPUS_SF 0x0040      /* stack fault (with IE; C1 = 1 overflow, 0 underflow) */
#define FPUS_ES 0x0080      /* an unmasked exception is pending: the next waiting insn raises #MF */
#define FPUS_C0 0x0100
#define FPUS_C1 0x0200
#define FPUS_C2 0x0400
#define FPUS_C3 0x4000
#define FPUS_B  0x8000      /* busy: mirrors ES */
#define FPUC_DEFAULT 0x037f /* finit: all exceptions masked, 64-bit precision, round to nearest */

/* Two-operand arithmetic, in ModRM.reg order of D8/DC/DE (the translator indexes this list
 * with reg directly; UCOM/UCOMP are the fucom forms of DD/DA). dst = dst op src, SUBR/DIVR
 * compute src op dst. */
#define X87_ARITH_OPS(X) X(ADD) X(MUL) X(COM) X(COMP) X(SUB) X(SUBR) X(DIV) X(DIVR) \
    X(UCOM) X(UCOMP)
enum {
#define X(name) X87_##name,
    X87_ARITH_OPS(X)
#undef X
};

/* Operations without an explicit operand, run by helper_x87_op (one C function each in
 * fpu_helper.c): name, function suffix, and whether the instruction is a "waiting" one (checks
 * for a pending unmasked exception first; the FN* forms do not). */
#define X87_NOARG_OPS(X) \
    X(FCHS, fchs, 1)       X(FABS, fabs, 1)       X(FTST, ftst, 1)       X(FXAM, fxam, 1) \
    X(FLD1, fld1, 1)       X(FLDL2T, fldl2t, 1)   X(FLDL2E, fldl2e, 1)   X(FLDPI, fldpi, 1) \
    X(FLDLG2, fldlg2, 1)   X(FLDLN2, fldln2, 1)   X(FLDZ, fldz, 1)       X(FNOP, fnop, 1) \
    X(F2XM1, f2xm1, 1)     X(FYL2X, fyl2x, 1)     X(FPTAN, fptan, 1)     X(FPATAN, fpatan, 1) \
    X(FXTRACT, fxtract, 1) X(FPREM1, fprem1, 1)   X(FDECSTP, fdecstp, 1) X(FINCSTP, fincstp, 1) \
    X(FPREM, fprem, 1)     X(FYL2XP1, fyl2xp1, 1) X(FSQRT, fsqrt, 1)     X(FSINCOS, fsincos, 1) \
    X(FRNDINT, frndint, 1) X(FSCALE, fscale, 1)   X(FSIN, fsin, 1)       X(FCOS, fcos, 1) \
    X(FCOMPP, fcompp, 1)   X(FUCOMPP, fucompp, 1) X(FNCLEX, fnclex, 0)   X(FNINIT, fninit, 0) \
    X(FWAIT, fwait, 1)
enum {
#define X(name, fn, waits) X87_OP_##name,
    X87_NOARG_OPS(X)
#undef X
    X87_OP_COUNT
};

/* Reset the x87 state as FNINIT does (cpu_x86_init_user calls it at start-up). */
void cpu_x86_fpu_init(CPUX86State *env);
/* FPU images in host memory, for signal frames (the i386 kernel's _fpstate starts with the
 * 108-byte FNSAVE image; its FXSAVE part is 512 bytes, 16-byte aligned in the guest):
 * 32-bit protected-mode FNSAVE layout without the re-initialisation, and FXSAVE/FXRSTOR
 * (cpu_x86_fxrstor returns false, changing nothing, for an MXCSR with reserved bits set). */
void cpu_x86_fsave(CPUX86State *env, uint8_t *p);
void cpu_x86_frstor(CPUX86State *env, const uint8_t *p);
void cpu_x86_fxsave(CPUX86State *env, uint8_t *p);
bool cpu_x86_fxrstor(CPUX86State *env, const uint8_t *p);

/* SSE: load MXCSR (reserved bits dropped) and the sse_status fields derived from it: rounding,
 * FTZ, DAZ, SSE NaN rule (sse_helper.c). The power-on value is MXCSR_DEFAULT. */
#define MXCSR_DEFAULT 0x1f80
void cpu_set_mxcsr(CPUX86State *env, uint32_t mxcsr);

#endif
