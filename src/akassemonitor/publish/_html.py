"""Render a :class:`Report` to one self-contained HTML file (Jinja2).

Self-contained: the stylesheet and the font are inlined (the font as base64 data), the
charts are inline SVG (``role="img"`` with the chart's text alternative), and nothing
refers to another file or to the network. The same template feeds WeasyPrint for the
PDF (``part="pdf"``); its print rules live in the same stylesheet, which the PDF gets
parsed once per process (:func:`stylesheet_css`, :func:`page_css`) instead of inline.
"""

from __future__ import annotations

import base64
from functools import cache
from importlib import resources
from typing import Literal

import jinja2

from akassemonitor.publish._model import Report

Part = Literal["file", "pdf"]
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


def page_css(report: Report) -> str:
    """The page rules of one report: its running title."""
    return f'@page {{ @top-left {{ content: "{_css_string(report.running_title)}"; }} }}'


def render_html(report: Report, *, part: Part = "file") -> str:
    """The report as one HTML document (a string).

    ``part="file"`` is the self-contained HTML file, its stylesheet inline, every
    figure tagged with its cell (``data-cell``). ``part="pdf"`` is what the PDF is laid
    out from: no stylesheet (the PDF passes it, parsed once per process, with
    :func:`page_css`), no ``data-cell`` tags (less to parse), and the charts as SVG
    images with their text alternative as ``alt`` (a tagged ``Figure``), which
    WeasyPrint lays out faster than inline SVG.
    """
    inline = part == "file"
    return _template().render(
        report=report,
        part=part,
        fonts_css=fonts_css() if inline else "",
        report_css=report_css() if inline else "",
        page_css=page_css(report) if inline else "",
    )
