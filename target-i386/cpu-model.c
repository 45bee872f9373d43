/*
 * cpu-model.c - the run's x86 CPU model (see cpu-model.h): names and the choice at start-up.
 */
#include <string.h>
#include "cpu-model.h"
#include "host-cpu.h"

X86CPUModel x86_cpu_model = X86_CPU_MODEL_INTEL;

static const char *const model_names[X86_CPU_MODEL_COUNT] = {
#define X86_CPU_MODEL_NAME(id, name, help) [X86_CPU_MODEL_##id] = name,
    X86_CPU_MODEL_LIST(X86_CPU_MODEL_NAME)
#undef X86_CPU_MODEL_NAME
};

const char *x86_cpu_model_name(X86CPUModel m)
{
    return m < X86_CPU_MODEL_COUNT ? model_names[m] : "?";
}

bool x86_cpu_model_select(const char *name)
{
    if (!strcmp(name, "host")) {
        const char *vendor = host_cpu_x86_vendor();   /* NULL on hosts that are not x86 */
        name = vendor ? vendor : "intel";
    }
    for (int m = 0; m < X86_CPU_MODEL_COUNT; m++) {
        if (!strcmp(name, model_names[m])) {
            x86_cpu_model = (X86CPUModel)m;
            return true;
        }
    }
    return false;
}
