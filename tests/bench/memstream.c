/*
 * memstream.c - micro-benchmark for memory streaming: STREAM-like copy, scale, add and triad
 * kernels over 32-bit integer arrays bigger than the caches, plus a byte-wise checksum pass
 * (narrow loads) and memcpy/memset from libc (string instructions or vector code).  The
 * translator's load/store fast path (address computation, no softmmu here but guest_base
 * addressing) dominates.
 * Usage: memstream [scale]   (scale 1 is about 1 s natively; the work grows linearly)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define N (2 * 1024 * 1024)    /* elements per array: 8 MiB each */

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    int passes = (int)(170 * scale) + 1;
    uint32_t *a = malloc(N * sizeof(*a)), *b = malloc(N * sizeof(*b)), *c = malloc(N * sizeof(*c));
    if (!a || !b || !c)
        return 1;
    for (uint32_t i = 0; i < N; i++) {
        a[i] = i * 2654435761u;
        b[i] = i ^ 0x5a5a5a5a;
    }
    uint32_t sum = 0;
    for (int p = 0; p < passes; p++) {
        for (int i = 0; i < N; i++)              /* copy */
            c[i] = a[i];
        for (int i = 0; i < N; i++)              /* scale */
            b[i] = 3 * c[i] + (uint32_t)p;
        for (int i = 0; i < N; i++)              /* add */
            c[i] = a[i] + b[i];
        for (int i = 0; i < N; i++)              /* triad */
            a[i] = b[i] + 5 * c[i];
        const uint8_t *bytes = (const uint8_t *)a;
        for (size_t i = 0; i < N * sizeof(*a); i += 7)
            sum = sum * 31 + bytes[i];
        memcpy(b, a, N * sizeof(*a));
        memset(c, p, N * sizeof(*c));
        sum += b[p * 977 % N] + c[p];
    }
    printf("memstream %08x\n", sum);
    return 0;
}
