"""Stage 3: from coded statements to a party's standing toward an initiative.

The standing as of a date is the highest level among the party's coded texts up to that
date (``level_manual`` wins over the coder's ``level`` wherever a human coded the row),
shown with the text that earned it and its attribution. Where the party's own voice
rejects (-1) what China's account reports as support (3 or more), the standing is
*contested* and both texts are shown; nothing is resolved silently.

A statement whose date has month or year precision counts from the first day it may
stand for (a text of "2023-09" counts as of 2023-09-01).
"""

from __future__ import annotations

import pandas as pd

from .load import Dataset, period_bounds

STANDING_COLUMNS = [
    "party", "initiative", "level", "statement_id", "attribution", "date", "excerpt",
    "contested", "rejected_by", "n_statements",
]
ABSENCE = ("no meeting", "meeting but no document", "not seen", "not mentioned")


def final_level(statements: pd.DataFrame) -> pd.Series:
    """``level_manual`` where a human coded the row, else the coder's ``level``."""
    if "level_manual" in statements:
        return statements["level_manual"].astype("Int64").fillna(statements["level"].astype("Int64"))
    return statements["level"].astype("Int64")


def _dates(statements: pd.DataFrame) -> pd.Series:
    if "date_start" in statements:
        return statements["date_start"]
    if "date" not in statements:
        raise ValueError("standings() needs a 'date' column: pass Dataset.statement_view(), not the bare statements table")
    return statements["date"].map(lambda d: period_bounds(d)[0])


def standings(statements: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Per party and initiative: the level as of ``as_of`` (default: all dates), the text
    that earned it (statement_id, excerpt, attribution, date), a ``contested`` flag with the
    statement that rejects, and the number of texts considered."""
    frame = statements.copy()
    frame["level_final"] = final_level(frame)
    frame["date_start"] = _dates(frame)
    if as_of is not None:
        frame = frame[frame["date_start"] <= pd.Timestamp(as_of)]
    frame = frame[frame["finding"] == "stated"] if "finding" in frame else frame
    if frame.empty:
        return pd.DataFrame(columns=STANDING_COLUMNS)
    # deterministic choice among equal levels: the earliest text, then the lowest id
    keys = ["party", "initiative"]
    frame = frame.sort_values(["party", "initiative", "level_final", "date_start", "statement_id"],
                              ascending=[True, True, False, True, True])
    best = frame[frame["level_final"] >= 0].drop_duplicates(keys, keep="first")
    only_negative = frame.drop_duplicates(keys, keep="last")
    best = pd.concat([best, only_negative[~only_negative.set_index(keys).index.isin(best.set_index(keys).index)]])
    own_reject = frame[(frame["level_final"] == -1) & (frame["attribution"] == "own voice")]
    rejected_by = own_reject.groupby(keys)["statement_id"].agg(lambda ids: ";".join(sorted(ids)))
    china_support = frame[(frame["level_final"] >= 3) & frame["attribution"].isin(["China's account", "China's own words"])]
    supported = set(map(tuple, china_support[keys].drop_duplicates().to_numpy()))
    counts = frame.groupby(keys).size()
    best = best.set_index(keys)
    out = pd.DataFrame({
        "level": best["level_final"].astype(int),
        "statement_id": best["statement_id"], "attribution": best["attribution"],
        "date": best["date"] if "date" in best else best["date_start"], "excerpt": best["excerpt"],
    })
    out["rejected_by"] = rejected_by.reindex(out.index).fillna("")
    out["contested"] = [k in supported and r != "" for k, r in zip(out.index, out["rejected_by"])]
    out["n_statements"] = counts.reindex(out.index).astype(int)
    out = out.reset_index().sort_values(keys).reset_index(drop=True)[STANDING_COLUMNS]
    # a rejection in the party's own voice with no support claimed by China stands as -1
    only_reject = out["rejected_by"].ne("") & ~out["contested"] & (out["level"] < 3)
    out.loc[only_reject, "level"] = -1
    out.loc[only_reject, "statement_id"] = out.loc[only_reject, "rejected_by"].map(lambda ids: ids.split(";")[0])
    return out


def absence(ds: Dataset, parties, initiative: str, start=None, end=None) -> pd.DataFrame:
    """For each party, what the data shows about ``initiative`` between ``start`` and ``end``.

    ``status`` is the standing level where a text codes one, else the most informative of:
    'not mentioned' (a text was read and leaves it out), 'not seen' (only part of the
    document was available), 'meeting but no document', 'no meeting' (no event with the
    party in the window). These stay distinct: none of them is a 0 from a coded text.
    """
    view = ds.statement_view()
    lo = pd.Timestamp(start) if start else pd.Timestamp.min
    hi = pd.Timestamp(end) if end else pd.Timestamp.max
    view = view[(view["date_start"] >= lo) & (view["date_start"] <= hi)]
    ev = ds.events.copy()
    ev["date_start"] = ev["date"].map(lambda d: period_bounds(d)[0])
    ev = ev[(ev["date_start"] >= lo) & (ev["date_start"] <= hi)]
    rows = []
    for party in parties:
        mine = view[(view["party"] == party) & (view["initiative"] == initiative)]
        stated = mine[mine["finding"] == "stated"]
        events = ev[ev["parties"].fillna("").str.split(";").map(lambda ps, p=party: p in ps)]
        if not stated.empty:
            st = standings(stated)
            rows.append({"party": party, "status": "coded", "level": int(st["level"].iloc[0]),
                         "statement_ids": ";".join(stated["statement_id"]), "event_ids": ";".join(events["event_id"])})
            continue
        if (mine["finding"] == "not mentioned").any():
            status, ids = "not mentioned", mine[mine["finding"] == "not mentioned"]["statement_id"]
        elif (mine["finding"] == "not seen").any():
            status, ids = "not seen", mine[mine["finding"] == "not seen"]["statement_id"]
        elif not events.empty:
            documented = events["outcome"].ne("no document").any()
            status = "meeting, initiative not coded" if documented else "meeting but no document"
            ids = pd.Series([], dtype=str)
        else:
            status, ids = "no meeting", pd.Series([], dtype=str)
        rows.append({"party": party, "status": status, "level": pd.NA, "statement_ids": ";".join(ids),
                     "event_ids": ";".join(events["event_id"])})
    return pd.DataFrame(rows, columns=["party", "status", "level", "statement_ids", "event_ids"])
