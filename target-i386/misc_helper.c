/*
 * misc_helper.c - helpers the i386 translator needs beyond the shared list in helper.h (see
 * the "translate.c extras" section there).
 *
 * lookup_tb_ptr: indirect jumps (ret, jmp/call through a register or memory) end their TB with
 * goto_ptr to the address this helper returns, so a return does not have to go back through
 * cpu_exec when the target is already translated. Only the per-CPU jump cache is consulted
 * (no translation, no locking); every doubtful case returns the epilogue, which exits to
 * cpu_exec with 0 ("look the next TB up"), so cpu_exec still sees exit requests, translates
 * misses and keeps -no-chain / -one-insn-per-tb / -d exec behaviour.
 */
#include "cpu.h"
#include "exec-all.h"
#include "tcg.h"
#include "helper-proto.h"
#include "profile.h"

void *helper_lookup_tb_ptr(CPUX86State *env)
{
    void *miss = tcg_ctx->code_gen_epilogue;
    if (CONFIG_PROFILE)
        profile_indirect_pending = true;    /* resolved by the main loop unless found here */
    if (unlikely(env->exit_request || env->singlestep || !tb_chain_enabled))
        return miss;
    TranslationBlock *tb = env->tb_jmp_cache[tb_jmp_cache_hash_func(env->eip)];
    /* Same test as cpu_exec's lookup for a normal TB (cflags 0: no insn limit, valid). */
    if (!tb || tb->pc != env->eip || tb->cs_base != 0 || tb->flags != env->hflags ||
        tb->cflags != 0)
        return miss;
    if (CONFIG_PROFILE) {
        profile_indirect_pending = false;
        profile_count_lookup(PROFILE_LOOKUP_JUMP_CACHE);
    }
    return tb->tc_ptr;
}
