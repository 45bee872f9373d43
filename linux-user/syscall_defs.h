/*
 * syscall_defs.h - the i386 Linux system call interface as the guest sees it: the one table of
 * syscall numbers (with argument formats for -strace), and the guest (32-bit) layouts of the
 * structures the syscall layer converts. Numbers and layouts are facts of the i386 ABI.
 */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include "loongbt-common.h"

/* ------------------------------------------------------------------------------------------
 * Syscall table: SYSCALL(number, name, argument formats, return format).
 * Argument format characters (one per argument, for -strace):
 *   d signed int   u unsigned   x hex   o octal   p guest pointer   s guest string
 *   O open flags   P mmap/mprotect protection   M mmap flags   A AT_* flags
 *   D directory fd (AT_FDCWD)   S signal number   F fcntl command   H sigprocmask how
 * "?" means the arguments are not described (strace prints the first three in hex).
 * Return format: 'd' signed (negative = -errno), 'x' address (mmap, brk).
 * ------------------------------------------------------------------------------------------ */
#define SYSCALL_LIST(SYSCALL) \
SYSCALL(  0, restart_syscall,         "?", 'd') \
SYSCALL(  1, exit,                    "d", 'd') \
SYSCALL(  2, fork,                    "", 'd') \
SYSCALL(  3, read,                    "dpu", 'd') \
SYSCALL(  4, write,                   "dpu", 'd') \
SYSCALL(  5, open,                    "sOo", 'd') \
SYSCALL(  6, close,                   "d", 'd') \
SYSCALL(  7, waitpid,                 "dpx", 'd') \
SYSCALL(  8, creat,                   "so", 'd') \
SYSCALL(  9, link,                    "ss", 'd') \
SYSCALL( 10, unlink,                  "s", 'd') \
SYSCALL( 11, execve,                  "spp", 'd') \
SYSCALL( 12, chdir,                   "s", 'd') \
SYSCALL( 13, time,                    "p", 'd') \
SYSCALL( 14, mknod,                   "?", 'd') \
SYSCALL( 15, chmod,                   "so", 'd') \
SYSCALL( 16, lchown,                  "?", 'd') \
SYSCALL( 17, break,                   "?", 'd') \
SYSCALL( 18, oldstat,                 "?", 'd') \
SYSCALL( 19, lseek,                   "ddd", 'd') \
SYSCALL( 20, getpid,                  "", 'd') \
SYSCALL( 21, mount,                   "?", 'd') \
SYSCALL( 22, umount,                  "?", 'd') \
SYSCALL( 23, setuid,                  "d", 'd') \
SYSCALL( 24, getuid,                  "", 'd') \
SYSCALL( 25, stime,                   "?", 'd') \
SYSCALL( 26, ptrace,                  "?", 'd') \
SYSCALL( 27, alarm,                   "u", 'd') \
SYSCALL( 28, oldfstat,                "?", 'd') \
SYSCALL( 29, pause,                   "", 'd') \
SYSCALL( 30, utime,                   "?", 'd') \
SYSCALL( 31, stty,                    "?", 'd') \
SYSCALL( 32, gtty,                    "?", 'd') \
SYSCALL( 33, access,                  "so", 'd') \
SYSCALL( 34, nice,                    "?", 'd') \
SYSCALL( 35, ftime,                   "?", 'd') \
SYSCALL( 36, sync,                    "", 'd') \
SYSCALL( 37, kill,                    "dS", 'd') \
SYSCALL( 38, rename,                  "ss", 'd') \
SYSCALL( 39, mkdir,                   "so", 'd') \
SYSCALL( 40, rmdir,                   "s", 'd') \
SYSCALL( 41, dup,                     "d", 'd') \
SYSCALL( 42, pipe,                    "p", 'd') \
SYSCALL( 43, times,                   "p", 'd') \
SYSCALL( 44, prof,                    "?", 'd') \
SYSCALL( 45, brk,                     "x", 'x') \
SYSCALL( 46, setgid,                  "d", 'd') \
SYSCALL( 47, getgid,                  "", 'd') \
SYSCALL( 48, signal,                  "Sp", 'd') \
SYSCALL( 49, geteuid,                 "", 'd') \
SYSCALL( 50, getegid,                 "", 'd') \
SYSCALL( 51, acct,                    "?", 'd') \
SYSCALL( 52, umount2,                 "?", 'd') \
SYSCALL( 53, lock,                    "?", 'd') \
SYSCALL( 54, ioctl,                   "dxx", 'd') \
SYSCALL( 55, fcntl,                   "dFx", 'd') \
SYSCALL( 56, mpx,                     "?", 'd') \
SYSCALL( 57, setpgid,                 "dd", 'd') \
SYSCALL( 58, ulimit,                  "?", 'd') \
SYSCALL( 59, oldolduname,             "?", 'd') \
SYSCALL( 60, umask,                   "o", 'd') \
SYSCALL( 61, chroot,                  "?", 'd') \
SYSCALL( 62, ustat,                   "?", 'd') \
SYSCALL( 63, dup2,                    "dd", 'd') \
SYSCALL( 64, getppid,                 "", 'd') \
SYSCALL( 65, getpgrp,                 "", 'd') \
SYSCALL( 66, setsid,                  "", 'd') \
SYSCALL( 67, sigaction,               "Spp", 'd') \
SYSCALL( 68, sgetmask,                "?", 'd') \
SYSCALL( 69, ssetmask,                "?", 'd') \
SYSCALL( 70, setreuid,                "?", 'd') \
SYSCALL( 71, setregid,                "?", 'd') \
SYSCALL( 72, sigsuspend,              "?", 'd') \
SYSCALL( 73, sigpending,              "?", 'd') \
SYSCALL( 74, sethostname,             "?", 'd') \
SYSCALL( 75, setrlimit,               "dp", 'd') \
SYSCALL( 76, getrlimit,               "dp", 'd') \
SYSCALL( 77, getrusage,               "?", 'd') \
SYSCALL( 78, gettimeofday,            "pp", 'd') \
SYSCALL( 79, settimeofday,            "?", 'd') \
SYSCALL( 80, getgroups,               "?", 'd') \
SYSCALL( 81, setgroups,               "?", 'd') \
SYSCALL( 82, select,                  "p", 'd') \
SYSCALL( 83, symlink,                 "ss", 'd') \
SYSCALL( 84, oldlstat,                "?", 'd') \
SYSCALL( 85, readlink,                "spu", 'd') \
SYSCALL( 86, uselib,                  "?", 'd') \
SYSCALL( 87, swapon,                  "?", 'd') \
SYSCALL( 88, reboot,                  "?", 'd') \
SYSCALL( 89, readdir,                 "?", 'd') \
SYSCALL( 90, mmap,                    "p", 'x') \
SYSCALL( 91, munmap,                  "pu", 'd') \
SYSCALL( 92, truncate,                "?", 'd') \
SYSCALL( 93, ftruncate,               "dd", 'd') \
SYSCALL( 94, fchmod,                  "do", 'd') \
SYSCALL( 95, fchown,                  "?", 'd') \
SYSCALL( 96, getpriority,             "dd", 'd') \
SYSCALL( 97, setpriority,             "ddd", 'd') \
SYSCALL( 98, profil,                  "?", 'd') \
SYSCALL( 99, statfs,                  "sp", 'd') \
SYSCALL(100, fstatfs,                 "dp", 'd') \
SYSCALL(101, ioperm,                  "?", 'd') \
SYSCALL(102, socketcall,              "dp", 'd') \
SYSCALL(103, syslog,                  "?", 'd') \
SYSCALL(104, setitimer,               "?", 'd') \
SYSCALL(105, getitimer,               "?", 'd') \
SYSCALL(106, stat,                    "sp", 'd') \
SYSCALL(107, lstat,                   "sp", 'd') \
SYSCALL(108, fstat,                   "dp", 'd') \
SYSCALL(109, olduname,                "?", 'd') \
SYSCALL(110, iopl,                    "?", 'd') \
SYSCALL(111, vhangup,                 "?", 'd') \
SYSCALL(112, idle,                    "?", 'd') \
SYSCALL(113, vm86old,                 "?", 'd') \
SYSCALL(114, wait4,                   "dpxp", 'd') \
SYSCALL(115, swapoff,                 "?", 'd') \
SYSCALL(116, sysinfo,                 "p", 'd') \
SYSCALL(117, ipc,                     "?", 'd') \
SYSCALL(118, fsync,                   "d", 'd') \
SYSCALL(119, sigreturn,               "", 'd') \
SYSCALL(120, clone,                   "xpppp", 'd') \
SYSCALL(121, setdomainname,           "?", 'd') \
SYSCALL(122, uname,                   "p", 'd') \
SYSCALL(123, modify_ldt,              "?", 'd') \
SYSCALL(124, adjtimex,                "?", 'd') \
SYSCALL(125, mprotect,                "puP", 'd') \
SYSCALL(126, sigprocmask,             "Hpp", 'd') \
SYSCALL(127, create_module,           "?", 'd') \
SYSCALL(128, init_module,             "?", 'd') \
SYSCALL(129, delete_module,           "?", 'd') \
SYSCALL(130, get_kernel_syms,         "?", 'd') \
SYSCALL(131, quotactl,                "?", 'd') \
SYSCALL(132, getpgid,                 "d", 'd') \
SYSCALL(133, fchdir,                  "d", 'd') \
SYSCALL(134, bdflush,                 "?", 'd') \
SYSCALL(135, sysfs,                   "?", 'd') \
SYSCALL(136, personality,             "x", 'd') \
SYSCALL(137, afs_syscall,             "?", 'd') \
SYSCALL(138, setfsuid,                "?", 'd') \
SYSCALL(139, setfsgid,                "?", 'd') \
SYSCALL(140, _llseek,                 "dxxpd", 'd') \
SYSCALL(141, getdents,                "?", 'd') \
SYSCALL(142, _newselect,              "dpppp", 'd') \
SYSCALL(143, flock,                   "dd", 'd') \
SYSCALL(144, msync,                   "?", 'd') \
SYSCALL(145, readv,                   "dpd", 'd') \
SYSCALL(146, writev,                  "dpd", 'd') \
SYSCALL(147, getsid,                  "d", 'd') \
SYSCALL(148, fdatasync,               "d", 'd') \
SYSCALL(149, _sysctl,                 "?", 'd') \
SYSCALL(150, mlock,                   "?", 'd') \
SYSCALL(151, munlock,                 "?", 'd') \
SYSCALL(152, mlockall,                "?", 'd') \
SYSCALL(153, munlockall,              "?", 'd') \
SYSCALL(154, sched_setparam,          "?", 'd') \
SYSCALL(155, sched_getparam,          "dp", 'd') \
SYSCALL(156, sched_setscheduler,      "?", 'd') \
SYSCALL(157, sched_getscheduler,      "?", 'd') \
SYSCALL(158, sched_yield,             "", 'd') \
SYSCALL(159, sched_get_priority_max,  "?", 'd') \
SYSCALL(160, sched_get_priority_min,  "?", 'd') \
SYSCALL(161, sched_rr_get_interval,   "?", 'd') \
SYSCALL(162, nanosleep,               "pp", 'd') \
SYSCALL(163, mremap,                  "puuxp", 'x') \
SYSCALL(164, setresuid,               "?", 'd') \
SYSCALL(165, getresuid,               "?", 'd') \
SYSCALL(166, vm86,                    "?", 'd') \
SYSCALL(167, query_module,            "?", 'd') \
SYSCALL(168, poll,                    "pdd", 'd') \
SYSCALL(169, nfsservctl,              "?", 'd') \
SYSCALL(170, setresgid,               "?", 'd') \
SYSCALL(171, getresgid,               "?", 'd') \
SYSCALL(172, prctl,                   "dxxxx", 'd') \
SYSCALL(173, rt_sigreturn,            "", 'd') \
SYSCALL(174, rt_sigaction,            "Sppu", 'd') \
SYSCALL(175, rt_sigprocmask,          "Hppu", 'd') \
SYSCALL(176, rt_sigpending,           "?", 'd') \
SYSCALL(177, rt_sigtimedwait,         "?", 'd') \
SYSCALL(178, rt_sigqueueinfo,         "?", 'd') \
SYSCALL(179, rt_sigsuspend,           "pu", 'd') \
SYSCALL(180, pread64,                 "dpuxx", 'd') \
SYSCALL(181, pwrite64,                "dpuxx", 'd') \
SYSCALL(182, chown,                   "?", 'd') \
SYSCALL(183, getcwd,                  "pu", 'd') \
SYSCALL(184, capget,                  "?", 'd') \
SYSCALL(185, capset,                  "?", 'd') \
SYSCALL(186, sigaltstack,             "pp", 'd') \
SYSCALL(187, sendfile,                "?", 'd') \
SYSCALL(188, getpmsg,                 "?", 'd') \
SYSCALL(189, putpmsg,                 "?", 'd') \
SYSCALL(190, vfork,                   "", 'd') \
SYSCALL(191, ugetrlimit,              "dp", 'd') \
SYSCALL(192, mmap2,                   "puPMdx", 'x') \
SYSCALL(193, truncate64,              "sxx", 'd') \
SYSCALL(194, ftruncate64,             "dxx", 'd') \
SYSCALL(195, stat64,                  "sp", 'd') \
SYSCALL(196, lstat64,                 "sp", 'd') \
SYSCALL(197, fstat64,                 "dp", 'd') \
SYSCALL(198, lchown32,                "sdd", 'd') \
SYSCALL(199, getuid32,                "", 'd') \
SYSCALL(200, getgid32,                "", 'd') \
SYSCALL(201, geteuid32,               "", 'd') \
SYSCALL(202, getegid32,               "", 'd') \
SYSCALL(203, setreuid32,              "?", 'd') \
SYSCALL(204, setregid32,              "?", 'd') \
SYSCALL(205, getgroups32,             "dp", 'd') \
SYSCALL(206, setgroups32,             "?", 'd') \
SYSCALL(207, fchown32,                "ddd", 'd') \
SYSCALL(208, setresuid32,             "?", 'd') \
SYSCALL(209, getresuid32,             "ppp", 'd') \
SYSCALL(210, setresgid32,             "?", 'd') \
SYSCALL(211, getresgid32,             "ppp", 'd') \
SYSCALL(212, chown32,                 "sdd", 'd') \
SYSCALL(213, setuid32,                "d", 'd') \
SYSCALL(214, setgid32,                "d", 'd') \
SYSCALL(215, setfsuid32,              "?", 'd') \
SYSCALL(216, setfsgid32,              "?", 'd') \
SYSCALL(217, pivot_root,              "?", 'd') \
SYSCALL(218, mincore,                 "?", 'd') \
SYSCALL(219, madvise,                 "pud", 'd') \
SYSCALL(220, getdents64,              "dpu", 'd') \
SYSCALL(221, fcntl64,                 "dFx", 'd') \
SYSCALL(224, gettid,                  "", 'd') \
SYSCALL(225, readahead,               "?", 'd') \
SYSCALL(226, setxattr,                "?", 'd') \
SYSCALL(227, lsetxattr,               "?", 'd') \
SYSCALL(228, fsetxattr,               "?", 'd') \
SYSCALL(229, getxattr,                "?", 'd') \
SYSCALL(230, lgetxattr,               "?", 'd') \
SYSCALL(231, fgetxattr,               "?", 'd') \
SYSCALL(232, listxattr,               "?", 'd') \
SYSCALL(233, llistxattr,              "?", 'd') \
SYSCALL(234, flistxattr,              "?", 'd') \
SYSCALL(235, removexattr,             "?", 'd') \
SYSCALL(236, lremovexattr,            "?", 'd') \
SYSCALL(237, fremovexattr,            "?", 'd') \
SYSCALL(238, tkill,                   "dS", 'd') \
SYSCALL(239, sendfile64,              "?", 'd') \
SYSCALL(240, futex,                   "pddpxd", 'd') \
SYSCALL(241, sched_setaffinity,       "dup", 'd') \
SYSCALL(242, sched_getaffinity,       "dup", 'd') \
SYSCALL(243, set_thread_area,         "p", 'd') \
SYSCALL(244, get_thread_area,         "p", 'd') \
SYSCALL(245, io_setup,                "?", 'd') \
SYSCALL(246, io_destroy,              "?", 'd') \
SYSCALL(247, io_getevents,            "?", 'd') \
SYSCALL(248, io_submit,               "?", 'd') \
SYSCALL(249, io_cancel,               "?", 'd') \
SYSCALL(250, fadvise64,               "dxxud", 'd') \
SYSCALL(252, exit_group,              "d", 'd') \
SYSCALL(253, lookup_dcookie,          "?", 'd') \
SYSCALL(254, epoll_create,            "d", 'd') \
SYSCALL(255, epoll_ctl,               "dddp", 'd') \
SYSCALL(256, epoll_wait,              "dpdd", 'd') \
SYSCALL(257, remap_file_pages,        "?", 'd') \
SYSCALL(258, set_tid_address,         "p", 'd') \
SYSCALL(259, timer_create,            "?", 'd') \
SYSCALL(260, timer_settime,           "?", 'd') \
SYSCALL(261, timer_gettime,           "?", 'd') \
SYSCALL(262, timer_getoverrun,        "?", 'd') \
SYSCALL(263, timer_delete,            "?", 'd') \
SYSCALL(264, clock_settime,           "?", 'd') \
SYSCALL(265, clock_gettime,           "dp", 'd') \
SYSCALL(266, clock_getres,            "dp", 'd') \
SYSCALL(267, clock_nanosleep,         "ddpp", 'd') \
SYSCALL(268, statfs64,                "sup", 'd') \
SYSCALL(269, fstatfs64,               "dup", 'd') \
SYSCALL(270, tgkill,                  "ddS", 'd') \
SYSCALL(271, utimes,                  "?", 'd') \
SYSCALL(272, fadvise64_64,            "dxxxxd", 'd') \
SYSCALL(273, vserver,                 "?", 'd') \
SYSCALL(274, mbind,                   "?", 'd') \
SYSCALL(275, get_mempolicy,           "?", 'd') \
SYSCALL(276, set_mempolicy,           "?", 'd') \
SYSCALL(277, mq_open,                 "?", 'd') \
SYSCALL(278, mq_unlink,               "?", 'd') \
SYSCALL(279, mq_timedsend,            "?", 'd') \
SYSCALL(280, mq_timedreceive,         "?", 'd') \
SYSCALL(281, mq_notify,               "?", 'd') \
SYSCALL(282, mq_getsetattr,           "?", 'd') \
SYSCALL(283, kexec_load,              "?", 'd') \
SYSCALL(284, waitid,                  "ddpxp", 'd') \
SYSCALL(286, add_key,                 "?", 'd') \
SYSCALL(287, request_key,             "?", 'd') \
SYSCALL(288, keyctl,                  "?", 'd') \
SYSCALL(289, ioprio_set,              "?", 'd') \
SYSCALL(290, ioprio_get,              "?", 'd') \
SYSCALL(291, inotify_init,            "?", 'd') \
SYSCALL(292, inotify_add_watch,       "?", 'd') \
SYSCALL(293, inotify_rm_watch,        "?", 'd') \
SYSCALL(294, migrate_pages,           "?", 'd') \
SYSCALL(295, openat,                  "DsOo", 'd') \
SYSCALL(296, mkdirat,                 "Dso", 'd') \
SYSCALL(297, mknodat,                 "?", 'd') \
SYSCALL(298, fchownat,                "?", 'd') \
SYSCALL(299, futimesat,               "?", 'd') \
SYSCALL(300, fstatat64,               "DspA", 'd') \
SYSCALL(301, unlinkat,                "DsA", 'd') \
SYSCALL(302, renameat,                "dsds", 'd') \
SYSCALL(303, linkat,                  "?", 'd') \
SYSCALL(304, symlinkat,               "?", 'd') \
SYSCALL(305, readlinkat,              "Dspu", 'd') \
SYSCALL(306, fchmodat,                "Dso", 'd') \
SYSCALL(307, faccessat,               "Dso", 'd') \
SYSCALL(308, pselect6,                "dppppp", 'd') \
SYSCALL(309, ppoll,                   "pdppu", 'd') \
SYSCALL(310, unshare,                 "?", 'd') \
SYSCALL(311, set_robust_list,         "pu", 'd') \
SYSCALL(312, get_robust_list,         "?", 'd') \
SYSCALL(313, splice,                  "?", 'd') \
SYSCALL(314, sync_file_range,         "?", 'd') \
SYSCALL(315, tee,                     "?", 'd') \
SYSCALL(316, vmsplice,                "?", 'd') \
SYSCALL(317, move_pages,              "?", 'd') \
SYSCALL(318, getcpu,                  "ppp", 'd') \
SYSCALL(319, epoll_pwait,             "dpddpu", 'd') \
SYSCALL(320, utimensat,               "DspA", 'd') \
SYSCALL(321, signalfd,                "dpu", 'd') \
SYSCALL(322, timerfd_create,          "dx", 'd') \
SYSCALL(323, eventfd,                 "u", 'd') \
SYSCALL(324, fallocate,               "?", 'd') \
SYSCALL(325, timerfd_settime,         "?", 'd') \
SYSCALL(326, timerfd_gettime,         "?", 'd') \
SYSCALL(327, signalfd4,               "dpux", 'd') \
SYSCALL(328, eventfd2,                "ux", 'd') \
SYSCALL(329, epoll_create1,           "x", 'd') \
SYSCALL(330, dup3,                    "ddx", 'd') \
SYSCALL(331, pipe2,                   "px", 'd') \
SYSCALL(332, inotify_init1,           "?", 'd') \
SYSCALL(333, preadv,                  "?", 'd') \
SYSCALL(334, pwritev,                 "?", 'd') \
SYSCALL(335, rt_tgsigqueueinfo,       "?", 'd') \
SYSCALL(336, perf_event_open,         "?", 'd') \
SYSCALL(337, recvmmsg,                "?", 'd') \
SYSCALL(338, fanotify_init,           "?", 'd') \
SYSCALL(339, fanotify_mark,           "?", 'd') \
SYSCALL(340, prlimit64,               "ddpp", 'd') \
SYSCALL(341, name_to_handle_at,       "?", 'd') \
SYSCALL(342, open_by_handle_at,       "?", 'd') \
SYSCALL(343, clock_adjtime,           "?", 'd') \
SYSCALL(344, syncfs,                  "?", 'd') \
SYSCALL(345, sendmmsg,                "?", 'd') \
SYSCALL(346, setns,                   "?", 'd') \
SYSCALL(347, process_vm_readv,        "?", 'd') \
SYSCALL(348, process_vm_writev,       "?", 'd') \
SYSCALL(349, kcmp,                    "?", 'd') \
SYSCALL(350, finit_module,            "?", 'd') \
SYSCALL(351, sched_setattr,           "?", 'd') \
SYSCALL(352, sched_getattr,           "?", 'd') \
SYSCALL(353, renameat2,               "DsDsx", 'd') \
SYSCALL(354, seccomp,                 "?", 'd') \
SYSCALL(355, getrandom,               "pux", 'd') \
SYSCALL(356, memfd_create,            "sx", 'd') \
SYSCALL(357, bpf,                     "?", 'd') \
SYSCALL(358, execveat,                "?", 'd') \
SYSCALL(359, socket,                  "ddd", 'd') \
SYSCALL(360, socketpair,              "?", 'd') \
SYSCALL(361, bind,                    "?", 'd') \
SYSCALL(362, connect,                 "dpu", 'd') \
SYSCALL(363, listen,                  "?", 'd') \
SYSCALL(364, accept4,                 "?", 'd') \
SYSCALL(365, getsockopt,              "?", 'd') \
SYSCALL(366, setsockopt,              "?", 'd') \
SYSCALL(367, getsockname,             "?", 'd') \
SYSCALL(368, getpeername,             "?", 'd') \
SYSCALL(369, sendto,                  "?", 'd') \
SYSCALL(370, sendmsg,                 "?", 'd') \
SYSCALL(371, recvfrom,                "?", 'd') \
SYSCALL(372, recvmsg,                 "?", 'd') \
SYSCALL(373, shutdown,                "?", 'd') \
SYSCALL(374, userfaultfd,             "?", 'd') \
SYSCALL(375, membarrier,              "?", 'd') \
SYSCALL(376, mlock2,                  "?", 'd') \
SYSCALL(377, copy_file_range,         "?", 'd') \
SYSCALL(378, preadv2,                 "?", 'd') \
SYSCALL(379, pwritev2,                "?", 'd') \
SYSCALL(380, pkey_mprotect,           "?", 'd') \
SYSCALL(381, pkey_alloc,              "?", 'd') \
SYSCALL(382, pkey_free,               "?", 'd') \
SYSCALL(383, statx,                   "DsAxp", 'd') \
SYSCALL(384, arch_prctl,              "dx", 'd') \
SYSCALL(385, io_pgetevents,           "?", 'd') \
SYSCALL(386, rseq,                    "pudx", 'd') \
SYSCALL(393, semget,                  "?", 'd') \
SYSCALL(394, semctl,                  "?", 'd') \
SYSCALL(395, shmget,                  "?", 'd') \
SYSCALL(396, shmctl,                  "?", 'd') \
SYSCALL(397, shmat,                   "?", 'd') \
SYSCALL(398, shmdt,                   "?", 'd') \
SYSCALL(399, msgget,                  "?", 'd') \
SYSCALL(400, msgsnd,                  "?", 'd') \
SYSCALL(401, msgrcv,                  "?", 'd') \
SYSCALL(402, msgctl,                  "?", 'd') \
SYSCALL(403, clock_gettime64,         "dp", 'd') \
SYSCALL(404, clock_settime64,         "?", 'd') \
SYSCALL(405, clock_adjtime64,         "?", 'd') \
SYSCALL(406, clock_getres_time64,     "dp", 'd') \
SYSCALL(407, clock_nanosleep_time64,  "ddpp", 'd') \
SYSCALL(408, timer_gettime64,         "?", 'd') \
SYSCALL(409, timer_settime64,         "?", 'd') \
SYSCALL(410, timerfd_gettime64,       "?", 'd') \
SYSCALL(411, timerfd_settime64,       "?", 'd') \
SYSCALL(412, utimensat_time64,        "?", 'd') \
SYSCALL(413, pselect6_time64,         "dppppp", 'd') \
SYSCALL(414, ppoll_time64,            "pdppu", 'd') \
SYSCALL(416, io_pgetevents_time64,    "?", 'd') \
SYSCALL(417, recvmmsg_time64,         "?", 'd') \
SYSCALL(418, mq_timedsend_time64,     "?", 'd') \
SYSCALL(419, mq_timedreceive_time64,  "?", 'd') \
SYSCALL(420, semtimedop_time64,       "?", 'd') \
SYSCALL(421, rt_sigtimedwait_time64,  "?", 'd') \
SYSCALL(422, futex_time64,            "pddpxd", 'd') \
SYSCALL(423, sched_rr_get_interval_time64, "?", 'd') \
SYSCALL(424, pidfd_send_signal,       "?", 'd') \
SYSCALL(425, io_uring_setup,          "?", 'd') \
SYSCALL(426, io_uring_enter,          "?", 'd') \
SYSCALL(427, io_uring_register,       "?", 'd') \
SYSCALL(428, open_tree,               "?", 'd') \
SYSCALL(429, move_mount,              "?", 'd') \
SYSCALL(430, fsopen,                  "?", 'd') \
SYSCALL(431, fsconfig,                "?", 'd') \
SYSCALL(432, fsmount,                 "?", 'd') \
SYSCALL(433, fspick,                  "?", 'd') \
SYSCALL(434, pidfd_open,              "?", 'd') \
SYSCALL(435, clone3,                  "?", 'd') \
SYSCALL(436, close_range,             "ddx", 'd') \
SYSCALL(437, openat2,                 "Dspu", 'd') \
SYSCALL(438, pidfd_getfd,             "?", 'd') \
SYSCALL(439, faccessat2,              "DsoA", 'd') \
SYSCALL(440, process_madvise,         "?", 'd') \
SYSCALL(441, epoll_pwait2,            "?", 'd') \
SYSCALL(442, mount_setattr,           "?", 'd') \
SYSCALL(443, quotactl_fd,             "?", 'd') \
SYSCALL(444, landlock_create_ruleset, "?", 'd') \
SYSCALL(445, landlock_add_rule,       "?", 'd') \
SYSCALL(446, landlock_restrict_self,  "?", 'd') \
SYSCALL(447, memfd_secret,            "?", 'd') \
SYSCALL(448, process_mrelease,        "?", 'd') \
SYSCALL(449, futex_waitv,             "?", 'd') \
SYSCALL(450, set_mempolicy_home_node, "?", 'd') \


enum {
#define SYSCALL_ENUM(num, name, args, ret) TARGET_NR_##name = num,
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
