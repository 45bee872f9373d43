/*
 * mmap.c - the guest address space: one 4 GiB host reservation (PROT_NONE) at guest_base, guest
 * mappings made inside it with MAP_FIXED, a per-page table of the guest's protections used to
 * find free ranges and to check guest pointers, page flags for the translator (page_set_flags)
 * and invalidation of translated code whose guest bytes go away. Also the guest brk.
 *
 * The layout is the one a 64-bit Linux kernel gives an i386 process: TASK_SIZE 0xffffe000 (the
 * top page is the kernel's), the stack ending at a randomised top below it, the mmap area
 * growing down from below the stack gap (guest_layout_init has the kernel's formulas), brk
 * right after the bss. The memory calls follow the kernel's argument rules and error order
 * (target_mmap, target_munmap, target_mprotect, target_mremap, target_madvise, target_msync,
 * target_mincore); each page also records its origin (file name, device, inode, offset; heap;
 * stack) for /proc/self/maps (procfs.c).
 *
 * Host pages larger than the guest's 4 KiB (16 KiB on most LoongArch systems, or any size forced
 * with -host-page-size / LOONGBT_HOST_PAGE_SIZE to test these paths on x86_64):
 *  - the guest's protections stay per 4 KiB page (guest_prot[], page flags); a host page gets
 *    the union of its guest pages' access, minus write while translated code on one of them is
 *    write-protected for self-modifying-code detection (exec.c: page_sync_host_prot);
 *  - host pages wholly inside a new mapping are mapped directly (file mappings too, when the
 *    file offset has the same alignment inside a host page as the address); a host page only
 *    partly covered (a "fragment") keeps its other guest pages: it is made writable and the new
 *    guest pages are zeroed or read(2) from the file. A file mapping whose offset cannot line
 *    up with host pages is read into anonymous memory as a whole;
 *  - munmap gives a host page back to the reservation only once all its guest pages are gone;
 *  - mremap of ranges that are not host-page aligned is done by mapping, copying and unmapping;
 *    madvise(MADV_DONTNEED) zeroes the guest pages of shared host pages by hand;
 *  - new mappings are placed at host-page boundaries (free hints are honoured as they are);
 *  - every host call is checked to cover whole host pages (host_range), so the forced policy on
 *    a 4 KiB host catches what a real 16 KiB host would reject.
 * Known limits of the union: a guest page in a host page that also holds a writable (readable)
 * guest page can be written (read) by the guest without a fault; shared mappings that need a
 * copy lose their sharing (MAP_SHARED + PROT_WRITE on a file is refused with EINVAL then).
 */
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include "qemu.h"
#include "exec-all.h"
#include "log.h"
#include "guest-syms.h"

uintptr_t guest_base;

#define GUEST_PAGES (GUEST_ADDR_SPACE >> TARGET_PAGE_BITS)
#define MMAP_MIN_ADDR 0x10000u          /* the kernel's effective mmap_min_addr (LSM default) for hints */
#define HOST_PAGE_SIZE_MAX (64u * 1024) /* largest page size of any Linux host we target */

/* Per guest page: 0 = unmapped, else PAGE_MAPPED | PROT_READ/WRITE/EXEC as the guest asked. */
#define PAGE_MAPPED 0x80

/* The flags MAP_SHARED_VALIDATE accepts on an ordinary file (the kernel's LEGACY_MAP_MASK,
 * with i386's MAP_32BIT, 0x40). */
#define LEGACY_MAP_FLAGS (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | 0x40 | MAP_GROWSDOWN | MAP_DENYWRITE | \
                          MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | \
                          MAP_STACK | MAP_HUGETLB | 0x4000000 /* MAP_UNINITIALIZED */)
static uint8_t *guest_prot;

/* Mapped pages per 1 MiB block of guest_prot (kept by set_range, its only writer): the free
 * space searches step over empty and full blocks, so a failing mmap in a nearly full 4 GiB
 * does not test each of the million pages (python filling the space called it per frame). */
#define BLOCK_PAGES 256
#define BLOCK_SIZE ((uint64_t)BLOCK_PAGES << TARGET_PAGE_BITS)
static uint16_t *block_mapped;

/* Per guest page: what backs it, for /proc/self/maps and the checks that depend on it (an
 * index into origins[]; 0 = private anonymous memory, which merges like the kernel's vmas).
 * An origin is recorded per mmap call and never freed (a few dozen bytes each). */
static uint32_t *page_origin;
static GuestOrigin *origins;
static uint32_t nb_origins, origins_cap;

static abi_ulong brk_start, brk_cur, brk_mapped_end;

/* ---------------------------------------------------------------------------------------------
 * Host page size
 * ------------------------------------------------------------------------------------------- */

bool host_page_size_override(const char *s)
{
    char *end;
    unsigned long real = (unsigned long)sysconf(_SC_PAGESIZE);
    errno = 0;
    unsigned long v = strtoul(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-') return false;
    if (v & (v - 1) || v < real || v < TARGET_PAGE_SIZE || v > HOST_PAGE_SIZE_MAX) return false;
    host_page_size = v;
    return true;
}

/* The page size loongbt works with (main() sets it before anything is mapped). */
static inline uint64_t host_page(void)
{
    return host_page_size >= TARGET_PAGE_SIZE ? host_page_size : TARGET_PAGE_SIZE;
}
static inline uint64_t host_down(uint64_t x) { return x & ~(host_page() - 1); }
static inline uint64_t host_up(uint64_t x) { return host_down(x + host_page() - 1); }

/* Host address of [start, start + len), which must be whole host pages: a real 16 KiB host
 * rejects anything else, so this is checked under a forced -host-page-size too. */
static void *host_range(uint64_t start, uint64_t len)
{
    if ((start | len) & (host_page() - 1))
        fatal_error("internal error: host memory call on 0x%llx+0x%llx, not whole %llu-byte pages",
                    (unsigned long long)start, (unsigned long long)len, (unsigned long long)host_page());
    return g2h((abi_ulong)start);
}

/* ---------------------------------------------------------------------------------------------
 * Page table helpers
 * ------------------------------------------------------------------------------------------- */

static inline uint64_t page_up(uint64_t x) { return (x + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1); }

static int prot_to_page_flags(int prot)
{
    int f = PAGE_VALID;
    if (prot & PROT_READ) f |= PAGE_READ;
    if (prot & PROT_WRITE) f |= PAGE_WRITE;
    if (prot & PROT_EXEC) f |= PAGE_EXEC | PAGE_READ;
    return f;
}

/* The host never executes guest code; the translator reads it, so exec implies read. */
static int host_prot(int prot)
{
    int p = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC) p |= PROT_READ;
    return p;
}

int guest_page_prot(abi_ulong addr)
{
    uint8_t v = guest_prot ? guest_prot[addr >> TARGET_PAGE_BITS] : 0;
    return v ? (v & (PROT_READ | PROT_WRITE | PROT_EXEC)) : -1;
}

static bool range_had_exec(uint64_t start, uint64_t end)
{
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE)
        if (guest_prot[a >> TARGET_PAGE_BITS] & PROT_EXEC) return true;
    return false;
}

static bool range_is_free(uint64_t start, uint64_t end)
{
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE)
        if (guest_prot[a >> TARGET_PAGE_BITS]) return false;
    return true;
}

/* A new origin record (the caller fills it); its index. */
static uint32_t origin_new(const GuestOrigin *o)
{
    if (nb_origins == origins_cap) {
        origins_cap = origins_cap ? origins_cap * 2 : 64;
        origins = realloc(origins, origins_cap * sizeof(*origins));
        if (!origins) fatal_error("out of memory");
    }
    origins[nb_origins] = *o;
    return nb_origins++;
}

static void set_origin(uint64_t start, uint64_t end, uint32_t id)
{
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE)
        page_origin[a >> TARGET_PAGE_BITS] = id;
}

const GuestOrigin *guest_page_origin(abi_ulong addr)
{
    return page_origin ? &origins[page_origin[addr >> TARGET_PAGE_BITS]] : NULL;
}

uint32_t guest_page_origin_id(abi_ulong addr)
{
    return page_origin ? page_origin[addr >> TARGET_PAGE_BITS] : 0;
}

/* The origin of a new mapping: the file's name, device, inode and the file offset of guest
 * address 0 (offset - start, so every page of the mapping finds its own). */
static uint32_t origin_for_mmap(abi_ulong start, int flags, int fd, off_t offset, bool may_write)
{
    GuestOrigin o = { 0 };
    struct stat st;
    char link[64], name[PATH_MAX];
    bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
    if (fd < 0 || (flags & MAP_ANONYMOUS)) {
        if (!shared) return ORIGIN_ANON;
        o.name = "/dev/zero (deleted)";
        o.dev = makedev(0, 1);
    } else {
        if (fstat(fd, &st) == 0) { o.dev = st.st_dev; o.ino = st.st_ino; }
        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, name, sizeof(name) - 1);
        if (n > 0) { name[n] = 0; o.name = strdup(name); }
        o.offset_bias = (int64_t)offset - (int64_t)start;
    }
    o.shared = shared;
    o.may_write = may_write;
    return origin_new(&o);
}

/* vm.mmap_min_addr: MAP_FIXED below it needs CAP_SYS_RAWIO (hints are rounded up to the
 * kernel's larger effective minimum, MMAP_MIN_ADDR). */
static uint64_t dac_mmap_min_addr(void)
{
    static uint64_t v = UINT64_MAX;
    if (v == UINT64_MAX) {
        FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
        unsigned long long x = MMAP_MIN_ADDR;
        if (f) { if (fscanf(f, "%llu", &x) != 1) x = MMAP_MIN_ADDR; fclose(f); }
        v = x;
    }
    return v;
}

/* Record the guest's view of [start, end) (prot < 0 = unmapped) and tell the translator. */
static void set_range(uint64_t start, uint64_t end, int prot)
{
    if (start >= end) return;
    /* The translator's ranges are 32-bit: the last page of the space ends at 0xffffffff. */
    target_ulong end32 = end >= GUEST_ADDR_SPACE ? 0xffffffffu : (target_ulong)end;
    if (range_had_exec(start, end))
        tb_invalidate_phys_page_range((target_ulong)start, end32);
    for (uint64_t p = start >> TARGET_PAGE_BITS; p < end >> TARGET_PAGE_BITS; p++)
        block_mapped[p / BLOCK_PAGES] += (prot >= 0) - (guest_prot[p] != 0);
    memset(guest_prot + (start >> TARGET_PAGE_BITS), prot < 0 ? 0 : (PAGE_MAPPED | prot),
           (end - start) >> TARGET_PAGE_BITS);
    page_set_flags((target_ulong)start, end32, prot < 0 ? 0 : prot_to_page_flags(prot));
    qemu_log_mask(CPU_LOG_PAGE, "page: %08llx-%08llx %c%c%c%s\n", (unsigned long long)start,
                  (unsigned long long)end, prot > 0 && (prot & PROT_READ) ? 'r' : '-',
                  prot > 0 && (prot & PROT_WRITE) ? 'w' : '-',
                  prot > 0 && (prot & PROT_EXEC) ? 'x' : '-', prot < 0 ? " (unmapped)" : "");
}

/* Give [start, end) (host-page aligned) back to the reservation: no access, nothing committed. */
static void re_reserve(uint64_t start, uint64_t end)
{
    if (start >= end) return;
    void *p = mmap(host_range(start, end - start), end - start, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) fatal_error("cannot re-reserve guest memory: %s", strerror(errno));
}

/* After the guest pages of [start, end) were unmapped: host pages wholly inside go back to the
 * reservation; a host page at either end does too once none of its guest pages is mapped, and
 * otherwise gets the access its remaining guest pages need. */
static void release_host_pages(uint64_t start, uint64_t end)
{
    uint64_t edge[2] = { host_down(start), host_down(end - 1) };
    if (start >= end) return;
    re_reserve(host_up(start), host_down(end) > host_up(start) ? host_down(end) : host_up(start));
    for (int i = 0; i < 2; i++) {
        uint64_t h = edge[i];
        if ((h >= start && h + host_page() <= end) || (i == 1 && h == edge[0]))
            continue;                   /* wholly inside (done above), or the same page twice */
        if (range_is_free(h, h + host_page()))
            re_reserve(h, h + host_page());
        else
            page_sync_host_prot(h, h + host_page());
    }
}

/* Give the host pages of [start, end) the access their guest pages need (exec.c keeps
 * translated code write-protected). */
static int sync_prot(uint64_t start, uint64_t end)
{
    return page_sync_host_prot(start, end);
}

/* ---------------------------------------------------------------------------------------------
 * Layout: what a 64-bit Linux kernel gives an i386 process (arch/x86/mm/mmap.c, binfmt_elf)
 * ------------------------------------------------------------------------------------------- */

abi_ulong guest_stack_top, guest_stack_bottom, guest_mmap_base;
static bool layout_randomized, layout_legacy;

#define STACK_GUARD_GAP   (256u * TARGET_PAGE_SIZE)   /* stack_guard_gap */
#define STACK_RND_PAGES   0x7ffu                      /* STACK_RND_MASK for 32-bit tasks */
#define MMAP_RND_PAGES    0xffu                       /* mmap_rnd_compat_bits = 8 */
#define MMAP_GAP_MIN      (128u * 1024 * 1024)
#define STACK_MAP_MAX     (64u * 1024 * 1024)         /* most stack loongbt maps up front */

/* A random whole number of pages in [0, mask] pages, 0 when the layout is not randomised. */
abi_ulong guest_layout_random_pages(unsigned mask)
{
    uint32_t r = 0;
    if (!layout_randomized) return 0;
    if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r)) r = (uint32_t)rand();
    return (abi_ulong)(r & mask) << TARGET_PAGE_BITS;
}

static bool host_randomizes(void)
{
    int pers = personality(0xffffffff);
    FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "r");
    int level = 2;
    if (f) { if (fscanf(f, "%d", &level) != 1) level = 2; fclose(f); }
    return level > 0 && !(pers != -1 && (pers & ADDR_NO_RANDOMIZE));
}

static bool sysctl_legacy_va_layout(void)
{
    FILE *f = fopen("/proc/sys/vm/legacy_va_layout", "r");
    int v = 0;
    if (f) { if (fscanf(f, "%d", &v) != 1) v = 0; fclose(f); }
    return v != 0;
}

/* Stack top, mmap base and direction, from the same inputs the kernel uses: the stack rlimit
 * (the gap below the stack; an unlimited one makes the largest gap, 5/6 of TASK_SIZE, still
 * top-down), the ADDR_COMPAT_LAYOUT personality (setarch -L) or vm.legacy_va_layout (the
 * legacy bottom-up layout from TASK_UNMAPPED_BASE), randomize_va_space and the
 * ADDR_NO_RANDOMIZE personality (setarch -R). */
void guest_layout_init(void)
{
    struct rlimit rl;
    uint64_t stack_lim = 8u * 1024 * 1024, gap, pad;
    int pers = personality(0xffffffff);

    layout_randomized = host_randomizes();
    if (getrlimit(RLIMIT_STACK, &rl) == 0) stack_lim = rl.rlim_cur;
    layout_legacy = (pers != -1 && (pers & ADDR_COMPAT_LAYOUT)) || sysctl_legacy_va_layout();

    guest_stack_top = TARGET_TASK_SIZE - guest_layout_random_pages(STACK_RND_PAGES);
    uint64_t map = stack_lim < 128u * 1024 ? 128u * 1024 : stack_lim > STACK_MAP_MAX ? STACK_MAP_MAX : stack_lim;
    guest_stack_bottom = (abi_ulong)host_down(guest_stack_top - map);

    pad = STACK_GUARD_GAP + (layout_randomized ? (uint64_t)(STACK_RND_PAGES + 1) << TARGET_PAGE_BITS : 0);
    gap = stack_lim + pad > stack_lim ? stack_lim + pad : stack_lim;   /* no wrap near RLIM_INFINITY */
    if (gap < MMAP_GAP_MIN) gap = MMAP_GAP_MIN;
    if (gap > TARGET_TASK_SIZE / 6 * 5) gap = TARGET_TASK_SIZE / 6 * 5;
    if (layout_legacy)
        guest_mmap_base = TARGET_UNMAPPED_BASE + guest_layout_random_pages(MMAP_RND_PAGES);
    else
        guest_mmap_base = (abi_ulong)(TARGET_TASK_SIZE - gap - guest_layout_random_pages(MMAP_RND_PAGES));
    guest_mmap_base = (abi_ulong)host_down(guest_mmap_base);
    qemu_log_mask(CPU_LOG_PAGE, "page: layout %s%s, stack top %08x, mmap base %08x\n",
                  layout_legacy ? "legacy bottom-up" : "top-down",
                  layout_randomized ? ", randomised" : "", guest_stack_top, guest_mmap_base);
}

/* ---------------------------------------------------------------------------------------------
 * Reservation and free-range search
 * ------------------------------------------------------------------------------------------- */

/* The reservation is aligned to the host page size so host pages and guest addresses line up
 * (mmap only promises the real page size, which a forced -host-page-size exceeds). */
void guest_space_init(void)
{
    uint64_t hp = host_page();
    uint8_t *p = mmap(NULL, GUEST_ADDR_SPACE + hp, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) fatal_error("cannot reserve 4 GiB for the guest: %s", strerror(errno));
    uint8_t *base = (uint8_t *)(((uintptr_t)p + hp - 1) & ~(uintptr_t)(hp - 1));
    if (base > p) munmap(p, (size_t)(base - p));
    if (p + hp > base) munmap(base + GUEST_ADDR_SPACE, (size_t)(p + hp - base));
    guest_base = (uintptr_t)base;
    guest_prot = calloc(GUEST_PAGES, 1);
    page_origin = calloc(GUEST_PAGES, sizeof(*page_origin));
    block_mapped = calloc(GUEST_PAGES / BLOCK_PAGES, sizeof(*block_mapped));
    if (!guest_prot || !page_origin || !block_mapped) fatal_error("out of memory");
    static const GuestOrigin fixed[] = {
        [ORIGIN_ANON] = { 0 }, [ORIGIN_HEAP] = { .name = "[heap]" },
        [ORIGIN_STACK] = { .name = "[stack]", .grows_down = true },
    };
    for (unsigned i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) origin_new(&fixed[i]);
    qemu_log_mask(CPU_LOG_PAGE, "page: guest_base = %p, host page size %llu\n", (void *)base,
                  (unsigned long long)hp);
}

/* First host-page aligned start of size free bytes at or above start with the run below limit;
 * 0 if none. Scanning each candidate from its top lets a busy page skip the whole run. */
/* The lowest x in [a, b] with [x, b) free: b moves down over free pages (whole empty blocks
 * at a time) and stops above the first busy one. */
static uint64_t free_run_down(uint64_t a, uint64_t b)
{
    while (b > a) {
        uint64_t p = (b - TARGET_PAGE_SIZE) >> TARGET_PAGE_BITS;
        if ((p + 1) % BLOCK_PAGES == 0 && block_mapped[p / BLOCK_PAGES] == 0) {
            b = b - a > BLOCK_SIZE ? b - BLOCK_SIZE : a;
            continue;
        }
        if (guest_prot[p]) break;
        b -= TARGET_PAGE_SIZE;
    }
    return b;
}

/* Whether the page at a lies in a block whose every page is mapped. */
static bool block_full(uint64_t a)
{
    return block_mapped[(a >> TARGET_PAGE_BITS) / BLOCK_PAGES] == BLOCK_PAGES;
}

static abi_ulong find_free_between(uint64_t start, uint64_t limit, uint64_t size)
{
    uint64_t a = host_up(start);
    while (a + size <= limit) {
        uint64_t b = free_run_down(a, a + size);
        if (b == a) return (abi_ulong)a;
        /* b - 4K is busy: restart above it, or above its block when that is full */
        a = block_full(b - TARGET_PAGE_SIZE) ? (b - TARGET_PAGE_SIZE) / BLOCK_SIZE * BLOCK_SIZE + BLOCK_SIZE
                                             : host_up(b);
    }
    return 0;
}

/* Highest host-page aligned start of size free bytes in [floor, limit); 0 if none. A busy
 * page found while scanning a candidate from its top moves the candidate below it. */
static abi_ulong find_free_top_down(uint64_t floor, uint64_t limit, uint64_t size)
{
    uint64_t e = host_down(limit);
    while (e >= floor + size) {
        uint64_t a = e - size, b = free_run_down(a, e);
        if (b == a) return (abi_ulong)a;
        /* b - 4K is busy: end below it, or below its block when that is full */
        e = block_full(b - TARGET_PAGE_SIZE) ? (b - TARGET_PAGE_SIZE) / BLOCK_SIZE * BLOCK_SIZE
                                             : host_down(b - TARGET_PAGE_SIZE);
    }
    return 0;
}

/* Where the kernel's get_unmapped_area would put size bytes without a usable hint: top-down
 * below the mmap base (falling back to bottom-up from TASK_UNMAPPED_BASE to TASK_SIZE), or
 * bottom-up from the base in the legacy layout. Sizes are rounded up to whole host pages so
 * a new mapping never shares its last host page with another mapping. */
abi_ulong mmap_find_vma(abi_ulong start, abi_ulong size)
{
    uint64_t sz = host_up(page_up(size));
    abi_ulong r;
    if (sz == 0 || sz > TARGET_TASK_SIZE - MMAP_MIN_ADDR) return (abi_ulong)-1;
    uint64_t hint = host_up(start);              /* a hint moves up to a host page */
    if (hint >= MMAP_MIN_ADDR && hint + sz <= TARGET_TASK_SIZE && range_is_free(hint, hint + sz))
        return (abi_ulong)hint;
    if (layout_legacy) {
        if ((r = find_free_between(guest_mmap_base, TARGET_TASK_SIZE, sz))) return r;
    } else {
        if ((r = find_free_top_down(MMAP_MIN_ADDR, guest_mmap_base, sz))) return r;
        if ((r = find_free_between(TARGET_UNMAPPED_BASE, TARGET_TASK_SIZE, sz))) return r;
    }
    if ((r = find_free_between(MMAP_MIN_ADDR, TARGET_TASK_SIZE, sz))) return r;
    return (abi_ulong)-1;
}

/* ---------------------------------------------------------------------------------------------
 * Filling memory by hand (fragments, unaligned file offsets)
 * ------------------------------------------------------------------------------------------- */

/* A file mapping that needs copying: the checks mmap(2) would make on the descriptor. */
static int check_file_for_copy(int fd, int flags, int prot)
{
    struct stat st;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return -EBADF;
    if ((fl & O_ACCMODE) == O_WRONLY) return -EACCES;
    if (fstat(fd, &st) != 0) return -errno;
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) return -ENODEV;
    /* A copy cannot carry the guest's writes back to the file or to other processes. */
    if ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE)) return -EINVAL;
    return 0;
}

/* Guest bytes [start, end) = file bytes from offset on (zero past the end of the file), or
 * zeros for fd < 0. The host pages must be writable. */
static int fill_from_file(uint64_t start, uint64_t end, int fd, off_t offset)
{
    uint8_t *dst = g2h((abi_ulong)start);
    size_t len = end - start, done = 0;
    memset(dst, 0, len);
    while (fd >= 0 && done < len) {
        ssize_t n = pread(fd, dst + done, len - done, offset + (off_t)done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -errno;
        if (n == 0) break;
        done += (size_t)n;
    }
    return 0;
}

/* Host page h only partly covered by the new mapping [start, end): keep its other guest pages,
 * make it writable, fill the new ones. A host page none of whose other guest pages is mapped
 * is simply replaced by fresh anonymous memory first. */
static int map_fragment(uint64_t h, uint64_t start, uint64_t end, int fd, off_t offset_at_start)
{
    uint64_t lo = start > h ? start : h, hi = end < h + host_page() ? end : h + host_page();
    bool others = !range_is_free(h, lo) || !range_is_free(hi, h + host_page());
    if (!others) {
        void *p = mmap(host_range(h, host_page()), host_page(), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) return -errno;
    } else if (mprotect(host_range(h, host_page()), host_page(), PROT_READ | PROT_WRITE) != 0) {
        return -errno;
    }
    return fill_from_file(lo, hi, fd, offset_at_start + (off_t)(lo - start));
}

/* ---------------------------------------------------------------------------------------------
 * mmap / munmap / mprotect / mremap
 * ------------------------------------------------------------------------------------------- */

/* do_mmap's checks of the map type, made after the placement: an anonymous mapping is
 * MAP_SHARED or MAP_PRIVATE only (MAP_SHARED_VALIDATE too is EINVAL), grows-down only if
 * anonymous and private; a file's MAP_SHARED_VALIDATE refuses flags beyond the legacy ones. */
static int mmap_type_error(int flags, bool is_file)
{
    switch (flags & MAP_TYPE) {
    case MAP_SHARED_VALIDATE:
        if (!is_file) return -EINVAL;
        if (flags & ~LEGACY_MAP_FLAGS) return -EOPNOTSUPP;   /* e.g. MAP_SYNC, which only DAX files support */
        break;
    case MAP_SHARED:
        break;
    case MAP_PRIVATE:
        return is_file && (flags & MAP_GROWSDOWN) ? -EINVAL : 0;
    default:
        return -EINVAL;
    }
    return (flags & MAP_GROWSDOWN) ? -EINVAL : 0;
}

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags, int fd, off_t offset)
{
    uint64_t size = page_up(len), end, direct_lo, direct_hi;
    abi_ulong addr;
    bool is_file = !(flags & MAP_ANONYMOUS), file_aligned;
    int err = 0;

    /* The kernel's order: old mmap's offset, the descriptor, length, placement (ENOMEM,
     * EEXIST), then the map type and flags (mmap_type_error). */
    if (offset & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if (is_file && (fcntl(fd, F_GETFL) & O_PATH)) return -EBADF;   /* -1 too: fget refuses O_PATH */
    if (len == 0) return -EINVAL;
    if (size == 0 || size > TARGET_TASK_SIZE) return -ENOMEM;    /* PAGE_ALIGN wrapped, or > TASK_SIZE */
    int type_err = mmap_type_error(flags, is_file);
    /* Unknown protection bits (PROT_SEM, PROT_GROWSDOWN...) are ignored by mmap. i386's
     * MAP_32BIT (0x40) means nothing inside 4 GiB (and has no host value off x86). */
    prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
    bool grows_down = !is_file && (flags & MAP_GROWSDOWN);    /* for mprotect's PROT_GROWSDOWN */
    flags &= ~(MAP_GROWSDOWN | 0x40 | MAP_HUGETLB);
    if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE)
        flags = (flags & ~MAP_TYPE) | MAP_SHARED;

    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if ((uint64_t)start + size > TARGET_TASK_SIZE) return -ENOMEM;
        if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
        if (start < dac_mmap_min_addr() && geteuid() != 0) return -EPERM;   /* needs CAP_SYS_RAWIO */
        if ((flags & MAP_FIXED_NOREPLACE) && !range_is_free(start, start + size)) return -EEXIST;
        addr = start;
    } else {
        /* A free hint is honoured (rounded up to a page, at least mmap_min_addr). One that is
         * not host-page aligned gives fragments, fine unless the mapping is a shared writable
         * file (which a copy cannot stand in for). */
        uint64_t hint = start & TARGET_PAGE_MASK;
        if (hint && hint < MMAP_MIN_ADDR) hint = MMAP_MIN_ADDR;
        if (hint && hint + size <= TARGET_TASK_SIZE && range_is_free(hint, hint + size) &&
            !(is_file && (flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE)))
            addr = (abi_ulong)hint;
        else
            addr = mmap_find_vma(0, (abi_ulong)size);
        if (addr == (abi_ulong)-1) return -ENOMEM;
    }
    if (type_err) return type_err;
    flags = (flags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED;
    end = addr + size;

    /* The host pages mapped directly: those inside the mapping, plus the end pages when no
     * other guest page lives in them. The file can back them when its offset sits at the same
     * place in a host page as the address; otherwise they are anonymous and read(2) fills them.
     * The remaining end pages (at most two) are fragments. */
    direct_lo = range_is_free(host_down(addr), addr) ? host_down(addr) : host_up(addr);
    direct_hi = range_is_free(end, host_up(end)) ? host_up(end) : host_down(end);
    if (direct_hi <= direct_lo) direct_lo = direct_hi = 0;
    file_aligned = !is_file || ((uint64_t)offset & (host_page() - 1)) == (addr & (host_page() - 1));
    if (is_file && (!file_aligned || direct_lo > addr || direct_hi < end || direct_lo == direct_hi) &&
        (err = check_file_for_copy(fd, flags, prot)) < 0)
        return err;

    if (direct_lo < direct_hi) {
        void *p;
        if (file_aligned)
            p = mmap(host_range(direct_lo, direct_hi - direct_lo), direct_hi - direct_lo, host_prot(prot), flags, fd,
                     offset - (off_t)addr + (off_t)direct_lo);
        else
            p = mmap(host_range(direct_lo, direct_hi - direct_lo), direct_hi - direct_lo, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED)
            err = -errno;
        else if (!file_aligned)
            err = fill_from_file(direct_lo > addr ? direct_lo : addr, direct_hi < end ? direct_hi : end,
                                 fd, offset + (off_t)((direct_lo > addr ? direct_lo : addr) - addr));
    }
    for (uint64_t h = host_down(addr); h < end && !err; h += host_page())
        if (h < direct_lo || h >= direct_hi)
            err = map_fragment(h, addr, end, is_file ? fd : -1, offset);
    if (err) {
        set_range(addr, end, -1);
        release_host_pages(addr, end);
        return err;
    }
    set_range(addr, end, prot);
    if (grows_down)      /* an origin of its own: mprotect finds the mapping's start by it */
        set_origin(addr, end, origin_new(&(GuestOrigin){ .may_write = true, .grows_down = true }));
    else
        set_origin(addr, end, origin_for_mmap(addr, flags, is_file ? fd : -1, offset,
                                              !is_file || (flags & MAP_TYPE) == MAP_PRIVATE ||
                                              (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR));
    if (host_page() > TARGET_PAGE_SIZE)
        sync_prot(addr, end);
    if (is_file && (prot & PROT_EXEC))
        guest_syms_add_mapping(fd, addr, (uint64_t)offset);   /* names for profiles */
    return (abi_long)addr;
}

void target_shm_attached(abi_ulong start, abi_ulong len, int prot)
{
    set_range(start, (uint64_t)start + page_up(len), prot);
}

/* munmap: the length is checked before rounding (munmap(0, 0xffffffff) is EINVAL). */
int target_munmap(abi_ulong start, abi_ulong len)
{
    uint64_t size = page_up(len);
    if ((start & (TARGET_PAGE_SIZE - 1)) || start > TARGET_TASK_SIZE || len > TARGET_TASK_SIZE - start)
        return -EINVAL;
    if (size == 0) return -EINVAL;
    set_range(start, start + size, -1);
    set_origin(start, start + size, ORIGIN_ANON);
    release_host_pages(start, start + size);
    return 0;
}

/* End of the run of mapped pages from a (at most end). */
static uint64_t mapped_run_end(uint64_t a, uint64_t end)
{
    while (a < end && a < TARGET_TASK_SIZE && guest_prot[a >> TARGET_PAGE_BITS]) a += TARGET_PAGE_SIZE;
    return a;
}

/* mprotect as do_mprotect_pkey: PROT_SEM is accepted and ignored, PROT_GROWSDOWN extends the
 * range down to the start of a grows-down mapping (the stack, MAP_GROWSDOWN; EINVAL elsewhere), the mapping
 * at start must exist, write on a shared mapping of a file opened read-only is EACCES, and a
 * hole ends the walk with ENOMEM after the pages before it were changed. */
int target_mprotect(abi_ulong start, abi_ulong len, int prot)
{
    int grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    uint64_t size, end, a;
    prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
    if (grows == (PROT_GROWSDOWN | PROT_GROWSUP)) return -EINVAL;
    if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if (len == 0) return 0;
    size = page_up(len);
    end = (uint64_t)start + size;
    if (size == 0 || end > GUEST_ADDR_SPACE) return -ENOMEM;       /* wraps around */
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | 0x8 /* PROT_SEM */)) return -EINVAL;
    prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
    if (grows & PROT_GROWSUP) {       /* no grows-up mappings on x86: EINVAL once start is mapped */
        if (start >= TARGET_TASK_SIZE || !guest_prot[start >> TARGET_PAGE_BITS]) return -ENOMEM;
        return -EINVAL;
    }
    if (grows & PROT_GROWSDOWN) {
        /* The kernel takes the first mapping ending above start: ENOMEM if it begins at or
         * after end, EINVAL unless it grows down, else the range starts where it starts. */
        uint64_t first = start;
        while (first < end && first < TARGET_TASK_SIZE && !guest_prot[first >> TARGET_PAGE_BITS])
            first += TARGET_PAGE_SIZE;
        if (first >= end || first >= TARGET_TASK_SIZE) return -ENOMEM;
        uint32_t vma = guest_page_origin_id((abi_ulong)first);   /* the stack or a MAP_GROWSDOWN mapping */
        if (!guest_page_origin((abi_ulong)first)->grows_down) return -EINVAL;
        start = (abi_ulong)first;
        while (start > TARGET_PAGE_SIZE && guest_page_origin_id(start - TARGET_PAGE_SIZE) == vma &&
               guest_prot[(start - TARGET_PAGE_SIZE) >> TARGET_PAGE_BITS])
            start -= TARGET_PAGE_SIZE;
    }
    if (start >= TARGET_TASK_SIZE || !guest_prot[start >> TARGET_PAGE_BITS]) return -ENOMEM;
    for (a = start; a < end; ) {
        uint64_t run = mapped_run_end(a, end);
        if (run == a) return -ENOMEM;
        for (uint64_t b = a; b < run; b += TARGET_PAGE_SIZE) {
            const GuestOrigin *o = guest_page_origin((abi_ulong)b);
            if ((prot & PROT_WRITE) && o->shared && !o->may_write) { run = b; break; }
        }
        if (run > a) {
            /* set_range drops the translations of pages that were executable. */
            set_range(a, run, prot);
            int r = sync_prot(a, run);
            if (r < 0) return r;
        }
        if (run < end && guest_prot[run >> TARGET_PAGE_BITS] && run < TARGET_TASK_SIZE) return -EACCES;
        a = run;
    }
    return 0;
}

/* mremap when the host cannot do it (ranges not aligned to host pages): grow in place by
 * mapping the pages behind, or move by mapping, copying and unmapping. The new pages are
 * anonymous: fine for what guests grow (malloc'ed blocks), not for growing file mappings. */
static abi_long mremap_by_copy(abi_ulong old_addr, uint64_t osz, uint64_t nsz,
                               unsigned long flags, abi_ulong new_addr, int prot)
{
    abi_long r;
    if (!(flags & MREMAP_FIXED) && (uint64_t)old_addr + nsz <= TARGET_TASK_SIZE &&
        range_is_free(old_addr + osz, old_addr + nsz)) {
        r = target_mmap(old_addr + (abi_ulong)osz, (abi_ulong)(nsz - osz), prot,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        return is_error(r) ? r : (abi_long)old_addr;
    }
    if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
    r = target_mmap(new_addr, (abi_ulong)nsz, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | ((flags & MREMAP_FIXED) ? MAP_FIXED : 0), -1, 0);
    if (is_error(r)) return r;
    /* The old pages may be unreadable (or write-protected) on the host: make them readable. */
    mprotect(host_range(host_down(old_addr), host_up(old_addr + osz) - host_down(old_addr)),
             host_up(old_addr + osz) - host_down(old_addr), PROT_READ);
    memcpy(g2h((abi_ulong)r), g2h(old_addr), osz < nsz ? osz : nsz);
    target_munmap(old_addr, (abi_ulong)osz);
    target_mprotect((abi_ulong)r, (abi_ulong)nsz, prot);
    return r;
}

/* MREMAP_DONTUNMAP: the pages move to the new place, the old range stays mapped with the
 * same access and reads back as fresh anonymous memory. */
static abi_long mremap_dontunmap(abi_ulong old_addr, uint64_t osz, unsigned long flags,
                                 abi_ulong new_addr, int prot)
{
    if ((flags & MREMAP_FIXED) && new_addr < (uint64_t)old_addr + osz && old_addr < (uint64_t)new_addr + osz)
        return -EINVAL;
    abi_long r = target_mmap((flags & MREMAP_FIXED) ? new_addr : 0, (abi_ulong)osz, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | ((flags & MREMAP_FIXED) ? MAP_FIXED : 0), -1, 0);
    if (is_error(r)) return r;
    mprotect(host_range(host_down(old_addr), host_up(old_addr + osz) - host_down(old_addr)),
             host_up(old_addr + osz) - host_down(old_addr), PROT_READ);
    memcpy(g2h((abi_ulong)r), g2h(old_addr), osz);
    target_mmap(old_addr, (abi_ulong)osz, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    target_mprotect((abi_ulong)r, (abi_ulong)osz, prot);
    return r;
}

/* Move the origin records of [from, from + len) to [to, to + len) (file offsets follow). */
static void move_origin(uint64_t from, uint64_t to, uint64_t len)
{
    for (uint64_t i = 0, j; i < len; i = j) {
        uint32_t id = page_origin[(from + i) >> TARGET_PAGE_BITS];
        for (j = i; j < len && page_origin[(from + j) >> TARGET_PAGE_BITS] == id; j += TARGET_PAGE_SIZE)
            continue;
        if (id > ORIGIN_STACK) {
            GuestOrigin o = origins[id];
            o.offset_bias += (int64_t)from - (int64_t)to;
            id = origin_new(&o);
        }
        set_origin(to + i, to + j, id);
    }
}

/* Protections of the old range must be uniform for a move; use the first page's. */
/* [a, a + len) lies in one kernel mapping: every page mapped, with the same protection and
 * origin (adjacent anonymous mappings of the same protection are one merged mapping). */
static bool in_one_mapping(abi_ulong a, uint64_t len)
{
    uint64_t end = (uint64_t)a + len;
    if (end > TARGET_TASK_SIZE) return false;
    for (uint64_t b = a; b < end; b += TARGET_PAGE_SIZE)
        if (guest_page_prot((abi_ulong)b) < 0 || guest_page_prot((abi_ulong)b) != guest_page_prot(a) ||
            page_origin[b >> TARGET_PAGE_BITS] != page_origin[a >> TARGET_PAGE_BITS])
            return false;
    return true;
}

abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size, abi_ulong new_size,
                       unsigned long flags, abi_ulong new_addr)
{
    uint64_t osz = page_up(old_size), nsz = page_up(new_size);
    int prot;
    void *p;

    if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return -EINVAL;
    /* MREMAP_DONTUNMAP always moves and never resizes (page-rounded sizes compared, as
     * Linux 6.18 does, measured). */
    if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || osz != nsz)) return -EINVAL;
    if ((old_addr & (TARGET_PAGE_SIZE - 1)) || nsz == 0) return -EINVAL;
    /* The kernel's order: a mapping at old_addr (EFAULT); for a move to a fixed address the
     * new range's checks (EINVAL), then the new range and the old tail are unmapped; a shrink
     * in place just unmaps the tail; only then must what is left of the old range lie in one
     * mapping (vma_to_resize: EFAULT, EINVAL for an old size 0, which only duplicates shared
     * mappings). */
    if (old_addr >= TARGET_TASK_SIZE || !guest_prot[old_addr >> TARGET_PAGE_BITS]) return -EFAULT;
    if ((flags & MREMAP_FIXED) &&
        ((new_addr & (TARGET_PAGE_SIZE - 1)) || nsz > TARGET_TASK_SIZE || new_addr > TARGET_TASK_SIZE - nsz ||
         (new_addr < (uint64_t)old_addr + osz && old_addr < (uint64_t)new_addr + nsz)))
        return -EINVAL;
    if (flags & MREMAP_FIXED) {
        target_munmap(new_addr, (abi_ulong)nsz);
        if (osz > nsz) { target_munmap(old_addr + (abi_ulong)nsz, (abi_ulong)(osz - nsz)); osz = nsz; }
    } else if (nsz <= osz && !(flags & MREMAP_DONTUNMAP)) {
        if (nsz < osz) target_munmap(old_addr + (abi_ulong)nsz, (abi_ulong)(osz - nsz));
        return (abi_long)old_addr;
    }
    if (osz == 0) return -EINVAL;
    /* Linux 6.17 and later move several mappings at once when moving to a fixed address
     * without resizing; anything else must lie in one mapping. */
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_DONTUNMAP) && osz == nsz
            ? mapped_run_end(old_addr, (uint64_t)old_addr + osz) < (uint64_t)old_addr + osz
            : !in_one_mapping(old_addr, osz))
        return -EFAULT;
    prot = guest_page_prot(old_addr);
    if (flags & MREMAP_DONTUNMAP)
        return mremap_dontunmap(old_addr, osz, flags, new_addr, prot);
    if ((old_addr | osz | nsz | ((flags & MREMAP_FIXED) ? new_addr : 0)) & (host_page() - 1))
        return mremap_by_copy(old_addr, osz, nsz, flags, (flags & MREMAP_FIXED) ? new_addr : 0, prot);

    if (flags & MREMAP_FIXED) {
        set_range(new_addr, new_addr + nsz, -1);
    } else if ((uint64_t)old_addr + nsz <= TARGET_TASK_SIZE &&
               range_is_free(old_addr + osz, old_addr + nsz)) {
        /* Grow in place: release the reservation behind the mapping, then extend it. */
        if (munmap(host_range(old_addr + osz, nsz - osz), nsz - osz) != 0) return -errno;
        p = mremap(host_range(old_addr, osz), osz, nsz, 0);
        if (p == MAP_FAILED) {
            int err = errno;
            re_reserve(old_addr + osz, old_addr + nsz);
            return -err;
        }
        set_range(old_addr + osz, old_addr + nsz, prot);
        set_origin(old_addr + osz, old_addr + nsz, page_origin[old_addr >> TARGET_PAGE_BITS]);
        sync_prot(old_addr + osz, old_addr + nsz);   /* mremap copied the old host access */
        return (abi_long)old_addr;
    } else if (!(flags & MREMAP_MAYMOVE)) {
        return -ENOMEM;
    } else {
        new_addr = mmap_find_vma(0, (abi_ulong)nsz);
        if (new_addr == (abi_ulong)-1) return -ENOMEM;
    }
    p = mremap(host_range(old_addr, osz), osz, nsz, MREMAP_MAYMOVE | MREMAP_FIXED, host_range(new_addr, nsz));
    if (p == MAP_FAILED) {
        int err = errno;
        release_host_pages(new_addr, new_addr + nsz);
        return -err;
    }
    for (uint64_t i = 0; i < osz; i += TARGET_PAGE_SIZE)      /* page by page: several mappings */
        set_range(new_addr + i, new_addr + i + TARGET_PAGE_SIZE, guest_page_prot((abi_ulong)(old_addr + i)));
    if (nsz > osz) set_range(new_addr + osz, new_addr + nsz, prot);
    re_reserve(old_addr, old_addr + osz);
    set_range(old_addr, old_addr + osz, -1);
    move_origin(old_addr, new_addr, osz);
    set_origin(old_addr, old_addr + osz, ORIGIN_ANON);
    sync_prot(new_addr, new_addr + nsz);
    return (abi_long)new_addr;
}

/* madvise(MADV_DONTNEED): private anonymous pages read back as zeros. Whole host pages go to the
 * host's madvise; the guest pages of a host page shared with guest pages outside the range are
 * zeroed by hand when writable (the guest could not have changed them otherwise) - right for
 * anonymous memory (malloc arenas, thread stacks), while a private file page would read back
 * the file's bytes natively. Translations of the range are dropped. */
static abi_long madvise_dontneed(abi_ulong start, abi_ulong len)
{
    uint64_t end = (uint64_t)start + page_up(len);
    uint64_t lo = host_up(start), hi = host_down(end) > lo ? host_down(end) : lo;
    if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if (end > TARGET_TASK_SIZE) return -EINVAL;
    if (range_had_exec(start, end))
        tb_invalidate_phys_page_range(start, end >= GUEST_ADDR_SPACE ? 0xffffffffu : (target_ulong)end);
    if (lo < hi && madvise(host_range(lo, hi - lo), hi - lo, MADV_DONTNEED) != 0) return -errno;
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE) {
        if (a >= lo && a < hi) continue;
        if (!(guest_prot[a >> TARGET_PAGE_BITS] & PROT_WRITE)) continue;
        page_unprotect((target_ulong)a, 0);       /* translated code may keep it read-only */
        memset(g2h((abi_ulong)a), 0, TARGET_PAGE_SIZE);
    }
    return 0;
}

/* The walk of madvise and msync: fn on each run of mapped pages of [start, end), holes
 * skipped and reported as ENOMEM at the end (an error from fn ends the walk). */
static abi_long for_each_mapped_run(uint64_t start, uint64_t end,
                                    abi_long (*fn)(uint64_t a, uint64_t run_end, void *ctx), void *ctx)
{
    bool hole = false;
    for (uint64_t a = start; a < end; ) {
        uint64_t run = mapped_run_end(a, end);
        if (run == a) { hole = true; a += TARGET_PAGE_SIZE; continue; }
        abi_long r = fn(a, run, ctx);
        if (r < 0) return r;
        a = run;
    }
    return hole ? -ENOMEM : 0;
}

/* madvise: the advice a 6.x x86_64 kernel accepts from an i386 process (MADV_NORMAL..
 * MADV_DONTNEED, MADV_FREE..MADV_COLLAPSE, MADV_GUARD_INSTALL/REMOVE; MADV_HWPOISON and
 * MADV_SOFT_OFFLINE only with CONFIG_MEMORY_FAILURE, absent here). Only the advice that
 * changes what the guest reads has an effect here (MADV_DONTNEED and MADV_DONTNEED_LOCKED:
 * private pages read back as zeros); MADV_REMOVE needs a shared mapping. Unmapped parts are
 * skipped and reported as ENOMEM at the end, as the kernel's walk does. */
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif
static bool madvise_advice_valid(int advice)
{
    return (advice >= 0 && advice <= 4) || (advice >= 8 && advice <= 25) || advice == 102 || advice == 103;
}

static abi_long madvise_run(uint64_t a, uint64_t run, void *ctx)
{
    int advice = *(int *)ctx;
    if (advice == MADV_REMOVE)
        for (uint64_t b = a; b < run; b += TARGET_PAGE_SIZE)
            if (!guest_page_origin((abi_ulong)b)->shared) return -EINVAL;
    if (advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED)
        return madvise_dontneed((abi_ulong)a, (abi_ulong)(run - a));
    return 0;
}

static abi_long do_madvise(abi_ulong start, abi_ulong len, int advice)
{
    uint64_t end;
    if (!madvise_advice_valid(advice)) return -EINVAL;
    if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    end = (uint64_t)start + page_up(len);
    if (len && page_up(len) == 0) return -EINVAL;                 /* rounded up to zero */
    if (end > GUEST_ADDR_SPACE) return -EINVAL;                   /* wraps around */
    if (end == start) return 0;
    return for_each_mapped_run(start, end, madvise_run, &advice);
}

abi_long target_madvise(abi_ulong start, abi_ulong len, int advice)
{
    tb_lock();                                   /* a stable view of the memory map */
    abi_long r = do_madvise(start, len, advice);
    tb_unlock();
    return r;
}

/* msync: flag rules first, unmapped parts are ENOMEM (after syncing the mapped ones), shared
 * file mappings are really synced (the host pages around them: msync works on whole pages). */
static abi_long msync_run(uint64_t a, uint64_t run, void *ctx)
{
    int flags = *(int *)ctx;
    if (!(flags & MS_SYNC))
        return 0;
    for (uint64_t b = a; b < run; b += TARGET_PAGE_SIZE) {
        const GuestOrigin *o = guest_page_origin((abi_ulong)b);
        if (!o->shared || !o->ino)
            continue;
        if (msync(host_range(host_down(b), host_page()), host_page(), MS_SYNC) != 0)
            return -errno;
        b = host_down(b) + host_page() - TARGET_PAGE_SIZE;   /* the host page is synced whole */
    }
    return 0;
}

static abi_long do_msync(abi_ulong start, abi_ulong len, int flags)
{
    uint64_t end;
    if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return -EINVAL;
    if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return -EINVAL;
    end = (uint64_t)start + page_up(len);
    if (end > GUEST_ADDR_SPACE) return -ENOMEM;
    if (end == start) return 0;
    return for_each_mapped_run(start, end, msync_run, &flags);
}

abi_long target_msync(abi_ulong start, abi_ulong len, int flags)
{
    tb_lock();                                   /* a stable view of the memory map */
    abi_long r = do_msync(start, len, flags);
    tb_unlock();
    return r;
}

/* mincore: one byte per 4 KiB guest page (bit 0: resident, from the host page holding it);
 * the range must be inside TASK_SIZE and mapped throughout (ENOMEM at the first hole, the
 * bytes before it written). */
static abi_long do_mincore(abi_ulong start, abi_ulong len, abi_ulong vec)
{
    uint64_t pages, a;
    unsigned char host_vec[HOST_PAGE_SIZE_MAX / TARGET_PAGE_SIZE];
    uint64_t real_page = (uint64_t)sysconf(_SC_PAGESIZE);
    if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if ((uint64_t)start + len > TARGET_TASK_SIZE) return -ENOMEM;
    pages = page_up(len) >> TARGET_PAGE_BITS;
    /* A 64-bit kernel's access_ok admits any vector of an i386 task: an unmapped page of the
     * range (ENOMEM) comes before a vector entry it cannot store (EFAULT). */
    for (uint64_t i = 0; i < pages; i++) {
        a = start + (i << TARGET_PAGE_BITS);
        if (!guest_prot[a >> TARGET_PAGE_BITS]) return -ENOMEM;
        if ((uint64_t)vec + i >= TARGET_TASK_SIZE || guest_page_prot((abi_ulong)(vec + i)) < 0 ||
            !(guest_page_prot((abi_ulong)(vec + i)) & PROT_WRITE))
            return -EFAULT;
        /* One entry per real host page of the (possibly forced) host page holding a. */
        if (mincore(host_range(host_down(a), host_page()), host_page(), host_vec) != 0) return -errno;
        page_unprotect((target_ulong)(vec + i), 0);
        *(unsigned char *)g2h((abi_ulong)(vec + i)) = host_vec[(a - host_down(a)) / real_page] & 1;
    }
    return 0;
}

abi_long target_mincore(abi_ulong start, abi_ulong len, abi_ulong vec)
{
    tb_lock();                                   /* a stable view of the memory map */
    abi_long r = do_mincore(start, len, vec);
    tb_unlock();
    return r;
}

/* mlock / munlock / mlock2 as do_mlock: the start is rounded down and the length up (no
 * EINVAL for an unaligned start), EPERM without RLIMIT_MEMLOCK or privilege, ENOMEM over the
 * limit or for a hole; the host pages holding the range are really locked. */
static bool may_lock(uint64_t bytes)
{
    struct rlimit rl;
    if (geteuid() == 0) return true;                       /* CAP_IPC_LOCK */
    return getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && (rl.rlim_cur == RLIM_INFINITY || bytes <= rl.rlim_cur);
}

static abi_long lock_range(abi_ulong start, abi_ulong len, bool lock)
{
    struct rlimit rl;
    uint64_t s = start & TARGET_PAGE_MASK, e = page_up((uint64_t)start + len);
    if (lock && geteuid() != 0 && getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur == 0) return -EPERM;
    if (lock && !may_lock(e - s)) return -ENOMEM;
    if (e == s) return 0;
    if (e > TARGET_TASK_SIZE) return -ENOMEM;
    for (uint64_t a = s; a < e; a += TARGET_PAGE_SIZE)
        if (!guest_prot[a >> TARGET_PAGE_BITS]) return -ENOMEM;
    void *h = host_range(host_down(s), host_up(e) - host_down(s));
    int r = lock ? mlock(h, host_up(e) - host_down(s)) : munlock(h, host_up(e) - host_down(s));
    return r == 0 ? 0 : errno == EFAULT ? -ENOMEM : -errno;
}

abi_long target_mlock(abi_ulong start, abi_ulong len, unsigned flags)
{
    if (flags & ~1u /* MLOCK_ONFAULT */) return -EINVAL;
    tb_lock();                                   /* a stable view of the memory map */
    abi_long r = lock_range(start, len, true);
    tb_unlock();
    return r;
}

abi_long target_munlock(abi_ulong start, abi_ulong len)
{
    tb_lock();
    abi_long r = lock_range(start, len, false);
    tb_unlock();
    return r;
}

/* mlockall: the kernel's flag rules; the guest's pages are not locked (the host call would
 * lock loongbt's whole reservation and code buffer too). munlockall always succeeds. */
abi_long target_mlockall(int flags)
{
    struct rlimit rl;
    if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT) return -EINVAL;
    if (geteuid() != 0 && getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur == 0) return -EPERM;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * brk
 * ------------------------------------------------------------------------------------------- */

void target_set_brk(abi_ulong new_brk)
{
    brk_start = brk_cur = new_brk;
    brk_mapped_end = (abi_ulong)page_up(new_brk);
}

void guest_brk_range(abi_ulong *start, abi_ulong *cur)
{
    *start = brk_start;
    *cur = brk_cur;
}

void guest_mark_region(abi_ulong start, abi_ulong end, int origin)
{
    set_origin(start, end, (uint32_t)origin);
}

void guest_mark_file(abi_ulong start, abi_ulong end, int fd, uint64_t offset)
{
    set_origin(start, end, origin_for_mmap(start, MAP_PRIVATE, fd, (off_t)offset, true));
}

/* brk as the kernel's: the new end must leave a page free before the next mapping (and the
 * stack guard gap before the stack), and stay within RLIMIT_DATA. Pages given back by a
 * shrinking brk and mapped again read as zeros (target_mmap zeroes guest pages of a host
 * page it shares with others). */
abi_ulong do_brk(abi_ulong new_brk)
{
    uint64_t new_end, guard;
    struct rlimit rl;
    if (new_brk == 0 || new_brk < brk_start) return brk_cur;
    if (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        (uint64_t)new_brk - brk_start > rl.rlim_cur)
        return brk_cur;
    new_end = page_up(new_brk);
    if (new_end > brk_mapped_end) {
        guard = new_end + TARGET_PAGE_SIZE;
        if (guard <= TARGET_TASK_SIZE && guard + STACK_GUARD_GAP > guest_stack_bottom && new_end <= guest_stack_top)
            guard = guest_stack_bottom > STACK_GUARD_GAP ? (uint64_t)guest_stack_bottom - STACK_GUARD_GAP : 0;
        if (new_end + TARGET_PAGE_SIZE > TARGET_TASK_SIZE || guard < new_end + TARGET_PAGE_SIZE ||
            !range_is_free(brk_mapped_end, new_end + TARGET_PAGE_SIZE))
            return brk_cur;
        if (is_error(target_mmap(brk_mapped_end, (abi_ulong)(new_end - brk_mapped_end),
                                 PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)))
            return brk_cur;
        set_origin(brk_mapped_end, new_end, ORIGIN_HEAP);
    } else if (new_end < brk_mapped_end) {
        target_munmap((abi_ulong)new_end, (abi_ulong)(brk_mapped_end - new_end));
    }
    brk_mapped_end = (abi_ulong)new_end;
    brk_cur = new_brk;
    return brk_cur;
}
