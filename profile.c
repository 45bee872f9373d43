/*
 * profile.c - the run-time profile (see profile.h): storage for the per-segment counters of
 * the generated code and the per-TB records, and the report: the -d stats table (with the
 * translation statistics of tcg.c) and the -stats-json file, written at exit or when a guest
 * signal kills the process.
 *
 * Segment counters live in chunks that are never freed or moved (their addresses are baked
 * into the generated code), so the counts of flushed or invalidated TBs stay in the totals.
 * TB records are indexed the same way; the hottest TBs are summed per guest pc at report time
 * (a pc retranslated after a flush is one entry).
 */
#include <errno.h>
#include <inttypes.h>
#include <time.h>
#include <unistd.h>
#include "loongbt-common.h"
#include "log.h"
#include "tcg.h"
#include "exec-all.h"
#include "profile.h"
#include "guest-syms.h"

uint64_t profile_counters[PROFILE_COUNTER_COUNT];
uint64_t profile_lookups[PROFILE_LOOKUP_COUNT];
__thread bool profile_indirect_pending;
bool profile_host_insns_unknown;

static const char *const counter_keys[] = {
#define X(name, key, kind, help) key,
    PROFILE_COUNTER_LIST(X)
#undef X
};
static const char *const counter_help[] = {
#define X(name, key, kind, help) help,
    PROFILE_COUNTER_LIST(X)
#undef X
};
static const char *const lookup_keys[] = {
#define X(name, key, help) key,
    PROFILE_LOOKUP_LEVEL_LIST(X)
#undef X
};

/* ------------------------------------------------------------------ storage */
#define CHUNK_BITS 16
#define CHUNK_SIZE (1u << CHUNK_BITS)
#define MAX_CHUNKS 4096                 /* 2^28 segments / TB records */

typedef struct ProfileTB {
    uint32_t pc;
    uint32_t guest_size;
    uint32_t first_seg, nb_segs;        /* segments first_seg.. (the first one is the entry) */
} ProfileTB;

static ProfileSegment *seg_chunks[MAX_CHUNKS];
static ProfileTB *tb_chunks[MAX_CHUNKS];
static uint32_t nb_segs, nb_tb_records;
static ProfileTB *cur_tb;

static void *chunk_get(void **chunks, uint32_t index, size_t elem)
{
    uint32_t c = index >> CHUNK_BITS;
    if (c >= MAX_CHUNKS)
        fatal_error("profile: more than %u segments or TBs", MAX_CHUNKS * CHUNK_SIZE);
    if (!chunks[c]) {
        chunks[c] = calloc(CHUNK_SIZE, elem);
        if (!chunks[c])
            fatal_error("out of memory");
    }
    return (char *)chunks[c] + (size_t)(index & (CHUNK_SIZE - 1)) * elem;
}

static ProfileSegment *seg_at(uint32_t i) { return chunk_get((void **)seg_chunks, i, sizeof(ProfileSegment)); }
static ProfileTB *tb_at(uint32_t i) { return chunk_get((void **)tb_chunks, i, sizeof(ProfileTB)); }

void profile_tb_begin(uint32_t pc, uint32_t guest_size)
{
    cur_tb = tb_at(nb_tb_records++);
    cur_tb->pc = pc;
    cur_tb->guest_size = guest_size;
    cur_tb->first_seg = nb_segs;
    cur_tb->nb_segs = 0;
}

void profile_tb_abort(void)
{
    if (!cur_tb)
        return;
    for (uint32_t i = cur_tb->first_seg; i < nb_segs; i++)
        memset(seg_at(i), 0, sizeof(ProfileSegment));
    nb_segs = cur_tb->first_seg;
    nb_tb_records--;
    cur_tb = NULL;
}

ProfileSegment *profile_segment_new(void)
{
    static ProfileSegment outside_tb;   /* code generated outside tb_gen_code (unit tests) */
    if (!cur_tb)
        return &outside_tb;
    cur_tb->nb_segs++;
    return seg_at(nb_segs++);
}

static long prologue_insns = -1, epilogue_insns = -1;

void profile_set_prologue(long pro, long epi)
{
    prologue_insns = pro;
    epilogue_insns = epi;
}

/* ------------------------------------------------------------------ totals */
typedef struct ProfileTotals {
    uint64_t tb_executions, guest_insns, host_insns, goto_tb_reached, chained;
    uint64_t tb_entries;                /* tcg_qemu_tb_exec calls: returns + cpu_loop_exit unwinds */
    int64_t prologue_epilogue_insns;    /* -1: unknown */
} ProfileTotals;

typedef struct HotTB {
    uint32_t pc;
    uint64_t executions, guest_insns, host_insns;
} HotTB;

static void tb_sums(const ProfileTB *t, HotTB *h)
{
    h->pc = t->pc;
    h->executions = t->nb_segs ? seg_at(t->first_seg)->count : 0;
    h->guest_insns = h->host_insns = 0;
    for (uint32_t i = 0; i < t->nb_segs; i++) {
        const ProfileSegment *s = seg_at(t->first_seg + i);
        h->guest_insns += s->count * s->guest_insns;
        h->host_insns += s->count * s->host_insns;
    }
}

static ProfileTotals profile_totals(void)
{
    ProfileTotals t = { 0 };
    for (uint32_t i = 0; i < nb_tb_records; i++) {
        HotTB h;
        tb_sums(tb_at(i), &h);
        t.tb_executions += h.executions;
        t.guest_insns += h.guest_insns;
        t.host_insns += h.host_insns;
    }
    for (uint32_t i = 0; i < nb_segs; i++)
        if (seg_at(i)->ends_in_goto_tb)
            t.goto_tb_reached += seg_at(i)->count;
    /* Every goto_tb reached either jumps to its chained TB or falls into the exit path,
     * which returns to the main loop as one DIRECT_VIA_LOOP exit. */
    uint64_t via_loop = profile_counters[PROFILE_DIRECT_VIA_LOOP];
    t.chained = t.goto_tb_reached > via_loop ? t.goto_tb_reached - via_loop : 0;
    /* Every entry runs the prologue; a return (not a cpu_loop_exit unwind) the epilogue, one
     * instruction less when exit_tb carries a value (it skips the zeroing of the result). */
    t.tb_entries = profile_counters[PROFILE_TB_RETURNS] + profile_counters[PROFILE_SYSCALLS] +
                   profile_counters[PROFILE_EXCEPTIONS] + profile_counters[PROFILE_HELPER_EXITS];
    t.prologue_epilogue_insns = -1;
    if (prologue_insns >= 0 && epilogue_insns >= 0)
        t.prologue_epilogue_insns = (int64_t)(t.tb_entries * (uint64_t)prologue_insns +
                                              profile_counters[PROFILE_TB_RETURNS] * (uint64_t)epilogue_insns -
                                              profile_counters[PROFILE_TB_RETURNS_VALUE]);
    return t;
}

static int cmp_pc(const void *a, const void *b)
{
    uint32_t x = ((const HotTB *)a)->pc, y = ((const HotTB *)b)->pc;
    return x < y ? -1 : x > y;
}

static int cmp_hot(const void *a, const void *b)
{
    const HotTB *x = a, *y = b;
    if (x->executions != y->executions)
        return x->executions < y->executions ? 1 : -1;
    return cmp_pc(a, b);
}

#define HOT_TBS 20

/* The HOT_TBS most executed guest pcs (translations of one pc summed); returns how many. */
static int hot_tbs(HotTB *out)
{
    HotTB *all = nb_tb_records ? malloc(nb_tb_records * sizeof(HotTB)) : NULL;
    int n = 0;
    if (!all)
        return 0;
    for (uint32_t i = 0; i < nb_tb_records; i++)
        tb_sums(tb_at(i), &all[i]);
    qsort(all, nb_tb_records, sizeof(HotTB), cmp_pc);
    uint32_t merged = 0;
    for (uint32_t i = 0; i < nb_tb_records; i++) {
        if (merged && all[merged - 1].pc == all[i].pc) {
            all[merged - 1].executions += all[i].executions;
            all[merged - 1].guest_insns += all[i].guest_insns;
            all[merged - 1].host_insns += all[i].host_insns;
        } else {
            all[merged++] = all[i];
        }
    }
    qsort(all, merged, sizeof(HotTB), cmp_hot);
    for (uint32_t i = 0; i < merged && n < HOT_TBS && all[i].executions; i++)
        out[n++] = all[i];
    free(all);
    return n;
}

/* ------------------------------------------------------------------ -d stats table */
static double ratio(uint64_t a, uint64_t b) { return b ? (double)a / (double)b : 0.0; }

static void print_table(const ProfileTotals *t, const HotTB *hot, int nb_hot)
{
    tcg_print_stats();
    if (!CONFIG_PROFILE) {
        qemu_log("stats: run-time counters off (build with CONFIG_PROFILE=y)\n");
        for (int c = 0; c < PROFILE_COUNTER_COUNT; c++)
            if (profile_counter_is_static(c))
                qemu_log("stats: %-24s %14" PRIu64 "  %s\n", counter_keys[c], profile_counters[c], counter_help[c]);
        qemu_log_flush();
        return;
    }
    qemu_log("stats: ---- run-time profile (CONFIG_PROFILE) ----\n");
    qemu_log("stats: %-24s %14" PRIu64 "\n", "guest insns executed", t->guest_insns);
    if (!profile_host_insns_unknown)
        qemu_log("stats: %-24s %14" PRIu64 "  dynamic inflation %.2f host insns per guest insn\n",
                 "host insns executed", t->host_insns, ratio(t->host_insns, t->guest_insns));
    else
        qemu_log("stats: %-24s %14s  (this back end cannot count its instructions)\n", "host insns executed", "n/a");
    qemu_log("stats: %-24s %14" PRIu64 "\n", "TB executions", t->tb_executions);
    if (t->prologue_epilogue_insns >= 0)
        qemu_log("stats: %-24s %14" PRId64 "  host insns of the prologue/epilogue (%ld/%ld per entry/return), not in host insns\n",
                 "prologue/epilogue insns", t->prologue_epilogue_insns, prologue_insns, epilogue_insns);
    qemu_log("stats: transitions out of translated blocks:\n");
    qemu_log("stats: %-24s %14" PRIu64 "  direct jumps chained TB to TB\n", "chained", t->chained);
    for (int l = 0; l < PROFILE_LOOKUP_COUNT; l++) {
        char label[40];
        snprintf(label, sizeof(label), "indirect %s", lookup_keys[l]);
        qemu_log("stats: %-24s %14" PRIu64 "\n", label, profile_lookups[l]);
    }
    for (int c = 0; c < PROFILE_COUNTER_COUNT; c++)
        qemu_log("stats: %-24s %14" PRIu64 "  %s\n", counter_keys[c], profile_counters[c], counter_help[c]);
    qemu_log("stats: hottest TBs:       pc symbol                       executions  guest insns   host insns\n");
    for (int i = 0; i < nb_hot; i++) {
        char sym[64];
        guest_syms_lookup(hot[i].pc, sym, sizeof(sym));
        qemu_log("stats: %2d  0x%08x %-28s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n", i + 1,
                 hot[i].pc, sym, hot[i].executions, hot[i].guest_insns, hot[i].host_insns);
    }
    qemu_log_flush();
}

/* ------------------------------------------------------------------ -stats-json */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* A dynamic figure: its value with CONFIG_PROFILE, null without. */
static void json_dyn(FILE *f, const char *key, uint64_t v, const char *sep)
{
    if (CONFIG_PROFILE)
        fprintf(f, "\"%s\": %" PRIu64 "%s", key, v, sep);
    else
        fprintf(f, "\"%s\": null%s", key, sep);
}

static void json_transitions(FILE *f, const ProfileTotals *t)
{
    fprintf(f, "  \"transitions\": {");
    json_dyn(f, "chained", t->chained, ", ");
    json_dyn(f, "direct_via_loop", profile_counters[PROFILE_DIRECT_VIA_LOOP], ", ");
    fprintf(f, "\"indirect\": ");
    if (CONFIG_PROFILE) {
        fprintf(f, "{");
        for (int l = 0; l < PROFILE_LOOKUP_COUNT; l++)
            fprintf(f, "\"%s\": %" PRIu64 "%s", lookup_keys[l], profile_lookups[l],
                    l + 1 < PROFILE_LOOKUP_COUNT ? ", " : "");
        fprintf(f, "}, ");
    } else {
        fprintf(f, "null, ");
    }
    json_dyn(f, "other_via_loop", profile_counters[PROFILE_OTHER_VIA_LOOP], ", ");
    json_dyn(f, "syscalls", profile_counters[PROFILE_SYSCALLS], ", ");
    json_dyn(f, "helper_exits", profile_counters[PROFILE_HELPER_EXITS], ", ");
    json_dyn(f, "exceptions", profile_counters[PROFILE_EXCEPTIONS], ", ");
    json_dyn(f, "signals", profile_counters[PROFILE_SIGNALS], "},\n");
}

static void json_hot_tbs(FILE *f, const HotTB *hot, int nb_hot)
{
    if (!CONFIG_PROFILE) {
        fprintf(f, "  \"hot_tbs\": null\n");
        return;
    }
    fprintf(f, "  \"hot_tbs\": [");
    for (int i = 0; i < nb_hot; i++) {
        char sym[128];
        guest_syms_lookup(hot[i].pc, sym, sizeof(sym));
        fprintf(f, "%s\n    {\"pc\": \"0x%08x\", \"symbol\": ", i ? "," : "", hot[i].pc);
        json_string(f, sym);
        fprintf(f, ", \"executions\": %" PRIu64 ", \"guest_insns\": %" PRIu64 ", \"host_insns\": ",
                hot[i].executions, hot[i].guest_insns);
        if (profile_host_insns_unknown)
            fprintf(f, "null}");
        else
            fprintf(f, "%" PRIu64 "}", hot[i].host_insns);
    }
    fprintf(f, "%s]\n", nb_hot ? "\n  " : "");
}

static void write_json(FILE *f, const ProfileTotals *t, const HotTB *hot, int nb_hot)
{
    const TCGContext *s = tcg_ctx;
    bool host_known = CONFIG_PROFILE && !profile_host_insns_unknown;
    fprintf(f, "{\n  \"profile\": %s,\n  \"host\": \"%s\",\n  \"build\": \"%s\",\n",
            CONFIG_PROFILE ? "true" : "false", LOONGBT_HOST, LOONGBT_BUILD_DIR);
    fprintf(f, "  \"config\": {");
#define X(name, value) fprintf(f, "\"%s\": %s, ", #name, (value) ? "true" : "false");
    CONFIG_LIST(X)
#undef X
    fprintf(f, "\"chain\": %s},\n", tb_chain_enabled ? "true" : "false");   /* after -no-chain */
    fprintf(f, "  ");
    json_dyn(f, "guest_insns", t->guest_insns, ",\n  ");
    if (host_known)
        fprintf(f, "\"host_insns\": %" PRIu64 ",\n  \"inflation\": %.4f,\n  ", t->host_insns,
                ratio(t->host_insns, t->guest_insns));
    else
        fprintf(f, "\"host_insns\": null,\n  \"inflation\": null,\n  ");
    json_dyn(f, "tb_executions", t->tb_executions, ",\n  ");
    json_dyn(f, "main_loop_exits", t->tb_entries, ",\n  ");
    if (host_known && t->prologue_epilogue_insns >= 0)
        fprintf(f, "\"prologue_epilogue_insns\": %" PRId64 ",\n  \"prologue_insns\": %ld,\n  "
                "\"epilogue_insns\": %ld,\n  ", t->prologue_epilogue_insns, prologue_insns, epilogue_insns);
    else
        fprintf(f, "\"prologue_epilogue_insns\": null,\n  \"prologue_insns\": null,\n  \"epilogue_insns\": null,\n  ");
    json_dyn(f, "goto_tb_reached", t->goto_tb_reached, ",\n  ");
    for (int l = 0; l < PROFILE_LOOKUP_COUNT; l++) {
        char key[48];
        snprintf(key, sizeof(key), "lookup_%s", lookup_keys[l]);
        json_dyn(f, key, profile_lookups[l], ",\n  ");
    }
    for (int c = 0; c < PROFILE_COUNTER_COUNT; c++) {
        if (profile_counter_is_static(c))
            fprintf(f, "\"%s\": %" PRIu64 ",\n  ", counter_keys[c], profile_counters[c]);
        else
            json_dyn(f, counter_keys[c], profile_counters[c], ",\n  ");
    }
    fprintf(f, "\"tbs_translated\": %" PRIu64 ",\n  \"guest_insns_translated\": %" PRIu64 ",\n"
            "  \"code_bytes\": %" PRIu64 ",\n  \"exit_tb_bytes\": %" PRIu64 ",\n"
            "  \"tcg_ops\": %" PRIu64 ",\n  \"tcg_ops_removed\": %" PRIu64 ",\n  \"spills\": %" PRIu64 ",\n",
            s->stat_tbs, s->stat_guest_insns, s->stat_host_bytes, s->stat_exit_bytes,
            s->stat_ops, s->stat_ops_removed, s->stat_spills);
    json_transitions(f, t);
    json_hot_tbs(f, hot, nb_hot);
    fprintf(f, "}\n");
}

/* ------------------------------------------------------------------ start-up and report */
static const char *json_path;
static pid_t owner_pid;
static bool reported;

void profile_init(const char *path)
{
    json_path = path && *path ? path : NULL;
    owner_pid = getpid();
    if (json_path || qemu_loglevel_mask(CPU_LOG_STATS))
        atexit(profile_report);
}

/* Only the process loongbt started writes the file: a forked guest child (another pid, same
 * memory image) writes nothing, so it never overwrites its parent's figures. */
static void write_json_file(const ProfileTotals *t, const HotTB *hot, int nb_hot)
{
    if (!json_path || getpid() != owner_pid)
        return;
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp%d", json_path, (int)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "loongbt-i386: -stats-json: cannot write %s: %s\n", tmp, strerror(errno));
        return;
    }
    write_json(f, t, hot, nb_hot);
    if (fclose(f) != 0 || rename(tmp, json_path) != 0) {
        fprintf(stderr, "loongbt-i386: -stats-json: cannot write %s: %s\n", json_path, strerror(errno));
        unlink(tmp);
    }
}

void profile_report(void)
{
    if (reported || (!json_path && !qemu_loglevel_mask(CPU_LOG_STATS)))
        return;
    reported = true;
    ProfileTotals t = CONFIG_PROFILE ? profile_totals() : (ProfileTotals){ 0 };
    HotTB hot[HOT_TBS];
    int nb_hot = CONFIG_PROFILE ? hot_tbs(hot) : 0;
    if (qemu_loglevel_mask(CPU_LOG_STATS))
        print_table(&t, hot, nb_hot);
    write_json_file(&t, hot, nb_hot);
}
