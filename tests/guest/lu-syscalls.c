/*
 * lu-syscalls.c - syscalls whose structures or argument forms differ between i386 and the
 * hosts, checked against the native run: select / _newselect / pselect6 (time32 and time64),
 * poll / ppoll, epoll (struct epoll_event is packed on i386), signalfd (struct
 * signalfd_siginfo), ioctl on a pty and a pipe (TCGETS, TCSETS*, TIOCGWINSZ, FIONREAD),
 * fcntl64 record locks with struct flock64, statfs64 / fstatfs64, waitid, prctl names.
 * Only values that are the same on every run are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define CHECK(cond) printf("%-52s %s\n", #cond, (cond) ? "ok" : "FAILED")

static void test_select(void)
{
    int p[2];
    fd_set r, w;
    struct timeval tv = { 0, 1000 };
    pipe(p);
    FD_ZERO(&r); FD_ZERO(&w);
    FD_SET(p[0], &r); FD_SET(p[1], &w);
    int n = (int)syscall(SYS__newselect, p[1] + 1, &r, &w, NULL, &tv);
    printf("_newselect empty pipe: %d r %d w %d\n", n, FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
    write(p[1], "x", 1);
    FD_ZERO(&r); FD_SET(p[0], &r);
    tv.tv_sec = 1; tv.tv_usec = 0;
    n = select(p[0] + 1, &r, NULL, NULL, &tv);
    printf("select readable: %d r %d timeout left %s\n", n, FD_ISSET(p[0], &r),
           tv.tv_sec <= 1 ? "sane" : "bad");
    /* pselect6 with a 32-bit timespec and a mask, straight to the syscall. */
    struct { int32_t sec, nsec; } ts32 = { 0, 1000000 };
    uint64_t mask = 1ull << (SIGUSR1 - 1);
    struct { void *set; uint32_t size; } sig = { &mask, 8 };
    FD_ZERO(&r); FD_SET(p[0], &r);
    n = (int)syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts32, &sig);
    printf("pselect6 readable: %d r %d\n", n, FD_ISSET(p[0], &r));
    struct { int64_t sec, nsec; } ts64 = { 0, 1000000 };
    char c;
    read(p[0], &c, 1);
    FD_ZERO(&r); FD_SET(p[0], &r);
    n = (int)syscall(413 /* pselect6_time64 */, p[0] + 1, &r, NULL, NULL, &ts64, NULL);
    printf("pselect6_time64 timeout: %d r %d left %lld.%09lld\n", n, FD_ISSET(p[0], &r),
           (long long)ts64.sec, (long long)ts64.nsec);
    /* A high descriptor: the fd_set words differ in size between i386 and 64-bit hosts. */
    int hi = dup2(p[0], 100);
    write(p[1], "y", 1);
    FD_ZERO(&r); FD_SET(hi, &r); FD_SET(p[0], &r);
    tv.tv_sec = 0; tv.tv_usec = 0;
    n = select(hi + 1, &r, NULL, NULL, &tv);
    printf("select fd 100: %d r100 %d r%d %d\n", n, FD_ISSET(hi, &r), p[0], FD_ISSET(p[0], &r));
    read(p[0], &c, 1);
    errno = 0;
    n = select(-1, NULL, NULL, NULL, &tv);
    printf("select nfds -1: %d %s\n", n, strerror(errno));
    close(hi); close(p[0]); close(p[1]);
}

static void test_poll(void)
{
    int p[2];
    pipe(p);
    struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    int n = poll(fds, 2, 0);
    printf("poll: %d revents %x %x\n", n, fds[0].revents, fds[1].revents);
    write(p[1], "ab", 2);
    struct timespec ts = { 0, 1000000 };
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    n = ppoll(fds, 1, &ts, &set);
    printf("ppoll: %d revents %x\n", n, fds[0].revents);
    close(p[1]);
    n = ppoll(fds, 1, NULL, NULL);
    printf("ppoll after close: %d revents %x\n", n, fds[0].revents);
    close(p[0]);
}

static void test_epoll(void)
{
    int p[2], q[2];
    pipe(p); pipe(q);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("epoll_create1: %s cloexec %d\n", ep >= 0 ? "fd" : "error", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xcafef00d00000002ull;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev) == 0);
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev) == -1 && errno == EEXIST);
    struct epoll_event out[4];
    memset(out, 0, sizeof(out));
    printf("epoll_wait idle: %d\n", epoll_wait(ep, out, 4, 0));
    write(p[1], "1", 1);
    write(q[1], "2", 1);
    int n = epoll_wait(ep, out, 4, 100);
    unsigned long long sum = 0;
    for (int i = 0; i < n; i++) sum += out[i].data.u64 ^ out[i].events;
    printf("epoll_wait: %d events, data^events sum %llx\n", n, sum);
    sigset_t set;
    sigemptyset(&set);
    n = epoll_pwait(ep, out, 1, 0, &set);
    printf("epoll_pwait maxevents 1: %d\n", n);
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0);
    n = epoll_wait(ep, out, 4, 0);
    printf("epoll_wait after del (edge-triggered q drained): %d\n", n);
    n = epoll_wait(ep, out, 0, 0);
    printf("epoll_wait maxevents 0: %d %s\n", n, strerror(errno));
    close(ep); close(p[0]); close(p[1]); close(q[0]); close(q[1]);
}

static void test_signalfd(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    printf("signalfd: %s nonblock %d cloexec %d\n", fd >= 0 ? "fd" : strerror(errno),
           (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0, (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    struct signalfd_siginfo si;
    ssize_t got = read(fd, &si, sizeof(si));
    printf("read empty: %zd %s\n", got, strerror(errno));
    kill(getpid(), SIGUSR1);
    union sigval v = { .sival_int = 4242 };
    sigqueue(getpid(), SIGRTMIN + 2, v);
    for (int i = 0; i < 2; i++) {
        memset(&si, 0, sizeof(si));
        ssize_t n = read(fd, &si, sizeof(si));
        printf("read: %zd signo %s code %d pid %s uid %s int %d\n", n,
               si.ssi_signo == SIGUSR1 ? "SIGUSR1" : si.ssi_signo == (unsigned)SIGRTMIN + 2 ? "RTMIN+2" : "other",
               si.ssi_code, si.ssi_pid == (uint32_t)getpid() ? "self" : "other",
               si.ssi_uid == getuid() ? "self" : "other", si.ssi_int);
    }
    /* Changing the mask of an existing signalfd. */
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    CHECK(signalfd(fd, &set, 0) == fd);
    raise(SIGUSR2);
    memset(&si, 0, sizeof(si));
    got = read(fd, &si, sizeof(si));
    printf("read SIGUSR2: %zd signo %d\n", got, si.ssi_signo);
    long r = syscall(SYS_signalfd4, -1, &set, 4, 0);
    printf("signalfd bad size: %ld %s\n", r, strerror(errno));
    close(fd);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_ioctl(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0) {
        printf("posix_openpt: not available\n");
        return;
    }
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    struct termios t;
    CHECK(tcgetattr(s, &t) == 0);
    printf("pty default lflag icanon %d echo %d\n", (t.c_lflag & ICANON) != 0, (t.c_lflag & ECHO) != 0);
    cfmakeraw(&t);
    CHECK(tcsetattr(s, TCSANOW, &t) == 0);
    CHECK(tcsetattr(s, TCSADRAIN, &t) == 0);
    CHECK(tcsetattr(s, TCSAFLUSH, &t) == 0);
    struct termios back;
    tcgetattr(s, &back);
    printf("pty raw lflag icanon %d echo %d vmin %d\n", (back.c_lflag & ICANON) != 0,
           (back.c_lflag & ECHO) != 0, back.c_cc[VMIN]);
    struct winsize ws = { 24, 80, 0, 0 }, ws2;
    CHECK(ioctl(m, TIOCSWINSZ, &ws) == 0);
    CHECK(ioctl(s, TIOCGWINSZ, &ws2) == 0);
    printf("winsize %dx%d\n", ws2.ws_col, ws2.ws_row);
    write(m, "hello", 5);
    usleep(20000);
    int avail = -1;
    CHECK(ioctl(s, FIONREAD, &avail) == 0);
    printf("pty FIONREAD %d\n", avail);
    close(s); close(m);

    int p[2];
    pipe(p);
    write(p[1], "abc", 3);
    CHECK(ioctl(p[0], FIONREAD, &avail) == 0);
    printf("pipe FIONREAD %d\n", avail);
    int r = ioctl(p[0], TCGETS, &t);
    printf("pipe TCGETS: %d %s\n", r, strerror(errno));
    r = ioctl(p[0], TIOCGWINSZ, &ws);
    printf("pipe TIOCGWINSZ: %d %s\n", r, strerror(errno));
    close(p[0]); close(p[1]);
}

static void test_locks(void)
{
    char path[] = "/tmp/lu-syscalls-lockXXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    ftruncate(fd, 4096);
    struct flock64 fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0x100000000ll, .l_len = 100 };
    CHECK(fcntl(fd, F_SETLK64, &fl) == 0);
    fl.l_start = 0; fl.l_len = 10; fl.l_type = F_RDLCK;
    CHECK(fcntl(fd, F_SETLKW64, &fl) == 0);
    int sync_pipe[2];
    pipe(sync_pipe);
    pid_t pid = fork();
    if (pid == 0) {
        struct flock64 q = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0x100000000ll + 50, .l_len = 1 };
        int r = fcntl(fd, F_GETLK64, &q);
        printf("child F_GETLK64: %d type %s start %llx len %lld pid %s\n", r,
               q.l_type == F_WRLCK ? "WRLCK" : q.l_type == F_UNLCK ? "UNLCK" : "other",
               (unsigned long long)q.l_start, (long long)q.l_len, q.l_pid == getppid() ? "parent" : "other");
        struct flock64 q2 = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 1 };
        r = fcntl(fd, F_SETLK64, &q2);
        printf("child F_SETLK64 conflicting: %d %s\n", r, r ? strerror(errno) : "");
        struct flock64 q3 = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2000, .l_len = 10 };
        printf("child F_SETLK64 free range: %d\n", fcntl(fd, F_SETLK64, &q3));
        struct flock64 q4 = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 20, .l_len = 1 };
        r = fcntl(fd, F_GETLK64, &q4);
        printf("child F_GETLK64 free: %d type %s\n", r, q4.l_type == F_UNLCK ? "UNLCK" : "other");
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child exit %d\n", WEXITSTATUS(st));
    close(sync_pipe[0]); close(sync_pipe[1]);
    close(fd);
}

static void test_statfs(void)
{
    struct statfs64 a, b;
    struct statfs c;
    CHECK(statfs64("/proc", &a) == 0);
    printf("statfs64 /proc type %llx\n", (unsigned long long)a.f_type);
    int fd = open("/proc", O_RDONLY);
    CHECK(fstatfs64(fd, &b) == 0);
    CHECK(a.f_type == b.f_type && a.f_bsize == b.f_bsize && a.f_namelen == b.f_namelen);
    CHECK(statfs("/", &c) == 0);
    CHECK(statfs64("/", &a) == 0);
    CHECK((unsigned long long)c.f_blocks == (unsigned long long)a.f_blocks && c.f_bsize == a.f_bsize);
    CHECK(a.f_frsize != 0 && a.f_namelen == 255);
    long r = syscall(SYS_statfs64, "/", 80, &a);
    printf("statfs64 bad size: %ld %s\n", r, strerror(errno));
    r = statfs64("/nonexistent-dir", &a);
    printf("statfs64 missing: %ld %s\n", r, strerror(errno));
    close(fd);
}

static void test_waitid(void)
{
    pid_t pid = fork();
    if (pid == 0) _exit(7);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    int r = waitid(P_PID, pid, &si, WEXITED);
    printf("waitid exit: %d signo %d code %d status %d pid %s\n", r, si.si_signo, si.si_code,
           si.si_status, si.si_pid == pid ? "child" : "other");
    pid = fork();
    if (pid == 0) { pause(); _exit(0); }
    kill(pid, SIGTERM);
    memset(&si, 0, sizeof(si));
    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("waitid killed: %d signo %d code %d status %d\n", r, si.si_signo, si.si_code, si.si_status);
    memset(&si, 0, sizeof(si));
    errno = 0;
    r = waitid(P_ALL, 0, &si, WEXITED | WNOHANG);
    printf("waitid none: %d %s\n", r, strerror(errno));
}

static void test_prctl(void)
{
    char name[32] = "";
    CHECK(prctl(PR_SET_NAME, "lu-test-name-long-enough", 0, 0, 0) == 0);
    CHECK(prctl(PR_GET_NAME, name, 0, 0, 0) == 0);
    printf("prctl name '%s'\n", name);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_select();
    test_poll();
    test_epoll();
    test_signalfd();
    test_ioctl();
    test_locks();
    test_statfs();
    test_waitid();
    test_prctl();
    return 0;
}
