"""Stage 2, optional: a learned correction on top of the rule coder.

The rules (:mod:`xiplomacy.coder`) read who takes which stance toward which initiative, and
they fix the texts they were written on; on texts nobody had read they agree with the manual
codes on about 0.70 of rows. This module fits a multinomial logistic regression (scikit-learn)
on the manually coded rows, with the rules' level, who speaks, the language and the
initiative, and the text's character 2-4-grams as features: it learns which wordings the
rules misread. The dataset's ``level`` column stays the rules' (it is reproducible from the
codebook alone); use this for triage of new English and Chinese texts, next to the rules.

    model = xiplomacy.learned.train()              # on every manually coded en/zh stated row
    levels = model.predict(frame)                  # frame: text, party, initiative[, attribution]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .coder import CJK, CODER_LANGUAGES, code_stances
from .vocab import LEVELS

RULE_WEIGHT = 3.0  # the rules' level weighs more than any one n-gram


def _language(frame: pd.DataFrame) -> pd.Series:
    if "language" in frame.columns:
        return frame["language"].astype(str)
    return frame["text"].astype(str).map(lambda t: "zh" if CJK.search(t) else "en")


class StanceModel:
    """Rules' level plus a learned correction; see the module docstring."""

    def __init__(self, C: float = 1.0):
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True,
                                          max_features=50_000)
        self.classifier = LogisticRegression(C=C, max_iter=3000)
        self.categories: list[str] = []

    def _features(self, frame: pd.DataFrame, rules: np.ndarray, fit: bool):
        text = frame["text"].astype(str)
        grams = self.vectorizer.fit_transform(text) if fit else self.vectorizer.transform(text)
        rule = np.zeros((len(frame), len(LEVELS)))
        rule[np.arange(len(frame)), rules.astype(int) - min(LEVELS)] = RULE_WEIGHT
        cats = pd.get_dummies(self._categorical(frame).astype(str))
        if fit:
            self.categories = list(cats.columns)
        cats = cats.reindex(columns=self.categories, fill_value=0).to_numpy(float)
        return hstack([grams, csr_matrix(np.hstack([rule, cats]))]).tocsr()

    @staticmethod
    def _categorical(frame: pd.DataFrame) -> pd.DataFrame:
        attribution = frame["attribution"] if "attribution" in frame.columns else pd.Series("", index=frame.index)
        return pd.DataFrame({"attribution": attribution.fillna(""), "language": _language(frame),
                             "initiative": frame["initiative"]}, index=frame.index)

    @staticmethod
    def _check(frame: pd.DataFrame) -> None:
        missing = {"text", "party", "initiative"} - set(frame.columns)
        if missing:
            raise ValueError(f"frame lacks column(s) {', '.join(sorted(missing))}")

    def fit(self, frame: pd.DataFrame, levels) -> StanceModel:
        """Fit on rows of ``frame`` (text, party, initiative[, attribution, language]) coded ``levels``."""
        self._check(frame)
        levels = np.asarray(levels, dtype=int)
        if len(levels) != len(frame):
            raise ValueError(f"{len(levels)} levels for {len(frame)} rows")
        rules = code_stances(frame).to_numpy()
        self.classifier.fit(self._features(frame, rules, fit=True), levels)
        return self

    def predict(self, frame: pd.DataFrame) -> pd.Series:
        """One level per row. Rows in a language the rules cannot read keep the rules' level."""
        self._check(frame)
        rules = code_stances(frame).to_numpy()
        out = rules.copy()
        readable = _language(frame).isin(CODER_LANGUAGES).to_numpy()
        if readable.any():
            part = frame[readable]
            out[readable] = self.classifier.predict(self._features(part, rules[readable], fit=False))
        return pd.Series(out.astype("int8"), index=frame.index, name="level")


def train(statements: pd.DataFrame | None = None, C: float = 1.0) -> StanceModel:
    """A model fitted on the manually coded English and Chinese stated rows of ``statements``
    (the dataset's, by default)."""
    if statements is None:
        from .load import load

        statements = load().statements
    rows = statements[(statements["finding"] == "stated") & statements["level_manual"].notna()
                      & statements["language"].isin(CODER_LANGUAGES)]
    frame = rows.rename(columns={"excerpt": "text"})[["text", "party", "initiative", "attribution", "language"]]
    return StanceModel(C).fit(frame, rows["level_manual"].astype(int))
