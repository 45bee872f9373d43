/*
 * guest-syms.c - guest symbol lookup (see guest-syms.h). Placeholder until the perf
 * integration fills it in: no file is read and no name is found.
 */
#include "guest-syms.h"

void guest_syms_add_file(const char *path, uint32_t load_bias)
{
    (void)path;
    (void)load_bias;
}

size_t guest_syms_lookup(uint32_t pc, char *buf, size_t len)
{
    (void)pc;
    if (len)
        buf[0] = '\0';
    return 0;
}
