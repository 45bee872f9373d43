/* calls.S - profile test: N indirect calls through a table (call *table(,%eax,4)) to two
 * functions that return at once: 2N indirect transfers (N calls, N returns). After the first
 * two iterations every target is in the jump cache. guest_insns = 6N + 4 exactly. */
#include "prof-exit.h"
    .text
    .globl _start
_start:
    mov $N, %esi
1:  mov %esi, %eax
    and $1, %eax
    call *table(,%eax,4)
    dec %esi
    jnz 1b
    EXIT_OK
f0: ret
f1: ret
    .data
table: .long f0, f1
