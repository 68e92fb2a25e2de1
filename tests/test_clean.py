"""Cleaning contributors' tables, and malformed input of every kind (property-based).

The property tests write generated malformed tables into a small copy of the data package
(a handful of real rows per table) and check that ``load`` raises only ``DataError`` and that
``clean_file`` accounts for every input row. Their example count comes from the hypothesis
profile: ``ci`` (the default, used by ``make test``) runs 1,250 per table, 10,000 in all
over the eight tables; ``HYPOTHESIS_PROFILE=dev`` runs 100 per table.
"""

import csv
import io
import os
import shutil

import pandas as pd
import pytest
from conftest import record_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xiplomacy as xp
from xiplomacy import paths
from xiplomacy.clean import Reject, clean_date, clean_file, clean_text, party_names, to_party_code
from xiplomacy.load import load_package

TABLES = [r["name"] for r in load_package(paths.DATA)["resources"]]
settings.register_profile("ci", max_examples=1250, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("dev", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def names():
    return party_names(pd.read_csv(paths.DATA / "parties.csv", dtype=str, keep_default_na=False))


@pytest.mark.parametrize("typed,expected", [
    ("2022-09-15", ("2022-09-15", "day")), ("15 September 2022", ("2022-09-15", "day")),
    ("September 15, 2022", ("2022-09-15", "day")), ("Sept 2022", ("2022-09", "month")),
    ("2022/9/1", ("2022-09-01", "day")), ("2022年9月15日", ("2022-09-15", "day")),
    ("2022年9月", ("2022-09", "month")), (" 2022 ", ("2022", "year")),
])
def test_clean_date_reads_what_people_type(typed, expected):
    assert clean_date(typed) == expected


@pytest.mark.parametrize("typed", ["09/10/2022", "2022-13-01", "0025-03-01", "2022-02-30", "Smarch 2022", "soon"])
def test_clean_date_rejects_what_it_would_have_to_guess(typed):
    with pytest.raises(Reject):
        clean_date(typed)


@pytest.mark.parametrize("typed,code", [
    ("KAZ", "KAZ"), ("kaz", "KAZ"), ("Kazakhstan", "KAZ"), ("the Kazakh side", "KAZ"), ("哈萨克斯坦", "KAZ"),
    ("哈方", "KAZ"), ("Shanghai Cooperation Organisation", "SCO"), ("Republic of Uzbekistan", "UZB"),
])
def test_party_names_to_codes(names, typed, code):
    assert to_party_code(typed, names) == code


def test_unknown_party_is_rejected_with_advice(names):
    with pytest.raises(Reject, match="not a party"):
        to_party_code("Narnia", names)


def test_clean_text_keeps_excerpts_verbatim():
    excerpt = '“We support it,” he said.\n\nChina  agreed.'
    assert clean_text(f"  {excerpt}\u200b ") == excerpt
    assert clean_text(' "KAZ" ', free_text=False) == "KAZ"


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def test_clean_file_logs_every_correction_and_quarantines_rejects(tmp_path, tiny):
    """A contributor appends rows to statements.csv, cleans it in place, fixes the rejects."""
    pkg = shutil.copytree(tiny[0], tmp_path / "pkg")
    table = pkg / "statements.csv"
    with open(table, encoding="utf-8") as f:
        n0 = len(list(csv.reader(f))) - 1  # rows already there
    ev = "ev-2022-09-14-kaz-state-visit"
    text = "China and Kazakhstan are willing to actively cooperate"
    new = [
        ["", ev, "src-001", "Kazakhstan", "Global Civilization Initiative", f" {text} ", "EN", "Joint", "stated",
         "4.0", "", ""],
        ["", ev, "src-001", "Narnia", "GSI", text, "en", "joint", "stated", "7", "", ""],  # two mistakes
        ["", ev, "src-001", "KAZ", "GCI", text, "en", "joint", "stated", "3", "", ""],
        ["", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    with open(table, "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(new)
    result = clean_file(table, data=pkg)
    assert result.counts == {"input": n0 + 4, "kept": n0, "corrected": 1, "rejected": 3}
    assert result.table.iloc[-1][["statement_id", "party", "initiative", "excerpt", "language", "attribution",
                                  "level"]].tolist() == ["src-001/KAZ/GCI", "KAZ", "GCI", text, "en", "joint", "4"]
    first = n0 + 2  # the spreadsheet line of the first appended row
    fixed = set(result.log.loc[result.log["line"] == first, "field"])
    assert {"party", "initiative", "excerpt", "language", "attribution", "level", "statement_id"} <= fixed
    reasons = dict(zip(result.rejected["line"], result.rejected["reason"]))
    assert "Narnia" in reasons[first + 1] and "outside -1..4" in reasons[first + 1]
    assert f"already used on line {first}" in reasons[first + 2]
    assert reasons[first + 3] == "empty row"
    written = result.write(table, pkg / "quarantine")
    xp.load(pkg)  # the cleaned package loads
    # a person fixes the quarantined rows and resubmits them; repeats of the package are refused
    q = pd.read_csv(written["quarantine"], dtype=str, keep_default_na=False)
    q.loc[q["line"] == str(first + 1), ["party", "level"]] = ["Uzbekistan", ""]  # level left to the coder
    q.to_csv(written["quarantine"], index=False)
    again = clean_file(written["quarantine"], "statements", data=pkg)
    assert list(again.table["statement_id"]) == ["src-001/UZB/GSI"]
    assert again.table.at[0, "level"] == "0"  # the text does not name Uzbekistan
    assert again.log["reason"].str.startswith("filled by the coder").any()
    assert again.counts["rejected"] == 2
    assert again.rejected["reason"].str.contains("is already in statements.csv").sum() == 1

def test_unknown_columns_stop_cleaning_before_anything_is_written(tmp_path):
    incoming = tmp_path / "events.csv"
    write_rows(incoming, ["event_id", "date", "colour"], [["ev-2022-01-01-x", "2022-01-01", "red"]])
    with pytest.raises(xp.DataError) as err:
        clean_file(incoming)
    assert [(p.file, p.row, p.field) for p in err.value.problems] == [("events.csv", 1, "colour")]


@pytest.mark.parametrize("table", TABLES)
def test_curated_tables_are_a_fixed_point(tmp_path, table):
    """The curated data needs no cleaning, and writing it back reproduces it byte for byte."""
    result = clean_file(paths.DATA / f"{table}.csv")
    assert result.counts["corrected"] == result.counts["rejected"] == 0
    out = result.write(tmp_path / f"{table}.csv", tmp_path / "q")["table"]
    assert out.read_bytes() == (paths.DATA / f"{table}.csv").read_bytes()


# ---------------------------------------------------------------- property-based

@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A valid data package of a few real rows per table, all keys resolving."""
    root = tmp_path_factory.mktemp("tiny")
    shutil.copy(paths.DATA / "datapackage.json", root)

    def read(name):
        return pd.read_csv(paths.DATA / f"{name}.csv", dtype=str, keep_default_na=False)

    st_ = read("statements").query("source_id == 'src-001'")
    cnt, mem = read("counts").head(2), read("memberships").head(2)
    src = read("sources")
    src = src[src["source_id"].isin(set(st_["source_id"]) | set(cnt["source_id"]) | set(mem["source_id"]))]
    ev = read("events")
    ev = ev[ev["event_id"].isin(src["event_id"])]
    imp = read("implementation").query("event_id == '' and source_id == '' and parties != ''").head(2)
    need = set(st_["party"]) | set(mem["party"]) | {p for ps in [*ev["parties"], *imp["parties"]]
                                                      for p in ps.split(";") if p}
    pt = read("parties")
    pt = pt[pt["party"].isin(need)]
    gold = read("gold_codes")
    gold = gold[gold["statement_id"].isin(st_["statement_id"])]
    tables = {"statements": st_, "sources": src, "events": ev, "parties": pt, "memberships": mem,
              "counts": cnt, "gold_codes": gold, "implementation": imp}
    assert set(tables) == set(TABLES)
    for name, frame in tables.items():
        frame.to_csv(root / f"{name}.csv", index=False, lineterminator="\n")
    xp.load(root)  # the fixture itself must be valid
    return root, {name: (root / f"{name}.csv").read_bytes() for name in tables}


BAD_VALUES = ["", " ", "2022-13-01", "0025-03-01", "2022-02-30", "14/09/2022", "5", "-2", "3.5", "x",
              "javascript:alert(1)", "ftp://example.org", "XXX", "Narnia", "GXI", "weekly", "day", "month",
              "year", '"', '""', "<script>alert(1)</script>", "\u200b", "NaN", "None", "1e309", "KAZ;XXX", "99999999999999999999", "4.0"]


@st.composite
def malformed_table(draw, original: bytes):
    """A table with one to four mistakes a spreadsheet or a hurried contributor makes."""
    rows = list(csv.reader(io.StringIO(original.decode("utf-8"))))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "cell", "text", "drop_col", "add_col", "rename", "dup_row",
                                     "del_row", "blank_rows", "short_row", "long_row"]))
        width = max(len(rows[0]), 1)
        r = draw(st.integers(1, max(len(rows) - 1, 1)))
        c = draw(st.integers(0, width - 1))
        if kind in ("cell", "text") and r < len(rows) and c < len(rows[r]):
            rows[r][c] = draw(st.sampled_from(BAD_VALUES) if kind == "cell" else st.text(max_size=20))
        elif kind == "drop_col":
            rows = [row[:c] + row[c + 1:] for row in rows]
        elif kind == "add_col":
            rows = [row + (["extra"] if i == 0 else [draw(st.sampled_from(BAD_VALUES))]) for i, row in enumerate(rows)]
        elif kind == "rename" and c < len(rows[0]):
            rows[0][c] = draw(st.sampled_from(["", "Party ", "LEVEL", "id", rows[0][c].upper()]))
        elif kind == "dup_row" and r < len(rows):
            rows.append(list(rows[r]))
        elif kind == "del_row" and len(rows) > 1:
            del rows[r if r < len(rows) else -1]
        elif kind == "blank_rows":
            rows.extend([[""] * width] * draw(st.integers(1, 3)))
        elif kind == "short_row" and r < len(rows) and rows[r]:
            rows[r] = rows[r][:-1]
        elif kind == "long_row" and r < len(rows):
            rows[r] = rows[r] + ["surplus"]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    raw = buf.getvalue().encode("utf-8")
    for kind in draw(st.lists(st.sampled_from(["bom", "crlf", "quote", "bytes", "latin1"]), max_size=2)):
        at = draw(st.integers(0, len(raw)))
        if kind == "bom":
            raw = b"\xef\xbb\xbf" + raw
        elif kind == "crlf":
            raw = raw.replace(b"\n", b"\r\n")
        elif kind == "quote":
            raw = raw[:at] + b'"' + raw[at:]
        elif kind == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
        else:
            raw = raw[:at] + "é".encode("latin-1") + raw[at:]
    return raw


@pytest.mark.parametrize("table", TABLES)
def test_malformed_tables_raise_only_data_error_and_lose_no_row(tiny, table):
    root, originals = tiny
    path = root / f"{table}.csv"

    @given(raw=malformed_table(originals[table]))
    def check(raw):
        path.write_bytes(raw)
        try:
            ds = xp.load(root)
        except xp.DataError as err:
            assert err.problems and all(p.message for p in err.problems)
            assert {p.file for p in err.problems} <= {f"{t}.csv" for t in TABLES}
        else:  # accepted: then every record was read and none was dropped
            assert len(getattr(ds, table)) == len(record_lines(raw))
        try:
            result = clean_file(path, data=root)
        except xp.DataError as err:  # only when the header itself is unusable
            assert all(p.row in (None, 1) for p in err.problems)
            return
        n = result.counts
        assert n["kept"] + n["corrected"] + n["rejected"] == n["input"]
        assert sorted(result.lines + [int(x) for x in result.rejected["line"]]) == record_lines(raw)
        assert result.rejected["reason"].str.len().gt(0).all()
        if len(result.table):  # what clean accepts, load accepts
            result.table.to_csv(path, index=False, lineterminator="\n")
            try:
                xp.load(root)
            except xp.DataError as err:
                own = [p for p in err.problems if p.file == f"{table}.csv"]
                assert not own, own
    try:
        check()
    finally:
        path.write_bytes(originals[table])
