/*
 * profile.h - run-time profile of translated code (issue 8): the counters of
 * profile-counters.h, per-segment execution counters in the generated code (CONFIG_PROFILE),
 * and the report (-d stats table, -stats-json FILE) written at exit or on a fatal signal.
 *
 * Generated code (CONFIG_PROFILE only): tcg-op.c puts a count_exec op at the start of every
 * straight-line piece of a TB (the TB entry, after each label, after each conditional branch,
 * just before and just after each goto_tb, before each exit_tb). tcg_gen_code gives each one a ProfileSegment and
 * records, per segment, the host instructions of its code (the count_exec code itself
 * excluded) and the guest instructions that start in it. Executions x those lengths give the
 * guest and host instructions executed; the segment before a goto_tb minus the one after it
 * gives the chained jumps. The plain build emits no count_exec and has no main-loop counting:
 * every call below is behind `if (CONFIG_PROFILE)` or is a STATIC counter off the hot path.
 * Counters are plain (non-atomic) increments: with guest threads a few may be lost.
 */
#ifndef PROFILE_H
#define PROFILE_H

#include <stdint.h>
#include <stdbool.h>
#include "config-host.h"
#include "profile-counters.h"

typedef enum ProfileCounter {
#define X(name, key, kind, help) PROFILE_##name,
    PROFILE_COUNTER_LIST(X)
#undef X
    PROFILE_COUNTER_COUNT
} ProfileCounter;

typedef enum ProfileLookupLevel {
#define X(name, key, help) PROFILE_LOOKUP_##name,
    PROFILE_LOOKUP_LEVEL_LIST(X)
#undef X
    PROFILE_LOOKUP_COUNT
} ProfileLookupLevel;

extern uint64_t profile_counters[PROFILE_COUNTER_COUNT];
extern uint64_t profile_lookups[PROFILE_LOOKUP_COUNT];
/* Set by an indirect jump whose target the jump cache of lookup_tb_ptr did not give: the
 * main loop's next lookup says at which level it was found. */
extern __thread bool profile_indirect_pending;

#define PROFILE_KIND_STATIC  1
#define PROFILE_KIND_DYNAMIC 0
static inline bool profile_counter_is_static(ProfileCounter c)
{
    switch (c) {
#define X(name, key, kind, help) case PROFILE_##name: return PROFILE_KIND_##kind;
    PROFILE_COUNTER_LIST(X)
#undef X
    default: return false;
    }
}

/* Count one event; folds away for a DYNAMIC counter in the plain build. */
static inline void profile_count(ProfileCounter c)
{
    if (CONFIG_PROFILE || profile_counter_is_static(c))
        profile_counters[c]++;
}

static inline void profile_add(ProfileCounter c, uint64_t n)
{
    if (CONFIG_PROFILE || profile_counter_is_static(c))
        profile_counters[c] += n;
}

/* An indirect transfer resolved at `level` (the hook of issue 9's lookup levels). */
static inline void profile_count_lookup(ProfileLookupLevel level)
{
    if (CONFIG_PROFILE)
        profile_lookups[level]++;
}

/* The main loop found the TB for the pc it looks up at `level`: counted only when that pc is
 * the target of an indirect jump that left translated code (profile_indirect_pending). */
static inline void profile_main_loop_lookup(ProfileLookupLevel level)
{
    if (CONFIG_PROFILE && profile_indirect_pending) {
        profile_indirect_pending = false;
        profile_lookups[level]++;
    }
}

/* ---- per-segment counters (used by translate-all.c and tcg.c in the CONFIG_PROFILE build) */
typedef struct ProfileSegment {
    uint64_t count;             /* executions: incremented by the generated code */
    uint32_t host_insns;        /* host instructions of the segment's code, counter excluded */
    uint16_t guest_insns;       /* guest instructions whose code starts in the segment */
    uint8_t ends_in_goto_tb;    /* the segment is the goto_tb jump (chained or not) */
} ProfileSegment;

/* Start/abandon the profile record of the TB being translated (a failed tcg_gen_code
 * retranslates into a flushed buffer: its segments are given back). */
void profile_tb_begin(uint32_t pc, uint32_t guest_size);
void profile_tb_abort(void);
/* A new segment of the current TB; its counter address goes into the generated code. */
ProfileSegment *profile_segment_new(void);
/* Set by tcg.c when the back end cannot count its instructions (x86_64 without capstone). */
extern bool profile_host_insns_unknown;

/* Host instructions of the prologue (run at each entry into translated code) and of the
 * epilogue (from the exit_tb 0 / goto_ptr miss entry); set by tcg_prologue_init. */
void profile_set_prologue(long prologue_insns, long epilogue_insns);

/* ---- output */
/* Once at start-up: json_path from -stats-json or LOONGBT_STATS_JSON (NULL: none). */
void profile_init(const char *json_path);
/* Write the -d stats table and the JSON file now (exit, fatal signal); idempotent. */
void profile_report(void);

#endif
