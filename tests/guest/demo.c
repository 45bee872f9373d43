/*
 * demo.c - the README's demo program: prints a small table of primes (sieve of Eratosthenes)
 * and a checksum over the first 100000 numbers' prime flags.
 */
#include <stdio.h>
#include <string.h>

#define LIMIT 100000

static unsigned char composite[LIMIT + 1];

int main(void)
{
    memset(composite, 0, sizeof(composite));
    composite[0] = composite[1] = 1;
    for (unsigned i = 2; i * i <= LIMIT; i++)
        if (!composite[i])
            for (unsigned j = i * i; j <= LIMIT; j += i)
                composite[j] = 1;

    printf("The first 50 primes:\n");
    unsigned shown = 0;
    for (unsigned n = 2; shown < 50; n++) {
        if (composite[n])
            continue;
        printf("%5u%s", n, ++shown % 10 == 0 ? "\n" : "");
    }
    unsigned count = 0, checksum = 0;
    for (unsigned n = 0; n <= LIMIT; n++)
        if (!composite[n]) {
            count++;
            checksum = checksum * 31 + n;
        }
    printf("%u primes below %u, checksum %08x\n", count, LIMIT, checksum);
    return 0;
}
