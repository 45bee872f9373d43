/*
 * threads.c - micro-benchmark with two threads: each runs its own integer work and, every few
 * iterations, a locked read-modify-write on a shared counter (lock xadd) and a short
 * mutex-protected update of a shared table, so the translator's atomics, its thread-safe
 * code cache and futex-based waking all take part.  The result does not depend on the
 * interleaving (sums commute), so native and translated runs print the same line.
 * Usage: threads [scale]   (scale 1 is about 1 s of CPU natively per thread; linear)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static uint32_t shared_counter;
static uint32_t table[256];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t iterations;

struct worker { uint32_t seed, result; };

static void *work(void *arg)
{
    struct worker *w = arg;
    uint32_t x = w->seed, acc = 0;
    for (uint32_t i = 0; i < iterations; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        acc += x % 1000003u;
        if ((i & 15) == 0)
            __atomic_fetch_add(&shared_counter, x & 0xff, __ATOMIC_SEQ_CST);
        if ((i & 1023) == 0) {
            pthread_mutex_lock(&table_lock);
            table[x & 255] += x >> 8;
            pthread_mutex_unlock(&table_lock);
        }
    }
    w->result = acc;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    iterations = (uint32_t)(360000000 * scale) + 1;
    struct worker w[2] = { { 2463534242u, 0 }, { 88675123u, 0 } };
    pthread_t t;
    if (pthread_create(&t, NULL, work, &w[1]) != 0)
        return 1;
    work(&w[0]);
    pthread_join(t, NULL);
    uint32_t tsum = 0;
    for (int i = 0; i < 256; i++)
        tsum += table[i];
    printf("threads %08x %08x counter %08x table %08x\n", w[0].result, w[1].result, shared_counter, tsum);
    return 0;
}
