/*
 * sse-mxcsr.c - guest test: the MXCSR bits this CPU accepts (fxsave's MXCSR_MASK; AMD has
 * bit 17, MM, besides DAZ) through ldmxcsr/stmxcsr, whether a reserved bit faults, and
 * whether MM changes the #GP of misaligned 16-byte SSE operands. Expected output = the
 * native run.
 */
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
static sigjmp_buf jb;
static void h(int s){ siglongjmp(jb, s); }
int main(void)
{
    signal(SIGSEGV,h); signal(SIGBUS,h);
    unsigned m=0x21f80, r=0;
    if (!sigsetjmp(jb,1)) { __asm__ volatile("ldmxcsr %1; stmxcsr %0":"=m"(r):"m"(m)); printf("ldmxcsr 0x21f80 -> %x\n", r);} else printf("ldmxcsr 0x21f80 faults\n");
    static char buf[64] __attribute__((aligned(16)));
    memset(buf, 7, 64);
    int s;
    if (!(s=sigsetjmp(jb,1))) { __asm__ volatile("movaps 1(%0), %%xmm0"::"r"(buf)); printf("movaps misaligned ok (MM=1)\n"); } else printf("movaps misaligned sig %d\n", s);
    if (!(s=sigsetjmp(jb,1))) { __asm__ volatile("addps 1(%0), %%xmm0"::"r"(buf)); printf("addps misaligned ok (MM=1)\n"); } else printf("addps misaligned sig %d\n", s);
    m=0x1f80; __asm__ volatile("ldmxcsr %0"::"m"(m));
    if (!(s=sigsetjmp(jb,1))) { __asm__ volatile("movaps 1(%0), %%xmm0"::"r"(buf)); printf("movaps misaligned ok (MM=0)\n"); } else printf("movaps misaligned sig %d\n", s);
    m=0x1fc0; __asm__ volatile("ldmxcsr %1; stmxcsr %0":"=m"(r):"m"(m)); printf("daz -> %x\n", r);
    static const unsigned bits[] = { 0x10000, 0x20000, 0x40000, 0x80000000 };
    for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
        m = 0x1f80 | bits[i];
        if (!(s = sigsetjmp(jb, 1))) {
            __asm__ volatile("ldmxcsr %1; stmxcsr %0" : "=m"(r) : "m"(m));
            printf("ldmxcsr %x -> %x\n", m, r);
        } else {
            printf("ldmxcsr %x: signal %d\n", m, s);
        }
    }
    unsigned char fx[512] __attribute__((aligned(16)));
    __asm__ volatile("fxsave %0":"=m"(fx)); printf("mask %02x%02x%02x%02x\n", fx[31],fx[30],fx[29],fx[28]);
    return 0;
}
