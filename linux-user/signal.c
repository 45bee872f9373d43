/*
 * signal.c - host signals and guest signals.
 *
 * Host side: a SIGSEGV/SIGBUS handler (on its own stack) first lets exec.c undo its
 * self-modifying-code write protection (page_unprotect), then turns a fault on guest memory
 * while guest code runs into a guest page fault (EXCP0E_PAGE), restoring the guest eip from the
 * host pc; any other fault is a loongbt bug and aborts with a message.
 *
 * Numbers: the guest uses i386's signal numbers on every host; target_signal.h describes the
 * mapping onto host signals (real-time ones shifted past the host C library's reserved ones)
 * and every conversion goes through target_to_host_signal / host_to_target_signal.
 *
 * Guest side: the guest's dispositions (rt_sigaction and the old calls), blocked mask and
 * alternate stack live here and are mirrored onto the host where that gives the native
 * behaviour for free: SIG_IGN stays ignored by the host, SIG_DFL kills the process as natively
 * (real-time signals, delivered on shifted host numbers, are caught and die of the guest's
 * number), a signal the guest blocks stays pending in the host kernel (so sigpending,
 * sigtimedwait and signalfd see it), and signals the guest sends go through the host kernel.
 * A signal with a guest handler is caught on the host and queued (with its siginfo, real-time
 * signals once per instance) for the thread that caught it; process_pending_signals (called by
 * cpu_loop after every exit from guest code) delivers it by building the i386 kernel's signal
 * frame on the guest stack; the handler returns through sigreturn / rt_sigreturn, which
 * restore the registers and the mask. Host handlers never restart interrupted calls: the
 * guest's SA_RESTART is applied by signal_restart_syscall. Guest signals without a host signal
 * are queued here directly.
 * Frames carry the FPU/SSE state as the i386 kernel writes it (struct _fpstate: the fsave-format
 * header, then the fxsave image, 64-byte aligned, above the frame); the handler starts with a
 * clean x87 (finit), MXCSR 0x1f80 and zeroed XMM registers, and sigreturn puts the state back.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "qemu.h"
#include "exec-all.h"
#include "profile.h"
#include "log.h"
#include "syscall_defs.h"
#include "target_signal.h"
#include "host-signal.h"

static inline uint64_t sigbit(int sig) { return 1ull << (sig - 1); }
#define UNBLOCKABLE (sigbit(TARGET_SIGKILL) | sigbit(TARGET_SIGSTOP))

/* ---------------------------------------------------------------------------------------------
 * Signal numbers: guest <-> host (see target_signal.h for the mapping)
 * ------------------------------------------------------------------------------------------- */

#define HOST_SIG_MAX (_NSIG - 1)
static int host_of_target[TARGET_NSIG + 1];
static int target_of_host[HOST_SIG_MAX + 1];
/* The host signal a process dies of for each guest signal, and back for wait statuses: the
 * classic ones by name, real-time ones by number (a process may die of any signal, so no
 * shift is needed there, and a native parent reads the same number a native child gives). */
static int death_host_of_target[TARGET_NSIG + 1];
static int target_of_death_host[HOST_SIG_MAX + 1];
static pthread_once_t signal_map_once = PTHREAD_ONCE_INIT;

static void signal_map_init(void)
{
#define MAP_CLASSIC(name, num, host) host_of_target[num] = host;
    TARGET_CLASSIC_SIGNALS(MAP_CLASSIC)
#undef MAP_CLASSIC
    for (int sig = 1; sig < TARGET_SIGRTMIN; sig++)
        death_host_of_target[sig] = host_of_target[sig];
    for (int sig = TARGET_SIGRTMIN, host_rt = SIGRTMIN; sig <= TARGET_NSIG; sig++) {
        if (host_rt <= SIGRTMAX) host_of_target[sig] = host_rt++;
        if (__SIGRTMIN + (sig - TARGET_SIGRTMIN) <= HOST_SIG_MAX)
            death_host_of_target[sig] = __SIGRTMIN + (sig - TARGET_SIGRTMIN);
    }
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (host_of_target[sig] > 0 && host_of_target[sig] <= HOST_SIG_MAX)
            target_of_host[host_of_target[sig]] = sig;
        if (death_host_of_target[sig] > 0)
            target_of_death_host[death_host_of_target[sig]] = sig;
    }
}

int target_to_host_signal(int sig)
{
    pthread_once(&signal_map_once, signal_map_init);
    return sig >= 1 && sig <= TARGET_NSIG ? host_of_target[sig] : 0;
}

int host_to_target_signal(int sig)
{
    pthread_once(&signal_map_once, signal_map_init);
    return sig >= 1 && sig <= HOST_SIG_MAX ? target_of_host[sig] : 0;
}

void target_to_host_sigset(sigset_t *host, uint64_t set)
{
    sigemptyset(host);
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if ((set & sigbit(sig)) && target_to_host_signal(sig)) sigaddset(host, target_to_host_signal(sig));
}

uint64_t host_to_target_sigset(const sigset_t *host)
{
    uint64_t set = 0;
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        int h = target_to_host_signal(sig);
        if (h && sigismember(host, h) == 1) set |= sigbit(sig);
    }
    return set;
}

void target_to_host_ksigset(host_ksigset_t *host, uint64_t set)
{
    memset(host, 0, sizeof(*host));
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        int h = target_to_host_signal(sig);
        if ((set & sigbit(sig)) && h) host->sig[(h - 1) / 64] |= 1ull << ((h - 1) % 64);
    }
}

int host_to_target_exit_signal(int sig)
{
    pthread_once(&signal_map_once, signal_map_init);
    int t = sig >= 1 && sig <= HOST_SIG_MAX ? target_of_death_host[sig] : 0;
    return t ? t : sig;
}

int host_to_target_wstatus(int status)
{
    if (WIFSIGNALED(status))
        return (status & ~0x7f) | host_to_target_exit_signal(WTERMSIG(status));
    if (WIFSTOPPED(status))
        return (status & ~0xff00) | host_to_target_exit_signal(WSTOPSIG(status)) << 8;
    return status;
}

/* The guest signal's host signal for everything but dying: 0 for a guest-only signal. */
static int host_sig(int sig) { return target_to_host_signal(sig); }

/* ---------------------------------------------------------------------------------------------
 * siginfo: host -> guest (i386 layout: the union at offset 12, 32-bit fields)
 * ------------------------------------------------------------------------------------------- */

/* Union fields at byte offsets of the i386 union. */
static void info_put32(struct target_siginfo *t, int offset, uint32_t v)
{
    memcpy(t->u.pad + offset, &v, 4);
}

/* Which union member the kernel filled, as its siginfo_layout() decides. */
static void host_to_target_siginfo(struct target_siginfo *t, const siginfo_t *h, int tsig)
{
    memset(t, 0, sizeof(*t));
    t->si_signo = tsig;
    t->si_errno = h->si_errno;
    t->si_code = h->si_code;
    if (h->si_code > 0 && h->si_code != SI_KERNEL) {
        if (tsig == TARGET_SIGCHLD) {
            int status = h->si_status;
            if (h->si_code == CLD_KILLED || h->si_code == CLD_DUMPED || h->si_code == CLD_STOPPED ||
                h->si_code == CLD_TRAPPED) {
                status = host_to_target_exit_signal(status);
            }
            info_put32(t, 0, (uint32_t)h->si_pid);
            info_put32(t, 4, h->si_uid);
            info_put32(t, 8, (uint32_t)status);
            info_put32(t, 12, (uint32_t)h->si_utime);
            info_put32(t, 16, (uint32_t)h->si_stime);
            return;
        }
        if (tsig == TARGET_SIGSEGV || tsig == TARGET_SIGBUS || tsig == TARGET_SIGILL ||
            tsig == TARGET_SIGFPE || tsig == TARGET_SIGTRAP) {
            t->u.addr = h2g_valid(h->si_addr) ? h2g(h->si_addr) : 0;
            return;
        }
        if (tsig == TARGET_SIGIO) {
            info_put32(t, 0, (uint32_t)h->si_band);
            info_put32(t, 4, (uint32_t)h->si_fd);
            return;
        }
    }
    if (h->si_code == SI_TIMER) {
        info_put32(t, 0, (uint32_t)h->si_timerid);
        info_put32(t, 4, (uint32_t)h->si_overrun);
        info_put32(t, 8, (uint32_t)h->si_value.sival_int);
        return;
    }
    /* kill / tkill / sigqueue / everything else: pid, uid, value. */
    info_put32(t, 0, (uint32_t)h->si_pid);
    info_put32(t, 4, h->si_uid);
    info_put32(t, 8, (uint32_t)h->si_value.sival_int);
}

/* The siginfo of a signal the guest raises itself (kill, tkill, sigqueue) for the queue. */
static void self_siginfo(struct target_siginfo *t, int sig, int code, uint32_t value)
{
    memset(t, 0, sizeof(*t));
    t->si_signo = sig;
    t->si_code = code;
    info_put32(t, 0, (uint32_t)getpid());
    info_put32(t, 4, getuid());
    info_put32(t, 8, value);
}

/* ---------------------------------------------------------------------------------------------
 * Queues of caught signals. Each thread has one (signals its host thread caught, and guest-only
 * signals sent to it); guest-only signals sent to the process go to a shared one. Entries are
 * kept in arrival order; classic signals are queued once, real-time ones per instance, as in
 * Linux. A queue is changed only with the lock held and the host signals blocked (host handlers
 * block them too), so a handler never spins on a lock its own thread holds.
 * ------------------------------------------------------------------------------------------- */

#define SIGQUEUE_SLOTS 64
typedef struct SigQueue {
    int lock;
    int count;
    struct { int sig; struct target_siginfo info; } slot[SIGQUEUE_SLOTS];
} SigQueue;

static SigQueue process_queue;
static __thread SigQueue thread_queue;
/* Set by the host handler when it left the host signals blocked (thread_queue nearly full);
 * process_pending_signals puts the host mask back once the queue has drained. */
#define SIGQUEUE_THROTTLE (SIGQUEUE_SLOTS - 4)
static __thread volatile sig_atomic_t queue_throttled;

static void queue_lock(SigQueue *q, sigset_t *saved)
{
    sigset_t all;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    pthread_sigmask(SIG_SETMASK, &all, saved);
    while (__atomic_exchange_n(&q->lock, 1, __ATOMIC_ACQUIRE))
        sched_yield();
}

static void queue_unlock(SigQueue *q, const sigset_t *saved)
{
    __atomic_store_n(&q->lock, 0, __ATOMIC_RELEASE);
    pthread_sigmask(SIG_SETMASK, saved, NULL);
}

static bool queue_has(const SigQueue *q, int sig)
{
    int n = __atomic_load_n(&q->count, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n && i < SIGQUEUE_SLOTS; i++)
        if (q->slot[i].sig == sig) return true;
    return false;
}

static void enqueue(SigQueue *q, int sig, const struct target_siginfo *info)
{
    sigset_t saved;
    queue_lock(q, &saved);
    if (!(sig < TARGET_SIGRTMIN && queue_has(q, sig)) && q->count < SIGQUEUE_SLOTS) {
        q->slot[q->count].sig = sig;
        q->slot[q->count].info = *info;
        __atomic_store_n(&q->count, q->count + 1, __ATOMIC_RELEASE);
    }
    queue_unlock(q, &saved);
}

/* Take the oldest entry of sig; false if there is none. */
static bool dequeue(SigQueue *q, int sig, struct target_siginfo *info)
{
    sigset_t saved;
    bool found = false;
    if (!__atomic_load_n(&q->count, __ATOMIC_ACQUIRE)) return false;
    queue_lock(q, &saved);
    for (int i = 0; i < q->count; i++) {
        if (q->slot[i].sig != sig) continue;
        if (info) *info = q->slot[i].info;
        memmove(&q->slot[i], &q->slot[i + 1], (size_t)(q->count - i - 1) * sizeof(q->slot[0]));
        q->count--;
        found = true;
        break;
    }
    queue_unlock(q, &saved);
    return found;
}

static void discard_queued(int sig)
{
    while (dequeue(&thread_queue, sig, NULL)) {}
    while (dequeue(&process_queue, sig, NULL)) {}
}

static bool is_queued(int sig)
{
    return queue_has(&thread_queue, sig) || queue_has(&process_queue, sig);
}

/* The lowest queued signal not in blocked (0: none); lowest first, as Linux dequeues. */
static int next_queued(uint64_t blocked)
{
    if (!__atomic_load_n(&thread_queue.count, __ATOMIC_ACQUIRE) &&
        !__atomic_load_n(&process_queue.count, __ATOMIC_ACQUIRE))
        return 0;
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if (!(blocked & sigbit(sig)) && is_queued(sig)) return sig;
    return 0;
}

void signal_fork_child(void)
{
    thread_queue.count = 0;
    process_queue.count = 0;
    process_queue.lock = 0;             /* another thread may have held it at the fork */
}

static bool take_queued(int sig, struct target_siginfo *info)
{
    return dequeue(&thread_queue, sig, info) || dequeue(&process_queue, sig, info);
}

/* ---------------------------------------------------------------------------------------------
 * Guest signal state
 * ------------------------------------------------------------------------------------------- */

static struct target_sigaction guest_sigact[TARGET_NSIG + 1];
/* Dispositions change (sigaction) while other threads deliver: both hold this, as the kernel
 * holds its siglock, so delivery acts on one consistent disposition. */
static pthread_mutex_t sigact_lock = PTHREAD_MUTEX_INITIALIZER;
/* Per guest thread, as in Linux: the mask, the alternate stack and the sigsuspend state.
 * Dispositions are shared. The alternate stack is the kernel's sas_ss_sp / sas_ss_size /
 * sas_ss_flags (size 0: none); a new thread starts without one. */
static __thread uint64_t guest_blocked;             /* bit (sig - 1) */
static __thread struct target_stack_t guest_altstack;
/* rt_sigsuspend: the mask to put back once the signal that ended it has been handled. */
static __thread bool suspend_mask_saved;
static __thread uint64_t suspend_saved_mask;

/* ---------------------------------------------------------------------------------------------
 * Signal classes (Linux default actions; guest numbers)
 * ------------------------------------------------------------------------------------------- */

static bool default_is_ignore(int sig)
{
    return sig == TARGET_SIGCHLD || sig == TARGET_SIGURG || sig == TARGET_SIGWINCH ||
           sig == TARGET_SIGCONT;
}

static bool default_is_stop(int sig)
{
    return sig == TARGET_SIGSTOP || sig == TARGET_SIGTSTP || sig == TARGET_SIGTTIN ||
           sig == TARGET_SIGTTOU;
}

static bool default_dumps_core(int sig)
{
    switch (sig) {
    case TARGET_SIGQUIT: case TARGET_SIGILL: case TARGET_SIGTRAP: case TARGET_SIGABRT:
    case TARGET_SIGBUS: case TARGET_SIGFPE: case TARGET_SIGSEGV: case TARGET_SIGXCPU:
    case TARGET_SIGXFSZ: case TARGET_SIGSYS:
        return true;
    default:
        return false;
    }
}

/* Whether the guest's disposition is mirrored onto the host signal: not for guest-only
 * signals, nor for the ones the host side keeps (faults, and KILL/STOP which cannot be). */
static bool host_mirrored(int sig)
{
    return host_sig(sig) && sig != TARGET_SIGSEGV && sig != TARGET_SIGBUS &&
           sig != TARGET_SIGKILL && sig != TARGET_SIGSTOP;
}

static bool is_ignored(int sig)
{
    uint32_t h = guest_sigact[sig].handler;
    return h == TARGET_SIG_IGN || (h == TARGET_SIG_DFL && default_is_ignore(sig));
}

/* ---------------------------------------------------------------------------------------------
 * Default actions: terminating (or stopping) like the native process
 * ------------------------------------------------------------------------------------------- */

static void QEMU_NORETURN die_with_signal(int sig)
{
    int hs = death_host_of_target[sig];
    sigset_t set;

    profile_report();                        /* -d stats / -stats-json: the process ends here */
    fflush(stdout);
    fflush(stderr);
    qemu_log_flush();
    if (default_dumps_core(sig)) {
        struct rlimit rl = { 0, 0 };
        setrlimit(RLIMIT_CORE, &rl);         /* tests must not leave core files behind */
    }
    if (!hs) _exit(128 + sig);
    signal(hs, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, hs);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(hs);
    /* glibc keeps its reserved signals for itself (its sigaction refuses them): go to the
     * kernel directly. An all-zero kernel sigaction is SIG_DFL, no flags, an empty mask
     * whatever the host's layout. */
    uint64_t zero_action[4] = { 0 };
    host_ksigset_t bit;
    memset(&bit, 0, sizeof(bit));
    bit.sig[(hs - 1) / 64] = 1ull << ((hs - 1) % 64);
    syscall(SYS_rt_sigaction, hs, zero_action, NULL, HOST_KSIGSET_SIZE);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &bit, NULL, HOST_KSIGSET_SIZE);
    syscall(SYS_tgkill, getpid(), gettid(), hs);
    _exit(128 + sig);
}

static void stop_with_signal(int sig)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(host_sig(sig), &sa, &old);
    raise(host_sig(sig));
    sigaction(host_sig(sig), &old, NULL);
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

static void update_host_disposition(int sig);

/* A signal for which the guest registered a handler: queue it for this thread; cpu_loop
 * delivers it. */
static void host_async_handler(int hs, siginfo_t *info, void *puc)
{
    struct target_siginfo t;
    int sig = host_to_target_signal(hs);
    if (!sig) return;
    host_to_target_siginfo(&t, info, sig);
    enqueue(&thread_queue, sig, &t);
    /* Nearly full: return with the host signals blocked, so that the host kernel keeps the
     * next ones queued (real-time signals must not be lost) until the queue drains. */
    if (__atomic_load_n(&thread_queue.count, __ATOMIC_ACQUIRE) >= SIGQUEUE_THROTTLE) {
        ucontext_t *uc = puc;
        sigfillset(&uc->uc_sigmask);
        sigdelset(&uc->uc_sigmask, SIGSEGV);
        sigdelset(&uc->uc_sigmask, SIGBUS);
        queue_throttled = 1;
    }
    if (thread_cpu) cpu_exit(thread_cpu);       /* also breaks chained loops */
}

static void host_fault_handler(int hs, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    void *addr = info->si_addr;
    CPUX86State *env = thread_cpu;

    if (info->si_code <= 0) {
        /* Sent by kill/tkill from outside: not a fault. */
        int sig = host_to_target_signal(hs);
        uint32_t h = guest_sigact[sig].handler;
        if (h == TARGET_SIG_IGN) return;
        if (h == TARGET_SIG_DFL) die_with_signal(sig);
        host_async_handler(hs, info, puc);
        return;
    }
    /* A write to a guest page that exec.c protected because it holds translated code:
     * the page's TBs are dropped and the write is retried (any code path, syscalls too).
     * Only a SIGSEGV can be that (a SIGBUS write, past the end of a mapped file, is real). */
    if (hs == SIGSEGV && h2g_valid(addr) && host_signal_write(info, uc)) {
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
        sigaddset(&set, hs);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        cpu_loop_exit(env);
    }
    fprintf(stderr, "loongbt-i386: internal error: host %s at pc %p addr %p\n",
            hs == SIGBUS ? "SIGBUS" : "SIGSEGV", (void *)host_signal_pc(uc), addr);
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

    pthread_once(&signal_map_once, signal_map_init);
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
        if (host_mirrored(sig) && sigaction(host_sig(sig), NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            guest_sigact[sig].handler = TARGET_SIG_IGN;
        update_host_disposition(sig);
    }
    sigprocmask(SIG_SETMASK, NULL, &cur);
    guest_blocked = host_to_target_sigset(&cur) & ~UNBLOCKABLE;
}

/* ---------------------------------------------------------------------------------------------
 * Guest-visible state: dispositions and masks
 * ------------------------------------------------------------------------------------------- */

/* Mirror the guest's disposition onto the host. */
static void update_host_disposition(int sig)
{
    struct sigaction sa;
    const struct target_sigaction *g = &guest_sigact[sig];

    if (!host_mirrored(sig)) return;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    /* A signal delivered on another host number than the one it kills with (the real-time
     * ones): its default action is taken here, so that the process dies of the right one. */
    bool dfl_here = g->handler == TARGET_SIG_DFL && host_sig(sig) != death_host_of_target[sig];
    if (g->handler == TARGET_SIG_DFL && !dfl_here) {
        sa.sa_handler = SIG_DFL;
    } else if (g->handler == TARGET_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else {
        /* The handler only queues: it blocks every other signal so that it never nests. */
        sigfillset(&sa.sa_mask);
        sigdelset(&sa.sa_mask, SIGSEGV);
        sigdelset(&sa.sa_mask, SIGBUS);
        sa.sa_sigaction = host_async_handler;
        /* Never SA_RESTART: a blocking call must come back so that the guest handler runs;
         * signal_restart_syscall then restarts it if the guest asked for SA_RESTART. */
        sa.sa_flags = SA_SIGINFO;
    }
    /* What the kernel does for the parent on a child's stop or exit depends on these. */
    if (sig == TARGET_SIGCHLD) {
        if (g->flags & TARGET_SA_NOCLDSTOP) sa.sa_flags |= SA_NOCLDSTOP;
        if (g->flags & TARGET_SA_NOCLDWAIT) sa.sa_flags |= SA_NOCLDWAIT;
    }
    sigaction(host_sig(sig), &sa, NULL);
}

/* The host mask mirrors the guest's, except for the signals the host side needs: faults, and
 * SIGILL/SIGFPE/SIGTRAP which guest instructions raise through queue_signal. */
static void update_host_mask(void)
{
    sigset_t set;
    uint64_t keep = sigbit(TARGET_SIGSEGV) | sigbit(TARGET_SIGBUS) | sigbit(TARGET_SIGILL) |
                    sigbit(TARGET_SIGFPE) | sigbit(TARGET_SIGTRAP);
    target_to_host_sigset(&set, guest_blocked & ~keep);
    sigprocmask(SIG_SETMASK, &set, NULL);
}

static void set_blocked(uint64_t mask)
{
    guest_blocked = mask & ~UNBLOCKABLE;
    update_host_mask();
}

int do_sigaction(int sig, const struct target_sigaction *act, struct target_sigaction *oact)
{
    if (sig < 1 || sig > TARGET_NSIG) return -EINVAL;
    if (act && (sig == TARGET_SIGKILL || sig == TARGET_SIGSTOP)) return -EINVAL;
    pthread_mutex_lock(&sigact_lock);
    if (oact) {
        *oact = guest_sigact[sig];
        oact->flags &= TARGET_SA_KNOWN_FLAGS;
    }
    if (act) {
        guest_sigact[sig] = *act;
        guest_sigact[sig].mask &= ~UNBLOCKABLE;
        guest_sigact[sig].flags &= TARGET_SA_KNOWN_FLAGS;
        update_host_disposition(sig);
        /* Setting SIG_IGN (or SIG_DFL for an ignore-by-default signal) discards a pending one. */
        if (is_ignored(sig)) discard_queued(sig);
    }
    pthread_mutex_unlock(&sigact_lock);
    return 0;
}

int do_sigprocmask(int how, const uint64_t *set, uint64_t *oldset)
{
    if (oldset) *oldset = guest_blocked;
    if (!set) return 0;
    switch (how) {
    case TARGET_SIG_BLOCK: set_blocked(guest_blocked | *set); break;
    case TARGET_SIG_UNBLOCK: set_blocked(guest_blocked & ~*set); break;
    case TARGET_SIG_SETMASK: set_blocked(*set); break;
    default: return -EINVAL;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The alternate stack, with the kernel's rules: while the thread runs on it, it cannot be
 * changed (EPERM); SS_AUTODISARM disarms it for the duration of a handler (rt_sigreturn
 * re-arms it from the frame's uc_stack), and then the thread never counts as "on" it.
 * ------------------------------------------------------------------------------------------- */

static bool on_altstack(abi_ulong sp)
{
    const struct target_stack_t *a = &guest_altstack;
    if ((uint32_t)a->ss_flags & TARGET_SS_AUTODISARM) return false;
    return sp > a->ss_sp && sp - a->ss_sp <= a->ss_size;
}

/* sas_ss_flags(): SS_DISABLE without a stack, SS_ONSTACK on it, else 0. */
static int altstack_state(abi_ulong sp)
{
    if (!guest_altstack.ss_size) return TARGET_SS_DISABLE;
    return on_altstack(sp) ? TARGET_SS_ONSTACK : 0;
}

static int set_altstack(const struct target_stack_t *ss, abi_ulong sp)
{
    uint32_t mode = (uint32_t)ss->ss_flags & ~TARGET_SS_AUTODISARM;
    if (on_altstack(sp)) return -EPERM;
    if (mode != TARGET_SS_DISABLE && mode != TARGET_SS_ONSTACK && mode != 0) return -EINVAL;
    if (mode == TARGET_SS_DISABLE) {
        guest_altstack.ss_sp = 0;
        guest_altstack.ss_size = 0;
    } else {
        if (ss->ss_size < TARGET_MINSIGSTKSZ) return -ENOMEM;
        guest_altstack.ss_sp = ss->ss_sp;
        guest_altstack.ss_size = ss->ss_size;
    }
    guest_altstack.ss_flags = ss->ss_flags;
    return 0;
}

/* The stack_t the kernel reports (sigaltstack's old value, a frame's uc_stack). */
static struct target_stack_t altstack_report(abi_ulong sp)
{
    struct target_stack_t r = guest_altstack;
    r.ss_flags = altstack_state(sp) | (int32_t)((uint32_t)guest_altstack.ss_flags & TARGET_SS_AUTODISARM);
    return r;
}

int do_sigaltstack(const struct target_stack_t *ss, struct target_stack_t *oss)
{
    abi_ulong sp = thread_cpu ? thread_cpu->regs[R_ESP] : 0;
    if (oss) *oss = altstack_report(sp);
    return ss ? set_altstack(ss, sp) : 0;
}

/* AT_MINSIGSTKSZ: what the kernel computes for the CPU loongbt presents (FXSR, no XSAVE):
 * the largest frame (the 64-bit kernel sizes it by its own rt_sigframe, 440 bytes) with
 * 15 bytes of alignment, the FPU state (fxsave image plus the i386 fsave header, 624 bytes)
 * with 63 bytes of alignment, rounded up to 16. */
abi_ulong target_minsigstksz(void)
{
    return (440 + 15 + 624 + 63 + 15) & ~15u;
}

/* ---------------------------------------------------------------------------------------------
 * Sending signals. A guest signal with a host signal goes through the host kernel (which
 * checks the target, queues, and delivers to a thread that does not block it); a guest-only
 * one is checked with the host's null signal and queued here when it targets this process.
 * An invalid number becomes one the host rejects too, so errors come in the kernel's order.
 * ------------------------------------------------------------------------------------------- */

static int host_sig_to_send(int sig)
{
    if (sig < 0 || sig > TARGET_NSIG) return -1;
    return host_sig(sig);
}

static bool guest_only(int sig) { return sig >= 1 && sig <= TARGET_NSIG && !host_sig(sig); }

/* Queue a guest-only signal for this thread or the process (dropped if ignored, as the kernel
 * drops an ignored signal that is not blocked). */
static void queue_guest_only(bool this_thread, int sig, const struct target_siginfo *info)
{
    if (is_ignored(sig) && !(guest_blocked & sigbit(sig))) return;
    enqueue(this_thread ? &thread_queue : &process_queue, sig, info);
}

abi_long do_kill(abi_long pid, int sig)
{
    if (kill((pid_t)pid, host_sig_to_send(sig)) < 0) return -errno;
    if (guest_only(sig)) {
        /* kill(-1, sig) reaches every process but the caller (and init). */
        bool self = pid == getpid() || pid == 0 || (pid < -1 && -pid == getpgrp());
        struct target_siginfo info;
        self_siginfo(&info, sig, TARGET_SI_USER, 0);
        if (self) queue_guest_only(false, sig, &info);
    }
    return 0;
}

/* tkill (tgid -1) and tgkill. */
abi_long do_tgkill(abi_long tgid, abi_long tid, int sig)
{
    long r = tgid == -1 ? syscall(SYS_tkill, tid, host_sig_to_send(sig))
                        : syscall(SYS_tgkill, tgid, tid, host_sig_to_send(sig));
    if (r < 0) return -errno;
    /* A thread of this process: tgkill with sig 0 finds it. */
    if (guest_only(sig) && syscall(SYS_tgkill, getpid(), tid, 0) == 0 && (tgid == -1 || tgid == getpid())) {
        struct target_siginfo info;
        self_siginfo(&info, sig, TARGET_SI_TKILL, 0);
        /* Another thread's queue is not reachable from here: the process's is. */
        queue_guest_only(tid == gettid(), sig, &info);
    }
    return 0;
}

static void target_to_host_siginfo(siginfo_t *h, const struct target_siginfo *t, int hs)
{
    uint32_t f[3];
    memcpy(f, t->u.pad, sizeof(f));
    memset(h, 0, sizeof(*h));
    h->si_signo = hs;
    h->si_errno = t->si_errno;
    h->si_code = t->si_code;
    h->si_pid = (pid_t)f[0];
    h->si_uid = f[1];
    h->si_value.sival_int = (int)f[2];
}

/* rt_sigqueueinfo (tid -1) and rt_tgsigqueueinfo. Not even root may pretend to be the kernel
 * or kill()/tkill() to another process (EPERM); to itself anything goes. */
abi_long do_rt_tgsigqueueinfo(abi_long tgid, abi_long tid, int sig, const struct target_siginfo *info)
{
    siginfo_t h;
    int hs = host_sig_to_send(sig);
    target_to_host_siginfo(&h, info, hs);
    long r = tid == -1 ? syscall(SYS_rt_sigqueueinfo, tgid, hs, &h)
                       : syscall(SYS_rt_tgsigqueueinfo, tgid, tid, hs, &h);
    if (r < 0) return -errno;
    if (guest_only(sig) && tgid == getpid()) {
        struct target_siginfo t = *info;
        t.si_signo = sig;
        queue_guest_only(tid == gettid(), sig, &t);
    }
    return 0;
}

/* pidfd_send_signal(pidfd, sig, info, flags): the host call with the host number and siginfo
 * (the kernel's own permission rules on info apply). */
abi_long sys_pidfd_send_signal(CPUX86State *env, const abi_long *a)
{
    struct target_siginfo t;
    siginfo_t h;
    int hs = host_sig_to_send((int)a[1]);
    (void)env;
    if (a[2]) {
        if (!guest_copy_in(&t, (abi_ulong)a[2], sizeof(t))) return -EFAULT;
        target_to_host_siginfo(&h, &t, hs);
    }
    long r = syscall(SYS_pidfd_send_signal, (int)a[0], hs, a[2] ? &h : NULL, (unsigned)a[3]);
    return r < 0 ? -errno : 0;
}

/* rt_sigtimedwait: a signal of set already queued here is taken first; otherwise wait for the
 * host to have one (the guest blocks the set, so the host mask, which mirrors it, keeps such
 * signals pending in the host kernel instead of running a handler). */
int do_sigtimedwait(uint64_t set, struct target_siginfo *info, const struct timespec *timeout)
{
    sigset_t host;
    siginfo_t hi;
    set &= ~UNBLOCKABLE;
    /* Lowest first, whether queued here or pending in the host kernel. */
    int sig = next_queued(~set);
    if (sig && sigpending(&host) == 0) {
        uint64_t host_pending = host_to_target_sigset(&host) & set;
        if (host_pending && __builtin_ctzll(host_pending) + 1 < sig) sig = 0;
    }
    if (sig && take_queued(sig, info)) return sig;
    target_to_host_sigset(&host, set);
    int r = sigtimedwait(&host, &hi, timeout);
    if (r < 0) return -errno;
    sig = host_to_target_signal(r);
    host_to_target_siginfo(info, &hi, sig);
    return sig;
}

/* rt_sigpending: pending signals that are blocked. */
uint64_t do_sigpending(void)
{
    uint64_t set = 0;
    sigset_t host;
    for (int sig = 1; sig <= TARGET_NSIG; sig++)
        if (is_queued(sig)) set |= sigbit(sig);
    if (sigpending(&host) == 0) set |= host_to_target_sigset(&host);
    return set & guest_blocked;
}

int do_sigsuspend(CPUX86State *env, uint64_t mask)
{
    sigset_t host;
    uint64_t saved = guest_blocked;
    (void)env;
    set_blocked(mask);
    /* Wait with the host mask mirroring the guest's: a guest-handled signal wakes us. */
    sigprocmask(SIG_SETMASK, NULL, &host);
    while (!next_queued(guest_blocked)) sigsuspend(&host);
    suspend_mask_saved = true;
    suspend_saved_mask = saved;
    return -EINTR;
}

/* ---------------------------------------------------------------------------------------------
 * SA_RESTART. Host handlers never restart host calls, so a blocking call that a guest-handled
 * signal interrupts returns EINTR and the handler runs; when the handler has SA_RESTART the
 * call is made again afterwards (cpu_loop re-executes int $0x80), as the kernel restarts it,
 * except for the calls Linux never restarts (signal(7)): they fail with EINTR.
 * ------------------------------------------------------------------------------------------- */

#define NEVER_RESTARTED_SYSCALLS(X) \
    X(pause) X(rt_sigsuspend) X(sigsuspend) X(rt_sigtimedwait) X(rt_sigtimedwait_time64) \
    X(select) X(_newselect) X(pselect6) X(pselect6_time64) X(poll) X(ppoll) X(ppoll_time64) \
    X(epoll_wait) X(epoll_pwait) X(epoll_pwait2) X(nanosleep) X(clock_nanosleep) \
    X(clock_nanosleep_time64) X(io_getevents) X(io_pgetevents) X(io_pgetevents_time64) \
    X(semtimedop_time64) X(msgrcv) X(msgsnd) X(ipc)

static bool never_restarted(int num)
{
    switch (num) {
#define NEVER_RESTARTED_CASE(name) case TARGET_NR_##name:
    NEVER_RESTARTED_SYSCALLS(NEVER_RESTARTED_CASE)
#undef NEVER_RESTARTED_CASE
        return true;
    default:
        return false;
    }
}

abi_long signal_restart_syscall(int num, abi_long ret)
{
    if (ret != -EINTR || never_restarted(num)) return ret;
    int sig = next_queued(guest_blocked);
    if (!sig) return ret;
    pthread_mutex_lock(&sigact_lock);
    struct target_sigaction sa = guest_sigact[sig];
    pthread_mutex_unlock(&sigact_lock);
    if (sa.handler != TARGET_SIG_DFL && sa.handler != TARGET_SIG_IGN && (sa.flags & TARGET_SA_RESTART))
        return -TARGET_ERESTARTSYS;
    return ret;
}

/* ---------------------------------------------------------------------------------------------
 * signalfd: the host kernel writes host signal numbers into the records a guest reads
 * (struct signalfd_siginfo, 128 bytes, the same layout on every ABI). Descriptors signalfd
 * created are remembered, and a read from one is checked to still be a signalfd (the number
 * may have been closed and reused) before its records are converted.
 * ------------------------------------------------------------------------------------------- */

#define SIGNALFD_TRACKED_FDS 4096
#define SIGNALFD_RECORD 128
#define SIGNALFD_SIGNO_OFFSET 0
#define SIGNALFD_CODE_OFFSET 8
#define SIGNALFD_STATUS_OFFSET 40
static uint8_t signalfd_fds[SIGNALFD_TRACKED_FDS / 8];

void signalfd_created(int fd)
{
    if (fd >= 0 && fd < SIGNALFD_TRACKED_FDS)
        __atomic_or_fetch(&signalfd_fds[fd / 8], (uint8_t)(1u << (fd % 8)), __ATOMIC_RELAXED);
}

static bool fd_is_signalfd(int fd)
{
    char path[64], link[64];
    if (fd < 0 || fd >= SIGNALFD_TRACKED_FDS || !(signalfd_fds[fd / 8] & (1u << (fd % 8)))) return false;
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, link, sizeof(link) - 1);
    if (n > 0) link[n] = 0;
    if (n > 0 && !strcmp(link, "anon_inode:[signalfd]")) return true;
    __atomic_and_fetch(&signalfd_fds[fd / 8], (uint8_t)~(1u << (fd % 8)), __ATOMIC_RELAXED);
    return false;
}

void signalfd_read_fixup(int fd, void *buf, long len)
{
    if (len < SIGNALFD_RECORD || !fd_is_signalfd(fd)) return;
    for (uint8_t *r = buf; r + SIGNALFD_RECORD <= (uint8_t *)buf + len; r += SIGNALFD_RECORD) {
        uint32_t hs, ts;
        int32_t code, status;
        memcpy(&hs, r + SIGNALFD_SIGNO_OFFSET, 4);
        memcpy(&code, r + SIGNALFD_CODE_OFFSET, 4);
        ts = (uint32_t)host_to_target_signal((int)hs);
        memcpy(r + SIGNALFD_SIGNO_OFFSET, &ts, 4);
        if (ts == TARGET_SIGCHLD && (code == CLD_KILLED || code == CLD_DUMPED || code == CLD_STOPPED ||
                                     code == CLD_TRAPPED)) {
            memcpy(&status, r + SIGNALFD_STATUS_OFFSET, 4);
            status = host_to_target_exit_signal(status);
            memcpy(r + SIGNALFD_STATUS_OFFSET, &status, 4);
        }
    }
}

/* pselect6 / ppoll / epoll_pwait with a mask: it is the thread's mask during the call (the
 * host kernel applies the host form) and, when a signal interrupts the call, while that
 * signal's handler is set up; the frame then saves the thread's own mask, which sigreturn puts
 * back (the kernel's deferred restore, as for sigsuspend). */
uint64_t signal_temporary_mask(uint64_t mask)
{
    uint64_t old = guest_blocked;
    guest_blocked = mask & ~UNBLOCKABLE;        /* the host mask stays: the kernel swaps it */
    return old;
}

void signal_temporary_mask_done(uint64_t old, abi_long ret)
{
    if (ret == -EINTR && next_queued(guest_blocked)) {
        suspend_mask_saved = true;
        suspend_saved_mask = old;
    } else {
        guest_blocked = old;
    }
}

/* ---------------------------------------------------------------------------------------------
 * Guest memory for the calls below, the frames and timer.c (pages holding translated code are
 * unprotected before a write, as syscall.c's copy_to_guest does).
 * ------------------------------------------------------------------------------------------- */

bool guest_copy_out(abi_ulong addr, const void *data, size_t len)
{
    if (!guest_access_ok(addr, (abi_ulong)len, true)) return false;
    tb_lock();
    for (uint64_t a = addr & TARGET_PAGE_MASK; a < (uint64_t)addr + len; a += TARGET_PAGE_SIZE)
        page_unprotect((target_ulong)a, 0);
    tb_unlock();
    memcpy(g2h(addr), data, len);
    return true;
}

bool guest_copy_in(void *data, abi_ulong addr, size_t len)
{
    if (!guest_access_ok(addr, (abi_ulong)len, false)) return false;
    memcpy(data, g2h(addr), len);
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * The old i386 signal calls (one-word masks), with the kernel's semantics
 * ------------------------------------------------------------------------------------------- */

/* struct old_sigaction: handler, mask (one word), flags, restorer. */
struct target_old_sigaction { uint32_t handler, mask, flags, restorer; };

abi_long sys_sigaction(CPUX86State *env, const abi_long *a)
{
    struct target_old_sigaction o;
    struct target_sigaction act, oact;
    (void)env;
    if (a[1]) {
        if (!guest_copy_in(&o, (abi_ulong)a[1], sizeof(o))) return -EFAULT;
        act.handler = o.handler;
        act.flags = o.flags;
        act.restorer = o.restorer;
        act.mask = o.mask;
    }
    int r = do_sigaction((int)a[0], a[1] ? &act : NULL, a[2] ? &oact : NULL);
    if (r == 0 && a[2]) {
        o.handler = oact.handler;
        o.mask = (uint32_t)oact.mask;
        o.flags = oact.flags;
        o.restorer = oact.restorer;
        if (!guest_copy_out((abi_ulong)a[2], &o, sizeof(o))) return -EFAULT;   /* after the change */
    }
    return r;
}

/* signal(sig, handler): a one-shot handler without a mask (SA_RESETHAND | SA_NODEFER);
 * returns the old handler. */
abi_long sys_signal(CPUX86State *env, const abi_long *a)
{
    struct target_sigaction act = { (uint32_t)a[1], TARGET_SA_RESETHAND | TARGET_SA_NODEFER, 0, 0 };
    struct target_sigaction oact;
    (void)env;
    int r = do_sigaction((int)a[0], &act, &oact);
    return r ? r : (abi_long)oact.handler;
}

/* sigprocmask(how, set, oldset) on the low word; SIG_SETMASK keeps signals 33-64 as they are. */
abi_long sys_sigprocmask(CPUX86State *env, const abi_long *a)
{
    uint32_t old = (uint32_t)guest_blocked, set;
    (void)env;
    if (a[1]) {
        if (!guest_copy_in(&set, (abi_ulong)a[1], 4)) return -EFAULT;
        switch ((int)a[0]) {
        case TARGET_SIG_BLOCK: set_blocked(guest_blocked | set); break;
        case TARGET_SIG_UNBLOCK: set_blocked(guest_blocked & ~(uint64_t)set); break;
        case TARGET_SIG_SETMASK: set_blocked((guest_blocked & ~0xffffffffull) | set); break;
        default: return -EINVAL;
        }
    }
    if (a[2] && !guest_copy_out((abi_ulong)a[2], &old, 4)) return -EFAULT;
    return 0;
}

abi_long sys_sigpending(CPUX86State *env, const abi_long *a)
{
    uint32_t set = (uint32_t)do_sigpending();
    (void)env;
    return guest_copy_out((abi_ulong)a[0], &set, 4) ? 0 : -EFAULT;
}

abi_long sys_sgetmask(CPUX86State *env, const abi_long *a)
{
    (void)env; (void)a;
    return (abi_long)(int32_t)(uint32_t)guest_blocked;
}

/* ssetmask(mask): the whole mask becomes mask (signals 33-64 unblocked); returns the old word. */
abi_long sys_ssetmask(CPUX86State *env, const abi_long *a)
{
    int32_t old = (int32_t)(uint32_t)guest_blocked;
    (void)env;
    set_blocked((uint32_t)a[0]);
    return old;
}

/* i386's three-argument sigsuspend(unused, unused, mask): the mask is one word. */
abi_long sys_sigsuspend(CPUX86State *env, const abi_long *a)
{
    return do_sigsuspend(env, (uint32_t)a[2]);
}

/* ---------------------------------------------------------------------------------------------
 * Signal frames
 * ------------------------------------------------------------------------------------------- */

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
    sc->err = trapno == EXCP0E_PAGE || trapno == EXCP0D_GPF || trapno == EXCP0B_NOSEG ||
              trapno == EXCP0C_STACK ? (uint32_t)env->error_code : 0;
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
    if (env->segs[R_DS].selector != sc->ds) cpu_x86_load_seg(env, R_DS, sc->ds);
    if (env->segs[R_ES].selector != sc->es) cpu_x86_load_seg(env, R_ES, sc->es);
    if (env->segs[R_SS].selector != (sc->ss | 3u)) cpu_x86_load_seg(env, R_SS, sc->ss | 3u);
}

/* A handler starts with the flat data segments in DS, ES and SS (FS and GS are kept). */
#define TARGET_USER_DS 0x2b
static void flat_data_segments(CPUX86State *env)
{
    static const int segs[] = { R_DS, R_ES, R_SS };
    for (unsigned i = 0; i < ARRAY_SIZE(segs); i++)
        if (env->segs[segs[i]].selector != TARGET_USER_DS) cpu_x86_load_seg(env, segs[i], TARGET_USER_DS);
}

/* The top of the stack the signal uses: the alternate stack if asked for, set and not already
 * on it (*altstack says whether the frame must then fit on the alternate stack). */
static abi_ulong signal_stack_top(CPUX86State *env, const struct target_sigaction *sa, bool *altstack)
{
    abi_ulong sp = env->regs[R_ESP];
    *altstack = on_altstack(sp);
    if ((sa->flags & TARGET_SA_ONSTACK) && altstack_state(sp) == 0) {
        sp = guest_altstack.ss_sp + guest_altstack.ss_size;
        *altstack = true;
    }
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
    if (!guest_copy_out(addr, buf, sizeof(buf))) return false;
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
    if (!guest_copy_in(buf, addr, FPSTATE_HEADER_SIZE)) die_with_signal(SIGSEGV);
    uint16_t magic = (uint16_t)(buf[FPSTATE_MAGIC_OFFSET] | buf[FPSTATE_MAGIC_OFFSET + 1] << 8);
    if (magic != FPSTATE_MAGIC_FSAVE_ONLY) {
        if (!guest_copy_in(buf + FPSTATE_HEADER_SIZE, addr + FPSTATE_HEADER_SIZE, FPSTATE_FXSAVE_SIZE))
            die_with_signal(SIGSEGV);
        buf[FPSTATE_HEADER_SIZE + 26] = buf[FPSTATE_HEADER_SIZE + 27] = 0;   /* MXCSR bits 16-31 */
        cpu_x86_fxrstor(env, buf + FPSTATE_HEADER_SIZE);
    }
    cpu_x86_frstor(env, buf);
}

/* Where a handler without SA_RESTORER returns: the kernel points it at the vDSO's sigreturn
 * trampolines (the frame's own retcode copy is on the stack, which need not be executable).
 * loongbt has no vDSO, so the first such frame maps one read+exec page holding the same two
 * trampolines: 0 = sigreturn (pops the signal number first), 8 = rt_sigreturn. */
#define TRAMPOLINE_SIGRETURN 0
#define TRAMPOLINE_RT_SIGRETURN 8
static abi_ulong trampoline_page(void)
{
    static const uint8_t code[16] = {
        0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80,      /* popl %eax; movl $119,%eax; int $0x80 */
        0xb8, 0xad, 0, 0, 0, 0xcd, 0x80, 0x90,      /* movl $173,%eax; int $0x80; nop */
    };
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static abi_ulong page;
    pthread_mutex_lock(&lock);
    if (!page) {
        abi_long a = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (!is_error(a)) {
            memcpy(g2h((abi_ulong)a), code, sizeof(code));
            target_mprotect((abi_ulong)a, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC);
            page = (abi_ulong)a;
        }
    }
    pthread_mutex_unlock(&lock);
    return page;
}

static abi_ulong return_address(const struct target_sigaction *sa, int offset)
{
    if (sa->flags & TARGET_SA_RESTORER) return sa->restorer;
    abi_ulong page = trampoline_page();
    return page ? page + (abi_ulong)offset : 0;
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
    flat_data_segments(env);
    cpu_load_eflags(env, cpu_compute_eflags(env) & ~(DF_MASK | TF_MASK | RF_MASK), TF_MASK | RF_MASK);
}

/* Where the frame and its FPU state go; false when a frame on the alternate stack would not
 * fit on it (the kernel then kills the task with SIGSEGV). */
static bool place_frame(CPUX86State *env, const struct target_sigaction *sa, size_t size,
                        abi_ulong *frame, abi_ulong *fpaddr)
{
    bool altstack;
    abi_ulong top = signal_stack_top(env, sa, &altstack);
    *fpaddr = fpstate_below(top);
    *frame = frame_below(*fpaddr, size);
    if (altstack && !(*frame > guest_altstack.ss_sp && *frame - guest_altstack.ss_sp <= guest_altstack.ss_size))
        return false;
    return true;
}

static bool setup_frame(CPUX86State *env, int sig, const struct target_sigaction *sa,
                        const struct target_siginfo *si, uint64_t mask, int trapno)
{
    static const uint8_t retcode[8] = { 0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80 };  /* popl %eax; movl $119,%eax; int $0x80 */
    struct target_sigframe f;
    abi_ulong fpaddr, addr;

    if (!place_frame(env, sa, sizeof(f), &addr, &fpaddr)) return false;
    memset(&f, 0, sizeof(f));
    f.sig = sig;
    save_sigcontext(env, &f.sc, mask, si, trapno);
    f.sc.fpstate = fpaddr;
    f.extramask = (uint32_t)(mask >> 32);
    memcpy(f.retcode, retcode, sizeof(retcode));
    f.pretcode = return_address(sa, TRAMPOLINE_SIGRETURN);
    if (!save_fpstate(env, fpaddr) || !guest_copy_out(addr, &f, sizeof(f))) return false;
    enter_handler(env, sig, sa, addr, 0, 0);
    return true;
}

static bool setup_rt_frame(CPUX86State *env, int sig, const struct target_sigaction *sa,
                           const struct target_siginfo *si, uint64_t mask, int trapno)
{
    static const uint8_t retcode[8] = { 0xb8, 0xad, 0, 0, 0, 0xcd, 0x80, 0 };    /* movl $173,%eax; int $0x80 */
    struct target_rt_sigframe f;
    abi_ulong fpaddr, addr;

    if (!place_frame(env, sa, sizeof(f), &addr, &fpaddr)) return false;
    memset(&f, 0, sizeof(f));
    f.sig = sig;
    f.pinfo = addr + (abi_ulong)offsetof(struct target_rt_sigframe, info);
    f.puc = addr + (abi_ulong)offsetof(struct target_rt_sigframe, uc);
    f.info = *si;
    f.uc.uc_stack = altstack_report(env->regs[R_ESP]);
    save_sigcontext(env, &f.uc.uc_mcontext, mask, si, trapno);
    f.uc.uc_mcontext.fpstate = fpaddr;
    f.uc.uc_sigmask[0] = (uint32_t)mask;
    f.uc.uc_sigmask[1] = (uint32_t)(mask >> 32);
    memcpy(f.retcode, retcode, sizeof(retcode));
    f.pretcode = return_address(sa, TRAMPOLINE_RT_SIGRETURN);
    if (!save_fpstate(env, fpaddr) || !guest_copy_out(addr, &f, sizeof(f))) return false;
    /* SS_AUTODISARM: the handler runs with no alternate stack; rt_sigreturn re-arms it. */
    if ((uint32_t)guest_altstack.ss_flags & TARGET_SS_AUTODISARM) {
        guest_altstack.ss_sp = 0;
        guest_altstack.ss_size = 0;
        guest_altstack.ss_flags = TARGET_SS_DISABLE;
    }
    enter_handler(env, sig, sa, addr, f.pinfo, f.puc);
    return true;
}

abi_long do_sigreturn(CPUX86State *env)
{
    struct target_sigframe f;
    abi_ulong addr = env->regs[R_ESP] - 8;
    if (!guest_copy_in(&f, addr, offsetof(struct target_sigframe, retcode))) die_with_signal(TARGET_SIGSEGV);
    restore_sigcontext(env, &f.sc);
    restore_fpstate(env, f.sc.fpstate);
    set_blocked(((uint64_t)f.extramask << 32) | f.sc.oldmask);
    return -TARGET_QEMU_ESIGRETURN;
}

abi_long do_rt_sigreturn(CPUX86State *env)
{
    struct target_rt_sigframe f;
    abi_ulong addr = env->regs[R_ESP] - 4;
    if (!guest_copy_in(&f, addr, offsetof(struct target_rt_sigframe, retcode))) die_with_signal(TARGET_SIGSEGV);
    restore_sigcontext(env, &f.uc.uc_mcontext);
    restore_fpstate(env, f.uc.uc_mcontext.fpstate);
    set_blocked(((uint64_t)f.uc.uc_sigmask[1] << 32) | f.uc.uc_sigmask[0]);
    set_altstack(&f.uc.uc_stack, env->regs[R_ESP]);     /* errors ignored, as the kernel does */
    return -TARGET_QEMU_ESIGRETURN;
}

/* ---------------------------------------------------------------------------------------------
 * Delivery
 * ------------------------------------------------------------------------------------------- */

/* Act on sig: ignore, default action, or run the guest handler (frame on the guest stack). */
static void deliver_signal(CPUX86State *env, int sig, const struct target_siginfo *si, int trapno)
{
    struct target_sigaction action, *sa = &action;
    uint64_t saved_mask = suspend_mask_saved ? suspend_saved_mask : guest_blocked;
    bool ok;

    /* The disposition at this moment; SA_RESETHAND resets it before the handler runs. */
    pthread_mutex_lock(&sigact_lock);
    action = guest_sigact[sig];
    if (action.handler != TARGET_SIG_DFL && action.handler != TARGET_SIG_IGN &&
        (action.flags & TARGET_SA_RESETHAND)) {
        guest_sigact[sig].handler = TARGET_SIG_DFL;
        guest_sigact[sig].flags &= ~TARGET_SA_SIGINFO;
        update_host_disposition(sig);
    }
    pthread_mutex_unlock(&sigact_lock);

    qemu_log_mask(CPU_LOG_INT, "signal %d (code %d) at eip %08x: %s\n", sig, si->si_code, env->eip,
                  sa->handler == TARGET_SIG_DFL ? "default action" :
                  sa->handler == TARGET_SIG_IGN ? "ignored" : "guest handler");
    if (sa->handler == TARGET_SIG_IGN) return;
    profile_count(PROFILE_SIGNALS);
    if (sa->handler == TARGET_SIG_DFL) { default_action(sig); return; }

    ok = (sa->flags & TARGET_SA_SIGINFO) ? setup_rt_frame(env, sig, sa, si, saved_mask, trapno)
                                         : setup_frame(env, sig, sa, si, saved_mask, trapno);
    if (!ok) {
        /* No room for the frame: the kernel kills the task with SIGSEGV. */
        qemu_log_mask(CPU_LOG_INT, "signal %d: no room for the frame, SIGSEGV\n", sig);
        die_with_signal(TARGET_SIGSEGV);
    }
    suspend_mask_saved = false;
    set_blocked(guest_blocked | sa->mask | ((sa->flags & TARGET_SA_NODEFER) ? 0 : sigbit(sig)));
}

/* cpu_loop passes the host's names for the signals instructions raise: the same numbers as
 * i386's on every Linux host. */
QEMU_BUILD_BUG_ON(SIGILL != TARGET_SIGILL || SIGTRAP != TARGET_SIGTRAP || SIGFPE != TARGET_SIGFPE ||
                  SIGSEGV != TARGET_SIGSEGV);

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
    int sig;
    /* Lowest first; each frame goes on top of the previous one, so the last signal set up runs
     * first, as on Linux. */
    while ((sig = next_queued(guest_blocked)) != 0) {
        struct target_siginfo si;
        if (take_queued(sig, &si)) deliver_signal(env, sig, &si, 0);
    }
    if (queue_throttled && __atomic_load_n(&thread_queue.count, __ATOMIC_ACQUIRE) < SIGQUEUE_THROTTLE) {
        queue_throttled = 0;
        update_host_mask();
    }
    if (suspend_mask_saved) {         /* sigsuspend ended by a signal that had no handler */
        suspend_mask_saved = false;
        set_blocked(suspend_saved_mask);
    }
}
