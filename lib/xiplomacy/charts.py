"""Stage 5 helpers shared by the views: charts (altair) and safe HTML tables.

Charts are shown with :func:`show`, which works the same in JupyterLab, Voila and the
published pages: the Vega libraries (from vl-convert's bundle) are embedded inline once per
kernel session, each chart gets a div id derived from its spec (stable across runs), and
nothing is fetched from the network. :func:`save_static` writes SVG and PNG for papers.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

from . import paths
from .vocab import LEVELS

LEVEL_ORDER = [4, 3, 2, 1, 0, -1]
LEVEL_LABELS = {k: f"{k} {v}" for k, v in LEVELS.items()}
LEVEL_COLORS = ["#1a6b3c", "#4daf4a", "#a6d96a", "#d9d9a0", "#e0e0e0", "#d7301f"]
_BUNDLE_SENT = False

alt.data_transformers.disable_max_rows()


def _bundle() -> str:
    import vl_convert as vlc

    return vlc.javascript_bundle(snippet="window.vegaEmbed = vegaEmbed;")


WORLD = "world-110m"


@lru_cache(maxsize=1)
def _world() -> dict:
    return json.loads((paths.DATA / "geo" / "countries-110m.json").read_text(encoding="utf-8"))


def spec_of(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec, with the map shapes inlined as a named dataset (added after
    altair's validation, which would otherwise walk the 100 kB of shapes on every redraw)."""
    spec = chart.to_dict()
    if WORLD in json.dumps(spec.get("layer", spec.get("data", "")), default=str):
        spec.setdefault("datasets", {})[WORLD] = _world()
    return spec


def chart_html(chart: alt.TopLevelMixin, with_bundle: bool) -> str:
    spec = spec_of(chart)
    payload = json.dumps(spec, sort_keys=True, ensure_ascii=True).replace("</", "<\\/")
    div = "vis-" + hashlib.sha1(payload.encode()).hexdigest()[:12]
    lib = f"<script>{_bundle()}</script>" if with_bundle else ""
    return (f'{lib}<div id="{div}" class="xiplomacy-chart"></div>'
            f'<script>(function(){{var s={payload};function go(){{if(window.vegaEmbed){{window.vegaEmbed("#{div}",s,'
            f'{{actions:false,renderer:"svg"}});}}else{{setTimeout(go,50);}}}}go();}})();</script>')


def show(chart: alt.TopLevelMixin):
    """Display a chart offline (inline Vega bundle once per session, deterministic div id)."""
    global _BUNDLE_SENT
    from IPython.display import HTML, display

    display(HTML(chart_html(chart, with_bundle=not _BUNDLE_SENT)))
    _BUNDLE_SENT = True


def save_static(chart: alt.TopLevelMixin, name: str, folder: Path | None = None) -> list[Path]:
    """Write ``name``.svg and ``name``.png (for papers) under reports/figures/."""
    import vl_convert as vlc

    folder = folder or paths.REPORTS / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    spec = spec_of(chart)
    svg = folder / f"{name}.svg"
    png = folder / f"{name}.png"
    svg.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
    png.write_bytes(vlc.vegalite_to_png(spec, scale=2))
    return [svg, png]


def _level_scale():
    return alt.Scale(domain=[LEVEL_LABELS[k] for k in LEVEL_ORDER], range=LEVEL_COLORS)


def timeline(view: pd.DataFrame, title: str = "Statements over time") -> alt.Chart:
    """One mark per statement: date on x, party on y, colour by stance level."""
    data = view.assign(
        when=view["date_start"].dt.strftime("%Y-%m-%d"),
        stance=view["level_final"].map(LEVEL_LABELS),
        party_name=view["name"].fillna(view["party"]),
    )[["when", "stance", "party_name", "initiative", "statement_id", "attribution", "date"]]
    height = max(120, min(16 * data["party_name"].nunique(), 900))
    return alt.Chart(data, title=title).mark_circle(size=70, opacity=0.85).encode(
        x=alt.X("when:T", title="date"),
        y=alt.Y("party_name:N", title=None, sort="-x"),
        color=alt.Color("stance:N", scale=_level_scale(), title="stance"),
        shape=alt.Shape("initiative:N"),
        tooltip=["party_name", "initiative", "stance", "date", "attribution", "statement_id"],
    ).properties(width=620, height=height)


def level_counts(stand_by_period: pd.DataFrame, title: str) -> alt.Chart:
    """Stacked bars: number of parties at each standing level per period."""
    data = stand_by_period.assign(stance=stand_by_period["level"].map(LEVEL_LABELS))
    return alt.Chart(data, title=title).mark_bar().encode(
        x=alt.X("period:O", title=None),
        y=alt.Y("parties:Q", title="parties"),
        color=alt.Color("stance:N", scale=_level_scale(), title="standing"),
        order=alt.Order("level:Q", sort="descending"),
        tooltip=["period", "stance", "parties"],
    ).properties(width=620, height=260)


def world_map(stand: pd.DataFrame, parties: pd.DataFrame, title: str) -> alt.LayerChart:
    """Choropleth of standings (countries only), shapes from world-atlas countries-110m.

    Shapes with no ISO numeric id (Northern Cyprus, Somaliland, Kosovo in Natural Earth) are
    drawn in the no-data grey: the dataset codes none of them.
    """
    geo = alt.Data(name=WORLD, format=alt.DataFormat(feature="countries", type="topojson"))
    joined = stand.merge(parties[["party", "name", "m49"]], on="party", how="inner").dropna(subset=["m49"])
    joined = joined.assign(stance=joined["level"].map(LEVEL_LABELS))[["m49", "name", "stance", "level", "statement_id"]]
    base = alt.Chart(geo).mark_geoshape(fill="#f4f4f4", stroke="white", strokeWidth=0.4)
    coded = alt.Chart(geo).mark_geoshape(stroke="white", strokeWidth=0.4).encode(
        color=alt.Color("stance:N", scale=_level_scale(), title="standing"),
        tooltip=["name:N", "stance:N", "statement_id:N"],
    ).transform_lookup(lookup="id", from_=alt.LookupData(joined, "m49", ["name", "stance", "statement_id"])
                       ).transform_filter("datum.stance != null")
    return alt.layer(base, coded, title=title).project("equalEarth").properties(width=640, height=330)


STATUS_SHAPES = {"announced": "triangle-up", "agreed": "diamond", "delivered": "square"}
KIND_COLORS = ["#5e3c99", "#8073ac", "#b2abd2", "#e08214", "#fdb863", "#2d004b", "#7f3b08", "#542788"]


def words_and_deeds_timeline(statements: pd.DataFrame, implementation: pd.DataFrame,
                             title: str = "Words and deeds") -> alt.VConcatChart:
    """Two aligned panels sharing the date axis: statements (circles coloured by stance) above,
    implementation rows (shape by status, colour by kind) below, so the layers never blend."""
    words = statements.assign(
        when=statements["date_start"].dt.strftime("%Y-%m-%d"),
        stance=statements["level_final"].map(LEVEL_LABELS),
        party_name=statements["name"].fillna(statements["party"]),
    )[["when", "stance", "party_name", "initiative", "statement_id", "date"]]
    imp = implementation[implementation["date_start"].notna()]
    deeds = imp.assign(
        when=imp["date_start"].dt.strftime("%Y-%m-%d"),
        party_name=imp["name"].fillna(imp["party"]).fillna("(no named party)"),
    )[["when", "party_name", "kind", "status", "gsi_tie", "impl_id", "dated_by"]].drop_duplicates()
    every = pd.concat([words["when"], deeds["when"]]).dropna()
    scale = alt.Scale(domain=[every.min(), every.max()]) if len(every) else alt.Undefined
    top = alt.Chart(words, title="Statements (stance)").mark_circle(size=60, opacity=0.85).encode(
        x=alt.X("when:T", title=None, scale=scale),
        y=alt.Y("party_name:N", title=None),
        color=alt.Color("stance:N", scale=_level_scale(), title="stance"),
        tooltip=["party_name", "initiative", "stance", "date", "statement_id"],
    ).properties(width=620, height=max(100, min(14 * words["party_name"].nunique(), 600)))
    bottom = alt.Chart(deeds, title="Implementation (what is done)").mark_point(size=80, filled=True).encode(
        x=alt.X("when:T", title="date", scale=scale),
        y=alt.Y("party_name:N", title=None),
        color=alt.Color("kind:N", scale=alt.Scale(range=KIND_COLORS), title="kind"),
        shape=alt.Shape("status:N", scale=alt.Scale(domain=list(STATUS_SHAPES), range=list(STATUS_SHAPES.values())),
                        title="status"),
        tooltip=["party_name", "kind", "status", "gsi_tie", "when", "dated_by", "impl_id"],
    ).properties(width=620, height=max(100, min(14 * deeds["party_name"].nunique(), 600)))
    return alt.vconcat(top, bottom, title=title).resolve_scale(color="independent", shape="independent")


def implementation_map(implementation: pd.DataFrame, parties: pd.DataFrame, title: str) -> alt.LayerChart:
    """Countries shaded by the number of implementation rows naming them (purple, distinct from
    the stance colours of :func:`world_map`)."""
    geo = alt.Data(name=WORLD, format=alt.DataFormat(feature="countries", type="topojson"))
    n = implementation.dropna(subset=["party"]).groupby("party", observed=True)["impl_id"].nunique().rename("rows")
    joined = n.reset_index().merge(parties[["party", "name", "m49"]], on="party", how="inner").dropna(subset=["m49"])
    joined = joined[["m49", "name", "rows"]]
    base = alt.Chart(geo).mark_geoshape(fill="#f4f4f4", stroke="white", strokeWidth=0.4)
    shaded = alt.Chart(geo).mark_geoshape(stroke="white", strokeWidth=0.4).encode(
        color=alt.Color("rows:Q", scale=alt.Scale(scheme="purples"), title="implementation rows"),
        tooltip=["name:N", "rows:Q"],
    ).transform_lookup(lookup="id", from_=alt.LookupData(joined, "m49", ["name", "rows"])
                       ).transform_filter("datum.rows != null")
    return alt.layer(base, shaded, title=title).project("equalEarth").properties(width=640, height=330)


MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~-])")


def md_text(value) -> str:
    """A data value made safe to interpolate into a Markdown output: Markdown punctuation is
    backslashed (so no text from the data becomes a link, heading or emphasis), then HTML is
    escaped (so a ``<script>`` in a name stays text)."""
    return html.escape(MARKDOWN_SPECIALS.sub(r"\\\1", "" if value is None else str(value)), quote=False)


def _cell(value, link: bool) -> str:
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    text = html.escape(str(value), quote=True)
    if link and str(value).lower().startswith(("http://", "https://")):
        return f'<a href="{text}" rel="noopener noreferrer nofollow" target="_blank">{text}</a>'
    return text


def table_html(frame: pd.DataFrame, link_columns=("url",), max_rows: int | None = None) -> str:
    """An HTML table in which every cell is escaped text; only http(s) URLs become links."""
    frame = frame if max_rows is None else frame.head(max_rows)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for rec in frame.itertuples(index=False, name=None):
        cells = "".join(f"<td>{_cell(v, c in link_columns)}</td>" for c, v in zip(frame.columns, rec))
        rows.append(f"<tr>{cells}</tr>")
    return f'<table class="xiplomacy-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def show_table(frame: pd.DataFrame, link_columns=("url",), max_rows: int | None = None):
    from IPython.display import HTML, display

    display(HTML(table_html(frame, link_columns, max_rows)))
