/*
 * lu-forkexec.c - processes: fork chains, execve of an i386 program (itself, which must run
 * under loongbt again), wait4/waitpid statuses (exit codes, deaths by signal, WNOHANG), pipes
 * between parent and child, vfork + exec, posix_spawn, and /proc/self/exe.
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static volatile int *volatile bad_pointer = (volatile int *)8;

static void describe(const char *what, int status)
{
    if (WIFEXITED(status)) printf("%s: exit %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf("%s: signal %d\n", what, WTERMSIG(status));
    else printf("%s: status %#x\n", what, status);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        /* Exec'ed: report the arguments and the depth, then exit with a code. */
        int depth = atoi(argv[2]);
        printf("exec'ed child depth %d argv0 %s\n", depth, strrchr(argv[0], '/') ? "path" : argv[0]);
        fflush(stdout);
        if (depth > 0) {
            char d[16];
            snprintf(d, sizeof(d), "%d", depth - 1);
            pid_t p = fork();
            if (p == 0) { execl("/proc/self/exe", "self", "child", d, (char *)NULL); _exit(127); }
            int st;
            waitpid(p, &st, 0);
            return WEXITSTATUS(st) + 1;
        }
        return 40;
    }
    setvbuf(stdout, NULL, _IONBF, 0);

    /* A chain of forks: each level forks the next and returns its child's code + 1. */
    int level = 0;
    for (level = 0; level < 5; level++) {
        pid_t p = fork();
        if (p < 0) { perror("fork"); return 1; }
        if (p > 0) {
            int st;
            waitpid(p, &st, 0);
            if (level == 0) { describe("fork chain", st); break; }
            _exit(WEXITSTATUS(st) + 1);
        }
        if (level == 4) _exit(10);
    }

    /* Exit codes and signals through wait4. */
    int codes[] = { 0, 1, 255 };
    for (int i = 0; i < 3; i++) {
        pid_t p = fork();
        if (p == 0) _exit(codes[i]);
        int st;
        struct rusage ru;
        if (wait4(p, &st, 0, &ru) != p) perror("wait4");
        describe("exit code", st);
    }
    int sigs[] = { SIGKILL, SIGTERM, SIGSEGV, SIGABRT };
    for (int i = 0; i < 4; i++) {
        pid_t p = fork();
        if (p == 0) {
            signal(SIGABRT, SIG_DFL);
            if (sigs[i] == SIGSEGV) *bad_pointer = 1;
            if (sigs[i] == SIGABRT) abort();
            pause();
            _exit(0);
        }
        if (sigs[i] == SIGKILL || sigs[i] == SIGTERM) kill(p, sigs[i]);
        int st;
        waitpid(p, &st, 0);
        describe("killed", st);
    }

    /* WNOHANG on a child that is still running, then a blocking wait. */
    int pfd[2];
    pipe(pfd);
    pid_t p = fork();
    if (p == 0) {
        char c;
        close(pfd[1]);
        read(pfd[0], &c, 1);
        _exit(c);
    }
    close(pfd[0]);
    int st;
    printf("WNOHANG: %d\n", waitpid(p, &st, WNOHANG));
    write(pfd[1], "\x07", 1);
    waitpid(p, &st, 0);
    describe("after pipe", st);
    int r = waitpid(-1, &st, 0);
    printf("no children left: %d %s\n", r, strerror(errno));

    /* Pipes: the child writes a lot, the parent counts. */
    pipe(pfd);
    p = fork();
    if (p == 0) {
        close(pfd[0]);
        char blk[4096];
        memset(blk, 'x', sizeof(blk));
        for (int i = 0; i < 64; i++) write(pfd[1], blk, sizeof(blk));
        _exit(0);
    }
    close(pfd[1]);
    long total = 0;
    char rb[1000];
    ssize_t n;
    while ((n = read(pfd[0], rb, sizeof(rb))) > 0) total += n;
    waitpid(p, &st, 0);
    printf("pipe bytes: %ld\n", total);

    /* execve of this program (an i386 ELF: loongbt must run it again), through a chain. */
    p = fork();
    if (p == 0) {
        execl("/proc/self/exe", "self", "child", "2", (char *)NULL);
        _exit(127);
    }
    waitpid(p, &st, 0);
    describe("exec chain", st);

    /* vfork + exec and posix_spawn. */
    p = vfork();
    if (p == 0) {
        execl("/proc/self/exe", "self", "child", "0", (char *)NULL);
        _exit(127);
    }
    waitpid(p, &st, 0);
    describe("vfork exec", st);
    char *sargv[] = { "spawned", "child", "1", NULL };
    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
    self[len > 0 ? len : 0] = 0;
    if (posix_spawn(&p, self, NULL, NULL, sargv, environ) != 0) { perror("posix_spawn"); return 1; }
    waitpid(p, &st, 0);
    describe("posix_spawn", st);

    /* execve failures come back as errors. */
    char *nargv[] = { "nope", NULL };
    r = execve("/nonexistent/prog", nargv, environ);
    printf("exec missing: %d %s\n", r, strerror(errno));
    return 0;
}
