/* syscalls.S - profile test: N getpid system calls, then exit: N + 1 syscall exits.
 * guest_insns = 4N + 4 exactly. */
#include "prof-exit.h"
    .text
    .globl _start
_start:
    mov $N, %esi
1:  mov $20, %eax           /* getpid */
    int $0x80
    dec %esi
    jnz 1b
    EXIT_OK
