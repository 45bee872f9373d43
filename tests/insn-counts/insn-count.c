/*
 * insn-count.c - host instructions the translator emits per i386 instruction form (the
 * instruction-count file, after FEX's InstructionCountCI).
 *
 *   insn-count FORMS.txt FORMS.bin FORMS.len > HOST.txt
 *
 * FORMS.txt is the checked-in list ("name | asm"); FORMS.bin is its assembled code, form k at
 * byte k * FORM_SLOT, each form followed by the terminator `jmp .+2`; FORMS.len holds per form
 * two little-endian words: its byte length and its number of guest instructions (both from the
 * assembler, tests/insn-counts/forms-to-asm.sh). The code is mapped where a 32-bit program's
 * text would be, in a guest address space set up as loongbt's main() does, and every form is
 * translated by the real driver (tb_gen_code_with + gen_intermediate_code + tcg_gen_code) with
 * the flags the main loop would pass for a flat 32-bit user-mode process (CPU model intel, the
 * default of non-x86 hosts), into an empty code
 * buffer (so every form's code sits at the same host address and branch/call encodings do not
 * depend on the form's position in the list; count-<host>.c fixes the buffer's distance to the
 * helpers where that matters).
 *
 * A form's count is the host code from the end of the previous guest instruction to the end of
 * its last one (tcg_ctx->gen_insn_end_off), minus the exit_tb sequences in that range (the
 * return to cpu_exec, not part of the fast path; like -d stats' "fast path"). There are no
 * out-of-line slow paths: guest memory is accessed directly off guest_base. The terminator's own
 * code (write-back of the guest registers the form changed, storing cc_op, the chained jump) is
 * not the form's; the loads of the guest registers the form reads are (each form starts a
 * block). A form that ends the block itself (jcc, call, ret, int...) includes its goto_tb /
 * goto_ptr jumps and eip stores. Host instructions are counted by count-<host>.c: capstone on
 * x86_64, bytes / 4 on LoongArch.
 *
 * To find the exit_tb sequences, each exit_tb op is bracketed by two marker insn_start ops
 * (insn_start emits no code, and the optimiser and liveness skip it); the code is checked to be
 * the same size as an unmarked translation of the same form.
 *
 * INSN_COUNT_SHOW=name prints that form's host code to stderr, counted and not counted parts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "loongbt-common.h"
#include "exec-all.h"
#include "log.h"
#include "qemu.h"
#include "tcg.h"
#include "cpu-model.h"
#include "insn-count.h"

#define FORM_BASE      0x08049000u   /* where a non-PIE i386 program's text starts */
#define FORM_SLOT      256u          /* bytes per form in FORMS.bin (forms-to-asm.sh) */
#define MAX_FORMS      1024
#define MARK_EXIT_BEGIN 0xfffffff0u  /* insn_start pc of the marker before an exit_tb */
#define MARK_EXIT_END   0xfffffff1u  /* ... and after it */

typedef struct Form {
    char *name;
    char *asm_text;
    uint32_t length;        /* bytes, from the assembler */
    uint32_t guest_insns;   /* instructions in asm_text */
} Form;

static Form forms[MAX_FORMS];
static int nb_forms;
static CPUX86State *env;
static FILE *unimp_log;     /* -d unimp goes here: an unsupported form is an error */

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("insn-count: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

/* ------------------------------------------------------------------ inputs */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = 0;
    return s;
}

/* "name | asm" lines; blank lines and '#' comments are skipped (as forms-to-asm.sh does). */
static void read_forms(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    if (!f)
        die("cannot open %s", path);
    while (fgets(line, sizeof(line), f)) {
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *bar = strchr(s, '|');
        if (!bar)
            die("%s: no '|' in line: %s", path, s);
        *bar = 0;
        if (nb_forms == MAX_FORMS)
            die("%s: more than %d forms", path, MAX_FORMS);
        forms[nb_forms].name = strdup(trim(s));
        forms[nb_forms].asm_text = strdup(trim(bar + 1));
        nb_forms++;
    }
    fclose(f);
}

static void *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die("cannot read %s", path);
    fclose(f);
    *size = (size_t)n;
    return buf;
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void read_lengths(const char *path)
{
    size_t size;
    uint8_t *buf = read_file(path, &size);
    if (size != (size_t)nb_forms * 8)
        die("%s: %zu bytes for %d forms (regenerate it from the forms list)", path, size, nb_forms);
    for (int i = 0; i < nb_forms; i++) {
        forms[i].length = le32(buf + 8 * i);
        forms[i].guest_insns = le32(buf + 8 * i + 4);
    }
    free(buf);
}

/* ------------------------------------------------------------------ guest set-up */
/* As main() does: the guest address space, the code buffer of the default size, a CPU in the
 * state of a freshly exec'd flat 32-bit process; the forms' code mapped read+exec. */
static void setup_guest(const uint8_t *code, size_t size)
{
    host_code_layout_fix((const void *)tcg_exec_init);
    /* The model a non-x86 host imitates by default; "host" would make the x86_64 counts depend
     * on the vendor of the machine that runs the check. */
    if (!x86_cpu_model_select("intel"))
        die("no 'intel' CPU model");
    guest_space_init();
    tcg_exec_init(CODE_GEN_BUFFER_DEFAULT_SIZE);
    env = calloc(1, sizeof(*env));
    if (!env)
        die("out of memory");
    cpu_x86_init_user(env);
    cpu_register(env);

    abi_ulong len = (abi_ulong)((size + TARGET_PAGE_SIZE - 1) & ~(size_t)(TARGET_PAGE_SIZE - 1));
    abi_long r = target_mmap(FORM_BASE, len, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r != (abi_long)FORM_BASE)
        die("cannot map the forms at 0x%08x", FORM_BASE);
    memcpy(g2h(FORM_BASE), code, size);
    if (target_mprotect(FORM_BASE, len, PROT_READ | PROT_EXEC) != 0)
        die("cannot make the forms executable");

    unimp_log = tmpfile();
    if (!unimp_log)
        die("cannot open a temporary file");
    qemu_logfile = unimp_log;
    qemu_loglevel = CPU_LOG_UNIMP;   /* only gen_unsupported() looks at it while translating */
}

/* ------------------------------------------------------------------ translation */
static void put_marker(TCGOp *op, uint32_t mark)
{
    memset(op, 0, sizeof(*op));
    op->opc = INDEX_op_insn_start;
    op->args[0] = mark;
}

/* The front end, then a marker insn_start on each side of every exit_tb. */
static void gen_marked(CPUX86State *e, TranslationBlock *tb)
{
    static TCGOp copy[TCG_MAX_OPS];
    TCGContext *s = tcg_ctx;

    gen_intermediate_code(e, tb);
    int n = s->nb_ops, out = 0;
    memcpy(copy, s->ops, (size_t)n * sizeof(TCGOp));
    for (int i = 0; i < n; i++) {
        bool exit = copy[i].opc == INDEX_op_exit_tb;
        if (out + 3 > TCG_MAX_OPS)
            die("too many ops with markers");
        if (exit)
            put_marker(&s->ops[out++], MARK_EXIT_BEGIN);
        s->ops[out++] = copy[i];
        if (exit)
            put_marker(&s->ops[out++], MARK_EXIT_END);
    }
    s->nb_ops = out;
}

/* The flags tb_find_fast() passes for this CPU (cpu-exec.c: cs_base, hflags, singlestep). */
static TranslationBlock *translate_at(uint32_t pc, tb_gen_fn gen)
{
    tb_flush(env);   /* same host address for every form */
    env->eip = pc;
    return tb_gen_code_with(env, env->segs[R_CS].base + pc, env->segs[R_CS].base, env->hflags,
                            env->singlestep ? 1 : 0, gen);
}

static void plain_gen(CPUX86State *e, TranslationBlock *tb)
{
    gen_intermediate_code(e, tb);
}

/* Walk the TB's insn_start records: host instructions in the ranges of the form's guest
 * instructions outside exit sequences; *real = guest instructions the TB holds. */
static unsigned count_ranges(const Form *f, const TranslationBlock *tb, bool show, unsigned *real)
{
    const TCGContext *s = tcg_ctx;
    const uint8_t *code = tb->tc_ptr;
    unsigned count = 0;
    bool in_exit = false;
    uint32_t start = 0;
    *real = 0;
    for (int i = 0; i < s->nb_insns; i++) {
        uint32_t mark = s->gen_insn_data[i][0];
        uint32_t end = s->gen_insn_end_off[i];
        in_exit = mark == MARK_EXIT_BEGIN;
        if (mark != MARK_EXIT_BEGIN && mark != MARK_EXIT_END)
            ++*real;
        bool counted = !in_exit && *real >= 1 && *real <= f->guest_insns;
        if (counted && end > start) {
            const char *err = NULL;
            count += host_insn_count(code + start, end - start, &err);
            if (err)
                die("form '%s': %s", f->name, err);
        }
        if (show && end > start) {
            if (!counted)
                fprintf(stderr, "  (not counted: %s)\n", in_exit ? "exit_tb" : "terminator");
            tcg_target_disas(stderr, code + start, end - start);
        }
        start = end;
    }
    return count;
}

/* Host instructions of form f (translated at pc), exit sequences left out. */
static unsigned count_form(const Form *f, uint32_t pc)
{
    long log_before = ftell(unimp_log);
    TranslationBlock *tb = translate_at(pc, plain_gen);
    uint32_t plain_size = tb->tc_size;
    tb = translate_at(pc, gen_marked);
    if (ftell(unimp_log) != log_before)
        die("form '%s' (%s): the translator does not support it (see -d unimp)", f->name,
            f->asm_text);
    if (tb->tc_size != plain_size)
        die("form '%s': markers changed the code size (%u, not %u bytes)", f->name,
            (unsigned)tb->tc_size, (unsigned)plain_size);

    const char *show_name = getenv("INSN_COUNT_SHOW");
    bool show = show_name && strcmp(show_name, f->name) == 0;
    if (show)
        fprintf(stderr, "%s | %s: host code\n", f->name, f->asm_text);
    unsigned real;
    unsigned count = count_ranges(f, tb, show, &real);

    /* Either the form and the terminator (jmp .+2, 2 bytes) were translated, or the form ended
     * the block; anything else means the form was not decoded as assembled. */
    bool with_term = real == f->guest_insns + 1 && tb->size == f->length + 2;
    bool ends_tb = real == f->guest_insns && tb->size == f->length;
    if (!with_term && !ends_tb)
        die("form '%s' (%s): block of %u insns / %u bytes, the form has %u / %u", f->name,
            f->asm_text, real, (unsigned)tb->size, f->guest_insns, f->length);
    return count;
}

int main(int argc, char **argv)
{
    if (argc != 4)
        die("usage: insn-count FORMS.txt FORMS.bin FORMS.len");
    read_forms(argv[1]);
    read_lengths(argv[3]);
    size_t code_size;
    uint8_t *code = read_file(argv[2], &code_size);
    if (code_size > (size_t)nb_forms * FORM_SLOT || code_size + FORM_SLOT < (size_t)nb_forms * FORM_SLOT)
        die("%s: %zu bytes for %d forms of %u bytes", argv[2], code_size, nb_forms, FORM_SLOT);
    setup_guest(code, code_size);

    printf("# tests/insn-counts/%s.txt - host instructions (%s) loongbt's %s back end emits per i386\n"
           "# instruction form, fast path only (see tests/insn-counts/insn-count.c and README).\n"
           "# Generated by `make update-insn-counts` from tests/insn-counts/forms.txt; do not edit.\n"
           "# name | asm | host insns\n",
           LOONGBT_HOST, host_insn_count_method, LOONGBT_HOST);
    for (int i = 0; i < nb_forms; i++)
        printf("%s | %s | %u\n", forms[i].name, forms[i].asm_text,
               count_form(&forms[i], FORM_BASE + (uint32_t)i * FORM_SLOT));
    return 0;
}
