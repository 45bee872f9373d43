/*
 * log.h - -d item logging in the style of qemu-user: a mask of enabled items (from the one list
 * in log-items.h) and a log file (-D, default stderr).
 */
#ifndef LOONGBT_LOG_H
#define LOONGBT_LOG_H

#include <stdio.h>
#include <stdbool.h>

enum {
#define LOG_ITEM(id, name, help) LOG_BIT_##id,
#include "log-items.h"
#undef LOG_ITEM
    LOG_BIT_COUNT
};
#define LOG_ITEM(id, name, help) static const int CPU_LOG_##id = 1 << LOG_BIT_##id;
#include "log-items.h"
#undef LOG_ITEM

extern int qemu_loglevel;
extern FILE *qemu_logfile;

static inline bool qemu_loglevel_mask(int mask) { return (qemu_loglevel & mask) != 0; }

/* Parse "item,item,..." into a mask; returns -1 (and prints why) on an unknown item. */
int qemu_str_to_log_mask(const char *str);
/* Print the item list for `-d help`. */
void qemu_print_log_usage(FILE *f);
/* Open the log file (NULL = stderr). */
void qemu_set_log_filename(const char *filename);
void qemu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define qemu_log_mask(mask, ...) \
    do { if (unlikely(qemu_loglevel & (mask))) qemu_log(__VA_ARGS__); } while (0)
void qemu_log_flush(void);

#endif
