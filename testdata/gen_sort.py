#!/usr/bin/python3
"""Writes testdata/sort/: NumPy's answers for array/sort_test.go.

cases.txt lists one case a line:

    <function> <input> <args>

input is the index of the case's first input in inputs.npys (np.save'd
arrays one after another); functions of two arrays take inputs input and
input+1. args are the function's other arguments, space separated (an
axis of "none" is axis=None). Results are in results.npys in order, one
array per result (unique_all gives four). histogram_error cases have no
result: the call must fail with NumPy's "Too many bins" error.

Run from the repository root: /usr/bin/python3 testdata/gen_sort.py
It runs under NumPy 1.24 and 2.x alike: sorts are kind="stable", the
inverse of unique is reshaped to the input's shape as NumPy 2 returns it,
and the quantiles' results are cast to the dtype NumPy 2 gives them
(numpy2.py).
"""
import os
import warnings

import numpy as np

import numpy2

warnings.simplefilter("ignore")
rng = np.random.default_rng(17)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sort")
os.makedirs(OUT, exist_ok=True)

inputs, results, cases = [], [], []


def add_input(x):
    inputs.append(np.asarray(x))
    return len(inputs) - 1


def special(dt, n):
    """Random values with duplicates, and for floats NaN, ±inf and ±0."""
    dt = np.dtype(dt)
    if n == 0:
        return np.zeros(0, dt)
    if dt == np.bool_:
        return rng.integers(0, 2, n).astype(bool)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        x = rng.integers(max(info.min, -50), min(info.max, 50), n, endpoint=True).astype(dt)
        x[: n // 8] = info.max
        x[n // 8: n // 4] = info.min
        return rng.permutation(x)
    if dt.kind == "c":
        part = np.dtype(dt.char.lower())
        re, im = special(part, n), special(part, n)
        re[::3] = 1.0  # ties on the real part
        return (re + 1j * im).astype(dt)
    x = rng.choice(np.array([-2.5, -1, 0, 1, 1.5, 3], dtype=dt), n)
    x = np.where(rng.random(n) < 0.5, rng.standard_normal(n).astype(dt), x)
    specials = np.array([np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0], dtype=dt)
    x[rng.integers(0, n, max(1, n // 5))] = rng.choice(specials, max(1, n // 5))
    return x


SORT_DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
               "float16", "float32", "float64", "complex64", "complex128"]


def sort_case(x, axis):
    i = add_input(x)
    ax = None if axis == "none" else int(axis)
    for fn in ("sort", "argsort"):
        cases.append(f"{fn} {i} {axis}")
        results.append(getattr(np, fn)(x, axis=ax, kind="stable"))


for dt in SORT_DTYPES:
    for n in (1, 7, 300, 2048, 2049, 5000):
        sort_case(special(dt, n), "-1")
    x = special(dt, 4 * 5 * 6).reshape(4, 5, 6)
    for axis in ("0", "1", "-1", "none"):
        sort_case(x, axis)
# every path of the GPU sort: many short rows in one tile, rows of one
# tile each, rows longer than a tile, sorted and reversed input, empty
# and 0-d arrays
sort_case(special("float32", 3000 * 3).reshape(3000, 3), "-1")
sort_case(special("int32", 12 * 2000).reshape(12, 2000), "-1")
sort_case(special("float64", 2 * 20000).reshape(2, 20000), "-1")
sort_case(special("int16", 60 * 260).reshape(60, 260), "0")
sort_case(np.arange(5000, dtype=np.int64), "-1")
sort_case(np.arange(5000, dtype=np.float32)[::-1].copy(), "-1")
sort_case(np.repeat(np.arange(5, dtype=np.uint8), 2000), "-1")
sort_case(np.zeros((3, 0), dtype=np.float32), "-1")
sort_case(np.zeros((0, 4), dtype=np.int32), "-1")
sort_case(np.array(2.5), "none")

# lexsort: three keys of duplicates
keys = [rng.integers(0, 3, 40).astype(np.int32) for _ in range(3)]
i = add_input(np.stack(keys))
cases.append(f"lexsort {i}")
results.append(np.lexsort(keys))

# searchsorted, both sides, with and without a sorter
for dt in ("int32", "float64", "float32"):
    a = special(dt, 200)
    v = special(dt, 60).reshape(6, 10)
    i = add_input(np.sort(a, kind="stable"))
    add_input(v)
    for side in ("left", "right"):
        cases.append(f"searchsorted {i} {side} nosorter")
        results.append(np.searchsorted(inputs[i], v, side=side))
    i = add_input(a)
    add_input(v)
    add_input(np.argsort(a, kind="stable"))
    for side in ("left", "right"):
        cases.append(f"searchsorted {i} {side} sorter")
        results.append(np.searchsorted(a, v, side=side, sorter=inputs[i + 2]))

# unique with everything
for dt in ("bool", "int8", "int32", "uint64", "float16", "float32", "float64", "complex64"):
    for shape in ((1,), (50,), (6, 70), (0,)):
        x = special(dt, int(np.prod(shape))).reshape(shape)
        i = add_input(x)
        cases.append(f"unique {i}")
        v, idx, inv, cnt = np.unique(x, return_index=True, return_inverse=True, return_counts=True)
        results += [v, idx, inv.reshape(x.shape), cnt]

# set operations on duplicate-heavy integers and floats
for dt in ("int32", "float64"):
    a, b = special(dt, 80).reshape(8, 10), special(dt, 30)
    if dt == "float64":
        a, b = np.nan_to_num(a, nan=7.0), np.nan_to_num(b, nan=7.0)
    i = add_input(a)
    add_input(b)
    for fn in ("isin", "in1d", "intersect1d", "union1d", "setdiff1d", "setxor1d"):
        cases.append(f"{fn} {i}")
        if fn == "in1d" and not hasattr(np, "in1d"):  # removed in NumPy 2.4: isin, flattened
            results.append(np.isin(a, b).ravel())
        else:
            results.append(getattr(np, fn)(a, b))

# quantiles: every method, nan forms, axes
METHODS = ["linear", "lower", "higher", "nearest", "midpoint"]


for dt in ("int32", "float32", "float64", "float16", "uint8"):
    x = special(dt, 6 * 7).reshape(6, 7)
    if dt != "bool" and np.dtype(dt).kind == "f":
        x = np.where(np.isnan(x), np.asarray(1.25, dtype=dt), x)
        x[np.isinf(x)] = 2
    i = add_input(x)
    for axis in ("none", "0", "1"):
        ax = None if axis == "none" else int(axis)
        cases.append(f"median {i} {axis}")
        results.append(np.asarray(np.median(x, axis=ax)).astype(np.float64 if x.dtype.kind in "biu" else x.dtype))
        for m in METHODS:
            q = [0.0, 0.25, 0.5, 0.9, 1.0]
            cases.append(f"quantile {i} {axis} {m}")
            results.append(numpy2.quantile(np.quantile(x, q, axis=ax, method=m), x, q, m))
            cases.append(f"percentile {i} {axis} {m}")
            results.append(numpy2.quantile(np.percentile(x, 37.5, axis=ax, method=m), x, 37.5, m))
for dt in ("float32", "float64"):
    x = special(dt, 5 * 9).reshape(5, 9)
    x[2] = np.nan  # a row of NaN only
    i = add_input(x)
    for axis in ("none", "1"):
        ax = None if axis == "none" else int(axis)
        cases.append(f"median {i} {axis}")
        results.append(np.asarray(np.median(x, axis=ax)).astype(x.dtype))
        cases.append(f"nanmedian {i} {axis}")
        results.append(np.asarray(np.nanmedian(x, axis=ax)).astype(x.dtype))
        for m in METHODS:
            cases.append(f"nanquantile {i} {axis} {m}")
            results.append(numpy2.quantile(np.nanquantile(x, [0.1, 0.5, 1.0], axis=ax, method=m), x, [0.1, 0.5, 1.0], m))

# diff and digitize
for dt in ("int16", "float32", "bool"):
    x = special(dt, 4 * 9).reshape(4, 9)
    i = add_input(x)
    for n, axis in ((1, -1), (2, 0), (3, 1), (0, 0)):
        cases.append(f"diff {i} {n} {axis}")
        results.append(np.diff(x, n=n, axis=axis))
bins_up = np.array([-1.0, 0.0, 0.5, 0.5, 2.0])
for bins in (bins_up, bins_up[::-1].copy()):
    x = np.nan_to_num(special("float64", 40), nan=0.5)
    i = add_input(x)
    add_input(bins)
    for right in (0, 1):
        cases.append(f"digitize {i} {right}")
        results.append(np.digitize(x, bins, right=bool(right)))

# bincount and histograms
x = rng.integers(0, 40, 500)
w = rng.standard_normal(500)
i = add_input(x)
add_input(w)
for minlength in (0, 60):
    cases.append(f"bincount {i} {minlength} noweights")
    results.append(np.bincount(x, minlength=minlength))
    cases.append(f"bincount {i} {minlength} weights")
    results.append(np.bincount(x, weights=w, minlength=minlength))
i = add_input(np.zeros(0, np.int64))
cases.append(f"bincount {i} 5 noweights")
results.append(np.bincount(inputs[i], minlength=5))
for dt in ("float32", "float64", "int32"):
    x = (rng.standard_normal(3000) * 2).astype(dt).reshape(30, 100)
    if dt != "int32":
        x[0, :5] = [np.nan, np.inf, -np.inf, 0.5, 1.0]
    i = add_input(x)
    add_input(rng.random((30, 100)))
    for bins, lo, hi in ((10, -3.0, 3.0), (256, 0.0, 1.0), (7, -2.0, 0.5), (16, 1.0, 1.0)):
        for extra in ("", "weights", "density"):
            kw = {"weights": inputs[i + 1]} if extra == "weights" else {"density": True} if extra == "density" else {}
            h, e = np.histogram(x, bins=bins, range=(lo, hi), **kw)
            cases.append(f"histogram {i} {bins} {lo} {hi} {extra or 'plain'}")
            results += [h, e]
    if dt == "int32":
        h, e = np.histogram(x, bins=9)
        cases.append(f"histogram {i} 9 auto auto plain")
        results += [h, e]
        cases.append(f"histogram_bin_edges {i} 9")
        results.append(np.histogram_bin_edges(x, bins=9))
    edges = np.array([-2.0, -0.5, 0.0, 0.5, 0.5, 4.0])
    add_input(edges)
    for extra in ("", "weights", "density"):
        kw = {"weights": inputs[i + 1]} if extra == "weights" else {"density": True} if extra == "density" else {}
        cases.append(f"histogram_edges {i} {extra or 'plain'}")
        results.append(np.histogram(x, bins=edges, **kw)[0])
# isclose, ptp, average, cov, corrcoef
a = rng.standard_normal(60)
b = a + rng.choice([0, 1e-9, 1e-6, 1e-3], 60)
a[:6] = [np.nan, np.inf, -np.inf, np.inf, 0.0, np.nan]
b[:6] = [np.nan, np.inf, np.inf, 1e300, 1e-9, 1.0]
i = add_input(a)
add_input(b)
for rtol, atol, eq in ((1e-5, 1e-8, 0), (1e-5, 1e-8, 1), (0.0, 1e-6, 0), (1e-3, 0.0, 1)):
    cases.append(f"isclose {i} {rtol} {atol} {eq}")
    results.append(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=bool(eq)))
x = rng.standard_normal((4, 9))
w = rng.random((4, 9))
i = add_input(x)
add_input(w)
for axis in ("none", "0", "1"):
    ax = None if axis == "none" else int(axis)
    cases.append(f"ptp {i} {axis}")
    results.append(np.ptp(x, axis=ax))
    cases.append(f"average {i} {axis}")
    results.append(np.asarray(np.average(x, axis=ax, weights=w)))
for dt in ("float64", "float32", "int16", "complex128"):
    x = rng.standard_normal((3, 12))
    if dt == "int16":
        x = x * 100
    if dt == "complex128":
        x = x + 1j * rng.standard_normal((3, 12))
    x = x.astype(dt)
    i = add_input(x)
    for rowvar, ddof in ((1, 1), (0, 1), (1, 0), (1, 2)):
        cases.append(f"cov {i} {rowvar} {ddof}")
        results.append(np.cov(x, rowvar=bool(rowvar), ddof=ddof))
    cases.append(f"corrcoef {i} 1")
    results.append(np.corrcoef(x, rowvar=True))
    cases.append(f"corrcoef {i} 0")
    results.append(np.corrcoef(x, rowvar=False))
i = add_input(rng.standard_normal(10))
cases.append(f"cov {i} 1 1")
results.append(np.cov(inputs[i]))

# the NaN reductions
for dt in ("float32", "float64", "int32", "complex64"):
    x = special(dt, 5 * 8).reshape(5, 8)
    if np.dtype(dt).kind in "fc":
        x = np.where(np.isinf(x), 2, x).astype(dt)
    i = add_input(x)
    for axis in ("none", "0", "1"):
        ax = None if axis == "none" else int(axis)
        for fn in ("nanprod", "nancumsum", "nancumprod", "nanargmax", "nanargmin"):
            if np.dtype(dt).kind == "c" and fn in ("nanargmax", "nanargmin"):
                continue
            cases.append(f"{fn} {i} {axis}")
            results.append(np.asarray(getattr(np, fn)(x, axis=ax)))
        for fn in ("nanvar", "nanstd"):
            for ddof in (0, 1):
                cases.append(f"{fn} {i} {axis} {ddof}")
                results.append(np.asarray(getattr(np, fn)(x, axis=ax, ddof=ddof)))

# histograms of the other dtypes, elements on every edge, more bins than a GPU block
# keeps in shared memory, and no elements; float16 has too few values in
# [-1, 1] for 5000 bins, which NumPy 2 refuses


def too_many_bins(x, bins, lo, hi):
    """Whether NumPy 2 refuses np.histogram(x, bins, range=(lo, hi)):
    its edges, in the data's float dtype, are not all distinct. It checks
    that NumPy 2 raises; NumPy 1 gave empty bins, so the case is recorded
    as an error (histogram_error, with no results) on either."""
    dt = x.dtype if x.dtype.kind == "f" else np.float64
    first, last = (lo - 0.5, hi + 0.5) if lo == hi else (lo, hi)
    if np.all(np.diff(np.linspace(first, last, bins + 1, dtype=dt)) > 0):
        return False
    if int(np.__version__.split(".")[0]) >= 2:
        try:
            np.histogram(x, bins=bins, range=(lo, hi))
        except ValueError as e:
            assert "Too many bins" in str(e), e
        else:
            raise AssertionError(f"NumPy {np.__version__} histograms {bins} bins of {dt} in [{lo}, {hi}]")
    return True


for dt in ("uint8", "int64", "float16", "float64"):
    x = rng.integers(0, 200, 5000).astype(dt)
    if dt == "float64":
        x = np.concatenate([np.linspace(-1, 1, 5001), rng.uniform(-1.2, 1.2, 999)])  # every edge of 5000 bins
    i = add_input(x)
    add_input(rng.random(x.shape))
    for bins, lo, hi in ((13, 10.0, 150.0), (5000, -1.0, 1.0), (3, 0.0, 0.0)):
        if too_many_bins(x, bins, lo, hi):
            cases.append(f"histogram_error {i} {bins} {lo} {hi} plain")
            continue
        h, e = np.histogram(x, bins=bins, range=(lo, hi))
        cases.append(f"histogram {i} {bins} {lo} {hi} plain")
        results += [h, e]
i = add_input(np.zeros(0, np.float32))
add_input(np.zeros(0))
h, e = np.histogram(inputs[i], bins=4)
cases.append(f"histogram {i} 4 auto auto plain")
results += [h, e]


# quantiles of rows long enough for the GPU's radix selection (4096 and
# more), every method, NaN in some rows, duplicates, both axes
for dt, shape in (("float32", (2, 5000)), ("int64", (4100,)), ("float16", (3, 4500)), ("float64", (4097, 2))):
    x = special(dt, int(np.prod(shape))).reshape(shape)
    if dt == "float32":
        x[0] = np.where(np.isnan(x[0]), np.asarray(0.5, dtype=dt), x[0])  # row 0 without NaN
    i = add_input(x)
    axis = "0" if dt == "float64" else "-1"
    ax = int(axis)
    out = np.float64 if x.dtype.kind in "biu" else x.dtype
    cases.append(f"median {i} {axis}")
    results.append(np.asarray(np.median(x, axis=ax)).astype(out))
    for m in METHODS:
        cases.append(f"quantile {i} {axis} {m}")
        results.append(numpy2.quantile(np.quantile(x, [0.0, 0.25, 0.5, 0.9, 1.0], axis=ax, method=m), x, [0.0], m))
        cases.append(f"percentile {i} {axis} {m}")
        results.append(numpy2.quantile(np.percentile(x, 37.5, axis=ax, method=m), x, 37.5, m))

# cov and corrcoef of two arrays, one-row and one-column variables
x, y = rng.standard_normal((3, 12)), rng.standard_normal((2, 12))
columns = rng.standard_normal((12, 1)), rng.standard_normal((12, 1))  # one variable each, rowvar=False
for xs, ys, rowvar in ((x, y, 1), (x.T.copy(), y.T.copy(), 0), (x[0], y[1], 1), (x[:1], y, 1), (*columns, 0)):
    i = add_input(xs)
    add_input(ys)
    cases.append(f"covxy {i} {rowvar} 1")
    results.append(np.cov(xs, ys, rowvar=bool(rowvar)))
    cases.append(f"corrcoefxy {i} {rowvar}")
    results.append(np.corrcoef(xs, ys, rowvar=bool(rowvar)))
i = add_input((rng.standard_normal((2, 5)) + 1j * rng.standard_normal((2, 5))).astype(np.complex64))
add_input(rng.integers(-5, 5, 5).astype(np.int16))
cases.append(f"covxy {i} 1 0")
results.append(np.cov(inputs[i], inputs[i + 1], ddof=0))
i = add_input(rng.standard_normal((1, 7)))
cases.append(f"cov {i} 0 1")
results.append(np.cov(inputs[i], rowvar=False))
cases.append(f"cov {i} 1 1")
results.append(np.cov(inputs[i], rowvar=True))

# partition: NumPy's element at kth (the rest is checked for the
# partition property), duplicates, NaN, every axis, rows long enough for
# the GPU's selection
for dt, shape, axis, kth in (("float32", (7, 9), "-1", 4), ("float64", (6, 5), "0", -1), ("int16", (40,), "none", 0),
                             ("uint8", (3, 4, 5), "1", 2), ("float16", (2, 5000), "-1", 2500), ("bool", (30,), "0", 20),
                             ("float32", (4100,), "0", 4099), ("int64", (5, 6), "-1", 3)):
    x = special(dt, int(np.prod(shape))).reshape(shape)
    i = add_input(x)
    ax = None if axis == "none" else int(axis)
    cases.append(f"partition {i} {kth} {axis}")
    flat = x.ravel() if ax is None else x
    results.append(np.take(np.partition(flat, kth, axis=0 if ax is None else ax), kth, axis=0 if ax is None else ax))

# unique along an axis: duplicate rows, columns and slices of 3-d arrays,
# -0.0 against 0.0, no slices and slices of no elements (no NaN: NumPy
# orders rows holding NaN by their bytes)
for dt, shape, axis in (("int32", (12, 3), 0), ("float64", (4, 10), 1), ("uint8", (6, 2, 3), 0), ("int16", (3, 4, 8), 2),
                        ("float32", (0, 3), 0), ("float32", (5, 0), 0), ("bool", (9, 2), 0)):
    x = rng.integers(0, 2, shape).astype(dt)
    if dt == "float64":
        x[:, 3] = x[:, 0]  # a repeated column
        x[0, 3] = -0.0 if x[0, 0] == 0 else x[0, 0]
    i = add_input(x)
    cases.append(f"uniqueaxis {i} {axis}")
    v, idx, inv, cnt = np.unique(x, return_index=True, return_inverse=True, return_counts=True, axis=axis)
    results += [v, idx, inv.reshape(-1), cnt]

with open(os.path.join(OUT, "cases.txt"), "w") as f:
    f.write("# written by testdata/gen_sort.py\n")
    f.write("\n".join(cases) + "\n")
for name, arrays in (("inputs.npys", inputs), ("results.npys", results)):
    with open(os.path.join(OUT, name), "wb") as f:
        for a in arrays:
            np.save(f, np.array(a, order="C"))  # C order, 0-d kept
print(len(cases), "cases,", len(inputs), "inputs,", len(results), "results")
