#!/usr/bin/python3
"""Writes testdata/einsum/: NumPy's answers for array/einsum_test.go.

cases.txt lists one case a line, "einsum <number of inputs> <subscripts>";
cases.npys holds, case after case, the inputs then np.einsum's result, each
written by np.save (the Go test reads them one after another). Inputs are
random normals (complex: normal real and imaginary parts), small integers or
random booleans. Runs on NumPy 1.24 and 2.x alike.

Run from the repository root: python3 testdata/gen_einsum.py
"""
import os

import numpy as np
from npys import write_cases

rng = np.random.default_rng(18)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "einsum")
os.makedirs(OUT, exist_ok=True)


def rand(shape, dt):
    dt = np.dtype(dt)
    if dt.kind == "b":
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        return rng.integers(0, 5, shape).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    return rng.standard_normal(shape).astype(dt)


# (subscripts, shapes): every path of the Go code, each in several dtypes.
CASES = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij,jk", [(3, 4), (4, 5)]),
    ("bij,bjk->bik", [(4, 6, 5), (4, 5, 3)]),
    ("bji,bjk->bki", [(3, 5, 6), (3, 5, 4)]),
    ("ij,kj->ik", [(7, 33), (5, 33)]),
    ("i,i", [(9,), (9,)]),
    ("i,i->i", [(9,), (9,)]),
    ("i,j->ij", [(3,), (4,)]),
    ("i,j", [(3,), (4,)]),
    ("ij,ij->i", [(4, 6), (4, 6)]),
    ("ij->ji", [(3, 5)]),
    ("ii", [(4, 4)]),
    ("ii->i", [(4, 4)]),
    ("iji->j", [(3, 2, 3)]),
    ("ij->", [(3, 5)]),
    ("ij->j", [(3, 5)]),
    ("ba", [(3, 5)]),
    ("Ba,aB", [(2, 3), (3, 2)]),
    ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("...i,...i->...", [(2, 3, 4), (3, 4)]),
    ("i...->...", [(3, 2, 2)]),
    ("...ii->...i", [(2, 3, 3)]),
    ("ij...,jk...->ik...", [(2, 3, 4), (3, 2, 1)]),
    ("ij,ij->ij", [(1, 3), (2, 3)]),
    ("ijk,ikl,ilm->ijm", [(2, 3, 4), (2, 4, 5), (2, 5, 3)]),
    ("ij,jk,kl->il", [(6, 2), (2, 7), (7, 3)]),
    ("ab,cd,bc->ad", [(3, 4), (5, 2), (4, 5)]),
    ("i,j,k->ijk", [(2,), (3,), (2,)]),
    ("ijkl,jl->ik", [(2, 3, 4, 5), (3, 5)]),
    ("abcd,dcbe->ae", [(2, 3, 2, 4), (4, 2, 3, 5)]),
    ("ii,jj->ij", [(3, 3), (2, 2)]),
    ("ij,jk->", [(3, 4), (4, 5)]),
    (",i->i", [(), (4,)]),
    ("->", [()]),
    ("i->", [(0,)]),
    ("ij,jk->ik", [(3, 0), (0, 2)]),
    ("bij,bjk->bik", [(0, 2, 3), (0, 3, 2)]),
    ("ij,jk->ik", [(40, 130), (130, 20)]),
]

cases = []  # (line, inputs, result)
for dt in ["float64", "float32", "complex128", "complex64", "int64", "int32", "int8", "uint8", "bool", "float16"]:
    for subs, shapes in CASES:
        if dt == "float16" and max((int(np.prod(s)) for s in shapes), default=1) > 1000:
            continue
        inputs = [rand(s, dt) for s in shapes]
        cases.append((f"einsum {len(inputs)} {subs}", inputs, np.einsum(subs, *inputs)))
for dts in [("int8", "float32"), ("float32", "float64"), ("int64", "complex64"), ("bool", "int32"), ("uint8", "int8")]:
    inputs = [rand((3, 4), dts[0]), rand((4, 2), dts[1])]
    cases.append(("einsum 2 ij,jk->ik", inputs, np.einsum("ij,jk->ik", *inputs)))

write_cases(OUT, cases)
