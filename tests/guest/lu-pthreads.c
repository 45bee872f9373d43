/*
 * lu-pthreads.c - POSIX threads under loongbt: create/join with results, pthread_exit codes,
 * a mutex-protected counter under contention, a condition-variable queue between producers and
 * consumers, thread-local variables (%gs TLS per thread), a barrier, fork while threads run,
 * and threads that are still running when main returns.  Output is deterministic: only totals are printed.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define NTHREADS 8
#define ROUNDS   20000

static __thread int tls_value = 7;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

/* ---- create/join, return values and pthread_exit ------------------------------------------ */
static void *square(void *arg)
{
    intptr_t n = (intptr_t)arg;
    tls_value = (int)n;                  /* each thread has its own copy */
    if (n % 2)
        pthread_exit((void *)(n * n + tls_value));
    return (void *)(n * n + tls_value);
}

/* ---- contention on a mutex ----------------------------------------------------------------- */
static void *bump(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
        if (i % 1000 == 0) sched_yield();
    }
    return NULL;
}

/* ---- condition variable queue -------------------------------------------------------------- */
#define QSIZE 16
#define ITEMS 3000
static int queue[QSIZE], qhead, qtail, qcount, producers_done;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static long consumed_sum, consumed_count;

static void *producer(void *arg)
{
    int base = (int)(intptr_t)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (qcount == QSIZE) pthread_cond_wait(&not_full, &lock);
        queue[qtail] = base + i;
        qtail = (qtail + 1) % QSIZE;
        qcount++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0, n = 0;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (qcount == 0 && producers_done < 2) pthread_cond_wait(&not_empty, &lock);
        if (qcount == 0) { pthread_mutex_unlock(&lock); break; }
        sum += queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qcount--;
        n++;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    consumed_sum += sum;
    consumed_count += n;
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* ---- barrier and TLS ----------------------------------------------------------------------- */
static pthread_barrier_t barrier;
static int tls_seen[NTHREADS];

static void *tls_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    tls_value = 100 + id;
    pthread_barrier_wait(&barrier);      /* everyone has written its own copy */
    tls_seen[id] = tls_value;
    return NULL;
}

static void *sleeper(void *arg)
{
    for (;;) pause();
    return arg;
}

int main(void)
{
    pthread_t t[NTHREADS];
    long total = 0;

    for (intptr_t i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, square, (void *)i)) { perror("pthread_create"); return 1; }
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        total += (intptr_t)r;
    }
    printf("join results: %ld, main tls %d\n", total, tls_value);

    for (int i = 0; i < NTHREADS; i++) pthread_create(&t[i], NULL, bump, NULL);
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    printf("counter: %ld (expected %d)\n", counter, NTHREADS * ROUNDS);

    pthread_t prod[2], cons[3];
    for (int i = 0; i < 3; i++) pthread_create(&cons[i], NULL, consumer, NULL);
    for (int i = 0; i < 2; i++) pthread_create(&prod[i], NULL, producer, (void *)(intptr_t)(i * 100000));
    for (int i = 0; i < 2; i++) pthread_join(prod[i], NULL);
    pthread_mutex_lock(&lock);
    producers_done = 2;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < 3; i++) pthread_join(cons[i], NULL);
    printf("queue: %ld items, sum %ld\n", consumed_count, consumed_sum);

    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (intptr_t i = 0; i < NTHREADS; i++) pthread_create(&t[i], NULL, tls_worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    int ok = 1;
    for (int i = 0; i < NTHREADS; i++) ok &= tls_seen[i] == 100 + i;
    printf("tls per thread: %s, main tls still %d\n", ok ? "ok" : "MIXED", tls_value);

    /* fork while other threads run: the child has only the forking thread and must be able
     * to translate new code, map memory and start threads of its own. */
    counter = 0;
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, bump, NULL);
    pid_t child = fork();
    if (child == 0) {
        pthread_t c;
        void *r;
        char *mem = malloc(1 << 20);
        mem[12345] = 7;
        pthread_create(&c, NULL, square, (void *)(intptr_t)6);
        pthread_join(c, &r);
        _exit((int)(intptr_t)r + mem[12345]);
    }
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    int status;
    waitpid(child, &status, 0);
    printf("fork with threads running: child exit %d, counter %ld\n", WEXITSTATUS(status), counter);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    pthread_create(&d, &attr, sleeper, NULL);
    printf("exit with a thread still running\n");
    fflush(stdout);
    return 3;                           /* exit_group ends the sleeper too */
}
