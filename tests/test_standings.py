import pandas as pd

from xiplomacy.standings import standings


def frame(rows):
    cols = ["statement_id", "party", "initiative", "level", "level_manual", "attribution", "date", "finding", "excerpt"]
    f = pd.DataFrame(rows, columns=cols)
    f["level_manual"] = f["level_manual"].astype("Int64")
    return f


def test_highest_level_up_to_date_and_manual_wins():
    st = frame([
        ("a/KAZ/GSI", "KAZ", "GSI", 2, None, "joint", "2022-06-08", "stated", "x"),
        ("b/KAZ/GSI", "KAZ", "GSI", 4, 1, "joint", "2022-09-14", "stated", "y"),
        ("c/KAZ/GSI", "KAZ", "GSI", 3, None, "China's account", "2023-05", "stated", "z"),
    ])
    assert standings(st, as_of="2022-06-30").set_index("party").loc["KAZ", "level"] == 2
    # the human code (1) overrides the coder's 4 on row b
    assert standings(st, as_of="2022-12-31").set_index("party").loc["KAZ", "level"] == 2
    latest = standings(st).set_index("party").loc["KAZ"]
    assert latest["level"] == 3 and latest["statement_id"] == "c/KAZ/GSI"


def test_contested_when_own_voice_rejects_china_account():
    st = frame([
        ("a/NPL/GSI", "NPL", "GSI", 3, None, "China's account", "2025-08-30", "stated", "Nepal supports the GSI"),
        ("b/NPL/GSI", "NPL", "GSI", 0, -1, "own voice", "2025-09", "stated", "Nepal hasn't supported it"),
    ])
    row = standings(st).iloc[0]
    assert bool(row["contested"]) and row["rejected_by"] == "b/NPL/GSI" and row["level"] == 3


def test_rejection_alone_stands_as_minus_one_and_absences_are_not_levels():
    st = frame([
        ("a/ITA/BRI", "ITA", "BRI", -1, None, "own voice", "2023-12", "stated", "x"),
        ("b/ITA/BRI", "ITA", "BRI", 1, None, "own voice", "2023-01", "stated", "y"),
        ("c/IND/GSI", "IND", "GSI", 0, None, "joint", "2022-09-16", "not seen", "z"),
    ])
    out = standings(st).set_index("party")
    assert out.loc["ITA", "level"] == -1 and not out.loc["ITA", "contested"]
    assert "IND" not in out.index


def test_absence_kinds_stay_distinct(ds):
    from xiplomacy.standings import absence

    out = absence(ds, ["IND", "KAZ", "FRA"], "GSI", "2022-09-14", "2022-09-16").set_index("party")
    assert out.loc["KAZ", "status"] == "coded" and out.loc["KAZ", "level"] == 4
    assert out.loc["IND", "status"] == "not seen"  # the Samarkand Declaration, read only in part
    assert out.loc["FRA", "status"] == "no meeting"
