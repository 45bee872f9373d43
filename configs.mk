# configs.mk - the one list of loongbt's build-time switches.
# Each line: NAME ?= default   # one-line purpose (and what the optimisation assumes).
# `make CONFIG_X=n` builds a variant in its own folder (build/<host>[-x=n...]); the Makefile turns
# every CONFIG_* below into config-host.h (CONFIG_X 1/0 plus the CONFIG_LIST X-macro).
# Keep the list sorted by concern; add new switches here and nowhere else.

CONFIG_TB_CHAIN      ?= y  # chain translated blocks to each other through goto_tb (safe: unchained on invalidation)
CONFIG_GOTOTB_DIRECT ?= y  # chain with a patched direct jump (tb_jmp_offset); n = indirect jump through tb_next[]
CONFIG_OPTIMIZER     ?= y  # TCG optimiser: constant folding, copy propagation, dead code (safe)
CONFIG_CAPSTONE      ?= y  # guest/host disassembly in -d in_asm/out_asm via capstone (off: a line says so)
CONFIG_LIBPFM        ?= y  # -perf / -perf-sample event counting via libpfm4 (on where libpfm4 is found)
CONFIG_DEBUG_TCG     ?= y  # range assertions in encoders and IR checks (tcg_debug_assert)
CONFIG_PROFILE       ?= n  # run-time counters: per-segment counts in generated code, TB exits by kind (-d stats, -stats-json)

CONFIG_VARS := CONFIG_TB_CHAIN CONFIG_GOTOTB_DIRECT CONFIG_OPTIMIZER CONFIG_CAPSTONE CONFIG_LIBPFM CONFIG_DEBUG_TCG CONFIG_PROFILE
