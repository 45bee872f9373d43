/*
 * lu-sys-ipc.c - System V IPC natively and under loongbt: shared memory attached into the
 * guest's address space (shared with a forked child, detached again), semaphores and message
 * queues, through glibc (the ipc(2) multiplexer with IPC_64 on i386), through the direct
 * system calls (393-402), and the old (not IPC_64) structure layouts; error cases in the
 * kernel's order. Only run-independent values are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define IPCOP_SEMOP 1
#define IPCOP_SEMCTL 3
#define IPCOP_MSGRCV 12
#define IPCOP_SHMAT 21
#define IPCOP_SHMCTL 24

static void show(const char *what, long r)
{
    if (r == -1) printf("%-44s -1 %s\n", what, strerrorname_np(errno));
    else printf("%-44s %ld\n", what, r);
}

static void test_shm(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    printf("shmget ok %d\n", id >= 0);
    char *p = shmat(id, NULL, 0);
    printf("shmat ok %d page aligned %d\n", p != (void *)-1, ((uintptr_t)p & 4095) == 0);
    strcpy(p, "parent");
    strcpy(p + 9999 - 5, "tail");
    struct shmid_ds ds;
    show("shmctl IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("segsz %u nattch %u mode %o cpid ok %d\n", (unsigned)ds.shm_segsz, (unsigned)ds.shm_nattch,
           ds.shm_perm.mode & 0777, ds.shm_cpid == getpid());
    pid_t c = fork();
    if (c == 0) {
        strcpy(p, "child wrote");
        _exit(0);
    }
    waitpid(c, NULL, 0);
    printf("after child: %s / %s\n", p, p + 9999 - 5);
    char *q = shmat(id, NULL, SHM_RDONLY);
    printf("second attach sees %s, distinct %d\n", q, q != p);
    shmctl(id, IPC_STAT, &ds);
    printf("nattch %u\n", (unsigned)ds.shm_nattch);
    show("shmdt second", shmdt(q));
    show("shmdt again", shmdt(q));
    show("shmdt not attached", shmdt(p + 4096));
    show("shmdt", shmdt(p));
    shmctl(id, IPC_STAT, &ds);
    printf("nattch %u\n", (unsigned)ds.shm_nattch);
    ds.shm_perm.mode = 0640;
    show("shmctl IPC_SET", shmctl(id, IPC_SET, &ds));
    shmctl(id, IPC_STAT, &ds);
    printf("mode now %o\n", ds.shm_perm.mode & 0777);

    /* The direct calls. */
    long a = syscall(SYS_shmat, id, 0, 0);
    printf("direct shmat ok %d\n", a != -1 && (a & 4095) == 0);
    struct { uint32_t w[21]; } d64;
    show("direct shmctl IPC_STAT|IPC_64", syscall(SYS_shmctl, id, IPC_STAT | 0x100, &d64));
    show("direct shmctl IPC_STAT", syscall(SYS_shmctl, id, IPC_STAT, &d64));
    printf("direct segsz %u nattch %u\n", d64.w[9], d64.w[18]);
    show("direct shmdt", syscall(SYS_shmdt, a));
    /* ipc(SHMAT) stores the address through the third argument. */
    uint32_t raddr = 0;
    show("ipc SHMAT", syscall(SYS_ipc, IPCOP_SHMAT, id, 0, &raddr, NULL, 0));
    printf("raddr aligned %d sees %s\n", raddr && !(raddr & 4095), raddr ? (char *)(uintptr_t)raddr : "");
    shmdt((void *)(uintptr_t)raddr);
    show("ipc SHMAT version 1", syscall(SYS_ipc, IPCOP_SHMAT | (1 << 16), id, 0, &raddr, NULL, 0));
    /* The old layout: struct ipc_perm with 16-bit ids, 48 bytes in all. */
    struct { int32_t key; uint16_t uid, gid, cuid, cgid, mode, seq; int32_t segsz; } old;
    show("ipc SHMCTL IPC_STAT old layout", syscall(SYS_ipc, IPCOP_SHMCTL, id, IPC_STAT, 0, &old, 0));
    printf("old segsz %d mode %o\n", old.segsz, old.mode & 0777);
    show("shmat bad id", (long)shmat(-1, NULL, 0));
    show("shmat unaligned", (long)shmat(id, (void *)0x10000001, 0));
    show("shmctl bad cmd", shmctl(id, 77, &ds));
    show("direct shmctl IPC_STAT bad buffer", syscall(SYS_shmctl, id, IPC_STAT, (void *)16));
    show("shmctl IPC_RMID", shmctl(id, IPC_RMID, NULL));
    show("shmctl after IPC_RMID", shmctl(id, IPC_STAT, &ds));
    show("shmget too small for key", shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600) >= 0 ? 0 : -1);
}

static void test_sem(void)
{
    int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    printf("semget ok %d\n", id >= 0);
    show("semctl SETVAL 0 3", semctl(id, 0, SETVAL, 3));
    show("semctl GETVAL 0", semctl(id, 0, GETVAL));
    struct sembuf op = { 0, -2, 0 };
    show("semop -2", semop(id, &op, 1));
    show("semctl GETVAL 0", semctl(id, 0, GETVAL));
    op.sem_op = -5;
    op.sem_flg = IPC_NOWAIT;
    show("semop -5 nowait", semop(id, &op, 1));
    struct timespec ts = { 0, 1000000 };
    op.sem_flg = 0;
    show("semtimedop -5 1ms", semtimedop(id, &op, 1, &ts));
    unsigned short vals[2] = { 7, 9 };
    show("semctl SETALL", semctl(id, 0, SETALL, vals));
    vals[0] = vals[1] = 0;
    show("semctl GETALL", semctl(id, 0, GETALL, vals));
    printf("values %u %u\n", vals[0], vals[1]);
    struct semid_ds ds;
    show("semctl IPC_STAT", semctl(id, 0, IPC_STAT, &ds));
    printf("nsems %lu mode %o\n", (unsigned long)ds.sem_nsems, ds.sem_perm.mode & 0777);
    show("direct semctl GETVAL 1", syscall(SYS_semctl, id, 1, GETVAL, 0));
    uint32_t arg = 0;
    show("ipc SEMCTL GETVAL 1", syscall(SYS_ipc, IPCOP_SEMCTL, id, 1, GETVAL, &arg, 0));
    show("ipc SEMCTL NULL ptr", syscall(SYS_ipc, IPCOP_SEMCTL, id, 1, GETVAL, NULL, 0));
    struct sembuf bad = { 5, 1, 0 };
    show("semop bad semnum", semop(id, &bad, 1));
    show("ipc SEMOP bad sops", syscall(SYS_ipc, IPCOP_SEMOP, id, 1, 0, (void *)16, 0));
    show("semctl bad cmd", semctl(id, 0, 77));
    show("semctl bad id", semctl(-1, 0, GETVAL));
    show("semctl IPC_RMID", semctl(id, 0, IPC_RMID));
    show("semop removed", semop(id, &op, 1));
}

static void test_msg(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    printf("msgget ok %d\n", id >= 0);
    struct { long type; char text[32]; } m = { 5, "hello queue" }, r;
    show("msgsnd", msgsnd(id, &m, 12, 0));
    m.type = 9;
    strcpy(m.text, "second");
    show("msgsnd", msgsnd(id, &m, 7, 0));
    struct msqid_ds ds;
    show("msgctl IPC_STAT", msgctl(id, IPC_STAT, &ds));
    printf("qnum %lu cbytes %lu lspid ok %d\n", (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes,
           ds.msg_lspid == getpid());
    memset(&r, 0, sizeof(r));
    show("msgrcv type 9", msgrcv(id, &r, sizeof(r.text), 9, 0));
    printf("got type %ld %s\n", r.type, r.text);
    show("msgrcv type 0 size 3 (E2BIG)", msgrcv(id, &r, 3, 0, 0));
    show("msgrcv type 0 size 3 NOERROR", msgrcv(id, &r, 3, 0, MSG_NOERROR));
    show("msgrcv empty nowait", msgrcv(id, &r, sizeof(r.text), 0, IPC_NOWAIT));
    /* ipc(MSGRCV) version 0 passes { msgp, msgtyp } through ptr. */
    m.type = 3;
    msgsnd(id, &m, 7, 0);
    struct { uint32_t msgp; int32_t msgtyp; } kludge = { (uint32_t)(uintptr_t)&r, 0 };
    show("ipc MSGRCV version 0", syscall(SYS_ipc, IPCOP_MSGRCV, id, sizeof(r.text), 0, &kludge, 0));
    show("ipc MSGRCV version 0 NULL", syscall(SYS_ipc, IPCOP_MSGRCV, id, sizeof(r.text), 0, NULL, 0));
    show("msgsnd type 0", msgsnd(id, &m, 7, 0));
    show("msgsnd bad buffer", msgsnd(id, (void *)16, 7, 0));
    show("msgsnd negative size", msgsnd(id, &m, (size_t)-1, 0));
    show("direct msgrcv nowait", syscall(SYS_msgrcv, id, &r, 16, 0, IPC_NOWAIT));
    show("msgctl IPC_RMID", msgctl(id, IPC_RMID, NULL));
    show("msgsnd removed", msgsnd(id, &m, 7, 0));
    show("ipc call 99", syscall(SYS_ipc, 99, 0, 0, 0, NULL, 0));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_shm();
    test_sem();
    test_msg();
    return 0;
}
