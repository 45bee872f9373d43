/* prof-exit.h - shared tail of the profile test programs: exit(status in %ebx) by a raw
 * system call (3 guest instructions with the mov to %ebx). */
#define EXIT_OK \
    xor %ebx, %ebx; \
    mov $1, %eax; \
    int $0x80
