/*
 * strings.c - guest test: the string instructions movs/stos/lods/scas/cmps in byte, word and
 * dword sizes, bare and with rep/repe/repne, forwards (DF=0) and backwards (DF=1), with ECX
 * counts 0, 1, a few, and with early termination of repe/repne.  Prints the destination
 * buffer, the final ESI/EDI (as offsets into the buffers, never addresses), ECX, EAX and flags.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define CF 0x001u
#define PF 0x004u
#define AF 0x010u
#define ZF 0x040u
#define SF 0x080u
#define OF 0x800u
#define ARITH (CF | PF | AF | ZF | SF | OF)
#define DF 0x400u

#define BUFSZ 64
static uint8_t src[BUFSZ], dst[BUFSZ];

struct regs { uint32_t esi, edi, ecx, eax, flags; };

/* One wrapper per instruction form: load ESI/EDI/ECX/EAX and EFLAGS (incl. DF), run it, read
 * everything back, and always leave with DF clear as the ABI demands. */
#define STR_FN(name, insn)                                                                  \
    static void name(struct regs *r)                                                        \
    {                                                                                       \
        uint32_t f, fin = r->flags;                                                         \
        asm volatile("push %[fin]\n\tpopf\n\t" insn "\n\tpushf\n\tpop %[f]\n\tcld"          \
                     : "+S"(r->esi), "+D"(r->edi), "+c"(r->ecx), "+a"(r->eax), [f] "=&r"(f)  \
                     : [fin] "r"(fin) : "cc", "memory");                                    \
        r->flags = f;                                                                       \
    }

#define STR_FORMS(X)                                                                        \
    X(movsb, "movsb") X(movsw, "movsw") X(movsl, "movsl")                                   \
    X(rep_movsb, "rep movsb") X(rep_movsw, "rep movsw") X(rep_movsl, "rep movsl")           \
    X(stosb, "stosb") X(stosw, "stosw") X(stosl, "stosl")                                   \
    X(rep_stosb, "rep stosb") X(rep_stosw, "rep stosw") X(rep_stosl, "rep stosl")           \
    X(lodsb, "lodsb") X(lodsw, "lodsw") X(lodsl, "lodsl")                                   \
    X(rep_lodsb, "rep lodsb") X(rep_lodsl, "rep lodsl")                                     \
    X(scasb, "scasb") X(scasw, "scasw") X(scasl, "scasl")                                   \
    X(repe_scasb, "repe scasb") X(repe_scasw, "repe scasw") X(repe_scasl, "repe scasl")     \
    X(repne_scasb, "repne scasb") X(repne_scasw, "repne scasw") X(repne_scasl, "repne scasl") \
    X(cmpsb, "cmpsb") X(cmpsw, "cmpsw") X(cmpsl, "cmpsl")                                   \
    X(repe_cmpsb, "repe cmpsb") X(repe_cmpsw, "repe cmpsw") X(repe_cmpsl, "repe cmpsl")     \
    X(repne_cmpsb, "repne cmpsb") X(repne_cmpsw, "repne cmpsw") X(repne_cmpsl, "repne cmpsl")

STR_FORMS(STR_FN)

typedef void (*str_fn)(struct regs *);
#define STR_ENTRY(name, insn) { #name, name },
static const struct { const char *name; str_fn fn; } forms[] = { STR_FORMS(STR_ENTRY) };

static uint32_t checksum;

static void fill_buffers(void)
{
    for (int i = 0; i < BUFSZ; i++) {
        src[i] = (uint8_t)(i * 13 + 1);
        dst[i] = (uint8_t)(0xa0 + (i & 0x1f));
    }
    /* scas targets: 0x5555 words and zero bytes inside the reach of ECX <= 9 elements */
    src[18] = src[19] = 0x55;
    src[26] = src[27] = 0;
    src[37] = 0;
    /* the buffers agree on 16..39 except at 24, so repe/repne cmps stop somewhere inside */
    for (int i = 16; i < 40; i++)
        dst[i] = src[i];
    dst[24] ^= 0x80;
    dst[42] = dst[43] = 0x55;
}

static void dump(const char *name, int df, uint32_t ecx_in, uint32_t eax_in,
                 const struct regs *r, uint32_t fin)
{
    printf("%-12s df%d ecx%-2u eax=%08x fin=%03x: esi%+d edi%+d ecx=%u eax=%08x f=%03x\n",
           name, df, ecx_in, eax_in, fin, (int)(r->esi - (uint32_t)(uintptr_t)src),
           (int)(r->edi - (uint32_t)(uintptr_t)dst), r->ecx, r->eax, r->flags & (ARITH | DF));
    printf("   dst:");
    for (int i = 0; i < BUFSZ; i++) {
        printf("%02x", dst[i]);
        checksum = checksum * 31 + dst[i];
    }
    printf("\n");
    checksum ^= r->eax + r->ecx + r->flags;
}

int main(void)
{
    static const uint32_t ecx_vals[] = { 0, 1, 3, 9 };
    static const uint32_t eax_vals[] = { 0x00000000, 0x11225555, 0x8c7b6a59 };
    static const uint32_t fin_vals[] = { 0x002, 0x002 | ARITH };

    for (unsigned f = 0; f < sizeof(forms) / sizeof(forms[0]); f++)
        for (int df = 0; df < 2; df++)
            for (unsigned c = 0; c < 4; c++)
                for (unsigned a = 0; a < 3; a++)
                    for (unsigned k = 0; k < 2; k++) {
                        fill_buffers();
                        struct regs r;
                        /* forwards start near the front, backwards near the back; both
                         * cross the equal stretch 20..39 */
                        r.esi = (uint32_t)(uintptr_t)(src + (df ? 44 : 16));
                        r.edi = (uint32_t)(uintptr_t)(dst + (df ? 44 : 16));
                        r.ecx = ecx_vals[c];
                        r.eax = eax_vals[a];
                        r.flags = fin_vals[k] | (df ? DF : 0);
                        uint32_t fin = r.flags;
                        forms[f].fn(&r);
                        dump(forms[f].name, df, ecx_vals[c], eax_vals[a], &r, fin);
                    }

    /* a long rep movs/stos and memcpy/memset/strlen through libc (often rep-based) */
    static uint8_t big1[70000], big2[70000];
    for (unsigned i = 0; i < sizeof(big1); i++)
        big1[i] = (uint8_t)(i ^ (i >> 8));
    struct regs r = { (uint32_t)(uintptr_t)big1, (uint32_t)(uintptr_t)big2, sizeof(big1) / 4, 0, 2 };
    rep_movsl(&r);
    printf("big rep movsl: equal %d ecx %u\n", memcmp(big1, big2, sizeof(big1)) == 0, r.ecx);
    r = (struct regs){ 0, (uint32_t)(uintptr_t)big2 + sizeof(big2) - 1, 1000, 0x77, 2 | DF };
    rep_stosb(&r);
    unsigned sevens = 0;
    for (unsigned i = 0; i < sizeof(big2); i++)
        sevens += big2[i] == 0x77;
    printf("big rep stosb backwards: %u bytes set, edi-end %d\n", sevens,
           (int)(r.edi - (uint32_t)(uintptr_t)big2));
    memset(big2, 'x', 5000);
    big2[4321] = 0;
    printf("strlen %zu memcmp %d\n", strlen((char *)big2), memcmp(big1, big2, 10) > 0);
    printf("checksum %08x\n", checksum);
    return 0;
}
