/*
 * test-tb.c - cmocka tests of TB management (exec.c), the translation driver (translate-all.c)
 * and the main loop (cpu-exec.c): hash and jump-cache lookups, chaining by both the direct
 * (patched jump) and indirect (tb_next[]) methods checked by executing the code, unchaining on
 * invalidation, tb_flush, guest page flags and state restore.
 *
 * No guest memory is mapped, so TBs are built by hand: tb_gen_code_with() runs the real
 * translation driver with one of the small IR generators below instead of the i386 front end.
 */
#include <stdarg.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/time.h>
#include <stddef.h>
#include <cmocka.h>

#include "loongbt-common.h"
#include "exec-all.h"
#include "tcg.h"
#include "tcg-op.h"

/* Globals main.c (not linked into unit tests) owns; weak so a real definition wins. */
__attribute__((weak)) int do_strace;
__attribute__((weak)) const char *interp_prefix;
__attribute__((weak)) volatile int guest_code_running;

static CPUX86State test_env;
static CPUX86State *env = &test_env;
static bool exec_initialised;

#define TEST_BUFFER_SIZE (1024 * 1024)

/* ------------------------------------------------------------------ TB builders */
/* Store a constant into a 32-bit env field. */
static void gen_store_env(size_t offset, uint32_t value)
{
    TCGv_i32 t = tcg_const_i32((int32_t)value);
    tcg_gen_st_i32(t, cpu_env, (intptr_t)offset);
    tcg_temp_free_i32(t);
}

static target_ulong next_eip;   /* where gen_chain0 TBs send the guest */

/* "insn; goto_tb 0; eip = next_eip; exit_tb(tb, 0)": a block ending in a chainable jump. */
static void gen_chain0(CPUX86State *e, TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, CC_OP_EFLAGS);
    tcg_gen_goto_tb(0);
    gen_store_env(offsetof(CPUX86State, eip), next_eip);
    tcg_gen_exit_tb(tb, 0);
    tb->size = 4;
    tb->icount = 1;
}

/* "insn; exit_tb(tb, 2)": a block returning to the main loop without a chain slot. */
static void gen_nochain(CPUX86State *e, TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, CC_OP_EFLAGS);
    tcg_gen_exit_tb(tb, TB_EXIT_NOCHAIN);
    tb->size = 4;
    tb->icount = 1;
}

/* Three guest insns, each storing to env (so each has host code), then exit_tb(tb, 2). */
static void gen_three_insns(CPUX86State *e, TranslationBlock *tb)
{
    for (int i = 0; i < 3; i++) {
        tcg_gen_insn_start(tb->pc + 2 * i, CC_OP_EFLAGS);
        gen_store_env(offsetof(CPUX86State, regs[R_EAX]), 100 + i);
    }
    tcg_gen_exit_tb(tb, TB_EXIT_NOCHAIN);
    tb->size = 6;
    tb->icount = 3;
}

/* "insn; exit_request = 1; eip = next_eip; exit_tb(tb, 2)": makes cpu_exec return. */
static void gen_request_exit(CPUX86State *e, TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, CC_OP_EFLAGS);
    gen_store_env(offsetof(CPUX86State, exit_request), 1);
    gen_store_env(offsetof(CPUX86State, eip), next_eip);
    tcg_gen_exit_tb(tb, TB_EXIT_NOCHAIN);
    tb->size = 4;
    tb->icount = 1;
}

static TranslationBlock *make_tb(target_ulong pc, tb_gen_fn gen)
{
    return tb_gen_code_with(env, pc, 0, 0, 0, gen);
}

static uintptr_t run_tb(TranslationBlock *tb)
{
    return tcg_qemu_tb_exec(env, tb->tc_ptr);
}

static uintptr_t tb_tag(TranslationBlock *tb, unsigned slot)
{
    return (uintptr_t)tb | slot;
}

/* ------------------------------------------------------------------ fixtures */
static int setup(void **state)
{
    if (!exec_initialised) {
        tcg_exec_init(TEST_BUFFER_SIZE);
        exec_initialised = true;
    }
    memset(env, 0, sizeof(*env));
    cpu_register(env);
    tb_jmp_direct = CONFIG_GOTOTB_DIRECT;
    tb_flush(env);
    return 0;
}

/* ------------------------------------------------------------------ tests */
static void test_hash_and_find_pc(void **state)
{
    TranslationBlock *tb = make_tb(0x1000, gen_nochain);
    assert_ptr_equal(tb_phys_hash_lookup(0x1000, 0, 0, 0), tb);
    assert_null(tb_phys_hash_lookup(0x2000, 0, 0, 0));
    assert_null(tb_phys_hash_lookup(0x1000, 0, 1, 0));      /* other hflags */
    assert_true(tb->tc_size > 0);
    assert_ptr_equal(tb_find_pc((uintptr_t)tb->tc_ptr), tb);
    assert_ptr_equal(tb_find_pc((uintptr_t)tb->tc_ptr + tb->tc_size - 1), tb);
    assert_null(tb_find_pc((uintptr_t)tb->tc_ptr + tb->tc_size));   /* restore data */
    assert_int_equal(run_tb(tb), tb_tag(tb, TB_EXIT_NOCHAIN));

    tb_phys_hash_remove(tb);
    assert_null(tb_phys_hash_lookup(0x1000, 0, 0, 0));
    tb_phys_hash_insert(tb);
    assert_ptr_equal(tb_phys_hash_lookup(0x1000, 0, 0, 0), tb);
}

static void test_jump_cache(void **state)
{
    TranslationBlock *tb = make_tb(0x3000, gen_nochain);
    env->eip = 0x3000;
    unsigned h = tb_jmp_cache_hash_func(0x3000);
    assert_null(env->tb_jmp_cache[h]);
    assert_ptr_equal(tb_find_slow(env, 0x3000, 0, 0, 0), tb);
    assert_ptr_equal(env->tb_jmp_cache[h], tb);
    /* Out of the hash: only the jump cache can still find it. */
    tb_phys_hash_remove(tb);
    assert_ptr_equal(tb_find_fast(env), tb);
    tb_phys_hash_insert(tb);
    /* A cache entry for another pc in the same slot is not taken. */
    env->eip = 0x1003000;   /* (pc ^ pc >> 12) & 0xfff == 3, like 0x3000 */
    assert_int_equal(tb_jmp_cache_hash_func(env->eip), h);
    TranslationBlock *other = make_tb(env->eip, gen_nochain);
    assert_ptr_equal(tb_find_fast(env), other);
    assert_ptr_equal(env->tb_jmp_cache[h], other);
}

static void check_chaining(bool direct)
{
    tb_jmp_direct = direct;
    next_eip = 0x5000;
    TranslationBlock *a = make_tb(0x4000, gen_chain0);
    TranslationBlock *b = make_tb(0x5000, gen_nochain);
    assert_int_equal(a->tb_jmp_offset[0] != 0xffff, direct);
    assert_int_not_equal(a->tb_next_offset[0], 0xffff);

    env->eip = 0;
    assert_int_equal(run_tb(a), tb_tag(a, 0));
    assert_int_equal(env->eip, 0x5000);

    tb_add_jump(a, 0, b);
    assert_ptr_equal(a->jmp_dest[0], b);
    assert_ptr_equal(b->jmp_first, (TranslationBlock *)tb_tag(a, 0));
    if (!direct)
        assert_int_equal(a->tb_next[0], (uintptr_t)b->tc_ptr);
    env->eip = 0;
    assert_int_equal(run_tb(a), tb_tag(b, TB_EXIT_NOCHAIN));
    assert_int_equal(env->eip, 0);            /* a's unchained exit path did not run */

    tb_add_jump(a, 0, b);                     /* already chained: no duplicate list entry */
    assert_ptr_equal(a->jmp_next[0], (TranslationBlock *)tb_tag(b, 2));

    tb_reset_jump(a, 0);
    assert_null(a->jmp_dest[0]);
    assert_ptr_equal(b->jmp_first, (TranslationBlock *)tb_tag(b, 2));
    assert_int_equal(run_tb(a), tb_tag(a, 0));
    assert_int_equal(env->eip, 0x5000);
}

static void test_chain_direct(void **state) { check_chaining(true); }
static void test_chain_indirect(void **state) { check_chaining(false); }

static void test_invalidate_unchains(void **state)
{
    next_eip = 0x7000;
    TranslationBlock *a1 = make_tb(0x6000, gen_chain0);
    TranslationBlock *a2 = make_tb(0x6800, gen_chain0);
    TranslationBlock *b = make_tb(0x7000, gen_nochain);
    tb_add_jump(a1, 0, b);
    tb_add_jump(a2, 0, b);
    env->tb_jmp_cache[tb_jmp_cache_hash_func(0x7000)] = b;
    assert_int_equal(run_tb(a1), tb_tag(b, TB_EXIT_NOCHAIN));

    tb_phys_invalidate(b, (target_ulong)-1);
    assert_null(tb_phys_hash_lookup(0x7000, 0, 0, 0));
    assert_null(env->tb_jmp_cache[tb_jmp_cache_hash_func(0x7000)]);
    assert_null(a1->jmp_dest[0]);
    assert_null(a2->jmp_dest[0]);
    assert_int_equal(run_tb(a1), tb_tag(a1, 0));
    assert_int_equal(run_tb(a2), tb_tag(a2, 0));
    /* An invalidated TB is never chained again. */
    tb_add_jump(a1, 0, b);
    assert_null(a1->jmp_dest[0]);

    /* Invalidating a TB that chains out removes it from its target's list. */
    TranslationBlock *c = make_tb(0x7000, gen_nochain);
    tb_add_jump(a1, 0, c);
    tb_add_jump(a2, 0, c);
    tb_invalidate_phys_page_range(0x6000, 0x6010);   /* a1 only */
    assert_null(tb_phys_hash_lookup(0x6000, 0, 0, 0));
    assert_ptr_equal(tb_phys_hash_lookup(0x6800, 0, 0, 0), a2);
    assert_ptr_equal(c->jmp_first, (TranslationBlock *)tb_tag(a2, 0));
    assert_ptr_equal(a2->jmp_next[0], (TranslationBlock *)tb_tag(c, 2));
    assert_int_equal(run_tb(a2), tb_tag(c, TB_EXIT_NOCHAIN));
}

static void test_page_flags(void **state)
{
    page_set_flags(0x10000, 0x13000, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    assert_int_equal(page_get_flags(0x11234), PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_WRITE_ORG);
    assert_int_equal(page_check_range(0x10000, 0x3000, PAGE_READ | PAGE_WRITE), 0);
    assert_int_equal(page_check_range(0x10000, 0x3001, PAGE_READ), -1);
    assert_int_equal(page_check_range(0x12fff, 1, PAGE_EXEC), -1);
    assert_int_equal(page_get_flags(0xfffff000), 0);

    /* Code on a page: making the page writable again drops its TBs. */
    page_set_flags(0x20000, 0x21000, PAGE_VALID | PAGE_READ | PAGE_EXEC);
    TranslationBlock *tb = make_tb(0x20ffe, gen_nochain);   /* spans 0x20000 and 0x21000 */
    assert_int_equal(tb->page_addr[0], 0x20000);
    assert_int_equal(tb->page_addr[1], 0x21000);
    page_set_flags(0x21000, 0x22000, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    assert_null(tb_phys_hash_lookup(0x20ffe, 0, 0, 0));
    page_set_flags(0x10000, 0x22000, 0);
    assert_int_equal(page_get_flags(0x20000), 0);
}

static void test_flush(void **state)
{
    TranslationBlock *first = make_tb(0x8000, gen_nochain);
    uint8_t *first_code = first->tc_ptr;
    for (int i = 1; i < 10; i++)
        make_tb(0x8000 + 16 * i, gen_nochain);
    env->tb_jmp_cache[5] = first;
    uint64_t flushes = tb_flush_count;
    void *ptr = tcg_ctx->code_gen_ptr;

    tb_flush(env);
    assert_int_equal(tb_flush_count, flushes + 1);
    assert_int_equal(nb_tbs, 0);
    assert_true(tcg_ctx->code_gen_ptr < ptr);
    assert_ptr_equal(tcg_ctx->code_gen_ptr, first_code);
    assert_null(env->tb_jmp_cache[5]);
    for (int i = 0; i < CODE_GEN_PHYS_HASH_SIZE; i++)
        assert_null(tb_phys_hash[i]);
    assert_null(tb_find_pc((uintptr_t)first_code));
    tb_invalidate_phys_page_range(0x8000, 0x9000);   /* page lists were emptied too */

    /* Filling the cache makes tb_gen_code flush by itself and start over. */
    TranslationBlock *tb = NULL;
    int i;
    for (i = 0; i < 1000000; i++) {
        tb = make_tb(0x100000 + 4 * i, gen_nochain);
        if (tb_gen_flushed)
            break;
    }
    assert_true(tb_gen_flushed);
    assert_ptr_equal(tb, &tbs[0]);
    assert_int_equal(run_tb(tb), tb_tag(tb, TB_EXIT_NOCHAIN));
}

static void test_restore_state(void **state)
{
    TranslationBlock *tb = make_tb(0x9000, gen_three_insns);
    assert_int_equal(tcg_ctx->nb_insns, 3);
    uint16_t end0 = tcg_ctx->gen_insn_end_off[0], end1 = tcg_ctx->gen_insn_end_off[1];
    assert_true(end0 > 0 && end1 > end0);

    env->eip = 0;
    assert_true(cpu_restore_state(env, (uintptr_t)tb->tc_ptr));
    assert_int_equal(env->eip, 0x9000);
    assert_true(cpu_restore_state(env, (uintptr_t)tb->tc_ptr + end0));
    assert_int_equal(env->eip, 0x9002);
    assert_true(cpu_restore_state(env, (uintptr_t)tb->tc_ptr + end1 - 1));
    assert_int_equal(env->eip, 0x9002);
    assert_true(cpu_restore_state(env, (uintptr_t)tb->tc_ptr + end1));
    assert_int_equal(env->eip, 0x9004);
    assert_false(cpu_restore_state(env, (uintptr_t)tcg_ctx->code_gen_prologue));
}

static void test_cpu_exec_chains(void **state)
{
    /* 0xa000 -> (goto_tb 0) 0xb000, which requests an exit and points eip back at 0xa000. */
    next_eip = 0xb000;
    TranslationBlock *a = make_tb(0xa000, gen_chain0);
    next_eip = 0xa000;
    TranslationBlock *b = make_tb(0xb000, gen_request_exit);
    bool saved = tb_chain_enabled;
    tb_chain_enabled = true;

    env->eip = 0xa000;
    assert_int_equal(cpu_exec(env), EXCP_INTERRUPT);
    assert_int_equal(env->exit_request, 0);
    assert_int_equal(env->eip, 0xa000);
    assert_ptr_equal(a->jmp_dest[0], b);
    assert_ptr_equal(env->tb_jmp_cache[tb_jmp_cache_hash_func(0xa000)], a);
    assert_ptr_equal(env->tb_jmp_cache[tb_jmp_cache_hash_func(0xb000)], b);

    /* Chaining off: the main loop links nothing. */
    tb_reset_jump(a, 0);
    tb_chain_enabled = false;
    assert_int_equal(cpu_exec(env), EXCP_INTERRUPT);
    assert_null(a->jmp_dest[0]);
    tb_chain_enabled = saved;
}

static void exit_on_alarm(int sig)
{
    cpu_exit(env);
}

/* A TB chained to itself is a guest loop the main loop never sees; cpu_exit() from a signal
 * handler must still get the CPU back. */
static void test_cpu_exit_breaks_chains(void **state)
{
    next_eip = 0xc000;
    TranslationBlock *a = make_tb(0xc000, gen_chain0);
    tb_add_jump(a, 0, a);
    env->eip = 0xc000;

    struct sigaction sa = { .sa_handler = exit_on_alarm }, old_sa;
    sigaction(SIGALRM, &sa, &old_sa);
    struct itimerval it = { .it_value = { .tv_usec = 50000 } }, off = { 0 };
    setitimer(ITIMER_REAL, &it, NULL);
    int ret = cpu_exec(env);
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &old_sa, NULL);

    assert_int_equal(ret, EXCP_INTERRUPT);
    assert_null(a->jmp_dest[0]);
    assert_ptr_equal(a->jmp_first, (TranslationBlock *)tb_tag(a, 2));
    assert_int_equal(tb_unchain_pending, 0);
    assert_int_equal(run_tb(a), tb_tag(a, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_hash_and_find_pc, setup),
        cmocka_unit_test_setup(test_jump_cache, setup),
        cmocka_unit_test_setup(test_chain_direct, setup),
        cmocka_unit_test_setup(test_chain_indirect, setup),
        cmocka_unit_test_setup(test_invalidate_unchains, setup),
        cmocka_unit_test_setup(test_page_flags, setup),
        cmocka_unit_test_setup(test_flush, setup),
        cmocka_unit_test_setup(test_restore_state, setup),
        cmocka_unit_test_setup(test_cpu_exec_chains, setup),
        cmocka_unit_test_setup(test_cpu_exit_breaks_chains, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
