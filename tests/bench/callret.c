/*
 * callret.c - micro-benchmark for calls and returns: a recursive Fibonacci (deep call trees,
 * every return to a different depth) and a loop over a chain of small non-inlined functions
 * (shallow calls with arguments on the stack).  A translator's return prediction / return stack
 * and its handling of `call` + `ret` as block ends decide the time.
 * Usage: callret [scale]   (scale 1 is about 1 s natively; the work grows linearly)
 * Prints checksums that every runner must reproduce.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

#define NOINLINE __attribute__((noinline))

static NOINLINE uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static NOINLINE uint32_t step3(uint32_t x) { return x * 2654435761u + 1; }
static NOINLINE uint32_t step2(uint32_t x) { return step3(x ^ (x >> 7)) + 3; }
static NOINLINE uint32_t step1(uint32_t x, uint32_t y) { return step2(x + y) ^ step3(y); }

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    uint32_t rounds = (uint32_t)(160 * scale) + 1, fsum = 0;
    for (uint32_t r = 0; r < rounds; r++)
        fsum += fib(27 + r % 2);
    uint32_t n = (uint32_t)(150000000 * scale), x = 1;
    for (uint32_t i = 0; i < n; i++)
        x = step1(x, i);
    printf("callret fib %u chain %08x\n", fsum, x);
    return 0;
}
