"""How far the coder agrees with human codes (the reliability report's computations).

Statistics come from well-kept libraries: quadratic-weighted Cohen's kappa from
scikit-learn and ordinal Krippendorff's alpha from ``krippendorff``.
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from .coder import CODER_LANGUAGES

LEVEL_VALUES = [-1, 0, 1, 2, 3, 4]
# Which texts the coder's rules were developed on, in thirteen rounds: the project's first
# source collection (src-NNN); the Africa/Middle East and Asia-Pacific collections (afme-,
# asia-); the Europe/Americas and Samarkand collections (euam-, sam-); in dataset 0.2.0,
# round 4 on the texts held out in 0.1.0 (newa-, newb-) and round 5 on the first 0.2.0 test
# collection (newc-, newd-); in 0.3.0, rounds 6 to 10 each on the previous round's held-out
# set (newe- to newn-); in 0.4.0, rounds 11 to 13 likewise (newo- to newt-). Each collection
# joined the rules' material only after its held-out figure was recorded (see the README).
# The last two collections (newu-, newv-; neww-, newx-) were coded after round 13 was frozen
# and never read while writing the rules: they are the held-out set.
TUNING_PREFIXES = ("src-", "afme-", "asia-", "euam-", "sam-", "newa-", "newb-", "newc-", "newd-", "newe-", "newf-",
                   "newg-", "newh-", "newi-", "newj-", "newk-", "newl-", "newm-", "newn-", "newo-", "newp-", "newq-",
                   "newr-", "news-", "newt-")


def agreement(a, b) -> dict:
    """Exact agreement, quadratic-weighted kappa and ordinal alpha between two codings."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep].astype(int), b[keep].astype(int)
    if len(a) == 0:
        return {"n": 0, "exact": np.nan, "kappa_quadratic": np.nan, "alpha_ordinal": np.nan}
    kappa = cohen_kappa_score(a, b, labels=LEVEL_VALUES, weights="quadratic")
    alpha = krippendorff.alpha(reliability_data=np.vstack([a, b]), level_of_measurement="ordinal",
                               value_domain=LEVEL_VALUES) if len(set(a) | set(b)) > 1 else np.nan
    return {"n": int(len(a)), "exact": float((a == b).mean()), "kappa_quadratic": float(kappa),
            "alpha_ordinal": float(alpha)}


def confusion(coder, human) -> pd.DataFrame:
    """Rows: human code; columns: coder's code."""
    frame = pd.DataFrame({"human": pd.Series(human, dtype="Int64"), "coder": pd.Series(coder, dtype="Int64")}).dropna()
    table = pd.crosstab(frame["human"], frame["coder"])
    return table.reindex(index=LEVEL_VALUES, columns=LEVEL_VALUES, fill_value=0)


def gold(statements: pd.DataFrame) -> pd.DataFrame:
    """Stated rows with a human code, marked 'tuning' or 'held out'."""
    g = statements[statements["level_manual"].notna() & (statements["finding"] == "stated")].copy()
    g["split"] = np.where(g["source_id"].str.startswith(TUNING_PREFIXES), "tuning", "held out")
    g["in_coder_languages"] = g["language"].isin(CODER_LANGUAGES)
    return g


def report(statements: pd.DataFrame) -> pd.DataFrame:
    """Agreement of coder with human codes on every stated row, by split, and restricted to
    the languages the coder reads (English, Chinese); other languages code as if unnamed."""
    g = gold(statements)
    rows = []
    for lang_name, part_l in (("all languages", g), ("English and Chinese", g[g["in_coder_languages"]])):
        for split_name, part in (("all", part_l), ("tuning", part_l[part_l["split"] == "tuning"]),
                                 ("held out", part_l[part_l["split"] == "held out"])):
            rows.append({"languages": lang_name, "split": split_name, **agreement(part["level"], part["level_manual"])})
    return pd.DataFrame(rows)


def human_agreement(ds) -> pd.DataFrame:
    """Agreement between the two annotators (A, B) on stated rows, before adjudication."""
    g = ds.gold_codes.pivot(index="statement_id", columns="coder", values="level")
    stated = set(ds.statements.loc[ds.statements["finding"] == "stated", "statement_id"])
    g = g[g.index.isin(stated)]
    if not {"A", "B"} <= set(g.columns):
        return pd.DataFrame([{"pair": "A vs B", "n": 0}])
    return pd.DataFrame([{"pair": "A vs B", **agreement(g["A"], g["B"])}])


def learned_agreement(statements: pd.DataFrame) -> pd.DataFrame:
    """The rules alone and the rules with the learned correction (:mod:`xiplomacy.learned`) on
    the held-out English and Chinese rows, the correction fitted on the tuning rows only, so
    that neither has seen the texts it is scored on."""
    from .learned import train

    g = gold(statements)
    g = g[g["in_coder_languages"]]
    tuning, held = g[g["split"] == "tuning"], g[g["split"] == "held out"]
    if tuning.empty or held.empty:
        return pd.DataFrame(columns=["coder", "n", "exact", "kappa_quadratic", "alpha_ordinal"])
    learned = train(tuning).predict(held.rename(columns={"excerpt": "text"}))
    return pd.DataFrame([{"coder": "rules", **agreement(held["level"], held["level_manual"])},
                         {"coder": "rules + learned correction", **agreement(learned, held["level_manual"])}])
