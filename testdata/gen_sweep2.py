#!/usr/bin/python3
"""Writes testdata/sweep2/: NumPy's answers for array/sweep2_test.go, a
differential sweep of the array package's core: basic indexing and
assignment, arrays as indices, reductions with axes/keepdims/dtype/ddof,
empty and 0-d arrays, promotion with Python (Go) scalars, integer division
by zero, casts, NaN comparisons, complex numbers, shape operations,
joining, where/nonzero/argwhere, clip and rounding.

cases.txt has one case a line:

    <op> <inputs> <outputs> [key=value...]

and cases.npys the case's arrays, np.save'd one after another: its
inputs, then its outputs. outputs is E when NumPy raises an error. The
keys are the op's arguments (see the Go test); lists are comma-separated,
"none" is None, "-" is ().

Runs on NumPy 2.x. On NumPy 1.24 it turns on NEP 50 promotion, under which
1.24 gives NumPy 2's answers for every case here but those marked NUMPY2,
whose NumPy 2 answer is written by hand with the rule that gives it; re-run
on NumPy 2 to confirm.
Run from the repository root: /usr/bin/python3 testdata/gen_sweep2.py
"""
import os
import warnings

import numpy as np
from npys import view

NUMPY2 = np.lib.NumpyVersion(np.__version__) >= "2.0.0"
if not NUMPY2:
    np._set_promotion_state("weak")
warnings.simplefilter("ignore")
rng = np.random.default_rng(20261205)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sweep2")
cases = []  # (line, inputs, outputs or None for an error)


def add(op, inputs, fn, **params):
    """Records op on inputs: NumPy's outputs of fn(*inputs), or an error."""
    try:
        out = fn(*inputs)
        if not isinstance(out, (list, tuple)):
            out = [out]
        out = [np.asarray(o) for o in out]
    except Exception:
        out = None
    emit(op, inputs, out, params)


def emit(op, inputs, out, params):
    words = [op, str(len(inputs)), "E" if out is None else str(len(out))]
    for k, v in params.items():
        words.append(f"{k}={v}")
    cases.append((" ".join(words), inputs, out))


def ints(shape, dt=np.int64, lo=-20, hi=20):
    return rng.integers(lo, hi, shape).astype(dt)


def floats(shape, dt=np.float64):
    return rng.standard_normal(shape).astype(dt)


def index_tuple(spec):
    """The Python index a spec names: items separated by ';', each an
    integer, start:stop:step, ... or None."""
    items = []
    for s in spec.split(";"):
        if s == "...":
            items.append(Ellipsis)
        elif s == "None":
            items.append(None)
        elif ":" in s:
            items.append(slice(*[int(p) if p else None for p in s.split(":")]))
        else:
            items.append(int(s))
    return tuple(items)


# --- basic indexing: negative steps, ellipsis, newaxis, errors
x3 = ints((3, 4, 5))
for spec in ["::-1", "::-2;1", "...;::-3", "1;...;None", "None;...;None", "-1;-1;-1",
             "2:0:-1;::2;4:1:-2", "...", "0;...;0", "5:;:", "-10:10", ":;:;::-1;None",
             "1:1", "::-1;::-1;::-1", "-4", "3", "0;0;5", "0;0;-6", "...;...", "0;0;0;0",
             "::0", "None;None;0;1"]:
    add("index", [x3], lambda a, s=spec: a[index_tuple(s)], spec=spec)
x0 = np.array(7.5)
for spec in ["...", "None", "None;...", "0"]:
    add("index", [x0], lambda a, s=spec: a[index_tuple(s)], spec=spec)

# --- assignment through basic indices, with broadcasting and casting
for spec, v in [("::-1;1", ints((5,))), ("...;::2", ints((1, 3))), (":;0", np.array(9)),
                ("1:;::-1", ints((2, 4))), ("0", ints((3,))), ("...;None;1", ints((4, 1))),
                ("::2", ints((2, 5)))]:
    x = ints((3, 5))
    def setitem(a, b, s=spec):
        a = a.copy()
        a[index_tuple(s)] = b
        return a
    add("setindex", [x, v], setitem, spec=spec)
# float values into an int array truncate; int into bool is nonzero
add("setindex", [ints((4,), np.int16), np.array([1.7, -2.7, 3.5, -0.5])],
    lambda a, b: (lambda c: (c.__setitem__(slice(None), b), c)[1])(a.copy()), spec=":")
add("setindex", [np.zeros(4, bool), np.array([0, 2, -1, 0])],
    lambda a, b: (lambda c: (c.__setitem__(slice(None), b), c)[1])(a.copy()), spec=":")

# --- arrays as indices (take, boolean masks)
x = ints((4, 5))
for idx, axis in [([0, -1, 2], "0"), ([[1, 0], [4, -5]], "1"), ([], "0"), ([4], "0"),
                  ([-5], "0"), ([3, 1], "none"), ([19, -20], "none"), ([20], "none"), ([1], "2")]:
    i = np.array(idx, dtype=np.int64)
    ax = None if axis == "none" else int(axis)
    add("take", [x, i], lambda a, b, ax=ax: np.take(a, b, axis=ax), axis=axis)
m = x > 0
add("mask", [x, m], lambda a, b: a[b])
add("mask", [x, m[0]], lambda a, b: a[b])
add("mask", [x, np.ones(3, bool)], lambda a, b: a[b])
add("mask", [x0, np.array(True)], lambda a, b: a[b])
add("mask", [x0, np.array(False)], lambda a, b: a[b])
add("mask", [np.zeros((0, 3)), np.zeros((0, 3), bool)], lambda a, b: a[b])
for v in [np.array(-1), ints((int(m.sum()),))]:
    def setmask(a, b, c):
        a = a.copy()
        a[b] = c
        return a
    add("setmask", [x, m, v], setmask)
add("setmask", [x, m, ints((2,))], setmask)

# --- where, nonzero, argwhere
c = ints((3, 4)) > 0
add("where", [c, floats((3, 4)), ints((4,), np.int8)], np.where)
add("where", [c, ints((3, 1), np.uint8), ints((4,), np.int8)], np.where)
add("where", [c, ints((2,)), ints((4,))], np.where)
def where_weak(b, x, y):
    """NUMPY2: np.where marks Python scalars weak (NEP 50), as ufuncs do:
    np.where(c, 3, int8 array) is int8. NumPy 1.24 made them arrays first;
    here the result is cast to the dtype a weak ufunc gives."""
    r = np.where(b, x, y)
    if NUMPY2 or not isinstance(y, np.ndarray):
        return r
    return r.astype((y[:0] + x).dtype)


add("wherescalars", [c], lambda b: np.where(b, 1, 2.5), x=1, y=2.5)
add("wherescalars", [np.array(True)], lambda b: np.where(b, 1, 2.5), x=1, y=2.5)
add("wherescalars", [c, ints((4,), np.int8)], lambda b, y: where_weak(b, 3, y), x=3, y="in")
add("wherescalars", [c, ints((4,), np.float32)], lambda b, y: where_weak(b, 0.1, y), x=0.1, y="in")
# NUMPY2: since NumPy 2.5, np.where raises OverflowError for a Python int
# out of the result dtype's range (2.5.0 release notes; 2.0-2.4 truncated).
emit("wherescalars", [c, ints((4,), np.int8)], None, {"x": 300, "y": "in"})
emit("wherescalars", [c, ints((4,), np.uint8, 0, 9)], None, {"x": -1, "y": "in"})
add("nonzero", [ints((3, 4), lo=-1, hi=2)], np.nonzero)
add("nonzero", [np.zeros((2, 0))], np.nonzero)
# NUMPY2: nonzero of a 0-d array raises ValueError ("Calling nonzero on 0d
# arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.");
# NumPy 1.24 only warned.
emit("nonzero", [np.array(3)], None, {})
add("argwhere", [ints((2, 3, 2), lo=-1, hi=2)], np.argwhere)
add("argwhere", [np.array(3)], np.argwhere)
add("argwhere", [np.array(0)], np.argwhere)
add("argwhere", [np.zeros(0)], np.argwhere)

# --- reductions
REDUCE = {
    "sum": np.sum, "prod": np.prod, "mean": np.mean, "std": np.std, "var": np.var,
    "min": np.min, "max": np.max, "argmin": np.argmin, "argmax": np.argmax,
    "any": np.any, "all": np.all, "cumsum": np.cumsum, "cumprod": np.cumprod,
    "count_nonzero": np.count_nonzero,
}


def reduce(op, x, axis="none", keep=0, dtype="none", ddof=0):
    kw = {}
    if axis != "none":
        kw["axis"] = () if axis == "-" else tuple(int(a) for a in axis.split(","))
        if len(kw["axis"]) == 1:  # an int, as Go's Axis(k) is
            kw["axis"] = kw["axis"][0]
    if keep:
        kw["keepdims"] = True
    if dtype != "none":
        kw["dtype"] = np.dtype(dtype)
    if ddof:
        kw["ddof"] = ddof
    add("reduce", [x], lambda a: REDUCE[op](a, **kw), f=op, axis=axis, keep=keep, dtype=dtype, ddof=ddof)


xi8 = ints((3, 4, 2), np.int8, -128, 127)
xu8 = ints((3, 4, 2), np.uint8, 0, 255)
xb = ints((3, 4, 2), bool, 0, 2)
xf = floats((3, 4, 2))
xf32 = floats((3, 4, 2), np.float32)
xc = floats((3, 4)) + 1j * floats((3, 4))
for op in ["sum", "prod", "cumsum", "cumprod", "max", "mean"]:
    for x in [xi8, xu8, xb]:
        reduce(op, x)
        reduce(op, x, axis="1")
for op in ["sum", "mean", "std", "var", "min", "max", "any", "all", "prod", "count_nonzero"]:
    reduce(op, xf, axis="0,2")
    reduce(op, xf, axis="-1,0", keep=1)
    reduce(op, xf, axis="-")
    reduce(op, xf32, axis="2,1")
for op in ["argmin", "argmax"]:
    reduce(op, xf)
    reduce(op, xf, axis="1")
    reduce(op, xf, axis="-1", keep=1)
    reduce(op, xb, axis="0")
    reduce(op, np.array([1.0, np.nan, 3.0, np.nan]))
reduce("sum", xi8, dtype="int8")
reduce("sum", xi8, axis="0", dtype="float32")
reduce("sum", xf, dtype="int32")  # same_kind refuses? no: sum casts unsafe per element
reduce("mean", xi8, dtype="float32")
reduce("mean", xf32)
reduce("prod", xu8, axis="2", dtype="uint8")
reduce("cumsum", xb, axis="1", dtype="int8")
reduce("cumsum", xi8)
reduce("var", xf, axis="1", ddof=1)
reduce("std", xf, axis="1", ddof=4)  # N - ddof = 0: inf/nan
reduce("std", xf, axis="1", ddof=5)  # N - ddof < 0
reduce("var", xc, axis="0")
reduce("mean", xc, axis="1")
reduce("max", np.array([1.0, np.nan, 3.0]))
reduce("min", np.array([[np.nan, 1.0], [2.0, 3.0]]), axis="1")
reduce("sum", xf, axis="3")
reduce("sum", xf, axis="0,0")
reduce("argmax", xf, axis="3")
e = np.zeros((0, 3))
for op in ["sum", "prod", "mean", "max", "min", "argmax", "argmin", "any", "all", "cumsum", "std"]:
    reduce(op, e)
    reduce(op, e, axis="0")
    reduce(op, e, axis="1")
for op in ["sum", "max", "argmax", "mean", "cumsum", "var", "all"]:
    reduce(op, np.array(2.5))
    reduce(op, np.array(2.5), axis="0")
reduce("sum", np.array(-3, np.int16), axis="-", keep=1)
reduce("sum", np.array([True, True, False]))
reduce("sum", np.array([100, 100], np.int8))
reduce("sum", np.array([200, 200], np.uint8), dtype="uint8")

# --- ufuncs with Go scalars (Python scalars are weak: NEP 50)
UFUNC = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply,
         "true_divide": np.true_divide, "floor_divide": np.floor_divide,
         "remainder": np.remainder, "power": np.power, "maximum": np.maximum,
         "equal": np.equal, "less": np.less, "greater_equal": np.greater_equal}


def scalar_case(f, x, s, side="r"):
    kind = "int" if isinstance(s, int) and not isinstance(s, bool) else "bool" if isinstance(s, bool) else "float"
    g = (lambda a: UFUNC[f](a, s)) if side == "r" else (lambda a: UFUNC[f](s, a))
    add("scalar", [x], g, f=f, s=f"{kind}:{s!r}", side=side)


for dt in [np.int8, np.uint8, np.int16, np.uint32, np.int64, np.uint64, np.float16, np.float32, bool]:
    x = ints((5,), dt, 0, 3) if dt is bool else ints((5,), dt, 1, 100)
    for f in ["add", "subtract", "multiply", "true_divide", "floor_divide", "remainder", "maximum", "less"]:
        scalar_case(f, x, 3)
        scalar_case(f, x, 2.5)
    scalar_case("add", x, 3, "l")
    scalar_case("subtract", x, 200, "l")
    scalar_case("power", x, 2)
    scalar_case("add", x, True)
x8 = np.array([1, -2, 100], np.int8)
u8 = np.array([1, 2, 200], np.uint8)
# NUMPY2 (NEP 50): a Python int that the array's integer dtype cannot hold
# raises OverflowError ("Python integer 300 out of bounds for int8") in
# arithmetic; 1.24 only warns (DeprecationWarning) and wraps, so there the
# error is written by hand.
for f, x, s in [("add", x8, 300), ("add", x8, -129), ("add", u8, -1), ("subtract", u8, -1),
                ("multiply", u8, 256), ("add", x8, 127), ("add", u8, 255), ("add", x8, -128)]:
    info = np.iinfo(x.dtype)
    try:
        if not info.min <= s <= info.max:
            raise OverflowError(f"Python integer {s} out of bounds for {x.dtype}")
        r = UFUNC[f](x, s)
    except OverflowError:
        r = None
    emit("scalar", [x], None if r is None else [r], {"f": f, "s": f"int:{s}", "side": "r"})
# NUMPY2: comparisons with out-of-range Python ints are exact, not errors
# (NumPy 2.0 release notes: "comparisons ... now correct for out of
# bounds Python integers").
emit("scalar", [x8], [np.array([True, True, True])], {"f": "less", "s": "int:300", "side": "r"})
emit("scalar", [u8], [np.array([False, False, False])], {"f": "equal", "s": "int:-1", "side": "r"})
emit("scalar", [u8], [np.array([True, True, True])], {"f": "greater_equal", "s": "int:-1", "side": "r"})
# int8 overflow in arithmetic wraps
add("binary", [x8, np.array([100, -127, 100], np.int8)], np.add, f="add")
add("binary", [x8, u8], np.add, f="add")
add("binary", [np.array([1, 2], np.int64), np.array([1, 2], np.uint64)], np.add, f="add")
add("binary", [np.array([1, 2], np.float16), np.array([1, 2], np.int16)], np.add, f="add")
add("binary", [np.array([1, 2], np.float32), np.array([1, 2], np.int32)], np.add, f="add")
add("binary", [np.array([1, 2], np.float32), np.array([1, 2], np.complex64)], np.add, f="add")
add("binary", [np.array([1, 2], np.float64), np.array([1, 2], np.complex64)], np.add, f="add")
add("binary", [np.array([True, False]), np.array([True, True])], np.add, f="add")
add("binary", [np.array([True, False]), np.array([True, True])], np.subtract, f="subtract")

# --- integer division and remainder by zero, signs, floats
n = np.array([7, -7, 0, 7, -7, -128], np.int8)
dd = np.array([0, 0, 0, -2, 2, -1], np.int8)
for f in ["floor_divide", "remainder", "true_divide"]:
    add("binary", [n, dd], UFUNC[f], f=f)
nu = np.array([7, 0, 255], np.uint16)
du = np.array([0, 0, 2], np.uint16)
for f in ["floor_divide", "remainder"]:
    add("binary", [nu, du], UFUNC[f], f=f)
ff = np.array([7.5, -7.5, 0.0, np.inf, -0.0, 5.0])
fd = np.array([2.0, 2.0, 0.0, 3.0, 1.0, -np.inf])
for f in ["floor_divide", "remainder", "true_divide"]:
    add("binary", [ff, fd], UFUNC[f], f=f)
add("binary", [np.array([2, -2, 0], np.int64), np.array([-1, 3, 0], np.int64)], np.power, f="power")
add("binary", [np.array([2.0, -8.0, 0.0, np.nan]), np.array([0.5, 1 / 3, -1.0, 0.0])], np.power, f="power")

# --- casts
for src, dt in [(np.array([1.7, -1.7, 0.5, -0.5, 126.9]), "int8"),
                (np.array([300, -1, 255, 128], np.int64), "uint8"),
                (np.array([300, -129, 127], np.int64), "int8"),
                (np.array([0.0, -0.0, 0.1, np.nan]), "bool"),
                (np.array([2 ** 53 + 1, -3], np.int64), "float64"),
                (np.array([16777217, 3], np.int64), "float32"),
                (np.array([1e40, -1e40, 70000.0]), "float32"),
                (np.array([70000.0, 65519.0, 1e-8]), "float16"),
                (np.array([1 + 2j, -3j]), "float64"),
                (np.array([True, False]), "float32"),
                (np.array([3.99, -3.99], np.float32), "int64"),
                (np.array([2 ** 63 - 1], np.uint64), "int64"),
                (np.array([-1], np.int64), "uint64")]:
    add("astype", [src], lambda a, d=dt: a.astype(d), dtype=dt)

# --- NaN comparisons and NaN propagation
na = np.array([np.nan, 1.0, np.nan, -np.inf])
nb = np.array([np.nan, np.nan, 1.0, -np.inf])
for f in ["equal", "less", "greater_equal", "maximum"]:
    add("binary", [na, nb], UFUNC[f], f=f)
add("binary", [na, nb], np.not_equal, f="not_equal")
add("binary", [na, nb], np.fmax, f="fmax")
add("binary", [na, nb], np.minimum, f="minimum")

# --- complex numbers
z = np.array([1 + 2j, -3 + 0j, 0j, complex(0, -4), complex(np.inf, 1), complex(3, np.nan)])
w = np.array([2 - 1j, 1 + 1j, 1 + 0j, 0j, 2j, 1])
for f in ["multiply", "true_divide", "equal", "less", "maximum"]:
    add("binary", [z[:4], w[:4]], UFUNC[f], f=f)
def sign(v):
    """NUMPY2: np.sign of complex is z/|z| (0 for 0) since NumPy 2.0; 1.24
    gave the sign of the real part."""
    if v.dtype.kind != "c" or NUMPY2:
        return np.sign(v)
    with np.errstate(all="ignore"):
        return np.where(v == 0, 0, v / np.abs(v)).astype(v.dtype)


for f in ["abs", "sqrt", "sign", "exp", "log", "square", "reciprocal", "negative", "isnan", "isinf", "isfinite", "conj"]:
    # (sign of a complex infinity is left out: NumPy 2 special-cases it)
    add("unary", [np.delete(z, 4) if f == "sign" else z], sign if f == "sign" else getattr(np, f), f=f)
add("unary", [z[:4].astype(np.complex64)], sign, f="sign")
add("unary", [np.array([-4.0, 4.0]).astype(complex)], np.sqrt, f="sqrt")
add("reduce", [z[:4]], np.max, f="max", axis="none", keep=0, dtype="none", ddof=0)
add("reduce", [z[:4]], np.argmin, f="argmin", axis="none", keep=0, dtype="none", ddof=0)
add("reduce", [z[:4]], np.prod, f="prod", axis="none", keep=0, dtype="none", ddof=0)
add("scalar", [z[:4]], lambda a: a * 2.5, f="multiply", s="float:2.5", side="r")
add("scalar", [z[:4].astype(np.complex64)], lambda a: a + 1.5, f="add", s="float:1.5", side="r")

# --- rounding, clip, sign
r = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4503599627370497.0, np.nan, -0.0])
add("unary", [r], np.round, f="round")
add("unary", [r], np.rint, f="rint")
add("unary", [r.astype(np.float32)], np.round, f="round")
add("unary", [r.astype(np.float16)], np.round, f="round")
add("unary", [ints((4,), np.int16)], np.round, f="round")
add("unary", [np.array([-2.5, -0.0, 0.0, np.nan, 3.0])], np.sign, f="sign")
add("unary", [np.array([-3, 0, 5], np.int8)], np.sign, f="sign")
add("unary", [np.array([-128, 5], np.int8)], np.abs, f="abs")
add("unary", [np.array([True, False])], np.negative, f="negative")  # TypeError in NumPy
add("unary", [np.array([-1.0, 4.0, -0.0])], np.sqrt, f="sqrt")
cl = np.array([np.nan, -3.0, 0.5, 7.0, np.inf])
add("clip", [cl, np.array(0.0), np.array(1.0)], np.clip)
# NUMPY2: a NaN bound gives NaN everywhere (np.clip is minimum(maximum(a,
# lo), hi), NaN propagating); 1.24 took a scalar NaN to mean no bound (a
# deprecation that NumPy 1.25 expired).
add("clip", [cl, np.array(np.nan), np.array(1.0)], lambda a, lo, hi: np.minimum(np.maximum(a, lo), hi))
add("clip", [cl, np.array(2.0), np.array(1.0)], np.clip)  # lo > hi: hi
add("clip", [ints((5,), np.int8), np.array([-1, 0, 1, 2, 3], np.int8), np.array(4, np.int8)], np.clip)
for x, lo, hi in [(ints((5,), np.int8), -3, 2.5), (ints((5,), np.uint8, 0, 200), 10, 100),
                  (floats((5,), np.float32), -0.5, 1), (cl, 0, 1)]:
    add("clipscalars", [x], lambda a, lo=lo, hi=hi: np.clip(a, lo, hi), lo=lo, hi=hi)

# --- shape operations
y = ints((2, 3, 4))
for shape in ["4,-1", "-1", "2,-1,2", "-1,-1", "5,-1", "24", "0,-1", "1,1,24,1"]:
    add("reshape", [y], lambda a, s=shape: a.reshape([int(v) for v in s.split(",")]), shape=shape)
add("reshape", [np.zeros((0, 4))], lambda a: a.reshape(-1, 0), shape="-1,0")
add("reshape", [np.array(5)], lambda a: a.reshape(1, 1), shape="1,1")
for axes in ["none", "2,0,1", "-1,0,1", "0,0,1", "0,1", "0,1,3"]:
    add("transpose", [y], lambda a, s=axes: a.transpose() if s == "none" else a.transpose([int(v) for v in s.split(",")]), axes=axes)
z1 = ints((1, 3, 1, 1))
for axes in ["none", "0", "-1,2", "1", "0,0", "4"]:
    add("squeeze", [z1], lambda a, s=axes: np.squeeze(a) if s == "none" else np.squeeze(a, tuple(int(v) for v in s.split(","))), axes=axes)
for axes in ["0", "-1", "0,3", "-1,-2", "1,1", "5", "-4"]:
    add("expand_dims", [y[0]], lambda a, s=axes: np.expand_dims(a, tuple(int(v) for v in s.split(","))), axes=axes)
for i, j in [(0, 2), (-1, 0), (1, 1), (0, 3)]:
    add("swapaxes", [y], lambda a, i=i, j=j: np.swapaxes(a, i, j), i=i, j=j)
for src, dst in [("0", "-1"), ("0,1", "-1,-2"), ("2", "0"), ("0,0", "1,2"), ("3", "0")]:
    add("moveaxis", [y], lambda a, s=src, d=dst: np.moveaxis(a, [int(v) for v in s.split(",")], [int(v) for v in d.split(",")]), src=src, dst=dst)
for shape in ["2,3", "4,2,3", "3", "2,1", "0,3", "3,0"]:
    add("broadcast_to", [ints((1, 3))], lambda a, s=shape: np.broadcast_to(a, [int(v) for v in s.split(",")]), shape=shape)

# --- joining
a8, b8 = ints((2, 3), np.int8), ints((1, 3), np.uint8)
add("concatenate", [a8, b8], lambda p, q: np.concatenate([p, q], 0), axis="0")
add("concatenate", [a8, b8], lambda p, q: np.concatenate([p, q], 1), axis="1")
add("concatenate", [a8, b8], lambda p, q: np.concatenate([p, q], -1), axis="-1")
add("concatenate", [a8, ints((2,), np.int8)], lambda p, q: np.concatenate([p, q], 0), axis="0")
add("concatenate", [a8, ints((2, 2), np.int8)], lambda p, q: np.concatenate([p, q], 2), axis="2")
add("concatenate", [np.array([True, False]), np.array([1.5])], lambda p, q: np.concatenate([p, q]), axis="0")
add("concatenate", [np.zeros((0, 3), np.float32), ints((2, 3), np.int16)], lambda p, q: np.concatenate([p, q]), axis="0")
add("concatenate", [np.array(1), np.array(2)], lambda p, q: np.concatenate([p, q]), axis="0")
add("concatenate", [a8, b8], lambda p, q: np.concatenate([p, q], axis=None), axis="none")
add("stack", [a8, ints((2, 3), np.float16)], lambda p, q: np.stack([p, q], 2), axis="2")
add("stack", [a8, ints((2, 3))], lambda p, q: np.stack([p, q], -3), axis="-3")
add("stack", [a8, ints((2, 3))], lambda p, q: np.stack([p, q], 3), axis="3")
add("stack", [a8, b8], lambda p, q: np.stack([p, q]), axis="0")
add("stack", [np.array(1.5), np.array(2, np.int32)], lambda p, q: np.stack([p, q]), axis="0")

# --- more promotion with Go scalars: unsigned and huge values, complex
u64 = np.array([1, 2, 2 ** 63], np.uint64)
i64 = np.array([1, -2, 3], np.int64)
f32 = np.array([1.5, -2.0, 3.0], np.float32)
# NUMPY2 (NEP 50): out-of-bounds Python ints raise OverflowError (see above).
emit("scalar", [u64], None, {"f": "add", "s": "int:-1", "side": "r"})
emit("scalar", [i64], None, {"f": "add", "s": "uint:9223372036854775808", "side": "r"})
scalar_case("add", u64, 2.5)
scalar_case("multiply", f32, 1e300)  # the weak float becomes float32 inf
scalar_case("add", f32, 3)
add("scalar", [f32], lambda a: a + 1j, f="add", s="complex:1j", side="r")
add("scalar", [i64], lambda a: a * (2 - 1j), f="multiply", s="complex:(2-1j)", side="r")
add("scalar", [np.array([True, False])], lambda a: a * 2.5, f="multiply", s="float:2.5", side="r")
add("scalar", [np.array([True, False])], lambda a: np.true_divide(a, 2), f="true_divide", s="int:2", side="r")

# --- shifts past the width, bitwise ops on bool and signed
sh = np.array([1, -128, 64, -1], np.int8)
for f, b in [(np.left_shift, np.array([8, 1, 1, 7], np.int8)), (np.right_shift, np.array([10, 10, 6, 0], np.int8))]:
    add("binary", [sh, b], f, f=f.__name__)
add("binary", [np.array([True, False]), np.array([True, True])], np.bitwise_xor, f="bitwise_xor")
add("unary", [np.array([True, False])], np.invert, f="invert")
add("unary", [np.array([0, -1, 5], np.int16)], np.invert, f="invert")
add("unary", [np.array([1.0])], np.invert, f="invert")  # TypeError

# --- assignment of Go scalars (Python scalars into arrays)
for dt, v in [("int8", 300), ("uint8", -1), ("int8", 1.9), ("int8", -1.9), ("bool", 5), ("float16", 1e6),
              ("uint64", 2 ** 64 - 1), ("float32", 0.1), ("int64", True)]:
    def setscalar(a, v=v):
        a = a.copy()
        a[1:] = v
        return a
    kind = "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "float"
    x = np.zeros(3, dt)
    if kind == "int" and not (np.iinfo(dt).min <= v <= np.iinfo(dt).max if dt != "bool" and np.dtype(dt).kind in "iu" else True):
        # NUMPY2 (NEP 50): assigning an out-of-bounds Python int raises
        # OverflowError; 1.24 wrapped with a DeprecationWarning.
        emit("setscalar", [x], None, {"s": f"{kind}:{v}"})
        continue
    add("setscalar", [x], setscalar, s=f"{kind}:{v}")

# --- full and arange
for dt, v in [("int8", 300), ("uint8", -1), ("int8", 2.7), ("float32", 1e40), ("bool", 2), ("int16", -5)]:
    kind = "int" if isinstance(v, int) else "float"
    if kind == "int" and np.dtype(dt).kind in "iu" and not np.iinfo(dt).min <= v <= np.iinfo(dt).max:
        # NUMPY2: np.full(3, 300, dtype=np.int8) raises OverflowError
        # (NEP 50's out-of-bounds Python int); 1.24 wrapped.
        emit("full", [], None, {"dtype": dt, "s": f"{kind}:{v}"})
        continue
    add("full", [], lambda dt=dt, v=v: np.full(3, v, dtype=dt), dtype=dt, s=f"{kind}:{v}")
for start, stop, step, dt in [(0, 1, 0.1, "float64"), (1, 0, 1, "int64"), (0, 5, 0, "int64"), (0, -3, -1, "int32"),
                              (0.5, 3, 1, "int64"), (-1.5, 1.6, 0.7, "float32"), (0, 1e-320, 1e-321, "float64"),
                              (0, 2, 0.5, "uint8"), (10, 0, -3, "int8")]:
    add("arange", [], lambda a=start, b=stop, c=step, d=dt: np.arange(a, b, c, dtype=d),
        start=start, stop=stop, step=step, dtype=dt)

# --- writes through views; broadcast views are read-only
for spec, vw in [("0", "::-1"), ("1:3", "1:;::2"), ("...;0", "None;::-1")]:
    def setview(a, v, spec=spec, vw=vw):
        a = a.copy()
        a[index_tuple(vw)][index_tuple(spec)] = v
        return a
    add("setview", [ints((4, 5)), ints((5,))], setview, via=vw, spec=spec)


def set_broadcast(a, v):
    b = np.broadcast_to(a, (3, 4))
    b[0] = v  # ValueError: assignment destination is read-only
    return b


add("setbroadcast", [ints((4,)), ints((4,))], set_broadcast)

# --- reductions, round 2: into out=, mean of float16, duplicate axes
xf = floats((3, 4, 2))
for op, axis, dt, keep in [("sum", "1", "float32", 0), ("sum", "1", "int64", 0), ("max", "0,2", "float64", 0),
                           ("mean", "0", "float32", 1), ("sum", "1", "float64", 1), ("argmax", "1", "int64", 0),
                           ("argmax", "1", "int32", 0), ("cumsum", "2", "float32", 0), ("any", "2", "bool", 0),
                           ("sum", "1", "complex128", 0), ("sum", "none", "float64", 0), ("mean", "1", "int16", 0),
                           ("cumsum", "1", "int32", 0), ("argmin", "2", "int16", 0), ("argmin", "2", "float64", 0),
                           ("argmax", "0", "uint64", 0), ("argmax", "0", "uint32", 0), ("max", "1", "int8", 0),
                           ("min", "none", "bool", 0), ("prod", "1", "uint8", 1)]:
    kw = {} if axis == "none" else {"axis": tuple(int(a) for a in axis.split(","))}
    if "axis" in kw and len(kw["axis"]) == 1:
        kw["axis"] = kw["axis"][0]
    shape = np.asarray(REDUCE[op](xf, keepdims=bool(keep), **kw) if op not in ("argmax", "cumsum") else REDUCE[op](xf, **kw)).shape

    def into(a, op=op, kw=kw, dt=dt, shape=shape, keep=keep):
        o = np.full(shape, 7, dtype=dt)
        extra = {"keepdims": True} if keep else {}
        r = REDUCE[op](a, out=o, **kw, **extra)
        assert r is o
        return o
    add("reduceout", [xf], into, f=op, axis=axis, keep=keep, out=dt, shape=",".join(map(str, shape)) or "scalar")
# an out of the wrong shape
add("reduceout", [xf], lambda a: np.sum(a, axis=1, out=np.zeros((3, 3))), f="sum", axis="1", keep=0, out="float64", shape="3,3")
reduce("mean", floats((3, 40), np.float16), axis="1")
reduce("sum", floats((3, 40), np.float16), axis="1")
reduce("sum", xf, axis="0,-3")
reduce("mean", np.array([True, False, True]))
reduce("std", np.array([True, False, True]))
reduce("all", np.array([np.nan, 1.0]))
reduce("any", np.array([0.0, -0.0]))
reduce("min", np.array([2 ** 64 - 1, 2 ** 63], np.uint64))
reduce("max", np.array([True, False]))
reduce("cumsum", ints((2, 3), np.uint8, 0, 255))
reduce("cumprod", ints((2, 3), np.int8, -5, 5), axis="0")
reduce("prod", np.array([], np.int8))
reduce("max", np.zeros((3, 0)), axis="0")
reduce("argmin", np.zeros((3, 0)), axis="0")
reduce("var", np.array([1.0]), ddof=1)

# --- arrays as indices, round 2
add("take", [ints((5,)), np.array([1.0, 2.0])], lambda a, b: np.take(a, b), axis="none")  # TypeError
# NUMPY2: np.take casts indices same_kind since NumPy 2.1 (gh-26610), so
# uint64 indices are taken; 1.24 refused them (safe casting).
add("take", [ints((5,)), np.array([1, 4], np.uint64)], lambda a, b: np.take(a, b.astype(np.int64)), axis="none")
add("take", [ints((5,)), np.array([-1, 3], np.int8)], lambda a, b: np.take(a, b), axis="none")
add("take", [np.array(5), np.array([0, 0])], lambda a, b: np.take(a, b), axis="none")
add("take", [ints((2, 3)), np.array(1)], lambda a, b: np.take(a, b, axis=1), axis="1")
add("mask", [ints((5,)), np.array([1.0, 0, 1, 0, 1])], lambda a, b: a[b])  # IndexError
add("mask", [ints((2, 3)), np.array([[True, False, True]])], lambda a, b: a[b])  # shape mismatch
add("where", [ints((5,), np.int16, -1, 2), floats((5,)), floats((5,))], np.where)
add("argwhere", [np.array([0.0, -0.0, np.nan, 1e-300])], np.argwhere)
add("nonzero", [np.array([[0, 1j], [0, 0]])], np.nonzero)

# --- shapes and joining, round 2
add("transpose", [np.array(3.5)], lambda a: a.transpose(), axes="none")
add("reshape", [np.array(3.5)], lambda a: a.reshape(()), shape="-")
add("expand_dims", [np.array(3.5)], lambda a: np.expand_dims(a, (0, -1)), axes="0,-1")
add("squeeze", [np.array(3.5)], lambda a: np.squeeze(a), axes="none")
add("squeeze", [np.zeros((1, 0, 1))], lambda a: np.squeeze(a), axes="none")
add("broadcast_to", [np.array(3.5)], lambda a: np.broadcast_to(a, (2, 2)), shape="2,2")
add("broadcast_to", [ints((3,))], lambda a: np.broadcast_to(a, (1,)), shape="1")
add("moveaxis", [ints((2, 3, 4))], lambda a: np.moveaxis(a, [0, 1], [0]), src="0,1", dst="0")
add("concatenate", [ints((2, 2), np.uint64), ints((2, 2), np.int64)], lambda p, q: np.concatenate([p, q]), axis="0")
add("concatenate", [np.zeros((0,), bool), np.zeros((0,), np.int8)], lambda p, q: np.concatenate([p, q]), axis="0")
add("stack", [ints((2, 3)), ints((3, 2))], lambda p, q: np.stack([p, q]), axis="0")
add("stack", [np.zeros((0, 2)), np.zeros((0, 2), np.float32)], lambda p, q: np.stack([p, q], 1), axis="1")

# --- printing: repr and str as bytes (array reprs are the same in 1.24 and 2.x)
for x in [np.zeros((2, 0, 3)), np.zeros((1, 0), np.int8), np.array([-0.0, 0.0]), np.array(-0.0),
          np.array([1e16, 1.0]), np.array([1e-5, 1.0]), np.array([0.1, 0.2], np.float16),
          np.array([[1, -1], [100, 7]], np.uint8 if False else np.int8), np.array([2 ** 64 - 1], np.uint64),
          np.array([complex(0, -0.0), complex(-1.5, 2)]), np.array([np.nan + 0j]), np.array([True]),
          np.array([[[1.5]]], np.float32), np.array([123456789.0, 0.5]), np.array([1.0, np.inf], np.float32),
          np.arange(12).reshape(2, 2, 3).astype(np.int16), np.array(np.float32(12345.5)),  # (NumPy 2.3 prints float32 from 1e6 in scientific notation)
          np.array([0.5, 100.0, 1e-3]) * -1, np.array([1e-10 + 1e10j], np.complex64)]:
    add("repr", [x], lambda a: np.frombuffer(repr(a).encode(), np.uint8))
    add("str", [x], lambda a: np.frombuffer(str(a).encode(), np.uint8))


# --- .npy files: what np.save writes (C-contiguous arrays) and reading
# what it writes for Fortran-ordered and big-endian arrays
def saved(a):
    import io
    buf = io.BytesIO()
    np.save(buf, a)
    return np.frombuffer(buf.getvalue(), np.uint8)


for x in [np.array(2.5), np.zeros((0, 3), np.int16), np.array([True, False]), ints((2, 3), np.uint32),
          np.array([1 + 2j], np.complex64), np.array([1.5], np.float16), np.zeros((2, 3, 0))]:
    add("npysave", [x], saved)
for x in [np.asfortranarray(ints((2, 3), np.int32)), ints((2, 3)).astype(">i8"), np.asfortranarray(floats((3, 2))).astype(">f4", order="F"),
          np.array(1.5, ">f8"), np.zeros((0, 2), ">c16"), np.asfortranarray(np.zeros((2, 0, 3))), np.array([True, False], "|b1").reshape(2, 1)]:
    b = saved(x)
    add("npyload", [b], lambda b, x=x: np.array(x, dtype=x.dtype.newbyteorder("="), order="C"))

# --- non-contiguous inputs: the first input is used through a view
# (view=T transposed, rev the last axis reversed, step every other element
# of the last axis), as npys.view makes it
for v in ["T", "rev", "step"]:
    x = floats((4, 6))
    for op, axis in [("sum", "none"), ("sum", "0"), ("argmax", "none"), ("argmin", "1"), ("cumsum", "none"),
                     ("cumsum", "0"), ("max", "1"), ("var", "0"), ("any", "1")]:
        kw = {} if axis == "none" else {"axis": int(axis)}
        add("reduce", [x], lambda a, op=op, kw=kw, v=v: REDUCE[op](view(a, v), **kw),
            f=op, axis=axis, keep=0, dtype="none", ddof=0, view=v)
    add("nonzero", [x > 0], lambda a, v=v: np.nonzero(view(a, v)), view=v)
    add("argwhere", [x > 0], lambda a, v=v: np.argwhere(view(a, v)), view=v)
    add("reshape", [x], lambda a, v=v: view(a, v).reshape(-1), shape="-1", view=v)
    add("reshape", [x], lambda a, v=v: view(a, v).reshape(2, -1), shape="2,-1", view=v)
    add("index", [x], lambda a, v=v: view(a, v)[1::2, ::-2], spec="1::2;::-2", view=v)
    add("mask", [x, view(x, v) > 0], lambda a, m, v=v: view(a, v)[m], view=v)
    add("take", [x, np.array([0, -1, 1])], lambda a, i, v=v: np.take(view(a, v), i, axis=1), axis="1", view=v)
    add("take", [x, np.array([0, -1, 5])], lambda a, i, v=v: np.take(view(a, v), i), axis="none", view=v)
    add("astype", [x], lambda a, v=v: view(a, v).astype(np.float16), dtype="float16", view=v)
    add("unary", [x], lambda a, v=v: np.round(view(a, v)), f="round", view=v)
    add("setindex", [x, ints((2,))], lambda a, b, v=v: (lambda c: (view(c, v).__setitem__((Ellipsis, slice(0, 2)), b), c)[1])(a.copy()),
        spec="...;0:2", view=v)

# --- put, take_along_axis
for idx, vals in [([0, 1, 2, 3], [9, 8]), ([-1, 0], [5, 6]), ([7], [1]), ([1, 1], [3, 4]), ([], [1])]:
    def put(a, i, w):
        a = a.copy()
        np.put(a, i, w)
        return a
    add("put", [ints((2, 3)), np.array(idx, np.int64), np.array(vals, np.int64)], put)
add("put", [ints((2, 3), np.int8), np.array([0, 5]), np.array([1.9, -2.9])], put)
tal = ints((3, 4))
for i, axis in [(np.argsort(tal, axis=1), 1), (np.array([[0], [2], [1]]), 1), (np.array([[2, 0, 1, 0]]), 0),
                (np.array([[4]]), 1), (np.array([0, 1]), 0), (np.array([[-1, -3]]), 1)]:
    add("take_along_axis", [tal, i], lambda a, b, ax=axis: np.take_along_axis(a, b, ax), axis=axis)

# --- repeat, tile, roll, flip, split, diff
r = ints((2, 3))
for n, axis in [(2, "none"), (3, "0"), (0, "1"), (2, "-1"), (-1, "0"), (2, "2")]:
    add("repeat", [r], lambda a, n=n, ax=axis: np.repeat(a, n, axis=None if ax == "none" else int(ax)), n=n, axis=axis)
for reps in ["2", "2,1", "1,1,2", "0,2", "3,1,1,1"]:
    add("tile", [r], lambda a, s=reps: np.tile(a, [int(v) for v in s.split(",")]), reps=reps)
for shift, axes in [(1, "none"), (-7, "none"), (4, "1"), (-1, "0,1"), (1, "2")]:
    add("roll", [r], lambda a, sh=shift, ax=axes: np.roll(a, sh, axis=None if ax == "none" else tuple(int(v) for v in ax.split(","))),
        shift=shift, axes=axes)
for axes in ["none", "0", "-1", "0,1", "2"]:
    add("flip", [r], lambda a, ax=axes: np.flip(a, axis=None if ax == "none" else tuple(int(v) for v in ax.split(","))), axes=axes)
sp = np.arange(10).reshape(2, 5)
for n, axis, fn in [(5, 1, "split"), (2, 1, "split"), (3, 1, "array_split"), (7, 1, "array_split"), (2, 0, "split"),
                    (0, 1, "array_split"), (1, 2, "split")]:
    add(fn, [sp], lambda a, n=n, ax=axis, fn=fn: getattr(np, fn)(a, n, axis=ax), n=n, axis=axis)
for n, axis, x in [(1, -1, ints((3, 4))), (2, 0, ints((3, 4))), (4, 0, ints((3, 4))), (0, 1, ints((3, 4))),
                   (1, 0, np.array([True, False, False, True])), (1, 0, np.array([1, 5, 2], np.uint8)),
                   (1, 2, ints((3, 4))), (-1, 0, ints((3,))), (1, 0, np.array(5))]:
    add("diff", [x], lambda a, n=n, ax=axis: np.diff(a, n, axis=ax), n=n, axis=axis)

# --- creation: linspace (integer dtypes truncate), eye
for start, stop, num, dt in [(0, 10, 4, "int64"), (-5, 0, 4, "int64"), (0, 1, 1, "float64"), (0, 1, 0, "float64"),
                             (1, 0, 5, "float32"), (0, 1, 3, "float16"), (0, 1, -1, "float64"), (2, 2, 3, "float64"),
                             (-1, 1, 5, "uint8")]:
    add("linspace", [], lambda a=start, b=stop, n=num, d=dt: np.linspace(a, b, n, dtype=d), start=start, stop=stop, num=num, dtype=dt)
for n, m, k, dt in [(3, 3, 0, "float64"), (2, 4, 1, "int8"), (3, 2, -1, "bool"), (2, 2, 5, "float32"), (0, 3, 0, "float64"),
                    (3, 3, -3, "int64")]:
    add("eye", [], lambda n=n, m=m, k=k, d=dt: np.eye(n, m, k, dtype=d), n=n, m=m, k=k, dtype=dt)

# --- more ufunc corners
add("binary", [np.array([0, 2, -2, 3], np.int8), np.array([0, 7, 3, 5], np.int8)], np.power, f="power")
add("binary", [np.array([-0.0, 5.5, -5.5, 1.0]), np.array([3.0, -2.0, 2.0, np.inf])], np.remainder, f="remainder")
add("binary", [np.array([-0.0, 5.5, -5.5, 1.0]), np.array([3.0, -2.0, 2.0, np.inf])], np.fmod, f="fmod")
add("binary", [np.array([True, False]), np.array([1, 1], np.int8)], np.equal, f="equal")
add("binary", [np.array([2 ** 63], np.uint64), np.array([-1], np.int64)], np.greater, f="greater")
add("binary", [np.array([2 ** 53 + 1], np.int64), np.array([2.0 ** 53])], np.equal, f="equal")
add("binary", [np.array([1, 2], np.uint64), np.array([3, 1], np.int64)], np.subtract, f="subtract")
add("binary", [np.array([1 + 1j, 2]), np.array([1 + 1j, 2 + 0j], np.complex64)], np.not_equal, f="not_equal")
add("binary", [np.array([3.0, -3.0], np.float16), np.array([2.0, 2.0], np.float16)], np.floor_divide, f="floor_divide")
for f in ["absolute", "conjugate", "square", "sign", "negative", "positive"]:
    add("unary", [np.array([1 + 2j, -3 - 4j], np.complex64)], sign if f == "sign" else getattr(np, f), f=f)
add("unary", [np.array([0, 3, 255], np.uint8)], np.negative, f="negative")
add("unary", [np.array([0, 3, 255], np.uint8)], np.sign, f="sign")
add("unary", [np.array([-(2 ** 63)], np.int64)], np.abs, f="abs")
add("unary", [np.array([1, 2], np.int32)], np.sqrt, f="sqrt")
add("unary", [np.array([1, 2], np.int8)], np.sqrt, f="sqrt")
add("unary", [np.array([1, 2], np.uint16)], np.exp, f="exp")
add("unary", [np.array([True, False])], np.sqrt, f="sqrt")
add("unary", [np.array([1.5, -0.0, np.inf, np.nan])], np.reciprocal, f="reciprocal")
add("unary", [np.array([0, 1, 2, -3], np.int16)], np.reciprocal, f="reciprocal")

# --- sizes past the small-array paths: NaN and ties across chunks. The
# inputs are not stored: gen= names how the Go test makes them (pattern).
def pattern(spec):
    """base:n:dtype[:shape]: base "ramp" is (7919 i mod 17) - 8, "zeros" is 0;
    nan= and spike= (below) set positions of the flat array to NaN and 3."""
    base, n, dt, *shape = spec.split(":")
    i = np.arange(int(n))
    x = ((7919 * i) % 17 - 8) if base == "ramp" else np.zeros(int(n))
    x = x.astype(dt)
    if shape:
        x = x.reshape([int(v) for v in shape[0].split(",")])
    return x


def big_case(op, spec, fn, nan="", spike="", **params):
    x = pattern(spec)
    flat = x.reshape(-1)
    for k in filter(None, nan.split(",")):
        flat[int(k)] = np.nan
    for k in filter(None, spike.split(",")):
        flat[int(k)] = 3
    try:
        out = [np.asarray(o) for o in (lambda r: r if isinstance(r, tuple) else [r])(fn(x))]
    except Exception:
        out = None
    emit(op, [], out, dict(params, gen=spec, nan=nan or "none", spike=spike or "none"))


for op, spec, axis, nan, spike in [
        ("sum", "ramp:200003:float32", "none", "", ""), ("max", "ramp:200003:float64", "none", "150001,170000", ""),
        ("min", "ramp:200003:float64", "none", "199999", ""), ("argmax", "ramp:200003:float64", "none", "150001,170000", ""),
        ("argmin", "ramp:200003:float32", "none", "77", ""), ("argmax", "zeros:100000:int16", "none", "", "5,77777,99999"),
        ("argmax", "zeros:100000:float32:250,400", "1", "", "5,77777,99999"), ("any", "zeros:300000:bool", "none", "", "299999"),
        ("count_nonzero", "zeros:300000:bool", "none", "", "7,299999"), ("sum", "ramp:200000:float32:400,500", "0", "", ""),
        ("max", "ramp:200000:float64:400,500", "0", "1234", ""), ("prod", "ramp:70000:int8", "none", "", ""),
        ("sum", "ramp:150000:uint8", "none", "", ""), ("mean", "ramp:200000:int32:500,400", "1", "", ""),
        ("all", "ramp:100001:float64", "none", "", "")]:
    kw = {} if axis == "none" else {"axis": int(axis)}
    big_case("reduce", spec, lambda a, op=op, kw=kw: REDUCE[op](a, **kw), nan, spike,
             f=op, axis=axis, keep=0, dtype="none", ddof=0)
big_case("nonzero", "zeros:300000:bool", np.nonzero, spike="3,299999")
big_case("argwhere", "zeros:120000:int8:300,400", np.argwhere, spike="401,119999")
# --- where= and initial=: the mask is the case's second input
REDUCE.update({"nansum": np.nansum, "nanmax": np.nanmax})


def reduce_where(op, x, mask=None, axis="none", keep=0, initial=None, ddof=0):
    kw = {}
    if axis != "none":
        kw["axis"] = tuple(int(a) for a in axis.split(","))
        if len(kw["axis"]) == 1:
            kw["axis"] = kw["axis"][0]
    if keep:
        kw["keepdims"] = True
    if ddof:
        kw["ddof"] = ddof
    params = dict(f=op, axis=axis, keep=keep, dtype="none", ddof=ddof)
    if initial is not None:
        kw["initial"] = initial
        kind = "bool" if isinstance(initial, bool) else "int" if isinstance(initial, int) else "float"
        params["initial"] = f"{kind}:{initial!r}"
    inputs = [x]
    if mask is not None:
        inputs.append(mask)
        fn = lambda a, m: REDUCE[op](a, where=m, **kw)
    else:
        fn = lambda a: REDUCE[op](a, **kw)
    add("reduce", inputs, fn, **params)


wx = floats((3, 4))
wm = ints((3, 4), bool, 0, 2)
wrow = np.array([True, False, True, True])
wcol = np.array([[True], [False], [True]])
for op in ["sum", "prod", "any", "all", "mean", "var", "std", "nansum"]:
    reduce_where(op, wx, wm)
    reduce_where(op, wx, wrow, axis="0")
    reduce_where(op, wx, wcol, axis="1", keep=1)
reduce_where("mean", wx, np.array([[True, False, False, False]] * 3), axis="0")  # empty columns: nan
reduce_where("var", wx, wm, axis="1", ddof=1)
reduce_where("std", floats((3, 4), np.float32), wm, axis="0")
reduce_where("mean", ints((3, 4), np.int16), wm, axis="1")
reduce_where("var", wx + 1j * floats((3, 4)), wm, axis="0")
reduce_where("sum", ints((3, 4), np.int8, -100, 100), wm, axis="0")
reduce_where("sum", wx, wm, axis="1", initial=10)
reduce_where("max", wx, wm, axis="1", initial=-0.5)
reduce_where("min", wx, wrow, initial=0.0)
reduce_where("nanmax", np.array([np.nan, 1.0, 5.0]), np.array([True, True, False]), initial=-1.0)
reduce_where("max", wx, np.zeros((3, 4), bool), axis="0", initial=-7)
reduce_where("max", wx, wm)  # no initial: error
reduce_where("sum", wx, ints((3, 4), np.int64, 0, 2))  # int mask: error
reduce_where("sum", wx, np.ones((2, 3, 4), bool))  # mask does not broadcast to the input: error
reduce_where("sum", ints((4,), np.int8), initial=300)
reduce_where("sum", ints((4,), np.int8), initial=2.5)
reduce_where("max", ints((4,), np.int8), initial=2.5)
reduce_where("sum", np.array([True, False, True]), initial=True)
reduce_where("prod", wx, axis="0", initial=0.5)
reduce_where("max", np.zeros((0, 2)), axis="0", initial=3)
reduce_where("min", np.zeros((2, 0), np.float32), axis="1", keep=1, initial=1.5)
reduce_where("max", wx, initial=float("nan"))
reduce_where("nansum", np.array([1.0, np.nan]), np.array([True, True]), initial=2)
reduce_where("argmax", wx, initial=1)  # TypeError
reduce_where("mean", wx, initial=1)  # TypeError
reduce_where("cumsum", wx, wm)  # TypeError

# --- np.round with decimals (Around)
rd = np.array([2.675, 1.005, -0.5, 1234.5678, np.nan, np.inf, -0.0, 0.125, -2.5e-3, 1e300])
for dec in [2, 1, 0, -1, -2, 3]:
    add("around", [rd], lambda a, d=dec: np.round(a, d), decimals=dec)
add("around", [rd.astype(np.float32)], lambda a: np.round(a, 2), decimals=2)
add("around", [rd[:4].astype(np.float16)], lambda a: np.round(a, 1), decimals=1)
add("around", [np.array([15, 25, 35, -15, -25, 150, 7], np.int64)], lambda a: np.round(a, -1), decimals=-1)
add("around", [np.array([15, 25, 35, -15, -25, 150, 7], np.int64)], lambda a: np.round(a, -2), decimals=-2)
add("around", [np.array([125, -125, 3], np.int8)], lambda a: np.round(a, -1), decimals=-1)
add("around", [np.array([125, 255, 3], np.uint8)], lambda a: np.round(a, 1), decimals=1)
add("around", [np.array([1.25 + 2.35j, -0.5 - 1.55j, complex(np.inf, 0.05)])], lambda a: np.round(a, 1), decimals=1)
add("around", [np.array(2.5)], lambda a: np.round(a, 0), decimals=0)
add("around", [view(floats((4, 6)) * 100, "T")], lambda a: np.round(a, -1), decimals=-1)

# --- broadcasting of empty and 0-d operands
for a, b in [(np.zeros((0, 3)), ints((3,))), (np.zeros((0,)), np.array([2.0])), (np.zeros((0,)), ints((2,))),
             (np.array(2.5), ints((2, 2), np.int8)), (np.array(2, np.int8), np.array(3, np.int16)),
             (ints((2, 1, 3)), ints((4, 1))), (ints((2, 3)), ints((3, 2))), (np.zeros((1, 0)), np.zeros((5, 1), np.float32))]:
    add("binary", [a, b], np.add, f="add")
add("binary", [np.array(7, np.int64), np.array(0, np.int64)], np.floor_divide, f="floor_divide")
add("binary", [np.array(np.nan), np.array(np.nan)], np.equal, f="equal")


def write():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.txt"), "w") as txt, open(os.path.join(OUT, "cases.npys"), "wb") as npys:
        txt.write("# made by testdata/gen_sweep2.py\n")
        for line, inputs, outputs in cases:
            txt.write(line + "\n")
            for x in list(inputs) + (outputs or []):
                np.save(npys, np.array(x, order="C"))


write()
print(len(cases), "cases")
