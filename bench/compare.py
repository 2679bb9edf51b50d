#!/usr/bin/env python3
"""Joins the TSV output of `cugo bench --tsv` and of bench/cupy_ref.py
and prints a Markdown table of both with the ratio cugo/CuPy, oriented so
that above 1 means cugo is faster: value over value for rates (GB/s,
TFLOP/s), CuPy's time over ours for times (us, ms).

    python3 bench/compare.py cugo.tsv cupy.tsv
"""
import sys

TIME_UNITS = {"us", "ms", "s"}


def read(path):
    """The (value, unit) of each workload of a TSV file, in file order."""
    rows = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, value, unit = line.split("\t")
            rows[name] = (float(value), unit)
    return rows


def ratio(ours, theirs, unit):
    if ours == 0 or theirs == 0:
        return None
    return theirs / ours if unit in TIME_UNITS else ours / theirs


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: compare.py cugo.tsv cupy.tsv")
    ours, theirs = read(argv[1]), read(argv[2])
    print("| workload | cugo | CuPy | unit | cugo vs CuPy |")
    print("| --- | ---: | ---: | --- | ---: |")
    for name, (value, unit) in ours.items():
        other = theirs.get(name)
        if other is None:
            print("| %s | %.2f | — | %s | — |" % (name, value, unit))
            continue
        if other[1] != unit:
            sys.exit("%s: cugo measures %s, CuPy %s" % (name, unit, other[1]))
        r = ratio(value, other[0], unit)
        print("| %s | %.2f | %.2f | %s | %s |" % (name, value, other[0], unit, "—" if r is None else "%.2f" % r))
    for name in theirs.keys() - ours.keys():
        print("| %s | — | %.2f | %s | — |" % (name, theirs[name][0], theirs[name][1]))


if __name__ == "__main__":
    main(sys.argv)
