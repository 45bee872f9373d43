/*
 * cpu-model.h - which real x86 CPU loongbt imitates where the architecture leaves results open.
 *
 * The SDM and the APM leave some results undefined (flags after shifts, bsf/bsr, mul, BCD,
 * lzcnt/tzcnt; the approximations of rcpps/rsqrtps; the last bit of x87 transcendentals; the
 * MXCSR_MASK of fxsave; CPUID's vendor and family), and Intel and AMD processors fill them in
 * differently. Programs (and the native-run oracle of the tests) see the one they run on, so
 * loongbt follows one model per run: "-cpu intel|amd|host" (env LOONGBT_CPU); "host" — the
 * default — is the vendor of an x86 host (linux-user/host/<host>/host-cpu.h), and Intel on
 * hosts that are not x86. Tests pass the model of the machine whose native run is the oracle.
 */
#ifndef CPU_MODEL_H
#define CPU_MODEL_H

#include <stdbool.h>

/* X(ID, "name", "what was measured on") */
#define X86_CPU_MODEL_LIST(X) \
    X(INTEL, "intel", "Intel Xeon (phase-1 measurements)") \
    X(AMD,   "amd",   "AMD EPYC (Zen)")

typedef enum X86CPUModel {
#define X86_CPU_MODEL_ENUM(id, name, help) X86_CPU_MODEL_##id,
    X86_CPU_MODEL_LIST(X86_CPU_MODEL_ENUM)
#undef X86_CPU_MODEL_ENUM
    X86_CPU_MODEL_COUNT
} X86CPUModel;

extern X86CPUModel x86_cpu_model;     /* set once at start-up, before any translation */

/* Select by name ("intel", "amd", "host"); false for an unknown name. */
bool x86_cpu_model_select(const char *name);
const char *x86_cpu_model_name(X86CPUModel m);
static inline bool x86_cpu_is_amd(void) { return x86_cpu_model == X86_CPU_MODEL_AMD; }

#endif
