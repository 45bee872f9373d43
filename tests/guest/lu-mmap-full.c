/*
 * lu-mmap-full.c - mmap in a full address space, compared with the native run: 1 MiB
 * anonymous mappings until ENOMEM, then holes punched in the middle of the filled space must
 * be found again (a 1 MiB hole by a 1 MiB mmap, two 1 MiB holes side by side by a 2 MiB one),
 * and a size no hole fits fails with ENOMEM. Addresses are randomised: only whether the hole
 * was reused is printed. (The search steps over whole empty and full 1 MiB blocks; a python
 * that filled 4 GiB made each of its failing mmaps scan every page before.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MIB (1u << 20)
#define MAX_MAPS 4096

static void *maps[MAX_MAPS];

static void *map(size_t len)
{
    return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* Index of the mapping at p in maps[], or -1. */
static int find_map(int n, void *p)
{
    for (int i = 0; i < n; i++)
        if (maps[i] == p) return i;
    return -1;
}

int main(void)
{
    int n = 0;
    void *p;
    while (n < MAX_MAPS && (p = map(MIB)) != MAP_FAILED) maps[n++] = p;
    int fill_errno = errno;
    /* Results are printed at the end: stdio's buffer needs memory that is not there yet. */
    int filled = n >= 1024 && n < MAX_MAPS && fill_errno == ENOMEM;

    /* One hole in the middle: a 1 MiB mmap takes it, a second one fails. */
    void *hole = maps[n / 2];
    munmap(hole, MIB);
    p = map(MIB);
    int reused1 = p == hole;
    void *again = map(MIB);
    int full1 = again == MAP_FAILED && errno == ENOMEM;

    /* Two neighbouring mappings freed: a 2 MiB mmap takes both, 3 MiB fits nowhere. */
    int i = -1;
    for (int k = n / 3; k < n && i < 0; k++)
        if (find_map(n, (char *)maps[k] + MIB) >= 0) i = k;
    int pair_found = i >= 0, reused2 = 0, full3 = 0;
    if (pair_found) {
        void *lo = maps[i];
        munmap(lo, 2 * MIB);
        p = map(2 * MIB);
        reused2 = p == lo;
        full3 = map(3 * MIB) == MAP_FAILED && errno == ENOMEM;
    }

    printf("filled with 1 MiB mappings until ENOMEM: %s\n", filled ? "yes" : "no");
    printf("1 MiB hole found again: %s\n", reused1 ? "yes" : "no");
    printf("then 1 MiB more: %s\n", full1 ? "ENOMEM" : "mapped");
    printf("two neighbouring mappings: %s\n", pair_found ? "yes" : "no");
    printf("2 MiB hole found again: %s\n", reused2 ? "yes" : "no");
    printf("then 3 MiB: %s\n", full3 ? "ENOMEM" : "mapped");
    return 0;
}
