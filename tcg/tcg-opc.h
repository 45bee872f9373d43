/*
 * tcg-opc.h - the one list of TCG IR opcodes.
 *
 * DEF(name, oargs, iargs, cargs, flags): number of output temps, input temps and constant
 * arguments (labels, conditions, memops, offsets), then TCG_OPF_* flags. Included to build the
 * opcode enum, the op definition table (tcg.c), the optimiser's properties and each back end's
 * switch. Argument order in TCGOp.args: outputs, inputs, constants.
 *
 * An op whose flags have TCG_OPF_NOT_PRESENT is never handed to a back end: generic code
 * handles it. Ops guarded by a TCG_TARGET_HAS_* flag are optional: when the back end lacks them
 * tcg-op.c expands them into other ops (support as data, see tcg-be.h).
 */
#ifndef DEF
#error "define DEF() before including tcg-opc.h"
#endif

/* ---- control and bookkeeping (generic) ---- */
DEF(nop,        0, 0, 0, TCG_OPF_NOT_PRESENT)              /* removed op */
DEF(discard,    1, 0, 0, TCG_OPF_NOT_PRESENT)              /* value of temp no longer needed */
DEF(set_label,  0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NOT_PRESENT) /* label: */
DEF(call,       0, 0, 3, TCG_OPF_CALL_CLOBBER | TCG_OPF_NOT_PRESENT) /* variable: see TCGOp.callo/calli; cargs = func, flags, nargs */
DEF(insn_start, 0, 0, 2, TCG_OPF_NOT_PRESENT)              /* guest pc, cc_op: restore data */
DEF(count_exec, 0, 0, 0, TCG_OPF_NOT_PRESENT)              /* CONFIG_PROFILE: a segment starts; tcg.c counts its executions (profile.h) */
DEF(mov_i32,    1, 1, 0, TCG_OPF_NOT_PRESENT)              /* ret = a */
DEF(movi_i32,   1, 0, 1, TCG_OPF_NOT_PRESENT)              /* ret = imm */
DEF(mov_i64,    1, 1, 0, TCG_OPF_64BIT | TCG_OPF_NOT_PRESENT)
DEF(movi_i64,   1, 0, 1, TCG_OPF_64BIT | TCG_OPF_NOT_PRESENT)

/* ---- control flow (back end) ---- */
DEF(br,         0, 0, 1, TCG_OPF_BB_END)                   /* goto label */
DEF(brcond_i32, 0, 2, 2, TCG_OPF_BB_END)                   /* if (a cond b) goto label; cargs = cond, label */
DEF(exit_tb,    0, 0, 1, TCG_OPF_BB_END)                   /* return val to cpu_exec (tb | slot) */
DEF(goto_tb,    0, 0, 1, TCG_OPF_BB_END)                   /* chainable jump, slot n (0/1) */
DEF(goto_ptr,   0, 1, 0, TCG_OPF_BB_END)                   /* jump to host code address (lookup hook) */

/* ---- 32-bit values ---- */
DEF(setcond_i32, 1, 2, 1, 0)                               /* ret = (a cond b) ? 1 : 0 */
DEF(movcond_i32, 1, 4, 1, 0)                               /* ret = (c1 cond c2) ? v1 : v2 */
DEF(ld8u_i32,   1, 1, 1, 0)                                /* ret = *(uint8_t *)(base + off) */
DEF(ld8s_i32,   1, 1, 1, 0)
DEF(ld16u_i32,  1, 1, 1, 0)
DEF(ld16s_i32,  1, 1, 1, 0)
DEF(ld_i32,     1, 1, 1, 0)
DEF(st8_i32,    0, 2, 1, TCG_OPF_SIDE_EFFECTS)             /* *(uint8_t *)(base + off) = val; iargs = val, base */
DEF(st16_i32,   0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st_i32,     0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(add_i32,    1, 2, 0, 0)
DEF(sub_i32,    1, 2, 0, 0)
DEF(mul_i32,    1, 2, 0, 0)
DEF(and_i32,    1, 2, 0, 0)
DEF(or_i32,     1, 2, 0, 0)
DEF(xor_i32,    1, 2, 0, 0)
DEF(shl_i32,    1, 2, 0, 0)                                /* count taken mod 32 */
DEF(shr_i32,    1, 2, 0, 0)
DEF(sar_i32,    1, 2, 0, 0)
DEF(rotl_i32,   1, 2, 0, 0)                                /* optional: TCG_TARGET_HAS_rot_i32 */
DEF(rotr_i32,   1, 2, 0, 0)
DEF(neg_i32,    1, 1, 0, 0)
DEF(not_i32,    1, 1, 0, 0)
DEF(andc_i32,   1, 2, 0, 0)                                /* optional: ret = a & ~b */
DEF(ext8s_i32,  1, 1, 0, 0)
DEF(ext8u_i32,  1, 1, 0, 0)
DEF(ext16s_i32, 1, 1, 0, 0)
DEF(ext16u_i32, 1, 1, 0, 0)
DEF(bswap16_i32, 1, 1, 0, 0)                               /* optional: low 16 bits swapped, high bits zero */
DEF(bswap32_i32, 1, 1, 0, 0)                               /* optional */
DEF(deposit_i32, 1, 2, 2, 0)                               /* optional: ret = a with bits [ofs, ofs+len) from b; cargs = ofs, len */
DEF(extract_i32, 1, 1, 2, 0)                               /* optional: ret = (a >> ofs) & mask(len), zero-extended */
DEF(sextract_i32, 1, 1, 2, 0)                              /* optional: same, sign-extended */
DEF(mulu2_i32,  2, 2, 0, 0)                                /* (rl, rh) = (uint64)a * b */
DEF(muls2_i32,  2, 2, 0, 0)                                /* (rl, rh) = (int64)a * b */
DEF(clz_i32,    1, 2, 0, 0)                                /* optional: ret = a ? clz(a) : b */
DEF(ctz_i32,    1, 2, 0, 0)                                /* optional: ret = a ? ctz(a) : b */

/* ---- guest memory: address is a 32-bit guest virtual address, host = guest_base + zext(addr) ---- */
DEF(qemu_ld_i32, 1, 1, 1, TCG_OPF_SIDE_EFFECTS)            /* ret = guest[addr]; carg = MemOp */
DEF(qemu_st_i32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)            /* guest[addr] = val; iargs = val, addr */
DEF(qemu_ld_i64, 1, 1, 1, TCG_OPF_64BIT | TCG_OPF_SIDE_EFFECTS) /* 64-bit load (x87/SSE later) */
DEF(qemu_st_i64, 0, 2, 1, TCG_OPF_64BIT | TCG_OPF_SIDE_EFFECTS)

/* ---- 64-bit values (host pointers, 64-bit products) ---- */
DEF(ld_i64,     1, 1, 1, TCG_OPF_64BIT)                    /* ret = *(uint64_t *)(base + off) */
DEF(st_i64,     0, 2, 1, TCG_OPF_64BIT | TCG_OPF_SIDE_EFFECTS)
DEF(add_i64,    1, 2, 0, TCG_OPF_64BIT)
DEF(shl_i64,    1, 2, 0, TCG_OPF_64BIT)
DEF(shr_i64,    1, 2, 0, TCG_OPF_64BIT)
DEF(and_i64,    1, 2, 0, TCG_OPF_64BIT)
DEF(or_i64,     1, 2, 0, TCG_OPF_64BIT)
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_64BIT)                  /* ret = (uint64)(uint32)a */
DEF(ext_i32_i64,  1, 1, 0, TCG_OPF_64BIT)                  /* ret = (int64)(int32)a */
DEF(extrl_i64_i32, 1, 1, 0, 0)                             /* ret = (uint32)a */
DEF(extrh_i64_i32, 1, 1, 0, 0)                             /* ret = (uint32)(a >> 32) */
