#!/usr/bin/python3
"""Writes testdata/kernel/: NumPy's answers for kernel/kernel_gpu_test.go,
the translations of CuPy's documented user-kernel examples.

Each case is name_in*.npy (the inputs) and name_out*.npy (what NumPy
computes for them):

  sqdiff     z = (x - y)**2, x (4, 5) and y (5,) broadcast, float32 and float64;
             its sum along axis 1 (sum1) and that of x*y (dot1), summed in float64
  axpy       z = x*2 + y*y - 1 in float32 (the benchmark's kernel)
  reverse    z = x + y[::-1] (a raw parameter read at _ind.size() - i - 1)
  l2         sqrt(sum(x*x)) over all of x and along axis 1, float32
  times3     x * 3 for int32 and float32 (a templated raw kernel)
  sum_mul    x1 + x2 and x1 * x2 (a raw module with two kernels)

Run from the repository root: /usr/bin/python3 testdata/gen_kernel.py
(NumPy 1.24 and 2.x give the same files: every result is computed in the
inputs' dtype.)
"""
import os

import numpy as np

rng = np.random.default_rng(20)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel")
os.makedirs(OUT, exist_ok=True)


def save(name, a):
    np.save(os.path.join(OUT, name + ".npy"), a)


for dt in (np.float32, np.float64):
    x = rng.standard_normal((4, 5)).astype(dt)
    y = rng.standard_normal(5).astype(dt)
    tag = np.dtype(dt).name
    save("sqdiff_%s_in0" % tag, x)
    save("sqdiff_%s_in1" % tag, y)
    save("sqdiff_%s_out" % tag, ((x - y) * (x - y)).astype(dt))
    save("sqdiff_%s_sum1" % tag, ((x - y) * (x - y)).sum(axis=1, dtype=np.float64).astype(dt))
    save("sqdiff_%s_dot1" % tag, (x * y).sum(axis=1, dtype=np.float64).astype(dt))

x = rng.standard_normal((3, 1000)).astype(np.float32)
y = rng.standard_normal((3, 1000)).astype(np.float32)
save("axpy_in0", x)
save("axpy_in1", y)
save("axpy_out", x * np.float32(2) + y * y - np.float32(1))

x = rng.standard_normal(1001).astype(np.float32)
y = rng.standard_normal(1001).astype(np.float32)
save("reverse_in0", x)
save("reverse_in1", y)
save("reverse_out", x + y[::-1])

x = rng.standard_normal((3, 5000)).astype(np.float32)
save("l2_in0", x)
save("l2_out", np.sqrt(np.sum(x.astype(np.float64) ** 2)).astype(np.float32))
save("l2_out_axis1", np.sqrt(np.sum(x.astype(np.float64) ** 2, axis=1)).astype(np.float32))

xi = rng.integers(-1000, 1000, 777).astype(np.int32)
xf = rng.standard_normal(777).astype(np.float32)
save("times3_int32_in0", xi)
save("times3_int32_out", xi * np.int32(3))
save("times3_float32_in0", xf)
save("times3_float32_out", xf * np.float32(3))

a = rng.standard_normal(2000).astype(np.float32)
b = rng.standard_normal(2000).astype(np.float32)
save("sum_mul_in0", a)
save("sum_mul_in1", b)
save("sum_mul_out0", a + b)
save("sum_mul_out1", a * b)
