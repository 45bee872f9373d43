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
