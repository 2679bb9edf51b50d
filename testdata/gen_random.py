#!/usr/bin/python3
"""Writes testdata/random/golden.txt: the first values of random.New(42),
computed here independently of the Go code, in plain Python integers.

The stream (see random/doc.go and internal/ir/random.go): key =
SplitMix64(seed); draw number s (0, 1, 2... in call order) reads 32-bit
word w = word w % 4 of Philox4x32-10(counter = (w//4 low, w//4 high, s low,
s high), key = (key low, key high)); 64-bit word p is 32-bit words 2p (low)
and 2p+1 (high). Element i of a draw reads the word at position i.

Each line: <draw> <values...>, values as hexadecimal bits (floats) or
decimal integers. The draws, in order from a fresh New(42):
  0 Random(float64, 16)          (w64 >> 11) * 2^-53
  1 Random(float32, 16)          (w32 >> 8) * 2^-24
  2 Integers(0, 2^64-1, endpoint, uint64, 16)   the 64-bit words
  3 Integers(-100, 100, int8, 16)  Lemire on element i's words i*256, i*256+1...
  4 Integers(0, 1, int32, 4)       all 0
  5 Random(float16, 16)          (w32 >> 21) * 2^-11
  6 StandardNormal(float32, 16)  Box-Muller over pairs in float32 operations and fmas
                                 (internal/ir/random.go's RandomNormal)

It also checks the Philox4x32-10 known answers of Random123's kat_vectors.
Needs only Python 3 (no NumPy). Run: /usr/bin/python3 testdata/gen_random.py
"""
import math
import os
import struct
from fractions import Fraction

M = (1 << 32) - 1
U64 = (1 << 64) - 1


def philox4x32_10(ctr, key):
    c, k = list(ctr), list(key)
    for r in range(10):
        if r:
            k = [(k[0] + 0x9E3779B9) & M, (k[1] + 0xBB67AE85) & M]
        p0, p1 = 0xD2511F53 * c[0], 0xCD9E8D57 * c[2]
        c = [(p1 >> 32) ^ c[1] ^ k[0], p1 & M, (p0 >> 32) ^ c[3] ^ k[1], p0 & M]
    return c


KAT = [
    ((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((M, M, M, M), (M, M), (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0),
     (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
]


def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & U64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & U64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & U64
    return z ^ (z >> 31)


def word32(key, stream, w):
    b = w >> 2
    return philox4x32_10((b & M, b >> 32, stream & M, stream >> 32), (key & M, key >> 32))[w & 3]


def word64(key, stream, p):
    return word32(key, stream, 2 * p) | word32(key, stream, 2 * p + 1) << 32


def lemire(key, stream, i, r):
    if r == U64:
        return word64(key, stream, i * 256)
    span = r + 1
    threshold = (-span) % span
    for t in range(256):
        m = word64(key, stream, i * 256 + t) * span
        if m & U64 >= threshold:
            return m >> 64
    raise AssertionError("no candidate accepted")


def f32(x):
    """x (a float) rounded to float32: exact for one +, -, *, / or sqrt of
    float32 operands computed in double."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def f32_exact(q):
    """The float32 nearest the rational q."""
    c = f32(float(q))
    bits = struct.unpack("<I", struct.pack("<f", c))[0]
    near = [struct.unpack("<f", struct.pack("<I", b))[0] for b in (bits - 1, bits, bits + 1)]
    return min(near, key=lambda y: abs(Fraction(y) - q))


def from_bits32(b):
    return struct.unpack("<f", struct.pack("<I", b))[0]


def bits32(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


# internal/ir/random.go's float32 constants, as exact binary fractions
LOG = [float.fromhex(h) for h in ("0x1.fffffap-1", "-0x1.5556f4p-1", "0x1.00049ap-1", "-0x1.98d2cp-2",
                                  "0x1.535d2ep-2", "-0x1.318528p-2", "0x1.2504a8p-2", "-0x1.65c78p-3")]
M2LN2 = float.fromhex("-0x1.62e43p+0")
SIN = [float.fromhex(h) for h in ("0x1.921fb6p+0", "-0x1.4abbbap-1", "0x1.465e92p-4", "-0x1.2d93p-8")]
COS = [float.fromhex(h) for h in ("-0x1.3bd39cp+0", "0x1.03b09p-2", "-0x1.4e844ap-6")]


def round32(q):
    """The float32 nearest the rational q, ties to even."""
    if q == 0:
        return 0.0
    c = f32(float(q))
    near = [from_bits32(bits32(c) + d) for d in (-1, 0, 1)]
    return min(near, key=lambda y: (abs(Fraction(y) - q), bits32(y) & 1))


def fma32(x, y, z):
    """x*y+z rounded once to float32."""
    return round32(Fraction(x) * Fraction(y) + Fraction(z))


def horner(cs, x):
    p = cs[-1]
    for c in reversed(cs[:-1]):
        p = fma32(p, x, c)
    return p


def radius(w):
    """sqrt(-2 log u), u = float32(w|1) 2^-32, in float32 operations."""
    ix = (bits32(f32(float(w | 1))) - (0x3F3504F3 + (32 << 23))) & M
    k = (ix >> 23) - 512 if ix >> 31 else ix >> 23
    f = f32(from_bits32((ix & 0x007FFFFF) + 0x3F3504F3) - 1)
    inner = f32(f * fma32(f, horner(LOG, f), -2.0))
    return f32(math.sqrt(fma32(float(k), M2LN2, inner)))


def turn(t, r, odd):
    """r cos, or r sin when odd, of the angle of backend/cpu/normal.go's
    normalTurn, in float32 operations."""
    v = from_bits32((t & 0x007FFFFF) | 0x3F800001) - 1.5
    z = f32(v * v)
    sn, cs = f32(v * horner(SIN, z)), fma32(z, horner(COS, z), 1.0)
    rs = from_bits32(bits32(r) ^ (t & 0x80000000))
    return f32(rs * (sn if ((t >> 30) & 1) != odd else cs))


def normal32(key, stream, p):
    b = [word32(key, stream, (p >> 2) * 4 + i) for i in range(4)]
    j = 2 * ((p >> 1) & 1)
    return turn(b[j + 1], radius(b[j]), p & 1)


def f64hex(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def f32hex(x):
    return "%08x" % struct.unpack("<I", struct.pack("<f", x))[0]


def f16hex(x):
    return "%04x" % struct.unpack("<H", struct.pack("<e", x))[0]


def main():
    for ctr, key, want in KAT:
        got = tuple(philox4x32_10(ctr, key))
        assert got == want, (ctr, key, [hex(x) for x in got])
    key = splitmix64(42)
    lines = ["# made by testdata/gen_random.py: the first values of random.New(42)"]
    lines.append("random_f64 " + " ".join(f64hex((word64(key, 0, i) >> 11) * 2.0**-53) for i in range(16)))
    lines.append("random_f32 " + " ".join(f32hex((word32(key, 1, i) >> 8) * 2.0**-24) for i in range(16)))
    lines.append("integers_u64_full " + " ".join(str(word64(key, 2, i * 256)) for i in range(16)))
    lines.append("integers_i8 " + " ".join(str(-100 + lemire(key, 3, i, 199)) for i in range(16)))
    lines.append("integers_0_1 " + " ".join(str(lemire(key, 4, i, 0)) for i in range(4)))
    lines.append("random_f16 " + " ".join(f16hex((word32(key, 5, i) >> 21) * 2.0**-11) for i in range(16)))
    lines.append("normal_f32 " + " ".join(f32hex(normal32(key, 6, i)) for i in range(16)))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "random", "golden.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
