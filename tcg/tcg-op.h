/*
 * tcg-op.h - the front end's API for building TCG ops (implemented in tcg-op.c).
 *
 * Naming follows classic TCG: tcg_gen_<op>_i32(ret, a, b); the "i" forms take an immediate
 * (tcg_gen_addi_i32). Optional ops the host lacks (TCG_TARGET_HAS_*) are expanded here.
 * Temps from tcg_temp_new_* die at the end of a basic block (a label or branch); use
 * tcg_temp_local_new_* for values that must survive a branch inside the TB.
 */
#ifndef TCG_OP_H
#define TCG_OP_H

#include "tcg.h"

/* ---- temps ---- */
TCGv_i32 tcg_temp_new_i32(void);
TCGv_i32 tcg_temp_local_new_i32(void);
void tcg_temp_free_i32(TCGv_i32 t);
TCGv_i32 tcg_const_i32(int32_t val);            /* new temp holding val (free it) */
TCGv_i32 tcg_const_local_i32(int32_t val);
TCGv_i64 tcg_temp_new_i64(void);
void tcg_temp_free_i64(TCGv_i64 t);
TCGv_i64 tcg_const_i64(int64_t val);
TCGv_ptr tcg_temp_new_ptr(void);
void tcg_temp_free_ptr(TCGv_ptr t);
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t off, const char *name);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t off, const char *name);
TCGv_i32 tcg_global_reg_new_i32(int reg, const char *name);   /* phase 2: guest reg in host reg */

/* ---- labels and control flow ---- */
TCGLabel *gen_new_label(void);
void gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l);
/* Return val to cpu_exec: (uintptr_t)tb + idx (idx 0/1 = chain slot, 2 = no chaining), or 0
 * when tb is NULL (dynamic target: cpu_exec looks the next TB up). */
struct TranslationBlock;
void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx);
void tcg_gen_goto_tb(unsigned idx);              /* must be followed by exit_tb(tb, idx) */
void tcg_gen_goto_ptr(TCGv_ptr host_addr);
void tcg_gen_insn_start(uint32_t pc, uint32_t cc_op);
void tcg_gen_count_exec(void);                   /* CONFIG_PROFILE segment start (profile.h) */
void tcg_gen_discard_i32(TCGv_i32 t);

/* ---- helper calls ---- */
/* Call func(args...) with TCG_CALL_* flags; ret may be NULL. Arguments are i32/i64/ptr temps. */
void tcg_gen_callN(void *func, unsigned flags, TCGTemp *ret, int nargs, TCGTemp **args);

/* ---- 32-bit ---- */
void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_movi_i32(TCGv_i32 ret, int32_t v);
void tcg_gen_add_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_sub_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t a, TCGv_i32 b);   /* ret = a - b */
void tcg_gen_mul_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_and_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_or_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_xor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);    /* b in [0, 31] */
void tcg_gen_shli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_shr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_sar_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_sari_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_rotl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_rotr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotri_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_neg_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_not_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext8s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext8u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 a);           /* high 16 bits of ret are zero */
void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned ofs, unsigned len);
void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned ofs, unsigned len);
void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2,
                         TCGv_i32 v1, TCGv_i32 v2);
void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t if_zero);
void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t if_zero);

/* host memory relative to a pointer (normally cpu_env) */
void tcg_gen_ld8u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t off);
void tcg_gen_ld8s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t off);
void tcg_gen_ld16u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t off);
void tcg_gen_ld16s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t off);
void tcg_gen_ld_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t off);
void tcg_gen_st8_i32(TCGv_i32 val, TCGv_ptr base, intptr_t off);
void tcg_gen_st16_i32(TCGv_i32 val, TCGv_ptr base, intptr_t off);
void tcg_gen_st_i32(TCGv_i32 val, TCGv_ptr base, intptr_t off);

/* guest memory: addr is a 32-bit guest virtual address */
void tcg_gen_qemu_ld_i32(TCGv_i32 ret, TCGv_i32 addr, MemOp memop);
void tcg_gen_qemu_st_i32(TCGv_i32 val, TCGv_i32 addr, MemOp memop);
void tcg_gen_qemu_ld_i64(TCGv_i64 ret, TCGv_i32 addr, MemOp memop);
void tcg_gen_qemu_st_i64(TCGv_i64 val, TCGv_i32 addr, MemOp memop);

/* ---- 64-bit / pointers ---- */
void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_movi_i64(TCGv_i64 ret, int64_t v);
void tcg_gen_ld_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t off);
void tcg_gen_st_i64(TCGv_i64 val, TCGv_ptr base, intptr_t off);
void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_shri_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a);
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a);
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a);
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a);
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);
void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t off);
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b);

#endif
