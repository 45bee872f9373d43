/*
 * bench.c - loongbt's CPU-bound benchmark: a mix of the workloads a translator sees in real
 * programs: a prime sieve (tight loops, byte stores), sorting (comparisons, branches that
 * mispredict, recursion), a hash table (multiplies, pointer chasing, calls), string processing
 * (byte loads, libc string functions) and a small matrix kernel.  Roughly 1-3 s natively at
 * -O2.  Each part prints a checksum, so scripts/bench.sh can check that every runner agrees.
 * Usage: bench [scale [workload]]   scale: default 1, fractions allowed (0.1 for runs under an
 * emulator); the work grows linearly.  workload: one of the names below (default: all, whose
 * combined checksum is printed last).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t rng_state = 2463534242u;
static uint32_t xorshift(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* ---- sieve ---- */
static uint32_t bench_sieve(unsigned limit)
{
    unsigned char *composite = calloc(limit + 1, 1);
    uint32_t count = 0, sum = 0;
    for (unsigned i = 2; i * i <= limit; i++)
        if (!composite[i])
            for (unsigned j = i * i; j <= limit; j += i)
                composite[j] = 1;
    for (unsigned i = 2; i <= limit; i++)
        if (!composite[i]) {
            count++;
            sum += i;
        }
    free(composite);
    return count ^ (sum << 7);
}

/* ---- sort: hand-written quicksort + insertion sort, then qsort for the libc path ---- */
static void insertion_sort(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quick_sort(int32_t *a, int n)
{
    while (n > 16) {
        int32_t pivot = a[n / 2];
        int i = 0, j = n - 1;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j + 1 < n - i) {
            quick_sort(a, j + 1);
            a += i; n -= i;
        } else {
            quick_sort(a + i, n - i);
            n = j + 1;
        }
    }
    insertion_sort(a, n);
}

static int cmp_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

static uint32_t bench_sort(int n)
{
    int32_t *a = malloc(n * sizeof(*a));
    uint32_t h = 0;
    for (int i = 0; i < n; i++)
        a[i] = (int32_t)xorshift();
    quick_sort(a, n);
    for (int i = 1; i < n; i++)
        if (a[i - 1] > a[i])
            h++;                                   /* must stay 0 */
    for (int i = 0; i < n; i += 97)
        h = h * 31 + (uint32_t)a[i];
    for (int i = 0; i < n; i++)
        a[i] = (int32_t)(xorshift() % 100000);
    qsort(a, n, sizeof(*a), cmp_i32);
    for (int i = 0; i < n; i += 101)
        h = h * 33 + (uint32_t)a[i];
    free(a);
    return h;
}

/* ---- hash table: separate chaining, string keys ---- */
struct entry { struct entry *next; uint32_t hash; int value; char key[20]; };

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static uint32_t bench_hash(int ops)
{
    const unsigned nbuckets = 1 << 14;
    struct entry **buckets = calloc(nbuckets, sizeof(*buckets));
    struct entry *pool = malloc(ops * sizeof(*pool));
    int used = 0;
    uint32_t found = 0, sum = 0;
    char key[20];
    for (int i = 0; i < ops; i++) {
        unsigned k = xorshift() % (ops / 2 + 1);
        snprintf(key, sizeof(key), "k%u", k);
        uint32_t h = hash_str(key);
        struct entry *e = buckets[h & (nbuckets - 1)];
        while (e && (e->hash != h || strcmp(e->key, key) != 0))
            e = e->next;
        if (e) {
            found++;
            e->value += i;
            sum += e->value;
        } else {
            e = &pool[used++];
            strcpy(e->key, key);
            e->hash = h;
            e->value = i;
            e->next = buckets[h & (nbuckets - 1)];
            buckets[h & (nbuckets - 1)] = e;
        }
    }
    free(pool);
    free(buckets);
    return found * 7 + sum + (uint32_t)used;
}

/* ---- string processing: build text, count words, reverse, search ---- */
static uint32_t bench_strings(int words)
{
    static const char *vocab[] = { "loong", "arch", "binary", "translator", "guest", "host",
                                   "block", "chain", "flags", "lazy", "i386", "x86", "tcg" };
    size_t cap = (size_t)words * 12 + 1, len = 0;
    char *text = malloc(cap);
    for (int i = 0; i < words; i++) {
        const char *w = vocab[xorshift() % 13];
        size_t wl = strlen(w);
        memcpy(text + len, w, wl);
        len += wl;
        text[len++] = (i % 17 == 16) ? '\n' : ' ';
    }
    text[len] = 0;
    uint32_t h = 0, nwords = 0, upper = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') {
            text[i] = (char)(c - 32);
            upper++;
        }
        if ((c == ' ' || c == '\n') && i > 0 && text[i - 1] != ' ')
            nwords++;
    }
    for (size_t i = 0, j = len - 1; i < j; i++, j--) {
        char t = text[i]; text[i] = text[j]; text[j] = t;
    }
    const char *p = text;
    unsigned hits = 0;
    while ((p = strstr(p, "NIAHC")) != NULL) {   /* "CHAIN" reversed */
        hits++;
        p++;
    }
    for (size_t i = 0; i < len; i += 13)
        h = h * 131 + (unsigned char)text[i];
    free(text);
    return h ^ nwords ^ (upper << 3) ^ (hits << 11);
}

/* ---- integer matrix multiply ---- */
static uint32_t bench_matrix(int n, int reps)
{
    int32_t *a = malloc(n * n * 4), *b = malloc(n * n * 4), *c = malloc(n * n * 4);
    for (int i = 0; i < n * n; i++) {
        a[i] = (int32_t)(xorshift() % 19) - 9;
        b[i] = (int32_t)(xorshift() % 23) - 11;
    }
    uint32_t h = 0;
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                int32_t acc = 0;
                for (int k = 0; k < n; k++)
                    acc += a[i * n + k] * b[k * n + j];
                c[i * n + j] = acc;
            }
        for (int i = 0; i < n * n; i += 7)
            h = h * 17 + (uint32_t)c[i];
        a[r % (n * n)] ^= 1;
    }
    free(a); free(b); free(c);
    return h;
}

/* WORKLOAD(name, call with the scale factor k) - the parts, in the order "all" runs them. */
#define WORKLOADS(WORKLOAD) \
    WORKLOAD(sieve,   bench_sieve((unsigned)(10000000 * k))) \
    WORKLOAD(sort,    bench_sort((int)(1000000 * k))) \
    WORKLOAD(hash,    bench_hash((int)(800000 * k))) \
    WORKLOAD(strings, bench_strings((int)(3000000 * k))) \
    WORKLOAD(matrix,  bench_matrix(128, (int)(12 * k) > 0 ? (int)(12 * k) : 1))

int main(int argc, char **argv)
{
    double k = argc > 1 ? atof(argv[1]) : 1;
    const char *only = argc > 2 ? argv[2] : "all";
    uint32_t total = 0, r;
    int ran = 0;
    if (k < 0.001)
        k = 1;
#define RUN_WORKLOAD(name, call) \
    if (!strcmp(only, "all") || !strcmp(only, #name)) { \
        r = call; \
        printf("%-7s %08x\n", #name, r); \
        total = ran++ ? total * 3 + r : r; \
    }
    WORKLOADS(RUN_WORKLOAD)
#undef RUN_WORKLOAD
    if (!ran) {
        fprintf(stderr, "bench: unknown workload '%s'\n", only);
        return 2;
    }
    if (ran > 1)
        printf("total   %08x\n", total);
    return 0;
}
