/*
 * tcg-be.h - the written contract between generic TCG (tcg.c) and a host back end.
 *
 * Each host has the same file set under tcg/<host>/:
 *   tcg-target.h        registers (enum TCGReg, TCG_TARGET_NB_REGS), tcg_insn_unit,
 *                       TCG_AREG0 (env), TCG_REG_CALL_STACK, TCG_TARGET_STACK_ALIGN,
 *                       TCG_STATIC_CALL_ARGS_SIZE, TCG_TARGET_CALL_ARG_I32_EXT (0 none,
 *                       1 sign-extend, 2 zero-extend 32-bit helper arguments), and the support
 *                       table TCG_TARGET_HAS_<op> (0/1) for every optional op in tcg-opc.h:
 *                       rot_i32 andc_i32 ext8s_i32 ext8u_i32 ext16s_i32 ext16u_i32 bswap16_i32
 *                       bswap32_i32 deposit_i32 extract_i32 sextract_i32 movcond_i32 mulu2_i32
 *                       muls2_i32 clz_i32 ctz_i32 goto_ptr qemu_ld_i64.
 *   tcg-target.c.inc    the functions declared below; included by tcg.c at exactly one point.
 *   tcg-target-disas.c  tcg_target_disas() for -d out_asm; tcg_target_insn_count() for the
 *                       profile's host instruction counts (tcg.h).
 * tcg.c includes this header, then "tcg-target.c.inc". No host #ifdef lives in generic code.
 *
 * Register allocation is generic: before calling tcg_out_op() tcg.c has placed every temp
 * argument in a register satisfying the op's constraint (or passed a constant where the
 * constraint allowed one, with const_args[i] = 1). Outputs aliased to inputs ('0') are already
 * in the same register.
 */
#ifndef TCG_BE_H
#define TCG_BE_H

#include "tcg.h"

/* Registers in allocation order; argument and return registers of the host C ABI. */
static const int tcg_target_reg_alloc_order[];
static const int tcg_target_call_iarg_regs[];
static const int tcg_target_call_oarg_regs[];
static int tcg_target_nb_call_iarg_regs(void);

/* Set s->reserved_regs, s->call_clobbered_regs, s->available_regs[]. */
static void tcg_target_init(TCGContext *s);
/* Constraint strings for op (NULL for an op the host does not implement). */
static const TCGTargetOpDef *tcg_target_op_def(TCGOpcode op);
/* Parse one back-end constraint letter at *str into ct; return the rest of the string or NULL
 * for an unknown letter. */
static const char *target_parse_constraint(TCGArgConstraint *ct, const char *str, TCGType type);
/* Whether constant val satisfies constraint ct (TCG_CT_CONST or a back-end class). */
static bool tcg_target_const_match(int64_t val, TCGType type, const TCGArgConstraint *ct);

/* Moves, constants, loads and stores between registers and host memory (base + offset). */
static void tcg_out_mov(TCGContext *s, TCGType type, int ret, int arg);
static void tcg_out_movi(TCGContext *s, TCGType type, int ret, int64_t arg);
static void tcg_out_ld(TCGContext *s, TCGType type, int ret, int base, intptr_t ofs);
static void tcg_out_st(TCGContext *s, TCGType type, int arg, int base, intptr_t ofs);
/* Call a host C function; arguments are already in tcg_target_call_iarg_regs. */
static void tcg_out_call(TCGContext *s, const void *func);
/* Emit one op; args are host registers or constants, in TCGOp.args order. */
static void tcg_out_op(TCGContext *s, TCGOpcode opc, const TCGArg *args, const int *const_args);
/* Emit the prologue (save callee-saved regs, set TCG_AREG0 = first arg, jump to the second
 * arg) and the epilogue; set s->code_gen_epilogue; call tcg_set_frame() for the spill area. */
static void tcg_target_qemu_prologue(TCGContext *s);
/* CONFIG_PROFILE: add 1 to the 64-bit counter at `counter`, using only the back end's scratch
 * registers (no allocated register, no temp changes; host flags may be clobbered: no op keeps
 * a value in them across ops). */
static void tcg_out_count_exec(TCGContext *s, uint64_t *counter);
/* Resolve a label reference: write value (+addend) into the instruction at code_ptr. */
static bool patch_reloc(tcg_insn_unit *code_ptr, int type, intptr_t value, intptr_t addend);

/* Provided by tcg.c for back ends. */
static void tcg_set_frame(TCGContext *s, int reg, intptr_t start, intptr_t size);
static void tcg_out_reloc(TCGContext *s, tcg_insn_unit *code_ptr, int type, TCGLabel *l, intptr_t addend);
static inline uintptr_t tcg_current_code_offset(TCGContext *s)
{
    return (uintptr_t)((uint8_t *)s->code_ptr - (uint8_t *)s->code_buf);
}

#endif
