/*
 * perfmap.h - telling Linux perf what the translated code is (-perfmap, -jitdump).
 *
 * -perfmap writes /tmp/perf-<pid>.map, the text format perf report reads for JIT code
 * ("START SIZE name" per block); -jitdump writes jit-<pid>.dump in the current folder, perf's
 * binary jitdump format with each block's code, for `perf inject -j`. Blocks are named
 * "guest:symbol+0xoff" from the guest's ELF symbol tables, or "guest:0x<pc>" without a symbol.
 */
#ifndef PERFMAP_H
#define PERFMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern bool perfmap_active;           /* either output is on */

/* Option handlers (before the program is loaded). False with a message when the file cannot be
 * created; the run goes on without it. */
bool perfmap_open_map(void);
bool perfmap_open_jitdump(void);

/* Move one of loongbt's own descriptors (perf map, jitdump, perf events) near the top of the
 * descriptor limit, so the guest's open() returns the numbers it would natively. Returns the
 * new descriptor (the old one is closed), or fd itself if it cannot be moved. */
int perf_fd_out_of_guest_way(int fd);

void perfmap_write_block(const void *code, size_t size, uint32_t guest_pc);

/* The translator's hook, once per emitted block. */
static inline void perfmap_note_block(const void *code, size_t size, uint32_t guest_pc)
{
    if (__builtin_expect(perfmap_active, 0))
        perfmap_write_block(code, size, guest_pc);
}

#endif
