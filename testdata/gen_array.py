#!/usr/bin/python3
"""Writes testdata/array/: NumPy's answers for array/ufunc_test.go and
array/create_test.go.

ufuncs.txt lists one case a line, "<numpy ufunc> <number of inputs> <tol>";
ufuncs.npys holds, case after case, the inputs then NumPy's output, each
written by np.save (ReadNpy reads them one after another). tol is the
relative tolerance in units of the output dtype's epsilon: 0 for exact
results (arithmetic, rounding, comparisons), a few ulp for functions that
libm and Go's math compute differently.

creation.txt lists "arange <start> <stop> <step> <dtype>",
"linspace <start> <stop> <num> <dtype>" and "eye <n> <m> <k> <dtype>";
creation.npys holds NumPy's array for each line.

Every case uses arrays only, never Python scalars: NumPy 1.24 (on this
machine) still applies value-based casting to scalars, where NumPy 2 is
weak (NEP 50); array-array promotion is the same in both. Cases that NumPy
1.24 answers differently from NumPy 2 are left out, and noted here:
  - floor/ceil/trunc of integers: NumPy >= 2.3 keeps the integer dtype,
    1.24 gives float; the Go tests check that directly.
  - integer MinInt // -1: 1.24 gives MinInt (with a warning), as NumPy 2
    does; kept.

Run from the repository root: /usr/bin/python3 testdata/gen_array.py
"""
import os
import warnings

import numpy as np

warnings.simplefilter("ignore")
rng = np.random.default_rng(11)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "array")
os.makedirs(OUT, exist_ok=True)

EDGE = [np.nan, np.inf, -np.inf, -0.0, 0.0]


def floats(dt, lo, hi, n=12, edge=True):
    x = rng.uniform(lo, hi, n).astype(dt)
    if edge:
        x[: len(EDGE)] = EDGE
    return x


def ints(dt, n=12, lo=None, hi=None):
    info = np.iinfo(dt)
    lo = info.min if lo is None else lo
    hi = info.max if hi is None else hi
    return rng.integers(lo, hi, n, endpoint=True, dtype=dt)


cases = []  # (name, inputs, tol)


def case(name, *inputs, tol=0):
    cases.append((name, inputs, tol))


# Unary float ufuncs on float32 and float64, inputs within each domain
# (edge values included: NumPy's answer for NaN, inf and -0 is the test).
UNARY = {
    "negative": (-10, 10, 0), "positive": (-10, 10, 0), "absolute": (-10, 10, 0),
    "sign": (-10, 10, 0), "reciprocal": (-10, 10, 0), "square": (-10, 10, 0),
    "sqrt": (0, 100, 0), "cbrt": (-100, 100, 2), "exp": (-20, 20, 2), "exp2": (-20, 20, 2),
    "expm1": (-2, 2, 2), "log": (0, 100, 2), "log2": (0, 100, 2), "log10": (0, 100, 2),
    "log1p": (-0.9, 10, 2), "sin": (-6, 6, 2), "cos": (-6, 6, 2), "tan": (-1.5, 1.5, 4),
    "arcsin": (-1, 1, 2), "arccos": (-1, 1, 2), "arctan": (-10, 10, 2), "sinh": (-5, 5, 2),
    "cosh": (-5, 5, 2), "tanh": (-5, 5, 2), "arcsinh": (-10, 10, 2), "arccosh": (1, 10, 2),
    "arctanh": (-0.99, 0.99, 2), "floor": (-10, 10, 0), "ceil": (-10, 10, 0), "trunc": (-10, 10, 0),
    "rint": (-10, 10, 0), "isnan": (-10, 10, 0), "isinf": (-10, 10, 0), "isfinite": (-10, 10, 0),
    "signbit": (-10, 10, 0), "logical_not": (-2, 2, 0),
}
for name, (lo, hi, tol) in UNARY.items():
    for dt in (np.float32, np.float64):
        x = floats(dt, lo, hi)
        if name == "rint":
            x[5:9] = [0.5, 1.5, 2.5, -2.5]  # halves go to even
        case(name, x, tol=tol)

BINARY = {
    "add": 0, "subtract": 0, "multiply": 0, "divide": 0, "floor_divide": 0, "remainder": 0,
    "power": 4, "maximum": 0, "minimum": 0, "fmax": 0, "fmin": 0, "arctan2": 2, "hypot": 1,
    "copysign": 0, "equal": 0, "not_equal": 0, "less": 0, "less_equal": 0, "greater": 0,
    "greater_equal": 0, "logical_and": 0, "logical_or": 0, "logical_xor": 0,
}
for name, tol in BINARY.items():
    for dt in (np.float32, np.float64):
        x, y = floats(dt, -10, 10, 16), floats(dt, -10, 10, 16, edge=False)
        y[[0, 5, 9]] = [np.nan, 0.0, -0.0]  # NaN in both operands, division by zero
        x[9] = y[9]  # equal pair
        if name == "power":
            x = np.abs(x)
        case(name, x, y, tol=tol)

# Integer ufuncs, including division by zero, MinInt // -1 and shifts by
# the bit width or more.
INT_BINARY = ["add", "subtract", "multiply", "floor_divide", "remainder", "maximum", "minimum",
              "bitwise_and", "bitwise_or", "bitwise_xor", "equal", "less", "greater_equal"]
for dt in (np.int8, np.int32, np.int64, np.uint8, np.uint16, np.uint64):
    for name in INT_BINARY:
        x, y = ints(dt, 16), ints(dt, 16)
        y[0] = 0
        if np.issubdtype(dt, np.signedinteger):
            x[1], y[1] = np.iinfo(dt).min, -1
            y[2] = -3
        case(name, x, y)
    bits = np.dtype(dt).itemsize * 8
    for name in ("left_shift", "right_shift"):
        x = ints(dt, 12)
        y = rng.integers(0, bits + 4, 12).astype(dt)
        y[:3] = [bits, bits + 1, 0]
        if np.issubdtype(dt, np.signedinteger):
            x[0] = -5
        case(name, x, y)
    x = ints(dt, 12, lo=0, hi=7)
    case("power", x, ints(dt, 12, lo=0, hi=5))
    for name in ("negative", "absolute", "sign", "square", "invert", "isnan", "isfinite"):
        x = ints(dt, 12)
        if np.issubdtype(dt, np.signedinteger):
            x[0] = np.iinfo(dt).min
        case(name, x)

# Bool loops: add is or, multiply is and, bitwise ops are logical.
for name in ("add", "multiply", "maximum", "minimum", "bitwise_and", "bitwise_or", "bitwise_xor",
             "equal", "less", "logical_xor"):
    case(name, np.array([True, True, False, False]), np.array([True, False, True, False]))
case("invert", np.array([True, False]))
case("absolute", np.array([True, False]))

# Loop selection for integer inputs: int8 -> float16, int16 -> float32,
# int32/int64 -> float64; true division of integers -> float64.
for dt in (np.int8, np.uint8, np.int16, np.int32, np.int64, np.bool_):
    x = rng.integers(0, 2 if dt == np.bool_ else 100, 8).astype(dt)
    case("sqrt", x, tol=0)
    case("exp", (x % 5).astype(dt), tol=2)
    case("divide", x, (x + 1).astype(dt) if dt != np.bool_ else np.ones(8, bool))

# Promotion of array dtype pairs.
PAIRS = [(np.int8, np.uint8), (np.int32, np.float32), (np.float16, np.int16), (np.uint64, np.int64),
         (np.bool_, np.int8), (np.complex64, np.float64), (np.uint8, np.float16), (np.int16, np.uint32),
         (np.float16, np.float32), (np.complex64, np.int32)]
for a, b in PAIRS:
    x = (rng.integers(0, 50, 8)).astype(a)
    y = (rng.integers(0, 50, 8)).astype(b)
    case("add", x, y)
    case("multiply", x, y)

# Complex.
for dt in (np.complex64, np.complex128):
    z = (rng.uniform(-3, 3, 8) + 1j * rng.uniform(-3, 3, 8)).astype(dt)
    w = (rng.uniform(-3, 3, 8) + 1j * rng.uniform(-3, 3, 8)).astype(dt)
    # NumPy's complex multiply and divide round like an FMA where the
    # machine has one: the last bits of |z||w| (up to 18 here) differ, and
    # cancellation can make that many epsilons of a small result.
    for name in ("add", "subtract", "multiply", "divide", "equal"):
        case(name, z, w, tol={"multiply": 20, "divide": 20}.get(name, 0))
    for name in ("negative", "conjugate", "absolute", "square", "isnan"):
        case(name, z, tol={"absolute": 1, "square": 20}.get(name, 0))
    for name in ("sqrt", "exp", "log"):
        case(name, z, tol=4)

# float16 arithmetic rounds at each op.
h = rng.uniform(-100, 100, 16).astype(np.float16)
g = rng.uniform(-100, 100, 16).astype(np.float16)
for name in ("add", "multiply", "divide", "subtract"):
    case(name, h, g)
case("sqrt", np.abs(h))

# Broadcasting.
case("add", rng.uniform(-1, 1, (3, 1)), rng.uniform(-1, 1, (4,)))
case("multiply", rng.uniform(-1, 1, (2, 1, 3)).astype(np.float32), rng.uniform(-1, 1, (1, 4, 1)).astype(np.float32))
case("less", rng.integers(0, 9, (2, 3)).astype(np.int32), rng.integers(0, 9, (1, 3)).astype(np.int32))

# Ternary.
cond = rng.integers(0, 2, (3, 4)).astype(bool)
case("where", cond, rng.uniform(-1, 1, (3, 4)).astype(np.float32), rng.integers(0, 9, (4,)).astype(np.int16))
xc = floats(np.float64, -10, 10)
case("clip", xc, np.full(12, -2.0), np.full(12, 3.0))

with open(os.path.join(OUT, "ufuncs.txt"), "w") as txt, open(os.path.join(OUT, "ufuncs.npys"), "wb") as f:
    txt.write("# <numpy ufunc> <inputs> <tolerance in epsilons>; arrays in ufuncs.npys\n")
    for name, inputs, tol in cases:
        if name == "where":
            out = np.where(*inputs)
        elif name == "clip":
            out = np.clip(*inputs)
        else:
            out = getattr(np, name)(*inputs)
        txt.write(f"{name} {len(inputs)} {tol}\n")
        for a in (*inputs, out):
            np.save(f, np.ascontiguousarray(a))

CREATION = [
    ("arange", 0, 10, 1, "int64"), ("arange", 0, 1, 0.1, "float64"), ("arange", 0, 1, 0.1, "float32"),
    ("arange", 1, -1, -0.25, "float16"), ("arange", -3, 7, 1.5, "int32"), ("arange", 10, 0, 1, "float64"),
    ("arange", 0.5, 4.1, 0.7, "float32"), ("arange", 0, 300, 7, "uint8"),
    ("linspace", 0, 1, 11, "float64"), ("linspace", 0, 1, 7, "float32"), ("linspace", -5, 5, 4, "int32"),
    ("linspace", 2, 2, 3, "float64"), ("linspace", 0, 1, 1, "float64"), ("linspace", 1, 0, 6, "float16"),
    ("linspace", -1, 9, 5, "int8"),
    ("eye", 3, 3, 0, "float64"), ("eye", 3, 5, 1, "int32"), ("eye", 4, 2, -1, "bool"), ("eye", 2, 3, 5, "float32"),
]
with open(os.path.join(OUT, "creation.txt"), "w") as txt, open(os.path.join(OUT, "creation.npys"), "wb") as f:
    txt.write("# arange <start> <stop> <step> <dtype> | linspace <start> <stop> <num> <dtype> | eye <n> <m> <k> <dtype>\n")
    for name, a, b, c, dt in CREATION:
        if name == "arange":
            out = np.arange(a, b, c, dtype=dt)
        elif name == "linspace":
            out = np.linspace(a, b, c, dtype=dt)
        else:
            out = np.eye(a, b, c, dtype=dt)
        txt.write(f"{name} {a} {b} {c} {dt}\n")
        np.save(f, out)
