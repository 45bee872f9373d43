/*
 * target_signal.h - the guest's (i386 Linux) signal numbers and the conversion between them
 * and the host's.
 *
 * Guest numbers are i386's on every host: 1-31 the classic signals below, 32-64 real-time.
 * Host numbers come from the host's <signal.h> (x86_64 and LoongArch use the generic
 * numbering, MIPS its own), matched by name, so the table holds no host numbers. The host C
 * library keeps its first real-time signals (glibc: 32 SIGCANCEL, 33 SIGSETXID) for itself, so:
 *
 *   guest 1-31                      <-> host signal of the same name
 *   guest 32 .. 32+(RTMAX-RTMIN)    <-> host SIGRTMIN .. SIGRTMAX   (x86_64/LoongArch: 34-64)
 *   the guest signals left over     <-> no host signal              (x86_64/LoongArch: 63, 64)
 *
 * A guest signal without a host signal lives in loongbt only: dispositions, masks, pending
 * state and delivery work within the process, kill/tgkill to itself works, but it cannot be
 * sent to another process (the call checks the target and does nothing).
 *
 * Dying is different: a process can die of any host signal (raised with the raw system calls),
 * so a guest killed by signal N dies of host signal N (classic ones by name), and wait
 * statuses (host_to_target_exit_signal) map back the same way: native and loongbt parents and
 * children all agree on the number, as between native i386 processes.
 */
#ifndef LINUX_USER_TARGET_SIGNAL_H
#define LINUX_USER_TARGET_SIGNAL_H

#include <stdint.h>
#include <stddef.h>
#include <signal.h>

/* X(name, i386 number, host signal): the classic signals. The host's come from its
 * <signal.h>, except SIGSTKFLT, which not every host has (host-signal.h: HOST_SIGSTKFLT,
 * 0 for none). */
#define TARGET_CLASSIC_SIGNALS(X) \
    X(HUP, 1, SIGHUP) X(INT, 2, SIGINT) X(QUIT, 3, SIGQUIT) X(ILL, 4, SIGILL) \
    X(TRAP, 5, SIGTRAP) X(ABRT, 6, SIGABRT) X(BUS, 7, SIGBUS) X(FPE, 8, SIGFPE) \
    X(KILL, 9, SIGKILL) X(USR1, 10, SIGUSR1) X(SEGV, 11, SIGSEGV) X(USR2, 12, SIGUSR2) \
    X(PIPE, 13, SIGPIPE) X(ALRM, 14, SIGALRM) X(TERM, 15, SIGTERM) \
    X(STKFLT, 16, HOST_SIGSTKFLT) X(CHLD, 17, SIGCHLD) X(CONT, 18, SIGCONT) \
    X(STOP, 19, SIGSTOP) X(TSTP, 20, SIGTSTP) X(TTIN, 21, SIGTTIN) X(TTOU, 22, SIGTTOU) \
    X(URG, 23, SIGURG) X(XCPU, 24, SIGXCPU) X(XFSZ, 25, SIGXFSZ) X(VTALRM, 26, SIGVTALRM) \
    X(PROF, 27, SIGPROF) X(WINCH, 28, SIGWINCH) X(IO, 29, SIGIO) X(PWR, 30, SIGPWR) \
    X(SYS, 31, SIGSYS)

enum {
#define TARGET_SIGNAL_ENUM(name, num, host) TARGET_SIG##name = num,
    TARGET_CLASSIC_SIGNALS(TARGET_SIGNAL_ENUM)
#undef TARGET_SIGNAL_ENUM
    TARGET_SIGRTMIN = 32,
    TARGET_NSIG = 64,
};

/* i386 values of the sigaction flags and sigprocmask "how" (MIPS hosts differ). */
#define TARGET_SA_NOCLDSTOP  0x00000001u
#define TARGET_SA_NOCLDWAIT  0x00000002u
#define TARGET_SA_SIGINFO    0x00000004u
#define TARGET_SA_EXPOSE_TAGBITS 0x00000800u
#define TARGET_SA_RESTORER   0x04000000u
#define TARGET_SA_ONSTACK    0x08000000u
#define TARGET_SA_RESTART    0x10000000u
#define TARGET_SA_NODEFER    0x40000000u
#define TARGET_SA_RESETHAND  0x80000000u
/* The flags the kernel keeps (and reports back); it clears any other bit. */
#define TARGET_SA_KNOWN_FLAGS (TARGET_SA_NOCLDSTOP | TARGET_SA_NOCLDWAIT | TARGET_SA_SIGINFO | \
                               TARGET_SA_EXPOSE_TAGBITS | TARGET_SA_RESTORER | TARGET_SA_ONSTACK | \
                               TARGET_SA_RESTART | TARGET_SA_NODEFER | TARGET_SA_RESETHAND)
#define TARGET_SIG_BLOCK     0
#define TARGET_SIG_UNBLOCK   1
#define TARGET_SIG_SETMASK   2
#define TARGET_SS_ONSTACK    1
#define TARGET_SS_DISABLE    2
#define TARGET_SS_AUTODISARM (1u << 31)
#define TARGET_MINSIGSTKSZ   2048
/* Signal-raising si_code values the kernel uses (same on every Linux ABI). */
#define TARGET_SI_USER       0
#define TARGET_SI_KERNEL     0x80
#define TARGET_SI_QUEUE      (-1)
#define TARGET_SI_TIMER      (-2)
#define TARGET_SI_TKILL      (-6)

/* Guest number -> host number, 0 when the guest signal has no host signal (or is out of
 * range); host -> guest, 0 for a host signal the guest cannot see. sig 0 maps to 0. */
int target_to_host_signal(int sig);
int host_to_target_signal(int sig);
/* Guest signal sets (64 bits, bit sig-1) <-> host sets: the C library's sigset_t, and the
 * kernel's (bit hostsig-1 in 64-bit words; HOST_KSIGSET_SIZE is the sigsetsize argument the
 * host's rt_* system calls want: 8 bytes on x86_64/LoongArch, 16 on MIPS). */
typedef struct { uint64_t sig[(_NSIG - 1 + 63) / 64]; } host_ksigset_t;
#define HOST_KSIGSET_SIZE ((size_t)(_NSIG - 1) / 8)
void target_to_host_sigset(sigset_t *host, uint64_t set);
uint64_t host_to_target_sigset(const sigset_t *host);
void target_to_host_ksigset(host_ksigset_t *host, uint64_t set);
/* The signal that killed or stopped a child (wait statuses, CLD_* siginfo) in guest numbers,
 * and a whole wait status (wait4/waitpid). */
int host_to_target_exit_signal(int sig);
int host_to_target_wstatus(int status);

#endif
