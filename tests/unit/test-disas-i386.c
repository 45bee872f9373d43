/*
 * test-disas-i386.c - loongbt's own i386 disassembler (disas-i386.c) against capstone.
 *
 * The corpus is real code: the executable sections of static guest programs (hello, flags-alu,
 * strings: glibc's integer, string and SSE2/SSSE3/SSE4.2 code) and of disas-i386-corpus.o,
 * an object compiled for this test with x87, MMX, SSE-SSE4.1 code and an assembler listing of
 * the rarer forms (tests/unit/disas-i386-corpus.c). Each section is swept linearly with
 * capstone (the oracle, the text -d in_asm printed so far); at each instruction capstone
 * decodes, ours must decode the same number of bytes (100%, no exceptions) and print the same
 * text after normalisation (spaces collapsed, numbers compared by value). Text differences
 * listed in known_differences[] are capstone quirks we do not copy; they are counted and shown
 * but do not fail the test; every other difference does. DISAS_TEST_VERBOSE=1 prints each one.
 *
 * Without capstone (a cross build) there is no oracle: the corpus test fails rather than pass
 * untested. The small hand-checked cases at the end hold llvm-mc-19/objdump text.
 */
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <elf.h>
#include <cmocka.h>

#include "config-host.h"
#include "disas-i386.h"

#if CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

/* ================================================================== corpus */

static const char *const corpus_files[] = {
    "tests/guest/bin/hello",
    "tests/guest/bin/flags-alu",
    "tests/guest/bin/strings",
    LOONGBT_BUILD_DIR "/tests/unit/disas-i386-corpus.o",
};

/*
 * Capstone 4 quirks: where capstone's text is not what the SDM (and llvm-objdump-19) say, ours
 * follows the SDM. An entry applies to instructions whose capstone text starts with its
 * mnemonic: replacing each "ours" fragment of our (normalised) text by the "capstone" fragment
 * must then give capstone's text. Decoded lengths always match: capstone 4's one length error
 * seen (0F B9 as a 2-byte "ud2b"; the SDM's UD1 has a ModRM) is left out of the corpus.
 */
static const struct {
    const char *mnemonic, *ours, *capstone, *why;
} known_differences[] = {
    /* 66 before F2/F3 on a string instruction: capstone drops the operand-size prefix;
     * llvm-mc-19 and the CPU agree with ours (66 F3 A5 is rep movsw). */
    { "rep movsd", "movsw word ptr es:[edi], word", "movsd dword ptr es:[edi], dword", "66 F3 A5" },
    { "rep stosd", "stosw word ptr es:[edi], ax", "stosd dword ptr es:[edi], eax", "66 F3 AB" },
    { "repe cmpsd", "cmpsw word ptr [esi], word", "cmpsd dword ptr [esi], dword", "66 F3 A7" },
    { "repe scasd", "scasw ax, word", "scasd eax, dword", "66 F3 AF" },
    { "repne cmpsd", "cmpsw word ptr [esi], word", "cmpsd dword ptr [esi], dword", "66 F2 A7" },
    { "repne scasd", "scasw ax, word", "scasd eax, dword", "66 F2 AF" },
    /* Far pointers m16:32 / m16:16: capstone prints "ptr" without a size. */
    { "les", "fword ptr", "ptr", "m16:32" }, { "lds", "dword ptr", "ptr", "m16:16" },
    { "lss", "fword ptr", "ptr", "m16:32" }, { "lfs", "fword ptr", "ptr", "m16:32" },
    { "lgs", "dword ptr", "ptr", "m16:16" },
    { "lcall", "fword ptr ", "", "m16:32" }, { "ljmp", "fword ptr ", "", "m16:32" },
    /* Memory blocks without a size in the SDM. */
    { "xsave", "[", "ptr [", "m512+ block" }, { "xrstor", "[", "ptr [", "m512+ block" },
    { "xsaveopt", "[", "ptr [", "m512+ block" }, { "xsavec", "[", "ptr [", "m512+ block" },
    { "xsaves", "[", "ptr [", "m512+ block" }, { "xrstors", "[", "ptr [", "m512+ block" },
    { "frstor", "[", "dword ptr [", "94/108-byte state" },
    { "fnsave", "[", "dword ptr [", "94/108-byte state" },
    /* Wrong sizes in capstone: DD /7 stores 2 bytes; comisd reads m64; punpckl* mm read m32. */
    { "fnstsw", "word ptr", "dword ptr", "m2byte" },
    { "comisd", "qword ptr", "xmmword ptr", "m64" },
    { "punpcklbw mm", "dword ptr", "qword ptr", "mm, mm/m32" },
    { "punpcklwd mm", "dword ptr", "qword ptr", "mm, mm/m32" },
    { "punpckldq mm", "dword ptr", "qword ptr", "mm, mm/m32" },
    /* The SDM's explicit operands capstone leaves out. */
    { "aam", " 10", "", "D4 0A" }, { "aad", " 10", "", "D5 0A" },
    { "pblendvb", ", xmm0", "", "implicit xmm0" }, { "blendvps", ", xmm0", "", "implicit xmm0" },
    { "blendvpd", ", xmm0", "", "implicit xmm0" },
    { NULL, NULL, NULL, NULL },
};

/* Collapses blanks and rewrites every hex number in decimal, so "0x8" equals "8". */
static void normalise(const char *in, char *out, size_t size)
{
    size_t n = 0;
    bool space = false;

    while (*in && n + 24 < size) {
        if (isspace((unsigned char)*in)) {
            space = n > 0;
            in++;
            continue;
        }
        if (space) {
            out[n++] = ' ';
            space = false;
        }
        if (in[0] == '0' && in[1] == 'x' && isxdigit((unsigned char)in[2]) &&
            (n == 0 || !isalnum((unsigned char)out[n - 1]))) {
            char *end;
            unsigned long long v = strtoull(in + 2, &end, 16);
            n += (size_t)snprintf(out + n, size - n, "%llu", v);
            in = end;
            continue;
        }
        out[n++] = *in++;
    }
    out[n] = 0;
}

/* Replaces every occurrence of from by to in s (size bytes). */
static void replace_all(char *s, size_t size, const char *from, const char *to)
{
    char tmp[256], *p = s;
    size_t lf = strlen(from), lt = strlen(to);

    while ((p = strstr(p, from)) != NULL && strlen(s) - lf + lt < size) {
        snprintf(tmp, sizeof(tmp), "%s", p + lf);
        snprintf(p, size - (size_t)(p - s), "%s%s", to, tmp);
        p += lt;
    }
}

/* An entry's mnemonic is a prefix of capstone's text ending at a blank, or containing one. */
static bool is_known_difference(const char *cs_text, const char *our_text)
{
    char edited[256];
    bool any = false;

    snprintf(edited, sizeof(edited), "%s", our_text);
    for (size_t i = 0; known_differences[i].mnemonic; i++) {
        const char *mn = known_differences[i].mnemonic;
        size_t lm = strlen(mn);
        if (!strncmp(cs_text, mn, lm) &&
            (strchr(mn, ' ') || cs_text[lm] == 0 || cs_text[lm] == ' ')) {
            replace_all(edited, sizeof(edited), known_differences[i].ours,
                        known_differences[i].capstone);
            any = true;
        }
    }
    return any && !strcmp(edited, cs_text);
}

static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;

    if (!f) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return buf;
}

typedef struct CorpusStats {
    unsigned insns, length_ok, text_ok, text_known, text_bad;
    unsigned text_verbatim;         /* identical before normalisation too */
    unsigned capstone_skipped;      /* bytes capstone cannot decode (not compared) */
} CorpusStats;

#if CONFIG_CAPSTONE

/* Sweeps one code section with capstone and compares ours at every instruction. */
static void compare_section(csh cs, const uint8_t *code, size_t size, uint32_t addr,
                            CorpusStats *st, bool verbose, unsigned *shown)
{
    cs_insn *insn = cs_malloc(cs);
    const uint8_t *p = code;
    uint64_t pc = addr;

    while (size > 0) {
        const uint8_t *at = p;
        char cs_text[192], ours[192], ncs[192], nours[192];
        size_t our_len;
        bool known;

        if (!cs_disasm_iter(cs, &p, &size, &pc, insn)) {
            p++, size--, pc++;      /* data or an encoding capstone lacks: resynchronise */
            st->capstone_skipped++;
            continue;
        }
        snprintf(cs_text, sizeof(cs_text), "%s%s%s", insn->mnemonic, insn->op_str[0] ? " " : "",
                 insn->op_str);
        our_len = i386_disas_insn(at, size + (size_t)(p - at), (uint32_t)insn->address,
                                  ours, sizeof(ours));
        st->insns++;
        normalise(cs_text, ncs, sizeof(ncs));
        normalise(ours, nours, sizeof(nours));
        if (our_len == insn->size) {
            st->length_ok++;
        }
        if (our_len == insn->size && !strcmp(ncs, nours)) {
            st->text_ok++;
            st->text_verbatim += !strcmp(cs_text, ours);
            continue;
        }
        known = our_len == insn->size && is_known_difference(ncs, nours);
        if (known) {
            st->text_known++;
        } else {
            st->text_bad++;
        }
        if (verbose || (*shown < 20 && !known)) {
            char hex[3 * 16 + 1] = "";
            for (unsigned i = 0; i < insn->size && i < 16; i++) {
                snprintf(hex + 2 * i, 3, "%02x", at[i]);
            }
            fprintf(stderr, "  %s %08x %-24s capstone [%u] %-44s ours [%zu] %s\n",
                    known ? "known" : "DIFF ", (uint32_t)insn->address, hex, insn->size, cs_text,
                    our_len, ours);
            (*shown)++;
        }
    }
    cs_free(insn, 1);
}

static void compare_file(csh cs, const char *path, CorpusStats *st, bool verbose)
{
    size_t size = 0;
    uint8_t *elf = read_file(path, &size);
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)elf;
    const Elf32_Shdr *sh;
    unsigned shown = 0;

    if (!elf) {
        fail_msg("corpus file %s missing (make check-unit builds it)", path);
    }
    assert_true(size >= sizeof(*eh) && !memcmp(eh->e_ident, ELFMAG, SELFMAG));
    assert_int_equal(eh->e_ident[EI_CLASS], ELFCLASS32);
    assert_int_equal(eh->e_machine, EM_386);
    sh = (const Elf32_Shdr *)(elf + eh->e_shoff);
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type == SHT_PROGBITS && (sh[i].sh_flags & SHF_EXECINSTR)) {
            compare_section(cs, elf + sh[i].sh_offset, sh[i].sh_size, sh[i].sh_addr, st,
                            verbose, &shown);
        }
    }
    free(elf);
}

#endif

static void test_corpus_against_capstone(void **state)
{
#if CONFIG_CAPSTONE
    bool verbose = getenv("DISAS_TEST_VERBOSE") != NULL;
    CorpusStats total = { 0 };
    csh cs;

    (void)state;
    assert_int_equal(cs_open(CS_ARCH_X86, CS_MODE_32, &cs), CS_ERR_OK);
    for (size_t i = 0; i < sizeof(corpus_files) / sizeof(corpus_files[0]); i++) {
        CorpusStats st = { 0 };
        compare_file(cs, corpus_files[i], &st, verbose);
        printf("  %-50s %7u insns: length %.3f%%, text %.3f%% (+%u known differences, %u other);"
               " %u bytes capstone cannot decode\n",
               corpus_files[i], st.insns, 100.0 * st.length_ok / st.insns,
               100.0 * st.text_ok / st.insns, st.text_known, st.text_bad, st.capstone_skipped);
        total.insns += st.insns, total.length_ok += st.length_ok, total.text_ok += st.text_ok;
        total.text_known += st.text_known, total.text_bad += st.text_bad;
        total.text_verbatim += st.text_verbatim;
    }
    cs_close(&cs);
    printf("  total %u insns: length %u/%u, text %u identical (%u verbatim), %u known differences,"
           " %u other\n", total.insns, total.length_ok, total.insns, total.text_ok,
           total.text_verbatim, total.text_known, total.text_bad);
    assert_true(total.insns > 100000);
    assert_int_equal(total.length_ok, total.insns);
    assert_int_equal(total.text_bad, 0);
#else
    (void)state;
    fail_msg("built without capstone: no oracle for the corpus comparison");
#endif
}

/* ================================================================== hand-checked cases */

/* Cut-short and undefined bytes; decoded texts are llvm-mc-19's (mov eax, 67305985). */
static void test_truncated_and_invalid(void **state)
{
    static const uint8_t mov_imm[] = { 0xb8, 0x01, 0x02, 0x03, 0x04 };
    static const uint8_t ud_0f_ff[] = { 0x0f, 0x04 };
    char text[128];

    (void)state;
    assert_int_equal(i386_disas_insn(mov_imm, sizeof(mov_imm), 0, text, sizeof(text)), 5);
    assert_string_equal(text, "mov eax, 0x4030201");
    /* Cut short: not an instruction. */
    assert_int_equal(i386_disas_insn(mov_imm, 4, 0, text, sizeof(text)), 0);
    assert_string_equal(text, ".byte 0xb8");
    /* Fifteen prefixes leave no room for the opcode: #GP on the CPU, not an instruction. */
    {
        uint8_t many_prefixes[20];
        memset(many_prefixes, 0x66, sizeof(many_prefixes));
        many_prefixes[19] = 0x90;
        assert_int_equal(i386_disas_insn(many_prefixes, sizeof(many_prefixes), 0, text,
                                         sizeof(text)), 0);
        assert_string_equal(text, ".byte 0x66");
        /* Fourteen are fine. */
        assert_int_equal(i386_disas_insn(many_prefixes + 5, 15, 0, text, sizeof(text)), 15);
        assert_string_equal(text, "nop");
    }
    /* 0F 04 is undefined. */
    assert_int_equal(i386_disas_insn(ud_0f_ff, sizeof(ud_0f_ff), 0, text, sizeof(text)), 0);
    assert_string_equal(text, ".byte 0x0f");
}

/* Encodings the CPU rejects (#UD) although the opcode names an instruction. */
static void test_undefined_forms(void **state)
{
    static const struct {
        uint8_t bytes[4];
        size_t len;
    } cases[] = {
        { { 0xf0, 0x40 }, 2 },              /* lock inc eax: lock needs a memory destination */
        { { 0xf0, 0x01, 0xc0 }, 3 },        /* lock add eax, eax */
        { { 0xf0, 0x38, 0x00 }, 3 },        /* lock cmp: not lockable */
        { { 0x8e, 0xf0 }, 2 },              /* mov seg6, eax */
        { { 0x8d, 0xc0 }, 2 },              /* lea eax, eax: memory only */
        { { 0x0f, 0x12, 0xc0 }, 3 },        /* movlps has no register form: it is movhlps */
    };
    char text[128];

    (void)state;
    for (size_t i = 0; i + 1 < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(i386_disas_insn(cases[i].bytes, cases[i].len, 0, text, sizeof(text)), 0);
        assert_int_equal(text[0], '.');
    }
    /* llvm-mc-19 prints "movhlps xmm0, xmm0" for 0F 12 C0. */
    assert_int_equal(i386_disas_insn(cases[5].bytes, cases[5].len, 0, text, sizeof(text)), 3);
    assert_string_equal(text, "movhlps xmm0, xmm0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truncated_and_invalid),
        cmocka_unit_test(test_undefined_forms),
        cmocka_unit_test(test_corpus_against_capstone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
