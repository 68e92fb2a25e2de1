import pandas as pd
import pytest

from xiplomacy import code_stances, learned

PARTIES = ["Kazakhstan", "Pakistan", "Serbia", "Cambodia", "Kenya", "Brazil", "Egypt", "Laos", "Fiji", "Cuba"]
CODES = {"Kazakhstan": "KAZ", "Pakistan": "PAK", "Serbia": "SRB", "Cambodia": "KHM", "Kenya": "KEN", "Brazil": "BRA",
         "Egypt": "EGY", "Laos": "LAO", "Fiji": "FJI", "Cuba": "CUB", "Uzbekistan": "UZB"}
NAMES = {"GDI": "the Global Development Initiative", "GSI": "the Global Security Initiative"}


def frame(rows):
    return pd.DataFrame([{"text": f"{who} {verb} {NAMES[ini]}.", "party": CODES[who], "initiative": ini,
                          "attribution": "own voice"} for who, verb, ini in rows])


def test_learns_what_the_rules_misread_from_manual_codes():
    # "zorblaxes" is no cue the rules know (they read 1); the manual codes say it is a pledge (4)
    rows, levels = [], []
    for who in PARTIES:
        for ini in ("GDI", "GSI"):
            for verb, level in (("zorblaxes", 4), ("discussed", 1), ("supports", 3), ("welcomes", 2)):
                rows.append((who, verb, ini))
                levels.append(level)
    train = frame(rows)
    assert set(code_stances(train)[train["text"].str.contains("zorblax")]) == {1}
    model = learned.StanceModel().fit(train, levels)
    new = frame([("Uzbekistan", "zorblaxes", "GSI"), ("Uzbekistan", "discussed", "GSI"), ("Uzbekistan", "supports", "GDI")])
    assert model.predict(new).tolist() == [4, 1, 3]


def test_trained_on_the_dataset_is_deterministic_and_leaves_other_languages_to_the_rules(ds):
    st = ds.statements
    model = learned.train(st)
    rows = st[st["finding"] == "stated"].rename(columns={"excerpt": "text"})
    sample = pd.concat([rows[rows["language"].isin(["en", "zh"])].head(60), rows[~rows["language"].isin(["en", "zh"])].head(20)])
    first = model.predict(sample)
    assert first.between(-1, 4).all() and first.index.equals(sample.index)
    assert first.equals(learned.train(st).predict(sample))
    other = ~sample["language"].isin(["en", "zh"])
    assert first[other].equals(code_stances(sample[other]).rename("level"))


def test_rejects_frames_without_the_coder_columns():
    with pytest.raises(ValueError, match="initiative"):
        learned.StanceModel().fit(pd.DataFrame({"text": ["x"], "party": ["KAZ"]}), [1])
    with pytest.raises(ValueError, match="2 levels for 1 rows"):
        learned.StanceModel().fit(frame([("Kenya", "supports", "GDI")]), [3, 3])


def test_reliability_scores_rules_and_correction_on_the_same_held_out_rows(ds):
    from xiplomacy import reliability

    table = reliability.learned_agreement(ds.statements)
    g = reliability.gold(ds.statements)
    held = g[(g["split"] == "held out") & g["in_coder_languages"]]
    assert table["coder"].tolist() == ["rules", "rules + learned correction"]
    assert (table["n"] == len(held)).all() and table["exact"].between(0, 1).all()
