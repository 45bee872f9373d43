/*
 * lu-layout.c - the address space an i386 process gets from a 64-bit kernel, and the rules
 * of the memory calls, compared with the native run. Addresses are randomised (ASLR), so the
 * test prints properties of the layout, never the addresses: the stack near the top, mmap
 * top-down below it, brk after the bss, the 0xffffe000 limit, more than 3 GiB usable; then
 * return values and errnos of mmap/mprotect/munmap/madvise/msync/mincore/mremap/brk, and the
 * /proc/self entries (maps with file names, exe, cmdline, auxv, stat's comm).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char end;                         /* end of the bss (the linker's symbol) */
#define MB (1024u * 1024)
#define ERR(x) ((x) == MAP_FAILED || (long)(x) == -1 ? errno : 0)

static void show(const char *what, long r)
{
    printf("%-44s %s\n", what, r == 0 ? "ok" : strerrorname_np((int)r));
}

static long call(long r) { return r < 0 ? errno : 0; }

static void layout(void)
{
    int local;
    uintptr_t sp = (uintptr_t)&local;
    void *m1 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *m2 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t brk0 = (uintptr_t)sbrk(0);
    printf("stack in the top 16 MiB below 0xffffe000: %s\n", sp > 0xffffe000u - 16 * MB && sp < 0xffffe000u ? "yes" : "no");
    printf("mmap below the stack, more than 100 MiB down: %s\n", (uintptr_t)m1 < sp - 100 * MB ? "yes" : "no");
    printf("mmap above 3 GiB (top-down): %s\n", (uintptr_t)m1 > 0xc0000000u ? "yes" : "no");
    printf("second mmap below the first: %s\n", m2 < m1 ? "yes" : "no");
    printf("brk within 34 MiB after the bss: %s\n", brk0 >= (uintptr_t)&end && brk0 - (uintptr_t)&end < 34 * MB ? "yes" : "no");
    munmap(m1, 4096);
    munmap(m2, 4096);
}

static void limits(void)
{
    show("mmap fixed at 0xffffe000", ERR(mmap((void *)0xffffe000u, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)));
    show("mmap fixed at 0xffffd000 over the top", ERR(mmap((void *)0xffffd000u, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)));
    show("munmap(0, 0xffffffff)", call(munmap(NULL, 0xffffffffu)));
    show("munmap(0xffffe000, 4096)", call(munmap((void *)0xffffe000u, 4096)));
    show("munmap(0xfffff000, 4096)", call(munmap((void *)0xfffff000u, 4096)));
    show("mmap length 0", ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
    show("mmap length 0xfffff001", ERR(mmap(NULL, 0xfffff001u, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
    show("mmap of a bad fd", ERR(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 999, 0)));
    show("mmap of a bad fd, length 0", ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE, 999, 0)));
    void *z = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("mmap fixed at 0 (root: ok, else EPERM)", ERR(z));
    if (z != MAP_FAILED) munmap(z, 4096);
    void *h = mmap((void *)0x1000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("hint 0x1000 moved up to 0x10000: %s\n", h == (void *)0x10000 ? "yes" : "no");
    munmap(h, 4096);
    show("mmap map type 0", ERR(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0)));
    /* More than 3 GiB: 64 MiB blocks until mmap fails. */
    void *blocks[64];
    int n = 0;
    while (n < 64 && (blocks[n] = mmap(NULL, 64 * MB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)) != MAP_FAILED)
        n++;
    printf("64 MiB blocks mappable: more than 3 GiB: %s\n", n * 64u > 3072 ? "yes" : "no");
    while (n > 0) munmap(blocks[--n], 64 * MB);
}

static void flags(void)
{
    void *p;
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | 0x8 /* PROT_SEM */, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    show("mmap with PROT_SEM", ERR(p));
    show("mprotect with PROT_SEM", call(mprotect(p, 4096, PROT_READ | 0x8)));
    show("mprotect with bit 0x10", call(mprotect(p, 4096, PROT_READ | 0x10)));
    show("mprotect GROWSDOWN|GROWSUP", call(mprotect(p, 4096, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP)));
    show("mprotect PROT_GROWSDOWN on a plain mapping", call(mprotect(p, 4096, PROT_READ | PROT_GROWSDOWN)));
    show("mprotect unaligned", call(mprotect((char *)p + 1, 4096, PROT_READ)));
    show("mprotect length 0 unmapped", call(mprotect((void *)0x10000, 0, PROT_READ)));
    show("mmap MAP_SHARED|MAP_GROWSDOWN", ERR(mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0)));
    void *g = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
    show("mmap MAP_PRIVATE|MAP_GROWSDOWN", ERR(g));
    show("mmap MAP_FIXED_NOREPLACE over a mapping", ERR(mmap(p, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0)));
    show("mmap MAP_32BIT", ERR(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0)));
    /* A hole in the middle: mprotect changes the part before it, then ENOMEM. */
    char *q = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(q + 4096, 4096);
    show("mprotect over a hole", call(mprotect(q, 3 * 4096, PROT_READ)));
    unsigned char vec[3];
    show("mincore over the hole", call(mincore(q, 3 * 4096, vec)));
    show("mincore unaligned", call(mincore(q + 1, 4096, vec)));
    show("mincore beyond TASK_SIZE", call(mincore((void *)0xfffff000u, 4096, vec)));
    q[8192] = 1;
    show("mincore of a touched page", call(mincore(q + 8192, 4096, vec)));
    printf("  resident: %d\n", vec[0] & 1);
    show("madvise unknown advice", call(madvise(q, 4096, 999)));
    show("madvise over the hole", call(madvise(q, 3 * 4096, MADV_NORMAL)));
    show("madvise unaligned", call(madvise(q + 1, 4096, MADV_NORMAL)));
    show("madvise length 0 unknown advice", call(madvise(q, 0, 999)));
    show("madvise MADV_REMOVE on private memory", call(madvise(q + 8192, 4096, MADV_REMOVE)));
    q[8192] = 7;
    show("madvise DONTNEED", call(madvise(q + 8192, 4096, MADV_DONTNEED)));
    printf("  reads back %d\n", q[8192]);
    show("msync bad flags", call(msync(q, 4096, 0x100)));
    show("msync MS_SYNC|MS_ASYNC", call(msync(q, 4096, MS_SYNC | MS_ASYNC)));
    show("msync unaligned", call(msync(q + 1, 4096, MS_SYNC)));
    show("msync over the hole", call(msync(q, 3 * 4096, MS_SYNC)));
    show("msync of a mapped page", call(msync(q, 4096, MS_ASYNC)));
    show("mlock unaligned start", call(mlock(q + 8192 + 100, 100)));
    show("munlock unaligned start", call(munlock(q + 8192 + 100, 100)));
    show("mlock over the hole", call(mlock(q, 3 * 4096)));
    show("munlock over the hole", call(munlock(q, 3 * 4096)));
    show("mlock length 0", call(mlock(q + 4096, 0)));
    show("mlock2 bad flags", call(syscall(SYS_mlock2, q, 4096, 2)));
    show("mlock2 MLOCK_ONFAULT", call(syscall(SYS_mlock2, q, 4096, 1)));
    show("mlockall(0)", call(mlockall(0)));
    show("mlockall(MCL_ONFAULT)", call(mlockall(MCL_ONFAULT)));
    show("mlockall(0x100)", call(mlockall(0x100)));
    show("munlockall", call(munlockall()));
}

static void remap(void)
{
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, 'a', 2 * 4096);
    show("mremap DONTUNMAP without MAYMOVE", ERR(mremap(p, 8192, 8192, MREMAP_DONTUNMAP)));
    show("mremap DONTUNMAP with a new size", ERR(mremap(p, 8192, 4096, MREMAP_DONTUNMAP | MREMAP_MAYMOVE)));
    show("mremap FIXED without MAYMOVE", ERR(mremap(p, 8192, 8192, MREMAP_FIXED, p + 65536)));
    show("mremap unknown flag", ERR(mremap(p, 8192, 8192, 0x10)));
    char *n = mremap(p, 8192, 8192, MREMAP_DONTUNMAP | MREMAP_MAYMOVE);
    show("mremap DONTUNMAP", ERR(n));
    if (n != MAP_FAILED) printf("  moved %c, old range mapped and reads %d\n", n[100], p[100]);
    show("mremap of unmapped memory", ERR(mremap((void *)0x10000, 4096, 8192, MREMAP_MAYMOVE)));
}

static void brk_after_mmap(void)
{
    uintptr_t top = ((uintptr_t)sbrk(0) + 4095) & ~4095u;
    void *wall = mmap((void *)(top + MB), 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    show("mmap 1 MiB above the brk", ERR(wall));
    show("brk growing into the mapping", (long)sbrk(2 * MB) == -1 ? errno : 0);
    show("brk growing up to the page before it", (long)sbrk(MB - 4096 - (top - (uintptr_t)sbrk(0))) == -1 ? errno : 0);
    show("brk growing onto its last free page", (long)sbrk(4096) == -1 ? errno : 0);
}

static void proc_self(char **argv)
{
    char line[512], exe[4096], want[4096];
    int lines = 0, file_lines = 0, heap = 0, stack = 0, named_ok = 1;
    FILE *f = fopen("/proc/self/maps", "r");
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n < 0) n = 0;
    exe[n] = 0;
    if (!realpath(argv[0], want)) strcpy(want, "?");
    printf("readlink /proc/self/exe is the program: %s\n", !strcmp(exe, want) ? "yes" : "no");
    while (f && fgets(line, sizeof(line), f)) {
        unsigned lo, hi, off, maj, min;
        unsigned long ino;
        char perms[8], name[4096] = "";
        lines++;
        if (sscanf(line, "%x-%x %7s %x %x:%x %lu %4095s", &lo, &hi, perms, &off, &maj, &min, &ino, name) < 7) named_ok = 0;
        if (!strcmp(name, want)) { file_lines++; if (!ino) named_ok = 0; }
        heap += !strcmp(name, "[heap]");
        stack += !strcmp(name, "[stack]");
        if (hi > 0xffffe000u) named_ok = 0;
    }
    if (f) fclose(f);
    printf("maps: program lines %d, [heap] %d, [stack] %d, well-formed %s\n", file_lines, heap, stack, named_ok ? "yes" : "no");
    /* cmdline = the argv strings, NUL-separated */
    f = fopen("/proc/self/cmdline", "r");
    size_t got = f ? fread(line, 1, sizeof(line), f) : 0;
    if (f) fclose(f);
    size_t len = 0;
    for (char **a = argv; *a; a++) len += strlen(*a) + 1;
    printf("cmdline is argv: %s\n", got == len && !memcmp(line, argv[0], strlen(argv[0]) + 1) ? "yes" : "no");
    /* auxv has the values getauxval sees */
    unsigned long aux[128];
    int ok = 0;
    f = fopen("/proc/self/auxv", "r");
    size_t words = f ? fread(aux, 4, 128, f) : 0;
    if (f) fclose(f);
    for (size_t i = 0; i + 1 < words; i += 2)
        if (aux[i] == AT_ENTRY && aux[i + 1] == getauxval(AT_ENTRY)) ok++;
        else if (aux[i] == AT_PAGESZ && aux[i + 1] == 4096) ok++;
    printf("auxv: AT_ENTRY and AT_PAGESZ match: %s, ends with AT_NULL: %s\n", ok == 2 ? "yes" : "no",
           words >= 2 && aux[words - 2] == AT_NULL ? "yes" : "no");
    f = fopen("/proc/self/stat", "r");
    if (f && fgets(line, sizeof(line), f)) {
        char *c = strchr(line, '('), *e = strrchr(line, ')');
        if (c && e) { *e = 0; printf("stat comm: %s\n", c + 1); }
    }
    if (f) fclose(f);
    /* /proc/<own pid>/ is the same as /proc/self/ */
    char pid_path[64], other[4096];
    snprintf(pid_path, sizeof(pid_path), "/proc/%d/exe", (int)getpid());
    n = readlink(pid_path, other, sizeof(other) - 1);
    other[n > 0 ? n : 0] = 0;
    printf("readlink /proc/<pid>/exe is the same: %s\n", !strcmp(other, exe) ? "yes" : "no");
    snprintf(pid_path, sizeof(pid_path), "/proc/%d/maps", (int)getpid());
    FILE *a = fopen("/proc/self/maps", "r"), *b = fopen(pid_path, "r");
    int same = a && b;
    while (same) {
        char la[512], lb[512];
        char *ra = fgets(la, sizeof(la), a), *rb = fgets(lb, sizeof(lb), b);
        if (!ra || !rb) { same = !ra && !rb; break; }
        if (strcmp(la, lb)) same = 0;
    }
    if (a) fclose(a);
    if (b) fclose(b);
    printf("/proc/<pid>/maps is the same: %s\n", same ? "yes" : "no");
    int fd = open("/proc/self/exe", O_RDONLY);
    char magic[5] = "";
    if (fd >= 0 && read(fd, magic, 4) == 4) printf("open /proc/self/exe: ELF %s\n", !memcmp(magic + 1, "ELF", 3) ? "yes" : "no");
    if (fd >= 0) close(fd);
}

/* /proc/self/stat's address fields against what the program can see of itself (the kernel's
 * formulas: code = PF_X segments, start_data = highest segment start, end_data = highest file
 * end; start_stack = the initial stack pointer, at argc). */
static void stat_fields(int argc, char **argv, char **envp)
{
    unsigned long long v[53] = { 0 };
    char line[2048];
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f || !fgets(line, sizeof(line), f)) { puts("no /proc/self/stat"); return; }
    fclose(f);
    int i = 3;
    for (char *t = strtok(strrchr(line, ')') + 1, " \n"); t && i < 53; t = strtok(NULL, " \n"), i++)
        v[i] = strtoull(t, NULL, 10);
    const Elf32_Phdr *ph = (const Elf32_Phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    unsigned long sc = ~0ul, ec = 0, sd = 0, ed = 0;
    for (unsigned long i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD) continue;
        unsigned long s = ph[i].p_vaddr, e = s + ph[i].p_filesz;
        if ((ph[i].p_flags & PF_X) && s < sc) sc = s;
        if ((ph[i].p_flags & PF_X) && e > ec) ec = e;
        if (s > sd) sd = s;
        if (e > ed) ed = e;
    }
    int envc = 0;
    while (envp[envc]) envc++;
    printf("stat start_code %s end_code %s start_data %s end_data %s\n", v[26] == sc ? "ok" : "wrong",
           v[27] == ec ? "ok" : "wrong", v[45] == sd ? "ok" : "wrong", v[46] == ed ? "ok" : "wrong");
    printf("stat start_stack %s arg_start %s arg_end %s\n", v[28] == (uintptr_t)argv - 4 ? "ok" : "wrong",
           v[48] == (uintptr_t)argv[0] ? "ok" : "wrong",
           v[49] == (uintptr_t)argv[argc - 1] + strlen(argv[argc - 1]) + 1 ? "ok" : "wrong");
    printf("stat env_start %s env_end %s start_brk %s\n", !envc || v[50] == (uintptr_t)envp[0] ? "ok" : "wrong",
           !envc || v[51] == (uintptr_t)envp[envc - 1] + strlen(envp[envc - 1]) + 1 ? "ok" : "wrong",
           v[47] >= (uintptr_t)&end && v[47] <= (uintptr_t)sbrk(0) ? "ok" : "wrong");
    printf("stat vsize above 400 KiB, below 64 MiB + stack: %s\n", v[23] > 400 * 1024 && v[23] < 128 * MB ? "yes" : "no");
}

int main(int argc, char **argv, char **envp)
{
    stat_fields(argc, argv, envp);
    layout();
    limits();
    flags();
    remap();
    brk_after_mmap();
    proc_self(argv);
    return 0;
}
