/*
 * count-x86_64.c - x86_64 host instructions counted by capstone, independently of the emitter
 * (always linked against capstone, whatever the build's CONFIG_CAPSTONE).
 */
#include <stdbool.h>
#include <capstone/capstone.h>
#include "insn-count.h"

const char host_insn_count_method[] = "capstone";

/* Natively the code buffer lands where exec.c asks, within rel32 reach of the helpers. */
void host_code_layout_fix(const void *text)
{
    (void)text;
}

unsigned host_insn_count(const uint8_t *code, size_t size, const char **err)
{
    static csh handle;
    static bool opened;
    if (!opened) {
        if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
            *err = "capstone failed to open";
            return 0;
        }
        opened = true;
    }
    cs_insn *insn = cs_malloc(handle);
    uint64_t addr = (uintptr_t)code;
    unsigned n = 0;
    while (size > 0 && cs_disasm_iter(handle, &code, &size, &addr, insn))
        n++;
    cs_free(insn, 1);
    if (size)
        *err = "capstone cannot decode the whole code range";
    return n;
}
