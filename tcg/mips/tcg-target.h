/*
 * tcg-target.h - MIPS64r2 (n64 ABI, little-endian) host description for the TCG back end:
 * register names in hardware numbering, the instruction unit (32-bit words), the fixed roles of
 * registers (env, guest_base, scratch), the host C ABI facts generic code needs, and which
 * optional IR ops the back end emits directly.
 *
 * Convention for i32 values: a 32-bit value lives in a 64-bit register SIGN-EXTENDED (bits
 * 63..32 equal bit 31). MIPS64 requires it: the 32-bit instructions (addu, sll, mult, ext, ins,
 * ...) have UNPREDICTABLE results on inputs that are not sign-extended, and they produce that
 * form. Every i32 op the back end emits keeps it; 64-bit compares and branches rely on it.
 */
#ifndef TCG_TARGET_MIPS_H
#define TCG_TARGET_MIPS_H

#include <stdint.h>

/* General registers by hardware number, with their n64 ABI names ($8-$11 are a4-a7 in n64). */
typedef enum TCGReg {
    TCG_REG_ZERO = 0, TCG_REG_AT, TCG_REG_V0, TCG_REG_V1,
    TCG_REG_A0, TCG_REG_A1, TCG_REG_A2, TCG_REG_A3,
    TCG_REG_A4, TCG_REG_A5, TCG_REG_A6, TCG_REG_A7,
    TCG_REG_T0, TCG_REG_T1, TCG_REG_T2, TCG_REG_T3,
    TCG_REG_S0, TCG_REG_S1, TCG_REG_S2, TCG_REG_S3,
    TCG_REG_S4, TCG_REG_S5, TCG_REG_S6, TCG_REG_S7,
    TCG_REG_T8, TCG_REG_T9, TCG_REG_K0, TCG_REG_K1,
    TCG_REG_GP, TCG_REG_SP, TCG_REG_FP, TCG_REG_RA,
} TCGReg;

#define TCG_TARGET_NB_REGS 32

/* Every MIPS instruction is one 32-bit word (little-endian here). */
typedef uint32_t tcg_insn_unit;
#define TCG_TARGET_INSN_UNIT_SIZE 4

/* Fixed roles. s0/s1 are callee-saved, so env and guest_base survive helper calls. at, t8 and
 * t9 are the back end's private scratch registers (never allocated); t9 also carries the callee
 * address of every call, as n64 PIC code computes its gp from it. k0/k1 belong to the kernel,
 * gp is the caller's global pointer (callee-saved in n64): none of them is touched. */
#define TCG_AREG0           TCG_REG_S0      /* env (CPUX86State *) */
#define TCG_REG_GUEST_BASE  TCG_REG_S1      /* guest_base, loaded by the prologue */
#define TCG_REG_TMP0        TCG_REG_AT      /* scratch: guest addresses, selects */
#define TCG_REG_TMP1        TCG_REG_T8      /* scratch: materialised constants */
#define TCG_REG_TMP2        TCG_REG_T9      /* scratch: call targets, large offsets */
#define TCG_REG_CALL_STACK  TCG_REG_SP

/* n64 calling convention facts. Eight integer argument registers; 32-bit integer arguments
 * (signed or not) are passed sign-extended to 64 bits, as every MIPS64 32-bit value is. */
#define TCG_TARGET_STACK_ALIGN        16
#define TCG_TARGET_CALL_STACK_OFFSET  0
#define TCG_STATIC_CALL_ARGS_SIZE     128
#define TCG_TARGET_CALL_ARG_I32_EXT   1

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
