/*
 * hello.c - guest test: printf with the common conversions (signed/unsigned/hex/long/long long,
 * strings with width and precision, characters), puts, and a clean exit 0.
 */
#include <stdio.h>
#include <limits.h>

int main(void)
{
    static const int ints[] = { 0, 1, -1, 42, -42, 1000000, INT_MAX, INT_MIN };
    static const long long wides[] = { 0, -1, 1LL << 40, -(1LL << 40), LLONG_MAX, LLONG_MIN };

    puts("hello, world");
    for (unsigned i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
        printf("%%d=%d %%u=%u %%x=%x %%X=%08X %%ld=%ld %%5d=[%5d] %%-5d=[%-5d] %%+d=%+d\n",
               ints[i], (unsigned)ints[i], (unsigned)ints[i], (unsigned)ints[i],
               (long)ints[i], ints[i], ints[i], ints[i]);
    for (unsigned i = 0; i < sizeof(wides) / sizeof(wides[0]); i++)
        printf("%%lld=%lld %%llu=%llu %%llx=%llx\n", wides[i], (unsigned long long)wides[i],
               (unsigned long long)wides[i]);
    printf("%%s=[%s] %%10s=[%10s] %%-10s=[%-10s] %%5.2s=[%5.2s] %%.3s=[%.3s]\n",
           "abc", "abc", "abc", "abcdef", "xyzzy");
    printf("%%c=[%c%c%c] %%o=%o %%#x=%#x %%%%\n", 'l', 'b', 't', 511, 255);
    printf("%%hd=%hd %%hhu=%hhu\n", (short)-12345, (unsigned char)300);
    fputs("to stderr\n", stderr);
    puts("bye");
    return 0;
}
