#!/usr/bin/python3
"""Writes testdata/emath/: NumPy's answers for array/emath's tests, the
functions of numpy.emath (sqrt, log, log2, log10, logn, power, arccos,
arcsin, arctanh) over every dtype, with and without elements outside the
real domain, NaN, ±inf, ±0, 0-d, empty and strided inputs.

cases.txt lists one case a line:

    <function> <inputs> <tolerance> [view=<v>]

followed in cases.npys by the case's inputs and NumPy's result. tolerance
is in epsilons of the result dtype of max(|expected|, 1); view says that
the inputs were strided views (step: every other element of the last
axis, rev: the last axis reversed, T: transposed) of the stored arrays.

Run from the repository root: /usr/bin/python3 testdata/gen_emath.py
numpy.emath has not changed between NumPy 1.24 and 2.x.
"""
import os
import warnings

import numpy as np

import npys

warnings.simplefilter("ignore")
rng = np.random.default_rng(31)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emath")
os.makedirs(OUT, exist_ok=True)

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]
UNARY = {"sqrt": np.emath.sqrt, "log": np.emath.log, "log2": np.emath.log2, "log10": np.emath.log10,
         "arccos": np.emath.arccos, "arcsin": np.emath.arcsin, "arctanh": np.emath.arctanh}
SPECIAL = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -3.0]
cases = []


SINGLE = ("int8", "uint8", "int16", "uint16", "float16", "float32", "complex64")


def tol(res, xs):
    """float16 results round to 10 bits; the rest differ from NumPy's libm
    by a few ulps, of single precision where an input was computed in it
    (logn and power of a complex64 and a float64, say)."""
    res = np.asarray(res)
    if res.dtype == np.float16:
        return 2
    if res.dtype in (np.float64, np.complex128) and any(np.asarray(x).dtype.name in SINGLE for x in xs):
        return 8 * 2**29
    return 8


def case(fn, xs, res, v="none"):
    cases.append((f"{fn} {len(xs)} {tol(res, xs)} view={v}", xs, [np.asarray(res)]))


def values(dt, shape, inside):
    """Random values of dt; inside keeps them in [0, 1], the domain of
    every function here."""
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        lo = 0 if inside or dt.kind == "u" else -50
        return rng.integers(lo, 2 if inside else 50, shape).astype(dt)
    x = rng.uniform(0, 1, shape) if inside else rng.uniform(-4, 4, shape)
    if dt.kind == "c":
        x = x + 1j * rng.uniform(-2, 2, shape)
    return x.astype(dt)


for fn, f in UNARY.items():
    for dt in DTYPES:
        for inside in (True, False):
            x = values(dt, (17,), inside)
            case(fn, [x], f(x))
        if np.dtype(dt).kind in "fc":
            s = np.array(SPECIAL).astype(dt)
            case(fn, [s], f(s))
            # NaN and inf alone: real for sqrt and the logarithms, complex for the rest
            s = np.array([np.nan, 0.25, np.inf]).astype(dt)
            case(fn, [s], f(s))
    m = values("float64", (3, 8), False)
    for v in ("step", "rev", "T"):
        case(fn, [m], f(npys.view(m, v)), v)
    for x in (np.array(-2.5), np.array(0.5, np.float32), np.array(-3, np.int8), np.zeros((0, 2)), np.zeros(0, np.int16)):
        case(fn, [x], f(x))

# logn and power: two arrays broadcasting, each made complex (or float) on its own
PAIRS = [("float64", "float64"), ("int64", "int64"), ("int8", "float32"), ("float32", "int16"),
         ("uint8", "int32"), ("complex64", "float64"), ("float16", "uint16"), ("int32", "uint8")]
for da, db in PAIRS:
    for ia in (True, False):
        for ib in (True, False):
            a, b = values(da, (4, 1), ia), values(db, (1, 5), ib)
            if np.dtype(db).kind in "iu":
                b = (b % 4 + (0 if ib else -2) * (np.dtype(db).kind == "i")).astype(db)
            case("logn", [a, b], np.emath.logn(a, b))
            case("power", [a, b], np.emath.power(a, b))
s = np.array(SPECIAL)
case("logn", [s[:, None], s[None, :]], np.emath.logn(s[:, None], s[None, :]))
case("power", [s[:, None], s[None, :]], np.emath.power(s[:, None], s[None, :]))
case("power", [np.array([2, 4, -8]), np.array(-1)], np.emath.power(np.array([2, 4, -8]), np.array(-1)))
case("power", [np.array([2, 4], np.uint8), np.array([3, 1], np.uint8)], np.emath.power(np.array([2, 4], np.uint8), np.array([3, 1], np.uint8)))

npys.write_cases(OUT, cases)
print(len(cases), "cases")
