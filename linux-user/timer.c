/*
 * timer.c - POSIX timers (timer_create and family) and timerfd for the guest.
 *
 * Both are host kernel timers: the guest's calls become the host's with the structures
 * converted (i386 sigevent, 32- and 64-bit itimerspec), so timer ids are the kernel's own small
 * integers and the kernel's checks and errno order apply. A guest thread is a host thread with
 * the same tid, so SIGEV_THREAD_ID needs no translation and the host kernel delivers the
 * timer's signal (the host number of the guest's sigev_signo) to the right thread; signal.c
 * turns the host siginfo (SI_TIMER: timer id, overrun, value) into the guest's. SIGEV_THREAD is
 * glibc's business (a helper thread on SIGEV_THREAD_ID); to the kernel it is SIGEV_SIGNAL.
 * A guest signal without a host signal (see target_signal.h) cannot be a timer's signal:
 * timer_create returns EINVAL for it and logs it under -d unimp.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "qemu.h"
#include "log.h"
#include "syscall_defs.h"
#include "target_signal.h"

/* The i386 struct sigevent: what the kernel reads of it (the rest is padding to 64 bytes). */
struct target_sigevent_head {
    uint32_t sigev_value;
    int32_t sigev_signo;
    int32_t sigev_notify;
    int32_t sigev_notify_thread_id;
};

#define TARGET_SIGEV_SIGNAL    0
#define TARGET_SIGEV_NONE      1
#define TARGET_SIGEV_THREAD    2
#define TARGET_SIGEV_THREAD_ID 4

/* timerfd_create flags (i386 O_NONBLOCK / O_CLOEXEC). */
#define TARGET_TFD_NONBLOCK 00004000
#define TARGET_TFD_CLOEXEC  02000000

/* The host's struct sigevent for the guest's; false for a signal the host cannot send. An
 * out-of-range guest number becomes one the host rejects as well (EINVAL in its order). */
static bool sigevent_from_guest(struct sigevent *h, const struct target_sigevent_head *g)
{
    memset(h, 0, sizeof(*h));
    h->sigev_value.sival_ptr = (void *)(uintptr_t)g->sigev_value;
    h->sigev_notify = g->sigev_notify;
    h->_sigev_un._tid = g->sigev_notify_thread_id;
    if (g->sigev_signo < 1 || g->sigev_signo > TARGET_NSIG) {
        h->sigev_signo = g->sigev_signo < 1 ? g->sigev_signo : -1;
        return true;
    }
    h->sigev_signo = target_to_host_signal(g->sigev_signo);
    return h->sigev_signo != 0 || (g->sigev_notify & ~TARGET_SIGEV_THREAD_ID) == TARGET_SIGEV_NONE;
}

/* itimerspec: two timespecs, 32-bit (16 bytes) or 64-bit (32 bytes). In a 32-bit task the
 * kernel ignores the upper half of a 64-bit tv_nsec; a 32-bit tv_nsec is signed. */
static bool itimerspec_from_guest(struct itimerspec *h, abi_ulong addr, bool time64)
{
    if (time64) {
        int64_t g[4];
        if (!guest_copy_in(g, addr, sizeof(g))) return false;
        h->it_interval.tv_sec = g[0]; h->it_interval.tv_nsec = (long)(uint32_t)g[1];
        h->it_value.tv_sec = g[2]; h->it_value.tv_nsec = (long)(uint32_t)g[3];
    } else {
        int32_t g[4];
        if (!guest_copy_in(g, addr, sizeof(g))) return false;
        h->it_interval.tv_sec = g[0]; h->it_interval.tv_nsec = g[1];
        h->it_value.tv_sec = g[2]; h->it_value.tv_nsec = g[3];
    }
    return true;
}

static bool itimerspec_to_guest(abi_ulong addr, const struct itimerspec *h, bool time64)
{
    if (time64) {
        int64_t g[4] = { h->it_interval.tv_sec, h->it_interval.tv_nsec, h->it_value.tv_sec,
                         h->it_value.tv_nsec };
        return guest_copy_out(addr, g, sizeof(g));
    }
    int32_t g[4] = { (int32_t)h->it_interval.tv_sec, (int32_t)h->it_interval.tv_nsec,
                     (int32_t)h->it_value.tv_sec, (int32_t)h->it_value.tv_nsec };
    return guest_copy_out(addr, g, sizeof(g));
}

static abi_long host_result(long r) { return r < 0 ? -errno : (abi_long)r; }

/* ---------------------------------------------------------------------------------------------
 * POSIX timers
 * ------------------------------------------------------------------------------------------- */

/* timer_create(clockid, sevp, timerid): the id is written after the timer exists; if that
 * fails the kernel deletes the timer again and returns EFAULT. */
abi_long sys_timer_create(CPUX86State *env, const abi_long *a)
{
    struct target_sigevent_head g;
    struct sigevent h;
    int id;
    (void)env;
    if (a[1]) {
        if (!guest_copy_in(&g, (abi_ulong)a[1], sizeof(g))) return -EFAULT;
        if (!sigevent_from_guest(&h, &g)) {
            qemu_log_mask(CPU_LOG_UNIMP, "timer_create: guest signal %d has no host signal\n",
                          g.sigev_signo);
            return -EINVAL;
        }
    }
    long r = syscall(SYS_timer_create, (clockid_t)a[0], a[1] ? &h : NULL, &id);
    if (r < 0) return -errno;
    if (!guest_copy_out((abi_ulong)a[2], &id, sizeof(id))) {
        syscall(SYS_timer_delete, id);
        return -EFAULT;
    }
    return 0;
}

/* timer_settime(id, flags, new, old) / timerfd_settime(fd, flags, new, old). */
static abi_long do_settime(long nr, const abi_long *a, bool time64)
{
    struct itimerspec new_value, old_value;
    if (!a[2]) return -EINVAL;
    if (!itimerspec_from_guest(&new_value, (abi_ulong)a[2], time64)) return -EFAULT;
    long r = syscall(nr, (int)a[0], (int)a[1], &new_value, a[3] ? &old_value : NULL);
    if (r < 0) return -errno;
    if (a[3] && !itimerspec_to_guest((abi_ulong)a[3], &old_value, time64)) return -EFAULT;
    return 0;
}

static abi_long do_gettime(long nr, const abi_long *a, bool time64)
{
    struct itimerspec cur;
    long r = syscall(nr, (int)a[0], &cur);
    if (r < 0) return -errno;
    return itimerspec_to_guest((abi_ulong)a[1], &cur, time64) ? 0 : -EFAULT;
}

abi_long sys_timer_settime(CPUX86State *env, const abi_long *a) { return do_settime(SYS_timer_settime, a, false); }
abi_long sys_timer_settime64(CPUX86State *env, const abi_long *a) { return do_settime(SYS_timer_settime, a, true); }
abi_long sys_timer_gettime(CPUX86State *env, const abi_long *a) { return do_gettime(SYS_timer_gettime, a, false); }
abi_long sys_timer_gettime64(CPUX86State *env, const abi_long *a) { return do_gettime(SYS_timer_gettime, a, true); }

abi_long sys_timer_getoverrun(CPUX86State *env, const abi_long *a)
{
    return host_result(syscall(SYS_timer_getoverrun, (int)a[0]));
}

abi_long sys_timer_delete(CPUX86State *env, const abi_long *a)
{
    return host_result(syscall(SYS_timer_delete, (int)a[0]));
}

/* ---------------------------------------------------------------------------------------------
 * timerfd (reads give a 64-bit expiry count, the same on every ABI)
 * ------------------------------------------------------------------------------------------- */

abi_long sys_timerfd_create(CPUX86State *env, const abi_long *a)
{
    uint32_t flags = (uint32_t)a[1], host = flags & ~(uint32_t)(TARGET_TFD_NONBLOCK | TARGET_TFD_CLOEXEC);
    (void)env;
    if (flags & TARGET_TFD_NONBLOCK) host |= O_NONBLOCK;
    if (flags & TARGET_TFD_CLOEXEC) host |= O_CLOEXEC;
    return host_result(syscall(SYS_timerfd_create, (int)a[0], (int)host));
}

abi_long sys_timerfd_settime(CPUX86State *env, const abi_long *a) { return do_settime(SYS_timerfd_settime, a, false); }
abi_long sys_timerfd_settime64(CPUX86State *env, const abi_long *a) { return do_settime(SYS_timerfd_settime, a, true); }
abi_long sys_timerfd_gettime(CPUX86State *env, const abi_long *a) { return do_gettime(SYS_timerfd_gettime, a, false); }
abi_long sys_timerfd_gettime64(CPUX86State *env, const abi_long *a) { return do_gettime(SYS_timerfd_gettime, a, true); }
