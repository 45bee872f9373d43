/*
 * strace.c - -strace / -d strace output in the style of qemu-user: one line per system call,
 * "PID name(args) = result", with the argument formats of the SYSCALL_LIST table
 * (syscall-table.h). The call is printed before it runs and the result after, so output the
 * call itself produces (a write to stderr) lands between the two halves as with qemu-user.
 * Flag and constant arguments are decoded by name (i386 values, from the tables below).
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
    const char *why_enosys;    /* status and note of an entry without an implementation */
} SyscallInfo;

#define SYSCALL_WHY_IMPL(note)  NULL
#define SYSCALL_WHY_NOSYS(note) note
#define SYSCALL_WHY_LATER(note) "not yet: " note
#define SYSCALL_WHY_TODO(note)  "not written yet"
static const SyscallInfo syscall_info[TARGET_NR_COUNT_PLUS] = {
#define SYSCALL_INFO(num, name, args, ret, status, note) \
    [num] = { #name, args, ret, SYSCALL_WHY_##status(note) },
    SYSCALL_LIST(SYSCALL_INFO)
#undef SYSCALL_INFO
};

const char *syscall_name(int num)
{
    if (num < 0 || num >= (int)ARRAY_SIZE(syscall_info) || !syscall_info[num].name) return "unknown";
    return syscall_info[num].name;
}

const char *syscall_enosys_reason(int num)
{
    if (num < 0 || num >= (int)ARRAY_SIZE(syscall_info) || !syscall_info[num].name)
        return "no such i386 system call";
    return syscall_info[num].why_enosys ? syscall_info[num].why_enosys : "";
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

/* ---------------------------------------------------------------------------------------------
 * Flag and constant names (i386 ABI values)
 * ------------------------------------------------------------------------------------------- */

typedef struct NamedValue {
    uint32_t value;
    const char *name;
} NamedValue;

#define NAMED(value, name) { value, #name },

/* open/openat flags other than the access mode (O_RDONLY/O_WRONLY/O_RDWR, printed first).
 * Multi-bit flags (O_SYNC, O_TMPFILE) come before the single bits they contain. */
#define OPEN_FLAG_LIST(X) \
    X(0100, O_CREAT) X(0200, O_EXCL) X(0400, O_NOCTTY) X(01000, O_TRUNC) X(02000, O_APPEND) \
    X(04000, O_NONBLOCK) X(04010000, O_SYNC) X(010000, O_DSYNC) X(020000, O_ASYNC) \
    X(040000, O_DIRECT) X(0100000, O_LARGEFILE) X(020200000, O_TMPFILE) X(0200000, O_DIRECTORY) \
    X(0400000, O_NOFOLLOW) X(01000000, O_NOATIME) X(02000000, O_CLOEXEC) X(010000000, O_PATH)

#define PROT_FLAG_LIST(X) \
    X(0x1, PROT_READ) X(0x2, PROT_WRITE) X(0x4, PROT_EXEC) X(0x01000000, PROT_GROWSDOWN) \
    X(0x02000000, PROT_GROWSUP)

/* mmap flags other than the mapping type (MAP_SHARED/MAP_PRIVATE/MAP_SHARED_VALIDATE). */
#define MMAP_FLAG_LIST(X) \
    X(0x10, MAP_FIXED) X(0x20, MAP_ANONYMOUS) X(0x40, MAP_32BIT) X(0x100, MAP_GROWSDOWN) \
    X(0x800, MAP_DENYWRITE) X(0x1000, MAP_EXECUTABLE) X(0x2000, MAP_LOCKED) \
    X(0x4000, MAP_NORESERVE) X(0x8000, MAP_POPULATE) X(0x10000, MAP_NONBLOCK) \
    X(0x20000, MAP_STACK) X(0x40000, MAP_HUGETLB) X(0x80000, MAP_SYNC) \
    X(0x100000, MAP_FIXED_NOREPLACE)

#define AT_FLAG_LIST(X) \
    X(0x100, AT_SYMLINK_NOFOLLOW) X(0x200, AT_REMOVEDIR) X(0x400, AT_SYMLINK_FOLLOW) \
    X(0x800, AT_NO_AUTOMOUNT) X(0x1000, AT_EMPTY_PATH) X(0x2000, AT_STATX_FORCE_SYNC) \
    X(0x4000, AT_STATX_DONT_SYNC) X(0x8000, AT_RECURSIVE)

#define SIGNAL_NAME_LIST(X) \
    X(1, SIGHUP) X(2, SIGINT) X(3, SIGQUIT) X(4, SIGILL) X(5, SIGTRAP) X(6, SIGABRT) \
    X(7, SIGBUS) X(8, SIGFPE) X(9, SIGKILL) X(10, SIGUSR1) X(11, SIGSEGV) X(12, SIGUSR2) \
    X(13, SIGPIPE) X(14, SIGALRM) X(15, SIGTERM) X(16, SIGSTKFLT) X(17, SIGCHLD) \
    X(18, SIGCONT) X(19, SIGSTOP) X(20, SIGTSTP) X(21, SIGTTIN) X(22, SIGTTOU) X(23, SIGURG) \
    X(24, SIGXCPU) X(25, SIGXFSZ) X(26, SIGVTALRM) X(27, SIGPROF) X(28, SIGWINCH) X(29, SIGIO) \
    X(30, SIGPWR) X(31, SIGSYS)

#define FCNTL_CMD_LIST(X) \
    X(0, F_DUPFD) X(1, F_GETFD) X(2, F_SETFD) X(3, F_GETFL) X(4, F_SETFL) X(5, F_GETLK) \
    X(6, F_SETLK) X(7, F_SETLKW) X(8, F_SETOWN) X(9, F_GETOWN) X(10, F_SETSIG) \
    X(11, F_GETSIG) X(12, F_GETLK64) X(13, F_SETLK64) X(14, F_SETLKW64) X(36, F_OFD_GETLK) \
    X(37, F_OFD_SETLK) X(38, F_OFD_SETLKW) X(1024, F_SETLEASE) X(1025, F_GETLEASE) \
    X(1026, F_NOTIFY) X(1030, F_DUPFD_CLOEXEC) X(1031, F_SETPIPE_SZ) X(1032, F_GETPIPE_SZ) \
    X(1033, F_ADD_SEALS) X(1034, F_GET_SEALS)

#define SIGPROCMASK_HOW_LIST(X) X(0, SIG_BLOCK) X(1, SIG_UNBLOCK) X(2, SIG_SETMASK)

static const NamedValue open_flags[] = { OPEN_FLAG_LIST(NAMED) };
static const NamedValue prot_flags[] = { PROT_FLAG_LIST(NAMED) };
static const NamedValue mmap_flags[] = { MMAP_FLAG_LIST(NAMED) };
static const NamedValue at_flags[] = { AT_FLAG_LIST(NAMED) };
static const NamedValue signal_names[] = { SIGNAL_NAME_LIST(NAMED) };
static const NamedValue fcntl_cmds[] = { FCNTL_CMD_LIST(NAMED) };
static const NamedValue sigprocmask_hows[] = { SIGPROCMASK_HOW_LIST(NAMED) };

/* The flags of v that the table names, joined with '|' after any prefix already printed
 * (printed says whether something was); leftover bits in hex. */
static void print_flags(const NamedValue *t, size_t n, uint32_t v, bool printed)
{
    for (size_t i = 0; i < n; i++) {
        if ((v & t[i].value) == t[i].value) {
            qemu_log("%s%s", printed ? "|" : "", t[i].name);
            v &= ~t[i].value;
            printed = true;
        }
    }
    if (v || !printed) qemu_log("%s0x%x", printed ? "|" : "", v);
}

/* A constant by name, or as a number when the table does not know it. */
static void print_constant(const NamedValue *t, size_t n, int32_t v)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].value == (uint32_t)v) { qemu_log("%s", t[i].name); return; }
    qemu_log("%d", v);
}

static void print_open_flags(uint32_t v)
{
    static const char *const access_modes[4] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    qemu_log("%s", access_modes[v & 3]);
    v &= ~3u;
    if (v) print_flags(open_flags, ARRAY_SIZE(open_flags), v, true);
}

static void print_mmap_flags(uint32_t v)
{
    static const char *const types[4] = { NULL, "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE" };
    bool printed = types[v & 3] != NULL;
    if (printed) qemu_log("%s", types[v & 3]);
    v &= ~3u;
    if (v || !printed) print_flags(mmap_flags, ARRAY_SIZE(mmap_flags), v, printed);
}

static void print_signal(int32_t v)
{
    if (v >= 34 && v <= 64) { qemu_log("SIGRTMIN+%d", v - 34); return; }
    print_constant(signal_names, ARRAY_SIZE(signal_names), v);
}

/* ---------------------------------------------------------------------------------------------
 * Arguments and results
 * ------------------------------------------------------------------------------------------- */

/* One argument by its format character (see SYSCALL_LIST in syscall-table.h). */
static void print_arg(char fmt, abi_long v)
{
    switch (fmt) {
    case 'O': print_open_flags((abi_ulong)v); break;
    case 'P':
        if (v == 0) qemu_log("PROT_NONE");
        else print_flags(prot_flags, ARRAY_SIZE(prot_flags), (abi_ulong)v, false);
        break;
    case 'M': print_mmap_flags((abi_ulong)v); break;
    case 'A': if (v) print_flags(at_flags, ARRAY_SIZE(at_flags), (abi_ulong)v, false); else qemu_log("0"); break;
    case 'D': if (v == -100) qemu_log("AT_FDCWD"); else qemu_log("%d", v); break;
    case 'S': print_signal(v); break;
    case 'F': print_constant(fcntl_cmds, ARRAY_SIZE(fcntl_cmds), v); break;
    case 'H': print_constant(sigprocmask_hows, ARRAY_SIZE(sigprocmask_hows), v); break;
    case 'd': qemu_log("%d", v); break;
    case 'u': qemu_log("%u", (abi_ulong)v); break;
    case 'o': qemu_log("%#o", (abi_ulong)v); break;
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
