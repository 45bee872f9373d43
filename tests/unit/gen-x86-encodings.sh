#!/bin/sh
# gen-x86-encodings.sh - regenerate x86-encodings.txt, the reference bytes for
# test-x86-encoder.c, from the LLVM assembler (so expected bytes are the assembler's, not the
# back end's). Each case below is "id<TAB>AT&T assembly" (several instructions joined by ';').
# Output lines: "id<TAB>hex bytes<TAB># assembly"; a pc-relative fixup byte is written "A"
# (the test checks those displacements by running the code instead).
# Usage: sh tests/unit/gen-x86-encodings.sh [output]   (LLVM_MC overrides llvm-mc-19)
set -eu

MC=${LLVM_MC:-llvm-mc-19}
here=$(dirname "$0")
out=${1:-$here/x86-encodings.txt}

cases() {
cat <<'EOF'
add_rr32	addl %ecx, %eax
add_rr64	addq %r15, %r8
sub_rr32	subl %edx, %r9d
and_rr32	andl %r12d, %esi
or_rr64	orq %rbx, %rdi
xor_rr32	xorl %r13d, %r13d
cmp_rr32	cmpl %ecx, %eax
add_ri8	addl $5, %ecx
sub_ri8_64	subq $8, %rsp
and_ri8_neg	andl $-16, %r10d
or_ri8_r15	orl $1, %r15d
add_ri32	addl $0x1000, %ecx
add_ri32_rax	addl $0x1000, %eax
cmp_ri32_64	cmpq $0x12345, %r12
xor_ri32_rax64	xorq $-0x10000, %rax
sub_ri32_rsp64	subq $2184, %rsp
shl_1	shll $1, %eax
shr_imm	shrl $5, %r11d
sar_imm	sarl $31, %edx
rol_imm	roll $3, %edi
ror_imm	rorl $7, %r8d
shr_imm64	shrq $32, %rax
shl_imm64	shlq $12, %r9
rolw_8	rolw $8, %ax
rolw_8_r9	rolw $8, %r9w
shl_cl	shll %cl, %esi
sar_cl	sarl %cl, %r13d
ror_cl	rorl %cl, %ebx
shr_cl64	shrq %cl, %r10
mov_rr32	movl %ecx, %eax
mov_rr64	movq %rsi, %r14
mov_rr64_hi	movq %r12, %rdi
movi_zero	xorl %ebx, %ebx
movi_zero_r12	xorl %r12d, %r12d
movi_u32	movl $0x12345678, %r8d
movi_i32_neg	movl $0xffffffff, %eax
movi_s32_64	movq $-1, %rax
movi_u32_64	movl $0x80000000, %ecx
movi_imm64	movabsq $0x123456789abcdef0, %r10
movi_rip	leaq 0x100(%rip), %rax
movi_rip_r9	leaq -0x1000(%rip), %r9
ld32_disp8	movl 0x10(%r14), %eax
ld32_disp32	movl 0x1234(%r14), %ecx
ld32_negdisp	movl -8(%rbx), %r9d
ld64_rsp	movq 8(%rsp), %rdx
ld64_rsp0	movq (%rsp), %rdx
ld32_rbp0	movl (%rbp), %eax
ld32_r13_0	movl (%r13), %r12d
ld32_r12_0	movl (%r12), %eax
ld64_r12_disp32	movq 0x200(%r12), %r15
st64_rsp	movq %rax, 0x100(%rsp)
st32_r14	movl %r9d, -8(%r14)
st8_sil	movb %sil, 0x20(%r14)
st8_al	movb %al, (%rbx)
st8_r8b	movb %r8b, 1(%r14)
st8_dil_rsp	movb %dil, 4(%rsp)
st16_dx	movw %dx, 6(%r14)
st16_r11w	movw %r11w, 0x300(%rax)
sti8	movb $0x7f, 2(%r14)
sti16	movw $0x1234, 4(%r14)
sti32	movl $0x11223344, 0x30(%r14)
sti64	movq $-2, 8(%r14)
sti32_rbp	movl $7, (%rbp)
sib_r13_base	movl (%r13,%rax), %ecx
sib_rbp_scale	movl 0x10(%rbp,%r9,8), %edx
sib_abs	movl 0x1000, %eax
movzbl_sil	movzbl %sil, %esi
movzbl_al_r8	movzbl %al, %r8d
movzbl_r9b	movzbl %r9b, %eax
movsbl_dil	movsbl %dil, %eax
movsbl_bl	movsbl %bl, %ecx
movzwl	movzwl %cx, %edx
movswl	movswl %r10w, %r11d
movslq	movslq %eax, %rdx
movslq_hi	movslq %r15d, %r8
ext32u	movl %eax, %r11d
op_ld8u	movzbl 3(%r14), %eax
op_ld8s	movsbl 0x100(%r14), %esi
op_ld16u	movzwl 2(%rbx), %edi
op_ld16s	movswl -4(%r14), %r12d
op_ld_i64	movq 0x50(%r14), %rax
op_st8_reg	movb %sil, 0x21(%r14)
op_st_i32_imm	movl $5, 0x40(%r14)
op_st_i64_imm	movq $-1, 0x48(%r14)
qld_ub	movl %eax, %r11d; movzbl (%r15,%r11), %ecx
qld_sb	movl %edx, %r11d; movsbl (%r15,%r11), %esi
qld_uw	movl %eax, %r11d; movzwl (%r15,%r11), %eax
qld_sw	movl %ebx, %r11d; movswl (%r15,%r11), %r9d
qld_ul	movl %r13d, %r11d; movl (%r15,%r11), %r12d
qld64_sl	movl %ecx, %r11d; movslq (%r15,%r11), %rdx
qld64_q	movl %edi, %r11d; movq (%r15,%r11), %r10
qld64_sw	movl %esi, %r11d; movswq (%r15,%r11), %rax
qst_b	movl %eax, %r11d; movb %sil, (%r15,%r11)
qst_w	movl %edx, %r11d; movw %cx, (%r15,%r11)
qst_l	movl %r9d, %r11d; movl %r8d, (%r15,%r11)
qst_q	movl %eax, %r11d; movq %rbx, (%r15,%r11)
sete_al	sete %al
setl_sil	setl %sil
setb_r9b	setb %r9b
seta_bl	seta %bl
setle_dil	setle %dil
cmovg	cmovgl %ecx, %eax
cmovb_hi	cmovbl %r8d, %r12d
cmovne64	cmovneq %rsi, %rdx
jcc_rel32	{disp32} jne foo
jcc_rel32_be	{disp32} jbe foo
jmp_rel32	{disp32} jmp foo
call_near	call foo
call_far	movabsq $0x123456789abc, %r11; callq *%r11
jmp_reg	jmpq *%rsi
jmp_reg_hi	jmpq *%r11
jmp_mem_r11	jmpq *(%r11)
jmp_rip	jmpq *0x100(%rip)
push_rbp	pushq %rbp
push_r15	pushq %r15
pop_rbx	popq %rbx
pop_r12	popq %r12
bswap_eax	bswapl %eax
bswap_r10d	bswapl %r10d
imul_rr	imull %ecx, %eax
imul_ri8	imull $5, %edx, %edx
imul_ri32	imull $1000, %r9d, %r9d
mulu2	mull %ecx
muls2	imull %r8d
neg	negl %eax
not_r13	notl %r13d
add_lea_imm	leal 5(%rax), %edx
add_lea_reg	leal (%rax,%rcx), %edx
add_lea64	leaq (%rbx,%r12), %rcx
add_lea_rbp	leal (%rbp,%rcx), %eax
add_inplace_rax	addl $-1000, %eax
add_lea64_neg	leaq -1000(%r10), %rax
add_swap	addl %ecx, %eax
brcond_test	testl %eax, %eax; {disp32} je foo
setcond_lt0	testl %edi, %edi; setl %sil; movzbl %sil, %esi
setcond_geu	cmpl %edx, %ecx; setae %al; movzbl %al, %eax
brcond_gtu	cmpl %ecx, %eax; {disp32} ja foo
brcond_imm	cmpl $100, %r8d; {disp32} jle foo
movcond_eq	cmpl $7, %edx; cmovel %ebx, %eax
bswap16_op	rolw $8, %cx; movzwl %cx, %ecx
extrh	shrq $32, %rax
and64_u32	andl $0xffff0000, %eax
and64_ffffffff	movl %eax, %eax
or64_imm	orq $0x10, %rdx
shl64_imm	shlq $3, %rdi
exit_tb_val	movabsq $0x7f1234567891, %rax; {disp32} jmp foo
exit_tb_zero	{disp32} jmp foo
ret	retq
bsr	bsrl %eax, %r11d
bsf	bsfl %r9d, %r11d
deposit_al	movb %sil, %al
deposit_r9b	movb %bl, %r9b
deposit_ax	movw %r10w, %cx
deposit_ah	movb %bl, %ah
deposit_gen	movl %edx, %r11d; andl $15, %r11d; shll $4, %r11d; andl $-241, %edi; orl %r11d, %edi
extract_ah	movzbl %ch, %edx
sextract_ah	movsbl %bh, %esi
extract_gen	movl %ebx, %eax; shrl $3, %eax; andl $31, %eax
sextract_gen	shll $16, %ecx; sarl $20, %ecx
clz_reg	bsrl %ecx, %r11d; xorl $31, %r11d; testl %ecx, %ecx; movl %edx, %eax; cmovnel %r11d, %eax
ctz_imm	bsfl %esi, %r11d; movl $32, %ebx; cmovnel %r11d, %ebx
andc_reg	movl %ecx, %r11d; notl %r11d; andl %r11d, %eax
andc_imm	andl $-256, %edx
EOF
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
    echo "# x86_64 reference encodings for tests/unit/test-x86-encoder.c."
    echo "# Generated by tests/unit/gen-x86-encodings.sh with $($MC --version | sed -n 's/^.*LLVM version */LLVM /p' | head -1)"
    echo "# (llvm-mc --triple=x86_64 --show-encoding); do not edit. A = pc-relative fixup byte."
    cases | while IFS='	' read -r id asm; do
        [ -n "$id" ] || continue
        n_insns=$(printf '%s\n' "$asm" | tr ';' '\n' | grep -c .)
        enc=$(printf '%s\n' "$asm" | tr ';' '\n' | "$MC" --triple=x86_64 --show-encoding |
              sed -n 's/.*# encoding: \[\(.*\)\].*/\1/p')
        n_enc=$(printf '%s\n' "$enc" | grep -c .)
        if [ "$n_enc" != "$n_insns" ]; then
            echo "gen-x86-encodings.sh: '$id' ($asm): $n_enc encodings for $n_insns insns" >&2
            exit 1
        fi
        bytes=$(printf '%s\n' "$enc" | tr ',' '\n' | sed 's/^0x//' | tr '\n' ' ' | sed 's/ *$//')
        printf '%s\t%s\t# %s\n' "$id" "$bytes" "$asm"
    done
} > "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "wrote $out ($(grep -vc '^#' "$out") cases)"
