/*
 * lu-socket.c - sockets through loongbt's syscall layer: socketpair, a Unix stream socket
 * (bind/listen/connect/accept, getsockname/getpeername), sendmsg/recvmsg with an iovec and an
 * SCM_RIGHTS descriptor, UDP on the loopback (sendto/recvfrom), socket options (an int and a
 * timeval), the old socketcall(2) entry point, and errors (EFAULT, ENOTSOCK, ECONNREFUSED).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sv[2];
    char buf[256];

    /* socketpair: both directions. */
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) { perror("socketpair"); return 1; }
    write(sv[0], "ping", 4);
    ssize_t n = read(sv[1], buf, sizeof(buf));
    send(sv[1], "pong", 4, 0);
    n += recv(sv[0], buf + 4, sizeof(buf) - 4, 0);
    printf("socketpair: %zd bytes '%.8s'\n", n, buf);

    /* sendmsg/recvmsg: two iovecs and a descriptor (a pipe's read end). */
    int pfd[2];
    pipe(pfd);
    write(pfd[1], "through the passed fd", 21);
    struct iovec iov[2] = { { "head-", 5 }, { "tail", 4 } };
    union { char b[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ctl;
    memset(&ctl, 0, sizeof(ctl));
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2, .msg_control = ctl.b, .msg_controllen = sizeof(ctl.b) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pfd[0], sizeof(int));
    printf("sendmsg: %zd\n", sendmsg(sv[0], &m, 0));
    close(pfd[0]);
    char r1[3], r2[16] = { 0 };
    struct iovec riov[2] = { { r1, 3 }, { r2, 15 } };
    union { char b[CMSG_SPACE(sizeof(int) * 4)]; struct cmsghdr align; } rctl;
    struct msghdr rm = { .msg_iov = riov, .msg_iovlen = 2, .msg_control = rctl.b, .msg_controllen = sizeof(rctl.b) };
    n = recvmsg(sv[1], &rm, 0);
    int got = -1;
    for (c = CMSG_FIRSTHDR(&rm); c; c = CMSG_NXTHDR(&rm, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) memcpy(&got, CMSG_DATA(c), sizeof(int));
    printf("recvmsg: %zd bytes '%.3s|%s', flags %d, fd passed: %s\n", n, r1, r2, rm.msg_flags,
           got >= 0 ? "yes" : "no");
    if (got >= 0) {
        n = read(got, buf, sizeof(buf));
        printf("read from passed fd: '%.*s'\n", (int)n, buf);
    }

    /* A Unix stream server in the temp folder, a client in a child process. */
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/lu-socket-%d", (int)getpid());
    unlink(addr.sun_path);
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    if (bind(srv, (struct sockaddr *)&addr, sizeof(addr)) || listen(srv, 4)) { perror("bind/listen"); return 1; }
    pid_t p = fork();
    if (p == 0) {
        int cl = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(cl, (struct sockaddr *)&addr, sizeof(addr))) _exit(1);
        char msg[64];
        int k = snprintf(msg, sizeof(msg), "hello from the client");
        write(cl, msg, k);
        n = read(cl, msg, sizeof(msg));
        _exit(n == 3 && !memcmp(msg, "bye", 3) ? 0 : 2);
    }
    struct sockaddr_un peer;
    socklen_t plen = sizeof(peer);
    int conn = accept(srv, (struct sockaddr *)&peer, &plen);
    n = read(conn, buf, sizeof(buf));
    printf("server got %zd bytes: '%.*s', peer family %d\n", n, (int)n, buf, peer.sun_family);
    write(conn, "bye", 3);
    int st;
    waitpid(p, &st, 0);
    printf("client exit %d\n", WEXITSTATUS(st));
    struct sockaddr_un me;
    socklen_t mlen = sizeof(me);
    getsockname(srv, (struct sockaddr *)&me, &mlen);
    printf("getsockname: path matches %d\n", !strcmp(me.sun_path, addr.sun_path));
    close(conn);
    close(srv);
    unlink(addr.sun_path);

    /* UDP over the loopback. */
    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a1 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(u1, (struct sockaddr *)&a1, sizeof(a1));
    socklen_t alen = sizeof(a1);
    getsockname(u1, (struct sockaddr *)&a1, &alen);
    printf("udp bound: port %s, len %u\n", ntohs(a1.sin_port) ? "nonzero" : "zero", (unsigned)alen);
    sendto(u2, "datagram", 8, 0, (struct sockaddr *)&a1, sizeof(a1));
    struct sockaddr_in from;
    socklen_t flen = sizeof(from);
    n = recvfrom(u1, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
    printf("udp: %zd bytes '%.*s' from %s\n", n, (int)n, buf, inet_ntoa(from.sin_addr));

    /* Options: an int and a timeval. */
    int one = 1, val = 0;
    socklen_t vlen = sizeof(val);
    setsockopt(u1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    getsockopt(u1, SOL_SOCKET, SO_REUSEADDR, &val, &vlen);
    /* The timeval is 32-bit on i386. Only setting it is checked: reading SO_RCVTIMEO back is
     * broken in qemu-loongarch64 itself (a LoongArch program gets length 0 from it), which
     * would fail the LoongArch runs for a reason outside loongbt. */
    struct timeval tv = { 2, 500000 };
    int rc = setsockopt(u1, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    printf("sockopts: reuseaddr %d (len %u), set rcvtimeo %d\n", val, (unsigned)vlen, rc);

    /* socketcall(2): the multiplexed entry point old programs use. */
    unsigned long args[4] = { AF_UNIX, SOCK_DGRAM, 0, (unsigned long)sv };
    long r = syscall(SYS_socketcall, 8 /* SYS_SOCKETPAIR */, args);
    printf("socketcall socketpair: %ld, fds distinct %d\n", r, sv[0] != sv[1]);

    /* Errors. */
    errno = 0;
    r = sendto(u2, (void *)16, 8, 0, (struct sockaddr *)&a1, sizeof(a1));
    printf("sendto bad buffer: %ld %s\n", r, strerror(errno));
    errno = 0;
    r = listen(pfd[1], 1);
    printf("listen on a pipe: %ld %s\n", r, strerror(errno));
    int cl = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    r = connect(cl, (struct sockaddr *)&addr, sizeof(addr));
    printf("connect to a removed socket: %ld %s\n", r, strerror(errno));
    return 0;
}
