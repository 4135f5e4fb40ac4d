"""Headless chromium for the browser tests (Debian's /usr/bin/chromium, driven by
Playwright; never ``playwright install``) and axe-core's accessibility check.

``chromium()`` yields a Playwright ``Browser``; ``axe_violations(page)`` runs axe-core
(``node_modules/axe-core/axe.min.js``, installed by ``npm ci`` from package.json)
with the WCAG 2.0/2.1 A and AA rules and returns its violations. Tests using them are
marked ``@pytest.mark.browser``; they skip when chromium is absent, except under
``CI=true``, where a missing chromium or axe-core fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; .ci/run installs it")
    pytest.skip(f"{what} is missing")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium ``Browser`` (Playwright), closed afterwards."""
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.1 A and AA on the page as it is now."""
    if not AXE.exists():
        _missing(f"{AXE} (run npm ci)")
    # Evaluated through the devtools protocol, so a page's Content-Security-Policy
    # (which forbids inline scripts) does not stop it.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA_TAGS,
    )
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """The violations, one line each, for an assertion message."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in v["nodes"][:3])
        for v in violations
    )
