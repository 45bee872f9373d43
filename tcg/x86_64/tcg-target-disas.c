/*
 * tcg-target-disas.c - host (x86_64) disassembly of translated code for -d out_asm.
 * Uses capstone when the build has CONFIG_CAPSTONE; otherwise prints one line saying so.
 */
#include <inttypes.h>
#include "loongbt-common.h"
#include "tcg.h"

#if CONFIG_CAPSTONE
#include <capstone/capstone.h>

/* One handle for the whole run: opening capstone is far slower than disassembling a TB. */
static csh host_disas_handle;
static bool host_disas_ready;

static bool host_disas_open(void)
{
    if (!host_disas_ready) {
        if (cs_open(CS_ARCH_X86, CS_MODE_64, &host_disas_handle) != CS_ERR_OK) {
            return false;
        }
        host_disas_ready = true;
    }
    return true;
}

void tcg_target_disas(FILE *f, const void *code, size_t size)
{
    const uint8_t *p = code;
    uint64_t addr = (uintptr_t)code;
    cs_insn *insn;

    if (!host_disas_open()) {
        fprintf(f, "(host disassembly unavailable: capstone failed to open)\n");
        return;
    }
    insn = cs_malloc(host_disas_handle);
    while (size > 0) {
        if (cs_disasm_iter(host_disas_handle, &p, &size, &addr, insn)) {
            fprintf(f, "0x%016" PRIx64 ":  %s%s%s\n", insn->address, insn->mnemonic,
                    insn->op_str[0] ? " " : "", insn->op_str);
        } else {
            /* Undecodable byte (e.g. data): show it and resynchronise on the next one. */
            fprintf(f, "0x%016" PRIx64 ":  .byte 0x%02x\n", addr, *p);
            p++, size--, addr++;
        }
    }
    cs_free(insn, 1);
}

/* Variable-length instructions: let capstone find the boundaries. */
long tcg_target_insn_count(const void *code, size_t size)
{
    const uint8_t *p = code;
    uint64_t addr = (uintptr_t)code;
    long n = 0;

    if (!host_disas_open())
        return -1;
    cs_insn *insn = cs_malloc(host_disas_handle);
    while (size > 0) {
        if (!cs_disasm_iter(host_disas_handle, &p, &size, &addr, insn)) {
            n = -1;                     /* not code the back end emits: do not guess */
            break;
        }
        n++;
    }
    cs_free(insn, 1);
    return n;
}

#else

void tcg_target_disas(FILE *f, const void *code, size_t size)
{
    (void)code;
    (void)size;
    fprintf(f, "(host disassembly off: loongbt built without capstone)\n");
}

long tcg_target_insn_count(const void *code, size_t size)
{
    (void)code;
    (void)size;
    return -1;                          /* no length decoder without capstone */
}

#endif
