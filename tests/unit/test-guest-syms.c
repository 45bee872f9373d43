/*
 * test-guest-syms.c - guest symbol lookup (linux-user/guest-syms.c) against binutils.
 *
 * The truth is `nm -S --defined-only` (the static guest program's .symtab) and `nm -D -S`
 * (the sysroot's stripped libc.so.6, .dynsym only), with `readelf -lW` for the libc segment
 * ld.so maps executable. For every sized text symbol nm lists, a lookup at its first byte must
 * give one of the names nm lists at that address, and at its last byte that name plus the
 * offset (when no other symbol starts inside it); the file fallback ("libc.so.6+0xaddr") gives
 * nm's address. The library is checked twice: registered
 * with a load bias as the ELF loader does, and through the mmap hook (fd, address, offset).
 * Unreadable, non-ELF and truncated files must give no names and no crash.
 */
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

#include "guest-syms.h"

#define STATIC_PROG   "tests/guest/bin/hello"
#define SYSROOT_LIBC  "sysroots/i386/lib/i386-linux-gnu/libc.so.6"
#define LIBC_BIAS     0x40000000u
#define MAPPED_BASE   0x50000000u     /* where the mmap-hook case "maps" libc */

typedef struct NmSym { uint32_t addr, size; char name[256]; } NmSym;

static int nm_order(const void *a, const void *b)
{
    const NmSym *x = a, *y = b;
    return x->addr != y->addr ? (x->addr < y->addr ? -1 : 1) : 0;
}

/* Sized text symbols (nm types T, t, W, i) of path; dynamic = nm -D. */
static NmSym *read_nm(const char *path, bool dynamic, size_t *count)
{
    char cmd[512], line[512];
    snprintf(cmd, sizeof(cmd), "nm -S --defined-only %s '%s' 2>/dev/null", dynamic ? "-D" : "", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = 0, cap = 1024;
    NmSym *v = malloc(cap * sizeof(NmSym));
    assert_non_null(v);
    while (fgets(line, sizeof(line), p)) {
        unsigned long addr, size;
        char type, name[256];
        if (sscanf(line, "%lx %lx %c %255s", &addr, &size, &type, name) != 4) continue;
        if (!strchr("TtWi", type) || size == 0) continue;
        char *at = strchr(name, '@');          /* nm -D prints versions: memcpy@@GLIBC_2.0 */
        if (at) *at = '\0';
        if (n == cap) { cap *= 2; v = realloc(v, cap * sizeof(NmSym)); assert_non_null(v); }
        v[n].addr = (uint32_t)addr;
        v[n].size = (uint32_t)size;
        snprintf(v[n].name, sizeof(v[n].name), "%s", name);
        n++;
    }
    pclose(p);
    qsort(v, n, sizeof(NmSym), nm_order);
    *count = n;
    return v;
}

/* Does `got` name one of the symbols at v[i]'s address, with offset off? */
static bool names_alias(const NmSym *v, size_t n, size_t i, uint32_t off, const char *got)
{
    size_t first = i;
    while (first > 0 && v[first - 1].addr == v[i].addr) first--;
    for (size_t k = first; k < n && v[k].addr == v[i].addr; k++) {
        char want[300];
        if (off) snprintf(want, sizeof(want), "%s+0x%x", v[k].name, off);
        else snprintf(want, sizeof(want), "%s", v[k].name);
        if (!strcmp(want, got)) return true;
    }
    return false;
}

static void check_against_nm(const NmSym *v, size_t n, uint32_t bias)
{
    size_t checked_start = 0, checked_end = 0;
    for (size_t i = 0; i < n; i++) {
        char got[256];
        uint32_t pc = v[i].addr + bias;
        guest_syms_lookup(pc, got, sizeof(got));
        if (!names_alias(v, n, i, 0, got))
            fail_msg("at 0x%08x: got '%s', nm says '%s'", pc, got, v[i].name);
        checked_start++;
        uint32_t last = v[i].size - 1;
        bool inner = i + 1 < n && v[i + 1].addr < v[i].addr + v[i].size && v[i + 1].addr != v[i].addr;
        if (!last || inner) continue;
        guest_syms_lookup(pc + last, got, sizeof(got));
        if (!names_alias(v, n, i, last, got))
            fail_msg("at 0x%08x: got '%s', nm says '%s+0x%x'", pc + last, got, v[i].name, last);
        checked_end++;
    }
    print_message("  %zu symbol starts and %zu symbol ends agree with nm\n", checked_start, checked_end);
    assert_true(checked_start > 100);
}

static void test_static_program(void **state)
{
    size_t n;
    NmSym *v = read_nm(STATIC_PROG, false, &n);
    assert_true(n > 100);
    guest_syms_add_file(STATIC_PROG, 0);
    guest_syms_add_file(STATIC_PROG, 0);     /* again: no duplicate entry, same answers */
    check_against_nm(v, n, 0);
    free(v);
}

static void test_library_with_bias(void **state)
{
    size_t n;
    if (access(SYSROOT_LIBC, R_OK) != 0)
        fail_msg("%s missing: run 'make deps' (scripts/fetch-i386-sysroot.sh)", SYSROOT_LIBC);
    NmSym *v = read_nm(SYSROOT_LIBC, true, &n);
    assert_true(n > 100);
    guest_syms_add_file(SYSROOT_LIBC, LIBC_BIAS);
    check_against_nm(v, n, LIBC_BIAS);
    /* The file fallback names the address in the file's own numbering (nm's). */
    char got[128], want[128];
    snprintf(want, sizeof(want), "libc.so.6+0x%x", v[n / 2].addr + 1);
    guest_syms_lookup_file(LIBC_BIAS + v[n / 2].addr + 1, got, sizeof(got));
    assert_string_equal(got, want);
    free(v);
}

/* The executable PT_LOAD of libc per readelf: offset and virtual address. */
static void exec_segment(const char *path, uint32_t *offset, uint32_t *vaddr)
{
    char cmd[512], line[512];
    snprintf(cmd, sizeof(cmd), "readelf -lW '%s'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    bool found = false;
    while (!found && fgets(line, sizeof(line), p)) {
        unsigned long off, va, pa, fsz, msz;
        char flags[8] = "";
        if (sscanf(line, " LOAD %lx %lx %lx %lx %lx %7[RWE ]", &off, &va, &pa, &fsz, &msz, flags) == 6 &&
            strchr(flags, 'E')) {
            *offset = (uint32_t)off;
            *vaddr = (uint32_t)va;
            found = true;
        }
    }
    pclose(p);
    assert_true(found);
}

static void test_library_through_mmap(void **state)
{
    uint32_t offset, vaddr;
    size_t n;
    exec_segment(SYSROOT_LIBC, &offset, &vaddr);
    int fd = open(SYSROOT_LIBC, O_RDONLY);
    assert_true(fd >= 0);
    /* ld.so maps the segment's pages: address = bias + page(vaddr), file offset = page(offset). */
    guest_syms_add_mapping(fd, MAPPED_BASE + (vaddr & ~0xfffu), offset & ~0xfffu);
    close(fd);
    NmSym *v = read_nm(SYSROOT_LIBC, true, &n);
    check_against_nm(v, n, MAPPED_BASE);
    free(v);
}

static void test_no_symbol(void **state)
{
    char buf[64] = "x";
    assert_int_equal(guest_syms_lookup(0x1000, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "");
    assert_int_equal(guest_syms_lookup(0xfffff000u, buf, sizeof(buf)), 0);
    assert_int_equal(guest_syms_lookup_file(0x1000, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "");
}

static void test_bad_files(void **state)
{
    char trunc[] = "/tmp/test-guest-syms-XXXXXX", buf[64];
    int fd = mkstemp(trunc);
    assert_true(fd >= 0);
    int in = open(STATIC_PROG, O_RDONLY);
    char head[600];
    assert_int_equal(read(in, head, sizeof(head)), sizeof(head));
    assert_int_equal(write(fd, head, sizeof(head)), sizeof(head));
    close(in);

    guest_syms_add_file("/nonexistent/file", 0x60000000u);
    guest_syms_add_file("/etc/passwd", 0x61000000u);
    guest_syms_add_file(trunc, 0x62000000u);
    guest_syms_add_mapping(fd, 0x63000000u, 0);       /* truncated: its segments point past the end */
    guest_syms_add_mapping(-1, 0x64000000u, 0);
    for (uint32_t a = 0x60000000u; a < 0x65000000u; a += 0x01000000u)
        assert_int_equal(guest_syms_lookup(a + 0x1000, buf, sizeof(buf)), 0);
    close(fd);
    unlink(trunc);

    SymTable t;
    assert_false(symtab_load(&t, "/etc/passwd", 0));
    assert_null(symtab_find(&t, 0x1000, &(uint64_t){ 0 }));
}

/* Corrupted copies of the program (bytes of the ELF, program and section headers and of the
 * symbol table overwritten, deterministic): symtab_load may fail or find odd names, never crash. */
static void test_corrupt_files(void **state)
{
    int in = open(STATIC_PROG, O_RDONLY);
    assert_true(in >= 0);
    off_t size = lseek(in, 0, SEEK_END);
    uint8_t *orig = malloc((size_t)size), *copy = malloc((size_t)size);
    assert_true(orig && copy && pread(in, orig, (size_t)size, 0) == size);
    close(in);
    const Elf32_Ehdr *eh = (const void *)orig;
    uint32_t shoff = eh->e_shoff, seed = 12345;
    char path[] = "/tmp/test-guest-syms-corrupt-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    for (int round = 0; round < 300; round++) {
        memcpy(copy, orig, (size_t)size);
        for (int k = 0; k < 8; k++) {
            seed = seed * 1103515245u + 12345u;
            uint32_t where = (seed >> 8) % 3 == 0 ? (seed >> 12) % 512                      /* headers */
                           : (seed >> 8) % 3 == 1 ? shoff + (seed >> 12) % (size - shoff)   /* sections */
                           : (seed >> 12) % (uint32_t)size;                                 /* anywhere */
            seed = seed * 1103515245u + 12345u;
            copy[where] = (uint8_t)(seed >> 16);
        }
        assert_true(pwrite(fd, copy, (size_t)size, 0) == size);
        SymTable t;
        uint64_t off;
        if (symtab_load(&t, path, 0)) {
            for (uint64_t a = 0x8048000; a < 0x8100000; a += 0x777) symtab_find(&t, a, &off);
            symtab_free(&t);
        }
    }
    close(fd);
    unlink(path);
    free(orig);
    free(copy);
}

/* A small buffer truncates the name and still terminates it. */
static void test_short_buffer(void **state)
{
    char buf[4];
    size_t n;
    NmSym *v = read_nm(STATIC_PROG, false, &n);
    size_t len = guest_syms_lookup(v[n / 2].addr + 1, buf, sizeof(buf));
    assert_int_equal(len, 3);
    assert_int_equal(strlen(buf), 3);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_static_program),
        cmocka_unit_test(test_library_with_bias),
        cmocka_unit_test(test_library_through_mmap),
        cmocka_unit_test(test_no_symbol),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_corrupt_files),
        cmocka_unit_test(test_short_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
