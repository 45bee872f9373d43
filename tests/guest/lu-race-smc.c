/*
 * lu-race-smc.c - threads that generate and run code while other threads store to pages that
 * stay writable; natively no store ever faults. Under a translator the stores race with the
 * write protection it puts on pages holding translated code (self-modifying-code detection):
 *  - W^X threads: mprotect their code page RW, write a function, mprotect it RX, call it;
 *  - an RWX page holds a function one thread keeps calling while two threads store to the
 *    other half of the same page (each store may hit the page while it is write-protected,
 *    both at once);
 *  - a data page between the code pages stays RW the whole time; with 16 KiB host pages
 *    (-host-page-size 16384) all these 4 KiB guest pages share one host page.
 * Usage: lu-race-smc [rounds] (default 2000). Prints the sums, which must match natively.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096
#define HOST_BLOCK 16384                  /* one 16 KiB host page holds the four guest pages */

typedef int (*fn0)(void);

static uint8_t *area;                     /* HOST_BLOCK aligned: code A, data, code B, RWX */
static long rounds = 2000;
static volatile int stop_rwx_runner;

/* mov eax, imm32 ; ret */
static void emit_return_const(uint8_t *p, int32_t v)
{
    p[0] = 0xb8;
    memcpy(p + 1, &v, 4);
    p[5] = 0xc3;
}

/* W^X JIT: regenerate the function on its page every round. */
static void *wx_jit(void *arg)
{
    uint8_t *page = area + (uintptr_t)arg * PAGE;
    long sum = 0;
    for (long i = 0; i < rounds; i++) {
        if (mprotect(page, PAGE, PROT_READ | PROT_WRITE) != 0) { perror("mprotect rw"); exit(2); }
        emit_return_const(page + (i % 16) * 64, (int32_t)i);
        if (mprotect(page, PAGE, PROT_READ | PROT_EXEC) != 0) { perror("mprotect rx"); exit(2); }
        sum += ((fn0)(page + (i % 16) * 64))();
    }
    return (void *)sum;
}

/* Stores to a page that stays writable (the data page or the RWX page's data half). */
struct store_arg { volatile uint32_t *words; long count; };
static void *storer(void *p)
{
    struct store_arg *a = p;
    for (long i = 0; i < a->count; i++)
        a->words[i % 256] += 1;
    return NULL;
}

/* Keeps running the function on the RWX page, so its translation keeps coming back. */
static void *rwx_runner(void *unused)
{
    long calls = 0;
    (void)unused;
    while (!stop_rwx_runner) {
        if (((fn0)(area + 3 * PAGE))() != 42) { puts("rwx function returned a wrong value"); exit(3); }
        calls++;
    }
    return (void *)calls;
}

int main(int argc, char **argv)
{
    if (argc > 1) rounds = atol(argv[1]);
    uint8_t *m = mmap(NULL, 2 * HOST_BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("mmap"); return 1; }
    area = (uint8_t *)(((uintptr_t)m + HOST_BLOCK - 1) & ~(uintptr_t)(HOST_BLOCK - 1));
    emit_return_const(area + 3 * PAGE, 42);
    if (mprotect(area + 3 * PAGE, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) { perror("mprotect"); return 1; }

    long stores = rounds * 20;
    struct store_arg data = { (volatile uint32_t *)(area + PAGE), stores };
    struct store_arg rwx1 = { (volatile uint32_t *)(area + 3 * PAGE + 2048), stores };
    struct store_arg rwx2 = { (volatile uint32_t *)(area + 3 * PAGE + 3072), stores };
    pthread_t jit[2], st[3], runner;
    pthread_create(&runner, NULL, rwx_runner, NULL);
    pthread_create(&jit[0], NULL, wx_jit, (void *)0);
    pthread_create(&jit[1], NULL, wx_jit, (void *)2);
    pthread_create(&st[0], NULL, storer, &data);
    pthread_create(&st[1], NULL, storer, &rwx1);
    pthread_create(&st[2], NULL, storer, &rwx2);

    void *sum[2];
    for (int i = 0; i < 3; i++) pthread_join(st[i], NULL);
    for (int i = 0; i < 2; i++) pthread_join(jit[i], &sum[i]);
    stop_rwx_runner = 1;
    pthread_join(runner, NULL);

    uint64_t total[3] = { 0, 0, 0 };
    for (int i = 0; i < 256; i++) {
        total[0] += data.words[i];
        total[1] += rwx1.words[i];
        total[2] += rwx2.words[i];
    }
    printf("jit sums %ld %ld\n", (long)sum[0], (long)sum[1]);
    printf("stores %llu %llu %llu\n", (unsigned long long)total[0], (unsigned long long)total[1],
           (unsigned long long)total[2]);
    return 0;
}
