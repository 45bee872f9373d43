/*
 * host-signal.h (LoongArch64 host) - the host pc of a fault and whether it was a write.
 * The kernel does not report the access type, so the faulting instruction is decoded: every
 * LoongArch store (st/stx/stptr/fst/fstx/vst/xvst, sc, the AM* atomics, stgt/stle) counts as
 * a write. Encodings checked against llvm-mc.
 */
#ifndef LINUX_USER_HOST_SIGNAL_H
#define LINUX_USER_HOST_SIGNAL_H

#include <signal.h>
#include <ucontext.h>

/* Signals the generic code cannot take from <signal.h> on every host (target_signal.h). */
#define HOST_SIGSTKFLT SIGSTKFLT

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return (uintptr_t)uc->uc_mcontext.__pc;
}

static inline bool loongarch_insn_is_store(uint32_t insn)
{
    uint32_t op10 = insn >> 22, op8 = insn >> 24, op17 = insn >> 15;
    if ((op10 >= 0x0a4 && op10 <= 0x0a7) ||          /* st.b/h/w/d */
        op10 == 0x0ad || op10 == 0x0af ||             /* fst.s/d */
        op10 == 0x0b1 || op10 == 0x0b3)               /* vst, xvst */
        return true;
    if (op8 == 0x21 || op8 == 0x23 || op8 == 0x25 || op8 == 0x27)   /* sc.w/d, stptr.w/d */
        return true;
    switch (op17) {
    case 0x7020: case 0x7028: case 0x7030: case 0x7038:   /* stx.b/h/w/d */
    case 0x7070: case 0x7078:                             /* fstx.s/d */
    case 0x7088: case 0x7098:                             /* vstx, xvstx */
        return true;
    default:
        break;
    }
    return (op17 >= 0x70c0 && op17 <= 0x70e3) ||       /* am{swap,add,and,or,xor,max,min}[_db] */
           (op17 >= 0x70f8 && op17 <= 0x70ff);         /* stgt/stle */
}

static inline bool host_signal_write(const siginfo_t *info, const ucontext_t *uc)
{
    (void)info;
    return loongarch_insn_is_store(*(const uint32_t *)host_signal_pc(uc));
}

#endif
