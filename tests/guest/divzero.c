/*
 * divzero.c - guest test: integer division by zero raises #DE, which Linux turns into SIGFPE;
 * with no handler the process dies of it (status 136), natively and under loongbt.
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    volatile int num = 1234, den = argc - 1;   /* 0 when run without arguments */
    (void)argv;
    write(1, "dividing by zero\n", 17);
    int q = num / den;
    printf("quotient %d\n", q);
    return 0;
}
