"""Published pages open offline, draw their charts, and never run text from the data."""

import shutil
import subprocess

import altair as alt
import pandas as pd
import pytest

from xiplomacy.charts import chart_html, table_html
from xiplomacy.publish import PAGE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
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
