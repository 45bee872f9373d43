/*
 * strace.c - -strace / -d strace output in the style of qemu-user: one line per system call,
 * "PID name(args) = result", with the argument formats of the SYSCALL_LIST table
 * (syscall_defs.h). The call is printed before it runs and the result after, so output the
 * call itself produces (a write to stderr) lands between the two halves as with qemu-user.
 */
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include "qemu.h"
#include "log.h"
#include "syscall_defs.h"

typedef struct SyscallInfo {
    const char *name;
    const char *args;
    char ret;
} SyscallInfo;

static const SyscallInfo syscall_info[TARGET_NR_COUNT_PLUS] = {
#define SYSCALL_INFO(num, name, args, ret) [num] = { #name, args, ret },
    SYSCALL_LIST(SYSCALL_INFO)
#undef SYSCALL_INFO
};

const char *syscall_name(int num)
{
    if (num < 0 || num >= (int)ARRAY_SIZE(syscall_info) || !syscall_info[num].name) return "unknown";
    return syscall_info[num].name;
}

/* Print a guest string, quoted and cut at 64 characters, reading only mapped guest bytes. */
static void print_guest_string(abi_ulong addr)
{
    int i;
    if (!addr) { qemu_log("NULL"); return; }
    qemu_log("\"");
    for (i = 0; i < 64; i++) {
        abi_ulong a = addr + (abi_ulong)i;
        int prot = guest_page_prot(a);
        unsigned char c;
        if (prot < 0 || !(prot & PROT_READ) || a < addr) { qemu_log("\"<bad address>"); return; }
        c = *(unsigned char *)g2h(a);
        if (!c) break;
        if (c == '\n') qemu_log("\\n");
        else if (c == '"' || c == '\\') qemu_log("\\%c", c);
        else if (c < 0x20 || c >= 0x7f) qemu_log("\\%03o", c);
        else qemu_log("%c", c);
    }
    qemu_log(i == 64 ? "\"..." : "\"");
}

static void print_arg(char fmt, abi_long v)
{
    switch (fmt) {
    case 'd': qemu_log("%d", v); break;
    case 'u': qemu_log("%u", (abi_ulong)v); break;
    case 'o': qemu_log("0%o", (abi_ulong)v); break;
    case 's': print_guest_string((abi_ulong)v); break;
    case 'p': if (v) qemu_log("0x%08x", (abi_ulong)v); else qemu_log("NULL"); break;
    default: qemu_log("0x%x", (abi_ulong)v); break;
    }
}

void print_syscall(int num, const abi_long args[6])
{
    const SyscallInfo *si = (num >= 0 && num < (int)ARRAY_SIZE(syscall_info)) ? &syscall_info[num] : NULL;
    const char *fmt = (si && si->name) ? si->args : "?";
    int i, n;

    qemu_log("%d %s(", (int)getpid(), syscall_name(num));
    if (!strcmp(fmt, "?")) {
        fmt = "xxx";
    }
    n = (int)strlen(fmt);
    if (n > 6) n = 6;
    for (i = 0; i < n; i++) {
        if (i) qemu_log(",");
        print_arg(fmt[i], args[i]);
    }
    qemu_log(")");
    qemu_log_flush();
}

void print_syscall_ret(int num, abi_long ret)
{
    const SyscallInfo *si = (num >= 0 && num < (int)ARRAY_SIZE(syscall_info)) ? &syscall_info[num] : NULL;
    if (is_error(ret))
        qemu_log(" = -1 errno=%d (%s)\n", -ret, strerror(-ret));
    else if (si && si->name && si->ret == 'x')
        qemu_log(" = 0x%08x\n", (abi_ulong)ret);
    else
        qemu_log(" = %d\n", ret);
    qemu_log_flush();
}
