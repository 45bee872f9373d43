/*
 * wc.c - guest test: command-line arguments and standard input.  Prints its arguments (argc
 * and each argv[i] for i >= 1; argv[0] is the path and differs between runs), then reads
 * stdin with read(2) in odd-sized chunks and prints line/word/byte counts and a checksum.
 * Runs come from wc.args, input from wc.stdin.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    if (argc > 1 && strcmp(argv[1], "--no-stdin") == 0)
        return 3;
    char buf[37];
    unsigned long lines = 0, words = 0, bytes = 0, sum = 0;
    int in_word = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)buf[i];
            bytes++;
            sum = sum * 131 + c;
            if (c == '\n')
                lines++;
            if (c == ' ' || c == '\n' || c == '\t') {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                words++;
            }
        }
    }
    printf("%lu lines, %lu words, %lu bytes, checksum %08lx, last read %zd\n", lines, words,
           bytes, sum & 0xffffffffUL, n);
    return 0;
}
