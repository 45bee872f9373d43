/*
 * exec-all.h - translated blocks (TranslationBlock) and the code-cache API shared by exec.c
 * (TB and page management), translate-all.c (the two-stage translation, restoring guest state
 * from a host pc) and cpu-exec.c (the main loop).
 *
 * Bookkeeping follows the classic design: a static `tbs` array filled by tb_alloc(), a hash of
 * TBs by guest pc (tb_phys_hash; in user mode guest virtual = "physical"), a per-CPU jump cache
 * (env->tb_jmp_cache), per-guest-page TB lists (for invalidation on code writes), and jump
 * lists recording which TBs chain into a TB so the chains can be undone.
 */
#ifndef EXEC_ALL_H
#define EXEC_ALL_H

#include "loongbt-common.h"
#include "cpu.h"

#define CODE_GEN_BUFFER_DEFAULT_SIZE (32u * 1024 * 1024)
#define CODE_GEN_MAX_TB_SIZE (64 * 1024)    /* host bytes kept free for one TB */
#define CODE_GEN_PHYS_HASH_BITS 15
#define CODE_GEN_PHYS_HASH_SIZE (1 << CODE_GEN_PHYS_HASH_BITS)

/* cflags */
#define CF_COUNT_MASK  0x01ff    /* max guest insns in the TB (0 = TCG_MAX_INSNS) */
#define CF_INVALID     0x10000   /* set by tb_phys_invalidate: never chained from/to again */

typedef struct TranslationBlock {
    target_ulong pc;            /* guest eip of the first instruction */
    target_ulong cs_base;       /* always 0 in flat user mode */
    uint32_t flags;             /* env->hflags the code was translated for */
    uint32_t cflags;
    uint16_t size;              /* guest bytes covered */
    uint16_t icount;            /* guest instructions */
    uint8_t *tc_ptr;            /* host code */
    uint32_t tc_size;           /* host code bytes */
    uint8_t *tc_search;         /* encoded restore data (insn ends and pc/cc_op), after the code */

    struct TranslationBlock *phys_hash_next;   /* tb_phys_hash chain */

    /* The guest pages holding this TB's code (page_addr[1] = -1 if it fits in one page) and the
     * links of the per-page lists; the low bit of a page_next pointer says which page index of
     * the next TB the link belongs to. */
    target_ulong page_addr[2];
    struct TranslationBlock *page_next[2];

    /* Chaining. tb_next_offset[n]: host offset of the code after goto_tb n (where an unchained
     * jump goes). tb_jmp_offset[n]: offset of the patchable direct jump (0xffff if the indirect
     * method is used). tb_next[n]: the indirect method's jump target. */
    uint16_t tb_next_offset[2];
    uint16_t tb_jmp_offset[2];
    uintptr_t tb_next[2];

    /* Jump lists: jmp_first heads the circular list of TBs jumping into this one; each member
     * links through jmp_next[n], with n in the low 2 bits of the pointer; the list ends at
     * (this TB | 2). jmp_dest[n] is the TB that slot n is chained to (NULL when unchained). */
    struct TranslationBlock *jmp_next[2];
    struct TranslationBlock *jmp_first;
    struct TranslationBlock *jmp_dest[2];

    uint64_t exec_count;        /* phase 2: per-TB execution counters */
} TranslationBlock;

/* Values returned by tcg_qemu_tb_exec: the TB that exited, with the exit slot in the low bits. */
#define TB_EXIT_MASK 3
#define TB_EXIT_IDX0 0
#define TB_EXIT_IDX1 1
#define TB_EXIT_NOCHAIN 2

/* ---- exec.c: code cache, TBs and guest pages ---- */
extern uint8_t *code_gen_buffer;
extern TranslationBlock *tbs;
extern int nb_tbs;
extern TranslationBlock *tb_phys_hash[CODE_GEN_PHYS_HASH_SIZE];
extern uint64_t tb_flush_count;

void tcg_exec_init(size_t code_gen_buffer_size);   /* code buffer, tbs, prologue */
TranslationBlock *tb_alloc(target_ulong pc);       /* NULL when tbs or the buffer is full */
void tb_flush(CPUX86State *env);                   /* drop every TB; the program keeps running */
void tb_link_page(TranslationBlock *tb, target_ulong phys_pc, target_ulong phys_page2);
void tb_phys_invalidate(TranslationBlock *tb, target_ulong page_addr);
/* Invalidate all TBs overlapping guest range [start, end). */
void tb_invalidate_phys_page_range(target_ulong start, target_ulong end);
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next);
void tb_reset_jump(TranslationBlock *tb, int n);
TranslationBlock *tb_find_pc(uintptr_t host_pc);   /* TB whose code contains host_pc */
static inline unsigned tb_phys_hash_func(target_ulong pc)
{
    return (pc ^ (pc >> CODE_GEN_PHYS_HASH_BITS)) & (CODE_GEN_PHYS_HASH_SIZE - 1);
}
static inline unsigned tb_jmp_cache_hash_func(target_ulong pc)
{
    return (pc ^ (pc >> TB_JMP_CACHE_BITS)) & (TB_JMP_CACHE_SIZE - 1);
}

/* Guest page flags (user mode): the guest's view of its address space. */
#define PAGE_READ   0x01
#define PAGE_WRITE  0x02
#define PAGE_EXEC   0x04
#define PAGE_VALID  0x08
#define PAGE_WRITE_ORG 0x10      /* guest asked for write; cleared PAGE_WRITE = protected for SMC */
void page_set_flags(target_ulong start, target_ulong end, int flags);  /* [start, end) */
int page_get_flags(target_ulong addr);
/* 0 if every page of [start, start+len) has all of flags, else -1. */
int page_check_range(target_ulong start, target_ulong len, int flags);
/* CPUs whose jump caches tb_flush/tb_phys_invalidate clear; cpu_exec registers its env. */
void cpu_register(CPUX86State *env);
void cpu_unregister(CPUX86State *env);
void tb_phys_hash_insert(TranslationBlock *tb);    /* done by tb_link_page */
void tb_phys_hash_remove(TranslationBlock *tb);    /* done by tb_phys_invalidate */
TranslationBlock *tb_phys_hash_lookup(target_ulong pc, target_ulong cs_base, uint32_t flags,
                                      uint32_t cflags);
/* Self-modifying code: when page_smc_protect is true (the default), tb_link_page
 * write-protects the host page of guest-writable code; the SIGSEGV handler must call
 * page_unprotect(guest addr, host pc of the write), which returns 1 if the fault was such a
 * protection (the page's TBs are dropped, write access restored: retry the access), else 0.
 * A fault that another thread resolved first is spurious and also returns 1 (retry).
 * A kernel write into such a page (read(2) into it) fails with EFAULT instead of faulting:
 * syscalls writing guest buffers go through guest_write_prepare below. */
extern bool page_smc_protect;
int page_unprotect(target_ulong addr, uintptr_t host_pc);
/* Host kernel writes into guest buffers during a syscall (exec.c): guest_write_begin at the
 * start of each syscall, guest_write_prepare(buffer) before the kernel writes it (unprotects
 * its SMC-protected pages; takes tb_lock), and on -EFAULT guest_write_raced(): true when
 * another thread protected pages meanwhile (the buffers are unprotected again: retry). */
void guest_write_begin(void);
void guest_write_prepare(target_ulong start, target_ulong len);
bool guest_write_raced(void);
/* Give the host pages overlapping guest [start, end) the access their 4 KiB guest pages need:
 * the union of the guest's read/write, minus write while one of them is SMC-protected (host
 * pages may hold several guest pages). Returns 0 or -errno. Used by linux-user/mmap.c. */
int page_sync_host_prot(uint64_t start, uint64_t end);

/* Async-signal-safe: set env->exit_request and break every TB chain so a guest loop of
 * chained TBs returns to cpu_exec. Use this (not a bare exit_request = 1) in host signal
 * handlers. cpu_exec then calls tb_unchain_all() (not signal-safe) to fix the jump lists. */
void cpu_exit(CPUX86State *env);
extern volatile int tb_unchain_pending;
void tb_unchain_all(void);
/* Guest threads (linux-user): the number of registered CPUs, and cpu_exit on all of them
 * (caller holds tb_lock). */
int cpu_count(void);
void cpu_exit_all(void);
void cpu_unregister_all_but(CPUX86State *env);     /* fork child: only env survives */

/* ---- translate-all.c: two-stage translation and state restore ---- */
TranslationBlock *tb_gen_code(CPUX86State *env, target_ulong pc, target_ulong cs_base,
                              uint32_t flags, uint32_t cflags);
/* If host_pc is inside translated code, set env->eip and env->cc_op for the guest instruction
 * that was executing; returns false if host_pc is not in the code cache. */
bool cpu_restore_state(CPUX86State *env, uintptr_t host_pc);
/* Front end (target-i386/translate.c). */
void gen_intermediate_code(CPUX86State *env, TranslationBlock *tb);
void restore_state_to_opc(CPUX86State *env, TranslationBlock *tb, const uint32_t *data);
void tcg_x86_init(void);      /* create the TCG globals for the guest state */
/* Print guest code at pc for -d in_asm (capstone when CONFIG_CAPSTONE). */
void target_disas(FILE *f, target_ulong pc, size_t size);
/* tb_gen_code with another IR generator than gen_intermediate_code (unit tests). */
typedef void (*tb_gen_fn)(CPUX86State *env, TranslationBlock *tb);
TranslationBlock *tb_gen_code_with(CPUX86State *env, target_ulong pc, target_ulong cs_base,
                                   uint32_t flags, uint32_t cflags, tb_gen_fn gen);
/* Chaining method for new TBs: true = patched direct jump (tcg_ctx->tb_jmp_offset set),
 * false = indirect through tb_next[]. Initialised from CONFIG_GOTOTB_DIRECT. */
extern bool tb_jmp_direct;
/* Set by tb_gen_code when it had to tb_flush (every older TB pointer is dangling). */
extern bool tb_gen_flushed;

/* ---- cpu-exec.c: main loop ---- */
int cpu_exec(CPUX86State *env);                    /* runs until an exception; returns its EXCP* */
extern bool tb_chain_enabled;                      /* CONFIG_TB_CHAIN, overridable by tests */
/* Lookups (phase 2 hooks go here): tb_find_fast checks env->tb_jmp_cache for env's current
 * pc/cs_base/hflags and falls back to tb_find_slow, which walks tb_phys_hash and translates on
 * a miss; both fill the jump cache. */
TranslationBlock *tb_find_fast(CPUX86State *env);
TranslationBlock *tb_find_slow(CPUX86State *env, target_ulong pc, target_ulong cs_base,
                               uint32_t flags, uint32_t cflags);
/* Lock around the TB tables, page descriptors and translator (shared by guest threads; nests). */
void tb_lock(void);
void tb_unlock(void);
/* Reset the thread bookkeeping in a fork child (tb_lock held). */
void cpu_fork_child_reset(CPUX86State *env);
/* tb_flush for the translator (called with tb_lock held): with other guest
 * threads it stops them outside translated code first (see cpu-exec.c); the caller then
 * retries its allocation. */
void tb_flush_safe(CPUX86State *env);
/* This thread no longer runs translated code (thread exit, longjmp landing). */
void code_leave(void);

#endif
