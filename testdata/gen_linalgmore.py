#!/usr/bin/python3
"""Writes testdata/linalgmore/: NumPy's answers for array/linalg's tests of
general (complex) eigenproblems, the Hermitian SVD and QR's raw mode.

cases.txt lists one case a line, "<op> <inputs> <outputs> [params]";
cases.npys holds, case after case, the inputs then NumPy's outputs, each
written by np.save (ReadNpy reads them one after another). Ops, with the
outputs they store:
  eig TOL                w, v = np.linalg.eig(a), in NumPy's order; the Go test
                         matches eigenvalues as multisets within TOL (relative
                         to the largest), checks a @ v == v * w and zgeev's
                         normalisation, and compares the vectors of isolated
                         eigenvalues with NumPy's up to a phase
  eigvals TOL            w
  svdh                   u, s, vh = np.linalg.svd(a, hermitian=True); the Go
                         test compares s, rebuilds a, and compares the signs
                         diag(vh @ u) and the vectors up to a phase
  svdvalsh               np.linalg.svd(a, compute_uv=False, hermitian=True)
  pinvh                  np.linalg.pinv(a, hermitian=True)
  matrix_rankh           np.linalg.matrix_rank(a, hermitian=True)
  qr_raw                 h, tau = np.linalg.qr(a, "raw")
Inputs are random normals (complex: normal real and imaginary parts), and
the structured matrices that exercise an eigensolver's edge paths:
triangular, diagonal, Hermitian, defective (a Jordan block in disguise,
whose eigenvalues only agree to about the cube root of the precision).

NumPy 1.24 returns real eigenvalues and vectors from eig of a real matrix
whose eigenvalues are all real; NumPy 2 returns complex ones always, which
this script writes on either version. Results otherwise are the running
NumPy's; the script runs unchanged on NumPy 2.

Run from the repository root: /usr/bin/python3 testdata/gen_linalgmore.py
"""
import os

import numpy as np
from npys import write_cases

rng = np.random.default_rng(2026)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linalgmore")
os.makedirs(OUT, exist_ok=True)


def rand(shape, dt):
    dt = np.dtype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    return rng.standard_normal(shape).astype(dt)


def hermitian(shape, dt):
    x = rand(shape, dt)
    return ((x + np.conj(np.swapaxes(x, -1, -2))) / 2).astype(dt)


def complex_of(x, dt):
    """x in the complex dtype of dt's precision: NumPy 2's eig dtypes."""
    return np.asarray(x).astype(np.result_type(np.dtype(dt), np.complex64))


cases = []  # (line, inputs, outputs)


def case(line, inputs, outputs):
    cases.append((line, inputs, [np.asarray(o) for o in outputs]))


def eig_case(a, tol):
    w, v = np.linalg.eig(a)
    case(f"eig 1 2 {tol}", [a], [complex_of(w, a.dtype), complex_of(v, a.dtype)])
    case(f"eigvals 1 1 {tol}", [a], [complex_of(np.linalg.eigvals(a), a.dtype)])


for dt in ["complex64", "complex128", "float32", "float64"]:
    tol = "1e-3" if dt in ("complex64", "float32") else "1e-9"
    loose = "2e-2" if dt in ("complex64", "float32") else "1e-4"
    for shape in [(1, 1), (2, 2), (3, 3), (10, 10), (50, 50), (2, 3, 4, 4), (0, 0), (0, 3, 3), (2, 0, 0)]:
        eig_case(rand(shape, dt), tol)
    t = np.triu(rand((6, 6), dt))
    eig_case(t, tol)  # triangular: every subdiagonal is already zero
    eig_case(np.tril(rand((5, 5), dt)), tol)
    eig_case(np.diag(rand((5,), dt)).astype(dt), tol)
    eig_case(hermitian((7, 7), dt), tol)
    # defective: a 3×3 Jordan block and a 2×2 one, hidden by a similarity
    j = np.diag(np.array([2, 2, 2, -1, -1], dtype=dt)) + np.diag(np.array([1, 1, 0, 1], dtype=dt), 1)
    s = rand((5, 5), dt) + 3 * np.eye(5, dtype=dt)
    eig_case((s @ j @ np.linalg.inv(s)).astype(dt), loose)
    eig_case(j, tol)  # and bare: upper triangular with repeated eigenvalues
    # a permutation matrix: eigenvalues on the unit circle, the cube roots of 1
    eig_case(np.roll(np.eye(3, dtype=dt), 1, axis=0), tol)
    # rank 1: one eigenvalue n·(1+1j), the others zero in rounding noise
    eig_case((np.ones((50, 50)) * (1 + 1j if dt[0] == "c" else 1)).astype(dt), tol)

# matrices near the ends of the range, which zgeev scales first
eig_case(np.array([[1e308, 1e308j, -1e308], [1e-308, 1e308, 1e308], [3, -1e308j, 1e307]]), "1e-9")
eig_case(np.array([[1e-310, 2e-310], [3e-310j, 4e-310]]), "1e-9")
eig_case(np.array([[1e-300, 1e300], [1e-300, 1]], dtype=complex), "1e-9")  # its 1e-300s underflow

for dt in ["float32", "float64", "complex64", "complex128"]:
    for shape in [(1, 1), (4, 4), (2, 3, 5, 5), (0, 0), (2, 0, 0)]:
        h = hermitian(shape, dt)
        case("svdh 1 3", [h], list(np.linalg.svd(h, hermitian=True)))
        case("svdvalsh 1 1", [h], [np.linalg.svd(h, compute_uv=False, hermitian=True)])
        case("pinvh 1 1", [h], [np.linalg.pinv(h, hermitian=True)])
        if h.size:  # NumPy takes the maximum of no singular values: an error
            case("matrix_rankh 1 1", [h], [np.linalg.matrix_rank(h, hermitian=True)])
    x = rand((6, 2), dt)
    low = (x @ np.conj(x.T)).astype(dt)  # Hermitian of rank 2
    case("matrix_rankh 1 1", [low], [np.linalg.matrix_rank(low, hermitian=True)])
    case("pinvh 1 1", [low], [np.linalg.pinv(low, hermitian=True)])
    g = rand((4, 4), dt)  # not Hermitian: its lower triangle defines the matrix
    case("svdvalsh 1 1", [g], [np.linalg.svd(g, compute_uv=False, hermitian=True)])
    case("pinvh 1 1", [g], [np.linalg.pinv(g, hermitian=True)])
    indefinite = np.diag(np.array([3, -5, 1, -2], dtype=dt))  # signs move into vh
    case("svdh 1 3", [indefinite], list(np.linalg.svd(indefinite, hermitian=True)))

    for shape in [(5, 3), (3, 5), (4, 4), (1, 1), (2, 6, 4), (2, 3, 4, 6), (0, 3), (3, 0), (2, 0, 4)]:
        a = rand(shape, dt)
        case("qr_raw 1 2", [a], list(np.linalg.qr(a, "raw")))

write_cases(OUT, cases, header="# made by testdata/gen_linalgmore.py with NumPy " + np.__version__)
