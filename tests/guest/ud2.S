/*
 * ud2.S - guest test: executing ud2 raises #UD, which Linux delivers as SIGILL; with no handler
 * the process dies of it (status 132).  A write() first proves the code before it ran.
 */
        .section .rodata
msg:    .ascii "before ud2\n"
        msglen = . - msg

        .text
        .globl main
        .type main, @function
main:
        pushl $msglen
        pushl $msg
        pushl $1
        call write
        addl $12, %esp
        ud2
        movl $0, %eax
        ret
        .size main, .-main
        .section .note.GNU-stack,"",@progbits
