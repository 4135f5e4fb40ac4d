"""Render a report to PDF with WeasyPrint, from the report's HTML and print stylesheet.

Speed: the bilag over all a-kasser is the same in every a-kasse's report of a month
and is the costliest part to lay out (about 200 table rows). So the PDF is laid out
from two variants of the same HTML (see :func:`render_html`):

* ``shared``: the shared sections alone, laid out once per process and month;
* ``main``: everything else, with blank place-holder pages where the shared pages go,
  so that page numbers, the running page total and the contents' page numbers
  (``target-counter``) are those of the whole document.

The final PDF is the main pages with the place-holders replaced by the shared pages.
The shared pages' margin boxes (running title, "Side X af Y") depend on where they
fall in the report; they are taken from a small document of as many blank pages
with the same page rules, so the shared content is laid out only once. The shared
pages are also drawn only once per process and numbering: later PDFs replay the
recorded drawing (:mod:`akassemonitor.publish._recorded_page`).

Also per process, not per document: the font configuration and the parsed stylesheet
(:func:`_stylesheet`). The charts' SVG text is drawn a string at a time, not a letter
at a time (:mod:`akassemonitor.publish._svg_text`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import weasyprint
from weasyprint.formatting_structure.boxes import MarginBox
from weasyprint.text.fonts import FontConfiguration

from akassemonitor.publish import _svg_text
from akassemonitor.publish._html import page_css, render_html, stylesheet_css
from akassemonitor.publish._model import Report
from akassemonitor.publish._recorded_page import RecordedPage

# WeasyPrint logs every CSS property it does not know (screen-only ones such as
# ``overflow-x`` or phone media queries) as a warning; expected, and noise in the CLI.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
# The charts' text drawn as whole strings, not letter by letter (see _svg_text).
_svg_text.install()

_CACHE_LIMIT = 8
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class _SharedKey:
    html: str  # the shared part's HTML
    page_rules: str  # its page rules, with the page numbers


_shared_content: dict[str, weasyprint.Document] = {}  # shared HTML -> laid out
_shared_pages: dict[_SharedKey, list[weasyprint.Page]] = {}  # ... with margin boxes
_BODY = re.compile(r"(<body>).*(</body>)", re.S)


def _offline_fetcher() -> weasyprint.URLFetcher:
    """A fetcher for ``data:`` URLs only: a report never reaches for a file or the net."""
    return weasyprint.URLFetcher(allowed_protocols={"data"})


@cache
def _font_config() -> FontConfiguration:
    """One font configuration per process: loading the system's fonts costs each time.

    Kept for the life of the process (WeasyPrint removes the fonts of a configuration
    when it is garbage collected), so that cached documents and forked workers can
    rely on it.
    """
    return FontConfiguration()


@cache
def _stylesheet() -> weasyprint.CSS:
    """The fonts and the report's stylesheet, parsed once per process."""
    return weasyprint.CSS(
        string=stylesheet_css(), font_config=_font_config(), url_fetcher=_offline_fetcher()
    )


def _layout(html: str, page_rules: str) -> weasyprint.Document:
    """Lay out one document: ``html`` (no stylesheet of its own) with the report's
    stylesheet and then ``page_rules``, in that order, as in the HTML file."""
    fetcher = _offline_fetcher()
    font_config = _font_config()
    rules = weasyprint.CSS(string=page_rules, font_config=font_config, url_fetcher=fetcher)
    return weasyprint.HTML(string=html, url_fetcher=fetcher).render(
        font_config=font_config, stylesheets=[_stylesheet(), rules]
    )


def _remember(store: dict[K, V], key: K, value: V) -> V:
    """Keep ``value`` in ``store`` (a few months at most), and return it."""
    if len(store) >= _CACHE_LIMIT:
        store.pop(next(iter(store)))
    store[key] = value
    return value


def _shared_document(report: Report, html: str) -> weasyprint.Document:
    """The shared sections laid out (once per process); their margin boxes are not used:
    the content does not depend on the page numbers printed in the margins."""
    document = _shared_content.get(html)
    if document is None:
        rules = page_css(report, part="shared")
        document = _remember(_shared_content, html, _layout(html, rules))
    return document


def _numbered_shared_pages(
    report: Report, html: str, first_page: int, total_pages: int
) -> list[weasyprint.Page]:
    """The shared pages with the running title and numbers they have in the report.

    The page content comes from :func:`_shared_document`; the margin boxes from a
    document of as many blank pages with the shared part's page rules.
    """
    rules = page_css(report, part="shared", first_page=first_page, total_pages=total_pages)
    key = _SharedKey(html, rules)
    pages = _shared_pages.get(key)
    if pages is None:
        content = _shared_document(report, html).pages
        blanks = '<div class="stub"></div>' * len(content)
        frame = _layout(_BODY.sub(lambda m: m[1] + blanks + m[2], html, count=1), rules)
        if len(frame.pages) != len(content):
            raise RuntimeError("the shared pages' numbering did not lay out page for page")
        numbered = [
            _with_margins_of(page, margins)
            for page, margins in zip(content, frame.pages, strict=True)
        ]
        pages = _remember(_shared_pages, key, numbered)
    return pages


def _with_margins_of(page: weasyprint.Page, other: weasyprint.Page) -> RecordedPage:
    """``page`` with the margin boxes (running title, page number) of ``other``; drawn
    once per process, then replayed (see :mod:`._recorded_page`)."""
    box = page._page_box.copy()
    box.children = (
        *(c for c in page._page_box.children if not isinstance(c, MarginBox)),
        *(c for c in other._page_box.children if isinstance(c, MarginBox)),
    )
    return RecordedPage(box)


def _stub_start(document: weasyprint.Document, anchor: str) -> int:
    """The index of the page that holds the first place-holder."""
    for index, page in enumerate(document.pages):
        if anchor in page.anchors:
            return index
    raise RuntimeError(f"place-holder #{anchor} not found in the laid-out report")


def render_pdf(report: Report) -> bytes:
    """The PDF of one report: A4, page numbers, contents with page numbers, fonts embedded."""
    shared_sections = [s for s in report.sections if s.shared]
    main_rules = page_css(report, part="main")
    if not shared_sections:
        return _dated(_layout(render_html(report, part="main"), main_rules), report).write_pdf(
            full_fonts=True
        )
    shared_html = render_html(report, part="shared")
    stubs = len(_shared_document(report, shared_html).pages)
    main = _layout(render_html(report, part="main", stub_pages=stubs), main_rules)
    start = _stub_start(main, shared_sections[0].anchor)
    shared = _numbered_shared_pages(report, shared_html, start + 1, len(main.pages))
    pages = [*main.pages[:start], *shared, *main.pages[start + stubs :]]
    # Embed the (small, Latin-only) fonts whole: subsetting them with fontTools costs
    # more time than the few kilobytes it saves.
    return _dated(main.copy(pages), report).write_pdf(full_fonts=True)


def _dated(document: weasyprint.Document, report: Report) -> weasyprint.Document:
    """The document with the report's fixed date as its creation and modification
    date (never the time of rendering: a rerun of a release gives the same bytes)."""
    stamp = report.issued.strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.created = stamp
    document.metadata.modified = stamp
    return document
