"""Explorer latency: one filter change recomputes every view's data and chart spec.

Times `selection_views` (filter, standings, stance and implementation maps, the words-and-deeds
timeline, summary) as the widgets call it, with the implementation layer on, on the curated data and on a synthetic table of 1M statements built by resampling
the curated rows (parties, dates and initiatives reshuffled). Prints milliseconds.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd

import xiplomacy as xp
from xiplomacy.explore import selection_views


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def synthetic(view: pd.DataFrame, n: int, rng) -> pd.DataFrame:
    big = view.iloc[rng.integers(0, len(view), n)].reset_index(drop=True)
    parties = view["party"].unique()
    big["party"] = parties[rng.integers(0, len(parties), n)]
    days = rng.integers(0, 365 * 4, n)
    big["date_start"] = pd.Timestamp("2022-01-01") + pd.to_timedelta(days, unit="D")
    big["date"] = big["date_start"].dt.strftime("%Y-%m-%d")
    big["statement_id"] = [f"syn-{i:07d}/X/Y" for i in range(n)]
    return big


def main() -> None:
    ds = xp.load()
    view = ds.statement_view()
    impl_view = ds.implementation_view()  # computed once, as the explorer does
    rng = np.random.default_rng(0)
    cases = {"KAZ, GSI": dict(countries=["KAZ"], initiatives=["GSI"]),
             "all parties, GSI, 2023-2025": dict(initiatives=["GSI"], start="2023-01", end="2025-12")}
    for label, frame, repeat in (("curated", view, 20), ("1M synthetic", synthetic(view, 1_000_000, rng), 3)):
        for name, params in cases.items():
            ms = timed(lambda f=frame, p=params: selection_views(ds, f, impl_view=impl_view, **p), repeat)
            print(f"{label:13} {len(frame):>9,} rows  {name:28} median {statistics.median(ms):8.1f} ms")


if __name__ == "__main__":
    main()
