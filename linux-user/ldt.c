/*
 * ldt.c - the guest's segment descriptor tables: the GDT an i386 process sees on a 64-bit
 * kernel (flat user code/data, three TLS entries per thread), the process's LDT (modify_ldt),
 * set_thread_area / get_thread_area, and the descriptor checks of a segment register load.
 *
 * Descriptors are kept as the CPU's 8-byte format, as the kernel does (modify_ldt's read
 * returns them raw). The front end loads a segment register through linux_user_load_segment,
 * which applies the protected-mode rules for CPL 3 and answers the exception the CPU would
 * raise (#GP, #NP or #SS with the selector as error code); translated code then adds the FS
 * and GS bases to addresses (DS/ES/SS stay flat: their bases and all limits are not applied).
 *
 * GDT of a 64-bit kernel: 4 = 0x23 32-bit user code, 5 = 0x2b user data, 6 = 0x33 64-bit user
 * code, 12-14 TLS (selectors 0x63, 0x6b, 0x73), 15 = 0x7b the per-CPU segment (base 0; its
 * limit holds the CPU number); the rest are kernel-only or system descriptors.
 */
#include <errno.h>
#include <pthread.h>
#include "qemu.h"
#include "syscall_defs.h"

#define GDT_ENTRIES 16
#define GDT_TLS_MIN TARGET_GDT_ENTRY_TLS_MIN
#define GDT_TLS_COUNT TARGET_GDT_ENTRY_TLS_ENTRIES
#define LDT_ENTRIES 8192
#define LDT_ENTRY_SIZE 8
#define DEFAULT_LDT_SIZE 128          /* what a 64-bit kernel's modify_ldt(2) reads back */

/* ---------------------------------------------------------------------------------------------
 * Descriptor fields
 * ------------------------------------------------------------------------------------------- */

#define DESC_TYPE(d)  ((unsigned)((d) >> 40) & 15)   /* bit 3 code, bit 2 conforming/expand-down,
                                                        bit 1 readable/writable, bit 0 accessed */
#define DESC_S(d)     ((unsigned)((d) >> 44) & 1)    /* 1: code/data, 0: system */
#define DESC_DPL(d)   ((unsigned)((d) >> 45) & 3)
#define DESC_P(d)     ((unsigned)((d) >> 47) & 1)
#define DESC_AVL(d)   ((unsigned)((d) >> 52) & 1)
#define DESC_DB(d)    ((unsigned)((d) >> 54) & 1)
#define DESC_G(d)     ((unsigned)((d) >> 55) & 1)
#define TYPE_CODE 8
#define TYPE_RW 2
#define TYPE_CONFORMING 4

static uint32_t desc_base(uint64_t d)
{
    return (uint32_t)((d >> 16) & 0xffffff) | (uint32_t)(d >> 56) << 24;
}

static uint32_t desc_raw_limit(uint64_t d)
{
    return (uint32_t)(d & 0xffff) | (uint32_t)((d >> 32) & 0xf0000);
}

static uint32_t desc_limit(uint64_t d)
{
    uint32_t l = desc_raw_limit(d);
    return DESC_G(d) ? (l << 12) | 0xfff : l;
}

/* The fixed GDT entries (access byte and flags as a 64-bit kernel sets them up). */
static const uint64_t gdt_fixed[GDT_ENTRIES] = {
    [1] = 0x00cf9b000000ffffull,      /* kernel 32-bit code */
    [2] = 0x00af9b000000ffffull,      /* kernel code */
    [3] = 0x00cf93000000ffffull,      /* kernel data */
    [4] = 0x00cffb000000ffffull,      /* 0x23: 32-bit user code */
    [5] = 0x00cff3000000ffffull,      /* 0x2b: user data */
    [6] = 0x00affb000000ffffull,      /* 0x33: 64-bit user code */
    [8] = 0x0000890000000067ull,      /* TSS (system) */
    [10] = 0x0000820000000000ull,     /* LDT (system) */
    [15] = 0x0040f50000000000ull,     /* 0x7b: per-CPU data, read-only, byte limit */
};

/* ---------------------------------------------------------------------------------------------
 * user_desc <-> descriptor, with the kernel's "empty" conventions
 * ------------------------------------------------------------------------------------------- */

#define UD_FIELDS 0x7fu                           /* the flag bits the kernel looks at */
#define UD_CONTENTS(f) (((f) >> TARGET_UD_CONTENTS_SHIFT) & 3)

/* LDT_empty: the documented way to ask for "no segment". */
static bool user_desc_empty(const struct target_user_desc *u)
{
    return !u->base_addr && !u->limit &&
           (u->flags & UD_FIELDS) == (TARGET_UD_READ_EXEC_ONLY | TARGET_UD_SEG_NOT_PRESENT);
}

/* LDT_zero: all zero, which programs also use to mean "no segment". */
static bool user_desc_zero(const struct target_user_desc *u)
{
    return !u->base_addr && !u->limit && !(u->flags & UD_FIELDS);
}

/* fill_ldt: accessed, DPL 3, never a 64-bit code segment. */
static uint64_t desc_from_user(const struct target_user_desc *u)
{
    uint32_t f = u->flags;
    uint64_t type = (uint64_t)(((f & TARGET_UD_READ_EXEC_ONLY) ? 0 : TYPE_RW) | UD_CONTENTS(f) << 2 | 1);
    return (uint64_t)(u->limit & 0xffff) | (uint64_t)(u->base_addr & 0xffffff) << 16 |
           type << 40 | 1ull << 44 | 3ull << 45 |
           (uint64_t)!(f & TARGET_UD_SEG_NOT_PRESENT) << 47 | (uint64_t)((u->limit >> 16) & 0xf) << 48 |
           (uint64_t)!!(f & TARGET_UD_USEABLE) << 52 | (uint64_t)(f & TARGET_UD_SEG_32BIT) << 54 |
           (uint64_t)!!(f & TARGET_UD_LIMIT_IN_PAGES) << 55 | (uint64_t)(u->base_addr >> 24) << 56;
}

static void user_desc_from_desc(struct target_user_desc *u, int idx, uint64_t d)
{
    unsigned type = DESC_TYPE(d);
    u->entry_number = (uint32_t)idx;
    u->base_addr = desc_base(d);
    u->limit = desc_raw_limit(d);
    u->flags = DESC_DB(d) * TARGET_UD_SEG_32BIT | (type >> 2) << TARGET_UD_CONTENTS_SHIFT |
               (type & TYPE_RW ? 0 : TARGET_UD_READ_EXEC_ONLY) | DESC_G(d) * TARGET_UD_LIMIT_IN_PAGES |
               (DESC_P(d) ? 0 : TARGET_UD_SEG_NOT_PRESENT) | DESC_AVL(d) * TARGET_UD_USEABLE;
}

/* ---------------------------------------------------------------------------------------------
 * TLS entries (per thread, as the kernel's thread.tls_array; clone copies the parent's)
 * ------------------------------------------------------------------------------------------- */

static __thread uint64_t gdt_tls[GDT_TLS_COUNT];

size_t gdt_tls_size(void) { return sizeof(gdt_tls); }
void gdt_tls_copy_out(void *dst) { memcpy(dst, gdt_tls, sizeof(gdt_tls)); }
void gdt_tls_copy_in(const void *src) { memcpy(gdt_tls, src, sizeof(gdt_tls)); }

/* tls_desc_okay: only 32-bit, present data segments (or an empty one). */
static bool tls_desc_okay(const struct target_user_desc *u)
{
    if (user_desc_empty(u) || user_desc_zero(u)) return true;
    if (!(u->flags & TARGET_UD_SEG_32BIT)) return false;
    if (UD_CONTENTS(u->flags) > 1) return false;
    return !(u->flags & TARGET_UD_SEG_NOT_PRESENT);
}

abi_long sys_set_thread_area(CPUX86State *env, const abi_long *a)
{
    struct target_user_desc u;
    if (!guest_copy_in(&u, (abi_ulong)a[0], sizeof(u))) return -EFAULT;
    if (!tls_desc_okay(&u)) return -EINVAL;
    int idx = (int32_t)u.entry_number;
    if (idx == -1) {
        for (idx = 0; idx < GDT_TLS_COUNT && gdt_tls[idx]; idx++) {}
        if (idx == GDT_TLS_COUNT) return -ESRCH;
        idx += GDT_TLS_MIN;
        uint32_t e = (uint32_t)idx;
        if (!guest_copy_out((abi_ulong)a[0], &e, sizeof(e))) return -EFAULT;
    }
    if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_COUNT) return -EINVAL;
    gdt_tls[idx - GDT_TLS_MIN] = user_desc_empty(&u) || user_desc_zero(&u) ? 0 : desc_from_user(&u);
    /* Like the kernel, reload a segment register that uses the changed entry. */
    for (int seg = R_FS; seg <= R_GS; seg++)
        if (env->segs[seg].selector == ((uint32_t)idx << 3 | 3))
            cpu_x86_load_seg(env, seg, env->segs[seg].selector);
    return 0;
}

abi_long sys_get_thread_area(CPUX86State *env, const abi_long *a)
{
    struct target_user_desc u;
    int32_t idx;
    (void)env;
    if (!guest_copy_in(&idx, (abi_ulong)a[0], sizeof(idx))) return -EFAULT;
    if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_COUNT) return -EINVAL;
    user_desc_from_desc(&u, idx, gdt_tls[idx - GDT_TLS_MIN]);
    return guest_copy_out((abi_ulong)a[0], &u, sizeof(u)) ? 0 : -EFAULT;
}

/* ---------------------------------------------------------------------------------------------
 * The LDT (per process: threads share it). Entries are written under ldt_lock and read
 * without it by segment loads (8-byte atomic loads).
 * ------------------------------------------------------------------------------------------- */

static uint64_t *ldt;
static unsigned ldt_entries;
static pthread_mutex_t ldt_lock = PTHREAD_MUTEX_INITIALIZER;

static abi_long read_ldt(abi_ulong ptr, abi_ulong bytecount)
{
    uint8_t buf[LDT_ENTRIES * LDT_ENTRY_SIZE];
    pthread_mutex_lock(&ldt_lock);
    unsigned n = ldt_entries;
    if (n) memcpy(buf, ldt, (size_t)n * LDT_ENTRY_SIZE);
    pthread_mutex_unlock(&ldt_lock);
    if (!n) return 0;
    if (bytecount > sizeof(buf)) bytecount = sizeof(buf);
    if (n * LDT_ENTRY_SIZE < bytecount) memset(buf + n * LDT_ENTRY_SIZE, 0, bytecount - n * LDT_ENTRY_SIZE);
    return guest_copy_out(ptr, buf, bytecount) ? (abi_long)bytecount : -EFAULT;
}

static abi_long read_default_ldt(abi_ulong ptr, abi_ulong bytecount)
{
    static const uint8_t zeros[DEFAULT_LDT_SIZE];
    if (bytecount > DEFAULT_LDT_SIZE) bytecount = DEFAULT_LDT_SIZE;
    return guest_copy_out(ptr, zeros, bytecount) ? (abi_long)bytecount : -EFAULT;
}

/* write_ldt: oldmode is func 1 (an all-zero base and limit clears the entry; no "useable"). */
static abi_long write_ldt(abi_ulong ptr, abi_ulong bytecount, bool oldmode)
{
    struct target_user_desc u;
    uint64_t d = 0;
    if (bytecount != sizeof(u)) return -EINVAL;
    if (!guest_copy_in(&u, ptr, sizeof(u))) return -EFAULT;
    if (u.entry_number >= LDT_ENTRIES) return -EINVAL;
    if (UD_CONTENTS(u.flags) == 3 && (oldmode || !(u.flags & TARGET_UD_SEG_NOT_PRESENT))) return -EINVAL;
    if (!((oldmode && !u.base_addr && !u.limit) || user_desc_empty(&u))) {
        d = desc_from_user(&u);
        if (oldmode) d &= ~(1ull << 52);
    }
    pthread_mutex_lock(&ldt_lock);
    if (!ldt) ldt = calloc(LDT_ENTRIES, LDT_ENTRY_SIZE);
    if (!ldt) { pthread_mutex_unlock(&ldt_lock); return -ENOMEM; }
    __atomic_store_n(&ldt[u.entry_number], d, __ATOMIC_RELEASE);
    if (u.entry_number + 1 > ldt_entries) __atomic_store_n(&ldt_entries, u.entry_number + 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&ldt_lock);
    return 0;
}

abi_long sys_modify_ldt(CPUX86State *env, const abi_long *a)
{
    abi_ulong ptr = (abi_ulong)a[1], count = (abi_ulong)a[2];
    (void)env;
    switch ((int)a[0]) {
    case 0: return read_ldt(ptr, count);
    case 1: return write_ldt(ptr, count, true);
    case 2: return read_default_ldt(ptr, count);
    case 0x11: return write_ldt(ptr, count, false);
    default: return -ENOSYS;
    }
}

/* ---------------------------------------------------------------------------------------------
 * Segment register loads (CPL 3, protected mode; the caller handles the null selector)
 * ------------------------------------------------------------------------------------------- */

int linux_user_load_segment(uint32_t selector, int seg, uint32_t *base, uint32_t *limit)
{
    uint32_t idx = (selector & 0xffff) >> 3, rpl = selector & 3;
    uint64_t d;

    if (selector & 4) {
        if (idx >= __atomic_load_n(&ldt_entries, __ATOMIC_ACQUIRE)) return EXCP0D_GPF;
        d = __atomic_load_n(&ldt[idx], __ATOMIC_ACQUIRE);
    } else {
        if (idx >= GDT_ENTRIES) return EXCP0D_GPF;
        d = idx >= GDT_TLS_MIN && idx < GDT_TLS_MIN + GDT_TLS_COUNT ? gdt_tls[idx - GDT_TLS_MIN]
                                                                    : gdt_fixed[idx];
    }
    unsigned type = DESC_TYPE(d);
    if (!DESC_S(d)) return EXCP0D_GPF;                      /* system descriptor (or empty) */
    if (seg == R_SS) {
        /* A writable data segment with RPL = DPL = CPL. */
        if ((type & TYPE_CODE) || !(type & TYPE_RW) || rpl != 3 || DESC_DPL(d) != 3) return EXCP0D_GPF;
        if (!DESC_P(d)) return EXCP0C_STACK;
    } else {
        /* Data or readable code; unless conforming code, DPL >= max(CPL, RPL), i.e. 3. */
        if ((type & TYPE_CODE) && !(type & TYPE_RW)) return EXCP0D_GPF;
        bool conforming = (type & TYPE_CODE) && (type & TYPE_CONFORMING);
        if (!conforming && DESC_DPL(d) != 3) return EXCP0D_GPF;
        if (!DESC_P(d)) return EXCP0B_NOSEG;
    }
    *base = desc_base(d);
    *limit = desc_limit(d);
    return 0;
}
