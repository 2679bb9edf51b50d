#!/usr/bin/python3
"""Writes testdata/poly/: NumPy's answers for array/poly's tests (np.poly,
np.roots, np.polyadd, polysub, polymul, polydiv, polyder, polyint and
polyfit).

cases.txt lists one case a line:

    <op> <inputs> <results> <tolerance> [key=value ...]

inputs and results count the case's arrays in cases.npys (its inputs,
then NumPy's results); tolerance is the error allowed relative to
max(max |expected|, 1) (0: exact); the key=value pairs are the call's
arguments. Ops and their arrays:
  add, sub, mul    a1 a2 -> np.polyadd / polysub / polymul
  div              u v -> q r
  der m=M          p -> np.polyder(p, M)
  int m=M          p [k] -> np.polyint(p, M[, k])
  poly             r -> np.poly(r) (roots or a square matrix)
  roots            p -> np.roots(p); the Go test matches the roots as
                   multisets; loose=1 marks repeated roots, which a solver
                   may return slightly complex where another returns them
                   real (their dtypes then need only agree in precision)
  fit deg=D        x y [w] -> p      (rcond=R, w=1: weights given)
  fitfull deg=D    x y [w] -> p residuals rank singular_values rcond
  fitcov deg=D cov=scaled|unscaled   x y [w] -> p cov

Inputs are random (normal reals, complex with normal parts, integers) in
every dtype NumPy's functions take, with the edge cases: empty and
length-1 polynomials, 0-d inputs, leading and trailing zeros, polynomials
of zeros, repeated and complex roots, rank-deficient fits, 2-d y.

Run from the repository root: /usr/bin/python3 testdata/gen_poly.py
It runs unchanged under NumPy 1.24 and 2.x: the cases avoid what differs
(NumPy 2.5's eigvals are always complex, but np.roots and np.poly turn
them real as before).
"""
import os
import warnings

import numpy as np

import npys

warnings.simplefilter("ignore")
rng = np.random.default_rng(2027)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "poly")
os.makedirs(OUT, exist_ok=True)

cases = []


def case(op, xs, tol, res, **kw):
    if not isinstance(res, (list, tuple)):
        res = [res]
    args = "".join(f" {k}={v}" for k, v in kw.items())
    cases.append((f"{op} {len(xs)} {len(res)} {tol}{args}", xs, [np.asarray(r) for r in res]))


def data(dt, shape, scale=2.0):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        lo = 0 if dt.kind == "u" else -9
        return rng.integers(lo, 10, shape, endpoint=True).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) * scale + 1j * rng.standard_normal(shape) * scale).astype(dt)
    return (rng.standard_normal(shape) * scale).astype(dt)


def tol(*arrays):
    """The tolerance of an exact integer result, or of float32 or float64
    arithmetic (a few dozen roundings)."""
    dt = np.result_type(*arrays)
    if dt.kind in "biu":
        return "0"
    return "1e-4" if np.finfo(dt).bits <= 32 or dt == np.complex64 else "1e-12"


DTYPES = ["bool", "int8", "int32", "int64", "uint8", "uint64", "float32", "float64", "complex64", "complex128"]

# polyadd, polysub, polymul: every pair of dtypes over a few lengths
for i, d1 in enumerate(DTYPES):
    for d2 in DTYPES[i::3]:
        n1, n2 = rng.integers(0, 7, 2)
        a1, a2 = data(d1, n1), data(d2, n2)
        if not d1 == d2 == "bool":  # NumPy refuses bool - bool
            case("sub", [a1, a2], tol(a1, a2), np.polysub(a1, a2))
        case("add", [a1, a2], tol(a1, a2), np.polyadd(a1, a2))
        case("add", [a2, a1], tol(a1, a2), np.polyadd(a2, a1))
        if n1 and n2:
            case("mul", [a1, a2], tol(a1, a2), np.polymul(a1, a2))
for dt in ["int64", "float32", "float64", "complex128"]:
    a = data(dt, 5)
    a[:2] = 0  # leading zeros: polymul drops them, polyadd keeps them
    b = data(dt, 3)
    c = np.array(data(dt, ()))
    for op, f in [("add", np.polyadd), ("sub", np.polysub), ("mul", np.polymul)]:
        case(op, [a, b], tol(a, b), f(a, b))
        case(op, [np.zeros(3, dt), b], tol(a, b), f(np.zeros(3, dt), b))
        case(op, [c, b], tol(a, b), f(c, b))
    case("mul", [np.zeros(0, dt), b], tol(a, b), np.polymul(np.zeros(0, dt), b))
x, y = data("float64", 40), data("float64", 70)
case("mul", [x, y], "1e-12", np.polymul(x, y))

# polydiv
for du, dv in [("float64", "float64"), ("int64", "int64"), ("float32", "float32"), ("float32", "float64"),
               ("complex128", "float64"), ("complex64", "complex64"), ("int32", "complex128"), ("bool", "float64")]:
    for m, n in [(6, 3), (4, 4), (2, 5), (1, 1), (9, 1), (10, 7)]:
        u, v = data(du, m), data(dv, n)
        if dv != "bool":
            v[0] = v[0] if v[0] != 0 else 1
        q, r = np.polydiv(u, v)
        case("div", [u, v], tol(u, v, 0.0), [q, r])
for dt in ["float64", "complex128", "float32"]:
    v, q0 = data(dt, 4), data(dt, 3)
    u = np.polymul(v, q0)  # an exact division: the remainder shrinks to one term
    case("div", [u, v], tol(u, v), list(np.polydiv(u, v)))
    r0 = data(dt, 2)
    u = np.polyadd(np.polymul(v, q0), r0)
    case("div", [u, v], tol(u, v), list(np.polydiv(u, v)))
case("div", [np.array(3.0), np.array([2.0, 1.0])], "1e-12", list(np.polydiv(np.array(3.0), np.array([2.0, 1.0]))))

# polyder and polyint
for dt in ["bool", "int8", "int32", "int64", "uint64", "float32", "float64", "complex64", "complex128"]:
    for n in [0, 1, 2, 5, 9]:
        p = data(dt, n)
        for m in [0, 1, 2, 3]:
            case("der", [p], tol(p, 1), np.polyder(p, m), m=m)
            if dt != "bool" or m:  # polyint(p, 0) returns p itself
                case("int", [p], tol(p, 1.0), np.polyint(p, m), m=m)
        for k in [np.array(2.5), np.array([3], "int64"), data("float64", 3), data("complex128", 2), data("float32", 4)]:
            m = max(k.size, 1) if k.size != 1 else 2
            case("int", [p, k], tol(p, k, 1.0), np.polyint(p, m, k), m=m)

# np.poly: from roots and from matrices
for dt in ["int64", "float32", "float64", "complex64", "complex128", "bool", "float16"]:
    for n in [0, 1, 3, 8]:
        r = data(dt, n)
        case("poly", [r], tol(np.poly(r)), np.poly(r))
    r = np.array(data(dt, ()))  # NumPy's dispatch refuses 0-d; its code means atleast_1d
    case("poly", [r], tol(np.poly([r])), np.poly(np.atleast_1d(r)))
for dt in ["float32", "float64", "complex64", "complex128"]:
    c = data(dt, 3)
    conj = np.concatenate([c, np.conj(c), data("float64", 2).astype(dt)])
    rng.shuffle(conj)
    case("poly", [conj], tol(conj), np.poly(conj))  # conjugate pairs: the result is real
    case("poly", [np.array([2, 2, 2, -1, 0.5], dt)], tol(conj), np.poly(np.array([2, 2, 2, -1, 0.5], dt)))
for dt in ["int64", "float32", "float64", "complex128"]:
    for n in [1, 2, 4, 6]:
        a = data(dt, (n, n))
        t = "1e-3" if dt == "float32" else "1e-9"
        case("poly", [a], t, np.poly(a))
sym = data("float64", (5, 5))
case("poly", [sym + sym.T], "1e-9", np.poly(sym + sym.T))

# np.roots: random coefficients, known roots, zeros at either end
for dt in ["int64", "float32", "float64", "complex64", "complex128"]:
    t = "1e-3" if dt in ("float32", "complex64") else "1e-9"
    for n in [1, 2, 3, 5, 8, 12]:
        p = data(dt, n)
        p[0] = p[0] if p[0] != 0 else 1
        case("roots", [p], t, np.roots(p))
    p = data(dt, 5)
    p[0] = p[0] if p[0] != 0 else 3
    for lead, trail in [(2, 0), (0, 3), (1, 2)]:
        q = np.concatenate([np.zeros(lead, dt), p, np.zeros(trail, dt)])
        case("roots", [q], t, np.roots(q))
    for q in [np.zeros(4, dt), np.zeros(0, dt), np.array([3, 0, 0], dt), np.array([0, 5, 0], dt), np.array(data(dt, ()))]:
        case("roots", [q], t, np.roots(np.atleast_1d(q)))  # as for np.poly, 0-d means atleast_1d
    real = np.poly(np.array([-3, -1, 0.5, 2, 4]))  # distinct real roots: a real result
    case("roots", [real.astype(dt)], t, np.roots(real.astype(dt)))
    pairs = np.poly(np.array([1 + 2j, 1 - 2j, -0.5 + 1j, -0.5 - 1j, 3]))
    case("roots", [pairs.real.astype(dt)], t, np.roots(pairs.real.astype(dt)))
for dt, t in [("float64", "1e-4"), ("float32", "3e-2")]:
    for rs in [[2, 2, 2, -1], [1, 1], [0.5, 0.5, 3, 3]]:
        p = np.poly(np.array(rs, dtype=float)).astype(dt)
        case("roots", [p], t, np.roots(p), loose=1)
p = np.poly(np.array([1j, 1j, 2]))  # repeated complex roots
case("roots", [p], "1e-5", np.roots(p), loose=1)

# np.polyfit
def fit_cases(x, y, deg, w=None, tol="1e-8", **kw):
    xs = [x, y] + ([w] if w is not None else [])
    if w is not None:
        kw["w"] = 1
    rcond = kw.get("rcond")
    case("fit", xs, tol, np.polyfit(x, y, deg, rcond=rcond, w=w), deg=deg, **kw)
    p, res, rank, s, rc = np.polyfit(x, y, deg, rcond=rcond, w=w, full=True)
    case("fitfull", xs, tol, [p, res, np.int64(rank), s, np.float64(rc)], deg=deg, **kw)
    # no singular value near the cutoff, where another SVD could count another rank
    assert not np.any(np.isclose(s, rc * s[0], rtol=1e-3, atol=0)), (x, deg)
    if rank < deg + 1:
        return  # the covariance of a rank-deficient fit is noise or an error
    if len(x) > deg + 1:
        case("fitcov", xs, tol, list(np.polyfit(x, y, deg, rcond=rcond, w=w, cov=True)), deg=deg, cov="scaled", **kw)
    case("fitcov", xs, tol, list(np.polyfit(x, y, deg, rcond=rcond, w=w, cov="unscaled")), deg=deg, cov="unscaled", **kw)


for dx, dy in [("float64", "float64"), ("float32", "float32"), ("int64", "float64"), ("float64", "int32"),
               ("float32", "float64"), ("complex128", "complex128"), ("float64", "complex128"),
               ("complex64", "float32"), ("float16", "float64"), ("bool", "float64")]:
    for n, deg in [(20, 3), (7, 1), (9, 0), (12, 5)]:
        x = data(dx, n, 1.0)
        y = np.polyval(data("float64", deg + 1), x.astype(np.result_type(x, 1.0))) + 0.05 * data(dy, n)
        y = (y if dy[0] == "c" else y.real).astype(dy)
        fit_cases(x, y, deg)
x = np.linspace(-1, 1, 15)
Y = np.stack([np.polyval(data("float64", 4), x) + 0.01 * data("float64", 15) for _ in range(3)], axis=1)
fit_cases(x, Y, 3)  # several columns at once
fit_cases(x, Y.astype("float32"), 2, w=np.abs(data("float64", 15)) + 0.1)
fit_cases(x, Y[:, :1], 1)
fit_cases(x, np.polyval([1, -2, 0.5], x) + 0.01 * data("float64", 15), 2, w=np.abs(data("float32", 15)) + 0.1)
fit_cases(x, np.polyval([1, -2, 0.5], x), 2, rcond=1e-3)  # an exact fit: residuals of rounding
fit_cases(x, data("float64", 15), 4, w=(np.arange(15) % 5 + 1).astype("int64"))
fit_cases(np.array([1.0, 1, 1, 2, 2, 2]), data("float64", 6), 3)  # rank 2 < 4: RankWarning in NumPy
fit_cases(np.linspace(0, 3, 4), data("float64", 4), 5)  # more coefficients than points
fit_cases(np.array([0.5]), np.array([2.0]), 0)  # one point
fit_cases(np.linspace(0, 1, 6), data("float64", 6), 2, rcond=0.3)  # a cutoff that drops a singular value
fit_cases(np.arange(10, 20.0), data("float64", 10), 3, tol="1e-6")  # x far from 0: poorly conditioned

# np.poly of infinite and NaN roots: the leading coefficient stays 1
for r in ([np.inf, 1.0], [1.0, np.nan, 2.0], [-np.inf, np.inf]):
    r = np.array(r)
    case("poly", [r], "1e-12", np.poly(r))

npys.write_cases(OUT, cases)
print(f"{len(cases)} cases in {OUT}")
