/*
 * setjmp.c - guest test: setjmp/longjmp, including nested jump buffers, jumping out of deep
 * recursion, and values that survive the jump (volatile locals).
 */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf outer, inner;
static int depth_reached;

static void dive(int depth, int bail_at)
{
    depth_reached = depth;
    if (depth == bail_at || depth > 1000)
        longjmp(inner, depth * 10);
    if (depth < 100000)                        /* always true; keeps gcc from warning */
        dive(depth + 1, bail_at);
}

static int nested_round(int bail_at)
{
    volatile int tries = 0;
    int rv = setjmp(inner);
    tries++;
    if (rv == 0) {
        dive(0, bail_at);
        return -1;
    }
    if (rv == 500)
        longjmp(outer, tries + 1000);          /* escape through both levels */
    return rv + tries;
}

int main(void)
{
    static const int bails[] = { 0, 7, 14, 50, 3, 49 };
    for (unsigned i = 0; i < sizeof(bails) / sizeof(bails[0]); i++) {
        int bail = bails[i];
        volatile int stage = 0;
        int rv = setjmp(outer);
        if (rv == 0) {
            stage = 1;
            int r = nested_round(bail);
            printf("bail %d: inner returned %d depth %d stage %d\n", bail, r, depth_reached, stage);
        } else {
            printf("bail %d: outer longjmp %d depth %d stage %d\n", bail, rv, depth_reached, stage);
        }
    }
    /* longjmp(…, 0) must make setjmp return 1 */
    jmp_buf z;
    volatile int count = 0;
    if (setjmp(z) == 0 || count < 3) {
        count++;
        if (count <= 3)
            longjmp(z, 0);
    }
    printf("longjmp 0 count %d\n", count);
    return 0;
}
