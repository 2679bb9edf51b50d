#!/usr/bin/python3
"""Writes testdata/manip/: NumPy's answers for array/manip_numpy_test.go,
the array-manipulation and index helpers (append, insert, delete, resize,
trim_zeros, column_stack, vstack as row_stack, hsplit/vsplit/dsplit,
block, unravel_index, ravel_multi_index, tril/triu/diag indices,
fill_diagonal, vander, ix_).

cases.txt lists one case a line:

    <function> <inputs> <results> <tolerance> [key=value ...]

inputs and results count the case's arrays in cases.npys (its inputs,
then NumPy's results), tolerance is in epsilons of the result dtype of
max(|expected|, 1) (0: exact; vander's products may associate
otherwise on a GPU), and the
key=value pairs are the call's arguments. axis=none is NumPy's
axis=None. obj= is the position argument of insert and delete: an int
(obj=3), a slice (obj=s:start:stop:step, empty parts for None), or
"arr", the case's next input, or an inline list (obj=l:1,4). values=arr means the next input, else
values=<number>. view=<v> says that the function was applied to a view
of the first input: step (every other element of the last axis), rev
(the last axis reversed) or T (transposed).

Run from the repository root: /usr/bin/python3 testdata/gen_manip.py
It runs under NumPy 1.24 and 2.x alike and follows NumPy 2 (row_stack
is vstack; boolean obj to insert is left out: NumPy reads it as
integers with a FutureWarning).
"""
import json
import os
import warnings

import numpy as np

import npys
from npys import view

warnings.simplefilter("ignore")
rng = np.random.default_rng(2027)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manip")
os.makedirs(OUT, exist_ok=True)

cases = []


def case(fn, xs, res, tol=0, **kw):
    if not isinstance(res, (list, tuple)):
        res = [res]
    args = "".join(f" {k}={v}" for k, v in kw.items())
    cases.append((f"{fn} {len(xs)} {len(res)} {tol}{args}", xs, [np.asarray(r) for r in res]))


def data(dt, shape):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return rng.integers(max(info.min, -1000), min(info.max, 1000), shape, endpoint=True).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    return (rng.standard_normal(shape) * 4).astype(dt)


def ax(a):
    return "none" if a is None else str(a)


def slice_arg(s):
    f = lambda v: "" if v is None else str(v)
    return f"s:{f(s.start)}:{f(s.stop)}:{f(s.step)}"


DTYPES = ("float64", "float32", "int64", "int32", "uint8", "int16", "bool", "complex128", "float16")

# --- append
for dt in DTYPES:
    x, y = data(dt, (3, 4)), data(dt, (2, 4))
    case("append", [x, y], np.append(x, y, axis=0), axis="0", values="arr")
    case("append", [x, y], np.append(x, y), axis="none", values="arr")
x = data("int32", (3, 4))
y = data("float32", (3, 2))
case("append", [x, y], np.append(x, y, axis=-1), axis="-1", values="arr")
case("append", [x, y.T], np.append(x.T, y.T, axis=0), axis="0", values="arr", view="T")
case("append", [x], np.append(x, np.array(2.5)), axis="none", values="2.5")
case("append", [x], np.append(x, np.array(7)), axis="none", values="7")
e = np.zeros((0,), np.int16)
case("append", [e, e], np.append(e, e), axis="0", values="arr")
z = np.array(3.5)
case("append", [z], np.append(z, np.array(1.25)), axis="none", values="1.25")

# --- insert: single positions (values' first axis moves to axis), lists,
# slices, negative positions, views, empty arrays
for dt in DTYPES:
    x = data(dt, (3, 5))
    v = data(dt, (3,))
    case("insert", [x, v], np.insert(x, 1, v, axis=1), obj="1", values="arr", axis="1")
    case("insert", [x, v], np.insert(x, [1], v, axis=1), obj="l:1", values="arr", axis="1")
x = data("float64", (4, 6))
for obj, vals, a in (
    (2, 9.5, 0), (-1, 9.5, 1), (6, -3, 1), (0, 1, None), (-24, 5, None), (24, 5, None),
):
    case("insert", [x], np.insert(x, obj, vals, axis=a), obj=str(obj), values=str(vals), axis=ax(a))
v = data("float64", (2, 6))
case("insert", [x, v], np.insert(x, 2, v, axis=0), obj="2", values="arr", axis="0")
case("insert", [x, v[:1]], np.insert(x, [2], v[:1], axis=0), obj="l:2", values="arr", axis="0")
idx_lists = ([1, 3], [3, 1], [0, 0, 6], [-1, 2, -6], [2, 2, 2], [6, 0, 3, 3, -2])
for lst in idx_lists:
    o = np.array(lst, np.int64)
    case("insert", [x, o], np.insert(x, o, 7.25, axis=1), obj="arr", values="7.25", axis="1")
    vals = data("float64", (len(lst),))
    case("insert", [x, o, vals], np.insert(x, o, vals, axis=1), obj="arr", values="arr", axis="1")
    vals = data("float64", (4, len(lst)))
    case("insert", [x, o, vals], np.insert(x, o, vals, axis=-1), obj="arr", values="arr", axis="-1")
    case("insert", [x, o], np.insert(x, o, -1.5), obj="arr", values="-1.5", axis="none")
o = np.array([1, 3], np.int32)
case("insert", [x, o], np.insert(x, o, 2, axis=0), obj="arr", values="2", axis="0")
for s in (slice(1, 4), slice(None, None, 2), slice(None, None, -1), slice(-2, None), slice(5, 1, -2), slice(3, 3)):
    case("insert", [x], np.insert(x, s, 0.5, axis=1), obj=slice_arg(s), values="0.5", axis="1")
for v_ in ("step", "T", "rev"):
    case("insert", [x], np.insert(view(x, v_), 1, -2.0, axis=0), obj="1", values="-2.0", axis="0", view=v_)
    case("insert", [x, np.array([0, 2])], np.insert(view(x, v_), [0, 2], 3.0, axis=-1),
         obj="arr", values="3.0", axis="-1", view=v_)
xi = data("int16", (5,))
case("insert", [xi], np.insert(xi, 2, 3.9), obj="2", values="3.9", axis="none")
case("insert", [xi, np.array([7.9, -2.2])], np.insert(xi, [1, 4], np.array([7.9, -2.2])), obj="l:1,4", values="arr", axis="none")
xb = data("bool", (4,))
case("insert", [xb], np.insert(xb, 0, True), obj="0", values="true", axis="0")
e = np.zeros((0, 3), np.float32)
case("insert", [e], np.insert(e, 0, 1.5, axis=0), obj="0", values="1.5", axis="0")
case("insert", [e], np.insert(e, [0, 0], 1.5, axis=0), obj="l:0,0", values="1.5", axis="0")
case("insert", [x], np.insert(x, [], 1.5, axis=1), obj="l:", values="1.5", axis="1")
z = np.array(4, np.int64)
case("insert", [z], np.insert(z, 1, 8), obj="1", values="8", axis="none")

# --- delete: ints, slices, index lists (negative, repeated), masks
for dt in DTYPES:
    x = data(dt, (4, 5))
    case("delete", [x], np.delete(x, 2, axis=1), obj="2", axis="1")
    case("delete", [x], np.delete(x, [0, 3], axis=0), obj="l:0,3", axis="0")
x = data("float64", (4, 6))
for obj, a in ((0, 0), (-1, 1), (-6, 1), (5, None), (-24, None), (23, None)):
    case("delete", [x], np.delete(x, obj, axis=a), obj=str(obj), axis=ax(a))
for lst in ([1, 3], [3, 1, 1], [-1, 0, -6], [], [5, 4, 3, 2, 1, 0]):
    o = np.array(lst, np.int64)
    case("delete", [x, o], np.delete(x, o, axis=1), obj="arr", axis="1")
    case("delete", [x, o], np.delete(x, o), obj="arr", axis="none")
m = data("bool", (6,))
case("delete", [x, m], np.delete(x, m, axis=1), obj="arr", axis="1")
m = data("bool", (24,))
case("delete", [x, m], np.delete(x, m), obj="arr", axis="none")
for s in (slice(1, 4), slice(None, None, 2), slice(None, None, -1), slice(-2, None), slice(5, 1, -2), slice(3, 3), slice(10, 20)):
    case("delete", [x], np.delete(x, s, axis=1), obj=slice_arg(s), axis="1")
for v_ in ("step", "T", "rev"):
    case("delete", [x], np.delete(view(x, v_), 1, axis=0), obj="1", axis="0", view=v_)
    case("delete", [x, np.array([0, 2])], np.delete(view(x, v_), [0, 2], axis=-1), obj="arr", axis="-1", view=v_)
e = np.zeros((0, 3), np.float32)
case("delete", [e, np.array([], np.int64)], np.delete(e, np.array([], np.int64), axis=0), obj="arr", axis="0")
case("delete", [e], np.delete(e, 1, axis=1), obj="1", axis="1")
z = np.array(4.5)
case("delete", [z], np.delete(z, 0), obj="0", axis="none")

# --- resize
for dt in DTYPES:
    x = data(dt, (2, 3))
    for shape in ((3, 4), (7,), (2, 3), (1,), (4, 0), (), (2, 2, 5)):
        case("resize", [x], np.resize(x, shape), shape=",".join(map(str, shape)))
x = data("float32", (3, 4))
for v_ in ("step", "T", "rev"):
    case("resize", [x], np.resize(view(x, v_), (5, 3)), shape="5,3", view=v_)
case("resize", [np.zeros((0,), np.int32)], np.resize(np.zeros((0,), np.int32), (2, 3)), shape="2,3")
case("resize", [np.array(2.5)], np.resize(np.array(2.5), (3,)), shape="3")

# --- trim_zeros (1-d)
for dt in DTYPES:
    x = data(dt, (9,))
    x[:2] = 0
    x[-3:] = 0
    for t in ("fb", "f", "b", "BF"):
        case("trim_zeros", [x], np.trim_zeros(x, t), trim=t)
for arr in ([0, 0, 0], [], [0, 1, 0], [1, 0, 1], [0.0, -0.0, np.nan, 0.0], [-0.0, 2.0, -0.0]):
    x = np.array(arr, np.float64)
    for t in ("fb", "f", "b"):
        case("trim_zeros", [x], np.trim_zeros(x, t), trim=t)
x = np.array([0, 0, 3, 0, 4, 0, 0, 0], np.int32)
for v_ in ("step", "rev"):
    case("trim_zeros", [x], np.trim_zeros(view(x, v_)), trim="fb", view=v_)

# --- column_stack, row_stack (vstack in NumPy 2), hsplit/vsplit/dsplit
for dt in ("float64", "int32", "bool", "complex64"):
    a, b, c = data(dt, (4,)), data(dt, (4,)), data(dt, (4, 2))
    case("column_stack", [a, b, c], np.column_stack([a, b, c]))
    case("row_stack", [a, b], np.vstack([a, b]))
    case("row_stack", [c.T, a[None, :4]], np.vstack([c.T, a[None, :4]]))
case("column_stack", [np.array(1.5), np.array(2.5)], np.column_stack([np.array(1.5), np.array(2.5)]))
case("column_stack", [np.zeros((0,), np.int8), np.zeros((0, 3), np.int8)],
     np.column_stack([np.zeros((0,), np.int8), np.zeros((0, 3), np.int8)]))
a = data("float32", (4, 6, 8))
a1 = data("int64", (12,))
for fn, f in (("hsplit", np.hsplit), ("vsplit", np.vsplit), ("dsplit", np.dsplit)):
    for x in (a, a1):
        if fn != "hsplit" and x.ndim == 1:
            continue
        for sec in (1, 2):
            case(fn, [x], f(x, sec), sections=str(sec))
        for ind in ([1, 3], [-1], [], [2, 10], [3, 1]):
            case(fn, [x], f(x, ind), indices=",".join(map(str, ind)))
    case(fn, [a], f(view(a, "T"), 2), sections="2", view="T")

# --- block: nested lists; the layout names the inputs by position
def block_case(layout, xs):
    def build(node):
        return [build(k) for k in node] if isinstance(node, list) else xs[node]
    case("block", xs, np.block(build(layout)), layout=json.dumps(layout).replace(" ", ""))

for dt in ("float64", "int16", "bool"):
    A, B, C, D = data(dt, (2, 2)), data(dt, (2, 3)), data(dt, (1, 2)), data(dt, (1, 3))
    block_case([[0, 1], [2, 3]], [A, B, C, D])
block_case([0, 1, 2], [data("float32", (3,)), data("float32", (2,)), np.array(7.0, np.float32)])
block_case([[0], [1]], [data("int32", (3,)), data("int32", (3,))])
block_case([[[0, 1]], [[2, 3]]], [data("float64", (2, 1, 2)), data("float64", (2, 1, 3)),
                                   data("float64", (2, 1, 2)), data("float64", (2, 1, 3))])
block_case([[0, 1]], [np.array(1, np.int8), data("int16", (1,))])
block_case([[0, 1], [2]], [data("float64", (2, 2)), data("float64", (2, 3)), data("float64", (1, 5))])
block_case([0, 1], [data("float64", (2, 2, 3)), data("float64", (2, 2, 1))])

# --- in-place writes: the result is the first input (the whole array)
# after the write, made through view= of it
def inplace(fn, xs, f, **kw):
    x = xs[0].copy()
    f(view(x, kw.get("view", "none")))
    case(fn, xs, x, **kw)


for dt in ("float64", "float32", "int64", "int8", "uint16", "bool", "complex64"):
    x = data(dt, (3, 4))
    src = data(dt, (4,))
    w = data("bool", (3, 4))
    inplace("copyto", [x, src], lambda v: np.copyto(v, src), values="arr", casting="same_kind")
    inplace("copyto", [x, src, w], lambda v: np.copyto(v, src, where=w), values="arr", casting="same_kind", where="arr")
    inplace("place", [x, w, src], lambda v: np.place(v, w, src), values="arr")
    inplace("putmask", [x, w, src], lambda v: np.putmask(v, w, src), values="arr")
x = data("float32", (3, 4))
for src in (data("float64", (3, 1)), data("int16", (4,)), data("bool", ())):
    inplace("copyto", [x, src], lambda v: np.copyto(v, src, casting="unsafe"), values="arr", casting="unsafe")
src = data("int32", (3, 4))
inplace("copyto", [x, src], lambda v: np.copyto(v, src, casting="same_kind"), values="arr", casting="same_kind")
src = data("float32", (3, 4))
inplace("copyto", [x, src], lambda v: np.copyto(v, src, casting="no"), values="arr", casting="no")
inplace("copyto", [x], lambda v: np.copyto(v, 2.5), values="2.5", casting="same_kind")
xi = data("int64", (2, 3))
inplace("copyto", [xi], lambda v: np.copyto(v, 7), values="7", casting="safe")
w = data("bool", (4,))
inplace("copyto", [x, w], lambda v: np.copyto(v, -1.5, where=w), values="-1.5", casting="same_kind", where="arr")
src = data("float32", (4, 3))
inplace("copyto", [x, src], lambda v: np.copyto(v, src), values="arr", casting="same_kind", view="T")
src = data("float32", (3, 2))
for v_ in ("step", "rev", "T"):
    xv = view(x, v_)
    w = data("bool", xv.shape)
    inplace("place", [x, w], lambda v: np.place(v, w, 9.5), values="9.5", view=v_)
    vals = data("float32", (3,))
    inplace("putmask", [x, w, vals], lambda v: np.putmask(v, w, vals), values="arr", view=v_)
    src = data("float32", xv.shape)
    inplace("copyto", [x, src, w], lambda v: np.copyto(v, src, where=w), values="arr", casting="same_kind", where="arr", view=v_)
x = data("int32", (2, 5))
w = data("bool", (2, 5))
for vals in (data("int16", (7,)), data("int32", (1,)), data("int8", (2, 2))):
    inplace("place", [x, w, vals], lambda v: np.place(v, w, vals), values="arr")
for vals in (data("int16", (7,)), data("int32", (1,)), data("uint8", (2, 2))):
    inplace("putmask", [x, w, vals], lambda v: np.putmask(v, w, vals), values="arr")
wi = data("int16", (10,)) * (data("bool", (10,)))
inplace("place", [x, wi], lambda v: np.place(v, wi, -4), values="-4")
inplace("putmask", [x, wi, np.zeros(0, np.int32)], lambda v: np.putmask(v, wi, np.zeros(0, np.int32)), values="arr")
e = np.zeros((0, 3), np.float64)
inplace("place", [e, np.zeros((0, 3), bool), np.zeros(0)], lambda v: np.place(v, np.zeros((0, 3), bool), np.zeros(0)), values="arr")

# put_along_axis: distinct indices along the axis (repeats land in an
# unspecified order on a GPU)
for dt in ("float64", "int16", "bool", "complex128"):
    x = data(dt, (4, 5, 3))
    for axis in (0, 1, 2, -1):
        n = x.shape[axis]
        k = max(1, n - 2)
        perm = np.argsort(rng.random(x.shape), axis=axis)
        idx = np.take(perm, np.arange(k), axis=axis)
        idx = np.where(rng.random(idx.shape) < 0.3, idx - n, idx)
        vals = data(dt, idx.shape)
        inplace("put_along_axis", [x, idx, vals], lambda v: np.put_along_axis(v, idx, vals, axis), values="arr", axis=str(axis))
x = data("float32", (4, 6))
idx = np.argsort(rng.random((4, 6)), axis=1)[:, :2].astype(np.int32)
inplace("put_along_axis", [x, idx], lambda v: np.put_along_axis(v, idx, 3.5, 1), values="3.5", axis="1")
vals = data("float32", (4, 1))
inplace("put_along_axis", [x, np.array([[2], [0], [5], [1]]), vals],
        lambda v: np.put_along_axis(v, np.array([[2], [0], [5], [1]]), vals, 1), values="arr", axis="1")
idx = np.array([[1, 3, 0, 2, 1, 3]])
vals = data("float32", (1, 6))
inplace("put_along_axis", [x, idx, vals], lambda v: np.put_along_axis(v, idx, vals, 0), values="arr", axis="0")
idx = np.array([[0], [2]])
inplace("put_along_axis", [x, idx], lambda v: np.put_along_axis(v, idx, -1.0, 0), values="-1.0", axis="0", view="T")

# --- index helpers
for shape in ((3, 4), (2, 3, 5), (7,), (1, 1, 6)):
    size = int(np.prod(shape))
    idx = rng.integers(0, size, (2, 3)).astype(np.int64)
    for order in ("C", "F"):
        case("unravel_index", [idx], list(np.unravel_index(idx, shape, order=order)),
             shape=",".join(map(str, shape)), order=order)
case("unravel_index", [np.array(17, np.int32)], list(np.unravel_index(np.array(17, np.int32), (4, 5))), shape="4,5", order="C")
case("unravel_index", [np.zeros(0, np.int64)], list(np.unravel_index(np.zeros(0, np.int64), (0, 3))), shape="0,3", order="C")
case("unravel_index", [np.array([5, 0], np.uint8)], list(np.unravel_index(np.array([5, 0], np.uint8), (2, 3))), shape="2,3", order="F")
dims = (4, 3, 5)
coords = [rng.integers(-6, 9, (2, 4)), rng.integers(-6, 9, (1, 4)).astype(np.int32), rng.integers(-6, 9, (2, 1)).astype(np.uint8)]
for mode in ("wrap", "clip"):
    for order in ("C", "F"):
        case("ravel_multi_index", coords, np.ravel_multi_index(coords, dims, mode=mode, order=order),
             dims="4,3,5", mode=mode, order=order)
ok = [rng.integers(0, n, (3,)) for n in dims]
for order in ("C", "F"):
    case("ravel_multi_index", ok, np.ravel_multi_index(ok, dims, order=order), dims="4,3,5", mode="raise", order=order)
for n, k, m in ((4, 0, 4), (4, 1, 6), (5, -2, 3), (3, 5, 3), (3, -5, 3), (0, 0, 0), (1, 0, 1)):
    case("tril_indices", [], list(np.tril_indices(n, k, m)), n=str(n), k=str(k), m=str(m))
    case("triu_indices", [], list(np.triu_indices(n, k, m)), n=str(n), k=str(k), m=str(m))
x = data("float32", (3, 5))
for k in (0, -1, 2):
    case("tril_indices_from", [x], list(np.tril_indices_from(x, k)), k=str(k))
    case("triu_indices_from", [x], list(np.triu_indices_from(x, k)), k=str(k))
for n, nd in ((4, 2), (3, 3), (0, 2), (2, 1)):
    case("diag_indices", [], list(np.diag_indices(n, nd)), n=str(n), ndim=str(nd))
case("diag_indices_from", [data("int8", (3, 3, 3))], list(np.diag_indices_from(data("int8", (3, 3, 3)))))
for dt in ("float64", "int32", "bool", "complex64"):
    for shape in ((4, 4), (3, 5), (7, 3), (3, 3, 3), (2, 2, 2, 2)):
        x = data(dt, shape)
        for wrap in (False, True):
            inplace("fill_diagonal", [x], lambda v: np.fill_diagonal(v, 1, wrap=wrap), values="1", wrap=str(int(wrap)))
x = data("float64", (8, 3))
vals = data("float64", (3,))
inplace("fill_diagonal", [x, vals], lambda v: np.fill_diagonal(v, vals, wrap=True), values="arr", wrap="1")
inplace("fill_diagonal", [x, vals[:2]], lambda v: np.fill_diagonal(v, vals[:2]), values="arr", wrap="0")
inplace("fill_diagonal", [x], lambda v: np.fill_diagonal(v, -2.5), values="-2.5", wrap="0", view="T")
inplace("fill_diagonal", [np.zeros((0, 3))], lambda v: np.fill_diagonal(v, 1.0), values="1.0", wrap="0")
for dt in ("float64", "float32", "int16", "uint8", "bool", "complex128"):
    x = data(dt, (5,))
    if np.dtype(dt).kind == "f":
        x = x / 2
    for n, inc in ((5, False), (3, True), (0, False), (1, True), (7, True)):
        case("vander", [x], np.vander(x, n, increasing=inc), n=str(n), increasing=str(int(inc)), tol=16)
case("vander", [np.zeros(0)], np.vander(np.zeros(0), 3), n="3", increasing="0", tol=0)
x = data("float64", (12,))
seqs = [data("int64", (3,)), data("bool", (5,)), data("float32", (2,)), np.zeros(0, np.float64)]
case("ix", seqs, list(np.ix_(*seqs)))
case("ix", seqs[:1], list(np.ix_(*seqs[:1])))

npys.write_cases(OUT, cases)
