/*
 * rotmem.S - guest test: multi-precision arithmetic the way hand-written assembly does it:
 * a 256-bit number shifted through the carry flag with rcl/rcr on MEMORY operands (the loop
 * carries CF from one dword to the next, so inc/dec/lea/loop must not disturb it), shifted by
 * several bits at once with shld/shrd into memory, rotated with rol/ror on memory in 8/16/32
 * bits, and added with an adc chain.  Prints the number in hex after each step.
 */
        .section .rodata
fmt_hex:    .asciz "%-8s %08x %08x %08x %08x %08x %08x %08x %08x\n"
n_init:     .asciz "init"
n_rcl:      .asciz "rcl1"
n_rcr:      .asciz "rcr1"
n_shld:     .asciz "shld7"
n_shrd:     .asciz "shrd13"
n_rot:      .asciz "rotmem"
n_adc:      .asciz "adc"
n_rcl8:     .asciz "rcl-cl"

        .data
        .align 4
num:        .long 0x89abcdef, 0x01234567, 0xfedcba98, 0x76543210
            .long 0x80000001, 0x7fffffff, 0x00000000, 0xc0000003
tmp:        .space 32

        .text
/* print(name): prints num most-significant dword first */
print_num:
        pushl num+0
        pushl num+4
        pushl num+8
        pushl num+12
        pushl num+16
        pushl num+20
        pushl num+24
        pushl num+28
        pushl 36(%esp)
        pushl $fmt_hex
        call printf
        addl $40, %esp
        ret

        .globl main
        .type main, @function
main:
        pushl %ebx
        pushl %esi
        pushl %edi
        pushl $n_init
        call print_num
        addl $4, %esp

        movl $37, %edi                  /* rounds */
round:
        /* shift left by one: rcl through all dwords, carry-in = round parity */
        movl %edi, %eax
        shrl $1, %eax                   /* CF = low bit of round */
        movl $num, %esi
        movl $8, %ecx
1:      rcll $1, (%esi)
        leal 4(%esi), %esi              /* lea and loop keep CF */
        loop 1b
        pushl $n_rcl
        call print_num
        addl $4, %esp

        /* shift right by one through carry: rcr from the top dword down */
        stc
        movl $num+28, %esi
        movl $8, %ecx
2:      rcrl (%esi)
        decl %esi                       /* dec keeps CF */
        decl %esi
        decl %esi
        decl %esi
        loop 2b
        pushl $n_rcr
        call print_num
        addl $4, %esp

        /* shift left by 7: shld from the next lower dword, top down */
        movl $7, %ebx
        movl $7, %ecx
        movl $num+28, %esi
3:      movl -4(%esi), %eax
        shldl %cl, %eax, (%esi)
        subl $4, %esi
        decl %ebx
        jnz 3b
        shll %cl, num
        pushl $n_shld
        call print_num
        addl $4, %esp

        /* shift right by 13 with an immediate count, bottom up */
        movl $num, %esi
        movl $7, %ebx
4:      movl 4(%esi), %eax
        shrdl $13, %eax, (%esi)
        addl $4, %esi
        decl %ebx
        jnz 4b
        sarl $13, num+28
        pushl $n_shrd
        call print_num
        addl $4, %esp

        /* rotates on memory in all sizes, counts from the round number */
        movl %edi, %ecx
        roll %cl, num+4
        rorw %cl, num+8
        rolb $3, num+12
        rorb %cl, num+13
        rclw %cl, num+16
        rcrb %cl, num+20
        pushl $n_rot
        call print_num
        addl $4, %esp

        /* rcl by %cl on memory (count > 1 through carry) */
        movl %edi, %ecx
        andl $15, %ecx
        stc
        rcll %cl, num+24
        rcrl %cl, num+28
        pushl $n_rcl8
        call print_num
        addl $4, %esp

        /* num += num rotated by one dword: copy the rotated value (rep movs), then an adc
         * chain whose loop uses only lea/mov/loop so CF flows from dword to dword */
        pushl %edi
        movl $num+4, %esi
        movl $tmp, %edi
        movl $7, %ecx
        cld
        rep movsl
        movl num, %eax
        movl %eax, tmp+28
        popl %edi
        clc
        xorl %ebx, %ebx
        movl $8, %ecx
5:      movl tmp(%ebx), %eax
        adcl %eax, num(%ebx)
        leal 4(%ebx), %ebx
        loop 5b
        pushl $n_adc
        call print_num
        addl $4, %esp

        decl %edi
        jnz round

        xorl %eax, %eax
        popl %edi
        popl %esi
        popl %ebx
        ret
        .size main, .-main
        .section .note.GNU-stack,"",@progbits
