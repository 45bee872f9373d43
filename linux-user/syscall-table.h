/*
 * syscall-table.h - the i386 system call table of Linux 6.1 (arch/x86/entry/syscalls/
 * syscall_32.tbl) as one X-macro list; every number 0..450 the kernel assigns is here, checked
 * against the i386 <asm/unistd_32.h>. Included by syscall_defs.h (the TARGET_NR_* enum),
 * strace.c (names, argument formats), syscall.c (dispatch) and scripts/syscall-coverage.py
 * (README's coverage table), so the list is the only place a call's status is written.
 *
 * SYSCALL(number, name, argument formats, return format, status, note)
 *   argument formats, one character per argument, for -strace:
 *     d signed int   u unsigned   x hex   o octal   p guest pointer   s guest string
 *     O open flags   P mmap/mprotect protection   M mmap flags   A AT_* flags
 *     D directory fd (AT_FDCWD)   S signal number   F fcntl command   H sigprocmask how
 *     "?" means not described (strace prints the first three in hex)
 *   return format: 'd' signed (negative = -errno), 'x' address (mmap, brk)
 *   status: IMPL  sys_<name>() in syscall.c carries it out
 *           NOSYS deliberately -ENOSYS; the note says why
 *           LATER -ENOSYS until the owner's code is merged; the note names it
 *           TODO  -ENOSYS: not written yet
 * The list must stay in this one-line-per-entry form: the coverage script parses it.
 */
#define SYSCALL_LIST(SYSCALL) \
SYSCALL(  0, restart_syscall,         "?",      'd', IMPL, "") \
SYSCALL(  1, exit,                    "d",      'd', IMPL, "") \
SYSCALL(  2, fork,                    "",       'd', IMPL, "") \
SYSCALL(  3, read,                    "dpu",    'd', IMPL, "") \
SYSCALL(  4, write,                   "dpu",    'd', IMPL, "") \
SYSCALL(  5, open,                    "sOo",    'd', IMPL, "") \
SYSCALL(  6, close,                   "d",      'd', IMPL, "") \
SYSCALL(  7, waitpid,                 "dpx",    'd', IMPL, "") \
SYSCALL(  8, creat,                   "so",     'd', IMPL, "") \
SYSCALL(  9, link,                    "ss",     'd', IMPL, "") \
SYSCALL( 10, unlink,                  "s",      'd', IMPL, "") \
SYSCALL( 11, execve,                  "spp",    'd', IMPL, "") \
SYSCALL( 12, chdir,                   "s",      'd', IMPL, "") \
SYSCALL( 13, time,                    "p",      'd', IMPL, "") \
SYSCALL( 14, mknod,                   "sou",    'd', IMPL, "") \
SYSCALL( 15, chmod,                   "so",     'd', IMPL, "") \
SYSCALL( 16, lchown,                  "sdd",    'd', IMPL, "") \
SYSCALL( 17, break,                   "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 18, oldstat,                 "sp",     'd', IMPL, "") \
SYSCALL( 19, lseek,                   "ddd",    'd', IMPL, "") \
SYSCALL( 20, getpid,                  "",       'd', IMPL, "") \
SYSCALL( 21, mount,                   "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL( 22, umount,                  "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL( 23, setuid,                  "d",      'd', IMPL, "") \
SYSCALL( 24, getuid,                  "",       'd', IMPL, "") \
SYSCALL( 25, stime,                   "?",      'd', IMPL, "") \
SYSCALL( 26, ptrace,                  "?",      'd', NOSYS, "tracing needs the tracee's guest registers, which only its translator knows") \
SYSCALL( 27, alarm,                   "u",      'd', IMPL, "") \
SYSCALL( 28, oldfstat,                "dp",     'd', IMPL, "") \
SYSCALL( 29, pause,                   "",       'd', IMPL, "") \
SYSCALL( 30, utime,                   "sp",     'd', IMPL, "") \
SYSCALL( 31, stty,                    "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 32, gtty,                    "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 33, access,                  "so",     'd', IMPL, "") \
SYSCALL( 34, nice,                    "d",      'd', IMPL, "") \
SYSCALL( 35, ftime,                   "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 36, sync,                    "",       'd', IMPL, "") \
SYSCALL( 37, kill,                    "dS",     'd', IMPL, "") \
SYSCALL( 38, rename,                  "ss",     'd', IMPL, "") \
SYSCALL( 39, mkdir,                   "so",     'd', IMPL, "") \
SYSCALL( 40, rmdir,                   "s",      'd', IMPL, "") \
SYSCALL( 41, dup,                     "d",      'd', IMPL, "") \
SYSCALL( 42, pipe,                    "p",      'd', IMPL, "") \
SYSCALL( 43, times,                   "p",      'd', IMPL, "") \
SYSCALL( 44, prof,                    "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 45, brk,                     "x",      'x', IMPL, "") \
SYSCALL( 46, setgid,                  "d",      'd', IMPL, "") \
SYSCALL( 47, getgid,                  "",       'd', IMPL, "") \
SYSCALL( 48, signal,                  "Sp",     'd', IMPL, "") \
SYSCALL( 49, geteuid,                 "",       'd', IMPL, "") \
SYSCALL( 50, getegid,                 "",       'd', IMPL, "") \
SYSCALL( 51, acct,                    "?",      'd', NOSYS, "host administration: not passed on by a user-mode translator") \
SYSCALL( 52, umount2,                 "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL( 53, lock,                    "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 54, ioctl,                   "dxx",    'd', IMPL, "") \
SYSCALL( 55, fcntl,                   "dFx",    'd', IMPL, "") \
SYSCALL( 56, mpx,                     "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 57, setpgid,                 "dd",     'd', IMPL, "") \
SYSCALL( 58, ulimit,                  "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 59, oldolduname,             "p",      'd', IMPL, "") \
SYSCALL( 60, umask,                   "o",      'd', IMPL, "") \
SYSCALL( 61, chroot,                  "?",      'd', NOSYS, "the translator's own paths (-L prefix, /proc/self/exe) would break inside it") \
SYSCALL( 62, ustat,                   "?",      'd', NOSYS, "obsolete (statfs replaces it); the generic host ABI (LoongArch) has no ustat") \
SYSCALL( 63, dup2,                    "dd",     'd', IMPL, "") \
SYSCALL( 64, getppid,                 "",       'd', IMPL, "") \
SYSCALL( 65, getpgrp,                 "",       'd', IMPL, "") \
SYSCALL( 66, setsid,                  "",       'd', IMPL, "") \
SYSCALL( 67, sigaction,               "Spp",    'd', IMPL, "") \
SYSCALL( 68, sgetmask,                "?",      'd', IMPL, "") \
SYSCALL( 69, ssetmask,                "?",      'd', IMPL, "") \
SYSCALL( 70, setreuid,                "dd",     'd', IMPL, "") \
SYSCALL( 71, setregid,                "dd",     'd', IMPL, "") \
SYSCALL( 72, sigsuspend,              "?",      'd', IMPL, "") \
SYSCALL( 73, sigpending,              "?",      'd', IMPL, "") \
SYSCALL( 74, sethostname,             "?",      'd', IMPL, "") \
SYSCALL( 75, setrlimit,               "dp",     'd', IMPL, "") \
SYSCALL( 76, getrlimit,               "dp",     'd', IMPL, "") \
SYSCALL( 77, getrusage,               "dp",     'd', IMPL, "") \
SYSCALL( 78, gettimeofday,            "pp",     'd', IMPL, "") \
SYSCALL( 79, settimeofday,            "?",      'd', IMPL, "") \
SYSCALL( 80, getgroups,               "dp",     'd', IMPL, "") \
SYSCALL( 81, setgroups,               "dp",     'd', IMPL, "") \
SYSCALL( 82, select,                  "p",      'd', IMPL, "") \
SYSCALL( 83, symlink,                 "ss",     'd', IMPL, "") \
SYSCALL( 84, oldlstat,                "sp",     'd', IMPL, "") \
SYSCALL( 85, readlink,                "spu",    'd', IMPL, "") \
SYSCALL( 86, uselib,                  "?",      'd', NOSYS, "a.out libraries: a 64-bit kernel without CONFIG_USELIB returns ENOSYS") \
SYSCALL( 87, swapon,                  "?",      'd', NOSYS, "host administration: not passed on by a user-mode translator") \
SYSCALL( 88, reboot,                  "?",      'd', NOSYS, "host administration: not passed on by a user-mode translator") \
SYSCALL( 89, readdir,                 "dpu",    'd', IMPL, "") \
SYSCALL( 90, mmap,                    "p",      'x', IMPL, "") \
SYSCALL( 91, munmap,                  "pu",     'd', IMPL, "") \
SYSCALL( 92, truncate,                "sd",     'd', IMPL, "") \
SYSCALL( 93, ftruncate,               "dd",     'd', IMPL, "") \
SYSCALL( 94, fchmod,                  "do",     'd', IMPL, "") \
SYSCALL( 95, fchown,                  "ddd",    'd', IMPL, "") \
SYSCALL( 96, getpriority,             "dd",     'd', IMPL, "") \
SYSCALL( 97, setpriority,             "ddd",    'd', IMPL, "") \
SYSCALL( 98, profil,                  "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL( 99, statfs,                  "sp",     'd', IMPL, "") \
SYSCALL(100, fstatfs,                 "dp",     'd', IMPL, "") \
SYSCALL(101, ioperm,                  "?",      'd', NOSYS, "port I/O is not translated") \
SYSCALL(102, socketcall,              "dp",     'd', IMPL, "") \
SYSCALL(103, syslog,                  "?",      'd', IMPL, "") \
SYSCALL(104, setitimer,               "?",      'd', IMPL, "") \
SYSCALL(105, getitimer,               "?",      'd', IMPL, "") \
SYSCALL(106, stat,                    "sp",     'd', IMPL, "") \
SYSCALL(107, lstat,                   "sp",     'd', IMPL, "") \
SYSCALL(108, fstat,                   "dp",     'd', IMPL, "") \
SYSCALL(109, olduname,                "p",      'd', IMPL, "") \
SYSCALL(110, iopl,                    "?",      'd', NOSYS, "port I/O is not translated") \
SYSCALL(111, vhangup,                 "?",      'd', IMPL, "") \
SYSCALL(112, idle,                    "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(113, vm86old,                 "?",      'd', NOSYS, "needs virtual-8086 mode; a 64-bit kernel returns ENOSYS too") \
SYSCALL(114, wait4,                   "dpxp",   'd', IMPL, "") \
SYSCALL(115, swapoff,                 "?",      'd', NOSYS, "host administration: not passed on by a user-mode translator") \
SYSCALL(116, sysinfo,                 "p",      'd', IMPL, "") \
SYSCALL(117, ipc,                     "dddxpx", 'd', IMPL, "") \
SYSCALL(118, fsync,                   "d",      'd', IMPL, "") \
SYSCALL(119, sigreturn,               "",       'd', IMPL, "") \
SYSCALL(120, clone,                   "xpppp",  'd', IMPL, "") \
SYSCALL(121, setdomainname,           "?",      'd', IMPL, "") \
SYSCALL(122, uname,                   "p",      'd', IMPL, "") \
SYSCALL(123, modify_ldt,              "?",      'd', IMPL, "") \
SYSCALL(124, adjtimex,                "?",      'd', IMPL, "") \
SYSCALL(125, mprotect,                "puP",    'd', IMPL, "") \
SYSCALL(126, sigprocmask,             "Hpp",    'd', IMPL, "") \
SYSCALL(127, create_module,           "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(128, init_module,             "?",      'd', NOSYS, "kernel modules: would load into the host kernel, not for user mode") \
SYSCALL(129, delete_module,           "?",      'd', NOSYS, "kernel modules: would load into the host kernel, not for user mode") \
SYSCALL(130, get_kernel_syms,         "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(131, quotactl,                "?",      'd', NOSYS, "quota structures not converted") \
SYSCALL(132, getpgid,                 "d",      'd', IMPL, "") \
SYSCALL(133, fchdir,                  "d",      'd', IMPL, "") \
SYSCALL(134, bdflush,                 "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(135, sysfs,                   "?",      'd', NOSYS, "obsolete; the generic host ABI (LoongArch) has no sysfs call") \
SYSCALL(136, personality,             "x",      'd', IMPL, "") \
SYSCALL(137, afs_syscall,             "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(138, setfsuid,                "d",      'd', IMPL, "") \
SYSCALL(139, setfsgid,                "d",      'd', IMPL, "") \
SYSCALL(140, _llseek,                 "dxxpd",  'd', IMPL, "") \
SYSCALL(141, getdents,                "dpu",    'd', IMPL, "") \
SYSCALL(142, _newselect,              "dpppp",  'd', IMPL, "") \
SYSCALL(143, flock,                   "dd",     'd', IMPL, "") \
SYSCALL(144, msync,                   "pux",    'd', IMPL, "") \
SYSCALL(145, readv,                   "dpd",    'd', IMPL, "") \
SYSCALL(146, writev,                  "dpd",    'd', IMPL, "") \
SYSCALL(147, getsid,                  "d",      'd', IMPL, "") \
SYSCALL(148, fdatasync,               "d",      'd', IMPL, "") \
SYSCALL(149, _sysctl,                 "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(150, mlock,                   "pu",     'd', IMPL, "") \
SYSCALL(151, munlock,                 "pu",     'd', IMPL, "") \
SYSCALL(152, mlockall,                "x",      'd', IMPL, "") \
SYSCALL(153, munlockall,              "?",      'd', IMPL, "") \
SYSCALL(154, sched_setparam,          "dp",     'd', IMPL, "") \
SYSCALL(155, sched_getparam,          "dp",     'd', IMPL, "") \
SYSCALL(156, sched_setscheduler,      "ddp",    'd', IMPL, "") \
SYSCALL(157, sched_getscheduler,      "d",      'd', IMPL, "") \
SYSCALL(158, sched_yield,             "",       'd', IMPL, "") \
SYSCALL(159, sched_get_priority_max,  "d",      'd', IMPL, "") \
SYSCALL(160, sched_get_priority_min,  "d",      'd', IMPL, "") \
SYSCALL(161, sched_rr_get_interval,   "dp",     'd', IMPL, "") \
SYSCALL(162, nanosleep,               "pp",     'd', IMPL, "") \
SYSCALL(163, mremap,                  "puuxp",  'x', IMPL, "") \
SYSCALL(164, setresuid,               "ddd",    'd', IMPL, "") \
SYSCALL(165, getresuid,               "ppp",    'd', IMPL, "") \
SYSCALL(166, vm86,                    "?",      'd', NOSYS, "needs virtual-8086 mode; a 64-bit kernel returns ENOSYS too") \
SYSCALL(167, query_module,            "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(168, poll,                    "pdd",    'd', IMPL, "") \
SYSCALL(169, nfsservctl,              "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(170, setresgid,               "ddd",    'd', IMPL, "") \
SYSCALL(171, getresgid,               "ppp",    'd', IMPL, "") \
SYSCALL(172, prctl,                   "dxxxx",  'd', IMPL, "") \
SYSCALL(173, rt_sigreturn,            "",       'd', IMPL, "") \
SYSCALL(174, rt_sigaction,            "Sppu",   'd', IMPL, "") \
SYSCALL(175, rt_sigprocmask,          "Hppu",   'd', IMPL, "") \
SYSCALL(176, rt_sigpending,           "?",      'd', IMPL, "") \
SYSCALL(177, rt_sigtimedwait,         "?",      'd', IMPL, "") \
SYSCALL(178, rt_sigqueueinfo,         "?",      'd', IMPL, "") \
SYSCALL(179, rt_sigsuspend,           "pu",     'd', IMPL, "") \
SYSCALL(180, pread64,                 "dpuxx",  'd', IMPL, "") \
SYSCALL(181, pwrite64,                "dpuxx",  'd', IMPL, "") \
SYSCALL(182, chown,                   "sdd",    'd', IMPL, "") \
SYSCALL(183, getcwd,                  "pu",     'd', IMPL, "") \
SYSCALL(184, capget,                  "pp",     'd', IMPL, "") \
SYSCALL(185, capset,                  "pp",     'd', IMPL, "") \
SYSCALL(186, sigaltstack,             "pp",     'd', IMPL, "") \
SYSCALL(187, sendfile,                "ddpu",   'd', IMPL, "") \
SYSCALL(188, getpmsg,                 "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(189, putpmsg,                 "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(190, vfork,                   "",       'd', IMPL, "") \
SYSCALL(191, ugetrlimit,              "dp",     'd', IMPL, "") \
SYSCALL(192, mmap2,                   "puPMdx", 'x', IMPL, "") \
SYSCALL(193, truncate64,              "sxx",    'd', IMPL, "") \
SYSCALL(194, ftruncate64,             "dxx",    'd', IMPL, "") \
SYSCALL(195, stat64,                  "sp",     'd', IMPL, "") \
SYSCALL(196, lstat64,                 "sp",     'd', IMPL, "") \
SYSCALL(197, fstat64,                 "dp",     'd', IMPL, "") \
SYSCALL(198, lchown32,                "sdd",    'd', IMPL, "") \
SYSCALL(199, getuid32,                "",       'd', IMPL, "") \
SYSCALL(200, getgid32,                "",       'd', IMPL, "") \
SYSCALL(201, geteuid32,               "",       'd', IMPL, "") \
SYSCALL(202, getegid32,               "",       'd', IMPL, "") \
SYSCALL(203, setreuid32,              "dd",     'd', IMPL, "") \
SYSCALL(204, setregid32,              "dd",     'd', IMPL, "") \
SYSCALL(205, getgroups32,             "dp",     'd', IMPL, "") \
SYSCALL(206, setgroups32,             "dp",     'd', IMPL, "") \
SYSCALL(207, fchown32,                "ddd",    'd', IMPL, "") \
SYSCALL(208, setresuid32,             "ddd",    'd', IMPL, "") \
SYSCALL(209, getresuid32,             "ppp",    'd', IMPL, "") \
SYSCALL(210, setresgid32,             "ddd",    'd', IMPL, "") \
SYSCALL(211, getresgid32,             "ppp",    'd', IMPL, "") \
SYSCALL(212, chown32,                 "sdd",    'd', IMPL, "") \
SYSCALL(213, setuid32,                "d",      'd', IMPL, "") \
SYSCALL(214, setgid32,                "d",      'd', IMPL, "") \
SYSCALL(215, setfsuid32,              "d",      'd', IMPL, "") \
SYSCALL(216, setfsgid32,              "d",      'd', IMPL, "") \
SYSCALL(217, pivot_root,              "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(218, mincore,                 "pup",    'd', IMPL, "") \
SYSCALL(219, madvise,                 "pud",    'd', IMPL, "") \
SYSCALL(220, getdents64,              "dpu",    'd', IMPL, "") \
SYSCALL(221, fcntl64,                 "dFx",    'd', IMPL, "") \
SYSCALL(224, gettid,                  "",       'd', IMPL, "") \
SYSCALL(225, readahead,               "dxxu",   'd', IMPL, "") \
SYSCALL(226, setxattr,                "sspux",  'd', IMPL, "") \
SYSCALL(227, lsetxattr,               "sspux",  'd', IMPL, "") \
SYSCALL(228, fsetxattr,               "dspux",  'd', IMPL, "") \
SYSCALL(229, getxattr,                "sspu",   'd', IMPL, "") \
SYSCALL(230, lgetxattr,               "sspu",   'd', IMPL, "") \
SYSCALL(231, fgetxattr,               "dspu",   'd', IMPL, "") \
SYSCALL(232, listxattr,               "spu",    'd', IMPL, "") \
SYSCALL(233, llistxattr,              "spu",    'd', IMPL, "") \
SYSCALL(234, flistxattr,              "dpu",    'd', IMPL, "") \
SYSCALL(235, removexattr,             "ss",     'd', IMPL, "") \
SYSCALL(236, lremovexattr,            "ss",     'd', IMPL, "") \
SYSCALL(237, fremovexattr,            "ds",     'd', IMPL, "") \
SYSCALL(238, tkill,                   "dS",     'd', IMPL, "") \
SYSCALL(239, sendfile64,              "ddpu",   'd', IMPL, "") \
SYSCALL(240, futex,                   "pddpxd", 'd', IMPL, "") \
SYSCALL(241, sched_setaffinity,       "dup",    'd', IMPL, "") \
SYSCALL(242, sched_getaffinity,       "dup",    'd', IMPL, "") \
SYSCALL(243, set_thread_area,         "p",      'd', IMPL, "") \
SYSCALL(244, get_thread_area,         "p",      'd', IMPL, "") \
SYSCALL(245, io_setup,                "?",      'd', NOSYS, "Linux AIO: the kernel maps the ring (the context id) outside the guest's 4 GiB; iocbs hold guest pointers (glibc's POSIX AIO uses threads)") \
SYSCALL(246, io_destroy,              "?",      'd', NOSYS, "Linux AIO: the kernel maps the ring (the context id) outside the guest's 4 GiB; iocbs hold guest pointers (glibc's POSIX AIO uses threads)") \
SYSCALL(247, io_getevents,            "?",      'd', NOSYS, "Linux AIO: the kernel maps the ring (the context id) outside the guest's 4 GiB; iocbs hold guest pointers (glibc's POSIX AIO uses threads)") \
SYSCALL(248, io_submit,               "?",      'd', NOSYS, "Linux AIO: the kernel maps the ring (the context id) outside the guest's 4 GiB; iocbs hold guest pointers (glibc's POSIX AIO uses threads)") \
SYSCALL(249, io_cancel,               "?",      'd', NOSYS, "Linux AIO: the kernel maps the ring (the context id) outside the guest's 4 GiB; iocbs hold guest pointers (glibc's POSIX AIO uses threads)") \
SYSCALL(250, fadvise64,               "dxxud",  'd', IMPL, "") \
SYSCALL(252, exit_group,              "d",      'd', IMPL, "") \
SYSCALL(253, lookup_dcookie,          "?",      'd', NOSYS, "oprofile cookies: privileged kernel profiler interface") \
SYSCALL(254, epoll_create,            "d",      'd', IMPL, "") \
SYSCALL(255, epoll_ctl,               "dddp",   'd', IMPL, "") \
SYSCALL(256, epoll_wait,              "dpdd",   'd', IMPL, "") \
SYSCALL(257, remap_file_pages,        "?",      'd', NOSYS, "deprecated; would bypass the guest page table of mmap.c") \
SYSCALL(258, set_tid_address,         "p",      'd', IMPL, "") \
SYSCALL(259, timer_create,            "?",      'd', IMPL, "") \
SYSCALL(260, timer_settime,           "?",      'd', IMPL, "") \
SYSCALL(261, timer_gettime,           "?",      'd', IMPL, "") \
SYSCALL(262, timer_getoverrun,        "?",      'd', IMPL, "") \
SYSCALL(263, timer_delete,            "?",      'd', IMPL, "") \
SYSCALL(264, clock_settime,           "?",      'd', IMPL, "") \
SYSCALL(265, clock_gettime,           "dp",     'd', IMPL, "") \
SYSCALL(266, clock_getres,            "dp",     'd', IMPL, "") \
SYSCALL(267, clock_nanosleep,         "ddpp",   'd', IMPL, "") \
SYSCALL(268, statfs64,                "sup",    'd', IMPL, "") \
SYSCALL(269, fstatfs64,               "dup",    'd', IMPL, "") \
SYSCALL(270, tgkill,                  "ddS",    'd', IMPL, "") \
SYSCALL(271, utimes,                  "sp",     'd', IMPL, "") \
SYSCALL(272, fadvise64_64,            "dxxxxd", 'd', IMPL, "") \
SYSCALL(273, vserver,                 "?",      'd', NOSYS, "not implemented by Linux either (the kernel returns ENOSYS)") \
SYSCALL(274, mbind,                   "pudpux", 'd', IMPL, "") \
SYSCALL(275, get_mempolicy,           "ppupx",  'd', IMPL, "") \
SYSCALL(276, set_mempolicy,           "dpu",    'd', IMPL, "") \
SYSCALL(277, mq_open,                 "sOop",   'd', IMPL, "") \
SYSCALL(278, mq_unlink,               "s",      'd', IMPL, "") \
SYSCALL(279, mq_timedsend,            "?",      'd', IMPL, "") \
SYSCALL(280, mq_timedreceive,         "?",      'd', IMPL, "") \
SYSCALL(281, mq_notify,               "?",      'd', IMPL, "") \
SYSCALL(282, mq_getsetattr,           "?",      'd', IMPL, "") \
SYSCALL(283, kexec_load,              "?",      'd', NOSYS, "privileged, replaces the host kernel: not for user mode") \
SYSCALL(284, waitid,                  "ddpxp",  'd', IMPL, "") \
SYSCALL(286, add_key,                 "?",      'd', NOSYS, "kernel keyrings: per-operation argument conversion not written") \
SYSCALL(287, request_key,             "?",      'd', NOSYS, "kernel keyrings: per-operation argument conversion not written") \
SYSCALL(288, keyctl,                  "?",      'd', NOSYS, "kernel keyrings: per-operation argument conversion not written") \
SYSCALL(289, ioprio_set,              "ddd",    'd', IMPL, "") \
SYSCALL(290, ioprio_get,              "dd",     'd', IMPL, "") \
SYSCALL(291, inotify_init,            "?",      'd', IMPL, "") \
SYSCALL(292, inotify_add_watch,       "dsx",    'd', IMPL, "") \
SYSCALL(293, inotify_rm_watch,        "dd",     'd', IMPL, "") \
SYSCALL(294, migrate_pages,           "?",      'd', IMPL, "") \
SYSCALL(295, openat,                  "DsOo",   'd', IMPL, "") \
SYSCALL(296, mkdirat,                 "Dso",    'd', IMPL, "") \
SYSCALL(297, mknodat,                 "Dsou",   'd', IMPL, "") \
SYSCALL(298, fchownat,                "DsddA",  'd', IMPL, "") \
SYSCALL(299, futimesat,               "Dsp",    'd', IMPL, "") \
SYSCALL(300, fstatat64,               "DspA",   'd', IMPL, "") \
SYSCALL(301, unlinkat,                "DsA",    'd', IMPL, "") \
SYSCALL(302, renameat,                "dsds",   'd', IMPL, "") \
SYSCALL(303, linkat,                  "DsDsA",  'd', IMPL, "") \
SYSCALL(304, symlinkat,               "sDs",    'd', IMPL, "") \
SYSCALL(305, readlinkat,              "Dspu",   'd', IMPL, "") \
SYSCALL(306, fchmodat,                "Dso",    'd', IMPL, "") \
SYSCALL(307, faccessat,               "Dso",    'd', IMPL, "") \
SYSCALL(308, pselect6,                "dppppp", 'd', IMPL, "") \
SYSCALL(309, ppoll,                   "pdppu",  'd', IMPL, "") \
SYSCALL(310, unshare,                 "x",      'd', IMPL, "") \
SYSCALL(311, set_robust_list,         "pu",     'd', IMPL, "") \
SYSCALL(312, get_robust_list,         "dpp",    'd', IMPL, "") \
SYSCALL(313, splice,                  "dpdpux", 'd', IMPL, "") \
SYSCALL(314, sync_file_range,         "dxxxxx", 'd', IMPL, "") \
SYSCALL(315, tee,                     "ddux",   'd', IMPL, "") \
SYSCALL(316, vmsplice,                "dpux",   'd', IMPL, "") \
SYSCALL(317, move_pages,              "?",      'd', IMPL, "") \
SYSCALL(318, getcpu,                  "ppp",    'd', IMPL, "") \
SYSCALL(319, epoll_pwait,             "dpddpu", 'd', IMPL, "") \
SYSCALL(320, utimensat,               "DspA",   'd', IMPL, "") \
SYSCALL(321, signalfd,                "dpu",    'd', IMPL, "") \
SYSCALL(322, timerfd_create,          "dx",     'd', IMPL, "") \
SYSCALL(323, eventfd,                 "u",      'd', IMPL, "") \
SYSCALL(324, fallocate,               "ddxxxx", 'd', IMPL, "") \
SYSCALL(325, timerfd_settime,         "?",      'd', IMPL, "") \
SYSCALL(326, timerfd_gettime,         "?",      'd', IMPL, "") \
SYSCALL(327, signalfd4,               "dpux",   'd', IMPL, "") \
SYSCALL(328, eventfd2,                "ux",     'd', IMPL, "") \
SYSCALL(329, epoll_create1,           "x",      'd', IMPL, "") \
SYSCALL(330, dup3,                    "ddx",    'd', IMPL, "") \
SYSCALL(331, pipe2,                   "px",     'd', IMPL, "") \
SYSCALL(332, inotify_init1,           "x",      'd', IMPL, "") \
SYSCALL(333, preadv,                  "dpdxx",  'd', IMPL, "") \
SYSCALL(334, pwritev,                 "dpdxx",  'd', IMPL, "") \
SYSCALL(335, rt_tgsigqueueinfo,       "?",      'd', IMPL, "") \
SYSCALL(336, perf_event_open,         "?",      'd', NOSYS, "counters of the translator's thread would not count guest instructions") \
SYSCALL(337, recvmmsg,                "dpuxp",  'd', IMPL, "") \
SYSCALL(338, fanotify_init,           "?",      'd', IMPL, "") \
SYSCALL(339, fanotify_mark,           "?",      'd', IMPL, "") \
SYSCALL(340, prlimit64,               "ddpp",   'd', IMPL, "") \
SYSCALL(341, name_to_handle_at,       "?",      'd', IMPL, "") \
SYSCALL(342, open_by_handle_at,       "?",      'd', IMPL, "") \
SYSCALL(343, clock_adjtime,           "?",      'd', IMPL, "") \
SYSCALL(344, syncfs,                  "d",      'd', IMPL, "") \
SYSCALL(345, sendmmsg,                "dpux",   'd', IMPL, "") \
SYSCALL(346, setns,                   "dx",     'd', IMPL, "") \
SYSCALL(347, process_vm_readv,        "?",      'd', NOSYS, "another process's guest memory sits at its own guest_base") \
SYSCALL(348, process_vm_writev,       "?",      'd', NOSYS, "another process's guest memory sits at its own guest_base") \
SYSCALL(349, kcmp,                    "ddddd",  'd', IMPL, "") \
SYSCALL(350, finit_module,            "?",      'd', NOSYS, "kernel modules: would load into the host kernel, not for user mode") \
SYSCALL(351, sched_setattr,           "dpx",    'd', IMPL, "") \
SYSCALL(352, sched_getattr,           "dpux",   'd', IMPL, "") \
SYSCALL(353, renameat2,               "DsDsx",  'd', IMPL, "") \
SYSCALL(354, seccomp,                 "?",      'd', NOSYS, "filters would apply to the translator's own host calls") \
SYSCALL(355, getrandom,               "pux",    'd', IMPL, "") \
SYSCALL(356, memfd_create,            "sx",     'd', IMPL, "") \
SYSCALL(357, bpf,                     "?",      'd', NOSYS, "eBPF programs: privileged, layouts not converted") \
SYSCALL(358, execveat,                "Dsppx",  'd', IMPL, "") \
SYSCALL(359, socket,                  "ddd",    'd', IMPL, "") \
SYSCALL(360, socketpair,              "?",      'd', IMPL, "") \
SYSCALL(361, bind,                    "?",      'd', IMPL, "") \
SYSCALL(362, connect,                 "dpu",    'd', IMPL, "") \
SYSCALL(363, listen,                  "?",      'd', IMPL, "") \
SYSCALL(364, accept4,                 "?",      'd', IMPL, "") \
SYSCALL(365, getsockopt,              "?",      'd', IMPL, "") \
SYSCALL(366, setsockopt,              "?",      'd', IMPL, "") \
SYSCALL(367, getsockname,             "?",      'd', IMPL, "") \
SYSCALL(368, getpeername,             "?",      'd', IMPL, "") \
SYSCALL(369, sendto,                  "?",      'd', IMPL, "") \
SYSCALL(370, sendmsg,                 "?",      'd', IMPL, "") \
SYSCALL(371, recvfrom,                "?",      'd', IMPL, "") \
SYSCALL(372, recvmsg,                 "?",      'd', IMPL, "") \
SYSCALL(373, shutdown,                "?",      'd', IMPL, "") \
SYSCALL(374, userfaultfd,             "?",      'd', NOSYS, "faults would be taken on the translator's accesses too") \
SYSCALL(375, membarrier,              "dxd",    'd', IMPL, "") \
SYSCALL(376, mlock2,                  "?",      'd', IMPL, "") \
SYSCALL(377, copy_file_range,         "dpdpux", 'd', IMPL, "") \
SYSCALL(378, preadv2,                 "dpdxxx", 'd', IMPL, "") \
SYSCALL(379, pwritev2,                "dpdxxx", 'd', IMPL, "") \
SYSCALL(380, pkey_mprotect,           "?",      'd', NOSYS, "protection keys are not tracked by the guest page table") \
SYSCALL(381, pkey_alloc,              "?",      'd', NOSYS, "protection keys are not tracked by the guest page table") \
SYSCALL(382, pkey_free,               "?",      'd', NOSYS, "protection keys are not tracked by the guest page table") \
SYSCALL(383, statx,                   "DsAxp",  'd', IMPL, "") \
SYSCALL(384, arch_prctl,              "dx",     'd', IMPL, "") \
SYSCALL(385, io_pgetevents,           "?",      'd', NOSYS, "Linux AIO: the kernel maps the ring (the context id) outside the guest's 4 GiB; iocbs hold guest pointers (glibc's POSIX AIO uses threads)") \
SYSCALL(386, rseq,                    "pudx",   'd', NOSYS, "glibc works without it; restartable sequences need the translator to abort guest critical sections") \
SYSCALL(393, semget,                  "ddx",    'd', IMPL, "") \
SYSCALL(394, semctl,                  "dddx",   'd', IMPL, "") \
SYSCALL(395, shmget,                  "dux",    'd', IMPL, "") \
SYSCALL(396, shmctl,                  "ddp",    'd', IMPL, "") \
SYSCALL(397, shmat,                   "dpx",    'd', IMPL, "") \
SYSCALL(398, shmdt,                   "p",      'd', IMPL, "") \
SYSCALL(399, msgget,                  "dx",     'd', IMPL, "") \
SYSCALL(400, msgsnd,                  "dpux",   'd', IMPL, "") \
SYSCALL(401, msgrcv,                  "dpudx",  'd', IMPL, "") \
SYSCALL(402, msgctl,                  "ddp",    'd', IMPL, "") \
SYSCALL(403, clock_gettime64,         "dp",     'd', IMPL, "") \
SYSCALL(404, clock_settime64,         "?",      'd', IMPL, "") \
SYSCALL(405, clock_adjtime64,         "?",      'd', IMPL, "") \
SYSCALL(406, clock_getres_time64,     "dp",     'd', IMPL, "") \
SYSCALL(407, clock_nanosleep_time64,  "ddpp",   'd', IMPL, "") \
SYSCALL(408, timer_gettime64,         "?",      'd', IMPL, "") \
SYSCALL(409, timer_settime64,         "?",      'd', IMPL, "") \
SYSCALL(410, timerfd_gettime64,       "?",      'd', IMPL, "") \
SYSCALL(411, timerfd_settime64,       "?",      'd', IMPL, "") \
SYSCALL(412, utimensat_time64,        "?",      'd', IMPL, "") \
SYSCALL(413, pselect6_time64,         "dppppp", 'd', IMPL, "") \
SYSCALL(414, ppoll_time64,            "pdppu",  'd', IMPL, "") \
SYSCALL(416, io_pgetevents_time64,    "?",      'd', NOSYS, "Linux AIO: the kernel maps the ring (the context id) outside the guest's 4 GiB; iocbs hold guest pointers (glibc's POSIX AIO uses threads)") \
SYSCALL(417, recvmmsg_time64,         "?",      'd', IMPL, "") \
SYSCALL(418, mq_timedsend_time64,     "?",      'd', IMPL, "") \
SYSCALL(419, mq_timedreceive_time64,  "?",      'd', IMPL, "") \
SYSCALL(420, semtimedop_time64,       "?",      'd', IMPL, "") \
SYSCALL(421, rt_sigtimedwait_time64,  "?",      'd', IMPL, "") \
SYSCALL(422, futex_time64,            "pddpxd", 'd', IMPL, "") \
SYSCALL(423, sched_rr_get_interval_time64, "?",      'd', IMPL, "") \
SYSCALL(424, pidfd_send_signal,       "?",      'd', IMPL, "") \
SYSCALL(425, io_uring_setup,          "?",      'd', NOSYS, "io_uring rings carry guest pointers the host kernel cannot follow") \
SYSCALL(426, io_uring_enter,          "?",      'd', NOSYS, "io_uring rings carry guest pointers the host kernel cannot follow") \
SYSCALL(427, io_uring_register,       "?",      'd', NOSYS, "io_uring rings carry guest pointers the host kernel cannot follow") \
SYSCALL(428, open_tree,               "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(429, move_mount,              "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(430, fsopen,                  "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(431, fsconfig,                "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(432, fsmount,                 "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(433, fspick,                  "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(434, pidfd_open,              "dx",     'd', IMPL, "") \
SYSCALL(435, clone3,                  "?",      'd', NOSYS, "glibc falls back to clone on ENOSYS; struct clone_args not converted") \
SYSCALL(436, close_range,             "ddx",    'd', IMPL, "") \
SYSCALL(437, openat2,                 "Dspu",   'd', IMPL, "") \
SYSCALL(438, pidfd_getfd,             "ddx",    'd', IMPL, "") \
SYSCALL(439, faccessat2,              "DsoA",   'd', IMPL, "") \
SYSCALL(440, process_madvise,         "?",      'd', NOSYS, "another process's guest layout is not known here") \
SYSCALL(441, epoll_pwait2,            "?",      'd', IMPL, "") \
SYSCALL(442, mount_setattr,           "?",      'd', NOSYS, "mounting changes the host's namespaces: not for user-mode guests") \
SYSCALL(443, quotactl_fd,             "?",      'd', NOSYS, "quota structures not converted") \
SYSCALL(444, landlock_create_ruleset, "?",      'd', NOSYS, "sandboxing would confine the translator too") \
SYSCALL(445, landlock_add_rule,       "?",      'd', NOSYS, "sandboxing would confine the translator too") \
SYSCALL(446, landlock_restrict_self,  "?",      'd', NOSYS, "sandboxing would confine the translator too") \
SYSCALL(447, memfd_secret,            "?",      'd', NOSYS, "secret memory cannot be placed in the guest reservation") \
SYSCALL(448, process_mrelease,        "?",      'd', NOSYS, "another process's guest layout is not known here") \
SYSCALL(449, futex_waitv,             "?",      'd', IMPL, "") \
SYSCALL(450, set_mempolicy_home_node, "?",      'd', IMPL, "") \

