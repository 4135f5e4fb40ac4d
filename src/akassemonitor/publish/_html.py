"""Render a :class:`Report` to one self-contained HTML file (Jinja2).

Self-contained: the stylesheet and the font are inlined (the font as base64 data), the
charts are inline SVG, and nothing refers to another file or to the network. The same
template feeds WeasyPrint for the PDF; its print rules live in the same stylesheet
(which the PDF gets as a parsed stylesheet, :func:`stylesheet_css` and :func:`page_css`,
instead of inline).
"""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources
from typing import Literal

import jinja2

from akassemonitor.publish._model import Report

Part = Literal["file", "main", "shared"]
FONT_FILES = {400: "SourceSans3-400.ttf", 700: "SourceSans3-700.ttf"}


def _static(*parts: str) -> bytes:
    return resources.files("akassemonitor.publish").joinpath("static", *parts).read_bytes()


@cache
def fonts_css() -> str:
    """``@font-face`` rules with the shipped font embedded as base64 TrueType."""
    rules = []
    for weight, name in FONT_FILES.items():
        data = base64.b64encode(_static("fonts", name)).decode("ascii")
        rules.append(
            "@font-face { font-family: \"Source Sans 3\"; font-style: normal; "
            f"font-weight: {weight}; src: url(data:font/ttf;base64,{data}) format(\"truetype\"); }}"
        )
    return "\n".join(rules)


@cache
def report_css() -> str:
    return _static("report.css").decode("utf-8")


def svg_data_uri(svg: str) -> str:
    """An SVG as a ``data:`` URI (base64), for an ``<img>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("akassemonitor.publish", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["svg_data_uri"] = svg_data_uri
    return env.get_template("report.html.j2")


def _css_string(text: str) -> str:
    """Text safe inside a double-quoted CSS string within a <style> element."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")


@cache
def stylesheet_css() -> str:
    """The fonts and the report's stylesheet, as inlined in the HTML file."""
    return f"{fonts_css()}\n{report_css()}"


def page_css(
    report: Report, *, part: Part = "file", first_page: int = 1, total_pages: int = 0
) -> str:
    """The page rules of one document: its running title, and the numbering of shared pages.

    The shared pages (``part="shared"``) are numbered from ``first_page`` of
    ``total_pages``: the numbers they have in the whole report.
    """
    shared = part == "shared"
    title = _css_string(report.shared_running_title if shared else report.running_title)
    rules = f'@page {{ @top-left {{ content: "{title}"; }} }}'
    if shared:
        rules += (
            "\n@page :first {\n"
            f"  counter-reset: page {first_page};\n"
            f'  @top-left {{ content: "{title}"; }}\n'
            f'  @bottom-right {{ content: "Side " counter(page) " af {total_pages}"; }}\n'
            "}\n"
            f'@page {{ @bottom-right {{ content: "Side " counter(page) " af {total_pages}"; }} }}'
        )
    return rules


def render_html(report: Report, *, part: Part = "file", stub_pages: int = 1) -> str:
    """The report as one HTML document (a string).

    ``part="file"`` is the self-contained HTML file, its stylesheet inline. The PDF is
    laid out from two variants of the same document, without the stylesheet (the PDF
    passes it, parsed once per process, with :func:`page_css`): ``"main"``, with each
    shared section replaced by ``stub_pages`` blank place-holder pages, and
    ``"shared"``, the shared sections alone. Both embed the charts as SVG images,
    which WeasyPrint lays out faster than inline SVG.
    """
    inline = part == "file"
    return _template().render(
        report=report,
        part=part,
        stub_pages=stub_pages,
        fonts_css=fonts_css() if inline else "",
        report_css=report_css() if inline else "",
        page_css=page_css(report, part=part) if inline else "",
    )
