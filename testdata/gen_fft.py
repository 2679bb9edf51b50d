#!/usr/bin/python3
"""Writes testdata/fft/: NumPy's answers for array/fft/fft_test.go.

cases.txt lists one case a line, "<function> [key=value ...]" with the
keywords of numpy.fft (n, axis, s, axes as comma-separated integers, norm,
d); cases.npys holds, case after case, the input (none for fftfreq and
rfftfreq) then NumPy's result, each written by np.save (ReadNpy reads them
one after another).

Inputs are random normals (complex: normal real and imaginary parts) in
float64 or complex128, or small integers in int64. Results are computed in
double precision: NumPy 1.24 always returns complex128/float64, and the Go
test checks single precision by casting the input to float32/complex64 and
comparing with these double results under a looser tolerance. The values
are the same under NumPy 2.x (pocketfft in both).

Run from the repository root: /usr/bin/python3 testdata/gen_fft.py
"""
import os

import numpy as np
from npys import write_cases

rng = np.random.default_rng(19)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fft")
os.makedirs(OUT, exist_ok=True)
NORMS = ["backward", "ortho", "forward"]


def rand(shape, kind):
    if kind == "c":
        return rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
    if kind == "i":
        return rng.integers(-9, 10, shape).astype(np.int64)
    return rng.standard_normal(shape)


cases = []  # (line, inputs, result)


def case(fn, x, **kw):
    words = [fn]
    for k, v in kw.items():
        if isinstance(v, (tuple, list)):
            v = ",".join(str(i) for i in v)
        words.append(f"{k}={v}")
    result = getattr(np.fft, fn)(*([] if x is None else [x]), **kw)
    cases.append((" ".join(words), [] if x is None else [x], np.asarray(result)))


# One axis: lengths 1, powers of two, primes (small, and above the CPU's
# direct-radix limit: 97, 1021), products of small primes.
ONE = {"fft": "c", "ifft": "c", "rfft": "r", "irfft": "c", "hfft": "c", "ihfft": "r"}
for n in [1, 2, 8, 64, 1024, 3, 7, 97, 1021, 12, 30, 105, 360]:
    for fn, kind in ONE.items():
        m = n
        if fn in ("irfft", "hfft"):
            m = n // 2 + 1  # input length: these transforms produce n values
            if n == 1:
                continue  # n=1 needs an explicit n; covered below
        norms = NORMS if n <= 105 or n == 1021 else ["backward"]
        for norm in norms:
            kw = {"norm": norm}
            if fn in ("irfft", "hfft"):
                kw["n"] = n  # odd n cannot be inferred from the input
            case(fn, rand((m,), kind), **kw)

# n cuts or pads; other axes; batches; integer input.
for fn, kind in ONE.items():
    case(fn, rand((3, 10), kind), n=6)
    case(fn, rand((3, 10), kind), n=17)
    case(fn, rand((10, 3), kind), axis=0)
    case(fn, rand((4, 5, 6), kind), axis=1, n=7, norm="ortho")
    case(fn, rand((2, 9), kind))  # irfft/hfft: default n = 2*(9-1)
case("irfft", rand((1,), "c"), n=1)
case("hfft", rand((4,), "c"), n=1)
case("fft", rand((5, 6), "i"))
case("rfft", rand((7,), "i"))
case("irfft", rand((5,), "i"), n=9)

# Several axes.
NDIM = {"fftn": "c", "ifftn": "c", "rfftn": "r", "irfftn": "c",
        "fft2": "c", "ifft2": "c", "rfft2": "r", "irfft2": "c"}
for fn, kind in NDIM.items():
    for norm in NORMS:
        case(fn, rand((6, 10), kind), norm=norm)
    case(fn, rand((3, 5, 7), kind))
    case(fn, rand((4, 6, 5), kind), axes=(0, 2))
    case(fn, rand((4, 6, 5), kind), axes=(2, 0))
    case(fn, rand((4, 6, 5), kind), s=(3, 9), axes=(0, 1), norm="ortho")
    case(fn, rand((4, 6, 5), kind), s=(5, 7), axes=(-2, -1))  # NumPy 2 deprecates s without axes
    case(fn, rand((2, 3, 4, 5), kind), axes=(0, 1, 2, 3))  # more axes than one backend call takes
    if fn in ("fftn", "irfftn"):
        case(fn, rand((1021, 3), kind), axes=(0, 1))
    if fn.startswith("irfft"):
        case(fn, rand((4, 6, 5), kind), s=(4, 6, 9), axes=(0, 1, 2))  # odd last length
case("fftn", rand((3, 4, 5), "i"))

# Frequencies and shifts.
for n in [1, 8, 9]:
    for d in [1.0, 0.1]:
        case("fftfreq", None, n=n, d=d)
        case("rfftfreq", None, n=n, d=d)
for fn in ["fftshift", "ifftshift"]:
    case(fn, rand((5, 6), "r"))
    case(fn, rand((5, 6), "r"), axes=(0,))
    case(fn, rand((7,), "r"))
    case(fn, rand((3, 5, 4), "r"), axes=(2, 0))

write_cases(OUT, cases)
