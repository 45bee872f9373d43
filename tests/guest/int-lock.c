/*
 * int-lock.c - guest test: lock-prefixed read-modify-write instructions are atomic between
 * threads. Four threads hammer shared counters with lock inc/add/xadd/sub, lock cmpxchg
 * loops, xchg spin locks released by a plain store, and lock bts/btr on a bitmap; the totals
 * are exact only if every instruction is atomic (natively always; under loongbt only with
 * host atomics). Also the misaligned case (a counter that straddles a cache line).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>

#define THREADS 4
#define ITERS 20000

static volatile uint32_t counter_inc, counter_add, counter_xadd, counter_cas, counter_sub = 0;
static volatile uint16_t counter16;
static volatile uint8_t counter8;
static volatile uint32_t spin, protected_count;
static volatile uint32_t bitmap[4];
static unsigned char misaligned_area[128] __attribute__((aligned(64)));

static void *worker(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    volatile uint32_t *straddle = (volatile uint32_t *)(misaligned_area + 62);
    for (int i = 0; i < ITERS; i++) {
        __asm__ volatile("lock incl %0" : "+m"(counter_inc));
        __asm__ volatile("lock addl $3, %0" : "+m"(counter_add));
        uint32_t one = 1;
        __asm__ volatile("lock xaddl %1, %0" : "+m"(counter_xadd), "+r"(one));
        __asm__ volatile("lock subl $2, %0" : "+m"(counter_sub));
        __asm__ volatile("lock incw %0" : "+m"(counter16));
        __asm__ volatile("lock addb $1, %0" : "+m"(counter8));
        __asm__ volatile("lock incl %0" : "+m"(*straddle));
        uint32_t old, nv;
        do {
            old = counter_cas;
            nv = old + 5;
            __asm__ volatile("lock cmpxchgl %2, %1" : "+a"(old), "+m"(counter_cas) : "r"(nv) : "cc");
        } while (old + 5 != nv);
        /* spin lock: xchg to take it, a plain store to release it */
        uint32_t taken;
        do {
            taken = 1;
            __asm__ volatile("xchgl %0, %1" : "+r"(taken), "+m"(spin));
        } while (taken);
        protected_count++;
        __asm__ volatile("movl $0, %0" : "=m"(spin) : : "memory");
        /* each thread owns bit (id + 4k) of the bitmap: set and clear it */
        unsigned bit = id + 4 * (i % 32);
        __asm__ volatile("lock btsl %1, %0" : "+m"(bitmap[0]) : "r"(bit) : "cc");
        __asm__ volatile("lock btrl %1, %0" : "+m"(bitmap[0]) : "r"(bit) : "cc");
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    for (unsigned i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i);
    for (unsigned i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    uint32_t straddle;
    __builtin_memcpy(&straddle, misaligned_area + 62, 4);
    printf("inc %u add %u xadd %u sub %d cas %u\n", counter_inc, counter_add, counter_xadd,
           (int)counter_sub, counter_cas);
    printf("inc16 %u add8 %u straddle %u spin-protected %u bitmap %08x %08x %08x %08x\n",
           counter16, counter8, straddle, protected_count, bitmap[0], bitmap[1], bitmap[2],
           bitmap[3]);
    return 0;
}
