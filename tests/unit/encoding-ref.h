/*
 * encoding-ref.h - the parts the back-end encoder tests (test-loongarch-encoder.c,
 * test-mips-encoder.c) share: loading a reference file written by a gen-*-encodings.sh script
 * from the LLVM tools, checking every reference line against the test's own assembler, and
 * checking that the instruction table is covered by the reference and decodes unambiguously.
 *
 * Reference lines: "<assembler input> | 0x<word>" with an optional " | <disassembly text>".
 * A test includes this after cmocka.h and its back end's tables, and describes its table with
 * an EncodingTable (the decode table's opcode bits, masks and mnemonics by index).
 */
#ifndef TESTS_UNIT_ENCODING_REF_H
#define TESTS_UNIT_ENCODING_REF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct RefLine {
    char asm_text[96];          /* assembler input, e.g. "add.w $a0, $a1, $a2" */
    uint32_t word;              /* llvm-mc's encoding */
    char dis_text[96];          /* third column if any (llvm-objdump text), else "" */
    int line_no;
} RefLine;

#define MAX_REF_LINES 2048
static RefLine ref_lines[MAX_REF_LINES];
static int nb_ref_lines;

static void ref_trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r')) {
        s[--n] = 0;
    }
}

/* Load file_name (next to the test's source, or $env_var) into ref_lines; -1 on error. */
static int ref_load(const char *file_name, const char *env_var, const char *source_file)
{
    const char *env = getenv(env_var);
    const char *slash = strrchr(source_file, '/');
    char path[512], buf[512];
    int line_no = 0;
    FILE *f;

    if (env) {
        snprintf(path, sizeof(path), "%s", env);
    } else {
        snprintf(path, sizeof(path), "%.*s%s", slash ? (int)(slash - source_file + 1) : 0,
                 source_file, file_name);
    }
    f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    while (fgets(buf, sizeof(buf), f)) {
        char *p1, *p2;
        RefLine *r;

        line_no++;
        if (buf[0] == '#' || buf[0] == '\n') {
            continue;
        }
        p1 = strstr(buf, " | ");
        if (!p1 || nb_ref_lines >= MAX_REF_LINES) {
            fprintf(stderr, "%s:%d: malformed\n", file_name, line_no);
            fclose(f);
            return -1;
        }
        r = &ref_lines[nb_ref_lines++];
        *p1 = 0;
        p2 = strstr(p1 + 3, " | ");
        if (p2) {
            *p2 = 0;
            snprintf(r->dis_text, sizeof(r->dis_text), "%.95s", p2 + 3);
            ref_trim(r->dis_text);
        }
        snprintf(r->asm_text, sizeof(r->asm_text), "%.95s", buf);
        r->word = (uint32_t)strtoul(p1 + 3, NULL, 16);
        r->line_no = line_no;
    }
    fclose(f);
    return nb_ref_lines > 0 ? 0 : -1;
}

/* Every reference line goes through assemble() to the reference word. */
static void ref_check_assembler(bool (*assemble)(const char *text, uint32_t *word))
{
    int bad = 0;

    for (int i = 0; i < nb_ref_lines; i++) {
        const RefLine *r = &ref_lines[i];
        uint32_t word = 0;

        if (!assemble(r->asm_text, &word)) {
            print_error("line %d: cannot assemble '%s'\n", r->line_no, r->asm_text);
            bad++;
        } else if (word != r->word) {
            print_error("line %d: '%s' encodes as 0x%08x, llvm-mc says 0x%08x\n",
                        r->line_no, r->asm_text, word, r->word);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* A decode table by index: entry i matches word w when (w & mask(i)) == bits(i). */
typedef struct EncodingTable {
    size_t count;
    uint32_t (*bits)(size_t i);
    uint32_t (*mask)(size_t i);
    const char *(*mnemonic)(size_t i);
    const char *file_name;      /* the reference, for the "rerun the generator" hint */
} EncodingTable;

/* Every reference word matches exactly one table entry, and every entry matches some word:
 * the reference covers every instruction the back end can emit. */
static void ref_check_table_covered(const EncodingTable *t)
{
    for (size_t i = 0; i < t->count; i++) {
        int seen = 0;

        for (int j = 0; j < nb_ref_lines; j++) {
            seen += (ref_lines[j].word & t->mask(i)) == t->bits(i);
        }
        if (seen == 0) {
            print_error("%s is not in %s (rerun the generator)\n", t->mnemonic(i), t->file_name);
        }
        assert_true(seen > 0);
    }
    for (int j = 0; j < nb_ref_lines; j++) {
        int matches = 0;

        for (size_t i = 0; i < t->count; i++) {
            matches += (ref_lines[j].word & t->mask(i)) == t->bits(i);
        }
        if (matches != 1) {
            print_error("line %d: 0x%08x matches %d table entries\n", ref_lines[j].line_no,
                        ref_lines[j].word, matches);
        }
        assert_int_equal(matches, 1);
    }
}

#endif
