"""The curated dataset: coverage targets, traceability, and agreement with the coder."""

import pandas as pd

from xiplomacy import code_stances
from xiplomacy.load import period_bounds
from xiplomacy.vocab import REGIONS


def stated(ds):
    v = ds.statement_view()
    return v[v["finding"] == "stated"]


def test_coverage_targets(ds):
    s = stated(ds)
    assert len(s) >= 300
    gsi_gdi = s[s["initiative"].isin(["GSI", "GDI"])]
    assert gsi_gdi["party"].nunique() >= 80
    assert set(gsi_gdi["region"]) == set(REGIONS)
    years = set(s.loc[s["date_start"] >= pd.Timestamp("2021-09-01"), "date_start"].dt.year)
    assert {2021, 2022, 2023, 2024, 2025} <= years


def test_every_statement_is_traceable(ds):
    v = ds.statement_view()
    assert v["excerpt"].str.len().gt(0).all()
    assert v["url"].str.match(r"^https?://").all()
    assert v["attribution"].notna().all() and v["evidence"].notna().all()
    # every statement excerpt is (part of) the text read on the source page
    src = ds.sources.set_index("source_id")["excerpt"]
    for sid, source_id, excerpt in ds.statements[["statement_id", "source_id", "excerpt"]].itertuples(index=False):
        for part in excerpt.split("[...]"):
            assert part.strip() in src[source_id], sid
    # statements and their source point at the same event
    ev_of_source = ds.sources.set_index("source_id")["event_id"]
    assert (ds.statements["event_id"] == ds.statements["source_id"].map(ev_of_source)).all()


def test_absence_is_coded_distinctly(ds):
    findings = set(ds.statements["finding"])
    assert {"stated", "not mentioned", "not seen"} <= findings
    absent = ds.statements[ds.statements["finding"] != "stated"]
    assert (absent["level_manual"].fillna(absent["level"]) == 0).all()


def test_stored_levels_are_the_coders(ds):
    frame = ds.statements.rename(columns={"excerpt": "text"})[["text", "party", "initiative", "attribution"]]
    assert (code_stances(frame).to_numpy() == ds.statements["level"].to_numpy()).all()


def test_contested_nepal_kept_with_both_texts(ds):
    from xiplomacy.standings import standings

    st = standings(stated(ds)).set_index(["party", "initiative"])
    row = st.loc[("NPL", "GSI")]
    assert bool(row["contested"]) and row["rejected_by"] and row["statement_id"] != row["rejected_by"]


def test_samarkand_week_is_complete(ds):
    ev = ds.events.set_index("event_id")
    assert ev.loc["ev-2022-09-14-kaz-state-visit", "event_type"] == "state visit"
    assert ev.loc["ev-2022-09-15-uzb-state-visit", "event_type"] == "state visit"
    assert ev.loc["ev-2022-09-16-sco-samarkand-summit", "outcome"] == "declaration"
    week = ds.events[ds.events["date"].between("2022-09-14", "2022-09-16")]
    sideline = week[week["place"].fillna("").str.contains("Samarkand") & week["event_type"].eq("bilateral meeting")]
    parties = set(sideline["parties"])
    assert {"RUS", "BLR", "IRN", "PAK", "MNG", "TJK", "AZE", "TUR", "TKM", "KGZ"} <= parties
    # each of them has at least one text on the GSI or GDI, stated or recorded as absent
    texts = ds.statements[ds.statements["event_id"].isin(sideline.index if False else sideline["event_id"])]
    assert set(texts["party"]) >= {"BLR", "IRN", "PAK", "AZE", "KGZ"}


def test_official_counts_are_quoted_from_their_source(ds):
    src = ds.sources.set_index("source_id")["excerpt"]
    for c in ds.counts.itertuples(index=False):
        assert c.excerpt in src[c.source_id], c.count_id
        assert period_bounds(c.date)[0] <= pd.Timestamp("2026-12-31")
