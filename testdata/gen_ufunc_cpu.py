#!/usr/bin/python3
"""Writes the ufunc fixtures for backend/cpu/fixture_test.go.

For each case NAME, testdata/ufunc/NAME_in.npy holds the inputs (one row
per argument) and NAME_out.npy NumPy's result; cases.txt lists
"NAME OP OUTDTYPE ULPS": OP is NumPy's ufunc name ("cast" for astype), ULPS
the tolerance in units in the last place (0: bit-exact, NaN = any NaN;
for complex results, relative to the magnitude of NumPy's result).
Inputs are edge values (zeros of both signs, +-inf, NaN, the integer limits,
halfway points for rint) and seeded random values. NumPy 1.24; complex sign
is left out (NumPy 2 changed it). Run from the repository root:
/usr/bin/python3 testdata/gen_ufunc_cpu.py
"""
import os
import warnings

import numpy as np

rng = np.random.default_rng(20240611)
OUT = "testdata/ufunc"
cases = []

FLOAT_EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 0.49999999999999994,
               np.inf, -np.inf, np.nan, 1e-300, 5e-324, 1e300, 7.0, -7.0, 3.0, -3.0, 1e10]


# Tolerances of functions that NumPy takes from libm or its SIMD code, in
# ulps: its float32 SIMD exp/log/trig are a few ulps off (the CPU backend
# computes in float64 and rounds, so it is usually the exact one), Go's
# float64 trig functions are a few ulps off glibc's. float16 rounds a
# float32 result once, so one ulp covers both.
LIBM_ULPS = {np.float16: 1, np.float32: 4, np.float64: 4}


def floats(dt, n=100):
    fi = np.finfo(dt)
    e = np.array(FLOAT_EDGES + [float(fi.max), float(fi.tiny), -float(fi.max)], dtype=np.float64)
    with np.errstate(over="ignore"):
        r = np.concatenate([e, rng.normal(0, 10, n), np.exp2(rng.uniform(-20, 20, n // 2)) * rng.choice([-1, 1], n // 2)])
        return r.astype(dt)


def ints(dt, n=80):
    ii = np.iinfo(dt)
    e = [0, 1, -1, 2, -2, 7, -7, ii.min, ii.max, ii.min + 1, ii.max - 1] if ii.min < 0 else [0, 1, 2, 7, ii.max, ii.max - 1]
    r = rng.integers(ii.min, ii.max, n, dtype=dt, endpoint=True)
    small = rng.integers(max(ii.min, -20), 20, n, dtype=dt)
    return np.concatenate([np.array(e, dtype=dt), r, small])


def complexes(dt, n=120):
    ft = np.float32 if dt == np.complex64 else np.float64
    parts = np.array([0.0, -0.0, 1.0, -1.0, 2.0, np.inf, -np.inf, np.nan, 0.5, -3.0], dtype=ft)
    re, im = np.meshgrid(parts, parts)
    e = np.empty(re.size, dtype=dt)  # parts set directly: re + 1j*im would make NaNs of infinities
    e.real, e.imag = re.ravel(), im.ravel()
    r = (rng.normal(0, 3, n) + 1j * rng.normal(0, 3, n)).astype(dt)
    return np.concatenate([e, r])


def pairs(x, y=None):
    """All pairs of the first edge values, then random pairs."""
    y = x if y is None else y
    k = 16
    a, b = np.meshgrid(x[:k], y[:k])
    i = rng.integers(0, len(x), 200)
    j = rng.integers(0, len(y), 200)
    return np.concatenate([a.ravel(), x[i]]), np.concatenate([b.ravel(), y[j]])


def save(name, op, out, ulps, *ins):
    np.save(f"{OUT}/{name}_in.npy", np.stack(ins))
    np.save(f"{OUT}/{name}_out.npy", out)
    cases.append(f"{name} {op} {out.dtype.name} {ulps}")


def unary(name, x, ulps=0, op=None):
    op = op or name
    with np.errstate(all="ignore"):
        save(f"{op}_{x.dtype.name}", op, getattr(np, op)(x), ulps, x)


def newer_unary(op, x, ulps):
    """The functions that are not one-output ufuncs: sinc, and each output of modf and frexp."""
    with np.errstate(all="ignore"):
        if op == "sinc":
            out = np.sinc(x)
        elif op == "modf":
            out = np.modf(x)[0]
        elif op == "frexp":
            out = np.frexp(x)[0]
        elif op == "frexp_exponent":
            out = np.frexp(x)[1]
        else:
            out = getattr(np, op)(x)
    save(f"{op}_{x.dtype.name}", op, out, ulps, x)


def binary(op, x, y, ulps=0):
    with np.errstate(all="ignore"):
        save(f"{op}_{x.dtype.name}", op, getattr(np, op)(x, y), ulps, x, y)


def newer_ufuncs():
    """fmod, gcd, lcm, heaviside, logaddexp(2), nextafter, spacing, deg2rad,
    rad2deg, sinc, modf, frexp, ldexp: their own random stream, so that the
    cases above keep their inputs."""
    global rng
    rng = np.random.default_rng(20261204)
    for dt in [np.float16, np.float32, np.float64]:
        x = floats(dt)
        for op in ["spacing", "modf", "frexp", "frexp_exponent"]:
            newer_unary(op, x, 0)
        for op in ["deg2rad", "rad2deg"]:
            newer_unary(op, x, LIBM_ULPS[dt])
        if dt != np.float16:  # NumPy's sinc: where(x == 0, 1e-20, x) makes float16 zeros NaN
            newer_unary("sinc", x[np.abs(x) < 1e6], LIBM_ULPS[dt])
        a, b = pairs(x)
        for op in ["fmod", "heaviside", "nextafter"]:
            binary(op, a, b)
        for op in ["logaddexp", "logaddexp2"]:
            # Left out: results that cancel (|result| << |x|, |y|), where NumPy's
            # own rounding error of the log1p term is many ulps of the result.
            with np.errstate(all="ignore"):
                r = getattr(np, op)(a, b)
                keep = ~np.isfinite(r) | (np.abs(r) >= 0.1 * np.maximum(np.abs(a), np.abs(b)))
            binary(op, a[keep], b[keep], ulps=LIBM_ULPS[dt])
        e = rng.integers(-40, 40, len(a)).astype(dt)
        if dt == np.float16:  # exponents that reach float16's subnormals and overflow; NumPy's half ldexp takes int32
            e = rng.integers(-30, 20, len(a)).astype(dt)
        with np.errstate(all="ignore"):
            save(f"ldexp_{np.dtype(dt).name}", "ldexp", np.ldexp(a, e.astype(np.int32)), 0, a, e)
    for dt in [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]:
        a, b = pairs(ints(dt))
        for op in ["fmod", "gcd", "lcm"]:
            binary(op, a, b)
    # Complex transcendental functions on moderate finite values (NumPy's
    # npy_c* are C99's; the Go and C compositions agree with them to a few
    # dozen eps of the result's magnitude away from the branch cuts).
    for dt in [np.complex64, np.complex128]:
        z = (rng.uniform(-3, 3, 300) + 1j * rng.uniform(-3, 3, 300)).astype(dt)
        for op in ["sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "arcsinh",
                   "arccosh", "arctanh", "exp2", "expm1", "log2", "log10", "log1p"]:
            unary(op, z, ulps=64)


def inverse_cuts():
    """The complex inverse functions on and beside their branch cuts (parts
    of ±0), near the branch points ±1 and ±i, tiny and huge, infinite and
    NaN: within 8 ulps of the result's magnitude, and exactly where a part
    is infinite or NaN."""
    for dt in [np.complex64, np.complex128]:
        ft = np.float32 if dt == np.complex64 else np.float64
        big = 1e30 if dt == np.complex64 else 1e200
        parts = np.array([0.0, -0.0, 1e-30, -1e-8, 0.25, -0.5, 1.0, -1.0, 1.0 + 1e-6, -2.0, 17.0, -1e6, big, -big,
                          np.inf, -np.inf, np.nan], dtype=ft)
        re, im = np.meshgrid(parts, parts)
        z = np.empty(re.size, dtype=dt)
        z.real, z.imag = re.ravel(), im.ravel()
        for op in ["arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh"]:
            with np.errstate(all="ignore"):
                save(f"{op}_cuts_{np.dtype(dt).name}", op, getattr(np, op)(z), 8, z)


def complex_rint():
    """rint of complex numbers, part by part (halves to even, ±0, ±inf, NaN)."""
    for dt in [np.complex64, np.complex128]:
        ft = np.float32 if dt == np.complex64 else np.float64
        parts = np.array([0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999997, 1e15 + 0.5, 3e38, np.inf, -np.inf, np.nan],
                         dtype=ft)
        re, im = np.meshgrid(parts, parts)
        z = np.empty(re.size, dtype=dt)
        z.real, z.imag = re.ravel(), im.ravel()
        save(f"rint_{np.dtype(dt).name}", "rint", np.rint(z), 0, z)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))

    exact_unary = ["negative", "absolute", "sign", "square", "sqrt", "reciprocal", "floor", "ceil", "trunc",
                   "rint", "isnan", "isinf", "isfinite", "signbit"]
    libm_unary = ["exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "arcsin",
                  "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "cbrt"]
    exact_binary = ["add", "subtract", "multiply", "true_divide", "floor_divide", "remainder", "maximum",
                    "minimum", "fmax", "fmin", "copysign", "equal", "not_equal", "less", "less_equal",
                    "greater", "greater_equal"]
    libm_binary = ["power", "arctan2", "hypot"]
    for dt in [np.float16, np.float32, np.float64]:
        x = floats(dt)
        for op in exact_unary:
            unary(op, x)
        for op in libm_unary:
            # Go's math.Sin/Cos/Tan reduce huge arguments with less precision than glibc.
            xs = x[np.abs(x) < 1e6] if op in ("sin", "cos", "tan") else x
            unary(op, xs, ulps=LIBM_ULPS[dt])
        a, b = pairs(x)
        for op in exact_binary:
            binary(op, a, b)
        for op in libm_binary:
            binary(op, a, b, ulps=LIBM_ULPS[dt])

    for dt in [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]:
        x = ints(dt)
        for op in ["negative", "absolute", "sign", "square", "invert"]:
            unary(op, x)
        a, b = pairs(x)
        for op in ["add", "subtract", "multiply", "floor_divide", "remainder", "maximum", "minimum",
                   "bitwise_and", "bitwise_or", "bitwise_xor", "less", "equal", "greater_equal"]:
            binary(op, a, b)
        bits = np.iinfo(dt).bits
        counts = np.arange(0, bits + 8, dtype=dt)
        sa, sb = np.meshgrid(x[:12], counts)
        binary("left_shift", sa.ravel(), sb.ravel())
        binary("right_shift", sa.ravel(), sb.ravel())
        e = rng.integers(0, 2 * bits, len(a)).astype(dt)
        binary("power", a, e)

    for dt in [np.complex64, np.complex128]:
        x = complexes(dt)
        for op in ["negative", "reciprocal", "conjugate", "isnan", "isinf", "isfinite"]:
            unary(op, x)
        # NumPy rounds complex products like an FMA where the machine has one.
        unary("square", x, ulps=2)
        for op in ["absolute", "angle"]:  # hypot and atan2: libm
            unary(op, x, ulps=2)
        for op in ["sqrt", "exp", "log"]:
            unary(op, x, ulps=4)
        a, b = pairs(x)
        for op in ["add", "subtract", "true_divide", "maximum", "minimum", "fmax", "fmin",
                   "equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]:
            binary(op, a, b)
        binary("multiply", a, b, ulps=2)
        # Complex power goes through exp(b*log(a)) with Go's math/cmplx: a few
        # dozen ulps off glibc's cpow, and other answers for infinite or NaN parts.
        ok = np.isfinite(a) & np.isfinite(b)
        binary("power", a[ok], b[ok], ulps=64)

    # Casts: from float64 (inside and outside the integer ranges), from big
    # integers to float32, from complex, to and from bool and float16.
    f = np.concatenate([floats(np.float64), [-1.0, -200.5, 300.7, 3e9, -3e9, 1e19, 2.0**63, 2.0**64, -2.0**63, 65519.9, 65520.0]])
    for dt in [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64,
               np.float16, np.float32, np.complex64]:
        with np.errstate(all="ignore"):
            save(f"cast_float64_{np.dtype(dt).name}", "cast", f.astype(dt), 0, f)
    big = np.concatenate([ints(np.int64), [2**53 + 1, 2**62 + 2**38 + 1, -(2**60) - 2**35 - 1]]).astype(np.int64)
    for dt in [np.float32, np.float16, np.float64, np.int8, np.uint16, np.bool_]:
        with np.errstate(all="ignore"):
            save(f"cast_int64_{np.dtype(dt).name}", "cast", big.astype(dt), 0, big)
    c = complexes(np.complex128)
    for dt in [np.float32, np.bool_, np.complex64]:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", getattr(np, "exceptions", np).ComplexWarning)
            save(f"cast_complex128_{np.dtype(dt).name}", "cast", c.astype(dt), 0, c)
    h = floats(np.float16)
    for dt in [np.int16, np.uint8, np.float64, np.bool_]:
        with np.errstate(all="ignore"):
            save(f"cast_float16_{np.dtype(dt).name}", "cast", h.astype(dt), 0, h)
    bo = np.array([True, False, True, True, False])
    for dt in [np.float16, np.int32, np.complex128]:
        save(f"cast_bool_{np.dtype(dt).name}", "cast", bo.astype(dt), 0, bo)

    newer_ufuncs()
    inverse_cuts()
    complex_rint()

    with open(f"{OUT}/cases.txt", "w") as fh:
        fh.write("# NAME OP OUTDTYPE ULPS, made by testdata/gen_ufunc_cpu.py (NumPy %s)\n" % np.__version__)
        fh.write("\n".join(cases) + "\n")


if __name__ == "__main__":
    main()
