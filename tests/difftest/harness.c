/*
 * harness.c - main() of the differential tester (a static i386 program, see dt.h).
 *
 *   difftest gen --family F --seed S --count N [--start I]   print N sequence records
 *   difftest run [--strict] < batch                           run each record, print results
 *   difftest families                                         list the families
 *   difftest compare NATIVE LOONGBT                           indices of differing results
 *
 * `run`, for each record: fills the test buffer (DT_BUF, one page, also the stack) and the
 * x87/SSE image from the record's seed, copies the sequence to DT_CODE followed by a jump to the
 * epilogue (entry.S), runs it with the record's registers and flags, and prints one line: the
 * registers, the EFLAGS bits the generator says are defined (--strict: all status flags), a
 * hash of the buffer and, for x87/SSE families, FCW/FSW/tags/MXCSR/ST(i)/XMMi. A signal raised
 * by the sequence (SIGFPE, SIGILL, SIGSEGV, SIGTRAP, SIGBUS) is caught on an alternate stack and
 * printed with its si_code, address and the registers of the signal context, so fault delivery
 * is compared too. The code page is rewritten for every sequence: under loongbt this exercises
 * self-modifying-code invalidation all the time.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ucontext.h>
#include <sys/mman.h>
#include "dt.h"

/* ================================================================== state exchanged with entry.S */

struct dt_cpu {
    uint32_t regs[8];        /* eax ecx edx ebx esp ebp esi edi */
    uint32_t eflags;
    uint32_t use_fx;
    uint32_t pad[2];
    uint8_t fx[512];         /* fxsave image, at offset 48 (16-aligned) */
} __attribute__((aligned(16)));

struct dt_cpu dt_in, dt_out;
extern uint32_t dt_epilogue_ptr;
void dt_enter(void);

static const char *const reg_names[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

/* ================================================================== seeded contents */

static uint32_t prng;
static uint32_t next(void)
{
    prng ^= prng << 13;
    prng ^= prng >> 17;
    prng ^= prng << 5;
    return prng;
}

/* An 80-bit x87 value of a random class: normal, zero, denormal, infinity, QNaN, SNaN,
 * unnormal, pseudo-infinity (the last two rarely). */
static void rnd_f80(uint8_t *p)
{
    uint32_t lo = next(), hi = next() | 0x80000000u, r = next() % 100;
    uint32_t sign = next() & 0x8000, exp;
    if (r < 55) exp = 0x3fff - 40 + next() % 80;           /* ordinary magnitudes */
    else if (r < 70) exp = 1 + next() % 0x7ffe;             /* any normal */
    else if (r < 76) { exp = 0; hi = lo = 0; }              /* zero */
    else if (r < 82) { exp = 0; hi &= 0x7fffffff; }         /* denormal */
    else if (r < 87) { exp = 0x7fff; hi = 0x80000000u; lo = 0; }   /* infinity */
    else if (r < 92) { exp = 0x7fff; hi |= 0xc0000000u; }   /* QNaN */
    else if (r < 96) { exp = 0x7fff; hi = (hi & ~0x40000000u) | 1; } /* SNaN */
    else if (r < 98) { exp = 1 + next() % 0x7ffe; hi &= 0x7fffffff; } /* unnormal */
    else { exp = 1 + next() % 0x100; hi = lo = 0; }         /* exact power-of-two-ish: 0 mantissa */
    if (r >= 98 && hi == 0) hi = 0x80000000u;
    memcpy(p, &lo, 4);
    memcpy(p + 4, &hi, 4);
    uint16_t se = (uint16_t)(sign | exp);
    memcpy(p + 8, &se, 2);
}

static uint32_t rnd_f32_bits(void)
{
    uint32_t r = next() % 10, m = next() & 0x7fffff, s = next() & 0x80000000u;
    switch (r) {
    case 0: return s;                                       /* zero */
    case 1: return s | (m ? m : 1);                         /* denormal */
    case 2: return s | 0x7f800000u;                         /* infinity */
    case 3: return s | 0x7fc00000u | m;                     /* QNaN */
    case 4: return s | 0x7f800000u | (m & 0x3fffff) | 1;    /* SNaN */
    case 5: return next();                                  /* anything */
    case 6: return s | (uint32_t)(next() % 31) << 23 | m;   /* int-like / small */
    default: return s | (uint32_t)(127 - 20 + next() % 40) << 23 | m;
    }
}

static uint64_t rnd_f64_bits(void)
{
    uint64_t m = ((uint64_t)next() << 32 | next()) & 0xfffffffffffffull;
    uint64_t s = (uint64_t)(next() & 1) << 63;
    switch (next() % 10) {
    case 0: return s;
    case 1: return s | (m ? m : 1);
    case 2: return s | 0x7ff0000000000000ull;
    case 3: return s | 0x7ff8000000000000ull | m;
    case 4: return s | 0x7ff0000000000000ull | (m & 0x7ffffffffffffull) | 1;
    case 5: return (uint64_t)next() << 32 | next();
    default: return s | (uint64_t)(1023 - 30 + next() % 60) << 52 | m;
    }
}

static void fill_fx(uint8_t *fx)
{
    memset(fx, 0, 512);
    static const uint16_t pcs[] = { 0, 2, 3, 3 };
    uint16_t fcw = 0x7f | pcs[next() % 4] << 8 | (next() % 4) << 10;
    uint16_t fsw = (uint16_t)((next() % 8) << 11 | (next() & (DT_CALL | 0x3f)));
    if (next() % 2) fsw &= ~0x3f;
    uint8_t ftw = next() % 3 ? (uint8_t)next() : 0xff;
    uint32_t mxcsr = 0x1f80 | (next() % 4) << 13 | (next() % 4 == 0 ? 0x8000 : 0) |
                     (next() % 4 == 0 ? 0x40 : 0) | (next() % 2 ? next() & 0x3f : 0);
    memcpy(fx + 0, &fcw, 2);
    memcpy(fx + 2, &fsw, 2);
    fx[4] = ftw;
    memcpy(fx + 24, &mxcsr, 4);
    for (int i = 0; i < 8; i++)
        rnd_f80(fx + 32 + 16 * i);
    for (int i = 0; i < 16; i++) {                          /* xmm0-7, 64 bits at a time */
        uint8_t *p = fx + 160 + 8 * i;
        uint64_t v;
        switch (next() % 3) {
        case 0: v = rnd_f64_bits(); break;
        case 1: v = (uint64_t)rnd_f32_bits() << 32 | rnd_f32_bits(); break;
        default: v = (uint64_t)next() << 32 | next(); break;
        }
        memcpy(p, &v, 8);
    }
}

static uint64_t hash_bytes(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;      /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

/* ================================================================== signals */

static sigjmp_buf fault_jb;
static volatile sig_atomic_t in_sequence;   /* faults elsewhere are harness bugs: die */
static struct {
    int sig, code;
    uint32_t addr, eip, efl;
    uint32_t regs[8];
} fault;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    if (!in_sequence) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    in_sequence = 0;
    static const int greg_index[8] = { REG_EAX, REG_ECX, REG_EDX, REG_EBX, REG_UESP, REG_EBP,
                                       REG_ESI, REG_EDI };
    fault.sig = sig;
    fault.code = si->si_code;
    fault.addr = (uint32_t)(uintptr_t)si->si_addr;
    fault.eip = (uint32_t)uc->uc_mcontext.gregs[REG_EIP];
    fault.efl = (uint32_t)uc->uc_mcontext.gregs[REG_EFL];
    for (int r = 0; r < 8; r++)
        fault.regs[r] = (uint32_t)uc->uc_mcontext.gregs[greg_index[r]];
    siglongjmp(fault_jb, 1);
}

static void install_handlers(void)
{
    static uint8_t altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    if (sigaltstack(&ss, NULL) != 0) { perror("difftest: sigaltstack"); exit(2); }
    static const int sigs[] = { SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGALRM };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_sigaction = on_fault;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

/* ================================================================== record I/O */

static void print_hex(FILE *f, const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++)
        fprintf(f, "%02x", p[i]);
}

static void write_record(const DtRecord *r)
{
    printf("%s %08x %08x %08x %02x %04x", dt_family_name(r->family), r->seed, r->eflags,
           r->flag_mask, r->reg_mask, r->fsw_mask);
    for (int i = 0; i < 8; i++)
        printf(" %08x", r->regs[i]);
    putchar(' ');
    print_hex(stdout, r->code, r->len);
    if (r->len == 0)
        putchar('-');                              /* an empty sequence */
    putchar('\n');
}

static bool read_record(const char *line, DtRecord *r)
{
    char fam[32], hex[2 * DT_MAX_CODE + 2];
    memset(r, 0, sizeof(*r));
    if (sscanf(line, "%31s %x %x %x %x %x %x %x %x %x %x %x %x %x %1100s", fam, &r->seed,
               &r->eflags, &r->flag_mask, &r->reg_mask, &r->fsw_mask, &r->regs[0], &r->regs[1],
               &r->regs[2], &r->regs[3], &r->regs[4], &r->regs[5], &r->regs[6], &r->regs[7],
               hex) != 15)
        return false;
    r->family = dt_family_by_name(fam);
    if (r->family < 0)
        return false;
    int n = hex[0] == '-' ? 0 : (int)strlen(hex) / 2;
    if (n > DT_MAX_CODE)
        return false;
    for (int i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) return false;
        r->code[i] = (uint8_t)v;
    }
    r->len = n;
    return true;
}

/* ================================================================== run one sequence */

static void print_fx(const uint8_t *fx, uint32_t fsw_mask)
{
    uint16_t fcw, fsw;
    uint32_t mxcsr;
    memcpy(&fcw, fx, 2);
    memcpy(&fsw, fx + 2, 2);
    memcpy(&mxcsr, fx + 24, 4);
    int top = (fsw >> 11) & 7;
    printf(" fcw=%04x fsw=%04x ftw=%02x mxcsr=%08x", fcw, fsw & (fsw_mask | ~DT_CALL) & 0xffff,
           fx[4], mxcsr);
    for (int i = 0; i < 8; i++) {
        printf(" st%d=", i);
        if (fx[4] & (1 << ((top + i) & 7))) {
            const uint8_t *p = fx + 32 + 16 * i;
            for (int k = 9; k >= 0; k--) printf("%02x", p[k]);
        } else {
            printf("-");
        }
    }
    for (int i = 0; i < 8; i++) {
        printf(" xmm%d=", i);
        for (int k = 15; k >= 0; k--) printf("%02x", fx[160 + 16 * i + k]);
    }
}

static void run_one(int index, const DtRecord *r, bool strict)
{
    uint8_t *buf = (uint8_t *)(uintptr_t)DT_BUF, *code = (uint8_t *)(uintptr_t)DT_CODE;
    bool fx = dt_family_uses_fpu(r->family);
    uint32_t flag_mask = strict ? (DT_STATUS | DT_DF | DT_ID) : r->flag_mask;

    prng = r->seed ? r->seed : 1;
    for (uint32_t i = 0; i < DT_BUF_SIZE; i += 4) {
        uint32_t v = next();
        memcpy(buf + i, &v, 4);
    }
    memset(&dt_in, 0, sizeof(dt_in));
    memcpy(dt_in.regs, r->regs, sizeof(r->regs));
    dt_in.eflags = 0x202 | r->eflags;
    dt_in.use_fx = fx;
    if (fx)
        fill_fx(dt_in.fx);
    memset(&dt_out, 0, sizeof(dt_out));

    memcpy(code, r->code, r->len);
    uint8_t *p = code + r->len;
    *p++ = 0xff; *p++ = 0x25;                          /* jmp *dt_epilogue_ptr */
    uint32_t slot = (uint32_t)(uintptr_t)&dt_epilogue_ptr;
    memcpy(p, &slot, 4);

    printf("%d %s ", index, dt_family_name(r->family));
    print_hex(stdout, r->code, r->len);
    printf(" |");
    fflush(stdout);
    fault.sig = 0;
    alarm(10);
    if (sigsetjmp(fault_jb, 1) == 0) {
        in_sequence = 1;
        dt_enter();
        in_sequence = 0;
    }
    alarm(0);

    const uint32_t *regs = fault.sig ? fault.regs : dt_out.regs;
    uint32_t efl = fault.sig ? fault.efl : dt_out.eflags;
    for (int i = 0; i < 8; i++) {
        if (r->reg_mask & (1u << i)) printf(" %s=%08x", reg_names[i], regs[i]);
        else printf(" %s=?", reg_names[i]);
    }
    printf(" efl=%06x buf=%016llx", efl & flag_mask,
           (unsigned long long)hash_bytes(buf, DT_BUF_SIZE));
    if (fault.sig) {
        printf(" sig=%d code=%d addr=%08x eip=%08x", fault.sig, fault.code, fault.addr, fault.eip);
        if (fx) {                                          /* a clean FPU for the next record */
            __asm__ volatile("fninit");
        }
    } else if (fx) {
        print_fx(dt_out.fx, r->fsw_mask);
    }
    if (r->fsw_mask & DT_TOL_TRANS)
        printf(" tol=trans");                              /* for cmd_compare */
    putchar('\n');
}

static int cmd_run(bool strict)
{
    if (mmap((void *)(uintptr_t)DT_BUF, DT_BUF_SIZE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ||
        mmap((void *)(uintptr_t)DT_CODE, DT_CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
        perror("difftest: mmap");
        return 2;
    }
    install_handlers();
    static char line[4096];
    int index = 0;
    while (fgets(line, sizeof(line), stdin)) {
        DtRecord r;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (!read_record(line, &r)) {
            fprintf(stderr, "difftest: bad record %d: %s", index, line);
            return 2;
        }
        run_one(index++, &r, strict);
    }
    fflush(stdout);
    return 0;
}

/* ================================================================== compare */

/*
 * Compare two result files line by line and print the 0-based index of every line that
 * differs (a line missing from the second file differs). Exact, except on lines marked
 * "tol=trans" (the sequence ended with a transcendental, see DT_TOL_TRANS): there st0/st1 may
 * be 1 ulp apart and fsw may differ in C1 only; every other field must still be identical.
 */
static bool parse_f80(const char *s, uint16_t *se, uint64_t *mant)
{
    unsigned hi;
    unsigned long long lo;
    if (strlen(s) != 20 || sscanf(s, "%4x%16llx", &hi, &lo) != 2)
        return false;
    *se = (uint16_t)hi;
    *mant = lo;
    return true;
}

/* Two finite 80-bit values of the same sign, at most one unit in the last place apart (the
 * explicit integer bit makes 3ffe ffff..ff and 3fff 8000..00 neighbours). */
static bool within_1ulp(const char *a, const char *b)
{
    uint16_t sa, sb;
    uint64_t ma, mb;
    if (!parse_f80(a, &sa, &ma) || !parse_f80(b, &sb, &mb) || (sa ^ sb) & 0x8000)
        return false;
    int ea = sa & 0x7fff, eb = sb & 0x7fff;
    if (ea == 0x7fff || eb == 0x7fff)
        return false;                                      /* NaN, infinity: exact */
    const uint64_t j = 1ull << 63;
    if ((ea && !(ma & j)) || (eb && !(mb & j)))
        return false;                                      /* unnormals: exact */
    if (ea == 0 && (ma & j)) ea = 1;                       /* pseudo-denormal = 2^-16382 scale */
    if (eb == 0 && (mb & j)) eb = 1;
    uint64_t fa = ma & ~j, fb = mb & ~j;
    if (ea > eb) {
        int te = ea; ea = eb; eb = te;
        uint64_t tf = fa; fa = fb; fb = tf;
    }
    if (ea == eb)
        return fa - fb + 1 <= 2;                           /* |fa - fb| <= 1 */
    return eb == ea + 1 && fb == 0 && fa == j - 1;
}

static bool field_ok_tolerant(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return true;
    if ((!strncmp(a, "st0=", 4) || !strncmp(a, "st1=", 4)) && !strncmp(a, b, 4))
        return within_1ulp(a + 4, b + 4);
    if (!strncmp(a, "fsw=", 4) && !strncmp(b, "fsw=", 4))
        return (strtoul(a + 4, NULL, 16) ^ strtoul(b + 4, NULL, 16)) == DT_C1;
    return false;
}

static bool lines_match(char *a, char *b)
{
    if (!strcmp(a, b))
        return true;
    if (!strstr(a, " tol=trans"))
        return false;
    char *sa, *sb;
    char *fa = strtok_r(a, " \n", &sa), *fb = strtok_r(b, " \n", &sb);
    for (; fa && fb; fa = strtok_r(NULL, " \n", &sa), fb = strtok_r(NULL, " \n", &sb))
        if (!field_ok_tolerant(fa, fb))
            return false;
    return !fa && !fb;
}

static int cmd_compare(const char *native, const char *loongbt)
{
    FILE *fa = fopen(native, "r"), *fb = fopen(loongbt, "r");
    if (!fa || !fb) {
        perror("difftest compare");
        return 2;
    }
    static char la[16384], lb[16384];
    for (int index = 0; fgets(la, sizeof(la), fa); index++) {
        if (!fgets(lb, sizeof(lb), fb))
            lb[0] = 0;
        if (!lines_match(la, lb))
            printf("%d\n", index);
    }
    return 0;
}

/* ================================================================== main */

static void trace_step(const uint8_t *code, int len, uint32_t flags_def)
{
    fprintf(stderr, "  step:");
    for (int i = 0; i < len; i++)
        fprintf(stderr, " %02x", code[i]);
    fprintf(stderr, "   (defined flags %04x)\n", flags_def);
}

static void usage(void)
{
    fprintf(stderr, "usage: difftest gen --family F --seed S --count N [--start I]\n"
                    "       difftest run [--strict] < batch\n"
                    "       difftest families\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    if (!strcmp(argv[1], "families")) {
        for (int f = 0; f < DT_FAM_NB; f++)
            printf("%-9s %s%s\n", dt_family_name(f), dt_family_uses_fpu(f) ? "[x87/SSE state] " : "",
                   dt_family_doc(f));
        return 0;
    }
    if (!strcmp(argv[1], "compare") && argc == 4)
        return cmd_compare(argv[2], argv[3]);
    if (!strcmp(argv[1], "run"))
        return cmd_run(argc > 2 && !strcmp(argv[2], "--strict"));
    if (strcmp(argv[1], "gen"))
        usage();
    int family = -1;
    uint32_t seed = 1, count = 1, start = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--family")) family = dt_family_by_name(argv[i + 1]);
        else if (!strcmp(argv[i], "--seed")) seed = strtoul(argv[i + 1], NULL, 0);
        else if (!strcmp(argv[i], "--count")) count = strtoul(argv[i + 1], NULL, 0);
        else if (!strcmp(argv[i], "--start")) start = strtoul(argv[i + 1], NULL, 0);
        else if (!strcmp(argv[i], "--trace")) { dt_trace = trace_step; i--; }
        else usage();
    }
    if (family < 0) {
        fprintf(stderr, "difftest: unknown or missing --family (see `difftest families`)\n");
        return 2;
    }
    for (uint32_t i = 0; i < count; i++) {
        DtRecord r;
        dt_generate(family, seed, start + i, &r);
        write_record(&r);
    }
    return 0;
}
