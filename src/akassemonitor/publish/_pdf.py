"""Render a report to PDF with WeasyPrint, from the report's HTML and print stylesheet.

Speed: the bilag over all a-kasser is the same in every a-kasse's report of a month
and is the costliest part to lay out (about 200 table rows). So the PDF is laid out
from two variants of the same HTML (see :func:`render_html`):

* ``shared``: the shared sections alone, laid out once per month (and per first page
  number and page total, which are printed in its footers) and cached;
* ``main``: everything else, with blank place-holder pages where the shared pages go,
  so that page numbers, the running page total and the contents' page numbers
  (``target-counter``) are those of the whole document.

The final PDF is the main pages with the place-holders replaced by the shared pages.
The first report of a process lays out the shared part twice (once to learn its
length and where it starts); later reports reuse it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import weasyprint

from akassemonitor.publish._html import render_html
from akassemonitor.publish._model import Report

# WeasyPrint logs every CSS property it does not know (screen-only ones such as
# ``overflow-x`` or phone media queries) as a warning; expected, and noise in the CLI.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

_CACHE_LIMIT = 8


@dataclass(frozen=True)
class _SharedKey:
    html: str  # the shared part's HTML, without page numbers
    first_page: int
    total_pages: int


_shared_documents: dict[_SharedKey, weasyprint.Document] = {}
_last_layout: dict[str, tuple[int, int]] = {}  # shared HTML -> (first page, total pages)


def _offline_fetcher() -> weasyprint.URLFetcher:
    """A fetcher for ``data:`` URLs only: a report never reaches for a file or the net."""
    return weasyprint.URLFetcher(allowed_protocols={"data"})


def _layout(html: str) -> weasyprint.Document:
    return weasyprint.HTML(string=html, url_fetcher=_offline_fetcher()).render()


def _shared_document(report: Report, first_page: int, total_pages: int) -> weasyprint.Document:
    identity = render_html(report, part="shared")
    key = _SharedKey(identity, first_page, total_pages)
    if key not in _shared_documents:
        if len(_shared_documents) >= _CACHE_LIMIT:
            _shared_documents.pop(next(iter(_shared_documents)))
        html = render_html(
            report, part="shared", first_page=first_page, total_pages=total_pages
        )
        _shared_documents[key] = _layout(html)
    _last_layout[identity] = (first_page, total_pages)
    return _shared_documents[key]


def _stub_start(document: weasyprint.Document, anchor: str) -> int:
    """The index of the page that holds the first place-holder."""
    for index, page in enumerate(document.pages):
        if anchor in page.anchors:
            return index
    raise RuntimeError(f"place-holder #{anchor} not found in the laid-out report")


def render_pdf(report: Report) -> bytes:
    """The PDF of one report: A4, page numbers, contents with page numbers, fonts embedded."""
    shared_sections = [s for s in report.sections if s.shared]
    if not shared_sections:
        return _layout(render_html(report, part="main")).write_pdf(full_fonts=True)
    identity = render_html(report, part="shared")
    numbering = _last_layout.get(identity, (1, 0))
    shared = _shared_document(report, *numbering)
    for _ in range(3):
        stubs = len(shared.pages)
        main = _layout(render_html(report, part="main", stub_pages=stubs))
        start = _stub_start(main, shared_sections[0].anchor)
        wanted = (start + 1, len(main.pages))
        if wanted != numbering:
            numbering = wanted
            shared = _shared_document(report, *numbering)
        if len(shared.pages) == stubs:
            break
    else:
        raise RuntimeError("the shared pages of the report did not settle on a length")
    pages = [*main.pages[:start], *shared.pages, *main.pages[start + stubs :]]
    # Embed the (small, Latin-only) fonts whole: subsetting them with fontTools costs
    # more time than the few kilobytes it saves.
    return main.copy(pages).write_pdf(full_fonts=True)
