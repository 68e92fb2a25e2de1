"""Computations behind the study notebooks (overview, drift, claims vs evidence, the
Samarkand replication). Notebooks call these and narrate; the logic lives and is tested here.
"""

from __future__ import annotations

import pandas as pd

from .coder import find_terms
from .load import Dataset, period_bounds
from .standings import standings
from .vocab import INITIATIVE_LAUNCH, LEVELS

SAMARKAND_START, SAMARKAND_END = "2022-09-14", "2022-09-16"


# ------------------------------------------------------------------ overview
def standing_counts(view: pd.DataFrame, initiative: str, start: str, end: str, freq: str = "QE") -> pd.DataFrame:
    """Number of parties at each standing level at the end of each period."""
    rows = []
    ends = pd.date_range(pd.Timestamp(start), pd.Timestamp(end) + pd.offsets.QuarterEnd(0), freq=freq)
    sub = view[view["initiative"] == initiative]
    for when in ends:
        st = standings(sub, as_of=when)
        for level, n in st["level"].value_counts().items():
            rows.append({"period": when.strftime("%Y-%m"), "level": int(level), "parties": int(n)})
    return pd.DataFrame(rows, columns=["period", "level", "parties"])


def by_region(view: pd.DataFrame, initiative: str, as_of=None) -> pd.DataFrame:
    st = standings(view[view["initiative"] == initiative], as_of=as_of)
    regions = view.drop_duplicates("party").set_index("party")["region"]
    st["region"] = st["party"].map(regions)
    return st.pivot_table(index="region", columns="level", values="party", aggfunc="count", fill_value=0)


# ------------------------------------------------------------------ language drift
def key_terms(ds: Dataset, voices=("China",)) -> pd.DataFrame:
    """Key terms per source text in the given voices (default: China's own words)."""
    src = ds.sources[ds.sources["voice"].isin(list(voices))].copy()
    src = src.merge(ds.events[["event_id", "event_type", "place"]], on="event_id", how="left")
    terms = src["excerpt"].map(find_terms)
    for term in ("indivisible security", "bloc politics/confrontation", "Cold War mentality"):
        src[term] = terms.map(lambda t, term=term: term in t)
    src["date_start"] = src["doc_date"].map(lambda d: period_bounds(d)[0])
    cols = ["source_id", "doc_date", "date_start", "event_id", "event_type", "doc_type", "title",
            "indivisible security", "bloc politics/confrontation", "Cold War mentality"]
    return src[cols].sort_values(["date_start", "source_id"]).reset_index(drop=True)


# ------------------------------------------------------------------ claims vs evidence
def documented_supporters(view: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """For each official count: parties the data documents at welcome+ and support+ by then."""
    rows = []
    for c in counts.itertuples(index=False):
        as_of = period_bounds(c.date)[1]
        st = standings(view[view["initiative"] == c.initiative], as_of=as_of)
        rows.append({
            "count_id": c.count_id, "initiative": c.initiative, "date": c.date, "measure": c.measure,
            "claimed": f"{c.qualifier} {c.count}" if c.qualifier != "exactly" else str(c.count),
            "claimed_n": c.count, "documented_welcome_plus": int((st["level"] >= 2).sum()),
            "documented_support_plus": int((st["level"] >= 3).sum()),
            "documented_own_voice_support_plus": int(((st["level"] >= 3) & (st["attribution"] == "own voice")).sum()),
            "source_id": c.source_id,
        })
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ Samarkand replication
def samarkand_events(ds: Dataset) -> pd.DataFrame:
    ev = ds.events
    in_week = ev["date"].between(SAMARKAND_START, SAMARKAND_END)
    return ev[in_week].sort_values(["date", "event_id"]).reset_index(drop=True)


def sideline_bilaterals(ds: Dataset) -> pd.DataFrame:
    """Xi's one-to-one meetings in Samarkand on 15-16 Sept 2022 (the Nur-Sultan visit is not on the sidelines)."""
    ev = samarkand_events(ds)
    one_party = ev["parties"].fillna("").str.count(";") == 0
    in_samarkand = ev["place"].fillna("").str.contains("Samarkand")
    kinds = ev["event_type"].isin(["bilateral meeting", "state visit"])
    return ev[one_party & in_samarkand & kinds].reset_index(drop=True)


def event_texts(view: pd.DataFrame, event_ids, initiative: str) -> pd.DataFrame:
    return view[view["event_id"].isin(list(event_ids)) & (view["initiative"] == initiative)]


def verdict(article, data) -> str:
    if data is None:
        return "not enough data"
    return "reproduced" if article == data else "differs"


def replicate_seed(ds: Dataset) -> list[dict]:
    """Each quantitative claim of the seed article against the data: value, rows, verdict."""
    out = []
    v = ds.statement_view()
    week_events = samarkand_events(ds)["event_id"]
    bil = sideline_bilaterals(ds)
    out.append({"claim": "Xi held 11 face-to-face bilaterals on the sidelines of the Samarkand SCO summit",
                "article_value": 11, "data_value": len(bil), "verdict": verdict(11, len(bil)),
                "evidence_ids": list(bil["event_id"]),
                "detail": "parties: " + ", ".join(bil["parties"])})

    gsi = event_texts(v, bil["event_id"], "GSI")
    joint = gsi[(gsi["attribution"] == "joint") & (gsi["finding"] == "stated") & (gsi["level_final"] >= 1)]
    any_text = gsi[(gsi["finding"] == "stated") & (gsi["level_final"] >= 1)]
    n_joint = joint["event_id"].nunique()
    out.append({"claim": "9 of these meetings produced joint statements that mentioned working with China on the GSI",
                "article_value": 9, "data_value": n_joint, "verdict": verdict(9, n_joint),
                "evidence_ids": sorted(set(joint["statement_id"])),
                "detail": f"meetings with any text (joint, readout or own voice) naming the GSI: "
                          f"{any_text['event_id'].nunique()} ({', '.join(sorted(set(any_text['party'])))})"})

    week = event_texts(v, week_events, "GSI")
    week = week[week["finding"] == "stated"]
    st = standings(week)
    committed = set(st.loc[st["level"] >= 4, "party"]) - {"SCO", "C+C5"}
    article6 = {"AZE", "BLR", "IRN", "KAZ", "KGZ", "UZB"}
    rows6 = st[st["party"].isin(committed | article6)]
    out.append({"claim": "Six countries (Azerbaijan, Belarus, Iran, Kazakhstan, Kyrgyzstan, Uzbekistan) used particularly "
                         "supportive language, signalling readiness to work with China to implement the GSI",
                "article_value": sorted(article6), "data_value": sorted(committed),
                "verdict": "reproduced" if committed == article6 else "differs",
                "evidence_ids": list(rows6["statement_id"]),
                "detail": f"commit-level (4) GSI standing in Samarkand-week texts; only in the article: "
                          f"{sorted(article6 - committed)}; only in the data: {sorted(committed - article6)}; "
                          f"levels in the data: {dict(zip(rows6['party'], rows6['level']))}"})

    rus = v[(v["party"] == "RUS") & (v["initiative"] == "GSI") & (v["finding"] == "stated")]
    before = rus[rus["date_start"] < pd.Timestamp(SAMARKAND_START)]
    best_before = int(before["level_final"].max()) if not before.empty else None
    after = rus[(rus["date_start"] >= pd.Timestamp(SAMARKAND_START)) & (rus["level_final"] >= 3)]
    out.append({"claim": "Russia had endorsed the GSI before the summit, top officials calling it 'very important'",
                "article_value": "endorsed (level >= 3) before 14 Sept 2022",
                "data_value": best_before, "verdict": "reproduced" if (best_before or 0) >= 3 else "not enough data",
                "evidence_ids": list(before["statement_id"]) + list(after["statement_id"]),
                "detail": "no Russian GSI text dated before the summit in the data; after it: "
                          + ", ".join(f"{r.statement_id} ({r.date}, level {r.level_final})" for r in after.itertuples())})

    members = ds.memberships[(ds.memberships["group"] == "SCO") & (ds.memberships["role"] == "member")]
    members = members[members["as_of"] <= SAMARKAND_END]["party"]
    st_gsi = standings(v[(v["initiative"] == "GSI")], as_of=SAMARKAND_END)
    endorsing = set(st_gsi.loc[st_gsi["level"] >= 2, "party"])
    not_endorsing = sorted(set(members) - endorsing)
    out.append({"claim": "Among SCO members only India and Tajikistan did not endorse the GSI in some way",
                "article_value": ["IND", "TJK"], "data_value": not_endorsing,
                "verdict": "reproduced" if not_endorsing == ["IND", "TJK"] else "differs",
                "evidence_ids": list(st_gsi.loc[st_gsi["party"].isin(members), "statement_id"]),
                "detail": "endorse = GSI standing welcome (2) or higher in any text up to 16 Sept 2022; "
                          "SCO members from data/memberships.csv"})

    terms = key_terms(ds)
    launch = terms[terms["event_id"] == "ev-2022-04-21-boao-gsi-launch"]
    china_week = terms[terms["event_id"].isin(week_events)]
    letter = terms[terms["event_id"] == "ev-2022-09-21-peace-day-letter"]
    at_launch = bool(launch["indivisible security"].any()) if not launch.empty else None
    in_week = bool(china_week["indivisible security"].any()) if not china_week.empty else None
    in_letter = bool(letter["indivisible security"].any()) if not letter.empty else None
    out.append({"claim": "'Indivisible security' was used at the April 2022 launch",
                "article_value": True, "data_value": at_launch, "verdict": verdict(True, at_launch),
                "evidence_ids": list(launch["source_id"]), "detail": "China's own texts at the Boao launch"})
    out.append({"claim": "'Indivisible security' is absent from China's readouts of the Samarkand meetings",
                "article_value": False, "data_value": in_week, "verdict": verdict(False, in_week),
                "evidence_ids": list(china_week["source_id"]),
                "detail": f"{len(china_week)} China-voice texts of the Samarkand week searched (excerpts only)"})
    out.append({"claim": "'Indivisible security' is absent from Xi's International Day of Peace letter",
                "article_value": False, "data_value": in_letter, "verdict": verdict(False, in_letter),
                "evidence_ids": list(letter["source_id"]), "detail": "China-voice texts of the letter event (excerpts only)"})

    offers = samarkand_offers(ds)
    kinds_offered = set(offers["offers"]["kind"])
    out.append({"claim": "At Samarkand Xi offered a China-SCO base for training counterterrorism personnel and "
                         "law-enforcement training for SCO member states",
                "article_value": ["training", "training_base"], "data_value": sorted(kinds_offered),
                "verdict": "reproduced" if kinds_offered == {"training", "training_base"} else
                           "not enough data" if not kinds_offered else "differs",
                "evidence_ids": list(offers["offers"]["impl_id"]),
                "detail": "implementation rows of the summit event; delivered since, in texts naming the SCO: "
                          f"base {'yes' if offers['base_delivered'] else 'no'}, "
                          f"training {'yes' if offers['training_delivered'] else 'no'}"})

    gof = v[(v["initiative"] == "GDI") & v["event_id"].str.startswith("ev-2022-01")]
    gof_events = ds.events[ds.events["date"].str.startswith("2022-01") & ds.events["parties"].fillna("").str.contains("UN")]
    out.append({"claim": "The Group of Friends of the GDI was formed in January 2022 under UN auspices",
                "article_value": "2022-01", "data_value": gof_events["date"].min() if not gof_events.empty else None,
                "verdict": "reproduced" if not gof_events.empty else "not enough data",
                "evidence_ids": list(gof_events["event_id"]) + list(gof["statement_id"]), "detail": ""})
    return out


# ------------------------------------------------------------------ words and deeds
SAMARKAND_SUMMIT = "ev-2022-09-16-sco-samarkand-summit"
SCO_TERMS = r"SCO|Shanghai Cooperation|上合|上海合作|شنغهاي"


def words_and_deeds(ds: Dataset, initiative: str = "GSI", as_of=None) -> pd.DataFrame:
    """Per party: its highest stance on ``initiative`` (the rhetoric) against the implementation
    rows that name it (the deeds), by status and kind.

    ``level`` is empty (not 0) for a party with implementation rows but no coded statement,
    and the implementation counts are 0 for a party with statements only.
    """
    v = ds.statement_view()
    v = v[(v["initiative"] == initiative) & (v["finding"] == "stated")]
    st = standings(v, as_of=as_of)[["party", "level", "statement_id", "attribution"]]
    imp = ds.implementation_view()
    imp = imp[imp["party"].notna()]
    if as_of is not None:
        imp = imp[(imp["date_start"] <= pd.Timestamp(as_of)).fillna(False)]
    launch = pd.Timestamp(INITIATIVE_LAUNCH[initiative])
    early = imp[(imp["date_start"] < launch).fillna(False)]
    before = early.groupby("party", observed=True)["impl_id"].nunique()
    imp = imp[~imp.index.isin(early.index)]  # counted below: rows from the launch on, or undated
    grouped = imp.groupby("party", observed=True)
    delivered = imp[imp["status"] == "delivered"].assign(when=lambda d: d["date"].fillna(d["doc_date"]))
    deeds = pd.DataFrame({
        "implementation": grouped["impl_id"].nunique(),
        "gsi_explicit": imp[imp["gsi_tie"] == "explicit"].groupby("party", observed=True)["impl_id"].nunique(),
        **{status: imp[imp["status"] == status].groupby("party", observed=True)["impl_id"].nunique()
           for status in ("announced", "agreed", "delivered")},
        "kinds": grouped["kind"].agg(lambda k: ", ".join(sorted(set(k)))),
        "first_delivered": delivered.sort_values("date_start").groupby("party", observed=True)["when"].first(),
        "before_launch": before,
    }).rename_axis("party").reset_index()
    out = st.merge(deeds, on="party", how="outer")
    counts = ["implementation", "gsi_explicit", "announced", "agreed", "delivered", "before_launch"]
    out[counts] = out[counts].fillna(0).astype(int)
    out["level"] = out["level"].astype("Int64")
    out = out.merge(ds.parties[["party", "name", "region"]], on="party", how="left")
    cols = ["party", "name", "region", "level", "statement_id", "attribution", *counts, "kinds", "first_delivered"]
    return out[cols].sort_values(["implementation", "level"], ascending=False, na_position="last").reset_index(drop=True)


def deeds_by_level(table: pd.DataFrame) -> pd.DataFrame:
    """How many parties at each stance level have implementation rows, and delivered ones."""
    level = table["level"].map(lambda x: "no coded statement" if pd.isna(x) else f"{int(x)} {LEVELS[int(x)]}")
    return pd.DataFrame({
        "parties": level.value_counts(),
        "with_implementation": level[table["implementation"] > 0].value_counts(),
        "with_delivered": level[table["delivered"] > 0].value_counts(),
    }).fillna(0).astype(int).rename_axis("level")


def samarkand_offers(ds: Dataset) -> dict:
    """The training offers Xi made at the Samarkand summit, and what the data shows of them since.

    ``offers``: implementation rows of the summit event (training, training base).
    ``delivered``: later rows of the same kinds with status delivered whose text names the SCO
    (the only texts that could show the offers delivered). ``related``: later training rows
    naming an SCO member state, which the text does not tie to the offer.
    """
    imp = ds.implementation_view().drop_duplicates("impl_id")[[*ds.implementation.columns, "date_start"]]
    kinds = ["training", "training_base"]
    offers = imp[(imp["event_id"] == SAMARKAND_SUMMIT) & imp["kind"].isin(kinds)]
    later = imp[imp["kind"].isin(kinds) & (imp["date_start"] > pd.Timestamp(SAMARKAND_END)).fillna(False)]
    names_sco = later["excerpt"].str.contains(SCO_TERMS, regex=True) | later["parties"].fillna("").str.contains("SCO")
    delivered = later[names_sco & (later["status"] == "delivered")]
    members = set(ds.memberships.loc[(ds.memberships["group"] == "SCO") & (ds.memberships["role"] == "member"), "party"])
    in_members = later["parties"].fillna("").map(lambda p: bool(set(p.split(";")) & members))
    related = later[in_members & ~later["impl_id"].isin(delivered["impl_id"])]
    return {"offers": offers.reset_index(drop=True), "delivered": delivered.reset_index(drop=True),
            "related": related.reset_index(drop=True),
            "base_delivered": bool((delivered["kind"] == "training_base").any()),
            "training_delivered": bool((delivered["kind"] == "training").any())}
