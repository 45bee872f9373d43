/*
 * pmu.c - libpfm4 event counting and sampling (see pmu.h).
 *
 * Counting (-perf EVENT,...): each event is one counter for the whole run plus a sampling
 * twin of the same event (4000 samples a second, each weighted by its period). Translation and
 * syscalls are entered rarely and cost microseconds, so the counter is read (read(2)) when they
 * start and end: their shares are exact. The rest of the run - translated code, the helpers it
 * calls and the lookup/main loop - alternates too often to read a counter at every switch
 * (a syscall per block exit would change what is measured), so that remainder is split by where
 * the twin's samples fell. The split therefore sums exactly to the total; the code/helper/loop
 * shares are estimates with the usual sampling error (about 1/sqrt(samples) of each share).
 *
 * Sampling (-perf-sample EVENT[:PERIOD]): the kernel writes each sample (host pc, period) into a
 * ring buffer mapped here. The buffer is drained at every phase change, so each sample is
 * charged to the phase it happened in, and translated-code samples are mapped to their block
 * (tb_find_pc) before any tb_flush can reuse the code buffer (a flush happens only inside
 * translation, which is entered through a drain). No signal is used: the guest owns them all.
 *
 * Only the thread that opened the events (the main guest thread) is measured; a forked child
 * stops measuring and prints nothing. Where an event cannot be opened the reason is printed in
 * one line and the run goes on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "config-host.h"
#include "pmu.h"

bool pmu_active;
__thread PmuPhase pmu_phase = PMU_LOOP;

#if CONFIG_LIBPFM

#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <perfmon/pfmlib_perf_event.h>
#include "loongbt-common.h"
#include "exec-all.h"
#include "tcg.h"
#include "guest-syms.h"
#include "perfmap.h"

#define PMU_MAX_EVENTS     8
#define RING_DATA_PAGES    64              /* power of two */
#define TWIN_SAMPLE_FREQ   4000            /* counting mode's sampling twin, samples/s */
#define SAMPLE_DEFAULT_FREQ 4000

static const char *const phase_label[PMU_NB_PHASES] = {
#define PMU_PHASE_LABEL(name, label, key) label,
    PMU_PHASE_LIST(PMU_PHASE_LABEL)
#undef PMU_PHASE_LABEL
};

static const char *const phase_key[PMU_NB_PHASES] = {
#define PMU_PHASE_KEY(name, label, key) key,
    PMU_PHASE_LIST(PMU_PHASE_KEY)
#undef PMU_PHASE_KEY
};

/* ------------------------------------------------------------------ sample tables */
/* Sample weights by key (blocks by guest pc, host code by its symbol's address): open
 * addressing, doubled when three quarters full. Filled outside signal context (ring drains). */
typedef struct Bucket { uint64_t key, weight; } Bucket;
typedef struct BucketTable { Bucket *v; size_t cap, used; uint64_t dropped; } BucketTable;

static Bucket *table_slot(Bucket *v, size_t cap, uint64_t key)
{
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (cap - 1);
    while (v[i].weight && v[i].key != key)
        i = (i + 1) & (cap - 1);
    return &v[i];
}

static bool table_grow(BucketTable *t)
{
    size_t cap = t->cap ? t->cap * 2 : 4096;
    Bucket *v = calloc(cap, sizeof(Bucket));
    if (!v) return false;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].weight) *table_slot(v, cap, t->v[i].key) = t->v[i];
    free(t->v);
    t->v = v;
    t->cap = cap;
    return true;
}

static void table_add(BucketTable *t, uint64_t key, uint64_t w)
{
    if (t->used * 4 >= t->cap * 3 && !table_grow(t)) {
        t->dropped += w;              /* out of memory: counted in the total, not by name */
        return;
    }
    Bucket *b = table_slot(t->v, t->cap, key);
    if (!b->weight) {
        b->key = key;
        t->used++;
    }
    b->weight += w;
}

/* ------------------------------------------------------------------ events */
typedef struct Ring {
    int fd;                           /* -1: none */
    struct perf_event_mmap_page *page;
    uint8_t *data;
    uint64_t size, lost;
} Ring;

typedef struct PmuEvent {
    char name[128];
    int count_fd;                     /* counting mode: the whole-run counter */
    uint64_t exact[PMU_NB_PHASES];    /* counting: TRANSLATE and SYSCALL shares */
    uint64_t phase_start;             /* counter value when the current exact phase began */
    uint64_t weight[PMU_NB_PHASES];   /* sample weight per phase (HELPER: code phase, host pc) */
    uint64_t total, share[PMU_NB_PHASES];   /* the split, from compute_shares */
    uint64_t samples;
    Ring ring;
    bool user_only;                   /* the kernel could not be included */
} PmuEvent;

static PmuEvent events[PMU_MAX_EVENTS];
static int nb_events;
static bool sampling_mode;            /* -perf-sample: one event, the table */
static __thread bool thread_measured;

/* -perf-sample's table */
static BucketTable block_samples;     /* key: guest pc of the block */
static BucketTable host_samples;      /* key: host symbol address (0: unnamed) */
static uint64_t kernel_samples[PMU_NB_PHASES];
static uint64_t outside_block_samples;  /* code buffer, no block: prologue, exit stubs */
static uint64_t phase_samples[PMU_NB_PHASES];

/* loongbt's own symbols, for helpers (dladdr only sees exported ones). */
static SymTable host_syms;

static int main_program_bias(struct dl_phdr_info *info, size_t size, void *data)
{
    *(uint64_t *)data = info->dlpi_addr;
    return 1;                         /* the first object is the program */
}

static void load_host_symbols(void)
{
    uint64_t bias = 0;
    dl_iterate_phdr(main_program_bias, &bias);
    symtab_load(&host_syms, "/proc/self/exe", bias);
}

static long perf_open(struct perf_event_attr *attr)
{
    long fd = syscall(SYS_perf_event_open, attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    return fd < 0 ? fd : perf_fd_out_of_guest_way((int)fd);
}

static const char *open_failure(int err)
{
    switch (err) {
    case ENOENT: case ENODEV: case EOPNOTSUPP:
        return "no such event on this machine (no PMU, e.g. in a VM?)";
    case EACCES: case EPERM:
        return "no permission (see /proc/sys/kernel/perf_event_paranoid)";
    case ENOSYS:
        return "perf_event_open is not available (running under an emulator?)";
    case EINVAL:
        return "the kernel rejected the event's settings";
    default:
        return strerror(err);
    }
}

/* Open with the kernel included, else user space only (perf_event_paranoid >= 2). */
static int open_event(struct perf_event_attr *attr, bool *user_only, int *err)
{
    attr->exclude_kernel = 0;
    attr->exclude_hv = 1;
    long fd = perf_open(attr);
    if (fd < 0 && (errno == EACCES || errno == EPERM)) {
        attr->exclude_kernel = 1;
        fd = perf_open(attr);
        *user_only = fd >= 0;
    }
    *err = errno;
    return (int)fd;
}

static bool open_ring(Ring *r, struct perf_event_attr *attr, bool *user_only, int *err)
{
    long page = sysconf(_SC_PAGESIZE);
    r->fd = open_event(attr, user_only, err);
    if (r->fd < 0) return false;
    void *m = mmap(NULL, (size_t)page * (1 + RING_DATA_PAGES), PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
    if (m == MAP_FAILED) {
        *err = errno;
        close(r->fd);
        r->fd = -1;
        return false;
    }
    r->page = m;
    r->data = (uint8_t *)m + page;
    r->size = (uint64_t)page * RING_DATA_PAGES;
    return true;
}

/* libpfm4 name -> perf_event_attr; NULL on success, else the reason. */
static const char *encode_event(const char *name, struct perf_event_attr *attr)
{
    pfm_perf_encode_arg_t arg;
    memset(attr, 0, sizeof(*attr));
    memset(&arg, 0, sizeof(arg));
    arg.attr = attr;
    arg.size = sizeof(arg);
    int ret = pfm_get_os_event_encoding(name, PFM_PLM0 | PFM_PLM3, PFM_OS_PERF_EVENT, &arg);
    if (ret != PFM_SUCCESS) return pfm_strerror(ret);
    attr->size = sizeof(*attr);
    return NULL;
}

static bool pfm_ready(const char *option)
{
    static int state;                 /* 0 not tried, 1 ok, -1 failed */
    if (!state) {
        int ret = pfm_initialize();
        state = ret == PFM_SUCCESS ? 1 : -1;
        if (state < 0)
            fprintf(stderr, "loongbt-i386: %s: libpfm4 does not initialise (%s); going on without it\n",
                    option, pfm_strerror(ret));
    }
    return state > 0;
}

/* ------------------------------------------------------------------ ring drain */
static bool in_code_buffer(uint64_t pc)
{
    return pc >= (uintptr_t)code_gen_buffer &&
           pc < (uintptr_t)code_gen_buffer + tcg_ctx->code_gen_buffer_size;
}

static uint64_t host_symbol_key(uint64_t pc)
{
    uint64_t off;
    const SymEntry *s = symtab_find(&host_syms, pc, &off);
    if (s) return s->addr;
    Dl_info info;
    if (dladdr((void *)(uintptr_t)pc, &info) && info.dli_sname && info.dli_saddr)
        return (uintptr_t)info.dli_saddr;
    return 0;
}

/* One sample taken in `phase`. */
static void charge_sample(PmuEvent *e, PmuPhase phase, uint64_t pc, bool kernel, uint64_t w)
{
    bool in_code = phase == PMU_CODE && !kernel && in_code_buffer(pc);
    PmuPhase where = phase == PMU_CODE && !kernel && !in_code ? PMU_HELPER : phase;
    e->weight[where] += w;
    e->samples++;
    if (!sampling_mode) return;
    phase_samples[where] += w;
    if (kernel) {
        kernel_samples[phase] += w;
    } else if (where == PMU_CODE) {
        TranslationBlock *tb = tb_find_pc((uintptr_t)pc);
        if (tb) table_add(&block_samples, tb->pc, w);
        else outside_block_samples += w;
    } else if (where == PMU_HELPER) {
        table_add(&host_samples, host_symbol_key(pc), w);
    }
}

static void ring_copy(const Ring *r, uint64_t pos, void *dst, size_t len)
{
    uint64_t off = pos & (r->size - 1);
    size_t first = len < r->size - off ? len : (size_t)(r->size - off);
    memcpy(dst, r->data + off, first);
    memcpy((uint8_t *)dst + first, r->data, len - first);
}

static void drain(PmuEvent *e, PmuPhase phase)
{
    Ring *r = &e->ring;
    uint64_t head = __atomic_load_n(&r->page->data_head, __ATOMIC_ACQUIRE);
    uint64_t tail = r->page->data_tail;
    if (head == tail) return;
    bool locked = sampling_mode && phase == PMU_CODE;
    if (locked) tb_lock();            /* tb_find_pc against other threads' translations */
    while (tail < head) {
        struct perf_event_header h;
        ring_copy(r, tail, &h, sizeof(h));
        if (h.size < sizeof(h)) break;
        if (h.type == PERF_RECORD_SAMPLE && h.size >= sizeof(h) + 16) {
            uint64_t body[2];         /* PERF_SAMPLE_IP, PERF_SAMPLE_PERIOD */
            ring_copy(r, tail + sizeof(h), body, sizeof(body));
            bool kernel = (h.misc & PERF_RECORD_MISC_CPUMODE_MASK) == PERF_RECORD_MISC_KERNEL;
            charge_sample(e, phase, body[0], kernel, body[1] ? body[1] : 1);
        } else if (h.type == PERF_RECORD_LOST && h.size >= sizeof(h) + 16) {
            uint64_t body[2];         /* id, lost */
            ring_copy(r, tail + sizeof(h), body, sizeof(body));
            r->lost += body[1];
        }
        tail += h.size;
    }
    if (locked) tb_unlock();
    __atomic_store_n(&r->page->data_tail, head, __ATOMIC_RELEASE);
}

/* ------------------------------------------------------------------ phases */
static uint64_t read_counter(const PmuEvent *e)
{
    uint64_t v[3] = { 0 };            /* value, time enabled, time running */
    if (e->count_fd < 0 || read(e->count_fd, v, sizeof(v)) != (ssize_t)sizeof(v)) return 0;
    if (v[2] && v[2] < v[1])          /* multiplexed: scale to the whole time */
        return (uint64_t)((double)v[0] * (double)v[1] / (double)v[2]);
    return v[0];
}

static bool is_exact_phase(PmuPhase p)
{
    return p == PMU_TRANSLATE || p == PMU_SYSCALL;
}

void pmu_transition(PmuPhase next)
{
    PmuPhase prev = pmu_phase;
    pmu_phase = next;
    if (!thread_measured || prev == next) return;
    for (int i = 0; i < nb_events; i++) {
        PmuEvent *e = &events[i];
        if (e->ring.fd >= 0) drain(e, prev);
        if (e->count_fd >= 0 && (is_exact_phase(prev) || is_exact_phase(next))) {
            uint64_t now = read_counter(e);
            if (is_exact_phase(prev)) e->exact[prev] += now - e->phase_start;
            e->phase_start = now;
        }
    }
}

/* ------------------------------------------------------------------ report */
/* The split of the total (see the top of the file); the shares sum to the total. */
static void compute_shares(PmuEvent *e)
{
    uint64_t *share = e->share;
    e->total = read_counter(e);
    memset(e->share, 0, sizeof(e->share));
    share[PMU_TRANSLATE] = e->exact[PMU_TRANSLATE] < e->total ? e->exact[PMU_TRANSLATE] : e->total;
    share[PMU_SYSCALL] = e->exact[PMU_SYSCALL] < e->total - share[PMU_TRANSLATE]
                         ? e->exact[PMU_SYSCALL] : e->total - share[PMU_TRANSLATE];
    uint64_t rest = e->total - share[PMU_TRANSLATE] - share[PMU_SYSCALL];
    uint64_t w = e->weight[PMU_CODE] + e->weight[PMU_HELPER] + e->weight[PMU_LOOP];
    if (w) {
        share[PMU_CODE] = (uint64_t)((double)rest * (double)e->weight[PMU_CODE] / (double)w);
        share[PMU_HELPER] = (uint64_t)((double)rest * (double)e->weight[PMU_HELPER] / (double)w);
        if (share[PMU_CODE] + share[PMU_HELPER] > rest) share[PMU_HELPER] = rest - share[PMU_CODE];
    }
    share[PMU_LOOP] = rest - share[PMU_CODE] - share[PMU_HELPER];
}

static void print_counts(FILE *f, const PmuEvent *e)
{
    bool split = e->weight[PMU_CODE] + e->weight[PMU_HELPER] + e->weight[PMU_LOOP];
    fprintf(f, "perf: %s: %llu total%s (translation, syscalls exact; the rest split by %llu samples%s)\n",
            e->name, (unsigned long long)e->total, e->user_only ? ", user space only" : "",
            (unsigned long long)e->samples, split ? "" : ": none, all shown as lookup/main loop");
    for (int p = 0; p < PMU_NB_PHASES; p++)
        fprintf(f, "perf:   %-18s %20llu %6.2f%%\n", phase_label[p], (unsigned long long)e->share[p],
                e->total ? 100.0 * (double)e->share[p] / (double)e->total : 0.0);
}

static int bucket_order(const void *a, const void *b)
{
    const Bucket *x = a, *y = b;
    return x->weight != y->weight ? (x->weight < y->weight ? 1 : -1) : (x->key > y->key) - (x->key < y->key);
}

static Bucket *sorted(const BucketTable *t, size_t *n)
{
    *n = 0;
    Bucket *v = t->v ? malloc(t->used * sizeof(Bucket) + 1) : NULL;
    if (!v) return NULL;
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].weight) v[(*n)++] = t->v[i];
    qsort(v, *n, sizeof(Bucket), bucket_order);
    return v;
}

typedef struct Row { uint64_t weight; char name[300]; } Row;

static int row_order(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    return x->weight != y->weight ? (x->weight < y->weight ? 1 : -1) : strcmp(x->name, y->name);
}

#define SAMPLE_TABLE_ROWS 40

static void print_samples(FILE *f, PmuEvent *e)
{
    size_t nb, nh;
    Bucket *blocks = sorted(&block_samples, &nb), *hosts = sorted(&host_samples, &nh);
    Row *rows = calloc(nb + nh + 2 * PMU_NB_PHASES + 4, sizeof(Row));
    size_t n = 0;
    uint64_t total = 0;
    for (int p = 0; p < PMU_NB_PHASES; p++) total += phase_samples[p];
    if (!rows) { free(blocks); free(hosts); return; }
    for (size_t i = 0; i < nb; i++) {
        char sym[256];
        char where[200];
        uint32_t pc = (uint32_t)blocks[i].key;
        if (!guest_syms_lookup(pc, sym, sizeof(sym)))      /* no symbol: (file+0xaddr) */
            snprintf(sym, sizeof(sym), "(%s)", guest_syms_lookup_file(pc, where, sizeof(where)) ? where : "?");
        rows[n].weight = blocks[i].weight;
        snprintf(rows[n++].name, sizeof(rows->name), "block 0x%08x %s", (unsigned)blocks[i].key, sym);
    }
    for (size_t i = 0; i < nh; i++) {
        uint64_t off;
        const SymEntry *s = symtab_find(&host_syms, hosts[i].key, &off);
        Dl_info info;
        const char *name = s ? s->name : hosts[i].key && dladdr((void *)(uintptr_t)hosts[i].key, &info) &&
                           info.dli_sname ? info.dli_sname : "(host code without a symbol)";
        rows[n].weight = hosts[i].weight;
        snprintf(rows[n++].name, sizeof(rows->name), "helper %s", name);
    }
    for (int p = 0; p < PMU_NB_PHASES; p++) {
        if (kernel_samples[p]) {
            rows[n].weight = kernel_samples[p];
            snprintf(rows[n++].name, sizeof(rows->name), "kernel (during %s)", phase_label[p]);
        }
    }
    uint64_t user[PMU_NB_PHASES];
    for (int p = 0; p < PMU_NB_PHASES; p++) user[p] = phase_samples[p];
    for (int p = 0; p < PMU_NB_PHASES; p++) user[p] -= p == PMU_HELPER ? 0 : kernel_samples[p];
    const struct { PmuPhase p; const char *name; } fixed[] = {
        { PMU_TRANSLATE, "translator" }, { PMU_LOOP, "lookup/main loop" }, { PMU_SYSCALL, "syscall emulation" },
    };
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        if (user[fixed[i].p]) {
            rows[n].weight = user[fixed[i].p];
            snprintf(rows[n++].name, sizeof(rows->name), "%s", fixed[i].name);
        }
    if (outside_block_samples) {
        rows[n].weight = outside_block_samples;
        snprintf(rows[n++].name, sizeof(rows->name), "code buffer outside blocks (prologue, exits)");
    }
    qsort(rows, n, sizeof(Row), row_order);
    fprintf(f, "perf-sample: %s: %llu sample weight in %llu samples%s%s\n", e->name,
            (unsigned long long)total, (unsigned long long)e->samples,
            e->user_only ? ", user space only" : "", e->ring.lost ? ", some lost (buffer full)" : "");
    uint64_t shown = 0;
    for (size_t i = 0; i < n && i < SAMPLE_TABLE_ROWS; i++) {
        shown += rows[i].weight;
        fprintf(f, "perf-sample: %6.2f%% %14llu  %s\n", total ? 100.0 * (double)rows[i].weight / (double)total : 0.0,
                (unsigned long long)rows[i].weight, rows[i].name);
    }
    if (total > shown)
        fprintf(f, "perf-sample: %6.2f%% %14llu  (%zu more rows)\n", 100.0 * (double)(total - shown) / (double)total,
                (unsigned long long)(total - shown), n > SAMPLE_TABLE_ROWS ? n - SAMPLE_TABLE_ROWS : 0);
    if (e->ring.lost)
        fprintf(f, "perf-sample: %llu samples lost (ring buffer full between two phase changes)\n",
                (unsigned long long)e->ring.lost);
    free(rows);
    free(blocks);
    free(hosts);
}

static bool reported;

/* Close the current exact phase and take in the last samples; then the counts are final
 * (what runs after this, the report itself, is not split). */
static void finish(void)
{
    static bool finished;
    if (finished || !thread_measured) return;
    finished = true;
    pmu_transition(PMU_LOOP);
    for (int i = 0; i < nb_events; i++) {
        if (events[i].ring.fd >= 0) drain(&events[i], PMU_LOOP);
        if (!sampling_mode) compute_shares(&events[i]);
    }
}

void pmu_report(FILE *f)
{
    finish();
    for (int i = 0; i < nb_events; i++) {
        if (sampling_mode) print_samples(f, &events[i]);
        else print_counts(f, &events[i]);
    }
    reported = true;
}

void pmu_report_json(FILE *f)
{
    finish();
    fputc('{', f);
    for (int i = 0; i < nb_events && !sampling_mode; i++) {
        fprintf(f, "%s\"%s\": {\"total\": %llu", i ? ", " : "", events[i].name, (unsigned long long)events[i].total);
        for (int p = 0; p < PMU_NB_PHASES; p++)
            fprintf(f, ", \"%s\": %llu", phase_key[p], (unsigned long long)events[i].share[p]);
        fprintf(f, ", \"samples\": %llu, \"user_only\": %s}", (unsigned long long)events[i].samples,
                events[i].user_only ? "true" : "false");
    }
    fputc('}', f);
}

/* loongbt's stderr as it was at start: programs often close their stderr before exiting
 * (gnulib's close_stdout), which must not silence the report. */
static FILE *report_stream;

static void keep_report_stream(void)
{
    int fd = perf_fd_out_of_guest_way(fcntl(2, F_DUPFD_CLOEXEC, 3));
    report_stream = fd >= 0 ? fdopen(fd, "w") : NULL;
}

static void report_at_exit(void)
{
    if (thread_measured && !reported) {
        pmu_report(report_stream ? report_stream : stderr);
        if (report_stream) fflush(report_stream);
    }
}

/* The child of a fork is another task: our events do not count it. */
static void stop_in_child(void)
{
    thread_measured = false;
    pmu_active = false;
}

/* ------------------------------------------------------------------ options */
static void start_measuring(void)
{
    if (pmu_active || !nb_events) return;
    thread_measured = true;
    pmu_active = true;
    keep_report_stream();
    atexit(report_at_exit);
    pthread_atfork(NULL, NULL, stop_in_child);
}

static PmuEvent *new_event(const char *name)
{
    PmuEvent *e = &events[nb_events];
    memset(e, 0, sizeof(*e));
    snprintf(e->name, sizeof(e->name), "%s", name);
    e->count_fd = e->ring.fd = -1;
    return e;
}

static void list_events(void)
{
    pfm_pmu_info_t pinfo;
    pfm_event_info_t info;
    for (int pmu = PFM_PMU_NONE; pmu < PFM_PMU_MAX; pmu++) {
        memset(&pinfo, 0, sizeof(pinfo));
        pinfo.size = sizeof(pinfo);
        if (pfm_get_pmu_info(pmu, &pinfo) != PFM_SUCCESS || !pinfo.is_present) continue;
        for (int i = pinfo.first_event; i != -1; i = pfm_get_event_next(i)) {
            memset(&info, 0, sizeof(info));
            info.size = sizeof(info);
            if (pfm_get_event_info(i, PFM_OS_PERF_EVENT, &info) == PFM_SUCCESS)
                printf("%s::%s\t%s\n", pinfo.name, info.name, info.desc ? info.desc : "");
        }
    }
    exit(0);
}

/* One counted event and its sampling twin. */
static void add_counted(const char *name)
{
    struct perf_event_attr attr;
    const char *why = encode_event(name, &attr);
    int err = 0;
    if (nb_events == PMU_MAX_EVENTS) why = "too many events (at most 8)";
    if (why) {
        fprintf(stderr, "loongbt-i386: -perf: cannot count '%s': %s; going on without it\n", name, why);
        return;
    }
    PmuEvent *e = new_event(name);
    attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
    e->count_fd = open_event(&attr, &e->user_only, &err);
    if (e->count_fd < 0) {
        fprintf(stderr, "loongbt-i386: -perf: cannot count '%s': %s; going on without it\n", name, open_failure(err));
        return;
    }
    attr.read_format = 0;
    attr.freq = 1;
    attr.sample_freq = TWIN_SAMPLE_FREQ;
    attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_PERIOD;
    attr.exclude_kernel = e->user_only;
    bool twin_user_only = false;
    if (!open_ring(&e->ring, &attr, &twin_user_only, &err))
        fprintf(stderr, "loongbt-i386: -perf: '%s' cannot sample (%s): code/helpers/loop not split\n",
                name, open_failure(err));
    nb_events++;
}

void pmu_count_option(const char *list)
{
    if (!pfm_ready("-perf")) return;
    if (!strcmp(list, "list")) list_events();
    if (sampling_mode) {
        fprintf(stderr, "loongbt-i386: -perf: not with -perf-sample in the same run; ignored\n");
        return;
    }
    char *copy = strdup(list), *save = NULL;
    for (char *name = copy ? strtok_r(copy, ",", &save) : NULL; name; name = strtok_r(NULL, ",", &save))
        add_counted(name);
    free(copy);
    start_measuring();
}

void pmu_sample_option(const char *spec)
{
    if (!pfm_ready("-perf-sample")) return;
    if (nb_events) {
        fprintf(stderr, "loongbt-i386: -perf-sample: one event per run, not with -perf; ignored\n");
        return;
    }
    char name[128];
    snprintf(name, sizeof(name), "%s", spec);
    /* EVENT[:PERIOD]: the period is the text after the last ':' when it is all digits (event
     * names contain '::' and ':modifier'). */
    unsigned long long period = 0;
    char *colon = strrchr(name, ':');
    if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        period = strtoull(colon + 1, NULL, 10);
        *colon = '\0';
    }
    struct perf_event_attr attr;
    const char *why = encode_event(name, &attr);
    if (!why && colon && !colon[0] && !period) why = "period 0";
    if (why) {
        fprintf(stderr, "loongbt-i386: -perf-sample: cannot sample '%s': %s; going on without it\n", spec, why);
        return;
    }
    PmuEvent *e = new_event(name);
    if (period) attr.sample_period = period;
    else { attr.freq = 1; attr.sample_freq = SAMPLE_DEFAULT_FREQ; }
    attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_PERIOD;
    int err = 0;
    if (!open_ring(&e->ring, &attr, &e->user_only, &err)) {
        fprintf(stderr, "loongbt-i386: -perf-sample: cannot sample '%s': %s; going on without it\n",
                spec, open_failure(err));
        return;
    }
    sampling_mode = true;
    nb_events = 1;
    load_host_symbols();
    start_measuring();
}

#else  /* !CONFIG_LIBPFM */

static void not_built(const char *option)
{
    fprintf(stderr, "loongbt-i386: %s: not built with libpfm4 (CONFIG_LIBPFM=n or no libpfm4 for this host); "
            "going on without it\n", option);
}

void pmu_count_option(const char *events)
{
    not_built("-perf");
    if (!strcmp(events, "list")) exit(1);
}

void pmu_sample_option(const char *spec)
{
    not_built("-perf-sample");
}

void pmu_transition(PmuPhase next)
{
    pmu_phase = next;
}

void pmu_report(FILE *f)
{
}

void pmu_report_json(FILE *f)
{
    fputs("{}", f);
}

#endif
