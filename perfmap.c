/*
 * perfmap.c - perf map and jitdump output (see perfmap.h).
 *
 * Both files are written through a buffer of our own, flushed when it fills and at exit, so a
 * block costs a few hundred bytes of memcpy rather than a write(2). A forked child gets files
 * of its own pid: the child writes the parent's records so far into them, then its own blocks.
 * Blocks are emitted with tb_lock held, so the writers need no lock of their own.
 *
 * The jitdump format (perf's tools/perf/Documentation/jitdump-specification.txt): a 40-byte
 * file header (magic 'JiTD', version 1, header size, ELF machine, pad, pid, timestamp, flags),
 * then records; a JIT_CODE_LOAD record is a 16-byte header (id 0, total size, timestamp) then
 * pid, tid, vma, code address, code size, code index, the NUL-terminated name and the code
 * bytes. Timestamps are CLOCK_MONOTONIC, which is what `perf record -k mono` samples use. perf
 * finds the dump through an executable mmap of it in the process, made once at open.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "perfmap.h"
#include "guest-syms.h"

bool perfmap_active;

#define JITDUMP_MAGIC   0x4A695444u
#define JITDUMP_VERSION 1
#define JIT_CODE_LOAD   0

typedef struct JitHeader {
    uint32_t magic, version, total_size, elf_mach, pad1, pid;
    uint64_t timestamp, flags;
} JitHeader;

typedef struct JitCodeLoad {
    uint32_t id, total_size;
    uint64_t timestamp;
    uint32_t pid, tid;
    uint64_t vma, code_addr, code_size, code_index;
} JitCodeLoad;

/* ------------------------------------------------------------------ buffered output files */
typedef struct OutFile {
    int fd;                           /* -1: off */
    char path[64];
    size_t used;
    char buf[64 * 1024];
} OutFile;

static OutFile map_out = { .fd = -1 }, jit_out = { .fd = -1 };
static uint64_t jit_code_index;

static void out_flush(OutFile *o)
{
    size_t done = 0;
    while (o->fd >= 0 && done < o->used) {
        ssize_t n = write(o->fd, o->buf + done, o->used - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += (size_t)n;
    }
    o->used = 0;
}

static void out_put(OutFile *o, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        if (o->used == sizeof(o->buf)) out_flush(o);
        size_t n = sizeof(o->buf) - o->used < len ? sizeof(o->buf) - o->used : len;
        memcpy(o->buf + o->used, p, n);
        o->used += n;
        p += n;
        len -= n;
    }
}

static void flush_all(void)
{
    out_flush(&map_out);
    out_flush(&jit_out);
}

int perf_fd_out_of_guest_way(int fd)
{
    struct rlimit lim;
    if (fd < 0 || getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur < 256) return fd;
    rlim_t top = lim.rlim_cur > 65536 ? 65536 : lim.rlim_cur;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, (int)(top - 64));   /* lowest free from there */
    if (high < 0) return fd;
    close(fd);
    return high;
}

/* Create the file; the caller has put the pid-specific name into o->path. */
static bool out_create(OutFile *o, const char *what)
{
    /* O_RDWR: the jitdump is mapped from this descriptor */
    o->fd = perf_fd_out_of_guest_way(open(o->path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (o->fd < 0) {
        fprintf(stderr, "loongbt-i386: %s: cannot create %s: %s; going on without it\n",
                what, o->path, strerror(errno));
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ jitdump */
static uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* This host's ELF machine number, from our own executable (no per-host table needed). */
static uint32_t host_elf_machine(void)
{
    Elf64_Ehdr eh;
    int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, &eh, sizeof(eh)) : -1;
    if (fd >= 0) close(fd);
    return n == (ssize_t)sizeof(eh) ? eh.e_machine : EM_NONE;
}

static void jitdump_header(void)
{
    JitHeader h = { JITDUMP_MAGIC, JITDUMP_VERSION, sizeof(JitHeader), host_elf_machine(), 0,
                    (uint32_t)getpid(), monotonic_ns(), 0 };
    out_put(&jit_out, &h, sizeof(h));
}

/* perf record notes the dump by this executable mapping of it (never unmapped). */
static void jitdump_announce(void)
{
    void *m = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_EXEC, MAP_PRIVATE,
                   jit_out.fd, 0);
    if (m == MAP_FAILED)
        fprintf(stderr, "loongbt-i386: -jitdump: cannot map %s: %s (perf will not see it)\n",
                jit_out.path, strerror(errno));
}

static void jitdump_block(const void *code, size_t size, const char *name)
{
    size_t name_len = strlen(name) + 1;
    JitCodeLoad r = { JIT_CODE_LOAD, (uint32_t)(sizeof(r) + name_len + size), monotonic_ns(),
                      (uint32_t)getpid(), (uint32_t)syscall(SYS_gettid),
                      (uintptr_t)code, (uintptr_t)code, size, jit_code_index++ };
    out_put(&jit_out, &r, sizeof(r));
    out_put(&jit_out, name, name_len);
    out_put(&jit_out, code, size);
}

/* ------------------------------------------------------------------ fork */
/* Copy what the parent wrote to its file so far into a file named for the child. */
static void reopen_for_child(OutFile *o, const char *pattern, const char *what)
{
    if (o->fd < 0) return;
    char parent_path[sizeof(o->path)];
    memcpy(parent_path, o->path, sizeof(parent_path));
    close(o->fd);
    snprintf(o->path, sizeof(o->path), pattern, (int)getpid());
    if (!out_create(o, what)) return;
    int in = open(parent_path, O_RDONLY | O_CLOEXEC);
    char chunk[8192];
    ssize_t n;
    while (in >= 0 && (n = read(in, chunk, sizeof(chunk))) > 0)
        if (write(o->fd, chunk, (size_t)n) != n) break;
    if (in >= 0) close(in);
}

/* The parent flushed both buffers before fork (pthread_atfork prepare), so the files hold
 * everything so far. */
static void after_fork_child(void)
{
    reopen_for_child(&map_out, "/tmp/perf-%d.map", "-perfmap");
    reopen_for_child(&jit_out, "jit-%d.dump", "-jitdump");
    if (jit_out.fd >= 0) {
        uint32_t pid = (uint32_t)getpid();    /* the copied header names the parent */
        if (pwrite(jit_out.fd, &pid, sizeof(pid), offsetof(JitHeader, pid)) != (ssize_t)sizeof(pid))
            fprintf(stderr, "loongbt-i386: -jitdump: cannot update %s\n", jit_out.path);
        jitdump_announce();
    }
}

static void register_handlers_once(void)
{
    static bool done;
    if (done) return;
    done = true;
    atexit(flush_all);
    pthread_atfork(flush_all, NULL, after_fork_child);
}

/* ------------------------------------------------------------------ interface */
bool perfmap_open_map(void)
{
    snprintf(map_out.path, sizeof(map_out.path), "/tmp/perf-%d.map", (int)getpid());
    if (!out_create(&map_out, "-perfmap")) return false;
    register_handlers_once();
    perfmap_active = true;
    return true;
}

bool perfmap_open_jitdump(void)
{
    snprintf(jit_out.path, sizeof(jit_out.path), "jit-%d.dump", (int)getpid());
    if (!out_create(&jit_out, "-jitdump")) return false;
    jitdump_header();
    out_flush(&jit_out);              /* the header must be in the file before perf maps it */
    jitdump_announce();
    register_handlers_once();
    perfmap_active = true;
    return true;
}

void perfmap_write_block(const void *code, size_t size, uint32_t guest_pc)
{
    char name[320] = "guest:";
    if (!guest_syms_lookup(guest_pc, name + 6, sizeof(name) - 6))
        snprintf(name + 6, sizeof(name) - 6, "0x%08x", guest_pc);
    if (map_out.fd >= 0) {
        char line[400];
        int n = snprintf(line, sizeof(line), "%lx %zx %s\n", (unsigned long)(uintptr_t)code, size, name);
        out_put(&map_out, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
    }
    if (jit_out.fd >= 0)
        jitdump_block(code, size, name);
}
