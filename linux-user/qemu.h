/*
 * qemu.h - linux-user's shared definitions: the guest address space (guest_base), the loaded
 * image, per-task state, and the entry points of the loader, syscall layer and signal code.
 *
 * Guest memory: loongbt reserves 4 GiB of host address space at guest_base at start-up (no
 * access), so every 32-bit guest address maps to guest_base + addr and translated code never
 * needs a bounds check; guest mappings are made inside that reservation with MAP_FIXED.
 */
#ifndef LINUX_USER_QEMU_H
#define LINUX_USER_QEMU_H

#include "loongbt-common.h"
#include "cpu.h"

extern uintptr_t guest_base;
#define GUEST_ADDR_SPACE (1ull << 32)
static inline void *g2h(abi_ulong addr) { return (void *)(guest_base + (uintptr_t)addr); }
static inline abi_ulong h2g(const void *p) { return (abi_ulong)((uintptr_t)p - guest_base); }
static inline bool h2g_valid(const void *p)
{
    return (uintptr_t)p >= guest_base && (uintptr_t)p - guest_base < GUEST_ADDR_SPACE;
}

struct image_info {
    abi_ulong load_bias;
    abi_ulong entry;           /* where execution starts (interpreter's entry if any) */
    abi_ulong start_code, end_code, start_data, end_data;
    abi_ulong start_brk, brk;
    abi_ulong start_stack;     /* initial %esp */
    abi_ulong phdr, phnum;
    abi_ulong interp_bias;
    char *exec_path;           /* for AT_EXECFN and /proc/self/exe */
};

typedef struct TaskState {
    struct image_info *info;
    abi_ulong child_tidptr;    /* set_tid_address */
    int signal_pending;
} TaskState;

/* -L prefix, -strace, etc. (main.c) */
extern const char *interp_prefix;
extern int do_strace;
extern unsigned long host_page_size;

/* elfload.c: load the executable (and interpreter) and build the initial stack.
 * On bad input prints one line naming the file and the reason and exits with status 1. */
int loader_exec(const char *filename, char **argv, char **envp, struct image_info *info);

/* mmap.c: guest address space management inside the 4 GiB reservation. */
void guest_space_init(void);                  /* reserve 4 GiB, set guest_base */
abi_long target_mmap(abi_ulong start, abi_ulong len, int prot, int flags, int fd, off_t offset);
int target_munmap(abi_ulong start, abi_ulong len);
int target_mprotect(abi_ulong start, abi_ulong len, int prot);
abi_long target_mremap(abi_ulong old_addr, abi_ulong old_size, abi_ulong new_size,
                       unsigned long flags, abi_ulong new_addr);
abi_ulong mmap_find_vma(abi_ulong start, abi_ulong size);
/* -host-page-size / LOONGBT_HOST_PAGE_SIZE: work as if host pages had this size (a power of
 * two from the real page size up to 64 KiB); false for a bad value. Call before mapping. */
bool host_page_size_override(const char *s);
/* shmat (syscall.c): the host attached a System V segment at [start, start + len) of the
 * reservation (host-page aligned); record it as a guest mapping with prot. shmdt is
 * target_munmap. */
void target_shm_attached(abi_ulong start, abi_ulong len, int prot);

/* syscall.c */
void syscall_init(void);
abi_long do_syscall(CPUX86State *env, int num, abi_long a1, abi_long a2, abi_long a3,
                    abi_long a4, abi_long a5, abi_long a6);
/* Guest pointer checks: valid when the range is mapped with the wanted access. */
bool guest_access_ok(abi_ulong addr, abi_ulong len, bool write);

/* signal.c: host signal handling for guest faults and guest-visible signals. */
void signal_init(void);
/* Called by cpu_loop for a guest exception (fault, SIGILL, SIGFPE...): deliver sig to the guest
 * or, with no guest handler, terminate loongbt with the same signal. */
void queue_signal(CPUX86State *env, int sig, int si_code, abi_ulong addr);
void process_pending_signals(CPUX86State *env);

/* main.c: thread_cpu is the CPU of the calling guest thread (one host thread each). */
void cpu_loop(CPUX86State *env);
extern __thread CPUX86State *thread_cpu;

/* ---- additions by linux-user (main.c, mmap.c, signal.c, strace.c) ---- */

/* Syscall-style results: values in [-4095, -1] are -errno, anything else (including addresses
 * at or above 0x80000000, negative as abi_long) is a result. */
static inline bool is_error(abi_long r) { return (abi_ulong)r >= (abi_ulong)-4095; }

/* mmap.c: the guest's own protection of a page (PROT_* bits; -1 when unmapped), the page-flag
 * view linux-user keeps for finding free ranges and checking guest pointers. */
int guest_page_prot(abi_ulong addr);
/* mmap.c: guest brk. target_set_brk sets the initial break (loader); do_brk is the syscall:
 * returns the new break, or the old one when the request cannot be met (Linux semantics). */
void target_set_brk(abi_ulong new_brk);
abi_ulong do_brk(abi_ulong new_brk);
/* mmap.c: the layout a 64-bit kernel gives an i386 process. TASK_SIZE leaves the top page to
 * the kernel; the stack ends at guest_stack_top (randomised below TASK_SIZE like the
 * kernel's), the mmap area grows down from guest_mmap_base (below the stack gap; bottom-up
 * from TARGET_UNMAPPED_BASE in the legacy layout of an unlimited stack rlimit). */
#define TARGET_TASK_SIZE      0xffffe000u
#define TARGET_UNMAPPED_BASE  0x55555000u   /* PAGE_ALIGN(TASK_SIZE / 3) */
extern abi_ulong guest_stack_top, guest_stack_bottom, guest_mmap_base;
void guest_layout_init(void);                 /* after guest_space_init */
/* A random multiple of the page size, (0..mask) pages; 0 when the host does not randomise
 * (randomize_va_space 0, setarch -R). */
abi_ulong guest_layout_random_pages(unsigned mask);

/* mmap.c: what backs each guest page, for /proc/self/maps (procfs.c) and mapping rules. */
typedef struct GuestOrigin {
    const char *name;          /* file path, "[heap]", "[stack]", NULL for anonymous */
    uint64_t dev, ino;
    int64_t offset_bias;       /* file offset of the page at guest address a: a + offset_bias */
    bool shared, may_write, grows_down;
} GuestOrigin;
enum { ORIGIN_ANON, ORIGIN_HEAP, ORIGIN_STACK };
const GuestOrigin *guest_page_origin(abi_ulong addr);
uint32_t guest_page_origin_id(abi_ulong addr);
/* Mark [start, end) (already mapped) as the stack or the heap. */
void guest_mark_region(abi_ulong start, abi_ulong end, int origin);
/* Mark [start, end) as a private mapping of file fd from offset (the loader's segments). */
void guest_mark_file(abi_ulong start, abi_ulong end, int fd, uint64_t offset);
/* The guest brk range (start, current end), for /proc/self/stat and maps. */
void guest_brk_range(abi_ulong *start, abi_ulong *cur);
/* madvise / msync / mincore with the kernel's rules (argument checks, ENOMEM for unmapped
 * parts after applying to the mapped ones); they take tb_lock. */
abi_long target_madvise(abi_ulong start, abi_ulong len, int advice);
abi_long target_msync(abi_ulong start, abi_ulong len, int flags);
abi_long target_mincore(abi_ulong start, abi_ulong len, abi_ulong vec);
/* mlock/mlock2 (flags: MLOCK_ONFAULT), munlock, mlockall with the kernel's rules. */
abi_long target_mlock(abi_ulong start, abi_ulong len, unsigned flags);
abi_long target_munlock(abi_ulong start, abi_ulong len);
abi_long target_mlockall(int flags);

/* main.c: the command-line options a guest execve passes on to the new loongbt (all but -D,
 * -E, -U, -0 and the program). */
extern char **reexec_options;
extern int reexec_option_count;
/* main.c: the command that starts loongbt for a guest execve (env LOONGBT_REEXEC, set by the
 * emulator wrapper of a cross build), or NULL for /proc/self/exe. */
extern const char *reexec_command;

/* main.c: true while cpu_exec runs guest code for thread_cpu (the SIGSEGV handler may then
 * turn a fault in the reservation into a guest page fault). */
extern volatile int guest_code_running;
/* main.c: the same, for the calling thread only (guest threads). */
extern __thread volatile int thread_in_guest_code;

/* signal.c: guest signal state behind rt_sigaction / rt_sigprocmask / sigaltstack / kill. */
struct target_sigaction;
struct target_stack_t;
int do_sigaction(int sig, const struct target_sigaction *act, struct target_sigaction *oact);
int do_sigprocmask(int how, const uint64_t *set, uint64_t *oldset);
int do_sigaltstack(const struct target_stack_t *ss, struct target_stack_t *oss);
/* kill, tkill (tgid -1) / tgkill, rt_sigqueueinfo (tid -1) / rt_tgsigqueueinfo with guest
 * signal numbers: the kernel's results; a signal to this process is delivered by
 * process_pending_signals after the syscall. */
struct target_siginfo;
abi_long do_kill(abi_long pid, int sig);
abi_long do_tgkill(abi_long tgid, abi_long tid, int sig);
abi_long do_rt_tgsigqueueinfo(abi_long tgid, abi_long tid, int sig, const struct target_siginfo *info);
/* The old i386 calls (syscall table entries): sigaction, signal, sigprocmask, sigpending,
 * sgetmask, ssetmask, three-argument sigsuspend. */
abi_long sys_sigaction(CPUX86State *env, const abi_long *a);
abi_long sys_signal(CPUX86State *env, const abi_long *a);
abi_long sys_sigprocmask(CPUX86State *env, const abi_long *a);
abi_long sys_sigpending(CPUX86State *env, const abi_long *a);
abi_long sys_sgetmask(CPUX86State *env, const abi_long *a);
abi_long sys_ssetmask(CPUX86State *env, const abi_long *a);
abi_long sys_sigsuspend(CPUX86State *env, const abi_long *a);
abi_long sys_pidfd_send_signal(CPUX86State *env, const abi_long *a);
/* A syscall's result after a guest-handled signal interrupted it (cpu_loop): -EINTR becomes
 * -TARGET_ERESTARTSYS (run it again after the handler) when the handler has SA_RESTART and
 * Linux would restart that call. */
abi_long signal_restart_syscall(int num, abi_long ret);
/* The optional mask of pselect6/ppoll/epoll_pwait: signal_temporary_mask makes it the guest's
 * (returns the old one) right before the host call; signal_temporary_mask_done after it with
 * the call's result puts the old one back, or, if a signal interrupted it, keeps the temporary
 * mask until that signal's handler is set up (whose frame saves the old one). */
uint64_t signal_temporary_mask(uint64_t mask);
void signal_temporary_mask_done(uint64_t old, abi_long ret);
/* signalfd: note a new signalfd descriptor; convert the signal numbers in the records a read
 * from one returned (len bytes at buf). */
void signalfd_created(int fd);
void signalfd_read_fixup(int fd, void *buf, long len);
/* Guest memory for signal.c and timer.c: false for a bad pointer; a write first unprotects
 * pages exec.c protected because they hold translated code. */
bool guest_copy_in(void *dst, abi_ulong addr, size_t len);
bool guest_copy_out(abi_ulong addr, const void *src, size_t len);
/* In a fork child: drop the signals queued in the parent (a child starts with none). */
void signal_fork_child(void);
/* AT_MINSIGSTKSZ for the auxiliary vector. */
abi_ulong target_minsigstksz(void);
/* rt_sigtimedwait: take a pending signal of set (bit sig-1), waiting up to timeout (NULL:
 * forever); returns the signal and fills info, or -EAGAIN / -EINTR. */
struct timespec;
int do_sigtimedwait(uint64_t set, struct target_siginfo *info, const struct timespec *timeout);
/* rt_sigpending: pending signals that are blocked. */
uint64_t do_sigpending(void);
/* rt_sigsuspend: wait with mask until a signal is deliverable; returns -EINTR, and the frame
 * of the handler that runs saves the old mask. */
int do_sigsuspend(CPUX86State *env, uint64_t mask);
/* sigreturn / rt_sigreturn: restore the registers and mask saved by the signal frame; return
 * -TARGET_QEMU_ESIGRETURN so cpu_loop leaves eax as restored. */
abi_long do_sigreturn(CPUX86State *env);
abi_long do_rt_sigreturn(CPUX86State *env);

/* timer.c: POSIX timers and timerfd (syscall table entries). */
abi_long sys_timer_create(CPUX86State *env, const abi_long *a);
abi_long sys_timer_settime(CPUX86State *env, const abi_long *a);
abi_long sys_timer_settime64(CPUX86State *env, const abi_long *a);
abi_long sys_timer_gettime(CPUX86State *env, const abi_long *a);
abi_long sys_timer_gettime64(CPUX86State *env, const abi_long *a);
abi_long sys_timer_getoverrun(CPUX86State *env, const abi_long *a);
abi_long sys_timer_delete(CPUX86State *env, const abi_long *a);
abi_long sys_timerfd_create(CPUX86State *env, const abi_long *a);
abi_long sys_timerfd_settime(CPUX86State *env, const abi_long *a);
abi_long sys_timerfd_settime64(CPUX86State *env, const abi_long *a);
abi_long sys_timerfd_gettime(CPUX86State *env, const abi_long *a);
abi_long sys_timerfd_gettime64(CPUX86State *env, const abi_long *a);

/* ldt.c: the TLS entries of the GDT (per thread: clone copies them) and the LDT. */
size_t gdt_tls_size(void);
void gdt_tls_copy_out(void *dst);
void gdt_tls_copy_in(const void *src);
abi_long sys_set_thread_area(CPUX86State *env, const abi_long *a);
abi_long sys_get_thread_area(CPUX86State *env, const abi_long *a);
abi_long sys_modify_ldt(CPUX86State *env, const abi_long *a);

/* guest-exec.c: what executing path (as the host opens it; name: as the guest gave it) runs. Returns -errno (the kernel's execve error),
 * GUEST_EXEC_I386 (an i386 ELF file: under loongbt) or GUEST_EXEC_HOST (something else: the
 * host's execve). For a "#!" script (nested ones followed) out->path is the program to load,
 * out->argv its argv and out->execfn the script's name (AT_EXECFN, comm); else out->path is
 * NULL and path runs with argv as they are. */
enum { GUEST_EXEC_I386 = 1, GUEST_EXEC_HOST = 2 };
typedef struct GuestExec {
    int kind;
    char *path;
    char **argv;
    const char *execfn;
} GuestExec;
int guest_exec_resolve(const char *path, const char *name, char **argv, GuestExec *out);

/* procfs.c: open of the guest's own /proc entries (maps, auxv, cmdline, exe): true if path
 * is one of them, with the result (an fd or -errno) in *ret. procfs_is_exe: the path is
 * /proc/self/exe, /proc/thread-self/exe or /proc/<own pid>/exe. */
bool procfs_open(const char *path, int flags, const char *exec_path, abi_long *ret);
bool procfs_is_exe(const char *path);
/* elfload.c: the auxiliary vector given to the guest (pairs, AT_NULL included) and the guest
 * addresses of its argv strings [start, end). */
const abi_ulong *guest_auxv(size_t *nwords);
void guest_arg_range(abi_ulong *start, abi_ulong *end);
void guest_env_range(abi_ulong *start, abi_ulong *end);
const struct image_info *guest_image(void);   /* the program loader_exec loaded */

/* strace.c: -strace lines "PID name(args) = ret" on stderr. */
const char *syscall_name(int num);
/* Why a number has no implementation (the table's note), for the -d unimp line. */
const char *syscall_enosys_reason(int num);
void print_syscall(int num, const abi_long args[6]);
void print_syscall_ret(int num, abi_long ret);

#endif
