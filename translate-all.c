/*
 * translate-all.c - the translation driver: guest code -> TCG ops (front end) -> host code
 * (tcg_gen_code) for one TB, followed by the TB's restore data, and cpu_restore_state(), which
 * maps a host pc inside a TB back to the guest instruction that was executing.
 *
 * Restore data layout (tb->tc_search, right after the host code): the instruction count, then
 * per guest instruction three
 * LEB128 numbers - the host end offset as an unsigned delta from the previous instruction's end,
 * then each insn_start word (guest pc, cc_op) as a signed delta from the previous instruction's
 * value (the first pc is relative to tb->pc, the first cc_op to 0). Typical cost: 3-4 bytes per
 * guest instruction instead of 10.
 */
#include <time.h>
#include "loongbt-common.h"
#include "log.h"
#include "exec-all.h"
#include "tcg.h"
#include "tcg-op.h"
#include "profile.h"
#include "perfmap.h"
#include "pmu.h"

bool tb_jmp_direct = CONFIG_GOTOTB_DIRECT;
bool tb_gen_flushed;

/* ------------------------------------------------------------------ LEB128 */
static uint8_t *encode_uleb128(uint8_t *p, uint32_t val)
{
    do {
        uint8_t byte = val & 0x7f;
        val >>= 7;
        *p++ = byte | (val ? 0x80 : 0);
    } while (val);
    return p;
}

static uint8_t *encode_sleb128(uint8_t *p, int32_t val)
{
    for (;;) {
        uint8_t byte = val & 0x7f;
        val >>= 7;   /* arithmetic shift (gcc) */
        bool done = (val == 0 && !(byte & 0x40)) || (val == -1 && (byte & 0x40));
        *p++ = byte | (done ? 0 : 0x80);
        if (done)
            return p;
    }
}

static const uint8_t *decode_uleb128(const uint8_t *p, uint32_t *val)
{
    uint32_t v = 0;
    int shift = 0;
    uint8_t byte;
    do {
        byte = *p++;
        v |= (uint32_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    *val = v;
    return p;
}

static const uint8_t *decode_sleb128(const uint8_t *p, int32_t *val)
{
    uint32_t v = 0;
    int shift = 0;
    uint8_t byte;
    do {
        byte = *p++;
        if (shift < 32)
            v |= (uint32_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    if (shift < 32 && (byte & 0x40))
        v |= ~0u << shift;
    *val = (int32_t)v;
    return p;
}

/* Worst case per insn: 3 bytes end offset (16-bit) + 5 bytes per data word. */
#define SEARCH_BYTES_PER_INSN (3 + 5 * TCG_INSN_DATA)   /* plus 5 for the count */

static size_t encode_search(TranslationBlock *tb, uint8_t *p)
{
    uint8_t *start = p;
    uint32_t prev_end = 0;
    uint32_t prev[TCG_INSN_DATA] = { tb->pc };
    p = encode_uleb128(p, (uint32_t)tcg_ctx->nb_insns);
    for (int i = 0; i < tcg_ctx->nb_insns; i++) {
        p = encode_uleb128(p, tcg_ctx->gen_insn_end_off[i] - prev_end);
        prev_end = tcg_ctx->gen_insn_end_off[i];
        for (int j = 0; j < TCG_INSN_DATA; j++) {
            p = encode_sleb128(p, (int32_t)(tcg_ctx->gen_insn_data[i][j] - prev[j]));
            prev[j] = tcg_ctx->gen_insn_data[i][j];
        }
    }
    return (size_t)(p - start);
}

/* ------------------------------------------------------------------ translation */
static void log_tb(TranslationBlock *tb)
{
    FILE *f = qemu_logfile ? qemu_logfile : stderr;
    if (qemu_loglevel_mask(CPU_LOG_IN_ASM)) {
        qemu_log("IN: \n");
        target_disas(f, tb->pc, tb->size);
        qemu_log("\n");
    }
    if (qemu_loglevel_mask(CPU_LOG_OUT_ASM)) {
        qemu_log("OUT: [size=%d]\n", (int)tb->tc_size);
        tcg_target_disas(f, tb->tc_ptr, tb->tc_size);
        qemu_log("\n");
    }
    qemu_log_flush();
}

static uint64_t clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

TranslationBlock *tb_gen_code_with(CPUX86State *env, target_ulong pc, target_ulong cs_base,
                                   uint32_t flags, uint32_t cflags, tb_gen_fn gen)
{
    TranslationBlock *tb;
    int size;
    uint64_t start_ns = clock_ns();

    int flushes = 0;

    tb_gen_flushed = false;
restart:
    tb = tb_alloc(pc);
    if (!tb) {
        /* With guest threads, others may fill the fresh buffer again before this thread gets
         * tb_lock back: retry a few times before calling the buffer too small. */
        if (++flushes > 64)
            tcg_abort_msg(__FILE__, __LINE__, "tb_alloc keeps failing after tb_flush");
        tb_flush_safe(env);
        tb_gen_flushed = true;
        goto restart;
    }
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->tc_ptr = tcg_ctx->code_gen_ptr;

    tcg_func_start(tcg_ctx);
    tcg_gen_count_exec();   /* profile build: the TB's executions */
    gen(env, tb);   /* sets tb->size and tb->icount; the TB pointer is baked into exit_tb */

    tb->tb_jmp_offset[0] = tb->tb_jmp_offset[1] = 0xffff;
    tb->tb_next_offset[0] = tb->tb_next_offset[1] = 0xffff;
    tcg_ctx->tb_jmp_offset = tb_jmp_direct ? tb->tb_jmp_offset : NULL;
    tcg_ctx->tb_next_offset = tb->tb_next_offset;
    tcg_ctx->tb_next = tb->tb_next;
    tcg_ctx->code_buf = (tcg_insn_unit *)tb->tc_ptr;
    tcg_ctx->code_ptr = (tcg_insn_unit *)tb->tc_ptr;

    if (CONFIG_PROFILE)
        profile_tb_begin(pc, tb->size);
    size = tcg_gen_code(tcg_ctx, tb);
    uint8_t *search = tb->tc_ptr + (size > 0 ? size : 0);
    uint8_t *buffer_end = (uint8_t *)tcg_ctx->code_gen_buffer + tcg_ctx->code_gen_buffer_size;
    if (size < 0 ||
        search + (size_t)tcg_ctx->nb_insns * SEARCH_BYTES_PER_INSN + 5 + 16 > buffer_end) {
        /* Out of code space: drop everything (this TB included) and translate again into the
         * empty buffer; the TB pointer changes, so the IR must be regenerated. */
        if (CONFIG_PROFILE)
            profile_tb_abort();
        tb_flush_safe(env);
        tb_gen_flushed = true;
        goto restart;
    }
    __atomic_signal_fence(__ATOMIC_SEQ_CST);   /* jump offsets before tc_size (cpu_exit) */
    tb->tc_size = size;
    tb->tc_search = search;
    /* Unchained, an indirect goto_tb jumps through tb_next[n] to the code right after it. */
    for (int n = 0; n < 2; n++)
        if (tb->tb_next_offset[n] != 0xffff)
            tb->tb_next[n] = (uintptr_t)tb->tc_ptr + tb->tb_next_offset[n];
    size_t search_size = encode_search(tb, search);
    tcg_ctx->code_gen_ptr = (void *)QEMU_ALIGN_UP((uintptr_t)(search + search_size), 16);
    tcg_flush_icache_range((uintptr_t)tb->tc_ptr, (uintptr_t)search);

    /* stat_tbs / stat_guest_insns / stat_host_bytes are counted by tcg_gen_code itself. */

    target_ulong last = pc + (tb->size ? tb->size - 1u : 0);
    target_ulong page2 = (last & TARGET_PAGE_MASK) != (pc & TARGET_PAGE_MASK)
                         ? (last & TARGET_PAGE_MASK) : (target_ulong)-1;
    tb_link_page(tb, pc, page2);

    profile_add(PROFILE_TRANSLATE_NS, clock_ns() - start_ns);
    perfmap_note_block(tb->tc_ptr, (size_t)tb->tc_size, tb->pc);   /* -perfmap / -jitdump */
    if (qemu_loglevel_mask(CPU_LOG_IN_ASM | CPU_LOG_OUT_ASM))
        log_tb(tb);
    return tb;
}

TranslationBlock *tb_gen_code(CPUX86State *env, target_ulong pc, target_ulong cs_base,
                              uint32_t flags, uint32_t cflags)
{
    PmuPhase prev = pmu_enter(PMU_TRANSLATE);
    TranslationBlock *tb = tb_gen_code_with(env, pc, cs_base, flags, cflags, gen_intermediate_code);
    pmu_leave(prev);
    return tb;
}

/* ------------------------------------------------------------------ state restore */
/* host_pc must lie inside the host instruction that was executing: a faulting pc from a signal
 * as is, a helper's return address minus 1. The guest instruction is the first one whose host
 * code ends after host_pc. */
bool cpu_restore_state(CPUX86State *env, uintptr_t host_pc)
{
    TranslationBlock *tb = tb_find_pc(host_pc);
    if (!tb || !tb->tc_search)
        return false;

    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->tc_ptr);
    uint32_t end = 0;
    uint32_t data[TCG_INSN_DATA] = { tb->pc };
    const uint8_t *p = tb->tc_search;
    uint32_t nb_insns;
    p = decode_uleb128(p, &nb_insns);
    for (uint32_t i = 0; i < nb_insns; i++) {
        uint32_t delta;
        p = decode_uleb128(p, &delta);
        end += delta;
        for (int j = 0; j < TCG_INSN_DATA; j++) {
            int32_t d;
            p = decode_sleb128(p, &d);
            data[j] += (uint32_t)d;
        }
        if (off < end) {
            restore_state_to_opc(env, tb, data);
            return true;
        }
    }
    return false;
}
