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
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import paths

STRING = pd.ArrowDtype(__import__("pyarrow").string())
INTEGER_RE = re.compile(r"([+-]?\d+)(?:\.0*)?")
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
    implementation: pd.DataFrame
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

    def implementation_view(self) -> pd.DataFrame:
        """Implementation rows, one per (row, named party), with party names and a date to plot.

        A row that names no party (China alone, or countries the text does not name) appears
        once with ``party`` empty. ``date_start`` is the event's date, else the page's date;
        ``dated_by`` says which (``event``, ``page`` or ``unknown``).
        """
        imp = self.implementation.copy()
        imp["party"] = imp["parties"].fillna("").str.split(";")
        imp = imp.explode("party", ignore_index=True)
        imp["party"] = imp["party"].str.strip().replace("", None).astype(STRING)
        pt = self.parties[["party", "name", "region", "subregion", "kind"]].rename(columns={"kind": "party_kind"})
        imp = imp.merge(pt, on="party", how="left")
        when = imp["date"].fillna(imp["doc_date"])
        imp["dated_by"] = imp["date"].notna().map({True: "event", False: "page"}).where(when.notna(), "unknown")
        imp["date_start"] = when.map(lambda d: period_bounds(d)[0] if isinstance(d, str) else pd.NaT)
        return imp


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


def read_table(path: Path, resource: dict) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and check one table file against its resource: the frame and its problems.

    Results are memoised on the file's bytes, so re-validating a package in which one
    table changed re-reads only that table. Callers get a copy they may modify.
    """
    raw = path.read_bytes() if path.exists() else None
    frame, problems = _read_checked(raw, path.name, json.dumps(resource, sort_keys=True))
    return frame.copy(), list(problems)


@lru_cache(maxsize=64)
def _read_checked(raw: bytes | None, name: str, resource_json: str) -> tuple[pd.DataFrame, tuple[Problem, ...]]:
    resource = json.loads(resource_json)
    problems: list[Problem] = []
    frame = _read_csv(raw, name, resource, problems)
    _check_frame(frame, resource, problems)
    return frame, tuple(problems)


def _read_csv(raw: bytes | None, name: str, resource: dict, problems: list[Problem]) -> pd.DataFrame:
    """Read one CSV strictly, recording byte-, line- and column-level problems."""
    fields = [f["name"] for f in resource["schema"]["fields"]]
    ints = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "integer"}
    empty = pd.DataFrame({f: pd.Series([], dtype="Int64" if f in ints else STRING) for f in fields})
    if raw is None:
        problems.append(Problem(name, None, None, "file is missing"))
        return empty
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
    start = 1  # rows are named by the line they start on (a quoted cell may span lines)
    try:
        for rec in reader:
            if not header:
                header = rec
            elif not any(cell.strip() for cell in rec):
                problems.append(Problem(name, start, None, "empty row (delete trailing or blank rows)"))
            else:
                records.append(rec)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as e:
        problems.append(Problem(name, start, None, f"malformed CSV (stray or unbalanced quote?): {e}"))
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
    position = {h: i for i, h in reversed(list(enumerate(header)))}  # first of a repeated name
    out = {}
    for f in fields:
        i = position.get(f)
        cells = [(rec[i].strip() or None) if i is not None else None for rec in good]
        if f in ints:
            values = []
            for line, cell in zip(good_lines, cells):
                m = INTEGER_RE.fullmatch(cell) if cell is not None else None
                if m and abs(int(m.group(1))) >= 2**63:
                    problems.append(Problem(name, line, f, f"{cell!r} is too large"))
                    m = None
                elif cell is not None and not m:
                    problems.append(Problem(name, line, f, f"{cell!r} is not an integer"))
                values.append(int(m.group(1)) if m else None)
            out[f] = pd.array(values, dtype="Int64")
        else:
            out[f] = pd.array(cells, dtype=STRING)
    return pd.DataFrame(out, index=pd.Index(good_lines, name="line", dtype="int64"))


def primary_key(resource: dict) -> list[str]:
    """The resource's primary key as a list of column names (empty if it has none)."""
    key = resource["schema"].get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def dated_field(resource: dict) -> str | None:
    """The date column that ``date_precision`` describes (``date``, else ``doc_date``), if any."""
    names = [f["name"] for f in resource["schema"]["fields"]]
    if "date_precision" not in names:
        return None
    return "date" if "date" in names else "doc_date" if "doc_date" in names else None


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
    paired = dated_field(resource)
    if paired:  # a date precision given without its date, or a date without its precision
        for line, d, prec in zip(frame.index, frame[paired].tolist(), frame["date_precision"].tolist()):
            if pd.isna(d) != pd.isna(prec):
                problems.append(Problem(name, line, "date_precision" if pd.isna(prec) else paired,
                                        "is empty but the date precision is given" if pd.isna(d) else
                                        f"is empty but {paired} is given"))
    for fd in resource["schema"]["fields"]:
        if fd.get("constraints", {}).get("pattern") == r"^\d{4}(-\d{2}(-\d{2})?)?$":
            col = frame[fd["name"]]
            prec_col = "date_precision" if fd["name"] == paired else None
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
    """Checks across rows and tables: foreign keys, composite keys, derived ids.

    Plain Python over column lists: the tables are small and this runs on every load.
    """
    def column(name: str, col: str) -> list:
        return [None if pd.isna(v) else v for v in frames[name][col].tolist()]

    by_name = {r["name"]: r for r in package["resources"]}
    for res in package["resources"]:
        lines = frames[res["name"]].index.tolist()
        for fk in res["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            known = set(column(ref["resource"], ref["fields"])) - {None}
            for line, value in zip(lines, column(res["name"], fk["fields"])):
                if value is not None and value not in known:
                    problems.append(Problem(res["path"], line, fk["fields"],
                                            f"{value!r} is not a known {ref['fields']} in "
                                            f"{by_name[ref['resource']]['path']}"))
        key = primary_key(res)
        if len(key) > 1:  # single-column keys are checked as unique fields
            firsts: dict[tuple, int] = {}
            for line, ident in zip(lines, zip(*(column(res["name"], k) for k in key))):
                if None in ident:
                    continue
                if ident in firsts:
                    problems.append(Problem(res["path"], line, ",".join(key),
                                            f"duplicate key {'/'.join(ident)!r} (first on row {firsts[ident]})"))
                else:
                    firsts[ident] = line
    known_parties = set(column("parties", "party")) - {None}
    for res in package["resources"]:
        if "parties" not in frames[res["name"]]:
            continue
        for line, value in zip(frames[res["name"]].index.tolist(), column(res["name"], "parties")):
            for code in value.split(";") if value else []:
                if code.strip() not in known_parties:
                    problems.append(Problem(res["path"], line, "parties",
                                            f"{code!r} is not a known party in parties.csv"))
    st = frames["statements"]
    for line, sid, *parts in zip(st.index.tolist(), *(column("statements", c) for c in
                                                      ("statement_id", "source_id", "party", "initiative"))):
        if sid is not None and None not in parts and sid != "/".join(parts):
            problems.append(Problem("statements.csv", line, "statement_id",
                                    f"{sid!r} should be {'/'.join(parts)!r} (SOURCE/PARTY/INITIATIVE)"))


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
        frames[res["name"]], found = read_table(root / res["path"], res)
        problems.extend(found)
    _check_keys(frames, package, problems)
    if problems:
        raise DataError(problems)
    frames = {k: v.reset_index(drop=True) for k, v in frames.items()}
    return Dataset(**frames, version=package.get("version", ""), root=root)
