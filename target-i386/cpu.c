/*
 * cpu.c - i386 CPU state utilities outside translated code: the initial user-mode state,
 * segment register loads for linux-user, cc_op names and the -d cpu register dump.
 */
#include "cpu.h"
#include "log.h"

/* ------------------------------------------------------------------ initial state */

/* Selectors of the flat segments a 32-bit process sees under a 64-bit Linux kernel (GDT
 * entries __USER32_CS = 0x23 and __USER_DS = 0x2b, RPL 3), what the native runs show. */
#define LINUX_USER_CS 0x23
#define LINUX_USER_DS 0x2b

static void set_flat_segment(SegmentCache *sc, uint32_t selector)
{
    sc->selector = selector;
    sc->base = 0;
    sc->limit = selector ? 0xffffffffu : 0;
    sc->flags = 0;
}

void cpu_x86_init_user(CPUX86State *env)
{
    memset(env, 0, sizeof(*env));
    env->eflags = IF_MASK | 0x2;
    env->df = 1;
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = 0;
    set_flat_segment(&env->segs[R_CS], LINUX_USER_CS);
    set_flat_segment(&env->segs[R_DS], LINUX_USER_DS);
    set_flat_segment(&env->segs[R_ES], LINUX_USER_DS);
    set_flat_segment(&env->segs[R_SS], LINUX_USER_DS);
    set_flat_segment(&env->segs[R_FS], 0);
    set_flat_segment(&env->segs[R_GS], 0);
    cpu_set_mxcsr(env, MXCSR_DEFAULT);
    cpu_x86_fpu_init(env);                  /* x87 as after FNINIT (fpu_helper.c) */
}

/* ------------------------------------------------------------------ segment loads */

int cpu_x86_try_load_seg(CPUX86State *env, int seg, uint32_t selector)
{
    uint32_t base = 0, limit = 0;
    selector &= 0xffff;
    /* Null selectors (index 0 of the GDT, any RPL) load an unusable segment with base 0. */
    if ((selector & ~3u) != 0) {
        int excp = linux_user_load_segment(selector, seg, &base, &limit);
        if (excp) return excp;
    }
    env->segs[seg].selector = selector;
    env->segs[seg].base = base;
    env->segs[seg].limit = limit;
    env->segs[seg].flags = 0;
    return 0;
}

void cpu_x86_load_seg(CPUX86State *env, int seg, uint32_t selector)
{
    if (cpu_x86_try_load_seg(env, seg, selector)) {
        qemu_log_mask(CPU_LOG_INT, "cpu_x86_load_seg: unknown selector %#x for segment %d, "
                      "loaded with base 0\n", selector, seg);
        env->segs[seg].selector = selector & 0xffff;
        env->segs[seg].base = 0;
        env->segs[seg].limit = 0;
        env->segs[seg].flags = 0;
    }
}

/* ------------------------------------------------------------------ names and dump */

#define CC_OP_NAME(op) [CC_OP_##op] = #op
#define CC_OP_NAMES_BWL(group) CC_OP_NAME(group##B), CC_OP_NAME(group##W), CC_OP_NAME(group##L)
static const char *const cc_op_names[CC_OP_NB] = {
    CC_OP_NAME(DYNAMIC), CC_OP_NAME(EFLAGS),
    CC_OP_NAMES_BWL(MUL), CC_OP_NAMES_BWL(ADD), CC_OP_NAMES_BWL(ADC),
    CC_OP_NAMES_BWL(SUB), CC_OP_NAMES_BWL(SBB), CC_OP_NAMES_BWL(LOGIC),
    CC_OP_NAMES_BWL(INC), CC_OP_NAMES_BWL(DEC), CC_OP_NAMES_BWL(SHL),
    CC_OP_NAMES_BWL(SAR), CC_OP_NAMES_BWL(SHR), CC_OP_NAME(CLR),
};

const char *cc_op_name(uint32_t cc_op)
{
    if (cc_op >= CC_OP_NB || !cc_op_names[cc_op]) {
        return "?";
    }
    return cc_op_names[cc_op];
}

void cpu_dump_state(CPUX86State *env, FILE *f)
{
    static const char seg_names[6][3] = { "ES", "CS", "SS", "DS", "FS", "GS" };
    uint32_t efl = cpu_compute_eflags(env);

    fprintf(f, "EAX=%08x EBX=%08x ECX=%08x EDX=%08x\n",
            env->regs[R_EAX], env->regs[R_EBX], env->regs[R_ECX], env->regs[R_EDX]);
    fprintf(f, "ESI=%08x EDI=%08x EBP=%08x ESP=%08x\n",
            env->regs[R_ESI], env->regs[R_EDI], env->regs[R_EBP], env->regs[R_ESP]);
    /* Flag letters in the order of the EFLAGS bits, high to low; '-' when clear. */
    fprintf(f, "EIP=%08x EFL=%08x [%c%c%c%c%c%c%c%c%c]\n", env->eip, efl,
            efl & CC_O ? 'O' : '-', efl & DF_MASK ? 'D' : '-', efl & IF_MASK ? 'I' : '-',
            efl & TF_MASK ? 'T' : '-', efl & CC_S ? 'S' : '-', efl & CC_Z ? 'Z' : '-',
            efl & CC_A ? 'A' : '-', efl & CC_P ? 'P' : '-', efl & CC_C ? 'C' : '-');
    for (int i = 0; i < 6; i++) {
        const SegmentCache *sc = &env->segs[i];
        fprintf(f, "%s =%04x %08x %08x %08x\n", seg_names[i], sc->selector, sc->base,
                sc->limit, sc->flags);
    }
    fprintf(f, "CCS=%08x CCD=%08x CCS2=%08x CCO=%s\n",
            env->cc_src, env->cc_dst, env->cc_src2, cc_op_name(env->cc_op));
}
