import csv
import io
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


def record_lines(raw: bytes) -> list[int]:
    """The spreadsheet line on which each data row of a CSV starts (cells may span lines),
    read independently of the package: a byte-order mark, CR line ends and bytes that are
    not UTF-8 are tolerated, and a row the csv module cannot read still counts once."""
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text))
    starts, start, first = [], 1, True
    try:
        for _ in reader:
            if not first:
                starts.append(start)
            first, start = False, reader.line_num + 1
    except csv.Error:
        starts.append(start)
    return starts
