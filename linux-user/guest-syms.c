/*
 * guest-syms.c - guest symbol lookup (see guest-syms.h).
 *
 * Each file the guest maps executable is recorded with its load bias (elfload.c for the
 * program and its interpreter, mmap.c for PROT_EXEC file mappings such as shared libraries);
 * its symbol table is read only when a lookup first needs it, so a run that never asks for
 * names pays one readlink and two preads per executable mapping. A table is the file's
 * function symbols sorted by address (binary search); the file is chosen by address range,
 * most recently mapped first, so a library mapped over an old one's range wins.
 */
#include <elf.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guest-syms.h"

/* ------------------------------------------------------------------ ELF symbol tables */

/* One class-independent view of the headers we need. */
typedef struct ElfView {
    const uint8_t *p;
    size_t size;
    bool is64;
} ElfView;

static bool in_file(const ElfView *e, uint64_t off, uint64_t len)
{
    return off <= e->size && len <= e->size - off;
}

typedef struct SectionInfo {
    uint32_t type, link;
    uint64_t flags, offset, size, entsize;
} SectionInfo;

static bool section_at(const ElfView *e, unsigned i, SectionInfo *s)
{
    if (e->is64) {
        const Elf64_Ehdr *h = (const void *)e->p;
        uint64_t off = h->e_shoff + (uint64_t)i * sizeof(Elf64_Shdr);
        if (i >= h->e_shnum || !in_file(e, off, sizeof(Elf64_Shdr))) return false;
        Elf64_Shdr sh;
        memcpy(&sh, e->p + off, sizeof(sh));
        *s = (SectionInfo){ sh.sh_type, sh.sh_link, sh.sh_flags, sh.sh_offset, sh.sh_size, sh.sh_entsize };
    } else {
        const Elf32_Ehdr *h = (const void *)e->p;
        uint64_t off = h->e_shoff + (uint64_t)i * sizeof(Elf32_Shdr);
        if (i >= h->e_shnum || !in_file(e, off, sizeof(Elf32_Shdr))) return false;
        Elf32_Shdr sh;
        memcpy(&sh, e->p + off, sizeof(sh));
        *s = (SectionInfo){ sh.sh_type, sh.sh_link, sh.sh_flags, sh.sh_offset, sh.sh_size, sh.sh_entsize };
    }
    return true;
}

static unsigned section_count(const ElfView *e)
{
    return e->is64 ? ((const Elf64_Ehdr *)(const void *)e->p)->e_shnum
                   : ((const Elf32_Ehdr *)(const void *)e->p)->e_shnum;
}

typedef struct SymInfo {
    uint32_t name;
    unsigned type, bind, shndx;
    uint64_t value, size;
} SymInfo;

static void symbol_at(const ElfView *e, const SectionInfo *tab, size_t i, SymInfo *s)
{
    const uint8_t *p = e->p + tab->offset + i * tab->entsize;
    if (e->is64) {
        Elf64_Sym sym;
        memcpy(&sym, p, sizeof(sym));
        *s = (SymInfo){ sym.st_name, ELF64_ST_TYPE(sym.st_info), ELF64_ST_BIND(sym.st_info),
                        sym.st_shndx, sym.st_value, sym.st_size };
    } else {
        Elf32_Sym sym;
        memcpy(&sym, p, sizeof(sym));
        *s = (SymInfo){ sym.st_name, ELF32_ST_TYPE(sym.st_info), ELF32_ST_BIND(sym.st_info),
                        sym.st_shndx, sym.st_value, sym.st_size };
    }
}

/* Biased [lo, hi) of the PT_LOAD segments. */
static void load_range(const ElfView *e, uint64_t bias, uint64_t *lo, uint64_t *hi)
{
    *lo = UINT64_MAX;
    *hi = 0;
    unsigned n = e->is64 ? ((const Elf64_Ehdr *)(const void *)e->p)->e_phnum
                         : ((const Elf32_Ehdr *)(const void *)e->p)->e_phnum;
    uint64_t phoff = e->is64 ? ((const Elf64_Ehdr *)(const void *)e->p)->e_phoff
                             : ((const Elf32_Ehdr *)(const void *)e->p)->e_phoff;
    for (unsigned i = 0; i < n; i++) {
        uint64_t type, vaddr, memsz;
        if (e->is64) {
            Elf64_Phdr ph;
            if (!in_file(e, phoff + i * sizeof(ph), sizeof(ph))) break;
            memcpy(&ph, e->p + phoff + i * sizeof(ph), sizeof(ph));
            type = ph.p_type; vaddr = ph.p_vaddr; memsz = ph.p_memsz;
        } else {
            Elf32_Phdr ph;
            if (!in_file(e, phoff + i * sizeof(ph), sizeof(ph))) break;
            memcpy(&ph, e->p + phoff + i * sizeof(ph), sizeof(ph));
            type = ph.p_type; vaddr = ph.p_vaddr; memsz = ph.p_memsz;
        }
        if (type != PT_LOAD || !memsz) continue;
        if (vaddr + bias < *lo) *lo = vaddr + bias;
        if (vaddr + memsz + bias > *hi) *hi = vaddr + memsz + bias;
    }
    if (*lo > *hi) *lo = *hi = 0;
}

/* Code symbols: functions (and ifuncs), and sized untyped symbols in executable sections
 * (hand-written assembly that sets .size but not .type). */
static bool is_code_symbol(const ElfView *e, const SymInfo *s)
{
    SectionInfo sec;
    if (s->shndx == SHN_UNDEF || s->shndx >= SHN_LORESERVE) return false;
    if (s->type == STT_FUNC || s->type == STT_GNU_IFUNC) return true;
    return s->type == STT_NOTYPE && s->size && section_at(e, s->shndx, &sec) &&
           (sec.flags & SHF_EXECINSTR);
}

/* Address order; at one address a sized symbol before an unsized one, a global before a
 * local, then by name (so the choice among aliases does not depend on qsort). */
static int entry_order(const void *a, const void *b)
{
    const SymEntry *x = a, *y = b;
    if (x->addr != y->addr) return x->addr < y->addr ? -1 : 1;
    if (!x->size != !y->size) return x->size ? -1 : 1;
    if (x->local != y->local) return x->local ? 1 : -1;
    return strcmp(x->name, y->name);
}

static bool collect_symbols(const ElfView *e, SymTable *t, uint64_t bias)
{
    SectionInfo tab = { 0 }, str;
    bool found = false;
    for (unsigned want = SHT_SYMTAB; !found && want; want = want == SHT_SYMTAB ? SHT_DYNSYM : 0)
        for (unsigned i = 0; i < section_count(e); i++)
            if (section_at(e, i, &tab) && tab.type == want) { found = true; break; }
    if (!found || !section_at(e, tab.link, &str) || !in_file(e, tab.offset, tab.size) ||
        !in_file(e, str.offset, str.size) || str.size == 0 ||
        tab.entsize < (e->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym)))
        return false;
    const char *names = (const char *)e->p + str.offset;
    if (names[str.size - 1] != '\0') return false;   /* every name ends inside the table */

    size_t count = tab.size / tab.entsize, n = 0;
    t->v = calloc(count ? count : 1, sizeof(SymEntry));
    if (!t->v) return false;
    for (size_t i = 0; i < count; i++) {
        SymInfo s;
        symbol_at(e, &tab, i, &s);
        if (!is_code_symbol(e, &s) || s.name >= str.size || !names[s.name]) continue;
        t->v[n++] = (SymEntry){ s.value + bias, s.size, names + s.name, s.bind == STB_LOCAL };
    }
    qsort(t->v, n, sizeof(SymEntry), entry_order);
    /* One entry per address (aliases: the first in entry_order). */
    size_t out = 0;
    for (size_t i = 0; i < n; i++)
        if (!out || t->v[out - 1].addr != t->v[i].addr) t->v[out++] = t->v[i];
    t->n = out;
    return out > 0;
}

static bool valid_elf(const ElfView *e)
{
    if (e->size < sizeof(Elf32_Ehdr) || memcmp(e->p, ELFMAG, SELFMAG)) return false;
    if (e->p[EI_CLASS] == ELFCLASS64) return e->size >= sizeof(Elf64_Ehdr);
    return e->p[EI_CLASS] == ELFCLASS32;
}

bool symtab_load(SymTable *t, const char *path, uint64_t bias)
{
    memset(t, 0, sizeof(*t));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) return false;
    t->image = p;
    t->image_size = (size_t)st.st_size;
    ElfView e = { p, (size_t)st.st_size, false };
    if (!valid_elf(&e)) { symtab_free(t); return false; }
    e.is64 = e.p[EI_CLASS] == ELFCLASS64;
    load_range(&e, bias, &t->lo, &t->hi);
    if (!collect_symbols(&e, t, bias)) { symtab_free(t); return false; }
    return true;
}

const SymEntry *symtab_find(const SymTable *t, uint64_t addr, uint64_t *off)
{
    if (!t->n || addr < t->v[0].addr) return NULL;
    size_t lo = 0, hi = t->n - 1;                /* last entry with entry.addr <= addr */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (t->v[mid].addr <= addr) lo = mid; else hi = mid - 1;
    }
    const SymEntry *s = &t->v[lo];
    uint64_t end = s->size ? s->addr + s->size : lo + 1 < t->n ? t->v[lo + 1].addr : t->hi;
    if (addr >= end) return NULL;
    *off = addr - s->addr;
    return s;
}

void symtab_free(SymTable *t)
{
    free(t->v);
    if (t->image) munmap(t->image, t->image_size);
    memset(t, 0, sizeof(*t));
}

/* ------------------------------------------------------------------ the guest's files */

typedef struct GuestFile {
    struct GuestFile *next;           /* most recently added first */
    char *path;
    uint32_t bias;
    bool loaded;
    SymTable syms;
} GuestFile;

static GuestFile *guest_files;
static pthread_mutex_t guest_files_lock = PTHREAD_MUTEX_INITIALIZER;

void guest_syms_add_file(const char *path, uint32_t load_bias)
{
    pthread_mutex_lock(&guest_files_lock);
    GuestFile *f;
    for (f = guest_files; f; f = f->next)
        if (f->bias == load_bias && !strcmp(f->path, path)) break;
    if (!f && (f = calloc(1, sizeof(*f))) && (f->path = strdup(path))) {
        f->bias = load_bias;
        f->next = guest_files;
        guest_files = f;
    } else if (f && !f->path) {
        free(f);
    }
    pthread_mutex_unlock(&guest_files_lock);
}

/* The bias that puts file offset `offset` at guest address addr: from the PT_LOAD segment
 * containing the offset (segments keep p_vaddr == p_offset modulo the page size). */
static bool mapping_bias(int fd, uint32_t addr, uint64_t offset, uint32_t *bias)
{
    Elf32_Ehdr eh;
    if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
        eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_phentsize != sizeof(Elf32_Phdr) || eh.e_phnum > 64)
        return false;
    Elf32_Phdr ph[64];
    size_t len = eh.e_phnum * sizeof(Elf32_Phdr);
    if (pread(fd, ph, len, eh.e_phoff) != (ssize_t)len) return false;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        uint64_t start = ph[i].p_offset & ~(uint64_t)0xfff;
        if (ph[i].p_type == PT_LOAD && offset >= start && offset < (uint64_t)ph[i].p_offset + ph[i].p_filesz) {
            *bias = addr - (uint32_t)(ph[i].p_vaddr - ph[i].p_offset + offset);
            return true;
        }
    }
    return false;
}

void guest_syms_add_mapping(int fd, uint32_t addr, uint64_t offset)
{
    char link[64], path[4096];
    uint32_t bias;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof(path) - 1);
    if (n <= 0 || path[0] != '/' || !mapping_bias(fd, addr, offset, &bias)) return;
    path[n] = '\0';
    guest_syms_add_file(path, bias);
}

/* The most recently added file whose segments cover pc (its table read on first use), or
 * NULL; called with guest_files_lock held. */
static GuestFile *file_covering(uint32_t pc, GuestFile *after)
{
    for (GuestFile *f = after ? after->next : guest_files; f; f = f->next) {
        if (!f->loaded) {
            f->loaded = true;
            symtab_load(&f->syms, f->path, f->bias);
        }
        if (pc >= f->syms.lo && pc < f->syms.hi) return f;
    }
    return NULL;
}

static size_t finish_name(int n, char *buf, size_t len)
{
    if (n < 0 || !len) return 0;
    return (size_t)n < len ? (size_t)n : len - 1;
}

size_t guest_syms_lookup(uint32_t pc, char *buf, size_t len)
{
    const SymEntry *s = NULL;
    uint64_t off = 0;
    pthread_mutex_lock(&guest_files_lock);
    for (GuestFile *f = file_covering(pc, NULL); f && !s; f = file_covering(pc, f))
        s = symtab_find(&f->syms, pc, &off);
    int n = !s ? 0 : off ? snprintf(buf, len, "%s+0x%llx", s->name, (unsigned long long)off)
                         : snprintf(buf, len, "%s", s->name);
    pthread_mutex_unlock(&guest_files_lock);   /* s->name lives in the file's table */
    if (!s && len) buf[0] = '\0';
    return finish_name(n, buf, len);
}

size_t guest_syms_lookup_file(uint32_t pc, char *buf, size_t len)
{
    pthread_mutex_lock(&guest_files_lock);
    GuestFile *f = file_covering(pc, NULL);
    const char *base = f ? strrchr(f->path, '/') : NULL;
    int n = !f ? 0 : snprintf(buf, len, "%s+0x%x", base ? base + 1 : f->path, pc - f->bias);
    pthread_mutex_unlock(&guest_files_lock);
    if (!f && len) buf[0] = '\0';
    return finish_name(n, buf, len);
}
