/*
 * host-signal.h (x86_64 host) - the two facts the SIGSEGV handler needs from a host signal
 * context: the host pc that faulted, and whether the access was a write.
 */
#ifndef LINUX_USER_HOST_SIGNAL_H
#define LINUX_USER_HOST_SIGNAL_H

#include <signal.h>
#include <ucontext.h>

/* Signals the generic code cannot take from <signal.h> on every host (target_signal.h). */
#define HOST_SIGSTKFLT SIGSTKFLT

static inline uintptr_t host_signal_pc(const ucontext_t *uc)
{
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
}

/* For a page fault (trap 14) bit 1 of the error code says "write". */
static inline bool host_signal_write(const siginfo_t *info, const ucontext_t *uc)
{
    (void)info;
    return uc->uc_mcontext.gregs[REG_TRAPNO] == 0xe && (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
}

#endif
