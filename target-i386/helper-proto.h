/*
 * helper-proto.h - C prototypes of every helper in helper.h: DEF_HELPER_FLAGS_n(name, flags,
 * ret, args...) becomes `ret helper_name(args...);`. The flags only matter to the call sites
 * (helper-gen.h), so this header does not need TCG and the helper files include it alone.
 *
 * Type names used in helper.h: void, i32 (uint32_t), s32 (int32_t), i64 (uint64_t),
 * s64 (int64_t), tl (target_ulong), ptr (void *), env (CPUX86State *).
 */
#ifndef TARGET_I386_HELPER_PROTO_H
#define TARGET_I386_HELPER_PROTO_H

#include "cpu.h"

#define HELPER_CTYPE_void void
#define HELPER_CTYPE_i32  uint32_t
#define HELPER_CTYPE_s32  int32_t
#define HELPER_CTYPE_i64  uint64_t
#define HELPER_CTYPE_s64  int64_t
#define HELPER_CTYPE_tl   target_ulong
#define HELPER_CTYPE_ptr  void *
#define HELPER_CTYPE_env  CPUX86State *
#define HELPER_CTYPE(t) HELPER_CTYPE_##t

#define DEF_HELPER_FLAGS_0(name, flags, ret) \
    HELPER_CTYPE(ret) helper_##name(void);
#define DEF_HELPER_FLAGS_1(name, flags, ret, t1) \
    HELPER_CTYPE(ret) helper_##name(HELPER_CTYPE(t1));
#define DEF_HELPER_FLAGS_2(name, flags, ret, t1, t2) \
    HELPER_CTYPE(ret) helper_##name(HELPER_CTYPE(t1), HELPER_CTYPE(t2));
#define DEF_HELPER_FLAGS_3(name, flags, ret, t1, t2, t3) \
    HELPER_CTYPE(ret) helper_##name(HELPER_CTYPE(t1), HELPER_CTYPE(t2), HELPER_CTYPE(t3));
#define DEF_HELPER_FLAGS_4(name, flags, ret, t1, t2, t3, t4) \
    HELPER_CTYPE(ret) helper_##name(HELPER_CTYPE(t1), HELPER_CTYPE(t2), HELPER_CTYPE(t3), \
                                    HELPER_CTYPE(t4));
#define DEF_HELPER_FLAGS_5(name, flags, ret, t1, t2, t3, t4, t5) \
    HELPER_CTYPE(ret) helper_##name(HELPER_CTYPE(t1), HELPER_CTYPE(t2), HELPER_CTYPE(t3), \
                                    HELPER_CTYPE(t4), HELPER_CTYPE(t5));
#include "helper-expand.inc"

#endif
