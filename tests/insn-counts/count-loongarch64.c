/*
 * count-loongarch64.c - LoongArch host instructions are one 32-bit word each.
 */
#include "insn-count.h"

const char host_insn_count_method[] = "bytes / 4";

unsigned host_insn_count(const uint8_t *code, size_t size, const char **err)
{
    (void)code;
    if (size % 4)
        *err = "code range is not a whole number of 32-bit instructions";
    return (unsigned)(size / 4);
}
