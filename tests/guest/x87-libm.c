/*
 * x87-libm.c - ordinary floating-point C code as i686 gcc compiles it (double and long double
 * on the x87 stack): libm functions (whose i386 versions use fsqrt, fyl2x, f2xm1, fscale,
 * fpatan, fprem...), conversions to and from integers, printf of doubles and long doubles,
 * and a small numeric kernel. Results printed with full precision; the native run is the
 * oracle.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static volatile double inputs[] = { 0.5, 1.0, 2.0, 3.0, 0.1, 10.0, 123.456, 1e-3, 1e10, -0.75, 7.25 };

static double integrate(double (*f)(double), double a, double b, int n)
{
    double h = (b - a) / n, s = 0.5 * (f(a) + f(b));
    for (int i = 1; i < n; i++)
        s += f(a + i * h);
    return s * h;
}

static double gauss(double x) { return exp(-x * x); }

int main(void)
{
    for (unsigned i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        double x = inputs[i];
        printf("x=%.17g sqrt=%.17g exp=%.17g log=%.17g sin=%.17g cos=%.17g tan=%.17g\n",
               x, sqrt(fabs(x)), exp(x / 4), log(fabs(x)), sin(x), cos(x), tan(x));
        printf("  atan=%.17g atan2=%.17g pow=%.17g fmod=%.17g floor=%.17g ceil=%.17g rint=%.17g\n",
               atan(x), atan2(x, 0.3), pow(fabs(x), 1.7), fmod(x * 7.3, 1.1), floor(x * 3.3),
               ceil(x * 3.3), rint(x * 3.3));
        printf("  log2=%.17g log10=%.17g exp2=%.17g expm1=%.17g log1p=%.17g cbrt=%.17g\n",
               log2(fabs(x)), log10(fabs(x)), exp2(x / 3), expm1(x / 5), log1p(fabs(x)), cbrt(x));
        long double lx = x;
        printf("  long: sqrtl=%.21Lg expl=%.21Lg logl=%.21Lg sinl=%.21Lg\n", sqrtl(fabsl(lx)),
               expl(lx / 4), logl(fabsl(lx)), sinl(lx));
        printf("  conv: %d %lld %u %d %.9g\n", (int)(x * 1000), (long long)(x * 1e6),
               (unsigned)(fabs(x) * 100), (int)lrint(x * 2.5), (float)x);
    }
    printf("integral=%.17g\n", integrate(gauss, -3.0, 3.0, 100000));
    double acc = 0;
    for (int i = 1; i <= 2000; i++)
        acc += 1.0 / ((double)i * i);
    printf("basel=%.17g pi2/6=%.17g\n", acc, M_PI * M_PI / 6);
    printf("strtod=%.17g atof=%.17g\n", strtod("2.718281828459045235360287", NULL), atof("1e-300"));
    return 0;
}
