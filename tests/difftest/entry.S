/*
 * entry.S - the differential tester's switch into and out of a generated sequence.
 *
 * dt_enter() saves the harness's callee-saved registers, loads the x87/SSE state (fxrstor, for
 * the families that use it), EFLAGS and all eight GPRs from dt_in, and jumps to the sequence at
 * DT_CODE. The sequence ends with `jmp *dt_epilogue_ptr`; dt_epilogue stores the GPRs, EFLAGS
 * and (fxsave) the x87/SSE state into dt_out before anything else can change them, resets the
 * FPU for the C code, and returns from dt_enter. Layout of dt_in/dt_out: see struct dt_cpu in
 * harness.c (regs[8] at 0, eflags at 32, use_fx at 36, fx[512] at 48).
 */
    .text
    .globl dt_enter
    .type dt_enter, @function
dt_enter:
    movl %ebx, dt_host
    movl %esi, dt_host+4
    movl %edi, dt_host+8
    movl %ebp, dt_host+12
    movl %esp, dt_host+16
    cmpl $0, dt_in+36
    je 1f
    fxrstor dt_in+48
1:
    pushl dt_in+32
    popfl
    movl dt_in+4, %ecx
    movl dt_in+8, %edx
    movl dt_in+12, %ebx
    movl dt_in+16, %esp
    movl dt_in+20, %ebp
    movl dt_in+24, %esi
    movl dt_in+28, %edi
    movl dt_in, %eax
    jmp *dt_code_entry

    .globl dt_epilogue
    .type dt_epilogue, @function
dt_epilogue:
    movl %esp, dt_out+16
    movl $dt_epi_stack_top, %esp
    pushfl
    popl dt_out+32
    movl %eax, dt_out
    movl %ecx, dt_out+4
    movl %edx, dt_out+8
    movl %ebx, dt_out+12
    movl %ebp, dt_out+20
    movl %esi, dt_out+24
    movl %edi, dt_out+28
    cmpl $0, dt_in+36
    je 1f
    fxsave dt_out+48
    fninit
    ldmxcsr dt_default_mxcsr
1:
    cld
    movl dt_host+16, %esp
    movl dt_host+12, %ebp
    movl dt_host+8, %edi
    movl dt_host+4, %esi
    movl dt_host, %ebx
    ret

    .data
    .globl dt_code_entry, dt_epilogue_ptr
dt_code_entry:   .long 0x30100000           /* DT_CODE */
dt_epilogue_ptr: .long dt_epilogue
dt_default_mxcsr: .long 0x1f80
    .bss
    .align 16
dt_host:  .space 32
dt_epi_stack: .space 256
dt_epi_stack_top:
    .section .note.GNU-stack,"",@progbits
