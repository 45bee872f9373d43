/*
 * count-loongarch64.c - LoongArch host instructions are one 32-bit word each.
 *
 * Layout: a helper call is `bl` (1 insn) when the code buffer lies within bl's +-128 MiB of the
 * helper, else pcaddu18i + jirl (2). exec.c asks for a buffer just below loongbt's text, but
 * under qemu-loongarch64 that area is taken by qemu itself and the buffer mostly lands far away
 * (rarely near), so the counts would change from run to run. The tool therefore fills every free
 * part of +-(128 + 32) MiB around the text with PROT_NONE reservations first: the buffer is
 * always out of bl reach, as in most runs of loongbt under qemu. (On a LoongArch machine whose
 * kernel honours the hint, each helper call is one instruction less.)
 */
#include <stdint.h>
#include <sys/mman.h>
#include "insn-count.h"

const char host_insn_count_method[] = "bytes / 4, helpers out of bl reach";

#define BL_REACH   (128u << 20)
#define MARGIN     (32u << 20)        /* the code buffer size */
#define CHUNK      (1u << 20)

void host_code_layout_fix(const void *text)
{
    uintptr_t t = (uintptr_t)text & ~(uintptr_t)(CHUNK - 1);
    for (uintptr_t a = t - BL_REACH - MARGIN; a < t + BL_REACH + MARGIN; a += CHUNK)
        mmap((void *)a, CHUNK, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
             MAP_FIXED_NOREPLACE, -1, 0);   /* fails where something is mapped: fine */
}

unsigned host_insn_count(const uint8_t *code, size_t size, const char **err)
{
    (void)code;
    if (size % 4)
        *err = "code range is not a whole number of 32-bit instructions";
    return (unsigned)(size / 4);
}
