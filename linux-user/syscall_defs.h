/*
 * syscall_defs.h - the i386 Linux system call interface as the guest sees it: the one table of
 * syscall numbers (syscall-table.h), and the guest (32-bit) layouts of the
 * structures the syscall layer converts. Numbers and layouts are facts of the i386 ABI.
 */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include "loongbt-common.h"

/* The syscall table: SYSCALL(number, name, argument formats, return format, status, note). */
#include "syscall-table.h"

enum {
#define SYSCALL_ENUM(num, name, args, ret, status, note) TARGET_NR_##name = num,
    SYSCALL_LIST(SYSCALL_ENUM)
#undef SYSCALL_ENUM
    TARGET_NR_COUNT_PLUS = 512      /* table size bound: every number is below this */
};

/* Values a syscall handler returns to cpu_loop besides results and -errno:
 * leave every register (eax included) as it is now (sigreturn restored them),
 * or rewind eip to re-execute `int $0x80` (interrupted, restartable). */
#define TARGET_QEMU_ESIGRETURN 513
#define TARGET_ERESTARTSYS     512

/* ------------------------------------------------------------------------------------------
 * Guest structure layouts (i386). Packed where the i386 ABI aligns 64-bit fields to 4 bytes.
 * ------------------------------------------------------------------------------------------ */
struct target_timespec { int32_t tv_sec; int32_t tv_nsec; };
struct target_timespec64 { int64_t tv_sec; int64_t tv_nsec; };
struct target_timeval { int32_t tv_sec; int32_t tv_usec; };
struct target_timezone { int32_t tz_minuteswest; int32_t tz_dsttime; };
struct target_iovec { uint32_t iov_base; uint32_t iov_len; };
struct target_rlimit { uint32_t rlim_cur; uint32_t rlim_max; };
#define TARGET_RLIM_INFINITY 0xffffffffu
struct target_tms { int32_t tms_utime, tms_stime, tms_cutime, tms_cstime; };

struct target_stat64 {
    uint64_t st_dev;
    uint8_t  pad0[4];
    uint32_t st_ino_lo;        /* truncated inode (the full one is at the end) */
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t  pad3[4];
    int64_t  st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime_sec, st_atime_nsec;
    uint32_t st_mtime_sec, st_mtime_nsec;
    uint32_t st_ctime_sec, st_ctime_nsec;
    uint64_t st_ino;
} __attribute__((packed));
QEMU_BUILD_BUG_ON(sizeof(struct target_stat64) != 96);

/* The old `struct stat` of stat/fstat/lstat (106..108). */
struct target_stat {
    uint32_t st_dev;
    uint32_t st_ino;
    uint16_t st_mode, st_nlink, st_uid, st_gid;
    uint32_t st_rdev;
    uint32_t st_size, st_blksize, st_blocks;
    uint32_t st_atime_sec, st_atime_nsec;
    uint32_t st_mtime_sec, st_mtime_nsec;
    uint32_t st_ctime_sec, st_ctime_nsec;
    uint32_t unused4, unused5;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_stat) != 64);

struct target_flock { int16_t l_type, l_whence; int32_t l_start, l_len, l_pid; };
struct target_flock64 {
    int16_t l_type, l_whence;
    int64_t l_start, l_len;
    int32_t l_pid;
} __attribute__((packed));
QEMU_BUILD_BUG_ON(sizeof(struct target_flock64) != 24);

struct target_rusage {
    struct target_timeval ru_utime, ru_stime;
    int32_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
            ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_rusage) != 72);

struct target_sysinfo {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh;
    uint32_t mem_unit;
    char f[8];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_sysinfo) != 64);

/* set_thread_area / get_thread_area descriptor; flags bits in the kernel's order. */
struct target_user_desc {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t flags;
};
#define TARGET_UD_SEG_32BIT        0x01
#define TARGET_UD_CONTENTS_SHIFT   1       /* 2 bits */
#define TARGET_UD_READ_EXEC_ONLY   0x08
#define TARGET_UD_LIMIT_IN_PAGES   0x10
#define TARGET_UD_SEG_NOT_PRESENT  0x20
#define TARGET_UD_USEABLE          0x40
#define TARGET_GDT_ENTRY_TLS_MIN   12      /* as a 64-bit kernel gives 32-bit tasks */
#define TARGET_GDT_ENTRY_TLS_ENTRIES 3

/* Old mmap (90) takes a pointer to its six arguments. */
struct target_mmap_arg_struct { uint32_t addr, len, prot, flags, fd, offset; };

/* rt_sigaction's struct (i386 kernel layout) and sigaltstack's stack_t. Field names differ from
 * the host's because <signal.h> defines sa_handler etc. as macros. */
struct target_sigaction {
    uint32_t handler;
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask;
} __attribute__((packed));
QEMU_BUILD_BUG_ON(sizeof(struct target_sigaction) != 20);
struct target_stack_t { uint32_t ss_sp; int32_t ss_flags; uint32_t ss_size; };

#define TARGET_SIG_DFL 0u
#define TARGET_SIG_IGN 1u

/* ------------------------------------------------------------------------------------------
 * Signal frames (i386 kernel layout: what a handler, a debugger or a libunwind sees).
 * ------------------------------------------------------------------------------------------ */
#define TARGET_SA_RESTORER 0x04000000u

struct target_sigcontext {
    uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip;
    uint16_t cs, csh;
    uint32_t eflags, esp_at_signal;
    uint16_t ss, ssh;
    uint32_t fpstate;          /* 0: no FPU state saved */
    uint32_t oldmask;
    uint32_t cr2;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_sigcontext) != 88);

/* siginfo: signo, errno, code, then a union; the fields loongbt fills. */
struct target_siginfo {
    int32_t si_signo, si_errno, si_code;
    union {
        uint32_t addr;                         /* SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP */
        struct { int32_t pid; uint32_t uid; } kill;
        uint8_t pad[128 - 12];
    } u;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_siginfo) != 128);

struct target_ucontext {
    uint32_t uc_flags;
    uint32_t uc_link;
    struct target_stack_t uc_stack;
    struct target_sigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_ucontext) != 116);

/* sigaction without SA_SIGINFO. The handler returns to pretcode, which pops sig and calls
 * sigreturn: at that syscall %esp = frame + 8. */
struct target_sigframe {
    uint32_t pretcode;
    int32_t sig;
    struct target_sigcontext sc;
    uint8_t fpstate_unused[624];
    uint32_t extramask;        /* blocked mask, high half (low half in sc.oldmask) */
    uint8_t retcode[8];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_sigframe) != 732);

/* SA_SIGINFO: handler(sig, &info, &uc); at rt_sigreturn %esp = frame + 4. */
struct target_rt_sigframe {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo;
    uint32_t puc;
    struct target_siginfo info;
    struct target_ucontext uc;
    uint8_t retcode[8];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_rt_sigframe) != 268);

/* statfs / fstatfs (32-bit counts) and statfs64 / fstatfs64 (64-bit counts, 4-byte aligned:
 * 84 bytes, the size the guest passes and the kernel checks). */
struct target_statfs {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_statfs) != 64);

struct __attribute__((packed, aligned(4))) target_statfs64 {
    uint32_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_statfs64) != 84);

/* struct epoll_event: packed on i386 (12 bytes); the host's may be 16 (loongarch64). */
struct __attribute__((packed)) target_epoll_event {
    uint32_t events;
    uint64_t data;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_epoll_event) != 12);

#endif
