"""The interactive explorer (ipywidgets): filter by country, initiative, date and more; every
view is recomputed through :func:`xiplomacy.filter.filter_statements`, the same function the
report notebooks use. Runs in JupyterLab and as a Voila app (``make app``)."""

from __future__ import annotations

import html
import io

import pandas as pd

from . import charts
from .filter import GROUP_SHORTCUTS, ParameterError, filter_implementation, filter_statements
from .load import Dataset, load
from .standings import standings
from .vocab import ATTRIBUTIONS, IMPLEMENTATION_KINDS, INITIATIVES, LEVELS

IMPL_COLUMNS = ["date", "dated_by", "name", "kind", "status", "gsi_tie", "quantity", "quantity_unit", "evidence",
                "excerpt", "url", "impl_id"]


def selection_views(ds: Dataset, view: pd.DataFrame, *, impl_view: pd.DataFrame | None = None,
                    kinds=None, implementation: bool = True, **params) -> dict:
    """Data and chart specs for one filter state (what the widgets show); no widgets needed.

    ``params`` go to :func:`filter_statements`; with ``implementation`` the implementation
    layer is selected with the same parties and dates (and ``kinds``) by
    :func:`filter_implementation`, drawn on its own map and on a panel of the timeline.
    """
    rows = filter_statements(ds, view=view, **params)
    st = standings(rows, as_of=params.get("end")) if len(rows) else pd.DataFrame(columns=["party", "level", "statement_id"])
    summary = (f"{len(rows)} statements, {rows['party'].nunique()} parties, "
               f"{rows['date'].min()} to {rows['date'].max()}" if len(rows) else "no statements match")
    out = {"rows": rows, "standings": st, "summary": summary}
    deeds = None
    if implementation:
        deeds = filter_implementation(ds, view=impl_view, kinds=kinds, countries=params.get("countries"),
                                      groups=params.get("groups"), start=params.get("start"), end=params.get("end"))
        out["impl_rows"] = deeds
        out["summary"] += f"; {deeds['impl_id'].nunique()} implementation rows"
        if len(deeds):
            out["impl_map"] = charts.implementation_map(deeds, ds.parties, "Implementation rows per country")
    if len(rows):
        title_ini = ", ".join(params.get("initiatives") or ["all initiatives"])
        out["map"] = charts.world_map(st.sort_values("level").drop_duplicates("party", keep="last"), ds.parties,
                                      f"Standing ({title_ini})")
    if len(rows) or (deeds is not None and len(deeds)):
        out["timeline"] = (charts.words_and_deeds_timeline(rows, deeds) if deeds is not None
                           else charts.timeline(rows, "Statements"))
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
    impl_view = ds.implementation_view()
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
    layer = w.Checkbox(value=True, description="Implementation layer", indent=False)
    kinds = w.SelectMultiple(options=list(IMPLEMENTATION_KINDS), rows=8, description="Kind")
    summary = w.HTML()
    out_map, out_time, out_table, out_rows, out_impl = w.Output(), w.Output(), w.Output(), w.Output(), w.Output()
    download = w.HTML()

    def refresh(_=None):
        params = dict(countries=list(countries.value), groups=list(groups.value),
                      initiatives=[initiative.value] if initiative.value else None,
                      start=start.value.strip() or None, end=end.value.strip() or None,
                      event_types=list(etypes.value), min_level=min_level.value, attributions=list(attribution.value))
        for o in (out_map, out_time, out_table, out_rows, out_impl):
            o.clear_output()
        try:
            views = selection_views(ds, view, impl_view=impl_view, kinds=list(kinds.value),
                                    implementation=layer.value, **params)
        except ParameterError as err:
            summary.value = f"<b>Cannot filter:</b> {html.escape(str(err))}"
            return
        summary.value = f"<b>{html.escape(views['summary'])}</b> (dataset {html.escape(ds.version)})"
        with out_map:
            for key in ("map", "impl_map"):
                if key in views:
                    charts.show(views[key])
        if "timeline" in views:
            with out_time:
                charts.show(views["timeline"])
        if "impl_rows" in views:
            with out_impl:
                impl = views["impl_rows"].drop_duplicates("impl_id")
                charts.show_table(impl.assign(name=views["impl_rows"].groupby("impl_id")["name"].transform(
                    lambda n: "; ".join(n.dropna())))[IMPL_COLUMNS], max_rows=200)
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

    for widget in (countries, groups, initiative, start, end, etypes, min_level, attribution, layer, kinds):
        widget.observe(refresh, names="value")
    refresh()
    filters = w.HBox([w.VBox([countries, groups]), w.VBox([initiative, start, end, min_level]),
                      w.VBox([etypes, attribution]), w.VBox([layer, kinds])])
    tabs = w.Tab(children=[out_map, out_time, out_table, out_rows, out_impl])
    for i, title in enumerate(["Map", "Timeline", "Standings", "Texts", "Implementation"]):
        tabs.set_title(i, title)
    box = w.VBox([filters, summary, download, tabs])
    display(HTML("<style>.widget-select-multiple select{min-width:260px}</style>"))
    return box
