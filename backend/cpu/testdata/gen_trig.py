"""Writes trig.txt: sin, cos and tan of float64 arguments, huge and
ordinary, correctly rounded: reduced modulo pi/2 and summed as Taylor
series in 600-digit decimal arithmetic. (glibc's libm, NumPy's, is not
always within an ulp: cos(0x1.6ac5b262ca1ffp+849) is 8 ulp off there.)

Run with python3 gen_trig.py from this directory."""
import decimal
import math
import random
import sys
from decimal import Decimal as D
from fractions import Fraction

decimal.getcontext().prec = 600


def compute_pi():
    """The decimal module documentation's recipe."""
    decimal.getcontext().prec += 2
    lasts, t, s, n, na, d, da = 0, D(3), 3, 1, 0, 0, 24
    while s != lasts:
        lasts = s
        n, na = n + na, na + 8
        d, da = d + da, da + 32
        t = (t * n) / d
        s += t
    decimal.getcontext().prec -= 2
    return +s


HALF_PI = compute_pi() / 2
TINY = D(10) ** -320


def sin_cos(x):
    """sin x and cos x, as decimals, for a finite float x."""
    f = Fraction(x)
    xd = D(f.numerator) / D(f.denominator)
    k = (xd / HALF_PI).to_integral_value()
    r = xd - k * HALF_PI
    s, c, term, i = D(0), D(0), D(1), 0
    while abs(term) > TINY * (abs(s) + TINY):
        if i % 2:
            s += term if i % 4 == 1 else -term
        else:
            c += term if i % 4 == 0 else -term
        i += 1
        term = term * r / i
    return [(s, c), (c, -s), (-s, -c), (-c, s)][int(k) % 4]


rng = random.Random(20240607)
xs = [
    sys.float_info.max, -sys.float_info.max, 2.0**1023, 1e300, 1e200, 1e100,
    1e22, 2.0**64, 2.0**53, 2.0**30, 2.0**29, 2.0**29 - 1, 6381956970095103.0 * 2.0**797,
    5.0**22, 1e9, 1e6, 1e3, 100.0, 3.0, 1.0, 0.5, 1e-5, 1e-8, 1e-300,
]
for _ in range(300):  # huge: at and beyond the exact-reduction threshold
    xs.append(rng.choice((-1, 1)) * math.ldexp(1 + rng.random(), rng.randint(29, 1023)))
for _ in range(300):  # ordinary
    xs.append(rng.choice((-1, 1)) * math.ldexp(1 + rng.random(), rng.randint(-30, 28)))

with open("trig.txt", "w") as out:
    out.write("# x sin(x) cos(x) tan(x), correctly rounded, as float.hex; made by gen_trig.py\n")
    for x in xs:
        s, c = sin_cos(x)
        out.write(" ".join(v.hex() for v in (x, float(s), float(c), float(s / c))) + "\n")
