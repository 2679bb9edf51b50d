#!/usr/bin/python3
"""Writes the .npz fixtures for array/npz_test.go.

testdata/npz/arrays.npz (np.savez) and arrays_compressed.npz
(np.savez_compressed) hold the same named arrays: several dtypes, a
Fortran-ordered matrix, a 0-d array, an empty one and a big-endian one.
Each array is also written alone as testdata/npz/<name>.npy, which the test
reads with Load as the expected value. The .npz layout is the same under
NumPy 1.24 and 2.x.
Run from the repository root: python3 testdata/gen_npz.py
"""
import numpy as np


def arrays(rng):
    return {
        "x": rng.standard_normal((3, 4)),
        "counts": rng.integers(-1000, 1000, 17, dtype=np.int32),
        "mask": rng.random(5) < 0.5,
        "half": rng.standard_normal(6).astype(np.float16),
        "z": (rng.standard_normal(4) + 1j * rng.standard_normal(4)).astype(np.complex64),
        "fortran": np.asfortranarray(rng.standard_normal((2, 3)).astype(np.float32)),
        "scalar": np.array(7, dtype=np.uint8),
        "empty": np.zeros((0, 3), dtype=np.int64),
        "big_endian": rng.standard_normal(3).astype(">f8"),
    }


def main():
    a = arrays(np.random.default_rng(6))
    np.savez("testdata/npz/arrays.npz", **a)
    np.savez_compressed("testdata/npz/arrays_compressed.npz", **a)
    for name, v in a.items():
        np.save("testdata/npz/%s.npy" % name, v)


if __name__ == "__main__":
    main()
