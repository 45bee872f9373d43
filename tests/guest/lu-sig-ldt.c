/*
 * lu-sig-ldt.c - modify_ldt (read, write old and new style, read default, the kernel's
 * validation), segment register loads from the LDT and the GDT TLS entries (mov, pop, lfs/lgs/
 * lds/les/lss) reading memory at the descriptor's base through %fs/%gs, the faults a bad load
 * raises (signal, si_code, trap number and error code), set_thread_area / get_thread_area and
 * their errors, and the LDT seen from another thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <asm/ldt.h>
#include <sys/syscall.h>

static uint32_t buffer[1024] __attribute__((aligned(4096)));

static long modify_ldt(int func, void *ptr, unsigned long count)
{
    return syscall(SYS_modify_ldt, func, ptr, count);
}

static void report(const char *what, long r)
{
    if (r < 0) printf("%-48s = -1 %s\n", what, strerror(errno));
    else printf("%-48s = %ld\n", what, r);
}

static struct user_desc desc(int entry, uint32_t base, uint32_t limit)
{
    struct user_desc d;
    memset(&d, 0, sizeof(d));
    d.entry_number = (unsigned)entry;
    d.base_addr = base;
    d.limit = limit;
    d.seg_32bit = 1;
    return d;
}

#define LDT_SEL(i) ((unsigned short)((i) << 3 | 7))
#define GDT_SEL(i) ((unsigned short)((i) << 3 | 3))

static uint32_t read_fs(unsigned off)
{
    uint32_t v;
    __asm__ volatile("movl %%fs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
    return v;
}

static uint32_t read_gs(unsigned off)
{
    uint32_t v;
    __asm__ volatile("movl %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
    return v;
}

static void load_fs(unsigned short sel) { __asm__ volatile("movw %0, %%fs" : : "r"(sel) : "memory"); }

/* ---- faults of a segment load */
static sigjmp_buf jb;
static volatile int fault_sig, fault_code, fault_trap, fault_err;
static void on_fault(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_trap = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
    fault_err = (int)uc->uc_mcontext.gregs[REG_ERR];
    siglongjmp(jb, 1);
}

static void try_load(const char *what, int seg, unsigned short sel)
{
    fault_sig = 0;
    if (!sigsetjmp(jb, 1)) {
        switch (seg) {
        case 0: __asm__ volatile("movw %0, %%fs" : : "r"(sel) : "memory"); break;
        case 1: __asm__ volatile("movw %0, %%ds; movw %1, %%ds" : : "r"(sel), "r"((unsigned short)0x2b) : "memory"); break;
        case 2: __asm__ volatile("movw %0, %%ss; movw %1, %%ss" : : "r"(sel), "r"((unsigned short)0x2b) : "memory"); break;
        case 3: __asm__ volatile("pushl %0; popl %%fs" : : "r"((uint32_t)sel) : "memory"); break;
        }
    }
    unsigned short fs;
    __asm__ volatile("movw %%fs, %0" : "=r"(fs));
    if (fault_sig)
        printf("%-40s %#06x: signal %d code %#x trap %d err %#x\n", what, sel, fault_sig, fault_code,
               fault_trap, fault_err);
    else
        printf("%-40s %#06x: loaded (fs now %#x)\n", what, sel, fs);
    load_fs(0);
}

static void test_modify_ldt_calls(void)
{
    uint8_t raw[64];
    memset(raw, 0xaa, sizeof(raw));
    report("read empty LDT", modify_ldt(0, raw, sizeof(raw)));
    report("read default LDT (200)", modify_ldt(2, raw, 200));
    report("read default LDT (16)", modify_ldt(2, raw, 16));
    report("func 3", modify_ldt(3, raw, 16));
    struct user_desc d = desc(0, (uint32_t)(uintptr_t)buffer, 0xfff);
    report("write bytecount 15", modify_ldt(0x11, &d, 15));
    report("write bad pointer", modify_ldt(0x11, (void *)8, sizeof(d)));
    d.entry_number = 8192;
    report("write entry 8192", modify_ldt(0x11, &d, sizeof(d)));
    d.entry_number = 2;
    d.contents = 3;
    report("write contents 3 present", modify_ldt(0x11, &d, sizeof(d)));
    report("write contents 3 old mode", modify_ldt(1, &d, sizeof(d)));
    d.seg_not_present = 1;
    report("write contents 3 not present", modify_ldt(0x11, &d, sizeof(d)));
    report("read default bad pointer", modify_ldt(2, (void *)8, 16));
}

static void test_ldt_segments(void)
{
    for (int i = 0; i < 1024; i++) buffer[i] = 0x1000u + (uint32_t)i;
    struct user_desc d = desc(0, (uint32_t)(uintptr_t)buffer, 0xfff);
    report("write entry 0", modify_ldt(0x11, &d, sizeof(d)));
    d = desc(1, (uint32_t)(uintptr_t)&buffer[256], 1);
    d.limit_in_pages = 1;
    d.useable = 1;
    report("write entry 1 (pages, useable)", modify_ldt(0x11, &d, sizeof(d)));
    d = desc(3, (uint32_t)(uintptr_t)&buffer[8], 0xff);
    d.useable = 1;
    report("write entry 3 old mode (useable dropped)", modify_ldt(1, &d, sizeof(d)));
    d = desc(5, 0, 0xfffff);
    d.limit_in_pages = 1;
    report("write entry 5 flat", modify_ldt(0x11, &d, sizeof(d)));
    d = desc(6, (uint32_t)(uintptr_t)buffer, 0xfff);
    d.seg_not_present = 1;
    report("write entry 6 not present", modify_ldt(0x11, &d, sizeof(d)));
    d = desc(7, (uint32_t)(uintptr_t)buffer, 0xfff);
    d.read_exec_only = 1;
    d.contents = 2;                                       /* execute-only code */
    report("write entry 7 code", modify_ldt(0x11, &d, sizeof(d)));
    d = desc(8, (uint32_t)(uintptr_t)buffer, 0xfff);
    d.read_exec_only = 1;
    report("write entry 8 read-only data", modify_ldt(0x11, &d, sizeof(d)));
    d = desc(9, 0, 0xfffff);
    d.seg_32bit = 0;
    report("write entry 9 16-bit", modify_ldt(0x11, &d, sizeof(d)));

    uint32_t raw[2 * 12];
    memset(raw, 0xaa, sizeof(raw));
    report("read LDT (96 bytes)", modify_ldt(0, raw, sizeof(raw)));
    for (int i = 0; i < 12; i++) {
        uint32_t lo = raw[2 * i], hi = raw[2 * i + 1];
        /* base bits vary with where buffer is: show limit, access byte and flags. */
        printf("  entry %2d: limit %05x access %02x flags %x base ok %d\n", i,
               (lo & 0xffff) | (hi & 0xf0000), (hi >> 8) & 0xff, (hi >> 20) & 0xf,
               ((lo >> 16) | (hi & 0xff) << 16 | (hi & 0xff000000)) ==
               (i == 0 || i == 6 || i == 7 || i == 8 ? (uint32_t)(uintptr_t)buffer :
                i == 1 ? (uint32_t)(uintptr_t)&buffer[256] : i == 3 ? (uint32_t)(uintptr_t)&buffer[8] : 0));
    }

    load_fs(LDT_SEL(0));
    printf("fs:0 %#x fs:40 %#x\n", read_fs(0), read_fs(40));
    load_fs(LDT_SEL(1));
    printf("fs:0 via entry 1 %#x\n", read_fs(0));
    load_fs(LDT_SEL(3));
    printf("fs:4 via entry 3 %#x\n", read_fs(4));
    load_fs(0);

    unsigned short oldgs;
    __asm__ volatile("movw %%gs, %0" : "=r"(oldgs));
    __asm__ volatile("movw %0, %%gs" : : "r"(LDT_SEL(0)) : "memory");
    uint32_t g = read_gs(8);
    __asm__ volatile("movw %0, %%gs" : : "r"(oldgs) : "memory");
    printf("gs:8 %#x\n", g);

    /* Far pointer loads: offset, then selector. */
    struct __attribute__((packed)) { uint32_t off; uint16_t sel; } fp = { 12, LDT_SEL(0) };
    uint32_t off = 0;
    __asm__ volatile("lfsl %1, %0" : "=r"(off) : "m"(fp) : "memory");
    printf("lfs: offset %u, fs:offset %#x\n", off, read_fs(off));
    load_fs(0);
    fp.sel = LDT_SEL(5);
    __asm__ volatile("pushl %%ds; ldsl %1, %0; popl %%ds" : "=r"(off) : "m"(fp) : "memory");
    __asm__ volatile("pushl %%es; lesl %1, %0; popl %%es" : "=r"(off) : "m"(fp) : "memory");
    printf("lds/les with the flat LDT entry: ok\n");
    __asm__ volatile("pushl %%fs; pushl %1; popl %%fs; movl %%fs:(%2), %0; popl %%fs"
                     : "=r"(g) : "r"((uint32_t)LDT_SEL(0)), "r"(16u) : "memory");
    printf("pop fs: fs:16 %#x\n", g);
    unsigned short ss_now;
    __asm__ volatile("movw %%ss, %%ax; movw %1, %%ss; movw %%ss, %0; movw %%ax, %%ss"
                     : "=r"(ss_now) : "r"(LDT_SEL(5)) : "eax", "memory");
    printf("ss from flat LDT entry: %#x\n", ss_now);

    /* Faults. */
    try_load("fs: not present", 0, LDT_SEL(6));
    try_load("fs: execute-only code", 0, LDT_SEL(7));
    try_load("fs: read-only data", 0, LDT_SEL(8));
    try_load("fs: 16-bit data", 0, LDT_SEL(9));
    try_load("fs: empty entry 2", 0, LDT_SEL(2));
    try_load("fs: beyond the LDT", 0, LDT_SEL(100));
    try_load("fs: RPL 0 LDT selector", 0, (unsigned short)(0 << 3 | 4));
    try_load("fs: beyond the GDT", 0, GDT_SEL(20));
    try_load("fs: kernel data", 0, 0x18);
    try_load("fs: TSS", 0, 0x40);
    try_load("fs: user code 0x23", 0, 0x23);
    try_load("fs: 64-bit user code 0x33", 0, 0x33);
    try_load("fs: user data 0x2b", 0, 0x2b);
    try_load("fs: null with RPL 3", 0, 3);
    try_load("ds: not present", 1, LDT_SEL(6));
    try_load("ss: read-only data", 2, LDT_SEL(8));
    try_load("ss: not present", 2, LDT_SEL(6));
    try_load("ss: null", 2, 0);
    try_load("ss: RPL 0 user data", 2, 0x28);
    try_load("pop fs: beyond the LDT", 3, LDT_SEL(200));

    /* Old mode: an all-zero base and limit clears the entry. */
    d = desc(3, 0, 0);
    report("clear entry 3 (old mode)", modify_ldt(1, &d, sizeof(d)));
    try_load("fs: cleared entry 3", 0, LDT_SEL(3));
}

static void *ldt_thread(void *arg)
{
    (void)arg;
    load_fs(LDT_SEL(0));
    uint32_t v = read_fs(20);
    load_fs(0);
    return (void *)(uintptr_t)v;
}

static void test_ldt_thread(void)
{
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, ldt_thread, NULL);
    pthread_join(t, &r);
    printf("thread fs:20 %#x\n", (uint32_t)(uintptr_t)r);
}

static void test_thread_area(void)
{
    struct user_desc d = desc(-1, (uint32_t)(uintptr_t)&buffer[100], 0xfffff);
    d.limit_in_pages = 1;
    report("set_thread_area -1", syscall(SYS_set_thread_area, &d));
    printf("allocated entry %d\n", (int)d.entry_number);
    unsigned entry = d.entry_number;
    load_fs(GDT_SEL(entry));
    printf("fs:0 via TLS entry %#x\n", read_fs(0));
    d.base_addr = (uint32_t)(uintptr_t)&buffer[200];
    report("set_thread_area same entry, new base", syscall(SYS_set_thread_area, &d));
    printf("fs reloaded by the kernel: fs:0 %#x\n", read_fs(0));
    load_fs(0);
    struct user_desc g;
    memset(&g, 0, sizeof(g));
    g.entry_number = entry;
    report("get_thread_area", syscall(SYS_get_thread_area, &g));
    printf("  base ok %d limit %#x 32bit %d contents %d roe %d pages %d np %d useable %d\n",
           g.base_addr == (uint32_t)(uintptr_t)&buffer[200], g.limit, g.seg_32bit, g.contents,
           g.read_exec_only, g.limit_in_pages, g.seg_not_present, g.useable);
    d = desc(-1, 0, 0xfff);
    report("set_thread_area -1 (third)", syscall(SYS_set_thread_area, &d));
    d = desc(-1, 0, 0xfff);
    report("set_thread_area -1 (none left)", syscall(SYS_set_thread_area, &d));
    d = desc(6, 0, 0xfff);
    report("set_thread_area entry 6", syscall(SYS_set_thread_area, &d));
    d = desc(15, 0, 0xfff);
    report("set_thread_area entry 15", syscall(SYS_set_thread_area, &d));
    d = desc((int)entry, 0, 0xfff);
    d.seg_32bit = 0;
    report("set_thread_area 16-bit", syscall(SYS_set_thread_area, &d));
    d = desc((int)entry, 0, 0xfff);
    d.contents = 2;
    report("set_thread_area code", syscall(SYS_set_thread_area, &d));
    d = desc((int)entry, 0, 0xfff);
    d.seg_not_present = 1;
    report("set_thread_area not present", syscall(SYS_set_thread_area, &d));
    report("set_thread_area bad pointer", syscall(SYS_set_thread_area, (void *)8));
    memset(&d, 0, sizeof(d));
    d.entry_number = entry;
    report("set_thread_area all zero (clears)", syscall(SYS_set_thread_area, &d));
    memset(&g, 0, sizeof(g));
    g.entry_number = entry;
    syscall(SYS_get_thread_area, &g);
    printf("  cleared: base %#x limit %#x 32bit %d roe %d np %d\n", g.base_addr, g.limit, g.seg_32bit,
           g.read_exec_only, g.seg_not_present);
    try_load("fs: cleared TLS entry", 0, GDT_SEL(entry));
    d = desc(-1, 0, 0);
    d.read_exec_only = 1;
    d.seg_not_present = 1;
    d.seg_32bit = 0;
    report("set_thread_area -1 empty", syscall(SYS_set_thread_area, &d));
    printf("allocated entry %d\n", (int)d.entry_number);
    g.entry_number = 11;
    report("get_thread_area entry 11", syscall(SYS_get_thread_area, &g));
    g.entry_number = 15;
    report("get_thread_area entry 15", syscall(SYS_get_thread_area, &g));
    report("get_thread_area bad pointer", syscall(SYS_get_thread_area, (void *)8));
}

/* A handler runs with DS/ES = the flat data segment; sigreturn puts the interrupted ones back. */
static volatile unsigned short ds_in_handler, es_in_handler;
static void seg_handler(int sig)
{
    (void)sig;
    __asm__ volatile("movw %%ds, %0; movw %%es, %1" : "=r"(ds_in_handler), "=r"(es_in_handler));
}

static void test_segments_in_handler(void)
{
    unsigned short ds_after, es_after;
    long nr = SYS_kill;
    signal(SIGUSR1, seg_handler);
    __asm__ volatile("pushl %%ds; pushl %%es; movw %3, %%ds; movw %3, %%es; int $0x80; "
                     "movw %%ds, %0; movw %%es, %1; popl %%es; popl %%ds"
                     : "=r"(ds_after), "=r"(es_after), "+a"(nr)
                     : "r"(LDT_SEL(5)), "b"(getpid()), "c"(SIGUSR1) : "memory");
    printf("in handler ds %#x es %#x; after sigreturn ds %#x es %#x\n", ds_in_handler, es_in_handler,
           ds_after, es_after);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    unsigned short cs, ds, ss;
    __asm__ volatile("movw %%cs, %0; movw %%ds, %1; movw %%ss, %2" : "=r"(cs), "=r"(ds), "=r"(ss));
    printf("cs %#x ds %#x ss %#x\n", cs, ds, ss);
    test_modify_ldt_calls();
    test_ldt_segments();
    test_ldt_thread();
    test_segments_in_handler();
    test_thread_area();
    return 0;
}
