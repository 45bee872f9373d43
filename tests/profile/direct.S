/* direct.S - profile test: N loop iterations of two direct jumps each (jmp, jnz).
 * No libc: every executed guest instruction is below, guest_insns = 3N + 4 exactly.
 * Direct jumps (goto_tb) reached: 1 (first jmp) + N (jnz) + N - 1 (jmp 2f after a taken jnz)
 * = 2N; with chaining all but the first run of each of the 4 exits are chained. */
#include "prof-exit.h"
    .text
    .globl _start
    .type _start, @function      /* a sized function symbol: hot_tbs name it "_start+0x..." */
_start:
    mov $N, %ecx
1:  jmp 2f
2:  dec %ecx
    jnz 1b
    EXIT_OK
    .size _start, . - _start
