/*
 * procfs.c - the guest's view of its own /proc entries. The host's files describe loongbt (a
 * 64-bit process with a 4 GiB reservation), so opening these gives a memfd with what the
 * i386 kernel would show:
 *   /proc/self/maps     the guest's mappings, merged like the kernel's vmas, with the file
 *                       name, offset, device and inode recorded at mmap time (mmap.c), and
 *                       [heap] / [stack];
 *   /proc/self/auxv     the auxiliary vector the loader built (elfload.c);
 *   /proc/self/cmdline  the guest's argv area, read from guest memory as the kernel does;
 *   /proc/self/stat     the host's line with the guest's command name, sizes and addresses;
 *   /proc/self/exe      (open) the guest program.
 * Each also as /proc/thread-self/... and /proc/<own pid>/...; readlink of exe is in syscall.c.
 * syscall.c's open/openat call procfs_open first (one hook).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "qemu.h"
#include "exec-all.h"

/* The entry name after /proc/self/, /proc/thread-self/ or /proc/<own pid>/, or NULL. */
static const char *own_proc_entry(const char *p)
{
    char own[32];
    static const char *const prefixes[] = { "/proc/self/", "/proc/thread-self/" };
    for (unsigned i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (!strncmp(p, prefixes[i], strlen(prefixes[i]))) return p + strlen(prefixes[i]);
    snprintf(own, sizeof(own), "/proc/%d/", (int)getpid());
    if (!strncmp(p, own, strlen(own))) return p + strlen(own);
    return NULL;
}

/* The stack is mapped whole up front, while the kernel's grows down on demand: it starts as
 * the argument pages plus 128 KiB (setup_arg_pages' stack_expand) and reaches down to the
 * lowest page touched. Show that: the lower of the two, found with mincore. */
static uint64_t stack_shown_start(uint64_t start, uint64_t end)
{
    const struct image_info *info = guest_image();
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE), lo;
    unsigned char in_core;
    if (!info) return start;
    lo = (info->start_stack & ~(uint64_t)(TARGET_PAGE_SIZE - 1)) - 128 * 1024;
    if (lo < start) return start;
    for (uint64_t a = start & ~(page - 1); a < lo; a += page)
        if (mincore(g2h((abi_ulong)a), page, &in_core) == 0 && (in_core & 1))
            return a < start ? start : a & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
    return lo > end ? end : lo;
}

/* One maps line per run of pages with the same protection and origin (file pages also need
 * contiguous offsets, which one origin record gives). */
static void write_maps(FILE *f)
{
    uint64_t start = 0;
    int run_prot = -1;
    uint32_t run_origin = 0;
    tb_lock();                                   /* a stable view of the memory map */
    for (uint64_t a = 0; a <= GUEST_ADDR_SPACE; a += TARGET_PAGE_SIZE) {
        int prot = a < GUEST_ADDR_SPACE ? guest_page_prot((abi_ulong)a) : -2;
        uint32_t origin = prot >= 0 ? guest_page_origin_id((abi_ulong)a) : 0;
        if (prot == run_prot && origin == run_origin) continue;
        if (run_prot >= 0 && run_origin == ORIGIN_STACK) start = stack_shown_start(start, a);
        if (run_prot >= 0) {
            const GuestOrigin *o = guest_page_origin((abi_ulong)start);
            uint64_t off = o->ino ? (uint64_t)((int64_t)start + o->offset_bias) : 0;
            int len = fprintf(f, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %02x:%02x %" PRIu64 " ",
                              start, a, (run_prot & PROT_READ) ? 'r' : '-', (run_prot & PROT_WRITE) ? 'w' : '-',
                              (run_prot & PROT_EXEC) ? 'x' : '-', o->shared ? 's' : 'p', off,
                              major(o->dev), minor(o->dev), o->ino);
            if (o->name) fprintf(f, "%*s%s", len < 73 ? 73 - len : 1, "", o->name);
            fputc('\n', f);
        }
        start = a;
        run_prot = prot;
        run_origin = origin;
    }
    tb_unlock();
}

static void write_auxv(FILE *f)
{
    size_t n;
    const abi_ulong *v = guest_auxv(&n);
    fwrite(v, sizeof(abi_ulong), n, f);
}

static void write_cmdline(FILE *f)
{
    abi_ulong start, end;
    guest_arg_range(&start, &end);
    if (end > start && guest_access_ok(start, end - start, false)) fwrite(g2h(start), 1, end - start, f);
}

/* The host's stat line with the guest's fields: the command name (under a host emulator the
 * host file has the emulator's idea of it), the virtual size of the guest's mappings, and the
 * address fields of the guest's image (start/end of code, stack, data, brk, args, env). */
static unsigned long long guest_vsize(void)
{
    unsigned long long n = 0;
    for (uint64_t a = 0; a < GUEST_ADDR_SPACE; a += TARGET_PAGE_SIZE)
        n += guest_page_prot((abi_ulong)a) >= 0;
    return n * TARGET_PAGE_SIZE;
}

static void write_stat(FILE *f)
{
    char line[2048], comm[17] = "";
    FILE *h = fopen("/proc/self/stat", "r");
    if (!h) return;
    bool ok = fgets(line, sizeof(line), h) != NULL;
    fclose(h);
    char *close = ok ? strrchr(line, ')') : NULL;
    if (!close) return;
    const struct image_info *info = guest_image();
    abi_ulong brk_start, brk_cur, as, ae, es, ee;
    guest_brk_range(&brk_start, &brk_cur);
    guest_arg_range(&as, &ae);
    guest_env_range(&es, &ee);
    /* Field numbers as in proc(5); field 3 (state) is the first after the name. */
    unsigned long long set[53] = { 0 };
    bool have[53] = { false };
#define STAT_SET(n, v) (set[n] = (unsigned long long)(v), have[n] = true)
    tb_lock();
    STAT_SET(23, guest_vsize());
    tb_unlock();
    if (info) {
        STAT_SET(26, info->start_code); STAT_SET(27, info->end_code); STAT_SET(28, info->start_stack);
        STAT_SET(45, info->start_data); STAT_SET(46, info->end_data);
    }
    STAT_SET(47, brk_start); STAT_SET(48, as); STAT_SET(49, ae); STAT_SET(50, es); STAT_SET(51, ee);
#undef STAT_SET
    prctl(PR_GET_NAME, comm, 0, 0, 0);
    fprintf(f, "%d (%s)", (int)getpid(), comm);
    /* All 52 fields even if the host line has fewer (a host emulator's /proc emulation). */
    int field = 3;
    for (char *tok = strtok(close + 1, " \n"); tok || field <= 52; tok = tok ? strtok(NULL, " \n") : NULL, field++) {
        if (field < 53 && have[field]) fprintf(f, " %llu", set[field]);
        else fprintf(f, " %s", tok ? tok : "0");
    }
    fputc('\n', f);
}

#define PROCFS_LIST(X) X("maps", write_maps) X("auxv", write_auxv) X("cmdline", write_cmdline) \
    X("stat", write_stat)

static int memfd_with(void (*fill)(FILE *), int flags)
{
    int fd = memfd_create("loongbt-proc", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0) return -errno;
    FILE *f = fdopen(dup(fd), "w");
    if (!f) { close(fd); return -ENOMEM; }
    fill(f);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

bool procfs_open(const char *path, int flags, const char *exec_path, abi_long *ret)
{
    const char *e = own_proc_entry(path);
    if (!e) return false;
#define PROCFS_CASE(name, fill) \
    if (!strcmp(e, name)) { *ret = memfd_with(fill, flags); return true; }
    PROCFS_LIST(PROCFS_CASE)
#undef PROCFS_CASE
    if (!strcmp(e, "exe") && exec_path) {
        int fd = open(exec_path, flags & ~(O_CREAT | O_TRUNC));
        *ret = fd < 0 ? -errno : fd;
        return true;
    }
    return false;
}

bool procfs_is_exe(const char *path)
{
    const char *e = own_proc_entry(path);
    return e && !strcmp(e, "exe");
}
