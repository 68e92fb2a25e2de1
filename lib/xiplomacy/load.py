"""Stage 1: read the curated tables in ``data/`` into a validated :class:`Dataset`.

Validation is strict and complete: every problem in every file is collected (file, row,
field, message) and raised together as one :class:`DataError`. ``row`` is the line number
a spreadsheet shows (the header is line 1). Nothing is corrected here; contributors fix
their files with :mod:`xiplomacy.clean`, which logs every correction.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import paths

STRING = pd.ArrowDtype(__import__("pyarrow").string())
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is and what is wrong."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        where += f", field {self.field!r}" if self.field else ""
        return f"{where}: {self.message}"


class DataError(ValueError):
    """Invalid input data. ``problems`` lists every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n{shown}{more}")


@dataclass
class Dataset:
    """The validated tables, as pandas DataFrames with pyarrow-backed strings."""

    sources: pd.DataFrame
    events: pd.DataFrame
    statements: pd.DataFrame
    parties: pd.DataFrame
    memberships: pd.DataFrame
    counts: pd.DataFrame
    gold_codes: pd.DataFrame
    version: str = ""
    root: Path = field(default=paths.DATA)

    def statement_view(self) -> pd.DataFrame:
        """Statements joined with their event, source and party: the frame views work on."""
        ev = self.events[["event_id", "date", "date_precision", "event_type", "place", "china_side", "outcome"]]
        src = self.sources[["source_id", "url", "publisher", "title", "doc_type", "evidence"]]
        pt = self.parties[["party", "name", "region", "subregion", "kind"]]
        out = self.statements.merge(ev, on="event_id", how="left").merge(src, on="source_id", how="left")
        out = out.merge(pt, on="party", how="left")
        out["level_final"] = out["level_manual"].fillna(out["level"]).astype("Int64")
        out["date_start"] = out["date"].map(lambda d: period_bounds(d)[0])
        return out


def parse_date(text: str) -> tuple[date, str]:
    """Parse ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` into (first day, precision).

    Raises ValueError for anything else, including impossible dates (2022-13-01) and
    years before 1900 (0025-03-01 is a typo, not a date in this dataset's range).
    """
    m = DATE_RE.match(text or "")
    if not m:
        raise ValueError(f"{text!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    y, mo, d = m.groups()
    if int(y) < 1900 or int(y) > 2100:
        raise ValueError(f"year {y} is outside 1900-2100")
    value = date(int(y), int(mo or 1), int(d or 1))  # raises for month 13, day 32, ...
    return value, "day" if d else "month" if mo else "year"


def period_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day that a date of any precision may stand for."""
    start, precision = parse_date(text)
    ts = pd.Timestamp(start)
    if precision == "day":
        return ts, ts
    if precision == "month":
        return ts, ts + pd.offsets.MonthEnd(0)
    return ts, ts + pd.offsets.YearEnd(0)


def load_package(root: Path) -> dict:
    with open(root / "datapackage.json", encoding="utf-8") as f:
        return json.load(f)


def _schema(resource: dict) -> pa.DataFrameSchema:
    """A pandera schema built from the Frictionless table schema: one source of truth."""
    columns = {}
    for fd in resource["schema"]["fields"]:
        c = fd.get("constraints", {})
        checks = []
        if "enum" in c:
            checks.append(pa.Check.isin(c["enum"], error=f"must be one of {c['enum']}"))
        if "pattern" in c:
            checks.append(pa.Check.str_matches(c["pattern"], error=f"does not match {c['pattern']}"))
        if "minimum" in c:
            checks.append(pa.Check.ge(c["minimum"], error=f"below the minimum {c['minimum']}"))
        if "maximum" in c:
            checks.append(pa.Check.le(c["maximum"], error=f"above the maximum {c['maximum']}"))
        if "minLength" in c:
            checks.append(pa.Check.str_length(min_value=c["minLength"], error="empty"))
        dtype = "Int64" if fd["type"] == "integer" else STRING
        columns[fd["name"]] = pa.Column(dtype, checks=checks, nullable=not c.get("required", False),
                                        unique=c.get("unique", False), coerce=False)
    return pa.DataFrameSchema(columns, strict=False, ordered=False)


def _read_csv(path: Path, resource: dict, problems: list[Problem]) -> pd.DataFrame:
    """Read one CSV strictly, recording byte-, line- and column-level problems."""
    name = path.name
    fields = [f["name"] for f in resource["schema"]["fields"]]
    ints = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "integer"}
    empty = pd.DataFrame({f: pd.Series([], dtype="Int64" if f in ints else STRING) for f in fields})
    if not path.exists():
        problems.append(Problem(name, None, None, "file is missing"))
        return empty
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(name, 1, None, "file starts with a byte-order mark (BOM); save as UTF-8 without BOM"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        problems.append(Problem(name, line, None, f"bytes that are not UTF-8 at byte {e.start}; save the file as UTF-8"))
        text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(name, line, None, "CRLF or CR line ends; use LF (\\n) line ends"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    header: list[str] = []
    try:
        for rec in reader:
            if not header:
                header = rec
                continue
            if not any(cell.strip() for cell in rec):
                problems.append(Problem(name, reader.line_num, None, "empty row (delete trailing or blank rows)"))
                continue
            records.append(rec)
            lines.append(reader.line_num)
    except csv.Error as e:
        problems.append(Problem(name, reader.line_num, None, f"malformed CSV (stray or unbalanced quote?): {e}"))
    if not header:
        problems.append(Problem(name, 1, None, "file has no header row"))
        return empty
    missing = [f for f in fields if f not in header]
    extra = [h for h in header if h not in fields]
    for f in missing:
        problems.append(Problem(name, 1, f, "required column is missing"))
    for h in extra:
        problems.append(Problem(name, 1, h, "unknown column (not in data/datapackage.json)"))
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, None, "a column name appears twice"))
    good = []
    good_lines = []
    for rec, ln in zip(records, lines):
        if len(rec) != len(header):
            problems.append(Problem(name, ln, None, f"{len(rec)} cells where the header has {len(header)}"))
            continue
        good.append(rec)
        good_lines.append(ln)
    frame = pd.DataFrame(good, columns=header) if good else pd.DataFrame(columns=header)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    out = {}
    for f in fields:
        col = frame[f] if f in frame else pd.Series([""] * len(frame))
        col = col.astype(str).str.strip().replace("", None)
        if f in ints:
            num = pd.to_numeric(col, errors="coerce")
            bad = col.notna() & (num.isna() | (num % 1 != 0))
            for i in bad[bad].index:
                problems.append(Problem(name, good_lines[i], f, f"{col[i]!r} is not an integer"))
            out[f] = num.where(~bad).astype("Int64")
        else:
            out[f] = col.astype(STRING)
    result = pd.DataFrame(out)
    result.index = pd.Index(good_lines, name="line")
    return result


def _check_frame(frame: pd.DataFrame, resource: dict, problems: list[Problem]) -> None:
    name = resource["path"]
    try:
        _schema(resource).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        for _, case in fc.iterrows():
            col = case.get("column")
            idx = case.get("index")
            check = str(case.get("check"))
            value = case.get("failure_case")
            if check.startswith("not_nullable") or "nullable" in check:
                msg = "is empty but required"
            elif "field_uniqueness" in check or "unique" in check:
                msg = f"duplicate value {value!r}"
            elif "column_in_dataframe" in check:
                msg = "column missing"
            else:
                msg = f"{value!r} {check}"
            row = int(idx) if idx is not None and not pd.isna(idx) else None
            problems.append(Problem(name, row, None if pd.isna(col) else str(col), msg))
    for fd in resource["schema"]["fields"]:
        if fd.get("constraints", {}).get("pattern") == r"^\d{4}(-\d{2}(-\d{2})?)?$":
            col = frame[fd["name"]]
            prec_col = "date_precision" if "date_precision" in frame and fd["name"] in ("date", "doc_date") else None
            for line, value in col.dropna().items():
                try:
                    _, precision = parse_date(value)
                except ValueError as e:
                    problems.append(Problem(name, line, fd["name"], str(e)))
                    continue
                if prec_col:
                    given = frame.at[line, prec_col]
                    if isinstance(given, str) and given != precision:
                        problems.append(Problem(name, line, prec_col,
                                                f"{given!r} contradicts the date {value!r} (which has {precision} precision)"))


def _check_keys(frames: dict[str, pd.DataFrame], package: dict, problems: list[Problem]) -> None:
    by_name = {r["name"]: r for r in package["resources"]}
    for res in package["resources"]:
        frame = frames[res["name"]]
        for fk in res["schema"].get("foreignKeys", []):
            target = frames[fk["reference"]["resource"]][fk["reference"]["fields"]]
            known = set(target.dropna())
            for line, value in frame[fk["fields"]].dropna().items():
                if value not in known:
                    problems.append(Problem(res["path"], line, fk["fields"],
                                            f"{value!r} is not a known {fk['reference']['fields']} in "
                                            f"{by_name[fk['reference']['resource']]['path']}"))
    known_parties = set(frames["parties"]["party"].dropna())
    for line, value in frames["events"]["parties"].dropna().items():
        for code in value.split(";"):
            if code.strip() not in known_parties:
                problems.append(Problem("events.csv", line, "parties", f"{code!r} is not a known party in parties.csv"))
    st = frames["statements"]
    expected = st["source_id"] + "/" + st["party"] + "/" + st["initiative"]
    for line in st.index[(st["statement_id"] != expected).fillna(False)]:
        problems.append(Problem("statements.csv", line, "statement_id",
                                f"{st.at[line, 'statement_id']!r} should be {expected[line]!r} (SOURCE/PARTY/INITIATIVE)"))


def load(path: str | Path | None = None) -> Dataset:
    """Read and validate the data package at ``path`` (default: the project's ``data/``).

    Returns a :class:`Dataset`; raises :class:`DataError` listing every problem found.
    """
    root = Path(path) if path is not None else Path(os.environ.get("XIPLOMACY_DATA") or paths.DATA)
    if root.is_file():
        root = root.parent
    package = load_package(root)
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    for res in package["resources"]:
        frame = _read_csv(root / res["path"], res, problems)
        _check_frame(frame, res, problems)
        frames[res["name"]] = frame
    _check_keys(frames, package, problems)
    if problems:
        raise DataError(problems)
    frames = {k: v.reset_index(drop=True) for k, v in frames.items()}
    return Dataset(**frames, version=package.get("version", ""), root=root)
