#!/usr/bin/python3
"""Writes testdata/construct/cases.jsonl: NumPy's answers for
array/construct_test.go, one case a line:
  {"f": name, "in": [array...], "p": {parameters}, "out": [array...]}
or "error": true instead of "out". An array is {"dtype", "shape", "values"}
(values flattened in C order; floats as numbers or "nan"/"inf"/"-inf").

Functions: logspace, geomspace, meshgrid, diag, diagflat, tri, tril, triu,
indices, atleast_1d/2d/3d, broadcast_arrays, moveaxis, rot90, fliplr,
flipud, expand_dims (several axes), concatenate(axis=None),
cumulative_sum/cumulative_prod (NumPy >= 2.1; on older NumPy computed as
cumsum/cumprod with the initial identity prepended, as NumPy 2 documents:
NUMPY2, re-run on NumPy 2 to confirm).
Run from the repository root: /usr/bin/python3 testdata/gen_construct.py
"""
import json
import os

import numpy as np

rng = np.random.default_rng(1204)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "construct")
cases = []


def enc(v):
    if isinstance(v, float):
        if np.isnan(v):
            return "nan"
        if np.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def arr(a):
    a = np.asarray(a)
    return {"dtype": a.dtype.name, "shape": list(a.shape), "values": [enc(v) for v in a.ravel().tolist()]}


def add(f, ins, p, fn):
    try:
        out = fn()
    except (ValueError, TypeError, getattr(np, "exceptions", np).AxisError):
        cases.append({"f": f, "in": [arr(a) for a in ins], "p": p, "error": True})
        return
    if not isinstance(out, (list, tuple)):
        out = [out]
    cases.append({"f": f, "in": [arr(a) for a in ins], "p": p, "out": [arr(o) for o in out]})


for start, stop, num, base, dt in [(0, 3, 4, 10.0, "float64"), (-2, 2, 9, 2.0, "float32"), (1, 0, 5, 10.0, "float64"),
                                   (0, 4, 5, 2.0, "int64"), (0, 1, 1, 10.0, "float64"), (0, 1, 0, 10.0, "float64")]:
    add("logspace", [], {"start": start, "stop": stop, "num": num, "base": base, "dtype": dt},
        lambda: np.logspace(start, stop, num, base=base, dtype=dt))
# Integer dtypes truncate 10**y, whose last bit is libm's: left out.
for start, stop, num, dt in [(1, 1000, 4, "float64"), (-1, -1000, 4, "float64"), (2, 5, 7, "float32"),
                             (1, 256, 9, "float32"), (0, 10, 3, "float64"), (3, 7, 1, "float64")]:
    add("geomspace", [], {"start": start, "stop": stop, "num": num, "dtype": dt},
        lambda: np.geomspace(start, stop, num, dtype=dt))

# endpoint=False: the sample times of a signal, and the open forms of logspace and geomspace
for start, stop, num, dt in [(0, 1, 10, "float64"), (0, 2.5, 7, "float32"), (-1, 1, 4, "int32"), (2, 3, 4, "int64"),
                             (5, -3, 6, "float64"), (0, 1, 1, "float64"), (0, 1, 0, "float64"), (1, 1, 3, "float16")]:
    add("linspace", [], {"start": start, "stop": stop, "num": num, "dtype": dt, "endpoint": False},
        lambda: np.linspace(start, stop, num, endpoint=False, dtype=dt))
add("logspace", [], {"start": 0, "stop": 3, "num": 3, "base": 10.0, "dtype": "float64", "endpoint": False},
    lambda: np.logspace(0, 3, 3, endpoint=False))
add("geomspace", [], {"start": 1, "stop": 256, "num": 4, "dtype": "float64", "endpoint": False},
    lambda: np.geomspace(1, 256, 4, endpoint=False))
add("geomspace", [], {"start": -2, "stop": -512, "num": 5, "dtype": "float32", "endpoint": False},
    lambda: np.geomspace(-2, -512, 5, endpoint=False, dtype="float32"))

x, y, z = np.arange(3.0), np.arange(4, dtype=np.int32), np.array([True, False])
for ins in [[x], [x, y], [x, y, z]]:
    for ij in [False, True]:
        add("meshgrid", ins, {"ij": ij}, lambda: np.meshgrid(*ins, indexing="ij" if ij else "xy"))

m = rng.integers(-9, 9, (4, 5)).astype(np.float32)
v = rng.integers(-9, 9, 3).astype(np.int16)
for k in [-5, -2, -1, 0, 1, 3, 6]:
    add("diag", [m], {"k": k}, lambda: np.diag(m, k))
    add("diag", [v], {"k": k}, lambda: np.diag(v, k))
    add("diagflat", [m[:2, :2]], {"k": k}, lambda: np.diagflat(m[:2, :2], k))
    add("tri", [], {"n": 3, "m": 5, "k": k, "dtype": "int8"}, lambda: np.tri(3, 5, k, dtype=np.int8))
    for a in [m, rng.integers(0, 2, (2, 3, 4)).astype(bool), rng.normal(size=(5, 3))]:
        add("tril", [a], {"k": k}, lambda: np.tril(a, k))
        add("triu", [a], {"k": k}, lambda: np.triu(a, k))
add("diag", [np.zeros((2, 2, 2))], {"k": 0}, lambda: np.diag(np.zeros((2, 2, 2))))
add("tri", [], {"n": 0, "m": 3, "k": 0, "dtype": "float64"}, lambda: np.tri(0, 3, 0))

for dims in [(2, 3), (4,), (2, 1, 3), (0, 2)]:
    add("indices", [], {"dims": list(dims)}, lambda: np.indices(dims))

for a in [np.array(5.0), np.arange(3), np.arange(6).reshape(2, 3), np.arange(24).reshape(2, 3, 4)]:
    add("atleast_1d", [a], {}, lambda: np.atleast_1d(a))
    add("atleast_2d", [a], {}, lambda: np.atleast_2d(a))
    add("atleast_3d", [a], {}, lambda: np.atleast_3d(a))
    add("flipud", [a], {}, lambda: np.flipud(a))
    add("fliplr", [a], {}, lambda: np.fliplr(a))

b1, b2, b3 = np.arange(3.0).reshape(3, 1), np.arange(4, dtype=np.int8), np.array(7)
add("broadcast_arrays", [b1, b2, b3], {}, lambda: np.broadcast_arrays(b1, b2, b3))
add("broadcast_arrays", [b1, np.arange(2)], {}, lambda: np.broadcast_arrays(b1, np.arange(2)))

t = rng.integers(0, 99, (2, 3, 4, 5))
for src, dst in [([0], [-1]), ([1, 2], [0, 3]), ([-1, 0], [0, 1]), ([3], [3]), ([0, 0], [1, 2]), ([4], [0])]:
    add("moveaxis", [t], {"src": src, "dst": dst}, lambda: np.moveaxis(t, src, dst))

r = rng.integers(0, 99, (3, 4, 2))
for k in [-3, -1, 0, 1, 2, 3, 5]:
    for axes in [[0, 1], [1, 0], [2, 0], [-1, 1]]:
        add("rot90", [r], {"k": k, "axes": axes}, lambda: np.rot90(r, k, axes))
add("rot90", [r], {"k": 1, "axes": [1, 1]}, lambda: np.rot90(r, 1, (1, 1)))

e = rng.normal(size=(2, 3))
for axes in [[0], [-1], [0, 1], [0, 3], [1, -1], [0, 0], [5]]:
    add("expand_dims", [e], {"axes": axes}, lambda: np.expand_dims(e, tuple(axes)))

c1, c2, c3 = np.arange(6).reshape(2, 3), np.arange(4.0), np.array([[True]])
add("concatenate_none", [c1, c2, c3], {}, lambda: np.concatenate([c1, c2, c3], axis=None))


def cumulative(kind, a, axis, initial):
    if hasattr(np, "cumulative_" + kind):
        return getattr(np, "cumulative_" + kind)(a, axis=axis, include_initial=initial)
    # NUMPY2: cumulative_sum/prod as NumPy 2.1 documents them.
    if a.ndim == 0 or axis is None and a.ndim > 1:
        raise ValueError("needs an axis")
    ax = 0 if axis is None else axis
    r = (np.cumsum if kind == "sum" else np.cumprod)(a, axis=ax)
    if initial:
        shape = list(a.shape)
        shape[ax] = 1
        r = np.concatenate([np.full(shape, 0 if kind == "sum" else 1, dtype=r.dtype), r], axis=ax)
    return r


q = rng.integers(1, 5, (3, 4)).astype(np.int32)
for kind in ["sum", "prod"]:
    for a, axis in [(q[0], None), (q, 0), (q, 1), (q, -1), (q, None), (np.array(3), None), (q.astype(np.float32), 1)]:
        for initial in [False, True]:
            add("cumulative_" + kind, [a], {"axis": axis, "initial": initial}, lambda: cumulative(kind, a, axis, initial))

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "cases.jsonl"), "w") as fh:
    for c in cases:
        fh.write(json.dumps(c) + "\n")
print(len(cases), "cases")
