/*
 * elfload.c - load an i386 ELF program into guest memory and build its initial stack.
 *
 * Every header field is checked against the file before use: bad input ends loongbt with one
 * line "loongbt-i386: <file>: <reason>" and status 1, never a crash. Segments are loaded by
 * mapping anonymous memory over the whole image and reading the file bytes in (so segments
 * sharing a page cannot clobber each other), then applying each page's protection.
 * ET_EXEC loads at its addresses, ET_DYN (static-pie, or the dynamic linker) at a free bias;
 * a PT_INTERP program also gets its interpreter loaded (looked up under -L first).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include "qemu.h"
#include "log.h"
#include "guest-syms.h"

/* Where a 64-bit kernel puts an i386 PIE: COMPAT_ELF_ET_DYN_BASE = TASK_UNMAPPED_BASE +
 * 16 MiB, plus the mmap randomisation (8 bits of pages). The interpreter goes wherever mmap
 * would put it (top-down below the mmap base). */
#define ET_DYN_DEFAULT_BASE  (TARGET_UNMAPPED_BASE + 0x1000000u)
#define MMAP_RND_PAGES       0xffu
#define BRK_RND_PAGES        0x1fffu   /* the brk start moves up to 32 MiB (randomize_page) */
#define STACK_ALIGN_RND      8192u     /* arch_align_stack: up to 8 KiB below the strings */

/* AT_HWCAP is the CPUID leaf 1 EDX the front end reports (cpu.h). */
#ifndef LOONGBT_CPUID_1_EDX
#define LOONGBT_CPUID_1_EDX 0
#endif

/* ---------------------------------------------------------------------------------------------
 * Machine names for "ELF for <machine>, not i386"
 * ------------------------------------------------------------------------------------------- */
#define ELF_MACHINE_LIST(X) \
    X(EM_X86_64, "x86_64") X(EM_ARM, "ARM") X(EM_AARCH64, "AArch64") X(EM_MIPS, "MIPS") \
    X(EM_PPC, "PowerPC") X(EM_PPC64, "PowerPC64") X(EM_RISCV, "RISC-V") X(EM_S390, "S/390") \
    X(EM_SPARC, "SPARC") X(EM_SPARCV9, "SPARC64") X(EM_IA_64, "IA-64") X(EM_SH, "SuperH") \
    X(258, "LoongArch") X(EM_68K, "m68k") X(EM_ALPHA, "Alpha")

static const char *machine_desc(unsigned em, char *buf, size_t n)
{
#define MACHINE_CASE(id, name) if (em == (unsigned)(id)) { snprintf(buf, n, "%s (%s)", name, #id); return buf; }
    ELF_MACHINE_LIST(MACHINE_CASE)
#undef MACHINE_CASE
    snprintf(buf, n, "machine %u", em);
    return buf;
}

/* ---------------------------------------------------------------------------------------------
 * Checked file access
 * ------------------------------------------------------------------------------------------- */

typedef struct ElfFile {
    const char *name;        /* as given, for messages */
    int fd;
    uint64_t size;
    Elf32_Ehdr eh;
    Elf32_Phdr *ph;
} ElfFile;

static void QEMU_NORETURN elf_fail(const ElfFile *f, const char *reason)
{
    fatal_error("%s: %s", f->name, reason);
}

/* Read exactly len bytes at off, or fail as truncated. */
static void read_exact(const ElfFile *f, void *buf, uint64_t len, uint64_t off)
{
    uint8_t *p = buf;
    if (off > f->size || len > f->size - off) elf_fail(f, "truncated ELF file");
    while (len) {
        ssize_t r = pread(f->fd, p, len > (1u << 30) ? (1u << 30) : len, (off_t)off);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) elf_fail(f, strerror(errno));
        if (r == 0) elf_fail(f, "truncated ELF file");
        p += r; off += (uint64_t)r; len -= (uint64_t)r;
    }
}

static void elf_open(ElfFile *f, const char *name)
{
    struct stat st;
    unsigned char ident[EI_NIDENT];
    ssize_t r;
    char buf[64];

    memset(f, 0, sizeof(*f));
    f->name = name;
    f->fd = open(name, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0) elf_fail(f, strerror(errno));
    if (fstat(f->fd, &st) != 0) elf_fail(f, strerror(errno));
    if (S_ISDIR(st.st_mode)) elf_fail(f, strerror(EISDIR));
    if (!S_ISREG(st.st_mode)) elf_fail(f, "not a regular file");
    f->size = (uint64_t)st.st_size;

    r = pread(f->fd, ident, sizeof(ident), 0);
    if (r < 0) elf_fail(f, strerror(errno));
    if (r < SELFMAG || memcmp(ident, ELFMAG, SELFMAG) != 0) elf_fail(f, "not an ELF file");
    if (r < EI_NIDENT) elf_fail(f, "truncated ELF file");
    if (ident[EI_DATA] != ELFDATA2LSB) {
        if (ident[EI_DATA] == ELFDATA2MSB) elf_fail(f, "big-endian ELF file, not i386");
        elf_fail(f, "corrupt ELF header (bad data encoding)");
    }
    if (ident[EI_CLASS] == ELFCLASS64) {
        uint16_t em;
        char m[48];
        read_exact(f, &em, 2, offsetof(Elf64_Ehdr, e_machine));
        if (em == EM_386) elf_fail(f, "corrupt ELF header (64-bit class for i386)");
        snprintf(buf, sizeof(buf), "ELF for %s, not i386", machine_desc(em, m, sizeof(m)));
        elf_fail(f, buf);
    }
    if (ident[EI_CLASS] != ELFCLASS32) elf_fail(f, "corrupt ELF header (bad class)");
    read_exact(f, &f->eh, sizeof(f->eh), 0);
    if (f->eh.e_machine != EM_386) {
        char m[48];
        snprintf(buf, sizeof(buf), "ELF for %s, not i386", machine_desc(f->eh.e_machine, m, sizeof(m)));
        elf_fail(f, buf);
    }
    if (f->eh.e_version != EV_CURRENT || ident[EI_VERSION] != EV_CURRENT)
        elf_fail(f, "corrupt ELF header (bad version)");
    switch (f->eh.e_type) {
    case ET_EXEC: case ET_DYN: break;
    case ET_REL: elf_fail(f, "unsupported ELF type (relocatable object, not an executable)");
    case ET_CORE: elf_fail(f, "unsupported ELF type (core file, not an executable)");
    default: elf_fail(f, "unsupported ELF type");
    }
    if (f->eh.e_phentsize != sizeof(Elf32_Phdr)) elf_fail(f, "corrupt ELF header (bad program header size)");
    if (f->eh.e_phnum == 0 || f->eh.e_phnum > 512) elf_fail(f, "corrupt ELF header (bad program header count)");
    f->ph = calloc(f->eh.e_phnum, sizeof(Elf32_Phdr));
    if (!f->ph) fatal_error("out of memory");
    read_exact(f, f->ph, (uint64_t)f->eh.e_phnum * sizeof(Elf32_Phdr), f->eh.e_phoff);
}

static void elf_close(ElfFile *f)
{
    free(f->ph);
    close(f->fd);
}

/* ---------------------------------------------------------------------------------------------
 * Loading segments
 * ------------------------------------------------------------------------------------------- */

static int segment_prot(const Elf32_Phdr *p)
{
    return ((p->p_flags & PF_R) ? PROT_READ : 0) | ((p->p_flags & PF_W) ? PROT_WRITE : 0) |
           ((p->p_flags & PF_X) ? PROT_EXEC : 0);
}

/* Load every PT_LOAD of f; fills bias-relative fields of info (for the main program). */
static abi_ulong load_image(ElfFile *f, struct image_info *info, bool is_interp)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    abi_ulong bias = 0;
    int i, nload = 0;

    for (i = 0; i < f->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &f->ph[i];
        if (p->p_type != PT_LOAD) continue;
        if (p->p_filesz > p->p_memsz) elf_fail(f, "corrupt program header (file size > memory size)");
        if ((uint64_t)p->p_offset + p->p_filesz > f->size) elf_fail(f, "truncated ELF file");
        if ((uint64_t)p->p_vaddr + p->p_memsz > GUEST_ADDR_SPACE)
            elf_fail(f, "corrupt program header (segment beyond 4 GiB)");
        if (p->p_memsz == 0) continue;
        if (p->p_vaddr < lo) lo = p->p_vaddr;
        if ((uint64_t)p->p_vaddr + p->p_memsz > hi) hi = (uint64_t)p->p_vaddr + p->p_memsz;
        nload++;
    }
    if (!nload) elf_fail(f, "no loadable segments");
    lo &= ~(uint64_t)(TARGET_PAGE_SIZE - 1);
    hi = QEMU_ALIGN_UP(hi, TARGET_PAGE_SIZE);
    if (hi - lo > TARGET_TASK_SIZE) elf_fail(f, "program too large for a 32-bit guest");

    if (f->eh.e_type == ET_DYN) {
        abi_ulong want = is_interp ? 0 : ET_DYN_DEFAULT_BASE + guest_layout_random_pages(MMAP_RND_PAGES);
        abi_ulong at = mmap_find_vma(want, (abi_ulong)(hi - lo));
        if (at == (abi_ulong)-1) elf_fail(f, "no room in the guest address space");
        bias = at - (abi_ulong)lo;
    } else {
        if (lo < 0x10000) elf_fail(f, "segment below 64 KiB (mmap_min_addr)");
        for (uint64_t a = lo; a < hi; a += TARGET_PAGE_SIZE)
            if (guest_page_prot((abi_ulong)a) >= 0)
                elf_fail(f, "segments overlap the stack or the other loaded image");
    }

    if (is_error(target_mmap((abi_ulong)lo + bias, (abi_ulong)(hi - lo), PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)))
        elf_fail(f, "cannot map segments");

    /* File bytes in; the rest (bss, and holes between segments) is already zero. */
    for (i = 0; i < f->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &f->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0) continue;
        read_exact(f, g2h(p->p_vaddr + bias), p->p_filesz, p->p_offset);
        /* /proc/self/maps shows the pages holding file bytes as the file, the rest as bss. */
        uint64_t fstart = (p->p_vaddr + bias) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
        uint64_t fend = QEMU_ALIGN_UP((uint64_t)p->p_vaddr + bias + p->p_filesz, TARGET_PAGE_SIZE);
        if (p->p_filesz)
            guest_mark_file((abi_ulong)fstart, (abi_ulong)fend, f->fd,
                            p->p_offset - ((p->p_vaddr + bias) - fstart));
    }
    /* Page protections: union of the segments touching the page (a shared page needs both),
     * applied to runs of pages with equal protection. */
    uint64_t run_start = lo;
    int run_prot = -1;
    for (uint64_t a = lo; a <= hi; a += TARGET_PAGE_SIZE) {
        int prot = -2;                           /* sentinel at hi: flush the last run */
        if (a < hi) {
            prot = 0;
            for (i = 0; i < f->eh.e_phnum; i++) {
                const Elf32_Phdr *p = &f->ph[i];
                if (p->p_type == PT_LOAD && p->p_memsz && a < (uint64_t)p->p_vaddr + p->p_memsz &&
                    a + TARGET_PAGE_SIZE > p->p_vaddr)
                    prot |= segment_prot(p);
            }
        }
        if (prot != run_prot) {
            if (run_prot >= 0)
                target_mprotect((abi_ulong)run_start + bias, (abi_ulong)(a - run_start), run_prot);
            run_start = a;
            run_prot = prot;
        }
    }

    if (!is_interp) {
        info->load_bias = bias;
        /* As load_elf_binary computes them (/proc/self/stat shows them): code = the PF_X
         * segments, start_data = the highest segment start, end_data = the highest file end. */
        info->start_code = UINT32_MAX; info->end_code = 0;
        info->start_data = 0; info->end_data = 0;
        for (i = 0; i < f->eh.e_phnum; i++) {
            const Elf32_Phdr *p = &f->ph[i];
            abi_ulong s = p->p_vaddr + bias;
            if (p->p_type == PT_PHDR) info->phdr = s;
            if (p->p_type != PT_LOAD) continue;
            if ((p->p_flags & PF_X) && s < info->start_code) info->start_code = s;
            if ((p->p_flags & PF_X) && s + p->p_filesz > info->end_code) info->end_code = s + p->p_filesz;
            if (s > info->start_data) info->start_data = s;
            if (s + p->p_filesz > info->end_data) info->end_data = s + p->p_filesz;
            if (!p->p_memsz) continue;
            /* AT_PHDR without PT_PHDR: the headers are inside the segment holding e_phoff. */
            if (!info->phdr && f->eh.e_phoff >= p->p_offset && f->eh.e_phoff < (uint64_t)p->p_offset + p->p_filesz)
                info->phdr = s + (f->eh.e_phoff - p->p_offset);
        }
        if (info->start_code == UINT32_MAX) info->start_code = info->end_code = 0;
        info->phnum = f->eh.e_phnum;
        info->entry = f->eh.e_entry + bias;
        info->start_brk = info->brk = (abi_ulong)hi + bias;
    }
    return bias;
}

/* PT_INTERP path of f, or NULL. */
static char *interp_path(ElfFile *f)
{
    for (int i = 0; i < f->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &f->ph[i];
        char *s;
        if (p->p_type != PT_INTERP) continue;
        if (p->p_filesz < 2 || p->p_filesz > PATH_MAX) elf_fail(f, "corrupt PT_INTERP");
        s = calloc(1, p->p_filesz + 1);
        if (!s) fatal_error("out of memory");
        read_exact(f, s, p->p_filesz, p->p_offset);
        if (s[p->p_filesz - 1] != '\0' || strlen(s) != p->p_filesz - 1) elf_fail(f, "corrupt PT_INTERP");
        return s;
    }
    return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Initial stack
 * ------------------------------------------------------------------------------------------- */

typedef struct StackBuilder {
    abi_ulong sp;           /* grows down from TARGET_STACK_TOP */
    abi_ulong limit;        /* lowest usable address */
} StackBuilder;

static abi_ulong push_bytes(StackBuilder *sb, const void *data, size_t len)
{
    if (len > sb->sp - sb->limit) fatal_error("argument list too long");
    sb->sp -= (abi_ulong)len;
    memcpy(g2h(sb->sp), data, len);
    return sb->sp;
}

static abi_ulong push_string(StackBuilder *sb, const char *s)
{
    return push_bytes(sb, s, strlen(s) + 1);
}

static int count_strings(char **v)
{
    int n = 0;
    while (v && v[n]) n++;
    return n;
}

/* Auxiliary vector entries, in the order Linux writes them. */
#define AUXV_LIST(X) \
    X(51 /* AT_MINSIGSTKSZ */, target_minsigstksz()) X(AT_HWCAP, hwcap) X(AT_PAGESZ, TARGET_PAGE_SIZE) X(AT_CLKTCK, 100) \
    X(AT_PHDR, info->phdr) X(AT_PHENT, sizeof(Elf32_Phdr)) X(AT_PHNUM, info->phnum) \
    X(AT_BASE, info->interp_bias) X(AT_FLAGS, 0) X(AT_ENTRY, info->load_bias + entry_unbiased) \
    X(AT_UID, getuid()) X(AT_EUID, geteuid()) X(AT_GID, getgid()) X(AT_EGID, getegid()) \
    X(AT_SECURE, 0) X(AT_RANDOM, random_addr) X(AT_HWCAP2, 0) X(AT_EXECFN, execfn_addr) \
    X(AT_PLATFORM, platform_addr)

/* Kept for /proc/self/auxv and /proc/self/cmdline (procfs.c). */
static abi_ulong *saved_auxv;
static size_t saved_auxv_words;
static abi_ulong arg_start, arg_end, env_start, env_end;
static const struct image_info *loaded_image;

const abi_ulong *guest_auxv(size_t *nwords)
{
    *nwords = saved_auxv_words;
    return saved_auxv;
}

void guest_arg_range(abi_ulong *start, abi_ulong *end)
{
    *start = arg_start;
    *end = arg_end;
}

void guest_env_range(abi_ulong *start, abi_ulong *end)
{
    *start = env_start;
    *end = env_end;
}

const struct image_info *guest_image(void)
{
    return loaded_image;
}

static void build_stack(struct image_info *info, const char *filename, char **argv, char **envp,
                        abi_ulong entry_unbiased)
{
    StackBuilder sb = { guest_stack_top, guest_stack_bottom + TARGET_PAGE_SIZE };
    int argc = count_strings(argv), envc = count_strings(envp), i, n = 0, nwords;
    abi_ulong *argv_addr = calloc(argc + 1, sizeof(abi_ulong));
    abi_ulong *envp_addr = calloc(envc + 1, sizeof(abi_ulong));
    abi_ulong execfn_addr, platform_addr, random_addr, *words;
    uint32_t hwcap = LOONGBT_CPUID_1_EDX;
    uint8_t rnd[16];

    if (!argv_addr || !envp_addr) fatal_error("out of memory");

    /* Strings at the top: end marker, file name, environment, arguments, platform, random. */
    push_bytes(&sb, (uint32_t[1]){0}, 4);
    execfn_addr = push_string(&sb, filename);
    env_end = sb.sp;
    for (i = envc - 1; i >= 0; i--) envp_addr[i] = push_string(&sb, envp[i]);
    env_start = sb.sp;
    arg_end = sb.sp;
    for (i = argc - 1; i >= 0; i--) argv_addr[i] = push_string(&sb, argv[i]);
    arg_start = sb.sp;
    sb.sp -= (abi_ulong)(guest_layout_random_pages(0xffffffffu) >> TARGET_PAGE_BITS) % STACK_ALIGN_RND;
    sb.sp &= ~15u;
    platform_addr = push_string(&sb, "i686");
    if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
        for (i = 0; i < 16; i++) rnd[i] = (uint8_t)(rand() ^ (i * 37));
    sb.sp &= ~15u;
    random_addr = push_bytes(&sb, rnd, sizeof(rnd));

    /* Pointer block: argc, argv..., NULL, envp..., NULL, auxv pairs, AT_NULL. */
    nwords = 1 + argc + 1 + envc + 1 + 2 * (20 + 1);
    words = calloc(nwords, sizeof(abi_ulong));
    if (!words) fatal_error("out of memory");
    words[n++] = (abi_ulong)argc;
    for (i = 0; i < argc; i++) words[n++] = argv_addr[i];
    words[n++] = 0;
    for (i = 0; i < envc; i++) words[n++] = envp_addr[i];
    words[n++] = 0;
    /* No AT_SYSINFO / AT_SYSINFO_EHDR: without a vDSO the guest uses int $0x80. */
#define AUX_PUSH(type, value) { words[n++] = (abi_ulong)(type); words[n++] = (abi_ulong)(value); }
    AUXV_LIST(AUX_PUSH)
#undef AUX_PUSH
    words[n++] = AT_NULL;
    words[n++] = 0;
    free(saved_auxv);
    saved_auxv_words = (size_t)(2 * (20 + 1));
    saved_auxv = calloc(saved_auxv_words, sizeof(abi_ulong));
    if (!saved_auxv) fatal_error("out of memory");
    saved_auxv_words = (size_t)n - (size_t)(1 + argc + 1 + envc + 1);
    memcpy(saved_auxv, words + 1 + argc + 1 + envc + 1, saved_auxv_words * sizeof(abi_ulong));
    if ((uint64_t)n * 4 + 16 > sb.sp - sb.limit) fatal_error("argument list too long");
    sb.sp = (sb.sp - (abi_ulong)n * 4) & ~15u;     /* %esp 16-byte aligned at argc */
    memcpy(g2h(sb.sp), words, (size_t)n * 4);
    info->start_stack = sb.sp;
    loaded_image = info;
    free(words); free(argv_addr); free(envp_addr);
}

/* ---------------------------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------------------------- */

static bool file_starts_with_shebang(const char *path)
{
    char h[2];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool yes = fd >= 0 && pread(fd, h, 2, 0) == 2 && h[0] == '#' && h[1] == '!';
    if (fd >= 0) close(fd);
    return yes;
}

int loader_exec(const char *filename, char **argv, char **envp, struct image_info *info)
{
    ElfFile exe, interp;
    char *interp_name, resolved[PATH_MAX];
    abi_ulong entry_unbiased;

    memset(info, 0, sizeof(*info));
    const char *execfn = filename;      /* AT_EXECFN and comm: the name as given */
    /* As with qemu-user's -L: an absolute program path that does not exist on the host is
     * looked up inside the guest root too (`-L root /usr/bin/lua5.4`). */
    char in_root[PATH_MAX * 2];
    if (interp_prefix && filename[0] == '/' && access(filename, F_OK) != 0) {
        snprintf(in_root, sizeof(in_root), "%s%s", interp_prefix, filename);
        if (access(in_root, F_OK) == 0)
            filename = in_root;
    }
    /* A "#!" script: load its interpreter with the kernel's argv (guest-exec.c). */
    if (file_starts_with_shebang(filename)) {
        GuestExec ge;
        int r = guest_exec_resolve(filename, execfn, argv, &ge);
        if (r < 0) fatal_error("%s: %s", filename, strerror(-r));
        if (r != GUEST_EXEC_I386) fatal_error("%s: interpreter %s is not an i386 program", filename, ge.path);
        filename = ge.path;
        argv = ge.argv;
        execfn = ge.execfn;
    }
    elf_open(&exe, filename);
    /* The stack first, so that a biased image or the interpreter cannot be placed over it. */
    if (is_error(target_mmap(guest_stack_bottom, guest_stack_top - guest_stack_bottom,
                             PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)))
        fatal_error("cannot map the guest stack");
    guest_mark_region(guest_stack_bottom, guest_stack_top, ORIGIN_STACK);
    info->exec_path = strdup(realpath(filename, resolved) ? resolved : filename);
    interp_name = interp_path(&exe);
    load_image(&exe, info, false);
    guest_syms_add_file(info->exec_path, info->load_bias);
    entry_unbiased = exe.eh.e_entry;
    if ((uint64_t)entry_unbiased + info->load_bias >= GUEST_ADDR_SPACE ||
        guest_page_prot(info->load_bias + entry_unbiased) < 0 ||
        !(guest_page_prot(info->load_bias + entry_unbiased) & PROT_EXEC))
        elf_fail(&exe, "entry point outside the executable segments");
    if (!info->phdr) elf_fail(&exe, "program headers not inside a loadable segment");

    if (interp_name) {
        char path[PATH_MAX * 2];
        const char *use = interp_name;
        if (interp_prefix && interp_name[0] == '/') {
            snprintf(path, sizeof(path), "%s%s", interp_prefix, interp_name);
            if (access(path, F_OK) == 0) use = path;
        }
        elf_open(&interp, use);
        if (interp.eh.e_type != ET_DYN) elf_fail(&interp, "interpreter is not a shared object");
        info->interp_bias = load_image(&interp, info, true);
        guest_syms_add_file(use, info->interp_bias);
        info->entry = interp.eh.e_entry + info->interp_bias;
        elf_close(&interp);
        free(interp_name);
    }
    elf_close(&exe);

    /* The brk starts at the page after the bss, moved up by up to 32 MiB when randomised. */
    info->start_brk = info->brk = (abi_ulong)QEMU_ALIGN_UP((uint64_t)info->brk, TARGET_PAGE_SIZE) +
                                  guest_layout_random_pages(BRK_RND_PAGES);
    target_set_brk(info->brk);
    build_stack(info, execfn, argv, envp, entry_unbiased);
    /* The kernel names the task after the file execve was given (ps, /proc/self/stat). */
    const char *base = strrchr(execfn, '/');
    prctl(PR_SET_NAME, base ? base + 1 : execfn, 0, 0, 0);
    qemu_log_mask(CPU_LOG_PAGE, "loader: entry %08x stack %08x brk %08x bias %08x interp %08x\n",
                  info->entry, info->start_stack, info->brk, info->load_bias, info->interp_bias);
    return 0;
}
