/*
 * host-cpu.h (x86_64 host) - the host processor's x86 vendor, for "-cpu host".
 */
#ifndef LINUX_USER_HOST_CPU_H
#define LINUX_USER_HOST_CPU_H

#include <cpuid.h>
#include <string.h>

/* "intel", "amd", or NULL for another vendor. */
static inline const char *host_cpu_x86_vendor(void)
{
    unsigned a, b, c, d;
    char v[13];
    if (!__get_cpuid(0, &a, &b, &c, &d))
        return NULL;
    memcpy(v, &b, 4);
    memcpy(v + 4, &d, 4);
    memcpy(v + 8, &c, 4);
    v[12] = '\0';
    if (!strcmp(v, "GenuineIntel"))
        return "intel";
    if (!strcmp(v, "AuthenticAMD"))
        return "amd";
    return NULL;
}

#endif
