import csv
import shutil

import pytest

import xiplomacy as xp
from xiplomacy import paths


@pytest.fixture(scope="session")
def ds():
    return xp.load()


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the data package, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target, ignore=shutil.ignore_patterns("geo"))
    return target


def set_cell(path, row, field, value):
    """Set one cell (row 0 = first data row) with the csv module, keeping everything else."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[row][field] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def record_lines(path) -> list[int]:
    """The spreadsheet line on which each data row of a CSV starts (cells may span lines)."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        starts, start = [], 1
        for i, _ in enumerate(reader):
            if i:
                starts.append(start)
            start = reader.line_num + 1
    return starts
