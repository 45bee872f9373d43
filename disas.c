/*
 * disas.c - guest (i386) disassembly for -d in_asm: the guest bytes at g2h(pc) decoded by
 * capstone in 32-bit mode, one line per instruction with the guest address. Without
 * CONFIG_CAPSTONE a single line says disassembly is off.
 */
#include "loongbt-common.h"
#include "exec-all.h"
#include "qemu.h"

#if CONFIG_CAPSTONE
#include <capstone/capstone.h>

/* Opened on first use and kept: -d in_asm disassembles every new TB. */
static csh guest_disas_handle;
static bool guest_disas_ready;

static bool guest_disas_open(void)
{
    if (!guest_disas_ready) {
        if (cs_open(CS_ARCH_X86, CS_MODE_32, &guest_disas_handle) != CS_ERR_OK) {
            return false;
        }
        guest_disas_ready = true;
    }
    return true;
}

void target_disas(FILE *f, target_ulong pc, size_t size)
{
    const uint8_t *p = g2h(pc);
    uint64_t addr = pc;
    cs_insn *insn;

    if (!guest_disas_open()) {
        fprintf(f, "(guest disassembly unavailable: capstone failed to open)\n");
        return;
    }
    insn = cs_malloc(guest_disas_handle);
    while (size > 0) {
        if (cs_disasm_iter(guest_disas_handle, &p, &size, &addr, insn)) {
            fprintf(f, "0x%08x:  %s%s%s\n", (uint32_t)insn->address, insn->mnemonic,
                    insn->op_str[0] ? " " : "", insn->op_str);
        } else {
            /* Not a valid instruction (the TB ends with it and raises #UD): show the byte. */
            fprintf(f, "0x%08x:  .byte 0x%02x\n", (uint32_t)addr, *p);
            p++, size--, addr++;
        }
    }
    cs_free(insn, 1);
}

#else

void target_disas(FILE *f, target_ulong pc, size_t size)
{
    (void)pc;
    (void)size;
    fprintf(f, "(host disassembly off: loongbt built without capstone)\n");
}

#endif
