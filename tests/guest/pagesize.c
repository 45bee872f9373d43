/*
 * pagesize.c - guest memory at 4 KiB granularity, for hosts whose pages are bigger (LoongArch's
 * 16 KiB, or loongbt -host-page-size 16384 on x86_64): fixed mappings and unmappings of single
 * 4 KiB pages next to live ones, file mappings at 4 KiB offsets, remapped pages reading as zero,
 * brk shrinking and growing by pages, mremap of an unaligned range, madvise(MADV_DONTNEED) of
 * single pages, and self-modifying code in a page that shares a (host) page with data written
 * in between. Every result is printed; the native run is the oracle. Faults inside a host page shared with accessible guest pages are not
 * tested: loongbt gives such a host page the union of the protections (see linux-user/mmap.c).
 */
#define _GNU_SOURCE                     /* mremap */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>

#define PG 4096u

static unsigned checksum(const unsigned char *p, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

static int all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

static unsigned char *map_fixed(unsigned char *at, size_t len, int prot)
{
    void *p = mmap(at, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p != at) { printf("mmap fixed %p failed\n", (void *)at); exit(1); }
    return p;
}

/* Single pages mapped, unmapped and remapped next to live neighbours. */
static void test_fixed_pages(unsigned char *base)
{
    for (unsigned i = 1; i < 15; i++) {
        unsigned char *pg = map_fixed(base + i * PG, PG, PROT_READ | PROT_WRITE);
        memset(pg, (int)(0x10 + i), PG);
    }
    int ok = 1;
    for (unsigned i = 1; i < 15; i++) ok &= all_bytes(base + i * PG, PG, (unsigned char)(0x10 + i));
    printf("fixed pages keep their neighbours: %d\n", ok);

    /* Unmap every third page, map it again: it must read as zeros, the others unchanged. */
    for (unsigned i = 2; i < 15; i += 3) munmap(base + i * PG, PG);
    for (unsigned i = 2; i < 15; i += 3) map_fixed(base + i * PG, PG, PROT_READ | PROT_WRITE);
    ok = 1;
    for (unsigned i = 1; i < 15; i++)
        ok &= all_bytes(base + i * PG, PG, (i % 3 == 2) ? 0 : (unsigned char)(0x10 + i));
    printf("remapped pages read zero, others intact: %d\n", ok);

    /* A fresh mapping over live pages replaces them with zeros. */
    map_fixed(base + 5 * PG, 3 * PG, PROT_READ | PROT_WRITE);
    printf("map over live pages: %d %d %d\n", all_bytes(base + 5 * PG, 3 * PG, 0),
           all_bytes(base + 4 * PG, PG, 0x14), all_bytes(base + 8 * PG, PG, 0));

    /* Read-only pages next to writable ones still read their data. */
    memset(base + 9 * PG, 0x99, PG);
    printf("mprotect ro: %d\n", mprotect(base + 9 * PG, PG, PROT_READ));
    printf("ro page reads %d, neighbour writable %d\n", all_bytes(base + 9 * PG, PG, 0x99),
           (base[10 * PG] = 7, base[10 * PG] == 7));
    printf("mprotect rw again: %d\n", mprotect(base + 9 * PG, PG, PROT_READ | PROT_WRITE));
    base[9 * PG + 5] = 1;
    printf("written after mprotect: %d\n", base[9 * PG + 5]);
}

/* File mappings whose offsets are 4 KiB- but not 16 KiB-aligned. */
static void test_file_maps(unsigned char *base)
{
    FILE *f = tmpfile();
    unsigned char buf[8 * PG];
    if (!f) { printf("tmpfile failed\n"); return; }
    for (unsigned i = 0; i < sizeof(buf); i++) buf[i] = (unsigned char)(i * 7 + i / PG);
    fwrite(buf, 1, sizeof(buf) - 100, f);          /* the last page is partial */
    fflush(f);
    int fd = fileno(f);

    unsigned char *m = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE, fd, PG);
    printf("file map at offset 4K: %s, %08x vs %08x\n", m == MAP_FAILED ? "failed" : "ok",
           m == MAP_FAILED ? 0 : checksum(m, 3 * PG), checksum(buf + PG, 3 * PG));

    unsigned char *at = base + 3 * PG;
    m = mmap(at, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 6 * PG);
    printf("fixed file map at offset 24K: %d, %08x vs %08x\n", m == at,
           checksum(at, PG), checksum(buf + 6 * PG, PG));
    /* The partial last page of the file: file bytes, then zeros. */
    printf("tail of the file page: %d %d\n", at[2 * PG - 101] == buf[8 * PG - 101],
           all_bytes(at + 2 * PG - 100, 100, 0));
    at[0] ^= 0xff;                                   /* private: the file is unchanged */
    unsigned char b;
    printf("private write: pread %d, mapped %d\n",
           pread(fd, &b, 1, 6 * PG) == 1 && b == buf[6 * PG], at[0] == (unsigned char)(buf[6 * PG] ^ 0xff));
    printf("neighbour page intact: %d\n", all_bytes(base + 2 * PG, PG, 0));
    fclose(f);
}

/* brk shrunk by pages and grown again: the returned pages read as zeros. */
static void test_brk(void)
{
    uintptr_t cur = (uintptr_t)sbrk(0);
    sbrk((intptr_t)(((cur + PG - 1) & ~(uintptr_t)(PG - 1)) - cur));
    unsigned char *p = sbrk(5 * PG);
    memset(p, 0xaa, 5 * PG);
    sbrk(-3 * (intptr_t)PG);
    unsigned char *q = sbrk(3 * PG);
    printf("brk regrow: same address %d, kept %d, new zero %d\n", q == p + 2 * PG,
           all_bytes(p, 2 * PG, 0xaa), all_bytes(q, 3 * PG, 0));
    sbrk(-5 * (intptr_t)PG);
}

/* mremap of a 3-page range at a 4 KiB (not 16 KiB) boundary, grown and moved. */
static void test_mremap(unsigned char *base)
{
    unsigned char *a = map_fixed(base + 13 * PG, 3 * PG, PROT_READ | PROT_WRITE);
    for (unsigned i = 0; i < 3 * PG; i++) a[i] = (unsigned char)(i * 13);
    unsigned want = checksum(a, 3 * PG);
    map_fixed(base + 16 * PG, PG, PROT_READ | PROT_WRITE);   /* blocks growing in place */
    unsigned char *b = mremap(a, 3 * PG, 6 * PG, MREMAP_MAYMOVE);
    printf("mremap grow: %s moved %d, data %d, new zero %d\n", b == MAP_FAILED ? "failed" : "ok",
           b != a, b != MAP_FAILED && checksum(b, 3 * PG) == want,
           b != MAP_FAILED && all_bytes(b + 3 * PG, 3 * PG, 0));
    if (b == MAP_FAILED) return;
    unsigned char *c = mremap(b, 6 * PG, 2 * PG, 0);
    printf("mremap shrink: same %d, data %d\n", c == b, checksum(c, 2 * PG) == checksum(b, 2 * PG));
    munmap(c, 2 * PG);
}

/* madvise(MADV_DONTNEED) of single pages: private anonymous memory reads back as zeros. */
static void test_madvise(unsigned char *base)
{
    unsigned char *a = map_fixed(base + 1 * PG, 6 * PG, PROT_READ | PROT_WRITE);
    memset(a, 0x5a, 6 * PG);
    int r1 = madvise(a + PG, PG, MADV_DONTNEED);
    int r2 = madvise(a + 3 * PG, 2 * PG, MADV_DONTNEED);
    printf("madvise: %d %d, dropped zero %d %d, kept %d %d %d\n", r1, r2, all_bytes(a + PG, PG, 0),
           all_bytes(a + 3 * PG, 2 * PG, 0), all_bytes(a, PG, 0x5a), all_bytes(a + 2 * PG, PG, 0x5a),
           all_bytes(a + 5 * PG, PG, 0x5a));
}

/* Self-modifying code: code in one page, data in the next, both writable. */
typedef int (*ret_fn)(void);
static void put_code(unsigned char *p, int value)
{
    p[0] = 0xb8;                                     /* mov $value, %eax */
    memcpy(p + 1, &value, 4);
    p[5] = 0xc3;                                     /* ret */
}

static void test_smc(void)
{
    unsigned char *code = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { printf("rwx mmap failed\n"); return; }
    volatile unsigned char *data = code + PG;
    ret_fn fn = (ret_fn)(void *)code;
    int sum = 0;
    put_code(code, 1);
    for (int i = 0; i < 100; i++) {
        sum += fn();
        data[i] = (unsigned char)i;                  /* write next to the code */
        if (i % 10 == 9) put_code(code, i);          /* and into it */
    }
    printf("smc sum %d, data %d\n", sum, data[99]);
    put_code(code + 2 * PG + 16, 77);                /* a third page, after the data page */
    printf("smc third page %d\n", ((ret_fn)(void *)(code + 2 * PG + 16))());
    munmap(code, 4 * PG);
}

int main(void)
{
    unsigned char *base = mmap(NULL, 20 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) { printf("reserve failed\n"); return 1; }
    test_fixed_pages(base);
    test_file_maps(base);
    test_brk();
    test_mremap(base);
    test_madvise(base);
    test_smc();
    printf("done\n");
    return 0;
}
