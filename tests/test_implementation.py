"""The implementation track: its table, its filter, and the words-and-deeds computations."""

import pandas as pd
import pytest
from conftest import record_lines, set_cell

import xiplomacy as xp
from xiplomacy import studies
from xiplomacy.filter import ParameterError, filter_implementation
from xiplomacy.vocab import IMPLEMENTATION_KINDS


def test_every_implementation_row_is_traceable(ds):
    imp = ds.implementation
    assert len(imp) >= 100 and set(imp["kind"]) == set(IMPLEMENTATION_KINDS)
    assert imp["url"].str.match(r"^https?://").all() and imp["excerpt"].str.len().gt(0).all()
    # a row that shares its page with a statements source shares that source's event
    linked = imp.dropna(subset=["source_id"])
    event_of = ds.sources.set_index("source_id")["event_id"]
    assert len(linked) and (linked["event_id"] == linked["source_id"].map(event_of)).all()
    # an unknown date stays empty, and then so does its precision
    assert (imp["date"].isna() == imp["date_precision"].isna()).all()


def test_implementation_rows_are_validated_like_the_rest(data_copy):
    path = data_copy / "implementation.csv"
    set_cell(path, 0, "kind", "spying")
    set_cell(path, 1, "parties", "KAZ;XXX")
    set_cell(path, 2, "date_precision", "")  # a date without its precision
    set_cell(path, 3, "event_id", "ev-2099-01-01-nowhere")
    with pytest.raises(xp.DataError) as err:
        xp.load(data_copy)
    found = {(p.file, p.row, p.field) for p in err.value.problems}
    line = record_lines(path.read_bytes())
    assert {("implementation.csv", line[0], "kind"), ("implementation.csv", line[1], "parties"),
            ("implementation.csv", line[2], "date_precision"), ("implementation.csv", line[3], "event_id")} <= found


def test_filter_implementation_shares_party_and_date_rules(ds):
    pacific = filter_implementation(ds, groups=["Pacific Islands"], kinds=["forum"], start="2023")
    assert len(pacific) and set(pacific["kind"]) == {"forum"}
    assert set(pacific["region"]) == {"Oceania"} and (pacific["date_start"] >= pd.Timestamp("2023-01-01")).all()
    assert filter_implementation(ds, countries=["SLB"], statuses=["delivered"])["party"].eq("SLB").all()
    with pytest.raises(ParameterError, match="unknown kind"):
        filter_implementation(ds, kinds=["spying"])


def test_explorer_shows_the_implementation_layer(ds):
    from xiplomacy.explore import selection_views

    both = selection_views(ds, ds.statement_view(), countries=["SLB"])
    words_only = selection_views(ds, ds.statement_view(), countries=["SLB"], implementation=False)
    assert "implementation rows" in both["summary"] and "impl_map" in both and "impl_map" not in words_only
    panels = both["timeline"].to_dict()["vconcat"]
    assert [p["title"] for p in panels] == ["Statements (stance)", "Implementation (what is done)"]
    training = selection_views(ds, ds.statement_view(), countries=["SLB"], kinds=["training"])
    assert 0 < training["impl_rows"]["impl_id"].nunique() < both["impl_rows"]["impl_id"].nunique()


def test_words_and_deeds_keeps_absent_stances_empty(ds):
    table = studies.words_and_deeds(ds, "GSI")
    assert table["party"].is_unique
    slb = table.set_index("party").loc["SLB"]
    assert slb["implementation"] == slb["announced"] + slb["agreed"] + slb["delivered"]
    no_words = table[table["level"].isna()]
    # parties with deeds but no coded stance (some only before the launch)
    assert len(no_words) and (no_words["implementation"] + no_words["before_launch"] > 0).all()
    by_level = studies.deeds_by_level(table)
    assert by_level["parties"].sum() == len(table)
    assert (by_level["with_delivered"] <= by_level["with_implementation"]).all()


def test_samarkand_offers_found_and_delivery_not_shown(ds):
    offers = studies.samarkand_offers(ds)
    assert set(offers["offers"]["kind"]) == {"training", "training_base"}
    assert offers["offers"]["excerpt"].str.contains("2,000|2000").any()
    # no text in the data shows the base or the SCO training delivered: the report must say so
    assert not offers["base_delivered"] and offers["delivered"].empty
