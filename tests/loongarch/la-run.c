/*
 * la-run.c - run-time test of a cross host's back end: LoongArch64 under qemu-loongarch64
 * (check-loongarch, tests/loongarch/Makefile.inc) and MIPS64 under qemu-mips64el (check-mips,
 * tests/mips/Makefile.inc, which maps the register names T4/T5 MIPS lacks). It includes the back end
 * (tcg-target.c.inc) with small stand-ins for the generic TCG core, emits code with the back
 * end's own emitters into an RWX buffer, enters it through the generated prologue and compares
 * every result with the same operation computed in C by the compiler (the truth): ALU ops on
 * edge values with register and constant operands, bit fields, conditions (setcond, brcond
 * forward and backward, movcond), mul2, constants (and how many insns they take), host loads
 * and stores, guest memory through guest_base, 64-bit ops, helper calls and control flow.
 * Output: one PASS/FAIL line per group, then "N passed, N failed" (groups).
 */
#include <sys/mman.h>
#include <stdarg.h>
#include "tcg-target.c.inc"

uintptr_t guest_base;
TCGContext *tcg_ctx;
void fatal_error(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vfprintf(stderr, fmt, ap); va_end(ap); exit(1); }
void tcg_abort_msg(const char *file, int line, const char *msg) { fprintf(stderr, "%s:%d: %s\n", file, line, msg); abort(); }

static intptr_t frame_start, frame_size;
static void tcg_set_frame(TCGContext *s, int reg, intptr_t start, intptr_t size)
{
    assert(reg == TCG_REG_SP);
    frame_start = start; frame_size = size;
}

static struct { tcg_insn_unit *ptr; int type; TCGLabel *l; intptr_t addend; } relocs[256];
static int nrel;
static void tcg_out_reloc(TCGContext *s, tcg_insn_unit *code_ptr, int type, TCGLabel *l, intptr_t addend)
{
    if (l->has_value) {
        if (!patch_reloc(code_ptr, type, (intptr_t)l->value, addend)) abort();
        return;
    }
    assert(nrel < 256);
    relocs[nrel].ptr = code_ptr; relocs[nrel].type = type; relocs[nrel].l = l; relocs[nrel].addend = addend; nrel++;
}
static void set_label(TCGContext *s, TCGLabel *l)
{
    l->has_value = true; l->value = s->code_ptr;
    for (int i = 0; i < nrel; i++) {
        if (relocs[i].l == l) {
            if (!patch_reloc(relocs[i].ptr, relocs[i].type, (intptr_t)l->value, relocs[i].addend)) abort();
            relocs[i].l = NULL;
        }
    }
}

static TCGContext *s;
static uint64_t env[8192];      /* 64 KiB */
static int failures, checks;

#define ENV_X 0
#define ENV_Y 8
#define ENV_R 16
#define ENV_R2 24

static void *tb_begin(void) { nrel = 0; s->code_buf = s->code_ptr; return s->code_ptr; }
static uintptr_t run(void *tb)
{
    tcg_flush_icache_range((uintptr_t)tb, (uintptr_t)s->code_ptr);
    return tcg_qemu_tb_exec(env, tb);
}

static void check64(const char *what, uint64_t got, uint64_t want)
{
    checks++;
    if (got != want) {
        failures++;
        if (failures < 60)
            printf("FAIL %s: got 0x%016llx want 0x%016llx\n", what, (unsigned long long)got, (unsigned long long)want);
    }
}

static uint64_t sx(uint32_t v) { return (uint64_t)(int64_t)(int32_t)v; }

static const uint32_t vals[] = { 0, 1, 2, 0xffffffff, 0x7fffffff, 0x80000000, 0x12345678, 0xfffff800,
                                 2047, 2048, 0xfffff801, 31, 32, 33, 0x8000ffff, 0xdeadbeef, 0xff, 0x100 };
#define NV (int)ARRAY_SIZE(vals)

/* ----- binary i32 ops */
typedef uint32_t (*ref2)(uint32_t, uint32_t);
static uint32_t r_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t r_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t r_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t r_and(uint32_t a, uint32_t b) { return a & b; }
static uint32_t r_or(uint32_t a, uint32_t b) { return a | b; }
static uint32_t r_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t r_andc(uint32_t a, uint32_t b) { return a & ~b; }
static uint32_t r_shl(uint32_t a, uint32_t b) { return a << (b & 31); }
static uint32_t r_shr(uint32_t a, uint32_t b) { return a >> (b & 31); }
static uint32_t r_sar(uint32_t a, uint32_t b) { return (uint32_t)((int32_t)a >> (b & 31)); }
static uint32_t r_rotl(uint32_t a, uint32_t b) { b &= 31; return b ? (a << b) | (a >> (32 - b)) : a; }
static uint32_t r_rotr(uint32_t a, uint32_t b) { b &= 31; return b ? (a >> b) | (a << (32 - b)) : a; }
static uint32_t r_clz(uint32_t a, uint32_t b) { return a ? (uint32_t)__builtin_clz(a) : b; }
static uint32_t r_ctz(uint32_t a, uint32_t b) { return a ? (uint32_t)__builtin_ctz(a) : b; }

static const struct { TCGOpcode op; ref2 ref; const char *name; } bin_ops[] = {
    { INDEX_op_add_i32, r_add, "add" }, { INDEX_op_sub_i32, r_sub, "sub" },
    { INDEX_op_mul_i32, r_mul, "mul" }, { INDEX_op_and_i32, r_and, "and" },
    { INDEX_op_or_i32, r_or, "or" }, { INDEX_op_xor_i32, r_xor, "xor" },
    { INDEX_op_andc_i32, r_andc, "andc" }, { INDEX_op_shl_i32, r_shl, "shl" },
    { INDEX_op_shr_i32, r_shr, "shr" }, { INDEX_op_sar_i32, r_sar, "sar" },
    { INDEX_op_rotl_i32, r_rotl, "rotl" }, { INDEX_op_rotr_i32, r_rotr, "rotr" },
    { INDEX_op_clz_i32, r_clz, "clz" }, { INDEX_op_ctz_i32, r_ctz, "ctz" },
};

/* Does the op accept constant val as arg index i (per its constraint string)? */
static bool const_ok(TCGOpcode op, int i, int64_t val, TCGType type)
{
    const TCGTargetOpDef *d = tcg_target_op_def(op);
    TCGArgConstraint ct = { 0 };
    for (const char *p = d->args_ct_str[i]; p && *p; ) {
        if (*p == 'r' || (*p >= '0' && *p <= '9') || *p == '&') { p++; continue; }
        if (*p == 'i') { ct.ct |= TCG_CT_CONST; p++; continue; }
        p = target_parse_constraint(&ct, p, type);
        assert(p);
    }
    return (ct.ct & ~TCG_CT_REG) && tcg_target_const_match(val, type, &ct);
}

/* dst, a, b registers (some aliasing); b may be a constant. */
static void test_binary(void)
{
    static const int regsets[][3] = {
        { TCG_REG_T0, TCG_REG_T1, TCG_REG_T2 }, { TCG_REG_T0, TCG_REG_T0, TCG_REG_T1 },
        { TCG_REG_T1, TCG_REG_T0, TCG_REG_T1 }, { TCG_REG_S2, TCG_REG_A5, TCG_REG_FP },
    };
    for (size_t o = 0; o < ARRAY_SIZE(bin_ops); o++) {
        for (int i = 0; i < NV; i++) for (int j = 0; j < NV; j++) for (int rs = 0; rs < 4; rs++) for (int c = 0; c < 2; c++) {
            TCGArg args[4]; int cargs[4] = { 0 };
            int d = regsets[rs][0], a = regsets[rs][1], b = regsets[rs][2];
            uint32_t x = vals[i], y = vals[j];
            if (c && !const_ok(bin_ops[o].op, 2, (int32_t)y, TCG_TYPE_I32)) continue;
            if (c && a == b) continue;
            env[0] = sx(x); env[1] = sx(y);
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I32, a, TCG_AREG0, ENV_X);
            if (!c) tcg_out_ld(s, TCG_TYPE_I32, b, TCG_AREG0, ENV_Y);
            args[0] = d; args[1] = a; args[2] = c ? (TCGArg)(int64_t)(int32_t)y : (TCGArg)b; cargs[2] = c;
            tcg_out_op(s, bin_ops[o].op, args, cargs);
            tcg_out_st(s, TCG_TYPE_I64, d, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 0x55);
            uintptr_t ret = run(tb);
            char what[80]; snprintf(what, sizeof what, "%s(%08x,%08x) rs%d c%d", bin_ops[o].name, x, y, rs, c);
            check64(what, ret, 0x55);
            check64(what, env[2], sx(bin_ops[o].ref(x, y)));
        }
    }
}

/* ----- unary ops and bit fields */
static uint32_t bswap16z(uint32_t a) { return ((a & 0xff) << 8) | ((a >> 8) & 0xff); }
static void test_unary(void)
{
    static const struct { TCGOpcode op; const char *name; } un[] = {
        { INDEX_op_neg_i32, "neg" }, { INDEX_op_not_i32, "not" }, { INDEX_op_ext8s_i32, "ext8s" },
        { INDEX_op_ext8u_i32, "ext8u" }, { INDEX_op_ext16s_i32, "ext16s" }, { INDEX_op_ext16u_i32, "ext16u" },
        { INDEX_op_bswap16_i32, "bswap16" }, { INDEX_op_bswap32_i32, "bswap32" },
        { INDEX_op_extrl_i64_i32, "extrl" }, { INDEX_op_extrh_i64_i32, "extrh" },
        { INDEX_op_ext_i32_i64, "ext_i32_i64" }, { INDEX_op_extu_i32_i64, "extu_i32_i64" },
    };
    for (size_t o = 0; o < ARRAY_SIZE(un); o++) for (int i = 0; i < NV; i++) for (int al = 0; al < 2; al++) {
        uint32_t x = vals[i];
        uint64_t x64 = ((uint64_t)vals[(i + 5) % NV] << 32) | x;
        int a = TCG_REG_T3, d = al ? a : TCG_REG_T4;
        TCGArg args[2] = { d, a }; int cargs[2] = { 0 };
        bool in64 = un[o].op == INDEX_op_extrl_i64_i32 || un[o].op == INDEX_op_extrh_i64_i32;
        env[0] = in64 ? x64 : sx(x);
        void *tb = tb_begin();
        tcg_out_ld(s, in64 ? TCG_TYPE_I64 : TCG_TYPE_I32, a, TCG_AREG0, ENV_X);
        tcg_out_op(s, un[o].op, args, cargs);
        tcg_out_st(s, TCG_TYPE_I64, d, TCG_AREG0, ENV_R);
        tcg_out_exit_tb(s, 1);
        run(tb);
        uint64_t want;
        switch (un[o].op) {
        case INDEX_op_neg_i32: want = sx(-x); break;
        case INDEX_op_not_i32: want = sx(~x); break;
        case INDEX_op_ext8s_i32: want = sx((uint32_t)(int8_t)x); break;
        case INDEX_op_ext8u_i32: want = x & 0xff; break;
        case INDEX_op_ext16s_i32: want = sx((uint32_t)(int16_t)x); break;
        case INDEX_op_ext16u_i32: want = x & 0xffff; break;
        case INDEX_op_bswap16_i32: want = bswap16z(x); break;
        case INDEX_op_bswap32_i32: want = sx(__builtin_bswap32(x)); break;
        case INDEX_op_extrl_i64_i32: want = sx((uint32_t)x64); break;
        case INDEX_op_extrh_i64_i32: want = sx((uint32_t)(x64 >> 32)); break;
        case INDEX_op_ext_i32_i64: want = sx(x); break;
        default: want = x; break;
        }
        char what[80]; snprintf(what, sizeof what, "%s(%08x) al%d", un[o].name, x, al);
        check64(what, env[2], want);
    }
    /* extract / sextract / deposit over all (ofs, len) */
    for (int ofs = 0; ofs < 32; ofs++) for (int len = 1; ofs + len <= 32; len++) for (int i = 0; i < NV; i += 3) {
        uint32_t x = vals[i], y = vals[(i + 7) % NV];
        uint32_t mask = len == 32 ? 0xffffffff : ((1u << len) - 1);
        for (int k = 0; k < 3; k++) {
            TCGArg args[5]; int cargs[5] = { 0 };
            env[0] = sx(x); env[1] = sx(y);
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_T0, TCG_AREG0, ENV_X);
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_T1, TCG_AREG0, ENV_Y);
            uint64_t want;
            if (k == 0) {
                args[0] = TCG_REG_T2; args[1] = TCG_REG_T0; args[2] = ofs; args[3] = len;
                tcg_out_op(s, INDEX_op_extract_i32, args, cargs);
                want = sx((x >> ofs) & mask);
            } else if (k == 1) {
                args[0] = TCG_REG_T2; args[1] = TCG_REG_T0; args[2] = ofs; args[3] = len;
                tcg_out_op(s, INDEX_op_sextract_i32, args, cargs);
                uint32_t f = (x >> ofs) & mask;
                if (len < 32 && (f >> (len - 1)) & 1) f |= ~mask;
                want = sx(f);
            } else {
                tcg_out_mov(s, TCG_TYPE_I32, TCG_REG_T2, TCG_REG_T0);
                args[0] = TCG_REG_T2; args[1] = TCG_REG_T2; args[2] = TCG_REG_T1; args[3] = ofs; args[4] = len;
                tcg_out_op(s, INDEX_op_deposit_i32, args, cargs);
                want = sx((x & ~(mask << ofs)) | ((y & mask) << ofs));
            }
            tcg_out_st(s, TCG_TYPE_I64, TCG_REG_T2, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            char what[80]; snprintf(what, sizeof what, "bitfield k%d(%08x,%08x) ofs%d len%d", k, x, y, ofs, len);
            check64(what, env[2], want);
        }
    }
}

/* ----- conditions */
static bool cond_ref(TCGCond c, uint32_t x, uint32_t y)
{
    int32_t sxv = (int32_t)x, syv = (int32_t)y;
    switch (c) {
    case TCG_COND_EQ: return x == y; case TCG_COND_NE: return x != y;
    case TCG_COND_LT: return sxv < syv; case TCG_COND_GE: return sxv >= syv;
    case TCG_COND_LE: return sxv <= syv; case TCG_COND_GT: return sxv > syv;
    case TCG_COND_LTU: return x < y; case TCG_COND_GEU: return x >= y;
    case TCG_COND_LEU: return x <= y; case TCG_COND_GTU: return x > y;
    case TCG_COND_ALWAYS: return true; default: return false;
    }
}
static const TCGCond conds[] = { TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
                                 TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU, TCG_COND_ALWAYS, TCG_COND_NEVER };

static void test_conds(void)
{
    for (size_t ci = 0; ci < ARRAY_SIZE(conds); ci++) for (int i = 0; i < NV; i++) for (int j = 0; j < NV; j++) for (int c = 0; c < 3; c++) {
        TCGCond cond = conds[ci];
        uint32_t x = vals[i], y = c == 2 ? 0 : vals[j];
        char what[96];
        bool want = cond_ref(cond, x, y);
        /* setcond */
        if (!(c == 1 && !const_ok(INDEX_op_setcond_i32, 2, (int32_t)y, TCG_TYPE_I32)) && cond != TCG_COND_ALWAYS && cond != TCG_COND_NEVER) {
            TCGArg args[4]; int cargs[4] = { 0 };
            env[0] = sx(x); env[1] = sx(y);
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A1, TCG_AREG0, ENV_X);
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A2, TCG_AREG0, ENV_Y);
            args[0] = (c == 0 && (j & 1)) ? TCG_REG_A1 : TCG_REG_A3; args[1] = TCG_REG_A1;
            args[2] = c ? (TCGArg)(int64_t)(int32_t)y : TCG_REG_A2; cargs[2] = c != 0; args[3] = cond;
            tcg_out_op(s, INDEX_op_setcond_i32, args, cargs);
            tcg_out_st(s, TCG_TYPE_I64, args[0], TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            snprintf(what, sizeof what, "setcond %d (%08x,%08x) c%d", cond, x, y, c);
            check64(what, env[2], want);
        }
        /* brcond: b register or $zero */
        if (c != 1) {
            TCGArg args[4]; int cargs[4] = { 0 };
            TCGLabel l1 = { 0 }, l2 = { 0 };
            env[0] = sx(x); env[1] = sx(y);
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A1, TCG_AREG0, ENV_X);
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A2, TCG_AREG0, ENV_Y);
            args[0] = TCG_REG_A1; args[1] = c == 2 ? 0 : TCG_REG_A2; cargs[1] = c == 2; args[2] = cond; args[3] = (TCGArg)&l1;
            tcg_out_op(s, INDEX_op_brcond_i32, args, cargs);
            tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_A3, 0);
            args[0] = (TCGArg)&l2; tcg_out_op(s, INDEX_op_br, args, cargs);
            set_label(s, &l1);
            tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_A3, 1);
            set_label(s, &l2);
            tcg_out_st(s, TCG_TYPE_I64, TCG_REG_A3, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            snprintf(what, sizeof what, "brcond %d (%08x,%08x) c%d", cond, x, y, c);
            check64(what, env[2], want);
        }
        /* backward brcond: loop shape, label before the branch */
        if (c == 0 && i < 4 && cond != TCG_COND_ALWAYS && cond != TCG_COND_NEVER) {
            TCGArg args[4]; int cargs[4] = { 0 };
            TCGLabel top = { 0 }, out = { 0 };
            env[0] = sx(x); env[1] = sx(y);
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A1, TCG_AREG0, ENV_X);
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A2, TCG_AREG0, ENV_Y);
            tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_A3, 0);
            set_label(s, &top);
            args[0] = TCG_REG_A3; args[1] = TCG_REG_A3; args[2] = 1; cargs[2] = 1;
            tcg_out_op(s, INDEX_op_add_i32, args, cargs);          /* a3 += 1 */
            args[0] = TCG_REG_T0; args[1] = TCG_REG_A3; args[2] = 2; args[3] = TCG_COND_LTU;
            tcg_out_op(s, INDEX_op_setcond_i32, args, cargs);      /* t0 = a3 < 2 */
            cargs[2] = 0;
            args[0] = TCG_REG_T0; args[1] = 0; cargs[1] = 1; args[2] = TCG_COND_EQ; args[3] = (TCGArg)&out;
            tcg_out_op(s, INDEX_op_brcond_i32, args, cargs);       /* stop after 2 rounds */
            args[0] = TCG_REG_A1; args[1] = TCG_REG_A2; cargs[1] = 0; args[2] = cond; args[3] = (TCGArg)&top;
            tcg_out_op(s, INDEX_op_brcond_i32, args, cargs);
            set_label(s, &out);
            tcg_out_st(s, TCG_TYPE_I64, TCG_REG_A3, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            snprintf(what, sizeof what, "brcond-back %d (%08x,%08x)", cond, x, y);
            check64(what, env[2], want ? 2 : 1);
        }
        /* movcond: v1/v2 registers or zero */
        for (int z = 0; z < 3; z++) {
            if (c == 1 && !const_ok(INDEX_op_movcond_i32, 2, (int32_t)y, TCG_TYPE_I32)) break;
            if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) break;
            TCGArg args[6]; int cargs[6] = { 0 };
            uint32_t v1 = 0x11111111 * (uint32_t)(i + 1), v2 = 0xfedcba98 ^ (uint32_t)j;
            env[0] = sx(x); env[1] = sx(y); env[3] = sx(v1); env[4] = sx(v2);
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A1, TCG_AREG0, ENV_X);
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A2, TCG_AREG0, ENV_Y);
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A4, TCG_AREG0, 24);
            tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A5, TCG_AREG0, 32);
            int dst = (j % 3 == 0) ? TCG_REG_A4 : (j % 3 == 1) ? TCG_REG_A5 : TCG_REG_A1;
            args[0] = dst; args[1] = TCG_REG_A1;
            args[2] = c ? (TCGArg)(int64_t)(int32_t)y : TCG_REG_A2; cargs[2] = c != 0;
            args[3] = z == 1 ? 0 : TCG_REG_A4; cargs[3] = z == 1;
            args[4] = z == 2 ? 0 : TCG_REG_A5; cargs[4] = z == 2;
            args[5] = cond;
            tcg_out_op(s, INDEX_op_movcond_i32, args, cargs);
            tcg_out_st(s, TCG_TYPE_I64, dst, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            uint32_t w = want ? (z == 1 ? 0 : v1) : (z == 2 ? 0 : v2);
            snprintf(what, sizeof what, "movcond %d (%08x,%08x) c%d z%d", cond, x, y, c, z);
            check64(what, env[2], sx(w));
        }
    }
}

/* ----- mul2 */
static void test_mul2(void)
{
    static const int rs[][4] = {
        { TCG_REG_T0, TCG_REG_T1, TCG_REG_T2, TCG_REG_T3 }, { TCG_REG_T2, TCG_REG_T1, TCG_REG_T2, TCG_REG_T3 },
        { TCG_REG_T1, TCG_REG_T3, TCG_REG_T2, TCG_REG_T3 }, { TCG_REG_T2, TCG_REG_T3, TCG_REG_T2, TCG_REG_T3 },
        { TCG_REG_T3, TCG_REG_T2, TCG_REG_T2, TCG_REG_T3 },
    };
    for (int sgn = 0; sgn < 2; sgn++) for (int i = 0; i < NV; i++) for (int j = 0; j < NV; j++) for (size_t r = 0; r < ARRAY_SIZE(rs); r++) {
        uint32_t x = vals[i], y = vals[j];
        TCGArg args[4] = { rs[r][0], rs[r][1], rs[r][2], rs[r][3] }; int cargs[4] = { 0 };
        env[0] = sx(x); env[1] = sx(y);
        void *tb = tb_begin();
        tcg_out_ld(s, TCG_TYPE_I32, rs[r][2], TCG_AREG0, ENV_X);
        tcg_out_ld(s, TCG_TYPE_I32, rs[r][3], TCG_AREG0, ENV_Y);
        tcg_out_op(s, sgn ? INDEX_op_muls2_i32 : INDEX_op_mulu2_i32, args, cargs);
        tcg_out_st(s, TCG_TYPE_I64, rs[r][0], TCG_AREG0, ENV_R);
        tcg_out_st(s, TCG_TYPE_I64, rs[r][1], TCG_AREG0, ENV_R2);
        tcg_out_exit_tb(s, 1);
        run(tb);
        uint64_t p = sgn ? (uint64_t)((int64_t)(int32_t)x * (int64_t)(int32_t)y) : (uint64_t)x * y;
        char what[80]; snprintf(what, sizeof what, "mul2 s%d (%08x,%08x) r%zu", sgn, x, y, r);
        check64(what, env[2], sx((uint32_t)p));
        check64(what, env[3], sx((uint32_t)(p >> 32)));
    }
}

/* ----- constants */
static uint64_t rng = 88172645463325252ull;
static uint64_t xorshift(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static void test_movi(void)
{
    static const uint64_t special[] = { 0, 1, -1ull, 2047, 2048, 4095, 4096, -2048ull, -2049ull, 0x7fffffff, 0x80000000,
        0xffffffff, 0x100000000ull, 0x8000000000000000ull, 0xfff0000000000000ull, 0x0010000000000000ull,
        0x000fffffffffffffull, 0xfff8000000000000ull, 0x0008000000000000ull, 0x123456789abcdef0ull,
        0xffffffff00000000ull, 0x00000000fffff000ull, 0x7ffffffffffff800ull, 0x8000000080000000ull };
    int max_insns = 0;
    for (int k = 0; k < 20000; k++) {
        uint64_t v;
        if (k < (int)ARRAY_SIZE(special)) v = special[k];
        else if (k < 2000) { uint64_t r = xorshift(); v = r >> (r & 63); if (r & 64) v = ~v; }
        else if (k < 4000) v = (uint64_t)(uintptr_t)s->code_ptr + (xorshift() % 0x100000000ull) - 0x80000000ull;  /* near code */
        else v = xorshift();
        for (int t = 0; t < 2; t++) {
            void *tb = tb_begin();
            tcg_insn_unit *start = s->code_ptr;
            tcg_out_movi(s, t ? TCG_TYPE_I32 : TCG_TYPE_I64, TCG_REG_S3, (int64_t)v);
            int n = (int)(s->code_ptr - start);
            if (!t && n > max_insns) max_insns = n;
            if (t) assert(n <= 2);
            tcg_out_st(s, TCG_TYPE_I64, TCG_REG_S3, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            char what[80]; snprintf(what, sizeof what, "movi%s 0x%016llx", t ? "32" : "64", (unsigned long long)v);
            check64(what, env[2], t ? sx((uint32_t)v) : v);
        }
        s->code_ptr = s->code_gen_buffer + 4096;   /* reuse the buffer (keep the prologue) */
    }
    printf("movi: at most %d insns for a 64-bit constant\n", max_insns);
}

/* ----- host loads/stores with every offset class */
#ifndef HOST_LDST_ALIGNED
#define HOST_LDST_ALIGNED 0     /* 1: misaligned host loads/stores trap (MIPS; env is aligned) */
#endif
static void test_ldst(void)
{
    static const intptr_t offs[] = { 0, 8, 2040, 2048, 2044, 4096, 32764, 32768, 40000, 65528 - 8, -8, -2048, -2056, -32768, -40000 };
    static const struct { TCGOpcode ld; int size; bool sgn; } lds[] = {
        { INDEX_op_ld8u_i32, 1, 0 }, { INDEX_op_ld8s_i32, 1, 1 }, { INDEX_op_ld16u_i32, 2, 0 },
        { INDEX_op_ld16s_i32, 2, 1 }, { INDEX_op_ld_i32, 4, 1 }, { INDEX_op_ld_i64, 8, 0 } };
    static const TCGOpcode sts[] = { INDEX_op_st8_i32, INDEX_op_st16_i32, INDEX_op_st_i32, INDEX_op_st_i64 };
    uint8_t *mid = (uint8_t *)env + 32768 + 8192;   /* base register points here */
    for (size_t o = 0; o < ARRAY_SIZE(offs); o++) {
        intptr_t ofs = offs[o];
        if ((uint8_t *)mid + ofs < (uint8_t *)env + 64 || (uint8_t *)mid + ofs + 8 > (uint8_t *)(env + 8192)) continue;
        uint8_t *p = mid + ofs;
        for (size_t l = 0; l < ARRAY_SIZE(lds); l++) {
            if (HOST_LDST_ALIGNED && (ofs & (lds[l].size - 1))) continue;
            uint64_t pattern = 0x8899aabbccddeeffull ^ (uint64_t)o;
            memcpy(p, &pattern, 8);
            env[4] = (uintptr_t)mid;
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_T5, TCG_AREG0, 32);
            TCGArg args[3] = { TCG_REG_T4, TCG_REG_T5, (TCGArg)ofs }; int cargs[3] = { 0 };
            tcg_out_op(s, lds[l].ld, args, cargs);
            tcg_out_st(s, TCG_TYPE_I64, TCG_REG_T4, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            uint64_t want;
            switch (lds[l].size) {
            case 1: want = lds[l].sgn ? (uint64_t)(int64_t)(int8_t)pattern : (uint8_t)pattern; break;
            case 2: want = lds[l].sgn ? (uint64_t)(int64_t)(int16_t)pattern : (uint16_t)pattern; break;
            case 4: want = sx((uint32_t)pattern); break;
            default: want = pattern; break;
            }
            char what[80]; snprintf(what, sizeof what, "ld size%d s%d ofs %ld", lds[l].size, lds[l].sgn, (long)ofs);
            check64(what, env[2], want);
        }
        for (size_t k = 0; k < ARRAY_SIZE(sts); k++) for (int z = 0; z < 2; z++) {
            if (HOST_LDST_ALIGNED && (ofs & ((k == 3 ? 8 : 1 << k) - 1))) continue;
            uint64_t before = 0x0123456789abcdefull, val = 0xfedcba9876543210ull;
            memcpy(p, &before, 8);
            env[4] = (uintptr_t)mid; env[5] = val;
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_T5, TCG_AREG0, 32);
            tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_T4, TCG_AREG0, 40);
            TCGArg args[3] = { z ? 0 : TCG_REG_T4, TCG_REG_T5, (TCGArg)ofs }; int cargs[3] = { z, 0, 0 };
            tcg_out_op(s, sts[k], args, cargs);
            tcg_out_exit_tb(s, 1);
            run(tb);
            int size = k == 3 ? 8 : 1 << k;
            uint64_t want = before, v = z ? 0 : val;
            memcpy(&want, &v, size);
            uint64_t got; memcpy(&got, p, 8);
            char what[80]; snprintf(what, sizeof what, "st size%d z%d ofs %ld", size, z, (long)ofs);
            check64(what, got, want);
        }
    }
}

/* ----- guest memory */
static void test_guest_mem(void)
{
    size_t gsize = 1ull << 33;
    uint8_t *g = mmap(NULL, gsize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    assert(g != MAP_FAILED);
    guest_base = (uintptr_t)g;
    static const uint32_t addrs[] = { 0x1000, 0x7ffffff8, 0x80000000, 0xfffff000, 0xfffffff8, 0x12345678 };
    for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
        uint32_t ga = addrs[i];
        uint8_t *page = g + (ga & ~0xfffu);
        assert(mprotect(page, 8192, PROT_READ | PROT_WRITE) == 0);
    }
    /* new prologue run needed: guest_base is loaded at each entry, so no re-emission */
    static const MemOp mops[] = { MO_UB, MO_SB, MO_UW, MO_SW, MO_UL, MO_SL, MO_Q };
    for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) for (size_t m = 0; m < ARRAY_SIZE(mops); m++) for (int is64 = 0; is64 < 2; is64++) {
        uint32_t ga = addrs[i];
        MemOp mop = mops[m];
        if (mop == MO_Q && !is64) continue;
        uint64_t pattern = 0x8182838485868788ull;
        memcpy(g + ga, &pattern, 8);
        env[0] = sx(ga);
        void *tb = tb_begin();
        tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A6, TCG_AREG0, ENV_X);
        TCGArg args[3] = { TCG_REG_A7, TCG_REG_A6, mop }; int cargs[3] = { 0 };
        tcg_out_op(s, is64 ? INDEX_op_qemu_ld_i64 : INDEX_op_qemu_ld_i32, args, cargs);
        tcg_out_st(s, TCG_TYPE_I64, TCG_REG_A7, TCG_AREG0, ENV_R);
        tcg_out_exit_tb(s, 1);
        run(tb);
        uint64_t want;
        switch (mop) {
        case MO_UB: want = (uint8_t)pattern; break;
        case MO_SB: want = (uint64_t)(int64_t)(int8_t)pattern; break;
        case MO_UW: want = (uint16_t)pattern; break;
        case MO_SW: want = (uint64_t)(int64_t)(int16_t)pattern; break;
        case MO_UL: want = is64 ? (uint32_t)pattern : sx((uint32_t)pattern); break;
        case MO_SL: want = sx((uint32_t)pattern); break;
        default: want = pattern; break;
        }
        if (!is64 && (mop & MO_SIZE) < MO_32 && (mop & MO_SIGN)) want = sx((uint32_t)want);
        char what[80]; snprintf(what, sizeof what, "qemu_ld%s mop%d @%08x", is64 ? "64" : "32", mop, ga);
        check64(what, env[2], want);
    }
    for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) for (int sz = 0; sz < 4; sz++) for (int z = 0; z < 2; z++) {
        uint32_t ga = addrs[i];
        uint64_t before = 0x0102030405060708ull, val = 0xf1f2f3f4f5f6f7f8ull;
        memcpy(g + ga, &before, 8);
        env[0] = sx(ga); env[1] = val;
        void *tb = tb_begin();
        tcg_out_ld(s, TCG_TYPE_I32, TCG_REG_A6, TCG_AREG0, ENV_X);
        tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_A7, TCG_AREG0, ENV_Y);
        TCGArg args[3] = { z ? 0 : TCG_REG_A7, TCG_REG_A6, (TCGArg)sz }; int cargs[3] = { z, 0, 0 };
        tcg_out_op(s, sz == 3 ? INDEX_op_qemu_st_i64 : INDEX_op_qemu_st_i32, args, cargs);
        tcg_out_exit_tb(s, 1);
        run(tb);
        uint64_t want = before, v = z ? 0 : val, got;
        memcpy(&want, &v, 1 << sz);
        memcpy(&got, g + ga, 8);
        char what[80]; snprintf(what, sizeof what, "qemu_st size%d z%d @%08x", 1 << sz, z, ga);
        check64(what, got, want);
    }
}

/* ----- 64-bit ops */
static void test_i64(void)
{
    static const uint64_t v64[] = { 0, 1, -1ull, 0x8000000000000000ull, 0x123456789abcdef0ull, 0xffffffff, 0x80000000, 63, 64, 4095, 2047, 0xfffffffffffff800ull };
    for (size_t i = 0; i < ARRAY_SIZE(v64); i++) for (size_t j = 0; j < ARRAY_SIZE(v64); j++) for (int c = 0; c < 2; c++) {
        static const TCGOpcode ops[] = { INDEX_op_add_i64, INDEX_op_shl_i64, INDEX_op_shr_i64, INDEX_op_and_i64, INDEX_op_or_i64 };
        for (size_t o = 0; o < ARRAY_SIZE(ops); o++) {
            uint64_t x = v64[i], y = v64[j];
            if (c && !const_ok(ops[o], 2, (int64_t)y, TCG_TYPE_I64)) continue;
            env[0] = x; env[1] = y;
            void *tb = tb_begin();
            tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_S4, TCG_AREG0, ENV_X);
            tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_S5, TCG_AREG0, ENV_Y);
            TCGArg args[3] = { TCG_REG_S6, TCG_REG_S4, c ? (TCGArg)y : TCG_REG_S5 }; int cargs[3] = { 0, 0, c };
            tcg_out_op(s, ops[o], args, cargs);
            tcg_out_st(s, TCG_TYPE_I64, TCG_REG_S6, TCG_AREG0, ENV_R);
            tcg_out_exit_tb(s, 1);
            run(tb);
            uint64_t want;
            switch (o) { case 0: want = x + y; break; case 1: want = x << (y & 63); break; case 2: want = x >> (y & 63); break;
                         case 3: want = x & y; break; default: want = x | y; break; }
            char what[80]; snprintf(what, sizeof what, "i64 op%zu (%llx,%llx) c%d", o, (unsigned long long)x, (unsigned long long)y, c);
            check64(what, env[2], want);
        }
    }
}

/* ----- calls, exits, chaining */
static uint64_t helper_sum(uint64_t a, int32_t b, uint32_t c, uint64_t d, uint64_t e, uint64_t f, uint64_t g, uint64_t h)
{
    return a + (uint64_t)(int64_t)b * 3 + (uint64_t)c * 5 + d * 7 + e * 11 + f * 13 + g * 17 + h * 19;
}
static uint32_t helper_u32(uint32_t x) { return x ^ 0x80000001u; }

static void test_control(void)
{
    /* call with 8 args, result in the return register */
    void *tb = tb_begin();
    for (int i = 0; i < 8; i++) tcg_out_movi(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[i], (int64_t)(0x1000 * (i + 1) + (i == 1 ? -0x10000 : 0)));
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_S2, 0x5555);     /* callee-saved, must survive */
    tcg_out_call(s, (const void *)helper_sum);
    tcg_out_st(s, TCG_TYPE_I64, tcg_target_call_oarg_regs[0], TCG_AREG0, ENV_R);
    tcg_out_st(s, TCG_TYPE_I64, TCG_REG_S2, TCG_AREG0, ENV_R2);
    tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_A0, (int32_t)0x7ffffffe);
    tcg_out_call(s, (const void *)helper_u32);
    tcg_out_st(s, TCG_TYPE_I64, tcg_target_call_oarg_regs[0], TCG_AREG0, 32);
    tcg_out_exit_tb(s, 0x1230);
    check64("call ret", run(tb), 0x1230);
    check64("call 8 args", env[2], helper_sum(0x1000, 0x2000 - 0x10000, 0x3000, 0x4000, 0x5000, 0x6000, 0x7000, 0x8000));
    check64("callee-saved across call", env[3], 0x5555);
    check64("u32 helper result sign-extended", env[4], sx(0x7ffffffe ^ 0x80000001u));

    /* exit_tb 0 through code_gen_epilogue */
    tb = tb_begin();
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_A0, 77);
    tcg_out_exit_tb(s, 0);
    check64("exit_tb 0", run(tb), 0);
    tb = tb_begin();
    tcg_out_exit_tb(s, 0x7fffffffffff1233ull);
    check64("exit_tb big", run(tb), 0x7fffffffffff1233ull);

    /* clobber every allocatable register: the C caller must not notice */
    tb = tb_begin();
    for (int r = 0; r < 32; r++) if (!(s->reserved_regs & REG_BIT(r))) tcg_out_movi(s, TCG_TYPE_I64, r, -1);
    tcg_out_exit_tb(s, 9);
    volatile uint64_t keep1 = 0xabcdef, keep2 = 0x123;
    check64("clobber all", run(tb), 9);
    check64("caller locals", keep1 + keep2, 0xabcdef + 0x123);

    /* goto_tb, direct method */
    uint16_t jmp_off[2], next_off[2];
    uintptr_t tb_next[2];
    s->tb_jmp_offset = jmp_off; s->tb_next_offset = next_off; s->tb_next = tb_next;
    void *tb2 = tb_begin();
    tcg_out_exit_tb(s, 2);
    void *tb1 = tb_begin();
    tcg_out_goto_tb(s, 0);
    tcg_out_exit_tb(s, 1);
    tcg_out_goto_tb(s, 1);
    tcg_out_exit_tb(s, 3);
    check64("goto_tb direct unchained", run(tb1), 1);
    tb_target_set_jmp_target((uintptr_t)tb1 + jmp_off[0], (uintptr_t)tb2);
    check64("goto_tb direct chained", run(tb1), 2);
    tb_target_set_jmp_target((uintptr_t)tb1 + jmp_off[0], (uintptr_t)tb1 + next_off[0]);
    check64("goto_tb direct reset", run(tb1), 1);
    /* far target: near the end of a 32 MiB buffer */
    void *save = s->code_ptr;
    s->code_ptr = (tcg_insn_unit *)((uint8_t *)s->code_gen_buffer + (32u << 20) - 64);
    void *tb3 = tb_begin();
    tcg_out_exit_tb(s, 4);
    tcg_flush_icache_range((uintptr_t)tb3, (uintptr_t)s->code_ptr);
    s->code_ptr = save;
    tb_target_set_jmp_target((uintptr_t)tb1 + jmp_off[0], (uintptr_t)tb3);
    check64("goto_tb direct far", run(tb1), 4);

    /* goto_tb, indirect method */
    s->tb_jmp_offset = NULL;
    tb1 = tb_begin();
    tcg_out_goto_tb(s, 0);
    tcg_out_exit_tb(s, 1);
    tcg_out_goto_tb(s, 1);
    tcg_out_exit_tb(s, 3);
    tb_next[0] = (uintptr_t)tb1 + next_off[0];
    tb_next[1] = (uintptr_t)tb1 + next_off[1];
    check64("goto_tb indirect unchained", run(tb1), 1);
    tb_next[0] = (uintptr_t)tb2;
    check64("goto_tb indirect chained", run(tb1), 2);

    /* goto_ptr */
    env[0] = (uintptr_t)tb2;
    tb = tb_begin();
    tcg_out_ld(s, TCG_TYPE_I64, TCG_REG_T0, TCG_AREG0, ENV_X);
    TCGArg args[1] = { TCG_REG_T0 }; int cargs[1] = { 0 };
    tcg_out_op(s, INDEX_op_goto_ptr, args, cargs);
    check64("goto_ptr", run(tb), 2);
    env[0] = (uintptr_t)s->code_gen_epilogue;
    check64("goto_ptr to epilogue", run(tb), 0);

    /* count_exec (CONFIG_PROFILE): +1 per run on a counter; allocatable registers untouched */
    static uint64_t counter = 41;
    tb = tb_begin();
    tcg_out_movi(s, TCG_TYPE_I64, TCG_REG_T0, 0x1234);
    tcg_out_count_exec(s, &counter);
    tcg_out_count_exec(s, &counter);
    tcg_out_st(s, TCG_TYPE_I64, TCG_REG_T0, TCG_AREG0, ENV_R);
    tcg_out_exit_tb(s, 5);
    check64("count_exec run", run(tb), 5);
    run(tb);
    check64("count_exec counter", counter, 45);
    check64("count_exec keeps registers", env[2], 0x1234);
    check64("count_exec insn count", tcg_target_insn_count(tb, (uint8_t *)s->code_ptr - (uint8_t *)tb),
            ((uint8_t *)s->code_ptr - (uint8_t *)tb) / 4);
}

/* every back-end op has constraints of the right arity */
static void test_op_defs(void)
{
    static const struct { const char *name; int o, i, flags; } defs[] = {
#define DEF(name, oargs, iargs, cargs, flags) { #name, oargs, iargs, flags },
#include "tcg-opc.h"
#undef DEF
    };
    for (int op = 0; op < (int)ARRAY_SIZE(defs); op++) {
        if (defs[op].flags & TCG_OPF_NOT_PRESENT) continue;
        const TCGTargetOpDef *d = tcg_target_op_def((TCGOpcode)op);
        checks++;
        if (!d) { failures++; printf("FAIL no op def for %s\n", defs[op].name); continue; }
        int n = 0;
        while (n < TCG_MAX_OP_ARGS && d->args_ct_str[n]) n++;
        if (n != defs[op].o + defs[op].i) { failures++; printf("FAIL %s: %d constraint strings\n", defs[op].name, n); }
    }
}

/* The groups, in order; movi and control run from their own buffer area. */
#define TEST_GROUPS(X) \
    X(op_defs) X(control) X(movi) X(binary) X(unary) X(conds) X(mul2) X(ldst) X(guest_mem) X(i64)

int main(void)
{
    static TCGContext ctx;
    int passed = 0, failed = 0;
    setvbuf(stdout, NULL, _IONBF, 0);
    (void)tcg_target_nb_call_iarg_regs;     /* used by tcg.c, which this test replaces */
    s = tcg_ctx = &ctx;
    tcg_target_init(s);
    void *buf = mmap(NULL, 32u << 20, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert(buf != MAP_FAILED);
    s->code_gen_buffer = buf;
    s->code_ptr = buf;
    tcg_target_qemu_prologue(s);
    printf("prologue+epilogue: %d insns, frame %ld+%ld\n", (int)(s->code_ptr - (tcg_insn_unit *)buf), (long)frame_start, (long)frame_size);
    tcg_target_disas(stdout, buf, (uint8_t *)s->code_ptr - (uint8_t *)buf);
#define RUN_GROUP(name) { \
        int checks0 = checks, failures0 = failures; \
        s->code_ptr = (tcg_insn_unit *)((uint8_t *)buf + 8192); \
        test_##name(); \
        if (checks == checks0 || failures != failures0) { \
            failed++; \
            printf("FAIL %s (%d of %d checks failed)\n", #name, failures - failures0, checks - checks0); \
        } else { \
            passed++; \
            printf("PASS %s (%d checks)\n", #name, checks - checks0); \
        } \
    }
    TEST_GROUPS(RUN_GROUP)
#undef RUN_GROUP
    printf("%d checks, %d failures\n", checks, failures);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
