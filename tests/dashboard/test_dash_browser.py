"""End to end in headless chromium: the dashboard as a user meets it.

A real uvicorn server on 127.0.0.1 (a free port) serves the session's releases; the
tests click through it, hover charts, download the PDF, and run axe-core (WCAG 2.1
AA) on every page at desktop and phone width. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from browser import axe_violations, chromium, describe_violations
from dash_releases import Releases

from akassemonitor.dashboard import create_app, load_library

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "dashboard"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGES = ("/", "/akasse/FTF-A", "/akasse/ALLE?month=2022M03", "/kvalitet", "/docs",
         "/akasse/Ukendt")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(releases: Releases) -> Iterator[str]:
    app = create_app(load_library(releases.root))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            access_log=False)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


class Watched:
    """A page whose console errors and failed requests are recorded."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport, accept_downloads=True)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("response", lambda r: r.status >= 500 and
                     self.problems.append(f"{r.status}: {r.url}"))

    def close(self) -> None:
        self.context.close()


def shoot(page: Any, name: str, *, full: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def charts_drawn(page: Any) -> int:
    # A chart counts as drawn only with its SVG in it: while htmx settles a swap, the
    # new chart divs carry the old ones' attributes ("drawn" among them) for a moment.
    page.wait_for_function(
        "() => { const c = document.querySelectorAll('div.chart');"
        " return c.length > 0 && Array.from(c).every(e => e.classList.contains('failed')"
        " || (e.classList.contains('drawn') && e.querySelector('svg') !== null)); }",
        timeout=60_000,
    )
    assert page.locator("div.chart.failed").count() == 0
    return page.locator("div.chart.drawn svg").count()


def test_click_through_hover_and_download(server: str, browser: Any) -> None:
    watched = Watched(browser, DESKTOP)
    page = watched.page
    page.goto(server + "/")
    assert page.title().startswith("Overblik – april 2022")
    shoot(page, "overview-desktop")
    # Click an a-kasse.
    page.get_by_role("link", name="FTF-A", exact=True).first.click()
    page.wait_for_url(re.compile(r"/akasse/FTF-A\?month=2022M04$"))
    assert charts_drawn(page) == 11
    assert page.locator("h1").inner_text() == "FTF-A – april 2022"
    shoot(page, "akasse-desktop")
    # Hover a bar: the tooltip shows the Danish-formatted value of that month.
    bars = page.locator("#graf-1-1 svg g.mark-rect.role-mark path")
    assert bars.count() > 0
    bars.nth(bars.count() - 1).scroll_into_view_if_needed()
    bars.nth(bars.count() - 1).hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    tip = tooltip.inner_text()
    month = re.search(r"\d{4}M\d{2}", tip).group(0)
    cell = page.locator(f'td[data-cell="paabegyndte_forloeb|{month}|FTF-A|"]')
    assert cell.count() == 1
    assert cell.text_content() in tip  # the same text as the table, e.g. 1.234
    shoot(page, "akasse-hover-bar")
    # Hover a suppressed month's mark: the tooltip says *.
    stars = page.locator("div.chart svg g.mark-text.role-mark text", has_text="*")
    assert stars.count() > 0, "the small trial has suppressed months"
    stars.first.scroll_into_view_if_needed()
    stars.first.hover(force=True)
    page.wait_for_function(
        "() => /Værdi\\s*\\*/.test(document.querySelector('#vg-tooltip-element').innerText)")
    shoot(page, "akasse-hover-star")
    # Change the month.
    page.get_by_label("Måned", exact=True).select_option("2022M03")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url(re.compile(r"month=2022M03"))
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('marts')")
    assert page.locator("h1").inner_text() == "FTF-A – marts 2022"
    assert charts_drawn(page) == 11
    assert page.title().startswith("FTF-A – marts 2022")
    # Download the PDF.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport som PDF").click()
    download = download_info.value
    saved = ARTIFACTS / "FTF-A-2022M03.pdf"
    download.save_as(str(saved))
    assert saved.read_bytes().startswith(b"%PDF")
    assert watched.problems == []
    watched.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_meets_wcag_21_aa(server: str, browser: Any,
                                     viewport: dict[str, int]) -> None:
    watched = Watched(browser, viewport)
    page = watched.page
    width = "phone" if viewport is PHONE else "desktop"
    for path in PAGES:
        page.goto(server + path)
        if path.startswith("/akasse/F") or path.startswith("/akasse/A"):
            charts_drawn(page)
        # Open every table, so axe checks them too.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        violations = axe_violations(page)
        assert violations == [], f"{path}:\n{describe_violations(violations)}"
        if viewport is PHONE:
            # Readable at phone width: nothing wider than the screen but scrolling tables.
            overflow = page.evaluate("() => document.documentElement.scrollWidth")
            assert overflow <= viewport["width"], (path, overflow)
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "overview"
        shoot(page, f"{name}-{width}", full=viewport is PHONE and path == "/akasse/FTF-A")
    problems = [p for p in watched.problems if "404" not in p]
    assert problems == []
    watched.close()


def test_keyboard_reaches_an_akasse_and_the_month_form(server: str, browser: Any) -> None:
    watched = Watched(browser, DESKTOP)
    page = watched.page
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Gå til indholdet"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "3F-A":
            break
    else:
        pytest.fail("no a-kasse link reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/akasse/3F-A"))
    page.get_by_label("Måned", exact=True).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Vis"
    watched.close()
