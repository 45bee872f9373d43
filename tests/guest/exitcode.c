/*
 * exitcode.c - guest test: exit(42) after some output; the runner compares the exit status
 * (and that buffered stdout is flushed at exit).
 */
#include <stdio.h>
#include <stdlib.h>

static void at_exit_hook(void) { puts("atexit hook ran"); }

int main(void)
{
    atexit(at_exit_hook);
    printf("exiting with 42 (buffered, no newline at first)");
    printf("\n");
    exit(42);
}
