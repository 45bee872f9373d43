/*
 * optimize.c - the TCG optimiser: one forward pass over a TB's ops doing constant folding,
 * copy propagation and algebraic simplification (x+0, x*1, x&0, x^x, ...).
 *
 * Knowledge is tracked per temp: "holds constant C" or "is a copy of temp R" (R is the
 * representative: the oldest temp holding that value). Uses of a copy are rewritten to use the
 * representative, so the mov that made the copy often becomes dead and liveness drops it.
 * Everything is forgotten at basic block boundaries (labels, branches), and a helper call that
 * may write globals forgets what was known about globals. Ops are never inserted, only
 * rewritten in place (to mov/movi/br) or turned into nop.
 */
#include "loongbt-common.h"
#include "tcg.h"

/* ==================================================================== per-temp knowledge */

typedef struct OptTemp {
    bool is_const;
    uint64_t val;               /* constant, zero-extended to 64 bits for i32 temps */
    TCGTemp *copy_of;           /* representative this temp is a copy of, or NULL */
    int nb_copies;              /* temps whose copy_of is this temp */
} OptTemp;

static OptTemp opt_temps[TCG_MAX_TEMPS];

static inline OptTemp *ot(TCGContext *s, TCGTemp *ts) { return &opt_temps[ts - s->temps]; }

static inline uint64_t type_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static void reset_all(TCGContext *s)
{
    memset(opt_temps, 0, sizeof(opt_temps[0]) * s->nb_temps);
}

/* ts gets a new value: forget what it was and that others were copies of it. */
static void reset_temp(TCGContext *s, TCGTemp *ts)
{
    OptTemp *o = ot(s, ts);
    if (o->copy_of) {
        ot(s, o->copy_of)->nb_copies--;
        o->copy_of = NULL;
    }
    if (o->nb_copies) {
        for (int i = 0; i < s->nb_temps; i++) {
            if (opt_temps[i].copy_of == ts) opt_temps[i].copy_of = NULL;
        }
        o->nb_copies = 0;
    }
    o->is_const = false;
}

static void reset_globals(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) reset_temp(s, &s->temps[i]);
}

static inline TCGTemp *canon(TCGContext *s, TCGTemp *ts)
{
    TCGTemp *r = ot(s, ts)->copy_of;
    return r ? r : ts;
}

static inline bool is_const(TCGContext *s, TCGTemp *ts) { return ot(s, ts)->is_const; }
static inline uint64_t const_val(TCGContext *s, TCGTemp *ts) { return ot(s, ts)->val; }
static inline bool is_const_val(TCGContext *s, TCGTemp *ts, uint64_t v)
{
    return is_const(s, ts) && const_val(s, ts) == (v & type_mask(ts->type));
}

static void set_const(TCGContext *s, TCGTemp *ts, uint64_t val)
{
    reset_temp(s, ts);
    ot(s, ts)->is_const = true;
    ot(s, ts)->val = val & type_mask(ts->type);
}

static void set_copy(TCGContext *s, TCGTemp *dst, TCGTemp *src)
{
    TCGTemp *rep = canon(s, src);
    reset_temp(s, dst);
    if (rep == dst) return;
    ot(s, dst)->copy_of = rep;
    ot(s, rep)->nb_copies++;
}

/* ==================================================================== constant evaluation */

static uint64_t fold_unary(TCGOpcode opc, uint64_t x)
{
    switch (opc) {
    case INDEX_op_neg_i32: return -(uint32_t)x;
    case INDEX_op_not_i32: return ~(uint32_t)x;
    case INDEX_op_ext8s_i32: return (uint32_t)(int8_t)x;
    case INDEX_op_ext8u_i32: return (uint8_t)x;
    case INDEX_op_ext16s_i32: return (uint32_t)(int16_t)x;
    case INDEX_op_ext16u_i32: return (uint16_t)x;
    case INDEX_op_bswap16_i32: return __builtin_bswap16((uint16_t)x);
    case INDEX_op_bswap32_i32: return __builtin_bswap32((uint32_t)x);
    case INDEX_op_extu_i32_i64: return (uint32_t)x;
    case INDEX_op_ext_i32_i64: return (uint64_t)(int64_t)(int32_t)x;
    case INDEX_op_extrl_i64_i32: return (uint32_t)x;
    case INDEX_op_extrh_i64_i32: return x >> 32;
    default: tcg_abort();
    }
}

static uint32_t rol32(uint32_t x, unsigned n) { n &= 31; return n ? (x << n) | (x >> (32 - n)) : x; }
static uint32_t ror32(uint32_t x, unsigned n) { return rol32(x, 32 - (n & 31)); }

static uint64_t fold_binary(TCGOpcode opc, uint64_t x, uint64_t y)
{
    uint32_t x32 = (uint32_t)x, y32 = (uint32_t)y;
    switch (opc) {
    case INDEX_op_add_i32: return x32 + y32;
    case INDEX_op_sub_i32: return x32 - y32;
    case INDEX_op_mul_i32: return x32 * y32;
    case INDEX_op_and_i32: return x32 & y32;
    case INDEX_op_or_i32: return x32 | y32;
    case INDEX_op_xor_i32: return x32 ^ y32;
    case INDEX_op_andc_i32: return x32 & ~y32;
    case INDEX_op_shl_i32: return x32 << (y32 & 31);
    case INDEX_op_shr_i32: return x32 >> (y32 & 31);
    case INDEX_op_sar_i32: return (uint32_t)((int32_t)x32 >> (y32 & 31));
    case INDEX_op_rotl_i32: return rol32(x32, y32);
    case INDEX_op_rotr_i32: return ror32(x32, y32);
    case INDEX_op_clz_i32: return x32 ? (uint32_t)__builtin_clz(x32) : y32;
    case INDEX_op_ctz_i32: return x32 ? (uint32_t)__builtin_ctz(x32) : y32;
    case INDEX_op_add_i64: return x + y;
    case INDEX_op_and_i64: return x & y;
    case INDEX_op_or_i64: return x | y;
    case INDEX_op_shl_i64: return x << (y & 63);
    case INDEX_op_shr_i64: return x >> (y & 63);
    default: tcg_abort();
    }
}

static bool is_foldable_unary(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_neg_i32: case INDEX_op_not_i32:
    case INDEX_op_ext8s_i32: case INDEX_op_ext8u_i32:
    case INDEX_op_ext16s_i32: case INDEX_op_ext16u_i32:
    case INDEX_op_bswap16_i32: case INDEX_op_bswap32_i32:
    case INDEX_op_extu_i32_i64: case INDEX_op_ext_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
        return true;
    default:
        return false;
    }
}

static bool is_foldable_binary(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add_i32: case INDEX_op_sub_i32: case INDEX_op_mul_i32:
    case INDEX_op_and_i32: case INDEX_op_or_i32: case INDEX_op_xor_i32:
    case INDEX_op_andc_i32: case INDEX_op_shl_i32: case INDEX_op_shr_i32:
    case INDEX_op_sar_i32: case INDEX_op_rotl_i32: case INDEX_op_rotr_i32:
    case INDEX_op_clz_i32: case INDEX_op_ctz_i32:
    case INDEX_op_add_i64: case INDEX_op_and_i64: case INDEX_op_or_i64:
    case INDEX_op_shl_i64: case INDEX_op_shr_i64:
        return true;
    default:
        return false;
    }
}

static bool eval_cond_i32(TCGCond c, uint32_t x, uint32_t y)
{
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return x == y;
    case TCG_COND_NE: return x != y;
    case TCG_COND_LT: return (int32_t)x < (int32_t)y;
    case TCG_COND_GE: return (int32_t)x >= (int32_t)y;
    case TCG_COND_LE: return (int32_t)x <= (int32_t)y;
    case TCG_COND_GT: return (int32_t)x > (int32_t)y;
    case TCG_COND_LTU: return x < y;
    case TCG_COND_GEU: return x >= y;
    case TCG_COND_LEU: return x <= y;
    case TCG_COND_GTU: return x > y;
    }
    return false;
}

/* Result of (a cond b) when known at translation time: 1/0, or -1 if unknown. */
static int known_cond(TCGContext *s, TCGCond c, TCGTemp *a, TCGTemp *b)
{
    if (is_const(s, a) && is_const(s, b))
        return eval_cond_i32(c, (uint32_t)const_val(s, a), (uint32_t)const_val(s, b));
    if (canon(s, a) == canon(s, b)) return eval_cond_i32(c, 0, 0);   /* a == b */
    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) return c == TCG_COND_ALWAYS;
    return -1;
}

/* ==================================================================== rewriting ops */

static void opt_mov(TCGContext *s, TCGOp *op);

static void op_to_movi(TCGContext *s, TCGOp *op, uint64_t val)
{
    TCGTemp *ret = arg_temp(op->args[0]);
    val &= type_mask(ret->type);
    op->opc = ret->type == TCG_TYPE_I64 ? INDEX_op_movi_i64 : INDEX_op_movi_i32;
    op->args[1] = (TCGArg)val;
    set_const(s, ret, val);
}

static void op_to_mov(TCGContext *s, TCGOp *op, TCGTemp *src)
{
    TCGTemp *ret = arg_temp(op->args[0]);
    op->opc = ret->type == TCG_TYPE_I64 ? INDEX_op_mov_i64 : INDEX_op_mov_i32;
    op->args[1] = temp_arg(src);
    opt_mov(s, op);
}

static void opt_mov(TCGContext *s, TCGOp *op)
{
    TCGTemp *dst = arg_temp(op->args[0]), *src = arg_temp(op->args[1]);
    if (is_const(s, src)) {
        if (is_const_val(s, dst, const_val(s, src))) op->opc = INDEX_op_nop;
        else op_to_movi(s, op, const_val(s, src));
    } else if (canon(s, src) == canon(s, dst)) {
        op->opc = INDEX_op_nop;              /* dst already holds that value */
    } else {
        set_copy(s, dst, src);
    }
}

static void opt_movi(TCGContext *s, TCGOp *op)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    uint64_t v = (uint64_t)op->args[1] & type_mask(dst->type);
    if (is_const_val(s, dst, v)) op->opc = INDEX_op_nop;
    else set_const(s, dst, v);
}

/* Algebraic identities with one known operand or equal operands; true if op was rewritten. */
static bool simplify_binary(TCGContext *s, TCGOp *op)
{
    TCGTemp *x = arg_temp(op->args[1]), *y = arg_temp(op->args[2]);
    bool same = canon(s, x) == canon(s, y);

    switch (op->opc) {
    case INDEX_op_add_i32: case INDEX_op_add_i64: case INDEX_op_or_i32: case INDEX_op_or_i64:
    case INDEX_op_xor_i32:
        if (is_const_val(s, y, 0)) { op_to_mov(s, op, x); return true; }
        if (is_const_val(s, x, 0)) { op_to_mov(s, op, y); return true; }
        break;
    case INDEX_op_sub_i32: case INDEX_op_shl_i32: case INDEX_op_shr_i32: case INDEX_op_sar_i32:
    case INDEX_op_rotl_i32: case INDEX_op_rotr_i32: case INDEX_op_andc_i32:
    case INDEX_op_shl_i64: case INDEX_op_shr_i64:
        if (is_const_val(s, y, 0)) { op_to_mov(s, op, x); return true; }
        break;
    case INDEX_op_mul_i32:
        if (is_const_val(s, y, 0) || is_const_val(s, x, 0)) { op_to_movi(s, op, 0); return true; }
        if (is_const_val(s, y, 1)) { op_to_mov(s, op, x); return true; }
        if (is_const_val(s, x, 1)) { op_to_mov(s, op, y); return true; }
        break;
    case INDEX_op_and_i32: case INDEX_op_and_i64:
        if (is_const_val(s, y, 0) || is_const_val(s, x, 0)) { op_to_movi(s, op, 0); return true; }
        if (is_const_val(s, y, ~0ull)) { op_to_mov(s, op, x); return true; }
        if (is_const_val(s, x, ~0ull)) { op_to_mov(s, op, y); return true; }
        break;
    default:
        break;
    }
    if ((op->opc == INDEX_op_or_i32 || op->opc == INDEX_op_or_i64) &&
        (is_const_val(s, y, ~0ull) || is_const_val(s, x, ~0ull))) {
        op_to_movi(s, op, ~0ull);
        return true;
    }
    if (!same) return false;
    switch (op->opc) {
    case INDEX_op_and_i32: case INDEX_op_and_i64: case INDEX_op_or_i32: case INDEX_op_or_i64:
        op_to_mov(s, op, x);
        return true;
    case INDEX_op_xor_i32: case INDEX_op_sub_i32: case INDEX_op_andc_i32:
        op_to_movi(s, op, 0);
        return true;
    default:
        return false;
    }
}

static bool opt_arith(TCGContext *s, TCGOp *op, const TCGOpDef *def)
{
    if (def->nb_oargs != 1 || def->nb_cargs != 0) return false;
    if (def->nb_iargs == 1 && is_foldable_unary(op->opc)) {
        TCGTemp *x = arg_temp(op->args[1]);
        if (is_const(s, x)) {
            op_to_movi(s, op, fold_unary(op->opc, const_val(s, x)));
            return true;
        }
        return false;
    }
    if (def->nb_iargs == 2 && is_foldable_binary(op->opc)) {
        TCGTemp *x = arg_temp(op->args[1]), *y = arg_temp(op->args[2]);
        if (is_const(s, x) && is_const(s, y)) {
            op_to_movi(s, op, fold_binary(op->opc, const_val(s, x), const_val(s, y)));
            return true;
        }
        return simplify_binary(s, op);
    }
    return false;
}

static bool opt_setcond(TCGContext *s, TCGOp *op)
{
    int k = known_cond(s, (TCGCond)op->args[3], arg_temp(op->args[1]), arg_temp(op->args[2]));
    if (k < 0) return false;
    op_to_movi(s, op, k);
    return true;
}

static bool opt_movcond(TCGContext *s, TCGOp *op)
{
    TCGTemp *v1 = arg_temp(op->args[3]), *v2 = arg_temp(op->args[4]);
    int k = known_cond(s, (TCGCond)op->args[5], arg_temp(op->args[1]), arg_temp(op->args[2]));
    if (k < 0 && canon(s, v1) == canon(s, v2)) k = 1;
    if (k < 0) return false;
    op_to_mov(s, op, k ? v1 : v2);
    return true;
}

static bool opt_bitfield(TCGContext *s, TCGOp *op)
{
    TCGTemp *a = arg_temp(op->args[1]);
    if (op->opc == INDEX_op_deposit_i32) {
        TCGTemp *b = arg_temp(op->args[2]);
        unsigned ofs = op->args[3], len = op->args[4];
        uint32_t mask = (len >= 32 ? ~0u : (1u << len) - 1) << ofs;
        if (!is_const(s, a) || !is_const(s, b)) return false;
        op_to_movi(s, op, ((uint32_t)const_val(s, a) & ~mask) |
                          (((uint32_t)const_val(s, b) << ofs) & mask));
        return true;
    }
    unsigned ofs = op->args[2], len = op->args[3];
    if (!is_const(s, a)) return false;
    uint32_t v = (uint32_t)const_val(s, a) << (32 - ofs - len);
    if (op->opc == INDEX_op_extract_i32) op_to_movi(s, op, len ? v >> (32 - len) : 0);
    else op_to_movi(s, op, len ? (uint32_t)((int32_t)v >> (32 - len)) : 0);
    return true;
}

/* brcond with a known outcome becomes br or disappears. */
static void opt_brcond(TCGContext *s, TCGOp *op)
{
    int k = known_cond(s, (TCGCond)op->args[2], arg_temp(op->args[0]), arg_temp(op->args[1]));
    if (k == 0) {
        op->opc = INDEX_op_nop;
        return;
    }
    if (k == 1) {
        op->opc = INDEX_op_br;
        op->args[0] = op->args[3];
    }
    reset_all(s);
}

static void opt_call(TCGContext *s, TCGOp *op)
{
    int nb_o = op->callo, nb_i = op->calli;
    unsigned flags = (unsigned)op->args[nb_o + nb_i + 1];
    for (int i = nb_o; i < nb_o + nb_i; i++) op->args[i] = temp_arg(canon(s, arg_temp(op->args[i])));
    if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) reset_globals(s);
    for (int i = 0; i < nb_o; i++) reset_temp(s, arg_temp(op->args[i]));
}

/* ==================================================================== driver */

static void opt_one(TCGContext *s, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_o = def->nb_oargs, nb_i = def->nb_iargs;

    switch (op->opc) {
    case INDEX_op_nop: case INDEX_op_insn_start: case INDEX_op_count_exec: return;
    case INDEX_op_set_label: reset_all(s); return;
    case INDEX_op_call: opt_call(s, op); return;
    case INDEX_op_discard: reset_temp(s, arg_temp(op->args[0])); return;
    default: break;
    }
    /* copy propagation: read the representative instead of a copy */
    for (int i = nb_o; i < nb_o + nb_i; i++) op->args[i] = temp_arg(canon(s, arg_temp(op->args[i])));

    switch (op->opc) {
    case INDEX_op_mov_i32: case INDEX_op_mov_i64: opt_mov(s, op); return;
    case INDEX_op_movi_i32: case INDEX_op_movi_i64: opt_movi(s, op); return;
    case INDEX_op_brcond_i32: opt_brcond(s, op); return;
    case INDEX_op_setcond_i32: if (opt_setcond(s, op)) return; break;
    case INDEX_op_movcond_i32: if (opt_movcond(s, op)) return; break;
    case INDEX_op_deposit_i32: case INDEX_op_extract_i32: case INDEX_op_sextract_i32:
        if (opt_bitfield(s, op)) return;
        break;
    default:
        if (opt_arith(s, op, def)) return;
        break;
    }
    for (int i = 0; i < nb_o; i++) reset_temp(s, arg_temp(op->args[i]));
    if (def->flags & TCG_OPF_BB_END) reset_all(s);
}

void tcg_optimize(TCGContext *s)
{
    reset_all(s);
    for (int oi = 0; oi < s->nb_ops; oi++) opt_one(s, &s->ops[oi]);
}
