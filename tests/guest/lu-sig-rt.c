/*
 * lu-sig-rt.c - guest real-time signals 32-64 with i386 numbering: pthread_cancel (glibc's
 * signal 32), every SIGRTMIN..SIGRTMAX number sent with kill, sigqueue and tgkill, queued while
 * blocked and delivered in the kernel's order on unblock (values kept per instance), sigwaitinfo
 * and sigpending on them, the wait status of children killed by real-time signals, and the
 * program's own death by one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/prctl.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static volatile int log_sig[256], log_val[256], log_code[256];
static volatile int nlog;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (nlog < 256) {
        log_sig[nlog] = sig;
        log_val[nlog] = si->si_value.sival_int;
        log_code[nlog] = si->si_code;
        nlog++;
    }
}

static void print_log(const char *what)
{
    printf("%s:", what);
    for (int i = 0; i < nlog; i++) {
        printf(" %d", log_sig[i] - SIGRTMIN);
        if (log_code[i] == SI_QUEUE) printf("=%d", log_val[i]);
        else if (log_code[i] == SI_TKILL) printf("(t)");
        else if (log_code[i] != SI_USER) printf("(code %d)", log_code[i]);
    }
    printf("\n");
    nlog = 0;
}

/* ---- pthread_cancel: glibc cancels with signal 32 */
static volatile int cleanup_ran;
static void cleanup(void *arg) { (void)arg; cleanup_ran = 1; }
static void *cancel_me(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, NULL);
    for (;;) pause();                   /* a cancellation point */
    pthread_cleanup_pop(0);
    return NULL;
}

static void test_cancel(void)
{
    pthread_t t;
    void *ret;
    pthread_create(&t, NULL, cancel_me, NULL);
    usleep(20000);
    printf("pthread_cancel: %d\n", pthread_cancel(t));
    int r = pthread_join(t, &ret);
    printf("join: %d canceled %d cleanup %d\n", r, ret == PTHREAD_CANCELED, cleanup_ran);
}

/* ---- every RT signal: handler, send three ways, delivery */
static void install_all(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | flags;
    sigfillset(&sa.sa_mask);            /* one handler at a time: delivery order is visible */
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        if (sigaction(s, &sa, NULL) != 0) printf("sigaction %d: %s\n", s, strerror(errno));
}

static void test_each_number(void)
{
    install_all(0);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) kill(getpid(), s);
    print_log("kill each");
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
        union sigval v = { .sival_int = 1000 + s };
        sigqueue(getpid(), s, v);
    }
    print_log("sigqueue each");
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) syscall(SYS_tgkill, getpid(), gettid(), s);
    print_log("tgkill each");
}

static void test_blocked_order(void)
{
    sigset_t all, old;
    sigemptyset(&all);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) sigaddset(&all, s);
    sigprocmask(SIG_BLOCK, &all, &old);
    /* Out of order, with repeats: real-time signals queue once per send. */
    int order[] = { 40, 35, 64, 40, 63, 34, 35, 50, 64 };
    for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        union sigval v = { .sival_int = (int)i };
        sigqueue(getpid(), order[i], v);
    }
    sigset_t pend;
    sigpending(&pend);
    printf("pending:");
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) if (sigismember(&pend, s)) printf(" %d", s - SIGRTMIN);
    printf("\n");
    print_log("while blocked");
    sigprocmask(SIG_SETMASK, &old, NULL);
    print_log("after unblock");

    /* Unblock one at a time, highest first. */
    sigprocmask(SIG_BLOCK, &all, NULL);
    for (int s = 34; s <= 64; s += 10) kill(getpid(), s);
    for (int s = 64; s >= 34; s--) {
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, s);
        sigprocmask(SIG_UNBLOCK, &one, NULL);
    }
    print_log("unblock one by one");
}

static void test_sigwait(void)
{
    sigset_t set, old;
    siginfo_t si;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 3);
    sigaddset(&set, SIGRTMAX);
    sigaddset(&set, SIGRTMAX - 1);
    sigprocmask(SIG_BLOCK, &set, &old);
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), SIGRTMAX, v);
    v.sival_int = 78;
    sigqueue(getpid(), SIGRTMIN + 3, v);
    v.sival_int = 79;
    sigqueue(getpid(), SIGRTMAX - 1, v);
    for (int i = 0; i < 3; i++) {
        int s = sigwaitinfo(&set, &si);
        printf("sigwaitinfo: RTMIN+%d signo %d value %d code %d\n", s - SIGRTMIN, si.si_signo - SIGRTMIN,
               si.si_value.sival_int, si.si_code);
    }
    struct timespec zero = { 0, 0 };
    int r = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait empty: %d %s\n", r, strerror(errno));
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_child_killed(int sig)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(sig, SIG_DFL);
        kill(getpid(), sig);
        _exit(99);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("child killed by RTMIN+%d: signaled %d termsig RTMIN+%d\n", sig - SIGRTMIN,
           WIFSIGNALED(status), WIFSIGNALED(status) ? WTERMSIG(status) - SIGRTMIN : -1);
    siginfo_t si;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        signal(sig, SIG_DFL);
        kill(getpid(), sig);
        _exit(99);
    }
    memset(&si, 0, sizeof(si));
    waitid(P_PID, pid, &si, WEXITED);
    printf("waitid: signo %d code %d status RTMIN+%d\n", si.si_signo, si.si_code, si.si_status - SIGRTMIN);
}

static void test_ignored_and_default(void)
{
    /* Ignored: dropped. Default on a blocked signal that is then ignored: discarded. */
    signal(SIGRTMIN + 7, SIG_IGN);
    kill(getpid(), SIGRTMIN + 7);
    sigset_t one, pend;
    sigemptyset(&one);
    sigaddset(&one, SIGRTMAX);
    sigprocmask(SIG_BLOCK, &one, NULL);
    kill(getpid(), SIGRTMAX);
    sigpending(&pend);
    printf("RTMAX pending: %d\n", sigismember(&pend, SIGRTMAX));
    signal(SIGRTMAX, SIG_IGN);
    sigpending(&pend);
    printf("RTMAX pending after SIG_IGN: %d\n", sigismember(&pend, SIGRTMAX));
    sigprocmask(SIG_UNBLOCK, &one, NULL);
    print_log("ignored");
}

/* rt_sigqueueinfo: to itself any si_code goes; to another process only negative ones that are
 * not SI_TKILL (EPERM). */
static void test_sigqueueinfo_rules(void)
{
    siginfo_t si;
    install_all(0);
    memset(&si, 0, sizeof(si));
    si.si_signo = SIGRTMIN + 6;
    si.si_code = SI_USER;
    si.si_value.sival_int = 5;
    long r = syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMIN + 6, &si);
    printf("rt_sigqueueinfo self SI_USER: %ld\n", r);
    si.si_code = 0x80;
    r = syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMAX, &si);
    printf("rt_sigqueueinfo self SI_KERNEL: %ld\n", r);
    print_log("queued to self");
    si.si_code = SI_USER;
    r = syscall(SYS_rt_sigqueueinfo, getppid(), SIGRTMIN + 6, &si);
    printf("rt_sigqueueinfo parent SI_USER: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    si.si_code = SI_TKILL;
    r = syscall(SYS_rt_sigqueueinfo, getppid(), SIGRTMIN + 6, &si);
    printf("rt_sigqueueinfo parent SI_TKILL: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    si.si_code = SI_QUEUE;
    r = syscall(SYS_rt_sigqueueinfo, 999999, SIGRTMIN + 6, &si);
    printf("rt_sigqueueinfo no such pid: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    r = syscall(SYS_rt_sigqueueinfo, getpid(), 65, &si);
    printf("rt_sigqueueinfo signal 65: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    r = syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGRTMIN + 9, &si);
    printf("rt_tgsigqueueinfo self: %ld\n", r);
    r = syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGRTMAX - 1, &si);
    printf("rt_tgsigqueueinfo self RTMAX-1: %ld\n", r);
    print_log("tgsigqueueinfo");
    r = kill(999999, SIGRTMAX);
    printf("kill no such pid RTMAX: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    r = kill(getpid(), 65);
    printf("kill signal 65: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    r = syscall(SYS_tgkill, getpid(), 999999, SIGRTMAX);
    printf("tgkill no such thread RTMAX: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    r = syscall(SYS_tgkill, 0, gettid(), SIGRTMAX);
    printf("tgkill tgid 0 RTMAX: %ld %s\n", r, r < 0 ? strerror(errno) : "");
}

/* A burst of 200 queued instances of one real-time signal: all delivered, in order. */
static volatile int burst_count, burst_in_order = 1;
static void burst_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    if (si->si_value.sival_int != burst_count) burst_in_order = 0;
    burst_count++;
}

static void test_burst(void)
{
    struct sigaction sa;
    sigset_t one;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = burst_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 11, &sa, NULL);
    sigemptyset(&one);
    sigaddset(&one, SIGRTMIN + 11);
    sigprocmask(SIG_BLOCK, &one, NULL);
    int sent = 0;
    for (int i = 0; i < 200; i++) {
        union sigval v = { .sival_int = i };
        if (sigqueue(getpid(), SIGRTMIN + 11, v) == 0) sent++;
    }
    sigprocmask(SIG_UNBLOCK, &one, NULL);
    printf("burst: sent %d delivered %d in order %d\n", sent, burst_count, burst_in_order);
}

/* A fork child starts with no pending signals, a guest-only one included. */
static void test_fork_pending(void)
{
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 8);
    sigaddset(&set, SIGRTMAX);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGRTMIN + 8);
    kill(getpid(), SIGRTMAX);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        sigpending(&pend);
        printf("child pending: RTMIN+8 %d RTMAX %d\n", sigismember(&pend, SIGRTMIN + 8),
               sigismember(&pend, SIGRTMAX));
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    sigpending(&pend);
    printf("parent pending: RTMIN+8 %d RTMAX %d\n", sigismember(&pend, SIGRTMIN + 8),
           sigismember(&pend, SIGRTMAX));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    print_log("after fork test");
}

/* F_SETSIG / F_GETSIG and PR_SET/GET_PDEATHSIG take and give guest signal numbers. */
static void test_fcntl_setsig(void)
{
    int pd = -1;
    printf("PR_SET_PDEATHSIG RTMIN+4: %d\n", prctl(PR_SET_PDEATHSIG, SIGRTMIN + 4));
    prctl(PR_GET_PDEATHSIG, &pd);
    printf("PR_GET_PDEATHSIG: RTMIN+%d\n", pd - SIGRTMIN);
    int e = prctl(PR_SET_PDEATHSIG, 65);
    printf("PR_SET_PDEATHSIG 65: %d %s\n", e, e < 0 ? strerror(errno) : "");
    prctl(PR_SET_PDEATHSIG, 0);
    int p[2];
    pipe(p);
    printf("F_SETSIG RTMIN+3: %d\n", fcntl(p[0], F_SETSIG, SIGRTMIN + 3));
    printf("F_GETSIG: RTMIN+%d\n", fcntl(p[0], F_GETSIG) - SIGRTMIN);
    int r = fcntl(p[0], F_SETSIG, 65);
    printf("F_SETSIG 65: %d %s\n", r, strerror(errno));
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("SIGRTMIN %d SIGRTMAX %d\n", SIGRTMIN, SIGRTMAX);
    test_cancel();
    test_each_number();
    test_blocked_order();
    test_sigwait();
    test_child_killed(SIGRTMIN + 5);
    test_child_killed(SIGRTMAX);
    test_child_killed(SIGRTMAX - 1);
    test_child_killed(SIGRTMIN);
    test_ignored_and_default();
    test_fcntl_setsig();
    test_sigqueueinfo_rules();
    test_fork_pending();
    test_burst();
    /* Die of a real-time signal: the exit status the harness compares shows its number. */
    signal(SIGRTMIN + 2, SIG_DFL);
    raise(SIGRTMIN + 2);
    return 0;
}
