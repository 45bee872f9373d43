/*
 * profile-counters.h - the one list of loongbt's run-time counters and the one list of indirect
 * lookup levels (issue 8). Included by profile.h (enums, profile_count) and profile.c (the -d
 * stats table and the -stats-json keys).
 *
 * PROFILE_COUNTER(NAME, json key, kind, meaning)
 *   kind STATIC:  counted in every build (translation-side events; off the execution path);
 *   kind DYNAMIC: counted only with CONFIG_PROFILE (the plain build has no code for them and
 *                 reports null).
 * Counters that the generated code counts (TB executions, guest/host instructions executed,
 * chained jumps) are not here: profile.c sums them from the per-segment counters.
 */
#define PROFILE_COUNTER_LIST(X) \
    X(DIRECT_VIA_LOOP, "direct_via_loop", DYNAMIC, "direct jumps that went back through the main loop (unchained goto_tb)") \
    X(OTHER_VIA_LOOP,  "other_via_loop",  DYNAMIC, "other returns to the main loop with a pc to look up (end of block after a state change, single-step)") \
    X(TB_RETURNS,      "tb_returns",      DYNAMIC, "returns from translated code to the main loop (all exit_tb, goto_ptr misses)") \
    X(TB_RETURNS_VALUE, "tb_returns_with_value", DYNAMIC, "those of them by exit_tb with a TB | slot value (epilogue entered one instruction later)") \
    X(SYSCALLS,        "syscalls",        DYNAMIC, "exits for a system call (int $0x80, sysenter)") \
    X(EXCEPTIONS,      "exceptions",      DYNAMIC, "exits for a guest exception (fault, trap, #DE, #UD...) turned into a guest signal") \
    X(HELPER_EXITS,    "helper_exits",    DYNAMIC, "other exits from the middle of a block through cpu_loop_exit") \
    X(EXIT_REQUESTS,   "exit_requests",   DYNAMIC, "main-loop stops on an exit request (asynchronous signal, flush, another thread)") \
    X(SIGNALS,         "signals",         DYNAMIC, "guest signals delivered (handler frames set up, or the default action taken)") \
    X(FLUSHES,         "flushes",         STATIC,  "code buffer flushes") \
    X(TBS_FLUSHED,     "tbs_flushed",     STATIC,  "TBs dropped by flushes") \
    X(TBS_INVALIDATED, "tbs_invalidated", STATIC,  "TBs invalidated because their guest code changed or was unmapped") \
    X(TRANSLATE_NS,    "translate_time_ns", STATIC, "time spent translating (ns, CLOCK_MONOTONIC)")

/* PROFILE_LOOKUP_LEVEL(NAME, json key, meaning): where an indirect transfer (ret, jmp/call
 * through a register or memory) found its target, cheapest first. Levels not implemented yet
 * stay 0; the code that adds one calls profile_count_lookup(PROFILE_LOOKUP_<NAME>). */
#define PROFILE_LOOKUP_LEVEL_LIST(X) \
    X(RETURN_STACK,    "return_stack",    "return-address stack (not implemented yet)") \
    X(PREDICTION_SLOT, "prediction_slot", "per-site prediction slot (not implemented yet)") \
    X(CAM,             "cam",             "hardware CAM lookup (not implemented yet)") \
    X(DIST_TABLE,      "dist_table",      "distributed/global lookup table (not implemented yet)") \
    X(JUMP_CACHE,      "jump_cache",      "per-CPU jump cache (lookup_tb_ptr from translated code, or the main loop)") \
    X(PHYS_HASH,       "phys_hash",       "main loop: hash of all TBs by guest pc") \
    X(TRANSLATE,       "translate",       "main loop: not translated yet, fresh translation")
