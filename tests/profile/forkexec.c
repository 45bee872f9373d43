/* forkexec.c - profile test: only the process loongbt started writes -stats-json FILE. A child
 * that execs this program again and a forked child that just exits must not write it: after
 * both have exited the parent checks FILE does not exist yet (status 1 if it does). Native
 * runs never create FILE. Usage: forkexec FILE [child] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (argc > 2 && !strcmp(argv[2], "child"))
        return 0;                              /* the exec'd image */
    pid_t pid = fork();
    if (pid == 0) {
        execl(argv[0], argv[0], argv[1], "child", (char *)NULL);
        _exit(3);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
        return 4;
    pid = fork();
    if (pid == 0)
        exit(0);                               /* runs atexit handlers, loongbt's included */
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
        return 5;
    if (access(argv[1], F_OK) == 0) {
        printf("%s written by a child\n", argv[1]);
        return 1;
    }
    return 0;
}
