"""The charts' SVG text drawn as whole strings: same words, same places, as WeasyPrint's own."""

from __future__ import annotations

import base64
from xml.etree import ElementTree

import pypdfium2
import pytest
import weasyprint
import weasyprint.svg

from akassemonitor.publish import _pdf, _svg_text  # noqa: F401  (_pdf installs the fast path)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
<g font-family="Source Sans 3" font-size="11px" fill="#1d2733">
<text text-anchor="end" transform="translate(120,40)">Fuld forsøgsperiode</text>
<text text-anchor="middle" transform="translate(200,80)">Udmeldt ærø å</text>
<text transform="translate(40,120) rotate(315)">2022M04</text>
<text x="250" y="150" font-weight="bold">Mål 85 %</text>
<text x="40 60 80" y="180">ABC</text>
<text transform="translate(260,180)">to <tspan font-weight="bold">dele</tspan></text>
</g></svg>"""


def _chars(pdf: bytes) -> list[tuple[str, float, float]]:
    """Every drawn character with the left and bottom of its box (points), in order."""
    page = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    text = page.get_text_range()
    return [
        (char, *page.get_charbox(i)[:2]) for i, char in enumerate(text) if not char.isspace()
    ]


def _render(font_config) -> bytes:
    uri = "data:image/svg+xml;base64," + base64.b64encode(SVG.encode()).decode()
    html = f'<img src="{uri}" style="width: 400px">'
    return weasyprint.HTML(string=html).write_pdf(font_config=font_config)


@pytest.fixture
def weasyprint_own(monkeypatch):
    """WeasyPrint's own letter-by-letter SVG text, for the time of a test."""
    original = _svg_text._state["original"]
    monkeypatch.setattr(weasyprint.svg, "text", original)
    for tag in _svg_text._TEXT_TAGS:
        monkeypatch.setitem(weasyprint.svg.TAGS, tag, original)


def test_the_fast_path_is_installed_for_the_pinned_weasyprint():
    assert weasyprint.__version__.startswith("70.")
    assert _svg_text.installed()
    assert weasyprint.svg.TAGS["text"] is _svg_text._text


def test_plain_and_other_text_are_drawn_as_weasyprint_draws_them(request):
    fast = _chars(_render(_pdf._font_config()))
    request.getfixturevalue("weasyprint_own")
    assert weasyprint.svg.TAGS["text"] is not _svg_text._text
    own = _chars(_render(_pdf._font_config()))
    assert "".join(c for c, _, _ in fast) == "".join(c for c, _, _ in own)
    assert "Fuldforsøgsperiode" in "".join(c for c, _, _ in fast)
    for (char, x1, y1), (_, x2, y2) in zip(fast, own, strict=True):
        # Whole strings are kerned, single letters are not: within a point or so.
        assert abs(x1 - x2) < 1.5 and abs(y1 - y2) < 1.5, char


def test_a_plain_text_is_one_string_and_any_other_goes_to_weasyprint():
    svg = weasyprint.svg.SVG(ElementTree.fromstring(SVG), None, _pdf._font_config())
    group = next(iter(svg.tree))
    texts = [node for node in group if node.tag == "text"]
    plain = [_svg_text._is_plain(n) for n in texts]
    assert plain == [True, True, True, False, False, False]
