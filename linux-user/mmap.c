/*
 * mmap.c - the guest address space: one 4 GiB host reservation (PROT_NONE) at guest_base, guest
 * mappings made inside it with MAP_FIXED, a per-page table of the guest's protections used to
 * find free ranges and to check guest pointers, page flags for the translator (page_set_flags)
 * and invalidation of translated code whose guest bytes go away. Also the guest brk.
 *
 * Host pages are assumed to be the guest's 4 KiB (x86_64); a host with bigger pages (LoongArch
 * 16 KiB) needs the partial-page handling of a later issue.
 */
#include <sys/mman.h>
#include <errno.h>
#include <unistd.h>
#include "qemu.h"
#include "exec-all.h"
#include "log.h"

uintptr_t guest_base;

#define GUEST_PAGES (GUEST_ADDR_SPACE >> TARGET_PAGE_BITS)
#define MMAP_MIN_ADDR 0x10000u          /* like vm.mmap_min_addr: page 0 stays unmapped */

/* Per guest page: 0 = unmapped, else PAGE_MAPPED | PROT_READ/WRITE/EXEC as the guest asked. */
#define PAGE_MAPPED 0x80
static uint8_t *guest_prot;

static abi_ulong brk_start, brk_cur, brk_mapped_end;

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

/* Give [start, end) back to the reservation: no access, nothing committed. */
static void re_reserve(uint64_t start, uint64_t end)
{
    void *p = mmap(g2h((abi_ulong)start), end - start, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) fatal_error("cannot re-reserve guest memory: %s", strerror(errno));
}

/* ---------------------------------------------------------------------------------------------
 * Reservation and free-range search
 * ------------------------------------------------------------------------------------------- */

void guest_space_init(void)
{
    void *p = mmap(NULL, GUEST_ADDR_SPACE, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) fatal_error("cannot reserve 4 GiB for the guest: %s", strerror(errno));
    guest_base = (uintptr_t)p;
    guest_prot = calloc(GUEST_PAGES, 1);
    if (!guest_prot) fatal_error("out of memory");
    qemu_log_mask(CPU_LOG_PAGE, "page: guest_base = %p\n", p);
}

/* First free, page-aligned range of size bytes at or above start and below limit; 0 if none. */
static abi_ulong find_free_between(uint64_t start, uint64_t limit, uint64_t size)
{
    uint64_t run = 0, a;
    for (a = page_up(start); a + TARGET_PAGE_SIZE <= limit; a += TARGET_PAGE_SIZE) {
        if (guest_prot[a >> TARGET_PAGE_BITS]) { run = 0; continue; }
        run += TARGET_PAGE_SIZE;
        if (run >= size) return (abi_ulong)(a + TARGET_PAGE_SIZE - run);
    }
    return 0;
}

abi_ulong mmap_find_vma(abi_ulong start, abi_ulong size)
{
    uint64_t sz = page_up(size);
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
 * mmap / munmap / mprotect / mremap
 * ------------------------------------------------------------------------------------------- */

abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags, int fd, off_t offset)
{
    uint64_t size = page_up(len);
    abi_ulong addr;
    void *p;

    if (len == 0 || size > GUEST_ADDR_SPACE) return -EINVAL;
    if (offset & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
    if (!(flags & MAP_ANONYMOUS) && fd < 0) return -EBADF;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) return -EINVAL;
    /* i386's MAP_32BIT (0x40) has no meaning inside the 4 GiB reservation (and no host value off x86). */
    flags &= ~(MAP_GROWSDOWN | 0x40 | MAP_HUGETLB);

    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (start & (TARGET_PAGE_SIZE - 1)) return -EINVAL;
        if ((uint64_t)start + size > GUEST_ADDR_SPACE) return -ENOMEM;
        if ((flags & MAP_FIXED_NOREPLACE) && !range_is_free(start, start + size)) return -EEXIST;
        addr = start;
    } else {
        addr = mmap_find_vma(start & TARGET_PAGE_MASK, (abi_ulong)size);
        if (addr == (abi_ulong)-1 && size) return -ENOMEM;
    }
    flags = (flags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED;
    p = mmap(g2h(addr), size, host_prot(prot), flags, fd, offset);
    if (p == MAP_FAILED) {
        int err = errno;
        /* A failed MAP_FIXED may have left a hole; keep the reservation whole. */
        if (range_is_free(addr, addr + size)) re_reserve(addr, addr + size);
        return -err;
    }
    set_range(addr, addr + size, prot);
    return (abi_long)addr;
}

int target_munmap(abi_ulong start, abi_ulong len)
{
    uint64_t size = page_up(len);
    if ((start & (TARGET_PAGE_SIZE - 1)) || len == 0) return -EINVAL;
    if ((uint64_t)start + size > GUEST_ADDR_SPACE) return -EINVAL;
    re_reserve(start, start + size);
    set_range(start, start + size, -1);
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
    if (mprotect(g2h(start), size, host_prot(prot)) != 0) return -errno;
    /* Only dropping exec (or changing what executes) needs the translations gone; set_range
     * invalidates whenever the range had exec pages, which covers that conservatively. */
    set_range(start, start + size, prot);
    return 0;
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

    if (flags & MREMAP_FIXED) {
        if ((new_addr & (TARGET_PAGE_SIZE - 1)) || (uint64_t)new_addr + nsz > GUEST_ADDR_SPACE)
            return -EINVAL;
        if (new_addr < (uint64_t)old_addr + osz && old_addr < (uint64_t)new_addr + nsz) return -EINVAL;
        set_range(new_addr, new_addr + nsz, -1);
    } else if (nsz <= osz) {
        if (nsz < osz) target_munmap(old_addr + (abi_ulong)nsz, (abi_ulong)(osz - nsz));
        return (abi_long)old_addr;
    } else if ((uint64_t)old_addr + nsz <= GUEST_ADDR_SPACE &&
               range_is_free(old_addr + osz, old_addr + nsz)) {
        /* Grow in place: release the reservation behind the mapping, then extend it. */
        if (munmap(g2h(old_addr + (abi_ulong)osz), nsz - osz) != 0) return -errno;
        p = mremap(g2h(old_addr), osz, nsz, 0);
        if (p == MAP_FAILED) {
            int err = errno;
            re_reserve(old_addr + osz, old_addr + nsz);
            return -err;
        }
        set_range(old_addr + osz, old_addr + nsz, prot);
        return (abi_long)old_addr;
    } else if (!(flags & MREMAP_MAYMOVE)) {
        return -ENOMEM;
    } else {
        new_addr = mmap_find_vma(TARGET_MMAP_BASE, (abi_ulong)nsz);
        if (new_addr == (abi_ulong)-1) return -ENOMEM;
    }
    p = mremap(g2h(old_addr), osz, nsz, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(new_addr));
    if (p == MAP_FAILED) {
        int err = errno;
        if (range_is_free(new_addr, new_addr + nsz)) re_reserve(new_addr, new_addr + nsz);
        return -err;
    }
    re_reserve(old_addr, old_addr + osz);
    set_range(old_addr, old_addr + osz, -1);
    set_range(new_addr, new_addr + nsz, prot);
    return (abi_long)new_addr;
}

/* ---------------------------------------------------------------------------------------------
 * brk
 * ------------------------------------------------------------------------------------------- */

void target_set_brk(abi_ulong new_brk)
{
    brk_start = brk_cur = new_brk;
    brk_mapped_end = (abi_ulong)page_up(new_brk);
}

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
