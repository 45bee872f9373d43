/* fatal.S - profile test: N loop iterations, then ud2: the SIGILL the guest does not handle
 * kills the process; the report must still be written. guest_insns = 2N + 2 exactly (the
 * ud2 included), one exception, one signal. */
    .text
    .globl _start
_start:
    mov $N, %ecx
1:  dec %ecx
    jnz 1b
    ud2
