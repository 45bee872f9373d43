/*
 * disas.c - guest (i386) disassembly for -d in_asm: the guest bytes at g2h(pc), one line per
 * instruction with the guest address ("0x%08x:  mnemonic operands"). Two decoders print the
 * same style: capstone in 32-bit mode when loongbt is built with it, and loongbt's own
 * table-driven disassembler (disas-i386.c) otherwise, e.g. on LoongArch where capstone is not
 * packaged. LOONGBT_DISAS=builtin selects the built-in one on any build.
 */
#include "loongbt-common.h"
#include "exec-all.h"
#include "qemu.h"
#include "disas-i386.h"

#if CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

/* Not a valid instruction (the TB ends with it and raises #UD): show the byte. */
static void print_byte(FILE *f, uint32_t addr, uint8_t byte)
{
    fprintf(f, "0x%08x:  .byte 0x%02x\n", addr, byte);
}

/* ------------------------------------------------------------------ built-in decoder */

static void builtin_disas(FILE *f, target_ulong pc, size_t size)
{
    const uint8_t *p = g2h(pc);
    char text[160];

    while (size > 0) {
        size_t len = i386_disas_insn(p, size, pc, text, sizeof(text));
        if (len) {
            fprintf(f, "0x%08x:  %s\n", (uint32_t)pc, text);
        } else {
            print_byte(f, pc, *p);
            len = 1;
        }
        p += len, pc += len, size -= len;
    }
}

/* Read once: the environment does not change while loongbt runs. */
static bool builtin_requested(void)
{
    static int requested = -1;
    if (requested < 0) {
        const char *s = getenv("LOONGBT_DISAS");
        requested = s && !strcmp(s, "builtin");
    }
    return requested;
}

/* ------------------------------------------------------------------ capstone */

#if CONFIG_CAPSTONE

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

static void capstone_disas(FILE *f, target_ulong pc, size_t size)
{
    const uint8_t *p = g2h(pc);
    uint64_t addr = pc;
    cs_insn *insn;

    insn = cs_malloc(guest_disas_handle);
    while (size > 0) {
        if (cs_disasm_iter(guest_disas_handle, &p, &size, &addr, insn)) {
            fprintf(f, "0x%08x:  %s%s%s\n", (uint32_t)insn->address, insn->mnemonic,
                    insn->op_str[0] ? " " : "", insn->op_str);
        } else {
            print_byte(f, (uint32_t)addr, *p);
            p++, size--, addr++;
        }
    }
    cs_free(insn, 1);
}

void target_disas(FILE *f, target_ulong pc, size_t size)
{
    if (builtin_requested() || !guest_disas_open()) {
        builtin_disas(f, pc, size);
    } else {
        capstone_disas(f, pc, size);
    }
}

#else

void target_disas(FILE *f, target_ulong pc, size_t size)
{
    (void)builtin_requested;
    builtin_disas(f, pc, size);
}

#endif
