/* argv0.c - prints its argv (for the binfmt_misc test: the P flag keeps argv[0]). */
#include <stdio.h>
int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    return 0;
}
