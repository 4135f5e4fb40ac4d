"""The PDF: pages, text, fonts, page numbers, and a page 1 that is not blank."""

from __future__ import annotations

import re

import pypdf
import pypdfium2
import pytest

from akassemonitor.publish._cells import CellIndex


@pytest.fixture(scope="module")
def pdf(ftf_files) -> pypdf.PdfReader:
    return pypdf.PdfReader(ftf_files["pdf"])


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def test_page_count_and_key_headings(pdf, pages):
    assert 12 <= len(pdf.pages) <= 30
    text = " ".join(" ".join(pages).split())
    for heading in (
        "Mere ansvar til a-kasser — Monitorering",
        "Rapport – april 2022",
        "Indholdsfortegnelse",
        "Status på forsøget – april 2022",
        "Måling 2.2 – Tilsynsmåling",
        "Infoboks – Fokusmål for kontaktforløbet",
        "Bilag 1a: personer der indgår i opgørelsen af fokusmålet",
        "Bilag 2 – Datakvalitet",
    ):
        assert heading in text, heading
    assert "FTF-A" in pages[0]


def test_key_figures_of_the_month_are_in_the_status_page(pages, published):
    cells = CellIndex(published)
    flat = [" ".join(p.split()) for p in pages]
    status = next(p for p in flat if "Antal påbegyndte forløb i måneden" in p)
    for key in (
        ("paabegyndte_forloeb", "2022M04", "FTF-A", ""),
        ("personer_omfattet", "2022M04", "FTF-A", ""),
        ("samtaler", "2022M04", "FTF-A", "UNIK"),
        ("tilbud_personer", "2022M04", "FTF-A", "I_ALT"),
    ):
        assert cells.cell(*key).text in status, key
    assert cells.cell("personer_omfattet", "2022M04", "FTF-A").text == "3.810"


def test_pages_are_numbered_and_the_contents_point_to_them(pages):
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Side {number} af {total}" in text, number
    assert "Side 1 af" not in pages[0]
    contents = pages[1]
    for title, marker in (("Tema 2 – Kontaktforløbet", "Tema 2 – Kontaktforløbet"),
                          ("Bilag 2 – Datakvalitet", "Bilag 2 – Datakvalitet")):
        listed = int(re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.M).group(1))
        assert marker in pages[listed - 1]


def test_fonts_are_embedded_and_danish_letters_survive(pdf, pages):
    fonts = {}
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts and all("Source-Sans-3" in name for name in fonts)
    for font in fonts.values():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor
    text = "\n".join(pages)
    assert "påbegyndte forløb" in text and "Rådighedssamtale" in text and "Løntilskud" in text


def test_page_one_is_not_blank(ftf_files):
    document = pypdfium2.PdfDocument(str(ftf_files["pdf"]))
    image = document[0].render(scale=0.5).to_pil().convert("L")
    dark = sum(image.histogram()[:200])
    assert dark / (image.width * image.height) > 0.005
    assert image.width < image.height  # portrait A4
