#!/usr/bin/python3
"""Writes the .npy fixtures for array/npy_test.go under testdata/npy/.

Each file holds a tiny array whose values the test rebuilds itself:
element i (in C order) of an array of dtype d is value(i) cast to d, with
value(i) = (i + 1) * (-1)**i * 0.75 for floats (real and imaginary part
value(i) and -value(i) for complex), (i + 1) * (-1)**i for signed ints,
i + 1 for unsigned, i % 3 == 0 for bool.

  le_<dtype>.npy   shape (2, 3), little-endian, written by np.save (format
                   1.0); the test also checks that WriteNpy writes these
                   same bytes
  be_<dtype>.npy   the same values big-endian ('>i4', ...)
  fortran_int32.npy / fortran_complex64.npy / fortran_be_float64.npy
                   shape (2, 3) in Fortran order (the data bytes are in
                   column-major order)
  v2_float32.npy / v3_int16.npy   format versions 2.0 and 3.0
  scalar_float64.npy, empty_int64.npy (shape (0, 3)), vec_uint8.npy (5,),
  big4d_float16.npy (2, 1, 3, 2), ndim32_bool.npy (1,)*31+(2,): other
  shapes, also checked byte for byte
  unicode_U5.npy / structured.npy: dtypes we reject

Run from the repository root: python3 testdata/gen_npy.py
"""
import os

import numpy as np
from numpy.lib import format as npf

OUT = "testdata/npy"
NAMES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
         "uint32", "uint64", "float16", "float32", "float64", "complex64",
         "complex128"]


def values(name, shape):
    n = int(np.prod(shape))
    i = np.arange(n)
    sign = (-1.0) ** i
    if name == "bool":
        v = i % 3 == 0
    elif name.startswith("int"):
        v = (i + 1) * sign
    elif name.startswith("uint"):
        v = i + 1
    elif name.startswith("float"):
        v = (i + 1) * sign * 0.75
    else:
        v = (i + 1) * sign * 0.75 * (1 - 1j)
    return np.asarray(v).astype(name).reshape(shape)


def save(name, a):
    np.save(os.path.join(OUT, name), a)


def write(name, a, version):
    with open(os.path.join(OUT, name), "wb") as f:
        npf.write_array(f, a, version=version)


def main():
    os.makedirs(OUT, exist_ok=True)
    for n in NAMES:
        a = values(n, (2, 3))
        save("le_%s.npy" % n, a)
        if a.dtype.itemsize > 1:
            save("be_%s.npy" % n, a.astype(a.dtype.newbyteorder(">")))
    save("fortran_int32.npy", np.asfortranarray(values("int32", (2, 3))))
    save("fortran_complex64.npy", np.asfortranarray(values("complex64", (2, 3))))
    save("fortran_be_float64.npy",
         np.asfortranarray(values("float64", (2, 3)).astype(">f8")))
    write("v2_float32.npy", values("float32", (2, 3)), (2, 0))
    write("v3_int16.npy", values("int16", (2, 3)), (3, 0))
    save("scalar_float64.npy", values("float64", ()))
    save("empty_int64.npy", values("int64", (0, 3)))
    save("vec_uint8.npy", values("uint8", (5,)))
    save("big4d_float16.npy", values("float16", (2, 1, 3, 2)))
    save("ndim32_bool.npy", values("bool", (1,) * 31 + (2,)))
    save("unicode_U5.npy", np.array(["ab", "cde"], dtype="<U5"))
    save("structured.npy", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]))


if __name__ == "__main__":
    main()
