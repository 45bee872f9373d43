/*
 * lu-mmap.c - guest address space edge cases: hints and MAP_FIXED, partial munmap, mprotect
 * with faults caught by a SIGSEGV handler (si_addr and si_code: SEGV_MAPERR vs SEGV_ACCERR),
 * mremap growing in place and moving, file mappings (shared writes reach the file, private
 * ones do not), brk growth and shrink, /proc/self/maps (the guest's own view), and bad
 * pointers given to system calls (-EFAULT).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static sigjmp_buf env;
static volatile void *fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, 1);
}

/* Try a read (write = 0) or a write at p; describe the outcome relative to base. */
static void probe(const char *what, volatile char *p, int write, char *base)
{
    if (sigsetjmp(env, 1) == 0) {
        if (write) *p = 1; else (void)*p;
        printf("%-28s ok\n", what);
    } else {
        printf("%-28s SIGSEGV %s at base%+ld\n", what,
               fault_code == SEGV_MAPERR ? "MAPERR" : fault_code == SEGV_ACCERR ? "ACCERR" : "?",
               (long)((char *)fault_addr - base));
    }
}

int main(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    long pg = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", pg);

    /* Five pages; unmap the middle one; protect others differently. */
    char *m = mmap(NULL, 5 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) { perror("mmap"); return 1; }
    memset(m, 0x5a, 5 * pg);
    printf("below 4G: %s, aligned: %s\n", (uintptr_t)m + 5 * pg > (uintptr_t)m ? "yes" : "no",
           ((uintptr_t)m % pg) ? "no" : "yes");
    munmap(m + 2 * pg, pg);
    mprotect(m + pg, pg, PROT_READ);
    mprotect(m + 3 * pg, pg, PROT_NONE);
    probe("read rw page", m + 10, 0, m);
    probe("write ro page", m + pg + 20, 1, m);
    probe("read ro page", m + pg + 20, 0, m);
    probe("read unmapped page", m + 2 * pg + 30, 0, m);
    probe("read PROT_NONE page", m + 3 * pg + 40, 0, m);
    probe("write last page", m + 4 * pg + 50, 1, m);
    mprotect(m + 3 * pg, pg, PROT_READ | PROT_WRITE);
    probe("after mprotect rw", m + 3 * pg + 40, 1, m);
    printf("content kept: %#x\n", (unsigned char)m[3 * pg + 41]);

    /* MAP_FIXED over part of an existing mapping replaces it (fresh zero page). */
    char *f = mmap(m + 4 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED at requested address: %s, byte %d\n", f == m + 4 * pg ? "yes" : "no", f[0]);
    /* A hint that is free is honoured by Linux. */
    char *h = mmap(m + 2 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("free hint honoured: %s\n", h == m + 2 * pg ? "yes" : "no");
    /* Bad arguments. */
    errno = 0;
    void *bad = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap len 0: %s\n", bad == MAP_FAILED ? strerror(errno) : "mapped");
    errno = 0;
    bad = mmap(m + 1, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("mmap unaligned fixed: %s\n", bad == MAP_FAILED ? strerror(errno) : "mapped");
    errno = 0;
    int ur = munmap(m + 1, pg);
    printf("munmap unaligned: %d %s\n", ur, strerror(errno));

    /* mremap: grow (may move), content preserved, old address gone if moved. */
    char *r = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(r, "remap me");
    strcpy(r + pg, "second page");
    char *r2 = mremap(r, 2 * pg, 64 * pg, MREMAP_MAYMOVE);
    printf("mremap grow: %s / %s\n", r2, r2 + pg);
    r2[63 * pg] = 'z';
    char *r3 = mremap(r2, 64 * pg, pg, 0);
    printf("mremap shrink in place: %s %s\n", r3 == r2 ? "same" : "moved", r3);
    probe("after shrink, old tail", r2 + 10 * pg, 0, r2);

    /* File mappings: MAP_SHARED writes reach the file, MAP_PRIVATE ones do not. */
    char path[] = "/tmp/lu-mmap-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    ftruncate(fd, 2 * pg);
    pwrite(fd, "file data", 9, 0);
    char *sh = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *pv = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("mapped file: %.9s / %.9s\n", sh, pv);
    memcpy(sh + pg, "shared write", 12);
    memcpy(pv, "PRIVATE", 7);
    char back[16] = { 0 };
    pread(fd, back, 12, pg);
    printf("file sees shared write: %s\n", back);
    pread(fd, back, 9, 0);
    printf("file ignores private write: %.9s (mapping has %.9s)\n", back, pv);
    char *off = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, pg);
    printf("offset mapping: %.12s\n", off);
    close(fd);

    /* brk: grow, touch, shrink. */
    char *b0 = sbrk(0);
    char *b1 = sbrk(10 * pg);
    memset(b1, 1, 10 * pg);
    sbrk(-(10 * pg));
    printf("brk grew and shrank: %s\n", sbrk(0) == b0 ? "yes" : "no");

    /* /proc/self/maps is the guest's view: glibc finds the main thread's stack in it. */
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[256];
    int lines = 0, stack_line = 0, ours = 0;
    while (maps && fgets(line, sizeof(line), maps)) {
        unsigned long lo, hi;
        lines++;
        if (strstr(line, "[stack]")) stack_line = 1;
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo <= (unsigned long)(uintptr_t)m &&
            (unsigned long)(uintptr_t)m < hi)
            ours = 1;
    }
    if (maps) fclose(maps);
    pthread_attr_t attr;
    void *stack_addr;
    size_t stack_size;
    int local = 0;
    pthread_getattr_np(pthread_self(), &attr);
    pthread_attr_getstack(&attr, &stack_addr, &stack_size);
    printf("/proc/self/maps: lines %s, [stack] %d, lists our mapping %d, main stack found %d\n",
           lines > 3 ? "several" : "few", stack_line, ours,
           (char *)&local >= (char *)stack_addr && (char *)&local < (char *)stack_addr + stack_size);

    /* Bad pointers to system calls: EFAULT, not a crash. */
    char *gone = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, pg);
    int pfd[2], rc;
    pipe(pfd);
    errno = 0;
    rc = (int)write(pfd[1], gone, 4);
    printf("write from unmapped: %d %s\n", rc, strerror(errno));
    write(pfd[1], "abcd", 4);
    errno = 0;
    rc = (int)read(pfd[0], m + pg, 4);
    printf("read into read-only: %d %s\n", rc, strerror(errno));
    /* Straight to the kernel: glibc's own wrappers may touch the buffer themselves. */
    errno = 0;
    rc = (int)syscall(SYS_fstat64, 0, (void *)16);
    printf("fstat64 to a bad pointer: %d %s\n", rc, strerror(errno));
    errno = 0;
    rc = (int)syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)gone);
    printf("clock_gettime to unmapped: %d %s\n", rc, strerror(errno));
    const char *volatile bad_path = (const char *)16;
    errno = 0;
    rc = open(bad_path, O_RDONLY);
    printf("open bad path: %d %s\n", rc, strerror(errno));
    return 0;
}
