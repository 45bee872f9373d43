/*
 * lu-race-syscall.c - the kernel writing guest memory (read(2) from a pipe) into a page that
 * holds code another thread keeps running, and into the neighbouring page (the same host page
 * with 16 KiB host pages). Natively every read succeeds. Under a translator the page is
 * write-protected while it holds translated code; a read that races with the code being
 * translated again must not fail with EFAULT.
 * Usage: lu-race-syscall [rounds] (default 20000).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096
#define HOST_BLOCK 16384

static uint8_t *area;                    /* HOST_BLOCK aligned: page 0 code + buffer, page 1 buffer */
static volatile int stop;

static void *runner(void *unused)
{
    long sum = 0;
    (void)unused;
    while (!stop) sum += ((int (*)(void))area)();
    return (void *)sum;
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 20000, failed = 0;
    uint8_t *m = mmap(NULL, 2 * HOST_BLOCK, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("mmap"); return 1; }
    area = (uint8_t *)(((uintptr_t)m + HOST_BLOCK - 1) & ~(uintptr_t)(HOST_BLOCK - 1));
    static const uint8_t code[] = { 0xb8, 1, 0, 0, 0, 0xc3 };      /* mov eax, 1 ; ret */
    memcpy(area, code, sizeof(code));
    int fds[2];
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    pthread_t t;
    pthread_create(&t, NULL, runner, NULL);
    for (long i = 0; i < rounds; i++) {
        uint8_t *dst = i & 1 ? area + PAGE + (i % 2048) : area + 2048 + (i % 1024);
        char c = (char)('a' + i % 26);
        if (write(fds[1], &c, 1) != 1) { perror("write"); return 1; }
        if (read(fds[0], dst, 1) != 1 || *dst != (uint8_t)c) failed++;
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("reads into code pages: %ld rounds, %ld failed\n", rounds, failed);
    return 0;
}
