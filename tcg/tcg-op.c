/*
 * tcg-op.c - the front end's op-building API (tcg-op.h).
 *
 * Each tcg_gen_* appends ops to tcg_ctx->ops. Optional ops the host lacks (TCG_TARGET_HAS_*
 * in tcg-target.h is 0) are expanded into basic ops or a small C helper call here, so the
 * register allocator and back end only ever see ops the host implements. Immediate forms with
 * trivial values (add 0, and -1, shift 0, ...) become plain moves.
 */
#include "loongbt-common.h"
#include "tcg-op.h"

/* ==================================================================== op emission helpers */

static void gen_op1(TCGOpcode opc, TCGArg a0)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a0;
}

static void gen_op2(TCGOpcode opc, TCGArg a0, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a0;
    op->args[1] = a1;
}

static void gen_op3(TCGOpcode opc, TCGArg a0, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a0;
    op->args[1] = a1;
    op->args[2] = a2;
}

static void gen_op4(TCGOpcode opc, TCGArg a0, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a0;
    op->args[1] = a1;
    op->args[2] = a2;
    op->args[3] = a3;
}

static void gen_op6(TCGOpcode opc, TCGArg a0, TCGArg a1, TCGArg a2, TCGArg a3, TCGArg a4,
                    TCGArg a5)
{
    TCGOp *op = tcg_emit_op(opc);
    op->args[0] = a0;
    op->args[1] = a1;
    op->args[2] = a2;
    op->args[3] = a3;
    op->args[4] = a4;
    op->args[5] = a5;
}

static inline TCGArg a32(TCGv_i32 v) { return temp_arg(tcgv_i32_temp(v)); }
static inline TCGArg a64(TCGv_i64 v) { return temp_arg(tcgv_i64_temp(v)); }
static inline TCGArg aptr(TCGv_ptr v) { return temp_arg(tcgv_ptr_temp(v)); }

static void gen_op3_i32(TCGOpcode opc, TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    gen_op3(opc, a32(r), a32(a), a32(b));
}

static void gen_op2_i32(TCGOpcode opc, TCGv_i32 r, TCGv_i32 a) { gen_op2(opc, a32(r), a32(a)); }

/* Apply a register-register generator to an immediate second operand. */
static void gen_with_const_i32(void (*fn)(TCGv_i32, TCGv_i32, TCGv_i32), TCGv_i32 ret,
                               TCGv_i32 a, int32_t b)
{
    TCGv_i32 t = tcg_const_i32(b);
    fn(ret, a, t);
    tcg_temp_free_i32(t);
}

/* ==================================================================== temps */

TCGv_i32 tcg_temp_new_i32(void) { return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, false)); }
TCGv_i32 tcg_temp_local_new_i32(void) { return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, true)); }
void tcg_temp_free_i32(TCGv_i32 t) { tcg_temp_free_internal(tcgv_i32_temp(t)); }
TCGv_i64 tcg_temp_new_i64(void) { return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, false)); }
void tcg_temp_free_i64(TCGv_i64 t) { tcg_temp_free_internal(tcgv_i64_temp(t)); }
TCGv_ptr tcg_temp_new_ptr(void) { return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_PTR, false)); }
void tcg_temp_free_ptr(TCGv_ptr t) { tcg_temp_free_internal(tcgv_ptr_temp(t)); }

TCGv_i32 tcg_const_i32(int32_t val)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_movi_i32(t, val);
    return t;
}

TCGv_i32 tcg_const_local_i32(int32_t val)
{
    TCGv_i32 t = tcg_temp_local_new_i32();
    tcg_gen_movi_i32(t, val);
    return t;
}

TCGv_i64 tcg_const_i64(int64_t val)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, val);
    return t;
}

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t off, const char *name)
{
    return temp_tcgv_i32(tcg_global_mem_new_internal(TCG_TYPE_I32, base, off, name));
}

TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t off, const char *name)
{
    return temp_tcgv_i64(tcg_global_mem_new_internal(TCG_TYPE_I64, base, off, name));
}

TCGv_i32 tcg_global_reg_new_i32(int reg, const char *name)
{
    return temp_tcgv_i32(tcg_global_reg_new_internal(TCG_TYPE_I32, reg, name));
}

/* ==================================================================== labels and control flow */

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_labels >= TCG_MAX_LABELS) tcg_abort_msg(__FILE__, __LINE__, "too many labels");
    TCGLabel *l = &s->labels[s->nb_labels];
    memset(l, 0, sizeof(*l));
    l->id = s->nb_labels++;
    return l;
}

/* CONFIG_PROFILE: a new counted segment starts here (profile.h). Used at the TB entry and at
 * every point where straight-line code can begin or stop being followed: after a label, after
 * a conditional branch (its fall-through), around goto_tb, before exit_tb. Nothing in the
 * plain build. */
void tcg_gen_count_exec(void)
{
    if (CONFIG_PROFILE)
        tcg_emit_op(INDEX_op_count_exec);
}

void gen_set_label(TCGLabel *l)
{
    gen_op1(INDEX_op_set_label, label_arg(l));
    tcg_gen_count_exec();
}

void tcg_gen_br(TCGLabel *l)
{
    l->refs = true;
    gen_op1(INDEX_op_br, label_arg(l));
}

void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        l->refs = true;
        gen_op4(INDEX_op_brcond_i32, a32(a), a32(b), cond, label_arg(l));
        tcg_gen_count_exec();
    }
}

void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (cond != TCG_COND_NEVER) {
        TCGv_i32 t = tcg_const_i32(b);
        tcg_gen_brcond_i32(cond, a, t, l);
        tcg_temp_free_i32(t);
    }
}

/* Counted as its own segment (profile build): after a helper that raises an exception
 * (cpu_loop_exit never returns) the exit is not run, and its instructions are not counted. */
void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx)
{
    uintptr_t val = tb ? (uintptr_t)tb + idx : 0;
    tcg_gen_count_exec();
    gen_op1(INDEX_op_exit_tb, val);
}

/* Counted alone (profile build), the jump itself: reached minus fallen through = chained. */
void tcg_gen_goto_tb(unsigned idx)
{
    tcg_gen_count_exec();
    gen_op1(INDEX_op_goto_tb, idx);
    tcg_gen_count_exec();
}

void tcg_gen_goto_ptr(TCGv_ptr host_addr)
{
    if (TCG_TARGET_HAS_goto_ptr) gen_op1(INDEX_op_goto_ptr, aptr(host_addr));
    else tcg_gen_exit_tb(NULL, 0);        /* let cpu_exec look the target up */
}

void tcg_gen_insn_start(uint32_t pc, uint32_t cc_op) { gen_op2(INDEX_op_insn_start, pc, cc_op); }

void tcg_gen_discard_i32(TCGv_i32 t) { gen_op1(INDEX_op_discard, a32(t)); }

/* ==================================================================== helper calls */

void tcg_gen_callN(void *func, unsigned flags, TCGTemp *ret, int nargs, TCGTemp **args)
{
    int nb_o = ret ? 1 : 0, n = 0;
    if (nb_o + nargs + 3 > TCG_MAX_OP_ARGS)
        tcg_abort_msg(__FILE__, __LINE__, "too many helper arguments");
    TCGOp *op = tcg_emit_op(INDEX_op_call);
    op->callo = nb_o;
    op->calli = nargs;
    if (ret) op->args[n++] = temp_arg(ret);
    for (int i = 0; i < nargs; i++) op->args[n++] = temp_arg(args[i]);
    op->args[n++] = (TCGArg)func;
    op->args[n++] = flags;
    op->args[n++] = nb_o + nargs;
}

/* Small C helpers for ops no host instruction is used for. */
static uint32_t tcg_helper_clz_i32(uint32_t a, uint32_t zero) { return a ? (uint32_t)__builtin_clz(a) : zero; }
static uint32_t tcg_helper_ctz_i32(uint32_t a, uint32_t zero) { return a ? (uint32_t)__builtin_ctz(a) : zero; }
static uint64_t tcg_helper_mulu_i32(uint32_t a, uint32_t b) { return (uint64_t)a * b; }
static uint64_t tcg_helper_muls_i32(uint32_t a, uint32_t b)
{
    return (uint64_t)((int64_t)(int32_t)a * (int32_t)b);
}

static void gen_helper2(void *func, TCGTemp *ret, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *args[2] = { a, b };
    tcg_gen_callN(func, TCG_CALL_NO_RWG_SE, ret, 2, args);
}

/* ==================================================================== 32-bit arithmetic */

void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 a)
{
    if (ret != a) gen_op2_i32(INDEX_op_mov_i32, ret, a);
}

void tcg_gen_movi_i32(TCGv_i32 ret, int32_t v) { gen_op2(INDEX_op_movi_i32, a32(ret), (uint32_t)v); }

void tcg_gen_add_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_add_i32, r, a, b); }
void tcg_gen_sub_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_sub_i32, r, a, b); }
void tcg_gen_mul_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_mul_i32, r, a, b); }
void tcg_gen_and_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_and_i32, r, a, b); }
void tcg_gen_or_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_or_i32, r, a, b); }
void tcg_gen_xor_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_xor_i32, r, a, b); }
void tcg_gen_shl_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_shl_i32, r, a, b); }
void tcg_gen_shr_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_shr_i32, r, a, b); }
void tcg_gen_sar_i32(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b) { gen_op3_i32(INDEX_op_sar_i32, r, a, b); }
void tcg_gen_neg_i32(TCGv_i32 r, TCGv_i32 a) { gen_op2_i32(INDEX_op_neg_i32, r, a); }
void tcg_gen_not_i32(TCGv_i32 r, TCGv_i32 a) { gen_op2_i32(INDEX_op_not_i32, r, a); }

void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) tcg_gen_mov_i32(ret, a);
    else gen_with_const_i32(tcg_gen_add_i32, ret, a, b);
}

void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) tcg_gen_mov_i32(ret, a);
    else gen_with_const_i32(tcg_gen_sub_i32, ret, a, b);
}

void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t a, TCGv_i32 b)
{
    if (a == 0) {
        tcg_gen_neg_i32(ret, b);
    } else {
        TCGv_i32 t = tcg_const_i32(a);
        tcg_gen_sub_i32(ret, t, b);
        tcg_temp_free_i32(t);
    }
}

void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) tcg_gen_movi_i32(ret, 0);
    else if (b == 1) tcg_gen_mov_i32(ret, a);
    else if (b > 0 && (b & (b - 1)) == 0) tcg_gen_shli_i32(ret, a, __builtin_ctz(b));
    else gen_with_const_i32(tcg_gen_mul_i32, ret, a, b);
}

void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) tcg_gen_movi_i32(ret, 0);
    else if (b == -1) tcg_gen_mov_i32(ret, a);
    else if (b == 0xff && TCG_TARGET_HAS_ext8u_i32) gen_op2_i32(INDEX_op_ext8u_i32, ret, a);
    else if (b == 0xffff && TCG_TARGET_HAS_ext16u_i32) gen_op2_i32(INDEX_op_ext16u_i32, ret, a);
    else gen_with_const_i32(tcg_gen_and_i32, ret, a, b);
}

void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == -1) tcg_gen_movi_i32(ret, -1);
    else if (b == 0) tcg_gen_mov_i32(ret, a);
    else gen_with_const_i32(tcg_gen_or_i32, ret, a, b);
}

void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    if (b == 0) tcg_gen_mov_i32(ret, a);
    else if (b == -1) tcg_gen_not_i32(ret, a);
    else gen_with_const_i32(tcg_gen_xor_i32, ret, a, b);
}

void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    if (TCG_TARGET_HAS_andc_i32) {
        gen_op3_i32(INDEX_op_andc_i32, ret, a, b);
    } else {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_not_i32(t, b);
        tcg_gen_and_i32(ret, a, t);
        tcg_temp_free_i32(t);
    }
}

static void gen_shifti(void (*fn)(TCGv_i32, TCGv_i32, TCGv_i32), TCGv_i32 ret, TCGv_i32 a,
                       int32_t b)
{
    tcg_debug_assert(b >= 0 && b < 32);
    if (b == 0) tcg_gen_mov_i32(ret, a);
    else gen_with_const_i32(fn, ret, a, b);
}

void tcg_gen_shli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b) { gen_shifti(tcg_gen_shl_i32, ret, a, b); }
void tcg_gen_shri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b) { gen_shifti(tcg_gen_shr_i32, ret, a, b); }
void tcg_gen_sari_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b) { gen_shifti(tcg_gen_sar_i32, ret, a, b); }

/* ==================================================================== rotates */

void tcg_gen_rotl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    if (TCG_TARGET_HAS_rot_i32) {
        gen_op3_i32(INDEX_op_rotl_i32, ret, a, b);
    } else {
        /* (a << b) | (a >> (32 - b)); counts are mod 32, so b == 0 gives a | a. */
        TCGv_i32 t0 = tcg_temp_new_i32(), t1 = tcg_temp_new_i32();
        tcg_gen_shl_i32(t0, a, b);
        tcg_gen_subfi_i32(t1, 32, b);
        tcg_gen_shr_i32(t1, a, t1);
        tcg_gen_or_i32(ret, t0, t1);
        tcg_temp_free_i32(t0);
        tcg_temp_free_i32(t1);
    }
}

void tcg_gen_rotr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    if (TCG_TARGET_HAS_rot_i32) {
        gen_op3_i32(INDEX_op_rotr_i32, ret, a, b);
    } else {
        TCGv_i32 t0 = tcg_temp_new_i32(), t1 = tcg_temp_new_i32();
        tcg_gen_shr_i32(t0, a, b);
        tcg_gen_subfi_i32(t1, 32, b);
        tcg_gen_shl_i32(t1, a, t1);
        tcg_gen_or_i32(ret, t0, t1);
        tcg_temp_free_i32(t0);
        tcg_temp_free_i32(t1);
    }
}

void tcg_gen_rotli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    b &= 31;
    if (b == 0) {
        tcg_gen_mov_i32(ret, a);
    } else if (TCG_TARGET_HAS_rot_i32) {
        gen_with_const_i32(tcg_gen_rotl_i32, ret, a, b);
    } else {
        TCGv_i32 t0 = tcg_temp_new_i32(), t1 = tcg_temp_new_i32();
        tcg_gen_shli_i32(t0, a, b);
        tcg_gen_shri_i32(t1, a, 32 - b);
        tcg_gen_or_i32(ret, t0, t1);
        tcg_temp_free_i32(t0);
        tcg_temp_free_i32(t1);
    }
}

void tcg_gen_rotri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    tcg_gen_rotli_i32(ret, a, (32 - (b & 31)) & 31);
}

/* ==================================================================== extensions, byte swaps */

static void gen_ext_or_shifts(TCGOpcode opc, bool has, TCGv_i32 ret, TCGv_i32 a, int bits,
                              bool sign)
{
    if (has) {
        gen_op2_i32(opc, ret, a);
    } else if (sign) {
        tcg_gen_shli_i32(ret, a, 32 - bits);
        tcg_gen_sari_i32(ret, ret, 32 - bits);
    } else {
        gen_with_const_i32(tcg_gen_and_i32, ret, a, (int32_t)((1u << bits) - 1));
    }
}

void tcg_gen_ext8s_i32(TCGv_i32 r, TCGv_i32 a)
{
    gen_ext_or_shifts(INDEX_op_ext8s_i32, TCG_TARGET_HAS_ext8s_i32, r, a, 8, true);
}
void tcg_gen_ext8u_i32(TCGv_i32 r, TCGv_i32 a)
{
    gen_ext_or_shifts(INDEX_op_ext8u_i32, TCG_TARGET_HAS_ext8u_i32, r, a, 8, false);
}
void tcg_gen_ext16s_i32(TCGv_i32 r, TCGv_i32 a)
{
    gen_ext_or_shifts(INDEX_op_ext16s_i32, TCG_TARGET_HAS_ext16s_i32, r, a, 16, true);
}
void tcg_gen_ext16u_i32(TCGv_i32 r, TCGv_i32 a)
{
    gen_ext_or_shifts(INDEX_op_ext16u_i32, TCG_TARGET_HAS_ext16u_i32, r, a, 16, false);
}

void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 a)
{
    if (TCG_TARGET_HAS_bswap16_i32) {
        gen_op2_i32(INDEX_op_bswap16_i32, ret, a);
    } else {
        TCGv_i32 t0 = tcg_temp_new_i32(), t1 = tcg_temp_new_i32();
        tcg_gen_shri_i32(t0, a, 8);
        tcg_gen_andi_i32(t0, t0, 0xff);
        tcg_gen_andi_i32(t1, a, 0xff);
        tcg_gen_shli_i32(t1, t1, 8);
        tcg_gen_or_i32(ret, t0, t1);
        tcg_temp_free_i32(t0);
        tcg_temp_free_i32(t1);
    }
}

void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 a)
{
    if (TCG_TARGET_HAS_bswap32_i32) {
        gen_op2_i32(INDEX_op_bswap32_i32, ret, a);
    } else {
        TCGv_i32 acc = tcg_temp_new_i32(), t = tcg_temp_new_i32();
        tcg_gen_shli_i32(acc, a, 24);                 /* byte 0 -> 3 */
        tcg_gen_shri_i32(t, a, 24);                   /* byte 3 -> 0 */
        tcg_gen_or_i32(acc, acc, t);
        tcg_gen_shri_i32(t, a, 8);                    /* byte 2 -> 1 */
        tcg_gen_andi_i32(t, t, 0xff00);
        tcg_gen_or_i32(acc, acc, t);
        tcg_gen_andi_i32(t, a, 0xff00);               /* byte 1 -> 2 */
        tcg_gen_shli_i32(t, t, 8);
        tcg_gen_or_i32(ret, acc, t);
        tcg_temp_free_i32(acc);
        tcg_temp_free_i32(t);
    }
}

/* ==================================================================== bit fields */

void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs, unsigned len)
{
    tcg_debug_assert(ofs < 32 && len > 0 && len <= 32 && ofs + len <= 32);
    if (len == 32) {
        tcg_gen_mov_i32(ret, b);
    } else if (TCG_TARGET_HAS_deposit_i32) {
        gen_op6(INDEX_op_deposit_i32, a32(ret), a32(a), a32(b), ofs, len, 0);
    } else {
        uint32_t mask = (1u << len) - 1;
        TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
        tcg_gen_andi_i32(t, b, (int32_t)mask);
        tcg_gen_shli_i32(t, t, ofs);
        tcg_gen_andi_i32(u, a, (int32_t)~(mask << ofs));
        tcg_gen_or_i32(ret, u, t);
        tcg_temp_free_i32(t);
        tcg_temp_free_i32(u);
    }
}

void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    tcg_debug_assert(ofs < 32 && len > 0 && len <= 32 && ofs + len <= 32);
    if (len == 32) {
        tcg_gen_mov_i32(ret, a);
    } else if (ofs + len == 32) {
        tcg_gen_shri_i32(ret, a, ofs);
    } else if (TCG_TARGET_HAS_extract_i32) {
        gen_op4(INDEX_op_extract_i32, a32(ret), a32(a), ofs, len);
    } else if (ofs == 0) {
        tcg_gen_andi_i32(ret, a, (int32_t)((1u << len) - 1));
    } else {
        tcg_gen_shri_i32(ret, a, ofs);
        tcg_gen_andi_i32(ret, ret, (int32_t)((1u << len) - 1));
    }
}

void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len)
{
    tcg_debug_assert(ofs < 32 && len > 0 && len <= 32 && ofs + len <= 32);
    if (len == 32) {
        tcg_gen_mov_i32(ret, a);
    } else if (ofs + len == 32) {
        tcg_gen_sari_i32(ret, a, ofs);
    } else if (TCG_TARGET_HAS_sextract_i32) {
        gen_op4(INDEX_op_sextract_i32, a32(ret), a32(a), ofs, len);
    } else if (ofs == 0 && len == 8) {
        tcg_gen_ext8s_i32(ret, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_ext16s_i32(ret, a);
    } else {
        tcg_gen_shli_i32(ret, a, 32 - len - ofs);
        tcg_gen_sari_i32(ret, ret, 32 - len);
    }
}

/* ==================================================================== conditions */

void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b)
{
    if (cond == TCG_COND_ALWAYS) tcg_gen_movi_i32(ret, 1);
    else if (cond == TCG_COND_NEVER) tcg_gen_movi_i32(ret, 0);
    else gen_op4(INDEX_op_setcond_i32, a32(ret), a32(a), a32(b), cond);
}

void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b)
{
    TCGv_i32 t = tcg_const_i32(b);
    tcg_gen_setcond_i32(cond, ret, a, t);
    tcg_temp_free_i32(t);
}

void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2,
                         TCGv_i32 v1, TCGv_i32 v2)
{
    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_i32(ret, v1);
    } else if (cond == TCG_COND_NEVER) {
        tcg_gen_mov_i32(ret, v2);
    } else if (TCG_TARGET_HAS_movcond_i32) {
        gen_op6(INDEX_op_movcond_i32, a32(ret), a32(c1), a32(c2), a32(v1), a32(v2), cond);
    } else {
        /* mask = -(c1 cond c2); ret = (v1 & mask) | (v2 & ~mask) */
        TCGv_i32 m = tcg_temp_new_i32(), t = tcg_temp_new_i32();
        tcg_gen_setcond_i32(cond, m, c1, c2);
        tcg_gen_neg_i32(m, m);
        tcg_gen_and_i32(t, v1, m);
        tcg_gen_andc_i32(m, v2, m);
        tcg_gen_or_i32(ret, t, m);
        tcg_temp_free_i32(m);
        tcg_temp_free_i32(t);
    }
}

/* ==================================================================== double-width multiply, bit counts */

static void gen_mul2_via_helper(void *helper, TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i64 p = tcg_temp_new_i64();
    gen_helper2(helper, tcgv_i64_temp(p), tcgv_i32_temp(a), tcgv_i32_temp(b));
    tcg_gen_extrl_i64_i32(rl, p);
    tcg_gen_extrh_i64_i32(rh, p);
    tcg_temp_free_i64(p);
}

void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    if (TCG_TARGET_HAS_mulu2_i32) gen_op4(INDEX_op_mulu2_i32, a32(rl), a32(rh), a32(a), a32(b));
    else gen_mul2_via_helper((void *)tcg_helper_mulu_i32, rl, rh, a, b);
}

void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b)
{
    if (TCG_TARGET_HAS_muls2_i32) gen_op4(INDEX_op_muls2_i32, a32(rl), a32(rh), a32(a), a32(b));
    else gen_mul2_via_helper((void *)tcg_helper_muls_i32, rl, rh, a, b);
}

static void gen_bitcount(TCGOpcode opc, bool has, void *helper, TCGv_i32 ret, TCGv_i32 a,
                         int32_t if_zero)
{
    TCGv_i32 z = tcg_const_i32(if_zero);
    if (has) gen_op3_i32(opc, ret, a, z);
    else gen_helper2(helper, tcgv_i32_temp(ret), tcgv_i32_temp(a), tcgv_i32_temp(z));
    tcg_temp_free_i32(z);
}

void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t if_zero)
{
    gen_bitcount(INDEX_op_clz_i32, TCG_TARGET_HAS_clz_i32, (void *)tcg_helper_clz_i32, ret, a,
                 if_zero);
}

void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t if_zero)
{
    gen_bitcount(INDEX_op_ctz_i32, TCG_TARGET_HAS_ctz_i32, (void *)tcg_helper_ctz_i32, ret, a,
                 if_zero);
}

/* ==================================================================== host memory */

static void gen_ldst_i32(TCGOpcode opc, TCGv_i32 val, TCGv_ptr base, intptr_t off)
{
    gen_op3(opc, a32(val), aptr(base), (TCGArg)off);
}

void tcg_gen_ld8u_i32(TCGv_i32 r, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_ld8u_i32, r, b, o); }
void tcg_gen_ld8s_i32(TCGv_i32 r, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_ld8s_i32, r, b, o); }
void tcg_gen_ld16u_i32(TCGv_i32 r, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_ld16u_i32, r, b, o); }
void tcg_gen_ld16s_i32(TCGv_i32 r, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_ld16s_i32, r, b, o); }
void tcg_gen_ld_i32(TCGv_i32 r, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_ld_i32, r, b, o); }
void tcg_gen_st8_i32(TCGv_i32 v, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_st8_i32, v, b, o); }
void tcg_gen_st16_i32(TCGv_i32 v, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_st16_i32, v, b, o); }
void tcg_gen_st_i32(TCGv_i32 v, TCGv_ptr b, intptr_t o) { gen_ldst_i32(INDEX_op_st_i32, v, b, o); }

/* ==================================================================== guest memory */

void tcg_gen_qemu_ld_i32(TCGv_i32 ret, TCGv_i32 addr, MemOp memop)
{
    gen_op3(INDEX_op_qemu_ld_i32, a32(ret), a32(addr), memop);
}

void tcg_gen_qemu_st_i32(TCGv_i32 val, TCGv_i32 addr, MemOp memop)
{
    gen_op3(INDEX_op_qemu_st_i32, a32(val), a32(addr), memop);
}

void tcg_gen_qemu_ld_i64(TCGv_i64 ret, TCGv_i32 addr, MemOp memop)
{
    if (TCG_TARGET_HAS_qemu_ld_i64) {
        gen_op3(INDEX_op_qemu_ld_i64, a64(ret), a32(addr), memop);
    } else if ((memop & MO_SIZE) == MO_64) {
        /* Little-endian guest: low word first. */
        TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32(), a4 = tcg_temp_new_i32();
        tcg_gen_qemu_ld_i32(lo, addr, MO_UL);
        tcg_gen_addi_i32(a4, addr, 4);
        tcg_gen_qemu_ld_i32(hi, a4, MO_UL);
        tcg_gen_concat_i32_i64(ret, lo, hi);
        tcg_temp_free_i32(lo);
        tcg_temp_free_i32(hi);
        tcg_temp_free_i32(a4);
    } else {
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_qemu_ld_i32(v, addr, memop);
        if (memop & MO_SIGN) tcg_gen_ext_i32_i64(ret, v);
        else tcg_gen_extu_i32_i64(ret, v);
        tcg_temp_free_i32(v);
    }
}

void tcg_gen_qemu_st_i64(TCGv_i64 val, TCGv_i32 addr, MemOp memop)
{
    if (TCG_TARGET_HAS_qemu_ld_i64) {
        gen_op3(INDEX_op_qemu_st_i64, a64(val), a32(addr), memop);
    } else {
        TCGv_i32 lo = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(lo, val);
        if ((memop & MO_SIZE) == MO_64) {
            TCGv_i32 hi = tcg_temp_new_i32(), a4 = tcg_temp_new_i32();
            tcg_gen_extrh_i64_i32(hi, val);
            tcg_gen_qemu_st_i32(lo, addr, MO_UL);
            tcg_gen_addi_i32(a4, addr, 4);
            tcg_gen_qemu_st_i32(hi, a4, MO_UL);
            tcg_temp_free_i32(hi);
            tcg_temp_free_i32(a4);
        } else {
            tcg_gen_qemu_st_i32(lo, addr, memop);
        }
        tcg_temp_free_i32(lo);
    }
}

/* ==================================================================== 64-bit and pointers */

void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 a)
{
    if (ret != a) gen_op2(INDEX_op_mov_i64, a64(ret), a64(a));
}

void tcg_gen_movi_i64(TCGv_i64 ret, int64_t v) { gen_op2(INDEX_op_movi_i64, a64(ret), (TCGArg)v); }

void tcg_gen_ld_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t off)
{
    gen_op3(INDEX_op_ld_i64, a64(ret), aptr(base), (TCGArg)off);
}

void tcg_gen_st_i64(TCGv_i64 val, TCGv_ptr base, intptr_t off)
{
    gen_op3(INDEX_op_st_i64, a64(val), aptr(base), (TCGArg)off);
}

void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    gen_op3(INDEX_op_add_i64, a64(ret), a64(a), a64(b));
}

static void gen_shifti_i64(TCGOpcode opc, TCGv_i64 ret, TCGv_i64 a, int64_t b)
{
    tcg_debug_assert(b >= 0 && b < 64);
    if (b == 0) {
        tcg_gen_mov_i64(ret, a);
    } else {
        TCGv_i64 t = tcg_const_i64(b);
        gen_op3(opc, a64(ret), a64(a), a64(t));
        tcg_temp_free_i64(t);
    }
}

void tcg_gen_shli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b) { gen_shifti_i64(INDEX_op_shl_i64, ret, a, b); }
void tcg_gen_shri_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b) { gen_shifti_i64(INDEX_op_shr_i64, ret, a, b); }

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a) { gen_op2(INDEX_op_extu_i32_i64, a64(ret), a32(a)); }
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a) { gen_op2(INDEX_op_ext_i32_i64, a64(ret), a32(a)); }
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a) { gen_op2(INDEX_op_extrl_i64_i32, a32(ret), a64(a)); }
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a) { gen_op2(INDEX_op_extrh_i64_i32, a32(ret), a64(a)); }

void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 tl = tcg_temp_new_i64(), th = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(tl, lo);
    tcg_gen_extu_i32_i64(th, hi);
    tcg_gen_shli_i64(th, th, 32);
    gen_op3(INDEX_op_or_i64, a64(ret), a64(tl), a64(th));
    tcg_temp_free_i64(tl);
    tcg_temp_free_i64(th);
}

void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t off)
{
    gen_op3(INDEX_op_ld_i64, aptr(ret), aptr(base), (TCGArg)off);
}

void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b)
{
    if (b == 0) {
        if (ret != a) gen_op2(INDEX_op_mov_i64, aptr(ret), aptr(a));
    } else {
        TCGv_i64 t = tcg_const_i64(b);
        gen_op3(INDEX_op_add_i64, aptr(ret), aptr(a), a64(t));
        tcg_temp_free_i64(t);
    }
}
