#!/usr/bin/python3
"""Writes testdata/statmore/: NumPy's answers for array/statmore_test.go,
the statistics beyond gen_stats.py's: every quantile method of NumPy
(Hyndman and Fan's nine and NumPy's own four), quantiles with weights,
Cov with frequency and reliability weights, and Diff with prepend and
append.

cases.txt lists one case a line (npys.py writes them):

    <name> <inputs> <results> <tolerance>

name says which call the test makes, its fields split by '/'; inputs and
results count the case's arrays in cases.npys (its inputs, then NumPy's
results); tolerance is in epsilons of the result dtype (0: exact).

Run from the repository root: /usr/bin/python3 testdata/gen_statmore.py
It runs under NumPy 1.24 and 2.x. Under NumPy 2.5 every result is
NumPy's own. Under older NumPy the results NumPy did not give yet are
computed here by NumPy 2.5's definition (see reference_*): weighted
quantiles (NumPy 2.0), closest_observation's tie to the odd zero-based
index (NumPy 2.1); and quantile results are cast to NumPy 2's dtypes
(numpy2.py). One Python float q makes NumPy 2.5 interpolate in the data's
float dtype, older NumPy in float64: the tolerances allow that rounding.
"""
import os
import warnings

import numpy as np

import numpy2
import npys

warnings.simplefilter("ignore")
rng = np.random.default_rng(2025)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "statmore")
os.makedirs(OUT, exist_ok=True)
VERSION = np.lib.NumpyVersion(np.__version__)

cases = []


def case(name, xs, tol, *res):
    cases.append((f"{name} {len(xs)} {len(res)} {tol}", xs, list(res)))


METHODS = ("inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
           "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
           "midpoint", "nearest")
DISCRETE = ("inverted_cdf", "closest_observation", "lower", "higher", "nearest")
# q sets: one Python float, a short list (selected ranks), a long one (sorted)
QS = {"scalar": 0.37, "list3": [0.0, 0.37, 1.0],
      "list10": [0.0, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 0.875, 1.0]}


def reference_closest_observation(x, q, axis, skip_nan):
    """NumPy 2.1's closest_observation: index n*q - 1.5, rounded up but
    down on a tie to an odd index, clipped at 0; NaN where a row holds a
    NaN (skip_nan: taken without its NaN, NaN where nothing remains)."""
    x = np.asarray(x)
    x = x.reshape(-1) if axis is None else np.moveaxis(x, axis, -1)
    qa = np.atleast_1d(np.asarray(q, np.float64))
    out = np.empty(qa.shape + x.shape[:-1], x.dtype)
    for ii in np.ndindex(x.shape[:-1]):
        row = np.sort(x[ii])
        nan = x.dtype.kind == "f" and np.isnan(row).any()
        if skip_nan and nan:
            row, nan = row[~np.isnan(row)], False
        n = row.size
        for k, qq in enumerate(qa):
            if n == 0 or nan:
                out[(k,) + ii] = np.nan
                continue
            i = n * qq - 1 - 0.5
            lo = np.floor(i)
            j = lo if (i == lo and lo % 2 == 1) else lo + 1
            out[(k,) + ii] = row[max(int(j), 0)]
    return out[0] if np.ndim(q) == 0 else out


def quantile(fn, x, q, axis, method):
    """np.quantile and the other three by name, with NumPy 2's answer."""
    scale = 100 if "percentile" in fn else 1
    if method == "closest_observation" and VERSION < "2.1.0":
        r = reference_closest_observation(x, q, axis, fn.startswith("nan"))
    else:
        qq = [v * scale for v in q] if isinstance(q, list) else q * scale
        r = getattr(np, fn)(x, qq, axis=axis, method=method)
    return numpy2.quantile(r, x, q, "lower" if method in DISCRETE else "linear")


def axis_name(ax):
    return "none" if ax is None else str(ax)


# every method: floats with NaN and infinities, integers, bool where the
# method picks elements; the axes, a transposed (strided) view
x64 = np.round(rng.standard_normal((6, 11)) * 4, 2)
x64[1, 3] = np.nan
x64[2, [0, 5]] = [np.inf, -np.inf]
x64[3, :] = [np.inf] * 5 + list(x64[3, 5:])
x64[4, :2] = -np.inf
i16 = rng.integers(-3000, 3000, (5, 9)).astype(np.int16)
u64 = (2**62 + rng.integers(0, 1000, (4, 7))).astype(np.uint64)
bools = rng.integers(0, 2, (3, 10)).astype(bool)
f16 = (rng.standard_normal((4, 13)) * 3).astype(np.float16)
f32 = (rng.standard_normal((7, 5)) * 100).astype(np.float32)
for method in METHODS:
    for fn in ("quantile", "percentile"):
        for qn in ("scalar", "list3", "list10"):
            case(f"{fn}/{method}/1/{qn}", [x64], 4, quantile(fn, x64, QS[qn], 1, method))
    case(f"quantile/{method}/0/list3", [x64], 4, quantile("quantile", x64, QS["list3"], 0, method))
    case(f"quantile/{method}/none/scalar", [i16], 4, quantile("quantile", i16, QS["scalar"], None, method))
    case(f"quantile/{method}/-1/list10", [i16], 4, quantile("quantile", i16, QS["list10"], -1, method))
    case(f"quantile/{method}/1/list3", [u64], 4, quantile("quantile", u64, QS["list3"], 1, method))
    case(f"quantile/{method}/1/scalar", [f16], 4, quantile("quantile", f16, QS["scalar"], 1, method))
    case(f"quantile/{method}/0/list10", [f16], 4, quantile("quantile", f16, QS["list10"], 0, method))
    case(f"quantile/{method}/0/scalar/T", [f32], 4, quantile("quantile", f32.T, QS["scalar"], 0, method))
    case(f"percentile/{method}/1/list3/T", [f32], 4, quantile("percentile", f32.T, QS["list3"], 1, method))
    if method in DISCRETE:
        case(f"quantile/{method}/1/list3", [bools], 0, quantile("quantile", bools, QS["list3"], 1, method))
    # the NaN forms: rows of different counts (sorted) and one row (selected)
    for fn in ("nanquantile", "nanpercentile"):
        case(f"{fn}/{method}/1/list3", [x64], 4, quantile(fn, x64, QS["list3"], 1, method))
        case(f"{fn}/{method}/none/scalar", [x64], 4, quantile(fn, x64, QS["scalar"], None, method))
    x = np.array([np.nan, 2.5, -1.0, np.nan, 7.25, 0.5, 3.0], np.float32)
    case(f"nanquantile/{method}/0/list10", [x], 4, quantile("nanquantile", x, QS["list10"], 0, method))
    # one element, 0-d, and small n where the virtual index leaves the row
    for n in (1, 2, 3):
        x = np.round(rng.standard_normal(n) * 10, 1)
        case(f"quantile/{method}/0/list10", [x], 4, quantile("quantile", x, QS["list10"], 0, method))
    x = np.array(4.5)
    case(f"quantile/{method}/none/list3", [x], 0, quantile("quantile", x, QS["list3"], None, method))

def reference_weighted(fn, x, q, axis, w):
    """NumPy 2.4's weighted quantile (method inverted_cdf): per row, the
    sorted elements' weights summed into a distribution function (divided
    by the total, a zero taken as -1), and the element at the number of
    its values below q; NaN where a row holds a NaN (the NaN forms: the
    NaN and their weights left out, NaN where nothing remains)."""
    x, w = np.asarray(x), np.asarray(w)
    if w.shape != x.shape:
        shape = [1] * x.ndim
        shape[axis] = -1
        w = np.broadcast_to(w.reshape(shape), x.shape)
    if axis is None:
        x, w, axis = x.reshape(-1), w.reshape(-1), 0
    x, w = np.moveaxis(x, axis, -1), np.moveaxis(w, axis, -1)
    qa = np.atleast_1d(np.asarray(q, np.float64))
    out = np.empty(qa.shape + x.shape[:-1], x.dtype)
    for ii in np.ndindex(x.shape[:-1]):
        row, wr = x[ii], w[ii]
        nan = x.dtype.kind == "f" and np.isnan(row).any()
        if fn.startswith("nan") and nan:
            row, wr, nan = row[~np.isnan(row)], wr[~np.isnan(row)], row.size == np.isnan(row).sum()
        if nan:
            out[(slice(None),) + ii] = np.nan
            continue
        order = np.argsort(row, kind="stable")
        cdf = np.cumsum(wr[order], dtype=np.float64)
        cdf /= cdf[-1]
        cdf[cdf == 0] = -1
        at = np.minimum(np.searchsorted(cdf, qa, side="left"), row.size - 1)
        out[(slice(None),) + ii] = row[order][at]
    return out[0] if np.ndim(q) == 0 else out


def weighted(fn, x, q, axis, w):
    """np.quantile and the other three with weights, as NumPy 2.4 and
    later answer."""
    if VERSION < "2.4.0":
        return reference_weighted(fn, x, q, axis, w)
    qq = [v * 100 for v in q] if "percentile" in fn and isinstance(q, list) else q * 100 if "percentile" in fn else q
    if np.ndim(w) == 1 and np.ndim(x) > 1 and axis is not None:
        # the same weights at a's shape: NumPy 2.5's nanquantile indexes
        # 1-d weights as if they had a's shape (an IndexError)
        shape = [1] * np.ndim(x)
        shape[axis] = -1
        w = np.broadcast_to(np.reshape(w, shape), np.shape(x))
    return np.asarray(getattr(np, fn)(x, qq, axis=axis, method="inverted_cdf", weights=w))


# weighted quantiles: weights of a's shape or 1-d along the axis, of every
# real dtype, zero weights first and between, ties, NaN rows
x = np.round(rng.standard_normal((5, 12)) * 3, 1)
x[1, 4] = np.nan
x[2, 3:6] = x[2, 0]
wf = rng.random((5, 12)) * 4
wf[0, :3] = 0
wf[3, 5:8] = 0
wf[4, :] = 0
wf[4, 2] = 1.5
for fn in ("quantile", "percentile", "nanquantile", "nanpercentile"):
    for qn in ("scalar", "list3", "list10"):
        case(f"wquantile/{fn}/1/{qn}", [x, wf], 0, weighted(fn, x, QS[qn], 1, wf))
case("wquantile/quantile/none/list10", [x, wf], 0, weighted("quantile", x, QS["list10"], None, wf))
case("wquantile/nanquantile/none/list3", [x, wf], 0, weighted("nanquantile", x, QS["list3"], None, wf))
w1 = rng.integers(0, 5, 12).astype(np.int32)
case("wquantile/quantile/1/list10", [x, w1], 0, weighted("quantile", x, QS["list10"], 1, w1))
w0 = rng.integers(1, 4, 5).astype(np.uint8)
case("wquantile/nanquantile/0/list3", [x, w0], 0, weighted("nanquantile", x, QS["list3"], 0, w0))
case("wquantile/quantile/-2/scalar", [x, w0], 0, weighted("quantile", x, QS["scalar"], -2, w0))
wb = rng.integers(0, 2, (5, 12)).astype(bool)
wb[:, 0] = True
i16 = rng.integers(-50, 50, (5, 12)).astype(np.int16)
case("wquantile/quantile/1/list10", [i16, wb], 0, weighted("quantile", i16, QS["list10"], 1, wb))
bools = rng.integers(0, 2, (5, 12)).astype(bool)
case("wquantile/quantile/1/list3", [bools, wf], 0, weighted("quantile", bools, QS["list3"], 1, wf))
f32 = (rng.standard_normal((12, 5)) * 10).astype(np.float32)
w32 = (rng.random((12, 5)) * 2).astype(np.float32)
case("wquantile/percentile/0/list10/T", [f32, w32], 0, weighted("percentile", f32.T, QS["list10"], 0, w32.T))
f16 = (rng.standard_normal(9) * 10).astype(np.float16)
case("wquantile/quantile/0/list10", [f16, np.arange(9.0)], 0, weighted("quantile", f16, QS["list10"], 0, np.arange(9.0)))

# cov: frequency and reliability weights, bias, ddof given or not, y,
# rowvar, dtype; each case's name lists its keyword arguments
def cov_case(tol, m, y=None, **kw):
    xs = [m] + ([] if y is None else [y]) + [kw[k] for k in ("fweights", "aweights") if k in kw]
    shown = {k: "y" if k in ("fweights", "aweights") else np.dtype(v).name if k == "dtype" else v for k, v in kw.items()}
    name = "/".join(["cov"] + [f"{k}={v}" for k, v in shown.items()] + (["y=y"] if y is not None else []))
    case(name, xs, tol, np.cov(m, y, **kw))


m = rng.standard_normal((3, 12)) * 5
fw = rng.integers(0, 4, 12)
aw = rng.random(12) * 3
for ddof in (None, 0, 1, 3):
    for bias in (False, True):
        cov_case(64, m, fweights=fw, bias=bias, ddof=ddof)
        cov_case(64, m, aweights=aw, bias=bias, ddof=ddof)
        cov_case(64, m, fweights=fw, aweights=aw, bias=bias, ddof=ddof)
    cov_case(64, m, bias=True, ddof=ddof)
cov_case(64, m, fweights=fw.astype(np.float32), aweights=aw, ddof=40)  # past the observations: inf
cov_case(64, m.T, m[:2].T * 2 + 1, rowvar=False, aweights=aw)
cov_case(64, m[0], m[1], fweights=fw.astype(np.uint8))
mi = rng.integers(-20, 20, (4, 9)).astype(np.int16)
cov_case(64, mi, fweights=rng.integers(1, 3, 9), aweights=rng.random(9).astype(np.float32))
mc = (rng.standard_normal((2, 7)) + 1j * rng.standard_normal((2, 7))).astype(np.complex64)
cov_case(64, mc, aweights=rng.random(7), bias=True)
m32 = (rng.standard_normal((3, 10)) * 4).astype(np.float32)
cov_case(64, m32, dtype=np.float32)
cov_case(64, m32, dtype=np.float32, aweights=rng.random(10))
cov_case(64, mi, dtype=np.complex128, bias=True)

# diff with prepend and append: Python numbers (i: int, f: float, b:
# bool, c: complex 1+2j) broadcast along the axis, arrays joined as they
# are, each promoting the result as np.concatenate does
def diff_case(x, n, axis, prepend="-", append="-", transposed=False):
    def value(code, arrays):
        if code == "a":
            return arrays.pop(0)
        return {"i": lambda v: int(v), "f": float, "b": lambda v: v == "1", "c": lambda v: 1 + 2j}[code[0]](code[1:])
    arrays = [v for v in (prepend, append) if not isinstance(v, str)]
    codes = ["a" if not isinstance(v, str) else v for v in (prepend, append)]
    kw = {}
    pending = list(arrays)
    for key, code in zip(("prepend", "append"), codes):
        if code != "-":
            kw[key] = value(code, pending)
    view = x.T if transposed else x
    suffix = "/T" if transposed else ""
    case(f"diff/{n}/{axis}/{codes[0]}/{codes[1]}{suffix}", [x] + arrays, 4, np.diff(view, n=n, axis=axis, **kw))


i8 = rng.integers(-100, 100, (3, 5)).astype(np.int8)
diff_case(i8, 1, 1, "i0")
diff_case(i8, 2, 0, "f0.5", "i7")
diff_case(i8, 1, 0, rng.integers(-5, 5, (2, 5)).astype(np.int8), "i-3")
diff_case(i8, 3, -1, "-", rng.random((3, 2)).astype(np.float32))
diff_case(i8, 1, 0, "i1", "i2", transposed=True)
b = rng.integers(0, 2, (2, 6)).astype(bool)
diff_case(b, 1, 1, "b1", "b0")
diff_case(b, 2, 1, "b1", np.array([[True], [False]]))
diff_case(b, 1, 0, "i1")
f16 = (rng.standard_normal((4, 3)) * 3).astype(np.float16)
diff_case(f16, 1, 0, np.float16(2.5) * np.ones((1, 3), np.float16), "f1.25")
diff_case(f16, 2, 1, np.array(np.float16(-1)), "-")
diff_case(rng.standard_normal(6), 1, 0, "c", "f0.25")
diff_case(np.zeros((0, 3)), 1, 0, "f1", np.arange(3.0).reshape(1, 3))
diff_case(np.zeros((2, 0)), 1, 1, "i4", "i5")
diff_case(np.arange(5, dtype=np.uint16), 1, 0, "i9", "-")

# histogram bin estimators: every estimator on data of every real dtype,
# skewed and not, with a range leaving some data out, integers of a
# spread below one bin per value, no data, one value, all values equal
ESTIMATORS = ("auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt")
data = {
    "normal": rng.standard_normal(1000) * 3 + 1,
    "skewed32": rng.exponential(2.0, 300).astype(np.float32),
    "half": (rng.standard_normal(200) * 4).astype(np.float16),
    "int16": rng.integers(-40, 40, 500).astype(np.int16),
    "narrow": rng.integers(0, 5, 2000).astype(np.int64),
    "uint8": rng.integers(0, 256, 60).astype(np.uint8),
    "bool": rng.integers(0, 2, 50).astype(bool),
    "empty": np.zeros(0),
    "one": np.array([2.5]),
    "two": np.array([1.0, 4.0], np.float32),
    "same": np.full(20, 7.0),
    "grid": rng.standard_normal((30, 20)),
}


def estimated_bins(x, est, range=None):
    """NumPy 2.1's bins=est: before 2.1 the width of integer data was not
    raised to 1, so there the number of bins is worked out here with that
    NumPy's own estimators and the rule applied."""
    if VERSION >= "2.1.0" or x.dtype.kind not in "biu":
        return est
    from numpy.lib import histograms as hi
    a = x.astype(np.uint8) if x.dtype == bool else x.ravel()
    first, last = hi._get_outer_edges(a, range)
    if range is not None:
        a = a[(a >= first) & (a <= last)]
    if a.size == 0:
        return 1
    width = hi._hist_bin_selectors[est](a, (first, last))
    if not width:
        return 1
    return int(np.ceil(hi._unsigned_subtract(last, first) / max(width, 1)))


for est in ESTIMATORS:
    for name, x in data.items():
        h, e = np.histogram(x, bins=estimated_bins(x, est))
        case(f"histby/{est}/{name}", [x], 4, h, e)
    x = data["normal"]
    h, e = np.histogram(x, bins=est, range=(-2.0, 5.5))
    case(f"histby/{est}/range/-2/5.5", [x], 4, h, e)
    x = data["int16"]
    h, e = np.histogram(x, bins=estimated_bins(x, est, (100.0, 200.0)), range=(100.0, 200.0))
    case(f"histby/{est}/range/100/200", [x], 4, h, e)
    x = data["skewed32"]
    case(f"histedgesby/{est}/skewed32", [x], 4, np.histogram_bin_edges(x, bins=est, range=(0.5, 4.0)))

# histogramdd and histogram2d: names histdd/<bins>/<keywords>, the
# keywords r=<lo>:<hi>,... (range), w (weights, the next input), d
# (density), T (the sample stored transposed, read through a view)
def histdd_case(sample, bins, ranges=None, weights=None, density=False, transposed=False):
    x = sample.T if transposed else sample
    if VERSION < "2.0.0" and x.dtype == np.float32 and ranges is None:
        # NumPy 2 makes float32 edges of float32 points' extremes (NumPy 1
        # float64): the same edges, given as arrays
        cols = np.atleast_2d(x.T) if x.ndim == 2 else [x]
        spec = [np.histogram_bin_edges(c, n) for c, n in zip(cols, bins)]
    else:
        spec = bins
    h, e = np.histogramdd(x, bins=spec, range=ranges, weights=weights, density=density)
    words = [",".join(map(str, bins))]
    if ranges is not None:
        words.append("r=" + ",".join(f"{lo}:{hi}" for lo, hi in ranges))
    if weights is not None:
        words.append("w")
    if density:
        words.append("d")
    if transposed:
        words.append("T")
    inputs = [sample] + ([] if weights is None else [weights])
    case("histdd/" + "/".join(words), inputs, 8, h.astype(np.float64), *e)


pts = rng.standard_normal((200, 3)) * [1, 2, 0.5]
histdd_case(pts, [4, 5, 3])
histdd_case(pts, [6, 2, 4], ranges=[(-1.5, 1.5), (-2, 3), (0, 0.75)], weights=rng.random(200).astype(np.float32))
histdd_case(pts, [3, 3, 3], weights=rng.integers(0, 4, 200), density=True)
histdd_case(pts[:, :2].T.copy(), [5, 4], transposed=True)
histdd_case(rng.integers(-5, 5, (100, 2)).astype(np.int32), [3, 6])
histdd_case(rng.standard_normal(50), [7])
p32 = (rng.standard_normal((80, 2)) * 3).astype(np.float32)
histdd_case(p32, [4, 3], ranges=[(-2, 2), (-3, 1)])
histdd_case(p32, [5, 2])
histdd_case(np.zeros((0, 2)), [2, 3])
histdd_case(np.stack([rng.standard_normal(30), np.full(30, 4.0)], 1), [3, 2], density=True)
bw = rng.integers(0, 2, 200).astype(bool)
histdd_case(pts[:, [0, 2]].copy(), [8, 5], weights=bw)

x2, y2 = rng.standard_normal(150), rng.standard_normal(150) * 2 + 1
w2 = rng.random(150)
h, ex, ey = np.histogram2d(x2, y2, bins=[6, 4], range=[(-2, 2), (-3, 5)], weights=w2)
case("hist2d/6/4", [x2, y2, w2], 8, h, ex, ey)

# histogramdd and histogram2d with the edges given: integer edges, equal
# neighbours, points outside and on the last edge, weights
pe = np.round(rng.standard_normal((120, 2)) * 2, 1)
pe[:3, 0] = 2.0
ex = np.array([-3.0, -1.0, -1.0, 0.5, 2.0])
ey = np.array([-2, 0, 1, 4], np.int16)
we = rng.random(120)
case("histddedges", [pe, ex, ey, we], 8, np.histogramdd(pe, bins=[ex, ey], weights=we)[0])
case("hist2dedges", [pe[:, 0].copy(), pe[:, 1].copy(), ex, ey], 8, np.histogram2d(pe[:, 0], pe[:, 1], bins=[ex, ey], density=True)[0])

npys.write_cases(OUT, cases, "# written by testdata/gen_statmore.py")
print(len(cases), "cases")
