/*
 * log.c - -d item parsing, `-d help`, and the log sink shared by every part of loongbt.
 */
#include <stdarg.h>
#include "loongbt-common.h"
#include "log.h"

int qemu_loglevel;
FILE *qemu_logfile;

static const struct { const char *name; int mask; const char *help; } log_items[] = {
#define LOG_ITEM(id, name, help) { name, 1 << LOG_BIT_##id, help },
#include "log-items.h"
#undef LOG_ITEM
};

int qemu_str_to_log_mask(const char *str)
{
    int mask = 0;
    const char *p = str;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        size_t i;
        if (len == 3 && !strncmp(p, "all", 3)) {
            for (i = 0; i < ARRAY_SIZE(log_items); i++) mask |= log_items[i].mask;
        } else {
            for (i = 0; i < ARRAY_SIZE(log_items); i++) {
                if (strlen(log_items[i].name) == len && !strncmp(p, log_items[i].name, len)) {
                    mask |= log_items[i].mask;
                    break;
                }
            }
            if (i == ARRAY_SIZE(log_items)) {
                fprintf(stderr, "loongbt-i386: unknown -d item '%.*s' (try -d help)\n", (int)len, p);
                return -1;
            }
        }
        p += len;
        if (*p == ',') p++;
    }
    return mask;
}

void qemu_print_log_usage(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < ARRAY_SIZE(log_items); i++)
        fprintf(f, "%-10s %s\n", log_items[i].name, log_items[i].help);
    fprintf(f, "%-10s %s\n", "all", "every item above");
}

void qemu_set_log_filename(const char *filename)
{
    if (!filename) { qemu_logfile = stderr; return; }
    FILE *f = fopen(filename, "w");
    if (!f) fatal_error("cannot open log file %s", filename);
    setvbuf(f, NULL, _IOLBF, 0);
    qemu_logfile = f;
}

void qemu_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(qemu_logfile ? qemu_logfile : stderr, fmt, ap);
    va_end(ap);
}

void qemu_log_flush(void)
{
    fflush(qemu_logfile ? qemu_logfile : stderr);
}

void fatal_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("loongbt-i386: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

void tcg_abort_msg(const char *file, int line, const char *msg)
{
    fprintf(stderr, "loongbt-i386: internal error at %s:%d: %s\n", file, line, msg);
    abort();
}
