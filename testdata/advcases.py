"""The get, set and error cases of the advanced-indexing generators
(gen_advindex.py, gen_advindex2.py), collected in cases for
npys.write_cases. An item of a case line is a basic index as Python
writes it (3, -1, 1:4, ::-1, None, ...) or @ for the next index array."""
import numpy as np

cases = []


def parse(item, arrays):
    if item == "@":
        return arrays.pop(0)
    if item == "None":
        return None
    if item == "...":
        return Ellipsis
    if ":" in item:
        return slice(*[int(p) if p else None for p in item.split(":")])
    return int(item)


def key(items, arrays):
    arrays = list(arrays)
    return tuple(parse(i, arrays) for i in items.split())


def get(x, items, *arrays):
    """x[items] as a get case, or an error case where NumPy raises IndexError."""
    try:
        res = x[key(items, arrays)]
    except IndexError:
        cases.append((f"error {items}", [x, *arrays], []))
        return
    cases.append((f"get {items}", [x, *arrays], [np.asarray(res)]))


def put(x, items, values, *arrays):
    """x[items] = values on a copy of x, as a set case."""
    y = x.copy()
    y[key(items, arrays)] = values
    cases.append((f"set {items}", [x, *arrays, np.asarray(values)], [y]))
