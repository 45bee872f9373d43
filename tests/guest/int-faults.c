/*
 * int-faults.c - guest test: every integer fault kind, as Linux delivers it to a 32-bit
 * process. Each case is a small assembly stub whose faulting instruction carries a label; a
 * SA_SIGINFO handler records signal, si_code, si_addr, the saved eip, trapno and the error
 * code, then siglongjmps back. Addresses are printed relative to the label, so the output
 * does not depend on the link layout. Cases: #DE (div by zero, quotient overflow, aam 0),
 * int3 / int $3, int1, single step (popf TF), into, bound, #UD (ud2, ud0, undefined opcodes,
 * lock misuse, mov to cs, VEX in 32-bit mode), #GP (hlt, in/out, cli/sti, int $n, privileged
 * 0F opcodes, far transfers and segment loads with a foreign selector, null ss) and page
 * faults (read of an unmapped page, write to a read-only one); then a single-step trace
 * through sigreturn (test_trace).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf back;
static volatile int caught, csig, ccode;
static volatile unsigned caddr, ceip, ctrap, cerr, cflags;

static void on_fault(int sig, siginfo_t *si, void *ucp)
{
    ucontext_t *uc = ucp;
    csig = sig;
    ccode = si->si_code;
    caddr = (unsigned)si->si_addr;
    ceip = uc->uc_mcontext.gregs[REG_EIP];
    ctrap = uc->uc_mcontext.gregs[REG_TRAPNO];
    cerr = uc->uc_mcontext.gregs[REG_ERR];
    cflags = uc->uc_mcontext.gregs[REG_EFL];
    caught = 1;
    siglongjmp(back, 1);
}

/* STUB(name, setup, faulting code): name() runs setup, then the code at label name_insn. */
#define STUB(name, setup, code)                                                          \
    extern char name##_insn[];                                                           \
    void name(void);                                                                     \
    __asm__(".text\n.globl " #name "\n" #name ":\n" setup "\n.globl " #name "_insn\n"    \
            #name "_insn:\n" code "\nret\n");

/* ---- #DE ---- */
STUB(div_zero, "xorl %ecx,%ecx; movl $1,%eax; xorl %edx,%edx", "divl %ecx")
STUB(idiv_ovf, "movl $-1,%ecx; movl $0x80000000,%eax; movl $-1,%edx", "idivl %ecx")
STUB(div8_ovf, "movl $2,%ecx; movl $0x400,%eax", "divb %cl")
STUB(idiv16_zero, "xorl %ecx,%ecx; movl $5,%eax; xorl %edx,%edx", "idivw %cx")
STUB(aam_zero, "movl $5,%eax", ".byte 0xd4,0x00")
/* ---- traps ---- */
STUB(int3, "", "int3")
STUB(int_3, "", "int $3")
STUB(int1, "", ".byte 0xf1")
STUB(tf_step, "pushf; orl $0x100,(%esp); popf", "nop\nmovl $1,%eax\nmovl $2,%eax")
STUB(into_of, "movl $0x7fffffff,%eax; addl $1,%eax", "into")
STUB(into_no, "xorl %eax,%eax", "into")
STUB(int_4, "", "int $4")
STUB(bound_out, "subl $8,%esp; movl $0,(%esp); movl $5,4(%esp); movl $6,%eax",
     "bound %eax,(%esp)\naddl $8,%esp")
STUB(bound_in, "subl $8,%esp; movl $0,(%esp); movl $5,4(%esp); movl $5,%eax",
     "bound %eax,(%esp)\naddl $8,%esp")
STUB(bound_low, "subl $8,%esp; movl $0,(%esp); movl $5,4(%esp); movl $-1,%eax",
     "bound %eax,(%esp)\naddl $8,%esp")
/* ---- #UD ---- */
STUB(ud2, "", "ud2")
STUB(ud0, "", ".byte 0x0f,0xff,0xc0")
STUB(op_0f04, "", ".byte 0x0f,0x04")
STUB(lock_reg, "", ".byte 0xf0,0x01,0xc0")
STUB(lock_mov, "", ".byte 0xf0,0x89,0x04,0x24")
STUB(mov_cs, "", ".byte 0x8e,0xc8")
STUB(vex_c4, "", ".byte 0xc4,0xc0")
STUB(lea_reg, "", ".byte 0x8d,0xc0")
STUB(popcnt_noprefix, "", ".byte 0x0f,0xb8,0xc0")
/* ---- #GP ---- */
STUB(hlt, "", "hlt")
STUB(in_al, "", "inb $0x80,%al")
STUB(out_dx, "movl $0x80,%edx", "outb %al,%dx")
STUB(cli, "", "cli")
STUB(sti, "", "sti")
STUB(int_81, "", "int $0x81")
STUB(int_0, "", "int $0")
STUB(lgdt, "subl $8,%esp", "lgdt (%esp)\naddl $8,%esp")
STUB(rdmsr, "xorl %ecx,%ecx", "rdmsr")
STUB(rdpmc, "xorl %ecx,%ecx", "rdpmc")
STUB(mov_cr0, "", "movl %cr0,%eax")
STUB(wbinvd, "", "wbinvd")
STUB(pop_ss_null, "pushl $0", "popl %ss")
STUB(jmpf_bad, "", ".byte 0xea; .long 0; .word 0x1234")
STUB(callf_bad, "", ".byte 0x9a; .long 0; .word 0x1234")
STUB(jmpf_mem_bad, "subl $8,%esp; movl $0,(%esp); movl $0x1238,4(%esp)",
     "ljmp *(%esp)\naddl $8,%esp")
STUB(lret_bad, "pushl $0x1234; pushl $0", "lret")
STUB(iret_bad, "pushl $0; pushl $0x1234; pushl $0", "iret")
STUB(lds_bad, "subl $8,%esp; movl $0x1234,4(%esp)", "lds (%esp),%eax\naddl $8,%esp")
STUB(lfs_bad, "subl $8,%esp; movl $0x1230,4(%esp)", "lfs (%esp),%eax\naddl $8,%esp")
STUB(mov_ds_bad, "movl $0x1234,%eax", "movl %eax,%ds")
/* ---- page faults ---- */
STUB(read_null, "xorl %eax,%eax", "movl 16(%eax),%eax")
STUB(write_ro, "movl ro_page,%eax; movl 8(%eax),%ecx", "movl %eax,8(%eax)")  /* page read first: present */

unsigned ro_page;

/* Single-step trace: TF set by popf, every trap returns through sigreturn with TF still set,
 * until the code clears it with its own popf. The eips seen (relative to trace_start) must
 * match the CPU's: one per instruction, rep movs once per iteration, the call and ret bodies
 * included. */
extern char trace_start[];
void trace_code(void);
__asm__(".text\n.globl trace_code\ntrace_code:\n"
        "pushl %esi\npushl %edi\nsubl $16,%esp\n"
        "pushf\norl $0x100,(%esp)\npopf\n"
        ".globl trace_start\ntrace_start:\n"
        "movl $3,%ecx\nleal (%esp),%edi\nleal 4(%esp),%esi\ncld\nrep movsb\n"
        "movl $2,%eax\n1: decl %eax\njnz 1b\n"
        "call 2f\njmp 3f\n2: ret\n"
        "3: pushf\nandl $~0x100,(%esp)\npopf\nnop\n"
        "addl $16,%esp\npopl %edi\npopl %esi\nret\n");

static volatile unsigned trace_eips[64], trace_count;

static void on_trace(int sig, siginfo_t *si, void *ucp)
{
    ucontext_t *uc = ucp;
    if (trace_count < 64)
        trace_eips[trace_count] = uc->uc_mcontext.gregs[REG_EIP] - (unsigned)trace_start;
    trace_count++;
    (void)sig;
    (void)si;
}

static void test_trace(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_trace;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    trace_code();
    printf("trace: %u traps:", trace_count);
    for (unsigned i = 0; i < trace_count && i < 64; i++)
        printf(" %u", trace_eips[i]);
    printf("\n");
}

typedef void (*StubFn)(void);
static const struct { const char *name; StubFn fn; const char *insn; } cases[] = {
#define CASE(n) { #n, n, n##_insn }
    CASE(div_zero), CASE(idiv_ovf), CASE(div8_ovf), CASE(idiv16_zero), CASE(aam_zero),
    CASE(int3), CASE(int_3), CASE(int1), CASE(tf_step), CASE(into_of), CASE(into_no),
    CASE(int_4), CASE(bound_out), CASE(bound_in), CASE(bound_low),
    CASE(ud2), CASE(ud0), CASE(op_0f04), CASE(lock_reg), CASE(lock_mov), CASE(mov_cs),
    CASE(vex_c4), CASE(lea_reg), CASE(popcnt_noprefix),
    CASE(hlt), CASE(in_al), CASE(out_dx), CASE(cli), CASE(sti), CASE(int_81), CASE(int_0),
    CASE(lgdt), CASE(rdmsr), CASE(rdpmc), CASE(mov_cr0), CASE(wbinvd), CASE(pop_ss_null),
    CASE(jmpf_bad), CASE(callf_bad), CASE(jmpf_mem_bad), CASE(lret_bad), CASE(iret_bad),
    CASE(lds_bad), CASE(lfs_bad), CASE(mov_ds_bad),
    CASE(read_null), CASE(write_ro),
};

static void show_addr(const char *what, unsigned a, const char *insn)
{
    if (a == 0)
        printf(" %s=0", what);
    else if (a - (unsigned)insn < 64)
        printf(" %s=insn+%u", what, a - (unsigned)insn);
    else if (a == ro_page + 8)
        printf(" %s=ro_page+8", what);
    else
        printf(" %s=%#x", what, a);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    int sigs[] = { SIGSEGV, SIGILL, SIGFPE, SIGTRAP, SIGBUS };
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ro_page = (unsigned)p;

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        caught = 0;
        if (!sigsetjmp(back, 1))
            cases[i].fn();
        if (!caught) {
            printf("%-16s no fault\n", cases[i].name);
            continue;
        }
        printf("%-16s sig=%d code=%d", cases[i].name, csig, ccode);
        show_addr("addr", caddr, cases[i].insn);
        show_addr("eip", ceip, cases[i].insn);
        printf(" trapno=%u err=%#x tf=%u\n", ctrap, cerr, (cflags >> 8) & 1);
        fflush(stdout);
    }
    test_trace();
    return 0;
}
