/*
 * hwassist.c - detection and user override of host hardware assists (see hwassist.h).
 * Only LoongArch hosts can report anything today (the LBT bits of AT_HWCAP); every other host
 * reports none.
 */
#include <sys/auxv.h>
#include "loongbt-common.h"
#include "hwassist.h"

unsigned hwassist_mask;
static unsigned hwassist_detected;
static bool hwassist_done;

static const struct { const char *name; unsigned bit; const char *help; } hwassist_table[] = {
#define HWASSIST_ENTRY(id, name, help) { name, HWASSIST_##id, help },
    HWASSIST_LIST(HWASSIST_ENTRY)
#undef HWASSIST_ENTRY
};

/* What the host has. The LBT extension for x86 is one HWCAP bit that covers flags, x87 top
 * and condition-code branches together. */
static unsigned hwassist_detect(void)
{
    unsigned found = 0;
#if defined(__loongarch__)
    const unsigned long hwcap_lbt_x86 = 1ul << 10;   /* HWCAP_LOONGARCH_LBT_X86 */
    if (getauxval(AT_HWCAP) & hwcap_lbt_x86)
        found |= HWASSIST_LBT_FLAGS | HWASSIST_LBT_X87 | HWASSIST_LBT_JCC;
#endif
    return found;
}

static unsigned hwassist_lookup(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(hwassist_table); i++)
        if (strlen(hwassist_table[i].name) == len && !strncmp(hwassist_table[i].name, name, len))
            return hwassist_table[i].bit;
    fatal_error("LOONGBT_HWASSIST: unknown assist '%.*s'", (int)len, name);
}

/* "name" enables (only if present), "-name" disables, "none" disables everything. */
static void hwassist_apply_override(const char *spec)
{
    const char *p = spec;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        bool off = len > 0 && *p == '-';
        const char *name = off ? p + 1 : p;
        size_t name_len = off ? len - 1 : len;
        if (name_len == 4 && !strncmp(name, "none", 4)) {
            hwassist_mask = 0;
        } else if (name_len > 0) {
            unsigned bit = hwassist_lookup(name, name_len);
            if (off)
                hwassist_mask &= ~bit;
            else if (!(hwassist_detected & bit))
                fatal_error("LOONGBT_HWASSIST: '%.*s' is not available on this host",
                            (int)name_len, name);
            else
                hwassist_mask |= bit;
        }
        p += len;
        if (*p == ',')
            p++;
    }
}

void hwassist_init(void)
{
    if (hwassist_done)
        return;
    hwassist_done = true;
    hwassist_detected = hwassist_detect();
    hwassist_mask = hwassist_detected;
    const char *spec = getenv("LOONGBT_HWASSIST");
    if (spec)
        hwassist_apply_override(spec);
}

void hwassist_print(FILE *f)
{
    for (size_t i = 0; i < ARRAY_SIZE(hwassist_table); i++)
        fprintf(f, "%-10s %-7s %-8s %s\n", hwassist_table[i].name,
                (hwassist_detected & hwassist_table[i].bit) ? "present" : "absent",
                (hwassist_mask & hwassist_table[i].bit) ? "enabled" : "off",
                hwassist_table[i].help);
}
