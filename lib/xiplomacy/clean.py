"""Before stage 1: clean a contributor's table so that :func:`xiplomacy.load` accepts it.

Scholars add rows in spreadsheets. :func:`clean_file` reads such a CSV, whatever its bytes,
and returns a :class:`Cleaned`: the table of rows that were kept as they were or corrected,
the rows rejected with a reason, and a log with one line per correction and rejection.
Nothing is lost: kept + corrected + rejected equals the data rows read. Rejected rows are
written to ``quarantine/<table>.csv`` with their reason, to be fixed by hand and cleaned
again (``python -m xiplomacy clean quarantine/<table>.csv --table <table>``).

The cleaning functions are usable on their own: :func:`to_party_code` (names to ISO3 or
an organization code), :func:`clean_date` (dates and their precision), :func:`clean_text`
(whitespace and quotes). They correct only what is unambiguous and reject the rest.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths, vocab
from .load import DataError, Problem, dated_field, load_package, parse_date, primary_key

LOG_COLUMNS = ["line", "action", "field", "before", "after", "reason"]
FREE_TEXT = {"excerpt", "title", "note", "counted", "place", "china_side", "publisher", "aliases", "name",
             "name_zh", "adjective", "short_zh", "subregion"}
PARTY_FIELDS = {"party"}
MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
WRAPPING_QUOTES = [('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u300c", "\u300d")]


class Reject(ValueError):
    """A value that cannot be corrected without guessing; the message is the reason."""


# ---------------------------------------------------------------- the cleaning functions

def clean_text(value: str, free_text: bool = True) -> str:
    """Trim a cell; in code-like values also normalise spacing and strip wrapping quotes.

    Free text (excerpts, titles, notes) keeps its words, line breaks and quotation marks
    exactly, since excerpts must stay verbatim: only the spaces around it and invisible
    characters (zero-width spaces, a stray BOM) go. Code-like values (ids, codes, dates,
    URLs) also lose inner runs of spaces and a pair of quotes wrapping the whole value.
    """
    text = unicodedata.normalize("NFC", value).translate(INVISIBLE).strip()
    if not free_text:
        text = re.sub(r"[\s\u00a0\u3000]+", " ", text).strip()
        for left, right in WRAPPING_QUOTES:
            if len(text) >= 2 and text.startswith(left) and text.endswith(right):
                text = text[len(left):-len(right)].strip()
    return text


def clean_date(value: str) -> tuple[str, str]:
    """Return (``YYYY-MM-DD``/``YYYY-MM``/``YYYY``, precision) for a date a person typed.

    Accepts ISO dates, ``2022/9/15``, ``15 September 2022``, ``September 15, 2022``,
    ``Sept 2022``, ``2022年9月15日`` and ``2022年9月``. Rejects day-first or month-first
    numeric dates (``09/10/2022`` is ambiguous), impossible dates and years outside 1900-2100.
    """
    text = clean_text(value, free_text=False)
    t = text.lower().replace(",", " ").replace(".", " ")
    y = mo = d = None
    named = False
    if m := re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", t):
        y, mo, d = m.groups()
    elif m := re.fullmatch(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?", t):
        y, mo, d = m.groups()
    elif m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", t):
        d, name, y = m.groups()
        mo, named = MONTHS.get(name), True
    elif m := re.fullmatch(r"([a-z]+)\s+(\d{1,2})\s+(\d{4})", t):
        name, d, y = m.groups()
        mo, named = MONTHS.get(name), True
    elif m := re.fullmatch(r"([a-z]+)\s+(\d{4})", t):
        name, y = m.groups()
        mo, named = MONTHS.get(name), True
    elif re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", text):
        raise Reject(f"{value!r}: day-month order differs between locales; write it as YYYY-MM-DD")
    if y is None or (named and mo is None):
        raise Reject(f"{value!r} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)")
    iso = y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if d else "")
    try:
        _, precision = parse_date(iso)
    except ValueError as e:
        raise Reject(f"{value!r}: {e}") from None
    return iso, precision


@lru_cache(maxsize=1)
def _hdx():
    from hdx.location.country import Country

    Country.countriesdata(use_live=False)  # the bundled table: no network
    return Country


@lru_cache(maxsize=4096)
def _hdx_lookup(text: str) -> tuple[str | None, bool]:
    return _hdx().get_iso3_country_code_fuzzy(text, use_live=False)


def _name_key(text: str) -> str:
    text = re.sub(r"^(the|la|le|el)\s+", "", text.strip().lower())
    text = re.sub(r"\s+(side|government|delegation)$", "", text)
    return re.sub(r"[^\w+]+", " ", text).strip()


def party_names(parties: pd.DataFrame) -> dict[str, str]:
    """Every name the parties table knows (code, name, adjective, aliases, Chinese forms)."""
    names: dict[str, str] = {}
    for row in parties.fillna("").itertuples(index=False):
        code = row.party
        for value in [code, row.name, row.name_zh, row.adjective, row.short_zh, row.aliases]:
            for name in str(value).split(";"):
                if name.strip():
                    names.setdefault(_name_key(name), code)
    return names


def to_party_code(value: str, names: dict[str, str]) -> str:
    """Map a party written as a code, a name, an adjective or a Chinese name to its code.

    ``names`` comes from :func:`party_names`. Names the parties table does not know are
    looked up in the UN/OCHA country table (hdx-python-country, offline); a code found
    there but absent from ``parties.csv`` is rejected with a request to add the party.
    """
    text = clean_text(value, free_text=False)
    if not text:
        raise Reject("empty party")
    code = names.get(_name_key(text))
    if code:
        return code
    iso3, exact = _hdx_lookup(text)
    if iso3 and iso3 in names.values():
        if exact or len(text) > 3:
            return iso3
    if iso3:
        raise Reject(f"{value!r} looks like {iso3}, which is not in parties.csv: add the party there first")
    raise Reject(f"{value!r} is not a party code or name known to parties.csv")


def _initiative(value: str) -> str:
    text = clean_text(value, free_text=False)
    if text.upper() in vocab.INITIATIVES:
        return text.upper()
    key = _name_key(text)
    for code, name in vocab.INITIATIVE_NAMES.items():
        if key in (_name_key(name), _name_key(name.replace("Initiative", "").strip())):
            return code
    zh = {"全球安全倡议": "GSI", "全球發展倡議": "GDI", "全球发展倡议": "GDI", "全球文明倡议": "GCI",
          "全球文明倡議": "GCI", "全球治理倡议": "GGI", "全球治理倡議": "GGI", "全球安全倡議": "GSI",
          "一带一路": "BRI", "一帶一路": "BRI", "belt and road": "BRI", "bri": "BRI"}
    if text in zh or key in zh:
        return zh.get(text) or zh[key]
    raise Reject(f"{value!r} is not an initiative ({', '.join(vocab.INITIATIVES)})")


# ---------------------------------------------------------------- one table

@dataclass
class Cleaned:
    """What cleaning one table produced. ``table`` holds kept and corrected rows."""

    name: str
    table: pd.DataFrame
    rejected: pd.DataFrame
    log: pd.DataFrame
    n_input: int
    file_notes: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the input line of each row of ``table``

    @property
    def counts(self) -> dict[str, int]:
        acted = self.log[self.log["line"].notna()]
        rejected = set(acted.loc[acted["action"] == "rejected", "line"])
        corrected = set(acted.loc[acted["action"] == "corrected", "line"]) - rejected
        return {"input": self.n_input, "kept": self.n_input - len(rejected) - len(corrected),
                "corrected": len(corrected), "rejected": len(rejected)}

    def write(self, out: Path, quarantine: Path | None = None) -> dict[str, Path]:
        """Write the cleaned table to ``out`` and the rejects and log to ``quarantine/``."""
        quarantine = Path(quarantine) if quarantine else paths.QUARANTINE
        quarantine.mkdir(parents=True, exist_ok=True)
        written = {"table": Path(out), "quarantine": quarantine / f"{self.name}.csv",
                   "log": quarantine / f"{self.name}.log.csv"}
        self.table.to_csv(written["table"], index=False, lineterminator="\n")
        self.rejected.to_csv(written["quarantine"], index=False, lineterminator="\n")
        self.log.to_csv(written["log"], index=False, lineterminator="\n")
        return written


def _read_rows(raw: bytes, notes: list[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Tolerant read: fix the bytes (logged) and return the header and (line, cells) rows."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notes.append("removed a byte-order mark")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        notes.append("the file was not UTF-8: read it as Windows-1252 (check accented letters)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("converted CRLF/CR line ends to LF")
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    rows = []
    start = 1
    try:
        for rec in reader:
            if header is None:
                header = rec
            else:
                rows.append((start, rec))
            start = reader.line_num + 1
    except csv.Error as e:  # a NUL byte or similar: keep what was read, name where it stopped
        rows.append((start, [f"<unreadable: {e}>"]))
    return header or [], rows


def clean_rows(name: str, header: list[str], rows: list[tuple[int, list[str]]], *,
               data: Path | None = None, notes: list[str] | None = None,
               existing: dict[tuple, str] | None = None) -> Cleaned:
    """Clean rows of the table ``name`` (a resource of ``data/datapackage.json``).

    ``existing`` maps primary keys already in the package to where they are, so that rows
    resubmitted from another file cannot repeat them.
    """
    root = Path(data) if data else paths.DATA
    package = load_package(root)
    resources = {r["name"]: r for r in package["resources"]}
    if name not in resources:
        raise DataError([Problem(name, None, None, f"unknown table; expected one of {sorted(resources)}")])
    res = resources[name]
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    file = res["path"]
    notes = list(notes or [])
    log: list[dict] = [{"line": None, "action": "corrected", "field": None, "before": None, "after": None,
                        "reason": n} for n in notes]

    normalised = [_column_key(h) for h in header]
    canon = {key: i for i, key in enumerate(normalised)}
    problems = []
    for h, key in zip(header, normalised):  # header corrections are about the file, not a data row
        if key not in names and key not in ("reason", "line"):
            problems.append(Problem(file, 1, h, "unknown column (not in data/datapackage.json); nothing was written"))
        elif key != h:
            log.append({"line": None, "action": "corrected", "field": key, "before": h, "after": key,
                        "reason": "column name normalised"})
    for key in sorted({k for k in normalised if normalised.count(k) > 1}):
        problems.append(Problem(file, 1, key, "column appears twice; keep one (nothing was written)"))
    if problems:
        raise DataError(problems)
    absent = [n for n in names if n not in canon]
    for n in absent:
        log.append({"line": None, "action": "corrected", "field": n, "before": None, "after": "",
                    "reason": "column was missing: added empty"})

    # the parties table defines codes; every other table's party fields must use them
    party_codes = {} if name == "parties" else party_names(_read_plain(root / "parties.csv"))
    refs = {fk["fields"]: _key_values(root, resources[fk["reference"]["resource"]], fk["reference"]["fields"])
            for fk in res["schema"].get("foreignKeys", []) if fk["reference"]["resource"] != name}
    key = primary_key(res)
    paired = dated_field(res)

    if name == "statements":  # the id is rebuilt from its parts and an empty level is coded, below
        fields = [dict(f, constraints={k: v for k, v in f.get("constraints", {}).items() if k != "required"})
                  if f["name"] in ("statement_id", "level") else f for f in fields]
    out_rows, out_lines, rejected = [], [], []
    seen_rows: dict[tuple, int] = {}
    seen_keys: dict[tuple, int] = {}
    for line, cells in rows:
        original = dict(zip(header, cells))
        if not any(c.strip() for c in cells):
            rejected.append(_reject_record(original, header, line, "empty row"))
            log.append({"line": line, "action": "rejected", "field": None, "before": None, "after": None,
                        "reason": "empty row"})
            continue
        if len(cells) != len(header):
            reason = f"{len(cells)} cells where the header has {len(header)} (a stray quote or comma?)"
            rejected.append(_reject_record(original, header, line, reason))
            log.append({"line": line, "action": "rejected", "field": None, "before": None, "after": None,
                        "reason": reason})
            continue
        row = {n: cells[canon[n]] if n in canon else "" for n in names}
        fixes, reasons = _clean_row(row, fields, party_codes, refs, paired)
        if name == "statements" and not reasons:
            want = f"{row['source_id']}/{row['party']}/{row['initiative']}"
            if row["statement_id"] != want:
                fixes.append(("statement_id", row["statement_id"], want, "rebuilt as SOURCE/PARTY/INITIATIVE"))
                row["statement_id"] = want
            if not row["level"]:
                from .coder import code_stance

                level = str(code_stance(row["excerpt"], row["party"], row["initiative"],
                                        attribution=row["attribution"]))
                fixes.append(("level", "", level, "filled by the coder (as python -m xiplomacy code does)"))
                row["level"] = level
        whole = tuple(row.values())
        if whole in seen_rows:
            reasons = [(None, f"duplicate of line {seen_rows[whole]}")]
        else:
            seen_rows[whole] = line
        ident = tuple(row[k] for k in key)
        if not reasons and key:
            if existing and ident in existing:
                reasons.append((",".join(key), f"{'/'.join(ident)!r} is already in {existing[ident]}"))
            elif ident in seen_keys:
                reasons.append((",".join(key), f"{'/'.join(ident)!r} already used on line {seen_keys[ident]} "
                                               "with different content"))
            else:
                seen_keys[ident] = line
        for fld, before, after, why in fixes:
            log.append({"line": line, "action": "corrected", "field": fld, "before": before, "after": after,
                        "reason": why})
        if reasons:
            for fld, why in reasons:
                log.append({"line": line, "action": "rejected", "field": fld, "before": None, "after": None,
                            "reason": why})
            rejected.append(_reject_record(original, header, line, "; ".join(
                (f"{fld}: " if fld else "") + why for fld, why in reasons)))
        else:
            out_rows.append(row)
            out_lines.append(line)
    table = pd.DataFrame(out_rows, columns=names, dtype=object)
    reject_frame = pd.DataFrame(rejected, columns=[*names, "line", "reason"], dtype=object)
    return Cleaned(name, table, reject_frame, pd.DataFrame(log, columns=LOG_COLUMNS), len(rows), notes, out_lines)


def clean_file(path: str | Path, table: str | None = None, *, data: Path | None = None) -> Cleaned:
    """Clean a CSV file for the table ``table`` (default: the file name, e.g. statements)."""
    path = Path(path)
    name = table or path.stem.split(".")[0]
    root = Path(data) if data else paths.DATA
    notes: list[str] = []
    header, rows = _read_rows(path.read_bytes(), notes)
    existing = None
    resource = next((r for r in load_package(root)["resources"] if r["name"] == name), None)
    target = root / resource["path"] if resource else None
    if target is not None and target.exists() and target.resolve() != path.resolve():
        key = primary_key(resource)
        there, records = _read_rows(target.read_bytes(), [])
        position = {h.strip(): i for i, h in enumerate(there)}
        if all(k in position for k in key):  # else the package's own table is broken: load() says so
            existing = {tuple(cells[position[k]].strip() for k in key): f"{resource['path']} (row {line})"
                        for line, cells in records if len(cells) == len(there)}
    return clean_rows(name, header, rows, data=root, notes=notes, existing=existing)


def _column_key(header_cell: str) -> str:
    """A column name as a spreadsheet may have typed it ("Date Precision ") in the package's form."""
    return re.sub(r"[\s-]+", "_", header_cell.strip().lower())


def _reject_record(original: dict, header: list[str], line: int, reason: str) -> dict:
    rec = {_column_key(h): v for h, v in original.items() if h not in ("reason", "line")}
    rec.update(line=line, reason=reason)
    return rec


def _read_plain(path: Path) -> pd.DataFrame:
    """A package table as plain strings (memoised on its bytes), to look up keys and names."""
    try:
        return _parse_plain(path.read_bytes()).copy()
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise DataError([Problem(path.name, None, None, f"cannot be read to check references: {e}")]) from None


@lru_cache(maxsize=32)
def _parse_plain(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _key_values(root: Path, resource: dict, column: str) -> set[str]:
    try:
        return set(_read_plain(root / resource["path"])[column].str.strip())
    except (DataError, KeyError):
        return set()  # the referenced table is broken itself: load() will say so


def _clean_row(row: dict, fields: list[dict], party_codes: dict, refs: dict,
               paired: str | None) -> tuple[list, list]:
    """Clean one row in place; return (corrections, rejections). ``paired`` is the date
    column that ``date_precision`` describes (:func:`xiplomacy.load.dated_field`)."""
    fixes: list[tuple] = []
    reasons: list[tuple] = []

    def fix(name, value, why):
        if value != row[name]:
            fixes.append((name, row[name], value, why))
            row[name] = value

    for fd in fields:
        name, kind, c = fd["name"], fd["type"], fd.get("constraints", {})
        before = row[name]
        value = clean_text(before, free_text=name in FREE_TEXT)
        if value != before:
            fix(name, value, "whitespace, invisible characters or wrapping quotes")
        if not value:
            if c.get("required"):
                if name == "date_precision" and paired and row[paired].strip():
                    continue  # filled from the date below
                reasons.append((name, "is empty but required"))
            continue
        try:
            if kind == "integer":
                m = re.fullmatch(r"([+-]?\d+)(?:\.0*)?", value)
                if not m:
                    raise Reject(f"{value!r} is not a whole number")
                number = int(m.group(1))
                if abs(number) >= 2**63:
                    raise Reject(f"{value!r} is too large")
                fix(name, str(number), "written as a whole number")
                lo, hi = c.get("minimum"), c.get("maximum")
                if (lo is not None and number < lo) or (hi is not None and number > hi):
                    raise Reject(f"{number} is outside {lo}..{hi}")
            elif c.get("pattern") == r"^\d{4}(-\d{2}(-\d{2})?)?$":
                iso, precision = clean_date(value)
                fix(name, iso, "date written as YYYY-MM-DD / YYYY-MM / YYYY")
                if name == paired:
                    given = clean_text(row["date_precision"], free_text=False).lower()
                    if not given:
                        fix("date_precision", precision, f"filled from the date ({precision})")
                    elif given != precision:
                        raise Reject(f"date {iso!r} has {precision} precision but date_precision says {given!r}")
            elif name in PARTY_FIELDS and party_codes:
                fix(name, to_party_code(value, party_codes), "party name written as its code")
            elif name == "parties" and party_codes:
                codes = [to_party_code(p, party_codes) for p in re.split(r"[;,/]", value) if p.strip()]
                fix(name, ";".join(codes), "party names written as codes, separated by ';'")
            elif name == "initiative":
                fix(name, _initiative(value), "initiative written as its code")
            elif name == "url":
                if not re.fullmatch(r"https?://\S+", value):
                    raise Reject(f"{value!r} is not an http(s) URL")
            elif "enum" in c:
                match = [e for e in c["enum"] if e.lower() == value.lower().replace("_", " ")
                         or e.lower() == value.lower()]
                if not match:
                    raise Reject(f"{value!r} is not one of {c['enum']}")
                fix(name, match[0], "matched to the vocabulary")
            elif name == "language":
                fix(name, value.lower(), "language code in lower case")
            if c.get("pattern") and not re.fullmatch(c["pattern"], row[name]) and name != "date_precision":
                raise Reject(f"{row[name]!r} does not match {c['pattern']}")
            if name in refs and refs[name] and row[name] not in refs[name]:
                raise Reject(f"{row[name]!r} is not a known {name} in the data package")
        except Reject as e:
            reasons.append((name, str(e)))
    if paired and not row[paired] and row["date_precision"]:
        reasons.append((paired, "is empty but the date precision is given"))
    return fixes, reasons
