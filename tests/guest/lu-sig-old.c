/*
 * lu-sig-old.c - the old i386 signal calls through syscall() (sigaction with the one-word
 * struct old_sigaction, signal, sigprocmask, sigpending, sgetmask/ssetmask, the
 * three-argument sigsuspend, sigreturn through a non-SA_SIGINFO frame), their errors, the
 * flags rt_sigaction keeps, and sigaltstack: i386's 2048-byte minimum, EINVAL/EPERM rules,
 * SS_AUTODISARM, and an alternate-stack handler for a stack overflow as faulthandler does it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sys/select.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <sys/auxv.h>

#define SA_RESTORER 0x04000000
#define SS_AUTODISARM (1u << 31)

struct old_sigaction_i386 { uint32_t handler, mask, flags, restorer; };
struct kernel_sigaction_i386 { uint32_t handler, flags, restorer; uint32_t mask[2]; };

static volatile int got, got_sig;
static void handler(int sig) { got++; got_sig = sig; }

#define SYS(...) report(#__VA_ARGS__, syscall(__VA_ARGS__))
static long report(const char *what, long r)
{
    if (r < 0) printf("%-60s = -1 %s\n", what, strerror(errno));
    else printf("%-60s = %ld\n", what, r);
    return r;
}

static void test_old_sigaction(void)
{
    struct old_sigaction_i386 act = { (uint32_t)(uintptr_t)handler, 1u << (SIGUSR2 - 1), SA_RESTART, 0 };
    struct old_sigaction_i386 old;
    SYS(SYS_sigaction, SIGUSR1, &act, NULL);
    memset(&old, 0xaa, sizeof(old));
    SYS(SYS_sigaction, SIGUSR1, NULL, &old);
    printf("old: handler ok %d mask %#x flags %#x\n", old.handler == act.handler, old.mask, old.flags);
    got = 0;
    kill(getpid(), SIGUSR1);
    printf("delivered %d sig %d\n", got, got_sig);
    SYS(SYS_sigaction, SIGKILL, &act, NULL);
    SYS(SYS_sigaction, SIGSTOP, &act, NULL);
    SYS(SYS_sigaction, SIGKILL, NULL, &old);
    SYS(SYS_sigaction, 0, &act, NULL);
    SYS(SYS_sigaction, 65, &act, NULL);
    SYS(SYS_sigaction, SIGUSR1, (void *)8, NULL);
    SYS(SYS_sigaction, SIGUSR1, &act, (void *)8);     /* EFAULT after the change */
    /* Unknown flag bits are dropped (kept: the known ones). */
    struct kernel_sigaction_i386 k = { (uint32_t)(uintptr_t)handler, 0xffffffffu & ~(uint32_t)SA_RESTORER, 0, { 0, 0 } };
    struct kernel_sigaction_i386 ko;
    SYS(SYS_rt_sigaction, SIGUSR2, &k, NULL, 8);
    SYS(SYS_rt_sigaction, SIGUSR2, NULL, &ko, 8);
    printf("rt flags kept: %#x\n", ko.flags);
    SYS(SYS_rt_sigaction, SIGUSR2, NULL, &ko, 4);
    k.flags = SA_RESTART;
    SYS(SYS_rt_sigaction, SIGUSR2, &k, (void *)8, 8);      /* changed, then EFAULT */
    SYS(SYS_rt_sigaction, SIGUSR2, NULL, &ko, 8);
    printf("changed despite EFAULT: flags %#x\n", ko.flags);
    uint64_t m = 1ull << (SIGURG - 1);
    SYS(SYS_rt_sigprocmask, SIG_BLOCK, &m, (void *)8, 8);
    SYS(SYS_rt_sigprocmask, SIG_UNBLOCK, NULL, &m, 8);
    printf("blocked despite EFAULT: %d\n", (int)((m >> (SIGURG - 1)) & 1));
    m = 1ull << (SIGURG - 1);
    SYS(SYS_rt_sigprocmask, SIG_UNBLOCK, &m, NULL, 8);
    signal(SIGUSR2, SIG_DFL);
}

static void test_signal_call(void)
{
    long old = SYS(SYS_signal, SIGUSR1, handler);
    printf("previous handler is handler: %d\n", old == (long)(uintptr_t)handler);
    struct old_sigaction_i386 o;
    SYS(SYS_sigaction, SIGUSR1, NULL, &o);
    printf("signal() flags %#x mask %#x\n", o.flags, o.mask);
    got = 0;
    kill(getpid(), SIGUSR1);
    SYS(SYS_sigaction, SIGUSR1, NULL, &o);
    printf("one-shot: delivered %d, now SIG_DFL %d\n", got, o.handler == 0);
    SYS(SYS_signal, SIGKILL, SIG_IGN);
    SYS(SYS_signal, 100, SIG_IGN);
}

static void test_old_masks(void)
{
    uint32_t set = 1u << (SIGUSR1 - 1), old = 0;
    uint64_t full;
    signal(SIGUSR1, handler);
    SYS(SYS_sigprocmask, SIG_BLOCK, &set, &old);
    printf("old mask %#x\n", old);
    got = 0;
    kill(getpid(), SIGUSR1);
    uint32_t pend = 0;
    SYS(SYS_sigpending, &pend);
    printf("pending %#x delivered %d\n", pend, got);
    SYS(SYS_sgetmask);
    /* Block a real-time signal with the new call: SIG_SETMASK of the old one keeps it. */
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    set = 0;
    SYS(SYS_sigprocmask, SIG_SETMASK, &set, NULL);
    printf("after old SETMASK: delivered %d\n", got);
    SYS(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &full, 8);
    printf("full mask %#llx\n", (unsigned long long)full);
    SYS(SYS_sigprocmask, 7, &set, NULL);
    SYS(SYS_sigprocmask, 7, NULL, &old);
    SYS(SYS_sigprocmask, SIG_BLOCK, (void *)8, NULL);
    SYS(SYS_sigprocmask, SIG_BLOCK, NULL, (void *)8);
    SYS(SYS_sigpending, (void *)8);
    /* ssetmask replaces the whole mask (the real-time bit goes) and returns the old word. */
    long prev = SYS(SYS_ssetmask, (1u << (SIGUSR2 - 1)) | (1u << (SIGKILL - 1)));
    printf("ssetmask returned %#lx\n", (unsigned long)prev);
    SYS(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &full, 8);
    printf("full mask %#llx\n", (unsigned long long)full);
    SYS(SYS_ssetmask, 0);
}

static void test_old_sigsuspend(void)
{
    uint32_t set = 1u << (SIGALRM - 1);
    signal(SIGALRM, handler);
    syscall(SYS_sigprocmask, SIG_BLOCK, &set, NULL);
    alarm(1);
    got = 0;
    SYS(SYS_sigsuspend, 0, 0, 0);
    printf("after sigsuspend: delivered %d sig %d\n", got, got_sig);
    uint32_t now;
    syscall(SYS_sigprocmask, SIG_BLOCK, NULL, &now);
    printf("mask restored %#x\n", now);
    syscall(SYS_sigprocmask, SIG_UNBLOCK, &set, NULL);
}

/* ---- sigaltstack */
static char *alt;
static volatile uintptr_t handler_sp;
static volatile int ss_flags_in_handler;
static void alt_handler(int sig, siginfo_t *si, void *uc)
{
    stack_t cur;
    int local;
    (void)si; (void)uc;
    handler_sp = (uintptr_t)&local;
    sigaltstack(NULL, &cur);
    ss_flags_in_handler = cur.ss_flags;
    got_sig = sig;
}

static void test_sigaltstack(void)
{
    stack_t ss, old;
    alt = malloc(1 << 16);
    unsigned long min = getauxval(AT_MINSIGSTKSZ);
    printf("AT_MINSIGSTKSZ present %d\n", min != 0);
    ss.ss_sp = alt; ss.ss_flags = 0; ss.ss_size = 2047;
    report("sigaltstack 2047", sigaltstack(&ss, NULL));
    ss.ss_size = 2048;
    report("sigaltstack 2048", sigaltstack(&ss, NULL));
    memset(&old, 0x55, sizeof(old));
    report("sigaltstack query", sigaltstack(NULL, &old));
    printf("old: sp ok %d size %zu flags %d\n", old.ss_sp == alt, old.ss_size, old.ss_flags);
    ss.ss_flags = 4;
    report("sigaltstack bad flags", sigaltstack(&ss, NULL));
    ss.ss_flags = SS_ONSTACK;
    report("sigaltstack SS_ONSTACK", sigaltstack(&ss, NULL));
    ss.ss_flags = SS_DISABLE; ss.ss_size = 1;
    report("sigaltstack disable", sigaltstack(&ss, NULL));
    report("sigaltstack query", sigaltstack(NULL, &old));
    printf("old: sp %p size %zu flags %d\n", old.ss_sp, old.ss_size, old.ss_flags);
    report("sigaltstack EFAULT", syscall(SYS_sigaltstack, (void *)8, NULL));

    /* A handler on a 64 KiB alternate stack, then SS_AUTODISARM. */
    ss.ss_sp = alt; ss.ss_size = 1 << 16; ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = alt_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("handler on alt stack %d, flags there %d\n",
           handler_sp > (uintptr_t)alt && handler_sp <= (uintptr_t)alt + (1 << 16), ss_flags_in_handler);
    ss.ss_flags = SS_AUTODISARM;
    report("sigaltstack autodisarm", sigaltstack(&ss, NULL));
    sigaltstack(NULL, &old);
    printf("flags %#x\n", (unsigned)old.ss_flags);
    raise(SIGUSR2);
    printf("handler on alt stack %d, flags there %#x\n",
           handler_sp > (uintptr_t)alt && handler_sp <= (uintptr_t)alt + (1 << 16), (unsigned)ss_flags_in_handler);
    sigaltstack(NULL, &old);
    printf("re-armed: sp ok %d flags %#x\n", old.ss_sp == alt, (unsigned)old.ss_flags);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
}

/* faulthandler: SIGSEGV on an alternate stack of its own size, reached by a stack overflow. */
static volatile int depth;
static void segv_handler(int sig)
{
    static const char msg[] = "Fatal Python error: Segmentation fault (stack overflow caught)\n";
    write(1, msg, sizeof(msg) - 1);
    signal(sig, SIG_DFL);
    raise(sig);
}
static int recurse(int n);
static int (*volatile recurse_next)(int) = recurse;
static int recurse(int n)
{
    volatile char pad[1024];
    pad[0] = (char)n;
    depth++;
    return recurse_next(n + 1) + pad[0];
}

static void test_faulthandler_like(void)
{
    stack_t ss;
    size_t size = SIGSTKSZ * 2;          /* what faulthandler allocates */
    if (size < 32768) size = 32768;
    ss.ss_sp = malloc(size); ss.ss_size = size; ss.ss_flags = 0;
    report("faulthandler sigaltstack", sigaltstack(&ss, NULL));
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = segv_handler;
    sa.sa_flags = SA_NODEFER | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    fflush(stdout);
    recurse(0);
}


/* SA_RESTART: the handler runs while read blocks, then read goes on (here: it reads what the
 * handler wrote); without it read fails with EINTR; nanosleep is never restarted. */
static int restart_pipe[2];
static volatile int restart_handled;
static void restart_handler(int sig)
{
    (void)sig;
    restart_handled++;
    if (write(restart_pipe[1], "h", 1) != 1) restart_handled = -100;
}

static void arm_alarm_ms(int ms)
{
    struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void test_sa_restart(void)
{
    struct sigaction sa;
    char c = 0;
    pipe(restart_pipe);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = restart_handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    arm_alarm_ms(30);
    long r = read(restart_pipe[0], &c, 1);
    printf("SA_RESTART read: %ld '%c' handled %d\n", r, c, restart_handled);
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    arm_alarm_ms(30);
    r = read(restart_pipe[0], &c, 1);
    int e = errno;
    printf("no SA_RESTART read: %ld %s handled %d\n", r, r < 0 ? strerror(e) : "", restart_handled);
    read(restart_pipe[0], &c, 1);          /* the handler's byte */
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    arm_alarm_ms(30);
    struct timespec ts = { 5, 0 };
    r = nanosleep(&ts, &ts);
    e = errno;
    printf("SA_RESTART nanosleep: %ld %s handled %d\n", r, r < 0 ? strerror(e) : "", restart_handled);
    signal(SIGALRM, SIG_DFL);
    close(restart_pipe[0]);
    close(restart_pipe[1]);
}

/* pselect/ppoll with a mask that lets a blocked signal in: its handler runs during the call,
 * the call fails with EINTR, and the mask is the old one afterwards. */
static volatile int masked_calls_handled;
static void masked_handler(int sig) { (void)sig; masked_calls_handled++; }

static void test_masked_waits(void)
{
    sigset_t alrm, empty, now;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigemptyset(&empty);
    signal(SIGALRM, masked_handler);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    arm_alarm_ms(20);
    struct timespec ts = { 5, 0 };
    int r = pselect(0, NULL, NULL, NULL, &ts, &empty);
    int e = errno;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("pselect: %d %s handled %d still blocked %d\n", r, strerror(e), masked_calls_handled,
           sigismember(&now, SIGALRM));
    arm_alarm_ms(20);
    r = ppoll(NULL, 0, &ts, &empty);
    e = errno;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("ppoll: %d %s handled %d still blocked %d\n", r, strerror(e), masked_calls_handled,
           sigismember(&now, SIGALRM));
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    signal(SIGALRM, SIG_DFL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_old_sigaction();
    test_signal_call();
    test_old_masks();
    test_old_sigsuspend();
    test_sa_restart();
    test_masked_waits();
    test_sigaltstack();
    test_faulthandler_like();
    return 0;
}
