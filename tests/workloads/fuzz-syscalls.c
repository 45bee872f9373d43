/*
 * fuzz-syscalls.c - an i386 guest program that makes system calls with random numbers and
 * random arguments, to show that loongbt turns anything a program may ask into a result, an
 * -errno or a guest signal, and never crashes itself (tests/workloads/run-fuzz-syscalls.sh).
 *
 *   fuzz-syscalls SEED CHILDREN CALLS_PER_CHILD SCRATCH_DIR LOG_DIR
 *
 * Safety comes first (the machine is shared, and the tests may run as root), so the fuzzer
 * only calls syscalls from an allow-list, each with a description of its arguments:
 *   - paths that can create, change or remove something are never random pointers: they are
 *     chosen from a few relative names without '/' or "..", or point at an unreadable page;
 *     the process works inside SCRATCH_DIR, so such a path can only touch files in there;
 *   - process ids of signal-sending calls are always the fuzzer's own; file descriptors are
 *     small numbers (0-31: scratch files, /dev/null, the child's log), so no call changes a
 *     file through a descriptor (fchmod on fd 0 changed the mode of the machine's /dev/null);
 *   - timeouts are zero or tiny, so nothing blocks; memory calls only act on mappings the
 *     fuzzer made itself; RLIMIT_FSIZE bounds the disk space a child can fill.
 * Numbers outside the allow-list are only tried in ranges where Linux has no syscall at all
 * (their result must be -ENOSYS). Each child makes CALLS_PER_CHILD calls and is ended by the
 * parent if it takes too long; a child may well die of a guest signal (it can send itself
 * one, or mprotect its own pool away), which is counted, not an error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------------
 * Argument kinds and the allow-list
 * ------------------------------------------------------------------------------------------- */

/* ARG_KIND(name, what the fuzzer passes) */
#define ARG_KIND_LIST(K) \
    K(ANY,     "a random value: small, boundary, pointer to a buffer, bad pointer or random") \
    K(RPATH,   "a path only read: anything ANY gives, or a safe name") \
    K(WPATH,   "a path that may be created/changed/removed: a safe name or a bad pointer") \
    K(FD,      "a descriptor 0-31 or -1 / AT_FDCWD") \
    K(NEWFD,   "a descriptor 0-31 (dup2/dup3 target)") \
    K(SELF,    "the fuzzer's pid") \
    K(TID,     "the calling thread's tid") \
    K(POOL,    "an address inside the fuzzer's own mapping pool") \
    K(PLEN,    "a length that stays inside the pool") \
    K(RFLAGS,  "mremap flags: MREMAP_MAYMOVE or 0 (never MREMAP_FIXED)") \
    K(ADVICE,  "a madvise advice below 26 (never MADV_HWPOISON/SOFT_OFFLINE)") \
    K(SIG,     "a signal number (mostly harmless ones), never a stop signal or SIGABRT") \
    K(MFLAGS,  "mmap flags without MAP_FIXED/POPULATE/LOCKED/HUGETLB") \
    K(ZTIME,   "pointer to a zero timeout (timeval/timespec), sometimes a bad pointer") \
    K(MS,      "a poll/epoll timeout of 0-2 ms") \
    K(BUF,     "pointer to the random buffer")

enum ArgKind {
#define K_ENUM(name, what) A_##name,
    ARG_KIND_LIST(K_ENUM)
#undef K_ENUM
};

/* CALL(i386 number, name, kinds of arguments 1..6) - numbers are the i386 ones. */
#define CALL_LIST(C) \
    C(3,   read,            FD, BUF, ANY, ANY, ANY, ANY) \
    C(4,   write,           FD, BUF, ANY, ANY, ANY, ANY) \
    C(5,   open,            WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(6,   close,           FD, ANY, ANY, ANY, ANY, ANY) \
    C(7,   waitpid,         ANY, ANY, ANY, ANY, ANY, ANY) \
    C(8,   creat,           WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(9,   link,            WPATH, WPATH, ANY, ANY, ANY, ANY) \
    C(10,  unlink,          WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(12,  chdir,           WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(13,  time,            ANY, ANY, ANY, ANY, ANY, ANY) \
    C(15,  chmod,           WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(19,  lseek,           FD, ANY, ANY, ANY, ANY, ANY) \
    C(20,  getpid,          ANY, ANY, ANY, ANY, ANY, ANY) \
    C(33,  access,          RPATH, ANY, ANY, ANY, ANY, ANY) \
    C(37,  kill,            SELF, SIG, ANY, ANY, ANY, ANY) \
    C(38,  rename,          WPATH, WPATH, ANY, ANY, ANY, ANY) \
    C(39,  mkdir,           WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(40,  rmdir,           WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(41,  dup,             FD, ANY, ANY, ANY, ANY, ANY) \
    C(42,  pipe,            ANY, ANY, ANY, ANY, ANY, ANY) \
    C(43,  times,           ANY, ANY, ANY, ANY, ANY, ANY) \
    C(54,  ioctl,           FD, ANY, ANY, ANY, ANY, ANY) \
    C(55,  fcntl,           FD, ANY, ANY, ANY, ANY, ANY) \
    C(60,  umask,           ANY, ANY, ANY, ANY, ANY, ANY) \
    C(63,  dup2,            FD, NEWFD, ANY, ANY, ANY, ANY) \
    C(64,  getppid,         ANY, ANY, ANY, ANY, ANY, ANY) \
    C(78,  gettimeofday,    ANY, ANY, ANY, ANY, ANY, ANY) \
    C(83,  symlink,         WPATH, WPATH, ANY, ANY, ANY, ANY) \
    C(85,  readlink,        RPATH, BUF, ANY, ANY, ANY, ANY) \
    C(91,  munmap,          POOL, PLEN, ANY, ANY, ANY, ANY) \
    C(92,  truncate,        WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(93,  ftruncate,       FD, ANY, ANY, ANY, ANY, ANY) \
    C(99,  statfs,          RPATH, ANY, ANY, ANY, ANY, ANY) \
    C(100, fstatfs,         FD, ANY, ANY, ANY, ANY, ANY) \
    C(106, stat,            RPATH, ANY, ANY, ANY, ANY, ANY) \
    C(107, lstat,           RPATH, ANY, ANY, ANY, ANY, ANY) \
    C(108, fstat,           FD, ANY, ANY, ANY, ANY, ANY) \
    C(122, uname,           ANY, ANY, ANY, ANY, ANY, ANY) \
    C(125, mprotect,        POOL, PLEN, ANY, ANY, ANY, ANY) \
    C(133, fchdir,          FD, ANY, ANY, ANY, ANY, ANY) \
    C(140, _llseek,         FD, ANY, ANY, ANY, ANY, ANY) \
    C(141, getdents,        FD, BUF, ANY, ANY, ANY, ANY) \
    C(142, _newselect,      ANY, ANY, ANY, ANY, ZTIME, ANY) \
    C(143, flock,           FD, ANY, ANY, ANY, ANY, ANY) \
    C(144, msync,           POOL, PLEN, ANY, ANY, ANY, ANY) \
    C(145, readv,           FD, ANY, ANY, ANY, ANY, ANY) \
    C(146, writev,          FD, ANY, ANY, ANY, ANY, ANY) \
    C(147, getsid,          ANY, ANY, ANY, ANY, ANY, ANY) \
    C(148, fdatasync,       FD, ANY, ANY, ANY, ANY, ANY) \
    C(158, sched_yield,     ANY, ANY, ANY, ANY, ANY, ANY) \
    C(163, mremap,          POOL, PLEN, PLEN, RFLAGS, ANY, ANY) \
    C(168, poll,            ANY, ANY, MS, ANY, ANY, ANY) \
    C(176, rt_sigpending,   ANY, ANY, ANY, ANY, ANY, ANY) \
    C(177, rt_sigtimedwait, ANY, ANY, ZTIME, ANY, ANY, ANY) \
    C(180, pread64,         FD, BUF, ANY, ANY, ANY, ANY) \
    C(181, pwrite64,        FD, BUF, ANY, ANY, ANY, ANY) \
    C(183, getcwd,          ANY, ANY, ANY, ANY, ANY, ANY) \
    C(186, sigaltstack,     ANY, ANY, ANY, ANY, ANY, ANY) \
    C(191, ugetrlimit,      ANY, ANY, ANY, ANY, ANY, ANY) \
    C(192, mmap2,           ANY, ANY, ANY, MFLAGS, FD, ANY) \
    C(193, truncate64,      WPATH, ANY, ANY, ANY, ANY, ANY) \
    C(194, ftruncate64,     FD, ANY, ANY, ANY, ANY, ANY) \
    C(195, stat64,          RPATH, ANY, ANY, ANY, ANY, ANY) \
    C(196, lstat64,         RPATH, ANY, ANY, ANY, ANY, ANY) \
    C(197, fstat64,         FD, ANY, ANY, ANY, ANY, ANY) \
    C(199, getuid32,        ANY, ANY, ANY, ANY, ANY, ANY) \
    C(205, getgroups32,     ANY, ANY, ANY, ANY, ANY, ANY) \
    C(209, getresuid32,     ANY, ANY, ANY, ANY, ANY, ANY) \
    C(219, madvise,         POOL, PLEN, ADVICE, ANY, ANY, ANY) \
    C(220, getdents64,      FD, BUF, ANY, ANY, ANY, ANY) \
    C(221, fcntl64,         FD, ANY, ANY, ANY, ANY, ANY) \
    C(224, gettid,          ANY, ANY, ANY, ANY, ANY, ANY) \
    C(240, futex,           ANY, ANY, ANY, ZTIME, ANY, ANY) \
    C(242, sched_getaffinity, SELF, ANY, ANY, ANY, ANY, ANY) \
    C(244, get_thread_area, ANY, ANY, ANY, ANY, ANY, ANY) \
    C(254, epoll_create,    ANY, ANY, ANY, ANY, ANY, ANY) \
    C(255, epoll_ctl,       FD, ANY, FD, ANY, ANY, ANY) \
    C(256, epoll_wait,      FD, ANY, ANY, MS, ANY, ANY) \
    C(265, clock_gettime,   ANY, ANY, ANY, ANY, ANY, ANY) \
    C(266, clock_getres,    ANY, ANY, ANY, ANY, ANY, ANY) \
    C(268, statfs64,        RPATH, ANY, ANY, ANY, ANY, ANY) \
    C(269, fstatfs64,       FD, ANY, ANY, ANY, ANY, ANY) \
    C(270, tgkill,          SELF, TID, SIG, ANY, ANY, ANY) \
    C(295, openat,          FD, WPATH, ANY, ANY, ANY, ANY) \
    C(296, mkdirat,         FD, WPATH, ANY, ANY, ANY, ANY) \
    C(300, fstatat64,       FD, RPATH, ANY, ANY, ANY, ANY) \
    C(301, unlinkat,        FD, WPATH, ANY, ANY, ANY, ANY) \
    C(302, renameat,        FD, WPATH, FD, WPATH, ANY, ANY) \
    C(304, symlinkat,       WPATH, FD, WPATH, ANY, ANY, ANY) \
    C(305, readlinkat,      FD, RPATH, BUF, ANY, ANY, ANY) \
    C(307, faccessat,       FD, RPATH, ANY, ANY, ANY, ANY) \
    C(308, pselect6,        ANY, ANY, ANY, ANY, ZTIME, ANY) \
    C(309, ppoll,           ANY, ANY, ZTIME, ANY, ANY, ANY) \
    C(318, getcpu,          ANY, ANY, ANY, ANY, ANY, ANY) \
    C(320, utimensat,       FD, WPATH, ANY, ANY, ANY, ANY) \
    C(322, timerfd_create,  ANY, ANY, ANY, ANY, ANY, ANY) \
    C(328, eventfd2,        ANY, ANY, ANY, ANY, ANY, ANY) \
    C(329, epoll_create1,   ANY, ANY, ANY, ANY, ANY, ANY) \
    C(330, dup3,            FD, NEWFD, ANY, ANY, ANY, ANY) \
    C(331, pipe2,           ANY, ANY, ANY, ANY, ANY, ANY) \
    C(355, getrandom,       BUF, ANY, ANY, ANY, ANY, ANY) \
    C(383, statx,           FD, RPATH, ANY, ANY, ANY, ANY) \
    C(403, clock_gettime64, ANY, ANY, ANY, ANY, ANY, ANY) \
    C(439, faccessat2,      FD, RPATH, ANY, ANY, ANY, ANY)

typedef struct FuzzCall {
    int nr;
    const char *name;
    unsigned char kind[6];
} FuzzCall;

static const FuzzCall calls[] = {
#define C_ENTRY(nr, name, k1, k2, k3, k4, k5, k6) \
    { nr, #name, { A_##k1, A_##k2, A_##k3, A_##k4, A_##k5, A_##k6 } },
    CALL_LIST(C_ENTRY)
#undef C_ENTRY
};
#define NCALLS ((int)(sizeof(calls) / sizeof(calls[0])))

/* ---------------------------------------------------------------------------------------------
 * Random values
 * ------------------------------------------------------------------------------------------- */

static uint64_t rng;
static uint32_t rnd(void)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng >> 33);
}

static const char *const safe_names[] = { "a", "b", "dir", "x", "f1", "f2", "lnk", "" };
/* The pointers the generator hands out live on a page made read-only after set-up, so no
 * fuzzed call (the kernel writing through a random pointer) can redirect a path argument. */
static struct {
    uint8_t *buf;                    /* 64 KiB of random bytes */
    uint8_t *noaccess;               /* a PROT_NONE page */
    uint8_t *pool;                   /* the fuzzer's own mappings for munmap/mprotect/... */
} __attribute__((aligned(4096))) g;
static uint8_t g_pad[4096 - sizeof(g)] __attribute__((used));
#define buf g.buf
#define noaccess g.noaccess
#define pool g.pool
/* Names made of random bytes for path arguments, without '/' or '.': built right before each
 * call, so nothing the fuzzed calls did to memory can put a '/' or ".." in them. */
static char wnames[6][16];
#define BUF_SIZE  (64 * 1024)
#define POOL_SIZE (256 * 1024)
static const struct timespec zero_ts;

static uint32_t random_any(void)
{
    static const uint32_t boundary[] = { 0, 1, 2, 3, 4, 8, 16, 64, 255, 4096, 65535, 0x7fffffff,
                                         0x80000000u, 0xffffffffu, 0xfffff000u, 0xc0000000u };
    switch (rnd() % 8) {
    case 0: return rnd() % 8;
    case 1: return boundary[rnd() % (sizeof(boundary) / sizeof(boundary[0]))];
    case 2: case 3: return (uint32_t)(uintptr_t)(buf + rnd() % (BUF_SIZE - 256));
    case 4: return (uint32_t)(uintptr_t)(noaccess + rnd() % 4096);
    case 5: return 16 + rnd() % 4000;              /* the unmapped page at 0 */
    case 6: return (uint32_t)(uintptr_t)safe_names[rnd() % 8];
    default: return rnd();
    }
}

static uint32_t random_arg(int kind)
{
    switch (kind) {
    case A_ANY:    return random_any();
    case A_RPATH:  return rnd() % 2 ? random_any() : (uint32_t)(uintptr_t)safe_names[rnd() % 8];
    case A_WPATH:
        switch (rnd() % 4) {
        case 0: return (uint32_t)(uintptr_t)(noaccess + rnd() % 4096);
        case 1: {
            char *w = wnames[rnd() % 6];
            int len = 1 + (int)(rnd() % 15);
            for (int i = 0; i < len; i++) {
                char ch = (char)(1 + rnd() % 255);
                w[i] = (ch == '/' || ch == '.') ? 'q' : ch;
            }
            w[len] = 0;
            return (uint32_t)(uintptr_t)w;
        }
        default: return (uint32_t)(uintptr_t)safe_names[rnd() % 8];
        }
    case A_FD:     return rnd() % 8 == 0 ? (rnd() % 2 ? (uint32_t)-1 : (uint32_t)AT_FDCWD) : rnd() % 32;
    case A_NEWFD:  return rnd() % 32;
    case A_SELF:   return (uint32_t)getpid();
    case A_TID:    return (uint32_t)syscall(SYS_gettid);
    case A_POOL:   return (uint32_t)(uintptr_t)(pool + (rnd() % (POOL_SIZE / 4096)) * 4096);
    case A_PLEN:   return rnd() % (POOL_SIZE / 2);
    case A_RFLAGS: return rnd() % 2;                 /* MREMAP_MAYMOVE */
    case A_ADVICE: return rnd() % 26;
    case A_SIG: {
        static const uint32_t harmless[] = { 0, SIGALRM, SIGCHLD, SIGWINCH, SIGURG, 65, 200 };
        if (rnd() % 16)                  /* mostly signals the child survives */
            return harmless[rnd() % (sizeof(harmless) / sizeof(harmless[0]))];
        uint32_t sig = rnd() % 65;
        return (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU ||
                sig == SIGABRT) ? 0 : sig;
    }
    case A_MFLAGS: return random_any() & ~(uint32_t)(MAP_FIXED | MAP_POPULATE | MAP_LOCKED |
                                                      MAP_HUGETLB | 0x100000 /* FIXED_NOREPLACE */);
    case A_ZTIME:  return rnd() % 8 ? (uint32_t)(uintptr_t)&zero_ts : 16;
    case A_MS:     return rnd() % 3;
    case A_BUF:    return (uint32_t)(uintptr_t)(buf + rnd() % (BUF_SIZE / 2));
    default:       return 0;
    }
}

/* ---------------------------------------------------------------------------------------------
 * One child: set up the sandbox, make the calls
 * ------------------------------------------------------------------------------------------- */

static long raw_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
    long ret;
    /* int $0x80 with all six arguments (ebp holds the sixth). */
    __asm__ volatile("push %%ebp\n\tmov %7, %%ebp\n\tint $0x80\n\tpop %%ebp"
                     : "=a"(ret)
                     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "m"(f)
                     : "memory");
    return ret;
}

static void on_tick(int sig) { (void)sig; }

static int run_child(unsigned seed, int ncalls, const char *logpath)
{
    rng = seed * 0x9e3779b97f4a7c15ull + 1;
    /* Descriptors: 0 = /dev/null, 1 = /dev/null, 2 = this child's log; nothing else open. */
    int log = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_RDWR);
    if (log < 0 || null < 0) return 2;
    dup2(null, 0);
    dup2(null, 1);
    dup2(log, 2);
    for (int fd = 3; fd < 1024; fd++) close(fd);
    /* At most 16 MiB per file; writing more fails with EFBIG instead of SIGXFSZ. */
    struct rlimit fsz = { 16 << 20, 16 << 20 };
    setrlimit(RLIMIT_FSIZE, &fsz);
    signal(SIGXFSZ, SIG_IGN);
    /* A 10 ms interval timer interrupts any call that would block (an empty pipe, a lock):
     * its handler does nothing and is installed without SA_RESTART. */
    struct sigaction sa = { 0 };
    sa.sa_handler = on_tick;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval tick = { { 0, 10000 }, { 0, 10000 } };
    setitimer(ITIMER_REAL, &tick, NULL);

    buf = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    noaccess = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pool = mmap(NULL, POOL_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED || noaccess == MAP_FAILED || pool == MAP_FAILED) return 2;
    if (mprotect(&g, 4096, PROT_READ) != 0) return 2;
    for (int i = 0; i < BUF_SIZE; i++) {
        uint8_t c = (uint8_t)rnd();
        buf[i] = (c == '/' || c == '.') ? 'q' : c;
    }
    buf[BUF_SIZE - 1] = 0;
    for (int i = 0; i < 64; i++) buf[rnd() % BUF_SIZE] = 0;     /* short strings too */
    mkdir("dir", 0755);
    close(open("f1", O_WRONLY | O_CREAT, 0644));

    for (int i = 0; i < ncalls; i++) {
        long nr, a[6];
        if (rnd() % 16 == 0) {
            /* A number no i386 kernel has: -ENOSYS is the only right answer. */
            nr = 500 + rnd() % 400;
            for (int k = 0; k < 6; k++) a[k] = (long)rnd();
            long r = raw_syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
            if (r != -ENOSYS) {
                fprintf(stderr, "fuzz: syscall %ld returned %ld, not -ENOSYS\n", nr, r);
                return 3;
            }
            continue;
        }
        const FuzzCall *c = &calls[rnd() % NCALLS];
        for (int k = 0; k < 6; k++) a[k] = (long)random_arg(c->kind[k]);
        (void)raw_syscall6(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Parent: run the children, count how they ended
 * ------------------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s SEED CHILDREN CALLS_PER_CHILD SCRATCH_DIR LOG_DIR\n", argv[0]);
        return 2;
    }
    unsigned seed = (unsigned)strtoul(argv[1], NULL, 0);
    int children = atoi(argv[2]), per_child = atoi(argv[3]);
    const char *scratch = argv[4], *logdir = argv[5];
    int ok = 0, signalled = 0, failed = 0, sigs[65] = { 0 };

    for (int n = 0; n < children; n++) {
        char logpath[4096];
        snprintf(logpath, sizeof(logpath), "%s/child-%d.log", logdir, n);
        pid_t p = fork();
        if (p < 0) { perror("fork"); return 2; }
        if (p == 0) {
            if (chdir(scratch) != 0) _exit(2);
            _exit(run_child(seed + (unsigned)n, per_child, logpath));
        }
        int st = 0;
        for (int waited = 0; waitpid(p, &st, WNOHANG) == 0; waited++) {
            if (waited == 3000) kill(p, SIGKILL);            /* 30 s: hung, end it (our child) */
            struct timespec t = { 0, 10 * 1000 * 1000 };
            nanosleep(&t, NULL);
        }
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
            ok++;
        } else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT) {
            /* The fuzzed calls never send SIGABRT and nothing here calls abort(): this is
             * loongbt's own abort (an internal error). */
            failed++;
            printf("child %d (seed %u): SIGABRT (loongbt internal error?)\n", n, seed + n);
        } else if (WIFSIGNALED(st)) {
            signalled++;
            sigs[WTERMSIG(st) & 63]++;
        } else {
            failed++;
            printf("child %d (seed %u): exit status %d\n", n, seed + n, WEXITSTATUS(st));
        }
    }
    printf("fuzz-syscalls: %d children x %d calls: %d finished, %d ended by a guest signal",
           children, per_child, ok, signalled);
    for (int s = 1; s < 65; s++)
        if (sigs[s]) printf(" (%d: %d)", s, sigs[s]);
    printf(", %d failed\n", failed);
    return failed ? 1 : 0;
}
