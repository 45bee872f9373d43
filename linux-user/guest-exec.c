/*
 * guest-exec.c - what a guest execve (or loongbt's own command line) runs: an i386 ELF file,
 * a "#!" script, or something for the host. Scripts follow the kernel's binfmt_script rules:
 *  - the first 256 bytes (BINPRM_BUF_SIZE) hold the "#!" line; without a newline in them the
 *    interpreter name must end (space, tab or NUL) inside the buffer, else ENOEXEC;
 *  - the interpreter is the first word after "#!" (leading spaces/tabs skipped), the optional
 *    argument is the rest of the line after the following spaces/tabs, trailing spaces/tabs
 *    trimmed, as one argument; no name is ENOEXEC;
 *  - the new argv is: interpreter, [argument], the script path as given to execve, then the
 *    original arguments without argv[0];
 *  - the interpreter may be a script again, up to 5 levels of scripts (then ELOOP); an absolute
 *    interpreter path is looked up under the -L prefix first, like every absolute guest path;
 *    a missing interpreter is ENOENT, a non-executable one EACCES.
 * The final program runs under loongbt when it is an i386 ELF file; anything else (a host
 * program named by a script) is left to the host's execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "qemu.h"

#define BINPRM_BUF_SIZE 256
#define MAX_SCRIPT_DEPTH 5

static bool spacetab(char c) { return c == ' ' || c == '\t'; }

/* An absolute guest path that exists under -L is taken from there. */
static const char *exec_host_path(const char *p, char *buf, size_t n)
{
    struct stat st;
    if (interp_prefix && p[0] == '/' && p[1]) {
        snprintf(buf, n, "%s%s", interp_prefix, p);
        if (stat(buf, &st) == 0) return buf;
    }
    return p;
}

/* The first BINPRM_BUF_SIZE bytes of path (zero-filled), or -errno as open_exec gives it. */
static int read_head(const char *path, char *buf)
{
    struct stat st;
    memset(buf, 0, BINPRM_BUF_SIZE);
    if (stat(path, &st) != 0) return -errno;
    if (!S_ISREG(st.st_mode)) return -EACCES;
    if (access(path, X_OK) != 0) return -errno;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    ssize_t n = pread(fd, buf, BINPRM_BUF_SIZE, 0);
    close(fd);
    return n < 0 ? -errno : (int)n;
}

static bool head_is_i386_elf(const char *h, int n)
{
    const unsigned char *u = (const unsigned char *)h;
    return n >= 20 && !memcmp(h, "\177ELF", 4) && u[4] == 1 && u[18] == 3 && u[19] == 0;
}

/* Parse the "#!" line in buf: name and optional argument (pointers into buf, NUL-ended). */
static int parse_shebang(char *buf, char **name, char **arg)
{
    char *buf_end = buf + BINPRM_BUF_SIZE - 1, *i_end = memchr(buf, '\n', BINPRM_BUF_SIZE), *p;
    if (!i_end) {
        for (p = buf + 2; p < buf_end && spacetab(*p); p++) continue;
        if (p >= buf_end) return -ENOEXEC;                   /* only spaces and tabs */
        while (p < buf_end && !spacetab(*p) && *p) p++;
        if (p >= buf_end) return -ENOEXEC;                   /* the name may be truncated */
        i_end = buf_end;
    }
    while (i_end > buf + 2 && spacetab(i_end[-1])) i_end--;
    for (p = buf + 2; p < i_end && spacetab(*p); p++) continue;
    if (p >= i_end || !*p) return -ENOEXEC;                  /* no interpreter name */
    *name = p;
    while (p < i_end && !spacetab(*p) && *p) p++;
    *arg = NULL;
    if (p < i_end && *p) {
        char *sep = p;
        while (p < i_end && spacetab(*p)) p++;
        if (p < i_end) *arg = p;
        *sep = 0;
    }
    *i_end = 0;
    return 0;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d) fatal_error("out of memory");
    return d;
}

int guest_exec_resolve(const char *path, const char *name, char **argv, GuestExec *out)
{
    char head[BINPRM_BUF_SIZE], pbuf[PATH_MAX * 2];
    const char *cur = path;             /* the file to look at, as the host opens it */
    const char *named = name;           /* its name as given: the script argument */
    char **args = argv;
    int argc = 0, r;

    memset(out, 0, sizeof(*out));
    while (argv && argv[argc]) argc++;
    for (int depth = 0;; depth++) {
        if ((r = read_head(cur, head)) < 0) return r;
        bool script = r >= 2 && head[0] == '#' && head[1] == '!';
        if (!script) {
            out->kind = head_is_i386_elf(head, r) ? GUEST_EXEC_I386 : GUEST_EXEC_HOST;
            if (depth > 0) {
                out->path = xstrdup(cur);
                out->argv = args;
                out->execfn = name;
            }
            return out->kind;
        }
        if (depth >= MAX_SCRIPT_DEPTH) return -ELOOP;
        char *name, *arg;
        if ((r = parse_shebang(head, &name, &arg)) < 0) return r;
        char **next = calloc((size_t)argc + 4, sizeof(char *));
        int n = 0;
        if (!next) fatal_error("out of memory");
        next[n++] = xstrdup(name);
        if (arg) next[n++] = xstrdup(arg);
        next[n++] = xstrdup(named);
        for (int i = 1; i < argc; i++) next[n++] = args[i];
        next[n] = NULL;
        args = next;
        argc = n;
        named = next[0];
        cur = xstrdup(exec_host_path(name, pbuf, sizeof(pbuf)));
    }
}
