/*
 * dispatch.c - micro-benchmark for indirect control transfer: a small bytecode interpreter run
 * two ways, through a table of handler function pointers (indirect calls) and through a
 * `switch` that the compiler turns into a jump table (indirect jumps).  The bytecode program
 * is a loop computing a checksum, so every executed instruction is one indirect transfer whose
 * target changes from one instruction to the next - the case a translator's indirect-branch
 * lookup (jump cache, hash table, prediction) has to make fast.
 * Usage: dispatch [scale]   (scale 1 is about 1 s natively; the work grows linearly)
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

enum op { OP_LOADI, OP_ADD, OP_XOR, OP_MUL, OP_SHR, OP_DEC, OP_JNZ, OP_SWAP, OP_HALT, OP_COUNT };
struct insn { uint8_t op, a; int16_t imm; };
struct vm { uint32_t r[4]; int pc; int running; };

/* acc = r0, counter = r1: for (r1 = n; r1; r1--) r0 = ((r0 * 33) ^ r1) + (r0 >> 5) ... */
static const struct insn program[] = {
    { OP_LOADI, 1, 0 },          /* r1 = n (patched at run time) */
    { OP_LOADI, 0, 7 },
    { OP_MUL, 0, 33 },           /* 2: loop */
    { OP_XOR, 0, 1 },
    { OP_SWAP, 2, 0 },
    { OP_SHR, 2, 5 },
    { OP_ADD, 0, 2 },
    { OP_SWAP, 2, 0 },
    { OP_ADD, 0, 2 },
    { OP_DEC, 1, 0 },
    { OP_JNZ, 1, 2 },
    { OP_HALT, 0, 0 },
};
static uint32_t loop_count;

typedef void handler(struct vm *, const struct insn *);
static void h_loadi(struct vm *m, const struct insn *i) { m->r[i->a] = i->a == 1 ? loop_count : (uint32_t)i->imm; m->pc++; }
static void h_add(struct vm *m, const struct insn *i) { m->r[i->a] += m->r[i->imm]; m->pc++; }
static void h_xor(struct vm *m, const struct insn *i) { m->r[i->a] ^= m->r[i->imm]; m->pc++; }
static void h_mul(struct vm *m, const struct insn *i) { m->r[i->a] *= (uint32_t)i->imm; m->pc++; }
static void h_shr(struct vm *m, const struct insn *i) { m->r[i->a] >>= i->imm; m->pc++; }
static void h_dec(struct vm *m, const struct insn *i) { m->r[i->a]--; m->pc++; }
static void h_jnz(struct vm *m, const struct insn *i) { m->pc = m->r[i->a] ? i->imm : m->pc + 1; }
static void h_swap(struct vm *m, const struct insn *i)
{
    uint32_t t = m->r[i->a];
    m->r[i->a] = m->r[i->imm];
    m->r[i->imm] = t;
    m->pc++;
}
static void h_halt(struct vm *m, const struct insn *i) { (void)i; m->running = 0; }
static handler *const handlers[OP_COUNT] = {
    h_loadi, h_add, h_xor, h_mul, h_shr, h_dec, h_jnz, h_swap, h_halt,
};

static uint32_t run_table(void)
{
    struct vm m = { { 0 }, 0, 1 };
    while (m.running)
        handlers[program[m.pc].op](&m, &program[m.pc]);
    return m.r[0];
}

static uint32_t run_switch(void)
{
    uint32_t r[4] = { 0 };
    int pc = 0;
    for (;;) {
        const struct insn *i = &program[pc];
        switch (i->op) {
        case OP_LOADI: r[i->a] = i->a == 1 ? loop_count : (uint32_t)i->imm; pc++; break;
        case OP_ADD: r[i->a] += r[i->imm]; pc++; break;
        case OP_XOR: r[i->a] ^= r[i->imm]; pc++; break;
        case OP_MUL: r[i->a] *= (uint32_t)i->imm; pc++; break;
        case OP_SHR: r[i->a] >>= i->imm; pc++; break;
        case OP_DEC: r[i->a]--; pc++; break;
        case OP_JNZ: pc = r[i->a] ? i->imm : pc + 1; break;
        case OP_SWAP: { uint32_t t = r[i->a]; r[i->a] = r[i->imm]; r[i->imm] = t; pc++; break; }
        default: return r[0];
        }
    }
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    loop_count = (uint32_t)(18000000 * scale) + 1;
    uint32_t a = run_table(), b = run_switch();
    printf("dispatch table %08x switch %08x\n", a, b);
    return a != b;
}
