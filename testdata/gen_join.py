#!/usr/bin/python3
"""Writes testdata/join/: NumPy's answers for array/join_test.go.

cases.txt lists one case a line: "<func> <params> <views> <nout>".
cases.npys holds, case after case, the inputs (one per character of
<views>) then NumPy's nout outputs, each written by np.save. <params> is
"-" or key=value pairs joined by ";" (lists are comma-separated, pad
widths "before:after"). <views> has a character per input saying which
view of the stored array the function receives: "-" the array itself,
"T" its transpose, "F" a[::-1] (negative stride on axis 0), "S" a[..., ::2]
(a stride of 2 on the last axis). put and setmask write into (a copy of)
their first input's view, and their output is that view afterwards.

Run from the repository root: /usr/bin/python3 testdata/gen_join.py
"""
import os

import numpy as np

rng = np.random.default_rng(7)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "join")
os.makedirs(OUT, exist_ok=True)


def rand(dt, *shape):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return rng.integers(max(info.min, -100), min(info.max, 100), shape, endpoint=True).astype(dt)
    if dt.kind == "c":
        return (rng.normal(size=shape) + 1j * rng.normal(size=shape)).astype(dt)
    return rng.normal(size=shape).astype(dt)


def view(a, v):
    if v == "-":
        return a
    return {"T": lambda: a.T, "F": lambda: a[::-1], "S": lambda: a[..., ::2]}[v]()


def ints(s):
    return [int(x) for x in s.split(",")] if s else []


lines = []
npys = open(os.path.join(OUT, "cases.npys"), "wb")


def case(func, params, views, *inputs):
    p = dict(kv.split("=", 1) for kv in params.split(";")) if params != "-" else {}
    xs = [view(a, v) for a, v in zip(inputs, views)]
    axis = int(p["axis"]) if "axis" in p else None
    if func == "concatenate":
        out = [np.concatenate(xs, axis=axis)]
    elif func == "stack":
        out = [np.stack(xs, axis=axis)]
    elif func in ("hstack", "vstack", "dstack"):
        out = [getattr(np, func)(xs)]
    elif func in ("split", "array_split"):
        out = getattr(np, func)(xs[0], int(p["sections"]), axis=axis)
    elif func == "split_at":
        out = np.split(xs[0], ints(p["indices"]), axis=axis)
    elif func == "tile":
        out = [np.tile(xs[0], ints(p["reps"]))]
    elif func == "repeat":
        out = [np.repeat(xs[0], int(p["n"]), axis=axis)]
    elif func == "repeat_each":
        out = [np.repeat(xs[0], ints(p["counts"]), axis=axis)]
    elif func == "flip":
        out = [np.flip(xs[0], tuple(ints(p["axes"])) if "axes" in p else None)]
    elif func == "roll":
        axes = tuple(ints(p["axes"])) if "axes" in p else None
        out = [np.roll(xs[0], int(p["shift"]), axis=axes)]
    elif func == "pad":
        widths = [tuple(int(y) for y in w.split(":")) for w in p["widths"].split(",")]
        out = [np.pad(xs[0], widths, constant_values=float(p["value"]))]
    elif func == "take":
        out = [np.take(xs[0], xs[1], axis=axis)]
    elif func == "take_along_axis":
        out = [np.take_along_axis(xs[0], xs[1], axis=axis)]
    elif func == "put":
        np.put(xs[0], xs[1], xs[2])
        out = [xs[0]]
    elif func == "mask":
        out = [xs[0][xs[1]]]
    elif func == "setmask":
        xs[0][xs[1]] = xs[2]
        out = [xs[0]]
    elif func == "nonzero":
        out = list(np.nonzero(xs[0]))
    elif func == "argwhere":
        out = [np.argwhere(xs[0])]
    else:
        raise ValueError(func)
    for a in inputs:
        np.save(npys, a)
    for o in out:
        np.save(npys, np.ascontiguousarray(o))
    lines.append(f"{func} {params} {views} {len(out)}")


# concatenate: dtypes promote as result_type; views; negative axis; empties
case("concatenate", "axis=1", "--", rand("f4", 2, 3), rand("f4", 2, 4))
case("concatenate", "axis=0", "--", rand("i2", 2, 3), rand("f4", 1, 3))
case("concatenate", "axis=-1", "TF", rand("f8", 3, 2), rand("i4", 2, 5))
case("concatenate", "axis=0", "---", rand("?", 2), rand("i1", 3), rand("u1", 1))
case("concatenate", "axis=0", "--", rand("c8", 0, 3), rand("f8", 2, 3))
case("concatenate", "axis=2", "S-", rand("f2", 2, 2, 6), rand("f2", 2, 2, 1))
# stack and the stacking shortcuts
case("stack", "axis=0", "--", rand("f8", 2, 3), rand("f8", 2, 3))
case("stack", "axis=-1", "TS", rand("i8", 3, 2), rand("i8", 2, 6))
case("stack", "axis=1", "---", rand("u2", 4), rand("i1", 4), rand("?", 4))
case("hstack", "-", "--", rand("f4", 3), rand("f4", 2))
case("hstack", "-", "-T", rand("i4", 2, 2), rand("i4", 3, 2))
case("vstack", "-", "--", rand("f8", 3), rand("f8", 2, 3))
case("dstack", "-", "--", rand("i2", 2, 3), rand("i2", 2, 3))
case("dstack", "-", "--", rand("f4", 4), rand("f4", 4))
# split
case("array_split", "sections=3;axis=0", "-", rand("f4", 7, 2))
case("array_split", "sections=4;axis=-1", "T", rand("i8", 5, 3))
case("split", "sections=2;axis=1", "F", rand("c16", 3, 4))
case("split_at", "indices=2,5;axis=0", "-", rand("u1", 7))
case("split_at", "indices=-2;axis=1", "S", rand("f8", 2, 8))
case("split_at", "indices=5,1;axis=1", "-", rand("i4", 2, 3))
# tile, repeat
case("tile", "reps=2", "-", rand("f4", 2, 3))
case("tile", "reps=2,1,2", "F", rand("i2", 2, 3))
case("tile", "reps=3", "-", rand("?", 0))
case("repeat", "n=2", "T", rand("f8", 2, 3))
case("repeat", "n=3;axis=1", "-", rand("i4", 2, 2))
case("repeat", "n=0;axis=0", "-", rand("i4", 2, 2))
case("repeat_each", "counts=1,0,2;axis=0", "F", rand("c8", 3, 2))
case("repeat_each", "counts=2,1;axis=-1", "-", rand("f2", 3, 2))
case("repeat_each", "counts=1,3,0,2", "-", rand("u8", 2, 2))
# flip, roll, pad
case("flip", "-", "-", rand("f4", 2, 3, 2))
case("flip", "axes=0", "T", rand("i8", 3, 4))
case("flip", "axes=-1,0", "S", rand("u1", 2, 6))
case("roll", "shift=2", "-", rand("f8", 2, 3))
case("roll", "shift=-1;axes=1", "T", rand("i4", 3, 4))
case("roll", "shift=4;axes=0,1", "-", rand("c8", 3, 5))
case("roll", "shift=1;axes=0,0", "-", rand("i2", 3, 2))
case("pad", "widths=1:2,0:1;value=7", "-", rand("f4", 2, 3))
case("pad", "widths=2:0;value=-1", "T", rand("i8", 2, 3))
case("pad", "widths=1:1;value=0", "-", rand("?", 2))
# take
case("take", "axis=0", "--", rand("f4", 5, 2), np.array([0, -1, 2, 4, -5]))
case("take", "axis=1", "T-", rand("i2", 4, 3), np.array([[1, 0], [3, -1]], dtype=np.int32))
case("take", "-", "F-", rand("f8", 3, 3), np.array([8, 0, -9, 4], dtype=np.int8))
case("take", "axis=-1", "--", rand("c16", 2, 3), np.array(2))
case("take", "axis=0", "--", rand("u1", 4), np.array([], dtype=np.int64))
case("take", "axis=1", "S-", rand("f2", 2, 6, 2), np.array([True, False, True]))
case("take_along_axis", "axis=1", "--", rand("f4", 3, 4), np.argsort(rand("f4", 3, 4), axis=1))
case("take_along_axis", "axis=0", "T-", rand("i8", 3, 4), np.array([[3, 0, -1]]))
case("take_along_axis", "axis=-1", "--", rand("f8", 2, 1), np.array([[0, 0, 0], [0, 0, 0]]))
# put
case("put", "-", "---", rand("f4", 3, 4), np.array([0, 5, -1, 7]), rand("f4", 4))
case("put", "-", "T--", rand("i8", 3, 2), np.array([[1, 4], [-6, 3]]), rand("i8", 3))
case("put", "-", "---", rand("u2", 6), np.array([2, 3, 5]), np.array(9, dtype=np.uint16))
case("put", "-", "F--", rand("c8", 4), np.array([0, 1]), rand("f8", 1))
# boolean masks
case("mask", "-", "--", rand("f4", 3, 4), rand("?", 3, 4))
case("mask", "-", "T-", rand("i4", 4, 3), rand("?", 3, 4))
case("mask", "-", "--", rand("f8", 3, 2, 2), rand("?", 3))
case("mask", "-", "S-", rand("f2", 2, 6), rand("?", 2))
case("mask", "-", "--", rand("u1", 2, 3), np.zeros((2, 3), dtype=bool))
case("mask", "-", "F-", rand("c16", 3, 2), rand("?", 3, 2))
case("setmask", "-", "---", rand("f4", 3, 4), rand("?", 3, 4), np.array(2.5, dtype=np.float32))
case("setmask", "-", "T--", rand("i8", 4, 3), (m := rand("?", 3, 4)), rand("i8", int(m.sum())))
case("setmask", "-", "---", rand("f8", 3, 2, 2), np.array([True, False, True]), rand("f8", 2, 2))
case("setmask", "-", "S--", rand("i2", 2, 6), np.array([[True, False, False], [False, True, True]]), np.array([7], dtype=np.int16))
case("setmask", "-", "---", rand("u1", 3), np.zeros(3, dtype=bool), np.array([], dtype=np.uint8))
# nonzero, argwhere
x = rand("f8", 3, 4)
x[0, 1], x[1, 2], x[2, 0], x[2, 3] = 0, -0.0, np.nan, 0
case("nonzero", "-", "-", x)
case("nonzero", "-", "T", rand("i1", 2, 3, 4) % 3)
case("nonzero", "-", "-", rand("?", 7))
case("nonzero", "-", "-", np.zeros((2, 2), dtype=np.complex64))
case("nonzero", "-", "-", np.array([0, 1j, 0, 1], dtype=np.complex64))
case("argwhere", "-", "F", rand("i4", 3, 3) % 2)
case("argwhere", "-", "-", rand("?", 2, 2, 2))

npys.close()
with open(os.path.join(OUT, "cases.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(len(lines), "cases")
