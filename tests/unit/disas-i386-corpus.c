/*
 * disas-i386-corpus.c - code for test-disas-i386.c to disassemble: never run, only compiled
 * (i686-linux-gnu-gcc -O2 -msse4.1 -mfpmath=sse -c, see the rule in tests/Makefile.inc) so that
 * its .text holds the forms glibc's code lacks: x87 arithmetic and compares, MMX, SSE/SSE2
 * scalar and packed arithmetic, SSSE3/SSE4.1 and, in an assembler listing, the rarer one-byte,
 * 0F and x87 forms, 16-bit addressing and prefixes.
 */
#include <math.h>
#include <mmintrin.h>
#include <emmintrin.h>
#include <smmintrin.h>

long double x87_mix(long double a, long double b, int i, short s, long long q)
{
    long double r = a * b + (long double)i - (long double)s / (a - b) + (long double)q;
    if (r < a || r == b) {
        r = -r;
    }
    return fabsl(r) + sqrtl(b) + (long double)(long long)a;
}

double sse_scalar(double a, float f, int i, double *p)
{
    double r = a * f + i - p[0] / p[1];
    if (r > p[2] || r != a) {
        r = sqrt(r) + (float)r;
    }
    return r + (int)a + fmin(a, p[3]) + fmax(a, p[4]);
}

void sse_packed(float *out, const float *a, const double *b, int n)
{
    for (int k = 0; k < n; k++) {
        out[k] = a[k] * a[k] + (float)b[k] - a[k] / 3.0f;
    }
}

__m128i sse2_ints(__m128i a, __m128i b, int i)
{
    __m128i r = _mm_add_epi16(_mm_mullo_epi16(a, b), _mm_subs_epu8(a, b));
    r = _mm_xor_si128(_mm_srli_epi32(r, 3), _mm_slli_epi64(b, 7));
    r = _mm_unpackhi_epi32(_mm_shuffle_epi32(r, 0x1b), _mm_cvtsi32_si128(i));
    r = _mm_insert_epi16(_mm_max_epi16(r, a), i, 3);
    return _mm_add_epi32(r, _mm_set1_epi32(_mm_extract_epi16(b, 5)));
}

__m128i sse41_ints(__m128i a, __m128i b, int i)
{
    __m128i r = _mm_mullo_epi32(_mm_max_epi32(a, b), _mm_cvtepu8_epi32(a));
    r = _mm_blend_epi16(r, _mm_insert_epi32(b, i, 2), 0x33);
    return _mm_add_epi64(r, _mm_set1_epi32(_mm_extract_epi32(a, 1) + _mm_testz_si128(a, b)));
}

__m64 mmx_ints(__m64 a, __m64 b)
{
    __m64 r = _mm_add_pi16(_mm_mullo_pi16(a, b), _mm_subs_pu8(a, b));
    r = _mm_unpacklo_pi8(_mm_srli_pi32(r, 3), _mm_cmpeq_pi16(r, b));
    return _mm_packs_pi16(r, _mm_xor_si64(r, a));
}

/* The forms a compiler rarely emits, one per line (Intel syntax; gas picks the encodings). */
__asm__(
    ".intel_syntax noprefix\n"
    ".text\n"
    "rare_forms:\n"
    /* one-byte map: ALU forms, immediates of each size, segment and string instructions */
    "add al, 0x80\n add ax, 0x1234\n add eax, 0x12345678\n adc byte ptr [ebx], 0xff\n"
    "sbb word ptr [ebx + 4], -2\n or dword ptr [ebx*4 + 0x100], 0x7f\n and cl, dh\n"
    "xor ax, -1\n xor ax, 0x8000\n cmp ah, byte ptr [esi - 3]\n sub bx, word ptr [eax + ecx]\n"
    "push es\n pop es\n push cs\n push ss\n pop ss\n push ds\n pop ds\n push fs\n pop gs\n"
    "daa\n das\n aaa\n aas\n aam\n aad\n aam 16\n pushad\n popad\n pushaw\n popaw\n"
    "bound eax, qword ptr [ebx]\n arpl word ptr [eax], dx\n push 0x1234\n push word ptr [eax]\n"
    "imul ecx, dword ptr [eax], 0x12345\n imul cx, dx, -3\n insb\n insd\n outsb\n outsw\n"
    "rep insd\n rep outsb\n xchg bl, byte ptr [eax]\n mov ax, es\n mov word ptr [eax], ds\n"
    "mov es, word ptr [ebx]\n lea ax, [bx + si + 4]\n pop dword ptr [eax]\n pop word ptr [eax]\n"
    "xchg cx, ax\n cbw\n cwde\n cwd\n cdq\n wait\n pushfd\n popfd\n pushfw\n popfw\n sahf\n lahf\n"
    "mov al, byte ptr [0x1234]\n mov eax, dword ptr fs:[0x10]\n mov word ptr [0x20], ax\n"
    "mov byte ptr es:[0x30], al\n movsb\n movsw\n lodsd\n lodsb\n stosw\n scasb\n cmpsb\n"
    "rep movsb\n repe cmpsb\n repne scasb\n movsd dword ptr es:[edi], dword ptr fs:[esi]\n"
    "test al, 0x80\n test ax, 0x8000\n mov cl, 0xff\n mov dx, 0xffff\n mov edi, 0xfffffff0\n"
    "rol byte ptr [eax], 3\n ror ax, 1\n rcl edx, cl\n rcr byte ptr [ecx], cl\n sal eax, 2\n"
    "shr word ptr [eax], 1\n sar bl, 7\n ret 8\n retf\n retf 4\n les eax, fword ptr [ebx]\n"
    "lds si, dword ptr [ebx]\n mov byte ptr [eax], 0x90\n mov word ptr [eax], 0xfff0\n"
    "mov dword ptr [eax + 8], 0xfffffff0\n enter 0x20, 0\n enter 8, 1\n leave\n int3\n int 0x21\n"
    "into\n iretd\n iretw\n xlatb\n 2: loop 2b\n loope 2b\n loopne 2b\n"
    "jecxz 2b\n jcxz 2b\n in al, 0x60\n in eax, dx\n out 0x80, al\n out dx, ax\n"
    "call rare_forms\n jmp rare_forms\n call 0x10:0x12345678\n jmp 0x8:0x1000\n"
    "call fword ptr [eax]\n jmp fword ptr [ebx + 4]\n call word ptr [eax]\n jmp eax\n"
    "hlt\n cmc\n clc\n stc\n cli\n sti\n cld\n std\n not byte ptr [eax]\n neg cx\n mul bl\n"
    "imul word ptr [eax]\n div dword ptr [ebx]\n idiv cl\n inc byte ptr [eax]\n"
    "dec word ptr [eax]\n"
    "inc ax\n dec ecx\n test byte ptr [eax], 1\n test word ptr [eax], 0x1234\n"
    "lock xadd dword ptr [eax], ecx\n lock inc dword ptr [eax]\n lock cmpxchg8b qword ptr [esi]\n"
    /* 16-bit addressing */
    "mov ax, word ptr [bx + si]\n mov eax, dword ptr [bp + di + 8]\n mov al, byte ptr [si - 2]\n"
    "mov cx, word ptr [di + 0x1234]\n mov dx, word ptr [bp]\n mov bx, word ptr [0x1234]\n"
    "lea esi, [bx + di - 0x80]\n mov eax, dword ptr es:[bp + si]\n"
    /* SIB forms */
    "mov eax, dword ptr [esp]\n mov eax, dword ptr [esp + ecx*2]\n mov eax, dword ptr [ebp + 0]\n"
    "mov eax, dword ptr [ecx*8]\n mov eax, dword ptr [ebp + eax*1 - 0x100]\n"
    "mov eax, dword ptr gs:[esi*2 + 0x7fffffff]\n lea ecx, [eax + eax*2]\n"
    /* 0F map, integer and system */
    "sldt ax\n str word ptr [eax]\n lldt ax\n ltr word ptr [eax]\n verr ax\n verw word ptr [eax]\n"
    "sgdt [eax]\n sidt [eax]\n lgdt [eax]\n lidt [eax]\n smsw eax\n smsw word ptr [eax]\n lmsw ax\n"
    "invlpg byte ptr [eax]\n monitor\n mwait\n xgetbv\n xsetbv\n rdtscp\n lar eax, word ptr [ebx]\n"
    "lsl ecx, dx\n clts\n invd\n wbinvd\n ud2\n prefetchw byte ptr [eax]\n"
    "prefetchnta byte ptr [eax]\n prefetcht1 byte ptr [eax]\n prefetcht2 byte ptr [eax]\n"
    "nop dword ptr [eax + eax]\n nop word ptr [eax]\n nop eax\n"
    "mov eax, cr0\n mov cr3, eax\n mov eax, dr7\n mov dr0, ecx\n wrmsr\n rdtsc\n rdmsr\n rdpmc\n"
    "sysenter\n sysexit\n cmovo eax, ebx\n cmovp cx, word ptr [eax]\n cmovg edx, dword ptr [esi]\n"
    "seto byte ptr [eax]\n setnp cl\n setle dh\n jo rare_forms\n jg rare_forms\n cpuid\n"
    "bt dword ptr [eax], ecx\n bts ax, dx\n btr ecx, 5\n btc word ptr [eax], 15\n bt eax, 31\n"
    "shld ax, cx, 4\n shrd dword ptr [eax], edx, cl\n rsm\n imul cx, word ptr [eax]\n"
    "cmpxchg byte ptr [eax], cl\n cmpxchg cx, dx\n lss esp, fword ptr [eax]\n"
    "lfs eax, fword ptr [eax]\n"
    "lgs bx, dword ptr [eax]\n movzx ax, bl\n movzx ecx, word ptr [eax]\n"
    "movsx cx, byte ptr [eax]\n"
    "movsx edx, dx\n popcnt eax, ecx\n lzcnt cx, word ptr [eax]\n bsr ecx, dword ptr [eax]\n"
    "xadd byte ptr [eax], bl\n movnti dword ptr [eax], ecx\n bswap edi\n rdrand eax\n rdseed cx\n"
    "movbe eax, dword ptr [ecx]\n movbe word ptr [ecx], ax\n"
    "crc32 eax, byte ptr [ecx]\n crc32 eax, cx\n crc32 eax, dword ptr [ecx]\n"
    "fxsave [eax]\n fxrstor [eax]\n ldmxcsr dword ptr [eax]\n stmxcsr dword ptr [eax]\n"
    "xsave [eax]\n xrstor [eax]\n xsaveopt [eax]\n clflush byte ptr [eax]\n lfence\n mfence\n"
    /* x87: every register form, the memory forms of each size */
    "fadd st, st(3)\n fmul st, st(1)\n fcom st(2)\n fcomp st(3)\n fsub st, st(4)\n"
    "fsubr st, st(5)\n"
    "fdiv st, st(6)\n fdivr st, st(7)\n fld st(2)\n fxch st(3)\n fnop\n fchs\n ftst\n fldl2t\n"
    "fldl2e\n fldpi\n fldlg2\n fldln2\n f2xm1\n fyl2x\n fptan\n fpatan\n fxtract\n fprem1\n"
    "fdecstp\n fincstp\n fprem\n fyl2xp1\n fsqrt\n fsincos\n frndint\n fscale\n fsin\n fcos\n"
    "fcmovb st, st(1)\n fcmove st, st(2)\n fcmovbe st, st(3)\n fcmovu st, st(4)\n fucompp\n"
    "fcmovnb st, st(1)\n fcmovne st, st(2)\n fcmovnbe st, st(3)\n fcmovnu st, st(4)\n fnclex\n"
    "fninit\n fcomi st, st(3)\n fucomi st, st(2)\n fadd st(2), st\n fmul st(3), st\n"
    "fsub st(4), st\n fsubr st(5), st\n fdiv st(6), st\n fdivr st(7), st\n ffree st(1)\n"
    "fst st(2)\n fstp st(3)\n fucom st(4)\n fucomp st(5)\n faddp st(1), st\n fmulp st(2), st\n"
    "fcompp\n fsubp st(3), st\n fsubrp st(4), st\n fdivp st(5), st\n fdivrp st(6), st\n"
    "fcomip st, st(2)\n fucomip st, st(1)\n fnstsw ax\n"
    "fadd dword ptr [eax]\n fmul qword ptr [eax]\n fcom dword ptr [eax]\n fcomp qword ptr [eax]\n"
    "fsub dword ptr [eax]\n fsubr qword ptr [eax]\n fdivr dword ptr [eax]\n fst dword ptr [eax]\n"
    "fldenv [eax]\n fldcw word ptr [eax]\n fnstcw word ptr [eax]\n fiadd dword ptr [eax]\n"
    "fimul word ptr [eax]\n ficom dword ptr [eax]\n ficomp word ptr [eax]\n fisub dword ptr [eax]\n"
    "fisubr word ptr [eax]\n fidiv dword ptr [eax]\n fidivr word ptr [eax]\n fild dword ptr [eax]\n"
    "fisttp dword ptr [eax]\n fist dword ptr [eax]\n fistp dword ptr [eax]\n fld tbyte ptr [eax]\n"
    "fstp tbyte ptr [eax]\n fisttp qword ptr [eax]\n frstor [eax]\n fnsave [eax]\n"
    "fnstsw word ptr [eax]\n fild word ptr [eax]\n fisttp word ptr [eax]\n fist word ptr [eax]\n"
    "fistp word ptr [eax]\n fbld tbyte ptr [eax]\n fild qword ptr [eax]\n fbstp tbyte ptr [eax]\n"
    "fistp qword ptr [eax]\n ffreep st(1)\n"
    /* MMX / SSE forms */
    "movups xmm1, xmmword ptr [eax]\n movupd xmmword ptr [eax], xmm2\n"
    "movss xmm0, dword ptr [eax]\n"
    "movsd qword ptr [eax], xmm1\n movlps xmm1, qword ptr [eax]\n movhlps xmm1, xmm2\n"
    "movlps qword ptr [eax], xmm1\n unpcklps xmm0, xmm1\n unpckhpd xmm0, xmmword ptr [eax]\n"
    "movhps xmm1, qword ptr [eax]\n movlhps xmm1, xmm2\n movhps qword ptr [eax], xmm3\n"
    "movsldup xmm0, xmm1\n movshdup xmm0, xmm1\n movddup xmm0, qword ptr [eax]\n"
    "movaps xmmword ptr [eax], xmm0\n movapd xmm1, xmm2\n cvtpi2ps xmm0, mm1\n"
    "cvtpi2pd xmm0, qword ptr [eax]\n"
    "cvtsi2ss xmm0, eax\n cvtsi2sd xmm1, dword ptr [eax]\n movntps xmmword ptr [eax], xmm1\n"
    "cvttps2pi mm0, xmm1\n cvttpd2pi mm1, xmmword ptr [eax]\n cvttss2si eax, xmm0\n"
    "cvtsd2si ecx, qword ptr [eax]\n cvtps2pi mm0, qword ptr [eax]\n"
    "ucomiss xmm0, dword ptr [eax]\n"
    "comisd xmm1, xmm2\n movmskps eax, xmm1\n movmskpd ecx, xmm2\n sqrtps xmm0, xmm1\n"
    "sqrtss xmm0, dword ptr [eax]\n rsqrtps xmm0, xmm1\n rcpss xmm0, xmm1\n andnps xmm0, xmm1\n"
    "orpd xmm0, xmm1\n xorps xmm0, xmm0\n addss xmm0, xmm1\n mulpd xmm0, xmmword ptr [eax]\n"
    "cvtps2pd xmm0, xmm1\n cvtpd2ps xmm0, xmm1\n cvtss2sd xmm0, dword ptr [eax]\n"
    "cvtsd2ss xmm0, xmm1\n"
    "cvtdq2ps xmm0, xmm1\n cvtps2dq xmm0, xmm1\n cvttps2dq xmm0, xmm1\n subsd xmm0, xmm1\n"
    "minps xmm0, xmm1\n divss xmm0, xmm1\n maxsd xmm0, qword ptr [eax]\n"
    "punpcklbw mm0, mm1\n punpcklwd mm0, dword ptr [eax]\n punpckldq xmm0, xmm1\n"
    "packsswb mm0, mm1\n"
    "pcmpgtw mm0, qword ptr [eax]\n packuswb xmm0, xmm1\n punpckhbw mm0, mm1\n"
    "packssdw xmm0, xmm1\n"
    "punpcklqdq xmm0, xmm1\n punpckhqdq xmm0, xmmword ptr [eax]\n movd mm0, eax\n"
    "movd xmm1, dword ptr [eax]\n"
    "movq mm0, qword ptr [eax]\n movdqu xmm0, xmmword ptr [eax]\n pshufw mm0, mm1, 0x1b\n"
    "pshufhw xmm0, xmm1, 0xe4\n pshuflw xmm0, xmmword ptr [eax], 1\n psrlw mm0, 3\n psraw xmm1, 4\n"
    "psllw mm2, 5\n psrld xmm0, 1\n psrad mm1, 31\n pslld xmm2, 7\n psrlq mm0, 8\n psllq xmm1, 63\n"
    "pcmpeqw mm0, mm1\n emms\n haddpd xmm0, xmm1\n haddps xmm0, xmm1\n hsubpd xmm0, xmm1\n"
    "hsubps xmm0, xmmword ptr [eax]\n movd dword ptr [eax], mm1\n movq xmm0, qword ptr [eax]\n"
    "movq xmm1, xmm2\n movq qword ptr [eax], mm3\n movdqa xmmword ptr [eax], xmm1\n"
    "movdqu xmmword ptr [eax], xmm2\n cmpeqps xmm0, xmm1\n cmpltpd xmm0, xmmword ptr [eax]\n"
    "cmpless xmm0, dword ptr [eax]\n cmpunordsd xmm0, xmm1\n cmpneqps xmm1, xmm2\n"
    "cmpordsd xmm0, xmm1\n"
    "cmpps xmm0, xmm1, 9\n pinsrw mm0, eax, 2\n pinsrw xmm0, word ptr [eax], 7\n"
    "pextrw eax, mm1, 3\n"
    "pextrw ecx, xmm2, 5\n shufps xmm0, xmm1, 0x44\n shufpd xmm0, xmmword ptr [eax], 1\n"
    "addsubpd xmm0, xmm1\n addsubps xmm0, xmm1\n psrlq mm0, mm1\n paddq xmm0, xmm1\n"
    "pmullw mm0, mm1\n"
    "movq2dq xmm0, mm1\n movdq2q mm0, xmm1\n pmovmskb eax, mm1\n psubusb mm0, mm1\n"
    "pandn xmm0, xmm1\n"
    "pavgb mm0, mm1\n psraw xmm0, xmm1\n pmulhuw mm0, mm1\n cvttpd2dq xmm0, xmm1\n"
    "cvtdq2pd xmm0, xmm1\n"
    "cvtpd2dq xmm0, xmm1\n movntq qword ptr [eax], mm0\n pminsw mm0, mm1\n pmaxsw xmm0, xmm1\n"
    "lddqu xmm0, xmmword ptr [eax]\n psllw mm0, mm1\n pmuludq xmm0, xmm1\n pmaddwd mm0, mm1\n"
    "psadbw xmm0, xmm1\n maskmovq mm0, mm1\n maskmovdqu xmm0, xmm1\n psubq mm0, mm1\n"
    "paddd xmm0, xmm1\n"
    /* SSSE3 / SSE4 */
    "pshufb mm0, mm1\n phaddw xmm0, xmm1\n phaddd mm0, qword ptr [eax]\n phaddsw xmm0, xmm1\n"
    "pmaddubsw xmm0, xmm1\n phsubw mm0, mm1\n phsubd xmm0, xmm1\n phsubsw xmm0, xmm1\n"
    "psignb mm0, mm1\n"
    "psignw xmm0, xmm1\n psignd xmm0, xmm1\n pmulhrsw xmm0, xmm1\n pabsb mm0, mm1\n"
    "pabsw xmm0, xmm1\n"
    "pabsd xmm0, xmm1\n pblendvb xmm1, xmm2, xmm0\n blendvps xmm1, xmm2, xmm0\n"
    "blendvpd xmm1, xmmword ptr [eax], xmm0\n"
    "pmovsxbw xmm0, qword ptr [eax]\n pmovsxbd xmm0, dword ptr [eax]\n"
    "pmovsxbq xmm0, word ptr [eax]\n"
    "pmovsxwd xmm0, xmm1\n pmovsxwq xmm0, xmm1\n pmovsxdq xmm0, xmm1\n pmuldq xmm0, xmm1\n"
    "pcmpeqq xmm0, xmm1\n"
    "movntdqa xmm0, xmmword ptr [eax]\n packusdw xmm0, xmm1\n pmovzxbw xmm0, xmm1\n"
    "pmovzxwq xmm0, dword ptr [eax]\n"
    "pcmpgtq xmm0, xmm1\n pminsb xmm0, xmm1\n pminsd xmm0, xmm1\n pminuw xmm0, xmm1\n"
    "pminud xmm0, xmm1\n"
    "pmaxsb xmm0, xmm1\n pmaxuw xmm0, xmm1\n pmaxud xmm0, xmm1\n phminposuw xmm0, xmm1\n"
    "roundps xmm0, xmm1, 1\n roundpd xmm0, xmm1, 2\n roundss xmm0, dword ptr [eax], 3\n"
    "roundsd xmm0, xmm1, 4\n"
    "blendps xmm0, xmm1, 5\n blendpd xmm0, xmm1, 1\n palignr mm0, mm1, 3\n pextrb eax, xmm1, 3\n"
    "pextrb byte ptr [eax], xmm1, 4\n pextrw word ptr [eax], xmm1, 5\n"
    "pextrd dword ptr [eax], xmm2, 1\n"
    "extractps eax, xmm1, 2\n pinsrb xmm0, eax, 1\n pinsrb xmm0, byte ptr [eax], 2\n"
    "insertps xmm0, xmm1, 0x10\n"
    "dpps xmm0, xmm1, 0xff\n dppd xmm0, xmm1, 0x31\n mpsadbw xmm0, xmm1, 5\n"
    "pclmulqdq xmm0, xmm1, 0x11\n"
    "pcmpestrm xmm0, xmm1, 0x40\n pcmpestri xmm0, xmmword ptr [eax], 0x1a\n"
    "pcmpistrm xmm0, xmm1, 0x5\n"
    "xbegin rare_forms\n xabort 0x7f\n xend\n xtest\n pause\n int1\n .byte 0xd6\n"
    /* system, AES, SHA, undocumented x87 aliases and hint nops (as bytes where gas has no name) */
    "syscall\n sysret\n getsec\n femms\n vmread dword ptr [eax], ecx\n vmwrite ecx, edx\n"
    "xsavec [eax]\n xsaves [eax]\n xrstors [eax]\n vmptrld qword ptr [eax]\n"
    "vmptrst qword ptr [eax]\n"
    "aesenc xmm0, xmm1\n aesenclast xmm0, xmmword ptr [eax]\n aesdec xmm1, xmm2\n"
    "aesdeclast xmm1, xmm2\n"
    "aesimc xmm0, xmm1\n aeskeygenassist xmm0, xmm1, 1\n sha1nexte xmm0, xmm1\n"
    "sha1msg1 xmm0, xmm1\n"
    "sha1msg2 xmm0, xmm1\n sha256msg1 xmm0, xmm1\n sha256msg2 xmm0, xmm1\n"
    "sha1rnds4 xmm0, xmm1, 3\n"
    ".byte 0xd9, 0xd9\n .byte 0xdc, 0xd1\n .byte 0xdc, 0xd9\n .byte 0xdd, 0xc9\n .byte 0xde, 0xd1\n"
    ".byte 0xdf, 0xc9\n .byte 0xdf, 0xd1\n .byte 0xdf, 0xd9\n .byte 0xdb, 0xe4\n"
    ".byte 0x0f, 0x19, 0xc1\n .byte 0x0f, 0x1e, 0x00\n .byte 0x66, 0x0f, 0x1a, 0x40, 0x04\n"
    "mov ebx, dr2\n .byte 0x0f, 0x21, 0x13\n str eax\n sldt ecx\n"
    /* prefixes */
    "bnd call rare_forms\n bnd jmp rare_forms\n bnd ret\n bnd jmp eax\n 3: bnd je 3b\n"
    "lock xchg dword ptr [eax], ecx\n lock bts dword ptr [eax], 3\n lock not byte ptr [eax]\n"
    "lock neg word ptr [eax]\n lock dec dword ptr [eax]\n lock sbb dword ptr [eax], 1\n"
    "lock cmpxchg word ptr [eax], cx\n lock btc dword ptr [eax], ecx\n"
    "data16 nop\n cs nop dword ptr [eax]\n lock add byte ptr fs:[eax], 1\n rep ret\n"
    ".att_syntax prefix\n");
