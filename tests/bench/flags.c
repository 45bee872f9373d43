/*
 * flags.c - micro-benchmark for flag-heavy integer arithmetic: multi-precision addition,
 * subtraction and multiplication on 32-bit limbs (adc/sbb carry chains, 32x32->64 mul),
 * compares feeding setcc/cmov, rotates and bit counts.  A translator's lazy condition-code
 * evaluation and its carry handling decide the time.
 * Usage: flags [scale]   (scale 1 is about 1 s natively; the work grows linearly)
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

#define LIMBS 32

static void bn_add(uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    uint64_t carry = 0;
    for (int i = 0; i < LIMBS; i++) {
        carry += (uint64_t)a[i] + b[i];
        r[i] = (uint32_t)carry;
        carry >>= 32;
    }
}

static void bn_sub(uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    uint32_t borrow = 0;
    for (int i = 0; i < LIMBS; i++) {
        uint32_t d = a[i] - b[i] - borrow;
        borrow = (a[i] < b[i]) | ((a[i] == b[i]) & borrow);
        r[i] = d;
    }
}

/* r = low LIMBS limbs of a * b */
static void bn_mul_low(uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    uint32_t t[LIMBS] = { 0 };
    for (int i = 0; i < LIMBS; i++) {
        uint64_t carry = 0;
        for (int j = 0; i + j < LIMBS; j++) {
            carry += (uint64_t)a[i] * b[j] + t[i + j];
            t[i + j] = (uint32_t)carry;
            carry >>= 32;
        }
    }
    for (int i = 0; i < LIMBS; i++)
        r[i] = t[i];
}

static uint32_t mix(const uint32_t *x)
{
    uint32_t h = 0;
    int64_t s = 0;
    for (int i = 0; i < LIMBS; i++) {
        h = (h << 5 | h >> 27) ^ x[i];
        h += __builtin_popcount(x[i]) + (x[i] > h ? 1u : 0u);
        s += (int32_t)x[i] < 0 ? -1 : 1;
    }
    return h ^ (uint32_t)s;
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    uint32_t a[LIMBS], b[LIMBS], c[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
        a[i] = 0x9e3779b9u * (i + 1);
        b[i] = 0x7f4a7c15u ^ (i * 0x01000193u);
    }
    uint32_t h = 0, n = (uint32_t)(900000 * scale) + 1;
    for (uint32_t k = 0; k < n; k++) {
        bn_add(c, a, b);
        bn_sub(a, c, b);
        bn_mul_low(b, c, a);
        b[0] |= 1;
        a[k % LIMBS] ^= k;
        h ^= mix(b) + k;
    }
    printf("flags %08x %08x\n", h, mix(a));
    return 0;
}
