"""Stage 6: ``python -m xiplomacy publish``.

Executes every report notebook listed in ``reports.yml`` with papermill, once per parameter
set, writes the executed copies to ``reports/notebooks/`` (never over ``notebooks/``),
exports each to a self-contained HTML page (``reports/*.html``: our own page shell around
nbconvert's basic body, so no script or style is fetched from a CDN) and writes
``reports/index.html`` linking them all, grouped. Runs notebooks in parallel on the
available cores, prints progress, and exits non-zero naming the notebook and cell of any
failure.
"""

from __future__ import annotations

import html
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import paths

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>{title}</title>
<style>
body {{ font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; max-width: 1040px; margin: 0 auto; padding: 1.5em; }}
a {{ color: #0b5cad; }} h1, h2, h3 {{ line-height: 1.25; }}
table {{ border-collapse: collapse; font-size: 13px; margin: 0.6em 0; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }} pre {{ background: #f7f7f7; padding: 0.6em; overflow-x: auto; white-space: pre-wrap; }}
.jp-OutputPrompt, .jp-InputPrompt {{ display: none; }} nav.top {{ font-size: 13px; margin-bottom: 1em; }}
footer {{ margin-top: 3em; font-size: 12px; color: #666; border-top: 1px solid #ddd; padding-top: 0.6em; }}
</style></head>
<body><nav class="top"><a href="index.html">&larr; all reports</a></nav>
{body}
<footer>{footer}</footer>
</body></html>
"""


@dataclass
class Job:
    name: str
    notebook: str
    group: str
    title: str
    parameters: dict = field(default_factory=dict)


def load_config(path: Path | None = None) -> list[dict]:
    with open(path or paths.REPORTS_CONFIG, encoding="utf-8") as f:
        return yaml.safe_load(f)["reports"]


def _slug(value) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")


def jobs_from_config(config: list[dict], data_path: Path | None = None) -> list[Job]:
    """Expand the config into one job per (notebook, parameter set)."""
    jobs: list[Job] = []
    for entry in config:
        nb = entry["notebook"]
        stem = Path(nb).stem
        sets = list(entry.get("parameters", []) or [])
        source = entry.get("parameters_from")
        if source == "parties_with_statements":
            from .load import load

            ds = load(data_path)
            st = ds.statements
            parties = sorted(set(st.loc[st["finding"] == "stated", "party"]))
            names = dict(zip(ds.parties["party"], ds.parties["name"]))
            sets += [{"country": p, "_title": f"{names.get(p, p)} ({p})"} for p in parties]
        elif source is not None:
            raise ValueError(f"reports.yml: unknown parameters_from {source!r} for {nb}")
        if not sets:
            sets = [{}]
        for params in sets:
            params = dict(params)
            label = params.pop("_title", None)
            suffix = "-".join(_slug(v) for v in params.values())
            name = f"{stem}-{suffix}" if suffix else stem
            title = entry.get("title", stem)
            if label or params:
                title = f"{title}: {label or ', '.join(str(v) for v in params.values())}"
            jobs.append(Job(name=name, notebook=nb, group=entry.get("group", "studies"), title=title, parameters=params))
    return jobs


def _run(job: Job, out_dir: Path) -> tuple[Job, float, str | None]:
    import papermill as pm

    start = time.perf_counter()
    executed = out_dir / "notebooks" / f"{job.name}.ipynb"
    try:
        pm.execute_notebook(
            str(paths.NOTEBOOKS / job.notebook), str(executed), parameters=job.parameters,
            kernel_name="python3", cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
        )
    except Exception as err:  # papermill's error names the cell; keep its message
        cell = getattr(err, "exec_count", None)
        ename = getattr(err, "ename", type(err).__name__)
        evalue = getattr(err, "evalue", str(err))
        where = f"cell {cell}" if cell is not None else "before any cell ran"
        return job, time.perf_counter() - start, f"{job.notebook} {job.parameters or ''} failed at {where}: {ename}: {evalue}"
    export_html(executed, out_dir / f"{job.name}.html", job.title)
    return job, time.perf_counter() - start, None


def export_html(executed: Path, target: Path, title: str) -> None:
    """Write one self-contained page: no input cells, no external scripts or styles."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed), as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    from . import __version__

    footer = (f"xiplomacy {html.escape(__version__)} &middot; data and code: see the project README for "
              f"sources, caveats and how to cite. Executed notebook: notebooks/{html.escape(executed.name)}")
    target.write_text(PAGE.format(title=html.escape(title), body=body, footer=footer), encoding="utf-8")


GROUP_ORDER = ["studies", "by initiative", "by country"]


def write_index(jobs: list[Job], out_dir: Path) -> Path:
    parts = ["<h1>Xiplomacy reports</h1>",
             "<p>Who said what about China's global initiatives (GSI, GDI, GCI, GGI, BRI): "
             "published pages of the workbook. Every page opens offline.</p>"]
    groups = sorted({j.group for j in jobs}, key=lambda g: (GROUP_ORDER.index(g) if g in GROUP_ORDER else 99, g))
    for g in groups:
        items = "".join(f'<li><a href="{html.escape(j.name)}.html">{html.escape(j.title)}</a></li>'
                        for j in sorted((j for j in jobs if j.group == g), key=lambda j: j.title))
        parts.append(f"<h2>{html.escape(g.capitalize())}</h2><ul>{items}</ul>")
    index = out_dir / "index.html"
    index.write_text(PAGE.format(title="Xiplomacy reports", body="\n".join(parts), footer="xiplomacy")
                     .replace('<nav class="top"><a href="index.html">&larr; all reports</a></nav>', ""), encoding="utf-8")
    return index


def publish(only: list[str] | None = None, jobs: int | None = None, out_dir: Path | None = None,
            config: Path | None = None, data_path: Path | None = None) -> int:
    out_dir = out_dir or paths.REPORTS
    (out_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    all_jobs = jobs_from_config(load_config(config), data_path)
    todo = [j for j in all_jobs if not only or any(o in j.name for o in only)]
    if not todo:
        print(f"no report matches {only}", file=sys.stderr)
        return 2
    workers = jobs or os.cpu_count() or 1
    print(f"publishing {len(todo)} page(s) with {workers} worker(s) -> {out_dir}")
    failures = []
    started = time.perf_counter()
    if data_path is not None:
        os.environ["XIPLOMACY_DATA"] = str(data_path)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_run, j, out_dir) for j in todo]
        for i, fut in enumerate(as_completed(futures), 1):
            job, secs, error = fut.result()
            status = "FAILED" if error else "ok"
            print(f"[{i}/{len(todo)}] {job.name} {status} ({secs:.1f} s)", flush=True)
            if error:
                failures.append(error)
    if not only:  # a partial rebuild keeps the index of the last full one
        print(f"index: {write_index(all_jobs, out_dir)}")
    print(f"done in {time.perf_counter() - started:.1f} s")
    for err in failures:
        print(f"error: {err}", file=sys.stderr)
    return 1 if failures else 0
