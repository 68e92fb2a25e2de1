"""The explorer as a Voila app on 127.0.0.1, driven by Playwright in Debian's chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from xiplomacy import paths

CHROMIUM = shutil.which("chromium")
# tests that start Jupyter kernels run in one xdist worker, one after another: kernels pick their
# ports by binding and releasing them, and two starting at once can collide
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)"),
              pytest.mark.xdist_group("kernels")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    port = free_port()
    env = dict(os.environ, JUPYTER_PATH=str(paths.ROOT / "app"))
    voila = Path(sys.executable).parent / "voila"
    proc = subprocess.Popen([str(voila), "--Voila.ip=127.0.0.1", f"--port={port}", "--no-browser", "--template=offline",
                             str(paths.NOTEBOOKS / "00-explorer.ipynb")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.3)
    url = f"http://127.0.0.1:{port}/"
    # a first render executes the notebook once; in a fresh environment that includes compiling
    # every imported module, which can take minutes on two cores
    with urllib.request.urlopen(url, timeout=600) as response:
        assert response.status == 200
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_explorer_filters_and_stays_on_this_machine(app_url):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        hosts = set()
        page.on("request", lambda r: hosts.add(r.url.split("/")[2]) if r.url.startswith("http") else None)
        # About one render in eight never finishes loading here (Voila 0.5, seen alone and under
        # load, cause not found); a reader would reload, so the test reloads too, at most twice
        for attempt in range(3):
            try:
                page.goto(app_url, timeout=120_000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        summary = page.locator("b", has_text="statements,")
        summary.wait_for(timeout=120_000)
        first = summary.inner_text()
        page.wait_for_selector(".xiplomacy-chart svg", timeout=60_000)  # the map is drawn
        map_before = page.locator(".xiplomacy-chart").first.get_attribute("id")

        countries = page.locator(".widget-select-multiple", has_text="Countries").locator("select")
        countries.select_option(value=None, label="Kazakhstan (KAZ)")
        page.wait_for_function("s => !document.body.innerText.includes(s)", arg=first, timeout=60_000)
        kaz = summary.inner_text()
        assert kaz != first and " 1 parties" in kaz
        page.locator(".widget-tab-contents, .lm-TabPanel").first.wait_for()
        page.wait_for_selector(".xiplomacy-chart svg", timeout=60_000)
        assert page.locator(".xiplomacy-chart").first.get_attribute("id") != map_before  # a new chart spec

        page.get_by_role("tab", name="Texts").click()
        assert "Kazakhstan" in page.locator(".xiplomacy-table").last.inner_text()

        # the implementation layer: its own tab, narrowed by kind
        page.get_by_role("tab", name="Implementation").click()
        deeds = page.locator(".xiplomacy-table").last
        deeds.wait_for(timeout=60_000)
        assert "impa-" in deeds.inner_text() and "law_enforcement_agreement" in deeds.inner_text()
        page.locator(".widget-select-multiple", has_text="Kind").locator("select").select_option(label="training")
        page.wait_for_function("s => !document.body.innerText.includes(s)", arg=kaz, timeout=60_000)
        assert "law_enforcement_agreement" not in page.locator(".xiplomacy-table").last.inner_text()
        kaz = summary.inner_text()

        page.locator(".widget-dropdown", has_text="Initiative").locator("select").select_option(label="GDI")
        page.wait_for_function("s => !document.body.innerText.includes(s)", arg=kaz, timeout=60_000)
        assert summary.inner_text() != kaz
        browser.close()
    assert hosts == {app_url.split("/")[2]}, f"requests left the machine: {hosts}"
