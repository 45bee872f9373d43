/*
 * lu-sys.h - helpers of the lu-sys-*.c guest programs: one line per call with the result or
 * the errno's name (the native run is the reference), and files in a per-run directory.
 */
#ifndef LU_SYS_H
#define LU_SYS_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void show(const char *what, long r)
{
    if (r == -1) printf("%-40s -1 %s\n", what, strerrorname_np(errno));
    else printf("%-40s %ld\n", what, r);
}

/* dir/name in one of four rotating buffers (several may be arguments of one call). */
static const char *path(const char *name)
{
    static char buf[4][128];
    static int n;
    char *p = buf[n++ & 3];
    snprintf(p, 128, "%s/%s", dir, name);
    return p;
}

static int make_file(const char *name, const char *data)
{
    int fd = open(path(name), O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (data) write(fd, data, strlen(data));
    return fd;
}

#endif
