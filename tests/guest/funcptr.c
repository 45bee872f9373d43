/*
 * funcptr.c - guest test: indirect calls through function-pointer tables, switch statements
 * dense enough to become jump tables at -O2 (indirect jumps inside a function), qsort and
 * bsearch with comparators, and a tiny bytecode interpreter built on both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*binop_fn)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_xor(int a, int b) { return a ^ b; }
static int op_min(int a, int b) { return a < b ? a : b; }
static const binop_fn ops[] = { op_add, op_sub, op_mul, op_xor, op_min };

/* Dense switch: gcc emits a jump table for this at -O2. */
static int classify(int c)
{
    switch (c) {
    case 0: return 17;
    case 1: return c * 3;
    case 2: return -4;
    case 3: return 99;
    case 4: return c << 4;
    case 5: return 1234;
    case 6: return c - 100;
    case 7: return 7777;
    case 8: return 8;
    case 9: return -9999;
    case 10: return 10101;
    case 11: return c * c;
    case 12: return 3;
    case 13: return 31337;
    case 14: return 14 * 14;
    case 15: return -15;
    default: return 0;
    }
}

static const char *day_name(unsigned d)
{
    switch (d) {
    case 0: return "sun"; case 1: return "mon"; case 2: return "tue"; case 3: return "wed";
    case 4: return "thu"; case 5: return "fri"; case 6: return "sat"; case 7: return "extra";
    default: return "none";
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return -cmp_int(a, b); }
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Bytecode interpreter: opcode dispatch through a switch and a function-pointer table. */
enum { PUSH, BIN, DUP, SWAP, JNZ, DEC, PRINT, HALT };
static void interpret(const int *code)
{
    int stack[32], sp = 0, pc = 0;
    for (;;) {
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case BIN: sp--; stack[sp - 1] = ops[code[pc++]](stack[sp - 1], stack[sp]); break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { int t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case JNZ: if (stack[--sp]) pc = code[pc]; else pc++; break;
        case DEC: stack[sp - 1]--; break;
        case PRINT: printf("vm: %d\n", stack[sp - 1]); break;
        case HALT: return;
        }
    }
}

int main(void)
{
    int acc = 1;
    for (int i = 0; i < 100; i++)
        acc = ops[i % 5](acc, i * 7 + 3);
    printf("fnptr table acc %d\n", acc);

    long sum = 0;
    for (int i = -3; i < 40; i++)
        sum = sum * 3 + classify(i % 18);
    printf("switch sum %ld\n", sum);
    for (unsigned d = 0; d < 10; d++)
        printf("%s%c", day_name(d), d == 9 ? '\n' : ' ');

    int arr[200];
    unsigned s = 1;
    for (int i = 0; i < 200; i++) {
        s = s * 1664525u + 1013904223u;
        arr[i] = (int)(s >> 4) % 1000 - 500;
    }
    qsort(arr, 200, sizeof(int), cmp_int);
    printf("sorted: %d %d %d ... %d\n", arr[0], arr[1], arr[2], arr[199]);
    int key = arr[123];
    int *found = bsearch(&key, arr, 200, sizeof(int), cmp_int);
    printf("bsearch %d found %s\n", key, found && *found == key ? "yes" : "no");
    qsort(arr, 200, sizeof(int), cmp_int_desc);
    printf("desc: %d %d ... %d\n", arr[0], arr[1], arr[199]);

    const char *words[] = { "pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "apricot" };
    qsort(words, 8, sizeof(words[0]), cmp_str);
    for (int i = 0; i < 8; i++)
        printf("%s%c", words[i], i == 7 ? '\n' : ',');

    /* count down from 10 through the VM, printing each step */
    static const int loop[] = {
        PUSH, 1, PUSH, 10,              /* acc n */
        /* 4: */ DUP, PUSH, 0, BIN, 0,  /* acc n n+0 */
        SWAP, DEC, SWAP,                /* acc n-1 n */
        PUSH, 0, SWAP, BIN, 4,          /* acc n-1 min(0,n) -> drop trick */
        BIN, 0,                         /* acc n-1+min(0,n) = n-1 */
        PRINT, DUP, JNZ, 4,
        PRINT, HALT
    };
    interpret(loop);
    return 0;
}
