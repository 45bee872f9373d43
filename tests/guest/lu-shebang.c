/*
 * lu-shebang.c - "#!" scripts executed by an i386 program, compared with the kernel: the
 * interpreter (this program itself, so it runs under loongbt when the test does) prints the
 * argv the kernel built: interpreter name, the optional argument (the rest of the line,
 * trimmed, as one word), the script path, the original arguments without argv[0]. Then the
 * errors: missing or non-executable interpreter, no interpreter name, a line too long, and
 * nesting (5 levels of scripts work, 6 give ELOOP). Last, a shell script run by the sysroot's
 * i386 busybox sh (#!<sysroot>/bin/busybox sh) that runs i386 programs and another script.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64], self[4096];

/* As the interpreter: print what we were given (the script path relative to the test folder). */
static int interpreter(int argc, char **argv)
{
    printf("  interpreter ran, argc %d:", argc);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strncmp(a, dir, strlen(dir))) { printf(" [DIR%s]", a + strlen(dir)); continue; }
        if (!strcmp(a, self)) { printf(" [SELF]"); continue; }
        printf(" [%s]", a);
    }
    printf("\n");
    return 3;
}

static void write_file(const char *name, const char *content, int mode)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(content, f);
    fclose(f);
    chmod(path, mode);
}

/* Run dir/name with two arguments in a child; report the execve error or the exit status. */
static void run(const char *name)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    printf("%s:\n", name);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "argv0-dropped", "one", "two words", NULL };
        execv(path, argv);
        printf("  execve: %s\n", strerrorname_np(errno));
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    if (WIFEXITED(st) && WEXITSTATUS(st)) printf("  status %d\n", WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
    char line[8192];
    if (getenv("LU_SHEBANG_DIR")) {
        snprintf(dir, sizeof(dir), "%s", getenv("LU_SHEBANG_DIR"));
        ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
        self[n > 0 ? n : 0] = 0;
        return interpreter(argc, argv);
    }
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) { perror("readlink"); return 1; }
    self[n] = 0;
    strcpy(dir, "/tmp/lu-shebang.XXXXXX");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    setenv("LU_SHEBANG_DIR", dir, 1);

    snprintf(line, sizeof(line), "#!%s\n", self);                     write_file("plain", line, 0755);
    snprintf(line, sizeof(line), "#! \t%s  -x  y\tz \t\nrest\n", self); write_file("arg", line, 0755);
    snprintf(line, sizeof(line), "#!%s -o", self);                    write_file("no-newline", line, 0755);
    write_file("missing", "#!/nonexistent/interpreter -a\n", 0755);
    write_file("no-name", "#!   \n", 0755);
    write_file("empty-line", "#!\n", 0755);
    snprintf(line, sizeof(line), "#!%s\n", self);                     write_file("not-executable", line, 0644);
    write_file("interp-not-exec", "#!/etc/passwd\n", 0755);
    memset(line, 0, sizeof(line));
    strcpy(line, "#!/");
    memset(line + 3, 'a', 300);                                          write_file("too-long-name", line, 0755);
    snprintf(line, sizeof(line), "#!%s ", self);
    memset(line + strlen(line), 'b', 300);                               write_file("long-arg", line, 0755);
    write_file("no-shebang", "echo hello\n", 0755);
    /* nest1 -> plain -> self; nestK -> nest(K-1) */
    snprintf(line, sizeof(line), "#!%s/plain\n", dir);                  write_file("nest1", line, 0755);
    for (int k = 2; k <= 6; k++) {
        char name[16];
        snprintf(line, sizeof(line), "#!%s/nest%d arg%d\n", dir, k - 1, k);
        snprintf(name, sizeof(name), "nest%d", k);
        write_file(name, line, 0755);
    }

    static const char *const runs[] = { "plain", "arg", "no-newline", "missing", "no-name", "empty-line",
        "not-executable", "interp-not-exec", "too-long-name", "long-arg", "no-shebang",
        "nest1", "nest3", "nest4", "nest5", "nest6" };
    for (unsigned i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) run(runs[i]);

    /* busybox from the i386 sysroot next to the test programs (tests/guest/bin/../../../sysroots). */
    char busybox[4096];
    snprintf(busybox, sizeof(busybox), "%s", self);
    for (int up = 0; up < 4; up++) *strrchr(busybox, '/') = 0;
    strcat(busybox, "/sysroots/i386/bin/busybox");
    if (access(busybox, X_OK) == 0) {
        snprintf(line, sizeof(line), "#!%s sh\necho \"inner: $# args, first $1\"\n", busybox);
        write_file("inner.sh", line, 0755);
        snprintf(line, sizeof(line),
                 "#!%s sh\n"
                 "echo \"outer: $# args: $*\"\n"
                 "x=$((6 * 7)); echo \"arithmetic $x\"\n"
                 "printf 'b\\na\\nc\\n' | %s sort | %s tr '\\n' ' '; echo\n"
                 "%s/inner.sh \"$@\"\n"
                 "%s echo exec-ed an i386 program\n"
                 "exit 5\n", busybox, busybox, busybox, dir, busybox);
        write_file("busybox.sh", line, 0755);
        run("busybox.sh");
    } else {
        printf("busybox.sh: no i386 busybox in the sysroot\n");
    }

    snprintf(line, sizeof(line), "rm -rf %s", dir);
    return system(line) == 0 ? 0 : 1;
}
