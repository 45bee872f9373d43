/*
 * syscall.c - the i386 Linux system calls of the guest, carried out with host system calls.
 *
 * do_syscall dispatches through a table indexed by the i386 number (SYSCALL_IMPL_LIST below);
 * each entry is a small sys_<name>() that checks the guest pointers (guest_access_ok: the page
 * must be mapped with the access the call needs, else -EFAULT), converts 32-bit structures to
 * the host's and back, and returns a result or -errno (i386 and the host share errno values,
 * signal numbers, open/mmap flags). Numbers without an entry return -ENOSYS and are logged
 * under -d unimp. Guest memory is little-endian like every supported host; structures are
 * copied with memcpy since guest pointers need not be aligned.
 *
 * Also here: the guest GDT TLS entries (set_thread_area) and linux_user_lookup_segment, which
 * the front end uses to load %gs.
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
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include "qemu.h"
#include "exec-all.h"
#include "log.h"
#include "syscall_defs.h"

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

#define GUEST_PATH(var, buf, env, addr) \
    char buf[PATH_MAX * 2]; \
    const char *var##_g = lock_user_string(addr); \
    if (!var##_g) return -EFAULT; \
    const char *var = host_path(env, var##_g, buf, sizeof(buf))

/* Same, for paths that name something to create or remove (no -L lookup). */
#define GUEST_PATH_RAW(var, addr) \
    const char *var = lock_user_string(addr); \
    if (!var) return -EFAULT

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

static abi_long sys_getresuid32(CPUX86State *env, const abi_long *a)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) != 0) return -errno;
    uint32_t v[3] = { r, e, s };
    for (int i = 0; i < 3; i++)
        if (a[i] && !copy_to_guest(U(a[i]), &v[i], 4)) return -EFAULT;
    return 0;
}

static abi_long sys_getresgid32(CPUX86State *env, const abi_long *a)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) != 0) return -errno;
    uint32_t v[3] = { r, e, s };
    for (int i = 0; i < 3; i++)
        if (a[i] && !copy_to_guest(U(a[i]), &v[i], 4)) return -EFAULT;
    return 0;
}

static abi_long sys_getgroups32(CPUX86State *env, const abi_long *a)
{
    int n = a[0];
    if (n < 0) return -EINVAL;
    void *p = n ? lock_user(U(a[1]), (abi_ulong)n * 4, true) : NULL;
    if (n && !p) return -EFAULT;
    return get_errno(getgroups(n, p));     /* gid_t is 32 bits on both sides */
}

static abi_long sys_getpgrp(CPUX86State *env, const abi_long *a) { return getpgrp(); }
static abi_long sys_setsid(CPUX86State *env, const abi_long *a) { return get_errno(setsid()); }
static abi_long sys_getpgid(CPUX86State *env, const abi_long *a) { return get_errno(getpgid(a[0])); }
static abi_long sys_setpgid(CPUX86State *env, const abi_long *a) { return get_errno(setpgid(a[0], a[1])); }
static abi_long sys_getsid(CPUX86State *env, const abi_long *a) { return get_errno(getsid(a[0])); }
static abi_long sys_umask(CPUX86State *env, const abi_long *a) { return umask(a[0] & 0777); }

static abi_long sys_uname(CPUX86State *env, const abi_long *a)
{
    struct utsname u;
    if (uname(&u) != 0) return -errno;
    snprintf(u.machine, sizeof(u.machine), "i686");
    return copy_to_guest(U(a[0]), &u, sizeof(u)) ? 0 : -EFAULT;   /* same layout: 6 x 65 chars */
}

static abi_long sys_personality(CPUX86State *env, const abi_long *a)
{
    return 0;      /* PER_LINUX; changes are not supported and not needed by user programs */
}

static abi_long sys_prctl(CPUX86State *env, const abi_long *a)
{
    char name[16];
    switch (a[0]) {
    case PR_SET_NAME: {
        const char *s = lock_user_string(U(a[1]));
        if (!s) return -EFAULT;
        snprintf(name, sizeof(name), "%s", s);
        return get_errno(prctl(PR_SET_NAME, name, 0, 0, 0));
    }
    case PR_GET_NAME:
        if (prctl(PR_GET_NAME, name, 0, 0, 0) != 0) return -errno;
        return copy_to_guest(U(a[1]), name, sizeof(name)) ? 0 : -EFAULT;
    default:
        return -EINVAL;
    }
}

static abi_long sys_set_thread_area(CPUX86State *env, const abi_long *a);
static void gdt_tls_copy_out(void *dst);
static void gdt_tls_copy_in(const void *src);
static size_t gdt_tls_size(void);

/* ---- threads: clone with CLONE_VM runs the child on a new host thread with its own CPU
 * state (a copy of the parent's); translated code and the TB tables are shared (tb_lock). */
typedef struct NewThread {
    CPUX86State *env;
    uint32_t flags;
    abi_ulong ptid, ctid, tls;
    sigset_t sigmask;                 /* the parent's host mask, restored in the parent */
    uint64_t guest_mask;              /* the parent's guest signal mask: the child's */
    uint8_t gdt_tls[256];             /* the parent's TLS descriptors: the child inherits them */
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
    do_sigprocmask(SIG_SETMASK, &guest_mask, NULL);   /* also sets the host mask */
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
    do_sigprocmask(SIG_BLOCK, NULL, &nt.guest_mask);
    gdt_tls_copy_out(nt.gdt_tls);
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

/* execve: an i386 ELF, or a #! script whose interpreter is one, runs under a new loongbt
 * (same options, -0 for the guest's argv[0]); anything else (host programs) is executed
 * directly by the host, which is what a binfmt_misc-registered translator would give it. */
static abi_long sys_execve(CPUX86State *env, const abi_long *a)
{
    int argc, envc, n = 0;
    char **gargv, **genvp, **hargv;
    abi_long ret;
    GUEST_PATH(p, buf, env, U(a[0]));

    gargv = lock_user_string_array(U(a[1]), &argc);
    genvp = lock_user_string_array(U(a[2]), &envc);
    if (!gargv || !genvp) { free(gargv); free(genvp); return -EFAULT; }
    if (access(p, X_OK) != 0) { ret = -errno; goto out; }
    fflush(stdout);
    qemu_log_flush();
    GuestExec ge;                                   /* guest-exec.c: ELF, #! script or host */
    if ((ret = guest_exec_resolve(p, p_g, gargv, &ge)) < 0) goto out;
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

static abi_long sys_wait4(CPUX86State *env, const abi_long *a)
{
    int status;
    struct rusage ru;
    pid_t r = wait4(a[0], &status, a[2], a[3] ? &ru : NULL);
    if (r < 0) return -errno;
    if (a[1] && r > 0 && !copy_to_guest(U(a[1]), &status, 4)) return -EFAULT;
    if (a[3] && r > 0) {
        struct target_rusage t = {
            { (int32_t)ru.ru_utime.tv_sec, (int32_t)ru.ru_utime.tv_usec },
            { (int32_t)ru.ru_stime.tv_sec, (int32_t)ru.ru_stime.tv_usec },
            ru.ru_maxrss, ru.ru_ixrss, ru.ru_idrss, ru.ru_isrss, ru.ru_minflt, ru.ru_majflt,
            ru.ru_nswap, ru.ru_inblock, ru.ru_oublock, ru.ru_msgsnd, ru.ru_msgrcv, ru.ru_nsignals,
            ru.ru_nvcsw, ru.ru_nivcsw,
        };
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

static abi_long sys_read(CPUX86State *env, const abi_long *a)
{
    void *p = lock_user(U(a[1]), U(a[2]), true);
    if (!p) return -EFAULT;
    return get_errno(read(a[0], p, U(a[2])));
}

static abi_long sys_write(CPUX86State *env, const abi_long *a)
{
    void *p = lock_user(U(a[1]), U(a[2]), false);
    if (!p) return -EFAULT;
    return get_errno(write(a[0], p, U(a[2])));
}

static abi_long sys_pread64(CPUX86State *env, const abi_long *a)
{
    void *p = lock_user(U(a[1]), U(a[2]), true);
    if (!p) return -EFAULT;
    return get_errno(pread(a[0], p, U(a[2]), (off_t)(((uint64_t)U(a[4]) << 32) | U(a[3]))));
}

static abi_long sys_pwrite64(CPUX86State *env, const abi_long *a)
{
    void *p = lock_user(U(a[1]), U(a[2]), false);
    if (!p) return -EFAULT;
    return get_errno(pwrite(a[0], p, U(a[2]), (off_t)(((uint64_t)U(a[4]) << 32) | U(a[3]))));
}

/* readv/writev: the guest's 32-bit iovec array becomes a host one. */
static abi_long do_rwv(const abi_long *a, bool is_write)
{
    int cnt = a[2];
    struct iovec *iov;
    struct target_iovec *tv;
    abi_long ret;

    if (cnt < 0 || cnt > IOV_MAX) return -EINVAL;
    if (cnt == 0) return 0;
    tv = lock_user(U(a[1]), (abi_ulong)cnt * sizeof(*tv), false);
    if (!tv) return -EFAULT;
    iov = calloc(cnt, sizeof(*iov));
    if (!iov) return -ENOMEM;
    for (int i = 0; i < cnt; i++) {
        struct target_iovec t;
        memcpy(&t, &tv[i], sizeof(t));
        iov[i].iov_len = t.iov_len;
        iov[i].iov_base = lock_user(t.iov_base, t.iov_len, !is_write);
        if (!iov[i].iov_base && t.iov_len) { free(iov); return -EFAULT; }
    }
    ret = get_errno(is_write ? writev(a[0], iov, cnt) : readv(a[0], iov, cnt));
    free(iov);
    return ret;
}

static abi_long sys_readv(CPUX86State *env, const abi_long *a) { return do_rwv(a, false); }
static abi_long sys_writev(CPUX86State *env, const abi_long *a) { return do_rwv(a, true); }

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

static abi_long do_openat(CPUX86State *env, int dirfd, abi_ulong path, int flags, int mode)
{
    GUEST_PATH(p, buf, env, path);
    abi_long pr;
    if (procfs_open(p_g, flags, task_image(env) ? task_image(env)->exec_path : NULL, &pr)) return pr;
    return get_errno(syscall(SYS_openat, dirfd, p, flags, mode));
}

static abi_long sys_open(CPUX86State *env, const abi_long *a) { return do_openat(env, AT_FDCWD, U(a[0]), a[1], a[2]); }
static abi_long sys_openat(CPUX86State *env, const abi_long *a) { return do_openat(env, a[0], U(a[1]), a[2], a[3]); }
static abi_long sys_creat(CPUX86State *env, const abi_long *a)
{
    return do_openat(env, AT_FDCWD, U(a[0]), O_CREAT | O_WRONLY | O_TRUNC, a[1]);
}

static abi_long sys_close(CPUX86State *env, const abi_long *a)
{
    dir_table_drop(a[0]);
    return get_errno(close(a[0]));
}

static abi_long sys_dup(CPUX86State *env, const abi_long *a) { return get_errno(dup(a[0])); }
static abi_long sys_dup2(CPUX86State *env, const abi_long *a)
{
    if (a[0] != a[1]) dir_table_drop(a[1]);
    return get_errno(dup2(a[0], a[1]));
}

static abi_long sys_dup3(CPUX86State *env, const abi_long *a)
{
    if (a[0] != a[1]) dir_table_drop(a[1]);
    return get_errno(dup3(a[0], a[1], a[2]));
}

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

static abi_long do_pipe(abi_ulong fds_addr, int flags)
{
    int fds[2];
    if (!guest_access_ok(fds_addr, 8, true)) return -EFAULT;
    if (pipe2(fds, flags) != 0) return -errno;
    copy_to_guest(fds_addr, fds, 8);
    return 0;
}

static abi_long sys_pipe(CPUX86State *env, const abi_long *a) { return do_pipe(U(a[0]), 0); }
static abi_long sys_pipe2(CPUX86State *env, const abi_long *a) { return do_pipe(U(a[0]), a[1]); }

static abi_long sys_getdents64(CPUX86State *env, const abi_long *a)
{
    uint8_t *p = lock_user(U(a[1]), U(a[2]), true);
    if (!p) return -EFAULT;
    long r = syscall(SYS_getdents64, a[0], p, U(a[2]));   /* same layout as i386 */
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
    if (n > 65536) return -EINVAL;
    void *p = lock_user(U(a[0]), n * sizeof(struct pollfd), true);   /* same 8-byte layout */
    if (!p && n) return -EFAULT;
    return get_errno(poll(p, n, a[2]));
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
    /* F_GETLK64 / F_SETLK64 / F_SETLKW64 (i386 numbers): tested before the switch, as hosts
     * whose own F_* values differ (MIPS: F_GETLK is 14) would make them duplicate cases */
    if (cmd >= 12 && cmd <= 14)
        return is64 ? do_fcntl_lock(fd, cmd, U(a[2]), true) : -EINVAL;
    switch (cmd) {
    case F_DUPFD: case F_GETFD: case F_SETFD: case F_GETFL: case F_SETFL:
    case F_SETOWN: case F_GETOWN: case F_SETSIG: case F_GETSIG: case F_DUPFD_CLOEXEC:
    case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
    case F_SETLEASE: case F_GETLEASE: case F_NOTIFY:
        return get_errno(fcntl(fd, cmd, (long)a[2]));
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

/* ioctl: terminal requests whose structures have the same layout on both sides. The kernel's
 * struct termios (not glibc's) is 36 bytes on i386 and x86_64 alike. */
#define IOCTL_LIST(X) \
    X(TCGETS, 36, true) X(TCSETS, 36, false) X(TCSETSW, 36, false) X(TCSETSF, 36, false) \
    X(TIOCGWINSZ, 8, true) X(TIOCSWINSZ, 8, false) X(FIONREAD, 4, true) X(TIOCOUTQ, 4, true) \
    X(TIOCGPGRP, 4, true) X(TIOCSPGRP, 4, false) X(FIONBIO, 4, false) X(TIOCGSID, 4, true) \
    X(TIOCGPTN, 4, true) X(TIOCSPTLCK, 4, false) X(TIOCGETD, 4, true)

static abi_long sys_ioctl(CPUX86State *env, const abi_long *a)
{
    uint8_t buf[64];
    unsigned long req = U(a[1]);
    size_t size;
    bool out;

    switch (req) {
#define IOCTL_CASE(name, sz, is_out) case name: size = sz; out = is_out; break;
    IOCTL_LIST(IOCTL_CASE)
#undef IOCTL_CASE
    case FIOCLEX: case FIONCLEX: case TIOCNOTTY:
        return get_errno(ioctl(a[0], req, 0));
    case TIOCSCTTY:
        return get_errno(ioctl(a[0], req, (long)a[2]));
    default:
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported ioctl: fd %d request 0x%lx\n", a[0], req);
        return -ENOTTY;
    }
    memset(buf, 0, sizeof(buf));
    if (!out && !copy_from_guest(buf, U(a[2]), size)) return -EFAULT;
    if (out && !guest_access_ok(U(a[2]), (abi_ulong)size, true)) return -EFAULT;
    if (ioctl(a[0], req, buf) < 0) return -errno;
    if (out) copy_to_guest(U(a[2]), buf, size);
    return 0;
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

/* fstatat with a guest path (NULL allowed with AT_EMPTY_PATH) into a host struct stat. */
static abi_long do_fstatat(CPUX86State *env, int dirfd, abi_ulong path, int flags, struct stat *st)
{
    if (!path && (flags & AT_EMPTY_PATH)) return get_errno(fstatat(dirfd, "", st, flags));
    GUEST_PATH(p, buf, env, path);
    return get_errno(fstatat(dirfd, p, st, flags));
}

static abi_long sys_fstat64(CPUX86State *env, const abi_long *a)
{
    struct stat st;
    if (fstat(a[0], &st) != 0) return -errno;
    return stat_to_guest64(U(a[1]), &st);
}

static abi_long sys_stat64(CPUX86State *env, const abi_long *a)
{
    struct stat st;
    abi_long r = do_fstatat(env, AT_FDCWD, U(a[0]), 0, &st);
    return r ? r : stat_to_guest64(U(a[1]), &st);
}

static abi_long sys_lstat64(CPUX86State *env, const abi_long *a)
{
    struct stat st;
    abi_long r = do_fstatat(env, AT_FDCWD, U(a[0]), AT_SYMLINK_NOFOLLOW, &st);
    return r ? r : stat_to_guest64(U(a[1]), &st);
}

static abi_long sys_fstatat64(CPUX86State *env, const abi_long *a)
{
    struct stat st;
    abi_long r = do_fstatat(env, a[0], U(a[1]), a[3], &st);
    return r ? r : stat_to_guest64(U(a[2]), &st);
}

static abi_long sys_fstat(CPUX86State *env, const abi_long *a)
{
    struct stat st;
    if (fstat(a[0], &st) != 0) return -errno;
    return stat_to_guest_old(U(a[1]), &st);
}

static abi_long sys_stat(CPUX86State *env, const abi_long *a)
{
    struct stat st;
    abi_long r = do_fstatat(env, AT_FDCWD, U(a[0]), 0, &st);
    return r ? r : stat_to_guest_old(U(a[1]), &st);
}

static abi_long sys_lstat(CPUX86State *env, const abi_long *a)
{
    struct stat st;
    abi_long r = do_fstatat(env, AT_FDCWD, U(a[0]), AT_SYMLINK_NOFOLLOW, &st);
    return r ? r : stat_to_guest_old(U(a[1]), &st);
}

/* struct statx has fixed-width fields only: the layout is the same everywhere. */
static abi_long sys_statx(CPUX86State *env, const abi_long *a)
{
    void *out = lock_user(U(a[4]), 256, true);
    if (!out) return -EFAULT;
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
    void *p = lock_user(U(a[0]), U(a[1]), true);
    if (!p) return -EFAULT;
    return get_errno(syscall(SYS_getcwd, p, U(a[1])));    /* returns the length with the NUL */
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
    void *out = lock_user(buf, (abi_ulong)size, true);
    if (!out) return -EFAULT;
    if (is_proc_self_exe(p_g) && info && info->exec_path) {
        size_t n = strlen(info->exec_path);
        if (n > (size_t)size) n = (size_t)size;
        memcpy(out, info->exec_path, n);
        return (abi_long)n;
    }
    return get_errno(readlinkat(dirfd, p, out, (size_t)size));
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

/* (addr, addrlen pointer) in/out: the guest's length word is read, then updated. */
static abi_long sockaddr_out(abi_ulong addr, abi_ulong lenp, void **host, socklen_t *len)
{
    uint32_t glen = 0;
    *host = NULL;
    *len = 0;
    if (!addr) return 0;
    if (!copy_from_guest(&glen, lenp, 4)) return -EFAULT;
    if ((int32_t)glen < 0) return -EINVAL;
    if (!(*host = lock_user(addr, glen, true)) && glen) return -EFAULT;
    *len = glen;
    return 0;
}

static abi_long sys_socket(CPUX86State *env, const abi_long *a) { return get_errno(socket(a[0], a[1], a[2])); }

static abi_long sys_socketpair(CPUX86State *env, const abi_long *a)
{
    int sv[2];
    if (!guest_access_ok(U(a[3]), 8, true)) return -EFAULT;
    if (socketpair(a[0], a[1], a[2], sv) < 0) return -errno;
    return copy_to_guest(U(a[3]), sv, 8) ? 0 : -EFAULT;
}

static abi_long do_addr_call(const abi_long *a, bool is_connect)
{
    void *sa = a[2] ? lock_user(U(a[1]), U(a[2]), false) : NULL;
    if (!sa && a[2]) return -EFAULT;
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
    abi_long r = sockaddr_out(U(a[1]), U(a[2]), &sa, &len);
    if (r) return r;
    r = get_errno(accept4(a[0], sa, sa ? &len : NULL, a[3]));
    if (r >= 0 && sa && !copy_to_guest(U(a[2]), &len, 4)) return -EFAULT;
    return r;
}

static abi_long do_sockname(const abi_long *a, bool peer)
{
    void *sa;
    socklen_t len;
    if (!a[1]) return -EFAULT;
    abi_long r = sockaddr_out(U(a[1]), U(a[2]), &sa, &len);
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
    void *b = lock_user(U(a[1]), U(a[2]), false);
    void *sa = a[4] ? lock_user(U(a[4]), U(a[5]), false) : NULL;
    if ((!b && a[2]) || (!sa && a[4] && a[5])) return -EFAULT;
    return get_errno(sendto(a[0], b, U(a[2]), a[3], sa, sa ? (socklen_t)a[5] : 0));
}

static abi_long sys_recvfrom(CPUX86State *env, const abi_long *a)
{
    void *b = lock_user(U(a[1]), U(a[2]), true), *sa;
    socklen_t len;
    if (!b && a[2]) return -EFAULT;
    abi_long r = sockaddr_out(U(a[4]), U(a[5]), &sa, &len);
    if (r) return r;
    r = get_errno(recvfrom(a[0], b, U(a[2]), a[3], sa, sa ? &len : NULL));
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
    if (sockopt_is_timeval(a[1], a[2])) {
        int32_t g[2];
        if (U(a[4]) < sizeof(g)) return -EINVAL;
        if (!copy_from_guest(g, U(a[3]), sizeof(g))) return -EFAULT;
        struct timeval tv = { g[0], g[1] };
        return get_errno(setsockopt(a[0], a[1], a[2], &tv, sizeof(tv)));
    }
    void *v = a[4] ? lock_user(U(a[3]), U(a[4]), false) : NULL;
    if (!v && a[4]) return -EFAULT;
    return get_errno(setsockopt(a[0], a[1], a[2], v, (socklen_t)a[4]));
}

static abi_long sys_getsockopt(CPUX86State *env, const abi_long *a)
{
    uint32_t glen;
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
    void *v = glen ? lock_user(U(a[3]), glen, true) : NULL;
    socklen_t len = glen;
    if (!v && glen) return -EFAULT;
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
    abi_long r;
    if (!copy_from_guest(&gm, msg_addr, sizeof(gm))) return -EFAULT;
    if (gm.iovlen > IOV_MAX) return -EMSGSIZE;
    struct iovec *iov = calloc(gm.iovlen ? gm.iovlen : 1, sizeof(*iov));
    if (!iov) return -ENOMEM;
    for (uint32_t i = 0; i < gm.iovlen; i++) {
        struct target_iovec t;
        if (!copy_from_guest(&t, gm.iov + i * (uint32_t)sizeof(t), sizeof(t))) { r = -EFAULT; goto out; }
        iov[i].iov_len = t.iov_len;
        iov[i].iov_base = lock_user(t.iov_base, t.iov_len, !is_send);
        if (!iov[i].iov_base && t.iov_len) { r = -EFAULT; goto out; }
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
        ts->tv_sec = t.tv_sec; ts->tv_nsec = (long)t.tv_nsec;
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
    if (a[2] && !guest_access_ok(U(a[2]), sizeof(oact), true)) return -EFAULT;
    r = do_sigaction(a[0], a[1] ? &act : NULL, &oact);
    if (r == 0 && a[2]) copy_to_guest(U(a[2]), &oact, sizeof(oact));
    return r;
}

static abi_long sys_rt_sigprocmask(CPUX86State *env, const abi_long *a)
{
    uint64_t set, old;
    int r;
    if (U(a[3]) != 8) return -EINVAL;
    if (a[1] && !copy_from_guest(&set, U(a[1]), 8)) return -EFAULT;
    if (a[2] && !guest_access_ok(U(a[2]), 8, true)) return -EFAULT;
    r = do_sigprocmask(a[0], a[1] ? &set : NULL, &old);
    if (r == 0 && a[2]) copy_to_guest(U(a[2]), &old, 8);
    return r;
}

static abi_long sys_sigaltstack(CPUX86State *env, const abi_long *a)
{
    struct target_stack_t ss, oss;
    int r;
    if (a[0] && !copy_from_guest(&ss, U(a[0]), sizeof(ss))) return -EFAULT;
    if (a[1] && !guest_access_ok(U(a[1]), sizeof(oss), true)) return -EFAULT;
    r = do_sigaltstack(a[0] ? &ss : NULL, &oss);
    if (r == 0 && a[1]) copy_to_guest(U(a[1]), &oss, sizeof(oss));
    return r;
}

static abi_long sys_kill(CPUX86State *env, const abi_long *a)
{
    if (a[0] == getpid()) return do_kill_self(env, a[1], SI_USER);
    return get_errno(kill(a[0], a[1]));
}

static abi_long sys_tkill(CPUX86State *env, const abi_long *a)
{
    if (a[0] == gettid()) return do_kill_self(env, a[1], SI_TKILL);
    return get_errno(syscall(SYS_tkill, a[0], a[1]));
}

static abi_long sys_tgkill(CPUX86State *env, const abi_long *a)
{
    if (a[0] == getpid() && a[1] == gettid()) return do_kill_self(env, a[2], SI_TKILL);
    return get_errno(syscall(SYS_tgkill, a[0], a[1], a[2]));
}

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
    if (a[1] && !guest_access_ok(U(a[1]), sizeof(info), true)) return -EFAULT;
    int r = do_sigtimedwait(set, &info, tsp);
    if (r > 0 && a[1] && !copy_to_guest(U(a[1]), &info, sizeof(info))) return -EFAULT;
    return r;
}
static abi_long sys_rt_sigtimedwait(CPUX86State *env, const abi_long *a) { return do_rt_sigtimedwait(a, false); }
static abi_long sys_rt_sigtimedwait_time64(CPUX86State *env, const abi_long *a) { return do_rt_sigtimedwait(a, true); }

/* rt_sigqueueinfo(pid, sig, info): to itself it becomes a pending guest signal carrying the
 * code and value; to another process, a host sigqueue with the same value. */
static abi_long sys_rt_sigqueueinfo(CPUX86State *env, const abi_long *a)
{
    struct target_siginfo info;
    uint32_t value;
    if (!copy_from_guest(&info, U(a[2]), sizeof(info))) return -EFAULT;
    memcpy(&value, info.u.pad + 8, 4);
    if (info.si_code >= 0 || info.si_code == SI_TKILL) return -EPERM;   /* as the kernel */
    if (a[0] == getpid()) return do_sigqueue_self(a[1], info.si_code, value);
    union sigval v = { .sival_int = (int)value };
    return get_errno(sigqueue(a[0], a[1], v));
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
    int32_t g[4];
    struct itimerval it, old;
    if (!copy_from_guest(g, U(a[1]), sizeof(g))) return -EFAULT;
    it.it_interval.tv_sec = g[0]; it.it_interval.tv_usec = g[1];
    it.it_value.tv_sec = g[2]; it.it_value.tv_usec = g[3];
    if (a[2] && !guest_access_ok(U(a[2]), sizeof(g), true)) return -EFAULT;
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

/* The GDT TLS entries (native i386 numbering, consistent with cpu.c's 0x73/0x7b flat
 * selectors). */
#define GDT_TLS_MIN 6
#define GDT_TLS_COUNT 3
#define GDT_USER_CS 14      /* selector 0x73 */
#define GDT_USER_DS 15      /* selector 0x7b */

typedef struct GuestDescriptor {
    bool present;
    uint32_t base, limit;     /* limit in bytes (already scaled by limit_in_pages) */
    struct target_user_desc desc;
} GuestDescriptor;
/* Per thread, like the kernel's: clone copies the parent's, CLONE_SETTLS then changes one. */
static __thread GuestDescriptor gdt_tls[GDT_TLS_COUNT];

static size_t gdt_tls_size(void) { return sizeof(gdt_tls); }
static void gdt_tls_copy_out(void *dst) { memcpy(dst, gdt_tls, sizeof(gdt_tls)); }
static void gdt_tls_copy_in(const void *src) { memcpy(gdt_tls, src, sizeof(gdt_tls)); }

static bool user_desc_is_empty(const struct target_user_desc *d)
{
    uint32_t f = d->flags & 0x7f;
    if (!d->base_addr && !d->limit && !f) return true;
    return !d->base_addr && !d->limit &&
           f == (TARGET_UD_READ_EXEC_ONLY | TARGET_UD_SEG_NOT_PRESENT);
}

static abi_long sys_set_thread_area(CPUX86State *env, const abi_long *a)
{
    struct target_user_desc d;
    int idx;
    if (!copy_from_guest(&d, U(a[0]), sizeof(d))) return -EFAULT;
    idx = (int32_t)d.entry_number;
    if (idx == -1) {
        for (idx = 0; idx < GDT_TLS_COUNT && gdt_tls[idx].present; idx++) {}
        if (idx == GDT_TLS_COUNT) return -ESRCH;
        idx += GDT_TLS_MIN;
        d.entry_number = (uint32_t)idx;
        if (!copy_to_guest(U(a[0]), &d, sizeof(d))) return -EFAULT;
    }
    if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_COUNT) return -EINVAL;
    GuestDescriptor *g = &gdt_tls[idx - GDT_TLS_MIN];
    if (user_desc_is_empty(&d)) {
        memset(g, 0, sizeof(*g));
    } else {
        g->present = !(d.flags & TARGET_UD_SEG_NOT_PRESENT);
        g->base = d.base_addr;
        g->limit = (d.flags & TARGET_UD_LIMIT_IN_PAGES) ? (d.limit << 12) | 0xfff : d.limit;
        g->desc = d;
    }
    /* Like the kernel, reload a segment register that uses the changed entry. */
    for (int seg = R_FS; seg <= R_GS; seg++)
        if ((env->segs[seg].selector >> 3) == (uint32_t)idx && !(env->segs[seg].selector & 4))
            cpu_x86_load_seg(env, seg, env->segs[seg].selector);
    return 0;
}

static abi_long sys_get_thread_area(CPUX86State *env, const abi_long *a)
{
    struct target_user_desc d;
    if (!copy_from_guest(&d, U(a[0]), sizeof(d))) return -EFAULT;
    int idx = (int32_t)d.entry_number;
    if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_COUNT) return -EINVAL;
    GuestDescriptor *g = &gdt_tls[idx - GDT_TLS_MIN];
    if (g->present) {
        d = g->desc;
    } else {
        d.base_addr = 0; d.limit = 0;
        d.flags = TARGET_UD_READ_EXEC_ONLY | TARGET_UD_SEG_NOT_PRESENT;
    }
    d.entry_number = (uint32_t)idx;
    return copy_to_guest(U(a[0]), &d, sizeof(d)) ? 0 : -EFAULT;
}

bool linux_user_lookup_segment(uint32_t selector, uint32_t *base, uint32_t *limit)
{
    uint32_t idx = (selector & 0xffff) >> 3;
    if (selector & 4) return false;                  /* LDT: modify_ldt not supported */
    if (idx == GDT_USER_CS || idx == GDT_USER_DS || idx == 4 || idx == 5) {
        *base = 0;                                   /* flat (0x23/0x2b: the 64-bit kernel's) */
        *limit = 0xffffffffu;
        return true;
    }
    if (idx >= GDT_TLS_MIN && idx < GDT_TLS_MIN + GDT_TLS_COUNT && gdt_tls[idx - GDT_TLS_MIN].present) {
        *base = gdt_tls[idx - GDT_TLS_MIN].base;
        *limit = gdt_tls[idx - GDT_TLS_MIN].limit;
        return true;
    }
    return false;
}

static abi_long sys_set_tid_address(CPUX86State *env, const abi_long *a)
{
    if (env->opaque) ((TaskState *)env->opaque)->child_tidptr = U(a[0]);
    return gettid();
}

static abi_long sys_set_robust_list(CPUX86State *env, const abi_long *a) { return 0; }
static abi_long sys_rseq(CPUX86State *env, const abi_long *a) { return -ENOSYS; }
static abi_long sys_sched_yield(CPUX86State *env, const abi_long *a) { return get_errno(sched_yield()); }

static abi_long sys_sched_getaffinity(CPUX86State *env, const abi_long *a)
{
    uint8_t mask[1024];
    abi_ulong len = U(a[1]);
    size_t host_len = len > sizeof(mask) ? sizeof(mask) : (len & ~7u);   /* host wants longs */
    if (host_len == 0) host_len = 8;
    if (!guest_access_ok(U(a[2]), len, true)) return -EFAULT;
    memset(mask, 0, sizeof(mask));
    long r = syscall(SYS_sched_getaffinity, a[0], host_len, mask);
    if (r < 0) return -errno;
    if ((abi_ulong)r > len) {
        /* Only when the guest's buffer is not a multiple of 8: keep the bits that fit. */
        for (abi_ulong i = len; i < (abi_ulong)r; i++) if (mask[i]) return -EINVAL;
        r = len;
    }
    copy_to_guest(U(a[2]), mask, (size_t)r);
    return (abi_long)r;
}

static abi_long sys_getcpu(CPUX86State *env, const abi_long *a)
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0) return -errno;
    if (a[0] && !copy_to_guest(U(a[0]), &cpu, 4)) return -EFAULT;
    if (a[1] && !copy_to_guest(U(a[1]), &node, 4)) return -EFAULT;
    return 0;
}

/* futex on guest words: the host futex works on the same memory at g2h(uaddr). */
static abi_long do_futex(const abi_long *a, bool time64)
{
    abi_ulong uaddr = U(a[0]), uaddr2 = U(a[4]);
    int op = a[1], cmd = op & FUTEX_CMD_MASK;
    struct timespec ts, *tsp = NULL;

    if ((uaddr & 3) || !guest_access_ok(uaddr, 4, false)) return -EFAULT;
    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET:
        if (a[3]) {
            if (!timespec_from_guest(&ts, U(a[3]), time64)) return -EFAULT;
            tsp = &ts;
        }
        return get_errno(syscall(SYS_futex, g2h(uaddr), op, U(a[2]), tsp, NULL, U(a[5])));
    case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
        return get_errno(syscall(SYS_futex, g2h(uaddr), op, U(a[2]), NULL, NULL, U(a[5])));
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
        if ((uaddr2 & 3) || !guest_access_ok(uaddr2, 4, true)) return -EFAULT;
        /* The timeout argument is the integer val2 for these. */
        return get_errno(syscall(SYS_futex, g2h(uaddr), op, U(a[2]), (unsigned long)U(a[3]),
                                 g2h(uaddr2), U(a[5])));
    default:
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported futex op: %d\n", op);
        return -ENOSYS;
    }
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
    if (a[3] && !guest_access_ok(U(a[3]), sizeof(ol), true)) return -EFAULT;
    if (self && a[2] && rlimit_is_ours(a[1])) {
        if (a[3] && getrlimit(a[1], &ol) != 0) return -errno;
    } else if (syscall(SYS_prlimit64, a[0], a[1], a[2] ? &nl : NULL, a[3] ? &ol : NULL) != 0) {
        return -errno;
    }
    if (a[3]) copy_to_guest(U(a[3]), &ol, sizeof(ol));
    return 0;
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
    void *p = lock_user(U(a[0]), U(a[1]), true);
    if (!p) return -EFAULT;
    return get_errno(getrandom(p, U(a[1]), U(a[2])));
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
 * code, glibc's 32 and 33 for host threads) are never blocked. Same numbering on the hosts
 * built so far (x86_64, loongarch64). */
static uint64_t host_kernel_sigset(uint64_t guest)
{
    return guest & ~((1ull << (SIGSEGV - 1)) | (1ull << (SIGBUS - 1)) | (1ull << 31) | (1ull << 32));
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
    uint64_t mask;
    struct { const void *set; size_t size; } sigarg = { &mask, 8 };

    if (nfds < 0) return -EINVAL;
    if (nfds > FDSET_MAX_FDS) nfds = FDSET_MAX_FDS;
    for (int i = 0; i < 3; i++)
        if (!fdset_from_guest(sets[i], addrs[i], nfds)) return -EFAULT;
    if (guest_mask) mask = host_kernel_sigset(*guest_mask);
    long r = syscall(SYS_pselect6, nfds, rfds ? sets[0] : NULL, wfds ? sets[1] : NULL,
                     efds ? sets[2] : NULL, ts, guest_mask ? &sigarg : NULL);
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
        if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000) return -EINVAL;
        ts.tv_sec = tv.tv_sec;
        ts.tv_nsec = (long)tv.tv_usec * 1000;
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
    abi_ulong n = U(a[1]);
    if (n > 65536) return -EINVAL;
    void *p = lock_user(U(a[0]), n * 8, true);
    if (!p && n) return -EFAULT;
    if (a[2] && !timespec_from_guest(&ts, U(a[2]), time64)) return -EFAULT;
    if (a[3]) {
        abi_long e = guest_sigmask(U(a[3]), U(a[4]), &mask);
        if (e) return e;
        mask = host_kernel_sigset(mask);
    }
    long r = syscall(SYS_ppoll, p, n, a[2] ? &ts : NULL, a[3] ? &mask : NULL, 8);
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

/* epoll_wait / epoll_pwait on the host's epoll_pwait (loongarch64 has no epoll_wait). */
static abi_long do_epoll_pwait(const abi_long *a, bool has_mask)
{
    int maxevents = a[2];
    uint64_t mask;
    if (maxevents <= 0 || maxevents > 65536) return -EINVAL;
    if (!guest_access_ok(U(a[1]), (abi_ulong)maxevents * sizeof(struct target_epoll_event), true))
        return -EFAULT;
    if (has_mask && a[4]) {
        abi_long e = guest_sigmask(U(a[4]), U(a[5]), &mask);
        if (e) return e;
        mask = host_kernel_sigset(mask);
    }
    struct epoll_event *ev = malloc(sizeof(*ev) * (size_t)maxevents);
    if (!ev) return -ENOMEM;
    long r = syscall(SYS_epoll_pwait, a[0], ev, maxevents, a[3], has_mask && a[4] ? &mask : NULL, 8);
    if (r < 0) { r = -errno; free(ev); return r; }
    for (long i = 0; i < r; i++) {
        struct target_epoll_event t = { ev[i].events, ev[i].data.u64 };
        copy_to_guest(U(a[1]) + (abi_ulong)(i * (long)sizeof(t)), &t, sizeof(t));
    }
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
    mask = host_kernel_sigset(mask);
    return get_errno(syscall(SYS_signalfd4, a[0], &mask, 8, flags));
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

/* waitid(idtype, id, infop, options, rusage): the child's siginfo in the i386 layout (pid,
 * uid, status, then utime/stime as 32-bit clock ticks). */
static abi_long sys_waitid(CPUX86State *env, const abi_long *a)
{
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof(si));
    if (a[2] && !guest_access_ok(U(a[2]), sizeof(struct target_siginfo), true)) return -EFAULT;
    if (syscall(SYS_waitid, a[0], a[1], &si, a[3], a[4] ? &ru : NULL) != 0) return -errno;
    if (a[2]) {
        struct target_siginfo t;
        memset(&t, 0, sizeof(t));
        if (si.si_signo) {
            int32_t fields[5] = { si.si_pid, (int32_t)si.si_uid, si.si_status,
                                  (int32_t)si.si_utime, (int32_t)si.si_stime };
            t.si_signo = si.si_signo;
            t.si_errno = si.si_errno;
            t.si_code = si.si_code;
            memcpy(t.u.pad, fields, sizeof(fields));
        }
        copy_to_guest(U(a[2]), &t, sizeof(t));
    }
    if (a[4]) {
        struct target_rusage t = {
            { (int32_t)ru.ru_utime.tv_sec, (int32_t)ru.ru_utime.tv_usec },
            { (int32_t)ru.ru_stime.tv_sec, (int32_t)ru.ru_stime.tv_usec },
            ru.ru_maxrss, ru.ru_ixrss, ru.ru_idrss, ru.ru_isrss, ru.ru_minflt, ru.ru_majflt,
            ru.ru_nswap, ru.ru_inblock, ru.ru_oublock, ru.ru_msgsnd, ru.ru_msgrcv, ru.ru_nsignals,
            ru.ru_nvcsw, ru.ru_nivcsw,
        };
        if (!copy_to_guest(U(a[4]), &t, sizeof(t))) return -EFAULT;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Dispatch
 * ------------------------------------------------------------------------------------------- */

/* Every implemented syscall: X(name) makes TARGET_NR_name call sys_name. */
#define SYSCALL_IMPL_LIST(X) \
    X(exit) X(exit_group) X(getpid) X(gettid) X(getppid) \
    X(getuid32) X(geteuid32) X(getgid32) X(getegid32) X(getuid) X(geteuid) X(getgid) X(getegid) \
    X(getresuid32) X(getresgid32) X(getgroups32) X(getpgrp) X(setsid) X(getpgid) X(setpgid) \
    X(getsid) X(umask) X(uname) X(personality) X(prctl) X(fork) X(vfork) X(clone) X(wait4) \
    X(waitpid) X(execve) \
    X(read) X(write) X(pread64) X(pwrite64) X(readv) X(writev) X(open) X(openat) X(creat) \
    X(close) X(dup) X(dup2) X(dup3) X(fsync) X(fdatasync) X(sync) X(flock) X(ftruncate) \
    X(ftruncate64) X(truncate64) X(lseek) X(_llseek) X(pipe) X(pipe2) X(getdents64) X(poll) \
    X(fcntl) X(fcntl64) X(ioctl) \
    X(fstat64) X(stat64) X(lstat64) X(fstatat64) X(fstat) X(stat) X(lstat) X(statx) X(access) \
    X(faccessat) X(faccessat2) X(getcwd) X(chdir) X(fchdir) X(unlink) X(unlinkat) X(mkdir) \
    X(mkdirat) X(rmdir) X(rename) X(renameat) X(renameat2) X(link) X(symlink) X(chmod) \
    X(fchmod) X(fchmodat) X(fchown32) X(readlink) X(readlinkat) X(utimensat) \
    X(brk) X(mmap) X(mmap2) X(munmap) X(mprotect) X(mremap) X(madvise) X(msync) X(mincore) \
    X(mlock) X(mlock2) X(munlock) X(mlockall) X(munlockall) \
    X(clock_gettime) X(clock_gettime64) X(clock_getres) X(clock_getres_time64) X(gettimeofday) \
    X(time) X(nanosleep) X(clock_nanosleep) X(clock_nanosleep_time64) X(times) \
    X(rt_sigaction) X(rt_sigprocmask) X(sigaltstack) X(kill) X(tkill) X(tgkill) X(alarm) \
    X(rt_sigpending) X(rt_sigsuspend) X(pause) X(sigreturn) X(rt_sigreturn) \
    X(rt_sigtimedwait) X(rt_sigtimedwait_time64) X(rt_sigqueueinfo) X(setitimer) X(getitimer) \
    X(socketcall) X(socket) X(socketpair) X(bind) X(connect) X(listen) X(accept4) X(getsockopt) \
    X(setsockopt) X(getsockname) X(getpeername) X(sendto) X(sendmsg) X(recvfrom) X(recvmsg) \
    X(shutdown) \
    X(set_thread_area) X(get_thread_area) X(set_tid_address) X(set_robust_list) X(rseq) \
    X(sched_yield) X(sched_getaffinity) X(getcpu) X(futex) X(futex_time64) \
    X(ugetrlimit) X(getrlimit) X(setrlimit) X(prlimit64) X(sysinfo) X(getrandom) X(getpriority) \
    X(select) X(_newselect) X(pselect6) X(pselect6_time64) X(ppoll) X(ppoll_time64) \
    X(epoll_create) X(epoll_create1) X(epoll_ctl) X(epoll_wait) X(epoll_pwait) X(signalfd) \
    X(signalfd4) X(eventfd) X(eventfd2) X(statfs) X(fstatfs) X(statfs64) X(fstatfs64) X(waitid)

static SyscallFn *const syscall_table[TARGET_NR_COUNT_PLUS] = {
#define SYSCALL_ENTRY(name) [TARGET_NR_##name] = sys_##name,
    SYSCALL_IMPL_LIST(SYSCALL_ENTRY)
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
        qemu_log_mask(CPU_LOG_UNIMP, "Unsupported syscall: %d (%s)\n", num, syscall_name(num));
        ret = -ENOSYS;
    }
    if (trace) print_syscall_ret(num, ret);
    return ret;
}
