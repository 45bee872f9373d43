/*
 * signals.c - guest test: signal handlers.  raise() of SIGUSR1/SIGUSR2 with sigaction and
 * SA_SIGINFO (si_signo/si_code), blocked signals delivered on sigprocmask unblock, a SIGSEGV
 * handler that escapes a NULL write with siglongjmp, SIGFPE from a division by zero and SIGILL
 * from ud2 caught the same way, SIGTRAP from int3, and a handler that returns normally.
 */
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1, got_usr2, order;
static sigjmp_buf escape;
static volatile int last_sig, last_code;

static void on_usr(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    order = order * 10 + (sig == SIGUSR1 ? 1 : 2);
    if (sig == SIGUSR1)
        got_usr1++;
    else
        got_usr2++;
    last_code = si->si_code;
    last_sig = si->si_signo;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last_sig = sig;
    last_code = si->si_code;
    siglongjmp(escape, sig);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(int argc, char **argv)
{
    (void)argv;
    install(SIGUSR1, on_usr);
    install(SIGUSR2, on_usr);
    raise(SIGUSR1);
    printf("usr1: count %d signo %d code %d (SI_TKILL=%d)\n", got_usr1, last_sig, last_code,
           SI_TKILL);

    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2);
    raise(SIGUSR1);
    printf("while blocked: usr1 %d usr2 %d\n", got_usr1, got_usr2);
    sigset_t pend;
    sigpending(&pend);
    printf("pending: usr1 %d usr2 %d\n", sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock: usr1 %d usr2 %d order %d\n", got_usr1, got_usr2, (int)order);

    install(SIGSEGV, on_fault);
    install(SIGFPE, on_fault);
    install(SIGILL, on_fault);
    install(SIGTRAP, on_fault);
    for (int round = 0; round < 3; round++) {
        int sig = sigsetjmp(escape, 1);
        if (sig == 0) {
            volatile int *volatile p = (int *)(16 + round * 4096);
            *p = round;
            printf("no fault?!\n");
        } else {
            printf("round %d: caught signal %d code %d\n", round, sig, last_code);
        }
    }
    int sig = sigsetjmp(escape, 1);
    if (sig == 0) {
        volatile int a = 7, b = argc - 1;
        printf("quotient %d\n", a / b);
    } else {
        printf("divide: caught signal %d code %d\n", sig, last_code);
    }
    sig = sigsetjmp(escape, 1);
    if (sig == 0) {
        asm volatile("ud2");
    } else {
        printf("ud2: caught signal %d code %d\n", sig, last_code);
    }
    sig = sigsetjmp(escape, 1);
    if (sig == 0) {
        asm volatile("int3");
    } else {
        printf("int3: caught signal %d\n", sig);
    }
    /* the SIGSEGV handler stays installed and the mask was restored by siglongjmp */
    sigprocmask(SIG_SETMASK, NULL, &set);
    printf("segv blocked after escapes: %d\n", sigismember(&set, SIGSEGV));
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("ignored usr1: count still %d\n", got_usr1);
    return 0;
}
