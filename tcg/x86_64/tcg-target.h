/*
 * tcg-target.h - x86_64 host description for the TCG back end: register names in hardware
 * numbering, the instruction unit (bytes), the fixed roles of registers (env, stack), the host
 * C ABI facts generic code needs, and which optional IR ops the back end emits directly.
 */
#ifndef TCG_TARGET_X86_64_H
#define TCG_TARGET_X86_64_H

#include <stdint.h>

/* Host registers, numbered as in the ModRM/REX encoding so encoders can use them directly. */
typedef enum TCGReg {
    TCG_REG_RAX = 0,
    TCG_REG_RCX,
    TCG_REG_RDX,
    TCG_REG_RBX,
    TCG_REG_RSP,
    TCG_REG_RBP,
    TCG_REG_RSI,
    TCG_REG_RDI,
    TCG_REG_R8,
    TCG_REG_R9,
    TCG_REG_R10,
    TCG_REG_R11,
    TCG_REG_R12,
    TCG_REG_R13,
    TCG_REG_R14,
    TCG_REG_R15,
} TCGReg;

#define TCG_TARGET_NB_REGS 16

/* x86 code is a byte stream. */
typedef uint8_t tcg_insn_unit;
#define TCG_TARGET_INSN_UNIT_SIZE 1

/* Fixed roles. R14/R15 are callee-saved in the SysV ABI, so env and guest_base survive helper
 * calls without spilling. R11 is the back end's private scratch (not an argument register, so
 * it can hold a call target while argument registers are live). */
#define TCG_AREG0           TCG_REG_R14     /* env (CPUX86State *) */
#define TCG_REG_GUEST_BASE  TCG_REG_R15     /* guest_base, loaded by the prologue */
#define TCG_REG_TMP         TCG_REG_R11     /* back-end scratch, never allocated */
#define TCG_REG_CALL_STACK  TCG_REG_RSP

/* SysV x86_64 calling convention facts. */
#define TCG_TARGET_STACK_ALIGN        16
#define TCG_TARGET_CALL_STACK_OFFSET  0
#define TCG_STATIC_CALL_ARGS_SIZE     128
#define TCG_TARGET_CALL_ARG_I32_EXT   0     /* helpers read only the low 32 bits of int args */

/* Optional ops emitted natively (1) or expanded by tcg-op.c (0). */
#define TCG_TARGET_HAS_rot_i32        1
#define TCG_TARGET_HAS_andc_i32       1
#define TCG_TARGET_HAS_ext8s_i32      1
#define TCG_TARGET_HAS_ext8u_i32      1
#define TCG_TARGET_HAS_ext16s_i32     1
#define TCG_TARGET_HAS_ext16u_i32     1
#define TCG_TARGET_HAS_bswap16_i32    1
#define TCG_TARGET_HAS_bswap32_i32    1
#define TCG_TARGET_HAS_deposit_i32    1
#define TCG_TARGET_HAS_extract_i32    1
#define TCG_TARGET_HAS_sextract_i32   1
#define TCG_TARGET_HAS_movcond_i32    1
#define TCG_TARGET_HAS_mulu2_i32      1
#define TCG_TARGET_HAS_muls2_i32      1
#define TCG_TARGET_HAS_clz_i32        1
#define TCG_TARGET_HAS_ctz_i32        1
#define TCG_TARGET_HAS_goto_ptr       1
#define TCG_TARGET_HAS_qemu_ld_i64    1

#endif
