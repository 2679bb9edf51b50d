#!/usr/bin/python3
"""Writes testdata/advindex2/: more of NumPy's advanced indexing for
array/advindex2_test.go, in gen_advindex.py's format (get, set and error
lines over cases.npys): index arrays of every integer dtype, where the
arrays' axes go beside integers, slices, new axes and the ellipsis in odd
positions, repeated arrays, 0-d integer and boolean arrays, several boolean arrays,
empty and broadcast selections, reversed and stepped views, and writes
through them (no element written twice).

Run from the repository root: /usr/bin/python3 testdata/gen_advindex2.py
Advanced indexing has not changed between NumPy 1.24 and 2.x.
"""
import os

import numpy as np

import npys
from advcases import cases, get, put

rng = np.random.default_rng(2024)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "advindex2")
os.makedirs(OUT, exist_ok=True)

a = rng.integers(-99, 99, (3, 4, 5, 6)).astype(np.int64)
f = rng.standard_normal((5, 4)).astype(np.float32)
i = lambda *v: np.array(v, dtype=np.int64)

# every integer dtype as an index array, negative entries of the signed ones
for dt in (np.int8, np.int16, np.int32, np.int64):
    get(a, ": @", np.array([-4, 3, -1, 0], dtype=dt))
    get(a, "@ ... @", np.array([[2], [-3]], dtype=dt), np.array([-6, 5], dtype=dt))
for dt in (np.uint8, np.uint16, np.uint32, np.uint64):
    get(a, ": : @", np.array([4, 0, 4], dtype=dt))
    get(a, "@ 1 @", np.array([2, 0], dtype=dt), np.array([[1], [3]], dtype=dt))
# placement: integers and 0-d arrays count as arrays; slices, new axes and
# the ellipsis separate them
get(a, "@ : : 2", i(1, 0))
get(a, ": 2 : @", i(0, 5))
get(a, ": 2 @ :", i(0, 4))
get(a, "... 1 @", i(0, 5, 2))
get(a, "1 ... @", i(0, 5, 2))
get(a, "@ ... 1", i(2, 2))
get(a, "None @ None @", i(0, 1), i(3, 2))
get(a, "@ None @", i(0, 1), i(3, 2))
get(a, "@ @ None", i(0, 1), i(3, 2))
get(a, "None ... @ None", i(5, 1))
get(a, "@ ... None", i(1, 2))
get(a, ": None @ @", i(0, 3), i(4, 4))
get(a, "@", np.array(2))
get(a, "@ @", np.array(2), i(0, 1, 3))
get(a, ": @ 1 @", np.array(1), i(0, 5))
get(a, ": @ : @", np.array(1), i(0, 5))
get(a, "@ @ @ @", i(0, 2), i(1, 3), i(4, 0), i(5, 5))
get(a, "@ @ @ @", np.array([[0], [2]]), i(1, 3), np.zeros((1, 1, 2), np.int64), i(5, 0))
# the same array twice, repeated entries
r = i(1, 1, 0)
get(a, "@ @", r, r)
get(a, ": : @ @", r, r)
get(a, "@ : @", r, r)
get(f, "@", i(4, 4, 4, 4))
# views: reversed and stepped slices beside the arrays
get(a, "::-1 @ ::2 @", i(3, 0), i(-1, 1))
get(a, "1::-1 ::-2 @", i(4, 0, 2))
get(a, "@ 3:0:-1 ... ::-3", i(2, 0))
get(f, "::-2 @", np.array([[0, 3], [2, 1]]))
get(f, "@ ::-1", np.array([[4], [0]]))
# booleans: several, beside integers, new axes and the ellipsis, all false
get(a, "@ @", np.array([True, False, True]), np.array([False, True, False, True]))
get(a, "@ : @", np.array([True, False, True]), np.array([True, False, False, False, True]))
get(a, "... @", a[0, 0, 0] > 0)
get(a, "1 @ 2", a[0, :, 0] > 0)
get(a, "None @ None", a[:, :, 0, 0] > 0)
get(a, "@ ... @", np.zeros(3, bool), np.ones(6, bool))
get(a, ": @ @", a[0, :, :, 0] > 0, i(2))
get(a, "@ @", a[:, :, 0, 0] > 0, np.array([[0], [4]]))
get(f, "@", np.zeros((5, 4), bool))
get(f, "@ ::-1", np.array([True, False, False, True, True]))
# empty selections and empty axes
get(a, "@ @", i(), i())
get(a, "@ @", np.zeros((2, 0), np.int64), i(1))
get(a, ": @ 0:0", i(1, 2))
get(np.zeros((2, 0, 3)), "@ : @", i(1, 0), i(2, 2))
get(np.zeros((2, 0, 3)), ": @", np.zeros(0, np.int64))
# errors: out of range for each dtype, booleans of the wrong length
get(a, "@", np.array([3], np.uint8))
get(a, ": @", np.array([-5], np.int8))
get(a, "@ @", i(0, 1), np.array([4], np.int16))
get(a, "... @", np.array([6], np.uint32))
get(a, "@ @", np.ones(3, bool), np.ones(5, bool))
get(a, "1 @", np.ones((4, 6), bool))
get(a, "@ @ @", i(0, 1), i(0, 1, 2), i(0))
# 0-d booleans: a new axis of length 1 (True) or 0 (False)
T, F = np.array(True), np.array(False)
z = np.array(2.5)
get(f, "@", T)
get(f, "@", F)
get(f, "@ @", T, i(4, 0))
get(f, ": @", T)
get(a, "@ : @ @", i(1, 0), T, i(2, 2))
get(a, "@ @", T, T)
get(a, "... @", F)
get(a, "@ 1", T)
get(z, "@", T)
get(z, "@", F)
get(z, "@", z > 3)
get(f, "@ @", F, i(0, 1))

# writes through the same placements and views
put(a, "@ ... @", rng.integers(-9, 9, (2, 4, 5)), i(0, 2), i(1, 5))
put(a, ": 2 : @", rng.integers(-9, 9, (2, 3, 5)), i(0, 5))
put(a, "None @ None @", 77, i(0, 1), i(3, 2))
put(a, "::-1 @ ::2 @", rng.integers(-9, 9, (2, 1, 3)), i(3, 0), i(-1, 1))
put(a, "@ : @", rng.integers(-9, 9, (4, 1)), np.array([True, False, True]), np.array([True, False, False, False, True]))
put(a, ": : @", rng.integers(-9, 9, (4, 1, 6)), np.array([4, 0], np.uint8))
put(a, ": @", 5, np.array([-1, -3], np.int8))
put(a, "@ @", -1, np.zeros((2, 0), np.int64), i(1))
put(f, "::-2 @", rng.standard_normal((3, 2, 2)).astype(np.float32), np.array([[0, 3], [2, 1]]))
put(f, "@", 0.25, f > 0.5)
put(f, "@ 1::2", rng.standard_normal(2).astype(np.float32), np.array([False, True, False, True, False]))
put(f, "@", 9.0, T)
put(f, "@", 9.0, F)
put(f, "@ @", rng.standard_normal((2, 4)).astype(np.float32), T, i(3, 1))
put(z, "@", 0.5, z > 2)

npys.write_cases(OUT, cases)
print(len(cases), "cases")
