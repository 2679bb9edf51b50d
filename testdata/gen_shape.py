#!/usr/bin/python3
"""Writes shape.txt, NumPy's answers for array/shape_test.go.

Each line is one case, fields separated by " | "; a shape or stride list is
comma-separated ("-" when empty), strides and offsets count elements.

  index  <shape> | <strides> | <items> | ok <shape> | <strides> | <offset>
  index  <shape> | <strides> | <items> | err <message>
      v[items] for a view v of the given shape and strides at offset 0 of
      an int64 buffer. Items are space-separated: "i<n>" an integer,
      "s<start>:<stop>:<step>" a slice ("" for None), "new", "...".
  reshape <shape> | <strides> | <new shape> | view <strides>
  reshape <shape> | <strides> | <new shape> | copy
      whether v.reshape(new shape) is a view, and its strides if so.
  broadcast <shape> <shape> ... | ok <shape>
  broadcast <shape> <shape> ... | err <message>

Run from the repository root: python3 testdata/gen_shape.py
"""
import numpy as np
from numpy.lib.stride_tricks import as_strided

rng = np.random.default_rng(7)
BUF = np.arange(4000, dtype=np.int64)
BASE = 2000  # the view's offset 0 is BUF[BASE]


def fmt(xs):
    return ",".join(str(int(x)) for x in xs) or "-"


def offset(a):
    return (a.__array_interface__["data"][0] - BUF[BASE:].__array_interface__["data"][0]) // 8


def random_view(max_ndim=4, max_dim=5):
    ndim = rng.integers(0, max_ndim + 1)
    shape = tuple(int(x) for x in rng.integers(0, max_dim + 1, ndim))
    strides = tuple(int(x) for x in rng.integers(-30, 31, ndim))
    return shape, strides, as_strided(BUF[BASE:], shape, [s * 8 for s in strides])


def random_item(n):
    r = rng.random()
    if r < 0.3:
        i = int(rng.integers(-n - 2, n + 2))
        return "i%d" % i, i
    if r < 0.8:
        def end():
            return None if rng.random() < 0.3 else int(rng.integers(-n - 3, n + 4))
        step = None if rng.random() < 0.3 else int(rng.choice([-3, -2, -1, 1, 2, 3, 0 if rng.random() < 0.05 else 1]))
        start, stop = end(), end()
        text = "s" + ":".join("" if v is None else str(v) for v in (start, stop, step))
        return text, slice(start, stop, step)
    if r < 0.9:
        return "new", None
    return "...", Ellipsis


def index_cases(n):
    lines = []
    for _ in range(n):
        shape, strides, v = random_view()
        items = [random_item(max(shape or (3,))) for _ in range(rng.integers(0, len(shape) + 3))]
        text = " ".join(t for t, _ in items) or "-"
        idx = tuple(x for _, x in items)
        if not any(x is Ellipsis for x in idx):
            idx += (Ellipsis,)  # same selection, but a 0-d result stays a view
        head = "index %s | %s | %s | " % (fmt(shape), fmt(strides), text)
        try:
            r = v[idx]
            lines.append(head + "ok %s | %s | %d" % (fmt(r.shape), fmt(np.array(r.strides) // 8), offset(r)))
        except (IndexError, ValueError) as e:
            lines.append(head + "err " + str(e))
    return lines


def factor_shape(size):
    """A random shape of the given size (size > 0)."""
    dims, rest = [], size
    while rest > 1:
        divs = [d for d in range(2, rest + 1) if rest % d == 0]
        d = int(rng.choice(divs))
        dims.append(d)
        rest //= d
    for _ in range(rng.integers(0, 3)):
        dims.insert(int(rng.integers(0, len(dims) + 1)), 1)
    rng.shuffle(dims)
    return tuple(dims)


def reshape_cases(n):
    lines = []
    for _ in range(n):
        # A realistic view: a C array, transposed and sliced at random.
        shape = tuple(int(x) for x in rng.integers(1, 5, rng.integers(1, 5)))
        a = BUF[BASE:BASE + int(np.prod(shape))].reshape(shape)
        if rng.random() < 0.5:
            a = a.transpose(rng.permutation(a.ndim))
        if rng.random() < 0.5:
            ax = int(rng.integers(0, a.ndim))
            sl = [slice(None)] * a.ndim
            sl[ax] = slice(None, None, int(rng.choice([2, -1])))
            a = a[tuple(sl)]
        if rng.random() < 0.3:
            a = a[..., None] if rng.random() < 0.5 else a[None]
        new = factor_shape(a.size)
        r = a.reshape(new)
        head = "reshape %s | %s | %s | " % (fmt(a.shape), fmt(np.array(a.strides) // 8), fmt(new))
        if np.shares_memory(r, BUF):
            lines.append(head + "view " + fmt(np.array(r.strides) // 8))
        else:
            lines.append(head + "copy")
    return lines


def broadcast_cases(n):
    lines = []
    for _ in range(n):
        shapes = [tuple(int(x) for x in rng.choice([0, 1, 1, 1, 2, 3], rng.integers(0, 4)))
                  for _ in range(rng.integers(1, 4))]
        head = "broadcast %s | " % " ".join(fmt(s) for s in shapes)
        try:
            lines.append(head + "ok " + fmt(np.broadcast(*[np.empty(s) for s in shapes]).shape))
        except ValueError:
            try:  # the ufuncs' message, which names every operand
                np.nditer([np.empty(s) for s in shapes], flags=["zerosize_ok"])
            except ValueError as e:
                lines.append(head + "err " + str(e).rstrip())
    return lines


if __name__ == "__main__":
    lines = index_cases(400) + reshape_cases(200) + broadcast_cases(100)
    with open("testdata/shape.txt", "w") as f:
        f.write("# generated by gen_shape.py with NumPy %s\n" % np.__version__)
        f.write("\n".join(lines) + "\n")
