/*
 * mmap.c - the guest address space: one 4 GiB host reservation (PROT_NONE) at guest_base, guest
 * mappings made inside it with MAP_FIXED, a per-page table of the guest's protections used to
 * find free ranges and to check guest pointers, page flags for the translator (page_set_flags)
 * and invalidation of translated code whose guest bytes go away. Also the guest brk.
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
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "qemu.h"
#include "exec-all.h"
#include "log.h"
#include "guest-syms.h"

uintptr_t guest_base;

#define GUEST_PAGES (GUEST_ADDR_SPACE >> TARGET_PAGE_BITS)
#define MMAP_MIN_ADDR 0x10000u          /* like vm.mmap_min_addr: page 0 stays unmapped */
#define HOST_PAGE_SIZE_MAX (64u * 1024) /* largest page size of any Linux host we target */

/* Per guest page: 0 = unmapped, else PAGE_MAPPED | PROT_READ/WRITE/EXEC as the guest asked. */
#define PAGE_MAPPED 0x80
static uint8_t *guest_prot;

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

/* Record the guest's view of [start, end) (prot < 0 = unmapped) and tell the translator. */
static void set_range(uint64_t start, uint64_t end, int prot)
{
    if (start >= end) return;
    /* The translator's ranges are 32-bit: the last page of the space ends at 0xffffffff. */
    target_ulong end32 = end >= GUEST_ADDR_SPACE ? 0xffffffffu : (target_ulong)end;
    if (range_had_exec(start, end))
        tb_invalidate_phys_page_range((target_ulong)start, end32);
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
    if (!guest_prot) fatal_error("out of memory");
    qemu_log_mask(CPU_LOG_PAGE, "page: guest_base = %p, host page size %llu\n", (void *)base,
                  (unsigned long long)hp);
}

/* First host-page aligned start of size free bytes at or above start with the run below limit;
 * 0 if none. Scanning each candidate from its top lets a busy page skip the whole run. */
static abi_ulong find_free_between(uint64_t start, uint64_t limit, uint64_t size)
{
    uint64_t a = host_up(start);
    while (a + size <= limit) {
        uint64_t b = a + size;
        while (b > a && !guest_prot[(b - TARGET_PAGE_SIZE) >> TARGET_PAGE_BITS])
            b -= TARGET_PAGE_SIZE;
        if (b == a) return (abi_ulong)a;
        a = host_up(b);                 /* b - 4K is busy: restart above it */
    }
    return 0;
}

/* Sizes are rounded up to whole host pages so a new mapping never shares its last host page
 * with another mapping (no fragments for anything but MAP_FIXED). */
abi_ulong mmap_find_vma(abi_ulong start, abi_ulong size)
{
    uint64_t sz = host_up(page_up(size));
    abi_ulong r;
    if (sz == 0 || sz > GUEST_ADDR_SPACE - MMAP_MIN_ADDR) return (abi_ulong)-1;
    if (start < MMAP_MIN_ADDR) start = TARGET_MMAP_BASE;
    /* From the hint up to the stack (or to the top for a hint above it), then from the
     * bottom, then above the stack. */
    if (start >= TARGET_STACK_TOP && (r = find_free_between(start, GUEST_ADDR_SPACE, sz))) return r;
    if (start < TARGET_STACK_TOP && (r = find_free_between(start, TARGET_STACK_TOP, sz))) return r;
    if ((r = find_free_between(MMAP_MIN_ADDR, TARGET_STACK_TOP, sz))) return r;
    if ((r = find_free_between(TARGET_STACK_TOP, GUEST_ADDR_SPACE, sz))) return r;
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

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags, int fd, off_t offset)
{
    uint64_t size = page_up(len), end, direct_lo, direct_hi;
    abi_ulong addr;
    bool is_file = !(flags & MAP_ANONYMOUS), file_aligned;
    int err = 0;

    if (len == 0 || size > GUEST_ADDR_SPACE) return -EINVAL;
    if (offset & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if (is_file && fd < 0) return -EBADF;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) return -EINVAL;
    /* i386's MAP_32BIT (0x40) has no meaning inside the 4 GiB reservation (and no host value off x86). */
    flags &= ~(MAP_GROWSDOWN | 0x40 | MAP_HUGETLB);

    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
        if ((uint64_t)start + size > GUEST_ADDR_SPACE) return -ENOMEM;
        if ((flags & MAP_FIXED_NOREPLACE) && !range_is_free(start, start + size)) return -EEXIST;
        addr = start;
    } else if (start >= MMAP_MIN_ADDR && !(start & (TARGET_PAGE_SIZE - 1)) &&
               (uint64_t)start + size <= GUEST_ADDR_SPACE && range_is_free(start, start + size) &&
               !(is_file && (flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE))) {
        /* Linux honours a free hint. One that is not host-page aligned gives fragments, fine
         * unless the mapping is a shared writable file (which a copy cannot stand in for). */
        addr = start;
    } else {
        addr = mmap_find_vma(start & TARGET_PAGE_MASK, (abi_ulong)size);
        if (addr == (abi_ulong)-1 && size) return -ENOMEM;
    }
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
    if (host_page() > TARGET_PAGE_SIZE)
        sync_prot(addr, end);
    if (is_file && (prot & PROT_EXEC))
        guest_syms_add_mapping(fd, addr, (uint64_t)offset);   /* names for profiles */
    return (abi_long)addr;
}

int target_munmap(abi_ulong start, abi_ulong len)
{
    uint64_t size = page_up(len);
    if ((start & (TARGET_PAGE_SIZE - 1)) || len == 0) return -EINVAL;
    if ((uint64_t)start + size > GUEST_ADDR_SPACE) return -EINVAL;
    set_range(start, start + size, -1);
    release_host_pages(start, start + size);
    return 0;
}

int target_mprotect(abi_ulong start, abi_ulong len, int prot)
{
    uint64_t size = page_up(len), a;
    if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) return -EINVAL;
    prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
    if (size == 0) return 0;
    if ((uint64_t)start + size > GUEST_ADDR_SPACE) return -ENOMEM;
    for (a = start; a < start + size; a += TARGET_PAGE_SIZE)
        if (!guest_prot[a >> TARGET_PAGE_BITS]) return -ENOMEM;
    /* Only dropping exec (or changing what executes) needs the translations gone; set_range
     * invalidates whenever the range had exec pages, which covers that conservatively. */
    set_range(start, start + size, prot);
    return sync_prot(start, start + size);
}

/* mremap when the host cannot do it (ranges not aligned to host pages): grow in place by
 * mapping the pages behind, or move by mapping, copying and unmapping. The new pages are
 * anonymous: fine for what guests grow (malloc'ed blocks), not for growing file mappings. */
static abi_long mremap_by_copy(abi_ulong old_addr, uint64_t osz, uint64_t nsz,
                               unsigned long flags, abi_ulong new_addr, int prot)
{
    abi_long r;
    if (!(flags & MREMAP_FIXED) && (uint64_t)old_addr + nsz <= GUEST_ADDR_SPACE &&
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

/* Protections of the old range must be uniform for a move; use the first page's. */
abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size, abi_ulong new_size,
                       unsigned long flags, abi_ulong new_addr)
{
    uint64_t osz = page_up(old_size), nsz = page_up(new_size), a;
    int prot;
    void *p;

    if ((old_addr & (TARGET_PAGE_SIZE - 1)) || nsz == 0) return -EINVAL;
    if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED)) return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return -EINVAL;
    if ((uint64_t)old_addr + osz > GUEST_ADDR_SPACE || osz == 0) return -EFAULT;
    for (a = old_addr; a < old_addr + osz; a += TARGET_PAGE_SIZE)
        if (!guest_prot[a >> TARGET_PAGE_BITS]) return -EFAULT;
    prot = guest_page_prot(old_addr);

    if ((flags & MREMAP_FIXED) &&
        ((new_addr & (TARGET_PAGE_SIZE - 1)) || (uint64_t)new_addr + nsz > GUEST_ADDR_SPACE))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) &&
        new_addr < (uint64_t)old_addr + osz && old_addr < (uint64_t)new_addr + nsz)
        return -EINVAL;
    if (nsz <= osz && !(flags & MREMAP_FIXED)) {
        if (nsz < osz) target_munmap(old_addr + (abi_ulong)nsz, (abi_ulong)(osz - nsz));
        return (abi_long)old_addr;
    }
    if ((old_addr | osz | nsz | ((flags & MREMAP_FIXED) ? new_addr : 0)) & (host_page() - 1))
        return mremap_by_copy(old_addr, osz, nsz, flags, (flags & MREMAP_FIXED) ? new_addr : 0, prot);

    if (flags & MREMAP_FIXED) {
        set_range(new_addr, new_addr + nsz, -1);
    } else if ((uint64_t)old_addr + nsz <= GUEST_ADDR_SPACE &&
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
        sync_prot(old_addr + osz, old_addr + nsz);   /* mremap copied the old host access */
        return (abi_long)old_addr;
    } else if (!(flags & MREMAP_MAYMOVE)) {
        return -ENOMEM;
    } else {
        new_addr = mmap_find_vma(TARGET_MMAP_BASE, (abi_ulong)nsz);
        if (new_addr == (abi_ulong)-1) return -ENOMEM;
    }
    p = mremap(host_range(old_addr, osz), osz, nsz, MREMAP_MAYMOVE | MREMAP_FIXED, host_range(new_addr, nsz));
    if (p == MAP_FAILED) {
        int err = errno;
        release_host_pages(new_addr, new_addr + nsz);
        return -err;
    }
    re_reserve(old_addr, old_addr + osz);
    set_range(old_addr, old_addr + osz, -1);
    set_range(new_addr, new_addr + nsz, prot);
    sync_prot(new_addr, new_addr + nsz);
    return (abi_long)new_addr;
}

/* madvise(MADV_DONTNEED): private anonymous pages read back as zeros. Whole host pages go to the
 * host's madvise; the guest pages of a host page shared with guest pages outside the range are
 * zeroed by hand when writable (the guest could not have changed them otherwise) - right for
 * anonymous memory (malloc arenas, thread stacks), while a private file page would read back
 * the file's bytes natively. Translations of the range are dropped. */
abi_long target_madvise_dontneed(abi_ulong start, abi_ulong len)
{
    uint64_t end = (uint64_t)start + page_up(len);
    uint64_t lo = host_up(start), hi = host_down(end) > lo ? host_down(end) : lo;
    if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if (end > GUEST_ADDR_SPACE) return -EINVAL;
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

/* ---------------------------------------------------------------------------------------------
 * brk
 * ------------------------------------------------------------------------------------------- */

void target_set_brk(abi_ulong new_brk)
{
    brk_start = brk_cur = new_brk;
    brk_mapped_end = (abi_ulong)page_up(new_brk);
}

/* Pages given back by a shrinking brk and mapped again read as zeros (target_mmap zeroes
 * guest pages of a host page it shares with others). */
abi_ulong do_brk(abi_ulong new_brk)
{
    uint64_t new_end;
    if (new_brk == 0 || new_brk < brk_start) return brk_cur;
    new_end = page_up(new_brk);
    if (new_end > brk_mapped_end) {
        if (new_end > TARGET_STACK_TOP - TARGET_STACK_SIZE || !range_is_free(brk_mapped_end, new_end))
            return brk_cur;
        if (is_error(target_mmap(brk_mapped_end, (abi_ulong)(new_end - brk_mapped_end),
                                 PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)))
            return brk_cur;
    } else if (new_end < brk_mapped_end) {
        target_munmap((abi_ulong)new_end, (abi_ulong)(brk_mapped_end - new_end));
    }
    brk_mapped_end = (abi_ulong)new_end;
    brk_cur = new_brk;
    return brk_cur;
}
