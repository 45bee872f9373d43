/*
 * test-signal-map.c - the guest <-> host signal number mapping (linux-user/target_signal.h):
 * classic signals by the host's own names, real-time signals onto the host's SIGRTMIN..SIGRTMAX
 * in order and never onto the C library's reserved ones, the inverse, the set conversions, and
 * the numbers wait statuses report (a process dies of the guest's number).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "qemu.h"
#include "target_signal.h"

static void test_classic_by_name(void **state)
{
    assert_int_equal(target_to_host_signal(TARGET_SIGHUP), SIGHUP);
    assert_int_equal(target_to_host_signal(TARGET_SIGBUS), SIGBUS);
    assert_int_equal(target_to_host_signal(TARGET_SIGUSR1), SIGUSR1);
    assert_int_equal(target_to_host_signal(TARGET_SIGCHLD), SIGCHLD);
    assert_int_equal(target_to_host_signal(TARGET_SIGSTOP), SIGSTOP);
    assert_int_equal(target_to_host_signal(TARGET_SIGSYS), SIGSYS);
    for (int sig = 1; sig < TARGET_SIGRTMIN; sig++)
        assert_int_equal(host_to_target_signal(target_to_host_signal(sig)), sig);
}

static void test_realtime(void **state)
{
    int last = 0, mapped = 0;
    for (int sig = TARGET_SIGRTMIN; sig <= TARGET_NSIG; sig++) {
        int h = target_to_host_signal(sig);
        if (!h) continue;
        assert_true(h >= SIGRTMIN && h <= SIGRTMAX);      /* never glibc's reserved ones */
        assert_true(h > last);                            /* in order */
        assert_int_equal(host_to_target_signal(h), sig);
        last = h;
        mapped++;
    }
    /* Every host real-time signal carries a guest one, the lowest guest ones first. */
    assert_int_equal(mapped, SIGRTMAX - SIGRTMIN + 1 < 33 ? SIGRTMAX - SIGRTMIN + 1 : 33);
    assert_int_equal(target_to_host_signal(TARGET_SIGRTMIN), SIGRTMIN);
    for (int h = __SIGRTMIN; h < SIGRTMIN; h++)
        assert_int_equal(host_to_target_signal(h), 0);
    assert_int_equal(target_to_host_signal(0), 0);
    assert_int_equal(target_to_host_signal(65), 0);
    assert_int_equal(target_to_host_signal(-1), 0);
}

static void test_sets(void **state)
{
    uint64_t guest = (1ull << (TARGET_SIGUSR1 - 1)) | (1ull << (TARGET_SIGRTMIN - 1)) |
                     (1ull << (TARGET_SIGRTMIN + 2 - 1));
    sigset_t host;
    host_ksigset_t k;
    target_to_host_sigset(&host, guest);
    assert_int_equal(sigismember(&host, SIGUSR1), 1);
    assert_int_equal(sigismember(&host, SIGRTMIN), 1);
    assert_int_equal(sigismember(&host, SIGRTMIN + 2), 1);
    assert_int_equal(sigismember(&host, SIGUSR2), 0);
    assert_true(host_to_target_sigset(&host) == guest);
    target_to_host_ksigset(&k, guest);
    int h = SIGRTMIN + 2;
    assert_true(k.sig[(h - 1) / 64] & (1ull << ((h - 1) % 64)));
    assert_true(k.sig[0] & (1ull << (SIGUSR1 - 1)));
    assert_true(HOST_KSIGSET_SIZE * 8 >= (size_t)SIGRTMAX);
}

static void test_exit_signals(void **state)
{
    /* Dying of guest signal N shows host signal N: real-time numbers pass unchanged. */
    for (int sig = TARGET_SIGRTMIN; sig <= SIGRTMAX && sig <= TARGET_NSIG; sig++)
        assert_int_equal(host_to_target_exit_signal(sig), sig);
    assert_int_equal(host_to_target_exit_signal(SIGSEGV), TARGET_SIGSEGV);
    int status = 0x80 | SIGSEGV;                         /* killed, core dumped */
    assert_int_equal(host_to_target_wstatus(status), 0x80 | TARGET_SIGSEGV);
    status = (SIGRTMIN + 5);
    assert_true(WIFSIGNALED(host_to_target_wstatus(status)));
    assert_int_equal(WTERMSIG(host_to_target_wstatus(status)), SIGRTMIN + 5);
    status = 0x7f | (SIGTSTP << 8);                      /* stopped */
    assert_int_equal(WSTOPSIG(host_to_target_wstatus(status)), TARGET_SIGTSTP);
    assert_int_equal(host_to_target_wstatus(3 << 8), 3 << 8);   /* exited with 3 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classic_by_name),
        cmocka_unit_test(test_realtime),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_exit_signals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
