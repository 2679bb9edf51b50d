"""The case-file format the Go fixture tests read (internal/fixture): one line
per case in cases.txt, and the case's arrays in cases.npys, written one after
another by np.save in C order: its inputs, then its outputs."""

import os

import numpy as np


def write_cases(out, cases, header=None):
    """cases: (line, inputs, outputs); outputs is a list or one array."""
    with open(os.path.join(out, "cases.txt"), "w") as txt, open(os.path.join(out, "cases.npys"), "wb") as npys:
        if header:
            txt.write(header + "\n")
        for line, inputs, outputs in cases:
            txt.write(line + "\n")
            if not isinstance(outputs, list):
                outputs = [outputs]
            for x in list(inputs) + outputs:
                np.save(npys, np.array(x, order="C"))


def view(x, v):
    """x as the view a case's view= names: step (every other element of
    the last axis), rev (the last axis reversed), T (transposed), none."""
    return {"step": lambda: x[..., ::2], "rev": lambda: x[..., ::-1], "T": lambda: x.T, "none": lambda: x}[v]()


def case(fn, xs, tol, res, **kw):
    """A case of the <function> <inputs> <results> <tolerance> [key=value ...]
    format (see gen_signal.py): res is one array or a list of them."""
    if not isinstance(res, (list, tuple)):
        res = [res]
    args = "".join(f" {k}={v}" for k, v in kw.items())
    return (f"{fn} {len(xs)} {len(res)} {tol}{args}", xs, [np.asarray(r) for r in res])


def random_data(rng, dt, shape, scale=4.0):
    """Random values of dt: bools, integers over a byte type's range (else
    within ±1000), normal floats and complex numbers of the given scale."""
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        lo, hi = (info.min, info.max) if dt.itemsize == 1 else (-1000 if dt.kind == "i" else 0, 1000)
        return rng.integers(lo, hi, shape, endpoint=True).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) * scale + 1j * rng.standard_normal(shape) * scale).astype(dt)
    return (rng.standard_normal(shape) * scale).astype(dt)
