/*
 * hwassist.h - host hardware assists for binary translation (phase 2 frame).
 *
 * Some hosts offer features that speed up an x86 translator: LoongArch's LBT extension
 * computes x86 EFLAGS and keeps an x87 stack top in hardware, and a content-addressable
 * lookup (CAM) could map guest pcs to host code. None is used yet: this file only detects them
 * once (hwassist_init) and lets the user turn them off or on with
 * LOONGBT_HWASSIST=name,-name,... ("none" clears all). The code paths that use an assist ask
 * hwassist_has(HWASSIST_x) and keep a portable fallback.
 */
#ifndef HWASSIST_H
#define HWASSIST_H

#include <stdbool.h>
#include <stdio.h>

/* X(ID, "name", "one-line description") */
#define HWASSIST_LIST(X) \
    X(CAM,       "cam",       "hardware guest-pc -> host-code lookup table (no shipping host has it)") \
    X(LBT_FLAGS, "lbt-flags", "LoongArch LBT: x86 EFLAGS computed by x86-flavoured ALU instructions") \
    X(LBT_X87,   "lbt-x87",   "LoongArch LBT: x87 register-stack top kept in hardware") \
    X(LBT_JCC,   "lbt-jcc",   "LoongArch LBT: branch directly on x86 condition codes")

enum {
#define HWASSIST_BIT_ENUM(id, name, help) HWASSIST_BIT_##id,
    HWASSIST_LIST(HWASSIST_BIT_ENUM)
#undef HWASSIST_BIT_ENUM
    HWASSIST_COUNT
};
#define HWASSIST_MASK_ENUM(id, name, help) HWASSIST_##id = 1u << HWASSIST_BIT_##id,
enum { HWASSIST_LIST(HWASSIST_MASK_ENUM) };
#undef HWASSIST_MASK_ENUM

extern unsigned hwassist_mask;     /* enabled assists (detected, then LOONGBT_HWASSIST applied) */

/* Detect once (later calls do nothing); applies LOONGBT_HWASSIST. An unknown name or forcing
 * an assist the host lacks is a fatal error (bad input). */
void hwassist_init(void);
static inline bool hwassist_has(unsigned bit) { return (hwassist_mask & bit) != 0; }
/* One line per assist: name, present/absent on this host, enabled, description. */
void hwassist_print(FILE *f);

#endif
