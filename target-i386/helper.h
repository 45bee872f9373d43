/*
 * helper.h - the one list of i386 helper functions called from translated code.
 *
 * DEF_HELPER_FLAGS_<n>(name, flags, ret, arg1..argn): helper_<name>(...) implemented in
 * target-i386/<area>_helper.c; translate.c calls it through the generated gen_helper_<name>(...).
 * Types: void, i32 (uint32_t), s32 (int32_t), i64 (uint64_t), env (CPUX86State *); also
 * s64 (int64_t), tl (target_ulong), ptr (void *). Up to 5 arguments.
 * flags are TCG_CALL_* (what the helper does to TCG globals); 0 = may read/write globals and
 * may raise an exception (state must be synced: eip and cc_op stored before the call).
 * helper-gen.h turns this list into prototypes (helper-proto.h) and gen_helper_* wrappers.
 */

/* ---- lazy flags (cc_helper.c) ---- */
DEF_HELPER_FLAGS_4(cc_compute_all, TCG_CALL_NO_RWG_SE, i32, i32, i32, i32, s32) /* (dst, src1, src2, op) -> CC_* bits */
DEF_HELPER_FLAGS_4(cc_compute_c, TCG_CALL_NO_RWG_SE, i32, i32, i32, i32, s32)   /* -> CF (0/1) */
DEF_HELPER_FLAGS_1(read_eflags, TCG_CALL_NO_WG, i32, env)                       /* full EFLAGS */
DEF_HELPER_3(write_eflags, void, env, i32, i32)                                 /* (value, update_mask) */

/* ---- rotate through carry (cc_helper.c): operate on (t0, count), read/write CF/OF via env ---- */
DEF_HELPER_3(rclb, i32, env, i32, i32)
DEF_HELPER_3(rclw, i32, env, i32, i32)
DEF_HELPER_3(rcll, i32, env, i32, i32)
DEF_HELPER_3(rcrb, i32, env, i32, i32)
DEF_HELPER_3(rcrw, i32, env, i32, i32)
DEF_HELPER_3(rcrl, i32, env, i32, i32)

/* ---- division (int_helper.c): operands in EAX/EDX as on the CPU; #DE -> EXCP00_DIVZ ---- */
DEF_HELPER_2(divb_AL, void, env, i32)
DEF_HELPER_2(idivb_AL, void, env, i32)
DEF_HELPER_2(divw_AX, void, env, i32)
DEF_HELPER_2(idivw_AX, void, env, i32)
DEF_HELPER_2(divl_EAX, void, env, i32)
DEF_HELPER_2(idivl_EAX, void, env, i32)

/* ---- BCD (int_helper.c): read/write AL/AH and flags (leave cc_op = CC_OP_EFLAGS in env) ---- */
DEF_HELPER_1(daa, void, env)
DEF_HELPER_1(das, void, env)
DEF_HELPER_1(aaa, void, env)
DEF_HELPER_1(aas, void, env)
DEF_HELPER_2(aam, void, env, s32)            /* base; base 0 raises #DE */
DEF_HELPER_2(aad, void, env, s32)

/* ---- misc (int_helper.c) ---- */
DEF_HELPER_1(cpuid, void, env)               /* EAX/ECX in, EAX/EBX/ECX/EDX out */
DEF_HELPER_1(rdtsc, void, env)               /* EDX:EAX */
DEF_HELPER_2(raise_exception, void, env, s32)
DEF_HELPER_3(raise_exception_err, void, env, s32, s32)
DEF_HELPER_3(load_seg, void, env, s32, i32)  /* (seg index, selector); bad selector -> #GP */
DEF_HELPER_2(cmpxchg8b, void, env, i32)      /* guest address; EDX:EAX, ECX:EBX, ZF */
DEF_HELPER_3(boundw, void, env, i32, s32)    /* (guest addr of bounds, index) -> #BR */
DEF_HELPER_3(boundl, void, env, i32, s32)

/* ---- translate.c extras (misc_helper.c) ---- */
DEF_HELPER_FLAGS_1(lookup_tb_ptr, TCG_CALL_NO_RWG_SE, ptr, env) /* host code for env->eip, or the epilogue */
/* Guest threads (cpu-exec.c): a locked read-modify-write runs between these two, under one
 * global lock, so locked instructions of different threads never interleave. */
DEF_HELPER_FLAGS_0(guest_atomic_begin, 0, void)
DEF_HELPER_FLAGS_0(guest_atomic_end, 0, void)

/* ---- x87 (fpu_helper.c) ----
 * All may raise #MF (a pending unmasked exception) except the FN* control forms, so they are
 * called with eip/cc_op synced; none writes a TCG global (TCG_CALL_NO_WG). "op" is an
 * X87_* arithmetic op or an X87_OP_* no-operand op (cpu.h). Memory operands of 2-8 bytes are
 * loaded/stored by translated code and passed by value; larger images take the guest address.
 * Store helpers get the old memory contents and return the value to store: the old one when
 * an unmasked exception aborts the store; the pop is left to helper_fpop (after the store). */
DEF_HELPER_FLAGS_2(fld_f32, TCG_CALL_NO_WG, void, env, i32)
DEF_HELPER_FLAGS_2(fld_f64, TCG_CALL_NO_WG, void, env, i64)
DEF_HELPER_FLAGS_2(fild_i32, TCG_CALL_NO_WG, void, env, s32)       /* m16int/m32int, sign-extended */
DEF_HELPER_FLAGS_2(fild_i64, TCG_CALL_NO_WG, void, env, i64)
DEF_HELPER_FLAGS_2(fld_f80, TCG_CALL_NO_WG, void, env, i32)        /* guest address */
DEF_HELPER_FLAGS_2(fbld, TCG_CALL_NO_WG, void, env, i32)           /* guest address */
DEF_HELPER_FLAGS_2(fld_st, TCG_CALL_NO_WG, void, env, s32)         /* push ST(i) */
DEF_HELPER_FLAGS_3(farith_f32, TCG_CALL_NO_WG, void, env, s32, i32)
DEF_HELPER_FLAGS_3(farith_f64, TCG_CALL_NO_WG, void, env, s32, i64)
DEF_HELPER_FLAGS_3(farith_int, TCG_CALL_NO_WG, void, env, s32, s32)
/* (op, i, j): ST(i) = ST(i) op ST(j) */
DEF_HELPER_FLAGS_4(farith_st, TCG_CALL_NO_WG, void, env, s32, s32, s32)
DEF_HELPER_FLAGS_2(fst_f32, TCG_CALL_NO_WG, i32, env, i32)              /* (old) */
DEF_HELPER_FLAGS_2(fst_f64, TCG_CALL_NO_WG, i64, env, i64)              /* (old) */
DEF_HELPER_FLAGS_4(fist_int, TCG_CALL_NO_WG, i32, env, s32, s32, i32)   /* (16/32 bits, truncate, old) */
DEF_HELPER_FLAGS_3(fist_i64, TCG_CALL_NO_WG, i64, env, s32, i64)        /* (truncate, old) */
DEF_HELPER_FLAGS_3(fst_f80, TCG_CALL_NO_WG, void, env, i32, s32)   /* (address, pop) */
DEF_HELPER_FLAGS_2(fbstp, TCG_CALL_NO_WG, void, env, i32)          /* address; pops */
DEF_HELPER_FLAGS_2(fpop, TCG_CALL_NO_WG, void, env, s32)          /* (after a store): unless aborted */
DEF_HELPER_FLAGS_3(fst_st, TCG_CALL_NO_WG, void, env, s32, s32)    /* ST(i) = ST0, then pop if asked */
DEF_HELPER_FLAGS_2(fxch, TCG_CALL_NO_WG, void, env, s32)
DEF_HELPER_FLAGS_3(ffree, TCG_CALL_NO_WG, void, env, s32, s32)     /* (i, pop): FFREE / FFREEP */
DEF_HELPER_FLAGS_3(fcmov, TCG_CALL_NO_WG, void, env, s32, i32)     /* ST0 = ST(i) if cond */
/* (i, quiet, pop) -> ZF PF CF as EFLAGS bits */
DEF_HELPER_FLAGS_4(fcomi, TCG_CALL_NO_WG, i32, env, s32, s32, s32)
DEF_HELPER_FLAGS_2(x87_op, TCG_CALL_NO_WG, void, env, s32)         /* X87_OP_* */
DEF_HELPER_FLAGS_2(fldcw, TCG_CALL_NO_WG, void, env, i32)
DEF_HELPER_FLAGS_1(fnstcw, TCG_CALL_NO_WG, i32, env)
DEF_HELPER_FLAGS_1(fnstsw, TCG_CALL_NO_WG, i32, env)
DEF_HELPER_FLAGS_3(fldenv, TCG_CALL_NO_WG, void, env, i32, s32)    /* (address, 32-bit format) */
DEF_HELPER_FLAGS_3(fnstenv, TCG_CALL_NO_WG, void, env, i32, s32)
DEF_HELPER_FLAGS_3(frstor, TCG_CALL_NO_WG, void, env, i32, s32)
DEF_HELPER_FLAGS_3(fnsave, TCG_CALL_NO_WG, void, env, i32, s32)
DEF_HELPER_FLAGS_2(fxsave, TCG_CALL_NO_WG, void, env, i32)
DEF_HELPER_FLAGS_2(fxrstor, TCG_CALL_NO_WG, void, env, i32)

/* ---- MMX / SSE / SSE2 (sse_helper.c) ----
 * Vector helpers take pointers into env: (env, d = destination register, s = source register
 * or env->xmm_t0/mmx_t0). Integer ones neither touch TCG globals nor raise; float ones may
 * raise #XM (unmasked MXCSR exception): they read the synced globals (eip/cc_op stored before
 * the call) but never write them (TCG_CALL_NO_WG). */
#define DEF_SSE_INT(name) \
    DEF_HELPER_FLAGS_3(name##_mmx, TCG_CALL_NO_RWG, void, env, ptr, ptr) \
    DEF_HELPER_FLAGS_3(name##_xmm, TCG_CALL_NO_RWG, void, env, ptr, ptr)
#define DEF_SSE_FP(name) \
    DEF_HELPER_FLAGS_3(name##ps, TCG_CALL_NO_WG, void, env, ptr, ptr) \
    DEF_HELPER_FLAGS_3(name##ss, TCG_CALL_NO_WG, void, env, ptr, ptr) \
    DEF_HELPER_FLAGS_3(name##pd, TCG_CALL_NO_WG, void, env, ptr, ptr) \
    DEF_HELPER_FLAGS_3(name##sd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_SSE_INT(paddb) DEF_SSE_INT(paddw) DEF_SSE_INT(paddd) DEF_SSE_INT(paddq)
DEF_SSE_INT(psubb) DEF_SSE_INT(psubw) DEF_SSE_INT(psubd) DEF_SSE_INT(psubq)
DEF_SSE_INT(paddsb) DEF_SSE_INT(paddsw) DEF_SSE_INT(paddusb) DEF_SSE_INT(paddusw)
DEF_SSE_INT(psubsb) DEF_SSE_INT(psubsw) DEF_SSE_INT(psubusb) DEF_SSE_INT(psubusw)
DEF_SSE_INT(pmullw) DEF_SSE_INT(pmulhw) DEF_SSE_INT(pmulhuw) DEF_SSE_INT(pmuludq)
DEF_SSE_INT(pmaddwd) DEF_SSE_INT(psadbw) DEF_SSE_INT(pavgb) DEF_SSE_INT(pavgw)
DEF_SSE_INT(pminub) DEF_SSE_INT(pmaxub) DEF_SSE_INT(pminsw) DEF_SSE_INT(pmaxsw)
DEF_SSE_INT(pcmpeqb) DEF_SSE_INT(pcmpeqw) DEF_SSE_INT(pcmpeqd)
DEF_SSE_INT(pcmpgtb) DEF_SSE_INT(pcmpgtw) DEF_SSE_INT(pcmpgtd)
DEF_SSE_INT(pand) DEF_SSE_INT(pandn) DEF_SSE_INT(por) DEF_SSE_INT(pxor)
DEF_SSE_INT(packsswb) DEF_SSE_INT(packuswb) DEF_SSE_INT(packssdw)
DEF_SSE_INT(punpcklbw) DEF_SSE_INT(punpcklwd) DEF_SSE_INT(punpckldq) DEF_SSE_INT(punpcklqdq)
DEF_SSE_INT(punpckhbw) DEF_SSE_INT(punpckhwd) DEF_SSE_INT(punpckhdq) DEF_SSE_INT(punpckhqdq)
DEF_SSE_INT(psllw) DEF_SSE_INT(pslld) DEF_SSE_INT(psllq)
DEF_SSE_INT(psrlw) DEF_SSE_INT(psrld) DEF_SSE_INT(psrlq) DEF_SSE_INT(psraw) DEF_SSE_INT(psrad)
DEF_HELPER_FLAGS_3(pslldq, TCG_CALL_NO_RWG, void, env, ptr, ptr)      /* xmm byte shifts */
DEF_HELPER_FLAGS_3(psrldq, TCG_CALL_NO_RWG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_4(pshufw, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)  /* (d, s, imm8) */
DEF_HELPER_FLAGS_4(pshufd, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_4(pshuflw, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_4(pshufhw, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_4(shufps, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_4(shufpd, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_2(pmovmskb_mmx, TCG_CALL_NO_RWG_SE, i32, env, ptr)
DEF_HELPER_FLAGS_2(pmovmskb_xmm, TCG_CALL_NO_RWG_SE, i32, env, ptr)
DEF_HELPER_FLAGS_2(movmskps, TCG_CALL_NO_RWG_SE, i32, env, ptr)
DEF_HELPER_FLAGS_2(movmskpd, TCG_CALL_NO_RWG_SE, i32, env, ptr)
DEF_HELPER_FLAGS_4(maskmov_mmx, TCG_CALL_NO_RWG, void, env, ptr, ptr, ptr) /* (mem copy, src, mask) */
DEF_HELPER_FLAGS_4(maskmov_xmm, TCG_CALL_NO_RWG, void, env, ptr, ptr, ptr)
DEF_SSE_FP(add) DEF_SSE_FP(sub) DEF_SSE_FP(mul) DEF_SSE_FP(div)
DEF_SSE_FP(min) DEF_SSE_FP(max) DEF_SSE_FP(sqrt)
DEF_HELPER_FLAGS_4(cmpps, TCG_CALL_NO_WG, void, env, ptr, ptr, i32)                          /* imm8 = predicate */
DEF_HELPER_FLAGS_4(cmpss, TCG_CALL_NO_WG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_4(cmppd, TCG_CALL_NO_WG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_4(cmpsd, TCG_CALL_NO_WG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_3(comiss, TCG_CALL_NO_WG, i32, env, ptr, ptr)                               /* -> EFLAGS ZF PF CF */
DEF_HELPER_FLAGS_3(ucomiss, TCG_CALL_NO_WG, i32, env, ptr, ptr)
DEF_HELPER_FLAGS_3(comisd, TCG_CALL_NO_WG, i32, env, ptr, ptr)
DEF_HELPER_FLAGS_3(ucomisd, TCG_CALL_NO_WG, i32, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtps2pd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtpd2ps, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtss2sd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtsd2ss, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtdq2ps, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtps2dq, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvttps2dq, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtdq2pd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtpd2dq, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvttpd2dq, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtpi2ps, TCG_CALL_NO_WG, void, env, ptr, ptr)                            /* xmm <- mmx */
DEF_HELPER_FLAGS_3(cvtpi2pd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtps2pi, TCG_CALL_NO_WG, void, env, ptr, ptr)                            /* mmx <- xmm */
DEF_HELPER_FLAGS_3(cvttps2pi, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtpd2pi, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvttpd2pi, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(cvtsi2ss, TCG_CALL_NO_WG, void, env, ptr, i32)
DEF_HELPER_FLAGS_3(cvtsi2sd, TCG_CALL_NO_WG, void, env, ptr, i32)
DEF_HELPER_FLAGS_2(cvtss2si, TCG_CALL_NO_WG, i32, env, ptr)
DEF_HELPER_FLAGS_2(cvttss2si, TCG_CALL_NO_WG, i32, env, ptr)
DEF_HELPER_FLAGS_2(cvtsd2si, TCG_CALL_NO_WG, i32, env, ptr)
DEF_HELPER_FLAGS_2(cvttsd2si, TCG_CALL_NO_WG, i32, env, ptr)
DEF_HELPER_FLAGS_3(rcpps, TCG_CALL_NO_RWG, void, env, ptr, ptr)       /* 12-bit approximations */
DEF_HELPER_FLAGS_3(rcpss, TCG_CALL_NO_RWG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(rsqrtps, TCG_CALL_NO_RWG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(rsqrtss, TCG_CALL_NO_RWG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_2(ldmxcsr, TCG_CALL_NO_WG, void, env, i32)                                  /* reserved bits -> #GP */
DEF_HELPER_FLAGS_1(stmxcsr, TCG_CALL_NO_RWG_SE, i32, env)
DEF_HELPER_FLAGS_2(sse_check_align16, TCG_CALL_NO_WG, void, env, i32)  /* misaligned -> #GP */
/* SSE3 */
DEF_HELPER_FLAGS_3(addsubps, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(addsubpd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(haddps, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(hsubps, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(haddpd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(hsubpd, TCG_CALL_NO_WG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(movsldup, TCG_CALL_NO_RWG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(movshdup, TCG_CALL_NO_RWG, void, env, ptr, ptr)
DEF_HELPER_FLAGS_3(movddup, TCG_CALL_NO_RWG, void, env, ptr, ptr)
/* SSSE3 */
DEF_SSE_INT(pshufb) DEF_SSE_INT(phaddw) DEF_SSE_INT(phaddd) DEF_SSE_INT(phaddsw)
DEF_SSE_INT(phsubw) DEF_SSE_INT(phsubd) DEF_SSE_INT(phsubsw) DEF_SSE_INT(pmaddubsw)
DEF_SSE_INT(pmulhrsw) DEF_SSE_INT(psignb) DEF_SSE_INT(psignw) DEF_SSE_INT(psignd)
DEF_SSE_INT(pabsb) DEF_SSE_INT(pabsw) DEF_SSE_INT(pabsd)
DEF_HELPER_FLAGS_4(palignr_mmx, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)
DEF_HELPER_FLAGS_4(palignr_xmm, TCG_CALL_NO_RWG, void, env, ptr, ptr, i32)
#undef DEF_SSE_INT
#undef DEF_SSE_FP

/* ---- integer extensions and far transfers (issue 3, int_helper.c / cc_helper.c) ---- */
DEF_HELPER_FLAGS_1(popcnt, TCG_CALL_NO_RWG_SE, i32, i32)        /* population count */
DEF_HELPER_2(check_code_selector, void, env, i32)  /* far jmp/call/ret/iret: other CS -> #GP(sel) */
/* 16-bit shld/shrd for counts 1..31 as Intel does them: shift the 48-bit dst:src:dst; argument
 * dst | src << 16, result = 16-bit value | CF << 16. */
DEF_HELPER_FLAGS_2(shld16, TCG_CALL_NO_RWG_SE, i32, i32, i32)
DEF_HELPER_FLAGS_2(shrd16, TCG_CALL_NO_RWG_SE, i32, i32, i32)
/* Locked read-modify-write on guest memory (lock prefix, xchg with memory): atomic on the host
 * for naturally aligned operands (under the guest-atomic lock otherwise). code = LOCK_RMW_* <<
 * 2 | MemOp size; returns the old value (zero-extended). */
DEF_HELPER_4(lock_rmw, i32, env, i32, i32, i32)             /* (addr, operand, code) */
DEF_HELPER_5(lock_cmpxchg, i32, env, i32, i32, i32, i32)    /* (addr, expected, new, size) */
