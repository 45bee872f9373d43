/*
 * lu-sys-order.c - directed cases for what the differential system-call fuzzer
 * (tests/syscall-diff/) found: the kernel's order of checks in readv/writev/preadv/pwritev,
 * fcntl, ioctl and mmap on O_PATH descriptors, pipes and eventfds; epoll_wait's descriptor
 * before maxevents; a pipe write running into a hole; mmap's map-type checks after
 * the placement; mprotect with PROT_GROWSDOWN / PROT_GROWSUP; mremap shrinking a move and MREMAP_DONTUNMAP's rounded sizes; mincore's
 * ENOMEM before EFAULT; getcwd's ERANGE and EFAULT; a path of PATH_MAX bytes followed by a
 * mapped page the file does not back (read past PATH_MAX would be SIGBUS); structures copied
 * out over a hole (the prefix is stored); directory reads at the end cookie. Raw calls, compared
 * with the native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "lu-sys.h"

#define PG 4096u

static void test_fd_order(void)
{
    int p[2], opath = open(dir, O_PATH), efd = eventfd(0, EFD_NONBLOCK);
    char b[8];
    struct iovec iov = { b, sizeof(b) };
    show("pipe2", pipe2(p, O_NONBLOCK));
    show("readv(O_PATH, 1)", syscall(SYS_readv, opath, &iov, 1));
    show("fcntl(O_PATH, 1234)", syscall(SYS_fcntl64, opath, 1234, 0));
    show("fcntl(O_PATH, F_GETFD)", syscall(SYS_fcntl64, opath, F_GETFD, 0));
    show("ioctl(O_PATH, 0x1234)", syscall(SYS_ioctl, opath, 0x1234, 0));
    show("mmap2(O_PATH, unaligned FIXED_NOREPLACE)",
         syscall(SYS_mmap2, 0x10000123, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, opath, 0));
    /* positional calls: ESPIPE before the iovec count; the mode before the iovec */
    show("pwritev(pipe, 1025 iovecs)", syscall(SYS_pwritev, p[1], &iov, 1025, 0, 0));
    show("preadv(eventfd, 1025 iovecs)", syscall(SYS_preadv, efd, &iov, 1025, 10, 0));
    show("preadv2(eventfd, off 0xffffffff)", syscall(SYS_preadv2, efd, (void *)0xffffe000, 1, -1, 0, 0));
    show("preadv2(pipe, off -1: position)", syscall(SYS_preadv2, p[0], &iov, 1, -1, -1, 0));
    show("pwritev2(pipe, off -2)", syscall(SYS_pwritev2, p[1], &iov, 1, -2, -1, 0));
    show("writev(read end, 0x7fffffff)", syscall(SYS_writev, p[0], &iov, 0x7fffffff));
    show("readv(write end, -1)", syscall(SYS_readv, p[1], &iov, -1));
    /* epoll: the descriptor before maxevents; its own ioctl refuses unknown requests */
    int ep = epoll_create1(0);
    struct epoll_event ev[2];
    show("epoll_wait(-100, max 0)", syscall(SYS_epoll_wait, -100, ev, 0, 0));
    show("epoll_wait(pipe, max 0)", syscall(SYS_epoll_wait, p[0], ev, 0, 0));
    show("epoll_wait(epoll, max 0)", syscall(SYS_epoll_wait, ep, ev, 0, 0));
    show("ioctl(epoll, 0x1234)", syscall(SYS_ioctl, ep, 0x1234, 0));
    close(ep);
    /* a pipe write from a buffer running into a hole: the partly copied page is EFAULT */
    char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(m + PG, PG);
    show("write(pipe, 100 bytes before a hole, 200)", syscall(SYS_write, p[1], m + PG - 100, 200));
    munmap(m, PG);
    close(p[0]); close(p[1]); close(opath); close(efd);
}

static void test_mmap_order(void)
{
    char *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* anonymous MAP_SHARED_VALIDATE: EINVAL, but only after the placement (EEXIST first) */
    show("mmap2(anon SHARED_VALIDATE)", syscall(SYS_mmap2, 0, 3 * PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0));
    show("mmap2(anon SHARED_VALIDATE, busy NOREPLACE) EEXIST",
         syscall(SYS_mmap2, m, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == -1 && errno == EEXIST);
    /* a MAP_GROWSDOWN mapping: PROT_GROWSDOWN extends mprotect to its start */
    munmap(m + 2 * PG, 2 * PG);
    show("mmap2(GROWSDOWN, fixed) == addr",
         syscall(SYS_mmap2, m + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0) == (long)(m + 2 * PG));
    show("mprotect(top page, READ|GROWSDOWN)", syscall(SYS_mprotect, m + 3 * PG, PG, PROT_READ | PROT_GROWSDOWN));
    show("mprotect(plain page, READ|GROWSDOWN)", syscall(SYS_mprotect, m, PG, PROT_READ | PROT_GROWSDOWN));
    show("mprotect(mapped, READ|GROWSUP)", syscall(SYS_mprotect, m, 2 * PG, PROT_READ | PROT_GROWSUP));
    munmap(m, 4 * PG);
    show("mprotect(unmapped, READ|GROWSUP)", syscall(SYS_mprotect, m, 2 * PG, PROT_READ | PROT_GROWSUP));
    show("mprotect(unmapped, READ|GROWSDOWN)", syscall(SYS_mprotect, m, 2 * PG, PROT_READ | PROT_GROWSDOWN));
    /* mremap moving 3 pages to 1 elsewhere: only the first page must be mapped */
    m = mmap(NULL, 6 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[0] = 42;
    munmap(m + PG, 2 * PG);
    long r = syscall(SYS_mremap, m, 3 * PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, m + 4 * PG);
    show("mremap(3 pages, 2 unmapped -> 1, FIXED) == new", r == (long)(m + 4 * PG));
    printf("moved byte %d\n", r == (long)(m + 4 * PG) ? m[4 * PG] : -1);
    r = syscall(SYS_mremap, m + 4 * PG, PG, 1, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
    show("mremap(DONTUNMAP, 1 page -> 1 byte) moved", r == -1 ? -1 : r != (long)(m + 4 * PG));
    if (r != -1) munmap((void *)r, PG);
    show("mremap(unmapped start)", syscall(SYS_mremap, m + PG, PG, 2 * PG, MREMAP_MAYMOVE, 0));
    munmap(m, 6 * PG);
    show("mincore(NULL, 1 page, top page)", syscall(SYS_mincore, 0, PG, 0xffffe000u));
}

static void test_getcwd(void)
{
    char b[4];
    show("getcwd(0xfffffff0, 200)", syscall(SYS_getcwd, 0xfffffff0u, 200));
    show("getcwd(buf, 1)", syscall(SYS_getcwd, b, 1));
    show("getcwd(NULL, 4096)", syscall(SYS_getcwd, NULL, 4096));
}

/* PATH_MAX bytes without a NUL, then a page of a private file mapping past the file's end:
 * the kernel reads PATH_MAX bytes (ENAMETOOLONG) and never the page after them. */
static void *b_stat(void)
{
    static char st[128];
    return st;
}

static void test_long_path(void)
{
    int fd = make_file("page", NULL);
    show("ftruncate(page)", ftruncate(fd, PG));
    char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    memset(m, 'r', PG);
    show("open(4096 x 'r', then unbacked page)", syscall(SYS_open, m, O_RDONLY));
    show("stat64(4096 x 'r', then unbacked page)", syscall(SYS_stat64, m, b_stat()));
    munmap(m, 2 * PG);
    close(fd);
    unlink(path("page"));
}

/* A structure copied out over a hole keeps the bytes before it (copy_to_user); a directory
 * read at its end cookie is EISDIR; the end cookie as an i386 task sees it. */
static void test_partial_and_dirs(void)
{
    char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(m + PG, PG);
    memset(m, 'x', PG);
    show("uname(54 bytes before a hole)", syscall(SYS_uname, m + PG - 54));
    printf("uname prefix: %.5s\n", m + PG - 54);
    show("ugetrlimit(3 bytes before a hole)", syscall(SYS_ugetrlimit, RLIMIT_NOFILE, m + PG - 3));
    printf("rlimit prefix stored: %d\n", memcmp(m + PG - 3, "xxx", 3) != 0);
    munmap(m, PG);
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[4096];
    while (syscall(SYS_getdents64, d, buf, sizeof(buf)) > 0)
        continue;
    show("futex(unaligned, WAIT, PROT_NONE timeout)",
         syscall(SYS_futex, m + 2, FUTEX_WAIT_PRIVATE, 6, (void *)0xffffe000u, NULL, 0));
    show("read(directory at its end)", syscall(SYS_read, d, buf, 218));
    show("lseek(directory, 0, SEEK_END) >= 0", syscall(SYS_lseek, d, 0, SEEK_END) >= 0);
    show("read(directory after SEEK_END)", syscall(SYS_read, d, buf, 218));
    close(d);
}

int main(void)
{
    snprintf(dir, sizeof(dir), "/tmp/lu-sys-order.%d", (int)getpid());
    mkdir(dir, 0755);
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_fd_order();
    test_mmap_order();
    test_getcwd();
    test_long_path();
    test_partial_and_dirs();
    rmdir(dir);
    return 0;
}
