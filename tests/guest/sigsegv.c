/*
 * sigsegv.c - guest test: a write through a NULL pointer with no handler installed; the
 * process must die of SIGSEGV (status 139) exactly as it does natively.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    static const char msg[] = "about to write to NULL\n";
    write(1, msg, sizeof(msg) - 1);            /* unbuffered: visible despite the crash */
    volatile int *volatile p = NULL;
    *p = 1;
    write(1, "survived?!\n", 11);
    return 0;
}
