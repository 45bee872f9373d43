/*
 * tcg.c - the generic core of the Tiny Code Generator: the context, temps, op emission,
 * liveness analysis, the register allocator and the driver that turns a TB's ops into host
 * code through the back end (tcg/<host>/tcg-target.c.inc, included once below).
 *
 * Pipeline run by tcg_gen_code(): [optimiser] -> liveness (per-op dead/sync bits, dead op
 * removal) -> one forward pass that keeps every temp's location (register, memory, constant)
 * up to date and calls the back end for each op with registers satisfying its constraints.
 */
#include <inttypes.h>
#include "loongbt-common.h"
#include "log.h"
#include "tcg.h"
#include "tcg-be.h"
#include "profile.h"

/* ==================================================================== global state */

static TCGContext tcg_ctx_storage;
TCGContext *tcg_ctx = &tcg_ctx_storage;
TCGv_ptr cpu_env;

TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(name, oargs, iargs, cargs, flags) \
    { #name, oargs, iargs, cargs, (oargs) + (iargs) + (cargs), flags, NULL },
#include "tcg-opc.h"
#undef DEF
};

/* Parsed constraints and, per op, argument indices sorted most-constrained first (outputs in
 * [0, nb_oargs), inputs after): allocating narrow constraints first avoids dead ends such as
 * a shift count needing RCX after another input already took it. */
static TCGArgConstraint op_args_ct[NB_OPS][TCG_MAX_OP_ARGS];
static uint8_t op_sorted_args[NB_OPS][TCG_MAX_OP_ARGS];

static inline int temp_idx(TCGContext *s, TCGTemp *ts) { return (int)(ts - s->temps); }

/* The back end (static functions promised by tcg-be.h). */
#include "tcg-target.c.inc"

/* ==================================================================== constraints */

/* Fewer allowed registers = allocate earlier. On a tie a plain constraint goes before an alias:
 * an aliased input accepts whatever register it already sits in, so it must not grab the one
 * register a fixed-register input (e.g. a shift count in RCX) needs. */
static int constraint_priority(const TCGArgConstraint *ct)
{
    int n;
    if (!(ct->ct & TCG_CT_REG)) return 0;
    n = __builtin_popcountll(ct->regs);
    return (TCG_TARGET_NB_REGS - n + 1) * 2 + !(ct->ct & TCG_CT_ALIAS);
}

static void sort_constraints(TCGArgConstraint *cts, uint8_t *order, int start, int n)
{
    for (int i = 0; i < n; i++) order[start + i] = start + i;
    for (int i = 0; i < n; i++) {          /* insertion sort, stable, descending priority */
        for (int j = i; j > 0; j--) {
            int a = order[start + j - 1], b = order[start + j];
            if (constraint_priority(&cts[a]) >= constraint_priority(&cts[b])) break;
            order[start + j - 1] = b;
            order[start + j] = a;
        }
    }
}

static void parse_one_constraint(TCGContext *s, TCGOpcode op, int argi, const char *str)
{
    TCGOpDef *def = &tcg_op_defs[op];
    TCGArgConstraint *ct = &def->args_ct[argi];
    TCGType type = (def->flags & TCG_OPF_64BIT) ? TCG_TYPE_I64 : TCG_TYPE_I32;

    if (!str) {
        fprintf(stderr, "constraint missing for %s arg %d\n", def->name, argi);
        tcg_abort();
    }
    while (*str) {
        char c = *str;
        if (c >= '0' && c <= '9') {
            int oarg = c - '0';
            tcg_debug_assert(argi >= def->nb_oargs && oarg < def->nb_oargs);
            ct->regs = def->args_ct[oarg].regs;
            ct->ct |= TCG_CT_ALIAS | TCG_CT_REG;
            ct->alias_index = oarg;
            def->args_ct[oarg].ct |= TCG_CT_IALIAS;
            def->args_ct[oarg].alias_index = argi;
            str++;
        } else if (c == '&') {
            ct->ct |= TCG_CT_NEWREG;
            str++;
        } else if (c == 'r') {
            ct->ct |= TCG_CT_REG;
            ct->regs |= s->available_regs[type];
            str++;
        } else if (c == 'i') {
            ct->ct |= TCG_CT_CONST;
            str++;
        } else {
            const char *next = target_parse_constraint(ct, str, type);
            if (!next) {
                fprintf(stderr, "unknown constraint '%c' for %s\n", c, def->name);
                tcg_abort();
            }
            str = next;
        }
    }
}

static void parse_op_constraints(TCGContext *s, TCGOpcode op)
{
    TCGOpDef *def = &tcg_op_defs[op];
    const TCGTargetOpDef *tdef;
    int nb = def->nb_oargs + def->nb_iargs;

    def->args_ct = op_args_ct[op];
    memset(def->args_ct, 0, sizeof(op_args_ct[op]));
    if (def->flags & TCG_OPF_NOT_PRESENT) return;
    tdef = tcg_target_op_def(op);
    if (!tdef) {
        def->args_ct = NULL;         /* unsupported by the host: must be expanded by tcg-op.c */
        return;
    }
    for (int i = 0; i < nb; i++) parse_one_constraint(s, op, i, tdef->args_ct_str[i]);
    sort_constraints(def->args_ct, op_sorted_args[op], 0, def->nb_oargs);
    sort_constraints(def->args_ct, op_sorted_args[op], def->nb_oargs, def->nb_iargs);
}

/* ==================================================================== context setup */

void tcg_context_init(TCGContext *s)
{
    memset(s, 0, sizeof(*s));
    tcg_target_init(s);
    for (int op = 0; op < NB_OPS; op++) parse_op_constraints(s, (TCGOpcode)op);
    s->env_temp = tcg_global_reg_new_internal(TCG_TYPE_PTR, TCG_AREG0, "env");
    cpu_env = temp_tcgv_ptr(s->env_temp);
}

void tcg_prologue_init(TCGContext *s)
{
    uint8_t *buf = s->code_gen_buffer;
    size_t size;

    s->code_buf = (tcg_insn_unit *)buf;
    s->code_ptr = (tcg_insn_unit *)buf;
    tcg_target_qemu_prologue(s);
    size = (uint8_t *)s->code_ptr - buf;
    tcg_flush_icache_range((uintptr_t)buf, (uintptr_t)buf + size);
    s->code_gen_prologue = buf;
    s->code_gen_ptr = buf + QEMU_ALIGN_UP(size, 64);
    if (CONFIG_PROFILE) {
        size_t pro = (size_t)((uint8_t *)s->code_gen_epilogue - buf);
        profile_set_prologue(tcg_target_insn_count(buf, pro),
                             tcg_target_insn_count(buf + pro, size - pro));
    }
    if (qemu_loglevel_mask(CPU_LOG_OUT_ASM)) {
        FILE *f = qemu_logfile ? qemu_logfile : stderr;
        fprintf(f, "PROLOGUE: [size=%zu]\n", size);
        tcg_target_disas(f, buf, size);
        fprintf(f, "\n");
    }
}

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;
    memset(s->free_temps, 0, sizeof(s->free_temps));
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_insns = 0;
    s->nb_relocs = 0;
    s->current_frame_offset = s->frame_start;
}

static void tcg_set_frame(TCGContext *s, int reg, intptr_t start, intptr_t size)
{
    s->frame_start = start;
    s->frame_end = start + size;
    s->current_frame_offset = start;
    s->frame_temp = tcg_global_reg_new_internal(TCG_TYPE_PTR, reg, "_frame");
}

/* ==================================================================== temps */

static TCGTemp *temp_new_slot(TCGContext *s)
{
    if (s->nb_temps >= TCG_MAX_TEMPS) tcg_abort_msg(__FILE__, __LINE__, "too many TCG temps");
    TCGTemp *ts = &s->temps[s->nb_temps++];
    memset(ts, 0, sizeof(*ts));
    return ts;
}

static TCGTemp *global_new(TCGContext *s, TCGType type, TCGTempKind kind, const char *name)
{
    if (s->nb_temps != s->nb_globals)
        tcg_abort_msg(__FILE__, __LINE__, "globals must be created before per-TB temps");
    TCGTemp *ts = temp_new_slot(s);
    s->nb_globals++;
    ts->type = type;
    ts->kind = kind;
    ts->name = name;
    ts->temp_allocated = true;
    return ts;
}

TCGTemp *tcg_global_reg_new_internal(TCGType type, int reg, const char *name)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts = global_new(s, type, TEMP_FIXED, name);
    ts->reg = reg;
    ts->val_type = TEMP_VAL_REG;
    s->reserved_regs |= (TCGRegSet)1 << reg;
    return ts;
}

TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGv_ptr base, intptr_t off, const char *name)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *base_ts = tcgv_ptr_temp(base);
    if (base_ts->kind != TEMP_FIXED)
        tcg_abort_msg(__FILE__, __LINE__, "global base must live in a fixed register");
    TCGTemp *ts = global_new(s, type, TEMP_GLOBAL, name);
    ts->mem_base = base_ts;
    ts->mem_offset = off;
    ts->mem_allocated = true;
    ts->mem_coherent = true;
    ts->val_type = TEMP_VAL_MEM;
    return ts;
}

TCGTemp *tcg_temp_new_internal(TCGType type, bool local)
{
    TCGContext *s = tcg_ctx;
    uint64_t *bits = s->free_temps[type][local];
    TCGTemp *ts = NULL;

    for (int w = 0; w < (TCG_MAX_TEMPS + 63) / 64; w++) {
        if (bits[w]) {
            int idx = w * 64 + __builtin_ctzll(bits[w]);
            bits[w] &= bits[w] - 1;
            ts = &s->temps[idx];
            break;
        }
    }
    if (!ts) {
        ts = temp_new_slot(s);
        ts->type = type;
        ts->kind = local ? TEMP_LOCAL : TEMP_NORMAL;
    }
    ts->temp_allocated = true;
    return ts;
}

void tcg_temp_free_internal(TCGTemp *ts)
{
    TCGContext *s = tcg_ctx;
    int idx = temp_idx(s, ts);
    if (idx < s->nb_globals || !ts->temp_allocated) return;   /* globals live forever */
    ts->temp_allocated = false;
    s->free_temps[ts->type][ts->kind == TEMP_LOCAL][idx / 64] |= (uint64_t)1 << (idx % 64);
}

TCGOp *tcg_emit_op(TCGOpcode opc)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_ops >= TCG_MAX_OPS) tcg_abort_msg(__FILE__, __LINE__, "too many TCG ops in one TB");
    TCGOp *op = &s->ops[s->nb_ops++];
    op->opc = opc;
    op->callo = op->calli = 0;
    op->life = 0;
    return op;
}

/* ==================================================================== labels and relocations */

static void tcg_out_reloc(TCGContext *s, tcg_insn_unit *code_ptr, int type, TCGLabel *l,
                          intptr_t addend)
{
    if (l->has_value) {
        if (!patch_reloc(code_ptr, type, (intptr_t)l->value, addend))
            tcg_abort_msg(__FILE__, __LINE__, "branch target out of range");
        return;
    }
    if (s->nb_relocs >= TCG_MAX_RELOCS) tcg_abort_msg(__FILE__, __LINE__, "too many relocations");
    TCGRelocation *r = &s->relocs_pool[s->nb_relocs++];
    r->ptr = code_ptr;
    r->type = type;
    r->addend = addend;
    r->next = l->relocs;
    l->relocs = r;
}

static void tcg_out_label(TCGContext *s, TCGLabel *l)
{
    l->has_value = true;
    l->value = s->code_ptr;
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        if (!patch_reloc(r->ptr, r->type, (intptr_t)l->value, r->addend))
            tcg_abort_msg(__FILE__, __LINE__, "branch target out of range");
    }
    l->relocs = NULL;
}

/* ==================================================================== dumping */

const char *tcg_cond_name(TCGCond c)
{
    switch (c) {
    case TCG_COND_NEVER: return "never";
    case TCG_COND_ALWAYS: return "always";
    case TCG_COND_EQ: return "eq";
    case TCG_COND_NE: return "ne";
    case TCG_COND_LT: return "lt";
    case TCG_COND_GE: return "ge";
    case TCG_COND_LE: return "le";
    case TCG_COND_GT: return "gt";
    case TCG_COND_LTU: return "ltu";
    case TCG_COND_GEU: return "geu";
    case TCG_COND_LEU: return "leu";
    case TCG_COND_GTU: return "gtu";
    }
    return "?";
}

#define TCG_MAX_HELPER_NAMES 256
static struct { const void *func; const char *name; } helper_names[TCG_MAX_HELPER_NAMES];
static int nb_helper_names;

void tcg_register_helper_name(const void *func, const char *name)
{
    if (nb_helper_names < TCG_MAX_HELPER_NAMES) {
        helper_names[nb_helper_names].func = func;
        helper_names[nb_helper_names].name = name;
        nb_helper_names++;
    }
}

static const char *helper_name(const void *func)
{
    for (int i = 0; i < nb_helper_names; i++) {
        if (helper_names[i].func == func) return helper_names[i].name;
    }
    return NULL;
}

static const char *temp_name(TCGContext *s, TCGTemp *ts, char *buf, size_t n)
{
    int idx = temp_idx(s, ts);
    if (ts->name) return ts->name;
    snprintf(buf, n, "%s%d", ts->kind == TEMP_LOCAL ? "loc" : "tmp", idx - s->nb_globals);
    return buf;
}

/* Print constant argument k of op (after its temps), knowing which ones are conds/labels. */
static void dump_carg(FILE *f, const TCGOp *op, int k, TCGArg a)
{
    bool is_cond = false, is_label = false;
    switch (op->opc) {
    case INDEX_op_br: case INDEX_op_set_label: is_label = (k == 0); break;
    case INDEX_op_brcond_i32: is_cond = (k == 0); is_label = (k == 1); break;
    case INDEX_op_setcond_i32: case INDEX_op_movcond_i32: is_cond = (k == 0); break;
    default: break;
    }
    if (is_cond) fprintf(f, "%s", tcg_cond_name((TCGCond)a));
    else if (is_label) fprintf(f, "$L%d", arg_label(a)->id);
    else fprintf(f, "$0x%" PRIxPTR, (uintptr_t)a);
}

static void dump_life(FILE *f, TCGLifeData life, int nb_oargs, int nb_args)
{
    bool any = false;
    for (int i = 0; i < nb_args; i++) {
        if (IS_DEAD_ARG(life, i)) { fprintf(f, any ? " %d" : "  dead: %d", i); any = true; }
    }
    any = false;
    for (int i = 0; i < nb_oargs; i++) {
        if (NEED_SYNC_ARG(life, i)) { fprintf(f, any ? " %d" : "  sync: %d", i); any = true; }
    }
}

static void dump_one_op(TCGContext *s, FILE *f, const TCGOp *op, bool have_life)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    char buf[32];
    int nb_o = def->nb_oargs, nb_i = def->nb_iargs, nb_c = def->nb_cargs, k = 0;

    if (op->opc == INDEX_op_insn_start) {
        fprintf(f, " ---- 0x%08x %u\n", (uint32_t)op->args[0], (uint32_t)op->args[1]);
        return;
    }
    if (op->opc == INDEX_op_call) {
        nb_o = op->callo;
        nb_i = op->calli;
        const void *func = (const void *)op->args[nb_o + nb_i];
        const char *hname = helper_name(func);
        if (hname) fprintf(f, " call %s", hname);
        else fprintf(f, " call $%p", func);
        fprintf(f, ",$0x%x,$%d", (unsigned)op->args[nb_o + nb_i + 1], nb_o + nb_i);
        for (int i = 0; i < nb_o + nb_i; i++)
            fprintf(f, ",%s", temp_name(s, arg_temp(op->args[i]), buf, sizeof(buf)));
    } else {
        fprintf(f, " %s ", def->name);
        for (int i = 0; i < nb_o + nb_i; i++, k++)
            fprintf(f, "%s%s", k ? "," : "", temp_name(s, arg_temp(op->args[i]), buf, sizeof(buf)));
        for (int i = 0; i < nb_c; i++, k++) {
            if (k) fputc(',', f);
            dump_carg(f, op, i, op->args[nb_o + nb_i + i]);
        }
    }
    if (have_life) dump_life(f, op->life, nb_o, nb_o + nb_i);
    fputc('\n', f);
}

void tcg_dump_ops(TCGContext *s, FILE *f, bool have_life)
{
    for (int oi = 0; oi < s->nb_ops; oi++) {
        if (s->ops[oi].opc == INDEX_op_nop) continue;
        dump_one_op(s, f, &s->ops[oi], have_life);
    }
}

/* ==================================================================== liveness analysis */
/*
 * Backward pass. temp->state holds, at the current point, TS_DEAD (the register value is not
 * needed any more) and TS_MEM (the value must be in memory here: globals and locals at block
 * ends, globals before helpers that read them or ops that may fault).
 */
enum { TS_DEAD = 1, TS_MEM = 2 };

static void la_bb_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->state = ts->kind == TEMP_NORMAL ? TS_DEAD : TS_DEAD | TS_MEM;
    }
}

static void la_global_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) s->temps[i].state |= TS_MEM;
}

static void la_global_kill(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) s->temps[i].state = TS_DEAD | TS_MEM;
}

static bool la_outputs_all_dead(const TCGOp *op, int nb_oargs)
{
    for (int i = 0; i < nb_oargs; i++) {
        if (arg_temp(op->args[i])->state != TS_DEAD) return false;
    }
    return true;
}

static TCGLifeData la_outputs(const TCGOp *op, int nb_oargs)
{
    TCGLifeData life = 0;
    for (int i = 0; i < nb_oargs; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);
        if (ts->state & TS_DEAD) life |= 1u << (DEAD_ARG + i);
        if (ts->state & TS_MEM) life |= 1u << (SYNC_ARG + i);
        ts->state = TS_DEAD;
    }
    return life;
}

static TCGLifeData la_inputs(const TCGOp *op, int first, int nb_iargs)
{
    TCGLifeData life = 0;
    for (int i = first; i < first + nb_iargs; i++) {
        if (arg_temp(op->args[i])->state & TS_DEAD) life |= 1u << (DEAD_ARG + i);
    }
    for (int i = first; i < first + nb_iargs; i++) arg_temp(op->args[i])->state &= ~TS_DEAD;
    return life;
}

static void la_remove(TCGContext *s, TCGOp *op)
{
    op->opc = INDEX_op_nop;
    op->life = 0;
    s->stat_ops_removed++;
}

static void la_call(TCGContext *s, TCGOp *op)
{
    int nb_o = op->callo, nb_i = op->calli;
    unsigned flags = (unsigned)op->args[nb_o + nb_i + 1];
    TCGLifeData life;

    if ((flags & TCG_CALL_NO_SIDE_EFFECTS) && la_outputs_all_dead(op, nb_o)) {
        la_remove(s, op);
        return;
    }
    life = la_outputs(op, nb_o);
    if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) la_global_kill(s);
    else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) la_global_sync(s);
    life |= la_inputs(op, nb_o, nb_i);
    op->life = life;
}

static void la_op(TCGContext *s, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_o = def->nb_oargs, nb_i = def->nb_iargs;
    TCGLifeData life;

    switch (op->opc) {
    case INDEX_op_nop:
    case INDEX_op_insn_start:
    case INDEX_op_count_exec:
        return;
    case INDEX_op_call:
        la_call(s, op);
        return;
    case INDEX_op_discard:
        arg_temp(op->args[0])->state = TS_DEAD;
        op->life = 0;
        return;
    default:
        break;
    }
    if (nb_o > 0 && !(def->flags & TCG_OPF_SIDE_EFFECTS) && la_outputs_all_dead(op, nb_o)) {
        la_remove(s, op);
        return;
    }
    life = la_outputs(op, nb_o);
    if (def->flags & TCG_OPF_BB_END) la_bb_end(s);
    else if (def->flags & TCG_OPF_SIDE_EFFECTS) la_global_sync(s);
    life |= la_inputs(op, nb_o, nb_i);
    op->life = life;
}

void tcg_liveness_analysis(TCGContext *s)
{
    la_bb_end(s);                  /* end of the TB: like the end of a basic block */
    for (int oi = s->nb_ops - 1; oi >= 0; oi--) la_op(s, &s->ops[oi]);
}

/* ==================================================================== register allocator: temps */

static inline TCGRegSet regbit(int reg) { return (TCGRegSet)1 << reg; }

static void reg_alloc_start(TCGContext *s)
{
    memset(s->reg_to_temp, 0, sizeof(s->reg_to_temp));
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_FIXED: ts->val_type = TEMP_VAL_REG; break;
        case TEMP_GLOBAL: ts->val_type = TEMP_VAL_MEM; ts->mem_coherent = true; break;
        case TEMP_LOCAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            ts->mem_allocated = false;
            break;
        case TEMP_NORMAL: ts->val_type = TEMP_VAL_DEAD; ts->mem_allocated = false; break;
        case TEMP_CONST: ts->val_type = TEMP_VAL_CONST; break;
        }
    }
}

static void temp_allocate_frame(TCGContext *s, TCGTemp *ts)
{
    intptr_t off = QEMU_ALIGN_UP(s->current_frame_offset, 8);
    if (!s->frame_temp || off + 8 > s->frame_end)
        tcg_abort_msg(__FILE__, __LINE__, "out of spill slots in the TCG frame");
    ts->mem_base = s->frame_temp;
    ts->mem_offset = off;
    ts->mem_allocated = true;
    s->current_frame_offset = off + 8;
}

static void tcg_reg_free(TCGContext *s, int reg, TCGRegSet allocated);

/* Pick a register from desired (not in allocated, not reserved); spill its owner if needed. */
static int tcg_reg_alloc(TCGContext *s, TCGRegSet desired, TCGRegSet allocated)
{
    TCGRegSet set = desired & ~allocated & ~s->reserved_regs;
    int n = ARRAY_SIZE(tcg_target_reg_alloc_order);

    for (int i = 0; i < n; i++) {
        int reg = tcg_target_reg_alloc_order[i];
        if ((set & regbit(reg)) && !s->reg_to_temp[reg]) return reg;
    }
    for (int i = 0; i < n; i++) {
        int reg = tcg_target_reg_alloc_order[i];
        if (set & regbit(reg)) {
            tcg_reg_free(s, reg, allocated);
            return reg;
        }
    }
    if (s->cur_op) {
        fprintf(stderr, "loongbt: register allocation failed for op:\n");
        dump_one_op(s, stderr, s->cur_op, true);
    }
    tcg_abort_msg(__FILE__, __LINE__, "register allocator: no register satisfies a constraint");
}

static void temp_bind_reg(TCGContext *s, TCGTemp *ts, int reg)
{
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    s->reg_to_temp[reg] = ts;
}

/* Make the memory copy of ts current (global/local writeback or a spill). */
static void temp_sync(TCGContext *s, TCGTemp *ts, TCGRegSet allocated)
{
    if (ts->kind == TEMP_FIXED) return;
    if (ts->val_type == TEMP_VAL_REG && ts->mem_coherent) return;
    switch (ts->val_type) {
    case TEMP_VAL_CONST: {
        int reg = tcg_reg_alloc(s, s->available_regs[ts->type], allocated);
        tcg_out_movi(s, ts->type, reg, ts->val);
        temp_bind_reg(s, ts, reg);
    }
        /* fall through */
    case TEMP_VAL_REG:
        if (!ts->mem_allocated) temp_allocate_frame(s, ts);
        tcg_out_st(s, ts->type, ts->reg, ts->mem_base->reg, ts->mem_offset);
        ts->mem_coherent = true;
        break;
    case TEMP_VAL_MEM:
    case TEMP_VAL_DEAD:
        break;
    }
}

/* Release ts's register; globals/locals then live in memory, normal temps are gone. */
static void temp_dead(TCGContext *s, TCGTemp *ts)
{
    if (ts->kind == TEMP_FIXED) return;
    if (ts->val_type == TEMP_VAL_REG) s->reg_to_temp[ts->reg] = NULL;
    if (ts->kind == TEMP_NORMAL) {
        ts->val_type = TEMP_VAL_DEAD;
    } else {
        ts->val_type = TEMP_VAL_MEM;
        ts->mem_coherent = true;
    }
}

/* Write ts back to memory and release its register (value stays live, in memory). */
static void temp_save(TCGContext *s, TCGTemp *ts, TCGRegSet allocated)
{
    if (ts->kind == TEMP_FIXED) return;
    temp_sync(s, ts, allocated);
    if (ts->val_type == TEMP_VAL_REG) s->reg_to_temp[ts->reg] = NULL;
    if (ts->val_type != TEMP_VAL_DEAD) ts->val_type = TEMP_VAL_MEM;
}

static void tcg_reg_free(TCGContext *s, int reg, TCGRegSet allocated)
{
    TCGTemp *ts = s->reg_to_temp[reg];
    if (!ts) return;
    if (!ts->mem_coherent) s->stat_spills++;
    temp_save(s, ts, allocated | regbit(reg));
}

/* Bring ts into some register of desired (it may already be in another register: the caller
 * checks the constraint and copies). */
static void temp_load(TCGContext *s, TCGTemp *ts, TCGRegSet desired, TCGRegSet allocated)
{
    int reg;
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        return;
    case TEMP_VAL_CONST:
        reg = tcg_reg_alloc(s, desired, allocated);
        tcg_out_movi(s, ts->type, reg, ts->val);
        ts->mem_coherent = false;
        break;
    case TEMP_VAL_MEM:
        reg = tcg_reg_alloc(s, desired, allocated);
        if (!ts->mem_allocated) temp_allocate_frame(s, ts);   /* local read before any write */
        tcg_out_ld(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
        ts->mem_coherent = true;
        break;
    default: {
        char buf[32];
        fprintf(stderr, "loongbt: TCG temp %s used while dead (front-end bug)\n",
                temp_name(s, ts, buf, sizeof(buf)));
        tcg_abort();
    }
    }
    temp_bind_reg(s, ts, reg);
}

static void sync_globals(TCGContext *s, TCGRegSet allocated)
{
    for (int i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) temp_sync(s, &s->temps[i], allocated);
    }
}

static void save_globals(TCGContext *s, TCGRegSet allocated)
{
    for (int i = 0; i < s->nb_globals; i++) {
        if (s->temps[i].kind == TEMP_GLOBAL) temp_save(s, &s->temps[i], allocated);
    }
}

/* End of a basic block: locals and globals to memory, normal temps die. */
static void reg_alloc_bb_end(TCGContext *s, TCGRegSet allocated)
{
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_LOCAL) temp_save(s, ts, allocated);
        else temp_dead(s, ts);
    }
    save_globals(s, allocated);
}

/* After an op wrote its outputs: sync those that liveness wants in memory, free dead ones. */
static void finish_output(TCGContext *s, TCGTemp *ts, TCGLifeData life, int i, TCGRegSet allocated)
{
    if (NEED_SYNC_ARG(life, i)) temp_sync(s, ts, allocated);
    if (IS_DEAD_ARG(life, i)) temp_dead(s, ts);
}

/* ==================================================================== register allocator: ops */

static void reg_alloc_movi(TCGContext *s, TCGTemp *ots, int64_t val, TCGLifeData life)
{
    if (ots->kind == TEMP_FIXED) {
        tcg_out_movi(s, ots->type, ots->reg, val);
    } else {
        if (ots->val_type == TEMP_VAL_REG) s->reg_to_temp[ots->reg] = NULL;
        ots->val_type = TEMP_VAL_CONST;
        ots->val = val;
        ots->mem_coherent = false;
    }
    finish_output(s, ots, life, 0, s->reserved_regs);
}

static int64_t movi_value(const TCGOp *op)
{
    if (op->opc == INDEX_op_movi_i32) return (int32_t)op->args[1];
    return (int64_t)op->args[1];
}

static void reg_alloc_mov(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]), *ts = arg_temp(op->args[1]);
    TCGLifeData life = op->life;
    TCGRegSet allocated = s->reserved_regs;

    if (ots == ts) {
        finish_output(s, ots, life, 0, allocated);
        return;
    }
    if (ts->val_type == TEMP_VAL_CONST) {
        int64_t v = ts->val;
        if (IS_DEAD_ARG(life, 1)) temp_dead(s, ts);
        reg_alloc_movi(s, ots, ots->type == TCG_TYPE_I32 ? (int32_t)v : v, life);
        return;
    }
    temp_load(s, ts, s->available_regs[ots->type], allocated);

    if (IS_DEAD_ARG(life, 0) && NEED_SYNC_ARG(life, 0) && ots->kind != TEMP_FIXED) {
        /* Only the memory copy of ots is needed: store straight from ts's register. */
        if (ots->val_type == TEMP_VAL_REG) s->reg_to_temp[ots->reg] = NULL;
        if (!ots->mem_allocated) temp_allocate_frame(s, ots);
        tcg_out_st(s, ots->type, ts->reg, ots->mem_base->reg, ots->mem_offset);
        if (IS_DEAD_ARG(life, 1)) temp_dead(s, ts);
        ots->val_type = TEMP_VAL_MEM;
        ots->mem_coherent = true;
        temp_dead(s, ots);
        return;
    }
    if (IS_DEAD_ARG(life, 1) && ts->kind != TEMP_FIXED && ots->kind != TEMP_FIXED) {
        /* The source dies here: rename its register instead of copying. */
        int reg = ts->reg;
        if (ots->val_type == TEMP_VAL_REG) s->reg_to_temp[ots->reg] = NULL;
        temp_dead(s, ts);
        temp_bind_reg(s, ots, reg);
    } else {
        if (ots->kind == TEMP_FIXED) {
            tcg_out_mov(s, ots->type, ots->reg, ts->reg);
        } else {
            if (ots->val_type != TEMP_VAL_REG) {
                int reg = tcg_reg_alloc(s, s->available_regs[ots->type], allocated | regbit(ts->reg));
                temp_bind_reg(s, ots, reg);
            }
            tcg_out_mov(s, ots->type, ots->reg, ts->reg);
        }
        if (IS_DEAD_ARG(life, 1)) temp_dead(s, ts);
    }
    ots->mem_coherent = false;
    finish_output(s, ots, life, 0, allocated);
}

/* Place input i of op; returns the registers now claimed by inputs. */
static TCGRegSet alloc_input(TCGContext *s, const TCGOp *op, const TCGOpDef *def, int k,
                             TCGArg *new_args, int *const_args, TCGRegSet i_allocated)
{
    const uint8_t *sorted = op_sorted_args[op->opc];
    int i = sorted[def->nb_oargs + k];
    TCGTemp *ts = arg_temp(op->args[i]);
    const TCGArgConstraint *ct = &def->args_ct[i];
    bool need_copy = false;
    int reg;

    if (ts->val_type == TEMP_VAL_CONST && tcg_target_const_match(ts->val, ts->type, ct)) {
        const_args[i] = 1;
        new_args[i] = (TCGArg)ts->val;
        return i_allocated;
    }
    temp_load(s, ts, ct->regs, i_allocated);
    reg = ts->reg;
    if (ct->ct & TCG_CT_ALIAS) {
        if (ts->kind == TEMP_FIXED) {
            need_copy = op->args[i] != op->args[ct->alias_index];
        } else if (!IS_DEAD_ARG(op->life, i)) {
            need_copy = true;        /* the op overwrites it but the value is still needed */
        } else {
            for (int k2 = 0; k2 < k; k2++) {
                int i2 = sorted[def->nb_oargs + k2];
                if ((def->args_ct[i2].ct & TCG_CT_ALIAS) && !const_args[i2] &&
                    new_args[i2] == (TCGArg)reg)
                    need_copy = true;
            }
        }
    }
    if (!(ct->regs & regbit(reg))) need_copy = true;
    if (need_copy) {
        TCGRegSet others = ct->regs & ~(i_allocated | s->reserved_regs | regbit(reg));
        if (!others && (ct->regs & regbit(reg)) && ts->kind != TEMP_FIXED) {
            /* The only allowed register is the one holding ts (e.g. mulu2's RAX): move ts
             * elsewhere and let the op consume (and overwrite) the old register. */
            int other = tcg_reg_alloc(s, s->available_regs[ts->type], i_allocated | regbit(reg));
            tcg_out_mov(s, ts->type, other, reg);
            s->reg_to_temp[reg] = NULL;
            temp_bind_reg(s, ts, other);
        } else {
            int nreg = tcg_reg_alloc(s, ct->regs, i_allocated | regbit(reg));
            tcg_out_mov(s, ts->type, nreg, reg);
            reg = nreg;
        }
    }
    new_args[i] = reg;
    const_args[i] = 0;
    return i_allocated | regbit(reg);
}

static TCGRegSet alloc_output(TCGContext *s, const TCGOp *op, const TCGOpDef *def, int k,
                              TCGArg *new_args, TCGRegSet i_allocated, TCGRegSet o_allocated)
{
    int i = op_sorted_args[op->opc][k];
    TCGTemp *ts = arg_temp(op->args[i]);
    const TCGArgConstraint *ct = &def->args_ct[i];
    int reg;

    if (ct->ct & TCG_CT_IALIAS) {
        reg = (int)new_args[ct->alias_index];
        if (s->reg_to_temp[reg] && s->reg_to_temp[reg] != ts) tcg_reg_free(s, reg, o_allocated);
    } else if (ct->ct & TCG_CT_NEWREG) {
        reg = tcg_reg_alloc(s, ct->regs, i_allocated | o_allocated);
    } else {
        reg = tcg_reg_alloc(s, ct->regs, o_allocated);
    }
    if (ts->kind != TEMP_FIXED) {
        if (ts->val_type == TEMP_VAL_REG && s->reg_to_temp[ts->reg] == ts)
            s->reg_to_temp[ts->reg] = NULL;
        temp_bind_reg(s, ts, reg);
        ts->mem_coherent = false;
    }
    new_args[i] = reg;
    return o_allocated | regbit(reg);
}

static void reg_alloc_op(TCGContext *s, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_o = def->nb_oargs, nb_i = def->nb_iargs, nb_c = def->nb_cargs;
    TCGArg new_args[TCG_MAX_OP_ARGS];
    int const_args[TCG_MAX_OP_ARGS];
    TCGRegSet i_allocated = s->reserved_regs, o_allocated = s->reserved_regs;

    if (!def->args_ct) {
        fprintf(stderr, "loongbt: op %s is not supported by the host back end\n", def->name);
        tcg_abort();
    }
    memset(const_args, 0, sizeof(const_args));
    for (int k = 0; k < nb_c; k++) {
        new_args[nb_o + nb_i + k] = op->args[nb_o + nb_i + k];
        const_args[nb_o + nb_i + k] = 1;
    }
    for (int k = 0; k < nb_i; k++)
        i_allocated = alloc_input(s, op, def, k, new_args, const_args, i_allocated);
    for (int i = nb_o; i < nb_o + nb_i; i++) {
        if (IS_DEAD_ARG(op->life, i)) temp_dead(s, arg_temp(op->args[i]));
    }
    if (def->flags & TCG_OPF_BB_END) {
        reg_alloc_bb_end(s, i_allocated);
    } else {
        if (def->flags & TCG_OPF_SIDE_EFFECTS) sync_globals(s, i_allocated);
        if (def->flags & TCG_OPF_CALL_CLOBBER) {
            for (int reg = 0; reg < TCG_TARGET_NB_REGS; reg++) {
                if (s->call_clobbered_regs & regbit(reg)) tcg_reg_free(s, reg, i_allocated);
            }
        }
        for (int k = 0; k < nb_o; k++)
            o_allocated = alloc_output(s, op, def, k, new_args, i_allocated, o_allocated);
    }
    tcg_out_op(s, op->opc, new_args, const_args);
    for (int i = 0; i < nb_o; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);
        if (ts->kind == TEMP_FIXED && ts->reg != (int)new_args[i])
            tcg_out_mov(s, ts->type, ts->reg, (int)new_args[i]);
        finish_output(s, ts, op->life, i, o_allocated);
    }
}

/* ==================================================================== register allocator: calls */

/* Put the value of ts into register reg (already free), with the i32 extension the ABI wants. */
static void load_call_arg(TCGContext *s, TCGTemp *ts, int reg)
{
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        if (ts->reg != reg) tcg_out_mov(s, ts->type, reg, ts->reg);
        break;
    case TEMP_VAL_CONST:
        tcg_out_movi(s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_MEM:
        if (!ts->mem_allocated) temp_allocate_frame(s, ts);
        tcg_out_ld(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
        break;
    default:
        tcg_abort_msg(__FILE__, __LINE__, "helper argument is a dead temp");
    }
    if (TCG_TARGET_CALL_ARG_I32_EXT && ts->type == TCG_TYPE_I32) {
        TCGArg a[2] = { (TCGArg)reg, (TCGArg)reg };
        int c[2] = { 0, 0 };
        tcg_out_op(s, TCG_TARGET_CALL_ARG_I32_EXT == 1 ? INDEX_op_ext_i32_i64
                                                       : INDEX_op_extu_i32_i64, a, c);
    }
}

static void reg_alloc_call(TCGContext *s, const TCGOp *op)
{
    int nb_o = op->callo, nb_i = op->calli;
    const void *func = (const void *)op->args[nb_o + nb_i];
    unsigned flags = (unsigned)op->args[nb_o + nb_i + 1];
    int nb_regs = tcg_target_nb_call_iarg_regs();
    TCGRegSet allocated = s->reserved_regs;
    TCGLifeData life = op->life;

    /* Stack arguments first: they only need a scratch register each. */
    for (int i = nb_regs; i < nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        intptr_t off = TCG_TARGET_CALL_STACK_OFFSET + (intptr_t)(i - nb_regs) * 8;
        if ((i - nb_regs + 1) * 8 > TCG_STATIC_CALL_ARGS_SIZE)
            tcg_abort_msg(__FILE__, __LINE__, "too many helper arguments");
        if (ts->val_type != TEMP_VAL_REG) temp_load(s, ts, s->available_regs[ts->type], allocated);
        tcg_out_st(s, TCG_TYPE_PTR, ts->reg, TCG_REG_CALL_STACK, off);
    }
    for (int i = 0; i < nb_i && i < nb_regs; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        int reg = tcg_target_call_iarg_regs[i];
        if (!(ts->val_type == TEMP_VAL_REG && ts->reg == reg)) tcg_reg_free(s, reg, allocated);
        load_call_arg(s, ts, reg);
        allocated |= regbit(reg);
    }
    for (int i = nb_o; i < nb_o + nb_i; i++) {
        if (IS_DEAD_ARG(life, i)) temp_dead(s, arg_temp(op->args[i]));
    }
    /* Globals first: syncing a constant global materialises it in some register, which the
     * clobber loop below must then still see and release. */
    if (!(flags & TCG_CALL_NO_READ_GLOBALS) || !(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        if (flags & TCG_CALL_NO_WRITE_GLOBALS) sync_globals(s, allocated);
        else save_globals(s, allocated);
    }
    for (int reg = 0; reg < TCG_TARGET_NB_REGS; reg++) {
        if (s->call_clobbered_regs & regbit(reg)) tcg_reg_free(s, reg, allocated);
    }
    tcg_out_call(s, func);
    for (int i = 0; i < nb_o; i++) {
        TCGTemp *ts = arg_temp(op->args[i]);
        int reg = tcg_target_call_oarg_regs[i];
        if (ts->kind == TEMP_FIXED) {
            if (ts->reg != reg) tcg_out_mov(s, ts->type, ts->reg, reg);
        } else {
            if (ts->val_type == TEMP_VAL_REG) s->reg_to_temp[ts->reg] = NULL;
            temp_bind_reg(s, ts, reg);
            ts->mem_coherent = false;
        }
        finish_output(s, ts, life, i, s->reserved_regs);
    }
}

/* ==================================================================== code generation driver */

static FILE *log_file(void) { return qemu_logfile ? qemu_logfile : stderr; }

static void gen_insn_start(TCGContext *s, const TCGOp *op, int *num_insns)
{
    int n = ++*num_insns;
    if (n >= TCG_MAX_INSNS) tcg_abort_msg(__FILE__, __LINE__, "too many guest insns in one TB");
    if (n > 0) s->gen_insn_end_off[n - 1] = (uint16_t)tcg_current_code_offset(s);
    s->gen_insn_data[n][0] = (uint32_t)op->args[0];
    s->gen_insn_data[n][1] = (uint32_t)op->args[1];
}

/* CONFIG_PROFILE segments (profile.h): each count_exec op starts one. A segment's host
 * instructions are those from the end of its counter code to the start of the next counter
 * (or the end of the TB), so the figure is the code of the plain build. */
static ProfileSegment *prof_seg;
static size_t prof_seg_start;

static void prof_segment_close(TCGContext *s, size_t end)
{
    if (!prof_seg)
        return;
    long n = tcg_target_insn_count((uint8_t *)s->code_buf + prof_seg_start, end - prof_seg_start);
    if (n < 0)
        profile_host_insns_unknown = true;
    prof_seg->host_insns = n < 0 ? 0 : (uint32_t)n;
    prof_seg = NULL;
}

static void gen_count_exec(TCGContext *s)
{
    prof_segment_close(s, tcg_current_code_offset(s));
    prof_seg = profile_segment_new();
    tcg_out_count_exec(s, &prof_seg->count);
    prof_seg_start = tcg_current_code_offset(s);
}

/* Per op: the segment's guest instructions and whether it is a goto_tb jump. */
static void prof_note_op(const TCGOp *op)
{
    if (!prof_seg)
        return;
    if (op->opc == INDEX_op_insn_start)
        prof_seg->guest_insns++;
    else if (op->opc == INDEX_op_goto_tb)
        prof_seg->ends_in_goto_tb = 1;
}

static void gen_set_label_op(TCGContext *s, const TCGOp *op)
{
    reg_alloc_bb_end(s, s->reserved_regs);
    tcg_out_label(s, arg_label(op->args[0]));
}

/* -d stats. Host instructions are counted as bytes / 4 on fixed-width hosts (tcg_insn_unit is
 * a 32-bit word: LoongArch, MIPS); x86_64 reports bytes only. Static inflation = host
 * instructions of each block's fast path (its code minus the exit_tb sequences) per guest
 * instruction translated, over every translation made (retranslations included). */
void tcg_print_stats(void)
{
    const TCGContext *s = tcg_ctx;
    uint64_t gi = s->stat_guest_insns ? s->stat_guest_insns : 1;
    uint64_t fast = s->stat_host_bytes - s->stat_exit_bytes;
    qemu_log("stats: %" PRIu64 " TBs, %" PRIu64 " guest insns translated (%.1f per TB)\n",
             s->stat_tbs, s->stat_guest_insns, (double)s->stat_guest_insns / (double)(s->stat_tbs ? s->stat_tbs : 1));
    qemu_log("stats: %" PRIu64 " ops, %" PRIu64 " removed by liveness, %" PRIu64 " spills\n",
             s->stat_ops, s->stat_ops_removed, s->stat_spills);
    qemu_log("stats: host code %" PRIu64 " bytes (%.2f per guest insn), exit_tb sequences %" PRIu64
             " bytes, fast path %.2f bytes per guest insn\n", s->stat_host_bytes,
             (double)s->stat_host_bytes / (double)gi, s->stat_exit_bytes, (double)fast / (double)gi);
    if (sizeof(tcg_insn_unit) == 4)
        qemu_log("stats: host insns %" PRIu64 ", fast path %" PRIu64 ": static inflation %.2f host insns per guest insn\n",
                 s->stat_host_bytes / 4, fast / 4, (double)(fast / 4) / (double)gi);
    else
        qemu_log("stats: host insns n/a (variable-length host instructions): static inflation n/a\n");
    qemu_log_flush();
}

int tcg_gen_code(TCGContext *s, void *tb)
{
    int num_insns = -1;

    (void)tb;
    if (qemu_loglevel_mask(CPU_LOG_OP)) {
        qemu_log("OP:\n");
        tcg_dump_ops(s, log_file(), false);
        qemu_log("\n");
    }
#if CONFIG_OPTIMIZER
    tcg_optimize(s);
#endif
    tcg_liveness_analysis(s);
    if (qemu_loglevel_mask(CPU_LOG_OP_OPT)) {
        qemu_log("OP after optimization and liveness analysis:\n");
        tcg_dump_ops(s, log_file(), true);
        qemu_log("\n");
    }

    reg_alloc_start(s);
    s->code_buf = s->code_ptr;
    for (int oi = 0; oi < s->nb_ops; oi++) {
        const TCGOp *op = &s->ops[oi];
        s->cur_op = op;
        s->stat_ops++;
        size_t op_start = tcg_current_code_offset(s);
        switch (op->opc) {
        case INDEX_op_nop: break;
        case INDEX_op_mov_i32: case INDEX_op_mov_i64: reg_alloc_mov(s, op); break;
        case INDEX_op_movi_i32: case INDEX_op_movi_i64:
            reg_alloc_movi(s, arg_temp(op->args[0]), movi_value(op), op->life);
            break;
        case INDEX_op_insn_start: gen_insn_start(s, op, &num_insns); break;
        case INDEX_op_count_exec: gen_count_exec(s); break;
        case INDEX_op_discard: temp_dead(s, arg_temp(op->args[0])); break;
        case INDEX_op_set_label: gen_set_label_op(s, op); break;
        case INDEX_op_call: reg_alloc_call(s, op); break;
        default: reg_alloc_op(s, op); break;
        }
        if (op->opc == INDEX_op_exit_tb)
            s->stat_exit_bytes += tcg_current_code_offset(s) - op_start;
        if (CONFIG_PROFILE)
            prof_note_op(op);
        if (s->code_gen_highwater && (void *)s->code_ptr > s->code_gen_highwater) {
            prof_seg = NULL;
            return -1;
        }
    }
    s->cur_op = NULL;
    if (CONFIG_PROFILE)
        prof_segment_close(s, tcg_current_code_offset(s));
    if (num_insns >= 0) s->gen_insn_end_off[num_insns] = (uint16_t)tcg_current_code_offset(s);
    s->nb_insns = num_insns + 1;

    tcg_flush_icache_range((uintptr_t)s->code_buf, (uintptr_t)s->code_ptr);
    s->stat_tbs++;
    s->stat_guest_insns += s->nb_insns;
    s->stat_host_bytes += tcg_current_code_offset(s);
    return (int)tcg_current_code_offset(s);
}
