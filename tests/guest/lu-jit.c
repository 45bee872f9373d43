/*
 * lu-jit.c - self-modifying code the way a JIT does it: write i386 code into an mmap'ed
 * buffer, call it, rewrite it (also code that already ran, and code on the page of a running
 * loop), call again; the translator must notice every change (write-protected code pages).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn0)(void);
typedef int (*fn1)(int);

/* mov eax, imm32 ; ret */
static void emit_return_const(uint8_t *p, int32_t v)
{
    p[0] = 0xb8;
    memcpy(p + 1, &v, 4);
    p[5] = 0xc3;
}

/* mov eax, [esp+4] ; add eax, imm32 ; ret */
static void emit_add_const(uint8_t *p, int32_t v)
{
    static const uint8_t head[] = { 0x8b, 0x44, 0x24, 0x04, 0x05 };
    memcpy(p, head, sizeof(head));
    memcpy(p + 5, &v, 4);
    p[9] = 0xc3;
}

int main(void)
{
    uint8_t *buf = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) { perror("mmap"); return 1; }

    /* 1: generate, run, regenerate in place, run again (many times: the TB must follow). */
    long sum = 0;
    for (int i = 0; i < 200; i++) {
        emit_return_const(buf, i * 3);
        sum += ((fn0)buf)();
    }
    printf("regenerated 200 times: sum %ld\n", sum);

    /* 2: patch only the immediate of code that already ran. */
    emit_add_const(buf + 64, 1000);
    int a = ((fn1)(buf + 64))(5);
    int32_t v = -7;
    memcpy(buf + 64 + 5, &v, 4);
    int b = ((fn1)(buf + 64))(5);
    printf("patched immediate: %d then %d\n", a, b);

    /* 3: code on the same page as data the loop keeps writing. */
    int *counter = (int *)(buf + 2048);
    *counter = 0;
    emit_return_const(buf + 128, 1);
    long total = 0;
    for (int i = 0; i < 1000; i++) {
        (*counter)++;
        total += ((fn0)(buf + 128))();
        if (i == 500) emit_return_const(buf + 128, 2);
    }
    printf("code and data on one page: counter %d total %ld\n", *counter, total);

    /* 4: W^X style: write with PROT_WRITE, flip to PROT_EXEC, run, flip back, rewrite. */
    uint8_t *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int r[3];
    for (int k = 0; k < 3; k++) {
        mprotect(wx, 4096, PROT_READ | PROT_WRITE);
        emit_return_const(wx, 100 + k);
        mprotect(wx, 4096, PROT_READ | PROT_EXEC);
        r[k] = ((fn0)wx)();
    }
    printf("W^X flips: %d %d %d\n", r[0], r[1], r[2]);

    /* 5: a second buffer mapped over the first (MAP_FIXED) holds different code. */
    emit_return_const(buf + 4096, 11);
    int before = ((fn0)(buf + 4096))();
    mmap(buf + 4096, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    emit_return_const(buf + 4096, 22);
    int after = ((fn0)(buf + 4096))();
    printf("remapped page: %d then %d\n", before, after);
    return 0;
}
