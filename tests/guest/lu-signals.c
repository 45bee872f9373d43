/*
 * lu-signals.c - signals beyond the basics: SA_SIGINFO fields for kill/raise/sigqueue,
 * handlers on an alternate stack (sigaltstack), nested signals (a handler interrupted by
 * another signal, SA_NODEFER), masks restored by sigreturn, sigsuspend, sigtimedwait,
 * alarm and setitimer, and signals sent to a specific thread (pthread_kill / tgkill).
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int depth, max_depth, count_usr1, count_usr2, count_alrm;
static volatile int on_alt;
static char *alt_base;
static size_t alt_size = 64 * 1024;

static void on_usr2(int sig)
{
    count_usr2++;
    depth++;
    if (depth > max_depth) max_depth = depth;
    depth--;
}

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    char probe;
    count_usr1++;
    depth++;
    if (depth > max_depth) max_depth = depth;
    on_alt = (&probe >= alt_base && &probe < alt_base + alt_size);
    if (si->si_code == SI_QUEUE) printf("  sigqueue value %d\n", si->si_value.sival_int);
    raise(SIGUSR2);                    /* nested: runs inside this handler */
    depth--;
}

static void on_alrm(int sig) { count_alrm++; }

static pthread_t main_thread;
static volatile pthread_t handled_by;
static volatile int thread_hits;
static void on_thread_sig(int sig)
{
    handled_by = pthread_self();
    thread_hits++;
}

static volatile int worker_ready, worker_stop;
static void *worker(void *arg)
{
    worker_ready = 1;
    while (!worker_stop) usleep(1000);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = { 0 };

    /* Alternate stack, SA_SIGINFO, nested SIGUSR2 from inside the SIGUSR1 handler. */
    alt_base = malloc(alt_size);
    stack_t ss = { .ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0 };
    if (sigaltstack(&ss, NULL)) perror("sigaltstack");
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_usr2;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR1);
    printf("usr1 %d usr2 %d max depth %d, on alternate stack: %s\n", count_usr1, count_usr2,
           max_depth, on_alt ? "yes" : "no");
    union sigval v = { .sival_int = 1234 };
    sigqueue(getpid(), SIGUSR1, v);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("altstack flags after handlers: %d\n", cur.ss_flags);

    /* Blocked signal stays pending until unblocked; the mask is restored after the handler. */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2);
    sigset_t pend;
    sigpending(&pend);
    printf("pending while blocked: %d, handled so far %d\n", sigismember(&pend, SIGUSR2), count_usr2);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock: handled %d\n", count_usr2);

    /* sigtimedwait takes a blocked signal without running the handler. */
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR2);
    struct timespec ts = { 1, 0 };
    siginfo_t si;
    int got = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait: %d code %s, handler count %d\n", got,
           si.si_code == SI_TKILL ? "SI_TKILL" : si.si_code == SI_USER ? "SI_USER" : "?", count_usr2);
    ts.tv_sec = 0; ts.tv_nsec = 20 * 1000 * 1000;
    got = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait with nothing pending: %d\n", got);
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* alarm + sigsuspend, setitimer (three ticks). */
    sa.sa_handler = on_alrm;
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    sigset_t wait_mask;
    sigprocmask(SIG_BLOCK, NULL, &wait_mask);
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    alarm(1);
    sigsuspend(&wait_mask);
    printf("alarm: %d\n", count_alrm);
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    while (count_alrm < 4) sigsuspend(&wait_mask);
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("itimer ticks: %d\n", count_alrm - 1);

    /* A signal aimed at one thread runs on that thread. */
    main_thread = pthread_self();
    sa.sa_handler = on_thread_sig;
    sigaction(SIGWINCH, &sa, NULL);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (!worker_ready) usleep(1000);
    pthread_kill(t, SIGWINCH);
    while (!thread_hits) usleep(1000);
    printf("pthread_kill: handled by %s\n", pthread_equal(handled_by, t) ? "the target thread" : "another thread");
    pthread_kill(main_thread, SIGWINCH);
    printf("pthread_kill self: handled by %s\n", pthread_equal(handled_by, main_thread) ? "main" : "another thread");
    worker_stop = 1;
    pthread_join(t, NULL);

    /* Default action of an unhandled signal ends the process the same way. */
    signal(SIGUSR1, SIG_DFL);
    raise(SIGUSR1);
    printf("not reached\n");
    return 0;
}
