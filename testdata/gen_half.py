#!/usr/bin/python3
"""Writes the float16 conversion fixtures for array/half_test.go.

half_in_f32.npy / half_out_f16.npy: float32 values and NumPy's float16 for
each; half_in_f64.npy / half_out_f64_f16.npy: the same from float64 (NumPy
rounds float64 to float16 in one step). Inputs are edge values (zeros, the
float16 limits, halfway points, Inf, NaN) and seeded random values spread
over the float16 range. Run from the repository root: python3 testdata/gen_half.py
"""
import numpy as np

rng = np.random.default_rng(20240501)


def edges():
    h = np.arange(0, 0x7C01, dtype=np.uint16).view(np.float16).astype(np.float64)
    mids = (h[:-1] + h[1:]) / 2  # every halfway point, exact in float64
    pick = np.concatenate([mids[:40], mids[1000:1010], mids[-40:]])
    v = [0.0, 65504.0, 65519.0, 65520.0, 65536.0, 1e10, 2.0**-24, 2.0**-25,
         2.0**-26, 3 * 2.0**-26, 2.0**-14, 1e-30, np.inf, np.nan, 1 / 3]
    v = np.concatenate([v, pick])
    return np.concatenate([v, -v])


def main():
    x = np.concatenate([
        edges(),
        rng.uniform(-70000, 70000, 200),
        np.exp2(rng.uniform(-26, 16, 300)) * rng.choice([-1, 1], 300),
    ])
    f32 = x.astype(np.float32)
    f64 = x + np.exp2(np.floor(np.log2(np.abs(x) + 1e-300)) - 40) * rng.choice([-1, 0, 1], x.size)
    np.save("testdata/half_in_f32.npy", f32)
    np.save("testdata/half_out_f16.npy", f32.astype(np.float16))
    np.save("testdata/half_in_f64.npy", f64)
    np.save("testdata/half_out_f64_f16.npy", f64.astype(np.float16))


if __name__ == "__main__":
    with np.errstate(all="ignore"):
        main()
