/*
 * syscall.c - the i386 Linux system calls of the guest, carried out with host system calls.
 *
 * do_syscall dispatches through the table of syscall-table.h: an IMPL entry calls the small
 * sys_<name>() here, every other number is -ENOSYS (the table says why) and is logged under
 * -d unimp. Guest buffers whose layout is the host's are handed to the host kernel directly
 * (g2h_user: the guest's 4 GiB is one host reservation, unmapped pages PROT_NONE), so partial
 * counts, EFAULT and the order of errors are the kernel's; structures that differ (32-bit
 * longs, pointers, time fields) are converted, after the host call for results, so a bad
 * descriptor still beats a bad buffer. i386 and the hosts share errno values, signal numbers
 * 1-31 and open/mmap flags. Guest memory is little-endian like every supported host;
 * structures are copied with memcpy since guest pointers need not be aligned.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <linux/fs.h>
#include <net/if.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <mqueue.h>
#include <linux/mempolicy.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include "qemu.h"
#include "exec-all.h"
#include "log.h"
#include "syscall_defs.h"
#include "target_signal.h"

typedef abi_long SyscallFn(CPUX86State *env, const abi_long *a);

/* ---------------------------------------------------------------------------------------------
 * Guest memory access and small helpers
 * ------------------------------------------------------------------------------------------- */

static abi_long get_errno(long ret)
{
    return ret == -1 ? -errno : (abi_long)ret;
}

bool guest_access_ok(abi_ulong addr, abi_ulong len, bool write)
{
    uint64_t a, end = (uint64_t)addr + len;
    if (len == 0) return true;
    if (end > GUEST_ADDR_SPACE) return false;
    for (a = addr & TARGET_PAGE_MASK; a < end; a += TARGET_PAGE_SIZE) {
        int prot = guest_page_prot((abi_ulong)a);
        /* On x86, write and exec permission both imply read. */
        if (prot < 0 || !(prot & (write ? PROT_WRITE : PROT_READ | PROT_WRITE | PROT_EXEC)))
            return false;
    }
    return true;
}

/* Host pointer for guest [addr, addr+len), or NULL (the caller returns -EFAULT). For a write,
 * pages exec.c write-protected because they hold translated code are unprotected first, so
 * the host kernel can write into them. */
static void *lock_user(abi_ulong addr, abi_ulong len, bool write)
{
    if (!guest_access_ok(addr, len, write)) return NULL;
    if (write) guest_write_prepare(addr, len);     /* exec.c: also retried on a race */
    return g2h(addr);
}

/* Copy a structure out of / into guest memory; false for a bad pointer. */
static bool copy_from_guest(void *dst, abi_ulong addr, size_t len)
{
    void *p = lock_user(addr, (abi_ulong)len, false);
    if (!p) return false;
    memcpy(dst, p, len);
    return true;
}

static bool copy_to_guest(abi_ulong addr, const void *src, size_t len)
{
    void *p = lock_user(addr, (abi_ulong)len, true);
    if (!p) return false;
    memcpy(p, src, len);
    return true;
}

/* Buffers the host kernel accesses itself. The guest's 4 GiB sits at guest_base in one host
 * reservation whose unmapped guest pages are PROT_NONE, so g2h(addr) handed to a host call
 * makes the host kernel fill partly, fault (EFAULT) or never touch the buffer exactly as the
 * kernel would for an i386 process, in the kernel's own order of checks. Guest rules kept here:
 *  - NULL stays NULL (calls treat it specially; guest page 0 is never mapped anyway);
 *  - the 4 GiB end. A 64-bit kernel's access_ok admits any range below its 64-bit limit, so
 *    an i386 process only faults on the pages themselves; the top page (0xffffe000 up, the
 *    i386 TASK_SIZE) is never mapped, so the host faults there too. A range reaching past
 *    4 GiB would leave the reservation: a byte count is clamped at 4 GiB (guest_len), a
 *    fixed-size structure gets a host pointer no host's access_ok admits (EFAULT).
 * Writes: pages holding translated code are write-protected on the host (exec-all.h), which
 * a kernel write would see as EFAULT, so they are unprotected first. */
#define HOST_FAULT_PTR ((void *)(~(uintptr_t)0 - 0xfffff))   /* in no host's user range */

static bool guest_range_in_task(abi_ulong addr, uint64_t len)
{
    return len <= GUEST_ADDR_SPACE && addr <= GUEST_ADDR_SPACE - len;
}

/* A byte count for the buffer at addr, cut at the end of the guest's 4 GiB. */
static uint64_t guest_len(abi_ulong addr, uint64_t len)
{
    return addr && !guest_range_in_task(addr, len) ? GUEST_ADDR_SPACE - addr : len;
}

static void *g2h_user(abi_ulong addr, uint64_t len)
{
    if (!addr) return NULL;
    return guest_range_in_task(addr, len) ? g2h(addr) : HOST_FAULT_PTR;
}

static void *g2h_user_w(abi_ulong addr, uint64_t len)
{
    void *p = g2h_user(addr, len);
    if (!p || p == HOST_FAULT_PTR || !len) return p;
    guest_write_prepare(addr, (target_ulong)(len < 0xffffffffu ? len : 0xffffffffu));   /* SMC-protected pages become writable */
    return p;
}

/* EBADF first, as the kernel looks the descriptor up before it reads any argument. */
static bool fd_is_open(int fd) { return fcntl(fd, F_GETFD) != -1; }

/* A NUL-terminated guest string, or NULL if any byte up to the NUL is not readable. */
static const char *lock_user_string(abi_ulong addr)
{
    uint64_t a = addr;
    while (a < GUEST_ADDR_SPACE) {
        uint64_t page_end = (a & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
        if (!guest_access_ok((abi_ulong)a, 1, false)) return NULL;
        if (memchr(g2h((abi_ulong)a), 0, page_end - a)) return g2h(addr);
        a = page_end;
    }
    return NULL;
}

static struct image_info *task_image(CPUX86State *env)
{
    TaskState *ts = env ? env->opaque : NULL;
    return ts ? ts->info : NULL;
}

static bool is_proc_self_exe(const char *p)
{
    return procfs_is_exe(p);
}

/* Path as the host should see it: /proc/self/exe is the guest program, and with -L an
 * absolute path that exists under the prefix is taken from there (libraries, ld.so). */
static const char *host_path(CPUX86State *env, const char *p, char *buf, size_t bufsize)
{
    struct stat st;
    struct image_info *info = task_image(env);
    if (is_proc_self_exe(p) && info && info->exec_path) return info->exec_path;
    if (interp_prefix && p[0] == '/' && p[1]) {
        snprintf(buf, bufsize, "%s%s", interp_prefix, p);
        if (lstat(buf, &st) == 0) return buf;
    }
    return p;
}

/* A guest path for a host call: var (host view) and var_g (the guest's string). A string that
 * is not readable goes to the host as it is (g2h: its unmapped page is PROT_NONE), so the
 * host kernel checks flags and modes first and reports EFAULT where Linux reads the name;
 * var_g is "" then, for the checks loongbt makes itself. */
static const char *unreadable_guest_string(abi_ulong addr) { return addr ? g2h(addr) : NULL; }

#define GUEST_PATH(var, buf, env, addr) \
    char buf[PATH_MAX * 2]; \
    const char *var##_g = lock_user_string(addr); \
    const char *var = var##_g ? host_path(env, var##_g, buf, sizeof(buf)) : unreadable_guest_string(addr); \
    if (!var##_g) var##_g = ""

/* Same, for paths that name something to create or remove (no -L lookup). */
#define GUEST_PATH_RAW(var, addr) \
    const char *var = lock_user_string(addr); \
    if (!var) var = unreadable_guest_string(addr)

static inline abi_ulong U(abi_long v) { return (abi_ulong)v; }

/* ---------------------------------------------------------------------------------------------
 * Process, identity
 * ------------------------------------------------------------------------------------------- */

static QEMU_NORETURN void guest_exit(int status)
{
    if (do_strace || qemu_loglevel_mask(CPU_LOG_STRACE)) qemu_log("\n");
    fflush(stdout);
    qemu_log_flush();
    exit(status & 0xff);
}

/* Guest threads alive (host threads running cpu_loop); exit ends the calling thread only,
 * unless it is the last one. */
static int guest_threads = 1;

static abi_long sys_exit(CPUX86State *env, const abi_long *a)
{
    TaskState *ts = env->opaque;
    if (__atomic_sub_fetch(&guest_threads, 1, __ATOMIC_SEQ_CST) == 0)
        guest_exit(a[0]);
    /* CLONE_CHILD_CLEARTID / set_tid_address: zero the tid word and wake its futex (this is
     * how pthread_join learns that the thread is gone). */
    if (ts && ts->child_tidptr) {
        uint32_t zero = 0;
        if (copy_to_guest(ts->child_tidptr, &zero, 4))
            syscall(SYS_futex, g2h(ts->child_tidptr), FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    }
    tb_lock();
    cpu_unregister(env);
    tb_unlock();
    thread_cpu = NULL;
    /* env and ts stay allocated: a signal handler may still look at them briefly. */
    pthread_exit(NULL);
}

static abi_long sys_exit_group(CPUX86State *env, const abi_long *a) { guest_exit(a[0]); }
static abi_long sys_getpid(CPUX86State *env, const abi_long *a) { return getpid(); }
static abi_long sys_gettid(CPUX86State *env, const abi_long *a) { return gettid(); }
static abi_long sys_getppid(CPUX86State *env, const abi_long *a) { return getppid(); }
static abi_long sys_getuid32(CPUX86State *env, const abi_long *a) { return (abi_long)getuid(); }
static abi_long sys_geteuid32(CPUX86State *env, const abi_long *a) { return (abi_long)geteuid(); }
static abi_long sys_getgid32(CPUX86State *env, const abi_long *a) { return (abi_long)getgid(); }
static abi_long sys_getegid32(CPUX86State *env, const abi_long *a) { return (abi_long)getegid(); }

/* The 16-bit calls report ids that do not fit as 65534 (the kernel's overflow id). */
static abi_long low16(unsigned id) { return id > 0xffff ? 65534 : (abi_long)id; }
static abi_long sys_getuid(CPUX86State *env, const abi_long *a) { return low16(getuid()); }
static abi_long sys_geteuid(CPUX86State *env, const abi_long *a) { return low16(geteuid()); }
static abi_long sys_getgid(CPUX86State *env, const abi_long *a) { return low16(getgid()); }
static abi_long sys_getegid(CPUX86State *env, const abi_long *a) { return low16(getegid()); }

/* get{res}[ug]id: the three ids stored one by one (NULL is EFAULT, as put_user), 32 or 16
 * bits wide. */
static abi_long resid_to_guest(const abi_long *a, const unsigned v[3], bool id16)
{
    for (int i = 0; i < 3; i++) {
        uint32_t w = id16 ? (uint32_t)low16(v[i]) : v[i];
        if (!copy_to_guest(U(a[i]), &w, id16 ? 2 : 4)) return -EFAULT;
    }
    return 0;
}

static abi_long do_getresid(const abi_long *a, bool gid, bool id16)
{
    unsigned v[3];
    long r = gid ? syscall(SYS_getresgid, &v[0], &v[1], &v[2]) : syscall(SYS_getresuid, &v[0], &v[1], &v[2]);
    if (r != 0) return -errno;
    return resid_to_guest(a, v, id16);
}
static abi_long sys_getresuid32(CPUX86State *env, const abi_long *a) { return do_getresid(a, false, false); }
static abi_long sys_getresgid32(CPUX86State *env, const abi_long *a) { return do_getresid(a, true, false); }
static abi_long sys_getresuid(CPUX86State *env, const abi_long *a) { return do_getresid(a, false, true); }
static abi_long sys_getresgid(CPUX86State *env, const abi_long *a) { return do_getresid(a, true, true); }

static abi_long sys_getgroups32(CPUX86State *env, const abi_long *a)
{
    /* gid_t is 32 bits on both sides: the host kernel fills the guest array itself. */
    return get_errno(syscall(SYS_getgroups, a[0], g2h_user_w(U(a[1]), (uint64_t)U(a[0]) * 4)));
}

static abi_long sys_getpgrp(CPUX86State *env, const abi_long *a) { return getpgrp(); }
static abi_long sys_setsid(CPUX86State *env, const abi_long *a) { return get_errno(setsid()); }
static abi_long sys_getpgid(CPUX86State *env, const abi_long *a) { return get_errno(getpgid(a[0])); }
static abi_long sys_setpgid(CPUX86State *env, const abi_long *a) { return get_errno(setpgid(a[0], a[1])); }
static abi_long sys_getsid(CPUX86State *env, const abi_long *a) { return get_errno(getsid(a[0])); }
static abi_long sys_umask(CPUX86State *env, const abi_long *a) { return umask(a[0] & 0777); }

/* An i386 process on a 64-bit kernel sees "x86_64", or "i686" under PER_LINUX32 (linux32). */
#define TARGET_PER_LINUX32 0x0008
static uint32_t guest_persona;          /* PER_LINUX */

static void guest_utsname(struct utsname *u)
{
    uname(u);
    snprintf(u->machine, sizeof(u->machine), "%s",
             (guest_persona & 0xff) == TARGET_PER_LINUX32 ? "i686" : "x86_64");
}

static abi_long sys_uname(CPUX86State *env, const abi_long *a)
{
    struct utsname u;
    guest_utsname(&u);
    return copy_to_guest(U(a[0]), &u, sizeof(u)) ? 0 : -EFAULT;   /* same layout: 6 x 65 chars */
}

/* personality: kept for the guest (the host's would change loongbt itself); 0xffffffff only
 * reads it. The kernel returns the old value and never fails. */
static abi_long sys_personality(CPUX86State *env, const abi_long *a)
{
    uint32_t old = guest_persona;
    if (U(a[0]) != 0xffffffffu) guest_persona = U(a[0]);
    return (abi_long)old;
}

/* The guest thread's name (the kernel's comm): the program's basename at start, inherited by
 * new threads, changed by PR_SET_NAME (also given to the host thread for ps and top). */
#define TASK_COMM_LEN 16
static __thread char guest_comm[TASK_COMM_LEN];

static const char *guest_comm_get(CPUX86State *env)
{
    struct image_info *info = task_image(env);
    if (!guest_comm[0] && info && info->exec_path) {
        const char *base = strrchr(info->exec_path, '/');
        snprintf(guest_comm, sizeof(guest_comm), "%s", base ? base + 1 : info->exec_path);
    }
    return guest_comm;
}

/* prctl options passed on as they are: integer arguments, or an int the host kernel stores
 * into guest memory (the pointer is converted). */
#define PRCTL_INT_LIST(X) \
    X(PR_GET_DUMPABLE) X(PR_SET_DUMPABLE) X(PR_GET_KEEPCAPS) \
    X(PR_SET_KEEPCAPS) X(PR_GET_TIMING) X(PR_SET_TIMING) X(PR_CAPBSET_READ) X(PR_CAPBSET_DROP) \
    X(PR_GET_SECUREBITS) X(PR_SET_SECUREBITS) X(PR_GET_TIMERSLACK) X(PR_SET_TIMERSLACK) \
    X(PR_TASK_PERF_EVENTS_DISABLE) X(PR_TASK_PERF_EVENTS_ENABLE) X(PR_MCE_KILL) \
    X(PR_MCE_KILL_GET) X(PR_SET_CHILD_SUBREAPER) X(PR_SET_NO_NEW_PRIVS) \
    X(PR_GET_NO_NEW_PRIVS) X(PR_SET_THP_DISABLE) X(PR_GET_THP_DISABLE) X(PR_CAP_AMBIENT) \
    X(PR_GET_SPECULATION_CTRL) X(PR_SET_SPECULATION_CTRL) X(PR_SET_PTRACER) X(PR_GET_SECCOMP) \
    X(PR_SET_IO_FLUSHER) X(PR_GET_IO_FLUSHER)
#define PRCTL_INTPTR_LIST(X) X(PR_GET_CHILD_SUBREAPER)
#define TARGET_PR_GET_TSC 25
#define TARGET_PR_SET_TSC 26
#define TARGET_PR_TSC_ENABLE 1

static abi_long prctl_set_name(CPUX86State *env, abi_ulong addr)
{
    char name[TASK_COMM_LEN];
    memset(name, 0, sizeof(name));
    for (int i = 0; i < TASK_COMM_LEN - 1; i++) {           /* strncpy_from_user, 15 bytes */
        if (!copy_from_guest(&name[i], addr + (abi_ulong)i, 1)) return -EFAULT;
        if (!name[i]) break;
    }
    memcpy(guest_comm, name, sizeof(name));
    prctl(PR_SET_NAME, name, 0, 0, 0);
    return 0;
}

static abi_long sys_prctl(CPUX86State *env, const abi_long *a)
{
    switch (a[0]) {
    case PR_SET_NAME:
        return prctl_set_name(env, U(a[1]));
    case PR_GET_NAME:
        return copy_to_guest(U(a[1]), guest_comm_get(env), TASK_COMM_LEN) ? 0 : -EFAULT;
    case PR_SET_PDEATHSIG: {   /* a guest signal number (0: none); an invalid one stays invalid */
        int hs = a[1] ? target_to_host_signal(a[1]) : 0;
        return get_errno(prctl(PR_SET_PDEATHSIG, a[1] && !hs ? ~0ul : (unsigned long)hs, 0, 0, 0));
    }
    case PR_GET_PDEATHSIG: {
        int hs = 0;
        if (prctl(PR_GET_PDEATHSIG, &hs, 0, 0, 0) != 0) return -errno;
        int32_t t = hs ? host_to_target_signal(hs) : 0;
        return copy_to_guest(U(a[1]), &t, 4) ? 0 : -EFAULT;
    }
#define PRCTL_INT_CASE(opt) case opt:
    PRCTL_INT_LIST(PRCTL_INT_CASE)
        return get_errno(prctl(a[0], U(a[1]), U(a[2]), U(a[3]), U(a[4])));
    PRCTL_INTPTR_LIST(PRCTL_INT_CASE)
        return get_errno(prctl(a[0], g2h_user_w(U(a[1]), 4), U(a[2]), U(a[3]), U(a[4])));
#undef PRCTL_INT_CASE
    case PR_GET_TID_ADDRESS: {
        uint32_t tid_addr = env->opaque ? ((TaskState *)env->opaque)->child_tidptr : 0;
        return copy_to_guest(U(a[1]), &tid_addr, 4) ? 0 : -EFAULT;
    }
    case TARGET_PR_GET_TSC: {                /* rdtsc is always allowed in the guest */
        int32_t v = TARGET_PR_TSC_ENABLE;
        return copy_to_guest(U(a[1]), &v, 4) ? 0 : -EFAULT;
    }
    case TARGET_PR_SET_TSC:
        if (a[1] == TARGET_PR_TSC_ENABLE) return 0;
        qemu_log_mask(CPU_LOG_UNIMP, "prctl(PR_SET_TSC, %d): rdtsc faulting not emulated\n", a[1]);
        return -EINVAL;
    default:
        /* Unknown options, and ones that would act on loongbt itself (PR_SET_MM, seccomp,
         * architecture-specific FP modes): EINVAL like a kernel without them. */
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported prctl option: %d\n", a[0]);
        return -EINVAL;
    }
}

/* ---- threads: clone with CLONE_VM runs the child on a new host thread with its own CPU
 * state (a copy of the parent's); translated code and the TB tables are shared (tb_lock). */
typedef struct NewThread {
    CPUX86State *env;
    uint32_t flags;
    abi_ulong ptid, ctid, tls;
    sigset_t sigmask;                 /* the parent's host mask, restored in the parent */
    uint64_t guest_mask;              /* the parent's guest signal mask: the child's */
    uint8_t gdt_tls[256];             /* the parent's TLS descriptors: the child inherits them */
    char comm[TASK_COMM_LEN];         /* the parent's thread name */
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    pid_t tid;                        /* 0 until the child has started; -errno on failure */
} NewThread;

static void *guest_thread_start(void *arg)
{
    NewThread *nt = arg;
    CPUX86State *env = nt->env;
    TaskState *ts = env->opaque;
    pid_t tid = gettid();
    abi_long r = 0;

    thread_cpu = env;
    gdt_tls_copy_in(nt->gdt_tls);
    memcpy(guest_comm, nt->comm, sizeof(guest_comm));
    if (nt->flags & CLONE_SETTLS) {
        abi_long tls_arg[1] = { (abi_long)nt->tls };
        r = sys_set_thread_area(env, tls_arg);
    }
    if (nt->flags & CLONE_CHILD_SETTID) copy_to_guest(nt->ctid, &tid, 4);
    if (nt->flags & CLONE_PARENT_SETTID) copy_to_guest(nt->ptid, &tid, 4);
    ts->child_tidptr = (nt->flags & CLONE_CHILD_CLEARTID) ? nt->ctid : 0;
    uint64_t guest_mask = nt->guest_mask;

    pthread_mutex_lock(&nt->mutex);
    nt->tid = r < 0 ? (pid_t)r : tid;
    pthread_cond_signal(&nt->cond);
    pthread_mutex_unlock(&nt->mutex);     /* nt belongs to the parent from here on */
    if (r < 0) {
        __atomic_sub_fetch(&guest_threads, 1, __ATOMIC_SEQ_CST);
        return NULL;
    }
    do_sigprocmask(TARGET_SIG_SETMASK, &guest_mask, NULL);   /* also sets the host mask */
    cpu_loop(env);
    return NULL;
}

static abi_long do_clone_thread(CPUX86State *env, uint32_t flags, abi_ulong newsp,
                                abi_ulong ptid, abi_ulong tls, abi_ulong ctid)
{
    NewThread nt = { .flags = flags, .ptid = ptid, .ctid = ctid, .tls = tls };
    CPUX86State *child = malloc(sizeof(*child));
    TaskState *ts = malloc(sizeof(*ts));
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all;

    if (!child || !ts) { free(child); free(ts); return -ENOMEM; }
    if (gdt_tls_size() > sizeof(nt.gdt_tls)) { free(child); free(ts); return -ENOMEM; }
    *ts = *(TaskState *)env->opaque;
    ts->child_tidptr = 0;
    ts->signal_pending = 0;
    memcpy(child, env, sizeof(*child));
    memset(child->tb_jmp_cache, 0, sizeof(child->tb_jmp_cache));
    child->exit_request = 0;
    child->opaque = ts;
    child->regs[R_EAX] = 0;                     /* clone returns 0 in the child */
    if (newsp) child->regs[R_ESP] = newsp;
    nt.env = child;
    do_sigprocmask(TARGET_SIG_BLOCK, NULL, &nt.guest_mask);
    gdt_tls_copy_out(nt.gdt_tls);
    memcpy(nt.comm, guest_comm_get(env), sizeof(nt.comm));
    pthread_mutex_init(&nt.mutex, NULL);
    pthread_cond_init(&nt.cond, NULL);

    /* The new host thread starts with every signal blocked and takes the parent's mask once
     * its CPU state is in place (a signal must never find a thread without thread_cpu). */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &nt.sigmask);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 4u * 1024 * 1024);
    __atomic_add_fetch(&guest_threads, 1, __ATOMIC_SEQ_CST);
    int err = pthread_create(&th, &attr, guest_thread_start, &nt);
    pthread_attr_destroy(&attr);
    if (err == 0) {
        pthread_mutex_lock(&nt.mutex);
        while (nt.tid == 0)
            pthread_cond_wait(&nt.cond, &nt.mutex);
        pthread_mutex_unlock(&nt.mutex);
    } else {
        __atomic_sub_fetch(&guest_threads, 1, __ATOMIC_SEQ_CST);
        nt.tid = -EAGAIN;
    }
    pthread_sigmask(SIG_SETMASK, &nt.sigmask, NULL);
    pthread_mutex_destroy(&nt.mutex);
    pthread_cond_destroy(&nt.cond);
    if (nt.tid < 0) { free(child); free(ts); }
    return nt.tid;
}

/* Processes: clone without CLONE_VM (and vfork) is a host fork. */
#define CLONE_THREAD_FLAGS (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)
static abi_long do_fork(CPUX86State *env, uint32_t flags, abi_ulong newsp, abi_ulong ptid,
                        abi_ulong ctid)
{
    pid_t pid;
    if (flags & CLONE_THREAD_FLAGS & ~CLONE_VM) return -ENOSYS;
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) return -ENOSYS;
    if ((flags & 0xff) && (flags & 0xff) != SIGCHLD) return -EINVAL;
    fflush(stdout);
    qemu_log_flush();
    /* With guest threads: no other thread may be translating or changing the memory map
     * while the address space is copied (the child would inherit a held lock). */
    tb_lock();
    pid = fork();
    if (pid == 0)
        cpu_fork_child_reset(env);      /* the child has one thread: this one */
    tb_unlock();
    if (pid < 0) return -errno;
    if (pid == 0) {
        guest_threads = 1;
        signal_fork_child();            /* a child starts with no pending signals */
        pid_t tid = gettid();
        if (newsp) env->regs[R_ESP] = newsp;
        if (flags & CLONE_CHILD_SETTID) copy_to_guest(ctid, &tid, 4);
        if (flags & CLONE_PARENT_SETTID) copy_to_guest(ptid, &tid, 4);
        if ((flags & CLONE_CHILD_CLEARTID) && env->opaque) ((TaskState *)env->opaque)->child_tidptr = ctid;
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID) copy_to_guest(ptid, &pid, 4);
    return pid;
}

static abi_long sys_fork(CPUX86State *env, const abi_long *a) { return do_fork(env, SIGCHLD, 0, 0, 0); }
/* vfork is a fork here: the parent does not wait, which no correct program can observe. */
static abi_long sys_vfork(CPUX86State *env, const abi_long *a) { return do_fork(env, SIGCHLD, 0, 0, 0); }
/* i386 clone: flags, newsp, parent_tidptr, tls, child_tidptr. */
static abi_long sys_clone(CPUX86State *env, const abi_long *a)
{
    uint32_t flags = U(a[0]) & ~(uint32_t)(CLONE_VFORK | CLONE_VM);
    if ((U(a[0]) & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
        if ((U(a[0]) & CLONE_THREAD) && !(U(a[0]) & CLONE_SIGHAND)) return -EINVAL;
        return do_clone_thread(env, U(a[0]), U(a[1]), U(a[2]), U(a[3]), U(a[4]));
    }
    if (flags & CLONE_SETTLS) return -ENOSYS;
    return do_fork(env, flags, U(a[1]), U(a[2]), U(a[4]));
}

/* A NULL-terminated guest array of string pointers as a host array (NULL on a bad pointer). */
static char **lock_user_string_array(abi_ulong addr, int *count)
{
    int n = 0, cap = 16;
    char **v = malloc(cap * sizeof(char *));
    for (; v; n++) {
        uint32_t p;
        if (n + 1 >= cap) {
            char **nv = realloc(v, (cap *= 2) * sizeof(char *));
            if (!nv) break;
            v = nv;
        }
        if (!addr) { v[n] = NULL; *count = n; return v; }
        if (n > 65536 || !copy_from_guest(&p, addr + 4u * (abi_ulong)n, 4)) break;
        if (!p) { v[n] = NULL; *count = n; return v; }
        if (!(v[n] = (char *)lock_user_string(p))) break;
    }
    free(v);
    return NULL;
}

/* execve of p (a host path; name: the path as the guest gave it, the #! script argument) with
 * the guest's argv and envp arrays: an i386 ELF, or a #! script whose interpreter is one, runs
 * under a new loongbt (same options, -0 for the guest's argv[0]); anything else (host programs)
 * is executed directly by the host, which is what a binfmt_misc-registered translator would
 * give it. */
static abi_long do_execve(CPUX86State *env, const char *p, const char *name, abi_ulong argv,
                          abi_ulong envp)
{
    int argc, envc, n = 0;
    char **gargv, **genvp, **hargv;
    abi_long ret;

    gargv = lock_user_string_array(argv, &argc);
    genvp = lock_user_string_array(envp, &envc);
    if (!gargv || !genvp) { free(gargv); free(genvp); return -EFAULT; }
    if (access(p, X_OK) != 0) { ret = -errno; goto out; }
    fflush(stdout);
    qemu_log_flush();
    GuestExec ge;                                   /* guest-exec.c: ELF, #! script or host */
    if ((ret = guest_exec_resolve(p, name, gargv, &ge)) < 0) goto out;
    if (ret == GUEST_EXEC_HOST) {
        execve(p, gargv, genvp);
        ret = -errno;
        goto out;
    }
    hargv = calloc((size_t)(reexec_option_count + argc + 6), sizeof(char *));
    if (!hargv) { ret = -ENOMEM; goto out; }
    hargv[n++] = (char *)"loongbt-i386";
    for (int i = 0; i < reexec_option_count; i++) hargv[n++] = reexec_options[i];
    if (argc > 0) { hargv[n++] = (char *)"-0"; hargv[n++] = gargv[0]; }
    hargv[n++] = (char *)"--";
    hargv[n++] = (char *)p;
    for (int i = 1; i < argc; i++) hargv[n++] = gargv[i];
    hargv[n] = NULL;
    execve(reexec_command ? reexec_command : "/proc/self/exe", hargv, genvp);
    ret = -errno;
    free(hargv);
out:
    free(gargv);
    free(genvp);
    return ret;
}

static abi_long sys_execve(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[0]));
    return do_execve(env, p, p_g, U(a[1]), U(a[2]));
}

struct rusage;
static void rusage_to_target(struct target_rusage *t, const struct rusage *ru);

static abi_long sys_wait4(CPUX86State *env, const abi_long *a)
{
    int status;
    struct rusage ru;
    pid_t r = wait4(a[0], &status, a[2], a[3] ? &ru : NULL);
    if (r < 0) return -errno;
    status = host_to_target_wstatus(status);
    if (a[1] && r > 0 && !copy_to_guest(U(a[1]), &status, 4)) return -EFAULT;
    if (a[3] && r > 0) {
        struct target_rusage t;
        rusage_to_target(&t, &ru);
        if (!copy_to_guest(U(a[3]), &t, sizeof(t))) return -EFAULT;
    }
    return r;
}

static abi_long sys_waitpid(CPUX86State *env, const abi_long *a)
{
    abi_long b[4] = { a[0], a[1], a[2], 0 };
    return sys_wait4(env, b);
}

/* ---------------------------------------------------------------------------------------------
 * File descriptors and I/O
 * ------------------------------------------------------------------------------------------- */

/* A 64-bit file offset passed as two 32-bit halves (low first, the i386 convention). */
static inline int64_t off64_arg(abi_long lo, abi_long hi) { return (int64_t)(((uint64_t)U(hi) << 32) | U(lo)); }

/* Bytes of [addr, addr+len) accessible from addr on (the guest's page flags). */
static uint64_t guest_prefix_len(abi_ulong addr, uint64_t len, bool write)
{
    uint64_t a = addr, end = (uint64_t)addr + len;
    while (a < end) {
        int prot = guest_page_prot((abi_ulong)a);
        if (prot < 0 || !(prot & (write ? PROT_WRITE : PROT_READ | PROT_WRITE | PROT_EXEC))) break;
        a = (a & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
    }
    return (a < end ? a : end) - addr;
}

/* read/write/pread/pwrite of one buffer. A kernel that meets an unmapped page part way moves
 * the bytes before it and returns their count; a host that refuses the whole buffer up front
 * (a user-mode emulator running loongbt, or a host page shared with an unmapped guest page)
 * answers EFAULT having moved nothing, so the mapped prefix is then tried alone. */
static abi_long do_rw(int fd, abi_ulong buf, abi_ulong count, int64_t off, bool positional, bool is_write)
{
    uint64_t n = guest_len(buf, count);
    for (int attempt = 0; ; attempt++) {
        void *p = is_write ? g2h_user(buf, n) : g2h_user_w(buf, n);
        long r = is_write ? (positional ? pwrite(fd, p, n, off) : write(fd, p, n))
                          : (positional ? pread(fd, p, n, off) : read(fd, p, n));
        if (r >= 0 || errno != EFAULT || attempt || !buf) return get_errno(r);
        uint64_t prefix = guest_prefix_len(buf, n, !is_write);
        if (prefix == 0 || prefix >= n) return -EFAULT;
        n = prefix;
    }
}

static abi_long sys_read(CPUX86State *env, const abi_long *a)
{
    abi_long r = do_rw(a[0], U(a[1]), U(a[2]), 0, false, false);
    if (r > 0) signalfd_read_fixup(a[0], g2h(U(a[1])), r);     /* host signal numbers in its records */
    return r;
}
static abi_long sys_write(CPUX86State *env, const abi_long *a) { return do_rw(a[0], U(a[1]), U(a[2]), 0, false, true); }
static abi_long sys_pread64(CPUX86State *env, const abi_long *a) { return do_rw(a[0], U(a[1]), U(a[2]), off64_arg(a[3], a[4]), true, false); }
static abi_long sys_pwrite64(CPUX86State *env, const abi_long *a) { return do_rw(a[0], U(a[1]), U(a[2]), off64_arg(a[3], a[4]), true, true); }

/* The guest's 32-bit iovec array as a host one (malloc'd into *out; NULL for cnt 0), with the
 * kernel's import_iovec rules: count above UIO_MAXIOV or a negative length is EINVAL, an
 * unreadable array EFAULT; segment buffers are left for the host kernel to check. */
static abi_long iovec_from_guest(abi_ulong addr, int cnt, bool host_writes, struct iovec **out)
{
    *out = NULL;
    if (cnt < 0 || cnt > IOV_MAX) return -EINVAL;
    if (cnt == 0) return 0;
    struct target_iovec *tv = malloc(sizeof(*tv) * (size_t)cnt);
    struct iovec *iov = malloc(sizeof(*iov) * (size_t)cnt);
    if (!tv || !iov) { free(tv); free(iov); return -ENOMEM; }
    if (!copy_from_guest(tv, addr, sizeof(*tv) * (size_t)cnt)) { free(tv); free(iov); return -EFAULT; }
    for (int i = 0; i < cnt; i++) {
        if ((int32_t)tv[i].iov_len < 0) { free(tv); free(iov); return -EINVAL; }
        iov[i].iov_len = guest_len(tv[i].iov_base, tv[i].iov_len);
        iov[i].iov_base = host_writes ? g2h_user_w(tv[i].iov_base, iov[i].iov_len)
                                      : g2h_user(tv[i].iov_base, iov[i].iov_len);
    }
    free(tv);
    *out = iov;
    return 0;
}

/* readv/writev/preadv/pwritev and the *2 forms: one host preadv2/pwritev2 (offset -1: the file
 * position, as plain readv/writev). */
static abi_long do_rwv(int fd, abi_ulong vec, int cnt, int64_t off, int flags, bool is_write)
{
    struct iovec *iov;
    if (!fd_is_open(fd)) return -EBADF;
    abi_long r = iovec_from_guest(vec, cnt, !is_write, &iov);
    if (r) return r;
    r = get_errno(is_write ? pwritev2(fd, iov, cnt, off, flags) : preadv2(fd, iov, cnt, off, flags));
    free(iov);
    return r;
}

static abi_long sys_readv(CPUX86State *env, const abi_long *a) { return do_rwv(a[0], U(a[1]), a[2], -1, 0, false); }
static abi_long sys_writev(CPUX86State *env, const abi_long *a) { return do_rwv(a[0], U(a[1]), a[2], -1, 0, true); }
static abi_long sys_preadv(CPUX86State *env, const abi_long *a)
{
    int64_t off = off64_arg(a[3], a[4]);
    return off < 0 ? -EINVAL : do_rwv(a[0], U(a[1]), a[2], off, 0, false);
}
static abi_long sys_pwritev(CPUX86State *env, const abi_long *a)
{
    int64_t off = off64_arg(a[3], a[4]);
    return off < 0 ? -EINVAL : do_rwv(a[0], U(a[1]), a[2], off, 0, true);
}
static abi_long sys_preadv2(CPUX86State *env, const abi_long *a) { return do_rwv(a[0], U(a[1]), a[2], off64_arg(a[3], a[4]), a[5], false); }
static abi_long sys_pwritev2(CPUX86State *env, const abi_long *a) { return do_rwv(a[0], U(a[1]), a[2], off64_arg(a[3], a[4]), a[5], true); }

/* Directory offsets. A 64-bit process gets 64-bit d_off cookies from ext4 and others (a
 * 32-bit process gets 32-bit hashes), and the guest's glibc fails readdir with EOVERFLOW when
 * a cookie does not fit an i386 off_t. Such cookies are replaced by small indices into a
 * per-directory table, mapped back on lseek. */
#define DIR_TABLES 16
#define DIR_TABLE_MAX (1u << 20)
#define DIR_COOKIE_BASE ((int64_t)1 << 30)   /* guest offsets above it name table entries */
typedef struct DirCookies {
    int fd;                   /* -1: slot free */
    uint32_t n, cap;
    int64_t *cookie;          /* guest offset i+1 <-> host cookie[i] */
} DirCookies;
static DirCookies dir_cookies[DIR_TABLES] = { [0 ... DIR_TABLES - 1] = { .fd = -1 } };

static DirCookies *dir_table(int fd, bool create)
{
    DirCookies *free_slot = NULL;
    for (int i = 0; i < DIR_TABLES; i++) {
        if (dir_cookies[i].fd == fd) return &dir_cookies[i];
        if (dir_cookies[i].fd < 0 && !free_slot) free_slot = &dir_cookies[i];
    }
    if (!create) return NULL;
    if (!free_slot) {                     /* all busy: recycle the first (its seeks degrade) */
        free_slot = &dir_cookies[0];
        free(free_slot->cookie);
    }
    *free_slot = (DirCookies){ .fd = fd };
    return free_slot;
}

static void dir_table_drop(int fd)
{
    DirCookies *t = dir_table(fd, false);
    if (t) { free(t->cookie); *t = (DirCookies){ .fd = -1 }; }
}

static int64_t dir_cookie_to_guest(DirCookies *t, int64_t host)
{
    if (host >= 0 && host <= INT32_MAX) return host;
    for (uint32_t i = 0; i < t->n; i++)
        if (t->cookie[i] == host) return (int64_t)i + 1 + DIR_COOKIE_BASE;
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 64;
        int64_t *c = cap <= DIR_TABLE_MAX ? realloc(t->cookie, cap * sizeof(int64_t)) : NULL;
        if (!c) return host;
        t->cookie = c;
        t->cap = cap;
    }
    t->cookie[t->n++] = host;
    return (int64_t)t->n + DIR_COOKIE_BASE;
}

static int64_t dir_cookie_from_guest(int fd, int64_t guest)
{
    DirCookies *t = dir_table(fd, false);
    int64_t idx = guest - DIR_COOKIE_BASE;
    struct stat st;
    if (!t || idx < 1 || idx > t->n) return guest;
    if (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode)) { dir_table_drop(fd); return guest; }
    return t->cookie[idx - 1];
}

/* O_LARGEFILE as the guest sees it. A 64-bit host kernel sets it on every open file; an i386
 * process only has it when it asked (i386 and both hosts use 0100000). For each descriptor the
 * guest opened: whether it asked. Descriptors loongbt did not see opened (inherited, or from
 * before an execve) report the host's flags unchanged. The flag belongs to the open file, so
 * dup copies it. */
#define TARGET_O_LARGEFILE 0100000
#define FD_TRACK_MAX 65536
enum { FD_GUEST_OPENED = 1, FD_GUEST_LARGEFILE = 2 };
static uint8_t fd_open_state[FD_TRACK_MAX];

static void fd_track_open(abi_long fd, int flags)
{
    if (fd >= 0 && fd < FD_TRACK_MAX)
        fd_open_state[fd] = FD_GUEST_OPENED | ((flags & TARGET_O_LARGEFILE) ? FD_GUEST_LARGEFILE : 0);
}

static void fd_track_dup(int from, abi_long to)
{
    if (to >= 0 && to < FD_TRACK_MAX) fd_open_state[to] = from >= 0 && from < FD_TRACK_MAX ? fd_open_state[from] : 0;
}

static void fd_track_close(int fd)
{
    if (fd >= 0 && fd < FD_TRACK_MAX) fd_open_state[fd] = 0;
    dir_table_drop(fd);
}

static abi_long guest_fl_flags(int fd, abi_long host_flags)
{
    if (host_flags < 0 || fd < 0 || fd >= FD_TRACK_MAX || !(fd_open_state[fd] & FD_GUEST_OPENED))
        return host_flags;
    host_flags &= ~TARGET_O_LARGEFILE;
    return host_flags | ((fd_open_state[fd] & FD_GUEST_LARGEFILE) ? TARGET_O_LARGEFILE : 0);
}

static abi_long do_openat(CPUX86State *env, int dirfd, abi_ulong path, int flags, int mode)
{
    GUEST_PATH(p, buf, env, path);
    abi_long fd;
    if (!procfs_open(p_g, flags, task_image(env) ? task_image(env)->exec_path : NULL, &fd))
        fd = get_errno(syscall(SYS_openat, dirfd, p, flags, mode));
    fd_track_open(fd, flags);
    return fd;
}

static abi_long sys_open(CPUX86State *env, const abi_long *a) { return do_openat(env, AT_FDCWD, U(a[0]), a[1], a[2]); }
static abi_long sys_openat(CPUX86State *env, const abi_long *a) { return do_openat(env, a[0], U(a[1]), a[2], a[3]); }
static abi_long sys_creat(CPUX86State *env, const abi_long *a)
{
    return do_openat(env, AT_FDCWD, U(a[0]), O_CREAT | O_WRONLY | O_TRUNC, a[1]);
}

static abi_long sys_close(CPUX86State *env, const abi_long *a)
{
    abi_long r = get_errno(close(a[0]));
    if (r != -EBADF) fd_track_close(a[0]);
    return r;
}

static abi_long sys_dup(CPUX86State *env, const abi_long *a)
{
    abi_long r = get_errno(dup(a[0]));
    fd_track_dup(a[0], r);
    return r;
}

static abi_long do_dup3(int from, int to, int flags, bool is_dup2)
{
    abi_long r = get_errno(is_dup2 ? dup2(from, to) : dup3(from, to, flags));
    if (r >= 0 && from != to) {
        dir_table_drop(to);
        fd_track_dup(from, r);
    }
    return r;
}
static abi_long sys_dup2(CPUX86State *env, const abi_long *a) { return do_dup3(a[0], a[1], 0, true); }
static abi_long sys_dup3(CPUX86State *env, const abi_long *a) { return do_dup3(a[0], a[1], a[2], false); }

static abi_long sys_fsync(CPUX86State *env, const abi_long *a) { return get_errno(fsync(a[0])); }
static abi_long sys_fdatasync(CPUX86State *env, const abi_long *a) { return get_errno(fdatasync(a[0])); }
static abi_long sys_sync(CPUX86State *env, const abi_long *a) { sync(); return 0; }
static abi_long sys_flock(CPUX86State *env, const abi_long *a) { return get_errno(flock(a[0], a[1])); }
static abi_long sys_ftruncate(CPUX86State *env, const abi_long *a) { return get_errno(ftruncate(a[0], (int32_t)a[1])); }
static abi_long sys_ftruncate64(CPUX86State *env, const abi_long *a)
{
    return get_errno(ftruncate(a[0], (off_t)(((uint64_t)U(a[2]) << 32) | U(a[1]))));
}

static abi_long sys_truncate64(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[0]));
    return get_errno(truncate(p, (off_t)(((uint64_t)U(a[2]) << 32) | U(a[1]))));
}

/* lseek with directory cookies translated both ways (see getdents64). */
static int64_t do_lseek(int fd, int64_t off, int whence)
{
    DirCookies *t;
    if (whence == SEEK_SET) off = dir_cookie_from_guest(fd, off);
    int64_t r = lseek(fd, off, whence);
    if (r < 0) return -errno;
    if ((r > INT32_MAX) && (t = dir_table(fd, false)) != NULL) r = dir_cookie_to_guest(t, r);
    return r;
}

static abi_long sys_lseek(CPUX86State *env, const abi_long *a)
{
    int64_t r = do_lseek(a[0], (int32_t)a[1], a[2]);
    if (r < 0) return (abi_long)r;
    if (r > INT32_MAX) return -EOVERFLOW;
    return (abi_long)r;
}

static abi_long sys__llseek(CPUX86State *env, const abi_long *a)
{
    int64_t r = do_lseek(a[0], (int64_t)(((uint64_t)U(a[1]) << 32) | U(a[2])), a[4]);
    if (r < 0) return (abi_long)r;
    return copy_to_guest(U(a[3]), &r, 8) ? 0 : -EFAULT;
}

/* int[2] is the same everywhere: the host kernel stores the descriptors (and on EFAULT
 * closes them again, as it does for the guest). */
static abi_long do_pipe(abi_ulong fds_addr, int flags)
{
    return get_errno(pipe2(g2h_user_w(fds_addr, 8), flags));
}

static abi_long sys_pipe(CPUX86State *env, const abi_long *a) { return do_pipe(U(a[0]), 0); }
static abi_long sys_pipe2(CPUX86State *env, const abi_long *a) { return do_pipe(U(a[0]), a[1]); }

static abi_long sys_getdents64(CPUX86State *env, const abi_long *a)
{
    uint64_t n = guest_len(U(a[1]), U(a[2]));
    uint8_t *p = g2h_user_w(U(a[1]), n);
    long r = syscall(SYS_getdents64, a[0], p, n);   /* same layout as i386, written in place */
    if (r <= 0) return get_errno(r);
    DirCookies *t = NULL;
    for (long off = 0; off + 19 <= r; ) {
        int64_t d_off;
        uint16_t reclen;
        memcpy(&d_off, p + off + 8, 8);
        memcpy(&reclen, p + off + 16, 2);
        if (d_off < 0 || d_off > INT32_MAX) {
            if (!t) t = dir_table(a[0], true);
            d_off = dir_cookie_to_guest(t, d_off);
            memcpy(p + off + 8, &d_off, 8);
        }
        if (!reclen) break;
        off += reclen;
    }
    return (abi_long)r;
}

static abi_long sys_poll(CPUX86State *env, const abi_long *a)
{
    abi_ulong n = U(a[1]);
    /* struct pollfd is the same 8 bytes everywhere: the host kernel reads and writes it. */
    return get_errno(poll(g2h_user_w(U(a[0]), n * sizeof(struct pollfd)), n, a[2]));
}

/* fcntl: plain integer commands pass through; record locks convert struct flock. */
static abi_long do_fcntl_lock(int fd, int cmd, abi_ulong arg, bool guest64)
{
    struct flock fl;
    int host_cmd = (cmd == F_GETLK || cmd == 12) ? F_GETLK : (cmd == F_SETLK || cmd == 13) ? F_SETLK : F_SETLKW;
    if (cmd >= 36) host_cmd = cmd;    /* F_OFD_*: same numbers, flock64 layout on i386 */
    memset(&fl, 0, sizeof(fl));
    if (guest64) {
        struct target_flock64 t;
        if (!copy_from_guest(&t, arg, sizeof(t))) return -EFAULT;
        fl.l_type = t.l_type; fl.l_whence = t.l_whence; fl.l_start = t.l_start; fl.l_len = t.l_len;
        fl.l_pid = t.l_pid;
    } else {
        struct target_flock t;
        if (!copy_from_guest(&t, arg, sizeof(t))) return -EFAULT;
        fl.l_type = t.l_type; fl.l_whence = t.l_whence; fl.l_start = t.l_start; fl.l_len = t.l_len;
        fl.l_pid = t.l_pid;
    }
    if (fcntl(fd, host_cmd, &fl) != 0) return -errno;
    if (host_cmd != F_GETLK && host_cmd != F_OFD_GETLK) return 0;
    if (guest64) {
        struct target_flock64 t = { fl.l_type, fl.l_whence, fl.l_start, fl.l_len, fl.l_pid };
        return copy_to_guest(arg, &t, sizeof(t)) ? 0 : -EFAULT;
    }
    if (fl.l_start > INT32_MAX || fl.l_len > INT32_MAX) return -EOVERFLOW;
    struct target_flock t = { fl.l_type, fl.l_whence, (int32_t)fl.l_start, (int32_t)fl.l_len, fl.l_pid };
    return copy_to_guest(arg, &t, sizeof(t)) ? 0 : -EFAULT;
}

static abi_long do_fcntl(const abi_long *a, bool is64)
{
    int fd = a[0], cmd = a[1];
    if (!fd_is_open(fd)) return -EBADF;          /* before any argument is looked at */
    /* F_GETLK64 / F_SETLK64 / F_SETLKW64 (i386 numbers): tested before the switch, as hosts
     * whose own F_* values differ (MIPS: F_GETLK is 14) would make them duplicate cases */
    if (cmd >= 12 && cmd <= 14)
        return is64 ? do_fcntl_lock(fd, cmd, U(a[2]), true) : -EINVAL;
    switch (cmd) {
    case F_GETFL:
        return guest_fl_flags(fd, get_errno(fcntl(fd, cmd)));
    case F_DUPFD: case F_DUPFD_CLOEXEC: {
        abi_long r = get_errno(fcntl(fd, cmd, (long)a[2]));
        fd_track_dup(fd, r);
        return r;
    }
    case F_GETFD: case F_SETFD: case F_SETFL:
    case F_SETOWN: case F_GETOWN:
    case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
    case F_SETLEASE: case F_GETLEASE: case F_NOTIFY:
        return get_errno(fcntl(fd, cmd, (long)a[2]));
    case F_SETSIG: {      /* guest signal numbers (0: SIGIO); an invalid one stays invalid */
        int hs = a[2] ? target_to_host_signal(a[2]) : 0;
        return get_errno(fcntl(fd, cmd, a[2] && !hs ? -1L : (long)hs));
    }
    case F_GETSIG: {
        long r = fcntl(fd, cmd);
        return r > 0 ? host_to_target_signal((int)r) : get_errno(r);
    }
    case F_GETLK: case F_SETLK: case F_SETLKW:
        return do_fcntl_lock(fd, cmd, U(a[2]), false);
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return do_fcntl_lock(fd, cmd, U(a[2]), true);
    default:
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported fcntl command: %d\n", cmd);
        return -EINVAL;
    }
}

static abi_long sys_fcntl(CPUX86State *env, const abi_long *a) { return do_fcntl(a, false); }
static abi_long sys_fcntl64(CPUX86State *env, const abi_long *a) { return do_fcntl(a, true); }

/* ioctl: requests whose argument has the same layout on i386 and the hosts go through with
 * the guest pointer (the host kernel reads and writes it, EFAULT included); a few i386
 * numbers encode a 4-byte size where the host's encodes 8 (FS_IOC32_*, BLK*_32) and are
 * renumbered; struct ifreq is 32 bytes on i386 and 40 on the hosts, with the same first 32.
 * Any other request is refused with ENOTTY (what the kernel answers for a request no driver
 * of the file knows): passing it on could let the host kernel read or write a structure with
 * 64-bit fields where the guest has 32-bit ones. The descriptor is checked first (EBADF).
 * Pointer requests: the argument points to an int or a structure of the same layout. */
#define IOCTL_POINTER_LIST(X) \
    X(TCGETS) X(TCSETS) X(TCSETSW) X(TCSETSF) X(TCGETA) X(TCSETA) X(TCSETAW) X(TCSETAF) \
    X(TIOCGPGRP) X(TIOCSPGRP) X(TIOCOUTQ) X(TIOCSTI) X(TIOCGWINSZ) X(TIOCSWINSZ) \
    X(TIOCMGET) X(TIOCMBIS) X(TIOCMBIC) X(TIOCMSET) X(TIOCGSOFTCAR) X(TIOCSSOFTCAR) \
    X(FIONREAD) X(TIOCLINUX) X(FIONBIO) X(TIOCSETD) X(TIOCGETD) X(TIOCGSID) X(TIOCGPTN) \
    X(TIOCSPTLCK) X(TIOCGDEV) X(TIOCGPKT) X(TIOCGPTLCK) X(TIOCGEXCL) X(TIOCPKT) \
    X(FIOASYNC) X(FIOQSIZE) X(FIGETBSZ) X(FIOSETOWN) X(FIOGETOWN) X(SIOCGPGRP) X(SIOCSPGRP) \
    X(SIOCATMARK) X(BLKROGET) X(BLKROSET) X(BLKSSZGET) X(BLKPBSZGET) X(BLKIOMIN) X(BLKIOOPT) \
    X(BLKALIGNOFF) X(BLKDISCARDZEROES) X(BLKROTATIONAL)
/* Requests whose argument is an integer (or unused). */
#define IOCTL_VALUE_LIST(X) \
    X(TCSBRK) X(TCXONC) X(TCFLSH) X(TCSBRKP) X(TIOCEXCL) X(TIOCNXCL) X(TIOCSCTTY) \
    X(TIOCCONS) X(TIOCNOTTY) X(TIOCSBRK) X(TIOCCBRK) X(TIOCGPTPEER) X(TIOCVHANGUP) \
    X(TIOCSIG) X(FIONCLEX) X(FIOCLEX) X(BLKFLSBUF) X(BLKRRPART)

/* i386 request -> host request, for the ones whose number encodes sizeof(long). */
#define IOCTL_RENUMBER_LIST(X) \
    X(0x80046601u, FS_IOC_GETFLAGS)     /* FS_IOC32_GETFLAGS: the kernel uses an int anyway */ \
    X(0x40046602u, FS_IOC_SETFLAGS)     /* FS_IOC32_SETFLAGS */ \
    X(0x80047601u, FS_IOC_GETVERSION)   /* FS_IOC32_GETVERSION */ \
    X(0x40047602u, FS_IOC_SETVERSION)   /* FS_IOC32_SETVERSION */ \
    X(0x80041272u, BLKGETSIZE64)        /* BLKGETSIZE64 with the i386 size_t: writes a u64 */

#define IOCTL_IFREQ_LIST(X) \
    X(SIOCGIFNAME) X(SIOCGIFFLAGS) X(SIOCSIFFLAGS) X(SIOCGIFADDR) X(SIOCGIFDSTADDR) \
    X(SIOCGIFBRDADDR) X(SIOCGIFNETMASK) X(SIOCGIFMETRIC) X(SIOCGIFMTU) X(SIOCGIFHWADDR) \
    X(SIOCGIFINDEX) X(SIOCGIFTXQLEN)
#define TARGET_IFREQ_SIZE 32

static abi_long ioctl_ifreq(int fd, unsigned long req, abi_ulong arg)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    if (!copy_from_guest(&ifr, arg, TARGET_IFREQ_SIZE)) return -EFAULT;
    if (ioctl(fd, req, &ifr) < 0) return -errno;
    return copy_to_guest(arg, &ifr, TARGET_IFREQ_SIZE) ? 0 : -EFAULT;
}

static abi_long sys_ioctl(CPUX86State *env, const abi_long *a)
{
    int fd = a[0];
    unsigned long req = U(a[1]);
    if (!fd_is_open(fd)) return -EBADF;
    switch (req) {
#define IOCTL_CASE(name) case name:
    IOCTL_POINTER_LIST(IOCTL_CASE)
        return get_errno(ioctl(fd, req, g2h_user_w(U(a[2]), 8)));
    IOCTL_VALUE_LIST(IOCTL_CASE)
        return get_errno(ioctl(fd, req, (unsigned long)U(a[2])));
#define IOCTL_RENUMBER_CASE(guest, host) case guest: return get_errno(ioctl(fd, host, g2h_user_w(U(a[2]), 8)));
    IOCTL_RENUMBER_LIST(IOCTL_RENUMBER_CASE)
    IOCTL_IFREQ_LIST(IOCTL_CASE)
        return ioctl_ifreq(fd, req, U(a[2]));
#undef IOCTL_CASE
#undef IOCTL_RENUMBER_CASE
    default:
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported ioctl: fd %d request 0x%lx\n", fd, req);
        return -ENOTTY;
    }
}

/* ---------------------------------------------------------------------------------------------
 * File names and metadata
 * ------------------------------------------------------------------------------------------- */

static abi_long stat_to_guest64(abi_ulong addr, const struct stat *st)
{
    struct target_stat64 t;
    memset(&t, 0, sizeof(t));
    t.st_dev = st->st_dev;
    t.st_ino_lo = (uint32_t)st->st_ino;
    t.st_mode = st->st_mode;
    t.st_nlink = (uint32_t)st->st_nlink;
    t.st_uid = st->st_uid;
    t.st_gid = st->st_gid;
    t.st_rdev = st->st_rdev;
    t.st_size = st->st_size;
    t.st_blksize = (uint32_t)st->st_blksize;
    t.st_blocks = (uint64_t)st->st_blocks;
    t.st_atime_sec = (uint32_t)st->st_atim.tv_sec; t.st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    t.st_mtime_sec = (uint32_t)st->st_mtim.tv_sec; t.st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    t.st_ctime_sec = (uint32_t)st->st_ctim.tv_sec; t.st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    t.st_ino = st->st_ino;
    return copy_to_guest(addr, &t, sizeof(t)) ? 0 : -EFAULT;
}

static abi_long stat_to_guest_old(abi_ulong addr, const struct stat *st)
{
    struct target_stat t;
    if (st->st_ino > UINT32_MAX || st->st_size > INT32_MAX || st->st_blocks > UINT32_MAX)
        return -EOVERFLOW;
    memset(&t, 0, sizeof(t));
    t.st_dev = (uint32_t)st->st_dev;
    t.st_ino = (uint32_t)st->st_ino;
    t.st_mode = (uint16_t)st->st_mode;
    t.st_nlink = (uint16_t)st->st_nlink;
    t.st_uid = (uint16_t)low16(st->st_uid);
    t.st_gid = (uint16_t)low16(st->st_gid);
    t.st_rdev = (uint32_t)st->st_rdev;
    t.st_size = (uint32_t)st->st_size;
    t.st_blksize = (uint32_t)st->st_blksize;
    t.st_blocks = (uint32_t)st->st_blocks;
    t.st_atime_sec = (uint32_t)st->st_atim.tv_sec; t.st_atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    t.st_mtime_sec = (uint32_t)st->st_mtim.tv_sec; t.st_mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    t.st_ctime_sec = (uint32_t)st->st_ctim.tv_sec; t.st_ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    return copy_to_guest(addr, &t, sizeof(t)) ? 0 : -EFAULT;
}

/* struct __old_kernel_stat: 16-bit dev/ino/mode/nlink/uid/gid/rdev, 32-bit size and times;
 * an inode or link count that does not fit is EOVERFLOW (cp_old_stat). */
static abi_long stat_to_guest_oldest(abi_ulong addr, const struct stat *st)
{
    struct { uint16_t dev, ino, mode, nlink, uid, gid, rdev, pad; uint32_t size, atime, mtime, ctime; } t;
    if (st->st_ino > 0xffff || st->st_nlink > 0xffff) return -EOVERFLOW;
    t.dev = (uint16_t)((major(st->st_dev) << 8) | minor(st->st_dev));
    t.ino = (uint16_t)st->st_ino;
    t.mode = (uint16_t)st->st_mode;
    t.nlink = (uint16_t)st->st_nlink;
    t.uid = (uint16_t)low16(st->st_uid);
    t.gid = (uint16_t)low16(st->st_gid);
    t.rdev = (uint16_t)((major(st->st_rdev) << 8) | minor(st->st_rdev));
    t.pad = 0;
    t.size = (uint32_t)st->st_size;
    t.atime = (uint32_t)st->st_atim.tv_sec;
    t.mtime = (uint32_t)st->st_mtim.tv_sec;
    t.ctime = (uint32_t)st->st_ctim.tv_sec;
    return copy_to_guest(addr, &t, sizeof(t)) ? 0 : -EFAULT;
}

/* fstatat with a guest path (NULL allowed with AT_EMPTY_PATH) into a host struct stat. */
static abi_long do_fstatat(CPUX86State *env, int dirfd, abi_ulong path, int flags, struct stat *st)
{
    if (!path && (flags & AT_EMPTY_PATH)) return get_errno(fstatat(dirfd, "", st, flags));
    GUEST_PATH(p, buf, env, path);
    return get_errno(fstatat(dirfd, p, st, flags));
}

/* The stat family: the host call first (its errors come first), then one of the three i386
 * layouts. */
typedef abi_long StatToGuest(abi_ulong addr, const struct stat *st);

static abi_long do_stat_path(CPUX86State *env, int dirfd, abi_ulong path, int flags, abi_ulong out,
                             StatToGuest *to_guest)
{
    struct stat st;
    abi_long r = do_fstatat(env, dirfd, path, flags, &st);
    return r ? r : to_guest(out, &st);
}

static abi_long do_stat_fd(int fd, abi_ulong out, StatToGuest *to_guest)
{
    struct stat st;
    return fstat(fd, &st) != 0 ? -errno : to_guest(out, &st);
}

static abi_long sys_fstat64(CPUX86State *env, const abi_long *a) { return do_stat_fd(a[0], U(a[1]), stat_to_guest64); }
static abi_long sys_stat64(CPUX86State *env, const abi_long *a) { return do_stat_path(env, AT_FDCWD, U(a[0]), 0, U(a[1]), stat_to_guest64); }
static abi_long sys_lstat64(CPUX86State *env, const abi_long *a) { return do_stat_path(env, AT_FDCWD, U(a[0]), AT_SYMLINK_NOFOLLOW, U(a[1]), stat_to_guest64); }
static abi_long sys_fstatat64(CPUX86State *env, const abi_long *a) { return do_stat_path(env, a[0], U(a[1]), a[3], U(a[2]), stat_to_guest64); }
static abi_long sys_fstat(CPUX86State *env, const abi_long *a) { return do_stat_fd(a[0], U(a[1]), stat_to_guest_old); }
static abi_long sys_stat(CPUX86State *env, const abi_long *a) { return do_stat_path(env, AT_FDCWD, U(a[0]), 0, U(a[1]), stat_to_guest_old); }
static abi_long sys_lstat(CPUX86State *env, const abi_long *a) { return do_stat_path(env, AT_FDCWD, U(a[0]), AT_SYMLINK_NOFOLLOW, U(a[1]), stat_to_guest_old); }
static abi_long sys_oldfstat(CPUX86State *env, const abi_long *a) { return do_stat_fd(a[0], U(a[1]), stat_to_guest_oldest); }
static abi_long sys_oldstat(CPUX86State *env, const abi_long *a) { return do_stat_path(env, AT_FDCWD, U(a[0]), 0, U(a[1]), stat_to_guest_oldest); }
static abi_long sys_oldlstat(CPUX86State *env, const abi_long *a) { return do_stat_path(env, AT_FDCWD, U(a[0]), AT_SYMLINK_NOFOLLOW, U(a[1]), stat_to_guest_oldest); }

/* struct statx has fixed-width fields only: the layout is the same everywhere. */
static abi_long sys_statx(CPUX86State *env, const abi_long *a)
{
    void *out = g2h_user_w(U(a[4]), 256);
    if (!a[1]) return get_errno(syscall(SYS_statx, a[0], NULL, a[2], U(a[3]), out));
    GUEST_PATH(p, buf, env, U(a[1]));
    return get_errno(syscall(SYS_statx, a[0], p, a[2], U(a[3]), out));
}

static abi_long sys_access(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[0]));
    return get_errno(syscall(SYS_faccessat, AT_FDCWD, p, a[1]));
}

static abi_long sys_faccessat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[1]));
    return get_errno(syscall(SYS_faccessat, a[0], p, a[2]));
}

static abi_long sys_faccessat2(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[1]));
    return get_errno(syscall(SYS_faccessat2, a[0], p, a[2], a[3]));
}

static abi_long sys_getcwd(CPUX86State *env, const abi_long *a)
{
    /* The host kernel writes the guest buffer; returns the length with the NUL. */
    uint64_t n = guest_len(U(a[0]), U(a[1]));
    return get_errno(syscall(SYS_getcwd, g2h_user_w(U(a[0]), n), n));
}

static abi_long sys_chdir(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[0]));
    return get_errno(chdir(p));
}

static abi_long sys_fchdir(CPUX86State *env, const abi_long *a) { return get_errno(fchdir(a[0])); }

static abi_long sys_unlink(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[0]));
    return get_errno(unlink(p));
}

static abi_long sys_unlinkat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[1]));
    return get_errno(unlinkat(a[0], p, a[2]));
}

static abi_long sys_mkdir(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[0]));
    return get_errno(mkdir(p, a[1]));
}

static abi_long sys_mkdirat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[1]));
    return get_errno(mkdirat(a[0], p, a[2]));
}

static abi_long sys_rmdir(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[0]));
    return get_errno(rmdir(p));
}

static abi_long sys_rename(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(from, U(a[0]));
    GUEST_PATH_RAW(to, U(a[1]));
    return get_errno(rename(from, to));
}

static abi_long sys_renameat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(from, U(a[1]));
    GUEST_PATH_RAW(to, U(a[3]));
    return get_errno(renameat(a[0], from, a[2], to));
}

static abi_long sys_renameat2(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(from, U(a[1]));
    GUEST_PATH_RAW(to, U(a[3]));
    return get_errno(syscall(SYS_renameat2, a[0], from, a[2], to, U(a[4])));
}

static abi_long sys_link(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(from, U(a[0]));
    GUEST_PATH_RAW(to, U(a[1]));
    return get_errno(link(from, to));
}

static abi_long sys_symlink(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(target, U(a[0]));
    GUEST_PATH_RAW(name, U(a[1]));
    return get_errno(symlink(target, name));
}

static abi_long sys_chmod(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[0]));
    return get_errno(chmod(p, a[1]));
}

static abi_long sys_fchmod(CPUX86State *env, const abi_long *a) { return get_errno(fchmod(a[0], a[1])); }

static abi_long sys_fchmodat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[1]));
    return get_errno(syscall(SYS_fchmodat, a[0], p, a[2]));
}

static abi_long sys_fchown32(CPUX86State *env, const abi_long *a) { return get_errno(fchown(a[0], U(a[1]), U(a[2]))); }

/* readlink of /proc/self/exe names the guest program, not loongbt. */
static abi_long do_readlinkat(CPUX86State *env, int dirfd, abi_ulong path, abi_ulong buf, abi_long size)
{
    struct image_info *info = task_image(env);
    if (size <= 0) return -EINVAL;
    GUEST_PATH(p, pbuf, env, path);
    if (is_proc_self_exe(p_g) && info && info->exec_path) {
        size_t n = strlen(info->exec_path);
        if (n > (size_t)size) n = (size_t)size;
        return copy_to_guest(buf, info->exec_path, n) ? (abi_long)n : -EFAULT;
    }
    uint64_t n = guest_len(buf, (abi_ulong)size);
    return get_errno(readlinkat(dirfd, p, g2h_user_w(buf, n), n));
}

static abi_long sys_readlink(CPUX86State *env, const abi_long *a) { return do_readlinkat(env, AT_FDCWD, U(a[0]), U(a[1]), a[2]); }
static abi_long sys_readlinkat(CPUX86State *env, const abi_long *a) { return do_readlinkat(env, a[0], U(a[1]), U(a[2]), a[3]); }

static abi_long sys_utimensat(CPUX86State *env, const abi_long *a)
{
    struct timespec ts[2], *tsp = NULL;
    if (a[2]) {
        struct target_timespec t[2];
        if (!copy_from_guest(t, U(a[2]), sizeof(t))) return -EFAULT;
        for (int i = 0; i < 2; i++) { ts[i].tv_sec = t[i].tv_sec; ts[i].tv_nsec = t[i].tv_nsec; }
        tsp = ts;
    }
    if (!a[1]) return get_errno(syscall(SYS_utimensat, a[0], NULL, tsp, a[3]));
    GUEST_PATH_RAW(p, U(a[1]));
    return get_errno(syscall(SYS_utimensat, a[0], p, tsp, a[3]));
}

/* ---------------------------------------------------------------------------------------------
 * Sockets: the direct i386 socket syscalls and socketcall(2), which multiplexes them. sockaddr
 * and socklen_t are the same on every host; msghdr, iovec and cmsghdr hold 32-bit pointers and
 * lengths on i386 and are converted (SCM_RIGHTS and SCM_CREDENTIALS control messages).
 * ------------------------------------------------------------------------------------------- */

/* The kernel looks the socket up before it reads any other argument. */
static abi_long socket_fd_check(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0) return -EBADF;
    return S_ISSOCK(st.st_mode) ? 0 : -ENOTSOCK;
}

/* (addr, addrlen pointer) in/out: the guest's length word is read, then updated. */
static abi_long sockaddr_out(abi_ulong addr, abi_ulong lenp, void **host, socklen_t *len)
{
    uint32_t glen = 0;
    *host = NULL;
    *len = 0;
    if (!addr) return 0;
    if (!copy_from_guest(&glen, lenp, 4)) return -EFAULT;
    if ((int32_t)glen < 0) return -EINVAL;
    *host = g2h_user_w(addr, glen);           /* the host kernel stores the address */
    *len = glen;
    return 0;
}

static abi_long sys_socket(CPUX86State *env, const abi_long *a) { return get_errno(socket(a[0], a[1], a[2])); }

static abi_long sys_socketpair(CPUX86State *env, const abi_long *a)
{
    return get_errno(socketpair(a[0], a[1], a[2], g2h_user_w(U(a[3]), 8)));   /* int[2] */
}

static abi_long do_addr_call(const abi_long *a, bool is_connect)
{
    void *sa = g2h_user(U(a[1]), U(a[2]));
    return get_errno(is_connect ? connect(a[0], sa, (socklen_t)a[2]) : bind(a[0], sa, (socklen_t)a[2]));
}
static abi_long sys_bind(CPUX86State *env, const abi_long *a) { return do_addr_call(a, false); }
static abi_long sys_connect(CPUX86State *env, const abi_long *a) { return do_addr_call(a, true); }
static abi_long sys_listen(CPUX86State *env, const abi_long *a) { return get_errno(listen(a[0], a[1])); }
static abi_long sys_shutdown(CPUX86State *env, const abi_long *a) { return get_errno(shutdown(a[0], a[1])); }

static abi_long sys_accept4(CPUX86State *env, const abi_long *a)
{
    void *sa;
    socklen_t len;
    abi_long r = socket_fd_check(a[0]);
    if (r) return r;
    r = sockaddr_out(U(a[1]), U(a[2]), &sa, &len);
    if (r) return r;
    r = get_errno(accept4(a[0], sa, sa ? &len : NULL, a[3]));
    if (r >= 0 && sa && !copy_to_guest(U(a[2]), &len, 4)) return -EFAULT;
    return r;
}

static abi_long do_sockname(const abi_long *a, bool peer)
{
    void *sa;
    socklen_t len;
    abi_long r = socket_fd_check(a[0]);
    if (r) return r;
    if (!a[1]) return -EFAULT;
    r = sockaddr_out(U(a[1]), U(a[2]), &sa, &len);
    if (r) return r;
    r = get_errno(peer ? getpeername(a[0], sa, &len) : getsockname(a[0], sa, &len));
    if (r == 0 && !copy_to_guest(U(a[2]), &len, 4)) return -EFAULT;
    return r;
}
static abi_long sys_getsockname(CPUX86State *env, const abi_long *a) { return do_sockname(a, false); }
static abi_long sys_getpeername(CPUX86State *env, const abi_long *a) { return do_sockname(a, true); }

/* sendto(fd, buf, len, flags, addr, addrlen) / recvfrom(fd, buf, len, flags, addr, addrlenp) */
static abi_long sys_sendto(CPUX86State *env, const abi_long *a)
{
    uint64_t n = guest_len(U(a[1]), U(a[2]));
    void *sa = g2h_user(U(a[4]), U(a[5]));
    return get_errno(sendto(a[0], g2h_user(U(a[1]), n), n, a[3], sa, sa ? (socklen_t)a[5] : 0));
}

static abi_long sys_recvfrom(CPUX86State *env, const abi_long *a)
{
    uint64_t n = guest_len(U(a[1]), U(a[2]));
    void *b = g2h_user_w(U(a[1]), n), *sa;
    socklen_t len;
    abi_long r = sockaddr_out(U(a[4]), U(a[5]), &sa, &len);
    if (r) return r;
    r = get_errno(recvfrom(a[0], b, n, a[3], sa, sa ? &len : NULL));
    if (r >= 0 && sa && !copy_to_guest(U(a[5]), &len, 4)) return -EFAULT;
    return r;
}

/* Socket options: int-sized values pass through; timeouts are a 32-bit timeval on i386. */
static bool sockopt_is_timeval(int level, int name)
{
    return level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO);
}

static abi_long sys_setsockopt(CPUX86State *env, const abi_long *a)
{
    abi_long r = socket_fd_check(a[0]);
    if (r) return r;
    if (sockopt_is_timeval(a[1], a[2])) {
        int32_t g[2];
        if (U(a[4]) < sizeof(g)) return -EINVAL;
        if (!copy_from_guest(g, U(a[3]), sizeof(g))) return -EFAULT;
        struct timeval tv = { g[0], g[1] };
        return get_errno(setsockopt(a[0], a[1], a[2], &tv, sizeof(tv)));
    }
    return get_errno(setsockopt(a[0], a[1], a[2], g2h_user(U(a[3]), U(a[4])), (socklen_t)a[4]));
}

static abi_long sys_getsockopt(CPUX86State *env, const abi_long *a)
{
    uint32_t glen;
    abi_long r = socket_fd_check(a[0]);
    if (r) return r;
    if (!copy_from_guest(&glen, U(a[4]), 4)) return -EFAULT;
    if ((int32_t)glen < 0) return -EINVAL;
    if (sockopt_is_timeval(a[1], a[2])) {
        struct timeval tv = { 0, 0 };
        socklen_t len = sizeof(tv);
        if (getsockopt(a[0], a[1], a[2], &tv, &len) < 0) return -errno;
        int32_t g[2] = { (int32_t)tv.tv_sec, (int32_t)tv.tv_usec };
        glen = glen < sizeof(g) ? glen : sizeof(g);
        if (!copy_to_guest(U(a[3]), g, glen) || !copy_to_guest(U(a[4]), &glen, 4)) return -EFAULT;
        return 0;
    }
    void *v = g2h_user_w(U(a[3]), glen);
    socklen_t len = glen;
    if (getsockopt(a[0], a[1], a[2], v, &len) < 0) return -errno;
    glen = len;
    return copy_to_guest(U(a[4]), &glen, 4) ? 0 : -EFAULT;
}

/* msghdr on i386: name, namelen, iov, iovlen, control, controllen, flags (7 words). */
struct target_msghdr { uint32_t name, namelen, iov, iovlen, control, controllen; int32_t flags; };
struct target_cmsghdr { uint32_t len; int32_t level, type; };
#define TARGET_CMSG_ALIGN(n) (((n) + 3u) & ~3u)

/* Guest control messages -> host buffer (for sendmsg); returns the host length or -errno. */
static abi_long cmsg_from_guest(uint8_t *host, size_t host_cap, const uint8_t *g, uint32_t glen)
{
    size_t hoff = 0;
    uint32_t goff = 0;
    while (goff + sizeof(struct target_cmsghdr) <= glen) {
        struct target_cmsghdr gc;
        memcpy(&gc, g + goff, sizeof(gc));
        if (gc.len < sizeof(gc) || goff + gc.len > glen) return -EINVAL;
        uint32_t payload = gc.len - (uint32_t)sizeof(gc);
        if (hoff + CMSG_SPACE(payload) > host_cap) return -EINVAL;
        struct cmsghdr *hc = (struct cmsghdr *)(host + hoff);
        hc->cmsg_len = CMSG_LEN(payload);
        hc->cmsg_level = gc.level;
        hc->cmsg_type = gc.type;
        memcpy(CMSG_DATA(hc), g + goff + sizeof(gc), payload);   /* fds, ucred: same layout */
        hoff += CMSG_SPACE(payload);
        goff += TARGET_CMSG_ALIGN(gc.len);
    }
    return (abi_long)hoff;
}

/* Host control messages -> guest buffer (for recvmsg); returns the guest length used and sets
 * MSG_CTRUNC in *flags when the guest buffer was too small. */
static uint32_t cmsg_to_guest(uint8_t *g, uint32_t gcap, struct msghdr *hm, int32_t *flags)
{
    uint32_t goff = 0;
    for (struct cmsghdr *hc = CMSG_FIRSTHDR(hm); hc; hc = CMSG_NXTHDR(hm, hc)) {
        uint32_t payload = (uint32_t)(hc->cmsg_len - CMSG_LEN(0));
        struct target_cmsghdr gc = { (uint32_t)sizeof(gc) + payload, hc->cmsg_level, hc->cmsg_type };
        if (goff + gc.len > gcap) { *flags |= MSG_CTRUNC; break; }
        memcpy(g + goff, &gc, sizeof(gc));
        memcpy(g + goff + sizeof(gc), CMSG_DATA(hc), payload);
        goff += TARGET_CMSG_ALIGN(gc.len);
        if (goff > gcap) goff = gcap;
    }
    return goff;
}

static abi_long do_sendrecvmsg(int fd, abi_ulong msg_addr, int flags, bool is_send)
{
    struct target_msghdr gm;
    struct msghdr hm = { 0 };
    uint8_t control[1024];
    abi_long r = socket_fd_check(fd);
    if (r) return r;
    if (!copy_from_guest(&gm, msg_addr, sizeof(gm))) return -EFAULT;
    if (gm.iovlen > IOV_MAX) return -EMSGSIZE;
    struct iovec *iov = calloc(gm.iovlen ? gm.iovlen : 1, sizeof(*iov));
    if (!iov) return -ENOMEM;
    for (uint32_t i = 0; i < gm.iovlen; i++) {
        struct target_iovec t;
        if (!copy_from_guest(&t, gm.iov + i * (uint32_t)sizeof(t), sizeof(t))) { r = -EFAULT; goto out; }
        iov[i].iov_len = guest_len(t.iov_base, t.iov_len);
        iov[i].iov_base = is_send ? g2h_user(t.iov_base, iov[i].iov_len) : g2h_user_w(t.iov_base, iov[i].iov_len);
    }
    hm.msg_iov = iov;
    hm.msg_iovlen = gm.iovlen;
    if (gm.name) {
        hm.msg_name = lock_user(gm.name, gm.namelen, !is_send);
        if (!hm.msg_name && gm.namelen) { r = -EFAULT; goto out; }
        hm.msg_namelen = gm.namelen;
    }
    uint8_t *gctl = NULL;
    if (gm.control && gm.controllen) {
        gctl = lock_user(gm.control, gm.controllen, !is_send);
        if (!gctl) { r = -EFAULT; goto out; }
        hm.msg_control = control;
        if (is_send) {
            r = cmsg_from_guest(control, sizeof(control), gctl, gm.controllen);
            if (r < 0) goto out;
            hm.msg_controllen = (size_t)r;
        } else {
            hm.msg_controllen = sizeof(control);
        }
    }
    r = get_errno(is_send ? sendmsg(fd, &hm, flags) : recvmsg(fd, &hm, flags));
    if (r >= 0 && !is_send) {
        gm.flags = hm.msg_flags;
        gm.namelen = hm.msg_name ? hm.msg_namelen : 0;
        gm.controllen = gctl ? cmsg_to_guest(gctl, gm.controllen, &hm, &gm.flags) : 0;
        if (!copy_to_guest(msg_addr, &gm, sizeof(gm))) r = -EFAULT;
    }
out:
    free(iov);
    return r;
}
static abi_long sys_sendmsg(CPUX86State *env, const abi_long *a) { return do_sendrecvmsg(a[0], U(a[1]), a[2], true); }
static abi_long sys_recvmsg(CPUX86State *env, const abi_long *a) { return do_sendrecvmsg(a[0], U(a[1]), a[2], false); }

/* socketcall(call, args): the arguments are an array of 32-bit words in guest memory. */
static abi_long sys_socketcall(CPUX86State *env, const abi_long *a)
{
    /* argument count per call number 1..20 (Linux net/socket.c order) */
    static const uint8_t nargs[21] = { 0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4 };
    uint32_t w[6] = { 0 };
    abi_long b[6];
    int call = a[0];
    if (call < 1 || call > 20) return -EINVAL;
    if (!copy_from_guest(w, U(a[1]), nargs[call] * 4u)) return -EFAULT;
    for (int i = 0; i < 6; i++) b[i] = (abi_long)w[i];
    switch (call) {
    case 1:  return sys_socket(env, b);
    case 2:  return sys_bind(env, b);
    case 3:  return sys_connect(env, b);
    case 4:  return sys_listen(env, b);
    case 5:  b[3] = 0; return sys_accept4(env, b);                        /* accept */
    case 6:  return sys_getsockname(env, b);
    case 7:  return sys_getpeername(env, b);
    case 8:  return sys_socketpair(env, b);
    case 9:  b[4] = 0; b[5] = 0; return sys_sendto(env, b);                /* send */
    case 10: b[4] = 0; b[5] = 0; return sys_recvfrom(env, b);              /* recv */
    case 11: return sys_sendto(env, b);
    case 12: return sys_recvfrom(env, b);
    case 13: return sys_shutdown(env, b);
    case 14: return sys_setsockopt(env, b);
    case 15: return sys_getsockopt(env, b);
    case 16: return sys_sendmsg(env, b);
    case 17: return sys_recvmsg(env, b);
    case 18: return sys_accept4(env, b);
    default: return -ENOSYS;                                              /* recvmmsg, sendmmsg */
    }
}

/* ---------------------------------------------------------------------------------------------
 * Memory
 * ------------------------------------------------------------------------------------------- */

/* The guest memory map (mmap.c) and the page descriptors it updates are shared by every
 * guest thread: these calls run under tb_lock, which also keeps translation out. */
static abi_long sys_brk(CPUX86State *env, const abi_long *a)
{
    tb_lock();
    abi_long r = (abi_long)do_brk(U(a[0]));
    tb_unlock();
    return r;
}

static abi_long sys_mmap(CPUX86State *env, const abi_long *a)
{
    struct target_mmap_arg_struct m;
    if (!copy_from_guest(&m, U(a[0]), sizeof(m))) return -EFAULT;
    tb_lock();
    abi_long r = target_mmap(m.addr, m.len, m.prot, m.flags, (int32_t)m.fd, (off_t)m.offset);
    tb_unlock();
    return r;
}

static abi_long sys_mmap2(CPUX86State *env, const abi_long *a)
{
    tb_lock();
    abi_long r = target_mmap(U(a[0]), U(a[1]), a[2], a[3], a[4], (off_t)U(a[5]) << 12);
    tb_unlock();
    return r;
}

static abi_long sys_munmap(CPUX86State *env, const abi_long *a)
{
    tb_lock();
    abi_long r = target_munmap(U(a[0]), U(a[1]));
    tb_unlock();
    return r;
}

static abi_long sys_mprotect(CPUX86State *env, const abi_long *a)
{
    tb_lock();
    abi_long r = target_mprotect(U(a[0]), U(a[1]), a[2]);
    tb_unlock();
    return r;
}

static abi_long sys_mremap(CPUX86State *env, const abi_long *a)
{
    tb_lock();
    abi_long r = target_mremap(U(a[0]), U(a[1]), U(a[2]), U(a[3]), U(a[4]));
    tb_unlock();
    return r;
}

/* madvise, msync, mincore, mlock...: mmap.c has the kernel's rules (and takes tb_lock). */
static abi_long sys_madvise(CPUX86State *env, const abi_long *a) { return target_madvise(U(a[0]), U(a[1]), a[2]); }
static abi_long sys_msync(CPUX86State *env, const abi_long *a) { return target_msync(U(a[0]), U(a[1]), a[2]); }
static abi_long sys_mincore(CPUX86State *env, const abi_long *a) { return target_mincore(U(a[0]), U(a[1]), U(a[2])); }
static abi_long sys_mlock(CPUX86State *env, const abi_long *a) { return target_mlock(U(a[0]), U(a[1]), 0); }
static abi_long sys_mlock2(CPUX86State *env, const abi_long *a) { return target_mlock(U(a[0]), U(a[1]), U(a[2])); }
static abi_long sys_munlock(CPUX86State *env, const abi_long *a) { return target_munlock(U(a[0]), U(a[1])); }
static abi_long sys_mlockall(CPUX86State *env, const abi_long *a) { return target_mlockall(a[0]); }
static abi_long sys_munlockall(CPUX86State *env, const abi_long *a) { return 0; }

/* ---------------------------------------------------------------------------------------------
 * Time
 * ------------------------------------------------------------------------------------------- */

static abi_long timespec_to_guest(abi_ulong addr, const struct timespec *ts)
{
    struct target_timespec t = { (int32_t)ts->tv_sec, (int32_t)ts->tv_nsec };
    if (ts->tv_sec != t.tv_sec) return -EOVERFLOW;
    return copy_to_guest(addr, &t, sizeof(t)) ? 0 : -EFAULT;
}

static bool timespec_from_guest(struct timespec *ts, abi_ulong addr, bool is64)
{
    if (is64) {
        struct target_timespec64 t;
        if (!copy_from_guest(&t, addr, sizeof(t))) return false;
        /* A 32-bit task's tv_nsec is 32 bits wide: the kernel drops the upper half. */
        ts->tv_sec = t.tv_sec; ts->tv_nsec = (long)(uint32_t)t.tv_nsec;
    } else {
        struct target_timespec t;
        if (!copy_from_guest(&t, addr, sizeof(t))) return false;
        ts->tv_sec = t.tv_sec; ts->tv_nsec = t.tv_nsec;
    }
    return true;
}

static abi_long timespec_to_guest_any(abi_ulong addr, const struct timespec *ts, bool is64)
{
    if (!is64) return timespec_to_guest(addr, ts);
    struct target_timespec64 t = { ts->tv_sec, ts->tv_nsec };
    return copy_to_guest(addr, &t, sizeof(t)) ? 0 : -EFAULT;
}

static abi_long do_clock_get(const abi_long *a, bool is64, bool res)
{
    struct timespec ts;
    if ((res ? clock_getres(a[0], &ts) : clock_gettime(a[0], &ts)) != 0) return -errno;
    if (res && !a[1]) return 0;
    return timespec_to_guest_any(U(a[1]), &ts, is64);
}

static abi_long sys_clock_gettime(CPUX86State *env, const abi_long *a) { return do_clock_get(a, false, false); }
static abi_long sys_clock_gettime64(CPUX86State *env, const abi_long *a) { return do_clock_get(a, true, false); }
static abi_long sys_clock_getres(CPUX86State *env, const abi_long *a) { return do_clock_get(a, false, true); }
static abi_long sys_clock_getres_time64(CPUX86State *env, const abi_long *a) { return do_clock_get(a, true, true); }

static abi_long sys_gettimeofday(CPUX86State *env, const abi_long *a)
{
    struct timeval tv;
    if (gettimeofday(&tv, NULL) != 0) return -errno;
    if (a[0]) {
        struct target_timeval t = { (int32_t)tv.tv_sec, (int32_t)tv.tv_usec };
        if (!copy_to_guest(U(a[0]), &t, sizeof(t))) return -EFAULT;
    }
    if (a[1]) {
        struct target_timezone tz = { 0, 0 };
        if (!copy_to_guest(U(a[1]), &tz, sizeof(tz))) return -EFAULT;
    }
    return 0;
}

static abi_long sys_time(CPUX86State *env, const abi_long *a)
{
    int32_t t = (int32_t)time(NULL);
    if (a[0] && !copy_to_guest(U(a[0]), &t, 4)) return -EFAULT;
    return t;
}

static abi_long do_nanosleep(int clk, int flags, abi_ulong req, abi_ulong rem, bool is64, bool abs_ok)
{
    struct timespec ts, left;
    if (!timespec_from_guest(&ts, req, is64)) return -EFAULT;
    long r = syscall(SYS_clock_nanosleep, clk, abs_ok ? flags : 0, &ts, &left);
    if (r == -1 && errno == EINTR && rem && !(flags & TIMER_ABSTIME))
        timespec_to_guest_any(rem, &left, is64);
    return get_errno(r);
}

static abi_long sys_nanosleep(CPUX86State *env, const abi_long *a)
{
    return do_nanosleep(CLOCK_MONOTONIC, 0, U(a[0]), U(a[1]), false, false);
}

static abi_long sys_clock_nanosleep(CPUX86State *env, const abi_long *a)
{
    return do_nanosleep(a[0], a[1], U(a[2]), U(a[3]), false, true);
}

static abi_long sys_clock_nanosleep_time64(CPUX86State *env, const abi_long *a)
{
    return do_nanosleep(a[0], a[1], U(a[2]), U(a[3]), true, true);
}

static abi_long sys_times(CPUX86State *env, const abi_long *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1) return -errno;
    if (a[0]) {
        struct target_tms g = { (int32_t)t.tms_utime, (int32_t)t.tms_stime, (int32_t)t.tms_cutime,
                                (int32_t)t.tms_cstime };
        if (!copy_to_guest(U(a[0]), &g, sizeof(g))) return -EFAULT;
    }
    return (abi_long)r;
}

/* ---------------------------------------------------------------------------------------------
 * Signals (state kept in signal.c)
 * ------------------------------------------------------------------------------------------- */

static abi_long sys_rt_sigaction(CPUX86State *env, const abi_long *a)
{
    struct target_sigaction act, oact;
    int r;
    if (U(a[3]) != 8) return -EINVAL;
    if (a[1] && !copy_from_guest(&act, U(a[1]), sizeof(act))) return -EFAULT;
    r = do_sigaction(a[0], a[1] ? &act : NULL, &oact);
    /* As the kernel: the old action is written after the change (EFAULT then). */
    if (r == 0 && a[2] && !copy_to_guest(U(a[2]), &oact, sizeof(oact))) return -EFAULT;
    return r;
}

static abi_long sys_rt_sigprocmask(CPUX86State *env, const abi_long *a)
{
    uint64_t set, old;
    int r;
    if (U(a[3]) != 8) return -EINVAL;
    if (a[1] && !copy_from_guest(&set, U(a[1]), 8)) return -EFAULT;
    r = do_sigprocmask(a[0], a[1] ? &set : NULL, &old);
    if (r == 0 && a[2] && !copy_to_guest(U(a[2]), &old, 8)) return -EFAULT;
    return r;
}

static abi_long sys_sigaltstack(CPUX86State *env, const abi_long *a)
{
    struct target_stack_t ss, oss;
    int r;
    if (a[0] && !copy_from_guest(&ss, U(a[0]), sizeof(ss))) return -EFAULT;
    r = do_sigaltstack(a[0] ? &ss : NULL, &oss);
    if (r == 0 && a[1] && !copy_to_guest(U(a[1]), &oss, sizeof(oss))) return -EFAULT;
    return r;
}

static abi_long sys_kill(CPUX86State *env, const abi_long *a) { return do_kill(a[0], a[1]); }
static abi_long sys_tkill(CPUX86State *env, const abi_long *a) { return do_tgkill(-1, a[0], a[1]); }
static abi_long sys_tgkill(CPUX86State *env, const abi_long *a) { return do_tgkill(a[0], a[1], a[2]); }

static abi_long sys_rt_sigpending(CPUX86State *env, const abi_long *a)
{
    uint64_t set = do_sigpending();
    if (U(a[1]) > 8) return -EINVAL;
    return copy_to_guest(U(a[0]), &set, U(a[1])) ? 0 : -EFAULT;
}

static abi_long sys_rt_sigsuspend(CPUX86State *env, const abi_long *a)
{
    uint64_t mask;
    if (U(a[1]) != 8) return -EINVAL;
    if (!copy_from_guest(&mask, U(a[0]), 8)) return -EFAULT;
    return do_sigsuspend(env, mask);
}

static abi_long sys_pause(CPUX86State *env, const abi_long *a)
{
    pause();             /* returns once a guest-handled signal was caught */
    return -EINTR;
}

static abi_long sys_sigreturn(CPUX86State *env, const abi_long *a) { return do_sigreturn(env); }
static abi_long sys_rt_sigreturn(CPUX86State *env, const abi_long *a) { return do_rt_sigreturn(env); }

static abi_long sys_alarm(CPUX86State *env, const abi_long *a) { return (abi_long)alarm(U(a[0])); }

/* rt_sigtimedwait(set, info, timeout, sigsetsize) and its time64 twin. */
static abi_long do_rt_sigtimedwait(const abi_long *a, bool time64)
{
    uint64_t set = 0;
    struct timespec ts, *tsp = NULL;
    struct target_siginfo info;
    if (U(a[3]) != 8) return -EINVAL;
    if (!copy_from_guest(&set, U(a[0]), 8)) return -EFAULT;
    if (a[2]) {
        if (!timespec_from_guest(&ts, U(a[2]), time64)) return -EFAULT;
        tsp = &ts;
    }
    int r = do_sigtimedwait(set, &info, tsp);     /* the signal is taken even if info is bad */
    if (r > 0 && a[1] && !copy_to_guest(U(a[1]), &info, sizeof(info))) return -EFAULT;
    return r;
}
static abi_long sys_rt_sigtimedwait(CPUX86State *env, const abi_long *a) { return do_rt_sigtimedwait(a, false); }
static abi_long sys_rt_sigtimedwait_time64(CPUX86State *env, const abi_long *a) { return do_rt_sigtimedwait(a, true); }

/* rt_sigqueueinfo(pid, sig, info) and rt_tgsigqueueinfo(tgid, tid, sig, info). */
static abi_long sys_rt_sigqueueinfo(CPUX86State *env, const abi_long *a)
{
    struct target_siginfo info;
    if (!copy_from_guest(&info, U(a[2]), sizeof(info))) return -EFAULT;
    return do_rt_tgsigqueueinfo(a[0], -1, a[1], &info);
}

static abi_long sys_rt_tgsigqueueinfo(CPUX86State *env, const abi_long *a)
{
    struct target_siginfo info;
    if (!copy_from_guest(&info, U(a[3]), sizeof(info))) return -EFAULT;
    return do_rt_tgsigqueueinfo(a[0], a[1], a[2], &info);
}

/* Interval timers: struct itimerval is four 32-bit fields on i386. */
static abi_long itimerval_to_guest(abi_ulong addr, const struct itimerval *it)
{
    int32_t g[4] = { (int32_t)it->it_interval.tv_sec, (int32_t)it->it_interval.tv_usec,
                     (int32_t)it->it_value.tv_sec, (int32_t)it->it_value.tv_usec };
    return copy_to_guest(addr, g, sizeof(g)) ? 0 : -EFAULT;
}

static abi_long sys_setitimer(CPUX86State *env, const abi_long *a)
{
    int32_t g[4] = { 0, 0, 0, 0 };
    struct itimerval it, old;
    /* A NULL new value disarms (a misfeature the kernel still supports). */
    if (a[1] && !copy_from_guest(g, U(a[1]), sizeof(g))) return -EFAULT;
    it.it_interval.tv_sec = g[0]; it.it_interval.tv_usec = g[1];
    it.it_value.tv_sec = g[2]; it.it_value.tv_usec = g[3];
    if (setitimer(a[0], &it, &old) < 0) return -errno;
    return a[2] ? itimerval_to_guest(U(a[2]), &old) : 0;
}

static abi_long sys_getitimer(CPUX86State *env, const abi_long *a)
{
    struct itimerval it;
    if (getitimer(a[0], &it) < 0) return -errno;
    return itimerval_to_guest(U(a[1]), &it);
}

/* ---------------------------------------------------------------------------------------------
 * Threads, TLS and synchronisation
 * ------------------------------------------------------------------------------------------- */

static abi_long sys_set_tid_address(CPUX86State *env, const abi_long *a)
{
    if (env->opaque) ((TaskState *)env->opaque)->child_tidptr = U(a[0]);
    return gettid();
}

static abi_long sys_sched_yield(CPUX86State *env, const abi_long *a) { return get_errno(sched_yield()); }

/* The compat rules: len must be a multiple of 4 (compat_ulong) and hold nr_cpu_ids bits
 * (the host checks that part); the result is min(len, the kernel's cpumask size) bytes. */
static abi_long sys_sched_getaffinity(CPUX86State *env, const abi_long *a)
{
    uint8_t mask[1024];
    abi_ulong len = U(a[1]);
    if (len & 3) return -EINVAL;
    size_t host_len = len >= sizeof(mask) ? sizeof(mask) : (len + 7) & ~7u;   /* host wants longs */
    memset(mask, 0, sizeof(mask));
    long r = syscall(SYS_sched_getaffinity, a[0], host_len, mask);
    if (r < 0) return -errno;
    if ((abi_ulong)r > len) r = (long)len;
    return copy_to_guest(U(a[2]), mask, (size_t)r) ? (abi_long)r : -EFAULT;
}

static abi_long sys_getcpu(CPUX86State *env, const abi_long *a)
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0) return -errno;
    if (a[0] && !copy_to_guest(U(a[0]), &cpu, 4)) return -EFAULT;
    if (a[1] && !copy_to_guest(U(a[1]), &node, 4)) return -EFAULT;
    return 0;
}

/* futex on guest words: the host futex works on the same memory at g2h(uaddr), and faults,
 * wakes on words never touched and PI owner TIDs (host TID = guest TID) are the host's.
 * A misaligned word is EINVAL, as the kernel's get_futex_key. */
static bool futex_has_timeout(int cmd)
{
    return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
           cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

static abi_long do_futex(const abi_long *a, bool time64)
{
    abi_ulong uaddr = U(a[0]), uaddr2 = U(a[4]);
    int op = a[1], cmd = op & FUTEX_CMD_MASK;
    struct timespec ts;
    long val2 = (long)U(a[3]);         /* an integer for the commands without a timeout */

    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET: case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP: case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2: case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI: case FUTEX_WAIT_REQUEUE_PI:
    case FUTEX_CMP_REQUEUE_PI:
        break;
    default:
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported futex op: %d\n", op);
        return -ENOSYS;
    }
    if (uaddr & 3) return -EINVAL;
    if (futex_has_timeout(cmd) && a[3]) {
        if (!timespec_from_guest(&ts, U(a[3]), time64)) return -EFAULT;
        val2 = (long)(uintptr_t)&ts;
    } else if (futex_has_timeout(cmd)) {
        val2 = 0;
    }
    return get_errno(syscall(SYS_futex, g2h_user(uaddr, 4), op, U(a[2]), val2,
                             g2h_user(uaddr2, 4), U(a[5])));
}

static abi_long sys_futex(CPUX86State *env, const abi_long *a) { return do_futex(a, false); }
static abi_long sys_futex_time64(CPUX86State *env, const abi_long *a) { return do_futex(a, true); }

/* ---------------------------------------------------------------------------------------------
 * Resources and system information
 * ------------------------------------------------------------------------------------------- */

/* Limits that would constrain loongbt itself (its 4 GiB reservation, code buffer, host stack)
 * are accepted but not applied. */
static bool rlimit_is_ours(int res)
{
    return res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK;
}

static uint32_t rlim_to_guest(rlim_t v)
{
    return (v == RLIM_INFINITY || v >= TARGET_RLIM_INFINITY) ? TARGET_RLIM_INFINITY : (uint32_t)v;
}

static rlim_t rlim_from_guest(uint32_t v)
{
    return v == TARGET_RLIM_INFINITY ? RLIM_INFINITY : (rlim_t)v;
}

static abi_long sys_ugetrlimit(CPUX86State *env, const abi_long *a)
{
    struct rlimit rl;
    if (getrlimit(a[0], &rl) != 0) return -errno;
    struct target_rlimit t = { rlim_to_guest(rl.rlim_cur), rlim_to_guest(rl.rlim_max) };
    return copy_to_guest(U(a[1]), &t, sizeof(t)) ? 0 : -EFAULT;
}

/* The old getrlimit reports "infinity" as 0x7fffffff. */
static abi_long sys_getrlimit(CPUX86State *env, const abi_long *a)
{
    struct rlimit rl;
    if (getrlimit(a[0], &rl) != 0) return -errno;
    struct target_rlimit t = { rlim_to_guest(rl.rlim_cur), rlim_to_guest(rl.rlim_max) };
    if (t.rlim_cur > INT32_MAX) t.rlim_cur = INT32_MAX;
    if (t.rlim_max > INT32_MAX) t.rlim_max = INT32_MAX;
    return copy_to_guest(U(a[1]), &t, sizeof(t)) ? 0 : -EFAULT;
}

static abi_long sys_setrlimit(CPUX86State *env, const abi_long *a)
{
    struct target_rlimit t;
    if (!copy_from_guest(&t, U(a[1]), sizeof(t))) return -EFAULT;
    if (rlimit_is_ours(a[0])) return 0;
    struct rlimit rl = { rlim_from_guest(t.rlim_cur), rlim_from_guest(t.rlim_max) };
    return get_errno(setrlimit(a[0], &rl));
}

/* struct rlimit64 is two u64 on both sides. */
static abi_long sys_prlimit64(CPUX86State *env, const abi_long *a)
{
    struct rlimit nl, ol;
    bool self = a[0] == 0 || a[0] == getpid();
    if (a[2] && !copy_from_guest(&nl, U(a[2]), sizeof(nl))) return -EFAULT;
    if (self && a[2] && rlimit_is_ours(a[1])) {
        if (a[3] && getrlimit(a[1], &ol) != 0) return -errno;
    } else if (syscall(SYS_prlimit64, a[0], a[1], a[2] ? &nl : NULL, a[3] ? &ol : NULL) != 0) {
        return -errno;
    }
    return !a[3] || copy_to_guest(U(a[3]), &ol, sizeof(ol)) ? 0 : -EFAULT;   /* after the change */
}

static abi_long sys_sysinfo(CPUX86State *env, const abi_long *a)
{
    struct sysinfo s;
    struct target_sysinfo t;
    unsigned unit;
    if (sysinfo(&s) != 0) return -errno;
    /* Scale so the byte counts fit in 32 bits, as a 32-bit kernel with much memory does. */
    unsigned long long biggest = s.totalram > s.totalswap ? s.totalram : s.totalswap;
    for (unit = s.mem_unit ? s.mem_unit : 1; biggest * (s.mem_unit ? s.mem_unit : 1) / unit > UINT32_MAX; unit <<= 1) {}
    unsigned long long mul = s.mem_unit ? s.mem_unit : 1;
    memset(&t, 0, sizeof(t));
    t.uptime = (int32_t)s.uptime;
    for (int i = 0; i < 3; i++) t.loads[i] = (uint32_t)s.loads[i];
    t.totalram = (uint32_t)(s.totalram * mul / unit);
    t.freeram = (uint32_t)(s.freeram * mul / unit);
    t.sharedram = (uint32_t)(s.sharedram * mul / unit);
    t.bufferram = (uint32_t)(s.bufferram * mul / unit);
    t.totalswap = (uint32_t)(s.totalswap * mul / unit);
    t.freeswap = (uint32_t)(s.freeswap * mul / unit);
    t.procs = s.procs;
    t.mem_unit = unit;
    return copy_to_guest(U(a[0]), &t, sizeof(t)) ? 0 : -EFAULT;
}

static abi_long sys_getrandom(CPUX86State *env, const abi_long *a)
{
    uint64_t n = guest_len(U(a[0]), U(a[1]));
    return get_errno(getrandom(g2h_user_w(U(a[0]), n), n, U(a[2])));
}

static abi_long sys_getpriority(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_getpriority, a[0], a[1]));   /* raw: 20 - nice, never negative */
}

/* ---------------------------------------------------------------------------------------------
 * Waiting on descriptors (select, poll, epoll), signalfd, statfs, waitid
 * ------------------------------------------------------------------------------------------- */

/* A guest sigset (64 bits, bit sig-1) as a host kernel sigset for a syscall's temporary mask:
 * the signals loongbt keeps for itself (SIGSEGV/SIGBUS for guest faults and self-modifying
 * code) are never blocked. */
static host_ksigset_t host_kernel_sigset(uint64_t guest)
{
    host_ksigset_t k;
    target_to_host_ksigset(&k, guest & ~((1ull << (TARGET_SIGSEGV - 1)) | (1ull << (TARGET_SIGBUS - 1))));
    return k;
}

/* Copy a guest fd_set (32-bit words) into a host one (64-bit words); on little-endian hosts
 * both are the same bit string, the host's just rounded up to 8 bytes. */
#define FDSET_MAX_FDS 4096
static bool fdset_from_guest(uint64_t *host, abi_ulong addr, int nfds)
{
    size_t guest_bytes = (size_t)(nfds + 31) / 32 * 4;
    memset(host, 0, (size_t)(nfds + 63) / 64 * 8);
    return !addr || copy_from_guest(host, addr, guest_bytes);
}

static bool fdset_to_guest(abi_ulong addr, const uint64_t *host, int nfds)
{
    return !addr || copy_to_guest(addr, host, (size_t)(nfds + 31) / 32 * 4);
}

/* The select family on the host's pselect6; ts (may be NULL) is updated with the time left. */
static abi_long do_select(int nfds, abi_ulong rfds, abi_ulong wfds, abi_ulong efds,
                          struct timespec *ts, const uint64_t *guest_mask)
{
    static __thread uint64_t sets[3][FDSET_MAX_FDS / 64];
    const abi_ulong addrs[3] = { rfds, wfds, efds };
    host_ksigset_t mask;
    struct { const void *set; size_t size; } sigarg = { &mask, HOST_KSIGSET_SIZE };

    if (nfds < 0) return -EINVAL;
    if (nfds > FDSET_MAX_FDS) nfds = FDSET_MAX_FDS;
    for (int i = 0; i < 3; i++)
        if (!fdset_from_guest(sets[i], addrs[i], nfds)) return -EFAULT;
    if (guest_mask) mask = host_kernel_sigset(*guest_mask);
    uint64_t saved_mask = guest_mask ? signal_temporary_mask(*guest_mask) : 0;
    long r = syscall(SYS_pselect6, nfds, rfds ? sets[0] : NULL, wfds ? sets[1] : NULL,
                     efds ? sets[2] : NULL, ts, guest_mask ? &sigarg : NULL);
    if (guest_mask) signal_temporary_mask_done(saved_mask, r < 0 ? -errno : 0);
    if (r < 0) return -errno;
    for (int i = 0; i < 3; i++)
        if (!fdset_to_guest(addrs[i], sets[i], nfds)) return -EFAULT;
    return r;
}

/* select(nfds, r, w, e, struct timeval *) as _newselect; old select takes a pointer to them. */
static abi_long select_timeval(const abi_long *a)
{
    struct target_timeval tv;
    struct timespec ts;
    if (a[4]) {
        if (!copy_from_guest(&tv, U(a[4]), sizeof(tv))) return -EFAULT;
        /* The kernel folds whole seconds of tv_usec into tv_sec, then checks the result. */
        ts.tv_sec = (long)tv.tv_sec + tv.tv_usec / 1000000;
        ts.tv_nsec = (long)(tv.tv_usec % 1000000) * 1000;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0) return -EINVAL;
    }
    abi_long r = do_select(a[0], U(a[1]), U(a[2]), U(a[3]), a[4] ? &ts : NULL, NULL);
    if (a[4] && r >= 0) {
        tv.tv_sec = (int32_t)ts.tv_sec;
        tv.tv_usec = (int32_t)(ts.tv_nsec / 1000);
        if (!copy_to_guest(U(a[4]), &tv, sizeof(tv))) return -EFAULT;
    }
    return r;
}

static abi_long sys__newselect(CPUX86State *env, const abi_long *a) { return select_timeval(a); }

static abi_long sys_select(CPUX86State *env, const abi_long *a)
{
    uint32_t args[5];
    if (!copy_from_guest(args, U(a[0]), sizeof(args))) return -EFAULT;
    const abi_long b[5] = { (abi_long)args[0], (abi_long)args[1], (abi_long)args[2],
                            (abi_long)args[3], (abi_long)args[4] };
    return select_timeval(b);
}

/* The optional signal mask of pselect6/ppoll/epoll_pwait: a guest sigset of size bytes. */
static abi_long guest_sigmask(abi_ulong addr, abi_ulong size, uint64_t *mask)
{
    if (size != 8) return -EINVAL;
    return copy_from_guest(mask, addr, 8) ? 0 : -EFAULT;
}

/* pselect6(nfds, r, w, e, timespec, {sigset *, size}) and the time64 twin. */
static abi_long do_pselect6(const abi_long *a, bool time64)
{
    struct timespec ts;
    uint64_t mask;
    bool has_mask = false;
    if (a[4] && !timespec_from_guest(&ts, U(a[4]), time64)) return -EFAULT;
    if (a[5]) {
        uint32_t sig[2];
        if (!copy_from_guest(sig, U(a[5]), sizeof(sig))) return -EFAULT;
        if (sig[0]) {
            abi_long e = guest_sigmask(sig[0], sig[1], &mask);
            if (e) return e;
            has_mask = true;
        }
    }
    abi_long r = do_select(a[0], U(a[1]), U(a[2]), U(a[3]), a[4] ? &ts : NULL, has_mask ? &mask : NULL);
    if (a[4] && r >= 0 && timespec_to_guest_any(U(a[4]), &ts, time64) != 0) return -EFAULT;
    return r;
}
static abi_long sys_pselect6(CPUX86State *env, const abi_long *a) { return do_pselect6(a, false); }
static abi_long sys_pselect6_time64(CPUX86State *env, const abi_long *a) { return do_pselect6(a, true); }

/* ppoll(fds, nfds, timespec, sigset, size): struct pollfd is the same 8 bytes everywhere. */
static abi_long do_ppoll(const abi_long *a, bool time64)
{
    struct timespec ts;
    uint64_t mask;
    host_ksigset_t hmask;
    abi_ulong n = U(a[1]);
    void *p = g2h_user_w(U(a[0]), (uint64_t)n * 8);   /* the host checks nfds and the array */
    if (a[2] && !timespec_from_guest(&ts, U(a[2]), time64)) return -EFAULT;
    if (a[3]) {
        abi_long e = guest_sigmask(U(a[3]), U(a[4]), &mask);
        if (e) return e;
        hmask = host_kernel_sigset(mask);
    }
    uint64_t saved_mask = a[3] ? signal_temporary_mask(mask) : 0;
    long r = syscall(SYS_ppoll, p, n, a[2] ? &ts : NULL, a[3] ? &hmask : NULL, HOST_KSIGSET_SIZE);
    if (a[3]) signal_temporary_mask_done(saved_mask, r < 0 ? -errno : 0);
    if (r < 0) return -errno;
    if (a[2] && timespec_to_guest_any(U(a[2]), &ts, time64) != 0) return -EFAULT;
    return r;
}
static abi_long sys_ppoll(CPUX86State *env, const abi_long *a) { return do_ppoll(a, false); }
static abi_long sys_ppoll_time64(CPUX86State *env, const abi_long *a) { return do_ppoll(a, true); }

/* epoll: EPOLL_CLOEXEC is O_CLOEXEC, the same value on these hosts. */
static abi_long sys_epoll_create(CPUX86State *env, const abi_long *a)
{
    if (a[0] <= 0) return -EINVAL;
    return get_errno(syscall(SYS_epoll_create1, 0));
}

static abi_long sys_epoll_create1(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_epoll_create1, a[0]));
}

static abi_long sys_epoll_ctl(CPUX86State *env, const abi_long *a)
{
    struct target_epoll_event t;
    struct epoll_event ev;
    memset(&ev, 0, sizeof(ev));
    if (a[3] && a[1] != EPOLL_CTL_DEL) {
        if (!copy_from_guest(&t, U(a[3]), sizeof(t))) return -EFAULT;
        ev.events = t.events;
        ev.data.u64 = t.data;
    }
    return get_errno(syscall(SYS_epoll_ctl, a[0], a[1], a[2], a[3] ? &ev : NULL));
}

/* Events fetched per call (a guest asking for more gets at most this many, as if fewer were
 * ready; the host array stays small). */
#define EPOLL_HOST_BATCH 4096

/* Host events into the packed i386 array: the count stored (EFAULT if none could be). */
static long epoll_events_to_guest(abi_ulong addr, const struct epoll_event *ev, long n)
{
    for (long i = 0; i < n; i++) {
        struct target_epoll_event t = { ev[i].events, ev[i].data.u64 };
        if (!copy_to_guest(addr + (abi_ulong)(i * (long)sizeof(t)), &t, sizeof(t)))
            return i ? i : -EFAULT;
    }
    return n;
}

/* epoll_wait / epoll_pwait on the host's epoll_pwait (loongarch64 has no epoll_wait). */
static abi_long do_epoll_pwait(const abi_long *a, bool has_mask)
{
    int maxevents = a[2];
    uint64_t mask = 0;
    host_ksigset_t hmask;
    /* The kernel's order: maxevents, access_ok of the whole array, then the descriptor. */
    if (maxevents <= 0 || maxevents > INT_MAX / (int)sizeof(struct target_epoll_event)) return -EINVAL;
    if (!guest_range_in_task(U(a[1]), (uint64_t)maxevents * sizeof(struct target_epoll_event)))
        return -EFAULT;
    if (maxevents > EPOLL_HOST_BATCH) maxevents = EPOLL_HOST_BATCH;
    if (has_mask && a[4]) {
        abi_long e = guest_sigmask(U(a[4]), U(a[5]), &mask);
        if (e) return e;
        hmask = host_kernel_sigset(mask);
    }
    struct epoll_event *ev = malloc(sizeof(*ev) * (size_t)maxevents);
    if (!ev) return -ENOMEM;
    bool temp_mask = has_mask && a[4];
    uint64_t saved_mask = temp_mask ? signal_temporary_mask(mask) : 0;
    long r = syscall(SYS_epoll_pwait, a[0], ev, maxevents, a[3], temp_mask ? &hmask : NULL,
                     HOST_KSIGSET_SIZE);
    if (temp_mask) signal_temporary_mask_done(saved_mask, r < 0 ? -errno : 0);
    if (r < 0) { r = -errno; free(ev); return r; }
    r = epoll_events_to_guest(U(a[1]), ev, r);
    free(ev);
    return r;
}
static abi_long sys_epoll_wait(CPUX86State *env, const abi_long *a) { return do_epoll_pwait(a, false); }
static abi_long sys_epoll_pwait(CPUX86State *env, const abi_long *a) { return do_epoll_pwait(a, true); }

/* signalfd4(fd, mask, size, flags): the fd reads struct signalfd_siginfo, 128 bytes of
 * fixed-size fields at the same offsets on every Linux ABI, so reads pass through.
 * SFD_CLOEXEC / SFD_NONBLOCK are O_CLOEXEC / O_NONBLOCK. */
static abi_long do_signalfd4(const abi_long *a, int flags)
{
    uint64_t mask;
    if (U(a[2]) != 8) return -EINVAL;
    if (!copy_from_guest(&mask, U(a[1]), 8)) return -EFAULT;
    host_ksigset_t hmask = host_kernel_sigset(mask);
    abi_long r = get_errno(syscall(SYS_signalfd4, a[0], &hmask, HOST_KSIGSET_SIZE, flags));
    if (r >= 0) signalfd_created(r);
    return r;
}
static abi_long sys_signalfd(CPUX86State *env, const abi_long *a) { return do_signalfd4(a, 0); }
static abi_long sys_signalfd4(CPUX86State *env, const abi_long *a) { return do_signalfd4(a, a[3]); }

static abi_long sys_eventfd(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_eventfd2, a[0], 0)); }
static abi_long sys_eventfd2(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_eventfd2, a[0], a[1])); }

/* statfs: the 32-bit form fails with EOVERFLOW when a count does not fit, as the kernel's. */
static abi_long statfs_to_guest(abi_ulong addr, const struct statfs *s)
{
    struct target_statfs t;
    const uint64_t counts[5] = { s->f_blocks, s->f_bfree, s->f_bavail, s->f_files, s->f_ffree };
    for (int i = 0; i < 5; i++)
        if (counts[i] > UINT32_MAX && counts[i] != UINT64_MAX) return -EOVERFLOW;
    memset(&t, 0, sizeof(t));
    t.f_type = (uint32_t)s->f_type; t.f_bsize = (uint32_t)s->f_bsize;
    t.f_blocks = (uint32_t)s->f_blocks; t.f_bfree = (uint32_t)s->f_bfree;
    t.f_bavail = (uint32_t)s->f_bavail; t.f_files = (uint32_t)s->f_files;
    t.f_ffree = (uint32_t)s->f_ffree;
    memcpy(t.f_fsid, &s->f_fsid, sizeof(t.f_fsid));
    t.f_namelen = (uint32_t)s->f_namelen; t.f_frsize = (uint32_t)s->f_frsize;
    t.f_flags = (uint32_t)s->f_flags;
    return copy_to_guest(addr, &t, sizeof(t)) ? 0 : -EFAULT;
}

static abi_long statfs64_to_guest(abi_ulong addr, abi_ulong size, const struct statfs *s)
{
    struct target_statfs64 t;
    if (size != sizeof(t)) return -EINVAL;
    memset(&t, 0, sizeof(t));
    t.f_type = (uint32_t)s->f_type; t.f_bsize = (uint32_t)s->f_bsize;
    t.f_blocks = s->f_blocks; t.f_bfree = s->f_bfree; t.f_bavail = s->f_bavail;
    t.f_files = s->f_files; t.f_ffree = s->f_ffree;
    memcpy(t.f_fsid, &s->f_fsid, sizeof(t.f_fsid));
    t.f_namelen = (uint32_t)s->f_namelen; t.f_frsize = (uint32_t)s->f_frsize;
    t.f_flags = (uint32_t)s->f_flags;
    return copy_to_guest(addr, &t, sizeof(t)) ? 0 : -EFAULT;
}

static abi_long do_statfs_path(CPUX86State *env, abi_ulong path, struct statfs *s)
{
    char buf[PATH_MAX];
    const char *p = lock_user_string(path);
    if (!p) return -EFAULT;
    return get_errno(statfs(host_path(env, p, buf, sizeof(buf)), s));
}

static abi_long sys_statfs(CPUX86State *env, const abi_long *a)
{
    struct statfs s;
    abi_long r = do_statfs_path(env, U(a[0]), &s);
    return r ? r : statfs_to_guest(U(a[1]), &s);
}

static abi_long sys_fstatfs(CPUX86State *env, const abi_long *a)
{
    struct statfs s;
    if (fstatfs(a[0], &s) != 0) return -errno;
    return statfs_to_guest(U(a[1]), &s);
}

static abi_long sys_statfs64(CPUX86State *env, const abi_long *a)
{
    struct statfs s;
    if (U(a[1]) != sizeof(struct target_statfs64)) return -EINVAL;
    abi_long r = do_statfs_path(env, U(a[0]), &s);
    return r ? r : statfs64_to_guest(U(a[2]), U(a[1]), &s);
}

static abi_long sys_fstatfs64(CPUX86State *env, const abi_long *a)
{
    struct statfs s;
    if (U(a[1]) != sizeof(struct target_statfs64)) return -EINVAL;
    if (fstatfs(a[0], &s) != 0) return -errno;
    return statfs64_to_guest(U(a[2]), U(a[1]), &s);
}

/* waitid(idtype, id, infop, options, rusage) as the kernel's compat version: rusage only for a
 * reaped child; infop (when given) always gets signo, errno 0, code, pid, uid and status -
 * zeros when nothing was reaped or on error - and nothing else of the siginfo is written. */
static abi_long sys_waitid(CPUX86State *env, const abi_long *a)
{
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof(si));
    abi_long r = get_errno(syscall(SYS_waitid, a[0], a[1], &si, a[3], a[4] ? &ru : NULL));
    bool reaped = r == 0 && si.si_signo == SIGCHLD && si.si_pid != 0;
    if (r < 0) memset(&si, 0, sizeof(si));
    if (reaped && a[4]) {
        struct target_rusage t;
        rusage_to_target(&t, &ru);
        if (!copy_to_guest(U(a[4]), &t, sizeof(t))) return -EFAULT;
    }
    if (!a[2]) return r;
    /* Guest numbers: SIGCHLD, and the signal that killed or stopped the child. */
    int status = si.si_code == CLD_EXITED ? si.si_status : host_to_target_exit_signal(si.si_status);
    int32_t fields[6] = { r == 0 ? host_to_target_signal(si.si_signo) : 0, 0, si.si_code, si.si_pid,
                          (int32_t)si.si_uid, status };
    return copy_to_guest(U(a[2]), fields, sizeof(fields)) ? r : -EFAULT;
}

/* ---------------------------------------------------------------------------------------------
 * Identity changes. Raw host calls: the kernel changes the calling thread's credentials only,
 * and the guest's C library itself broadcasts set*id to its other threads (glibc's setxid).
 * The 16-bit calls widen their arguments the kernel's way (0xffff means "unchanged", -1).
 * ------------------------------------------------------------------------------------------- */

static long id16(abi_long v) { return (uint16_t)v == 0xffff ? -1L : (long)(uint16_t)v; }
static long id32(abi_long v) { return (long)(int32_t)v == -1 ? -1L : (long)U(v); }

static abi_long sys_setuid32(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setuid, id32(a[0]))); }
static abi_long sys_setgid32(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setgid, id32(a[0]))); }
static abi_long sys_setreuid32(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setreuid, id32(a[0]), id32(a[1]))); }
static abi_long sys_setregid32(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setregid, id32(a[0]), id32(a[1]))); }
static abi_long sys_setresuid32(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setresuid, id32(a[0]), id32(a[1]), id32(a[2]))); }
static abi_long sys_setresgid32(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setresgid, id32(a[0]), id32(a[1]), id32(a[2]))); }
/* setfsuid/setfsgid return the previous id (no errno), in full even for the 16-bit forms. */
static abi_long sys_setfsuid32(CPUX86State *env, const abi_long *a) { return (abi_long)syscall(SYS_setfsuid, id32(a[0])); }
static abi_long sys_setfsgid32(CPUX86State *env, const abi_long *a) { return (abi_long)syscall(SYS_setfsgid, id32(a[0])); }
static abi_long sys_setuid(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setuid, id16(a[0]))); }
static abi_long sys_setgid(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setgid, id16(a[0]))); }
static abi_long sys_setreuid(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setreuid, id16(a[0]), id16(a[1]))); }
static abi_long sys_setregid(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setregid, id16(a[0]), id16(a[1]))); }
static abi_long sys_setresuid(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setresuid, id16(a[0]), id16(a[1]), id16(a[2]))); }
static abi_long sys_setresgid(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setresgid, id16(a[0]), id16(a[1]), id16(a[2]))); }
static abi_long sys_setfsuid(CPUX86State *env, const abi_long *a) { return (abi_long)syscall(SYS_setfsuid, id16(a[0])); }
static abi_long sys_setfsgid(CPUX86State *env, const abi_long *a) { return (abi_long)syscall(SYS_setfsgid, id16(a[0])); }

#define TARGET_NGROUPS_MAX 65536

static abi_long sys_setgroups32(CPUX86State *env, const abi_long *a)
{
    if ((uint32_t)a[0] > TARGET_NGROUPS_MAX) return -EINVAL;
    return get_errno(syscall(SYS_setgroups, a[0], g2h_user(U(a[1]), (uint64_t)U(a[0]) * 4)));
}

/* 16-bit group lists: the kernel copies them in / out as 16-bit words. */
static abi_long sys_setgroups(CPUX86State *env, const abi_long *a)
{
    uint32_t n = (uint32_t)a[0];
    if (n > TARGET_NGROUPS_MAX) return -EINVAL;
    uint16_t *g16 = malloc(n * 2 + 2);
    gid_t *g = malloc(n * sizeof(gid_t) + sizeof(gid_t));
    abi_long r = -ENOMEM;
    if (g16 && g) {
        r = -EFAULT;
        if (!n || copy_from_guest(g16, U(a[1]), n * 2)) {
            for (uint32_t i = 0; i < n; i++) g[i] = (gid_t)id16(g16[i]);
            r = get_errno(syscall(SYS_setgroups, n, g));
        }
    }
    free(g16);
    free(g);
    return r;
}

static abi_long sys_getgroups(CPUX86State *env, const abi_long *a)
{
    int n = a[0];
    gid_t *g;
    if (n < 0) return -EINVAL;
    int count = (int)syscall(SYS_getgroups, 0, NULL);
    if (count < 0) return -errno;
    if (n == 0) return count;
    if (count > n) return -EINVAL;
    g = malloc(sizeof(gid_t) * (size_t)(count + 1));
    if (!g) return -ENOMEM;
    count = (int)syscall(SYS_getgroups, count, g);
    uint16_t *g16 = (uint16_t *)g;            /* narrowed in place: 2-byte slots behind 4-byte reads */
    for (int i = 0; i < count; i++) g16[i] = (uint16_t)low16(g[i]);
    abi_long r = count < 0 ? -errno : copy_to_guest(U(a[1]), g16, (size_t)count * 2) ? count : -EFAULT;
    free(g);
    return r;
}

/* chown family: 16-bit forms widen 0xffff to -1. */
static abi_long do_fchownat(CPUX86State *env, int dirfd, abi_ulong path, long uid, long gid, int flags)
{
    if (!path && (flags & AT_EMPTY_PATH)) return get_errno(syscall(SYS_fchownat, dirfd, "", uid, gid, flags));
    GUEST_PATH(p, buf, env, path);
    return get_errno(syscall(SYS_fchownat, dirfd, p, uid, gid, flags));
}
static abi_long sys_fchownat(CPUX86State *env, const abi_long *a) { return do_fchownat(env, a[0], U(a[1]), id32(a[2]), id32(a[3]), a[4]); }
static abi_long sys_chown32(CPUX86State *env, const abi_long *a) { return do_fchownat(env, AT_FDCWD, U(a[0]), id32(a[1]), id32(a[2]), 0); }
static abi_long sys_lchown32(CPUX86State *env, const abi_long *a) { return do_fchownat(env, AT_FDCWD, U(a[0]), id32(a[1]), id32(a[2]), AT_SYMLINK_NOFOLLOW); }
static abi_long sys_chown(CPUX86State *env, const abi_long *a) { return do_fchownat(env, AT_FDCWD, U(a[0]), id16(a[1]), id16(a[2]), 0); }
static abi_long sys_lchown(CPUX86State *env, const abi_long *a) { return do_fchownat(env, AT_FDCWD, U(a[0]), id16(a[1]), id16(a[2]), AT_SYMLINK_NOFOLLOW); }
static abi_long sys_fchown(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_fchown, a[0], id16(a[1]), id16(a[2]))); }

/* capget/capset: header {u32 version, int pid} and data {u32 x3} x 1 or 2, the same layout
 * everywhere, so the host kernel reads and writes the guest's structures itself. */
static abi_long sys_capget(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_capget, g2h_user_w(U(a[0]), 8), g2h_user_w(U(a[1]), 24)));
}
static abi_long sys_capset(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_capset, g2h_user_w(U(a[0]), 8), g2h_user(U(a[1]), 24)));
}

/* ---------------------------------------------------------------------------------------------
 * Extended attributes: names and values are byte strings the host kernel reads and writes in
 * the guest's memory; only the file name goes through the -L lookup.
 * ------------------------------------------------------------------------------------------- */

typedef enum { XATTR_PATH, XATTR_LINK, XATTR_FD } XattrTarget;

/* The host call for a target kind: path (follows links), lpath, or fd. */
static long xattr_call(long nr_path, long nr_lpath, long nr_fd, XattrTarget t, const char *p, int fd,
                       long a1, long a2, long a3, long a4)
{
    if (t == XATTR_FD) return syscall(nr_fd, fd, a1, a2, a3, a4);
    return syscall(t == XATTR_LINK ? nr_lpath : nr_path, p, a1, a2, a3, a4);
}

#define XATTR_TARGET(t, env, a0, pvar, buf) \
    char buf[PATH_MAX * 2]; \
    const char *pvar = NULL; \
    if (t != XATTR_FD) { \
        const char *g_ = lock_user_string(U(a0)); \
        pvar = g_ ? host_path(env, g_, buf, sizeof(buf)) : unreadable_guest_string(U(a0)); \
    }

static abi_long do_getxattr(CPUX86State *env, const abi_long *a, XattrTarget t)
{
    XATTR_TARGET(t, env, a[0], p, buf);
    return get_errno(xattr_call(SYS_getxattr, SYS_lgetxattr, SYS_fgetxattr, t, p, a[0],
                                (long)g2h_user(U(a[1]), 1), (long)g2h_user_w(U(a[2]), U(a[3])), U(a[3]), 0));
}
static abi_long do_setxattr(CPUX86State *env, const abi_long *a, XattrTarget t)
{
    XATTR_TARGET(t, env, a[0], p, buf);
    return get_errno(xattr_call(SYS_setxattr, SYS_lsetxattr, SYS_fsetxattr, t, p, a[0],
                                (long)g2h_user(U(a[1]), 1), (long)g2h_user(U(a[2]), U(a[3])), U(a[3]), a[4]));
}
static abi_long do_listxattr(CPUX86State *env, const abi_long *a, XattrTarget t)
{
    XATTR_TARGET(t, env, a[0], p, buf);
    return get_errno(xattr_call(SYS_listxattr, SYS_llistxattr, SYS_flistxattr, t, p, a[0],
                                (long)g2h_user_w(U(a[1]), U(a[2])), U(a[2]), 0, 0));
}
static abi_long do_removexattr(CPUX86State *env, const abi_long *a, XattrTarget t)
{
    XATTR_TARGET(t, env, a[0], p, buf);
    return get_errno(xattr_call(SYS_removexattr, SYS_lremovexattr, SYS_fremovexattr, t, p, a[0],
                                (long)g2h_user(U(a[1]), 1), 0, 0, 0));
}
static abi_long sys_getxattr(CPUX86State *env, const abi_long *a) { return do_getxattr(env, a, XATTR_PATH); }
static abi_long sys_lgetxattr(CPUX86State *env, const abi_long *a) { return do_getxattr(env, a, XATTR_LINK); }
static abi_long sys_fgetxattr(CPUX86State *env, const abi_long *a) { return do_getxattr(env, a, XATTR_FD); }
static abi_long sys_setxattr(CPUX86State *env, const abi_long *a) { return do_setxattr(env, a, XATTR_PATH); }
static abi_long sys_lsetxattr(CPUX86State *env, const abi_long *a) { return do_setxattr(env, a, XATTR_LINK); }
static abi_long sys_fsetxattr(CPUX86State *env, const abi_long *a) { return do_setxattr(env, a, XATTR_FD); }
static abi_long sys_listxattr(CPUX86State *env, const abi_long *a) { return do_listxattr(env, a, XATTR_PATH); }
static abi_long sys_llistxattr(CPUX86State *env, const abi_long *a) { return do_listxattr(env, a, XATTR_LINK); }
static abi_long sys_flistxattr(CPUX86State *env, const abi_long *a) { return do_listxattr(env, a, XATTR_FD); }
static abi_long sys_removexattr(CPUX86State *env, const abi_long *a) { return do_removexattr(env, a, XATTR_PATH); }
static abi_long sys_lremovexattr(CPUX86State *env, const abi_long *a) { return do_removexattr(env, a, XATTR_LINK); }
static abi_long sys_fremovexattr(CPUX86State *env, const abi_long *a) { return do_removexattr(env, a, XATTR_FD); }

/* ---------------------------------------------------------------------------------------------
 * More files and I/O: truncate, sendfile, splice and friends, advice, ranges, directories
 * ------------------------------------------------------------------------------------------- */

static abi_long sys_truncate(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[0]));
    return get_errno(truncate(p, (int32_t)a[1]));
}

/* sendfile with a 32-bit offset: read it, let the host move the data, store the new one
 * (EFAULT for the store comes after the data moved, as the kernel's put_user). */
static abi_long sys_sendfile(CPUX86State *env, const abi_long *a)
{
    int32_t off32;
    if (!a[2]) return get_errno(sendfile(a[0], a[1], NULL, U(a[3])));
    if (!copy_from_guest(&off32, U(a[2]), 4)) return -EFAULT;
    off_t off = off32;
    abi_long r = get_errno(sendfile(a[0], a[1], &off, U(a[3])));
    off32 = (int32_t)off;
    if (!copy_to_guest(U(a[2]), &off32, 4)) return -EFAULT;
    return r;
}

/* loff_t pointers are 8 bytes everywhere: the host kernel updates the guest's words. */
static abi_long sys_sendfile64(CPUX86State *env, const abi_long *a)
{
    return get_errno(sendfile(a[0], a[1], g2h_user_w(U(a[2]), 8), U(a[3])));
}
static abi_long sys_splice(CPUX86State *env, const abi_long *a)
{
    return get_errno(splice(a[0], g2h_user_w(U(a[1]), 8), a[2], g2h_user_w(U(a[3]), 8), U(a[4]), U(a[5])));
}
static abi_long sys_tee(CPUX86State *env, const abi_long *a) { return get_errno(tee(a[0], a[1], U(a[2]), U(a[3]))); }
static abi_long sys_copy_file_range(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_copy_file_range, a[0], g2h_user_w(U(a[1]), 8), a[2],
                             g2h_user_w(U(a[3]), 8), (size_t)U(a[4]), U(a[5])));
}
static abi_long sys_vmsplice(CPUX86State *env, const abi_long *a)
{
    struct iovec *iov;
    if (!fd_is_open(a[0])) return -EBADF;
    abi_long r = iovec_from_guest(U(a[1]), (int)U(a[2]), true, &iov);
    if (r) return r;
    r = get_errno(vmsplice(a[0], iov, U(a[2]), U(a[3])));
    free(iov);
    return r;
}

/* readahead(fd, offset lo, hi, count); fadvise64(fd, off lo, hi, len, advice) and
 * fadvise64_64(fd, off lo, hi, len lo, hi, advice): 64-bit values split in i386 order. */
static abi_long sys_readahead(CPUX86State *env, const abi_long *a) { return get_errno(readahead(a[0], off64_arg(a[1], a[2]), U(a[3]))); }
static abi_long sys_fadvise64(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_fadvise64, a[0], off64_arg(a[1], a[2]), (long)U(a[3]), a[4]));
}
static abi_long sys_fadvise64_64(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_fadvise64, a[0], off64_arg(a[1], a[2]), off64_arg(a[3], a[4]), a[5]));
}
static abi_long sys_fallocate(CPUX86State *env, const abi_long *a)
{
    return get_errno(fallocate(a[0], a[1], off64_arg(a[2], a[3]), off64_arg(a[4], a[5])));
}
static abi_long sys_sync_file_range(CPUX86State *env, const abi_long *a)
{
    return get_errno(sync_file_range(a[0], off64_arg(a[1], a[2]), off64_arg(a[3], a[4]), U(a[5])));
}
static abi_long sys_syncfs(CPUX86State *env, const abi_long *a) { return get_errno(syncfs(a[0])); }

static abi_long sys_close_range(CPUX86State *env, const abi_long *a)
{
    abi_long r = get_errno(syscall(SYS_close_range, U(a[0]), U(a[1]), U(a[2])));
    if (r == 0 && !(U(a[2]) & CLOSE_RANGE_CLOEXEC))
        for (uint64_t fd = U(a[0]); fd <= U(a[1]) && fd < FD_TRACK_MAX; fd++) fd_track_close((int)fd);
    return r;
}

static abi_long sys_mknodat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[1]));
    return get_errno(syscall(SYS_mknodat, a[0], p, U(a[2]), U(a[3])));   /* dev_t: u32 both */
}
static abi_long sys_mknod(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(p, U(a[0]));
    return get_errno(syscall(SYS_mknodat, AT_FDCWD, p, U(a[1]), U(a[2])));
}
static abi_long sys_linkat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(from, buf, env, U(a[1]));
    GUEST_PATH_RAW(to, U(a[3]));
    return get_errno(linkat(a[0], from, a[2], to, a[4]));
}
static abi_long sys_symlinkat(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH_RAW(target, U(a[0]));
    GUEST_PATH_RAW(name, U(a[2]));
    return get_errno(symlinkat(target, a[1], name));
}

/* utime(path, {actime, modtime} of i32), utimes / futimesat with two i386 timevals. */
static abi_long do_utimes(CPUX86State *env, int dirfd, abi_ulong path, abi_ulong times, bool timeval)
{
    struct timespec ts[2], *tsp = NULL;
    if (times) {
        int32_t t[4];
        if (!copy_from_guest(t, times, timeval ? 16 : 8)) return -EFAULT;
        for (int i = 0; i < 2; i++) {
            ts[i].tv_sec = timeval ? t[2 * i] : t[i];
            ts[i].tv_nsec = timeval ? (long)t[2 * i + 1] * 1000 : 0;
            if (timeval && (t[2 * i + 1] < 0 || t[2 * i + 1] >= 1000000)) return -EINVAL;
        }
        tsp = ts;
    }
    if (!path) return get_errno(syscall(SYS_utimensat, dirfd, NULL, tsp, 0));
    GUEST_PATH_RAW(p, path);
    return get_errno(syscall(SYS_utimensat, dirfd, p, tsp, 0));
}
static abi_long sys_utime(CPUX86State *env, const abi_long *a) { return do_utimes(env, AT_FDCWD, U(a[0]), U(a[1]), false); }
static abi_long sys_utimes(CPUX86State *env, const abi_long *a) { return do_utimes(env, AT_FDCWD, U(a[0]), U(a[1]), true); }
static abi_long sys_futimesat(CPUX86State *env, const abi_long *a) { return do_utimes(env, a[0], U(a[1]), U(a[2]), true); }

/* getdents: struct linux_dirent of 32-bit d_ino / d_off, reclen, name, then d_type in the last
 * byte; made from the host's dirent64 records (never larger), EOVERFLOW for an inode that does
 * not fit, EINVAL when not even one entry fits (the kernel's rules). */
static abi_long sys_getdents(CPUX86State *env, const abi_long *a)
{
    abi_ulong count = U(a[2]);
    size_t cap = count > 65536 ? 65536 : count;
    uint8_t *host = malloc(cap + 512), *out = malloc(cap + 512);
    abi_long r;
    if (!host || !out) { free(host); free(out); return -ENOMEM; }
    off_t start = lseek(a[0], 0, SEEK_CUR);
    long n = syscall(SYS_getdents64, a[0], host, cap + 256);
    if (n <= 0) { r = get_errno(n); goto done; }
    size_t used = 0;
    int64_t last_off = -1;
    for (long off = 0; off + 19 <= n; ) {
        uint64_t ino; int64_t d_off; uint16_t reclen;
        memcpy(&ino, host + off, 8); memcpy(&d_off, host + off + 8, 8); memcpy(&reclen, host + off + 16, 2);
        const char *name = (const char *)host + off + 19;
        size_t namlen = strlen(name);
        uint16_t glen = (uint16_t)((10 + namlen + 2 + 3) & ~3u);
        if (used + glen > count) break;
        if (ino > UINT32_MAX) { r = used ? (abi_long)used : -EOVERFLOW; goto done; }
        int64_t gd_off = d_off;
        if (d_off < 0 || d_off > INT32_MAX) gd_off = dir_cookie_to_guest(dir_table(a[0], true), d_off);
        uint32_t w[2] = { (uint32_t)ino, (uint32_t)gd_off };
        memset(out + used, 0, glen);
        memcpy(out + used, w, 8); memcpy(out + used + 8, &glen, 2);
        memcpy(out + used + 10, name, namlen);
        out[used + glen - 1] = host[off + 18];          /* d_type */
        used += glen;
        last_off = d_off;
        if (!reclen) break;
        off += reclen;
        if (off < n && used + ((10 + 2 + 3) & ~3u) > count) break;
    }
    if (!used) {
        lseek(a[0], start, SEEK_SET);
        r = -EINVAL;
        goto done;
    }
    lseek(a[0], last_off, SEEK_SET);             /* entries that did not fit are read again */
    r = copy_to_guest(U(a[1]), out, used) ? (abi_long)used : -EFAULT;
done:
    free(host);
    free(out);
    return r;
}

static abi_long sys_memfd_create(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_memfd_create, g2h_user(U(a[0]), 1), U(a[1])));
}

/* struct open_how is three u64: the host reads it from guest memory. */
static abi_long sys_openat2(CPUX86State *env, const abi_long *a)
{
    uint64_t flags = 0;
    GUEST_PATH(p, buf, env, U(a[1]));
    abi_long fd = get_errno(syscall(SYS_openat2, a[0], p, g2h_user(U(a[2]), U(a[3])), (size_t)U(a[3])));
    if (fd >= 0) copy_from_guest(&flags, U(a[2]), 8);
    fd_track_open(fd, (int)flags);
    return fd;
}

static abi_long sys_name_to_handle_at(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[1]));
    return get_errno(syscall(SYS_name_to_handle_at, a[0], p, g2h_user_w(U(a[2]), 8), g2h_user_w(U(a[3]), 4), a[4]));
}
static abi_long sys_open_by_handle_at(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_open_by_handle_at, a[0], g2h_user(U(a[1]), 8), a[2]));
}

/* inotify and fanotify: their event records have the same layout on every ABI. */
static abi_long sys_inotify_init(CPUX86State *env, const abi_long *a) { return get_errno(inotify_init1(0)); }
static abi_long sys_inotify_init1(CPUX86State *env, const abi_long *a) { return get_errno(inotify_init1(a[0])); }
static abi_long sys_inotify_add_watch(CPUX86State *env, const abi_long *a)
{
    GUEST_PATH(p, buf, env, U(a[1]));
    return get_errno(inotify_add_watch(a[0], p, U(a[2])));
}
static abi_long sys_inotify_rm_watch(CPUX86State *env, const abi_long *a) { return get_errno(inotify_rm_watch(a[0], a[1])); }
static abi_long sys_fanotify_init(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_fanotify_init, U(a[0]), U(a[1]))); }
static abi_long sys_fanotify_mark(CPUX86State *env, const abi_long *a)
{
    uint64_t mask = (uint64_t)off64_arg(a[2], a[3]);
    if (!a[5]) return get_errno(syscall(SYS_fanotify_mark, a[0], U(a[1]), mask, a[4], NULL));
    GUEST_PATH(p, buf, env, U(a[5]));
    return get_errno(syscall(SYS_fanotify_mark, a[0], U(a[1]), mask, a[4], p));
}

/* ---------------------------------------------------------------------------------------------
 * Scheduling, resources, process attributes
 * ------------------------------------------------------------------------------------------- */

/* struct sched_param is one int; struct sched_attr fixed-width fields with its own size. */
static abi_long sys_sched_setparam(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_setparam, a[0], g2h_user(U(a[1]), 4))); }
static abi_long sys_sched_getparam(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_getparam, a[0], g2h_user_w(U(a[1]), 4))); }
static abi_long sys_sched_setscheduler(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_setscheduler, a[0], a[1], g2h_user(U(a[2]), 4))); }
static abi_long sys_sched_getscheduler(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_getscheduler, a[0])); }
static abi_long sys_sched_get_priority_max(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_get_priority_max, a[0])); }
static abi_long sys_sched_get_priority_min(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_get_priority_min, a[0])); }
static abi_long sys_sched_setattr(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_setattr, a[0], g2h_user(U(a[1]), 56), U(a[2]))); }
static abi_long sys_sched_getattr(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sched_getattr, a[0], g2h_user_w(U(a[1]), U(a[2])), U(a[2]), U(a[3]))); }
/* The cpu mask is a byte string on little-endian hosts: the kernel copies min(len, its size). */
static abi_long sys_sched_setaffinity(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_sched_setaffinity, a[0], U(a[1]), g2h_user(U(a[2]), U(a[1]))));
}

static abi_long do_sched_rr_get_interval(const abi_long *a, bool time64)
{
    struct timespec ts;
    if (syscall(SYS_sched_rr_get_interval, a[0], &ts) != 0) return -errno;
    return timespec_to_guest_any(U(a[1]), &ts, time64);
}
static abi_long sys_sched_rr_get_interval(CPUX86State *env, const abi_long *a) { return do_sched_rr_get_interval(a, false); }
static abi_long sys_sched_rr_get_interval_time64(CPUX86State *env, const abi_long *a) { return do_sched_rr_get_interval(a, true); }

static abi_long sys_setpriority(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setpriority, a[0], a[1], a[2])); }

/* nice(inc): the host ABIs have no nice call; the kernel's rule on top of setpriority. */
static abi_long sys_nice(CPUX86State *env, const abi_long *a)
{
    int inc = a[0] < -40 ? -40 : a[0] > 40 ? 40 : a[0];
    errno = 0;
    int cur = getpriority(PRIO_PROCESS, 0);
    int nice = cur + inc;
    nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
    return get_errno(syscall(SYS_setpriority, PRIO_PROCESS, 0, nice));
}

static abi_long sys_ioprio_set(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_ioprio_set, a[0], a[1], a[2])); }
static abi_long sys_ioprio_get(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_ioprio_get, a[0], a[1])); }
static abi_long sys_membarrier(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_membarrier, a[0], U(a[1]), a[2])); }
static abi_long sys_kcmp(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_kcmp, a[0], a[1], a[2], U(a[3]), U(a[4]))); }
static abi_long sys_unshare(CPUX86State *env, const abi_long *a) { return get_errno(unshare(a[0])); }
static abi_long sys_setns(CPUX86State *env, const abi_long *a) { return get_errno(setns(a[0], a[1])); }
static abi_long sys_pidfd_open(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_pidfd_open, a[0], U(a[1]))); }
static abi_long sys_pidfd_getfd(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_pidfd_getfd, a[0], a[1], U(a[2]))); }
static abi_long sys_vhangup(CPUX86State *env, const abi_long *a) { return get_errno(vhangup()); }
static abi_long sys_sethostname(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_sethostname, g2h_user(U(a[0]), U(a[1])), (long)a[1])); }
static abi_long sys_setdomainname(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_setdomainname, g2h_user(U(a[0]), U(a[1])), (long)a[1])); }
static abi_long sys_syslog(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_syslog, a[0], g2h_user_w(U(a[1]), U(a[2])), a[2])); }

static void rusage_to_target(struct target_rusage *t, const struct rusage *ru)
{
    *t = (struct target_rusage) {
        { (int32_t)ru->ru_utime.tv_sec, (int32_t)ru->ru_utime.tv_usec },
        { (int32_t)ru->ru_stime.tv_sec, (int32_t)ru->ru_stime.tv_usec },
        ru->ru_maxrss, ru->ru_ixrss, ru->ru_idrss, ru->ru_isrss, ru->ru_minflt, ru->ru_majflt,
        ru->ru_nswap, ru->ru_inblock, ru->ru_oublock, ru->ru_msgsnd, ru->ru_msgrcv, ru->ru_nsignals,
        ru->ru_nvcsw, ru->ru_nivcsw,
    };
}

static abi_long sys_getrusage(CPUX86State *env, const abi_long *a)
{
    struct rusage ru;
    struct target_rusage t;
    if (getrusage(a[0], &ru) != 0) return -errno;
    rusage_to_target(&t, &ru);
    return copy_to_guest(U(a[1]), &t, sizeof(t)) ? 0 : -EFAULT;
}

/* The robust futex list stays the guest's (its 32-bit layout is not the host's): set stores
 * it, get returns it. The host kernel never walks it, so a dying thread does not mark its
 * robust mutexes. */
#define TARGET_ROBUST_HEAD_SIZE 12
static __thread abi_ulong guest_robust_head;

static abi_long sys_set_robust_list(CPUX86State *env, const abi_long *a)
{
    if (U(a[1]) != TARGET_ROBUST_HEAD_SIZE) return -EINVAL;
    guest_robust_head = U(a[0]);
    return 0;
}

static abi_long sys_get_robust_list(CPUX86State *env, const abi_long *a)
{
    uint32_t head = guest_robust_head, len = TARGET_ROBUST_HEAD_SIZE;
    if (a[0] && a[0] != gettid()) {
        /* Another task's: ESRCH if there is none (kill's permission rule stands in for the
         * kernel's ptrace one); its list is not known here. */
        if (kill(a[0], 0) != 0 && errno == ESRCH) return -ESRCH;
        head = 0;
    }
    if (!copy_to_guest(U(a[2]), &len, 4)) return -EFAULT;
    return copy_to_guest(U(a[1]), &head, 4) ? 0 : -EFAULT;
}

/* arch_prctl for an i386 task on a 64-bit kernel: only the common codes. */
#define TARGET_ARCH_GET_CPUID       0x1011
#define TARGET_ARCH_SET_CPUID       0x1012
#define TARGET_ARCH_GET_XCOMP_SUPP  0x1021
#define TARGET_ARCH_GET_XCOMP_PERM  0x1022
#define TARGET_ARCH_REQ_XCOMP_PERM  0x1023
#define TARGET_ARCH_GET_XCOMP_GUEST_PERM 0x1024
#define TARGET_ARCH_REQ_XCOMP_GUEST_PERM 0x1025
#define GUEST_XFEATURES 3ull         /* x87 and SSE: the state the translated CPU has */

static abi_long sys_arch_prctl(CPUX86State *env, const abi_long *a)
{
    uint64_t feat = GUEST_XFEATURES;
    switch (a[0]) {
    case TARGET_ARCH_GET_CPUID:
        return 1;                    /* cpuid does not fault */
    case TARGET_ARCH_SET_CPUID:
        return a[1] ? 0 : -ENODEV;   /* no cpuid faulting */
    case TARGET_ARCH_GET_XCOMP_SUPP: case TARGET_ARCH_GET_XCOMP_PERM:
    case TARGET_ARCH_GET_XCOMP_GUEST_PERM:
        return copy_to_guest(U(a[1]), &feat, 8) ? 0 : -EFAULT;
    case TARGET_ARCH_REQ_XCOMP_PERM: case TARGET_ARCH_REQ_XCOMP_GUEST_PERM:
        return U(a[1]) < 2 ? 0 : -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
}

/* old uname forms: 5 fields of 65 bytes (olduname), or 5 of 9 with only 8 copied (oldolduname). */
static void guest_utsname(struct utsname *u);

static abi_long sys_olduname(CPUX86State *env, const abi_long *a)
{
    struct utsname u;
    guest_utsname(&u);
    return copy_to_guest(U(a[0]), &u, 5 * 65) ? 0 : -EFAULT;
}

static abi_long sys_oldolduname(CPUX86State *env, const abi_long *a)
{
    struct utsname u;
    char old[5][9];
    if (!a[0]) return -EFAULT;
    guest_utsname(&u);
    const char *f[5] = { u.sysname, u.nodename, u.release, u.version, u.machine };
    memset(old, 0, sizeof(old));
    for (int i = 0; i < 5; i++) memcpy(old[i], f[i], strnlen(f[i], 8));
    return copy_to_guest(U(a[0]), old, sizeof(old)) ? 0 : -EFAULT;
}

/* ---------------------------------------------------------------------------------------------
 * Time setting (timerfd is timer.c's, helper sig)
 * ------------------------------------------------------------------------------------------- */

static abi_long do_clock_settime(const abi_long *a, bool time64)
{
    struct timespec ts;
    if (!timespec_from_guest(&ts, U(a[1]), time64)) return -EFAULT;
    return get_errno(clock_settime(a[0], &ts));
}
static abi_long sys_clock_settime(CPUX86State *env, const abi_long *a) { return do_clock_settime(a, false); }
static abi_long sys_clock_settime64(CPUX86State *env, const abi_long *a) { return do_clock_settime(a, true); }

static abi_long sys_stime(CPUX86State *env, const abi_long *a)
{
    int32_t t;
    if (!copy_from_guest(&t, U(a[0]), 4)) return -EFAULT;
    struct timespec ts = { t, 0 };
    return get_errno(clock_settime(CLOCK_REALTIME, &ts));
}

static abi_long sys_settimeofday(CPUX86State *env, const abi_long *a)
{
    struct target_timeval tv;
    struct timeval htv;
    struct timezone tz;
    if (a[0]) {
        if (!copy_from_guest(&tv, U(a[0]), sizeof(tv))) return -EFAULT;
        if (tv.tv_usec < 0 || tv.tv_usec >= 1000000) return -EINVAL;
        htv.tv_sec = tv.tv_sec; htv.tv_usec = tv.tv_usec;
    }
    if (a[1] && !copy_from_guest(&tz, U(a[1]), sizeof(tz))) return -EFAULT;   /* two ints */
    return get_errno(syscall(SYS_settimeofday, a[0] ? &htv : NULL, a[1] ? &tz : NULL));
}

static abi_long sys_utimensat_time64(CPUX86State *env, const abi_long *a)
{
    struct timespec ts[2], *tsp = NULL;
    if (a[2]) {
        if (!timespec_from_guest(&ts[0], U(a[2]), true) ||
            !timespec_from_guest(&ts[1], U(a[2]) + 16, true)) return -EFAULT;
        tsp = ts;
    }
    if (!a[1]) return get_errno(syscall(SYS_utimensat, a[0], NULL, tsp, a[3]));
    GUEST_PATH_RAW(p, U(a[1]));
    return get_errno(syscall(SYS_utimensat, a[0], p, tsp, a[3]));
}

/* adjtimex / clock_adjtime with the i386 struct timex: 4-byte longs, a 32-bit timeval, and
 * eleven spare ints (132 bytes); converted both ways, the result (the clock state) is the
 * host's. clock_adjtime64 uses struct __kernel_timex, laid out the same on every ABI (64-bit
 * fields, explicit padding), so the host kernel reads and writes the guest's. */
#define TARGET_TIMEX_WORDS 33
#define KERNEL_TIMEX_SIZE 208

static abi_long do_adjtimex(clockid_t clk, abi_ulong addr, bool with_clock)
{
    int32_t g[TARGET_TIMEX_WORDS];
    struct timex t;
    if (!copy_from_guest(g, addr, sizeof(g))) return -EFAULT;
    memset(&t, 0, sizeof(t));
    t.modes = (unsigned)g[0]; t.offset = g[1]; t.freq = g[2]; t.maxerror = g[3]; t.esterror = g[4];
    t.status = g[5]; t.constant = g[6]; t.precision = g[7]; t.tolerance = g[8];
    t.time.tv_sec = g[9]; t.time.tv_usec = g[10]; t.tick = g[11]; t.ppsfreq = g[12];
    t.jitter = g[13]; t.shift = g[14]; t.stabil = g[15]; t.jitcnt = g[16]; t.calcnt = g[17];
    t.errcnt = g[18]; t.stbcnt = g[19]; t.tai = g[20];
    long r = with_clock ? syscall(SYS_clock_adjtime, clk, &t) : syscall(SYS_adjtimex, &t);
    if (r < 0) return -errno;
    const long out[21] = { (long)t.modes, t.offset, t.freq, t.maxerror, t.esterror, t.status,
                           t.constant, t.precision, t.tolerance, t.time.tv_sec, t.time.tv_usec,
                           t.tick, t.ppsfreq, t.jitter, t.shift, t.stabil, t.jitcnt, t.calcnt,
                           t.errcnt, t.stbcnt, t.tai };
    for (int i = 0; i < 21; i++) g[i] = (int32_t)out[i];
    return copy_to_guest(addr, g, sizeof(g)) ? (abi_long)r : -EFAULT;
}
static abi_long sys_adjtimex(CPUX86State *env, const abi_long *a) { return do_adjtimex(0, U(a[0]), false); }
static abi_long sys_clock_adjtime(CPUX86State *env, const abi_long *a) { return do_adjtimex(a[0], U(a[1]), true); }
static abi_long sys_clock_adjtime64(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_clock_adjtime, a[0], g2h_user_w(U(a[1]), KERNEL_TIMEX_SIZE)));
}

/* restart_syscall with no interrupted call to restart: the kernel's -EINTR. */
static abi_long sys_restart_syscall(CPUX86State *env, const abi_long *a) { return -EINTR; }

/* ---------------------------------------------------------------------------------------------
 * System V IPC: the direct calls (393-402) and the ipc(2) multiplexer, as the 64-bit kernel's
 * compat layer gives them to an i386 process. Control structures are converted between the
 * i386 layouts (IPC_64: 32-bit fields with _high time words; without IPC_64 the old 16-bit-id
 * layouts, the "version" of ipc_parse_version) and the host's; segments are attached inside
 * the guest's 4 GiB, and shmdt gives the range back to the reservation.
 * ------------------------------------------------------------------------------------------- */

#define TARGET_IPC_64 0x100
enum {
    TARGET_SEMOP = 1, TARGET_SEMGET, TARGET_SEMCTL, TARGET_SEMTIMEDOP,
    TARGET_MSGSND = 11, TARGET_MSGRCV, TARGET_MSGGET, TARGET_MSGCTL,
    TARGET_SHMAT = 21, TARGET_SHMDT, TARGET_SHMGET, TARGET_SHMCTL,
};

struct target_ipc64_perm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode, pad1;
    uint16_t seq, pad2;
    uint32_t unused1, unused2;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_ipc64_perm) != 36);
struct target_ipc_perm {             /* the old one */
    int32_t key;
    uint16_t uid, gid, cuid, cgid, mode, seq;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_ipc_perm) != 16);
struct target_semid64_ds {
    struct target_ipc64_perm perm;
    uint32_t otime, otime_high, ctime, ctime_high, nsems, unused3, unused4;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_semid64_ds) != 64);
struct target_semid_ds {
    struct target_ipc_perm perm;
    int32_t otime, ctime;
    uint32_t base, pending, pending_last, undo;
    uint16_t nsems, pad;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_semid_ds) != 44);
struct target_shmid64_ds {
    struct target_ipc64_perm perm;
    uint32_t segsz, atime, atime_high, dtime, dtime_high, ctime, ctime_high;
    int32_t cpid, lpid;
    uint32_t nattch, unused4, unused5;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_shmid64_ds) != 84);
struct target_shmid_ds {
    struct target_ipc_perm perm;
    int32_t segsz, atime, dtime, ctime;
    uint16_t cpid, lpid, nattch, unused;
    uint32_t unused2, unused3;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_shmid_ds) != 48);
struct target_msqid64_ds {
    struct target_ipc64_perm perm;
    uint32_t stime, stime_high, rtime, rtime_high, ctime, ctime_high, cbytes, qnum, qbytes;
    int32_t lspid, lrpid;
    uint32_t unused4, unused5;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_msqid64_ds) != 88);
struct target_msqid_ds {
    struct target_ipc_perm perm;
    uint32_t first, last;
    int32_t stime, rtime, ctime;
    uint32_t lcbytes, lqbytes;
    uint16_t cbytes, qnum, qbytes, lspid, lrpid, pad;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_msqid_ds) != 56);

/* struct shminfo / shm_info hold longs: converted; seminfo and msginfo are all ints. */
struct target_shminfo64 { uint32_t shmmax, shmmin, shmmni, shmseg, shmall, unused[4]; };
struct target_shm_info { int32_t used_ids; uint32_t shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes; };

static void perm_to_guest(void *dst, const struct ipc_perm *p, bool ipc64)
{
    if (ipc64) {
        struct target_ipc64_perm t = { p->__key, p->uid, p->gid, p->cuid, p->cgid,
                                       (uint16_t)p->mode, 0, (uint16_t)p->__seq, 0, 0, 0 };
        memcpy(dst, &t, sizeof(t));
    } else {
        struct target_ipc_perm t = { p->__key, (uint16_t)low16(p->uid), (uint16_t)low16(p->gid),
                                     (uint16_t)low16(p->cuid), (uint16_t)low16(p->cgid),
                                     (uint16_t)p->mode, (uint16_t)p->__seq };
        memcpy(dst, &t, sizeof(t));
    }
}

/* IPC_SET reads uid, gid and mode only. */
static void perm_from_guest(struct ipc_perm *p, const void *src, bool ipc64)
{
    if (ipc64) {
        const struct target_ipc64_perm *t = src;
        p->uid = t->uid; p->gid = t->gid; p->mode = t->mode;
    } else {
        const struct target_ipc_perm *t = src;
        p->uid = (uid_t)id16(t->uid); p->gid = (gid_t)id16(t->gid); p->mode = t->mode;
    }
}

static bool ipc_is_stat(int cmd) { return cmd == IPC_STAT || cmd == SEM_STAT || cmd == SEM_STAT_ANY ||
                                          cmd == SHM_STAT || cmd == SHM_STAT_ANY || cmd == MSG_STAT ||
                                          cmd == MSG_STAT_ANY; }

static abi_long do_semctl(int id, int num, int cmd, abi_ulong arg, bool ipc64)
{
    struct semid_ds ds;
    memset(&ds, 0, sizeof(ds));
    if (id < 0) return -EINVAL;
    switch (cmd) {
    case IPC_INFO: case SEM_INFO:                     /* struct seminfo: ten ints */
        return get_errno(semctl(id, num, cmd, g2h_user_w(arg, 40)));
    case GETALL: case SETALL:                         /* arrays of unsigned short */
        return get_errno(semctl(id, num, cmd, g2h_user_w(arg, 2)));
    case SETVAL:
        return get_errno(semctl(id, num, cmd, (int)arg));
    case GETVAL: case GETPID: case GETNCNT: case GETZCNT: case IPC_RMID:
        return get_errno(semctl(id, num, cmd));
    case IPC_SET: {
        struct target_semid64_ds t;
        if (!copy_from_guest(&t, arg, ipc64 ? sizeof(t) : sizeof(struct target_semid_ds))) return -EFAULT;
        perm_from_guest(&ds.sem_perm, &t, ipc64);
        return get_errno(semctl(id, num, cmd, &ds));
    }
    default:
        if (!ipc_is_stat(cmd)) return -EINVAL;
        abi_long r = get_errno(semctl(id, num, cmd, &ds));
        if (r < 0) return r;
        if (ipc64) {
            struct target_semid64_ds t = { .otime = (uint32_t)ds.sem_otime,
                .otime_high = (uint32_t)((uint64_t)ds.sem_otime >> 32), .ctime = (uint32_t)ds.sem_ctime,
                .ctime_high = (uint32_t)((uint64_t)ds.sem_ctime >> 32), .nsems = (uint32_t)ds.sem_nsems };
            perm_to_guest(&t.perm, &ds.sem_perm, true);
            return copy_to_guest(arg, &t, sizeof(t)) ? r : -EFAULT;
        }
        struct target_semid_ds t = { .otime = (int32_t)ds.sem_otime, .ctime = (int32_t)ds.sem_ctime,
                                     .nsems = (uint16_t)ds.sem_nsems };
        perm_to_guest(&t.perm, &ds.sem_perm, false);
        return copy_to_guest(arg, &t, sizeof(t)) ? r : -EFAULT;
    }
}

static abi_long do_shmctl(int id, int cmd, abi_ulong arg, bool ipc64)
{
    struct shmid_ds ds;
    memset(&ds, 0, sizeof(ds));
    if (id < 0 && cmd != IPC_INFO && cmd != SHM_INFO) return -EINVAL;
    switch (cmd) {
    case IPC_INFO: {
        struct shminfo si;
        abi_long r = get_errno(shmctl(id, cmd, (struct shmid_ds *)&si));
        if (r < 0) return r;
        struct target_shminfo64 t = {
            (uint32_t)(si.shmmax > UINT32_MAX ? UINT32_MAX : si.shmmax), (uint32_t)si.shmmin,
            (uint32_t)si.shmmni, (uint32_t)si.shmseg,
            (uint32_t)(si.shmall > UINT32_MAX ? UINT32_MAX : si.shmall), { 0 } };
        return copy_to_guest(arg, &t, ipc64 ? sizeof(t) : 20) ? r : -EFAULT;
    }
    case SHM_INFO: {
        struct shm_info si;
        abi_long r = get_errno(shmctl(id, cmd, (struct shmid_ds *)&si));
        if (r < 0) return r;
        struct target_shm_info t = { si.used_ids, (uint32_t)si.shm_tot, (uint32_t)si.shm_rss,
                                     (uint32_t)si.shm_swp, (uint32_t)si.swap_attempts,
                                     (uint32_t)si.swap_successes };
        return copy_to_guest(arg, &t, sizeof(t)) ? r : -EFAULT;
    }
    case SHM_LOCK: case SHM_UNLOCK: case IPC_RMID:
        return get_errno(shmctl(id, cmd, NULL));
    case IPC_SET: {
        struct target_shmid64_ds t;
        if (!copy_from_guest(&t, arg, ipc64 ? sizeof(t) : sizeof(struct target_shmid_ds))) return -EFAULT;
        perm_from_guest(&ds.shm_perm, &t, ipc64);
        return get_errno(shmctl(id, cmd, &ds));
    }
    default:
        if (!ipc_is_stat(cmd)) return -EINVAL;
        abi_long r = get_errno(shmctl(id, cmd, &ds));
        if (r < 0) return r;
        if (ipc64) {
            struct target_shmid64_ds t = { .segsz = (uint32_t)ds.shm_segsz,
                .atime = (uint32_t)ds.shm_atime, .atime_high = (uint32_t)((uint64_t)ds.shm_atime >> 32),
                .dtime = (uint32_t)ds.shm_dtime, .dtime_high = (uint32_t)((uint64_t)ds.shm_dtime >> 32),
                .ctime = (uint32_t)ds.shm_ctime, .ctime_high = (uint32_t)((uint64_t)ds.shm_ctime >> 32),
                .cpid = ds.shm_cpid, .lpid = ds.shm_lpid, .nattch = (uint32_t)ds.shm_nattch };
            perm_to_guest(&t.perm, &ds.shm_perm, true);
            return copy_to_guest(arg, &t, sizeof(t)) ? r : -EFAULT;
        }
        struct target_shmid_ds t = { .segsz = (int32_t)ds.shm_segsz, .atime = (int32_t)ds.shm_atime,
            .dtime = (int32_t)ds.shm_dtime, .ctime = (int32_t)ds.shm_ctime,
            .cpid = (uint16_t)ds.shm_cpid, .lpid = (uint16_t)ds.shm_lpid, .nattch = (uint16_t)ds.shm_nattch };
        perm_to_guest(&t.perm, &ds.shm_perm, false);
        return copy_to_guest(arg, &t, sizeof(t)) ? r : -EFAULT;
    }
}

static abi_long do_msgctl(int id, int cmd, abi_ulong arg, bool ipc64)
{
    struct msqid_ds ds;
    memset(&ds, 0, sizeof(ds));
    if (id < 0 && cmd != IPC_INFO && cmd != MSG_INFO) return -EINVAL;
    switch (cmd) {
    case IPC_INFO: case MSG_INFO:                     /* struct msginfo: eight ints */
        return get_errno(msgctl(id, cmd, g2h_user_w(arg, 32)));
    case IPC_RMID:
        return get_errno(msgctl(id, cmd, NULL));
    case IPC_SET: {
        struct target_msqid64_ds t;
        if (!copy_from_guest(&t, arg, ipc64 ? sizeof(t) : sizeof(struct target_msqid_ds))) return -EFAULT;
        perm_from_guest(&ds.msg_perm, &t, ipc64);
        ds.msg_qbytes = ipc64 ? t.qbytes : ((struct target_msqid_ds *)&t)->qbytes;
        return get_errno(msgctl(id, cmd, &ds));
    }
    default:
        if (!ipc_is_stat(cmd)) return -EINVAL;
        abi_long r = get_errno(msgctl(id, cmd, &ds));
        if (r < 0) return r;
        if (ipc64) {
            struct target_msqid64_ds t = {
                .stime = (uint32_t)ds.msg_stime, .stime_high = (uint32_t)((uint64_t)ds.msg_stime >> 32),
                .rtime = (uint32_t)ds.msg_rtime, .rtime_high = (uint32_t)((uint64_t)ds.msg_rtime >> 32),
                .ctime = (uint32_t)ds.msg_ctime, .ctime_high = (uint32_t)((uint64_t)ds.msg_ctime >> 32),
                .cbytes = (uint32_t)ds.__msg_cbytes, .qnum = (uint32_t)ds.msg_qnum,
                .qbytes = (uint32_t)ds.msg_qbytes, .lspid = ds.msg_lspid, .lrpid = ds.msg_lrpid };
            perm_to_guest(&t.perm, &ds.msg_perm, true);
            return copy_to_guest(arg, &t, sizeof(t)) ? r : -EFAULT;
        }
        struct target_msqid_ds t = { .stime = (int32_t)ds.msg_stime, .rtime = (int32_t)ds.msg_rtime,
            .ctime = (int32_t)ds.msg_ctime, .lcbytes = (uint32_t)ds.__msg_cbytes,
            .lqbytes = (uint32_t)ds.msg_qbytes,
            .cbytes = (uint16_t)(ds.__msg_cbytes > 0xffff ? 0xffff : ds.__msg_cbytes),
            .qnum = (uint16_t)(ds.msg_qnum > 0xffff ? 0xffff : ds.msg_qnum),
            .qbytes = (uint16_t)(ds.msg_qbytes > 0xffff ? 0xffff : ds.msg_qbytes),
            .lspid = (uint16_t)ds.msg_lspid, .lrpid = (uint16_t)ds.msg_lrpid };
        perm_to_guest(&t.perm, &ds.msg_perm, false);
        return copy_to_guest(arg, &t, sizeof(t)) ? r : -EFAULT;
    }
}

/* struct sembuf is three shorts everywhere: the host reads the guest's array. */
static abi_long do_semtimedop(int id, abi_ulong sops, abi_ulong nsops, abi_ulong timeout, bool time64)
{
    struct timespec ts;
    if (timeout && !timespec_from_guest(&ts, timeout, time64)) return -EFAULT;
    return get_errno(syscall(SYS_semtimedop, id, g2h_user(sops, (uint64_t)nsops * 6), (size_t)nsops,
                             timeout ? &ts : NULL));
}

/* A message is {long mtype; char mtext[]}: the i386 mtype is 32 bits, so the message is
 * rebuilt in a host buffer. */
static abi_long do_msgsnd(int id, abi_ulong msgp, abi_ulong size, int flags)
{
    int32_t mtype;
    if ((int32_t)size < 0) return -EINVAL;
    if (!copy_from_guest(&mtype, msgp, 4)) return -EFAULT;
    long *m = malloc(sizeof(long) + size + 1);
    if (!m) return -ENOMEM;
    m[0] = mtype;
    abi_long r = copy_from_guest(m + 1, msgp + 4, size) ? get_errno(msgsnd(id, m, size, flags)) : -EFAULT;
    free(m);
    return r;
}

static abi_long do_msgrcv(int id, abi_ulong msgp, abi_ulong size, int32_t type, int flags)
{
    if ((int32_t)size < 0) return -EINVAL;
    long *m = malloc(sizeof(long) + size + 1);
    if (!m) return -ENOMEM;
    abi_long r = get_errno(msgrcv(id, m, size, type, flags));
    if (r >= 0) {
        int32_t mtype = (int32_t)m[0];
        if (!copy_to_guest(msgp, &mtype, 4) || !copy_to_guest(msgp + 4, m + 1, (size_t)r)) r = -EFAULT;
    }
    free(m);
    return r;
}

/* Attached segments, so shmdt knows the size (the kernel finds it from the mapping). */
#define SHM_ATTACH_MAX 256
static struct { abi_ulong addr, size; } shm_attached[SHM_ATTACH_MAX];

static abi_long do_shmat(int id, abi_ulong addr, int flags, abi_ulong *raddr)
{
    struct shmid_ds ds;
    uint64_t align = host_page_size > TARGET_PAGE_SIZE ? host_page_size : TARGET_PAGE_SIZE;
    if (addr) {
        if (flags & SHM_RND) addr &= ~(abi_ulong)(align - 1);
        if (addr & (align - 1)) return -EINVAL;
    }
    if (shmctl(id, IPC_STAT, &ds) != 0) return errno == EACCES ? -EACCES : -errno;
    uint64_t size = ((uint64_t)ds.shm_segsz + align - 1) & ~(align - 1);
    int slot;
    tb_lock();                            /* the guest page table and shm_attached */
    for (slot = 0; slot < SHM_ATTACH_MAX && shm_attached[slot].size; slot++) {}
    if (slot == SHM_ATTACH_MAX) { tb_unlock(); return -ENOMEM; }
    if (!addr) {
        abi_ulong a = mmap_find_vma(0, (abi_ulong)(size + align));
        addr = a == (abi_ulong)-1 ? 0 : (abi_ulong)((a + align - 1) & ~(align - 1));
    } else if (!(flags & SHM_REMAP)) {
        for (uint64_t p = addr; p < addr + size; p += TARGET_PAGE_SIZE)
            if (p >= GUEST_ADDR_SPACE || guest_page_prot((abi_ulong)p) >= 0) { tb_unlock(); return -EINVAL; }
    }
    if (!addr || (uint64_t)addr + size > GUEST_ADDR_SPACE) { tb_unlock(); return -ENOMEM; }
    void *p = shmat(id, g2h(addr), (flags & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP);
    if (p == (void *)-1) {
        abi_long r = -errno;
        tb_unlock();
        return r;
    }
    int prot = PROT_READ | ((flags & SHM_RDONLY) ? 0 : PROT_WRITE) | ((flags & SHM_EXEC) ? PROT_EXEC : 0);
    target_shm_attached(addr, (abi_ulong)size, prot);
    shm_attached[slot].addr = addr;
    shm_attached[slot].size = (abi_ulong)size;
    tb_unlock();
    *raddr = addr;
    return 0;
}

static abi_long do_shmdt(abi_ulong addr)
{
    abi_long r = -EINVAL;
    tb_lock();
    for (int i = 0; i < SHM_ATTACH_MAX; i++) {
        if (shm_attached[i].size && shm_attached[i].addr == addr) {
            target_munmap(addr, shm_attached[i].size);   /* unmaps the segment, keeps the reservation */
            shm_attached[i].size = 0;
            r = 0;
            break;
        }
    }
    tb_unlock();
    return r;
}

/* The direct *ctl calls always use the IPC_64 layouts and take cmd as it is (with the IPC_64
 * bit it is no command: EINVAL). */
static abi_long sys_semget(CPUX86State *env, const abi_long *a) { return get_errno(semget(a[0], a[1], a[2])); }
static abi_long sys_semctl(CPUX86State *env, const abi_long *a) { return do_semctl(a[0], a[1], a[2], U(a[3]), true); }
static abi_long sys_semtimedop_time64(CPUX86State *env, const abi_long *a) { return do_semtimedop(a[0], U(a[1]), U(a[2]), U(a[3]), true); }
static abi_long sys_shmget(CPUX86State *env, const abi_long *a) { return get_errno(shmget(a[0], U(a[1]), a[2])); }
static abi_long sys_shmctl(CPUX86State *env, const abi_long *a) { return do_shmctl(a[0], a[1], U(a[2]), true); }
static abi_long sys_shmat(CPUX86State *env, const abi_long *a)
{
    abi_ulong raddr;
    abi_long r = do_shmat(a[0], U(a[1]), a[2], &raddr);
    return r ? r : (abi_long)raddr;
}
static abi_long sys_shmdt(CPUX86State *env, const abi_long *a) { return do_shmdt(U(a[0])); }
static abi_long sys_msgget(CPUX86State *env, const abi_long *a) { return get_errno(msgget(a[0], a[1])); }
static abi_long sys_msgsnd(CPUX86State *env, const abi_long *a) { return do_msgsnd(a[0], U(a[1]), U(a[2]), a[3]); }
static abi_long sys_msgrcv(CPUX86State *env, const abi_long *a) { return do_msgrcv(a[0], U(a[1]), U(a[2]), a[3], a[4]); }
static abi_long sys_msgctl(CPUX86State *env, const abi_long *a) { return do_msgctl(a[0], a[1], U(a[2]), true); }

/* ipc(call, first, second, third, ptr, fifth): the high half of call is the version. */
static abi_long sys_ipc(CPUX86State *env, const abi_long *a)
{
    uint32_t call = U(a[0]) & 0xffff, version = U(a[0]) >> 16;
    int first = a[1], second = a[2], third = a[3];
    abi_ulong ptr = U(a[4]);
    bool ipc64 = third & TARGET_IPC_64;           /* for the *ctl calls: cmd is in second/third */
    switch (call) {
    case TARGET_SEMOP: return do_semtimedop(first, ptr, (abi_ulong)second, 0, false);
    case TARGET_SEMTIMEDOP: return do_semtimedop(first, ptr, (abi_ulong)second, U(a[5]), false);
    case TARGET_SEMGET: return get_errno(semget(first, second, third));
    case TARGET_SEMCTL: {
        uint32_t arg;
        if (!ptr) return -EINVAL;
        if (!copy_from_guest(&arg, ptr, 4)) return -EFAULT;
        return do_semctl(first, second, third & ~TARGET_IPC_64, arg, ipc64);
    }
    case TARGET_MSGSND: return do_msgsnd(first, ptr, (abi_ulong)second, third);
    case TARGET_MSGRCV:
        if (version == 0) {
            uint32_t kludge[2];                   /* { msgp, msgtyp } */
            if (!ptr) return -EINVAL;
            if (!copy_from_guest(kludge, ptr, sizeof(kludge))) return -EFAULT;
            return do_msgrcv(first, kludge[0], (abi_ulong)second, (int32_t)kludge[1], third);
        }
        return do_msgrcv(first, ptr, (abi_ulong)second, a[5], third);
    case TARGET_MSGGET: return get_errno(msgget(first, second));
    case TARGET_MSGCTL: return do_msgctl(first, second & ~TARGET_IPC_64, ptr, second & TARGET_IPC_64);
    case TARGET_SHMAT: {
        abi_ulong raddr;
        if (version == 1) return -EINVAL;
        abi_long r = do_shmat(first, ptr, second, &raddr);
        if (r) return r;
        uint32_t v = raddr;
        return copy_to_guest(U(third), &v, 4) ? 0 : -EFAULT;
    }
    case TARGET_SHMDT: return do_shmdt(ptr);
    case TARGET_SHMGET: return get_errno(shmget(first, (unsigned)second, third));
    case TARGET_SHMCTL: return do_shmctl(first, second & ~TARGET_IPC_64, ptr, second & TARGET_IPC_64);
    default:
        return -ENOSYS;
    }
}

/* ---------------------------------------------------------------------------------------------
 * Old readdir, POSIX message queues, multi-message sockets, execveat, epoll_pwait2,
 * futex_waitv, memory policies
 * ------------------------------------------------------------------------------------------- */

/* readdir(fd, old_linux_dirent *, count): one entry {u32 ino, u32 offset, u16 namlen, name};
 * 1 for an entry, 0 at the end. The host reads a few; the position is set after the first. */
static abi_long sys_readdir(CPUX86State *env, const abi_long *a)
{
    uint8_t host[1024];
    long n = syscall(SYS_getdents64, a[0], host, sizeof(host));
    if (n <= 0) return get_errno(n);
    uint64_t ino; int64_t d_off;
    memcpy(&ino, host, 8);
    memcpy(&d_off, host + 8, 8);
    lseek(a[0], d_off, SEEK_SET);
    if (ino > UINT32_MAX) return -EOVERFLOW;
    const char *name = (const char *)host + 19;
    uint16_t namlen = (uint16_t)strlen(name);
    int64_t goff = d_off < 0 || d_off > INT32_MAX ? dir_cookie_to_guest(dir_table(a[0], true), d_off) : d_off;
    uint8_t out[10 + 256];
    uint32_t w[2] = { (uint32_t)ino, (uint32_t)goff };
    memcpy(out, w, 8);
    memcpy(out + 8, &namlen, 2);
    memcpy(out + 10, name, (size_t)namlen + 1);
    return copy_to_guest(U(a[1]), out, 10 + (size_t)namlen + 1) ? 1 : -EFAULT;
}

/* struct mq_attr: four longs (32-bit on i386) and four reserved. */
static bool mq_attr_from_guest(struct mq_attr *h, abi_ulong addr)
{
    int32_t t[8];
    if (!copy_from_guest(t, addr, sizeof(t))) return false;
    memset(h, 0, sizeof(*h));
    h->mq_flags = t[0]; h->mq_maxmsg = t[1]; h->mq_msgsize = t[2]; h->mq_curmsgs = t[3];
    return true;
}

static bool mq_attr_to_guest(abi_ulong addr, const struct mq_attr *h)
{
    int32_t t[8] = { (int32_t)h->mq_flags, (int32_t)h->mq_maxmsg, (int32_t)h->mq_msgsize,
                     (int32_t)h->mq_curmsgs, 0, 0, 0, 0 };
    return copy_to_guest(addr, t, sizeof(t));
}

static abi_long sys_mq_open(CPUX86State *env, const abi_long *a)
{
    struct mq_attr attr;
    if (a[3] && (a[1] & O_CREAT) && !mq_attr_from_guest(&attr, U(a[3]))) return -EFAULT;
    return get_errno(syscall(SYS_mq_open, g2h_user(U(a[0]), 1), a[1], U(a[2]),
                             a[3] && (a[1] & O_CREAT) ? &attr : NULL));
}
static abi_long sys_mq_unlink(CPUX86State *env, const abi_long *a) { return get_errno(syscall(SYS_mq_unlink, g2h_user(U(a[0]), 1))); }

static abi_long do_mq_timed(const abi_long *a, bool is_send, bool time64)
{
    struct timespec ts;
    if (a[4] && !timespec_from_guest(&ts, U(a[4]), time64)) return -EFAULT;
    uint64_t n = guest_len(U(a[1]), U(a[2]));
    if (is_send)
        return get_errno(syscall(SYS_mq_timedsend, a[0], g2h_user(U(a[1]), n), (size_t)n, U(a[3]), a[4] ? &ts : NULL));
    return get_errno(syscall(SYS_mq_timedreceive, a[0], g2h_user_w(U(a[1]), n), (size_t)n,
                             g2h_user_w(U(a[3]), 4), a[4] ? &ts : NULL));
}
static abi_long sys_mq_timedsend(CPUX86State *env, const abi_long *a) { return do_mq_timed(a, true, false); }
static abi_long sys_mq_timedsend_time64(CPUX86State *env, const abi_long *a) { return do_mq_timed(a, true, true); }
static abi_long sys_mq_timedreceive(CPUX86State *env, const abi_long *a) { return do_mq_timed(a, false, false); }
static abi_long sys_mq_timedreceive_time64(CPUX86State *env, const abi_long *a) { return do_mq_timed(a, false, true); }

/* mq_notify(mqd, sigevent *): the i386 sigevent is {sigval (4), signo, notify, ...}. With
 * SIGEV_THREAD the kernel writes a cookie to a netlink socket: signo is its descriptor and
 * sigval points to the cookie, a guest address. */
static abi_long sys_mq_notify(CPUX86State *env, const abi_long *a)
{
    int32_t t[4];
    struct sigevent ev;
    if (!a[1]) return get_errno(syscall(SYS_mq_notify, a[0], NULL));
    if (!copy_from_guest(t, U(a[1]), sizeof(t))) return -EFAULT;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_signo = t[1];
    ev.sigev_notify = t[2];
    if (t[2] == SIGEV_THREAD) ev.sigev_value.sival_ptr = g2h_user((uint32_t)t[0], 32);
    else ev.sigev_value.sival_int = t[0];
    return get_errno(syscall(SYS_mq_notify, a[0], &ev));
}

static abi_long sys_mq_getsetattr(CPUX86State *env, const abi_long *a)
{
    struct mq_attr nattr, oattr;
    if (a[1] && !mq_attr_from_guest(&nattr, U(a[1]))) return -EFAULT;
    if (syscall(SYS_mq_getsetattr, a[0], a[1] ? &nattr : NULL, &oattr) != 0) return -errno;
    return !a[2] || mq_attr_to_guest(U(a[2]), &oattr) ? 0 : -EFAULT;
}

/* sendmmsg / recvmmsg: struct mmsghdr is the i386 msghdr (28 bytes) and a u32 msg_len. One
 * message at a time; after the first, an error ends the batch and the count is returned
 * (the kernel's rule); MSG_WAITFORONE turns on MSG_DONTWAIT after one message; the timeout is
 * checked after each message, as the kernel does. */
#define TARGET_MMSGHDR_SIZE 32
#define TARGET_MSG_WAITFORONE 0x10000

static abi_long do_mmsg(int fd, abi_ulong vec, unsigned vlen, int flags, abi_ulong timeout,
                        bool time64, bool is_send)
{
    struct timespec end, now, ts;
    if (!is_send && timeout) {
        if (!timespec_from_guest(&ts, timeout, time64)) return -EFAULT;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) return -EINVAL;
        clock_gettime(CLOCK_MONOTONIC, &end);
        end.tv_sec += ts.tv_sec + (end.tv_nsec + ts.tv_nsec) / 1000000000;
        end.tv_nsec = (end.tv_nsec + ts.tv_nsec) % 1000000000;
    }
    if (vlen > IOV_MAX) vlen = IOV_MAX;
    unsigned done = 0;
    abi_long r = 0;
    while (done < vlen) {
        abi_ulong m = vec + done * TARGET_MMSGHDR_SIZE;
        int f = flags & ~TARGET_MSG_WAITFORONE;
        if (!is_send && (flags & TARGET_MSG_WAITFORONE) && done) f |= MSG_DONTWAIT;
        r = do_sendrecvmsg(fd, m, f, is_send);
        if (r < 0) break;
        uint32_t len = (uint32_t)r;
        if (!copy_to_guest(m + 28, &len, 4)) { r = -EFAULT; break; }
        done++;
        if (!is_send && timeout) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)) break;
        }
    }
    return done ? (abi_long)done : r;
}
static abi_long sys_sendmmsg(CPUX86State *env, const abi_long *a) { return do_mmsg(a[0], U(a[1]), U(a[2]), a[3], 0, false, true); }
static abi_long sys_recvmmsg(CPUX86State *env, const abi_long *a) { return do_mmsg(a[0], U(a[1]), U(a[2]), a[3], U(a[4]), false, false); }
static abi_long sys_recvmmsg_time64(CPUX86State *env, const abi_long *a) { return do_mmsg(a[0], U(a[1]), U(a[2]), a[3], U(a[4]), true, false); }

/* execveat(dirfd, path, argv, envp, flags) as execve of the file it names: /proc/self/fd/N for
 * AT_EMPTY_PATH or a path relative to a directory descriptor. */
static abi_long sys_execveat(CPUX86State *env, const abi_long *a)
{
    char name[64];
    const char *p = lock_user_string(U(a[1]));
    int flags = a[4];
    if (!p) return -EFAULT;
    if (!p[0] && !(flags & AT_EMPTY_PATH)) return -ENOENT;     /* the name is read first */
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) return -EINVAL;
    if (p[0] != '/' && a[0] != AT_FDCWD) {
        struct stat st;
        if (fstat(a[0], &st) != 0) return -EBADF;
        if (!p[0]) {
            snprintf(name, sizeof(name), "/proc/self/fd/%d", a[0]);
            return do_execve(env, name, name, U(a[2]), U(a[3]));
        }
        if (!S_ISDIR(st.st_mode)) return -ENOTDIR;
    }
    if (flags & AT_SYMLINK_NOFOLLOW) {
        struct stat st;
        if (fstatat(a[0], p, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) return -ELOOP;
    }
    if (p[0] != '/' && a[0] != AT_FDCWD) {
        char *full = malloc(strlen(p) + 32);
        if (!full) return -ENOMEM;
        sprintf(full, "/proc/self/fd/%d/%s", a[0], p);
        abi_long r = do_execve(env, full, p, U(a[2]), U(a[3]));
        free(full);
        return r;
    }
    char buf[PATH_MAX * 2];
    return do_execve(env, host_path(env, p, buf, sizeof(buf)), p, U(a[2]), U(a[3]));
}

static abi_long sys_epoll_pwait2(CPUX86State *env, const abi_long *a)
{
    int maxevents = a[2];
    struct timespec ts;
    uint64_t mask = 0;
    host_ksigset_t hmask;
    if (maxevents <= 0 || maxevents > INT_MAX / (int)sizeof(struct target_epoll_event)) return -EINVAL;
    if (!guest_range_in_task(U(a[1]), (uint64_t)maxevents * sizeof(struct target_epoll_event))) return -EFAULT;
    if (a[3] && !timespec_from_guest(&ts, U(a[3]), true)) return -EFAULT;
    if (a[4]) {
        abi_long e = guest_sigmask(U(a[4]), U(a[5]), &mask);
        if (e) return e;
        hmask = host_kernel_sigset(mask);
    }
    if (maxevents > EPOLL_HOST_BATCH) maxevents = EPOLL_HOST_BATCH;
    struct epoll_event *ev = malloc(sizeof(*ev) * (size_t)maxevents);
    if (!ev) return -ENOMEM;
    uint64_t saved_mask = a[4] ? signal_temporary_mask(mask) : 0;
    long r = syscall(SYS_epoll_pwait2, a[0], ev, maxevents, a[3] ? &ts : NULL, a[4] ? &hmask : NULL,
                     HOST_KSIGSET_SIZE);
    if (r < 0 && errno == ENOSYS) {
        /* A host without epoll_pwait2 (user-mode emulators): epoll_pwait with the timeout
         * rounded up to milliseconds (invalid timespecs are EINVAL as epoll_pwait2's). */
        long ms = -1;
        if (a[3]) {
            if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) {
                if (a[4]) signal_temporary_mask_done(saved_mask, -EINVAL);
                free(ev);
                return -EINVAL;
            }
            ms = ts.tv_sec > INT_MAX / 1000 ? INT_MAX : (long)ts.tv_sec * 1000 + (ts.tv_nsec + 999999) / 1000000;
        }
        r = syscall(SYS_epoll_pwait, a[0], ev, maxevents, ms, a[4] ? &hmask : NULL, HOST_KSIGSET_SIZE);
    }
    if (a[4]) signal_temporary_mask_done(saved_mask, r < 0 ? -errno : 0);
    if (r < 0) { r = -errno; free(ev); return r; }
    r = epoll_events_to_guest(U(a[1]), ev, r);
    free(ev);
    return r;
}

/* futex_waitv(waiters, nr, flags, timeout, clock): struct futex_waitv {u64 val, u64 uaddr,
 * u32 flags, u32 reserved}; uaddr is a guest address the host needs as its own. */
static abi_long sys_futex_waitv(CPUX86State *env, const abi_long *a)
{
    struct { uint64_t val, uaddr; uint32_t flags, reserved; } w[128];
    struct timespec ts;
    unsigned nr = U(a[1]);
    if (a[2] || !a[0] || nr == 0 || nr > 128) return -EINVAL;
    if (!copy_from_guest(w, U(a[0]), sizeof(w[0]) * nr)) return -EFAULT;
    for (unsigned i = 0; i < nr; i++) {
        if (w[i].uaddr > UINT32_MAX - 3) return -EFAULT;
        w[i].uaddr = (uint64_t)(uintptr_t)g2h_user((abi_ulong)w[i].uaddr, 4);
    }
    if (a[3] && !timespec_from_guest(&ts, U(a[3]), true)) return -EFAULT;
    return get_errno(syscall(SYS_futex_waitv, w, nr, 0, a[3] ? &ts : NULL, a[4]));
}

/* Memory policies: node masks are arrays of longs, a byte string on little-endian hosts; the
 * guest's array (a multiple of 4 bytes) is copied through a host buffer of whole longs. */
#define NODEMASK_MAX_BITS 4096
static size_t nodemask_guest_bytes(abi_ulong maxnode)
{
    uint64_t bits = maxnode ? (uint64_t)maxnode - 1 : 0;
    if (bits > NODEMASK_MAX_BITS) bits = NODEMASK_MAX_BITS;
    return (size_t)((bits + 31) / 32 * 4);
}

static abi_long sys_get_mempolicy(CPUX86State *env, const abi_long *a)
{
    uint64_t mask[NODEMASK_MAX_BITS / 64 + 1];
    int mode;
    abi_ulong maxnode = U(a[2]);
    memset(mask, 0, sizeof(mask));
    uint64_t hmax = maxnode > NODEMASK_MAX_BITS + 1 ? NODEMASK_MAX_BITS + 1 : maxnode;
    void *addr = (a[4] & MPOL_F_ADDR) ? g2h_user(U(a[3]), 1) : (void *)(uintptr_t)U(a[3]);
    if (syscall(SYS_get_mempolicy, &mode, a[1] ? mask : NULL, (unsigned long)hmax, addr, U(a[4])) != 0)
        return -errno;
    if (a[0] && !copy_to_guest(U(a[0]), &mode, 4)) return -EFAULT;
    if (a[1] && !copy_to_guest(U(a[1]), mask, nodemask_guest_bytes(maxnode))) return -EFAULT;
    return 0;
}

static abi_long do_nodemask_from_guest(uint64_t *mask, abi_ulong addr, abi_ulong maxnode)
{
    memset(mask, 0, (NODEMASK_MAX_BITS / 64 + 1) * 8);
    return !addr || copy_from_guest(mask, addr, nodemask_guest_bytes(maxnode)) ? 0 : -EFAULT;
}

static abi_long sys_set_mempolicy(CPUX86State *env, const abi_long *a)
{
    uint64_t mask[NODEMASK_MAX_BITS / 64 + 1];
    if (do_nodemask_from_guest(mask, U(a[1]), U(a[2]))) return -EFAULT;
    return get_errno(syscall(SYS_set_mempolicy, a[0], a[1] ? mask : NULL, (unsigned long)U(a[2])));
}

static abi_long sys_mbind(CPUX86State *env, const abi_long *a)
{
    uint64_t mask[NODEMASK_MAX_BITS / 64 + 1];
    if (do_nodemask_from_guest(mask, U(a[3]), U(a[4]))) return -EFAULT;
    return get_errno(syscall(SYS_mbind, g2h(U(a[0])), (unsigned long)U(a[1]), a[2], a[3] ? mask : NULL,
                             (unsigned long)U(a[4]), U(a[5])));
}

static abi_long sys_migrate_pages(CPUX86State *env, const abi_long *a)
{
    uint64_t from[NODEMASK_MAX_BITS / 64 + 1], to[NODEMASK_MAX_BITS / 64 + 1];
    if (do_nodemask_from_guest(from, U(a[2]), U(a[1])) || do_nodemask_from_guest(to, U(a[3]), U(a[1])))
        return -EFAULT;
    return get_errno(syscall(SYS_migrate_pages, a[0], (unsigned long)U(a[1]), a[2] ? from : NULL,
                             a[3] ? to : NULL));
}

/* move_pages(pid, count, pages, nodes, status, flags): pages is an array of 32-bit guest
 * addresses, made host ones. Only for this process: another one's pages sit at its own
 * guest_base, which is not known here, so that is refused with EPERM. */
#define MOVE_PAGES_MAX 4096
static abi_long sys_move_pages(CPUX86State *env, const abi_long *a)
{
    abi_ulong count = U(a[1]);
    if (a[0] && a[0] != getpid()) return -EPERM;
    if (count > MOVE_PAGES_MAX) return -E2BIG;
    uint32_t *gp = malloc(count * 4 + 4);
    void **hp = malloc(count * sizeof(void *) + sizeof(void *));
    abi_long r = -ENOMEM;
    if (gp && hp) {
        r = -EFAULT;
        if (!count || copy_from_guest(gp, U(a[2]), count * 4)) {
            for (abi_ulong i = 0; i < count; i++) hp[i] = g2h(gp[i]);
            r = get_errno(syscall(SYS_move_pages, 0, (unsigned long)count, hp,
                                  g2h_user(U(a[3]), (uint64_t)count * 4),
                                  g2h_user_w(U(a[4]), (uint64_t)count * 4), a[5]));
        }
    }
    free(gp);
    free(hp);
    return r;
}

static abi_long sys_set_mempolicy_home_node(CPUX86State *env, const abi_long *a)
{
    return get_errno(syscall(SYS_set_mempolicy_home_node, g2h(U(a[0])), (unsigned long)U(a[1]),
                             (unsigned long)U(a[2]), (unsigned long)U(a[3])));
}

/* ---------------------------------------------------------------------------------------------
 * Dispatch
 * ------------------------------------------------------------------------------------------- */

/* The table's IMPL entries call sys_<name>; every other number is -ENOSYS. */
#define SYSCALL_FN_IMPL(name)  sys_##name
#define SYSCALL_FN_NOSYS(name) NULL
#define SYSCALL_FN_LATER(name) NULL
#define SYSCALL_FN_TODO(name)  NULL
static SyscallFn *const syscall_table[TARGET_NR_COUNT_PLUS] = {
#define SYSCALL_ENTRY(num, name, args, ret, status, note) [num] = SYSCALL_FN_##status(name),
    SYSCALL_LIST(SYSCALL_ENTRY)
#undef SYSCALL_ENTRY
};

void syscall_init(void)
{
}

abi_long do_syscall(CPUX86State *env, int num, abi_long a1, abi_long a2, abi_long a3,
                    abi_long a4, abi_long a5, abi_long a6)
{
    const abi_long args[6] = { a1, a2, a3, a4, a5, a6 };
    bool trace = do_strace || qemu_loglevel_mask(CPU_LOG_STRACE);
    abi_long ret;

    if (trace) print_syscall(num, args);
    if (num >= 0 && num < (int)ARRAY_SIZE(syscall_table) && syscall_table[num]) {
        /* exec.c: rerun when translation raced with the kernel writing a guest buffer. */
        int tries = 0;
        do { guest_write_begin(); ret = syscall_table[num](env, args); } while (ret == -EFAULT && ++tries < 8 && guest_write_raced());
    } else {
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported syscall: %d (%s): %s\n", num, syscall_name(num),
                      syscall_enosys_reason(num));
        ret = -ENOSYS;
    }
    if (trace) print_syscall_ret(num, ret);
    return ret;
}
