"""Stage 6: ``python -m xiplomacy publish``.

Executes every report notebook listed in ``reports.yml``, once per parameter set, writes
the executed copies to ``reports/notebooks/`` (never over ``notebooks/``), exports each to a
self-contained HTML page (``reports/*.html``: our own page shell around nbconvert's basic
body, so no script or style is fetched from a CDN) and writes ``reports/index.html`` linking
them all, grouped. Papermill injects the parameters; each worker (one per core) runs its
notebooks one after another on one warm kernel. Prints progress and exits non-zero naming the
notebook and cell of any failure.
"""

from __future__ import annotations

import html
import os
import queue
import re
import sys
import threading
import time
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


RESET = "%reset -f\nimport xiplomacy.charts as _charts\n_charts._BUNDLE_SENT = False\ndel _charts"


class WarmKernel:
    """One Python kernel that runs notebook after notebook, so the imports (pandas, altair,
    the package) are paid once per worker instead of once per page.

    Before each notebook the namespace is cleared (``%reset -f``) and the chart module is told
    that this page has not received the Vega bundle yet, so every page embeds its own copy.
    Papermill's parameterizer injects the parameters exactly as ``papermill`` would.
    """

    def __init__(self) -> None:
        from jupyter_client.manager import KernelManager

        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(paths.NOTEBOOKS))

    def run(self, job: Job, out_dir: Path) -> tuple[Job, float, str | None]:
        import nbformat
        from nbclient import NotebookClient
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        start = time.perf_counter()
        executed = out_dir / "notebooks" / f"{job.name}.ipynb"
        nb = parameterize_notebook(load_notebook_node(str(paths.NOTEBOOKS / job.notebook)),
                                   job.parameters, report_mode=False)
        nb.cells.insert(0, nbformat.v4.new_code_cell(RESET))
        client = NotebookClient(nb, km=self.km, timeout=900, resources={"metadata": {"path": str(paths.NOTEBOOKS)}})
        error = None
        try:
            client.execute()
        except Exception as err:  # name the notebook, the cell and the error, then start afresh
            cell = next((i for i, c in enumerate(nb.cells)
                         if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
            where = f"cell {cell}" if cell else "before any cell ran"
            error = (f"{job.notebook} {job.parameters or ''} failed at {where}: "
                     f"{getattr(err, 'ename', type(err).__name__)}: {getattr(err, 'evalue', str(err))}")
            self.km.restart_kernel(now=True)
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        nb.cells.pop(0)
        if error is None:
            strip_volatile(nb)
        nbformat.write(nb, str(executed))
        if error is None:
            export_html(nb, executed.name, out_dir / f"{job.name}.html", job.title)
        return job, time.perf_counter() - start, error

    def shutdown(self) -> None:
        self.km.shutdown_kernel(now=True)


def _run_all(todo: list[Job], out_dir: Path, workers: int) -> list[str]:
    """Run the jobs on ``workers`` warm kernels (one per thread), printing progress."""
    pending: queue.Queue[Job] = queue.Queue()
    for job in todo:
        pending.put(job)
    done: queue.Queue[tuple[Job, float, str | None]] = queue.Queue()

    def worker() -> None:
        try:
            kernel = WarmKernel()
        except Exception as err:  # no kernel: every job this worker takes fails, by name
            kernel, reason = None, f"could not start a kernel: {err}"
        try:
            while True:
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    done.put(kernel.run(job, out_dir) if kernel else (job, 0.0, f"{job.notebook}: {reason}"))
                except Exception as err:  # never leave the main thread waiting for a result
                    done.put((job, 0.0, f"{job.notebook} {job.parameters or ''}: {type(err).__name__}: {err}"))
        finally:
            if kernel:
                kernel.shutdown()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, min(workers, len(todo))))]
    for t in threads:
        t.start()
    failures = []
    for i in range(1, len(todo) + 1):
        job, secs, error = done.get()
        print(f"[{i}/{len(todo)}] {job.name} {'FAILED' if error else 'ok'} ({secs:.1f} s)", flush=True)
        if error:
            failures.append(error)
    for t in threads:
        t.join()
    return failures


VOLATILE = ("start_time", "end_time", "duration", "input_path", "output_path")


def strip_volatile(nb) -> None:
    """Drop what changes from run to run (times, this machine's paths) from an executed
    notebook node, in place, so that rebuilding a report gives byte-identical files."""
    for meta in [nb.metadata.get("papermill", {})] + [c.metadata.get("papermill", {}) for c in nb.cells]:
        for key in VOLATILE:
            meta.pop(key, None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1  # a warm kernel keeps counting across notebooks: number each page from 1
            cell.execution_count = count
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = count


def export_html(nb, executed_name: str, target: Path, title: str) -> None:
    """Write one self-contained page from an executed notebook node (saved as
    ``notebooks/<executed_name>``): no input cells, no external scripts or styles."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    from . import __version__

    footer = (f"xiplomacy {html.escape(__version__)} &middot; data and code: see the project README for "
              f"sources, caveats and how to cite. Executed notebook: notebooks/{html.escape(executed_name)}")
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
    started = time.perf_counter()
    if data_path is not None:
        os.environ["XIPLOMACY_DATA"] = str(data_path)
    failures = _run_all(todo, out_dir, workers)
    if not only:  # a partial rebuild keeps the index of the last full one
        print(f"index: {write_index(all_jobs, out_dir)}")
    print(f"done in {time.perf_counter() - started:.1f} s")
    for err in failures:
        print(f"error: {err}", file=sys.stderr)
    return 1 if failures else 0
