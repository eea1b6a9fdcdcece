"""End to end in headless Chromium: the real server (`manysides serve`) and the static report file.

Screenshots go to test-artifacts/screenshots/ and are kept after the run.
Skipped, with the reason, only where Chromium is not installed or cannot start.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from manysides.report.html import render_story
from tests.test_web import build_store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PAYLOAD_SCRIPT = "<script>alert(1)</script>"
PAYLOAD_IMG = "<img src=x onerror=alert(1)>"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium is not installed at {CHROMIUM}: `make browser` installs Debian's chromium with apt-get; "
            "it could not here (no root or no package mirror), so the browser tests are skipped"
        )
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        except sync_api.Error as exc:
            pytest.skip(f"Chromium at {CHROMIUM} is installed but does not start: {str(exc).splitlines()[0]}")
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module", autouse=True)
def server_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`manysides serve` on a free loopback port over the hand-made story, started with the module.

    It boots (imports, store) while the static-report tests run; `server` waits for it.
    """
    db = tmp_path_factory.mktemp("browser") / "web.db"
    build_store(db)
    port = _free_port()
    cli = "from manysides.cli import app; app()"  # the `manysides` entry point, whatever the venv's bin holds
    command = [sys.executable, "-c", cli, "serve", "--db", str(db), "--port", str(port)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(server_process: tuple[str, subprocess.Popen[bytes]]) -> str:
    url, process = server_process
    _wait_until_up(url, process)
    return url


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"manysides serve exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(url + "/api/stories", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"manysides serve did not answer at {url} within 30 s")


class Watch:
    """A page with its console errors, page errors, failed requests and dialogs recorded."""

    def __init__(self, browser: object, width: int = 1100) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def shot(self, name: str, full_page: bool = True) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        assert path.stat().st_size > 1000
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser: object) -> Iterator[Watch]:
    watched = Watch(browser)
    yield watched
    watched.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    analysis = build_store(tmp_path_factory.mktemp("report") / "r.db")
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_story(analysis), encoding="utf-8")
    return path


def test_browser_static_report_renders_offline(watch: Watch, report_file: Path) -> None:
    page = watch.page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report_file.as_uri())
    assert page.locator("section").count() == 10
    assert page.locator("svg.timeline-chart g.event").count() == 3
    # The stylesheet applied (its hash is in the CSP): the conflict badge is styled, not plain text.
    badge = page.locator(".badge").first
    assert badge.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    page.locator("a.cite").first.click()
    assert page.locator("mark.passage:target").count() == 1
    assert [r for r in requests if not r.startswith("file://")] == []
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    watch.shot("report-desktop")
    assert watch.errors == []


def test_browser_report_reads_on_a_phone(browser: object, report_file: Path) -> None:
    phone = Watch(browser, width=390)
    try:
        phone.page.goto(report_file.as_uri())
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px screen"
        font = phone.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font >= 14
        phone.shot("report-phone-390")
        assert phone.errors == []
    finally:
        phone.close()


def test_browser_report_prints_well(watch: Watch, report_file: Path) -> None:
    page = watch.page
    page.goto(report_file.as_uri())
    page.emulate_media(media="print")
    assert not page.locator("nav.toc").is_visible()
    assert page.locator("details ul.comments").first.is_visible()  # comments print, though folded on screen
    pdf = SHOTS.parent / "report.pdf"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.stat().st_size > 10_000
    watch.shot("report-print")
    assert watch.errors == []


def test_browser_stories_list_and_search(watch: Watch, server: str) -> None:
    page = watch.page
    page.goto(server + "/")
    assert page.locator("table.stories tbody tr").count() == 1
    watch.shot("stories")
    page.fill("input[name=q]", "Tuesday")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Tuesday")
    assert page.locator("ol.results li").count() == 1
    assert page.locator("ol.results mark").first.inner_text() == "Tuesday"
    watch.shot("search")
    page.click("ol.results li a >> nth=0")
    page.wait_for_url("**/articles/a2")
    assert watch.errors == []


def test_browser_citation_shows_its_source_passage(watch: Watch, server: str) -> None:
    page = watch.page
    page.goto(server + "/")
    page.click("text=Kessa corridor opens")
    page.wait_for_url("**/stories/s-kessa")
    cite = page.locator("#summary a.cite").last
    pop = cite.locator(".pop")
    assert not pop.is_visible()
    cite.hover()
    assert pop.is_visible() and "Rebel commanders rejected the offer." in pop.inner_text()
    watch.shot("citation-hover", full_page=False)
    cite.click()
    target = page.locator("mark.passage:target")
    assert target.inner_text() == "Rebel commanders rejected the offer."
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }")
    watch.shot("citation-passage", full_page=False)
    assert watch.errors == []


def test_browser_article_with_payloads_shows_them_as_text(watch: Watch, server: str) -> None:
    page = watch.page
    page.goto(server + "/articles/a3")
    body = page.locator("main").inner_text()
    assert PAYLOAD_SCRIPT in body and PAYLOAD_IMG in body
    assert page.locator("main script, main img").count() == 0
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    watch.shot("article-payloads")
    assert watch.errors == []


def test_browser_paste_text_adds_an_article(watch: Watch, server: str) -> None:
    page = watch.page
    page.goto(server + "/add")
    text = (
        f"Kessa corridor shut again\n\nThe Kessa corridor stayed shut on Saturday, officials in Kessa said. "
        f'{PAYLOAD_SCRIPT} {PAYLOAD_IMG} "We are waiting for guarantees," said Mara Velin of the council.'
    )
    page.fill("textarea[name=text]", text)
    page.fill("form[action='/add/text'] input[name=outlet]", "Browser Wire")
    page.click("text=Add the text")
    page.wait_for_selector("h1:has-text('Added 1 article')", timeout=45_000)
    watch.shot("added")
    page.click("a[href^='/articles/']")
    body = page.locator("main").inner_text()
    assert PAYLOAD_SCRIPT in body and PAYLOAD_IMG in body
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    watch.shot("added-article")
    assert watch.errors == []


def test_browser_story_page_on_a_phone(browser: object, server: str) -> None:
    phone = Watch(browser, width=390)
    try:
        phone.page.goto(server + "/stories/s-kessa")
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the story page is {width}px wide on a 390px screen"
        phone.page.locator("ol.summary a.cite").first.focus()
        assert phone.page.locator("ol.summary a.cite .pop").first.is_visible()
        phone.shot("story-phone-390")
        assert phone.errors == []
    finally:
        phone.close()
