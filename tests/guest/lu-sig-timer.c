/*
 * lu-sig-timer.c - POSIX timers (SIGEV_SIGNAL with a real-time signal and a value,
 * SIGEV_THREAD_ID to a chosen thread, SIGEV_NONE, SIGEV_THREAD through glibc), overruns, the
 * 32- and 64-bit settime/gettime calls and their errors, timerfd, setitimer and alarm.
 * Timing-robust: periodic timers are waited for until they fired enough; only counts with
 * generous bounds and exact values the kernel fixes are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>

#define NR_timer_settime64 409
#define NR_timer_gettime64 408
#define NR_timerfd_settime64 411
#define NR_timerfd_gettime64 410

static volatile int fired, last_code, last_value, last_overrun, max_overrun;
static volatile pid_t handler_tid;
static volatile int last_timerid;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    fired++;
    last_code = si->si_code;
    last_value = si->si_value.sival_int;
    last_overrun = si->si_overrun;
    if (last_overrun > max_overrun) max_overrun = last_overrun;
    last_timerid = si->si_timerid;
    handler_tid = gettid();
}

static void install(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(sig, &sa, NULL);
}

static void err(const char *what, long r)
{
    if (r < 0) printf("%-44s = -1 %s\n", what, strerror(errno));
    else printf("%-44s = %ld\n", what, r);
}

static void test_signal_timer(void)
{
    struct sigevent sev;
    timer_t t;
    install(SIGRTMIN + 1);
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN + 1;
    sev.sigev_value.sival_int = 4242;
    err("timer_create SIGEV_SIGNAL", timer_create(CLOCK_MONOTONIC, &sev, &t));
    printf("timer id %ld\n", (long)(intptr_t)t);
    struct itimerspec its = { { 0, 5000000 }, { 0, 5000000 } }, cur;
    err("timer_settime", timer_settime(t, 0, &its, NULL));
    while (fired < 3) pause();
    printf("fired >= 3, code SI_TIMER %d value %d timerid matches %d\n", last_code == SI_TIMER,
           last_value, last_timerid == (int)(intptr_t)t);
    timer_gettime(t, &cur);
    printf("gettime interval %ld.%09ld value in range %d\n", (long)cur.it_interval.tv_sec,
           cur.it_interval.tv_nsec, cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 5000000);

    /* Overrun: keep the signal blocked while the timer expires many times. First disarm it
     * and let a signal still pending from the 5 ms period through. */
    sigset_t one;
    struct itimerspec off = { { 0, 0 }, { 0, 0 } };
    sigemptyset(&one);
    sigaddset(&one, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &one, NULL);
    timer_settime(t, 0, &off, NULL);
    sigprocmask(SIG_UNBLOCK, &one, NULL);
    sigprocmask(SIG_BLOCK, &one, NULL);
    its.it_interval.tv_nsec = its.it_value.tv_nsec = 1000000;
    timer_settime(t, 0, &its, NULL);
    struct timespec wait = { 0, 60000000 };
    nanosleep(&wait, NULL);
    fired = 0;
    max_overrun = 0;
    sigprocmask(SIG_UNBLOCK, &one, NULL);
    printf("after unblock: fired once %d overrun > 10 %d getoverrun >= 0 %d\n", fired >= 1,
           max_overrun > 10, timer_getoverrun(t) >= 0);

    /* Disarm; old value comes back; the 64-bit calls. */
    struct itimerspec zero = { { 0, 0 }, { 0, 0 } }, old;
    err("timer_settime disarm", timer_settime(t, 0, &zero, &old));
    printf("old interval %ld\n", old.it_interval.tv_nsec);
    int64_t t64[4] = { 0, 0, 3, 0 }, g64[4];
    err("timer_settime64 3 s", syscall(NR_timer_settime64, (int)(intptr_t)t, 0, t64, NULL));
    err("timer_gettime64", syscall(NR_timer_gettime64, (int)(intptr_t)t, g64));
    printf("gettime64 value in (2,3] s %d\n", g64[2] == 2 || (g64[2] == 3 && g64[3] == 0));
    int32_t t32[4] = { 0, 0, 1, 0 }, g32[4];
    err("timer_settime32 1 s", syscall(SYS_timer_settime, (int)(intptr_t)t, 0, t32, NULL));
    err("timer_gettime32", syscall(SYS_timer_gettime, (int)(intptr_t)t, g32));
    printf("gettime32 value <= 1 s %d\n", g32[2] == 0 || (g32[2] == 1 && g32[3] == 0));
    /* tv_nsec's upper half is ignored in the 64-bit form of a 32-bit task. */
    int64_t hi[4] = { 0, 0, 5, (int64_t)0x100000000ll | 5 };
    err("timer_settime64 nsec upper half set", syscall(NR_timer_settime64, (int)(intptr_t)t, 0, hi, NULL));
    int32_t neg[4] = { 0, 0, 1, -1 };
    err("timer_settime32 negative nsec", syscall(SYS_timer_settime, (int)(intptr_t)t, 0, neg, NULL));
    int64_t big[4] = { 0, 0, 1, 1000000000 };
    err("timer_settime64 nsec 1e9", syscall(NR_timer_settime64, (int)(intptr_t)t, 0, big, NULL));
    err("timer_settime NULL new", syscall(SYS_timer_settime, (int)(intptr_t)t, 0, NULL, NULL));
    err("timer_settime bad new", syscall(SYS_timer_settime, (int)(intptr_t)t, 0, (void *)8, NULL));
    err("timer_settime bad old", syscall(SYS_timer_settime, (int)(intptr_t)t, 0, t32, (void *)8));
    err("timer_gettime bad ptr", syscall(SYS_timer_gettime, (int)(intptr_t)t, (void *)8));
    err("timer_delete", syscall(SYS_timer_delete, (int)(intptr_t)t));
    err("timer_delete again", syscall(SYS_timer_delete, (int)(intptr_t)t));
    err("timer_getoverrun deleted", syscall(SYS_timer_getoverrun, (int)(intptr_t)t));
    err("timer_settime deleted", syscall(SYS_timer_settime, (int)(intptr_t)t, 0, t32, NULL));
}

/* SIGEV_THREAD_ID: the signal goes to the named thread, even though main does not block it. */
static volatile pid_t worker_tid;
static volatile int stop_worker;
static void *worker(void *arg)
{
    (void)arg;
    worker_tid = gettid();
    while (!stop_worker) pause();
    return NULL;
}

static void test_thread_id(void)
{
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    while (!worker_tid) usleep(1000);
    install(SIGRTMIN + 4);
    struct sigevent sev;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGRTMIN + 4;
    sev._sigev_un._tid = worker_tid;
    sev.sigev_value.sival_int = 7;
    int id = -1;
    err("timer_create SIGEV_THREAD_ID", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    fired = 0;
    handler_tid = 0;
    struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
    syscall(SYS_timer_settime, id, 0, &its, NULL);
    while (fired < 5) usleep(1000);
    syscall(SYS_timer_delete, id);
    printf("thread-id timer: ran in worker %d value %d\n", handler_tid == worker_tid, last_value);
    stop_worker = 1;
    pthread_kill(th, SIGRTMIN + 4);
    pthread_join(th, NULL);

    sev._sigev_un._tid = 999999;
    err("timer_create THREAD_ID no such thread", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev._sigev_un._tid = getppid();
    err("timer_create THREAD_ID other process", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
}

static void test_none_and_errors(void)
{
    struct sigevent sev;
    int id;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_NONE;
    err("timer_create SIGEV_NONE", syscall(SYS_timer_create, CLOCK_REALTIME, &sev, &id));
    struct itimerspec its = { { 0, 0 }, { 2, 0 } }, cur;
    syscall(SYS_timer_settime, id, 0, &its, NULL);
    syscall(SYS_timer_gettime, id, &cur);
    printf("SIGEV_NONE value in (1,2] s %d overrun %ld\n", cur.it_value.tv_sec == 1 ||
           (cur.it_value.tv_sec == 2 && cur.it_value.tv_nsec == 0), syscall(SYS_timer_getoverrun, id));
    syscall(SYS_timer_delete, id);
    /* NULL sigevent: SIGALRM with the id as value. */
    err("timer_create NULL sigevent", syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &id));
    syscall(SYS_timer_delete, id);
    err("timer_create bad clock", syscall(SYS_timer_create, 12345, &sev, &id));
    sev.sigev_notify = 7;
    err("timer_create bad notify", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = 0;
    err("timer_create signo 0", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev.sigev_signo = 65;
    err("timer_create signo 65", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    sev.sigev_signo = SIGUSR1;
    err("timer_create bad sigevent ptr", syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)8, &id));
    err("timer_create bad id ptr", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, (void *)8));
    err("timer_create ok again", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id));
    printf("id reused after the failed one: %d\n", id);
    syscall(SYS_timer_delete, id);
}

/* SIGEV_THREAD: glibc runs the function on a helper thread. */
static volatile int thread_calls;
static void notify_fn(union sigval v) { thread_calls += v.sival_int; }
static void test_sigev_thread(void)
{
    struct sigevent sev;
    timer_t t;
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = notify_fn;
    sev.sigev_value.sival_int = 1;
    err("timer_create SIGEV_THREAD", timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
    timer_settime(t, 0, &its, NULL);
    while (thread_calls < 3) usleep(1000);
    timer_delete(t);
    printf("SIGEV_THREAD function ran >= 3 times\n");
}

static void test_timerfd(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    printf("timerfd_create ok %d\n", fd >= 0);
    struct itimerspec its = { { 0, 3000000 }, { 0, 3000000 } }, cur;
    err("timerfd_settime", timerfd_settime(fd, 0, &its, NULL));
    uint64_t n = 0, total = 0;
    while (total < 3) {
        if (read(fd, &n, 8) != 8) { printf("read failed\n"); break; }
        total += n;
    }
    printf("timerfd expirations >= 3\n");
    timerfd_gettime(fd, &cur);
    printf("timerfd interval %ld\n", cur.it_interval.tv_nsec);
    int64_t g64[4];
    err("timerfd_gettime64", syscall(NR_timerfd_gettime64, fd, g64));
    printf("gettime64 interval %lld\n", (long long)g64[1]);
    int32_t zero[4] = { 0, 0, 0, 0 };
    err("timerfd_settime32 disarm", syscall(SYS_timerfd_settime, fd, 0, zero, NULL));
    err("timerfd_settime bad flags", syscall(SYS_timerfd_settime, fd, 0x100, zero, NULL));
    err("timerfd_settime not a timerfd", syscall(SYS_timerfd_settime, 0, 0, zero, NULL));
    err("timerfd_settime bad fd", syscall(SYS_timerfd_settime, 999, 0, zero, NULL));
    err("timerfd_create bad clock", syscall(SYS_timerfd_create, 12345, 0));
    err("timerfd_create bad flags", syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 1));
    int nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    err("read unarmed nonblocking", read(nb, &n, 8));
    close(nb);
    close(fd);
}

static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }
static void test_itimer(void)
{
    signal(SIGALRM, on_alarm);
    struct itimerval it = { { 0, 2000 }, { 0, 2000 } }, cur;
    err("setitimer", setitimer(ITIMER_REAL, &it, NULL));
    while (alarms < 3) pause();
    getitimer(ITIMER_REAL, &cur);
    printf("itimer interval %ld\n", (long)cur.it_interval.tv_usec);
    struct itimerval zero = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &zero, NULL);
    err("setitimer bad which", setitimer(7, &it, NULL));
    err("setitimer 1 s, bad old pointer", syscall(SYS_setitimer, ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 1, 0 } }, (void *)8));
    getitimer(ITIMER_REAL, &cur);
    printf("armed anyway %d\n", cur.it_value.tv_sec == 1 || cur.it_value.tv_usec > 0);
    err("setitimer NULL new value", syscall(SYS_setitimer, ITIMER_REAL, NULL, &cur));
    printf("old value was armed %d\n", cur.it_value.tv_sec == 1 || cur.it_value.tv_usec > 0);
    getitimer(ITIMER_REAL, &cur);
    printf("disarmed %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    unsigned before = alarm(10);
    unsigned left = alarm(0);
    printf("alarm(10) %u alarm(0) in [9,10] %d\n", before, left == 9 || left == 10);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_signal_timer();
    test_thread_id();
    test_none_and_errors();
    test_sigev_thread();
    test_timerfd();
    test_itimer();
    return 0;
}
