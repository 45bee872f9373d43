#!/usr/bin/env python3
"""ulp-compare.py - stdout comparator for guest tests whose x87 transcendental results loongbt
cannot match bit for bit on every CPU model (used through <name>.compare hooks, see
tests/run-guest-tests.sh).

Usage: ulp-compare.py hex80|decimal NATIVE_STDOUT LOONGBT_STDOUT

Lines must be identical, except under the AMD model (LOONGBT_CPU=amd, or unset/"host" on an
AMD machine) where a line may differ in numbers only, each by at most one unit in the last
place: the AMD EPYC's fsin/fcos/fptan/fpatan/fyl2x/fyl2xp1/f2xm1 are within 1 ulp of the true
value but not correctly rounded, in a way loongbt does not model (its own results are
correctly rounded from 128-bit arithmetic). The Intel model, measured to be bit-exact, is
compared exactly. Formats:
  hex80    numbers are 80-bit values written "sexp:mantissa" in hex (x87-trans); two values
           are 1 ulp apart when they are neighbours in the ordered set of 80-bit values
  decimal  numbers are decimal floats: long doubles (64-bit mantissa) on lines containing
           "long:", doubles (53-bit) elsewhere; the printed digits must be within 1.5 ulp
           (1 ulp apart plus the printing's rounding, < 0.5 ulp for %.17g / %.21Lg)
Prints one summary line ("N values within 1 ulp") or the offending lines; exit 0 = same.
"""
import os
import re
import sys
from fractions import Fraction

HEX80 = re.compile(r'[0-9a-f]{4}:[0-9a-f]{16}')
DECIMAL = re.compile(r'[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?')


def amd_model():
    cpu = os.environ.get('LOONGBT_CPU', '') or 'host'
    if cpu == 'host':
        try:
            with open('/proc/cpuinfo') as f:
                return 'AuthenticAMD' in f.read()
        except OSError:
            return False
    return cpu == 'amd'


def hex80_rank(tok):
    """Signed position of an 80-bit value in the ordered set of values (neighbours differ by 1)."""
    sexp, mant = tok.split(':')
    se, m = int(sexp, 16), int(mant, 16)
    e = se & 0x7fff
    mag = m if e == 0 else e * (1 << 63) + (m - (1 << 63))
    return -mag if se & 0x8000 else mag


def hex80_close(a, b):
    return abs(hex80_rank(a) - hex80_rank(b)) <= 1


def ulp(v, bits):
    if v == 0:
        return Fraction(1, 1 << (16382 + bits))     # below any printed nonzero value
    e = v.numerator.bit_length() - v.denominator.bit_length()
    if Fraction(2) ** e > v:
        e -= 1
    return Fraction(2) ** (e - (bits - 1))


def decimal_close(a, b, bits):
    x, y = abs(Fraction(a)), abs(Fraction(b))
    if (Fraction(a) < 0) != (Fraction(b) < 0) and x and y:
        return False
    return abs(Fraction(a) - Fraction(b)) <= Fraction(3, 2) * ulp(min(x, y) or max(x, y), bits)


def lines_close(mode, n, t):
    """Number of numbers that differ (all within 1 ulp), or None if the lines are not close."""
    pat = HEX80 if mode == 'hex80' else DECIMAL
    if pat.sub('#', n) != pat.sub('#', t):
        return None
    bits = 64 if 'long:' in n else 53
    differing = 0
    for a, b in zip(pat.findall(n), pat.findall(t)):
        if a == b:
            continue
        ok = hex80_close(a, b) if mode == 'hex80' else decimal_close(a, b, bits)
        if not ok:
            return None
        differing += 1
    return differing


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ('hex80', 'decimal'):
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    mode = sys.argv[1]
    with open(sys.argv[2]) as f:
        native = f.read().split('\n')
    with open(sys.argv[3]) as f:
        loongbt = f.read().split('\n')
    if len(native) != len(loongbt):
        print(f'line count differs: native {len(native)}, loongbt {len(loongbt)}')
        return 1
    amd = amd_model()
    within = 0
    bad = []
    for i, (n, t) in enumerate(zip(native, loongbt), 1):
        if n == t:
            continue
        d = lines_close(mode, n, t) if amd else None
        if d is None:
            bad.append((i, n, t))
        else:
            within += d
    if bad:
        for i, n, t in bad[:10]:
            print(f'line {i}: native  {n}\nline {i}: loongbt {t}')
        print(f'{len(bad)} lines differ beyond 1 ulp' + ('' if amd else ' (exact comparison: Intel model)'))
        return 1
    print(f'{within} values within 1 ulp' if within else 'identical')
    return 0


if __name__ == '__main__':
    sys.exit(main())
