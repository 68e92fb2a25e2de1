"""The interactive explorer (ipywidgets): filter by country, initiative, date and more; every
view is recomputed through :func:`xiplomacy.filter.filter_statements`, the same function the
report notebooks use. Runs in JupyterLab and as a Voila app (``make app``)."""

from __future__ import annotations

import html
import io

import pandas as pd

from . import charts
from .filter import GROUP_SHORTCUTS, ParameterError, filter_statements
from .load import Dataset, load
from .standings import standings
from .vocab import ATTRIBUTIONS, INITIATIVES, LEVELS


def selection_views(ds: Dataset, view: pd.DataFrame, **params) -> dict:
    """Data and chart specs for one filter state (what the widgets show); no widgets needed."""
    rows = filter_statements(ds, view=view, **params)
    st = standings(rows, as_of=params.get("end")) if len(rows) else pd.DataFrame(columns=["party", "level", "statement_id"])
    summary = (f"{len(rows)} statements, {rows['party'].nunique()} parties, "
               f"{rows['date'].min()} to {rows['date'].max()}" if len(rows) else "no statements match")
    out = {"rows": rows, "standings": st, "summary": summary}
    if len(rows):
        title_ini = ", ".join(params.get("initiatives") or ["all initiatives"])
        out["map"] = charts.world_map(st.sort_values("level").drop_duplicates("party", keep="last"), ds.parties,
                                      f"Standing ({title_ini})")
        out["timeline"] = charts.timeline(rows, "Statements")
    return out


def export_csv(ds: Dataset, rows: pd.DataFrame) -> str:
    """The selection as CSV text, headed by the dataset version and how to cite it."""
    buf = io.StringIO()
    buf.write(f"# xiplomacy dataset {ds.version}; cite as in CITATION.cff, with each row's statement_id and url\n")
    cols = ["statement_id", "date", "party", "name", "initiative", "level_final", "attribution", "finding",
            "evidence", "excerpt", "url", "source_id", "event_id"]
    rows[cols].to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def explorer(ds: Dataset | None = None):
    """Build and return the explorer widget."""
    import ipywidgets as w
    from IPython.display import HTML, display

    ds = ds or load()
    view = ds.statement_view()
    names = dict(zip(ds.parties["party"], ds.parties["name"]))
    present = sorted(set(view["party"]), key=lambda p: names.get(p, p))
    countries = w.SelectMultiple(options=[(f"{names.get(p, p)} ({p})", p) for p in present], rows=8,
                                 description="Countries")
    groups = w.SelectMultiple(options=list(GROUP_SHORTCUTS), rows=8, description="Groups")
    initiative = w.Dropdown(options=[("all", "")] + [(i, i) for i in INITIATIVES], value="GSI", description="Initiative")
    start = w.Text(value="2021-09", description="From", placeholder="YYYY-MM")
    end = w.Text(value="2025-12", description="To", placeholder="YYYY-MM")
    etypes = w.SelectMultiple(options=sorted(set(ds.events["event_type"])), rows=5, description="Event type")
    min_level = w.Dropdown(options=[(f"{k} {v}", k) for k, v in sorted(LEVELS.items())], value=-1, description="Min level")
    attribution = w.SelectMultiple(options=list(ATTRIBUTIONS), rows=5, description="Voice")
    summary = w.HTML()
    out_map, out_time, out_table, out_rows = w.Output(), w.Output(), w.Output(), w.Output()
    download = w.HTML()

    def refresh(_=None):
        params = dict(countries=list(countries.value), groups=list(groups.value),
                      initiatives=[initiative.value] if initiative.value else None,
                      start=start.value.strip() or None, end=end.value.strip() or None,
                      event_types=list(etypes.value), min_level=min_level.value, attributions=list(attribution.value))
        for o in (out_map, out_time, out_table, out_rows):
            o.clear_output()
        try:
            views = selection_views(ds, view, **params)
        except ParameterError as err:
            summary.value = f"<b>Cannot filter:</b> {html.escape(str(err))}"
            return
        summary.value = f"<b>{html.escape(views['summary'])}</b> (dataset {html.escape(ds.version)})"
        if "map" in views:
            with out_map:
                charts.show(views["map"])
            with out_time:
                charts.show(views["timeline"])
        with out_table:
            charts.show_table(views["standings"][["party", "initiative", "level", "attribution", "statement_id", "contested"]]
                              if len(views["standings"]) else views["standings"])
        with out_rows:
            charts.show_table(views["rows"][["date", "name", "initiative", "level_final", "attribution", "evidence",
                                             "excerpt", "url"]], max_rows=200)
        import base64

        payload = base64.b64encode(export_csv(ds, views["rows"]).encode("utf-8")).decode("ascii")
        download.value = (f'<a download="xiplomacy-selection.csv" href="data:text/csv;base64,{payload}">'
                          f"Download the selection as CSV ({len(views['rows'])} rows)</a>")

    for widget in (countries, groups, initiative, start, end, etypes, min_level, attribution):
        widget.observe(refresh, names="value")
    refresh()
    filters = w.HBox([w.VBox([countries, groups]), w.VBox([initiative, start, end, min_level]), w.VBox([etypes, attribution])])
    tabs = w.Tab(children=[out_map, out_time, out_table, out_rows])
    for i, title in enumerate(["Map", "Timeline", "Standings", "Texts"]):
        tabs.set_title(i, title)
    box = w.VBox([filters, summary, download, tabs])
    display(HTML("<style>.widget-select-multiple select{min-width:260px}</style>"))
    return box
