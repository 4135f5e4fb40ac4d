"""Render a report to a tagged PDF (PDF/UA-1) with WeasyPrint, through its public API.

The PDF is laid out from the report's HTML (:func:`render_html` with ``part="pdf"``)
and its print stylesheet. WeasyPrint's ``pdf/ua-1`` variant tags the structure (the
HTML's headings, paragraphs, lists, tables, figures), takes the language from
``<html lang="da">`` and the title from ``<title>``, shows the title in the viewer's
window, makes bookmarks of the headings and marks backgrounds and borders as
artefacts. Each chart is an ``<img>`` whose ``alt`` is the chart's Danish text
alternative (a ``Figure`` with ``/Alt``).

One addition, in WeasyPrint's public ``finisher`` hook: every table header cell
(``TH``) gets its ``/Scope`` (``/Column`` in the table head, ``/Row`` in the body), as
the HTML's ``scope`` says; WeasyPrint itself links each data cell to its headers
(``/Headers``).

Per process, not per document: the font configuration and the parsed stylesheet.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import pydyf
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from akassemonitor.publish._html import page_css, render_html, stylesheet_css
from akassemonitor.publish._model import Report

# WeasyPrint logs every CSS property it does not know (screen-only ones such as
# ``overflow-x`` or phone media queries) as a warning; expected, and noise in the CLI.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

PDF_VARIANT = "pdf/ua-1"


def _offline_fetcher() -> weasyprint.URLFetcher:
    """A fetcher for ``data:`` URLs only: a report never reaches for a file or the net."""
    return weasyprint.URLFetcher(allowed_protocols={"data"})


@cache
def _font_config() -> FontConfiguration:
    """One font configuration per process: loading the system's fonts costs each time."""
    return FontConfiguration()


@cache
def _stylesheet() -> weasyprint.CSS:
    """The fonts and the report's stylesheet, parsed once per process."""
    return weasyprint.CSS(
        string=stylesheet_css(), font_config=_font_config(), url_fetcher=_offline_fetcher()
    )


def _header_scopes(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
    """Give every ``TH`` structure element its ``/Scope`` (a ``finisher`` for write_pdf).

    A header cell in the table head (``THead``) heads its column, one in the body
    (the first cell of each row, ``<th scope="row">``) heads its row.
    """
    by_number: dict[int, Any] = {
        obj.number: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)
    }

    def parent(element: pydyf.Dictionary) -> pydyf.Dictionary | None:
        reference = element.get("P")  # b"12 0 R"
        return by_number.get(int(reference.split()[0])) if reference else None

    for element in by_number.values():
        if element.get("S") != "/TH":
            continue
        row = parent(element)
        group = parent(row) if row is not None else None
        in_head = group is not None and group.get("S") == "/THead"
        attributes = element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        attributes["Scope"] = "/Column" if in_head else "/Row"


def render_pdf(report: Report) -> bytes:
    """The tagged PDF (PDF/UA-1) of one report: A4, page numbers, contents with page
    numbers, bookmarks, fonts embedded."""
    fetcher = _offline_fetcher()
    font_config = _font_config()
    rules = weasyprint.CSS(string=page_css(report), font_config=font_config, url_fetcher=fetcher)
    document = weasyprint.HTML(string=render_html(report, part="pdf"), url_fetcher=fetcher)
    # Embed the (small, Latin-only) fonts whole: subsetting them with fontTools costs
    # more time than the few kilobytes it saves.
    return document.write_pdf(
        stylesheets=[_stylesheet(), rules],
        font_config=font_config,
        pdf_variant=PDF_VARIANT,
        full_fonts=True,
        finisher=_header_scopes,
    )
