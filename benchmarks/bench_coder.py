"""Coder speed: code_stances against a raw regex scan and a naive per-phrase loop.

Prints a table; run on demand (`make bench`), not in tests. Usage:
    python benchmarks/bench_coder.py [--sizes 10000 100000 1000000] [--naive-max 100000] [--distinct-max 100000]

Corpora (built from the dataset's own excerpts, so lengths and wording are real):
  repeated  triples drawn from the statements table: a few hundred distinct texts, each
            coded for many (party, initiative) pairs (the shape of coding a statement table);
  distinct  every text unique: a real excerpt plus a second real sentence and a serial number,
            so nothing can be cached (the shape of coding a large new corpus of readouts).
"""

from __future__ import annotations

import argparse
import re
import time

import numpy as np
import pandas as pd
import pyarrow as pa

import xiplomacy as xp
from xiplomacy import coder

STRING = pd.ArrowDtype(pa.string())


def phrases() -> list[str]:
    """About 300 literal terms: initiative names, cue words and party names."""
    names = coder.default_names()
    terms = ["global security initiative", "global development initiative", "global civilization initiative",
             "global governance initiative", "belt and road", "gsi", "gdi", "gci", "ggi", "bri",
             "全球安全倡议", "全球发展倡议", "全球文明倡议", "全球治理倡议", "一带一路",
             "supports", "welcomes", "appreciates", "ready to", "willing to", "implement", "participate", "join",
             "endorse", "commend", "praise", "not supported", "支持", "欢迎", "赞赏", "落实", "参与", "加入", "不支持"]
    terms += sorted(names.forms, key=len, reverse=True)[: 300 - len(terms)]
    return [t.lower() for t in terms]


def corpus(ds, n: int, kind: str, rng) -> pd.DataFrame:
    st = ds.statements
    idx = rng.integers(0, len(st), n)
    base = st.iloc[idx]
    text = base["excerpt"].to_numpy()
    if kind == "distinct":
        other = st["excerpt"].to_numpy()[rng.integers(0, len(st), n)]
        text = np.array([f"{a} {b.split('.')[0]}. Ref {i}." for i, (a, b) in enumerate(zip(text, other))], dtype=object)
    return pd.DataFrame({"text": pd.array(text, dtype=STRING), "party": base["party"].to_numpy(),
                         "initiative": base["initiative"].to_numpy()})


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--naive-max", type=int, default=100_000, help="largest size for the naive loop")
    ap.add_argument("--distinct-max", type=int, default=100_000, help="largest size for the distinct corpus")
    args = ap.parse_args()
    ds = xp.load()
    terms = phrases()
    alternation = "|".join(re.escape(t) for t in terms)
    rng = np.random.default_rng(0)
    print(f"{len(terms)} phrases; mean excerpt length {ds.statements['excerpt'].str.len().mean():.0f} chars")
    print(f"{'corpus':9} {'rows':>9} {'scan s':>8} {'coder s':>8} {'coder/scan':>10} {'naive s':>9} {'rows/s coder':>13}")
    for kind in ("repeated", "distinct"):
        for n in args.sizes:
            if kind == "distinct" and n > args.distinct_max:
                print(f"{kind:9} {n:>9,}  (skipped: above --distinct-max; extrapolate from the rows/s column)")
                continue
            frame = corpus(ds, n, kind, rng)
            coder._PARSE_CACHE.clear()
            scan = timed(lambda f=frame: f["text"].str.contains(alternation, case=False, regex=True))
            cod = timed(lambda f=frame: xp.code_stances(f))
            naive = np.nan
            if n <= args.naive_max:
                texts = [t.lower() for t in frame["text"].to_numpy()]
                naive = timed(lambda ts=texts: [any(p in t for p in terms) for t in ts])
            print(f"{kind:9} {n:>9,} {scan:>8.2f} {cod:>8.2f} {cod / scan:>10.1f} {naive:>9.2f} {n / cod:>13,.0f}", flush=True)


if __name__ == "__main__":
    main()
