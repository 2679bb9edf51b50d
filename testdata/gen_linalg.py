#!/usr/bin/python3
"""Writes testdata/linalg/: NumPy's answers for array/linalg_test.go.

cases.txt lists one case a line, "<op> <number of inputs> [params]";
cases.npys holds, case after case, the inputs then NumPy's result, each
written by np.save (ReadNpy reads them one after another). Ops:
  matmul                 np.matmul(a, b)
  matmul_t               np.matmul(a.swapaxes(-1, -2), b.swapaxes(-1, -2)):
                         the Go test swaps the stored (contiguous) inputs, so
                         the product reads transposed views
  dot, vdot, inner, outer
  tensordot N            np.tensordot(a, b, N)
  tensordot_axes A B     np.tensordot(a, b, (A, B)), A and B comma-separated
  trace OFF AX1 AX2      np.trace(a, OFF, AX1, AX2)
  diagonal OFF AX1 AX2   np.diagonal(a, OFF, AX1, AX2) (a copy of the view)
Inputs are random normals (complex: normal real and imaginary parts) or small
integers; results are NumPy 1.24's (array-array promotion is NumPy 2's).

Run from the repository root: /usr/bin/python3 testdata/gen_linalg.py
"""
import os

import numpy as np
from npys import write_cases

rng = np.random.default_rng(7)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linalg")
os.makedirs(OUT, exist_ok=True)


def rand(shape, dt):
    dt = np.dtype(dt)
    if dt.kind in "iu":
        return rng.integers(0, 5, shape).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    return rng.standard_normal(shape).astype(dt)


cases = []  # (line, inputs, result)


def case(line, inputs, result):
    cases.append((line, inputs, np.asarray(result)))


MATMUL_SHAPES = [
    ((4,), (4,)),
    ((4,), (4, 3)),
    ((3, 4), (4,)),
    ((3, 4), (4, 5)),
    ((2, 1, 3, 4), (5, 4, 2)),
    ((127, 255), (255, 63)),
    ((6,), (2, 6, 3)),
    ((3, 0), (0, 2)),
]
for dt in ["float32", "float64", "complex64", "float16"]:
    for sa, sb in MATMUL_SHAPES:
        a, b = rand(sa, dt), rand(sb, dt)
        case("matmul 2", [a, b], np.matmul(a, b))
    a, b = rand((2, 7, 5), dt), rand((3, 7), dt)  # read as (2,5,7) @ (7,3)
    case("matmul_t 2", [a, b], np.matmul(a.swapaxes(-1, -2), b.swapaxes(-1, -2)))
for da, db in [("int32", "int32"), ("int8", "float32"), ("float32", "float64"), ("int64", "complex128")]:
    a, b = rand((3, 4), da), rand((4, 2), db)
    case("matmul 2", [a, b], np.matmul(a, b))

for sa, sb in [((5,), (5,)), ((3, 4), (4, 2)), ((2, 3, 4), (5, 4, 6)), ((4,), (2, 4, 3)), ((2, 3, 4), (4,))]:
    a, b = rand(sa, "float64"), rand(sb, "float64")
    case("dot 2", [a, b], np.dot(a, b))
for dt in ["complex128", "float32"]:
    a, b = rand((2, 3), dt), rand((3, 2), dt)
    case("vdot 2", [a, b], np.vdot(a, b))
a, b = rand((2, 3), "float64"), rand((4, 3), "float64")
case("inner 2", [a, b], np.inner(a, b))
a, b = rand((3,), "float32"), rand((2, 2), "float32")
case("outer 2", [a, b], np.outer(a, b))
a, b = rand((3, 4, 5), "float64"), rand((4, 5, 6), "float64")
case("tensordot 2 2", [a, b], np.tensordot(a, b, 2))
a, b = rand((3, 4, 5), "float64"), rand((4, 3, 2), "float64")
case("tensordot_axes 2 1,0 0,1", [a, b], np.tensordot(a, b, ([1, 0], [0, 1])))
for shape, dt, off, ax1, ax2 in [((3, 4), "float64", 1, 0, 1), ((2, 3, 4), "float32", -1, 1, 2),
                                 ((4, 4), "int32", 0, 0, 1), ((3, 3), "float16", 0, 0, 1)]:
    a = rand(shape, dt)
    case(f"trace 1 {off} {ax1} {ax2}", [a], np.trace(a, off, ax1, ax2))
    case(f"diagonal 1 {off} {ax1} {ax2}", [a], np.diagonal(a, off, ax1, ax2).copy())

write_cases(OUT, cases)
