"""The coder on a Dask dataframe, on a small local cluster bound to 127.0.0.1."""

import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

from xiplomacy import code_stances
from xiplomacy.coder import code_stances_dask


def test_dask_matches_pandas(ds):
    frame = ds.statements.rename(columns={"excerpt": "text"})[["text", "party", "initiative"]]
    frame = pd.concat([frame] * 3, ignore_index=True)
    expected = code_stances(frame)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster):
        got = code_stances_dask(dd.from_pandas(frame, npartitions=4)).compute()
    assert got.sort_index().tolist() == expected.tolist()
