/*
 * cpu-exec.c - the main execution loop: find (or translate) the TB for the guest pc, chain the
 * previous TB to it when possible, run it, repeat; leave on an exception (cpu_loop_exit's
 * siglongjmp) or an exit request, returning the EXCP* number to cpu_loop (linux-user/main.c).
 */
#include <pthread.h>
#include "loongbt-common.h"
#include "log.h"
#include "exec-all.h"
#include "tcg.h"
#include "qemu.h"
#include "helper-proto.h"
#include "profile.h"
#include "pmu.h"

bool tb_chain_enabled = CONFIG_TB_CHAIN;

/* main.c owns thread_cpu (one per guest thread); this weak definition only lets unit tests
 * link without main.o. */
__attribute__((weak)) __thread CPUX86State *thread_cpu;

/* ------------------------------------------------------------------ locking */
/* One lock for the TB tables, the page descriptors and the translator; guest threads share
 * all of them. It nests (a syscall holding it may fault on a write-protected code page and
 * take it again in the SIGSEGV handler). A longjmp out of translation (guest code fetch fault)
 * may leave it held: cpu_exec releases it when it lands. */
static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread int tb_lock_depth;

void tb_lock(void)
{
    if (tb_lock_depth++ == 0)
        pthread_mutex_lock(&tb_mutex);
}

void tb_unlock(void)
{
    if (--tb_lock_depth == 0)
        pthread_mutex_unlock(&tb_mutex);
}

static void tb_lock_reset(void)
{
    if (tb_lock_depth > 0) {
        tb_lock_depth = 0;
        pthread_mutex_unlock(&tb_mutex);
    }
}

/* ------------------------------------------------------------------ stopping the world */
/* tb_flush reuses the code buffer, so no thread may be inside translated code (or hold a TB
 * pointer from a lookup) while it runs. Each CPU counts itself in cpus_in_code from its TB
 * lookup until the TB returns; a thread that needs a flush raises flush_pending, kicks every
 * CPU out (cpu_exit), waits until the count drops to zero and flushes. CPUs that see
 * flush_pending wait before entering again. The waiting is done without tb_lock, so threads
 * stuck on tb_lock inside translated code (SMC faults) get out too. */
static int cpus_in_code;
static int flush_pending;
static pthread_mutex_t flush_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t flush_cond = PTHREAD_COND_INITIALIZER;
static __thread bool in_code;

static void code_enter(void)
{
    for (;;) {
        __atomic_add_fetch(&cpus_in_code, 1, __ATOMIC_SEQ_CST);
        in_code = true;
        if (likely(!__atomic_load_n(&flush_pending, __ATOMIC_SEQ_CST)))
            return;
        code_leave();
        pthread_mutex_lock(&flush_mutex);
        while (__atomic_load_n(&flush_pending, __ATOMIC_SEQ_CST))
            pthread_cond_wait(&flush_cond, &flush_mutex);
        pthread_mutex_unlock(&flush_mutex);
    }
}

void code_leave(void)
{
    if (!in_code)
        return;
    in_code = false;
    __atomic_sub_fetch(&cpus_in_code, 1, __ATOMIC_SEQ_CST);
    if (unlikely(__atomic_load_n(&flush_pending, __ATOMIC_SEQ_CST))) {
        pthread_mutex_lock(&flush_mutex);
        pthread_cond_broadcast(&flush_cond);
        pthread_mutex_unlock(&flush_mutex);
    }
}

/* Called by the translator with tb_lock held (once) when the code buffer is full. */
void tb_flush_safe(CPUX86State *env)
{
    if (cpu_count() <= 1) {              /* no other thread: nobody else is in the buffer */
        tb_flush(env);
        return;
    }
    bool was_in_code = in_code;
    int depth = tb_lock_depth;
    bool leader = !__atomic_exchange_n(&flush_pending, 1, __ATOMIC_SEQ_CST);
    if (leader)
        cpu_exit_all();
    code_leave();
    for (int i = 0; i < depth; i++)
        tb_unlock();

    pthread_mutex_lock(&flush_mutex);
    if (leader) {
        while (__atomic_load_n(&cpus_in_code, __ATOMIC_SEQ_CST) > 0)
            pthread_cond_wait(&flush_cond, &flush_mutex);
        tb_lock();
        tb_flush(env);
        tb_unlock();
        __atomic_store_n(&flush_pending, 0, __ATOMIC_SEQ_CST);
        pthread_cond_broadcast(&flush_cond);
    } else {
        while (__atomic_load_n(&flush_pending, __ATOMIC_SEQ_CST))
            pthread_cond_wait(&flush_cond, &flush_mutex);
    }
    pthread_mutex_unlock(&flush_mutex);

    if (was_in_code)
        code_enter();
    for (int i = 0; i < depth; i++)
        tb_lock();
    /* Someone else's flush may have refilled part of the buffer meanwhile: the caller
     * retries its allocation and comes back here if it is still full. */
}

/* ------------------------------------------------------------------ guest atomics */
/* Translated code does a locked read-modify-write as separate loads and stores; with guest
 * threads on several host CPUs, helper_guest_atomic_begin/end (around every lock-prefixed
 * instruction and xchg with memory) serialise them under one lock. A fault inside such an
 * instruction leaves through cpu_loop_exit: cpu_exec releases the lock when it lands. */
static pthread_mutex_t guest_atomic_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread bool guest_atomic_held;

void helper_guest_atomic_begin(void)
{
    if (cpu_count() > 1) {
        pthread_mutex_lock(&guest_atomic_mutex);
        guest_atomic_held = true;
    }
}

void helper_guest_atomic_end(void)
{
    if (guest_atomic_held) {
        guest_atomic_held = false;
        pthread_mutex_unlock(&guest_atomic_mutex);
    }
}

/* In the child of a fork (called with tb_lock held): the other guest threads did not come
 * along, so neither did their places in the CPU list, the in-code count or held locks. */
void cpu_fork_child_reset(CPUX86State *env)
{
    pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t fresh_cond = PTHREAD_COND_INITIALIZER;
    cpu_unregister_all_but(env);
    cpus_in_code = in_code ? 1 : 0;
    flush_pending = 0;
    flush_mutex = fresh;
    flush_cond = fresh_cond;
    guest_atomic_mutex = fresh;
    guest_atomic_held = false;
}

/* ------------------------------------------------------------------ TB lookup */
static inline uint32_t cpu_tb_cflags(CPUX86State *env)
{
    return env->singlestep ? 1 : 0;
}

/* Hash lookup, translating on a miss. Called with tb_lock held.
 * PHASE-2 HOOK: a per-TB lookup cache / software CAM fill goes here. */
TranslationBlock *tb_find_slow(CPUX86State *env, target_ulong pc, target_ulong cs_base,
                               uint32_t flags, uint32_t cflags)
{
    TranslationBlock *tb = tb_phys_hash_lookup(pc, cs_base, flags, cflags);
    if (tb) {
        profile_main_loop_lookup(PROFILE_LOOKUP_PHYS_HASH);
    } else {
        profile_main_loop_lookup(PROFILE_LOOKUP_TRANSLATE);
        tb = tb_gen_code(env, pc, cs_base, flags, cflags);
    }
    env->tb_jmp_cache[tb_jmp_cache_hash_func(pc)] = tb;
    return tb;
}

/* Per-CPU direct-mapped cache by pc, then the slow path.
 * PHASE-2 HOOK: the hardware CAM lookup (hwassist_has(HWASSIST_CAM)) goes before this probe. */
TranslationBlock *tb_find_fast(CPUX86State *env)
{
    target_ulong cs_base = env->segs[R_CS].base;
    target_ulong pc = cs_base + env->eip;
    uint32_t flags = env->hflags;
    uint32_t cflags = cpu_tb_cflags(env);
    TranslationBlock *tb = env->tb_jmp_cache[tb_jmp_cache_hash_func(pc)];
    if (unlikely(!tb || tb->pc != pc || tb->cs_base != cs_base || tb->flags != flags ||
                 tb->cflags != cflags))
        tb = tb_find_slow(env, pc, cs_base, flags, cflags);
    else
        profile_main_loop_lookup(PROFILE_LOOKUP_JUMP_CACHE);
    return tb;
}

/* ------------------------------------------------------------------ main loop */
static bool tb_chainable(const TranslationBlock *tb)
{
    return !(tb->cflags & CF_INVALID) && (tb->cflags & CF_COUNT_MASK) != 1;
}

/* Profile build: what a return from translated code was (exit value = TB | slot, or 0). A 0
 * after an indirect jump is counted by the lookup that follows (profile_indirect_pending). */
static void profile_tb_return(uintptr_t exit)
{
    profile_count(PROFILE_TB_RETURNS);
    if (exit)
        profile_count(PROFILE_TB_RETURNS_VALUE);
    if (exit & ~(uintptr_t)TB_EXIT_MASK) {
        if ((exit & TB_EXIT_MASK) <= TB_EXIT_IDX1)
            profile_count(PROFILE_DIRECT_VIA_LOOP);
        else
            profile_count(PROFILE_OTHER_VIA_LOOP);
    } else if (!profile_indirect_pending) {
        profile_count(PROFILE_OTHER_VIA_LOOP);
    }
}

/* Profile build: a helper or a host signal handler left the TB through cpu_loop_exit. */
static void profile_loop_exit(int excp)
{
    profile_indirect_pending = false;
    if (excp == EXCP_SYSCALL)
        profile_count(PROFILE_SYSCALLS);
    else if (excp >= 0 && excp != EXCP_INTERRUPT)   /* cpu_loop turns it into a guest signal */
        profile_count(PROFILE_EXCEPTIONS);
    else
        profile_count(PROFILE_HELPER_EXITS);
}

static void log_before_tb(CPUX86State *env, TranslationBlock *tb)
{
    if (qemu_loglevel_mask(CPU_LOG_CPU))
        cpu_dump_state(env, qemu_logfile ? qemu_logfile : stderr);
    qemu_log_mask(CPU_LOG_EXEC, "Trace 0x%08lx [%08x]\n", (unsigned long)tb->tc_ptr, tb->pc);
}

/* Separate from cpu_exec so no local lives across sigsetjmp (-Wclobbered). */
static __attribute__((noinline)) int cpu_exec_loop(CPUX86State *env)
{
    uintptr_t last_exit = 0;         /* previous tcg_qemu_tb_exec result: TB | slot */
    uint64_t last_flush_count = tb_flush_count;

    for (;;) {
        if (unlikely(tb_unchain_pending)) {
            tb_lock();
            tb_unchain_all();
            tb_unlock();
            last_exit = 0;
        }
        if (unlikely(env->exit_request)) {
            env->exit_request = 0;
            env->exception_index = EXCP_INTERRUPT;
            if (CONFIG_PROFILE)
                profile_count(PROFILE_EXIT_REQUESTS);
            return EXCP_INTERRUPT;
        }

        code_enter();
        tb_lock();
        TranslationBlock *tb = tb_find_fast(env);
        if (tb_flush_count != last_flush_count)
            last_exit = 0;   /* the previous TB's descriptor may now be another TB */
        TranslationBlock *prev = (TranslationBlock *)(last_exit & ~(uintptr_t)TB_EXIT_MASK);
        unsigned slot = last_exit & TB_EXIT_MASK;
        if (tb_chain_enabled && prev && slot <= TB_EXIT_IDX1 && !env->singlestep &&
            tb_chainable(prev) && tb_chainable(tb)) {
            tb_add_jump(prev, (int)slot, tb);
            /* Another thread's cpu_exit may have unpatched every jump just before ours
             * landed: redo its work so the CPU it wants back is not caught in our chain. */
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            if (unlikely(tb_unchain_pending))
                tb_unchain_all();
        }
        tb_unlock();
        /* A cpu_exit() before this point may have been undone by the tb_add_jump above (the
         * new TB may even jump to itself): leave now rather than run a chained loop. */
        if (unlikely(env->exit_request)) {
            code_leave();
            continue;
        }

        if (unlikely(qemu_loglevel & (CPU_LOG_CPU | CPU_LOG_EXEC)))
            log_before_tb(env, tb);

        last_flush_count = tb_flush_count;
        pmu_enter(PMU_CODE);              /* -perf: phase changes (a no-op without it) */
        last_exit = tcg_qemu_tb_exec(env, tb->tc_ptr);
        pmu_enter(PMU_LOOP);
        if (CONFIG_PROFILE)
            profile_tb_return(last_exit);
        code_leave();
    }
}

int cpu_exec(CPUX86State *env)
{
    thread_cpu = env;
    tb_lock();
    cpu_register(env);
    tb_unlock();
    env->exception_index = -1;

    if (sigsetjmp(env->jmp_env, 0) != 0) {
        /* Back from cpu_loop_exit: a helper or a signal handler ended the TB. Signals blocked
         * by the handler are re-enabled by the signal code, not here. */
        tb_lock_reset();
        helper_guest_atomic_end();
        code_leave();
        if (CONFIG_PROFILE)
            profile_loop_exit(env->exception_index);
        return env->exception_index;
    }
    return cpu_exec_loop(env);
}

void cpu_loop_exit(CPUX86State *env)
{
    siglongjmp(env->jmp_env, 1);
}
