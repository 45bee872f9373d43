/*
 * gen.c - the random instruction-sequence generator of the differential tester.
 *
 * dt_generate() builds one sequence of a family: random valid encodings (ModRM/SIB forms,
 * 0x66/0x67 prefixes, immediates biased to edge values) over random registers, with memory
 * operands that always land inside the test buffer (a per-sequence base register and a bounded
 * index register, both never written, plus absolute disp32 and %esp-relative forms).
 *
 * Determinism bookkeeping: the generator tracks which EFLAGS bits, registers and x87 condition
 * codes are *defined* (the same on every correct implementation). Each instruction says which
 * flags it writes and which of those it leaves undefined; an instruction that reads flags is
 * preceded by a `cmp` when something it reads is undefined. Counts of shifts and the operands
 * of divisions are set up by explicit `mov`s, so their effect on the flags (count 0 leaves them
 * alone, count 1 defines OF...) is known exactly. The record carries the final masks: the
 * harness prints only the defined parts.
 */
#include <string.h>
#include "dt.h"

/* ================================================================== families */

static const struct { const char *name; bool fpu; const char *doc; } families[DT_FAM_NB] = {
#define DT_FAMILY_ENTRY(n, f, d) [DT_FAM_##n] = { #n, f, d },
    DT_FAMILIES(DT_FAMILY_ENTRY)
#undef DT_FAMILY_ENTRY
};

int dt_family_by_name(const char *name)
{
    for (int i = 0; i < DT_FAM_NB; i++)
        if (!strcmp(families[i].name, name))
            return i;
    return -1;
}
const char *dt_family_name(int family) { return families[family].name; }
bool dt_family_uses_fpu(int family) { return families[family].fpu; }
const char *dt_family_doc(int family) { return families[family].doc; }

/* ================================================================== generator state */

enum { EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI };
#define REGBIT(r) (1u << (r))

typedef struct Gen {
    uint32_t rng;
    uint8_t *code;
    int len;
    int family;
    uint32_t flags_def;      /* EFLAGS bits whose value is deterministic */
    uint32_t reg_def;        /* registers whose value is deterministic */
    uint32_t fsw_def;        /* x87 condition codes whose value is deterministic */
    uint32_t reserved;       /* registers no instruction may write (esp, base, index) */
    int base, index;         /* base register (always), index register (-1: none) */
    uint32_t base_val, index_val, esp_val;
    bool ended;              /* a faulting instruction was emitted: nothing after it runs */
    bool no_mem;             /* register operands only (under a 0x67 prefix) */
    bool trans_end;          /* ended with a transcendental: DT_TOL_TRANS */
} Gen;

static uint32_t rnd(Gen *g)
{
    /* xorshift32 */
    uint32_t x = g->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return g->rng = x;
}
static uint32_t rnd_below(Gen *g, uint32_t n) { return n ? rnd(g) % n : 0; }
static bool chance(Gen *g, int percent) { return rnd_below(g, 100) < (uint32_t)percent; }

/* A value for a register or an immediate: edge values often, random bits otherwise. */
static uint32_t rnd_value(Gen *g)
{
    static const uint32_t edges[] = {
        0, 1, 2, 0xffffffff, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
        0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0x0f, 0x10, 0x09, 0x99, 0x55555555,
    };
    switch (rnd_below(g, 4)) {
    case 0: return edges[rnd_below(g, sizeof(edges) / sizeof(edges[0]))];
    case 1: return rnd_below(g, 64) - 32;
    default: return rnd(g);
    }
}

static uint32_t size_mask(int size) { return size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1; }

/* ================================================================== emission */

static void b(Gen *g, uint8_t v) { if (g->len < DT_MAX_CODE) g->code[g->len++] = v; }
static void w16(Gen *g, uint32_t v) { b(g, v); b(g, v >> 8); }
static void w32(Gen *g, uint32_t v) { w16(g, v); w16(g, v >> 16); }
static void imm(Gen *g, int size, uint32_t v)
{
    if (size == 1) b(g, v);
    else if (size == 2) w16(g, v);
    else w32(g, v);
}
/* Operand-size prefix for 16-bit operations. */
static void osize(Gen *g, int size) { if (size == 2) b(g, 0x66); }

/* Flags effect of one instruction: `writes` become defined except `undef`. */
static void flags_effect(Gen *g, uint32_t writes, uint32_t undef)
{
    g->flags_def = (g->flags_def & ~writes) | (writes & ~undef);
}

/* Make the flags in `need` defined before an instruction reads them: cmp r32, imm8. */
static void need_flags(Gen *g, uint32_t need)
{
    if ((g->flags_def & need) == need)
        return;
    b(g, 0x83); b(g, 0xf8 | rnd_below(g, 8)); b(g, rnd_value(g));
    flags_effect(g, DT_STATUS, 0);
}

/* ------------------------------------------------------------------ operands */

typedef struct Operand {
    bool mem;
    int reg;                 /* register operand (size-relative number) */
    uint8_t mod, rm, sib;
    bool has_sib;
    int disp_bytes;          /* 0, 1, 2 (16-bit addressing) or 4 */
    int32_t disp;
    bool addr16;             /* 0x67: 16-bit addressing (lea only) */
    uint32_t addr;           /* effective address (32-bit forms) */
} Operand;

/* Register r of the given size is writable: 8-bit registers 4..7 are ah..bh. */
static bool reg_writable(Gen *g, int r, int size)
{
    int full = size == 1 ? (r & 3) : r;
    return !(g->reserved & REGBIT(full));
}

static int pick_wreg(Gen *g, int size)
{
    for (;;) {
        int r = rnd_below(g, 8);
        if (reg_writable(g, r, size))
            return r;
    }
}

/* The full register a size-relative register number writes. */
static int full_reg(int r, int size) { return size == 1 ? (r & 3) : r; }

static Operand reg_operand(int r) { Operand o = { .mem = false, .reg = r }; return o; }

static void set_disp(Operand *o, int32_t disp, int bytes) { o->disp = disp; o->disp_bytes = bytes; }

/* A memory operand of `size` bytes inside the buffer, aligned to `align` (1 = any). */
static Operand pick_mem(Gen *g, int size, int align)
{
    const uint32_t lo = DT_BUF + 0x200, hi = DT_BUF + 0xf80;   /* data area and stack */
    for (int attempt = 0;; attempt++) {
        Operand o = { .mem = true };
        int form = attempt > 30 ? 2 : (int)rnd_below(g, 8);
        uint32_t base = g->base_val;
        int32_t d8 = (int32_t)rnd_below(g, 256) - 128;
        int32_t d32 = (int32_t)rnd_below(g, 512) - 256;
        switch (form) {
        case 0:  /* [base] (ebp needs mod 01 with disp 0) */
            if (g->base == EBP) { o.mod = 1; o.rm = EBP; set_disp(&o, 0, 1); }
            else { o.mod = 0; o.rm = g->base; }
            o.addr = base + o.disp;
            break;
        case 1:  /* [base + disp8] */
            o.mod = 1; o.rm = g->base; set_disp(&o, d8, 1); o.addr = base + d8;
            break;
        case 2:  /* [base + disp32] */
            o.mod = 2; o.rm = g->base; set_disp(&o, d32, 4); o.addr = base + d32;
            break;
        case 3:  /* [disp32] absolute */
            o.mod = 0; o.rm = 5; set_disp(&o, (int32_t)(DT_BUF + DT_BASE_OFF + d32), 4);
            o.addr = (uint32_t)o.disp;
            break;
        case 4:  /* [base + index*scale (+ disp8/32)] */
        case 5:
            if (g->index < 0) continue;
            {
                int scale = rnd_below(g, 4);
                o.has_sib = true;
                o.rm = 4;
                o.sib = (uint8_t)(scale << 6 | g->index << 3 | g->base);
                o.mod = form == 4 ? 1 : (g->base == EBP ? 1 : (int)rnd_below(g, 3));
                if (o.mod == 1) set_disp(&o, d8, 1);
                else if (o.mod == 2) set_disp(&o, d32, 4);
                o.addr = base + (g->index_val << scale) + o.disp;
            }
            break;
        case 6:  /* [index*scale + disp32] (no base) or [base] through a SIB without index */
            o.has_sib = true; o.rm = 4;
            if (g->index >= 0 && chance(g, 50)) {
                int scale = rnd_below(g, 4);
                o.mod = 0;
                o.sib = (uint8_t)(scale << 6 | g->index << 3 | 5);
                set_disp(&o, (int32_t)(DT_BUF + DT_BASE_OFF + d32), 4);
                o.addr = (g->index_val << scale) + (uint32_t)o.disp;
            } else {
                o.mod = 1;
                o.sib = (uint8_t)(rnd_below(g, 4) << 6 | 4 << 3 | g->base);  /* scale ignored */
                set_disp(&o, d8, 1);
                o.addr = base + d8;
            }
            break;
        default: /* [esp + disp8] (the stack lives inside the buffer) */
            o.has_sib = true; o.rm = 4; o.mod = 1;
            o.sib = 4 << 3 | ESP;
            set_disp(&o, (int32_t)rnd_below(g, 128) - 96, 1);
            o.addr = g->esp_val + o.disp;
            break;
        }
        if (o.addr % align) {
            if (o.disp_bytes == 0) continue;
            int32_t fix = (int32_t)(o.addr % align);
            o.disp -= fix; o.addr -= fix;
            if (o.disp_bytes == 1 && o.disp < -128) { o.disp += align; o.addr += align; }
        }
        if (o.addr >= lo && o.addr + size <= hi)
            return o;
    }
}

/* A 16-bit-addressing operand for lea (0x67): any of the 24 mod/rm forms. */
static Operand pick_mem16(Gen *g)
{
    Operand o = { .mem = true, .addr16 = true };
    o.mod = rnd_below(g, 3);
    o.rm = rnd_below(g, 8);
    if (o.mod == 1) set_disp(&o, (int32_t)rnd(g) & 0xff, 1);
    else if (o.mod == 2 || (o.mod == 0 && o.rm == 6)) set_disp(&o, (int32_t)rnd(g) & 0xffff, 2);
    return o;
}

/* [disp32]: the absolute form, for a second access next to an operand already picked. */
static Operand abs_operand(uint32_t addr)
{
    Operand o = { .mem = true, .mod = 0, .rm = 5, .disp = (int32_t)addr, .disp_bytes = 4, .addr = addr };
    return o;
}

static Operand pick_rm(Gen *g, int size, bool writable, int mem_percent)
{
    if (!g->no_mem && chance(g, mem_percent))
        return pick_mem(g, size, 1);
    return reg_operand(writable ? pick_wreg(g, size) : (int)rnd_below(g, 8));
}

/* Segment overrides that do not change a flat address (es ss ds; cs: is read-only, so it is
 * used only on the source of movs). */
static void maybe_seg(Gen *g, const Operand *o)
{
    static const uint8_t segs[] = { 0x26, 0x36, 0x3e };
    if (o->mem && !o->addr16 && chance(g, 10))
        b(g, segs[rnd_below(g, 3)]);
}

static void modrm(Gen *g, int regfield, const Operand *o)
{
    if (!o->mem) {
        b(g, 0xc0 | (regfield & 7) << 3 | o->reg);
        return;
    }
    b(g, o->mod << 6 | (regfield & 7) << 3 | o->rm);
    if (o->has_sib)
        b(g, o->sib);
    if (o->disp_bytes)
        imm(g, o->disp_bytes, (uint32_t)o->disp);
}

/* Load a register with a known value: mov r, imm (b0+r / 66 b8+r / b8+r). */
static void mov_reg_imm(Gen *g, int r, int size, uint32_t v)
{
    osize(g, size);
    b(g, (size == 1 ? 0xb0 : 0xb8) + r);
    imm(g, size, v);
}

/* Store a known value into a memory operand: mov m, imm (c6 / 66 c7 / c7). */
static void mov_mem_imm(Gen *g, const Operand *o, int size, uint32_t v)
{
    osize(g, size);
    b(g, size == 1 ? 0xc6 : 0xc7);
    modrm(g, 0, o);
    imm(g, size, v);
}

static int rnd_size(Gen *g) { static const int s[] = { 1, 2, 4, 4 }; return s[rnd_below(g, 4)]; }

/* ================================================================== integer families */

/* Condition code reads: o no b nb z nz be nbe s ns p np l nl le nle */
static uint32_t cond_reads(int cc)
{
    static const uint32_t r[8] = { DT_OF, DT_CF, DT_ZF, DT_CF | DT_ZF, DT_SF, DT_PF,
                                   DT_SF | DT_OF, DT_ZF | DT_SF | DT_OF };
    return r[(cc >> 1) & 7];
}

/* add or adc sbb and sub xor cmp, all encodings. */
static void gen_alu_binop(Gen *g)
{
    int op = rnd_below(g, 8);
    int size = rnd_size(g);
    bool writes = op != 7;
    bool logic = op == 1 || op == 4 || op == 6;
    if (op == 2 || op == 3)
        need_flags(g, DT_CF);
    int form = rnd_below(g, 5);
    if (form == 0) {                               /* op Eb/Ev, Gb/Gv (lockable) */
        Operand o = pick_rm(g, size, writes, 40);
        if (o.mem && writes && chance(g, 30)) b(g, 0xf0);
        maybe_seg(g, &o);
        osize(g, size);
        b(g, op << 3 | (size == 1 ? 0 : 1));
        modrm(g, rnd_below(g, 8), &o);
    } else if (form == 1) {                        /* op Gb/Gv, Eb/Ev */
        Operand o = pick_rm(g, size, false, 40);
        maybe_seg(g, &o);
        osize(g, size);
        b(g, op << 3 | (size == 1 ? 2 : 3));
        modrm(g, writes ? pick_wreg(g, size) : (int)rnd_below(g, 8), &o);
    } else if (form == 2 && (writes ? reg_writable(g, EAX, size) : true)) { /* AL/eAX, imm */
        osize(g, size);
        b(g, op << 3 | (size == 1 ? 4 : 5));
        imm(g, size, rnd_value(g));
    } else {                                       /* 80/81/82/83 /op imm */
        Operand o = pick_rm(g, size, writes, 40);
        if (o.mem && writes && chance(g, 30)) b(g, 0xf0);
        maybe_seg(g, &o);
        osize(g, size);
        int opc = size == 1 ? (chance(g, 10) ? 0x82 : 0x80) : (chance(g, 50) ? 0x83 : 0x81);
        b(g, opc);
        modrm(g, op, &o);
        imm(g, opc == 0x81 ? size : 1, rnd_value(g));
    }
    flags_effect(g, DT_STATUS, logic ? DT_AF : 0);
}

static void gen_alu_unary(Gen *g)
{
    int size = rnd_size(g);
    switch (rnd_below(g, 4)) {
    case 0: {                                      /* inc/dec r16/r32 (40+r / 48+r) */
        if (size == 1) size = 4;
        osize(g, size);
        b(g, (chance(g, 50) ? 0x40 : 0x48) + pick_wreg(g, size));
        flags_effect(g, DT_STATUS & ~DT_CF, 0);
        break;
    }
    case 1: {                                      /* inc/dec Eb/Ev (fe/ff /0 /1) */
        Operand o = pick_rm(g, size, true, 40);
        if (o.mem && chance(g, 30)) b(g, 0xf0);
        osize(g, size);
        b(g, size == 1 ? 0xfe : 0xff);
        modrm(g, rnd_below(g, 2), &o);
        flags_effect(g, DT_STATUS & ~DT_CF, 0);
        break;
    }
    default: {                                     /* not (/2), neg (/3) */
        Operand o = pick_rm(g, size, true, 40);
        int op = 2 + rnd_below(g, 2);
        if (o.mem && chance(g, 30)) b(g, 0xf0);
        osize(g, size);
        b(g, size == 1 ? 0xf6 : 0xf7);
        modrm(g, op, &o);
        if (op == 3)
            flags_effect(g, DT_STATUS, 0);
        break;
    }
    }
}

static void gen_alu_move(Gen *g)
{
    int size = rnd_size(g);
    switch (rnd_below(g, 9)) {
    case 0: {                                      /* test */
        Operand o = pick_rm(g, size, false, 40);
        osize(g, size);
        if (chance(g, 30)) { b(g, size == 1 ? 0xf6 : 0xf7); modrm(g, 0, &o); imm(g, size, rnd_value(g)); }
        else if (chance(g, 30)) { b(g, size == 1 ? 0xa8 : 0xa9); imm(g, size, rnd_value(g)); }
        else { b(g, size == 1 ? 0x84 : 0x85); modrm(g, rnd_below(g, 8), &o); }
        flags_effect(g, DT_STATUS, DT_AF);
        break;
    }
    case 1: {                                      /* mov Ev,Gv / Gv,Ev / Ev,imm */
        int dir = rnd_below(g, 3);
        Operand o = pick_rm(g, size, dir != 1, 50);
        maybe_seg(g, &o);
        osize(g, size);
        if (dir == 2) { b(g, size == 1 ? 0xc6 : 0xc7); modrm(g, 0, &o); imm(g, size, rnd_value(g)); }
        else { b(g, (dir ? 0x8a : 0x88) | (size != 1)); modrm(g, dir ? pick_wreg(g, size) : (int)rnd_below(g, 8), &o); }
        break;
    }
    case 2:                                        /* mov r, imm */
        mov_reg_imm(g, pick_wreg(g, size), size, rnd_value(g));
        break;
    case 3: {                                      /* mov al/eax <-> moffs */
        if (!reg_writable(g, EAX, size)) break;
        Operand o = pick_mem(g, size, 1);
        osize(g, size);
        b(g, 0xa0 | (chance(g, 50) ? 2 : 0) | (size != 1));
        w32(g, o.addr);
        break;
    }
    case 4: {                                      /* xchg Ev,Gv (86/87) or xchg eax, r (90+r) */
        if (chance(g, 30) && size != 1 && reg_writable(g, EAX, size)) {
            osize(g, size); b(g, 0x90 + pick_wreg(g, size));
            break;
        }
        Operand o = pick_rm(g, size, true, 50);
        osize(g, size);
        b(g, size == 1 ? 0x86 : 0x87);
        modrm(g, pick_wreg(g, size), &o);
        break;
    }
    case 5: {                                      /* movzx/movsx */
        int src = chance(g, 50) ? 1 : 2, dst = chance(g, 30) ? 2 : 4;
        Operand o = pick_rm(g, src, false, 40);
        osize(g, dst);
        b(g, 0x0f); b(g, (chance(g, 50) ? 0xb6 : 0xbe) | (src == 2));
        modrm(g, pick_wreg(g, dst), &o);
        break;
    }
    case 6:                                        /* cbw/cwde, cwd/cdq */
        if (!reg_writable(g, EAX, 4) || !reg_writable(g, EDX, 4)) break;
        if (chance(g, 40)) b(g, 0x66);
        b(g, chance(g, 50) ? 0x98 : 0x99);
        break;
    default:                                       /* a register-only op with a no-op 0x67 */
        b(g, 0x67);
        g->no_mem = true;
        gen_alu_binop(g);
        g->no_mem = false;
        break;
    }
}

static void gen_alu(Gen *g)
{
    switch (rnd_below(g, 4)) {
    case 0: case 1: gen_alu_binop(g); break;
    case 2: gen_alu_unary(g); break;
    default: gen_alu_move(g); break;
    }
}

/* ------------------------------------------------------------------ shifts and rotates */

/* A shift count: biased to 0..33 and the edges, sometimes anything. */
static uint32_t rnd_count(Gen *g)
{
    return chance(g, 75) ? rnd_below(g, 34) : rnd_below(g, 256);
}

/* Flag effect of group-2 op on `size` bytes by (unmasked) count `count`. */
static void shift_flags(Gen *g, int op, int size, uint32_t count)
{
    uint32_t c = count & 0x1f;
    int bits = size * 8;
    if (c == 0)
        return;
    switch (op) {
    case 0: case 1:                                /* rol ror: CF, OF (count 1) */
        flags_effect(g, DT_CF | DT_OF, c == 1 ? 0 : DT_OF);
        break;
    case 2: case 3: {                              /* rcl rcr: rotate through CF */
        uint32_t eff = size == 4 ? c : c % (bits + 1);
        flags_effect(g, (eff ? DT_CF : 0) | DT_OF, c == 1 ? 0 : DT_OF);
        break;
    }
    default: {                                     /* shl shr sal sar */
        uint32_t undef = DT_AF | (c == 1 ? 0 : DT_OF);
        if ((op == 4 || op == 5 || op == 6) && (int)c >= bits)
            undef |= DT_CF;
        flags_effect(g, DT_STATUS, undef);
        break;
    }
    }
}

static void gen_shift(Gen *g)
{
    int size = rnd_size(g);
    bool cl_ok = reg_writable(g, ECX, 1);
    if (chance(g, 25)) {                           /* shld/shrd Ev, Gv, imm8/cl */
        if (size == 1) size = 4;
        uint32_t count = size == 2 ? rnd_below(g, 17) + 32 * rnd_below(g, 2) : rnd_count(g);
        bool by_cl = cl_ok && chance(g, 50);
        if (by_cl) mov_reg_imm(g, ECX, 1, count);
        Operand o = pick_rm(g, size, true, 40);
        int src = rnd_below(g, 8);
        osize(g, size);
        b(g, 0x0f); b(g, (chance(g, 50) ? 0xa4 : 0xac) | by_cl);
        modrm(g, src, &o);
        if (!by_cl) b(g, count);
        if (count & 0x1f)
            flags_effect(g, DT_STATUS, DT_AF | ((count & 0x1f) == 1 ? 0 : DT_OF));
        return;
    }
    int op = rnd_below(g, 8);
    if (op == 6 && chance(g, 50)) op = 4;          /* /6 (sal alias) rarer */
    if (op == 2 || op == 3)
        need_flags(g, DT_CF);
    int form = rnd_below(g, 3);                    /* 0: by 1, 1: imm8, 2: cl */
    if (form == 2 && !cl_ok) form = 1;
    uint32_t count = form == 0 ? 1 : rnd_count(g);
    if (form == 2) mov_reg_imm(g, ECX, 1, count);
    Operand o = pick_rm(g, size, true, 40);
    maybe_seg(g, &o);
    osize(g, size);
    b(g, (form == 0 ? 0xd0 : form == 1 ? 0xc0 : 0xd2) | (size != 1));
    modrm(g, op, &o);
    if (form == 1) b(g, count);
    shift_flags(g, op, size, count);
}

/* ------------------------------------------------------------------ mul / div */

static int32_t sext(uint32_t v, int size) { int sh = 32 - size * 8; return (int32_t)(v << sh) >> sh; }

/* Dividend (hi:lo parts as the instruction sees them) and divisor that do not fault,
 * or (fault = true) that do: zero divisor or a quotient out of range. */
static void div_operands(Gen *g, int size, bool is_signed, bool fault, uint64_t *dividend, uint32_t *divisor)
{
    int bits = size * 8;
    uint64_t m = size_mask(size);
    if (fault && chance(g, 40)) {
        *divisor = 0;
        *dividend = ((uint64_t)rnd(g) << 32 | rnd(g)) & (size == 4 ? ~0ull : (1ull << 2 * bits) - 1);
        return;
    }
    if (!is_signed) {
        uint64_t d = rnd_value(g) & m, q, r;
        if (!d) d = 1 + rnd_below(g, 7);
        *divisor = (uint32_t)d;
        if (fault) {                               /* high half >= divisor: quotient too big */
            uint64_t hi = d + rnd_below(g, (uint32_t)(m - d + 1));
            *dividend = (hi & m) << bits | (rnd(g) & m);
            return;
        }
        q = rnd_value(g) & m;
        r = rnd(g) % d;
        *dividend = q * d + r;
        return;
    }
    int64_t d = sext(rnd_value(g), size), q, r;
    if (d == 0 || d == -1) d = 3;
    if (fault) {
        q = chance(g, 50) ? ((int64_t)1 << (bits - 1)) : -((int64_t)1 << (bits - 1)) - 1;
        if (chance(g, 30)) { d = -1; q = (int64_t)1 << (bits - 1); }   /* MIN / -1 */
    } else {
        q = sext(rnd_value(g), size);
    }
    r = (int64_t)(rnd(g) % (uint64_t)(d < 0 ? -d : d));
    int64_t n = q * d;
    if (n < 0 || (n == 0 && chance(g, 50))) r = -r;
    n += r;
    *divisor = (uint32_t)d & (uint32_t)m;
    *dividend = (uint64_t)n & (size == 4 ? ~0ull : (1ull << 2 * bits) - 1);
}

/* mov the dividend into AX / DX:AX / EDX:EAX. */
static void load_dividend(Gen *g, int size, uint64_t n)
{
    if (size == 1) { mov_reg_imm(g, EAX, 2, (uint32_t)n); return; }
    mov_reg_imm(g, EAX, size, (uint32_t)n);
    mov_reg_imm(g, EDX, size, (uint32_t)(n >> (size * 8)));
}

/* div/idiv with prepared operands (the divisor in a register other than eax/edx, or memory). */
static void gen_div(Gen *g, bool fault)
{
    int size = rnd_size(g);
    bool is_signed = chance(g, 50);
    uint64_t n; uint32_t d;
    div_operands(g, size, is_signed, fault, &n, &d);
    Operand o;
    if (chance(g, 40)) {
        o = pick_mem(g, size, 1);
        mov_mem_imm(g, &o, size, d);
    } else {
        int r;
        do r = pick_wreg(g, size); while (full_reg(r, size) == EAX || full_reg(r, size) == EDX);
        o = reg_operand(r);
        mov_reg_imm(g, r, size, d);
    }
    load_dividend(g, size, n);
    osize(g, size);
    b(g, size == 1 ? 0xf6 : 0xf7);
    modrm(g, is_signed ? 7 : 6, &o);
    if (fault) g->ended = true;
    else flags_effect(g, DT_STATUS, DT_STATUS);
}

static void gen_muldiv(Gen *g)
{
    int size = rnd_size(g);
    const uint32_t mul_undef = DT_SF | DT_ZF | DT_AF | DT_PF;
    switch (rnd_below(g, 5)) {
    case 0: {                                      /* mul/imul Eb/Ev (f6/f7 /4 /5) */
        Operand o = pick_rm(g, size, false, 40);
        osize(g, size);
        b(g, size == 1 ? 0xf6 : 0xf7);
        modrm(g, 4 + rnd_below(g, 2), &o);
        break;
    }
    case 1: {                                      /* imul Gv, Ev (0f af) */
        if (size == 1) size = 4;
        Operand o = pick_rm(g, size, false, 40);
        osize(g, size);
        b(g, 0x0f); b(g, 0xaf);
        modrm(g, pick_wreg(g, size), &o);
        break;
    }
    case 2: {                                      /* imul Gv, Ev, imm (69 / 6b) */
        if (size == 1) size = 4;
        Operand o = pick_rm(g, size, false, 40);
        bool short_imm = chance(g, 50);
        osize(g, size);
        b(g, short_imm ? 0x6b : 0x69);
        modrm(g, pick_wreg(g, size), &o);
        imm(g, short_imm ? 1 : size, rnd_value(g));
        break;
    }
    default:
        gen_div(g, false);
        return;
    }
    flags_effect(g, DT_STATUS, mul_undef);
}

/* ------------------------------------------------------------------ bit operations */

static void gen_bitops(Gen *g)
{
    int size = chance(g, 30) ? 2 : 4;
    const uint32_t bt_writes = DT_CF | DT_OF | DT_SF | DT_AF | DT_PF;
    const uint32_t bt_undef = DT_OF | DT_SF | DT_AF | DT_PF;
    switch (rnd_below(g, 10)) {
    case 8: {                                      /* popcnt Gv, Ev: ZF by result, others 0 */
        Operand o = pick_rm(g, size, false, 40);
        osize(g, size);
        b(g, 0xf3); b(g, 0x0f); b(g, 0xb8);
        modrm(g, pick_wreg(g, size), &o);
        flags_effect(g, DT_STATUS, 0);
        break;
    }
    case 9: {                                      /* movbe Gv, Mv / Mv, Gv (0f 38 f0/f1) */
        Operand o = pick_mem(g, size, 1);
        bool store = chance(g, 50);
        osize(g, size);
        b(g, 0x0f); b(g, 0x38); b(g, store ? 0xf1 : 0xf0);
        modrm(g, store ? (int)rnd_below(g, 8) : pick_wreg(g, size), &o);
        break;
    }
    case 0: case 1: {                              /* bt/bts/btr/btc Ev, Gv */
        int op = rnd_below(g, 4);
        Operand o = pick_rm(g, size, op != 0, 40);
        int r;
        if (o.mem) {                               /* bounded bit offset: +-128 bytes */
            r = pick_wreg(g, size);
            mov_reg_imm(g, r, size, (uint32_t)((int32_t)rnd_below(g, 2048) - 1024));
        } else {
            r = rnd_below(g, 8);
        }
        if (o.mem && op && chance(g, 30)) b(g, 0xf0);
        osize(g, size);
        b(g, 0x0f); b(g, 0xa3 | op << 3);
        modrm(g, r, &o);
        flags_effect(g, bt_writes, bt_undef);
        break;
    }
    case 2: {                                      /* bt/bts/btr/btc Ev, imm8 (0f ba /4-7) */
        int op = rnd_below(g, 4);
        Operand o = pick_rm(g, size, op != 0, 40);
        if (o.mem && op && chance(g, 30)) b(g, 0xf0);
        osize(g, size);
        b(g, 0x0f); b(g, 0xba);
        modrm(g, 4 + op, &o);
        b(g, rnd_below(g, 256));
        flags_effect(g, bt_writes, bt_undef);
        break;
    }
    case 3: {                                      /* bsf/bsr (a zero source keeps the dest) */
        Operand o = pick_rm(g, size, false, 40);
        osize(g, size);
        b(g, 0x0f); b(g, chance(g, 50) ? 0xbc : 0xbd);
        modrm(g, pick_wreg(g, size), &o);
        flags_effect(g, DT_STATUS, DT_STATUS & ~DT_ZF);
        break;
    }
    case 4:                                        /* bswap r32 */
        b(g, 0x0f); b(g, 0xc8 + pick_wreg(g, 4));
        break;
    case 5: {                                      /* xadd Eb/Ev, Gb/Gv */
        size = rnd_size(g);
        Operand o = pick_rm(g, size, true, 50);
        if (o.mem && chance(g, 40)) b(g, 0xf0);
        osize(g, size);
        b(g, 0x0f); b(g, size == 1 ? 0xc0 : 0xc1);
        modrm(g, pick_wreg(g, size), &o);
        flags_effect(g, DT_STATUS, 0);
        break;
    }
    case 6: {                                      /* cmpxchg Eb/Ev, Gb/Gv */
        size = rnd_size(g);
        if (!reg_writable(g, EAX, 4)) break;
        Operand o = pick_rm(g, size, true, 50);
        if (chance(g, 40)) {                       /* make the compare succeed: mov eAX, Ev */
            osize(g, size); b(g, size == 1 ? 0x8a : 0x8b); modrm(g, EAX, &o);
        }
        if (o.mem && chance(g, 40)) b(g, 0xf0);
        osize(g, size);
        b(g, 0x0f); b(g, size == 1 ? 0xb0 : 0xb1);
        modrm(g, pick_wreg(g, size), &o);
        flags_effect(g, DT_STATUS, 0);
        break;
    }
    default: {                                     /* cmpxchg8b m64 */
        if (!reg_writable(g, EAX, 4) || !reg_writable(g, EDX, 4)) break;
        Operand o = pick_mem(g, 8, 1);
        if (chance(g, 50) && o.disp_bytes) {       /* edx:eax = m64 so it succeeds */
            Operand hi = o;
            hi.disp += 4;
            if (hi.disp_bytes == 1 && hi.disp > 127) { hi.disp_bytes = 4; hi.mod = 2; }
            b(g, 0x8b); modrm(g, EAX, &o);
            b(g, 0x8b); modrm(g, EDX, &hi);
        }
        if (chance(g, 40)) b(g, 0xf0);
        b(g, 0x0f); b(g, 0xc7);
        modrm(g, 1, &o);
        flags_effect(g, DT_ZF, 0);
        break;
    }
    }
}

/* ------------------------------------------------------------------ conditions and branches */

static void gen_cond_simple(Gen *g);

/* jcc/jecxz/loop forward over one instruction: the flags after are defined only where both
 * paths define them. */
static void gen_branch_over(Gen *g)
{
    int kind = rnd_below(g, 5);
    int at, cc = rnd_below(g, 16);
    if (kind >= 3 && !reg_writable(g, ECX, 4)) kind = 0;
    if (kind <= 1) need_flags(g, cond_reads(cc));
    if (kind == 4 && chance(g, 50)) {              /* loope/loopne read ZF */
        need_flags(g, DT_ZF);
        b(g, chance(g, 50) ? 0xe1 : 0xe0);
    } else {
        switch (kind) {
        case 0: b(g, 0x70 + cc); break;                       /* jcc rel8 */
        case 1: b(g, 0x0f); b(g, 0x80 + cc); w16(g, 0); w16(g, 0); break;   /* jcc rel32 */
        case 2: b(g, 0xe3); break;                            /* jecxz */
        default: b(g, 0xe2); break;                           /* loop */
        }
    }
    if (kind != 1)
        b(g, 0);                                   /* rel8, patched below */
    at = g->len;
    uint32_t flags_skip = g->flags_def, regs_skip = g->reg_def;
    uint32_t reserved = g->reserved;
    g->reserved |= REGBIT(ECX);                     /* keep the loop counter meaningful */
    gen_cond_simple(g);
    g->reserved = reserved;
    int32_t rel = g->len - at;
    if (kind == 1) { g->code[at - 4] = rel; g->code[at - 3] = rel >> 8; g->code[at - 2] = 0; g->code[at - 1] = 0; }
    else g->code[at - 1] = (uint8_t)rel;
    g->flags_def &= flags_skip;
    g->reg_def &= regs_skip;
}

static void gen_cond_simple(Gen *g)
{
    switch (rnd_below(g, 9)) {
    case 0: {                                      /* setcc Eb */
        int cc = rnd_below(g, 16);
        need_flags(g, cond_reads(cc));
        Operand o = pick_rm(g, 1, true, 40);
        b(g, 0x0f); b(g, 0x90 + cc);
        modrm(g, rnd_below(g, 8), &o);
        break;
    }
    case 1: {                                      /* cmovcc Gv, Ev */
        int cc = rnd_below(g, 16), size = chance(g, 30) ? 2 : 4;
        need_flags(g, cond_reads(cc));
        Operand o = pick_rm(g, size, false, 40);
        osize(g, size);
        b(g, 0x0f); b(g, 0x40 + cc);
        modrm(g, pick_wreg(g, size), &o);
        break;
    }
    case 2:                                        /* lahf / sahf */
        if (!reg_writable(g, EAX, 4)) break;
        if (chance(g, 50)) { need_flags(g, DT_STATUS & ~DT_OF); b(g, 0x9f); }
        else { b(g, 0x9e); flags_effect(g, DT_STATUS & ~DT_OF, 0); }
        break;
    case 3: {                                      /* push imm; popf (status, DF, ID) */
        uint32_t v = (rnd(g) & (DT_STATUS | DT_DF | DT_ID)) | 2;
        bool word = chance(g, 20);
        if (word) { b(g, 0x66); b(g, 0x68); w16(g, v); b(g, 0x66); b(g, 0x9d); }
        else { b(g, 0x68); w32(g, v); b(g, 0x9d); }
        flags_effect(g, DT_STATUS, 0);
        break;
    }
    case 4: {                                      /* pushf; pop r */
        need_flags(g, DT_STATUS);
        bool word = chance(g, 20);
        int r = pick_wreg(g, 4);
        if (word) { b(g, 0x66); b(g, 0x9c); b(g, 0x66); b(g, 0x58 + r); }
        else { b(g, 0x9c); b(g, 0x58 + r); }
        break;
    }
    case 5: {                                      /* clc stc cmc cld std */
        static const uint8_t ops[] = { 0xf8, 0xf9, 0xf5, 0xfc, 0xfd };
        int i = rnd_below(g, 5);
        if (i == 2) need_flags(g, DT_CF);
        b(g, ops[i]);
        if (i < 3) flags_effect(g, DT_CF, 0);
        break;
    }
    case 6: {                                      /* adc/sbb (reads CF) */
        need_flags(g, DT_CF);
        int size = rnd_size(g);
        Operand o = pick_rm(g, size, true, 40);
        osize(g, size);
        b(g, (chance(g, 50) ? 0x10 : 0x18) | (size != 1));
        modrm(g, rnd_below(g, 8), &o);
        flags_effect(g, DT_STATUS, 0);
        break;
    }
    case 7: {                                      /* call next; pop r (the return address) */
        b(g, 0xe8); w32(g, 0);
        b(g, 0x58 + pick_wreg(g, 4));
        break;
    }
    default:                                       /* cmp/sub/test to change the flags */
        gen_alu_binop(g);
        break;
    }
}

static void gen_cond(Gen *g)
{
    if (chance(g, 30))
        gen_branch_over(g);
    else
        gen_cond_simple(g);
}

/* ------------------------------------------------------------------ string instructions */

static void gen_string(Gen *g)
{
    static const uint8_t ops[] = { 0xa4, 0xa6, 0xaa, 0xac, 0xae };  /* movs cmps stos lods scas */
    int i = rnd_below(g, 5), size = rnd_size(g);
    bool compares = i == 1 || i == 4;
    int rep = rnd_below(g, 3);                     /* 0 none, 1 f3, 2 f2 */
    if (!compares && rep == 2) rep = 1;
    uint32_t n = rnd_below(g, 10);
    uint32_t src = DT_BUF + 0x380 + rnd_below(g, 0x300), dst = DT_BUF + 0x380 + rnd_below(g, 0x300);
    if (chance(g, 50)) { src &= ~(uint32_t)(size - 1); dst &= ~(uint32_t)(size - 1); }
    if (chance(g, 40)) b(g, chance(g, 50) ? 0xfc : 0xfd);   /* cld / std */
    mov_reg_imm(g, ESI, 4, src);
    mov_reg_imm(g, EDI, 4, dst);
    if (rep) mov_reg_imm(g, ECX, 4, n);
    if (i == 0 && chance(g, 20)) b(g, 0x2e + 8 * rnd_below(g, 2));   /* cs:/ds: source */
    if (rep) b(g, rep == 1 ? 0xf3 : 0xf2);
    osize(g, size);
    b(g, ops[i] | (size != 1));
    if (compares && (!rep || n))
        flags_effect(g, DT_STATUS, 0);
}

/* ------------------------------------------------------------------ BCD */

static void gen_bcd(Gen *g)
{
    if (chance(g, 40)) {                           /* 8-bit add/sub/adc/sbb on al first */
        static const uint8_t ops[] = { 0x04, 0x2c, 0x14, 0x1c };
        int i = rnd_below(g, 4);
        if (i >= 2) need_flags(g, DT_CF);
        b(g, ops[i]); b(g, rnd_value(g));
        flags_effect(g, DT_STATUS, 0);
    }
    switch (rnd_below(g, 6)) {
    case 0: case 1:                                /* daa / das */
        need_flags(g, DT_AF | DT_CF);
        b(g, rnd_below(g, 2) ? 0x27 : 0x2f);
        flags_effect(g, DT_STATUS, DT_OF);
        break;
    case 2: case 3:                                /* aaa / aas */
        need_flags(g, DT_AF);
        b(g, rnd_below(g, 2) ? 0x37 : 0x3f);
        flags_effect(g, DT_STATUS, DT_OF | DT_SF | DT_ZF | DT_PF);
        break;
    case 4: {                                      /* aam ib (ib != 0) */
        uint32_t base = chance(g, 50) ? 10 : 1 + rnd_below(g, 255);
        b(g, 0xd4); b(g, base);
        flags_effect(g, DT_STATUS, DT_OF | DT_AF | DT_CF);
        break;
    }
    default:                                       /* aad ib */
        b(g, 0xd5); b(g, chance(g, 50) ? 10 : rnd_below(g, 256));
        flags_effect(g, DT_STATUS, DT_OF | DT_AF | DT_CF);
        break;
    }
}

/* ------------------------------------------------------------------ misc */

/* mov r, v; bounds [lo, hi] in memory; bound r, m (66: 16-bit). Faults (#BR -> SIGSEGV)
 * unless lo <= v <= hi (signed). */
static void gen_bound(Gen *g, bool fault)
{
    int size = chance(g, 30) ? 2 : 4;
    int64_t min = -((int64_t)1 << (size * 8 - 1)), max = -min - 1;
    int64_t lo = sext(rnd_value(g), size), hi = sext(rnd_value(g), size), v;
    if (lo > hi) { int64_t t = lo; lo = hi; hi = t; }
    if (fault) {
        if (lo == min && hi == max) hi = 0;
        v = hi < max && (lo == min || chance(g, 50)) ? hi + 1 + rnd_below(g, 2) : lo - 1;
        if (v > max) v = hi + 1;
    } else {
        v = lo + (int64_t)(((uint64_t)rnd(g) << 16 ^ rnd(g)) % (uint64_t)(hi - lo + 1));
    }
    int r = pick_wreg(g, size);
    Operand o = pick_mem(g, 2 * size, size);
    mov_reg_imm(g, r, size, (uint32_t)v);
    mov_mem_imm(g, &o, size, (uint32_t)lo);
    Operand upper = abs_operand(o.addr + size);
    mov_mem_imm(g, &upper, size, (uint32_t)hi);
    osize(g, size);
    b(g, 0x62);
    modrm(g, r, &o);
    if (fault) g->ended = true;
}

static void gen_misc(Gen *g)
{
    switch (rnd_below(g, 10)) {
    case 0: case 1: {                              /* lea, 32-bit forms */
        int size = chance(g, 20) ? 2 : 4;
        Operand o = pick_mem(g, 4, 1);
        osize(g, size);
        b(g, 0x8d);
        modrm(g, pick_wreg(g, size), &o);
        break;
    }
    case 2: {                                      /* lea, 16-bit addressing (0x67) */
        int size = chance(g, 30) ? 2 : 4;
        Operand o = pick_mem16(g);
        osize(g, size);
        b(g, 0x67); b(g, 0x8d);
        modrm(g, pick_wreg(g, size), &o);
        break;
    }
    case 3:                                        /* xlat */
        if (!reg_writable(g, EBX, 4)) break;
        mov_reg_imm(g, EBX, 4, DT_BUF + 0x300 + rnd_below(g, 0x300));
        b(g, 0xd7);
        break;
    case 4: {                                      /* push forms then pop forms */
        switch (rnd_below(g, 4)) {
        case 0: b(g, 0x50 + rnd_below(g, 8)); break;
        case 1: b(g, 0x68); w32(g, rnd_value(g)); break;
        case 2: b(g, 0x6a); b(g, rnd_value(g)); break;
        default: { Operand o = pick_mem(g, 4, 1); b(g, 0xff); modrm(g, 6, &o); break; }
        }
        g->esp_val -= 4;
        if (chance(g, 50)) { b(g, 0x58 + pick_wreg(g, 4)); }
        else {
            Operand o = pick_mem(g, 4, 1);          /* pop m32: esp-relative addresses use the new esp */
            if (o.has_sib && (o.sib & 7) == ESP) { b(g, 0x58 + pick_wreg(g, 4)); }
            else { b(g, 0x8f); modrm(g, 0, &o); }
        }
        g->esp_val += 4;
        break;
    }
    case 5: {                                      /* pusha; op; popa (restores every register) */
        bool word = chance(g, 30);
        if (word) b(g, 0x66);
        b(g, 0x60);
        int size = rnd_size(g);
        mov_reg_imm(g, pick_wreg(g, size), size, rnd_value(g));
        if (word) b(g, 0x66);
        b(g, 0x61);
        break;
    }
    case 6: {                                      /* mov ebp, frame; enter n, level; leave */
        if (!reg_writable(g, EBP, 4)) break;
        mov_reg_imm(g, EBP, 4, DT_BUF + 0xe80 + 4 * rnd_below(g, 16));
        b(g, 0xc8); w16(g, rnd_below(g, 64)); b(g, rnd_below(g, 2) ? rnd_below(g, 32) : rnd_below(g, 3));
        b(g, 0xc9);
        break;
    }
    case 7: {                                      /* nops: 90, 66 90, 0f 1f /0, pause, 0f 18 */
        switch (rnd_below(g, 4)) {
        case 0: b(g, 0x90); break;
        case 1: b(g, 0x66); b(g, 0x90); break;
        case 2: b(g, 0xf3); b(g, 0x90); break;
        default: {
            Operand o = pick_mem(g, 4, 1);
            if (chance(g, 30)) b(g, 0x66);
            b(g, 0x0f); b(g, 0x1f); modrm(g, 0, &o);
            break;
        }
        }
        break;
    }
    case 8:
        if (chance(g, 50)) {
            gen_bound(g, false);
        } else {                                   /* test r, r (OF = 0); into: no trap */
            int r = rnd_below(g, 8);
            b(g, 0x85); b(g, 0xc0 | r << 3 | r);
            flags_effect(g, DT_STATUS, DT_AF);
            b(g, 0xce);
        }
        break;
    default:
        gen_alu(g);
        break;
    }
}

/* ------------------------------------------------------------------ faults */

static void gen_fault(Gen *g)
{
    /* a few ordinary instructions first, so the fault has state to report */
    for (int i = rnd_below(g, 3); i > 0; i--)
        gen_alu(g);
    switch (rnd_below(g, 12)) {
    case 0: case 1: gen_div(g, true); return;      /* #DE -> SIGFPE FPE_INTDIV */
    case 2: b(g, 0xd4); b(g, 0); break;            /* aam 0 -> #DE */
    case 3: b(g, 0xcc); break;                     /* int3 -> SIGTRAP */
    case 4: b(g, 0x0f); b(g, 0x0b); break;         /* ud2 -> SIGILL */
    case 5:                                        /* into with OF set -> SIGSEGV */
        b(g, 0xb0); b(g, 0x7f); b(g, 0x04); b(g, 0x01);          /* mov al,0x7f; add al,1 */
        flags_effect(g, DT_STATUS, 0);
        b(g, 0xce);
        break;
    case 6: b(g, 0xf4); break;                     /* hlt -> SIGSEGV */
    case 7: b(g, chance(g, 50) ? 0xec : 0xe6); if (g->code[g->len - 1] == 0xe6) b(g, 0x80); break; /* in/out */
    case 8: b(g, chance(g, 50) ? 0xfa : 0xfb); break;            /* cli/sti -> SIGSEGV */
    case 9: b(g, 0xcd); b(g, 0x81 + rnd_below(g, 0x7e)); break;  /* int n -> SIGSEGV */
    case 10: {                                     /* #UD -> SIGILL ILL_ILLOPN */
        static const uint8_t ud[][3] = {
            { 0xf0, 0x89, 0x00 },                  /* lock mov m, r */
            { 0xf0, 0x01, 0xc0 },                  /* lock add r, r */
            { 0xfe, 0xd0, 0 }, { 0xff, 0xf8, 0 },  /* fe /2, ff /7 */
            { 0x0f, 0xff, 0xc0 },                  /* ud0 */
            { 0xf0, 0x90, 0 },                     /* lock nop */
        };
        int i = rnd_below(g, 6);
        b(g, ud[i][0]); b(g, ud[i][1]);
        if (i == 0) { Operand o = pick_mem(g, 4, 1); modrm(g, rnd_below(g, 8), &o); }
        else if (ud[i][2]) b(g, ud[i][2] | rnd_below(g, 8));
        break;
    }
    default: gen_bound(g, true); return;           /* bound out of range: #BR -> SIGSEGV */
    }
    g->ended = true;
}

/* lock on a non-lockable instruction, or on a lockable one with a register destination. */
static void gen_lockud(Gen *g)
{
    static const struct { uint8_t op[2]; uint8_t len, digit; bool mem; } forms[] = {
        { { 0x38 }, 1, 8, true }, { { 0x39 }, 1, 8, true }, { { 0x3a }, 1, 8, true },
        { { 0x3b }, 1, 8, true }, { { 0x80 }, 1, 7, true }, { { 0x83 }, 1, 7, true },
        { { 0x84 }, 1, 8, true }, { { 0x85 }, 1, 8, true }, { { 0x88 }, 1, 8, true },
        { { 0x8b }, 1, 8, true }, { { 0x8d }, 1, 8, true }, { { 0xff }, 1, 6, true },
        { { 0x0f, 0xa3 }, 2, 8, true }, { { 0x0f, 0xb6 }, 2, 8, true }, { { 0xf6 }, 1, 0, true },
        { { 0x01 }, 1, 8, false }, { { 0x87 }, 1, 8, false }, { { 0xfe }, 1, 0, false },
        { { 0x0f, 0xab }, 2, 8, false }, { { 0x0f, 0xc1 }, 2, 8, false },
    };
    int i = rnd_below(g, sizeof(forms) / sizeof(forms[0]));
    Operand o = forms[i].mem ? pick_mem(g, 4, 1) : reg_operand(pick_wreg(g, 4));
    b(g, 0xf0);
    for (int k = 0; k < forms[i].len; k++)
        b(g, forms[i].op[k]);
    modrm(g, forms[i].digit == 8 ? pick_wreg(g, 4) : forms[i].digit, &o);
    if (forms[i].op[0] == 0x80 || forms[i].op[0] == 0x83 || forms[i].op[0] == 0xf6)
        b(g, rnd(g));                              /* imm8 */
    g->ended = true;
}

/* ================================================================== x87 */

/* One x87 table entry: opcode bytes (a ModRM register form when `regform`, the /digit
 * otherwise), which condition codes end defined/undefined, and whether it reads EFLAGS. */
typedef struct X87Op {
    uint8_t op, modrm;       /* modrm: full byte for register forms (low 3 bits = i added) */
    uint8_t memsize;         /* memory forms: operand bytes (0 = register form) */
    uint8_t digit;
    uint16_t cdef, cundef;   /* C bits written defined / left undefined */
    uint8_t kind;            /* 0 plain, 1 fcmov (reads CF ZF PF), 2 fcomi (writes eflags) */
} X87Op;

#define XC_ARITH DT_C1, (DT_C0 | DT_C2 | DT_C3)
#define XC_CMP   DT_CALL, 0
static const X87Op x87_ops[] = {
    /* register forms: d8/dc/de c0+i arithmetic, fld/fst/fxch/fucom/fcom, fcmov, fcomi */
    { 0xd8, 0xc0, 0, 0, XC_ARITH, 0 }, { 0xd8, 0xc8, 0, 0, XC_ARITH, 0 }, { 0xd8, 0xe0, 0, 0, XC_ARITH, 0 },
    { 0xd8, 0xe8, 0, 0, XC_ARITH, 0 }, { 0xd8, 0xf0, 0, 0, XC_ARITH, 0 }, { 0xd8, 0xf8, 0, 0, XC_ARITH, 0 },
    { 0xd8, 0xd0, 0, 0, XC_CMP, 0 },   { 0xd8, 0xd8, 0, 0, XC_CMP, 0 },
    { 0xdc, 0xc0, 0, 0, XC_ARITH, 0 }, { 0xdc, 0xc8, 0, 0, XC_ARITH, 0 }, { 0xdc, 0xe0, 0, 0, XC_ARITH, 0 },
    { 0xdc, 0xe8, 0, 0, XC_ARITH, 0 }, { 0xdc, 0xf0, 0, 0, XC_ARITH, 0 }, { 0xdc, 0xf8, 0, 0, XC_ARITH, 0 },
    { 0xde, 0xc0, 0, 0, XC_ARITH, 0 }, { 0xde, 0xc8, 0, 0, XC_ARITH, 0 }, { 0xde, 0xe0, 0, 0, XC_ARITH, 0 },
    { 0xde, 0xe8, 0, 0, XC_ARITH, 0 }, { 0xde, 0xf0, 0, 0, XC_ARITH, 0 }, { 0xde, 0xf8, 0, 0, XC_ARITH, 0 },
    { 0xd9, 0xc0, 0, 0, XC_ARITH, 0 }, { 0xd9, 0xc8, 0, 0, XC_ARITH, 0 },          /* fld st(i), fxch */
    { 0xdd, 0xd0, 0, 0, XC_ARITH, 0 }, { 0xdd, 0xd8, 0, 0, XC_ARITH, 0 },          /* fst, fstp st(i) */
    { 0xdd, 0xe0, 0, 0, XC_CMP, 0 },   { 0xdd, 0xe8, 0, 0, XC_CMP, 0 },            /* fucom, fucomp */
    { 0xdd, 0xc0, 0, 0, 0, DT_CALL, 0 },                                           /* ffree */
    { 0xda, 0xc0, 0, 0, XC_ARITH, 1 }, { 0xda, 0xc8, 0, 0, XC_ARITH, 1 }, { 0xda, 0xd0, 0, 0, XC_ARITH, 1 },
    { 0xda, 0xd8, 0, 0, XC_ARITH, 1 }, { 0xdb, 0xc0, 0, 0, XC_ARITH, 1 }, { 0xdb, 0xc8, 0, 0, XC_ARITH, 1 },
    { 0xdb, 0xd0, 0, 0, XC_ARITH, 1 }, { 0xdb, 0xd8, 0, 0, XC_ARITH, 1 },
    { 0xdb, 0xe8, 0, 0, DT_C1, 0, 2 }, { 0xdb, 0xf0, 0, 0, DT_C1, 0, 2 },          /* fucomi, fcomi */
    { 0xdf, 0xe8, 0, 0, DT_C1, 0, 2 }, { 0xdf, 0xf0, 0, 0, DT_C1, 0, 2 },          /* fucomip, fcomip */
    /* no-operand forms (modrm is the whole second byte; the low bits are not a register) */
    { 0xd9, 0xe0, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xe1, 0, 8, XC_ARITH, 0 },          /* fchs fabs */
    { 0xd9, 0xe4, 0, 8, XC_CMP, 0 },   { 0xd9, 0xe5, 0, 8, XC_CMP, 0 },            /* ftst fxam */
    { 0xd9, 0xe8, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xe9, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xea, 0, 8, XC_ARITH, 0 },
    { 0xd9, 0xeb, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xec, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xed, 0, 8, XC_ARITH, 0 },
    { 0xd9, 0xee, 0, 8, XC_ARITH, 0 },                                             /* fld1..fldz */
    { 0xd9, 0xf4, 0, 8, XC_ARITH, 0 },                                             /* fxtract */
    { 0xd9, 0xf6, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xf7, 0, 8, XC_ARITH, 0 },          /* fdecstp fincstp */
    { 0xd9, 0xfa, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xfc, 0, 8, XC_ARITH, 0 },          /* fsqrt frndint */
    { 0xde, 0xd9, 0, 8, XC_CMP, 0 },   { 0xda, 0xe9, 0, 8, XC_CMP, 0 },            /* fcompp fucompp */
    { 0xdb, 0xe2, 0, 8, 0, DT_CALL, 0 },                                           /* fnclex */
    /* memory forms: /digit with operand size */
    { 0xd8, 0, 4, 0, XC_ARITH, 0 }, { 0xd8, 0, 4, 1, XC_ARITH, 0 }, { 0xd8, 0, 4, 2, XC_CMP, 0 },
    { 0xd8, 0, 4, 4, XC_ARITH, 0 }, { 0xd8, 0, 4, 5, XC_ARITH, 0 }, { 0xd8, 0, 4, 6, XC_ARITH, 0 },
    { 0xd8, 0, 4, 7, XC_ARITH, 0 }, { 0xd8, 0, 4, 3, XC_CMP, 0 },
    { 0xdc, 0, 8, 0, XC_ARITH, 0 }, { 0xdc, 0, 8, 1, XC_ARITH, 0 }, { 0xdc, 0, 8, 2, XC_CMP, 0 },
    { 0xdc, 0, 8, 4, XC_ARITH, 0 }, { 0xdc, 0, 8, 5, XC_ARITH, 0 }, { 0xdc, 0, 8, 6, XC_ARITH, 0 },
    { 0xdc, 0, 8, 7, XC_ARITH, 0 },
    { 0xda, 0, 4, 0, XC_ARITH, 0 }, { 0xda, 0, 4, 1, XC_ARITH, 0 }, { 0xda, 0, 4, 4, XC_ARITH, 0 },
    { 0xda, 0, 4, 6, XC_ARITH, 0 }, { 0xda, 0, 4, 2, XC_CMP, 0 },                  /* fiadd.. m32int */
    { 0xde, 0, 2, 0, XC_ARITH, 0 }, { 0xde, 0, 2, 1, XC_ARITH, 0 }, { 0xde, 0, 2, 5, XC_ARITH, 0 },
    { 0xde, 0, 2, 7, XC_ARITH, 0 },                                                /* m16int */
    { 0xd9, 0, 4, 0, XC_ARITH, 0 }, { 0xd9, 0, 4, 2, XC_ARITH, 0 }, { 0xd9, 0, 4, 3, XC_ARITH, 0 }, /* fld fst fstp m32 */
    { 0xdd, 0, 8, 0, XC_ARITH, 0 }, { 0xdd, 0, 8, 2, XC_ARITH, 0 }, { 0xdd, 0, 8, 3, XC_ARITH, 0 }, /* m64 */
    { 0xdb, 0, 10, 5, XC_ARITH, 0 }, { 0xdb, 0, 10, 7, XC_ARITH, 0 },              /* fld/fstp m80 */
    { 0xdf, 0, 2, 0, XC_ARITH, 0 }, { 0xdf, 0, 2, 2, XC_ARITH, 0 }, { 0xdf, 0, 2, 3, XC_ARITH, 0 }, /* fild/fist/fistp m16 */
    { 0xdb, 0, 4, 0, XC_ARITH, 0 }, { 0xdb, 0, 4, 2, XC_ARITH, 0 }, { 0xdb, 0, 4, 3, XC_ARITH, 0 }, /* m32int */
    { 0xdf, 0, 8, 5, XC_ARITH, 0 }, { 0xdf, 0, 8, 7, XC_ARITH, 0 },                /* fild/fistp m64 */
    { 0xdf, 0, 10, 4, XC_ARITH, 0 }, { 0xdf, 0, 10, 6, XC_ARITH, 0 },              /* fbld fbstp */
    { 0xd9, 0, 2, 7, 0, DT_CALL, 0 },                                              /* fnstcw */
};

/* The transcendentals: results within 1 ulp of the CPU's are accepted (DT_TOL_TRANS). */
static const X87Op x87_trans_ops[] = {
    { 0xd9, 0xf0, 0, 8, XC_ARITH, 0 }, { 0xd9, 0xf1, 0, 8, XC_ARITH, 0 },          /* f2xm1 fyl2x */
    { 0xd9, 0xf2, 0, 8, DT_C2, DT_C0 | DT_C1 | DT_C3, 0 },                         /* fptan */
    { 0xd9, 0xf3, 0, 8, XC_ARITH, 0 },                                             /* fpatan */
    { 0xd9, 0xf9, 0, 8, XC_ARITH, 0 },                                             /* fyl2xp1 */
    { 0xd9, 0xfb, 0, 8, DT_C2, DT_C0 | DT_C1 | DT_C3, 0 },                         /* fsincos */
    { 0xd9, 0xfe, 0, 8, DT_C2, DT_C0 | DT_C1 | DT_C3, 0 },                         /* fsin */
    { 0xd9, 0xff, 0, 8, DT_C2, DT_C0 | DT_C1 | DT_C3, 0 },                         /* fcos */
};

/* fprem, fprem1 and fscale are exact: always compared bit for bit. */
static const X87Op x87_exact_trans_ops[] = {
    { 0xd9, 0xf5, 0, 8, DT_CALL, 0, 0 }, { 0xd9, 0xf8, 0, 8, DT_CALL, 0, 0 },      /* fprem1 fprem */
    { 0xd9, 0xfd, 0, 8, XC_ARITH, 0 },                                             /* fscale */
};

static void emit_x87(Gen *g, const X87Op *e)
{
    if (e->kind == 1)
        need_flags(g, DT_CF | DT_ZF | DT_PF);
    b(g, e->op);
    if (e->memsize) {
        Operand o = pick_mem(g, e->memsize, 1);
        g->len--;                                  /* a segment prefix goes before the opcode */
        maybe_seg(g, &o);
        b(g, e->op);
        modrm(g, e->digit, &o);
    } else if (e->digit == 8) {
        b(g, e->modrm);
    } else {
        b(g, e->modrm + rnd_below(g, 8));
    }
    g->fsw_def = (g->fsw_def & ~(uint32_t)(e->cdef | e->cundef)) | e->cdef;
    if (e->kind == 2)
        flags_effect(g, DT_STATUS, 0);
}

static void gen_x87(Gen *g)
{
    int r = rnd_below(g, 20);
    if (r == 0) {                                  /* fldcw: precision and rounding, all masked */
        Operand o = pick_mem(g, 2, 2);
        mov_mem_imm(g, &o, 2, 0x3f | (rnd_below(g, 4) << 8) | (rnd_below(g, 4) << 10));
        b(g, 0xd9); modrm(g, 5, &o);
        g->fsw_def &= ~(uint32_t)DT_CALL;
    } else if (r == 1) {                           /* fnstsw ax / m16 (all of FSW must be defined) */
        if ((g->fsw_def & DT_CALL) != DT_CALL) { b(g, 0xd9); b(g, 0xe5); g->fsw_def |= DT_CALL; }  /* fxam */
        if (reg_writable(g, EAX, 4) && chance(g, 50)) { b(g, 0xdf); b(g, 0xe0); }
        else { Operand o = pick_mem(g, 2, 1); b(g, 0xdd); modrm(g, 7, &o); }
    } else {
        emit_x87(g, &x87_ops[rnd_below(g, sizeof(x87_ops) / sizeof(x87_ops[0]))]);
    }
}

/* Exact steps (x87 ops, fprem/fprem1/fscale) and at most one transcendental, which ends the
 * sequence: its operands are then bit-exact on both sides, and only its result gets the
 * 1-ulp allowance (a chain of transcendentals would feed a 1-ulp difference into the next
 * one and widen it). */
static void gen_x87trans(Gen *g)
{
    int r = rnd_below(g, 100);
    if (r < 25) {
        gen_x87(g);
    } else if (r < 60) {
        emit_x87(g, &x87_exact_trans_ops[rnd_below(g, sizeof(x87_exact_trans_ops) /
                                                      sizeof(x87_exact_trans_ops[0]))]);
    } else {
        emit_x87(g, &x87_trans_ops[rnd_below(g, sizeof(x87_trans_ops) / sizeof(x87_trans_ops[0]))]);
        g->ended = true;
        g->trans_end = true;
    }
}

/* x87/SSE state save and restore. The saved instruction/data pointers and opcode (FIP, FCS,
 * FOP, FDP, FDS), the reserved upper halves of the 32-bit environment and, for fxsave,
 * MXCSR_MASK and bytes 288..511 are overwritten before anything can observe them: they are
 * not architectural state loongbt must reproduce bit for bit. Everything else is compared. */
static void clear_dword(Gen *g, uint32_t addr) { Operand o = abs_operand(addr); mov_mem_imm(g, &o, 4, 0); }
static void clear_word(Gen *g, uint32_t addr) { Operand o = abs_operand(addr); mov_mem_imm(g, &o, 2, 0); }

static void gen_x87env(Gen *g)
{
    int kind = rnd_below(g, 3);                    /* 0 fnstenv/fldenv, 1 fnsave/frstor, 2 fxsave/fxrstor */
    static const int sizes[] = { 28, 108, 512 };
    Operand o = pick_mem(g, sizes[kind], kind == 2 ? 16 : 4);
    if (chance(g, 50))
        gen_x87(g);
    if ((g->fsw_def & DT_CALL) != DT_CALL) {       /* the saved FSW must be defined: fxam */
        b(g, 0xd9); b(g, 0xe5);
        g->fsw_def |= DT_CALL;
    }
    switch (kind) {
    case 0: case 1:
        b(g, kind ? 0xdd : 0xd9); modrm(g, 6, &o);    /* fnsave / fnstenv */
        clear_word(g, o.addr + 2); clear_word(g, o.addr + 6); clear_word(g, o.addr + 10);
        for (int off = 12; off <= 24; off += 4)
            clear_dword(g, o.addr + off);
        break;
    default:
        b(g, 0x0f); b(g, 0xae); modrm(g, 0, &o);      /* fxsave */
        clear_word(g, o.addr + 6);
        for (int off = 8; off <= 20; off += 4)
            clear_dword(g, o.addr + off);
        clear_dword(g, o.addr + 28);
        mov_reg_imm(g, EDI, 4, o.addr + 288);          /* rep stosd over 288..511 */
        mov_reg_imm(g, ECX, 4, 56);
        mov_reg_imm(g, EAX, 4, 0);
        b(g, 0xfc); b(g, 0xf3); b(g, 0xab);
        break;
    }
    if (chance(g, 50))
        gen_x87(g);
    if (chance(g, 70)) {                           /* restore what was saved */
        if (kind == 2) { b(g, 0x0f); b(g, 0xae); modrm(g, 1, &o); }
        else { b(g, kind ? 0xdd : 0xd9); modrm(g, 4, &o); }
        g->fsw_def |= DT_CALL;
    }
}

/* ================================================================== MMX / SSE / SSE2 */

/* Operand shapes of a vector entry. */
enum {
    V_MM_MM64,    /* mm, mm/m64 */
    V_MM_IMM,     /* mm, imm8 (0f 71/72/73 /digit) */
    V_X_X128,     /* xmm, xmm/m128 (aligned) */
    V_X_X128U,    /* xmm, xmm/m128 (unaligned allowed) */
    V_X_X64,      /* xmm, xmm/m64 */
    V_X_X32,      /* xmm, xmm/m32 */
    V_X_IMM,      /* xmm, imm8 (66 0f 71/72/73 /digit) */
    V_X_MM64,     /* xmm, mm/m64 */
    V_MM_X128,    /* mm, xmm/m128 (cvtpd2pi) */
    V_MM_X64,     /* mm, xmm/m64 */
    V_R_X32,      /* r32, xmm/m32 (cvtss2si) */
    V_R_X64,      /* r32, xmm/m64 (cvtsd2si) */
    V_X_RM32,     /* xmm, r/m32 (cvtsi2ss, movd) */
    V_MM_RM32,    /* mm, r/m32 (movd) */
    V_RM32_MM,    /* r/m32, mm (movd store: reg field is the mm) */
    V_RM32_X,     /* r/m32, xmm */
    V_M64_MM,     /* m64, mm (movq/movntq store) */
    V_M_X128,     /* m128, xmm store (aligned) */
    V_M_X64,      /* m64, xmm store */
    V_R_MM,       /* r32, mm (pmovmskb, pextrw with imm) */
    V_R_X,        /* r32, xmm (movmskps/pd, pmovmskb) */
    V_X_X,        /* xmm, xmm register only (movhlps...) */
    V_X_M64,      /* xmm, m64 only (movlps/movhps load) */
    V_MM_R32,     /* mm, r32/m16 (pinsrw) */
    V_X_R32,      /* xmm, r32/m16 (pinsrw) */
    V_X_M128U,    /* xmm, m128 only, unaligned (lddqu) */
};

typedef struct VecOp {
    uint8_t prefix;          /* 0, 0x66, 0xf2, 0xf3 */
    uint16_t op;             /* byte after 0f; 0x38xx / 0x3axx: three-byte opcodes */
    uint8_t shape;
    uint8_t digit;           /* /digit for V_*_IMM; 0xff otherwise */
    uint8_t imm;             /* 1: imm8 follows; 2: imm8 < 8 (compare predicates) */
    uint8_t eflags;          /* 1: writes ZF PF CF, clears OF SF AF (comis/ucomis) */
} VecOp;

#define VN 0xff
static const VecOp mmx_ops[] = {
    { 0, 0x60, V_MM_MM64, VN, 0, 0 }, { 0, 0x61, V_MM_MM64, VN, 0, 0 }, { 0, 0x62, V_MM_MM64, VN, 0, 0 },
    { 0, 0x63, V_MM_MM64, VN, 0, 0 }, { 0, 0x64, V_MM_MM64, VN, 0, 0 }, { 0, 0x65, V_MM_MM64, VN, 0, 0 },
    { 0, 0x66, V_MM_MM64, VN, 0, 0 }, { 0, 0x67, V_MM_MM64, VN, 0, 0 }, { 0, 0x68, V_MM_MM64, VN, 0, 0 },
    { 0, 0x69, V_MM_MM64, VN, 0, 0 }, { 0, 0x6a, V_MM_MM64, VN, 0, 0 }, { 0, 0x6b, V_MM_MM64, VN, 0, 0 },
    { 0, 0x6e, V_MM_RM32, VN, 0, 0 }, { 0, 0x6f, V_MM_MM64, VN, 0, 0 }, { 0, 0x7e, V_RM32_MM, VN, 0, 0 },
    { 0, 0x7f, V_M64_MM, VN, 0, 0 },
    { 0, 0x71, V_MM_IMM, 2, 1, 0 }, { 0, 0x71, V_MM_IMM, 4, 1, 0 }, { 0, 0x71, V_MM_IMM, 6, 1, 0 },
    { 0, 0x72, V_MM_IMM, 2, 1, 0 }, { 0, 0x72, V_MM_IMM, 4, 1, 0 }, { 0, 0x72, V_MM_IMM, 6, 1, 0 },
    { 0, 0x73, V_MM_IMM, 2, 1, 0 }, { 0, 0x73, V_MM_IMM, 6, 1, 0 },
    { 0, 0x74, V_MM_MM64, VN, 0, 0 }, { 0, 0x75, V_MM_MM64, VN, 0, 0 }, { 0, 0x76, V_MM_MM64, VN, 0, 0 },
    { 0, 0xd1, V_MM_MM64, VN, 0, 0 }, { 0, 0xd2, V_MM_MM64, VN, 0, 0 }, { 0, 0xd3, V_MM_MM64, VN, 0, 0 },
    { 0, 0xd5, V_MM_MM64, VN, 0, 0 }, { 0, 0xd8, V_MM_MM64, VN, 0, 0 }, { 0, 0xd9, V_MM_MM64, VN, 0, 0 },
    { 0, 0xdb, V_MM_MM64, VN, 0, 0 }, { 0, 0xdc, V_MM_MM64, VN, 0, 0 }, { 0, 0xdd, V_MM_MM64, VN, 0, 0 },
    { 0, 0xdf, V_MM_MM64, VN, 0, 0 }, { 0, 0xe1, V_MM_MM64, VN, 0, 0 }, { 0, 0xe2, V_MM_MM64, VN, 0, 0 },
    { 0, 0xe5, V_MM_MM64, VN, 0, 0 }, { 0, 0xe8, V_MM_MM64, VN, 0, 0 }, { 0, 0xe9, V_MM_MM64, VN, 0, 0 },
    { 0, 0xeb, V_MM_MM64, VN, 0, 0 }, { 0, 0xec, V_MM_MM64, VN, 0, 0 }, { 0, 0xed, V_MM_MM64, VN, 0, 0 },
    { 0, 0xef, V_MM_MM64, VN, 0, 0 }, { 0, 0xf1, V_MM_MM64, VN, 0, 0 }, { 0, 0xf2, V_MM_MM64, VN, 0, 0 },
    { 0, 0xf3, V_MM_MM64, VN, 0, 0 }, { 0, 0xf5, V_MM_MM64, VN, 0, 0 }, { 0, 0xf8, V_MM_MM64, VN, 0, 0 },
    { 0, 0xf9, V_MM_MM64, VN, 0, 0 }, { 0, 0xfa, V_MM_MM64, VN, 0, 0 }, { 0, 0xfc, V_MM_MM64, VN, 0, 0 },
    { 0, 0xfd, V_MM_MM64, VN, 0, 0 }, { 0, 0xfe, V_MM_MM64, VN, 0, 0 },
    { 0, 0x77, V_MM_MM64, 8, 0, 0 },                                           /* emms (no operand) */
};

static const VecOp sse_ops[] = {
    /* packed/scalar single arithmetic: 51 sqrt 58 add 59 mul 5c sub 5d min 5e div 5f max */
    { 0, 0x51, V_X_X128, VN, 0, 0 }, { 0, 0x58, V_X_X128, VN, 0, 0 }, { 0, 0x59, V_X_X128, VN, 0, 0 },
    { 0, 0x5c, V_X_X128, VN, 0, 0 }, { 0, 0x5d, V_X_X128, VN, 0, 0 }, { 0, 0x5e, V_X_X128, VN, 0, 0 },
    { 0, 0x5f, V_X_X128, VN, 0, 0 },
    { 0xf3, 0x51, V_X_X32, VN, 0, 0 }, { 0xf3, 0x58, V_X_X32, VN, 0, 0 }, { 0xf3, 0x59, V_X_X32, VN, 0, 0 },
    { 0xf3, 0x5c, V_X_X32, VN, 0, 0 }, { 0xf3, 0x5d, V_X_X32, VN, 0, 0 }, { 0xf3, 0x5e, V_X_X32, VN, 0, 0 },
    { 0xf3, 0x5f, V_X_X32, VN, 0, 0 },
    /* logic, moves, shuffles */
    { 0, 0x54, V_X_X128, VN, 0, 0 }, { 0, 0x55, V_X_X128, VN, 0, 0 }, { 0, 0x56, V_X_X128, VN, 0, 0 },
    { 0, 0x57, V_X_X128, VN, 0, 0 }, { 0, 0x14, V_X_X128, VN, 0, 0 }, { 0, 0x15, V_X_X128, VN, 0, 0 },
    { 0, 0x28, V_X_X128, VN, 0, 0 }, { 0, 0x29, V_M_X128, VN, 0, 0 }, { 0, 0x10, V_X_X128U, VN, 0, 0 },
    { 0, 0x11, V_M_X128, VN, 0, 0 }, { 0xf3, 0x10, V_X_X32, VN, 0, 0 }, { 0, 0x12, V_X_M64, VN, 0, 0 },
    { 0, 0x16, V_X_M64, VN, 0, 0 }, { 0, 0x13, V_M_X64, VN, 0, 0 }, { 0, 0x17, V_M_X64, VN, 0, 0 },
    { 0, 0x12, V_X_X, VN, 0, 0 }, { 0, 0x16, V_X_X, VN, 0, 0 },                /* movhlps movlhps */
    { 0, 0xc6, V_X_X128, VN, 1, 0 }, { 0, 0x50, V_R_X, VN, 0, 0 },             /* shufps movmskps */
    { 0, 0xc2, V_X_X128, VN, 2, 0 }, { 0xf3, 0xc2, V_X_X32, VN, 2, 0 },        /* cmpps cmpss */
    { 0, 0x2e, V_X_X32, VN, 0, 1 }, { 0, 0x2f, V_X_X32, VN, 0, 1 },            /* ucomiss comiss */
    /* conversions */
    { 0, 0x2a, V_X_MM64, VN, 0, 0 }, { 0, 0x2d, V_MM_X64, VN, 0, 0 }, { 0, 0x2c, V_MM_X64, VN, 0, 0 },
    { 0xf3, 0x2a, V_X_RM32, VN, 0, 0 }, { 0xf3, 0x2d, V_R_X32, VN, 0, 0 }, { 0xf3, 0x2c, V_R_X32, VN, 0, 0 },
    /* MMX extensions */
    { 0, 0xe0, V_MM_MM64, VN, 0, 0 }, { 0, 0xe3, V_MM_MM64, VN, 0, 0 }, { 0, 0xea, V_MM_MM64, VN, 0, 0 },
    { 0, 0xda, V_MM_MM64, VN, 0, 0 }, { 0, 0xee, V_MM_MM64, VN, 0, 0 }, { 0, 0xde, V_MM_MM64, VN, 0, 0 },
    { 0, 0xe4, V_MM_MM64, VN, 0, 0 }, { 0, 0xf6, V_MM_MM64, VN, 0, 0 }, { 0, 0x70, V_MM_MM64, VN, 1, 0 },
    { 0, 0xd7, V_R_MM, VN, 0, 0 }, { 0, 0xc5, V_R_MM, VN, 1, 0 }, { 0, 0xc4, V_MM_R32, VN, 1, 0 },
    { 0, 0xe7, V_M64_MM, VN, 0, 0 }, { 0, 0x2b, V_M_X128, VN, 0, 0 },         /* movntq movntps */
};

static const VecOp sse2_ops[] = {
    /* packed/scalar double arithmetic */
    { 0x66, 0x51, V_X_X128, VN, 0, 0 }, { 0x66, 0x58, V_X_X128, VN, 0, 0 }, { 0x66, 0x59, V_X_X128, VN, 0, 0 },
    { 0x66, 0x5c, V_X_X128, VN, 0, 0 }, { 0x66, 0x5d, V_X_X128, VN, 0, 0 }, { 0x66, 0x5e, V_X_X128, VN, 0, 0 },
    { 0x66, 0x5f, V_X_X128, VN, 0, 0 },
    { 0xf2, 0x51, V_X_X64, VN, 0, 0 }, { 0xf2, 0x58, V_X_X64, VN, 0, 0 }, { 0xf2, 0x59, V_X_X64, VN, 0, 0 },
    { 0xf2, 0x5c, V_X_X64, VN, 0, 0 }, { 0xf2, 0x5d, V_X_X64, VN, 0, 0 }, { 0xf2, 0x5e, V_X_X64, VN, 0, 0 },
    { 0xf2, 0x5f, V_X_X64, VN, 0, 0 },
    { 0x66, 0x54, V_X_X128, VN, 0, 0 }, { 0x66, 0x55, V_X_X128, VN, 0, 0 }, { 0x66, 0x56, V_X_X128, VN, 0, 0 },
    { 0x66, 0x57, V_X_X128, VN, 0, 0 }, { 0x66, 0x14, V_X_X128, VN, 0, 0 }, { 0x66, 0x15, V_X_X128, VN, 0, 0 },
    { 0x66, 0x28, V_X_X128, VN, 0, 0 }, { 0x66, 0x29, V_M_X128, VN, 0, 0 }, { 0x66, 0x10, V_X_X128U, VN, 0, 0 },
    { 0xf2, 0x10, V_X_X64, VN, 0, 0 }, { 0xf2, 0x11, V_M_X64, VN, 0, 0 }, { 0x66, 0x12, V_X_M64, VN, 0, 0 },
    { 0x66, 0x16, V_X_M64, VN, 0, 0 }, { 0x66, 0xc6, V_X_X128, VN, 1, 0 }, { 0x66, 0x50, V_R_X, VN, 0, 0 },
    { 0x66, 0xc2, V_X_X128, VN, 2, 0 }, { 0xf2, 0xc2, V_X_X64, VN, 2, 0 },
    { 0x66, 0x2e, V_X_X64, VN, 0, 1 }, { 0x66, 0x2f, V_X_X64, VN, 0, 1 },
    /* conversions */
    { 0xf3, 0xe6, V_X_X64, VN, 0, 0 }, { 0xf2, 0xe6, V_X_X128, VN, 0, 0 }, { 0x66, 0xe6, V_X_X128, VN, 0, 0 },
    { 0, 0x5a, V_X_X64, VN, 0, 0 }, { 0x66, 0x5a, V_X_X128, VN, 0, 0 }, { 0xf3, 0x5a, V_X_X32, VN, 0, 0 },
    { 0xf2, 0x5a, V_X_X64, VN, 0, 0 }, { 0, 0x5b, V_X_X128, VN, 0, 0 }, { 0x66, 0x5b, V_X_X128, VN, 0, 0 },
    { 0xf3, 0x5b, V_X_X128, VN, 0, 0 }, { 0x66, 0x2a, V_X_MM64, VN, 0, 0 }, { 0x66, 0x2d, V_MM_X128, VN, 0, 0 },
    { 0x66, 0x2c, V_MM_X128, VN, 0, 0 }, { 0xf2, 0x2a, V_X_RM32, VN, 0, 0 }, { 0xf2, 0x2d, V_R_X64, VN, 0, 0 },
    { 0xf2, 0x2c, V_R_X64, VN, 0, 0 },
    /* 128-bit integer */
    { 0x66, 0x60, V_X_X128, VN, 0, 0 }, { 0x66, 0x61, V_X_X128, VN, 0, 0 }, { 0x66, 0x62, V_X_X128, VN, 0, 0 },
    { 0x66, 0x63, V_X_X128, VN, 0, 0 }, { 0x66, 0x64, V_X_X128, VN, 0, 0 }, { 0x66, 0x65, V_X_X128, VN, 0, 0 },
    { 0x66, 0x66, V_X_X128, VN, 0, 0 }, { 0x66, 0x67, V_X_X128, VN, 0, 0 }, { 0x66, 0x68, V_X_X128, VN, 0, 0 },
    { 0x66, 0x69, V_X_X128, VN, 0, 0 }, { 0x66, 0x6a, V_X_X128, VN, 0, 0 }, { 0x66, 0x6b, V_X_X128, VN, 0, 0 },
    { 0x66, 0x6c, V_X_X128, VN, 0, 0 }, { 0x66, 0x6d, V_X_X128, VN, 0, 0 }, { 0x66, 0x6e, V_X_RM32, VN, 0, 0 },
    { 0x66, 0x6f, V_X_X128, VN, 0, 0 }, { 0xf3, 0x6f, V_X_X128U, VN, 0, 0 }, { 0x66, 0x7e, V_RM32_X, VN, 0, 0 },
    { 0xf3, 0x7e, V_X_X64, VN, 0, 0 }, { 0x66, 0xd6, V_M_X64, VN, 0, 0 }, { 0x66, 0x7f, V_M_X128, VN, 0, 0 },
    { 0x66, 0x70, V_X_X128, VN, 1, 0 }, { 0xf3, 0x70, V_X_X128, VN, 1, 0 }, { 0xf2, 0x70, V_X_X128, VN, 1, 0 },
    { 0x66, 0x71, V_X_IMM, 2, 1, 0 }, { 0x66, 0x71, V_X_IMM, 4, 1, 0 }, { 0x66, 0x71, V_X_IMM, 6, 1, 0 },
    { 0x66, 0x72, V_X_IMM, 2, 1, 0 }, { 0x66, 0x72, V_X_IMM, 4, 1, 0 }, { 0x66, 0x72, V_X_IMM, 6, 1, 0 },
    { 0x66, 0x73, V_X_IMM, 2, 1, 0 }, { 0x66, 0x73, V_X_IMM, 3, 1, 0 }, { 0x66, 0x73, V_X_IMM, 6, 1, 0 },
    { 0x66, 0x73, V_X_IMM, 7, 1, 0 },
    { 0x66, 0x74, V_X_X128, VN, 0, 0 }, { 0x66, 0x75, V_X_X128, VN, 0, 0 }, { 0x66, 0x76, V_X_X128, VN, 0, 0 },
    { 0x66, 0xd1, V_X_X128, VN, 0, 0 }, { 0x66, 0xd2, V_X_X128, VN, 0, 0 }, { 0x66, 0xd3, V_X_X128, VN, 0, 0 },
    { 0x66, 0xd4, V_X_X128, VN, 0, 0 }, { 0x66, 0xd5, V_X_X128, VN, 0, 0 }, { 0x66, 0xd7, V_R_X, VN, 0, 0 },
    { 0x66, 0xd8, V_X_X128, VN, 0, 0 }, { 0x66, 0xd9, V_X_X128, VN, 0, 0 }, { 0x66, 0xda, V_X_X128, VN, 0, 0 },
    { 0x66, 0xdb, V_X_X128, VN, 0, 0 }, { 0x66, 0xdc, V_X_X128, VN, 0, 0 }, { 0x66, 0xdd, V_X_X128, VN, 0, 0 },
    { 0x66, 0xde, V_X_X128, VN, 0, 0 }, { 0x66, 0xdf, V_X_X128, VN, 0, 0 }, { 0x66, 0xe0, V_X_X128, VN, 0, 0 },
    { 0x66, 0xe1, V_X_X128, VN, 0, 0 }, { 0x66, 0xe2, V_X_X128, VN, 0, 0 }, { 0x66, 0xe3, V_X_X128, VN, 0, 0 },
    { 0x66, 0xe4, V_X_X128, VN, 0, 0 }, { 0x66, 0xe5, V_X_X128, VN, 0, 0 }, { 0x66, 0xe8, V_X_X128, VN, 0, 0 },
    { 0x66, 0xe9, V_X_X128, VN, 0, 0 }, { 0x66, 0xea, V_X_X128, VN, 0, 0 }, { 0x66, 0xeb, V_X_X128, VN, 0, 0 },
    { 0x66, 0xec, V_X_X128, VN, 0, 0 }, { 0x66, 0xed, V_X_X128, VN, 0, 0 }, { 0x66, 0xee, V_X_X128, VN, 0, 0 },
    { 0x66, 0xef, V_X_X128, VN, 0, 0 }, { 0x66, 0xf1, V_X_X128, VN, 0, 0 }, { 0x66, 0xf2, V_X_X128, VN, 0, 0 },
    { 0x66, 0xf3, V_X_X128, VN, 0, 0 }, { 0x66, 0xf4, V_X_X128, VN, 0, 0 }, { 0x66, 0xf5, V_X_X128, VN, 0, 0 },
    { 0x66, 0xf6, V_X_X128, VN, 0, 0 }, { 0x66, 0xf8, V_X_X128, VN, 0, 0 }, { 0x66, 0xf9, V_X_X128, VN, 0, 0 },
    { 0x66, 0xfa, V_X_X128, VN, 0, 0 }, { 0x66, 0xfb, V_X_X128, VN, 0, 0 }, { 0x66, 0xfc, V_X_X128, VN, 0, 0 },
    { 0x66, 0xfd, V_X_X128, VN, 0, 0 }, { 0x66, 0xfe, V_X_X128, VN, 0, 0 },
    { 0, 0xd4, V_MM_MM64, VN, 0, 0 }, { 0, 0xf4, V_MM_MM64, VN, 0, 0 }, { 0, 0xfb, V_MM_MM64, VN, 0, 0 },
    { 0x66, 0xc4, V_X_R32, VN, 1, 0 }, { 0x66, 0xc5, V_R_X, VN, 1, 0 },
    { 0xf3, 0xd6, V_X_X, VN, 0, 0 }, { 0x66, 0xe7, V_M_X128, VN, 0, 0 },      /* movq2dq(xmm,mm) movntdq */
};

static void emit_vec(Gen *g, const VecOp *e)
{
    int reg = rnd_below(g, 8);
    Operand o;
    bool reg_is_gpr = false;
    switch (e->shape) {
    case V_MM_MM64: case V_X_X64: case V_X_MM64: case V_MM_X64:
        o = chance(g, 35) ? pick_mem(g, 8, 8) : reg_operand(rnd_below(g, 8)); break;
    case V_X_X128: case V_MM_X128:
        o = chance(g, 35) ? pick_mem(g, 16, 16) : reg_operand(rnd_below(g, 8)); break;
    case V_X_X128U:
        o = chance(g, 35) ? pick_mem(g, 16, 1) : reg_operand(rnd_below(g, 8)); break;
    case V_X_X32:
        o = chance(g, 35) ? pick_mem(g, 4, 4) : reg_operand(rnd_below(g, 8)); break;
    case V_R_X32: case V_R_X64:
        o = chance(g, 35) ? pick_mem(g, e->shape == V_R_X32 ? 4 : 8, 4) : reg_operand(rnd_below(g, 8));
        reg = pick_wreg(g, 4); break;
    case V_X_RM32: case V_MM_RM32: case V_X_R32: case V_MM_R32:
        o = chance(g, 35) ? pick_mem(g, 4, 4) : reg_operand(rnd_below(g, 8)); break;
    case V_RM32_MM: case V_RM32_X:
        o = chance(g, 35) ? pick_mem(g, 4, 4) : reg_operand(pick_wreg(g, 4)); break;
    case V_M64_MM: case V_M_X64:
        o = pick_mem(g, 8, 8); break;
    case V_M_X128:
        o = pick_mem(g, 16, 16); break;
    case V_X_M64:
        o = pick_mem(g, 8, 8); break;
    case V_X_M128U:
        o = pick_mem(g, 16, 1); break;
    case V_R_MM: case V_R_X:
        o = reg_operand(rnd_below(g, 8)); reg = pick_wreg(g, 4); reg_is_gpr = true; break;
    case V_X_X:
        o = reg_operand(rnd_below(g, 8)); break;
    case V_MM_IMM: case V_X_IMM:
        o = reg_operand(rnd_below(g, 8)); reg = e->digit; break;
    default:
        return;
    }
    (void)reg_is_gpr;
    if (e->prefix) b(g, e->prefix);
    b(g, 0x0f);
    if (e->op > 0xff)
        b(g, e->op >> 8);
    b(g, e->op & 0xff);
    if (e->digit == 8)                              /* emms: no ModRM */
        return;
    modrm(g, reg, &o);
    if (e->imm == 1) b(g, (e->shape == V_MM_IMM || e->shape == V_X_IMM) && chance(g, 70) ? rnd_below(g, 70) : rnd(g));
    else if (e->imm == 2) b(g, rnd_below(g, 8));
    if (e->eflags) flags_effect(g, DT_STATUS, 0);
}

static const VecOp sse3_ops[] = {
    { 0x66, 0xd0, V_X_X128, VN, 0, 0 }, { 0xf2, 0xd0, V_X_X128, VN, 0, 0 },   /* addsubpd/ps */
    { 0x66, 0x7c, V_X_X128, VN, 0, 0 }, { 0xf2, 0x7c, V_X_X128, VN, 0, 0 },   /* haddpd/ps */
    { 0x66, 0x7d, V_X_X128, VN, 0, 0 }, { 0xf2, 0x7d, V_X_X128, VN, 0, 0 },   /* hsubpd/ps */
    { 0xf3, 0x16, V_X_X128, VN, 0, 0 }, { 0xf3, 0x12, V_X_X128, VN, 0, 0 },   /* movshdup movsldup */
    { 0xf2, 0x12, V_X_X64, VN, 0, 0 }, { 0xf2, 0xf0, V_X_M128U, VN, 0, 0 },   /* movddup lddqu */
};

static const X87Op fisttp_ops[] = {
    { 0xdf, 0, 2, 1, XC_ARITH, 0 }, { 0xdb, 0, 4, 1, XC_ARITH, 0 }, { 0xdd, 0, 8, 1, XC_ARITH, 0 },
};

/* SSSE3 0f 38 xx: every op in both the mm (no prefix) and the xmm (66) form. */
static const uint8_t ssse3_op38[] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x1c, 0x1d, 0x1e,
};

static void gen_sse2(Gen *g);

static void gen_sse3(Gen *g)
{
    if (chance(g, 15))
        emit_x87(g, &fisttp_ops[rnd_below(g, 3)]);
    else if (chance(g, 10))
        gen_sse2(g);
    else
        emit_vec(g, &sse3_ops[rnd_below(g, sizeof(sse3_ops) / sizeof(sse3_ops[0]))]);
}

static void gen_ssse3(Gen *g)
{
    bool xmm = chance(g, 60);
    VecOp e = { xmm ? 0x66 : 0, 0, xmm ? V_X_X128 : V_MM_MM64, VN, 0, 0 };
    if (chance(g, 12)) {
        e.op = 0x3a0f;                              /* palignr */
        e.imm = 1;
    } else {
        e.op = 0x3800 | ssse3_op38[rnd_below(g, sizeof(ssse3_op38))];
    }
    emit_vec(g, &e);
}

static void gen_mmx(Gen *g) { emit_vec(g, &mmx_ops[rnd_below(g, sizeof(mmx_ops) / sizeof(mmx_ops[0]))]); }

static void gen_sse(Gen *g)
{
    if (chance(g, 5)) {                            /* ldmxcsr: rounding, FZ, DAZ; all masked */
        Operand o = pick_mem(g, 4, 4);
        mov_mem_imm(g, &o, 4, 0x1f80 | (rnd_below(g, 4) << 13) | (chance(g, 30) ? 0x8000 : 0) |
                    (chance(g, 30) ? 0x40 : 0) | rnd_below(g, 64));
        b(g, 0x0f); b(g, 0xae); modrm(g, 2, &o);
        return;
    }
    if (chance(g, 3)) { Operand o = pick_mem(g, 4, 4); b(g, 0x0f); b(g, 0xae); modrm(g, 3, &o); return; } /* stmxcsr */
    emit_vec(g, &sse_ops[rnd_below(g, sizeof(sse_ops) / sizeof(sse_ops[0]))]);
}

static void gen_sse2(Gen *g)
{
    if (chance(g, 5)) { gen_sse(g); return; }
    emit_vec(g, &sse2_ops[rnd_below(g, sizeof(sse2_ops) / sizeof(sse2_ops[0]))]);
}

/* ================================================================== sequences */

void (*dt_trace)(const uint8_t *code, int len, uint32_t flags_def);

typedef void (*gen_fn)(Gen *g);
static const gen_fn family_gen[DT_FAM_NB] = {
    [DT_FAM_alu] = gen_alu, [DT_FAM_shift] = gen_shift, [DT_FAM_muldiv] = gen_muldiv,
    [DT_FAM_bitops] = gen_bitops, [DT_FAM_cond] = gen_cond, [DT_FAM_string] = gen_string,
    [DT_FAM_bcd] = gen_bcd, [DT_FAM_misc] = gen_misc, [DT_FAM_fault] = gen_fault,
    [DT_FAM_lockud] = gen_lockud,
    [DT_FAM_x87] = gen_x87, [DT_FAM_x87trans] = gen_x87trans, [DT_FAM_x87env] = gen_x87env,
    [DT_FAM_mmx] = gen_mmx,
    [DT_FAM_sse] = gen_sse, [DT_FAM_sse2] = gen_sse2, [DT_FAM_sse3] = gen_sse3,
    [DT_FAM_ssse3] = gen_ssse3,
};

void dt_generate(int family, uint32_t seed, uint32_t index, DtRecord *rec)
{
    Gen g = { 0 };
    memset(rec, 0, sizeof(*rec));
    /* one independent stream per (seed, index): mix both (splitmix-style), never 0 */
    uint32_t x = seed * 0x9e3779b9u ^ (index + 1) * 0x85ebca6bu ^ (uint32_t)family * 0xc2b2ae35u;
    x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16;
    g.rng = x ? x : 0x1234567;
    g.code = rec->code;
    g.family = family;

    /* base and index registers: never eax/ecx/edx (implicit operands of mul/div/shifts); the
     * string family also keeps esi/edi free. */
    static const int base_any[] = { EBX, EBP, ESI, EDI }, base_str[] = { EBX, EBP };
    bool str = family == DT_FAM_string || family == DT_FAM_x87env;
    const int *pool = str ? base_str : base_any;
    int npool = str ? 2 : 4;
    g.base = pool[rnd_below(&g, npool)];
    g.index = -1;
    if (chance(&g, 70)) {
        do g.index = pool[rnd_below(&g, npool)]; while (g.index == g.base);
    }
    g.base_val = DT_BUF + DT_BASE_OFF + (chance(&g, 60) ? 16 * rnd_below(&g, 8) : rnd_below(&g, 128));
    g.index_val = chance(&g, 50) ? rnd_below(&g, 16) : 16 * rnd_below(&g, 2);
    g.esp_val = DT_BUF + DT_STACK_OFF;
    g.reserved = REGBIT(ESP) | REGBIT(g.base) | (g.index >= 0 ? REGBIT(g.index) : 0);

    for (int r = 0; r < 8; r++)
        rec->regs[r] = rnd_value(&g);
    rec->regs[ESP] = g.esp_val;
    rec->regs[g.base] = g.base_val;
    if (g.index >= 0) rec->regs[g.index] = g.index_val;
    rec->eflags = (rnd(&g) & DT_STATUS) | (chance(&g, 20) ? DT_DF : 0) | (chance(&g, 20) ? DT_ID : 0);
    rec->seed = rnd(&g);

    g.flags_def = DT_STATUS | DT_DF | DT_ID;
    g.reg_def = 0xff;
    g.fsw_def = 0xffff;
    int n = 1 + rnd_below(&g, 6);
    for (int i = 0; i < n && !g.ended && g.len < DT_MAX_CODE - 200; i++) {
        int before = g.len;
        family_gen[family](&g);
        if (g.len >= DT_MAX_CODE) {                /* a step did not fit: drop it, stop */
            g.len = before;
            g.ended = false;
            g.trans_end = false;
            break;
        }
        if (dt_trace)
            dt_trace(rec->code + before, g.len - before, g.flags_def);
    }
    rec->family = family;
    rec->len = g.len;
    rec->flag_mask = g.flags_def;
    rec->reg_mask = g.reg_def;
    rec->fsw_mask = g.fsw_def | (g.trans_end ? DT_TOL_TRANS : 0);
}
