/*
 * translate.c - the i386 front end: decodes guest instructions starting at a TB's pc and emits
 * TCG IR for them (gen_intermediate_code), until a control transfer, an exception, the end of
 * the guest page or the instruction/op budget.
 *
 * Structure: prefixes -> opcode -> table entry (decode-tables.inc, Intel SDM notation) ->
 * ModRM/SIB/displacement -> operands (registers, memory addresses, immediates) -> the entry's
 * family function (gen_alu, gen_shift, gen_string, ...) which emits the IR.
 *
 * Flags use the lazy scheme of cpu.h: an instruction stores its operands/result in the
 * cc_dst/cc_src/cc_src2 globals and its kind in cc_op. The translator tracks cc_op at
 * translation time (s->cc_op) and writes the cc_op global only when needed (before helpers,
 * branches and TB exits). Rules kept throughout: every guest memory store of an instruction
 * comes before any change to cc globals or registers that the restore data (insn_start: eip,
 * cc_op at instruction start) could not undo; helpers that can raise see eip and cc_op stored.
 */
#include <setjmp.h>
#include "loongbt-common.h"
#include "log.h"
#include "cpu.h"
#include "exec-all.h"
#include "tcg-op.h"
#include "qemu.h"
#include "helper-gen.h"
#include "cpu-model.h"

/* ================================================================== TCG globals */

static TCGv_i32 cpu_regs[8];
static TCGv_i32 cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cpu_cc_op;

static const char *const reg_names[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

void tcg_x86_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    for (int i = 0; i < 8; i++)
        cpu_regs[i] = tcg_global_mem_new_i32(cpu_env, offsetof(CPUX86State, regs[i]), reg_names[i]);
    cpu_cc_dst = tcg_global_mem_new_i32(cpu_env, offsetof(CPUX86State, cc_dst), "cc_dst");
    cpu_cc_src = tcg_global_mem_new_i32(cpu_env, offsetof(CPUX86State, cc_src), "cc_src");
    cpu_cc_src2 = tcg_global_mem_new_i32(cpu_env, offsetof(CPUX86State, cc_src2), "cc_src2");
    cpu_cc_op = tcg_global_mem_new_i32(cpu_env, offsetof(CPUX86State, cc_op), "cc_op");
}

/* ================================================================== decoder types */

/* Operand kinds in the SDM's notation (Appendix A.2), plus a few loongbt shorthands. */
#define X86_OPERAND_KINDS(X) \
    X(xx,  "no operand") \
    X(Eb,  "ModRM r/m, byte") \
    X(Ew,  "ModRM r/m, word") \
    X(Ev,  "ModRM r/m, operand size") \
    X(Gb,  "ModRM reg, byte register") \
    X(Gv,  "ModRM reg, operand size") \
    X(M,   "ModRM memory only (address)") \
    X(Mq,  "ModRM memory only, 64-bit") \
    X(Sw,  "ModRM reg, segment register") \
    X(Ib,  "immediate byte") \
    X(Ibs, "immediate byte sign-extended to operand size") \
    X(Iw,  "immediate word") \
    X(Iz,  "immediate word or dword (operand size)") \
    X(Ix,  "immediate of the first operand's size (group 3 TEST)") \
    X(Jb,  "relative target, 8-bit displacement") \
    X(Jz,  "relative target, 16/32-bit displacement") \
    X(Ob,  "moffs byte (absolute address)") \
    X(Ov,  "moffs, operand size") \
    X(AL,  "register AL") \
    X(eAX, "register AX/EAX") \
    X(CL,  "register CL") \
    X(One, "constant 1 (shift count)") \
    X(Zb,  "byte register in opcode bits 0-2") \
    X(Zv,  "register in opcode bits 0-2, operand size") \
    X(Zd,  "32-bit register in opcode bits 0-2") \
    X(Mx,  "ModRM: memory of any size (address computed) or a register the family decodes (x87)")

enum X86OperandKind {
#define X(name, doc) name,
    X86_OPERAND_KINDS(X)
#undef X
};

/* Where a decoded operand lives. */
enum { OPK_NONE, OPK_REG, OPK_MEM, OPK_IMM, OPK_SEG };

typedef struct X86Operand {
    int kind;                   /* OPK_* */
    MemOp ot;                   /* MO_8 / MO_16 / MO_32 */
    int reg;                    /* REG: register number (byte regs: 4-7 = AH..BH); SEG: index */
    uint32_t imm;               /* IMM: value (masked to ot), or the jump target */
    TCGv_i32 addr;              /* MEM: linear guest address (segment base included) */
} X86Operand;

/* Entry flags. */
enum {
    F_LOCK  = 1,                /* lock prefix allowed (with a memory destination) */
    F_GROUP = 2,                /* ModRM.reg selects an entry of .group */
};

struct DisasContext;
struct X86Insn;
typedef void (*X86GenFn)(struct DisasContext *s, struct X86Insn *in);

typedef struct X86OpEntry {
    const char *name;
    uint8_t op[3];              /* X86OperandKind */
    uint8_t flags;
    X86GenFn gen;
    int aux;                    /* family-specific: ALU op, shift kind, segment... */
    const struct X86OpEntry *group;
} X86OpEntry;

typedef struct X86Insn {
    const X86OpEntry *e;        /* the entry (group member when a group) */
    int b;                      /* opcode: 0x00-0xff, 0x100 | second byte for 0F xx */
    int modrm;                  /* -1 when the instruction has none */
    TCGv_i32 ea;                /* memory operand: effective address without segment base */
    TCGv_i32 addr;              /* memory operand: ea + segment base */
    X86Operand op[3];
} X86Insn;

/* Prefix bits. */
enum {
    PREFIX_REPZ = 1, PREFIX_REPNZ = 2, PREFIX_LOCK = 4, PREFIX_DATA = 8, PREFIX_ADR = 16,
};

#define MAX_INSN_TEMPS 128

typedef struct DisasContext {
    CPUX86State *env;
    TranslationBlock *tb;
    uint32_t pc_start;          /* eip of the instruction being translated */
    uint32_t pc;                /* decoding cursor */
    int cc_op;                  /* cc_op known at translation time (CC_OP_DYNAMIC: in env) */
    bool cc_op_dirty;           /* the cc_op global does not hold s->cc_op yet */
    int prefix;
    int override;               /* segment override or -1 */
    MemOp dflag, aflag;         /* operand and address size */
    bool ended;                 /* the TB exit (or an exception) has been emitted */
    bool singlestep;
    bool tf;                    /* EFLAGS.TF at TB start (HF_TF_MASK): trap after the insn */
    bool ea_esp_based;          /* the last ModRM address used ESP as its base register */
    uint32_t ok_page[2];        /* guest code pages verified executable */
    int ok_page_next;
    uint32_t fault_addr;        /* code fetch fault: first unfetchable byte */
    jmp_buf fetch_fault;
    int ntemps;                 /* temps of the current instruction, freed after it */
    TCGv_i32 temps[MAX_INSN_TEMPS];
} DisasContext;

/* ================================================================== temps and small IR helpers */

static TCGv_i32 tmp_new(DisasContext *s)
{
    if (s->ntemps >= MAX_INSN_TEMPS)
        tcg_abort_msg(__FILE__, __LINE__, "too many temps in one guest instruction");
    TCGv_i32 t = tcg_temp_new_i32();
    s->temps[s->ntemps++] = t;
    return t;
}

static TCGv_i32 tmp_const(DisasContext *s, int32_t v)
{
    TCGv_i32 t = tmp_new(s);
    tcg_gen_movi_i32(t, v);
    return t;
}

static void free_insn_temps(DisasContext *s)
{
    for (int i = 0; i < s->ntemps; i++)
        tcg_temp_free_i32(s->temps[i]);
    s->ntemps = 0;
}

static inline int size_bits(MemOp ot) { return 8 << ot; }
static inline uint32_t size_mask(MemOp ot) { return ot == MO_32 ? 0xffffffffu : (1u << size_bits(ot)) - 1; }

/* ret = v zero- or sign-extended from size ot. */
static void gen_ext(MemOp ot, TCGv_i32 ret, TCGv_i32 v, bool sign)
{
    switch (ot) {
    case MO_8:  sign ? tcg_gen_ext8s_i32(ret, v) : tcg_gen_ext8u_i32(ret, v); break;
    case MO_16: sign ? tcg_gen_ext16s_i32(ret, v) : tcg_gen_ext16u_i32(ret, v); break;
    default:    tcg_gen_mov_i32(ret, v); break;
    }
}

static TCGv_i32 gen_ext_new(DisasContext *s, MemOp ot, TCGv_i32 v, bool sign)
{
    TCGv_i32 t = tmp_new(s);
    gen_ext(ot, t, v, sign);
    return t;
}

/* ================================================================== guest registers */

static void gen_reg_read(MemOp ot, TCGv_i32 t, int reg)
{
    if (ot == MO_8 && reg >= 4)
        tcg_gen_extract_i32(t, cpu_regs[reg - 4], 8, 8);     /* AH CH DH BH */
    else
        gen_ext(ot, t, cpu_regs[reg], false);
}

static void gen_reg_write(MemOp ot, int reg, TCGv_i32 t)
{
    switch (ot) {
    case MO_8:
        if (reg >= 4)
            tcg_gen_deposit_i32(cpu_regs[reg - 4], cpu_regs[reg - 4], t, 8, 8);
        else
            tcg_gen_deposit_i32(cpu_regs[reg], cpu_regs[reg], t, 0, 8);
        break;
    case MO_16:
        tcg_gen_deposit_i32(cpu_regs[reg], cpu_regs[reg], t, 0, 16);
        break;
    default:
        tcg_gen_mov_i32(cpu_regs[reg], t);
        break;
    }
}

static void gen_jmp_im(DisasContext *s, uint32_t eip)
{
    TCGv_i32 t = tmp_const(s, eip);
    tcg_gen_st_i32(t, cpu_env, offsetof(CPUX86State, eip));
}

static intptr_t seg_field_offset(int seg, size_t field)
{
    return offsetof(CPUX86State, segs) + seg * sizeof(SegmentCache) + field;
}

/* ================================================================== lazy condition codes */

static void set_cc_op(DisasContext *s, int op)
{
    if (s->cc_op != op) {
        s->cc_op = op;
        s->cc_op_dirty = op != CC_OP_DYNAMIC;
    }
}

/* Make the cc_op global hold s->cc_op (before helpers, branches, exits). */
static void gen_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi_i32(cpu_cc_op, s->cc_op);
        s->cc_op_dirty = false;
    }
}

/* After code whose paths leave different cc_op values in the global (or a helper that sets
 * env->cc_op): only the global knows. */
static void set_cc_op_dynamic(DisasContext *s)
{
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
}

/* Record a new lazy flags state; dst/src (and src2 when not NULL) are stored size-masked. */
static void gen_set_cc(DisasContext *s, int cc_op_base, MemOp ot, TCGv_i32 dst, TCGv_i32 src,
                       TCGv_i32 src2)
{
    gen_ext(ot, cpu_cc_dst, dst, false);
    if (src)
        gen_ext(ot, cpu_cc_src, src, false);
    if (src2)
        tcg_gen_mov_i32(cpu_cc_src2, src2);
    set_cc_op(s, cc_op_base + ot);
}

/* The cc_op as a TCG value for the flag helpers. */
static TCGv_i32 cc_op_value(DisasContext *s)
{
    return s->cc_op == CC_OP_DYNAMIC ? cpu_cc_op : tmp_const(s, s->cc_op);
}

/* cc_op family and size of a static cc_op (-1 family for EFLAGS/CLR/DYNAMIC). */
static int cc_op_family(int cc_op, MemOp *ot)
{
    static const int families[] = {
        CC_OP_MULB, CC_OP_ADDB, CC_OP_ADCB, CC_OP_SUBB, CC_OP_SBBB, CC_OP_LOGICB,
        CC_OP_INCB, CC_OP_DECB, CC_OP_SHLB, CC_OP_SARB, CC_OP_SHRB,
    };
    for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
        if (cc_op >= families[i] && cc_op <= families[i] + 2) {
            *ot = (MemOp)(cc_op - families[i]);
            return families[i];
        }
    }
    *ot = MO_32;
    return -1;
}

/* t = all arithmetic flags (CC_* bits) of the current state; does not change the state. */
static void gen_flags_value(DisasContext *s, TCGv_i32 t)
{
    switch (s->cc_op) {
    case CC_OP_EFLAGS: tcg_gen_mov_i32(t, cpu_cc_src); break;
    case CC_OP_CLR:    tcg_gen_movi_i32(t, CC_Z | CC_P); break;
    default:
        gen_helper_cc_compute_all(t, cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cc_op_value(s));
        break;
    }
}

/* Switch the lazy state to CC_OP_EFLAGS (cc_src = flags). Emit only after the instruction's
 * last possible memory fault: it changes the cc globals. */
static void gen_compute_eflags(DisasContext *s)
{
    if (s->cc_op == CC_OP_EFLAGS)
        return;
    TCGv_i32 t = tmp_new(s);
    gen_flags_value(s, t);
    tcg_gen_mov_i32(cpu_cc_src, t);
    set_cc_op(s, CC_OP_EFLAGS);
}

#include "translate-cpu-model.c.inc"

/* Returns a new temp holding CF (0/1). */
static TCGv_i32 gen_compute_cf(DisasContext *s)
{
    TCGv_i32 t = tmp_new(s);
    MemOp ot;
    int fam = cc_op_family(s->cc_op, &ot);
    if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_andi_i32(t, cpu_cc_src, CC_C);
    } else if (s->cc_op == CC_OP_CLR || fam == CC_OP_LOGICB) {
        tcg_gen_movi_i32(t, 0);
    } else if (fam == CC_OP_SUBB) {
        /* src1 = dst + src2; borrow when src1 < src2 */
        TCGv_i32 a = tmp_new(s), b = gen_ext_new(s, ot, cpu_cc_src, false);
        tcg_gen_add_i32(a, cpu_cc_dst, cpu_cc_src);
        gen_ext(ot, a, a, false);
        tcg_gen_setcond_i32(TCG_COND_LTU, t, a, b);
    } else if (fam == CC_OP_ADDB) {
        TCGv_i32 a = gen_ext_new(s, ot, cpu_cc_dst, false);
        TCGv_i32 b = gen_ext_new(s, ot, cpu_cc_src, false);
        tcg_gen_setcond_i32(TCG_COND_LTU, t, a, b);
    } else if (fam == CC_OP_INCB || fam == CC_OP_DECB || fam == CC_OP_SARB || fam == CC_OP_SHRB) {
        tcg_gen_andi_i32(t, cpu_cc_src, 1);
    } else if (fam == CC_OP_SHLB) {
        tcg_gen_extract_i32(t, cpu_cc_src, size_bits(ot) - 1, 1);
    } else if (fam == CC_OP_MULB) {
        tcg_gen_setcondi_i32(TCG_COND_NE, t, cpu_cc_src, 0);
    } else {
        gen_helper_cc_compute_c(t, cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cc_op_value(s));
    }
    return t;
}

/* Condition numbers of jcc/setcc/cmovcc (opcode low nibble >> 1). */
enum { JCC_O, JCC_B, JCC_Z, JCC_BE, JCC_S, JCC_P, JCC_L, JCC_LE };

/* Condition from a full flags value f. */
static void gen_cond_from_flags(DisasContext *s, int jcc, TCGv_i32 ret, TCGv_i32 f)
{
    TCGv_i32 t = tmp_new(s);
    switch (jcc) {
    case JCC_O:  tcg_gen_extract_i32(ret, f, 11, 1); break;
    case JCC_B:  tcg_gen_andi_i32(ret, f, CC_C); break;
    case JCC_Z:  tcg_gen_extract_i32(ret, f, 6, 1); break;
    case JCC_BE:
        tcg_gen_andi_i32(t, f, CC_C | CC_Z);
        tcg_gen_setcondi_i32(TCG_COND_NE, ret, t, 0);
        break;
    case JCC_S:  tcg_gen_extract_i32(ret, f, 7, 1); break;
    case JCC_P:  tcg_gen_extract_i32(ret, f, 2, 1); break;
    case JCC_L:                                    /* SF != OF */
        tcg_gen_shri_i32(t, f, 4);                 /* OF (bit 11) -> bit 7 */
        tcg_gen_xor_i32(t, t, f);
        tcg_gen_extract_i32(ret, t, 7, 1);
        break;
    default:                                       /* LE: ZF or SF != OF */
        tcg_gen_shri_i32(t, f, 4);
        tcg_gen_xor_i32(t, t, f);
        tcg_gen_andi_i32(t, t, CC_S);
        tcg_gen_andi_i32(ret, f, CC_Z);
        tcg_gen_or_i32(t, t, ret);
        tcg_gen_setcondi_i32(TCG_COND_NE, ret, t, 0);
        break;
    }
}

/* Returns a new temp = 1 if condition b (0-15, as in the jcc opcode nibble) holds, else 0.
 * Fast paths for the common cc_ops; the rest goes through cc_compute_all. */
static TCGv_i32 gen_cond_value(DisasContext *s, int b)
{
    TCGv_i32 ret = tmp_new(s);
    int jcc = (b >> 1) & 7;
    bool invert = b & 1;
    MemOp ot;
    int fam = cc_op_family(s->cc_op, &ot);
    bool done = true;

    if (fam == CC_OP_SUBB && jcc != JCC_O && jcc != JCC_P) {
        bool sign = jcc == JCC_L || jcc == JCC_LE || jcc == JCC_S;
        TCGv_i32 dst = gen_ext_new(s, ot, cpu_cc_dst, sign);
        TCGv_i32 src2 = gen_ext_new(s, ot, cpu_cc_src, sign);
        TCGv_i32 src1 = tmp_new(s);
        tcg_gen_add_i32(src1, cpu_cc_dst, cpu_cc_src);
        gen_ext(ot, src1, src1, sign);
        switch (jcc) {
        case JCC_B:  tcg_gen_setcond_i32(TCG_COND_LTU, ret, src1, src2); break;
        case JCC_Z:  tcg_gen_setcondi_i32(TCG_COND_EQ, ret, dst, 0); break;
        case JCC_BE: tcg_gen_setcond_i32(TCG_COND_LEU, ret, src1, src2); break;
        case JCC_S:  tcg_gen_setcondi_i32(TCG_COND_LT, ret, dst, 0); break;
        case JCC_L:  tcg_gen_setcond_i32(TCG_COND_LT, ret, src1, src2); break;
        default:     tcg_gen_setcond_i32(TCG_COND_LE, ret, src1, src2); break;
        }
    } else if (fam == CC_OP_LOGICB && jcc != JCC_P) {
        TCGv_i32 dst = gen_ext_new(s, ot, cpu_cc_dst, true);
        switch (jcc) {
        case JCC_O: case JCC_B: tcg_gen_movi_i32(ret, 0); break;
        case JCC_Z: case JCC_BE: tcg_gen_setcondi_i32(TCG_COND_EQ, ret, dst, 0); break;
        case JCC_S: case JCC_L: tcg_gen_setcondi_i32(TCG_COND_LT, ret, dst, 0); break;
        default:    tcg_gen_setcondi_i32(TCG_COND_LE, ret, dst, 0); break;
        }
    } else if (fam >= 0 && fam != CC_OP_MULB && (jcc == JCC_Z || jcc == JCC_S)) {
        TCGv_i32 dst = gen_ext_new(s, ot, cpu_cc_dst, true);
        tcg_gen_setcondi_i32(jcc == JCC_Z ? TCG_COND_EQ : TCG_COND_LT, ret, dst, 0);
    } else if (jcc == JCC_B && s->cc_op != CC_OP_DYNAMIC) {
        tcg_gen_mov_i32(ret, gen_compute_cf(s));
    } else {
        done = false;
    }
    if (!done) {
        TCGv_i32 f = tmp_new(s);
        gen_flags_value(s, f);
        gen_cond_from_flags(s, jcc, ret, f);
    }
    if (invert)
        tcg_gen_xori_i32(ret, ret, 1);
    return ret;
}

/* ================================================================== code fetch */

/* Read one guest code byte, checking (once per page) that the page is executable; an
 * unfetchable byte aborts the instruction through s->fetch_fault. */
static uint8_t code_ldub(DisasContext *s)
{
    uint32_t addr = s->pc;
    uint32_t page = addr & TARGET_PAGE_MASK;
    if (page != s->ok_page[0] && page != s->ok_page[1]) {
        if (!(page_get_flags(addr) & PAGE_EXEC)) {
            s->fault_addr = addr;
            longjmp(s->fetch_fault, 1);
        }
        s->ok_page[s->ok_page_next] = page;
        s->ok_page_next ^= 1;
    }
    s->pc++;
    return *(const uint8_t *)g2h(addr);
}

static uint16_t code_lduw(DisasContext *s)
{
    uint16_t lo = code_ldub(s);
    return lo | (uint16_t)(code_ldub(s) << 8);
}

static uint32_t code_ldl(DisasContext *s)
{
    uint32_t lo = code_lduw(s);
    return lo | ((uint32_t)code_lduw(s) << 16);
}

/* ================================================================== exceptions and TB exits */

/* End the TB raising excp with env->eip = eip. */
static void gen_exception(DisasContext *s, int excp, uint32_t eip)
{
    gen_update_cc_op(s);
    gen_jmp_im(s, eip);
    gen_helper_raise_exception(cpu_env, tmp_const(s, excp));
    tcg_gen_exit_tb(NULL, 0);                 /* not reached: keeps the block well formed */
    s->ended = true;
}

/* Before a helper that may raise or fault: env must describe this instruction. */
static void gen_sync_for_helper(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_jmp_im(s, s->pc_start);
}

static void gen_unsupported(DisasContext *s)
{
    if (qemu_loglevel_mask(CPU_LOG_UNIMP)) {
        char bytes[64];
        int n = 0;
        /* the decoded bytes, then a few more for context when their page is executable */
        for (uint32_t a = s->pc_start; a < s->pc + 4 && n < (int)sizeof(bytes) - 4; a++) {
            if (a >= s->pc && !(page_get_flags(a) & PAGE_EXEC))
                break;
            n += snprintf(bytes + n, sizeof(bytes) - n, "%s%02x", a == s->pc ? " | " : " ",
                          *(const uint8_t *)g2h(a));
        }
        bytes[n] = 0;
        qemu_log("unsupported instruction at 0x%08x:%s\n", s->pc_start, bytes);
    }
    gen_exception(s, EXCP06_ILLOP, s->pc_start);
}

/* Direct jump to eip through chain slot n (0/1). */
static void gen_jmp_tb(DisasContext *s, uint32_t eip, int n)
{
    gen_update_cc_op(s);
    if (s->tf) {
        gen_exception(s, EXCP01_DB, eip);       /* single-step trap after the instruction */
        return;
    }
    if (s->singlestep) {
        gen_jmp_im(s, eip);
        tcg_gen_exit_tb(NULL, 0);
    } else {
        tcg_gen_goto_tb(n);
        gen_jmp_im(s, eip);
        tcg_gen_exit_tb(s->tb, n);
    }
    s->ended = true;
}

/* Jump to a computed eip: straight to its code when the jump cache knows it (lookup_tb_ptr),
 * else back to cpu_exec, which looks the next TB up. */
static void gen_jmp_dynamic(DisasContext *s, TCGv_i32 eip)
{
    gen_update_cc_op(s);
    tcg_gen_st_i32(eip, cpu_env, offsetof(CPUX86State, eip));
    if (s->tf) {
        gen_helper_raise_exception(cpu_env, tmp_const(s, EXCP01_DB));
        tcg_gen_exit_tb(NULL, 0);
    } else if (s->singlestep) {
        tcg_gen_exit_tb(NULL, 0);
    } else {
        TCGv_ptr code = tcg_temp_new_ptr();
        gen_helper_lookup_tb_ptr(code, cpu_env);
        tcg_gen_goto_ptr(code);
        tcg_temp_free_ptr(code);
    }
    s->ended = true;
}

/* Two-way branch at the end of a TB: cond != 0 -> taken, else fall through to next. */
static void gen_branch(DisasContext *s, TCGv_i32 cond, uint32_t taken, uint32_t next)
{
    gen_update_cc_op(s);
    TCGLabel *l = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_NE, cond, 0, l);
    gen_jmp_tb(s, next, 0);
    gen_set_label(l);
    gen_jmp_tb(s, taken, 1);
}

/* ================================================================== operands */

/* Add the segment base when the (overridden) segment is FS or GS; the others are flat in
 * Linux user mode. */
static void gen_add_seg_base(DisasContext *s, TCGv_i32 addr, int def_seg)
{
    int seg = s->override >= 0 ? s->override : def_seg;
    if (seg == R_FS || seg == R_GS) {
        TCGv_i32 base = tmp_new(s);
        tcg_gen_ld_i32(base, cpu_env, seg_field_offset(seg, offsetof(SegmentCache, base)));
        tcg_gen_add_i32(addr, addr, base);
    }
}

/* Decode the memory form of ModRM (SIB, displacement) and return the effective address. */
static TCGv_i32 gen_modrm_ea(DisasContext *s, int modrm)
{
    int mod = modrm >> 6, rm = modrm & 7;
    TCGv_i32 ea = tmp_new(s);
    int32_t disp = 0;

    s->ea_esp_based = false;
    if (s->aflag == MO_32) {
        int base = rm, index = -1, scale = 0;
        if (rm == 4) {
            int sib = code_ldub(s);
            scale = sib >> 6;
            index = (sib >> 3) & 7;
            base = sib & 7;
            if (index == 4)
                index = -1;
            s->ea_esp_based = base == R_ESP;
        }
        if (mod == 0 && base == 5) {
            base = -1;
            disp = (int32_t)code_ldl(s);
        } else if (mod == 1) {
            disp = (int8_t)code_ldub(s);
        } else if (mod == 2) {
            disp = (int32_t)code_ldl(s);
        }
        if (index >= 0) {
            tcg_gen_shli_i32(ea, cpu_regs[index], scale);
            if (base >= 0)
                tcg_gen_add_i32(ea, ea, cpu_regs[base]);
            tcg_gen_addi_i32(ea, ea, disp);
        } else if (base >= 0) {
            tcg_gen_addi_i32(ea, cpu_regs[base], disp);
        } else {
            tcg_gen_movi_i32(ea, disp);
        }
        return ea;
    }

    /* 16-bit addressing: base/index pairs, 16-bit wrap-around. */
    static const int8_t base16[8] = { R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX };
    static const int8_t index16[8] = { R_ESI, R_EDI, R_ESI, R_EDI, -1, -1, -1, -1 };
    if (mod == 0 && rm == 6) {
        tcg_gen_movi_i32(ea, code_lduw(s));
        return ea;
    }
    if (mod == 1)
        disp = (int8_t)code_ldub(s);
    else if (mod == 2)
        disp = (int16_t)code_lduw(s);
    if (index16[rm] >= 0)
        tcg_gen_add_i32(ea, cpu_regs[base16[rm]], cpu_regs[index16[rm]]);
    else
        tcg_gen_mov_i32(ea, cpu_regs[base16[rm]]);
    tcg_gen_addi_i32(ea, ea, disp);
    tcg_gen_ext16u_i32(ea, ea);
    return ea;
}

static void gen_op_load(DisasContext *s, const X86Operand *op, TCGv_i32 t)
{
    switch (op->kind) {
    case OPK_REG: gen_reg_read(op->ot, t, op->reg); break;
    case OPK_MEM: tcg_gen_qemu_ld_i32(t, op->addr, op->ot); break;
    case OPK_IMM: tcg_gen_movi_i32(t, op->imm); break;
    case OPK_SEG:
        tcg_gen_ld_i32(t, cpu_env, seg_field_offset(op->reg, offsetof(SegmentCache, selector)));
        tcg_gen_ext16u_i32(t, t);
        break;
    default: tcg_abort();
    }
}

static TCGv_i32 gen_op_load_new(DisasContext *s, const X86Operand *op)
{
    TCGv_i32 t = tmp_new(s);
    gen_op_load(s, op, t);
    return t;
}

static void gen_op_store(DisasContext *s, const X86Operand *op, TCGv_i32 t)
{
    switch (op->kind) {
    case OPK_REG: gen_reg_write(op->ot, op->reg, t); break;
    case OPK_MEM: tcg_gen_qemu_st_i32(t, op->addr, op->ot); break;
    default: tcg_abort();
    }
}

/* Decode one operand of kind k; returns false for an invalid encoding (#UD). */
static bool decode_operand(DisasContext *s, X86Insn *in, int k, X86Operand *op)
{
    int mod = in->modrm >> 6, reg = (in->modrm >> 3) & 7, rm = in->modrm & 7;
    MemOp vsize = s->dflag;

    memset(op, 0, sizeof(*op));
    switch (k) {
    case xx:
        op->kind = OPK_NONE;
        return true;
    case Eb: case Ew: case Ev:
        op->ot = k == Eb ? MO_8 : k == Ew ? MO_16 : vsize;
        if (mod == 3) {
            op->kind = OPK_REG;
            op->reg = rm;
        } else {
            op->kind = OPK_MEM;
            op->addr = in->addr;
        }
        return true;
    case Mx:                    /* x87: the family reads in->modrm / in->addr itself */
        op->kind = mod == 3 ? OPK_NONE : OPK_MEM;
        op->ot = vsize;
        op->addr = in->addr;
        return true;
    case M: case Mq:
        if (mod == 3)
            return false;
        op->kind = OPK_MEM;
        op->ot = vsize;
        op->addr = in->addr;
        return true;
    case Gb: case Gv:
        op->kind = OPK_REG;
        op->ot = k == Gb ? MO_8 : vsize;
        op->reg = reg;
        return true;
    case Sw:
        if (reg > R_GS)
            return false;
        op->kind = OPK_SEG;
        op->ot = MO_16;
        op->reg = reg;
        return true;
    case Ib:
        op->kind = OPK_IMM;
        op->ot = MO_8;
        op->imm = code_ldub(s);
        return true;
    case Ibs:
        op->kind = OPK_IMM;
        op->ot = vsize;
        op->imm = (uint32_t)(int8_t)code_ldub(s) & size_mask(vsize);
        return true;
    case Iw:
        op->kind = OPK_IMM;
        op->ot = MO_16;
        op->imm = code_lduw(s);
        return true;
    case Ix:
        if (in->op[0].ot == MO_8) {
            op->kind = OPK_IMM;
            op->ot = MO_8;
            op->imm = code_ldub(s);
            return true;
        }
        /* fall through */
    case Iz:
        op->kind = OPK_IMM;
        op->ot = vsize;
        op->imm = vsize == MO_16 ? code_lduw(s) : code_ldl(s);
        return true;
    case Jb: case Jz: {
        int32_t disp;
        if (k == Jb)
            disp = (int8_t)code_ldub(s);
        else
            disp = vsize == MO_16 ? (int16_t)code_lduw(s) : (int32_t)code_ldl(s);
        op->kind = OPK_IMM;
        op->ot = vsize;
        op->imm = (s->pc + disp) & size_mask(vsize);
        return true;
    }
    case Ob: case Ov: {
        uint32_t a = s->aflag == MO_16 ? code_lduw(s) : code_ldl(s);
        op->kind = OPK_MEM;
        op->ot = k == Ob ? MO_8 : vsize;
        op->addr = tmp_const(s, a);
        gen_add_seg_base(s, op->addr, R_DS);
        return true;
    }
    case AL: case CL:
        op->kind = OPK_REG;
        op->ot = MO_8;
        op->reg = k == AL ? R_EAX : R_ECX;
        return true;
    case eAX:
        op->kind = OPK_REG;
        op->ot = vsize;
        op->reg = R_EAX;
        return true;
    case One:
        op->kind = OPK_IMM;
        op->ot = MO_8;
        op->imm = 1;
        return true;
    case Zb: case Zv: case Zd:
        op->kind = OPK_REG;
        op->ot = k == Zb ? MO_8 : k == Zd ? MO_32 : vsize;
        op->reg = in->b & 7;
        return true;
    default:
        return false;
    }
}

/* ================================================================== stack */

static int stack_step(MemOp ot) { return ot == MO_16 ? 2 : 4; }

static void gen_push_value(DisasContext *s, MemOp ot, TCGv_i32 v)
{
    TCGv_i32 sp = tmp_new(s);
    tcg_gen_subi_i32(sp, cpu_regs[R_ESP], stack_step(ot));
    tcg_gen_qemu_st_i32(v, sp, ot);
    tcg_gen_mov_i32(cpu_regs[R_ESP], sp);
}

/* Load the value at the top of the stack (ESP not changed). */
static TCGv_i32 gen_pop_value(DisasContext *s, MemOp ot)
{
    TCGv_i32 v = tmp_new(s);
    tcg_gen_qemu_ld_i32(v, cpu_regs[R_ESP], ot);
    return v;
}

static void gen_stack_adjust(int bytes)
{
    tcg_gen_addi_i32(cpu_regs[R_ESP], cpu_regs[R_ESP], bytes);
}

/* ================================================================== locked memory operations */

/* True for a lock-prefixed instruction whose destination is memory (the decoder has already
 * rejected lock on anything else). */
static bool insn_locked(DisasContext *s, const X86Operand *d)
{
    return (s->prefix & PREFIX_LOCK) && d->kind == OPK_MEM;
}

/* Atomic read-modify-write of the memory operand d (helper_lock_rmw): returns the old value.
 * Nothing of the instruction may have changed guest state before this call. */
static TCGv_i32 gen_lock_rmw(DisasContext *s, const X86Operand *d, TCGv_i32 val, int op)
{
    TCGv_i32 old = tmp_new(s);
    gen_sync_for_helper(s);
    gen_helper_lock_rmw(old, cpu_env, d->addr, val, tmp_const(s, (op << 2) | d->ot));
    return old;
}

/* ================================================================== family: ALU */

enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP, ALU_TEST };

static void gen_alu(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0], *src = &in->op[1];
    int op = in->e->aux;
    MemOp ot = d->ot;

    /* xor r,r / sub r,r: zero and fixed flags, no dependency on r. */
    if ((op == ALU_XOR || op == ALU_SUB) && d->kind == OPK_REG && src->kind == OPK_REG &&
        d->reg == src->reg) {
        gen_reg_write(ot, d->reg, tmp_const(s, 0));
        set_cc_op(s, CC_OP_CLR);
        return;
    }

    TCGv_i32 t1 = gen_op_load_new(s, src);
    TCGv_i32 carry = (op == ALU_ADC || op == ALU_SBB) ? gen_compute_cf(s) : NULL;
    TCGv_i32 t0;
    bool locked = insn_locked(s, d);
    if (locked) {
        /* adc/sbb: the carry joins the operand (the sum wraps the same way). */
        static const int lock_ops[] = { [ALU_ADD] = LOCK_RMW_ADD, [ALU_OR] = LOCK_RMW_OR,
            [ALU_ADC] = LOCK_RMW_ADD, [ALU_SBB] = LOCK_RMW_SUB, [ALU_AND] = LOCK_RMW_AND,
            [ALU_SUB] = LOCK_RMW_SUB, [ALU_XOR] = LOCK_RMW_XOR };
        TCGv_i32 val = t1;
        if (carry) {
            val = tmp_new(s);
            tcg_gen_add_i32(val, t1, carry);
        }
        t0 = gen_lock_rmw(s, d, val, lock_ops[op]);
    } else {
        t0 = gen_op_load_new(s, d);
    }
    TCGv_i32 r = tmp_new(s);

    switch (op) {
    case ALU_ADD: tcg_gen_add_i32(r, t0, t1); break;
    case ALU_OR:  tcg_gen_or_i32(r, t0, t1); break;
    case ALU_AND: case ALU_TEST: tcg_gen_and_i32(r, t0, t1); break;
    case ALU_XOR: tcg_gen_xor_i32(r, t0, t1); break;
    case ALU_SUB: case ALU_CMP: tcg_gen_sub_i32(r, t0, t1); break;
    case ALU_ADC:
        tcg_gen_add_i32(r, t0, t1);
        tcg_gen_add_i32(r, r, carry);
        break;
    case ALU_SBB:
        tcg_gen_sub_i32(r, t0, t1);
        tcg_gen_sub_i32(r, r, carry);
        break;
    }
    if (op != ALU_CMP && op != ALU_TEST && !locked)
        gen_op_store(s, d, r);

    switch (op) {
    case ALU_ADD: gen_set_cc(s, CC_OP_ADDB, ot, r, t1, NULL); break;
    case ALU_ADC: gen_set_cc(s, CC_OP_ADCB, ot, r, t1, carry); break;
    case ALU_SUB: case ALU_CMP: gen_set_cc(s, CC_OP_SUBB, ot, r, t1, NULL); break;
    case ALU_SBB: gen_set_cc(s, CC_OP_SBBB, ot, r, t1, carry); break;
    default:      gen_set_cc(s, CC_OP_LOGICB, ot, r, NULL, NULL); break;
    }
}

/* INC (aux 0) / DEC (aux 1): CF is preserved through cc_src. */
static void gen_incdec(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    TCGv_i32 cf = gen_compute_cf(s);
    TCGv_i32 v;
    if (insn_locked(s, d)) {
        v = gen_lock_rmw(s, d, tmp_const(s, in->e->aux ? -1 : 1), LOCK_RMW_ADD);
        tcg_gen_addi_i32(v, v, in->e->aux ? -1 : 1);
    } else {
        v = gen_op_load_new(s, d);
        tcg_gen_addi_i32(v, v, in->e->aux ? -1 : 1);
        gen_op_store(s, d, v);
    }
    gen_set_cc(s, in->e->aux ? CC_OP_DECB : CC_OP_INCB, d->ot, v, NULL, NULL);
    tcg_gen_mov_i32(cpu_cc_src, cf);
}

/* ================================================================== family: group 3 */

enum { UNARY_NOT = 2, UNARY_NEG, UNARY_MUL, UNARY_IMUL, UNARY_DIV, UNARY_IDIV };

static void gen_mul_a(DisasContext *s, MemOp ot, TCGv_i32 v, bool is_signed)
{
    TCGv_i32 a = tmp_new(s), r = tmp_new(s), t = tmp_new(s);
    TCGv_i32 kept = gen_model_kept_flags(s, CC_S | CC_Z | CC_A | CC_P);
    gen_reg_read(ot, a, R_EAX);
    switch (ot) {
    case MO_8:
    case MO_16:
        if (is_signed) {
            gen_ext(ot, a, a, true);
            gen_ext(ot, t, v, true);
            tcg_gen_mul_i32(r, a, t);
        } else {
            tcg_gen_mul_i32(r, a, v);
        }
        if (ot == MO_8) {
            gen_reg_write(MO_16, R_EAX, r);
        } else {
            gen_reg_write(MO_16, R_EAX, r);
            tcg_gen_shri_i32(t, r, 16);
            gen_reg_write(MO_16, R_EDX, t);
        }
        gen_ext(ot, cpu_cc_dst, r, false);
        if (is_signed) {
            gen_ext(ot, t, r, true);
            tcg_gen_sub_i32(cpu_cc_src, r, t);          /* != 0 iff the product overflowed */
        } else {
            tcg_gen_shri_i32(cpu_cc_src, r, size_bits(ot));
        }
        break;
    default: {
        TCGv_i32 hi = tmp_new(s);
        if (is_signed)
            tcg_gen_muls2_i32(r, hi, a, v);
        else
            tcg_gen_mulu2_i32(r, hi, a, v);
        tcg_gen_mov_i32(cpu_regs[R_EAX], r);
        tcg_gen_mov_i32(cpu_regs[R_EDX], hi);
        tcg_gen_mov_i32(cpu_cc_dst, r);
        if (is_signed) {
            tcg_gen_sari_i32(t, r, 31);
            tcg_gen_sub_i32(cpu_cc_src, hi, t);
        } else {
            tcg_gen_mov_i32(cpu_cc_src, hi);
        }
        break;
    }
    }
    set_cc_op(s, CC_OP_MULB + ot);
    gen_model_mul_cc(s, kept);
}

static void gen_div_a(DisasContext *s, MemOp ot, TCGv_i32 v, bool is_signed)
{
    if (is_signed)
        gen_ext(ot, v, v, true);
    gen_sync_for_helper(s);
    switch (ot) {
    case MO_8:  is_signed ? gen_helper_idivb_AL(cpu_env, v) : gen_helper_divb_AL(cpu_env, v); break;
    case MO_16: is_signed ? gen_helper_idivw_AX(cpu_env, v) : gen_helper_divw_AX(cpu_env, v); break;
    default:    is_signed ? gen_helper_idivl_EAX(cpu_env, v) : gen_helper_divl_EAX(cpu_env, v); break;
    }
    gen_model_div_cc(s);
}

static void gen_unary(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    TCGv_i32 r = tmp_new(s);
    if (insn_locked(s, d)) {
        bool is_not = in->e->aux == UNARY_NOT;
        TCGv_i32 v = gen_lock_rmw(s, d, tmp_const(s, -1), is_not ? LOCK_RMW_XOR : LOCK_RMW_NEG);
        if (is_not)
            return;
        tcg_gen_neg_i32(r, v);
        gen_set_cc(s, CC_OP_SUBB, d->ot, r, v, NULL);      /* 0 - v */
        return;
    }
    TCGv_i32 v = gen_op_load_new(s, d);
    switch (in->e->aux) {
    case UNARY_NOT:
        tcg_gen_not_i32(r, v);
        gen_op_store(s, d, r);
        break;
    case UNARY_NEG:
        tcg_gen_neg_i32(r, v);
        gen_op_store(s, d, r);
        gen_set_cc(s, CC_OP_SUBB, d->ot, r, v, NULL);      /* 0 - v */
        break;
    case UNARY_MUL:  gen_mul_a(s, d->ot, v, false); break;
    case UNARY_IMUL: gen_mul_a(s, d->ot, v, true); break;
    case UNARY_DIV:  gen_div_a(s, d->ot, v, false); break;
    default:         gen_div_a(s, d->ot, v, true); break;
    }
}

/* IMUL Gv,Ev[,imm]: 2- and 3-operand forms. */
static void gen_imul(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    MemOp ot = d->ot;
    TCGv_i32 a = gen_op_load_new(s, &in->op[1]);
    TCGv_i32 b = gen_op_load_new(s, in->op[2].kind != OPK_NONE ? &in->op[2] : d);
    TCGv_i32 r = tmp_new(s), t = tmp_new(s);
    TCGv_i32 kept = gen_model_kept_flags(s, CC_S | CC_Z | CC_A | CC_P);
    if (ot == MO_16) {
        tcg_gen_ext16s_i32(a, a);
        tcg_gen_ext16s_i32(b, b);
        tcg_gen_mul_i32(r, a, b);
        gen_reg_write(ot, d->reg, r);
        tcg_gen_ext16u_i32(cpu_cc_dst, r);
        tcg_gen_ext16s_i32(t, r);
        tcg_gen_sub_i32(cpu_cc_src, r, t);
    } else {
        TCGv_i32 hi = tmp_new(s);
        tcg_gen_muls2_i32(r, hi, a, b);
        gen_reg_write(ot, d->reg, r);
        tcg_gen_mov_i32(cpu_cc_dst, r);
        tcg_gen_sari_i32(t, r, 31);
        tcg_gen_sub_i32(cpu_cc_src, hi, t);
    }
    set_cc_op(s, CC_OP_MULB + ot);
    gen_model_mul_cc(s, kept);
}

/* ================================================================== family: shifts and rotates */

enum { SHIFT_ROL, SHIFT_ROR, SHIFT_RCL, SHIFT_RCR, SHIFT_SHL, SHIFT_SHR, SHIFT_SAL /* = SHL */, SHIFT_SAR };

/* Store the lazy state of a shift; when count may be zero at run time (CL), the old state is
 * kept by selecting on count == 0 (cc_op becomes dynamic). */
static void gen_shift_cc(DisasContext *s, int cc_op, TCGv_i32 count, bool maybe_zero,
                         TCGv_i32 dst, TCGv_i32 src, TCGv_i32 src2)
{
    if (!maybe_zero) {
        tcg_gen_mov_i32(cpu_cc_dst, dst);
        tcg_gen_mov_i32(cpu_cc_src, src);
        if (src2)
            tcg_gen_mov_i32(cpu_cc_src2, src2);
        set_cc_op(s, cc_op);
        return;
    }
    TCGv_i32 zero = tmp_const(s, 0);
    gen_update_cc_op(s);
    tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_dst, count, zero, cpu_cc_dst, dst);
    tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_src, count, zero, cpu_cc_src, src);
    if (src2)
        tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_src2, count, zero, cpu_cc_src2, src2);
    tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_op, count, zero, cpu_cc_op, tmp_const(s, cc_op));
    set_cc_op_dynamic(s);
}

/* ROL/ROR: only CF and OF change (the others are kept via CC_OP_EFLAGS). */
static void gen_rotate(DisasContext *s, X86Operand *d, TCGv_i32 v, TCGv_i32 count,
                       bool maybe_zero, bool left, bool keep_of)
{
    MemOp ot = d->ot;
    int bits = size_bits(ot);
    TCGv_i32 rep = tmp_new(s), r = tmp_new(s);

    /* Replicate 8/16-bit values so a 32-bit rotate rotates within the operand size. */
    if (ot == MO_8) {
        tcg_gen_muli_i32(rep, v, 0x01010101);
    } else if (ot == MO_16) {
        tcg_gen_shli_i32(rep, v, 16);
        tcg_gen_or_i32(rep, rep, v);
    } else {
        tcg_gen_mov_i32(rep, v);
    }
    if (left)
        tcg_gen_rotl_i32(r, rep, count);
    else
        tcg_gen_rotr_i32(r, rep, count);
    gen_op_store(s, d, r);

    gen_compute_eflags(s);
    TCGv_i32 cf = tmp_new(s), of = tmp_new(s), f = tmp_new(s);
    /* OF is defined for count 1 only (rol: MSB(result) ^ CF, ror: XOR of the result's two
     * top bits). Both equal a function of the original operand, which is what Intel reports
     * for every count (measured): rol: MSB(v) ^ bit bits-2 of v; ror: MSB(v) ^ bit 0 of v. */
    TCGv_i32 vmsb = tmp_new(s);
    tcg_gen_extract_i32(vmsb, v, bits - 1, 1);
    if (left) {
        tcg_gen_andi_i32(cf, r, 1);                       /* bit rotated into bit 0 */
        tcg_gen_extract_i32(of, v, bits - 2, 1);
    } else {
        tcg_gen_extract_i32(cf, r, bits - 1, 1);          /* bit rotated into the MSB */
        tcg_gen_andi_i32(of, v, 1);
    }
    tcg_gen_xor_i32(of, of, vmsb);
    if (x86_cpu_is_amd()) {                      /* AMD: the count-1 rule on the result */
        gen_model_rotate_of(s, of, r, cf, bits, left);
        keep_of = false;
    }
    /* An immediate count above 1 on a register leaves OF alone on Intel (measured; with
     * CL, or on memory, it follows the formula above). */
    tcg_gen_andi_i32(f, cpu_cc_src, keep_of ? ~CC_C : ~(CC_C | CC_O));
    tcg_gen_or_i32(f, f, cf);
    if (!keep_of) {
        tcg_gen_shli_i32(of, of, 11);
        tcg_gen_or_i32(f, f, of);
    }
    if (maybe_zero)
        tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_src, count, tmp_const(s, 0), cpu_cc_src, f);
    else
        tcg_gen_mov_i32(cpu_cc_src, f);
}

/* RCL/RCR through the helpers, which read and write CF/OF in env. */
static void gen_rotate_carry(DisasContext *s, X86Operand *d, TCGv_i32 v, TCGv_i32 count,
                             bool left)
{
    TCGv_i32 r = tmp_new(s);
    /* The helper changes the flags in env before the result is stored: write the old value
     * back first so that a read-only page faults while the restore data is still valid. */
    if (d->kind == OPK_MEM)
        gen_op_store(s, d, v);
    gen_compute_eflags(s);
    gen_update_cc_op(s);
    switch (d->ot) {
    case MO_8:  left ? gen_helper_rclb(r, cpu_env, v, count) : gen_helper_rcrb(r, cpu_env, v, count); break;
    case MO_16: left ? gen_helper_rclw(r, cpu_env, v, count) : gen_helper_rcrw(r, cpu_env, v, count); break;
    default:    left ? gen_helper_rcll(r, cpu_env, v, count) : gen_helper_rcrl(r, cpu_env, v, count); break;
    }
    set_cc_op_dynamic(s);
    gen_op_store(s, d, r);
}

static void gen_shift(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0], *c = &in->op[1];
    MemOp ot = d->ot;
    int kind = in->e->aux;
    bool maybe_zero = c->kind != OPK_IMM;
    TCGv_i32 count, cm1;

    if (!maybe_zero && (c->imm & 31) == 0)
        return;                                   /* count 0: nothing changes */
    TCGv_i32 v = gen_op_load_new(s, d);
    if (maybe_zero) {
        count = tmp_new(s);
        cm1 = tmp_new(s);
        tcg_gen_andi_i32(count, cpu_regs[R_ECX], 31);
        tcg_gen_subi_i32(cm1, count, 1);
        tcg_gen_andi_i32(cm1, cm1, 31);
    } else {
        count = tmp_const(s, c->imm & 31);
        cm1 = tmp_const(s, (c->imm & 31) - 1);
    }

    switch (kind) {
    case SHIFT_ROL: case SHIFT_ROR:
        gen_rotate(s, d, v, count, maybe_zero, kind == SHIFT_ROL,
                   !maybe_zero && (c->imm & 31) > 1 && d->kind == OPK_REG);
        return;
    case SHIFT_RCL: case SHIFT_RCR:
        gen_rotate_carry(s, d, v, count, kind == SHIFT_RCL);
        return;
    default:
        break;
    }

    TCGv_i32 r = tmp_new(s), t = tmp_new(s);
    int cc_op;
    TCGv_i32 src2 = NULL;
    if (kind == SHIFT_SAR) {
        gen_ext(ot, v, v, true);
        tcg_gen_sar_i32(r, v, count);
        tcg_gen_sar_i32(t, v, cm1);
        cc_op = CC_OP_SARB + ot;
    } else if (kind == SHIFT_SHR) {
        tcg_gen_shr_i32(r, v, count);
        tcg_gen_shr_i32(t, v, cm1);
        cc_op = CC_OP_SHRB + ot;
        src2 = v;
    } else {
        /* SHL in the CC_OP_SHR encoding (cc_src = CF in bit 0, MSB of cc_src2 = OF): Intel
         * gives OF = the XOR of the operand's two top bits for every count (measured), which
         * is the SDM's count-1 definition and not derivable from the result. */
        tcg_gen_shl_i32(r, v, count);
        tcg_gen_shl_i32(t, v, cm1);
        tcg_gen_extract_i32(t, t, size_bits(ot) - 1, 1);
        src2 = tmp_new(s);
        tcg_gen_shli_i32(src2, v, 1);
        tcg_gen_xor_i32(src2, src2, v);
        cc_op = CC_OP_SHRB + ot;
    }
    gen_op_store(s, d, r);
    gen_ext(ot, r, r, false);
    gen_ext(ot, t, t, false);
    if (x86_cpu_is_amd()) {
        if (kind != SHIFT_SHL)
            tcg_gen_andi_i32(t, t, 1);
        TCGv_i32 f = gen_model_shift_flags(s, ot, kind == SHIFT_SHL, r, t, r);
        gen_shift_cc(s, CC_OP_EFLAGS, count, maybe_zero, r, f, NULL);
        return;
    }
    if (src2)
        gen_ext(ot, src2, src2, false);
    gen_shift_cc(s, cc_op, count, maybe_zero, r, t, src2);
}

/* SHLD (aux 0) / SHRD (aux 1) Ev, Gv, Ib|CL.
 * Flags use the CC_OP_SHR encoding: cc_src = CF (bit 0), cc_src2 = a value whose MSB is OF.
 * Intel (measured) gives for every count: shld OF = MSB(dst) ^ next bit of dst (the count-1
 * definition applied to the original operand), shrd OF = MSB(dst) ^ bit 0 of src; AF = 0.
 * 16-bit counts above 16 shift the 48-bit dst:src:dst (helper_shld16/shrd16). */
static void gen_shld(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0], *c = &in->op[2];
    MemOp ot = d->ot;
    int bits = size_bits(ot);
    bool right = in->e->aux;
    bool maybe_zero = c->kind != OPK_IMM;
    TCGv_i32 count = tmp_new(s), cm1 = tmp_new(s);

    if (!maybe_zero) {
        if ((c->imm & 31) == 0)
            return;
        tcg_gen_movi_i32(count, c->imm & 31);
    } else {
        tcg_gen_andi_i32(count, cpu_regs[R_ECX], 31);
    }
    tcg_gen_subi_i32(cm1, count, 1);
    tcg_gen_andi_i32(cm1, cm1, 31);

    TCGv_i32 dv = gen_op_load_new(s, d);
    TCGv_i32 sv = gen_op_load_new(s, &in->op[1]);
    TCGv_i32 r = tmp_new(s), cf = tmp_new(s), u = tmp_new(s), of = tmp_new(s);

    if (ot == MO_32) {
        /* r = d << c | s >> (32 - c), written so that no shift count reaches 32 (c = 0 gives d). */
        TCGv_i32 inv = tmp_new(s);
        tcg_gen_subfi_i32(inv, 31, count);
        if (!right) {
            tcg_gen_shl_i32(r, dv, count);
            tcg_gen_shri_i32(u, sv, 1);
            tcg_gen_shr_i32(u, u, inv);
            tcg_gen_or_i32(r, r, u);
            tcg_gen_shl_i32(cf, dv, cm1);
            tcg_gen_shri_i32(cf, cf, 31);                /* last bit shifted out */
        } else {
            tcg_gen_shr_i32(r, dv, count);
            tcg_gen_shli_i32(u, sv, 1);
            tcg_gen_shl_i32(u, u, inv);
            tcg_gen_or_i32(r, r, u);
            tcg_gen_shr_i32(cf, dv, cm1);
            tcg_gen_andi_i32(cf, cf, 1);
        }
    } else {
        TCGv_i32 packed = tmp_new(s);
        tcg_gen_deposit_i32(packed, dv, sv, 16, 16);
        if (right)
            gen_helper_shrd16(r, packed, count);
        else
            gen_helper_shld16(r, packed, count);
        tcg_gen_shri_i32(cf, r, 16);
        tcg_gen_ext16u_i32(r, r);
    }
    if (x86_cpu_is_amd()) {
        TCGv_i32 of_r = r;
        if (ot == MO_16 && !right) {
            of_r = tmp_new(s);
            tcg_gen_movcond_i32(TCG_COND_LTU, of_r, count, tmp_const(s, 16), r, tmp_const(s, 0));
        }
        TCGv_i32 f = gen_model_shift_flags(s, ot, !right, r, cf, of_r);
        gen_op_store(s, d, r);
        gen_shift_cc(s, CC_OP_EFLAGS, count, maybe_zero, r, f, NULL);
        return;
    }
    if (right)
        tcg_gen_shli_i32(of, sv, bits - 1);
    else
        tcg_gen_shli_i32(of, dv, 1);
    tcg_gen_xor_i32(of, of, dv);
    gen_ext(ot, of, of, false);
    gen_op_store(s, d, r);
    gen_shift_cc(s, CC_OP_SHRB + ot, count, maybe_zero, r, cf, of);
}

/* ================================================================== family: bit operations */

enum { BT_TEST, BT_SET, BT_RESET, BT_COMPLEMENT };

static void gen_bt(DisasContext *s, X86Insn *in)
{
    X86Operand d = in->op[0], *b = &in->op[1];
    MemOp ot = d.ot;
    int bits = size_bits(ot);
    TCGv_i32 bit = tmp_new(s);

    if (b->kind == OPK_IMM) {
        tcg_gen_movi_i32(bit, b->imm & (bits - 1));
    } else {
        TCGv_i32 off = gen_op_load_new(s, b);
        if (d.kind == OPK_MEM) {
            /* The register bit offset is signed and may address outside the operand. */
            TCGv_i32 disp = tmp_new(s), addr = tmp_new(s);
            gen_ext(ot, disp, off, true);
            tcg_gen_sari_i32(disp, disp, 3 + ot);
            tcg_gen_shli_i32(disp, disp, ot);
            tcg_gen_add_i32(addr, d.addr, disp);
            d.addr = addr;
        }
        tcg_gen_andi_i32(bit, off, bits - 1);
    }
    if (in->e->aux != BT_TEST && insn_locked(s, &d)) {
        TCGv_i32 mask = tmp_const(s, 1), cfl = tmp_new(s);
        tcg_gen_shl_i32(mask, mask, bit);
        int op = in->e->aux == BT_SET ? LOCK_RMW_OR :
                 in->e->aux == BT_RESET ? LOCK_RMW_AND : LOCK_RMW_XOR;
        if (in->e->aux == BT_RESET)
            tcg_gen_not_i32(mask, mask);
        TCGv_i32 old = gen_lock_rmw(s, &d, mask, op);
        tcg_gen_shr_i32(cfl, old, bit);
        tcg_gen_andi_i32(cfl, cfl, 1);
        gen_compute_eflags(s);
        tcg_gen_andi_i32(cpu_cc_src, cpu_cc_src, ~CC_C);
        tcg_gen_or_i32(cpu_cc_src, cpu_cc_src, cfl);
        return;
    }
    TCGv_i32 v = gen_op_load_new(s, &d);
    TCGv_i32 cf = tmp_new(s);
    tcg_gen_shr_i32(cf, v, bit);
    tcg_gen_andi_i32(cf, cf, 1);
    if (in->e->aux != BT_TEST) {
        TCGv_i32 mask = tmp_const(s, 1);
        tcg_gen_shl_i32(mask, mask, bit);
        switch (in->e->aux) {
        case BT_SET:   tcg_gen_or_i32(v, v, mask); break;
        case BT_RESET: tcg_gen_not_i32(mask, mask); tcg_gen_and_i32(v, v, mask); break;
        default:       tcg_gen_xor_i32(v, v, mask); break;
        }
        gen_op_store(s, &d, v);
    }
    /* Only CF changes. */
    gen_compute_eflags(s);
    tcg_gen_andi_i32(cpu_cc_src, cpu_cc_src, ~CC_C);
    tcg_gen_or_i32(cpu_cc_src, cpu_cc_src, cf);
}

static void gen_lzcnt(DisasContext *s, X86Insn *in);

/* BSF (aux 0) / BSR (aux 1): ZF = (source == 0), destination unchanged then. */
static void gen_bitscan(DisasContext *s, X86Insn *in)
{
    if (in->e->aux && (s->prefix & PREFIX_REPZ)) {
        gen_lzcnt(s, in);                                 /* F3 0F BD; F3 0F BC stays bsf */
        return;
    }
    X86Operand *d = &in->op[0];
    TCGv_i32 v = gen_op_load_new(s, &in->op[1]);
    TCGv_i32 old = gen_op_load_new(s, d);
    TCGv_i32 r = tmp_new(s);
    if (in->e->aux) {
        tcg_gen_clzi_i32(r, v, 32);
        tcg_gen_xori_i32(r, r, 31);                       /* 31 - clz */
    } else {
        tcg_gen_ctzi_i32(r, v, 32);
    }
    tcg_gen_movcond_i32(TCG_COND_EQ, r, v, tmp_const(s, 0), old, r);
    gen_op_store(s, d, r);
    /* ZF = (source == 0); the others are undefined: this CPU gives PF = parity of the low
     * byte of the index found (PF = 1 for a zero source), 0 for the rest. */
    TCGv_i32 p = tmp_new(s), t = tmp_new(s);
    tcg_gen_movcond_i32(TCG_COND_EQ, p, v, tmp_const(s, 0), v, r);
    tcg_gen_ext8u_i32(p, p);
    tcg_gen_shri_i32(t, p, 4);
    tcg_gen_xor_i32(p, p, t);
    tcg_gen_shri_i32(t, p, 2);
    tcg_gen_xor_i32(p, p, t);
    tcg_gen_shri_i32(t, p, 1);
    tcg_gen_xor_i32(p, p, t);
    tcg_gen_andi_i32(p, p, 1);
    tcg_gen_xori_i32(p, p, 1);                  /* 1 = even number of set bits */
    tcg_gen_shli_i32(p, p, 2);
    tcg_gen_setcondi_i32(TCG_COND_EQ, t, v, 0);
    tcg_gen_shli_i32(t, t, 6);
    tcg_gen_or_i32(cpu_cc_src, p, t);
    set_cc_op(s, CC_OP_EFLAGS);
}

static void gen_bswap(DisasContext *s, X86Insn *in)
{
    int reg = in->op[0].reg;
    tcg_gen_bswap32_i32(cpu_regs[reg], cpu_regs[reg]);
}

/* ================================================================== family: data movement */

static void gen_mov(DisasContext *s, X86Insn *in)
{
    TCGv_i32 v = gen_op_load_new(s, &in->op[1]);
    gen_op_store(s, &in->op[0], v);
}

static void gen_movx(DisasContext *s, X86Insn *in)
{
    TCGv_i32 v = gen_op_load_new(s, &in->op[1]);
    if (in->e->aux)
        gen_ext(in->op[1].ot, v, v, true);
    gen_op_store(s, &in->op[0], v);
}

static void gen_lea(DisasContext *s, X86Insn *in)
{
    gen_reg_write(in->op[0].ot, in->op[0].reg, in->ea);
}

static void gen_xchg(DisasContext *s, X86Insn *in)
{
    X86Operand *a = &in->op[0], *b = &in->op[1];
    if (a->kind == OPK_MEM || b->kind == OPK_MEM) {
        /* xchg with memory is always locked on x86. */
        X86Operand *m = a->kind == OPK_MEM ? a : b, *r = a->kind == OPK_MEM ? b : a;
        TCGv_i32 old = gen_lock_rmw(s, m, gen_op_load_new(s, r), LOCK_RMW_XCHG);
        gen_op_store(s, r, old);
        return;
    }
    TCGv_i32 va = gen_op_load_new(s, a);
    TCGv_i32 vb = gen_op_load_new(s, b);
    gen_op_store(s, a, vb);                      /* memory (if any) first */
    gen_op_store(s, b, va);
}

static void gen_xadd(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0], *src = &in->op[1];
    if (insn_locked(s, d)) {
        TCGv_i32 t1 = gen_op_load_new(s, src);
        TCGv_i32 t0 = gen_lock_rmw(s, d, t1, LOCK_RMW_ADD);
        TCGv_i32 sum = tmp_new(s);
        tcg_gen_add_i32(sum, t0, t1);
        gen_op_store(s, src, t0);
        gen_set_cc(s, CC_OP_ADDB, d->ot, sum, t1, NULL);
        return;
    }
    TCGv_i32 t0 = gen_op_load_new(s, d);
    TCGv_i32 t1 = gen_op_load_new(s, src);
    TCGv_i32 sum = tmp_new(s);
    tcg_gen_add_i32(sum, t0, t1);
    if (d->kind == OPK_MEM) {
        gen_op_store(s, d, sum);
        gen_op_store(s, src, t0);
    } else {
        gen_op_store(s, src, t0);                 /* xadd r,r: the destination write wins */
        gen_op_store(s, d, sum);
    }
    gen_set_cc(s, CC_OP_ADDB, d->ot, sum, t1, NULL);
}

static void gen_cmpxchg(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    MemOp ot = d->ot;
    TCGv_i32 src = gen_op_load_new(s, &in->op[1]);
    TCGv_i32 acc = tmp_new(s), newv = tmp_new(s), cur = tmp_new(s), r = tmp_new(s);
    gen_reg_read(ot, acc, R_EAX);
    if (insn_locked(s, d)) {
        TCGv_i32 old = tmp_new(s);
        gen_sync_for_helper(s);
        gen_helper_lock_cmpxchg(old, cpu_env, d->addr, acc, src, tmp_const(s, ot));
        gen_reg_write(ot, R_EAX, old);          /* equal: old == acc, so the same value */
        tcg_gen_sub_i32(r, acc, old);
        gen_set_cc(s, CC_OP_SUBB, ot, r, old, NULL);
        return;
    }
    TCGv_i32 dv = gen_op_load_new(s, d);
    /* Equal: destination = source. Otherwise the destination is rewritten unchanged (as the
     * CPU does for memory) and the accumulator receives it. */
    tcg_gen_movcond_i32(TCG_COND_EQ, newv, acc, dv, src, dv);
    gen_op_store(s, d, newv);
    gen_reg_read(ot, cur, R_EAX);
    tcg_gen_movcond_i32(TCG_COND_EQ, cur, acc, dv, cur, dv);
    gen_reg_write(ot, R_EAX, cur);
    tcg_gen_sub_i32(r, acc, dv);
    gen_set_cc(s, CC_OP_SUBB, ot, r, dv, NULL);
}

static void gen_cmpxchg8b(DisasContext *s, X86Insn *in)
{
    gen_compute_eflags(s);                      /* the helper updates ZF in cc_src */
    gen_sync_for_helper(s);
    gen_helper_cmpxchg8b(cpu_env, in->op[0].addr);
    set_cc_op_dynamic(s);
}

static void gen_cbw(DisasContext *s, X86Insn *in)
{
    TCGv_i32 t = tmp_new(s);
    if (s->dflag == MO_16) {
        tcg_gen_ext8s_i32(t, cpu_regs[R_EAX]);
        gen_reg_write(MO_16, R_EAX, t);
    } else {
        tcg_gen_ext16s_i32(cpu_regs[R_EAX], cpu_regs[R_EAX]);
    }
}

static void gen_cwd(DisasContext *s, X86Insn *in)
{
    TCGv_i32 t = tmp_new(s);
    if (s->dflag == MO_16) {
        tcg_gen_ext16s_i32(t, cpu_regs[R_EAX]);
        tcg_gen_sari_i32(t, t, 15);
        gen_reg_write(MO_16, R_EDX, t);
    } else {
        tcg_gen_sari_i32(cpu_regs[R_EDX], cpu_regs[R_EAX], 31);
    }
}

static void gen_xlat(DisasContext *s, X86Insn *in)
{
    TCGv_i32 addr = tmp_new(s), al = tmp_new(s);
    tcg_gen_ext8u_i32(al, cpu_regs[R_EAX]);
    tcg_gen_add_i32(addr, cpu_regs[R_EBX], al);
    if (s->aflag == MO_16)
        tcg_gen_ext16u_i32(addr, addr);
    gen_add_seg_base(s, addr, R_DS);
    tcg_gen_qemu_ld_i32(al, addr, MO_UB);
    gen_reg_write(MO_8, R_EAX, al);
}

static void gen_nop(DisasContext *s, X86Insn *in)
{
}

static void gen_fence(DisasContext *s, X86Insn *in)
{
    if ((in->modrm >> 6) != 3)
        gen_unsupported(s);                     /* fxsave/ldmxcsr/clflush...: not yet */
}

/* ================================================================== family: segment registers */

static void gen_load_seg(DisasContext *s, int seg, TCGv_i32 selector)
{
    TCGv_i32 sel = tmp_new(s);
    tcg_gen_ext16u_i32(sel, selector);
    gen_sync_for_helper(s);
    gen_helper_load_seg(cpu_env, tmp_const(s, seg), sel);
}

static void gen_mov_to_seg(DisasContext *s, X86Insn *in)
{
    int seg = in->op[0].reg;
    if (seg == R_CS) {
        gen_exception(s, EXCP06_ILLOP, s->pc_start);
        return;
    }
    gen_load_seg(s, seg, gen_op_load_new(s, &in->op[1]));
}

static void gen_mov_from_seg(DisasContext *s, X86Insn *in)
{
    X86Operand d = in->op[0];
    if (d.kind == OPK_MEM)
        d.ot = MO_16;                           /* memory form always stores 16 bits */
    gen_op_store(s, &d, gen_op_load_new(s, &in->op[1]));
}

static void gen_push_seg(DisasContext *s, X86Insn *in)
{
    X86Operand seg = { .kind = OPK_SEG, .ot = MO_16, .reg = in->e->aux };
    gen_push_value(s, s->dflag, gen_op_load_new(s, &seg));
}

static void gen_pop_seg(DisasContext *s, X86Insn *in)
{
    TCGv_i32 v = gen_pop_value(s, s->dflag);
    gen_load_seg(s, in->e->aux, v);
    gen_stack_adjust(stack_step(s->dflag));
}

/* ================================================================== family: stack */

static void gen_push(DisasContext *s, X86Insn *in)
{
    gen_push_value(s, in->op[0].ot, gen_op_load_new(s, &in->op[0]));
}

static void gen_pop(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    TCGv_i32 v = gen_pop_value(s, d->ot);
    if (d->kind == OPK_MEM) {
        X86Operand m = *d;
        if (s->ea_esp_based) {
            /* pop (%esp...): the CPU computes the address after incrementing ESP */
            m.addr = tmp_new(s);
            tcg_gen_addi_i32(m.addr, d->addr, stack_step(d->ot));
        }
        gen_op_store(s, &m, v);
        gen_stack_adjust(stack_step(d->ot));
    } else {
        gen_stack_adjust(stack_step(d->ot));    /* pop %esp: the loaded value wins */
        gen_op_store(s, d, v);
    }
}

static void gen_pusha(DisasContext *s, X86Insn *in)
{
    MemOp ot = s->dflag;
    int step = stack_step(ot);
    TCGv_i32 addr = tmp_new(s);
    for (int i = 0; i < 8; i++) {
        tcg_gen_subi_i32(addr, cpu_regs[R_ESP], (i + 1) * step);
        tcg_gen_qemu_st_i32(cpu_regs[i], addr, ot);       /* EAX first, at the highest slot */
    }
    tcg_gen_subi_i32(cpu_regs[R_ESP], cpu_regs[R_ESP], 8 * step);
}

static void gen_popa(DisasContext *s, X86Insn *in)
{
    MemOp ot = s->dflag;
    int step = stack_step(ot);
    TCGv_i32 addr = tmp_new(s);
    TCGv_i32 vals[8];
    for (int i = 0; i < 8; i++) {
        if (i == R_ESP)
            continue;                           /* the saved ESP is skipped */
        vals[i] = tmp_new(s);
        tcg_gen_addi_i32(addr, cpu_regs[R_ESP], (7 - i) * step);
        tcg_gen_qemu_ld_i32(vals[i], addr, ot);
    }
    for (int i = 0; i < 8; i++)
        if (i != R_ESP)
            gen_reg_write(ot, i, vals[i]);
    gen_stack_adjust(8 * step);
}

static void gen_pushf(DisasContext *s, X86Insn *in)
{
    TCGv_i32 f = tmp_new(s);
    gen_update_cc_op(s);
    gen_helper_read_eflags(f, cpu_env);
    gen_push_value(s, s->dflag, f);
}

static void gen_popf(DisasContext *s, X86Insn *in)
{
    uint32_t mask = EFLAGS_USER_WRITABLE | DF_MASK;
    TCGv_i32 v = gen_pop_value(s, s->dflag);
    if (s->dflag == MO_16)
        mask &= 0xffff;
    gen_update_cc_op(s);
    gen_helper_write_eflags(cpu_env, v, tmp_const(s, mask));
    gen_stack_adjust(stack_step(s->dflag));
    set_cc_op_dynamic(s);                       /* the helper left CC_OP_EFLAGS in env */
    /* TF may have changed, and with it env->hflags: continue through a TB lookup. */
    gen_jmp_dynamic(s, tmp_const(s, s->pc));
}

static void gen_enter(DisasContext *s, X86Insn *in)
{
    MemOp ot = s->dflag;
    int step = stack_step(ot);
    uint32_t frame_size = in->op[0].imm;
    int level = in->op[1].imm & 31;
    TCGv_i32 sp = tmp_new(s), frame = tmp_new(s), t = tmp_new(s), a = tmp_new(s);

    tcg_gen_subi_i32(sp, cpu_regs[R_ESP], step);
    tcg_gen_qemu_st_i32(cpu_regs[R_EBP], sp, ot);
    tcg_gen_mov_i32(frame, sp);
    if (level) {
        for (int i = 1; i < level; i++) {       /* copy the outer frame pointers */
            tcg_gen_subi_i32(a, cpu_regs[R_EBP], i * step);
            tcg_gen_qemu_ld_i32(t, a, ot);
            tcg_gen_subi_i32(sp, sp, step);
            tcg_gen_qemu_st_i32(t, sp, ot);
        }
        tcg_gen_subi_i32(sp, sp, step);
        tcg_gen_qemu_st_i32(frame, sp, ot);
    }
    gen_reg_write(ot, R_EBP, frame);
    tcg_gen_subi_i32(cpu_regs[R_ESP], sp, frame_size);
}

static void gen_leave(DisasContext *s, X86Insn *in)
{
    MemOp ot = s->dflag;
    TCGv_i32 v = tmp_new(s);
    tcg_gen_qemu_ld_i32(v, cpu_regs[R_EBP], ot);
    tcg_gen_addi_i32(cpu_regs[R_ESP], cpu_regs[R_EBP], stack_step(ot));
    gen_reg_write(ot, R_EBP, v);
}

/* ================================================================== family: control transfer */

static void gen_jcc(DisasContext *s, X86Insn *in)
{
    TCGv_i32 c = gen_cond_value(s, in->b & 15);
    gen_branch(s, c, in->op[0].imm, s->pc);
}

static void gen_setcc(DisasContext *s, X86Insn *in)
{
    TCGv_i32 c = gen_cond_value(s, in->b & 15);
    gen_op_store(s, &in->op[0], c);
}

static void gen_cmov(DisasContext *s, X86Insn *in)
{
    X86Operand *d = &in->op[0];
    TCGv_i32 v = gen_op_load_new(s, &in->op[1]);    /* the source is read (and may fault) always */
    TCGv_i32 old = gen_op_load_new(s, d);
    TCGv_i32 c = gen_cond_value(s, in->b & 15);
    tcg_gen_movcond_i32(TCG_COND_NE, v, c, tmp_const(s, 0), v, old);
    gen_op_store(s, d, v);
}

static void gen_jmp_rel(DisasContext *s, X86Insn *in)
{
    gen_jmp_tb(s, in->op[0].imm, 0);
}

static void gen_call_rel(DisasContext *s, X86Insn *in)
{
    gen_push_value(s, s->dflag, tmp_const(s, s->pc));
    gen_jmp_tb(s, in->op[0].imm, 0);
}

static void gen_call_indirect(DisasContext *s, X86Insn *in)
{
    TCGv_i32 target = gen_op_load_new(s, &in->op[0]);   /* before the push moves ESP */
    gen_push_value(s, in->op[0].ot, tmp_const(s, s->pc));
    gen_jmp_dynamic(s, target);
}

static void gen_jmp_indirect_op(DisasContext *s, X86Insn *in)
{
    gen_jmp_dynamic(s, gen_op_load_new(s, &in->op[0]));
}

static void gen_ret(DisasContext *s, X86Insn *in)
{
    MemOp ot = s->dflag;
    TCGv_i32 target = gen_pop_value(s, ot);
    uint32_t extra = in->op[0].kind == OPK_IMM ? in->op[0].imm : 0;
    gen_stack_adjust(stack_step(ot) + extra);
    gen_jmp_dynamic(s, target);
}

enum { LOOP_NE, LOOP_E, LOOP_PLAIN, LOOP_JECXZ };

/* ECX or CX (address size) as a fresh zero-extended temp. */
static TCGv_i32 gen_count_reg(DisasContext *s)
{
    return gen_ext_new(s, s->aflag, cpu_regs[R_ECX], false);
}

static void gen_dec_count_reg(DisasContext *s)
{
    TCGv_i32 t = tmp_new(s);
    tcg_gen_subi_i32(t, cpu_regs[R_ECX], 1);
    gen_reg_write(s->aflag, R_ECX, t);
}

static void gen_loop(DisasContext *s, X86Insn *in)
{
    int kind = in->e->aux;
    TCGv_i32 c = tmp_new(s);
    TCGv_i32 z = NULL;
    if (kind == LOOP_NE || kind == LOOP_E)
        z = gen_cond_value(s, kind == LOOP_E ? 4 : 5);  /* ZF / !ZF */
    if (kind != LOOP_JECXZ)
        gen_dec_count_reg(s);
    TCGv_i32 cnt = gen_count_reg(s);
    tcg_gen_setcondi_i32(kind == LOOP_JECXZ ? TCG_COND_EQ : TCG_COND_NE, c, cnt, 0);
    if (z)
        tcg_gen_and_i32(c, c, z);
    gen_branch(s, c, in->op[0].imm, s->pc);
}

/* ================================================================== family: interrupts, misc */

static void gen_int3(DisasContext *s, X86Insn *in)
{
    gen_exception(s, EXCP03_INT3, s->pc);
}

static void gen_int(DisasContext *s, X86Insn *in)
{
    switch (in->op[0].imm) {
    case 0x80: gen_exception(s, EXCP_SYSCALL, s->pc); break;
    case 3:    gen_exception(s, EXCP03_INT3, s->pc); break;
    case 4:    gen_exception(s, EXCP04_INTO, s->pc); break;
    default:
        /* Gate DPL 0 under Linux: #GP with the IDT error code (vector << 3 | IDT bit). */
        gen_update_cc_op(s);
        gen_jmp_im(s, s->pc_start);
        gen_helper_raise_exception_err(cpu_env, tmp_const(s, EXCP0D_GPF),
                                       tmp_const(s, (in->op[0].imm << 3) | 2));
        tcg_gen_exit_tb(NULL, 0);
        s->ended = true;
        break;
    }
}

static void gen_into(DisasContext *s, X86Insn *in)
{
    TCGv_i32 of = gen_cond_value(s, 0);
    TCGLabel *l = gen_new_label();
    gen_update_cc_op(s);
    tcg_gen_brcondi_i32(TCG_COND_EQ, of, 0, l);
    gen_jmp_im(s, s->pc);
    gen_helper_raise_exception(cpu_env, tmp_const(s, EXCP04_INTO));
    gen_set_label(l);
}

static void gen_gpf(DisasContext *s, X86Insn *in)
{
    gen_exception(s, EXCP0D_GPF, s->pc_start);
}

static void gen_ud2(DisasContext *s, X86Insn *in)
{
    gen_exception(s, EXCP06_ILLOP, s->pc_start);
}

static void gen_cpuid(DisasContext *s, X86Insn *in)
{
    gen_sync_for_helper(s);
    gen_helper_cpuid(cpu_env);
}

static void gen_rdtsc(DisasContext *s, X86Insn *in)
{
    gen_sync_for_helper(s);
    gen_helper_rdtsc(cpu_env);
}

static void gen_bound(DisasContext *s, X86Insn *in)
{
    TCGv_i32 idx = gen_op_load_new(s, &in->op[0]);
    gen_sync_for_helper(s);
    if (in->op[0].ot == MO_16) {
        tcg_gen_ext16s_i32(idx, idx);
        gen_helper_boundw(cpu_env, in->op[1].addr, idx);
    } else {
        gen_helper_boundl(cpu_env, in->op[1].addr, idx);
    }
}

enum { BCD_DAA, BCD_DAS, BCD_AAA, BCD_AAS };

static void gen_bcd(DisasContext *s, X86Insn *in)
{
    gen_compute_eflags(s);
    gen_sync_for_helper(s);
    switch (in->e->aux) {
    case BCD_DAA: gen_helper_daa(cpu_env); break;
    case BCD_DAS: gen_helper_das(cpu_env); break;
    case BCD_AAA: gen_helper_aaa(cpu_env); break;
    default:      gen_helper_aas(cpu_env); break;
    }
    set_cc_op_dynamic(s);
}

/* AAM (aux 0) / AAD (aux 1) imm8. */
static void gen_aam_aad(DisasContext *s, X86Insn *in)
{
    TCGv_i32 base = tmp_const(s, in->op[0].imm);
    gen_compute_eflags(s);
    gen_sync_for_helper(s);
    if (in->e->aux)
        gen_helper_aad(cpu_env, base);
    else
        gen_helper_aam(cpu_env, base);
    set_cc_op_dynamic(s);
}

static void gen_salc(DisasContext *s, X86Insn *in)
{
    TCGv_i32 cf = gen_compute_cf(s);
    tcg_gen_neg_i32(cf, cf);
    gen_reg_write(MO_8, R_EAX, cf);
}

static void gen_lahf(DisasContext *s, X86Insn *in)
{
    TCGv_i32 f = tmp_new(s);
    gen_flags_value(s, f);
    tcg_gen_andi_i32(f, f, CC_S | CC_Z | CC_A | CC_P | CC_C);
    tcg_gen_ori_i32(f, f, 0x02);                /* bit 1 of EFLAGS is always set */
    gen_reg_write(MO_8, 4, f);                  /* AH */
}

static void gen_sahf(DisasContext *s, X86Insn *in)
{
    TCGv_i32 ah = tmp_new(s);
    gen_reg_read(MO_8, ah, 4);
    tcg_gen_andi_i32(ah, ah, CC_S | CC_Z | CC_A | CC_P | CC_C);
    gen_compute_eflags(s);
    tcg_gen_andi_i32(cpu_cc_src, cpu_cc_src, CC_O);
    tcg_gen_or_i32(cpu_cc_src, cpu_cc_src, ah);
}

enum { FLAG_CLC, FLAG_STC, FLAG_CMC, FLAG_CLD, FLAG_STD };

static void gen_flag_op(DisasContext *s, X86Insn *in)
{
    int kind = in->e->aux;
    if (kind == FLAG_CLD || kind == FLAG_STD) {
        tcg_gen_st_i32(tmp_const(s, kind == FLAG_CLD ? 1 : -1), cpu_env, offsetof(CPUX86State, df));
        return;
    }
    gen_compute_eflags(s);
    switch (kind) {
    case FLAG_CLC: tcg_gen_andi_i32(cpu_cc_src, cpu_cc_src, ~CC_C); break;
    case FLAG_STC: tcg_gen_ori_i32(cpu_cc_src, cpu_cc_src, CC_C); break;
    default:       tcg_gen_xori_i32(cpu_cc_src, cpu_cc_src, CC_C); break;
    }
}

/* ================================================================== family: string instructions */

enum { STR_MOVS, STR_CMPS, STR_STOS, STR_LODS, STR_SCAS };

/* Address of ESI (DS, overridable) or EDI (ES, never overridden), address-size wrapped. */
static TCGv_i32 gen_string_addr(DisasContext *s, int reg)
{
    TCGv_i32 a = gen_ext_new(s, s->aflag, cpu_regs[reg], false);
    if (reg == R_ESI)
        gen_add_seg_base(s, a, R_DS);
    return a;
}

static void gen_string_advance(DisasContext *s, int reg, TCGv_i32 step)
{
    TCGv_i32 t = tmp_new(s);
    tcg_gen_add_i32(t, cpu_regs[reg], step);
    gen_reg_write(s->aflag, reg, t);
}

/* One iteration; returns the comparison result (size-masked) for CMPS/SCAS, else NULL. */
static TCGv_i32 gen_string_once(DisasContext *s, int kind, MemOp ot)
{
    TCGv_i32 step = tmp_new(s), a = NULL, b = NULL, r = NULL;
    tcg_gen_ld_i32(step, cpu_env, offsetof(CPUX86State, df));
    tcg_gen_shli_i32(step, step, ot);

    switch (kind) {
    case STR_MOVS:
        a = tmp_new(s);
        tcg_gen_qemu_ld_i32(a, gen_string_addr(s, R_ESI), ot);
        tcg_gen_qemu_st_i32(a, gen_string_addr(s, R_EDI), ot);
        gen_string_advance(s, R_ESI, step);
        gen_string_advance(s, R_EDI, step);
        break;
    case STR_STOS:
        tcg_gen_qemu_st_i32(cpu_regs[R_EAX], gen_string_addr(s, R_EDI), ot);
        gen_string_advance(s, R_EDI, step);
        break;
    case STR_LODS:
        a = tmp_new(s);
        tcg_gen_qemu_ld_i32(a, gen_string_addr(s, R_ESI), ot);
        gen_reg_write(ot, R_EAX, a);
        gen_string_advance(s, R_ESI, step);
        break;
    case STR_SCAS:
        a = tmp_new(s);
        b = tmp_new(s);
        gen_reg_read(ot, a, R_EAX);
        tcg_gen_qemu_ld_i32(b, gen_string_addr(s, R_EDI), ot);
        gen_string_advance(s, R_EDI, step);
        break;
    default: /* STR_CMPS */
        a = tmp_new(s);
        b = tmp_new(s);
        tcg_gen_qemu_ld_i32(a, gen_string_addr(s, R_ESI), ot);
        tcg_gen_qemu_ld_i32(b, gen_string_addr(s, R_EDI), ot);
        gen_string_advance(s, R_ESI, step);
        gen_string_advance(s, R_EDI, step);
        break;
    }
    if (b) {
        r = tmp_new(s);
        tcg_gen_sub_i32(r, a, b);
        gen_ext(ot, r, r, false);
        gen_set_cc(s, CC_OP_SUBB, ot, r, b, NULL);
    }
    return r;
}

/* REP forms run one iteration per pass and jump back to the instruction itself while ECX != 0
 * (and the REPZ/REPNZ condition holds): the TB ends after a rep instruction. */
static void gen_string(DisasContext *s, X86Insn *in)
{
    int kind = in->e->aux;
    MemOp ot = (in->b & 1) ? s->dflag : MO_8;
    bool rep = s->prefix & (PREFIX_REPZ | PREFIX_REPNZ);

    if (!rep) {
        gen_string_once(s, kind, ot);
        return;
    }
    TCGLabel *done = gen_new_label();
    gen_update_cc_op(s);
    tcg_gen_brcondi_i32(TCG_COND_EQ, gen_count_reg(s), 0, done);
    TCGv_i32 r = gen_string_once(s, kind, ot);
    gen_dec_count_reg(s);
    gen_update_cc_op(s);
    if (r && (kind == STR_CMPS || kind == STR_SCAS)) {
        /* repz stops when ZF = 0 (r != 0), repnz when ZF = 1 (r == 0) */
        tcg_gen_brcondi_i32((s->prefix & PREFIX_REPZ) ? TCG_COND_NE : TCG_COND_EQ, r, 0, done);
    }
    tcg_gen_brcondi_i32(TCG_COND_EQ, gen_count_reg(s), 0, done);
    gen_jmp_tb(s, s->pc_start, 1);
    gen_set_label(done);
    set_cc_op_dynamic(s);                       /* old cc_op, or SUB after cmps/scas */
    gen_jmp_tb(s, s->pc, 0);
}

/* ================================================================== family: far transfers, arpl */

/* Far pointer m16:16/m16:32 at addr: offset (operand size) into off, selector into sel. */
static void gen_load_far_pointer(DisasContext *s, TCGv_i32 addr, TCGv_i32 off, TCGv_i32 sel)
{
    TCGv_i32 a = tmp_new(s);
    tcg_gen_qemu_ld_i32(off, addr, s->dflag);
    tcg_gen_addi_i32(a, addr, s->dflag == MO_16 ? 2 : 4);
    tcg_gen_qemu_ld_i32(sel, a, MO_16);
}

/* In flat user mode the only reachable code segment is the current one: any other selector
 * raises #GP before the instruction changes anything (helper_check_code_selector). */
static void gen_check_code_selector(DisasContext *s, TCGv_i32 sel)
{
    gen_sync_for_helper(s);
    gen_helper_check_code_selector(cpu_env, sel);
}

/* JMPF (aux 0) / CALLF (aux 1) ptr16:16/32 (EA, 9A): op[0] = offset, op[1] = selector. */
static void gen_far_direct(DisasContext *s, X86Insn *in)
{
    TCGv_i32 sel = tmp_const(s, in->op[1].imm);
    gen_check_code_selector(s, sel);
    if (in->e->aux) {
        gen_push_value(s, s->dflag, sel);
        gen_push_value(s, s->dflag, tmp_const(s, s->pc));
    }
    gen_jmp_tb(s, in->op[0].imm, 0);
}

/* CALLF (aux 1) / JMPF (aux 0) m16:16/32 (FF /3, FF /5). */
static void gen_far_indirect(DisasContext *s, X86Insn *in)
{
    TCGv_i32 off = tmp_new(s), sel = tmp_new(s);
    gen_load_far_pointer(s, in->op[0].addr, off, sel);
    gen_check_code_selector(s, sel);
    if (in->e->aux) {
        gen_push_value(s, s->dflag, sel);
        gen_push_value(s, s->dflag, tmp_const(s, s->pc));
    }
    gen_jmp_dynamic(s, off);
}

/* RETF [imm16] (CB, CA) and IRET (CF, aux 1): offset, selector (and EFLAGS) from the stack. */
static void gen_far_return(DisasContext *s, X86Insn *in)
{
    MemOp ot = s->dflag;
    int step = stack_step(ot);
    bool iret = in->e->aux;
    TCGv_i32 off = tmp_new(s), sel = tmp_new(s), a = tmp_new(s);
    tcg_gen_qemu_ld_i32(off, cpu_regs[R_ESP], ot);
    tcg_gen_addi_i32(a, cpu_regs[R_ESP], step);
    tcg_gen_qemu_ld_i32(sel, a, MO_16);
    TCGv_i32 fl = NULL;
    if (iret) {
        fl = tmp_new(s);
        tcg_gen_addi_i32(a, cpu_regs[R_ESP], 2 * step);
        tcg_gen_qemu_ld_i32(fl, a, ot);
    }
    gen_check_code_selector(s, sel);
    if (iret) {
        /* Same privilege level: EFLAGS as a user-mode popf would load it. */
        uint32_t mask = EFLAGS_USER_WRITABLE | DF_MASK;
        if (ot == MO_16)
            mask &= 0xffff;
        gen_helper_write_eflags(cpu_env, fl, tmp_const(s, mask));
        set_cc_op_dynamic(s);
    }
    gen_stack_adjust((iret ? 3 : 2) * step + (in->op[0].kind == OPK_IMM ? in->op[0].imm : 0));
    gen_jmp_dynamic(s, off);
}

/* LES/LDS/LSS/LFS/LGS Gv, Mp (aux = segment): the segment load may fault (#GP with the
 * selector) and comes before the register write. */
static void gen_load_far_seg(DisasContext *s, X86Insn *in)
{
    TCGv_i32 off = tmp_new(s), sel = tmp_new(s);
    gen_load_far_pointer(s, in->op[1].addr, off, sel);
    gen_load_seg(s, in->e->aux, sel);
    gen_reg_write(in->op[0].ot, in->op[0].reg, off);
}

/* ARPL Ew, Gw: raise the RPL field (bits 0-1) of the destination to the source's; ZF = 1
 * when it changed. The other flags are kept. */
static void gen_arpl(DisasContext *s, X86Insn *in)
{
    X86Operand d = in->op[0];
    d.ot = MO_16;
    TCGv_i32 dv = gen_op_load_new(s, &d);
    TCGv_i32 sv = tmp_new(s), drpl = tmp_new(s), srpl = tmp_new(s), zf = tmp_new(s);
    TCGv_i32 nv = tmp_new(s);
    gen_reg_read(MO_16, sv, in->op[1].reg);
    tcg_gen_andi_i32(drpl, dv, 3);
    tcg_gen_andi_i32(srpl, sv, 3);
    tcg_gen_setcond_i32(TCG_COND_LTU, zf, drpl, srpl);
    tcg_gen_andi_i32(nv, dv, ~3u);
    tcg_gen_or_i32(nv, nv, srpl);
    tcg_gen_movcond_i32(TCG_COND_NE, nv, zf, tmp_const(s, 0), nv, dv);
    gen_op_store(s, &d, nv);
    gen_compute_eflags(s);
    tcg_gen_andi_i32(cpu_cc_src, cpu_cc_src, ~CC_Z);
    tcg_gen_shli_i32(zf, zf, 6);
    tcg_gen_or_i32(cpu_cc_src, cpu_cc_src, zf);
}

/* INT1 / ICEBP (F1): a debug trap after the instruction, reported as TRAP_BRKPT by Linux. */
static void gen_icebp(DisasContext *s, X86Insn *in)
{
    gen_update_cc_op(s);
    gen_jmp_im(s, s->pc);
    gen_helper_raise_exception_err(cpu_env, tmp_const(s, EXCP01_DB), tmp_const(s, EXCP01_ICEBP));
    tcg_gen_exit_tb(NULL, 0);
    s->ended = true;
}

/* SLDT, STR, SGDT, SIDT, SMSW (aux = UMIP_*): the CPU has UMIP enabled under Linux, so these
 * fault into the kernel, which emulates them with fixed values for 32-bit processes (measured
 * on this machine): sldt 0, str 0x40, sgdt base 0xfffe0000 / sidt base 0xffff0000 with limit
 * 0, smsw 0x80050033 (16 bits to memory). Register forms of sldt/str/smsw write the operand
 * size; the other 0F 00 / 0F 01 forms stay privileged (#GP). */
enum { UMIP_SLDT, UMIP_STR, UMIP_SGDT, UMIP_SIDT, UMIP_SMSW };

static void gen_umip(DisasContext *s, X86Insn *in)
{
    static const uint32_t values[] = { 0, 0x40, 0xfffe0000u, 0xffff0000u, 0x80050033u };
    X86Operand d = in->op[0];
    int kind = in->e->aux;
    if (kind == UMIP_SGDT || kind == UMIP_SIDT) {
        if (d.kind != OPK_MEM) {
            gen_gpf(s, in);
            return;
        }
        TCGv_i32 a = tmp_new(s);
        tcg_gen_addi_i32(a, d.addr, 2);
        tcg_gen_qemu_st_i32(tmp_const(s, values[kind]), a, MO_32);
        tcg_gen_qemu_st_i32(tmp_const(s, 0), d.addr, MO_16);
        return;
    }
    if (d.kind == OPK_MEM)
        d.ot = MO_16;
    TCGv_i32 v = tmp_const(s, values[kind]);
    if (d.ot == MO_16)
        tcg_gen_ext16u_i32(v, v);
    gen_op_store(s, &d, v);
}

/* ================================================================== family: integer extensions */

/* POPCNT Gv, Ev (F3 0F B8; without F3 the opcode is undefined). ZF = (source == 0), the
 * other flags 0. */
static void gen_popcnt(DisasContext *s, X86Insn *in)
{
    if (!(s->prefix & PREFIX_REPZ)) {
        gen_unsupported(s);
        return;
    }
    TCGv_i32 v = gen_op_load_new(s, &in->op[1]);
    TCGv_i32 r = tmp_new(s);
    gen_helper_popcnt(r, v);
    gen_reg_write(in->op[0].ot, in->op[0].reg, r);
    tcg_gen_setcondi_i32(TCG_COND_EQ, cpu_cc_src, v, 0);
    tcg_gen_shli_i32(cpu_cc_src, cpu_cc_src, 6);
    set_cc_op(s, CC_OP_EFLAGS);
}

/* LZCNT Gv, Ev (F3 0F BD, advertised through ABM): CF = (source == 0), ZF = (result == 0);
 * OF SF AF PF are undefined: Intel clears them, AMD keeps OF. */
static void gen_lzcnt(DisasContext *s, X86Insn *in)
{
    MemOp ot = in->op[0].ot;
    TCGv_i32 v = gen_op_load_new(s, &in->op[1]);
    TCGv_i32 r = tmp_new(s), zf = tmp_new(s);
    TCGv_i32 kept = gen_model_kept_flags(s, CC_O);
    tcg_gen_clzi_i32(r, v, 32);
    if (ot != MO_32)
        tcg_gen_subi_i32(r, r, 32 - size_bits(ot));
    gen_reg_write(ot, in->op[0].reg, r);
    tcg_gen_setcondi_i32(TCG_COND_EQ, cpu_cc_src, v, 0);              /* CF */
    tcg_gen_setcondi_i32(TCG_COND_EQ, zf, r, 0);
    tcg_gen_shli_i32(zf, zf, 6);
    tcg_gen_or_i32(cpu_cc_src, cpu_cc_src, zf);
    if (kept)
        tcg_gen_or_i32(cpu_cc_src, cpu_cc_src, kept);
    set_cc_op(s, CC_OP_EFLAGS);
}

/* MOVBE Gv, Mv (0F 38 F0) / Mv, Gv (0F 38 F1), called from the 0F 38 decoder with ModRM and
 * the address already decoded. F2 (crc32, SSE4.2: not advertised), F3, lock and register
 * operands are #UD. */
static void gen_movbe(DisasContext *s, X86Insn *in, int b)
{
    MemOp ot = s->dflag;
    int reg = (in->modrm >> 3) & 7;
    if ((in->modrm >> 6) == 3 || (s->prefix & (PREFIX_REPZ | PREFIX_REPNZ | PREFIX_LOCK))) {
        gen_unsupported(s);
        return;
    }
    TCGv_i32 v = tmp_new(s);
    if (b == 0xf0)
        tcg_gen_qemu_ld_i32(v, in->addr, ot);
    else
        gen_reg_read(ot, v, reg);
    if (ot == MO_16) {
        tcg_gen_ext16u_i32(v, v);
        tcg_gen_bswap16_i32(v, v);
    } else {
        tcg_gen_bswap32_i32(v, v);
    }
    if (b == 0xf0)
        gen_reg_write(ot, reg, v);
    else
        tcg_gen_qemu_st_i32(v, in->addr, ot);
}

/* ================================================================== opcode tables */

#include "translate-x87.c.inc"
#include "translate-sse.c.inc"
#include "decode-tables.inc"

/* ================================================================== instruction decoder */

/* Decode and translate the instruction at s->pc. May longjmp to s->fetch_fault. */
static void disas_insn(DisasContext *s)
{
    X86Insn insn = { .modrm = -1 };
    X86Insn *in = &insn;
    int b;

    s->prefix = 0;
    s->override = -1;
    for (int n = 0;; n++) {
        b = code_ldub(s);
        if (n >= 14) {                          /* longer than 15 bytes */
            gen_exception(s, EXCP0D_GPF, s->pc_start);
            return;
        }
        switch (b) {
        case 0xf3: s->prefix = (s->prefix & ~PREFIX_REPNZ) | PREFIX_REPZ; continue;
        case 0xf2: s->prefix = (s->prefix & ~PREFIX_REPZ) | PREFIX_REPNZ; continue;
        case 0xf0: s->prefix |= PREFIX_LOCK; continue;
        case 0x66: s->prefix |= PREFIX_DATA; continue;
        case 0x67: s->prefix |= PREFIX_ADR; continue;
        case 0x26: s->override = R_ES; continue;
        case 0x2e: s->override = R_CS; continue;
        case 0x36: s->override = R_SS; continue;
        case 0x3e: s->override = R_DS; continue;
        case 0x64: s->override = R_FS; continue;
        case 0x65: s->override = R_GS; continue;
        default: break;
        }
        break;
    }
    s->dflag = (s->prefix & PREFIX_DATA) ? MO_16 : MO_32;
    s->aflag = (s->prefix & PREFIX_ADR) ? MO_16 : MO_32;

    const X86OpEntry *e;
    if (b == 0x0f) {
        b = code_ldub(s);
        e = &two_byte_map[b];
        b |= 0x100;
    } else {
        e = &one_byte_map[b];
    }
    in->b = b;
    if (!e->gen && !e->group) {
        gen_unsupported(s);
        return;
    }

    /* ModRM when an operand needs it or the opcode is a group. */
    bool need_modrm = e->flags & F_GROUP;
    for (int i = 0; i < 3; i++) {
        switch (e->op[i]) {
        case Eb: case Ew: case Ev: case Gb: case Gv: case M: case Mq: case Sw: case Mx:
            need_modrm = true;
            break;
        default:
            break;
        }
    }
    uint8_t kinds[3] = { e->op[0], e->op[1], e->op[2] };
    int flags = e->flags;
    if (need_modrm) {
        in->modrm = code_ldub(s);
        if ((in->modrm >> 6) != 3) {
            in->ea = gen_modrm_ea(s, in->modrm);
            in->addr = tmp_new(s);
            tcg_gen_mov_i32(in->addr, in->ea);
            gen_add_seg_base(s, in->addr, R_DS);
        }
    }
    if (e->flags & F_GROUP) {
        const X86OpEntry *g = &e->group[(in->modrm >> 3) & 7];
        if (!g->gen) {
            gen_unsupported(s);
            return;
        }
        for (int i = 0; i < 3; i++)
            if (g->op[i] != xx)
                kinds[i] = g->op[i];
        flags = g->flags;
        e = g;
    }
    in->e = e;

    for (int i = 0; i < 3; i++) {
        if (!decode_operand(s, in, kinds[i], &in->op[i])) {
            gen_exception(s, EXCP06_ILLOP, s->pc_start);
            return;
        }
    }
    /* lock: only on lockable instructions with a memory destination (else #UD). */
    if ((s->prefix & PREFIX_LOCK) && (!(flags & F_LOCK) || in->op[0].kind != OPK_MEM)) {
        gen_exception(s, EXCP06_ILLOP, s->pc_start);
        return;
    }
    /* Atomic for guest threads: lock-prefixed instructions and xchg with memory (always
     * locked on x86) run under cpu-exec.c's global guest-atomic lock. */
    bool atomic = (s->prefix & PREFIX_LOCK) ||
                  (e->gen == gen_xchg && (in->op[0].kind == OPK_MEM || in->op[1].kind == OPK_MEM));
    if (atomic)
        gen_helper_guest_atomic_begin();
    e->gen(s, in);
    if (atomic)
        gen_helper_guest_atomic_end();
}

/* ================================================================== translation loop */

/* Translate one instruction; returns false when its code could not be fetched. */
static bool translate_one(DisasContext *s)
{
    if (setjmp(s->fetch_fault))
        return false;
    disas_insn(s);
    return true;
}

/* A TB whose first instruction cannot be fetched: raise a page fault at its address. */
static void gen_fetch_fault(DisasContext *s)
{
    tcg_gen_st_i32(tmp_const(s, s->fault_addr), cpu_env, offsetof(CPUX86State, exception_addr));
    tcg_gen_st_i32(tmp_const(s, 0), cpu_env, offsetof(CPUX86State, exception_is_write));
    gen_exception(s, EXCP0E_PAGE, s->pc_start);
}

/* Ops one instruction may need at most (enter with 31 levels, rep cmps...). */
#define OPS_PER_INSN_MARGIN 512

void gen_intermediate_code(CPUX86State *env, TranslationBlock *tb)
{
    static DisasContext dc;                     /* translation is serialised by tb_lock */
    DisasContext *s = &dc;
    uint32_t page = tb->pc & TARGET_PAGE_MASK;
    uint32_t end = tb->pc;
    int num_insns = 0;
    int max_insns = tb->cflags & CF_COUNT_MASK;

    memset(s, 0, sizeof(*s));
    s->env = env;
    s->tb = tb;
    s->pc = tb->pc;
    s->cc_op = CC_OP_DYNAMIC;
    s->singlestep = env->singlestep;
    s->tf = tb->flags & HF_TF_MASK;
    s->ok_page[0] = s->ok_page[1] = 1;          /* never a page address */
    if (max_insns == 0 || max_insns > TCG_MAX_INSNS)
        max_insns = TCG_MAX_INSNS;
    if (s->singlestep || s->tf)
        max_insns = 1;

    for (;;) {
        int ops_before = tcg_ctx->nb_ops, labels_before = tcg_ctx->nb_labels;
        int cc_op_before = s->cc_op;
        bool dirty_before = s->cc_op_dirty;

        s->pc_start = s->pc;
        tcg_gen_insn_start(s->pc_start, s->cc_op);
        if (!translate_one(s)) {
            /* Drop the partial instruction. */
            free_insn_temps(s);
            tcg_ctx->nb_ops = ops_before;
            tcg_ctx->nb_labels = labels_before;
            s->cc_op = cc_op_before;
            s->cc_op_dirty = dirty_before;
            s->ended = false;
            s->pc = s->pc_start;
            if (num_insns == 0) {
                tcg_gen_insn_start(s->pc_start, s->cc_op);
                gen_fetch_fault(s);
                free_insn_temps(s);
                num_insns = 1;
                end = s->fault_addr + 1;        /* cover the bad byte: remapping invalidates us */
            } else {
                gen_jmp_tb(s, s->pc_start, 0);
                free_insn_temps(s);
                end = s->pc_start;
            }
            break;
        }
        num_insns++;
        end = s->pc;
        if (!s->ended && (num_insns >= max_insns || (s->pc & TARGET_PAGE_MASK) != page ||
                          tcg_ctx->nb_ops >= TCG_MAX_OPS - OPS_PER_INSN_MARGIN))
            gen_jmp_tb(s, s->pc, 0);
        free_insn_temps(s);
        if (s->ended)
            break;
    }
    tb->size = end - tb->pc;
    tb->icount = num_insns;
}

void restore_state_to_opc(CPUX86State *env, TranslationBlock *tb, const uint32_t *data)
{
    env->eip = data[0];
    if (data[1] != CC_OP_DYNAMIC)
        env->cc_op = data[1];
}
