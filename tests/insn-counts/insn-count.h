/*
 * insn-count.h - the per-host part of the instruction-count tool: how host instructions are
 * counted in a range of emitted code (count-<host>.c, one per host like tcg/<host>/).
 */
#ifndef LOONGBT_INSN_COUNT_H
#define LOONGBT_INSN_COUNT_H

#include <stddef.h>
#include <stdint.h>

/* How this host counts, for the file header ("capstone", "bytes / 4"). */
extern const char host_insn_count_method[];

/* Host instructions in code[0..size), which starts and ends on instruction boundaries; *err is
 * set when the range cannot be counted exactly. */
unsigned host_insn_count(const uint8_t *code, size_t size, const char **err);

/* Called before the code buffer is allocated: fix where it can land relative to loongbt's text
 * when that changes the code (the reach of a direct call to a helper), so the counts do not
 * depend on the address space layout of the run. */
void host_code_layout_fix(const void *text);

#endif
