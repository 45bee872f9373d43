/* returns.S - profile test: N direct calls to a function that returns at once: N returns
 * (indirect), 2N direct jumps (call, jnz). guest_insns = 4N + 4 exactly. */
#include "prof-exit.h"
    .text
    .globl _start
_start:
    mov $N, %esi
1:  call f
    dec %esi
    jnz 1b
    EXIT_OK
f:  ret
