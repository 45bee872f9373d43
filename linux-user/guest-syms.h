/*
 * guest-syms.h - guest symbol names for profiles: the ELF symbol tables (.symtab, else .dynsym)
 * of the program and of every file it maps executable (shared libraries from the -L sysroot),
 * indexed by guest address once the mapping's load bias is known.
 *
 * Users: -d stats / -stats-json hot_tbs (profile.c), -perfmap / -jitdump / -perf-sample.
 */
#ifndef GUEST_SYMS_H
#define GUEST_SYMS_H

#include <stddef.h>
#include <stdint.h>

/* Record that host file `path` (as opened by the guest, after -L lookup) is mapped with its
 * ELF image at guest address bias `load_bias` (0 for ET_EXEC). Called by the ELF loader for
 * the program and its interpreter, and by mmap for PROT_EXEC file mappings; cheap to call
 * again for the same file. Never fails the caller: an unreadable file just has no names. */
void guest_syms_add_file(const char *path, uint32_t load_bias);

/* Name of the guest function containing pc: writes "symbol+0xoff" (or "symbol" at offset 0)
 * into buf and returns its length; returns 0 (buf = "") when no symbol covers pc. */
size_t guest_syms_lookup(uint32_t pc, char *buf, size_t len);

#endif
