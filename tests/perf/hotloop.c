/*
 * hotloop.c - a guest program that spends nearly all its time in one named function
 * (hot_function), for the perf tests: perf report on the perf map, -perf-sample's table.
 * Prints a checksum so the run under loongbt can be compared with the native one.
 * Usage: hotloop [iterations in millions, default 40] [close-stderr]
 * close-stderr: close fd 2 before exiting, as gnulib's close_stdout does (loongbt's report must
 * still appear).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) unsigned hot_function(unsigned x, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        x ^= x >> 7;
    }
    return x;
}

__attribute__((noinline)) static unsigned cold_setup(unsigned seed)
{
    return seed * 3u + 1u;
}

int main(int argc, char **argv)
{
    unsigned millions = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 40;
    unsigned x = cold_setup(7);
    for (unsigned m = 0; m < millions * 10; m++)
        x = hot_function(x, 100000);
    printf("hotloop: %u iterations of a million, checksum %08x\n", millions, x);
    if (argc > 2 && !strcmp(argv[2], "close-stderr"))
        close(2);
    return (int)(x & 3);
}
