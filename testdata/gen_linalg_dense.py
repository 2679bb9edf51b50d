#!/usr/bin/python3
"""Writes testdata/linalg_dense/: NumPy's answers for array/linalg's tests.

cases.txt lists one case a line, "<op> <inputs> <outputs> [params]";
cases.npys holds, case after case, the inputs then NumPy's outputs, each
written by np.save (ReadNpy reads them one after another). Ops, with the
outputs they store:
  solve                  np.linalg.solve(a, b)
  inv, det               np.linalg.inv(a), np.linalg.det(a)
  slogdet                sign, logabsdet
  cholesky L|U           np.linalg.cholesky(a) (U: its conjugate transpose)
  qr MODE                q, r (MODE reduced or complete) or r (MODE r)
  svd FULL               s, then the Go test checks u @ diag(s) @ vh == a
                         (u and vh are unique only up to phases)
  svdvals                s
  eigh UPLO              w, then the Go test checks a @ v == v * w
  eigvalsh UPLO          w
  lstsq RCOND            x, residuals, rank (int64 0-d), s (RCOND "none": default)
  pinv                   np.linalg.pinv(a)
  matrix_rank            np.linalg.matrix_rank(a)
  norm ORD AXES KEEP     np.linalg.norm(a, ORD, AXES, KEEP); ORD "none", a number,
                         inf, -inf, fro or nuc; AXES "none" or comma-separated
  cond P                 np.linalg.cond(a, P) (P "none", a number, inf, fro, nuc)
  vecdot AXIS, matvec, vecmat   np.vecdot(x1, x2, axis=AXIS), np.matvec, np.vecmat
  multi_dot N            np.linalg.multi_dot of the N inputs
  cross AXIS, kron       np.cross(a, b, axis=AXIS), np.kron(a, b)
  eigvals, eig           w, sorted by real then imaginary part (the Go test sorts
                         its own, and checks a @ v == v * w for eig)
  matrix_power N         np.linalg.matrix_power(a, N)
Inputs are random normals (complex: normal real and imaginary parts);
Hermitian positive-definite inputs are x @ xᴴ + n·I. Results are NumPy
1.24's; the script runs unchanged on NumPy 2.

Run from the repository root: /usr/bin/python3 testdata/gen_linalg_dense.py
"""
import os
import warnings

import numpy as np
from npys import write_cases

rng = np.random.default_rng(18)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linalg_dense")
os.makedirs(OUT, exist_ok=True)

FLOATS = ["float32", "float64", "complex64", "complex128"]


def rand(shape, dt):
    dt = np.dtype(dt)
    if dt.kind in "iu":
        return rng.integers(-4, 5, shape).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    return rng.standard_normal(shape).astype(dt)


def hpd(shape, dt):
    """Hermitian positive-definite matrices of shape (..., n, n)."""
    x = rand(shape, dt)
    n = shape[-1]
    return (x @ np.conj(np.swapaxes(x, -1, -2)) + n * np.eye(n)).astype(dt)


# NumPy 2's vecdot, matvec and vecmat, written out for NumPy 1.24
def vecdot(x1, x2, axis):
    if hasattr(np, "vecdot"):
        return np.vecdot(x1, x2, axis=axis)
    return np.sum(np.conj(x1) * x2, axis=axis)


def matvec(x1, x2):
    if hasattr(np, "matvec"):
        return np.matvec(x1, x2)
    return (x1 @ x2[..., None])[..., 0]


def vecmat(x1, x2):
    if hasattr(np, "vecmat"):
        return np.vecmat(x1, x2)
    return (np.conj(x1)[..., None, :] @ x2)[..., 0, :]


def regular(a):
    """a, made diagonally dominant if integer (random ones can be singular)."""
    if a.dtype.kind == "i":
        return a + 9 * np.eye(a.shape[-1], dtype=a.dtype)
    return a


cases = []  # (line, inputs, outputs)


def case(line, inputs, outputs):
    cases.append((line, inputs, [np.asarray(o) for o in outputs]))


for dt in FLOATS + ["int64"]:
    for n, lead in [(1, ()), (3, ()), (4, (2,)), (5, (2, 3)), (0, ()), (0, (2,))]:
        a = regular(rand(lead + (n, n), dt))
        b = rand(lead + (n, 2), dt)
        case("solve 2 1", [a, b], [np.linalg.solve(a, b)])
        case("inv 1 1", [a], [np.linalg.inv(a)])
        case("det 1 1", [a], [np.linalg.det(a)])
        case("slogdet 1 2", [a], list(np.linalg.slogdet(a)))
        for p in [0, 1, 2, 3, 5, -1, -2]:
            if dt == "int64" and p < 0:
                continue
            case(f"matrix_power 1 1 {p}", [a], [np.linalg.matrix_power(a, p)])
    a = regular(rand((3, 3), dt))
    b = rand((3,), dt)
    case("solve 2 1", [a, b], [np.linalg.solve(a, b)])  # a vector b
    a, b = regular(rand((2, 1, 3, 3), dt)), rand((1, 4, 3, 2), dt)
    case("solve 2 1", [a, b], [np.linalg.solve(a, b)])  # broadcast stacks
    singular = np.array([[1, 2], [2, 4]], dtype=dt)
    case("det 1 1", [singular], [np.linalg.det(singular)])
    case("slogdet 1 2", [singular], list(np.linalg.slogdet(singular)))

    for shape in [(1, 1), (4, 4), (2, 3, 5, 5), (0, 0)]:
        a = hpd(shape, dt)
        for uplo in "LU":
            c = np.linalg.cholesky(a)
            case(f"cholesky 1 1 {uplo}", [a], [c if uplo == "L" else np.conj(np.swapaxes(c, -1, -2))])
            case(f"eigvalsh 1 1 {uplo}", [a], [np.linalg.eigvalsh(a, uplo)])
            case(f"eigh 1 1 {uplo}", [a], [np.linalg.eigh(a, uplo)[0]])
        h = rand(shape, dt)  # not definite, and not Hermitian: only a triangle counts
        case("eigh 1 1 L", [h], [np.linalg.eigh(h, "L")[0]])
        case("eigvalsh 1 1 U", [h], [np.linalg.eigvalsh(h, "U")])

    for shape in [(5, 3), (3, 5), (4, 4), (1, 1), (2, 6, 4), (2, 3, 4, 6), (0, 3), (3, 0)]:
        a = rand(shape, dt)
        for mode in ["reduced", "complete"]:
            case(f"qr 1 2 {mode}", [a], list(np.linalg.qr(a, mode)))
        case("qr 1 1 r", [a], [np.linalg.qr(a, "r")])
        for full in [False, True]:
            case(f"svd 1 1 {int(full)}", [a], [np.linalg.svd(a, full)[1]])
        case("svdvals 1 1", [a], [np.linalg.svd(a, compute_uv=False)])
        case("pinv 1 1", [a], [np.linalg.pinv(a)])
        if a.size:  # NumPy takes the maximum of no singular values: an error
            case("matrix_rank 1 1", [a], [np.linalg.matrix_rank(a)])
    low = rand((2, 6, 2), dt) @ rand((2, 2, 5), dt)  # rank 2
    case("matrix_rank 1 1", [low], [np.linalg.matrix_rank(low)])
    case("pinv 1 1", [low], [np.linalg.pinv(low)])
    case("svdvals 1 1", [low[0]], [np.linalg.svd(low[0], compute_uv=False)])

    for shape, bshape in [((6, 3), (6,)), ((6, 3), (6, 2)), ((3, 5), (3, 2)), ((4, 4), (4,))]:
        a, b = rand(shape, dt), rand(bshape, dt)
        x, res, rank, s = np.linalg.lstsq(a, b, rcond=None)
        case("lstsq 2 4 none", [a, b], [x, res, np.int64(rank), s])
    a, b = rand((6, 2), dt) @ rand((2, 4), dt), rand((6, 3), dt)  # rank-deficient
    x, res, rank, s = np.linalg.lstsq(a, b, rcond=None)
    case("lstsq 2 4 none", [a, b], [x, res, np.int64(rank), s])
    x, res, rank, s = np.linalg.lstsq(a, b, rcond=0.5)
    case("lstsq 2 4 0.5", [a, b], [x, res, np.int64(rank), s])

    v = rand((7,), dt)
    for ord in ["none", "inf", "-inf", 0, 1, 2, 3, -1, 0.5]:
        o = None if ord == "none" else float(ord) if isinstance(ord, str) else ord
        case(f"norm 1 1 {ord} none 0", [v], [np.linalg.norm(v, o)])
    m = rand((3, 4, 5), dt)
    for ord in ["none", "fro", "nuc", "inf", "-inf", 1, -1, 2, -2]:
        o = None if ord == "none" else ord if ord in ("fro", "nuc") else float(ord)
        for axes in [(1, 2), (2, 0), (-1, -2)]:
            case(f"norm 1 1 {ord} {','.join(map(str, axes))} 0", [m], [np.linalg.norm(m, o, axes)])
        case(f"norm 1 1 {ord} 0,2 1", [m], [np.linalg.norm(m, o, (0, 2), True)])
        case(f"norm 1 1 {ord} none 0", [m[0]], [np.linalg.norm(m[0], o)])
    for ord in ["none", "inf", 1, 2, 4]:
        o = None if ord == "none" else float(ord)
        case(f"norm 1 1 {ord} 1 0", [m], [np.linalg.norm(m, o, 1)])
        case(f"norm 1 1 {ord} -1 1", [m], [np.linalg.norm(m, o, -1, True)])
    case("norm 1 1 none none 0", [m], [np.linalg.norm(m)])
    case("norm 1 1 none none 1", [m], [np.linalg.norm(m, keepdims=True)])

    a = rand((2, 4, 4), dt)
    a[1] = np.array([[1, 2, 3, 4], [2, 4, 6, 8], [1, 0, 0, 1], [0, 1, 1, 0]])  # singular
    for p in ["none", 2, -2, "fro", "nuc", 1, -1, "inf", "-inf"]:
        o = None if p == "none" else p if p in ("fro", "nuc") else float(p)
        case(f"cond 1 1 {p}", [a[:1]], [np.linalg.cond(a[:1], o)])
        if p not in ("none", 2, "nuc"):
            # the SVD's ratio for a singular matrix is rounding noise, and
            # NumPy fails on the SVD of the NaN inverse for nuc
            with np.errstate(all="ignore"):
                case(f"cond 1 1 {p}", [a], [np.linalg.cond(a, o)])
    r = rand((3, 5), dt)
    case("cond 1 1 none", [r], [np.linalg.cond(r)])

    x1, x2 = rand((2, 3, 4), dt), rand((3, 4), dt)
    case("vecdot 2 1 -1", [x1, x2], [vecdot(x1, x2, -1)])
    x1, x2 = rand((4, 2), dt), rand((4, 1), dt)
    case("vecdot 2 1 0", [x1, x2], [vecdot(x1, x2, 0)])
    x1, x2 = rand((2, 3, 4), dt), rand((4,), dt)
    case("matvec 2 1", [x1, x2], [matvec(x1, x2)])
    x1, x2 = rand((3,), dt), rand((2, 3, 5), dt)
    case("vecmat 2 1", [x1, x2], [vecmat(x1, x2)])
    chain = [rand((3,), dt), rand((3, 40), dt), rand((40, 2), dt), rand((2, 30), dt), rand((30,), dt)]
    for lo, hi in [(0, 2), (1, 3), (1, 4), (0, 5), (1, 5), (0, 4)]:
        case(f"multi_dot {hi - lo} 1", chain[lo:hi], [np.linalg.multi_dot(chain[lo:hi])])

    for sa, sb, axis in [((3,), (3,), -1), ((4, 3), (2, 1, 3), -1), ((3, 4), (3, 4), 0), ((5, 2), (5, 2), -1), ((2,), (3,), -1), ((4, 3), (4, 2), 1)]:
        a, b = rand(sa, dt), rand(sb, dt)
        try:  # NumPy 2 deprecates 2-vectors and may refuse them
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                case(f"cross 2 1 {axis}", [a, b], [np.cross(a, b, axis=axis)])
        except ValueError:
            pass
    for sa, sb in [((2, 3), (4,)), ((2, 2), (3, 3)), ((3,), (2, 1, 2)), ((0, 2), (2, 2))]:
        a, b = rand(sa, dt), rand(sb, dt)
        case("kron 2 1", [a, b], [np.kron(a, b)])

    if dt[0] != "c":  # the CPU backend has no complex geev
        for shape in [(1, 1), (4, 4), (2, 3, 5, 5), (0, 0)]:
            g, sym = rand(shape, dt), hpd(shape, dt)  # complex and real eigenvalues
            for x in [g, sym]:
                case("eigvals 1 1", [x], [np.sort(np.linalg.eigvals(x), axis=-1)])
                case("eig 1 1", [x], [np.sort(np.linalg.eig(x)[0], axis=-1)])

write_cases(OUT, cases, header="# made by testdata/gen_linalg_dense.py with NumPy " + np.__version__)
