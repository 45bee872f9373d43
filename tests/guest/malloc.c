/*
 * malloc.c - guest test: malloc/free/realloc/calloc of many sizes, from a few bytes up to
 * several MiB (those go to mmap/mremap), with every block filled and checksummed so lost or
 * overlapping memory shows up as a different checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define NBLOCKS 512

static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
}

static uint32_t check(const unsigned char *p, size_t n, unsigned seed)
{
    uint32_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += p[i] != (unsigned char)(seed + i * 7);
    return bad;
}

static size_t pick_size(void)
{
    uint32_t r = rng();
    switch (r % 8) {
    case 0: return r % 16 + 1;
    case 1: case 2: return r % 256 + 1;
    case 3: case 4: return r % 4096 + 1;
    case 5: return r % 65536 + 1;
    case 6: return r % 300000 + 100000;        /* above the mmap threshold */
    default: return r % 100 + 1;
    }
}

int main(void)
{
    static unsigned char *blk[NBLOCKS];
    static size_t len[NBLOCKS];
    uint32_t errors = 0, sum = 0;

    for (int round = 0; round < 6; round++) {
        for (int i = 0; i < NBLOCKS; i++) {
            if (blk[i] && (rng() & 1)) {
                errors += check(blk[i], len[i], i);
                if (rng() & 1) {
                    free(blk[i]);
                    blk[i] = NULL;
                } else {                       /* grow or shrink, keep the common prefix */
                    size_t n = pick_size();
                    blk[i] = realloc(blk[i], n);
                    errors += check(blk[i], n < len[i] ? n : len[i], i);
                    len[i] = n;
                    fill(blk[i], n, i);
                }
            }
            if (!blk[i]) {
                len[i] = pick_size();
                blk[i] = malloc(len[i]);
                if (!blk[i]) { printf("malloc(%zu) failed\n", len[i]); return 1; }
                fill(blk[i], len[i], i);
            }
        }
        size_t total = 0;
        for (int i = 0; i < NBLOCKS; i++) {
            total += len[i];
            for (size_t j = 0; j < len[i]; j += 97)
                sum = sum * 31 + blk[i][j];
        }
        printf("round %d: %zu bytes live, checksum %08x, errors %u\n", round, total, sum, errors);
    }
    /* big blocks: mmap-backed, grown with realloc (mremap) */
    size_t big = 1 << 20;
    unsigned char *b = malloc(big);
    fill(b, big, 3);
    for (int k = 0; k < 4; k++) {
        b = realloc(b, big * 2);
        errors += check(b, big, 3);
        big *= 2;
        fill(b, big, 3);
        printf("big realloc to %zu: errors %u\n", big, errors);
    }
    free(b);
    unsigned *z = calloc(100000, sizeof(unsigned));
    unsigned nz = 0;
    for (int i = 0; i < 100000; i++)
        nz += z[i] != 0;
    printf("calloc nonzero words: %u\n", nz);
    free(z);
    for (int i = 0; i < NBLOCKS; i++) {
        errors += check(blk[i], len[i], i);
        free(blk[i]);
    }
    printf("final errors %u\n", errors);
    return errors != 0;
}
