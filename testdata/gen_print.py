#!/usr/bin/python3
"""Writes testdata/print/cases.jsonl for array/print_test.go.

Each line is one array, as JSON: its dtype, shape and raw little-endian
bytes in C order (base64), the print options in force, and what NumPy's
repr() and str() give for it. The arrays cover every dtype cugo has but
bfloat16, shapes from 0-d to 3-d, empty ones, NaN and inf, huge and tiny
values (one notation per array), complex numbers, wrapping at the line
width, summarised arrays past the threshold, and non-default options.

Array reprs are the same under NumPy 1.24 and 2.x; the str of a 0-d array
is the str of its scalar, also the same (only scalar reprs changed in 2.0).
Run from the repository root: python3 testdata/gen_print.py
"""
import base64
import json

import numpy as np

DEFAULTS = dict(precision=8, threshold=1000, edgeitems=3, linewidth=75,
                suppress=False)


def cases(rng):
    """Yields (name, array, options) for every case."""
    yield "f64 thirds", np.arange(1, 8) / 7, {}
    yield "f64 integers", np.array([0., 1., 2.]), {}
    yield "f64 mixed widths", np.array([1.0, 2.5, -10.25, 100.125]), {}
    yield "f64 tiny with zero", np.array([0.0, 0.0, 4.440892098500626e-16]), {}
    yield "f64 huge", np.array([1e20, 2.0, -3.5]), {}
    yield "f64 1e8 edge", np.array([99999999.0, 1.0]), {}
    yield "f64 1e8", np.array([1e8, 1.0]), {}
    yield "f64 ratio 1000", np.array([0.001, 1.0]), {}
    yield "f64 ratio over 1000", np.array([0.001, 1.001]), {}
    yield "f64 1e-4", np.array([1e-4, 1.0]), {}
    yield "f64 under 1e-4", np.array([9.9e-5, 1.0]), {}
    yield "f64 exp 3 digits", np.array([1e100, 1.0, -1e-300]), {}
    yield "f64 nan inf", np.array([np.nan, np.inf, -np.inf, 1.5]), {}
    yield "f64 only nan", np.array([np.nan, np.nan]), {}
    yield "f64 nan and -inf", np.array([np.nan, -np.inf]), {}
    yield "f64 nan exp", np.array([np.nan, 1e-10, 3.0]), {}
    yield "f64 inf long frac", np.array([np.inf, 0.123456789]), {}
    yield "f64 neg zero", np.array([-0.0, 0.0, 1.0]), {}
    yield "f64 rounding ties", np.array([0.125, 0.375, 2.5]), {"precision": 2}
    yield "f64 random 2-d", rng.standard_normal((4, 5)), {}
    yield "f64 random 3-d", rng.standard_normal((2, 3, 4)) * 100, {}
    yield "f64 wrap", rng.uniform(-1, 1, 30), {}
    yield "f64 wrap 2-d", rng.uniform(0, 1000, (3, 12)), {}
    yield "f64 0-d", np.array(1.5), {}
    yield "f64 0-d third", np.array(1 / 3), {}
    yield "f64 0-d one", np.array(1.0), {}
    yield "f64 0-d tiny", np.array(1e-5), {}
    yield "f64 0-d huge", np.array(1.5e16), {}
    yield "f64 0-d nan", np.array(np.nan), {}
    yield "f64 0-d -inf", np.array(-np.inf), {}
    yield "f64 empty", np.zeros(0), {}
    yield "f64 empty 2-d", np.zeros((2, 0)), {}
    yield "f64 empty 3-d", np.zeros((0, 3, 1)), {}
    yield "f64 column", np.arange(4.0).reshape(4, 1), {}
    yield "f64 singleton 3-d", np.arange(6.0).reshape(1, 2, 3), {}
    yield "f32 tenths", np.arange(10, dtype=np.float32) / 10, {}
    yield "f32 thirds", (np.arange(1, 5) / 3).astype(np.float32), {}
    yield "f32 0-d", np.array(0.1, dtype=np.float32), {}
    yield "f32 random", rng.standard_normal(7).astype(np.float32), {}
    yield "f32 tiny", np.array([1e-30, 1.0, 0.0], dtype=np.float32), {}
    yield "f32 dtype wraps", (rng.uniform(0, 10, 8)).astype(np.float32), {}
    yield "f16", np.array([0.1, 1.0, 65504.0, -2.5, np.inf], dtype=np.float16), {}
    yield "f16 random", rng.standard_normal((2, 3)).astype(np.float16), {}
    yield "f16 0-d", np.array(0.3333, dtype=np.float16), {}
    yield "f16 whole numbers", np.array([4608, 12176, -2050, 0.5], dtype=np.float16), {}
    yield "f32 whole numbers", np.array([33554436, 16777218, 1.5], dtype=np.float32), {"suppress": True}
    yield "c128", np.array([1 + 2j, -3.5 - 0.25j, 0j]), {}
    yield "c128 exp", np.array([1e-10 + 1j, 2 + 3e10j]), {}
    yield "c128 nan inf", np.array([complex(np.nan, 1), complex(1, np.inf), complex(-np.inf, -np.nan)]), {}
    yield "c128 2-d", (rng.standard_normal((3, 3)) + 1j * rng.standard_normal((3, 3))), {}
    yield "c128 0-d", np.array(1.5 - 2j), {}
    yield "c128 0-d imag", np.array(2j), {}
    yield "c128 0-d real", np.array(3 + 0j), {}
    yield "c64", np.array([0.1 + 0.2j, 1 - 1j], dtype=np.complex64), {}
    yield "c64 0-d", np.array(0.1 + 0.2j, dtype=np.complex64), {}
    yield "i64", np.array([1, -20, 300]), {}
    yield "i64 2-d", np.arange(12).reshape(3, 4) - 5, {}
    yield "i64 0-d", np.array(-7), {}
    yield "i64 extremes", np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max]), {}
    yield "i64 wrap", np.arange(40) * 1000, {}
    yield "i32", np.array([1, 2, 3], dtype=np.int32), {}
    yield "i32 0-d", np.array(5, dtype=np.int32), {}
    yield "i16", np.array([-32768, 32767], dtype=np.int16), {}
    yield "i8", np.array([-128, 0, 127], dtype=np.int8), {}
    yield "u8", np.array([0, 200, 255], dtype=np.uint8), {}
    yield "u16", np.array([[1, 2], [65535, 4]], dtype=np.uint16), {}
    yield "u32 0-d", np.array(4000000000, dtype=np.uint32), {}
    yield "u64", np.array([0, 2**64 - 1], dtype=np.uint64), {}
    yield "i64 empty", np.zeros(0, dtype=np.int64), {}
    yield "i32 empty", np.zeros((0,), dtype=np.int32), {}
    yield "bool", np.array([True, False, True]), {}
    yield "bool 2-d", np.array([[True, False], [False, False]]), {}
    yield "bool 0-d true", np.array(True), {}
    yield "bool 0-d false", np.array(False), {}
    yield "bool empty 2-d", np.zeros((0, 2), dtype=bool), {}
    yield "summary 1-d f64", np.arange(2000) / 3, {}
    yield "summary 1-d i64", np.arange(1001), {}
    yield "summary 2-d f32", (np.arange(40 * 30).reshape(40, 30) / 7).astype(np.float32), {}
    yield "summary 3-d i32", np.arange(20 * 10 * 6, dtype=np.int32).reshape(20, 10, 6), {}
    yield "summary short axis", np.arange(2 * 600).reshape(2, 600) * 0.5, {}
    yield "summary bool", np.arange(1200) % 3 == 0, {}
    yield "summary c64", (np.arange(1100) + 1j * np.arange(1100)[::-1]).astype(np.complex64), {}
    yield "summary exp", np.logspace(-10, 10, 1500), {}
    yield "not summarised 1000", np.arange(1000), {}
    yield "opt precision 3", np.arange(1, 8) / 7, {"precision": 3}
    yield "opt precision 0", np.array([0.4, 1.6, 2.5]), {"precision": 0}
    yield "opt precision 3 exp", np.array([1e-6, 1.23456]), {"precision": 3}
    yield "opt suppress", np.array([1e-10, 1.5, 3.0]), {"suppress": True}
    yield "opt suppress huge", np.array([1e-10, 1e9]), {"suppress": True}
    yield "opt suppress c128", np.array([1e-10 + 1j, 1.5 - 2e-9j]), {"suppress": True}
    yield "opt linewidth", np.arange(20) / 3, {"linewidth": 40}
    yield "opt linewidth dtype", np.arange(6, dtype=np.int16), {"linewidth": 20}
    yield "opt threshold", np.arange(20), {"threshold": 10, "edgeitems": 2}
    yield "opt threshold 2-d", np.arange(30.0).reshape(5, 6), {"threshold": 5, "edgeitems": 1}
    yield from random_cases(rng)


DTYPES = ["float16", "float32", "float64", "complex64", "complex128", "int8",
          "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool"]


def random_cases(rng, count=200):
    """Arrays of random dtype, shape, magnitudes (some spanning 24 orders),
    NaN, inf and signed zeros, under random print options."""
    made = 0
    while made < count:
        dt = np.dtype(DTYPES[rng.integers(len(DTYPES))])
        shape = tuple(int(rng.integers(1, [3, 7, 12, 40][rng.integers(4)])) for _ in range(rng.integers(0, 4)))
        n = int(np.prod(shape))
        if n > 400:
            continue
        scale = 10.0 ** rng.uniform(-12, 12, n) if rng.random() < 0.5 else 10.0 ** rng.uniform(-2, 4)
        v = rng.standard_normal(n) * scale
        if rng.random() < 0.3:
            v = np.round(v)
        if dt.kind in "fc" and rng.random() < 0.3:
            idx = rng.integers(0, n, max(1, n // 5))
            v[idx] = rng.choice([np.nan, np.inf, -np.inf, 0.0, -0.0], len(idx))
        if dt.kind == "c":
            v = v + 1j * rng.standard_normal(n) * scale
        elif dt.kind in "iu":
            info = np.iinfo(dt)
            v = np.clip(np.nan_to_num(v), info.min, info.max)
        elif dt.kind == "b":
            v = v > 0
        with np.errstate(all="ignore"):
            a = np.asarray(v).astype(dt).reshape(shape)
        opts = {}
        if rng.random() < 0.4:
            opts["precision"] = int(rng.integers(0, 11))
        if rng.random() < 0.3:
            opts["threshold"] = int(rng.integers(0, 60))
            opts["edgeitems"] = int(rng.integers(1, 4))
        if rng.random() < 0.3:
            opts["linewidth"] = int(rng.integers(10, 150))
        if rng.random() < 0.2:
            opts["suppress"] = True
        made += 1
        yield "random %d" % made, a, opts


def main():
    rng = np.random.default_rng(22)
    with open("testdata/print/cases.jsonl", "w") as f:
        for name, a, opts in cases(rng):
            full = dict(DEFAULTS, **opts)
            with np.printoptions(**full):
                rec = {
                    "name": name,
                    "dtype": a.dtype.name,
                    "shape": list(a.shape),
                    "data": base64.b64encode(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()).decode(),
                    "options": full,
                    "repr": repr(a),
                    "str": str(a),
                }
            f.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
