import pytest
from conftest import set_cell

import xiplomacy as xp
from xiplomacy.load import parse_date


def test_load_returns_validated_tables(ds):
    assert set(ds.statements.columns) >= {"statement_id", "event_id", "source_id", "party", "initiative", "excerpt",
                                          "language", "attribution", "level", "level_manual", "note"}
    assert str(ds.statements["excerpt"].dtype).startswith("string")
    assert ds.statements["statement_id"].is_unique
    assert len(ds.sources) > 0 and len(ds.events) > 0


@pytest.mark.parametrize("text,expected", [("2022-09-14", "day"), ("2022-09", "month"), ("2022", "year")])
def test_parse_date_precision(text, expected):
    assert parse_date(text)[1] == expected


@pytest.mark.parametrize("bad", ["2022-13-01", "0025-03-01", "2022-02-30", "14/09/2022", ""])
def test_parse_date_rejects_impossible_dates(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


def test_every_problem_is_reported_with_file_row_and_field(data_copy):
    set_cell(data_copy / "events.csv", 0, "date", "2022-13-01")
    set_cell(data_copy / "events.csv", 1, "date_precision", "year")  # contradicts a dated event
    set_cell(data_copy / "statements.csv", 0, "level_manual", "5")
    set_cell(data_copy / "statements.csv", 1, "party", "XXX")
    set_cell(data_copy / "statements.csv", 2, "excerpt", "")
    set_cell(data_copy / "sources.csv", 0, "url", "javascript:alert(1)")
    with pytest.raises(xp.DataError) as err:
        xp.load(data_copy)
    found = {(p.file, p.row, p.field) for p in err.value.problems}
    assert ("events.csv", 2, "date") in found
    assert ("events.csv", 3, "date_precision") in found
    assert ("statements.csv", 2, "level_manual") in found
    assert ("statements.csv", 3, "party") in found
    assert ("statements.csv", 4, "excerpt") in found
    assert ("sources.csv", 2, "url") in found
    assert len(err.value.problems) >= 6


def test_bytes_and_layout_problems(data_copy):
    parties = data_copy / "parties.csv"
    raw = parties.read_bytes()
    parties.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n") + b",,,,,,,,,,\r\n")
    counts = data_copy / "counts.csv"
    counts.write_bytes(counts.read_bytes() + b'cnt-999,GSI,2023,year,supporters,5,exactly,x,src-030,"broken\n')
    memberships = data_copy / "memberships.csv"
    memberships.write_bytes(memberships.read_bytes().replace(b"Signatory", b"Signat\xff", 1))
    with pytest.raises(xp.DataError) as err:
        xp.load(data_copy)
    messages = [(p.file, p.message) for p in err.value.problems]
    assert any(f == "parties.csv" and "byte-order mark" in m for f, m in messages)
    assert any(f == "parties.csv" and "CRLF" in m for f, m in messages)
    assert any(f == "parties.csv" and "empty row" in m for f, m in messages)
    assert any(f == "counts.csv" and ("quote" in m or "cells" in m) for f, m in messages)
    assert any(f == "memberships.csv" and "UTF-8" in m for f, m in messages)


def test_columns_missing_and_extra(data_copy):
    ev = data_copy / "events.csv"
    text = ev.read_text(encoding="utf-8")
    ev.write_text(text.replace("outcome,note", "result,note", 1), encoding="utf-8")
    with pytest.raises(xp.DataError) as err:
        xp.load(data_copy)
    found = {(p.file, p.field, p.message) for p in err.value.problems}
    assert ("events.csv", "outcome", "required column is missing") in found
    assert any(f == "events.csv" and fld == "result" and "unknown column" in m for f, fld, m in found)


def test_duplicates_and_dangling_keys(data_copy):
    st = data_copy / "statements.csv"
    lines = st.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # duplicate id
    st.write_text("\n".join(lines) + "\n", encoding="utf-8")
    set_cell(data_copy / "sources.csv", 0, "event_id", "ev-2099-01-01-nowhere")
    with pytest.raises(xp.DataError) as err:
        xp.load(data_copy)
    msgs = [str(p) for p in err.value.problems]
    assert any("duplicate" in m and "statements.csv" in m for m in msgs)
    assert any("ev-2099-01-01-nowhere" in m and "sources.csv" in m for m in msgs)
