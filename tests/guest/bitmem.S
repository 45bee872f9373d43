/*
 * bitmem.S - guest test: bt/bts/btr/btc with a MEMORY operand and a register bit offset.
 * With a register offset the instruction addresses memory outside the named dword: the
 * effective byte is base + (offset >> 3) with a SIGNED 32-bit offset, so large and negative
 * offsets reach far into a buffer.  Compilers rarely emit this form.  For every offset the
 * test prints CF (the old bit) and, at the end, a checksum of the whole 4 KiB bitmap plus
 * the 16-bit forms (offset is a signed 16-bit value there) and immediate forms (offset mod
 * operand size, always inside the dword).
 */
        .section .rodata
fmt_line:   .asciz "%-5s off %6d cf %d\n"
fmt_sum:    .asciz "bitmap checksum %08x, bits set %d\n"
n_bt:       .asciz "bt"
n_bts:      .asciz "bts"
n_btr:      .asciz "btr"
n_btc:      .asciz "btc"
n_btsw:     .asciz "btsw"
n_btcw:     .asciz "btcw"
n_imm:      .asciz "imm"
offsets:    .long 0, 1, 31, 32, 33, 100, 255, 256, 1000, 4095, 8191, 16383, 16000
            .long -1, -8, -9, -32, -33, -1000, -4096, -16384, 12345, -12345, 7
            noffsets = (. - offsets) / 4

        .bss
        .align 16
bitmap_lo:  .space 4096             /* negative offsets land here */
bitmap:     .space 4096             /* offsets are relative to this label */

        .text
/* print_cf(name, offset, cf) */
print_cf:
        pushl 12(%esp)
        pushl 12(%esp)
        pushl 12(%esp)
        pushl $fmt_line
        call printf
        addl $16, %esp
        ret

/* one bit operation on bitmap with offset in %ecx; name in %edx; prints CF */
.macro BITOP insn, name
        movl %esi, %ecx
        \insn %ecx, bitmap
        setc %al
        movzbl %al, %eax
        pushl %eax
        pushl %esi
        pushl $\name
        call print_cf
        addl $12, %esp
.endm

        .globl main
        .type main, @function
main:
        pushl %ebx
        pushl %esi
        pushl %edi
        pushl %ebp
        xorl %ebx, %ebx                 /* index into offsets */
1:      movl offsets(,%ebx,4), %esi
        BITOP btsl, n_bts
        BITOP btl, n_bt
        BITOP btcl, n_btc
        BITOP btcl, n_btc
        BITOP btsl, n_bts
        movl %esi, %ecx
        xorl $5, %ecx                   /* neighbours: reset a bit that may not be set */
        movl %ecx, %esi
        BITOP btrl, n_btr
        movl offsets(,%ebx,4), %esi
        incl %ebx
        cmpl $noffsets, %ebx
        jb 1b

        /* 16-bit forms: the offset register is a signed 16-bit value */
        xorl %ebx, %ebx
2:      movl offsets(,%ebx,4), %esi
        movl %esi, %ecx
        btsw %cx, bitmap+2048
        setc %al
        movzbl %al, %eax
        pushl %eax
        pushl %esi
        pushl $n_btsw
        call print_cf
        addl $12, %esp
        movl %esi, %ecx
        addl $3, %ecx
        btcw %cx, bitmap+2048
        setc %al
        movzbl %al, %eax
        pushl %eax
        pushl %esi
        pushl $n_btcw
        call print_cf
        addl $12, %esp
        incl %ebx
        cmpl $noffsets, %ebx
        jb 2b

        /* immediate forms: the offset is taken modulo the operand size */
        btsl $3, bitmap+100
        btsl $35, bitmap+104
        btcw $17, bitmap+108
        btrl $31, bitmap+112
        btl $7, bitmap+104
        setc %al
        movzbl %al, %eax
        pushl %eax
        pushl $7
        pushl $n_imm
        call print_cf
        addl $12, %esp

        /* checksum over both halves, and a popcount */
        xorl %eax, %eax                 /* checksum */
        xorl %edi, %edi                 /* bits set */
        movl $bitmap_lo, %esi
        movl $2048, %ecx
3:      movl (%esi), %edx
        roll $5, %eax
        xorl %edx, %eax
        addl $0x9e3779b9, %eax
4:      testl %edx, %edx
        jz 5f
        leal -1(%edx), %ebp
        andl %ebp, %edx
        incl %edi
        jmp 4b
5:      addl $4, %esi
        loop 3b
        pushl %edi
        pushl %eax
        pushl $fmt_sum
        call printf
        addl $12, %esp

        xorl %eax, %eax
        popl %ebp
        popl %edi
        popl %esi
        popl %ebx
        ret
        .size main, .-main
        .section .note.GNU-stack,"",@progbits
