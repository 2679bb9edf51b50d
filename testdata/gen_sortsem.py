#!/usr/bin/python3
"""Writes testdata/sortsem/: NumPy's answers for array/sortsem_test.go,
the corners of sorting, partition, searching and the set functions that
testdata/sort leaves out.

cases.txt lists one case a line:

    <function> <view> <input> <args>

input is the index of the case's first input in inputs.npys (np.save'd
arrays one after another); functions of several arrays take the inputs
that follow. view is applied to the first input before the call: "-"
none, "colrev" x[:, ::-1], "T" x.T, "rev" x[::-1]. Results are in
results.npys in order. error cases have no result: NumPy raises, and the
call must fail with the message given after the case.

Run from the repository root: /usr/bin/python3 testdata/gen_sortsem.py
It runs under NumPy 1.24 and 2.x alike; where they differ it writes
NumPy 2's answer: dtypes of 0-d inputs are NumPy 2's (no value-based
casting), so none is used here.
"""
import os
import warnings

import numpy as np

warnings.simplefilter("ignore")
rng = np.random.default_rng(23)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sortsem")
os.makedirs(OUT, exist_ok=True)

inputs, results, cases = [], [], []


def add_input(x):
    inputs.append(np.asarray(x))
    return len(inputs) - 1


def view(x, v):
    return {"-": x, "colrev": x[:, ::-1] if x.ndim > 1 else x, "T": x.T, "rev": x[::-1]}[v]


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


def case(line, *res):
    cases.append(line)
    results.extend(res)


# indices of a 0-d array along an axis: NumPy reads it as shape (1,)
for dt in ("float32", "int8", "complex64"):
    i = add_input(np.array(2.5).astype(dt))
    for axis in (-1, 0):
        case(f"argsort - {i} {axis}", np.argsort(inputs[i], axis=axis, kind="stable"))
        case(f"argpartition - {i} 0 {axis}", np.argpartition(inputs[i], 0, axis=axis))
i = add_input(np.array(3, np.int16))
add_input(np.array(2.5))
case(f"lexsort - {i} 2", np.asarray(np.lexsort([inputs[i], inputs[i + 1]])))

# empty views whose offset lies past their empty buffer
for dt in ("float64", "int32", "bool", "complex128"):
    i = add_input(np.zeros((0, 5), dt))
    for axis in ("none", "-1", "0"):
        ax = None if axis == "none" else int(axis)
        for fn in ("sort", "argsort"):
            case(f"{fn} colrev {i} {axis}", getattr(np, fn)(view(inputs[i], "colrev"), axis=ax, kind="stable"))
    case(f"partition colrev {i} 3 -1", np.partition(view(inputs[i], "colrev"), 3, axis=-1))  # no kth check when empty
    case(f"argpartition colrev {i} 7 0", np.argpartition(view(inputs[i], "colrev"), 7, axis=0))

# partition at several positions: the elements NumPy puts at each kth
for dt, shape, axis, kths in (("float32", (6, 40), "-1", [3, -1, 17, 3]), ("int16", (50, 3), "0", [0, 49, 25]),
                              ("float64", (300,), "none", [-150, 10, 299, 0]), ("uint8", (4, 5, 6), "1", [1, 3]),
                              ("float16", (2, 5000), "-1", [0, 100, 4000, 2500, 4999]), ("int64", (7, 9), "-1", [2, 6]),
                              ("complex64", (5, 8), "-1", [1, 6]), ("bool", (40,), "0", [5, 30]),
                              ("float32", (3, 30), "-1", list(range(0, 30, 2)) + [-1, -2, -3])):
    x = noisy(dt, int(np.prod(shape))).reshape(shape)
    i = add_input(x)
    ax = None if axis == "none" else int(axis)
    flat, fax = (x.ravel(), 0) if ax is None else (x, ax)
    p = np.partition(flat, kths, axis=fax)
    case(f"partition - {i} {','.join(map(str, kths))} {axis}", *[np.take(p, k, axis=fax) for k in kths])
    case(f"partition T {i} {kths[0]} none", np.take(np.partition(view(x, "T").ravel(), kths[0]), kths[0]))

# searchsorted across dtypes, complex, a 0-d needle, an empty array and needles
for adt, vdt in (("int32", "float64"), ("uint8", "int8"), ("float32", "int64"), ("int64", "float32"), ("bool", "int16"),
                 ("float16", "float64"), ("complex64", "complex64"), ("complex128", "float32"), ("uint64", "uint64")):
    a = np.sort(noisy(adt, 50), kind="stable")
    v = noisy(vdt, 12).reshape(3, 4)
    i = add_input(a)
    add_input(v)
    for side in ("left", "right"):
        case(f"searchsorted - {i} {side}", np.searchsorted(a, v, side=side))
i = add_input(np.sort(noisy("float64", 30)))
add_input(np.array(1.5))
case(f"searchsorted - {i} right", np.asarray(np.searchsorted(inputs[i], inputs[i + 1], side="right")))
i = add_input(np.zeros(0, np.float32))
add_input(noisy("float32", 6).reshape(2, 3))
case(f"searchsorted - {i} left", np.searchsorted(inputs[i], inputs[i + 1]))
a = noisy("float64", 20)
i = add_input(a)
add_input(noisy("float64", 5))
add_input(np.argsort(a, kind="stable"))
case(f"searchsorted_sorter - {i} left", np.searchsorted(a, inputs[i + 1], sorter=inputs[i + 2]))
for bad, msg in ((np.arange(20) + 1, "sorter index out of range"), (-np.arange(20) - 1, "sorter index out of range"),
                 (np.arange(20).astype(np.float64), "sorter must only contain integers"), (np.arange(19), "sorter.size")):
    j = add_input(a)
    add_input(inputs[i + 1])
    add_input(bad)
    try:
        np.searchsorted(a, inputs[i + 1], sorter=bad)
    except (ValueError, TypeError):
        cases.append(f"searchsorted_sorter - {j} left error {msg}")
    else:
        raise AssertionError(f"NumPy {np.__version__} takes sorter {bad}")

# isin and the set functions with NumPy's keyword arguments, mixed dtypes
for da, db in (("int32", "int32"), ("float64", "float64"), ("int8", "float32"), ("uint8", "int8"), ("int16", "complex64"),
               ("bool", "int64"), ("float16", "float64")):
    a, b = noisy(da, 60).reshape(6, 10), noisy(db, 25)
    i = add_input(a)
    add_input(b)
    case(f"isin_invert - {i}", np.isin(a, b, invert=True))
    case(f"isin_invert T {i}", np.isin(a.T, b, invert=True))
    case(f"in1d_invert - {i}", np.isin(a, b, invert=True).ravel())
    case(f"isin_unique - {i}", np.isin(a, b))  # AssumeUnique is a hint: b sorted, not made distinct, is searched alike
    case(f"intersect1d - {i}", np.intersect1d(a, b))
    case(f"intersect1d_indices - {i}", *np.intersect1d(a, b, return_indices=True))
    ua, ub = np.unique(a), np.unique(b)
    ua, ub = rng.permutation(ua), rng.permutation(ub)  # distinct, in no order
    j = add_input(ua)
    add_input(ub)
    case(f"setdiff1d_unique - {j}", np.setdiff1d(ua, ub, assume_unique=True))  # keeps ua's order
    case(f"intersect1d_unique - {j}", np.intersect1d(ua, ub, assume_unique=True))
    case(f"setxor1d_unique - {j}", np.setxor1d(ua, ub, assume_unique=True))
    case(f"union1d - {i}", np.union1d(a, b))
    case(f"setxor1d - {i}", np.setxor1d(a, b))
    case(f"setdiff1d - {i}", np.setdiff1d(a, b))

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
    i = add_input(x)
    v, idx, inv, cnt = np.unique(x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False)
    case(f"unique_distinct_nan - {i}", v, idx, inv.reshape(x.shape), cnt)

with open(os.path.join(OUT, "cases.txt"), "w") as f:
    f.write("# written by testdata/gen_sortsem.py\n")
    f.write("\n".join(cases) + "\n")
for name, arrays in (("inputs.npys", inputs), ("results.npys", results)):
    with open(os.path.join(OUT, name), "wb") as f:
        for a in arrays:
            np.save(f, np.array(a, order="C"))  # C order, 0-d kept
print(len(cases), "cases,", len(inputs), "inputs,", len(results), "results")
