"""Stage 2 applied to the dataset: write the coder's levels into ``statements.csv``.

The file is rewritten with the csv module in the same column order and quoting, so a
rerun with an unchanged coder leaves it byte-identical.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from . import paths
from .coder import code_stances


def recode_file(path=None, check: bool = False) -> int:
    path = path or paths.DATA / "statements.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        return 0
    frame = pd.DataFrame({"text": [r["excerpt"] for r in rows], "party": [r["party"] for r in rows],
                          "initiative": [r["initiative"] for r in rows],
                          "attribution": [r["attribution"] for r in rows]})
    levels = code_stances(frame)
    changed = 0
    for row, level in zip(rows, levels):
        if row["level"] != str(int(level)):
            changed += 1
            row["level"] = str(int(level))
    if not check and changed:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return changed
