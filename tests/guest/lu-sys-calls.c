/*
 * lu-sys-calls.c - the system calls loongbt gained for issue 14, each called the raw way (the
 * i386 numbers and argument splits) and compared with the native run: set*id32 and the 16-bit
 * id calls, xattrs, the chown family, truncate, getrusage, sendfile / splice / tee / vmsplice /
 * copy_file_range, preadv / pwritev (2), readahead / fadvise64(_64), close_range, the sched_*
 * family, robust lists, capget, ioprio, membarrier, arch_prctl, old uname forms, getdents,
 * prctl names and options, personality, F_GETFL and O_LARGEFILE, readv / writev argument
 * order, select's tv_usec folding, epoll_wait limits, time64 tv_nsec, ioctl, waitid's infop.
 * Also old stat / readdir, POSIX message queues, sendmmsg / recvmmsg, execveat, epoll_pwait2.
 * Guest buffers the host kernel touches itself: lu-sys-hostkernel.c.
 * Only values that are the same on every run and every machine are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include <mqueue.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "lu-sys.h"

static void test_ids(void)
{
    uid_t r, e, s;
    uint16_t r16, e16, s16;
    getresuid(&r, &e, &s);
    show("setresuid32(-1,-1,-1)", syscall(SYS_setresuid32, -1, -1, -1));
    show("setresgid32(-1,-1,-1)", syscall(SYS_setresgid32, -1, -1, -1));
    show("setreuid32(-1,-1)", syscall(SYS_setreuid32, -1, -1));
    show("setregid32(-1,-1)", syscall(SYS_setregid32, -1, -1));
    show("setuid32(euid)", syscall(SYS_setuid32, e));
    show("setgid32(egid)", syscall(SYS_setgid32, getegid()));
    show("setfsuid32(-1) == fsuid", syscall(SYS_setfsuid32, -1) == (long)e);
    show("setfsgid32(-1) == fsgid", syscall(SYS_setfsgid32, -1) == (long)getegid());
    show("getresuid32(NULL,..)", syscall(SYS_getresuid32, NULL, &e, &s));
    show("getresgid32(&r,NULL,..)", syscall(SYS_getresgid32, &r, NULL, &s));
    show("getresuid(16)", syscall(SYS_getresuid, &r16, &e16, &s16));
    printf("16-bit ids match: %d\n", r16 == (uint16_t)(getuid() > 0xffff ? 65534 : getuid()));
    show("getresuid(16, NULL)", syscall(SYS_getresuid, &r16, &e16, NULL));
    show("setresuid(16: 0xffff x3)", syscall(SYS_setresuid, 0xffff, 0xffff, 0xffff));
    show("setreuid(16: 0xffff x2)", syscall(SYS_setreuid, 0xffff, 0xffff));
    show("setuid(16: 0xffff)", syscall(SYS_setuid, 0xffff));
    show("setfsuid(16: 0xffff) == fsuid", syscall(SYS_setfsuid, 0xffff) == (long)geteuid());
    long n32 = syscall(SYS_getgroups32, 0, NULL);
    uint16_t g16[256];
    uint32_t g32[256];
    show("getgroups(16) count == getgroups32", syscall(SYS_getgroups, 0, NULL) == n32);
    show("getgroups(16, n-1) EINVAL if n>0", n32 > 0 ? syscall(SYS_getgroups, n32 - 1, g16) : -2);
    show("getgroups32(n, list)", syscall(SYS_getgroups32, n32, g32) == n32);
    show("getgroups32(n, NULL)", n32 > 0 ? syscall(SYS_getgroups32, n32, NULL) : -2);
    show("setgroups32(-1)", syscall(SYS_setgroups32, -1, g32));
    show("setgroups32(n, bad)", syscall(SYS_setgroups32, n32 ? n32 : 1, (void *)16));
    if (geteuid() == 0) {
        show("setgroups32(n, same)", syscall(SYS_setgroups32, n32, g32));
        show("setgroups(16) same", syscall(SYS_getgroups, n32, g16) == n32 ? syscall(SYS_setgroups, n32, g16) : -2);
    }
}

static void test_xattr_chown(void)
{
    char buf[256];
    int fd = make_file("x", "hello");
    show("setxattr user.t", syscall(SYS_setxattr, path("x"), "user.t", "val", 3, 0));
    long r = syscall(SYS_getxattr, path("x"), "user.t", NULL, 0);
    show("getxattr size", r);
    if (r >= 0) {
        memset(buf, 0, sizeof(buf));
        show("fgetxattr", syscall(SYS_fgetxattr, fd, "user.t", buf, sizeof(buf)));
        printf("value %s\n", buf);
        show("lgetxattr small buffer", syscall(SYS_lgetxattr, path("x"), "user.t", buf, 1));
        show("listxattr", syscall(SYS_listxattr, path("x"), buf, sizeof(buf)) > 0);
        show("flistxattr size", syscall(SYS_flistxattr, fd, NULL, 0) > 0);
        show("fsetxattr create exists", syscall(SYS_fsetxattr, fd, "user.t", "v", 1, 1 /* XATTR_CREATE */));
        show("removexattr", syscall(SYS_removexattr, path("x"), "user.t"));
        show("fremovexattr gone", syscall(SYS_fremovexattr, fd, "user.t"));
    }
    show("fgetxattr bad fd", syscall(SYS_fgetxattr, -1, "user.t", buf, sizeof(buf)));
    show("lgetxattr missing file", syscall(SYS_lgetxattr, path("nope"), "user.t", buf, sizeof(buf)));
    show("getxattr bad name pointer", syscall(SYS_getxattr, path("x"), (void *)16, buf, sizeof(buf)));
    show("llistxattr missing", syscall(SYS_llistxattr, path("nope"), buf, sizeof(buf)));
    uid_t u = geteuid();
    gid_t g = getegid();
    show("fchownat same", syscall(SYS_fchownat, AT_FDCWD, path("x"), u, g, 0));
    show("fchownat AT_EMPTY_PATH", syscall(SYS_fchownat, fd, "", u, g, AT_EMPTY_PATH));
    show("chown32 -1 -1", syscall(SYS_chown32, path("x"), -1, -1));
    show("lchown32 same", syscall(SYS_lchown32, path("x"), u, g));
    show("fchown32 same", syscall(SYS_fchown32, fd, u, g));
    show("chown(16) 0xffff", syscall(SYS_chown, path("x"), 0xffff, 0xffff));
    show("lchown(16) 0xffff", syscall(SYS_lchown, path("x"), 0xffff, 0xffff));
    show("fchown(16) 0xffff", syscall(SYS_fchown, fd, 0xffff, 0xffff));
    show("chown32 missing", syscall(SYS_chown32, path("nope"), u, g));
    show("truncate 3", syscall(SYS_truncate, path("x"), 3));
    struct stat st;
    fstat(fd, &st);
    printf("size after truncate %ld\n", (long)st.st_size);
    show("truncate -1", syscall(SYS_truncate, path("x"), -1));
    show("truncate64 10", syscall(SYS_truncate64, path("x"), 10, 0));
    fstat(fd, &st);
    printf("size after truncate64 %ld\n", (long)st.st_size);
    close(fd);
}

static void test_rusage(void)
{
    int32_t ru[18];
    show("getrusage self", syscall(SYS_getrusage, 0, ru));
    show("getrusage children", syscall(SYS_getrusage, -1, ru));
    show("getrusage 99", syscall(SYS_getrusage, 99, ru));
    show("getrusage NULL", syscall(SYS_getrusage, 0, NULL));
    printf("maxrss > 0: %d\n", ru[4] >= 0);
}

static void test_copying(void)
{
    char buf[64];
    int in = make_file("in", "0123456789abcdef");
    int out = make_file("out", NULL);
    int32_t off32 = 4;
    int64_t off64 = 8;
    show("sendfile off 4 len 6", syscall(SYS_sendfile, out, in, &off32, 6));
    printf("sendfile offset now %d\n", off32);
    show("sendfile64 off 8 len 100", syscall(SYS_sendfile64, out, in, &off64, 100));
    printf("sendfile64 offset now %lld\n", (long long)off64);
    show("sendfile bad offset ptr", syscall(SYS_sendfile, out, in, (void *)16, 6));
    show("sendfile bad fd", syscall(SYS_sendfile, -1, in, NULL, 6));
    int p[2], q[2];
    pipe(p);
    pipe(q);
    int64_t soff = 2;
    show("splice file->pipe off 2 len 5", syscall(SYS_splice, in, &soff, p[1], NULL, 5, 0));
    printf("splice offset now %lld\n", (long long)soff);
    show("tee pipe->pipe", syscall(SYS_tee, p[0], q[1], 100, 0));
    memset(buf, 0, sizeof(buf));
    read(q[0], buf, sizeof(buf));
    printf("tee copy: %s\n", buf);
    memset(buf, 0, sizeof(buf));
    read(p[0], buf, sizeof(buf));
    printf("pipe: %s\n", buf);
    struct iovec iov[2] = { { "vm", 2 }, { "splice", 6 } };
    show("vmsplice", syscall(SYS_vmsplice, p[1], iov, 2, 0));
    memset(buf, 0, sizeof(buf));
    read(p[0], buf, sizeof(buf));
    printf("vmsplice data: %s\n", buf);
    show("vmsplice bad fd", syscall(SYS_vmsplice, -1, iov, 2, 0));
    int64_t cin = 10, cout = 0;
    int cfd = make_file("copy", NULL);
    show("copy_file_range", syscall(SYS_copy_file_range, in, &cin, cfd, &cout, 4, 0));
    printf("copy_file_range offsets %lld %lld\n", (long long)cin, (long long)cout);
    show("copy_file_range bad flags", syscall(SYS_copy_file_range, in, &cin, cfd, &cout, 4, 1));

    /* preadv/pwritev: offset as two 32-bit halves. */
    char a[4] = { 0 }, b[5] = { 0 };
    struct iovec rv[2] = { { a, 3 }, { b, 4 } };
    show("preadv off 5", syscall(SYS_preadv, in, rv, 2, 5, 0));
    printf("preadv: %s %s\n", a, b);
    show("preadv off -1", syscall(SYS_preadv, in, rv, 2, -1, -1));
    lseek(in, 1, SEEK_SET);
    show("preadv2 off -1 (file position)", syscall(SYS_preadv2, in, rv, 2, -1, -1, 0));
    printf("preadv2: %s %s pos %ld\n", a, b, (long)lseek(in, 0, SEEK_CUR));
    struct iovec wv[1] = { { "XY", 2 } };
    show("pwritev off 1", syscall(SYS_pwritev, cfd, wv, 1, 1, 0));
    show("pwritev2 bad flags", syscall(SYS_pwritev2, cfd, wv, 1, 0, 0, 0x100));
    show("pwritev2 off 0", syscall(SYS_pwritev2, cfd, wv, 1, 0, 0, 0));
    memset(buf, 0, sizeof(buf));
    pread(cfd, buf, sizeof(buf), 0);
    printf("after pwritev: %s\n", buf);
    show("readahead", syscall(SYS_readahead, in, 0, 0, 4096));
    show("readahead pipe", syscall(SYS_readahead, p[0], 0, 0, 4096));
    show("fadvise64 normal", syscall(SYS_fadvise64, in, 0, 0, 100, 0));
    show("fadvise64 bad advice", syscall(SYS_fadvise64, in, 0, 0, 100, 77));
    show("fadvise64_64 sequential", syscall(SYS_fadvise64_64, in, 0, 0, 100, 0, 2));
    show("fadvise64_64 pipe", syscall(SYS_fadvise64_64, p[0], 0, 0, 100, 0, 2));
    show("fallocate 0..4096", syscall(SYS_fallocate, cfd, 0, 0, 0, 4096, 0));
    show("sync_file_range", syscall(SYS_sync_file_range, cfd, 0, 0, 0, 0, 2));
    show("syncfs", syscall(SYS_syncfs, cfd));
    int hi = dup2(in, 200);
    dup2(in, 201);
    show("close_range 200..201", syscall(SYS_close_range, 200, 201, 0));
    show("fcntl 200 after close_range", fcntl(hi, F_GETFD));
    show("close_range bad flags", syscall(SYS_close_range, 200, 201, 0x80));
    show("close_range first > last", syscall(SYS_close_range, 201, 200, 0));
    close(in); close(out); close(cfd);
    close(p[0]); close(p[1]); close(q[0]); close(q[1]);
}

static void test_sched(void)
{
    int prio;
    unsigned char mask[128];
    show("sched_getscheduler(0)", syscall(SYS_sched_getscheduler, 0));
    show("sched_getparam", syscall(SYS_sched_getparam, 0, &prio));
    printf("priority %d\n", prio);
    show("sched_getparam NULL", syscall(SYS_sched_getparam, 0, NULL));
    show("sched_setscheduler same", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &prio));
    show("sched_get_priority_max FIFO", syscall(SYS_sched_get_priority_max, SCHED_FIFO));
    show("sched_get_priority_min RR", syscall(SYS_sched_get_priority_min, SCHED_RR));
    show("sched_get_priority_max 99", syscall(SYS_sched_get_priority_max, 99));
    int32_t ts[2];
    show("sched_rr_get_interval", syscall(SYS_sched_rr_get_interval, 0, ts));
    show("sched_rr_get_interval NULL", syscall(SYS_sched_rr_get_interval, 0, NULL));
    long full = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
    printf("sched_getaffinity(128) > 0: %d\n", full > 0);
    show("sched_getaffinity len 3", syscall(SYS_sched_getaffinity, 0, 3, mask));
    show("sched_getaffinity len 0", syscall(SYS_sched_getaffinity, 0, 0, mask));
    show("sched_getaffinity NULL", syscall(SYS_sched_getaffinity, 0, sizeof(mask), NULL));
    show("sched_setaffinity same", syscall(SYS_sched_setaffinity, 0, full > 0 ? full : 8, mask));
    show("sched_getattr small", syscall(SYS_sched_getattr, 0, mask, 8, 0));
    show("sched_getattr", syscall(SYS_sched_getattr, 0, mask, 48, 0));
}

static void test_misc(void)
{
    uint32_t head, len;
    show("get_robust_list(0)", syscall(SYS_get_robust_list, 0, &head, &len));
    printf("robust len %u\n", len);
    uint32_t mine[3] = { 0, 0, 0 };
    mine[0] = (uint32_t)(uintptr_t)mine;
    show("set_robust_list len 11", syscall(SYS_set_robust_list, mine, 11));
    show("set_robust_list", syscall(SYS_set_robust_list, mine, 12));
    syscall(SYS_get_robust_list, 0, &head, &len);
    printf("robust head is ours: %d\n", head == (uint32_t)(uintptr_t)mine);
    show("get_robust_list NULL len", syscall(SYS_get_robust_list, 0, &head, NULL));
    show("get_robust_list pid 1<<30", syscall(SYS_get_robust_list, 1 << 30, &head, &len));

    struct { uint32_t version; int pid; } hdr = { 0, 0 };
    uint32_t data[6];
    show("capget version 0", syscall(SYS_capget, &hdr, data));
    printf("capget version now 0x%x\n", hdr.version);
    hdr.version = 0x20080522;
    show("capget v3", syscall(SYS_capget, &hdr, data));
    show("capget bad data", syscall(SYS_capget, &hdr, (void *)16));
    show("ioprio_get process", syscall(SYS_ioprio_get, 1, 0) >= 0);
    show("ioprio_get bad which", syscall(SYS_ioprio_get, 99, 0));
    show("membarrier query > 0", syscall(SYS_membarrier, 0, 0, 0) > 0);
    show("membarrier bad cmd", syscall(SYS_membarrier, 12345, 0, 0));
    show("arch_prctl GET_CPUID", syscall(SYS_arch_prctl, 0x1011, 0));
    show("arch_prctl SET_GS", syscall(SYS_arch_prctl, 0x1001, 0));
    show("arch_prctl 0x9999", syscall(SYS_arch_prctl, 0x9999, 0));

    char un[6 * 65];
    show("uname", syscall(SYS_uname, un));
    printf("sysname %s machine %s\n", un, un + 4 * 65);
    show("olduname", syscall(SYS_olduname, un));
    printf("sysname %s machine %s\n", un, un + 4 * 65);
    memset(un, 'x', sizeof(un));
    show("oldolduname", syscall(SYS_oldolduname, un));
    printf("sysname %s machine %.8s nul %d\n", un, un + 4 * 9, un[4 * 9 + 8]);
    show("oldolduname NULL", syscall(SYS_oldolduname, NULL));
    show("uname NULL", syscall(SYS_uname, NULL));
}

/* struct linux_dirent: d_ino, d_off (32-bit), reclen, name, ..., d_type in the last byte. */
static void test_getdents(void)
{
    char buf[4096];
    int n_entries = 0, saw_in = 0, types_ok = 1;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    long n;
    show("getdents tiny buffer", syscall(SYS_getdents, fd, buf, 8));
    while ((n = syscall(SYS_getdents, fd, buf, 64)) > 0) {
        for (long off = 0; off < n; ) {
            uint16_t reclen;
            memcpy(&reclen, buf + off + 8, 2);
            const char *name = buf + off + 10;
            char type = buf[off + reclen - 1];
            n_entries++;
            if (!strcmp(name, "in")) { saw_in = 1; types_ok &= type == DT_REG; }
            if (!strcmp(name, ".")) types_ok &= type == DT_DIR;
            off += reclen;
        }
    }
    show("getdents end", n);
    printf("entries %d saw 'in' %d types %d\n", n_entries, saw_in, types_ok);
    show("getdents bad fd", syscall(SYS_getdents, -1, buf, sizeof(buf)));
    show("getdents on a file", syscall(SYS_getdents, 0, buf, sizeof(buf)) < 0 ? -1 : 0);
    close(fd);
}

static void test_prctl_personality(void)
{
    char name[16];
    show("PR_GET_NAME", prctl(PR_GET_NAME, name));
    printf("name %s\n", name);
    show("PR_SET_NAME", prctl(PR_SET_NAME, "guest-name-that-is-long"));
    prctl(PR_GET_NAME, name);
    printf("name %s\n", name);
    show("PR_SET_NAME bad pointer", prctl(PR_SET_NAME, (void *)16));
    show("PR_GET_DUMPABLE", prctl(PR_GET_DUMPABLE));
    int sig = -1;
    show("PR_SET_PDEATHSIG", prctl(PR_SET_PDEATHSIG, SIGUSR1));
    show("PR_GET_PDEATHSIG", prctl(PR_GET_PDEATHSIG, &sig));
    printf("pdeathsig %d\n", sig);
    show("PR_SET_PDEATHSIG 99", prctl(PR_SET_PDEATHSIG, 99));
    prctl(PR_SET_PDEATHSIG, 0);
    show("PR_GET_NO_NEW_PRIVS", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    show("PR_GET_KEEPCAPS", prctl(PR_GET_KEEPCAPS));
    show("PR_GET_CHILD_SUBREAPER bad", prctl(PR_GET_CHILD_SUBREAPER, (void *)16));
    show("prctl 12345", prctl(12345, 0, 0, 0, 0));
    show("personality(0xffffffff)", syscall(SYS_personality, 0xffffffff));
    show("personality(ADDR_NO_RANDOMIZE)", syscall(SYS_personality, 0x0040000));
    show("personality(0xffffffff)", syscall(SYS_personality, 0xffffffff));
    show("personality(0)", syscall(SYS_personality, 0));
}

static void test_fd_rules(void)
{
    int fd = (int)syscall(SYS_open, path("in"), O_RDONLY);
    show("F_GETFL plain open & 0100000", fcntl(fd, F_GETFL) & 0100000);
    close(fd);
    fd = (int)syscall(SYS_open, path("in"), O_RDONLY | 0100000);
    show("F_GETFL O_LARGEFILE open & 0100000", fcntl(fd, F_GETFL) & 0100000);
    int d = dup(fd);
    show("F_GETFL dup & 0100000", fcntl(d, F_GETFL) & 0100000);
    close(d);
    close(fd);
    fd = open(path("in"), O_RDONLY);
    show("F_GETFL glibc open", fcntl(fd, F_GETFL));
    close(fd);

    char c;
    struct iovec iov = { &c, 1 };
    show("readv(-1, NULL, 0)", syscall(SYS_readv, -1, NULL, 0));
    show("readv(0, NULL, 0)", syscall(SYS_readv, 0, NULL, 0));
    show("writev(1, NULL, 0)", syscall(SYS_writev, 1, NULL, 0));
    show("writev(-1, bad, 1)", syscall(SYS_writev, -1, (void *)16, 1));
    show("writev(1, bad, 1)", syscall(SYS_writev, 1, (void *)16, 1));
    show("writev(1, iov, -1)", syscall(SYS_writev, 1, &iov, -1));
    show("writev(1, iov, 1025)", syscall(SYS_writev, 1, &iov, 1025));
    show("readv write-only fd", syscall(SYS_readv, 1, &iov, 1) < 0 ? -1 : 0);

    /* select folds whole seconds of tv_usec into tv_sec. */
    struct { int32_t sec, usec; } tv = { 0, 1000000 };
    show("_newselect usec 1000000", syscall(SYS__newselect, 0, NULL, NULL, NULL, &tv));
    printf("left %d.%06d\n", tv.sec, tv.usec);
    tv.sec = 0; tv.usec = 1000001;
    show("_newselect usec 1000001", syscall(SYS__newselect, 0, NULL, NULL, NULL, &tv));
    tv.sec = 0; tv.usec = -1;
    show("_newselect usec -1", syscall(SYS__newselect, 0, NULL, NULL, NULL, &tv));
    tv.sec = -1; tv.usec = 0;
    show("_newselect sec -1", syscall(SYS__newselect, 0, NULL, NULL, NULL, &tv));

    int ep = epoll_create1(0);
    /* Not on the stack: the stack top is randomised (natively and under loongbt alike), and
     * 100000 events from near it can run past the 4 GiB limit, which is EFAULT. */
    static char evbuf[12 * 4];
    show("epoll_wait maxevents 0", syscall(SYS_epoll_wait, ep, evbuf, 0, 0));
    show("epoll_wait maxevents 100000", syscall(SYS_epoll_wait, ep, evbuf, 100000, 0));
    show("epoll_wait maxevents INT_MAX/12+1", syscall(SYS_epoll_wait, ep, evbuf, INT_MAX / 12 + 1, 0));
    show("epoll_wait bad fd", syscall(SYS_epoll_wait, -1, evbuf, 4, 0));
    show("epoll_wait near the top", syscall(SYS_epoll_wait, ep, (void *)0xffffd000, 100, 0));
    close(ep);

    /* time64: a 32-bit task's tv_nsec is its low half. */
    struct { int64_t sec, nsec; } ts = { 0, (int64_t)0x7fffffff00000001ll };
    show("clock_nanosleep_time64 nsec hi bits", syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &ts, NULL));
    ts.nsec = -1;
    show("clock_nanosleep_time64 nsec -1", syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &ts, NULL));
    ts.nsec = 1000000000;
    show("clock_nanosleep_time64 nsec 1e9", syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &ts, NULL));

    fd = open(path("in"), O_RDONLY);
    int v = 0;
    show("ioctl FIGETBSZ > 0", syscall(SYS_ioctl, fd, 2 /* FIGETBSZ */, &v) == 0 && v > 0);
    int on = 0;
    show("ioctl FIOASYNC off", syscall(SYS_ioctl, fd, 0x5452, &on));
    long fl = syscall(SYS_ioctl, fd, 0x80046601 /* FS_IOC32_GETFLAGS */, &v);
    show("ioctl FS_IOC32_GETFLAGS ok or ENOTTY", fl == 0 || errno == ENOTTY || errno == ENOTSUP ? 0 : -1);
    show("ioctl TCGETS on a file", syscall(SYS_ioctl, fd, 0x5401, evbuf));
    show("ioctl TIOCGWINSZ on a file", syscall(SYS_ioctl, fd, 0x5413, evbuf));
    show("ioctl unknown", syscall(SYS_ioctl, fd, 0x12345678, evbuf));
    show("ioctl bad fd", syscall(SYS_ioctl, -1, 0x5401, NULL));
    show("ioctl FIONREAD bad pointer", syscall(SYS_ioctl, fd, 0x541b, (void *)16));
    close(fd);

    /* waitid zeroes signo..status of infop when there is nothing to wait for. */
    int32_t info[32];
    memset(info, 0x55, sizeof(info));
    show("waitid no children", syscall(SYS_waitid, P_ALL, 0, info, WEXITED, NULL));
    printf("infop %x %x %x %x %x %x | %x\n", info[0], info[1], info[2], info[3], info[4], info[5], info[6]);
    memset(info, 0x55, sizeof(info));
    pid_t child = fork();
    if (child == 0) _exit(7);
    show("waitid WNOHANG|WEXITED (maybe not yet)", 0 * syscall(SYS_waitid, P_PID, child, info, WEXITED | WNOWAIT, NULL));
    memset(info, 0x55, sizeof(info));
    show("waitid child", syscall(SYS_waitid, P_PID, child, info, WEXITED, NULL));
    printf("infop signo %d errno %d code %d pid ok %d status %d | %x\n", info[0], info[1], info[2],
           info[3] == child, info[5], info[6]);
    show("waitid bad infop", syscall(SYS_waitid, P_ALL, 0, (void *)16, WEXITED, NULL));
}

static void test_more(const char *self)
{
    char buf[512];
    uint32_t st[8];
    long r = syscall(SYS_oldstat, path("in"), st);
    show("oldstat ok or EOVERFLOW", r == 0 || errno == EOVERFLOW ? 0 : -1);
    if (r == 0) printf("oldstat size %u\n", st[4]);
    show("oldstat missing", syscall(SYS_oldstat, path("nope"), st));
    show("oldfstat bad fd", syscall(SYS_oldfstat, -1, st));
    show("oldlstat NULL path", syscall(SYS_oldlstat, NULL, st));

    int fd = open(dir, O_RDONLY | O_DIRECTORY), n = 0, saw = 0;
    while ((r = syscall(SYS_readdir, fd, buf, 1)) == 1) {
        n++;
        if (!strcmp(buf + 10, "in")) saw = 1;
    }
    show("readdir end", r);
    printf("readdir entries %d saw 'in' %d\n", n, saw);
    close(fd);
    show("readdir bad fd", syscall(SYS_readdir, -1, buf, 1));

    char qname[64];
    snprintf(qname, sizeof(qname), "/lu-sys-calls.%d", (int)getpid());
    int32_t attr[8] = { 0, 4, 32, 0 };
    long q = syscall(SYS_mq_open, qname + 1, O_CREAT | O_RDWR, 0600, attr);
    show("mq_open ok", q >= 0 ? 0 : -1);
    if (q >= 0) {
        show("mq_timedsend", syscall(SYS_mq_timedsend, q, "message", 7, 3, NULL));
        memset(attr, 0, sizeof(attr));
        show("mq_getsetattr", syscall(SYS_mq_getsetattr, q, NULL, attr));
        printf("mq maxmsg %d msgsize %d curmsgs %d\n", attr[1], attr[2], attr[3]);
        unsigned prio = 0;
        memset(buf, 0, sizeof(buf));
        show("mq_timedreceive", syscall(SYS_mq_timedreceive, q, buf, 32, &prio, NULL));
        printf("got %s prio %u\n", buf, prio);
        show("mq_timedreceive small buffer", syscall(SYS_mq_timedreceive, q, buf, 8, &prio, NULL));
        int32_t ts[2] = { 0, 1000 };
        show("mq_timedreceive empty timeout", syscall(SYS_mq_timedreceive, q, buf, 32, &prio, ts));
        close(q);
        show("mq_unlink", syscall(SYS_mq_unlink, qname + 1));
    }
    show("mq_unlink missing", syscall(SYS_mq_unlink, qname + 1));

    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    struct iovec iv[3] = { { "one", 3 }, { "three", 5 }, { "xy", 2 } };
    struct mmsghdr mm[3];
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 3; i++) { mm[i].msg_hdr.msg_iov = &iv[i]; mm[i].msg_hdr.msg_iovlen = 1; }
    show("sendmmsg 3", syscall(SYS_sendmmsg, sv[0], mm, 3, 0));
    printf("msg_len %u %u %u\n", mm[0].msg_len, mm[1].msg_len, mm[2].msg_len);
    char rb[3][16];
    struct iovec rv[3] = { { rb[0], 16 }, { rb[1], 16 }, { rb[2], 16 } };
    memset(mm, 0, sizeof(mm));
    memset(rb, 0, sizeof(rb));
    for (int i = 0; i < 3; i++) { mm[i].msg_hdr.msg_iov = &rv[i]; mm[i].msg_hdr.msg_iovlen = 1; }
    show("recvmmsg WAITFORONE", syscall(SYS_recvmmsg, sv[1], mm, 3, MSG_WAITFORONE, NULL));
    printf("got %s %s %s\n", rb[0], rb[1], rb[2]);
    show("recvmmsg empty nonblocking", syscall(SYS_recvmmsg, sv[1], mm, 3, MSG_DONTWAIT, NULL));
    show("sendmmsg bad vector", syscall(SYS_sendmmsg, sv[0], (void *)16, 2, 0));
    close(sv[0]);
    close(sv[1]);

    int ep = epoll_create1(0);
    struct { int64_t sec, nsec; } t64 = { 0, 1000 };
    char evs[12 * 2];
    show("epoll_pwait2 timeout", syscall(SYS_epoll_pwait2, ep, evs, 2, &t64, NULL, 8));
    show("epoll_pwait2 maxevents 0", syscall(SYS_epoll_pwait2, ep, evs, 0, &t64, NULL, 8));
    static uint32_t fw[2];
    show("futex misaligned", syscall(SYS_futex, (char *)fw + 1, 1 /* FUTEX_WAKE */, 1, NULL, NULL, 0));
    show("futex WAKE nobody", syscall(SYS_futex, fw, 1, 1, NULL, NULL, 0));
    show("futex WAIT value differs", syscall(SYS_futex, fw, 0, 1, NULL, NULL, 0));
    int32_t fts[2] = { 0, 1000 };
    show("futex WAIT timeout", syscall(SYS_futex, fw, 0, 0, fts, NULL, 0));
    show("futex bad op", syscall(SYS_futex, fw, 99, 0, NULL, NULL, 0));
    show("futex TRYLOCK_PI free word", syscall(SYS_futex, fw, 8 /* FUTEX_TRYLOCK_PI */, 0, NULL, NULL, 0));
    show("futex word is our tid", fw[0] == (uint32_t)gettid());
    show("futex UNLOCK_PI", syscall(SYS_futex, fw, 7 /* FUTEX_UNLOCK_PI */, 0, NULL, NULL, 0));
    close(ep);

    /* Bad names (flags checked first: lu-sys-hostkernel.c). */
    show("access bad path", syscall(SYS_access, (void *)16, 0));
    show("openat bad dirfd, bad path", syscall(SYS_openat, 99, (void *)16, 0, 0));
    show("chdir NULL", syscall(SYS_chdir, NULL));

    /* Descriptors are looked up before other arguments; results stored after the work. */
    show("pipe bad pointer", syscall(SYS_pipe, (void *)16));
    show("pipe2 bad flags, bad pointer", syscall(SYS_pipe2, (void *)16, 0x7fffffff));
    show("socketpair bad pointer", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, (void *)16));
    show("prlimit64 bad old pointer", syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, (void *)16));
    show("prlimit64 bad resource, bad old", syscall(SYS_prlimit64, 0, 999, NULL, (void *)16));
    show("fcntl64 bad fd F_GETLK64 bad ptr", syscall(SYS_fcntl64, -1, 12, (void *)16));
    show("fcntl64 F_GETLK64 bad ptr", syscall(SYS_fcntl64, 0, 12, (void *)16));
    show("getsockopt non-socket bad optlen", syscall(SYS_getsockopt, 0, SOL_SOCKET, SO_TYPE, NULL, (void *)16));
    show("getsockopt bad fd", syscall(SYS_getsockopt, -1, SOL_SOCKET, SO_TYPE, NULL, (void *)16));
    show("getsockname bad fd", syscall(SYS_getsockname, -1, NULL, NULL));
    show("accept4 non-socket bad len", syscall(SYS_accept4, 0, (void *)16, (void *)16, 0));
    show("sendmsg bad fd bad msg", syscall(SYS_sendmsg, -1, (void *)16, 0));
    show("recvmsg non-socket bad msg", syscall(SYS_recvmsg, 0, (void *)16, 0));
    show("_llseek bad result pointer", syscall(SYS__llseek, 0, 0, 0, (void *)16, SEEK_CUR) == -1 && errno == ESPIPE ? -2 : 0);

    int32_t tx[33];
    memset(tx, 0, sizeof(tx));
    r = syscall(SYS_adjtimex, tx);
    show("adjtimex read ok", r >= 0 ? 0 : -1);
    if (r >= 0) printf("adjtimex tick %d precision ok %d\n", tx[11], tx[7] >= 0);
    show("adjtimex bad pointer", syscall(SYS_adjtimex, (void *)16));
    memset(tx, 0, sizeof(tx));
    show("clock_adjtime CLOCK_REALTIME ok", syscall(SYS_clock_adjtime, CLOCK_REALTIME, tx) >= 0 ? 0 : -1);
    show("clock_adjtime bad clock", syscall(SYS_clock_adjtime, 99, tx));
    char tx64[208];
    memset(tx64, 0, sizeof(tx64));
    show("clock_adjtime64 ok", syscall(SYS_clock_adjtime64, CLOCK_REALTIME, tx64) >= 0 ? 0 : -1);
    int64_t tick64;
    memcpy(&tick64, tx64 + 0x58, 8);   /* struct __kernel_timex: tick */
    printf("clock_adjtime64 tick %lld\n", (long long)tick64);

    pid_t c = fork();
    if (c == 0) {
        char *args[] = { "lu-sys-calls", "child", NULL };
        syscall(SYS_execveat, AT_FDCWD, self, args, environ, 0);
        _exit(99);
    }
    int status;
    waitpid(c, &status, 0);
    printf("execveat child exit %d\n", WEXITSTATUS(status));
    int sfd = open(self, O_RDONLY);
    c = fork();
    if (c == 0) {
        char *args[] = { "lu-sys-calls", "child", NULL };
        syscall(SYS_execveat, sfd, "", args, environ, AT_EMPTY_PATH);
        _exit(99);
    }
    waitpid(c, &status, 0);
    printf("execveat AT_EMPTY_PATH child exit %d\n", WEXITSTATUS(status));
    show("execveat empty path without flag", syscall(SYS_execveat, sfd, "", NULL, NULL, 0));
    show("execveat bad flags", syscall(SYS_execveat, sfd, "", NULL, NULL, 0x4));
    close(sfd);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("execveat child ran\n");
        return 7;
    }
    snprintf(dir, sizeof(dir), "/tmp/lu-sys-calls.%d", (int)getpid());
    mkdir(dir, 0755);
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_ids();
    test_xattr_chown();
    test_rusage();
    test_copying();
    test_sched();
    test_misc();
    test_getdents();
    test_prctl_personality();
    test_fd_rules();
    test_more(argv[0]);
    const char *files[] = { "x", "in", "out", "copy" };
    for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) unlink(path(files[i]));
    rmdir(dir);
    return 0;
}
