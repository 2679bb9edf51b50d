#!/usr/bin/python3
"""Writes testdata/advindex/: NumPy's advanced indexing (integer and
boolean arrays between the brackets) for array/advindex_test.go, reading
(a[idx]) and writing (a[idx] = v).

cases.txt lists one case a line:

    get <items...>        the input, the index arrays, then a[idx]
    set <items...>        the input, the index arrays, the values, then a after a[idx] = values
    error <items...>      the input and the index arrays; NumPy raises IndexError

in cases.npys in that order. An item is a basic index as Python writes it
(3, -1, 1:4, ::-1, None, ...) or @ for the next index array. The write
cases select no element twice (NumPy keeps the last write, a GPU any).

Run from the repository root: /usr/bin/python3 testdata/gen_advindex.py
Advanced indexing has not changed between NumPy 1.24 and 2.x.
"""
import os

import numpy as np

import npys
from advcases import cases, get, put

rng = np.random.default_rng(77)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "advindex")
os.makedirs(OUT, exist_ok=True)

a = rng.integers(-50, 50, (4, 5, 6)).astype(np.int32)
f = rng.standard_normal((3, 7))
i = lambda *v: np.array(v, dtype=np.int64)

# one array, each position, negative entries, n-d index arrays
get(f, "@", i(0, 2, -1))
get(f, ": @", i(6, 0, 0, -7))
get(a, "@", i(3, 0))
get(a, ": @", i(4, 1, 1))
get(a, ": : @", i(5, -6))
get(a, "@", np.array([[0, 1], [3, 2]]))
get(a, "1 @", np.array([[0, 4], [2, 2]], dtype=np.int8))
get(a, "... @", np.array([1, 2], dtype=np.uint16))
# several arrays broadcast; adjacent ones keep their place, separated ones go first
get(a, "@ @", i(0, 3, 1), i(4, 4, 0))
get(a, "@ @ @", i(0, 3), i(1, 2), i(5, 0))
get(a, ": @ @", i(0, 3, 1), i(2, 5, 0))
get(a, "@ : @", i(0, 3, 1), i(2, 5, 0))
get(a, "@ @", np.array([[0], [2]]), i(1, 2, 3))
get(a, "1 : @", i(0, 5))      # an integer and an array separated by a slice: their axis goes first
get(a, "1 @ :", i(0, 4))      # next to each other: in place
get(a, "@ 2 @", i(0, 1), i(3, 5))
get(a, "None @ :", i(2, 2))
get(a, "@ None @", i(2, 1), i(0, 4))
get(a, "1:3 @ ::-2", i(-1, 0, 3))
get(a, "::-1 @ @", i(1, 1), i(0, 5))
get(f.T, "@ 1:", i(3, 4, 0))  # a transposed view
get(a[:, ::2, 1:], "@ @", i(2, 0), i(1, 2))
# empty index arrays and empty axes
get(a, "@", i())
get(a, ": @", np.zeros((0, 2), np.int64))
get(np.zeros((0, 3)), ": @", i(1, 2))
# boolean arrays: whole, leading axes, one axis, beside integers
m = a > 10
get(a, "@", m)
get(a, "@", a[:, :, 0] < 0)
get(a, ": @", np.array([True, False, True, True, False]))
get(a, "@ 2", np.array([False, True, True, False]))
get(a, "@ @", np.array([True, False, False, True]), i(1, 3))
get(f, "@", np.zeros((3, 7), bool))
get(a, "... @", rng.integers(0, 2, 6).astype(bool))
# errors: out of range (positive and negative), boolean length
get(a, "@", i(4))
get(a, ": @", i(0, -6))
get(a, ": : @", i(6))
get(a, "@", np.array([True, False]))
get(a, ": @", np.ones((5, 7), bool))
get(a, "@ @", i(0, 1), i(0, 1, 2))

# writes: scalars and broadcast values, views, booleans
put(a, "@", 7, i(0, 2))
put(a, ": @", rng.integers(0, 9, (4, 2, 6)).astype(np.int32), i(4, 1))
put(a, "@ @", rng.integers(0, 9, (3, 1)).astype(np.int32), i(0, 3, 1), i(4, 4, 0))
put(a, "1 : @", rng.integers(0, 9, (2, 1)).astype(np.int32), i(0, 5))
put(a, "@ : @", rng.integers(0, 9, 5).astype(np.int32), i(0, 3)[:, None], i(2, -1))
put(a, "@", -1, a > 30)
put(a, ": @", rng.integers(0, 9, 6).astype(np.int32), np.array([True, False, False, True, False]))
put(f, "@ 1:", 0.5, i(2, 0))
put(f, "::-1 @", rng.standard_normal((3, 2)), i(6, 1))
put(f, "@", rng.standard_normal((2, 1)).astype(np.float32), i(1, 2))  # values cast to the array's dtype

npys.write_cases(OUT, cases)
print(len(cases), "cases")
