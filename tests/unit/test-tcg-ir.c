/*
 * test-tcg-ir.c - IR-level tests of the generic TCG core: ops built through the tcg-op API
 * (counts, argument layout, expansions of optional ops), the optimiser (constant folding, copy
 * propagation, algebraic identities, brcond folding, knowledge dropped at labels and calls),
 * liveness (dead code removal, dead/sync bits) and the textual dump. No code is executed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "loongbt-common.h"
#include "tcg.h"
#include "tcg-op.h"

/* ==================================================================== fixture and helpers */

static TCGv_i32 g0, g1, g2;

static int setup_ctx(void **state)
{
    (void)state;
    tcg_context_init(tcg_ctx);
    tcg_func_start(tcg_ctx);
    g0 = tcg_global_mem_new_i32(cpu_env, 0, "g0");
    g1 = tcg_global_mem_new_i32(cpu_env, 4, "g1");
    g2 = tcg_global_mem_new_i32(cpu_env, 8, "g2");
    return 0;
}

static int start(void **state)
{
    (void)state;
    tcg_func_start(tcg_ctx);
    return 0;
}

static TCGArg A(TCGv_i32 v) { return temp_arg(tcgv_i32_temp(v)); }

/* Number of ops with opcode opc (nops never count). */
static int count_ops(TCGOpcode opc)
{
    int n = 0;
    for (int i = 0; i < tcg_ctx->nb_ops; i++) n += tcg_ctx->ops[i].opc == opc;
    return n;
}

/* The last op writing temp t (output 0), or NULL. */
static TCGOp *last_def(TCGv_i32 t)
{
    for (int i = tcg_ctx->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &tcg_ctx->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        if (op->opc != INDEX_op_nop && op->opc != INDEX_op_call && def->nb_oargs > 0 &&
            op->args[0] == A(t))
            return op;
    }
    return NULL;
}

static TCGOp *find_op(TCGOpcode opc)
{
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        if (tcg_ctx->ops[i].opc == opc) return &tcg_ctx->ops[i];
    }
    return NULL;
}

/* ==================================================================== building ops */

static void test_build_basic(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add_i32(t, g0, g1);
    tcg_gen_subi_i32(g2, t, 5);
    tcg_gen_addi_i32(t, t, 0);                 /* trivial immediate: mov to itself = nothing */
    tcg_gen_andi_i32(g0, g1, -1);              /* becomes a mov */
    tcg_gen_exit_tb(NULL, 0);
    assert_int_equal(tcg_ctx->nb_ops, 5);      /* add, movi, sub, mov, exit_tb */
    TCGOp *op = &tcg_ctx->ops[0];
    assert_int_equal(op->opc, INDEX_op_add_i32);
    assert_true(op->args[0] == A(t) && op->args[1] == A(g0) && op->args[2] == A(g1));
    assert_int_equal(tcg_ctx->ops[1].opc, INDEX_op_movi_i32);
    assert_int_equal((int32_t)tcg_ctx->ops[1].args[1], 5);
    assert_int_equal(tcg_ctx->ops[2].opc, INDEX_op_sub_i32);
    assert_int_equal(tcg_ctx->ops[3].opc, INDEX_op_mov_i32);
    assert_int_equal(tcg_ctx->ops[4].opc, INDEX_op_exit_tb);
    assert_int_equal(tcg_ctx->ops[4].args[0], 0);
    tcg_temp_free_i32(t);
}

static void test_temp_reuse(void **state)
{
    (void)state;
    TCGv_i32 a = tcg_temp_new_i32();
    tcg_temp_free_i32(a);
    TCGv_i32 b = tcg_temp_new_i32();
    assert_ptr_equal(a, b);                     /* the free list hands the slot back */
    TCGv_i32 l = tcg_temp_local_new_i32();
    assert_ptr_not_equal(l, b);
    assert_int_equal(tcgv_i32_temp(l)->kind, TEMP_LOCAL);
    assert_int_equal(tcgv_i32_temp(g0)->kind, TEMP_GLOBAL);
    assert_int_equal(tcgv_ptr_temp(cpu_env)->kind, TEMP_FIXED);
}

static void test_call_layout(void **state)
{
    (void)state;
    TCGv_i32 r = tcg_temp_new_i32();
    TCGTemp *args[2] = { tcgv_i32_temp(g0), tcgv_i32_temp(g1) };
    tcg_gen_callN((void *)test_call_layout, TCG_CALL_NO_RWG, tcgv_i32_temp(r), 2, args);
    TCGOp *op = find_op(INDEX_op_call);
    assert_non_null(op);
    assert_int_equal(op->callo, 1);
    assert_int_equal(op->calli, 2);
    assert_true(op->args[0] == A(r) && op->args[1] == A(g0) && op->args[2] == A(g1));
    assert_true(op->args[3] == (TCGArg)test_call_layout);
    assert_int_equal(op->args[4], TCG_CALL_NO_RWG);
}

static void test_optional_expansions(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_deposit_i32(t, g0, g1, 4, 8);
    tcg_gen_extract_i32(t, g0, 3, 5);
    tcg_gen_andc_i32(t, g0, g1);
    tcg_gen_rotli_i32(t, g0, 7);
    tcg_gen_exit_tb(NULL, 0);
    assert_int_equal(count_ops(INDEX_op_deposit_i32), TCG_TARGET_HAS_deposit_i32 ? 1 : 0);
    assert_int_equal(count_ops(INDEX_op_extract_i32), TCG_TARGET_HAS_extract_i32 ? 1 : 0);
    assert_int_equal(count_ops(INDEX_op_andc_i32), TCG_TARGET_HAS_andc_i32 ? 1 : 0);
    assert_int_equal(count_ops(INDEX_op_rotl_i32), TCG_TARGET_HAS_rot_i32 ? 1 : 0);
    tcg_temp_free_i32(t);
}

/* ==================================================================== optimiser */

static void test_fold_add(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_movi_i32(t, 3);
    tcg_gen_addi_i32(t, t, 4);
    tcg_gen_mov_i32(g0, t);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    TCGOp *op = last_def(t);
    assert_int_equal(op->opc, INDEX_op_movi_i32);
    assert_int_equal(op->args[1], 7);
    op = last_def(g0);                          /* the copy of a constant is a constant */
    assert_int_equal(op->opc, INDEX_op_movi_i32);
    assert_int_equal(op->args[1], 7);
    assert_int_equal(count_ops(INDEX_op_add_i32), 0);
}

static void test_fold_many(void **state)
{
    (void)state;
    TCGv_i32 a = tcg_const_i32(0xf0), b = tcg_const_i32(4), r[6];
    for (int i = 0; i < 6; i++) r[i] = tcg_temp_new_i32();
    tcg_gen_shl_i32(r[0], a, b);
    tcg_gen_sar_i32(r[1], r[0], b);
    tcg_gen_setcond_i32(TCG_COND_GTU, r[2], a, b);
    tcg_gen_neg_i32(r[3], b);
    tcg_gen_ext8s_i32(r[4], a);
    tcg_gen_sub_i32(r[5], b, a);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    static const uint32_t want[6] = { 0xf00, 0xf0, 1, (uint32_t)-4, 0xfffffff0u, 4u - 0xf0u };
    for (int i = 0; i < 6; i++) {
        TCGOp *op = last_def(r[i]);
        assert_int_equal(op->opc, INDEX_op_movi_i32);
        assert_int_equal((uint32_t)op->args[1], want[i]);
    }
}

static void test_copy_propagation(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_mov_i32(t, g0);
    tcg_gen_add_i32(u, t, g1);
    tcg_gen_st_i32(u, cpu_env, 64);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    TCGOp *op = find_op(INDEX_op_add_i32);
    assert_true(op->args[1] == A(g0));          /* uses the original, not the copy */
    tcg_liveness_analysis(tcg_ctx);
    assert_int_equal(count_ops(INDEX_op_mov_i32), 0);   /* the copy became dead */
}

static void test_copy_forgotten_on_redefinition(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_mov_i32(t, g0);
    tcg_gen_addi_i32(g0, g0, 1);                /* g0 changes: t is no longer a copy */
    tcg_gen_add_i32(u, t, g1);
    tcg_gen_st_i32(u, cpu_env, 64);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    TCGOp *op = last_def(u);
    assert_int_equal(op->opc, INDEX_op_add_i32);
    assert_true(op->args[1] == A(t));
}

static void test_copy_forgotten_after_call(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_mov_i32(t, g0);
    tcg_gen_callN((void *)test_copy_forgotten_after_call, 0, NULL, 0, NULL);
    tcg_gen_add_i32(u, t, g1);
    tcg_gen_st_i32(u, cpu_env, 64);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    TCGOp *op = last_def(u);
    assert_true(op->args[1] == A(t));           /* the helper may have changed g0 */
}

static void test_algebraic(void **state)
{
    (void)state;
    TCGv_i32 r[6];
    for (int i = 0; i < 6; i++) r[i] = tcg_temp_new_i32();
    TCGv_i32 zero = tcg_const_i32(0), one = tcg_const_i32(1);
    tcg_gen_mul_i32(r[0], g0, one);             /* x*1 = x */
    tcg_gen_xor_i32(r[1], g0, g0);              /* x^x = 0 */
    tcg_gen_sub_i32(r[2], g1, g1);              /* x-x = 0 */
    tcg_gen_and_i32(r[3], g0, zero);            /* x&0 = 0 */
    tcg_gen_or_i32(r[4], zero, g2);             /* 0|x = x */
    tcg_gen_add_i32(r[5], g1, zero);            /* x+0 = x */
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    TCGOp *op = last_def(r[0]);
    assert_int_equal(op->opc, INDEX_op_mov_i32);
    assert_true(op->args[1] == A(g0));
    for (int i = 1; i <= 3; i++) {
        op = last_def(r[i]);
        assert_int_equal(op->opc, INDEX_op_movi_i32);
        assert_int_equal(op->args[1], 0);
    }
    op = last_def(r[4]);
    assert_int_equal(op->opc, INDEX_op_mov_i32);
    assert_true(op->args[1] == A(g2));
    op = last_def(r[5]);
    assert_int_equal(op->opc, INDEX_op_mov_i32);
    assert_true(op->args[1] == A(g1));
}

static void test_brcond_folding(void **state)
{
    (void)state;
    TCGLabel *l1 = gen_new_label(), *l2 = gen_new_label();
    TCGv_i32 a = tcg_const_i32(-1), b = tcg_const_i32(2);
    tcg_gen_brcond_i32(TCG_COND_LT, b, a, l1);      /* 2 < -1 signed: never */
    tcg_gen_brcond_i32(TCG_COND_GTU, a, b, l2);     /* 0xffffffff > 2 unsigned: always */
    gen_set_label(l1);
    gen_set_label(l2);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    assert_int_equal(count_ops(INDEX_op_brcond_i32), 0);
    TCGOp *op = find_op(INDEX_op_br);
    assert_non_null(op);
    assert_ptr_equal(arg_label(op->args[0]), l2);
    assert_int_equal(count_ops(INDEX_op_br), 1);
}

static void test_labels_reset_knowledge(void **state)
{
    (void)state;
    TCGLabel *l = gen_new_label();
    TCGv_i32 t = tcg_temp_local_new_i32();
    tcg_gen_movi_i32(g0, 5);
    tcg_gen_movi_i32(t, 6);
    tcg_gen_brcondi_i32(TCG_COND_EQ, g1, 0, l);
    tcg_gen_movi_i32(g0, 7);
    gen_set_label(l);
    tcg_gen_add_i32(g2, g0, t);                 /* g0 is 5 or 7 here: no folding */
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    TCGOp *op = last_def(g2);
    assert_int_equal(op->opc, INDEX_op_add_i32);
    assert_true(op->args[1] == A(g0) && op->args[2] == A(t));
}

/* ==================================================================== liveness */

static void test_liveness_dead_code(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_add_i32(t, g0, g1);                 /* result never used */
    tcg_gen_mul_i32(u, g0, g2);
    tcg_gen_mov_i32(g1, u);                     /* global: live at the end */
    tcg_gen_movi_i32(g2, 1);                    /* overwritten below: dead */
    tcg_gen_movi_i32(g2, 2);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(tcg_ctx);
    assert_int_equal(count_ops(INDEX_op_add_i32), 0);
    assert_int_equal(count_ops(INDEX_op_mul_i32), 1);
    assert_int_equal(count_ops(INDEX_op_movi_i32), 1);
    TCGOp *mov = find_op(INDEX_op_mov_i32);
    assert_true(NEED_SYNC_ARG(mov->life, 0));   /* g1 must reach memory */
    assert_true(IS_DEAD_ARG(mov->life, 1));     /* u dies here */
    TCGOp *mul = find_op(INDEX_op_mul_i32);
    assert_false(NEED_SYNC_ARG(mul->life, 0));  /* u is a normal temp */
    TCGOp *movi = find_op(INDEX_op_movi_i32);
    assert_true(NEED_SYNC_ARG(movi->life, 0));
}

static void test_liveness_side_effects_kept(void **state)
{
    (void)state;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_qemu_ld_i32(t, g0, MO_UL);          /* may fault: kept even though t is unused */
    TCGTemp *args[1] = { tcgv_i32_temp(g0) };
    tcg_gen_callN((void *)test_liveness_side_effects_kept, TCG_CALL_NO_RWG_SE,
                  tcgv_i32_temp(t), 1, args); /* pure helper, unused result: removed */
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(tcg_ctx);
    assert_int_equal(count_ops(INDEX_op_qemu_ld_i32), 1);
    assert_int_equal(count_ops(INDEX_op_call), 0);
}

/* ==================================================================== dump */

static void test_dump(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    TCGLabel *l = gen_new_label();
    tcg_gen_insn_start(0x8048000, 3);
    tcg_gen_add_i32(g0, g0, g1);
    tcg_gen_brcond_i32(TCG_COND_LTU, g0, g1, l);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    FILE *f = open_memstream(&text, &len);
    tcg_dump_ops(tcg_ctx, f, false);
    fclose(f);
    assert_non_null(strstr(text, " ---- 0x08048000 3\n"));
    assert_non_null(strstr(text, " add_i32 g0,g0,g1\n"));
    assert_non_null(strstr(text, " brcond_i32 g0,g1,ltu,$L0\n"));
    assert_non_null(strstr(text, " set_label $L0\n"));
    free(text);
    assert_string_equal(tcg_cond_name(TCG_COND_GEU), "geu");

    /* registered helper names show up in call ops */
    tcg_func_start(tcg_ctx);
    tcg_register_helper_name((void *)test_dump, "my_helper");
    TCGTemp *args[1] = { tcgv_i32_temp(g1) };
    tcg_gen_callN((void *)test_dump, TCG_CALL_NO_RWG, tcgv_i32_temp(g0), 1, args);
    f = open_memstream(&text, &len);
    tcg_dump_ops(tcg_ctx, f, false);
    fclose(f);
    assert_non_null(strstr(text, " call my_helper,$0x3,$2,g0,g1\n"));
    free(text);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup(fn, start)
    const struct CMUnitTest tests[] = {
        T(test_build_basic),
        T(test_temp_reuse),
        T(test_call_layout),
        T(test_optional_expansions),
        T(test_fold_add),
        T(test_fold_many),
        T(test_copy_propagation),
        T(test_copy_forgotten_on_redefinition),
        T(test_copy_forgotten_after_call),
        T(test_algebraic),
        T(test_brcond_folding),
        T(test_labels_reset_knowledge),
        T(test_liveness_dead_code),
        T(test_liveness_side_effects_kept),
        T(test_dump),
    };
#undef T
    return cmocka_run_group_tests(tests, setup_ctx, NULL);
}
