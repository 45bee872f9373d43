/*
 * test-tcg-regalloc.c - end-to-end tests of the generic TCG core with the host back end:
 * build small TBs through the tcg-op API, run liveness + register allocation + code emission
 * into an RWX buffer, execute them through the prologue on a fake env struct, and compare
 * with the same computation done in C. Covers spills (more live temps than host registers),
 * helper calls (register and stack arguments, globals synced/reloaded around calls), branches
 * with locals and globals, fixed-register constraints (shift counts, mulu2) and the expansions
 * of optional ops.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "loongbt-common.h"
#include "tcg.h"
#include "tcg-op.h"
#include "qemu.h"             /* guest_base */

/* ==================================================================== fixture */

typedef struct FakeEnv {
    uint32_t in[8];
    uint32_t out[32];
    uint32_t g0, g1;          /* two fields mapped as TCG globals */
    uint32_t helper_seen;     /* what a helper observed of g1 */
} FakeEnv;

#define BUF_SIZE (1 << 20)

static TCGv_i32 gl_in[8], gl_g0, gl_g1;

static int setup_ctx(void **state)
{
    TCGContext *s = tcg_ctx;
    void *buf = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    (void)state;
    if (buf == MAP_FAILED) return -1;
    tcg_context_init(s);
    s->code_gen_buffer = buf;
    s->code_gen_buffer_size = BUF_SIZE;
    tcg_prologue_init(s);
    s->code_gen_highwater = (uint8_t *)buf + BUF_SIZE - 65536;
    tcg_func_start(s);
    for (int i = 0; i < 8; i++) {
        static const char *names[8] = { "in0", "in1", "in2", "in3", "in4", "in5", "in6", "in7" };
        gl_in[i] = tcg_global_mem_new_i32(cpu_env, offsetof(FakeEnv, in[i]), names[i]);
    }
    gl_g0 = tcg_global_mem_new_i32(cpu_env, offsetof(FakeEnv, g0), "g0");
    gl_g1 = tcg_global_mem_new_i32(cpu_env, offsetof(FakeEnv, g1), "g1");
    return 0;
}

static void start_tb(void)
{
    TCGContext *s = tcg_ctx;
    tcg_func_start(s);
    s->code_ptr = s->code_gen_ptr;
    s->tb_jmp_offset = NULL;
}

/* Generate the TB and run it once on env; returns what the TB returned to the prologue. */
static uintptr_t finish_and_run(FakeEnv *env)
{
    TCGContext *s = tcg_ctx;
    int size = tcg_gen_code(s, NULL);
    assert_true(size > 0);
    void *code = s->code_buf;
    s->code_gen_ptr = (uint8_t *)code + QEMU_ALIGN_UP(size, 64);
    return tcg_qemu_tb_exec(env, code);
}

static void fill_env(FakeEnv *env)
{
    memset(env, 0, sizeof(*env));
    for (int i = 0; i < 8; i++) env->in[i] = 0x12345 * (i + 3) ^ (0x9e3779b9u >> i);
}

/* ==================================================================== tests */

/* exit_tb returns (tb + idx) or 0. */
static void test_exit_values(void **state)
{
    FakeEnv env;
    static char fake_tb[64] __attribute__((aligned(8)));
    (void)state;
    fill_env(&env);
    start_tb();
    tcg_gen_exit_tb(NULL, 0);
    assert_int_equal(finish_and_run(&env), 0);

    start_tb();
    tcg_gen_exit_tb((const struct TranslationBlock *)fake_tb, 1);
    assert_true(finish_and_run(&env) == (uintptr_t)fake_tb + 1);
}

/* Loads, arithmetic and stores through globals and env. */
static void test_simple_arith(void **state)
{
    FakeEnv env;
    (void)state;
    fill_env(&env);
    start_tb();
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add_i32(t, gl_in[0], gl_in[1]);
    tcg_gen_xori_i32(t, t, 0x5a5a);
    tcg_gen_st_i32(t, cpu_env, offsetof(FakeEnv, out[0]));
    tcg_gen_sub_i32(gl_g0, gl_in[2], gl_in[3]);             /* global written: must be synced */
    tcg_gen_shli_i32(gl_g1, gl_in[4], 3);
    tcg_gen_ld_i32(t, cpu_env, offsetof(FakeEnv, in[5]));
    tcg_gen_mul_i32(t, t, gl_in[6]);
    tcg_gen_st_i32(t, cpu_env, offsetof(FakeEnv, out[1]));
    tcg_gen_movi_i32(t, -7);
    tcg_gen_st_i32(t, cpu_env, offsetof(FakeEnv, out[2]));
    tcg_temp_free_i32(t);
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);
    assert_int_equal(env.out[0], (env.in[0] + env.in[1]) ^ 0x5a5a);
    assert_int_equal(env.g0, env.in[2] - env.in[3]);
    assert_int_equal(env.g1, env.in[4] << 3);
    assert_int_equal(env.out[1], env.in[5] * env.in[6]);
    assert_int_equal(env.out[2], (uint32_t)-7);
}

/* 24 values live at once: more than the host has registers, so the allocator must spill. */
#define NLIVE 24
static void test_spills(void **state)
{
    FakeEnv env;
    TCGv_i32 t[NLIVE];
    uint32_t c[NLIVE], sum = 0;
    (void)state;
    fill_env(&env);
    start_tb();
    for (int i = 0; i < NLIVE; i++) {
        t[i] = tcg_temp_new_i32();
        tcg_gen_muli_i32(t[i], gl_in[i % 8], 2 * i + 3);
        tcg_gen_xor_i32(t[i], t[i], gl_in[(i + 3) % 8]);
        c[i] = (env.in[i % 8] * (2 * i + 3)) ^ env.in[(i + 3) % 8];
    }
    /* consume in reverse order so all stay live until the end */
    TCGv_i32 acc = tcg_temp_new_i32();
    tcg_gen_movi_i32(acc, 0);
    for (int i = NLIVE - 1; i >= 0; i--) {
        tcg_gen_add_i32(acc, acc, t[i]);
        tcg_gen_rotli_i32(acc, acc, 1);
        sum += c[i];
        sum = (sum << 1) | (sum >> 31);
    }
    tcg_gen_st_i32(acc, cpu_env, offsetof(FakeEnv, out[0]));
    for (int i = 0; i < NLIVE; i++) tcg_temp_free_i32(t[i]);
    tcg_temp_free_i32(acc);
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);
    assert_int_equal(env.out[0], sum);
    assert_true(tcg_ctx->stat_spills > 0);
}

/* ---- helper calls ---- */

static uint32_t helper_sum7(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e,
                            uint32_t f, uint32_t g)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g;
}

/* Reads g1 (must have been synced), writes g0 (must be reloaded after the call). */
static void helper_touch_globals(void *envp, uint32_t v)
{
    FakeEnv *env = envp;
    env->helper_seen = env->g1;
    env->g0 = v * 3;
}

static void test_helper_calls(void **state)
{
    FakeEnv env;
    (void)state;
    fill_env(&env);
    start_tb();
    TCGv_i32 r = tcg_temp_new_i32(), k = tcg_const_i32(1000);
    TCGTemp *args[7];
    for (int i = 0; i < 6; i++) args[i] = tcgv_i32_temp(gl_in[i]);
    args[6] = tcgv_i32_temp(k);                        /* 7th argument goes on the stack */
    tcg_gen_callN((void *)helper_sum7, TCG_CALL_NO_RWG_SE, tcgv_i32_temp(r), 7, args);
    tcg_gen_st_i32(r, cpu_env, offsetof(FakeEnv, out[0]));

    tcg_gen_addi_i32(gl_g1, gl_in[7], 11);             /* cached in a register before the call */
    tcg_gen_movi_i32(gl_g0, 5);
    TCGTemp *a2[2] = { tcgv_ptr_temp(cpu_env), tcgv_i32_temp(gl_in[0]) };
    tcg_gen_callN((void *)helper_touch_globals, 0, NULL, 2, a2);
    tcg_gen_addi_i32(r, gl_g0, 1);                     /* must see the helper's write */
    tcg_gen_st_i32(r, cpu_env, offsetof(FakeEnv, out[1]));
    /* a no-side-effect call whose result is unused disappears */
    tcg_gen_callN((void *)helper_sum7, TCG_CALL_NO_RWG_SE, tcgv_i32_temp(r), 7, args);
    tcg_temp_free_i32(r);
    tcg_temp_free_i32(k);
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);
    assert_int_equal(env.out[0], helper_sum7(env.in[0], env.in[1], env.in[2], env.in[3],
                                             env.in[4], env.in[5], 1000));
    assert_int_equal(env.helper_seen, env.in[7] + 11);
    assert_int_equal(env.g0, env.in[0] * 3);
    assert_int_equal(env.out[1], env.in[0] * 3 + 1);
}

/* Loop with a local counter and a global accumulator: sum of 1..n via brcond. */
static void test_branches_and_locals(void **state)
{
    FakeEnv env;
    (void)state;
    fill_env(&env);
    env.in[0] = 100;
    start_tb();
    TCGv_i32 i = tcg_temp_local_new_i32();
    TCGLabel *loop = gen_new_label(), *done = gen_new_label(), *skip = gen_new_label();
    tcg_gen_movi_i32(i, 0);
    tcg_gen_movi_i32(gl_g0, 0);
    gen_set_label(loop);
    tcg_gen_brcond_i32(TCG_COND_GEU, i, gl_in[0], done);
    tcg_gen_addi_i32(i, i, 1);
    tcg_gen_add_i32(gl_g0, gl_g0, i);
    tcg_gen_br(loop);
    gen_set_label(done);
    /* conditional skip: in[1] odd -> g1 = 1 else g1 = 2 */
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_andi_i32(t, gl_in[1], 1);
    tcg_gen_movi_i32(gl_g1, 1);
    tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, skip);
    tcg_gen_movi_i32(gl_g1, 2);
    gen_set_label(skip);
    tcg_gen_st_i32(i, cpu_env, offsetof(FakeEnv, out[0]));
    tcg_temp_free_i32(t);
    tcg_temp_free_i32(i);
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);
    assert_int_equal(env.g0, 5050);
    assert_int_equal(env.out[0], 100);
    assert_int_equal(env.g1, (env.in[1] & 1) ? 1 : 2);
}

/* Shifts by a variable count (RCX constraint), mulu2/muls2 (RAX/RDX), setcond, movcond, and
 * ops the x86 back end lacks (expanded by tcg-op.c): deposit, extract, sextract, andc, clz. */
static void test_constraints_and_expansions(void **state)
{
    FakeEnv env;
    (void)state;
    fill_env(&env);
    env.in[1] = 13;
    env.in[2] = 0x80000001u;
    env.in[3] = 0xfffffff0u;
    start_tb();
    TCGv_i32 t = tcg_temp_new_i32(), h = tcg_temp_new_i32(), cnt = tcg_temp_new_i32();
    int o = 0;
#define OUT(v) tcg_gen_st_i32(v, cpu_env, offsetof(FakeEnv, out[o++]))
    tcg_gen_andi_i32(cnt, gl_in[1], 31);
    tcg_gen_shl_i32(t, gl_in[0], cnt); OUT(t);
    tcg_gen_sar_i32(t, gl_in[2], cnt); OUT(t);
    tcg_gen_rotr_i32(t, gl_in[0], cnt); OUT(t);
    tcg_gen_mulu2_i32(t, h, gl_in[2], gl_in[3]); OUT(t); OUT(h);
    tcg_gen_muls2_i32(t, h, gl_in[2], gl_in[3]); OUT(t); OUT(h);
    tcg_gen_setcond_i32(TCG_COND_LT, t, gl_in[2], gl_in[0]); OUT(t);
    tcg_gen_movcond_i32(TCG_COND_GTU, t, gl_in[2], gl_in[0], gl_in[4], gl_in[5]); OUT(t);
    tcg_gen_deposit_i32(t, gl_in[0], gl_in[4], 8, 12); OUT(t);
    tcg_gen_extract_i32(t, gl_in[2], 4, 9); OUT(t);
    tcg_gen_sextract_i32(t, gl_in[3], 2, 7); OUT(t);
    tcg_gen_andc_i32(t, gl_in[0], gl_in[3]); OUT(t);
    tcg_gen_clzi_i32(t, gl_in[1], 32); OUT(t);
    tcg_gen_ctzi_i32(t, gl_in[3], 32); OUT(t);
    tcg_gen_bswap32_i32(t, gl_in[0]); OUT(t);
    tcg_gen_bswap16_i32(t, gl_in[0]); OUT(t);
    tcg_gen_ext16s_i32(t, gl_in[2]); OUT(t);
    tcg_gen_ext16u_i32(t, gl_in[3]); OUT(t);
    tcg_gen_ext8u_i32(t, gl_in[3]); OUT(t);
    tcg_gen_rotl_i32(t, gl_in[2], cnt); OUT(t);
    tcg_gen_rotri_i32(t, gl_in[2], 5); OUT(t);
    tcg_gen_setcondi_i32(TCG_COND_GEU, t, gl_in[3], 0xfffffff0u); OUT(t);
    tcg_gen_sextract_i32(t, gl_in[3], 0, 8); OUT(t);
#undef OUT
    tcg_temp_free_i32(t);
    tcg_temp_free_i32(h);
    tcg_temp_free_i32(cnt);
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);

    uint32_t a = env.in[0], n = 13, x = env.in[2], y = env.in[3];
    uint64_t pu = (uint64_t)x * y;
    int64_t ps = (int64_t)(int32_t)x * (int32_t)y;
    uint32_t m = 0xfffu << 8;
    int k = 0;
    assert_int_equal(env.out[k++], a << n);
    assert_int_equal(env.out[k++], (uint32_t)((int32_t)x >> n));
    assert_int_equal(env.out[k++], (a >> n) | (a << (32 - n)));
    assert_int_equal(env.out[k++], (uint32_t)pu);
    assert_int_equal(env.out[k++], (uint32_t)(pu >> 32));
    assert_int_equal(env.out[k++], (uint32_t)ps);
    assert_int_equal(env.out[k++], (uint32_t)((uint64_t)ps >> 32));
    assert_int_equal(env.out[k++], (int32_t)x < (int32_t)a);
    assert_int_equal(env.out[k++], x > a ? env.in[4] : env.in[5]);
    assert_int_equal(env.out[k++], (a & ~m) | ((env.in[4] << 8) & m));
    assert_int_equal(env.out[k++], (x >> 4) & 0x1ff);
    assert_int_equal(env.out[k++], (uint32_t)((int32_t)(y << (32 - 9)) >> 25));
    assert_int_equal(env.out[k++], a & ~y);
    assert_int_equal(env.out[k++], (uint32_t)__builtin_clz(13));
    assert_int_equal(env.out[k++], 4);
    assert_int_equal(env.out[k++], __builtin_bswap32(a));
    assert_int_equal(env.out[k++], __builtin_bswap16((uint16_t)a));
    assert_int_equal(env.out[k++], (uint32_t)(int16_t)x);
    assert_int_equal(env.out[k++], (uint16_t)y);
    assert_int_equal(env.out[k++], (uint8_t)y);
    assert_int_equal(env.out[k++], (x << n) | (x >> (32 - n)));
    assert_int_equal(env.out[k++], (x >> 5) | (x << 27));
    assert_int_equal(env.out[k++], 1);
    assert_int_equal(env.out[k++], (uint32_t)(int8_t)y);
}

/* Constant folding must give the same results as executing the ops (and still work when the
 * values are constants the allocator materialises lazily). */
static void test_constants(void **state)
{
    FakeEnv env;
    (void)state;
    fill_env(&env);
    start_tb();
    TCGv_i32 a = tcg_const_i32(0x12345678), b = tcg_const_i32(5), t = tcg_temp_new_i32();
    tcg_gen_shl_i32(t, a, b);
    tcg_gen_st_i32(t, cpu_env, offsetof(FakeEnv, out[0]));
    tcg_gen_sub_i32(t, b, a);
    tcg_gen_st_i32(t, cpu_env, offsetof(FakeEnv, out[1]));
    tcg_gen_mov_i32(gl_g0, a);                  /* a global holding a constant is synced */
    tcg_gen_add_i32(t, gl_in[0], b);
    tcg_gen_st_i32(t, cpu_env, offsetof(FakeEnv, out[2]));
    tcg_temp_free_i32(a);
    tcg_temp_free_i32(b);
    tcg_temp_free_i32(t);
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);
    assert_int_equal(env.out[0], 0x12345678u << 5);
    assert_int_equal(env.out[1], 5u - 0x12345678u);
    assert_int_equal(env.g0, 0x12345678u);
    assert_int_equal(env.out[2], env.in[0] + 5);
}

/* Guest pc / cc_op restore records: one per insn_start, with increasing end offsets. */
static void test_insn_records(void **state)
{
    FakeEnv env;
    (void)state;
    fill_env(&env);
    start_tb();
    for (int i = 0; i < 3; i++) {
        tcg_gen_insn_start(0x8048000 + i * 2, 7 + i);
        tcg_gen_addi_i32(gl_g0, gl_in[i], i);
    }
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);
    TCGContext *s = tcg_ctx;
    assert_int_equal(s->nb_insns, 3);
    assert_int_equal(s->gen_insn_data[1][0], 0x8048002);
    assert_int_equal(s->gen_insn_data[2][1], 9);
    assert_true(s->gen_insn_end_off[0] <= s->gen_insn_end_off[1]);
    assert_true(s->gen_insn_end_off[1] <= s->gen_insn_end_off[2]);
    assert_int_equal(env.g0, env.in[2] + 2);
}

/* Guest memory ops: guest_base 0 and a buffer below 4 GiB, so guest address = host address. */
static void test_guest_memory(void **state)
{
    FakeEnv env;
    (void)state;
    uint8_t *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
                        -1, 0);
    assert_true(mem != MAP_FAILED);
    guest_base = 0;
    fill_env(&env);
    env.in[0] = (uint32_t)(uintptr_t)mem;
    env.in[1] = 0x8899aabbu;
    start_tb();
    TCGv_i32 a = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    tcg_gen_qemu_st_i32(gl_in[1], gl_in[0], MO_UL);
    tcg_gen_addi_i32(a, gl_in[0], 8);
    tcg_gen_qemu_st_i32(gl_in[1], a, MO_UW);
    tcg_gen_addi_i32(a, gl_in[0], 12);
    tcg_gen_qemu_st_i32(gl_in[1], a, MO_UB);
    tcg_gen_qemu_ld_i32(v, gl_in[0], MO_SB);
    tcg_gen_st_i32(v, cpu_env, offsetof(FakeEnv, out[0]));
    tcg_gen_qemu_ld_i32(v, gl_in[0], MO_SW);
    tcg_gen_st_i32(v, cpu_env, offsetof(FakeEnv, out[1]));
    tcg_gen_qemu_ld_i32(v, gl_in[0], MO_UW);
    tcg_gen_st_i32(v, cpu_env, offsetof(FakeEnv, out[2]));
    TCGv_i64 q = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(q, gl_in[0], MO_Q);
    tcg_gen_extrh_i64_i32(v, q);
    tcg_gen_st_i32(v, cpu_env, offsetof(FakeEnv, out[3]));
    tcg_gen_addi_i32(a, gl_in[0], 16);
    tcg_gen_qemu_st_i64(q, a, MO_Q);
    tcg_temp_free_i64(q);
    tcg_temp_free_i32(a);
    tcg_temp_free_i32(v);
    tcg_gen_exit_tb(NULL, 0);
    memset(mem, 0, 4096);
    finish_and_run(&env);
    uint32_t w;
    memcpy(&w, mem, 4);
    assert_int_equal(w, 0x8899aabbu);
    memcpy(&w, mem + 8, 4);
    assert_int_equal(w, 0xaabb);
    memcpy(&w, mem + 12, 4);
    assert_int_equal(w, 0xbb);
    assert_int_equal(env.out[0], (uint32_t)(int8_t)0xbb);
    assert_int_equal(env.out[1], (uint32_t)(int16_t)0xaabb);
    assert_int_equal(env.out[2], 0xaabb);
    assert_int_equal(env.out[3], 0);                  /* bytes 4..7 are zero */
    memcpy(&w, mem + 16, 4);
    assert_int_equal(w, 0x8899aabbu);
    munmap(mem, 4096);
}

/* ==================================================================== random programs */
/*
 * Random straight-line code with conditional blocks over 8 globals, 4 locals and 6 normal
 * temps (more values than host registers), helper calls of every global-access kind, and
 * constants; the same program is simulated in C while it is generated and the results are
 * compared. Normal temps are only used inside the basic block that defined them.
 */
enum { NG = 8, NL = 4, NT = 6 };
typedef struct RandModel {
    uint32_t g[NG], l[NL], t[NT];
    bool t_ok[NT];
    bool skipping;               /* inside a conditional block that the simulation skips */
} RandModel;

static uint32_t rng_state;
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

static TCGv_i32 rl[NL], rt[NT];

static uint32_t helper_pure(uint32_t a, uint32_t b) { return a * 31 + (b ^ 0x55); }
static uint32_t helper_reader(void *envp, uint32_t a) { return ((FakeEnv *)envp)->in[3] + a; }
static void helper_writer(void *envp, uint32_t a)
{
    FakeEnv *env = envp;
    env->in[5] = a * 7 + env->in[2];
}

/* Pick a readable value: kind 0 global, 1 local, 2 temp (if any defined), 3 constant. */
static TCGv_i32 pick_src(RandModel *m, uint32_t *val, TCGv_i32 *const_tmp)
{
    for (;;) {
        uint32_t k = rnd(4), i;
        switch (k) {
        case 0: i = rnd(NG); *val = m->g[i]; return gl_in[i];
        case 1: i = rnd(NL); *val = m->l[i]; return rl[i];
        case 2:
            i = rnd(NT);
            if (!m->t_ok[i]) continue;
            *val = m->t[i];
            return rt[i];
        default: {
            static const uint32_t consts[] = { 0, 1, 2, 31, 0xff, 0x80000000u, 0xffffffffu, 12345 };
            *val = rnd(2) ? consts[rnd(8)] : rnd(0x7fffffff) * 3u;
            *const_tmp = tcg_const_i32(*val);
            return *const_tmp;
        }
        }
    }
}

/* Pick a destination; returns the model slot to write. */
static TCGv_i32 pick_dst(RandModel *m, uint32_t **slot, int *tidx)
{
    uint32_t k = rnd(3), i;
    *tidx = -1;
    if (k == 0) { i = rnd(NG); *slot = &m->g[i]; return gl_in[i]; }
    if (k == 1) { i = rnd(NL); *slot = &m->l[i]; return rl[i]; }
    i = rnd(NT);
    *tidx = i;
    *slot = &m->t[i];
    return rt[i];
}

static void write_dst(RandModel *m, uint32_t *slot, int tidx, uint32_t v)
{
    if (!m->skipping) *slot = v;
    if (tidx >= 0) m->t_ok[tidx] = true;
}

static void free_const(TCGv_i32 c)
{
    if (c) tcg_temp_free_i32(c);
}

static void gen_random_op(RandModel *m)
{
    TCGv_i32 ca = NULL, cb = NULL, a, b, d;
    uint32_t va, vb, *slot, v;
    int tidx;
    a = pick_src(m, &va, &ca);
    b = pick_src(m, &vb, &cb);
    uint32_t kind = rnd(16);
    if (kind == 13) {                                    /* mulu2 into two destinations */
        uint32_t *slot2; int tidx2;
        d = pick_dst(m, &slot, &tidx);
        TCGv_i32 d2 = pick_dst(m, &slot2, &tidx2);
        if (d2 == d) { free_const(ca); free_const(cb); return; }
        tcg_gen_mulu2_i32(d, d2, a, b);
        uint64_t p = (uint64_t)va * vb;
        write_dst(m, slot, tidx, (uint32_t)p);
        write_dst(m, slot2, tidx2, (uint32_t)(p >> 32));
        free_const(ca); free_const(cb);
        return;
    }
    if (kind == 14) {                                    /* helper calls */
        uint32_t which = rnd(3);
        if (which == 0) {
            d = pick_dst(m, &slot, &tidx);
            TCGTemp *args[2] = { tcgv_i32_temp(a), tcgv_i32_temp(b) };
            tcg_gen_callN((void *)helper_pure, TCG_CALL_NO_RWG_SE, tcgv_i32_temp(d), 2, args);
            write_dst(m, slot, tidx, helper_pure(va, vb));
        } else if (which == 1) {
            d = pick_dst(m, &slot, &tidx);
            TCGTemp *args[2] = { tcgv_ptr_temp(cpu_env), tcgv_i32_temp(a) };
            tcg_gen_callN((void *)helper_reader, TCG_CALL_NO_WG, tcgv_i32_temp(d), 2, args);
            write_dst(m, slot, tidx, m->g[3] + va);
        } else {
            TCGTemp *args[2] = { tcgv_ptr_temp(cpu_env), tcgv_i32_temp(a) };
            tcg_gen_callN((void *)helper_writer, 0, NULL, 2, args);
            if (!m->skipping) m->g[5] = va * 7 + m->g[2];
        }
        free_const(ca); free_const(cb);
        return;
    }
    d = pick_dst(m, &slot, &tidx);
    switch (kind) {
    case 0: tcg_gen_add_i32(d, a, b); v = va + vb; break;
    case 1: tcg_gen_sub_i32(d, a, b); v = va - vb; break;
    case 2: tcg_gen_mul_i32(d, a, b); v = va * vb; break;
    case 3: tcg_gen_and_i32(d, a, b); v = va & vb; break;
    case 4: tcg_gen_or_i32(d, a, b); v = va | vb; break;
    case 5: tcg_gen_xor_i32(d, a, b); v = va ^ vb; break;
    case 6: {
        TCGv_i32 c = tcg_temp_new_i32();
        uint32_t n = vb & 31, sh = rnd(3);
        tcg_gen_andi_i32(c, b, 31);
        if (sh == 0) { tcg_gen_shl_i32(d, a, c); v = va << n; }
        else if (sh == 1) { tcg_gen_shr_i32(d, a, c); v = va >> n; }
        else { tcg_gen_sar_i32(d, a, c); v = (uint32_t)((int32_t)va >> n); }
        tcg_temp_free_i32(c);
        break;
    }
    case 7: { uint32_t n = rnd(32); tcg_gen_rotli_i32(d, a, n); v = n ? (va << n) | (va >> (32 - n)) : va; break; }
    case 8: tcg_gen_neg_i32(d, a); v = -va; break;
    case 9: tcg_gen_ext8s_i32(d, a); v = (uint32_t)(int8_t)va; break;
    case 10: {
        TCGCond c = (TCGCond)((uint32_t[]){ TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GEU,
                                             TCG_COND_GT, TCG_COND_LEU })[rnd(6)];
        tcg_gen_setcond_i32(c, d, a, b);
        v = c == TCG_COND_EQ ? va == vb : c == TCG_COND_NE ? va != vb
          : c == TCG_COND_LT ? (int32_t)va < (int32_t)vb : c == TCG_COND_GEU ? va >= vb
          : c == TCG_COND_GT ? (int32_t)va > (int32_t)vb : va <= vb;
        break;
    }
    case 11: {
        uint32_t ofs = rnd(24), len = 1 + rnd(8), mask = ((1u << len) - 1) << ofs;
        tcg_gen_deposit_i32(d, a, b, ofs, len);
        v = (va & ~mask) | ((vb << ofs) & mask);
        break;
    }
    case 12: tcg_gen_movcond_i32(TCG_COND_LTU, d, a, b, b, a); v = va < vb ? vb : va; break;
    default: tcg_gen_mov_i32(d, a); v = va; break;
    }
    write_dst(m, slot, tidx, v);
    free_const(ca);
    free_const(cb);
}

static void kill_temps(RandModel *m)
{
    for (int i = 0; i < NT; i++) m->t_ok[i] = false;
}

static void run_random_program(unsigned seed, int nops)
{
    FakeEnv env;
    RandModel m;
    rng_state = seed;
    fill_env(&env);
    memset(&m, 0, sizeof(m));
    memcpy(m.g, env.in, sizeof(m.g));
    start_tb();
    for (int i = 0; i < NL; i++) rl[i] = tcg_temp_local_new_i32();
    for (int i = 0; i < NT; i++) rt[i] = tcg_temp_new_i32();
    for (int i = 0; i < NL; i++) {
        uint32_t v = rnd(1000);
        tcg_gen_movi_i32(rl[i], v);
        m.l[i] = v;
    }
    for (int n = 0; n < nops; n++) {
        if (rnd(10) == 0) {                                 /* conditional block */
            TCGLabel *skip = gen_new_label();
            TCGv_i32 c = NULL;
            uint32_t va;
            TCGv_i32 a = pick_src(&m, &va, &c);
            uint32_t k = rnd(100);
            tcg_gen_brcondi_i32(TCG_COND_LTU, a, k * 0x28f5c28u, skip);
            free_const(c);
            kill_temps(&m);
            m.skipping = va < k * 0x28f5c28u;
            int len = 1 + rnd(5);
            for (int j = 0; j < len; j++) gen_random_op(&m);
            gen_set_label(skip);
            m.skipping = false;
            kill_temps(&m);
        } else {
            gen_random_op(&m);
        }
    }
    for (int i = 0; i < NL; i++) tcg_gen_st_i32(rl[i], cpu_env, offsetof(FakeEnv, out[i]));
    for (int i = 0; i < NL; i++) tcg_temp_free_i32(rl[i]);
    for (int i = 0; i < NT; i++) tcg_temp_free_i32(rt[i]);
    tcg_gen_exit_tb(NULL, 0);
    finish_and_run(&env);
    for (int i = 0; i < NG; i++) {
        if (env.in[i] != m.g[i]) fail_msg("seed %u: global %d = %#x, want %#x", seed, i, env.in[i], m.g[i]);
    }
    for (int i = 0; i < NL; i++) {
        if (env.out[i] != m.l[i]) fail_msg("seed %u: local %d = %#x, want %#x", seed, i, env.out[i], m.l[i]);
    }
}

static void test_random_programs(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 400; seed++) {
        run_random_program(seed, 20 + seed % 60);
        /* keep the code buffer from filling up: rewind past the prologue */
        tcg_ctx->code_gen_ptr = (uint8_t *)tcg_ctx->code_gen_prologue + 4096;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_values),
        cmocka_unit_test(test_simple_arith),
        cmocka_unit_test(test_spills),
        cmocka_unit_test(test_helper_calls),
        cmocka_unit_test(test_branches_and_locals),
        cmocka_unit_test(test_constraints_and_expansions),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_insn_records),
        cmocka_unit_test(test_guest_memory),
        cmocka_unit_test(test_random_programs),
    };
    return cmocka_run_group_tests(tests, setup_ctx, NULL);
}
