/*
 * main.c - loongbt-i386's command line (in the style of qemu-user), start-up, and cpu_loop:
 * the loop that runs guest code until it stops for a system call or an exception, and turns
 * each stop into a syscall or a guest signal.
 *
 *   loongbt-i386 [options] program [arguments...]
 */
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include "qemu.h"
#include "target_signal.h"
#include "exec-all.h"
#include "log.h"
#include "syscall_defs.h"
#include "profile.h"
#include "cpu-model.h"
#include "perfmap.h"
#include "pmu.h"

#define LOONGBT_VERSION "0.1"

const char *interp_prefix;
int do_strace;
unsigned long host_page_size;
__thread CPUX86State *thread_cpu;
volatile int guest_code_running;
__thread volatile int thread_in_guest_code;
char **reexec_options;
int reexec_option_count;
const char *reexec_command;

extern char **environ;

/* ---------------------------------------------------------------------------------------------
 * Guest environment (-E / -U edit a copy of the host's)
 * ------------------------------------------------------------------------------------------- */

typedef struct EnvList {
    char **vars;
    int count, cap;
} EnvList;

static void env_init(EnvList *e)
{
    int n = 0;
    while (environ[n]) n++;
    e->cap = n + 16;
    e->vars = calloc(e->cap, sizeof(char *));
    if (!e->vars) fatal_error("out of memory");
    for (e->count = 0; e->count < n; e->count++) e->vars[e->count] = environ[e->count];
}

static int env_find(EnvList *e, const char *name, size_t len)
{
    for (int i = 0; i < e->count; i++)
        if (!strncmp(e->vars[i], name, len) && e->vars[i][len] == '=') return i;
    return -1;
}

static void env_unset(EnvList *e, const char *name)
{
    int i = env_find(e, name, strlen(name));
    if (i < 0) return;
    memmove(&e->vars[i], &e->vars[i + 1], (size_t)(e->count - i) * sizeof(char *));
    e->count--;
}

static void env_set(EnvList *e, char *assignment)
{
    const char *eq = strchr(assignment, '=');
    int i = env_find(e, assignment, (size_t)(eq - assignment));
    if (i >= 0) { e->vars[i] = assignment; return; }
    if (e->count + 2 > e->cap) {
        e->cap *= 2;
        e->vars = realloc(e->vars, (size_t)e->cap * sizeof(char *));
        if (!e->vars) fatal_error("out of memory");
    }
    e->vars[e->count++] = assignment;
    e->vars[e->count] = NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Command line
 * ------------------------------------------------------------------------------------------- */

/* OPTION(name, takes an argument, argument name, help) */
#define OPTION_LIST(OPTION) \
    OPTION("h",               false, "",          "print this help and exit") \
    OPTION("help",            false, "",          "print this help and exit") \
    OPTION("version",         false, "",          "print the version and build configuration and exit") \
    OPTION("L",               true,  "path",      "prefix for the ELF interpreter and absolute guest paths (env LOONGBT_LD_PREFIX)") \
    OPTION("E",               true,  "var=value", "set a variable in the guest environment") \
    OPTION("U",               true,  "var",       "remove a variable from the guest environment") \
    OPTION("0",               true,  "argv0",     "argv[0] for the program (default: the program path)") \
    OPTION("d",               true,  "item,...",  "enable logging of the given items ('-d help' lists them)") \
    OPTION("D",               true,  "logfile",   "write the log to logfile instead of stderr") \
    OPTION("strace",          false, "",          "print every system call and its result") \
    OPTION("one-insn-per-tb", false, "",          "translate one guest instruction per block") \
    OPTION("tb-size",         true,  "size",      "code buffer size, K/M suffixes allowed (env LOONGBT_TB_SIZE)") \
    OPTION("no-chain",        false, "",          "do not chain translated blocks (overrides CONFIG_TB_CHAIN)") \
    OPTION("host-page-size",  true,  "bytes",     "work as if host pages were this big, e.g. 16384 (env LOONGBT_HOST_PAGE_SIZE)") \
    OPTION("stats-json",      true,  "file",      "write run statistics and profile counters to file as JSON at exit (env LOONGBT_STATS_JSON)") \
    OPTION("cpu",             true,  "model",     "x86 CPU to imitate where results are undefined: intel, amd, host (default; env LOONGBT_CPU)") \
    OPTION("perfmap",         false, "",          "write /tmp/perf-<pid>.map naming each translated block for perf report") \
    OPTION("jitdump",         false, "",          "write jit-<pid>.dump (blocks with their code) for perf inject -j") \
    OPTION("perf",            true,  "event,...", "count libpfm4 events, split by where the time goes; '-perf list' lists them") \
    OPTION("perf-sample",     true,  "event[:period]", "sample a libpfm4 event; table of blocks, helpers, translator, kernel at exit")

static void usage_line(FILE *f)
{
    fprintf(f, "usage: loongbt-i386 [options] program [arguments...]\n");
}

static void QEMU_NORETURN usage_full(void)
{
    usage_line(stdout);
    printf("Run a 32-bit x86 (i386) Linux program on this %s host by dynamic binary translation.\n\n"
           "Options:\n", LOONGBT_HOST);
#define OPTION_HELP(name, has_arg, arg, help) \
    printf("  -%-16s %s\n", has_arg ? name " " arg : name, help);
    OPTION_LIST(OPTION_HELP)
#undef OPTION_HELP
    printf("  %-17s %s\n", "--", "end of options: the program follows");
    exit(0);
}

static void QEMU_NORETURN usage_error(const char *fmt, const char *what)
{
    fputs("loongbt-i386: ", stderr);
    fprintf(stderr, fmt, what);
    fputc('\n', stderr);
    usage_line(stderr);
    exit(1);
}

static void QEMU_NORETURN print_version(void)
{
    printf("loongbt-i386 version %s (host %s)\nbuild configuration:\n", LOONGBT_VERSION, LOONGBT_HOST);
#define PRINT_CONFIG(name, value) printf("  CONFIG_%s=%s\n", #name, (value) ? "y" : "n");
    CONFIG_LIST(PRINT_CONFIG)
#undef PRINT_CONFIG
    exit(0);
}

/* "256K", "32M", "1G", "65536" -> bytes; 0 for a malformed or absurd size. */
static size_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || s[0] == '-') return 0;
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end || v < 64 * 1024 || v > (1ull << 31)) return 0;
    return (size_t)v;
}

typedef struct Options {
    size_t tb_size;
    int loglevel;
    const char *logfile;
    const char *argv0;
    const char *stats_json;
    bool singlestep;
    bool no_chain;
} Options;

/* Parse options; returns the index of the program name in argv. */
static int parse_args(int argc, char **argv, Options *o, EnvList *env)
{
    int i;
    reexec_options = calloc((size_t)argc, sizeof(char *));
    if (!reexec_options) fatal_error("out of memory");
    for (i = 1; i < argc; i++) {
        const char *opt = argv[i], *arg = NULL;
        if (opt[0] != '-') break;
        if (!strcmp(opt, "--")) { i++; break; }
        opt++;
        if (opt[0] == '-') opt++;         /* --strace is accepted like -strace */

        bool known = false, has_arg = false;
#define OPTION_MATCH(name, takes, argname, help) \
        if (!strcmp(opt, name)) { known = true; has_arg = takes; }
        OPTION_LIST(OPTION_MATCH)
#undef OPTION_MATCH
        if (!known) usage_error("unknown option '%s'", argv[i]);
        if (has_arg) {
            if (i + 1 >= argc) usage_error("option '%s' needs an argument", argv[i]);
            arg = argv[++i];
        }
        /* Not passed on to a guest execve: -stats-json is the file of this process only. */
        if (strcmp(opt, "D") && strcmp(opt, "E") && strcmp(opt, "U") && strcmp(opt, "0") &&
            strcmp(opt, "stats-json")) {
            reexec_options[reexec_option_count++] = argv[i - has_arg];
            if (has_arg) reexec_options[reexec_option_count++] = (char *)arg;
        }

        if (!strcmp(opt, "h") || !strcmp(opt, "help")) {
            usage_full();
        } else if (!strcmp(opt, "version")) {
            print_version();
        } else if (!strcmp(opt, "L")) {
            interp_prefix = arg;
        } else if (!strcmp(opt, "E")) {
            if (!strchr(arg, '=') || arg[0] == '=') usage_error("-E needs var=value, not '%s'", arg);
            env_set(env, (char *)arg);
        } else if (!strcmp(opt, "0")) {
            o->argv0 = arg;
        } else if (!strcmp(opt, "U")) {
            env_unset(env, arg);
        } else if (!strcmp(opt, "d")) {
            if (!strcmp(arg, "help")) { qemu_print_log_usage(stdout); exit(0); }
            int mask = qemu_str_to_log_mask(arg);
            if (mask < 0) { usage_line(stderr); exit(1); }
            o->loglevel |= mask;
        } else if (!strcmp(opt, "D")) {
            o->logfile = arg;
        } else if (!strcmp(opt, "strace")) {
            do_strace = 1;
        } else if (!strcmp(opt, "one-insn-per-tb")) {
            o->singlestep = true;
        } else if (!strcmp(opt, "tb-size")) {
            o->tb_size = parse_size(arg);
            if (!o->tb_size) usage_error("bad -tb-size '%s' (64K..2G, K/M/G suffix)", arg);
        } else if (!strcmp(opt, "no-chain")) {
            o->no_chain = true;
        } else if (!strcmp(opt, "stats-json")) {
            o->stats_json = arg;
        } else if (!strcmp(opt, "perfmap")) {
            perfmap_open_map();
        } else if (!strcmp(opt, "jitdump")) {
            perfmap_open_jitdump();
        } else if (!strcmp(opt, "perf")) {
            pmu_count_option(arg);
        } else if (!strcmp(opt, "perf-sample")) {
            pmu_sample_option(arg);
        } else if (!strcmp(opt, "host-page-size")) {
            if (!host_page_size_override(arg))
                usage_error("bad -host-page-size '%s' (power of two, real page size..64K)", arg);
        } else if (!strcmp(opt, "cpu")) {
            if (!x86_cpu_model_select(arg))
                usage_error("unknown -cpu '%s' (intel, amd, host)", arg);
        }
    }
    if (i >= argc) usage_error("%s", "no program given");
    return i;
}

/* ---------------------------------------------------------------------------------------------
 * cpu_loop: guest exceptions -> syscalls and signals
 * ------------------------------------------------------------------------------------------- */

static void handle_syscall(CPUX86State *env)
{
    pmu_enter(PMU_SYSCALL);
    abi_long ret = do_syscall(env, (int)env->regs[R_EAX], env->regs[R_EBX], env->regs[R_ECX],
                              env->regs[R_EDX], env->regs[R_ESI], env->regs[R_EDI],
                              env->regs[R_EBP]);
    ret = signal_restart_syscall((int)env->regs[R_EAX], ret);   /* SA_RESTART */
    if (ret == -TARGET_ERESTARTSYS) {
        env->eip -= 2;                    /* re-execute int $0x80 */
    } else if (ret != -TARGET_QEMU_ESIGRETURN) {
        env->regs[R_EAX] = (uint32_t)ret;
    }
    pmu_enter(PMU_LOOP);
}

void cpu_loop(CPUX86State *env)
{
    for (;;) {
        guest_code_running = thread_in_guest_code = 1;
        int trapnr = cpu_exec(env);
        guest_code_running = thread_in_guest_code = 0;
        pmu_enter(PMU_LOOP);              /* also after a fault out of code or translation */

        switch (trapnr) {
        case EXCP_SYSCALL:
            handle_syscall(env);
            break;
        case EXCP00_DIVZ:
            queue_signal(env, SIGFPE, FPE_INTDIV, env->eip);
            break;
        case EXCP06_ILLOP:
            queue_signal(env, SIGILL, ILL_ILLOPN, env->eip);
            break;
        case EXCP0D_GPF:
            queue_signal(env, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
            break;
        case EXCP0B_NOSEG: case EXCP0C_STACK:     /* segment not present: Linux sends SIGBUS */
            queue_signal(env, TARGET_SIGBUS, 0x80 /* SI_KERNEL */, 0);
            break;
        case EXCP0E_PAGE:
            queue_signal(env, SIGSEGV, guest_page_prot(env->exception_addr) >= 0 ? SEGV_ACCERR : SEGV_MAPERR,
                         env->exception_addr);
            break;
        case EXCP01_DB:
            queue_signal(env, SIGTRAP, env->error_code == EXCP01_ICEBP ? TRAP_BRKPT : TRAP_TRACE,
                         env->eip);
            break;
        case EXCP03_INT3:
            queue_signal(env, SIGTRAP, 0x80 /* SI_KERNEL */, 0);
            break;
        case EXCP04_INTO: case EXCP05_BOUND:
            queue_signal(env, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
            break;
        case EXCP10_COPR: { /* x87 #MF: si_code from the first unmasked status flag, as Linux */
            uint32_t err = env->fpus & ~env->fpuc & 0x3f;
            int code = (err & 0x01) ? FPE_FLTINV : (err & 0x04) ? FPE_FLTDIV :
                       (err & 0x08) ? FPE_FLTOVF : (err & 0x12) ? FPE_FLTUND : FPE_FLTRES;
            queue_signal(env, SIGFPE, code, env->eip);
            break;
        }
        case EXCP13_XM: {   /* si_code from the first unmasked MXCSR flag, as Linux picks it */
            uint32_t err = env->mxcsr & ~(env->mxcsr >> 7) & 0x3f;
            int code = (err & 0x01) ? FPE_FLTINV : (err & 0x04) ? FPE_FLTDIV :
                       (err & 0x08) ? FPE_FLTOVF : (err & 0x12) ? FPE_FLTUND : FPE_FLTRES;
            queue_signal(env, SIGFPE, code, env->eip);
            break;
        }
        case EXCP_INTERRUPT:
            break;
        case EXCP_HLT:      /* hlt is privileged: #GP in user mode */
            queue_signal(env, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
            break;
        default:
            fprintf(stderr, "loongbt-i386: internal error: unknown exception %#x at eip %08x\n",
                    trapnr, env->eip);
            abort();
        }
        process_pending_signals(env);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Start-up
 * ------------------------------------------------------------------------------------------- */

/* Started by binfmt_misc with the P flag (scripts/binfmt.sh): the kernel passes the program's
 * path and its original argv[0] (argv = loongbt, path, argv0, args...) and says so with
 * AT_FLAGS_PRESERVE_ARGV0; that is "loongbt -0 argv0 -- path args...". */
#define AT_FLAGS_PRESERVE_ARGV0 1
static char **binfmt_argv(int *argc, char **argv)
{
    if (!(getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) || *argc < 3) return argv;
    char **v = calloc((size_t)*argc + 3, sizeof(char *));
    if (!v) fatal_error("out of memory");
    int n = 0;
    v[n++] = argv[0]; v[n++] = (char *)"-0"; v[n++] = argv[2]; v[n++] = (char *)"--"; v[n++] = argv[1];
    for (int i = 3; i < *argc; i++) v[n++] = argv[i];
    *argc = n;
    return v;
}

/* The sysroot when neither -L nor LOONGBT_LD_PREFIX gives one: the first line of
 * LOONGBT_LD_PREFIX_FILE (scripts/binfmt.sh writes it; programs started by binfmt_misc get no
 * options), if it names a folder. */
#define LOONGBT_LD_PREFIX_FILE "/etc/loongbt/ld-prefix"
static const char *configured_ld_prefix(void)
{
    static char line[4096];
    struct stat st;
    FILE *f = fopen(LOONGBT_LD_PREFIX_FILE, "r");
    if (!f) return NULL;
    bool ok = fgets(line, sizeof(line), f) != NULL;
    fclose(f);
    if (!ok) return NULL;
    line[strcspn(line, "\r\n")] = 0;
    return line[0] && stat(line, &st) == 0 && S_ISDIR(st.st_mode) ? line : NULL;
}

int main(int argc, char **argv)
{
    Options o = { 0 };
    EnvList guest_env;
    struct image_info info;
    static TaskState ts;
    const char *s;
    int prog;

    host_page_size = (unsigned long)sysconf(_SC_PAGESIZE);
    if ((s = getenv("LOONGBT_HOST_PAGE_SIZE")) && *s && !host_page_size_override(s))
        fatal_error("bad LOONGBT_HOST_PAGE_SIZE '%s' (power of two, real page size..64K)", s);
    interp_prefix = getenv("LOONGBT_LD_PREFIX");
    s = getenv("LOONGBT_CPU");
    if (!x86_cpu_model_select(s && *s ? s : "host"))
        fatal_error("unknown LOONGBT_CPU '%s' (intel, amd, host)", s);
    if ((s = getenv("LOONGBT_TB_SIZE")) && *s) {
        o.tb_size = parse_size(s);
        if (!o.tb_size) fatal_error("bad LOONGBT_TB_SIZE '%s' (64K..2G, K/M/G suffix)", s);
    }
    env_init(&guest_env);
    /* Set by the wrapper that runs a cross-built loongbt under its host emulator: the command
     * a guest execve of an i386 program must run (the host cannot exec this binary itself).
     * It is loongbt's, not the guest's, so the guest environment does not carry it. */
    if ((s = getenv("LOONGBT_REEXEC")) && *s) {
        reexec_command = s;
        env_unset(&guest_env, "LOONGBT_REEXEC");
    }
    argv = binfmt_argv(&argc, argv);
    /* Like -stats-json, for this process only: a guest execve must not write the same file. */
    o.stats_json = getenv("LOONGBT_STATS_JSON");
    env_unset(&guest_env, "LOONGBT_STATS_JSON");
    prog = parse_args(argc, argv, &o, &guest_env);
    if (!interp_prefix) interp_prefix = configured_ld_prefix();
    guest_env.vars[guest_env.count] = NULL;

    qemu_set_log_filename(o.logfile);
    qemu_loglevel = o.loglevel;
    if (o.no_chain) tb_chain_enabled = false;
    profile_init(o.stats_json);

    guest_space_init();
    guest_layout_init();
    syscall_init();
    signal_init();
    tcg_exec_init(o.tb_size ? o.tb_size : CODE_GEN_BUFFER_DEFAULT_SIZE);
    if (o.argv0) {
        char *path = argv[prog];
        argv[prog] = (char *)o.argv0;
        loader_exec(path, &argv[prog], guest_env.vars, &info);
    } else {
        loader_exec(argv[prog], &argv[prog], guest_env.vars, &info);
    }

    CPUX86State *env = calloc(1, sizeof(CPUX86State));
    if (!env) fatal_error("out of memory");
    cpu_x86_init_user(env);
    env->regs[R_ESP] = info.start_stack;
    env->eip = info.entry;
    env->regs[R_EDX] = 0;                 /* no atexit function from the "kernel" */
    env->singlestep = o.singlestep;
    ts.info = &info;
    env->opaque = &ts;
    thread_cpu = env;
    cpu_loop(env);
    return 0;
}
