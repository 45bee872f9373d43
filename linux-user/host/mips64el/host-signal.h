/*
 * host-signal.h (MIPS64 host) - the host pc of a fault and whether it was a write.
 * The kernel does not report the access type, so the faulting instruction is decoded: every
 * MIPS64 store (sb/sh/sw/sd, swl/swr/sdl/sdr, sc/scd, the FPU and COP2 stores and the COP1X
 * indexed ones) counts as a write. A fault in a branch delay slot reports the branch's pc, so
 * then the instruction after it is the one looked at.
 */
#ifndef LINUX_USER_HOST_SIGNAL_H
#define LINUX_USER_HOST_SIGNAL_H

#include <signal.h>
#include <ucontext.h>

/* MIPS Linux has no SIGSTKFLT: the guest's 16 has no host signal (target_signal.h). */
#define HOST_SIGSTKFLT 0

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return (uintptr_t)uc->uc_mcontext.pc;
}

static inline bool mips_insn_is_store(uint32_t insn)
{
    uint32_t op = insn >> 26, funct = insn & 0x3f;

    switch (op) {
    case 0x28: case 0x29: case 0x2a: case 0x2b:       /* sb, sh, swl, sw */
    case 0x2c: case 0x2d: case 0x2e: case 0x3f:       /* sdl, sdr, swr, sd */
    case 0x38: case 0x3c:                             /* sc, scd */
    case 0x39: case 0x3a: case 0x3d: case 0x3e:       /* swc1, swc2, sdc1, sdc2 */
        return true;
    case 0x13:                                        /* COP1X: swxc1, sdxc1, suxc1 */
        return funct == 0x08 || funct == 0x09 || funct == 0x0d;
    default:
        return false;
    }
}

/* Branches and jumps, whose delay slot holds the instruction that faulted. */
static inline bool mips_insn_has_delay_slot(uint32_t insn)
{
    uint32_t op = insn >> 26, funct = insn & 0x3f;

    if (op == 0x00) {
        return funct == 0x08 || funct == 0x09;        /* jr, jalr */
    }
    return (op >= 0x01 && op <= 0x07) || (op >= 0x14 && op <= 0x17) ||
           op == 0x11;                                /* regimm, j, jal, b*, b*l, bc1* */
}

static inline bool host_signal_write(const siginfo_t *info, const ucontext_t *uc)
{
    const uint32_t *pc = (const uint32_t *)host_signal_pc(uc);

    (void)info;
    return mips_insn_is_store(mips_insn_has_delay_slot(pc[0]) ? pc[1] : pc[0]);
}

#endif
