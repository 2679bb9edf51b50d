#!/usr/bin/python3
"""Writes testdata/ufuncmore/: NumPy's answers for array/ufuncmore_test.go,
the ufuncs isposinf, isneginf, fabs, float_power, fix, i0 and
bitwise_count, and packbits and unpackbits.

cases.txt lists one case a line:

    <function> <inputs> <results> <tolerance> [key=value ...]

inputs and results count the case's arrays in cases.npys (its inputs,
then NumPy's results), tolerance is in epsilons of the result dtype of
max(|expected|, 1) (0: exact), and the key=value pairs are the call's
arguments. view=<v> says that the function was applied to a view of the
stored inputs: step (every other element of the last axis), rev (the
last axis reversed) or T (transposed).

Run from the repository root: /usr/bin/python3 testdata/gen_ufuncmore.py
Made for NumPy 2.x; under NumPy 1.x it writes NumPy 2's answers where 1.x
differs: fix keeps integer and bool dtypes (NumPy >= 2.3), and
bitwise_count (NumPy 2 only) is computed in Python from its definition.
"""
import os
import warnings

import numpy as np

import npys

warnings.simplefilter("ignore")
rng = np.random.default_rng(2027)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ufuncmore")
os.makedirs(OUT, exist_ok=True)
NUMPY = tuple(int(v) for v in np.__version__.split(".")[:2])

cases = []


def case(fn, xs, tol, res, **kw):
    args = "".join(f" {k}={v}" for k, v in kw.items())
    cases.append((f"{fn} {len(xs)} 1 {tol}{args}", xs, [np.asarray(res)]))


def view(x, v):
    return {"step": lambda: x[..., ::2], "rev": lambda: x[..., ::-1], "T": lambda: x.T, "none": lambda: x}[v]()


REAL = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16", "float32", "float64"]
SPECIAL = [np.nan, np.inf, -np.inf, 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 1e-300, -1e-300, 1e300, -1e300,
           5e-324, 6e4, -6e4, 65504.0, 1e-7, 7.99, 8.0, 8.01, -8.0, 30.0, 100.0, 700.0, 720.0, 3e38]


def data(dt, shape):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return rng.integers(info.min, info.max, shape, endpoint=True, dtype=dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) * 5 + 1j * rng.standard_normal(shape) * 5).astype(dt)
    return (rng.standard_normal(shape) * 6).astype(dt)


def with_specials(dt, n=40):
    x = data(dt, (n,))
    if np.dtype(dt).kind in "fc":
        x = np.concatenate([x, np.array(SPECIAL).astype(dt)])
    else:
        info = np.iinfo(dt) if dt != "bool" else None
        if info is not None:
            x = np.concatenate([x, np.array([info.min, info.max, 0, 1]).astype(dt)])
            if np.dtype(dt).kind == "i":
                x = np.concatenate([x, np.array([-1, info.min + 1]).astype(dt)])
    return x


def fix(x):
    if NUMPY < (2, 3) and np.asarray(x).dtype.kind in "biu":
        return np.asarray(x).copy()  # NumPy >= 2.3 keeps the dtype
    return np.fix(x)


def bitwise_count(x):
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x)
    x = np.asarray(x)
    if x.dtype == np.bool_:
        x = x.astype(np.int8)
    return np.vectorize(lambda v: bin(abs(int(v))).count("1"), otypes=[np.uint8])(x).reshape(x.shape)


UNARY = {
    "isposinf": (np.isposinf, REAL, 0),
    "isneginf": (np.isneginf, REAL, 0),
    "fabs": (np.fabs, REAL, 0),
    "fix": (fix, REAL, 0),
    "i0": (np.i0, REAL, 8),
    "bitwise_count": (bitwise_count, [d for d in REAL if d[0] in "biu"], 0),
}
for fn, (f, dts, tol) in UNARY.items():
    for dt in dts:
        t = 2 if (fn == "i0" and dt == "float16") else tol
        x = with_specials(dt)
        case(fn, [x], t, f(x))
        m = data(dt, (3, 6))
        for v in ("step", "rev", "T"):
            case(fn, [m], t, f(view(m, v)), view=v)
        case(fn, [np.array(x[0])], t, f(np.array(x[0])))
        e = np.zeros((0, 3), dt)
        case(fn, [e], t, f(e))
# i0 in float64 near the branch point, far out, and of large integers
x = np.concatenate([np.linspace(-10, 10, 81), rng.uniform(-750, 750, 40)])
case("i0", [x], 8, np.i0(x))
case("i0", [x.astype(np.float32)], 8, np.i0(x.astype(np.float32)))
case("i0", [x.astype(np.float16)], 2, np.i0(x.astype(np.float16)))

# float_power: every pair of a few dtypes, broadcasting, negative and
# fractional exponents, special values. Within 32 ulps: pow's error grows
# with |y log x|, and Go's pow on arm64 (fused multiply-adds) lands a few
# ulps from glibc's where NumPy's is within 8 on amd64.
POW_TOL = 32
PAIRS = [("bool", "bool"), ("int8", "int8"), ("uint8", "int64"), ("int32", "int32"), ("uint64", "int16"),
         ("float16", "float16"), ("float32", "float32"), ("float32", "int8"), ("float64", "float64"),
         ("complex64", "complex64"), ("complex128", "float32"), ("float16", "complex64"), ("int64", "complex128")]
for da, db in PAIRS:
    a, b = data(da, (5, 1)), data(db, (1, 7))
    if np.dtype(da).kind in "iu":
        a = (a % 9).astype(da)
    if np.dtype(db).kind in "iu":
        b = (b % 7).astype(db) - (3 if np.dtype(db).kind == "i" else 0)
    if np.dtype(db).kind in "fc":
        b = (b / 3).astype(db)
    case("float_power", [a, b], POW_TOL, np.float_power(a, b))
s = np.array(SPECIAL)
case("float_power", [s[:, None], s[None, :]], POW_TOL, np.float_power(s[:, None], s[None, :]))
m, n = data("float64", (4, 6)), data("int16", (4, 6)) % 5
for v in ("step", "rev", "T"):
    case("float_power", [m, n], POW_TOL, np.float_power(view(m, v), view(n, v)), view=v)
case("float_power", [np.array(2.5), np.array(-2, np.int8)], POW_TOL, np.float_power(np.array(2.5), np.array(-2, np.int8)))
case("float_power", [np.zeros((0, 2)), np.ones(2, np.float32)], POW_TOL, np.float_power(np.zeros((0, 2)), np.ones(2, np.float32)))

# packbits and unpackbits: every integer dtype and bool, each axis and
# none, both bit orders, lengths that are and are not multiples of 8,
# count beyond and below the bits there are.
for dt in ("bool", "int8", "uint8", "int16", "int64", "uint64"):
    x = data(dt, (3, 13))
    if dt != "bool":
        x[rng.random(x.shape) < 0.4] = 0
    for order in ("big", "little"):
        for axis in ("none", "0", "1", "-1"):
            ax = None if axis == "none" else int(axis)
            case("packbits", [x], 0, np.packbits(x, axis=ax, bitorder=order), axis=axis, bitorder=order)
x = data("uint8", (2, 3, 5))
for v in ("step", "rev", "T"):
    case("packbits", [x], 0, np.packbits(view(x, v), axis=1), axis="1", bitorder="big", view=v)
for shape, axis in (((), "none"), ((0,), "none"), ((0, 3), "0"), ((2, 0), "1"), ((16,), "0"), ((8, 2), "0")):
    x = data("bool", shape)
    ax = None if axis == "none" else int(axis)
    case("packbits", [x], 0, np.packbits(x, axis=ax), axis=axis, bitorder="big")
x = data("uint8", (3, 4))
for order in ("big", "little"):
    for axis in ("none", "0", "1", "-2"):
        ax = None if axis == "none" else int(axis)
        case("unpackbits", [x], 0, np.unpackbits(x, axis=ax, bitorder=order), axis=axis, bitorder=order)
        for count in (0, 1, 5, 8, 13, 40, -1, -7, -8):
            if ax is not None and -count > 8 * x.shape[ax]:
                continue
            case("unpackbits", [x], 0, np.unpackbits(x, axis=ax, count=count, bitorder=order),
                 axis=axis, bitorder=order, count=count)
for v in ("step", "rev", "T"):
    case("unpackbits", [x], 0, np.unpackbits(view(x, v), axis=0), axis="0", bitorder="big", view=v)
for shape, axis in (((), "none"), ((0,), "none"), ((0, 3), "0"), ((2, 0), "1")):
    x = data("uint8", shape)
    ax = None if axis == "none" else int(axis)
    case("unpackbits", [x], 0, np.unpackbits(x, axis=ax), axis=axis, bitorder="big")
    if x.size:  # NumPy leaves the padding of an empty input uninitialized
        case("unpackbits", [x], 0, np.unpackbits(x, axis=ax, count=3), axis=axis, bitorder="big", count=3)

npys.write_cases(OUT, cases)
print(len(cases), "cases")
