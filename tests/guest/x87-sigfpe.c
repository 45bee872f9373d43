/*
 * x87-sigfpe.c - unmasked x87 exceptions: with a flag unmasked in the control word, the
 * faulting instruction only records it (ES); the next waiting x87 instruction (fwait, or any
 * non-FN* one) raises #MF, delivered as SIGFPE with the si_code Linux derives from the first
 * unmasked flag. The handler leaves with siglongjmp and the program re-initialises the FPU
 * with the non-waiting fninit. The native run is the oracle.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int got_code;
static volatile void *got_addr;

static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(env, 1);
}

extern char fault_fwait[], fault_fstp[];

static void run(const char *what, unsigned short cw, int kind)
{
    got_code = -1;
    if (sigsetjmp(env, 1) == 0) {
        double d;
        __asm__ volatile("fninit\n\tfldcw %0" :: "m"(cw));
        switch (kind) {
        case 0:     /* divide by zero, caught by fwait */
            __asm__ volatile("fld1\n\tfldz\n\tfdivrp\n\tfnstsw %%ax\n"
                             "fault_fwait: fwait\n\tfstpl %0" : "=m"(d) :: "eax");
            break;
        case 1:     /* invalid (sqrt -1), caught by the next fstp */
            __asm__ volatile("fld1\n\tfchs\n\tfsqrt\n"
                             "fault_fstp: fstpl %0" : "=m"(d));
            break;
        case 2:     /* stack underflow: invalid + SF */
            __asm__ volatile("fadd %%st(3), %%st\n\tfwait" ::: "memory");
            break;
        default:    /* masked: nothing happens */
            __asm__ volatile("fld1\n\tfldz\n\tfdivrp\n\tfwait\n\tfstpl %0" : "=m"(d));
            break;
        }
        __asm__ volatile("fninit");
        printf("%s: no signal\n", what);
        return;
    }
    /* (Linux gives the handler a fresh FPU; loongbt's signal frames do not carry x87
     * state yet, so the status word is not printed here.) */
    __asm__ volatile("fninit");
    printf("%s: SIGFPE code %d at %s\n", what, got_code,
           got_addr == fault_fwait ? "fwait" : got_addr == fault_fstp ? "fstp" : "elsewhere");
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    run("zero divide", 0x037b, 0);
    run("invalid sqrt", 0x037e, 1);
    run("stack underflow", 0x037e, 2);
    run("masked", 0x037f, 4);
    return 0;
}
