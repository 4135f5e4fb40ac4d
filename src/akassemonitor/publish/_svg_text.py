"""A faster way for WeasyPrint to draw the charts' SVG text in the PDF.

WeasyPrint (70.x) draws an SVG ``<text>`` one letter at a time: it lays out the whole
string, then every letter again, each with its own Pango layout, so that it could
place letters one by one (``x``/``y``/``dx``/``dy``/``rotate`` lists, ``letter-spacing``,
``textLength``). The charts use none of that: vl-convert writes each label as one
plain ``<text>`` placed by a ``transform``. Laying out and drawing the string once
makes the PDF about a fifth faster to write and the charts' text about half as big in
the file, and draws the text as vl-convert measured it (kerned, as a whole).

:func:`install` puts :func:`_text` in WeasyPrint's table of SVG tags. It draws a plain
``<text>`` (no child elements, no per-letter positioning, no spacing or length
adjustment) as one string, with WeasyPrint's own text drawing, and hands everything
else to WeasyPrint's own function. It adapts code from ``weasyprint/svg/text.py``
(BSD licence) and relies on WeasyPrint's internals, hence the pinned version range
in ``pyproject.toml``; with any other layout of those internals it installs nothing
and WeasyPrint draws as before.
"""

from __future__ import annotations

import sys
from math import inf
from typing import Any

import weasyprint
import weasyprint.svg

# Attributes that place or stretch letters one by one: such text goes to WeasyPrint.
_PER_LETTER = ("x", "y", "dx", "dy", "rotate", "letter-spacing", "textLength")
_TEXT_TAGS = ("a", "text", "textPath", "tspan")
_state: dict[str, Any] = {}


def install() -> bool:
    """Draw plain SVG text as whole strings from now on (once per process).

    Returns whether the fast path is in place: False when WeasyPrint's internals are
    not the ones this module was written for (then nothing is changed).
    """
    if "original" in _state:
        return True
    svg = weasyprint.svg
    module = sys.modules.get("weasyprint.svg.text")
    original = getattr(svg, "text", None)
    expected = ("TextBox", "Style", "extend_bounding_box")
    if (
        not weasyprint.__version__.startswith("70.")
        or module is None
        or not callable(original)
        or any(svg.TAGS.get(tag) is not original for tag in _TEXT_TAGS)
        or not all(hasattr(module, name) for name in expected)
    ):
        return False
    _state["original"] = original
    _state["module"] = module
    # draw_node recognises text by comparing the tag's function with ``svg.text``:
    # both must name the new function.
    svg.text = _text
    for tag in _TEXT_TAGS:
        svg.TAGS[tag] = _text
    return True


def installed() -> bool:
    """Whether :func:`install` has put the fast path in place in this process."""
    return "original" in _state


def _is_plain(node: Any) -> bool:
    """A ``<text>`` with only a string in it, placed as a whole."""
    return (
        node.tag == "text"
        and bool(node.text)
        and not any(name in node.attrib for name in _PER_LETTER)
        and not any(True for _ in node)
    )


def _text(svg: Any, node: Any, font_size: float) -> None:
    """Draw an SVG text node: a plain one as one string, any other as WeasyPrint does."""
    if not _is_plain(node):
        _state["original"](svg, node, font_size)
        return
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.text.line_break import split_first_line

    module = _state["module"]
    style = _style(module, svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(
        node.text, style, svg.context, inf, 0
    )
    x, y = svg.cursor_position
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + _y_align(node, font_size, height)
    svg.cursor_position = x + width, y
    node.text_bounding_box = module.extend_bounding_box(
        node.text_bounding_box,
        (
            (x_position, y_position - baseline),
            (x_position + width, y_position - baseline + height),
        ),
    )
    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = module.TextBox(layout, style)
    text_box.baseline = baseline
    matrix = Matrix(a=1, d=-1, e=x_position, f=y_position)
    emojis = draw_first_line(svg.stream, text_box, "none", "none", matrix)
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def _style(module: Any, svg: Any, node: Any, font_size: float) -> Any:
    """The text style WeasyPrint builds for an SVG text node (same rules)."""
    from weasyprint.css.properties import INITIAL_VALUES

    style = module.Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    weight = node.get("font-weight", 400)
    if weight == "normal":
        style["font_weight"] = 400
    elif weight == "bold":
        style["font_weight"] = 700
    else:
        try:
            style["font_weight"] = int(weight)
        except ValueError:
            style["font_weight"] = 400
    return style


def _y_align(node: Any, font_size: float, height: float) -> float:
    """WeasyPrint's vertical alignment of a text node (its own approximation)."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    display_anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        return -height / 2
    if display_anchor == "top":
        return 0
    if display_anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0
