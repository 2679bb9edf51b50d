#!/usr/bin/python3
"""Writes testdata/stats/: NumPy's answers for array/stats_numpy_test.go,
the statistics cases where NumPy's dtypes, empty inputs and weights are
easy to get wrong.

cases.txt lists one case a line (npys.py writes them):

    <name> <inputs> <results> <tolerance>

name says which call the test makes, inputs and results count the case's
arrays in cases.npys (its inputs, then NumPy's results), tolerance is in
epsilons of the result dtype (0: exact).

Run from the repository root: /usr/bin/python3 testdata/gen_stats.py
It runs under NumPy 1.24 and 2.x alike; where 1.24 types a result
otherwise, the result is cast to the dtype NumPy 2 gives it (see
numpy2.py), which leaves NumPy 2's results as they are.
"""
import os
import warnings

import numpy as np

import numpy2
import npys

warnings.simplefilter("ignore")
rng = np.random.default_rng(23)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stats")
os.makedirs(OUT, exist_ok=True)

cases = []


def case(name, xs, tol, *res):
    cases.append((f"{name} {len(xs)} {len(res)} {tol}", xs, list(res)))


def noisy(dt, shape):
    x = (rng.standard_normal(shape) * 5).astype(dt)
    x.reshape(-1)[::7] = np.nan
    return x


# discrete methods return the elements: int64 beyond 2^53 stay exact
big = (2**60 + rng.integers(-1000, 1000, (3, 40))).astype(np.int64)
for m in ("lower", "higher", "nearest"):
    case(f"quantile_{m}_axis1", [big], 0, numpy2.quantile(np.quantile(big, [0.1, 0.5, 0.95], axis=1, method=m), big, [0], m))
b = rng.integers(0, 2, (4, 7)).astype(bool)
for m in ("lower", "higher", "nearest"):
    case(f"quantile_{m}_scalar", [b], 0, numpy2.quantile(np.quantile(b, 0.3, axis=1, method=m), b, 0.3, m))
i8 = rng.integers(-128, 128, (9, 5)).astype(np.int8)
for m in ("lower", "higher", "nearest"):
    case(f"percentile_{m}_axis0", [i8], 0, numpy2.quantile(np.percentile(i8, 62.5, axis=0, method=m), i8, 62.5, m))
    case(f"nanpercentile_{m}_axis0", [i8], 0, numpy2.quantile(np.nanpercentile(i8, 62.5, axis=0, method=m), i8, 62.5, m))
# interpolation: a list q makes float64 of float data, one float q keeps it
for dt in ("float32", "float16"):
    x = noisy(dt, (5, 9))
    x[1] = np.where(np.isnan(x[1]), 1.5, x[1])
    for m in ("linear", "midpoint"):
        q = [0.0, 0.3, 0.5, 0.77, 1.0]
        case(f"quantile_{m}_list", [x], 4, numpy2.quantile(np.quantile(x, q, axis=-1, method=m), x, q, m))
        case(f"nanquantile_{m}_list", [x], 4, numpy2.quantile(np.nanquantile(x, q, axis=-1, method=m), x, q, m))
        case(f"quantile_{m}_scalar", [x], 4, numpy2.quantile(np.quantile(x, 0.3, axis=-1, method=m), x, 0.3, m))
# empty: median and the NaN forms give NaN, other axes empty give empty
for dt, shape, axis in (("float32", (0,), "none"), ("int16", (0,), "none"), ("float64", (3, 0), "1"), ("uint8", (0, 4), "0")):
    x = np.zeros(shape, dt)
    ax = None if axis == "none" else int(axis)
    out = np.float64 if x.dtype.kind in "biu" else x.dtype
    case(f"median_{axis}", [x], 0, np.asarray(np.median(x, axis=ax)).astype(out))
    case(f"nanmedian_{axis}", [x], 0, np.asarray(np.nanmedian(x, axis=ax)).astype(out))
    case(f"nanquantile_lower_{axis}", [x], 0, np.asarray(np.nanquantile(x, 0.25, axis=ax, method="lower")).astype(out))
# complex medians: ordered as np.sort orders them, NaN rows NaN
for dt in ("complex64", "complex128"):
    x = (rng.integers(-3, 4, (5, 6)) + 1j * rng.integers(-3, 4, (5, 6))).astype(dt)
    x[1, 2] = complex(np.nan, 1)
    x[3] = np.nan
    x[4, 1:] = np.nan
    case("median_1", [x], 4, np.median(x, axis=1))
    case("nanmedian_1", [x], 4, np.nanmedian(x, axis=1))
    case("median_none", [x[0]], 4, np.median(x[0]))
x = np.zeros((2, 0, 3), np.int32)
case("quantile_lower_emptyrows", [x], 0, np.quantile(x, [0.25, 0.5], axis=0, method="lower"))
case("quantile_linear_emptyrows", [x], 0, np.quantile(x, [0.25, 0.5], axis=0, method="linear").astype(np.float64))
x = noisy("float64", (4, 3))
case("quantile_linear_noq", [x], 0, np.quantile(x, np.zeros(0), axis=0))

# average: sums in the result dtype, 1-d weights along an axis, returned
for xdt, wdt, axis in (("int8", "int8", "none"), ("int16", "float32", "0"), ("float64", "float32", "1"),
                       ("uint8", "bool", "1"), ("complex64", "float64", "0"), ("float16", "float16", "none")):
    x = rng.integers(-120, 120, (6, 8)).astype(xdt) if np.dtype(xdt).kind in "iu" else (rng.standard_normal((6, 8)) * 50).astype(xdt)
    if xdt == "uint8":
        x = rng.integers(0, 250, (6, 8)).astype(xdt)
    w = rng.integers(1, 100, (6, 8)).astype(wdt) if np.dtype(wdt).kind in "iub" else rng.random((6, 8)).astype(wdt) + 0.1
    if wdt == "bool":
        w = np.ones((6, 8), bool)
        w[:, ::3] = False
    ax = None if axis == "none" else int(axis)
    tol = 64 if xdt == "float16" else 8
    avg, scl = np.average(x, axis=ax, weights=w, returned=True)
    case(f"average_{axis}", [x, w], tol, avg, scl)
x = rng.standard_normal((4, 5, 3)).astype(np.float32)
w = rng.random(5) + 0.5
avg, scl = np.average(x, axis=1, weights=w, returned=True)
case("average_1d_1", [x, w], 8, avg, scl)
case("average_1d_1_keepdims", [x, w], 8, np.average(x, axis=1, weights=w, keepdims=True))
avg, scl = np.average(x, axis=2, returned=True)
case("average_noweights_2", [x], 8, avg, scl)

# histograms with weights take the weights' dtype
x = rng.standard_normal(300)
for wdt in ("int8", "float32", "complex128", "bool"):
    w = (rng.integers(-3, 4, 300) + (1j * rng.standard_normal(300) if wdt == "complex128" else 0)).astype(wdt)
    h, e = np.histogram(x, bins=7, range=(-2, 2), weights=w)
    case(f"histogram_weights_{wdt}", [x, w], 8, h, e)
    if wdt == "bool":
        continue  # NumPy's searched bins cannot sum bool weights
    edges = np.array([-3.0, -1.0, 0.0, 0.5, 3.0])
    # NumPy sums searched bins as differences of a running sum: 256 epsilons
    case(f"histogram_edges_weights_{wdt}", [x, w, edges], 256, np.histogram(x, bins=edges, weights=w)[0])

# isclose of integers and bool: b is taken as a float, no wrap-around
pairs = ((np.array([-128, 0, 127, -128, 100, 5], np.int8), np.array([0, -128, -128, 127, -100, 5], np.int8)),
         (np.array([0, 255, 1, 7], np.uint8), np.array([255, 0, 0, 7], np.uint8)),
         (np.array([np.iinfo(np.int64).min, 0, np.iinfo(np.int64).max, 3]), np.array([0, np.iinfo(np.int64).min, np.iinfo(np.int64).min, 3])),
         (np.array([True, False, True, False]), np.array([True, True, False, False])))
for k, (a, bb) in enumerate(pairs):
    case(f"isclose_ints_{k}", [a, bb], 0, np.isclose(a, bb, rtol=0.01, atol=1.0))

# cov with ddof past the observations: times 1/0 = inf, complex parts apart
# (small integers, so that every sum is exact and a zero part is exactly
# zero on any machine: inf times rounding noise would be inf or NaN by chance)
x = (rng.integers(-3, 4, (3, 4)) + 1j * rng.integers(-3, 4, (3, 4))).astype(np.complex128)
case("cov_ddof_past", [x], 64, np.cov(x, ddof=6))
x = rng.standard_normal((2, 4))
case("cov_ddof_n", [x], 64, np.cov(x, ddof=4))

# diff with n=0 returns a, even 0-d; nanvar of 0-d along axis -1
case("diff_zero", [np.array(2.5)], 0, np.diff(np.array(2.5), n=0))
case("nanvar_0d", [np.array(3.0)], 0, np.nanvar(np.array(3.0), axis=-1))

npys.write_cases(OUT, cases, "# written by testdata/gen_stats.py")
print(len(cases), "cases")
