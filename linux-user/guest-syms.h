/*
 * guest-syms.h - guest symbol names for profiles: the ELF symbol tables (.symtab, else .dynsym)
 * of the program and of every file it maps executable (shared libraries from the -L sysroot),
 * indexed by guest address once the mapping's load bias is known.
 *
 * Users: -d stats / -stats-json hot_tbs (profile.c), -perfmap / -jitdump / -perf-sample.
 * The table reader (SymTable) also reads ELF64 files: pmu.c names loongbt's own helpers with it.
 */
#ifndef GUEST_SYMS_H
#define GUEST_SYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Record that host file `path` (as opened by the guest, after -L lookup) is mapped with its
 * ELF image at guest address bias `load_bias` (0 for ET_EXEC). Called by the ELF loader for
 * the program and its interpreter, and by mmap for PROT_EXEC file mappings; cheap to call
 * again for the same file. Never fails the caller: an unreadable file just has no names.
 * The symbol table itself is read at the first lookup that needs it. */
void guest_syms_add_file(const char *path, uint32_t load_bias);

/* mmap's hook: file descriptor fd is mapped executable at guest address addr from file offset
 * offset. The load bias follows from the PT_LOAD segment holding that offset. */
void guest_syms_add_mapping(int fd, uint32_t addr, uint64_t offset);

/* Name of the guest function containing pc: writes "symbol+0xoff" (or "symbol" at offset 0)
 * into buf and returns its length; returns 0 (buf = "") when no symbol covers pc. */
size_t guest_syms_lookup(uint32_t pc, char *buf, size_t len);

/* Where pc is when no symbol covers it: "file+0xaddr" (the file's base name and the address in
 * the file's own numbering, as objdump shows it); 0 (buf = "") outside every recorded file. */
size_t guest_syms_lookup_file(uint32_t pc, char *buf, size_t len);

/* ---- one ELF file's function symbols (ELF32 or ELF64), sorted by address ---- */
typedef struct SymEntry {
    uint64_t addr, size;              /* size 0: extends to the next symbol */
    const char *name;
    bool local;                       /* STB_LOCAL: loses to a global alias at the same address */
} SymEntry;

typedef struct SymTable {
    SymEntry *v;
    size_t n;
    uint64_t lo, hi;                  /* biased range of the PT_LOAD segments */
    void *image;                      /* the file, mapped read-only (names point into it) */
    size_t image_size;
} SymTable;

/* Read path's STT_FUNC (and sized code) symbols, adding bias for ET_DYN files. False (and an
 * empty table) when the file is not a readable ELF or has no symbols. */
bool symtab_load(SymTable *t, const char *path, uint64_t bias);
/* Symbol containing addr and the offset into it, or NULL. */
const SymEntry *symtab_find(const SymTable *t, uint64_t addr, uint64_t *off);
void symtab_free(SymTable *t);

#endif
