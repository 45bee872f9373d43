/*
 * x87-fip.c - guest test: the last-instruction block of fxsave (FOP, FIP, FCS, FDP, FDS) with
 * no exception flagged, with a masked one, and with an unmasked one pending (FSW.ES), which
 * CPU models differ on: AMD stores zeros unless ES is set, Intel always stores the values.
 * FIP and FDP are printed relative to known addresses; the selectors (which depend on the
 * kernel, 0x23/0x2b on x86_64, 0x73/0x7b on i386) only as zero / nonzero. Expected output =
 * the native run.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static double operand = 1.5;
static uint8_t fx[512] __attribute__((aligned(16)));

static void show(const char *name, uint32_t insn)
{
    uint16_t fop, fcs, fds;
    uint32_t fip, fdp;
    memcpy(&fop, fx + 6, 2);
    memcpy(&fip, fx + 8, 4);
    memcpy(&fcs, fx + 12, 2);
    memcpy(&fdp, fx + 16, 4);
    memcpy(&fds, fx + 20, 2);
    printf("%-26s fsw=%04x fop=%03x fip=%s fcs=%s fdp=%s fds=%s\n", name,
           (fx[2] | fx[3] << 8) & ~0x3800, fop, fip == 0 ? "0" : fip == insn ? "insn" : "other",
           fcs ? "set" : "0", fdp == 0 ? "0" : fdp == (uint32_t)(uintptr_t)&operand ? "operand" : "other",
           fds ? "set" : "0");
}

int main(void)
{
    uint32_t insn;
    uint16_t cw_masked = 0x037f, cw_unmasked = 0x037b;   /* ZM clear: #Z stays pending */

    __asm__ volatile("fninit; fld1; 1: faddl %2; fxsave %1; fninit; movl $1b, %0"
                     : "=r"(insn), "=m"(fx) : "m"(operand));
    show("faddl m64, nothing", insn);
    __asm__ volatile("fninit; fldcw %2; fldz; fld1; 1: fdivp; fxsave %1; fninit; movl $1b, %0"
                     : "=r"(insn), "=m"(fx) : "m"(cw_masked));
    show("fdivp 1/0 masked", insn);
    __asm__ volatile("fninit; fldcw %2; fldz; fld1; 1: fdivp; fxsave %1; fninit; movl $1b, %0"
                     : "=r"(insn), "=m"(fx) : "m"(cw_unmasked));
    show("fdivp 1/0 pending", insn);
    __asm__ volatile("fninit; fldcw %3; fldz; 1: fdivrl %2; fxsave %1; fninit; movl $1b, %0"
                     : "=r"(insn), "=m"(fx) : "m"(operand), "m"(cw_unmasked));
    show("fdivrl m64/0 pending", insn);
    __asm__ volatile("fninit; fxsave %0" : "=m"(fx));
    show("after fninit", 0);
    return 0;
}
