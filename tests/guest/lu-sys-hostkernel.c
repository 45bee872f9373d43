/*
 * lu-sys-hostkernel.c - what needs the real host kernel underneath loongbt. Guest buffers
 * handed to the kernel: a read or write that meets an unmapped
 * page part way returns the bytes before it, a buffer the kernel never touches (write to
 * /dev/null, getcwd's size) is never checked, a bad descriptor is reported before a bad
 * buffer, and the kernel may write into a page whose code has just run (the translator keeps
 * such pages write-protected); flags are checked before names are read. And calls qemu-user does not provide: mq_notify,
 * futex_waitv, get_mempolicy / set_mempolicy, move_pages, migrate_pages, set_mempolicy_home_node. Compared with
 * the native run.
 *
 * Not run under qemu-loongarch64 (there the "kernel" is qemu's syscall layer, which checks
 * whole buffers up front) nor with big host pages (4 KiB fault granularity): tests/Makefile.inc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mqueue.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "lu-sys.h"

/* Buffers the kernel fills partly, never touches, or rejects by the i386 limit. */
static void test_guest_memory(void)
{
    long pg = 4096;
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(m + pg, pg);
    int fd = make_file("big", NULL);
    char block[8192];
    memset(block, 'b', sizeof(block));
    write(fd, block, sizeof(block));
    lseek(fd, 0, SEEK_SET);
    show("read partly into a mapped tail", syscall(SYS_read, fd, m + pg - 100, 1000));
    show("pread partly", syscall(SYS_pread64, fd, m + pg - 10, 1000, 0, 0));
    show("read into unmapped", syscall(SYS_read, fd, m + pg, 10));
    int nul = open("/dev/null", O_WRONLY);
    show("write 16 from NULL to /dev/null", syscall(SYS_write, nul, NULL, 16));
    show("write from NULL to a bad fd", syscall(SYS_write, -1, NULL, 16));
    show("write past the i386 limit", syscall(SYS_write, nul, (void *)0xffffd000, 0x2000));
    show("read past the i386 limit, bad fd", syscall(SYS_read, -1, (void *)0xffffd000, 0x2000));
    show("read 0 bytes to NULL", syscall(SYS_read, fd, NULL, 0));
    char cwd[256];
    show("getcwd huge size", syscall(SYS_getcwd, cwd, 0x7fffffff) > 0);
    show("getcwd size 1", syscall(SYS_getcwd, cwd, 1));
    show("fstat64 bad fd NULL buffer", syscall(SYS_fstat64, -1, NULL));
    show("fstat64 NULL buffer", syscall(SYS_fstat64, fd, NULL));
    mprotect(m, pg, PROT_READ);
    show("read into a read-only page", syscall(SYS_read, fd, m, 10));
    struct iovec iov[2] = { { block, 10 }, { m + pg, 10 } };
    lseek(fd, 0, SEEK_SET);
    show("readv second segment unmapped", syscall(SYS_readv, fd, iov, 2));
    show("getrandom into unmapped", syscall(SYS_getrandom, m + pg, 16, 0));
    show("FUTEX_WAKE on an unmapped word", syscall(SYS_futex, m + pg, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0));
    show("FUTEX_WAIT on an unmapped word", syscall(SYS_futex, m + pg, 0 /* FUTEX_WAIT */, 0, NULL, NULL, 0));
    show("poll array half unmapped", syscall(SYS_poll, m + pg - 8, 2, 0));
    show("readlink into unmapped", syscall(SYS_readlink, "/proc/self/cwd", m + pg, 64));
    show("statx bad path, bad buffer", syscall(SYS_statx, AT_FDCWD, "/nonexistent", 0, 0xfff, m + pg));
    show("statx good path, bad buffer", syscall(SYS_statx, AT_FDCWD, "/", 0, 0xfff, m + pg));
    /* Flags and modes are checked before the name is read (qemu-user reads names first). */
    show("access bad mode, bad path", syscall(SYS_access, (void *)16, 0x100));
    show("unlinkat bad flag, bad path", syscall(SYS_unlinkat, AT_FDCWD, (void *)16, 0x4));
    show("fstatat64 bad flag, bad path", syscall(SYS_fstatat64, AT_FDCWD, (void *)16, NULL, 0x1));

    /* The kernel writes into a page whose code was just run (translated code is protected). */
    unsigned char *code = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static const unsigned char ret1[] = { 0xb8, 1, 0, 0, 0, 0xc3 }, ret2[] = { 0xb8, 2, 0, 0, 0, 0xc3 };
    memcpy(code, ret1, sizeof(ret1));
    int first = ((int (*)(void))code)();
    int cf = make_file("code", NULL);
    write(cf, ret2, sizeof(ret2));
    lseek(cf, 0, SEEK_SET);
    show("read over code that ran", syscall(SYS_read, cf, code, sizeof(ret2)));
    printf("code returns %d then %d\n", first, ((int (*)(void))code)());
    close(cf);
    close(nul);
    close(fd);
}

static void test_mq_notify(void)
{
    char qname[64];
    snprintf(qname, sizeof(qname), "lu-sys-hostkernel.%d", (int)getpid());
    int32_t attr[8] = { 0, 4, 32, 0 };
    long q = syscall(SYS_mq_open, qname, O_CREAT | O_RDWR, 0600, attr);
    show("mq_open ok", q >= 0 ? 0 : -1);
    if (q < 0) return;
    int32_t ev[16] = { 0, 0, SIGEV_NONE };
    show("mq_notify SIGEV_NONE", syscall(SYS_mq_notify, q, ev));
    show("mq_notify again (busy)", syscall(SYS_mq_notify, q, ev));
    show("mq_notify remove", syscall(SYS_mq_notify, q, NULL));
    show("mq_notify bad sigevent", syscall(SYS_mq_notify, q, (void *)16));
    show("mq_notify bad mqd", syscall(SYS_mq_notify, -1, ev));
    close(q);
    syscall(SYS_mq_unlink, qname);
}

static void test_missing_in_qemu(void)
{
    static uint32_t word = 5;
    struct { uint64_t val, uaddr; uint32_t flags, reserved; } w = { 6, (uint32_t)(uintptr_t)&word, 2 /* FUTEX2_SIZE_U32 */, 0 };
    show("futex_waitv value differs", syscall(SYS_futex_waitv, &w, 1, 0, NULL, CLOCK_MONOTONIC));
    show("futex_waitv nr 0", syscall(SYS_futex_waitv, &w, 0, 0, NULL, CLOCK_MONOTONIC));

    int mode = -1;
    show("get_mempolicy", syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0));
    printf("mempolicy mode %d\n", mode);
    show("set_mempolicy default", syscall(SYS_set_mempolicy, 0, NULL, 0));
    show("set_mempolicy bad mode", syscall(SYS_set_mempolicy, 99, NULL, 0));
    static char page[4096] __attribute__((aligned(4096)));
    void *pages[1] = { page };
    int status = -1;
    page[0] = 1;
    show("move_pages query", syscall(SYS_move_pages, 0, 1, pages, NULL, &status, 0));
    printf("move_pages status >= 0: %d\n", status >= 0);
    show("move_pages bad flags", syscall(SYS_move_pages, 0, 1, pages, NULL, &status, 0x7));
    unsigned long nodes = 1;
    show("migrate_pages self same node", syscall(SYS_migrate_pages, 0, 2, &nodes, &nodes) >= 0 ? 0 : -1);
    show("set_mempolicy_home_node bad flags", syscall(SYS_set_mempolicy_home_node, page, 4096, 0, 1));

}

int main(void)
{
    snprintf(dir, sizeof(dir), "/tmp/lu-sys-hostkernel.%d", (int)getpid());
    mkdir(dir, 0755);
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_guest_memory();
    test_mq_notify();
    test_missing_in_qemu();
    unlink(path("big"));
    unlink(path("code"));
    rmdir(dir);
    return 0;
}
