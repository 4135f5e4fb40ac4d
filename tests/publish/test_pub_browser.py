"""axe-core in headless chromium: no WCAG 2.1 A/AA violation in any report of a month."""

from __future__ import annotations

import pytest
from browser import axe_violations, chromium, describe_violations
from release_factory import as_release

from akassemonitor.publish import render_reports, report_stem

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def html_files(tmp_path_factory, published, quality, config, month):
    """All ten HTML reports of the month (nine a-kasser and ALLE)."""
    out = tmp_path_factory.mktemp("html")
    paths = render_reports(
        as_release(published, quality, config, month), list(config.akasser_and_alle), out,
        formats=("html",),
    )
    return {p.stem: p for p in paths}


def test_every_report_of_the_month_has_no_wcag_21_aa_violation(html_files, config):
    assert sorted(html_files) == sorted(report_stem(a) for a in config.akasser_and_alle)
    found = {}
    with chromium() as browser:
        page = browser.new_page()
        for stem, path in sorted(html_files.items()):
            page.goto(path.as_uri())
            assert page.evaluate("document.documentElement.lang") == "da"
            violations = axe_violations(page)
            if violations:
                found[stem] = describe_violations(violations)
    assert not found, found


def test_axe_finds_a_violation_when_there_is_one(html_files):
    """The check can fail: a chart without its text alternative is reported."""
    path = next(iter(html_files.values()))
    with chromium() as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        page.evaluate("document.querySelector('svg.chart').removeAttribute('aria-label')")
        page.evaluate("document.querySelector('svg.chart title').remove()")
        ids = {v["id"] for v in axe_violations(page)}
    assert "svg-img-alt" in ids
