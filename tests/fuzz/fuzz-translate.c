/*
 * fuzz-translate.c - libFuzzer target for the i386 decoder/translator and the TCG pipeline.
 *
 * Each input is guest code: its bytes are copied into a mapped, executable guest page and one
 * TB is translated at their start with tb_gen_code() (gen_intermediate_code, the optimiser,
 * liveness, register allocation and host code emission). Nothing is executed. Any crash,
 * assertion (CONFIG_DEBUG_TCG) or AddressSanitizer report is a bug; reproducers go to
 * tests/fuzz/crashes/ for the front-end engineers.
 *
 * The first input byte selects variations: bit 0 places the code so that it ends exactly at the
 * end of the mapped area (instructions running into an unmapped page take the fetch-fault
 * path), bit 1 translates one instruction per TB, bits 2-7 limit the TB's instruction count.
 *
 * Built with clang-19 -fsanitize=fuzzer,address by `make fuzz` (tests/Makefile.inc); run
 * `build/fuzz/fuzz-translate CRASH_FILE` to replay one input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "loongbt-common.h"
#include "exec-all.h"
#include "qemu.h"
#include "tcg.h"

/* Guest area: two pages of code; the page after them is never mapped. */
#define FUZZ_CODE_ADDR  0x10000000u
#define FUZZ_CODE_SIZE  (2 * TARGET_PAGE_SIZE)

static CPUX86State *env;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    guest_space_init();
    tcg_exec_init(8u * 1024 * 1024);
    page_smc_protect = false;                  /* the fuzzer rewrites the code page freely */
    env = calloc(1, sizeof(*env));
    cpu_x86_init_user(env);
    cpu_register(env);
    abi_long r = target_mmap(FUZZ_CODE_ADDR, FUZZ_CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r != (abi_long)FUZZ_CODE_ADDR)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    uint8_t options = data[0];
    data++;
    size--;
    if (size > FUZZ_CODE_SIZE)
        size = FUZZ_CODE_SIZE;

    uint8_t *area = g2h(FUZZ_CODE_ADDR);
    uint32_t pc;
    memset(area, 0x90, FUZZ_CODE_SIZE);        /* nops after short inputs, not stale bytes */
    if (options & 1) {                         /* end at the unmapped page */
        pc = FUZZ_CODE_ADDR + FUZZ_CODE_SIZE - (uint32_t)size;
    } else {
        pc = FUZZ_CODE_ADDR;
    }
    memcpy(g2h(pc), data, size);

    tb_flush(env);                             /* no TB from an earlier input is reused */
    env->singlestep = (options >> 1) & 1;
    tb_gen_code(env, pc, 0, env->hflags, options >> 2);
    return 0;
}
