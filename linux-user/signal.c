/*
 * signal.c - host signals and guest signals.
 *
 * Host side: a SIGSEGV/SIGBUS handler (on its own stack) first lets exec.c undo its
 * self-modifying-code write protection (page_unprotect), then turns a fault on guest memory
 * while guest code runs into a guest page fault (EXCP0E_PAGE), restoring the guest eip from the
 * host pc; any other fault is a loongbt bug and aborts with a message.
 *
 * Guest side: the guest's dispositions (rt_sigaction), blocked mask and alternate stack live
 * here and are mirrored onto the host where that gives the native behaviour for free: SIG_IGN
 * stays ignored by the host, SIG_DFL kills the process as natively, a signal the guest blocks
 * stays pending in the host kernel. A signal with a guest handler is caught on the host, noted
 * as pending, and delivered by process_pending_signals (called by cpu_loop after every exit
 * from guest code) by building the i386 kernel's signal frame on the guest stack; the handler
 * returns through sigreturn / rt_sigreturn, which restore the registers and the mask.
 * Frames carry the FPU/SSE state as the i386 kernel writes it (struct _fpstate: the fsave-format
 * header, then the fxsave image, 64-byte aligned, above the frame); the handler starts with a
 * clean x87 (finit), MXCSR 0x1f80 and zeroed XMM registers, and sigreturn puts the state back.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "qemu.h"
#include "exec-all.h"
#include "profile.h"
#include "log.h"
#include "syscall_defs.h"
#include "host-signal.h"

#define TARGET_NSIG 64
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31)
#endif

/* What the guest's siginfo will say about a pending signal. */
typedef struct PendingSignal {
    volatile sig_atomic_t pending;
    int code;
    int pid;
    uint32_t uid;
    uint32_t value;                        /* sigqueue's sival (SI_QUEUE) */
} PendingSignal;

static struct target_sigaction guest_sigact[TARGET_NSIG + 1];
/* Per guest thread, as in Linux: the mask, the alternate stack, signals sent to this thread
 * (tkill/tgkill: si_code SI_TKILL) and the sigsuspend state. Dispositions and
 * process-directed pending signals are shared. */
static __thread uint64_t guest_blocked;             /* bit (sig - 1) */
static __thread struct target_stack_t guest_altstack = { 0, SS_DISABLE, 0 };
static PendingSignal guest_pending[TARGET_NSIG + 1];
static __thread PendingSignal thread_pending[TARGET_NSIG + 1];
/* rt_sigsuspend: the mask to put back once the signal that ended it has been handled. */
static __thread bool suspend_mask_saved;
static __thread uint64_t suspend_saved_mask;

/* The pending entry of sig for this thread (its own first), or NULL. */
static PendingSignal *pending_of(int sig)
{
    if (thread_pending[sig].pending) return &thread_pending[sig];
    if (guest_pending[sig].pending) return &guest_pending[sig];
    return NULL;
}

static inline uint64_t sigbit(int sig) { return 1ull << (sig - 1); }

static void update_host_mask(void);

/* ---------------------------------------------------------------------------------------------
 * Signal classes (Linux default actions)
 * ------------------------------------------------------------------------------------------- */

static bool default_is_ignore(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool default_is_stop(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static bool default_dumps_core(int sig)
{
    switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return true;
    default:
        return false;
    }
}

/* Signals the host side keeps for itself or that glibc reserves: never mirrored. */
static bool host_owned(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGKILL || sig == SIGSTOP ||
           sig == 32 || sig == 33;
}

/* ---------------------------------------------------------------------------------------------
 * Default actions: terminating (or stopping) like the native process
 * ------------------------------------------------------------------------------------------- */

static void QEMU_NORETURN die_with_signal(int sig)
{
    struct sigaction sa;
    sigset_t set;

    profile_report();                        /* -d stats / -stats-json: the process ends here */
    fflush(stdout);
    fflush(stderr);
    qemu_log_flush();
    if (default_dumps_core(sig)) {
        struct rlimit rl = { 0, 0 };
        setrlimit(RLIMIT_CORE, &rl);         /* tests must not leave core files behind */
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* glibc keeps signals 32 and 33 for itself (its sigaction refuses them): go to the
     * kernel directly. An all-zero kernel sigaction is SIG_DFL, no flags, an empty mask
     * whatever the host's layout. */
    uint64_t zero_action[4] = { 0 }, bit = 1ull << (sig - 1);
    syscall(SYS_rt_sigaction, sig, zero_action, NULL, 8);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &bit, NULL, 8);
    syscall(SYS_tgkill, getpid(), gettid(), sig);
    _exit(128 + sig);
}

static void stop_with_signal(int sig)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, &old);
    raise(sig);
    sigaction(sig, &old, NULL);
}

static void default_action(int sig)
{
    if (default_is_ignore(sig)) return;
    if (default_is_stop(sig)) { stop_with_signal(sig); return; }
    die_with_signal(sig);
}

/* ---------------------------------------------------------------------------------------------
 * Host handlers
 * ------------------------------------------------------------------------------------------- */

static void note_pending(int sig, int code, int pid, uint32_t uid)
{
    if (sig < 1 || sig > TARGET_NSIG) return;
    PendingSignal *p = code == SI_TKILL ? &thread_pending[sig] : &guest_pending[sig];
    p->code = code;
    p->pid = pid;
    p->uid = uid;
    p->value = 0;
    p->pending = 1;
}

/* A signal for which the guest registered a handler: note it; cpu_loop delivers it. */
static void host_async_handler(int sig, siginfo_t *info, void *puc)
{
    note_pending(sig, info->si_code, info->si_pid, info->si_uid);
    if (thread_cpu) cpu_exit(thread_cpu);       /* also breaks chained loops */
}

static void host_fault_handler(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    void *addr = info->si_addr;
    CPUX86State *env = thread_cpu;

    if (info->si_code <= 0) {
        /* Sent by kill/tkill from outside: not a fault. */
        uint32_t h = guest_sigact[sig].handler;
        if (h == TARGET_SIG_IGN) return;
        if (h == TARGET_SIG_DFL) die_with_signal(sig);
        host_async_handler(sig, info, puc);
        return;
    }
    /* A write to a guest page that exec.c protected because it holds translated code:
     * the page's TBs are dropped and the write is retried (any code path, syscalls too). */
    if (h2g_valid(addr) && host_signal_write(info, uc)) {
        tb_lock();                  /* nests if this thread already holds it (a syscall) */
        int smc = page_unprotect(h2g(addr), host_signal_pc(uc));
        tb_unlock();
        if (smc)
            return;
    }
    if (env && thread_in_guest_code && h2g_valid(addr)) {
        bool is_write = host_signal_write(info, uc);
        sigset_t set;

        cpu_restore_state(env, host_signal_pc(uc));   /* false: a helper already synced state */
        env->exception_index = EXCP0E_PAGE;
        env->exception_addr = h2g(addr);
        env->exception_is_write = is_write;
        env->error_code = 4 | (is_write ? 2 : 0) | (guest_page_prot(h2g(addr)) >= 0 ? 1 : 0);
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        cpu_loop_exit(env);
    }
    fprintf(stderr, "loongbt-i386: internal error: host %s at pc %p addr %p\n",
            sig == SIGBUS ? "SIGBUS" : "SIGSEGV", (void *)host_signal_pc(uc), addr);
    signal(SIGABRT, SIG_DFL);
    {
        struct rlimit rl = { 0, 0 };
        setrlimit(RLIMIT_CORE, &rl);
    }
    abort();
}

void signal_init(void)
{
    static const size_t alt_size = 256 * 1024;
    struct sigaction sa;
    sigset_t cur;
    stack_t ss;

    ss.ss_sp = malloc(alt_size);
    ss.ss_size = alt_size;
    ss.ss_flags = 0;
    if (!ss.ss_sp || sigaltstack(&ss, NULL) != 0) fatal_error("cannot set up the signal stack");

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;   /* we siglongjmp out of it */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    page_smc_protect = true;     /* the handler above undoes the protection on a write */

    /* Ignored signals and the blocked mask survive execve: the guest inherits them. */
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        struct sigaction old;
        guest_sigact[sig].handler = TARGET_SIG_DFL;
        if (!host_owned(sig) && sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            guest_sigact[sig].handler = TARGET_SIG_IGN;
    }
    sigprocmask(SIG_SETMASK, NULL, &cur);
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if (!host_owned(sig) && sigismember(&cur, sig) == 1) guest_blocked |= sigbit(sig);
}

/* ---------------------------------------------------------------------------------------------
 * Guest-visible state (rt_sigaction, rt_sigprocmask, sigaltstack, kill to self, sigpending)
 * ------------------------------------------------------------------------------------------- */

/* Mirror the guest's disposition onto the host. */
static void update_host_disposition(int sig)
{
    struct sigaction sa;
    uint32_t h = guest_sigact[sig].handler;

    if (host_owned(sig)) return;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    if (h == TARGET_SIG_DFL) {
        sa.sa_handler = SIG_DFL;
    } else if (h == TARGET_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_async_handler;
        sa.sa_flags = SA_SIGINFO | (guest_sigact[sig].flags & SA_RESTART);
    }
    sigaction(sig, &sa, NULL);
}

static void update_host_mask(void)
{
    sigset_t set;
    sigemptyset(&set);
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if ((guest_blocked & sigbit(sig)) && !host_owned(sig) && sig != SIGILL && sig != SIGFPE &&
            sig != SIGTRAP)
            sigaddset(&set, sig);
    sigprocmask(SIG_SETMASK, &set, NULL);
}

static void set_blocked(uint64_t mask)
{
    guest_blocked = mask & ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    update_host_mask();
}

int do_sigaction(int sig, const struct target_sigaction *act, struct target_sigaction *oact)
{
    if (sig < 1 || sig > TARGET_NSIG) return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP)) return -EINVAL;
    if (oact) *oact = guest_sigact[sig];
    if (act) {
        guest_sigact[sig] = *act;
        guest_sigact[sig].mask &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
        update_host_disposition(sig);
        /* Setting SIG_IGN (or SIG_DFL for an ignore-by-default signal) discards a pending one. */
        if (act->handler == TARGET_SIG_IGN || (act->handler == TARGET_SIG_DFL && default_is_ignore(sig)))
            guest_pending[sig].pending = thread_pending[sig].pending = 0;
    }
    return 0;
}

int do_sigprocmask(int how, const uint64_t *set, uint64_t *oldset)
{
    if (oldset) *oldset = guest_blocked;
    if (!set) return 0;
    switch (how) {
    case SIG_BLOCK: set_blocked(guest_blocked | *set); break;
    case SIG_UNBLOCK: set_blocked(guest_blocked & ~*set); break;
    case SIG_SETMASK: set_blocked(*set); break;
    default: return -EINVAL;
    }
    return 0;
}

static bool on_altstack(abi_ulong sp)
{
    return !(guest_altstack.ss_flags & SS_DISABLE) && sp - guest_altstack.ss_sp < guest_altstack.ss_size;
}

int do_sigaltstack(const struct target_stack_t *ss, struct target_stack_t *oss)
{
    struct target_stack_t old = guest_altstack;
    bool on = thread_cpu && on_altstack(thread_cpu->regs[R_ESP]);
    if (ss) {
        if (on) return -EPERM;
        if (ss->ss_flags & ~(SS_DISABLE | SS_AUTODISARM)) return -EINVAL;
        if (ss->ss_flags & SS_DISABLE) {
            guest_altstack.ss_sp = 0;
            guest_altstack.ss_size = 0;
            guest_altstack.ss_flags = SS_DISABLE;
        } else {
            if (ss->ss_size < MINSIGSTKSZ) return -ENOMEM;
            guest_altstack = *ss;
        }
    }
    if (oss) {
        *oss = old;
        if (on) oss->ss_flags = SS_ONSTACK;
    }
    return 0;
}

int do_kill_self(CPUX86State *env, int sig, int si_code)
{
    if (sig < 0 || sig > TARGET_NSIG) return -EINVAL;
    if (sig == 0) return 0;
    if (guest_sigact[sig].handler == TARGET_SIG_IGN && sig != SIGKILL) return 0;
    /* Blocked by the guest: let the host kernel hold it (the host mask mirrors the guest's), so
     * that signalfd, sigwait and sigpending see it; unblocking then runs host_async_handler. */
    if ((guest_blocked & sigbit(sig)) && !host_owned(sig)) {
        long r = si_code == SI_TKILL ? syscall(SYS_tgkill, getpid(), gettid(), sig) : kill(getpid(), sig);
        return r < 0 ? -errno : 0;
    }
    note_pending(sig, si_code, getpid(), getuid());   /* cpu_loop delivers it after the syscall */
    return 0;
}

int do_sigqueue_self(int sig, int si_code, uint32_t value)
{
    if (sig < 0 || sig > TARGET_NSIG) return -EINVAL;
    if (sig == 0) return 0;
    if (guest_sigact[sig].handler == TARGET_SIG_IGN) return 0;
    if ((guest_blocked & sigbit(sig)) && !host_owned(sig)) {     /* as in do_kill_self */
        siginfo_t info;
        memset(&info, 0, sizeof(info));
        info.si_signo = sig;
        info.si_code = si_code;
        info.si_pid = getpid();
        info.si_uid = getuid();
        info.si_value.sival_int = (int)value;
        return syscall(SYS_rt_sigqueueinfo, getpid(), sig, &info) < 0 ? -errno : 0;
    }
    note_pending(sig, si_code, getpid(), getuid());
    guest_pending[sig].value = value;
    return 0;
}

/* rt_sigtimedwait: a signal of set that is already pending for the guest (raised by itself)
 * is taken first; otherwise wait for the host to have one (the guest blocks the set, so the
 * host mask, which mirrors it, keeps such signals pending instead of running a handler). */
int do_sigtimedwait(uint64_t set, struct target_siginfo *info, const struct timespec *timeout)
{
    sigset_t host;
    siginfo_t hi;
    memset(info, 0, sizeof(*info));
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        PendingSignal *p = (set & sigbit(sig)) ? pending_of(sig) : NULL;
        if (p) {
            p->pending = 0;
            info->si_signo = sig;
            info->si_code = p->code;
            info->u.kill.pid = p->pid;
            info->u.kill.uid = p->uid;
            memcpy(info->u.pad + 8, &p->value, 4);
            return sig;
        }
    }
    sigemptyset(&host);
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if ((set & sigbit(sig)) && !host_owned(sig)) sigaddset(&host, sig);
    int r = sigtimedwait(&host, &hi, timeout);
    if (r < 0) return -errno;
    info->si_signo = r;
    info->si_code = hi.si_code;
    info->u.kill.pid = hi.si_pid;
    info->u.kill.uid = hi.si_uid;
    uint32_t v = (uint32_t)hi.si_value.sival_int;
    memcpy(info->u.pad + 8, &v, 4);
    return r;
}

uint64_t do_sigpending(void)
{
    uint64_t set = 0;
    sigset_t host;
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if (pending_of(sig)) set |= sigbit(sig);
    if (sigpending(&host) == 0)
        for (int sig = 1; sig <= TARGET_NSIG; sig++)
            if (!host_owned(sig) && sigismember(&host, sig) == 1) set |= sigbit(sig);
    return set & guest_blocked;
}

static bool deliverable_pending(void)
{
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if (pending_of(sig) && !(guest_blocked & sigbit(sig))) return true;
    return false;
}

int do_sigsuspend(CPUX86State *env, uint64_t mask)
{
    sigset_t host;
    uint64_t saved = guest_blocked;
    set_blocked(mask);
    /* Wait with the host mask mirroring the guest's: a guest-handled signal wakes us. */
    sigprocmask(SIG_SETMASK, NULL, &host);
    while (!deliverable_pending()) sigsuspend(&host);
    suspend_mask_saved = true;
    suspend_saved_mask = saved;
    return -EINTR;
}

/* ---------------------------------------------------------------------------------------------
 * Signal frames
 * ------------------------------------------------------------------------------------------- */

static bool frame_write(abi_ulong addr, const void *data, size_t len)
{
    if (!guest_access_ok(addr, (abi_ulong)len, true)) return false;
    tb_lock();
    for (uint64_t a = addr & TARGET_PAGE_MASK; a < (uint64_t)addr + len; a += TARGET_PAGE_SIZE)
        page_unprotect((target_ulong)a, 0);
    tb_unlock();
    memcpy(g2h(addr), data, len);
    return true;
}

static bool frame_read(void *data, abi_ulong addr, size_t len)
{
    if (!guest_access_ok(addr, (abi_ulong)len, false)) return false;
    memcpy(data, g2h(addr), len);
    return true;
}

static void save_sigcontext(CPUX86State *env, struct target_sigcontext *sc, uint64_t mask,
                            const struct target_siginfo *si, int trapno)
{
    memset(sc, 0, sizeof(*sc));
    sc->gs = (uint16_t)env->segs[R_GS].selector;
    sc->fs = (uint16_t)env->segs[R_FS].selector;
    sc->es = (uint16_t)env->segs[R_ES].selector;
    sc->ds = (uint16_t)env->segs[R_DS].selector;
    sc->edi = env->regs[R_EDI]; sc->esi = env->regs[R_ESI]; sc->ebp = env->regs[R_EBP];
    sc->esp = env->regs[R_ESP]; sc->ebx = env->regs[R_EBX]; sc->edx = env->regs[R_EDX];
    sc->ecx = env->regs[R_ECX]; sc->eax = env->regs[R_EAX];
    sc->trapno = (uint32_t)trapno;
    sc->err = trapno == EXCP0E_PAGE || trapno == EXCP0D_GPF ? (uint32_t)env->error_code : 0;
    sc->eip = env->eip;
    sc->cs = (uint16_t)env->segs[R_CS].selector;
    sc->eflags = cpu_compute_eflags(env);
    sc->esp_at_signal = env->regs[R_ESP];
    sc->ss = (uint16_t)env->segs[R_SS].selector;
    sc->fpstate = 0;           /* the frame set-up points it at the saved FPU state */
    sc->oldmask = (uint32_t)mask;
    sc->cr2 = trapno == EXCP0E_PAGE ? si->u.addr : 0;
}

/* Registers, flags and the TLS segment registers back from a frame. */
static void restore_sigcontext(CPUX86State *env, const struct target_sigcontext *sc)
{
    env->regs[R_EDI] = sc->edi; env->regs[R_ESI] = sc->esi; env->regs[R_EBP] = sc->ebp;
    env->regs[R_ESP] = sc->esp; env->regs[R_EBX] = sc->ebx; env->regs[R_EDX] = sc->edx;
    env->regs[R_ECX] = sc->ecx; env->regs[R_EAX] = sc->eax;
    env->eip = sc->eip;
    cpu_load_eflags(env, sc->eflags, AC_MASK | TF_MASK | RF_MASK);
    if (env->segs[R_GS].selector != sc->gs) cpu_x86_load_seg(env, R_GS, sc->gs);
    if (env->segs[R_FS].selector != sc->fs) cpu_x86_load_seg(env, R_FS, sc->fs);
}

/* The top of the stack the signal uses: the alternate stack if asked for and not already on it. */
static abi_ulong signal_stack_top(CPUX86State *env, const struct target_sigaction *sa)
{
    abi_ulong sp = env->regs[R_ESP];
    if ((sa->flags & SA_ONSTACK) && !(guest_altstack.ss_flags & SS_DISABLE) && !on_altstack(sp))
        sp = guest_altstack.ss_sp + guest_altstack.ss_size;
    return sp;
}

/* Where a frame of size bytes goes below sp: aligned so that %esp + 4 is 16-byte aligned at
 * the handler's first instruction, as on Linux. */
static abi_ulong frame_below(abi_ulong sp, size_t size)
{
    sp -= (abi_ulong)size;
    return ((sp + 4) & ~15u) - 4;
}

/* ---------------------------------------------------------------------------------------------
 * FPU state in frames: the i386 kernel's struct _fpstate (624 bytes) = the fsave-format
 * environment and registers (108 bytes), status (u16), magic (u16: 0 = an fxsave image
 * follows, 0xffff = fsave data only), then the 512-byte fxsave image. The kernel puts the
 * fxsave image on a 64-byte boundary right below the stack top and the header below it.
 * ------------------------------------------------------------------------------------------- */

#define FPSTATE_HEADER_SIZE 112
#define FPSTATE_FXSAVE_SIZE 512
#define FPSTATE_SIZE (FPSTATE_HEADER_SIZE + FPSTATE_FXSAVE_SIZE)
#define FPSTATE_STATUS_OFFSET 108
#define FPSTATE_MAGIC_OFFSET 110
#define FPSTATE_MAGIC_FSAVE_ONLY 0xffff
#define FPSTATE_MAGIC_FXSR 0x0000

static abi_ulong fpstate_below(abi_ulong sp)
{
    return ((sp - FPSTATE_FXSAVE_SIZE) & ~63u) - FPSTATE_HEADER_SIZE;
}

/* Write the guest FPU/SSE state at addr (guest), then give the handler a clean state. */
static bool save_fpstate(CPUX86State *env, abi_ulong addr)
{
    uint8_t buf[FPSTATE_SIZE];
    memset(buf, 0, sizeof(buf));
    cpu_x86_fsave(env, buf);                          /* 28-byte env + 8 x 10-byte registers */
    memcpy(buf + FPSTATE_STATUS_OFFSET, buf + 4, 2);  /* status: the status word again */
    buf[FPSTATE_MAGIC_OFFSET] = FPSTATE_MAGIC_FXSR & 0xff;
    buf[FPSTATE_MAGIC_OFFSET + 1] = FPSTATE_MAGIC_FXSR >> 8;
    cpu_x86_fxsave(env, buf + FPSTATE_HEADER_SIZE);
    if (!frame_write(addr, buf, sizeof(buf))) return false;
    return true;
}

/* The state the kernel gives a handler (and a sigreturn without fpstate): the init state. */
static void clear_fpstate(CPUX86State *env)
{
    cpu_x86_fpu_init(env);
    memset(env->xmm_regs, 0, sizeof(env->xmm_regs));
    cpu_set_mxcsr(env, MXCSR_DEFAULT);
}

/* sigreturn: the state back from the frame's fpstate (0: the init state, as the kernel does).
 * As in the kernel, MXCSR and XMM come from the fxsave image (reserved MXCSR bits dropped
 * rather than faulting) and the x87 part from the fsave header, which takes precedence over
 * the image's copy; magic 0xffff means fsave data only. */
static void restore_fpstate(CPUX86State *env, abi_ulong addr)
{
    uint8_t buf[FPSTATE_SIZE];
    if (addr == 0) { clear_fpstate(env); return; }
    if (!frame_read(buf, addr, FPSTATE_HEADER_SIZE)) die_with_signal(SIGSEGV);
    uint16_t magic = (uint16_t)(buf[FPSTATE_MAGIC_OFFSET] | buf[FPSTATE_MAGIC_OFFSET + 1] << 8);
    if (magic != FPSTATE_MAGIC_FSAVE_ONLY) {
        if (!frame_read(buf + FPSTATE_HEADER_SIZE, addr + FPSTATE_HEADER_SIZE, FPSTATE_FXSAVE_SIZE))
            die_with_signal(SIGSEGV);
        buf[FPSTATE_HEADER_SIZE + 26] = buf[FPSTATE_HEADER_SIZE + 27] = 0;   /* MXCSR bits 16-31 */
        cpu_x86_fxrstor(env, buf + FPSTATE_HEADER_SIZE);
    }
    cpu_x86_frstor(env, buf);
}

/* Enter the handler: registers as the kernel leaves them. */
static void enter_handler(CPUX86State *env, int sig, const struct target_sigaction *sa,
                          abi_ulong frame, abi_ulong pinfo, abi_ulong puc)
{
    env->regs[R_ESP] = frame;
    env->eip = sa->handler;
    env->regs[R_EAX] = (uint32_t)sig;
    env->regs[R_EDX] = pinfo;
    env->regs[R_ECX] = puc;
    clear_fpstate(env);
    cpu_load_eflags(env, cpu_compute_eflags(env) & ~(DF_MASK | TF_MASK | RF_MASK), TF_MASK | RF_MASK);
}

static bool setup_frame(CPUX86State *env, int sig, const struct target_sigaction *sa,
                        const struct target_siginfo *si, uint64_t mask, int trapno)
{
    static const uint8_t retcode[8] = { 0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80 };  /* popl %eax; movl $119,%eax; int $0x80 */
    struct target_sigframe f;
    abi_ulong fpaddr = fpstate_below(signal_stack_top(env, sa));
    abi_ulong addr = frame_below(fpaddr, sizeof(f));

    memset(&f, 0, sizeof(f));
    f.sig = sig;
    save_sigcontext(env, &f.sc, mask, si, trapno);
    f.sc.fpstate = fpaddr;
    f.extramask = (uint32_t)(mask >> 32);
    memcpy(f.retcode, retcode, sizeof(retcode));
    f.pretcode = (sa->flags & TARGET_SA_RESTORER) ? sa->restorer
                                                  : addr + (abi_ulong)offsetof(struct target_sigframe, retcode);
    if (!save_fpstate(env, fpaddr) || !frame_write(addr, &f, sizeof(f))) return false;
    enter_handler(env, sig, sa, addr, 0, 0);
    return true;
}

static bool setup_rt_frame(CPUX86State *env, int sig, const struct target_sigaction *sa,
                           const struct target_siginfo *si, uint64_t mask, int trapno)
{
    static const uint8_t retcode[8] = { 0xb8, 0xad, 0, 0, 0, 0xcd, 0x80, 0 };    /* movl $173,%eax; int $0x80 */
    struct target_rt_sigframe f;
    abi_ulong fpaddr = fpstate_below(signal_stack_top(env, sa));
    abi_ulong addr = frame_below(fpaddr, sizeof(f));

    memset(&f, 0, sizeof(f));
    f.sig = sig;
    f.pinfo = addr + (abi_ulong)offsetof(struct target_rt_sigframe, info);
    f.puc = addr + (abi_ulong)offsetof(struct target_rt_sigframe, uc);
    f.info = *si;
    f.uc.uc_stack = guest_altstack;
    if (on_altstack(env->regs[R_ESP])) f.uc.uc_stack.ss_flags = SS_ONSTACK;
    save_sigcontext(env, &f.uc.uc_mcontext, mask, si, trapno);
    f.uc.uc_mcontext.fpstate = fpaddr;
    f.uc.uc_sigmask[0] = (uint32_t)mask;
    f.uc.uc_sigmask[1] = (uint32_t)(mask >> 32);
    memcpy(f.retcode, retcode, sizeof(retcode));
    f.pretcode = (sa->flags & TARGET_SA_RESTORER) ? sa->restorer
                                                  : addr + (abi_ulong)offsetof(struct target_rt_sigframe, retcode);
    if (!save_fpstate(env, fpaddr) || !frame_write(addr, &f, sizeof(f))) return false;
    enter_handler(env, sig, sa, addr, f.pinfo, f.puc);
    return true;
}

abi_long do_sigreturn(CPUX86State *env)
{
    struct target_sigframe f;
    abi_ulong addr = env->regs[R_ESP] - 8;
    if (!frame_read(&f, addr, offsetof(struct target_sigframe, retcode))) die_with_signal(SIGSEGV);
    restore_sigcontext(env, &f.sc);
    restore_fpstate(env, f.sc.fpstate);
    set_blocked(((uint64_t)f.extramask << 32) | f.sc.oldmask);
    return -TARGET_QEMU_ESIGRETURN;
}

abi_long do_rt_sigreturn(CPUX86State *env)
{
    struct target_rt_sigframe f;
    abi_ulong addr = env->regs[R_ESP] - 4;
    if (!frame_read(&f, addr, offsetof(struct target_rt_sigframe, retcode))) die_with_signal(SIGSEGV);
    restore_sigcontext(env, &f.uc.uc_mcontext);
    restore_fpstate(env, f.uc.uc_mcontext.fpstate);
    set_blocked(((uint64_t)f.uc.uc_sigmask[1] << 32) | f.uc.uc_sigmask[0]);
    return -TARGET_QEMU_ESIGRETURN;
}

/* ---------------------------------------------------------------------------------------------
 * Delivery
 * ------------------------------------------------------------------------------------------- */

/* Act on sig: ignore, default action, or run the guest handler (frame on the guest stack). */
static void deliver_signal(CPUX86State *env, int sig, const struct target_siginfo *si, int trapno)
{
    struct target_sigaction *sa = &guest_sigact[sig];
    uint64_t saved_mask = suspend_mask_saved ? suspend_saved_mask : guest_blocked;
    bool ok;

    qemu_log_mask(CPU_LOG_INT, "signal %d (code %d) at eip %08x: %s\n", sig, si->si_code, env->eip,
                  sa->handler == TARGET_SIG_DFL ? "default action" :
                  sa->handler == TARGET_SIG_IGN ? "ignored" : "guest handler");
    if (sa->handler == TARGET_SIG_IGN) return;
    profile_count(PROFILE_SIGNALS);
    if (sa->handler == TARGET_SIG_DFL) { default_action(sig); return; }

    ok = (sa->flags & SA_SIGINFO) ? setup_rt_frame(env, sig, sa, si, saved_mask, trapno)
                                  : setup_frame(env, sig, sa, si, saved_mask, trapno);
    if (!ok) {
        /* No room for the frame: the kernel kills the task with SIGSEGV. */
        qemu_log_mask(CPU_LOG_INT, "signal %d: guest stack not writable, SIGSEGV\n", sig);
        die_with_signal(SIGSEGV);
    }
    suspend_mask_saved = false;
    set_blocked(guest_blocked | sa->mask | ((sa->flags & SA_NODEFER) ? 0 : sigbit(sig)));
    if (sa->flags & SA_RESETHAND) {
        sa->handler = TARGET_SIG_DFL;
        sa->flags &= ~(uint32_t)SA_SIGINFO;
        update_host_disposition(sig);
    }
}

void queue_signal(CPUX86State *env, int sig, int si_code, abi_ulong addr)
{
    struct target_siginfo si;
    if (sig < 1 || sig > TARGET_NSIG) return;
    memset(&si, 0, sizeof(si));
    si.si_signo = sig;
    si.si_code = si_code;
    si.u.addr = addr;
    /* Raised by an instruction: cannot be ignored or blocked (the kernel forces the default). */
    if (guest_sigact[sig].handler == TARGET_SIG_IGN || (guest_blocked & sigbit(sig))) {
        qemu_log_mask(CPU_LOG_INT, "signal %d (code %d, addr %08x) at eip %08x: blocked or ignored, "
                      "default action\n", sig, si_code, addr, env->eip);
        die_with_signal(sig);
    }
    /* The vector that raised it (cpu_loop calls here right after cpu_exec) for sc.trapno. */
    deliver_signal(env, sig, &si, env->exception_index >= 0 && env->exception_index < 32 ? env->exception_index : 0);
}

void process_pending_signals(CPUX86State *env)
{
    for (;;) {
        int sig;
        PendingSignal *p = NULL;
        for (sig = 1; sig <= TARGET_NSIG; sig++)
            if (!(guest_blocked & sigbit(sig)) && (p = pending_of(sig))) break;
        if (sig > TARGET_NSIG) break;

        struct target_siginfo si;
        memset(&si, 0, sizeof(si));
        si.si_signo = sig;
        si.si_code = p->code;
        si.u.kill.pid = p->pid;
        si.u.kill.uid = p->uid;
        memcpy(si.u.pad + 8, &p->value, 4);   /* si_value after pid, uid */
        p->pending = 0;
        /* Lowest first; each frame goes on top of the previous one, so the last signal set
         * up runs first, as on Linux. */
        deliver_signal(env, sig, &si, 0);
    }
    if (suspend_mask_saved) {         /* sigsuspend ended by a signal that had no handler */
        suspend_mask_saved = false;
        set_blocked(suspend_saved_mask);
    }
}
