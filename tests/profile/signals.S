/* signals.S - profile test: a SIGUSR1 handler (rt_sigaction, SA_SIGINFO, own restorer), then
 * N kill(getpid(), SIGUSR1): N signals delivered, 2N + 3 syscalls (kill and rt_sigreturn per
 * signal; rt_sigaction, getpid, exit), N indirect transfers (the handler's ret to the
 * restorer). Exit status 0 when the handler ran N times. */
    .text
    .globl _start
_start:
    mov $174, %eax          /* rt_sigaction(SIGUSR1, &act, NULL, 8) */
    mov $10, %ebx
    mov $act, %ecx
    xor %edx, %edx
    mov $8, %esi
    int $0x80
    mov $20, %eax           /* getpid */
    int $0x80
    mov %eax, %edi
    mov $N, %ebp
1:  mov $37, %eax           /* kill(pid, SIGUSR1) */
    mov %edi, %ebx
    mov $10, %ecx
    int $0x80
    dec %ebp
    jnz 1b
    xor %ebx, %ebx
    cmpl $N, count
    setne %bl
    mov $1, %eax
    int $0x80
handler:
    incl count
    ret
restorer:
    mov $173, %eax          /* rt_sigreturn */
    int $0x80
    .data
act:   .long handler, 0x04000004, restorer, 0, 0   /* SA_RESTORER | SA_SIGINFO, empty mask */
count: .long 0
