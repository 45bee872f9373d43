/*
 * loops.c - guest test: nested counted loops, while/do loops with early exits, loops over
 * arrays of every integer width, and a small matrix multiply; prints results and checksums.
 */
#include <stdio.h>
#include <stdint.h>

static int8_t a8[100];
static int16_t a16[100];
static int32_t a32[100];
static int64_t a64[100];

int main(void)
{
    uint32_t sum = 0;
    for (int i = 0; i < 1000; i++)
        for (int j = 0; j < i % 17; j++)
            sum += i * j ^ (sum >> 3);
    printf("nested: %u\n", sum);

    /* collatz lengths: data-dependent while loops */
    unsigned longest = 0, arg = 0;
    for (unsigned n = 1; n < 3000; n++) {
        unsigned len = 0;
        uint64_t x = n;
        while (x != 1) {
            x = (x & 1) ? 3 * x + 1 : x / 2;
            len++;
        }
        if (len > longest) { longest = len; arg = n; }
    }
    printf("collatz: longest %u at %u\n", longest, arg);

    /* do/while with break and continue */
    int k = 0, hits = 0;
    do {
        k++;
        if (k % 3 == 0) continue;
        if (k > 500) break;
        hits += k;
    } while (k < 1000);
    printf("do-while: k %d hits %d\n", k, hits);

    for (int i = 0; i < 100; i++) {
        a8[i] = (int8_t)(i * 37);
        a16[i] = (int16_t)(i * 3001);
        a32[i] = (int32_t)((uint32_t)i * 123456789u);
        a64[i] = (int64_t)i * 0x123456789LL - 5;
    }
    int64_t s8 = 0, s16 = 0, s32 = 0, s64 = 0;
    for (int i = 99; i >= 0; i--) {
        s8 += a8[i];
        s16 += a16[i];
        s32 += a32[i];
        s64 ^= a64[i] * (i + 1);
    }
    printf("widths: %lld %lld %lld %llx\n", (long long)s8, (long long)s16, (long long)s32,
           (unsigned long long)s64);

    /* 12x12 integer matrix multiply */
    static int m1[12][12], m2[12][12], m3[12][12];
    for (int i = 0; i < 12; i++)
        for (int j = 0; j < 12; j++) {
            m1[i][j] = i - j;
            m2[i][j] = i * j + 1;
        }
    for (int i = 0; i < 12; i++)
        for (int j = 0; j < 12; j++) {
            int acc = 0;
            for (int t = 0; t < 12; t++)
                acc += m1[i][t] * m2[t][j];
            m3[i][j] = acc;
        }
    for (int i = 0; i < 12; i += 5) {
        for (int j = 0; j < 12; j++)
            printf(" %6d", m3[i][j]);
        printf("\n");
    }
    /* a long-running loop (many TB executions through chaining) */
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < 5000000; i++)
        h = (h ^ (i & 0xff)) * 16777619u;
    printf("fnv: %08x\n", h);
    return 0;
}
