/*
 * signal.c - host signals and guest signals.
 *
 * Host side: a SIGSEGV/SIGBUS handler (on its own stack) first lets exec.c undo its
 * self-modifying-code write protection (page_unprotect), then turns a fault on guest memory
 * while guest code runs into a guest page fault (EXCP0E_PAGE), restoring the guest eip from the
 * host pc; any other fault is a loongbt bug and aborts with a message.
 *
 * Guest side: the guest's dispositions (rt_sigaction), blocked mask and alternate stack are
 * kept here, and mirrored onto the host where that gives the native behaviour for free
 * (SIG_IGN stays ignored by the host, SIG_DFL kills the process as natively, blocked signals
 * stay pending in the host kernel). Delivery into guest handlers is a later issue: a signal
 * whose guest disposition is a handler is logged under -d unimp and takes its default action.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/resource.h>
#include "qemu.h"
#include "exec-all.h"
#include "log.h"
#include "syscall_defs.h"
#include "host-signal.h"

#define TARGET_NSIG 64
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31)
#endif

static struct target_sigaction guest_sigact[TARGET_NSIG + 1];
static uint64_t guest_blocked;             /* bit (sig - 1) */
static struct target_stack_t guest_altstack = { 0, SS_DISABLE, 0 };
static volatile sig_atomic_t guest_pending[TARGET_NSIG + 1];

static inline uint64_t sigbit(int sig) { return 1ull << (sig - 1); }

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
 * Terminating like the native process
 * ------------------------------------------------------------------------------------------- */

static void QEMU_NORETURN die_with_signal(int sig)
{
    struct sigaction sa;
    sigset_t set;

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
    _exit(128 + sig);
}

/* Stop (SIGTSTP & co.) the host process with the default action, then carry on. */
static void stop_with_signal(int sig)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, &old);
    raise(sig);
    sigaction(sig, &old, NULL);
}

/* ---------------------------------------------------------------------------------------------
 * Host handlers
 * ------------------------------------------------------------------------------------------- */

/* A signal for which the guest registered a handler: note it; cpu_loop acts on it. */
static void host_async_handler(int sig)
{
    if (sig > 0 && sig <= TARGET_NSIG) guest_pending[sig] = 1;
    if (thread_cpu) thread_cpu->exit_request = 1;
}

static void host_fault_handler(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    void *addr = info->si_addr;
    CPUX86State *env = thread_cpu;

    if (info->si_code <= 0) {
        /* Sent by kill/tkill (by the guest through the host, or from outside): not a fault. */
        uint32_t h = guest_sigact[sig].handler;
        if (h == TARGET_SIG_IGN) return;
        if (h == TARGET_SIG_DFL) die_with_signal(sig);
        host_async_handler(sig);
        return;
    }
    /* A write to a guest page that exec.c protected because it holds translated code:
     * the page's TBs are dropped and the write is retried (any code path, syscalls too). */
    if (h2g_valid(addr) && host_signal_write(info, uc) && page_unprotect(h2g(addr), host_signal_pc(uc)))
        return;
    if (env && guest_code_running && h2g_valid(addr)) {
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

    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        struct sigaction old;
        guest_sigact[sig].handler = TARGET_SIG_DFL;
        /* An ignored signal stays ignored across exec: the guest inherits that. */
        if (!host_owned(sig) && sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            guest_sigact[sig].handler = TARGET_SIG_IGN;
    }
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if (!host_owned(sig) && sigismember(&cur, sig) == 1) guest_blocked |= sigbit(sig);
}

/* ---------------------------------------------------------------------------------------------
 * Guest-visible state (rt_sigaction, rt_sigprocmask, sigaltstack, kill to self)
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
        sa.sa_handler = host_async_handler;
        sa.sa_flags = guest_sigact[sig].flags & SA_RESTART;
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

int do_sigaction(int sig, const struct target_sigaction *act, struct target_sigaction *oact)
{
    if (sig < 1 || sig > TARGET_NSIG) return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP)) return -EINVAL;
    if (oact) *oact = guest_sigact[sig];
    if (act) {
        guest_sigact[sig] = *act;
        guest_sigact[sig].mask &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
        update_host_disposition(sig);
        /* Setting SIG_IGN discards a pending instance (POSIX). */
        if (act->handler == TARGET_SIG_IGN) guest_pending[sig] = 0;
    }
    return 0;
}

int do_sigprocmask(int how, const uint64_t *set, uint64_t *oldset)
{
    if (oldset) *oldset = guest_blocked;
    if (!set) return 0;
    uint64_t s = *set & ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    switch (how) {
    case SIG_BLOCK: guest_blocked |= s; break;
    case SIG_UNBLOCK: guest_blocked &= ~s; break;
    case SIG_SETMASK: guest_blocked = s; break;
    default: return -EINVAL;
    }
    update_host_mask();
    return 0;
}

int do_sigaltstack(const struct target_stack_t *ss, struct target_stack_t *oss)
{
    struct target_stack_t old = guest_altstack;
    if (ss) {
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
    if (oss) *oss = old;
    return 0;
}

int do_kill_self(CPUX86State *env, int sig)
{
    if (sig < 0 || sig > TARGET_NSIG) return -EINVAL;
    if (sig == 0) return 0;
    guest_pending[sig] = 1;
    if (env) env->exit_request = 1;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Acting on guest signals
 * ------------------------------------------------------------------------------------------- */

void queue_signal(CPUX86State *env, int sig, int si_code, abi_ulong addr)
{
    uint32_t h;
    bool synchronous = si_code > 0;    /* raised by an instruction: cannot be ignored */

    if (sig < 1 || sig > TARGET_NSIG) return;
    h = guest_sigact[sig].handler;
    qemu_log_mask(CPU_LOG_INT, "signal %d (code %d, addr %08x) at eip %08x\n", sig, si_code, addr,
                  env ? env->eip : 0);
    if (h == TARGET_SIG_IGN && !synchronous) return;
    if (h > TARGET_SIG_IGN)
        qemu_log_mask(CPU_LOG_UNIMP, "guest signal handler not supported yet (signal %d, handler %08x): "
                      "taking the default action\n", sig, h);
    if (sig == SIGKILL) die_with_signal(sig);
    if (default_is_ignore(sig) && !synchronous) return;
    if (default_is_stop(sig)) { stop_with_signal(sig); return; }
    die_with_signal(sig);
}

void process_pending_signals(CPUX86State *env)
{
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (!guest_pending[sig] || (guest_blocked & sigbit(sig))) continue;
        guest_pending[sig] = 0;
        queue_signal(env, sig, SI_USER, 0);
    }
}
