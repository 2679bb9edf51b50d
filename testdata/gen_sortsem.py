#!/usr/bin/python3
"""Writes testdata/sortsem/: NumPy's answers for array/sortsem_test.go,
the corners of sorting, partition, searching and the set functions that
testdata/sort leaves out.

cases.txt lists one case a line (the format of npys.py):

    <function> <view> <inputs> <results> <args>

and cases.npys holds each case's inputs, then its results. view is
applied to the first input before the call: "-" none, "colrev"
x[:, ::-1], "T" x.T. A case with no results is one NumPy refuses: the
call must fail with the message that ends the line.

Run from the repository root: /usr/bin/python3 testdata/gen_sortsem.py
It runs under NumPy 1.24 and 2.x alike (no 0-d input meets another
dtype, where NumPy 1's value-based casting would differ).
"""
import os
import warnings

import numpy as np

from npys import write_cases

warnings.simplefilter("ignore")
rng = np.random.default_rng(23)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sortsem")
os.makedirs(OUT, exist_ok=True)
cases = []


def case(fn, view, inputs, results, *args):
    cases.append((" ".join(map(str, (fn, view, len(inputs), len(results)) + args)), inputs, list(results)))


def viewed(x, view):
    return {"-": x, "colrev": x[:, ::-1], "T": x.T}[view]


def noisy(dt, n):
    """Random values with repeats; floats with NaN, ±inf and no zeros
    (which of -0 and 0 NumPy keeps in a set depends on its unstable sort)."""
    dt = np.dtype(dt)
    if dt.kind == "b":
        return rng.integers(0, 2, n).astype(bool)
    if dt.kind in "iu":
        return rng.integers(1 if dt.kind == "u" else -9, 10, n).astype(dt)
    if dt.kind == "c":
        return (noisy("float64", n) + 1j * rng.integers(-2, 3, n)).astype(dt)
    x = rng.integers(-9, 10, n).astype(dt) + dt.type(0.5)
    x[rng.integers(0, n, max(1, n // 6))] = rng.choice(np.array([np.nan, np.inf, -np.inf], dtype=dt), max(1, n // 6))
    return x


# indices of a 0-d array along an axis: NumPy reads it as shape (1,)
for dt in ("float32", "int8", "complex64"):
    x = np.array(2.5).astype(dt)
    for axis in (-1, 0):
        case("argsort", "-", [x], [np.argsort(x, axis=axis, kind="stable")], axis)
        case("argpartition", "-", [x], [np.argpartition(x, 0, axis=axis)], 0, axis)
keys = [np.array(3, np.int16), np.array(2.5)]
case("lexsort", "-", keys, [np.asarray(np.lexsort(keys))])

# empty views whose offset lies past their empty buffer
for dt in ("float64", "int32", "bool", "complex128"):
    x = np.zeros((0, 5), dt)
    for axis in ("none", "-1", "0"):
        ax = None if axis == "none" else int(axis)
        for fn in ("sort", "argsort"):
            case(fn, "colrev", [x], [getattr(np, fn)(viewed(x, "colrev"), axis=ax, kind="stable")], axis)
    case("partition", "colrev", [x], [np.partition(viewed(x, "colrev"), 3, axis=-1)], 3, -1)  # no kth check when empty
    b = noisy(dt, 4)
    case("isin_invert", "colrev", [x, b], [np.isin(viewed(x, "colrev"), b, invert=True)])
    case("intersect1d_indices", "colrev", [x, b], np.intersect1d(viewed(x, "colrev"), b, return_indices=True))
    v, idx, inv, cnt = np.unique(viewed(x, "colrev"), return_index=True, return_inverse=True, return_counts=True, equal_nan=False)
    case("unique_distinct_nan", "colrev", [x], [v, idx, inv.reshape(x.shape), cnt])
    case("argpartition", "colrev", [x], [np.argpartition(viewed(x, "colrev"), 7, axis=0)], 7, 0)

# partition at several positions: the elements NumPy puts at each kth
for dt, shape, axis, kths in (("float32", (6, 40), "-1", [3, -1, 17, 3]), ("int16", (50, 3), "0", [0, 49, 25]),
                              ("float64", (300,), "none", [-150, 10, 299, 0]), ("uint8", (4, 5, 6), "1", [1, 3]),
                              ("float16", (2, 5000), "-1", [0, 100, 4000, 2500, 4999]), ("int64", (7, 9), "-1", [2, 6]),
                              ("complex64", (5, 8), "-1", [1, 6]), ("bool", (40,), "0", [5, 30]),
                              ("float32", (3, 30), "-1", list(range(0, 30, 2)) + [-1, -2, -3])):
    x = noisy(dt, int(np.prod(shape))).reshape(shape)
    ax = None if axis == "none" else int(axis)
    flat, fax = (x.ravel(), 0) if ax is None else (x, ax)
    p = np.partition(flat, kths, axis=fax)
    case("partition", "-", [x], [np.take(p, k, axis=fax) for k in kths], ",".join(map(str, kths)), axis)
    case("partition", "T", [x], [np.take(np.partition(x.T.ravel(), kths[0]), kths[0])], kths[0], "none")

# searchsorted across dtypes, complex, a 0-d needle, an empty array and needles
for adt, vdt in (("int32", "float64"), ("uint8", "int8"), ("float32", "int64"), ("int64", "float32"), ("bool", "int16"),
                 ("float16", "float64"), ("complex64", "complex64"), ("complex128", "float32"), ("uint64", "uint64")):
    a = np.sort(noisy(adt, 50), kind="stable")
    v = noisy(vdt, 12).reshape(3, 4)
    for side in ("left", "right"):
        case("searchsorted", "-", [a, v], [np.searchsorted(a, v, side=side)], side)
a, v = np.sort(noisy("float64", 30)), np.array(1.5)
case("searchsorted", "-", [a, v], [np.asarray(np.searchsorted(a, v, side="right"))], "right")
a, v = np.zeros(0, np.float32), noisy("float32", 6).reshape(2, 3)
case("searchsorted", "-", [a, v], [np.searchsorted(a, v)], "left")
a, v = noisy("float64", 20), noisy("float64", 5)
sorter = np.argsort(a, kind="stable")
case("searchsorted", "-", [a, v, sorter], [np.searchsorted(a, v, side="left", sorter=sorter)], "left")
for bad, msg in ((np.arange(20) + 1, "sorter index out of range"), (-np.arange(20) - 1, "sorter index out of range"),
                 (np.arange(20).astype(np.float64), "sorter must only contain integers"), (np.arange(19), "sorter.size")):
    try:
        np.searchsorted(a, v, sorter=bad)
    except (ValueError, TypeError):
        case("searchsorted", "-", [a, v, bad], [], "left", "error", msg)
    else:
        raise AssertionError(f"NumPy {np.__version__} takes sorter {bad}")

# isin and the set functions with NumPy's keyword arguments, mixed dtypes
for da, db in (("int32", "int32"), ("float64", "float64"), ("int8", "float32"), ("uint8", "int8"), ("int16", "complex64"),
               ("bool", "int64"), ("float16", "float64")):
    a, b = noisy(da, 60).reshape(6, 10), noisy(db, 25)
    case("isin_invert", "-", [a, b], [np.isin(a, b, invert=True)])
    case("isin_invert", "T", [a, b], [np.isin(a.T, b, invert=True)])
    case("in1d_invert", "-", [a, b], [np.isin(a, b, invert=True).ravel()])
    case("isin_unique", "-", [a, b], [np.isin(a, b)])  # AssumeUnique is a hint: b sorted, not made distinct, is searched alike
    case("intersect1d", "-", [a, b], [np.intersect1d(a, b)])
    case("intersect1d_indices", "-", [a, b], np.intersect1d(a, b, return_indices=True))
    case("union1d", "-", [a, b], [np.union1d(a, b)])
    case("setxor1d", "-", [a, b], [np.setxor1d(a, b)])
    case("setdiff1d", "-", [a, b], [np.setdiff1d(a, b)])
    ua, ub = rng.permutation(np.unique(a)), rng.permutation(np.unique(b))  # distinct, in no order
    case("setdiff1d_unique", "-", [ua, ub], [np.setdiff1d(ua, ub, assume_unique=True)])  # keeps ua's order
    case("intersect1d_unique", "-", [ua, ub], [np.intersect1d(ua, ub, assume_unique=True)])
    case("setxor1d_unique", "-", [ua, ub], [np.setxor1d(ua, ub, assume_unique=True)])

# unique with every NaN its own value: np.unique(..., equal_nan=False), which
# NumPy 2's unique_values/counts/inverse/all use; -0.0 and 0.0 are one value
for dt, shape in (("float32", (7, 30)), ("float64", (2100,)), ("float16", (40,)), ("complex64", (6, 9)), ("int16", (50,))):
    x = noisy(dt, int(np.prod(shape)))
    if x.dtype.kind in "fc":
        x[::5] = np.nan
        x[1::7] = -0.0
        x[2::7] = 0.0
    if x.dtype.kind == "c":
        x[3::8] = complex(2.5, np.nan)
    x = x.reshape(shape)
    v, idx, inv, cnt = np.unique(x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False)
    case("unique_distinct_nan", "-", [x], [v, idx, inv.reshape(x.shape), cnt])

write_cases(OUT, cases, "# written by testdata/gen_sortsem.py")
print(len(cases), "cases")
