#!/usr/bin/python3
"""Writes testdata/signal/: NumPy's answers for array/signal_numpy_test.go,
the signal-processing functions (sliding windows, convolve and correlate,
interp, trapezoid, gradient, unwrap, ediff1d, nan_to_num).

cases.txt lists one case a line:

    <function> <inputs> <results> <tolerance> [key=value ...]

inputs and results count the case's arrays in cases.npys (its inputs,
then NumPy's results), tolerance is in epsilons of the result dtype of
max(|expected|, 1) (0: exact), and the key=value pairs are the call's
arguments (the Go test reads them). view=<v> says that the function was
applied to a view of the stored input: step (every other element of the
last axis), rev (the last axis reversed) or T (transposed).

Run from the repository root: /usr/bin/python3 testdata/gen_signal.py
It runs under NumPy 1.24 and 2.x alike (np.trapezoid is np.trapz before
NumPy 2).
"""
import math
import os
import warnings

import numpy as np

import npys

warnings.simplefilter("ignore")
rng = np.random.default_rng(2026)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "signal")
os.makedirs(OUT, exist_ok=True)
trapezoid = getattr(np, "trapezoid", None) or np.trapz

cases = []


def case(fn, xs, tol, res, **kw):
    cases.append(npys.case(fn, xs, tol, res, **kw))


def view(x, v):
    return {"step": lambda: x[..., ::2], "rev": lambda: x[..., ::-1], "T": lambda: x.T, "none": lambda: x}[v]()


def data(dt, shape, scale=4.0):
    return npys.random_data(rng, dt, shape, scale)


# --- sliding_window_view: zero-copy windows, compared as copies
swv = np.lib.stride_tricks.sliding_window_view
x = data("float32", (4, 6, 5))
for v in ("none", "step", "T"):
    case("window", [x], 0, swv(view(x, v), 2, axis=-1), window="2", axes="-1", view=v)
case("window", [x], 0, swv(x, (2, 3), axis=(0, 2)), window="2,3", axes="0,2")
case("window", [x], 0, swv(x, (2, 2), axis=(1, 1)), window="2,2", axes="1,1")
case("window", [x], 0, swv(x, (4, 6, 5)), window="4,6,5", axes="none")
case("window", [x], 0, swv(x, (1, 3, 2)), window="1,3,2", axes="none")
e = np.zeros((0, 3), np.int16)
case("window", [e], 0, swv(e, (0, 2)), window="0,2", axes="none")
b = data("bool", (7,))
case("window", [b], 0, swv(b, 7), window="7", axes="-1")
z = np.array(2.5 + 1j, np.complex64)
case("window", [z], 0, swv(z, ()), window="", axes="none")

# --- convolve and correlate: every dtype, both orders of lengths, every
# mode, filters across the direct (<= 16), windows and FFT methods.
modes = ("full", "same", "valid")
lengths = [(10, 3), (3, 10), (5, 5), (1, 1), (200, 17), (17, 200), (300, 70)]
for dt in ("bool", "int8", "uint8", "int16", "int32", "int64", "float16", "float32", "float64", "complex64", "complex128"):
    for n, m in lengths:
        # sums of products: a GPU's order and fused multiply-adds differ from
        # NumPy's by some epsilons of the terms, which may exceed the result
        tol = {"float16": 2, "float32": 256, "complex64": 256, "float64": 256, "complex128": 256}.get(dt, 0)
        if min(n, m) >= 64 and dt != "float16":
            tol = 10000  # the FFT's error is relative to the inputs' norms
        a, v = data(dt, (n,), 1.0), data(dt, (m,), 1.0)
        for mode in modes:
            case("convolve", [a, v], tol, np.convolve(a, v, mode), mode=mode)
            case("correlate", [a, v], tol, np.correlate(a, v, mode), mode=mode)
# long filters: the FFT for floats, windows for integers (in two blocks
# of at most 2^20 window elements for the longest)
for dt in ("int32", "uint8", "float32", "float64", "complex64", "complex128", "float16"):
    tol = {"float16": 4, "float32": 10000, "complex64": 10000, "float64": 10000, "complex128": 10000}.get(dt, 0)
    a, v = data(dt, (700,), 1.0), data(dt, (300,), 1.0)
    for mode in modes:
        case("convolve", [a, v], tol, np.convolve(a, v, mode), mode=mode)
        case("correlate", [v, a], tol, np.correlate(v, a, mode), mode=mode)
a, v = data("int16", (2000,), 1.0), data("int16", (600,), 1.0)
case("convolve", [a, v], 0, np.convolve(a, v, "full"), mode="full")
case("correlate", [v, a], 0, np.correlate(v, a, "same"), mode="same")
# a NaN and an infinity spoil only the outputs that read them, at every length
for n, m in ((50, 5), (700, 300)):
    a, v = data("float64", (n,), 1.0), data("float64", (m,), 1.0)
    a[n // 3], a[n // 2] = np.nan, np.inf
    case("convolve", [a, v], 10000, np.convolve(a, v, "full"), mode="full")
    case("correlate", [a, v], 10000, np.correlate(a, v, "same"), mode="same")
# mixed dtypes promote; 0-d inputs count as 1-d in convolve (correlate
# refuses them); views
for da, dv in (("int8", "uint8"), ("int16", "float32"), ("bool", "int8"), ("float32", "complex64"), ("float16", "int8"), ("float64", "complex64")):
    a, v = data(da, (30,), 1.0), data(dv, (20,), 1.0)
    tol = 0 if np.result_type(a, v).kind in "biu" else 64 if np.result_type(a, v) == np.float16 else 256
    case("convolve", [a, v], tol, np.convolve(a, v, "same"), mode="same")
    case("correlate", [a, v], tol, np.correlate(a, v, "full"), mode="full")
a, v = np.array(3.0), data("float64", (4,))
case("convolve", [a, v], 4, np.convolve(a, v, "full"), mode="full")
case("convolve", [v, a], 4, np.convolve(v, a, "valid"), mode="valid")
a, v = data("float64", (60,)), data("complex128", (40,))
for vw in ("step", "rev"):
    case("convolve", [a, v], 256, np.convolve(view(a, vw), view(v, vw), "full"), mode="full", view=vw)
    case("correlate", [a, v], 256, np.correlate(view(a, vw), view(v, vw), "same"), mode="same", view=vw)

# --- interp
xp = np.sort(rng.uniform(-5, 5, 12))
fp = rng.standard_normal(12)
x = np.concatenate([rng.uniform(-7, 7, 40), xp[[0, 3, 11]], [np.nan, -np.inf, np.inf]])
case("interp", [x, xp, fp], 4, np.interp(x, xp, fp))
case("interp", [x, xp, fp], 4, np.interp(x, xp, fp, left=-10.0, right=np.nan), left="-10", right="nan")
case("interp", [x.reshape(2, 23), xp, fp], 4, np.interp(x.reshape(2, 23), xp, fp))
case("interp", [x, xp, fp], 4, np.interp(view(x, "step"), xp, fp), view="step")
fc = (rng.standard_normal(12) + 1j * rng.standard_normal(12)).astype(np.complex64)
fc[4] = complex(np.inf, 1)
fc[7] = complex(2, -np.inf)
case("interp", [x, xp, fc], 4, np.interp(x, xp, fc))
case("interp", [x, xp, fc], 4, np.interp(x, xp, fc, left=1 + 2j, right=-3j), left="1+2i", right="-3i")
xi, xpi, fpi = rng.integers(-3, 10, 20).astype(np.int16), np.arange(0, 8, dtype=np.int32), rng.standard_normal(8).astype(np.float32)
case("interp", [xi, xpi, fpi], 4, np.interp(xi, xpi, fpi))
case("interp", [np.array(0.25), xp, fp], 4, np.interp(np.array(0.25), xp, fp))
case("interp", [np.zeros((0, 2)), xp, fp], 0, np.interp(np.zeros((0, 2)), xp, fp))
case("interp", [x, xp[:1], fp[:1]], 0, np.interp(x, xp[:1], fp[:1]))
case("interp", [x, xp[:1], fp[:1]], 0, np.interp(x, xp[:1], fp[:1], left=-1.0, right=1.0), left="-1", right="1")
# infinite values: NumPy's fallbacks where the slope formula gives NaN
xpinf = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
fpinf = np.array([0.0, np.inf, np.inf, -np.inf, 5.0])
xinf = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0])
case("interp", [xinf, xpinf, fpinf], 0, np.interp(xinf, xpinf, fpinf))
# periodic: unsorted xp, x and xp modulo the period, a negative period
xa = rng.uniform(-400, 400, 30)
xpa = np.array([190.0, -190.0, 350.0, 10.0, -170.0, 170.0])
fpa = np.array([5.0, 10.0, 3.0, -4.0, 7.0, 1.0])
case("interp", [xa, xpa, fpa], 16, np.interp(xa, xpa, fpa, period=360), period="360")
case("interp", [xa, xpa, fpa], 16, np.interp(xa, xpa, fpa, period=-360, left=1.0), period="-360", left="1")
case("interp", [xa, xpa, fc[:6]], 16, np.interp(xa, xpa, fc[:6], period=360), period="360")

# --- trapezoid
for dt in ("float64", "float32", "float16", "int16", "bool", "complex64", "uint8"):
    y = data(dt, (4, 6), 2.0)
    tol = {"float16": 16}.get(dt, 16)
    case("trapezoid", [y], tol, trapezoid(y), axis="-1")
    case("trapezoid", [y], tol, trapezoid(y, dx=0.5, axis=0), axis="0", dx="0.5")
xs = np.cumsum(rng.uniform(0.1, 1, 6))
y = data("float32", (4, 6), 2.0)
case("trapezoid", [y, xs], 16, trapezoid(y, xs), axis="-1")
case("trapezoid", [y, xs[:4]], 16, trapezoid(y, xs[:4], axis=0), axis="0")
x2 = np.cumsum(rng.uniform(0.1, 1, (4, 6)), axis=1).astype(np.float32)
case("trapezoid", [y, x2], 16, trapezoid(y, x2, axis=1), axis="1")
case("trapezoid", [y], 16, trapezoid(view(y, "T"), axis=1), axis="1", view="T")
yn = data("float64", (3, 5))
yn[1, 2], yn[2, 0] = np.nan, np.inf
case("trapezoid", [yn], 0, trapezoid(yn, axis=1), axis="1")
for shape in ((3, 0), (3, 1), (0, 4)):
    y = data("float64", shape)
    case("trapezoid", [y], 0, trapezoid(y, axis=-1), axis="-1")

# --- gradient
f1 = data("float64", (9,))
case("gradient", [f1], 16, np.gradient(f1))
case("gradient", [f1], 16, np.gradient(f1, 0.5, edge_order=2), spacing="0.5", edge="2")
coords = np.cumsum(rng.uniform(0.2, 1.5, 9))
case("gradient", [f1, coords], 64, np.gradient(f1, coords), spacing="x1")
case("gradient", [f1, coords], 64, np.gradient(f1, coords, edge_order=2), spacing="x1", edge="2")
icoords = np.arange(0, 27, 3)
case("gradient", [f1, icoords], 16, np.gradient(f1, icoords, edge_order=2), spacing="x1", edge="2")
f2 = data("float32", (5, 7))
case("gradient", [f2], 16, np.gradient(f2))
case("gradient", [f2], 16, np.gradient(f2, axis=1), axes="1")
case("gradient", [f2], 16, np.gradient(f2, axis=(1, 0)), axes="1,0")
c0 = np.cumsum(rng.uniform(0.2, 1.5, 5))
case("gradient", [f2, c0], 64, np.gradient(f2, c0, 2.0, edge_order=2), spacing="x1,2", edge="2")
case("gradient", [f2], 16, np.gradient(view(f2, "T"), 0.25), spacing="0.25", view="T")
for dt in ("int8", "uint16", "complex128", "float16"):
    f = data(dt, (4, 3))
    case("gradient", [f], 16, np.gradient(f, edge_order=2), edge="2")
fe = data("float64", (2, 3))
case("gradient", [fe], 16, np.gradient(fe, axis=0), axes="0")
fn = data("float64", (6,))
fn[2], fn[4] = np.nan, np.inf
case("gradient", [fn], 0, np.gradient(fn))

# --- unwrap
ph = np.cumsum(rng.uniform(-2.5, 2.5, (4, 30)), axis=1)
wrapped = np.angle(np.exp(1j * ph))
case("unwrap", [wrapped], 8, np.unwrap(wrapped))
case("unwrap", [wrapped.astype(np.float32)], 8, np.unwrap(wrapped.astype(np.float32)))
case("unwrap", [wrapped.T.copy()], 8, np.unwrap(wrapped.T, axis=0), axis="0")
case("unwrap", [wrapped], 8, np.unwrap(wrapped, discont=4.0), discont="4")
deg = np.mod(np.cumsum(rng.uniform(-170, 170, 25)), 360) - 180
case("unwrap", [deg], 8, np.unwrap(deg, period=360), period="360.0")
ints = rng.integers(0, 7, 40).astype(np.int64)
case("unwrap", [ints], 0, np.unwrap(ints, period=7), period="7")
evens = np.array([0, 4, 8, 0, 4, 8, 3, 7, 3], np.int32)
case("unwrap", [evens], 0, np.unwrap(evens, period=8), period="8")
case("unwrap", [evens], 8, np.unwrap(evens), )
halves = np.array([0.0, math.pi, 0.0, -math.pi, 0.0, 2.5, -1.0])
case("unwrap", [halves], 8, np.unwrap(halves))
for shape in ((3, 0), (3, 1)):
    e = data("float32", shape)
    case("unwrap", [e], 0, np.unwrap(e))

# --- ediff1d
for dt in ("int8", "uint8", "float32", "complex64", "int64"):
    x = data(dt, (3, 5))
    case("ediff1d", [x], 0, np.ediff1d(x))
x = data("float64", (7,))
tb, te = np.array([[1.5, -2.0]]), np.array([9.0])
case("ediff1d", [x, tb, te], 0, np.ediff1d(x, to_end=te, to_begin=tb), begin="arg", end="arg")
case("ediff1d", [x], 0, np.ediff1d(x, to_end=np.nan, to_begin=3), begin="3", end="nan")
x8 = data("int8", (6,))
case("ediff1d", [x8, np.array([300, -5], np.int64)], 0, np.ediff1d(x8, to_begin=np.array([300, -5])), begin="arg")
case("ediff1d", [np.zeros(0, np.int32)], 0, np.ediff1d(np.zeros(0, np.int32), to_end=-7), end="-7")
case("ediff1d", [np.array(4.0)], 0, np.ediff1d(np.array(4.0)))

# --- nan_to_num
specials = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.5, -2.25, 1e30]
for dt in ("float16", "float32", "float64"):
    x = np.array(specials * 2, dt).reshape(4, 4)
    case("nantonum", [x], 0, np.nan_to_num(x))
    case("nantonum", [x], 0, np.nan_to_num(x, nan=-1.0, posinf=1e300, neginf=-7.0), nan="-1", posinf="1e300", neginf="-7")
for dt in ("complex64", "complex128"):
    re = np.array(specials, np.float64)
    x = (re + 1j * np.roll(re, 3)).astype(dt)
    case("nantonum", [x], 0, np.nan_to_num(x))
    case("nantonum", [x], 0, np.nan_to_num(x, nan=2.0, neginf=0.0), nan="2", neginf="0")
for dt in ("int32", "bool", "uint8"):
    x = data(dt, (5,))
    case("nantonum", [x], 0, np.nan_to_num(x))
x = np.array(specials, np.float64)
case("nantonum", [x], 0, np.nan_to_num(view(x, "step")), view="step")

# --- select, choose, compress, extract, flatnonzero
def select2(condlist, choicelist, default):
    """np.select as NumPy 2 types it on any NumPy: every choice and the
    default become arrays, whose dtypes count in full (no value-based
    casting of 0-d arrays, as NumPy 1.x did); the choices promote together,
    then with the default."""
    choices = [np.asarray(c) for c in choicelist]
    dt = np.result_type(np.result_type(*[c.dtype for c in choices]), np.asarray(default).dtype)
    return np.select(condlist, [c.astype(dt) for c in choices], np.asarray(default).astype(dt))


c1 = rng.random((4, 5)) < 0.4
c2 = rng.random(5) < 0.5
xf = data("float32", (4, 5))
case("select", [c1, c2, xf], 0, select2([c1, c2], [xf, 7], 0.5), nconds="2", choices="arr,7", default="0.5")
xi8, xi16 = data("int8", (4, 5)), data("int16", (5,))
case("select", [c1, c2, xi8, xi16], 0, select2([c1, c2], [xi8, xi16], -1), nconds="2", choices="arr,arr", default="-1")
case("select", [c1, c2], 0, select2([c1, c2], [1, 2.5], 0), nconds="2", choices="1,2.5", default="0")
dflt = data("uint8", (4, 1))
case("select", [c1, xi8, dflt], 0, select2([c1], [xi8], dflt), nconds="1", choices="arr", default="arg")
idx = rng.integers(0, 3, (3, 4))
ch = [data("int16", (3, 4)), data("float32", (4,)), data("int8", (1, 4))]
case("choose", [idx] + ch, 0, np.choose(idx, ch), mode="raise")
wild = rng.integers(-5, 8, (3, 4)).astype(np.int32)
case("choose", [wild] + ch, 0, np.choose(wild, ch, mode="wrap"), mode="wrap")
case("choose", [wild] + ch, 0, np.choose(wild, ch, mode="clip"), mode="clip")
case("choose", [idx[0, :1], ch[1]], 0, np.choose(np.zeros(1, np.int64), [ch[1]]), mode="raise", zero="1")
m = data("float64", (4, 6))
cond = np.array([1, 0, 2, 0, 1], np.int8)
case("compress", [cond, m], 0, np.compress(cond, m, axis=1), axis="1")
case("compress", [cond[:3] != 0, m], 0, np.compress(cond[:3] != 0, m, axis=0), axis="0")
case("compress", [cond != 0, m], 0, np.compress(cond != 0, m), axis="none")
case("compress", [cond[:4], m], 0, np.compress(cond[:4], view(m, "T"), axis=-1), axis="-1", view="T")
ce = rng.integers(0, 3, (4, 6)).astype(np.int16)
case("extract", [ce, m], 0, np.extract(ce, m))
case("extract", [ce[:2], m], 0, np.extract(ce[:2], m))
fz = np.array([[0.0, -0.0, np.nan, 1.0], [0.0, 2.0, 0.0, -np.inf]])
case("flatnonzero", [fz], 0, np.flatnonzero(fz))
case("flatnonzero", [fz], 0, np.flatnonzero(view(fz, "T")), view="T")
case("flatnonzero", [np.array(3)], 0, np.flatnonzero(np.array(3)))
bb = data("bool", (9,))
case("flatnonzero", [bb], 0, np.flatnonzero(bb))

# --- array_equal, array_equiv (a bool each)
e1 = np.array([1.0, np.nan, 3.0])
e2 = np.array([1.0, np.nan, 3.0])
case("array_equal", [e1, e2], 0, np.array(np.array_equal(e1, e2)), equal_nan="0")
case("array_equal", [e1, e2], 0, np.array(np.array_equal(e1, e2, equal_nan=True)), equal_nan="1")
ci = np.array([1 + 1j, complex(np.nan, 1)], np.complex64)
cj = np.array([1 + 1j, complex(2, np.nan)], np.complex128)
case("array_equal", [ci, cj], 0, np.array(np.array_equal(ci, cj, equal_nan=True)), equal_nan="1")
ii = np.arange(6, dtype=np.int32).reshape(2, 3)
case("array_equal", [ii, ii.astype(np.float32)], 0, np.array(np.array_equal(ii, ii.astype(np.float32), equal_nan=True)), equal_nan="1")
case("array_equal", [ii, ii.reshape(3, 2)], 0, np.array(np.array_equal(ii, ii.reshape(3, 2))), equal_nan="0")
case("array_equiv", [ii, ii[1:]], 0, np.array(np.array_equiv(ii, ii[1:])))
case("array_equiv", [ii[1:], ii[1:] + 0], 0, np.array(np.array_equiv(np.broadcast_to(ii[1:], (2, 3)), ii[1:])))
case("array_equiv", [ii, ii[:, :2]], 0, np.array(np.array_equiv(ii, ii[:, :2])))

# --- polyval (dtype pairs that NumPy 1.24 and 2 type alike)
for pdt, xdt in (("float32", "float64"), ("int8", "int64"), ("complex128", "float64")):
    p = data(pdt, (4,), 1.0)
    x = data(xdt, (3, 5), 1.0)
    case("polyval", [p, x], 16, np.polyval(p, x))
z4 = data("float32", (4,))
case("polyval", [np.zeros(0), z4], 0, np.polyval(np.zeros(0), z4))

# --- isreal, iscomplex, real_if_close
zc = np.array([1 + 0j, complex(2, -0.0), complex(0, 1e-300), complex(np.nan, 0), complex(1, np.nan)], np.complex128)
for fn in ("isreal", "iscomplex"):
    case(fn, [zc], 0, getattr(np, fn)(zc))
    case(fn, [ii], 0, getattr(np, fn)(ii))
near = np.array([1 + 1e-15j, 2 - 3e-15j], np.complex128)
case("real_if_close", [near], 0, np.real_if_close(near), limit="100")
far = np.array([1 + 1e-5j, 2 + 0j], np.complex64)
case("real_if_close", [far], 0, np.real_if_close(far), limit="100")
case("real_if_close", [far], 0, np.real_if_close(far, tol=1e-3), limit="0.001")
case("real_if_close", [ii], 0, np.real_if_close(ii), limit="100")

npys.write_cases(OUT, cases)
