/*
 * lu-fpsignal.c - FPU and SSE state across signal handlers, as the i386 kernel handles it: the
 * interrupted code's x87 stack, control/status words, XMM registers and MXCSR are saved in the
 * frame (struct _fpstate: fsave header, magic, fxsave image) and restored by sigreturn; the
 * handler starts from the init state (finit, MXCSR 0x1f80, XMM zeroed); a handler that edits the
 * saved image changes what the interrupted code gets back. Checked for SA_SIGINFO (rt frame)
 * and plain (sigframe) handlers, for a signal raised by a syscall and for timer signals that
 * arrive while a loop keeps values in registers. Output is compared with the native run.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

/* Register state handed to / taken back from run_interrupted; offsets used by the asm below. */
struct fpregs_image {
    uint8_t xmm[8][16];        /* 0 */
    double x87[3];             /* 128: st0, st1, st2 */
    uint32_t cw;               /* 152 */
    uint32_t mxcsr;            /* 156 */
    uint32_t sw;               /* 160 */
};

/* run_interrupted(in, out, pid, sig): load in's state, kill(pid, sig) with int $0x80 (the
 * handler runs at that point), then store the registers into out. */
void run_interrupted(const struct fpregs_image *in, struct fpregs_image *out, int pid, int sig);
__asm__(".text\n"
        ".globl run_interrupted\n"
        "run_interrupted:\n"
        "  push %ebx\n  push %esi\n  push %edi\n"
        "  mov 16(%esp), %esi\n  mov 20(%esp), %edi\n"
        "  fninit\n  fldcw 152(%esi)\n"
        "  fldl 144(%esi)\n  fldl 136(%esi)\n  fldl 128(%esi)\n"
        "  ldmxcsr 156(%esi)\n"
        "  movups 0(%esi), %xmm0\n  movups 16(%esi), %xmm1\n  movups 32(%esi), %xmm2\n"
        "  movups 48(%esi), %xmm3\n  movups 64(%esi), %xmm4\n  movups 80(%esi), %xmm5\n"
        "  movups 96(%esi), %xmm6\n  movups 112(%esi), %xmm7\n"
        "  mov $37, %eax\n  mov 24(%esp), %ebx\n  mov 28(%esp), %ecx\n  int $0x80\n"
        "  movups %xmm0, 0(%edi)\n  movups %xmm1, 16(%edi)\n  movups %xmm2, 32(%edi)\n"
        "  movups %xmm3, 48(%edi)\n  movups %xmm4, 64(%edi)\n  movups %xmm5, 80(%edi)\n"
        "  movups %xmm6, 96(%edi)\n  movups %xmm7, 112(%edi)\n"
        "  stmxcsr 156(%edi)\n"
        "  xor %eax, %eax\n  fnstsw %ax\n  mov %eax, 160(%edi)\n"
        "  fnstcw 152(%edi)\n  movzwl 152(%edi), %eax\n  mov %eax, 152(%edi)\n"
        "  fstpl 128(%edi)\n  fstpl 136(%edi)\n  fstpl 144(%edi)\n"
        "  ldmxcsr mxcsr_default\n  fninit\n"
        "  pop %edi\n  pop %esi\n  pop %ebx\n  ret\n");

uint32_t mxcsr_default = 0x1f80;

/* What a handler saw at entry, and what it does to the registers before returning. */
static volatile int edit_frame;
static struct {
    uint32_t cw, mxcsr, tag, xmm_nonzero, magic, saved_mxcsr, saved_cw;
    long double saved_st0;
    int has_fpstate;
} seen;

/* Leave every register different from what the interrupted code had. */
static void clobber_all(void)
{
    static const uint16_t cw = 0x0c7f;       /* round to zero, single precision */
    static const uint32_t mx = 0x7f80 | 0x3f; /* round down, all flags set */
    static const uint8_t ones[16] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    __asm__ volatile("fninit\n fldcw %0\n fldpi\n fld1\n fldz\n fldl2e\n fldln2\n fldlg2\n fldpi\n fld1\n"
                     : : "m"(cw));
    __asm__ volatile("movups %0, %%xmm0\n movaps %%xmm0, %%xmm1\n movaps %%xmm0, %%xmm2\n"
                     "movaps %%xmm0, %%xmm3\n movaps %%xmm0, %%xmm4\n movaps %%xmm0, %%xmm5\n"
                     "movaps %%xmm0, %%xmm6\n movaps %%xmm0, %%xmm7\n ldmxcsr %1\n"
                     : : "m"(ones), "m"(mx));
}

static void record_entry_state(void)
{
    uint16_t cw;
    uint32_t mx, env[7];
    uint8_t xmm[8][16];
    __asm__ volatile("fnstcw %0\n stmxcsr %1" : "=m"(cw), "=m"(mx));
    __asm__ volatile("fnstenv %0\n fldcw %0" : "=m"(env));   /* fnstenv masks exceptions: undo */
    __asm__ volatile("movups %%xmm0, 0(%0)\n movups %%xmm1, 16(%0)\n movups %%xmm2, 32(%0)\n"
                     "movups %%xmm3, 48(%0)\n movups %%xmm4, 64(%0)\n movups %%xmm5, 80(%0)\n"
                     "movups %%xmm6, 96(%0)\n movups %%xmm7, 112(%0)\n"
                     : : "r"(xmm) : "memory");
    seen.cw = cw;
    seen.mxcsr = mx;
    seen.tag = env[2] & 0xffff;
    seen.xmm_nonzero = 0;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 16; j++)
            if (xmm[i][j]) seen.xmm_nonzero |= 1u << i;
}

/* The saved image (struct _fpstate): header cw at 0, _st[0] at 28, magic at 110, then the
 * fxsave image at 112: MXCSR at 136, XMM0 at 272. */
static void inspect_fpstate(uint8_t *fp)
{
    seen.has_fpstate = fp != NULL;
    if (!fp) return;
    uint16_t magic;
    memcpy(&magic, fp + 110, 2);
    seen.magic = magic;
    seen.saved_cw = fp[0] | fp[1] << 8;
    memcpy(&seen.saved_mxcsr, fp + 136, 4);
    memset(&seen.saved_st0, 0, sizeof(seen.saved_st0));
    memcpy(&seen.saved_st0, fp + 28, 10);
    if (edit_frame) {
        static const uint32_t new_mxcsr = 0x9f80;             /* FTZ on */
        memcpy(fp + 136, &new_mxcsr, 4);
        memset(fp + 272 + 7 * 16, 0x5a, 16);                   /* XMM7 */
        /* 4.0 as st0 in the fxsave image (slot 0 at 112 + 32) and as st1 in the fsave header
         * (_st[1] at 38): the kernel takes the x87 registers from the header. */
        static const uint8_t four[10] = { 0, 0, 0, 0, 0, 0, 0, 0x80, 0x01, 0x40 };
        memcpy(fp + 112 + 32, four, 10);
        memcpy(fp + 38, four, 10);
    }
}

static void rt_handler(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;
    record_entry_state();
    inspect_fpstate((uint8_t *)uc->uc_mcontext.fpregs);
    clobber_all();
}

/* Plain handler: the kernel's sigframe has the sigcontext right after the signal number. */
static void plain_handler(int sig, struct sigcontext sc)
{
    record_entry_state();
    inspect_fpstate((uint8_t *)sc.fpstate);
    clobber_all();
}

static void print_seen(const char *what)
{
    printf("%s handler entry: cw %04x mxcsr %04x tag %04x xmm nonzero %02x\n", what, seen.cw,
           seen.mxcsr, seen.tag, seen.xmm_nonzero);
    printf("%s saved: fpstate %s magic %04x cw %04x mxcsr %04x st0 %Lg\n", what,
           seen.has_fpstate ? "yes" : "no", seen.magic, seen.saved_cw, seen.saved_mxcsr, seen.saved_st0);
}

static void print_image(const char *what, const struct fpregs_image *r)
{
    printf("%s: cw %04x sw %04x mxcsr %04x st %g %g %g\n", what, r->cw, r->sw, r->mxcsr,
           r->x87[0], r->x87[1], r->x87[2]);
    for (int i = 0; i < 8; i++) {
        printf("  xmm%d", i);
        for (int j = 0; j < 16; j++) printf(" %02x", r->xmm[i][j]);
        printf("\n");
    }
}

static void syscall_signal(const char *what, int rt, int edit)
{
    struct fpregs_image in, out;
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    if (rt) {
        sa.sa_sigaction = rt_handler;
        sa.sa_flags = SA_SIGINFO;
    } else {
        sa.sa_handler = (void (*)(int))plain_handler;
    }
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 16; j++) in.xmm[i][j] = (uint8_t)(i * 16 + j + 1);
    in.x87[0] = 1.5;
    in.x87[1] = -2.25;
    in.x87[2] = 1e300;
    in.cw = 0x0a7f;             /* round up, double precision */
    in.mxcsr = 0x3f80 | 0x01;   /* round down, invalid flag set */
    in.sw = 0;
    memset(&out, 0, sizeof(out));
    edit_frame = edit;
    run_interrupted(&in, &out, getpid(), SIGUSR1);
    edit_frame = 0;
    print_seen(what);
    print_image(what, &out);
}

/* ---------------------------------------------------------------------------------------------
 * Timer signals while a loop keeps x87, XMM and MXCSR values in registers
 * ------------------------------------------------------------------------------------------- */

volatile int alarm_count;
const uint8_t loop_pattern[16] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa };
const double loop_value = 2.718281828;
uint32_t loop_mxcsr = 0x5f80, loop_mxcsr_now;

/* Returns 0 once alarm_count reaches target with every register intact at every iteration. */
int registers_survive(int target);
__asm__(".text\n"
        ".globl registers_survive\n"
        "registers_survive:\n"
        "  mov 4(%esp), %ecx\n"
        "  movups loop_pattern, %xmm1\n  fldl loop_value\n  ldmxcsr loop_mxcsr\n"
        "1:\n"
        "  movups loop_pattern, %xmm2\n  pcmpeqb %xmm1, %xmm2\n  pmovmskb %xmm2, %eax\n"
        "  cmp $0xffff, %eax\n  jne 2f\n"
        "  fcoml loop_value\n  fnstsw %ax\n  sahf\n  jne 2f\n  jp 2f\n"
        "  stmxcsr loop_mxcsr_now\n  mov loop_mxcsr_now, %eax\n  cmp loop_mxcsr, %eax\n  jne 2f\n"
        "  cmp alarm_count, %ecx\n  jg 1b\n"
        "  xor %eax, %eax\n  jmp 3f\n"
        "2:\n  mov $1, %eax\n"
        "3:\n  fstp %st(0)\n  ldmxcsr mxcsr_default\n  ret\n");

static void on_alarm(int sig)
{
    alarm_count++;
    clobber_all();
}

static void timer_signals(void)
{
    struct sigaction sa;
    struct itimerval it = { { 0, 2000 }, { 0, 2000 } }, off = { { 0, 0 }, { 0, 0 } };

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
    int bad = registers_survive(20);
    setitimer(ITIMER_REAL, &off, NULL);
    printf("timer: registers %s after %s20 signals\n", bad ? "CLOBBERED" : "intact",
           alarm_count >= 20 ? "" : "fewer than ");
}

int main(void)
{
    syscall_signal("rt", 1, 0);
    syscall_signal("plain", 0, 0);
    syscall_signal("rt-edit", 1, 1);
    syscall_signal("plain-edit", 0, 1);
    timer_signals();
    return 0;
}
