/*
 * fpbench.c - floating-point benchmark for `make bench`: the same source is built twice, for the
 * x87 (-mfpmath=387, i686's default) and for SSE2 (-msse2 -mfpmath=sse), so the two FPU paths of
 * loongbt are compared with native on identical work. Deterministic: prints checksums that must
 * be bit-identical between native and loongbt runs (%a prints exact bits).
 * Usage: fpbench [scale]      (scale 1 is about 0.2 s natively)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Mandelbrot set over a grid: multiply-add chains and compares. */
static long mandel(int n, int iters)
{
    long inside = 0;
    for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
            double cr = 2.5 * x / n - 2.0, ci = 2.0 * y / n - 1.0, zr = 0, zi = 0;
            int k = 0;
            while (k < iters && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k++;
            }
            inside += k == iters;
        }
    }
    return inside;
}

/* N-body step: divisions and square roots. */
#define NB 5
static double nbody(int steps)
{
    double x[NB], y[NB], z[NB], vx[NB], vy[NB], vz[NB], m[NB];
    for (int i = 0; i < NB; i++) {
        x[i] = i * 1.1; y[i] = i * 0.7 - 1; z[i] = (i % 2) * 0.3;
        vx[i] = 0.01 * i; vy[i] = -0.02 * i; vz[i] = 0.005; m[i] = 1.0 + i * 0.25;
    }
    const double dt = 0.001;
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < NB; i++)
            for (int j = i + 1; j < NB; j++) {
                double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
                double d2 = dx * dx + dy * dy + dz * dz + 0.01;
                double mag = dt / (d2 * sqrt(d2));
                vx[i] -= dx * m[j] * mag; vy[i] -= dy * m[j] * mag; vz[i] -= dz * m[j] * mag;
                vx[j] += dx * m[i] * mag; vy[j] += dy * m[i] * mag; vz[j] += dz * m[i] * mag;
            }
        for (int i = 0; i < NB; i++) {
            x[i] += dt * vx[i]; y[i] += dt * vy[i]; z[i] += dt * vz[i];
        }
    }
    double e = 0;
    for (int i = 0; i < NB; i++)
        e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
    return e;
}

/* Spectral norm: integer-to-float conversions and long dot products. */
static double A(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }
static double spectral(int n)
{
    double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v), *t = malloc(n * sizeof *t);
    for (int i = 0; i < n; i++) u[i] = 1;
    for (int it = 0; it < 5; it++) {
        for (int i = 0; i < n; i++) { t[i] = 0; for (int j = 0; j < n; j++) t[i] += A(i, j) * u[j]; }
        for (int i = 0; i < n; i++) { v[i] = 0; for (int j = 0; j < n; j++) v[i] += A(j, i) * t[j]; }
        for (int i = 0; i < n; i++) { t[i] = 0; for (int j = 0; j < n; j++) t[i] += A(i, j) * v[j]; }
        for (int i = 0; i < n; i++) { u[i] = 0; for (int j = 0; j < n; j++) u[i] += A(j, i) * t[j]; }
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < n; i++) { vbv += u[i] * v[i]; vv += v[i] * v[i]; }
    free(u); free(v); free(t);
    return sqrt(vbv / vv);
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    long in = mandel((int)(120 * sqrt(scale)), 100);
    double e = nbody((int)(20000 * scale));
    double s = spectral((int)(120 * sqrt(scale)));
    printf("mandel inside %ld\nnbody energy %a\nspectral %a (%.9f)\n", in, e, s, s);
    return 0;
}
