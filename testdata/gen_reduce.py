#!/usr/bin/python3
"""Writes testdata/reduce/: NumPy's answers for array/reduce_test.go.

cases.txt lists one case a line:

    <numpy function> <input> <axis> <keepdims> <ddof> <tol> [error text]

input is the index of the case's input in inputs.npys (np.save'd arrays,
one after another, which ReadNpy reads in turn).

axis is "none" (axis=None), "empty" (axis=()), or comma-separated axes;
keepdims is 0 or 1; ddof applies to var and std; tol is the tolerance in
epsilons of the result dtype, relative to max(|want|, 1) (0: exact). A case
with an error text expects that error; the others have NumPy's result in
results.npys, in order.

Run from the repository root: /usr/bin/python3 testdata/gen_reduce.py

NumPy here is 1.24; the cases avoid what NumPy 2 changed (scalars in
promotion). Known differences of cugo from NumPy, covered by the
tolerances: float16 var/std and cumsum/cumprod of float16 compute in
float32 and round once (NumPy rounds every float16 step); float sums are
pairwise in another order, so they differ in the last bits.
"""
import os
import warnings

import numpy as np

warnings.simplefilter("ignore")
rng = np.random.default_rng(7)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reduce")
os.makedirs(OUT, exist_ok=True)

AXES = ["none", "0", "-1", "0,2"]
cases = []  # (func, input, axis, keepdims, ddof, tol)


def case(func, x, axis="none", keep=0, ddof=0, tol=0):
    cases.append((func, x, axis, keep, ddof, tol))


def floats(dt, shape, lo=0.25, hi=4):
    """Positive values: sums do not cancel, so a tolerance relative to the
    result bounds the difference of two summation orders."""
    return rng.uniform(lo, hi, shape).astype(dt)


def tol_for(dt, func):
    if not np.issubdtype(np.dtype(dt), np.inexact) and func not in ("mean", "var", "std", "nanmean"):
        return 0
    if func in ("max", "min", "nanmax", "nanmin", "argmax", "argmin", "all", "any", "count_nonzero"):
        return 0
    if dt == np.float16:
        return 16 if func in ("cumsum", "cumprod") else 8 if func in ("var", "std") else 2
    # prod and cumprod of up to 60 float32 factors: two orders of rounding
    # n errors each, with margin
    return 256 if func in ("prod", "cumprod") else 64 if func in ("var", "std") else 16


SHAPE = (3, 4, 5)
INPUTS = {
    "float32": floats(np.float32, SHAPE),
    "float64": floats(np.float64, SHAPE),
    "float16": floats(np.float16, SHAPE),
    "int8": rng.integers(-128, 128, SHAPE).astype(np.int8),
    "uint8": rng.integers(0, 256, SHAPE).astype(np.uint8),
    "int32": rng.integers(-1000, 1000, SHAPE).astype(np.int32),
    "uint64": rng.integers(0, 2**40, SHAPE).astype(np.uint64),
    "bool": rng.integers(0, 2, SHAPE).astype(bool),
    "complex64": (floats(np.float32, SHAPE) + 1j * floats(np.float32, SHAPE)).astype(np.complex64),
    "complex128": floats(np.float64, SHAPE) + 1j * floats(np.float64, SHAPE),
}
# Products of 60 values stay in range: factors near 1.
PROD_INPUTS = {k: (v if v.dtype.kind in "biu" else (1 + v / 20).astype(v.dtype)) for k, v in INPUTS.items()}
PROD_INPUTS["int8"] = rng.integers(-3, 4, SHAPE).astype(np.int8)  # wraps in int64 anyway: exact

FUNCS = ["sum", "prod", "mean", "var", "std", "max", "min", "all", "any", "count_nonzero", "nansum"]
for name, x in INPUTS.items():
    for func in FUNCS:
        if x.dtype.kind == "c" and func in ("max", "min"):
            continue  # covered below, with ties in the real parts
        for axis in AXES:
            src = PROD_INPUTS[name] if func == "prod" else x
            case(func, src, axis, tol=tol_for(x.dtype, func))
    for func in ("argmax", "argmin"):
        for axis in ("none", "0", "-1", "1"):
            case(func, x, axis)
    for func in ("cumsum", "cumprod"):
        for axis in ("none", "0", "-1", "1"):
            src = PROD_INPUTS[name] if func == "cumprod" else x
            case(func, src, axis, tol=tol_for(x.dtype, func))

# keepdims, ddof and the dtypes of means.
x = INPUTS["float32"]
for func in ("sum", "max", "mean", "var", "argmax", "count_nonzero", "nanmean"):
    case(func, x, "0" if func == "argmax" else "0,2", keep=1, tol=tol_for(np.float32, func))
    case(func, x, "none", keep=1, tol=tol_for(np.float32, func))
for func in ("var", "std"):
    case(func, INPUTS["float64"], "1", ddof=1, tol=64)
    case(func, INPUTS["int32"], "none", ddof=2, tol=64)
    case(func, INPUTS["float64"][:, :2, :], "1", ddof=3, tol=64)  # N - ddof < 0: inf
case("sum", x, "empty")
case("max", x, "empty")

# NaN: max/min propagate it, the nan* functions skip it, argmax takes the
# first NaN; all-NaN slices.
nan = floats(np.float64, SHAPE)
nan[0, 1, :] = np.nan  # an all-NaN row along -1
nan[1, :, 2] = np.nan  # an all-NaN column along 1
nan[2, 3, 1] = np.nan
nan[2, 0, 4] = np.nan
nan32 = nan.astype(np.float32)
for src in (nan, nan32):
    for func in ("max", "min", "nanmax", "nanmin", "nansum", "nanmean", "sum", "mean", "argmax", "argmin"):
        for axis in ("none", "0", "-1", "1"):
            case(func, src, axis, tol=tol_for(src.dtype, func))
    for func in ("cumsum", "all", "any", "count_nonzero"):
        case(func, src, "-1", tol=tol_for(src.dtype, func))
nanc = INPUTS["complex128"].copy()
nanc[1, 2, 3] = complex(np.nan, 1)
nanc[0, 0, 0] = complex(0, np.nan)
for func in ("sum", "nansum", "argmax", "argmin"):
    case(func, nanc, "-1", tol=tol_for(nanc.dtype, func))

# Ties: the first occurrence wins; complex values compare lexicographically.
ties = rng.integers(0, 3, SHAPE).astype(np.int16)
ties16 = rng.integers(0, 3, SHAPE).astype(np.float16)
cties = (rng.integers(0, 2, SHAPE) + 1j * rng.integers(0, 3, SHAPE)).astype(np.complex64)
for src in (ties, ties16, cties):
    for func in ("argmax", "argmin", "max", "min"):
        for axis in ("none", "0", "-1", "1"):
            case(func, src, axis)
case("argmax", np.zeros((6, 1000), np.float32), "-1")
case("argmin", np.ones(10000, np.float32), "none")

# Larger reductions: long rows, long columns, a full reduction.
big = floats(np.float32, (48, 1500))
for axis in ("none", "0", "-1"):
    for func in ("sum", "max", "argmax", "mean"):
        case(func, big, axis, tol=tol_for(np.float32, func))
case("sum", floats(np.float64, (1, 20001)), "none", tol=16)
# NumPy adds along a strided axis one row after another (no pairwise
# sum): its error grows with the length, hence the tolerance.
case("sum", floats(np.float32, (20001, 3)), "0", tol=512)
case("argmin", floats(np.float64, (20000,)), "none")
case("cumsum", floats(np.float64, (5, 3001)), "-1", tol=16)
case("cumsum", floats(np.float32, (3001, 5)), "0", tol=16)

# Empty reductions.
for shape in ((0, 3), (3, 0)):
    e = np.zeros(shape, np.float32)
    for func in ("sum", "prod", "mean", "all", "any", "count_nonzero", "cumsum", "nansum"):
        for axis in ("none", "0", "1"):
            case(func, e, axis)
    for func in ("max", "argmax", "nanmin"):
        for axis in ("none", "0", "1"):
            case(func, e, axis)
case("sum", np.zeros((0,), np.int8), "none")
case("prod", np.zeros((0,), np.uint16), "none")

# Errors.
case("sum", x, "0,0")
case("sum", x, "3")
case("cumsum", x, "-4")

FUNCS_NP = {"count_nonzero": np.count_nonzero}


def run(func, x, axis, keep, ddof):
    f = FUNCS_NP.get(func, getattr(np, func))
    ax = None if axis == "none" else () if axis == "empty" else tuple(int(a) for a in axis.split(","))
    if func in ("argmax", "argmin", "cumsum", "cumprod") and ax is not None:
        (ax,) = ax
    kw = {}
    if keep:
        kw["keepdims"] = True
    if func in ("var", "std"):
        kw["ddof"] = ddof
    if func in ("cumsum", "cumprod"):
        return f(x, axis=ax)
    return np.asarray(f(x, axis=ax, **kw))


inputs = {}  # id -> index in inputs.npys
with open(os.path.join(OUT, "cases.txt"), "w") as txt, open(os.path.join(OUT, "inputs.npys"), "wb") as fin, \
        open(os.path.join(OUT, "results.npys"), "wb") as fout:
    txt.write("# <numpy function> <input> <axis> <keepdims> <ddof> <tol> [error]\n")
    for func, x, axis, keep, ddof, tol in cases:
        if id(x) not in inputs:
            inputs[id(x)] = len(inputs)
            np.save(fin, x.copy(order="C"))
        try:
            out = run(func, x, axis, keep, ddof)
            err = ""
        except Exception as e:  # NumPy's message is the expected error
            out, err = None, " " + str(e)
        txt.write(f"{func} {inputs[id(x)]} {axis} {keep} {ddof} {tol}{err}\n")
        if out is not None:
            np.save(fout, out.copy(order="C"))
print(len(cases), "cases,", len(inputs), "inputs")
