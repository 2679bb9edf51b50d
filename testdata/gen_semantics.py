#!/usr/bin/python3
"""Writes testdata/semantics/cases.jsonl: NumPy 2's answers for
array/semantics_test.go, one case a line:
  {"f": ufunc, "args": [arg...], "dtype": name, "values": [...]} or
  {"f": ufunc, "args": [arg...], "error": true}
An arg is {"dtype": name, "values": [...]} (a 1-D array) or {"int": n} /
{"float": x} (a Go scalar, weak as a Python scalar). Floats are written as
numbers or "nan", "inf", "-inf".

Categories: float-only ufuncs' loop selection on mixed integer dtypes, the
newer ufuncs on every dtype, integer power with negative exponents,
sign/positive of bool, comparisons with Python integers beyond the dtype,
clip with such bounds, exact int64/uint64 comparisons.

Runs on NumPy 2.x; on NumPy 1.24 it turns on NEP 50 ("weak") promotion.
Where 1.24 cannot give NumPy 2's answer, the script states it (marked
NUMPY2 below, with the documented behaviour); re-run on NumPy 2 to confirm.
Run from the repository root: /usr/bin/python3 testdata/gen_semantics.py
"""
import json
import os
import warnings

import numpy as np

NUMPY2 = np.lib.NumpyVersion(np.__version__) >= "2.0.0"
if not NUMPY2:
    np._set_promotion_state("weak")
warnings.simplefilter("ignore")
rng = np.random.default_rng(20261204)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "semantics")
cases = []


def enc(v):
    if isinstance(v, (float, np.floating)):
        if np.isnan(v):
            return "nan"
        if np.isinf(v):
            return "inf" if v > 0 else "-inf"
        return float(v)
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    return int(v)


def arg(a):
    if isinstance(a, np.ndarray):
        return {"dtype": a.dtype.name, "values": [enc(v) for v in a.tolist()]}
    if isinstance(a, bool):
        return {"bool": a}
    if isinstance(a, int):
        return {"int": a}
    return {"float": enc(a)}


def add(f, args, want=None, error=False):
    c = {"f": f, "args": [arg(a) for a in args]}
    if error:
        c["error"] = True
    else:
        want = np.asarray(want)
        c["dtype"] = want.dtype.name
        c["values"] = [enc(v) for v in want.ravel().tolist()]
    cases.append(c)


def sinc(x):
    """np.sinc; NUMPY2: on 1.24, its where(x == 0, 1.0e-20, x) ignores NEP 50
    and makes float32 float64, so NumPy 2's steps are spelled out."""
    if NUMPY2:
        return np.sinc(x)
    fill = x.dtype.type(1.0e-20) if x.dtype.kind == "f" else 1.0e-20
    y = np.pi * np.where(x == 0, fill, x)
    return np.sin(y) / y


def run(f, *args):
    """NumPy's answer, or an error case."""
    try:
        with np.errstate(all="ignore"):
            r = getattr(np, f)(*args)
    except (TypeError, ValueError, OverflowError, IndexError):
        add(f, args, error=True)
        return
    add(f, args, r)


INTS = [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64]
FLOATS = [np.float16, np.float32, np.float64]


def small(dt, n=6, lo=0, hi=50):
    return rng.integers(lo, hi, n).astype(dt)


# Float-only ufuncs pick the first loop every operand casts to safely:
# int8 with uint8 is float16, uint16 with int8 float32.
FLOAT_BINARY = ["arctan2", "hypot", "copysign", "logaddexp", "logaddexp2", "nextafter", "heaviside"]
for f in FLOAT_BINARY:
    for a in INTS + [np.bool_]:
        for b in INTS + [np.bool_]:
            x = small(a, hi=2 if a == np.bool_ else 50)
            y = small(b, hi=2 if b == np.bool_ else 50)
            run(f, x, y)
    for dt in INTS + FLOATS:
        run(f, small(dt), 3)
        run(f, small(dt), 2.5)
FLOAT_UNARY = ["sqrt", "exp2", "sin", "cbrt", "spacing", "deg2rad", "rad2deg", "log1p", "arctan", "tanh"]
for f in FLOAT_UNARY:
    for dt in INTS + [np.bool_] + FLOATS:
        run(f, small(dt, hi=2 if dt == np.bool_ else 50))

# The newer ufuncs with integer and mixed loops, edge values included.
for dt in INTS:
    info = np.iinfo(dt)
    x = np.array([0, 1, 7, 12, info.max, info.min, 30, 9], dtype=dt)
    y = np.array([0, 0, 3, 18, 2, 3, 45, info.max], dtype=dt)
    for f in ["fmod", "gcd", "lcm", "remainder", "floor_divide"]:
        run(f, x, y)
    if info.min < 0:
        run("fmod", np.array([-7, 7, -7, info.min], dtype=dt), np.array([2, -2, -2, -1], dtype=dt))
        run("gcd", np.array([-12, info.min, -5], dtype=dt), np.array([18, 0, -15], dtype=dt))
for a, b in [(np.int8, np.uint8), (np.int16, np.uint32), (np.bool_, np.int8), (np.uint8, np.uint16)]:
    for f in ["gcd", "lcm", "fmod"]:
        run(f, small(a, hi=2 if a == np.bool_ else 40) + (0 if a == np.bool_ else 1), small(b, hi=40) + 1)
for dt in FLOATS:
    x = np.array([0.0, -0.0, 1.5, -2.5, np.inf, -np.inf, np.nan, 3.0], dtype=dt)
    y = np.array([0.5, 0.5, 0.0, 1.0, 2.0, 2.0, 0.5, np.nan], dtype=dt)
    for f in ["fmod", "heaviside", "nextafter", "logaddexp", "logaddexp2"]:
        run(f, x, y)
    for f in ["spacing", "deg2rad", "rad2deg"]:
        run(f, x)
    e = np.array([0, 1, -1, 10, -30, 2, 5, 100], dtype=np.int32)
    add("ldexp", [x, e.astype(np.int64)], np.ldexp(x, e))

# Two-output functions (each output a case: NAME0, NAME1), sinc, ldexp's
# loop chosen by the mantissa alone.
for dt in INTS + FLOATS + [np.bool_]:
    if dt == np.bool_:
        x = np.array([True, False, True])
    elif dt in FLOATS:
        x = np.array([-2.5, 0.0, -0.0, 7.25, np.inf, -np.inf, np.nan, 1e-3], dtype=dt)
    else:
        x = np.array([0, 1, 5, 100], dtype=dt)
    for f in ["modf", "frexp"]:
        try:
            outs = getattr(np, f)(x)
        except TypeError:
            add(f + "0", [x], error=True)
            continue
        for i, o in enumerate(outs):
            add(f + str(i), [x], o)
    if dt != np.bool_:
        y = np.array([3, 2, 3, 7, 1, 2, 3, 2][: len(x)], dtype=dt)
        with np.errstate(all="ignore"):
            q, r = np.divmod(x, y)
        add("divmod0", [x, y], q)
        add("divmod1", [x, y], r)
    if dt != np.float16:  # np.sinc of float16 zero is NaN (1e-20 underflows)
        with np.errstate(all="ignore"):
            add("sinc", [x], sinc(x))
    if dt != np.bool_ and dt != np.uint64:
        with np.errstate(all="ignore"):
            add("ldexp", [x, 3], np.ldexp(x, 3))
            add("ldexp", [x, np.arange(len(x)).astype(np.int16)], np.ldexp(x, np.arange(len(x)).astype(np.int16)))
run("ldexp", np.array([1.0, 2.0]), np.array([1.0, 2.0]))

# Take with index arrays of every integer dtype (unsigned ones included),
# negative and out-of-range indices.
src = rng.normal(size=7)
for dt in INTS:
    run("take", src, np.array([6, 0, 3, 3], dtype=dt))
    if np.iinfo(dt).min < 0:
        run("take", src, np.array([-1, -7, 2], dtype=dt))
    run("take", src, np.array([7], dtype=dt))

# Integer power: a negative integer exponent is an error, as NumPy's.
for dt in [np.int8, np.int16, np.int32, np.int64]:
    run("power", np.array([2, 3, 1], dtype=dt), np.array([2, -1, 1], dtype=dt))
    run("power", np.array([2, 3, 1], dtype=dt), -2)
    run("power", np.array([2, 3, -1], dtype=dt), np.array([2, 0, 3], dtype=dt))
for dt in [np.uint8, np.uint64]:
    run("power", np.array([2, 3, 1], dtype=dt), np.array([2, 0, 7], dtype=dt))

# Sign and positive of bool are errors in NumPy 2.
b = np.array([True, False])
for f in ["sign", "positive"]:
    if NUMPY2:
        run(f, b)
    else:  # NUMPY2: bool sign/positive raise TypeError ("did not contain a loop"), 1.24 answers
        add(f, [b], error=True)
run("negative", b)
run("absolute", b)

# Comparisons with Python integers beyond the array's dtype: NumPy 2
# answers exactly (uint8 < 300 is all True, int8 == 1000 all False).
CMP = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]
for dt in INTS:
    info = np.iinfo(dt)
    x = np.array([info.min, 0, 1, info.max], dtype=dt)
    for s in [int(info.max) + 1, int(info.min) - 1, 2**70, -(2**70), 300, -1]:
        if info.min <= s <= info.max:
            continue
        for f in CMP:
            # NUMPY2: exact answers (NEP 50, "comparisons with out-of-bound
            # Python integers return the mathematically correct result");
            # computed here with Python integers.
            op = {"equal": lambda p, q: p == q, "not_equal": lambda p, q: p != q, "less": lambda p, q: p < q,
                  "less_equal": lambda p, q: p <= q, "greater": lambda p, q: p > q,
                  "greater_equal": lambda p, q: p >= q}[f]
            add(f, [x, s], np.array([op(int(v), s) for v in x]))
            add(f, [s, x], np.array([op(s, int(v)) for v in x]))

# Clip with integer bounds beyond the dtype: NUMPY2 (>= 2.1) clips the bound
# to the dtype's range first; encoded here as that.
for dt in INTS:
    info = np.iinfo(dt)
    x = np.array([info.min, 0, 5, info.max], dtype=dt)
    for lo, hi in [(-(2**70), 3), (1, 2**70), (int(info.min) - 5, int(info.max) + 5), (-1, 300)]:
        want = np.clip(x, dt(max(lo, int(info.min))), dt(min(hi, int(info.max))))
        add("clip", [x, lo, hi], want)

# int64 against uint64 compares exactly (not through float64).
i = np.array([-1, 2**62, 2**63 - 1, 0, -(2**63), 2**53 + 1], dtype=np.int64)
u = np.array([2**63, 2**62 + 1, 2**63 - 1, 0, 1, 2**53], dtype=np.uint64)
for f in CMP:
    op = {"equal": int.__eq__, "not_equal": int.__ne__, "less": int.__lt__, "less_equal": int.__le__,
          "greater": int.__gt__, "greater_equal": int.__ge__}[f]
    # NUMPY2: exact int64/uint64 comparison loops; computed with Python integers.
    add(f, [i, u], np.array([op(int(p), int(q)) for p, q in zip(i, u)]))
    add(f, [u, i], np.array([op(int(q), int(p)) for p, q in zip(i, u)]))
    for dt in [np.int8, np.int32]:
        s = np.array([-1, 5, 100], dtype=dt)
        w = np.array([2**64 - 1, 5, 7], dtype=np.uint64)
        add(f, [s, w], np.array([op(int(p), int(q)) for p, q in zip(s, w)]))

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "cases.jsonl"), "w") as fh:
    for c in cases:
        fh.write(json.dumps(c) + "\n")
print(len(cases), "cases")
