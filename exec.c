/*
 * exec.c - the code cache and its bookkeeping: the RWX code buffer, the `tbs` array of
 * translated blocks, the hash of TBs by guest pc, guest page descriptors (flags and the list of
 * TBs whose code lies on each page), invalidation of TBs when guest code changes, and chaining
 * (patching one TB's goto_tb exit to jump straight into another TB, and undoing it).
 *
 * Pointer tagging used by the lists (see exec-all.h): page lists store the page index (0/1) of
 * the next TB's link in bit 0 of page_next[]/first_tb; jump lists store the exit slot (0/1) in
 * the low 2 bits of jmp_next[]/jmp_first, and the value 2 marks the list end (owner TB | 2).
 */
#include <sys/mman.h>
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include "loongbt-common.h"
#include "log.h"
#include "exec-all.h"
#include "tcg.h"
#include "qemu.h"
#include "hwassist.h"
#include "profile.h"

uint8_t *code_gen_buffer;
TranslationBlock *tbs;
int nb_tbs;
TranslationBlock *tb_phys_hash[CODE_GEN_PHYS_HASH_SIZE];
uint64_t tb_flush_count;
bool page_smc_protect = true;
static uint64_t protect_generation;     /* page_protect calls (guest_write_raced) */

static int tbs_max;
static void *code_gen_after_prologue;   /* where code_gen_ptr returns on tb_flush */

/* ------------------------------------------------------------------ registered CPUs */
/* tb_flush and tb_phys_invalidate must clear every CPU's jump cache, so CPUs register here
 * (one per guest thread, under tb_lock; a thread that exits unregisters). */
#define MAX_CPUS 64
static CPUX86State *cpu_list[MAX_CPUS];
static int nb_cpus;

void cpu_register(CPUX86State *env)
{
    for (int i = 0; i < nb_cpus; i++)
        if (cpu_list[i] == env)
            return;
    if (nb_cpus == MAX_CPUS)
        fatal_error("too many guest CPUs (max %d)", MAX_CPUS);
    cpu_list[nb_cpus++] = env;
}

void cpu_unregister_all_but(CPUX86State *env)
{
    cpu_list[0] = env;
    nb_cpus = 1;
}

int cpu_count(void)
{
    return nb_cpus;
}

void cpu_unregister(CPUX86State *env)
{
    for (int i = 0; i < nb_cpus; i++) {
        if (cpu_list[i] == env) {
            cpu_list[i] = cpu_list[--nb_cpus];
            return;
        }
    }
}

/* ------------------------------------------------------------------ code buffer */
/* Place the buffer close to loongbt's own text so the back end can reach helpers with rel32
 * calls. Below the text when there is room (PIE binaries sit high), else above it. Only a
 * hint: the kernel picks another address if this one is taken, and the back end must cope
 * (it falls back to an absolute call when a target is out of range). */
static void *code_gen_buffer_hint(size_t size)
{
    const uintptr_t align = 2u * 1024 * 1024;
    uintptr_t text = (uintptr_t)&code_gen_buffer_hint & ~(align - 1);
    if (text > size + 2 * align)
        return (void *)(text - size - align);
    return (void *)(text + 256u * 1024 * 1024);
}

void tcg_exec_init(size_t code_gen_buffer_size)
{
    size_t size = code_gen_buffer_size ? code_gen_buffer_size : CODE_GEN_BUFFER_DEFAULT_SIZE;
    if (size < 2 * CODE_GEN_MAX_TB_SIZE)
        size = 2 * CODE_GEN_MAX_TB_SIZE;

    hwassist_init();
    tcg_context_init(tcg_ctx);

    void *hint = code_gen_buffer_hint(size);
    void *buf = mmap(hint, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (buf == MAP_FAILED)
        fatal_error("cannot allocate the %zu-byte code buffer", size);
    code_gen_buffer = buf;
    tcg_ctx->code_gen_buffer = buf;
    tcg_ctx->code_gen_buffer_size = size;
    tcg_ctx->code_gen_ptr = buf;
    tcg_ctx->code_gen_highwater = (uint8_t *)buf + size - CODE_GEN_MAX_TB_SIZE;

    tcg_prologue_init(tcg_ctx);
    /* Keep TB code aligned like tb_gen_code does. */
    code_gen_after_prologue = (void *)QEMU_ALIGN_UP((uintptr_t)tcg_ctx->code_gen_ptr, 16);
    tcg_ctx->code_gen_ptr = code_gen_after_prologue;
    /* For tools that attribute host pcs (scripts/check-inflation.py): prologue, then TBs; and
     * whether the buffer is where it was asked for (helper calls' reach depends on it). */
    qemu_log_mask(CPU_LOG_PAGE, "page: code buffer %p-%p, prologue %p-%p, asked for %p (text %p)\n",
                  buf, (void *)((uint8_t *)buf + size), buf, code_gen_after_prologue, hint,
                  (void *)&code_gen_buffer_hint);

    /* One TB per 128 bytes of code is generous: typical TBs take a few hundred bytes. */
    tbs_max = (int)(size / 128);
    tbs = calloc(tbs_max, sizeof(*tbs));
    if (!tbs)
        fatal_error("cannot allocate %d TB descriptors", tbs_max);
    nb_tbs = 0;

    tcg_x86_init();
}

/* ------------------------------------------------------------------ TB allocation */
TranslationBlock *tb_alloc(target_ulong pc)
{
    if (nb_tbs >= tbs_max || tcg_ctx->code_gen_ptr >= tcg_ctx->code_gen_highwater)
        return NULL;
    TranslationBlock *tb = &tbs[nb_tbs];
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->page_addr[0] = tb->page_addr[1] = (target_ulong)-1;
    tb->tb_jmp_offset[0] = tb->tb_jmp_offset[1] = 0xffff;
    tb->tb_next_offset[0] = tb->tb_next_offset[1] = 0xffff;
    tb->jmp_first = (TranslationBlock *)((uintptr_t)tb | 2);
    /* cpu_exit() may walk tbs[] from a signal handler: publish the TB only once it is clean. */
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    nb_tbs++;
    return tb;
}

/* Binary search: tbs[] is filled in code_gen_ptr order, so tc_ptr grows with the index. */
TranslationBlock *tb_find_pc(uintptr_t host_pc)
{
    if (nb_tbs == 0 || host_pc < (uintptr_t)tbs[0].tc_ptr ||
        host_pc >= (uintptr_t)tcg_ctx->code_gen_ptr)
        return NULL;
    int lo = 0, hi = nb_tbs - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if ((uintptr_t)tbs[mid].tc_ptr <= host_pc)
            lo = mid;
        else
            hi = mid - 1;
    }
    TranslationBlock *tb = &tbs[lo];
    if (host_pc >= (uintptr_t)tb->tc_ptr + tb->tc_size)
        return NULL;   /* restore data, alignment padding, or a TB still being generated */
    return tb;
}

/* ------------------------------------------------------------------ guest page descriptors */
typedef struct PageDesc {
    TranslationBlock *first_tb;   /* tagged: bit 0 = page index in the pointed-to TB */
    int flags;
} PageDesc;

#define L1_BITS 10
#define L2_BITS (32 - TARGET_PAGE_BITS - L1_BITS)
#define L1_SIZE (1u << L1_BITS)
#define L2_SIZE (1u << L2_BITS)
QEMU_BUILD_BUG_ON(L2_BITS != 10);

static PageDesc *l1_map[L1_SIZE];

static PageDesc *page_find(target_ulong addr, bool alloc)
{
    uint32_t index = addr >> TARGET_PAGE_BITS;
    PageDesc **l2 = &l1_map[index >> L2_BITS];
    if (!*l2) {
        if (!alloc)
            return NULL;
        *l2 = calloc(L2_SIZE, sizeof(PageDesc));
        if (!*l2)
            fatal_error("out of memory for guest page descriptors");
    }
    return &(*l2)[index & (L2_SIZE - 1)];
}

static inline TranslationBlock *tb_untag(TranslationBlock *p, int *n, int mask)
{
    *n = (int)((uintptr_t)p & mask);
    return (TranslationBlock *)((uintptr_t)p & ~(uintptr_t)mask);
}

static void tb_invalidate_page(target_ulong page);

/* Flags per page over [start, end). Mapping a page writable (or unmapping it) drops the TBs
 * translated from it: their code may be about to change. */
void page_set_flags(target_ulong start, target_ulong end, int flags)
{
    uint64_t addr = start & TARGET_PAGE_MASK;
    uint64_t stop = end ? (uint64_t)end : GUEST_ADDR_SPACE;   /* end 0 = up to 4 GiB */

    if (flags & PAGE_WRITE)
        flags |= PAGE_WRITE_ORG;
    for (; addr < stop; addr += TARGET_PAGE_SIZE) {
        PageDesc *p = page_find((target_ulong)addr, flags != 0);
        if (!p)
            continue;
        if (p->first_tb && ((flags & PAGE_WRITE) || !(flags & PAGE_VALID) || !(flags & PAGE_EXEC)))
            tb_invalidate_page((target_ulong)addr);
        p->flags = flags;
    }
}

int page_get_flags(target_ulong addr)
{
    PageDesc *p = page_find(addr, false);
    return p ? p->flags : 0;
}

int page_check_range(target_ulong start, target_ulong len, int flags)
{
    if (len == 0)
        return 0;
    uint64_t last = (uint64_t)start + len - 1;
    if (last >= GUEST_ADDR_SPACE)
        return -1;
    for (uint64_t addr = start & TARGET_PAGE_MASK; addr <= last; addr += TARGET_PAGE_SIZE) {
        int f = page_get_flags((target_ulong)addr);
        if (!(f & PAGE_VALID))
            return -1;
        /* A page write-protected for self-modifying-code detection is still guest-writable. */
        if ((flags & PAGE_WRITE) && (f & PAGE_WRITE_ORG))
            f |= PAGE_WRITE;
        if ((f & flags) != flags)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ SMC write protection */
/* With page_smc_protect on, linking a TB on a guest-writable page write-protects it: the page
 * keeps PAGE_WRITE_ORG and loses PAGE_WRITE ("SMC-protected"). The host protects whole host
 * pages, which may hold several 4 KiB guest pages (16 KiB on most LoongArch systems, or forced
 * with -host-page-size): a host page gets the union of its guest pages' access, minus write
 * while any of them is SMC-protected (page_sync_host_prot). A write fault only tells us the host
 * page, so page_unprotect drops the TBs of every SMC-protected guest page in it and restores
 * write access - simple and correct; the cost is retranslating code that shares a host page
 * with data the guest writes. */
static uint64_t host_page_bytes(void)
{
    /* host_page_size is 0 in unit tests, which do not run main(). */
    return host_page_size >= TARGET_PAGE_SIZE ? host_page_size : (uint64_t)getpagesize();
}

static bool page_is_smc_protected(int flags)
{
    return (flags & (PAGE_WRITE_ORG | PAGE_WRITE)) == PAGE_WRITE_ORG;
}

/* The host access the guest pages of the host page at host_start need. */
static int host_page_needed_prot(uint64_t host_start)
{
    int prot = 0;
    bool smc = false;
    for (uint64_t a = host_start; a < host_start + host_page_bytes(); a += TARGET_PAGE_SIZE) {
        PageDesc *q = page_find((target_ulong)a, false);
        if (!q)
            continue;
        prot |= ((q->flags & PAGE_READ) ? PROT_READ : 0) | ((q->flags & PAGE_WRITE) ? PROT_WRITE : 0);
        smc |= page_is_smc_protected(q->flags);
    }
    return smc ? prot & ~PROT_WRITE : prot;
}

/* One mprotect per run of host pages that need the same access. */
int page_sync_host_prot(uint64_t start, uint64_t end)
{
    uint64_t hp = host_page_bytes(), run = start & ~(hp - 1);
    int run_prot = -1, ret = 0;
    if (end > GUEST_ADDR_SPACE)
        end = GUEST_ADDR_SPACE;
    for (uint64_t h = run; ; h += hp) {
        int prot = h < end ? host_page_needed_prot(h) : -2;   /* -2: flush the last run */
        if (prot == run_prot)
            continue;
        if (run_prot >= 0 && mprotect(g2h((abi_ulong)run), h - run, run_prot) != 0)
            ret = -errno;
        if (h >= end)
            return ret;
        run = h;
        run_prot = prot;
    }
}

static void page_protect(target_ulong page)
{
    PageDesc *p = page_find(page, false);
    if (!page_smc_protect || !p || !(p->flags & PAGE_WRITE))
        return;
    p->flags &= ~PAGE_WRITE;
    __atomic_add_fetch(&protect_generation, 1, __ATOMIC_SEQ_CST);
    page_sync_host_prot(page, (uint64_t)page + TARGET_PAGE_SIZE);
}

/* The fault and this call are not atomic: between a thread's write fault and its handler
 * getting tb_lock, another thread may already have restored write access to the host page
 * (its own fault on the same host page, or an mprotect of a neighbouring guest page). Such a
 * fault is spurious: the guest page is writable now, so the write is simply retried - the
 * host page's access is synced again first, so a retry can never fault for the same reason. */
int page_unprotect(target_ulong addr, uintptr_t host_pc)
{
    PageDesc *p = page_find(addr & TARGET_PAGE_MASK, false);
    if (!p || !(p->flags & PAGE_WRITE_ORG))
        return 0;   /* the guest may not write here: a real fault */
    uint64_t hp = host_page_bytes(), host_start = addr & ~(hp - 1);
    bool any = false;
    for (uint64_t a = host_start; a < host_start + hp; a += TARGET_PAGE_SIZE) {
        PageDesc *q = page_find((target_ulong)a, false);
        if (q && page_is_smc_protected(q->flags)) {
            q->flags |= PAGE_WRITE;
            tb_invalidate_page((target_ulong)a);
            any = true;
        }
    }
    if (!any && !host_pc)
        return 0;   /* a caller about to write (syscall buffer): nothing was protected */
    page_sync_host_prot(host_start, host_start + hp);
    if (!any) {
        qemu_log_mask(CPU_LOG_PAGE, "SMC: spurious write fault at 0x%08x (host pc %p): already writable\n",
                      addr, (void *)host_pc);
        return 1;
    }
    qemu_log_mask(CPU_LOG_PAGE, "SMC: unprotect host page 0x%08llx for a write to 0x%08x (host pc %p)\n",
                  (unsigned long long)host_start, addr, (void *)host_pc);
    return 1;
}

/* ------------------------------------------------------------------ host kernel writes */
/* A syscall lets the host kernel write straight into guest memory: the syscall layer
 * unprotects the buffer's SMC-protected pages first (guest_write_prepare). Between that and
 * the kernel's write another thread may translate code on one of those host pages and
 * protect it again; the kernel then fails with EFAULT where Linux would have written. The
 * buffers are remembered per thread, and protect_generation counts page_protect calls: on
 * EFAULT, guest_write_raced() says whether a protection happened meanwhile (then it
 * unprotects the buffers again and the syscall is run once more; a failed copy leaves no
 * side effect in the calls that write guest buffers: the kernel returns EFAULT only when it
 * copied nothing). */
typedef struct GuestWriteRange { target_ulong start, len; } GuestWriteRange;
static __thread GuestWriteRange *write_ranges;
static __thread int nb_write_ranges, write_ranges_cap;
static __thread uint64_t write_generation;

static void unprotect_range(target_ulong start, target_ulong len)
{
    for (uint64_t a = start & TARGET_PAGE_MASK; a < (uint64_t)start + len; a += TARGET_PAGE_SIZE)
        page_unprotect((target_ulong)a, 0);
}

void guest_write_begin(void)
{
    nb_write_ranges = 0;
    write_generation = __atomic_load_n(&protect_generation, __ATOMIC_SEQ_CST);
}

void guest_write_prepare(target_ulong start, target_ulong len)
{
    if (!len)
        return;
    tb_lock();
    unprotect_range(start, len);
    tb_unlock();
    if (nb_write_ranges == write_ranges_cap) {
        int cap = write_ranges_cap ? 2 * write_ranges_cap : 8;
        GuestWriteRange *r = realloc(write_ranges, (size_t)cap * sizeof(*r));
        if (!r)
            return;         /* not remembered: an EFAULT from the race is not retried */
        write_ranges = r;
        write_ranges_cap = cap;
    }
    write_ranges[nb_write_ranges++] = (GuestWriteRange){ start, len };
}

bool guest_write_raced(void)
{
    uint64_t gen = __atomic_load_n(&protect_generation, __ATOMIC_SEQ_CST);
    if (!nb_write_ranges || gen == write_generation)
        return false;
    tb_lock();
    for (int i = 0; i < nb_write_ranges; i++)
        unprotect_range(write_ranges[i].start, write_ranges[i].len);
    tb_unlock();
    return true;
}

/* ------------------------------------------------------------------ hash of TBs by pc */
void tb_phys_hash_insert(TranslationBlock *tb)
{
    unsigned h = tb_phys_hash_func(tb->pc);
    tb->phys_hash_next = tb_phys_hash[h];
    tb_phys_hash[h] = tb;
}

void tb_phys_hash_remove(TranslationBlock *tb)
{
    TranslationBlock **pp = &tb_phys_hash[tb_phys_hash_func(tb->pc)];
    for (; *pp; pp = &(*pp)->phys_hash_next) {
        if (*pp == tb) {
            *pp = tb->phys_hash_next;
            tb->phys_hash_next = NULL;
            return;
        }
    }
}

TranslationBlock *tb_phys_hash_lookup(target_ulong pc, target_ulong cs_base, uint32_t flags,
                                      uint32_t cflags)
{
    for (TranslationBlock *tb = tb_phys_hash[tb_phys_hash_func(pc)]; tb; tb = tb->phys_hash_next)
        if (tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags && tb->cflags == cflags)
            return tb;
    return NULL;
}

/* ------------------------------------------------------------------ page lists */
void tb_link_page(TranslationBlock *tb, target_ulong phys_pc, target_ulong phys_page2)
{
    target_ulong pages[2] = { phys_pc & TARGET_PAGE_MASK, phys_page2 };
    for (int n = 0; n < 2; n++) {
        tb->page_addr[n] = pages[n];
        if (pages[n] == (target_ulong)-1)
            continue;
        PageDesc *p = page_find(pages[n], true);
        bool first = p->first_tb == NULL;
        tb->page_next[n] = p->first_tb;
        p->first_tb = (TranslationBlock *)((uintptr_t)tb | n);
        if (first)
            page_protect(pages[n]);
    }
    tb_phys_hash_insert(tb);
}

static void tb_page_remove(TranslationBlock *tb, int n)
{
    PageDesc *p = page_find(tb->page_addr[n], false);
    if (!p)
        return;
    TranslationBlock **pp = &p->first_tb;
    while (*pp) {
        int n1;
        TranslationBlock *t = tb_untag(*pp, &n1, 1);
        if (t == tb && n1 == n) {
            *pp = tb->page_next[n];
            return;
        }
        pp = &t->page_next[n1];
    }
}

/* ------------------------------------------------------------------ chaining */
static void tb_set_jump_target(TranslationBlock *tb, int n, uintptr_t addr)
{
    if (tb->tb_jmp_offset[n] != 0xffff)
        tb_target_set_jmp_target((uintptr_t)tb->tc_ptr + tb->tb_jmp_offset[n], addr);
    else
        tb->tb_next[n] = addr;
}

/* Remove (tb, n) from the jump list of the TB that slot n is chained to. */
static void tb_jmp_list_remove(TranslationBlock *tb, int n)
{
    TranslationBlock *dest = tb->jmp_dest[n];
    TranslationBlock **pp = &dest->jmp_first;
    for (;;) {
        int n1;
        TranslationBlock *t = tb_untag(*pp, &n1, 3);
        if (n1 == 2)
            tcg_abort_msg(__FILE__, __LINE__, "chained TB missing from its target's jump list");
        if (t == tb && n1 == n) {
            *pp = tb->jmp_next[n];
            tb->jmp_next[n] = NULL;
            return;
        }
        pp = &t->jmp_next[n1];
    }
}

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next)
{
    if (tb->jmp_dest[n] == tb_next)
        return;
    if ((tb->cflags | tb_next->cflags) & CF_INVALID)
        return;
    if (tb->tb_next_offset[n] == 0xffff)
        return;   /* no goto_tb n in this TB: nothing to patch */
    if (tb->jmp_dest[n])
        tb_jmp_list_remove(tb, n);

    qemu_log_mask(CPU_LOG_CHAIN, "Linking TBs %p [%08x] index %d -> %p [%08x]\n",
                  (void *)tb->tc_ptr, tb->pc, n, (void *)tb_next->tc_ptr, tb_next->pc);
    tb_set_jump_target(tb, n, (uintptr_t)tb_next->tc_ptr);
    tb->jmp_next[n] = tb_next->jmp_first;
    tb_next->jmp_first = (TranslationBlock *)((uintptr_t)tb | n);
    tb->jmp_dest[n] = tb_next;
}

void tb_reset_jump(TranslationBlock *tb, int n)
{
    if (tb->tb_next_offset[n] == 0xffff)
        return;
    if (tb->jmp_dest[n]) {
        qemu_log_mask(CPU_LOG_CHAIN, "Unlinking TB %p [%08x] index %d\n",
                      (void *)tb->tc_ptr, tb->pc, n);
        tb_jmp_list_remove(tb, n);
        tb->jmp_dest[n] = NULL;
    }
    tb_set_jump_target(tb, n, (uintptr_t)tb->tc_ptr + tb->tb_next_offset[n]);
}

/* ------------------------------------------------------------------ exit requests */
/* A guest loop made of chained TBs never returns to cpu_exec, so a signal handler that wants
 * the CPU back must also break the chains. cpu_exit() runs in signal context: it only
 * re-points every chainable jump at its TB's own exit path (one atomic store each) and leaves
 * the jump lists alone; cpu_exec then calls tb_unchain_all() to make the lists agree (and to
 * redo the patching, in case the signal interrupted a tb_add_jump). */
volatile int tb_unchain_pending;   /* sig_atomic_t is int on Linux */

static void tb_unpatch_all(void)
{
    for (int i = 0; i < nb_tbs; i++) {
        TranslationBlock *tb = &tbs[i];
        if (!tb->tc_size)
            continue;   /* still being generated: no chain yet */
        for (int n = 0; n < 2; n++)
            if (tb->tb_next_offset[n] != 0xffff)
                tb_set_jump_target(tb, n, (uintptr_t)tb->tc_ptr + tb->tb_next_offset[n]);
    }
}

void cpu_exit(CPUX86State *env)
{
    env->exit_request = 1;
    /* Pending first: a tb_add_jump racing with the unpatching below sees it and redoes it
     * (cpu_exec_loop), so no chain made by another thread survives the request. */
    tb_unchain_pending = 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    tb_unpatch_all();
}

/* Every registered CPU (guest thread) back to cpu_exec: used before tb_flush. Caller holds
 * tb_lock (the CPU list does not change under it). */
void cpu_exit_all(void)
{
    for (int i = 0; i < nb_cpus; i++)
        cpu_list[i]->exit_request = 1;
    cpu_exit(cpu_list[0]);
}

void tb_unchain_all(void)
{
    tb_unchain_pending = 0;
    tb_unpatch_all();
    for (int i = 0; i < nb_tbs; i++) {
        TranslationBlock *tb = &tbs[i];
        tb->jmp_first = (TranslationBlock *)((uintptr_t)tb | 2);
        tb->jmp_next[0] = tb->jmp_next[1] = NULL;
        tb->jmp_dest[0] = tb->jmp_dest[1] = NULL;
    }
    qemu_log_mask(CPU_LOG_CHAIN, "Unlinking all %d TBs (exit request)\n", nb_tbs);
}

/* ------------------------------------------------------------------ invalidation */
/* Drop tb for good: out of the hash, the page lists (except the list of page page_addr, which
 * the caller is unlinking it from itself; -1 = all lists), every jump cache and every chain.
 * Its code stays in the buffer until tb_flush, so a CPU still inside it finishes safely. */
void tb_phys_invalidate(TranslationBlock *tb, target_ulong page_addr)
{
    if (tb->cflags & CF_INVALID)
        return;
    tb->cflags |= CF_INVALID;   /* cpu-exec and tb_add_jump never chain from/to it again */
    profile_count(PROFILE_TBS_INVALIDATED);
    tb_phys_hash_remove(tb);

    for (int n = 0; n < 2; n++)
        if (tb->page_addr[n] != (target_ulong)-1 && tb->page_addr[n] != page_addr)
            tb_page_remove(tb, n);

    unsigned h = tb_jmp_cache_hash_func(tb->pc);
    for (int i = 0; i < nb_cpus; i++)
        if (cpu_list[i]->tb_jmp_cache[h] == tb)
            cpu_list[i]->tb_jmp_cache[h] = NULL;

    /* Outgoing: leave the jump lists of the TBs we jump to. */
    for (int n = 0; n < 2; n++)
        tb_reset_jump(tb, n);

    /* Incoming: every TB chained to us goes back to its own exit path. */
    TranslationBlock *p = tb->jmp_first;
    tb->jmp_first = (TranslationBlock *)((uintptr_t)tb | 2);
    for (;;) {
        int n;
        TranslationBlock *t = tb_untag(p, &n, 3);
        if (n == 2)
            break;
        p = t->jmp_next[n];
        t->jmp_next[n] = NULL;
        t->jmp_dest[n] = NULL;
        qemu_log_mask(CPU_LOG_CHAIN, "Unlinking TB %p [%08x] index %d (target invalidated)\n",
                      (void *)t->tc_ptr, t->pc, n);
        tb_set_jump_target(t, n, (uintptr_t)t->tc_ptr + t->tb_next_offset[n]);
    }
}

/* Drop every TB on the page (the page list is emptied wholesale). */
static void tb_invalidate_page(target_ulong page)
{
    tb_invalidate_phys_page_range(page, page + TARGET_PAGE_SIZE);
}

void tb_invalidate_phys_page_range(target_ulong start, target_ulong end)
{
    uint64_t stop = end ? (uint64_t)end : GUEST_ADDR_SPACE;
    for (uint64_t page = start & TARGET_PAGE_MASK; page < stop; page += TARGET_PAGE_SIZE) {
        PageDesc *p = page_find((target_ulong)page, false);
        if (!p || !p->first_tb)
            continue;
        /* Walk the list, unlinking the TBs that overlap [start, stop); keep the others. */
        TranslationBlock **pp = &p->first_tb;
        while (*pp) {
            int n;
            TranslationBlock *tb = tb_untag(*pp, &n, 1);
            uint64_t tb_start = tb->pc, tb_end = (uint64_t)tb->pc + (tb->size ? tb->size : 1);
            if (tb_end > start && tb_start < stop) {
                *pp = tb->page_next[n];                 /* off this page's list ... */
                tb_phys_invalidate(tb, (target_ulong)page); /* ... and everything else */
            } else {
                pp = &tb->page_next[n];
            }
        }
    }
}

/* ------------------------------------------------------------------ flush */
void tb_flush(CPUX86State *env)
{
    qemu_log_mask(CPU_LOG_CHAIN | CPU_LOG_EXEC, "tb_flush: %d TBs, %zu code bytes\n", nb_tbs,
                  (size_t)((uint8_t *)tcg_ctx->code_gen_ptr - (uint8_t *)code_gen_after_prologue));
    profile_count(PROFILE_FLUSHES);
    profile_add(PROFILE_TBS_FLUSHED, (uint64_t)nb_tbs);
    nb_tbs = 0;
    memset(tb_phys_hash, 0, sizeof(tb_phys_hash));
    for (int i = 0; i < nb_cpus; i++)
        memset(cpu_list[i]->tb_jmp_cache, 0, sizeof(cpu_list[i]->tb_jmp_cache));
    if (env)
        memset(env->tb_jmp_cache, 0, sizeof(env->tb_jmp_cache));
    for (unsigned i = 0; i < L1_SIZE; i++) {
        if (!l1_map[i])
            continue;
        for (unsigned j = 0; j < L2_SIZE; j++)
            l1_map[i][j].first_tb = NULL;
    }
    tcg_ctx->code_gen_ptr = code_gen_after_prologue;
    tb_flush_count++;
}
