#!/usr/bin/python3
"""Writes testdata/pad/: NumPy's np.pad for array/pad_test.go, every mode
over dtypes, 1- to 3-d arrays and views, per-axis widths (wider than the
axis too), constant and end values, stat lengths and odd reflection.

cases.txt lists one case a line (npys.py writes them):

    <mode>/<widths>/<values>/<stat lengths>/<odd>/<view> 1 1 <tolerance>

widths, values and stat lengths are pairs "before,after" joined by ";"
(one pair for every axis, or one per axis; "-": not given); odd is 1 for
reflect_type="odd"; view is none, T (transposed) or rev (last axis
reversed); the tolerance is in epsilons of the result dtype (0: exact).

Run from the repository root: /usr/bin/python3 testdata/gen_pad.py
It runs under NumPy 1.24 and 2.x. Under NumPy 2 every result is np.pad's.
Under NumPy before 1.25, wrap is computed here by NumPy 2's definition,
the periodic extension (NumPy 1.24 repeats wrongly where a width exceeds
the axis and the sides differ).
"""
import os
import warnings

import numpy as np

import npys

warnings.simplefilter("ignore")
if hasattr(np, "_set_promotion_state"):
    np._set_promotion_state("weak")
rng = np.random.default_rng(2026)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pad")
os.makedirs(OUT, exist_ok=True)
VERSION = np.lib.NumpyVersion(np.__version__)

cases = []


def pairs(p):
    return "-" if p is None else ";".join(f"{a},{b}" for a, b in p)


def reference(x, widths, mode, **kw):
    """np.pad as NumPy 2 answers it."""
    nd = x.ndim
    w = widths if len(widths) == nd else widths * nd
    if mode == "wrap" and VERSION < "1.25.0":
        for ax, (lo, hi) in enumerate(w):
            n = x.shape[ax]
            x = np.take(x, (np.arange(n + lo + hi) - lo) % n, axis=ax)
        return x
    return np.pad(x, w, mode, **kw)


def case(x, view, widths, mode, values=None, stat=None, odd=False, tol=0):
    v = npys.view(x, view)
    kw = {}
    if values is not None:
        kw["constant_values" if mode == "constant" else "end_values"] = values if len(values) == v.ndim else values * v.ndim
    if stat is not None:
        kw["stat_length"] = stat if len(stat) == v.ndim else stat * v.ndim
    if odd:
        kw["reflect_type"] = "odd"
    r = reference(v, widths, mode, **kw)
    name = f"{mode}/{pairs(widths)}/{pairs(values)}/{pairs(stat)}/{int(odd)}/{view}"
    cases.append((f"{name} 1 1 {tol}", [x], [r]))


DTYPES = ("int8", "uint8", "int32", "int64", "float16", "float32", "float64", "complex64", "complex128")
for dt in DTYPES + ("bool",):
    x1 = npys.random_data(rng, dt, (6,))
    x2 = npys.random_data(rng, dt, (3, 4))
    x3 = npys.random_data(rng, dt, (2, 3, 2))
    for mode in ("constant", "edge", "reflect", "symmetric", "wrap"):
        case(x1, "none", [(2, 3)], mode)
        case(x1, "rev", [(13, 4)], mode)            # wider than the axis
        case(x2, "none", [(1, 2), (3, 0)], mode)
        case(x2, "T", [(5, 9), (2, 1)], mode)
        case(x3, "none", [(1, 1), (0, 2), (4, 3)], mode)
    case(x1, "none", [(0, 0)], "reflect")
    case(x2[:1], "none", [(2, 3), (1, 1)], "reflect")  # an axis of one element
    if dt != "bool":
        values = [(3, 1)] if dt in ("uint8",) else [(-3, 7)]
        case(x2, "none", [(2, 1), (1, 2)], "constant", values)
        case(x2, "T", [(2, 1), (1, 2)], "constant", [(2, 5), (1, 0)])
        for mode in ("reflect", "symmetric"):
            case(x1, "none", [(9, 14)], mode, odd=True)
            case(x2, "T", [(3, 2), (4, 5)], mode, odd=True)
        ramp_tol = 0 if dt in ("int8", "uint8", "int32", "int64") else 2
        case(x1, "none", [(3, 4)], "linear_ramp", tol=ramp_tol)
        case(x2, "rev", [(2, 1), (3, 2)], "linear_ramp", [(5, 2), (0, 9)], tol=ramp_tol)
        for mode in ("maximum", "minimum", "mean", "median"):
            if mode in ("maximum", "minimum") and dt.startswith("complex"):
                continue  # NumPy orders complex numbers; the stat modes are kept real here
            tol = 0 if mode in ("maximum", "minimum") else 8
            case(x1, "none", [(2, 3)], mode, tol=tol)
            case(x2, "T", [(1, 2), (3, 1)], mode, stat=[(2, 3)], tol=tol)
            case(x3, "none", [(2, 0), (1, 1), (1, 2)], mode, stat=[(1, 9), (2, 1), (1, 1)], tol=tol)

# an empty array: constant and empty extend an empty axis, edge pads the others
empty = np.zeros((0, 3), np.float32)
case(empty, "none", [(1, 2), (0, 1)], "constant", [(4, 5)])
case(empty, "none", [(0, 0), (2, 1)], "edge")

npys.write_cases(OUT, cases, "# written by testdata/gen_pad.py")
print(len(cases), "cases")
