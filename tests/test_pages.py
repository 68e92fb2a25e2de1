"""Published pages open offline, draw their charts, and never run text from the data."""

import csv
import shutil
import subprocess

import altair as alt
import pandas as pd
import pytest

from xiplomacy.charts import chart_html, table_html
from xiplomacy.publish import PAGE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.xdist_group("kernels")  # see tests/test_app.py
POISON = [
    "<script>document.title='PWNED'</script>",
    "<img src=x onerror=\"document.title='PWNED'\">",
    "&lt;b&gt;entity&lt;/b&gt; and \" quotes '",
]


def page(tmp_path):
    frame = pd.DataFrame({"excerpt": POISON, "url": ["javascript:document.title='PWNED'", "https://example.org/a", "ftp://x"]})
    chart = alt.Chart(pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})).mark_bar().encode(x="x:O", y="y:Q")
    body = chart_html(chart, with_bundle=True) + table_html(frame)
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(title="test page", body=body, footer=""), encoding="utf-8")
    return path


def test_table_cells_are_text_and_only_http_links(tmp_path):
    html_text = page(tmp_path).read_text(encoding="utf-8")
    assert "<script>document.title" not in html_text and "<img src=x" not in html_text
    assert 'href="javascript:' not in html_text and 'href="ftp:' not in html_text
    assert 'href="https://example.org/a"' in html_text
    assert "<script src=" not in html_text  # nothing loaded from elsewhere


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_page_renders_offline_and_nothing_executes(tmp_path):
    path = page(tmp_path)
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120).stdout
    assert 'class="marks"' in dom or "<svg" in dom  # vega drew the chart from the embedded bundle
    assert "PWNED" not in dom.split("<title>")[1].split("</title>")[0]
    assert "&lt;script&gt;" in dom  # the poisoned excerpt shows as text


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_report_from_poisoned_data_shows_text_and_runs_nothing(data_copy, tmp_path, monkeypatch):
    """Publish a country page from a copy of the data whose texts carry script, event
    handlers and entities; the browser must show them as text and run none of them."""
    from conftest import set_cell

    from xiplomacy.publish import publish

    bait = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">&amp;"
    rows = {name: list(csv.DictReader(open(data_copy / f"{name}.csv", encoding="utf-8")))
            for name in ("parties", "statements", "events", "implementation")}
    index = {name: {r[key]: i for i, r in enumerate(rows[name])} for name, key in
             (("parties", "party"), ("statements", "statement_id"), ("events", "event_id"),
              ("implementation", "impl_id"))}
    set_cell(data_copy / "parties.csv", index["parties"]["KAZ"], "name", "Kazakhstan " + bait)
    set_cell(data_copy / "statements.csv", index["statements"]["src-001/KAZ/GSI"], "excerpt", bait)
    set_cell(data_copy / "statements.csv", index["statements"]["src-001/KAZ/GSI"], "note", bait)
    set_cell(data_copy / "events.csv", index["events"]["ev-2022-09-14-kaz-state-visit"], "place", bait)
    kaz_impl = next(r["impl_id"] for r in rows["implementation"] if "KAZ" in r["parties"].split(";"))
    set_cell(data_copy / "implementation.csv", index["implementation"][kaz_impl], "excerpt", bait)
    monkeypatch.setenv("XIPLOMACY_DATA", str(data_copy))  # restored after the test
    out = tmp_path / "out"
    assert publish(only=["02-country-profile-kaz"], out_dir=out, data_path=data_copy, jobs=1) == 0
    page_path = out / "02-country-profile-kaz.html"
    raw = page_path.read_text(encoding="utf-8")
    # as markup the bait appears nowhere (inside chart specs it is JSON with "<\/script>")
    assert "<script>document.title='PWNED'</script>" not in raw and '<img src=x onerror="' not in raw
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=5000", "--dump-dom", page_path.as_uri()],
        capture_output=True, text=True, timeout=120).stdout
    title = dom.split("<title>")[1].split("</title>")[0]
    assert title.startswith("Country profile: Kazakhstan")  # a script would have set it to PWNED
    assert dom.count("&lt;script&gt;document.title") >= 4  # shown as text: name, excerpt, place, deed


def test_rebuilding_reports_gives_identical_files(tmp_path):
    """Two pages built one after the other on one warm kernel, and each built alone on a
    fresh kernel, give the same bytes: nothing volatile, nothing carried between pages."""
    from xiplomacy.publish import publish

    assert publish(only=["02-country-profile-kaz", "04-language-drift"], out_dir=tmp_path / "a", jobs=1) == 0
    for page in ("04-language-drift", "02-country-profile-kaz"):
        assert publish(only=[page], out_dir=tmp_path / "b", jobs=1) == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_a_failing_report_is_named_and_the_next_page_still_builds(tmp_path, capsys):
    from xiplomacy.publish import publish

    config = tmp_path / "reports.yml"
    config.write_text("reports:\n  - notebook: 02-country-profile.ipynb\n    parameters:\n"
                      "      - {country: XXX}\n      - {country: KAZ}\n", encoding="utf-8")
    assert publish(config=config, out_dir=tmp_path / "out", jobs=1) == 1
    err = capsys.readouterr().err
    assert "02-country-profile.ipynb {'country': 'XXX'} failed at cell" in err and "ParameterError" in err
    assert (tmp_path / "out" / "02-country-profile-kaz.html").exists()  # same kernel, restarted
