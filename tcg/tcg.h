/*
 * tcg.h - the Tiny Code Generator's intermediate representation and context.
 *
 * A translated block goes through: front end (target-i386/translate.c) emits ops through the
 * tcg_gen_* API (tcg-op.h) into tcg_ctx->ops[] -> optimiser (optimize.c) -> liveness analysis ->
 * register allocation and host code emission (tcg_gen_code in tcg.c, which calls the host back
 * end included from tcg/<host>/tcg-target.c.inc).
 *
 * Temps: every value is a TCGTemp. Kinds: TEMP_FIXED (lives in a fixed host register for the
 * whole code cache, e.g. env), TEMP_GLOBAL (lives in env memory, cached in registers within a
 * basic block), TEMP_LOCAL (lives across basic blocks within one TB, spilled to the frame),
 * TEMP_NORMAL (dies at the end of a basic block), TEMP_CONST (a constant).
 * Phase 2 maps guest registers to host registers: that is a global created with
 * tcg_global_reg_new_*() (TEMP_FIXED), so the allocator already supports it.
 */
#ifndef TCG_H
#define TCG_H

#include "loongbt-common.h"
#include "tcg-target.h"       /* from tcg/<host>/: registers, insn unit, TCG_TARGET_HAS_* */

/* ------------------------------------------------------------------ opcodes */
typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

enum {
    TCG_OPF_BB_END       = 0x01,  /* ends a basic block: globals synced, normal temps dead */
    TCG_OPF_CALL_CLOBBER = 0x02,  /* clobbers call-clobbered registers */
    TCG_OPF_SIDE_EFFECTS = 0x04,  /* never removed by dead code elimination */
    TCG_OPF_64BIT        = 0x08,  /* operands are 64-bit */
    TCG_OPF_NOT_PRESENT  = 0x10,  /* handled by generic code, never reaches the back end */
};

#define TCG_MAX_OP_ARGS 16        /* outputs + inputs + constants of one op (calls included) */

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, nb_args;
    uint8_t flags;
    struct TCGArgConstraint *args_ct;   /* filled from the back end's constraint table */
} TCGOpDef;
extern TCGOpDef tcg_op_defs[NB_OPS];

/* ------------------------------------------------------------------ conditions, memops */
/* Condition codes. Bit layout as in classic TCG: bit 0 inverts, bit 1..: kind; tests rely on
 * tcg_invert_cond/tcg_swap_cond below, not on the numbers. */
typedef enum TCGCond {
    TCG_COND_NEVER  = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ  = 8,  TCG_COND_NE  = 9,
    TCG_COND_LT  = 2,  TCG_COND_GE  = 3,
    TCG_COND_LE  = 4,  TCG_COND_GT  = 5,
    TCG_COND_LTU = 10, TCG_COND_GEU = 11,
    TCG_COND_LEU = 12, TCG_COND_GTU = 13,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c) { return (TCGCond)(c ^ 1); }
static inline TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;  case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;  case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU; case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU; case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;
    }
}
static inline bool tcg_cond_is_unsigned(TCGCond c) { return c >= TCG_COND_LTU; }

/* Guest memory access: size, signedness. Guest and hosts are little-endian. */
typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3, MO_SIZE = 3,
    MO_SIGN = 4,
    MO_UB = MO_8, MO_UW = MO_16, MO_UL = MO_32, MO_Q = MO_64,
    MO_SB = MO_SIGN | MO_8, MO_SW = MO_SIGN | MO_16, MO_SL = MO_SIGN | MO_32,
} MemOp;

/* ------------------------------------------------------------------ types and temps */
typedef enum TCGType { TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_COUNT } TCGType;
#define TCG_TYPE_PTR TCG_TYPE_I64     /* every host back end is 64-bit */

typedef enum TCGTempKind { TEMP_NORMAL, TEMP_LOCAL, TEMP_GLOBAL, TEMP_FIXED, TEMP_CONST } TCGTempKind;
typedef enum TCGTempVal { TEMP_VAL_DEAD, TEMP_VAL_REG, TEMP_VAL_MEM, TEMP_VAL_CONST } TCGTempVal;

typedef uint64_t TCGRegSet;         /* bit i = host register i */
typedef uintptr_t TCGArg;

typedef struct TCGTemp {
    TCGType type;
    TCGTempKind kind;
    TCGTempVal val_type;            /* where the value is right now (register allocation) */
    int8_t reg;                     /* host register when val_type == REG, or the fixed reg */
    bool mem_coherent;              /* memory copy is up to date */
    bool mem_allocated;             /* a frame slot / env slot exists */
    bool temp_allocated;            /* in use (not on the free list) */
    int64_t val;                    /* constant value when val_type == CONST / kind == CONST */
    struct TCGTemp *mem_base;       /* base temp for the memory copy (env or the frame pointer) */
    intptr_t mem_offset;
    const char *name;               /* globals: "eax", ...; NULL otherwise */
    uintptr_t state;                /* free for passes (optimiser, liveness) */
    void *state_ptr;
} TCGTemp;

/* Distinct handle types for the front end; all are TCGTemp pointers in disguise. */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;
static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }
static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t) { return (TCGv_ptr)t; }
static inline TCGArg temp_arg(TCGTemp *t) { return (TCGArg)t; }
static inline TCGTemp *arg_temp(TCGArg a) { return (TCGTemp *)a; }

/* ------------------------------------------------------------------ labels */
typedef struct TCGRelocation {
    struct TCGRelocation *next;
    tcg_insn_unit *ptr;             /* where to patch */
    intptr_t addend;
    int type;                       /* back-end relocation kind */
} TCGRelocation;

typedef struct TCGLabel {
    int id;
    bool has_value;
    bool refs;                      /* some branch uses it (optimiser may drop unused labels) */
    tcg_insn_unit *value;           /* host address once emitted */
    TCGRelocation *relocs;          /* pending patches until the label is emitted */
} TCGLabel;

/* Labels travel in TCGOp.args as pointers. */
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }

/* ------------------------------------------------------------------ ops */
/* Liveness result per op: bit (i) set = argument i dies here; bit (SYNC_ARG + i) set = output i
 * (a global or local) must be written back to memory after the op. */
typedef uint32_t TCGLifeData;
#define DEAD_ARG 0
#define SYNC_ARG 16
#define IS_DEAD_ARG(life, n) (((life) >> (DEAD_ARG + (n))) & 1)
#define NEED_SYNC_ARG(life, n) (((life) >> (SYNC_ARG + (n))) & 1)

typedef struct TCGOp {
    TCGOpcode opc;
    uint8_t callo, calli;           /* call ops: number of outputs (0/1) and inputs */
    TCGLifeData life;
    TCGArg args[TCG_MAX_OP_ARGS];   /* outputs, inputs, constants (for call: outs, ins, func, flags) */
} TCGOp;

/* Helper call flags (what the helper may do to globals). */
enum {
    TCG_CALL_NO_READ_GLOBALS  = 0x01,  /* helper does not read globals: no sync before the call */
    TCG_CALL_NO_WRITE_GLOBALS = 0x02,  /* helper does not write globals: no reload after */
    TCG_CALL_NO_SIDE_EFFECTS  = 0x04,  /* removable when the result is unused */
    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_WG = TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_RWG_SE = TCG_CALL_NO_RWG | TCG_CALL_NO_SIDE_EFFECTS,
    TCG_CALL_NO_WG_SE = TCG_CALL_NO_WG | TCG_CALL_NO_SIDE_EFFECTS,
};

/* ------------------------------------------------------------------ register constraints */
typedef struct TCGArgConstraint {
    TCGRegSet regs;                 /* allowed registers */
    uint16_t ct;                    /* TCG_CT_* */
    uint8_t alias_index;            /* for TCG_CT_ALIAS / TCG_CT_IALIAS */
} TCGArgConstraint;
enum {
    TCG_CT_REG    = 0x01,           /* any register in .regs */
    TCG_CT_ALIAS  = 0x02,           /* input: must be in the same register as output alias_index */
    TCG_CT_IALIAS = 0x04,           /* output: some input aliases it */
    TCG_CT_NEWREG = 0x08,           /* output: must not overlap any input ('&') */
    TCG_CT_CONST  = 0x10,           /* any constant is accepted ('i') */
    /* 0x100 and up: back-end constant classes (e.g. signed 32-bit immediates), see tcg_target_const_match */
};

/* One entry of a back end's constraint table: a string per argument, outputs first.
 * Generic letters: 'r' any allocatable register, 'i' any constant, '0'-'9' same register as that
 * output, '&' (prefix on an output) distinct from all inputs. Other letters are parsed by the back
 * end's target_parse_constraint(). */
typedef struct TCGTargetOpDef {
    TCGOpcode op;
    const char *args_ct_str[TCG_MAX_OP_ARGS];
} TCGTargetOpDef;

/* ------------------------------------------------------------------ context */
#define TCG_MAX_TEMPS 512
#define TCG_MAX_INSNS 512           /* guest instructions in one TB */
#define TCG_MAX_OPS   8192
#define TCG_MAX_LABELS 1024
#define TCG_INSN_DATA 2             /* insn_start words: guest pc, cc_op */
#define TCG_MAX_RELOCS 4096         /* pending label references in one TB */

typedef struct TCGContext {
    /* temps: [0, nb_globals) globals (persist across TBs), then per-TB temps */
    int nb_globals;
    int nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];
    uint64_t free_temps[TCG_TYPE_COUNT][2][(TCG_MAX_TEMPS + 63) / 64]; /* [type][local] free lists */

    /* ops of the TB being translated */
    int nb_ops;
    TCGOp ops[TCG_MAX_OPS];
    int nb_labels;
    TCGLabel labels[TCG_MAX_LABELS];

    /* register allocation state */
    TCGRegSet reserved_regs;        /* never allocated (env, guest_base, stack, scratch) */
    TCGRegSet call_clobbered_regs;  /* clobbered by a host C call */
    TCGRegSet available_regs[TCG_TYPE_COUNT];
    TCGTemp *reg_to_temp[TCG_TARGET_NB_REGS];
    TCGTemp *frame_temp;            /* base register temp for spills */
    intptr_t frame_start, frame_end, current_frame_offset;

    /* code generation */
    void *code_gen_buffer;          /* the whole code cache */
    size_t code_gen_buffer_size;
    void *code_gen_ptr;             /* next free byte in the code cache */
    void *code_gen_highwater;       /* past this, tb_gen_code flushes before translating */
    void *code_gen_prologue;        /* tcg_qemu_tb_exec entry */
    void *code_gen_epilogue;        /* return path: exit_tb jumps here (also goto_ptr's miss target) */
    tcg_insn_unit *code_buf;        /* start of the TB being emitted */
    tcg_insn_unit *code_ptr;        /* emission cursor */

    /* goto_tb bookkeeping for the TB being emitted; set by tb_gen_code before tcg_gen_code.
     * Direct method: the back end stores in tb_jmp_offset[n] the offset of the patchable jump.
     * Indirect method (tb_jmp_offset == NULL): it jumps through the address in tb_next[n].
     * In both cases tb_next_offset[n] = offset of the code right after the jump (reset target). */
    uint16_t *tb_jmp_offset;
    uint16_t *tb_next_offset;
    uintptr_t *tb_next;

    /* insn_start records: per guest insn, the restore data and the host offset where it ends */
    int nb_insns;
    uint16_t gen_insn_end_off[TCG_MAX_INSNS];
    uint32_t gen_insn_data[TCG_MAX_INSNS][TCG_INSN_DATA];

    /* the env pointer global (fixed in TCG_AREG0) */
    TCGTemp *env_temp;

    /* statistics for `make bench` / -d: host insns emitted, guest insns translated */
    uint64_t stat_tbs, stat_guest_insns, stat_host_bytes;

    /* ---- added by tcg.c (generic core) ---- */
    /* Pool for pending label relocations of the TB being emitted (reset by tcg_func_start). */
    int nb_relocs;
    TCGRelocation relocs_pool[TCG_MAX_RELOCS];
    /* More statistics: ops seen by the allocator, ops removed by liveness, spills emitted. */
    uint64_t stat_ops, stat_ops_removed, stat_spills;
    /* Bytes of exit_tb sequences (the return to cpu_exec that chained blocks skip): the static
     * inflation of -d stats counts the rest of each block as its fast path. */
    uint64_t stat_exit_bytes;
    const TCGOp *cur_op;            /* op being allocated (for error reports) */
} TCGContext;

extern TCGContext *tcg_ctx;
/* -d stats: print the translation statistics above to the log (profile_report, at exit). */
void tcg_print_stats(void);
extern TCGv_ptr cpu_env;

/* ------------------------------------------------------------------ core API (tcg.c) */
void tcg_context_init(TCGContext *s);             /* once: op defs, constraints, back end init */
void tcg_prologue_init(TCGContext *s);            /* once: emit prologue/epilogue at buffer start */
void tcg_func_start(TCGContext *s);               /* start a new TB: reset temps, ops, labels */
/* Generate host code for the ops at s->code_ptr; returns the code size in bytes, or -1 if the
 * code would not fit before s->code_gen_highwater (caller flushes and retries). */
int tcg_gen_code(TCGContext *s, void *tb);
void tcg_optimize(TCGContext *s);                 /* optimize.c */
void tcg_liveness_analysis(TCGContext *s);
void tcg_dump_ops(TCGContext *s, FILE *f, bool have_life);
const char *tcg_cond_name(TCGCond c);
/* Optional: give a helper a name for -d op dumps (" call cc_compute_all,..."); unregistered
 * helpers print as addresses. Call once per helper at start-up (e.g. from tcg_x86_init). */
void tcg_register_helper_name(const void *func, const char *name);

TCGTemp *tcg_temp_new_internal(TCGType type, bool local);
void tcg_temp_free_internal(TCGTemp *t);
TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGv_ptr base, intptr_t off, const char *name);
TCGTemp *tcg_global_reg_new_internal(TCGType type, int reg, const char *name);
TCGOp *tcg_emit_op(TCGOpcode opc);               /* append an op; caller fills args */

/* Host code of the prologue: uintptr_t prologue(void *env, const void *tb_code). */
typedef uintptr_t (*tcg_prologue_fn)(void *env, const void *tb_code);
static inline uintptr_t tcg_qemu_tb_exec(void *env, const void *tb_code)
{
    return ((tcg_prologue_fn)tcg_ctx->code_gen_prologue)(env, tb_code);
}

/* Host disassembly for -d out_asm (tcg/<host>/tcg-target-disas.c). */
void tcg_target_disas(FILE *f, const void *code, size_t size);
/* Number of host instructions in [code, code + size), or -1 if this build cannot tell
 * (same file; used by the CONFIG_PROFILE host instruction counts). */
long tcg_target_insn_count(const void *code, size_t size);

/* Patch chaining jump at jmp_addr (a TB's tb_jmp_offset[n]) to go to addr; keeps the i-cache
 * coherent. Implemented by the back end; must be atomic w.r.t. concurrently running code. */
void tb_target_set_jmp_target(uintptr_t jmp_addr, uintptr_t addr);
/* Flush the host instruction cache for freshly written code (no-op on x86_64). */
void tcg_flush_icache_range(uintptr_t start, uintptr_t stop);

#endif
