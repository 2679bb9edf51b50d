"""NumPy 2's result dtypes where NumPy 1.24 gives others, so that fixture
scripts make the same files under either (under NumPy 2 these change
nothing)."""

import numpy as np


def quantile(r, x, q, method):
    """r, a quantile of x, as NumPy 2 types it: lower, higher and nearest
    keep x's dtype; linear and midpoint give float64 for integers, and for
    floats x's dtype with a Python float q (weak) but float64 with a list."""
    if method in ("lower", "higher", "nearest"):
        return np.asarray(r).astype(x.dtype)
    if x.dtype.kind in "biu" or isinstance(q, list):
        return np.asarray(r).astype(np.float64)
    return np.asarray(r).astype(x.dtype)
