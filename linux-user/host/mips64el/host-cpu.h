/*
 * host-cpu.h (mips64el host) - not an x86 processor: "-cpu host" means the default model.
 */
#ifndef LINUX_USER_HOST_CPU_H
#define LINUX_USER_HOST_CPU_H

#include <stddef.h>

static inline const char *host_cpu_x86_vendor(void)
{
    return NULL;
}

#endif
