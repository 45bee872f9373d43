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
    CC_OP_CLR,       /* Z and P set, all others clear (xor r,r) */
    CC_OP_NB,
};

/* Exceptions raised by translated code / helpers (vector numbers as on the CPU), and
 * loongbt-internal exits to the main loop. */
#define EXCP00_DIVZ   0
#define EXCP01_DB     1
#define EXCP03_INT3   3
#define EXCP04_INTO   4
#define EXCP05_BOUND  5
#define EXCP06_ILLOP  6
#define EXCP0D_GPF    13
#define EXCP0E_PAGE   14
#define EXCP10_COPR   16
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

typedef struct CPUX86State {
    /* ---- state read and written by translated code (keep at the front: short offsets) ---- */
    uint32_t regs[8];
    uint32_t eip;
    uint32_t eflags;          /* everything except CC_ALL and DF */
    uint32_t cc_dst, cc_src, cc_src2;
    uint32_t cc_op;
    int32_t df;               /* 1 or -1 */
    uint32_t hflags;          /* translation-time flags (none needed in flat 32-bit user mode yet) */
    SegmentCache segs[6];

    /* ---- x87 / MMX / SSE: filled in by the instruction-set issue ---- */
    uint8_t fpu_reserved[1024] __attribute__((aligned(16)));

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

/* Leave translated code / a helper and return to cpu_exec with env->exception_index set. */
void QEMU_NORETURN cpu_loop_exit(CPUX86State *env);
void QEMU_NORETURN raise_exception(CPUX86State *env, int excp);
void QEMU_NORETURN raise_exception_err(CPUX86State *env, int excp, int error_code);

/* Segment descriptor lookup for user mode: linux-user owns the GDT/LDT (set_thread_area,
 * modify_ldt) and answers base/limit for a selector; returns false for an invalid selector. */
bool linux_user_lookup_segment(uint32_t selector, uint32_t *base, uint32_t *limit);

#endif
