#!/usr/bin/python3
"""Writes testdata/misc/: NumPy's answers for array/misc_numpy_test.go,
top-level helpers a ported script meets: window functions, apply_along_axis
and apply_over_axes, fromfunction, piecewise, may_share_memory and
shares_memory, sort_complex, rollaxis, mask_indices, result_type,
min_scalar_type, common_type, require, asarray_chkfinite, binary_repr and
base_repr.

cases.txt lists one case a line, as gen_signal.py's:

    <function> <inputs> <results> <tolerance> [key=value ...]

inputs and results count the case's arrays in cases.npys (its inputs,
then NumPy's results), tolerance is in epsilons of the result dtype of
max(|expected|, 1) (0: exact). view=<v> applies step, rev or T to the
first input (see npys.view). A dtype answer (result_type...) is stored as
a 0-d zero of that dtype; a string answer (binary_repr) is the want= key;
a case NumPy rejects has err=1 and no results.

Python functions are named by keys the Go test maps to the same Go code
(f=sum is np.sum / array.Sum...).

The committed files come from NumPy 2.5.2. NumPy 1.24 runs it too, with
NEP 50 ("weak") promotion turned on, but its result_type of several
operands with a Python scalar differs from NumPy 2's (uint8, a float16
array and 1.5: float64 there, float16 in NumPy 2).
Run from the repository root: python3 testdata/gen_misc.py
"""
import os
import warnings

import numpy as np

import npys

if np.lib.NumpyVersion(np.__version__) < "2.0.0":
    np._set_promotion_state("weak")
warnings.simplefilter("ignore")
rng = np.random.default_rng(20261205)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "misc")
os.makedirs(OUT, exist_ok=True)

cases = []


def case(fn, xs, tol, res, **kw):
    cases.append(npys.case(fn, xs, tol, res, **kw))


def data(dt, shape, scale=4.0):
    return npys.random_data(rng, dt, shape, scale)


def raises(fn, *args):
    try:
        fn(*args)
    except (ValueError, TypeError):  # AxisError is a ValueError
        return True
    raise AssertionError(f"{fn.__name__}{args} did not raise")


def dtype_answer(dt):
    return np.zeros((), dt)


# --- windows
windows = {"bartlett": np.bartlett, "blackman": np.blackman, "hamming": np.hamming, "hanning": np.hanning}
for name, w in windows.items():
    for m in (-3, 0, 1, 2, 3, 4, 5, 12, 51, 256):
        case("window", [], 4, w(m), w=name, m=m)
for m in (-2, 0, 1, 2, 3, 6, 51):
    for beta in (0.0, 0.5, 5.0, 8.6, 14.0, 60.0, -3.0):
        case("window", [], 8, np.kaiser(m, beta), w="kaiser", m=m, beta=beta)

# --- apply_along_axis: each Go function has a Python twin
along = {
    "sum": np.sum,  # a 0-d result
    "cumsum": np.cumsum,  # 1-d, same length
    "head2": lambda v: v[:2],  # 1-d, shorter
    "outer": lambda v: np.outer(v, v),  # 2-d
}
for dt in ("float64", "float32", "int32", "int8", "bool", "complex64"):
    x = data(dt, (3, 4, 5))
    for f, fn in along.items():
        for axis in (0, -1, 1):
            for v in ("none", "step", "T"):
                tol = 16 if np.dtype(dt).kind in "fc" else 0
                case("apply_along", [x], tol, np.apply_along_axis(fn, axis, npys.view(x, v)), f=f, axis=axis, view=v)
x = data("float64", (7,))
for f, fn in along.items():
    case("apply_along", [x], 16, np.apply_along_axis(fn, 0, x), f=f, axis=0)
e = data("float32", (2, 0))  # slices of length 0
case("apply_along", [e], 0, np.apply_along_axis(np.sum, 1, e), f="sum", axis=1)

# --- apply_over_axes: sum drops the axis (put back), cumsum keeps it
over = {"sum": np.sum, "cumsum": np.cumsum, "max": np.max}
for dt in ("float64", "int16", "float32"):
    x = data(dt, (3, 4, 5))
    for f, fn in over.items():
        for axes in ((0,), (0, 2), (-1, 0), (1, 1), ()):
            tol = 16 if np.dtype(dt).kind == "f" else 0
            ax = ",".join(map(str, axes))
            case("apply_over", [x], tol, np.apply_over_axes(fn, npys.view(x, "T"), axes), f=f, axes=ax, view="T")
            case("apply_over", [x], tol, np.apply_over_axes(fn, x, axes), f=f, axes=ax)

# --- fromfunction: the function gets index arrays
fromfns = {
    "lin": (lambda i, j: i + 2 * j),
    "prod3": (lambda i, j, k: i * j - k),
    "dist": (lambda i, j: np.sqrt(i * i + j * j)),
}
for shape, f in (((3, 4), "lin"), ((2, 3, 4), "prod3"), ((5, 6), "dist"), ((0, 3), "lin"), ((4, 1), "lin")):
    for dt in ("float64", "int64", "int32", "float32"):
        if f == "dist" and dt.startswith("int"):
            continue
        tol = 2 if dt.startswith("float") else 0
        case("fromfunction", [], tol, np.fromfunction(fromfns[f], shape, dtype=dt), f=f, shape=",".join(map(str, shape)), dtype=dt)

# --- piecewise: funcs are names of functions or c:<constant>
pieces = {"neg": lambda v: -v, "sq": lambda v: v * v, "half": lambda v: v / 2}


def piece(name):
    if name.startswith("c:"):
        c = name[2:]
        return float(c) if "." in c else int(c)
    return pieces[name]


def piecewise_case(x, conds, funcs, v="none"):
    xv = npys.view(x, v)
    cs = [c(xv) for c in conds]
    want = np.piecewise(xv, cs, [piece(f) for f in funcs])
    case("piecewise", [x] + cs, 0, want, funcs=",".join(funcs), view=v)


for dt in ("float64", "float32", "int32", "int16"):
    x = data(dt, (4, 6))
    for v in ("none", "step", "T"):
        piecewise_case(x, [lambda a: a < 0, lambda a: a >= 0], ["neg", "sq"], v)
        piecewise_case(x, [lambda a: a < -1, lambda a: a > 1], ["c:-1", "c:2", "half"], v)
        piecewise_case(x, [lambda a: a > 0, lambda a: a > 2], ["c:1", "sq"], v)  # later wins
        piecewise_case(x, [lambda a: (a > 3).astype(np.int8)], ["c:7", "neg"], v)  # non-bool condition
        piecewise_case(x, [lambda a: a > 1e9], ["sq", "c:0.5"], v)  # an empty selection
x = data("float64", ())
piecewise_case(x, [lambda a: a > 0], ["c:1.5", "neg"])
x = data("float64", (0, 3))
piecewise_case(x, [lambda a: a > 0], ["c:1.5", "neg"])

# --- may_share_memory and shares_memory: two views of one base array,
# each an index (s<start>:<stop>:<step>, i<n>, new; ',' between items),
# optionally transposed (t=1) or, for complex bases, a real or imaginary
# part (p=real/imag): byte ranges of different item sizes.


def rand_slice(n):
    start = int(rng.integers(-n, n + 1)) if rng.random() < 0.7 else None
    stop = int(rng.integers(-n, n + 1)) if rng.random() < 0.7 else None
    step = int(rng.choice([1, 2, 3, -1, -2, 5])) if rng.random() < 0.7 else None
    s = slice(start, stop, step)
    enc = "s" + ":".join("" if v is None else str(v) for v in (start, stop, step))
    return s, enc


def rand_index(shape):
    idx, enc = [], []
    for n in shape:
        if rng.random() < 0.15 and n > 0:
            i = int(rng.integers(-n, n))
            idx.append(i)
            enc.append(f"i{i}")
        else:
            s, e = rand_slice(n)
            idx.append(s)
            enc.append(e)
    if all(isinstance(i, int) for i in idx):  # NumPy would give a scalar, not a view
        idx[-1], enc[-1] = slice(None), "s::"
    return tuple(idx), ",".join(enc)


def shares_case(dt, shape, trials):
    base = np.zeros(shape, dt)
    for _ in range(trials):
        views, kw = [], {}
        for name in ("a", "b"):
            idx, enc = rand_index(shape)
            v = base[idx]
            kw[name] = enc
            if rng.random() < 0.3:
                v = v.T
                kw["t" + name] = 1
            if base.dtype.kind == "c" and rng.random() < 0.5:
                part = str(rng.choice(["real", "imag"]))
                v = getattr(v, part)
                kw["p" + name] = part
            views.append(v)
        a, b = views
        res = np.array([np.may_share_memory(a, b), np.shares_memory(a, b)])
        case("shares", [], 0, res, dtype=dt, shape=",".join(map(str, shape)), **kw)


shares_case("float64", (12,), 60)
shares_case("int16", (6, 8), 80)
shares_case("uint8", (4, 5, 6), 80)
shares_case("complex128", (5, 6), 60)
shares_case("float32", (3, 0, 4), 5)

# --- sort_complex: the complex dtype follows the input's
for dt in ("int8", "uint8", "int16", "uint16", "int32", "int64", "uint64", "bool", "float16", "float32", "float64", "complex64", "complex128"):
    x = data(dt, (3, 7))
    if np.dtype(dt).kind in "fc":
        x.flat[[2, 9]] = np.nan
        x.real.flat[5] = x.real.flat[4]  # equal real parts, sorted by imaginary part
    for v in ("none", "rev", "T"):
        case("sort_complex", [x], 0, np.sort_complex(npys.view(x, v)), view=v)
x = data("complex128", (0,))
case("sort_complex", [x], 0, np.sort_complex(x))

# --- rollaxis
x = data("int32", (2, 3, 4, 5))
for axis in range(-4, 4):
    for start in range(-4, 5):
        case("rollaxis", [x], 0, np.rollaxis(x, axis, start), axis=axis, start=start)
for axis, start in ((4, 0), (-5, 0), (0, 5), (0, -5)):
    assert raises(np.rollaxis, x, axis, start)
    case("rollaxis", [x], 0, [], axis=axis, start=start, err=1)

# --- mask_indices with triu and tril
for f, fn in (("triu", np.triu), ("tril", np.tril)):
    for n in (0, 1, 4, 5):
        for k in (-2, 0, 1, 3):
            case("mask_indices", [], 0, list(np.mask_indices(n, fn, k)), f=f, n=n, k=k)

# --- result_type: dtype names, a:<dtype> (a 0-d array, strong in NumPy 2),
# and Python scalars b (True), i (3), f (1.5), c (1j), weak.
scalars = {"b": True, "i": 3, "f": 1.5, "c": 1j}


def rt_operand(tok):
    if tok in scalars:
        return scalars[tok]
    if tok.startswith("a:"):
        return np.array(1, tok[2:])
    return np.dtype(tok)


names = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16", "float32", "float64", "complex64", "complex128"]
rt = [[n] for n in names] + [list(s) for s in ("b", "i", "f", "c", "bi", "if", "fc", "bc")]
for _ in range(150):
    k = int(rng.integers(1, 4))
    toks = []
    for _ in range(k):
        r = rng.random()
        toks.append(str(rng.choice(list(scalars))) if r < 0.35 else ("a:" if r < 0.5 else "") + str(rng.choice(names)))
    rt.append(toks)
for toks in rt:
    case("result_type", [], 0, dtype_answer(np.result_type(*[rt_operand(t) for t in toks])), ops=",".join(toks))

# --- min_scalar_type of Python scalars and of 0-d and n-d arrays
for v in (0, 1, 255, 256, 65535, 65536, 2**32, 2**63 - 1, 2**64 - 1, -1, -128, -129, -32769, -2**31 - 1, -2**63,
          True, False, 0.0, 0.1, 64999.0, 65000.0, -70000.0, 3.3e38, 3.5e38, -1e300, "inf", "nan",
          "1+1j", "1e5j", "1e40+0j", "3.3e38-3.3e38j", "nan+0j"):
    py = complex(v) if isinstance(v, str) and "j" in v else (float(v) if isinstance(v, str) else v)
    case("min_scalar_type", [], 0, dtype_answer(np.min_scalar_type(py)), v=v)
for dt, val in (("int64", 3), ("int64", -300), ("uint16", 70), ("float32", 1e30), ("float32", 3.0), ("float64", 1e5),
                ("complex64", 1 + 1j), ("complex128", 1e300), ("bool", True), ("int8", -3)):
    a = np.array(val, dt)
    case("min_scalar_type", [a], 0, dtype_answer(np.min_scalar_type(a)))
a = data("int64", (3,))
case("min_scalar_type", [a], 0, dtype_answer(np.min_scalar_type(a)))

# --- common_type
for dts in (["int8"], ["float16"], ["float16", "int32"], ["float32", "float16"], ["float32", "complex64"], ["float64", "complex64"],
            ["uint64", "float32"], ["complex128", "int8"], ["float16", "complex64"], ["int16", "uint8"], []):
    xs = [data(dt, (2,)) for dt in dts]
    case("common_type", xs, 0, dtype_answer(np.common_type(*xs)) if xs else dtype_answer(np.float16))
assert raises(np.common_type, data("bool", (2,)))
case("common_type", [data("bool", (2,))], 0, [], err=1)

# --- require: NumPy's flags of the result [C, F, writeable, a copy]
for dt in ("float64", "int32"):
    x = data(dt, (4, 6))
    for v in ("none", "step", "T"):
        for req in ("C", "F", "W", "O", "A", "E", "CW", "FO", ""):
            for to in ("", "float32"):
                xv = npys.view(x, v)
                r = np.require(xv, to or None, list(req))
                flags = np.array([r.flags.c_contiguous, r.flags.f_contiguous, r.flags.writeable, not np.shares_memory(r, xv)])
                case("require", [x], 0, [r, flags], req=req or "-", dtype=to or "-", view=v)
bv = data("float32", (3,))
r = np.require(np.broadcast_to(bv, (2, 3)), None, ["W"])
case("require", [bv], 0, [r, np.array([True, False, True, True])], req="W", dtype="-", view="bcast")
assert raises(np.require, x, None, ["C", "F"])
case("require", [x], 0, [], req="CF", dtype="-", err=1)

# --- asarray_chkfinite
for dt in ("float64", "float32", "complex64", "int32", "bool"):
    x = data(dt, (3, 4))
    case("chkfinite", [x], 0, np.asarray_chkfinite(x))
    if np.dtype(dt).kind in "fc":
        for bad in (np.nan, np.inf, -np.inf):
            y = x.copy()
            y[1, 3] = bad
            assert raises(np.asarray_chkfinite, y)
            case("chkfinite", [y], 0, [], err=1)
            case("chkfinite", [y], 0, np.asarray_chkfinite(npys.view(y, "step")), view="step")  # the view skips column 3

# --- binary_repr and base_repr: the answer is want=
for num in (0, 1, 5, 255, 256, -1, -2, -3, -5, -8, -128, -129, 2**62, 2**63 - 1, -2**62, -2**62 - 1, -2**63):
    case("binary_repr", [], 0, [], num=num, want=np.binary_repr(num))
    for width in (0, 1, 4, 8, 16, 70):
        try:  # NumPy 2 refuses a width too small for num (NumPy 1 warned)
            with warnings.catch_warnings():
                warnings.simplefilter("error", DeprecationWarning)
                case("binary_repr", [], 0, [], num=num, width=width, want=np.binary_repr(num, width))
        except (ValueError, DeprecationWarning):
            case("binary_repr", [], 0, [], num=num, width=width, err=1)
for num in (0, 1, 7, 35, 36, -36, 12345, -2**63, 2**63 - 1):
    for base in (2, 3, 8, 10, 16, 36):
        for pad in (0, 2):
            case("base_repr", [], 0, [], num=num, base=base, pad=pad, want=np.base_repr(num, base, pad))
for base in (37, 1):
    assert raises(np.base_repr, 5, base)
    case("base_repr", [], 0, [], num=5, base=base, pad=0, err=1)

npys.write_cases(OUT, cases)
