/*
 * syscall-diff.c - differential system-call fuzzer: an i386 static program that makes seeded
 * random system calls from a safe set and prints one line per call (name, arguments with
 * pointers shown symbolically, result and errno).  tests/syscall-diff/run-syscall-diff.sh runs
 * it natively and under loongbt with the same seed in the same scratch folder and compares the
 * two transcripts call by call: the native kernel is the oracle.
 *
 *   syscall-diff SEED CALLS SCRATCH_DIR
 *
 * Determinism: natively, the same seed in the same (fresh) scratch folder gives the same
 * transcript.  Values that legitimately differ between two runs are not printed (the list is
 * the FILTERED comment below); everything else a call returns is.
 *
 * Safety (the machine is shared and the check runs as root): paths are relative names inside
 * SCRATCH_DIR, "/dev/null", "/" (only opened read-only) or bad pointers; memory calls act only
 * on the fuzzer's own pool; descriptors 0-2 are never closed or replaced (the transcript goes
 * to fd 1); pipes are non-blocking and timeouts are zero, so nothing blocks; RLIMIT_FSIZE
 * bounds the files; signals sent are to the fuzzer itself and have counting handlers.
 *
 * FILTERED (printed as a placeholder, never compared by value):
 *   - pids and tids (getpid, getppid, gettid, getpgrp, getsid, getpgid): "pid"/"tid";
 *   - times: time, gettimeofday, clock_gettime, times, sysinfo, getrusage, timer_gettime
 *     contents (only the result and errno are printed);
 *   - addresses: pool pointers print as pool+offset, mmap/mremap results as pool+offset or
 *     "addr" (and are unmapped at once), brk results relative to the first brk;
 *   - stat: inode, device, times and block counts are not printed (mode, nlink, uid, gid, size,
 *     rdev are; for /dev/null only the file type of the mode);
 *   - getrandom and getdents contents (only the counts);
 *   - _llseek's position on a directory (a file system cookie: see c_llseek).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/file.h>
#include <unistd.h>

typedef uint32_t u32;

/* ---------------------------------------------------------------------------------------------
 * Output: one line per call, built in a buffer and written with write(1) (no stdio, no malloc:
 * nothing else in the process maps memory behind the fuzzer's back).
 * ------------------------------------------------------------------------------------------- */

static char line[4096];
static int line_len;
static char outbuf[65536];
static int out_len;

static void flush_out(void)
{
    int off = 0;
    while (off < out_len) {
        ssize_t n = write(1, outbuf + off, (size_t)(out_len - off));
        if (n <= 0) break;
        off += (int)n;
    }
    out_len = 0;
}

static void emit(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line + line_len, sizeof(line) - (size_t)line_len, fmt, ap);
    va_end(ap);
    if (n > 0) line_len += n;
    if (line_len >= (int)sizeof(line)) line_len = sizeof(line) - 1;
}

static void end_line(void)
{
    if (out_len + line_len + 1 > (int)sizeof(outbuf)) flush_out();
    memcpy(outbuf + out_len, line, (size_t)line_len);
    out_len += line_len;
    outbuf[out_len++] = '\n';
    line_len = 0;
    flush_out();   /* line by line: a run that dies keeps every line before the call that killed it */
}

/* ---------------------------------------------------------------------------------------------
 * Seeded generator (xorshift64*): the same sequence natively and under loongbt.
 * ------------------------------------------------------------------------------------------- */

static uint64_t rng_state;

static u32 rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (u32)((rng_state * 2685821657736338717ULL) >> 32);
}

static u32 below(u32 n) { return n ? rnd() % n : 0; }

/* An argument: its value and how it is printed. */
typedef struct {
    u32 v;
    char s[48];
} arg;

static arg mk(u32 v, const char *fmt, ...)
{
    arg a;
    va_list ap;
    a.v = v;
    va_start(ap, fmt);
    vsnprintf(a.s, sizeof(a.s), fmt, ap);
    va_end(ap);
    return a;
}

static arg num(u32 v) { return (int32_t)v >= -4096 && (int32_t)v < 4096 ? mk(v, "%d", (int)v) : mk(v, "%#x", v); }

/* ---------------------------------------------------------------------------------------------
 * The memory pool: pages 0-15 read/write data (buffers), 16 unmapped (the hole: a buffer
 * ending there is partly mapped), 17 PROT_NONE, 18 read-only, 19-31 the playground where the
 * memory calls map, unmap, protect and advise.
 * ------------------------------------------------------------------------------------------- */

#define PAGE 4096u
#define POOL_PAGES 32u
#define DATA_PAGES 16u
#define HOLE_PAGE 16u
#define NONE_PAGE 17u
#define RO_PAGE 18u
#define PLAY_FIRST 19u

static u32 pool;
static u32 brk0;

static arg pool_ptr(u32 off) { return mk(pool + off, "pool+%#x", off); }

/* A pointer to something the kernel reads (or writes) LEN bytes at. Mostly good. */
static arg pick_buf(u32 len)
{
    switch (below(20)) {
    case 0: return mk(0, "NULL");
    case 1: return mk(1, "0x1");
    case 2: return mk(pool + HOLE_PAGE * PAGE, "hole");
    case 3: return mk(0xffffe000u, "0xffffe000");
    case 4: return mk(0xfffffff0u, "0xfffffff0");
    case 5: return mk(pool + NONE_PAGE * PAGE, "pool+none");
    case 6: return mk(pool + RO_PAGE * PAGE, "pool+ro");
    case 7: { /* partly mapped: the buffer runs into the hole */
        u32 back = 1 + below(len < 64 ? 64 : (len > 8192 ? 8192 : len));
        return mk(pool + HOLE_PAGE * PAGE - back, "hole-%u", back);
    }
    case 8: return mk(0xc0000000u, "0xc0000000");
    default: {
        u32 off = below(DATA_PAGES * PAGE / 2) & ~3u;
        return pool_ptr(off);
    }
    }
}

static arg pick_len(void)
{
    static const u32 lens[] = { 0, 1, 2, 7, 16, 100, 512, 4095, 4096, 4097, 8192, 65536,
                                0x7fffffff, 0x80000000u, 0xffffffffu, 0xfffff000u };
    if (below(3) == 0) return num(below(300));
    return num(lens[below(sizeof(lens) / sizeof(lens[0]))]);
}

/* ---------------------------------------------------------------------------------------------
 * Descriptors and paths
 * ------------------------------------------------------------------------------------------- */

static arg pick_fd(void)
{
    switch (below(12)) {
    case 0: return num((u32)-1);
    case 1: return num(1000);
    case 2: return num(0x7fffffff);
    case 3: return num((u32)AT_FDCWD);
    case 4: return num(0);
    default: return num(3 + below(20));   /* never 1 or 2: the transcript and stderr */
    }
}

/* The named bad pointers: NULL, the hole, the i386 kernel's top page, the PROT_NONE and
 * read-only pages, and a 4-byte buffer whose bytes are all in the hole's page before it. */
static arg bad_ptr(u32 i)
{
    switch (i) {
    case 0: return mk(0, "NULL");
    case 1: return mk(pool + HOLE_PAGE * PAGE, "hole");
    case 2: return mk(0xffffe000u, "0xffffe000");
    case 3: return mk(pool + NONE_PAGE * PAGE, "pool+none");
    case 4: return mk(pool + RO_PAGE * PAGE, "pool+ro");
    default: return mk(pool + HOLE_PAGE * PAGE - 4, "hole-4");
    }
}

/* A pointer the kernel cannot read: for structures whose contents are pointers themselves. */
static arg pick_badptr(void)
{
    u32 i = below(5);
    return bad_ptr(i == 4 ? 5 : i);
}

/* Output buffers for data that differs between runs (times, inode numbers, directory order,
 * residency, random bytes): a static buffer nothing ever reads back into a call, so the
 * differing bytes cannot leak into later calls' arguments or files. Its address is the same in
 * both runs (a static, non-PIE program); printed as "tbuf". */
static unsigned char tbuf[512] __attribute__((aligned(16)));

static arg pick_tbuf(void)
{
    u32 i = below(8);
    return i < 4 ? bad_ptr(i == 3 ? 4 : i) : mk((u32)(uintptr_t)tbuf, "tbuf");   /* NULL hole top ro */
}

static int in_tbuf(u32 addr) { return addr == (u32)(uintptr_t)tbuf; }

/* fstat (not printed): is FD a regular file or directory on the scratch folder's file system
 * (the only ones the fuzzer can open)?  Calls that change a file's mode or owner through a
 * descriptor use only those (or -1): /dev/null (which a close and an open may well put at any
 * number) and the pipes are never changed, even when fstat itself misbehaves. */
static uint64_t scratch_dev;

static int fd_in_scratch(u32 fd)
{
    unsigned char st[96];
    if (syscall(SYS_fstat64, fd, st) != 0) return 0;
    u32 mode;
    uint64_t dev;
    memcpy(&mode, st + 16, 4);
    memcpy(&dev, st, 8);
    return (S_ISREG(mode) || S_ISDIR(mode)) && dev == scratch_dev;
}

static int fd_is_dir(u32 fd)
{
    unsigned char st[96];
    if (syscall(SYS_fstat64, fd, st) != 0) return 0;
    u32 mode;
    memcpy(&mode, st + 16, 4);
    return S_ISDIR(mode);
}

static int fd_is_pipe(u32 fd)
{
    unsigned char st[96];
    if (syscall(SYS_fstat64, fd, st) != 0) return 1;   /* unknown: treated as a pipe */
    u32 mode;
    memcpy(&mode, st + 16, 4);
    return S_ISFIFO(mode);
}

static arg pick_newfd(void) { return num(10 + below(20)); }

static const char *const names[] = { "f0", "f1", "f2", "f3", "d", "d/inner", "link", "dangling",
                                     "new0", "new1", "newdir", "nonexistent/x", "f0/x", "." };
#define NNAMES (int)(sizeof(names) / sizeof(names[0]))
static u32 name_addr[NNAMES];   /* string literals: read-only, at the same address in both runs */
static u32 long_name_addr;      /* the read-only pool page: 4096 'r' without a NUL */

/* A path: a name in the scratch folder, /dev/null (only for calls that change nothing), an
 * empty or too long name, or a bad pointer. */
static arg pick_path(int writable)
{
    u32 r = below(24);
    if (r < 14) return mk(name_addr[r], "\"%s\"", names[r]);
    switch (r) {
    case 14: return writable ? mk(name_addr[9], "\"new1\"") : mk((u32)(uintptr_t)"/dev/null", "\"/dev/null\"");
    case 15: return mk(name_addr[8], "\"new0\"");
    case 16: return mk(long_name_addr, "\"r*4096\"");
    case 17: return mk((u32)(uintptr_t)"", "\"\"");
    case 18: return mk(0, "NULL");
    case 19: return mk(pool + HOLE_PAGE * PAGE, "hole");
    case 20: return mk(0xffffe000u, "0xffffe000");
    case 21: return mk(pool + NONE_PAGE * PAGE, "pool+none");
    case 22: return mk(pool + HOLE_PAGE * PAGE - 2, "hole-2(\"f\"...)");
    default: return mk(name_addr[0], "\"f0\"");
    }
}

/* ---------------------------------------------------------------------------------------------
 * Calling and printing
 * ------------------------------------------------------------------------------------------- */

static long call_nr;

static long sys6(long nr, u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
    errno = 0;
    long r = syscall(nr, a, b, c, d, e, f);
    return r == -1 ? -errno : r;
}

static void head(const char *name, int n, const arg *a)
{
    emit("%ld %s(", call_nr, name);
    for (int i = 0; i < n; i++) emit("%s%s", i ? ", " : "", a[i].s);
    emit(")");
}

static void result(long r)
{
    if (r < 0 && r >= -4095) {
        const char *e = strerrorname_np((int)-r);
        emit(" = -1 %s", e ? e : "E?");
    } else {
        emit(" = %ld", r);
    }
}

/* A call with plain arguments, its result printed as a number. */
static long plain(const char *name, long nr, int n, arg *a)
{
    u32 v[6] = { 0 };
    for (int i = 0; i < n; i++) v[i] = a[i].v;
    long r = sys6(nr, v[0], v[1], v[2], v[3], v[4], v[5]);
    head(name, n, a);
    result(r);
    return r;
}

/* FNV-1a of guest memory the kernel wrote (only called for pointers into the data pages). */
static u32 hash_mem(u32 addr, u32 len)
{
    u32 h = 2166136261u;
    for (u32 i = 0; i < len; i++) h = (h ^ ((unsigned char *)(uintptr_t)addr)[i]) * 16777619u;
    return h;
}

static int in_data(u32 addr, u32 len)
{
    return addr >= pool && len <= DATA_PAGES * PAGE && addr - pool <= DATA_PAGES * PAGE - len;
}

static void show_mem(long r, const arg *buf)
{
    if (r > 0 && in_data(buf->v, (u32)r)) emit(" data=%08x", hash_mem(buf->v, (u32)r));
}

/* An address result: pool+off, or "addr" for anything else (which is unmapped at once so the
 * address space stays the same for the rest of the run). */
static void addr_result(long r, u32 len)
{
    if (r < 0 && r >= -4095) { result(r); return; }
    u32 a = (u32)r;
    if (a >= pool && a < pool + POOL_PAGES * PAGE) {
        emit(" = pool+%#x", a - pool);
    } else {
        emit(" = addr");
        syscall(SYS_munmap, a, len);
    }
}

/* ---------------------------------------------------------------------------------------------
 * The calls.  Each picks its arguments, makes the call and prints one line.
 * ------------------------------------------------------------------------------------------- */

static void c_read(void)
{
    arg a[3] = { pick_fd(), { 0 }, pick_len() };
    a[1] = pick_buf(a[2].v);
    long r = plain("read", SYS_read, 3, a);
    show_mem(r, &a[1]);
}

static void c_write(void)
{
    arg a[3] = { pick_fd(), { 0 }, pick_len() };
    a[1] = pick_buf(a[2].v);
    plain("write", SYS_write, 3, a);
}

static void c_pread(void)
{
    arg a[5] = { pick_fd(), { 0 }, pick_len(), num(below(3) ? below(5000) : 0xfffffff0u), num(0) };
    a[1] = pick_buf(a[2].v);
    long r = plain("pread64", SYS_pread64, 5, a);
    show_mem(r, &a[1]);
}

static void c_pwrite(void)
{
    arg a[5] = { pick_fd(), { 0 }, pick_len(), num(below(3) ? below(5000) : 0xfffffff0u), num(0) };
    a[1] = pick_buf(a[2].v);
    plain("pwrite64", SYS_pwrite64, 5, a);
}

/* readv/writev/preadv/pwritev: an iovec array in the data pages (or a bad pointer). */
static arg pick_iov(u32 *cnt)
{
    /* never more than the 3 prepared entries: the others would be pool data taken as pointers */
    static const u32 cnts[] = { 0, 1, 2, 3, 1025, 0x7fffffff, (u32)-1 };
    *cnt = cnts[below(7)];
    if (below(6) == 0) return pick_badptr();
    u32 off = 0x6000 + (below(16) << 4);
    u32 *iov = (u32 *)(uintptr_t)(pool + off);
    for (int i = 0; i < 3; i++) {
        arg b = pick_buf(64);
        iov[2 * i] = b.v;
        iov[2 * i + 1] = below(4) ? below(200) : 0x7ffff000u;
    }
    return mk(pool + off, "iov@pool+%#x", off);
}

static void c_iov(const char *name, long nr, int nargs, int writes)
{
    u32 cnt;
    arg a[5] = { pick_fd(), { 0 }, { 0 }, num(below(3) ? below(5000) : (u32)-1), num(0) };
    a[1] = pick_iov(&cnt);
    a[2] = num(cnt);
    if (nargs == 5 && below(3) == 0) a[4] = num(below(2) ? 1 : 0x100);   /* preadv2/pwritev2 flags */
    long r = plain(name, nr, nargs, a);
    if (in_data(a[1].v, 24)) {
        u32 *iov = (u32 *)(uintptr_t)a[1].v;
        if (!writes && r > 0 && in_data(iov[0], iov[1] < (u32)r ? iov[1] : (u32)r))
            emit(" data0=%08x", hash_mem(iov[0], iov[1] < (u32)r ? iov[1] : (u32)r));
        /* the pool's address differs between runs: no pointer stays in the data pages */
        for (int i = 0; i < 6; i++) iov[i] = 0;
    }
}

static void c_readv(void) { c_iov("readv", SYS_readv, 3, 0); }
static void c_writev(void) { c_iov("writev", SYS_writev, 3, 1); }
static void c_preadv(void) { c_iov("preadv", SYS_preadv, 4, 0); }
static void c_pwritev(void) { c_iov("pwritev", SYS_pwritev, 4, 1); }
static void c_preadv2(void) { c_iov("preadv2", SYS_preadv2, 5, 0); }
static void c_pwritev2(void) { c_iov("pwritev2", SYS_pwritev2, 5, 1); }

static void c_lseek(void)
{
    static const u32 offs[] = { 0, 1, 100, 5000, (u32)-1, 0x7fffffff, 0x80000000u };
    arg a[3] = { pick_fd(), num(offs[below(7)]), num(below(6)) };
    plain("lseek", SYS_lseek, 3, a);
}

static void c_llseek(void)
{
    u32 off = 0x7000 + (below(8) << 3);
    arg a[5] = { pick_fd(), num(below(4) ? 0 : 1), num(below(4) ? below(9000) : 0xffffffffu),
                 below(6) ? pool_ptr(off) : pick_buf(8), num(below(5)) };
    long r = plain("_llseek", SYS__llseek, 5, a);
    /* A directory's position is the file system's cookie (a name hash on ext4 and tmpfs'
     * successors, 32 bits for an i386 task): a translator on a 64-bit host gets the 64-bit
     * hash and maps it to its own small numbers (see getdents64), so only the result counts. */
    if (r == 0 && in_data(a[3].v, 8) && !fd_is_dir(a[0].v))
        emit(" pos=%llu", (unsigned long long)*(uint64_t *)(uintptr_t)a[3].v);
}

static const u32 open_flag_bits[] = { O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND,
                                      O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, O_NONBLOCK, O_NOCTTY,
                                      O_PATH, O_TMPFILE & ~O_DIRECTORY, 0x80000000u, 3 };

static arg pick_open_flags(void)
{
    u32 f = 0;
    int n = (int)below(4);
    for (int i = 0; i < n; i++) f |= open_flag_bits[below(sizeof(open_flag_bits) / 4)];
    return mk(f, "%#o", f);
}

static void c_open(void)
{
    arg f = pick_open_flags();
    arg a[3] = { pick_path(!!(f.v & (O_CREAT | O_TRUNC | O_WRONLY | O_RDWR | 3))), f, { 0 } };
    u32 m = below(3) ? 0644 : 07777;
    a[2] = mk(m, "%#o", m);
    plain("open", SYS_open, 3, a);
}

static void c_openat(void)
{
    arg f = pick_open_flags();
    u32 m = below(3) ? 0600 : 0xffffffffu;
    arg a[4] = { pick_fd(), pick_path(1), f, mk(m, "%#o", m) };
    plain("openat", SYS_openat, 4, a);
}

static void c_close(void)
{
    arg a[1] = { pick_fd() };
    plain("close", SYS_close, 1, a);
}

/* stat family: prints the fields that do not depend on the folder's inodes or times. */
static void show_stat64(long r, const arg *buf)
{
    if (r != 0 || !in_tbuf(buf->v)) return;
    unsigned char *p = (unsigned char *)(uintptr_t)buf->v;
    u32 mode, nlink, uid, gid;
    uint64_t size, rdev;
    memcpy(&mode, p + 16, 4); memcpy(&nlink, p + 20, 4); memcpy(&uid, p + 24, 4);
    memcpy(&gid, p + 28, 4); memcpy(&rdev, p + 32, 8); memcpy(&size, p + 44, 8);
    if (S_ISCHR(mode)) mode &= S_IFMT;   /* /dev/null's permissions are the machine's */
    emit(" {mode=%#o nlink=%u uid=%u gid=%u rdev=%#llx size=%llu}", mode, nlink, uid, gid,
         (unsigned long long)rdev, (unsigned long long)size);
}

static void c_fstat64(void)
{
    arg a[2] = { pick_fd(), pick_tbuf() };
    long r = plain("fstat64", SYS_fstat64, 2, a);
    show_stat64(r, &a[1]);
}

static void c_stat64(void)
{
    arg a[2] = { pick_path(0), pick_tbuf() };
    long r = plain(below(2) ? "stat64" : "lstat64", below(2) ? SYS_stat64 : SYS_lstat64, 2, a);
    show_stat64(r, &a[1]);
}

static void c_fstatat64(void)
{
    static const u32 fl[] = { 0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, 0x4000, 0x80000000u };
    arg a[4] = { pick_fd(), pick_path(0), pick_tbuf(), num(fl[below(5)]) };
    long r = plain("fstatat64", SYS_fstatat64, 4, a);
    show_stat64(r, &a[2]);
}

static void c_statx(void)
{
    static const u32 fl[] = { 0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, 0x6000, 0x80000000u };
    arg a[5] = { pick_fd(), pick_path(0), num(fl[below(5)]), num(below(2) ? 0x7ff : 0x80000000u),
                 pick_tbuf() };
    long r = plain("statx", SYS_statx, 5, a);
    if (r == 0 && in_tbuf(a[4].v)) {
        unsigned char *p = (unsigned char *)(uintptr_t)a[4].v;
        uint16_t mode; u32 nlink; uint64_t size;
        memcpy(&nlink, p + 16, 4); memcpy(&mode, p + 28, 2); memcpy(&size, p + 40, 8);
        if (S_ISCHR(mode)) mode &= S_IFMT;
        emit(" {mode=%#o nlink=%u size=%llu}", mode, nlink, (unsigned long long)size);
    }
}

static void c_getdents64(void)
{
    arg a[3] = { pick_fd(), pick_tbuf(), num(below(2) ? sizeof(tbuf) : below(64)) };
    plain("getdents64", SYS_getdents64, 3, a);
}

static void c_getdents(void)
{
    arg a[3] = { pick_fd(), pick_tbuf(), num(below(2) ? sizeof(tbuf) : below(64)) };
    plain("getdents", SYS_getdents, 3, a);
}

static void c_fcntl(void)
{
    static const u32 cmds[] = { F_GETFL, F_SETFL, F_GETFD, F_SETFD, F_DUPFD, F_DUPFD_CLOEXEC,
                                F_GETOWN, F_GETSIG, F_GETPIPE_SZ, F_GET_SEALS, 1234, 0xffffffffu };
    u32 cmd = cmds[below(12)];
    arg a[3] = { pick_fd(), num(cmd), num(0) };
    if (cmd == F_SETFL) {
        u32 f = O_NONBLOCK | (below(2) ? O_APPEND : 0) | (below(4) ? 0 : O_DIRECT | O_NOATIME);
        a[2] = mk(f, "%#o", f);
    } else if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
        a[2] = num(below(4) ? 10 + below(20) : 0xffffffffu);
    } else if (cmd == F_SETFD) {
        a[2] = num(below(3));
    }
    long r = plain("fcntl64", SYS_fcntl64, 3, a);
    if (cmd == F_GETFL && r >= 0) emit(" (%#lo)", r);
}

static void c_dup(void)
{
    arg a[1] = { pick_fd() };
    plain("dup", SYS_dup, 1, a);
}

static void c_dup2(void)
{
    arg a[2] = { pick_fd(), pick_newfd() };
    plain("dup2", SYS_dup2, 2, a);
}

static void c_dup3(void)
{
    static const u32 fl[] = { 0, O_CLOEXEC, 1, 0x80000000u };
    arg a[3] = { pick_fd(), pick_newfd(), num(fl[below(4)]) };
    if (below(6) == 0 && a[0].v >= 3) a[1] = a[0];
    plain("dup3", SYS_dup3, 3, a);
}

static void c_pipe2(void)
{
    static const u32 fl[] = { O_NONBLOCK, O_NONBLOCK | O_CLOEXEC, O_NONBLOCK | O_DIRECT, 0x80000000u, 1 };
    u32 off = 0x7100 + (below(8) << 3);
    arg a[2] = { below(6) ? pool_ptr(off) : pick_buf(8), { 0 } };
    u32 f = fl[below(5)];
    a[1] = mk(f, "%#o", f);
    long r = plain("pipe2", SYS_pipe2, 2, a);
    if (r == 0 && in_data(a[0].v, 8)) {
        int *fds = (int *)(uintptr_t)a[0].v;
        emit(" [%d, %d]", fds[0], fds[1]);
    }
}

static void c_access(void)
{
    arg a[2] = { pick_path(0), num(below(5) ? below(8) : 0x100) };
    plain("access", SYS_access, 2, a);
}

static void c_faccessat2(void)
{
    static const u32 fl[] = { 0, AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, 0x8000 };
    arg a[4] = { pick_fd(), pick_path(0), num(below(8)), num(fl[below(5)]) };
    plain("faccessat2", 439, 4, a);
}

static void c_mkdir(void)
{
    arg a[2] = { pick_path(1), mk(0755, "0755") };
    plain("mkdir", SYS_mkdir, 2, a);
}

static void c_rmdir(void)
{
    arg a[1] = { pick_path(1) };
    if (a[0].v == name_addr[13]) a[0] = mk(name_addr[10], "\"newdir\"");
    plain("rmdir", SYS_rmdir, 1, a);
}

static void c_unlink(void)
{
    static const int ok[] = { 8, 9, 7, 11, 12, 4 };   /* new0 new1 dangling nonexistent/x f0/x d */
    int i = ok[below(6)];
    arg a[1] = { below(5) ? mk(name_addr[i], "\"%s\"", names[i]) : pick_path(1) };
    /* keep the four files, the link and the folder itself */
    for (int k = 0; k < NNAMES; k++)
        if (a[0].v == name_addr[k] && (k <= 3 || k == 6 || k == 13)) a[0] = mk(name_addr[8], "\"new0\"");
    plain("unlink", SYS_unlink, 1, a);
}

static void c_rename(void)
{
    static const int ok[] = { 8, 9, 10, 11, 12 };
    int i = ok[below(5)], j = ok[below(5)];
    arg a[2] = { mk(name_addr[i], "\"%s\"", names[i]), mk(name_addr[j], "\"%s\"", names[j]) };
    if (below(5) == 0) a[below(2)] = pick_path(1);
    plain("rename", SYS_rename, 2, a);
}

static void c_readlink(void)
{
    arg a[3] = { pick_path(0), { 0 }, num(below(2) ? below(12) : 4096) };
    a[1] = pick_buf(a[2].v);
    long r = plain("readlink", SYS_readlink, 3, a);
    show_mem(r, &a[1]);
}

static void c_truncate(void)
{
    static const int ok[] = { 0, 1, 2, 3, 8, 4, 11 };
    int i = ok[below(7)];
    arg a[2] = { below(6) ? mk(name_addr[i], "\"%s\"", names[i]) : pick_path(1),
                 num(below(4) ? below(9000) : (u32)-1) };
    plain("truncate", SYS_truncate, 2, a);
}

static void c_ftruncate(void)
{
    arg a[2] = { pick_fd(), num(below(4) ? below(9000) : (u32)-1) };
    plain("ftruncate", SYS_ftruncate, 2, a);
}

static void c_ftruncate64(void)
{
    arg a[3] = { pick_fd(), num(below(4) ? below(9000) : 0x80000000u), num(below(5) ? 0 : 0x80000000u) };
    plain("ftruncate64", SYS_ftruncate64, 3, a);
}

static void c_fsync(void)
{
    arg a[1] = { pick_fd() };
    plain(below(2) ? "fsync" : "fdatasync", below(2) ? SYS_fsync : SYS_fdatasync, 1, a);
}

static void c_flock(void)
{
    static const u32 ops[] = { LOCK_SH | LOCK_NB, LOCK_EX | LOCK_NB, LOCK_UN, 0, 99 };
    arg a[2] = { pick_fd(), num(ops[below(5)]) };
    plain("flock", SYS_flock, 2, a);
}

static void c_fchmod(void)
{
    static const u32 m[] = { 0644, 0600, 0755, 04755 };
    arg a[2] = { pick_fd(), num(m[below(4)]) };
    if (!fd_in_scratch(a[0].v)) a[0] = num((u32)-1);
    a[1] = mk(a[1].v, "%#o", a[1].v);
    plain("fchmod", SYS_fchmod, 2, a);
}

static void c_fchownat(void)
{
    static const u32 fl[] = { 0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, 0x8000 };
    arg a[5] = { pick_fd(), pick_path(1), num(below(3) ? 0 : (u32)-1), num(below(3) ? 0 : (u32)-1),
                 num(fl[below(4)]) };
    if (!fd_in_scratch(a[0].v)) a[0] = num((u32)AT_FDCWD);
    plain("fchownat", SYS_fchownat, 5, a);
}

static void c_getcwd(void)
{
    static const u32 sizes[] = { 0, 1, 4, 4096, 0x7fffffff, 0xffffffffu, 200 };
    arg a[2] = { { 0 }, num(sizes[below(7)]) };
    a[0] = pick_buf(a[1].v);
    long r = plain("getcwd", SYS_getcwd, 2, a);
    show_mem(r, &a[0]);
}

static void c_chdir(void)
{
    /* Only "." or a bad pointer: the fuzzer stays in its scratch folder. */
    arg a[1] = { below(2) ? mk(name_addr[13], "\".\"") : pick_badptr() };
    plain("chdir", SYS_chdir, 1, a);
}

static void c_umask(void)
{
    arg a[1] = { num(below(2) ? 022 : 0777) };
    if (a[0].v == 0777) a[0].v = 022;
    plain("umask", SYS_umask, 1, a);
}

/* Getters with nothing to filter. */
static void c_ids(void)
{
    static const struct { const char *n; long nr; } ids[] = {
        { "getuid32", SYS_getuid32 }, { "geteuid32", SYS_geteuid32 }, { "getgid32", SYS_getgid32 },
        { "getegid32", SYS_getegid32 }, { "getuid", SYS_getuid }, { "getgid", SYS_getgid },
        { "geteuid", SYS_geteuid }, { "getegid", SYS_getegid },
    };
    int i = (int)below(8);
    plain(ids[i].n, ids[i].nr, 0, NULL);
}

/* Getters whose value is a pid or tid: only success is printed. */
static void c_pids(void)
{
    static const struct { const char *n; long nr; int args; } ids[] = {
        { "getpid", SYS_getpid, 0 }, { "getppid", SYS_getppid, 0 }, { "gettid", SYS_gettid, 0 },
        { "getpgrp", SYS_getpgrp, 0 }, { "getsid", SYS_getsid, 1 }, { "getpgid", SYS_getpgid, 1 },
    };
    int i = (int)below(6);
    arg a[1] = { num(below(3) ? 0 : (below(2) ? (u32)-1 : 0x7ffffff0)) };
    long r = sys6(ids[i].nr, a[0].v, 0, 0, 0, 0, 0);
    head(ids[i].n, ids[i].args, a);
    if (r >= 0) emit(" = pid"); else result(r);
}

static void c_getresuid(void)
{
    int g = (int)below(2);
    u32 off = 0x7200 + (below(4) << 4);
    arg a[3] = { pool_ptr(off), pool_ptr(off + 4), pool_ptr(off + 8) };
    if (below(3) == 0) a[below(3)] = pick_buf(4);
    long r = plain(g ? "getresgid32" : "getresuid32", g ? SYS_getresgid32 : SYS_getresuid32, 3, a);
    if (r == 0 && in_data(a[0].v, 4) && in_data(a[1].v, 4) && in_data(a[2].v, 4))
        emit(" [%u %u %u]", *(u32 *)(uintptr_t)a[0].v, *(u32 *)(uintptr_t)a[1].v,
             *(u32 *)(uintptr_t)a[2].v);
}

static void c_getgroups(void)
{
    arg a[2] = { num(below(3) ? 64 : (below(2) ? 0 : (u32)-1)), { 0 } };
    a[1] = pick_buf(256);
    long r = plain("getgroups32", SYS_getgroups32, 2, a);
    show_mem(r > 0 && a[0].v ? r * 4 : 0, &a[1]);
}

static void c_uname(void)
{
    arg a[1] = { pick_buf(390) };
    long r = plain("uname", SYS_uname, 1, a);
    if (r == 0 && in_data(a[0].v, 390)) {
        char *u = (char *)(uintptr_t)a[0].v;
        emit(" {%.64s %.64s}", u, u + 4 * 65);
    }
}

static void c_olduname(void)
{
    arg a[1] = { pick_buf(390) };
    if (below(2)) plain("olduname", SYS_olduname, 1, a);
    else plain("oldolduname", SYS_oldolduname, 1, a);
}

static void c_times(void)
{
    static const struct { const char *n; long nr; int args; } t[] = {
        { "time", SYS_time, 1 }, { "gettimeofday", SYS_gettimeofday, 2 }, { "times", SYS_times, 1 },
        { "sysinfo", SYS_sysinfo, 1 }, { "getrusage", SYS_getrusage, 2 },
        { "clock_gettime", SYS_clock_gettime, 2 }, { "clock_gettime64", 403, 2 },
    };
    int i = (int)below(7);
    arg a[2] = { pick_tbuf(), pick_tbuf() };
    if (t[i].nr == SYS_getrusage || t[i].nr == SYS_clock_gettime || t[i].nr == 403) {
        static const u32 w[] = { 0, 1, (u32)-1, 2, 4, 7, 100, (u32)-2 };
        a[1] = a[0]; a[0] = num(w[below(8)]);
    }
    long r = sys6(t[i].nr, a[0].v, a[1].v, 0, 0, 0, 0);
    head(t[i].n, t[i].args, a);
    if ((t[i].nr == SYS_time || t[i].nr == SYS_times) && r >= 0) emit(" = time"); else result(r);
}

static void c_clock_getres(void)
{
    static const u32 clk[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, (u32)-1, 100 };
    arg a[2] = { num(clk[below(14)]), pick_buf(8) };
    int t64 = (int)below(2);
    long r = plain(t64 ? "clock_getres_time64" : "clock_getres", t64 ? 406 : SYS_clock_getres, 2, a);
    if (r == 0 && in_data(a[1].v, 16))
        emit(" {%u %u}", ((u32 *)(uintptr_t)a[1].v)[0], ((u32 *)(uintptr_t)a[1].v)[t64 ? 2 : 1]);
}

static void c_rlimit(void)
{
    arg a[2] = { num(below(18)), pick_buf(8) };
    if (below(8) == 0) a[0] = num(0x7fffffff);
    int g = (int)below(2);
    long r = plain(g ? "ugetrlimit" : "getrlimit", g ? SYS_ugetrlimit : SYS_getrlimit, 2, a);
    if (r == 0 && in_data(a[1].v, 8))
        emit(" {%#x %#x}", ((u32 *)(uintptr_t)a[1].v)[0], ((u32 *)(uintptr_t)a[1].v)[1]);
}

static void c_prlimit(void)
{
    arg a[4] = { num(below(5) ? 0 : 0x7ffffff0), num(below(18)), num(0), pick_buf(16) };
    long r = plain("prlimit64", SYS_prlimit64, 4, a);
    if (r == 0 && in_data(a[3].v, 16)) emit(" {%#llx}", (unsigned long long)*(uint64_t *)(uintptr_t)a[3].v);
}

static void c_priority(void)
{
    arg a[2] = { num(below(4)), num(below(3) ? 0 : 0x7ffffff0) };
    plain("getpriority", SYS_getpriority, 2, a);
}

static void c_sched(void)
{
    static const struct { const char *n; long nr; int args; } s[] = {
        { "sched_yield", SYS_sched_yield, 0 }, { "sched_getscheduler", SYS_sched_getscheduler, 1 },
        { "sched_getparam", SYS_sched_getparam, 2 },
        { "sched_get_priority_max", SYS_sched_get_priority_max, 1 },
        { "sched_get_priority_min", SYS_sched_get_priority_min, 1 },
        { "sched_getaffinity", SYS_sched_getaffinity, 3 },
        { "sched_rr_get_interval", SYS_sched_rr_get_interval, 2 },
    };
    int i = (int)below(7);
    arg a[3] = { num(below(4) ? 0 : (u32)-1), pick_buf(8), num(0) };
    if (s[i].nr == SYS_sched_get_priority_max || s[i].nr == SYS_sched_get_priority_min)
        a[0] = num(below(8));
    if (s[i].nr == SYS_sched_rr_get_interval) a[1] = pick_tbuf();   /* the slice depends on the load */
    if (s[i].nr == SYS_sched_getaffinity) {
        static const u32 len[] = { 0, 1, 4, 7, 8, 128, 4096 };
        a[2] = a[1]; a[1] = num(len[below(7)]);
    }
    long r = plain(s[i].n, s[i].nr, s[i].args, a);
    if (s[i].nr == SYS_sched_getparam && r == 0 && in_data(a[1].v, 4)) emit(" {%u}", *(u32 *)(uintptr_t)a[1].v);
}

static void c_personality(void)
{
    static const u32 p[] = { 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x12345678 };
    arg a[1] = { num(p[below(4)]) };
    long r = plain("personality", SYS_personality, 1, a);
    if (a[0].v != 0xffffffffu && r >= 0) syscall(SYS_personality, (u32)r);   /* restore */
}

static void c_prctl(void)
{
    static const u32 ops[] = { PR_GET_DUMPABLE, PR_GET_NAME, PR_GET_PDEATHSIG, PR_GET_TIMERSLACK,
                               PR_GET_NO_NEW_PRIVS, PR_GET_KEEPCAPS, PR_GET_SECUREBITS,
                               PR_GET_CHILD_SUBREAPER, PR_GET_THP_DISABLE, PR_GET_TSC,
                               PR_CAPBSET_READ, 0x7fff, 1000 };
    u32 op = ops[below(13)];
    arg a[2] = { num(op), pick_buf(16) };
    if (op == PR_CAPBSET_READ) a[1] = num(below(45));
    if (op == PR_GET_TIMERSLACK) {   /* the slack is the scheduler's, not a constant */
        long r = sys6(SYS_prctl, op, 0, 0, 0, 0, 0);
        head("prctl", 1, a);
        if (r >= 0) emit(" = slack"); else result(r);
        return;
    }
    long r = plain("prctl", SYS_prctl, 2, a);
    if (op == PR_GET_NAME && r == 0 && in_data(a[1].v, 16)) emit(" \"%.16s\"", (char *)(uintptr_t)a[1].v);
}

static void c_capget(void)
{
    u32 off = 0x7300 + (below(4) << 5);
    u32 *hdr = (u32 *)(uintptr_t)(pool + off);
    static const u32 vers[] = { 0x19980330, 0x20071026, 0x20080522, 0x12345 };
    hdr[0] = vers[below(4)];
    hdr[1] = 0;
    arg a[2] = { below(6) ? pool_ptr(off) : pick_buf(8), below(6) ? pool_ptr(off + 8) : pick_buf(24) };
    long r = plain("capget", SYS_capget, 2, a);
    if (in_data(a[0].v, 8)) emit(" ver=%#x", ((u32 *)(uintptr_t)a[0].v)[0]);
    if (r == 0 && in_data(a[1].v, 24)) emit(" eff=%#x", ((u32 *)(uintptr_t)a[1].v)[0]);
}

static void c_ioprio(void)
{
    arg a[2] = { num(below(5)), num(below(3) ? 0 : 0x7ffffff0) };
    plain("ioprio_get", SYS_ioprio_get, 2, a);
}

/* Memory calls: act on the playground pages (19-31) of the pool, or use bad arguments. */
static arg pick_play(int changes)
{
    switch (below(12)) {
    case 0: return mk(pool + PLAY_FIRST * PAGE + 123, "pool+play+123");
    case 1: return mk(0, "NULL");
    case 2: return mk(0xffffe000u, "0xffffe000");
    case 3: /* calls that map, unmap or protect never touch the hole and pages 17-18 */
        return changes ? mk(pool + POOL_PAGES * PAGE - 2 * PAGE + 8, "pool+play_end-0x1ff8")
                       : mk(pool + HOLE_PAGE * PAGE, "hole");
    default: {
        u32 pg = PLAY_FIRST + below(POOL_PAGES - PLAY_FIRST);
        return pool_ptr(pg * PAGE);
    }
    }
}

static arg pick_play_len(const arg *addr)
{
    u32 room = addr->v >= pool + PLAY_FIRST * PAGE && addr->v < pool + POOL_PAGES * PAGE
             ? pool + POOL_PAGES * PAGE - addr->v : PAGE;
    switch (below(8)) {
    case 0: return num(0);
    case 1: return num(1);
    case 2: return num(0xffffffffu);
    case 3: return num(PAGE + 1 > room ? room : PAGE + 1);
    default: {
        u32 len = (1 + below(3)) * PAGE;
        return num(len > room ? room : len);
    }
    }
}

/* A range must stay inside the pool, or be short when it starts elsewhere (NULL, the top
 * page): a 64-bit kernel takes madvise(NULL, 0xffffffff, MADV_DONTNEED) from an i386 task as
 * the whole 4 GiB and wipes the process (measured: the fuzzer's own TLS is zeroed). */
static int play_safe(const arg *addr, const arg *len)
{
    if (addr->v < pool || addr->v >= pool + POOL_PAGES * PAGE) return len->v <= 4 * PAGE;
    return addr->v + ((len->v + PAGE - 1) & ~(PAGE - 1)) <= pool + POOL_PAGES * PAGE
        && len->v <= POOL_PAGES * PAGE;
}

static arg pick_prot(void)
{
    static const u32 p[] = { PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_READ | PROT_EXEC,
                             PROT_READ | PROT_WRITE | 8 /* PROT_SEM */, 0x10, PROT_GROWSDOWN | PROT_READ,
                             PROT_GROWSUP | PROT_READ, 0x80 };
    return num(p[below(9)]);
}

static void c_mmap2(void)
{
    static const u32 fl[] = { MAP_PRIVATE | MAP_ANONYMOUS, MAP_SHARED | MAP_ANONYMOUS,
                              MAP_PRIVATE, MAP_SHARED, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN,
                              MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, 0, MAP_ANONYMOUS,
                              MAP_SHARED_VALIDATE | MAP_ANONYMOUS, MAP_SHARED_VALIDATE | 0x800000 | MAP_ANONYMOUS,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, MAP_PRIVATE | MAP_ANONYMOUS | 0x40000000 };
    arg a[6];
    u32 f = fl[below(12)];
    int fixed = (int)below(3);
    a[0] = fixed ? pick_play(1) : mk(0, "NULL");
    a[1] = fixed ? pick_play_len(&a[0]) : num(below(6) ? (1 + below(4)) * PAGE : (below(2) ? 0 : 0xfffff000u));
    a[2] = pick_prot();
    if (fixed == 1) f |= MAP_FIXED;
    if (fixed == 2) f |= MAP_FIXED_NOREPLACE;
    if (fixed && !play_safe(&a[0], &a[1])) { a[1] = num(PAGE); }
    if (fixed && (a[0].v < pool || a[0].v >= pool + POOL_PAGES * PAGE)) f &= ~(MAP_FIXED | MAP_FIXED_NOREPLACE);
    a[3] = mk(f, "%#x", f);
    a[4] = below(3) ? num((u32)-1) : num(3 + below(6));
    a[5] = num(below(5) ? 0 : 1);
    u32 v[6];
    for (int i = 0; i < 6; i++) v[i] = a[i].v;
    long r = sys6(SYS_mmap2, v[0], v[1], v[2], v[3], v[4], v[5]);
    head("mmap2", 6, a);
    if (!(f & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && !(r < 0 && r >= -4095)) {
        emit(" = addr");   /* where the kernel puts a new mapping is its choice: filtered */
        syscall(SYS_munmap, (u32)r, a[1].v);
        return;
    }
    addr_result(r, a[1].v);
}

static int no_whole_unmap;

static void c_munmap(void)
{
    arg a[2] = { pick_play(1), { 0 } };
    a[1] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[1])) a[1] = num(PAGE);
    /* Linux: EINVAL; SYSCALL_DIFF_NO_WHOLE_UNMAP leaves it out for exploring what follows on
     * a translator that unmaps everything there (the random sequence stays the same) */
    if (below(40) == 0 && !no_whole_unmap) { a[0] = mk(0, "NULL"); a[1] = num(0xffffffffu); }
    if (below(40) == 0) { a[0] = mk(0xffffe000u, "0xffffe000"); a[1] = num(PAGE); }
    plain("munmap", SYS_munmap, 2, a);
}

static void c_mprotect(void)
{
    arg a[3] = { pick_play(1), { 0 }, pick_prot() };
    a[1] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[1])) a[1] = num(PAGE);
    plain("mprotect", SYS_mprotect, 3, a);
}

static void c_madvise(void)
{
    static const u32 adv[] = { 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                               21, 22, 23, 26, 99, 0xffffffffu };
    arg a[3] = { pick_play(0), { 0 }, num(adv[below(24)]) };
    a[1] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[1])) a[1] = num(PAGE);
    plain("madvise", SYS_madvise, 3, a);
}

static void c_mremap(void)
{
    static const u32 fl[] = { 0, 0, 2 /* FIXED alone: EINVAL */, 3, 4 /* DONTUNMAP */, 5, 8 };
    arg a[5] = { pick_play(1), { 0 }, { 0 }, num(fl[below(7)]), { 0 } };
    a[1] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[1])) a[1] = num(PAGE);
    a[2] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[2])) a[2] = num(PAGE);
    u32 dst = PLAY_FIRST + below(POOL_PAGES - PLAY_FIRST);
    a[4] = pool_ptr(dst * PAGE);
    if (!play_safe(&a[4], &a[2])) a[2] = num(PAGE);
    if (!play_safe(&a[4], &a[2])) a[4] = pool_ptr((POOL_PAGES - 1) * PAGE);
    u32 v[5];
    for (int i = 0; i < 5; i++) v[i] = a[i].v;
    long r = sys6(SYS_mremap, v[0], v[1], v[2], v[3], v[4], 0);
    head("mremap", 5, a);
    addr_result(r, a[2].v);
}

static void c_msync(void)
{
    static const u32 fl[] = { MS_ASYNC, MS_SYNC, MS_INVALIDATE, MS_ASYNC | MS_SYNC, 0, 8 };
    arg a[3] = { pick_play(0), { 0 }, num(fl[below(6)]) };
    a[1] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[1])) a[1] = num(PAGE);
    plain("msync", SYS_msync, 3, a);
}

static void c_mincore(void)
{
    arg a[3] = { pick_play(0), { 0 }, pick_tbuf() };
    a[1] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[1])) a[1] = num(PAGE);
    long r = plain("mincore", SYS_mincore, 3, a);
    (void)r;
}

static void c_mlock(void)
{
    arg a[2] = { pick_play(0), { 0 } };
    a[1] = pick_play_len(&a[0]);
    if (!play_safe(&a[0], &a[1])) a[1] = num(PAGE);
    int l = (int)below(2);
    plain(l ? "mlock" : "munlock", l ? SYS_mlock : SYS_munlock, 2, a);
}

static void c_brk(void)
{
    u32 want = below(3) == 0 ? 0 : brk0 + below(8) * PAGE + (below(2) ? 0 : 100);
    if (below(10) == 0) want = 0xfffff000u;
    arg a[1] = { want ? mk(want, "brk0+%#x", want - brk0) : mk(0, "0") };
    if (want == 0xfffff000u) a[0] = num(want);
    long r = sys6(SYS_brk, a[0].v, 0, 0, 0, 0, 0);
    head("brk", 1, a);
    emit(" = brk0+%#lx", (unsigned long)((u32)r - brk0));
}

/* Polling calls with zero timeouts. */
static void c_poll(void)
{
    u32 off = 0x7400 + (below(4) << 6);
    short *p = (short *)(uintptr_t)(pool + off);
    int n = (int)below(4);
    for (int i = 0; i < n; i++) {
        ((int *)p)[2 * i] = (int)pick_fd().v;
        p[4 * i + 2] = (short)(below(2) ? POLLIN : POLLIN | POLLOUT);
        p[4 * i + 3] = 0;
    }
    arg a[3] = { below(6) ? pool_ptr(off) : pick_buf(8), num(below(8) ? (u32)n : 0x7fffffff), num(0) };
    long r = plain("poll", SYS_poll, 3, a);
    if (r > 0 && in_data(a[0].v, 8 * (u32)n)) {
        emit(" [");
        for (int i = 0; i < n; i++) emit("%s%#x", i ? " " : "", (unsigned short)p[4 * i + 3]);
        emit("]");
    }
}

static void c_select(void)
{
    u32 off = 0x7500 + (below(4) << 6);
    u32 *set = (u32 *)(uintptr_t)(pool + off);
    u32 *tv = set + 8;
    set[0] = 1u << (3 + below(20));
    set[1] = 0;
    tv[0] = 0;
    tv[1] = below(4) ? 0 : 1000000;
    arg a[5] = { num(below(6) ? 32 : (below(2) ? (u32)-1 : 2000)), pool_ptr(off), num(0), num(0),
                 below(6) ? pool_ptr(off + 32) : mk(pool + NONE_PAGE * PAGE, "pool+none") };
    long r = plain("_newselect", SYS__newselect, 5, a);
    if (r >= 0) emit(" set=%#x", set[0]);
    tv[0] = tv[1] = 0;   /* the time left, written back by Linux, varies: not kept */
}

static void c_epoll(void)
{
    static int ep = -2;
    if (ep == -2 || below(30) == 0) {
        arg a[1] = { num(below(4) ? O_CLOEXEC : 1) };
        long r = plain("epoll_create1", SYS_epoll_create1, 1, a);
        if (r >= 0) { if (ep >= 0) syscall(SYS_close, ep); ep = (int)r; }
        return;
    }
    u32 off = 0x7600 + (below(4) << 6);
    u32 *ev = (u32 *)(uintptr_t)(pool + off);
    if (below(2)) {
        ev[0] = below(2) ? 1 : 5;   /* EPOLLIN / EPOLLIN|EPOLLOUT */
        ev[1] = 77; ev[2] = 0;
        arg a[4] = { num((u32)ep), num(1 + below(3)), pick_fd(), below(6) ? pool_ptr(off) : pick_buf(12) };
        if (below(8) == 0) a[0] = pick_fd();
        plain("epoll_ctl", SYS_epoll_ctl, 4, a);
    } else {
        static const u32 max[] = { 1, 4, 0, (u32)-1, 65537, 0x7fffffff };
        arg a[4] = { num((u32)ep), pick_buf(48), num(max[below(6)]), num(0) };
        if (below(8) == 0) a[0] = pick_fd();
        long r = plain("epoll_wait", SYS_epoll_wait, 4, a);
        if (r > 0 && in_data(a[1].v, 12)) emit(" ev0=%#x", ((u32 *)(uintptr_t)a[1].v)[0]);
    }
}

static void c_eventfd(void)
{
    /* always non-blocking: a read of a zero counter would wait */
    static const u32 fl[] = { O_NONBLOCK, O_NONBLOCK, O_CLOEXEC | O_NONBLOCK, 1 | O_NONBLOCK, 0x80000000u | O_NONBLOCK };
    arg a[2] = { num(below(100)), mk(fl[below(5)], "%#o", fl[below(1)]) };
    a[1].s[0] = 0;
    snprintf(a[1].s, sizeof(a[1].s), "%#o", a[1].v);
    plain("eventfd2", SYS_eventfd2, 2, a);
}

static void c_nanosleep(void)
{
    u32 off = 0x7700 + (below(4) << 4);
    u32 *ts = (u32 *)(uintptr_t)(pool + off);
    ts[0] = 0;
    ts[1] = below(4) ? below(1000) : (below(2) ? 1000000000u : (u32)-1);
    /* a bad timespec is only an unreadable one: pool data could ask for hours */
    arg a[2] = { below(6) ? pool_ptr(off) : pick_badptr(), below(2) ? mk(0, "NULL") : pick_buf(8) };
    plain("nanosleep", SYS_nanosleep, 2, a);
}

static void c_clock_nanosleep64(void)
{
    u32 off = 0x7800 + (below(4) << 4);
    u32 *ts = (u32 *)(uintptr_t)(pool + off);
    ts[0] = 0; ts[1] = 0;
    ts[2] = below(4) ? below(1000) : 1000000000u;
    ts[3] = below(4) ? 0 : 0xdeadbeef;   /* the upper half of tv_nsec: ignored for 32-bit tasks */
    arg a[4] = { num(below(6) ? 1 : (u32)-1), num(below(6) ? 0 : 2), below(6) ? pool_ptr(off) : pick_badptr(),
                 mk(0, "NULL") };
    plain("clock_nanosleep_time64", 407, 4, a);
}

static void c_futex(void)
{
    u32 off = 0x7900 + (below(4) << 2);
    *(u32 *)(uintptr_t)(pool + off) = 5;
    static const u32 ops[] = { 1 /* WAKE */, 0x81 /* WAKE|PRIVATE */, 0 /* WAIT */, 0x80, 99 };
    u32 op = ops[below(5)];
    arg a[4] = { below(6) ? pool_ptr(off) : pick_buf(4), num(op), num(below(2) ? 5 : 6), num(0) };
    if (op == 0 || op == 0x80) {
        /* WAIT: only with a value that differs (EAGAIN) or a zero timeout (ETIMEDOUT) */
        u32 toff = 0x7a00 + (below(4) << 3);
        ((u32 *)(uintptr_t)(pool + toff))[0] = 0;
        ((u32 *)(uintptr_t)(pool + toff))[1] = 0;
        a[3] = below(4) ? pool_ptr(toff) : pick_badptr();
        if (!in_data(a[3].v, 8)) a[2] = num(6);
        if (!in_data(a[0].v, 4)) a[3] = pool_ptr(toff);
    }
    plain("futex", SYS_futex, 4, a);
}

static volatile int sig_count;
static void on_signal(int s) { (void)s; sig_count++; }

static arg pick_sig(void)
{
    static const u32 s[] = { 0, SIGUSR1, SIGUSR2, SIGCHLD, SIGWINCH, SIGURG, 32, 33, 34, 40, 63, 64,
                             65, (u32)-1 };
    return num(s[below(14)]);
}

static void c_kill(void)
{
    int t = (int)below(2);
    arg s = pick_sig();
    int before = sig_count;
    long r;
    if (t) {
        r = sys6(SYS_tgkill, (u32)getpid(), (u32)syscall(SYS_gettid), s.v, 0, 0, 0);
        emit("%ld tgkill(pid, tid, %s)", call_nr, s.s);
    } else {
        r = sys6(SYS_kill, (u32)getpid(), s.v, 0, 0, 0, 0);
        emit("%ld kill(pid, %s)", call_nr, s.s);
    }
    result(r);
    emit(" handled=%d", sig_count - before);
}

static void c_sigprocmask(void)
{
    u32 off = 0x7b00 + (below(4) << 4);
    u32 *set = (u32 *)(uintptr_t)(pool + off);
    set[0] = (1u << (SIGUSR1 - 1)) | (below(2) ? 1u << (SIGWINCH - 1) : 0);
    set[1] = below(2) ? 1u << (40 - 33) : (1u << (32 - 33 + 32)) >> 0;
    set[2] = 0; set[3] = 0;
    arg a[4] = { num(below(6) ? below(3) : 7), below(5) ? pool_ptr(off) : pick_buf(8),
                 below(3) ? pool_ptr(off + 8) : pick_buf(8), num(below(8) ? 8 : 4) };
    long r = plain("rt_sigprocmask", SYS_rt_sigprocmask, 4, a);
    if (r == 0 && in_data(a[2].v, 8)) emit(" old=%#x:%#x", set[2], set[3]);
    /* Leave nothing blocked: a pending signal is delivered (and counted) here, not later. */
    u32 none[2] = { 0, 0 };
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, none, NULL, 8);
}

static void c_sigaction(void)
{
    u32 off = 0x7c00 + (below(4) << 5);
    arg a[4] = { pick_sig(), mk(0, "NULL"), below(5) ? pool_ptr(off) : pick_buf(20), num(below(8) ? 8 : 16) };
    long r = plain("rt_sigaction", SYS_rt_sigaction, 4, a);
    if (r == 0 && in_data(a[2].v, 20))
        emit(" handler=%s", *(u32 *)(uintptr_t)a[2].v == (u32)(uintptr_t)on_signal ? "on_signal"
                           : *(u32 *)(uintptr_t)a[2].v == 0 ? "SIG_DFL" : "other");
}

static void c_oldsig(void)
{
    switch (below(3)) {
    case 0: plain("sgetmask", SYS_sgetmask, 0, NULL); break;
    case 1: { arg a[1] = { pick_buf(4) }; plain("sigpending", SYS_sigpending, 1, a); break; }
    default: { arg a[1] = { pick_buf(8) }; plain("rt_sigpending_bad", SYS_rt_sigpending, 1, a); break; }
    }
}

static void c_sigaltstack(void)
{
    u32 off = 0x7d00 + (below(4) << 4);
    u32 *ss = (u32 *)(uintptr_t)(pool + off);
    /* at most 32 KiB: sp + size stays in the data pages (the stack is never used: no handler
     * has SA_ONSTACK) */
    static const u32 sizes[] = { 2048, 2047, 4096, 8192, 16384, 1024, 0, 32768 };
    ss[0] = pool + 0x8000;
    ss[1] = below(4) ? 0 : (below(2) ? 2 /* SS_DISABLE */ : 99);
    ss[2] = sizes[below(8)];
    arg a[2] = { below(3) ? mk(0, "NULL") : (below(5) ? pool_ptr(off) : pick_buf(12)),
                 below(4) ? pool_ptr(off + 0x40) : pick_buf(12) };
    if (a[0].v == pool + off) {
        a[0] = mk(a[0].v, "{sp=pool+0x8000 flags=%u size=%u}", ss[1], ss[2]);
    } else if (in_data(a[0].v, 12)) {   /* a struct made of whatever the data pages hold */
        u32 *g = (u32 *)(uintptr_t)a[0].v;
        char name[sizeof(a[0].s)];
        memcpy(name, a[0].s, sizeof(name));
        a[0] = mk(a[0].v, "%.14s{flags=%#x size=%#x}", name, g[1], g[2]);
    }
    if (!in_data(pool + off, 12)) return;
    long r = plain("sigaltstack", SYS_sigaltstack, 2, a);
    if (r == 0 && in_data(a[1].v, 12)) {
        u32 *o = (u32 *)(uintptr_t)a[1].v;
        emit(" old={flags=%u size=%u}", o[1], o[2]);
    }
    /* the old stack pointer is an address: not left in the data pages (even a partial copy
     * that stopped at the hole) */
    if (a[1].v >= pool && a[1].v < pool + HOLE_PAGE * PAGE) {
        u32 n = pool + HOLE_PAGE * PAGE - a[1].v;
        memset((void *)(uintptr_t)a[1].v, 0, n < 4 ? n : 4);
    }
    ss[0] = 0;
}

static void c_timer(void)
{
    static int timers;
    u32 off = 0x7e00 + (below(4) << 6);
    u32 *sev = (u32 *)(uintptr_t)(pool + off);
    switch (below(4)) {
    case 0: {
        memset(sev, 0, 64);
        sev[2] = below(4) ? 1 /* SIGEV_NONE */ : 77;
        arg a[3] = { num(below(5) ? 1 : 99), below(6) ? pool_ptr(off) : pick_buf(64), pool_ptr(off + 48) };
        long r = plain("timer_create", SYS_timer_create, 3, a);
        if (r == 0) { timers++; emit(" id=%u", sev[12]); }
        break;
    }
    case 1: {
        arg a[1] = { num(below(4)) };
        plain("timer_getoverrun", SYS_timer_getoverrun, 1, a);
        break;
    }
    case 2: {
        arg a[2] = { num(below(4)), pick_tbuf() };
        plain("timer_gettime", SYS_timer_gettime, 2, a);
        break;
    }
    default: {
        arg a[1] = { num(below(4)) };
        plain("timer_delete", SYS_timer_delete, 1, a);
    }
    }
}

static void c_ioctl(void)
{
    static const u32 req[] = { 0x541b /* FIONREAD */, 0x5401 /* TCGETS */, 2 /* FIGETBSZ */,
                               0x5421 /* FIONBIO */, 0x5451 /* FIOCLEX */, 0x5450 /* FIONCLEX */,
                               0x80046601 /* FS_IOC32_GETFLAGS */, 0x5452 /* FIOASYNC */,
                               0x80047601 /* FS_IOC32_GETVERSION */, 0x1234, 0x80087601 };
    u32 off = 0x7f00 + (below(4) << 4);
    *(u32 *)(uintptr_t)(pool + off) = 1;
    u32 rq = req[below(11)];
    arg a[3] = { pick_fd(), mk(rq, "%#x", rq), pick_tbuf() };
    if (rq == 0x5421 || rq == 0x5452) a[2] = pool_ptr(off);   /* FIONBIO 1: pipes stay non-blocking */
    if (in_tbuf(a[2].v)) memset(tbuf, 0, 8);
    long r = plain("ioctl", SYS_ioctl, 3, a);
    if (r == 0 && (rq == 0x541b || rq == 2 || rq == 0x80046601) && in_tbuf(a[2].v))
        emit(" val=%u", *(u32 *)tbuf);
}

static void c_sendfile(void)
{
    int b64 = (int)below(2);
    u32 off = 0x7f80 + (below(4) << 3);
    ((u32 *)(uintptr_t)(pool + off))[0] = below(100); ((u32 *)(uintptr_t)(pool + off))[1] = 0;
    arg a[4] = { pick_fd(), pick_fd(), below(2) ? mk(0, "NULL") : (below(5) ? pool_ptr(off) : pick_buf(8)),
                 pick_len() };
    if (fd_is_pipe(a[1].v)) a[1] = num((u32)-1);   /* a full pipe would block the sender */
    plain(b64 ? "sendfile64" : "sendfile", b64 ? SYS_sendfile64 : SYS_sendfile, 4, a);
}

static void c_splice(void)
{
    arg a[6] = { pick_fd(), mk(0, "NULL"), pick_fd(), mk(0, "NULL"), num(below(2) ? below(5000) : 0xffffffffu),
                 num(below(4) ? 1 /* SPLICE_F_MOVE */ | 2 /* NONBLOCK */ : 0x82) };   /* never blocking */
    if (below(2)) { a[1] = a[3] = mk(0, "NULL"); plain("tee", SYS_tee, 4, (arg[]){ a[0], a[2], a[4], a[5] }); }
    else plain("splice", SYS_splice, 6, a);
}

static void c_copy_file_range(void)
{
    arg a[6] = { pick_fd(), mk(0, "NULL"), pick_fd(), mk(0, "NULL"), num(below(2) ? below(5000) : 0xffffffffu),
                 num(below(6) ? 0 : 1) };
    plain("copy_file_range", SYS_copy_file_range, 6, a);
}

static void c_fadvise(void)
{
    arg a[6] = { pick_fd(), num(below(100)), num(0), num(below(2) ? 0 : 4096), num(0), num(below(8)) };
    if (below(6) == 0) a[5] = num(99);
    plain("fadvise64_64", SYS_fadvise64_64, 6, a);
}

static void c_readahead(void)
{
    arg a[4] = { pick_fd(), num(below(100)), num(0), num(below(2) ? 4096 : 0) };
    plain("readahead", SYS_readahead, 4, a);
}

static void c_close_range(void)
{
    static const u32 fl[] = { 0, 4 /* CLOSE_RANGE_CLOEXEC */, 2 /* UNSHARE */, 8 };
    arg a[3] = { num(40 + below(10)), num(below(6) ? 45 + below(10) : 0xffffffffu), num(fl[below(4)]) };
    plain("close_range", 436, 3, a);
}

static void c_getrandom(void)
{
    arg a[3] = { pick_tbuf(), num(below(4) ? below(64) : 0x2000000), num(below(5) ? 1 /* GRND_NONBLOCK */ : 0x40) };
    if (in_tbuf(a[0].v) && a[1].v > sizeof(tbuf)) a[1] = num(sizeof(tbuf));
    plain("getrandom", SYS_getrandom, 3, a);
}

static void c_robust(void)
{
    u32 off = 0x7fc0 + (below(4) << 3);
    arg a[3] = { num(0), pick_tbuf(), below(5) ? pool_ptr(off + 4) : pick_buf(4) };   /* the head is an address */
    long r = plain("get_robust_list", SYS_get_robust_list, 3, a);
    if (r == 0 && in_data(a[2].v, 4)) emit(" len=%u", *(u32 *)(uintptr_t)a[2].v);
}

static void c_membarrier(void)
{
    static const u32 cmd[] = { 0 /* QUERY */, 8 /* PRIVATE_EXPEDITED */, 16 /* REGISTER_PRIVATE_EXPEDITED */, 0x1234 };
    arg a[3] = { num(cmd[below(4)]), num(below(6) ? 0 : 1), num(0) };
    plain("membarrier", SYS_membarrier, 3, a);
}

static void c_waitid(void)
{
    arg a[5] = { num(below(2) ? 0 /* P_ALL */ : 9), num(0), pick_buf(128),
                 num(below(3) ? 4 | 1 /* WEXITED|WNOHANG */ : 0), mk(0, "NULL") };
    long r = plain("waitid", SYS_waitid, 5, a);
    if (in_data(a[2].v, 128)) emit(" signo=%u", *(u32 *)(uintptr_t)a[2].v);
    (void)r;
}

static void c_wait4(void)
{
    arg a[4] = { num(below(2) ? (u32)-1 : 0x7ffffff0), pick_buf(4), num(below(3) ? 1 /* WNOHANG */ : 0x80000000u),
                 mk(0, "NULL") };
    plain("wait4", SYS_wait4, 4, a);
}

static void c_unimplemented_range(void)
{
    /* Numbers Linux 6.1 has no system call for on i386. */
    static const u32 nr[] = { 223, 251, 285, 0x8000, 600, 1000, 4096, 0x7fffffff };   /* not 451+: newer kernels have them */
    u32 n = nr[below(8)];
    long r = sys6(n, 0, 0, 0, 0, 0, 0);
    emit("%ld syscall(%u)", call_nr, n);
    result(r);
}

/* CALL(function, weight) - the safe set; the weight is how often it is drawn. */
#define CALL_LIST(X) \
    X(c_read, 6) X(c_write, 6) X(c_pread, 3) X(c_pwrite, 3) X(c_readv, 2) X(c_writev, 2) \
    X(c_preadv, 1) X(c_pwritev, 1) X(c_preadv2, 1) X(c_pwritev2, 1) X(c_lseek, 3) X(c_llseek, 2) \
    X(c_open, 5) X(c_openat, 4) X(c_close, 4) X(c_fstat64, 3) X(c_stat64, 3) X(c_fstatat64, 2) \
    X(c_statx, 2) X(c_getdents64, 1) X(c_getdents, 1) X(c_fcntl, 4) X(c_dup, 2) X(c_dup2, 2) \
    X(c_dup3, 2) X(c_pipe2, 2) X(c_access, 2) X(c_faccessat2, 1) X(c_mkdir, 1) X(c_rmdir, 1) \
    X(c_unlink, 1) X(c_rename, 1) X(c_readlink, 2) X(c_truncate, 1) X(c_ftruncate, 1) \
    X(c_ftruncate64, 1) X(c_fsync, 1) X(c_flock, 1) X(c_fchmod, 1) X(c_fchownat, 1) \
    X(c_getcwd, 2) X(c_chdir, 1) X(c_umask, 1) X(c_ids, 2) X(c_pids, 1) X(c_getresuid, 2) \
    X(c_getgroups, 1) X(c_uname, 1) X(c_olduname, 1) X(c_times, 2) X(c_clock_getres, 1) \
    X(c_rlimit, 1) X(c_prlimit, 1) X(c_priority, 1) X(c_sched, 2) X(c_personality, 1) \
    X(c_prctl, 2) X(c_capget, 1) X(c_ioprio, 1) X(c_mmap2, 4) X(c_munmap, 2) X(c_mprotect, 3) \
    X(c_madvise, 3) X(c_mremap, 2) X(c_msync, 1) X(c_mincore, 1) X(c_mlock, 1) X(c_brk, 1) \
    X(c_poll, 2) X(c_select, 2) X(c_epoll, 2) X(c_eventfd, 1) X(c_nanosleep, 1) \
    X(c_clock_nanosleep64, 1) X(c_futex, 2) X(c_kill, 2) X(c_sigprocmask, 2) X(c_sigaction, 2) \
    X(c_oldsig, 1) X(c_sigaltstack, 2) X(c_timer, 2) X(c_ioctl, 3) X(c_sendfile, 2) X(c_splice, 2) \
    X(c_copy_file_range, 1) X(c_fadvise, 1) X(c_readahead, 1) X(c_close_range, 1) \
    X(c_getrandom, 1) X(c_robust, 1) X(c_membarrier, 1) X(c_waitid, 1) X(c_wait4, 1) \
    X(c_unimplemented_range, 1)

typedef void (*call_fn)(void);
#define AS_ENTRY(fn, w) { fn, w },
static const struct { call_fn fn; int weight; } calls[] = { CALL_LIST(AS_ENTRY) };
#define NCALLS (int)(sizeof(calls) / sizeof(calls[0]))

/* ---------------------------------------------------------------------------------------------
 * Set-up: the pool, the scratch folder's files, the first descriptors, the signal handlers.
 * ------------------------------------------------------------------------------------------- */

static void setup_files(void)
{
    static const char *const content[] = { "hello world\n", "", "0123456789abcdef\n", "x" };
    for (int i = 0; i < 4; i++) {
        int fd = open(names[i], O_CREAT | O_TRUNC | O_WRONLY, 0644);
        for (int k = 0; fd >= 0 && k <= i * 40; k++) {
            if (write(fd, content[i], strlen(content[i])) < 0) break;
        }
        if (fd >= 0) close(fd);
    }
    mkdir("d", 0755);
    mkdir("d/inner", 0755);
    symlink("f0", "link");
    symlink("missing", "dangling");
    /* descriptors 3-9: files, /dev/null, a directory, a non-blocking pipe */
    open("f0", O_RDWR);
    open("f2", O_RDONLY);
    open("/dev/null", O_RDWR);
    open("d", O_RDONLY | O_DIRECTORY);
    int p[2];
    pipe2(p, O_NONBLOCK);
    open("f3", O_WRONLY | O_APPEND);
    open("f1", O_RDWR);
}

static void setup_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) sigaction(s, &sa, NULL);
    /* 32 and 33 are glibc's own; install the counting handler with the raw call */
    u32 k[5] = { (u32)(uintptr_t)on_signal, 0x04000000 /* SA_RESTORER */, 0, 0, 0 };
    struct sigaction cur;
    sigaction(SIGUSR1, NULL, &cur);
    k[2] = (u32)(uintptr_t)cur.sa_restorer;
    k[1] = (u32)cur.sa_flags;
    syscall(SYS_rt_sigaction, 32, k, NULL, 8);
    syscall(SYS_rt_sigaction, 33, k, NULL, 8);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        static const char usage[] = "usage: syscall-diff SEED CALLS SCRATCH_DIR\n";
        if (write(2, usage, sizeof(usage) - 1) < 0) return 2;
        return 2;
    }
    unsigned long seed = strtoul(argv[1], NULL, 0);
    long ncalls = strtol(argv[2], NULL, 0);
    if (chdir(argv[3]) != 0) return 3;
    rng_state = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)seed * 0x100000001b3ULL);
    if (!rng_state) rng_state = 1;

    struct rlimit fs = { 1 << 20, 1 << 20 };
    setrlimit(RLIMIT_FSIZE, &fs);
    void *p = mmap(NULL, POOL_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 4;
    pool = (u32)(uintptr_t)p;
    munmap((char *)p + HOLE_PAGE * PAGE, PAGE);
    mprotect((char *)p + NONE_PAGE * PAGE, PAGE, PROT_NONE);
    memset((char *)p + RO_PAGE * PAGE, 'r', PAGE);
    mprotect((char *)p + RO_PAGE * PAGE, PAGE, PROT_READ);
    for (u32 i = 0; i < DATA_PAGES * PAGE; i++) ((unsigned char *)p)[i] = (unsigned char)(i * 7 + (i >> 8));
    brk0 = (u32)syscall(SYS_brk, 0);

    for (int i = 0; i < NNAMES; i++) name_addr[i] = (u32)(uintptr_t)names[i];
    long_name_addr = pool + RO_PAGE * PAGE;
    /* the partly mapped path: "f0" then the hole */
    ((char *)p)[HOLE_PAGE * PAGE - 2] = 'f';
    ((char *)p)[HOLE_PAGE * PAGE - 1] = '0';

    {
        unsigned char st[96];
        if (syscall(SYS_stat64, ".", st) != 0) return 5;
        memcpy(&scratch_dev, st, 8);
    }
    setup_files();
    setup_signals();

    int debug_pool = getenv("SYSCALL_DIFF_DEBUG") != NULL;   /* hash of the data pages per call */
    no_whole_unmap = getenv("SYSCALL_DIFF_NO_WHOLE_UNMAP") != NULL;
    int total = 0;
    for (int i = 0; i < NCALLS; i++) total += calls[i].weight;
    for (call_nr = 0; call_nr < ncalls; call_nr++) {
        int w = (int)below((u32)total), i = 0;
        while (w >= calls[i].weight) w -= calls[i++].weight;
        calls[i].fn();
        if (debug_pool) emit(" pool=%08x", hash_mem(pool, DATA_PAGES * PAGE));
        end_line();
    }
    emit("done %ld calls", ncalls);
    end_line();
    flush_out();
    return 0;
}
