"""The case-file format the Go fixture tests read (internal/fixture): one line
per case in cases.txt, and the case's arrays in cases.npys, written one after
another by np.save in C order: its inputs, then its outputs."""

import os

import numpy as np


def write_cases(out, cases, header=None):
    """cases: (line, inputs, outputs); outputs is a list or one array."""
    with open(os.path.join(out, "cases.txt"), "w") as txt, open(os.path.join(out, "cases.npys"), "wb") as npys:
        if header:
            txt.write(header + "\n")
        for line, inputs, outputs in cases:
            txt.write(line + "\n")
            if not isinstance(outputs, list):
                outputs = [outputs]
            for x in list(inputs) + outputs:
                np.save(npys, np.array(x, order="C"))


def view(x, v):
    """x as the view a case's view= names: step (every other element of
    the last axis), rev (the last axis reversed), T (transposed), none."""
    return {"step": lambda: x[..., ::2], "rev": lambda: x[..., ::-1], "T": lambda: x.T, "none": lambda: x}[v]()
