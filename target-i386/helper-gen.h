/*
 * helper-gen.h - the translator's side of helper.h: for each helper a
 *     static inline void gen_helper_<name>([TCGv ret,] TCGv arg1, ...)
 * that emits a call op through tcg_gen_callN with the helper's TCG_CALL_* flags.
 * i32/s32/tl arguments are TCGv_i32, i64/s64 are TCGv_i64, env/ptr are TCGv_ptr; a non-void
 * helper takes its result temp first. Include it from translate.c after tcg-op.h is reachable
 * (it includes tcg-op.h and helper-proto.h itself).
 */
#ifndef TARGET_I386_HELPER_GEN_H
#define TARGET_I386_HELPER_GEN_H

#include "tcg-op.h"
#include "helper-proto.h"

/* ---- type mapping: TCG handle type, and handle -> TCGTemp * ---- */
#define HELPER_TCGV_i32 TCGv_i32
#define HELPER_TCGV_s32 TCGv_i32
#define HELPER_TCGV_tl  TCGv_i32
#define HELPER_TCGV_i64 TCGv_i64
#define HELPER_TCGV_s64 TCGv_i64
#define HELPER_TCGV_ptr TCGv_ptr
#define HELPER_TCGV_env TCGv_ptr
#define HELPER_TCGV(t) HELPER_TCGV_##t

#define HELPER_TEMP_i32(v) tcgv_i32_temp(v)
#define HELPER_TEMP_s32(v) tcgv_i32_temp(v)
#define HELPER_TEMP_tl(v)  tcgv_i32_temp(v)
#define HELPER_TEMP_i64(v) tcgv_i64_temp(v)
#define HELPER_TEMP_s64(v) tcgv_i64_temp(v)
#define HELPER_TEMP_ptr(v) tcgv_ptr_temp(v)
#define HELPER_TEMP_env(v) tcgv_ptr_temp(v)
#define HELPER_TEMP(t, v) HELPER_TEMP_##t(v)

/* Result parameter: "TCGv_x retval," before the arguments, nothing for void helpers. The _ONLY
 * form is the whole parameter list of a helper without arguments. */
#define HELPER_RET_PARAM_void
#define HELPER_RET_PARAM_i32 TCGv_i32 retval,
#define HELPER_RET_PARAM_s32 TCGv_i32 retval,
#define HELPER_RET_PARAM_tl  TCGv_i32 retval,
#define HELPER_RET_PARAM_i64 TCGv_i64 retval,
#define HELPER_RET_PARAM_s64 TCGv_i64 retval,
#define HELPER_RET_PARAM_ptr TCGv_ptr retval,
#define HELPER_RET_PARAM(t) HELPER_RET_PARAM_##t
#define HELPER_RET_ONLY_void void
#define HELPER_RET_ONLY_i32 TCGv_i32 retval
#define HELPER_RET_ONLY_s32 TCGv_i32 retval
#define HELPER_RET_ONLY_tl  TCGv_i32 retval
#define HELPER_RET_ONLY_i64 TCGv_i64 retval
#define HELPER_RET_ONLY_s64 TCGv_i64 retval
#define HELPER_RET_ONLY_ptr TCGv_ptr retval
#define HELPER_RET_ONLY(t) HELPER_RET_ONLY_##t
#define HELPER_RET_TEMP_void NULL
#define HELPER_RET_TEMP_i32 tcgv_i32_temp(retval)
#define HELPER_RET_TEMP_s32 tcgv_i32_temp(retval)
#define HELPER_RET_TEMP_tl  tcgv_i32_temp(retval)
#define HELPER_RET_TEMP_i64 tcgv_i64_temp(retval)
#define HELPER_RET_TEMP_s64 tcgv_i64_temp(retval)
#define HELPER_RET_TEMP_ptr tcgv_ptr_temp(retval)
#define HELPER_RET_TEMP(t) HELPER_RET_TEMP_##t

/* ---- the wrappers, one shape per argument count ---- */
#define DEF_HELPER_FLAGS_0(name, flags, ret) \
static inline void gen_helper_##name(HELPER_RET_ONLY(ret)) \
{ \
    tcg_gen_callN((void *)helper_##name, flags, HELPER_RET_TEMP(ret), 0, NULL); \
}
#define DEF_HELPER_FLAGS_1(name, flags, ret, t1) \
static inline void gen_helper_##name(HELPER_RET_PARAM(ret) HELPER_TCGV(t1) arg1) \
{ \
    TCGTemp *args[1] = { HELPER_TEMP(t1, arg1) }; \
    tcg_gen_callN((void *)helper_##name, flags, HELPER_RET_TEMP(ret), 1, args); \
}
#define DEF_HELPER_FLAGS_2(name, flags, ret, t1, t2) \
static inline void gen_helper_##name(HELPER_RET_PARAM(ret) HELPER_TCGV(t1) arg1, \
                                     HELPER_TCGV(t2) arg2) \
{ \
    TCGTemp *args[2] = { HELPER_TEMP(t1, arg1), HELPER_TEMP(t2, arg2) }; \
    tcg_gen_callN((void *)helper_##name, flags, HELPER_RET_TEMP(ret), 2, args); \
}
#define DEF_HELPER_FLAGS_3(name, flags, ret, t1, t2, t3) \
static inline void gen_helper_##name(HELPER_RET_PARAM(ret) HELPER_TCGV(t1) arg1, \
                                     HELPER_TCGV(t2) arg2, HELPER_TCGV(t3) arg3) \
{ \
    TCGTemp *args[3] = { HELPER_TEMP(t1, arg1), HELPER_TEMP(t2, arg2), \
                         HELPER_TEMP(t3, arg3) }; \
    tcg_gen_callN((void *)helper_##name, flags, HELPER_RET_TEMP(ret), 3, args); \
}
#define DEF_HELPER_FLAGS_4(name, flags, ret, t1, t2, t3, t4) \
static inline void gen_helper_##name(HELPER_RET_PARAM(ret) HELPER_TCGV(t1) arg1, \
                                     HELPER_TCGV(t2) arg2, HELPER_TCGV(t3) arg3, \
                                     HELPER_TCGV(t4) arg4) \
{ \
    TCGTemp *args[4] = { HELPER_TEMP(t1, arg1), HELPER_TEMP(t2, arg2), \
                         HELPER_TEMP(t3, arg3), HELPER_TEMP(t4, arg4) }; \
    tcg_gen_callN((void *)helper_##name, flags, HELPER_RET_TEMP(ret), 4, args); \
}
#define DEF_HELPER_FLAGS_5(name, flags, ret, t1, t2, t3, t4, t5) \
static inline void gen_helper_##name(HELPER_RET_PARAM(ret) HELPER_TCGV(t1) arg1, \
                                     HELPER_TCGV(t2) arg2, HELPER_TCGV(t3) arg3, \
                                     HELPER_TCGV(t4) arg4, HELPER_TCGV(t5) arg5) \
{ \
    TCGTemp *args[5] = { HELPER_TEMP(t1, arg1), HELPER_TEMP(t2, arg2), \
                         HELPER_TEMP(t3, arg3), HELPER_TEMP(t4, arg4), \
                         HELPER_TEMP(t5, arg5) }; \
    tcg_gen_callN((void *)helper_##name, flags, HELPER_RET_TEMP(ret), 5, args); \
}
#include "helper-expand.inc"

#endif
