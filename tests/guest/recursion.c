/*
 * recursion.c - guest test: deep and branching recursion (fib, Ackermann with small
 * arguments, mutual recursion, recursive permutation generation, Hanoi).
 */
#include <stdio.h>

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned ack(unsigned m, unsigned n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static unsigned perm_count, perm_hash;
static void permute(int *a, int k, int n)
{
    if (k == n) {
        perm_count++;
        for (int i = 0; i < n; i++)
            perm_hash = perm_hash * 7 + a[i];
        return;
    }
    for (int i = k; i < n; i++) {
        int t = a[k]; a[k] = a[i]; a[i] = t;
        permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
}

static unsigned moves;
static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves += from * 3 + to;
    hanoi(n - 1, via, to, from);
}

static long long deep(int n) { return n == 0 ? 0 : n + deep(n - 1); }

int main(void)
{
    for (unsigned n = 0; n <= 27; n += 3)
        printf("fib(%u) = %u\n", n, fib(n));
    for (unsigned m = 0; m <= 3; m++)
        for (unsigned n = 0; n <= 4; n++)
            printf("ack(%u,%u) = %u\n", m, n, ack(m, n));
    printf("even(10001)=%d odd(7777)=%d even(4000)=%d\n", is_even(10001), is_odd(7777), is_even(4000));
    int a[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    permute(a, 0, 8);
    printf("permutations %u hash %08x\n", perm_count, perm_hash);
    hanoi(16, 0, 2, 1);
    printf("hanoi moves-hash %u\n", moves);
    printf("deep(20000) = %lld\n", deep(20000));
    return 0;
}
