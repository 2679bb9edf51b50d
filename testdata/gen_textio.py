#!/usr/bin/python3
"""Writes the fixtures of array/textio_numpy_test.go: text and raw inputs,
and what NumPy makes of them.

testdata/textio/cases.jsonl holds one case a line: the function
(loadtxt, genfromtxt, savetxt, fromfile, tofile, frombuffer), the input
file, the keyword arguments, and either the expected output file (a .npy
for the readers, the exact bytes for the writers) or "error": true when
NumPy raises. NumPy's DeprecationWarnings are taken as errors: what NumPy
1.24 only deprecates (integers parsed through floats, fromfile's unmatched
data, out-of-bounds Python integers) NumPy 2 raises.
Run from the repository root: python3 testdata/gen_textio.py
"""
import io
import json
import os
import warnings

import numpy as np

OUT = "testdata/textio"
cases = []


def name(prefix):
    return "%s_%03d" % (prefix, len(cases))


def write_text(fname, text):
    with open(os.path.join(OUT, fname), "w", newline="") as f:
        f.write(text)


def reader_case(func, text, **kw):
    fname = name(func) + ".txt"
    write_text(fname, text)
    case = {"func": func, "input": fname, "kwargs": kw}
    path = os.path.join(OUT, fname)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            warnings.simplefilter("ignore", UserWarning)
            if func == "loadtxt":
                r = np.loadtxt(path, **kw)
            elif func == "genfromtxt":
                r = np.genfromtxt(path, **kw)
            else:
                r = np.fromfile(path, **kw)
        out = fname[:-4] + ".npy"
        np.save(os.path.join(OUT, out), np.array(r, order="C"))
        case["expect"] = out
    except (ValueError, TypeError, OverflowError, DeprecationWarning) as e:
        case["error"] = True
        case["message"] = str(e).splitlines()[0]
    cases.append(case)


def writer_case(func, x, **kw):
    base = name(func)
    np.save(os.path.join(OUT, base + ".npy"), x)
    case = {"func": func, "input": base + ".npy", "kwargs": kw}
    try:
        if func == "savetxt":
            buf = io.BytesIO()
            np.savetxt(buf, x, **kw)
            data = buf.getvalue()
        else:
            path = os.path.join(OUT, base + ".out")
            x.tofile(path, **kw)
            with open(path, "rb") as f:
                data = f.read()
            os.remove(path)
        with open(os.path.join(OUT, base + ".out"), "wb") as f:
            f.write(data)
        case["expect"] = base + ".out"
    except (ValueError, TypeError, OverflowError, AttributeError) as e:
        case["error"] = True
        case["message"] = str(e).splitlines()[0]
    cases.append(case)


def frombuffer_case(raw, **kw):
    base = name("frombuffer")
    with open(os.path.join(OUT, base + ".bin"), "wb") as f:
        f.write(raw)
    case = {"func": "frombuffer", "input": base + ".bin", "kwargs": kw}
    try:
        r = np.frombuffer(raw, **kw)
        np.save(os.path.join(OUT, base + ".npy"), r)
        case["expect"] = base + ".npy"
    except ValueError as e:
        case["error"] = True
        case["message"] = str(e)
    cases.append(case)


def table(rng, rows, cols, fmt, sep=" ", end="\n"):
    x = rng.standard_normal((rows, cols)) * 10.0 ** rng.integers(-5, 6, (rows, cols))
    return "".join(sep.join(fmt(v) for v in row) + end for row in x)


def loadtxt_cases(rng):
    t = table(rng, 5, 3, repr)
    reader_case("loadtxt", t)
    for ndmin in (0, 1, 2):
        reader_case("loadtxt", t, ndmin=ndmin)
        reader_case("loadtxt", table(rng, 1, 4, repr), ndmin=ndmin)
        reader_case("loadtxt", table(rng, 4, 1, repr), ndmin=ndmin)
        reader_case("loadtxt", "3.5\n", ndmin=ndmin)
        reader_case("loadtxt", "", ndmin=ndmin)
        reader_case("loadtxt", "# only a comment\n\n", ndmin=ndmin)
    reader_case("loadtxt", t, unpack=True)
    reader_case("loadtxt", table(rng, 1, 4, repr), unpack=True, ndmin=2)
    reader_case("loadtxt", table(rng, 6, 3, lambda v: "%.6g" % v, sep=","), delimiter=",")
    reader_case("loadtxt", table(rng, 6, 3, lambda v: "%.6e" % v, sep="\t"), delimiter="\t")
    reader_case("loadtxt", table(rng, 4, 3, repr, end="\r\n"))
    reader_case("loadtxt", table(rng, 4, 3, repr, end="\r"))
    reader_case("loadtxt", "  1.5   2.5\t3.5  \n\n  4 5 6 # tail\n# whole line\n7 8 9")
    reader_case("loadtxt", "1 2 // x\n3 4 # y\n! z\n5 6", comments=["#", "//", "!"])
    reader_case("loadtxt", "1 2 // x\n3 4\n", comments="//")
    reader_case("loadtxt", "1 2 # x\n3 4\n", comments=None)
    reader_case("loadtxt", "h1\nh2\n# c\n1 2\n3 4\n", skiprows=2)
    reader_case("loadtxt", "1 2\n3 4\n", skiprows=5)
    u = table(rng, 5, 4, repr)
    for cols in ([0, 2], [-1, 0], 1, -2, [3, 3, 0], []):
        reader_case("loadtxt", u, usecols=cols)
    reader_case("loadtxt", u, usecols=[4])
    reader_case("loadtxt", u, usecols=[-5])
    reader_case("loadtxt", "1 2 3\n\n4 5 6\n7 8 9\n", max_rows=2)
    reader_case("loadtxt", "1 2 3\n4 5 6\n", max_rows=0)
    reader_case("loadtxt", "1 2 3\n4 5\n")
    reader_case("loadtxt", "1,2\n3,,4\n", delimiter=",")
    reader_case("loadtxt", "1,2\n3,\n", delimiter=",")
    reader_case("loadtxt", "1 2\n3 4 5\n", usecols=[0, 1])
    reader_case("loadtxt", "inf -Inf INFINITY nan -nan NaN +nan 1e400 -1e-400 .5 5. +7")
    for bad in ("0x1.8p1", "1_0", "1.0x", "1\x002", "--1", "1e", "e5", ".", "nan(1)"):
        reader_case("loadtxt", "1 " + bad)
    for dt in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool"):
        info = np.iinfo(dt) if dt != "bool" else np.iinfo("int8")
        ints = rng.integers(info.min, info.max, (4, 3), dtype=dt if dt != "bool" else "int8", endpoint=True)
        it = "".join(" ".join(str(v) for v in row) + "\n" for row in ints)
        reader_case("loadtxt", it, dtype=dt)
    reader_case("loadtxt", "-128 127 +5 \t 0", dtype="int8")
    reader_case("loadtxt", "-9223372036854775808 9223372036854775807", dtype="int64")
    reader_case("loadtxt", "9223372036854775808", dtype="int64")
    reader_case("loadtxt", "18446744073709551615 0", dtype="uint64")
    for bad in ("1.5", "1e3", "256", "-1", "True", " ", "0x10"):
        reader_case("loadtxt", "1 " + bad, dtype="uint8")
    reader_case("loadtxt", "2 0 -1 +0", dtype="bool")
    reader_case("loadtxt", "True", dtype="bool")
    reader_case("loadtxt", t, dtype="float32")
    reader_case("loadtxt", "1.5 65504 65520 1e-8 0.1", dtype="float16")
    reader_case("loadtxt", "1+2j (3-4j) 5j -6 inf+nanj ( 1.5e3-2j ) 1+-2j 1++2j", dtype="complex128")
    reader_case("loadtxt", "1+2j 0.1-0.2j", dtype="complex64")
    for bad in ("1 + 2j", "(1+2j", "j", "1+2", "1+2J", "(1)"):
        reader_case("loadtxt", bad + "\n", dtype="complex128", delimiter=",")
    q = '"1",2\n"3","4"\n " 5 ",6\n'
    reader_case("loadtxt", q, delimiter=",", quotechar='"')
    reader_case("loadtxt", '"1,5",2\n', delimiter=",", quotechar='"')
    reader_case("loadtxt", '"1" 2 ""\n', quotechar='"')
    reader_case("loadtxt", '"1"5 2\n"3" 4\n', quotechar='"')
    reader_case("loadtxt", "1 2\n", delimiter=",", comments=",")
    reader_case("loadtxt", "1 2\n", comments=["#", "//"], quotechar='"')


def savetxt_cases(rng):
    x = rng.standard_normal((4, 3)) * 10.0 ** rng.integers(-8, 8, (4, 3))
    x[0, 0], x[1, 1], x[2, 2] = np.nan, np.inf, -np.inf
    writer_case("savetxt", x)
    writer_case("savetxt", x[:, 0])
    writer_case("savetxt", np.zeros((0, 3)))
    writer_case("savetxt", np.zeros((2, 0)))
    for fmt in ("%.18e", "%e", "%E", "%.3f", "%10.4f", "%-12.3e|", "%+.2e", "% .5g", "%g", "%G",
                "%.10g", "%#.0f", "%#g", "%010.3f", "%s", "%.3s", "%12s"):
        writer_case("savetxt", x, fmt=fmt)
    finite = rng.standard_normal((3, 3)) * 10.0 ** rng.integers(-3, 12, (3, 3))
    for fmt in ("%d", "%5d", "%-5d|", "%i", "%.3d"):
        writer_case("savetxt", finite, fmt=fmt)
    writer_case("savetxt", x, fmt=["%.2f", "%10.3e", "%g"], delimiter=",")
    writer_case("savetxt", x, fmt="%.2f;%.3e;%g")
    writer_case("savetxt", x, fmt="%.2f;%.3e")
    writer_case("savetxt", x, fmt=["%.2f", "%g"])
    writer_case("savetxt", x, delimiter="\t", newline="\r\n", header="col a\ncol b", footer="end",
                comments="// ")
    writer_case("savetxt", x[:2], header="h")
    i = rng.integers(-10**6, 10**6, (3, 4))
    for fmt in ("%d", "%08d", "%+d", "%x", "%#X", "%o", "%#o", "%.3e", "%s", "%.18e"):
        writer_case("savetxt", i, fmt=fmt)
    writer_case("savetxt", np.array([0, 255, 7], dtype=np.uint8), fmt="%3d")
    writer_case("savetxt", np.array([2**64 - 1, 0], dtype=np.uint64), fmt="%d")
    writer_case("savetxt", np.array([[True, False]]), fmt="%d")
    writer_case("savetxt", np.array([[True, False]]), fmt="%s")
    writer_case("savetxt", np.array([0.1, 2.5, -3.25, 1e-3], dtype=np.float32), fmt="%s")
    writer_case("savetxt", np.array([0.1, 2.5], dtype=np.float32))
    writer_case("savetxt", np.array([0.1, 2.5], dtype=np.float16))
    writer_case("savetxt", np.array([1e20, -2.5e-7, 123456789.0]), fmt="%d")
    writer_case("savetxt", np.array([np.nan]), fmt="%d")
    z = (rng.standard_normal((3, 2)) + 1j * rng.standard_normal((3, 2)))
    writer_case("savetxt", z)
    writer_case("savetxt", z, fmt="%.3f")
    writer_case("savetxt", z, fmt=["%.2f%+.2fj", "%.1e%+.1ej"])
    writer_case("savetxt", z.astype(np.complex64), fmt="%.4g")
    writer_case("savetxt", np.zeros((2, 2, 2)))
    writer_case("savetxt", np.float64(1.5))
    writer_case("savetxt", x, fmt="%.2f %.2f")
    writer_case("savetxt", x, fmt="%q")


def genfromtxt_cases(rng):
    reader_case("genfromtxt", "1,2,3\n4,,6\n7,8,\n", delimiter=",")
    reader_case("genfromtxt", "1,2,3\n4,,6\n7,8,\n", delimiter=",", filling_values=-5)
    reader_case("genfromtxt", "1,2,3\n4,,6\n7,8,\n", delimiter=",", filling_values=[10, 20])
    reader_case("genfromtxt", "1,2,3\n4,N/A,6\n7,8,x\n", delimiter=",", dtype="int32", filling_values=99)
    reader_case("genfromtxt", "1,2,3\n4,,6\n", delimiter=",", dtype="int64")
    reader_case("genfromtxt", "1,2,3\n4,,6\n", delimiter=",", dtype="uint8")
    reader_case("genfromtxt", "1.5,2.7\n-3.9,1e3\n", delimiter=",", dtype="int16")
    reader_case("genfromtxt", "1,inf\n", delimiter=",", dtype="int32")
    reader_case("genfromtxt", "1,300\n", delimiter=",", dtype="int8")
    reader_case("genfromtxt", "1,99999999999999999999\n", delimiter=",", dtype="int64")
    reader_case("genfromtxt", "1_000, 2 \n3,4\n", delimiter=",", dtype="int64")
    reader_case("genfromtxt", "true,FALSE\nTrue,x\n", delimiter=",", dtype="bool")
    reader_case("genfromtxt", "1+2j,(3-4j)\nj,-J\n,1_0\n", delimiter=",", dtype="complex128")
    reader_case("genfromtxt", "# header\nskip me\n1 2\n3 4\n\n5 6\nfooter line\n", skip_header=2, skip_footer=1)
    reader_case("genfromtxt", "1 2\n3 4\n5 6 7\n", skip_footer=1)
    reader_case("genfromtxt", "1 2\n3 4 5\n6 7\n8\n")
    reader_case("genfromtxt", "1;2;3;4\n5;6;7;8\n", delimiter=";", usecols=[0, -1])
    reader_case("genfromtxt", "1;2;3;4\n5;6\n", delimiter=";", usecols=[3])
    reader_case("genfromtxt", "1::2::3\n4::5::6 // c\n", delimiter="::", comments="//")
    reader_case("genfromtxt", "1 2\n3 4\n5 6\n", max_rows=2)
    reader_case("genfromtxt", "1 2\n3 4\n5 6\n", max_rows=2, skip_footer=1)
    reader_case("genfromtxt", "1 2\n3 4\n", unpack=True)
    for ndmin in (0, 1, 2):
        reader_case("genfromtxt", "7\n", ndmin=ndmin)
        reader_case("genfromtxt", "", ndmin=ndmin)
        reader_case("genfromtxt", "1 2 3\n", ndmin=ndmin)
    reader_case("genfromtxt", table(rng, 5, 3, repr, sep=","), delimiter=",", dtype="float32")
    reader_case("genfromtxt", " 1 , 2 \n\t3,4\r\n", delimiter=",")


def raw_cases(rng):
    reader_case("fromfile", " 1 2.5\n-3e2\t4 \n", sep=" ")
    reader_case("fromfile", "1,2,3,", sep=",")
    reader_case("fromfile", "1, 2 ,3", sep=",")
    reader_case("fromfile", "1,,2", sep=",")
    reader_case("fromfile", "1 2 x", sep=" ")
    reader_case("fromfile", "1,2", sep=" ")
    reader_case("fromfile", "", sep=" ")
    reader_case("fromfile", "nan inf -inf 1e400", sep=" ")
    reader_case("fromfile", "1 2 3 4", sep=" ", count=2)
    reader_case("fromfile", "1 2 3", sep=" ", count=5)
    reader_case("fromfile", "1 -2 3", sep=" ", dtype="int32")
    reader_case("fromfile", "1.5 2", sep=" ", dtype="int32")
    reader_case("fromfile", "1 0 2", sep=" ", dtype="bool")
    reader_case("fromfile", "1 ; 2;3", sep=";", dtype="float32")
    reader_case("fromfile", "1 :: 2::3", sep=" :: ", dtype="int64")
    x = rng.standard_normal(7)
    writer_case("tofile", x, sep=" ")
    writer_case("tofile", x.astype(np.float32), sep=", ")
    writer_case("tofile", x.reshape(7, 1)[::2], sep="\n", format="%.3e")
    writer_case("tofile", np.array([1, -2, 300], dtype=np.int16), sep=",", format="%05d")
    writer_case("tofile", np.array([True, False]), sep=" ")
    writer_case("tofile", np.array([1 + 2j, -0.5j, 1e20 + 0j]), sep=" ")
    writer_case("tofile", np.array([1e16, 1e-5, 123456789.0, 1e-4, np.nan, -np.inf]), sep=" ")
    raw = rng.integers(0, 256, 21, dtype=np.uint8).tobytes()
    for dt, count, offset in (("int16", -1, 1), ("int16", -1, 0), ("int16", 2, 3), ("float32", -1, 1),
                              ("float64", 2, 5), ("int16", 20, 0), ("int16", -1, 22), ("int16", -1, -1),
                              ("uint8", 0, 21), ("int16", -1, 21), ("bool", -1, 0), ("complex64", 2, 4)):
        frombuffer_case(raw, dtype=dt, count=count, offset=offset)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    rng = np.random.default_rng(2024)
    loadtxt_cases(rng)
    savetxt_cases(rng)
    genfromtxt_cases(rng)
    raw_cases(rng)
    with open(os.path.join(OUT, "cases.jsonl"), "w") as f:
        for c in cases:
            f.write(json.dumps(c) + "\n")


if __name__ == "__main__":
    main()
