"""Accessibility: the tagged PDF (PDF/UA-1), the HTML's structure, the charts' text
alternatives and the colours' contrast."""

from __future__ import annotations

import itertools
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from release_factory import as_release

from akassemonitor.publish import _charts, build_reports
from akassemonitor.publish._cells import CellIndex
from akassemonitor.publish._model import Chart, KeyFigureGroup, Report, Table


@pytest.fixture(scope="module")
def ftf(published, quality, config, month) -> Report:
    return build_reports(as_release(published, quality, config, month), ["FTF-A"])[0]


@pytest.fixture(scope="module")
def pdf(ftf_files):
    with pikepdf.open(ftf_files["pdf"]) as document:
        yield document


def _elements(node, parents=()):
    """Every structure element below ``node``, with its ancestors' types."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid, parents
            yield from _elements(kid, (*parents, str(kid.S)))


@pytest.fixture(scope="module")
def structure(pdf):
    return list(_elements(pdf.Root.StructTreeRoot))


def _charts_of(report: Report) -> list[Chart]:
    return [b for s in report.sections for b in s.blocks if isinstance(b, Chart)]


# --- The PDF --------------------------------------------------------------------------


def test_the_pdf_is_tagged_in_danish_with_its_title_shown(pdf):
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "da"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    title = "Mere ansvar til a-kasser — Monitorering – FTF-A – april 2022"
    assert str(pdf.docinfo["/Title"]) == title
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
        assert xmp["pdfuaid:part"] == "1"


def test_the_structure_tree_holds_headings_paragraphs_tables_and_figures(structure):
    kinds = Counter(str(element.S) for element, _ in structure)
    assert str(structure[0][0].S) == "/Document"
    assert kinds["/H1"] == 1
    assert kinds["/H2"] >= 7 and kinds["/H3"] >= 7
    assert kinds["/Table"] >= 14 and kinds["/Caption"] >= 14
    assert kinds["/TH"] > 100 and kinds["/TD"] > 1000
    assert kinds["/P"] > 20 and kinds["/L"] >= 1 and kinds["/Link"] >= 10


def test_reading_order_follows_the_report(structure, pdf, outline):
    """The headings of the structure tree are the HTML's, in its order, page by page."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
    headings = [e for e, _ in structure if re.fullmatch(r"/H[1-6]", str(e.S))]
    html_levels = [int(t[1]) for t, _ in outline.tags if re.fullmatch(r"h[1-6]", t)]
    assert [int(str(e.S)[2]) for e in headings] == html_levels
    on_pages = [pages[e.Pg.objgen] for e in headings]
    assert on_pages == sorted(on_pages) and on_pages[0] == 0 and on_pages[-1] > 10


def test_every_chart_is_a_figure_with_its_danish_text_alternative(structure, ftf):
    figures = [e for e, _ in structure if str(e.S) == "/Figure"]
    alternatives = [str(f.Alt) for f in figures]
    assert alternatives == [c.description for c in _charts_of(ftf)]
    assert all("BBox" in str(f.A.keys()) for f in figures)


def test_table_headers_are_th_with_scope_and_cells_point_to_them(structure):
    scopes = Counter()
    for element, parents in structure:
        if str(element.S) == "/TH":
            scope = str(element.A.Scope)
            scopes[scope] += 1
            assert (scope == "/Column") == ("/THead" in parents)
            assert "/ID" in element
    assert scopes["/Column"] > 50 and scopes["/Row"] > 100
    cells = [e for e, _ in structure if str(e.S) == "/TD"]
    assert sum(len(c.A.get("/Headers", [])) > 0 for c in cells) / len(cells) > 0.95


def test_table_headers_are_repeated_on_every_page_of_a_long_table(structure, pdf):
    """The bilag's table (two header rows) goes on over pages: each page's part is a
    table of its own with the header rows again."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
    two_rows = [
        e for e, _ in structure if str(e.S) == "/THead" and len(_kids(e, "/TR")) == 2
    ]
    on_pages = [pages[e.Pg.objgen] for e in two_rows]
    assert len(on_pages) >= 3 and len(set(on_pages)) == len(on_pages)


def _kids(element, kind: str) -> list:
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and str(k.get("/S")) == kind]


def test_bookmarks_are_the_headings(pdf, ftf):
    with pdf.open_outline() as outline:
        titles = []

        def walk(items):
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    assert titles[0] == ftf.title
    for section in ftf.sections:
        assert section.title in titles, section.title


def test_borders_and_backgrounds_are_artefacts(pdf):
    page = pdf.pages[3]
    content = page.Contents.read_bytes() if not isinstance(page.Contents, pikepdf.Array) \
        else b"".join(c.read_bytes() for c in page.Contents)
    assert len(re.findall(rb"/Artifact\s+BMC", content)) > 5  # borders and backgrounds


def test_a_chart_page_renders_to_a_png_that_is_not_blank(ftf_files, tmp_path):
    stem = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "4", "-l", "4", "-png", str(ftf_files["pdf"]), str(stem)],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png).convert("RGB")
    pixels = list(image.get_flattened_data())
    dark = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
    primary = tuple(int(_charts.PRIMARY[i : i + 2], 16) for i in (1, 3, 5))
    bars = sum(1 for p in pixels if all(abs(a - b) < 30 for a, b in zip(p, primary, strict=True)))
    assert dark > 0.03  # text, table and bars, not an empty page
    assert bars / len(pixels) > 0.01  # the chart's bars are drawn
    assert image.width < image.height


# --- The charts' text alternatives ------------------------------------------------------


def test_a_monthly_chart_is_described_from_its_cells(ftf, published):
    cells = CellIndex(published)
    chart = _charts_of(ftf)[0]
    months = [f"{y}M{m:02d}" for y in (2020, 2021, 2022) for m in range(1, 13)]
    months = [m for m in months if "2020M09" <= m <= "2022M04"]
    values = [cells.cell("paabegyndte_forloeb", m, "FTF-A") for m in months]
    shown = [(m, c) for m, c in zip(months, values, strict=True) if c.number is not None]
    peak_month, peak = max(shown, key=lambda mc: mc[1].number)
    assert chart.description == (
        f"Påbegyndte forløb per måned, september 2020 til april 2022: fra {shown[0][1].text} "
        f"til {shown[-1][1].text}; højest {peak_month} ({peak.text}). "
        "Tallene står i tabellen under figuren."
    )


def test_every_number_in_a_text_alternative_is_a_published_cell_of_the_report(ftf):
    shown = {
        cell.text
        for table in ftf.tables
        for row in table.rows
        for cell in row.cells
        if cell.key is not None
    }
    shown |= {
        figure.cell.text
        for section in ftf.sections
        for block in section.blocks
        if isinstance(block, KeyFigureGroup)
        for figure in block.figures
    }
    shown |= {"85\u00a0%"}  # the configured target
    for chart in _charts_of(ftf):
        text = re.sub(r"\b\d{4}M\d{2}\b|\b(19|20)\d{2}\b", " ", chart.description)
        # Not figures: the rule's minimum, the conversation buckets' labels, a count of
        # suppressed months.
        text = re.sub(
            r"minimum \d|\b0, 1, 2 og 3\+|\b[0-3]\+? samtaler?\b|\d+ diskretionerede", " ", text
        )
        for number in re.findall(r"\d[\d.,]*(?:\u00a0%)?", text):
            assert number.rstrip(".,") in shown, (number, chart.description)


def test_every_chart_is_followed_by_the_table_of_its_figures(ftf):
    for section in ftf.sections:
        blocks = section.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, Chart):
                assert isinstance(blocks[i + 1], Table), (section.anchor, block.title)
                assert block.description.endswith("Tallene står i tabellen under figuren.")


# --- The HTML ---------------------------------------------------------------------------


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.svg_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svg_depth += 1
            if self.svg_depth == 1:
                self.tags.append((tag, dict(attrs)))
            return
        if not self.svg_depth:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg_depth -= 1


@pytest.fixture(scope="module")
def outline(ftf_files) -> _Outline:
    parser = _Outline()
    parser.feed(Path(ftf_files["html"]).read_text("utf-8"))
    return parser


def test_html_language_landmarks_and_heading_order(outline):
    names = [t for t, _ in outline.tags]
    assert outline.tags[0] == ("html", {"lang": "da"})
    for landmark in ("header", "nav", "main"):
        assert names.count(landmark) == 1, landmark
    levels = [int(t[1]) for t in names if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_html_tables_have_captions_and_scoped_headers(outline):
    names = [t for t, _ in outline.tags]
    assert names.count("table") == names.count("caption") >= 14
    headers = [a for t, a in outline.tags if t == "th"]
    assert headers and all(a.get("scope") in ("col", "row", "colgroup") for a in headers)


def test_html_charts_are_images_with_their_text_alternative(outline, ftf):
    svgs = [a for t, a in outline.tags if t == "svg"]
    assert [a.get("aria-label") for a in svgs] == [c.description for c in _charts_of(ftf)]
    assert all(a.get("role") == "img" for a in svgs)


# --- Contrast (WCAG 2.1: 4.5:1 for text, 3:1 for the graphics that carry data) ----------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_text_and_marks_have_enough_contrast():
    # Text: labels, the suppression "*" and "Udgået" (also on the excluded months' shading).
    for text in (_charts.INK, _charts.MUTED, _charts.TARGET_COLOUR, _charts.MEAN_COLOUR):
        assert _contrast(text, "#ffffff") >= 4.5, text
    assert _contrast(_charts.MUTED, _charts.EXCLUDED_FILL) >= 4.5
    # Bars, lines and points against the white background.
    for colour in {*_charts.CATEGORY_COLOURS.values(), _charts.PRIMARY, _charts.OTHER_AKASSE}:
        assert _contrast(colour, "#ffffff") >= 3.0, colour


def test_report_text_colours_have_enough_contrast():
    css = (Path(_charts.__file__).parent / "static" / "report.css").read_text("utf-8")
    colours = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6});", css))
    for text in ("ink", "muted", "primary"):
        for background in ("#ffffff", colours["band"], colours["highlight"]):
            assert _contrast(colours[text], background) >= 4.5, (text, background)
