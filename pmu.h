/*
 * pmu.h - hardware (and software) event counts through libpfm4 and perf_event_open:
 * -perf EVENT,... (counts for the whole run, split by where loongbt was), -perf list, and
 * -perf-sample EVENT[:PERIOD] (a table of where the samples fell: blocks, helpers, the
 * translator, the lookup path, syscalls, the kernel). Without CONFIG_LIBPFM the options say
 * so in one line and the run goes on.
 *
 * Where loongbt is: a per-thread phase, changed at the few transitions below (hooks in
 * cpu-exec.c, translate-all.c and main.c's cpu_loop). The hooks cost one load and a
 * not-taken branch when no event is open. Helpers are not a phase: samples taken in the
 * translated-code phase whose pc is outside the code buffer are helper (host) code.
 */
#ifndef PMU_H
#define PMU_H

#include <stdbool.h>
#include <stdio.h>

/* PMU_PHASE(name, label, JSON key): where time is split; the order is the report's. */
#define PMU_PHASE_LIST(PMU_PHASE) \
    PMU_PHASE(CODE,      "translated code",  "translated_code") \
    PMU_PHASE(HELPER,    "helpers",          "helpers") \
    PMU_PHASE(TRANSLATE, "translation",      "translation") \
    PMU_PHASE(LOOP,      "lookup/main loop", "lookup_main_loop") \
    PMU_PHASE(SYSCALL,   "syscalls",         "syscalls")

typedef enum PmuPhase {
#define PMU_PHASE_ENUM(name, label, key) PMU_##name,
    PMU_PHASE_LIST(PMU_PHASE_ENUM)
#undef PMU_PHASE_ENUM
    PMU_NB_PHASES
} PmuPhase;

extern bool pmu_active;               /* an event is open: the hooks do their work */
extern __thread PmuPhase pmu_phase;

/* Option handlers: "list" lists the event names and exits. */
void pmu_count_option(const char *events);
void pmu_sample_option(const char *event_and_period);

void pmu_transition(PmuPhase next);

/* Enter a phase; returns the one left (for pmu_leave). */
static inline PmuPhase pmu_enter(PmuPhase next)
{
    PmuPhase prev = pmu_phase;
    if (__builtin_expect(pmu_active, 0))
        pmu_transition(next);
    return prev;
}

static inline void pmu_leave(PmuPhase prev)
{
    if (__builtin_expect(pmu_active, 0))
        pmu_transition(prev);
}

/* The report (also printed to stderr at exit): as text, and as one JSON object
 * {"EVENT": {"total": N, "translated_code": N, ...}, ...} for -stats-json ({} when off). */
void pmu_report(FILE *f);
void pmu_report_json(FILE *f);

#endif
